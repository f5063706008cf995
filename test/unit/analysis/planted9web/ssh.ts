// Round 9: sshd's own lines for password guessing, as Debian/Ubuntu OpenSSH 8-9 writes them to
// /var/log/auth.log, including the shapes that were miscounted: a log cut to its "Failed" lines
// (no "Invalid user" notice before them), "Failed none" (the client asking which methods are
// offered), keyboard-interactive/pam failures, and connections cut off at MaxAuthTries.

const T0 = Date.UTC(2026, 4, 12, 3, 0, 0);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
/** syslog's `May 12 03:04:05` */
const stamp = (ms: number): string => {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

const NAMES = ['admin', 'test', 'oracle', 'ubnt', 'guest', 'postgres', 'git', 'user1', 'ftpuser', 'pi', 'deploy', 'jenkins', 'hadoop', 'support', 'ansible', 'minecraft', 'tomcat', 'nagios', 'es', 'solr'];

/** A log cut to its "Failed password" lines (grep Failed auth.log): 40 guesses at 20 names that do not exist. */
export const CUT_IP = '218.92.0.112';
/** The full sequence per connection, the client trying "none" before the password: 25 guesses at unknown names. */
export const FULL_IP = '61.177.172.140';
/** root guessed until sshd cuts each connection at MaxAuthTries (6): 4 connections, 24 guesses. */
export const MAXED_IP = '180.101.88.230';
/** keyboard-interactive/pam (PasswordAuthentication no, KbdInteractiveAuthentication yes): 15 guesses at root. */
export const KBD_IP = '45.148.10.174';
/** A person who typed her name wrong five times (the client trying "none" first each time), then got in. */
export const TYPO_IP = '81.2.69.160';

export function authLog(): string[] {
  const out: { ms: number; line: string }[] = [];
  let pid = 40210;
  const add = (ms: number, text: string): void => {
    out.push({ ms, line: `${stamp(ms)} bastion sshd[${pid}]: ${text}` });
  };
  // cut to "Failed" lines
  for (let i = 0; i < 40; i++) {
    pid++;
    add(T0 + i * 9_000, `Failed password for invalid user ${NAMES[i % 20]} from ${CUT_IP} port ${41000 + i * 7} ssh2`);
  }
  // the whole connection, as sshd and pam_unix write it
  for (let i = 0; i < 25; i++) {
    pid++;
    const ms = T0 + 600_000 + i * 14_000;
    const port = 52000 + i * 11;
    const u = NAMES[(i * 3) % 20]!;
    add(ms, `Invalid user ${u} from ${FULL_IP} port ${port}`);
    add(ms, `Failed none for invalid user ${u} from ${FULL_IP} port ${port} ssh2`);
    add(ms + 1_000, 'pam_unix(sshd:auth): check pass; user unknown');
    add(ms + 1_000, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${FULL_IP}`);
    add(ms + 3_000, `Failed password for invalid user ${u} from ${FULL_IP} port ${port} ssh2`);
    add(ms + 3_000, `Connection closed by invalid user ${u} ${FULL_IP} port ${port} [preauth]`);
  }
  // root until the attempt limit
  for (let c = 0; c < 4; c++) {
    pid++;
    const port = 33000 + c * 101;
    const ms = T0 + 1_200_000 + c * 90_000;
    for (let k = 0; k < 6; k++) {
      if (k === 0) add(ms, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${MAXED_IP}  user=root`);
      add(ms + k * 4_000 + 2_000, `Failed password for root from ${MAXED_IP} port ${port} ssh2`);
    }
    add(ms + 26_000, `error: maximum authentication attempts exceeded for root from ${MAXED_IP} port ${port} ssh2 [preauth]`);
    add(ms + 26_000, `Disconnecting authenticating user root ${MAXED_IP} port ${port}: Too many authentication failures [preauth]`);
    add(ms + 26_000, `PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${MAXED_IP}  user=root`);
  }
  // keyboard-interactive through PAM: one failure line each, then the client leaves
  for (let i = 0; i < 15; i++) {
    pid++;
    const port = 60100 + i * 13;
    const ms = T0 + 1_800_000 + i * 20_000;
    add(ms, `error: PAM: Authentication failure for root from ${KBD_IP}`);
    add(ms, `Failed keyboard-interactive/pam for root from ${KBD_IP} port ${port} ssh2`);
    add(ms + 2_000, `Disconnected from authenticating user root ${KBD_IP} port ${port} [preauth]`);
  }
  // the person: five connections with a misspelt name, then her own
  for (let i = 0; i < 5; i++) {
    pid++;
    const port = 50500 + i;
    const ms = T0 + 2_400_000 + i * 20_000;
    add(ms, `Invalid user alcie from ${TYPO_IP} port ${port}`);
    add(ms, `Failed none for invalid user alcie from ${TYPO_IP} port ${port} ssh2`);
    add(ms + 4_000, `Failed password for invalid user alcie from ${TYPO_IP} port ${port} ssh2`);
    add(ms + 5_000, `Connection closed by invalid user alcie ${TYPO_IP} port ${port} [preauth]`);
  }
  pid++;
  add(T0 + 2_600_000, `Accepted password for alice from ${TYPO_IP} port 50611 ssh2`);
  add(T0 + 2_600_000, 'pam_unix(sshd:session): session opened for user alice(uid=1001) by (uid=0)');
  return out.sort((a, b) => a.ms - b.ms).map((o) => o.line);
}
