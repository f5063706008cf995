// Failed logins as the parsers type them: fail2ban's `Found A` lines repeat the failure line the
// service wrote (with auth.log and fail2ban.log in one case each guess counts once; fail2ban alone
// still counts), and every finding names the service the events show, never assuming SSH.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { ingestFiles } from '../../../src/core/ingest';
import type { Finding } from '../../../src/shared/model';
import { cleanup, makeCase, T0 } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  cleanup();
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

  it('leaves the fail2ban numbers out of a finding fail2ban had no part in', async () => {
    const f = await analyze({ 'auth.log': n12.map((i) => authLine(i, IP)) });
    expect(f[0]!.numbers).toMatchObject({ failures: 12 });
    expect(Object.keys(f[0]!.numbers).filter((k) => /fail2ban|estimated/.test(k))).toEqual([]);
  });

  it("does not take another jail's line for the service's repeat", async () => {
    // the same address guessing SSH and SMTP AUTH at the same moments: two services, 24 guesses
    const f = await analyze({ 'auth.log': n12.map((i) => authLine(i, IP)), 'fail2ban.log': n12.map((i) => foundLine(i, IP, 'postfix-sasl')) });
    expect(f[0]!.numbers).toMatchObject({ failures: 24, fail2banOnly: 12 });
  });
});

describe('bruteForce names the service from what the events say', () => {
  const many = (line: (i: number) => string): string[] => n12.map(line);
  const ts = (i: number): string => {
    const { h, m, s } = at(i);
    return `${pad(h)}:${pad(m)}:${pad(s)}`;
  };
  it.each([
    ['auth.log', (i: number) => authLine(i, IP), 'SSH'],
    ['ERRORLOG', (i: number) => `2024-03-05 ${ts(i)}.12 Logon       Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: ${IP}]`, 'SQL Server'],
    ['mysqld.err', (i: number) => `2024-03-05T${ts(i)}.123456Z 8 [Note] [MY-010926] [Server] Access denied for user 'root'@'${IP}' (using password: YES)`, 'MySQL/MariaDB'],
    ['mail.log', (i: number) => `Mar  5 ${ts(i)} mail postfix/smtpd[333]: warning: unknown[${IP}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`, 'SMTP AUTH'],
    ['dovecot.log', (i: number) => `Mar  5 ${ts(i)} mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob>, method=PLAIN, rip=${IP}, lip=10.0.0.5, TLS`, 'IMAP/POP3'],
    ['vsftpd.log', (i: number) => `Mar  5 ${ts(i)} ftp vsftpd[444]: [bob] FAIL LOGIN: Client "${IP}"`, 'FTP'],
    ['fail2ban.log', (i: number) => foundLine(i, IP, 'mysqld-auth'), 'MySQL/MariaDB'],
    // MongoDB 4.4+ structured log: the client in attr.remote, the account in attr.principalName
    ['mongod.log', (i: number) => JSON.stringify({ t: { $date: `2024-03-05T${ts(i)}.000+00:00` }, s: 'I', c: 'ACCESS', id: 20249, ctx: `conn${i}`, msg: 'Authentication failed', attr: { mechanism: 'SCRAM-SHA-256', principalName: 'admin', authenticationDatabase: 'admin', remote: `${IP}:${50000 + i}`, error: 'AuthenticationFailed: SCRAM authentication failed, storedKey mismatch' } }), 'MongoDB'],
  ])('%s: %s', async (name, line, svc) => {
    const f = await analyze({ [name]: many(line as (i: number) => string) });
    expect(f.map((x) => x.title)).toEqual([`${svc} brute force from ${IP}: 12 failed logins`]);
    expect(f[0]!.explanation).toContain(`failed to log in to ${svc}`);
  });
});

describe('PostgreSQL under its default prefix', () => {
  it('names PostgreSQL from the FATAL line, the client from its connection line', async () => {
    const lines = n12.flatMap((i) => {
      const { h, m, s } = at(i);
      const t = `2024-03-05 ${pad(h)}:${pad(m)}:${pad(s)}`;
      return [`${t}.000 UTC [${900 + i}] LOG:  connection received: host=${IP} port=${5000 + i}`, `${t}.010 UTC [${900 + i}] FATAL:  password authentication failed for user "postgres"`];
    });
    const f = await analyze({ 'postgresql.log': lines });
    expect(f.map((x) => x.title)).toEqual([`PostgreSQL brute force from ${IP}: 12 failed logins`]);
  });
});

describe('flow data', () => {
  it('names the service from a login port (RDP on 3389) and says the port is all it knows', async () => {
    const flows = Array.from({ length: 250 }, (_, i) => ({ ts: T0 + i * 10_000, src_ip: '203.0.113.60', src_port: 40000 + i, dst_ip: '10.0.0.9', dst_port: 3389, proto: 'TCP', packets: 12, duration: 1.5, bytes: 3000 }));
    const f = (await analyzeCase(makeCase(flows), { inline: true })).findings.filter((x) => x.detector === 'bruteForce');
    expect(f[0]!.title).toBe('RDP brute force from 203.0.113.60: 250 short connections in an hour to port 3389');
    expect(f[0]!.explanation).toContain('RDP is named from the port: flow records do not show which program answered.');
  });
});

