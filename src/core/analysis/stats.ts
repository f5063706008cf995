// Case statistics (the overview): computed in three independent parts so workers can run them
// in parallel, merged into one CaseStats; also served for a brushed time range (ts index).
import type { CaseStats, KeyCount } from '../../shared/model';
import type { Db } from '../store/case';

export type StatsPartName = 'base' | 'sources' | 'targets';
export type StatsPart = Partial<CaseStats>;

const TOP = 20;
const BUCKETS = [1_000, 10_000, 60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];
const MAX_BUCKETS = 240;

/** The smallest bucket that keeps the timeline under MAX_BUCKETS bars. */
export function bucketFor(span: number): number {
  for (const b of BUCKETS) if (span / b <= MAX_BUCKETS) return b;
  return BUCKETS[BUCKETS.length - 1]!;
}

function rangeWhere(range: { from: number | null; to: number | null }): { sql: string; params: number[] } {
  const parts: string[] = [];
  const params: number[] = [];
  if (range.from != null) {
    parts.push('ts >= ?');
    params.push(range.from);
  }
  if (range.to != null) {
    parts.push('ts <= ?');
    params.push(range.to);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

function keyCounts(db: Db, expr: string, where: string, params: number[], opts: { bytes?: boolean; limit?: number; extraWhere?: string } = {}): KeyCount[] {
  const sql = `SELECT ${expr} AS key, COUNT(*) AS count${opts.bytes ? ', COALESCE(SUM(bytes), 0) AS bytes' : ''}
    FROM events WHERE ${where} AND ${expr} IS NOT NULL ${opts.extraWhere ? `AND ${opts.extraWhere}` : ''}
    GROUP BY key ORDER BY count DESC LIMIT ${opts.limit ?? TOP}`;
  return (db.prepare(sql).all(...params) as { key: string | number; count: number; bytes?: number }[]).map((r) => ({ ...r, key: String(r.key) }));
}

const STATUS_CLASS = "CASE WHEN status IS NULL THEN 'none' WHEN status < 200 THEN '1xx' WHEN status < 300 THEN '2xx' WHEN status < 400 THEN '3xx' WHEN status < 500 THEN '4xx' WHEN status < 600 THEN '5xx' ELSE 'other' END";

export function computeStatsPart(db: Db, part: StatsPartName, range: { from: number | null; to: number | null }): StatsPart {
  const w = rangeWhere(range);
  switch (part) {
    case 'base': {
      const head = db.prepare(`SELECT COUNT(*) AS events, MIN(ts) AS minTs, MAX(ts) AS maxTs FROM events WHERE ${w.sql}`).get(...w.params) as { events: number; minTs: number | null; maxTs: number | null };
      const has = (col: string): boolean => db.prepare(`SELECT 1 FROM events WHERE ${w.sql} AND ${col} IS NOT NULL LIMIT 1`).get(...w.params) !== undefined;
      const stackBy: CaseStats['timeline']['stackBy'] = has('status') ? 'status' : has('label') ? 'label' : has('proto') ? 'proto' : 'none';
      const seriesExpr = stackBy === 'status' ? STATUS_CLASS : stackBy === 'label' ? "COALESCE(label, 'none')" : stackBy === 'proto' ? "COALESCE(proto, 'none')" : "'events'";
      const timeline: CaseStats['timeline'] = { bucketMs: 60_000, stackBy, series: [], buckets: [] };
      if (head.minTs != null && head.maxTs != null) {
        const bucketMs = bucketFor(head.maxTs - head.minTs);
        timeline.bucketMs = bucketMs;
        const rows = db.prepare(`SELECT (ts / ${bucketMs}) * ${bucketMs} AS t, ${seriesExpr} AS k, COUNT(*) AS c FROM events WHERE ${w.sql} AND ts IS NOT NULL GROUP BY t, k ORDER BY t`).all(...w.params) as { t: number; k: string; c: number }[];
        const series = new Map<string, number>();
        const byT = new Map<number, { t: number; total: number; counts: Record<string, number> }>();
        for (const r of rows) {
          const k = String(r.k);
          series.set(k, (series.get(k) ?? 0) + r.c);
          let b = byT.get(r.t);
          if (!b) byT.set(r.t, (b = { t: r.t, total: 0, counts: {} }));
          b.total += r.c;
          b.counts[k] = r.c;
        }
        timeline.series = [...series.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
        timeline.buckets = [...byT.values()];
      }
      // one scan for the five small mixes instead of five scans
      const mix = db
        .prepare(`SELECT proto, status, method, label, category, COUNT(*) AS c, COALESCE(SUM(bytes), 0) AS b FROM events WHERE ${w.sql} GROUP BY proto, status, method, label, category`)
        .all(...w.params) as { proto: string | null; status: number | null; method: string | null; label: string | null; category: string | null; c: number; b: number }[];
      const tally = (key: 'proto' | 'status' | 'method' | 'label' | 'category', limit: number, withBytes = false): KeyCount[] => {
        const m = new Map<string, KeyCount>();
        for (const r of mix) {
          const v = r[key];
          if (v == null) continue;
          const k = String(v);
          const cur = m.get(k) ?? { key: k, count: 0, ...(withBytes ? { bytes: 0 } : {}) };
          cur.count += r.c;
          if (withBytes) cur.bytes = (cur.bytes ?? 0) + r.b;
          m.set(k, cur);
        }
        return [...m.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, limit);
      };
      return {
        events: head.events,
        minTs: head.minTs,
        maxTs: head.maxTs,
        timeline,
        protocols: tally('proto', TOP, true),
        statuses: tally('status', 60),
        methods: tally('method', TOP),
        labels: tally('label', 50),
        categories: tally('category', 50),
      };
    }
    case 'sources': {
      const rows = db
        .prepare(`SELECT src_ip AS key, COUNT(*) AS count, COALESCE(SUM(bytes), 0) AS bytes, COALESCE(SUM(status >= 400 OR action IN ('auth_failure', 'invalid_user', 'reject')), 0) AS failed
          FROM events WHERE ${w.sql} AND src_ip IS NOT NULL GROUP BY src_ip`)
        .all(...w.params) as { key: string; count: number; bytes: number; failed: number }[];
      const top = (f: (r: (typeof rows)[number]) => number): typeof rows => [...rows].sort((a, b) => f(b) - f(a)).slice(0, TOP);
      return {
        distinctSrcIps: rows.length,
        topSourcesByEvents: top((r) => r.count).map((r) => ({ key: r.key, count: r.count, bytes: r.bytes })),
        topSourcesByBytes: top((r) => r.bytes).map((r) => ({ key: r.key, count: r.count, bytes: r.bytes })),
        failedBySource: top((r) => r.failed)
          .filter((r) => r.failed > 0)
          .map((r) => ({ key: r.key, count: r.failed })),
      };
    }
    case 'targets': {
      const dsts = db.prepare(`SELECT dst_ip AS key, COUNT(*) AS count, COALESCE(SUM(bytes), 0) AS bytes FROM events WHERE ${w.sql} AND dst_ip IS NOT NULL GROUP BY dst_ip`).all(...w.params) as KeyCount[];
      const web = db.prepare(`SELECT 1 FROM events WHERE ${w.sql} AND status IS NOT NULL LIMIT 1`).get(...w.params) !== undefined;
      return {
        distinctDstIps: dsts.length,
        topDestinations: dsts.sort((a, b) => b.count - a.count).slice(0, TOP),
        topDstPorts: keyCounts(db, 'dst_port', w.sql, w.params, { bytes: true }),
        // user agents and paths only where web records exist (the status index answers that at once)
        topUserAgents: web ? keyCounts(db, 'user_agent', w.sql, w.params) : [],
        topPaths: web ? keyCounts(db, 'path', w.sql, w.params) : [],
      };
    }
  }
}

/** Merges the parts with the case-level counts (sources, quarantine) into one CaseStats. */
export function mergeStats(db: Db, parts: readonly StatsPart[], range: { from: number | null; to: number | null }): CaseStats {
  const sources = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(quarantined), 0) AS q FROM sources').get() as { n: number; q: number };
  const base: CaseStats = {
    computedAt: Date.now(),
    range,
    events: 0,
    sources: sources.n,
    distinctSrcIps: 0,
    distinctDstIps: 0,
    quarantined: sources.q,
    minTs: null,
    maxTs: null,
    timeline: { bucketMs: 60_000, stackBy: 'none', series: [], buckets: [] },
    protocols: [],
    statuses: [],
    methods: [],
    labels: [],
    categories: [],
    topSourcesByEvents: [],
    topSourcesByBytes: [],
    topDestinations: [],
    topDstPorts: [],
    topUserAgents: [],
    topPaths: [],
    failedBySource: [],
  };
  return Object.assign(base, ...parts) as CaseStats;
}

/** Statistics for the whole case or a time range, on the calling thread (brushing uses the ts index). */
export function computeOverview(db: Db, range: { from: number | null; to: number | null }): CaseStats {
  const parts = (['base', 'sources', 'targets'] as const).map((p) => computeStatsPart(db, p, range));
  return mergeStats(db, parts, range);
}
