// Export: start report and export jobs (PDF report with the sources' hashes, findings CSV/JSON,
// events CSV/JSONL), optionally filtered, in the display zone; show where the files went.
import { useState } from 'react';
import { EXPORT_KINDS, type ExportKind, type JobResult } from '../../../shared/api';
import { formatBytes } from '../../../shared/format';
import { withToken } from '../../app/client';
import { toUiError, type UiError, useApi } from '../../app/hooks';
import { useJobs } from '../../app/jobs';
import { useSession } from '../../app/session';
import { ErrorBox, ProgressBar, Section } from '../../components/common';
import { SafeText } from '../../components/SafeText';

const LABELS: Record<ExportKind, string> = {
  pdf: 'PDF report (findings, evidence, charts, source hashes)',
  csv: 'Findings as CSV (formula-safe)',
  json: 'Findings and statistics as JSON',
  eventsCsv: 'Events as CSV (filtered)',
  eventsJsonl: 'Events as JSON lines (filtered)',
};

type Files = Extract<JobResult, { kind: 'export' }>['files'];

export function ExportScreen() {
  const api = useApi();
  const jobs = useJobs();
  const { settings, app } = useSession();
  const [kinds, setKinds] = useState<ExportKind[]>(['pdf', 'csv', 'json']);
  const [filter, setFilter] = useState('');
  const [dir, setDir] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [files, setFiles] = useState<Files | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const job = jobId ? jobs.jobs.get(jobId) : undefined;

  const start = async () => {
    setError(null);
    setFiles(null);
    const j = jobs.start('export', 'Export', api['export/start']({ kinds, filter: filter.trim() || undefined, dir: dir.trim() || undefined, analyst: settings.analyst || undefined, displayZone: settings.displayZone }));
    j.id.then(setJobId, () => undefined);
    try {
      const r = await j.done;
      if (r.kind === 'export') setFiles(r.files);
    } catch (e) {
      setError(e && typeof e === 'object' && 'message' in e ? (e as UiError) : toUiError(e));
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Export</h1>
        <span className="sub">
          Times in {settings.displayZone === 'source' ? "each source's own zone" : settings.displayZone}; analyst: {settings.analyst || '(not set — Settings)'}
        </span>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <Section title="What to export" testId="export-form">
        <form
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          {EXPORT_KINDS.map((k) => (
            <label key={k} className="row">
              <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds((old) => (e.target.checked ? [...old, k] : old.filter((x) => x !== k)))} data-kind={k} />
              {LABELS[k]}
            </label>
          ))}
          <label className="field">
            Filter (explorer query; limits the events exports and the report's evidence)
            <input type="text" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="status:>=400 ip:10.0.0.0/8" spellCheck={false} />
          </label>
          {app?.mode === 'electron' || !app?.uploads ? (
            <label className="field">
              Folder (empty: next to the case file)
              <input type="text" value={dir} onChange={(e) => setDir(e.target.value)} />
            </label>
          ) : null}
          <div className="row">
            <button type="submit" className="btn primary" disabled={!kinds.length || job?.state === 'running'} data-testid="export-start">
              Export
            </button>
          </div>
        </form>
        {job ? (
          <div style={{ marginTop: 10 }} data-testid="export-progress">
            <ProgressBar value={job.state === 'done' ? 1 : (job.progress?.value ?? null)} label="export" />
            <div className="small muted">{job.state === 'running' ? (job.progress?.detail ?? job.progress?.title ?? 'working…') : job.state}</div>
          </div>
        ) : null}
      </Section>
      {files ? (
        <Section title="Files written" testId="export-files">
          <table className="tbl">
            <tbody>
              {files.map((f) => (
                <tr key={f.path}>
                  <td>{f.kind}</td>
                  <td className="mono small">
                    <SafeText value={f.path} />
                  </td>
                  <td className="num">{formatBytes(f.bytes)}</td>
                  <td>
                    {/* server-made download link (our own origin), never text from a log */}
                    {f.url ? (
                      <a className="btn small" href={withToken(f.url)} download>
                        Download
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
    </>
  );
}
