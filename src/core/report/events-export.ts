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
  // events come mostly in time order: the text up to the minute is reused while the minute lasts
  let minuteKey = Number.NaN;
  let minutePrefix = '';
  let minuteSuffix = '';
  const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
  const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
  return (ms) => {
    if (ms == null || !Number.isFinite(ms)) return '';
    const minute = Math.floor(ms / 60_000);
    if (minute !== minuteKey) {
      const bucket = Math.floor(ms / QUARTER);
      let e = cache.get(bucket);
      if (!e) {
        const start = bucket * QUARTER;
        const m = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) (.+)$/.exec(formatTime(start, zone));
        if (!m) return formatTime(ms, zone, true);
        const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
        e = { offset: local - start, label: m[7]! };
        if (cache.size > 200_000) cache.clear();
        cache.set(bucket, e);
      }
      const d = new Date(minute * 60_000 + e.offset);
      if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1000 || d.getUTCFullYear() > 9999) return formatTime(ms, zone, true);
      const iso = d.toISOString();
      minuteKey = minute;
      minutePrefix = `${iso.slice(0, 10)} ${iso.slice(11, 17)}`;
      minuteSuffix = ` ${e.label}`;
    }
    const inMinute = ms - minute * 60_000;
    return `${minutePrefix}${pad2(Math.floor(inMinute / 1000))}.${pad3(inMinute % 1000)}${minuteSuffix}`;
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

/** One output of a pass over the events: its file, first line and how a row becomes text. */
export interface EventsWriter {
  kind: 'csv' | 'jsonl';
  file: string;
}

export interface WrittenEvents {
  kind: 'csv' | 'jsonl';
  file: string;
  bytes: number;
  sha256: string;
  rows: number;
}

type RowFormatter = (r: Cell[], time: string) => string;

const CSV_HEADER_LINE = `\uFEFF${csvRow(EVENTS_CSV_HEADER)}`;

/** CSV: every field quoted, formula-looking cells neutralised (a UTF-8 BOM lets spreadsheets read non-Latin text right). */
const csvLine: RowFormatter = (r, time) => {
  const cells: (string | number | bigint | null)[] = [r[0] as number, r[1] as number, r[2] as number, time, r[3] as number | null];
  for (let i = 4; i < 4 + DATA_COLUMNS.length; i++) cells.push(r[i] as string | number | null);
  return csvRow(cells);
};

/** JSON lines: one object per event, typed values kept, `extra` parsed, raw bytes (when stored) in base64. */
const jsonLine: RowFormatter = (r, time) => {
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
};

/**
 * Streams the selected events once into every requested output (CSV and JSON lines share one
 * SQLite pass). Rows are joined in batches so the await, and its backpressure, is per batch.
 */
export async function exportEvents(db: Db, writers: readonly EventsWriter[], opts: EventsExportOptions, hooks: JobHooks = {}): Promise<WrittenEvents[]> {
  const { count, rows } = selectEvents(db, opts.filter);
  const fmt = zoneTimeFormatter(opts.zone);
  const title = `Exporting events to ${writers.map((w) => (w.kind === 'csv' ? 'CSV' : 'JSON lines')).join(' and ')}`;
  const outs: { w: EventsWriter; sink: FileSink; line: RowFormatter; batch: string[] }[] = [];
  let n = 0;
  try {
    for (const w of writers) {
      const sink = new FileSink(w.file);
      outs.push({ w, sink, line: w.kind === 'csv' ? csvLine : jsonLine, batch: [] });
      if (w.kind === 'csv') await sink.write(CSV_HEADER_LINE);
    }
    for (const r of rows) {
      const time = fmt(r[3] as number | null);
      for (const o of outs) o.batch.push(o.line(r, time));
      n++;
      if (n % BATCH_ROWS === 0) {
        if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'events export cancelled');
        for (const o of outs) {
          await o.sink.write(o.batch.join(''));
          o.batch = [];
        }
      }
      if (n % PROGRESS_EVERY === 0) {
        hooks.onProgress?.({ value: count ? n / count : null, title, detail: `${n} of ${count} events`, records: n });
      }
    }
    const written: WrittenEvents[] = [];
    for (const o of outs) {
      if (o.batch.length) await o.sink.write(o.batch.join(''));
      written.push({ kind: o.w.kind, file: o.w.file, rows: n, ...(await o.sink.close()) });
    }
    hooks.onProgress?.({ value: 1, title, detail: `${n} events`, records: n });
    return written;
  } catch (e) {
    // close the iterator (and its read transaction) before dropping the partial files
    rows.return?.();
    for (const o of outs) o.sink.discard();
    throw e;
  }
}
