// One finding: explanation in plain words, the numbers and the threshold they crossed, the
// evidence rows, and the analyst's actions (tag, note, dismiss as false positive, open entity).
import { useEffect, useRef, useState } from 'react';
import type { EventRow } from '../../../shared/columns';
import type { Finding } from '../../../shared/model';
import { formatCount, formatDuration } from '../../../shared/format';
import { toUiError, unwrap, useApi, useLoad, type UiError } from '../../app/hooks';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ErrorBox, Loading, SeverityBadge } from '../../components/common';
import { SafeText } from '../../components/SafeText';
import { VirtualTable } from '../../components/VirtualTable';
import { EventDetail } from '../explorer/EventDetail';
import { NoteEditor, TagEditor } from '../explorer/AnnotationEditors';
import { eventColumns, varyingFirst } from '../explorer/eventColumns';
import { findingNumberRows } from '../../../core/report/findingNumbers';
import { entityKind } from './sortFindings';
import { GroupSources, groupSources } from './GroupSources';

export function FindingDetailView({ findingId, openTick, onChanged, related = [] }: { findingId: string; openTick: number; onChanged: () => void; related?: readonly Finding[] }) {
  const api = useApi();
  const session = useSession();
  const detail = useLoad(() => api['analysis/finding']({ id: findingId, limit: 200 }), [api, findingId]);
  const [finding, setFinding] = useState<Finding | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [reason, setReason] = useState('');
  const [evSel, setEvSel] = useState<number | null>(null);
  const evidenceRef = useRef<HTMLDivElement>(null);
  useEffect(() => setFinding(detail.data?.finding ?? null), [detail.data]);
  useEffect(() => {
    if (openTick > 0) {
      evidenceRef.current?.scrollIntoView({ block: 'start' });
      evidenceRef.current?.querySelector<HTMLElement>('.vt-body')?.focus();
      setEvSel((s) => s ?? 0);
    }
  }, [openTick]);

  if (detail.error) return <ErrorBox error={detail.error} onRetry={detail.reload} />;
  if (!detail.data || !finding) return <Loading what="the finding" />;
  const f = finding;
  const evidence: EventRow[] = detail.data.evidence;
  // dismissing or restoring changes the case's open counts (the nav badge, the Overview's KPI)
  const run = async (p: Promise<unknown>) => {
    try {
      await p;
      onChanged();
      await session.reloadCase();
    } catch (e) {
      setError(toUiError(e));
    }
  };
  // tags and notes: the editor says a refusal beside the field, so the error is passed on, not kept here
  const annotate = async (p: Promise<unknown>) => {
    await p;
    onChanged();
    session.bump();
  };
  const cols = varyingFirst(eventColumns(evidence, session.fmtTime), evidence);
  const group = groupSources(f);

  return (
    <div className="panel" style={{ overflow: 'auto', maxHeight: 'calc(100vh - 190px)' }} data-testid="finding-detail">
      <div className="panel-head">
        <div className="row">
          <SeverityBadge severity={f.severity} />
          <h2>
            <SafeText value={f.title} />
          </h2>
        </div>
        {f.status === 'dismissed' ? <span className="chip">dismissed</span> : null}
      </div>
      <div className="panel-body detail" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        {error ? <ErrorBox error={error} /> : null}
        <p style={{ margin: 0 }} data-testid="finding-explanation">
          <SafeText value={f.explanation} max={10_000} />
        </p>
        <dl>
          <dt>Entity</dt>
          <dd>
            <SafeText value={f.entity} className="mono" /> <span className="muted small" data-testid="finding-entity-kind">({entityKind(f.entity, f.entityType)})</span>
          </dd>
          {f.threshold ? (
            <>
              <dt>Threshold</dt>
              <dd data-testid="finding-threshold">
                {f.threshold.metric}: <strong>{formatCount(f.threshold.value)}</strong> vs {formatCount(f.threshold.threshold)}
                {f.threshold.unit ? ` ${f.threshold.unit}` : ''} <span className="muted small">(setting {f.threshold.setting})</span>
              </dd>
            </>
          ) : null}
          {findingNumberRows(f.numbers, session.fmtTime)
            .filter((r) => !group || (r.key !== 'sources' && r.key !== 'sourceCount'))
            .map((r) => (
              <FragmentRow key={r.key} name={r.label} value={r.value} />
            ))}
          {group ? (
            <>
              <dt>Sources</dt>
              <dd>
                <GroupSources finding={f} group={group} open testId="finding-group-sources" />
              </dd>
            </>
          ) : null}
          <dt>Seen</dt>
          <dd>
            {session.fmtTime(f.firstSeen)} → {session.fmtTime(f.lastSeen)}
            {f.windowMs ? <span className="muted small"> · window {formatDuration(f.windowMs)}</span> : null}
          </dd>
          <dt>Score</dt>
          <dd>{f.score.toFixed(2)}</dd>
        </dl>
        {related.length ? (
          <div data-testid="related-findings">
            <div className="small muted">
              Other findings about <SafeText value={f.entity} max={80} className="mono" />
            </div>
            <ul className="related">
              {related.slice(0, 8).map((r) => (
                <li key={r.id}>
                  <SeverityBadge severity={r.severity} />{' '}
                  <a href={href('findings', { id: r.id })} data-testid="related-finding">
                    <SafeText value={r.title} max={200} />
                  </a>
                </li>
              ))}
            </ul>
            {related.length > 8 ? <div className="small muted">and {formatCount(related.length - 8)} more (the Entity screen lists them all)</div> : null}
          </div>
        ) : null}
        <div className="row">
          {f.entityType === 'ip' ? (
            <button type="button" className="btn" onClick={() => navigate('entity', { ip: f.entity })} data-testid="open-entity">
              Open entity
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => navigate('explorer', { q: f.evidence.query })} data-testid="open-in-explorer">
            All {formatCount(f.evidence.count)} evidence rows in the Explorer
          </button>
        </div>
        <TagEditor tags={f.tags} testId="finding-tags" onAdd={(tag) => annotate(unwrap(api['analysis/tag']({ findingId: f.id, tag })).then((a) => setFinding({ ...f, tags: a.tags })))} onRemove={(tag) => annotate(unwrap(api['analysis/tag']({ findingId: f.id, tag, remove: true })).then((a) => setFinding({ ...f, tags: a.tags })))} />
        <NoteEditor note={f.note} testId="finding-note" onSave={(text) => annotate(unwrap(api['analysis/note']({ findingId: f.id, text })).then((a) => setFinding({ ...f, note: a.note })))} />
        {f.status === 'open' ? (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void run(unwrap(api['analysis/dismiss']({ findingId: f.id, reason: reason || undefined })).then(setFinding));
            }}
          >
            <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why it is benign" title="the reason is kept in the audit log" style={{ flex: 1, minWidth: 0 }} aria-label="dismiss reason" />
            <button type="submit" className="btn danger" data-testid="dismiss">
              Dismiss as false positive
            </button>
          </form>
        ) : (
          <button type="button" className="btn" onClick={() => void run(unwrap(api['analysis/restore']({ findingId: f.id })).then(setFinding))}>
            Restore (reopen)
          </button>
        )}
        <div ref={evidenceRef} data-testid="evidence">
          <h3 style={{ marginBottom: 6 }}>
            Evidence ({formatCount(evidence.length)} of {formatCount(detail.data.evidenceTotal)} rows)
          </h3>
          <div className="small muted mono" style={{ marginBottom: 6 }}>
            query: <SafeText value={f.evidence.query} className="mono" />
          </div>
          <VirtualTable testId="evidence-table" columns={cols} rows={evidence} rowKey={(r) => r.id} height={260} selected={evSel} onSelect={setEvSel} />
          {evSel != null && evidence[evSel] ? (
            <div style={{ marginTop: 8 }}>
              <EventDetail row={evidence[evSel]} />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function FragmentRow({ name, value }: { name: string; value: string | number }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>
        <SafeText value={value} />
      </dd>
    </>
  );
}
