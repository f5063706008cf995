// The live analyzer for follow mode: keeps per-entity aggregates in memory, updated row by row
// (no rescan), and re-runs the incremental detectors for the sources that changed. Beaconing,
// credential stuffing and statistical outliers are batch-only (they need the whole history).
import type { EventRow } from '../../shared/columns';
import type { Finding } from '../../shared/model';
import type { Db } from '../store/case';
import { DETECTOR_LIST } from './detectors';
import { emptyAggregates, evidenceItems, runDetectors, toFinding } from './detect';
import { matchTool } from './net';
import { matchPayload } from './payload';
import { resolveSettings } from './settings';
import { LOGIN_PORTS } from './sql';
import { upsertFindings } from './store';
import type { Aggregates, SettingValue } from './types';

export type LiveEvent = Partial<EventRow> & { id: number };

const LOGIN_RE = /login|logon|signin|sign-in|sign_in|auth|session|xmlrpc\.php|wp-admin|\/admin|password|token|account/i;
const synOnly = (f: string | null | undefined): boolean => !!f && f.includes('S') && !f.includes('A');
const initiator = (e: LiveEvent): boolean => e.dst_port != null && (e.dst_port < 1024 || e.src_port == null || e.src_port >= e.dst_port || synOnly(e.flags));
const authFail = (a: string | null | undefined): boolean => a === 'auth_failure' || a === 'invalid_user';
const minTs = (a: number | null, b: number | null | undefined): number | null => (b == null ? a : a == null ? b : Math.min(a, b));
const maxTs = (a: number | null, b: number | null | undefined): number | null => (b == null ? a : a == null ? b : Math.max(a, b));

interface SrcState {
  events: number;
  bytes: number;
  dsts: Set<string>;
  ports: Set<number>;
  paths: Set<string>;
  errors: number;
  denied: number;
  notFound: number;
  authFail: number;
  authOk: number;
  oddMethods: number;
  dnsBytes: number;
  dnsFlows: number;
  sentBytes: number;
  first: number | null;
  last: number | null;
  scanPorts: Set<number>;
  scanLow: Set<number>;
  scanHosts: Set<string>;
  scanFlows: number;
  scanSyn: number;
  scanFirst: number | null;
  scanLast: number | null;
  hosts: Map<string, { hosts: Map<number, Set<string>>; peak: number; flows: number; probes: number; known: number; first: number | null; last: number | null }>;
  ssh: { fails: number; invalid: number; ok: number; users: Set<string>; firstFail: number | null; lastFail: number | null; lastOk: number | null; okUsers: Set<string> };
  web: { loginFails: number; loginPosts: number; loginOk: number; denied: number; paths: Set<string>; topPath: string | null; first: number | null; last: number | null };
  flowLogin: Map<string, { dst: string; port: number; flows: number; short: number; hours: Map<number, number>; first: number | null; last: number | null }>;
  pairs: Map<string, { bytes: number; flows: number; ports: Set<number>; port: number | null; first: number | null; last: number | null }>;
  minutes: Map<number, number>;
  peak: number;
  peakMinute: number;
  timed: number;
  agents: Map<string, { tool: string; requests: number; first: number | null; last: number | null }>;
  crawlers: Map<string, { requests: number; nonGet: number; robots: number; errors: number }>;
  missing: Set<string>;
  missingFirst: number | null;
  missingLast: number | null;
  payloads: Aggregates['payloads'];
}

const newState = (): SrcState => ({
  events: 0, bytes: 0, dsts: new Set(), ports: new Set(), paths: new Set(), errors: 0, denied: 0, notFound: 0, authFail: 0, authOk: 0, oddMethods: 0, dnsBytes: 0, dnsFlows: 0, sentBytes: 0, first: null, last: null,
  scanPorts: new Set(), scanLow: new Set(), scanHosts: new Set(), scanFlows: 0, scanSyn: 0, scanFirst: null, scanLast: null,
  hosts: new Map(),
  ssh: { fails: 0, invalid: 0, ok: 0, users: new Set(), firstFail: null, lastFail: null, lastOk: null, okUsers: new Set() },
  web: { loginFails: 0, loginPosts: 0, loginOk: 0, denied: 0, paths: new Set(), topPath: null, first: null, last: null },
  flowLogin: new Map(), pairs: new Map(), minutes: new Map(), peak: 0, peakMinute: 0, timed: 0, agents: new Map(), crawlers: new Map(), missing: new Set(), missingFirst: null, missingLast: null, payloads: [],
});

