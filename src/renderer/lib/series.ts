// Pure series builders: turn API data (stats, scores, metrics) into the arrays the thin
// recharts components draw. No React here, so every shape is unit tested.
import type { CaseStats, KeyCount } from '../../shared/model';
import { formatCount } from '../../shared/format';
import { safeString } from './safeText';

export interface TimelinePoint {
  t: number;
  total: number;
  [series: string]: number;
}

/** Empty buckets are drawn up to this many points in all; past it only the filled ones are. */
export const MAX_TIMELINE_POINTS = 3000;

/**
 * Timeline buckets flattened for a stacked bar/area chart; absent series are 0, not missing, and so
 * are the empty buckets between filled ones: a case of logs from 2015, 2019 and 2026 drew four
 * 30-day bars side by side, as if the eleven years between them were one quarter.
 */
export function timelineSeries(timeline: CaseStats['timeline']): { data: TimelinePoint[]; keys: string[] } {
  const keys = timeline.series.length ? [...timeline.series] : ['events'];
  const point = (t: number, total: number, counts: Readonly<Record<string, number>>): TimelinePoint => {
    const p: TimelinePoint = { t, total };
    if (!timeline.series.length) p.events = total;
    else for (const k of keys) p[k] = counts[k] ?? 0;
    return p;
  };
  const buckets = [...timeline.buckets].sort((a, b) => a.t - b.t);
  const step = timeline.bucketMs;
  const span = buckets.length ? (buckets[buckets.length - 1].t - buckets[0].t) / step + 1 : 0;
  if (!(step > 0) || span > MAX_TIMELINE_POINTS) return { data: buckets.map((b) => point(b.t, b.total, b.counts)), keys };
  const data: TimelinePoint[] = [];
  for (const b of buckets) {
    const prev = data.length ? data[data.length - 1].t : null;
    if (prev != null) for (let t = prev + step; t < b.t; t += step) data.push(point(t, 0, {}));
    data.push(point(b.t, b.total, b.counts));
  }
  return { data, keys };
}

/** The UTC range a brush selection over timeline points covers (end of the last bucket, exclusive). */
export function brushRange(data: readonly { t: number }[], bucketMs: number, startIndex: number, endIndex: number): { from: number; to: number } | null {
  if (!data.length) return null;
  const a = Math.max(0, Math.min(startIndex, endIndex));
  const b = Math.min(data.length - 1, Math.max(startIndex, endIndex));
  if (a === 0 && b === data.length - 1) return null;
  return { from: data[a].t, to: data[b].t + bucketMs };
}

/** Top `limit` keys, with everything else summed into one "other" row so totals stay honest. */
export function topWithOther(list: readonly KeyCount[], limit: number, otherLabel = 'other'): KeyCount[] {
  const sorted = [...list].sort((x, y) => y.count - x.count);
  if (sorted.length <= limit) return sorted;
  const head = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  const other: KeyCount = { key: otherLabel, count: rest.reduce((s, k) => s + k.count, 0) };
  const bytes = rest.reduce((s, k) => s + (k.bytes ?? 0), 0);
  if (rest.some((k) => k.bytes != null)) other.bytes = bytes;
  return [...head, other];
}

/** Status codes grouped into classes (2xx, 3xx, ...) for a compact chart. */
export function statusClasses(statuses: readonly KeyCount[]): KeyCount[] {
  const m = new Map<string, number>();
  for (const s of statuses) {
    const n = Number(s.key);
    const cls = Number.isInteger(n) && n >= 100 && n < 600 ? `${Math.floor(n / 100)}xx` : 'other';
    m.set(cls, (m.get(cls) ?? 0) + s.count);
  }
  return [...m.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => a.key.localeCompare(b.key));
}

export interface HistogramBin {
  from: number;
  to: number;
  label: string;
  count: number;
}

