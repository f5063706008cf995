// Explorer engine: keyset paging has no gaps or duplicates for every sort and direction, with NULLs
// and ties; cursors are checked; FTS build makes free text use the index; counts are capped.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SORTABLE_COLUMNS } from '../../../src/shared/api';
import { ExplorerReader } from '../../../src/core/explore/page';
import { buildFts, ftsStatus } from '../../../src/core/explore/fts';
import type { Db } from '../../../src/core/store/case';
import { caseWithEvents, randomEvents, tempDir } from './helpers';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

/** The order SQLite itself gives (NULLs first ascending), as the reference for paging. */
function referenceOrder(d: Db, sort: string, dir: 'asc' | 'desc', where = '1'): number[] {
  const ord = dir === 'asc' ? 'ASC' : 'DESC';
  const order = sort === 'id' ? `id ${ord}` : `"${sort}" ${ord}, id ${ord}`;
  return (d.prepare(`SELECT id FROM events WHERE ${where} ORDER BY ${order}`).all() as { id: number }[]).map((r) => r.id);
}

function allPages(r: ExplorerReader, query: string, sort: (typeof SORTABLE_COLUMNS)[number], dir: 'asc' | 'desc', limit: number): number[] {
  const ids: number[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const p = r.page({ query, sort, dir, after, limit });
    ids.push(...p.rows.map((x) => x.id));
    if (!p.next) return ids;
    after = p.next;
  }
  throw new Error('paging did not end');
}

describe('keyset paging', () => {
  it('visits every row exactly once, in order, for every sort and direction', () => {
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), randomEvents(997, 3));
    const r = new ExplorerReader(db);
    for (const sort of SORTABLE_COLUMNS) {
      for (const dir of ['asc', 'desc'] as const) {
        const got = allPages(r, '', sort, dir, 37);
        expect(got, `${sort} ${dir}`).toEqual(referenceOrder(db, sort, dir));
      }
    }
  });

  it('pages a filtered query without gaps and reports an exact small total', () => {
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), randomEvents(800, 5));
    const r = new ExplorerReader(db);
    const got = allPages(r, 'status:>=400 -dst_port:22', 'src_ip', 'desc', 25);
    const want = referenceOrder(db, 'src_ip', 'desc', 'status >= 400 AND NOT COALESCE(dst_port = 22, 0)');
    expect(got).toEqual(want);
    const first = r.page({ query: 'status:>=400 -dst_port:22', sort: 'src_ip', dir: 'desc', limit: 25 });
    expect(first.total).toEqual({ count: want.length, exact: true });
  });

  it('refuses a cursor from another sort order and a forged cursor', () => {
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), randomEvents(100));
    const r = new ExplorerReader(db);
    const p = r.page({ query: '', sort: 'ts', dir: 'asc', limit: 10 });
    expect(p.next).not.toBeNull();
    expect(() => r.page({ query: '', sort: 'status', dir: 'asc', after: p.next! })).toThrow(/another sort order/);
    expect(() => r.page({ query: '', sort: 'ts', dir: 'asc', after: 'not-a-cursor' })).toThrow(/cursor/);
  });

  it('never uses OFFSET and walks an index for a deep page', () => {
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), randomEvents(300));
    buildFts(db);
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT id FROM events WHERE (1) AND "src_ip" IS NOT NULL AND ("src_ip", id) > (?, ?) ORDER BY "src_ip" ASC, id ASC LIMIT 10').all('10.0.0.3', 5) as { detail: string }[])
      .map((x) => x.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX events_x_src_ip/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe('full-text index', () => {
  it('falls back to LIKE before the build, uses FTS after, with the same rows', () => {
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), randomEvents(500, 9));
    const r = new ExplorerReader(db);
    expect(ftsStatus(db).state).toBe('none');
    const before = r.page({ query: 'sqlmap', sort: 'id', limit: 2000 });
    expect(before.freeText).toBe('like');
    const progress: number[] = [];
    const res = buildFts(db, { onProgress: (p) => progress.push(p.value ?? -1) });
    expect(res.indexedRows).toBe(500);
    expect(progress.at(-1)).toBe(1);
    expect(ftsStatus(db).state).toBe('ready');
    const after = new ExplorerReader(db).page({ query: 'sqlmap', sort: 'id', limit: 2000 });
    expect(after.freeText).toBe('fts');
    expect(after.rows.map((x) => x.id)).toEqual(before.rows.map((x) => x.id));
    expect(after.rows.length).toBeGreaterThan(50);
    // phrase across punctuation
    const phrase = new ExplorerReader(db).page({ query: '"union select"', sort: 'id', limit: 2000 });
    expect(phrase.rows.length).toBeGreaterThan(0);
    expect(phrase.rows.every((x) => (x.path ?? '').includes('union select'))).toBe(true);
  });

  it('goes stale when rows are appended and resumes from where it stopped', () => {
    const file = path.join(tempDir(), 'c.loupe');
    db = caseWithEvents(file, randomEvents(200));
    buildFts(db);
    db.prepare("INSERT INTO events(source_id, line_no, path) VALUES (1, 999, '/late-arrival')").run();
    const st = ftsStatus(db);
    expect(st.state).toBe('stale');
    expect(st.indexedRows).toBe(200);
    expect(new ExplorerReader(db).page({ query: 'late', sort: 'id' }).freeText).toBe('like');
    expect(buildFts(db).indexedRows).toBe(201);
    const p = new ExplorerReader(db).page({ query: 'arrival', sort: 'id' });
    expect(p.freeText).toBe('fts');
    expect(p.rows.map((x) => x.line_no)).toEqual([999]);
  });

  it('treats FTS syntax in the search box as text, not as operators', () => {
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [{ path: '/a' }, { path: '/b NEAR c' }]);
    buildFts(db);
    // quoted as a phrase: "NEAR(" is the word near, not the NEAR operator with a syntax error
    const p = new ExplorerReader(db).page({ query: 'NEAR(', sort: 'id' });
    expect(p.freeText).toBe('fts');
    expect(p.rows.map((x) => x.id)).toEqual([2]);
    expect(new ExplorerReader(db).page({ query: '"a OR b"', sort: 'id' }).rows.map((x) => x.id)).toEqual([]);
  });
});

