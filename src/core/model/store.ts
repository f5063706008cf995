// Models in the case file: save (versioned, with features, settings, training-source hashes
// and metrics), list, load, export to a file and import into another case.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { LoupeError } from '../errors';
import { appendAudit, openCase, type Db } from '../store/case';
import { LOUPE_VERSION } from '../version';
import { FEATURES } from './features';
import type { Forest } from './forest';
import type { IsolationForest } from './isolation';
import { unpackArrays, unpackForest, unpackIsolation } from './pack';

export type ModelKind = 'random_forest' | 'isolation_forest';

export interface TrainingSource {
  id: number;
  path: string;
  sha256: string | null;
}

export interface ModelInfo {
  id: number;
  name: string;
  kind: ModelKind;
  version: number;
  createdAt: number;
  labelColumn: string | null;
  settings: Record<string, unknown>;
  features: string[];
  trainingSources: TrainingSource[];
  metrics: Record<string, unknown>;
  /** SHA-256 of the serialized model */
  sha256: string;
}

export interface NewModel {
  name: string;
  kind: ModelKind;
  labelColumn: string | null;
  settings: Record<string, unknown>;
  features: string[];
  trainingSources: TrainingSource[];
  metrics: Record<string, unknown>;
  blob: Buffer;
}

interface ModelRow {
  id: number;
  name: string;
  kind: string;
  version: number;
  created_at: number;
  label_column: string | null;
  settings: string;
  features: string;
  training_sources: string;
  metrics: string;
}

export function trainingSources(db: Db): TrainingSource[] {
  return db.prepare('SELECT id, path, sha256 FROM sources ORDER BY id').all() as TrainingSource[];
}

const sha = (b: Buffer): string => crypto.createHash('sha256').update(b).digest('hex');

/** Saves a model as the next version of its name; returns its id. */
export function saveModel(db: Db, m: NewModel, createdAt = Date.now()): number {
  const v = db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM models WHERE name = ?').get(m.name) as { v: number };
  const settings = { ...m.settings, sha256: sha(m.blob), loupeVersion: LOUPE_VERSION };
  const r = db
    .prepare('INSERT INTO models(name, kind, version, created_at, label_column, settings, features, training_sources, metrics, blob) VALUES (?,?,?,?,?,?,?,?,?,?)')
    .run(m.name, m.kind, v.v, createdAt, m.labelColumn, JSON.stringify(settings), JSON.stringify(m.features), JSON.stringify(m.trainingSources), JSON.stringify(m.metrics), m.blob);
  const id = Number(r.lastInsertRowid);
  appendAudit(db, 'loupe', 'model.save', { id, name: m.name, kind: m.kind, version: v.v });
  return id;
}

function toInfo(r: ModelRow): ModelInfo {
  const settings = JSON.parse(r.settings) as Record<string, unknown>;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as ModelKind,
    version: r.version,
    createdAt: r.created_at,
    labelColumn: r.label_column,
    settings,
    features: JSON.parse(r.features) as string[],
    trainingSources: JSON.parse(r.training_sources) as TrainingSource[],
    metrics: JSON.parse(r.metrics) as Record<string, unknown>,
    sha256: typeof settings.sha256 === 'string' ? settings.sha256 : '',
  };
}

const INFO_COLS = 'id, name, kind, version, created_at, label_column, settings, features, training_sources, metrics';

export function listModels(db: Db): ModelInfo[] {
  return (db.prepare(`SELECT ${INFO_COLS} FROM models ORDER BY id`).all() as ModelRow[]).map(toInfo);
}

export function getModelInfo(db: Db, id: number): ModelInfo {
  const r = db.prepare(`SELECT ${INFO_COLS} FROM models WHERE id = ?`).get(id) as ModelRow | undefined;
  if (!r) throw new LoupeError('no_model', `no model ${id} in this case (see \`loupe models\`)`);
  return toInfo(r);
}

export type LoadedModel =
  | { info: ModelInfo; kind: 'random_forest'; forest: Forest }
  | {
      info: ModelInfo;
      kind: 'isolation_forest';
      event: IsolationForest;
      entity: IsolationForest;
      entityFeatures: string[];
      entityStats: { median: Float64Array; scale: Float64Array };
    };

