// analysis/*: run the detectors as a job, the overview for a time range, findings with their
// evidence, and the analyst's tags, notes and dismissals (audited).
import { LoupeError } from '../../core/errors';
import { setFindingStatus, setNote, setTag } from '../../core/store/annotations';
import { engine } from '../engine';
import type { Session } from '../session';
import type { Slice } from './types';

export function startAnalysis(s: Session, settings: Record<string, number | string | boolean> | undefined, then?: () => void): string {
  const { file } = s.requireCase();
  return s.jobs.start('analysis', 'Analysing the case', async (hooks) => {
    try {
      const r = await engine.analyze(file, settings, hooks);
      return { kind: 'analysis', findings: r.findings };
    } finally {
      // what follows (the FTS build) does not depend on the analysis succeeding
      then?.();
    }
  });
}

function findingById(s: Session, id: string) {
  const f = engine.findings(s.requireCase().db, { status: 'all' }).find((x) => x.id === id);
  if (!f) throw new LoupeError('not_found', `finding ${id} not found in this case`);
  return f;
}

export const analysis: Slice<'analysis'> = {
  'analysis/detectors': () => engine.detectors(),
  'analysis/run': (a, s) => ({ jobId: startAnalysis(s, a.settings) }),
  // a brushed range (or a case not analysed yet) aggregates rows: always in a worker
  'analysis/overview': (a, s) => s.explorer.overview(s.requireCase().file, { from: a.from, to: a.to }),
  'analysis/findings': (a, s) => engine.findings(s.requireCase().db, a),
  'analysis/finding': async (a, s) => {
    const finding = findingById(s, a.id);
    const evidence = await s.explorer.evidence(s.requireCase().file, a.id, a.limit ?? 200);
    return { finding, evidence, evidenceTotal: Math.max(finding.evidence.count, evidence.length) };
  },
  'analysis/tag': (a, s) => setTag(s.requireCase().db, s.settings().analyst, { type: 'finding', id: a.findingId }, a.tag, a.remove),
  'analysis/note': (a, s) => setNote(s.requireCase().db, s.settings().analyst, { type: 'finding', id: a.findingId }, a.text),
  'analysis/dismiss': (a, s) => {
    setFindingStatus(s.requireCase().db, s.settings().analyst, a.findingId, 'dismissed', a.reason);
    return findingById(s, a.findingId);
  },
  'analysis/suspicious': (a, s) => engine.suspicious(s.requireCase().db, a.limit ?? 10),
  'analysis/restore': (a, s) => {
    setFindingStatus(s.requireCase().db, s.settings().analyst, a.findingId, 'open');
    return findingById(s, a.findingId);
  },
};
