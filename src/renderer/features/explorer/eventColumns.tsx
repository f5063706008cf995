// Event table columns shared by the explorer and finding evidence: every cell is SafeText,
// times are shown in the display zone (per source when "each source's own zone" is chosen).
import type { EventRow } from '../../../shared/columns';
import { formatBytes, formatCount } from '../../../shared/format';
import { SafeText } from '../../components/SafeText';
import type { VtColumn } from '../../components/VirtualTable';
import { SORTABLE_COLUMNS } from '../../../shared/api';

type Key = keyof EventRow;

interface ColSpec {
  key: Key;
  label: string;
  width: string;
  /** 'code': a number that names something (port, status), never written with separators */
  kind: 'text' | 'count' | 'code' | 'bytes' | 'time' | 'mono';
}

const SPECS: ColSpec[] = [
  { key: 'ts', label: 'Time', width: '190px', kind: 'time' },
  { key: 'src_ip', label: 'Source', width: '130px', kind: 'mono' },
  { key: 'src_port', label: 'Sport', width: '64px', kind: 'code' },
  { key: 'dst_ip', label: 'Destination', width: '130px', kind: 'mono' },
  { key: 'dst_port', label: 'Dport', width: '64px', kind: 'code' },
  { key: 'proto', label: 'Proto', width: '60px', kind: 'text' },
  { key: 'user', label: 'User', width: '100px', kind: 'text' },
  { key: 'action', label: 'Action', width: '110px', kind: 'text' },
  { key: 'program', label: 'Program', width: '90px', kind: 'text' },
  { key: 'method', label: 'Method', width: '70px', kind: 'text' },
  { key: 'host', label: 'Host', width: '130px', kind: 'text' },
  { key: 'path', label: 'Path', width: 'minmax(180px, 2fr)', kind: 'mono' },
  { key: 'query', label: 'Query', width: 'minmax(120px, 1fr)', kind: 'mono' },
  { key: 'status', label: 'Status', width: '60px', kind: 'code' },
  { key: 'bytes', label: 'Bytes', width: '80px', kind: 'bytes' },
  { key: 'packets', label: 'Pkts', width: '64px', kind: 'count' },
  { key: 'duration', label: 'Dur (s)', width: '70px', kind: 'count' },
  { key: 'flags', label: 'Flags', width: '70px', kind: 'mono' },
  { key: 'message', label: 'Message', width: 'minmax(260px, 3fr)', kind: 'text' },
  { key: 'user_agent', label: 'User agent', width: 'minmax(160px, 1fr)', kind: 'text' },
  { key: 'referrer', label: 'Referrer', width: 'minmax(120px, 1fr)', kind: 'text' },
  { key: 'label', label: 'Label', width: '80px', kind: 'text' },
  { key: 'category', label: 'Category', width: '100px', kind: 'text' },
];

const SORTABLE = new Set<string>(SORTABLE_COLUMNS);

/** What kind of log rows are, by the columns they fill: the same rule for every format, known or mapped. */
export type RowKind = 'waf' | 'web' | 'alert' | 'flow' | 'log';

const has = (r: EventRow, k: Key): boolean => r[k] != null && r[k] !== '';

export function rowKind(r: EventRow): RowKind {
  const web = has(r, 'path') || has(r, 'method') || has(r, 'status');
  // a WAF or IDS verdict on a request: the rule's message (and its category or action) beside the request
  if (web) return has(r, 'message') && (has(r, 'category') || has(r, 'action')) ? 'waf' : 'web';
  if (has(r, 'dst_port') || has(r, 'proto') || has(r, 'dst_ip')) return has(r, 'message') && has(r, 'category') ? 'alert' : 'flow';
  return 'log';
}

/**
 * Columns a responder reads first, per kind: when, who, then what happened (the request, the
 * rule that fired, the login's user and outcome), then its result. Every other column follows in
 * the usual order, so nothing is hidden; a WAF's rule message no longer sits off screen at the right.
 */
