// JSON documents (arrays, CloudTrail's {"Records":[...]}, pretty-printed objects) are streamed as
// one record per element: the splitter at every chunk boundary, and whole gzipped documents
// through the ingest engine, with every element accounted for.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonDocSplitter, looksLikeJsonDocument } from '../../../src/core/ingest/jsondoc';
import { getRawLine, ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { cleanTmp, tmpDir } from './helpers';

afterEach(cleanTmp);

/** Splits `text` pushed in chunks of `size` bytes; returns the record lines and the splitter. */
function split(text: string, size: number): { lines: string[]; s: JsonDocSplitter } {
  const s = new JsonDocSplitter();
  const b = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) parts.push(s.push(b.subarray(i, i + size)));
  parts.push(s.finish());
  const lines = Buffer.concat(parts).toString('utf8').split('\n');
  expect(lines.pop()).toBe(''); // every record ends with a line feed
  return { lines, s };
}

describe('JsonDocSplitter', () => {
  const cases: [string, string, string[], string | null][] = [
    ['a top-level array, brackets and escaped quotes inside strings', '[\n  {"a": 1, "s": "x,]}\\"["},\n  {"b": "ünï"}\n]\n', ['{"a": 1, "s": "x,]}\\"["}', '{"b": "ünï"}'], null],
    ['CloudTrail: the Records array inside an object, keys after it dropped', '{"Records":[{"a":[1,2],"b":{"c":"d"}},{"a":2}],"NextToken":"x"}', ['{"a":[1,2],"b":{"c":"d"}}', '{"a":2}'], 'Records'],
    ['Elasticsearch: the hits array found at depth two, past an array of strings', '{"took":5,"hits":{"total":2,"tags":["x","y"],"hits":[{"_source":{"ip":"1.2.3.4"}},{"_source":{"ip":"5.6.7.8"}}]}}', ['{"_source":{"ip":"1.2.3.4"}}', '{"_source":{"ip":"5.6.7.8"}}'], 'hits'],
    ['pretty-printed objects one after another', '{\n  "a": 1,\n  "b": "two"\n}\n{\n  "a": 2\n}\n', ['{   "a": 1,   "b": "two" }', '{   "a": 2 }'], null],
    ['scalars in an array are records too (the parser quarantines them)', '[1, "two", null, [3], {"x":1}]', ['1', '"two"', 'null', '[3]', '{"x":1}'], null],
    ['a document cut off mid-element keeps the cut element as a last record', '[{"a":1},{"b":', ['{"a":1}', '{"b":'], null],
    ['a byte order mark is not a record', '\ufeff[{"a":1}]', ['{"a":1}'], null],
  ];
  for (const [name, text, want, key] of cases) {
    it(name, () => {
      for (const size of [1, 2, 3, 7, 1 << 16]) {
        const { lines, s } = split(text, size);
        expect(lines, `chunks of ${size}`).toEqual(want);
        expect(s.records).toBe(want.length);
        expect(s.key).toBe(key);
      }
    });
  }

  it('recognises documents, not JSON lines', () => {
    const is = (t: string): boolean => looksLikeJsonDocument(Buffer.from(t), t.split('\n').filter((l) => l !== ''));
    expect(is('{"a":1}\n{"a":2}\n')).toBe(false);
    expect(is('{"a":1,"answers":[{"x":1}]}\n{"a":2,"answers":[{"x":2}]}\n')).toBe(false);
    expect(is('[{"a":1}]')).toBe(true);
    expect(is('{"Records":[{"a":1}]}')).toBe(true);
    expect(is('{\n "a": 1\n}\n')).toBe(true);
    expect(is('a,b\n1,2\n')).toBe(false);
    // log lines that open with a bracketed date or level are not JSON
    expect(is('[Wed May 01 10:00:03 2024] [error] [client 203.0.113.5] File does not exist: /x\n')).toBe(false);
    expect(is('[2024-05-01 10:00:00] app.ERROR: failed\n')).toBe(false);
    expect(is('[\n  {"a": 1}\n]')).toBe(true);
  });
});

