// What one event is, judged row by row before it is folded: the cells the fold reads out of
// `extra` and `message` (FOLD_SQL), and the predicates that say whether a row is a connection,
// a connection attempt nobody answered, a failed login, a login path, a crawler, a page's static
// file. Kept apart from the fold's state so each rule can be read (and tested) on its own.
import type { EventRow } from '../../shared/columns';
import { FILE_EVENT_SQL } from './fileEvents';
import { LINUX_PROGRAMS } from './linuxEvents';
import { MAIL_COLUMN } from './mailOut';

/**
 * `repeated`: a syslog "message repeated N times: [ … ]" line stands for N events (REPEATED_SQL).
 * `ids`: an IDS alert's [signature id, priority, signature, classification] as JSON (IDS_COLUMN).
 * `f2b`: a fail2ban line's event and jail, "found:sshd" or "ban:sshd" (F2B_COLUMN).
 * `amsg`: the start of a failed login's message when no program logged it (AUTH_MSG_COLUMN).
 * `attempts`: Zeek ssh.log's auth_attempts for a failed connection (ATTEMPTS_COLUMN).
 * `dnsq`: a DNS query's type and the name asked, `TXT name` (DNSQ_COLUMN).
 * `rbytes`: what the destination sent back in a two-way flow record (RBYTES_COLUMN).
 * `lhost`: the machine a successful login was logged on (LOGON_HOST_COLUMN).
 * `tgs`: a Kerberos service-ticket request's message and extra, read by kerberos.ts (TGS_COLUMN).
 * `aws`: a CloudTrail call's extra (eventName, errorCode, userIdentity.*), read by cloudAudit.ts (AWS_COLUMN).
 * `lev`: a Linux auth-log row's program, host and message (SSH login, account, group, password, sudo), read by linuxEvents.ts (LINUX_EVENT_COLUMN).
 * `phost`: a row's host when it may be a mining pool's (POOL_HOST_COLUMN, riskyFold.ts).
 * `mail`: a Postfix queue-manager or delivery line's program and message, or an Exchange message-tracking row of mail leaving the organisation, read by mailOut.ts (MAIL_COLUMN).
 * `hev`: a Windows host event's extra, host and message (log cleared, service installed, account made or put in a group), read by hostEvents.ts (HOST_EVENT_COLUMN).
 */
export type LiveEvent = Partial<EventRow> & { id: number; repeated?: number | null; ids?: string | null; f2b?: string | null; amsg?: string | null; attempts?: number | null; dnsq?: string | null; failkind?: number | null; rbytes?: number | null; lhost?: string | null; tgs?: string | null; aws?: string | null; hev?: string | null; lev?: string | null; mail?: string | null; phost?: string | null };

/** Reads `repeated` for failed logins, the one place it changes a count (syslog keeps it in `extra`). */
export const REPEATED_COLUMN = "CASE WHEN action = 'auth_failure' THEN CAST(extra ->> '$.repeated' AS INTEGER) END AS repeated";
/**
 * Reads an IDS alert's identity from `extra`, only on rows whose extra names a signature: fast.log
 * and IDS lines in syslog (`signature_id`, `priority`), Suricata eve.json (`alert.signature_id`,
 * `alert.severity`; under `event.` in AWS Network Firewall's alert log), Snort 3 alert_json (`rule` gid:sid:rev, `priority`). The signature text is
 * the message, the classification the category. A web application firewall's rule (formats/waf.ts)
 * is read the same way, with the product and the transaction it belongs to (`waf`, `waf_txn`).
 * `instr` first: JSON is parsed on alert rows only.
 */
export const IDS_COLUMN =
  // a WAF's row without a rule match (AWS WAF logs every request) has only the product: no alert, but known as the WAF's
  "CASE WHEN extra IS NOT NULL AND (instr(extra, 'signature_id\"') > 0 OR instr(extra, '\"rule\":\"') > 0 OR instr(extra, '\"waf\":\"') > 0) THEN json_array(" +
  "COALESCE(extra ->> '$.signature_id', extra ->> '$.\"alert.signature_id\"', extra ->> '$.\"event.alert.signature_id\"', CASE WHEN extra ->> '$.rule' GLOB '[0-9]*:[0-9]*:[0-9]*' THEN extra ->> '$.rule' END), " +
  "COALESCE(extra ->> '$.priority', extra ->> '$.\"alert.severity\"', extra ->> '$.\"event.alert.severity\"'), message, category, extra ->> '$.waf', extra ->> '$.waf_txn', CASE WHEN extra ->> '$.waf_data' IS NOT NULL THEN substr(COALESCE(extra ->> '$.waf_var' || ': ', '') || (extra ->> '$.waf_data'), 1, 320) END) END AS ids";
