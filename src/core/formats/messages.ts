// Typed fields from one syslog-style message (program + text), wherever the message came from: a
// syslog file, a journald JSON export, or a SIEM's CSV of syslog. Logins (sshd, PAM, FTP, mail),
// sudo, kernel firewall lines (UFW, iptables LOG, firewalld) and HAProxy's HTTP log become
// actions, addresses and ports, so the detectors see them; anything else stays program + message.
import type { CellValue } from './types';
import { C } from './cols';
import { HOST_NAME, normalizeIp } from './clean';
import { forwardedClient } from './access';
import { cisco, junosFlow, meraki, mikrotik, panos, watchguard } from './netdevices';
import { typeIdsAlert } from './fastlog';
import { f5Asm } from './waf';
import { DNS_PROGRAMS, typeDnsMessage } from './dns';
import { asteriskLogin, eximLogin, netscalerLogin, pulseLogin, webAppLogin } from './applogins';
import { databaseLogin } from './dblogins';
import { filterlog, netfilter } from './hostfirewalls';
import { isCharon, strongswanLogin } from './vpnlogins';

const IP = String.raw`([0-9A-Fa-f:.]+)`;
const FROM_PORT = new RegExp(String.raw`(?:from|with|for|by) ${IP} port (\d+)`);
const FAILED = new RegExp(String.raw`^Failed (\S+) for (?:invalid user )?(.*?) from ${IP} port (\d+)`);
const ACCEPTED = new RegExp(String.raw`^Accepted (\S+) for (.*?) from ${IP} port (\d+)`);
const INVALID = new RegExp(String.raw`^Invalid user (.*?) from ${IP}(?: port (\d+))?`);
const CLOSED = new RegExp(String.raw`^(?:Connection closed|Connection reset|Disconnected) (?:by|from) (?:(authenticating |invalid )?user (.*?) )?${IP}(?: port (\d+))?(?: \[preauth\])?$`);
// older sshd leaves the port out: `Received disconnect from 103.99.0.122: 11: Bye Bye [preauth]`
const RECEIVED_DISCONNECT = new RegExp(String.raw`^(?:error: )?Received disconnect from ([0-9A-Fa-f:.]*[0-9A-Fa-f])(?: port (\d+))?:`);
/** `reverse mapping checking getaddrinfo for host [A] failed - POSSIBLE BREAK-IN ATTEMPT!`, `Address A maps to host, but this does not map back` */
const DNS_MISMATCH = /^(?:reverse mapping checking getaddrinfo for \S+ \[([0-9A-Fa-f:.]+)\]|Address ([0-9A-Fa-f:.]+) maps to )/;
/**
 * FreeBSD / macOS sshd: `error: PAM: Authentication error for illegal user admin from A` (or
 * `for root from A [via …]`). sshd also logs `Failed keyboard-interactive/pam for …` for the same
 * try, so an unknown user is a notice (paired with that line like `Invalid user`), a known one only
 * gives the address.
 */
const BSD_PAM = /^error: PAM: [Aa]uthentication error for (illegal user )?(\S+) from ([0-9A-Fa-f:.]+)/;
/** `PAM 5 more authentication failures; … rhost=A  user=root` (sshd logged each as Failed already) */
/**
 * VMware ESXi hostd events (Host Client, vSphere API): `[Originator@6876 sub=Vimsvc.ha-eventmgr] Event
 * 113 : Cannot login root@203.0.113.5`, `Event 114 : User root@A logged in as Mozilla/5.0 …`; the
 * account may itself hold an `@` (`bob@example.com@A`): the address is after the last one.
 */