describe('ingesting JSON documents', () => {
  it('a gzipped CloudTrail file: every record an event, console sign-in failures typed, attacker text kept as text', async () => {
    const dir = tmpDir();
    const records = Array.from({ length: 3000 }, (_, i) => ({
      eventVersion: '1.08',
      eventTime: new Date(Date.UTC(2024, 4, 1, 10, 0, 0) + i * 1000).toISOString(),
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      sourceIPAddress: i % 3 === 0 ? '198.51.100.9' : `10.1.${i % 50}.${i % 200}`,
      userAgent: 'Mozilla/5.0 <script>alert(1)</script>',
      userIdentity: { type: 'IAMUser', userName: `user${i % 40}` },
      responseElements: { ConsoleLogin: i % 3 === 0 ? 'Failure' : 'Success' },
    }));
    const file = path.join(dir, 'cloudtrail.json.gz');
    fs.writeFileSync(file, gzipSync(JSON.stringify({ Records: records })));
    const caseFile = path.join(dir, 'c.loupe');
    // small blocks: records cut across many blocks and chunks
    const { sources } = await ingestFiles({ caseFile, files: [file], threads: 2, blockSize: 4096 });
    const s = sources[0]!;
    expect([s.format, s.records, s.events, s.quarantined, s.status]).toEqual(['jsonl', 3000, 3000, 0, 'complete']);
    expect(s.cleaning.notes.join(' ')).toMatch(/one JSON document, not JSON lines: 3000 records from its "Records" array/);
    const db = new Database(caseFile, { readonly: true });
    const rows = db.prepare("SELECT action, COUNT(*) AS n FROM events WHERE src_ip = '198.51.100.9' GROUP BY action").all();
    const first = db.prepare('SELECT line_no, user, program, user_agent FROM events ORDER BY line_no LIMIT 1').get();
    db.close();
    expect(rows).toEqual([{ action: 'auth_failure', n: 1000 }]);
    // the raw text is the element itself (offsets point into the rewritten document, not the file)
    const rw = openCase(caseFile);
    const raw = getRawLine(rw, 1)!.toString('utf8');
    rw.close();
    expect(JSON.parse(raw)).toEqual(records[0]);
    expect(first).toEqual({ line_no: 1, user: 'user0', program: 'signin.amazonaws.com', user_agent: 'Mozilla/5.0 <script>alert(1)</script>' });
  });

  it('the array fixture the format layer refuses on its own is read by the ingest engine', async () => {
    const dir = tmpDir();
    const { sources } = await ingestFiles({ caseFile: path.join(dir, 'c.loupe'), files: [path.join(__dirname, '../../fixtures/formats/array.json')], threads: 1 });
    expect([sources[0]!.format, sources[0]!.records, sources[0]!.events]).toEqual(['jsonl', 1, 1]);
  });

  it('an empty array is a complete source with no records, and says so', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'empty.json');
    fs.writeFileSync(file, '[ ]\n');
    const { sources } = await ingestFiles({ caseFile: path.join(dir, 'c.loupe'), files: [file], threads: 1 });
    expect([sources[0]!.records, sources[0]!.status]).toEqual([0, 'complete']);
    expect(sources[0]!.cleaning.notes.join(' ')).toMatch(/the document holds no records/);
  });

  it('an array with a broken element: the element is quarantined, the rest ingested', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'export.json');
    fs.writeFileSync(file, '[\n  {"time": "2024-05-01T10:00:00Z", "src_ip": "10.0.0.1", "dst_port": 22},\n  {"time": "2024-05-01T10:00:01Z", "src_ip": oops},\n  {"time": "2024-05-01T10:00:02Z", "src_ip": "10.0.0.2", "dst_port": 23}\n]\n');
    const { sources } = await ingestFiles({ caseFile: path.join(dir, 'c.loupe'), files: [file], threads: 1 });
    expect([sources[0]!.records, sources[0]!.events, sources[0]!.quarantined]).toEqual([3, 2, 1]);
  });
});
