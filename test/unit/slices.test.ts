import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rowsByIdSlices } from '../../src/core/store/slices';

describe('rowsByIdSlices', () => {
  it('gives every row of the id range once, in id order, across slice edges, gaps and a leading filter', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER)');
    const put = db.prepare('INSERT INTO t (id, k) VALUES (?, ?)');
    // ids 1..5000 with holes (every 7th deleted), k alternating 0/1
    const kept: number[] = [];
    for (let id = 1; id <= 5000; id++)
      if (id % 7 !== 0) {
        put.run(id, id % 2);
        kept.push(id);
      }
    const stmt = db.prepare('SELECT id FROM t WHERE k = ? AND id >= ? AND id < ?').raw(true).pluck();
    for (const step of [1, 3, 1024, 10_000]) {
      const got = [...rowsByIdSlices<number>(stmt, [1], 5, 4990, step)];
      expect(got).toEqual(kept.filter((id) => id % 2 === 1 && id >= 5 && id < 4990));
    }
    expect([...rowsByIdSlices<number>(stmt, [0], 10, 10)]).toEqual([]);
    db.close();
  });
});
