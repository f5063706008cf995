// heavyTraffic on an access log: a CDN edge or reverse proxy fetching the site for many people
// (many browsers behind one address, all day) is not a scraper taking the whole site in one sitting.
// The edges here are unnamed addresses (the shape decides); a CDN's published edge is named (detect.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import type { Finding } from '../../../src/shared/model';
import { cleanup, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

const H = 3_600_000;
const run = async (events: Ev[], settings: Record<string, number> = {}): Promise<Finding[]> => (await analyzeCase(makeCase(events), { settings, inline: true })).findings;
const heavy = (fs: Finding[], ip: string): Finding | undefined => fs.find((f) => f.detector === 'heavyTraffic' && f.entity === ip);

const BROWSERS = [
  (v: number) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/12${v % 6}.0.${6000 + v}.${v % 90} Safari/537.36`,
  (v: number) => `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${v % 6} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.${v % 6} Mobile/15E${100 + v} Safari/604.1`,
  (v: number) => `Mozilla/5.0 (X11; Linux x86_64; rv:12${v % 6}.0) Gecko/20100101 Firefox/12${v % 6}.${v}`,
];

/** 6,000 product pages and images fetched through one address, 24 h, by ~120 different browsers (1.2 GB). */
function cdnEdge(ip: string): Ev[] {
  return Array.from({ length: 24_000 }, (_, i) => ({
    ts: T0 + Math.floor((i / 24_000) * 24 * H),
    src_ip: ip,
    method: 'GET',
    path: i % 3 ? `/products/${(i * 7919) % 6000}` : `/img/p/${(i * 104729) % 6000}.jpg`,
    status: 200,
    bytes: 40_000 + ((i * 31) % 20_000),
    referrer: 'https://shop.example.com/',
    user_agent: BROWSERS[i % 3]!((i * 13) % 40),
  }));
}

/** One address crawling /products/1..6000 in order at night with one browser string (1.2 GB in ~70 min). */
function scraper(ip: string, agent: (i: number) => string): Ev[] {
  return Array.from({ length: 6000 }, (_, i) => ({ ts: T0 + 15 * H + i * 700, src_ip: ip, method: 'GET', path: `/products/${i + 1}`, status: 200, bytes: 200_000 + ((i * 37) % 20_000), user_agent: agent(i) }));
}

/** A CDN's cache filler: one agent naming the CDN, 30,000 random product pages evenly over 24 h (1.26 GB). */
function cacheFiller(ip: string): Ev[] {
  return Array.from({ length: 30_000 }, (_, i) => ({ ts: T0 + Math.floor((i / 30_000) * 24 * H), src_ip: ip, method: 'GET', path: `/products/${(i * 7919) % 6000}`, status: 200, bytes: 20_000 + ((i * 7907) % 50_000), user_agent: 'Mozilla/5.0 (compatible; CloudFlare-AlwaysOnline/1.0)' }));
}

describe('heavyTraffic: CDN edge or reverse proxy versus a scraper', () => {
  it('reports a one-agent edge fetching evenly around the clock low (heavyTraffic.steadyHours, steadyShare)', async () => {
    const f = heavy(await run([...webPopulation(20), ...cacheFiller('198.51.100.15')]), '198.51.100.15');
    expect(f!.severity).toBe('low');
    expect(f!.explanation).toMatch(/active in 24 of the 24 clock hours .*\(heavyTraffic\.steadyHours: 20, heavyTraffic\.steadyShare: 80 %\)/);
  });

  it('keeps a scraper medium that crawls an hour each night for three nights with one agent (not steady)', async () => {
    const nights = [0, 1, 2].flatMap((n) => scraper('45.137.21.11', () => BROWSERS[0]!(2)).slice(0, 2000).map((e, i) => ({ ...e, ts: T0 + n * 24 * H + 15 * H + i * 1500, path: `/products/${n * 2000 + i + 1}` })));
    const f = heavy(await run([...webPopulation(20), ...nights]), '45.137.21.11');
    expect(f!.severity).toBe('medium');
    expect(f!.explanation).not.toMatch(/steadyHours/);
  });

  it('reports a CDN edge serving ~120 browsers around the clock low, naming the many-people shape and its settings', async () => {
    const f = heavy(await run([...webPopulation(20), ...cdnEdge('198.51.100.14')]), '198.51.100.14');
    expect(f).toBeDefined();
    expect(f!.severity).toBe('low');
    expect(f!.explanation).toMatch(/64 or more different user agents, spread over 24 clock hours \(heavyTraffic\.proxyAgents: 20, heavyTraffic\.proxyHours: 12\)/);
    expect(f!.explanation).toMatch(/CDN edge, a reverse proxy/);
  });

  it('keeps the CDN medium when its settings ask for more user agents and more hours than it had (the settings are what decides)', async () => {
    const f = heavy(await run([...webPopulation(20), ...cdnEdge('198.51.100.14')], { 'heavyTraffic.proxyAgents': 500, 'heavyTraffic.steadyHours': 30 }), '198.51.100.14');
    expect(f!.severity).toBe('medium');
  });

  it('keeps a scraper crawling every page with one browser string at night medium', async () => {
    const f = heavy(await run([...webPopulation(20), ...scraper('45.137.21.9', () => BROWSERS[0]!(1))]), '45.137.21.9');
    expect(f!.severity).toBe('medium');
    expect(f!.explanation).not.toMatch(/proxyAgents/);
  });

  it('keeps a scraper rotating its user agent on every request medium: it took the site in one sitting, not around the clock', async () => {
    const f = heavy(await run([...webPopulation(20), ...scraper('45.137.21.10', (i) => BROWSERS[i % 3]!(i % 40))]), '45.137.21.10');
    expect(f!.severity).toBe('medium');
  });
});

describe('a CDN edge by its published range (no X-Forwarded-For in the log)', () => {
  const CF = '104.23.160.14';
  it('says the findings on a Cloudflare edge count many visitors together, and keeps its volume finding low whatever the shape settings say', async () => {
    const fs = await run([...webPopulation(20), ...cdnEdge(CF)], { 'heavyTraffic.proxyAgents': 500, 'heavyTraffic.steadyHours': 30 });
    const f = heavy(fs, CF)!;
    expect(f.severity).toBe('low');
    expect(f.explanation).toMatch(/104\.23\.160\.14 is in Cloudflare's published edge ranges: it relays many visitors' requests.*the finding is low for that reason/);
  });

  it('keeps a payload relayed by an edge at its severity: the request is real, only its sender is hidden', async () => {
    const attack: Ev[] = Array.from({ length: 30 }, (_, i) => ({ ts: T0 + i * 60_000, src_ip: CF, method: 'GET', path: '/search', query: `q=1'+UNION+SELECT+username,password+FROM+users--+${i}`, status: 200, bytes: 900, user_agent: BROWSERS[0]!(1) }));
    const fs = await run([...webPopulation(20), ...attack]);
    const f = fs.find((x) => x.detector === 'webAttacks' && x.entity === CF)!;
    expect(['medium', 'high', 'critical']).toContain(f.severity);
    expect(f.explanation).toMatch(/in Cloudflare's published edge ranges/);
    expect(f.explanation).not.toMatch(/low for that reason/);
  });
});
