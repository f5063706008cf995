// Round 5 (web) test helper: the same kind of day as round 4 (browsers, crawlers, monitors, an office
// NAT; see ../planted4web/logs.ts), written by hand as log TEXT in layouts the earlier rounds did not
// use: nginx with its upstream timings, Apache's vhost_combined, Caddy's and Traefik's JSON access
// logs, HAProxy's HTTP log through syslog, and IIS W3C behind a load balancer with an
// X-Forwarded-For custom field.
import fs from 'node:fs';
import path from 'node:path';
import { BROWSERS, crawlers, DAY0, HOUR, machines, MIN, officeNat, rng, SEC, visitors, type Req } from '../planted4web/logs';
import { byTs, mergeSets } from '../plantedKit';

export { BROWSERS, DAY0, HOUR, MIN, rng, SEC, type Req };

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const clf = (ts: number): string => {
  const d = new Date(ts);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
};
const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
const req = (r: Req): string => `${r.method ?? 'GET'} ${r.url} HTTP/1.1`;

/**
 * nginx `log_format upstream_time` as the nginx blog and many guides print it:
 * `... "$http_user_agent" rt=$request_time uct="$upstream_connect_time" uht="$upstream_header_time" urt="$upstream_response_time"`
 */
export function nginxUpstreamLine(r: Req): string {
  const rt = ((r.ts % 997) / 1000).toFixed(3);
  return `${r.ip} - - [${clf(r.ts)}] "${esc(req(r))}" ${r.status ?? 200} ${r.bytes ?? 4096} "${esc(r.ref ?? '-')}" "${esc(r.ua ?? BROWSERS[0]!)}" rt=${rt} uct="0.000" uht="${rt}" urt="${rt}"`;
}

/** Apache `vhost_combined`: `%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"` */
export function apacheVhostLine(r: Req): string {
  return `shop.example.org:443 ${r.ip} - - [${clf(r.ts)}] "${esc(req(r))}" ${r.status ?? 200} ${r.bytes ?? 4096} "${esc(r.ref ?? '-')}" "${esc(r.ua ?? BROWSERS[0]!)}"`;
}

/** Caddy v2's JSON access log (`log { output file … }`), headers as lists as Caddy writes them. */
export function caddyLine(r: Req): string {
  const [p, q] = r.url.includes('?') ? [r.url.slice(0, r.url.indexOf('?')), r.url.slice(r.url.indexOf('?'))] : [r.url, ''];
  return JSON.stringify({
    level: 'info',
    ts: r.ts / 1000,
    logger: 'http.log.access.log0',
    msg: 'handled request',
    request: {
      remote_ip: r.ip,
      remote_port: String(40000 + (r.ts % 20000)),
      client_ip: r.ip,
      proto: 'HTTP/2.0',
      method: r.method ?? 'GET',
      host: 'id.example.org',
      uri: p + q,
      headers: { 'User-Agent': [r.ua ?? BROWSERS[0]!], Accept: ['*/*'], ...(r.ref ? { Referer: [r.ref] } : {}) },
      tls: { resumed: false, version: 772, cipher_suite: 4865, proto: 'h2', server_name: 'id.example.org' },
    },
    bytes_read: r.method === 'POST' ? 96 : 0,
    user_id: '',
    duration: ((r.ts % 97) + 3) / 1000,
    size: r.bytes ?? 4096,
    status: r.status ?? 200,
    resp_headers: { Server: ['Caddy'], 'Content-Type': ['application/json'] },
  });
}

