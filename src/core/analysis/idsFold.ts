// An IDS alert folded into its source's state: the alert's identity comes out of `extra` as the
// JSON cells of IDS_COLUMN (eventKind.ts); alerts are kept per signature, capped, for idsAlerts.
import type { LiveEvent } from './eventKind';
import { IDS_DSTS, IDS_ROWS, IDS_SIGNATURES, maxTs, minTs, type SrcState } from './foldState';

export function addIdsAlert(s: SrcState, e: LiveEvent, ts: number | null): void {
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
  const map = (s.ids ??= new Map());
  const k = `${sid}\u0000${signature}`;
  let a = map.get(k);
  if (!a) {
    if (map.size >= IDS_SIGNATURES) return;
    map.set(k, (a = { sid, signature, priority, category: cells[3] == null ? null : String(cells[3]), alerts: 0, blocked: 0, dsts: new Set(), ports: new Set(), ids: [], first: null, last: null }));
  }
  a.alerts++;
  if (e.action === 'reject') a.blocked++;
  if (priority !== null && (a.priority === null || priority < a.priority)) a.priority = priority;
  if (e.dst_ip && a.dsts.size < IDS_DSTS) a.dsts.add(e.dst_ip);
  if (e.dst_port != null && a.ports.size < IDS_DSTS) a.ports.add(e.dst_port);
  if (a.ids.length < IDS_ROWS) a.ids.push(e.id);
  a.first = minTs(a.first, ts);
  a.last = maxTs(a.last, ts);
}
