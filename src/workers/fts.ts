// Piscina worker for the explorer's read side: builds the full-text index and runs explorer pages,
// counts and entity aggregates, so no query that can take > 50 ms runs on the server's event loop or
// Electron's main thread. The one documented exception to "workers never touch SQLite": these tasks
// need the case, so each worker thread opens its own connections (read-only for queries; the FTS
// build writes in committed batches through its own WAL connection).
import type { MessagePort } from 'node:worker_threads';
import type { CountEstimate, EntityView, ExplorePage } from '../shared/api';
import type { JobProgress } from '../shared/model';
import { openCase, type Db } from '../core/store/case';
import { buildFts } from '../core/explore/fts';
import { ExplorerReader, type PageArgs } from '../core/explore/page';
import { entityAggregates } from '../core/explore/entity';
import { errorMessage, isLoupeError } from '../core/errors';
import { getEvidence, getOverview } from '../core/analysis';
import type { CaseStats } from '../shared/model';
import type { EventRow } from '../shared/columns';
import type { ErrorCode } from '../shared/model';

/** Tasks return errors as data: an Error thrown across the thread boundary loses its code. */
export type TaskResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

// One reader per case file per worker thread, reused across tasks (opening costs ~1 ms and the
// page cache is what makes the next page fast).
const readers = new Map<string, { db: Db; reader: ExplorerReader }>();

function readerFor(caseFile: string): { db: Db; reader: ExplorerReader } {
  let r = readers.get(caseFile);
  if (!r) {
    const db = openCase(caseFile, { readonly: true });
    r = { db, reader: new ExplorerReader(db) };
    readers.set(caseFile, r);
  }
  return r;
}

function wrap<T>(fn: () => T): TaskResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, code: isLoupeError(e) ? e.code : 'internal', message: errorMessage(e) };
  }
}

export function page(task: { caseFile: string; args: PageArgs }): TaskResult<ExplorePage> {
  return wrap(() => readerFor(task.caseFile).reader.page(task.args));
}

export function count(task: { caseFile: string; query: string }): TaskResult<CountEstimate> {
  return wrap(() => readerFor(task.caseFile).reader.count(task.query));
}

export function entity(task: { caseFile: string; ip: string; from?: number; to?: number }): TaskResult<Omit<EntityView, 'findings'>> {
  return wrap(() => entityAggregates(readerFor(task.caseFile).db, task.ip, { from: task.from, to: task.to }));
}

/** The overview of a brushed time range: aggregates over every row in it. */
export function overview(task: { caseFile: string; from?: number; to?: number }): TaskResult<CaseStats> {
  return wrap(() => getOverview(readerFor(task.caseFile).db, { from: task.from, to: task.to }));
}

/** A finding's evidence rows (its query can scan), without the raw blob. */
export function evidence(task: { caseFile: string; findingId: string; limit: number }): TaskResult<EventRow[]> {
  return wrap(() =>
    getEvidence(readerFor(task.caseFile).db, task.findingId, { limit: task.limit }).map((r) => {
      const { raw: _raw, ...rest } = r as EventRow & { raw?: unknown };
      return rest as EventRow;
    }),
  );
}

/** Drops this thread's cached connection to a case (it was replaced or closed). */
export function forget(task: { caseFile: string }): TaskResult<boolean> {
  const r = readers.get(task.caseFile);
  if (r) r.db.close();
  return { ok: true, value: readers.delete(task.caseFile) };
}

/** Progress goes out on the port once per batch; cancelling terminates the thread (the open batch rolls back). */
export function build(task: { caseFile: string; port: MessagePort }): TaskResult<{ indexedRows: number }> {
  const res = wrap(() => {
    const db = openCase(task.caseFile);
    try {
      return buildFts(db, { onProgress: (p: JobProgress) => task.port.postMessage(p) });
    } finally {
      db.close();
    }
  });
  task.port.close();
  return res;
}
