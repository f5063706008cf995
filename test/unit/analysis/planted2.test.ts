// Round 2 of incidents planted differently from the generator's: payloads split by newlines and MySQL
// versioned comments, Spring4Shell and NoSQL operators, search text with shell separators, an attacker
// and an office behind one NAT, and one address seen by several detectors against a louder bot.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import type { Finding } from '../../../src/shared/model';
import { cleanup, flowPopulation, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

const of = (fs: Finding[], detector: string): Finding[] => fs.filter((f) => f.detector === detector);
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const get = (ip: string, path: string, query: string | null, status = 200, i = 0): Ev => ({ ts: T0 + 3_600_000 + i * 30_000, src_ip: ip, method: 'GET', path, query, status, bytes: 1200, user_agent: BROWSER });

async function webFindings(extra: Ev[]): Promise<Finding[]> {
  return of((await analyzeCase(makeCase([...webPopulation(20), ...extra]), { inline: true })).findings, 'webAttacks');
}

describe('webAttacks: command separators', () => {
  it('reads a command after an encoded newline (%0a) as command injection, high', async () => {
    const f = await webFindings([get('192.0.2.61', '/tools/ping', 'host=127.0.0.1%0Acat%20/etc/passwd')]);
    expect(f.map((x) => [x.entity, x.numbers.kinds, x.severity])).toEqual([['192.0.2.61', 'cmdi', 'high']]);
  });

  it('leaves a search for "tom & jerry; cat and mouse" alone (a separator before a word is not a command)', async () => {
    const f = await webFindings([get('192.0.2.62', '/search', 'q=tom+%26+jerry%3B+cat+and+mouse'), get('192.0.2.63', '/search', 'q=cats%3B+dogs+%26%26+echo+chamber'), get('192.0.2.69', '/search', 'q=java+%7C+python')]);
    expect(f).toEqual([]);
  });

  it('finds the ThinkPHP invokefunction RCE botnets spray (high) and a Tomcat ..;/ traversal', async () => {
    const think = get('192.0.2.70', '/index.php', 's=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=system&vars[1][]=id');
    const f = await webFindings([think, get('192.0.2.71', '/manager/..;/..;/manager/html', null, 403)]);
    expect(f.map((x) => [x.entity, x.numbers.kinds, x.severity]).sort()).toEqual([
      ['192.0.2.70', 'php', 'high'],
      ['192.0.2.71', 'traversal', 'medium'],
    ]);
  });
});

describe('webAttacks: evasions and frameworks the first round did not try', () => {
  it('finds UNION SELECT inside MySQL versioned comments (/*!50000UNION*/), which MySQL runs', async () => {
    const f = await webFindings([get('192.0.2.64', '/item', 'id=-1%20/*!50000UnIoN*/%20/*!50000SeLeCt*/%201,user(),3--%20-', 500)]);
    expect(f.map((x) => [x.entity, x.numbers.kinds])).toEqual([['192.0.2.64', 'sqli']]);
    expect(f[0]!.numbers.example).toContain('union select');
  });

  it('finds Spring4Shell class-loader parameters (high) and NoSQL operators on credentials (medium)', async () => {
    const spring = { ...get('192.0.2.65', '/', 'class.module.classLoader.resources.context.parent.pipeline.first.pattern=%25%7Bc2%7Di&class.module.classLoader.resources.context.parent.pipeline.first.suffix=.jsp'), method: 'POST' };
    const nosql = get('192.0.2.66', '/api/login', 'username%5B%24ne%5D=admin&password%5B%24ne%5D=x');
    const f = await webFindings([spring, nosql]);
    expect(f.map((x) => [x.entity, x.numbers.kinds, x.severity]).sort()).toEqual([
      ['192.0.2.65', 'classloader', 'high'],
      ['192.0.2.66', 'nosqli', 'medium'],
    ]);
    expect(f.find((x) => x.entity === '192.0.2.65')!.title).toContain('Spring4Shell');
  });

  it("leaves an API's own operator filters (Strapi's filters[price][$gt]=10) and a page about class loaders alone", async () => {
    const f = await webFindings([get('192.0.2.67', '/api/products', 'filters[price][$gt]=10&filters[name][$eq]=chair'), get('192.0.2.68', '/docs/java/classloader-guide', null)]);
    expect(f).toEqual([]);
  });
});

describe("webAttacks: a query API's own queries", () => {
  it("leaves Grafana polling InfluxQL through its proxy (q=SELECT … WHERE \"host\" = 'web1' AND …) alone, not a decoy beside an injection", async () => {
    const q = 'db=telegraf&q=SELECT%20*%20FROM%20%22disk%22%20WHERE%20%22host%22%20%3D%20%27web1%27%20AND%20time%20%3E%20now()%20-%205m%3B&epoch=ms';
    const grafana = Array.from({ length: 30 }, (_, i) => get('10.0.4.20', '/api/datasources/proxy/1/query', q, 200, i));
    const decoy = get('192.0.2.90', '/item', 'id=1%27%20or%20%271%27%3D%271&q=select+x+from+y+where+z');
    const f = await webFindings([...grafana, decoy]);
    expect(f.map((x) => [x.entity, x.numbers.kinds])).toEqual([['192.0.2.90', 'sqli']]);
  });
});

describe('webAttacks: a web shell in an upload folder', () => {
  it('reports POSTs answered by a PHP file under wp-content/uploads high, and a scanner guessing one (404) not at all', async () => {
    const shell: Ev[] = Array.from({ length: 10 }, (_, i) => ({ ...get('91.92.240.11', '/wp-content/uploads/2026/05/cache.php', null, 200, i), method: 'POST', bytes: 180 + i }));
    const guess = ['/wp-content/uploads/shell.php', '/uploads/cmd.php', '/wp-content/plugins/wp-file-manager/lib/files/x.php'].map((p, i) => get('45.9.8.7', p, null, 404, i));
    const images = [get('192.0.2.80', '/wp-content/uploads/2026/05/photo.jpg', null), get('192.0.2.80', '/uploads/avatars/me.png', null)];
    const f = await webFindings([...shell, ...guess, ...images]);
    expect(f.map((x) => [x.entity, x.numbers.kinds, x.severity])).toEqual([['91.92.240.11', 'webshell', 'high']]);
    expect(f[0]!.title).toContain('web shell');
  });
});

describe('bruteForce: web logins behind an office NAT', () => {
  /** 800 people behind one address log in (302); one in 20 mistypes first (401). */
  const office = (): Ev[] =>
    Array.from({ length: 800 }, (_, u) => {
      const ts = T0 + u * 40_000;
      const ok: Ev = { ts: ts + 10_000, src_ip: '198.18.20.1', method: 'POST', path: '/login', status: 302, bytes: 300, user_agent: BROWSER };
      return u % 20 === 0 ? [{ ...ok, ts, status: 401 }, ok] : [ok];
    }).flat();

  it('does not call 40 mistyped passwords among 800 logins that went through a brute force', async () => {
    const fs = (await analyzeCase(makeCase(office()), { inline: true })).findings;
    expect(of(fs, 'bruteForce')).toEqual([]);
  });

  it('does not call 120 logins to a JSON API (200) from one carrier NAT, 24 refused (401) first, a brute force', async () => {
    const api: Ev[] = Array.from({ length: 120 }, (_, u) => {
      const ok: Ev = { ts: T0 + u * 60_000 + 5_000, src_ip: '198.18.30.1', method: 'POST', path: '/api/v1/login', status: 200, bytes: 900, user_agent: 'ShopApp/5.2 (Android 14)' };
      return u % 5 === 0 ? [{ ...ok, ts: ok.ts! - 4_000, status: 401 }, ok] : [ok];
    }).flat();
    const fs = (await analyzeCase(makeCase([...webPopulation(20), ...api]), { inline: true })).findings;
    expect(of(fs, 'bruteForce')).toEqual([]);
  });

  it('still reports a guesser behind the same NAT once its refusals reach bruteForce.highFailures', async () => {
    const guesses: Ev[] = Array.from({ length: 150 }, (_, i) => ({ ts: T0 + 7_200_000 + i * 20_000, src_ip: '198.18.20.1', method: 'POST', path: '/login', status: 401, bytes: 300, user_agent: BROWSER }));
    const f = of((await analyzeCase(makeCase([...office(), ...guesses]), { inline: true })).findings, 'bruteForce');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['198.18.20.1', 'high']]);
  });
});

