// The tasks analysis workers run over a read-only case connection: a share of the events scan
// (statistics + detector fold, see scan.ts), or the evidence counts and samples of findings.
import type { Db } from '../store/case';
import type { EvidenceItem } from './detect';
import { scanCase, type ScanResult, type ScanSpec } from './scan';
import type { Settings } from './types';

export type TaskSpec =
  | ({ kind: 'scan' } & ScanSpec)
  | { kind: 'evidence'; items: EvidenceItem[] };

export type TaskResult = ({ kind: 'scan' } & ScanResult) | { kind: 'evidence'; results: { count: number; sampleIds: number[] }[] };

export function runTask(db: Db, task: TaskSpec, settings: Settings): TaskResult {
  switch (task.kind) {
    case 'scan':
      return { kind: 'scan', ...scanCase(db, task, settings) };
    case 'evidence':
      return {
        kind: 'evidence',
        results: task.items.map((it) => resolveEvidence(db, it)),
      };
  }
}

/**
 * How many rows a finding's evidence query selects, and the first 20 in time (or the detector's
 * own samples). Time order walks the (src_ip, ts) or ts index and stops after 20 rows, where id
 * order would read every row of a busy source first.
 */
export function resolveEvidence(db: Db, it: EvidenceItem): { count: number; sampleIds: number[] } {
  const count = (db.prepare(`SELECT COUNT(*) AS c FROM events WHERE ${it.where}`).get(...it.params) as { c: number }).c;
  const sampleIds = it.sampleIds ?? (db.prepare(`SELECT id FROM events WHERE ${it.where} ORDER BY ts, id LIMIT 20`).all(...it.params) as { id: number }[]).map((x) => x.id);
  return { count, sampleIds: sampleIds.slice(0, 20) };
}
