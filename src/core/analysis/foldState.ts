// The per-source state the fold keeps (see fold.ts): its shapes, how each is made on first use,
// and the small containers and time helpers the fold and the detectors share.
import type { EnumAcc } from './enumeration';
import type { AccountAcc } from './accounts';
import type { DnsQueries } from './dns';
import type { TicketAcc } from './kerberos';
import type { CloudAcc } from './cloudAudit';
import type { IcmpAcc } from './icmp';
import type { PacketFloodAcc } from './packetFlood';
import type { FlowTwins } from './flowTwins';
import type { BtmpAcc } from './sshFold';
import type { PoolAcc, RiskyAcc } from './riskyFold';
import type { Aggregates, LogonRow, PayloadHit, ScanBurst, TrafficRow, WebLoginRow } from './types';

export const minTs = (a: number | null, b: number | null | undefined): number | null => (b == null ? a : a == null ? b : Math.min(a, b));
export const maxTs = (a: number | null, b: number | null | undefined): number | null => (b == null ? a : a == null ? b : Math.max(a, b));
export const HOUR = 3_600_000;

/**
 * Distinct values that hold the first one inline and become a Set at the second: most sources of
 * a large log contact one destination on one port (a flood of spoofed addresses, internet
 * background noise), and an empty Set costs ~175 bytes. A million one-flow sources needed 6 GB.
 */
export type Distinct<T extends string | number> = T | Set<T> | null;
// one function per value type: a call site that sees numbers, strings and Sets goes megamorphic and
// cost a web log's fold more than the Sets it saves
export function addNumber(d: Distinct<number>, v: number): Distinct<number> {
  if (typeof d === 'object' && d !== null) {
    d.add(v);
    return d;
  }
  return d === null || d === v ? v : new Set([d, v]);
}
export function addString(d: Distinct<string>, v: string): Distinct<string> {
  if (typeof d === 'object' && d !== null) {
    d.add(v);
    return d;
  }
  return d === null || d === v ? v : new Set([d, v]);
}
export const distinctSize = (d: Distinct<string | number>): number => (d === null ? 0 : typeof d === 'object' ? d.size : 1);
export function* distinctValues<T extends string | number>(d: Distinct<T>): Iterable<T> {
  if (d === null) return;
  if (typeof d === 'object') yield* d;
  else yield d;
}

/** per service (destination port, or -1 for ICMP echo) */
export interface HostAcc { hosts: Map<number, Distinct<string>>; peak: number; flows: number; probes: number; known: number; first: number | null; last: number | null; /** hosts that answered (remote-administration ports only: see ADMIN_PORTS) */ answered: Distinct<string> }
export interface FlowLoginAcc { dst: string; port: number; flows: number; short: number; shortTotal: number; shortPackets: number; hours: Map<number, number>; first: number | null; last: number | null }
export interface PairAcc { bytes: number; flows: number; ports: Distinct<number>; port: number | null; first: number | null; last: number | null }
/**
 * Contacts of one source with one destination: their times (8 bytes a row, so the judgement needs
 * no second read) and the count, sum and sum of squares of the intervals in arrival order.
 */
export interface BeaconAcc { dst: string; port: number | null; kind: 'flow' | 'web'; ts: number[]; n: number; sum: number; sq: number; first: number; last: number; prev: number; unordered: boolean; agent: string | null; /** bytes of the contacts after the first (the first is kept as a bare time) */ bytes: number; /** source port of the second contact (-1: none) and the contacts since that came from it: one connection cut into records */ sport: number; sameSport: number; /** the previous record's duration (ms, -1 unknown) and the contacts that began before it could have ended: one exchange cut into records */ prevDur: number; spanned: number }

