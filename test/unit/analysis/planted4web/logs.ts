// Round 4 (web) test helper: a day of a portal's web traffic written as real log TEXT, by hand (not
// src/core/gen): nginx combined with a request-time field appended, and an IIS W3C extended log of
// a second site. The benign background carries what real sites see every day: browsers loading pages
// and their assets, Googlebot and Bingbot, a health check every 30 s, an API client polling, an office
// NAT, a CDN edge in front of part of the site.
import fs from 'node:fs';
import path from 'node:path';
import { rng } from '../../../../src/core/model/forest';
import { byTs, mergeSets } from '../plantedKit';

export { rng };

/** Tuesday 10 November 2026 00:00 UTC: the background runs for 24 hours from here. */
export const DAY0 = Date.UTC(2026, 10, 10, 0, 0, 0);
export const SEC = 1000;
export const MIN = 60_000;
export const HOUR = 3_600_000;

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

export interface Req {
  ts: number;
  ip: string;
  method?: string;
  /** path and query as sent, already percent-encoded where a browser would */
  url: string;
  status?: number;
  bytes?: number;
  ua?: string;
  ref?: string;
  /** a request line nginx could not read (slow or empty connection): logged as "-" */
  noRequest?: boolean;
}

/** nginx `combined` plus `$request_time`, as many sites configure it. */
export function nginxLine(r: Req): string {
  const d = new Date(r.ts);
  const when = `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
  const req = r.noRequest ? '-' : `${r.method ?? 'GET'} ${r.url} HTTP/1.1`;
  const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const rt = ((r.ts % 997) / 1000).toFixed(3);
  return `${r.ip} - - [${when}] "${esc(req)}" ${r.status ?? 200} ${r.bytes ?? 4096} "${esc(r.ref ?? '-')}" "${esc(r.ua ?? BROWSERS[0]!)}" ${rt}`;
}

export const IIS_HEADER = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2026-11-10 00:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken',
].join('\n');

/** IIS W3C extended: spaces in the agent become '+', empty fields '-'. */
export function iisLine(r: Req): string {
  const d = new Date(r.ts).toISOString();
  const [stem, query] = r.url.includes('?') ? [r.url.slice(0, r.url.indexOf('?')), r.url.slice(r.url.indexOf('?') + 1)] : [r.url, '-'];
  const plus = (s: string | undefined): string => (s ? s.replace(/ /g, '+') : '-');
  return [d.slice(0, 10), d.slice(11, 19), '10.20.0.5', r.method ?? 'GET', stem, query || '-', 443, '-', r.ip, plus(r.ua ?? BROWSERS[0]), plus(r.ref), r.status ?? 200, 0, 0, r.bytes ?? 4096, 15 + (r.ts % 300)].join(' ');
}

export interface WebSet {
  nginx: Req[];
  iis: Req[];
}
export const emptySet = (): WebSet => ({ nginx: [], iis: [] });
export const merge = (...sets: Partial<WebSet>[]): WebSet => mergeSets(emptySet(), sets);

/** Writes each non-empty log, sorted by time as the server wrote it. */
export function writeSet(dir: string, set: WebSet): string[] {
  const files: string[] = [];
  if (set.nginx.length) {
    const f = path.join(dir, 'portal-access.log');
    fs.writeFileSync(f, byTs(set.nginx).map(nginxLine).join('\n') + '\n');
    files.push(f);
  }
  if (set.iis.length) {
    const f = path.join(dir, 'u_ex261110.log');
    fs.writeFileSync(f, IIS_HEADER + '\n' + byTs(set.iis).map(iisLine).join('\r\n') + '\r\n');
    files.push(f);
  }
  return files;
}

// ---------------------------------------------------------------- benign background

export const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 15; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.86 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.2849.68',
];
const PAGES = ['/', '/news', '/news/2026/11/quarterly-results', '/docs/getting-started', '/docs/api', '/pricing', '/team', '/careers', '/contact', '/search?q=pricing+plans', '/account/settings', '/blog/tag/security'];
const ASSETS = ['/assets/main.3f9a1c.js', '/assets/vendor.88b2e0.js', '/assets/styles.d41c.css', '/assets/fonts/inter-var.woff2', '/img/logo.svg', '/img/banner-autumn.avif', '/favicon.ico'];
const busy = (h: number): number => (h < 6 ? 0.1 : h < 8 ? 0.4 : h < 18 ? 1 : h < 22 ? 0.5 : 0.2);
const SITE = 'https://portal.example.org';

/** One person's visit: pages with their assets (referred by the page), sometimes a login. */
function visit(out: Req[], r: () => number, ip: string, ua: string, start: number, pages: number): void {
  let t = start;
  let prev = '-';
  for (let p = 0; p < pages; p++) {
    const page = PAGES[Math.floor(r() * PAGES.length)]!;
    out.push({ ts: t, ip, url: page, bytes: 9000 + Math.floor(r() * 50000), ua, ref: prev });
    // a first visit fetches the assets, later ones mostly get 304s from the cache
    for (const a of ASSETS) if (p === 0 || r() < 0.3) out.push({ ts: t + 150 + Math.floor(r() * 400), ip, url: a, status: p === 0 ? 200 : 304, bytes: p === 0 ? 3000 + Math.floor(r() * 120000) : 0, ua, ref: `${SITE}${page}` });
    if (r() < 0.03) out.push({ ts: t + 700, ip, url: `/news/2025/${1 + Math.floor(r() * 12)}/old-post`, status: 404, bytes: 612, ua, ref: `${SITE}${page}` });
    if (page === '/account/settings' && r() < 0.4) {
      if (r() < 0.2) out.push({ ts: t + 4000, ip, method: 'POST', url: '/api/v1/auth/login', status: 401, bytes: 88, ua, ref: `${SITE}/account/settings` });
      out.push({ ts: t + 9000, ip, method: 'POST', url: '/api/v1/auth/login', status: 200, bytes: 412, ua, ref: `${SITE}/account/settings` });
    }
    prev = `${SITE}${page}`;
    t += 4000 + Math.floor(r() * 80000);
  }
}

export function visitors(n = 450, seed = 41): Req[] {
  const r = rng(seed);
  const out: Req[] = [];
  for (let v = 0; v < n; v++) {
    const ip = `${[79, 84, 91, 109, 146, 176, 212][v % 7]}.${(v * 31) % 250}.${(v * 17) % 250}.${2 + (v % 250)}`;
    let h = Math.floor(r() * 24);
    while (r() > busy(h)) h = Math.floor(r() * 24);
    visit(out, r, ip, BROWSERS[v % BROWSERS.length]!, DAY0 + h * HOUR + Math.floor(r() * HOUR), 2 + Math.floor(r() * 10));
  }
  return out;
}

/** Googlebot and Bingbot from their published ranges: a page every minute or two all day, robots.txt, a few dead links. */
export function crawlers(seed = 42): Req[] {
  const r = rng(seed);
  const out: Req[] = [];
  const bots: [string, string][] = [
    ['66.249.66.1', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
    ['66.249.66.35', 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/130.0.6723.69 Safari/537.36'],
    ['157.55.39.12', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'],
  ];
  for (const [ip, ua] of bots) {
    out.push({ ts: DAY0 + 60_000, ip, url: '/robots.txt', bytes: 220, ua });
    for (let t = DAY0 + 2 * MIN; t < DAY0 + 24 * HOUR; t += MIN + Math.floor(r() * 2 * MIN)) {
      const dead = r() < 0.08;
      out.push({ ts: t, ip, url: dead ? `/news/archive/${Math.floor(r() * 900)}` : PAGES[Math.floor(r() * PAGES.length)]!.replace('/search?q=pricing+plans', '/sitemap.xml'), status: dead ? 404 : 200, bytes: dead ? 612 : 20000, ua });
    }
  }
  return out;
}

/** A load balancer's health check every 30 s, a monitoring service every minute, and a partner's API client polling every 15 s. */
export function machines(): Req[] {
  const out: Req[] = [];
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 30 * SEC) out.push({ ts: t, ip: '10.0.0.5', url: '/healthz', bytes: 2, ua: 'kube-probe/1.30' });
  for (let t = DAY0 + 7 * SEC; t < DAY0 + 24 * HOUR; t += MIN) out.push({ ts: t, ip: '52.1.147.201', method: 'HEAD', url: '/', bytes: 0, ua: 'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)' });
  for (let t = DAY0 + 3 * SEC, i = 0; t < DAY0 + 24 * HOUR; t += 15 * SEC, i++) out.push({ ts: t, ip: '35.180.44.9', url: `/api/v1/orders?updated_since=${Math.floor((t - 15 * SEC) / 1000)}&page_size=100`, bytes: i % 40 ? 180 : 14000, ua: 'okhttp/4.12.0' });
  return out;
}

/** An office NAT: 80 people behind one address, browsing all day; a few typos at login. */
export function officeNat(seed = 43): Req[] {
  const r = rng(seed);
  const out: Req[] = [];
  for (let u = 0; u < 80; u++) {
    const ua = `${BROWSERS[u % BROWSERS.length]!}${u % 3 ? '' : ` u${u}`}`;
    for (let s = 0; s < 4; s++) visit(out, r, '193.105.7.20', ua, DAY0 + 8 * HOUR + Math.floor(r() * 9 * HOUR), 3 + Math.floor(r() * 8));
  }
  return out;
}

/** A CDN edge in front of the site: a slice of everyone's traffic from two addresses, all day. */
export function cdnEdge(seed = 44): Req[] {
  const r = rng(seed);
  const out: Req[] = [];
  for (let v = 0; v < 300; v++) {
    let h = Math.floor(r() * 24);
    while (r() > busy(h)) h = Math.floor(r() * 24);
    visit(out, r, v % 2 ? '104.23.211.14' : '104.23.211.15', BROWSERS[v % BROWSERS.length]!, DAY0 + h * HOUR + Math.floor(r() * HOUR), 2 + Math.floor(r() * 6));
  }
  return out;
}

/** The IIS site's day: a small intranet-facing app with an ASP.NET login API. */
export function iisBackground(seed = 45): Req[] {
  const r = rng(seed);
  const out: Req[] = [];
  const pages = ['/', '/Home/Index', '/Reports/Monthly', '/Reports/Monthly?year=2026&month=10', '/Help', '/api/v1/profile'];
  for (let v = 0; v < 150; v++) {
    const ip = `${[82, 94, 188][v % 3]}.${(v * 13) % 250}.${(v * 29) % 250}.${3 + (v % 240)}`;
    const ua = BROWSERS[v % BROWSERS.length]!;
    let t = DAY0 + 7 * HOUR + Math.floor(r() * 11 * HOUR);
    out.push({ ts: t, ip, url: '/Account/Login', bytes: 7000, ua });
    if (r() < 0.2) out.push({ ts: (t += 6000), ip, method: 'POST', url: '/api/v1/auth/login', status: 401, bytes: 90, ua, ref: 'https://apps.example.org/Account/Login' });
    out.push({ ts: (t += 6000), ip, method: 'POST', url: '/api/v1/auth/login', status: 200, bytes: 640, ua, ref: 'https://apps.example.org/Account/Login' });
    for (let p = 0; p < 3 + Math.floor(r() * 6); p++) {
      out.push({ ts: (t += 5000 + Math.floor(r() * 60000)), ip, url: pages[Math.floor(r() * pages.length)]!, bytes: 5000 + Math.floor(r() * 30000), ua, ref: 'https://apps.example.org/' });
      out.push({ ts: t + 200, ip, url: '/Content/site.min.css', status: 304, bytes: 0, ua, ref: 'https://apps.example.org/' });
    }
  }
  for (let t = DAY0 + 11 * SEC; t < DAY0 + 24 * HOUR; t += 30 * SEC) out.push({ ts: t, ip: '10.20.0.2', url: '/health', bytes: 17, ua: 'AzureLoadBalancer/1.0' });
  return out;
}

export function background(): WebSet {
  return { nginx: [...visitors(), ...crawlers(), ...machines(), ...officeNat(), ...cdnEdge()], iis: iisBackground() };
}
