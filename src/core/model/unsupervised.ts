// Unsupervised anomaly ranking (the usual incident: no labels): isolation forests over events and
// over per-source profiles, 0..1 scores in `scores` / `entity_scores`, with the driving features.
import type { JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import { appendAudit, openCase, type Db } from '../store/case';
import type { Dataset } from './dataset';
import { FEATURES, N_FEATURES, featureIndex, type FeatureDef } from './features';
import { isolationAll } from './fit';
import { drivers, isolationScores, robustStats, trainIsolationForest, type Driver, type IsolationForest } from './isolation';
import { hash52 } from './labels';
import { packArrays, packIsolation } from './pack';
import { phaseClock } from './phases';
import { checkAbort, createPool, loadDataset } from './pool';
import { saveModel, trainingSources } from './store';

/** Per-source profile features for the entity-level forest (each one line). */
export const ENTITY_FEATURES: readonly (FeatureDef & { from: string; agg: 'first' | 'max' | 'mean' })[] = [
  { name: 'events_log', description: 'log(1 + events from the source)', from: 'src_events_log', agg: 'first' },
  { name: 'error_ratio', description: 'share of its requests answered 4xx/5xx', from: 'src_error_ratio', agg: 'first' },
  { name: 'not_found_ratio', description: 'share answered 404', from: 'src_404_ratio', agg: 'first' },
  { name: 'auth_failures_log', description: 'log(1 + failed logins)', from: 'src_auth_failures_log', agg: 'first' },
  { name: 'distinct_paths_log', description: 'log(1 + distinct paths)', from: 'src_distinct_paths_log', agg: 'first' },
  { name: 'distinct_path_ratio', description: 'distinct paths / events', from: 'src_distinct_path_ratio', agg: 'first' },
  { name: 'distinct_uas', description: 'distinct user agents', from: 'src_distinct_uas', agg: 'first' },
  { name: 'gap_cv', description: 'regularity of gaps between events (near 0 = machine-like)', from: 'src_gap_cv', agg: 'first' },
  { name: 'gap_mean_log', description: 'log(1 + mean seconds between events)', from: 'src_gap_mean_log', agg: 'first' },
  { name: 'payload_ratio', description: 'share of requests with attack tokens', from: 'src_payload_ratio', agg: 'first' },
  { name: 'bytes_log', description: 'log(1 + bytes)', from: 'src_bytes_log', agg: 'first' },
  { name: 'fanout_ports', description: 'distinct destination ports', from: 'src_fanout_ports', agg: 'first' },
  { name: 'fanout_hosts', description: 'distinct destination hosts', from: 'src_fanout_hosts', agg: 'first' },
  { name: 'peak_rate_log', description: 'peak log(1 + events within ±2.5 min)', from: 'src_window_events_log', agg: 'max' },
  { name: 'peak_auth_failures', description: 'peak failed logins within ±2.5 min', from: 'src_window_auth_failures', agg: 'max' },
  { name: 'peak_distinct_paths', description: 'peak distinct paths within ±2.5 min', from: 'src_window_distinct_paths', agg: 'max' },
  { name: 'tool_ua_ratio', description: 'share of requests with an attack-tool user agent', from: 'ua_tool', agg: 'mean' },
  { name: 'probe_ratio', description: 'share of requests for commonly probed resources', from: 'probe_path', agg: 'mean' },
  { name: 'syn_only_ratio', description: 'share of half-open (SYN without ACK) flows', from: 'syn_only', agg: 'mean' },
];
const N_ENTITY = ENTITY_FEATURES.length;
const ENTITY_SRC = ENTITY_FEATURES.map((f) => featureIndex(f.from));

/** One profile row per source IP (row-major, N_ENTITY per row), keyed by the IP's hash. */
export function entityMatrix(ds: Pick<Dataset, 'n' | 'X' | 'ipKey'>): { keys: number[]; E: Float32Array } {
  const index = new Map<number, number>();
  const keys: number[] = [];
  const sums: number[] = [];
  const counts: number[] = [];
  const rows: number[] = [];
  for (let i = 0; i < ds.n; i++) {
    const k = ds.ipKey[i];
    if (Number.isNaN(k)) continue;
    let g = index.get(k);
    if (g === undefined) {
      g = keys.length;
      index.set(k, g);
      keys.push(k);
      for (let f = 0; f < N_ENTITY; f++) {
        const agg = ENTITY_FEATURES[f].agg;
        rows.push(agg === 'first' ? ds.X[i * N_FEATURES + ENTITY_SRC[f]] : agg === 'max' ? -Infinity : 0);
        sums.push(0);
        counts.push(0);
      }
    }
    const base = g * N_ENTITY;
    for (let f = 0; f < N_ENTITY; f++) {
      const agg = ENTITY_FEATURES[f].agg;
      if (agg === 'first') continue;
      const x = ds.X[i * N_FEATURES + ENTITY_SRC[f]];
      if (agg === 'max') {
        if (x > rows[base + f]) rows[base + f] = x;
      } else if (x >= 0) {
        sums[base + f] += x;
        counts[base + f]++;
      }
    }
  }
  const E = new Float32Array(keys.length * N_ENTITY);
  for (let g = 0; g < keys.length; g++) {
    for (let f = 0; f < N_ENTITY; f++) {
      const j = g * N_ENTITY + f;
      E[j] = ENTITY_FEATURES[f].agg === 'mean' ? (counts[j] ? sums[j] / counts[j] : -1) : rows[j];
    }
  }
  return { keys, E };
}

/** Source IP text by hash (the dataset keeps only hashes). */
function ipNames(db: Db): Map<number, string> {
  const m = new Map<number, string>();
  for (const r of db.prepare('SELECT DISTINCT src_ip AS ip FROM events WHERE src_ip IS NOT NULL').raw(true).iterate() as Iterable<[string]>) m.set(hash52(r[0]), r[0]);
  return m;
}

/** Writes one model's event scores (replacing earlier ones) in big multi-row INSERTs. */
export function writeScores(db: Db, modelId: number, ids: Float64Array, scores: Float64Array, replaceAll: boolean): void {
  const ROWS = 300;
  // after the DELETE no row can conflict (plain INSERT is ~15 % cheaper); a partial scoring (one source) replaces its rows
  const verb = replaceAll ? 'INSERT' : 'INSERT OR REPLACE';
  const many = db.prepare(`${verb} INTO scores(model_id, event_id, score) VALUES ${Array.from({ length: ROWS }, () => '(?,?,?)').join(',')}`);
  const one = db.prepare(`${verb} INTO scores(model_id, event_id, score) VALUES (?,?,?)`);
  const params: number[] = new Array<number>(ROWS * 3);
  db.transaction(() => {
    if (replaceAll) db.prepare('DELETE FROM scores WHERE model_id = ?').run(modelId);
    let i = 0;
    for (; i + ROWS <= ids.length; i += ROWS) {
      for (let k = 0; k < ROWS; k++) {
        params[k * 3] = modelId;
        params[k * 3 + 1] = ids[i + k];
        params[k * 3 + 2] = scores[i + k];
      }
      many.run(params);
    }
    for (; i < ids.length; i++) one.run(modelId, ids[i], scores[i]);
  })();
}

export interface EntityScore {
  entity: string;
  score: number;
  drivers: Driver[];
}

/** Scores source profiles, names their drivers and replaces the model's entity_scores. */
export function scoreEntities(db: Db, modelId: number, ds: Pick<Dataset, 'n' | 'X' | 'ipKey'>, forest: IsolationForest, stats: { median: Float64Array; scale: Float64Array }): EntityScore[] {
  const { keys, E } = entityMatrix(ds);
  const s = isolationScores(forest, E, N_ENTITY, keys.length);
  const names = ipNames(db);
  const featureNames = ENTITY_FEATURES.map((f) => f.name);
  const out: EntityScore[] = keys.map((k, g) => ({
    entity: names.get(k) ?? `#${k}`,
    score: Math.round(s[g] * 1e6) / 1e6,
    drivers: drivers(E.subarray(g * N_ENTITY, (g + 1) * N_ENTITY), featureNames, stats),
  }));
  out.sort((a, b) => b.score - a.score);
  const ins = db.prepare('INSERT OR REPLACE INTO entity_scores(model_id, entity, score, drivers) VALUES (?,?,?,?)');
  db.transaction(() => {
    db.prepare('DELETE FROM entity_scores WHERE model_id = ?').run(modelId);
    for (const e of out) ins.run(modelId, e.entity, e.score, JSON.stringify(e.drivers));
  })();
  return out;
}

export interface UnsupervisedResult {
  modelId: number;
  events: number;
  entities: number;
  /** the most anomalous sources, highest first */
  top: EntityScore[];
  timings: Record<string, number>;
  /** CPU milliseconds per phase, all threads */
  cpu: Record<string, number>;
}

export async function trainUnsupervised(caseFile: string, hooks?: JobHooks, opts: { seed?: number } = {}): Promise<UnsupervisedResult> {
  const seed = opts.seed ?? 42;
  const clock = phaseClock();
  const lap = clock.lap;
  const db = openCase(caseFile, { create: false });
  const pool = createPool('train-model');
  try {
    const ds = await loadDataset(pool, caseFile, { withSeed: false, title: 'Reading and featurising events', span: [0, 0.5] }, hooks);
    if (ds.n === 0) throw new LoupeError('invalid_input', `${caseFile} has no events to model; ingest logs first`);
    lap('read');
    const eventForest = trainIsolationForest(ds.X, N_FEATURES, ds.n, N_FEATURES, { seed });
    const { E, keys } = entityMatrix(ds);
    const entityForest = trainIsolationForest(E, N_ENTITY, keys.length, N_ENTITY, { seed: seed + 1 });
    const stats = robustStats(E, N_ENTITY, keys.length, N_ENTITY);
    lap('train');
    checkAbort(hooks);
    hooks?.onProgress?.({ value: 0.6, title: 'Scoring events' });
    const scores = await isolationAll(pool, eventForest, ds.X, N_FEATURES, ds.n, hooks);
    lap('score');
    const meta = {
      event: { nFeatures: N_FEATURES, sampleSize: eventForest.sampleSize },
      entity: { nFeatures: N_ENTITY, sampleSize: entityForest.sampleSize },
      entityFeatures: ENTITY_FEATURES.map((f) => f.name),
    };
    const blob = packArrays(meta, { ...packIsolation(eventForest, 'ev_'), ...packIsolation(entityForest, 'en_'), en_median: stats.median, en_scale: stats.scale });
    const modelId = saveModel(db, {
      name: 'loupe-iforest',
      kind: 'isolation_forest',
      labelColumn: null,
      settings: { seed, trees: eventForest.roots.length, sampleSize: eventForest.sampleSize, entityFeatures: meta.entityFeatures },
      features: FEATURES.map((f) => f.name),
      trainingSources: trainingSources(db),
      metrics: { events: ds.n, entities: keys.length },
      blob,
    });
    hooks?.onProgress?.({ value: 0.8, title: 'Writing scores' });
    writeScores(db, modelId, ds.ids, scores, true);
    const ranked = scoreEntities(db, modelId, ds, entityForest, stats);
    appendAudit(db, 'loupe', 'model.unsupervised', { id: modelId, events: ds.n, entities: keys.length });
    lap('write');
    hooks?.onProgress?.({ value: 1, title: 'Anomaly scores written' });
    return { modelId, events: ds.n, entities: keys.length, top: ranked.slice(0, 20), timings: clock.timings, cpu: clock.cpu };
  } finally {
    db.close();
    await pool.destroy();
  }
}
