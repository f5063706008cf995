// Case statistics (the overview), folded row by row in the same scan that feeds the detectors:
// each worker tallies its share of the rows into a StatsAcc, ships the tallies back as plain
// arrays, and mergeStats adds them up into one CaseStats. A brushed time range is the same
// scan restricted to the range (the ts index finds it).
import type { CaseStats, KeyCount } from '../../shared/model';
import type { Db } from '../store/case';
import type { LiveEvent } from './eventKind';

const TOP = 20;
const BUCKETS = [1_000, 10_000, 60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];
const MAX_BUCKETS = 240;

/** The smallest bucket that keeps the timeline under MAX_BUCKETS bars. */
export function bucketFor(span: number): number {
  for (const b of BUCKETS) if (span / b <= MAX_BUCKETS) return b;
  return BUCKETS[BUCKETS.length - 1]!;
}

const statusClass = (st: number | null | undefined): string =>
  st == null ? 'none' : st < 200 ? '1xx' : st < 300 ? '2xx' : st < 400 ? '3xx' : st < 500 ? '4xx' : st < 600 ? '5xx' : 'other';
const FAILED_ACTIONS = new Set(['auth_failure', 'invalid_user', 'auth_max_attempts', 'auth_abandoned', 'reject']);

/** Counts (and bytes) per key, shipped between threads as parallel arrays (cheap to clone). */
export interface Tally {
  keys: string[];
  counts: number[];
  bytes: number[];
}

/** One worker's share of the statistics. */
export interface StatsPartial {
  events: number;
  minTs: number | null;
  maxTs: number | null;
  bucketMs: number;
  has: { status: boolean; label: boolean; proto: boolean };
  /** per series kind: bucket start -> key -> count, as [bucket, key, count] triples flattened */
  timeline: { status: (number | string)[]; label: (number | string)[]; proto: (number | string)[] };
  protocols: Tally;
  statuses: Tally;
  methods: Tally;
  labels: Tally;
  categories: Tally;
  sources: Tally & { failed: number[] };
  destinations: Tally;
  dstPorts: Tally;
  userAgents: Tally;
  paths: Tally;
}

interface Bucket {
  status: Map<string, number>;
  label: Map<string, number>;
  proto: Map<string, number>;
}

/** Counts and bytes per key. */
class Counter {
  readonly m = new Map<string | number, { c: number; b: number }>();
  add(k: string | number, bytes: number): void {
    const v = this.m.get(k);
    if (v) {
      v.c++;
      v.b += bytes;
    } else this.m.set(k, { c: 1, b: bytes });
  }
  tally(): Tally {
    const t: Tally = { keys: [], counts: [], bytes: [] };
    for (const [k, v] of this.m) {
      t.keys.push(String(k));
      t.counts.push(v.c);
      t.bytes.push(v.b);
    }
    return t;
  }
}

/**
 * Counts per key only (user agents and paths are many: no object per key). The map holds each
 * key's slot in `counts`, so a key seen again costs one lookup, not a get and a set: on a web log
 * these tallies were an eighth of the scan.
 */
class CountOnly {
  readonly m = new Map<string | number, number>();
  private readonly counts: number[] = [];
  add(k: string | number): void {
    const i = this.m.get(k);
    if (i === undefined) {
      this.m.set(k, this.counts.length);
      this.counts.push(1);
    } else this.counts[i]!++;
  }
  tally(): Tally {
    const t: Tally = { keys: [], counts: [], bytes: [] };
    for (const [k, i] of this.m) {
      t.keys.push(String(k));
      t.counts.push(this.counts[i]!);
      t.bytes.push(0);
    }
    return t;
  }
}

