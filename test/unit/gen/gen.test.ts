// The seeded generator: reproducible bytes, every incident kind planted and really present in the
// files with the numbers the ground truth states, the formats' quirks, labels that match the plan.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GEN_FILE_NAMES, GEN_FORMATS, INCIDENT_KINDS, type GroundTruth, type Incident } from '../../../src/core/gen';
import { apacheMs, attackerAddresses, generateTo, parseAccess, readLines, SMALL, splitCsv, type AccessRow } from './helpers';

let dir = '';
let truth: GroundTruth;
let access: AccessRow[] = [];

const file = (f: keyof typeof GEN_FILE_NAMES): string => path.join(dir, GEN_FILE_NAMES[f]);
const sha = (p: string): string => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
const incidentsOf = (kind: Incident['kind'], fileName: string): Incident[] => truth.incidents.filter((i) => i.kind === kind && i.files.includes(fileName));

beforeAll(async () => {
  ({ dir, truth } = await generateTo({ seed: 7, lines: SMALL }));
  access = readLines(file('access')).map(parseAccess);
}, 120_000);

describe('files and ground truth', () => {
  it('writes every file with exactly --lines records and describes them', () => {
    for (const f of GEN_FORMATS) {
      const lines = readLines(file(f));
      const header = f === 'flows' || f === 'webcsv' ? 1 : 0;
      expect(lines.length - header, f).toBe(SMALL);
      expect(truth.files[f]?.records).toBe(SMALL);
      expect(truth.files[f]?.bytes).toBe(fs.statSync(file(f)).size);
    }
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as GroundTruth;
    expect(onDisk).toEqual(truth);
    expect(truth.seed).toBe(7);
    expect(truth.start).toBe('2025-03-17T00:00:00.000Z');
    expect(truth.end).toBe('2025-03-18T00:00:00.000Z');
  });

  it('writes plain ASCII (non-Latin text is percent-encoded, as on the wire)', () => {
    for (const f of GEN_FORMATS) {
      const bytes = fs.readFileSync(file(f));
      expect(bytes.findIndex((b) => b > 0x7e || (b < 0x20 && b !== 0x0a)), f).toBe(-1);
    }
  });

  it('plants every incident kind, each inside the time span with a positive count', () => {
    const kinds = new Set(truth.incidents.map((i) => i.kind));
    for (const k of INCIDENT_KINDS) expect(kinds.has(k), k).toBe(true);
    const ids = new Set<string>();
    for (const inc of truth.incidents) {
      expect(ids.has(inc.id), inc.id).toBe(false);
      ids.add(inc.id);
      expect(inc.count).toBeGreaterThan(0);
      expect(inc.firstSeen >= truth.start && inc.lastSeen <= truth.end, inc.id).toBe(true);
      expect(inc.firstSeen <= inc.lastSeen).toBe(true);
    }
    expect(truth.benign.map((b) => b.kind)).toEqual(expect.arrayContaining(['crawler', 'nat_proxy', 'health_check', 'lookalike_requests', 'password_typo', 'backup', 'server_replies', 'busy_user']));
  });

  it('keeps records in time order (access lines at most a second early, as servers log them)', () => {
    let prev = -Infinity;
    for (const r of access) {
      const t = apacheMs(r.time);
      expect(t).toBeGreaterThanOrEqual(prev - 1000);
      prev = Math.max(prev, t);
    }
    const flowTimes = readLines(file('flows')).slice(1).map((l) => Date.parse(`${l.slice(0, 23).replace(' ', 'T')}Z`));
    for (let i = 1; i < flowTimes.length; i++) expect(flowTimes[i]!).toBeGreaterThanOrEqual(flowTimes[i - 1]!);
  });
});

