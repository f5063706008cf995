// `loupe report` end to end on the shared hostile corpus, ingested by the real pipeline: every CSV
// cell safe, the PDF text-only, the printed hashes those of the written files, clear exit codes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/core/report/csv';
import { tmpDir } from './fixture';
import { pdfText } from './pdf-tools';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'bin', 'loupe.js');
const hostileDir = path.join(root, 'test', 'fixtures', 'hostile');
const HOSTILE_FILES = ['script_tags.log', 'formula.log', 'bidi.log', 'nul_bytes.log', 'invalid_utf8.log', 'javascript_url.log', 'auth_hostile.log', 'formula.csv'];

const run = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LOUPE_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

// a cell a spreadsheet could run: starts with = + - @ tab CR LF (or padding then = + - @), and is not a plain number
const RUNNABLE = /^(?:[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]|[\s\u00A0\u3000]+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

describe('loupe report on the hostile corpus', () => {
  let dir: string;
  let caseFile: string;
  let out: { files: { kind: string; path: string; bytes: number; sha256: string; rows?: number }[] };

  beforeAll(() => {
    dir = tmpDir();
    caseFile = path.join(dir, 'hostile.loupe');
    const files = HOSTILE_FILES.map((f) => path.join(hostileDir, f)).filter((f) => fs.existsSync(f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const r = run(['ingest', '--case', caseFile, f, '--json']);
      expect(r.status, r.stderr).toBe(0);
    }
    const a = run(['analyze', caseFile, '--quiet']);
    expect(a.status, a.stderr).toBe(0);
    const r = run(['report', caseFile, '--pdf', path.join(dir, 'r.pdf'), '--csv', path.join(dir, 'f.csv'), '--json', path.join(dir, 'f.json'), '--events-csv', path.join(dir, 'e.csv'), '--events-jsonl', path.join(dir, 'e.jsonl'), '--json-output', '-q']);
    expect(r.status, r.stderr).toBe(0);
    out = JSON.parse(r.stdout) as typeof out;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints every written file with its real size and SHA-256', () => {
    expect(out.files.map((f) => f.kind)).toEqual(['pdf', 'findings-csv', 'findings-json', 'events-csv', 'events-jsonl']);
    for (const f of out.files) {
      const bytes = fs.readFileSync(f.path);
      expect(bytes.length).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      expect(fs.existsSync(`${f.path}.partial`)).toBe(false);
    }
  });

  it('writes no events CSV cell a spreadsheet could run', () => {
    const rows = parseCsv(fs.readFileSync(path.join(dir, 'e.csv'), 'utf8'));
    expect(rows.length - 1).toBe(out.files.find((f) => f.kind === 'events-csv')!.rows);
    expect(rows.length).toBeGreaterThan(10);
    let checked = 0;
    let neutralised = 0;
    for (const row of rows.slice(1)) {
      expect(row.length).toBe(rows[0]!.length);
      for (const cell of row) {
        checked++;
        if (cell.startsWith("'")) neutralised++;
        expect(RUNNABLE.test(cell) && !PLAIN_NUMBER.test(cell), JSON.stringify(cell.slice(0, 60))).toBe(false);
      }
    }
    expect(neutralised).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(100);
  });

  it('writes JSON lines that all parse, one per event', () => {
    const lines = fs.readFileSync(path.join(dir, 'e.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
    expect(lines.length).toBe(out.files.find((f) => f.kind === 'events-jsonl')!.rows);
    for (const l of lines) expect(typeof (JSON.parse(l) as { id: number }).id).toBe('number');
  });

  it('keeps the PDF text-only: attack payloads and javascript: URLs as text, no links', () => {
    const pdf = path.join(dir, 'r.pdf');
    const raw = fs.readFileSync(pdf).toString('latin1');
    expect(raw).not.toContain('/URI');
    expect(raw).not.toContain('/Annots');
    const text = pdfText(pdf);
    expect(text.includes('\u202E')).toBe(false);
    expect(text.includes('<script>alert(document.cookie)</script>'), 'script tag as text').toBe(true);
    expect(text.includes('javascript:alert(1)'), 'javascript: URL as text').toBe(true);
    for (const f of HOSTILE_FILES.filter((x) => fs.existsSync(path.join(hostileDir, x)))) expect(text.includes(path.join(hostileDir, f)), f).toBe(true);
  });

  it('exits 2 on a usage error and 1 with one line on a failure', () => {
    const usage = run(['report', caseFile]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/nothing to export/);
    const missing = run(['report', path.join(dir, 'nope.loupe'), '--pdf', path.join(dir, 'x.pdf')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n').length).toBe(1);
    const zone = run(['report', caseFile, '--pdf', path.join(dir, 'x.pdf'), '--zone', 'Nowhere/Land']);
    expect(zone.status).toBe(1);
    expect(zone.stderr).toMatch(/unknown time zone/);
  });

  it('refuses a pipe or device as the target instead of renaming a plain file over it (/dev/stdout as root)', () => {
    const fifo = path.join(dir, 'out.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = run(['report', caseFile, '--events-csv', fifo, '-q']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--events-csv .*out\.fifo is not a regular file/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.lstatSync(fifo).isFIFO(), 'the pipe is still a pipe').toBe(true);
    expect(fs.existsSync(`${fifo}.partial`)).toBe(false);
  });
});
