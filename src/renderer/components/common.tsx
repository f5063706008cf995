// Small shared building blocks: empty states, error boxes, KPI cards, progress bars, buttons.
import type { KeyboardEvent, ReactNode } from 'react';
import type { ErrorCode } from '../../shared/model';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state" role="status">
      <h3>{title}</h3>
      {children ? <p>{children}</p> : null}
      {action}
    </div>
  );
}

/** Error codes in words: 'not_found:' in front of a message reads as a stack trace to a responder. */
const ERROR_TITLES: Readonly<Record<ErrorCode, string>> = {
  usage: 'Not possible here',
  not_found: 'Not found',
  invalid_input: 'Invalid input',
  unmappable_layout: 'Format not recognised',
  duplicate_source: 'Already in this case',
  case_locked: 'Case in use',
  case_invalid: 'Not a readable Loupe case',
  case_from_future: 'Case from a newer Loupe',
  gzip_bomb: 'Compressed file expands too far',
  cancelled: 'Cancelled',
  no_labels: 'No labels to learn from',
  no_model: 'No model yet',
  forbidden: 'Not allowed',
  internal: 'Something went wrong inside Loupe',
};

export function errorTitle(code: string | undefined): string {
  if (!code) return '';
  const known = (ERROR_TITLES as Readonly<Record<string, string>>)[code];
  if (known) return known;
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function ErrorBox({ error, onRetry }: { error: { code?: string; message: string } | string; onRetry?: () => void }) {
  const e = typeof error === 'string' ? { message: error } : error;
  return (
    <div className="error-box" role="alert" data-code={e.code}>
      <strong>{e.code ? `${errorTitle(e.code)}: ` : ''}</strong>
      {e.message}
      {onRetry ? (
        <button type="button" className="btn small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Kpi({ label, value, sub, tone, testId }: { label: string; value: ReactNode; sub?: ReactNode; tone?: string; testId?: string }) {
  return (
    <div className={`kpi ${tone ?? ''}`} data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub ? <div className="kpi-sub">{sub}</div> : null}
    </div>
  );
}

export function ProgressBar({ value, label }: { value: number | null; label?: string }) {
  const pct = value == null ? null : Math.max(0, Math.min(1, value)) * 100;
  return (
    <div className={`progress ${pct == null ? 'indeterminate' : ''}`} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct == null ? undefined : Math.round(pct)}>
      <div className="progress-fill" style={pct == null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status">
      Loading {what}…
    </div>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`sev sev-${severity}`}>{severity}</span>;
}

export function Section({ title, children, actions, testId }: { title: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <section className="panel" data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/**
 * Props that make a row or feed item that navigates on click reachable by keyboard too: it takes
 * Tab focus, says it is a link, and Enter follows it (a mouse-only row locks keyboard users out).
 */
export function activatable(onActivate: () => void): { role: 'link'; tabIndex: 0; onClick: () => void; onKeyDown: (e: KeyboardEvent) => void } {
  return {
    role: 'link',
    tabIndex: 0,
    onClick: onActivate,
    onKeyDown: (e) => {
      if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
      e.preventDefault();
      onActivate();
    },
  };
}
