// Ingest: review each file's detected format and column mapping, start, watch progress
// (bytes, records/s, ETA, quarantined, cancel), then read the cleaning report.
import { useState } from 'react';
import { formatBytes, formatCount } from '../../../shared/format';
import { useLoad, useApi } from '../../app/hooks';
import { latestJob, useJobs } from '../../app/jobs';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState, ErrorBox, ProgressBar, Section } from '../../components/common';
import { formatEta, formatRate } from '../../lib/numbers';
import { CleaningReportView } from './CleaningReport';
import { FilePlanCard } from './FilePlanCard';
import { ingestSummary } from './ingestSummary';
import { useIngest } from './IngestContext';

export function IngestScreen() {
  const api = useApi();
  const ingest = useIngest();
  const { jobs, cancel } = useJobs();
  const session = useSession();
  const formats = useLoad(() => api['ingest/formats']({}), [api]);
  const [force, setForce] = useState(false);
  const job = ingest.jobId ? jobs.get(ingest.jobId) : undefined;
  const p = ingestSummary(job?.progress ?? null, job?.state === 'done' && job.result?.kind === 'ingest' ? job.result.sources : null);
  const sources = session.caseInfo?.sources ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Ingest</h1>
        <span className="sub">Check each file's format and columns before going on; nothing is lost — every record becomes an event or a quarantined row.</span>
      </div>
      {ingest.error ? <ErrorBox error={ingest.error} /> : null}

      {ingest.phase === 'idle' ? (
        <Section title="Add files">
          <EmptyState title="No files waiting" action={<a className="btn primary" href={href('start')}>Add files on the Start screen</a>}>
            Drop logs (plain or gzipped) on the Start screen or pick them with the file button.
          </EmptyState>
        </Section>
      ) : null}

      {ingest.phase === 'uploading' ? (
        <Section title="Copying files to the Loupe server" testId="ingest-upload">
          <ProgressBar value={ingest.uploadTotal ? ingest.uploadDone / ingest.uploadTotal : null} label="upload" />
          <p className="muted">
            {ingest.uploadDone} of {ingest.uploadTotal} files copied
          </p>
        </Section>
      ) : null}

      {ingest.phase === 'detecting' ? <div className="loading">Looking at the files…</div> : null}

      {ingest.phase === 'review' ? (
        <Section
          title={`Files to ingest (${ingest.files.length})`}
          testId="ingest-review"
          actions={
            <>
              <label className="row small">
                <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> ingest again if already in the case
              </label>
              <button type="button" className="btn" onClick={ingest.reset}>
                Clear
              </button>
              <button type="button" className="btn primary" data-testid="ingest-start" disabled={!ingest.files.some((f) => f.include && f.format)} onClick={() => void ingest.start({ force })}>
                Ingest {ingest.files.filter((f) => f.include).length} file(s)
              </button>
            </>
          }
        >
          <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            {ingest.files.map((f, i) => (
              <FilePlanCard key={f.detected.path} file={f} formats={formats.data ?? []} onChange={(patch) => ingest.update(i, patch)} />
            ))}
          </div>
        </Section>
      ) : null}

      {ingest.phase === 'running' || (job && ingest.phase !== 'review' && ingest.phase !== 'idle') ? (
        <Section
          title={job?.state === 'running' || !job ? 'Ingesting' : job.state === 'done' ? 'Ingest finished' : `Ingest ${job.state}`}
          testId="ingest-progress"
          actions={
            job?.state === 'running' ? (
              <button type="button" className="btn danger" data-testid="ingest-cancel" onClick={() => void cancel(job.id)}>
                Cancel
              </button>
            ) : null
          }
        >
          <ProgressBar value={job?.state === 'done' ? 1 : (job?.progress?.value ?? null)} label="ingest progress" />
          <div className="kpis" style={{ marginTop: 12 }}>
            <div className="kpi">
              <div className="kpi-label">Read</div>
              <div className="kpi-value small" data-testid="ingest-bytes">
                {formatBytes(p.bytesDone)} / {formatBytes(p.bytesTotal)}
              </div>
            </div>
            <div className="kpi">
              <div className="kpi-label">Records</div>
              <div className="kpi-value" data-testid="ingest-records">{formatCount(p.records)}</div>
            </div>
            <div className="kpi">
              <div className="kpi-label">{job?.state === 'done' ? 'Average rate' : 'Rate'}</div>
              <div className="kpi-value" data-testid="ingest-rate">
                {formatRate(p.rate).replace('/s', '')}
                {p.rate != null ? <span className="small muted"> records/s</span> : null}
              </div>
            </div>
            <div className="kpi">
              <div className="kpi-label">Time left</div>
              <div className="kpi-value small">{job?.state === 'running' ? formatEta(job.progress?.etaMs) : '—'}</div>
            </div>
            <div className={`kpi ${p.quarantined ? 'warn' : ''}`}>
              <div className="kpi-label">Quarantined</div>
              <div className="kpi-value">{formatCount(p.quarantined)}</div>
            </div>
          </div>
          {p.detail ? (
            <p className="muted small" data-testid="ingest-detail">
              {p.detail}
            </p>
          ) : null}
          {ingest.phase === 'done' && latestJob(jobs, 'analysis')?.state === 'running' ? (
            <p className="notice small" role="status" data-testid="ingest-analysing">
              Analysing the new events — findings appear as soon as it finishes (see the progress on the left).
            </p>
          ) : null}
          {ingest.phase === 'done' ? (
            <div className="row" style={{ marginTop: 8 }}>
              <a className="btn primary" href={href('overview')} data-testid="ingest-to-overview">
                Go to the overview
              </a>
              <a className="btn" href={href('findings')}>
                See findings
              </a>
              <button type="button" className="btn" onClick={ingest.reset}>
                Add more files
              </button>
            </div>
          ) : null}
        </Section>
      ) : null}

      {(ingest.result ?? sources).length ? (
        <Section title={ingest.result ? 'Cleaning report' : `Sources in this case (${sources.length})`} testId="cleaning-report">
          <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
            {(ingest.result ?? sources).map((s) => (
              <CleaningReportView key={s.id} source={s} />
            ))}
          </div>
        </Section>
      ) : null}
    </>
  );
}
