// Test helper: fresh temporary cases filled by inserting event rows straight into `events`
// (the analysis tests do not depend on the ingest pipeline).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventRow } from '../../../src/shared/columns';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import { openCase, type Db } from '../../../src/core/store/case';
import { EVENT_INDEXES } from '../../../src/core/store/migrations';

export type Ev = Partial<Omit<EventRow, 'id' | 'source_id' | 'line_no'>>;

const dirs: string[] = [];

export function tmpCaseFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-analysis-'));
  dirs.push(dir);
  return path.join(dir, 'case.loupe');
}

export function cleanup(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Creates a case with one source and the given events; returns the file (closed). */
export function makeCase(events: readonly Ev[], file = tmpCaseFile()): string {
  const db = openCase(file);
  insertEvents(db, events);
  db.close();
  return file;
}

export function insertEvents(db: Db, events: readonly Ev[]): number[] {
  const src = db.prepare('SELECT id FROM sources LIMIT 1').get() as { id: number } | undefined;
  const sourceId =
    src?.id ??
    Number(
      db
        .prepare("INSERT INTO sources (path, format, parser_version, started_at, status) VALUES ('test.log', 'test', '1', ?, 'complete')")
        .run(Date.now()).lastInsertRowid,
    );
  const cols = EVENT_COLUMNS.map((c) => c.name);
  const stmt = db.prepare(`INSERT INTO events (source_id, line_no, ${cols.join(', ')}) VALUES (?, ?, ${cols.map(() => '?').join(', ')})`);
  const max = (db.prepare('SELECT COALESCE(MAX(line_no), 0) AS m FROM events').get() as { m: number }).m;
  const ids: number[] = [];
  db.transaction(() => {
    events.forEach((e, i) => {
      const rec = e as Record<string, string | number | null | undefined>;
      ids.push(Number(stmt.run(sourceId, max + i + 1, ...cols.map((c) => rec[c] ?? null)).lastInsertRowid));
    });
    for (const ix of EVENT_INDEXES) db.exec(ix.sql);
  })();
  return ids;
}

export const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

/** A benign web population: `n` clients browsing normally over `hours`. */
export function webPopulation(n: number, hours = 4, perClient = 30): Ev[] {
  const out: Ev[] = [];
  const pages = ['/', '/index.html', '/products/12', '/products/34', '/about', '/css/site.css', '/js/app.js', '/search', '/img/logo.png'];
  for (let c = 0; c < n; c++) {
    const ip = `198.51.${100 + (c >> 8)}.${c & 255}`;
    for (let i = 0; i < perClient; i++) {
      const path = pages[(c * 7 + i * 3) % pages.length]!;
      out.push({
        ts: T0 + Math.floor(((c * 9973 + i * 7919) % (hours * 3600)) * 1000),
        src_ip: ip,
        method: 'GET',
        path,
        query: path === '/search' ? `q=shoes+size+${i}` : null,
        status: i % 17 === 0 ? 404 : 200,
        bytes: 1000 + ((c * 31 + i * 17) % 50_000),
        user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
      });
    }
  }
  return out;
}

/** Internal clients browsing a few servers, with the servers' replies. */
export function flowPopulation(clients = 30): Ev[] {
  const out: Ev[] = [];
  for (let c = 0; c < clients; c++) {
    for (let i = 0; i < 20; i++) {
      const sport = 40000 + ((c * 131 + i * 17) % 20000);
      const dst = `10.0.1.${i % 4}`;
      const ts = T0 + (c * 60 + i * 97) * 1000;
      out.push({ ts, src_ip: `10.0.2.${c}`, src_port: sport, dst_ip: dst, dst_port: i % 2 ? 443 : 80, proto: 'TCP', flags: '.AP.SF', packets: 12, bytes: 4000, duration: 1.2 });
      out.push({ ts, src_ip: dst, src_port: i % 2 ? 443 : 80, dst_ip: `10.0.2.${c}`, dst_port: sport, proto: 'TCP', flags: '.AP.SF', packets: 15, bytes: 60000, duration: 1.2 });
    }
  }
  return out;
}
