import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase, DETECTORS, getEvidence, getOverview, listFindings } from '../../../src/core/analysis';
import { appendAudit, openCase } from '../../../src/core/store/case';
import { writePresentColumns } from '../../../src/core/store/columns';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import { cleanup, insertEvents, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

function sshAttack(ip: string, n: number, start = T0): Ev[] {
  // every third attempt probes a user name that does not exist (no password tried: one line, one guess)
  return Array.from({ length: n }, (_, i) => ({ ts: start + i * 2000, src_ip: ip, program: 'sshd', action: i % 3 ? 'auth_failure' : 'invalid_user', user: i % 3 ? `user${i % 7}` : `ghost${i}` }));
}

describe('analyzeCase (worker threads, read-only case connections)', () => {
  it('stores stats, findings with evidence, the suspicious ranking and an audit entry', async () => {
    const file = makeCase([...webPopulation(40), ...sshAttack('203.0.113.9', 60)]);
    const res = await analyzeCase(file);
    const bf = res.findings.find((f) => f.id === 'bruteForce:203.0.113.9');
    expect(bf).toBeDefined();
    expect(bf!.evidence.count).toBe(60);
    expect(bf!.evidence.sampleIds.length).toBe(20);
    expect(res.stats.events).toBe(40 * 30 + 60);
    expect(res.stats.distinctSrcIps).toBe(41);
    expect(res.suspicious[0]!.ip).toBe('203.0.113.9');
    expect(res.suspicious[0]!.contributions[0]!.detector).toBe('bruteForce');
    const db = openCase(file);
    const stored = getOverview(db);
    expect(stored.events).toBe(res.stats.events);
    const audit = db.prepare("SELECT detail FROM audit WHERE action = 'analysis.run'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    const rows = getEvidence(db, 'bruteForce:203.0.113.9', { limit: 5 });
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.src_ip === '203.0.113.9')).toBe(true);
    db.close();
  });

  it('finds the same when it reads only the columns the case records as holding values', async () => {
    const file = makeCase([...webPopulation(40), ...sshAttack('203.0.113.9', 60)]);
    const all = await analyzeCase(file);
    const db = openCase(file);
    const cols = EVENT_COLUMNS.map((c) => c.name).filter((c) => db.prepare(`SELECT 1 FROM events WHERE "${c}" IS NOT NULL LIMIT 1`).get() !== undefined);
    expect(cols).not.toContain('dst_port');
    writePresentColumns(db, new Set(cols));
    db.close();
    const some = await analyzeCase(file);
    const view = (r: typeof all): unknown => r.findings.map((f) => [f.id, f.severity, f.numbers, f.evidence.count]);
    expect(view(some)).toEqual(view(all));
    expect({ ...some.stats, computedAt: 0 }).toEqual({ ...all.stats, computedAt: 0 });
  });

  it('keeps a dismissed finding dismissed and its tags across re-analysis, and drops open findings that stop firing', async () => {
    const file = makeCase([...webPopulation(30), ...sshAttack('203.0.113.9', 40), ...sshAttack('203.0.113.77', 40)]);
    await analyzeCase(file);
    let db = openCase(file);
    db.prepare("UPDATE findings SET status = 'dismissed' WHERE id = 'bruteForce:203.0.113.9'").run();
    db.prepare("INSERT INTO tags (target_type, target_id, tag, created_at) VALUES ('finding', 'bruteForce:203.0.113.9', 'known-pentest', 1)").run();
    appendAudit(db, 'analyst', 'finding.dismiss', { id: 'bruteForce:203.0.113.9' });
    db.close();
    // raise the threshold above the second attacker's count: its open finding must go, the dismissed one stays
    const res = await analyzeCase(file, { settings: { 'bruteForce.minSshFailures': 30, 'bruteForce.minFailShare': 0.5 } });
    const again = res.findings.find((f) => f.id === 'bruteForce:203.0.113.9');
    expect(again?.status).toBe('dismissed');
    expect(again?.tags).toEqual(['known-pentest']);
    expect(res.findings.filter((f) => f.id === 'bruteForce:203.0.113.77')).toHaveLength(1);
    const res2 = await analyzeCase(file, { settings: { 'bruteForce.minSshFailures': 100 } });
    expect(res2.findings.find((f) => f.id === 'bruteForce:203.0.113.77')).toBeUndefined();
    expect(res2.findings.find((f) => f.id === 'bruteForce:203.0.113.9')?.status).toBe('dismissed');
    db = openCase(file);
    expect(listFindings(db, { status: 'dismissed' }).map((f) => f.id)).toEqual(['bruteForce:203.0.113.9']);
    db.close();
  });

  it('reports scan progress from the workers, ending at every event scanned', async () => {
    const file = makeCase([...webPopulation(40), ...sshAttack('203.0.113.9', 60)]);
    const seen: { value: number; detail: string }[] = [];
    const res = await analyzeCase(file, {}, { onProgress: (p) => seen.push({ value: p.value ?? 0, detail: p.detail ?? '' }) });
    const total = res.stats.events;
    expect(seen[0]!.detail).toBe(`scanned 0 of ${total.toLocaleString('en-US')} events`);
    expect(seen.some((p) => p.detail === `scanned ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events`)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.value).toBeGreaterThanOrEqual(seen[i - 1]!.value);
    expect(seen[seen.length - 1]!.value).toBe(1);
  });

  it('analyses an empty case to no findings and empty statistics', async () => {
    const res = await analyzeCase(makeCase([]));
    expect(res.findings).toEqual([]);
    expect(res.stats.events).toBe(0);
    expect(res.stats.timeline.buckets).toEqual([]);
  });

  it('refuses unknown settings with the list of valid ones', async () => {
    const file = makeCase(webPopulation(2));
    await expect(analyzeCase(file, { settings: { 'portScan.minPort': 3 } })).rejects.toThrow(/unknown setting "portScan.minPort".*portScan.minPorts/);
  });

  it('computes a range overview from the ts index that differs from the whole case', () => {
    const file = makeCase(webPopulation(10, 4));
    const db = openCase(file);
    const all = getOverview(db);
    const part = getOverview(db, { from: T0, to: T0 + 3600_000 });
    expect(part.events).toBeGreaterThan(0);
    expect(part.events).toBeLessThan(all.events);
    expect(part.timeline.buckets.reduce((s, b) => s + b.total, 0)).toBe(part.events);
    expect(all.statuses.map((s) => s.key).sort()).toEqual(['200', '404']);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM events WHERE ts >= ? AND ts <= ?').all(1, 2) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/events_ts/);
    insertEvents(db, [{ ts: T0, src_ip: '192.0.2.1', status: 500 }]);
    db.close();
  });

  it('lists every detector with a description and prefixed settings', () => {
    expect(DETECTORS.map((d) => d.name)).toEqual(['portScan', 'hostScan', 'lateralMovement', 'bruteForce', 'credentialStuffing', 'kerberoasting', 'mfaFatigue', 'signInTravel', 'mailboxRules', 'appConsent', 'cloudAudit', 'hostTampering', 'directoryChanges', 'ransomStaging', 'processes', 'antivirus', 'ruleMatches', 'heavyTraffic', 'mailAbuse', 'riskyServices', 'dnsTunnel', 'icmpTunnel', 'bursts', 'webAttacks', 'idsAlerts', 'scanners', 'beaconing', 'outliers']);
    for (const d of DETECTORS) {
      expect(d.description.length).toBeGreaterThan(60);
      for (const s of d.settings) expect(s.key.startsWith(`${d.name}.`)).toBe(true);
    }
    expect(DETECTORS.find((d) => d.name === 'portScan')!.settings.find((s) => s.key === 'portScan.minPorts')!.default).toBe(150);
  });
});

