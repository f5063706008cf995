// Pure sorting and filtering of findings for the table (unit tested).
import type { Finding } from '../../../shared/model';
import { severityRank } from '../../../shared/model';
import { findingNumberRows, humanKey } from '../../../core/report/findingNumbers';

export { humanKey };

export type FindingSortKey = 'severity' | 'detector' | 'entity' | 'title' | 'count' | 'firstSeen' | 'lastSeen' | 'score';

export function sortFindings(list: readonly Finding[], key: FindingSortKey, dir: 'asc' | 'desc'): Finding[] {
  const sign = dir === 'asc' ? 1 : -1;
  const val = (f: Finding): number | string => {
    switch (key) {
      case 'severity':
        return severityRank(f.severity) * 10 + f.score;
      case 'count':
        return f.evidence.count;
      case 'firstSeen':
        return f.firstSeen ?? -Infinity;
      case 'lastSeen':
        return f.lastSeen ?? -Infinity;
      case 'score':
        return f.score;
      default:
        return f[key].toLowerCase();
    }
  };
  return [...list].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? c * sign : a.id.localeCompare(b.id);
  });
}

/** Case-insensitive match on entity, title, detector and tags. */
export function matchesText(f: Finding, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (!t) return true;
  return [f.entity, f.title, f.detector, ...f.tags].some((s) => s.toLowerCase().includes(t));
}

/** The two or three numbers that matter most, as "name value" pairs for the table. */
export function keyNumbers(f: Finding, max = 2): string {
  return findingNumberRows(f.numbers)
    .slice(0, max)
    .map((r) => `${r.label} ${r.value}`)
    .join(' · ');
}
