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
});
