// Round 4, network flows and logins: incidents planted as real log text in layouts earlier rounds
// did not use (nfdump -o csv, Zeek conn.log as JSON, headerless VPC flow logs, a PAN-OS traffic
// export, a CICFlowMeter CSV, Windows 4624/4625 as CSV and Winlogbeat JSON, journald's JSON,
// auth.log), over a benign day whose busy servers look like attacks (planted4net/logs.ts, cases.ts).
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import * as C from './planted4net/cases';
import { DAY0, merge, writeSet, type LogSet } from './planted4net/logs';
import { cleanup } from './helpers';
import { analysePlanted, cleanupPlanted, expectFound, RANK } from './plantedKit';

afterAll(() => {
  cleanupPlanted();
  cleanup();
});

const run = (...sets: Partial<LogSet>[]): Promise<Finding[]> => analyse(merge(C.background(), ...sets));

const analyse = (set: LogSet): Promise<Finding[]> => analysePlanted('planted4net', (dir) => writeSet(dir, set));

/** No medium or higher finding outside the planted entities. */
function expectQuietElsewhere(fs: Finding[], planted: string[]): void {
  const mine = (e: string): boolean => planted.some((p) => e === p || e.startsWith(`${p} -> `));
  expect(fs.filter((f) => RANK[f.severity] >= RANK.medium && !mine(f.entity)).map((f) => `${f.detector}:${f.entity}:${f.severity}:${f.title}`)).toEqual([]);
}

describe('round 4 net: the benign day', () => {
  it('keeps the resolver, NTP, the proxy, SNMP polling of 200 hosts, nightly backups, server replies and PAN-OS downloads below medium', async () => {
    const fs = await run();
    expectQuietElsewhere(fs, []);
    // the backups are named once, for the store, at low
    expect(fs.filter((f) => f.detector === 'heavyTraffic' && f.entity === C.BACKUP).map((f) => f.severity)).toEqual(['low']);
  }, 120_000);
});

describe('round 4 net: scans and sweeps', () => {
  it('finds a random-order port scan refused by PAN-OS, an SMB sweep of a /16 in Zeek JSON, a UDP scan in nfdump and lateral movement in a CICFlowMeter CSV', async () => {
    const fs = await run(C.slowRandomPortScan(), C.smbSweep(), C.udpScan(), C.vulnScanner(), C.lateral());
    expectFound(fs, 'portScan', '203.0.113.66', 'medium');
    expectFound(fs, 'portScan', '198.51.100.23', 'medium');
    expect(expectFound(fs, 'lateralMovement', '10.20.1.66', 'high').explanation).toMatch(/25 hosts answered/);
    const lat = expectFound(fs, 'lateralMovement', '10.20.1.50', 'high');
    // CICFlowMeter writes dd/MM/yyyy: 02/03/2026 is 2 March, not 3 February
    expect(lat.firstSeen).toBe(DAY0 + 10 * C.HOUR_MS + 5 * 60_000);
    // the organisation's own vulnerability scanner may be reported; nothing else
    expectQuietElsewhere(fs, ['203.0.113.66', '198.51.100.23', '10.20.1.66', '10.20.1.50', C.VULNSCAN]);
  }, 120_000);
});

describe('round 4 net: data leaving and beacons', () => {
  it('finds 3 GB to one rare address in nfdump, a 20 MB/h drip in headerless VPC logs and a jittered 60 s beacon in Zeek JSON', async () => {
    const fs = await run(C.exfil3G(), C.slowDrip(), C.beacon60());
    const ex = expectFound(fs, 'heavyTraffic', '10.20.1.33', 'high');
    expect(ex.title).toMatch(/2\.80 GiB to 185\.199\.50\.7/);
    expect(expectFound(fs, 'heavyTraffic', '10.50.1.10', 'medium').title).toMatch(/to 91\.92\.93\.94/);
    expectFound(fs, 'beaconing', '10.20.1.21 -> 45.77.12.34:443', 'high');
    // PAN-OS's Bytes counts both ways: the workstations' downloads are not their uploads
    expectQuietElsewhere(fs, ['10.20.1.33', '10.50.1.10', '10.20.1.21']);
  }, 120_000);
});

