// The model engine's worker pools and the parallel loader that reads a case into a Dataset.
import os from 'node:os';
import { Piscina } from 'piscina';
import type { JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import { workerFile } from '../paths';
import { openCase } from '../store/case';
import { allocDataset, computeContext, putChunk, type Dataset } from './dataset';
import type { ChunkData, ReadChunkTask } from './read';

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
  let ranges: { from: number; to: number; n: number }[];
  try {
    const where = opts.sourceId === undefined ? '' : 'WHERE source_id = ?';
    const args = opts.sourceId === undefined ? [] : [opts.sourceId];
    // a snapshot: rows appended meanwhile (live follow) have higher ids and are left for later
    const maxId = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM events').get() as { m: number }).m;
    const cond = `${where ? `${where} AND` : 'WHERE'} id <= ${maxId}`;
    const counts = db.prepare(`SELECT id / ${CHUNK_IDS} AS c, count(*) AS n FROM events ${cond} GROUP BY c ORDER BY c`).all(...args) as { c: number; n: number }[];
    ranges = counts.map((r) => ({ from: r.c * CHUNK_IDS, to: Math.min((r.c + 1) * CHUNK_IDS, maxId + 1), n: r.n }));
  } finally {
    db.close();
  }
  const total = ranges.reduce((s, r) => s + r.n, 0);
  const ds = allocDataset(total, opts.withSeed);
  const offsets: number[] = [];
  let off = 0;
  for (const r of ranges) {
    offsets.push(off);
    off += r.n;
  }
  const [p0, p1] = opts.span ?? [0, 1];
  let done = 0;
  const started = Date.now();
  await Promise.all(
    ranges.map(async (r, i) => {
      const task: ReadChunkTask = { caseFile, fromId: r.from, toId: r.to, sourceId: opts.sourceId, withSeed: opts.withSeed, withLabels: opts.withLabels ?? opts.withSeed, expected: r.n };
      const chunk = (await pool.run(task, { name: 'readChunkTask', signal: hooks?.signal })) as ChunkData;
      if (chunk.n !== r.n) throw new LoupeError('internal', `events changed while reading (ids ${r.from}..${r.to}: ${chunk.n} rows, expected ${r.n})`);
      putChunk(ds, chunk, offsets[i]);
      done += chunk.n;
      const secs = (Date.now() - started) / 1000;
      hooks?.onProgress?.({ value: p0 + ((p1 - p0) * done) / Math.max(1, total), title: opts.title ?? 'Reading events', records: done, rate: secs > 0 ? done / secs : undefined });
    }),
  );
  checkAbort(hooks);
  computeContext(ds);
  return ds;
}