describe("Zeek ssh.log's auth_attempts", () => {
  it('counts a failed connection as the attempts Zeek estimated in it, and says they are an estimate', async () => {
    const head = ['#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tssh', '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tauth_success\tauth_attempts\tdirection\tclient\tserver', '#types\ttime\tstring\taddr\tport\taddr\tport\tcount\tbool\tcount\tenum\tstring\tstring'];
    const rows = [0, 1, 2].map((i) => `${1709619901 + i * 30}.000000\tC${i}\t${IP}\t${40000 + i}\t10.0.0.5\t22\t2\tF\t6\tINBOUND\tSSH-2.0-libssh\tSSH-2.0-OpenSSH_8.9`);
    const f = await analyze({ 'ssh.log': [...head, ...rows] });
    expect(f.map((x) => x.title)).toEqual([`SSH brute force from ${IP}: 18 failed logins`]);
    expect(f[0]!.explanation).toContain("18 of the failures come from 3 connection(s) in Zeek's ssh.log, each counted as its auth_attempts: Zeek estimates those");
  });
});

describe('Cisco IOS routers', () => {
  it('count a failed SSH login once when the router logs it as both SEC_LOGIN and SSH2_USERAUTH, and telnet failures on top', async () => {
    const stamp = (i: number): string => {
      const { h, m, s } = at(i);
      return `Mar  5 ${pad(h)}:${pad(m)}:${pad(s)}`;
    };
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) {
      lines.push(`${stamp(i)} 10.0.0.1 ${1000 + 2 * i}: ${stamp(i)}: %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: ${IP}] [localport: ${i < 20 ? 22 : 23}] [Reason: Login Authentication Failed] at ${stamp(i).slice(7)} UTC Tue Mar 5 2024`);
      if (i < 20) lines.push(`${stamp(i)} 10.0.0.1 ${1001 + 2 * i}: ${stamp(i)}: %SSH-5-SSH2_USERAUTH: User 'admin' authentication for SSH2 Session from ${IP} (tty = 0) using crypto cipher 'aes256-ctr', hmac 'hmac-sha2-256' Failed`);
    }
    const [f, ...rest] = await analyze({ 'router.log': lines });
    expect(rest).toEqual([]);
    // 20 SSH attempts logged twice and 10 telnet attempts logged once: 30 guesses
    expect(f!.numbers.failures).toBe(30);
    expect(f!.explanation).toMatch(/logged 20 failed SSH login\(s\) twice/);
  });
});

describe('bruteForce: which accounts to treat as compromised', () => {
  const line = (i: number, what: string): string => {
    const { h, m, s } = at(i);
    return `Mar  5 ${pad(h)}:${pad(m)}:${pad(s)} host sshd[${100 + i}]: ${what} from ${IP} port ${40000 + i} ssh2`;
  };

  it('names the account it guessed and then logged in as, and asks about the others it never guessed', async () => {
    // 20 failures as alice (and one as bob), then alice logs in, and carol and dave log in too
    const lines = [
      ...Array.from({ length: 20 }, (_, i) => line(i, 'Failed password for alice')),
      line(20, 'Failed password for bob'),
      line(21, 'Accepted password for alice'),
      line(22, 'Accepted password for carol'),
      line(23, 'Accepted password for dave'),
    ];
    const [f] = await analyze({ 'auth.log': lines });
    expect(f!.severity).toBe('critical');
    expect(f!.numbers.guessedThenLoggedIn).toBe('alice');
    expect(f!.explanation).toContain('trying 2 different user name(s) (20 of the failures as alice)');
    expect(f!.explanation).toContain('It had failed at least 3 times as alice (bruteForce.guessedUserFailures) and then logged in as it: treat that account as compromised');
    expect(f!.explanation).toContain('It also logged in as 2 other user name(s) it had not been guessing (carol,dave): check that they are expected');
    expect(f!.explanation).not.toContain('treat those accounts as compromised');
    // failures on one name: the benign cause names it instead of saying "not many"
    expect(f!.explanation).toContain('fail on one user name as most of these did (alice)');
  });

  it('still treats every account it logged in as compromised when it guessed them all, and a spread guesser keeps the usual benign note', async () => {
    const users = ['root', 'admin', 'oracle', 'test', 'ubuntu'];
    const lines = [...Array.from({ length: 20 }, (_, i) => line(i, `Failed password for ${users[i % 5]}`)), line(21, 'Accepted password for admin')];
    const [f] = await analyze({ 'auth.log': lines });
    expect(f!.explanation).toContain('(user(s): admin): treat those accounts as compromised');
    expect(f!.explanation).toContain('trying 5 different user name(s) over');
    expect(f!.explanation).toContain('those fail on one user name, not many');
  });
});

describe('a lastb listing (btmp)', () => {
  const btmp = (ip: string, n: number, user = 'root'): string[] => Array.from({ length: n }, (_, i) => `${user.padEnd(8)} ssh:notty    ${ip.padEnd(16)} Tue Mar  5 ${pad(7 + Math.floor((59 - i) / 60))}:${pad((59 - i) % 60)} - ${pad(7)}:${pad((59 - i) % 60)}  (00:00)`);
  it('is the record of the guessing when no log names the failures, and counts nothing again beside auth.log', async () => {
    const listing = [...btmp(IP, 30), ...btmp('198.51.100.9', 1, 'alice'), '', 'btmp begins Mon Mar  4 00:00:01 2024'];
    const alone = await analyze({ 'lastb.txt': listing });
    expect(alone.map((x) => x.title)).toEqual([`SSH brute force from ${IP}: 30 failed logins`]);
    expect(alone[0]!.explanation).toContain('known only from a lastb listing');
    // auth.log holds 12 of the guesses itself: those are the count, btmp's rows for the source are not added
    const both = await analyze({ 'lastb.txt': listing, 'auth.log': n12.map((i) => authLine(i, IP)) });
    expect(both.map((x) => x.title)).toEqual([`SSH brute force from ${IP}: 12 failed logins`]);
    expect(both[0]!.explanation).not.toContain('lastb');
  });
});
