// Beaconing: the contact times the fold keeps per source and destination (beaconContact, at the
// end), judged once the scan is over: pairs with enough contacts over enough hours whose intervals
// (in arrival order) are not wildly irregular, or that arrived out of time order, are sorted by
// time and judged robustly: the median interval,
// and how many intervals sit near a whole multiple of it (a beacon that misses a beat is still one).
// A few gaps far longer than any missed beat are sleeps (an implant told to pause, a laptop shut
// overnight): they split the rhythm into stretches and are not counted against it.
// A flow rhythm too short for those gates (an implant seen for under an hour) is judged the same
// way and kept only when contacts at random would almost never fall into it (beaconing.maxChance).
import { pathKey, type LiveEvent } from './eventKind';
import type { BeaconAcc } from './foldState';
import type { BeaconRow, Settings } from './types';

export function judgeBeacons(accs: Iterable<[string, BeaconAcc]>, s: Settings): BeaconRow[] {
  const minGap = Number(s['beaconing.minIntervalSeconds']) * 1000;
  const maxJ = Number(s['beaconing.maxJitter']);
  const minEvents = Number(s['beaconing.minEvents']);
  const minSpan = Number(s['beaconing.minSpanHours']) * 3_600_000;
  const minShare = Number(s['beaconing.minRegularShare']);
  const minSingle = Number(s['beaconing.minSingleShare']);
  const maxPause = Number(s['beaconing.maxPauseShare']);
  const pauseBeats = Number(s['beaconing.pauseBeats']);
  const shortEvents = Math.min(minEvents, Number(s['beaconing.shortEvents']));
  const shortSpan = Number(s['beaconing.shortSpanMinutes']) * 60_000;
  const maxChance = Number(s['beaconing.maxChance']);
  const out: BeaconRow[] = [];
  for (const [src, b] of accs) {
    const full = b.last - b.first >= minSpan && b.ts.length > minEvents;
    // a short flow rhythm (ten check-ins in under an hour) is judged too, and kept only against chance below
    if (!full && !(b.kind === 'flow' && b.last - b.first >= shortSpan && b.ts.length > shortEvents)) continue;
    const need = full ? minEvents : shortEvents;
    // (no shortcut on the coefficient of variation of all the gaps: a beacon that sleeps three hours
    // between two-hour stretches has one far above 1, and is still a beacon)
    if (!b.unordered && b.n < need) continue;
    const ts = b.unordered ? [...b.ts].sort((x, y) => x - y) : b.ts;
    const row = judge(ts, minGap, maxJ, need, minShare, minSingle, maxPause, pauseBeats);
    // few intervals fit some period by luck; a tight rhythm over as few is what chance does not make;
    // nor is a "rhythm" of the log's own resolution (times to the minute, a host active every minute)
    if (row && !full && (!(row.chance <= maxChance) || (row.mean < 2 * MINUTE && ts.every((t) => t % MINUTE === 0)))) continue;
    if (row) out.push({ src, dst: b.dst, port: b.port, kind: b.kind, ...row, first: b.first, last: b.last, agent: b.agent, bytesPerContact: b.bytes / Math.max(1, b.ts.length - 1), ...(b.kind === 'flow' && b.sport >= 0 ? { oneSport: b.sameSport / Math.max(1, b.ts.length - 1) } : {}), ...(b.spanned ? { spanned: b.spanned / Math.max(1, b.ts.length - 2) } : {}), ...(full ? {} : { short: true }) });
  }
  return out;
}

