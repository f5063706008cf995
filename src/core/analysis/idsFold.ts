// An IDS alert folded into its source's state: the alert's identity comes out of `extra` as the
// JSON cells of IDS_COLUMN (eventKind.ts); alerts are kept per signature, capped, for idsAlerts.
// A WAF's rule matches are tied to their transaction's block (see WafTxn).
import type { LiveEvent } from './eventKind';
import type { PayloadHit } from './types';
import { IDS_DSTS, IDS_ROWS, IDS_SIGNATURES, maxTs, minTs, WAF_TXNS, type IdsAcc, type SrcState } from './foldState';

/**
 * One more rule match of a WAF transaction: a match in a transaction the WAF blocked counts as
 * blocked, whichever line came first, and so does the attack payload its row carried (`hit`).
 */
function wafTransaction(s: SrcState, txn: string, a: IdsAcc, blocks: boolean, hit: PayloadHit | null): boolean {
  const map = (s.wafTxn ??= new Map());
  let t = map.get(txn);
  if (!t) {
    if (map.size >= WAF_TXNS) map.delete(map.keys().next().value!);
    map.set(txn, (t = { blocked: false, accs: [], hits: [], hit: false }));
  }
  if (blocks && !t.blocked) {
    t.blocked = true;
    for (const x of t.accs) x.blocked++;
    for (const h of t.hits) h.blocked = true;
    t.accs = [];
    t.hits = [];
  }
  if (hit) {
    // one request, one payload: a WAF writes a row per rule it matched (Azure, ModSecurity's lines)
    if (t.hit) {
      if (s.payloads?.[s.payloads.length - 1] === hit) s.payloads.pop();
    } else {
      t.hit = true;
      if (t.blocked) hit.blocked = true;
      else t.hits.push(hit);
    }
  }
  if (t.blocked) return true;
  t.accs.push(a);
  return false;
}

/** An IDS cell (IDS_COLUMN) that names a WAF: the row is a web application firewall's, not a web server's. */
export function wafRow(ids: string): boolean {
  try {
    const cells = JSON.parse(ids) as unknown;
    return Array.isArray(cells) && typeof cells[4] === 'string' && cells[4] !== '';
  } catch {
    return false;
  }
}

export function addIdsAlert(s: SrcState, e: LiveEvent, ts: number | null, hit: PayloadHit | null = null): void {
  let cells: unknown;
  try {
    cells = JSON.parse(e.ids!);
  } catch {
    return;
  }
  if (!Array.isArray(cells) || cells[0] == null) return;
  // Snort 3 names the rule gid:sid:rev; fast.log and eve.json give the sid alone
  const sid = String(cells[0]).replace(/^\d+:(\d+):\d+$/, '$1');
  const signature = cells[2] != null && String(cells[2]).trim() ? String(cells[2]).slice(0, 300) : `rule ${sid}`;
  const p = cells[1] == null ? NaN : Number(cells[1]);
  const priority = Number.isFinite(p) && p > 0 ? p : null;
  const waf = cells[4] == null ? null : String(cells[4]);
  // the row is a WAF's (wafRow), and so is the payload it carried (twins.ts pairs it with the web server's row)
  if (hit && typeof cells[4] === 'string' && cells[4] !== '') hit.waf = true;
  const map = (s.ids ??= new Map());
  const k = `${sid}\u0000${signature}`;
  let a = map.get(k);
  if (!a) {
    if (map.size >= IDS_SIGNATURES) return;
    map.set(k, (a = { sid, signature, priority, category: cells[3] == null ? null : String(cells[3]), waf, matched: null, alerts: 0, blocked: 0, dsts: new Set(), ports: new Set(), ids: [], first: null, last: null }));
  }
  a.alerts++;
  // a WAF's matched data (ModSecurity [data]): the first shown, as an example of what set the rule off
  if (a.matched === null && typeof cells[6] === 'string' && cells[6] !== '') a.matched = cells[6];
  const txn = waf !== null && cells[5] != null ? String(cells[5]) : null;
  if (txn !== null ? wafTransaction(s, txn, a, e.action === 'reject', hit) : e.action === 'reject') a.blocked++;
  if (priority !== null && (a.priority === null || priority < a.priority)) a.priority = priority;
  if (e.dst_ip && a.dsts.size < IDS_DSTS) a.dsts.add(e.dst_ip);
  if (e.dst_port != null && a.ports.size < IDS_DSTS) a.ports.add(e.dst_port);
  if (a.ids.length < IDS_ROWS) a.ids.push(e.id);
  a.first = minTs(a.first, ts);
  a.last = maxTs(a.last, ts);
}
