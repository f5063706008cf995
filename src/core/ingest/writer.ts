// The one writer of a case during ingest: turns columnar batches into rows of `events` and
// `quarantine`, one transaction per batch, with the source's counts updated in the same
// transaction (so `records = events + quarantined` holds at every commit, even after kill -9).
// Runs on its own thread for batch ingest (src/workers/ingest-writer.ts) or inline for live chunks.
import os from 'node:os';
import type Database from 'better-sqlite3';
import { EVENT_COLUMNS } from '../../shared/columns';
import type { Db } from '../store/case';
import { createEventIndexes, EVENT_INDEXES } from '../store/migrations';
import { readPresentColumns, writePresentColumns } from '../store/columns';
import { updateSourceCounts, type SourceCounts } from '../store/sources';
import { TextCellReader, type ParsedBlock } from './batch';

export interface WriteBatch {
  sourceId: number;
  /** line number (0-based) of the block's first line in the source */
  lineBase: number;
  /** byte offset of the block's first byte in the decoded source */
  offsetBase: number;
  storeRaw: boolean;
  parsed: ParsedBlock;
  /** the source's counts including this batch */
  counts: SourceCounts;
}

/**
 * Rows per INSERT statement: multi-row VALUES amortise the per-call cost of the driver. The
 * statements say OR FAIL: with the default (ABORT), a multi-row statement makes SQLite keep a
 * statement journal (a copy of every page it touches that the transaction already changed, so
 * it could undo just that statement), which spilled to a temp file and cost 1.7M page writes on
 * 2M access lines. A failure rolls back the whole batch's transaction either way.
 */
const ROWS_PER_INSERT = 20;
const BASE_COLUMNS = ['source_id', 'line_no', 'byte_offset', 'byte_len'];

/** Pragmas for a bulk load. WAL keeps the case consistent after a killed process; only a power loss could lose the last commits. */
export function tuneForBulkLoad(db: Db): void {
  db.pragma('synchronous = OFF');
  // bounded memory whatever the input size: a 32 MiB page cache (appends need little; it also
  // bounds the index sorter), no memory map, and index sorts that spill to temporary files
  db.pragma('cache_size = -32768');
  db.pragma('mmap_size = 0');
  db.pragma('temp_store = FILE');
  db.pragma('wal_autocheckpoint = 10000');
}

export class EventWriter {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly insertQuarantine: Database.Statement;
  private readonly writeTx: (b: WriteBatch) => void;
  private params: unknown[] = [];
  /** sources whose first batch has been written (their cheap indexes are in place) */
  private readonly started = new Set<number>();
  /** indexes created for the first source only (see startSource) */
  private readonly early = new Set<string>();
  /** columns this writer has written a value to */
  private readonly seen = new Set<string>(['source_id']);
  /** whether the case had events before this writer's first batch (null: no batch yet) */
  private hadRows: boolean | null = null;
  /** the case's record of columns holding a value (src/core/store/columns.ts); null: not kept */
  private present: Set<string> | null = null;

  constructor(private readonly db: Db) {
    this.insertQuarantine = db.prepare('INSERT INTO quarantine (source_id, line_no, byte_offset, raw, reason) VALUES (?, ?, ?, ?, ?)');
    this.writeTx = db.transaction((b: WriteBatch) => this.writeRows(b));
  }

  write(b: WriteBatch): void {
    this.writeTx(b);
  }

  /** Creates the missing event indexes (cheaper once after a bulk load than row by row). */
  createIndexes(): void {
    // the sorter may use a helper thread per core for the big sorts (src_ip, dst_ip)
    this.db.pragma(`threads = ${Math.min(4, os.availableParallelism())}`);
    // the case's record of columns holding values, else what this writer saw: a case that had
    // rows before it may hold values it never saw, so those columns are looked at
    createEventIndexes(this.db, EVENT_INDEXES, this.present ? { known: this.present, probe: false } : { known: this.seen, probe: this.hadRows !== false });
    this.db.pragma('threads = 0');
    // planner statistics from a sample: a full ANALYZE would re-read every index of a big case
    this.db.pragma('analysis_limit = 1000');
    this.db.exec('ANALYZE');
  }

  private statement(columns: string[], rows: number): Database.Statement {
    const key = `${rows}:${columns.join(',')}`;
    let st = this.statements.get(key);
    if (!st) {
      const one = `(${columns.map(() => '?').join(',')})`;
      st = this.db.prepare(`INSERT OR FAIL INTO events (${columns.join(',')}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`);
      this.statements.set(key, st);
    }
    return st;
  }