const ESXI_LOGIN = /^Event \d{1,12} : (?:Cannot login (\S{1,256})@([0-9A-Fa-f:.]{2,45})(?=\s|$)|User (\S{1,256})@([0-9A-Fa-f:.]{2,45}) logged in\b)/;
const PAM_MORE = /^PAM \d+ more authentication failures?;(.*)$/;
const NO_IDENT = new RegExp(String.raw`^Did not receive identification string from ${IP}(?: port (\d+))?`);
const MAX_ATTEMPTS = new RegExp(String.raw`^error: maximum authentication attempts exceeded for (?:invalid user )?(.*?) from ${IP} port (\d+)`);
const PAM_AUTH_FAIL = /^pam_unix\((\S+):auth\): authentication failure;(.*)$/;
const PAM_SESSION = /^pam_unix\((\S+):session\): session (opened|closed) for user (\S+)/;
/** Older Linux PAM tags the program itself: `sshd(pam_unix)[19939]: authentication failure; … rhost=…  user=root` */
const OLD_PAM_PROGRAM = /^([\w.-]+)\(pam_unix\)$/;
const OLD_PAM_FAIL = /^authentication failure;(.*)$/;
const OLD_PAM_SESSION = /^session (opened|closed) for user (\S+)/;
/** `ftpd[23661]: connection from 82.252.162.81 (host.example) at …` */
const FTPD_CONNECTION = /^connection from ([0-9A-Fa-f:.]+)[ (]/;
const SUDO = /^\s*(\S+) : (?:.*; )?(?:TTY=|user NOT in sudoers|command not allowed)/;
const REPEATED = /^message repeated (\d+) times: \[ ?(.*)\]$/;
/** vsftpd: `[ftp] FAIL LOGIN: Client "203.0.113.5"` (the user, when logged, is in brackets before) */
const FTP_LOGIN = /^(?:\[pid \d+\] )?(?:\[([^\]]*)\] )?(FAIL|OK) LOGIN: Client "(?:::ffff:)?([0-9A-Fa-f:.]+)"/;
/** vsftpd transfers: `[alice] OK DOWNLOAD: Client "A", "/home/alice/x.tar.gz", 734003200 bytes, 81920.00Kbyte/sec` */
const FTP_XFER = /^(?:\[pid \d{1,10}\] )?(?:\[([^\]]{0,256})\] )?(OK|FAIL) (DOWNLOAD|UPLOAD): Client "(?:::ffff:)?([0-9A-Fa-f:.]{2,45})", "([^"]{0,4096})"(?:, (\d{1,15}) bytes)?/;
/** Dovecot: `imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<admin>, method=PLAIN, rip=203.0.113.5, lip=…` */
const DOVECOT = /^(?:imap|pop3|submission|managesieve)-login: (?:Disconnected|Aborted login)[^:]*\(auth failed(?:, (\d+) attempts)?[^)]*\): (?:user=<([^>]*)>, )?.*?\brip=([0-9A-Fa-f:.]+)/;
const DOVECOT_OK = /^(?:imap|pop3|submission|managesieve)-login: Login: user=<([^>]*)>.*?\brip=([0-9A-Fa-f:.]+)/;
/**
 * Dovecot's passdb lines (auth_verbose): `auth: pam(info@x,203.0.113.5,<sess>): pam_authenticate() failed: …`,
 * `auth-worker(42): sql(root,203.0.113.5,<sess>): Password mismatch`. The login process's
 * `Disconnected (auth failed, N attempts)` line counts the same attempts, so these give user and
 * address but no action.
 */
