// Analyst annotations: tags and notes on events and findings, dismissing a finding as a false
// positive and restoring it. Every change is written to the append-only audit log in the same
// transaction, so the case always shows who said what, when.
import type { Annotations } from '../../shared/api';
import { normaliseTag as tagAsStored, tagRefusal } from '../../shared/tags';
import { LoupeError } from '../errors';
import { appendAudit, type Db } from './case';

/** 'entity' annotations are keyed by the entity text (an IP) and need no row to exist */
export type TargetType = 'event' | 'finding' | 'entity';
export interface Target {
  type: TargetType;
  id: string | number;
}

function normaliseTag(tag: string): string {
  const t = tagAsStored(tag);
  if (t == null) throw new LoupeError('invalid_input', tagRefusal(tag));
  return t;
}

function assertTargetExists(db: Db, target: Target): void {
  if (target.type === 'entity') return;
  const row =
    target.type === 'event'
      ? db.prepare('SELECT 1 FROM events WHERE id = ?').get(Number(target.id))
      : db.prepare('SELECT 1 FROM findings WHERE id = ?').get(String(target.id));
  if (!row) throw new LoupeError('not_found', `${target.type} ${String(target.id)} not found in this case`);
}

export function getAnnotations(db: Db, target: Target): Annotations {
  const id = String(target.id);
  const tags = (db.prepare('SELECT tag FROM tags WHERE target_type = ? AND target_id = ? ORDER BY tag').all(target.type, id) as { tag: string }[]).map((r) => r.tag);
  const note = db.prepare('SELECT text FROM notes WHERE target_type = ? AND target_id = ?').get(target.type, id) as { text: string } | undefined;
  return { tags, note: note?.text ?? null };
}

/** Annotations of many targets of one type at once (an explorer page). Only annotated ids appear. */
export function getAnnotationsMany(db: Db, type: TargetType, ids: readonly (string | number)[]): Record<string, Annotations> {
  const out: Record<string, Annotations> = {};
  if (!ids.length) return out;
  const keys = ids.map(String);
  const marks = keys.map(() => '?').join(', ');
  for (const r of db.prepare(`SELECT target_id AS id, tag FROM tags WHERE target_type = ? AND target_id IN (${marks}) ORDER BY tag`).all(type, ...keys) as { id: string; tag: string }[]) {
    (out[r.id] ??= { tags: [], note: null }).tags.push(r.tag);
  }
  for (const r of db.prepare(`SELECT target_id AS id, text FROM notes WHERE target_type = ? AND target_id IN (${marks})`).all(type, ...keys) as { id: string; text: string }[]) {
    (out[r.id] ??= { tags: [], note: null }).note = r.text;
  }
  return out;
}

export function setTag(db: Db, actor: string, target: Target, tag: string, remove = false): Annotations {
  const t = normaliseTag(tag);
  return db.transaction(() => {
    assertTargetExists(db, target);
    const id = String(target.id);
    const changed = remove
      ? db.prepare('DELETE FROM tags WHERE target_type = ? AND target_id = ? AND tag = ?').run(target.type, id, t).changes
      : db.prepare('INSERT OR IGNORE INTO tags(target_type, target_id, tag, created_at) VALUES (?, ?, ?, ?)').run(target.type, id, t, Date.now()).changes;
    if (changed) appendAudit(db, actor, remove ? 'tag.remove' : 'tag.add', { targetType: target.type, targetId: id, tag: t });
    return getAnnotations(db, target);
  })();
}

/** Sets the note; empty text deletes it. */
export function setNote(db: Db, actor: string, target: Target, text: string): Annotations {
  return db.transaction(() => {
    assertTargetExists(db, target);
    const id = String(target.id);
    const trimmed = text.trim();
    const before = getAnnotations(db, target).note;
    if (trimmed === '') {
      db.prepare('DELETE FROM notes WHERE target_type = ? AND target_id = ?').run(target.type, id);
    } else {
      db.prepare('INSERT INTO notes(target_type, target_id, text, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(target_type, target_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at').run(target.type, id, trimmed, Date.now());
    }
    if ((before ?? '') !== trimmed) appendAudit(db, actor, trimmed === '' ? 'note.delete' : 'note.set', { targetType: target.type, targetId: id, text: trimmed, previous: before });
    return getAnnotations(db, target);
  })();
}

/** Marks a finding as a false positive (kept, and listed as dismissed) or restores it. */
export function setFindingStatus(db: Db, actor: string, findingId: string, status: 'open' | 'dismissed', reason?: string): void {
  db.transaction(() => {
    const row = db.prepare('SELECT status FROM findings WHERE id = ?').get(findingId) as { status: string } | undefined;
    if (!row) throw new LoupeError('not_found', `finding ${findingId} not found in this case`);
    if (row.status === status) return;
    db.prepare('UPDATE findings SET status = ?, updated_at = ? WHERE id = ?').run(status, Date.now(), findingId);
    appendAudit(db, actor, status === 'dismissed' ? 'finding.dismiss' : 'finding.restore', { findingId, reason: reason ?? null });
  })();
}
