// Findings: a sortable, filterable table; the selected finding shows its explanation, numbers,
// threshold and evidence rows. Keys: j/k next/previous, Enter opens the evidence.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SEVERITIES, type Finding, type Severity } from '../../../shared/model';
import { formatCount } from '../../../shared/format';
import { useApi, useLoad } from '../../app/hooks';
import { replaceRoute } from '../../app/router';
import { useSession } from '../../app/session';
import { latestJob, useJobs } from '../../app/jobs';
import { ProgressBar } from '../../components/common';
import { EmptyState, ErrorBox, Loading, SeverityBadge } from '../../components/common';
import { SafeText } from '../../components/SafeText';
import { VirtualTable, type VtColumn } from '../../components/VirtualTable';
import { FindingDetailView } from './FindingDetail';
import { keyNumbers, matchesText, relatedFindings, sortFindings, type FindingSortKey } from './sortFindings';

export function FindingsScreen({ selectedId }: { selectedId: string | null }) {
  const api = useApi();
  const { fmtTime, version } = useSession();
  const initialSev = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('severity');
  const [status, setStatus] = useState<'open' | 'dismissed' | 'all'>('open');
  const [sevs, setSevs] = useState<Severity[]>(initialSev && (SEVERITIES as readonly string[]).includes(initialSev) ? [initialSev as Severity] : []);
  const [detector, setDetector] = useState('');
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ key: FindingSortKey; dir: 'asc' | 'desc' }>({ key: 'severity', dir: 'desc' });
  const [selId, setSelId] = useState<string | null>(selectedId);
  const [openTick, setOpenTick] = useState(0);
  const list = useLoad(() => api['analysis/findings']({ status }), [api, status, version]);
  const detectors = useLoad(() => api['analysis/detectors']({}), [api]);
  const tableRef = useRef<HTMLDivElement>(null);
  const analysis = latestJob(useJobs().jobs, 'analysis');
  const analysing = analysis?.state === 'running';

  const rows = useMemo(() => {
    const all = list.data ?? [];
    const filtered = all.filter((f) => (!sevs.length || sevs.includes(f.severity)) && (!detector || f.detector === detector) && matchesText(f, text));
    return sortFindings(filtered, sort.key, sort.dir);
  }, [list.data, sevs, detector, text, sort]);
  const selIndex = selId ? rows.findIndex((f) => f.id === selId) : -1;

  // the address names the selection (a reload or a copied link keeps it); moving with j/k or a
  // click rewrites it in place rather than adding a history entry per row
  // the address this screen wrote itself (a click, j/k, the first row picked): not a link followed
  const ownRoute = useRef<string | null>(null);
  const select = useCallback((id: string) => {
    ownRoute.current = id;
    setSelId(id);
    const params = Object.fromEntries(new URLSearchParams(window.location.hash.split('?')[1] ?? ''));
    replaceRoute('findings', { ...params, id });
  }, []);

  // a link to another finding (a cross-reference, the entity screen, the live feed) or back and
  // forward change ?id= while this screen stays mounted: the selection follows the address. A
  // finding the filters hide is shown anyway (the filters that hide it are cleared), a dismissed
  // one by listing all; until the list that holds it has loaded, nothing else is selected.
  const [navDone, setNavDone] = useState<string | null>(null);
  // a link whose finding is in no list (the analysis ran again since the link was made, and a new
  // run replaces its findings): said above the table, not silently swapped for another finding
  const [missing, setMissing] = useState<string | null>(null);
  const navPending = !!selectedId && navDone !== selectedId;
  useEffect(() => {
    if (!selectedId || navDone === selectedId || !list.data || list.loading) return;
    const f = list.data.find((x) => x.id === selectedId);
    if (!f && status !== 'all') {
      setStatus('all');
      return;
    }
    if (f) {
      if (sevs.length && !sevs.includes(f.severity)) setSevs([]);
      if (detector && f.detector !== detector) setDetector('');
      if (!matchesText(f, text)) setText('');
      // a link followed clears the notice; the selection this screen made itself does not
      if (selectedId !== ownRoute.current) setMissing(null);
      setSelId(f.id);
    } else {
      setMissing(selectedId);
      setStatus('open');
    }
    setNavDone(selectedId);
  }, [selectedId, navDone, list.data, list.loading, status, sevs, detector, text]);

  // a filter that hides the selected finding selects the first one left, so the detail pane
  // never stays empty beside a list of matches; a finding that left the list (dismissed, or
  // restored out of the dismissed list) hands over to the one below it, so triage goes on down
  // the list instead of jumping back to its top
  const lastIndex = useRef(0);
  useEffect(() => {
    if (selIndex >= 0) lastIndex.current = selIndex;
  }, [selIndex]);
  useEffect(() => {
    if (navPending || !rows.length || (selId && rows.some((f) => f.id === selId))) return;
    const left = !!selId && !(list.data ?? []).some((f) => f.id === selId);
    select(rows[left ? Math.min(lastIndex.current, rows.length - 1) : 0].id);
  }, [rows, selId, navPending, select, list.data]);

  // keyboard: j/k move, Enter opens the evidence (ignored while typing)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        if (!rows.length) return;
        const i = selIndex < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, selIndex + (e.key === 'j' ? 1 : -1)));
        select(rows[i].id);
      } else if (e.key === 'Enter' && selIndex >= 0 && t?.tagName !== 'BUTTON' && t?.tagName !== 'A') {
        e.preventDefault();
        setOpenTick((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selIndex, select]);

  const detectorTitle = useMemo(() => new Map((detectors.data ?? []).map((d) => [d.name, d.title])), [detectors.data]);
  // the title says what happened, to whom, and how much: it comes right after the severity and
  // keeps room for ~55 characters even at 1280 px; the detector id it repeats moves right
  const columns: VtColumn<Finding>[] = [
    { key: 'severity', label: 'Severity', width: '90px', sortable: true, render: (f) => <SeverityBadge severity={f.severity} /> },
    { key: 'title', label: 'Title', width: 'minmax(360px, 3fr)', sortable: true, render: (f) => <SafeText value={f.title} max={300} /> },
    { key: 'entity', label: 'Entity', width: '130px', sortable: true, render: (f) => <SafeText value={f.entity} max={80} className="mono" /> },
    { key: 'count', label: 'Evidence', width: '84px', sortable: true, align: 'right', render: (f) => formatCount(f.evidence.count) },
    { key: 'firstSeen', label: 'First seen', width: '190px', sortable: true, render: (f) => fmtTime(f.firstSeen) },
    { key: 'numbers', label: 'Numbers', width: 'minmax(200px, 1fr)', render: (f) => <SafeText value={keyNumbers(f)} max={200} /> },
    { key: 'detector', label: 'Detector', width: '170px', sortable: true, render: (f) => detectorTitle.get(f.detector) ?? f.detector },
    { key: 'lastSeen', label: 'Last seen', width: '190px', sortable: true, render: (f) => fmtTime(f.lastSeen) },
  ];

  const selected = selIndex >= 0 ? rows[selIndex] : null;
  // cross-references: the other findings about the same source, and the group findings that name it
  const related = useMemo(() => (selected ? relatedFindings(selected, list.data ?? []) : []), [selected, list.data]);
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;

  return (
    <>
      <div className="page-head">
        <h1>Findings</h1>
        <span className="sub">
          {formatCount(rows.length)} shown of {formatCount(list.data?.length ?? 0)} {status === 'all' ? '' : status} · <span className="kbd">j</span>/<span className="kbd">k</span> move, <span className="kbd">Enter</span> evidence
        </span>
      </div>
      {analysing ? (
        <div className="notice" role="status" data-testid="analysis-running">
          Analysis running — findings appear when it finishes. {analysis?.progress?.detail ?? ''}
          <ProgressBar value={analysis?.progress?.value ?? null} label="analysis" />
        </div>
      ) : null}
      <div className="row" data-testid="findings-filters">
        <input type="search" data-search placeholder="Filter by entity, title, tag" value={text} onChange={(e) => setText(e.target.value)} aria-label="filter findings" style={{ minWidth: 240 }} />
        <div className="row" style={{ gap: 4 }} role="group" aria-label="severity filter">
          {[...SEVERITIES].reverse().map((s) => (
            <button key={s} type="button" className={`btn small ${sevs.includes(s) ? 'primary' : ''}`} aria-pressed={sevs.includes(s)} onClick={() => setSevs((old) => (old.includes(s) ? old.filter((x) => x !== s) : [...old, s]))}>
              {s}
            </button>
          ))}
        </div>
        {/* sized to its longest detector title it pushed the status filter onto a second line at 1280 px */}
        <select value={detector} onChange={(e) => setDetector(e.target.value)} aria-label="detector filter" style={{ maxWidth: 260 }}>
          <option value="">All detectors</option>
          {(detectors.data ?? []).map((d) => (
            <option key={d.name} value={d.name}>
              {d.title}
            </option>
          ))}
        </select>
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label="status filter">
          <option value="open">Open</option>
          <option value="dismissed">Dismissed (false positives)</option>
          <option value="all">All</option>
        </select>
      </div>
      {missing ? (
        <p className="notice" role="status" data-testid="finding-missing">
          The finding this link names is not in this case any more: the analysis has run again since the link was made, and a run replaces its findings. Showing the open findings instead.{' '}
          <button type="button" className="btn small" onClick={() => setMissing(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
      {!list.data ? (
        <Loading what="findings" />
      ) : list.data.length === 0 ? (
        <EmptyState title={analysing ? 'Analysing…' : status === 'open' ? 'No open findings' : 'No findings here'}>
          {status === 'open' ? 'Nothing crossed a detector threshold, or every finding was dismissed. Thresholds are settings; the Explorer shows every event.' : 'Change the status filter to see others.'}
        </EmptyState>
      ) : (
        <div className="split findings-split" ref={tableRef}>
          <VirtualTable
            testId="findings-table"
            columns={columns}
            rows={rows}
            rowKey={(f) => f.id}
            rowHeight={32}
            height="calc(100vh - 190px)"
            selected={selIndex >= 0 ? selIndex : null}
            onSelect={(i) => select(rows[i].id)}
            onActivate={(i) => {
              select(rows[i].id);
              setOpenTick((n) => n + 1);
            }}
            sort={sort}
            onSort={(k) => setSort((s) => ({ key: k as FindingSortKey, dir: s.key === k && s.dir === 'desc' ? 'asc' : 'desc' }))}
            empty={<EmptyState title="No finding matches these filters" />}
          />
          {selected ? <FindingDetailView key={selected.id} findingId={selected.id} openTick={openTick} onChanged={list.reload} related={related} /> : <EmptyState title="Select a finding" />}
        </div>
      )}
    </>
  );
}
