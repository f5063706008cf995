// `loupe train`, `loupe score` and `loupe models`: supervised training with the seed method side
// by side, the unsupervised anomaly ranking, scoring with any saved model, listing/export/import.
import type { Command } from 'commander';
import {
  exportModel, importModel, listModels, scoreCase, trainModel, trainUnsupervised, SPLITS,
  type Metrics, type ModelInfo, type SplitKind, type TrainResult, type UnsupervisedResult,
} from '../../core/model';
import { openCase } from '../../core/store/case';
import { formatCount, formatDuration } from '../../shared/format';
import type { JobProgress } from '../../shared/model';
import { progressPrinter, usage, writeJson } from '../util';
import type { RegisterCommand } from './index';

// eslint-disable-next-line no-control-regex -- stripping control characters from attacker-written text is the point
const clean = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '·');
const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));

const progressLine = (p: JobProgress): string =>
  `${p.title}${p.value !== null ? ` ${Math.round(p.value * 100)}%` : ''}${p.records ? ` · ${formatCount(p.records)} rows` : ''}${p.rate ? ` · ${formatCount(Math.round(p.rate))} rows/s` : ''}${p.detail ? ` · ${p.detail}` : ''}`;

/** The two methods' metrics side by side, plus per-category recall and the top features. */
export function formatTrainResult(r: TrainResult): string {
  const a = r.loupe;
  const b = r.seed_method;
  const row = (name: string, x: string, y: string): string => `${name.padEnd(22)}${x.padStart(22)}${y.padStart(22)}`;
  const c = (m: Metrics): string => `${m.confusion.tp}/${m.confusion.fp}/${m.confusion.tn}/${m.confusion.fn}`;
  const lines = [
    `Model ${r.modelId} saved · label: ${r.labelColumn} · split: ${r.split} · ${formatCount(r.trainRows)} training / ${formatCount(r.testRows)} test rows · classes: ${r.classes.length}`,
    '',
    row('', 'Loupe', 'Seed method'),
    row('AUC', f3(a.auc), f3(b.auc)),
    row('Accuracy', f3(a.accuracy), f3(b.accuracy)),
    row('Precision', f3(a.precision), f3(b.precision)),
    row('Recall', f3(a.recall), f3(b.recall)),
    row('F1', f3(a.f1), f3(b.f1)),
    row('TP/FP/TN/FN', c(a), c(b)),
  ];
  if (a.category_accuracy !== null) lines.push(row('Attack type named', f3(a.category_accuracy), '—'));
  const cats = Object.keys(a.per_category_recall);
  if (cats.length) {
    lines.push('', `${'Recall per category'.padEnd(30)}${'rows'.padStart(10)}${'Loupe'.padStart(10)}${'Seed'.padStart(10)}`);
    for (const k of cats) {
      const x = a.per_category_recall[k];
      const y = b.per_category_recall[k];
      lines.push(`${clean(k).slice(0, 29).padEnd(30)}${formatCount(x.n).padStart(10)}${x.recall.toFixed(3).padStart(10)}${(y ? y.recall.toFixed(3) : '—').padStart(10)}`);
    }
  }
  lines.push('', `Top features: ${a.importance.slice(0, 8).map((i) => `${i.feature} ${(i.value * 100).toFixed(1)}%`).join(', ')}`);
  lines.push(`Seed method leans on: ${b.importance.slice(0, 4).map((i) => `${i.feature} ${(i.value * 100).toFixed(1)}%`).join(', ')}`);
  lines.push(`Time: ${Object.entries(r.timings).map(([k, v]) => `${k} ${formatDuration(v)}`).join(', ')}`);
  return lines.join('\n');
}

function formatUnsupervised(r: UnsupervisedResult): string {
  const lines = [`Model ${r.modelId} saved (isolation forest) · ${formatCount(r.events)} events and ${formatCount(r.entities)} sources scored`, '', `${'SCORE'.padEnd(8)}${'SOURCE'.padEnd(42)}DRIVERS`];
  for (const e of r.top.slice(0, 15)) {
    const d = e.drivers.map((x) => `${x.feature} ${x.value} (typical ${x.typical})`).join('; ');
    lines.push(`${e.score.toFixed(3).padEnd(8)}${clean(e.entity).slice(0, 41).padEnd(42)}${d || '—'}`);
  }
  return lines.join('\n');
}

function formatModels(models: readonly ModelInfo[]): string {
  if (models.length === 0) return 'No models in this case yet: run `loupe train <case>` (or --unsupervised).';
  const lines = [`${'ID'.padEnd(5)}${'NAME'.padEnd(16)}${'V'.padEnd(4)}${'KIND'.padEnd(18)}${'LABEL'.padEnd(12)}${'CREATED'.padEnd(22)}METRICS`];
  for (const m of models) {
    const lm = m.metrics.loupe as Metrics | undefined;
    const sm = m.metrics.seed_method as Metrics | undefined;
    const metrics = lm ? `AUC ${f3(lm.auc)} F1 ${f3(lm.f1)}${sm ? ` (seed method AUC ${f3(sm.auc)} F1 ${f3(sm.f1)})` : ''}` : `${formatCount(Number(m.metrics.events ?? 0))} events, ${formatCount(Number(m.metrics.entities ?? 0))} sources`;
    lines.push(`${String(m.id).padEnd(5)}${clean(m.name).slice(0, 15).padEnd(16)}${String(m.version).padEnd(4)}${m.kind.padEnd(18)}${clean(m.labelColumn ?? '—').slice(0, 11).padEnd(12)}${new Date(m.createdAt).toISOString().slice(0, 19).replace('T', ' ').padEnd(22)}${metrics}`);
  }
  return lines.join('\n');
}

