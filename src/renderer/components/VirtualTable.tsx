// A virtualized table (@tanstack/react-virtual) for lists that can hold millions of rows:
// only visible rows are in the DOM; `onNearEnd` asks the owner for the next keyset page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VtColumn<T> {
  key: string;
  label: string;
  /** CSS grid track, e.g. '180px' or 'minmax(200px, 1fr)' */
  width: string;
  render: (row: T) => ReactNode;
  sortable?: boolean;
  align?: 'right';
}

export interface VirtualTableProps<T> {
  columns: readonly VtColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowHeight?: number;
  height?: number | string;
  selected?: number | null;
  onSelect?: (index: number) => void;
  onActivate?: (index: number) => void;
  onNearEnd?: () => void;
  sort?: { key: string; dir: 'asc' | 'desc' } | null;
  onSort?: (key: string) => void;
  testId?: string;
  footer?: ReactNode;
  empty?: ReactNode;
  /** extra header row (column filters) aligned with the columns */
  filterRow?: ReactNode;
  /** changes when `rows` is a new result (another query, sort or finding), not a further page: back to the top */
  resultKey?: string | number;
}

/**
 * A header's tooltip: its label, how it is sorted, and on a sortable table whether a click sorts
 * by it (a column the case has no index for cannot be: a click on it did nothing, silently).
 */
export function headerTitle(label: string, sorted: 'asc' | 'desc' | null, tableSorts: boolean, columnSorts: boolean): string {
  if (sorted) return `${label} (sorted ${sorted === 'asc' ? 'ascending' : 'descending'})`;
  if (!tableSorts) return label;
  return columnSorts ? `${label} (click to sort)` : `${label} (not sortable: filter by it instead)`;
}

export function VirtualTable<T>({ columns, rows, rowKey, rowHeight = 30, height = 480, selected, onSelect, onActivate, onNearEnd, sort, onSort, testId, footer, empty, filterRow, resultKey }: VirtualTableProps<T>) {
  const parentRef = useRef<HTMLDivElement>(null);
  // the sticky header (and filter row) sit above the rows inside the scroll box: scrolling a row
  // into view at the bottom must count them, or a finding opened from elsewhere stays hidden
  // just under the table's lower edge
  const rowsRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    const h = rowsRef.current?.offsetTop ?? 0;
    if (h !== headHeight) setHeadHeight(h);
  }, [headHeight, rows.length, columns.length, filterRow]);
  const v = useVirtualizer({ count: rows.length, getScrollElement: () => parentRef.current, estimateSize: () => rowHeight, overscan: 12, scrollPaddingEnd: headHeight });
  const items = v.getVirtualItems();
  const grid = columns.map((c) => c.width).join(' ');
  // wide tables scroll sideways instead of squeezing columns into illegibility
  const minWidth = minGridWidth(columns.map((c) => c.width));
  const last = items.length ? items[items.length - 1].index : -1;

  // a new result keeps no scroll position from the last one: 146 matches shown from the 120th on
  // looked like a list that starts at 20:27 (the first rows were above, out of sight)
  useLayoutEffect(() => {
    if (parentRef.current) parentRef.current.scrollTop = 0;
  }, [resultKey]);

  useEffect(() => {
    if (onNearEnd && rows.length > 0 && last >= rows.length - 40) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  useEffect(() => {
    if (selected != null && selected >= 0 && selected < rows.length) v.scrollToIndex(selected, { align: 'auto' });
  }, [selected, rows.length, v]);

  // the focused table answers the keys a list box does, so evidence can be read without a mouse
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey || !rows.length) return;
    if (e.key === 'Enter') {
      if (selected == null || !onActivate) return;
      e.preventDefault();
      e.stopPropagation();
      onActivate(selected);
      return;
    }
    if (!onSelect) return;
    const page = Math.max(1, Math.floor((parentRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const next = nextIndex(e.key, selected ?? null, rows.length, page);
    if (next == null) return;
    e.preventDefault();
    e.stopPropagation();
    onSelect(next);
  };

  return (
    <div className="vt" data-testid={testId} style={{ height }}>
      <div className="vt-body" ref={parentRef} role="rowgroup" tabIndex={0} onKeyDown={onKeyDown}>
        <div className="vt-head" style={{ gridTemplateColumns: grid, minWidth }} role="row">
          {columns.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              title={headerTitle(c.label, sort?.key === c.key ? sort.dir : null, !!onSort, !!c.sortable)}
              className={`${c.sortable ? 'sortable' : ''} ${sort?.key === c.key ? 'sorted' : ''} ${c.align === 'right' ? 'num' : ''}`}
              onClick={c.sortable && onSort ? () => onSort(c.key) : undefined}
              tabIndex={c.sortable && onSort ? 0 : undefined}
              onKeyDown={
                c.sortable && onSort
                  ? (e) => {
                      if (e.key !== 'Enter' && e.key !== ' ') return;
                      e.preventDefault();
                      e.stopPropagation();
                      onSort(c.key);
                    }
                  : undefined
              }
              aria-sort={sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.label}
              {sort?.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
            </div>
          ))}
        </div>
        {filterRow ? (
          <div className="vt-head" style={{ gridTemplateColumns: grid, minWidth }}>
            {filterRow}
          </div>
        ) : null}
        {rows.length === 0 && empty ? empty : null}
        <div ref={rowsRef} style={{ height: v.getTotalSize(), position: 'relative', minWidth }}>
          {items.map((it) => {
            const row = rows[it.index];
            return (
              <div
                key={rowKey(row)}
                role="row"
                data-index={it.index}
                className={`vt-row ${selected === it.index ? 'sel' : ''}`}
                style={{ top: it.start, height: rowHeight, gridTemplateColumns: grid }}
                onClick={() => onSelect?.(it.index)}
                onDoubleClick={() => onActivate?.(it.index)}
              >
                {columns.map((c) => (
                  <div key={c.key} className={`cell ${c.align === 'right' ? 'num' : ''}`}>
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {footer ? <div className="vt-foot small muted">{footer}</div> : null}
    </div>
  );
}

/** The row a navigation key moves the selection to, or null when the key is not one. */
export function nextIndex(key: string, selected: number | null, count: number, page: number): number | null {
  if (count <= 0) return null;
  const at = selected ?? -1;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(at + 1);
    case 'ArrowUp':
      return clamp(selected == null ? 0 : at - 1);
    case 'PageDown':
      return clamp(at + page);
    case 'PageUp':
      return clamp(at - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The smallest width a grid of tracks like '80px' or 'minmax(200px, 1fr)' can take. */
export function minGridWidth(tracks: readonly string[]): number {
  let sum = 0;
  for (const t of tracks) {
    const m = /(\d+(?:\.\d+)?)px/.exec(t);
    sum += m ? Number(m[1]) : 80;
  }
  return sum;
}
