// Pure sorting and filtering of findings for the table (unit tested).
import type { Finding } from '../../../shared/model';
import { severityRank } from '../../../shared/model';

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

/** 'invalidUsers' / 'fail_share' -> 'invalid users' / 'fail share' for people. */
export function humanKey(k: string): string {
  return k
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** The two or three numbers that matter most, as "name value" pairs for the table. */
export function keyNumbers(f: Finding, max = 2): string {
  return Object.entries(f.numbers)
    .slice(0, max)
    .map(([k, v]) => `${humanKey(k)} ${typeof v === 'number' ? new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v) : v}`)
    .join(' · ');
}
