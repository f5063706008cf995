// One sequential pass over the events table feeds both the statistics and the detectors' fold.
// Batch analysis runs it in N workers, each owning the rows of a share of the source addresses
// (a range of addresses, compared by SQLite, so a worker never materialises the other workers'
// rows): per-source state is then complete in one worker and nothing needs merging but
// the statistics tallies and the credential-stuffing groups (which span sources).
import type { Db } from '../store/case';
import { readPresentColumns } from '../store/columns';
import { rowsByIdSlices } from '../store/slices';
import { judgeBeacons } from './beacons';
import { askerRows } from './dns';
import { FOLD_SQL, type LiveEvent } from './eventKind';
import { Fold } from './fold';
import { POOL_HOST_COLUMN } from './riskyFold';
import { flowSources, FlowTwins } from './flowTwins';
import { bucketFor, StatsAcc, type StatsPartial } from './stats';
import type { Aggregates, Settings } from './types';

export interface ScanSpec {
  /** this worker's share, 0 <= part < parts */
  part: number;
  parts: number;
  from: number | null;
  to: number | null;
  bucketMs: number;
  /** fold for the detectors too (false: statistics only, e.g. a brushed range) */
  detect: boolean;
  /** shared counters (one per part) the scan bumps as it goes, for progress on the calling side */
  progress?: Int32Array;
  /** where the shares split the source addresses (see planShares); default: part 0 takes all */
  bounds?: (string | null)[];
}

/**
 * Where the workers' shares of the source addresses split: part p folds the rows whose src_ip
 * sorts (SQLite's BINARY order) at or after bounds[p - 1] and before bounds[p]; rows without an
 * address go to part 0; a null bound ends the addresses (the parts after it are empty).
 */
export interface SharePlan {
  bounds: (string | null)[];
  /** rows per part, as planned */
  loads: number[];
}

/**
 * Splits the source addresses into `parts` ranges of about equal rows, from the src_ip index:
 * the address at each quantile row, or the next one when that leaves the split nearer even (a
 * source's rows stay in one worker, so a server answering most flows cannot be cut; it goes
 * where it unbalances least). A few index walks, ~50 ms per 2M rows.
 *
 * A range is also what the workers can filter cheaply: comparing the address with the bounds
 * costs SQLite ~0.1 CPU-s per 2M rows, where the character hash it replaced cost 1.7 s in every
 * worker (each worker reads every row and keeps its share).
 */
export function planShares(db: Db, parts: number): SharePlan {
  const total = (db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number) ?? 0;
  if (parts <= 1 || total === 0) return { bounds: [], loads: [total] };
  const nulls = db.prepare('SELECT COUNT(*) FROM events WHERE src_ip IS NULL').pluck().get() as number;
  const at = db.prepare('SELECT src_ip FROM events WHERE src_ip IS NOT NULL ORDER BY src_ip LIMIT 1 OFFSET ?').pluck();
  const after = db.prepare('SELECT MIN(src_ip) FROM events WHERE src_ip > ?').pluck();
  const below = db.prepare('SELECT COUNT(*) FROM events WHERE src_ip < ?').pluck();
  /** rows before a bound (every row when the bound is null: nothing is at or after it) */
  const before = (bound: string | null): number => (bound === null ? total : nulls + (below.get(bound) as number));
  const bounds: (string | null)[] = [];
  const cuts: number[] = [];
  for (let p = 1; p < parts; p++) {
    const target = (total * p) / parts;
    const prev = cuts.length ? cuts[cuts.length - 1]! : 0;
    const a = target <= nulls ? (at.get(0) as string | undefined) : (at.get(Math.floor(target - nulls)) as string | undefined);
    let bound: string | null = a ?? null;
    let cut = before(bound);
    if (a !== undefined) {
      const b = (after.get(a) as string | null) ?? null;
      const cutB = before(b);
      if (Math.abs(cutB - target) < Math.abs(cut - target)) [bound, cut] = [b, cutB];
    }
    // bounds never go back (a source spanning two quantiles leaves the part between them empty)
    if (cut < prev) [bound, cut] = [bounds[bounds.length - 1]!, prev];
    bounds.push(bound);
    cuts.push(cut);
  }
  const loads = [...cuts, total].map((c, i) => c - (i ? cuts[i - 1]! : 0));
  return { bounds, loads };
}