export class StatsAcc {
  private events = 0;
  private minTs: number | null = null;
  private maxTs: number | null = null;
  private readonly has = { status: false, label: false, proto: false };
  private readonly buckets = new Map<number, Bucket>();
  private lastT = NaN;
  private lastB: Bucket | undefined;
  private readonly proto = new Counter();
  private readonly status = new CountOnly();
  private readonly method = new CountOnly();
  private readonly label = new CountOnly();
  private readonly category = new CountOnly();
  private readonly srcs = new Map<string, { c: number; b: number; f: number }>();
  private readonly dsts = new Counter();
  private readonly ports = new Counter();
  private readonly agents = new CountOnly();
  private readonly paths = new CountOnly();

  constructor(private readonly bucketMs: number) {}

  add(e: LiveEvent): void {
    this.events++;
    const bytes = e.bytes ?? 0;
    const ts = e.ts;
    if (ts != null) {
      if (this.minTs == null || ts < this.minTs) this.minTs = ts;
      if (this.maxTs == null || ts > this.maxTs) this.maxTs = ts;
      const t = Math.floor(ts / this.bucketMs) * this.bucketMs;
      // rows mostly arrive in time order: the last bucket is usually the one
      let b = t === this.lastT ? this.lastB : this.buckets.get(t);
      if (!b) this.buckets.set(t, (b = { status: new Map(), label: new Map(), proto: new Map() }));
      this.lastT = t;
      this.lastB = b;
      inc(b.status, statusClass(e.status));
      inc(b.label, e.label ?? 'none');
      inc(b.proto, e.proto ?? 'none');
    }
    if (e.proto != null) {
      this.has.proto = true;
      this.proto.add(e.proto, bytes);
    }
    if (e.status != null) {
      this.has.status = true;
      this.status.add(e.status);
    }
    if (e.method != null) this.method.add(e.method);
    if (e.label != null) {
      this.has.label = true;
      this.label.add(e.label);
    }
    if (e.category != null) this.category.add(e.category);
    if (e.src_ip) {
      const failed = (e.status != null && e.status >= 400) || (e.action != null && FAILED_ACTIONS.has(e.action)) ? 1 : 0;
      const v = this.srcs.get(e.src_ip);
      if (v) {
        v.c++;
        v.b += bytes;
        v.f += failed;
      } else this.srcs.set(e.src_ip, { c: 1, b: bytes, f: failed });
    }
    if (e.dst_ip) this.dsts.add(e.dst_ip, bytes);
    if (e.dst_port != null) this.ports.add(e.dst_port, bytes);
    if (e.user_agent) this.agents.add(e.user_agent);
    if (e.path) this.paths.add(e.path);
  }

  partial(): StatsPartial {
    const timeline: StatsPartial['timeline'] = { status: [], label: [], proto: [] };
    for (const [t, b] of this.buckets) for (const kind of ['status', 'label', 'proto'] as const) for (const [k, c] of b[kind]) timeline[kind].push(t, k, c);
    const sources: Tally & { failed: number[] } = { keys: [], counts: [], bytes: [], failed: [] };
    for (const [k, v] of this.srcs) {
      sources.keys.push(k);
      sources.counts.push(v.c);
      sources.bytes.push(v.b);
      sources.failed.push(v.f);
    }
    return {
      events: this.events,
      minTs: this.minTs,
      maxTs: this.maxTs,
      bucketMs: this.bucketMs,
      has: this.has,
      timeline,
      protocols: this.proto.tally(),
      statuses: this.status.tally(),
      methods: this.method.tally(),
      labels: this.label.tally(),
      categories: this.category.tally(),
      sources,
      destinations: this.dsts.tally(),
      dstPorts: this.ports.tally(),
      userAgents: this.agents.tally(),
      paths: this.paths.tally(),
    };
  }
}

