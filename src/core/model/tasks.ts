// Worker-side tasks of the model engine (run inside Piscina threads via src/workers/train-model.ts
// and score-model.ts): read + featurise an id range, per-source context, bin columns, grow trees,
// predict row ranges.
import { Piscina } from 'piscina';
import { binRows, predictScores, thresholdTree, trainTree, treeScratch, type Forest, type TrainTreeInput, type Tree } from './forest';
import { isolationScores, type IsolationForest } from './isolation';
import { computeContext, transferables, type ContextInput, type Dataset } from './dataset';
import { readChunk, type ReadChunkTask } from './read';

/** Wraps a result so Piscina transfers (moves) its buffers instead of copying them. */
function movable<T>(value: T, transfer: ArrayBufferLike[]): T {
  const wrapped = { [Piscina.transferableSymbol]: transfer, [Piscina.valueSymbol]: value };
  return Piscina.move(wrapped as unknown as ArrayBuffer) as unknown as T;
}

/** Reads and featurises an id range: in place into the shared dataset (`task.into`), or into new arrays that move back. */
export function readChunkTask(task: ReadChunkTask): Dataset {
  const c = readChunk(task);
  return movable(c, transferables(c));
}

export interface ContextTask {
  /** the case's dataset (SharedArrayBuffers): this task writes the context columns of its sources' rows */
  ds: ContextInput;
  part: number;
  parts: number;
}

export function contextTask(t: ContextTask): number {
  computeContext(t.ds, t.part, t.parts);
  return t.part;
}

export interface BinTask {
  /** row-major features (SharedArrayBuffer) */
  X: Float32Array;
  stride: number;
  /** rows of X to bin (the training rows); this task bins rows[from..to) */
  rows: Uint32Array;
  from: number;
  to: number;
  edges: Float32Array[];
  /** column-major bins of the training rows (SharedArrayBuffer), written in place */
  out: Uint8Array;
}

export function binTask(t: BinTask): number {
  binRows(t.X, t.stride, t.rows, t.from, t.to, t.edges, t.out);
  return t.to - t.from;
}

export interface TreesTask extends Omit<TrainTreeInput, 'seed'> {
  seeds: number[];
  edges: Float32Array[];
}

export function treesTask(t: TreesTask): Tree[] {
  const scratch = treeScratch(t.nRows, t.params.sampleSize);
  const trees = t.seeds.map((seed) => thresholdTree(trainTree({ ...t, seed }, scratch), t.edges));
  const transfer: ArrayBufferLike[] = [];
  for (const tr of trees) transfer.push(tr.feat.buffer, tr.thr.buffer, tr.right.buffer, tr.value.buffer, tr.importance.buffer);
  return movable(trees, transfer);
}

export interface PredictTask {
  forest: Forest;
  X: Float32Array;
  stride: number;
  from: number;
  to: number;
}

export function predictTask(t: PredictTask): Float64Array {
  const out = predictScores(t.forest, t.X.subarray(t.from * t.stride, t.to * t.stride), t.stride, t.to - t.from);
  return movable(out, [out.buffer]);
}

export interface IsolationTask {
  forest: IsolationForest;
  X: Float32Array;
  stride: number;
  from: number;
  to: number;
}

export function isolationTask(t: IsolationTask): Float64Array {
  const out = isolationScores(t.forest, t.X.subarray(t.from * t.stride, t.to * t.stride), t.stride, t.to - t.from);
  return movable(out, [out.buffer]);
}
