// auth.log: RFC 3164 syslog (no year) from one Linux server: cron, sudo, logind and sshd sessions of
// its admins, internet noise, a busy legitimate user and password typos (benign), and SSH brute force
// at several intensities (planted), with OpenSSH's real message shapes.
import { AttackerIps, benignPublicIp } from './ips';
import { HOUR, MIN, Plan, TooFewLines } from './plan';
import { clamp, type Rng, Rng as RngClass, Weighted } from './rng';
import { LineSink } from './sink';
import { BackgroundClock, runTimeline, sortByTime, spreadTimes } from './timeline';
import { syslogTime } from './timefmt';
import type { FileContext, FileResult } from './types';

export interface AuthEvent {
  ts: number;
  /** everything after the host name: `sshd[1361]: Accepted publickey ...` */
  text: string;
}

const ADMINS = ['ubuntu', 'deploy', 'alice', 'bob', 'carol', 'ops'];
const INVALID_USERS = ['admin', 'test', 'user', 'ubnt', 'pi', 'oracle', 'postgres', 'git', 'ftpuser', 'support', 'guest', 'hadoop', 'nagios', 'minecraft', 'ts3', 'ubuntu1', 'www', 'mysql', ''];
const SUDO_CMDS = ['/usr/bin/apt-get update', '/usr/bin/systemctl restart nginx', '/usr/bin/tail -f /var/log/syslog', '/bin/journalctl -u ssh', '/usr/bin/docker ps', '/usr/bin/vim /etc/nginx/nginx.conf', '/usr/sbin/service cron status'];
const CRON_USERS = new Weighted<string>([['root', 8], ['www-data', 1], ['backup', 1]]);
const fingerprint = (rng: Rng): string => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < 43; i++) s += chars[rng.int(0, chars.length - 1)];
  return s;
};

class Pids {
  private pid: number;
  constructor(rng: Rng) {
    this.pid = rng.int(1000, 3000);
  }
  next(rng: Rng): number {
    this.pid += rng.int(1, 40);
    if (this.pid > 32000) this.pid = 1000 + (this.pid % 1000);
    return this.pid;
  }
}

interface Delayed {
  due: number;
  text: string;
}

/** Background: one line per call; multi-line groups continue on the next calls, closings later. */
class AuthBackground {
  private readonly now: string[] = [];
  private readonly later: Delayed[] = [];
  private session = 1;
  private readonly adminIps: string[];
  private readonly keys: Map<string, string> = new Map();

  constructor(
    private readonly rng: Rng,
    private readonly pids: Pids,
  ) {
    this.adminIps = Array.from({ length: ADMINS.length }, () => benignPublicIp(rng));
    for (const a of ADMINS) this.keys.set(a, fingerprint(rng));
  }

