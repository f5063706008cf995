// Round 9, network flows, Windows and cloud audit: gaps a responder would hit on real exports
// (two sensors of one link, minute-stamped flow CSVs, single-account AS-REP roasting, CloudTrail
// changes that blind the trail), each planted beside the benign look-alike that must stay quiet.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';
import * as FL from './planted9net/flows';

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
