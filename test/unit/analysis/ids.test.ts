// IDS alerts (Snort / Suricata) as the parsers type them: one finding per source ranked by the
// sensor's own priority, blocked verdicts said, and a busy perimeter sensor's noise grouped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase, createIncrementalAnalyzer } from '../../../src/core/analysis';
import { runDetectors } from '../../../src/core/analysis/detect';
import { emptyAggregates } from '../../../src/core/analysis/foldState';
import type { DetectorDef, DraftFinding } from '../../../src/core/analysis/types';
import { ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import type { Finding } from '../../../src/shared/model';
import { cleanup, makeCase, T0, type Ev } from './helpers';

afterEach(cleanup);

async function run(events: Ev[], settings: Record<string, number | string> = {}): Promise<Finding[]> {
  return (await analyzeCase(makeCase(events), { settings, inline: true })).findings.filter((f) => f.detector === 'idsAlerts');
}

/** An eve.json alert as the jsonl parser stores it. */
const eve = (i: number, src: string, sig: string, sid: number, severity: number | null, action: 'accept' | 'reject' = 'accept', dst = '10.0.0.2'): Ev => ({
  ts: T0 + i * 1000,
  src_ip: src,
  src_port: 40000 + i,
  dst_ip: dst,
  dst_port: 445,
  proto: 'TCP',
  action,
  message: sig,
  category: 'Attempted Administrator Privilege Gain',
  extra: JSON.stringify({ flow_id: String(i), event_type: 'alert', 'alert.gid': '1', 'alert.signature_id': String(sid), 'alert.rev': '1', ...(severity === null ? {} : { 'alert.severity': String(severity) }) }),
});
/** A fast.log alert as the fastlog parser stores it. */
const fast = (i: number, src: string, sig: string, sid: number, priority: number, dst = '10.2.41.231'): Ev => ({
  ts: T0 + i * 1000,
  src_ip: src,
  src_port: 50000 + (i % 10000),
  dst_ip: dst,
  dst_port: 1433,
  proto: 'TCP',
  message: sig,
  category: 'Potentially Bad Traffic',
  extra: JSON.stringify({ gid: '1', signature_id: String(sid), rev: '3', priority: String(priority) }),
});

describe('idsAlerts', () => {
  it('reports one finding per source, high from Suricata severity 1, listing its signatures with counts and the alert rows as evidence', async () => {
    const evs = [
      ...Array.from({ length: 3 }, (_, i) => eve(i, '203.0.113.5', 'ET EXPLOIT Possible ETERNALBLUE', 2024218, 1)),
      ...Array.from({ length: 2 }, (_, i) => eve(10 + i, '203.0.113.5', 'ET SCAN Suspicious inbound to MSSQL port 1433', 2010935, 2)),
      // a flow of the same source: not an alert row
      { ts: T0, src_ip: '203.0.113.5', dst_ip: '10.0.0.2', dst_port: 445, proto: 'TCP', bytes: 400, extra: JSON.stringify({ event_type: 'flow' }) },
    ];
    const f = await run(evs);
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['203.0.113.5', 'high']]);
    expect(f[0]!.title).toBe('IDS alerts from 203.0.113.5: 5 alert(s), 2 signature(s), top «ET EXPLOIT Possible ETERNALBLUE»');
    expect(f[0]!.explanation).toContain('«ET EXPLOIT Possible ETERNALBLUE» ×3 (priority 1, allowed); «ET SCAN Suspicious inbound to MSSQL port 1433» ×2 (priority 2, allowed)');
    expect(f[0]!.explanation).toContain('The sensor let every one of them through');
    expect(f[0]!.evidence.count).toBe(5);
  });

  it('says what the IPS blocked, and lowers a source whose top alerts were all dropped one step', async () => {
    const f = await run(Array.from({ length: 4 }, (_, i) => eve(i, '203.0.113.5', 'ET EXPLOIT Possible ETERNALBLUE', 2024218, 1, 'reject')));
    expect(f.map((x) => x.severity)).toEqual(['medium']);
    expect(f[0]!.title).toMatch(/\(all blocked\)$/);
    expect(f[0]!.explanation).toContain('one step lower (medium) because the IPS dropped every alert at that rank');
  });

  it('reads Snort priority from fast.log rows: 2 is medium, 3 goes to the grouped low finding', async () => {
    const f = await run([fast(0, '203.0.113.51', 'ET SCAN Suspicious inbound to MSSQL port 1433', 2010935, 2), fast(1, '198.51.100.4', 'GPL ICMP_INFO PING *NIX', 2100366, 3)]);
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['203.0.113.51', 'medium'],
      ['low-priority IDS alerts', 'low'],
    ]);
  });

  it('does not flood on a perimeter sensor: thousands of policy and info alerts and one scan signature from 300 addresses make two findings', async () => {
    const evs: Ev[] = [];
    let i = 0;
    for (let c = 0; c < 1500; c++) {
      const ip = `10.8.${c >> 8}.${c & 255}`;
      evs.push(fast(i++, ip, 'ET POLICY curl User-Agent Outbound', 2013028, 1, '93.184.216.34'));
      evs.push(fast(i++, ip, 'ET INFO Observed DNS Query to .cloud TLD', 2027865, 2, '10.0.0.53'));
      evs.push(fast(i++, ip, 'GPL ICMP_INFO PING *NIX', 2100366, 3, '10.0.0.1'));
    }
    for (let c = 0; c < 300; c++) evs.push(fast(i++, `198.18.${c >> 8}.${c & 255}`, 'ET SCAN Suspicious inbound to MSSQL port 1433', 2010935, 2));
    const f = await run(evs);
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['IDS signature 2010935: ET SCAN Suspicious inbound to MSSQL port 1433', 'medium'],
      ['low-priority IDS alerts', 'low'],
    ]);
    expect(f[0]!.numbers).toMatchObject({ alerts: 300, sourceCount: 300 });
    expect(f[1]!.numbers).toMatchObject({ alerts: 4500, sourceCount: 1500, signatures: 3 });
  });

  it('keeps a real attacker on that sensor apart from the crowd', async () => {
    const evs: Ev[] = [];
    for (let c = 0; c < 50; c++) evs.push(fast(c, `198.18.0.${c}`, 'ET SCAN Suspicious inbound to MSSQL port 1433', 2010935, 2));
    evs.push(fast(60, '203.0.113.77', 'ET EXPLOIT MS-SQL xp_cmdshell attempt', 2100687, 1));
    const f = await run(evs);
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['203.0.113.77', 'high'],
      ['IDS signature 2010935: ET SCAN Suspicious inbound to MSSQL port 1433', 'medium'],
    ]);
  });

  it('reports nothing without alert rows: firewall lines naming a rule, flows and web requests', async () => {
    const evs: Ev[] = [
      { ts: T0, src_ip: '203.0.113.9', dst_ip: '10.0.0.1', dst_port: 22, proto: 'TCP', action: 'reject', message: '[UFW BLOCK] IN=eth0', extra: JSON.stringify({ rule: '[UFW BLOCK]' }) },
      { ts: T0, src_ip: '203.0.113.9', dst_ip: '10.0.0.1', dst_port: 443, proto: 'TCP', action: 'accept', extra: JSON.stringify({ rule: '12', event_type: 'flow' }) },
      { ts: T0, src_ip: '203.0.113.10', method: 'GET', path: '/signature_id', status: 200 },
    ];
    expect(await run(evs)).toEqual([]);
  });

  it('takes the alerts from the ingested fast.log and eve.json fixtures, Snort 3 alert_json and IDS lines in syslog', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-ids-'));
    try {
      const s3 = path.join(dir, 'alert_json.txt');
      fs.writeFileSync(
        s3,
        '{ "timestamp" : "07/30-15:05:03.000001", "pkt_num" : 9, "proto" : "TCP", "pkt_gen" : "raw", "pkt_len" : 60, "dir" : "C2S", "src_ap" : "203.0.113.9:40112", "dst_ap" : "10.0.0.2:22", "rule" : "1:2001219:20", "action" : "allow", "msg" : "ET SCAN Potential SSH Scan", "priority" : 2 }\n',
      );
      const sys = path.join(dir, 'messages');
      fs.writeFileSync(sys, 'Mar  5 06:25:01 fw snort[12345]: [1:2001219:20] ET SCAN Potential SSH Scan [Classification: Attempted Information Leak] [Priority: 2] {TCP} 203.0.113.9:40113 -> 192.168.1.1:22\n');
      const file = path.join(dir, 'c.loupe');
      const fx = path.resolve(__dirname, '../../fixtures/formats');
      await ingestFiles({ caseFile: file, files: [`${fx}/fast.log`, `${fx}/suricata_eve.jsonl`, s3, sys], year: 2024, threads: 1 });
      const f = (await analyzeCase(file, { inline: true })).findings.filter((x) => x.detector === 'idsAlerts');
      const by = new Map(f.map((x) => [x.entity, x]));
      // fast.log's priority-2 alerts and the eve.json alert
      expect(by.get('203.0.113.50')?.numbers).toMatchObject({ alerts: 2, signatures: 2 });
      expect(by.get('203.0.113.51')?.severity).toBe('medium');
      // Snort 3's rule gid:sid:rev and the syslog line's sid are one signature
      expect(by.get('203.0.113.9')?.numbers).toMatchObject({ alerts: 2, signatures: 1, topSignature: 'ET SCAN Potential SSH Scan' });
      // an attack response names the server that answered
      expect(by.get('2001:db8::53')?.explanation).toContain('is the machine that answered');
      // ET POLICY at priority 1 and the dropped ping are grouped low
      expect(by.get('low-priority IDS alerts')?.explanation).toMatch(/«ET POLICY Http Client Body contains pass= in cleartext» ×1 .*\(priority 1\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads AWS Network Firewall alert logs, whose eve record sits under `event`', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-ids-'));
    try {
      const log = path.join(dir, 'anfw-alert.log');
      const alert = (i: number, sid: number, sig: string, severity: number): string =>
        JSON.stringify({
          firewall_name: 'prod-fw',
          availability_zone: 'us-east-1a',
          event_timestamp: String(1796637600 + i),
          event: { timestamp: `2026-12-07T10:00:${String(i).padStart(2, '0')}.123456+0000`, flow_id: 1000 + i, event_type: 'alert', src_ip: '10.0.1.25', src_port: 49152 + i, dest_ip: '198.51.100.66', dest_port: 4444, proto: 'TCP', alert: { action: 'blocked', signature_id: sid, rev: 3, signature: sig, category: 'A Network Trojan was detected', severity }, app_proto: 'unknown' },
        });
      fs.writeFileSync(log, [alert(1, 2024217, 'ET TROJAN Possible Metasploit Payload Common Construct', 1), alert(2, 2024217, 'ET TROJAN Possible Metasploit Payload Common Construct', 1), alert(3, 2025431, 'ET MALWARE Reverse shell', 1)].join('\n') + '\n');
      const file = path.join(dir, 'c.loupe');
      await ingestFiles({ caseFile: file, files: [log], threads: 1 });
      const f = (await analyzeCase(file, { inline: true })).findings.filter((x) => x.detector === 'idsAlerts');
      expect(f.map((x) => x.entity)).toEqual(['10.0.1.25']);
      expect(f[0]!.numbers).toMatchObject({ alerts: 3, signatures: 2, topSignature: 'ET TROJAN Possible Metasploit Payload Common Construct' });
      expect(f[0]!.explanation).toContain('blocked');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows live rows (the ids cell the live reader selects)', () => {
    const db = openCase(makeCase([]));
    try {
      const live = createIncrementalAnalyzer(db, { store: false });
      expect(live.detectors).toContain('idsAlerts');
      const out = live.addEvents([{ id: 1, ts: T0, src_ip: '203.0.113.5', dst_ip: '10.0.0.2', ids: JSON.stringify(['2024218', '1', 'ET EXPLOIT Possible ETERNALBLUE', null]) }]);
      expect(out.filter((x) => x.detector === 'idsAlerts').map((x) => [x.entity, x.severity])).toEqual([['203.0.113.5', 'high']]);
    } finally {
      db.close();
    }
  });
});