const parseIntOpt = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) usage(`${name} expects an integer, got "${v}"`);
  return n;
};

export const register: RegisterCommand = (program: Command) => {
  program
    .command('train')
    .description('Train a model on the case: supervised (labels) with the seed method as a baseline, or --unsupervised')
    .argument('<case>', 'case file (.loupe)')
    .option('--label <column>', 'label: label (anomalous/class), category (attackType), or tag:<name> for analyst tags')
    .option('--split <kind>', `evaluation split: ${SPLITS.join(', ')} (ip: no source IP on both sides)`, 'ip')
    .option('--test <case>', 'train on this case, evaluate on that one')
    .option('--seed <n>', 'random seed (same seed, same model)', '42')
    .option('--trees <n>', "trees in Loupe's forest")
    .option('--unsupervised', 'isolation forest over events and sources (no labels needed); writes anomaly scores')
    .option('--json', 'print machine-readable metrics')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (caseFile: string, o: { label?: string; split: string; test?: string; seed: string; trees?: string; unsupervised?: boolean; json?: boolean; quiet?: boolean }) => {
      if (!SPLITS.includes(o.split as SplitKind)) usage(`--split expects ${SPLITS.join(', ')}, got "${o.split}"`);
      const seed = parseIntOpt('--seed', o.seed);
      const trees = parseIntOpt('--trees', o.trees);
      const progress = progressPrinter(o.quiet === true);
      const hooks = { onProgress: (p: JobProgress) => progress.update(progressLine(p)) };
      if (o.unsupervised) {
        const r = await trainUnsupervised(caseFile, hooks, { seed });
        progress.done();
        if (o.json) writeJson(r);
        else process.stdout.write(`${formatUnsupervised(r)}\n`);
        return;
      }
      const r = await trainModel(caseFile, { label: o.label, split: o.split as SplitKind, testCase: o.test, seed, trees }, hooks);
      progress.done();
      if (o.json) writeJson(r);
      else process.stdout.write(`${formatTrainResult(r)}\n`);
    });

  program
    .command('score')
    .description('Score every event of the case with a saved model (this case\'s newest, or --model file|case) and store the scores')
    .argument('<case>', 'case file (.loupe)')
    .option('--model <file|case>', 'an exported model file or another case whose model to use (imported into this case)')
    .option('--model-id <n>', 'model id (in this case, or in the --model case)')
    .option('--source <id>', 'score one source only')
    .option('--json', 'print machine-readable results')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (caseFile: string, o: { model?: string; modelId?: string; source?: string; json?: boolean; quiet?: boolean }) => {
      const progress = progressPrinter(o.quiet === true);
      const started = Date.now();
      const r = await scoreCase(caseFile, { model: o.model, modelId: parseIntOpt('--model-id', o.modelId), sourceId: parseIntOpt('--source', o.source) }, { onProgress: (p) => progress.update(progressLine(p)) });
      progress.done();
      const secs = (Date.now() - started) / 1000;
      if (o.json) writeJson({ ...r, seconds: secs, rowsPerSecond: Math.round(r.scored / Math.max(secs, 1e-3)) });
      else
        process.stdout.write(
          `Scored ${formatCount(r.scored)} events with model ${r.modelId} (${r.modelName}, ${r.kind}) in ${formatDuration(secs * 1000)} · ${formatCount(r.flagged)} scored >= 0.5${r.entities ? ` · ${formatCount(r.entities)} sources ranked` : ''}\n`,
        );
    });

  program
    .command('models')
    .description('List the models saved in a case with their metrics; export or import a model file')
    .argument('<case>', 'case file (.loupe)')
    .option('--export <id>', 'export model <id> to --out <file>')
    .option('--out <file>', 'file for --export')
    .option('--import <file>', 'import an exported model file into the case')
    .option('--json', 'print machine-readable output')
    .action((caseFile: string, o: { export?: string; out?: string; import?: string; json?: boolean }) => {
      if (o.export !== undefined) {
        if (!o.out) usage('--export needs --out <file>');
        const info = exportModel(caseFile, parseIntOpt('--export', o.export)!, o.out);
        if (o.json) writeJson({ exported: info.id, file: o.out });
        else process.stdout.write(`Exported model ${info.id} (${info.name} v${info.version}) to ${o.out}\n`);
        return;
      }
      if (o.import !== undefined) {
        const id = importModel(caseFile, o.import);
        if (o.json) writeJson({ imported: id });
        else process.stdout.write(`Imported ${o.import} as model ${id}\n`);
        return;
      }
      const db = openCase(caseFile, { readonly: true });
      try {
        const models = listModels(db);
        if (o.json) writeJson(models);
        else process.stdout.write(`${formatModels(models)}\n`);
      } finally {
        db.close();
      }
    });
};
