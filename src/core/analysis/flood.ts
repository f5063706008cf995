// Floods: the runs of fast minutes a source kept up, and what its requests in them looked like
// (the paths it repeated, counted with Misra-Gries, its referrers and agents). The fold feeds
// these; the bursts detector reads the rows they make.
import { FLOOD_PATHS, type FloodAcc } from './foldState';
import type { LiveEvent } from './eventKind';
import type { RateRow } from './types';

/** Runs of fast minutes kept per source: the longest (a flood is one or a few long runs). */
export const FLOOD_RUNS = 64;

/**
 * Runs of consecutive minutes with at least `rate` events, `min` minutes or longer:
 * [first minute, last minute, events], the longest FLOOD_RUNS in time order.
 */
export function fastRuns(minutes: ReadonlyMap<number, number>, rate: number, min: number): [number, number, number][] {
  const fast = [...minutes].filter(([, c]) => c >= rate).sort((a, b) => a[0] - b[0]);
  const runs: [number, number, number][] = [];
  let cur: [number, number, number] | null = null;
  for (const [m, c] of fast) {
    if (cur && m === cur[1] + 1) {
      cur[1] = m;
      cur[2] += c;
    } else runs.push((cur = [m, m, c]));
  }
  const long = runs.filter((r) => r[1] - r[0] + 1 >= min);
  if (long.length <= FLOOD_RUNS) return long;
  return long
    .sort((a, b) => b[1] - b[0] - (a[1] - a[0]))
    .slice(0, FLOOD_RUNS)
    .sort((a, b) => a[0] - b[0]);
}

/** Longest run of fast minutes that counts as a sudden flood: a workload lasting longer is a job, not an attack's run. */
export const ONSET_MAX_MINUTES = 120;

/**
 * The busiest run of fast minutes (`min` long or more, at most ONSET_MAX_MINUTES) that began after the
 * source had already been seen, with its events in the hour before: a flood starts suddenly, while a
 * steadily busy client is busy from its first minute on. Null when there is none.
 */
export function suddenRun(minutes: ReadonlyMap<number, number>, rate: number, min: number): { first: number; last: number; events: number; before: number } | null {
  const runs = fastRuns(minutes, rate, min);
  if (runs.length === 0) return null;
  let seen = Number.POSITIVE_INFINITY;
  for (const m of minutes.keys()) if (m < seen) seen = m;
  let best: { first: number; last: number; events: number; before: number } | null = null;
  for (const [a, b, events] of runs) {
    if (a <= seen || b - a + 1 > ONSET_MAX_MINUTES || (best !== null && events <= best.events)) continue;
    let before = 0;
    for (const [m, c] of minutes) if (m >= a - 60 && m < a) before += c;
    best = { first: a, last: b, events, before };
  }
  return best;
}

/** One more request of a fast source: its path counted (Misra-Gries over FLOOD_PATHS counters), referrer, agent. */
export function floodRequest(f: FloodAcc, e: LiveEvent, key: number, page: boolean): void {
  f.requests++;
  if (e.query) f.queried++;
  if (page) f.pageFiles++;
  if (e.referrer && e.referrer !== '-') f.referred++;
  const ua = e.user_agent ?? null;
  if (f.agents === 0) {
    f.agent = ua;
    f.agents = 1;
  } else if (f.agents === 1 && ua !== f.agent) f.agents = 2;
  const i = f.keys.indexOf(key);
  if (i >= 0) f.counts[i]!++;
  else if (f.keys.length < FLOOD_PATHS) {
    f.keys.push(key);
    f.paths.push(e.path!.slice(0, 300));
    f.counts.push(1);
  } else {
    // every kept path loses one (this one is not kept): a path's count stays a lower bound
    for (let j = f.keys.length - 1; j >= 0; j--) {
      if (--f.counts[j]! > 0) continue;
      f.keys.splice(j, 1);
      f.paths.splice(j, 1);
      f.counts.splice(j, 1);
    }
  }
}

export function floodRow(f: FloodAcc): NonNullable<RateRow['flood']> {
  const topPaths = f.paths.map((p, i): [string, number] => [p, f.counts[i]!]).sort((a, b) => b[1] - a[1]);
  return { requests: f.requests, topPaths, queried: f.queried, pageFiles: f.pageFiles, referred: f.referred, agent: f.agent, agents: f.agents };
}