const DOVECOT_PASSDB = /^auth(?:-worker\(\d{1,10}\))?: (?:[A-Z][a-z]{2,8}: )?(?:conn [^:]{0,80}: )?[a-z][\w-]{0,31}\(([^,()]{0,256}),([0-9A-Fa-f:.]{2,45})(?:,<[^>]{0,64}>)?\): /;
/** Postfix / Sendmail SASL: `warning: unknown[203.0.113.5]: SASL LOGIN authentication failed: …` */
const SASL_FAIL = /^warning: [^[\s]*\[([0-9A-Fa-f:.]+)\]: SASL \S+ authentication failed/;
/** Postfix 3.x names the account tried: `…: authentication failure, sasl_username=admin@example.com` */
const SASL_USER = /, sasl_username=([^\s,]{1,256})/;
/**
 * Postfix smtpd lines that name the client, `host[A]` (`:port` with smtpd_client_port_logging):
 * `connect from`, `disconnect from`, `lost connection|timeout|too many errors after CMD [(N bytes)] from`,
 * a queue or NOQUEUE `reject|discard|…: CMD from`, and the queue line `QID: client=`.
 */
const POSTFIX_CLIENT = /^(?:(dis)?connect from |(?:lost connection|timeout|too many errors) after [A-Z-]{1,32}(?: \(\d{1,15} bytes\))? from |(?:NOQUEUE|\w{5,20}): (?:client=|[a-z]{1,16}: [A-Z-]{1,16} from ))[^[\s]{0,255}\[([0-9A-Fa-f:.]{2,45})\](?::(\d{1,5}))?/;
/**
 * The AUTH count on Postfix's (≥ 3.0) disconnect line: `auth=0/1` is one AUTH command, none answered
 * 2xx (`auth=2` two, all answered). Kept as counts, not typed as a failed login: a refused AUTH is
 * also one the server does not offer (503) or a client that gave up (501), and a wrong password
 * has its own `SASL … authentication failed` line, which is counted.
 */
const POSTFIX_AUTH_STATS = / auth=(\d{1,9})(?:\/(\d{1,9}))?(?=\s|$)/;
/** Postfix's line for a message an authenticated client sent: `4F2A31C0123: client=unknown[203.0.113.5], sasl_method=LOGIN, sasl_username=bob` (a SASL login that passed) */
const SASL_OK = /^\w{5,20}: client=[^[\s]{0,255}\[([0-9A-Fa-f:.]{2,45})\](?::(\d{1,5}))?, sasl_method=[^,\s]{1,32}, sasl_username=([^\s,]{1,256})(?=[\s,]|$)/;
/**
 * Pure-FTPd: `(?@203.0.113.5) [WARNING] Authentication failed for user [bob]`, `(?@A) [INFO] bob is
 * now logged in`, then `(bob@A) [NOTICE] /home/bob//x.zip downloaded  (1048576 bytes, 5120.00KB/sec)`;
 * the host is a name when its DNS lookups are on.
 */
const PUREFTPD = /^\(([^@()\s]{1,256})@([^()\s]{1,255})\) \[[A-Z]{1,10}\] /;
const PUREFTPD_FAIL = /^Authentication failed for user \[([^\]]{0,256})\]/;
const PUREFTPD_OK = /^(\S{1,256}) is now logged in$/;
const PUREFTPD_XFER = /^(\/.{0,4096}) (downloaded|uploaded) {1,2}\((\d{1,15}) bytes, /;
/** ProFTPD: `host (name[198.51.100.104]) - USER admin (Login failed): Incorrect password`, `- USER bob: Login successful.` */
const PROFTPD = /^\S+ \(([^[\s]*)\[([0-9A-Fa-f:.]+)\]\) - USER (\S+?):? (?:(\(Login failed\)|no such user)|Login successful)/;
/** OpenVPN: `198.51.100.105:50000 TLS Auth Error: Auth Username/Password verification failed for peer` */
const OPENVPN_AUTH_FAIL = /^(?:\S+\/)?([0-9A-Fa-f.]+|\[[0-9A-Fa-f:]+\]):(\d+) (?:TLS Auth Error|.*?Auth Username\/Password verification failed)/;
/** OpenVPN: `A:port [alice] Peer Connection Initiated with …` (the client's certificate name, once its login passed); later lines `alice/A:port …` */
const OPENVPN_PEER = /^([0-9A-Fa-f.]{7,15}|\[[0-9A-Fa-f:]{2,45}\]):(\d{1,5}) \[([^\]\s]{1,128})\] Peer Connection Initiated with /;
const OPENVPN_CN = /^([^\s/:[\]]{1,128})\/([0-9A-Fa-f.]{7,15}|\[[0-9A-Fa-f:]{2,45}\]):(\d{1,5}) /;
/** OpenVPN: `A:port TLS: Username/Password authentication succeeded for username 'alice' [CN SET]` (a password login that passed; `deferred` is not yet one) */
const OPENVPN_PASS_OK = /^(?:[^\s/:[\]]{1,128}\/)?([0-9A-Fa-f.]{7,15}|\[[0-9A-Fa-f:]{2,45}\]):(\d{1,5}) TLS: Username\/Password authentication succeeded for username '([^']{0,256})'/;
/**
 * OpenVPN's PAM plugin: `AUTH-PAM: BACKGROUND: user 'alice' failed to authenticate: Authentication failure`.
 * It names the account but not the client; the server's `A:port TLS Auth Error` for the same try
 * follows it at once, and the parser gives that line this account (`extra._carry_user`, carriedUser).
 */
const OPENVPN_PAM_FAIL = /^AUTH-PAM: BACKGROUND: user '([^']{0,256})' failed to authenticate: /;
/** An OpenVPN daemon's syslog tag: `openvpn`, `openvpn-server`, or the name `--daemon ovpn-server` gives it (Debian's openvpn@.service) */
const isOpenvpn = (program: string | null): boolean => program === null || program.startsWith('openvpn') || program.startsWith('ovpn-');
/** fail2ban.log (`fail2ban.filter  [1234]: INFO    [sshd] Found 203.0.113.5 - …`) or its syslog line (program `fail2ban.actions`, `NOTICE [sshd] Ban 203.0.113.5`) */
const FAIL2BAN_PREFIX = /^fail2ban\.\w+ *\[\d{1,10}\]: */;
const FAIL2BAN = /^(?:[A-Z]{1,10} +)?\[([^\]\s]{1,64})\] (Found|Ban|Unban|Restore Ban|Ignore) ([0-9A-Fa-f:.]{2,45})(?= |$)/;
/** fail2ban jails that watch logins: their `Found` lines are failed logins; other jails (bad bots, 404s, recidive) are not */
const FAIL2BAN_LOGIN_JAIL = /ssh|sasl|dovecot|postfix|exim|courier|cyrus|ftp|mysql|maria|postgres|mssql|rdp|vnc|auth|login|wordpress|openvpn|roundcube|nextcloud|gitlab|grafana|asterisk|proxmox|webmin/i;