describe('entity view', () => {
  it('says "no size logged" (null) for a source whose rows carry no byte count, and counts a logged 0 as 0', async () => {
    const { entityAggregates } = await import('../../../src/core/explore/entity');
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [
      { ts: 1, src_ip: 'KALI', user: 'a.baker', action: 'auth_failure' },
      { ts: 2, src_ip: '10.0.0.5', dst_ip: '10.0.0.6', bytes: 0 },
    ]);
    expect(entityAggregates(db, 'KALI').bytes).toEqual({ sent: null, received: null });
    expect(entityAggregates(db, '10.0.0.5').bytes).toEqual({ sent: 0, received: null });
  });

  it('aggregates one IP as source and destination, within a time range', async () => {
    const { entityAggregates, bucketFor } = await import('../../../src/core/explore/entity');
    const t = 1_700_000_000_000;
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [
      { ts: t, src_ip: '10.0.0.9', dst_ip: '192.0.2.1', dst_port: 22, bytes: 100 },
      { ts: t + 60_000, src_ip: '10.0.0.9', dst_ip: '192.0.2.1', dst_port: 22, bytes: 50 },
      { ts: t + 120_000, src_ip: '10.0.0.9', dst_ip: '192.0.2.2', dst_port: 443, bytes: 7, path: '/x' },
      { ts: t + 180_000, src_ip: '192.0.2.1', dst_ip: '10.0.0.9', bytes: 1000 },
      { ts: t + 240_000, src_ip: '10.0.0.1', dst_ip: '192.0.2.1', bytes: 1 },
    ]);
    const e = entityAggregates(db, '10.0.0.9');
    expect(e.events).toEqual({ asSource: 3, asDestination: 1 });
    expect(e.bytes).toEqual({ sent: 157, received: 1000 });
    expect(e.firstSeen).toBe(t);
    expect(e.lastSeen).toBe(t + 180_000);
    expect(e.dstPorts).toEqual([
      { key: '22', count: 2 },
      { key: '443', count: 1 },
    ]);
    expect(e.dstIps[0]).toEqual({ key: '192.0.2.1', count: 2, bytes: 150 });
    expect(e.srcIps).toEqual([{ key: '192.0.2.1', count: 1, bytes: 1000 }]);
    expect(e.timeline.buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
    const ranged = entityAggregates(db, '10.0.0.9', { from: t + 60_000, to: t + 120_000 });
    expect(ranged.events).toEqual({ asSource: 2, asDestination: 0 });
    expect(bucketFor(24 * 3_600_000)).toBe(900_000);
  });

  it('lists the user names a source tried and the names it looked up', async () => {
    const { entityAggregates } = await import('../../../src/core/explore/entity');
    const t = 1_700_000_000_000;
    db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [
      ...['root', 'admin', 'root', 'oracle', 'root'].map((user, i) => ({ ts: t + i * 1000, src_ip: '203.0.113.4', user, action: 'auth_failure' })),
      { ts: t, src_ip: '10.0.0.7', host: 'a1b2c3.t.example.info' },
      { ts: t + 5, src_ip: '10.0.0.7', host: 'a1b2c3.t.example.info' },
      { ts: t + 9, src_ip: '10.0.0.7', host: 'ffee00.t.example.info' },
      { ts: t, src_ip: '10.0.0.8', host: 'not-this-one.example' },
    ]);
    const attacker = entityAggregates(db, '203.0.113.4');
    expect(attacker.users).toEqual([
      { key: 'root', count: 3 },
      { key: 'admin', count: 1 },
      { key: 'oracle', count: 1 },
    ]);
    expect(attacker.hosts).toEqual([]);
    const client = entityAggregates(db, '10.0.0.7');
    expect(client.hosts).toEqual([
      { key: 'a1b2c3.t.example.info', count: 2 },
      { key: 'ffee00.t.example.info', count: 1 },
    ]);
  });
});
