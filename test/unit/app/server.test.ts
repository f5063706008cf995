// Web mode server: loopback only, token on every API call, upload and WebSocket, Host/Origin checks
// against DNS rebinding, CSP on static files, no path traversal, payloads validated, and the whole
// path from HTTP through the worker pool to the case (explorer page, FTS job pushed over the socket).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../../src/server/http';
import { TOKEN_HEADER, type WireEvent } from '../../../src/shared/web';
import { openCase } from '../../../src/core/store/case';
import { caseWithEvents, randomEvents, tempDir } from './helpers';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; host?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: opts.host ?? '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

let srv: RunningServer;
let dir: string;
let staticDir: string;
const api = (channel: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  request(srv.port, { method: 'POST', path: `/api/${channel}`, headers: { 'content-type': 'application/json', [TOKEN_HEADER]: srv.token, ...headers }, body: JSON.stringify(payload) });

beforeAll(async () => {
  dir = tempDir();
  staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, '.secret'), 'hidden');
  fs.writeFileSync(path.join(dir, 'outside.txt'), 'outside the root');
  const db = caseWithEvents(path.join(dir, 'c.loupe'), randomEvents(1500, 4));
  db.close();
  srv = await startServer({ port: 0, caseFile: path.join(dir, 'c.loupe'), staticDir, userDir: path.join(dir, 'home'), maxUploadBytes: 1000 });
});

afterAll(async () => {
  await srv.close();
});

describe('binding and the printed address', () => {
  it('listens on 127.0.0.1 only and prints a tokenised loopback URL', async () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    const other = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (other) await expect(request(srv.port, { path: '/', host: other.address })).rejects.toThrow(/ECONNREFUSED/);
    const r = await request(srv.port, { path: '/' });
    expect(r.status).toBe(200);
  });
});