describe('access log incidents are really in the file', () => {
  const rowsOf = (ip: string): AccessRow[] => access.filter((r) => r.ip === ip);

  it('brute force: failed logins above the seed threshold, fast and slow', () => {
    const bf = incidentsOf('brute_force', 'access.log');
    expect(bf.map((i) => i.intensity).sort()).toEqual(['fast', 'slow']);
    for (const inc of bf) {
      const fails = rowsOf(inc.entity).filter((r) => r.method === 'POST' && (r.status === 401 || r.status === 403) && r.url === inc.details.path);
      expect(fails.length).toBe(inc.count);
      expect(inc.count).toBeGreaterThan(500);
    }
  });

  it('credential stuffing: many sources each below five failures on one login path', () => {
    const [inc] = incidentsOf('credential_stuffing', 'access.log');
    const ips = new Set(inc!.details.ips as string[]);
    expect(ips.size).toBeGreaterThanOrEqual(20);
    const per = new Map<string, number>();
    for (const r of access) if (ips.has(r.ip) && r.status === 401 && r.url === inc!.entity) per.set(r.ip, (per.get(r.ip) ?? 0) + 1);
    expect([...per.values()].reduce((a, b) => a + b, 0)).toBe(inc!.count);
    expect(Math.max(...per.values())).toBeLessThan(5);
  });

  it('web attacks: payloads in varied encodings, one attacker per category plus a low-and-slow one', () => {
    const wa = incidentsOf('web_attack', 'access.log');
    expect(new Set(wa.map((i) => i.category))).toEqual(new Set(['sqli', 'xss', 'traversal', 'cmdi']));
    expect(wa.some((i) => i.intensity === 'low-and-slow')).toBe(true);
    for (const inc of wa) expect(rowsOf(inc.entity).length).toBe(inc.count + Number(inc.details.coverRequests));
    const urls = access.map((r) => r.url).join('\n');
    for (const marker of ['%27', '%2527', '%3Cscript%3E', '..%2f', 'UnIoN', '+']) expect(urls.includes(marker), marker).toBe(true);
  });

  it('scanners: every tool with its own user agent, and a 404 sweep with a normal browser', () => {
    const tools = incidentsOf('scanner', 'access.log').map((i) => i.details.tool);
    expect(tools.sort()).toEqual(['dirbuster', 'gobuster', 'masscan', 'nikto', 'nmap', 'nuclei', 'sqlmap', 'wpscan', 'zgrab']);
    const uas = new Set(access.map((r) => r.ua));
    for (const needle of ['sqlmap/', 'Nikto', 'Nmap Scripting Engine', 'masscan/', 'zgrab', 'gobuster/', 'DirBuster', 'WPScan', 'Nuclei']) {
      expect([...uas].some((u) => u.includes(needle)), needle).toBe(true);
    }
    const [sweep] = incidentsOf('sweep_404', 'access.log');
    const rows = rowsOf(sweep!.entity);
    expect(rows.every((r) => r.status === 404 && r.ua.startsWith('Mozilla/5.0'))).toBe(true);
    expect(new Set(rows.map((r) => r.url)).size).toBe(sweep!.count);
  });

  it('dos, heavy download, beaconing and the odd client have the stated shapes', () => {
    const [dos] = incidentsOf('dos', 'access.log');
    expect(rowsOf(dos!.entity).length).toBe(dos!.count);
    const [ex] = incidentsOf('exfiltration', 'access.log');
    const bytes = rowsOf(ex!.entity).reduce((a, r) => a + r.size, 0);
    expect(bytes).toBe(ex!.details.bytes);
    expect(bytes).toBeGreaterThan(1e9);
    const [bc] = incidentsOf('beaconing', 'access.log');
    const times = rowsOf(bc!.entity).map((r) => apacheMs(r.time));
    expect(times.length).toBe(bc!.count);
    const gaps = times.slice(1).map((t, i) => (t - times[i]!) / 1000).sort((a, b) => a - b);
    expect(Math.abs(gaps[Math.floor(gaps.length / 2)]! - Number(bc!.details.intervalSeconds))).toBeLessThanOrEqual(Number(bc!.details.intervalSeconds) * 0.06 + 1);
    const [odd] = incidentsOf('outlier', 'access.log');
    expect(rowsOf(odd!.entity).every((r) => r.method !== 'GET')).toBe(true);
  });

  it('benign traps: real crawler user agents, a 30 s health check, attack-looking legitimate requests', () => {
    for (const b of truth.benign.filter((x) => x.kind === 'crawler' && x.files[0] === 'access.log')) {
      const rows = rowsOf(b.entity);
      expect(rows.length).toBe(b.count);
      expect(rows.every((r) => /Googlebot|bingbot/.test(r.ua))).toBe(true);
    }
    const hc = truth.benign.find((b) => b.kind === 'health_check')!;
    const t = rowsOf(hc.entity).map((r) => apacheMs(r.time));
    expect(t.length).toBe(hc.count);
    expect(Math.round((t[t.length - 1]! - t[0]!) / (t.length - 1) / 1000)).toBe(30);
    const urls = new Set(access.map((r) => r.url));
    expect(urls.has("/search?q=O'Reilly") || urls.has('/search?q=O%27Reilly+programming+books')).toBe(true);
    expect([...urls].some((u) => u.includes('%D8') || u.includes('%DA') || u.includes('%DB'))).toBe(true);
    expect(access.some((r) => r.method === '-' && r.status === 408)).toBe(true);
    expect(access.filter((r) => r.ip.includes(':')).length).toBeGreaterThan(0);
  });
});

