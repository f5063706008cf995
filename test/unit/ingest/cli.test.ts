// The ingest command line as outside scripts use it: --json shape, exit codes, standard input,
// info, formats, and a crash test (SIGKILL mid-ingest leaves a case that opens and says so).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, DATA, accessLog, cleanTmp, countCase, runCli, tmpDir } from './helpers';

afterEach(cleanTmp);

describe('loupe ingest', () => {
  it('ingests the real sample logs and --json accounts for every record', () => {
    const caseFile = path.join(tmpDir(), 'c.loupe');
    const files = ['apache_access.log', 'auth.log', 'shop_access.log'].map((f) => path.join(DATA, f));
    const r = runCli(['ingest', ...files, '--case', caseFile, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { sources: Record<string, unknown>[] };
    expect(out.sources).toHaveLength(3);
    for (const s of out.sources) {
      for (const k of ['path', 'sha256', 'bytes', 'format', 'records', 'events', 'quarantined', 'status', 'cleaning']) expect(s).toHaveProperty(k);
      expect(s.records).toBe((s.events as number) + (s.quarantined as number));
      expect(s.status).toBe('complete');
    }
    expect(out.sources.map((s) => s.records)).toEqual([10000, 7121, 1000]);
    const info = runCli(['info', caseFile, '--json']);
    expect(info.status).toBe(0);
    expect((JSON.parse(info.stdout) as { totals: { records: number } }).totals.records).toBe(18121);
    const text = runCli(['info', caseFile]);
    expect(text.stdout).toMatch(/18,?121 records/);
    expect(text.stdout).toMatch(/year \d{4} \(from the file modification time\)/);
  });

  it('exits 1 with one line for a missing file, and 2 for usage errors', () => {
    const caseFile = path.join(tmpDir(), 'c.loupe');
    const missing = runCli(['ingest', '/nonexistent/x.log', '--case', caseFile]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/no such file/);
    const noCase = runCli(['ingest', path.join(DATA, 'auth.log')]);
    expect(noCase.status).toBe(2);
    const badFormat = runCli(['ingest', path.join(DATA, 'auth.log'), '--case', caseFile, '--format', 'nope']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toMatch(/unknown format/);
    const badZone = runCli(['ingest', path.join(DATA, 'auth.log'), '--case', caseFile, '--tz', 'Mars/Olympus']);
    expect(badZone.status).toBe(2);
  });

  it('--map takes several role=column pairs after it, as `--map ts=col1 src_ip=col2` reads', () => {
    const dir = tmpDir();
    const csv = path.join(dir, 'nohead.csv');
    fs.writeFileSync(csv, '10.0.0.1,2024-01-05T10:00:00Z,443\n10.0.0.2,2024-01-05T10:00:01Z,22\n');
    const caseFile = path.join(dir, 'c.loupe');
    const refused = runCli(['ingest', csv, '--case', caseFile]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--map ts=col2 --map src_ip=col1');
    const r = runCli(['ingest', csv, '--map', 'ts=col2', 'src_ip=col1', 'dst_port=col3', '--case', caseFile, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const s = (JSON.parse(r.stdout) as { sources: { records: number; mapping: Record<string, string> }[] }).sources;
    expect(s).toHaveLength(1);
    expect(s[0]!.records).toBe(2);
    expect(s[0]!.mapping).toMatchObject({ ts: 'col2', src_ip: 'col1', dst_port: 'col3' });
    // a pair that names no role stays a file name, and is missing as one
    const unknown = runCli(['ingest', csv, '--map', 'ts=col2', 'nosuchrole=col1', '--case', path.join(dir, 'd.loupe')]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/nosuchrole=col1: no such file/);
  });

  it('reads standard input with --format', () => {
    const caseFile = path.join(tmpDir(), 'c.loupe');
    const r = runCli(['ingest', '-', '--format', 'combined', '--case', caseFile, '--json'], accessLog(300));
    expect(r.status).toBe(0);
    const s = (JSON.parse(r.stdout) as { sources: { path: string; events: number; sha256: string }[] }).sources[0]!;
    expect(s.path).toBe('-');
    expect(s.events).toBe(300);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists the built-in formats with a sample line each', () => {
    const r = runCli(['formats']);
    expect(r.status).toBe(0);
    for (const name of ['combined', 'syslog', 'jsonl', 'cidds']) expect(r.stdout).toMatch(new RegExp(`^${name} `, 'm'));
    expect(r.stdout).toMatch(/e\.g\. /);
  });

  it('survives SIGKILL mid-ingest: the case opens, passes integrity_check and shows the source incomplete', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'big.log');
    fs.writeFileSync(f, accessLog(400_000));
    const caseFile = path.join(dir, 'c.loupe');
    const child = spawn(process.execPath, [CLI, 'ingest', f, '--case', caseFile, '--json'], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // wait until some batches are committed, then kill without warning
    const deadline = Date.now() + 60_000;
    let committed = 0;
    while (Date.now() < deadline && committed === 0) {
      await new Promise((r) => setTimeout(r, 50));
      if (!fs.existsSync(caseFile)) continue;
      try {
        const db = new Database(caseFile, { readonly: true });
        committed = (db.prepare('SELECT coalesce(max(records), 0) AS n FROM sources').get() as { n: number }).n;
        db.close();
      } catch (e) {
        void e; // the case is still being created
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(committed).toBeGreaterThan(0);
    const db = new Database(caseFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const [c] = countCase(caseFile);
    expect(c!.status).toBe('ingesting');
    expect(c!.records).toBeLessThan(400_000);
    expect(c!.eventRows).toBe(c!.events);
    expect(c!.records).toBe(c!.events + c!.quarantined);
    const info = runCli(['info', caseFile]);
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/INCOMPLETE/);
    expect(info.stdout).toMatch(/interrupted/);
  });
});