describe('suspicious: one address in every stage against a louder bot', () => {
  it('ranks a source found scanning, injecting and guessing above one SSH bot with 500 failures', async () => {
    const atk = '203.0.113.77';
    const ports = [21, 22, 23, 25, 80, 110, 139, 443, 445, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200, 27017, 11211, 2049, 111, 135, 143, 993, 995, 1433, 1521, 5985, 8000, 8888];
    const scan: Ev[] = ports.map((p, i) => ({ ts: T0 + i * 1000, src_ip: atk, src_port: 60000, dst_ip: '10.0.1.1', dst_port: p, proto: 'TCP', flags: '....S.', packets: 1, bytes: 44 }));
    const sqli: Ev[] = [0, 1, 2].map((i) => get(atk, '/item', `id=${i}%27%20UNION%20SELECT%20null,version()--`, 500, i));
    const guess = (ip: string, n: number, every: number): Ev[] => Array.from({ length: n }, (_, i) => ({ ts: T0 + i * every, src_ip: ip, program: 'sshd', action: 'auth_failure', user: i % 2 ? 'admin' : 'root' }));
    const res = await analyzeCase(makeCase([...flowPopulation(), ...webPopulation(20), ...scan, ...sqli, ...guess(atk, 25, 40_000), ...guess('61.177.172.60', 500, 20_000)]), { inline: true });
    expect(res.suspicious.map((s) => s.ip).slice(0, 2)).toEqual([atk, '61.177.172.60']);
    expect(res.suspicious[0]!.contributions.map((c) => c.signal)).toContain('found by 3 detectors: webAttacks, bruteForce, portScan');
  });
});