  /**
   * Before a source's first rows: creates the missing indexes that are cheap to keep up while
   * writing (`append` in EVENT_INDEXES), which saves a full read of the table per index at the end.
   * 'first-source' ones only on an empty case; a later source drops them again (its times may
   * fall anywhere in the index), and createIndexes builds them once at the end as before.
   */
  private startSource(b: WriteBatch): void {
    this.started.add(b.sourceId);
    for (const name of this.early) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
    this.early.clear();
    const have = new Set(this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").pluck().all() as string[]);
    const empty = this.db.prepare('SELECT 1 FROM events LIMIT 1').get() === undefined;
    if (this.hadRows === null) {
      this.hadRows = !empty;
      // a case without the record starts one only while it has no rows that could be missing from it
      this.present = readPresentColumns(this.db) ?? (empty ? new Set() : null);
    }
    for (const ix of EVENT_INDEXES) {
      if (have.has(ix.name) || !ix.append || (ix.append === 'first-source' && !empty)) continue;
      this.db.exec(ix.sql);
      if (ix.append === 'first-source') this.early.add(ix.name);
    }
  }

  private writeRows(b: WriteBatch): void {
    if (!this.started.has(b.sourceId)) this.startSource(b);
    const p = b.parsed;
    const raw = Buffer.from(p.block.buffer, p.block.byteOffset, p.block.byteLength);
    const columns = [...BASE_COLUMNS, ...p.present.map((c) => EVENT_COLUMNS[c]!.name)];
    for (const c of columns) this.seen.add(c);
    if (this.present) {
      const before = this.present.size;
      for (const c of columns) this.present.add(c);
      if (this.present.size !== before) writePresentColumns(this.db, this.present);
    }
    if (b.storeRaw) columns.push('raw');
    const width = columns.length;
    // flat per-column views, so the per-cell loop does no property lookups or type checks
    const m = p.present.length;
    const nums: (Float64Array | null)[] = new Array(m);
    const texts: (TextCellReader | null)[] = new Array(m);
    const nulls: (Uint8Array | null)[] = new Array(m);
    for (let j = 0; j < m; j++) {
      const cell = p.cells[p.present[j]!]!;
      if (cell.kind === 'num') {
        nums[j] = cell.values;
        texts[j] = null;
        nulls[j] = null;
      } else {
        nums[j] = null;
        texts[j] = new TextCellReader(cell);
        nulls[j] = cell.nulls;
      }
    }
    const { lineRel, offsetRel, byteLen } = p;
    const sourceId = b.sourceId;
    const lineBase = b.lineBase + 1;
    const offsetBase = b.offsetBase;
    const storeRaw = b.storeRaw;
    const fill = (params: unknown[], at: number, i: number): void => {
      params[at] = sourceId;
      params[at + 1] = lineBase + lineRel[i]!;
      params[at + 2] = offsetBase + offsetRel[i]!;
      params[at + 3] = byteLen[i]!;
      let k = at + 4;
      for (let j = 0; j < m; j++) {
        const num = nums[j];
        if (num !== null) {
          const v = num[i]!;
          params[k++] = v === v ? v : null;
        } else if (nulls[j]![i]) {
          params[k++] = null;
        } else {
          params[k++] = texts[j]!.get(i);
        }
      }
      if (storeRaw) params[k] = raw.subarray(offsetRel[i]!, offsetRel[i]! + byteLen[i]!);
    };
    const n = p.events;
    let i = 0;
    if (n >= ROWS_PER_INSERT) {
      const many = this.statement(columns, ROWS_PER_INSERT);
      if (this.params.length !== width * ROWS_PER_INSERT) this.params = new Array<unknown>(width * ROWS_PER_INSERT);
      const params = this.params;
      for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
        for (let r = 0; r < ROWS_PER_INSERT; r++) fill(params, r * width, i + r);
        many.run(params);
      }
    }
    if (i < n) {
      const one = this.statement(columns, 1);
      const params = new Array<unknown>(width);
      for (; i < n; i++) {
        fill(params, 0, i);
        one.run(params);
      }
    }
    const q = p.quarantine;
    for (let j = 0; j < q.reasons.length; j++) {
      const off = q.offsetRel[j]!;
      this.insertQuarantine.run(b.sourceId, b.lineBase + q.lineRel[j]! + 1, b.offsetBase + off, raw.subarray(off, off + q.byteLen[j]!), q.reasons[j]!);
    }
    updateSourceCounts(this.db, b.sourceId, b.counts);
  }
}
