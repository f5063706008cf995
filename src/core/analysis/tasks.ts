// Batch aggregate tasks: each is one (or a few) GROUP BY over a read-only case connection and
// returns compact rows. They run in Piscina workers in parallel; the main thread only merges.
import type { Db } from '../store/case';
import { matchTool } from './net';
import { matchPayload } from './payload';
import { Q } from './sql';
import { computeStatsPart, type StatsPart, type StatsPartName } from './stats';
import type { AgentRow, Aggregates, AggregateKey, PayloadHit, Settings } from './types';

export type TaskSpec =
  | { kind: 'agg'; key: Exclude<AggregateKey, 'payloads'> }
  | { kind: 'payloads'; fromId: number; toId: number }
  | { kind: 'stats'; part: StatsPartName; from: number | null; to: number | null }
  | { kind: 'evidence'; items: { query: string; where: string; params: (string | number)[]; sampleIds: number[] | null }[] };

export type TaskResult =
  | { kind: 'agg'; key: AggregateKey; rows: Aggregates[AggregateKey] }
  | { kind: 'stats'; part: StatsPart }
  | { kind: 'evidence'; results: { count: number; sampleIds: number[] }[] };

const n = (s: Settings, key: string): number => Number(s[key]);

function aggregate(db: Db, key: Exclude<AggregateKey, 'payloads'>, s: Settings): Aggregates[AggregateKey] {
  switch (key) {
    case 'profile':
      return db.prepare(Q.profile).all() as Aggregates['profile'];
    case 'ports':
      return db.prepare(Q.ports).all(n(s, 'portScan.summaryPorts')) as Aggregates['ports'];
    case 'hosts':
      return db.prepare(Q.hosts).all(n(s, 'hostScan.minHosts')) as Aggregates['hosts'];
    case 'ssh':
      return db.prepare(Q.ssh).all() as Aggregates['ssh'];
    case 'webLogin':
      return db.prepare(Q.webLogin).all(n(s, 'bruteForce.minLoginFailures'), n(s, 'bruteForce.minFailures')) as Aggregates['webLogin'];
    case 'flowLogin':
      return db.prepare(Q.flowLogin).all(n(s, 'bruteForce.shortFlowSeconds'), n(s, 'bruteForce.shortFlowPackets'), n(s, 'bruteForce.minFlows')) as Aggregates['flowLogin'];
    case 'stuffing':
      return db.prepare(Q.stuffing).all(n(s, 'credentialStuffing.windowMinutes') * 60_000, n(s, 'credentialStuffing.minSources')) as Aggregates['stuffing'];
    case 'pairs':
      return db.prepare(Q.pairs).all(n(s, 'heavyTraffic.summaryBytes')) as Aggregates['pairs'];
    case 'rate':
      return db.prepare(Q.rate).all() as Aggregates['rate'];
    case 'agents':
      return agents(db);
    case 'sweeps':
      return db.prepare(Q.sweeps).all(n(s, 'scanners.minMissingPaths')).map((r) => {
        const row = r as Aggregates['sweeps'][number];
        const total = db.prepare('SELECT COUNT(*) AS c FROM events WHERE src_ip = ?').get(row.ip) as { c: number };
        return { ...row, requests: total.c };
      });
    case 'crawlers':
      return db.prepare(Q.crawlers).all() as Aggregates['crawlers'];
    case 'beacons':
      return beacons(db, s);
  }
}

/**
 * Beacon candidates: the SQL pass keeps pairs with enough contacts over enough hours whose
 * intervals are not wildly irregular; then each candidate's timestamps are read (src_ip, ts index)
 * and judged robustly: the median interval, and how many intervals sit near a whole multiple of
 * it (a beacon that misses a beat is still a beacon).
 */
