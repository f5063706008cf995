// Palo Alto GlobalProtect in the GLOBALPROTECT log type (PAN-OS 10+), as syslog sends it and as a
// collector that keeps messages only saves it: each attempt's portal pre-login, then the portal's
// authentication (failure or success by its status, the client's public address, the user), and
// for a login that passed the gateway's authentication and the tunnel.
import { type Attempt, bsd, hex8, slash } from './scenario';

const SERIAL = '016201004321';

function record(a: Attempt, n: number, event: string, stage: string, auth: string, status: string, error: string, desc: string, privateIp = '0.0.0.0'): string {
  const t = slash(a.ms);
  const seq = 7412983300185523201n + BigInt(n);
  return `1,${t},${SERIAL},GLOBALPROTECT,0,2817,${t},vsys1,${event},${stage},${auth},${stage === 'connected' ? 'IPSec' : ''},${a.user},DE,LT-${hex8(a).slice(0, 6).toUpperCase()},${a.ip},0.0.0.0,${privateIp},0.0.0.0,${hex8(a)}-8b7d-4c19-9e55-0a2f7d1c4b90,PF3K9Z2A,6.2.4-28,Microsoft Windows,"Microsoft Windows 11 Enterprise , 64-bit",1,,${error},"${desc}",${status},,0,,${status === 'failure' ? 505 : 0},GP-Portal,${seq},0x0,${new Date(a.ms).toISOString().replace('Z', '+00:00')},,0,,,,12,0,0,0,,PA-3220,1,`;
}

/** The records of the morning, without a syslog header */
export function gpRecords(attempts: readonly Attempt[]): string[] {
  return attempts.flatMap((a, n) => {
    const pre = record({ ...a, user: '' }, n, 'portal-prelogin', 'before-login', '', 'success', '', '');
    if (!a.ok) return [pre, record(a, n, 'portal-auth', 'login', 'LDAP', 'failure', 'Authentication failed: Invalid username or password', `Client region: DE, Client version: 6.2.4-28, Login from: ${a.ip}.`)];
    return [
      pre,
      record(a, n, 'portal-auth', 'login', 'LDAP', 'success', '', `Client region: DE, Client version: 6.2.4-28, Login from: ${a.ip}.`),
      record(a, n, 'gateway-connected', 'connected', '', 'success', '', '', `10.31.0.${10 + (n % 200)}`),
    ];
  });
}

/** The same records behind an RFC 3164 header (`<14>Dec  7 10:00:01 PA-3220 1,…`) */
export function gpSyslog(attempts: readonly Attempt[]): string[] {
  const recs = gpRecords(attempts);
  return recs.map((r) => `<14>${bsd(Date.parse(r.split(',')[1]!.replace(/\//g, '-').replace(' ', 'T') + 'Z'))} PA-3220 ${r}`);
}