describe('idsAlerts on hostile volumes', () => {
  it('sources each with a signature of their own: the 500 most serious get a finding, the rest one grouped finding', async () => {
    // 1,200 sources, each its own priority-1 or -2 signature (below crowdSources): was 1,200 findings, and a million crashed the analysis
    const evs = Array.from({ length: 1200 }, (_, i) => fast(i, `198.51.${i >> 8}.${i & 255}`, `ET EXPLOIT rule ${i}`, 3000000 + i, i < 100 ? 1 : 2));
    const f = await run(evs);
    const own = f.filter((x) => x.entityType === 'ip');
    expect(own).toHaveLength(500);
    // the high ones are all kept
    expect(own.filter((x) => x.severity === 'high')).toHaveLength(100);
    const grouped = f.find((x) => x.entity === 'more IDS alert sources')!;
    expect(grouped.severity).toBe('medium');
    expect(grouped.numbers).toMatchObject({ alerts: 700, sourceCount: 700 });
    expect(grouped.title).toBe('IDS alerts from 700 more sources: 700 alert(s) of medium rank or above');
    // every source is in exactly one finding
    expect(new Set([...own.map((x) => x.entity), ...String(grouped.numbers.sources).split(',')]).size).toBe(550);
  }, 60_000);

  it('a detector returning 300,000 findings does not overflow the stack of the detector run', () => {
    const many = Array.from({ length: 300_000 }, () => ({ detector: 'x' }) as unknown as DraftFinding);
    const d = { name: 'x', detect: () => many } as unknown as DetectorDef;
    expect(runDetectors(emptyAggregates(), {}, [d])).toHaveLength(300_000);
  });
});
