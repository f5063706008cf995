// Start: drop zone and file input (web mode uploads, desktop uses real paths), recent cases,
// the bundled sample case, and new/open case by path.
import { useRef, useState, type DragEvent } from 'react';
import { formatCount } from '../../../shared/format';
import { toUiError, unwrap, useApi, useLoad, type UiError } from '../../app/hooks';
import { useJobs } from '../../app/jobs';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState, ErrorBox, Section } from '../../components/common';
import { SafeText } from '../../components/SafeText';
import { useIngest } from '../ingest/IngestContext';

export function StartScreen() {
  const api = useApi();
  const session = useSession();
  const ingest = useIngest();
  const jobs = useJobs();
  const recent = useLoad(() => api['cases/recent']({}), [api, session.caseInfo?.file]);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [casePath, setCasePath] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const hasCase = session.caseInfo != null;

  const openWith = async (what: string, f: () => Promise<unknown>, then: 'overview' | 'start' = 'overview') => {
    setBusy(what);
    setError(null);
    try {
      await f();
      await session.reloadCase();
      navigate(then);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  };

  const openSample = () =>
    openWith('Opening the sample case', async () => {
      // building the sample the first time can take a moment; the job tray shows it
      const r = await unwrap(api['cases/sample']({}));
      session.setCase(r);
    });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (!hasCase) {
      setError({ code: 'ui', message: 'Create or open a case first: the files are ingested into it.' });
      return;
    }
    void ingest.addBrowserFiles(files);
  };

  const pickNative = async () => {
    const paths = await api.pickFiles({});
    if (paths?.length) void ingest.addPaths(paths);
    else if (paths === null) fileInput.current?.click();
  };

  const running = [...jobs.jobs.values()].find((j) => j.kind === 'sample' && j.state === 'running');

  return (
    <>
      <div className="page-head">
        <h1>Loupe</h1>
        <span className="sub">Offline log forensics — scans, brute force, exfiltration, attack payloads and statistical oddities, each explained.</span>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {busy ? (
        <div className="notice" role="status">
          {busy}… {running?.progress?.detail ?? ''}
        </div>
      ) : null}

      <div
        className={`drop ${over ? 'over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <h2>{hasCase ? 'Drop log files here' : 'Open or create a case, then drop log files'}</h2>
        <p>Web access and WAF logs, flow CSVs, auth logs, Windows event exports, CSV/JSON exports, W3C, Zeek, VPC flow logs — plain or gzipped. Files are read-only and hashed.</p>
        <div className="row" style={{ justifyContent: 'center' }}>
          <input
            ref={fileInput}
            type="file"
            multiple
            data-testid="file-input"
            style={{ display: 'none' }}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void ingest.addBrowserFiles(files);
            }}
          />
          <button type="button" className="btn primary" disabled={!hasCase} onClick={() => void pickNative()} data-testid="add-files">
            Add files…
          </button>
          <button type="button" className="btn" onClick={() => void openSample()} disabled={busy != null} data-testid="open-sample">
            Open the sample case
          </button>
        </div>
      </div>

      {session.caseInfo ? (
        <Section title="Current case" testId="current-case">
          <div className="row">
            <strong>
              <SafeText value={session.caseInfo.name} />
            </strong>
            <span className="muted small">
              <SafeText value={session.caseInfo.file} />
            </span>
          </div>
          <p className="muted">
            {formatCount(session.caseInfo.events)} events from {session.caseInfo.sources.length} source(s), {formatCount(session.caseInfo.quarantined)} quarantined.
          </p>
          <div className="row">
            <button type="button" className="btn primary" onClick={() => navigate('overview')}>
              Overview
            </button>
            <button type="button" className="btn" onClick={() => navigate('findings')}>
              Findings
            </button>
          </div>
        </Section>
      ) : null}

      <div className="grid2">
        <Section title="New or existing case">
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              const file = casePath.trim();
              if (!file) return;
              const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
              const create = submitter?.value === 'create';
              void openWith(create ? 'Creating the case' : 'Opening the case', async () => session.setCase(await unwrap(api[create ? 'cases/create' : 'cases/open']({ file }))), create ? 'start' : 'overview');
            }}
          >
            <label className="field" style={{ flex: 1, minWidth: 260 }}>
              Case file path (on this machine)
              <input type="text" value={casePath} placeholder="/home/analyst/cases/incident-42.loupe" onChange={(e) => setCasePath(e.target.value)} data-testid="case-path" />
            </label>
            {session.app?.mode === 'electron' ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  void api['app/pickCase']({ mode: 'open' }).then((r) => r.ok && r.value && setCasePath(r.value));
                }}
              >
                Choose…
              </button>
            ) : null}
            <button type="submit" className="btn primary" value="create" disabled={!casePath.trim() || busy != null} data-testid="case-create">
              New case
            </button>
            <button type="submit" className="btn" value="open" disabled={!casePath.trim() || busy != null} data-testid="case-open">
              Open
            </button>
          </form>
        </Section>
        <Section title="Recent cases" testId="recent-cases">
          {recent.error ? <ErrorBox error={recent.error} onRetry={recent.reload} /> : null}
          {recent.data && recent.data.length === 0 ? <EmptyState title="No recent cases">Cases you open or create appear here.</EmptyState> : null}
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {(recent.data ?? []).map((r) => (
              <li key={r.file} className="row" style={{ justifyContent: 'space-between', padding: '4px 0' }}>
                <button
                  type="button"
                  className="btn small"
                  disabled={!r.exists || busy != null}
                  onClick={() => void openWith('Opening the case', async () => session.setCase(await unwrap(api['cases/open']({ file: r.file }))))}
                  title={r.exists ? 'Open' : 'The file is gone'}
                >
                  <SafeText value={r.name} />
                </button>
                <span className="muted small">{r.exists ? session.fmtTime(r.openedAt) : 'missing'}</span>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </>
  );
}
