// Supervised training: labels -> classes, the seeded split (or another case as the test set),
// Loupe's multi-class forest on engineered features and the seed method side by side, metrics,
// and the model saved in the case.
import type { JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import { appendAudit, openCase, type Db } from '../store/case';
import type { Dataset } from './dataset';
import { FEATURES, N_FEATURES } from './features';
import { fitForest, gatherRows, predictAll } from './fit';
import { predictClasses, type TreeParams } from './forest';
import { classOf, labelKind, splitRows, type SplitKind } from './labels';
import { evaluate, type Metrics } from './metrics';
import { packArrays, packForest } from './pack';
import { phaseClock } from './phases';
import { checkAbort, createPool, loadDataset } from './pool';
import { fitSeedIndexers, N_SEED, SEED_FEATURES, SEED_TREES, seedMatrix, seedTreeParams } from './seed-method';
import { saveModel, trainingSources } from './store';

export interface TrainOptions {
  /** 'label', 'category', 'tag:<name>' (events tagged <name> are the positives); default: label, else category */
  label?: string;
  split?: SplitKind;
  /** train on this case, evaluate on that one */
  testCase?: string;
  seed?: number;
  trees?: number;
}

export interface LoupeMetrics extends Metrics {
  /** among flagged attack rows, the share whose attack type the multi-class forest named right */
  category_accuracy: number | null;
}

export interface TrainResult {
  loupe: LoupeMetrics;
  seed_method: Metrics;
  modelId: number;
  labelColumn: string;
  split: string;
  classes: string[];
  trainRows: number;
  testRows: number;
  /** wall-clock milliseconds per phase */
  timings: Record<string, number>;
  /** CPU milliseconds per phase, all threads */
  cpu: Record<string, number>;
}

export const DEFAULT_TREES = 60;
export const DEFAULT_SEED = 42;
/** Rows each Loupe tree draws (with replacement): plenty for these features, and bounded time. */
const TREE_SAMPLE = 200_000;
const MAX_CLASSES = 64;

const LABEL_ALIASES: Record<string, 'label' | 'category'> = {
  label: 'label', anomalous: 'label', class: 'label', attack: 'label', labels: 'label',
  category: 'category', attacktype: 'category', attack_type: 'category', type: 'category',
};

interface Labels {
  column: string;
  /** class of every row as an index into `names`; -1 = unlabeled (not trained on, not evaluated) */
  cls: Int32Array;
  /** class names: 'normal', an attack type, 'attack' */
  names: string[];
}

const isPositive = (l: Labels, row: number): boolean => l.cls[row] >= 0 && l.names[l.cls[row]] !== 'normal';

function taggedIds(db: Db, tag: string): Set<number> {
  const rows = db.prepare("SELECT target_id AS id FROM tags WHERE target_type = 'event' AND tag = ?").all(tag) as { id: string }[];
  return new Set(rows.map((r) => Number(r.id)));
}

/** Resolves the label column and gives every row its class, or explains why there are no labels. */
export function resolveLabels(db: Db, ds: Dataset, label: string | undefined, caseFile: string): Labels {
  const noLabels = (why: string): never => {
    throw new LoupeError('no_labels', `${caseFile}: ${why}. Supervised training needs labeled events (a label/anomalous/class or category/attackType column, or analyst tags via --label tag:<name>); without labels run \`loupe train ${caseFile} --unsupervised\` for an anomaly ranking.`);
  };
  if (label?.startsWith('tag:')) {
    const tag = label.slice(4);
    const ids = taggedIds(db, tag);
    if (ids.size === 0) noLabels(`no event is tagged "${tag}"`);
    const cls = new Int32Array(ds.n);
    for (let i = 0; i < ds.n; i++) cls[i] = ids.has(ds.ids[i]) ? 1 : 0;
    return { column: label, cls, names: ['normal', tag] };
  }
  let column: 'label' | 'category';
  if (label !== undefined) {
    const c = LABEL_ALIASES[label.toLowerCase()];
    if (!c) throw new LoupeError('usage', `unknown label "${label}": use label, category or tag:<name>`);
    column = c;
  } else {
    const hasLabel = ds.labelDict.some((v) => labelKind(v) !== 'unknown');
    const hasCategory = ds.categoryDict.some((v) => labelKind(v) !== 'unknown');
    if (!hasLabel && !hasCategory) noLabels(`none of its ${ds.n} events has a label or category value`);
    column = hasLabel ? 'label' : 'category';
  }
  // few distinct (label, category) pairs: classify each once
  const names: string[] = [];
  const nameIdx = new Map<string, number>();
  const pairClass = new Map<number, number>();
  const width = ds.categoryDict.length + 1;
  const cls = new Int32Array(ds.n);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < ds.n; i++) {
    const pair = (ds.label[i] + 1) * width + ds.category[i] + 1;
    let c = pairClass.get(pair);
    if (c === undefined) {
      const v = classOf(column, ds.label[i] < 0 ? null : ds.labelDict[ds.label[i]], ds.category[i] < 0 ? null : ds.categoryDict[ds.category[i]]);
      if (v === null) c = -1;
      else {
        c = nameIdx.get(v) ?? names.push(v) - 1;
        nameIdx.set(v, c);
      }
      pairClass.set(pair, c);
    }
    cls[i] = c;
    if (c < 0) continue;
    if (names[c] === 'normal') neg++;
    else pos++;
  }
  if (pos === 0 || neg === 0) noLabels(`its ${column} values have a single class (${neg} normal, ${pos} attack rows); training needs both`);
  return { column, cls, names };
}

