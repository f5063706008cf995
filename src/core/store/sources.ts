// The `sources` table: one row per ingested input (file or stream), what was read, by which
// parser and settings, how many records became events or quarantine rows, and its status.
import type { CleaningReport, SourceInfo, SourceStatus } from '../../shared/model';
import type { Db } from './case';

interface SourceRow {
  id: number;
  path: string;
  sha256: string | null;
  bytes: number;
  mtime: number | null;
  format: string;
  mapping: string | null;
  timezone: string;
  timezone_source: string;
  year: number | null;
  year_source: string | null;
  gzip: number;
  parser_version: string;
  options: string | null;
  started_at: number;
  finished_at: number | null;
  records: number;
  events: number;
  quarantined: number;
  status: string;
  status_detail: string | null;
  min_ts: number | null;
  max_ts: number | null;
  cleaning: string | null;
  read_offset: number;
}

export interface NewSource {
  path: string;
  sha256: string | null;
  bytes: number;
  mtime: number | null;
  format: string;
  mapping: Record<string, string> | null;
  timezone: string;
  timezoneSource: SourceInfo['timezoneSource'];
  year: number | null;
  yearSource: SourceInfo['yearSource'];
  gzip: boolean;
  parserVersion: string;
  options: Record<string, unknown>;
  startedAt: number;
  status: SourceStatus;
}

export const emptyCleaning = (): CleaningReport => ({ columns: {}, quarantineReasons: {}, notes: [] });

export function insertSource(db: Db, s: NewSource): number {
  const r = db
    .prepare(
      `INSERT INTO sources (path, sha256, bytes, mtime, format, mapping, timezone, timezone_source, year, year_source, gzip,
        parser_version, options, started_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      s.path,
      s.sha256,
      s.bytes,
      s.mtime,
      s.format,
      s.mapping ? JSON.stringify(s.mapping) : null,
      s.timezone,
      s.timezoneSource,
      s.year,
      s.yearSource,
      s.gzip ? 1 : 0,
      s.parserVersion,
      JSON.stringify(s.options),
      s.startedAt,
      s.status,
    );
  return Number(r.lastInsertRowid);
}

export interface SourceCounts {
  records: number;
  events: number;
  quarantined: number;
  readOffset: number;
  minTs: number | null;
  maxTs: number | null;
}

/** Written in the same transaction as the rows they count, so they are exact at every commit. */
export function updateSourceCounts(db: Db, id: number, c: SourceCounts): void {
  db.prepare('UPDATE sources SET records = ?, events = ?, quarantined = ?, read_offset = ?, min_ts = ?, max_ts = ? WHERE id = ?').run(
    c.records,
    c.events,
    c.quarantined,
    c.readOffset,
    c.minTs,
    c.maxTs,
    id,
  );
}

export interface SourceEnd {
  status: SourceStatus;
  statusDetail: string | null;
  sha256: string | null;
  bytes: number;
  cleaning: CleaningReport;
  finishedAt: number;
}

export function finishSource(db: Db, id: number, e: SourceEnd): void {
  db.prepare('UPDATE sources SET status = ?, status_detail = ?, sha256 = ?, bytes = ?, cleaning = ?, finished_at = ? WHERE id = ?').run(
    e.status,
    e.statusDetail,
    e.sha256,
    e.bytes,
    JSON.stringify(e.cleaning),
    e.finishedAt,
    id,
  );
}

export function setSourceStatus(db: Db, id: number, status: SourceStatus, detail: string | null): void {
  db.prepare('UPDATE sources SET status = ?, status_detail = ? WHERE id = ?').run(status, detail, id);
}

function toInfo(r: SourceRow): SourceInfo {
  return {
    id: r.id,
    path: r.path,
    sha256: r.sha256,
    bytes: r.bytes,
    mtime: r.mtime,
    format: r.format,
    mapping: r.mapping ? (JSON.parse(r.mapping) as Record<string, string>) : null,
    timezone: r.timezone,
    timezoneSource: r.timezone_source as SourceInfo['timezoneSource'],
    year: r.year,
    yearSource: r.year_source as SourceInfo['yearSource'],
    gzip: r.gzip === 1,
    parserVersion: r.parser_version,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    records: r.records,
    events: r.events,
    quarantined: r.quarantined,
    status: r.status as SourceStatus,
    statusDetail: r.status_detail,
    minTs: r.min_ts,
    maxTs: r.max_ts,
    cleaning: r.cleaning ? (JSON.parse(r.cleaning) as CleaningReport) : emptyCleaning(),
  };
}

export function listSources(db: Db): SourceInfo[] {
  return (db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[]).map(toInfo);
}

export function getSource(db: Db, id: number): SourceInfo | null {
  const r = db.prepare('SELECT * FROM sources WHERE id = ?').get(id) as SourceRow | undefined;
  return r ? toInfo(r) : null;
}

/** Sources already holding a file with this hash (duplicate detection). */
export function sourcesWithHash(db: Db, sha256: string): SourceInfo[] {
  return (db.prepare("SELECT * FROM sources WHERE sha256 = ? AND status != 'cancelled' AND status != 'failed' ORDER BY id").all(sha256) as SourceRow[]).map(toInfo);
}

/** Sources of the same byte size: only then is it worth hashing a file before ingesting it. */
export function sourcesWithSize(db: Db, bytes: number): SourceInfo[] {
  return (db.prepare("SELECT * FROM sources WHERE bytes = ? AND sha256 IS NOT NULL AND status != 'cancelled' AND status != 'failed'").all(bytes) as SourceRow[]).map(toInfo);
}
