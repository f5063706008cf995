// Database servers' login lines, wherever their text arrives (their own log files, syslog, a
// SIEM export): MySQL/MariaDB `Access denied`, PostgreSQL authentication failures and pg_hba
// refusals (with the client from log_line_prefix), SQL Server 18456/18454.
import type { CellValue } from './types';
import { C } from './cols';
import { HOST_NAME, normalizeIp } from './clean';

/** MySQL / MariaDB: `Access denied for user 'root'@'203.0.113.5' (using password: YES)` (a refused login, not error 1044's `to database`) */
const MYSQL_DENIED = /^Access denied for user '([^']{0,256})'@'([^']{0,256})' \(using password: (?:YES|NO)\)/;
/** PostgreSQL: `FATAL:  password authentication failed for user "postgres"` (also ldap, pam, ident, scram: `… authentication failed for user "u"`) */
const PG_AUTH_FAIL = /^(\w+) authentication failed for user "([^"]{0,256})"/;
/** PostgreSQL: `FATAL:  no pg_hba.conf entry for host "203.0.113.5", user "postgres", database "postgres", …` */
const PG_NO_HBA = /^no pg_hba\.conf entry for host "([0-9A-Fa-f:.]{2,45})", user "([^"]{0,256})"/;
/**
 * PostgreSQL's log_line_prefix client as a word before the severity: `%h` (`client=203.0.113.5`) or
 * `%r` (`203.0.113.5(5555)`), e.g. syslog's `[900-1] user=u,db=d,client=%r FATAL:  …`. Only the
 * prefix (at most PG_PREFIX_MAX characters before the failure) is searched; candidates that are no
 * address (a `%t` time `06:25:01`) are passed over.
 */
const PG_PREFIX_CLIENT = /(?:^|[\s,=@[])(\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,44})(?:\((\d{1,5})\))?(?=[\s,\]]|$)/g;
const PG_PREFIX_MAX = 512;
/** SQL Server ERRORLOG / event 18456: `Login failed for user 'sa'. Reason: … [CLIENT: 203.0.113.5]`; 18454 `Login succeeded for user 'app'. …` */
const MSSQL_LOGIN = /^Login (failed|succeeded) for user '([^']{0,256})'\.[^[]{0,1024}\[CLIENT: ([0-9A-Fa-f:.]{2,45})\]/;

/** The client a PostgreSQL prefix names (see PG_PREFIX_CLIENT): the first word that is an address, with its `(port)`. */
function pgPrefixClient(prefix: string, setIp: (ip: string, port: string | undefined) => void): void {
  PG_PREFIX_CLIENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PG_PREFIX_CLIENT.exec(prefix)) !== null) {
    if (normalizeIp(m[1]) !== null) {
      setIp(m[1], m[2] !== undefined && Number(m[2]) <= 65535 ? m[2] : undefined);
      return;
    }
    // the lookahead consumed nothing: step past this candidate's first character
    PG_PREFIX_CLIENT.lastIndex = m.index + 1;
  }
}

/**
 * Database logins anywhere in the message (their own logs put a thread id, level or prefix first):
 * MySQL/MariaDB `Access denied`, PostgreSQL authentication failures and missing pg_hba entries
 * (the address only when log_line_prefix has %h: the text log takes the first address), SQL Server
 * 18456/18454. Each marker is found with indexOf and the pattern anchored there, so a long line costs one pass.
 */
export function databaseLogin(msg: string, row: CellValue[], setIp: (ip: string, port: string | undefined) => void): boolean {
  let at = msg.indexOf('Access denied for user \'');
  let m: RegExpExecArray | null;
  if (at >= 0 && (m = MYSQL_DENIED.exec(msg.slice(at)))) {
    row[C.action] = 'auth_failure';
    row[C.user] = m[1];
    if (normalizeIp(m[2]) !== null) setIp(m[2], undefined);
    else if (HOST_NAME.test(m[2])) row[C.src_ip] = m[2].toLowerCase();
    return true;
  }
  at = msg.indexOf(' authentication failed for user "');
  if (at >= 0) {
    const start = msg.lastIndexOf(' ', at - 1) + 1;
    if ((m = PG_AUTH_FAIL.exec(msg.slice(start)))) {
      row[C.action] = 'auth_failure';
      row[C.user] = m[2];
      pgPrefixClient(msg.slice(Math.max(0, start - PG_PREFIX_MAX), start), setIp);
      return true;
    }
  }
  at = msg.indexOf('no pg_hba.conf entry for host "');
  if (at >= 0 && (m = PG_NO_HBA.exec(msg.slice(at)))) {
    row[C.action] = 'auth_failure';
    row[C.user] = m[2];
    setIp(m[1], undefined);
    return true;
  }
  at = msg.indexOf('Login ');
  while (at >= 0) {
    if ((m = MSSQL_LOGIN.exec(msg.slice(at)))) {
      row[C.action] = m[1] === 'failed' ? 'auth_failure' : 'auth_success';
      row[C.user] = m[2];
      setIp(m[3], undefined);
      return true;
    }
    if (at > 64) break; // ERRORLOG puts only the time and the source (`Logon`) before it
    at = msg.indexOf('Login ', at + 6);
  }
  return false;
}
