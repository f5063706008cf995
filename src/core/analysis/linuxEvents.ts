// What an intruder does on a Linux machine after getting in, as auth.log / secure (and journald)
// write it: accounts and groups made (useradd, groupadd), an account put in sudo/wheel (usermod -aG,
// gpasswd -a), passwords changed (passwd, chpasswd), sudo or su to root, sudoers edited through
// sudo; and the SSH logins (sshd "Accepted …") these follow. hostTampering ties them together.
import type { HostEvent } from './hostEvents';
import { ipScope } from './net';

/** The programs whose lines are read (the fold's `lev` column picks their rows). */
export const LINUX_PROGRAMS = ['useradd', 'usermod', 'groupadd', 'gpasswd', 'passwd', 'chpasswd', 'sudo', 'su'] as const;

/** Groups whose members become root: Debian's sudo and admin, Red Hat's wheel, root itself. */
export const ADMIN_GROUP = /^(?:sudo|wheel|admin|root)$/;

const ACCEPTED = /^Accepted (\S+) for (\S+) from ([0-9A-Fa-f:.]+) port \d+/;
const NEW_USER = /^new user: name=([^,\s]+)(?:, UID=(\d+))?/;
/** usermod logs each membership twice, for /etc/group and /etc/gshadow ("shadow group"): the second is not read */
const ADD_TO_GROUP = /^add '([^']+)' to group '([^']+)'/;
const GPASSWD_ADD = /^user (\S+) added by (\S+) to group (\S+)/;
const PASSWORD = /(?:password changed for (\S+)|^change user '([^']+)' password)/;
const SUDO = /^\s*(\S+) : (?:.*?; )?USER=(\S+) ; COMMAND=(.+)$/;
/** su to another user: PAM's session line, with the caller (`… for user root by bob(uid=1001)`) */
const SU = /session opened for user (\S+?)(?:\(uid=\d+\))? by (\S+?)\(uid=/;
/** sudo saying no: the user may not use it, not for that command, or its password was wrong three times */
const SUDO_REFUSED = /user NOT in sudoers|command not allowed|incorrect password attempts?|a password is required/;
/** sudo commands that change who may use sudo */
const SUDOERS = /\/etc\/sudoers|\bvisudo\b/;

/** The Linux host event a row records (its `lev` cell: program, host and message, a newline between), or null. */
export function linuxEvent(id: number, cell: string, ts: number | null): HostEvent | null {
  const a = cell.indexOf('\n');
  const b = a >= 0 ? cell.indexOf('\n', a + 1) : -1;
  if (b < 0) return null;
  const program = cell.slice(0, a);
  const computer = cell.slice(a + 1, b) || null;
  const msg = cell.slice(b + 1);
  const base = { id, ts, computer, eventId: program };
  let m: RegExpExecArray | null;
  switch (program) {
    case 'sshd':
    case 'sshd-session':
      if ((m = ACCEPTED.exec(msg))) return { ...base, kind: 'sshLogin', user: m[2]!, method: m[1]!, ip: m[3]!.replace(/^::ffff:/i, '') };
      return null;
    case 'auditlogin': {
      // auditd's USER_LOGIN (eventKind's LINUX_EVENT_COLUMN: "address account"): it does not say password or key
      const sp = msg.indexOf(' ');
      const ip = sp > 0 ? msg.slice(0, sp) : msg;
      return ip ? { ...base, eventId: 'USER_LOGIN', kind: 'sshLogin', user: (sp > 0 && msg.slice(sp + 1)) || null, method: 'a password or key (auditd USER_LOGIN)', ip: ip.replace(/^::ffff:/i, '') } : null;
    }
    case 'useradd':
      if ((m = NEW_USER.exec(msg))) return { ...base, kind: 'accountCreated', user: null, target: m[1]!, ...(m[2] !== undefined ? { uid: Number(m[2]) } : {}) };
      if ((m = ADD_TO_GROUP.exec(msg))) return groupAdd(base, m[1]!, m[2]!, null);
      return null;
    case 'usermod':
      if ((m = ADD_TO_GROUP.exec(msg))) return groupAdd(base, m[1]!, m[2]!, null);
      if ((m = PASSWORD.exec(msg))) return { ...base, kind: 'password', user: null, target: m[1] ?? m[2]! };
      return null;
    case 'gpasswd':
      if ((m = GPASSWD_ADD.exec(msg))) return groupAdd(base, m[1]!, m[3]!, m[2]!);
      return null;
    case 'passwd':
    case 'chpasswd':
      if ((m = PASSWORD.exec(msg))) return { ...base, kind: 'password', user: null, target: m[1] ?? m[2]! };
      return null;
    case 'sudo':
      if ((m = SUDO.exec(msg))) return { ...base, kind: 'sudo', user: m[1]!, target: m[2]!, command: m[3]!.trim(), privileged: SUDOERS.test(m[3]!), ...(SUDO_REFUSED.test(msg) ? { refused: true } : {}) };
      return null;
    case 'su':
      if ((m = SU.exec(msg))) return { ...base, kind: 'sudo', user: m[2]!, target: m[1]!, command: 'su', privileged: false };
      return null;
    default:
      return null;
  }
}

function groupAdd(base: Pick<HostEvent, 'id' | 'ts' | 'computer' | 'eventId'>, member: string, group: string, by: string | null): HostEvent {
  return { ...base, kind: 'groupAdd', user: by, target: member, group, privileged: ADMIN_GROUP.test(group) };
}

/**
 * Whether the fold keeps a Linux event: an SSH login only after failures from its address (`fails`),
 * as root from outside (a key planted after the guessing), or the first login of a user from an
 * outside address (`firstOfPair`: an account guessed elsewhere logging in from a new address, and
 * the addresses it logged in from before); every automation login would crowd the list.
 */
export function keepLinux(l: HostEvent, fails: number, firstOfPair: boolean): boolean {
  if (l.kind !== 'sshLogin' || fails > 0) return true;
  const outside = ipScope(l.ip!) === 'external';
  return outside && (l.user === 'root' || firstOfPair);
}
