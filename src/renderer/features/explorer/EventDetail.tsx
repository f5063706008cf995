// One event in full: every parsed field, the raw original line (read back from the source by
// byte offset), and the analyst's tags and note on it.
import { Fragment, useEffect, useState } from 'react';
import type { Annotations } from '../../../shared/api';
import type { Result } from '../../../shared/model';
import type { EventRow } from '../../../shared/columns';
import { COLUMN_BY_NAME } from '../../../shared/columns';
import { formatBytes, formatCount } from '../../../shared/format';
import { safeString } from '../../lib/safeText';
import { unwrap, useApi, useLoad } from '../../app/hooks';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ErrorBox } from '../../components/common';
import { SafeText } from '../../components/SafeText';
import { eventFields, extraFields } from './eventColumns';
import { NoteEditor, TagEditor } from './AnnotationEditors';
import { SOURCE_LABEL, sourceKindOf } from '../../lib/sourceKind';

export function EventDetail({ row }: { row: EventRow }) {
  const api = useApi();
  const { fmtTime, caseInfo } = useSession();
  const sourcePath = caseInfo?.sources.find((s) => s.id === row.source_id)?.path ?? null;
  const raw = useLoad(() => api['explore/raw']({ eventId: row.id }), [api, row.id]);
  const [ann, setAnn] = useState<Annotations>({ tags: [], note: null });
  useEffect(() => {
    let alive = true;
    api['explore/annotations']({ eventIds: [row.id] }).then((r) => {
      if (alive && r.ok) setAnn(r.value[String(row.id)] ?? { tags: [], note: null });
    }, () => undefined);
    return () => {
      alive = false;
    };
  }, [api, row.id]);
  // a refused tag or note is told by its editor, beside what was typed
  const act = (p: Promise<Result<Annotations>>) => unwrap(p).then(setAnn);
  // "Source IP" beside KALI misleads: a Windows logon with no address names its workstation
  const srcKind = sourceKindOf(row);
  const fields = eventFields(row).filter((f) => !['id', 'source_id', 'line_no', 'byte_offset', 'byte_len'].includes(f.key));
  return (
    <div className="detail" data-testid="event-detail">
      <div className="row small muted" style={{ marginBottom: 6 }}>
        event #{row.id} ·{' '}
        <span title={sourcePath ? safeString(sourcePath) : undefined} data-testid="event-source">
          {sourcePath ? <SafeText value={fileName(sourcePath)} className="mono" /> : `source ${row.source_id}`}
        </span>{' '}
        · line {row.line_no}
      </div>
      <div className="small muted">Raw original line</div>
      <div className="raw mono" data-testid="raw-line">
        {raw.loading ? 'Reading from the source…' : raw.error ? <ErrorBox error={raw.error} /> : raw.data ? (
          <>
            <SafeText value={raw.data.text} max={20_000} className="mono" />
            {!raw.data.available ? <div className="small muted">{raw.data.message ?? 'The source file is no longer available; the parsed fields below remain.'}</div> : <div className="small muted">{formatBytes(raw.data.bytes)}</div>}
          </>
        ) : null}
      </div>
      <dl style={{ marginTop: 8 }}>
        {fields.map((f) => {
          const extra = f.key === 'extra' ? extraFields(row.extra) : null;
          return extra ? (
            <Fragment key="extra">
              <dt className="span" data-testid="extra-fields">
                Other fields (as the source names them)
              </dt>
              {extra.map((x) => (
                <FieldRow key={`extra.${x.key}`} name={x.key} value={x.value} title="a field of the source with no column of its own (kept in extra)" />
              ))}
            </Fragment>
          ) : (
            <FieldRow key={f.key} name={f.key} label={f.key === 'src_ip' ? SOURCE_LABEL[srcKind ?? 'ip'] : undefined} value={f.key === 'ts' && typeof f.value === 'number' ? fmtTime(f.value, row.source_id) : f.key === 'bytes' && typeof f.value === 'number' ? bytesText(f.value) : f.value} />
          );
        })}
        {(['path', 'query'] as const).map((k) => {
          const decoded = percentDecoded(row[k]);
          return decoded ? <FieldRow key={`${k}-decoded`} name={`${k} (decoded)`} value={decoded} /> : null;
        })}
      </dl>
      <div className="row" style={{ marginTop: 8 }}>
        {row.src_ip ? (
          <button type="button" className="btn small" onClick={() => navigate('entity', { ip: row.src_ip ?? '' })}>
            {srcKind === 'workstation' ? 'Open this workstation' : 'Open source entity'}
          </button>
        ) : null}
      </div>
      <div style={{ marginTop: 8, display: 'flex', flexDirection: 'column', gap: 6 }}>
        <TagEditor tags={ann.tags} testId="event-tags" onAdd={(tag) => act(api['explore/tag']({ eventId: row.id, tag }))} onRemove={(tag) => act(api['explore/tag']({ eventId: row.id, tag, remove: true }))} />
        <NoteEditor note={ann.note} testId="event-note" onSave={(text) => act(api['explore/note']({ eventId: row.id, text }))} />
      </div>
    </div>
  );
}

/** One field; `title` marks a source field from `extra`, named as the source names it (never a column's label); `label` names what this row's value is. */
function FieldRow({ name, value, title, label }: { name: string; value: string | number; title?: string; label?: string }) {
  return (
    <>
      <dt title={title ?? COLUMN_BY_NAME.get(name)?.description} data-field={title ? undefined : name}>{title ? <SafeText value={name} max={40} /> : (label ?? COLUMN_BY_NAME.get(name)?.label ?? name)}
      </dt>
      <dd>
        <SafeText value={value} max={4000} className="mono" />
      </dd>
    </>
  );
}

/** A byte count as logged and as the table shows it: "4,495 (4.39 KiB)". */
export const bytesText = (n: number): string => (Math.abs(n) < 1024 ? formatCount(n) : `${formatCount(n)} (${formatBytes(n)})`);

/** The percent-decoded form of a logged value when it differs (payloads hide behind %XX); null otherwise. */
export function percentDecoded(v: string | null): string | null {
  if (!v || !/%[0-9A-Fa-f]{2}/.test(v)) return null;
  let out = v;
  // decode up to twice: double-encoding is a common evasion
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(out); i++) {
    try {
      out = decodeURIComponent(out.replace(/\+/g, ' '));
    } catch (e) {
      // invalid sequences (e.g. %C0%AF overlong): decode byte by byte as Latin-1 so nothing is hidden
      out = out.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      void e;
    }
  }
  return out === v ? null : out;
}

/** The last path segment, for POSIX and Windows paths alike (the full path stays in the tooltip). */
export function fileName(p: string): string {
  const parts = p.split(/[\\/]/);
  return parts[parts.length - 1] || p;
}
