// The streaming core with a tiny test format: framing at record boundaries whatever the chunking,
// quoted newlines across block boundaries, unterminated quotes, and exact counts at every commit.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import type { FormatSpec } from '../../../src/core/formats/types';
import { RecordFramer } from '../../../src/core/ingest/framing';
import { IngestSession, InlineParser, InlineSink, sessionCleaning } from '../../../src/core/ingest';
import { openCase, type Db } from '../../../src/core/store/case';
import { insertSource } from '../../../src/core/store/sources';
import { cleanTmp, tmpDir } from './helpers';

afterEach(cleanTmp);

const PATH = EVENT_COLUMNS.findIndex((c) => c.name === 'path');
const STATUS = EVENT_COLUMNS.findIndex((c) => c.name === 'status');

/** Splits one RFC 4180 record; null when a quote is left open. */
function splitCsv(rec: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (rec[i] === '"') {
      i++;
      for (;;) {
        if (i >= rec.length) return null;
        if (rec[i] === '"') {
          if (rec[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += rec[i++];
      }
    } else {
      while (i < rec.length && rec[i] !== ',') field += rec[i++];
    }
    out.push(field);
    if (i >= rec.length) return out;
    i++; // comma
  }
}

/** A two-column CSV (path,status) with a header; parse errors are quarantined with a reason. */
const tinyCsv: FormatSpec = {
  name: 'tinycsv',
  title: 'test CSV',
  description: 'path,status',
  framing: 'csv',
  samples: ['path,status', '/a,200'],
  detect: () => ({ confidence: 1, layout: { format: 'tinycsv', header: ['path', 'status'], mapping: {}, firstRecordLine: 2 } }),
  createParser: () => ({
    parse(text, row) {
      const f = splitCsv(text);
      if (!f) return 'unterminated quote';
      if (f.length !== 2) return `expected 2 fields, got ${f.length}`;
      row[PATH] = f[0]!;
      const n = Number(f[1]);
      if (!Number.isInteger(n)) return 'status is not a number';
      row[STATUS] = n;
      return null;
    },
  }),
};

function newSource(db: Db): number {
  return insertSource(db, {
    path: 'test', sha256: null, bytes: 0, mtime: null, format: 'tinycsv', mapping: null, timezone: 'UTC', timezoneSource: 'default',
    year: null, yearSource: null, gzip: false, parserVersion: 't', options: {}, startedAt: Date.now(), status: 'ingesting',
  });
}

async function run(db: Db, data: Buffer, chunk: number, blockSize: number) {
  const sourceId = newSource(db);
  const s = new IngestSession({
    sourceId,
    settings: { format: 'tinycsv', framing: 'csv', layout: tinyCsv.detect([])!.layout, tz: null, year: null, refTime: null, storeRaw: true },
    parser: new InlineParser(() => tinyCsv),
    sink: new InlineSink(db),
    blockSize,
    maxRecordBytes: 1 << 20,
    headerLines: 1,
    onBatch: (t) => {
      // counts in the case are exact after every commit
      const c = db.prepare('SELECT records, events, quarantined FROM sources WHERE id = ?').get(sourceId) as { records: number; events: number; quarantined: number };
      expect(c.records).toBe(t.records);
      expect(c.records).toBe(c.events + c.quarantined);
    },
  });
  for (let i = 0; i < data.length; i += chunk) await s.push(data.subarray(i, i + chunk));
  const t = await s.end();
  const rows = db.prepare('SELECT line_no, path, status, raw FROM events WHERE source_id = ? ORDER BY line_no').all(sourceId) as { line_no: number; path: string; status: number; raw: Buffer }[];
  const q = db.prepare('SELECT line_no, reason, raw FROM quarantine WHERE source_id = ? ORDER BY line_no').all(sourceId) as { line_no: number; reason: string; raw: Buffer }[];
  return { t, rows, q };
}

describe('IngestSession', () => {
  const csv = Buffer.from(
    'path,status\r\n/a,200\r\n"/multi\nline, with ""quotes""",404\r\n/é€,500\r\n\r\n"/x\n\ny",301\n/bad,abc\n/last,200',
  );

  it('frames quoted newlines and UTF-8 the same whatever the chunk and block sizes', async () => {
    const db = openCase(path.join(tmpDir(), 'c.loupe'));
    const reference = await run(db, csv, csv.length, 1 << 20);
    expect(reference.rows.map((r) => r.path)).toEqual(['/a', '/multi\nline, with "quotes"', '/é€', '/x\n\ny', '/last']);
    expect(reference.rows.map((r) => r.line_no)).toEqual([2, 3, 5, 7, 11]);
    expect(reference.q.map((r) => [r.line_no, r.reason, r.raw.toString()])).toEqual([[10, 'status is not a number', '/bad,abc']]);
    expect(reference.t.records).toBe(6);
    expect(reference.t.blank).toBe(1);
    // raw keeps the exact bytes of each record (CRLF excluded)
    expect(reference.rows[1]!.raw.toString()).toBe('"/multi\nline, with ""quotes""",404');
    for (const chunk of [1, 2, 3, 7]) {
      for (const block of [1, 5, 16]) {
        const r = await run(db, csv, chunk, block);
        expect(r.rows.map((x) => [x.line_no, x.path, x.status])).toEqual(reference.rows.map((x) => [x.line_no, x.path, x.status]));
        expect(r.q.map((x) => x.line_no)).toEqual([10]);
        expect(r.t.records).toBe(r.t.events + r.t.quarantined);
      }
    }
    db.close();
  });

  it('does not let an unterminated quote swallow the rest of the file', async () => {
    const db = openCase(path.join(tmpDir(), 'c.loupe'));
    const lines = ['path,status', '/ok,200', '"/open,200', ...Array.from({ length: 50 }, (_, i) => `/r${i},200`)];
    const data = Buffer.from(lines.join('\n') + '\n');
    for (const block of [64, 1 << 20]) {
      const r = await run(db, data, 100, block);
      expect(r.t.records).toBe(52);
      expect(r.t.events).toBe(51);
      expect(r.q[0]!.reason).toBe('unterminated quote');
      expect(r.q[0]!.line_no).toBe(3);
      expect(sessionCleaning(r.t).notes.join(' ')).toMatch(/never closed|record size limit/);
    }
    db.close();
  });
});

describe('RecordFramer', () => {
  it('cuts line blocks only after a line feed and keeps every byte exactly once', () => {
    const f = new RecordFramer({ framing: 'lines', blockSize: 10, maxRecordBytes: 1000 });
    const text = Buffer.from('aaaa\nbbbbbbbbbbbbbbbb\ncc\nd€\ne');
    const blocks = [];
    for (let i = 0; i < text.length; i += 3) blocks.push(...f.push(text.subarray(i, i + 3)));
    const last = f.finish();
    if (last) blocks.push(last);
    expect(Buffer.concat(blocks.map((b) => Buffer.from(b.bytes))).equals(text)).toBe(true);
    let offset = 0;
    for (const b of blocks.slice(0, -1)) {
      expect(b.offset).toBe(offset);
      expect(b.bytes[b.bytes.length - 1]).toBe(0x0a);
      offset += b.bytes.length;
    }
  });

  it('cuts a record longer than the limit instead of holding it forever', () => {
    const f = new RecordFramer({ framing: 'lines', blockSize: 8, maxRecordBytes: 32 });
    const out = f.push(Buffer.alloc(40, 0x41));
    expect(out).toHaveLength(1);
    expect(f.forcedCuts).toBe(1);
  });
});