/** fail2ban's event and jail: its `Found` lines repeat the service's own failure lines (see Fold.add). */
export const F2B_COLUMN = "CASE WHEN extra IS NOT NULL AND instr(extra, '\"fail2ban\":\"') > 0 THEN (extra ->> '$.fail2ban') || ':' || COALESCE(extra ->> '$.jail', '') END AS f2b";
/** A program-less failed login's wording names its service (a database's own log read as text). */
export const AUTH_MSG_COLUMN = "CASE WHEN program IS NULL AND action IN ('auth_failure', 'invalid_user') THEN substr(message, 1, 300) END AS amsg";
/** Zeek ssh.log: the authentication attempts it estimated inside one failed (encrypted) connection. */
export const ATTEMPTS_COLUMN = "CASE WHEN action = 'auth_failure' AND instr(extra, '\"auth_attempts\"') > 0 THEN CAST(extra ->> '$.auth_attempts' AS INTEGER) END AS attempts";
/**
 * A DNS query's type and name in one cell (`TXT name`): the formats put the type in extra.qtype on
 * questions only (answers repeat a query), the name in host; one cell, so web rows pay no host read.
 */
export const DNSQ_COLUMN = "CASE WHEN host IS NOT NULL AND instr(extra, '\"qtype\":\"') > 0 THEN (extra ->> '$.qtype') || ' ' || host END AS dnsq";
/**
 * What kind of sshd failure a failed login is, as bits (FAIL_KEY, FAIL_INVALID, FAIL_NONE): a public
 * key refused ("Failed publickey"), a guess at a user name that does not exist ("Failed password for
 * invalid user"), the "none" method a client tries first, which carries no secret ("Failed none").
 */
export const FAILKIND_COLUMN =
  "CASE WHEN action = 'auth_failure' AND instr(extra, '\"method\":\"') > 0 THEN NULLIF(" +
  "(CASE WHEN instr(extra, '\"method\":\"publickey\"') > 0 THEN 1 WHEN instr(extra, '\"method\":\"none\"') > 0 THEN 4 ELSE 0 END) + " +
  "(CASE WHEN instr(extra, '\"invalid_user\":\"true\"') > 0 THEN 2 ELSE 0 END), 0) " +
  // Windows says an account does not exist with (Sub)Status 0xC0000064 (4625, 4776), in its fields or its message
  "WHEN action = 'auth_failure' AND (instr(lower(COALESCE(extra, '')), '0xc0000064') > 0 OR instr(lower(COALESCE(message, '')), '0xc0000064') > 0) THEN 2 END AS failkind";
export const FAIL_KEY = 1;
export const FAIL_INVALID = 2;
export const FAIL_NONE = 4;
/**
 * What the destination sent back in a two-way flow record (the row's `bytes` are the source's side):
 * Zeek's resp_bytes, PAN-OS's Bytes Received, FortiGate's rcvdbyte, CICFlowMeter's backward length,
 * nfdump's obyt, ECS destination.bytes, Argus' dbytes, Cisco FTD's ResponderBytes, Suricata's flow.bytes_toclient (on
 * flow records only: an alert carries the flow's count so far, and many alerts on one flow would add it again). Data pulled out of a server rides on it.
 */
export const RBYTES_COLUMN =
  "CASE WHEN dst_port IS NOT NULL AND extra IS NOT NULL AND (instr(extra, 'byt') > 0 OR instr(extra, 'Byt') > 0 OR instr(extra, 'Bwd') > 0) THEN CAST(COALESCE(" +
  "extra ->> '$.resp_bytes', extra ->> '$.\"Bytes Received\"', extra ->> '$.rcvdbyte', extra ->> '$.\"Total Length of Bwd Packets\"', extra ->> '$.\"TotLen Bwd Pkts\"', extra ->> '$.obyt', extra ->> '$.\"destination.bytes\"', extra ->> '$.dbytes', extra ->> '$.ResponderBytes', CASE WHEN extra ->> '$.event_type' = 'flow' THEN extra ->> '$.\"flow.bytes_toclient\"' END) AS INTEGER) END AS rbytes";
