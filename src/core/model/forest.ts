// Random forest on typed arrays: quantile binning, histogram-split CART trees (Gini), a flat
// forest layout for fast prediction, and a seedable PRNG so a seed always gives the same forest.
// Hand-written: no npm forest (ml-random-forest & co.) trains on 1M rows within the time and
// memory targets (they build JS object trees and sort per split), and none is offline-audited.

/** Deterministic 32-bit PRNG (mulberry32); the same seed gives the same stream everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with an index (tree number, feature, ...) into a new 32-bit seed. */
export function mixSeed(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export const MAX_BINS = 256;

/**
 * Bin edges of one feature from (a sample of) its values: x goes to the first bin whose edge is
 * >= x, so a split "bin <= b" is the raw rule "x <= edges[b]". At most MAX_BINS - 1 edges.
 */
export function binEdges(values: Float32Array, maxBins = MAX_BINS): Float32Array {
  const sorted = values.slice().sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  if (distinct.length <= maxBins) return Float32Array.from(distinct.slice(0, -1));
  const edges: number[] = [];
  const m = sorted.length;
  for (let b = 1; b < maxBins; b++) {
    const v = sorted[Math.min(m - 1, Math.floor((b * m) / maxBins))];
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  if (edges.length && edges[edges.length - 1] >= sorted[m - 1]) edges.pop();
  return Float32Array.from(edges);
}

/** The bin of x for the given edges (binary search). */
export function binOf(edges: Float32Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bins rows[from..to) of a row-major matrix X (stride features per row) into positions
 * from..to of `out`: column-major Uint8, `rows.length` per feature. Only the rows a forest
 * learns from are there, so its columns are dense.
 */
export function binRows(X: Float32Array, stride: number, rows: Uint32Array, from: number, to: number, edges: readonly Float32Array[], out: Uint8Array): void {
  const n = rows.length;
  for (let i = from; i < to; i++) {
    const src = rows[i] * stride;
    for (let f = 0; f < stride; f++) {
      const e = edges[f];
      const x = X[src + f];
      out[f * n + i] = e.length === 0 ? 0 : x > e[e.length - 1] ? e.length : binOf(e, x);
    }
  }
}

export interface TreeParams {
  nClasses: number;
  maxDepth: number;
  minLeaf: number;
  /** features tried per split */
  mtry: number;
  /** rows drawn (with replacement) for each tree */
  sampleSize: number;
}

export interface TrainTreeInput {
  /** the training rows' bins, column-major, nRows per feature (see binRows); the tree draws from all of them */
  bins: Uint8Array;
  nRows: number;
  nFeatures: number;
  /** bins per feature (edges + 1) */
  nBins: Uint16Array;
  /** class of every row */
  y: Uint8Array;
  params: TreeParams;
  seed: number;
}

/** One trained tree; nodes in depth-first order, left child = node + 1. */
export interface Tree {
  /** split feature, -1 for a leaf */
  feat: Int32Array;
  /** split bin (training) or raw threshold (after `thresholdTree`); x <= thr goes left */
  thr: Float32Array;
  /** right child of a split; for a leaf, its index into `value` / K */
  right: Int32Array;
  /** class distribution of each leaf, K per leaf */
  value: Float32Array;
  /** summed weighted Gini decrease per feature */
  importance: Float64Array;
}

/** Working arrays of trainTree, reused across the trees of one task (fresh pages are slow to touch). */
export interface TreeScratch {
  times: Uint8Array;
  idx: Uint32Array;
  yy: Uint8Array;
  spill: Uint32Array;
  spillY: Uint8Array;
}

export function treeScratch(nRows: number, sampleSize: number): TreeScratch {
  const m = Math.max(1, sampleSize);
  return { times: new Uint8Array(nRows), idx: new Uint32Array(m), yy: new Uint8Array(m), spill: new Uint32Array(m), spillY: new Uint8Array(m) };
}

/**
 * Draws m of rows 0..nRows-1 with replacement into idx, in ascending order (the bin matrix is
 * read in memory order, not at random; the stable partition in trainTree keeps every node's
 * rows so). A node's rows are the same multiset in any order, so the same tree. Returns `rand`
 * just past its m draws.
 */
function bootstrap(nRows: number, m: number, seed: number, times: Uint8Array, idx: Uint32Array): () => number {
  let rand = rng(seed);
  // byte counters stay in cache; a row drawn 255 times (never, in practice) takes the exact slow path
  times.fill(0, 0, nRows);
  let saturated = false;
  for (let i = 0; i < m; i++) {
    const j = Math.floor(rand() * nRows);
    if (times[j] === 255) saturated = true;
    else times[j]++;
  }
  if (saturated) {
    rand = rng(seed);
    for (let i = 0; i < m; i++) idx[i] = Math.floor(rand() * nRows);
    idx.subarray(0, m).sort();
    return rand;
  }
  let o = 0;
  for (let j = 0; j < nRows; j++) for (let c = times[j]; c > 0; c--) idx[o++] = j;
  return rand;
}

/**
 * Trains one CART tree on bootstrap-sampled rows with histogram splits (Gini). Each node draws
 * features in a fresh random order until mtry of them vary within it (a constant one does not
 * count, as in sklearn).
 */
export function trainTree(input: TrainTreeInput, scratch = treeScratch(input.nRows, input.params.sampleSize)): Tree {
  const { bins, nRows, nFeatures, nBins, y, params } = input;
  const K = params.nClasses;
  const m = Math.max(1, params.sampleSize);
  const { idx, yy, spill, spillY } = scratch;
  const rand = bootstrap(nRows, m, input.seed, scratch.times, idx);
  // the classes of idx, kept in step with it: read in order instead of at random
  for (let i = 0; i < m; i++) yy[i] = y[idx[i]];

  let cap = 1024;
  let feat = new Int32Array(cap);
  let thr = new Float32Array(cap);
  let right = new Int32Array(cap);
  const values: number[] = [];
  let nNodes = 0;
  const importance = new Float64Array(nFeatures);
  const hist = new Int32Array(MAX_BINS * K);
  const hist2 = new Int32Array(3 * MAX_BINS * K);
  const cnt = new Float64Array(K);
  const leftCnt = new Float64Array(K);
  const perm = new Int32Array(nFeatures);
  for (let i = 0; i < nFeatures; i++) perm[i] = i;

  const alloc = (): number => {
    if (nNodes === cap) {
      cap *= 2;
      const f2 = new Int32Array(cap);
      f2.set(feat);
      feat = f2;
      const t2 = new Float32Array(cap);
      t2.set(thr);
      thr = t2;
      const r2 = new Int32Array(cap);
      r2.set(right);
      right = r2;
    }
    return nNodes++;
  };

  const makeLeaf = (node: number, counts: Float64Array, n: number): number => {
    feat[node] = -1;
    right[node] = values.length / K;
    for (let k = 0; k < K; k++) values.push(counts[k] / n);
    return node;
  };

  const build = (start: number, end: number, depth: number): number => {
    const node = alloc();
    const n = end - start;
    cnt.fill(0);
    for (let i = start; i < end; i++) cnt[yy[i]]++;
    let sumSq = 0;
    let nonZero = 0;
    for (let k = 0; k < K; k++) {
      sumSq += cnt[k] * cnt[k];
      if (cnt[k] > 0) nonZero++;
    }
    if (depth >= params.maxDepth || n < 2 * params.minLeaf || nonZero <= 1) return makeLeaf(node, cnt, n);
    const parentScore = sumSq / n;
    let bestGain = 1e-9;
    let bestF = -1;
    let bestB = -1;
    let tried = 0;
    for (let j = 0; j < nFeatures && tried < params.mtry; j++) {
      // partial Fisher-Yates: a fresh random feature order per node
      const s = j + Math.floor(rand() * (nFeatures - j));
      const f = perm[s];
      perm[s] = perm[j];
      perm[j] = f;
      const nb = nBins[f];
      if (nb < 2) continue;
      // two interleaved histograms: runs of rows in one bin and class would otherwise wait on
      // each other's increment of the same counter
      const span = nb * K;
      hist.fill(0, 0, span);
      hist2.fill(0, 0, span * 3);
      const col = f * nRows;
      let i = start;
      for (; i + 3 < end; i += 4) {
        hist[bins[col + idx[i]] * K + yy[i]]++;
        hist2[bins[col + idx[i + 1]] * K + yy[i + 1]]++;
        hist2[span + bins[col + idx[i + 2]] * K + yy[i + 2]]++;
        hist2[2 * span + bins[col + idx[i + 3]] * K + yy[i + 3]]++;
      }
      for (; i < end; i++) hist[bins[col + idx[i]] * K + yy[i]]++;
      for (let b = 0; b < span; b++) hist[b] += hist2[b] + hist2[span + b] + hist2[2 * span + b];
      // a feature constant in this node does not count against mtry
      let occupied = 0;
      for (let b = 0; b < nb && occupied < 2; b++) {
        let s2 = 0;
        for (let k = 0; k < K; k++) s2 += hist[b * K + k];
        if (s2 > 0) occupied++;
      }
      if (occupied < 2) continue;
      tried++;
      leftCnt.fill(0);
      let nl = 0;
      for (let b = 0; b < nb - 1; b++) {
        let added = 0;
        for (let k = 0; k < K; k++) {
          const c = hist[b * K + k];
          leftCnt[k] += c;
          added += c;
        }
        if (added === 0) continue;
        nl += added;
        if (nl < params.minLeaf) continue;
        const nr = n - nl;
        if (nr < params.minLeaf) break;
        let sl = 0;
        let sr = 0;
        for (let k = 0; k < K; k++) {
          const l = leftCnt[k];
          const rr = cnt[k] - l;
          sl += l * l;
          sr += rr * rr;
        }
        const gain = sl / nl + sr / nr - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestF = f;
          bestB = b;
        }
      }
    }
    if (bestF < 0) return makeLeaf(node, cnt, n);
    // stable partition of idx[start, end) (and yy with it): rows with bin <= bestB first, both sides still ascending
    const col = bestF * nRows;
    let i = start;
    let nSpill = 0;
    for (let k = start; k < end; k++) {
      const r = idx[k];
      if (bins[col + r] <= bestB) {
        yy[i] = yy[k];
        idx[i++] = r;
      } else {
        spillY[nSpill] = yy[k];
        spill[nSpill++] = r;
      }
    }
    idx.set(spill.subarray(0, nSpill), i);
    yy.set(spillY.subarray(0, nSpill), i);
    feat[node] = bestF;
    thr[node] = bestB;
    importance[bestF] += bestGain;
    build(start, i, depth + 1);
    right[node] = build(i, end, depth + 1);
    return node;
  };

  build(0, m, 0);
  return { feat: feat.slice(0, nNodes), thr: thr.slice(0, nNodes), right: right.slice(0, nNodes), value: Float32Array.from(values), importance };
}

/** Replaces split bins by raw thresholds (edges[f][bin]) so prediction needs no binning. */
export function thresholdTree(tree: Tree, edges: readonly Float32Array[]): Tree {
  const thr = new Float32Array(tree.thr.length);
  for (let i = 0; i < thr.length; i++) {
    const f = tree.feat[i];
    thr[i] = f < 0 ? 0 : edges[f][tree.thr[i]];
  }
  return { ...tree, thr };
}

/** A forest flattened into shared arrays: what is stored, exported and used for scoring. */
export interface Forest {
  nClasses: number;
  nFeatures: number;
  classes: string[];
  roots: Int32Array;
  feat: Int32Array;
  thr: Float32Array;
  /** right child, or for a leaf the leaf number */
  right: Int32Array;
  /** class distribution per leaf (K each) */
  value: Float32Array;
  /** per leaf: 1 - P(class 0), the anomaly probability (class 0 is "normal") */
  leafScore: Float32Array;
  importance: Float64Array;
}

export function flattenForest(trees: readonly Tree[], nClasses: number, nFeatures: number, classes: string[]): Forest {
  let nodes = 0;
  let leaves = 0;
  for (const t of trees) {
    nodes += t.feat.length;
    leaves += t.value.length / nClasses;
  }
  const roots = new Int32Array(trees.length);
  const feat = new Int32Array(nodes);
  const thr = new Float32Array(nodes);
  const right = new Int32Array(nodes);
  const value = new Float32Array(leaves * nClasses);
  const leafScore = new Float32Array(leaves);
  const importance = new Float64Array(nFeatures);
  let nodeOff = 0;
  let leafOff = 0;
  trees.forEach((t, ti) => {
    roots[ti] = nodeOff;
    for (let i = 0; i < t.feat.length; i++) {
      feat[nodeOff + i] = t.feat[i];
      thr[nodeOff + i] = t.thr[i];
      right[nodeOff + i] = t.feat[i] < 0 ? t.right[i] + leafOff : t.right[i] + nodeOff;
    }
    value.set(t.value, leafOff * nClasses);
    const nl = t.value.length / nClasses;
    for (let l = 0; l < nl; l++) leafScore[leafOff + l] = 1 - t.value[l * nClasses];
    for (let f = 0; f < nFeatures; f++) importance[f] += t.importance[f];
    nodeOff += t.feat.length;
    leafOff += nl;
  });
  let total = 0;
  for (const v of importance) total += v;
  if (total > 0) for (let f = 0; f < nFeatures; f++) importance[f] /= total;
  return { nClasses, nFeatures, classes, roots, feat, thr, right, value, leafScore, importance };
}

/**
 * Anomaly probability (mean over trees of 1 - P(normal)) for rows of X; row r's feature f is at
 * X[r * rowStride + f]. Allocation-free inner loop: this is the scoring hot path.
 */
export function predictScores(forest: Forest, X: Float32Array, rowStride: number, nRows: number, out = new Float64Array(nRows)): Float64Array {
  const { roots, feat, thr, right, leafScore } = forest;
  const nTrees = roots.length;
  for (let r = 0; r < nRows; r++) {
    const base = r * rowStride;
    let s = 0;
    for (let t = 0; t < nTrees; t++) {
      let node = roots[t];
      let f = feat[node];
      while (f >= 0) {
        node = X[base + f] <= thr[node] ? node + 1 : right[node];
        f = feat[node];
      }
      s += leafScore[right[node]];
    }
    out[r] = s / nTrees;
  }
  return out;
}

/** Most probable class per row (for per-category evaluation of the multi-class forest). */
export function predictClasses(forest: Forest, X: Float32Array, rowStride: number, nRows: number): Uint8Array {
  const { roots, feat, thr, right, value, nClasses: K } = forest;
  const out = new Uint8Array(nRows);
  const acc = new Float64Array(K);
  for (let r = 0; r < nRows; r++) {
    acc.fill(0);
    const base = r * rowStride;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t];
      while (feat[node] >= 0) node = X[base + feat[node]] <= thr[node] ? node + 1 : right[node];
      const leaf = right[node] * K;
      for (let k = 0; k < K; k++) acc[k] += value[leaf + k];
    }
    let best = 0;
    for (let k = 1; k < K; k++) if (acc[k] > acc[best]) best = k;
    out[r] = best;
  }
  return out;
}
