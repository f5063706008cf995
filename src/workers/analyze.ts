// Piscina worker for analysis: scans its share of the events (statistics + detector fold) or
// resolves findings' evidence. Documented exception to "workers never touch SQLite": it opens the
// case READ-ONLY, because shipping millions of rows to a worker costs more than the scan; SQLite's WAL lets
// these readers run in parallel with each other while the single writer stays on the main side.
import { openCase, type Db } from '../core/store/case';
import { runTask, type TaskResult } from '../core/analysis/tasks';
import type { TaskPayload } from '../core/analysis/engine';

// one read-only connection per case per worker, reused across the tasks of a run
const connections = new Map<string, Db>();

export default function analyzeTask(payload: TaskPayload): TaskResult {
  let db = connections.get(payload.caseFile);
  if (!db) {
    db = openCase(payload.caseFile, { readonly: true });
    connections.set(payload.caseFile, db);
  }
  return runTask(db, payload.task, payload.settings);
}