  take(ts: number): AuthEvent {
    // Earliest due closing first (small array: sessions open at once on one server).
    let best = -1;
    for (let i = 0; i < this.later.length; i++) if ((this.later[i] as Delayed).due <= ts && (best < 0 || (this.later[i] as Delayed).due < (this.later[best] as Delayed).due)) best = i;
    if (best >= 0) {
      const d = this.later[best] as Delayed;
      this.later.splice(best, 1);
      return { ts, text: d.text };
    }
    const q = this.now.shift();
    if (q !== undefined) return { ts, text: q };
    const rng = this.rng;
    const r = rng.float();
    if (r < 0.45) {
      const pid = this.pids.next(rng);
      const u = CRON_USERS.pick(rng);
      this.later.push({ due: ts + rng.int(200, 3000), text: `CRON[${pid}]: pam_unix(cron:session): session closed for user ${u}` });
      return { ts, text: `CRON[${pid}]: pam_unix(cron:session): session opened for user ${u} by (uid=0)` };
    }
    if (r < 0.7) {
      const i = rng.int(0, ADMINS.length - 1);
      const u = ADMINS[i] as string;
      const cmd = rng.pick(SUDO_CMDS);
      this.now.push(`sudo: pam_unix(sudo:session): session opened for user root by ${u}(uid=0)`);
      this.later.push({ due: ts + rng.int(500, 20_000), text: 'sudo: pam_unix(sudo:session): session closed for user root' });
      return { ts, text: `sudo:   ${u} : TTY=pts/${rng.int(0, 3)} ; PWD=/home/${u} ; USER=root ; COMMAND=${cmd}` };
    }
    if (r < 0.85 && this.later.length < 64) {
      const i = rng.int(0, ADMINS.length - 1);
      return this.login(ts, ADMINS[i] as string, this.adminIps[i] as string);
    }
    if (r < 0.9) {
      return { ts, text: `systemd-logind[1118]: ${rng.chance(0.5) ? `Watching system buttons on /dev/input/event${rng.int(0, 3)} (Power Button)` : 'New seat seat0.'}` };
    }
    // Internet background noise: a stray probe or a single invalid-user attempt from anywhere.
    const pid = this.pids.next(rng);
    const ip = benignPublicIp(rng);
    const port = rng.int(1024, 65535);
    if (rng.chance(0.4)) return { ts, text: `sshd[${pid}]: Connection closed by ${ip} port ${port} [preauth]` };
    if (rng.chance(0.2)) return { ts, text: `sshd[${pid}]: Did not receive identification string from ${ip} port ${port}` };
    const u = rng.pick(INVALID_USERS);
    this.now.push(`sshd[${pid}]: input_userauth_request: invalid user ${u} [preauth]`, `sshd[${pid}]: Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`);
    return { ts, text: `sshd[${pid}]: Invalid user ${u} from ${ip}` };
  }

  /** An admin session: accepted key, session lines now, disconnect lines minutes later. */
  login(ts: number, user: string, ip: string): AuthEvent {
    const rng = this.rng;
    const pid = this.pids.next(rng);
    const port = rng.int(40000, 65000);
    const s = this.session++;
    this.now.push(`sshd[${pid}]: pam_unix(sshd:session): session opened for user ${user} by (uid=0)`, `systemd-logind[1118]: New session ${s} of user ${user}.`);
    const end = ts + rng.int(2 * MIN, 90 * MIN);
    this.later.push(
      { due: end, text: `sshd[${pid}]: Received disconnect from ${ip} port ${port}:11: disconnected by user` },
      { due: end + 1, text: `sshd[${pid}]: Disconnected from ${ip} port ${port}` },
      { due: end + 2, text: `sshd[${pid}]: pam_unix(sshd:session): session closed for user ${user}` },
      { due: end + 3, text: `systemd-logind[1118]: Removed session ${s}.` },
    );
    return { ts, text: `sshd[${pid}]: Accepted publickey for ${user} from ${ip} port ${port} ssh2: RSA SHA256:${this.keys.get(user) ?? fingerprint(rng)}` };
  }
}

interface BruteOpts {
  failures: number;
  dur: number;
  intensity: string;
  users: 'root' | 'dictionary' | 'mixed';
  success: boolean;
}

