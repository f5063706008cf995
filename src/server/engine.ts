// The one place the app handlers reach the engine's domain APIs (ingest, analysis, models, report).
// Each function states the shape the handlers rely on; where an engine module has not landed in
// this build, the call fails with one clear line instead of returning made-up data.
import type { DetectedFile, DetectorInfo, FormatInfo, ModelDetail, ModelSummary, QuarantinePage } from '../shared/api';
import type { CaseStats, Finding, JobHooks, Severity, SourceInfo } from '../shared/model';
import type { EventRow } from '../shared/columns';
import { LoupeError } from '../core/errors';
import type { Db } from '../core/store/case';

function unavailable(what: string): never {
  throw new LoupeError('internal', `${what} is not available in this build yet`);
}

export interface IngestRequest {
  caseFile: string;
  files: { path: string; format?: string; map?: Record<string, string>; tz?: string; year?: number }[];
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

export const engine = {
  formats(): FormatInfo[] {
    return unavailable('the format list');
  },
  async detectFiles(paths: string[]): Promise<DetectedFile[]> {
    void paths;
    return unavailable('format detection');
  },
  async ingest(req: IngestRequest, hooks: JobHooks): Promise<SourceInfo[]> {
    void req;
    void hooks;
    return unavailable('ingest');
  },
  listSources(db: Db): SourceInfo[] {
    void db;
    return unavailable('the source list');
  },
  quarantine(db: Db, sourceId: number, opts: { afterLine?: number; limit: number }): QuarantinePage {
    void db;
    void sourceId;
    void opts;
    return unavailable('the quarantine list');
  },
  rawLine(db: Db, eventId: number): Buffer | null {
    void db;
    void eventId;
    return unavailable('raw lines');
  },
  detectors(): DetectorInfo[] {
    return unavailable('the detector list');
  },
  async analyze(caseFile: string, settings: Record<string, number | string | boolean> | undefined, hooks: JobHooks): Promise<{ findings: number }> {
    void caseFile;
    void settings;
    void hooks;
    return unavailable('analysis');
  },
  overview(db: Db, range: { from?: number; to?: number }): CaseStats {
    void db;
    void range;
    return unavailable('the overview');
  },
  findings(db: Db, filter: FindingFilter): Finding[] {
    void db;
    void filter;
    return unavailable('the findings list');
  },
  evidence(db: Db, findingId: string, limit: number): { rows: EventRow[]; total: number } {
    void db;
    void findingId;
    void limit;
    return unavailable('finding evidence');
  },
  async train(caseFile: string, opts: { label?: string; split?: number; seed?: number; unsupervised?: boolean }, hooks: JobHooks): Promise<{ modelId: number; summary: unknown }> {
    void caseFile;
    void opts;
    void hooks;
    return unavailable('model training');
  },
  async score(caseFile: string, modelId: number | undefined, hooks: JobHooks): Promise<{ modelId: number | null; scored: number }> {
    void caseFile;
    void modelId;
    void hooks;
    return unavailable('scoring');
  },
  listModels(db: Db): ModelSummary[] {
    void db;
    return unavailable('the model list');
  },
  modelDetail(db: Db, modelId: number): ModelDetail {
    void db;
    void modelId;
    return unavailable('model metrics');
  },
  async exportReport(caseFile: string, req: ExportRequest, hooks: JobHooks): Promise<void> {
    void caseFile;
    void req;
    void hooks;
    return unavailable('report export');
  },
};