function inc(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Totals per key over several partials, in parallel arrays (millions of distinct paths make objects costly). */
interface Totals {
  keys: string[];
  count: Float64Array;
  bytes: Float64Array;
  failed: Float64Array;
}

/** Adds tallies key by key; `disjoint` when no key is in two of them (then they are only laid end to end). */
function sumTallies(ts: readonly (Tally & { failed?: number[] })[], disjoint = false): Totals {
  if (ts.length === 1 || disjoint) {
    const keys = ts.length === 1 ? ts[0]!.keys : ts.flatMap((t) => t.keys);
    const out: Totals = { keys, count: new Float64Array(keys.length), bytes: new Float64Array(keys.length), failed: new Float64Array(keys.length) };
    let at = 0;
    for (const t of ts) {
      out.count.set(t.counts, at);
      out.bytes.set(t.bytes, at);
      if (t.failed) out.failed.set(t.failed, at);
      at += t.keys.length;
    }
    return out;
  }
  const index = new Map<string, number>();
  const n = ts.reduce((s, t) => s + t.keys.length, 0);
  const out: Totals = { keys: [], count: new Float64Array(n), bytes: new Float64Array(n), failed: new Float64Array(n) };
  for (const t of ts) {
    for (let i = 0; i < t.keys.length; i++) {
      const k = t.keys[i]!;
      let j = index.get(k);
      if (j === undefined) {
        j = out.keys.length;
        index.set(k, j);
        out.keys.push(k);
      }
      out.count[j]! += t.counts[i]!;
      out.bytes[j]! += t.bytes[i]!;
      out.failed[j]! += t.failed?.[i] ?? 0;
    }
  }
  return out;
}

/** The `limit` largest keys by a measure (ties by count, then key): a threshold first, so only the few candidates are sorted. */
function top(t: Totals, limit: number, withBytes: boolean, order: 'count' | 'bytes' | 'failed' = 'count'): KeyCount[] {
  const measure = t[order];
  const before = (a: number, b: number): boolean => measure[a]! > measure[b]! || (measure[a] === measure[b] && (t.count[a]! > t.count[b]! || (t.count[a] === t.count[b] && t.keys[a]! < t.keys[b]!)));
  // the best `limit` in one pass, kept sorted: a full sort of the ties was seconds when a flood of
  // spoofed addresses left a million sources with one event each
  const best: number[] = [];
  for (let i = 0; i < t.keys.length; i++) {
    if (best.length === limit && !before(i, best[limit - 1]!)) continue;
    let j = best.length === limit ? limit - 1 : best.length;
    while (j > 0 && before(i, best[j - 1]!)) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = i;
  }
  return best.map((i) => (withBytes ? { key: t.keys[i]!, count: t.count[i]!, bytes: t.bytes[i]! } : { key: t.keys[i]!, count: order === 'failed' ? t.failed[i]! : t.count[i]! }));
}

/** Indexes of the `limit` largest counts (ties in any order), in one pass. */
function largest(counts: readonly number[], limit: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (best.length === limit && c <= counts[best[limit - 1]!]!) continue;
    let j = best.length === limit ? limit - 1 : best.length;
    while (j > 0 && c > counts[best[j - 1]!]!) {
      best[j] = best[j - 1]!;
      j--;
    }
    best[j] = i;
  }
  return best;
}

/**
 * The `limit` keys with the largest summed count over several partials (what top(sumTallies(ts))
 * gives), without adding up every key: a web log's two halves hold a million paths each, and
 * merging them in one map was 1.6 s of the calling thread. Exact, by the three-phase threshold
 * of Cao & Wang (TPUT, 2004): the partials' own best keys give lower bounds of their totals, whose
 * limit-th largest, tau, no key of the true top can fall under; a key whose total reaches tau has
 * at least tau / parts in one partial, so only those keys are added up, exactly.
 */
export function topOfSum(ts: readonly Tally[], limit: number, withBytes: boolean): KeyCount[] {
  if (ts.length <= 1) return top(sumTallies(ts), limit, withBytes);
  const lower = new Map<string, number>();
  for (const t of ts) for (const i of largest(t.counts, limit)) lower.set(t.keys[i]!, (lower.get(t.keys[i]!) ?? 0) + t.counts[i]!);
  if (lower.size < limit) return top(sumTallies(ts), limit, withBytes);
  const bounds = [...lower.values()];
  const tau = bounds[largest(bounds, limit)[limit - 1]!]!;
  const cut = tau / ts.length;
  const slot = new Map<string, number>();
  for (const t of ts) for (let i = 0; i < t.keys.length; i++) if (t.counts[i]! >= cut && !slot.has(t.keys[i]!)) slot.set(t.keys[i]!, slot.size);
  const out: Totals = { keys: [...slot.keys()], count: new Float64Array(slot.size), bytes: new Float64Array(slot.size), failed: new Float64Array(slot.size) };
  for (const t of ts)
    for (let i = 0; i < t.keys.length; i++) {
      const j = slot.get(t.keys[i]!);
      if (j === undefined) continue;
      out.count[j]! += t.counts[i]!;
      out.bytes[j]! += t.bytes[i]!;
    }
  return top(out, limit, withBytes);
}

