import { describe, expect, it } from 'vitest';
import { topOfSum, type Tally } from '../../../src/core/analysis/stats';

/** The plain way: add every key up, sort by count (then key), keep the first `limit`. */
function naive(ts: Tally[], limit: number, withBytes: boolean): { key: string; count: number; bytes?: number }[] {
  const sum = new Map<string, { count: number; bytes: number }>();
  for (const t of ts)
    t.keys.forEach((k, i) => {
      const v = sum.get(k) ?? { count: 0, bytes: 0 };
      v.count += t.counts[i]!;
      v.bytes += t.bytes[i]!;
      sum.set(k, v);
    });
  return [...sum]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([key, v]) => (withBytes ? { key, count: v.count, bytes: v.bytes } : { key, count: v.count }));
}

const tally = (entries: [string, number][]): Tally => ({ keys: entries.map((e) => e[0]), counts: entries.map((e) => e[1]), bytes: entries.map((e) => e[1] * 10) });

describe('topOfSum (exact top keys of summed partials)', () => {
  it('finds a key that leads no partial but leads the sum', () => {
    // /spread is fourth in each half, first overall: a merge of each half's top 3 would miss it
    const a = tally([['/a1', 15], ['/a2', 14], ['/a3', 13], ['/spread', 12], ['/x', 1]]);
    const b = tally([['/b1', 15], ['/b2', 14], ['/b3', 13], ['/spread', 12], ['/y', 1]]);
    const got = topOfSum([a, b], 3, false);
    expect(got[0]).toEqual({ key: '/spread', count: 24 });
    expect(got).toEqual(naive([a, b], 3, false));
  });

  it('agrees with the plain sum on random skewed partials, ties included', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 200; round++) {
      const parts = 2 + (round % 3);
      const universe = 5 + Math.floor(rnd() * 300);
      const ts: Tally[] = [];
      for (let p = 0; p < parts; p++) {
        const entries: [string, number][] = [];
        for (let k = 0; k < universe; k++) if (rnd() < 0.6) entries.push([`/k${k}`, 1 + Math.floor(rnd() ** 4 * (round % 2 ? 5 : 1000))]);
        ts.push(tally(entries));
      }
      const limit = 1 + Math.floor(rnd() * 25);
      const withBytes = round % 4 === 0;
      expect(topOfSum(ts, limit, withBytes)).toEqual(naive(ts, limit, withBytes));
    }
  });

  it('handles fewer keys than the limit, one partial and empty partials', () => {
    const a = tally([['GET', 5]]);
    const b = tally([['POST', 2], ['GET', 1]]);
    expect(topOfSum([a, b], 20, false)).toEqual([
      { key: 'GET', count: 6 },
      { key: 'POST', count: 2 },
    ]);
    expect(topOfSum([b], 1, true)).toEqual([{ key: 'POST', count: 2, bytes: 20 }]);
    expect(topOfSum([tally([]), tally([])], 5, false)).toEqual([]);
  });
});
