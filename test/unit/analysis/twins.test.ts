// One request in two logs (a WAF's and the web server's) counts once: foldTwins pairs them.
import { describe, expect, it } from 'vitest';
import { foldTwins, requestKey } from '../../../src/core/analysis/twins';
import type { PayloadHit } from '../../../src/core/analysis/types';

const hit = (id: number, ts: number, waf: boolean, status: number | null, path = '/item?id=1%27%20or%201=1--'): PayloadHit => ({
  id,
  ip: '203.0.113.9',
  ts,
  status,
  kind: 'sqli',
  fragment: "' or 1=1",
  ordinary: false,
  req: requestKey('GET', path, "' or 1=1"),
  ...(waf ? { waf: true as const } : {}),
});

describe('foldTwins', () => {
  it('pairs each WAF row with the closest row of the same request in the other log, within the window', () => {
    const hits = [hit(1, 1000, true, null), hit(2, 1400, false, 200), hit(3, 9000, true, null), hit(4, 30_000, false, 404), hit(5, 1200, false, 500, '/other?id=1%27%20or%201=1--')];
    const out = foldTwins(hits, 5000);
    // 1 pairs with 2 (400 ms apart); 3 has nothing within 5 s; 4 and 5 stay (another time, another path)
    expect(out.map((h) => [h.id, h.twin ?? null, h.status])).toEqual([
      [1, 2, 200],
      [3, null, null],
      [4, null, 404],
      [5, null, 500],
    ]);
  });

  it('pairs one request repeated 30,000 times in both logs row for row (an exploit in a loop)', () => {
    const n = 30_000;
    const hits: PayloadHit[] = [];
    for (let i = 0; i < n; i++) hits.push(hit(2 * i, i * 100, true, null), hit(2 * i + 1, i * 100 + 20, false, i % 2 ? 403 : 200));
    const out = foldTwins(hits, 5000);
    expect(out).toHaveLength(n);
    expect(out.every((h) => h.waf && h.twin === h.id + 1)).toBe(true);
    expect(out.filter((h) => h.status === 200)).toHaveLength(n / 2);
  });

  it('leaves two web servers\' rows alone: without a WAF row nothing pairs', () => {
    const hits = [hit(1, 1000, false, 200), hit(2, 1100, false, 200)];
    expect(foldTwins(hits, 5000)).toBe(hits);
  });
});
