// Findings in the case: upsert by stable id (detector + entity) keeping the analyst's status,
// removal of open findings that no longer fire, listing with tags/notes, evidence rows.
import type { EventRow } from '../../shared/columns';
import type { Finding, Severity } from '../../shared/model';
import { SEVERITIES } from '../../shared/model';
import { LoupeError } from '../errors';
import type { Db } from '../store/case';
import { compileQuery } from '../store/query';

/** A finding's stable id: its detector and entity, and its key when the detector made several on one entity. */
export const findingId = (detector: string, entity: string, key?: string): string => (key ? `${detector}:${entity}:${key}` : `${detector}:${entity}`);

interface FindingRow {
  id: string;
  detector: string;
  severity: string;
  entity: string;
  entity_type: string;
  title: string;
  explanation: string;
  numbers: string;
  threshold: string | null;
  window_ms: number | null;
  first_seen: number | null;
  last_seen: number | null;
  evidence_query: string;
  evidence_count: number;
  sample_ids: string;
  score: number;
  status: string;
}

/** Inserts or updates findings; the analyst's status (dismissed) survives, tags/notes stay keyed by id. */
export function upsertFindings(db: Db, findings: readonly Finding[]): void {
  const now = Date.now();
  const stmt = db.prepare(`INSERT INTO findings (id, detector, severity, entity, entity_type, title, explanation, numbers, threshold, window_ms,
      first_seen, last_seen, evidence_query, evidence_count, sample_ids, score, status, created_at, updated_at)
    VALUES (@id, @detector, @severity, @entity, @entityType, @title, @explanation, @numbers, @threshold, @windowMs,
      @firstSeen, @lastSeen, @query, @count, @sampleIds, @score, 'open', @now, @now)
    ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, entity_type = excluded.entity_type, title = excluded.title,
      explanation = excluded.explanation, numbers = excluded.numbers, threshold = excluded.threshold, window_ms = excluded.window_ms,
      first_seen = excluded.first_seen, last_seen = excluded.last_seen, evidence_query = excluded.evidence_query,
      evidence_count = excluded.evidence_count, sample_ids = excluded.sample_ids, score = excluded.score, updated_at = excluded.updated_at`);
  for (const f of findings) {
    stmt.run({
      id: f.id,
      detector: f.detector,
      severity: f.severity,
      entity: f.entity,
      entityType: f.entityType,
      title: f.title,
      explanation: f.explanation,
      numbers: JSON.stringify(f.numbers),
      threshold: f.threshold ? JSON.stringify(f.threshold) : null,
      windowMs: f.windowMs,
      firstSeen: f.firstSeen,
      lastSeen: f.lastSeen,
      query: f.evidence.query,
      count: f.evidence.count,
      sampleIds: JSON.stringify(f.evidence.sampleIds),
      score: f.score,
      now,
    });
  }
}

/** Full re-analysis: upsert everything that fired, delete open findings of the run detectors that no longer fire. */
export function replaceFindings(db: Db, findings: readonly Finding[], detectors: readonly string[]): { added: number; updated: number; removed: number } {
  const existing = new Set((db.prepare('SELECT id FROM findings').all() as { id: string }[]).map((r) => r.id));
  const fired = new Set(findings.map((f) => f.id));
  let removed = 0;
  db.transaction(() => {
    upsertFindings(db, findings);
    const del = db.prepare("DELETE FROM findings WHERE id = ? AND status = 'open'");
    const ran = new Set(detectors);
    for (const row of db.prepare('SELECT id, detector FROM findings').all() as { id: string; detector: string }[]) {
      if (ran.has(row.detector) && !fired.has(row.id)) removed += del.run(row.id).changes;
    }
  })();
  const added = findings.filter((f) => !existing.has(f.id)).length;
  return { added, updated: findings.length - added, removed };
}

function rowToFinding(r: FindingRow, tags: string[], note: string | null): Finding {
  return {
    id: r.id,
    detector: r.detector,
    severity: r.severity as Severity,
    entity: r.entity,
    entityType: r.entity_type as Finding['entityType'],
    title: r.title,
    explanation: r.explanation,
    numbers: JSON.parse(r.numbers) as Finding['numbers'],
    threshold: r.threshold ? (JSON.parse(r.threshold) as Finding['threshold']) : null,
    windowMs: r.window_ms,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    evidence: { query: r.evidence_query, count: r.evidence_count, sampleIds: JSON.parse(r.sample_ids) as number[] },
    score: r.score,
    status: r.status === 'dismissed' ? 'dismissed' : 'open',
    tags,
    note,
  };
}

export interface FindingFilter {
  severity?: Severity | readonly Severity[];
  /** findings at or above this severity */
  minSeverity?: Severity;
  detector?: string | readonly string[];
  status?: 'open' | 'dismissed';
  entity?: string;
}

/** Findings, most severe first (then by score), with their tags and note. */
export function listFindings(db: Db, filter: FindingFilter = {}): Finding[] {
  const where: string[] = [];
  const params: string[] = [];
  const list = (col: string, v: string | readonly string[]): void => {
    const arr = typeof v === 'string' ? [v] : [...v];
    where.push(`${col} IN (${arr.map(() => '?').join(', ')})`);
    params.push(...arr);
  };
  if (filter.severity) list('severity', filter.severity);
  if (filter.minSeverity) list('severity', SEVERITIES.slice(SEVERITIES.indexOf(filter.minSeverity)));
  if (filter.detector) list('detector', filter.detector);
  if (filter.status) list('status', filter.status);
  if (filter.entity) list('entity', filter.entity);
  const rows = db.prepare(`SELECT * FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).all(...params) as FindingRow[];
  const tags = new Map<string, string[]>();
  for (const t of db.prepare("SELECT target_id, tag FROM tags WHERE target_type = 'finding' ORDER BY tag").all() as { target_id: string; tag: string }[]) {
    const l = tags.get(t.target_id) ?? [];
    l.push(t.tag);
    tags.set(t.target_id, l);
  }
  const notes = new Map((db.prepare("SELECT target_id, text FROM notes WHERE target_type = 'finding'").all() as { target_id: string; text: string }[]).map((n) => [n.target_id, n.text]));
  return rows
    .map((r) => rowToFinding(r, tags.get(r.id) ?? [], notes.get(r.id) ?? null))
    .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || b.score - a.score || a.id.localeCompare(b.id));
}

/** The evidence rows of a finding: its explorer query, first rows by id. */
export function getEvidence(db: Db, id: string, opts: { limit?: number; offset?: number } = {}): EventRow[] {
  const row = db.prepare('SELECT evidence_query FROM findings WHERE id = ?').get(id) as { evidence_query: string } | undefined;
  if (!row) throw new LoupeError('not_found', `no finding with id ${id}`);
  const q = compileQuery(row.evidence_query);
  return db.prepare(`SELECT * FROM events WHERE ${q.where} ORDER BY id LIMIT ? OFFSET ?`).all(...q.params, opts.limit ?? 100, opts.offset ?? 0) as EventRow[];
}
