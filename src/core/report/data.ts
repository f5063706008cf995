// Reads what a report needs from a case, defensively: a case without statistics, findings or
// models still yields a report that says what is missing and which command produces it.
import type { Db } from '../store/case';
import { compileQuery } from '../store/query';
import { getSuspicious } from '../analysis';
import type { AuditEntry, CaseStats, CleaningReport, Finding, FindingThreshold, Severity, SourceInfo, SourceStatus } from '../../shared/model';
import { SEVERITIES } from '../../shared/model';

/** A detector as the method appendix prints it (the analysis engine's DETECTORS catalogue). */
export interface DetectorInfo {
  name: string;
  title: string;
  description: string;
  settings: readonly { key: string; default: number | boolean | string; description: string }[];
}

export interface ModelMetrics {
  auc?: number;
  accuracy?: number;
  precision?: number;
  recall?: number;
  f1?: number;
  /** rows evaluated, positives among them, decision threshold */
  n?: number;
  positives?: number;
  threshold?: number;
  confusion?: unknown;
  /** per category: a recall, or { recall, n } */
  per_category_recall?: Record<string, number | { recall: number; n?: number }>;
  importance?: unknown;
}

export interface ModelInfo {
  id: number;
  name: string;
  kind: string;
  createdAt: number;
  labelColumn: string | null;
  features: string[];
  settings: Record<string, unknown>;
  loupe: ModelMetrics | null;
  seedMethod: ModelMetrics | null;
}

export interface EvidenceRow {
  id: number;
  ts: number | null;
  text: string;
}

export interface ReportFinding extends Finding {
  evidenceRows: EvidenceRow[];
}

export interface ScoreHistogram {
  modelId: number;
  min: number;
  max: number;
  count: number;
  bins: number[];
}

export interface SuspiciousIp {
  /** the address, or the machine's name when kind is 'host' */
  ip: string;
  kind: 'ip' | 'host';
  score: number;
  findings: number;
  worst: Severity;
  detectors: string[];
  modelScore: number | null;
}

export interface ReportData {
  sources: SourceInfo[];
  overview: CaseStats | null;
  findings: ReportFinding[];
  models: ModelInfo[];
  scoreHistogram: ScoreHistogram | null;
  suspicious: SuspiciousIp[];
  audit: AuditEntry[];
  auditTotal: number;
  detectors: DetectorInfo[];
  /** settings the last analysis ran with that differ from the defaults (from its audit entry) */
  changedSettings: Record<string, unknown>;
  lastAnalysisAt: number | null;
  createdAt: number | null;
}

const parseJson = <T>(s: string | null | undefined, fallback: T): T => {
  if (s == null || s === '') return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    // a damaged JSON cell is reported as absent rather than failing the whole report
    return fallback;
  }
};

const hasTable = (db: Db, name: string): boolean => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

type Row = Record<string, unknown>;
const str = (v: unknown): string => (v == null ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);

export function readSources(db: Db): SourceInfo[] {
  const rows = db.prepare('SELECT * FROM sources ORDER BY id').all() as Row[];
  return rows.map((r) => ({
    id: num(r.id) ?? 0,
    path: str(r.path),
    sha256: r.sha256 == null ? null : str(r.sha256),
    bytes: num(r.bytes) ?? 0,
    mtime: num(r.mtime),
    format: str(r.format),
    mapping: parseJson<Record<string, string> | null>(r.mapping as string, null),
    timezone: str(r.timezone) || 'UTC',
    timezoneSource: (str(r.timezone_source) || 'default') as SourceInfo['timezoneSource'],
    year: num(r.year),
    yearSource: (r.year_source ?? null) as SourceInfo['yearSource'],
    gzip: num(r.gzip) === 1,
    parserVersion: str(r.parser_version),
    startedAt: num(r.started_at) ?? 0,
    finishedAt: num(r.finished_at),
    records: num(r.records) ?? 0,
    events: num(r.events) ?? 0,
    quarantined: num(r.quarantined) ?? 0,
    status: str(r.status) as SourceStatus,
    statusDetail: r.status_detail == null ? null : str(r.status_detail),
    minTs: num(r.min_ts),
    maxTs: num(r.max_ts),
    cleaning: normaliseCleaning(parseJson<Partial<CleaningReport>>(r.cleaning as string, {})),
  }));
}