const FIRST: Readonly<Record<RowKind, readonly Key[]>> = {
  waf: ['ts', 'src_ip', 'message', 'action', 'status', 'method', 'path', 'query', 'host', 'category'],
  web: ['ts', 'src_ip', 'method', 'path', 'status', 'query', 'bytes', 'host'],
  alert: ['ts', 'src_ip', 'message', 'category', 'action', 'dst_ip', 'dst_port', 'proto'],
  flow: ['ts', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto', 'action', 'bytes', 'packets', 'duration'],
  log: ['ts', 'src_ip', 'user', 'action', 'message', 'program', 'host'],
};

/**
 * The kind most of the rows are (ties go to the earlier kind in FIRST's order). A request in a
 * source where some request carries a rule's verdict is a WAF's row, even one no rule matched (a
 * WAF logs every request it passes too), and likewise a flow in a source of IDS alerts.
 */
export function dominantKind(rows: readonly EventRow[]): RowKind {
  const kinds = rows.map(rowKind);
  const verdictSources = new Set<number>();
  rows.forEach((r, i) => {
    if (kinds[i] === 'waf' || kinds[i] === 'alert') verdictSources.add(r.source_id);
  });
  const n = new Map<RowKind, number>();
  rows.forEach((r, i) => {
    let k = kinds[i]!;
    if (verdictSources.has(r.source_id)) k = k === 'web' ? 'waf' : k === 'flow' ? 'alert' : k;
    n.set(k, (n.get(k) ?? 0) + 1);
  });
  let best: RowKind = 'log';
  let bestN = 0;
  for (const k of Object.keys(FIRST) as RowKind[]) {
    const c = n.get(k) ?? 0;
    if (c > bestN) [best, bestN] = [k, c];
  }
  return best;
}

export function eventColumns(rows: readonly EventRow[], fmtTime: (ms: number | null, sourceId?: number | null) => string, always: readonly Key[] = ['ts', 'src_ip']): VtColumn<EventRow>[] {
  const present = SPECS.filter((s) => always.includes(s.key) || rows.some((r) => r[s.key] != null && r[s.key] !== ''));
  const first = FIRST[dominantKind(rows)];
  const rank = (k: Key): number => {
    const i = first.indexOf(k);
    return i < 0 ? first.length : i;
  };
  // a stable sort: the kind's first columns in its order, the rest in SPECS order
  const ordered = present.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s.key) - rank(b.s.key) || a.i - b.i).map((x) => x.s);
  return ordered.map((s) => ({
    key: s.key,
    label: s.label,
    width: s.width,
    sortable: SORTABLE.has(s.key),
    align: s.kind === 'count' || s.kind === 'code' || s.kind === 'bytes' ? 'right' : undefined,
    render: (r: EventRow) => {
      const v = r[s.key];
      switch (s.kind) {
        case 'time':
          return <span title={r.ts_text ?? undefined}>{fmtTime(typeof v === 'number' ? v : null, r.source_id)}</span>;
        case 'count':
          return typeof v === 'number' ? formatCount(v) : <span className="muted">—</span>;
        case 'code':
          return typeof v === 'number' ? String(v) : <span className="muted">—</span>;
        case 'bytes':
          return typeof v === 'number' ? formatBytes(v) : <span className="muted">—</span>;
        case 'mono':
          return <SafeText value={v as string | number | null} max={400} className="mono" />;
        default:
          return <SafeText value={v as string | number | null} max={400} />;
      }
    },
  }));
}

/**
 * Evidence columns for a narrow pane: the time first, then columns whose value changes from row
 * to row (the path, the port, the status), then those that hold one value throughout (the
 * finding's own IP, 'GET', 'root'), which say nothing new on each row. Order is kept otherwise.
 */
export function varyingFirst(cols: readonly VtColumn<EventRow>[], rows: readonly EventRow[]): VtColumn<EventRow>[] {
  const constant = (key: string): boolean => {
    if (key === 'ts' || rows.length < 2) return false;
    const first = rows[0][key as Key];
    return rows.every((r) => r[key as Key] === first);
  };
  return [...cols.filter((c) => !constant(c.key)), ...cols.filter((c) => constant(c.key))];
}

/** Every field of one event, for the detail panel (nulls left out). */
export function eventFields(r: EventRow): { key: string; value: string | number }[] {
  const out: { key: string; value: string | number }[] = [];
  for (const [k, v] of Object.entries(r)) if (v != null && v !== '') out.push({ key: k, value: v as string | number });
  return out;
}

/**
 * The source's own fields that have no column (the `extra` JSON: a Windows event's EventId and
 * Computer, a WAF rule's id and transaction), one per row, so the useful one is read, not dug out
 * of a JSON blob. Nested values stay JSON; empty ones are left out. Null when `extra` is not a
 * JSON object, so the caller shows it as it is.
 */
export function extraFields(extra: string | null | undefined, limit = 80): { key: string; value: string | number }[] | null {
  if (!extra) return null;
  let o: unknown;
  try {
    o = JSON.parse(extra);
  } catch {
    return null;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null;
  const out: { key: string; value: string | number }[] = [];
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (v == null || v === '') continue;
    if (out.length >= limit) return null;
    out.push({ key: k, value: typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v) });
  }
  return out;
}
