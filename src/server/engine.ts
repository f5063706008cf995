// The one place the app handlers reach the engine's domain APIs (ingest, analysis, models, report),
// adapting their shapes to the contract's. Heavy calls (ingest, analysis, training, scoring, export)
// run their work in the engines' own worker pools; the handlers start them as jobs.
import type { DetectedFile, DetectorInfo, FormatInfo, MethodMetrics, ModelDetail, ModelSummary, QuarantinePage } from '../shared/api';
import type { Finding, JobHooks, JobProgress, Severity, SourceInfo } from '../shared/model';
import { LoupeError } from '../core/errors';
import type { Db } from '../core/store/case';
import { detectFiles, getRawLine, ingestFiles, listQuarantine, listSources } from '../core/ingest';
import { builtinRegistry } from '../core/ingest/builtin';
import { DETECTORS, analyzeCase, getSuspicious, listFindings, type SuspiciousEntry } from '../core/analysis';
import { getModelInfo, listModels, scoreCase, trainModel, trainUnsupervised, type SplitKind } from '../core/model';
import { exportReport } from '../core/report';

export interface IngestFile {
  path: string;
  format?: string;
  map?: Record<string, string>;
  tz?: string;
  year?: number;
}

export interface IngestRequest {
  caseFile: string;
  files: IngestFile[];
  force?: boolean;
}

export interface FindingFilter {
  severity?: Severity[];
  detector?: string[];
  entity?: string;
  status?: 'open' | 'dismissed' | 'all';
}

export interface ExportRequest {
  pdf?: string;
  csv?: string;
  json?: string;
  eventsCsv?: string;
  eventsJsonl?: string;
  filter?: string;
  analyst?: string;
  displayZone?: string;
}

/** Files that share the same overrides are ingested in one call (one pass of the pipeline). */
function groupByOverrides(files: IngestFile[]): IngestFile[][] {
  const groups = new Map<string, IngestFile[]>();
  for (const f of files) {
    const key = JSON.stringify([f.format ?? null, f.map ?? null, f.tz ?? null, f.year ?? null]);
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()];
}

function toMethod(raw: unknown): MethodMetrics | null {
  if (!raw || typeof raw !== 'object') return null;
  const m = raw as Record<string, unknown>;
  const num = (k: string): number | undefined => (typeof m[k] === 'number' ? (m[k] as number) : undefined);
  const importance = Array.isArray(m.importance) ? (m.importance as { feature: string; value?: number; importance?: number }[]).map((x) => ({ feature: x.feature, importance: x.importance ?? x.value ?? 0 })) : undefined;
  return {
    method: typeof m.method === 'string' ? m.method : 'model',
    auc: num('auc'),
    accuracy: num('accuracy'),
    precision: num('precision'),
    recall: num('recall'),
    f1: num('f1'),
    confusion: m.confusion as MethodMetrics['confusion'],
    roc: m.roc as MethodMetrics['roc'],
    pr: m.pr as MethodMetrics['pr'],
    importance,
  };
}

export const engine = {
  formats(): FormatInfo[] {
    return builtinRegistry()
      .list()
      .map((f) => ({ name: f.name, title: f.title, description: f.description }));
  },
  async detectFiles(paths: string[]): Promise<DetectedFile[]> {
    return detectFiles(paths, builtinRegistry());
  },
  async ingest(req: IngestRequest, hooks: JobHooks): Promise<SourceInfo[]> {
    const groups = groupByOverrides(req.files);
    const out: SourceInfo[] = [];
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const first = g[0]!;
      // progress of one group, scaled into the whole job
      const onProgress = (p: JobProgress): void =>
        hooks.onProgress?.({ ...p, value: p.value === null ? null : (i + p.value) / groups.length, detail: groups.length > 1 ? `${p.detail ?? ''} (batch ${i + 1} of ${groups.length})`.trim() : p.detail });
      const r = await ingestFiles(
        { caseFile: req.caseFile, files: g.map((f) => f.path), format: first.format, map: first.map, tz: first.tz, year: first.year, force: req.force, registry: builtinRegistry() },
        { signal: hooks.signal, onProgress },
      );
      out.push(...r.sources);
    }
    return out;
  },
  listSources(db: Db): SourceInfo[] {
    return listSources(db);
  },
  quarantine(db: Db, sourceId: number, opts: { afterId?: number; limit: number }): QuarantinePage {
    const { nextAfterId, ...page } = listQuarantine(db, sourceId, { limit: opts.limit, afterId: opts.afterId });
    return { ...page, nextAfterId };
  },
  rawLine(db: Db, eventId: number): Buffer | null {
    return getRawLine(db, eventId);
  },
  detectors(): DetectorInfo[] {
    return DETECTORS.map((d) => ({ name: d.name, title: d.title, description: d.description, settings: d.settings }));
  },
  async analyze(caseFile: string, settings: Record<string, number | string | boolean> | undefined, hooks: JobHooks): Promise<{ findings: number }> {
    const r = await analyzeCase(caseFile, { settings }, hooks);
    return { findings: r.findings.length };
  },
  findings(db: Db, filter: FindingFilter): Finding[] {
    const { status, ...rest } = filter;
    return listFindings(db, { ...rest, status: status === 'all' || status === undefined ? undefined : status });
  },
  suspicious(db: Db, limit: number): SuspiciousEntry[] {
    return getSuspicious(db, limit);
  },
  async train(caseFile: string, opts: { label?: string; splitBy?: SplitKind; seed?: number; unsupervised?: boolean }, hooks: JobHooks): Promise<{ modelId: number; summary: unknown }> {
    if (opts.unsupervised) {
      const r = await trainUnsupervised(caseFile, hooks, { seed: opts.seed });
      return { modelId: r.modelId, summary: { kind: 'isolation_forest', events: r.events, entities: r.entities, top: r.top.slice(0, 10) } };
    }
    const r = await trainModel(caseFile, { label: opts.label, split: opts.splitBy, seed: opts.seed }, hooks);
    return { modelId: r.modelId, summary: { kind: 'random_forest', labelColumn: r.labelColumn, split: r.split, trainRows: r.trainRows, testRows: r.testRows, loupe: { auc: r.loupe.auc, f1: r.loupe.f1 }, seed_method: { auc: r.seed_method.auc, f1: r.seed_method.f1 } } };
  },
  async score(caseFile: string, modelId: number | undefined, hooks: JobHooks): Promise<{ modelId: number | null; scored: number }> {
    const r = await scoreCase(caseFile, { modelId }, hooks);
    return { modelId: r.modelId, scored: r.scored };
  },
  listModels(db: Db): ModelSummary[] {
    return listModels(db).map((m) => ({ id: m.id, name: m.name, kind: m.kind, createdAt: m.createdAt, labelColumn: m.labelColumn }));
  },
  modelDetail(db: Db, modelId: number): ModelDetail {
    const m = getModelInfo(db, modelId);
    const methods = [m.metrics.loupe, m.metrics.seed_method].map(toMethod).filter((x): x is MethodMetrics => x !== null);
    return { id: m.id, name: m.name, kind: m.kind, createdAt: m.createdAt, labelColumn: m.labelColumn, methods, raw: m.metrics };
  },
  async exportReport(caseFile: string, req: ExportRequest, hooks: JobHooks): Promise<{ path: string; bytes: number }[]> {
    const r = await exportReport(caseFile, req, hooks);
    if (!r.files.length) throw new LoupeError('invalid_input', 'nothing to export');
    return r.files.map((f) => ({ path: f.path, bytes: f.bytes }));
  },
};
