// Shared helpers of the ingest tests: temporary folders, counting a case, running the built CLI.
import Database from 'better-sqlite3';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'bin/loupe.js');
export const DATA = path.resolve(__dirname, '../../../../shared/data');
export const HOSTILE = path.join(ROOT, 'test/fixtures/hostile');

const dirs: string[] = [];
export function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-ingest-'));
  dirs.push(d);
  return d;
}
export function cleanTmp(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export interface Counted {
  id: number;
  records: number;
  events: number;
  quarantined: number;
  status: string;
  eventRows: number;
  quarantineRows: number;
}

/** Each source's stored counts next to the rows actually in the tables. */
export function countCase(caseFile: string): Counted[] {
  const db = new Database(caseFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, records, events, quarantined, status FROM sources ORDER BY id').all() as Omit<Counted, 'eventRows' | 'quarantineRows'>[];
    return rows.map((r) => ({
      ...r,
      eventRows: (db.prepare('SELECT count(*) AS n FROM events WHERE source_id = ?').get(r.id) as { n: number }).n,
      quarantineRows: (db.prepare('SELECT count(*) AS n FROM quarantine WHERE source_id = ?').get(r.id) as { n: number }).n,
    }));
  } finally {
    db.close();
  }
}

export function runCli(args: string[], input?: Buffer | string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, LOUPE_DEBUG: '' }, timeout: 120_000 });
}

/** Non-blank lines of a file: for line formats without header, every one is a record. */
export function nonBlankLines(file: string): number {
  return fs
    .readFileSync(file)
    .toString('latin1')
    .split('\n')
    .filter((l) => l.replace(/\r$/, '') !== '').length;
}

/** A combined access log of `n` lines (deterministic). */
export function accessLog(n: number, start = 0): string {
  const out: string[] = [];
  for (let i = start; i < start + n; i++) {
    out.push(
      `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} - - [10/Oct/2023:13:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /shop/item/${i}?ref=${i % 97} HTTP/1.1" ${i % 13 === 0 ? 404 : 200} ${1000 + (i % 5000)} "https://example.com/list/${i % 50}" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"\n`,
    );
  }
  return out.join('');
}