/** HAProxy HTTP log: `203.0.113.5:51234 [01/May/2024:10:00:01.123] fe be/srv 0/0/1/2/3 200 1234 - - ---- 1/1/0/0/0 0/0 "GET /p HTTP/1.1"`.
 * The method has no quote in it, so each `"` the lazy skip tries costs one token, not the rest of the line. */
const HAPROXY = /^([0-9A-Fa-f:.]+):(\d+) \[[^\]]+\] \S+ \S+ ([-\d/+]+) (-?\d+) \+?(\d+) .*?(?:\{([^{}]*)\} (?:\{[^{}]*\} )?)?"([^\s"]+) (\S+)(?: (HTTP\/[\d.]+))?"\s*$/;
/** a captured header value that is a user agent: a product token with a version (`Mozilla/5.0 …`, `sqlmap/1.8`, `curl/8.5.0`) */
const CAPTURED_UA = /^[A-Za-z][\w.+-]{0,40}\/\d/;

/**
 * HAProxy's captured request headers (`capture request header User-Agent len 128`, `… X-Forwarded-For …`,
 * `… Host …`), logged as `{v1|v2|…}` before the request in the order the configuration names them,
 * which the log does not say: the user agent is the value shaped like one, and behind a load balancer
 * (a private client address) an address list is the forwarded client, picked as for access logs.
 */
function haproxyCaptures(block: string, row: CellValue[], extra: Record<string, string>): void {
  const values = block.split('|').map((v) => v.replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))).trim());
  const ua = values.find((v) => CAPTURED_UA.test(v));
  if (ua !== undefined) row[C.user_agent] = ua;
  const remote = row[C.src_ip];
  if (typeof remote !== 'string') return;
  for (const v of values) {
    const client: string | null = v && v !== ua ? forwardedClient(v, remote) : null;
    if (client !== null && client !== remote) {
      row[C.src_ip] = client;
      row[C.src_port] = null;
      extra.proxy_ip = remote;
      extra.x_forwarded_for = v;
      return;
    }
  }
}
/** HAProxy TCP log: `10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0` (Tw/Tc/Tt, bytes, termination state) */
const HAPROXY_TCP = /^([0-9A-Fa-f:.]+):(\d{1,5}) \[[^\]]{1,40}\] \S+ \S+ -?\d{1,10}\/-?\d{1,10}\/\+?(-?\d{1,10}) \+?(\d{1,15}) (\S\S) [\d/+]{1,60} \d{1,10}\/\d{1,10}$/;