describe('credentialStuffing: a JSON login API answers 200 to a login that worked', () => {
  const post = (ip: string, path: string, status: number, ts: number, ua = 'ShopApp/5.2 (Android 14)'): Ev => ({ ts, src_ip: ip, method: 'POST', path, status, bytes: 300, user_agent: ua });
  /** 60 app users logging in within ten minutes (200), three of them after a mistyped password (401) */
  const appLogins = (): Ev[] =>
    Array.from({ length: 60 }, (_, u) => {
      const ok = post(`49.36.${u}.7`, '/api/v1/login', 200, T0 + u * 9_000);
      return u % 20 === 0 ? [post(ok.src_ip!, '/api/v1/login', 401, ok.ts! - 4_000), ok] : [ok];
    }).flat();

  it('does not count the logins that worked as 60 failing sources', async () => {
    const fs = (await analyzeCase(makeCase([...webPopulation(20), ...appLogins()]), { inline: true })).findings;
    expect(of(fs, 'credentialStuffing')).toEqual([]);
  });

  it('still finds 15 sources refused on that API in the same ten minutes', async () => {
    const bots = Array.from({ length: 15 }, (_, b) => [0, 1].map((k) => post(`185.100.${b}.9`, '/api/v1/login', 401, T0 + 3_600_000 + b * 20_000 + k * 5_000, 'python-requests/2.31'))).flat();
    const f = of((await analyzeCase(makeCase([...webPopulation(20), ...appLogins(), ...bots]), { inline: true })).findings, 'credentialStuffing');
    expect(f.map((x) => [x.entity, x.numbers.peakSources])).toEqual([['/api/v1/login', 15]]);
  });

  it('keeps a WordPress form shown again (200) a failure where successes redirect (302)', async () => {
    const bots = Array.from({ length: 15 }, (_, b) => [0, 1].map((k) => post(`185.100.${b}.9`, '/wp-login.php', 200, T0 + b * 20_000 + k * 5_000, BROWSER))).flat();
    const admin = [post('81.2.10.1', '/wp-login.php', 403, T0 + 7_200_000, BROWSER), post('81.2.10.1', '/wp-login.php', 302, T0 + 7_220_000, BROWSER)];
    const f = of((await analyzeCase(makeCase([...webPopulation(20), ...bots, ...admin]), { inline: true })).findings, 'credentialStuffing');
    expect(f.map((x) => [x.entity, x.numbers.peakSources])).toEqual([['/wp-login.php', 15]]);
  });
});

