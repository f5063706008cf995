// The live analyzer: aggregates updated row by row, new or changed findings only, stable ids.
import { afterEach, describe, expect, it } from 'vitest';
import { createIncrementalAnalyzer, listFindings } from '../../../src/core/analysis';
import type { LiveEvent } from '../../../src/core/analysis';
import { openCase } from '../../../src/core/store/case';
import { cleanup, insertEvents, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

function feed(db: ReturnType<typeof openCase>, events: Ev[]): LiveEvent[] {
  const ids = insertEvents(db, events);
  return events.map((e, i) => ({ ...e, id: ids[i]! }));
}

describe('createIncrementalAnalyzer', () => {
  it('reports a growing port scan once per change under one stable id, and stores it', () => {
    const db = openCase(makeCase(webPopulation(10)));
    const live = createIncrementalAnalyzer(db);
    expect(live.detectors).not.toContain('beaconing');
    const probe = (from: number, to: number): Ev[] =>
      Array.from({ length: to - from }, (_, k) => ({ ts: T0 + (from + k) * 10, src_ip: '192.0.2.66', src_port: 55555, dst_ip: '10.0.1.5', dst_port: from + k + 1, proto: 'TCP', flags: '....S.' }));
    // 15 bare-SYN ports are under portScan.probePorts (40 would already be a targeted scan)
    expect(live.addEvents(feed(db, probe(0, 15)))).toEqual([]);
    const first = live.addEvents(feed(db, probe(15, 80)));
    expect(first.map((f) => [f.id, f.severity])).toEqual([['portScan:192.0.2.66', 'medium']]);
    // no change in what the finding says: nothing new to report
    expect(live.addEvents(feed(db, [{ ts: T0, src_ip: '198.51.100.1', method: 'GET', path: '/', status: 200 }]))).toEqual([]);
    const grown = live.addEvents(feed(db, probe(80, 200)));
    expect(grown.map((f) => [f.id, f.severity])).toEqual([['portScan:192.0.2.66', 'high']]);
    expect(grown[0]!.numbers.ports).toBe(200);
    expect(grown[0]!.evidence.count).toBe(200);
    const stored = listFindings(db, { detector: 'portScan' });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.severity).toBe('high');
    db.close();
  });

  it('flags payloads and SSH guessing as rows arrive, and leaves normal browsing alone', () => {
    const db = openCase(makeCase([]));
    const live = createIncrementalAnalyzer(db);
    expect(live.addEvents(feed(db, webPopulation(20, 1, 10)))).toEqual([]);
    const atk = live.addEvents(feed(db, [{ ts: T0, src_ip: '192.0.2.9', method: 'GET', path: '/item', query: 'id=1%20UNION%20SELECT%20password%20FROM%20users', status: 200 }]));
    expect(atk.map((f) => f.id)).toEqual(['webAttacks:192.0.2.9']);
    const ssh: Ev[] = Array.from({ length: 12 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '203.0.113.4', program: 'sshd', action: 'auth_failure', user: 'root' }));
    expect(live.addEvents(feed(db, ssh)).map((f) => f.id)).toEqual(['bruteForce:203.0.113.4']);
    db.close();
  });
});