/** Typed fields from one message. `extra` collects what has no column (auth method, repeats, firewall details). */
export function typeMessage(program: string | null, message: string, row: CellValue[], extra: Record<string, string>): void {
  let msg = message;
  const rep = REPEATED.exec(msg);
  if (rep) {
    extra.repeated = rep[1];
    msg = rep[2];
  }
  const setIp = (ip: string, port: string | undefined): void => {
    const n = normalizeIp(ip);
    if (n !== null) row[C.src_ip] = n;
    if (port !== undefined) row[C.src_port] = Number(port);
  };
  if (program !== null && DNS_PROGRAMS.has(program)) {
    // a DNS query: the name looked up is the host; the machine that logged it moves to extra
    const logHost = row[C.host];
    if (typeDnsMessage(program, msg, row, extra)) {
      if (typeof logHost === 'string' && logHost !== row[C.host]) extra.log_host = logHost;
      return;
    }
  }
  const preauth = msg.endsWith('[preauth]');
  let m: RegExpExecArray | null;
  const oldPam = program !== null ? OLD_PAM_PROGRAM.exec(program) : null;
  if (oldPam) {
    // pam_unix's own line is all these logs have for a failed password (no sshd "Failed" line
    // beside it), so it is the failure; rhost may be a host name when reverse DNS answered
    if ((m = OLD_PAM_FAIL.exec(msg))) {
      row[C.action] = 'auth_failure';
      pamFields(m[1], row, setIp);
      const host = / rhost=(\S+)/.exec(m[1])?.[1];
      if (row[C.src_ip] === null && host !== undefined && HOST_NAME.test(host)) row[C.src_ip] = host.toLowerCase();
    } else if ((m = OLD_PAM_SESSION.exec(msg))) {
      if (oldPam[1] === 'sshd') row[C.action] = m[1] === 'opened' ? 'session_open' : 'session_close';
      row[C.user] = m[2];
    }
    return;
  }
  if (program === 'ftpd' && (m = FTPD_CONNECTION.exec(msg))) {
    setIp(m[1], undefined);
    return;
  }
  // OpenSSH 9.8 and later log authentication from the per-connection sshd-session process
  if (program === 'sshd' || program === 'sshd-session') {
    if ((m = FAILED.exec(msg))) {
      row[C.action] = 'auth_failure';
      row[C.user] = m[2];
      extra.method = m[1];
      if (msg.indexOf('for invalid user ') >= 0) extra.invalid_user = 'true';
      setIp(m[3], m[4]);
    } else if ((m = ACCEPTED.exec(msg))) {
      row[C.action] = 'auth_success';
      row[C.user] = m[2];
      extra.method = m[1];
      setIp(m[3], m[4]);
    } else if ((m = INVALID.exec(msg))) {
      row[C.action] = 'invalid_user';
      row[C.user] = m[1];
      setIp(m[2], m[3]);
    } else if ((m = CLOSED.exec(msg))) {
      // "closed by authenticating user root A port P [preauth]": the client began to log in as
      // root and left without success. On a server that takes only keys that line is all a
      // failed guess leaves (the analysis counts it when no failure was logged on that connection).
      if (preauth) row[C.action] = m[1] === 'authenticating ' ? 'auth_abandoned' : 'preauth_close';
      if (m[2] !== undefined) row[C.user] = m[2];
      setIp(m[3], m[4]);
    } else if ((m = RECEIVED_DISCONNECT.exec(msg))) {
      if (preauth) row[C.action] = 'preauth_close';
      setIp(m[1], m[2]);
    } else if ((m = NO_IDENT.exec(msg))) {
      row[C.action] = 'preauth_close';
      setIp(m[1], m[2]);
    } else if ((m = MAX_ATTEMPTS.exec(msg))) {
      // sshd cut the connection off after MaxAuthTries failures. It may follow Failed lines on the
      // same connection (password guesses), or stand alone: failed public-key and keyboard-
      // interactive attempts are logged below INFO. The analysis counts what was not logged.
      row[C.action] = 'auth_max_attempts';
      row[C.user] = m[1];
      setIp(m[2], m[3]);
    } else if ((m = PAM_SESSION.exec(msg))) {
      row[C.action] = m[2] === 'opened' ? 'session_open' : 'session_close';
      row[C.user] = m[3];
    } else if ((m = PAM_AUTH_FAIL.exec(msg))) {
      // duplicates sshd's own "Failed password" line; typed (rhost, user) but left without an action
      pamFields(m[2], row, setIp);
    } else if ((m = BSD_PAM.exec(msg))) {
      if (m[1] !== undefined) row[C.action] = 'invalid_user';
      row[C.user] = m[2];
      setIp(m[3], undefined);
    } else if ((m = PAM_MORE.exec(msg))) {
      pamFields(m[1], row, setIp);
    } else if ((m = DNS_MISMATCH.exec(msg))) {
      setIp(m[1] ?? m[2]!, undefined);
    } else if ((m = FROM_PORT.exec(msg)) && normalizeIp(m[1]) !== null) {
      setIp(m[1], m[2]);
    }
    return;
  }
  if (program !== null && (program === 'hostd' || program === 'Hostd')) {
    // the event may follow the Originator block (ESXi's own file) or a forwarded `info hostd[pid] [...]` header
    const at = msg.indexOf('] Event ');
    if (at >= 0 && (m = ESXI_LOGIN.exec(msg.slice(at + 2))) !== null) {
      row[C.action] = m[1] !== undefined ? 'auth_failure' : 'auth_success';
      row[C.user] = m[1] ?? m[3]!;
      setIp(m[2] ?? m[4]!, undefined);
      return;
    }
  }
  if (program === 'sudo') {
    m = SUDO.exec(msg);
    if (m) {
      row[C.action] = 'sudo';
      row[C.user] = m[1];
      return;
    }
  }
  // F5 BIG-IP ASM / Advanced WAF: `ASM:unit_hostname="…",…,ip_client="…",…` (the tag and the pairs written together)
  if ((msg.startsWith('ASM:') || program === 'ASM') && f5Asm(msg, row, extra)) return;
  // Snort / Suricata alerts sent to syslog: `[1:2001219:20] ET SCAN … {TCP} a:p -> b:q` (or `[Drop] [1:…`)
  if (msg.charCodeAt(0) === 91 && (program === null || /^(?:snort|suricata)/i.test(program)) && typeIdsAlert(msg, row, extra)) return;
  if (program !== null && program.charCodeAt(0) === 37 && cisco(program, msg, row, extra)) return;
  // IOS puts a sequence number and its own timestamp first: `123: *May  1 10:00:09: %SEC-6-IPACCESSLOGP: list ...`
  const pct = msg.indexOf(': %');
  if (pct >= 0) {
    const tagEnd = msg.indexOf(': ', pct + 3);
    const tag = tagEnd > 0 ? msg.slice(pct + 2, tagEnd) : '';
    if (tag !== '' && cisco(tag, msg.slice(tagEnd + 2), row, extra)) {
      if (program !== null && /^\d+$/.test(program)) extra.seq = program;
      row[C.program] = tag;
      return;
    }
  }
  if (msg.indexOf(' SRC=') >= 0 && msg.indexOf(' PROTO=') >= 0) {
    netfilter(msg, row, extra);
    return;
  }
  if (program === 'filterlog' && filterlog(msg, row, extra)) return;
  if (program === null && msg.charCodeAt(0) >= 97 && mikrotik(msg, row, extra)) return;
  if (msg.startsWith('msg_id="') && watchguard(msg, row, extra)) return;
  if (program !== null && meraki(program, msg, row, extra)) return;
  if (program !== null && program.startsWith('RT_FLOW') && junosFlow(msg, row, extra)) return;
  if (msg.charCodeAt(1) === 44 || msg.charCodeAt(2) === 44) {
    if (panos(msg, row, extra)) return;
  }
  if ((m = PAM_AUTH_FAIL.exec(msg))) {
    // other services (vsftpd, dovecot, su, login) log no line of their own: this is the failure
    row[C.action] = 'auth_failure';
    pamFields(m[2], row, setIp);
    return;
  }
  if ((m = FTP_XFER.exec(msg))) {
    // a file the client took (DOWNLOAD) or left (UPLOAD): its size is what the exfiltration detector weighs
    if (m[1]) row[C.user] = m[1];
    setIp(m[4], undefined);
    row[C.path] = m[5];
    if (m[6] !== undefined) row[C.bytes] = Number(m[6]);
    extra.ftp = `${m[2]} ${m[3]}`;
    return;
  }
  if (program === null && xferlog(msg, row, extra)) return;
  if ((m = FTP_LOGIN.exec(msg))) {
    row[C.action] = m[2] === 'FAIL' ? 'auth_failure' : 'auth_success';
    if (m[1]) row[C.user] = m[1];
    setIp(m[3], undefined);
    return;
  }
  if ((m = DOVECOT.exec(msg))) {
    row[C.action] = 'auth_failure';
    if (m[1] !== undefined) extra.attempts = m[1];
    if (m[2]) row[C.user] = m[2];
    setIp(m[3], undefined);
    return;
  }
  if (msg.startsWith('auth') && (m = DOVECOT_PASSDB.exec(msg))) {
    if (m[1] !== '' && m[1] !== '?') row[C.user] = m[1];
    setIp(m[2], undefined);
    return;
  }
  if ((m = DOVECOT_OK.exec(msg))) {
    row[C.action] = 'auth_success';
    if (m[1]) row[C.user] = m[1];
    setIp(m[2], undefined);
    return;
  }
  if ((m = SASL_FAIL.exec(msg))) {
    row[C.action] = 'auth_failure';
    const u = SASL_USER.exec(msg);
    if (u !== null) row[C.user] = u[1];
    setIp(m[1], undefined);
    return;
  }
  if ((m = SASL_OK.exec(msg))) {
    row[C.action] = 'auth_success';
    row[C.user] = m[3];
    setIp(m[1], m[2]);
    return;
  }
  if (program !== null && program.startsWith('postfix') && program.endsWith('/smtpd') && (m = POSTFIX_CLIENT.exec(msg))) {
    setIp(m[2], m[3]);
    const a = m[1] === 'dis' ? POSTFIX_AUTH_STATS.exec(msg.length > 400 ? msg.slice(0, 400) : msg) : null;
    if (a !== null) extra.smtp_auth = `${a[1]}/${a[2] ?? a[1]}`;
    return;
  }
  if (program !== null && program.startsWith('pure-ftpd') && (m = PUREFTPD.exec(msg))) {
    pureFtpd(m, msg.slice(m[0].length), row, extra, setIp);
    return;
  }
  if (program === 'sendmail' && (m = SENDMAIL_AUTH_FAIL.exec(msg) ?? SENDMAIL_AUTH_OK.exec(msg)) !== null) {
    const failed = m[0].includes('AUTH failure');
    row[C.action] = failed ? 'auth_failure' : 'auth_success';
    const user = failed ? m[1] : m[2];
    if (user !== undefined && user !== '') row[C.user] = user;
    setIp(failed ? m[2] : m[1], undefined);
    return;
  }
  if (program !== null && /^(?:courier|imapd|pop3d)/.test(program) && (m = COURIER_LOGIN.exec(msg)) !== null) {
    row[C.action] = m[1] === 'LOGIN' ? 'auth_success' : 'auth_failure';
    if (m[2] !== '') row[C.user] = m[2];
    setIp(m[3], m[4]);
    return;
  }
  if (program === 'proftpd' && (m = PROFTPD.exec(msg))) {
    row[C.action] = m[4] === undefined ? 'auth_success' : 'auth_failure';
    row[C.user] = m[3];
    setIp(m[2], undefined);
    return;
  }
  // OpenVPN's own log file (`--log`) has no program: its `A:port TLS Auth Error` lines are specific enough
  if (isOpenvpn(program) && (m = OPENVPN_AUTH_FAIL.exec(msg))) {
    row[C.action] = 'auth_failure';
    setIp(m[1], m[2]);
    return;
  }
  if (isOpenvpn(program)) {
    if ((m = OPENVPN_PAM_FAIL.exec(msg))) {
      // the account of the failure the next line logs with its client (that line is the one counted)
      if (m[1] !== '') {
        row[C.user] = m[1];
        extra._carry_user = m[1];
      }
      return;
    }
    if ((m = OPENVPN_PASS_OK.exec(msg))) {
      row[C.action] = 'auth_success';
      row[C.user] = m[3];
      setIp(m[1].replace(/^\[|\]$/g, ''), m[2]);
      extra._passed = `${m[1]}:${m[2]}`;
      return;
    }
    if ((m = OPENVPN_PEER.exec(msg))) {
      // a certificate-only login passes here; after a password line for this client it is that login's tunnel (LoginCarry)
      row[C.action] = 'auth_success';
      row[C.user] = m[3];
      setIp(m[1].replace(/^\[|\]$/g, ''), m[2]);
      extra._peer = `${m[1]}:${m[2]}`;
      return;
    }
    if ((m = OPENVPN_CN.exec(msg))) {
      row[C.user] = m[1];
      setIp(m[2].replace(/^\[|\]$/g, ''), m[3]);
    }
  }
  if (isCharon(program) && strongswanLogin(msg, row, extra, setIp)) return;
  if (program !== null && program.startsWith('haproxy') && (m = HAPROXY.exec(msg))) {
    setIp(m[1], m[2]);
    haproxyDate(msg, extra);
    // the last timer is the total (Ta, or Tt before 1.9), ms; -1 when the request was aborted
    const total = Number(m[3].slice(m[3].lastIndexOf('/') + 1).replace('+', ''));
    if (Number.isFinite(total) && total >= 0) row[C.duration] = total / 1000;
    const st = Number(m[4]);
    if (st >= 100 && st <= 999) row[C.status] = st;
    row[C.bytes] = Number(m[5]);
    if (m[6] !== undefined) haproxyCaptures(m[6], row, extra);
    row[C.method] = m[7];
    const target = m[8];
    const qm = target.indexOf('?');
    row[C.path] = qm < 0 ? target : target.slice(0, qm);
    if (qm >= 0) row[C.query] = target.slice(qm + 1);
    if (m[9] !== undefined) row[C.protocol] = m[9];
    return;
  }
  if (program !== null && program.startsWith('haproxy') && (m = HAPROXY_TCP.exec(msg))) {
    // a TCP-mode connection: client, bytes sent to it, total time, and how it ended (`--` normal, `SC` refused by the server…)
    setIp(m[1], m[2]);
    haproxyDate(msg, extra);
    const total = Number(m[3]);
    if (total >= 0) row[C.duration] = total / 1000;
    row[C.bytes] = Number(m[4]);
    row[C.proto] = 'TCP';
    extra.termination = m[5];
    return;
  }
  if (databaseLogin(msg, row, setIp)) return;
  if ((program === null || program.startsWith('exim')) && eximLogin(msg, row, setIp)) return;
  if (msg.includes('-PPE-') && netscalerLogin(msg, row, extra, setIp)) return;
  if (msg.includes(')[') && msg.includes('] - ') && pulseLogin(msg, row, extra, setIp)) return;
  if (msg.includes("' failed for '") && asteriskLogin(msg, row, extra, setIp)) return;
  if (msg.includes('ogin ') && webAppLogin(msg, row, setIp)) return;
  const f2b = program !== null && program.startsWith('fail2ban') ? msg : msg.startsWith('fail2ban.') ? msg.replace(FAIL2BAN_PREFIX, '') : null;
  if (f2b !== null && (m = FAIL2BAN.exec(f2b))) {
    // a Found line repeats one failure the service logged (the jail's filter matched it)
    const event = m[2].toLowerCase();
    if (event === 'found' && FAIL2BAN_LOGIN_JAIL.test(m[1])) row[C.action] = 'auth_failure';
    extra.jail = m[1];
    extra.fail2ban = event;
    setIp(m[3], undefined);
    return;
  }
  const ps = PAM_SESSION.exec(msg);
  if (ps) row[C.user] = ps[3];
}