/** The rows a source sent need no collection of most kinds: each is made on first use (null until then). */
export interface SrcState {
  events: number;
  bytes: number;
  dsts: Distinct<string>;
  ports: Distinct<number>;
  /** distinct paths, by pathKey */
  paths: Distinct<number>;
  errors: number;
  denied: number;
  notFound: number;
  oddMethods: number;
  dnsBytes: number;
  dnsFlows: number;
  sentBytes: number;
  /** bytes of HTTP requests (not CONNECT): the answer's size, data coming to the client (access, proxy, ELB logs) */
  httpBytes: number;
  /** distinct user agents it sent (ids of the fold's agent cache), up to USER_AGENTS */
  uas: Distinct<number>;
  first: number | null;
  last: number | null;
  scanPorts: Distinct<number>;
  scanLow: Distinct<number>;
  scanHosts: Distinct<string>;
  scanFlows: number;
  scanSyn: number;
  scanFirst: number | null;
  scanLast: number | null;
  /** when each destination port was first tried, and on which host (up to SCAN_NEW): where a scan's ports came together */
  scanNew: { ts: number; host: string }[] | null;
  hosts: Map<number, HostAcc> | null;
  ssh: SshState | null;
  web: WebState | null;
  flowLogin: Map<string, FlowLoginAcc> | null;
  pairs: Map<string, PairAcc> | null;
  /** flow records (and their bytes) left out because another flow log already held the same connection (flowTwins.ts) */
  twinFlows: number;
  twinBytes: number;
  /** bytes this (internal) address sent as answers to connections external addresses opened, by address (pruned: SERVED_KEEP) */
  served: Map<string, PairAcc> | null;
  /** machines this address logged in to successfully, with the time of the first login on each (at most LOGON_HOSTS) */
  logons: Map<string, number> | null;
  /** of its successful logins, Windows network logons over NTLM (windowsLogons.ntlmNetworkLogon) */
  ntlmLogons?: number;
  /** bytes internal servers answered this (external) address in two-way records of connections it opened, by server */
  pulled: Map<string, PairAcc> | null;
  /** requests per minute; the current minute is counted in curM/curC and written back when it changes */
  minutes: Map<number, number> | null;
  curM: number;
  curC: number;
  peak: number;
  peakMinute: number;
  /** page resources (static files a page referred to, answered) in the current minute, and their distinct paths */
  curR: number;
  curRD: Set<string> | null;
  /** the same for the busiest minute, as it was when it became the busiest */
  peakRes: number;
  peakResDistinct: number;
  /** requests the server refused for load: 429 Too Many Requests, 503 Service Unavailable */
  throttled: number;
  /** requests the server closed with 408 Request Timeout: a connection opened and never finished (slowloris) */
  timeouts: number;
  timed: number;
  agents: Map<string, { tool: string; requests: number; first: number | null; last: number | null }> | null;
  crawlers: Map<string, { requests: number; nonGet: number; robots: number; errors: number }> | null;
  missing: Set<string> | null;
  missingFirst: number | null;
  missingLast: number | null;
  payloads: Aggregates['payloads'] | null;
  /** payload hits added since the last pairing of a WAF's rows with a web server's (twins.ts) */
  payloadsNew: boolean;
  /** contacts per destination: "ip|port" (flows) or pathKey (web); a number is the time of a single contact so far */
  beacons: Map<string | number, BeaconAcc | number> | null;
  /** IDS alerts it set off, by signature (the first IDS_SIGNATURES signatures: a source setting off more is reported on those) */
  ids: Map<string, IdsAcc> | null;
  /** its recent WAF transactions (see WafTxn) */
  wafTxn: Map<string, WafTxn> | null;
  /** large web responses by path (a handful per source: see BIG_RESPONSE) */
  big: Map<string, { bytes: number; requests: number; first: number | null; last: number | null }> | null;
  /** DNS queries it asked, by registered domain */
  dns: DnsQueries | null;
  /** its web requests from the first minute it reached bursts.minPerMinute on (null until then) */
  flood: FloodAcc | null;
  /** runs of consecutive object ids it asked for, per URL template (see enumeration.ts) */
  enums: EnumAcc | null;
  /** endpoints answering whether an account exists, and what this source asked them (accounts.ts) */
  accounts: AccountAcc | null;
  /** distinct secret-file paths it asked for (see secrets.ts), whatever the answer; those answered 2xx */
  /** Kerberos service tickets this address asked for (Windows 4769) */
  tgs: TicketAcc | null;
  /** CloudTrail calls made from this address (refusals, tampering, persistence; see cloudAudit.ts) */
  cloud: CloudAcc | null;
  /** ICMP echo requests to outside addresses, by destination (inside sources only) */
  echoes: Map<string, IcmpAcc> | null;
  /** packets of one-way flow records per destination and minute (packet floods) */
  packetFloods: Map<string, PacketFloodAcc> | null;
  /** bytes inside servers answered this (inside) address in two-way records of connections it opened, by server: data it gathered */
  fetched: Map<string, PairAcc> | null;
  /** failed logins known from a `lastb` listing (btmp), counted only when no log names this source's failures itself (sshFold.ts) */
  btmp: BtmpAcc | null;
  secrets: { paths: Set<string>; ok: number; first: number | null; last: number | null; served: number; servedPath: string | null } | null;
  /** its records with outside (or, outside, inside) peers on risky ports, by peer, port and side (riskyFold.ts) */
  risky: Map<string, RiskyAcc> | null;
  /** mining-pool names it asked for or reached */
  pools: PoolAcc | null;
}

