// Web mode: a loopback-only HTTP + WebSocket server that serves the built renderer and implements
// the API contract. Every API call, upload, download and the WebSocket need the session token;
// Host and Origin are checked against 127.0.0.1/localhost (DNS rebinding); static files come only
// from out/renderer, with a strict CSP and no inline script.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail, ok } from '../shared/api';
import { API_PREFIX, FILES_PATH, TOKEN_HEADER, UPLOAD_PATH, WS_PATH, type WireEvent } from '../shared/web';
import type { Result } from '../shared/model';
import { errorMessage } from '../core/errors';
import { rendererDir } from '../core/paths';
import { dispatch } from './handlers';
import { openAndIndex } from './handlers/cases';
import { Session } from './session';

export interface ServeOptions {
  port?: number;
  /** open this case at start */
  caseFile?: string | null;
  /** fixed token (tests); random otherwise */
  token?: string;
  staticDir?: string;
  userDir?: string;
  maxUploadBytes?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  session: Session;
  close(): Promise<void>;
}

const MAX_API_BODY = 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  };
}

/** A file name safe to create: no folders, no leading dots, no control or shell-special characters. */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 120);
  return clean || 'upload';
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(opts.staticDir ?? rendererDir());
  const sockets = new Set<WebSocket>();
  const session = new Session({
    mode: 'web',
    userDir: opts.userDir,
    maxUploadBytes: opts.maxUploadBytes,
    emit: (event, payload) => {
      const msg = JSON.stringify({ event, payload } satisfies WireEvent);
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
    },
  });
  if (opts.caseFile) openAndIndex(session, opts.caseFile);
  let port = 0;

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const originOk = (origin: string | undefined): boolean => origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  const sendJson = (res: http.ServerResponse, status: number, body: Result<unknown>): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...securityHeaders(port), 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const refuse = (res: http.ServerResponse, status: number, message: string): void => sendJson(res, status, fail(status === 403 ? 'forbidden' : status === 404 ? 'not_found' : 'invalid_input', message));

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, fail('internal', errorMessage(e)));
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403, 'wrong Host header: open Loupe at the address `loupe serve` printed');
    if (!originOk(req.headers.origin)) return refuse(res, 403, 'cross-origin requests are refused');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const headerToken = req.headers[TOKEN_HEADER];
    const authed = tokenMatches(typeof headerToken === 'string' ? headerToken : null, token);

    if (url.pathname.startsWith(API_PREFIX)) {
      if (!authed) return refuse(res, 403, 'missing or wrong token: open the address `loupe serve` printed');
      if (req.method !== 'POST') return refuse(res, 405, 'API calls are POST requests');
      const body = await readBody(req, MAX_API_BODY);
      if (body === null) return refuse(res, 413, 'request too large');
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, fail('invalid_input', 'the request body is not JSON'));
      }
      const result = await dispatch(session, decodeURIComponent(url.pathname.slice(API_PREFIX.length)), payload);
      return sendJson(res, 200, result);
    }
    if (url.pathname === UPLOAD_PATH) {
      if (!authed) return refuse(res, 403, 'missing or wrong token');
      if (req.method !== 'POST') return refuse(res, 405, 'uploads are POST requests');
      return sendJson(res, 200, await upload(req, url.searchParams.get('name') ?? 'upload'));
    }
    if (url.pathname.startsWith(FILES_PATH)) {
      if (!authed && !tokenMatches(url.searchParams.get('token'), token)) return refuse(res, 403, 'missing or wrong token');
      return download(res, decodeURIComponent(url.pathname.slice(FILES_PATH.length)));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'only GET is served here');
    return serveStatic(req, res, url.pathname);
  }

  async function upload(req: http.IncomingMessage, rawName: string): Promise<Result<{ path: string; bytes: number }>> {
    let dir: string;
    try {
      dir = session.caseFolder('uploads');
    } catch (e) {
      req.resume();
      return fail('usage', errorMessage(e));
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > session.maxUploadBytes) {
      req.resume();
      return fail('invalid_input', `the file is larger than the upload limit (${session.maxUploadBytes} bytes); in the desktop app files are read in place`);
    }
    const name = sanitiseFileName(rawName);
    let target = path.join(dir, name);
    for (let i = 1; fs.existsSync(target); i++) target = path.join(dir, `${path.parse(name).name}-${i}${path.parse(name).ext}`);
    let bytes = 0;
    const limit = session.maxUploadBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        if (bytes > limit) cb(new Error(`the file is larger than the upload limit (${limit} bytes)`));
        else cb(null, chunk);
      },
    });
    const out = fs.createWriteStream(target, { flags: 'wx' });
    try {
      await pipeline(req, counter, out);
    } catch (e) {
      // the file may still be opening when the pipeline fails: remove it once the stream is closed
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      fs.rmSync(target, { force: true });
      return fail('invalid_input', `upload failed: ${errorMessage(e)}`);
    }
    return ok({ path: target, bytes });
  }

  function download(res: http.ServerResponse, name: string): void {
    let dir: string;
    try {
      dir = session.caseFolder('exports');
    } catch (e) {
      return refuse(res, 404, errorMessage(e));
    }
    const file = path.join(dir, path.basename(name));
    if (path.basename(name) !== name || !fs.existsSync(file) || !fs.statSync(file).isFile()) return refuse(res, 404, 'no such export');
    res.writeHead(200, {
      ...securityHeaders(port),
      'content-type': 'application/octet-stream',
      'content-length': fs.statSync(file).size,
      'content-disposition': `attachment; filename="${sanitiseFileName(name).replace(/"/g, '')}"`,
    });
    fs.createReadStream(file).pipe(res);
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, 'bad path');
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    // resolve inside the root only: no "..", no absolute escapes, no hidden files, no NUL
    const file = path.resolve(staticRoot, `.${path.posix.normalize(rel)}`);
    if (rel.includes('\0') || !file.startsWith(staticRoot + path.sep) || file.split(path.sep).some((seg) => seg.startsWith('.'))) return refuse(res, 404, 'not found');
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return refuse(res, 404, rel === '/index.html' ? 'the UI is not built: run `npm run build`' : 'not found');
    }
    if (!st.isFile()) return refuse(res, 404, 'not found');
    res.writeHead(200, { ...securityHeaders(port), 'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': st.size });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const okReq = url.pathname === WS_PATH && allowedHosts().has(req.headers.host ?? '') && originOk(req.headers.origin) && tokenMatches(url.searchParams.get('token'), token);
    if (!okReq) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // the socket only pushes; anything sent to it is ignored
      ws.on('message', () => undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no address');
  port = addr.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    session,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await session.close();
    },
  };
}

/** Reads a request body up to `max` bytes; null when larger. */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
