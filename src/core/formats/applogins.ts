// Logins written by applications rather than by sshd/PAM: Exim, Citrix NetScaler, Asterisk SIP and
// web-mail/cloud apps (Roundcube, Nextcloud). Each parser gets one syslog-style message and, when
// it recognises a login, types the row (action, user, client address) and returns true.
import type { CellValue } from './types';
import { C } from './cols';

/**
 * Exim's main log (its own file, read as text; or syslog, where the message keeps Exim's time):
 * `dovecot_login authenticator failed for (User) [203.0.113.5]:50000: 535 Incorrect authentication data (set_id=bob@example.com)`
 * (4.95+ writes `H=` before the host; a resolved name may precede the HELO; `I=[B]:587` with
 * +incoming_interface); only a 535 is a rejected password (a 435 is the server's own trouble).
 */
const EXIM_TIME = String.raw`(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?(?: [+-]\d{4})? )?(?:\[\d{1,10}\] )?`;
const EXIM_HOST = String.raw`(?:H=)?(?:[^\s[(]{1,255} )?(?:\([^)]{0,255}\) )?\[([0-9A-Fa-f:.]{2,45})\](?::(\d{1,5}))?`;
const EXIM_AUTH_FAIL = new RegExp(String.raw`^${EXIM_TIME}[\w-]{1,64} authenticator failed for ${EXIM_HOST}(?: I=\[[0-9A-Fa-f:.]{2,45}\]:\d{1,5})?: 535 [^(]{0,200}(?:\(set_id=([^)]{0,256})\))?`);
/** Exim: a message an authenticated client submitted, `ID <= sender H=(helo) [A]:port P=esmtpsa … A=dovecot_login:bob@example.com S=…` */
const EXIM_RECEIVED = new RegExp(String.raw`^${EXIM_TIME}[\w-]{14,30} <= `);
const EXIM_RECEIVED_HOST = new RegExp(`^ ${EXIM_HOST}`);
const EXIM_AUTHENTICATOR = / A=[\w-]{1,64}:(\S{1,256})(?= |$)/;

/**
 * Exim logins, from Exim's own main log (program null) or syslog (`exim[pid]`): a rejected SASL
 * password, or a message received from a client that authenticated (`A=`), one passed login.
 */
export function eximLogin(msg: string, row: CellValue[], setIp: (ip: string, port: string | undefined) => void): boolean {
  let m: RegExpExecArray | null;
  if (msg.includes(' authenticator failed for ') && (m = EXIM_AUTH_FAIL.exec(msg)) !== null) {
    row[C.action] = 'auth_failure';
    setIp(m[1], m[2]);
    if (m[3] !== undefined && m[3] !== '') row[C.user] = m[3];
    return true;
  }
  if (!EXIM_RECEIVED.test(msg)) return false;
  const auth = EXIM_AUTHENTICATOR.exec(msg);
  const h = msg.indexOf(' H=');
  if (auth === null || h < 0 || (m = EXIM_RECEIVED_HOST.exec(msg.slice(h, h + 600))) === null) return false;
  row[C.action] = 'auth_success';
  row[C.user] = auth[1];
  setIp(m[1], m[2]);
  return true;
}

/**
 * Citrix NetScaler / ADC (ns.log, or its syslog): Gateway and AAA logins
 * `05/01/2024:10:00:00 GMT ns01 0-PPE-0 : default AAA LOGIN_FAILED 1234 0 : User bob - Client_ip A - Failure_reason "…"`,
 * `… SSLVPN LOGIN 1235 0 : Context bob@A - SessionId: 12- User bob - Client_ip A - …` (a Gateway
 * session opened), and management logins `UI CMD_EXECUTED … : User nsroot - Remote_ip A - Command "login login …" - Status "Success"`
 * (`"ERROR: Invalid username or password"` when refused).
 */