/** Paths counted per fast source (Misra-Gries): a flood repeats one to three, a NAT or a crawler hundreds. */
export const FLOOD_PATHS = 4;
/**
 * A source's web requests from the moment it first reached bursts.minPerMinute in a minute: what
 * it asked for (a heavy-hitter summary of paths, query strings left out, so cache-busting
 * `/search?q=<random>` is one path), page files a page referred to, referrers and user agents.
 * Only fast sources get one, so a million ordinary visitors cost nothing.
 */
export interface FloodAcc {
  requests: number;
  /** pathKey, the path (cut to 300 characters) and the count of the paths kept; counts are lower bounds */
  keys: number[];
  paths: string[];
  counts: number[];
  /** requests with a query string */
  queried: number;
  /** static files a page referred to, answered (pageResource) */
  pageFiles: number;
  /** requests with a referrer */
  referred: number;
  /** the first user agent, and whether another one followed */
  agent: string | null;
  agents: number;
}
export const newFlood = (): FloodAcc => ({ requests: 0, keys: [], paths: [], counts: [], queried: 0, pageFiles: 0, referred: 0, agent: null, agents: 0 });

/** One source's alerts of one IDS signature; `ids` keeps the first rows as evidence. */
export interface IdsAcc { sid: string; signature: string; priority: number | null; category: string | null; waf: string | null; matched: string | null; alerts: number; blocked: number; dsts: Set<string>; ports: Set<number>; ids: number[]; first: number | null; last: number | null }
/**
 * A WAF transaction's rules so far, by its id: in anomaly-scoring mode (OWASP CRS) the rules that
 * matched are logged as warnings and the block is a line of its own (949110), before or after them.
 */
export interface WafTxn { blocked: boolean; accs: IdsAcc[]; hits: PayloadHit[]; hit: boolean }
/** transactions remembered per source: their lines are written together, so a short window suffices */
export const WAF_TXNS = 64;
export const IDS_SIGNATURES = 200;
export const IDS_ROWS = 100;
export const IDS_DSTS = 64;

/** Distinct user agents counted per source: enough to tell one client from many people behind one address. */
export const USER_AGENTS = 64;

/**
 * A web response this large is a download worth naming (a file, an archive, a dump), or a page of an
 * export (an API answering 500 customers as CSV is a few MB), not an ordinary page.
 */
export const BIG_RESPONSE = 1_048_576;
/**
 * A server answers thousands of clients a little each: past SERVED_MAX clients its answered-bytes
 * table drops those under SERVED_KEEP bytes, so memory stays bounded and a client that pulled
 * gigabytes (which takes many answers of megabytes) is still there at the end.
 */
