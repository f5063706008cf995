// The generator streams: memory stays flat as --lines grows, gzip output is the same text, and the
// `loupe gen` command line reports errors with the right exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateTo } from './helpers';

const root = path.resolve(__dirname, '../../..');
const bin = path.join(root, 'bin/loupe.js');

/** Peak RSS (MiB) of `loupe gen` for one format and size, read from the child itself at exit. */
function peakRss(lines: number, format: string): number {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-gen-rss-'));
  const preload = path.join(tmp, 'rss.cjs');
  fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\\n`));\n");
  const r = spawnSync(process.execPath, ['-r', preload, bin, 'gen', '--out', path.join(tmp, 'out'), '--seed', '3', '--lines', String(lines), '--formats', format], { encoding: 'utf8' });
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(r.status, r.stderr).toBe(0);
  const m = /maxrss=(\d+)/.exec(r.stderr);
  return Number(m?.[1]) / 1024;
}

describe('streaming', () => {
  it('keeps memory flat from 100k to 1M lines', () => {
    const small = peakRss(100_000, 'access');
    const large = peakRss(1_000_000, 'access');
    // planted incidents grow a little with --lines (capped); the background is streamed
    expect(large - small).toBeLessThan(120);
  }, 240_000);

  it('writes the same text gzipped', async () => {
    const plain = await generateTo({ seed: 5, lines: 20_000, formats: ['auth', 'flows'] });
    const gz = await generateTo({ seed: 5, lines: 20_000, formats: ['auth', 'flows'], gzip: true });
    for (const f of ['auth.log', 'flows.csv']) {
      const packed = fs.readFileSync(path.join(gz.dir, `${f}.gz`));
      expect(packed[0]).toBe(0x1f);
      expect(packed[1]).toBe(0x8b);
      expect(zlib.gunzipSync(packed).equals(fs.readFileSync(path.join(plain.dir, f)))).toBe(true);
    }
    expect(gz.truth.files.auth?.path).toBe('auth.log.gz');
    const strip = (t: typeof plain.truth): unknown => t.incidents.map((i) => ({ ...i, files: i.files.map((f) => f.replace(/\.gz$/, '')) }));
    expect(strip(gz.truth)).toEqual(strip(plain.truth));
    fs.rmSync(plain.dir, { recursive: true, force: true });
    fs.rmSync(gz.dir, { recursive: true, force: true });
  }, 120_000);
});

describe('spans', () => {
  it('fits every incident kind into a one-hour file', async () => {
    const { dir, truth } = await generateTo({ seed: 21, lines: 20_000, hours: 1, formats: ['access', 'flows'], start: '2025-06-01T12:00:00Z' });
    expect(new Set(truth.incidents.map((i) => i.kind)).size).toBeGreaterThanOrEqual(12);
    for (const i of truth.incidents) expect(i.firstSeen >= truth.start && i.lastSeen <= truth.end, i.id).toBe(true);
    const last = fs.readFileSync(path.join(dir, 'flows.csv'), 'utf8').trimEnd().split('\n').pop()!;
    expect(last.startsWith('2025-06-01 12:5')).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('loupe gen', () => {
  it('writes the files and prints the ground truth with --json', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-gen-cli-'));
    const stdout = execFileSync(process.execPath, [bin, 'gen', '--out', out, '--seed', '11', '--lines', '20000', '--formats', 'auth,webcsv', '--start', '2024-12-31T18:00:00Z', '--hours', '12', '--json'], { encoding: 'utf8' });
    const truth = JSON.parse(stdout) as { start: string; end: string; files: Record<string, unknown>; incidents: Array<{ files: string[] }> };
    expect(truth.start).toBe('2024-12-31T18:00:00.000Z');
    expect(truth.end).toBe('2025-01-01T06:00:00.000Z');
    expect(Object.keys(truth.files).sort()).toEqual(['auth', 'webcsv']);
    expect(fs.readdirSync(out).sort()).toEqual(['auth.log', 'ground-truth.json', 'weblogs.csv']);
    expect(truth.incidents.every((i) => i.files[0] === 'auth.log' || i.files[0] === 'weblogs.csv')).toBe(true);
    // a span across New Year: syslog lines from both years, without the year
    const auth = fs.readFileSync(path.join(out, 'auth.log'), 'utf8');
    expect(auth.startsWith('Dec 31 18:')).toBe(true);
    expect(auth.includes('\nJan  1 0')).toBe(true);
    fs.rmSync(out, { recursive: true, force: true });
  }, 120_000);

  it('exits 2 with one line on bad usage', () => {
    for (const args of [['--seed', 'x'], ['--formats', 'access,pcap'], ['--hours', '-1'], ['--start', 'yesterday'], ['--lines', '500']]) {
      const r = spawnSync(process.execPath, [bin, 'gen', '--out', path.join(os.tmpdir(), 'loupe-gen-bad'), ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^loupe: /);
    }
    fs.rmSync(path.join(os.tmpdir(), 'loupe-gen-bad'), { recursive: true, force: true });
  });
});
