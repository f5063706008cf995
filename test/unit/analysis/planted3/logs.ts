// Round 3 test helper: writes benign background and planted incidents as real log TEXT in five
// formats (combined access log, CIDDS flow CSV, auth.log sshd, Zeek conn.log, ECS JSON lines), so
// each case goes through format detection, parsing and cleaning before the detectors see it. The
// shapes are chosen to differ from src/core/gen: slow and low, IPv6 and IPv4-mapped addresses,
// jittered and paused beacons, and the benign servers that look like attacks.
// the forest's deterministic mulberry32: a case is the same on every run
import { rng } from '../../../../src/core/model/forest';
import { byTs, logFiles, mergeSets } from '../plantedKit';

export { rng };

/** Monday 2 March 2026 00:00 UTC: background runs for 24 hours from here. */
export const DAY0 = Date.UTC(2026, 2, 2, 0, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;


const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');

// ---------------------------------------------------------------- records -> lines

export interface Web {
  ts: number;
  ip: string;
  method?: string;
  path: string;
  status?: number;
  bytes?: number;
  ua?: string;
  ref?: string;
}
export function accessLine(r: Web): string {
  const d = new Date(r.ts);
  const when = `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
  return `${r.ip} - - [${when}] "${r.method ?? 'GET'} ${r.path} HTTP/1.1" ${r.status ?? 200} ${r.bytes ?? 5120} "${r.ref ?? '-'}" "${r.ua ?? BROWSERS[0]}"`;
}

export interface Flow {
  ts: number;
  proto: 'TCP' | 'UDP' | 'ICMP';
  src: string;
  sp: number | string;
  dst: string;
  dp: number | string;
  pkts: number;
  bytes: number;
  flags?: string;
  dur?: number;
}
export const CIDDS_HEADER = 'Date first seen,Duration,Proto,Src IP Addr,Src Pt,Dst IP Addr,Dst Pt,Packets,Bytes,Flows,Flags,Tos';
export function ciddsLine(f: Flow): string {
  const d = new Date(f.ts);
  const when = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}`;
  // nfdump pads the protocol to five characters and writes large byte counts as "1.2 M"
  const bytes = f.bytes >= 10_000_000 ? `${(f.bytes / 1_000_000).toFixed(1)} M` : String(f.bytes);
  return `${when},${(f.dur ?? 0).toFixed(3)},${f.proto.padEnd(5)},${f.src},${f.sp},${f.dst},${f.dp},${f.pkts},${bytes},1,${f.flags ?? (f.proto === 'TCP' ? '.AP.SF' : '......')},0`;
}

export interface Conn {
  ts: number;
  proto: 'tcp' | 'udp' | 'icmp';
  src: string;
  sp: number;
  dst: string;
  dp: number;
  state: string; // SF, S0, REJ, RSTO, OTH
  ob?: number; // orig bytes
  rb?: number; // resp bytes
  op?: number; // orig packets
  rp?: number; // resp packets
  history?: string;
  service?: string;
  dur?: number;
}
export const ZEEK_HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2026-03-02-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
].join('\n');
let uid = 0;
export function zeekLine(c: Conn): string {
  const ob = c.ob ?? 0;
  const rb = c.rb ?? 0;
  const op = c.op ?? (c.state === 'S0' || c.state === 'REJ' ? 1 : 6);
  const rp = c.rp ?? (c.state === 'S0' ? 0 : c.state === 'REJ' ? 1 : 5);
  const hist = c.history ?? (c.state === 'S0' ? 'S' : c.state === 'REJ' ? 'Sr' : 'ShADadFf');
  const dur = c.state === 'S0' ? '-' : (c.dur ?? 0.05).toFixed(6);
  return [(c.ts / 1000).toFixed(6), `C${(uid++).toString(36).padStart(8, 'x')}`, c.src, c.sp, c.dst, c.dp, c.proto, c.service ?? '-', dur, ob, rb, c.state, '-', 0, hist, op, ob + op * 40, rp, rb + rp * 40, '(empty)'].join('\t');
}

export interface Auth {
  ts: number;
  host?: string;
  kind: 'fail' | 'invalid' | 'accept' | 'failkey' | 'acceptkey';
  user: string;
  ip: string;
  port?: number;
}
export function authLines(a: Auth): string[] {
  const d = new Date(a.ts);
  const head = `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${a.host ?? 'bastion'} sshd[${1000 + (a.ts % 30000)}]:`;
  const port = a.port ?? 40000 + (a.ts % 20000);
  switch (a.kind) {
    case 'fail':
      return [`${head} Failed password for ${a.user} from ${a.ip} port ${port} ssh2`];
    case 'invalid':
      return [`${head} Invalid user ${a.user} from ${a.ip} port ${port}`, `${head} Failed password for invalid user ${a.user} from ${a.ip} port ${port} ssh2`];
    case 'accept':
      return [`${head} Accepted password for ${a.user} from ${a.ip} port ${port} ssh2`];
    case 'failkey':
      return [`${head} Failed publickey for ${a.user} from ${a.ip} port ${port} ssh2: ED25519 SHA256:q8Gm2Vf0rS4c1S1Qe5xH0wqW0mJk3r6x9c2Yt7hXw0E`];
    case 'acceptkey':
      return [`${head} Accepted publickey for ${a.user} from ${a.ip} port ${port} ssh2: ED25519 SHA256:Vh3b5sL0kQ8n4C2yF7dA1pR9wZ6eT3uJ0mX5gK2iB8o`];
  }
}

