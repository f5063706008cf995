// Beaconing against chance: a shop's visitors request the same pages many times a day at random
// times, and among thousands of (visitor, page) pairs some fall into a loose rhythm by chance. Those
// are not timers (beaconing.maxChance); a web shell polled every two minutes, and a C2 beacon with
// a wide random sleep, still are.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';
import { binomialTail } from '../../../src/core/analysis/beacons';
// the forest's seeded generator, so the visits are the same on every run
import { rng } from '../../../src/core/model/forest';

afterAll(cleanupPlanted);

const T0 = Date.UTC(2026, 2, 3, 8);
const clf = (ts: number, ip: string, method: string, path: string, status: number, size: number, ua: string): string => {
  const d = new Date(ts);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${ip} - - [${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000] "${method} ${path} HTTP/1.1" ${status} ${size} "-" "${ua}"`;
};
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

describe('beaconing: random visits are not a rhythm, timers are', () => {
  it('reports the web shell poller and the jittered C2 check-in, and none of 300 visitors browsing 8 pages at random for 12 h', async () => {
    const r = rng(7);
    const rows: [number, string][] = [];
    const visitors = Array.from({ length: 300 }, (_, i) => `${20 + (i % 180)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + (i % 250)}`);
    const pages = ['/', '/products', '/cart', '/search?q=shoes', '/about', '/blog/news', '/api/v2/items?page=1', '/static/app.js'];
    for (let i = 0; i < 45_000; i++) {
      const ts = T0 + Math.floor(r() * 12 * 3_600_000);
      const ip = visitors[Math.floor(r() * visitors.length)]!;
      rows.push([ts, clf(ts, ip, 'GET', pages[Math.floor(r() * pages.length)]!, 200, 1000 + Math.floor(r() * 30_000), CHROME)]);
    }
    // a web shell polled every 2 min (±5 s) for 10 h
    for (let k = 0; k < 300; k++) {
      const ts = T0 + 1_800_000 + k * 120_000 + Math.floor((r() - 0.5) * 10_000);
      rows.push([ts, clf(ts, '91.92.240.18', 'POST', '/wp-content/uploads/2024/03/thumb.php', 200, 60, 'Mozilla/5.0 (Windows NT 6.1; rv:60.0) Gecko/20100101 Firefox/60.0')]);
    }
    // a check-in every 5 to 10 min (Cobalt Strike's sleep 600 with 50 % jitter) for 3 h: 22 gaps, loose but not chance
    let ts = T0 + 3_600_000;
    for (let k = 0; k < 23; k++) {
      rows.push([ts, clf(ts, '193.42.33.7', 'GET', '/api/v1/updates/check', 200, 310, CHROME)]);
      ts += 300_000 + Math.floor(r() * 300_000);
    }
    const found = await analysePlanted('beacon-chance', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', rows.sort((a, b) => a[0] - b[0]).map((x) => x[1]));
      return files;
    });
    const beacons = found.filter((f) => f.detector === 'beaconing');
    expect(beacons.map((f) => f.entity).sort(), listFindings(beacons)).toEqual(['193.42.33.7 -> /api/v1/updates/check', '91.92.240.18 -> /wp-content/uploads/2024/03/thumb.php']);
    const c2 = beacons.find((f) => f.entity.startsWith('193.42.33.7'))!;
    expect(Number(c2.numbers.chance)).toBeLessThan(1e-9);
    expect(c2.explanation).toMatch(/beaconing\.maxChance/);
  }, 120_000);
});

describe('beaconing: many hosts polling one server', () => {
  it('is one finding per server and port (NTP info, an update server low), while the implant among them stays its own high finding', async () => {
    const r = rng(11);
    const rows: [number, string][] = [];
    const iso = (ts: number): string => new Date(ts).toISOString();
    const flow = (ts: number, src: string, dst: string, sport: number, dport: number, proto: string, out: number, back: number): void => {
      rows.push([ts, `${iso(ts)},${src},${dst},${sport},${dport},${proto},${out},${back},${Math.max(1, Math.round((out + back) / 900))},allow`]);
    };
    const day = Date.UTC(2026, 2, 4);
    const hosts = Array.from({ length: 40 }, (_, i) => `10.20.${1 + (i % 9)}.${10 + i}`);
    // background: web browsing out, file shares in
    for (let i = 0; i < 20_000; i++) {
      const src = hosts[Math.floor(r() * hosts.length)]!;
      flow(day + Math.floor(r() * 86_400_000), src, `93.184.${Math.floor(r() * 200)}.${1 + Math.floor(r() * 250)}`, 49152 + Math.floor(r() * 16000), 443, 'TCP', 500 + Math.floor(r() * 20_000), 2000 + Math.floor(r() * 500_000));
    }
    // every host asks the time server every 1024 s; 12 of them check the update server every 22 min
    for (const [i, src] of hosts.entries()) {
      for (let k = 0; k < 80; k++) flow(day + 1024_000 * k + Math.floor(r() * 2000), src, '10.20.0.1', 123, 123, 'UDP', 76, 76);
      if (i < 12) for (let k = 0; k < 60; k++) flow(day + 600_000 + 1_320_000 * k + Math.floor(r() * 20_000), src, '10.20.0.5', 49152 + Math.floor(r() * 16000), 8530, 'TCP', 900, 4000);
    }
    // one of the same hosts also calls out to a controller every 5 min (±10 %)
    for (let k = 0; k < 280; k++) flow(day + 300_000 * k + Math.floor((r() - 0.5) * 60_000), hosts[3]!, '91.215.85.17', 49152 + Math.floor(r() * 16000), 8443, 'TCP', 300 + Math.floor(r() * 400), 300);
    const found = await analysePlanted('beacon-servers', (dir) => {
      const { put, files } = logFiles(dir);
      put('fw.csv', ['timestamp,src_addr,dst_addr,src_port,dst_port,protocol,bytes_sent,bytes_received,packets,action', ...rows.sort((a, b) => a[0] - b[0]).map((x) => x[1])]);
      return files;
    });
    const beacons = found.filter((f) => f.detector === 'beaconing');
    expect(beacons.map((f) => [f.entity, f.severity]), listFindings(beacons)).toEqual([
      [`${hosts[3]} -> 91.215.85.17:8443`, 'high'],
      ['12 sources -> 10.20.0.5:8530', 'low'],
      ['40 sources -> 10.20.0.1:123', 'info'],
    ]);
    const ntp = beacons.find((f) => f.entity.endsWith(':123'))!;
    expect(ntp.numbers.sourceCount).toBe(40);
    expect(ntp.evidence.query).toBe('dst_ip:10.20.0.1 dst_port:123');
    expect(ntp.explanation).toMatch(/beaconing\.groupHosts/);
  }, 120_000);
});

describe('binomialTail', () => {
  it('matches the exact tail on small cases and stays finite on large ones', () => {
    // P(X >= 2), X ~ Bin(3, 0.5) = 4/8
    expect(binomialTail(3, 2, 0.5)).toBeCloseTo(0.5, 12);
    // P(X >= 3), X ~ Bin(3, 0.1) = 0.001
    expect(binomialTail(3, 3, 0.1)).toBeCloseTo(0.001, 12);
    expect(binomialTail(10, 0, 0.3)).toBe(1);
    const big = binomialTail(2000, 1990, 0.3);
    expect(big).toBeGreaterThanOrEqual(0);
    expect(big).toBeLessThan(1e-300);
    expect(binomialTail(2000, 500, 0.3)).toBeCloseTo(1, 6);
  });
});
