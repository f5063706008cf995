// Round 7, network flows: the public labeled data sets an evaluator reaches for, emulated in their
// published layouts (CTU-13 binetflow, CIC-IDS2017 TrafficLabelling CSVs, UNSW-NB15's headerless raw
// files, CIDDS-001's OpenStack and external-server weeks). Each labeled attacking source must be
// found by the detector that tells its attack, benign sources must stay quiet, and the labels must
// show in the case statistics.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { ingestFiles } from '../../../src/core/ingest';
import type { CaseStats, Finding } from '../../../src/shared/model';
import { expectFound, listFindings, RANK } from './plantedKit';
import * as CTU from './planted7flows/ctu13';
import * as CIC from './planted7flows/cicids';
import * as UNSW from './planted7flows/unsw';
import * as CIDDS from './planted7flows/cidds';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Ingests one file as the data set names it; every row must be read (none quarantined). */
async function analyse(name: string, lines: string[], encoding: BufferEncoding = 'utf8'): Promise<{ found: Finding[]; stats: CaseStats; format: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-planted7flows-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(lines.join('\n') + '\n', encoding));
  const caseFile = path.join(dir, 'case.loupe');
  const { sources } = await ingestFiles({ caseFile, files: [file], threads: 1, year: 2026 });
  // UNSW-NB15's raw files have no header line: every line is a flow
  const header = name.startsWith('UNSW-NB15_') ? 0 : 1;
  expect(sources.map((s) => [s.quarantined, s.events])).toEqual([[0, lines.length - header]]);
  const r = await analyzeCase(caseFile, { inline: true });
  return { found: r.findings, stats: r.stats, format: sources[0]!.format };
}

/** No medium or higher finding on an entity outside `attackers` (beacon entities are `src -> dst:port`). */
function expectQuietElsewhere(found: Finding[], attackers: readonly string[]): void {
  const src = (e: string): string => e.split(' -> ')[0]!;
  expect(found.filter((f) => RANK[f.severity] >= RANK.medium && !attackers.includes(src(f.entity))).map((f) => `${f.detector}:${f.entity}:${f.severity}:${f.title}`)).toEqual([]);
}

/** A finding of `detector` whose entity is the source (or a beacon from it), at `least` or above. */
function expectFrom(found: Finding[], detector: string, src: string, least: Finding['severity']): Finding {
  const f = found.filter((x) => x.detector === detector && (x.entity === src || x.entity.startsWith(`${src} -> `))).sort((a, b) => RANK[b.severity] - RANK[a.severity])[0];
  expect(f, `${detector} from ${src}; found: ${listFindings(found)}`).toBeDefined();
  expect(RANK[f!.severity], `${detector} from ${src} is ${f!.severity}`).toBeGreaterThanOrEqual(RANK[least]);
  return f!;
}

const keys = (xs: readonly { key: string }[]): string[] => xs.map((x) => x.key);

describe('round 7 flows: CTU-13 (Argus binetflow)', () => {
  it('finds scenario 9/10 bots by what each did (spam, scans, ICMP DDoS, HTTP C&C), and leaves normal hosts, a backup, NetFlow export and a ping left running alone', async () => {
    const { found, stats } = await analyse('capture20110818.binetflow', CTU.binetflow());
    // spam: SMTP straight to hundreds of mail servers, told as mail, not as a generic scan
    for (const b of CTU.ROLES.spam) expect(expectFrom(found, 'hostScan', b, 'high').title).toMatch(/Mail sent straight to many servers .* port 25/);
    // scanning: 445 across the university's network, and ports of one host (S_RA / S_ are probes)
    expect(expectFound(found, 'hostScan', '147.32.84.205', 'high').title).toMatch(/port 445/);
    expectFound(found, 'portScan', '147.32.84.206', 'high');
    // the DDoS: a few Argus status records of hundreds of 1 KB echo requests each, named as a flood with the other bots
    for (const b of CTU.ROLES.ddos) {
      const f = expectFound(found, 'bursts', b, 'high');
      expect(f.title).toMatch(/Packet flood .* to 147\.32\.96\.69/);
      expect(f.threshold?.setting).toBe('bursts.floodPacketsPerMinute');
      expect(String(f.numbers.otherSources).split(',').sort()).toEqual(CTU.ROLES.ddos.filter((x) => x !== b).sort());
    }
    // every bot polls its HTTP C&C every ~5 minutes for three hours: click-fraud bots are found by it
    for (const b of CTU.BOTS) expectFrom(found, 'beaconing', b, 'medium');
    // no packet flood on the backup (answered), the router's NetFlow export (a collector port) or the hour-long ping records
    expect(found.filter((f) => f.threshold?.setting === 'bursts.floodPacketsPerMinute').map((f) => f.entity).sort()).toEqual([...CTU.ROLES.ddos].sort());
    expectQuietElsewhere(found, CTU.BOTS);
    // the labels, as the data set spells them, are the case's label distribution
    expect(keys(stats.labels)).toEqual(expect.arrayContaining(['flow=Background-UDP-Established', 'flow=From-Botnet-V42-TCP-Attempt-SPAM', 'flow=From-Botnet-V44-ICMP', 'flow=To-Background-UDP-CVUT-DNS-Server']));
  }, 120_000);
});

