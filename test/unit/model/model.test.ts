// The model engine end to end on fresh cases (workers from the built out/): train with the seed
// method beside it, save, score, export/import round-trip, unsupervised ranking, no-label error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModel, importModel, listModels, loadModel, scoreCase, scoreEvents, trainModel, trainUnsupervised } from '../../../src/core/model';
import { openCase } from '../../../src/core/store/case';
import { writePresentColumns } from '../../../src/core/store/columns';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import { createSynthCase } from './synth';

let dir: string;
let labeled: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-model-'));
  labeled = path.join(dir, 'labeled.loupe');
  createSynthCase(labeled, { rows: 12_000, seed: 3 }).close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const scoresOf = (file: string, modelId: number): number[] => {
  const db = openCase(file, { readonly: true });
  try {
    return (db.prepare('SELECT score FROM scores WHERE model_id = ? ORDER BY event_id').all(modelId) as { score: number }[]).map((r) => r.score);
  } finally {
    db.close();
  }
};

describe('model engine', () => {
  let modelId = 0;

  it('trains, evaluates both methods on the IP split, and saves the model with its provenance', async () => {
    const r = await trainModel(labeled, { trees: 12, seed: 7 });
    modelId = r.modelId;
    expect(r.split).toBe('ip');
    expect(r.labelColumn).toBe('label');
    expect(r.classes[0]).toBe('normal');
    expect(r.loupe.n).toBe(r.testRows);
    expect(r.loupe.confusion.tp + r.loupe.confusion.fn).toBe(r.loupe.positives);
    expect(r.loupe.auc).toBeGreaterThan(0.9);
    expect(r.seed_method.n).toBe(r.loupe.n);
    expect(r.seed_method.importance.map((i) => i.feature)).toContain('ip_idx');
    expect(Object.keys(r.loupe.per_category_recall).length).toBeGreaterThan(0);
    const db = openCase(labeled, { readonly: true });
    try {
      const [m] = listModels(db);
      expect(m.id).toBe(modelId);
      expect(m.version).toBe(1);
      expect(m.trainingSources[0].sha256).toBe('abc');
      expect((m.metrics.loupe as { f1: number }).f1).toBe(r.loupe.f1);
      expect(m.features.length).toBeGreaterThan(40);
    } finally {
      db.close();
    }
  });

  it('gives the same model for the same seed', async () => {
    const again = await trainModel(labeled, { trees: 12, seed: 7 });
    const first = await trainModel(labeled, { trees: 12, seed: 7 });
    expect(again.loupe.auc).toBe(first.loupe.auc);
    const db = openCase(labeled, { readonly: true });
    try {
      const blobs = db.prepare('SELECT blob FROM models WHERE id IN (?, ?)').all(again.modelId, first.modelId) as { blob: Buffer }[];
      expect(blobs[0].blob.equals(blobs[1].blob)).toBe(true);
      expect(listModels(db).find((m) => m.id === first.modelId)?.version).toBe(3);
    } finally {
      db.close();
    }
  });

  it('scores every event into `scores`, and an exported+imported model scores identically', async () => {
    const r = await scoreCase(labeled, { modelId });
    expect(r.scored).toBe(12_000);
    const original = scoresOf(labeled, modelId);
    expect(original.length).toBe(12_000);
    expect(original.some((s) => s >= 0.5) && original.some((s) => s < 0.5)).toBe(true);

    const file = path.join(dir, 'model.json');
    exportModel(labeled, modelId, file);
    const other = path.join(dir, 'other.loupe');
    fs.copyFileSync(labeled, other);
    const db = openCase(other);
    db.exec('DELETE FROM scores; DELETE FROM models;');
    db.close();
    const imported = importModel(other, file);
    await scoreCase(other, { modelId: imported });
    expect(scoresOf(other, imported)).toEqual(original);
    // --model <file> imports (once) and scores the same
    const viaFile = await scoreCase(other, { model: file });
    expect(viaFile.modelId).toBe(imported);
  });

  it('scores the same when the case records which columns hold values (and reads only those)', async () => {
    const original = scoresOf(labeled, modelId);
    const recorded = path.join(dir, 'recorded.loupe');
    fs.copyFileSync(labeled, recorded);
    const db = openCase(recorded);
    const cols = EVENT_COLUMNS.map((c) => c.name).filter((c) => db.prepare(`SELECT 1 FROM events WHERE "${c}" IS NOT NULL LIMIT 1`).get() !== undefined);
    expect(cols).not.toContain('dst_port');
    writePresentColumns(db, new Set(cols));
    db.exec('DELETE FROM scores');
    db.close();
    await scoreCase(recorded, { modelId });
    expect(scoresOf(recorded, modelId)).toEqual(original);
    const retrained = await trainModel(recorded, { trees: 12, seed: 7 });
    const again = await trainModel(labeled, { trees: 12, seed: 7 });
    expect(retrained.loupe.auc).toBe(again.loupe.auc);
    expect(retrained.loupe.f1).toBe(again.loupe.f1);
  });

  it('live scoring of a small batch agrees with the stored model', () => {
    const db = openCase(labeled, { readonly: true });
    try {
      const model = loadModel(db, modelId);
      const s = scoreEvents(model, [
        { id: 1, src_ip: '203.0.113.9', method: 'GET', path: '/search', query: "q=1'%20UNION%20SELECT%20password%20FROM%20users--", status: 200, user_agent: 'sqlmap/1.7', ts: 0 },
        { id: 2, src_ip: '198.51.100.4', method: 'GET', path: '/product/12', status: 200, user_agent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36', referrer: 'https://shop.example/', bytes: 40_000, ts: 0 },
      ]);
      expect(s[0]).toBeGreaterThan(s[1]);
    } finally {
      db.close();
    }
  });

  it('explains a case without labels, and ranks its sources unsupervised', async () => {
    const plain = path.join(dir, 'plain.loupe');
    createSynthCase(plain, { rows: 6000, seed: 9, labels: false }).close();
    await expect(trainModel(plain, {})).rejects.toMatchObject({ code: 'no_labels', message: expect.stringContaining('--unsupervised') });
    const u = await trainUnsupervised(plain);
    expect(u.events).toBe(6000);
    expect(u.top[0].drivers.length).toBeGreaterThan(0);
    const db = openCase(plain, { readonly: true });
    try {
      const top = db.prepare('SELECT entity, score, drivers FROM entity_scores WHERE model_id = ? ORDER BY score DESC LIMIT 5').all(u.modelId) as { entity: string; score: number; drivers: string }[];
      expect(top.length).toBe(5);
      expect(JSON.parse(top[0].drivers)[0]).toHaveProperty('feature');
      // the top source is one of the synthetic attackers (they are the only ones with 401s, tools or payloads)
      const kinds = db.prepare("SELECT count(*) AS n FROM events WHERE src_ip = ? AND (status = 401 OR status = 404 OR query LIKE '%25%' OR user_agent LIKE '%sqlmap%' OR path LIKE '%..%')").get(top[0].entity) as { n: number };
      expect(kinds.n).toBeGreaterThan(0);
      expect((db.prepare('SELECT count(*) AS n FROM scores WHERE model_id = ?').get(u.modelId) as { n: number }).n).toBe(6000);
    } finally {
      db.close();
    }
  });

  it('refuses a case that does not exist instead of creating it', async () => {
    const missing = path.join(dir, 'missing.loupe');
    await expect(trainModel(missing, {})).rejects.toMatchObject({ code: 'not_found' });
    await expect(scoreCase(missing, {})).rejects.toMatchObject({ code: 'not_found' });
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('trains on analyst tags (--label tag:<name>) when the data has no labels', async () => {
    const tagged = path.join(dir, 'tagged.loupe');
    const db = createSynthCase(tagged, { rows: 5000, seed: 21, labels: false });
    db.exec("INSERT INTO tags(target_type, target_id, tag, created_at) SELECT 'event', CAST(id AS TEXT), 'evil', 0 FROM events WHERE status = 401 OR user_agent LIKE '%sqlmap%' OR query LIKE '%25%'");
    db.close();
    const r = await trainModel(tagged, { label: 'tag:evil', trees: 8, split: 'random' });
    expect(r.labelColumn).toBe('tag:evil');
    expect(r.classes).toEqual(['normal', 'evil']);
    expect(r.loupe.positives).toBeGreaterThan(0);
    expect(r.loupe.f1).toBeGreaterThan(0.8);
  });

  it('reads a case whose event ids have gaps (deleted events) with every label', async () => {
    const gappy = path.join(dir, 'gappy.loupe');
    fs.copyFileSync(labeled, gappy);
    const db = openCase(gappy);
    db.exec('DELETE FROM events WHERE id % 7 = 0; DELETE FROM models; DELETE FROM scores;');
    db.close();
    const r = await trainModel(gappy, { trees: 4, seed: 5, split: 'random' });
    expect(r.trainRows + r.testRows).toBe(12_000 - Math.floor(12_000 / 7));
    expect(r.classes.length).toBeGreaterThan(2);
    expect(r.loupe.positives).toBeGreaterThan(0);
  });

  it('CLI: train --json prints both methods; models lists them', () => {
    const bin = path.resolve(__dirname, '../../../bin/loupe.js');
    const out = execFileSync(process.execPath, [bin, 'train', labeled, '--json', '--trees', '8', '--split', 'random', '-q'], { encoding: 'utf8' });
    const j = JSON.parse(out) as { loupe: Record<string, unknown>; seed_method: Record<string, unknown> };
    for (const k of ['auc', 'accuracy', 'precision', 'recall', 'f1', 'confusion', 'per_category_recall']) {
      expect(j.loupe).toHaveProperty(k);
      expect(j.seed_method).toHaveProperty(k);
    }
    const list = execFileSync(process.execPath, [bin, 'models', labeled], { encoding: 'utf8' });
    expect(list).toMatch(/loupe-rf/);
    expect(list).toMatch(/seed method AUC/);
  });
});
