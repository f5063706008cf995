// Container runtime logs (Docker json-file, Kubernetes CRI): the wrapper is removed and the
// application's own lines are read, with the lines the runtime split joined again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContainerLogSplitter, containerKind } from '../../../src/core/ingest/container';
import { ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { cleanTmp, tmpDir } from './helpers';

afterEach(cleanTmp);

const access = (ip: string, p: string): string => `${ip} - - [05/Mar/2024:10:00:00 +0000] "GET ${p} HTTP/1.1" 404 153 "-" "curl/8"`;
const docker = (log: string, stream = 'stdout'): string => JSON.stringify({ log, stream, time: '2024-03-05T10:00:00.123456789Z' });

describe('container log wrappers', () => {
  it('recognises Docker json-file and CRI heads, and nothing else', () => {
    expect(containerKind([docker(`${access('203.0.113.1', '/')}\n`)])).toBe('docker');
    expect(containerKind([`2024-03-05T10:00:00.1Z stdout F ${access('203.0.113.1', '/')}`])).toBe('cri');
    expect(containerKind([JSON.stringify({ log: 'x', level: 'info' })])).toBeNull();
    expect(containerKind([access('203.0.113.1', '/')])).toBeNull();
  });

  it('joins split lines (Docker: no trailing newline; CRI: P) across chunk boundaries; keeps hostile text as text', () => {
    const d = new ContainerLogSplitter('docker');
    const input = [docker('first part, '), docker('second part\n'), docker('<script>alert(1)</script>\n', 'stderr'), 'not a wrapper line'].join('\n') + '\n';
    const bytes = Buffer.from(input, 'utf8');
    const out = Buffer.concat([d.push(bytes.subarray(0, 37)), d.push(bytes.subarray(37)), d.finish()]).toString('utf8');
    expect(out).toBe('first part, second part\n<script>alert(1)</script>\nnot a wrapper line\n');
    expect(d.records).toBe(2);
    const c = new ContainerLogSplitter('cri');
    const cri = '2024-03-05T10:00:01Z stdout P abc\n2024-03-05T10:00:01Z stdout F def\n2024-03-05T10:00:02Z stderr F ghi';
    expect(Buffer.concat([c.push(Buffer.from(cri)), c.finish()]).toString('utf8')).toBe('abcdef\nghi\n');
  });

  it('joins stdout and stderr partials separately, and cuts a line that never ends', () => {
    const c = new ContainerLogSplitter('cri');
    const lines = ['2024-03-05T10:00:00Z stderr P err-part ', '2024-03-05T10:00:00Z stdout F out-line', '2024-03-05T10:00:01Z stderr F err-end'];
    expect(Buffer.concat([c.push(Buffer.from(lines.join('\n') + '\n')), c.finish()]).toString('utf8')).toBe('out-line\nerr-part err-end\n');
    // 20 partial pieces of 1 MiB: cut at 16 MiB instead of growing without bound
    const big = new ContainerLogSplitter('cri');
    const piece = `2024-03-05T10:00:00Z stdout P ${'B'.repeat(1 << 20)}\n`;
    const out: Buffer[] = [];
    for (let i = 0; i < 20; i++) out.push(big.push(Buffer.from(piece)));
    out.push(big.push(Buffer.from('2024-03-05T10:00:01Z stdout F end\n')), big.finish());
    const recs = Buffer.concat(out).toString('utf8').split('\n').filter((l) => l !== '');
    expect(recs.length).toBe(2);
    expect(recs[0]!.length).toBeGreaterThan(16 << 20);
    expect(recs[0]!.length + recs[1]!.length).toBe(20 * (1 << 20) + 3);
  });

  it('does not take a JSON line with many repeated keys for a Docker line (and decides quickly)', () => {
    const l = `{"log":"x",${'"stream":"stdout","time":"t",'.repeat(20000)}"z":1}`;
    expect(containerKind([l, l, l])).toBe('docker');
    expect(containerKind([`{"log":"x",${'"a":"b",'.repeat(20000)}"z":1}`])).toBeNull();
  });

  it('ingests the application lines inside, every record accounted for', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'nginx-json.log');
    fs.writeFileSync(f, [docker(`${access('203.0.113.70', '/phpmyadmin/')}\n`), docker(`${access('203.0.113.71', '/.env')}\n`)].join('\n') + '\n');
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [f], threads: 1 });
    const s = sources[0]!;
    expect([s.format, s.records, s.events, s.quarantined]).toEqual(['combined', 2, 2, 0]);
    expect(s.cleaning.notes.join(' ')).toMatch(/Docker json-file container log: the runtime's wrapper was removed and the 2 application lines in it read as combined/);
    const db = openCase(caseFile, { readonly: true });
    expect(db.prepare('SELECT src_ip, path, status FROM events ORDER BY line_no').all()).toEqual([
      { src_ip: '203.0.113.70', path: '/phpmyadmin/', status: 404 },
      { src_ip: '203.0.113.71', path: '/.env', status: 404 },
    ]);
    db.close();
  });

  it('reads a CRI log whose lines no one format reads with its wrapper, not refused: the runtime\'s times, each line\'s address', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'app.log');
    const lines = [
      `2024-03-05T10:00:00.123456789Z stdout F ${access('10.244.1.7', '/healthz')}`,
      '2024-03-05T10:00:01.000000001Z stderr F level=error msg="login failed" user=admin src=203.0.113.9',
      '2024-03-05T10:00:02.500000000Z stdout F Traceback (most recent call last):',
    ];
    fs.writeFileSync(f, lines.join('\n') + '\n');
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [f], threads: 1 });
    const s = sources[0]!;
    expect([s.format, s.records, s.events, s.quarantined]).toEqual(['text', 3, 3, 0]);
    expect(s.cleaning.notes.join(' ')).toMatch(/Kubernetes \(CRI\) container log whose application lines no one format reads/);
    const db = openCase(caseFile, { readonly: true });
    expect(db.prepare('SELECT ts, src_ip FROM events ORDER BY line_no').all()).toEqual([
      { ts: Date.UTC(2024, 2, 5, 10, 0, 0, 123), src_ip: '10.244.1.7' },
      { ts: Date.UTC(2024, 2, 5, 10, 0, 1, 0), src_ip: '203.0.113.9' },
      { ts: Date.UTC(2024, 2, 5, 10, 0, 2, 500), src_ip: null },
    ]);
    db.close();
  });

  it("reads a container's stdout and stderr as their two formats (nginx access and error lines), in the json-file and as docker logs saves them", async () => {
    const dir = tmpDir();
    const errorLine = '2024/03/05 10:00:01 [error] 29#29: *1 open() "/usr/share/nginx/html/.env" failed (2: No such file or directory), client: 203.0.113.71, server: localhost, request: "GET /.env HTTP/1.1", host: "shop.example"';
    const app = [access('203.0.113.70', '/'), access('203.0.113.71', '/.env'), errorLine, access('203.0.113.72', '/about')];
    const wrapped = path.join(dir, 'nginx-json.log');
    fs.writeFileSync(wrapped, app.map((l, i) => docker(`${l}\n`, i === 2 ? 'stderr' : 'stdout')).join('\n') + '\n');
    const saved = path.join(dir, 'docker-logs.txt');
    fs.writeFileSync(saved, app.join('\n') + '\n');
    // an access log with a damaged line and a stray timestamped line: no second format, both quarantined
    const damaged = path.join(dir, 'damaged.log');
    fs.writeFileSync(damaged, [access('203.0.113.70', '/'), '203.0.113.71 - - [05/Mar/2024:10:00:00 +0000] "GET /cut', '2024-03-05 10:00:00 something else entirely', access('203.0.113.72', '/')].join('\n') + '\n');
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [wrapped, saved, damaged], threads: 1 });
    expect(sources.map((s) => [s.format, s.records, s.events, s.quarantined])).toEqual([
      ['combined', 4, 4, 0],
      ['combined', 4, 4, 0],
      ['combined', 4, 2, 2],
    ]);
    expect(sources[0]!.cleaning.notes.join(' ')).toMatch(/1 of the first lines are not combined but errorlog/);
    expect(sources[2]!.cleaning.notes.join(' ')).not.toMatch(/of the first lines are not/);
    const db = openCase(caseFile, { readonly: true });
    const rows = db.prepare('SELECT source_id, src_ip, path, status, program FROM events WHERE line_no = 3 ORDER BY source_id').all();
    expect(rows).toEqual([
      { source_id: 1, src_ip: '203.0.113.71', path: '/.env', status: 404, program: 'nginx' },
      { source_id: 2, src_ip: '203.0.113.71', path: '/.env', status: 404, program: 'nginx' },
    ]);
    db.close();
  });
});
