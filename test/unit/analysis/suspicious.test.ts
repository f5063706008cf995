// The "top suspicious IPs" ranking: every signal shown, repeats of one detector not stacked.
import { describe, expect, it } from 'vitest';
import { rankSuspicious } from '../../../src/core/analysis';
import type { Finding, Severity } from '../../../src/shared/model';

function finding(detector: string, entity: string, severity: Severity, score = 0.5, status: Finding['status'] = 'open'): Finding {
  const pair = entity.includes(' -> ');
  return {
    id: `${detector}:${entity}`,
    detector,
    severity,
    entity,
    entityType: pair ? 'pair' : 'ip',
    title: `${detector} ${entity}`,
    explanation: '',
    numbers: {},
    threshold: null,
    windowMs: null,
    firstSeen: null,
    lastSeen: null,
    evidence: { query: '', count: 0, sampleIds: [] },
    score,
    status,
    tags: [],
    note: null,
  };
}

describe('rankSuspicious', () => {
  it('counts the strongest finding of each detector in full and repeats of it at a tenth', () => {
    const beacons = Array.from({ length: 13 }, (_, i) => finding('beaconing', `10.0.0.5 -> 10.0.1.${i}`, 'low'));
    const ranked = rankSuspicious([...beacons, finding('portScan', '203.0.113.7', 'high'), finding('bruteForce', '203.0.113.7', 'medium')], []);
    expect(ranked.map((r) => r.ip)).toEqual(['203.0.113.7', '10.0.0.5']);
    const server = ranked[1]!;
    // every beacon is still listed, so the analyst sees all of them
    expect(server.contributions).toHaveLength(13);
    expect(server.contributions[0]!.points).toBeCloseTo(2.3, 5);
    expect(server.contributions.slice(1).every((c) => c.points === 0.2 && c.detail.includes('counted at 10 %'))).toBe(true);
    expect(server.points).toBeCloseTo(2.3 + 12 * 0.2, 5);
    // two different detectors on one source add up in full, and corroborate each other (+5)
    expect(ranked[0]!.points).toBeCloseTo(18.8 + 7.5 + 5, 5);
    expect(ranked[0]!.contributions.at(-1)!.signal).toBe('found by 2 detectors: portScan, bruteForce');
  });

  it('leaves dismissed findings out', () => {
    const ranked = rankSuspicious([finding('portScan', '198.51.100.2', 'high', 0.5, 'dismissed'), finding('bursts', '198.51.100.3', 'low')], []);
    expect(ranked.map((r) => r.ip)).toEqual(['198.51.100.3']);
  });

  it('puts a confirmed compromise above a loud source whose signals only add up', () => {
    const scanner = '192.0.2.50';
    const ranked = rankSuspicious(
      [finding('webAttacks', scanner, 'high', 1), finding('scanners', scanner, 'high', 0.9), finding('bursts', scanner, 'low', 1), finding('bruteForce', '198.51.100.9', 'critical', 0.8)],
      [{ modelId: 1, modelName: 'm', entity: scanner, score: 0.8, drivers: '' }],
    );
    expect(ranked.map((r) => r.ip)).toEqual(['198.51.100.9', scanner]);
    // the loud source's three detectors and the model are all listed, and still count less
    // (the low burst finding adds its own points but does not corroborate: 5 for two detectors, not 10)
    expect(ranked[1]!.contributions.map((c) => [c.detector, c.points])).toEqual([
      ['webAttacks', 25],
      ['scanners', 23.8],
      [null, 8],
      [null, 5],
      ['bursts', 3],
    ]);
  });

  it('does not let two low, explained findings corroborate each other above a medium attack', () => {
    // a backup server: a low nightly "beacon" and a low heavy transfer, both explained as scheduled
    const ranked = rankSuspicious([finding('beaconing', '10.0.5.30 -> 10.0.5.59', 'low', 1), finding('heavyTraffic', '10.0.5.30 -> 10.0.5.59', 'low', 0.8), finding('bruteForce', '169.195.57.128', 'medium', 0.6)], []);
    expect(ranked.map((r) => r.ip)).toEqual(['169.195.57.128', '10.0.5.30']);
    expect(ranked[1]!.contributions.some((c) => c.kind === 'corroboration')).toBe(false);
  });

  it('gives each address a group finding names a share of it, smaller the larger the group, and never a heavyTraffic count', () => {
    const group = (entity: string, sources: string[], severity: Severity, extra: Record<string, number | string> = {}): Finding => ({
      ...finding('webAttacks', entity, severity, 1),
      entityType: 'population',
      numbers: { sources: sources.join(','), sourceCount: sources.length, ...extra },
    });
    const spray = Array.from({ length: 16 }, (_, i) => `45.155.205.${i + 1}`);
    const flood = Array.from({ length: 50 }, (_, i) => `185.10.${i}.9`);
    const ranked = rankSuspicious(
      [
        group('JNDI lookup (Log4Shell) from 16 sources', spray, 'high'),
        // a flood of 400 that lists its first 50: each is diluted by all 400
        { ...group('flood', flood, 'high', { sourceCount: 400 }), detector: 'bursts' },
        finding('scanners', '45.155.205.1', 'medium', 1),
        // heavyTraffic's population numbers count sources, they do not name them
        { ...finding('heavyTraffic', 'backup window', 'low', 1), entityType: 'population', numbers: { sources: 12 } },
      ],
      [],
      100,
    );
    const by = new Map(ranked.map((r) => [r.ip, r]));
    // 25 points x 0.5 / sqrt(16) = 3.1 for each sprayer; the one that also scanned adds its scan (10) and corroboration (5)
    expect(by.get('45.155.205.2')!.points).toBeCloseTo(3.1, 5);
    expect(by.get('45.155.205.2')!.contributions[0]!.detail).toBe('one of the 16 sources this finding names: 50 % of its points divided by √16');
    expect(by.get('45.155.205.1')!.points).toBeCloseTo(10 + 3.1 + 5, 5);
    expect(ranked[0]!.ip).toBe('45.155.205.1');
    // 25 x 0.5 / sqrt(400) = 0.6: a member of a big flood weighs little
    expect(by.get('185.10.7.9')!.points).toBeCloseTo(0.6, 5);
    expect(by.has('12')).toBe(false);
    expect(ranked).toHaveLength(16 + 50);
  });

  it('ranks a machine its own logs incriminate beside the addresses, and keeps a machine and an address of the same name apart', () => {
    const host = (detector: string, name: string | null, severity: Severity): Finding => ({ ...finding(detector, `${name ?? 'an unnamed machine'}: ${detector}`, severity), entityType: 'host', numbers: name ? { host: name } : {} });
    const ranked = rankSuspicious(
      [host('processes', 'WS07.corp.example.com', 'critical'), host('hostTampering', 'WS07.corp.example.com', 'high'), host('antivirus', 'WS07.corp.example.com', 'high'), host('processes', null, 'critical'), finding('portScan', '203.0.113.7', 'high'), host('processes', '203.0.113.7', 'low')],
      [],
    );
    const ws07 = ranked.find((e) => e.ip === 'WS07.corp.example.com')!;
    expect(ws07.kind).toBe('host');
    expect(ranked[0]).toBe(ws07);
    // three detectors on one machine corroborate each other like three on one address
    const corroboration = ws07.contributions.find((c) => c.kind === 'corroboration')!;
    expect(corroboration.signal).toMatch(/^found by 3 detectors: /);
    expect(corroboration.signal.split(': ')[1]!.split(', ').sort()).toEqual(['antivirus', 'hostTampering', 'processes']);
    // a host finding that names no machine ranks nothing; a machine named like an address is not that address
    expect(ranked.filter((e) => e.ip === '203.0.113.7').map((e) => e.kind).sort()).toEqual(['host', 'ip']);
    expect(ranked).toHaveLength(3);
  });
});
