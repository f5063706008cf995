import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { follow, type FollowAlert } from '../../../src/core/follow/follow';
import { openCase } from '../../../src/core/store/case';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-follow-'));
  dirs.push(d);
  return d;
}

const clf = (ip: string, i: number, req: string, status: number, ua = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0'): string => {
  const t = new Date(Date.UTC(2024, 4, 17, 10, 0, 0) + i * 1000);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][t.getUTCMonth()];
  const ts = `${String(t.getUTCDate()).padStart(2, '0')}/${mon}/${t.getUTCFullYear()}:${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}:${String(t.getUTCSeconds()).padStart(2, '0')} +0000`;
  return `${ip} - - [${ts}] "${req}" ${status} 512 "-" "${ua}"\n`;
};

const benign = (n: number, from = 0): string =>
  Array.from({ length: n }, (_, i) => clf(`10.0.${(i % 50) + 1}.${(i % 7) + 2}`, from + i, `GET /products/${i % 40} HTTP/1.1`, 200)).join('');

/** Waits until `cond` holds, polling; fails after `ms` (a generous bound: the tight figure is in bench/). */
async function until(cond: () => boolean, ms = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function counts(caseFile: string): { records: number; events: number; quarantined: number; status: string }[] {
  const db = openCase(caseFile, { readonly: true });
  try {
    return db.prepare('SELECT records, events, quarantined, status FROM sources ORDER BY id').all() as { records: number; events: number; quarantined: number; status: string }[];
  } finally {
    db.close();
  }
}

describe('follow', () => {
  it('alerts on a brute force appended to a followed file, once, and quarantines a malformed line without stopping', async () => {
    const dir = tmp();
    const log = path.join(dir, 'access.log');
    const caseFile = path.join(dir, 'c.loupe');
    fs.writeFileSync(log, benign(200));
    const alerts: FollowAlert[] = [];
    const ac = new AbortController();
    const done = follow({ caseFile, inputs: [log], pollMs: 20 }, { signal: ac.signal, onAlert: (a) => alerts.push(a) });
    await until(() => counts(caseFile)[0]?.records === 200);
    fs.appendFileSync(log, 'this is not an access log line \u0000 <script>alert(1)</script>\n');
    const attacker = '203.0.113.77';
    let burst = '';
    for (let i = 0; i < 700; i++) burst += clf(attacker, 300 + i, 'POST /wp-login.php HTTP/1.1', 401);
    fs.appendFileSync(log, burst);
    await until(() => alerts.some((a) => a.entity === attacker && a.detector === 'bruteForce'));
    // more of the same grows the finding: updated in place, not a second alert
    fs.appendFileSync(log, Array.from({ length: 300 }, (_, i) => clf(attacker, 1000 + i, 'POST /wp-login.php HTTP/1.1', 401)).join(''));
    await until(() => counts(caseFile)[0]?.records === 200 + 1 + 1000);
    ac.abort();
    const summary = await done;
    expect(alerts.filter((a) => a.entity === attacker && a.detector === 'bruteForce' && a.type === 'finding')).toHaveLength(1);
    expect(alerts.some((a) => a.entity.startsWith('10.0.'))).toBe(false);
    const [src] = counts(caseFile);
    expect(src).toEqual({ records: 1201, events: 1200, quarantined: 1, status: 'complete' });
    expect(summary.sources[0]).toMatchObject({ records: 1201, events: 1200, quarantined: 1 });
    const db = openCase(caseFile, { readonly: true });
    const f = db.prepare("SELECT count(*) AS n, max(evidence_count) AS c FROM findings WHERE id = 'bruteForce:' || ?").get(attacker) as { n: number; c: number };
    const q = db.prepare('SELECT raw, reason FROM quarantine').get() as { raw: Buffer; reason: string };
    db.close();
    expect(f.n).toBe(1);
    expect(f.c).toBeGreaterThanOrEqual(1000);
    expect(q.raw.toString('utf8')).toContain('<script>alert(1)</script>');
  });

  it('reads standard input that stops and resumes, keeping every line, and ends with the stream', async () => {
    const dir = tmp();
    const caseFile = path.join(dir, 'c.loupe');
    const stdin = new PassThrough();
    const lines = benign(100);
    const run = follow({ caseFile, inputs: ['-'], format: 'combined', stdin }, {});
    // a pause mid-line: the partial line waits for the rest
    stdin.write(lines.slice(0, 3001));
    await new Promise((r) => setTimeout(r, 150));
    stdin.write(lines.slice(3001));
    stdin.end();
    const summary = await run;
    expect(summary.sources[0]).toMatchObject({ path: '-', records: 100, events: 100, quarantined: 0 });
    const db = openCase(caseFile, { readonly: true });
    const raw = db.prepare('SELECT raw FROM events ORDER BY id LIMIT 1').get() as { raw: Buffer };
    db.close();
    expect(raw.raw.toString('utf8')).toBe(lines.split('\n')[0]);
  });

  it('accepts newline-delimited JSON events on a loopback TCP port only', async () => {
    const dir = tmp();
    const caseFile = path.join(dir, 'c.loupe');
    const ac = new AbortController();
    let port = 0;
    const notices: string[] = [];
    const done = follow(
      { caseFile, inputs: [], listenPort: 0 },
      {
        signal: ac.signal,
        onNotice: (m) => {
          notices.push(m);
          const p = /127\.0\.0\.1:(\d+)/.exec(m);
          if (p) port = Number(p[1]);
        },
      },
    );
    await until(() => port > 0);
    const ev = (i: number): string =>
      `${JSON.stringify({ ip_address: '198.51.100.9', date_time: '17/May/2024:10:00:0' + (i % 10) + ' +0000', request_type: 'GET', request_arg: `/item/${i}`, status_code: '200', response_size: '120', referrer: '-', user_agent: 'curl/8.0' })}\n`;
    await new Promise<void>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(ev(1) + ev(2).slice(0, 20));
        setTimeout(() => s.end(ev(2).slice(20) + ev(3) + '{"broken": \n'), 50);
      });
      s.on('close', () => resolve());
      s.on('error', reject);
    });
    await until(() => counts(caseFile)[0]?.records === 4);
    ac.abort();
    await done;
    expect(counts(caseFile)[0]).toMatchObject({ records: 4, events: 3, quarantined: 1, status: 'complete' });
    expect(notices.some((n) => /listening .* 127\.0\.0\.1/.test(n))).toBe(true);
  });

  it('stops when asked while a sender keeps its connection open, keeping what it sent (a syslog forwarder never hangs up)', async () => {
    const dir = tmp();
    const caseFile = path.join(dir, 'c.loupe');
    const ac = new AbortController();
    let port = 0;
    const done = follow({ caseFile, inputs: [], listenPort: 0 }, { signal: ac.signal, onNotice: (m) => (port = Number(/127\.0\.0\.1:(\d+)/.exec(m)?.[1] ?? port)) });
    await until(() => port > 0);
    const line = (i: number): string => `203.0.113.7 - - [17/May/2024:10:00:0${i} +0000] "GET /p${i} HTTP/1.1" 200 12 "-" "curl/8.0"`;
    const s = net.connect(port, '127.0.0.1');
    let closedByServer = false;
    s.on('close', () => (closedByServer = true));
    s.on('error', () => undefined);
    // two whole lines and a last one without its newline; the connection stays open
    s.write(`${line(1)}\n${line(2)}\n${line(3)}`);
    await until(() => counts(caseFile)[0]?.records === 2);
    ac.abort();
    const finished = await Promise.race([done.then(() => 'stopped'), new Promise((r) => setTimeout(() => r('still waiting'), 5000))]);
    expect(finished).toBe('stopped');
    await until(() => closedByServer);
    expect(counts(caseFile)[0]).toMatchObject({ records: 3, events: 3, quarantined: 0, status: 'complete' });
  });

  it('refuses a file that does not exist with one clear line', async () => {
    const dir = tmp();
    await expect(follow({ caseFile: path.join(dir, 'c.loupe'), inputs: [path.join(dir, 'nope.log')] })).rejects.toThrow(/cannot follow .*nope\.log: no such file/);
  });
});

describe('follow with bad input', () => {
  it('stops with the layout error when a followed file cannot be mapped, instead of going quiet', async () => {
    const dir = tmp();
    const log = path.join(dir, 'mystery.log');
    fs.writeFileSync(log, '\u0001\u0002 binary-ish \u0003 nothing a format knows\n'.repeat(20));
    const caseFile = path.join(dir, 'c.loupe');
    await expect(follow({ caseFile, inputs: [log], pollMs: 20 }, { signal: new AbortController().signal })).rejects.toThrow(/mystery\.log.*(--format|--map)/s);
    // the case still opens and holds no half-made source
    const db = openCase(caseFile, { readonly: true });
    const n = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
    db.close();
    expect(n).toBe(0);
  });
});