export const SERVED_MAX = 4096;
/** machines kept per source for logon spread (lateralMovement.minLogonHosts is far below) */
export const LOGON_HOSTS = 2000;
export const SERVED_KEEP = 1_000_000;

/**
 * Bytes in one answer for an outside client to get an entry of its own (SrcState.pulled): a client
 * state per visitor of a public server would cost more than the rare pull it can reveal, and a pull
 * of gigabytes comes in answers of megabytes.
 */
export const PULLED_FIRST = 65_536;

/** Adds answered bytes to a peer's entry (the port kept is the service's); a new peer needs `first` bytes; small peers are pruned past SERVED_MAX. */
/** First sightings of destination ports kept per source: a scan of every port needs no more to be placed in time. */
const SCAN_NEW = 8192;
/** Share of a source's ports whose first tries make the stretch a finding names as the scan. */
const BURST_SHARE = 0.8;

/** Adds a destination port a source opened, noting when (and on which host) a port was first tried. */
export function addScanPort(s: SrcState, port: number, host: string | null, ts: number | null): void {
  const before = distinctSize(s.scanPorts);
  s.scanPorts = addNumber(s.scanPorts, port);
  if (ts !== null && distinctSize(s.scanPorts) > before && (s.scanNew ??= []).length < SCAN_NEW) s.scanNew.push({ ts, host: host ?? '' });
}

/**
 * The shortest stretch in which BURST_SHARE of a source's ports were first tried, with the host most
 * of them went to: a workstation's scan is minutes at one server, though its browsing fills the day.
 */
export function scanBurst(s: SrcState): { burst?: ScanBurst } {
  const xs = s.scanNew;
  if (!xs || xs.length < 20) return {};
  const sorted = [...xs].sort((a, b) => a.ts - b.ts);
  const k = Math.ceil(BURST_SHARE * sorted.length);
  let best = 0;
  for (let i = 1; i + k - 1 < sorted.length; i++) if (sorted[i + k - 1]!.ts - sorted[i]!.ts < sorted[best + k - 1]!.ts - sorted[best]!.ts) best = i;
  const hosts = new Map<string, number>();
  for (const x of sorted.slice(best, best + k)) hosts.set(x.host, (hosts.get(x.host) ?? 0) + 1);
  const [topHost, topPorts] = [...hosts].sort((a, b) => b[1] - a[1])[0]!;
  return { burst: { first: sorted[best]!.ts, last: sorted[best + k - 1]!.ts, ports: k, hosts: hosts.size, topHost, topHostPorts: topPorts } };
}

export function addServed(served: Map<string, PairAcc>, peer: string, port: number | null, bytes: number, ts: number | null, first = 0): void {
  let p = served.get(peer);
  if (!p) {
    if (bytes < first) return;
    if (served.size >= SERVED_MAX) for (const [k, v] of served) if (v.bytes < SERVED_KEEP) served.delete(k);
    served.set(peer, (p = { bytes: 0, flows: 0, ports: null, port: null, first: null, last: null }));
  }
  p.bytes += bytes;
  p.flows++;
  if (port != null) {
    p.ports = addNumber(p.ports, port);
    p.port = p.port == null ? port : Math.min(p.port, port);
  }
  p.first = minTs(p.first, ts);
  p.last = maxTs(p.last, ts);
}
/** Paths kept per source for its large responses; beyond them the bytes still count in the totals. */
export const BIG_PATHS = 32;

