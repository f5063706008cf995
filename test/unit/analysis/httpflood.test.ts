// bursts: an HTTP flood in a web log cut to the attack window, the server answering every request.
// No baseline (the flood is the whole log), no refusals, no TCP flags: the flood's own shape has to
// say it. And the shapes that look alike stay quiet: a busy site, an office NAT, pollers, CDN edges,
// a crawler, inside services, a page that reloads itself.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import type { Finding } from '../../../src/shared/model';
import { cleanup, makeCase, T0, type Ev } from './helpers';

afterEach(cleanup);

const MIN = 60_000;
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const AGENTS = [
  CHROME,
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
];
const PAGES = ['/', '/products', '/products/42', '/products/77', '/about', '/blog/post-1', '/blog/post-2', '/search', '/cart', '/contact', '/faq', '/jobs'];
const FILES = ['/static/app.css', '/static/app.js', '/static/logo.png', '/static/hero.jpg', '/static/font.woff2', '/static/icons.svg'];

/** A deterministic generator (tests must not flake). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** One person browsing from `ip`: a page every 10-90 s, each with some of its files (referrer: the page). */
function visitor(ip: string, from: number, minutes: number, r: () => number, files = 0.6, ua = AGENTS[Math.floor(r() * AGENTS.length)]!): Ev[] {
  const out: Ev[] = [];
  for (let t = from + r() * MIN; t < from + minutes * MIN; t += 10_000 + r() * 80_000) {
    const p = PAGES[Math.floor(r() * PAGES.length)]!;
    out.push({ ts: Math.floor(t), src_ip: ip, method: 'GET', path: p, query: p === '/search' ? `q=shoes+${Math.floor(r() * 50)}` : null, status: 200, bytes: 8000, referrer: 'https://shop.example/', user_agent: ua });
    for (const f of FILES) if (r() < files) out.push({ ts: Math.floor(t + 300 + r() * 900), src_ip: ip, method: 'GET', path: f, status: r() < 0.3 ? 304 : 200, bytes: 2000, referrer: `https://shop.example${p}`, user_agent: ua });
  }
  return out;
}

/** `n` requests a minute from `ip` for `minutes` minutes, each path from `path(i)`. */
function steady(ip: string, from: number, minutes: number, perMinute: (m: number) => number, path: (i: number) => [string, string | null], extra: Partial<Ev> = {}): Ev[] {
  const out: Ev[] = [];
  for (let m = 0; m < minutes; m++) {
    const n = perMinute(m);
    for (let k = 0; k < n; k++) {
      const [p, q] = path(m * 1000 + k);
      out.push({ ts: from + m * MIN + Math.floor((k * MIN) / n), src_ip: ip, method: 'GET', path: p, query: q, status: 200, bytes: 612, user_agent: CHROME, ...extra });
    }
  }
  return out;
}

const botIp = (b: number): string => `${45 + (b % 40)}.${(b * 37) & 255}.${(b * 11) & 255}.${(b * 7 + 3) & 255}`;

/** `bots` outside addresses, 60-150 GETs a minute each for `minutes` minutes at `/` or `/search?q=<random>`, answered 200. */
function flood(bots: number, minutes: number, seed = 1, extra: Partial<Ev> = {}): Ev[] {
  const r = rng(seed);
  const out: Ev[] = [];
  for (let b = 0; b < bots; b++)
    out.push(...steady(botIp(b), T0, minutes, () => 60 + Math.floor(r() * 91), () => (b % 2 ? ['/', null] : ['/search', `q=${Math.floor(r() * 1e9).toString(36)}`]), extra));
  return out;
}

/** A few dozen people browsing through the same ten minutes. */
const people = (n = 30, minutes = 10, seed = 2): Ev[] => {
  const r = rng(seed);
  return Array.from({ length: n }, (_, v) => visitor(`81.2.${v}.${10 + v}`, T0, minutes, r)).flat();
};

async function bursts(evs: Ev[], settings: Record<string, number> = {}): Promise<Finding[]> {
  return (await analyzeCase(makeCase(evs), { inline: true, settings })).findings.filter((f) => f.detector === 'bursts');
}

