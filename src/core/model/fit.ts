// Fitting and applying forests with the worker pool: bin edges from a sample, binning and tree
// growing in parallel (SharedArrayBuffers, no copies), then prediction over row ranges.
import type { Piscina } from 'piscina';
import type { JobHooks } from '../../shared/model';
import { binEdges, flattenForest, mixSeed, rng, type Forest, type Tree, type TreeParams } from './forest';
import { isolationScores, type IsolationForest } from './isolation';
import { checkAbort, threadCount } from './pool';
import type { BinTask, IsolationTask, PredictTask, TreesTask } from './tasks';

/** Rows sampled to place the bin edges (quantiles are stable well before this). */
const EDGE_SAMPLE = 100_000;
/** Rows per binning task. */
const BIN_ROWS = 131_072;

export interface FitForestInput {
  /** row-major matrix in a SharedArrayBuffer, `stride` values per row */
  X: Float32Array;
  stride: number;
  /** classes per row (0 = normal) */
  y: Uint8Array;
  /** the rows the forest learns from */
  trainRows: Uint32Array;
  classes: string[];
  params: TreeParams;
  nTrees: number;
  seed: number;
  title: string;
  span: [number, number];
}

export async function fitForest(pool: Piscina, inp: FitForestInput, hooks?: JobHooks): Promise<Forest> {
  const { X, stride, trainRows } = inp;
  const nF = stride;
  // bin edges from a seeded sample of the training rows
  const rand = rng(mixSeed(inp.seed, 7919));
  const m = Math.min(EDGE_SAMPLE, trainRows.length);
  const sample = new Uint32Array(m);
  for (let i = 0; i < m; i++) sample[i] = trainRows.length <= EDGE_SAMPLE ? trainRows[i] : trainRows[Math.floor(rand() * trainRows.length)];
  // one pass over the sampled rows (a row is a cache line or two), not one per feature
  const cols = Array.from({ length: nF }, () => new Float32Array(m));
  for (let i = 0; i < m; i++) {
    const base = sample[i] * stride;
    for (let f = 0; f < nF; f++) cols[f][i] = X[base + f];
  }
  const edges = cols.map((v) => binEdges(v));
  const nBins = Uint16Array.from(edges.map((e) => e.length + 1));
  // the training rows only, compacted in order: tree row i is trainRows[i]
  const nTrain = trainRows.length;
  const rowsSh = new Uint32Array(new SharedArrayBuffer(Math.max(4, nTrain * 4)));
  rowsSh.set(trainRows);
  const bins = new Uint8Array(new SharedArrayBuffer(Math.max(1, nTrain * nF)));
  const binTasks: Promise<unknown>[] = [];
  for (let from = 0; from < nTrain; from += BIN_ROWS) {
    const to = Math.min(nTrain, from + BIN_ROWS);
    binTasks.push(pool.run({ X, stride, rows: rowsSh, from, to, edges, out: bins } satisfies BinTask, { name: 'binTask', signal: hooks?.signal }));
  }
  await Promise.all(binTasks);
  checkAbort(hooks);
  const ySh = new Uint8Array(new SharedArrayBuffer(Math.max(1, nTrain)));
  for (let i = 0; i < nTrain; i++) ySh[i] = inp.y[trainRows[i]];
  // trees in small batches so the threads stay balanced; tree i always gets seed mix(seed, i)
  const threads = threadCount();
  const perTask = Math.max(1, Math.ceil(inp.nTrees / (threads * 4)));
  const batches: number[][] = [];
  for (let t = 0; t < inp.nTrees; t += perTask) batches.push(Array.from({ length: Math.min(perTask, inp.nTrees - t) }, (_, k) => t + k));
  let done = 0;
  const [p0, p1] = inp.span;
  const results = await Promise.all(
    batches.map(async (b) => {
      const task: TreesTask = { bins, nRows: nTrain, nFeatures: nF, nBins, y: ySh, params: inp.params, seeds: b.map((t) => mixSeed(inp.seed, t)), edges };
      const trees = (await pool.run(task, { name: 'treesTask', signal: hooks?.signal })) as Tree[];
      done += trees.length;
      hooks?.onProgress?.({ value: p0 + ((p1 - p0) * done) / inp.nTrees, title: inp.title, detail: `${done}/${inp.nTrees} trees` });
      return trees;
    }),
  );
  checkAbort(hooks);
  return flattenForest(results.flat(), inp.params.nClasses, nF, inp.classes);
}

/** Copies the given rows of a row-major matrix into a new shared matrix. */
export function gatherRows(X: Float32Array, stride: number, rows: Uint32Array): Float32Array {
  // every row, in order: the matrix itself (no 200 MB copy for a whole --test case)
  if (rows.length * stride === X.length && rows.every((r, i) => r === i) && X.buffer instanceof SharedArrayBuffer) return X;
  const out = new Float32Array(new SharedArrayBuffer(Math.max(4, rows.length * stride * 4)), 0, rows.length * stride);
  for (let i = 0; i < rows.length; i++) out.set(X.subarray(rows[i] * stride, rows[i] * stride + stride), i * stride);
  return out;
}

const PREDICT_ROWS = 65_536;

function shared<T extends Int32Array | Float32Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(Math.max(8, a.byteLength)));
  (out as unknown as { set(x: ArrayLike<number>): void }).set(a);
  return a.length === out.length ? out : (out.subarray(0, a.length) as T);
}

/** The forest in SharedArrayBuffers: every predict task sees it without a structured-clone copy. */
export function shareForest(f: Forest): Forest {
  return { ...f, roots: shared(f.roots), feat: shared(f.feat), thr: shared(f.thr), right: shared(f.right), value: shared(f.value), leafScore: shared(f.leafScore), importance: shared(f.importance) };
}

/** Anomaly probabilities of every row of a shared row-major matrix, in parallel row ranges. */
export async function predictAll(pool: Piscina, forestIn: Forest, X: Float32Array, stride: number, nRows: number, hooks?: JobHooks): Promise<Float64Array> {
  const forest = shareForest(forestIn);
  const out = new Float64Array(nRows);
  const tasks: Promise<void>[] = [];
  for (let from = 0; from < nRows; from += PREDICT_ROWS) {
    const to = Math.min(nRows, from + PREDICT_ROWS);
    tasks.push(
      (pool.run({ forest, X, stride, from, to } satisfies PredictTask, { name: 'predictTask', signal: hooks?.signal }) as Promise<Float64Array>).then((s) => out.set(s, from)),
    );
  }
  await Promise.all(tasks);
  return out;
}

/** Isolation scores of every row, in parallel row ranges (small inputs run inline). */
export async function isolationAll(pool: Piscina, forest: IsolationForest, X: Float32Array, stride: number, nRows: number, hooks?: JobHooks): Promise<Float64Array> {
  if (nRows < PREDICT_ROWS || !(X.buffer instanceof SharedArrayBuffer)) return isolationScores(forest, X, stride, nRows);
  const out = new Float64Array(nRows);
  const tasks: Promise<void>[] = [];
  for (let from = 0; from < nRows; from += PREDICT_ROWS) {
    const to = Math.min(nRows, from + PREDICT_ROWS);
    tasks.push(
      (pool.run({ forest, X, stride, from, to } satisfies IsolationTask, { name: 'isolationTask', signal: hooks?.signal }) as Promise<Float64Array>).then((s) => out.set(s, from)),
    );
  }
  await Promise.all(tasks);
  return out;
}