/**
 * Adds up the workers' partials, with the case-level counts (sources, quarantine), into one
 * CaseStats. `splitBySource`: each source address is in one partial only (the engine's shares).
 */
export function mergeStats(db: Db, parts: readonly StatsPartial[], range: { from: number | null; to: number | null }, splitBySource = false): CaseStats {
  const sources = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(quarantined), 0) AS q FROM sources').get() as { n: number; q: number };
  const pick = <K extends keyof StatsPartial>(k: K): StatsPartial[K][] => parts.map((p) => p[k]);
  const has = { status: parts.some((p) => p.has.status), label: parts.some((p) => p.has.label), proto: parts.some((p) => p.has.proto) };
  const stackBy: CaseStats['timeline']['stackBy'] = has.status ? 'status' : has.label ? 'label' : has.proto ? 'proto' : 'none';
  const kind = stackBy === 'none' ? 'proto' : stackBy;
  const series = new Map<string, number>();
  const byT = new Map<number, { t: number; total: number; counts: Record<string, number> }>();
  for (const p of parts) {
    const flat = p.timeline[kind];
    for (let i = 0; i < flat.length; i += 3) {
      const t = flat[i] as number;
      const k = stackBy === 'none' ? 'events' : (flat[i + 1] as string);
      const c = flat[i + 2] as number;
      series.set(k, (series.get(k) ?? 0) + c);
      let b = byT.get(t);
      if (!b) byT.set(t, (b = { t, total: 0, counts: {} }));
      b.total += c;
      b.counts[k] = (b.counts[k] ?? 0) + c;
    }
  }
  const srcs = sumTallies(pick('sources'), splitBySource);
  const dsts = sumTallies(pick('destinations'));
  const mins = parts.map((p) => p.minTs).filter((x): x is number => x != null);
  const maxs = parts.map((p) => p.maxTs).filter((x): x is number => x != null);
  return {
    computedAt: Date.now(),
    range,
    events: parts.reduce((s, p) => s + p.events, 0),
    sources: sources.n,
    distinctSrcIps: srcs.keys.length,
    distinctDstIps: dsts.keys.length,
    quarantined: sources.q,
    minTs: mins.length ? Math.min(...mins) : null,
    maxTs: maxs.length ? Math.max(...maxs) : null,
    timeline: {
      bucketMs: parts[0]?.bucketMs ?? 60_000,
      stackBy,
      series: [...series.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k),
      buckets: [...byT.values()].sort((a, b) => a.t - b.t),
    },
    protocols: topOfSum(pick('protocols'), TOP, true),
    statuses: topOfSum(pick('statuses'), 60, false),
    methods: topOfSum(pick('methods'), TOP, false),
    labels: topOfSum(pick('labels'), 50, false),
    categories: topOfSum(pick('categories'), 50, false),
    topSourcesByEvents: top(srcs, TOP, true),
    topSourcesByBytes: top(srcs, TOP, true, 'bytes'),
    failedBySource: top(srcs, TOP, false, 'failed').filter((r) => r.count > 0),
    topDestinations: top(dsts, TOP, true),
    topDstPorts: topOfSum(pick('dstPorts'), TOP, true),
    topUserAgents: topOfSum(pick('userAgents'), TOP, false),
    topPaths: topOfSum(pick('paths'), TOP, false),
  };
}