describe('bursts: an HTTP flood the server answered, in a web log cut to the attack window', () => {
  it('reports hundreds of addresses sending 60-150 requests a minute each to / and /search?q=<random> as one flood at those paths', async () => {
    const f = await bursts([...flood(60, 10), ...people()]);
    expect(f.map((x) => [x.title.replace(/:.*/, '').replace('/search, /', '/, /search'), x.severity, x.threshold?.setting])).toEqual([['HTTP flood at /, /search', 'high', 'bursts.httpFloodPerMinute']]);
    const x = f[0]!;
    expect(String(x.numbers.target).split(' ').sort()).toEqual(['/', '/search']);
    expect(x.numbers).toMatchObject({ sourceCount: 60, peakSources: 60, minutes: 10, targetSharePct: 100, noReferrerPct: 100, pageFilesPct: 0, sharedAgentSources: 60, refused503or429: 0 });
    expect(Number(x.numbers.peakPerMinute)).toBeGreaterThan(5000);
    // every request of the bots, none of the people's: the flood's minutes and addresses
    expect(Number(x.numbers.events)).toBe(flood(60, 10).length);
    expect(x.entityType).toBe('population');
    expect(x.firstSeen).toBe(T0);
    expect(x.lastSeen).toBe(T0 + 10 * MIN - 1);
    expect(x.explanation).toMatch(/too few for a baseline/);
    expect(x.explanation).toMatch(/one identical user agent/);
    // the addresses' rows of those minutes (the busiest 100 named in the query)
    expect(x.evidence.count).toBe(flood(60, 10).length);
    // every threshold named with its setting
    for (const k of ['floodSources', 'minPerMinute', 'floodRunMinutes', 'floodTargetShare', 'httpFloodPerMinute']) expect(x.explanation).toContain(`bursts.${k}`);
    expect(x.evidence.query).toMatch(new RegExp(`^src_ip:\\S*${botIp(0).replace(/\./g, '\\.')}\\b\\S* ts:${T0}\\.\\.${T0 + 10 * MIN - 1}$`));
  });

  it('names a cache-busting flood of one search path, and a smaller one as medium', async () => {
    const r = rng(5);
    const evs = Array.from({ length: 12 }, (_, b) => steady(botIp(b), T0, 6, () => 100, () => ['/search', `q=${Math.floor(r() * 1e9).toString(36)}`], { user_agent: AGENTS[b % 4]! })).flat();
    const f = await bursts([...evs, ...people()]);
    expect(f.map((x) => [x.title.split(':')[0], x.severity])).toEqual([['HTTP flood at /search', 'medium']]);
    expect(f[0]!.numbers).toMatchObject({ sourceCount: 12, target: '/search', withQueryPct: 100, peakPerMinute: 1200 });
    // four browsers' agents among twelve addresses: no claim of one tool
    expect(f[0]!.explanation).not.toMatch(/identical user agent/);
  });

  it('follows its settings: fewer sources than bursts.floodSources, a shorter run than bursts.floodRunMinutes, less than bursts.httpFloodPerMinute', async () => {
    const evs = [...flood(12, 2, 3), ...people()];
    // two minutes in a row is a spike, not yet a sustained flood
    expect(await bursts(evs)).toEqual([]);
    expect((await bursts(evs, { 'bursts.floodRunMinutes': 2 })).map((x) => [x.entityType, String(x.numbers.target).split(' ').sort()])).toEqual([['population', ['/', '/search']]]);
    const ten = [...flood(12, 10, 3), ...people()];
    expect(await bursts(ten, { 'bursts.floodSources': 13 })).toEqual([]);
    expect(await bursts(ten, { 'bursts.httpFloodPerMinute': 5000 })).toEqual([]);
  });

  it('is not reported twice when the server also buckled (503/429): the refusals already name the flood', async () => {
    const evs = flood(60, 10, 4).map((e, i): Ev => (i % 2 ? { ...e, status: 503 } : e));
    const f = (await bursts([...evs, ...people()])).filter((x) => x.entityType === 'population');
    expect(f.map((x) => x.threshold?.setting)).toEqual(['bursts.shedFloodPerMinute']);
  });
});