/**
 * Sendmail SASL (`sendmail[pid]: QID: AUTH failure (LOGIN): authentication failure (-13) SASL(-13):
 * authentication failure: checkpass failed, user=admin, relay=unknown [203.0.113.5] (may be forged)`;
 * a passed one `AUTH=server, relay=host [A], authid=bob, mech=LOGIN, bits=0`).
 */
const SENDMAIL_AUTH_FAIL = /^(?:\w{6,20}: )?AUTH failure \([\w-]{1,32}\): [^,]{0,300}?(?:, user=([^,\s]{0,256}))?, relay=(?:[^\s[]{1,255} )?\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\]/;
const SENDMAIL_AUTH_OK = /^(?:\w{6,20}: )?AUTH=server, relay=(?:[^\s[]{1,255} )?\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\](?: \(may be forged\))?, authid=([^,\s]{1,256}),/;
/** Courier IMAP/POP3: `LOGIN FAILED, method=PLAIN, user=bob, ip=[::ffff:203.0.113.5]`, `LOGIN, user=bob, ip=[::ffff:A], port=[51234], protocol=IMAP` */
const COURIER_LOGIN = /^(LOGIN FAILED|LOGIN), (?:method=[\w-]{1,32}, )?user=([^,\s]{0,256}), ip=\[([0-9A-Fa-f:.]{2,45})\](?:, port=\[(\d{1,5})\])?/;