export interface Json {
  ts: number;
  src: string;
  sp?: number;
  dst: string;
  dp: number;
  proto?: string;
  bytes: number;
  action?: 'allow' | 'deny';
}
export function jsonLine(j: Json): string {
  return JSON.stringify({
    '@timestamp': new Date(j.ts).toISOString(),
    source: { ip: j.src, port: j.sp ?? 40000 + (j.ts % 20000) },
    destination: { ip: j.dst, port: j.dp },
    network: { transport: j.proto ?? 'tcp', bytes: j.bytes },
    event: { action: j.action ?? 'allow' },
  });
}

// ---------------------------------------------------------------- files

export interface LogSet {
  web: Web[];
  flows: Flow[];
  conns: Conn[];
  auth: Auth[];
  json: Json[];
}
export const emptySet = (): LogSet => ({ web: [], flows: [], conns: [], auth: [], json: [] });
export const merge = (...sets: Partial<LogSet>[]): LogSet => mergeSets(emptySet(), sets);

/** Writes the non-empty parts of a set as files in `dir`, each sorted by time as a logger would. */
export function writeSet(dir: string, set: LogSet): string[] {
  const { put, files } = logFiles(dir);
  if (set.web.length) put('access.log', byTs(set.web).map(accessLine));
  if (set.flows.length) put('flows.csv', [CIDDS_HEADER, ...byTs(set.flows).map(ciddsLine)]);
  if (set.conns.length) put('conn.log', [ZEEK_HEADER, ...byTs(set.conns).map(zeekLine), '#close\t2026-03-03-00-00-00']);
  if (set.auth.length) put('auth.log', byTs(set.auth).flatMap(authLines));
  if (set.json.length) put('fw.jsonl', byTs(set.json).map(jsonLine));
  return files;
}

// ---------------------------------------------------------------- benign background

export const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];
const PAGES = ['/', '/products', '/products/4411', '/products/5120', '/cart', '/about', '/blog/2026/02/spring-sale', '/contact', '/search?q=desk+lamp', '/account'];
const ASSETS = ['/static/app.9f2c.js', '/static/site.4e1a.css', '/img/logo.svg', '/img/hero.webp', '/favicon.ico'];

/** Daily curve: quiet at night, busy 09-18 UTC. */
const busy = (h: number): number => (h < 6 ? 0.15 : h < 9 ? 0.5 : h < 18 ? 1 : h < 22 ? 0.6 : 0.3);

/** Visitors browsing a shop for a day: page + assets, the odd 404 and a login. */
export function webBackground(visitors = 400, seed = 1): Web[] {
  const r = rng(seed);
  const out: Web[] = [];
  for (let v = 0; v < visitors; v++) {
    const ip = `${[81, 86, 92, 151, 176, 188][v % 6]}.${(v * 37) % 250}.${(v * 11) % 250}.${1 + (v % 250)}`;
    const ua = BROWSERS[v % BROWSERS.length]!;
    // pick an hour weighted by the daily curve
    let h = Math.floor(r() * 24);
    while (r() > busy(h)) h = Math.floor(r() * 24);
    let t = DAY0 + h * HOUR + Math.floor(r() * HOUR);
    const pages = 3 + Math.floor(r() * 12);
    for (let p = 0; p < pages; p++) {
      const page = PAGES[Math.floor(r() * PAGES.length)]!;
      out.push({ ts: t, ip, path: page, bytes: 8000 + Math.floor(r() * 40000), ua, ref: p ? 'https://shop.example.com/' : '-' });
      for (const a of ASSETS) if (r() < 0.5) out.push({ ts: t + 200, ip, path: a, bytes: 2000 + Math.floor(r() * 90000), ua });
      if (r() < 0.04) out.push({ ts: t + 900, ip, path: '/products/old-' + Math.floor(r() * 99), status: 404, bytes: 512, ua });
      if (page === '/account' && r() < 0.5) {
        if (r() < 0.15) out.push({ ts: t + 5000, ip, method: 'POST', path: '/login', status: 401, bytes: 700, ua });
        out.push({ ts: t + 15000, ip, method: 'POST', path: '/login', status: 302, bytes: 300, ua });
      }
      t += 5000 + Math.floor(r() * 90000);
    }
  }
  return out;
}

