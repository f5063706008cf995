// Round 12, network flows: detection quality on real layouts (Zeek conn.log, AWS VPC flow logs).
// A fleet's telemetry agent must not be a campaign nor crowd out the implants beside it; a short
// but tight beacon is found; a slow scan is a scan, a server's replies are not; an upload split
// over one storage network's addresses is one exfiltration, a nightly backup stays low.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import { chanceOfRhythm } from '../../../src/core/analysis/beacons';
import { rng } from '../../../src/core/model/forest';
import * as B from './planted12net/beacons';
import * as V from './planted12net/vpc';

afterAll(cleanupPlanted);

describe('round 12 net: implants among a fleet\'s telemetry (Zeek conn.log)', () => {
  it('150 workstations calling their EDR vendor every minute are one low finding and 40 NTP clients one info; the ten-check-in beacon (2 % jitter), the 20 % jitter beacon and one implant on three hosts are medium; a person visiting twelve sites and a loose ten-contact rhythm stay quiet', async () => {
    const found = await analysePlanted('planted12net', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', B.connLines([...B.fleet(), ...B.ntpClients(), ...B.shortBeacon(), ...B.looseBeacon(), ...B.browsing(), ...B.shortLoose(), ...B.campaign()]));
      return files;
    });
    const beacons = found.filter((f) => f.detector === 'beaconing');
    // the fleet: one grouped finding for the vendor's address, low, saying why
    const edr = beacons.filter((f) => f.entity.includes(B.EDR));
    expect(edr.map((f) => [f.entity, f.severity]), listFindings(beacons)).toEqual([[`150 sources -> ${B.EDR}:443`, 'low']]);
    expect(edr[0]!.numbers.sourceCount).toBe(150);
    expect(edr[0]!.explanation).toMatch(/150 inside sources contacted 52\.168\.117\.170 on port 443 on the same timer .*beaconing\.fleetSources: 20/);
    const ntp = beacons.filter((f) => f.entity.includes(B.NTP));
    expect(ntp.map((f) => [f.entity, f.severity]), listFindings(beacons)).toEqual([[`40 sources -> ${B.NTP}:123`, 'info']]);
    // the implants are not crowded out by the fleet (beaconing.maxFindings keeps the most severe)
    const short = expectFound(found, 'beaconing', `${B.SHORT_HOST} -> ${B.C2_SHORT}:443`, 'medium');
    expect(short.numbers.contacts).toBe(10);
    expect(Number(short.numbers.chance)).toBeLessThan(1e-12);
    expect(short.title).toMatch(/10 check-ins/);
    expect(short.explanation).toMatch(/9 intervals over 4\d min .*beaconing\.shortEvents/);
    const loose = expectFound(found, 'beaconing', `${B.LOOSE_HOST} -> ${B.C2_LOOSE}:443`, 'medium');
    expect(loose.numbers.contacts).toBe(30);
    expect(Number(loose.numbers.jitter)).toBeGreaterThan(0.08);
    // three hosts with the same implant are no fleet (beaconing.fleetSources): each is its own medium finding
    for (const host of B.CAMPAIGN) expectFound(found, 'beaconing', `${host} -> ${B.CAMPAIGN_C2}:443`, 'medium');
    // the look-alikes: random visits, and a short rhythm as loose as chance makes
    expect(beacons.filter((f) => f.entity.startsWith(B.BROWSER) || f.entity.startsWith(B.SHORT_LOOSE_HOST)), listFindings(beacons)).toEqual([]);
    // nothing from the fleet or the time server is medium or above, in any detector
    const fleetHosts = new Set([...Array.from({ length: 150 }, (_, i) => B.fleetHost(i)), ...Array.from({ length: 40 }, (_, i) => `10.20.2.${30 + i}`)]);
    expect(found.filter((f) => RANK[f.severity] >= RANK.medium && (f.entity.includes(B.EDR) || f.entity.includes(B.NTP) || fleetHosts.has(f.entity.split(' ')[0]!))), listFindings(found)).toEqual([]);
  }, 120_000);

  it('the chance of a rhythm: nine gaps within 2 % of five minutes are beyond chance; nine within 20 %, and nine random gaps, are not', () => {
    const r = rng(1207);
    const tight = Array.from({ length: 9 }, () => 300_000 * (1 + (r() * 2 - 1) * 0.02));
    const loose = Array.from({ length: 9 }, () => 300_000 * (1 + (r() * 2 - 1) * 0.2));
    const random = Array.from({ length: 9 }, () => -300_000 * Math.log(1 - r()));
    const mean = (g: number[]): number => g.reduce((a, b) => a + b, 0) / g.length;
    expect(chanceOfRhythm(tight, mean(tight), 6, 0.45, 0.15)).toBeLessThan(1e-12);
    expect(chanceOfRhythm(loose, mean(loose), 6, 0.45, 0.15)).toBeGreaterThan(1e-9);
    expect(chanceOfRhythm(random, mean(random), 6, 0.45, 0.15)).toBeGreaterThan(1e-3);
  });
});

describe('round 12 net: scans and uploads in AWS VPC flow logs', () => {
  it('one SYN to each of 400 ports over three hours is a port scan; the web server\'s replies from 443 to 400 ephemeral ports of one client are not; five 900 MB uploads to one /24 are one 4.5 GB exfiltration to that network; the nightly 40 GB backup is low', async () => {
    const found = await analysePlanted('planted12net', (dir) => {
      const { put, files } = logFiles(dir);
      put('123456789012_vpcflowlogs_us-east-1_fl-0abc_20260414T0000Z_1a2b3c4d.log', V.vpcFile([...V.webDay(), ...V.slowScan(), ...V.splitUpload(), ...V.nightlyBackup()]));
      return files;
    });
    const scan = expectFound(found, 'portScan', V.SCANNER, 'high');
    expect(scan.numbers.ports).toBe(400);
    expect(scan.explanation).toMatch(/over 3 h/);
    expect(found.filter((f) => (f.detector === 'portScan' || f.detector === 'hostScan') && f.entity !== V.SCANNER), listFindings(found)).toEqual([]);
    const ex = expectFound(found, 'heavyTraffic', V.UPLOADER, 'high');
    expect(ex.numbers.topNetwork).toBe(V.STORAGE_NET);
    expect(ex.numbers.topNetworkBytes).toBe(5 * 900_000_000 + 5 * 9 * 200);
    expect(ex.numbers.topNetworkAddresses).toBe(5);
    expect(ex.title).toMatch(/to 52\.216\.178\.0\/24 \(5 addresses\)/);
    expect(ex.explanation).toMatch(/5 addresses of one external network, 52\.216\.178\.0\/24 \(52\.216\.178\.1\d: 858 MiB/);
    expect(ex.evidence.query).toContain('52.216.178.15');
    // the evidence selects the upload's records: five connections of nine one-minute records each
    expect(ex.evidence.count).toBe(5 * 9);
    const backup = expectFound(found, 'heavyTraffic', V.BACKED_UP, 'low');
    expect(backup.severity).toBe('low');
    expect(backup.explanation).toMatch(/10\.20\.0\.50, on port 445, a backup\/file-sync port/);
  }, 120_000);
});
