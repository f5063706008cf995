// Forest core: binning, learning a rule, determinism for a seed, isolation forest outliers.
import { describe, expect, it } from 'vitest';
import { binEdges, binOf, binRows, flattenForest, mixSeed, predictScores, rng, thresholdTree, trainTree, type Forest } from '../../../src/core/model/forest';
import { isolationScores, trainIsolationForest } from '../../../src/core/model/isolation';

function dataset(n: number, seed: number): { X: Float32Array; y: Uint8Array } {
  const r = rng(seed);
  const X = new Float32Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    X[i * 3] = r() * 10;
    X[i * 3 + 1] = r() * 10;
    X[i * 3 + 2] = r(); // noise
    y[i] = X[i * 3] > 6 && X[i * 3 + 1] < 3 ? 1 : 0;
  }
  return { X, y };
}

function fit(X: Float32Array, y: Uint8Array, n: number, seed: number, trees = 10): Forest {
  const edges = [0, 1, 2].map((f) => binEdges(Float32Array.from({ length: n }, (_, i) => X[i * 3 + f])));
  const bins = new Uint8Array(n * 3);
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  binRows(X, 3, rows, 0, n, edges, bins);
  const out = [];
  for (let t = 0; t < trees; t++) {
    const tree = trainTree({ bins, nRows: n, nFeatures: 3, nBins: Uint16Array.from(edges.map((e) => e.length + 1)), y, params: { nClasses: 2, maxDepth: 12, minLeaf: 1, mtry: 2, sampleSize: n }, seed: mixSeed(seed, t) });
    out.push(thresholdTree(tree, edges));
  }
  return flattenForest(out, 2, 3, ['normal', 'attack']);
}

describe('forest', () => {
  it('bins so that bin <= b is exactly x <= edges[b]', () => {
    const v = Float32Array.from([5, 1, 3, 3, 9, 7]);
    const e = binEdges(v);
    expect(Array.from(e)).toEqual([1, 3, 5, 7]);
    expect(binOf(e, 1)).toBe(0);
    expect(binOf(e, 2)).toBe(1);
    expect(binOf(e, 9)).toBe(4);
    const many = Float32Array.from({ length: 10_000 }, (_, i) => i);
    expect(binEdges(many).length).toBeLessThanOrEqual(255);
  });

  it('learns an axis-aligned rule and generalises to fresh data', () => {
    const n = 4000;
    const { X, y } = dataset(n, 1);
    const forest = fit(X, y, n, 7);
    const test = dataset(2000, 2);
    const s = predictScores(forest, test.X, 3, 2000);
    let ok = 0;
    for (let i = 0; i < 2000; i++) if ((s[i] >= 0.5 ? 1 : 0) === test.y[i]) ok++;
    expect(ok / 2000).toBeGreaterThan(0.97);
    // the noise feature matters least
    expect(forest.importance[2]).toBeLessThan(forest.importance[0]);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const n = 2000;
    const { X, y } = dataset(n, 3);
    const a = fit(X, y, n, 11);
    const b = fit(X, y, n, 11);
    const c = fit(X, y, n, 12);
    expect(Array.from(a.feat)).toEqual(Array.from(b.feat));
    expect(Array.from(a.thr)).toEqual(Array.from(b.thr));
    expect(Array.from(a.value)).toEqual(Array.from(b.value));
    expect(Array.from(a.feat).join() === Array.from(c.feat).join() && Array.from(a.thr).join() === Array.from(c.thr).join()).toBe(false);
  });

  it('isolation forest ranks a planted outlier on top', () => {
    const r = rng(5);
    const n = 3000;
    const X = new Float32Array(n * 4);
    for (let i = 0; i < X.length; i++) X[i] = r() + r() + r();
    const planted = 1234;
    X.set([9, 0.2, 8, 3], planted * 4);
    const forest = trainIsolationForest(X, 4, n, 4, { seed: 3 });
    const s = isolationScores(forest, X, 4, n);
    let best = 0;
    for (let i = 1; i < n; i++) if (s[i] > s[best]) best = i;
    expect(best).toBe(planted);
    expect(s[planted]).toBeGreaterThan(0.6);
    for (const v of s) expect(v >= 0 && v <= 1).toBe(true);
  });
});
