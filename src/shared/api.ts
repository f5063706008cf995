// The one typed API contract between the UI and the engine: every request channel (`domain/verb`),
// its zod-validated payload, its result type, and every pushed event. Electron IPC, web mode
// (HTTP + WebSocket) and the tests all implement or consume these types; nothing is declared twice.
import { z } from 'zod';
import type { EventRow } from './columns';
import { ERROR_CODES, SEVERITIES, type CaseStats, type CleaningReport, type ErrorCode, type Finding, type JobProgress, type KeyCount, type Result, type Severity, type SourceInfo, type SuspiciousEntry } from './model';

// ---------------------------------------------------------------------------------------------
// Request payloads. Strict objects: an unknown key is refused, so a typo never silently no-ops.
// ---------------------------------------------------------------------------------------------

const path = z.string().min(1).max(4096);
const epochMs = z.number().int().min(-8.64e15).max(8.64e15);
const empty = z.strictObject({});
const settingValue = z.union([z.number(), z.string().max(1000), z.boolean()]);
const mapping = z.record(z.string().max(64), z.string().max(256));
/** keyset cursor: opaque to the UI, produced by `explore/page` */
const cursor = z.string().max(8192);
/** an IANA zone name, 'UTC', or 'source' (each source's own zone) */
const zone = z.string().min(1).max(64);

/** Sortable explorer columns: each has an index in the case, `id` breaks ties. */
export const SORTABLE_COLUMNS = ['id', 'ts', 'src_ip', 'dst_ip', 'dst_port', 'status', 'source_id'] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];