describe('bursts: what an HTTP flood is not', () => {
  it("leaves a busy site's ordinary ten minutes alone (hundreds of people, a few requests a minute each)", async () => {
    expect(await bursts(people(400, 10, 7))).toEqual([]);
  });

  it("leaves a big office behind a dozen NAT addresses alone: many people's pages, each address 60+ a minute", async () => {
    const r = rng(8);
    const evs: Ev[] = [];
    // 70 people behind each of 12 addresses: each address far above 60 a minute, for ten minutes
    // (their browsers hold the site's images and scripts in cache: pages only, no page files)
    for (let nat = 0; nat < 12; nat++) for (let u = 0; u < 70; u++) evs.push(...visitor(`203.0.113.${nat + 1}`, T0, 10, r, 0));
    const perAddress = evs.filter((e) => e.src_ip === '203.0.113.1' && e.ts! < T0 + MIN).length;
    expect(perAddress).toBeGreaterThan(60);
    expect(evs.some((e) => e.path!.startsWith('/static/'))).toBe(false);
    expect(await bursts([...evs, ...people()])).toEqual([]);
  });

  it('leaves API clients polling once a second alone (two of them), and a dashboard that reloads a page with its images', async () => {
    const pollers = [0, 1].map((i) => steady(`198.18.0.${i + 1}`, T0, 10, () => 60, () => ['/api/v1/status', null], { user_agent: 'okhttp/4.12.0' })).flat();
    expect(await bursts([...pollers, ...people()])).toEqual([]);
    // fifteen wall screens reloading a status page with two images: page files, with a referrer
    const screens = Array.from({ length: 15 }, (_, i) =>
      steady(`198.18.1.${i + 1}`, T0, 10, () => 90, (k) => (k % 3 ? [`/status/img${k % 3}.png`, null] : ['/status', null]), { referrer: 'https://shop.example/status' }),
    ).flat();
    expect(await bursts([...screens, ...people()])).toEqual([]);
  });

  it('leaves inside services calling one endpoint hundreds of times a minute alone, not the same from outside', async () => {
    const calls = (net: string): Ev[] => Array.from({ length: 20 }, (_, i) => steady(`${net}${i + 1}`, T0, 10, () => 200, () => ['/v1/lookup', 'id=1'], { user_agent: 'Go-http-client/1.1' })).flat();
    expect(await bursts([...calls('10.1.2.'), ...people()])).toEqual([]);
    expect((await bursts([...calls('100.24.7.'), ...people()])).map((x) => x.title.split(':')[0])).toEqual(['HTTP flood at /v1/lookup']);
  });

  it("leaves a CDN's edge addresses alone: a few addresses carry everyone's browsing", async () => {
    const r = rng(9);
    // 600 people's browsing spread over 5 edge addresses (hundreds a minute each); then 1,500 over 12 that
    // serve the pages only (the edges keep the static files)
    for (const edges of [5, 12]) {
      const all: Ev[] = [];
      for (let u = 0; u < (edges === 5 ? 600 : 1500); u++) all.push(...visitor(`172.70.${edges}.${(u % edges) + 1}`, T0, 10, r, edges === 5 ? 0.6 : 0));
      expect(all.filter((e) => e.src_ip === `172.70.${edges}.1` && e.ts! < T0 + 2 * MIN).length).toBeGreaterThan(120);
      expect(await bursts(all)).toEqual([]);
    }
  });

  it('leaves a crawler alone, and a dozen crawler addresses walking the site', async () => {
    const google = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const crawl = (ip: string, n: number, ua: string): Ev[] => steady(ip, T0, 10, () => 90, (k) => [`/products/${n * 100_000 + k}`, null], { user_agent: ua });
    expect(await bursts([...crawl('66.249.66.1', 0, google), ...people()])).toEqual([]);
    expect(await bursts([...Array.from({ length: 12 }, (_, i) => crawl(`66.249.66.${i + 1}`, i, google)).flat(), ...people()])).toEqual([]);
    // an SEO crawler in no published range: one agent, no referrer, no images, but a new page every request
    const seo = 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)';
    expect(await bursts([...Array.from({ length: 12 }, (_, i) => crawl(`185.191.171.${i + 1}`, i, seo)).flat(), ...people()])).toEqual([]);
  });

  it('keeps a long target path cut to 300 characters, and still one target', async () => {
    const long = `/${'a'.repeat(5_000)}`;
    const f = await bursts(Array.from({ length: 12 }, (_, b) => steady(botIp(b), T0, 3, () => 100, () => [long, null])).flat());
    expect(f.map((x) => x.numbers.target)).toEqual([long.slice(0, 300)]);
  });
});