describe('scanBounds', () => {
  it('answers the time range from the ts index without walking it, whole case and brushed range', async () => {
    const { scanBounds } = await import('../../../src/core/analysis/scan');
    const file = makeCase([{ ts: T0 + 5000, src_ip: '10.0.0.1' }, { ts: null, src_ip: '10.0.0.2' }, { ts: T0, src_ip: '10.0.0.3' }, { ts: T0 + 90_000, src_ip: '10.0.0.4' }]);
    const db = openCase(file);
    expect(scanBounds(db, { from: null, to: null })).toMatchObject({ minTs: T0, maxTs: T0 + 90_000 });
    expect(scanBounds(db, { from: T0 + 1, to: T0 + 60_000 })).toMatchObject({ minTs: T0 + 5000, maxTs: T0 + 5000 });
    expect(scanBounds(db, { from: T0 + 100_000, to: null })).toMatchObject({ minTs: null, maxTs: null, bucketMs: 60_000 });
    // MIN and MAX in one SELECT scan the whole index; each alone is a SEARCH that stops at once
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => (seen.push(sql), prepare(sql))) as typeof db.prepare;
    scanBounds(db, { from: null, to: null });
    db.prepare = prepare;
    expect(seen).toHaveLength(1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${seen[0]}`).all() as { detail: string }[]).map((p) => p.detail);
    expect(plan.filter((d) => /events/.test(d))).toEqual(['SEARCH events USING COVERING INDEX events_ts', 'SEARCH events USING COVERING INDEX events_ts']);
    db.close();
  });
});

/** The busiest worker's rows under the best split of the address range in two (brute force). */
function bestRangeSplit(db: ReturnType<typeof openCase>): number {
  const counts = db.prepare('SELECT COUNT(*) FROM events GROUP BY src_ip ORDER BY src_ip').pluck().all() as number[];
  const total = counts.reduce((a, b) => a + b, 0);
  let best = total;
  let prefix = 0;
  for (const c of counts) {
    prefix += c;
    best = Math.min(best, Math.max(prefix, total - prefix));
  }
  return best;
}

describe('share planning (which worker folds which source)', () => {
  it('gives every row to exactly one worker, for every kind of address and any number of parts', async () => {
    const { planShares, shareWhere } = await import('../../../src/core/analysis/scan');
    const ips = ['192.168.100.5', '192.168.100.3', '10.0.0.1', '2001:db8::1', '::1', 'a', '', 'fe80::1ff:fe23:4567:890a', '203.0.113.250', null, 'ünïcode-host', null, '10.0.0.1'];
    const file = makeCase(ips.map((ip, i) => ({ ts: T0 + i, src_ip: ip })));
    const db = openCase(file);
    for (const parts of [1, 2, 3, 5, 20]) {
      const plan = planShares(db, parts);
      const seen = new Map<number, number>();
      for (let part = 0; part < parts; part++) {
        const w = shareWhere(part, plan.bounds);
        const ids = db.prepare(`SELECT id FROM events WHERE ${w.sql}`).pluck().all(...w.params) as number[];
        expect(ids.length).toBe(plan.loads[part] ?? 0);
        for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      expect(seen.size).toBe(ips.length);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    }
    // without a plan one part reads every row, the others none
    expect([0, 1, 2].map((p) => shareWhere(p, []).sql)).toEqual(['1', '0', '0']);
    // the filter reads the table in order, not the src_ip index
    const w = shareWhere(1, planShares(db, 2).bounds);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id, src_ip, bytes FROM events WHERE ${w.sql}`).all(...w.params) as { detail: string }[]).map((p) => p.detail);
    expect(plan).toEqual(['SCAN events']);
    db.close();
  });

  it('splits a log whose two busiest sources would otherwise share a worker', async () => {
    const { planShares, shareWhere } = await import('../../../src/core/analysis/scan');
    const heavy = (ip: string, n: number): Ev[] => Array.from({ length: n }, (_, i) => ({ ts: T0 + i, src_ip: ip }));
    // the two busiest sources sort next to each other: a split at the middle address puts them apart
    const file = makeCase([...heavy('192.168.100.5', 600), ...heavy('192.168.100.3', 500), ...webPopulation(20, 1, 10)]);
    const db = openCase(file);
    const plan = planShares(db, 2);
    const partOf = (ip: string): number => [0, 1].find((p) => {
      const w = shareWhere(p, plan.bounds);
      return db.prepare(`SELECT 1 FROM events WHERE src_ip = '${ip}' AND ${w.sql}`).get(...w.params) !== undefined;
    })!;
    expect(partOf('192.168.100.5')).not.toBe(partOf('192.168.100.3'));
    expect(Math.max(...plan.loads)).toBe(bestRangeSplit(db));
    db.close();
    // and the analysis in two workers finds what one thread finds
    const [two, one] = [await analyzeCase(file, { threads: 2 }), await analyzeCase(file, { inline: true, threads: 1 })];
    expect(two.findings.map((f) => [f.id, f.severity, f.title])).toEqual(one.findings.map((f) => [f.id, f.severity, f.title]));
    expect(two.stats.events).toBe(one.stats.events);
  });

  it('keeps a source that has most rows whole, in the part where it unbalances least', async () => {
    const { planShares } = await import('../../../src/core/analysis/scan');
    const heavy = (ip: string, n: number): Ev[] => Array.from({ length: n }, (_, i) => ({ ts: T0 + i, src_ip: ip }));
    const file = makeCase([...heavy('10.0.0.50', 900), ...heavy('10.0.0.9', 50), ...heavy('10.0.0.1', 50), ...heavy('10.0.0.60', 100)]);
    const db = openCase(file);
    const plan = planShares(db, 2);
    expect(plan.loads.reduce((a, b) => a + b, 0)).toBe(1100);
    // 10.0.0.50's 900 rows cannot be cut; it sorts between 10.0.0.1 and 10.0.0.60, so the best
    // split of the address range gives one worker 10.0.0.1 and 10.0.0.50 (950 rows)
    expect(Math.max(...plan.loads)).toBe(bestRangeSplit(db));
    expect(Math.max(...plan.loads)).toBe(950);
    db.close();
  });
});

describe('overview statistics', () => {
  it('ranks top sources by count, then bytes as given, then address, also when most sources tie', () => {
    // a flood of spoofed addresses: most sources send one event; the ties are broken by address
    const evs: Ev[] = Array.from({ length: 3000 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: `198.18.${i >> 8}.${i & 255}`, bytes: 60 }));
    for (let i = 0; i < 5; i++) evs.push({ ts: T0, src_ip: '203.0.113.7', bytes: 10 }, ...(i < 3 ? [{ ts: T0, src_ip: '203.0.113.8', bytes: 10 }] : []));
    const db = openCase(makeCase(evs));
    const stats = getOverview(db);
    db.close();
    expect(stats.topSourcesByEvents.slice(0, 4).map((k) => [k.key, k.count])).toEqual([
      ['203.0.113.7', 5],
      ['203.0.113.8', 3],
      ['198.18.0.0', 1],
      ['198.18.0.1', 1],
    ]);
    expect(stats.topSourcesByEvents).toHaveLength(new Set(stats.topSourcesByEvents.map((k) => k.key)).size);
    expect(stats.topSourcesByBytes.slice(0, 2).map((k) => k.key)).toEqual(['198.18.0.0', '198.18.0.1']);
  });
});