export const JOB_KINDS = ['ingest', 'analysis', 'train', 'score', 'export', 'fts', 'sample'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const EXPORT_KINDS = ['pdf', 'csv', 'json', 'eventsCsv', 'eventsJsonl'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const THEMES = ['system', 'light', 'dark'] as const;

export const REQUESTS = {
  // --- app: what this face can do
  'app/info': empty,
  /** Electron: native open dialog for log files (or folders); web mode answers null (use the file input) */
  'app/pickFiles': z.strictObject({ folders: z.boolean().optional() }),
  /** Electron: native dialog to choose a case to open, or where to create one; web mode answers null */
  'app/pickCase': z.strictObject({ mode: z.enum(['open', 'create']) }),

  // --- cases: the one case this window / server session works on
  'cases/open': z.strictObject({ file: path }),
  'cases/create': z.strictObject({ file: path }),
  'cases/info': empty,
  'cases/recent': empty,
  'cases/sample': empty,
  'cases/settingsGet': empty,
  'cases/settingsSet': z.strictObject({ analyst: z.string().max(200).optional(), displayZone: zone.optional(), theme: z.enum(THEMES).optional() }),

  // --- ingest
  'ingest/formats': empty,
  /** look at files (or folders: their files) before ingesting: format, mapping, head lines */
  'ingest/detect': z.strictObject({ paths: z.array(path).min(1).max(10_000) }),
  'ingest/start': z.strictObject({
    files: z
      .array(
        z.strictObject({
          path,
          /** format override (a name from `ingest/formats`) */
          format: z.string().max(64).optional(),
          /** mapping override: role (canonical column) -> source field */
          map: mapping.optional(),
          tz: zone.optional(),
          year: z.number().int().min(1970).max(2200).optional(),
        }),
      )
      .min(1)
      .max(10_000),
    /** ingest again a file whose hash the case already holds */
    force: z.boolean().optional(),
    /** run the analysis after the ingest (default true) */
    analyze: z.boolean().optional(),
  }),
  'ingest/sources': empty,
  'ingest/quarantine': z.strictObject({
    sourceId: z.number().int().positive(),
    /** the page after this quarantined row (QuarantinePage.nextAfterId) */
    afterId: z.number().int().nonnegative().optional(),
    /** the page after this line number (kept for callers that page by line) */
    afterLine: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),

  // --- analysis
  'analysis/detectors': empty,
  'analysis/run': z.strictObject({ settings: z.record(z.string().max(128), settingValue).optional() }),
  'analysis/overview': z.strictObject({ from: epochMs.optional(), to: epochMs.optional() }),
  'analysis/findings': z.strictObject({
    severity: z.array(z.enum(SEVERITIES)).optional(),
    detector: z.array(z.string().max(64)).optional(),
    entity: z.string().max(256).optional(),
    status: z.enum(['open', 'dismissed', 'all']).optional(),
  }),
  'analysis/finding': z.strictObject({ id: z.string().min(1).max(256), limit: z.number().int().min(1).max(1000).optional() }),
  'analysis/tag': z.strictObject({ findingId: z.string().min(1).max(256), tag: z.string().min(1).max(64), remove: z.boolean().optional() }),
  'analysis/note': z.strictObject({ findingId: z.string().min(1).max(256), text: z.string().max(20_000) }),
  'analysis/dismiss': z.strictObject({ findingId: z.string().min(1).max(256), reason: z.string().max(2000).optional() }),
  'analysis/restore': z.strictObject({ findingId: z.string().min(1).max(256) }),
  'analysis/suspicious': z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),

  // --- explore
  'explore/page': z.strictObject({
    query: z.string().max(10_000),
    sort: z.enum(SORTABLE_COLUMNS).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    after: cursor.optional(),
    limit: z.number().int().min(1).max(2000).optional(),
  }),
  /** exact count of a query, run in a worker (the page's total is capped so it never blocks) */
  'explore/count': z.strictObject({ query: z.string().max(10_000) }),
  'explore/raw': z.strictObject({ eventId: z.number().int().positive() }),
  'explore/annotations': z.strictObject({ eventIds: z.array(z.number().int().positive()).max(2000) }),
  'explore/tag': z.strictObject({ eventId: z.number().int().positive(), tag: z.string().min(1).max(64), remove: z.boolean().optional() }),
  'explore/note': z.strictObject({ eventId: z.number().int().positive(), text: z.string().max(20_000) }),
  'explore/ftsStatus': empty,
  'explore/ftsBuild': empty,

  // --- entity: one IP across everything
  'entity/get': z.strictObject({ ip: z.string().min(1).max(64), from: epochMs.optional(), to: epochMs.optional() }),
  'entity/tag': z.strictObject({ ip: z.string().min(1).max(64), tag: z.string().min(1).max(64), remove: z.boolean().optional() }),
  'entity/note': z.strictObject({ ip: z.string().min(1).max(64), text: z.string().max(20_000) }),

  // --- model
  'model/list': empty,
  'model/train': z.strictObject({
    label: z.string().max(64).optional(),
    /** train share; the model engine uses its own fixed share per split kind, so this is advisory */
    split: z.number().gt(0).lt(1).optional(),
    /** how rows are split into train and test: by source IP (no entity in both; default), at random, or by time */
    splitBy: z.enum(['ip', 'random', 'time']).optional(),
    seed: z.number().int().optional(),
    /** isolation forest over entity and event features (no labels needed) */
    unsupervised: z.boolean().optional(),
  }),
  'model/score': z.strictObject({ modelId: z.number().int().positive().optional() }),
  'model/metrics': z.strictObject({ modelId: z.number().int().positive() }),

  // --- export (same options as exportReport); without `dir` files go next to the case
  'export/start': z.strictObject({
    kinds: z.array(z.enum(EXPORT_KINDS)).min(1),
    dir: path.optional(),
    filter: z.string().max(10_000).optional(),
    analyst: z.string().max(200).optional(),
    displayZone: zone.optional(),
  }),

  // --- follow a growing log
  'follow/start': z.strictObject({ path, format: z.string().max(64).optional(), tz: zone.optional() }),
  'follow/stop': z.strictObject({ followId: z.string().min(1).max(64) }),
  'follow/status': empty,

  // --- jobs
  'jobs/list': empty,
  'jobs/cancel': z.strictObject({ jobId: z.string().min(1).max(64) }),
} as const;

export type Channel = keyof typeof REQUESTS;
export const CHANNELS = Object.keys(REQUESTS) as Channel[];
export const isChannel = (s: string): s is Channel => Object.prototype.hasOwnProperty.call(REQUESTS, s);
export type ArgsOf<C extends Channel> = z.input<(typeof REQUESTS)[C]>;
/** The payload after validation (what handlers receive). */
export type ParsedArgs<C extends Channel> = z.output<(typeof REQUESTS)[C]>;

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

export interface AppInfo {
  mode: 'electron' | 'web';
  version: string;
  /** web mode: files are picked in the browser and uploaded (POST UPLOAD_PATH); electron: real paths */
  uploads: boolean;
  /** the case open in this session, if any */
  caseFile: string | null;
}

export interface FtsStatus {
  state: 'none' | 'building' | 'ready' | 'stale';
  /** 0..1 while building */
  progress: number | null;
  indexedRows: number;
  totalRows: number;
  /** columns free text searches now (FTS when ready; a LIKE over these otherwise) */
  columns: string[];
  /** one line for the UI: what free text covers right now */
  message: string;
  jobId: string | null;
}

export interface CaseInfo {
  file: string;
  name: string;
  readonly: boolean;
  schemaVersion: number;
  createdAt: number | null;
  sources: SourceInfo[];
  events: number;
  quarantined: number;
  findings: Record<Severity, number>;
  analyzedAt: number | null;
  models: number;
  fts: FtsStatus;
}

export interface RecentCase {
  file: string;
  name: string;
  openedAt: number;
  exists: boolean;
}

export interface Settings {
  analyst: string;
  /** 'UTC', 'source' (each source's own zone) or an IANA zone */
  displayZone: string;
  theme: (typeof THEMES)[number];
}

export interface FormatInfo {
  name: string;
  title: string;
  description: string;
}

export interface DetectedFile {
  path: string;
  bytes: number;
  gzip: boolean;
  format: string | null;
  confidence: number;
  layout: { format: string; header: string[] | null; delimiter?: string; mapping: Record<string, string>; firstRecordLine: number } | null;
  headLines: string[];
  /** one line when the file cannot be read or recognised (the UI asks for a mapping) */
  error: string | null;
}

export interface QuarantineRow {
  id: number;
  sourceId: number;
  lineNo: number;
  byteOffset: number;
  reason: string;
  /** raw bytes decoded as UTF-8 (invalid sequences replaced); render as text, escape controls */
  raw: string;
  rawBytes: number;
}

export interface QuarantinePage {
  rows: QuarantineRow[];
  /** pass as `afterLine` for the next page; null at the end */
  nextAfterLine: number | null;
  /** pass as `afterId` for the next page (exact even when line numbers repeat); null at the end */
  nextAfterId?: number | null;
  total: number;
  cleaning: CleaningReport | null;
}

export interface DetectorSetting {
  key: string;
  default: number | string | boolean;
  description: string;
}

export interface DetectorInfo {
  name: string;
  title: string;
  description: string;
  settings: DetectorSetting[];
}

export interface Annotations {
  tags: string[];
  note: string | null;
}

export interface FindingDetail {
  finding: Finding;
  evidence: EventRow[];
  /** events the evidence query selects (may exceed the rows returned) */
  evidenceTotal: number;
}

export interface CountEstimate {
  count: number;
  /** false when counting stopped at a cap: there are at least `count` rows */
  exact: boolean;
}

export interface ExplorePage {
  rows: EventRow[];
  /** pass as `after` to get the next page; null when this page is the last */
  next: string | null;
  total: CountEstimate;
  /** how free text was searched in this query */
  freeText: 'fts' | 'like' | 'none';
  tookMs: number;
}

export interface RawLine {
  eventId: number;
  /** decoded as UTF-8 (invalid sequences replaced): render as text, escape control and bidi characters */
  text: string;
  bytes: number;
  /** false when the source file is gone or changed and only the parsed fields remain */
  available: boolean;
  message: string | null;
}

export interface EntityView {
  ip: string;
  firstSeen: number | null;
  lastSeen: number | null;
  events: { asSource: number; asDestination: number };
  /** sums of the size column; null when none of its rows logs a size (auth logs, Windows events), not a measured zero */
  bytes: { sent: number | null; received: number | null };
  timeline: { bucketMs: number; buckets: { t: number; count: number }[] };
  dstPorts: KeyCount[];
  dstIps: KeyCount[];
  srcIps: KeyCount[];
  paths: KeyCount[];
  /** virtual hosts it asked for, or the names it looked up (DNS logs) */
  hosts: KeyCount[];
  /** user names it logged in or tried to log in as */
  users: KeyCount[];
  userAgents: KeyCount[];
  statuses: KeyCount[];
  actions: KeyCount[];
  findings: Finding[];
  scores: { modelId: number; modelName: string; score: number; drivers: unknown }[];
  annotations: Annotations;
}

/** Metrics of one method, as the model engine stores them; optional parts are absent when not applicable. */
export interface MethodMetrics {
  method: string;
  auc?: number;
  accuracy?: number;
  precision?: number;
  recall?: number;
  f1?: number;
  confusion?: { tp: number; fp: number; tn: number; fn: number };
  roc?: { fpr: number; tpr: number }[];
  pr?: { recall: number; precision: number }[];
  importance?: { feature: string; importance: number }[];
}

export interface ModelSummary {
  id: number;
  name: string;
  kind: string;
  createdAt: number;
  labelColumn: string | null;
}

export interface ModelDetail extends ModelSummary {
  /** both methods side by side (e.g. the random forest and the seed method) */
  methods: MethodMetrics[];
  /** the engine's stored metrics as-is, for anything the typed view does not cover */
  raw: unknown;
}

export interface JobInfo {
  id: string;
  kind: JobKind;
  title: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: JobProgress | null;
  startedAt: number;
  finishedAt: number | null;
  error: { code: ErrorCode; message: string } | null;
}

export interface FollowInfo {
  followId: string;
  path: string;
  sourceId: number | null;
  startedAt: number;
  events: number;
  quarantined: number;
  alerts: number;
  state: 'running' | 'stopped' | 'failed';
  message: string | null;
}

export interface JobStarted {
  jobId: string;
}

export interface ApiResults {
  'app/info': AppInfo;
  'app/pickFiles': string[] | null;
  'app/pickCase': string | null;
  'cases/open': CaseInfo;
  'cases/create': CaseInfo;
  'cases/info': CaseInfo;
  'cases/recent': RecentCase[];
  /** opens the bundled sample case (building it first when missing: a job) */
  'cases/sample': CaseInfo;
  'cases/settingsGet': Settings;
  'cases/settingsSet': Settings;
  'ingest/formats': FormatInfo[];
  'ingest/detect': DetectedFile[];
  'ingest/start': JobStarted;
  'ingest/sources': SourceInfo[];
  'ingest/quarantine': QuarantinePage;
  'analysis/detectors': DetectorInfo[];
  'analysis/run': JobStarted;
  'analysis/overview': CaseStats;
  'analysis/findings': Finding[];
  'analysis/finding': FindingDetail;
  'analysis/tag': Annotations;
  'analysis/note': Annotations;
  'analysis/dismiss': Finding;
  'analysis/restore': Finding;
  /** top suspicious source addresses, open findings and the newest model's entity scores combined */
  'analysis/suspicious': SuspiciousEntry[];
  'explore/page': ExplorePage;
  'explore/count': CountEstimate;
  'explore/raw': RawLine;
  'explore/annotations': Record<string, Annotations>;
  'explore/tag': Annotations;
  'explore/note': Annotations;
  'explore/ftsStatus': FtsStatus;
  'explore/ftsBuild': JobStarted;
  'entity/get': EntityView;
  'entity/tag': Annotations;
  'entity/note': Annotations;
  'model/list': ModelSummary[];
  'model/train': JobStarted;
  'model/score': JobStarted;
  'model/metrics': ModelDetail;
  'export/start': JobStarted;
  'follow/start': FollowInfo;
  'follow/stop': FollowInfo;
  'follow/status': FollowInfo[];
  'jobs/list': JobInfo[];
  'jobs/cancel': { cancelled: boolean };
}

// Compile-time check: every channel has a result type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const CHANNELS_HAVE_RESULTS: Exact<Channel, keyof ApiResults> = true;

/** The request side of the contract: what main, web mode and the preload client implement. */
export type Api = { [C in Channel]: (args: ArgsOf<C>) => Promise<Result<ApiResults[C]>> };

// ---------------------------------------------------------------------------------------------
// Pushed events (main -> renderer, server -> browser over the WebSocket)
// ---------------------------------------------------------------------------------------------

export type JobResult =
  | { kind: 'ingest'; sources: SourceInfo[] }
  | { kind: 'analysis'; findings: number }
  | { kind: 'train'; modelId: number; summary: unknown }
  | { kind: 'score'; modelId: number | null; scored: number }
  | { kind: 'export'; files: { kind: ExportKind; path: string; bytes: number; url: string | null }[] }
  | { kind: 'fts'; indexedRows: number }
  | { kind: 'sample'; caseFile: string };

export interface ApiEvents {
  'jobs/progress': JobProgress & { jobId: string; kind: JobKind };
  'jobs/done': { jobId: string; kind: JobKind; result: JobResult };
  /** cancelled jobs arrive here with code 'cancelled' */
  'jobs/failed': { jobId: string; kind: JobKind; error: { code: ErrorCode; message: string } };
  /** a finding raised or escalated by live rows */
  'follow/alert': { followId: string; finding: Finding };
  /** a live row the case's model scored at or above the alert threshold (no finding behind it) */
  'follow/scoreAlert': { followId: string; eventId: number | null; score: number; entity: string; title: string; severity: Severity; at: number };
  /** rotation, truncation, what is being followed: one line for the user */
  'follow/notice': { followId: string; message: string };
  'follow/stats': { followId: string; events: number; quarantined: number; rate: number; lastTs: number | null };
  /** the session's case changed (opened from the menu, another tab, the sample) */
  'cases/changed': { file: string | null };
  /** Electron native menu commands the renderer carries out */
  'app/menu': { command: 'new-case' | 'open-case' | 'add-files' | 'export' | 'open-recent'; paths?: string[] };
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: readonly EventName[] = ['jobs/progress', 'jobs/done', 'jobs/failed', 'follow/alert', 'follow/scoreAlert', 'follow/notice', 'follow/stats', 'cases/changed', 'app/menu'];

/** What the renderer holds: the requests, plus event subscription (returns an unsubscribe). */
export type ApiClient = Api & {
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /**
   * Electron: the real path of a dropped or picked file (webUtils.getPathForFile); web mode: null,
   * and the UI uploads the file instead (see `uploadFile`).
   */
  pathForFile(file: File): string | null;
  /** Electron: native dialogs; web mode: null (the UI uses its file input) */
  pickFiles(opts: { folders?: boolean }): Promise<string[] | null>;
  /** web mode: streams a browser-picked file to the server; resolves to the server-side path */
  uploadFile(file: File): Promise<Result<{ path: string; bytes: number }>>;
};

// ---------------------------------------------------------------------------------------------
// Validation and errors as data
// ---------------------------------------------------------------------------------------------

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({ ok: false, error: { code, message } });
export const isErrorCode = (s: unknown): s is ErrorCode => typeof s === 'string' && (ERROR_CODES as readonly string[]).includes(s);

/** Validates a payload for a channel; the message names the first bad field. */
export function parseArgs<C extends Channel>(channel: C, payload: unknown): Result<ParsedArgs<C>> {
  const schema = REQUESTS[channel] as unknown as z.ZodType<ParsedArgs<C>>;
  const r = schema.safeParse(payload ?? {});
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : 'payload';
  return fail('invalid_input', `${channel}: ${where}: ${issue?.message ?? 'invalid'}`);
}
