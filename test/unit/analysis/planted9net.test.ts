// Round 9, network flows, Windows and cloud audit: gaps a responder would hit on real exports
// (two sensors of one link, minute-stamped flow CSVs, single-account AS-REP roasting, CloudTrail
// changes that blind the trail), each planted beside the benign look-alike that must stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';
import * as FL from './planted9net/flows';
import * as L from './planted7host/linux';

afterAll(cleanupPlanted);

describe('round 9 net: one link, two sensors', () => {
  it('Zeek conn.log and the firewall\'s traffic CSV of the same connections: the exfiltration is 6 GB, not 12, the scan 300 flows, not 600; two uploads that reuse a source port ten minutes apart are both counted', async () => {
    const day = FL.linkDay();
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('conn.log', FL.zeekOf([...day, ...FL.reuseZeek()]));
      put('traffic.csv', FL.panOf([...day, ...FL.reusePan()]));
      return files;
    });
    const ex = expectFound(found, 'heavyTraffic', FL.EXFIL, 'high');
    expect(ex.numbers.bytes).toBe(24 * 250_000_000);
    expect(ex.numbers.events).toBe(24);
    expect(ex.explanation).toMatch(/24 more flow records .* second flow log .* counted once/);
    expect(ex.explanation).toMatch(/heavyTraffic\.twinSeconds/);
    const scan = expectFound(found, 'portScan', FL.SCANNER, 'high');
    expect(scan.numbers.flows).toBe(300);
    expect(scan.explanation).toMatch(/300 more records of the same connections/);
    // the trap: same addresses and ports, but ten minutes apart, one in each log: two uploads, 600 MB
    const reuse = expectFound(found, 'heavyTraffic', FL.REUSER, 'medium');
    expect(reuse.numbers.bytes, listFindings(found)).toBe(600_000_000);
    expect(reuse.explanation).not.toMatch(/second flow log/);
  }, 60_000);

  it('NetFlow from two routers on one path (nfdump CSV, clocks two seconds apart): counted once; one router alone is unchanged', async () => {
    const day = FL.linkDay();
    const both = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('nfcapd.edge1.csv', FL.nfdumpOf(day, 0));
      put('nfcapd.edge2.csv', FL.nfdumpOf(day, 2000));
      return files;
    });
    const one = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('nfcapd.edge1.csv', FL.nfdumpOf(day, 0));
      return files;
    });
    for (const found of [both, one]) {
      expect(expectFound(found, 'heavyTraffic', FL.EXFIL, 'high').numbers.bytes).toBe(24 * 250_000_000);
      expect(expectFound(found, 'portScan', FL.SCANNER, 'high').numbers.flows).toBe(300);
    }
    expect(expectFound(one, 'heavyTraffic', FL.EXFIL, 'high').explanation).not.toMatch(/second flow log/);
  }, 60_000);
});

describe('round 9 net: password guessing, then what the intruder did', () => {
  it('the brute-force finding on the address names the follow-up on web3 (hostTampering); db2\'s guesser, who never got in, names none', async () => {
    const found = await analysePlanted('planted9net', (dir) => {
      const { put, files } = logFiles(dir);
      put('web3-auth.log', L.web3AuthLog());
      put('db2-secure', L.db2Secure());
      return files;
    });
    const bf = expectFound(found, 'bruteForce', '198.51.100.23', 'critical');
    expect(bf.explanation).toMatch(/What followed: 198\.51\.100\.23 logged in to web3 as deploy .*hostTampering, high: "After a guessed SSH login as deploy/);
    expect(bf.numbers.followedBy).toBe('hostTampering:web3');
    const quiet = expectFound(found, 'bruteForce', '192.0.2.77', 'medium');
    expect(quiet.explanation).not.toMatch(/What followed/);
    expect(quiet.numbers.followedBy).toBeUndefined();
  }, 60_000);
});