const NS_AAA_FAIL = /^ AAA LOGIN_FAILED \d{1,12} \d{1,12} : {1,2}User (\S{0,256}) - Client_ip ([0-9A-Fa-f:.]{2,45})(?= |$)/;
const NS_SSLVPN_LOGIN = /^ SSLVPN LOGIN \d{1,12} \d{1,12} : {1,2}Context \S{1,300} - SessionId: \d{1,12} ?- User (\S{1,256}) - Client_ip ([0-9A-Fa-f:.]{2,45})(?= |$)/;
const NS_UI_LOGIN = /^ UI CMD_EXECUTED \d{1,12} \d{1,12} : {1,2}User (\S{1,256}) - Remote_ip ([0-9A-Fa-f:.]{2,45}) - Command "login login [^"]{0,4096}" - Status "(Success|ERROR: [^"]{0,256})"/;

export function netscalerLogin(msg: string, row: CellValue[], extra: Record<string, string>, setIp: (ip: string, port: string | undefined) => void): boolean {
  let m: RegExpExecArray | null;
  let at = msg.indexOf(' AAA LOGIN_FAILED ');
  if (at >= 0 && (m = NS_AAA_FAIL.exec(msg.slice(at))) !== null) {
    row[C.action] = 'auth_failure';
    if (m[1] !== '') row[C.user] = m[1];
    setIp(m[2], undefined);
    const why = /- Failure_reason "([^"]{0,200})"/.exec(msg.slice(at, at + 2000));
    if (why !== null) extra.reason = why[1];
    return true;
  }
  at = msg.indexOf(' SSLVPN LOGIN ');
  if (at >= 0 && (m = NS_SSLVPN_LOGIN.exec(msg.slice(at))) !== null) {
    row[C.action] = 'auth_success';
    row[C.user] = m[1];
    setIp(m[2], undefined);
    return true;
  }
  at = msg.indexOf(' UI CMD_EXECUTED ');
  if (at >= 0 && (m = NS_UI_LOGIN.exec(msg.slice(at))) !== null) {
    row[C.action] = m[3] === 'Success' ? 'auth_success' : 'auth_failure';
    row[C.user] = m[1];
    setIp(m[2], undefined);
    return true;
  }
  return false;
}

/**
 * Asterisk (its own `messages`/`full` log read as text, or syslog): SIP registrations refused for a
 * password or an account that does not exist, the client as `'A:port'` (IPv6 bracketed):
 * `chan_sip.c: Registration from '"100" <sip:100@pbx:5060>' failed for '203.0.113.5:5060' - Wrong password`,
 * `res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:100@pbx>' failed for '203.0.113.5:5060' (callid: …) - Failed to authenticate`.
 * An ACL refusal guessed nothing: it keeps its client and reason, without an action.
 */
const SIP_CLIENT = String.raw`'(\[[0-9A-Fa-f:.]{2,45}\]|[0-9.]{7,15})(?::(\d{1,5}))?'`;
const ASTERISK_SIP = new RegExp(String.raw`^chan_sip\.c: Registration from '([^']{0,512})' failed for ${SIP_CLIENT} - ([^']{1,120})`);
const ASTERISK_PJSIP = new RegExp(String.raw`^pjsip_distributor\.c: Request '(\w{1,16})' from '([^']{0,512})' failed for ${SIP_CLIENT} \(callid: [^)]{0,256}\) - ([^']{1,120})`);
/** refusals that answer a guess (a password, an account); an ACL refusal guessed nothing */
const SIP_GUESS = /^(?:Wrong password|No matching peer found|Username\/auth name mismatch|Failed to authenticate|Error to authenticate|No matching endpoint found)/;
const SIP_USER = /<?sips?:([^@>;:\s]{1,128})@/;

export function asteriskLogin(msg: string, row: CellValue[], extra: Record<string, string>, setIp: (ip: string, port: string | undefined) => void): boolean {
  let at = msg.indexOf('chan_sip.c: Registration from ');
  let m: RegExpExecArray | null = at >= 0 ? ASTERISK_SIP.exec(msg.slice(at)) : null;
  let from: string;
  if (m !== null) {
    from = m[1];
    setIp(m[2].replace(/^\[|\]$/g, ''), m[3]);
    extra.reason = m[4];
  } else {
    at = msg.indexOf('pjsip_distributor.c: Request ');
    m = at >= 0 ? ASTERISK_PJSIP.exec(msg.slice(at)) : null;
    if (m === null) return false;
    from = m[2];
    setIp(m[3].replace(/^\[|\]$/g, ''), m[4]);
    extra.sip_method = m[1];
    extra.reason = m[5];
  }
  extra.reason = extra.reason.trim();
  if (SIP_GUESS.test(extra.reason)) row[C.action] = 'auth_failure';
  row[C.program] ??= 'asterisk';
  const u = SIP_USER.exec(from);
  if (u !== null) row[C.user] = u[1];
  return true;
}