/** Fixed-width histogram over [lo, hi]; the last bin is closed so the maximum is counted. */
export function histogram(values: readonly number[], bins: number, lo = 0, hi = 1): HistogramBin[] {
  const n = Math.max(1, Math.floor(bins));
  const width = (hi - lo) / n || 1;
  const out: HistogramBin[] = Array.from({ length: n }, (_, i) => {
    const from = lo + i * width;
    const to = from + width;
    return { from, to, label: `${from.toFixed(2)}–${to.toFixed(2)}`, count: 0 };
  });
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let i = Math.floor((v - lo) / width);
    if (i === n && v <= hi) i = n - 1;
    if (i >= 0 && i < n) out[i].count++;
  }
  return out;
}

/** Feature importances sorted high to low, cut to `limit`, as chart rows. */
export function importanceSeries(importance: Readonly<Record<string, number>>, limit = 15): { feature: string; value: number }[] {
  return Object.entries(importance)
    .filter(([, v]) => Number.isFinite(v))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([feature, value]) => ({ feature, value }));
}

export interface CurvePoint {
  x: number;
  y: number;
}

/** A curve as [x, y] pairs, sorted by x and deduplicated, starting and ending on the axis corners for ROC. */
export function curveSeries(points: readonly (readonly [number, number])[] | readonly { x: number; y: number }[], kind: 'roc' | 'pr'): CurvePoint[] {
  const pts: CurvePoint[] = points.map((p) => (Array.isArray(p) ? { x: p[0] as number, y: p[1] as number } : (p as CurvePoint)));
  const sorted = pts.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x || a.y - b.y);
  if (kind === 'roc') {
    if (!sorted.length || sorted[0].x !== 0 || sorted[0].y !== 0) sorted.unshift({ x: 0, y: 0 });
    const last = sorted[sorted.length - 1];
    if (last.x !== 1 || last.y !== 1) sorted.push({ x: 1, y: 1 });
  }
  return sorted.filter((p, i, a) => i === 0 || p.x !== a[i - 1].x || p.y !== a[i - 1].y);
}

/** Confusion matrix cells with row-normalised shares, for a heat-shaded 2×2 (or n×n) grid. */
export function confusionCells(labels: readonly string[], matrix: readonly (readonly number[])[]): { actual: string; predicted: string; count: number; share: number }[] {
  const out: { actual: string; predicted: string; count: number; share: number }[] = [];
  labels.forEach((actual, i) => {
    const row = matrix[i] ?? [];
    const total = row.reduce((s, v) => s + v, 0);
    labels.forEach((predicted, j) => {
      const count = row[j] ?? 0;
      out.push({ actual, predicted, count, share: total ? count / total : 0 });
    });
  });
  return out;
}

/** Donut slices labelled with their share and count ('TCP · 86.1 % · 17,165'): a legend of colours alone gives no number to quote. */
export function shareSlices(rows: readonly KeyCount[]): { key: string; name: string; value: number }[] {
  const total = rows.reduce((n, r) => n + r.count, 0);
  return rows.map((r) => ({ key: r.key, name: `${safeString(r.key, 28)} · ${total ? ((r.count / total) * 100).toFixed(1) : '0.0'} % · ${formatCount(r.count)}`, value: r.count }));
}

/**
 * A bar label that fits the axis: short keys as they are; long ones keep their start and their
 * end around one "…", since keys that share a long prefix differ at the end (CTU-13's
 * "flow=From-Botnet-V42-TCP-Attempt" and "…-Attempt-SPAM"). Control characters are escaped.
 * No "(+N chars)" note: it wraps under the label in an SVG axis; the tooltip shows the whole key.
 */
export function barLabel(key: string, max = 30): string {
  const s = safeString(key);
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  const tail = Math.floor((max - 1) / 2);
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** Pixels the category axis of a horizontal bar chart needs for these labels (11 px font), within bounds. */
export function barAxisWidth(labels: readonly string[], min = 60, max = 210): number {
  const longest = labels.reduce((m, l) => Math.max(m, Array.from(l).length), 0);
  return Math.max(min, Math.min(max, Math.ceil(longest * 6.6) + 12));
}