describe('round 4 net: logins', () => {
  it('finds RDP guessing in flows and 4625s with the 4624 after, SSH guessing over IPv6 in journald JSON, a Winlogbeat spray and keyboard-interactive guessing', async () => {
    const fs = await run(C.rdpGuessing(), C.sshV6(), C.winSpray(), C.kbdInteractive());
    expect(expectFound(fs, 'bruteForce', '94.232.41.5', 'critical').explanation).toMatch(/then|after the failures/);
    expectFound(fs, 'bruteForce', '2a0e:97c0:3e3:1f::66', 'high');
    expect(expectFound(fs, 'bruteForce', '80.94.95.12', 'high').title).toMatch(/spraying.*200 user names/);
    // 60 connections, 3 logged failures each, cut off at sshd's 6 tries: 360, not 540
    expect(expectFound(fs, 'bruteForce', '61.177.172.13', 'high').title).toMatch(/360 failed logins/);
    expectQuietElsewhere(fs, ['94.232.41.5', '2a0e:97c0:3e3:1f::66', '80.94.95.12', '61.177.172.13']);
  }, 120_000);

  it('finds RDP guessing seen only as 600 short flows to 3389 in an hour', async () => {
    const fs = await run(C.rdpGuessing(false));
    expect(expectFound(fs, 'bruteForce', '94.232.41.5', 'medium').title).toMatch(/RDP/);
    expectQuietElsewhere(fs, ['94.232.41.5']);
  }, 120_000);
});

describe('round 4 net: data pulled out through a service', () => {
  it('finds 3 GB an internal SSH server answered to one outsider, in nfdump reply flows', async () => {
    const fs = await run(C.pulledOut('nfdump'));
    const f = expectFound(fs, 'heavyTraffic', '10.20.2.9', 'high');
    expect(f.title).toMatch(/Data pulled from 10\.20\.2\.9: 2\.\d\d GiB answered to 146\.70\.88\.19 on port 22/);
    expect([f.evidence.query, f.evidence.count]).toEqual(['src_ip:10.20.2.9 dst_ip:146.70.88.19', 150]);
    expectQuietElsewhere(fs, ['10.20.2.9']);
  }, 120_000);

  it('finds the same pull in Zeek JSON, where it is the resp_bytes of the outsider\'s connections', async () => {
    const fs = await run(C.pulledOut('zeek'));
    const f = expectFound(fs, 'heavyTraffic', '10.20.2.9', 'high');
    expect(f.title).toMatch(/2\.\d\d GiB answered to 146\.70\.88\.19 on port 22/);
    // the evidence is the outsider's connections, where the bytes were recorded
    expect([f.evidence.query, f.evidence.count]).toEqual(['src_ip:146.70.88.19 dst_ip:10.20.2.9', 150]);
    expectQuietElsewhere(fs, ['10.20.2.9']);
  }, 120_000);

  it('reports four CDN edges filling their caches from the web server (1.5 GB each) low, as publishing', async () => {
    const fs = await run(C.cdnPulls());
    const pulled = fs.filter((f) => f.detector === 'heavyTraffic' && f.entity === C.WEBSRV);
    expect(pulled.map((f) => [f.severity, f.title])).toEqual([['low', expect.stringMatching(/answered to 4 outside addresses \(104\.16\.10\.1, .*\) on port 443/)]]);
    expect(pulled[0]!.explanation).toMatch(/heavyTraffic\.sharedDownloadSources/);
    expectQuietElsewhere(fs, []);
  }, 120_000);

  it('reports a 1.2 GB download from the public web server at medium, not high', async () => {
    const fs = await run(C.bigPublicDownload());
    const f = expectFound(fs, 'heavyTraffic', C.WEBSRV, 'medium');
    expect(f.severity).toBe('medium');
    expect(f.explanation).toMatch(/web port/);
  }, 120_000);
});

describe('round 4 net: more shapes', () => {
  it('finds an outside sweep of 3389 over a /16 (in nfdump\'s text output), a 5-minute beacon all day in nfdump, SSH hopping and a success after 50 failures', async () => {
    const fs = await run(C.rdpSweep(), C.beacon5m(), C.sshHop(), C.sshSuccessAfter());
    expectFound(fs, 'hostScan', '179.43.150.2', 'high');
    expectFound(fs, 'beaconing', '10.20.1.40 -> 104.248.60.15:443', 'medium');
    expectFound(fs, 'lateralMovement', '10.20.2.3', 'medium');
    expect(expectFound(fs, 'bruteForce', '103.149.28.7', 'critical').title).toMatch(/50 failed logins, then a success/);
    expectQuietElsewhere(fs, ['179.43.150.2', '10.20.1.40', '10.20.2.3', '103.149.28.7']);
  }, 120_000);
});