function normaliseCleaning(c: Partial<CleaningReport>): CleaningReport {
  return { columns: c.columns ?? {}, quarantineReasons: c.quarantineReasons ?? {}, notes: Array.isArray(c.notes) ? c.notes : [] };
}

export function readOverview(db: Db): CaseStats | null {
  const row = db.prepare("SELECT value FROM stats WHERE key = 'overview'").get() as { value: string } | undefined;
  const s = parseJson<Partial<CaseStats> | null>(row?.value, null);
  if (!s || typeof s.events !== 'number') return null;
  const list = <K extends keyof CaseStats>(k: K): CaseStats[K] => (Array.isArray(s[k]) ? s[k] : []) as CaseStats[K];
  return {
    computedAt: s.computedAt ?? 0,
    range: s.range ?? { from: null, to: null },
    events: s.events,
    sources: s.sources ?? 0,
    distinctSrcIps: s.distinctSrcIps ?? 0,
    distinctDstIps: s.distinctDstIps ?? 0,
    quarantined: s.quarantined ?? 0,
    minTs: s.minTs ?? null,
    maxTs: s.maxTs ?? null,
    timeline: s.timeline && Array.isArray(s.timeline.buckets) ? s.timeline : { bucketMs: 0, stackBy: 'none', series: [], buckets: [] },
    protocols: list('protocols'),
    statuses: list('statuses'),
    methods: list('methods'),
    labels: list('labels'),
    categories: list('categories'),
    topSourcesByEvents: list('topSourcesByEvents'),
    topSourcesByBytes: list('topSourcesByBytes'),
    topDestinations: list('topDestinations'),
    topDstPorts: list('topDstPorts'),
    topUserAgents: list('topUserAgents'),
    topPaths: list('topPaths'),
    failedBySource: list('failedBySource'),
  };
}

const asSeverity = (s: string): Severity => ((SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : 'info');

/** Findings ordered by severity (worst first), then score, with their tags, notes and a few evidence rows. */
export function readFindings(db: Db, evidenceRows = 5): ReportFinding[] {
  const rows = db.prepare('SELECT * FROM findings').all() as Row[];
  const tagStmt = db.prepare("SELECT tag FROM tags WHERE target_type = 'finding' AND target_id = ? ORDER BY tag");
  const noteStmt = db.prepare("SELECT text FROM notes WHERE target_type = 'finding' AND target_id = ?");
  const findings = rows.map((r): ReportFinding => {
    const id = str(r.id);
    const sampleIds = parseJson<unknown[]>(r.sample_ids as string, []).filter((x): x is number => typeof x === 'number');
    const f: ReportFinding = {
      id,
      detector: str(r.detector),
      severity: asSeverity(str(r.severity)),
      entity: str(r.entity),
      entityType: str(r.entity_type) as Finding['entityType'],
      title: str(r.title),
      explanation: str(r.explanation),
      numbers: parseJson<Record<string, number | string>>(r.numbers as string, {}),
      threshold: parseJson<FindingThreshold | null>(r.threshold as string, null),
      windowMs: num(r.window_ms),
      firstSeen: num(r.first_seen),
      lastSeen: num(r.last_seen),
      evidence: { query: str(r.evidence_query), count: num(r.evidence_count) ?? 0, sampleIds },
      score: num(r.score) ?? 0,
      status: str(r.status) === 'dismissed' ? 'dismissed' : 'open',
      tags: (tagStmt.all(id) as { tag: string }[]).map((t) => t.tag),
      note: (noteStmt.get(id) as { text: string } | undefined)?.text ?? null,
      evidenceRows: [],
    };
    f.evidenceRows = readEvidence(db, f, evidenceRows);
    return f;
  });
  return findings.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || b.score - a.score || a.id.localeCompare(b.id));
}