/** Class list: 'normal' first, then attack types by training frequency (rare tail merged). */
function classList(labels: Labels, train: Uint8Array): string[] {
  const counts = new Float64Array(labels.names.length);
  for (let i = 0; i < train.length; i++) if (train[i] && labels.cls[i] >= 0) counts[labels.cls[i]]++;
  const sorted = labels.names
    .map((name, c) => [name, counts[c]] as const)
    .filter(([name, n]) => name !== 'normal' && n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map((e) => e[0]);
  const kept = sorted.slice(0, MAX_CLASSES - 2);
  if (sorted.length > kept.length) kept.push('other attack');
  return ['normal', ...kept];
}

/** Each row's index in `classes` (unlabeled rows: 0, they are never trained on). */
function encode(labels: Labels, classes: string[]): Uint8Array {
  const idx = new Map(classes.map((c, i) => [c, i]));
  const other = idx.get('other attack') ?? 1;
  const byName = Uint8Array.from(labels.names, (c) => idx.get(c) ?? other);
  return bytesOf(labels.cls.length, (i) => (labels.cls[i] < 0 ? 0 : byName[labels.cls[i]]));
}

export function loupeTreeParams(nClasses: number, nTrain: number): TreeParams {
  return { nClasses, maxDepth: 24, minLeaf: 1, mtry: Math.ceil(Math.sqrt(N_FEATURES)) + 3, sampleSize: Math.min(nTrain, TREE_SAMPLE) };
}

/** A byte per row (a plain loop: TypedArray.from with a mapping function is ~10x slower on 1M rows). */
const bytesOf = (n: number, value: (i: number) => number): Uint8Array => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = value(i);
  return out;
};

const indicesWhere = (n: number, pred: (i: number) => boolean): Uint32Array => {
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (pred(i)) out[k++] = i;
  return out.slice(0, k);
};

