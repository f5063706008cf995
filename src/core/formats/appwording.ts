// An application's own words for a login that failed or worked, for logs no specific format types:
// `login failed for user "admin" from 203.0.113.5`, `Invalid username or password`, `Failed login
// attempt`, `authentication failure`, `user alice logged in`, `LOGIN_ERROR`. Custom web apps,
// Grafana, Jenkins, Django and most frameworks write a line like these; without them a password
// guessed against the app is invisible. Conservative by design: both outcomes in one line
// (`login succeeded after 3 failed attempts`) type neither, and the system's own login stack
// (sshd, sudo, PAM, logind), which its own readers type, is never read this way.

const FAIL = [
  /\b(?:failed|unsuccessful|invalid|bad|denied|rejected|incorrect|wrong)\s+(?:log[ -]?in|logon|sign[ -]?in|authentication|auth|credentials?|password|passphrase)\b/i,
  /\b(?:log[ -]?in|logon|sign[ -]?in|authentication|auth)\s+(?:attempt\s+)?(?:has\s+|was\s+)?(?:failed|failure|unsuccessful|denied|rejected|refused)\b/i,
  /\b(?:invalid|incorrect|wrong|bad)\s+(?:user(?:name)?|login|e-?mail)\s*(?:or|and|\/)\s*password\b/i,
  /\bfailed\s+to\s+(?:log[ -]?in|authenticate|sign[ -]?in)\b/i,
  // an event type (Keycloak's LOGIN_ERROR); not OpenVPN's AUTH_FAILED control message, which repeats the failure its reader counts
  /\b(?:LOGIN|SIGNIN)_(?:ERROR|FAILED|FAILURE|DENIED)\b/,
];
const SUCCESS = [
  /\b(?:log[ -]?in|logon|sign[ -]?in|authentication)\s+(?:was\s+|has\s+)?(?:succeeded|successful|success|accepted)\b/i,
  /\bsuccessful(?:ly)?\s+(?:log(?:ged)?[ -]?in|logon|sign(?:ed)?[ -]?in|authenticated|authentication)\b/i,
  /(?<!\bnot\s)\b(?:logged|signed)\s+in\b(?!\s+(?:as\s+)?(?:failed|required))/i,
  /\b(?:LOGIN|SIGNIN)_(?:SUCCESS|SUCCEEDED|OK)\b/,
];
/** Programs whose login lines their own readers type (messages.ts): a generic reading would count them twice. */
const SYSTEM_LOGIN = /^(?:sshd|sshd-session|sudo|su|login|systemd-logind|polkitd|gdm|gdm-password|lightdm|cron|crond|CRON|dovecot|postfix|vsftpd|proftpd|pure-ftpd|named|kernel)\b/;

/** The user a login line names (`user "admin"`, `username=bob`, `for 'alice'`), or null. */
const USER = /\buser(?:name)?\s*[=:]?\s*["'`<[]?([\w.@\\-]{1,64})|\bfor\s+["'`<[]([\w.@\\-]{1,64})["'`>\]]/i;

export interface AppLogin {
  action: 'auth_failure' | 'auth_success';
  user: string | null;
}

/** The outcome of a login an application's message tells, or null (none, both, or a system program's line). */
export function appLogin(message: string, program: string | null): AppLogin | null {
  if (message.length > 2000 || (program !== null && SYSTEM_LOGIN.test(program)) || /^pam_\w+\(/.test(message)) return null;
  const failed = FAIL.some((re) => re.test(message));
  const ok = SUCCESS.some((re) => re.test(message));
  if (failed === ok) return null;
  const u = USER.exec(message);
  const user = u ? (u[1] ?? u[2] ?? null) : null;
  return { action: failed ? 'auth_failure' : 'auth_success', user: user && !/^(?:or|and|name|id|is|not|was|with)$/i.test(user) ? user : null };
}