function beacons(db: Db, s: Settings): Aggregates['beacons'] {
  const minGap = n(s, 'beaconing.minIntervalSeconds') * 1000;
  const maxJ = n(s, 'beaconing.maxJitter');
  const rows = db.prepare(Q.beacons).all(minGap, n(s, 'beaconing.minEvents'), n(s, 'beaconing.minSpanHours') * 3_600_000, 1) as { src: string; dst: string; port: number | null; kind: 'flow' | 'web'; n: number; mean: number; var: number; first: number; last: number }[];
  rows.sort((a, b) => a.var / (a.mean * a.mean) - b.var / (b.mean * b.mean));
  // read each candidate source's rows once, in time order from the (src_ip, ts) index
  const keyOf = (dst: string, port: number | null): string => `${dst}\u0000${port ?? ''}`;
  const bySrc = new Map<string, Map<string, { row: (typeof rows)[number]; ts: number[] }>>();
  for (const r of rows.slice(0, 2000)) {
    let m = bySrc.get(r.src);
    if (!m) bySrc.set(r.src, (m = new Map()));
    m.set(keyOf(r.dst, r.port), { row: r, ts: [] });
  }
  const srcRows = db.prepare('SELECT COALESCE(dst_ip, path) AS dst, dst_port AS port, ts FROM events WHERE src_ip = ? AND ts IS NOT NULL ORDER BY ts').raw();
  const cands: { row: (typeof rows)[number]; ts: number[] }[] = [];
  for (const [src, m] of bySrc) {
    for (const [dst, port, t] of srcRows.iterate(src) as Iterable<[string | null, number | null, number]>) {
      if (dst == null) continue;
      const c = m.get(keyOf(dst, port));
      if (c) c.ts.push(t);
    }
    cands.push(...m.values());
  }
  const out: Aggregates['beacons'] = [];
  for (const { row: r, ts } of cands) {
    const gaps: number[] = [];
    let prev = ts[0]!;
    for (let i = 1; i < ts.length; i++) {
      if (ts[i]! - prev < minGap) continue;
      gaps.push(ts[i]! - prev);
      prev = ts[i]!;
    }
    if (gaps.length < n(s, 'beaconing.minEvents')) continue;
    const sorted = [...gaps].sort((a, b) => a - b);
    // the period is the median gap, unless beats are often skipped: then a lower quantile fits more gaps
    let unit: number[] = [];
    for (const q of [0.5, 0.25, 0.1]) {
      const period = sorted[Math.floor(q * (sorted.length - 1))]!;
      const fit: number[] = [];
      for (const g of gaps) {
        const k = Math.round(g / period);
        if (k >= 1 && k <= 4 && Math.abs(g - k * period) <= maxJ * period) fit.push(g / k);
      }
      if (fit.length > unit.length) unit = fit;
    }
    const regular = unit.length / gaps.length;
    if (regular < n(s, 'beaconing.minRegularShare')) continue;
    const mean = unit.reduce((a, b) => a + b, 0) / unit.length;
    const sd = Math.sqrt(unit.reduce((a, b) => a + (b - mean) * (b - mean), 0) / unit.length);
    out.push({ src: r.src, dst: r.dst, port: r.port, kind: r.kind, n: gaps.length, mean, sd, regular, first: r.first, last: r.last });
  }
  return out;
}

/** User agents are few compared with rows: match tools per distinct agent, then count per source. */
function agents(db: Db): AgentRow[] {
  const list = db.prepare(Q.agentList).all() as { agent: string; n: number }[];
  const tools = new Map<string, string>();
  for (const a of list) {
    const t = matchTool(a.agent);
    if (t) tools.set(a.agent, `${t.kind}:${t.tool}`);
  }
  if (tools.size === 0) return [];
  const stmt = db.prepare('SELECT src_ip AS ip, COUNT(*) AS requests, MIN(ts) AS first, MAX(ts) AS last FROM events WHERE user_agent = ? AND src_ip IS NOT NULL GROUP BY src_ip');
  const out: AgentRow[] = [];
  for (const [agent, tool] of tools) {
    for (const r of stmt.all(agent) as { ip: string; requests: number; first: number | null; last: number | null }[]) out.push({ ...r, agent, tool });
  }
  return out;
}

/** Decodes and matches candidate request texts in one id range (the range splits work across workers). */
export function payloadHits(db: Db, fromId: number, toId: number): PayloadHit[] {
  const out: PayloadHit[] = [];
  const stmt = db.prepare(Q.payloadCandidates);
  for (const r of stmt.iterate(fromId, toId) as Iterable<{ id: number; ip: string | null; ts: number | null; status: number | null; path: string | null; query: string | null; ua: string | null }>) {
    const target = r.query != null ? `${r.path ?? ''}?${r.query}` : r.path;
    const m = matchPayload(target) ?? (r.ua && /\$\{|\(\)\s*\{/.test(r.ua) ? matchPayload(r.ua) : null);
    if (m) out.push({ id: r.id, ip: r.ip ?? '(no source address)', ts: r.ts, status: r.status, kind: m.kind, fragment: m.fragment });
  }
  return out;
}

export function runTask(db: Db, task: TaskSpec, settings: Settings): TaskResult {
  switch (task.kind) {
    case 'agg':
      return { kind: 'agg', key: task.key, rows: aggregate(db, task.key, settings) };
    case 'payloads':
      return { kind: 'agg', key: 'payloads', rows: payloadHits(db, task.fromId, task.toId) };
    case 'stats':
      return { kind: 'stats', part: computeStatsPart(db, task.part, { from: task.from, to: task.to }) };
    case 'evidence':
      return {
        kind: 'evidence',
        results: task.items.map((it) => {
          const count = (db.prepare(`SELECT COUNT(*) AS c FROM events WHERE ${it.where}`).get(...it.params) as { c: number }).c;
          const sampleIds = it.sampleIds ?? (db.prepare(`SELECT id FROM events WHERE ${it.where} ORDER BY id LIMIT 20`).all(...it.params) as { id: number }[]).map((x) => x.id);
          return { count, sampleIds: sampleIds.slice(0, 20) };
        }),
      };
  }
}
