// What the fold keeps for riskyServices: connections between an inside and an outside address on
// services that should not cross the perimeter (SMB, RDP, Telnet, databases, WinRM), Tor, mining
// pools' stratum ports and IRC, each side's records per peer and port, and mining-pool names asked.
import { ipScope } from './net';
import { connState, synOnly, type LiveEvent } from './eventKind';
import { maxTs, minTs, type SrcState } from './foldState';
import type { RiskyRow, Settings } from './types';

export type RiskyKind = 'smb' | 'remote' | 'db' | 'tor' | 'mining' | 'irc';

/** The services, by port, whose use across the perimeter a responder asks about (mining and Tor ports come from settings). */
const SERVICE_PORTS: readonly [number, string, RiskyKind][] = [
  [445, 'SMB', 'smb'], [139, 'NetBIOS session', 'smb'], [137, 'NetBIOS name service', 'smb'],
  [3389, 'RDP', 'remote'], [23, 'Telnet', 'remote'], [5985, 'WinRM', 'remote'], [5986, 'WinRM (TLS)', 'remote'],
  [1433, 'SQL Server', 'db'], [3306, 'MySQL/MariaDB', 'db'], [5432, 'PostgreSQL', 'db'], [6379, 'Redis', 'db'], [9200, 'Elasticsearch', 'db'], [27017, 'MongoDB', 'db'],
];

/** Ports from a setting ("3333,4444"): whole numbers 1-65535, others ignored. */
export function portList(text: string): number[] {
  return text.split(/[\s,;]+/).map(Number).filter((p) => Number.isInteger(p) && p > 0 && p < 65536);
}

/** The risky services by port, from the built-in list and the detector's port settings. */
export function riskyPorts(settings: Settings): Map<number, { name: string; kind: RiskyKind }> {
  const m = new Map<number, { name: string; kind: RiskyKind }>();
  for (const p of portList(String(settings['riskyServices.ircPorts'] ?? ''))) m.set(p, { name: 'IRC', kind: 'irc' });
  for (const p of portList(String(settings['riskyServices.miningPorts'] ?? ''))) m.set(p, { name: 'stratum (mining pool)', kind: 'mining' });
  for (const p of portList(String(settings['riskyServices.torPorts'] ?? ''))) m.set(p, { name: p === 9050 || p === 9150 ? 'Tor SOCKS' : p === 9030 ? 'Tor directory' : 'Tor relay', kind: 'tor' });
  for (const [p, name, kind] of SERVICE_PORTS) m.set(p, { name, kind });
  return m;
}

/**
 * Mining pools' registered domains (their stratum hosts live under them) and the `xmr` host
 * prefix pools use (xmr.pool.example, xmr-eu1.nanopool.org). A website visit (www.) is not mining.
 */
const POOL_DOMAINS = new Set([
  'minexmr.com', 'nanopool.org', 'supportxmr.com', 'nicehash.com', 'moneroocean.stream', '2miners.com', 'f2pool.com', 'ethermine.org', 'hashvault.pro', 'minergate.com',
  'c3pool.com', 'c3pool.org', 'herominers.com', 'xmrpool.eu', 'dwarfpool.com', 'unmineable.com', 'miningpoolhub.com', 'flypool.org', 'zpool.ca', 'zergpool.com', 'prohashing.com',
  'xmrfast.com', 'monerohash.com', 'moneropool.com', 'crypto-pool.fr', 'antpool.com', 'viabtc.com', 'poolin.com', 'slushpool.com', 'kryptex.network', 'p2pool.io', 'gulf.moneroocean.stream',
]);
/** The cheap test SQL runs on a row's host before the fold looks at it (POOL_HOST_COLUMN). */
export const POOL_HOST_COLUMN =
  "CASE WHEN host IS NOT NULL AND length(host) < 254 AND (instr(host, 'pool') > 0 OR instr(host, 'xmr') > 0 OR instr(host, 'mine') > 0 OR instr(host, 'nicehash') > 0 OR instr(host, 'monero') > 0 OR instr(host, 'hashvault') > 0 OR instr(host, 'viabtc') > 0 OR instr(host, 'kryptex') > 0) THEN host END AS phost";

