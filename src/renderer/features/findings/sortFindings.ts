// Pure sorting and filtering of findings for the table (unit tested).
import type { Finding } from '../../../shared/model';
import { severityRank } from '../../../shared/model';
import { findingNumberRows, humanKey } from '../../../core/report/findingNumbers';
import { ADDRESS } from '../../lib/sourceKind';

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


/**
 * What kind of entity a finding names, in words. A source that is not an address is a Windows
 * workstation name (KALI, WIN-8J3KQ2): NTLM logons and RDP without NLA log no address, so the
 * detectors count them under the name the client gave, and saying "ip" beside "KALI" misleads.
 */
export function entityKind(entity: string, type: Finding['entityType']): string {
  if (type === 'ip') return ADDRESS.test(entity) ? 'ip' : 'workstation name; no address was logged';
  if (type === 'user_agent') return 'user agent';
  return type;
}

/**
 * The other findings a responder reads next about the same source: those about the same entity
 * (a scan, then a brute force from one address) and the group findings that list it among their
 * sources, worst first. For a group finding, none (its sources are listed instead).
 */
export function relatedFindings(f: Finding, all: readonly Finding[]): Finding[] {
  if (f.entityType === 'population') return [];
  const names = (x: Finding): boolean => typeof x.numbers.sources === 'string' && x.numbers.sources.split(',').some((s) => s.trim() === f.entity);
  const out = all.filter((x) => x.id !== f.id && (x.entity === f.entity || (x.entityType === 'population' && names(x))));
  return sortFindings(out, 'severity', 'desc');
}