/** Pure-FTPd's session prefix `(user@host)` (`?` before login) and what follows it: logins and transfers. */
function pureFtpd(head: RegExpExecArray, rest: string, row: CellValue[], extra: Record<string, string>, setIp: (ip: string, port: string | undefined) => void): void {
  const host = head[2];
  if (normalizeIp(host) !== null) setIp(host, undefined);
  else if (HOST_NAME.test(host)) row[C.src_ip] = host.toLowerCase();
  if (head[1] !== '?') row[C.user] = head[1];
  let m: RegExpExecArray | null;
  if ((m = PUREFTPD_FAIL.exec(rest))) {
    row[C.action] = 'auth_failure';
    if (m[1] !== '') row[C.user] = m[1];
  } else if ((m = PUREFTPD_OK.exec(rest))) {
    row[C.action] = 'auth_success';
    row[C.user] = m[1];
  } else if ((m = PUREFTPD_XFER.exec(rest))) {
    // the file the client took (downloaded) or left (uploaded), as vsftpd's transfers
    row[C.path] = m[1];
    row[C.bytes] = Number(m[3]);
    extra.ftp = m[2] === 'downloaded' ? 'OK DOWNLOAD' : 'OK UPLOAD';
  }
}

/**
 * HAProxy's accept date (`[01/May/2024:10:00:01.123]`, the proxy's local time as the syslog header's)
 * carries the year the header lacks: the syslog parser dates the record by it (`extra._time`).
 */