/** The SQL (and its parameters) that keeps one part's rows; `+src_ip` keeps the scan off the src_ip index (rows in table order). */
export function shareWhere(part: number, bounds: readonly (string | null)[]): { sql: string; params: string[] } {
  // no bounds: one part takes every row (never every part: the rows would be folded twice)
  if (bounds.length === 0) return { sql: part === 0 ? '1' : '0', params: [] };
  const lo = part === 0 ? undefined : bounds[part - 1];
  const hi = part < bounds.length ? bounds[part] : null;
  if (lo === null) return { sql: '0', params: [] };
  const sql: string[] = [];
  const params: string[] = [];
  if (lo !== undefined) {
    sql.push('+src_ip >= ?');
    params.push(lo);
  }
  if (hi !== null && hi !== undefined) {
    sql.push(lo === undefined ? '(src_ip IS NULL OR +src_ip < ?)' : '+src_ip < ?');
    params.push(hi);
  }
  return { sql: sql.length ? sql.join(' AND ') : '1', params };
}

export interface ScanResult {
  agg: Aggregates | null;
  stats: StatsPartial;
  rows: number;
}

/** The event fields the fold and the statistics read, in LiveEvent's terms. */
const FIELDS = ['ts', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto', 'method', 'path', 'query', 'status', 'bytes', 'packets', 'duration', 'flags', 'user_agent', 'user', 'action', 'program', 'label', 'category', 'referrer'] as const;
type Field = (typeof FIELDS)[number];
type Raw = (string | number | null)[];

/** The time range and timeline bucket of a scan (both from the ts index). */
export function scanBounds(db: Db, range: { from: number | null; to: number | null }): { bucketMs: number; minTs: number | null; maxTs: number | null } {
  const w = rangeWhere(range);
  // two subqueries: SQLite answers a lone MIN() or MAX() from the ts index in a few steps, but
  // MIN and MAX in one SELECT walk the whole index (0.2-0.8 s on 2M rows, before every analysis)
  const r = db.prepare(`SELECT (SELECT MIN(ts) FROM events WHERE ${w.sql}) AS lo, (SELECT MAX(ts) FROM events WHERE ${w.sql}) AS hi`).get(...w.params, ...w.params) as { lo: number | null; hi: number | null };
  return { bucketMs: r.lo != null && r.hi != null ? bucketFor(r.hi - r.lo) : 60_000, minTs: r.lo, maxTs: r.hi };
}

function rangeWhere(range: { from: number | null; to: number | null }): { sql: string; params: number[] } {
  const parts: string[] = ['1'];
  const params: number[] = [];
  if (range.from != null) {
    parts.push('ts >= ?');
    params.push(range.from);
  }
  if (range.to != null) {
    parts.push('ts <= ?');
    params.push(range.to);
  }
  return { sql: parts.join(' AND '), params };
}

export function scanCase(db: Db, spec: ScanSpec, settings: Settings): ScanResult {
  const w = rangeWhere(spec);
  // rows without a source address go to part 0; the others by ranges of the address (compared by
  // SQLite, so a worker never materialises other parts' rows)
  const share = spec.parts > 1 ? shareWhere(spec.part, spec.bounds ?? []) : { sql: '1', params: [] };
  // only the columns that hold a value somewhere: a NULL column still costs ~60 ns a row to read
  const present = readPresentColumns(db);
  const read = FIELDS.filter((f) => present === null || present.has(f));
  // position of each field in the row (0 = not read: it stays NULL)
  const at = (f: Field): number => read.indexOf(f) + 1;
  const [iTs, iSrc, iSport, iDst, iDport, iProto, iMethod, iPath, iQuery, iStatus, iBytes] = [at('ts'), at('src_ip'), at('src_port'), at('dst_ip'), at('dst_port'), at('proto'), at('method'), at('path'), at('query'), at('status'), at('bytes')];
  const [iPackets, iDuration, iFlags, iUa, iUser, iAction, iProgram, iLabel, iCategory, iRef] = [at('packets'), at('duration'), at('flags'), at('user_agent'), at('user'), at('action'), at('program'), at('label'), at('category'), at('referrer')];
  // the cells read out of extra (a repeated failure's count, an IDS alert's signature and priority)
  const iRepeated = present === null || present.has('extra') || present.has('message') ? read.length + 1 : 0;
  const iIds = iRepeated ? read.length + 2 : 0;
  const iF2b = iRepeated ? read.length + 3 : 0;
  const iAmsg = iRepeated ? read.length + 4 : 0;
  const iAttempts = iRepeated ? read.length + 5 : 0;
  const iDnsq = iRepeated ? read.length + 6 : 0;
  const iFailkind = iRepeated ? read.length + 7 : 0;
  const iRbytes = iRepeated ? read.length + 8 : 0;
  const iLhost = iRepeated ? read.length + 9 : 0;
  const iTgs = iRepeated ? read.length + 10 : 0;
  const iAws = iRepeated ? read.length + 11 : 0;
  const iHev = iRepeated ? read.length + 12 : 0;
  const iLev = iRepeated ? read.length + 13 : 0;
  const iMail = iRepeated ? read.length + 14 : 0;
  // two flow logs or more may hold the same connections (a firewall export and Zeek, two routers): count each once
  const flowLogs = spec.detect ? flowSources(db) : null;
  const twins = flowLogs && flowLogs.size > 1 ? new FlowTwins(flowLogs, Math.max(0, Number(settings['heavyTraffic.twinSeconds']) || 0) * 1000) : undefined;
  // a row's host, where it may be a mining pool's (riskyFold.ts): only cases with hosts pay for it
  const iPhost = present === null || present.has('host') ? (iRepeated ? read.length + 15 : read.length + 1) : 0;
  const iSource = twins ? (iPhost || (iRepeated ? read.length + 14 : read.length)) + 1 : 0;
  // a whole case is read in slices of ids (all() per slice costs less than iterate() per row); a
  // time range keeps its one query, which the ts index answers
  const whole = spec.from == null && spec.to == null;
  const stmt = db.prepare(`SELECT id${read.map((f) => `, "${f}"`).join('')}${iRepeated ? `, ${FOLD_SQL}` : ''}${iPhost ? `, ${POOL_HOST_COLUMN}` : ''}${twins ? ', source_id' : ''} FROM events WHERE ${w.sql} AND ${share.sql}${whole ? ' AND id >= ? AND id < ?' : ''}`).raw();
  const ids = whole ? (db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM events').get() as { lo: number | null; hi: number | null }) : null;
  const rowsIn = (): Iterable<Raw> =>
    !ids ? (stmt.iterate(...w.params, ...share.params) as Iterable<Raw>) : ids.lo === null || ids.hi === null || share.sql === '0' ? [] : rowsByIdSlices<Raw>(stmt, [...w.params, ...share.params], ids.lo, ids.hi + 1);
  const fold = spec.detect ? new Fold(settings, { beacons: true, stuffing: true, ...(twins ? { twins } : {}) }) : null;
  const acc = new StatsAcc(spec.bucketMs);
  // one row object, refilled for every row (the fold and the tallies keep values, never the object)
  const e: LiveEvent = { id: 0 };
  for (const f of FIELDS) e[f] = null;
  e.repeated = null;
  e.ids = null;
  e.f2b = null;
  e.amsg = null;
  e.attempts = null;
  e.dnsq = null;
  e.failkind = null;
  e.rbytes = null;
  e.lhost = null;
  e.tgs = null;
  e.aws = null;
  e.hev = null;
  e.lev = null;
  e.mail = null;
  e.phost = null;
  const str = (r: Raw, i: number): string | null => (i ? (r[i] as string | null) : null);
  const num = (r: Raw, i: number): number | null => (i ? (r[i] as number | null) : null);
  let rows = 0;
  for (const r of rowsIn()) {
    e.id = r[0] as number;
    e.ts = num(r, iTs);
    e.src_ip = str(r, iSrc);
    e.src_port = num(r, iSport);
    e.dst_ip = str(r, iDst);
    e.dst_port = num(r, iDport);
    e.proto = str(r, iProto);
    e.method = str(r, iMethod);
    e.path = str(r, iPath);
    e.query = str(r, iQuery);
    e.status = num(r, iStatus);
    e.bytes = num(r, iBytes);
    e.packets = num(r, iPackets);
    e.duration = num(r, iDuration);
    e.flags = str(r, iFlags);
    e.user_agent = str(r, iUa);
    e.user = str(r, iUser);
    e.action = str(r, iAction);
    e.program = str(r, iProgram);
    e.label = str(r, iLabel);
    e.category = str(r, iCategory);
    e.referrer = str(r, iRef);
    e.repeated = num(r, iRepeated);
    e.ids = str(r, iIds);
    e.f2b = str(r, iF2b);
    e.amsg = str(r, iAmsg);
    e.attempts = num(r, iAttempts);
    e.dnsq = str(r, iDnsq);
    e.failkind = num(r, iFailkind);
    e.rbytes = num(r, iRbytes);
    e.lhost = str(r, iLhost);
    e.tgs = str(r, iTgs);
    e.aws = str(r, iAws);
    e.hev = str(r, iHev);
    e.lev = str(r, iLev);
    e.mail = str(r, iMail);
    e.phost = str(r, iPhost);
    if (iSource) e.source_id = r[iSource] as number;
    acc.add(e);
    fold?.add(e);
    if ((++rows & 0xffff) === 0 && spec.progress) Atomics.store(spec.progress, spec.part, rows);
  }
  let agg: Aggregates | null = null;
  if (fold) {
    agg = fold.aggregates();
    agg.beacons = judgeBeacons(fold.beaconAccs(), settings);
    agg.dnsAskers = askerRows(fold.sources.values());
  }
  return { agg, stats: acc.partial(), rows };
}
