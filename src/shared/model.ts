// Plain data types shared by the engine, the CLI, the server and the renderer
// (no node, no DOM, no electron here).

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export type SourceStatus = 'ingesting' | 'complete' | 'partial' | 'cancelled' | 'failed' | 'live';

/** Per-column cleaning counts: how the source's values were treated. */
export interface ColumnCleaning {
  /** values that were empty, "-", "NULL" and became SQL NULL */
  null: number;
  /** values that needed conversion (e.g. "1.2 M" -> 1200000, "80.0" -> 80, " TCP " -> "TCP") */
  coerced: number;
  /** values that could not be parsed into the column type (stored as NULL, record kept, original in the raw line) */
  unparseable: number;
}

export interface CleaningReport {
  columns: Record<string, ColumnCleaning>;
  /** quarantined records by reason */
  quarantineReasons: Record<string, number>;
  /** free-form notes a responder should read (year assumed, timezone assumed, gzip truncated at byte N, ...) */
  notes: string[];
}

export interface SourceInfo {
  id: number;
  path: string;
  sha256: string | null;
  bytes: number;
  mtime: number | null;
  format: string;
  mapping: Record<string, string> | null;
  timezone: string;
  /**
   * where the timezone came from: 'log' (offsets in the records), 'option' (--tz, for records
   * without their own offset), 'default' (UTC assumed), 'mixed' (some records carry an offset and
   * keep it; the others are read in `timezone`, assumed)
   */
  timezoneSource: 'log' | 'option' | 'default' | 'mixed';
  /** year given to year-less timestamps, and where it came from */
  year: number | null;
  yearSource: 'mtime' | 'option' | 'log' | null;
  gzip: boolean;
  parserVersion: string;
  startedAt: number;
  finishedAt: number | null;
  records: number;
  events: number;
  quarantined: number;
  status: SourceStatus;
  statusDetail: string | null;
  minTs: number | null;
  maxTs: number | null;
  cleaning: CleaningReport;
}

/** One number behind a finding, with the setting it was compared to. */
export interface FindingThreshold {
  /** the observed value's name, e.g. "distinct destination ports" */
  metric: string;
  value: number;
  threshold: number;
  /** the setting key, e.g. "portScan.minPorts" (settable with --set) */
  setting: string;
  unit?: string;
}

export interface Finding {
  /** stable: same detector + entity -> same id, so re-analysis and live updates replace, never duplicate */
  id: string;
  detector: string;
  severity: Severity;
  entity: string;
  entityType: 'ip' | 'pair' | 'path' | 'user' | 'user_agent' | 'population' | 'host';
  title: string;
  /** plain language: what was seen, why it matters, what would explain it benignly */
  explanation: string;
  /** the numbers behind it (counts, rates, ...) */
  numbers: Record<string, number | string>;
  threshold: FindingThreshold | null;
  /** aggregation window in ms, if the detector uses one */
  windowMs: number | null;
  firstSeen: number | null;
  lastSeen: number | null;
  /** evidence: an explorer query that selects the rows, how many it selects, and sample event ids */
  evidence: { query: string; count: number; sampleIds: number[] };
  /** 0..1, used to order findings of the same severity and in the suspicious-IP ranking */
  score: number;
  status: 'open' | 'dismissed';
  tags: string[];
  note: string | null;
}

/** One signal behind a suspicious-IP ranking: a finding (detector, severity) or a model's anomaly score. */
export interface SuspiciousContribution {
  /** a finding (detector and severity set), the bonus for several detectors agreeing, or a model's score */
  kind: 'finding' | 'corroboration' | 'model';
  signal: string;
  detector: string | null;
  severity: Severity | null;
  points: number;
  detail: string;
}

/**
 * Points a finding brings to its source's ranking by severity (times 0.5 + 0.5 x its score). A
 * critical finding (a login that succeeded after guessing, a confirmed compromise) outweighs a
 * loud but unsuccessful source's high findings together: a scanner that also bursts and trips the
 * model (25 + 8 + 8) stays below one critical.
 */
export const SUSPICIOUS_WEIGHT: Readonly<Record<Severity, number>> = { info: 1, low: 3, medium: 10, high: 25, critical: 80 };
/** share of the points counted for a source's second and later findings from the same detector */
export const SUSPICIOUS_REPEAT_SHARE = 0.1;
/** share of a group finding's points each of its n named sources gets, divided by the square root of n (a spray, a distributed flood, a botnet's slowloris) */
export const SUSPICIOUS_MEMBER_SHARE = 0.5;
/** points for each further detector with a medium or worse finding on a source (outliers aside: they echo the others) */
export const SUSPICIOUS_CORROBORATION = 5;
/** points for a model anomaly score of 1.0 (a medium-severity finding's worth) */
export const SUSPICIOUS_MODEL_WEIGHT = 10;

/** "Top suspicious IPs": every detector's findings and the model's per-source score on one scale. */
export interface SuspiciousEntry {
  /** the address, or the machine's name when kind is 'host' */
  ip: string;
  /** a source address, or a machine its own logs are about (Windows/Linux host findings name it in numbers.host) */
  kind: 'ip' | 'host';
  points: number;
  contributions: SuspiciousContribution[];
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** Errors cross process boundaries as data, with codes kept in one place. */
export const ERROR_CODES = [
  'usage',
  'not_found',
  'invalid_input',
  'unmappable_layout',
  'duplicate_source',
  'case_locked',
  'case_invalid',
  'case_from_future',
  'gzip_bomb',
  'cancelled',
  'no_labels',
  'no_model',
  'forbidden',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

/** Progress of a long job, pushed once per batch (never per row). */
export interface JobProgress {
  /** 0..1, or null while the total is unknown */
  value: number | null;
  title: string;
  detail?: string;
  bytesDone?: number;
  bytesTotal?: number;
  records?: number;
  quarantined?: number;
  /** records per second over the recent past */
  rate?: number;
  etaMs?: number | null;
}

/** What every long engine function accepts: cancellation and progress. */
export interface JobHooks {
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => void;
}

/** Stored statistics of a case (key 'overview' in `stats`), also computed for a brushed time range. */
export interface KeyCount {
  key: string;
  count: number;
  bytes?: number;
}

export interface CaseStats {
  computedAt: number;
  range: { from: number | null; to: number | null };
  events: number;
  sources: number;
  distinctSrcIps: number;
  distinctDstIps: number;
  quarantined: number;
  minTs: number | null;
  maxTs: number | null;
  /** events over time; `series` names the stack (status class 2xx.., label, or protocol) */
  timeline: { bucketMs: number; stackBy: 'status' | 'label' | 'proto' | 'none'; series: string[]; buckets: { t: number; total: number; counts: Record<string, number> }[] };
  protocols: KeyCount[];
  statuses: KeyCount[];
  methods: KeyCount[];
  labels: KeyCount[];
  categories: KeyCount[];
  topSourcesByEvents: KeyCount[];
  topSourcesByBytes: KeyCount[];
  topDestinations: KeyCount[];
  topDstPorts: KeyCount[];
  topUserAgents: KeyCount[];
  topPaths: KeyCount[];
  failedBySource: KeyCount[];
}
