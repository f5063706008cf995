// One file before ingest: what was detected, with a way to correct the format, the column
// mapping (canonical role -> source field) and the time zone of zone-less timestamps.
import { MAPPABLE_COLUMNS, COLUMN_BY_NAME } from '../../../shared/columns';
import type { FormatInfo } from '../../../shared/api';
import { formatBytes, isValidZone } from '../../../shared/format';
import { SafeText } from '../../components/SafeText';
import { formatPercent } from '../../lib/numbers';
import type { PlanFile } from './IngestContext';

export function FilePlanCard({ file, formats, onChange }: { file: PlanFile; formats: readonly FormatInfo[]; onChange: (patch: Partial<PlanFile>) => void }) {
  const d = file.detected;
  const header = d.layout?.header ?? null;
  const fields = header ?? [...new Set(Object.values(file.map))];
  const tzBad = file.tz !== '' && !isValidZone(file.tz);
  return (
    <div className="panel" data-testid="plan-file">
      <div className="panel-head">
        <label className="row">
          <input type="checkbox" checked={file.include} onChange={(e) => onChange({ include: e.target.checked })} aria-label="include this file" />
          <strong>
            <SafeText value={file.displayName} />
          </strong>
          <span className="muted small">
            {formatBytes(d.bytes)}
            {d.gzip ? ' · gzip' : ''}
          </span>
        </label>
        <span className="small muted" data-testid="plan-detected">
          {d.format ? `detected: ${d.format} (${formatPercent(d.confidence, 0)} sure)` : 'format not recognised'}
        </span>
      </div>
      <div className="panel-body" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        {d.error ? (
          <div className="notice">
            <SafeText value={d.error} /> — pick a format below and map its columns, or leave the file out.
          </div>
        ) : null}
        <div className="row">
          <label className="field">
            Format
            <select value={file.format ?? ''} onChange={(e) => onChange({ format: e.target.value || null })} data-testid="plan-format">
              <option value="">— choose —</option>
              {formats.map((f) => (
                <option key={f.name} value={f.name} title={f.description}>
                  {f.title}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Time zone of timestamps without one
            <input type="text" placeholder="UTC (default) or e.g. Europe/Berlin" value={file.tz} onChange={(e) => onChange({ tz: e.target.value })} aria-invalid={tzBad} />
          </label>
          {tzBad ? <span className="small" style={{ color: 'var(--sev-high)' }}>not a known IANA zone</span> : null}
        </div>
        {fields.length ? (
          <details>
            <summary className="small">Column mapping ({Object.keys(file.map).length} roles mapped) — check before going on</summary>
            <table className="tbl" style={{ marginTop: 6 }}>
              <thead>
                <tr>
                  <th>Loupe column</th>
                  <th>From field</th>
                </tr>
              </thead>
              <tbody>
                {MAPPABLE_COLUMNS.map((role) => (
                  <tr key={role}>
                    <td title={COLUMN_BY_NAME.get(role)?.description}>{COLUMN_BY_NAME.get(role)?.label ?? role}</td>
                    <td>
                      <select
                        value={file.map[role] ?? ''}
                        aria-label={`field for ${role}`}
                        onChange={(e) => {
                          const map = { ...file.map };
                          if (e.target.value) map[role] = e.target.value;
                          else delete map[role];
                          onChange({ map });
                        }}
                      >
                        <option value="">(not mapped)</option>
                        {fields.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : null}
        {d.headLines.length ? (
          <div className="raw mono" aria-label="first lines">
            {d.headLines.slice(0, 5).map((l, i) => (
              <div key={i}>
                <SafeText value={l} max={400} className="mono" />
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </div>
  );
}