/**
 * PHP web applications' own logs. Roundcube's errors.log (always written): `IMAP Error: Login failed
 * for bob against localhost from 203.0.113.5. AUTHENTICATE PLAIN: …`, the webmail client's address
 * (the IMAP server itself only sees Roundcube's); userlogins.log (log_logins): `Successful login for
 * bob (ID: 1) from A in session …`, and `Failed login for bob from A …`, which repeats the errors.log
 * line (user and address, no action). Nextcloud (nextcloud.log JSON, app `core`): `Login failed: admin
 * (Remote IP: 203.0.113.5)` (older versions quote both); admin_audit's `Login successful: "bob"`.
 */
const ROUNDCUBE_IMAP_FAIL = /^IMAP Error: Login failed for (\S{1,256}) (?:against \S{1,255} )?from ([0-9A-Fa-f:.]{2,45}?)\.?(?= |$)/;
const ROUNDCUBE_LOGIN = /^(Successful|Failed) login for (\S{1,256}) (?:\(ID: \d{1,12}\) )?from ([0-9A-Fa-f:.]{2,45})(?= |$)/;
const NEXTCLOUD_FAIL = /^Login failed: '?([^'()]{0,256}?)'? \(Remote IP: '?([0-9A-Fa-f:.]{2,45}?)'?\)/;
const NEXTCLOUD_AUDIT_OK = /^Login successful: "([^"]{1,256})"/;

export function webAppLogin(msg: string, row: CellValue[], setIp: (ip: string, port: string | undefined) => void): boolean {
  let at = msg.indexOf('IMAP Error: Login failed for ');
  let m: RegExpExecArray | null;
  if (at >= 0 && at < 64 && (m = ROUNDCUBE_IMAP_FAIL.exec(msg.slice(at))) !== null) {
    row[C.action] = 'auth_failure';
    row[C.user] = m[1];
    setIp(m[2], undefined);
    return true;
  }
  at = msg.indexOf(' login for ');
  if (at >= 0 && at < 96) {
    const start = msg.lastIndexOf(' ', at - 1) + 1;
    if ((m = ROUNDCUBE_LOGIN.exec(msg.slice(start))) !== null) {
      if (m[1] === 'Successful') row[C.action] = 'auth_success';
      row[C.user] = m[2];
      setIp(m[3], undefined);
      return true;
    }
  }
  if (msg.startsWith('Login failed: ') && (m = NEXTCLOUD_FAIL.exec(msg)) !== null) {
    row[C.action] = 'auth_failure';
    if (m[1] !== '') row[C.user] = m[1];
    setIp(m[2], undefined);
    return true;
  }
  if (msg.startsWith('Login successful: "') && (m = NEXTCLOUD_AUDIT_OK.exec(msg)) !== null) {
    row[C.action] = 'auth_success';
    row[C.user] = m[1];
    return true;
  }
  return false;
}

/**
 * Pulse / Ivanti Connect Secure in its standard log format (its own export, or syslog `PulseSecure:`):
 * `2026-12-07 10:00:01 - ive - [203.0.113.95] alice(Users)[] - Login failed using auth server AD (Active Directory).  Reason: Failed`,
 * `… [A] alice(Users)[Staff] - Login succeeded for alice/Users (session:…) from A with …`. The header
 * names the client and the account (the realm in parentheses, the roles in brackets). One try logs
 * `Login failed` and may also log `Primary authentication failed for alice/AD from A`: only the
 * first is counted; the second keeps account and client.
 */
const PULSE = /^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - )?[\w.-]{1,64} - \[([0-9A-Fa-f:.]{2,45})\] ([^\s()]{0,256})\([^()]{0,128}\)\[[^\]]{0,512}\] - (.{0,300})/;
const PULSE_FAIL = /^(?:[A-Z]{3}\d{5}: )?Login failed using auth server /;
const PULSE_OK = /^(?:[A-Z]{3}\d{5}: )?Login succeeded for /;

export function pulseLogin(msg: string, row: CellValue[], extra: Record<string, string>, setIp: (ip: string, port: string | undefined) => void): boolean {
  const m = PULSE.exec(msg);
  if (m === null) return false;
  setIp(m[1], undefined);
  // `System()[]` is the appliance's own events, no one's login
  if (m[2] !== '' && m[2] !== 'System') row[C.user] = m[2];
  if (PULSE_FAIL.test(m[3])) row[C.action] = 'auth_failure';
  else if (PULSE_OK.test(m[3])) row[C.action] = 'auth_success';
  const why = /Reason: ([^.]{1,80})/.exec(m[3]);
  if (why !== null && row[C.action] === 'auth_failure') extra.reason = why[1].trim();
  return true;
}
