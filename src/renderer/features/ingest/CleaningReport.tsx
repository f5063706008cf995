// A source's cleaning report: records = events + quarantined, per-column treatment, notes,
// and the quarantined rows one click away (line number, reason, raw text shown safely).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QuarantineRow } from '../../../shared/api';
import type { SourceInfo } from '../../../shared/model';
import { describeZone, formatBytes, formatCount } from '../../../shared/format';
import { unwrap, useApi, toUiError, type UiError } from '../../app/hooks';
import { useSession } from '../../app/session';
import { ErrorBox } from '../../components/common';
import { SafeText } from '../../components/SafeText';
import { VirtualTable, type VtColumn } from '../../components/VirtualTable';

const QCOLS: VtColumn<QuarantineRow>[] = [
  { key: 'line', label: 'Line', width: '80px', render: (r) => formatCount(r.lineNo), align: 'right' },
  { key: 'reason', label: 'Reason', width: '220px', render: (r) => <SafeText value={r.reason} /> },
  { key: 'raw', label: 'Raw text (as read)', width: 'minmax(300px, 1fr)', render: (r) => <SafeText value={r.raw} max={300} className="mono" /> },
];

function QuarantineList({ sourceId }: { sourceId: number }) {
  const api = useApi();
  const [rows, setRows] = useState<QuarantineRow[]>([]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [sel, setSel] = useState<number | null>(null);
  const load = useCallback(async () => {
    if (busy || next === null) return;
    setBusy(true);
    try {
      // page by row id: exact even when one line number holds several quarantined records
      const page = await unwrap(api['ingest/quarantine']({ sourceId, afterId: next ?? undefined, limit: 500 }));
      setRows((r) => [...r, ...page.rows]);
      setNext(page.nextAfterId ?? null);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  }, [api, sourceId, next, busy]);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void load();
  }, [load]);
  const picked = sel != null ? rows[sel] : null;
  return (
    <div data-testid="quarantine-list">
      {error ? <ErrorBox error={error} /> : null}
      <VirtualTable columns={QCOLS} rows={rows} rowKey={(r) => r.id} height={Math.min(260, 64 + Math.max(1, rows.length) * 30)} onNearEnd={load} selected={sel} onSelect={setSel} empty={<div className="empty-state">{busy ? 'Loading…' : 'No quarantined rows.'}</div>} />
      {picked ? (
        <div className="raw mono" style={{ marginTop: 8 }} data-testid="quarantine-raw">
          <div className="small muted">
            line {formatCount(picked.lineNo)} · byte offset {formatCount(picked.byteOffset)} · {formatBytes(picked.rawBytes)} · <SafeText value={picked.reason} />
          </div>
          <SafeText value={picked.raw} max={20_000} className="mono" />
        </div>
      ) : null}
    </div>
  );
}

export function CleaningReportView({ source }: { source: SourceInfo }) {
  const { fmtTime } = useSession();
  const [showQ, setShowQ] = useState(false);
  const cols = Object.entries(source.cleaning?.columns ?? {}).filter(([, c]) => c.null || c.coerced || c.unparseable);
  const reasons = Object.entries(source.cleaning?.quarantineReasons ?? {});
  return (
    <div className="detail" data-testid="source-report">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <strong>
          <SafeText value={source.path} />
        </strong>
        <span className={`chip`}>{source.status}</span>
      </div>
      <dl style={{ marginTop: 8 }}>
        <dt>Format</dt>
        <dd>
          {source.format} · parser {source.parserVersion}
          {source.gzip ? ' · gzip' : ''}
        </dd>
        <dt>Records</dt>
        <dd data-testid="source-counts">
          {formatCount(source.records)} seen = {formatCount(source.events)} events + {formatCount(source.quarantined)} quarantined
        </dd>
        <dt>Size / SHA-256</dt>
        <dd className="mono small">
          {formatBytes(source.bytes)} · {source.sha256 ?? '—'}
        </dd>
        <dt>Time range</dt>
        <dd>
          {fmtTime(source.minTs, source.id)} → {fmtTime(source.maxTs, source.id)}
        </dd>
        <dt>Time zone</dt>
        <dd>
          {describeZone(source)}
          {source.year ? ` · year ${source.year} (${source.yearSource ?? '?'})` : ''}
        </dd>
        {source.statusDetail ? (
          <>
            <dt>Status</dt>
            <dd>
              <SafeText value={source.statusDetail} />
            </dd>
          </>
        ) : null}
      </dl>
      {source.cleaning?.notes?.length ? (
        <ul className="small">
          {source.cleaning.notes.map((n, i) => (
            <li key={i}>
              <SafeText value={n} />
            </li>
          ))}
        </ul>
      ) : null}
      {cols.length ? (
        <table className="tbl small" style={{ marginTop: 8 }}>
          <thead>
            <tr>
              <th>Column</th>
              <th className="num">Empty → NULL</th>
              <th className="num">Converted</th>
              <th className="num">Unparseable (raw line intact)</th>
            </tr>
          </thead>
          <tbody>
            {cols.map(([name, c]) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="num">{formatCount(c.null)}</td>
                <td className="num">{formatCount(c.coerced)}</td>
                <td className="num">{formatCount(c.unparseable)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {source.quarantined > 0 ? (
        <div style={{ marginTop: 8 }}>
          <div className="row small">
            {reasons.map(([r, n]) => (
              <span key={r} className="chip">
                <SafeText value={r} />: {formatCount(n)}
              </span>
            ))}
            <button type="button" className="btn small" data-testid="show-quarantine" onClick={() => setShowQ((v) => !v)}>
              {showQ ? 'Hide' : 'Show'} {formatCount(source.quarantined)} quarantined rows
            </button>
          </div>
          {showQ ? <QuarantineList sourceId={source.id} /> : null}
        </div>
      ) : null}
    </div>
  );
}
