// OpenVPN servers with username/password logins through the PAM plugin, as they write them: 2.4's
// own file (`log-append`, ctime stamps, the plugin's background process writing to stderr without
// one), 2.6's file (ISO stamps, the plugin line through the logger) and syslog under Debian's
// `--daemon ovpn-server` tag (no stamp of its own). A failure names the account only on the
// plugin's line; the client only on the server's lines.
import { type Attempt, ctime, hex8, iso } from './scenario';

const PLUGIN = '/usr/lib/x86_64-linux-gnu/openvpn/plugins/openvpn-plugin-auth-pam.so';

/** The lines of one attempt, without their stamps: [text, has the server's stamp] */
function attemptLines(a: Attempt, n: number): [string, boolean][] {
  const peer = `${a.ip}:${a.port}`;
  const out: [string, boolean][] = [
    [`${peer} TLS: Initial packet from [AF_INET]${peer}, sid=${hex8(a)} ${hex8({ ...a, port: a.port + 1 })}`, true],
    [`${peer} peer info: IV_VER=2.6.8`, true],
    [`${peer} peer info: IV_PLAT=win`, true],
  ];
  if (!a.ok) {
    out.push([`AUTH-PAM: BACKGROUND: user '${a.user}' failed to authenticate: Authentication failure`, false]);
    out.push([`${peer} PLUGIN_CALL: POST ${PLUGIN}/PLUGIN_AUTH_USER_PASS_VERIFY status=1`, true]);
    out.push([`${peer} PLUGIN_CALL: plugin function PLUGIN_AUTH_USER_PASS_VERIFY failed with status 1: ${PLUGIN}`, true]);
    out.push([`${peer} TLS Auth Error: Auth Username/Password verification failed for peer`, true]);
    out.push([`${peer} SENT CONTROL [UNDEF]: 'AUTH_FAILED' (status=1)`, true]);
    return out;
  }
  out.push([`${peer} PLUGIN_CALL: POST ${PLUGIN}/PLUGIN_AUTH_USER_PASS_VERIFY status=0`, true]);
  out.push([`${peer} TLS: Username/Password authentication succeeded for username '${a.user}' [CN SET]`, true]);
  out.push([`${peer} Control Channel: TLSv1.3, cipher TLSv1.3 TLS_AES_256_GCM_SHA384, peer certificate: 2048 bit RSA, signature: RSA-SHA256`, true]);
  out.push([`${peer} [${a.user}] Peer Connection Initiated with [AF_INET]${peer}`, true]);
  out.push([`${a.user}/${peer} MULTI_sva: pool returned IPv4=10.8.0.${6 + (n % 200)}, IPv6=(Not enabled)`, true]);
  out.push([`${a.user}/${peer} SENT CONTROL [${a.user}]: 'PUSH_REPLY,route 10.0.0.0 255.255.0.0,route-gateway 10.8.0.1,topology subnet,ping 10,ping-restart 120,ifconfig 10.8.0.${6 + (n % 200)} 255.255.255.0,peer-id 0,cipher AES-256-GCM' (status=1)`, true]);
  return out;
}

/** OpenVPN 2.4's `log-append` file: ctime stamps; the PAM plugin's stderr line has none */
export function openvpn24(attempts: readonly Attempt[]): string[] {
  return attempts.flatMap((a, n) => attemptLines(a, n).map(([t, stamped]) => (stamped ? `${ctime(a.ms)} ${t}` : t)));
}

/** OpenVPN 2.6's file: ISO stamps on every line, the plugin's through the logger */
export function openvpn26(attempts: readonly Attempt[]): string[] {
  return attempts.flatMap((a, n) => attemptLines(a, n).map(([t]) => `${iso(a.ms)} ${t}`));
}

/** syslog (`--daemon ovpn-server`): the daemon writes no stamp of its own */
export function openvpnSyslog(attempts: readonly Attempt[]): string[] {
  const bsd = (ms: number): string => {
    const d = new Date(ms);
    return `Dec ${String(d.getUTCDate()).padStart(2, ' ')} ${iso(ms).slice(11)}`;
  };
  return attempts.flatMap((a, n) => attemptLines(a, n).map(([t]) => `${bsd(a.ms)} vpn1 ovpn-server[1187]: ${t}`));
}
