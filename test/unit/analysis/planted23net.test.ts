// Round 23, network sensors as responders export them: Zeek JSON conn.log, Suricata eve.json flows,
// Zeek dns.log. Data leaving a host whose backups dwarf it, data pulled out in a flow record's
// answers, and ad frames every browser asks with hex names are each judged for what they are.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as C from './planted23net/conn';
import * as D from './planted23net/dnslog';
import * as E from './planted23net/eve';

afterAll(cleanupPlanted);

describe('round 23 net: Zeek JSON conn.log', () => {
  it('3 GB sent outside at night by a file server that also backs up 20+ GB to the NAS is high, named with its destination; the backups stay one low finding and no client is medium', async () => {
    const found = await analysePlanted('planted23conn', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', C.lines());
      return files;
    });
    const heavy = found.filter((f) => f.detector === 'heavyTraffic');
    const out = heavy.find((f) => f.entity === C.EXFIL_HOST && f.numbers.topDestination === C.EXFIL_DST);
    expect(out, listFindings(heavy)).toBeDefined();
    expect(out!.severity).toBe('high');
    expect(Number(out!.numbers.bytes)).toBeGreaterThan(2.9e9);
    expect(out!.explanation).toMatch(/sent 2\.\d+ GiB to the external address 45\.137\.21\.9 .*went to the internal host 10\.20\.5\.10 on port 445/);
    expectFound(found, 'heavyTraffic', C.NAS, 'low');
    expect(heavy.find((f) => f.entity === C.NAS)!.severity).toBe('low');
    expect(found.filter((f) => RANK[f.severity] >= RANK.medium && C.CLIENTS.includes(f.entity.split(' ')[0]!) && f.entity !== C.SCANNER && f.entity.split(' ')[0] !== C.IMPLANT), listFindings(found)).toEqual([]);
  });

  it('an implant checking in every 300 s ± 20 % for ten hours with a few hundred bytes is a high beacon; the EDR agent on 25 workstations on the same loose timer stays low', async () => {
    const found = await analysePlanted('planted23beacon', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', C.lines());
      return files;
    });
    const beacon = expectFound(found, 'beaconing', `${C.IMPLANT} -> ${C.C2}:443`, 'high');
    expect(Number(beacon.numbers.jitter)).toBeGreaterThan(0.1);
    expect(beacon.explanation).toMatch(/High: it kept the rhythm for 6 hours or more \(beaconing\.highSpanHours\) over 1\d\d intervals with at most 15 % jitter \(beaconing\.highEvents: 48\)/);
    const edr = found.filter((f) => f.detector === 'beaconing' && f.entity.includes(C.EDR));
    expect(edr.length, listFindings(found)).toBeGreaterThan(0);
    expect(edr.filter((f) => RANK[f.severity] > RANK.low), listFindings(edr)).toEqual([]);
  });

  it('a workstation\'s ten-second scan of one server (REJ and S0) is placed at 14:05 and names the server, though its browsing spans ten hours', async () => {
    const found = await analysePlanted('planted23scan', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', C.lines());
      return files;
    });
    const scan = expectFound(found, 'portScan', C.SCANNER, 'high');
    expect(scan.firstSeen! / 1000).toBeGreaterThanOrEqual(C.SCAN_START);
    expect((scan.lastSeen! - scan.firstSeen!) / 1000).toBeLessThan(30);
    expect(scan.numbers.scanTarget).toBe(C.SCAN_TARGET);
    expect(Number(scan.numbers.scanTargetPorts)).toBeGreaterThan(800);
    expect(scan.explanation).toMatch(/\d+ of the ports were first tried within \d+\.\d s, \d+ of them on 10\.20\.5\.25: that is the scan/);
  });
});

describe('round 23 net: Suricata eve.json flows', () => {
  it('an outsider pulling 4 GB from an inside server over SSH, seen only in the flow records\' bytes_toclient, is high and starts at its first session\'s flow.start; browsing flows and 2,000 low-priority stream alerts are not', async () => {
    const found = await analysePlanted('planted23eve', (dir) => {
      const { put, files } = logFiles(dir);
      put('eve.json', E.lines());
      return files;
    });
    const pulled = expectFound(found, 'heavyTraffic', E.SERVER, 'high');
    expect(pulled.numbers.client).toBe(E.THIEF);
    expect(pulled.numbers.port).toBe(22);
    expect(Number(pulled.numbers.bytes)).toBeGreaterThan(3.5e9);
    // placed when the first session began (flow.start), not when its record was written after it ended
    expect(pulled.firstSeen).toBe(E.PULL_START * 1000);
    expect(found.filter((f) => RANK[f.severity] >= RANK.medium && f.entity !== E.SERVER && f.entity !== E.THIEF), listFindings(found)).toEqual([]);
  });
});

describe('round 23 net: Zeek dns.log', () => {
  it('ad frames under safeframe.googlesyndication.com asked by all 40 browsers (up to 80 hex names each) are at most low and say why; a TXT/NULL tunnel is high and a slow A-query beacon medium, both on one host each', async () => {
    const found = await analysePlanted('planted23dns', (dir) => {
      const { put, files } = logFiles(dir);
      put('dns.log', D.lines());
      return files;
    });
    const ads = found.filter((f) => f.detector === 'dnsTunnel' && f.entity.endsWith('googlesyndication.com'));
    expect(ads.length, listFindings(found)).toBeGreaterThan(0);
    expect(ads.filter((f) => RANK[f.severity] > RANK.low), listFindings(ads)).toEqual([]);
    expect(ads[0]!.explanation).toMatch(/at most low because 40 sources asked encoded-looking names under googlesyndication\.com \(dnsTunnel\.sharedSources 10\)/);
    expectFound(found, 'dnsTunnel', `${D.TXT_TUNNEL.host} -> ${D.TXT_TUNNEL.domain}`, 'high');
    const slow = expectFound(found, 'dnsTunnel', `${D.A_TUNNEL.host} -> ${D.A_TUNNEL.domain}`, 'medium');
    expect(slow.numbers.askingSources).toBe(1);
  });
});