describe('token', () => {
  it('refuses API calls without the token or with a wrong one', async () => {
    const none = await request(srv.port, { method: 'POST', path: '/api/cases/info', body: '{}' });
    expect(none.status).toBe(403);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // the last character changed to one it is not (a token ending in x stayed the same token)
    const wrong = await api('cases/info', {}, { [TOKEN_HEADER]: `${srv.token.slice(0, -1)}${srv.token.endsWith('x') ? 'y' : 'x'}` });
    expect(wrong.status).toBe(403);
    const right = await api('app/info', {});
    expect(right.status).toBe(200);
    expect(JSON.parse(right.body)).toMatchObject({ ok: true, value: { mode: 'web', caseFile: path.join(dir, 'c.loupe') } });
  });

  it('refuses a token in the query string for API calls (it would leak into logs and history)', async () => {
    const r = await request(srv.port, { method: 'POST', path: `/api/cases/info?token=${srv.token}`, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('refuses uploads and the WebSocket without the token', async () => {
    const up = await request(srv.port, { method: 'POST', path: '/upload?name=a.log', body: 'x' });
    expect(up.status).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/ws?token=nope`);
    const code = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(code).toBe(403);
  });
});

describe('DNS rebinding', () => {
  it('refuses a foreign Host header even with the token', async () => {
    const r = await request(srv.port, { method: 'POST', path: '/api/cases/info', headers: { host: `evil.example:${srv.port}`, [TOKEN_HEADER]: srv.token }, body: '{}' });
    expect(r.status).toBe(403);
    const page = await request(srv.port, { path: '/', headers: { host: 'attacker.test' } });
    expect(page.status).toBe(403);
  });

  it('refuses a foreign Origin and a foreign WebSocket origin', async () => {
    const r = await api('cases/info', {}, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/ws?token=${srv.token}`, { origin: 'http://evil.example' });
    const code = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(code).toBe(403);
    const same = await api('cases/info', {}, { origin: `http://127.0.0.1:${srv.port}` });
    expect(same.status).toBe(200);
  });
});

describe('static files', () => {
  it('serves the renderer with a strict CSP and no inline script', async () => {
    const r = await request(srv.port, { path: '/' });
    expect(r.body).toContain('assets/app.js');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\/(?!127)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const js = await request(srv.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('refuses path traversal and hidden files', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt', '/.secret', '/assets/%00app.js', '/%2e%2e%2f%2e%2e%2fetc/passwd', '//etc/passwd']) {
      const r = await request(srv.port, { path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('outside the root');
      expect(r.body, p).not.toContain('hidden');
      expect(r.body, p).not.toContain('root:');
    }
  });

  it('only answers GET and HEAD for files', async () => {
    const r = await request(srv.port, { method: 'PUT', path: '/index.html', body: 'x' });
    expect(r.status).toBe(405);
  });
});

describe('contract validation at the edge', () => {
  it('refuses bad payloads with invalid_input naming the field', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['explore/page', { query: 'x', limit: 'lots' }, /limit/],
      ['explore/page', { query: 'x', sort: 'raw' }, /sort/],
      ['explore/page', { query: 'x', surprise: 1 }, /surprise|unrecognized/i],
      ['explore/raw', { eventId: -1 }, /eventId/],
      ['cases/open', {}, /file/],
      ['jobs/cancel', { jobId: 5 }, /jobId/],
    ];
    for (const [channel, payload, msg] of cases) {
      const body = JSON.parse((await api(channel, payload)).body) as { ok: boolean; error: { code: string; message: string } };
      expect(body.ok, channel).toBe(false);
      expect(body.error.code, channel).toBe('invalid_input');
      expect(body.error.message, channel).toMatch(msg);
    }
  });

  it('answers unknown channels and non-JSON bodies with an error, not a crash', async () => {
    expect(JSON.parse((await api('nope/never', {})).body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const r = await request(srv.port, { method: 'POST', path: '/api/cases/info', headers: { [TOKEN_HEADER]: srv.token }, body: '{not json' });
    expect(r.status).toBe(400);
  });
});

describe('uploads', () => {
  it('stores a picked file under a sanitised name in the case uploads folder', async () => {
    const r = await request(srv.port, { method: 'POST', path: `/upload?name=${encodeURIComponent('../../evil\u202e.log')}`, headers: { [TOKEN_HEADER]: srv.token }, body: 'GET / HTTP/1.1\n' });
    const res = JSON.parse(r.body) as { ok: boolean; value: { path: string; bytes: number } };
    expect(res.ok).toBe(true);
    expect(res.value.bytes).toBe(15);
    expect(path.dirname(res.value.path)).toBe(path.join(dir, 'c.files', 'uploads'));
    expect(path.basename(res.value.path)).toBe('evil_.log');
    expect(fs.readFileSync(res.value.path, 'utf8')).toBe('GET / HTTP/1.1\n');
  });

  it('refuses a file over the size limit and leaves nothing behind', async () => {
    const r = await request(srv.port, { method: 'POST', path: '/upload?name=big.log', headers: { [TOKEN_HEADER]: srv.token }, body: Buffer.alloc(5000, 65) });
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(fs.existsSync(path.join(dir, 'c.files', 'uploads', 'big.log'))).toBe(false);
  });
});

describe('end to end over HTTP', () => {
  it('pages the explorer through the worker pool and builds the FTS index as a pushed job', async () => {
    const events: WireEvent[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/ws?token=${srv.token}`);
    await new Promise((resolve) => ws.on('open', resolve));
    ws.on('message', (m: Buffer) => events.push(JSON.parse(m.toString('utf8')) as WireEvent));

    const p1 = JSON.parse((await api('explore/page', { query: 'status:404', sort: 'ts', dir: 'desc', limit: 50 })).body) as { ok: true; value: { rows: { id: number; status: number }[]; next: string; total: { count: number } } };
    expect(p1.ok).toBe(true);
    expect(p1.value.rows).toHaveLength(50);
    expect(p1.value.rows.every((r) => r.status === 404)).toBe(true);
    const p2 = JSON.parse((await api('explore/page', { query: 'status:404', sort: 'ts', dir: 'desc', limit: 50, after: p1.value.next })).body) as typeof p1;
    const ids = new Set([...p1.value.rows, ...p2.value.rows].map((r) => r.id));
    expect(ids.size).toBe(100);

    const started = JSON.parse((await api('explore/ftsBuild', {})).body) as { ok: true; value: { jobId: string } };
    const job = await srv.session.jobs.settled(started.value.jobId);
    expect(job?.state).toBe('done');
    // opening the case may already have started an FTS build: wait for this job's own done event
    const doneOf = (e: WireEvent): boolean => e.event === 'jobs/done' && (e.payload as { jobId?: string }).jobId === started.value.jobId;
    for (let i = 0; i < 250 && !events.some(doneOf); i++) await new Promise((r) => setTimeout(r, 20));
    expect(events.find(doneOf)?.payload).toMatchObject({ jobId: started.value.jobId, kind: 'fts', result: { kind: 'fts', indexedRows: 1500 } });
    const status = JSON.parse((await api('explore/ftsStatus', {})).body) as { value: { state: string } };
    expect(status.value.state).toBe('ready');
    const text = JSON.parse((await api('explore/page', { query: 'sqlmap', sort: 'id', limit: 10 })).body) as { value: { freeText: string; rows: { user_agent: string }[] } };
    expect(text.value.freeText).toBe('fts');
    expect(text.value.rows.every((r) => r.user_agent.includes('sqlmap'))).toBe(true);
    ws.close();
  });

  it('tags and notes an event, and the audit log records both', async () => {
    const tagged = JSON.parse((await api('explore/tag', { eventId: 7, tag: 'Exfil' })).body) as { ok: true; value: { tags: string[] } };
    expect(tagged.value.tags).toEqual(['exfil']);
    await api('explore/note', { eventId: 7, text: 'seen in <script>alert(1)</script> mail' });
    const ann = JSON.parse((await api('explore/annotations', { eventIds: [7, 8] })).body) as { value: Record<string, { tags: string[]; note: string }> };
    expect(ann.value['7']).toEqual({ tags: ['exfil'], note: 'seen in <script>alert(1)</script> mail' });
    expect(ann.value['8']).toBeUndefined();
    const db = openCase(path.join(dir, 'c.loupe'), { readonly: true });
    const audit = db.prepare("SELECT action, detail FROM audit WHERE action IN ('tag.add', 'note.set')").all() as { action: string; detail: string }[];
    db.close();
    expect(audit.map((a) => a.action)).toEqual(['tag.add', 'note.set']);
    const missing = JSON.parse((await api('explore/tag', { eventId: 999999, tag: 'x' })).body) as { ok: false; error: { code: string } };
    expect(missing.error.code).toBe('not_found');
  });
});