describe('round 4 net: records of one long connection', () => {
  it('does not call a websocket cut into nfdump records every 5 min, or one TLS connection in 10-minute VPC records, a medium beacon', async () => {
    const fs = await run(C.longLived());
    for (const e of ['10.20.1.25 -> 140.82.113.26:443', '10.50.1.10 -> 54.239.28.85:443']) expect(expectFound(fs, 'beaconing', e, 'low').explanation).toMatch(/one long-lived connection/);
    expectQuietElsewhere(fs, []);
  }, 120_000);
});

describe('round 4 net: login noise and more sweeps', () => {
  it('calls an expired stored password retried every minute from inside medium, not high brute force, and leaves the Exchange front end\'s typos alone', async () => {
    const fs = await run(C.loginNoise());
    const f = expectFound(fs, 'bruteForce', '10.20.2.15', 'medium');
    expect(f.severity).toBe('medium');
    expect(f.title).toBe('Logins failing from 10.20.2.15: 600 as svc_backup, steadily for 10 h');
    expect(f.explanation).toMatch(/bruteForce\.staleRatePerHour/);
    expectQuietElsewhere(fs, ['10.20.2.15']);
  }, 120_000);

  it('leaves a recursive resolver, a proxy reaching 3000 sites, a mail relay and an NTP server answering 300 clients quiet', async () => {
    const fs = await run(C.busyServers());
    expectQuietElsewhere(fs, []);
  }, 120_000);

  it('finds a scan at one port every 10 minutes in VPC REJECTs, an SNMP sweep from outside, and a Kerberos (4771) spray from inside that then logs in', async () => {
    const fs = await run(C.crawlScan(), C.snmpSweep(), C.kerberosSpray());
    expectFound(fs, 'portScan', '162.142.125.9', 'medium');
    expectFound(fs, 'hostScan', '5.188.206.14', 'high');
    // written ::ffff:10.20.1.77: one address, and a spray with a success after it
    expect(expectFound(fs, 'bruteForce', '10.20.1.77', 'critical').title).toMatch(/spraying.*150 user names.*then a success/);
    expectQuietElsewhere(fs, ['162.142.125.9', '5.188.206.14', '10.20.1.77']);
  }, 120_000);
});

describe('round 4 net: spread seen in logins', () => {
  it('finds one inside address logging on (4624 type 3) to 30 servers in 6 minutes, and leaves Ansible logging in to 60 servers every 30 minutes alone', async () => {
    const fs = await run(C.logonSpread(), C.ansible());
    const f = expectFound(fs, 'lateralMovement', '10.20.1.58', 'high');
    expect(f.title).toMatch(/logged in to 30 machines within 60 min/);
    expect(f.explanation).toMatch(/adm_jdoe/);
    expectQuietElsewhere(fs, ['10.20.1.58']);
  }, 120_000);
});

describe('round 4 net: uploads in a firewall export, and a loose beacon', () => {
  it('finds 2.5 GB sent to one address in PAN-OS Bytes Sent, and a 60 s beacon with 50 % jitter', async () => {
    const fs = await run(C.panExfil(), C.jitter50());
    expect(expectFound(fs, 'heavyTraffic', '10.20.1.61', 'high').title).toMatch(/to 23\.94\.117\.3/);
    expectFound(fs, 'beaconing', '10.20.1.45 -> 185.244.25.9:443', 'medium');
    expectQuietElsewhere(fs, ['10.20.1.61', '10.20.1.45']);
  }, 120_000);
});

describe('round 4 net: one incident, one finding', () => {
  it('reports a port scan split over 50 addresses of one /24, 20 ports each, once for the network', async () => {
    const fs = await run(C.distributedScan());
    const f = expectFound(fs, 'portScan', '45.155.205.0/24', 'high');
    expect(f.title).toMatch(/50 addresses in 45\.155\.205\.0\/24: 1,000 destination ports/);
    expect(fs.filter((x) => x.detector === 'portScan' && x.entity.startsWith('45.155.205.') && x.entity !== '45.155.205.0/24').map((x) => x.entity)).toEqual([]);
    expectQuietElsewhere(fs, ['45.155.205.0/24']);
  }, 120_000);

  it('names DNS tunnelling seen only in flows: 20,000 queries of 230 bytes to the resolver in 2 hours', async () => {
    const fs = await run(C.dnsTunnelFlows());
    const f = expectFound(fs, 'dnsTunnel', '10.20.1.52', 'medium');
    expect(f.explanation).toMatch(/dnsTunnel\.flowQueryBytes/);
    // the same rows also make a one-minute burst; nothing else stands out
    expectQuietElsewhere(fs, ['10.20.1.52']);
  }, 120_000);
});