describe('flows.csv', () => {
  let rows: string[][] = [];
  beforeAll(() => {
    rows = readLines(file('flows')).slice(1).map((l) => l.split(','));
  });
  const bytesOf = (s: string): number => {
    const m = /^([\d.]+)(?: ([KM]))?$/.exec(s.trim())!;
    return Math.round(Number(m[1]) * (m[2] === 'M' ? 1e6 : m[2] === 'K' ? 1e3 : 1));
  };
  const port = (s: string): number => Number(s);

  it('keeps the CIDDS-001 quirks', () => {
    const text = fs.readFileSync(file('flows'), 'utf8');
    expect(text.startsWith('Date first seen,Duration,Proto,Src IP Addr,Src Pt,Dst IP Addr,Dst Pt,Packets,Bytes,Flows,Flags,Tos,class,attackType,attackID,attackDescription\n')).toBe(true);
    expect(rows.every((r) => r.length === 16)).toBe(true);
    expect(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(rows[0]![0]!)).toBe(true);
    expect(rows.some((r) => r[2] === 'TCP  ')).toBe(true);
    expect(rows.some((r) => r[2] === 'ICMP ' && r[6] === '8.0')).toBe(true);
    expect(rows.some((r) => r[2] === 'ICMP ' && r[6] === '0.0')).toBe(true);
    expect(rows.some((r) => / M$/.test(r[8]!))).toBe(true);
    expect(rows.some((r) => / K$/.test(r[8]!))).toBe(true);
    expect(rows.some((r) => r[2] !== 'ICMP ' && /^\d+\.0$/.test(r[4]!))).toBe(true);
    expect(rows.some((r) => r[7] === '' || r[7] === 'NULL' || r[11] === '' || r[11] === 'NULL')).toBe(true);
    expect(new Set(rows.map((r) => r[12]))).toEqual(new Set(['normal', 'attacker', 'victim']));
    const tcp = rows.filter((r) => r[2] === 'TCP  ').length / rows.length;
    expect(tcp).toBeGreaterThan(0.75);
  });

  it('port scans: SYN-only probes to many distinct ports including well-known ones, fast and slow', () => {
    const scans = incidentsOf('port_scan', 'flows.csv');
    expect(scans.map((s) => s.intensity)).toEqual(expect.arrayContaining(['fast', 'slow']));
    for (const s of scans) {
      const probes = rows.filter((r) => r[3] === s.entity && r[10] === '....S.');
      expect(probes.length).toBe(s.count);
      const ports = new Set(probes.map((r) => port(r[6]!)));
      expect(ports.size).toBe(s.details.distinctPorts);
      expect([...ports].some((p) => p < 1024)).toBe(true);
      expect(ports.size).toBeGreaterThan(s.intensity === 'inside' ? 50 : 150);
    }
  });

  it('host scan and ping sweep touch many hosts', () => {
    for (const kind of ['ping_sweep', 'host_scan'] as const) {
      const [inc] = incidentsOf(kind, 'flows.csv');
      const hosts = new Set(rows.filter((r) => r[3] === inc!.entity).map((r) => r[5]));
      expect(hosts.size).toBe(inc!.details.distinctHosts);
      expect(hosts.size).toBeGreaterThanOrEqual(254);
    }
  });

  it('brute force flows, flood, exfiltration over 1 GB and beaconing', () => {
    for (const inc of incidentsOf('brute_force', 'flows.csv')) {
      const n = rows.filter((r) => r[3] === inc.entity && port(r[6]!) === inc.details.port).length;
      expect(n).toBe(inc.count);
      expect(n).toBeGreaterThan(500);
    }
    const [ex] = incidentsOf('exfiltration', 'flows.csv');
    const out = rows.filter((r) => r[3] === ex!.entity && r[5] === ex!.details.dst).reduce((a, r) => a + bytesOf(r[8]!), 0);
    expect(out).toBe(ex!.details.bytes);
    expect(out).toBeGreaterThan(1e9);
    const [bc] = incidentsOf('beaconing', 'flows.csv');
    expect(rows.filter((r) => r[3] === bc!.entity && r[5] === bc!.details.dst).length).toBe(bc!.count);
    const [dos] = incidentsOf('dos', 'flows.csv');
    expect(rows.filter((r) => r[3] === dos!.entity).length).toBe(dos!.count);
  });

  it('server reply flows fan out to ephemeral ports (the benign port-scan look-alike)', () => {
    const trap = truth.benign.find((b) => b.kind === 'server_replies')!;
    const replies = rows.filter((r) => r[3] === trap.entity && r[12] === 'normal' && r[2] === 'TCP  ' && [80, 443].includes(port(r[4]!)));
    const replyPorts = new Set(replies.map((r) => port(r[6]!)));
    expect(replyPorts.size).toBeGreaterThan(150);
    expect([...replyPorts].every((p) => p >= 1024)).toBe(true);
    const backup = truth.benign.find((b) => b.kind === 'backup')!;
    const moved = rows.filter((r) => r[3] === backup.entity).reduce((a, r) => a + bytesOf(r[8]!), 0);
    expect(moved).toBeGreaterThan(5e9);
  });
});

