// The entity view: everything one IP did, as source and as destination — activity over time, ports,
// peers, paths, names looked up, user names tried, user agents, statuses, actions, model scores and annotations. Findings are added by
// the caller (the analysis engine owns their mapping). Runs in the explorer worker on big cases.
import type { EntityView } from '../../shared/api';
import type { KeyCount } from '../../shared/model';
import type { Db } from '../store/case';
import { getAnnotations } from '../store/annotations';

const TOP = 15;
const NICE_BUCKETS = [1_000, 10_000, 60_000, 300_000, 900_000, 3_600_000, 10_800_000, 21_600_000, 86_400_000, 604_800_000];

/** A bucket width giving at most ~120 buckets over the span. */
export function bucketFor(spanMs: number): number {
  for (const b of NICE_BUCKETS) if (spanMs / b <= 120) return b;
  return Math.ceil(spanMs / 120 / 86_400_000) * 86_400_000;
}

export type EntityAggregates = Omit<EntityView, 'findings'>;

export function entityAggregates(db: Db, ip: string, range: { from?: number; to?: number } = {}): EntityAggregates {
  const timeCond = `${range.from !== undefined ? ' AND ts >= @from' : ''}${range.to !== undefined ? ' AND ts <= @to' : ''}`;
  const p = { ip, from: range.from ?? null, to: range.to ?? null };
  const bind = (sql: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { ip };
    if (sql.includes('@from')) out.from = p.from;
    if (sql.includes('@to')) out.to = p.to;
    return out;
  };
  const one = <T>(sql: string): T => db.prepare(sql).get(bind(sql)) as T;
  const all = <T>(sql: string): T[] => db.prepare(sql).all(bind(sql)) as T[];
  const src = `src_ip = @ip${timeCond}`;
  const dst = `dst_ip = @ip${timeCond}`;
  const s = one<{ n: number; b: number | null; lo: number | null; hi: number | null }>(`SELECT count(*) AS n, sum(bytes) AS b, min(ts) AS lo, max(ts) AS hi FROM events WHERE ${src}`);
  const d = one<{ n: number; b: number | null; lo: number | null; hi: number | null }>(`SELECT count(*) AS n, sum(bytes) AS b, min(ts) AS lo, max(ts) AS hi FROM events WHERE ${dst}`);
  const lows = [s.lo, d.lo].filter((x): x is number => x !== null);
  const highs = [s.hi, d.hi].filter((x): x is number => x !== null);
  const firstSeen = lows.length ? Math.min(...lows) : null;
  const lastSeen = highs.length ? Math.max(...highs) : null;
  const bucketMs = firstSeen !== null && lastSeen !== null ? bucketFor(Math.max(1, lastSeen - firstSeen)) : 3_600_000;
  const buckets = all<{ t: number; count: number }>(
    `SELECT t, sum(c) AS count FROM (
       SELECT (ts / ${bucketMs}) * ${bucketMs} AS t, count(*) AS c FROM events WHERE ${src} AND ts IS NOT NULL GROUP BY 1
       UNION ALL
       SELECT (ts / ${bucketMs}) * ${bucketMs} AS t, count(*) AS c FROM events WHERE ${dst} AND ts IS NOT NULL GROUP BY 1
     ) GROUP BY t ORDER BY t`,
  );
  const top = (col: string, where: string, withBytes = false): KeyCount[] =>
    all<{ key: string | number; count: number; bytes: number | null }>(
      `SELECT "${col}" AS key, count(*) AS count${withBytes ? ', sum(bytes) AS bytes' : ''} FROM events WHERE ${where} AND "${col}" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP}`,
    ).map((r) => (withBytes ? { key: String(r.key), count: r.count, bytes: r.bytes ?? 0 } : { key: String(r.key), count: r.count }));
  const scores = db
    .prepare('SELECT e.model_id AS modelId, m.name AS modelName, e.score AS score, e.drivers AS drivers FROM entity_scores e JOIN models m ON m.id = e.model_id WHERE e.entity = ? ORDER BY e.model_id DESC')
    .all(ip) as { modelId: number; modelName: string; score: number; drivers: string }[];
  return {
    ip,
    firstSeen,
    lastSeen,
    events: { asSource: s.n, asDestination: d.n },
    bytes: { sent: s.b ?? null, received: d.b ?? null },
    timeline: { bucketMs, buckets },
    dstPorts: top('dst_port', src),
    dstIps: top('dst_ip', src, true),
    srcIps: top('src_ip', dst, true),
    paths: top('path', src),
    hosts: top('host', src),
    users: top('user', src),
    userAgents: top('user_agent', src),
    statuses: top('status', src),
    actions: top('action', src),
    scores: scores.map((r) => ({ ...r, drivers: parseJson(r.drivers) })),
    annotations: getAnnotations(db, { type: 'entity', id: ip }),
  };
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}
