// Time for generated files: a diurnal background clock that hands out non-decreasing timestamps
// with exactly the requested count, helpers that place planted events in time, and the merge of
// planted events (a small sorted array) with the streamed background, so files are in time order.
import type { Rng } from './rng';

export interface Timed {
  ts: number;
}

const MINUTE = 60_000;

/** Relative traffic volume by time of day (UTC): trough around 04:00, peak mid-afternoon. */
export function diurnal(ms: number): number {
  const h = (ms / 3_600_000) % 24;
  const x = 0.5 - 0.5 * Math.cos((2 * Math.PI * (h - 4)) / 24);
  return 0.18 + 0.82 * Math.pow(x, 1.5);
}

/** Yields `count` timestamps in [start, end) following the diurnal curve, minute by minute. */
export class BackgroundClock {
  private readonly counts: Int32Array;
  private bucket = -1;
  private offsets = new Float64Array(0);
  private pos = 0;
  private len = 0;

  constructor(
    private readonly rng: Rng,
    private readonly start: number,
    private readonly end: number,
    count: number,
  ) {
    const buckets = Math.max(1, Math.ceil((end - start) / MINUTE));
    const weights = new Float64Array(buckets);
    let total = 0;
    for (let m = 0; m < buckets; m++) {
      const w = diurnal(start + m * MINUTE + MINUTE / 2) * (Math.min(end, start + (m + 1) * MINUTE) - (start + m * MINUTE));
      weights[m] = w;
      total += w;
    }
    this.counts = new Int32Array(buckets);
    let cum = 0;
    let prev = 0;
    for (let m = 0; m < buckets; m++) {
      cum += weights[m] as number;
      const upto = m === buckets - 1 ? count : Math.round((count * cum) / total);
      this.counts[m] = upto - prev;
      prev = upto;
    }
  }

  next(): number {
    while (this.pos >= this.len) {
      this.bucket++;
      if (this.bucket >= this.counts.length) return this.end;
      const k = this.counts[this.bucket] as number;
      if (this.offsets.length < k) this.offsets = new Float64Array(Math.max(k, this.offsets.length * 2));
      const b0 = this.start + this.bucket * MINUTE;
      const width = Math.min(MINUTE, this.end - b0);
      for (let i = 0; i < k; i++) this.offsets[i] = Math.floor(this.rng.float() * width);
      this.offsets.subarray(0, k).sort();
      this.pos = 0;
      this.len = k;
    }
    return this.start + this.bucket * MINUTE + (this.offsets[this.pos++] as number);
  }
}

/** `n` sorted times spread uniformly at random over [t0, t0 + dur]. */
export function spreadTimes(rng: Rng, t0: number, dur: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(t0 + Math.floor(rng.float() * dur));
  return out.sort((a, b) => a - b);
}

/** `n` times every `interval` ms with +/- `jitter` ms (beacons, health checks), kept in order. */
export function periodicTimes(rng: Rng, t0: number, interval: number, jitter: number, n: number): number[] {
  const out: number[] = [];
  let last = t0;
  for (let i = 0; i < n; i++) {
    const t = Math.max(last, Math.round(t0 + i * interval + (rng.float() * 2 - 1) * jitter));
    out.push(t);
    last = t;
  }
  return out;
}

/** A duration that fits inside the span (incidents shrink to fit short files). */
export const fitSpan = (dur: number, start: number, end: number): number => Math.min(dur, Math.floor((end - start) * 0.9));

/** A random window of length `dur` inside [start, end], away from the edges. */
export function randomWindow(rng: Rng, start: number, end: number, dur: number): number {
  const span = end - start;
  const d = Math.min(dur, span * 0.9);
  const lo = start + span * 0.02;
  const hi = end - d - span * 0.02;
  return Math.floor(hi > lo ? lo + rng.float() * (hi - lo) : start);
}

/** Stable sort of planted events by time (ties keep plan order, so output is reproducible). */
export function sortByTime<E extends Timed>(events: E[]): E[] {
  return events.sort((a, b) => a.ts - b.ts);
}

/**
 * Streams `planted` (sorted) merged with `backgroundCount` background events, in time order,
 * calling `emit` for each. Background events are made on demand, so memory stays flat.
 */
export async function runTimeline<E extends Timed>(
  planted: readonly E[],
  backgroundCount: number,
  clock: BackgroundClock,
  makeBackground: (ts: number) => E,
  emit: (e: E) => void | Promise<void>,
): Promise<void> {
  let p = 0;
  let bgLeft = backgroundCount;
  let bgTs = bgLeft > 0 ? clock.next() : Infinity;
  while (p < planted.length || bgLeft > 0) {
    const next = planted[p];
    if (next !== undefined && next.ts <= bgTs) {
      p++;
      const r = emit(next);
      if (r) await r;
    } else {
      const e = makeBackground(bgTs);
      bgLeft--;
      bgTs = bgLeft > 0 ? clock.next() : Infinity;
      const r = emit(e);
      if (r) await r;
    }
  }
}