/** The mining pool a host name belongs to (its registered domain, or the name itself for an xmr host), or null. */
export function poolName(host: string): string | null {
  const n = host.toLowerCase().replace(/\.$/, '');
  if (n.length > 253 || n.startsWith('www.')) return null;
  const labels = n.split('.');
  if (labels.length < 2) return null;
  for (let k = 2; k <= Math.min(3, labels.length); k++) {
    const d = labels.slice(-k).join('.');
    if (POOL_DOMAINS.has(d)) return d;
  }
  // xmr.<anything>, xmr-eu1.<anything>, xmr1.<anything>: a Monero pool's stratum host
  return labels.length >= 3 && /^xmr(?:\d{0,2}|-[a-z0-9-]{1,20})$/.test(labels[0]!) ? n : null;
}

/**
 * One side's records of connections with one peer on one risky port: `reply` when the row's source
 * answered from the port (a server's own records in one-way flow logs). `done` counts records that
 * show by themselves that the other side took part (a two-way record with bytes back, an
 * established Zeek/Argus state, TCP flags with an ACK, a firewall's teardown with bytes).
 */
export interface RiskyAcc { peer: string; port: number; reply: boolean; flows: number; done: number; bytes: number; rbytes: number; longest: number; seconds: number; hours: number; lastHour: number; first: number | null; last: number | null }
/** A source's mining-pool names asked (DNS) or reached (proxy and web hosts), up to POOL_NAMES. */
export interface PoolAcc { names: Map<string, number>; hits: number; first: number | null; last: number | null }

/** Peers and ports kept per source: a Tor client reaches tens of relays, an exposed server's replies go to many clients (counts past it are "at least"). */
export const RISKY_KEYS = 64;
export const POOL_NAMES = 8;

export interface RiskyState { risky: Map<string, RiskyAcc> | null; pools: PoolAcc | null }

const HOUR = 3_600_000;
const HOST_NAME = /^[A-Za-z0-9._-]{1,253}$/;

/** The fold's watch on risky ports (one Map lookup per flow row) and on pool names. */
export class RiskyWatch {
  private readonly ports: Map<number, { name: string; kind: RiskyKind }>;
  constructor(settings: Settings) {
    this.ports = riskyPorts(settings);
  }

  /** A flow row whose either port is watched (the fold calls add only then). */
  watches(e: LiveEvent): boolean {
    return e.dst_port != null && !!e.dst_ip && (this.ports.has(e.dst_port) || (e.src_port != null && this.ports.has(e.src_port)));
  }

  add(s: SrcState, ip: string, e: LiveEvent, ts: number | null, init: boolean): void {
    // the client's record (to the service port) or the server's answer (from it); a reply to a client port both watch is read as the client's
    const toService = init && this.ports.has(e.dst_port!);
    const port = toService ? e.dst_port! : e.src_port;
    if (port == null || (!toService && (init || !this.ports.has(port)))) return;
    // stratum, Tor and IRC run over TCP: a game or a VPN on the same number over UDP is not them
    const kind = this.ports.get(port)!.kind;
    if ((kind === 'mining' || kind === 'tor' || kind === 'irc') && e.proto != null && e.proto !== 'TCP') return;
    // refused and unanswered attempts are scans, not use: they keep no state
    if (e.action === 'reject' || synOnly(e.flags)) return;
    // a server's answer that is a lone packet or a reset carried nothing (a closed port answering a scan)
    if (!toService && ((e.bytes ?? 0) === 0 || (e.packets != null && e.packets <= 1) || (!!e.flags && !connState(e.flags) && e.flags.includes('R') && !e.flags.includes('P')))) return;
    if (toService && e.packets != null && e.packets <= 2 && !e.rbytes && !(e.action === 'close' && (e.bytes ?? 0) > 0)) return;
    const a = side(ip);
    const b = side(e.dst_ip!);
    // one side inside, the other on the internet: inside to inside is the network's own business
    if (a === b || a === 'unknown' || b === 'unknown') return;
    const map = (s.risky ??= new Map());
    const key = `${e.dst_ip}|${port}|${toService ? 'c' : 'r'}`;
    let r = map.get(key);
    if (!r) {
      if (map.size >= RISKY_KEYS) return;
      map.set(key, (r = { peer: e.dst_ip!, port, reply: !toService, flows: 0, done: 0, bytes: 0, rbytes: 0, longest: 0, seconds: 0, hours: 0, lastHour: NaN, first: null, last: null }));
    }
    const bytes = e.bytes ?? 0;
    r.flows++;
    r.bytes += bytes;
    r.rbytes += e.rbytes ?? 0;
    if (answered(e, bytes)) r.done++;
    const d = e.duration ?? 0;
    if (d > 0) {
      r.seconds += d;
      if (d > r.longest) r.longest = d;
    }
    // clock hours with records (counted as they change: rows come in time order per source)
    const h = ts == null ? NaN : Math.floor(ts / HOUR);
    if (h === h && h !== r.lastHour) {
      r.hours++;
      r.lastHour = h;
    }
    r.first = minTs(r.first, ts);
    r.last = maxTs(r.last, ts);
  }

