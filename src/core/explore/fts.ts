// The explorer's full-text index (migration 5): status, and the batched, resumable build the FTS
// worker runs with its own connection. Free text uses it only when it covers every row; until then
// the explorer falls back to LIKE and says so.
import type { FtsStatus } from '../../shared/api';
import { FREE_TEXT_COLUMNS } from '../store/query';
import type { Db } from '../store/case';
import { readPresentColumns } from '../store/columns';
import { createEventIndexes, EVENT_INDEXES } from '../store/migrations';
import type { JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';

export const FTS_TABLE = 'events_fts';

/**
 * Single-column indexes the explorer sorts on (each implicitly ends with rowid, so ORDER BY col, id
 * walks the index). Created after ingest together with the FTS index, not in a migration, so that
 * bulk loads do not maintain them row by row.
 */
export const EXPLORER_INDEXES: readonly { name: string; sql: string; column: string }[] = [
  { name: 'events_x_src_ip', sql: 'CREATE INDEX IF NOT EXISTS events_x_src_ip ON events(src_ip)', column: 'src_ip' },
  { name: 'events_x_dst_ip', sql: 'CREATE INDEX IF NOT EXISTS events_x_dst_ip ON events(dst_ip)', column: 'dst_ip' },
  { name: 'events_x_source', sql: 'CREATE INDEX IF NOT EXISTS events_x_source ON events(source_id)', column: 'source_id' },
];

/** rows per committed batch: a cancel loses at most this many (under a second of work) */
const BATCH_ROWS = 50_000;
/** page cache during the build, KiB */
const FTS_CACHE_KIB = 524_288;

function hasFtsTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type = 'table'").get(FTS_TABLE) !== undefined;
}

/** Where the index stands; `building` is known only to the job runner, which overrides `state`. */
export function ftsStatus(db: Db): FtsStatus {
  const maxRow = db.prepare('SELECT max(id) AS m FROM events').get() as { m: number | null };
  const maxId = maxRow.m ?? 0;
  if (!hasFtsTable(db)) {
    return { state: 'none', progress: null, indexedRows: 0, totalRows: maxId, columns: [...FREE_TEXT_COLUMNS], message: 'Free text scans every row (slow on large cases): this case has no full-text index.', jobId: null };
  }
  const st = db.prepare('SELECT indexed_upto FROM fts_state WHERE id = 1').get() as { indexed_upto: number } | undefined;
  const upto = st?.indexed_upto ?? 0;
  const columns = [...FREE_TEXT_COLUMNS];
  if (maxId === 0) return { state: 'ready', progress: 1, indexedRows: 0, totalRows: 0, columns, message: 'No events yet.', jobId: null };
  if (upto >= maxId) return { state: 'ready', progress: 1, indexedRows: maxId, totalRows: maxId, columns, message: `Free text searches every row for whole words and phrases (full-text index over ${columns.join(', ')}); use field:*part* for part of a word.`, jobId: null };
  return {
    state: upto === 0 ? 'none' : 'stale',
    progress: upto / maxId,
    indexedRows: upto,
    totalRows: maxId,
    columns,
    message: `Full-text index not complete (${Math.floor((100 * upto) / maxId)}%): free text scans ${columns.join(', ')} with LIKE, which is slower but covers every row.`,
    jobId: null,
  };
}

/** The FTS table to pass to compileQuery, or null when the index does not cover every row. */
export function readyFtsTable(db: Db): string | null {
  return ftsStatus(db).state === 'ready' && hasFtsTable(db) ? FTS_TABLE : null;
}

/**
 * Builds (or continues) the index in committed batches, so cancelling loses at most one batch and
 * a later build resumes. Also creates the explorer's sort indexes first (fast, and paging needs them).
 */
export function buildFts(db: Db, hooks: JobHooks = {}): { indexedRows: number } {
  if (!hasFtsTable(db)) throw new LoupeError('case_invalid', 'this case has no full-text table; open it read-write once to migrate it');
  hooks.onProgress?.({ value: 0, title: 'Preparing the explorer', detail: 'sort indexes' });
  // the case's own indexes too (ts, dst_port, status sorts), in case the ingest did not finish them
  // (not over a column the case records as all NULL; without the record, a column is looked at first)
  const present = readPresentColumns(db);
  for (const ix of [...EVENT_INDEXES, ...EXPLORER_INDEXES]) {
    if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'full-text indexing cancelled');
    createEventIndexes(db, [ix], present ? { known: present, probe: false } : { known: new Set(['source_id']) });
  }
  const cols = FREE_TEXT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const insert = db.prepare(`INSERT INTO ${FTS_TABLE}(rowid, ${cols}) SELECT id, ${cols} FROM events WHERE id > ? AND id <= ?`);
  const setUpto = db.prepare('UPDATE fts_state SET indexed_upto = ?, updated_at = ? WHERE id = 1');
  const batch = db.transaction((from: number, to: number) => {
    insert.run(from, to);
    setUpto.run(to, Date.now());
  });
  const maxId = (db.prepare('SELECT max(id) AS m FROM events').get() as { m: number | null }).m ?? 0;
  let upto = (db.prepare('SELECT indexed_upto FROM fts_state WHERE id = 1').get() as { indexed_upto: number }).indexed_upto;
  const start = upto;
  const t0 = Date.now();
  // FTS5 merges its segments through the page cache: with the case's default 64 MiB a 1M-row build
  // spent ~100 s mostly re-reading pages (sys time), with 512 MiB ~16 s. Pages are taken only as
  // needed, and the setting is put back when the build ends.
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${FTS_CACHE_KIB}`);
  try {
    while (upto < maxId) {
      if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'full-text indexing cancelled (what was indexed is kept; it resumes next time)');
      const to = Math.min(maxId, upto + BATCH_ROWS);
      batch(upto, to);
      upto = to;
      const done = upto - start;
      const rate = done / Math.max(0.001, (Date.now() - t0) / 1000);
      hooks.onProgress?.({ value: maxId ? upto / maxId : 1, title: 'Building the full-text index', detail: `${upto} of ${maxId} rows`, records: upto, rate, etaMs: rate > 0 ? ((maxId - upto) / rate) * 1000 : null });
    }
    if (start === 0 && maxId > 0) db.exec(`INSERT INTO ${FTS_TABLE}(${FTS_TABLE}) VALUES ('optimize')`);
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
  hooks.onProgress?.({ value: 1, title: 'Full-text index ready', detail: `${upto} rows` });
  return { indexedRows: upto };
}
