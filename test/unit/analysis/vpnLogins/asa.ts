// Cisco ASA AnyConnect logins as the ASA sends them to syslog with its own timestamp and device id:
// the TLS handshake, then for a refused password the AAA rejection (113005, the name masked as the
// ASA does by default) and the session's rejection naming it (716039); for a login that passes the
// AAA acceptance (113004, no client), the session's (716038), the parent session (113039) and the
// address it was given (722051).
import { type Attempt, asaTime } from './scenario';

export function asaLog(attempts: readonly Attempt[]): string[] {
  return attempts.flatMap((a, n) => {
    const h = `${asaTime(a.ms)} asa-vpn01 : `;
    const out = [`${h}%ASA-6-725001: Starting SSL handshake with client outside:${a.ip}/${a.port} to 198.51.100.1/443 for TLS session`];
    out.push(`${h}%ASA-6-725002: Device completed SSL handshake with client outside:${a.ip}/${a.port} to 198.51.100.1/443 for TLSv1.2 session`);
    if (!a.ok) {
      out.push(`${h}%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 10.20.0.5 : user = ***** : user IP = ${a.ip}`);
      out.push(`${h}%ASA-6-716039: Group <DfltGrpPolicy> User <${a.user}> IP <${a.ip}> Authentication: rejected, Session Type: WebVPN.`);
      return out;
    }
    out.push(`${h}%ASA-6-113004: AAA user authentication Successful : server =  10.20.0.5 : user = ${a.user}`);
    out.push(`${h}%ASA-6-113008: AAA transaction status ACCEPT : user = ${a.user}`);
    out.push(`${h}%ASA-6-716038: Group <GP-AnyConnect> User <${a.user}> IP <${a.ip}> Authentication: successful, Session Type: WebVPN.`);
    out.push(`${h}%ASA-6-113039: Group <GP-AnyConnect> User <${a.user}> IP <${a.ip}> AnyConnect parent session started.`);
    out.push(`${h}%ASA-4-722051: Group <GP-AnyConnect> User <${a.user}> IP <${a.ip}> IPv4 Address <10.10.10.${10 + (n % 200)}> IPv6 address <::> assigned to session`);
    return out;
  });
}
