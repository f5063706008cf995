// Analyst annotations: tags, notes, dismiss/restore on findings and events, each change written to
// the append-only audit log in the same transaction; no-ops leave no audit noise.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSuspicious } from '../../../src/core/analysis';
import { rankSuspicious } from '../../../src/core/report/data';
import { getAnnotations, getAnnotationsMany, setFindingStatus, setNote, setTag } from '../../../src/core/store/annotations';
import type { Db } from '../../../src/core/store/case';
import { caseWithEvents, tempDir } from './helpers';

function withFinding(db: Db): void {
  db.prepare(
    "INSERT INTO findings(id, detector, severity, entity, entity_type, title, explanation, numbers, evidence_query, evidence_count, sample_ids, created_at, updated_at) VALUES ('portScan:10.0.0.1', 'portScan', 'high', '10.0.0.1', 'ip', 't', 'e', '{}', 'src_ip:10.0.0.1', 1, '[1]', 0, 0)",
  ).run();
}

const audit = (db: Db): { actor: string; action: string; detail: Record<string, unknown> }[] =>
  (db.prepare("SELECT actor, action, detail FROM audit WHERE action NOT LIKE 'case.%' ORDER BY id").all() as { actor: string; action: string; detail: string }[]).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));

describe('annotations', () => {
  it('tags, notes and dismissals are audited with the analyst, and repeated no-ops are not', () => {
    const db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [{ src_ip: '10.0.0.1' }, { src_ip: '10.0.0.2' }]);
    withFinding(db);
    const f = { type: 'finding' as const, id: 'portScan:10.0.0.1' };
    expect(setTag(db, 'alice', f, 'FalsePositive')).toEqual({ tags: ['falsepositive'], note: null });
    setTag(db, 'alice', f, 'falsepositive');
    expect(setNote(db, 'alice', f, '  backup job scans on Sundays ')).toEqual({ tags: ['falsepositive'], note: 'backup job scans on Sundays' });
    setFindingStatus(db, 'alice', f.id, 'dismissed', 'known scanner');
    setFindingStatus(db, 'alice', f.id, 'dismissed');
    setFindingStatus(db, 'bob', f.id, 'open');
    setNote(db, 'bob', f, '');
    setTag(db, 'bob', f, 'falsepositive', true);
    expect(getAnnotations(db, f)).toEqual({ tags: [], note: null });
    expect(audit(db).map((a) => [a.actor, a.action])).toEqual([
      ['alice', 'tag.add'],
      ['alice', 'note.set'],
      ['alice', 'finding.dismiss'],
      ['bob', 'finding.restore'],
      ['bob', 'note.delete'],
      ['bob', 'tag.remove'],
    ]);
    expect(audit(db)[2]!.detail).toEqual({ findingId: f.id, reason: 'known scanner' });
    expect(audit(db)[4]!.detail).toMatchObject({ previous: 'backup job scans on Sundays' });
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    db.close();
  });

  it('refuses unknown targets and tags that are markup or formulas, and writes nothing then', () => {
    const db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [{ src_ip: '10.0.0.1' }]);
    expect(() => setTag(db, 'a', { type: 'event', id: 99 }, 'x')).toThrow(/not found/);
    expect(() => setFindingStatus(db, 'a', 'nope', 'dismissed')).toThrow(/not found/);
    for (const bad of ['<script>', '=HYPERLINK("x")', 'a b', '', 'x'.repeat(65), '\u202eevil']) expect(() => setTag(db, 'a', { type: 'event', id: 1 }, bad), bad).toThrow(/not allowed/);
    expect(audit(db)).toEqual([]);
    // notes are free text: kept verbatim (rendered as text by the UI)
    expect(setNote(db, 'a', { type: 'event', id: 1 }, '<img src=x onerror=alert(1)>').note).toBe('<img src=x onerror=alert(1)>');
    expect(getAnnotationsMany(db, 'event', [1, 2])).toEqual({ '1': { tags: [], note: '<img src=x onerror=alert(1)>' } });
    // entities need no row: an IP seen only as a destination can be tagged
    expect(setTag(db, 'a', { type: 'entity', id: '192.0.2.7' }, 'c2')).toEqual({ tags: ['c2'], note: null });
    db.close();
  });

  it('a dismissal takes the source out of the suspicious ranking at once, and a restore puts it back', () => {
    const db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [{ src_ip: '10.0.0.1' }]);
    withFinding(db);
    expect(getSuspicious(db).map((e) => e.ip)).toEqual(['10.0.0.1']);
    setFindingStatus(db, 'alice', 'portScan:10.0.0.1', 'dismissed', 'authorised scan');
    expect(getSuspicious(db)).toEqual([]);
    setFindingStatus(db, 'alice', 'portScan:10.0.0.1', 'open');
    expect(getSuspicious(db)[0]).toMatchObject({ ip: '10.0.0.1', contributions: [{ detector: 'portScan', severity: 'high' }] });
  });

  it("the report's ranking is the app's: dismissals count, and agreeing detectors are not called a model", () => {
    const db = caseWithEvents(path.join(tempDir(), 'c.loupe'), [{ src_ip: '10.0.0.1' }]);
    withFinding(db);
    db.prepare(
      "INSERT INTO findings(id, detector, severity, entity, entity_type, title, explanation, numbers, evidence_query, evidence_count, sample_ids, created_at, updated_at) VALUES ('bursts:10.0.0.1', 'bursts', 'medium', '10.0.0.1', 'ip', 't', 'e', '{}', 'src_ip:10.0.0.1', 1, '[1]', 0, 0)",
    ).run();
    expect(rankSuspicious(db)).toEqual([{ ip: '10.0.0.1', score: getSuspicious(db)[0]!.points, findings: 2, worst: 'high', detectors: ['portScan', 'bursts'], modelScore: null, kind: 'ip' }]);
    setFindingStatus(db, 'alice', 'portScan:10.0.0.1', 'dismissed', 'authorised scan');
    expect(rankSuspicious(db)).toMatchObject([{ ip: '10.0.0.1', findings: 1, worst: 'medium', detectors: ['bursts'] }]);
  });
});