const EVIDENCE_COLS = 'id, ts, src_ip, src_port, dst_ip, dst_port, proto, method, host, path, query, status, bytes, user, action, program, message, user_agent';

/** One event as one line of text, the way a responder reads a log line. */
export function evidenceText(e: Row): string {
  const parts: string[] = [];
  const src = e.src_ip != null ? `${str(e.src_ip)}${e.src_port != null ? `:${str(e.src_port)}` : ''}` : '';
  const dst = e.dst_ip != null ? `${str(e.dst_ip)}${e.dst_port != null ? `:${str(e.dst_port)}` : ''}` : e.dst_port != null ? `port ${str(e.dst_port)}` : '';
  if (src || dst) parts.push(dst ? `${src || '?'} → ${dst}` : src);
  if (e.proto != null) parts.push(str(e.proto));
  if (e.method != null || e.path != null) parts.push(`${e.method != null ? `${str(e.method)} ` : ''}${e.host != null ? str(e.host) : ''}${str(e.path)}${e.query != null ? `?${str(e.query)}` : ''}`);
  if (e.status != null) parts.push(`status ${str(e.status)}`);
  if (e.bytes != null) parts.push(`${str(e.bytes)} B`);
  if (e.program != null) parts.push(str(e.program));
  if (e.action != null) parts.push(str(e.action));
  if (e.user != null) parts.push(`user ${str(e.user)}`);
  if (e.message != null) parts.push(str(e.message));
  if (e.user_agent != null) parts.push(`UA ${str(e.user_agent)}`);
  return parts.join('  ');
}

function readEvidence(db: Db, f: Finding, limit: number): EvidenceRow[] {
  if (limit <= 0) return [];
  let rows: Row[] = [];
  const ids = f.evidence.sampleIds.slice(0, limit);
  if (ids.length) {
    rows = db.prepare(`SELECT ${EVIDENCE_COLS} FROM events WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY ts, id`).all(...ids) as Row[];
  } else if (f.evidence.query) {
    try {
      const q = compileQuery(f.evidence.query);
      rows = db.prepare(`SELECT ${EVIDENCE_COLS} FROM events WHERE ${q.where} ORDER BY ts, id LIMIT ?`).all(...q.params, limit) as Row[];
    } catch {
      // an evidence query that no longer compiles leaves the finding without sample rows; the query is still printed
      rows = [];
    }
  }
  return rows.map((r) => ({ id: num(r.id) ?? 0, ts: num(r.ts), text: evidenceText(r) }));
}

export function readModels(db: Db): ModelInfo[] {
  const rows = db.prepare('SELECT id, name, kind, created_at, label_column, settings, features, metrics FROM models ORDER BY created_at DESC, id DESC').all() as Row[];
  return rows.map((r) => {
    const metrics = parseJson<{ loupe?: ModelMetrics; seed_method?: ModelMetrics } & ModelMetrics>(r.metrics as string, {});
    const features = parseJson<unknown>(r.features as string, []);
    return {
      id: num(r.id) ?? 0,
      name: str(r.name),
      kind: str(r.kind),
      createdAt: num(r.created_at) ?? 0,
      labelColumn: r.label_column == null ? null : str(r.label_column),
      features: Array.isArray(features) ? features.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [],
      settings: parseJson<Record<string, unknown>>(r.settings as string, {}),
      loupe: metrics.loupe ?? (metrics.auc !== undefined || metrics.accuracy !== undefined ? metrics : null),
      seedMethod: metrics.seed_method ?? null,
    };
  });
}