/** The machine a successful login was logged on (Windows' Computer, syslog's host): where the source got in. Read on successes only. */
export const LOGON_HOST_COLUMN = "CASE WHEN action = 'auth_success' THEN host END AS lhost";
/** A row that may be a Windows 4769 (Kerberos service ticket) or 4768 (TGT): its message and extra, for kerberos.ts to read. */
export const TGS_COLUMN = "CASE WHEN instr(extra, '4769') > 0 OR instr(extra, '4768') > 0 THEN COALESCE(message, '') || char(10) || extra END AS tgs";
/** A row that may be a cloud audit trail's call (CloudTrail's eventName, Google Cloud's protoPayload.methodName, Azure's operationName or operationName.value in extra; `Name` first, which most rows of other logs do not hold; a Kubernetes audit event, whose program is kube-apiserver): its extra, for cloudAudit.ts to read. */
export const AWS_COLUMN =
  "CASE WHEN instr(extra, 'Name') > 0 AND (instr(extra, '\"eventName\":\"') > 0 OR instr(extra, '\"protoPayload.methodName\":\"') > 0 OR instr(extra, '\"operationName\":\"') > 0 OR instr(extra, '\"operationName.value\":\"') > 0) OR program = 'kube-apiserver' AND instr(extra, '\"objectRef.resource\":\"') > 0 " +
  // identity providers' second factors (Entra ID 500121 and the sign-ins that passed MFA; Okta Verify's pushes and MFA steps) and Exchange Online's mailbox events (identityEvents.ts)
  "OR instr(extra, '500121') > 0 OR instr(extra, 'push') > 0 AND (instr(extra, 'okta_verify') > 0 OR instr(extra, 'send_factor_verify_push') > 0) OR instr(extra, 'auth_via_mfa') > 0 OR action = 'auth_success' AND (instr(extra, 'MFA') > 0 OR instr(extra, 'ultifactor') > 0 OR instr(extra, 'countryOrRegion') > 0 OR instr(extra, 'geographicalContext.country') > 0 OR instr(extra, '\"Location\":\"') > 0) " +
  "OR instr(extra, 'Operation') > 0 AND (instr(extra, 'InboxRule') > 0 OR instr(extra, 'Set-Mailbox') > 0 OR instr(extra, 'TransportRule') > 0 OR instr(extra, 'MailItemsAccessed') > 0 OR instr(extra, 'FileDownloaded') > 0 OR instr(extra, 'FileSyncDownloadedFull') > 0 OR instr(extra, 'Consent to application') > 0) THEN extra END AS aws";
/** A row that may be a Windows host event hostEvents.ts reads (1102/104 log cleared, 7045/4697 service, 4720 account, 4728/4732/4756 group member, 4698 scheduled task, 4662 with a replication right, 4740 lockout, 4738 account changed, 5136 directory object changed, 7036/7040 service stopped or disabled, 1074/6006 shutdown (directoryEvents.ts), a 4624 by seclogo (runas /netonly, overpass-the-hash) from the loopback address, Sysmon 11/23/26 and 4663 files named like ransom notes or renamed documents (fileEvents.ts), 4688/Sysmon 1 process created (Sysmon's one event with a ParentImage: its network, file and DNS events are left alone), 4104 script block, an auditd EXECVE record, an osquery process row (`columns.cmdline`), Microsoft Defender's detections and switches): its extra, its host (winxml keeps the Computer there) and its message, a newline between. They carry no address. A rule a triage tool matched (`sigma_level`: Hayabusa's, Chainsaw's or Wazuh's, formats/hayabusa.ts, evtxjson.ts, wazuh.ts) is read whatever the row holds. */
export const HOST_EVENT_COLUMN =
  "CASE WHEN (host IS NOT NULL AND instr(extra, '\"sigma_level\":\"') > 0) OR (src_ip IS NULL OR src_ip IN ('::1', '127.0.0.1')) AND (instr(extra, 'seclogo') > 0 OR instr(COALESCE(message, ''), 'seclogo') > 0) OR src_ip IS NULL AND (instr(extra, '1102') > 0 OR instr(extra, '104') > 0 OR instr(extra, '7045') > 0 OR instr(extra, '4697') > 0 OR instr(extra, '4720') > 0 OR instr(extra, '4728') > 0 OR instr(extra, '4732') > 0 OR instr(extra, '4756') > 0 OR instr(extra, '4698') > 0 OR " + FILE_EVENT_SQL + " OR instr(extra, '4740') > 0 OR instr(extra, '4738') > 0 OR instr(extra, '5136') > 0 OR instr(extra, '7036') > 0 OR instr(extra, '7040') > 0 OR instr(extra, '1074') > 0 OR instr(extra, '6006') > 0 OR instr(extra, 'Defender') > 0 OR instr(extra, 'Antimalware') > 0 OR instr(COALESCE(program, ''), 'Defender') > 0 OR instr(extra, '\"type\":\"EXECVE\"') > 0 OR instr(extra, '\"columns.cmdline\":\"') > 0 OR instr(extra, '\"ProcessCommandLine\":\"') > 0 OR instr(extra, '\"event_simpleName\":\"') > 0 OR instr(extra, '4688') > 0 OR instr(extra, '4104') > 0 OR instr(extra, 'ParentImage') > 0 OR instr(COALESCE(message, ''), 'ParentImage:') > 0 OR (instr(extra, '4662') > 0 AND (instr(extra, '-9c07-11d1-f79f-00c04fc2dcd2') > 0 OR instr(extra, '89e95b76-444d') > 0 OR instr(COALESCE(message, ''), '-9c07-11d1-f79f-00c04fc2dcd2') > 0 OR instr(COALESCE(message, ''), '89e95b76-444d') > 0 OR instr(COALESCE(message, ''), 'Replication-Get-Changes') > 0))) THEN extra || char(10) || COALESCE(host, '') || char(10) || COALESCE(message, '') END AS hev";
