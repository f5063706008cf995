// Running jobs in the navigation column: title, progress, cancel. Visible from every screen.
import { ProgressBar } from '../components/common';
import { useJobs } from './jobs';

export function JobTray() {
  const { jobs, cancel } = useJobs();
  const running = [...jobs.values()].filter((j) => j.state === 'running');
  if (!running.length) return null;
  return (
    <div className="jobs-mini" data-testid="job-tray">
      {running.map((j) => (
        <div key={j.id} style={{ marginBottom: 8 }}>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <span>{j.progress?.title ?? j.title}</span>
            <button type="button" className="btn small" onClick={() => void cancel(j.id)} aria-label={`Cancel ${j.title}`}>
              ✕
            </button>
          </div>
          <ProgressBar value={j.progress?.value ?? null} label={j.title} />
        </div>
      ))}
    </div>
  );
}