/** Histogram of the newest model's event scores (SQL aggregates: flat memory on millions of scores). */
export function readScoreHistogram(db: Db, bins = 20): ScoreHistogram | null {
  const latest = db.prepare('SELECT model_id AS m FROM scores ORDER BY model_id DESC LIMIT 1').get() as { m: number } | undefined;
  if (!latest) return null;
  const agg = db.prepare('SELECT min(score) AS lo, max(score) AS hi, count(*) AS n FROM scores WHERE model_id = ?').get(latest.m) as { lo: number; hi: number; n: number };
  const width = agg.hi > agg.lo ? (agg.hi - agg.lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  const rows = db
    .prepare('SELECT min(CAST((score - ?) / ? AS INTEGER), ?) AS b, count(*) AS n FROM scores WHERE model_id = ? GROUP BY b')
    .all(agg.lo, width, bins - 1, latest.m) as { b: number; n: number }[];
  for (const r of rows) counts[Math.max(0, Math.min(bins - 1, r.b))] += r.n;
  return { modelId: latest.m, min: agg.lo, max: agg.hi, count: agg.n, bins: counts };
}

/**
 * Top suspicious IPs, the ranking the app shows (open findings and the newest model's per-source
 * scores, so a dismissal counts here too), with the model's score beside each address.
 */
export function rankSuspicious(db: Db, limit = 10): SuspiciousIp[] {
  const out = getSuspicious(db, limit).map((e): SuspiciousIp => {
    const found = e.contributions.filter((c) => c.kind === 'finding');
    return {
      ip: e.ip,
      kind: e.kind,
      score: e.points,
      findings: found.length,
      worst: found.reduce<Severity>((w, c) => (c.severity && SEVERITIES.indexOf(c.severity) > SEVERITIES.indexOf(w) ? c.severity : w), 'info'),
      detectors: [...new Set(found.map((c) => c.detector!)), ...(e.contributions.some((c) => c.kind === 'model') ? ['anomaly model'] : [])],
      modelScore: null,
    };
  });
  const latest = db.prepare('SELECT model_id AS m FROM entity_scores ORDER BY model_id DESC LIMIT 1').get() as { m: number } | undefined;
  if (latest) {
    const stmt = db.prepare('SELECT score FROM entity_scores WHERE model_id = ? AND entity = ?');
    for (const s of out) if (s.kind === 'ip') s.modelScore = (stmt.get(latest.m, s.ip) as { score: number } | undefined)?.score ?? null;
  }
  return out;
}

/** Report exports are left out so that exporting twice gives the same report. */
export function readAudit(db: Db, limit = 300): { entries: AuditEntry[]; total: number } {
  const total = (db.prepare("SELECT count(*) AS n FROM audit WHERE action <> 'report.export'").get() as { n: number }).n;
  const rows = db.prepare("SELECT id, at, actor, action, detail FROM audit WHERE action <> 'report.export' ORDER BY id DESC LIMIT ?").all(limit) as Row[];
  const entries = rows.reverse().map((r) => ({ id: num(r.id) ?? 0, at: num(r.at) ?? 0, actor: str(r.actor), action: str(r.action), detail: parseJson<Record<string, unknown>>(r.detail as string, {}) }));
  return { entries, total };
}

/** The last analysis run's non-default settings, from its audit entry. */
export function readLastAnalysis(db: Db): { at: number | null; changed: Record<string, unknown> } {
  const row = db.prepare("SELECT at, detail FROM audit WHERE action = 'analysis.run' ORDER BY id DESC LIMIT 1").get() as { at: number; detail: string } | undefined;
  if (!row) return { at: null, changed: {} };
  const detail = parseJson<{ settings?: Record<string, unknown> }>(row.detail, {});
  return { at: row.at, changed: detail.settings && typeof detail.settings === 'object' ? detail.settings : {} };
}

export function loadReportData(db: Db, detectors: readonly DetectorInfo[] = []): ReportData {
  const sources = readSources(db);
  const overview = hasTable(db, 'stats') ? readOverview(db) : null;
  const findings = readFindings(db);
  const audit = readAudit(db);
  const last = readLastAnalysis(db);
  const created = db.prepare("SELECT value FROM meta WHERE key = 'created_at'").get() as { value: string } | undefined;
  return {
    sources,
    overview,
    findings,
    models: readModels(db),
    scoreHistogram: readScoreHistogram(db),
    suspicious: rankSuspicious(db),
    audit: audit.entries,
    auditTotal: audit.total,
    detectors: [...detectors],
    changedSettings: last.changed,
    lastAnalysisAt: last.at,
    createdAt: created ? Number(created.value) : null,
  };
}
