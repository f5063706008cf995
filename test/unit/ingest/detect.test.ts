// Looking at files before ingesting them, and paging through quarantine afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { detectFiles, ingestFiles, listQuarantine } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { DATA, HOSTILE, accessLog, cleanTmp, tmpDir } from './helpers';

afterEach(cleanTmp);

describe('detectFiles', () => {
  it('names the format from the content (never the file name), sees gzip, and explains what it cannot map', async () => {
    const dir = tmpDir();
    const disguised = path.join(dir, 'flows.csv');
    fs.writeFileSync(disguised, gzipSync(fs.readFileSync(path.join(DATA, 'auth.log'))));
    const [auth, gz, binary, missing] = await detectFiles([path.join(DATA, 'auth.log'), disguised, path.join(HOSTILE, 'binary.bin'), path.join(dir, 'nope.log')]);
    expect(auth!.format).toBe('syslog');
    expect(auth!.headLines[0]).toMatch(/^Mar 27/);
    expect(gz!.gzip).toBe(true);
    expect(gz!.format).toBe('syslog');
    expect(binary!.format).toBeNull();
    expect(binary!.error).toMatch(/--format|--map/);
    expect(missing!.error).toMatch(/no such file/);
  });
});

describe('a head with very long lines', () => {
  it('reads past 64 KiB to whole lines: JSON lines whose first record is 100 KiB ingest as JSON lines, nothing lost', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'events.jsonl');
    const rows = [{ ts: '2025-03-17T00:00:00Z', src_ip: '10.0.0.1', msg: 'x'.repeat(100_000) }];
    for (let i = 0; i < 5; i++) rows.push({ ts: `2025-03-17T00:00:0${i}Z`, src_ip: `10.0.0.${i + 2}`, msg: 'hello' });
    fs.writeFileSync(f, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const [d] = await detectFiles([f]);
    expect(d!.format).toBe('jsonl');
    const { sources } = await ingestFiles({ caseFile: path.join(dir, 'c.loupe'), files: [f], threads: 1 });
    expect(sources[0]!.format).toBe('jsonl');
    expect(sources[0]!.events).toBe(6);
    expect(sources[0]!.quarantined).toBe(0);
    const db = openCase(path.join(dir, 'c.loupe'), { readonly: true });
    expect((db.prepare('SELECT length(message) AS n FROM events WHERE line_no = 1').get() as { n: number }).n).toBe(100_000);
    db.close();
  });
});

describe('listQuarantine', () => {
  it('pages through quarantined records in line order with their exact raw text and reason', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'mixed.log');
    const lines = accessLog(30).split('\n').slice(0, 30);
    for (let i = 0; i < 30; i += 3) lines[i] = `garbage line ${i} <script>x</script>`;
    fs.writeFileSync(f, lines.join('\n') + '\n');
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [f], format: 'combined', threads: 1 });
    expect(sources[0]!.quarantined).toBe(10);
    const db = openCase(caseFile, { readonly: true });
    const first = listQuarantine(db, sources[0]!.id, { limit: 4 });
    expect(first.total).toBe(10);
    expect(first.rows.map((r) => r.lineNo)).toEqual([1, 4, 7, 10]);
    expect(first.rows[1]!.raw).toBe('garbage line 3 <script>x</script>');
    expect(first.rows[0]!.reason.length).toBeGreaterThan(0);
    const second = listQuarantine(db, sources[0]!.id, { limit: 4, afterLine: first.nextAfterLine! });
    expect(second.rows.map((r) => r.lineNo)).toEqual([13, 16, 19, 22]);
    const byId = listQuarantine(db, sources[0]!.id, { limit: 100, afterId: first.nextAfterId! });
    expect(byId.rows).toHaveLength(6);
    expect(byId.nextAfterId).toBeNull();
    db.close();
  });
});
