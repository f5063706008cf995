// Enumeration of object ids: one client walking /api/users/10000, /10001, /10002 … (an insecure
// direct object reference, IDOR) or /export?page=1, 2, 3 … to the end. The fold follows, per source,
// a few URL templates (numeric path segments and numeric query values as `#`) and the run of
// requests on each whose one changing number moved by a small step; the longest run is kept.
// Constant memory per source; the scanners detector reads the result.

/** URL templates followed at once per source (a client interleaves a page, its API calls, assets). */
const TRACKS = 4;
const YEAR_S = 365 * 86_400;

export interface EnumRun {
  /** the URL with its numeric segments and values as `#` */
  template: string;
  /** requests that moved the id by a small step, and of them answered 2xx */
  steps: number;
  /** requests in the run for the id asked for just before (a poller waiting for news asks again) */
  repeats: number;
  ok: number;
  /** lowest and highest id of the run */
  lo: number;
  hi: number;
  first: number | null;
  last: number | null;
}
interface Track extends EnumRun { ids: number[] }
export interface EnumAcc { tracks: Track[]; best: EnumRun | null }

const NUMERIC = /(?<=\/)\d{1,12}(?=[/?]|$)|(?<==)\d{1,12}(?=&|;|$)/g;
/** the same, to skip the many URLs without one cheaply (asset names with hashes, dated pages) */
const HAS_NUMERIC = /\/\d{1,12}(?:[/?]|$)|=\d{1,12}(?:[&;]|$)/;

/**
 * One more request of a source. `step`: the largest move between two ids of one run (a threaded
 * enumerator answers a little out of order). A number that follows the clock (epoch seconds or
 * milliseconds within a year of the request: `?updated_since=…`) is a poller's cursor, not an id.
 */
export function enumRequest(acc: EnumAcc, url: string, status: number | null, ts: number | null, step: number): void {
  if (!HAS_NUMERIC.test(url)) return;
  const ids: number[] = [];
  const template = url.replace(NUMERIC, (d) => (ids.push(Number(d)), '#'));
  if (!ids.length) return;
  const t = acc.tracks.findIndex((x) => x.template === template);
  const ok = status != null && status >= 200 && status < 300 ? 1 : 0;
  const fresh = (): Track => ({ template, ids, steps: 0, repeats: 0, ok: 0, lo: ids[0]!, hi: ids[0]!, first: ts, last: ts });
  if (t < 0) {
    acc.tracks.unshift(fresh());
    if (acc.tracks.length > TRACKS) keep(acc, acc.tracks.pop()!);
    return;
  }
  const k = acc.tracks[t]!;
  if (t > 0) acc.tracks.unshift(...acc.tracks.splice(t, 1));
  let moved = -1;
  for (let i = 0; i < ids.length; i++) if (ids[i] !== k.ids[i]) moved = moved === -1 ? i : -2;
  if (moved === -1) {
    k.repeats++; // the same object again
    return;
  }
  const id = ids[moved] ?? NaN;
  const d = id - k.ids[moved]!;
  const clock = ts != null && (Math.abs(id - ts / 1000) < YEAR_S || Math.abs(id - ts) < YEAR_S * 1000);
  if (moved >= 0 && !clock && Math.abs(d) <= step) {
    k.ids = ids;
    k.steps++;
    k.ok += ok;
    k.lo = Math.min(k.lo, id);
    k.hi = Math.max(k.hi, id);
    k.last = ts ?? k.last;
    return;
  }
  keep(acc, k);
  acc.tracks[0] = fresh();
}

function keep(acc: EnumAcc, r: EnumRun): void {
  if (r.steps > (acc.best?.steps ?? 0)) acc.best = { template: r.template, steps: r.steps, repeats: r.repeats, ok: r.ok, lo: r.lo, hi: r.hi, first: r.first, last: r.last };
}

/** The longest run of the source so far (finished or not), if it reached `min` steps. */
export function enumBest(acc: EnumAcc, min: number): EnumRun | null {
  let best = acc.best;
  for (const k of acc.tracks) if (k.steps > (best?.steps ?? 0)) best = k;
  return best && best.steps >= min ? { template: best.template, steps: best.steps, repeats: best.repeats, ok: best.ok, lo: best.lo, hi: best.hi, first: best.first, last: best.last } : null;
}