function haproxyDate(msg: string, extra: Record<string, string>): void {
  const lb = msg.indexOf(' [');
  const rb = lb < 0 ? -1 : msg.indexOf(']', lb);
  if (lb > 0 && rb - lb - 2 >= 20 && rb - lb - 2 <= 30) extra._time = msg.slice(lb + 2, rb);
}

/**
 * wu-ftpd / ProFTPD / vsftpd xferlog (after its ctime): `transfer-secs host size file type action
 * direction access-mode user service auth-method auth-user status`, e.g.
 * `1 203.0.113.5 1048576 /pub/data.zip b _ o r alice ftp 0 * c`. The file name may hold spaces:
 * the last nine fields are fixed. Direction `o` is a download (the client took the file), `i` an upload.
 */
function xferlog(msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  if (msg.length > 8192 || !/^\d{1,10} \S{1,255} \d{1,15} /.test(msg)) return false;
  const t = msg.split(' ');
  const n = t.length;
  if (n < 13 || !/^[ab]$/.test(t[n - 9]) || !/^[oid]$/.test(t[n - 7]) || !/^[agr]$/.test(t[n - 6]) || !/^[ci]$/.test(t[n - 1])) return false;
  const ip = normalizeIp(t[1]);
  row[C.src_ip] = ip ?? t[1].toLowerCase();
  row[C.duration] = Number(t[0]);
  row[C.bytes] = Number(t[2]);
  row[C.path] = t.slice(3, n - 9).join(' ');
  if (t[n - 5] !== '' && t[n - 5] !== '*') row[C.user] = t[n - 5];
  extra.ftp = `${t[n - 7] === 'o' ? 'DOWNLOAD' : t[n - 7] === 'i' ? 'UPLOAD' : 'DELETE'}${t[n - 1] === 'i' ? ' incomplete' : ''}`;
  extra.access = t[n - 6] === 'a' ? 'anonymous' : t[n - 6] === 'g' ? 'guest' : 'real';
  return true;
}

/** `logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.6  user=root` */
function pamFields(rest: string, row: CellValue[], setIp: (ip: string, port: string | undefined) => void): void {
  const host = / rhost=(\S+)/.exec(rest);
  if (host) setIp(host[1], undefined);
  const u = / user=(\S+)/.exec(rest) ?? / ruser=(\S+)/.exec(rest);
  if (u) row[C.user] = u[1];
}