function judge(
  ts: readonly number[],
  minGap: number,
  maxJ: number,
  minEvents: number,
  minShare: number,
  minSingle: number,
  maxPause: number,
  pauseBeats: number,
): { n: number; mean: number; sd: number; regular: number; pauses: number; chance: number; resolutionMs?: number } | null {
  // times written to the minute (CIC-IDS2017's CSVs) move each gap by up to a minute either way:
  // a beat is matched within that much more, and the rounding's variance (res² / 6, the difference
  // of two uniform errors) is taken out of the jitter, when the period is long enough to tell
  const res = ts.every((t) => t % MINUTE === 0) ? MINUTE : 0;
  const gaps: number[] = [];
  let prev = ts[0]!;
  for (let i = 1; i < ts.length; i++) {
    if (ts[i]! - prev < minGap) continue;
    gaps.push(ts[i]! - prev);
    prev = ts[i]!;
  }
  if (gaps.length < minEvents) return null;
  const sorted = [...gaps].sort((a, b) => a - b);
  // the period is the median gap, unless beats are often skipped: then a lower quantile fits more gaps
  // A gap fits one beat within ±maxJ; a skipped beat (two to four periods) only within ±15 %:
  // with wide tolerance the multiples would cover every gap from 0.7 to 5 periods, and a person
  // browsing would look like a timer. Most gaps must be single beats.
  const multiTol = Math.min(maxJ, 0.15);
  // maxJ bounds the standard deviation; a sleep randomised uniformly by ±30 % has a standard
  // deviation of 17 % but gaps 30 % from the period, and the median gap is itself off by a few
  // per cent: a single beat may sit 1.5 x maxJ from the period (capped at half a period)
  const oneTol = Math.min(0.5, 1.5 * maxJ);
  // A gap of pauseBeats periods or more is no missed beat but a sleep; a few (maxPause of the
  // gaps) are left out of the count, so two-hour stretches three hours apart are one beacon.
  const fitTo = (period: number): { fit: number[]; one: number; pauses: number } => {
    const fit: number[] = [];
    let one = 0;
    let pauses = 0;
    const slack = res && period >= 2 * res ? res : 0;
    for (const g of gaps) {
      const k = Math.max(1, Math.round(g / period));
      if (Math.abs(g - period) <= oneTol * period + slack) {
        fit.push(g);
        one++;
      } else if (k >= 2 && k <= 4 && Math.abs(g - k * period) <= multiTol * period + slack) fit.push(g / k);
      else if (g >= pauseBeats * period) pauses++;
    }
    return { fit, one, pauses: pauses <= maxPause * gaps.length ? pauses : 0 };
  };
  let unit: number[] = [];
  let singles = 0;
  let slept = 0;
  for (const q of [0.5, 0.25, 0.1]) {
    let { fit, one, pauses } = fitTo(sorted[Math.floor(q * (sorted.length - 1))]!);
    // re-centre on the fitted beats' mean: skipped beats (2-4 periods) are judged against the true period
    const again = fit.length ? fitTo(fit.reduce((a, b) => a + b, 0) / fit.length) : null;
    if (again && again.fit.length > fit.length) ({ fit, one, pauses } = again);
    if (fit.length > unit.length) {
      unit = fit;
      singles = one;
      slept = pauses;
    }
  }
  const counted = gaps.length - slept;
  const regular = unit.length / counted;
  if (counted < minEvents || regular < minShare || singles < counted / 2 || unit.length === 0) return null;
  const mean = unit.reduce((a, b) => a + b, 0) / unit.length;
  const rounding = res && mean >= 2 * res ? (res * res) / 6 : 0;
  const sd = Math.sqrt(Math.max(0, unit.reduce((a, b) => a + (b - mean) * (b - mean), 0) / unit.length - rounding));
  // A loose rhythm (over half maxJitter) needs most gaps to be single beats (beaconing.minSingleShare):
  // a dozen random visits fit a period within ±45 % and its multiples by chance, with a third to a
  // half of them single. A tight timer that missed many beats (a cron job in a sampled log) keeps
  // its multiples within a few per cent, which chance does not.
  if (sd > (maxJ / 2) * mean && singles < minSingle * counted) return null;
  const slack = res && mean >= 2 * res ? res / mean : 0;
  return { n: gaps.length, mean, sd, regular, pauses: slept, chance: chanceOfRhythm(gaps, mean, pauseBeats, oneTol + slack, multiTol + slack), ...(rounding ? { resolutionMs: res } : {}) };
}

/**
 * How likely contacts at random would fit the period `period` as well as these gaps do: the
 * binomial tail of the gaps that fit, each fitting with the probability a gap of a Poisson process
 * with the same mean gap has of landing in the windows the fitting gaps actually used (one beat
 * within the largest deviation seen, two to four beats within theirs). A timer keeps its gaps in
 * narrow windows, so the chance is minute; twenty random visits fit a loose period and its multiples
 * by the width of those windows alone, and their chance stays large. Sleeps are left out, as above.
 */
