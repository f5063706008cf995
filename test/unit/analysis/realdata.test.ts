// The real sample logs (../shared/data): findings a responder would agree with.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { ingestFiles } from '../../../src/core/ingest';
import { cleanup, tmpCaseFile } from './helpers';

const DATA = path.resolve(__dirname, '../../../../shared/data');
const present = fs.existsSync(`${DATA}/auth.log`) && fs.existsSync(`${DATA}/apache_access.log`);

afterAll(cleanup);

describe.runIf(present)('real sample logs', () => {
  it('auth.log: the SSH brute-forcers are found, the one that then logged in is critical, the busy legitimate user is not flagged', async () => {
    const file = tmpCaseFile();
    await ingestFiles({ caseFile: file, files: [`${DATA}/auth.log`], year: 2018, threads: 1 });
    const { findings } = await analyzeCase(file, { inline: true });
    const brute = findings.filter((f) => f.detector === 'bruteForce');
    const ips = brute.map((f) => f.entity);
    for (const ip of ['24.151.103.17', '34.204.227.175', '91.197.232.109', '49.4.143.105', '201.178.81.113', '122.163.61.218', '181.26.186.35']) expect(ips).toContain(ip);
    const elastic = brute.find((f) => f.entity === '24.151.103.17')!;
    expect(elastic.severity).toBe('critical');
    // 147 of its 157 failures were as elastic_user_0, which it then logged in as; its nine other
    // accounts it never guessed are this address's usual users, to check, not to call compromised
    expect(elastic.explanation).toContain('It had failed at least 3 times as elastic_user_0 (bruteForce.guessedUserFailures) and then logged in as it');
    expect(elastic.explanation).toContain('It also logged in as 9 other user name(s) it had not been guessing');
    // 20 connections, each "Failed password" + "message repeated 5 times" + "maximum authentication
    // attempts exceeded": six guesses each, though only two lines per connection name a failure
    expect(brute.find((f) => f.entity === '49.4.143.105')!.numbers.failures).toBe(120);
    // key or keyboard-interactive guessing that only the attempt limit reveals (5 cut-off connections)
    expect(brute.find((f) => f.entity === '190.178.62.6')!.numbers.cutOffConnections).toBe(5);
    // three connections of "Failed password" + "message repeated 4 times" (PAM confirms 4 more each): 15 guesses
    expect(brute.find((f) => f.entity === '221.194.44.190')!.numbers.failures).toBe(15);
    expect(findings.filter((f) => f.entity === '85.245.107.41')).toEqual([]);
    // every finding points at rows that exist
    for (const f of findings) expect(f.evidence.count).toBeGreaterThan(0);
  });

  it('apache_access.log: Googlebot is not called an attack, and nothing there is high severity', async () => {
    const file = tmpCaseFile();
    await ingestFiles({ caseFile: file, files: [`${DATA}/apache_access.log`], threads: 1 });
    const { findings, stats } = await analyzeCase(file, { inline: true });
    expect(stats.events).toBe(10_000);
    const google = findings.filter((f) => f.entity === '66.249.73.135' || f.entity.startsWith('66.249.73.135 '));
    for (const f of google) expect(f.severity).toBe('info');
    expect(findings.filter((f) => f.severity === 'high' || f.severity === 'critical')).toEqual([]);
    // two readers opening a slide deck of ~50 images (and reloading it) in one minute are no flood
    for (const ip of ['75.97.9.59', '130.237.218.86']) expect(findings.find((f) => f.detector === 'bursts' && f.entity === ip)?.severity).toBe('low');
  });
});
