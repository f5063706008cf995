// Login records in formats with named fields whose outcome is a vendor's own word: identity
// providers (Okta, Entra ID, Google Workspace), MongoDB, the Cowrie honeypot, Zeek ssh.log, FortiGate and Sophos firewalls,
// Kubernetes audit, CloudTrail, ECS (Filebeat/Auditbeat). RowMapper finds the columns once per
// layout (the *Fields positions) and asks these per row for the shared action vocabulary.
import type { CellValue, CleaningCounters } from './types';
import { C } from './cols';

/** Where a sign-in record keeps its outcome: Okta event type and result, Entra error code, Cowrie event id, Zeek auth_success. */
export type SignInFields = { kind: 'okta'; type: number; result: number } | { kind: 'entra'; code: number; client: number } | { kind: 'cowrie'; id: number } | { kind: 'zeek'; ok: number } | { kind: 'gws'; events: number } | { kind: 'mongo'; msg: number } | { kind: 'mde'; action: number; device: number };
/** Kubernetes audit: positions of responseStatus.code, stage, verb and responseStatus.message */
export interface K8sFields {
  code: number;
  stage: number;
  verb: number;
  message: number;
}
/** ECS: positions of event.outcome, event.category and event.action (-1: absent) */
export interface EcsFields {
  outcome: number;
  category: number;
  action: number;
}

/**
 * The account of a CloudTrail record without userIdentity.userName: the root user is `root` (its
 * console logins are the ones attackers guess), an assumed role is its ARN's resource
 * (`assumed-role/Admin/bob`: role and session name).
 */
export function cloudTrailAccount(type: string | undefined, arn: string | undefined): string | null {
  if (type === 'Root') return 'root';
  if (arn === undefined || !arn.startsWith('arn:')) return null;
  const parts = arn.split(':');
  return parts.length >= 6 && parts[5] !== '' ? parts.slice(5).join(':') : null;
}

/**
 * What a FortiGate login was to, as a program (loginService names it): SSL-VPN (`ssl-login-fail`,
 * a VPN event) or the administrative interface the admin used, from `ui` (`https(203.0.113.5)`,
 * `ssh(…)`, `jsconsole(…)`, `console`) or, without it, `method`.
 */
