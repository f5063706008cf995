// Explorer: every event in a virtualized table, paged by keyset through the API (never OFFSET),
// with the query language, column filters, sort by indexed columns, and the event in full.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CountEstimate, ExplorePage, FtsStatus, SortColumn } from '../../../shared/api';
import { SORTABLE_COLUMNS } from '../../../shared/api';
import type { EventRow } from '../../../shared/columns';
import { formatCount } from '../../../shared/format';
import { toUiError, unwrap, useApi, type UiError } from '../../app/hooks';
import { useJobs } from '../../app/jobs';
import { replaceRoute } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState, ErrorBox, ProgressBar } from '../../components/common';
import { VirtualTable } from '../../components/VirtualTable';
import { EventDetail } from './EventDetail';
import { eventColumns } from './eventColumns';
import { composeQuery, FILTER_FIELDS, type ColumnFilters } from './query';

const PAGE = 500;
/**
 * A column filter is searched once typing pauses this long (or at Enter): searched at every
 * keystroke, '*wp-admin*' in Path sent 10 searches over 1.2 M events, answered one after another
 * for 13 s before the count settled.
 */
export const FILTER_SETTLE_MS = 400;

export function ExplorerScreen({ initialQuery }: { initialQuery: string }) {
  const api = useApi();
  const jobs = useJobs();
  const { fmtTime, version } = useSession();
  const [draft, setDraft] = useState(initialQuery);
  const [query, setQuery] = useState(initialQuery);
  const [filterDraft, setFilterDraft] = useState<ColumnFilters>({});
  const [filters, setFilters] = useState<ColumnFilters>({});
  const [sort, setSort] = useState<{ key: SortColumn; dir: 'asc' | 'desc' }>({ key: 'ts', dir: 'asc' });
  const [rows, setRows] = useState<EventRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState<CountEstimate | null>(null);
  const [meta, setMeta] = useState<Pick<ExplorePage, 'freeText' | 'tookMs'> | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [fts, setFts] = useState<FtsStatus | null>(null);
  const [resultId, setResultId] = useState(0);
  const seq = useRef(0);
  const inFlight = useRef(false);

  useEffect(() => {
    setDraft(initialQuery);
    setQuery(initialQuery);
  }, [initialQuery]);

  useEffect(() => {
    const t = setTimeout(() => setFilters(filterDraft), FILTER_SETTLE_MS);
    return () => clearTimeout(t);
  }, [filterDraft]);

  const fullQuery = useMemo(() => composeQuery(query, filters), [query, filters]);

  // first page whenever the query or sort changes
  useEffect(() => {
    const my = ++seq.current;
    setLoading(true);
    setError(null);
    setSelected(null);
    inFlight.current = true;
    api['explore/page']({ query: fullQuery, sort: sort.key, dir: sort.dir, limit: PAGE }).then((r) => {
      if (my !== seq.current) return;
      inFlight.current = false;
      setLoading(false);
      if (!r.ok) {
        setRows([]);
        setNext(null);
        setTotal(null);
        setError(r.error);
        return;
      }
      setRows(r.value.rows);
      setResultId(my);
      setNext(r.value.next);
      setTotal(r.value.total);
      setMeta({ freeText: r.value.freeText, tookMs: r.value.tookMs });
    }, (e: unknown) => setError(toUiError(e)));
  }, [api, fullQuery, sort, version]);

  const loadMore = useCallback(() => {
    if (!next || inFlight.current) return;
    const my = seq.current;
    inFlight.current = true;
    api['explore/page']({ query: fullQuery, sort: sort.key, dir: sort.dir, after: next, limit: PAGE }).then((r) => {
      inFlight.current = false;
      if (my !== seq.current) return;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      setRows((old) => [...old, ...r.value.rows]);
      setNext(r.value.next);
    }, (e: unknown) => setError(toUiError(e)));
  }, [api, fullQuery, sort, next]);

  const refreshFts = useCallback(() => {
    api['explore/ftsStatus']({}).then((r) => r.ok && setFts(r.value), () => undefined);
  }, [api]);
  useEffect(refreshFts, [refreshFts, version]);
  const ftsJob = fts?.jobId ? jobs.jobs.get(fts.jobId) : undefined;
  useEffect(() => {
    if (fts?.state !== 'building') return;
    const t = setInterval(refreshFts, 1500);
    return () => clearInterval(t);
  }, [fts?.state, refreshFts]);

  const buildFts = async () => {
    const job = jobs.start('fts', 'Build the full-text index', api['explore/ftsBuild']({}));
    refreshFts();
    try {
      await job.done;
    } catch (e) {
      setError(toUiError(e));
    }
    refreshFts();
  };

  const countExactly = async () => {
    try {
      setTotal(await unwrap(api['explore/count']({ query: fullQuery })));
    } catch (e) {
      setError(toUiError(e));
    }
  };

  const columns = useMemo(() => eventColumns(rows.slice(0, 200), fmtTime), [rows, fmtTime]);
  const picked = selected != null ? rows[selected] : null;

  return (
    <>
      <div className="page-head">
        <h1>Explorer</h1>
        <span className="sub" data-testid="explorer-count">
          {total ? `${total.exact ? '' : 'at least '}${formatCount(total.count)} events` : loading ? 'searching…' : ''}
          {meta ? ` · ${Math.round(meta.tookMs)} ms` : ''}
        </span>
        {/* a search over millions of rows can take seconds: say so, or the old rows look like the answer */}
        {loading && total ? (
          <span className="sub busy-note" role="status" data-testid="explorer-busy">
            searching…
          </span>
        ) : null}
        {total && !total.exact ? (
          <button type="button" className="btn small" onClick={() => void countExactly()}>
            Count exactly
          </button>
        ) : null}
      </div>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(draft.trim());
          replaceRoute('explorer', { q: draft.trim() });
        }}
      >
        <input
          type="search"
          data-search
          data-testid="explorer-search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder='src_ip:1.2.3.4 status:>=400 path:*login* -method:GET ip:10.0.0.0/8 "free text"'
          style={{ flex: 1, minWidth: 300 }}
          aria-label="search events"
          spellCheck={false}
        />
        <button type="submit" className="btn primary">
          Search
        </button>
        <label className="row small">
          Sort
          <select value={sort.key} onChange={(e) => setSort({ key: e.target.value as SortColumn, dir: sort.dir })} aria-label="sort column">
            {SORTABLE_COLUMNS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <button type="button" className="btn small" onClick={() => setSort({ key: sort.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' })} aria-label="sort direction">
            {sort.dir === 'asc' ? '▲ asc' : '▼ desc'}
          </button>
        </label>
      </form>
      <div className="row small" data-testid="column-filters">
        {FILTER_FIELDS.map((f) => (
          <label key={f.field} className="row" style={{ gap: 4 }}>
            <span className="muted">{f.label}</span>
            <input
              type="text"
              value={filterDraft[f.field] ?? ''}
              placeholder={f.placeholder}
              style={{ width: f.width }}
              onChange={(e) => setFilterDraft((old) => ({ ...old, [f.field]: e.target.value }))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') setFilters(filterDraft);
              }}
              aria-label={`filter ${f.label}`}
              data-filter={f.field}
            />
          </label>
        ))}
      </div>
      <div className="notice small" data-testid="fts-status">
        <span>{fts ? fts.message : 'Checking the full-text index…'}</span>
        {fts && (fts.state === 'none' || fts.state === 'stale') ? (
          <button type="button" className="btn small" style={{ marginLeft: 8 }} onClick={() => void buildFts()}>
            Build full-text index
          </button>
        ) : null}
        {fts?.state === 'building' ? <ProgressBar value={ftsJob?.progress?.value ?? fts.progress} label="full-text index" /> : null}
        {meta && meta.freeText !== 'none' ? <span className="muted"> · this search used {meta.freeText === 'fts' ? 'the full-text index' : 'a scan of the text columns'}</span> : null}
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <div className={`split ${loading && total ? 'stale' : ''}`} aria-busy={loading} style={{ gridTemplateColumns: picked ? 'minmax(0, 1.75fr) minmax(0, 1fr)' : 'minmax(0, 1fr)' }}>
        <VirtualTable
          testId="explorer-table"
          columns={columns}
          rows={rows}
          resultKey={resultId}
          rowKey={(r) => r.id}
          height="calc(100vh - 260px)"
          selected={selected}
          onSelect={setSelected}
          onNearEnd={loadMore}
          sort={sort}
          onSort={(k) => {
            if ((SORTABLE_COLUMNS as readonly string[]).includes(k)) setSort((s) => ({ key: k as SortColumn, dir: s.key === k && s.dir === 'asc' ? 'desc' : 'asc' }));
          }}
          empty={!loading && !error ? <EmptyState title="No events match">Loosen the search: remove a filter, or check the field names (src_ip, dst_port, status, path, user_agent…).</EmptyState> : null}
          footer={`${formatCount(rows.length)} loaded${next ? ' · scroll for more' : ' · end of results'}`}
        />
        {picked ? (
          <div className="panel" style={{ overflow: 'auto', maxHeight: 'calc(100vh - 260px)' }}>
            <div className="panel-head">
              <h2>Event</h2>
              <button type="button" className="btn small" onClick={() => setSelected(null)} aria-label="close event">
                ✕
              </button>
            </div>
            <div className="panel-body">
              <EventDetail row={picked} />
            </div>
          </div>
        ) : null}
      </div>
    </>
  );
}
