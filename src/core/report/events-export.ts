// Streams events (all, or those an explorer query selects) to CSV or JSON lines with flat memory:
// rows come one at a time from better-sqlite3's iterate(), output waits on backpressure.
import { EVENT_COLUMNS } from '../../shared/columns';
import { formatTime } from '../../shared/format';
import type { JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import type { Db } from '../store/case';
import { compileQuery } from '../store/query';
import { csvRow } from './csv';
import { FileSink } from './sink';

const DATA_COLUMNS = EVENT_COLUMNS.filter((c) => c.name !== 'ts').map((c) => c.name);

/** Header of the events CSV: bookkeeping, the time in the display zone, the epoch ms, then every typed column. */
export const EVENTS_CSV_HEADER = ['id', 'source_id', 'line_no', 'time', 'ts', ...DATA_COLUMNS] as const;

/**
 * Formats times like formatTime(ms, zone, true) but fast enough for millions of rows: the zone's
 * offset is looked up once per 15 minutes of event time (offset changes happen on such boundaries).
 */
export function zoneTimeFormatter(zone: string): (ms: number | null) => string {
  const QUARTER = 15 * 60 * 1000;
  const cache = new Map<number, { offset: number; label: string }>();
  return (ms) => {
    if (ms == null || !Number.isFinite(ms)) return '';
    const bucket = Math.floor(ms / QUARTER);
    let e = cache.get(bucket);
    if (!e) {
      const start = bucket * QUARTER;
      const text = formatTime(start, zone);
      const m = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) (.+)$/.exec(text);
      if (!m) return formatTime(ms, zone, true);
      const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
      e = { offset: local - start, label: m[7]! };
      if (cache.size > 200_000) cache.clear();
      cache.set(bucket, e);
    }
    const d = new Date(ms + e.offset);
    if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1000 || d.getUTCFullYear() > 9999) return formatTime(ms, zone, true);
    const iso = d.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 23)} ${e.label}`;
  };
}

export interface EventsExportOptions {
  filter?: string;
  zone: string;
}

type Cell = string | number | bigint | Buffer | null;

interface Selected {
  count: number;
  rows: IterableIterator<Cell[]>;
}

function selectEvents(db: Db, filter: string | undefined): Selected {
  const q = compileQuery(filter ?? '');
  const count = (db.prepare(`SELECT count(*) AS n FROM events WHERE ${q.where}`).get(...q.params) as { n: number }).n;
  const cols = ['id', 'source_id', 'line_no', 'ts', ...DATA_COLUMNS, 'raw'].map((c) => `"${c}"`).join(', ');
  const stmt = db.prepare(`SELECT ${cols} FROM events WHERE ${q.where} ORDER BY id`).raw(true);
  return { count, rows: stmt.iterate(...q.params) as IterableIterator<Cell[]> };
}

const PROGRESS_EVERY = 50_000;
const BATCH_ROWS = 512;

async function streamRows(
  db: Db,
  file: string,
  opts: EventsExportOptions,
  hooks: JobHooks,
  title: string,
  header: string | null,
  line: (r: Cell[], time: string) => string,
): Promise<{ bytes: number; sha256: string; rows: number }> {
  const { count, rows } = selectEvents(db, opts.filter);
  const fmt = zoneTimeFormatter(opts.zone);
  const sink = new FileSink(file);
  let n = 0;
  try {
    if (header) await sink.write(header);
    // rows are joined in batches so the await (and its backpressure check) is per batch, not per row
    let batch: string[] = [];
    for (const r of rows) {
      batch.push(line(r, fmt(r[3] as number | null)));
      n++;
      if (batch.length === BATCH_ROWS) {
        await sink.write(batch.join(''));
        batch = [];
      }
      if (n % PROGRESS_EVERY === 0) {
        if (hooks.signal?.aborted) throw new LoupeError('cancelled', `export of ${file} cancelled`);
        hooks.onProgress?.({ value: count ? n / count : null, title, detail: `${n} of ${count} events`, records: n });
      }
    }
    if (batch.length) await sink.write(batch.join(''));
    const done = await sink.close();
    hooks.onProgress?.({ value: 1, title, detail: `${n} events`, records: n });
    return { ...done, rows: n };
  } catch (e) {
    // leave the iterator (and its read transaction) closed before dropping the partial file
    rows.return?.();
    sink.discard();
    throw e;
  }
}

/** CSV: every field quoted, formula-looking cells neutralised; a UTF-8 BOM so spreadsheets read non-Latin text right. */
export function exportEventsCsv(db: Db, file: string, opts: EventsExportOptions, hooks: JobHooks = {}): Promise<{ bytes: number; sha256: string; rows: number }> {
  return streamRows(db, file, opts, hooks, 'Exporting events to CSV', `\uFEFF${csvRow(EVENTS_CSV_HEADER)}`, (r, time) => {
    const cells: (string | number | bigint | null)[] = [r[0] as number, r[1] as number, r[2] as number, time, r[3] as number | null];
    for (let i = 4; i < 4 + DATA_COLUMNS.length; i++) cells.push(r[i] as string | number | null);
    return csvRow(cells);
  });
}

/** JSON lines: one object per event, typed values kept, `extra` parsed, raw bytes (when stored) in base64. */
export function exportEventsJsonl(db: Db, file: string, opts: EventsExportOptions, hooks: JobHooks = {}): Promise<{ bytes: number; sha256: string; rows: number }> {
  return streamRows(db, file, opts, hooks, 'Exporting events to JSON lines', null, (r, time) => {
    const o: Record<string, unknown> = { id: r[0], source_id: r[1], line_no: r[2], time: time || null, ts: r[3] };
    DATA_COLUMNS.forEach((c, i) => {
      const v = r[4 + i];
      if (v == null) return;
      if (c === 'extra' && typeof v === 'string') {
        try {
          o.extra = JSON.parse(v);
        } catch {
          // not JSON after all: keep the text as it is
          o.extra = v;
        }
      } else o[c] = v;
    });
    const raw = r[4 + DATA_COLUMNS.length];
    if (raw != null) o.raw_base64 = Buffer.isBuffer(raw) ? raw.toString('base64') : Buffer.from(String(raw)).toString('base64');
    return `${JSON.stringify(o)}\n`;
  });
}
