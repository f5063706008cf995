import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { entityKind, keyNumbers, matchesText, sortFindings } from '../../../src/renderer/features/findings/sortFindings';

const base: Finding = {
  id: 'a',
  detector: 'portScan',
  severity: 'high',
  entity: '10.0.0.1',
  entityType: 'ip',
  title: 'Port scan',
  explanation: '',
  numbers: { distinct_ports: 1200, rate: 3.14159 },
  threshold: null,
  windowMs: null,
  firstSeen: 10,
  lastSeen: 20,
  evidence: { query: 'src_ip:10.0.0.1', count: 5, sampleIds: [] },
  score: 0.5,
  status: 'open',
  tags: ['triage'],
  note: null,
};
const f = (p: Partial<Finding>): Finding => ({ ...base, ...p });

describe('findings table helpers', () => {
  const list = [f({ id: 'a', severity: 'medium', score: 0.9 }), f({ id: 'b', severity: 'critical', score: 0.1, entity: 'Zed' }), f({ id: 'c', severity: 'medium', score: 0.2, firstSeen: null })];

  it('sorts by severity then score, both directions', () => {
    expect(sortFindings(list, 'severity', 'desc').map((x) => x.id)).toEqual(['b', 'a', 'c']);
    expect(sortFindings(list, 'severity', 'asc').map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });

  it('sorts missing times first when ascending and text case-insensitively', () => {
    expect(sortFindings(list, 'firstSeen', 'asc')[0].id).toBe('c');
    expect(sortFindings(list, 'entity', 'desc')[0].id).toBe('b');
  });

  it('filters on entity, title, detector and tags', () => {
    expect(matchesText(base, 'TRIAGE')).toBe(true);
    expect(matchesText(base, 'portscan')).toBe(true);
    expect(matchesText(base, 'nomatch')).toBe(false);
    expect(matchesText(base, '  ')).toBe(true);
  });

  it('summarises the first numbers for the table', () => {
    expect(keyNumbers(base)).toBe('distinct ports 1,200 · rate 3.14');
  });
});

import { humanKey } from '../../../src/renderer/features/findings/sortFindings';

describe('humanKey', () => {
  it('spells camelCase and snake_case keys as words', () => {
    expect(humanKey('invalidUsers')).toBe('invalid users');
    expect(humanKey('fail_share')).toBe('fail share');
    expect(humanKey('p95Bytes')).toBe('p95 bytes');
  });
});

describe('entityKind', () => {
  it('calls a source that is a workstation name (no address logged) what it is, not "ip"', () => {
    expect(entityKind('KALI', 'ip')).toBe('workstation name; no address was logged');
    expect(entityKind('WIN-8J3KQ2', 'ip')).toMatch(/^workstation name/);
  });
  it('keeps "ip" for addresses and networks, v4 and v6', () => {
    expect(entityKind('10.0.5.66', 'ip')).toBe('ip');
    expect(entityKind('221.160.53.0/24', 'ip')).toBe('ip');
    expect(entityKind('2001:db8::1', 'ip')).toBe('ip');
  });
  it('words the other kinds', () => {
    expect(entityKind('\\SystemHealthCheck@WS11.corp.example.com', 'host')).toBe('host');
    expect(entityKind('curl/8', 'user_agent')).toBe('user agent');
  });
});