/** An office of `hosts` workstations for a day in CIDDS flows: DNS, HTTPS out, file server, mail. */
export function flowBackground(hosts = 120, seed = 2): Flow[] {
  const r = rng(seed);
  const out: Flow[] = [];
  const ext = ['142.250.74.78', '151.101.1.140', '104.16.132.229', '52.96.166.130', '13.107.42.14', '185.199.108.153', '140.82.121.4', '23.215.0.136'];
  for (let h = 0; h < hosts; h++) {
    const ip = `192.168.10.${10 + h}`;
    for (let hour = 7; hour < 19; hour++) {
      const n = 6 + Math.floor(r() * 10);
      for (let i = 0; i < n; i++) {
        const ts = DAY0 + hour * HOUR + Math.floor(r() * HOUR);
        const sp = 49152 + Math.floor(r() * 16000);
        out.push({ ts, proto: 'UDP', src: ip, sp, dst: '192.168.1.53', dp: 53, pkts: 1, bytes: 70 + Math.floor(r() * 30) });
        out.push({ ts: ts + 30, proto: 'UDP', src: '192.168.1.53', sp: 53, dst: ip, dp: sp, pkts: 1, bytes: 120 + Math.floor(r() * 200) });
        const big = r() < 0.05;
        out.push({ ts: ts + 60, proto: 'TCP', src: ip, sp: sp + 1, dst: ext[Math.floor(r() * ext.length)]!, dp: 443, pkts: big ? 900 : 12 + Math.floor(r() * 40), bytes: big ? 1_300_000 : 3000 + Math.floor(r() * 60000), dur: 1 + r() * 30 });
        if (r() < 0.3) out.push({ ts: ts + 90, proto: 'TCP', src: ip, sp: sp + 2, dst: '192.168.1.20', dp: 445, pkts: 30, bytes: 20000 + Math.floor(r() * 400000), dur: 2 });
        if (r() < 0.1) out.push({ ts: ts + 120, proto: 'TCP', src: ip, sp: sp + 3, dst: '192.168.1.25', dp: 993, pkts: 20, bytes: 9000, dur: 5 });
      }
    }
  }
  return out;
}

/** Zeek: servers in a DMZ answering outside clients on 443, and making their own DNS/NTP calls. */
export function connBackground(clients = 200, seed = 3): Conn[] {
  const r = rng(seed);
  const out: Conn[] = [];
  for (let c = 0; c < clients; c++) {
    const ip = c % 5 === 0 ? `2a02:8070:${(c * 97).toString(16)}:1::${(c % 200).toString(16)}` : `${77 + (c % 40)}.${(c * 13) % 250}.${(c * 7) % 250}.${1 + (c % 240)}`;
    const visits = 2 + Math.floor(r() * 8);
    for (let v = 0; v < visits; v++) {
      const ts = DAY0 + Math.floor(r() * 24 * HOUR);
      out.push({ ts, proto: 'tcp', src: ip, sp: 30000 + Math.floor(r() * 30000), dst: ip.includes(':') ? '2001:db8:100::80' : '203.0.113.80', dp: 443, state: 'SF', ob: 900 + Math.floor(r() * 3000), rb: 20000 + Math.floor(r() * 200000), service: 'ssl', dur: 0.5 + r() * 20 });
    }
  }
  for (let m = 0; m < 24 * 60; m += 5) {
    out.push({ ts: DAY0 + m * MIN + 1234, proto: 'udp', src: '203.0.113.80', sp: 41000 + m, dst: '203.0.113.53', dp: 53, state: 'SF', ob: 40, rb: 90, op: 1, rp: 1, service: 'dns', history: 'Dd' });
  }
  return out;
}

/** auth.log: admins logging in with keys and passwords; one typo now and then. */
export function authBackground(seed = 4): Auth[] {
  const r = rng(seed);
  const out: Auth[] = [];
  const admins = ['alice', 'bob', 'carol', 'dmitri', 'erin'];
  for (let d = 0; d < 40; d++) {
    const user = admins[d % admins.length]!;
    const ip = `192.168.10.${10 + (d % admins.length)}`;
    const ts = DAY0 + 7 * HOUR + Math.floor(r() * 11 * HOUR);
    if (r() < 0.2) out.push({ ts: ts - 8000, kind: 'fail', user, ip });
    out.push({ ts, kind: r() < 0.6 ? 'acceptkey' : 'accept', user, ip });
  }
  return out;
}

/** JSON firewall log: outbound allows from the office and a few denies at the edge. */
export function jsonBackground(seed = 5): Json[] {
  const r = rng(seed);
  const out: Json[] = [];
  for (let i = 0; i < 3000; i++) {
    const ts = DAY0 + Math.floor(r() * 24 * HOUR);
    out.push({ ts, src: `192.168.10.${10 + Math.floor(r() * 120)}`, dst: ['142.250.74.78', '151.101.1.140', '13.107.42.14'][i % 3]!, dp: 443, bytes: 2000 + Math.floor(r() * 80000) });
  }
  for (let i = 0; i < 150; i++) out.push({ ts: DAY0 + Math.floor(r() * 24 * HOUR), src: `${45 + (i % 50)}.${i % 200}.${(i * 7) % 250}.${1 + (i % 250)}`, dst: '203.0.113.80', dp: [22, 23, 3389, 445][i % 4]!, bytes: 60, action: 'deny' });
  return out;
}

export function background(): LogSet {
  return { web: webBackground(), flows: flowBackground(), conns: connBackground(), auth: authBackground(), json: jsonBackground() };
}
