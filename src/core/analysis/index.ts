// The analysis engine's public API: statistics, detectors, findings and the live analyzer.
import type { CaseStats } from '../../shared/model';
import type { Db } from '../store/case';
import { DETECTOR_LIST } from './detectors';
import { resolveSettings } from './settings';
import { scanBounds, scanCase } from './scan';
import { mergeStats } from './stats';
import { listFindings } from './store';
import { rankSuspicious, readEntityScores, type SuspiciousEntry } from './suspicious';

export { analyzeCase, type AnalyzeOptions, type AnalyzeResult } from './engine';
export { createIncrementalAnalyzer, type IncrementalAnalyzer, type LiveEvent } from './incremental';
export { listFindings, getEvidence, findingId, type FindingFilter } from './store';
export { resolveSettings, defaultSettings } from './settings';
export { rankSuspicious, type SuspiciousEntry, type SuspiciousContribution } from './suspicious';
export { matchPayload, normalizeRequestText } from './payload';
export type { DetectorDef, SettingDef } from './types';

/** What the app and the PDF method appendix print for each detector. */
export interface DetectorInfo {
  name: string;
  title: string;
  description: string;
  settings: { key: string; default: number | boolean | string; description: string }[];
  /** false: updated only by a full analysis, not live */
  incremental: boolean;
}

export const DETECTORS: readonly DetectorInfo[] = DETECTOR_LIST.map((d) => ({
  name: d.name,
  title: d.title,
  description: d.description,
  settings: d.settings.map((s) => ({ key: `${d.name}.${s.key}`, default: s.default, description: s.description })),
  incremental: d.incremental,
}));

/** Statistics of the whole case (stored by the last analysis when there is one) or of a time range. */
export function getOverview(db: Db, range: { from?: number | null; to?: number | null } = {}): CaseStats {
  const from = range.from ?? null;
  const to = range.to ?? null;
  if (from == null && to == null) {
    const row = db.prepare("SELECT value FROM stats WHERE key = 'overview'").get() as { value: string } | undefined;
    if (row) return JSON.parse(row.value) as CaseStats;
  }
  // a brushed range: the statistics part of the analysis scan, over the rows in range (ts index)
  const { bucketMs } = scanBounds(db, { from, to });
  const { stats } = scanCase(db, { part: 0, parts: 1, from, to, bucketMs, detect: false }, resolveSettings());
  return mergeStats(db, [stats], { from, to });
}

/**
 * "Top suspicious IPs" as the case stands now: the open findings (a dismissal takes a source's
 * points away at once, not at the next analysis) and the newest model's per-source scores.
 */
export function getSuspicious(db: Db, limit = 10): SuspiciousEntry[] {
  return rankSuspicious(listFindings(db, { status: 'open' }), readEntityScores(db), limit);
}