function sshBrute(plan: Plan<AuthEvent>, pids: Pids, o: BruteOpts): void {
  const { rng, start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const dur = Math.min(o.dur, Math.floor((end - start) * 0.9));
  const t0 = randomStart(rng, start, end, dur);
  const attemptsTimes = spreadTimes(rng, t0, dur, o.failures);
  const counted: AuthEvent[] = [];
  const lines: AuthEvent[] = [];
  let i = 0;
  let attempts = 0;
  while (i < attemptsTimes.length) {
    const pid = pids.next(rng);
    const port = rng.int(1024, 65535);
    const user = o.users === 'root' ? 'root' : o.users === 'dictionary' ? rng.pick(INVALID_USERS) : rng.chance(0.5) ? 'root' : rng.pick(INVALID_USERS);
    const invalid = user !== 'root';
    const per = invalid ? rng.int(1, 2) : rng.int(3, 6);
    const times = attemptsTimes.slice(i, i + per);
    i += times.length;
    const t = times[0] as number;
    if (invalid) {
      lines.push({ ts: t, text: `sshd[${pid}]: Invalid user ${user} from ${ip} port ${port}` }, { ts: t, text: `sshd[${pid}]: input_userauth_request: invalid user ${user} [preauth]` });
      lines.push({ ts: t, text: `sshd[${pid}]: pam_unix(sshd:auth): check pass; user unknown` });
      lines.push({ ts: t, text: `sshd[${pid}]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}` });
    } else {
      lines.push({ ts: t, text: `sshd[${pid}]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root` });
    }
    const what = invalid ? `invalid user ${user}` : user;
    // rsyslog folds identical consecutive lines into "message repeated N times".
    const fold = !invalid && times.length >= 3 && rng.chance(0.15);
    for (let k = 0; k < times.length; k++) {
      if (fold && k === 1) {
        const ev = { ts: times[times.length - 1] as number, text: `sshd[${pid}]: message repeated ${times.length - 1} times: [ Failed password for ${what} from ${ip} port ${port} ssh2]` };
        lines.push(ev);
        counted.push(ev);
        attempts += times.length - 1;
        break;
      }
      const ev = { ts: times[k] as number, text: `sshd[${pid}]: Failed password for ${what} from ${ip} port ${port} ssh2` };
      lines.push(ev);
      counted.push(ev);
      attempts++;
    }
    const last = times[times.length - 1] as number;
    if (times.length >= 6) {
      lines.push({ ts: last, text: `sshd[${pid}]: error: maximum authentication attempts exceeded for ${what} from ${ip} port ${port} ssh2 [preauth]` });
      lines.push({ ts: last, text: `sshd[${pid}]: Disconnecting: Too many authentication failures [preauth]` });
      lines.push({ ts: last, text: `sshd[${pid}]: PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=root` });
      lines.push({ ts: last, text: `sshd[${pid}]: PAM service(sshd) ignoring max retries; 6 > 3` });
    } else if (rng.chance(0.5)) {
      lines.push({ ts: last, text: `sshd[${pid}]: Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]` });
    } else {
      lines.push({ ts: last, text: `sshd[${pid}]: Connection closed by ${ip} port ${port} [preauth]` });
    }
  }
  const details: Record<string, number | string> = { failedPasswordLines: counted.length, attempts };
  if (o.success) {
    const t = (lines[lines.length - 1] as AuthEvent).ts + rng.int(1000, 30_000);
    const pid = pids.next(rng);
    lines.push({ ts: t, text: `sshd[${pid}]: Accepted password for root from ${ip} port ${rng.int(1024, 65535)} ssh2` }, { ts: t, text: `sshd[${pid}]: pam_unix(sshd:session): session opened for user root by (uid=0)` });
    details.successes = 1;
  }
  plan.add(lines);
  plan.incident('brute_force', ip, 'ip', counted, `SSH password guessing (${o.users === 'dictionary' ? 'invalid user names' : o.users === 'root' ? 'root' : 'root and common names'}): ${attempts} failed passwords in ${counted.length} "Failed password" lines over ${Math.round(dur / MIN)} min${o.success ? ', then a successful root login' : ''}`, {
    intensity: o.intensity, details,
  });
}

/**
 * Guessing against a server that takes only keys: sshd logs no failed key at INFO, so each try
 * leaves one "Connection closed by authenticating user" (or "Disconnected from authenticating
 * user") line and nothing else. Own random stream: planting it leaves the other incidents as they were.
 */
function sshKeyOnlyGuessing(plan: Plan<AuthEvent>, pids: Pids, rng: Rng, tries: number): void {
  const { start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const dur = Math.min(rng.int(30, 180) * MIN, Math.floor((end - start) * 0.9));
  const t0 = randomStart(rng, start, end, dur);
  const counted: AuthEvent[] = [];
  for (const ts of spreadTimes(rng, t0, dur, tries)) {
    const pid = pids.next(rng);
    const port = rng.int(1024, 65535);
    const user = rng.pick(['root', 'root', 'ubuntu', 'admin', 'ec2-user', 'git']);
    const ev = { ts, text: rng.chance(0.7) ? `sshd[${pid}]: Connection closed by authenticating user ${user} ${ip} port ${port} [preauth]` : `sshd[${pid}]: Disconnected from authenticating user ${user} ${ip} port ${port} [preauth]` };
    plan.add([ev]);
    counted.push(ev);
  }
  plan.incident('brute_force', ip, 'ip', counted, `SSH guessing against a key-only server: ${tries} connections closed while authenticating (no "Failed password" line is ever logged) over ${Math.round(dur / MIN)} min`, {
    intensity: 'key-only', details: { attempts: tries },
  });
}

/**
 * Password spraying: one address tries one or two common passwords on each of many accounts (real
 * and guessed), minutes apart, to stay under per-account lockout. Own random stream.
 */
function sshSpraying(plan: Plan<AuthEvent>, pids: Pids, rng: Rng): void {
  const { start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const users = rng.sample(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'oscar', 'peggy', 'trent', 'victor', 'walter', 'sales', 'hr', 'finance', 'it', 'helpdesk', 'backup', 'deploy', 'www', 'mail', 'jenkins', 'gitlab', 'postgres', 'oracle', 'admin', 'test'], rng.int(15, 30));
  const tries = users.flatMap((u) => (rng.chance(0.3) ? [u, u] : [u]));
  const dur = Math.min(rng.int(1, 4) * HOUR, Math.floor((end - start) * 0.9));
  const t0 = randomStart(rng, start, end, dur);
  const counted: AuthEvent[] = [];
  spreadTimes(rng, t0, dur, tries.length).forEach((ts, i) => {
    const pid = pids.next(rng);
    const port = rng.int(1024, 65535);
    const user = tries[i] as string;
    const known = ['alice', 'bob', 'deploy', 'admin', 'backup'].includes(user);
    if (!known) plan.add([{ ts, text: `sshd[${pid}]: Invalid user ${user} from ${ip} port ${port}` }]);
    const ev = { ts, text: `sshd[${pid}]: Failed password for ${known ? user : `invalid user ${user}`} from ${ip} port ${port} ssh2` };
    plan.add([ev, { ts, text: `sshd[${pid}]: Connection closed by ${ip} port ${port} [preauth]` }]);
    counted.push(ev);
  });
  plan.incident('brute_force', ip, 'ip', counted, `SSH password spraying: ${tries.length} failed logins on ${users.length} accounts (one or two each) over ${Math.round(dur / MIN)} min`, {
    intensity: 'spraying', details: { attempts: tries.length, users: users.length },
  });
}

/**
 * One attacker rotating through addresses of its /24, each failing a few times (under any
 * per-address threshold): the network is the entity. Own random stream.
 */
function sshSubnetRotation(plan: Plan<AuthEvent>, pids: Pids, rng: Rng): void {
  const { start, end } = plan.ctx;
  const base = plan.ctx.attackers.take();
  const net = base.split('.').slice(0, 3).join('.');
  const hosts = rng.sample(Array.from({ length: 250 }, (_, i) => i + 2), rng.int(3, 5));
  const dur = Math.min(rng.int(1, 3) * HOUR, Math.floor((end - start) * 0.9));
  const t0 = randomStart(rng, start, end, dur);
  const counted: AuthEvent[] = [];
  for (const h of hosts) {
    const ip = `${net}.${h}`;
    for (const ts of spreadTimes(rng, t0, dur, rng.int(4, 7))) {
      const pid = pids.next(rng);
      const port = rng.int(1024, 65535);
      const ev = { ts, text: `sshd[${pid}]: Failed password for root from ${ip} port ${port} ssh2` };
      plan.add([ev, { ts, text: `sshd[${pid}]: Connection closed by authenticating user root ${ip} port ${port} [preauth]` }]);
      counted.push(ev);
    }
  }
  plan.incident('brute_force', `${net}.0/24`, 'ip', counted, `SSH guessing on root from ${hosts.length} addresses of ${net}.0/24, ${counted.length} failures in all (each address under the per-address threshold) over ${Math.round(dur / MIN)} min`, {
    intensity: 'rotating', details: { attempts: counted.length, addresses: hosts.length },
  });
}

/** A botnet spreading guesses: many addresses, each failing only a few times, in one window. */
function sshStuffing(plan: Plan<AuthEvent>, pids: Pids, sources: number): void {
  const { rng, start, end } = plan.ctx;
  const dur = Math.min(rng.int(20, 40) * MIN, Math.floor((end - start) * 0.9));
  const t0 = randomStart(rng, start, end, dur);
  const ips = plan.ctx.attackers.takeMany(sources);
  const names = ['john', 'mike', 'admin', 'oracle', 'test', 'deploy', 'sales', 'info', 'backup', 'user1', 'alice', 'support'];
  const counted: AuthEvent[] = [];
  for (const ip of ips) {
    const burst = t0 + Math.floor(rng.float() * Math.max(1, dur - 90_000));
    for (const ts of spreadTimes(rng, burst, 90_000, rng.int(2, 4))) {
      const pid = pids.next(rng);
      const port = rng.int(1024, 65535);
      const user = rng.pick(names);
      const known = user === 'alice' || user === 'deploy';
      const what = known ? user : `invalid user ${user}`;
      if (!known) plan.add([{ ts, text: `sshd[${pid}]: Invalid user ${user} from ${ip} port ${port}` }]);
      const ev = { ts, text: `sshd[${pid}]: Failed password for ${what} from ${ip} port ${port} ssh2` };
      plan.add([ev, { ts, text: `sshd[${pid}]: Connection closed by ${ip} port ${port} [preauth]` }]);
      counted.push(ev);
    }
  }
  plan.incident('credential_stuffing', 'sshd', 'path', counted, `${counted.length} failed SSH logins from ${sources} addresses within ${Math.round(dur / MIN)} min, 2-4 each: a botnet staying below per-source limits`, {
    details: { sources, ips, windowMinutes: Math.round(dur / MIN) },
  });
}

function randomStart(rng: Rng, start: number, end: number, dur: number): number {
  const span = end - start;
  const d = Math.min(dur, span * 0.9);
  return Math.floor(start + span * 0.02 + rng.float() * Math.max(0, span * 0.96 - d));
}

export async function generateAuthFile(ctx: FileContext): Promise<FileResult> {
  const file = ctx.path.split('/').pop() as string;
  const plan = new Plan<AuthEvent>({
    rng: new RngClass(ctx.seed, 'auth:plan'), seed: ctx.seed, lines: ctx.lines, start: ctx.start, end: ctx.end, file, key: 'auth',
    attackers: new AttackerIps(ctx.seed, ctx.fileIndex),
  });
  const { rng, lines, start } = plan.ctx;
  const span = plan.span;
  const pidRng = new RngClass(ctx.seed, 'auth:pids');
  const pids = new Pids(pidRng);
  const bg = new AuthBackground(new RngClass(ctx.seed, 'auth:population'), pids);

  sshBrute(plan, pids, { failures: clamp(Math.round(lines * 0.01), 700, 20000), dur: rng.int(20, 90) * MIN, intensity: 'fast', users: 'root', success: true });
  sshBrute(plan, pids, { failures: clamp(Math.round(lines * 0.004), 560, 10000), dur: rng.int(1, 6) * HOUR, intensity: 'dictionary', users: 'dictionary', success: false });
  sshBrute(plan, pids, { failures: clamp(Math.round(lines * 0.002), 620, 5000), dur: Math.round(Math.min(span * 0.8, rng.range(8, 20) * HOUR)), intensity: 'slow', users: 'mixed', success: false });

  sshStuffing(plan, pids, clamp(Math.round(lines / 2000), 30, 120));

  // Benign: a busy legitimate user (CI deploys) logging in by key many times from one address.
  const busyIp = benignPublicIp(rng);
  const busyUser = rng.pick(['jenkins', 'deploy', 'ansible']);
  const logins = clamp(Math.round(lines * 0.002), 40, 3000);
  const key = fingerprint(rng);
  let busyLines = 0;
  for (const ts of spreadTimes(rng, start, span, logins)) {
    const pid = pids.next(pidRng);
    const port = rng.int(40000, 65000);
    const done = ts + rng.int(3_000, 120_000);
    plan.add([
      { ts, text: `sshd[${pid}]: Accepted publickey for ${busyUser} from ${busyIp} port ${port} ssh2: RSA SHA256:${key}` },
      { ts, text: `sshd[${pid}]: pam_unix(sshd:session): session opened for user ${busyUser} by (uid=0)` },
      { ts: done, text: `sshd[${pid}]: Received disconnect from ${busyIp} port ${port}:11: disconnected by user` },
      { ts: done, text: `sshd[${pid}]: pam_unix(sshd:session): session closed for user ${busyUser}` },
    ]);
    busyLines += 4;
  }
  plan.benignTrap('busy_user', busyIp, logins, `legitimate automation account ${busyUser} logging in by public key ${logins} times from one address (${busyLines} lines); no failures`);

  // Benign: people mistyping their password once or twice, then getting in.
  const typos = clamp(Math.round(lines / 4000), 5, 200);
  let typoFails = 0;
  const slot = span / typos;
  for (let u = 0; u < typos; u++) {
    const user = rng.pick(['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
    const ip = benignPublicIp(rng);
    const pid = pids.next(pidRng);
    const port = rng.int(40000, 65000);
    let t = Math.floor(start + u * slot + rng.float() * slot * 0.5);
    plan.add([{ ts: t, text: `sshd[${pid}]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${user}` }]);
    for (let f = rng.int(1, 2); f > 0; f--) {
      plan.add([{ ts: t, text: `sshd[${pid}]: Failed password for ${user} from ${ip} port ${port} ssh2` }]);
      typoFails++;
      t += rng.int(3_000, 15_000);
    }
    plan.add([
      { ts: t, text: `sshd[${pid}]: Accepted password for ${user} from ${ip} port ${port} ssh2` },
      { ts: t, text: `sshd[${pid}]: pam_unix(sshd:session): session opened for user ${user} by (uid=0)` },
    ]);
  }
  plan.benignTrap('password_typo', 'several users', typoFails, 'users mistyping their SSH password once or twice, then logging in');

  sshKeyOnlyGuessing(plan, pids, new RngClass(ctx.seed, 'auth:keyonly'), clamp(Math.round(lines * 0.002), 520, 5000));
  sshSpraying(plan, pids, new RngClass(ctx.seed, 'auth:spray'));
  sshSubnetRotation(plan, pids, new RngClass(ctx.seed, 'auth:subnet'));

  const planted = sortByTime(plan.events);
  if (planted.length > lines * 0.9) {
    throw new TooFewLines(Math.ceil(planted.length / 0.9), file, lines);
  }
  const host = `ip-10-${rng.int(0, 255)}-${rng.int(0, 255)}-${rng.int(1, 254)}`;
  const clock = new BackgroundClock(new RngClass(ctx.seed, 'auth:clock'), ctx.start, ctx.end, lines - planted.length);
  const sink = new LineSink(ctx.path, ctx.gzip);
  const t = syslogTime();
  await runTimeline(planted, lines - planted.length, clock, (ts) => bg.take(ts), (e) => sink.push(`${t(e.ts)} ${host} ${e.text}`));
  const bytes = await sink.close();
  return { info: { path: file, format: 'auth', records: sink.lines, bytes, gzip: ctx.gzip }, incidents: plan.incidents, benign: plan.benign };
}
