// Scoring: any saved model (this case's, another case's, or an exported file) over a whole case
// or one source, in workers, written to `scores`; and in-process scoring of small live batches.
import fs from 'node:fs';
import type { EventColumnName } from '../../shared/columns';
import type { JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import { appendAudit, openCase, type Db } from '../store/case';
import { computeContext } from './dataset';
import { FLOW_COLUMNS, N_FEATURES, ROW_COLUMNS, type RowTuple } from './features';
import { isolationAll, predictAll } from './fit';
import { predictScores } from './forest';
import { isolationScores } from './isolation';
import { phaseClock } from './phases';
import { checkAbort, createPool, loadDataset } from './pool';
import { featurizeRows } from './read';
import { copyModelFromCase, importModelInto, loadModel, readModelFile, type LoadedModel } from './store';
import { scoreEntities, writeScores } from './unsupervised';

export interface ScoreOptions {
  /** an exported model file or another case file; imported into this case first */
  model?: string;
  modelId?: number;
  /** score one source only */
  sourceId?: number;
}

export interface ScoreResult {
  modelId: number;
  modelName: string;
  kind: string;
  scored: number;
  /** events scored >= 0.5 */
  flagged: number;
  entities: number;
  timings: Record<string, number>;
  /** CPU milliseconds per phase, all threads */
  cpu: Record<string, number>;
}

const isSqlite = (file: string): boolean => {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(16);
    fs.readSync(fd, b, 0, 16, 0);
    return b.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    fs.closeSync(fd);
  }
};

/** The id in this case of the model named by --model (file or case) or --model-id. */
export function resolveModelId(db: Db, opts: ScoreOptions): number | undefined {
  if (opts.model === undefined) return opts.modelId;
  if (!fs.existsSync(opts.model)) throw new LoupeError('not_found', `model not found: ${opts.model} (give an exported model file or a case file)`);
  return isSqlite(opts.model) ? copyModelFromCase(db, opts.model, opts.modelId) : importModelInto(db, readModelFile(opts.model));
}

export async function scoreCase(caseFile: string, opts: ScoreOptions = {}, hooks?: JobHooks): Promise<ScoreResult> {
  const clock = phaseClock();
  const lap = clock.lap;
  const db = openCase(caseFile, { create: false });
  const pool = createPool('score-model');
  try {
    const model = loadModel(db, resolveModelId(db, opts));
    lap('load_model');
    const ds = await loadDataset(pool, caseFile, { withSeed: false, sourceId: opts.sourceId, title: 'Reading and featurising events', span: [0, 0.7] }, hooks);
    lap('read');
    checkAbort(hooks);
    hooks?.onProgress?.({ value: 0.75, title: 'Scoring events' });
    const scores = model.kind === 'random_forest' ? await predictAll(pool, model.forest, ds.X, N_FEATURES, ds.n, hooks) : await isolationAll(pool, model.event, ds.X, N_FEATURES, ds.n, hooks);
    lap('predict');
    hooks?.onProgress?.({ value: 0.85, title: 'Writing scores' });
    writeScores(db, model.info.id, ds.ids, scores, opts.sourceId === undefined);
    let entities = 0;
    if (model.kind === 'isolation_forest' && opts.sourceId === undefined) entities = scoreEntities(db, model.info.id, ds, model.entity, model.entityStats).length;
    let flagged = 0;
    for (const s of scores) if (s >= 0.5) flagged++;
    appendAudit(db, 'loupe', 'model.score', { id: model.info.id, scored: ds.n, flagged, sourceId: opts.sourceId ?? null });
    lap('write');
    hooks?.onProgress?.({ value: 1, title: 'Scores written' });
    return { modelId: model.info.id, modelName: model.info.name, kind: model.kind, scored: ds.n, flagged, entities, timings: clock.timings, cpu: clock.cpu };
  } finally {
    db.close();
    await pool.destroy();
  }
}

/** An event as the live engine holds it: any subset of the event columns (missing = NULL). */
export type LiveEvent = { id?: number } & Partial<Record<EventColumnName, string | number | null>>;

const toTuple = (e: LiveEvent): RowTuple => {
  const flow = FLOW_COLUMNS.map((c) => e[c] ?? null);
  return ROW_COLUMNS.map((c) => (c === 'id' ? (e.id ?? 0) : c === 'flow' ? (flow.every((v) => v === null) ? null : flow) : (e[c] ?? null))) as RowTuple;
};

/**
 * Scores a small batch in-process (no workers, no SQLite): for live follow. The per-source
 * context features see only this batch, so pass recent history along when it matters.
 */
export function scoreEvents(model: LoadedModel, rows: readonly LiveEvent[]): Float64Array {
  const ds = featurizeRows(rows.map(toTuple), false);
  computeContext(ds);
  return model.kind === 'random_forest' ? predictScores(model.forest, ds.X, N_FEATURES, ds.n) : isolationScores(model.event, ds.X, N_FEATURES, ds.n);
}

export { loadModel };