export interface SshState {
  fails: number;
  invalid: number;
  /** failures logged as refused public keys ("Failed publickey") */
  keyFails: number;
  ok: number;
  /** failures per user name tried */
  users: Map<string, number>;
  firstFail: number | null;
  lastFail: number | null;
  lastOk: number | null;
  okUsers: Set<string>;
  program: string | null;
  /** unknown-user notices not yet matched by their Failed line: user name (or #port) -> the notice's port */
  pending: Map<string, number | null>;
  /** guesses counted per recent connection (source port), for the attempt-limit lines */
  conns: Map<number, number>;
  /** connections cut off at the attempt limit */
  maxed: number;
  /** failures counted for those connections beyond the ones logged */
  inferred: number;
  /** "message repeated N times" lines among the failures */
  folded: number;
  /** failures for an unknown name counted once with their "Invalid user" notice (one guess, two lines) */
  paired: number;
  /** "Failed none" lines: the client asking which methods the server takes, no secret tried */
  noneProbes: number;
  /** Cisco IOS failures logged as %SEC_LOGIN-…-LOGIN_FAILED and as %SSH-…-SSH2_USERAUTH … Failed: with both on, one attempt is both */
  iosSecLogin: number;
  iosUserauth: number;
  /** Cisco ASA VPN failures logged as 113005/113015 (AAA user authentication Rejected, the name masked) and as 716039 (Authentication: rejected, the name given): one attempt is both */
  asaAaa: number;
  asaVpn: number;
  /** connections closed while authenticating with no failure logged on them (each counted as one) */
  abandoned: number;
  /** times of the failures the services logged themselves, by service (loginService), up to F2B_TIMES each */
  svcTimes: Map<string, number[]> | null;
  /** fail2ban `Found` lines: [time, service of the jail]; counted at the end unless a service line matches */
  found: [number, string][] | null;
  /** fail2ban `Ban` lines, and the jail of the first fail2ban line */
  bans: number;
  jail: string | null;
  /** Zeek ssh.log connections whose estimated auth_attempts counted as several guesses, and those guesses */
  estimated: number;
  estimatedGuesses: number;
}
/** Destinations counted per minute for a surge's target. */
export const TARGETS = 16;
/** Service failure times kept per source and service to match fail2ban's lines against. */
export const F2B_TIMES = 100_000;

/** `postSizes`: the sizes of its first login posts answered 200 (WEB_POST_SIZES), which an API that says in the body whether a login worked tells apart */
export interface WebState { loginFails: number; loginPosts: number; loginOk: number; formRefused: number; formViews: number; denied: number; paths: Set<string>; topPath: string | null; first: number | null; last: number | null; postSizes: number[]; /** its first refused try (401/403), its first and last form answered 200, its last redirect after the form */ refusedFirst: number | null; postFirst: number | null; postLast: number | null; okLast: number | null }
export const WEB_POST_SIZES = 8;

// Empty Sets and Maps cost ~175 bytes each: 19 of them per source were 135 MB for 41k sources,
// and a flood from a million spoofed addresses would have needed gigabytes for nothing.
export const newState = (): SrcState => ({
  events: 0, bytes: 0, dsts: null, ports: null, paths: null, errors: 0, denied: 0, notFound: 0, oddMethods: 0, dnsBytes: 0, dnsFlows: 0, sentBytes: 0, httpBytes: 0, uas: null, first: null, last: null,
  scanPorts: null, scanLow: null, scanHosts: null, scanFlows: 0, scanSyn: 0, scanFirst: null, scanLast: null, scanNew: null,
  hosts: null, ssh: null, web: null, flowLogin: null, pairs: null, twinFlows: 0, twinBytes: 0, served: null, pulled: null, logons: null,
  minutes: null, curM: NaN, curC: 0, peak: 0, peakMinute: 0, curR: 0, curRD: null, peakRes: 0, peakResDistinct: 0, throttled: 0, timeouts: 0, timed: 0, agents: null, crawlers: null, missing: null, missingFirst: null, missingLast: null, payloads: null, payloadsNew: false, big: null, ids: null, wafTxn: null,
  beacons: null, dns: null, flood: null, enums: null, accounts: null, secrets: null, tgs: null, cloud: null, echoes: null, packetFloods: null, fetched: null, btmp: null, risky: null, pools: null,
});
export const newSsh = (): SshState => ({ fails: 0, invalid: 0, keyFails: 0, ok: 0, users: new Map(), firstFail: null, lastFail: null, lastOk: null, okUsers: new Set(), program: null, pending: new Map(), conns: new Map(), maxed: 0, inferred: 0, folded: 0, paired: 0, noneProbes: 0, iosSecLogin: 0, iosUserauth: 0, asaAaa: 0, asaVpn: 0, abandoned: 0, svcTimes: null, found: null, bans: 0, jail: null, estimated: 0, estimatedGuesses: 0 });
/** Failures a Cisco device logged twice for one attempt (IOS: %SEC_LOGIN and %SSH; ASA: the AAA rejection and the VPN session's) */
export const loggedTwiceOf = (ssh: SshState): number => Math.min(ssh.iosSecLogin, ssh.iosUserauth) + Math.min(ssh.asaAaa, ssh.asaVpn);
export const newWeb = (): WebState => ({ loginFails: 0, loginPosts: 0, loginOk: 0, formRefused: 0, formViews: 0, denied: 0, paths: new Set(), topPath: null, first: null, last: null, postSizes: [], refusedFirst: null, postFirst: null, postLast: null, okLast: null });

