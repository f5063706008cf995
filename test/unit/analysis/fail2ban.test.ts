// fail2ban's `Found A` lines repeat the failure line the service wrote: with auth.log and
// fail2ban.log in one case each guess must count once; fail2ban alone still counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { ingestFiles } from '../../../src/core/ingest';
import type { Finding } from '../../../src/shared/model';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const pad = (n: number): string => String(n).padStart(2, '0');
/** syslog and fail2ban.log lines for failure i (one every 20 s from 06:25:00 on 5 March 2024) */
const at = (i: number): { h: number; m: number; s: number } => {
  const t = 6 * 3600 + 25 * 60 + i * 20;
  return { h: Math.floor(t / 3600), m: Math.floor(t / 60) % 60, s: t % 60 };
};
const authLine = (i: number, ip: string): string => {
  const { h, m, s } = at(i);
  return `Mar  5 ${pad(h)}:${pad(m)}:${pad(s)} host sshd[${100 + i}]: Failed password for root from ${ip} port ${40000 + i} ssh2`;
};
const foundLine = (i: number, ip: string, jail = 'sshd'): string => {
  const { h, m, s } = at(i);
  return `2024-03-05 ${pad(h)}:${pad(m)}:${pad(s)},${String(400 + i).padStart(3, '0')} fail2ban.filter         [812]: INFO    [${jail}] Found ${ip} - 2024-03-05 ${pad(h)}:${pad(m)}:${pad(s)}`;
};

async function analyze(files: Record<string, string[]>): Promise<Finding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-f2b-'));
  dirs.push(dir);
  const paths = Object.entries(files).map(([name, lines]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, lines.join('\n') + '\n');
    return p;
  });
  const file = path.join(dir, 'c.loupe');
  await ingestFiles({ caseFile: file, files: paths, year: 2024, threads: 1 });
  return (await analyzeCase(file, { inline: true })).findings.filter((f) => f.detector === 'bruteForce');
}

const IP = '203.0.113.9';
const n12 = Array.from({ length: 12 }, (_, i) => i);

describe('bruteForce with fail2ban', () => {
  it('counts each guess once when auth.log and fail2ban.log are both in the case, in either order', async () => {
    const f2b = [...n12.map((i) => foundLine(i, IP)), '2024-03-05 06:29:00,100 fail2ban.actions        [812]: NOTICE  [sshd] Ban 203.0.113.9'];
    for (const files of [
      { 'auth.log': n12.map((i) => authLine(i, IP)), 'fail2ban.log': f2b },
      { 'fail2ban.log': f2b, 'auth.log': n12.map((i) => authLine(i, IP)) },
    ]) {
      const f = await analyze(files);
      expect(f.map((x) => x.title)).toEqual(['SSH brute force from 203.0.113.9: 12 failed logins']);
      expect(f[0]!.numbers).toMatchObject({ failures: 12, fail2banRepeats: 12, fail2banOnly: 0, fail2banBans: 1 });
      expect(f[0]!.explanation).toContain('12 fail2ban "Found" line(s) repeat failures the service logged itself from this address within 10 s (bruteForce.fail2banSeconds)');
      expect(f[0]!.explanation).toContain('fail2ban banned it 1 time(s) (jail sshd)');
    }
  });

  it('counts fail2ban alone, and the guesses auth.log no longer holds', async () => {
    const alone = await analyze({ 'fail2ban.log': n12.map((i) => foundLine(i, IP)) });
    expect(alone.map((x) => x.title)).toEqual(['SSH brute force from 203.0.113.9: 12 failed logins']);
    expect(alone[0]!.explanation).toContain("12 of the failures are known only from fail2ban's \"Found\" lines (jail sshd)");
    // auth.log rotated: it holds the first 6 guesses, fail2ban.log all 12
    const rotated = await analyze({ 'auth.log': n12.slice(0, 6).map((i) => authLine(i, IP)), 'fail2ban.log': n12.map((i) => foundLine(i, IP)) });
    expect(rotated[0]!.numbers).toMatchObject({ failures: 12, fail2banRepeats: 6, fail2banOnly: 6 });
  });

  it("does not take another jail's line for the service's repeat", async () => {
    // the same address guessing SSH and SMTP AUTH at the same moments: two services, 24 guesses
    const f = await analyze({ 'auth.log': n12.map((i) => authLine(i, IP)), 'fail2ban.log': n12.map((i) => foundLine(i, IP, 'postfix-sasl')) });
    expect(f[0]!.numbers).toMatchObject({ failures: 24, fail2banOnly: 12 });
  });
});