export function fortiLoginProgram(action: string, desc: string, subtype: string, ui: string, method: string): string {
  if (action.startsWith('ssl-') || subtype === 'vpn' || /\bvpn\b/.test(desc)) return 'FortiGate SSL-VPN';
  const via = (/^([a-z]{1,16})(?:\(|$)/i.exec(ui.trim())?.[1] ?? /^[a-z]{1,16}$/i.exec(method.trim())?.[0] ?? '').toLowerCase();
  return via === '' ? 'FortiGate admin' : `FortiGate admin ${via}`;
}

/** Sophos Firewall: positions of log_subtype, log_component, status and message */
export interface SophosFields {
  subtype: number;
  component: number;
  status: number;
  message: number;
}

/**
 * What a Sophos login was to, as a program (loginService names it): the log component (`SSL VPN
 * Authentication`, `VPN Authentication`, `Captive Portal`, `Firewall Authentication`, `My Account
 * Authentication`), an admin login by how the admin came (`… login to Webadmin … using HTTPS`, SSH, the CLI).
 */
export function sophosLoginProgram(component: string, subtype: string, message: string): string {
  const c = component.trim();
  if (subtype === 'admin' || /^(?:admin|gui|cli|ssh|web ?admin)$/i.test(c) || /\blogin to (?:Web ?admin|Admin|CLI|SSH)/i.test(message)) {
    return /\bssh\b/i.test(c) || /\bSSH\b/.test(message) ? 'Sophos admin ssh' : /^cli$/i.test(c) || /\blogin to CLI\b/i.test(message) ? 'Sophos admin console' : 'Sophos admin web';
  }
  return c === '' ? 'Sophos' : `Sophos ${c}`;
}

/**
 * Sophos Firewall authentication events: `log_subtype="Authentication"` (firewall, VPN, SSL VPN,
 * captive portal logins) or an `Admin` event about a login (`User admin failed to login to
 * Webadmin …`), `status="Failed"` a failed login and `"Successful"` a passed one. The status word
 * (no HTTP status, no verdict) stays in extra; Allow/Deny stay the verdict of traffic records.
 */
export function sophosLogin(s: SophosFields, values: readonly string[], n: number, row: CellValue[], counters: CleaningCounters): void {
  const at = (i: number): string => (i >= 0 && i < n ? values[i] : '');
  const subtype = at(s.subtype).toLowerCase();
  const status = at(s.status).toLowerCase();
  const login = (status === 'failed' || status === 'successful') && (subtype === 'authentication' || (subtype === 'admin' && /\blog(?:ged)? ?in\b/i.test(at(s.message).slice(0, 300))));
  // a head of login events made status an HTTP column: a traffic record's Allow/Deny is still its verdict
  const verdict = row[C.action] === null && (status === 'allow' || status === 'deny') ? (status === 'allow' ? 'accept' : 'reject') : null;
  if (!login && verdict === null) return;
  row[C.action] = login ? (status === 'failed' ? 'auth_failure' : 'auth_success') : verdict;
  if (login && row[C.program] === null) row[C.program] = sophosLoginProgram(at(s.component), subtype, at(s.message).slice(0, 300));
  if (row[C.status] === null && counters.unparseable[C.status] > 0) counters.unparseable[C.status]--;
  if (row[C.status] === null && login) {
    const known = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
    if (known.status === undefined) row[C.extra] = JSON.stringify({ ...known, status: at(s.status) });
  }
}

/** The HTTP method behind each Kubernetes API verb (get, list and watch read; create posts…). */
export const K8S_VERB_METHOD: Readonly<Record<string, string>> = { get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE' };

/**
 * Kubernetes API server audit events (audit.k8s.io): the server is kube-apiserver; a 401 is a request
 * whose credentials (token, certificate, password) the server did not accept, so one failed login
 * (the account is unknown: `user` is empty). kube-apiserver records a failed authentication once, at
 * ResponseStarted, with `Authentication failed, attempted: bearer`; a request that offered no
 * credentials at all (`…, no credentials provided`: a scanner asking for /version with anonymous
 * access off) guessed nothing and stays a plain 401. The verb (`list`, `watch`) is kept in extra and
 * the method is the HTTP one it stands for, so API reads are not odd methods.
 */
export function k8sAuditFields(k: K8sFields, values: readonly string[], n: number, row: CellValue[]): void {
  if (row[C.program] === null) row[C.program] = 'kube-apiserver';
  const stage = k.stage >= 0 && k.stage < n ? values[k.stage] : '';
  const why = k.message >= 0 && k.message < n ? values[k.message] : '';
  if (row[C.action] === null && k.code < n && values[k.code].trim() === '401' && stage !== 'RequestReceived' && !why.includes('no credentials provided')) row[C.action] = 'auth_failure';
  const verb = k.verb < n ? values[k.verb] : '';
  const method = K8S_VERB_METHOD[verb];
  if (method !== undefined && typeof row[C.method] === 'string' && (row[C.method] as string).toLowerCase() === verb) {
    row[C.method] = method;
    const known = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
    row[C.extra] = JSON.stringify({ ...known, verb });
  }
}

/**
 * Where an Entra ID sign-in export keeps its code and client app: Graph's JSON (status.errorCode),
 * Log Analytics' SigninLogs (ResultType), the portal's Sign-in logs "Download CSV" (`Sign-in error
 * code` beside `Username`, `Client app`); null when the layout is none of them.
 */
export function entraFields(norm: readonly string[]): SignInFields | null {
  if ((norm.includes('statuserrorcode') || norm.includes('resulttype')) && (norm.includes('userprincipalname') || norm.includes('appdisplayname')))
    return { kind: 'entra', code: norm.includes('statuserrorcode') ? norm.indexOf('statuserrorcode') : norm.indexOf('resulttype'), client: norm.indexOf('clientappused') };
  if (norm.includes('signinerrorcode') && (norm.includes('username') || norm.includes('signinidentifier'))) return { kind: 'entra', code: norm.indexOf('signinerrorcode'), client: norm.indexOf('clientapp') };
  return null;
}

/** Entra ID's clientAppUsed values of legacy authentication: a password alone, no MFA asked (IMAP, POP, SMTP AUTH, ActiveSync, EWS…). */
const ENTRA_LEGACY = /^(?:Authenticated SMTP|IMAP4?|POP3?|Exchange ActiveSync|Exchange Web Services|AutoDiscover|MAPI Over HTTP|Offline Address Book|Outlook Anywhere.{0,30}|Other clients|Reporting Web Services|Exchange Online PowerShell|Universal Outlook)$/i;

/**
 * The program an Entra ID sign-in is named by (loginService): legacy authentication by its protocol
 * (`Entra ID legacy auth (IMAP4)`: a password alone, which is what a legacy-protocol guesser counts
 * on), any other sign-in `Entra ID` when the record named no application.
 */
export function entraProgram(client: string, program: string | null): string | null {
  const c = client.trim();
  if (ENTRA_LEGACY.test(c)) return `Entra ID legacy auth (${c})`;
  return program === null ? 'Entra ID' : null;
}

/** Okta authentication events: a session start or an authentication step (not MFA enrolment, policy evaluation…). */
export const OKTA_LOGIN = /^user\.(?:session\.start|authentication\.)/;

/**
 * Entra ID sign-in codes that are no wrong secret: the sign-in stopped to ask for more and the user
 * usually went on (MFA asked 50074/50076/50072/50079, "keep me signed in" 50140, a silent single
 * sign-on that found no session 50058, consent 65001, an expired session or token 50089/70044/700082/
 * 50132/50133/50173, a password to change 50055/50125, account picker 16000/16001, device auth
 * 50097/50129, seamless SSO 81010/81012, 50199), or the password was right and the second factor
 * failed (500121: identityAbuse judges those as MFA fatigue). A busy office's egress address
 * logs dozens of these an hour; counted as failed logins they made its staff a password spray.
 */
export const ENTRA_NOT_A_GUESS: ReadonlySet<string> = new Set(['50074', '50076', '50072', '50079', '50140', '50058', '65001', '50089', '70044', '700082', '50132', '50133', '50173', '50055', '50125', '16000', '16001', '50097', '50129', '81010', '81012', '50199', '500121']);

/**
 * The logon outcome of an identity-provider sign-in record (or a Cowrie honeypot login), or null when the record is not one.
 * Okta: outcome.result FAILURE/DENY or SUCCESS/ALLOW of a login event type. Entra ID sign-in
 * logs: status.errorCode 0 is a success, any other code (50126 wrong password, 50053 locked…) a failure.
 */
export function signInAction(s: SignInFields, values: readonly string[], n: number): string | null {
  // Zeek ssh.log: auth_success per connection (T/F in TSV, true/false in JSON; unset when unknown)
  if (s.kind === 'zeek') {
    const v = s.ok < n ? values[s.ok].trim().toLowerCase() : '';
    return v === 'true' || v === 't' ? 'auth_success' : v === 'false' || v === 'f' ? 'auth_failure' : null;
  }
  // the Cowrie SSH/Telnet honeypot: every login it records is an attacker's guess
  if (s.kind === 'cowrie') {
    const id = s.id < n ? values[s.id] : '';
    return id === 'cowrie.login.failed' ? 'auth_failure' : id === 'cowrie.login.success' ? 'auth_success' : null;
  }
  // Google Workspace's login audit (Reports API, application "login"): the event's name; a challenge
  // failed (`login_verification`, `login_challenge` with a failed status) is left alone, not every one is a guess
  if (s.kind === 'gws') {
    const events = s.events < n ? values[s.events] : '';
    const name = /"name"\s*:\s*"(login_failure|login_success)"/.exec(events)?.[1];
    return name === 'login_failure' ? 'auth_failure' : name === 'login_success' ? 'auth_success' : null;
  }
  // MongoDB 4.4+ structured log: the access component's authentication messages
  if (s.kind === 'mongo') {
    const msg = s.msg < n ? values[s.msg] : '';
    return msg === 'Authentication failed' ? 'auth_failure' : msg === 'Successfully authenticated' ? 'auth_success' : null;
  }
  // Microsoft Defender XDR / Sentinel advanced hunting (DeviceLogonEvents, IdentityLogonEvents): ActionType
  // says how a logon ended; LogonAttempted (the outcome unknown) is left untyped
  if (s.kind === 'mde') {
    const a = s.action < n ? values[s.action].trim() : '';
    return a === 'LogonFailed' ? 'auth_failure' : a === 'LogonSuccess' ? 'auth_success' : null;
  }
  if (s.kind === 'entra') {
    const code = s.code < n ? values[s.code].trim() : '';
    return code === '' || ENTRA_NOT_A_GUESS.has(code) ? null : code === '0' ? 'auth_success' : /^\d+$/.test(code) ? 'auth_failure' : null;
  }
  if (s.type >= n || s.result >= n || !OKTA_LOGIN.test(values[s.type])) return null;
  const r = values[s.result].trim().toUpperCase();
  // a second factor refused (a push rejected or left unanswered) is no wrong password: the password was right (mfaFatigue's)
  if (values[s.type] === 'user.authentication.auth_via_mfa' && r !== 'SUCCESS' && r !== 'ALLOW') return null;
  return r === 'FAILURE' || r === 'DENY' ? 'auth_failure' : r === 'SUCCESS' || r === 'ALLOW' ? 'auth_success' : null;
}

/** ECS event.action verbs of a login (Filebeat system/auth ssh_login, Auditbeat user_login and logged-in, …). */
export const ECS_LOGIN_ACTION = /^(?:ssh[-_]login|user[-_]login|logged[-_]in|log[-_]?in|log[-_]?on|sign[-_]?in|authenticat(?:ion|ed|e)|user[-_]authenticat(?:ion|ed)|login[-_]attempt|logon[-_]attempt)$/i;

/**
 * The logon outcome of an ECS record: event.outcome failure/success on an authentication event
 * (event.category holds "authentication", or event.action is a login verb); null for anything else
 * (a failed file read is no failed login).
 */
export function ecsLogin(e: EcsFields, values: readonly string[], n: number): string | null {
  const outcome = e.outcome < n ? values[e.outcome].trim().toLowerCase() : '';
  if (outcome !== 'failure' && outcome !== 'success') return null;
  const category = e.category >= 0 && e.category < n ? values[e.category] : '';
  const action = e.action >= 0 && e.action < n ? values[e.action].trim() : '';
  const auth = /\bauthentication\b/i.test(category.length > 256 ? category.slice(0, 256) : category) || (action.length <= 64 && ECS_LOGIN_ACTION.test(action));
  if (!auth) return null;
  return outcome === 'failure' ? 'auth_failure' : 'auth_success';
}

/** An action that is only an outcome word: a login's result when the record names an account and an address. */
export const BARE_OUTCOME: ReadonlyMap<string, string> = new Map([
  ['failure', 'auth_failure'],
  ['failed', 'auth_failure'],
  ['fail', 'auth_failure'],
  ['success', 'auth_success'],
  ['succeeded', 'auth_success'],
  ['successful', 'auth_success'],
]);