describe('portScan: a scan split between the addresses of one network', () => {
  const probes = (net: string, sources: number, portsOf: (s: number) => number[]): Ev[] =>
    Array.from({ length: sources }, (_, s) =>
      portsOf(s).map((p, k) => ({ ts: T0 + s * 60_000 + k * 7_000, src_ip: `${net}.${s + 1}`, src_port: 40000 + s, dst_ip: '10.0.1.3', dst_port: p, proto: 'TCP', flags: '....S.', packets: 1, bytes: 44 })),
    ).flat();

  it('reports 12 outside addresses of one /24, three ports each (36 in all), as one scan by the network', async () => {
    const fs = (await analyzeCase(makeCase([...flowPopulation(), ...probes('162.142.125', 12, (s) => [1000 + s * 3, 1001 + s * 3, 1002 + s * 3])]), { inline: true })).findings;
    const f = of(fs, 'portScan');
    expect(f.map((x) => [x.entity, x.entityType, x.severity])).toEqual([['162.142.125.0/24', 'population', 'medium']]);
    expect(f[0]!.numbers).toMatchObject({ ports: 36, sourceCount: 12 });
    expect(f[0]!.threshold).toMatchObject({ value: 36, threshold: 20, setting: 'portScan.subnetSources' });
  });

  it('leaves a network whose addresses probe the same three ports, and an inside /24, alone', async () => {
    const same = probes('162.142.126', 12, () => [22, 80, 443]);
    const inside = probes('10.0.7', 12, (s) => [1000 + s * 3, 1001 + s * 3, 1002 + s * 3]);
    const fs = (await analyzeCase(makeCase([...flowPopulation(), ...same, ...inside]), { inline: true })).findings;
    expect(of(fs, 'portScan')).toEqual([]);
  });
});

describe('bruteForce: a guesser behind the NAT of a busy bastion', () => {
  it('names the account it guessed and then logged in as, not the 40 colleagues who log in from the same address', async () => {
    const nat = '198.18.20.1';
    const ev = (i: number, action: string, user: string): Ev => ({ ts: T0 + i * 30_000, src_ip: nat, program: 'sshd', action, user });
    // 40 colleagues log in four times each; one in five mistypes once first
    const staff = Array.from({ length: 40 }, (_, u) => [0, 1, 2, 3].flatMap((k) => [...(u % 5 === 0 && k === 0 ? [ev(u * 4 + k, 'auth_failure', `user${u}`)] : []), ev(u * 4 + k, 'auth_success', `user${u}`)])).flat();
    const guesses = Array.from({ length: 120 }, (_, i) => ev(200 + i, 'auth_failure', ['root', 'admin', 'deploy', 'postgres'][i % 4]!));
    const f = of((await analyzeCase(makeCase([...staff, ...guesses, ev(400, 'auth_success', 'deploy')]), { inline: true })).findings, 'bruteForce');
    expect(f.map((x) => [x.entity, x.severity])).toEqual([[nat, 'high']]);
    expect(f[0]!.numbers.guessedThenLoggedIn).toBe('deploy');
    expect(f[0]!.explanation).toMatch(/failed on at least 3 times and also logged in as \(bruteForce.guessedUserFailures\): deploy: treat those accounts as compromised/);
    expect(f[0]!.explanation).toMatch(/or 100 failures whatever the share \(bruteForce.highFailures\)/);
    expect(f[0]!.explanation).not.toMatch(/user0,/);
  });
});