describe('labelled web files', () => {
  it('weblogs.csv labels exactly the planted attack rows, with rare categories present', () => {
    const lines = readLines(file('webcsv'));
    expect(lines[0]).toBe('ip,time,method,path,status,size,referrer,user_agent,anomalous,category');
    const rows = lines.slice(1).map(splitCsv);
    expect(rows.every((r) => r.length === 10)).toBe(true);
    const planted = incidentsOf('web_attack', 'weblogs.csv').concat(incidentsOf('brute_force', 'weblogs.csv'), incidentsOf('scanner', 'weblogs.csv'), incidentsOf('dos', 'weblogs.csv'));
    const byIp = new Map(planted.map((i) => [i.entity, i]));
    let anomalous = 0;
    const cover = new Map<string, number>();
    for (const r of rows) {
      const inc = byIp.get(r[0]!);
      if (r[8] === '1') {
        anomalous++;
        expect(inc, `labelled row from an unplanted address ${r[0]}`).toBeDefined();
        expect(r[9]).toBe(inc!.category);
      } else {
        expect(r[9]).toBe('not anomalous');
        if (inc) cover.set(inc.entity, (cover.get(inc.entity) ?? 0) + 1);
      }
    }
    // a fast brute force ends with the login that worked: part of the attack, labelled too
    expect(anomalous).toBe(planted.reduce((a, i) => a + i.count + Number(i.details.successes ?? 0), 0));
    expect(truth.files.webcsv?.labels?.['1']).toBe(anomalous);
    // hard cases: attackers who also browse normally (rows labelled 0), and low-and-slow attackers
    expect(cover.size).toBeGreaterThan(3);
    expect(planted.some((i) => i.intensity === 'low-and-slow')).toBe(true);
    const cats = truth.files.webcsv!.categories!;
    for (const c of ['sqli', 'xss', 'traversal', 'cmdi', 'brute_force', 'scanner', 'dos']) expect(cats[c], c).toBeGreaterThan(0);
    expect(cats.cmdi! / SMALL).toBeLessThan(0.003);
    expect(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(rows[0]![1]!)).toBe(true);
  });

  it('stream.jsonl follows the seed schema, some numbers as strings, same labelling', () => {
    const objs = readLines(file('jsonl')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const keys = ['ip_address', 'date_time', 'request_type', 'request_arg', 'status_code', 'response_size', 'referrer', 'user_agent'];
    expect(objs.every((o) => keys.every((k) => k in o))).toBe(true);
    expect(objs.some((o) => typeof o.status_code === 'string')).toBe(true);
    expect(objs.some((o) => typeof o.status_code === 'number')).toBe(true);
    expect(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}$/.test(String(objs[0]!.date_time))).toBe(true);
    const planted = truth.incidents.filter((i) => i.files.includes('stream.jsonl'));
    const expected = planted.reduce((a, i) => a + i.count + Number(i.details.successes ?? 0), 0);
    expect(objs.filter((o) => o.anomalous === 1).length).toBe(expected);
    const first = apacheMs(String(objs[0]!.date_time));
    expect(first).toBeGreaterThanOrEqual(Date.parse(truth.start));
  });
});

