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

/**
 * The URL with each id as `#`, its ids pushed to `ids`; null when it holds none. An id is a run of 1
 * to 12 digits that is a whole path segment (after `/`, before `/`, `?` or the end) or a whole query
 * value (after `=`, before `&`, `;` or the end), as
 * `/(?<=\/)\d{1,12}(?=[/?]|$)|(?<==)\d{1,12}(?=&|;|$)/g` reads them: one pass over the characters,
 * which cost a third of what that replace with a callback did on every web row with a digit.
 */
export function urlTemplate(url: string, ids: number[]): string | null {
  let out = '';
  let last = 0;
  const n = url.length;
  for (let i = 0; i < n; i++) {
    const c = url.charCodeAt(i);
    if (c !== 47 && c !== 61) continue;
    let j = i + 1;
    while (j < n && j - i <= 13) {
      const d = url.charCodeAt(j);
      if (d < 48 || d > 57) break;
      j++;
    }
    const len = j - i - 1;
    if (len < 1 || len > 12) continue;
    const next = j < n ? url.charCodeAt(j) : -1;
    if (c === 47 ? next !== -1 && next !== 47 && next !== 63 : next !== -1 && next !== 38 && next !== 59) continue;
    ids.push(Number(url.slice(i + 1, j)));
    out += `${url.slice(last, i + 1)}#`;
    last = j;
    i = j - 1;
  }
  return ids.length ? out + url.slice(last) : null;
}

/**
 * One more request of a source. `step`: the largest move between two ids of one run (a threaded
 * enumerator answers a little out of order). A number that follows the clock (epoch seconds or
 * milliseconds within a year of the request: `?updated_since=…`) is a poller's cursor, not an id.
 */
export function enumRequest(acc: EnumAcc, url: string, status: number | null, ts: number | null, step: number): void {
  const ids: number[] = [];
  const template = urlTemplate(url, ids);
  if (template === null) return;
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