/** Traefik v3's JSON access log with the User-Agent header kept (`accesslog.fields.headers.names.User-Agent=keep`). */
export function traefikLine(r: Req): string {
  const iso = new Date(r.ts).toISOString().replace('Z', '123456Z');
  const dur = 2_000_000 + (r.ts % 40_000_000);
  return JSON.stringify({
    ClientAddr: `${r.ip}:${40000 + (r.ts % 20000)}`,
    ClientHost: r.ip,
    ClientPort: String(40000 + (r.ts % 20000)),
    ClientUsername: '-',
    DownstreamContentSize: r.bytes ?? 4096,
    DownstreamStatus: r.status ?? 200,
    Duration: dur,
    OriginContentSize: r.bytes ?? 4096,
    OriginDuration: dur - 90_000,
    OriginStatus: r.status ?? 200,
    Overhead: 90_000,
    RequestAddr: 'api.example.org',
    RequestContentSize: r.method === 'POST' ? 87 : 0,
    RequestCount: Math.floor(r.ts / 1000) % 100000,
    RequestHost: 'api.example.org',
    RequestMethod: r.method ?? 'GET',
    RequestPath: r.url,
    RequestPort: '-',
    RequestProtocol: 'HTTP/2.0',
    RequestScheme: 'https',
    RetryAttempts: 0,
    RouterName: 'api@docker',
    ServiceAddr: '172.18.0.7:8080',
    ServiceName: 'api@docker',
    ServiceURL: 'http://172.18.0.7:8080',
    StartLocal: iso,
    StartUTC: iso,
    entryPointName: 'websecure',
    level: 'info',
    msg: '',
    'request_User-Agent': r.ua ?? BROWSERS[0]!,
    time: new Date(r.ts).toISOString().slice(0, 19) + 'Z',
  });
}

/**
 * HAProxy's `option httplog` line as rsyslog writes it to /var/log/haproxy.log, behind a cloud load
 * balancer (the peer is one of its inside nodes) with `capture request header Host len 64`,
 * `… User-Agent len 200` and `… X-Forwarded-For len 64`: `{host|agent|client}` before the request.
 */
export function haproxyLine(r: Req): string {
  const d = new Date(r.ts);
  const sys = `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const acc = `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  const tr = 1 + (r.ts % 40);
  const lb = `10.0.3.${7 + (r.ts % 3)}`;
  return `${sys} lb1 haproxy[2211]: ${lb}:${40000 + (r.ts % 20000)} [${acc}] fe_https~ be_app/app${1 + (r.ts % 3)} 0/0/1/${tr}/${tr + 1} ${r.status ?? 200} ${r.bytes ?? 4096} - - ---- 41/41/3/1/0 0/0 {www.example.org|${(r.ua ?? BROWSERS[0]!).slice(0, 200)}|${r.ip}} "${req(r)}"`;
}

/**
 * IIS behind Azure Application Gateway: c-ip is the gateway's inside address, the client is in an
 * `X-Forwarded-For` custom field (IIS 10 "Custom Fields"), written with its port as the gateway adds it.
 */
export const IIS_XFF_HEADER = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2026-11-10 00:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status sc-bytes time-taken X-Forwarded-For',
].join('\n');

export function iisXffLine(r: Req): string {
  const d = new Date(r.ts).toISOString();
  const [stem, query] = r.url.includes('?') ? [r.url.slice(0, r.url.indexOf('?')), r.url.slice(r.url.indexOf('?') + 1)] : [r.url, '-'];
  const plus = (s: string | undefined): string => (s ? s.replace(/ /g, '+') : '-');
  const gw = r.ts % 2 ? '10.30.1.4' : '10.30.1.5';
  const xff = r.ip.startsWith('10.') ? '-' : `${r.ip}:${40000 + (r.ts % 20000)}`;
  return [d.slice(0, 10), d.slice(11, 19), '10.30.2.10', r.method ?? 'GET', stem, query || '-', 443, '-', r.ip.startsWith('10.') ? r.ip : gw, plus(r.ua ?? BROWSERS[0]), plus(r.ref), r.status ?? 200, 0, 0, r.bytes ?? 4096, 15 + (r.ts % 300), xff].join(' ');
}

export interface WebSet {
  nginx: Req[];
  apache: Req[];
  caddy: Req[];
  traefik: Req[];
  haproxy: Req[];
  iis: Req[];
}
export const emptySet = (): WebSet => ({ nginx: [], apache: [], caddy: [], traefik: [], haproxy: [], iis: [] });
export const merge = (...sets: Partial<WebSet>[]): WebSet => mergeSets(emptySet(), sets);