describe('auth.log', () => {
  it('is RFC 3164 without a year, with SSH brute force above the threshold and a busy clean user', () => {
    const lines = readLines(file('auth'));
    expect(lines.every((l) => /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S+ [\w-]+(\[\d+\])?: /.test(l))).toBe(true);
    for (const inc of incidentsOf('brute_force', 'auth.log')) {
      if (inc.intensity === 'spraying' || inc.intensity === 'rotating') continue;
      // password guessing leaves "Failed password" lines; guessing against a key-only server only closes
      const n = lines.filter((l) => (l.includes('Failed password') && l.includes(` from ${inc.entity} port `)) || (l.includes(' authenticating user ') && l.includes(` ${inc.entity} port `))).length;
      expect(n).toBe(inc.count);
      expect(n).toBeGreaterThan(500);
    }
    // password spraying: one or two failures on each of many accounts
    const [spray] = incidentsOf('brute_force', 'auth.log').filter((i) => i.intensity === 'spraying');
    const perUser = new Map<string, number>();
    for (const l of lines) {
      const m = / Failed password for (?:invalid user )?(\S+) from (\S+) port /.exec(l);
      if (m && m[2] === spray!.entity) perUser.set(m[1]!, (perUser.get(m[1]!) ?? 0) + 1);
    }
    expect(perUser.size).toBeGreaterThanOrEqual(15);
    expect(Math.max(...perUser.values())).toBeLessThanOrEqual(2);
    // one /24 taking turns: every address under the per-address threshold, the network over it
    const [rot] = incidentsOf('brute_force', 'auth.log').filter((i) => i.intensity === 'rotating');
    expect(rot!.entity).toMatch(/^\d+\.\d+\.\d+\.0\/24$/);
    const net = rot!.entity.slice(0, -5);
    const perIp = new Map<string, number>();
    for (const l of lines) {
      const m = / Failed password for root from (\S+) port /.exec(l);
      if (m && m[1]!.startsWith(`${net}.`)) perIp.set(m[1]!, (perIp.get(m[1]!) ?? 0) + 1);
    }
    expect(perIp.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...perIp.values())).toBeLessThan(10);
    expect([...perIp.values()].reduce((a, b) => a + b, 0)).toBe(rot!.count);
    // one of them is against a key-only server: no "Failed password" line from it at all
    const keyOnly = incidentsOf('brute_force', 'auth.log').filter((i) => /key-only/.test(i.description));
    expect(keyOnly).toHaveLength(1);
    expect(lines.some((l) => l.includes('Failed password') && l.includes(` from ${keyOnly[0]!.entity} port `))).toBe(false);
    const [stuffing] = incidentsOf('credential_stuffing', 'auth.log');
    const bots = new Set(stuffing!.details.ips as string[]);
    const perBot = new Map<string, number>();
    for (const l of lines) {
      const m = / Failed password for .* from (\S+) port /.exec(l);
      if (m && bots.has(m[1]!)) perBot.set(m[1]!, (perBot.get(m[1]!) ?? 0) + 1);
    }
    expect([...perBot.values()].reduce((a, b) => a + b, 0)).toBe(stuffing!.count);
    expect(perBot.size).toBe(bots.size);
    expect(Math.max(...perBot.values())).toBeLessThan(5);
    const busy = truth.benign.find((b) => b.kind === 'busy_user')!;
    const mine = lines.filter((l) => l.includes(busy.entity));
    expect(mine.filter((l) => l.includes('Accepted publickey')).length).toBe(busy.count);
    expect(mine.some((l) => l.includes('Failed'))).toBe(false);
    expect(lines.some((l) => l.includes('message repeated'))).toBe(true);
    // the year is not in the file: mtime carries it for year-less parsers
    expect(fs.statSync(file('auth')).mtime.toISOString()).toBe(truth.end);
  });
});