describe('bursts: a job that wakes at the top of every hour on sixty hosts', () => {
  /** each host sends 80 lone datagrams in one minute at :00 of each of `hours` hours */
  const job = (hours: number): Ev[] =>
    Array.from({ length: 60 }, (_, h) =>
      Array.from({ length: hours * 80 }, (_, i) => ({ ts: T0 + Math.floor(i / 80) * 3_600_000 + h * 500 + (i % 80) * 300, src_ip: `10.30.0.${h + 1}`, src_port: 137, dst_ip: `10.30.1.${(i % 80) + 1}`, dst_port: 137, proto: 'UDP', flags: '......', packets: 1, bytes: 78 })),
    ).flat();

  /** 200 quiet clients asking a time server every 15 minutes for a day */
  const ntp = (): Ev[] =>
    Array.from({ length: 200 }, (_, c) => Array.from({ length: 96 }, (_, k) => ({ ts: T0 + k * 900_000 + c * 1000, src_ip: `10.20.0.${c + 1}`, src_port: 123, dst_ip: '10.20.9.123', dst_port: 123, proto: 'UDP', packets: 1, bytes: 76 }))).flat();

  it('is no distributed flood when the same burst recurs in 24 separate hours (bursts.recurHours)', async () => {
    const fs = (await analyzeCase(makeCase([...ntp(), ...job(24)]), { inline: true })).findings;
    expect(of(fs, 'bursts')).toEqual([]);
  });

  it('is still a flood from sixty outside hosts pulsing every hour (a pulse-wave DDoS)', async () => {
    const pulse = job(24).map((e) => ({ ...e, src_ip: e.src_ip!.replace('10.30.0.', '203.0.113.') }));
    const f = of((await analyzeCase(makeCase([...ntp(), ...pulse]), { inline: true })).findings, 'bursts');
    expect(f.map((x) => [x.entityType, x.numbers.sourceCount])).toEqual([['population', 60]]);
  });

  it('is still one flood when the sixty hosts burst together in one hour only', async () => {
    const f = of((await analyzeCase(makeCase([...ntp(), ...job(1)]), { inline: true })).findings, 'bursts');
    expect(f.map((x) => [x.entityType, x.numbers.sourceCount])).toEqual([['population', 60]]);
  });
});

describe('scanners: Googlebot over IPv6', () => {
  const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
  const crawl = (ip: string): Ev[] => Array.from({ length: 80 }, (_, i) => ({ ts: T0 + i * 20_000, src_ip: ip, method: 'GET', path: `/old-catalog/item-${i}.html`, status: 404, bytes: 300, user_agent: GOOGLEBOT }));

  it("verifies an address in Google's published IPv6 range (info) and not one outside it (medium)", async () => {
    const f = of((await analyzeCase(makeCase([...webPopulation(20), ...crawl('2001:4860:4801:10::7'), ...crawl('2a02:c207:2054:1234::1')]), { inline: true })).findings, 'scanners');
    expect(f.map((x) => [x.entity, x.severity]).sort()).toEqual([
      ['2001:4860:4801:10::7', 'info'],
      ['2a02:c207:2054:1234::1', 'medium'],
    ]);
  });
});

describe('heavyTraffic: a proxy log records answers', () => {
  const proxied = (src: string, method: string, path: string, dst: string, each: number, n: number): Ev[] =>
    Array.from({ length: n }, (_, i) => ({ ts: T0 + i * 600_000, src_ip: src, dst_ip: dst, method, path, status: 200, bytes: each, action: 'accept' }));

  it('reports an inside user downloading three 2 GB images through the proxy low, and 4.8 GB tunnelled to one host high', async () => {
    const iso = proxied('10.10.0.50', 'GET', 'http://releases.ubuntu.com/24.04/ubuntu-24.04-desktop-amd64.iso', '185.125.190.40', 2_100_000_000, 3);
    const tunnel = proxied('10.10.0.77', 'CONNECT', 'files.rare-storage.example:443', '185.99.2.3', 80_000_000, 60);
    const browsing = Array.from({ length: 40 }, (_, c) => proxied(`10.10.1.${c + 1}`, 'GET', `http://www.example.com/page${c}`, '93.184.216.34', 30_000, 20)).flat();
    const f = of((await analyzeCase(makeCase([...browsing, ...iso, ...tunnel]), { inline: true })).findings, 'heavyTraffic');
    expect(f.map((x) => [x.entity, x.severity]).sort()).toEqual([
      ['10.10.0.50', 'low'],
      ['10.10.0.77', 'high'],
    ]);
    expect(f.find((x) => x.entity === '10.10.0.50')!.explanation).toMatch(/data coming in to an inside client, not data leaving/);
  });
});