  /** A host name the source asked about (DNS) or reached (proxy, web Host): kept when it is a mining pool's. */
  name(s: SrcState, host: string, ts: number | null): void {
    // a pool's host is a plain name: anything else (markup, commas, spaces) is not kept as one
    if (!HOST_NAME.test(host) || poolName(host) === null) return;
    const p = (s.pools ??= { names: new Map(), hits: 0, first: null, last: null });
    const n = host.toLowerCase().replace(/\.$/, '');
    if (p.names.has(n) || p.names.size < POOL_NAMES) p.names.set(n, (p.names.get(n) ?? 0) + 1);
    p.hits++;
    p.first = minTs(p.first, ts);
    p.last = maxTs(p.last, ts);
  }

  /** The rows of one source for the detector. */
  rows(ip: string, s: SrcState, out: RiskyRow[]): void {
    if (s.risky)
      for (const r of s.risky.values()) {
        const svc = this.ports.get(r.port);
        if (svc) out.push({ ip, peer: r.peer, port: r.port, kind: svc.kind, service: svc.name, reply: r.reply, flows: r.flows, done: r.done, bytes: r.bytes, rbytes: r.rbytes, longest: r.longest, seconds: r.seconds, hours: r.hours, first: r.first, last: r.last });
      }
    if (s.pools) out.push({ ip, peer: '', port: 0, kind: 'mining', service: 'mining pool names', reply: false, flows: s.pools.hits, done: 0, bytes: 0, rbytes: 0, longest: 0, seconds: 0, hours: 0, names: [...s.pools.names.keys()], askedDomains: s.dns?.domainCount ?? 0, first: s.pools.first, last: s.pools.last });
  }
}

/**
 * 'internal', 'external' (the internet) or 'unknown': multicast, broadcast and the reserved blocks
 * (0/8, 224/4, 240/4, ff00::/8) are nobody's address on the internet, whatever ipScope says.
 */
function side(ip: string): 'internal' | 'external' | 'unknown' {
  const s = ipScope(ip);
  if (s !== 'external') return s;
  if (ip.includes(':')) return /^ff/i.test(ip) ? 'unknown' : s;
  const o = Number(ip.slice(0, ip.indexOf('.')));
  return o === 0 || o >= 224 ? 'unknown' : s;
}

/** The record itself shows the other side answered (see RiskyAcc.done). */
function answered(e: LiveEvent, bytes: number): boolean {
  if (e.rbytes != null) return e.rbytes > 0 && bytes > 0;
  const f = e.flags;
  if (connState(f)) return !synOnly(f);
  if (f && f.includes('A') && (e.packets == null || e.packets >= 3) && bytes > 0) return true;
  // Cisco ASA's teardown: the connection's bytes, both ways together
  return e.action === 'close' && bytes > 0;
}