describe('dns.log', () => {
  it('is a BIND query log with a fast tunnel and a slow DNS beacon under their domains, and the benign lookups', () => {
    const lines = readLines(file('dns'));
    const re = /^\d\d-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d\.\d{3} client @0x[0-9a-f]+ (\S+)#\d+ \((\S+)\): query: \2 IN ([A-Z]+) \+E\(0\)K \(192\.168\.100\.53\)$/;
    const rows = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    expect(rows).toHaveLength(lines.length);
    const tunnels = incidentsOf('dns_tunnel', 'dns.log');
    expect(tunnels.map((i) => i.intensity).sort()).toEqual(['fast', 'slow']);
    for (const inc of tunnels) {
      const [client, domain] = inc.entity.split(' -> ') as [string, string];
      const mine = rows.filter((m) => m[1] === client && m[2]!.endsWith(`.${domain}`));
      expect(mine).toHaveLength(inc.count);
      expect(new Set(mine.map((m) => m[2])).size).toBe(inc.count);
      expect(Math.min(...mine.map((m) => m[2]!.length - domain.length - 1))).toBeGreaterThanOrEqual(24);
    }
    const [fast] = tunnels.filter((i) => i.intensity === 'fast');
    expect(rows.filter((m) => m[1] === fast!.entity.split(' -> ')[0] && (m[3] === 'NULL' || m[3] === 'TXT')).length).toBe(fast!.count);
    expect(truth.benign.map((b) => b.kind)).toEqual(expect.arrayContaining(['cdn_names', 'av_reputation', 'dnsbl_lookups', 'mail_lookups', 'srv_lookups']));
    const dnsbl = truth.benign.find((b) => b.kind === 'dnsbl_lookups')!;
    expect(rows.filter((m) => m[1] === dnsbl.entity && /\.(zen\.spamhaus\.org|bl\.spamcop\.net|b\.barracudacentral\.org)$/.test(m[2]!)).length).toBe(dnsbl.count);
  });
});

describe('determinism', () => {
  it('same seed gives byte-identical files; another seed gives disjoint attacker addresses', async () => {
    const again = await generateTo({ seed: 7, lines: SMALL });
    for (const f of GEN_FORMATS) expect(sha(path.join(again.dir, GEN_FILE_NAMES[f])), f).toBe(sha(file(f)));
    expect(again.truth).toEqual(truth);
    fs.rmSync(again.dir, { recursive: true, force: true });

    const other = await generateTo({ seed: 8, lines: SMALL });
    expect(sha(path.join(other.dir, 'access.log'))).not.toBe(sha(file('access')));
    const a = attackerAddresses(truth);
    const b = attackerAddresses(other.truth);
    expect(a.size).toBeGreaterThan(50);
    expect([...a].filter((ip) => b.has(ip))).toEqual([]);
    // attackers never share an address with the benign population
    const benign = new Set(truth.benign.map((x) => x.entity));
    expect([...a].filter((ip) => benign.has(ip))).toEqual([]);
    fs.rmSync(other.dir, { recursive: true, force: true });
  }, 120_000);
});

describe('--lines too small', () => {
  it('names the one minimum that fits every file and leaves no half-written set behind', async () => {
    const { generate } = await import('../../../src/core/gen');
    const out = fs.mkdtempSync(path.join(path.dirname(dir), 'loupe-gen-small-'));
    let message = '';
    await generate({ seed: 3, lines: 2000, outDir: out }).catch((e: Error) => (message = e.message));
    const need = Number(/use --lines (\d+) or more/.exec(message)?.[1]);
    expect(message).toMatch(/--lines 2000 is too small to plant every incident in [2-6] of the files/);
    expect(need).toBeGreaterThan(2000);
    expect(fs.readdirSync(out)).toEqual([]);
    // one retry with the number it named is enough
    const truth = await generate({ seed: 3, lines: need, outDir: out });
    expect(Object.keys(truth.files).length).toBe(6);
    fs.rmSync(out, { recursive: true, force: true });
  }, 120_000);
});
