// Column filters -> query-language clauses, so the filter inputs and the search box compose
// into one query the engine compiles (values with spaces are quoted; quotes are dropped).
export const FILTER_FIELDS = [
  { field: 'src_ip', label: 'Source', placeholder: '10.0.0.0/8', width: 120 },
  { field: 'dst_ip', label: 'Dest', placeholder: '1.2.3.4', width: 110 },
  { field: 'dst_port', label: 'Dport', placeholder: '22,3389', width: 80 },
  { field: 'status', label: 'Status', placeholder: '>=400', width: 70 },
  { field: 'method', label: 'Method', placeholder: 'POST', width: 70 },
  { field: 'path', label: 'Path', placeholder: '*login*', width: 140 },
  { field: 'user', label: 'User', placeholder: 'root', width: 90 },
] as const;

export type FilterField = (typeof FILTER_FIELDS)[number]['field'];
export type ColumnFilters = Partial<Record<FilterField, string>>;

export function clauseFor(field: string, value: string): string | null {
  const v = value.trim().replace(/"/g, '');
  if (!v) return null;
  const negate = v.startsWith('-') && field !== 'status' ? '-' : '';
  const body = negate ? v.slice(1) : v;
  return /\s/.test(body) ? `${negate}${field}:"${body}"` : `${negate}${field}:${body}`;
}

export function composeQuery(search: string, filters: ColumnFilters): string {
  const parts = [search.trim()];
  for (const f of FILTER_FIELDS) {
    const c = clauseFor(f.field, filters[f.field] ?? '');
    if (c) parts.push(c);
  }
  return parts.filter(Boolean).join(' ');
}