/** The times a source's login tries began and worked, for a login that worked after guessing (bruteForce): only those known. */
export function loginTimes(w: WebState): Pick<WebLoginRow, 'refusedFirst' | 'postFirst' | 'postLast' | 'okLast'> {
  return { ...(w.refusedFirst != null ? { refusedFirst: w.refusedFirst } : {}), ...(w.postFirst != null ? { postFirst: w.postFirst, postLast: w.postLast! } : {}), ...(w.okLast != null ? { okLast: w.okLast } : {}) };
}

export interface FoldOptions {
  /** track contact intervals per source and destination (batch only: it costs memory per pair) */
  beacons?: boolean;
  /** flow records a second flow log also holds, to count once (batch only, with two flow logs or more) */
  twins?: FlowTwins;
  /** track failed logins per target and time window across sources (batch only) */
  stuffing?: boolean;
}

/** `ips`/`fails`: every failure; `refused`/`refusedFails`: without login forms answered 200 (see stuffingRows) */
export interface StuffAcc { target: string; window: number; ips: Set<string>; fails: number; refused: Set<string>; refusedFails: number; first: number; last: number }

/** Whether a sorted list of times holds one within `w` of `t` (binary search). */
export function near(sorted: readonly number[], t: number, w: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < t - w) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= t + w;
}

/** Distinct hosts over all the hours (the per-hour sets are kept for the busiest hour anyway). */
export function distinctHosts(byHour: Map<number, Distinct<string>>): number {
  if (byHour.size === 1) return distinctSize(byHour.values().next().value!);
  const all = new Set<string>();
  for (const d of byHour.values()) for (const h of distinctValues(d)) all.add(h);
  return all.size;
}

/**
 * All sources' traffic per minute, kept beside the per-source state (batch only): the busiest
 * destinations, flows that were a bare SYN (handshakes nobody completed) and requests the server
 * refused for load (429, 503). Misra-Gries keeps TARGETS counters a minute: any destination with
 * more than 1/(TARGETS+1) of the minute's events is kept (a flood's target always is), without a
 * set of every address contacted.
 */
export class MinuteTraffic {
  private readonly minutes = new Map<number, { targets: Map<string, number>; halfOpen: number; shed: number; pages: number }>();

  add(minute: number, dst: string | null, syn: boolean, shed: boolean, page = false): void {
    let m = this.minutes.get(minute);
    if (!m) this.minutes.set(minute, (m = { targets: new Map(), halfOpen: 0, shed: 0, pages: 0 }));
    if (shed) m.shed++;
    if (page) m.pages++;
    if (dst === null) return;
    if (syn) m.halfOpen++;
    const t = m.targets;
    const c = t.get(dst);
    if (c !== undefined) t.set(dst, c + 1);
    else if (t.size < TARGETS) t.set(dst, 1);
    else
      for (const [k, v] of t) {
        if (v <= 1) t.delete(k);
        else t.set(k, v - 1);
      }
  }

