// `loupe follow` as a process, the way it is stopped in practice: by a signal while its producer
// (tail -F, a log forwarder) is still alive, and as a script that reads its --json stdout.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const cli = path.resolve(__dirname, '../../../bin/loupe.js');
const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

function start(args: string[]): { child: ChildProcessWithoutNullStreams; out: () => string; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [cli, 'follow', ...args], { env: { ...process.env, LOUPE_DEBUG: '' } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves with the exit code, or 'still running' when the process outlives the wait. */
const exitWithin = (exited: Promise<number | null>, ms: number): Promise<number | null | 'still running'> =>
  Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms))]);

function caseFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-follow-cli-'));
  dirs.push(dir);
  return path.join(dir, 'c.loupe');
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const sshFailures = (ip: string, n: number): string =>
  Array.from({ length: n }, (_, i) => `Mar 17 10:00:${String(i).padStart(2, '0')} web1 sshd[123]: Failed password for invalid user u${i} from ${ip} port ${40000 + i} ssh2\n`).join('');

describe('loupe follow stopped by a signal', () => {
  it('exits on SIGTERM while the producer still holds standard input open', async () => {
    const f = start(['-', '--case', caseFile(), '--format', 'syslog']);
    f.child.stdin.write(sshFailures('192.0.2.44', 3)); // never ended: tail -F keeps its end open
    await until(() => /following standard input/.test(f.err()));
    f.child.kill('SIGTERM');
    expect(await exitWithin(f.exited, 10_000)).toBe(0);
    expect(f.err()).toMatch(/-: 3 records = 3 events \+ 0 quarantined/);
    expect(f.err()).toMatch(/the case is consistent/);
  });

  it('with --listen 0 --json says the port it picked on stderr and keeps stdout to one alert per line', async () => {
    const f = start(['--listen', '0', '--json', '--case', caseFile()]);
    await until(() => /127\.0\.0\.1:\d+/.test(f.err()));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(f.err())![1]);
    const sock = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    sock.end(sshFailures('192.0.2.45', 15));
    await until(() => f.out().includes('\n'));
    f.child.kill('SIGTERM');
    expect(await exitWithin(f.exited, 10_000)).toBe(0);
    const alerts = f.out().trim().split('\n').map((l) => JSON.parse(l) as { entity: string; findingId: string });
    expect(alerts.map((a) => a.entity)).toContain('192.0.2.45');
    expect(alerts.some((a) => a.findingId.startsWith('bruteForce:'))).toBe(true);
  });
});