/** The cells the fold reads out of `extra` and `message` (follow mode imports it under its first name, REPEATED_SQL). */
/**
 * A Linux auth-log row linuxEvents.ts reads (an SSH login; useradd, usermod, groupadd, gpasswd, passwd, chpasswd, sudo, su): its program, host and message, a newline between.
 * A Windows logon from an address (4624) is marked "winlogon", with its machine and the pieces of its message and extra that hold the logon type and authentication package, for windowsLogons.ts.
 */
export const LINUX_EVENT_COLUMN =
  `CASE WHEN program IN (${LINUX_PROGRAMS.map((p) => `'${p}'`).join(', ')}) OR (program IN ('sshd', 'sshd-session') AND action = 'auth_success') THEN program || char(10) || COALESCE(host, '') || char(10) || COALESCE(message, '') ` +
  // auditd's USER_LOGIN that worked (sshd's, on a machine whose auth.log is not at hand): marked "auditlogin", with its address and account
  "WHEN action = 'auth_success' AND src_ip IS NOT NULL AND instr(COALESCE(extra, ''), '\"type\":\"USER_LOGIN\"') > 0 THEN 'auditlogin' || char(10) || COALESCE(host, '') || char(10) || src_ip || ' ' || COALESCE(user, '') " +
  "WHEN action = 'auth_success' AND src_ip IS NOT NULL AND host IS NOT NULL AND (instr(COALESCE(extra, ''), '4624') > 0 OR instr(COALESCE(message, ''), 'successfully logged on') > 0) THEN 'winlogon' || char(10) || host || char(10) || " +
  // only the logon type and authentication package, in the message or the fields: a domain controller logs millions of these
  "substr(COALESCE(message, ''), instr(COALESCE(message, ''), 'Logon Type'), 40) || ' ' || substr(COALESCE(message, ''), instr(COALESCE(message, ''), 'Authentication Package:'), 40) || ' ' || " +
  "substr(COALESCE(extra, ''), instr(COALESCE(extra, ''), 'LogonType'), 60) || ' ' || substr(COALESCE(extra, ''), instr(COALESCE(extra, ''), 'AuthenticationPackageName'), 60) END AS lev";

export const FOLD_SQL = `${REPEATED_COLUMN}, ${IDS_COLUMN}, ${F2B_COLUMN}, ${AUTH_MSG_COLUMN}, ${ATTEMPTS_COLUMN}, ${DNSQ_COLUMN}, ${FAILKIND_COLUMN}, ${RBYTES_COLUMN}, ${LOGON_HOST_COLUMN}, ${TGS_COLUMN}, ${AWS_COLUMN}, ${HOST_EVENT_COLUMN}, ${LINUX_EVENT_COLUMN}, ${MAIL_COLUMN}`;
export const REPEATED_SQL = FOLD_SQL;

/**
 * A 30-bit FNV-1a hash of a path, for counting a source's distinct paths (30 bits: an integer V8
 * keeps unboxed; a 31-bit one was a heap number half the time, allocated and hashed as one in every
 * Map and Set it keyed, about 3 % of a web log's analysis). Keeping the strings cost most of the fold's memory (a web log of 1M lines had 462k distinct paths: ~200 MB) and
 * most of its time; small integers are cheap to keep and compare. Two distinct paths collide
 * with odds of 1 in 2^30, so a source with 50,000 distinct paths is undercounted by about one; the count is a statistic (the outlier detector's "distinct paths"), and the
 * evidence rows are always selected by the real values. The beaconing accumulators key web
 * requests by it too: a collision would put two paths' times in one series, which then has to
 * be regular for hours to be reported, and its evidence query names the path.
 */
