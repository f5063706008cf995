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

/** An IPv4/IPv6 address or network, as detectors name sources ("10.0.0.1", "221.160.53.0/24", "fe80::1"). */
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)(?:\/\d{1,3})?$/i;

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
