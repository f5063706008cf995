// One sequential pass over the events table feeds both the statistics and the detectors' fold.
// Batch analysis runs it in N workers, each owning the rows of a share of the source addresses
// (a cheap hash of the address, evaluated by SQLite, so a worker never materialises the other
// workers' rows): per-source state is then complete in one worker and nothing needs merging but
// the statistics tallies and the credential-stuffing groups (which span sources).
import type { Db } from '../store/case';
import { judgeBeacons } from './beacons';
import { Fold, type LiveEvent } from './fold';
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
}

export interface ScanResult {
  agg: Aggregates | null;
  stats: StatsPartial;
  rows: number;
}

const COLUMNS = 'id, ts, src_ip, src_port, dst_ip, dst_port, proto, method, path, query, status, bytes, packets, duration, flags, user_agent, user, action, program, label, category, referrer';
type Raw = [number, number | null, string | null, number | null, string | null, number | null, string | null, string | null, string | null, string | null, number | null, number | null, number | null, number | null, string | null, string | null, string | null, string | null, string | null, string | null, string | null, string | null];

/** The time range and timeline bucket of a scan (both from the ts index). */
export function scanBounds(db: Db, range: { from: number | null; to: number | null }): { bucketMs: number; minTs: number | null; maxTs: number | null } {
  const w = rangeWhere(range);
  const r = db.prepare(`SELECT MIN(ts) AS lo, MAX(ts) AS hi FROM events WHERE ${w.sql}`).get(...w.params) as { lo: number | null; hi: number | null };
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
  // rows without a source address go to part 0; the others by the last two characters and the length of the address
  const share = spec.parts > 1 ? ` AND COALESCE((unicode(substr(src_ip, -1)) + 3 * unicode(substr(src_ip, -2, 1)) + length(src_ip)) % ${spec.parts}, 0) = ${spec.part}` : '';
  const stmt = db.prepare(`SELECT ${COLUMNS} FROM events WHERE ${w.sql}${share}`).raw();
  const fold = spec.detect ? new Fold(settings, { beacons: true, stuffing: true }) : null;
  const acc = new StatsAcc(spec.bucketMs);
  // one row object, refilled for every row (the fold and the tallies keep values, never the object)
  const e: LiveEvent = { id: 0 };
  let rows = 0;
  for (const r of stmt.iterate(...w.params) as Iterable<Raw>) {
    e.id = r[0];
    e.ts = r[1];
    e.src_ip = r[2];
    e.src_port = r[3];
    e.dst_ip = r[4];
    e.dst_port = r[5];
    e.proto = r[6];
    e.method = r[7];
    e.path = r[8];
    e.query = r[9];
    e.status = r[10];
    e.bytes = r[11];
    e.packets = r[12];
    e.duration = r[13];
    e.flags = r[14];
    e.user_agent = r[15];
    e.user = r[16];
    e.action = r[17];
    e.program = r[18];
    e.label = r[19];
    e.category = r[20];
    e.referrer = r[21];
    acc.add(e);
    fold?.add(e);
    if ((++rows & 0xffff) === 0 && spec.progress) Atomics.store(spec.progress, spec.part, rows);
  }
  let agg: Aggregates | null = null;
  if (fold) {
    agg = fold.aggregates();
    agg.beacons = judgeBeacons(fold.beaconAccs(), settings);
  }
  return { agg, stats: acc.partial(), rows };
}
