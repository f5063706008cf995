// One failed login line sshd (or another service) logged, counted into its source's SshState
// (fold.ts): the guesses it stands for, the unknown names, the refused keys, and which lines are
// the same guess as another ("Invalid user" then "Failed password for invalid user").
import { FAIL_INVALID, FAIL_KEY, FAIL_NONE, type LiveEvent } from './eventKind';
import { maxTs, minTs, type SshState } from './foldState';

/** One more guess on a source's connection (by source port); only recent connections are kept. */
export function guessOn(conns: Map<number, number>, port: number | null, n = 1): void {
  if (port === null || n === 0) return;
  conns.set(port, (conns.get(port) ?? 0) + n);
  if (conns.size > 256) conns.delete(conns.keys().next().value!);
}

/**
 * A logged failure (not a notice, cut-off or abandoned connection): adds the guesses it stands for
 * and returns how many of them are new; 0 when it stands for none ("Failed none" after its name's
 * notice, or for a known name) or only for the guess its name's notice counted already.
 */
export function addLoggedFailure(ssh: SshState, e: LiveEvent, key: string | null, port: number | null): number {
  // rsyslog folds identical lines into "message repeated N times": N more failures; Zeek's
  // ssh.log gives one record per connection with the attempts it estimated inside it
  const zeek = e.attempts != null && e.attempts > 1 && !(e.repeated != null && e.repeated > 1);
  const n = e.repeated != null && e.repeated > 1 ? e.repeated : zeek ? e.attempts! : 1;
  if (n > 1 && !zeek) ssh.folded++;
  if (zeek) {
    ssh.estimated++;
    ssh.estimatedGuesses += n;
  }
  const kind = e.failkind ?? 0;
  const invalid = (kind & FAIL_INVALID) !== 0;
  const noticePort = key === null ? undefined : ssh.pending.get(key);
  if (kind & FAIL_NONE) {
    // "Failed none": the probe for the methods a server offers, no secret in it. For an unknown
    // name it stands in for the "Invalid user" notice when that line is missing (a log cut to its
    // "Failed" lines), and pairs with the password tried next like the notice.
    ssh.noneProbes++;
    if (!invalid || noticePort !== undefined) return 0;
    ssh.invalid++;
    ssh.fails++;
    if (key !== null) ssh.pending.set(key, port);
    guessOn(ssh.conns, port);
    return 1;
  }
  if (kind & FAIL_KEY) ssh.keyFails += n;
  if (e.program?.startsWith('%SEC_LOGIN')) ssh.iosSecLogin += n;
  else if (e.program?.startsWith('%SSH')) ssh.iosUserauth += n;
  else if (e.program != null && /^%(?:ASA|FTD)-\d-1130(?:05|15)$/.test(e.program)) ssh.asaAaa += n;
  else if (e.program != null && /^%(?:ASA|FTD)-\d-716039$/.test(e.program)) ssh.asaVpn += n;
  // the name's notice counted the first of these already (as a failure and an unknown name)
  const counted = noticePort === undefined ? n : n - 1;
  if (noticePort !== undefined) {
    ssh.pending.delete(key!);
    ssh.paired++;
  }
  ssh.fails += counted;
  // "Failed password for invalid user x" with no "Invalid user x" line before it (many logs are
  // cut to their "Failed" lines) is still a guess at a name that does not exist
  if (invalid) ssh.invalid += counted;
  // a guess its notice already put on this connection is not a second one
  guessOn(ssh.conns, port, noticePort !== undefined && noticePort === port ? n - 1 : n);
  return counted;
}

/** A `lastb` listing's failed logins from one source (formats/lastlog.ts): btmp repeats what sshd and login logged. */
export interface BtmpAcc {
  fails: number;
  users: Map<string, number>;
  first: number | null;
  last: number | null;
  /** `lastb sshd` for ssh:notty rows (the service), else `lastb` */
  program: string | null;
}

/** Folds one btmp row (program `lastb` or a btmp `ssh:notty` row: extra.tty and no message of sshd's own). */
export function addBtmp(b: BtmpAcc | null, e: LiveEvent, ts: number | null): BtmpAcc {
  const acc = b ?? { fails: 0, users: new Map(), first: null, last: null, program: null };
  if (acc.program === null || acc.program === 'lastb') acc.program = e.program ?? null;
  acc.fails++;
  if (e.user) acc.users.set(e.user, (acc.users.get(e.user) ?? 0) + 1);
  acc.first = minTs(acc.first, ts);
  acc.last = maxTs(acc.last, ts);
  return acc;
}

/**
 * The source's login state with its btmp failures, when no log in the case names a failure of
 * its own (auth.log rotated or wiped, btmp kept): then the listing is the record of the guessing.
 * Beside auth.log's lines the same guesses would count twice, so they are left out. A copy: the
 * fold's state is never changed by reading it.
 */
export function withBtmp(ssh: SshState | null, b: BtmpAcc | null, empty: () => SshState): SshState | null {
  if (b === null || (ssh !== null && ssh.fails > 0)) return ssh;
  const base = ssh ?? empty();
  return { ...base, fails: b.fails, users: new Map(b.users), firstFail: b.first, lastFail: b.last, program: base.program ?? b.program ?? 'lastb' };
}

/**
 * A Kerberos TGT issued (kerberos.tgtVerified) to an address that had failed to log in before counts
 * as its successful logon: a spray over Kerberos (4771 0x18) that finds a password shows it only so.
 */
export function addTgtLogin(ssh: SshState, user: string | null | undefined, ts: number | null): void {
  ssh.ok++;
  ssh.lastOk = maxTs(ssh.lastOk, ts);
  if (user) ssh.okUsers.add(user);
}