describe('round 7 flows: CIC-IDS2017 TrafficLabelling (every attack from the NAT address 172.16.0.1)', () => {
  it('Tuesday: FTP-Patator and SSH-Patator are brute force on 21 and 22; the office is quiet', async () => {
    const { found, stats } = await analyse('Tuesday-WorkingHours.pcap_ISCX.csv', CIC.tuesday());
    const f = expectFound(found, 'bruteForce', CIC.NAT, 'medium');
    expect(f.title).toMatch(/21/);
    expect(f.title).toMatch(/22/);
    expectQuietElsewhere(found, [CIC.NAT]);
    expect(keys(stats.labels).sort()).toEqual(['BENIGN', 'FTP-Patator', 'SSH-Patator']);
  }, 120_000);

  it('Wednesday: the DoS runs (slowloris, Slowhttptest, Hulk, GoldenEye) are a burst from the NAT address; the office is quiet', async () => {
    const { found } = await analyse('Wednesday-workingHours.pcap_ISCX.csv', CIC.wednesday());
    expectFound(found, 'bursts', CIC.NAT, 'medium');
    expectQuietElsewhere(found, [CIC.NAT]);
  }, 120_000);

  it('Friday: PortScan is a port scan, and DDoS LOIT an hour later is a flood of its own, not the scan\'s speed', async () => {
    const { found, stats } = await analyse('Friday-WorkingHours-Afternoon-DDos.pcap_ISCX.csv', CIC.friday());
    expectFound(found, 'portScan', CIC.NAT, 'high');
    const ddos = expectFound(found, 'bursts', CIC.NAT, 'medium');
    // the run began at 15:56 (written `7/7/2017 3:56`, read as the afternoon), after the scan had ended at 14:35
    expect(new Date(ddos.firstSeen!).toISOString()).toBe('2017-07-07T15:56:00.000Z');
    expect(ddos.explanation).toMatch(/came suddenly/);
    expectQuietElsewhere(found, [CIC.NAT]);
    expect(keys(stats.labels).sort()).toEqual(['BENIGN', 'Bot', 'DDoS', 'PortScan']);
  }, 120_000);

  it('Thursday: the web attacks\' labels with the en dash written as the CP-1252 byte 0x96 (as the files have it) lose no row and are counted; the office is quiet', async () => {
    const raw = CIC.thursday().map((l) => l.replace(/\uFFFD/g, '\u0096'));
    const { found, stats } = await analyse('Thursday-WorkingHours-Morning-WebAttacks.pcap_ISCX.csv', raw, 'latin1');
    expect(stats.labels.find((l) => l.key === 'Web Attack \uFFFD Brute Force')?.count).toBe(600);
    expect(stats.labels.find((l) => l.key === 'Web Attack \uFFFD Sql Injection')?.count).toBe(21);
    expectQuietElsewhere(found, [CIC.NAT]);
  }, 120_000);
});

describe('round 7 flows: UNSW-NB15 raw CSV (no header)', () => {
  it('reads UNSW-NB15_1.csv with its documented columns; every attacker is found, reconnaissance as a port scan, and the lab\'s users are quiet', async () => {
    const { found, stats, format } = await analyse('UNSW-NB15_1.csv', UNSW.raw());
    expect(format).toBe('csv');
    expectFound(found, 'portScan', '175.45.176.1', 'high');
    // Generic's DNS flood (176.0, 176.2) and DoS (176.3): bursts
    for (const a of ['175.45.176.0', '175.45.176.2', '175.45.176.3']) expectFound(found, 'bursts', a, 'medium');
    expectQuietElsewhere(found, UNSW.ATTACKERS);
    expect(found.filter((f) => UNSW.NORMAL.includes(f.entity) && RANK[f.severity] > RANK.info).map((f) => `${f.detector}:${f.entity}`)).toEqual([]);
    // attack_cat as written (` Fuzzers`, ` Reconnaissance `) is the category distribution, trimmed
    expect(keys(stats.categories).sort()).toEqual(['Analysis', 'Backdoors', 'DoS', 'Exploits', 'Fuzzers', 'Generic', 'Reconnaissance', 'Shellcode', 'Worms']);
    expect(keys(stats.labels).sort()).toEqual(['0', '1']);
  }, 120_000);
});

describe('round 7 flows: CIDDS-001', () => {
  it('OpenStack week: portScan, pingScan, bruteForce and dos attackers each found by their detector; clients, servers and victims quiet', async () => {
    const { found, stats } = await analyse('CIDDS-001-internal-week2.csv', CIDDS.openstack());
    expectFound(found, 'portScan', CIDDS.OS_ATTACKERS.portScan, 'high');
    expect(expectFound(found, 'hostScan', CIDDS.OS_ATTACKERS.pingScan, 'high').title).toMatch(/Ping sweep/);
    expectFound(found, 'bruteForce', CIDDS.OS_ATTACKERS.bruteForce, 'medium');
    expectFound(found, 'bursts', CIDDS.OS_ATTACKERS.dos, 'medium');
    expectQuietElsewhere(found, Object.values(CIDDS.OS_ATTACKERS));
    expect(keys(stats.labels).sort()).toEqual(['attacker', 'normal', 'victim']);
    expect(keys(stats.categories)).toEqual(expect.arrayContaining(['portScan', 'pingScan', 'bruteForce', 'dos']));
  }, 120_000);

  it('external-server week: anonymised addresses (EXT_SERVER, ATTACKER1..3, 10425_232) lose no row and the attackers are still found', async () => {
    const { found, stats } = await analyse('CIDDS-001-external-week3.csv', CIDDS.external());
    expectFound(found, 'portScan', 'ATTACKER1', 'high');
    expectFound(found, 'bruteForce', 'ATTACKER2', 'medium');
    expect(expectFound(found, 'hostScan', 'ATTACKER3', 'medium').title).toMatch(/Ping sweep/);
    expectQuietElsewhere(found, ['ATTACKER1', 'ATTACKER2', 'ATTACKER3']);
    expect(keys(stats.labels).sort()).toEqual(['attacker', 'normal', 'suspicious', 'unknown', 'victim']);
  }, 120_000);
});
