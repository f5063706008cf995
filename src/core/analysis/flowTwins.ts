// One connection, two sensors: a firewall's traffic export and Zeek's conn.log of the same link,
// or NetFlow from two routers on one path, each hold a record of the same connection. Counted once:
// a flow record from another log with the same source address and port and the same destination
// address and port, whose time (widened by either record's duration, since one sensor stamps a
// connection's start and another its end) lies within a few seconds of it. Two connections with
// the same ports at different times, or two records of one log, never pair.
import type { Db } from '../store/case';
import type { LiveEvent } from './eventKind';

/** Rows looked at per source to tell a flow log from other logs. */
const SAMPLE_ROWS = 200;
/** Flow records remembered per worker for pairing (beyond it, new records are not remembered). */
const KEEP_RECORDS = 2_000_000;

/**
 * The sources whose first rows are mostly flow records (addresses and ports on both sides, no
 * request): pairing is only needed, and only costs memory, when a case holds two or more of them.
 */
export function flowSources(db: Db): Set<number> {
  const ids = (db.prepare('SELECT id FROM sources').all() as { id: number }[]).map((r) => r.id);
  const sample = db.prepare(
    `SELECT COUNT(*) AS n, SUM(src_ip IS NOT NULL AND dst_ip IS NOT NULL AND src_port IS NOT NULL AND dst_port IS NOT NULL AND path IS NULL) AS flows FROM (SELECT src_ip, dst_ip, src_port, dst_port, path FROM events WHERE source_id = ? ORDER BY line_no LIMIT ${SAMPLE_ROWS})`,
  );
  const out = new Set<number>();
  for (const id of ids) {
    const r = sample.get(id) as { n: number; flows: number | null };
    if (r.n > 0 && (r.flows ?? 0) >= r.n / 2) out.add(id);
  }
  return out;
}

/** The flow records seen so far, by connection (addresses and ports), each as [time, duration ms, source] triples. */
export class FlowTwins {
  private readonly seen = new Map<string, number[]>();
  private kept = 0;

  constructor(
    private readonly sources: ReadonlySet<number>,
    private readonly windowMs: number,
  ) {}

  /** True when the row is a record another flow log already holds (it is then not counted again); else it is remembered. */
  twin(e: LiveEvent): boolean {
    const src = e.source_id;
    if (src == null || !this.sources.has(src) || e.ts == null || e.src_port == null || e.dst_port == null || !e.dst_ip || !e.src_ip || e.path) return false;
    const key = `${e.src_ip}|${e.src_port}|${e.dst_ip}|${e.dst_port}`;
    const dur = e.duration != null && e.duration > 0 ? e.duration * 1000 : 0;
    const l = this.seen.get(key);
    if (l) {
      for (let i = 0; i < l.length; i += 3) {
        if (l[i + 2] === src || l[i + 2]! < 0) continue;
        if (Math.abs(l[i]! - e.ts) <= this.windowMs + Math.max(dur, l[i + 1]!)) {
          // each record pairs with one record of the other log (NetFlow's active-timeout records of a long connection pair one by one)
          l[i + 2] = -1;
          return true;
        }
      }
    }
    if (this.kept >= KEEP_RECORDS) return false;
    this.kept++;
    if (l) l.push(e.ts, dur, src);
    else this.seen.set(key, [e.ts, dur, src]);
    return false;
  }
}