export function pathKey(p: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193);
  return h >>> 2;
}

/** Ports where repeated short connections mean password guessing. */
export const LOGIN_PORTS = [21, 22, 23, 3389, 5900, 1433, 3306, 5432];
/** Paths that take credentials. */
export const LOGIN_RE = /login|logon|signin|sign-in|sign_in|auth|session|xmlrpc\.php|wp-admin|\/admin|password|token|account/i;
/**
 * A login form itself (the path ends at it), where a POST is one password try: WordPress answers a
 * wrong password with 200 and the form again, a right one with a redirect. API calls under
 * login-like words (`/api/session/heartbeat`, `/auth/token/refresh`) are not tries. Also the
 * forms products post to under other names: Fortinet's `/remote/logincheck`, Symfony's
 * `/login_check`, Magento's `/customer/account/loginPost`, Spring's `j_spring_security_check`,
 * GlobalProtect's `login.esp`, WooCommerce's `/my-account/`.
 */
export const LOGIN_FORM_RE =
  /(?:^|\/)(?:wp-login\.php|xmlrpc\.php|log[-_]?in|sign[-_]?in|log[-_]?on|auth|authenticate|session|sessions|j_(?:spring_)?security_check|auth\.owa|log[-_]?in[-_]?(?:check|post)|my-account)(?:\.(?:php|aspx?|jsp|do|action|html?|cgi|esp))?\/?$/i;
export const CRAWLER_RE = /bot|crawl|spider|slurp/i;
/**
 * A user agent worth decoding: lookups and function definitions (Log4Shell, Shellshock), and the
 * quotes, markup and backticks SQL injection, blind XSS and command injection need; ordinary
 * browser and bot agents have none of these. Each distinct agent is judged once (agentInfo).
 */
