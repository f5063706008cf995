// Reading back what ingest stored: a case summary, quarantine pages, and the original line of an event.
//
// How the original line is recoverable, and what it costs: every event keeps `byte_offset` and
// `byte_len` into the decoded source (16 bytes a row at most, usually ~6 with SQLite's varints), and the
// source keeps its path, size and SHA-256. getRawLine re-reads those bytes from the file (a plain
// file: one positioned read; a gzip file: it is inflated up to that offset, so late lines of big
// gzip files cost a partial decompression). The file must still be where it was, with the same size.
// Sources that cannot be re-read (standard input, sockets) store the raw line in `events.raw`
// instead, costing about the input size again. Quarantined records always keep their raw bytes.
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { QuarantinePage, QuarantineRow } from '../../shared/api';
import type { CleaningReport, SourceInfo } from '../../shared/model';
import { LoupeError } from '../errors';
import { getMeta, openCase, type Db } from '../store/case';
import { SCHEMA_VERSION } from '../store/migrations';
import { getSource, listSources } from '../store/sources';

export interface CaseSummary {
  file: string;
  schemaVersion: number;
  createdAt: number | null;
  sources: (SourceInfo & { incomplete: boolean })[];
  totals: { sources: number; records: number; events: number; quarantined: number; bytes: number };
  timeRange: { min: number | null; max: number | null };
  formats: Record<string, number>;
  /** one line per source that is not complete (interrupted, cancelled, failed, partial) */
  warnings: string[];
}

/** A source left in `ingesting` by a process that is gone was interrupted (kill -9, crash, power loss). */
export function describeIncomplete(s: SourceInfo): string | null {
  switch (s.status) {
    case 'complete':
    case 'live':
      return null;
    case 'ingesting':
      return `source #${s.id} ${s.path} is incomplete: its ingest was interrupted (or is still running) after ${s.records} records`;
    case 'partial':
      return `source #${s.id} ${s.path} is partial: ${s.statusDetail ?? 'not all of it could be read'}`;
    case 'cancelled':
      return `source #${s.id} ${s.path} was cancelled after ${s.records} records`;
    case 'failed':
      return `source #${s.id} ${s.path} failed: ${s.statusDetail ?? 'unknown error'}`;
  }
}

export function summarizeCase(db: Db, file: string): CaseSummary {
  const sources = listSources(db).map((s) => ({ ...s, incomplete: s.status !== 'complete' && s.status !== 'live' }));
  const totals = { sources: sources.length, records: 0, events: 0, quarantined: 0, bytes: 0 };
  const formats: Record<string, number> = {};
  let min: number | null = null;
  let max: number | null = null;
  for (const s of sources) {
    totals.records += s.records;
    totals.events += s.events;
    totals.quarantined += s.quarantined;
    totals.bytes += s.bytes;
    formats[s.format] = (formats[s.format] ?? 0) + 1;
    if (s.minTs !== null && (min === null || s.minTs < min)) min = s.minTs;
    if (s.maxTs !== null && (max === null || s.maxTs > max)) max = s.maxTs;
  }
  const created = getMeta(db, 'created_at');
  return {
    file,
    schemaVersion: SCHEMA_VERSION,
    createdAt: created ? Number(created) : null,
    sources,
    totals,
    timeRange: { min, max },
    formats,
    warnings: sources.map(describeIncomplete).filter((w): w is string => w !== null),
  };
}

export function readCaseInfo(caseFile: string): CaseSummary {
  const db = openCase(caseFile, { readonly: true });
  try {
    return summarizeCase(db, caseFile);
  } finally {
    db.close();
  }
}

/**
 * Reads `len` bytes at `offset` of the decoded stream of a gzip file. Growing prefixes of the file
 * (doubling, so the total work stays linear) are inflated with SYNC_FLUSH, which decodes a cut-off
 * stream without failing, until the wanted range is covered.
 */
function readGzipRange(file: string, offset: number, len: number): Buffer {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    let want = Math.min(size, 1 << 20);
    for (;;) {
      const raw = Buffer.alloc(want);
      const n = fs.readSync(fd, raw, 0, want, 0);
      const decoded = zlib.gunzipSync(raw.subarray(0, n), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
      if (decoded.length >= offset + len || want >= size) return Buffer.from(decoded.subarray(offset, offset + len));
      want = Math.min(size, want * 2);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The original bytes of an event's line, exactly as in the source (invalid UTF-8 included), or
 * null when the event does not exist. Throws a LoupeError when the source file moved or changed.
 */
export function getRawLine(db: Db, eventId: number): Buffer | null {
  const ev = db.prepare('SELECT source_id, byte_offset, byte_len, raw FROM events WHERE id = ?').get(eventId) as
    | { source_id: number; byte_offset: number | null; byte_len: number | null; raw: Buffer | null }
    | undefined;
  if (!ev) return null;
  if (ev.raw) return Buffer.from(ev.raw);
  const src = getSource(db, ev.source_id);
  if (!src || ev.byte_offset === null || ev.byte_len === null) return null;
  let st: fs.Stats;
  try {
    st = fs.statSync(src.path);
  } catch (e) {
    void e;
    throw new LoupeError('not_found', `the original line is not available: source file ${src.path} has moved or been deleted (parsed fields remain)`);
  }
  if (st.size !== src.bytes) {
    throw new LoupeError('not_found', `the original line is not available: source file ${src.path} changed size (${src.bytes} -> ${st.size} bytes) since it was ingested`);
  }
  if (src.gzip) return readGzipRange(src.path, ev.byte_offset, ev.byte_len);
  const buf = Buffer.alloc(ev.byte_len);
  const fd = fs.openSync(src.path, 'r');
  try {
    const n = fs.readSync(fd, buf, 0, ev.byte_len, ev.byte_offset);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Quarantined records of a source in line order, a page at a time (after a row id, or after a line number). */
export function listQuarantine(db: Db, sourceId: number, opts: { limit?: number; afterId?: number; afterLine?: number } = {}): QuarantinePage & { nextAfterId: number | null } {
  const limit = Math.max(1, Math.min(1000, opts.limit ?? 100));
  type Row = { id: number; source_id: number; line_no: number; byte_offset: number; raw: Buffer; reason: string };
  const rows = (
    opts.afterLine !== undefined
      ? db.prepare('SELECT id, source_id, line_no, byte_offset, raw, reason FROM quarantine WHERE source_id = ? AND line_no > ? ORDER BY line_no, id LIMIT ?').all(sourceId, opts.afterLine, limit + 1)
      : db.prepare('SELECT id, source_id, line_no, byte_offset, raw, reason FROM quarantine WHERE source_id = ? AND id > ? ORDER BY id LIMIT ?').all(sourceId, opts.afterId ?? 0, limit + 1)
  ) as Row[];
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const out: QuarantineRow[] = page.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    lineNo: r.line_no,
    byteOffset: r.byte_offset,
    reason: r.reason,
    raw: Buffer.from(r.raw).toString('utf8'),
    rawBytes: r.raw.length,
  }));
  const total = (db.prepare('SELECT count(*) AS n FROM quarantine WHERE source_id = ?').get(sourceId) as { n: number }).n;
  const src = getSource(db, sourceId);
  const last = page[page.length - 1];
  return {
    rows: out,
    nextAfterLine: more && last ? last.line_no : null,
    nextAfterId: more && last ? last.id : null,
    total,
    cleaning: (src?.cleaning as CleaningReport | undefined) ?? null,
  };
}