export function chanceOfRhythm(gaps: readonly number[], period: number, pauseBeats: number, oneTol: number, multiTol: number): number {
  let n = 0;
  let fit = 0;
  let sum = 0;
  let devOne = 0;
  let devMulti = 0;
  for (const g of gaps) {
    if (g >= pauseBeats * period) continue;
    n++;
    sum += g;
    const k = Math.max(1, Math.round(g / period));
    const d = Math.abs(g - k * period) / period;
    if (k === 1 && d <= oneTol) {
      fit++;
      devOne = Math.max(devOne, d);
    } else if (k >= 2 && k <= 4 && d <= multiTol) {
      fit++;
      devMulti = Math.max(devMulti, d);
    }
  }
  if (n === 0 || fit === 0) return 1;
  // a window no narrower than 2 % of the period: clocks and log timestamps are that coarse
  const w1 = Math.max(devOne, 0.02);
  const wm = Math.max(devMulti, 0.02);
  const rate = n / sum;
  const cdf = (x: number): number => 1 - Math.exp(-rate * Math.max(0, x));
  let p = cdf((1 + w1) * period) - cdf((1 - w1) * period);
  if (devMulti > 0) for (let k = 2; k <= 4; k++) p += cdf((k + wm) * period) - cdf((k - wm) * period);
  return binomialTail(n, fit, Math.min(1, p));
}

/** P(X >= x) for X ~ Binomial(n, p), summed in log space (n is a few thousand at most). */
export function binomialTail(n: number, x: number, p: number): number {
  if (x <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // log C(n, x) p^x (1-p)^(n-x), then the terms above it by their ratio
  let log = 0;
  for (let i = 0; i < x; i++) log += Math.log(n - i) - Math.log(i + 1);
  log += x * Math.log(p) + (n - x) * Math.log1p(-p);
  let term = Math.exp(log);
  let tail = term;
  for (let k = x; k < n; k++) {
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
    tail += term;
    if (term < tail * 1e-17) break;
  }
  return Math.min(1, tail);
}

const MINUTE = 60_000;

/**
 * One contact of a source with a destination (flows) or a path (web) for the beaconing judgement:
 * its time, bytes and source port, and the running sums of its intervals of at least `minGap` ms.
 */
export function beaconContact(m: Map<string | number, BeaconAcc | number>, e: LiveEvent, ts: number, minGap: number, pk = e.dst_ip ? 0 : pathKey(e.path!)): void {
  // a path contacted once (most are) keeps no string; its text is kept from the second contact
  const k = e.dst_ip ? (e.dst_port == null ? e.dst_ip : `${e.dst_ip}|${e.dst_port}`) : pk;
  const b = m.get(k);
  if (b === undefined) {
    // most pairs are contacted once: keep just the time until a second contact
    m.set(k, ts);
    return;
  }
  if (typeof b === 'number') {
    const first = Math.min(b, ts);
    const acc: BeaconAcc = { dst: e.dst_ip ?? e.path!, port: e.dst_ip ? (e.dst_port ?? null) : null, kind: e.dst_ip ? 'flow' : 'web', ts: [b, ts], n: 0, sum: 0, sq: 0, first, last: Math.max(b, ts), prev: ts, unordered: ts < b, agent: e.user_agent ?? null, bytes: e.bytes ?? 0, sport: e.src_port ?? -1, sameSport: 1, prevDur: e.duration != null ? e.duration * 1000 : -1, spanned: 0 };
    interval(acc, ts - b, minGap);
    m.set(k, acc);
    return;
  }
  b.ts.push(ts);
  b.bytes += e.bytes ?? 0;
  if (e.src_port === b.sport) b.sameSport++;
  // a record starting when the previous one ended (within a fifth of the gap): one exchange the exporter cut at its active timeout
  if (b.prevDur >= 0 && ts >= b.prev && b.prevDur >= 0.8 * (ts - b.prev)) b.spanned++;
  if (ts < b.prev) b.unordered = true;
  else interval(b, ts - b.prev, minGap);
  b.prev = ts;
  b.prevDur = e.duration != null ? e.duration * 1000 : -1;
  if (ts < b.first) b.first = ts;
  if (ts > b.last) b.last = ts;
}

function interval(b: BeaconAcc, dt: number, minGap: number): void {
  if (dt < minGap) return;
  b.n++;
  b.sum += dt;
  b.sq += dt * dt;
}