describe('bursts: a SYN flood in a log cut to the attack window', () => {
  // a capture that holds only the attack has no ordinary minute to compare with
  const syn = (i: number, dst: string, port: number, flags: string): Ev => ({
    ts: T0 + Math.floor(i * 50),
    src_ip: `${11 + (i % 200)}.${(i >> 8) & 255}.${i & 255}.${(i * 7) & 255}`,
    src_port: 1024 + (i % 60000),
    dst_ip: dst,
    dst_port: port,
    proto: 'TCP',
    packets: 1,
    bytes: 60,
    flags,
  });
  const bursts = async (evs: Ev[]): Promise<Finding[]> => of((await analyzeCase(makeCase(evs), { inline: true })).findings, 'bursts').filter((f) => f.entityType === 'population');

  it('reports ten minutes of bare SYNs from thousands of addresses to one server as a SYN flood at it', async () => {
    const f = await bursts(Array.from({ length: 12_000 }, (_, i) => syn(i, '198.51.100.10', 443, '....S.')));
    expect(f.map((x) => [x.title.split(':')[0], x.numbers.target, x.threshold?.setting])).toEqual([['SYN flood at 198.51.100.10', '198.51.100.10:443', 'bursts.synFloodPerMinute']]);
    expect(f[0]!.explanation).toMatch(/too few for a baseline/);
  });

  it('leaves the same volume alone when the handshakes complete (a busy server) or the SYNs spread over many hosts (background scanning)', async () => {
    expect(await bursts(Array.from({ length: 12_000 }, (_, i) => ({ ...syn(i, '198.51.100.10', 443, '.AP.SF'), packets: 9, bytes: 4000 })))).toEqual([]);
    expect(await bursts(Array.from({ length: 12_000 }, (_, i) => syn(i, `198.51.${(i >> 8) & 255}.${i & 255}`, [22, 23, 445, 3389][i % 4]!, '....S.')))).toEqual([]);
  });
});

describe('bursts: an HTTP flood the server buckled under, in a web log cut to the attack window', () => {
  const req = (i: number, status: number): Ev => ({ ts: T0 + i * 40, src_ip: `${20 + (i % 150)}.${(i * 13) & 255}.${(i >> 4) & 255}.${i % 251}`, method: 'GET', path: '/', status, bytes: 512, user_agent: BROWSER });
  const population = async (evs: Ev[]): Promise<Finding[]> => of((await analyzeCase(makeCase(evs), { inline: true })).findings, 'bursts').filter((f) => f.entityType === 'population');

  it('reports ten minutes of requests from hundreds of addresses, most refused with 503, as one flood', async () => {
    const f = await population(Array.from({ length: 15_000 }, (_, i) => req(i, i % 5 < 3 ? 503 : 200)));
    expect(f.map((x) => [x.title.split(':')[0], x.threshold?.setting])).toEqual([['Flood the server buckled under', 'bursts.shedFloodPerMinute']]);
    expect(f[0]!.numbers.refused503or429).toBe(9000);
  });

  it('leaves the same traffic alone when the server kept up, or refused only a few', async () => {
    expect(await population(Array.from({ length: 15_000 }, (_, i) => req(i, 200)))).toEqual([]);
    expect(await population(Array.from({ length: 15_000 }, (_, i) => req(i, i % 20 === 0 ? 503 : 200)))).toEqual([]);
  });
});
