// One request, two logs: a WAF in front of a web server logs the request it inspected, and the
// server logs it again when it answers (ModSecurity inside Apache, AWS WAF before an ALB, Azure's
// WAF before its backends). Counted once: the same client, the same request (path and decoded
// payload; the method when both logs have one) within a few seconds, once in a WAF's log and once
// in a log of another kind. Two web servers' access logs (behind a balancer) never pair: each
// request is in one of them. Only payload hits are kept and compared, never plain requests.
import type { PayloadHit } from './types';

/** What identifies a request across logs that spell it differently: payload, decoded path, method. */
export function requestKey(method: string | null | undefined, path: string | null | undefined, fragment: string): string {
  let p = path ?? '';
  try {
    p = decodeURIComponent(p);
  } catch {
    // a stray % is kept as written
  }
  return `${fragment}\u0000${p.toLowerCase()}\u0000${method ? method.toUpperCase() : ''}`;
}

/** Same request text, and the same method unless one log has none (Azure's firewall rows do not). */
function sameRequest(a: string, b: string): boolean {
  if (a === b) return true;
  const i = a.lastIndexOf('\u0000');
  const j = b.lastIndexOf('\u0000');
  return a.slice(0, i) === b.slice(0, j) && (i === a.length - 1 || j === b.length - 1);
}

/** The request without its method: what the rows of one request share in every log. */
const textOf = (req: string): string => req.slice(0, req.lastIndexOf('\u0000'));

/**
 * The other log's rows a WAF row may be paired with, looked at from the first that may still pair.
 * A bound, because one client can repeat one request tens of thousands of times within seconds (an
 * exploit in a loop): comparing every WAF row with every row of the same request was quadratic.
 */
const TWIN_CANDIDATES = 64;

/**
 * A source's payload hits with each request that both a WAF's log and another log hold merged
 * into one: the WAF's row (its verdict, its transaction) carrying the other log's status, and
 * `twin` the other row's id. Hits already merged stay as they are; called again as rows arrive.
 * WAF rows are taken in time order, each paired with the closest unpaired row of the same request
 * within the window among the next TWIN_CANDIDATES; rows older than a WAF row's window are older
 * than every later WAF row's too, so each request's list is walked once.
 */
export function foldTwins(hits: PayloadHit[], windowMs: number): PayloadHit[] {
  const open = hits.filter((h) => h.twin === undefined && h.req !== undefined && h.ts != null);
  const wafs = open.filter((h) => h.waf);
  if (!wafs.length || wafs.length === open.length) return hits;
  const byReq = new Map<string, { rows: PayloadHit[]; from: number }>();
  for (const h of open) {
    if (h.waf) continue;
    const k = textOf(h.req!);
    const l = byReq.get(k);
    if (l) l.rows.push(h);
    else byReq.set(k, { rows: [h], from: 0 });
  }
  for (const l of byReq.values()) l.rows.sort((a, b) => a.ts! - b.ts!);
  wafs.sort((a, b) => a.ts! - b.ts!);
  const gone = new Set<PayloadHit>();
  for (const w of wafs) {
    const l = byReq.get(textOf(w.req!));
    if (!l) continue;
    const rows = l.rows;
    const ts = w.ts!;
    while (l.from < rows.length && (gone.has(rows[l.from]!) || rows[l.from]!.ts! < ts - windowMs)) l.from++;
    // the closest in time of the other log's rows for this request, not yet paired
    let best: PayloadHit | null = null;
    for (let j = l.from; j < rows.length && j < l.from + TWIN_CANDIDATES && rows[j]!.ts! <= ts + windowMs; j++) {
      const h = rows[j]!;
      if (gone.has(h) || !sameRequest(h.req!, w.req!)) continue;
      if (best === null || Math.abs(h.ts! - ts) < Math.abs(best.ts! - ts)) best = h;
    }
    if (!best) continue;
    gone.add(best);
    w.twin = best.id;
    // the server's answer says what got through; the WAF's row may have none (Azure, AWS)
    if (best.status != null) w.status = best.status;
    if (best.header && !w.header) w.header = best.header;
    w.ordinary = w.ordinary && best.ordinary;
  }
  return gone.size ? hits.filter((h) => !gone.has(h)) : hits;
}