export async function trainModel(caseFile: string, opts: TrainOptions = {}, hooks?: JobHooks): Promise<TrainResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const nTrees = opts.trees ?? DEFAULT_TREES;
  if (!Number.isInteger(nTrees) || nTrees < 1 || nTrees > 1000) throw new LoupeError('usage', '--trees must be an integer from 1 to 1000');
  const split: SplitKind = opts.split ?? 'ip';
  const clock = phaseClock();
  const lap = clock.lap;
  if (opts.testCase) openCase(opts.testCase, { readonly: true }).close(); // fail before the long read
  const db = openCase(caseFile, { create: false });
  const pool = createPool('train-model');
  try {
    const ds = await loadDataset(pool, caseFile, { withSeed: true, title: 'Reading and featurising events', span: [0, opts.testCase ? 0.2 : 0.35] }, hooks);
    const labels = resolveLabels(db, ds, opts.label, caseFile);
    let testDs: Dataset | null = null;
    let testLabels = labels;
    if (opts.testCase) {
      testDs = await loadDataset(pool, opts.testCase, { withSeed: true, title: 'Reading the test case', span: [0.2, 0.35] }, hooks);
      const tdb = openCase(opts.testCase, { readonly: true });
      try {
        testLabels = resolveLabels(tdb, testDs, labels.column, opts.testCase);
      } finally {
        tdb.close();
      }
    }
    lap('read');
    checkAbort(hooks);

    // which rows train and which evaluate
    const labeled = bytesOf(ds.n, (i) => (labels.cls[i] < 0 ? 0 : 1));
    const positive = bytesOf(ds.n, (i) => (isPositive(labels, i) ? 1 : 0));
    const isTest = testDs ? new Uint8Array(ds.n) : splitRows(split, seed, ds.ids, ds.ipKey, ds.ts, labeled, positive);
    const train = bytesOf(ds.n, (i) => (labeled[i] && !isTest[i] ? 1 : 0));
    const trainRows = indicesWhere(ds.n, (i) => train[i] === 1);
    const evalDs = testDs ?? ds;
    const testRows = indicesWhere(evalDs.n, (i) => testLabels.cls[i] >= 0 && (testDs !== null || isTest[i] === 1));
    if (trainRows.length === 0 || testRows.length === 0) throw new LoupeError('no_labels', `the ${split} split left ${trainRows.length} training and ${testRows.length} test rows; need both (try --split random)`);
    const classes = classList(labels, train);
    const y = encode(labels, classes);
    const truth = bytesOf(testRows.length, (i) => (isPositive(testLabels, testRows[i]) ? 1 : 0));
    const testCategory = Array.from(testRows, (r) => testLabels.names[testLabels.cls[r]]);
    lap('split');

    // Loupe: engineered features, multi-class forest
    const forest = await fitForest(
      pool,
      { X: ds.X, stride: N_FEATURES, y, trainRows, classes, params: loupeTreeParams(classes.length, trainRows.length), nTrees, seed, title: 'Training Loupe forest', span: [0.35, 0.7] },
      hooks,
    );
    lap('train_loupe');
    const testX = gatherRows(evalDs.X, N_FEATURES, testRows);
    const scores = await predictAll(pool, forest, testX, N_FEATURES, testRows.length, hooks);
    const names = FEATURES.map((f) => f.name);
    const importance = Array.from(forest.importance, (v, f) => ({ feature: names[f], value: Math.round(v * 1e5) / 1e5 })).sort((a, b) => b.value - a.value);
    const loupeBase = evaluate('loupe', scores, truth, testCategory, importance);
    // multi-class: how often the named attack type is right, over flagged attack rows
    let catOk = 0;
    let catN = 0;
    if (classes.length > 2) {
      const flagged = indicesWhere(testRows.length, (i) => truth[i] === 1 && scores[i] >= 0.5);
      const pred = predictClasses(forest, gatherRows(testX, N_FEATURES, flagged), N_FEATURES, flagged.length);
      flagged.forEach((i, k) => {
        catN++;
        if (classes[pred[k]] === testCategory[i]) catOk++;
      });
    }
    const loupe: LoupeMetrics = { ...loupeBase, category_accuracy: catN ? catOk / catN : null };
    lap('eval_loupe');
    hooks?.onProgress?.({ value: 0.72, title: 'Training the seed method (baseline)' });

    // the seed method on the same split
    const indexers = fitSeedIndexers(ds, train);
    const seedX = seedMatrix(ds, indexers);
    const binaryY = bytesOf(y.length, (i) => (y[i] === 0 ? 0 : 1));
    const seedForest = await fitForest(
      pool,
      { X: seedX, stride: N_SEED, y: binaryY, trainRows, classes: ['normal', 'attack'], params: seedTreeParams(2, trainRows.length), nTrees: SEED_TREES, seed, title: 'Training the seed method (baseline)', span: [0.72, 0.95] },
      hooks,
    );
    lap('train_seed');
    const seedEvalX = gatherRows(testDs ? seedMatrix(testDs, indexers) : seedX, N_SEED, testRows);
    const seedScores = await predictAll(pool, seedForest, seedEvalX, N_SEED, testRows.length, hooks);
    const seedImportance = Array.from(seedForest.importance, (v, f) => ({ feature: SEED_FEATURES[f], value: Math.round(v * 1e5) / 1e5 })).sort((a, b) => b.value - a.value);
    const seed_method = evaluate('seed_method', seedScores, truth, testCategory, seedImportance);
    lap('eval_seed');

    const settings = {
      split: testDs ? 'case' : split,
      testCase: opts.testCase ?? null,
      seed,
      trees: nTrees,
      params: loupeTreeParams(classes.length, trainRows.length),
      classes,
      trainRows: trainRows.length,
      testRows: testRows.length,
      threshold: 0.5,
    };
    const blob = packArrays({ nClasses: forest.nClasses, nFeatures: forest.nFeatures, classes }, packForest(forest));
    const modelId = db.transaction(() => {
      const id = saveModel(db, {
        name: 'loupe-rf',
        kind: 'random_forest',
        labelColumn: labels.column,
        settings,
        features: names,
        trainingSources: trainingSources(db),
        metrics: { loupe, seed_method },
        blob,
      });
      appendAudit(db, 'loupe', 'model.train', { id, label: labels.column, split: settings.split, seed, trees: nTrees, auc: loupe.auc, f1: loupe.f1, seedAuc: seed_method.auc, seedF1: seed_method.f1 });
      return id;
    })();
    lap('save');
    hooks?.onProgress?.({ value: 1, title: 'Model saved' });
    return { loupe, seed_method, modelId, labelColumn: labels.column, split: settings.split, classes, trainRows: trainRows.length, testRows: testRows.length, timings: clock.timings, cpu: clock.cpu };
  } finally {
    db.close();
    await pool.destroy();
  }
}

