// Isolation forest (Liu, Ting & Zhou 2008) for the unlabeled case: anomaly score 0..1 per row,
// plus robust z-scores that name the features driving an entity's score.
import { rng } from './forest';

/** Average path length of an unsuccessful BST search over n points: the score's normaliser. */
export function cFactor(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649) - (2 * (n - 1)) / n;
}

export interface IsolationForest {
  nFeatures: number;
  sampleSize: number;
  roots: Int32Array;
  feat: Int32Array;
  thr: Float32Array;
  /** right child; for a leaf (feat -1) unused */
  right: Int32Array;
  /** for a leaf: depth + c(leaf size), the path length it stands for */
  leafLen: Float32Array;
}

/** Trains `nTrees` isolation trees on `sampleSize`-row subsamples of row-major X. */
export function trainIsolationForest(X: Float32Array, stride: number, nRows: number, nFeatures: number, opts: { nTrees?: number; sampleSize?: number; seed?: number } = {}): IsolationForest {
  const nTrees = opts.nTrees ?? 100;
  const psi = Math.max(2, Math.min(opts.sampleSize ?? 256, nRows));
  const maxDepth = Math.ceil(Math.log2(psi));
  const rand = rng(opts.seed ?? 1);
  const feat: number[] = [];
  const thr: number[] = [];
  const right: number[] = [];
  const leafLen: number[] = [];
  const roots = new Int32Array(nTrees);
  const sample = new Int32Array(psi);
  const candidates = new Int32Array(nFeatures);
  const leaf = (depth: number, size: number): number => {
    const id = feat.length;
    feat.push(-1);
    thr.push(0);
    right.push(0);
    leafLen.push(depth + cFactor(size));
    return id;
  };
  const grow = (start: number, end: number, depth: number): number => {
    const size = end - start;
    if (size <= 1 || depth >= maxDepth) return leaf(depth, size);
    // features not constant among these rows; pick one at random, then a uniform cut
    let nc = 0;
    const lo = new Float64Array(nFeatures).fill(Infinity);
    const hi = new Float64Array(nFeatures).fill(-Infinity);
    for (let i = start; i < end; i++) {
      const base = sample[i] * stride;
      for (let f = 0; f < nFeatures; f++) {
        const x = X[base + f];
        if (x < lo[f]) lo[f] = x;
        if (x > hi[f]) hi[f] = x;
      }
    }
    for (let f = 0; f < nFeatures; f++) if (hi[f] > lo[f]) candidates[nc++] = f;
    if (nc === 0) return leaf(depth, size);
    const f = candidates[Math.floor(rand() * nc)];
    let cut = Math.fround(lo[f] + rand() * (hi[f] - lo[f]));
    if (cut >= hi[f]) cut = Math.fround(lo[f]);
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (X[sample[i] * stride + f] <= cut) i++;
      else {
        const t = sample[i];
        sample[i] = sample[j];
        sample[j] = t;
        j--;
      }
    }
    const id = feat.length;
    feat.push(f);
    thr.push(cut);
    right.push(0);
    leafLen.push(0);
    grow(start, i, depth + 1);
    right[id] = grow(i, end, depth + 1);
    return id;
  };
  for (let t = 0; t < nTrees; t++) {
    // sample without replacement (partial Fisher-Yates over a lazily permuted index space)
    const picked = new Map<number, number>();
    for (let k = 0; k < psi; k++) {
      const r = k + Math.floor(rand() * (nRows - k));
      const vr = picked.get(r) ?? r;
      picked.set(r, picked.get(k) ?? k);
      sample[k] = vr;
    }
    roots[t] = grow(0, psi, 0);
  }
  return {
    nFeatures,
    sampleSize: psi,
    roots,
    feat: Int32Array.from(feat),
    thr: Float32Array.from(thr),
    right: Int32Array.from(right),
    leafLen: Float32Array.from(leafLen),
  };
}

/** Anomaly score s = 2^(-E[h(x)] / c(psi)) in 0..1 (0.5 = nothing special, near 1 = isolated fast). */
export function isolationScores(forest: IsolationForest, X: Float32Array, stride: number, nRows: number, out = new Float64Array(nRows)): Float64Array {
  const { roots, feat, thr, right, leafLen } = forest;
  const norm = cFactor(forest.sampleSize);
  const T = roots.length;
  for (let r = 0; r < nRows; r++) {
    const base = r * stride;
    let h = 0;
    for (let t = 0; t < T; t++) {
      let node = roots[t];
      let f = feat[node];
      while (f >= 0) {
        node = X[base + f] <= thr[node] ? node + 1 : right[node];
        f = feat[node];
      }
      h += leafLen[node];
    }
    out[r] = norm > 0 ? Math.pow(2, -h / T / norm) : 0.5;
  }
  return out;
}

/** Median and scaled MAD per feature (robust centre and spread for driver explanations). */
export function robustStats(X: Float32Array, stride: number, nRows: number, nFeatures: number): { median: Float64Array; scale: Float64Array } {
  const median = new Float64Array(nFeatures);
  const scale = new Float64Array(nFeatures);
  const col = new Float64Array(nRows);
  for (let f = 0; f < nFeatures; f++) {
    for (let r = 0; r < nRows; r++) col[r] = X[r * stride + f];
    col.sort();
    const med = nRows ? col[nRows >> 1] : 0;
    for (let r = 0; r < nRows; r++) col[r] = Math.abs(col[r] - med);
    col.sort();
    const mad = nRows ? col[nRows >> 1] : 0;
    let s = 1.4826 * mad;
    if (s === 0) {
      // over half the population shares one value: fall back to the mean absolute deviation
      let sum = 0;
      for (let r = 0; r < nRows; r++) sum += col[r];
      s = nRows ? (1.2533 * sum) / nRows : 0;
    }
    median[f] = med;
    scale[f] = s > 0 ? s : 1;
  }
  return { median, scale };
}

export interface Driver {
  feature: string;
  value: number;
  typical: number;
  z: number;
}

/** The features of one row furthest from typical (|robust z| >= 2), largest first, at most `k`. */
export function drivers(row: Float32Array | number[], names: readonly string[], stats: { median: Float64Array; scale: Float64Array }, k = 3): Driver[] {
  const out: Driver[] = [];
  for (let f = 0; f < names.length; f++) {
    const z = (row[f] - stats.median[f]) / stats.scale[f];
    if (Math.abs(z) >= 2) out.push({ feature: names[f], value: Math.round(row[f] * 1000) / 1000, typical: Math.round(stats.median[f] * 1000) / 1000, z: Math.round(z * 10) / 10 });
  }
  return out.sort((a, b) => Math.abs(b.z) - Math.abs(a.z)).slice(0, k);
}