export interface IncrementalAnalyzer {
  /** Folds new rows into the aggregates; returns findings that are new or changed (stable ids). */
  addEvents(rows: readonly LiveEvent[]): Finding[];
  /** detectors this analyzer keeps up to date */
  readonly detectors: readonly string[];
}

export function createIncrementalAnalyzer(db: Db, opts: { settings?: Record<string, SettingValue>; store?: boolean } = {}): IncrementalAnalyzer {
  const settings = resolveSettings(opts.settings);
  const detectors = DETECTOR_LIST.filter((d) => d.incremental);
  const state = new Map<string, SrcState>();
  const emitted = new Map<string, string>();

  function fold(e: LiveEvent): string | null {
    const ip = e.src_ip;
    if (!ip) return null;
    let s = state.get(ip);
    if (!s) state.set(ip, (s = newState()));
    const ts = e.ts ?? null;
    s.events++;
    s.bytes += e.bytes ?? 0;
    if (e.dst_port == null || initiator(e)) s.sentBytes += e.bytes ?? 0;
    if (e.dst_ip) s.dsts.add(e.dst_ip);
    if (e.dst_port != null) s.ports.add(e.dst_port);
    if (e.path) s.paths.add(e.path);
    const st = e.status ?? null;
    if (st != null && st >= 400) s.errors++;
    if (st === 401 || st === 403) s.denied++;
    if (st === 404) s.notFound++;
    if (e.method && e.method !== 'GET' && e.method !== 'HEAD' && e.method !== 'POST') s.oddMethods++;
    if (e.dst_port === 53 && e.bytes != null) {
      s.dnsBytes += e.bytes;
      s.dnsFlows++;
    }
    s.first = minTs(s.first, ts);
    s.last = maxTs(s.last, ts);
    // port and host scans (flows the source initiated)
    if (e.dst_port != null && e.action == null && initiator(e)) {
      s.scanPorts.add(e.dst_port);
      if (e.dst_port < 1024) s.scanLow.add(e.dst_port);
      if (e.dst_ip) s.scanHosts.add(e.dst_ip);
      s.scanFlows++;
      if (synOnly(e.flags)) s.scanSyn++;
      s.scanFirst = minTs(s.scanFirst, ts);
      s.scanLast = maxTs(s.scanLast, ts);
    }
    // ICMP: echo requests only (type 8 / 128, or unknown); replies and unreachables are answers
    const icmp = (e.proto === 'ICMP' || e.proto === 'ICMP6' || e.proto === 'IPV6-ICMP') && (e.flags == null || /^(8|128)(\.|$)/.test(e.flags));
    if (e.dst_ip && (icmp || (e.dst_port != null && initiator(e) && !(e.src_port === e.dst_port && e.dst_port < 1024)))) {
      const svc = icmp ? 'icmp' : String(e.dst_port);
      let h = s.hosts.get(svc);
      if (!h) s.hosts.set(svc, (h = { hosts: new Map(), peak: 0, flows: 0, probes: 0, known: 0, first: null, last: null }));
      // distinct hosts per clock hour, as the batch query counts them
      const hour = Math.floor((ts ?? 0) / 3_600_000);
      let set = h.hosts.get(hour);
      if (!set) h.hosts.set(hour, (set = new Set()));
      set.add(e.dst_ip);
      h.peak = Math.max(h.peak, set.size);
      h.flows++;
      if ((e.packets != null && e.packets <= 2) || synOnly(e.flags) || e.action === 'reject') h.probes++;
      if (e.packets != null || e.flags != null || e.action != null) h.known++;
      h.first = minTs(h.first, ts);
      h.last = maxTs(h.last, ts);
    }
    // logins
    if (authFail(e.action)) {
      s.authFail++;
      s.ssh.fails++;
      if (e.action === 'invalid_user') s.ssh.invalid++;
      if (e.user) s.ssh.users.add(e.user);
      s.ssh.firstFail = minTs(s.ssh.firstFail, ts);
      s.ssh.lastFail = maxTs(s.ssh.lastFail, ts);
    } else if (e.action === 'auth_success') {
      s.authOk++;
      s.ssh.ok++;
      s.ssh.lastOk = maxTs(s.ssh.lastOk, ts);
      if (e.user) s.ssh.okUsers.add(e.user);
    }
    const login = !!e.path && LOGIN_RE.test(e.path);
    if (st != null && (st === 401 || st === 403 || (e.method === 'POST' && login))) {
      const w = s.web;
      if ((st === 401 || st === 403) && login) w.loginFails++;
      if (e.method === 'POST' && login) w.loginPosts++;
      if (st >= 200 && st < 400 && login) w.loginOk++;
      if (st === 401 || st === 403) {
        w.denied++;
        w.topPath = e.path ?? w.topPath;
      }
      if (login && e.path) w.paths.add(e.path);
      w.first = minTs(w.first, ts);
      w.last = maxTs(w.last, ts);
    }
    if (e.dst_port != null && LOGIN_PORTS.includes(e.dst_port) && e.action == null && (e.src_port == null || e.src_port > e.dst_port)) {
      const k = `${e.dst_ip}|${e.dst_port}`;
      let f = s.flowLogin.get(k);
      if (!f) s.flowLogin.set(k, (f = { dst: e.dst_ip ?? '', port: e.dst_port, flows: 0, short: 0, hours: new Map(), first: null, last: null }));
      f.flows++;
      if ((e.duration ?? 0) < Number(settings['bruteForce.shortFlowSeconds']) && (e.packets ?? 0) < Number(settings['bruteForce.shortFlowPackets'])) {
        // the busiest clock hour, as the batch query counts it
        const h = Math.floor((ts ?? 0) / 3_600_000);
        const c = (f.hours.get(h) ?? 0) + 1;
        f.hours.set(h, c);
        f.short = Math.max(f.short, c);
      }
      f.first = minTs(f.first, ts);
      f.last = maxTs(f.last, ts);
    }
    if ((e.bytes ?? 0) > 0 && e.dst_ip && (e.dst_port == null || initiator(e))) {
      let p = s.pairs.get(e.dst_ip);
      if (!p) s.pairs.set(e.dst_ip, (p = { bytes: 0, flows: 0, ports: new Set(), port: null, first: null, last: null }));
      p.bytes += e.bytes ?? 0;
      p.flows++;
      if (e.dst_port != null) {
        p.ports.add(e.dst_port);
        p.port = p.port == null ? e.dst_port : Math.min(p.port, e.dst_port);
      }
      p.first = minTs(p.first, ts);
      p.last = maxTs(p.last, ts);
    }
    const reply = (e.src_port != null && e.dst_port != null && e.src_port < 1024 && e.dst_port >= 1024) || (!!e.flags && e.flags.includes('R') && !e.flags.includes('S'));
    if (ts != null && !reply) {
      const m = Math.floor(ts / 60_000);
      const c = (s.minutes.get(m) ?? 0) + 1;
      s.minutes.set(m, c);
      s.timed++;
      if (c > s.peak) [s.peak, s.peakMinute] = [c, m];
    }
    if (e.user_agent) {
      const tool = matchTool(e.user_agent);
      if (tool) {
        let a = s.agents.get(e.user_agent);
        if (!a) s.agents.set(e.user_agent, (a = { tool: `${tool.kind}:${tool.tool}`, requests: 0, first: null, last: null }));
        a.requests++;
        a.first = minTs(a.first, ts);
        a.last = maxTs(a.last, ts);
      }
      if (/bot|crawl|spider|slurp/i.test(e.user_agent)) {
        let c = s.crawlers.get(e.user_agent);
        if (!c) s.crawlers.set(e.user_agent, (c = { requests: 0, nonGet: 0, robots: 0, errors: 0 }));
        c.requests++;
        if (e.method && e.method !== 'GET' && e.method !== 'HEAD') c.nonGet++;
        if (e.path === '/robots.txt') c.robots++;
        if (st != null && st >= 400) c.errors++;
      }
    }
    if (st === 404 && e.path) {
      s.missing.add(e.path);
      s.missingFirst = minTs(s.missingFirst, ts);
      s.missingLast = maxTs(s.missingLast, ts);
    }
    if (e.path || e.query) {
      const m = matchPayload(e.query != null ? `${e.path ?? ''}?${e.query}` : e.path) ?? (e.user_agent && /\$\{|\(\)\s*\{/.test(e.user_agent) ? matchPayload(e.user_agent) : null);
      if (m) s.payloads.push({ id: e.id, ip, ts, status: st, kind: m.kind, fragment: m.fragment });
    }
    return ip;
  }

  /** The same aggregate rows the SQL tasks produce, for some sources (rate rows for all: bursts need the population). */
  function aggregatesFor(ips: Iterable<string>): Aggregates {
    const agg = emptyAggregates();
    for (const [ip, s] of state) if (s.minutes.size) agg.rate.push({ ip, peak: s.peak, peakMinute: s.peakMinute, total: s.timed, minutes: s.minutes.size, hours: new Set([...s.minutes.keys()].map((m) => Math.floor(m / 60))).size });
    const dirty = new Set(ips);
    for (const ip of dirty) {
      const s = state.get(ip);
      if (!s) continue;
      agg.profile.push({ ip, events: s.events, bytes: s.bytes, dsts: s.dsts.size, ports: s.ports.size, paths: s.paths.size, errors: s.errors, denied: s.denied, notFound: s.notFound, authFail: s.authFail, authOk: s.authOk, oddMethods: s.oddMethods, dnsAvgBytes: s.dnsFlows ? s.dnsBytes / s.dnsFlows : null, sentBytes: s.sentBytes, first: s.first, last: s.last });
      if (s.scanPorts.size) agg.ports.push({ ip, ports: s.scanPorts.size, low: s.scanLow.size, hosts: s.scanHosts.size, flows: s.scanFlows, syn: s.scanSyn, first: s.scanFirst, last: s.scanLast });
      for (const [svc, h] of s.hosts) agg.hosts.push({ ip, svc, hosts: h.peak, flows: h.flows, probes: h.probes, known: h.known, first: h.first, last: h.last });
      if (s.ssh.fails) agg.ssh.push({ ip, fails: s.ssh.fails, invalid: s.ssh.invalid, ok: s.ssh.ok, users: s.ssh.users.size, firstFail: s.ssh.firstFail, lastFail: s.ssh.lastFail, lastOk: s.ssh.lastOk, okUsers: [...s.ssh.okUsers].join(',') || null });
      const w = s.web;
      if (w.loginFails + w.loginPosts + w.denied) agg.webLogin.push({ ip, loginFails: w.loginFails, loginPosts: w.loginPosts, loginOk: w.loginOk, denied: w.denied, paths: w.paths.size, topPath: w.topPath, first: w.first, last: w.last });
      for (const f of s.flowLogin.values()) agg.flowLogin.push({ ip, dst: f.dst, port: f.port, flows: f.flows, short: f.short, first: f.first, last: f.last });
      for (const [dst, p] of s.pairs) agg.pairs.push({ src: ip, dst, bytes: p.bytes, flows: p.flows, ports: p.ports.size, port: p.port, first: p.first, last: p.last });
      for (const [agent, a] of s.agents) agg.agents.push({ ip, agent, ...a });
      for (const [agent, c] of s.crawlers) agg.crawlers.push({ ip, agent, ...c });
      if (s.missing.size) agg.sweeps.push({ ip, missingPaths: s.missing.size, notFound: s.notFound, requests: s.events, first: s.missingFirst, last: s.missingLast });
      agg.payloads.push(...s.payloads);
    }
    return agg;
  }

  return {
    detectors: detectors.map((d) => d.name),
    addEvents(rows) {
      const dirty = new Set<string>();
      for (const r of rows) {
        const ip = fold(r);
        if (ip) dirty.add(ip);
      }
      if (dirty.size === 0) return [];
      const agg = aggregatesFor(dirty);
      // bursts compare with the whole population, but report only the sources that changed
      const drafts = runDetectors(agg, settings, detectors).filter((d) => dirty.has(d.entity) || dirty.has(d.entity.split(' -> ')[0] ?? ''));
      const items = evidenceItems(drafts);
      const out: Finding[] = [];
      drafts.forEach((d, i) => {
        const it = items[i]!;
        const count = (db.prepare(`SELECT COUNT(*) AS c FROM events WHERE ${it.where}`).get(...it.params) as { c: number }).c;
        const sampleIds = it.sampleIds ?? (db.prepare(`SELECT id FROM events WHERE ${it.where} ORDER BY id LIMIT 20`).all(...it.params) as { id: number }[]).map((x) => x.id);
        const f = toFinding(d, { count, sampleIds });
        const sig = `${f.severity}|${f.title}`;
        if (emitted.get(f.id) === sig) return;
        emitted.set(f.id, sig);
        out.push(f);
      });
      if (opts.store !== false && out.length) db.transaction(() => upsertFindings(db, out))();
      return out;
    },
  };
}
