// The model engine's worker pools and the parallel loader that reads a case into a Dataset.
import os from 'node:os';
import { Piscina } from 'piscina';
import type { JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import { workerFile } from '../paths';
import { openCase } from '../store/case';
import { allocDataset, computeContext, datasetView, mergeChunks, putChunk, type ContextInput, type Dataset } from './dataset';
import type { ReadChunkTask } from './read';
import type { ContextTask } from './tasks';

export type ModelPoolKind = 'train-model' | 'score-model';

export function threadCount(): number {
  const env = Number(process.env.LOUPE_THREADS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, os.availableParallelism());
}

export function createPool(kind: ModelPoolKind): Piscina {
  const n = threadCount();
  return new Piscina({ filename: workerFile(kind), minThreads: n, maxThreads: n, idleTimeout: 5_000 });
}

export function checkAbort(hooks: JobHooks | undefined): void {
  if (hooks?.signal?.aborted) throw new LoupeError('cancelled', 'cancelled');
}

/** Events per reader task: big enough to amortise opening a connection, small enough to balance. */
const CHUNK_IDS = 65_536;

export interface LoadOptions {
  withSeed: boolean;
  /** read labels too (default: with the seed inputs, i.e. when training) */
  withLabels?: boolean;
  sourceId?: number;
  /** progress title and the share [from, to) of the job this load covers */
  title?: string;
  span?: [number, number];
}

/**
 * Reads every event (or one source's) in parallel id ranges, featurises them in the workers,
 * and assembles a Dataset in id order with the per-source context features filled in.
 */
export async function loadDataset(pool: Piscina, caseFile: string, opts: LoadOptions, hooks?: JobHooks): Promise<Dataset> {
  const db = openCase(caseFile, { readonly: true });
  let stats: { n: number; lo: number | null; hi: number | null };
  try {
    // count(*) scans the smallest index, not the 400 MB table; max(id) is a snapshot: rows a
    // live follow appends meanwhile have higher ids and wait for the next scoring
    stats = (opts.sourceId === undefined
      ? db.prepare('SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM events').get()
      : db.prepare('SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM events WHERE source_id = ?').get(opts.sourceId)) as typeof stats;
  } finally {
    db.close();
  }
  const ranges: { from: number; to: number }[] = [];
  if (stats.n > 0 && stats.lo !== null && stats.hi !== null) {
    for (let from = stats.lo; from <= stats.hi; from += CHUNK_IDS) ranges.push({ from, to: Math.min(from + CHUNK_IDS, stats.hi + 1) });
  }
  // ids are dense when nothing was deleted (the usual case): each range's row count is known,
  // so readers write straight into the shared dataset; otherwise chunks come back and are concatenated
  const dense = stats.hi !== null && stats.lo !== null && stats.hi - stats.lo + 1 === stats.n && opts.sourceId === undefined;
  const total = stats.n;
  const ds = dense ? allocDataset(total, opts.withSeed) : null;
  const kept: Dataset[] = new Array<Dataset>(ranges.length);
  const [p0, p1] = opts.span ?? [0, 1];
  let done = 0;
  const started = Date.now();
  await Promise.all(
    ranges.map(async (r, i) => {
      const off = r.from - (stats.lo ?? 0);
      const task: ReadChunkTask = {
        caseFile, fromId: r.from, toId: r.to, sourceId: opts.sourceId, withSeed: opts.withSeed, withLabels: opts.withLabels ?? opts.withSeed,
        expected: r.to - r.from, into: ds ? datasetView(ds, off, r.to - r.from) : undefined,
      };
      const chunk = (await pool.run(task, { name: 'readChunkTask', signal: hooks?.signal })) as Dataset;
      if (ds) {
        if (chunk.n !== r.to - r.from) throw new LoupeError('internal', `events changed while reading (ids ${r.from}..${r.to}: ${chunk.n} rows)`);
        putChunk(ds, chunk, off, true);
      } else kept[i] = chunk;
      done += chunk.n;
      const secs = (Date.now() - started) / 1000;
      hooks?.onProgress?.({ value: p0 + ((p1 - p0) * done) / Math.max(1, total), title: opts.title ?? 'Reading events', records: done, rate: secs > 0 ? done / secs : undefined });
    }),
  );
  checkAbort(hooks);
  const out = ds ?? mergeChunks(kept.filter((c) => c !== undefined), opts.withSeed);
  await contextAll(pool, out, hooks);
  return out;
}

/** Below this many rows the per-source context is computed inline (a task round trip costs more). */
const CONTEXT_INLINE = 65_536;

/** The per-source context features of a shared dataset, its sources split between the threads. */
async function contextAll(pool: Piscina, ds: Dataset, hooks?: JobHooks): Promise<void> {
  const parts = threadCount();
  if (ds.n < CONTEXT_INLINE || parts === 1) {
    computeContext(ds);
    return;
  }
  const { n, X, ts, ipKey, pathKey, uaKey, dstKey, dstPort, bytes, flags } = ds;
  const input: ContextInput = { n, X, ts, ipKey, pathKey, uaKey, dstKey, dstPort, bytes, flags };
  await Promise.all(Array.from({ length: parts }, (_, part) => pool.run({ ds: input, part, parts } satisfies ContextTask, { name: 'contextTask', signal: hooks?.signal })));
  checkAbort(hooks);
}