/** Loads a model (default: the newest supervised one, else the newest of any kind). */
export function loadModel(db: Db, id?: number): LoadedModel {
  let modelId = id;
  if (modelId === undefined) {
    const r = (db.prepare("SELECT id FROM models WHERE kind = 'random_forest' ORDER BY id DESC LIMIT 1").get() ??
      db.prepare('SELECT id FROM models ORDER BY id DESC LIMIT 1').get()) as { id: number } | undefined;
    if (!r) throw new LoupeError('no_model', 'this case has no model yet: run `loupe train <case>` (or `loupe train <case> --unsupervised`), or pass --model <file|case>');
    modelId = r.id;
  }
  const info = getModelInfo(db, modelId);
  const names = FEATURES.map((f) => f.name);
  if (info.features.length !== names.length || info.features.some((f, i) => f !== names[i])) {
    throw new LoupeError('invalid_input', `model ${info.id} was trained on a different feature set (Loupe ${String(info.settings.loupeVersion)}); retrain it with this version`);
  }
  const { blob } = db.prepare('SELECT blob FROM models WHERE id = ?').get(modelId) as { blob: Buffer };
  if (info.sha256 && sha(blob) !== info.sha256) throw new LoupeError('case_invalid', `model ${info.id} is corrupt (hash mismatch)`);
  const { meta, arrays } = unpackArrays(blob);
  if (info.kind === 'random_forest') {
    return { info, kind: 'random_forest', forest: unpackForest(arrays, meta as { nClasses: number; nFeatures: number; classes: string[] }) };
  }
  if (info.kind === 'isolation_forest') {
    const m = meta as { event: { nFeatures: number; sampleSize: number }; entity: { nFeatures: number; sampleSize: number }; entityFeatures: string[] };
    const median = arrays.en_median;
    const scale = arrays.en_scale;
    if (!(median instanceof Float64Array) || !(scale instanceof Float64Array)) throw new LoupeError('invalid_input', 'isolation model is missing its entity statistics');
    return {
      info,
      kind: 'isolation_forest',
      event: unpackIsolation(arrays, m.event, 'ev_'),
      entity: unpackIsolation(arrays, m.entity, 'en_'),
      entityFeatures: m.entityFeatures,
      entityStats: { median, scale },
    };
  }
  throw new LoupeError('invalid_input', `unknown model kind ${info.kind}`);
}

const ExportFile = z.object({
  loupeModel: z.literal(1),
  name: z.string().min(1).max(200),
  kind: z.enum(['random_forest', 'isolation_forest']),
  version: z.number().int(),
  createdAt: z.number(),
  labelColumn: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  features: z.array(z.string()),
  trainingSources: z.array(z.object({ id: z.number(), path: z.string(), sha256: z.string().nullable() })),
  metrics: z.record(z.string(), z.unknown()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  blob: z.string(),
});

/** Writes a model to a self-contained JSON file (blob base64, with its SHA-256). */
export function exportModel(caseFile: string, id: number, file: string): ModelInfo {
  const db = openCase(caseFile, { readonly: true });
  try {
    const info = getModelInfo(db, id);
    const { blob } = db.prepare('SELECT blob FROM models WHERE id = ?').get(id) as { blob: Buffer };
    const doc: z.infer<typeof ExportFile> = {
      loupeModel: 1,
      name: info.name,
      kind: info.kind,
      version: info.version,
      createdAt: info.createdAt,
      labelColumn: info.labelColumn,
      settings: info.settings,
      features: info.features,
      trainingSources: info.trainingSources,
      metrics: info.metrics,
      sha256: sha(blob),
      blob: blob.toString('base64'),
    };
    fs.writeFileSync(file, JSON.stringify(doc));
    return info;
  } finally {
    db.close();
  }
}

/** Reads an exported model file, checking its structure and hash. */
export function readModelFile(file: string): NewModel & { createdAt: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LoupeError('invalid_input', `${file} is not a Loupe model file: ${(e as Error).message}`);
  }
  const r = ExportFile.safeParse(parsed);
  if (!r.success) throw new LoupeError('invalid_input', `${file} is not a Loupe model file (${r.error.issues[0]?.path.join('.') ?? ''}: ${r.error.issues[0]?.message ?? ''})`);
  const blob = Buffer.from(r.data.blob, 'base64');
  if (sha(blob) !== r.data.sha256) throw new LoupeError('invalid_input', `${file}: model hash mismatch (file damaged or edited)`);
  const { sha256: _s, loupeVersion: _v, ...settings } = r.data.settings;
  return {
    name: r.data.name,
    kind: r.data.kind,
    labelColumn: r.data.labelColumn,
    settings: { ...settings, importedFrom: file, importedVersion: r.data.version },
    features: r.data.features,
    trainingSources: r.data.trainingSources,
    metrics: r.data.metrics,
    blob,
    createdAt: r.data.createdAt,
  };
}

/** Imports an exported model file into a case; returns the new model id (same model already there: its id). */
export function importModelInto(db: Db, m: NewModel & { createdAt: number }): number {
  const h = sha(m.blob);
  for (const existing of listModels(db)) if (existing.sha256 === h) return existing.id;
  return saveModel(db, m, m.createdAt);
}

export function importModel(caseFile: string, file: string): number {
  const m = readModelFile(file);
  const db = openCase(caseFile, { create: false });
  try {
    const id = importModelInto(db, m);
    appendAudit(db, 'analyst', 'model.import', { file, id, sha256: sha(m.blob) });
    return id;
  } finally {
    db.close();
  }
}

/** Copies a model from another case (newest supervised by default) into this one. */
export function copyModelFromCase(db: Db, otherCase: string, id?: number): number {
  const other = openCase(otherCase, { readonly: true });
  try {
    const src = loadModel(other, id).info;
    const { blob } = other.prepare('SELECT blob FROM models WHERE id = ?').get(src.id) as { blob: Buffer };
    const { sha256: _s, loupeVersion: _v, ...settings } = src.settings;
    return importModelInto(db, {
      name: src.name,
      kind: src.kind,
      labelColumn: src.labelColumn,
      settings: { ...settings, importedFrom: otherCase, importedVersion: src.version },
      features: src.features,
      trainingSources: src.trainingSources,
      metrics: src.metrics,
      blob,
      createdAt: src.createdAt,
    });
  } finally {
    other.close();
  }
}