/** Writes each non-empty log, sorted by time as the server wrote it. */
export function writeSet(dir: string, set: WebSet): string[] {
  const files: string[] = [];
  const put = (name: string, lines: string[], head = '', eol = '\n'): void => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, head + lines.join(eol) + eol);
    files.push(f);
  };
  if (set.nginx.length) put('www-access.log', byTs(set.nginx).map(nginxUpstreamLine));
  if (set.apache.length) put('other_vhosts_access.log', byTs(set.apache).map(apacheVhostLine));
  if (set.caddy.length) put('caddy-id.access.json', byTs(set.caddy).map(caddyLine));
  if (set.traefik.length) put('traefik-access.json', byTs(set.traefik).map(traefikLine));
  if (set.haproxy.length) put('haproxy.log', byTs(set.haproxy).map(haproxyLine));
  if (set.iis.length) put('u_ex261110.log', byTs(set.iis).map(iisXffLine), IIS_XFF_HEADER + '\r\n', '\r\n');
  return files;
}

// ---------------------------------------------------------------- benign background

/** A shop's API behind Traefik: a mobile app's users (some through one carrier NAT) polling their orders. */
function apiDay(seed = 51): Req[] {
  const r = rng(seed);
  const out: Req[] = [];
  const app = 'ShopApp/5.12.1 (iPhone; iOS 18.1; Scale/3.00)';
  for (let u = 0; u < 200; u++) {
    const ip = u < 60 ? '100.64.0.1'.replace(/1$/, String(1 + (u % 2))) : `${[31, 78, 188][u % 3]}.${(u * 7) % 250}.${(u * 19) % 250}.${2 + (u % 240)}`;
    let t = DAY0 + 6 * HOUR + Math.floor(r() * 15 * HOUR);
    out.push({ ts: t, ip, method: 'POST', url: '/api/v1/auth/token', status: r() < 0.1 ? 401 : 200, bytes: 350, ua: app });
    out.push({ ts: (t += 2000), ip, method: 'POST', url: '/api/v1/auth/token', status: 200, bytes: 820, ua: app });
    for (let k = 0; k < 20 + Math.floor(r() * 40); k++) out.push({ ts: (t += 15 * SEC + Math.floor(r() * 30 * SEC)), ip, url: `/api/v1/orders?status=open&limit=20`, bytes: 600 + Math.floor(r() * 4000), ua: app });
  }
  return out;
}

/** An identity site behind Caddy: people signing in, resetting a password now and then. */
function idDay(seed = 52): Req[] {
  const r = rng(seed);
  const out: Req[] = [];
  for (let u = 0; u < 180; u++) {
    const ip = `${[81, 92, 145][u % 3]}.${(u * 13) % 250}.${(u * 7) % 250}.${3 + (u % 240)}`;
    const ua = BROWSERS[u % BROWSERS.length]!;
    let t = DAY0 + 7 * HOUR + Math.floor(r() * 14 * HOUR);
    out.push({ ts: t, ip, url: '/login', bytes: 5200, ua });
    out.push({ ts: t + 200, ip, url: '/static/id.4e1a.js', bytes: 88000, ua, ref: 'https://id.example.org/login' });
    if (r() < 0.15) {
      out.push({ ts: (t += 8000), ip, url: '/forgot-password', bytes: 4100, ua });
      out.push({ ts: (t += 20000), ip, method: 'POST', url: '/api/v1/password/reset', status: 202, bytes: 61, ua, ref: 'https://id.example.org/forgot-password' });
    }
    if (r() < 0.2) out.push({ ts: (t += 9000), ip, method: 'POST', url: '/api/v1/session', status: 401, bytes: 74, ua, ref: 'https://id.example.org/login' });
    out.push({ ts: (t += 9000), ip, method: 'POST', url: '/api/v1/session', status: 200, bytes: 512, ua, ref: 'https://id.example.org/login' });
    // the sign-up form checks whether an address is free as the person types it
    if (r() < 0.1) for (const e of ['j', 'jo', 'jo.smith@example.com']) out.push({ ts: (t += 900), ip, url: `/api/v1/accounts/check?email=${encodeURIComponent(e)}`, status: e.includes('@') ? 404 : 400, bytes: 40, ua });
  }
  return out;
}

export function background(): WebSet {
  const haproxyBits = [...visitors(160, 53), ...crawlers(54)];
  return {
    nginx: [...visitors(300, 55), ...machines(), ...officeNat(56)],
    apache: visitors(150, 57),
    caddy: idDay(),
    traefik: apiDay(),
    haproxy: haproxyBits,
    iis: visitors(120, 58),
  };
}
