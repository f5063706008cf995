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

/**
 * A source's payload hits with each request that both a WAF's log and another log hold merged
 * into one: the WAF's row (its verdict, its transaction) carrying the other log's status, and
 * `twin` the other row's id. Hits already merged stay as they are; called again as rows arrive.
 */
export function foldTwins(hits: PayloadHit[], windowMs: number): PayloadHit[] {
  const open = hits.filter((h) => h.twin === undefined && h.req !== undefined && h.ts != null);
  const web = open.filter((h) => !h.waf);
  if (!web.length || web.length === open.length) return hits;
  const byReq = new Map<string, PayloadHit[]>();
  for (const h of web) {
    const k = h.req!.slice(0, h.req!.lastIndexOf('\u0000'));
    const l = byReq.get(k);
    if (l) l.push(h);
    else byReq.set(k, [h]);
  }
  const gone = new Set<PayloadHit>();
  for (const w of open) {
    if (!w.waf) continue;
    const l = byReq.get(w.req!.slice(0, w.req!.lastIndexOf('\u0000')));
    if (!l) continue;
    // the closest in time of the other log's rows for this request, not yet paired
    let best: PayloadHit | null = null;
    for (const h of l) {
      if (gone.has(h) || !sameRequest(h.req!, w.req!)) continue;
      const d = Math.abs(h.ts! - w.ts!);
      if (d <= windowMs && (best === null || d < Math.abs(best.ts! - w.ts!))) best = h;
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