  /** Writes targets, halfOpen, shed and page files into the rows of the minutes the sources' tallies made. */
  fill(rows: ReadonlyMap<number, TrafficRow>): void {
    for (const [minute, m] of this.minutes) {
      const row = rows.get(minute);
      if (!row) continue;
      if (m.targets.size) row.targets = [...m.targets];
      if (m.halfOpen) row.halfOpen = m.halfOpen;
      if (m.shed) row.shed = m.shed;
      if (m.pages) row.pageFiles = m.pages;
    }
  }
}

/**
 * fail2ban `Found` lines that stand for a failure no service line of this case shows: one with a
 * failure of the jail's service from the same address within `windowMs`
 * (bruteForce.fail2banSeconds) repeats it. Counted at the end (the two logs may be ingested in
 * either order); nothing is changed, so the live analyzer can ask again.
 */
export function fail2banCounted(ssh: SshState, windowMs: number): { counted: number; repeats: number; first: number | null; last: number | null } | null {
  if (!ssh.found?.length) return null;
  let counted = 0;
  let first: number | null = null;
  let last: number | null = null;
  const sorted = new Map<string, number[]>();
  for (const [ts, svc] of ssh.found) {
    let t = sorted.get(svc);
    if (!t) sorted.set(svc, (t = [...(ssh.svcTimes?.get(svc) ?? [])].sort((a, b) => a - b)));
    if (near(t, ts, windowMs)) continue;
    counted++;
    first = minTs(first, ts);
    last = maxTs(last, ts);
  }
  return { counted, repeats: ssh.found.length - counted, first, last };
}

/** The user name a source failed on most (first reached wins a tie), and how often. */
export function topUser(users: ReadonlyMap<string, number>): { topUser: string | null; topUserFails: number } {
  let top: string | null = null;
  let most = 0;
  for (const [u, n] of users) if (n > most) [top, most] = [u, n];
  return { topUser: top, topUserFails: most };
}

/** The user names a source failed on at least `min` times, most first (ten at most): the accounts it was guessing. */
export function failedUsers(users: ReadonlyMap<string, number>, min: number): { failedUsers?: [string, number][] } {
  const list = [...users].filter(([, n]) => n >= min);
  if (!list.length) return {};
  return { failedUsers: list.sort((a, b) => b[1] - a[1]).slice(0, 10) };
}

/** The busiest window of first logins on distinct machines, for lateral movement seen in logins. */
export function logonSpread(ip: string, logons: Map<string, number>, windowMs: number, logins: number, users: Set<string> | undefined, ntlm = 0): LogonRow {
  const xs = [...logons].sort((a, b) => a[1] - b[1]);
  let best = 0;
  let bi = 0;
  let bj = 0;
  for (let i = 0, j = 0; j < xs.length; j++) {
    while (xs[j]![1] - xs[i]![1] > windowMs) i++;
    if (j - i + 1 > best) [best, bi, bj] = [j - i + 1, i, j];
  }
  return { ip, hosts: xs.length, windowHosts: best, first: xs[bi]![1], last: xs[bj]![1], logins, sample: xs.slice(bi, bi + 5).map((x) => x[0]), users: users ? [...users].slice(0, 5) : [], ...(ntlm ? { ntlm } : {}) };
}

/** Aggregates with no rows: what a fold starts from, and what the engine merges the workers' into. */
export const emptyAggregates = (): Aggregates => ({
  profile: [],
  ports: [],
  hosts: [],
  ssh: [],
  webLogin: [],
  flowLogin: [],
  stuffing: [],
  pairs: [],
  rate: [],
  payloads: [],
  agents: [],
  sweeps: [],
  crawlers: [],
  beacons: [],
  downloads: [],
  traffic: [],
  ids: [],
  dns: [],
  dnsAskers: [],
  dga: [],
  logons: [],
  kerberos: [],
  mail: [],
  cloud: [],
  hostEvents: [],
  icmp: [],
  packetFloods: [],
  fetched: [],
  risky: [],
});

/** Distinct resource paths kept per source for its current minute (a page rarely refers to more). */
export const PEAK_RESOURCES = 512;