/** `%24%7B` and `%2524`: a lookup percent-encoded (once or twice) in a header, as Log4Shell scanners also send it */
export const UA_PAYLOAD_RE = /\$\{|\(\)\s*\{|['"<>`]|%2[27]|%3[ce]|%60|%24%7b|%2524/i;
/** A browser's agent string (a tool or a library names itself otherwise; see matchTool for impostors). */
export const BROWSER_RE = /^Mozilla\/5\.0 \((?:Windows|Macintosh|X11|Linux|iPhone|iPad)/;
export const REFERRER_PAYLOAD_RE = /['"<>`]|\$\{|\(\)\s*\{|%2[27]|%3[ce]|%24%7b|%2524|\.\.[/\\]/i;
export const ICMP_ECHO_RE = /^(8|128)(\.|$)/;
/** flags that name an ICMP type ("8.0", "3.3"); CIDDS/nfdump placeholders ("......") name none */
export const ICMP_TYPED_RE = /^\d/;

/**
 * Zeek's conn_state, which its conn.log keeps where other flow logs keep TCP flags: states, not flag
 * letters ("SF" is a connection set up and closed normally, not SYN+FIN; "REJ" has no S but is a refusal).
 */
export const ZEEK_STATE_RE = /^(?:S0|S1|S2|S3|SF|REJ|RSTO|RSTR|RSTOS0|RSTRH|SH|SHR|OTH)$/;
/** Zeek states of an attempt nobody answered (S0, SH, RSTOS0: no SYN-ACK seen) or the server refused (REJ) */
export const ZEEK_PROBE_RE = /^(?:S0|REJ|RSTOS0|SH)$/;
/**
 * Argus' flow state, which UNSW-NB15 and other Argus CSV exports keep in a `state` column (flags):
 * a state, not flag letters ("RST", a reset, has no SYN; "REQ" has no S but is an unanswered
 * request). TCP: REQ requested (a SYN nobody answered), ACC accepted, CON connected, EST established,
 * CLO closed, FIN finished normally, RST reset, TIM timed out; UDP and others: INT only the
 * initiator's packets seen, CON both sides; ICMP: the message (ECO echo request, ECR echo reply, URH/URN/URP
 * unreachable, TXD time exceeded, PAR parameter problem, TST timestamp, MAS mask request…).
 */
export const ARGUS_STATE_RE = /^(?:REQ|ACC|CON|EST|CLO|FIN|RST|TIM|INT|ECO|ECR|URH|URN|URP|URF|URS|TXD|PAR|TST|TSR|MAS|MSR|IRQ|IRR|RTA|RTS|SRC|RED)$/;
/** Argus states of an attempt nobody answered: INT (no reply seen), REQ (a request, no reply) */
export const ARGUS_PROBE_RE = /^(?:INT|REQ)$/;
/**
 * Argus' TCP state as `ra -s state` writes it for bidirectional flows (CTU-13's binetflow): the
 * flags each side sent, source first (`S_RA`: a SYN refused with RST+ACK; `S_`: a SYN nobody
 * answered; `SR_SA`: a half-open probe of an open port; `FSPA_FSPA`: a whole exchange).
 */
export const ARGUS_SIDES_RE = /^([FSRPAUECW]{0,8})_([FSRPAUECW]{0,8})$/;
/** flags holding a connection state (Zeek's conn_state, Argus' state: each says whether the flow was answered) rather than TCP flags */
export const connState = (f: string | null | undefined): boolean => !!f && (ZEEK_STATE_RE.test(f) || ARGUS_STATE_RE.test(f) || ARGUS_SIDES_RE.test(f));
/** A TCP flow carrying only SYN (no ACK): a connection attempt nobody answered (or, in Zeek's states, one refused). */
export const synOnly = (f: string | null | undefined): boolean => {
  if (!f) return false;
  if (ZEEK_STATE_RE.test(f)) return ZEEK_PROBE_RE.test(f);
  if (ARGUS_STATE_RE.test(f)) return ARGUS_PROBE_RE.test(f);
  // Argus' two sides: the source's own flags decide (the answer's ACK is not the source's)
  const sides = f.length <= 17 ? ARGUS_SIDES_RE.exec(f) : null;
  if (sides !== null) return sides[1]!.includes('S') && !sides[1]!.includes('A');
  return f.includes('S') && !f.includes('A');
};
/**
 * A flow sent by the side that opened the conversation: towards a low (service) port, from a
 * higher or unknown port, a bare SYN, or a connection attempt a firewall refused (stateful
 * firewalls refuse attempts, not replies; a refused ACK is a stray reply). Server replies to
 * ephemeral client ports do not count.
 */
export const initiator = (e: LiveEvent): boolean =>
  e.dst_port != null && (e.dst_port < 1024 || e.src_port == null || e.src_port >= e.dst_port || synOnly(e.flags) || (e.action === 'reject' && !e.flags?.includes('A')));
export const authFail = (a: string | null | undefined): boolean => a === 'auth_failure' || a === 'invalid_user' || a === 'auth_max_attempts' || a === 'auth_abandoned';
/**
 * A connection record: no action, or a firewall's verdict on it (VPC flow logs, UFW/iptables,
 * FortiGate, Windows Firewall). Login and session events carry ports too but are not connections.
 */
export const connection = (a: string | null | undefined): boolean => a == null || a === 'accept' || a === 'reject';

/**
 * Paths browsers, their developer tools and phones ask for on their own, whether or not the site
 * has them: the tab icon, iOS home-screen icons, source maps (DevTools opens them), robots.txt,
 * ads.txt, /.well-known/ (Chrome DevTools' appspecific JSON, app links, change-password). A site
 * without them answers every visitor 404 there; those are not a visitor looking for hidden files.
 */
export const BROWSER_FETCHED = /(?:^|\/)(?:favicon\.ico|apple-touch-icon[\w.-]{0,40}\.png)$|\.(?:js|css|mjs)\.map$|^\/(?:robots\.txt|app-ads\.txt|ads\.txt|browserconfig\.xml|\.well-known\/)/i;

export const RESOURCE_EXT = /\.(?:css|js|mjs|png|jpe?g|gif|svg|ico|webp|avif|bmp|woff2?|ttf|otf|eot|map)$/i;

/**
 * A static file a page referred to, fetched and answered: what a browser does dozens of times a
 * second while it opens a page full of images. A GET or HEAD with a referrer, answered below 400.
 */
export function pageResource(e: LiveEvent): boolean {
  const m = e.method;
  if (m !== 'GET' && m !== 'HEAD') return false;
  const st = e.status;
  if (st == null || st >= 400) return false;
  const ref = e.referrer;
  if (!ref || ref === '-') return false;
  const p = e.path!;
  return RESOURCE_EXT.test(p.length > 256 ? p.slice(-16) : p);
}
