// One morning at a VPN gateway, the same for every product: staff logging in from home (one
// mistypes once, then gets in), a branch office behind one NAT address where several people log
// in and a few mistype, a guesser trying a few administrative names 45 times, and a sprayer trying
// one password once on each of 24 real accounts from one address.
import { rng } from '../../../../src/core/model/forest';

export interface Attempt {
  ms: number;
  ip: string;
  port: number;
  user: string;
  ok: boolean;
}

export const GUESSER = '203.0.113.66';
export const SPRAYER = '198.51.100.77';
/** a member of staff who types the password wrong once and then logs in */
export const MISTYPER = '192.0.2.44';
/** the branch office's NAT address: many people, a few typos */
export const BRANCH = '198.51.100.200';
export const GUESSES = 45;
export const SPRAYED = 24;

export const T0 = Date.UTC(2026, 11, 7, 7, 30, 0);
const FIRST = ['anna', 'ben', 'carla', 'david', 'elena', 'farid', 'greta', 'hugo', 'ines', 'jonas', 'karin', 'lukas', 'maria', 'nils', 'olga', 'pavel', 'rosa', 'sven', 'tara', 'uwe', 'vera', 'walter', 'yusuf', 'zoe', 'arne', 'bea', 'cem', 'dora', 'emil', 'frida'];
const LAST = ['berg', 'cole', 'dahl', 'eck', 'fink', 'graf', 'hahn', 'iden', 'jung', 'kurz', 'lang', 'mohr', 'nagel', 'ortiz', 'popp', 'quast', 'roth', 'sauer', 'thiel', 'ulm', 'voss', 'wolf', 'yilmaz', 'zink', 'adler', 'brand', 'claus', 'dorn', 'ernst', 'frey'];
export const STAFF = FIRST.map((f, i) => `${f}.${LAST[i]}`);
export const MISTYPER_USER = STAFF[2]!;

/** Every attempt of the morning, in time order. */
export function morning(seed = 7): Attempt[] {
  const r = rng(seed);
  const port = (): number => 49152 + Math.floor(r() * 16000);
  const out: Attempt[] = [];
  // staff at home: one address each, a login or two over the morning
  STAFF.forEach((user, i) => {
    if (user === MISTYPER_USER) return;
    const ip = `192.0.2.${10 + i}`;
    const at = T0 + Math.floor(r() * 4 * 3_600_000);
    out.push({ ms: at, ip, port: port(), user, ok: true });
    if (r() < 0.4) out.push({ ms: at + 3_600_000 + Math.floor(r() * 1_800_000), ip, port: port(), user, ok: true });
  });
  // the one who mistypes: a failure, then the right password 25 s later
  const m = T0 + 40 * 60_000;
  out.push({ ms: m, ip: MISTYPER, port: port(), user: MISTYPER_USER, ok: false });
  out.push({ ms: m + 25_000, ip: MISTYPER, port: port(), user: MISTYPER_USER, ok: true });
  // the branch office: twelve people behind one address, three mistype once
  for (let i = 0; i < 12; i++) {
    const user = `${FIRST[(i * 7) % 30]}.${LAST[(i * 11 + 3) % 30]}2`;
    const at = T0 + 20 * 60_000 + i * 9 * 60_000 + Math.floor(r() * 300_000);
    if (i % 4 === 1) out.push({ ms: at - 20_000, ip: BRANCH, port: port(), user, ok: false });
    out.push({ ms: at, ip: BRANCH, port: port(), user, ok: true });
  }
  // the guesser: 45 tries on four administrative names, one every 15-25 s
  const names = ['admin', 'administrator', 'vpn', 'test'];
  let g = T0 + 100 * 60_000;
  for (let i = 0; i < GUESSES; i++) {
    out.push({ ms: g, ip: GUESSER, port: port(), user: names[i % names.length]!, ok: false });
    g += 15_000 + Math.floor(r() * 10_000);
  }
  // the sprayer: one try on each of 24 real accounts, a minute or so apart
  let s = T0 + 150 * 60_000;
  for (let i = 0; i < SPRAYED; i++) {
    out.push({ ms: s, ip: SPRAYER, port: port(), user: STAFF[(i + 5) % STAFF.length]!, ok: false });
    s += 45_000 + Math.floor(r() * 30_000);
  }
  return out.sort((a, b) => a.ms - b.ms);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** `Dec  7 10:00:01` (syslog, RFC 3164) */
export const bsd = (ms: number): string => {
  const d = new Date(ms);
  return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
/** `Mon Dec  7 10:00:01 2026` (ctime, OpenVPN 2.4/2.5's own log) */
export const ctime = (ms: number): string => {
  const d = new Date(ms);
  return `${DAY[d.getUTCDay()]} ${bsd(ms)} ${d.getUTCFullYear()}`;
};
/** `2026-12-07 10:00:01` */
export const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** `2026/12/07 10:00:01` (PAN-OS) */
export const slash = (ms: number): string => iso(ms).replace(/-/g, '/');
/** `Dec 07 2026 10:00:01` (Cisco ASA's own timestamp) */
export const asaTime = (ms: number): string => {
  const d = new Date(ms);
  return `${MON[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
/** eight hex digits from the attempt (session ids, sids) */
export const hex8 = (a: Attempt): string => ((a.ms ^ (a.port * 2654435761)) >>> 0).toString(16).padStart(8, '0');
