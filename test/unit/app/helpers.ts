// Test helpers for the app platform: fresh temporary cases filled with synthetic events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCase, type Db } from '../../../src/core/store/case';

export function tempDir(prefix = 'loupe-app-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface FakeEvent {
  ts?: number | null;
  src_ip?: string | null;
  dst_ip?: string | null;
  dst_port?: number | null;
  status?: number | null;
  path?: string | null;
  user_agent?: string | null;
  message?: string | null;
  bytes?: number | null;
  user?: string | null;
  host?: string | null;
  action?: string | null;
}

const COLUMNS = ['ts', 'src_ip', 'dst_ip', 'dst_port', 'status', 'path', 'user_agent', 'message', 'bytes', 'user', 'host', 'action'] as const;

/** A case with one source and the given events (ids 1..n in order). */
export function caseWithEvents(file: string, events: FakeEvent[]): Db {
  const db = openCase(file);
  db.prepare("INSERT INTO sources(id, path, format, parser_version, started_at, status) VALUES (1, '/tmp/x.log', 'test', '1', 0, 'complete')").run();
  const ins = db.prepare(`INSERT INTO events(source_id, line_no, ${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (1, @line, ${COLUMNS.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    events.forEach((e, i) => ins.run({ line: i + 1, ...Object.fromEntries(COLUMNS.map((c) => [c, e[c] ?? null])) }));
  })();
  return db;
}

/** Deterministic pseudo-random events with many ties and NULLs in every sortable column. */
export function randomEvents(n: number, seed = 1): FakeEvent[] {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, () => ({
    ts: rnd() < 0.1 ? null : 1_700_000_000_000 + Math.floor(rnd() * 50) * 1000,
    src_ip: rnd() < 0.1 ? null : `10.0.0.${Math.floor(rnd() * 12)}`,
    dst_ip: rnd() < 0.2 ? null : `192.168.1.${Math.floor(rnd() * 5)}`,
    dst_port: rnd() < 0.2 ? null : pick([22, 80, 443, 3389, 8080]),
    status: rnd() < 0.3 ? null : pick([200, 301, 404, 500]),
    path: pick(['/index.html', '/wp-login.php', '/admin/config', "/search?q=' union select 1--", null]),
    user_agent: pick(['Mozilla/5.0', 'sqlmap/1.7', 'curl/8.0', null]),
    bytes: Math.floor(rnd() * 10000),
  }));
}
