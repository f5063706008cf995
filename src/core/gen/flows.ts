// flows.csv in the CIDDS-001 layout, with its quirks (space-padded Proto, "1.2 M" bytes, "80.0"
// ports, ICMP type.code ports, occasional empty/NULL numbers), planted scans, brute force, floods,
// exfiltration, beaconing and a DNS-tunnel-like outlier, plus a nightly backup as a benign trap.
import { AttackerIps, INTERNAL } from './ips';
import { HOUR, MIN, Plan, TooFewLines } from './plan';
import { clamp, Rng } from './rng';
import { LineSink } from './sink';
import { BackgroundClock, fitSpan, periodicTimes, randomWindow, runTimeline, sortByTime, spreadTimes } from './timeline';
import { isoSpaceMillis } from './timefmt';
import type { FileContext, FileResult } from './types';
import { ephemeral, flow, FlowBackground, type FlowEvent, SERVERS } from './flows-model';

export const FLOW_HEADER = 'Date first seen,Duration,Proto,Src IP Addr,Src Pt,Dst IP Addr,Dst Pt,Packets,Bytes,Flows,Flags,Tos,class,attackType,attackID,attackDescription';

/** CIDDS writes large byte counts with a 1000-based suffix. */
export function cidsBytes(b: number): string {
  if (b >= 1_000_000) return `${(b / 1_000_000).toFixed(1)} M`;
  if (b >= 100_000) return `${Math.round(b / 1000)} K`;
  return String(b);
}

/** What a reader gets back from cidsBytes (ground truth counts what the file says). */
export function parseCidsBytes(s: string): number {
  const m = /^([\d.]+)\s*([KMG]?)$/.exec(s.trim());
  if (!m) return NaN;
  const mult = m[2] === 'M' ? 1e6 : m[2] === 'K' ? 1e3 : m[2] === 'G' ? 1e9 : 1;
  return Math.round(Number(m[1]) * mult);
}

const WELL_KNOWN = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1723, 3306, 3389, 5900, 8080];
const OPEN_ON_SERVERS = new Set([22, 80, 443, 445, 3389, 25, 53]);

class FlowPlanner {
  private attackIds = 0;
  private readonly used = new Set<string>();
  constructor(
    readonly plan: Plan<FlowEvent>,
    readonly bg: FlowBackground,
  ) {}

  nextAttackId(): string {
    return String(++this.attackIds);
  }

  /** A compromised inside host, distinct from the other planted ones. */
  insider(): string {
    for (;;) {
      const c = this.bg.client();
      if (!this.used.has(c)) {
        this.used.add(c);
        return c;
      }
    }
  }

  portScan(ports: number, dur: number, intensity: string, attacker: string, target: string): void {
    const { rng, start, end } = this.plan.ctx;
    dur = fitSpan(dur, start, end);
    const id = this.nextAttackId();
    const all: number[] = [];
    for (let p = 1; p <= 1024; p++) all.push(p);
    const list = rng.sample(all, Math.min(ports, 1024, Math.max(WELL_KNOWN.length, Math.round(ports * 0.4))));
    const chosen = new Set<number>([...WELL_KNOWN.slice(0, Math.min(ports, WELL_KNOWN.length)), ...list]);
    while (chosen.size < ports) chosen.add(rng.int(1025, 65535));
    const order = rng.shuffle([...chosen].slice(0, ports));
    const sp = rng.int(40000, 65000); // nmap keeps one source port per scan
    const t0 = randomWindow(rng, start, end, dur);
    const times = spreadTimes(rng, t0, dur, order.length);
    const desc = intensity === 'slow' ? 'nmap -sS -T1 (slow SYN scan)' : 'nmap -sS SYN scan';
    const probes: FlowEvent[] = [];
    order.forEach((port, i) => {
      const ts = times[i] as number;
      const pr = flow(ts, 'TCP', attacker, sp, target, port, 1, rng.pick([40, 44, 58, 60]), '....S.', 0, 'attacker', 'portScan', id, desc);
      probes.push(pr);
      const open = OPEN_ON_SERVERS.has(port);
      if (open || rng.chance(0.9)) {
        this.plan.add([flow(ts + rng.int(0, 3), 'TCP', target, port, attacker, sp, 1, open ? 44 : 40, open ? '.A..S.' : '.A.R..', 0, 'victim', 'portScan', id, desc)]);
      }
    });
    this.plan.add(probes);
    this.plan.incident('port_scan', attacker, 'ip', probes, `${ports} distinct destination ports probed on ${target} with SYN-only flows (${intensity}) over ${dur < MIN ? `${Math.round(dur / 1000)} s` : `${Math.round(dur / MIN)} min`}`, {
      intensity, details: { distinctPorts: ports, portsBelow1024: order.filter((p) => p < 1024).length, target },
    });
  }

  pingSweep(hosts: number): void {
    const { rng, start, end } = this.plan.ctx;
    const id = this.nextAttackId();
    const attacker = this.plan.ctx.attackers.take();
    const nets = [INTERNAL.servers, ...INTERNAL.clientNets];
    const targets: string[] = [];
    for (let i = 0; targets.length < hosts; i++) for (let h = 1; h <= 254 && targets.length < hosts; h++) targets.push(`${nets[i % nets.length] as string}${h}`);
    const dur = fitSpan(rng.int(20, 300) * 1000, start, end);
    const t0 = randomWindow(rng, start, end, dur);
    const times = spreadTimes(rng, t0, dur, targets.length);
    const probes = targets.map((dst, i) => flow(times[i] as number, 'ICMP', attacker, 0, dst, '8.0', 1, rng.pick([28, 42, 60]), '......', 0, 'attacker', 'pingScan', id, 'nmap -sn ping sweep'));
    for (const p of probes) {
      if (rng.chance(0.35)) this.plan.add([flow(p.ts + rng.int(0, 5), 'ICMP', p.dst, 0, attacker, '0.0', 1, p.bytes, '......', 0, 'victim', 'pingScan', id, 'nmap -sn ping sweep')]);
    }
    this.plan.add(probes);
    this.plan.incident('ping_sweep', attacker, 'ip', probes, `ICMP echo requests to ${hosts} inside hosts within ${Math.round(dur / 1000)} s`, {
      details: { distinctHosts: hosts },
    });
  }

  hostScan(hosts: number): void {
    const { rng, start, end } = this.plan.ctx;
    const id = this.nextAttackId();
    const attacker = this.plan.ctx.attackers.take();
    const port = rng.pick([445, 3389, 22, 23, 5900]);
    const dur = fitSpan(rng.int(1, 20) * MIN, start, end);
    const t0 = randomWindow(rng, start, end, dur);
    const times = spreadTimes(rng, t0, dur, hosts);
    const sp = rng.int(40000, 65000);
    const probes: FlowEvent[] = [];
    for (let i = 0; i < hosts; i++) {
      const net = INTERNAL.clientNets[Math.floor(i / 254) % INTERNAL.clientNets.length] as string;
      const dst = `${i >= 254 * INTERNAL.clientNets.length ? INTERNAL.datacenter : net}${(i % 254) + 1}`;
      probes.push(flow(times[i] as number, 'TCP', attacker, sp, dst, port, 1, 44, '....S.', 0, 'attacker', 'portScan', id, `masscan -p${port}`));
      if (rng.chance(0.2)) this.plan.add([flow((times[i] as number) + 1, 'TCP', dst, port, attacker, sp, 1, 40, '.A.R..', 0, 'victim', 'portScan', id, `masscan -p${port}`)]);
    }
    this.plan.add(probes);
    this.plan.incident('host_scan', attacker, 'ip', probes, `TCP port ${port} probed on ${hosts} inside hosts (SYN-only) within ${Math.round(dur / MIN)} min`, {
      details: { distinctHosts: hosts, port },
    });
  }

  /**
   * An inside host spreading: SMB, RPC, RDP, WinRM and SSH to 15-40 other inside machines within
   * half an hour to two hours, each host tried once per service, some answered, some refused.
   */
  lateralMovement(): void {
    const { rng, start, end } = this.plan.ctx;
    const id = this.nextAttackId();
    const src = this.insider();
    const n = rng.int(15, 40);
    const pool: string[] = [];
    for (let h = 2; h <= 254; h++) pool.push(`${INTERNAL.servers}${h}`, `${INTERNAL.datacenter}${h}`);
    const targets = rng.sample(pool, n);
    const ports = rng.sample([445, 135, 3389, 5985, 22], rng.int(2, 4));
    const dur = fitSpan(rng.int(30, 120) * MIN, start, end);
    const t0 = randomWindow(rng, start, end, dur);
    const times = spreadTimes(rng, t0, dur, n);
    const desc = `lateral movement over ${ports.join('/')}`;
    const evs: FlowEvent[] = [];
    targets.forEach((dst, i) => {
      for (const port of ports) {
        const ts = (times[i] as number) + rng.int(0, 20_000);
        const sp = ephemeral(rng);
        const open = rng.chance(0.6);
        const f = open
          ? flow(ts, 'TCP', src, sp, dst, port, rng.int(10, 80), rng.int(2_000, 60_000), '.AP.SF', +rng.range(0.5, 30).toFixed(3), 'attacker', 'lateral', id, desc)
          : flow(ts, 'TCP', src, sp, dst, port, 1, 44, '....S.', 0, 'attacker', 'lateral', id, desc);
        evs.push(f);
        this.plan.add([flow(ts + 1, 'TCP', dst, port, src, sp, open ? rng.int(8, 60) : 1, open ? rng.int(2_000, 90_000) : 40, open ? '.AP.SF' : '.A.R..', f.dur, 'victim', 'lateral', id, desc)]);
      }
    });
    this.plan.add(evs);
    this.plan.incident('lateral_movement', src, 'ip', evs, `inside host reached ${n} inside machines on ${ports.join(', ')} within ${Math.round(dur / MIN)} min`, {
      details: { distinctHosts: n, ports: ports.join(',') },
    });
  }

  bruteFlows(count: number, port: 22 | 3389): void {
    const { rng, start, end } = this.plan.ctx;
    const id = this.nextAttackId();
    const attacker = this.plan.ctx.attackers.take();
    const target = port === 22 ? SERVERS.jump : SERVERS.rdp;
    const dur = fitSpan(rng.int(30, 120) * MIN, start, end);
    const t0 = randomWindow(rng, start, end, dur);
    const desc = port === 22 ? 'ssh password guessing' : 'rdp password guessing';
    const evs = spreadTimes(rng, t0, dur, count).map((ts) => {
      const sp = ephemeral(rng);
      const d = +(port === 22 ? rng.range(1, 4) : rng.range(2, 5)).toFixed(3);
      const pk = port === 22 ? rng.int(12, 24) : rng.int(10, 20);
      const f = flow(ts, 'TCP', attacker, sp, target, port, pk, port === 22 ? rng.int(1800, 4500) : rng.int(3000, 8000), '.AP.SF', d, 'attacker', 'bruteForce', id, desc);
      this.plan.add([flow(ts + 1, 'TCP', target, port, attacker, sp, pk + rng.int(-2, 3), port === 22 ? rng.int(2500, 5200) : rng.int(4000, 12000), '.AP.SF', d, 'victim', 'bruteForce', id, desc)]);
      return f;
    });
    this.plan.add(evs);
    this.plan.incident('brute_force', attacker, 'ip', evs, `${count} short connections to ${port === 22 ? 'SSH' : 'RDP'} (${target}:${port}) from one address over ${Math.round(dur / MIN)} min`, {
      details: { port, target },
    });
  }

  flood(count: number): void {
    const { rng, start, end } = this.plan.ctx;
    const id = this.nextAttackId();
    const attacker = this.plan.ctx.attackers.take();
    const dur = fitSpan(rng.int(2, 5) * MIN, start, end);
    const t0 = randomWindow(rng, start, end, dur);
    const evs = spreadTimes(rng, t0, dur, count).map((ts) => {
      const sp = ephemeral(rng);
      const f = flow(ts, 'TCP', attacker, sp, SERVERS.web, 80, rng.int(1, 2), rng.int(40, 120), '....S.', 0, 'attacker', 'dos', id, 'SYN flood');
      if (rng.chance(0.5)) this.plan.add([flow(ts + 1, 'TCP', SERVERS.web, 80, attacker, sp, 1, 44, '.A..S.', 0, 'victim', 'dos', id, 'SYN flood')]);
      return f;
    });
    this.plan.add(evs);
    this.plan.incident('dos', attacker, 'ip', evs, `${count} SYN flows to ${SERVERS.web}:80 in ${Math.round(dur / MIN)} min from one address`, {
      details: { perMinute: Math.round(count / (dur / MIN)) },
    });
  }

  exfiltration(): void {
    const { rng, start, end } = this.plan.ctx;
    const src = this.insider();
    const dst = this.plan.ctx.attackers.take();
    const n = rng.int(20, 80);
    const target = rng.range(1.3e9, 4e9);
    const dur = fitSpan(rng.int(1, 4) * HOUR, start, end);
    const t0 = randomWindow(rng, start, end, dur);
    const port = rng.pick([443, 443, 8443, 22]);
    const sp = ephemeral(rng);
    let total = 0;
    const evs = spreadTimes(rng, t0, dur, n).map((ts) => {
      const b = Math.round((target / n) * rng.range(0.6, 1.4));
      total += parseCidsBytes(cidsBytes(b));
      const f = flow(ts, 'TCP', src, sp, dst, port, Math.round(b / 1400), b, '.AP...', +rng.range(60, 300).toFixed(3), 'normal');
      this.plan.add([flow(ts, 'TCP', dst, port, src, sp, Math.round(b / 2800), Math.round(b / 40), '.A....', f.dur)]);
      return f;
    });
    this.plan.add(evs);
    this.plan.incident('exfiltration', src, 'ip', evs, `${(total / 1e9).toFixed(2)} GB sent by inside host ${src} to ${dst}:${port} in ${n} flows over ${Math.round(dur / HOUR)} h`, {
      details: { dst, bytes: total, flows: n, port },
    });
  }

  beacon(): void {
    const { rng, start, end } = this.plan.ctx;
    const src = this.insider();
    const dst = this.plan.ctx.attackers.take();
    const interval = Math.min(rng.pick([60, 90, 120, 300]) * 1000, Math.floor(((end - start) * 0.8) / 30));
    const jitter = interval * rng.range(0.01, 0.05);
    const hours = Math.min(((end - start) / HOUR) * 0.8, rng.range(6, 16));
    const n = Math.max(30, Math.floor((hours * HOUR) / interval));
    const t0 = randomWindow(rng, start, end, n * interval);
    const evs = periodicTimes(rng, t0, interval, jitter, n).map((ts) => {
      const sp = ephemeral(rng);
      const pk = rng.int(6, 9);
      const f = flow(ts, 'TCP', src, sp, dst, 443, pk, rng.int(800, 1300), '.AP.SF', +rng.range(0.2, 0.6).toFixed(3));
      this.plan.add([flow(ts + 40, 'TCP', dst, 443, src, sp, pk - 1, rng.int(600, 1000), '.AP.SF', f.dur)]);
      return f;
    });
    this.plan.add(evs);
    this.plan.incident('beaconing', src, 'ip', evs, `inside host ${src} connects to ${dst}:443 every ${interval / 1000} s (+/- ${Math.round(jitter / 1000)} s) for ${((n * interval) / HOUR).toFixed(1)} h`, {
      details: { dst, intervalSeconds: interval / 1000, jitterSeconds: Math.round(jitter / 100) / 10 },
    });
  }

  dnsTunnel(count: number): void {
    const { rng, start, end } = this.plan.ctx;
    const src = this.insider();
    const dst = this.plan.ctx.attackers.take();
    const dur = fitSpan(rng.int(1, 3) * HOUR, start, end);
    const t0 = randomWindow(rng, start, end, dur);
    const evs = spreadTimes(rng, t0, dur, count).map((ts) => {
      const sp = ephemeral(rng);
      const f = flow(ts, 'UDP', src, sp, dst, 53, 1, rng.int(200, 480), '......', 0);
      this.plan.add([flow(ts + 30, 'UDP', dst, 53, src, sp, 1, rng.int(100, 400), '......', 0)]);
      return f;
    });
    this.plan.add(evs);
    this.plan.incident('outlier', src, 'ip', evs, `inside host ${src} sends ${count} large DNS queries (200-480 bytes each) straight to ${dst} instead of the inside resolver: a feature profile unlike other hosts`, {
      details: { dst, port: 53 },
    });
  }

  backup(): void {
    const { rng, start, end } = this.plan.ctx;
    const src = `${INTERNAL.datacenter}${rng.int(20, 40)}`;
    const dst = `${INTERNAL.datacenter}${rng.int(50, 60)}`;
    // Nightly at 01:00-03:00 when the span covers a night, else anywhere.
    const day = Math.floor(start / (24 * HOUR)) * 24 * HOUR;
    let t0 = day + rng.int(1, 2) * HOUR + rng.int(0, 59) * MIN;
    const dur = fitSpan(rng.range(1.5, 2.5) * HOUR, start, end);
    if (t0 < start || t0 + dur > end) t0 = randomWindow(rng, start, end, dur);
    const n = Math.max(12, Math.round(dur / (5 * MIN)));
    let total = 0;
    const evs = periodicTimes(rng, t0, dur / n, 2000, n).map((ts) => {
      const b = Math.round(rng.range(200e6, 900e6));
      total += parseCidsBytes(cidsBytes(b));
      const f = flow(ts, 'TCP', src, 48022, dst, 873, Math.round(b / 1448), b, '.AP...', 300);
      this.plan.add([flow(ts, 'TCP', dst, 873, src, 48022, Math.round(b / 2896), Math.round(b / 60), '.A....', 300)]);
      return f;
    });
    this.plan.add(evs);
    this.plan.benignTrap('backup', src, n, `nightly rsync backup: ${src} sends ${(total / 1e9).toFixed(1)} GB to the inside backup server ${dst}:873 (many GB, but inside to inside, on schedule)`);
  }

  monitoring(): void {
    const { rng, start } = this.plan.ctx;
    const span = this.plan.span;
    const hosts = clamp(Math.floor((this.plan.ctx.lines * 0.03) / (2 * (span / (5 * MIN)))), 1, 20);
    const targets: string[] = Object.values(SERVERS).filter((s) => s !== SERVERS.monitor).slice(0, hosts);
    while (targets.length < hosts) targets.push(`${INTERNAL.datacenter}${targets.length + 2}`);
    const n = Math.min(Math.floor(span / (5 * MIN)), Math.max(12, Math.floor((this.plan.ctx.lines * 0.03) / (2 * hosts))));
    const t0 = Math.max(start, start + span - n * 5 * MIN - MIN);
    let count = 0;
    for (const dst of targets) {
      for (const ts of periodicTimes(rng, t0 + rng.int(0, 60_000), 5 * MIN, 500, n)) {
        this.plan.add([flow(ts, 'ICMP', SERVERS.monitor, 0, dst, '8.0', 1, 84, '......', 0), flow(ts + 1, 'ICMP', dst, 0, SERVERS.monitor, '0.0', 1, 84, '......', 0)]);
        count++;
      }
    }
    this.plan.benignTrap('monitoring', SERVERS.monitor, count, `monitoring server pings ${hosts} servers every 5 minutes (regular ICMP, few hosts)`);
  }
}

export async function generateFlowFile(ctx: FileContext): Promise<FileResult> {
  const file = ctx.path.split('/').pop() as string;
  const plan = new Plan<FlowEvent>({
    rng: new Rng(ctx.seed, 'flows:plan'), seed: ctx.seed, lines: ctx.lines, start: ctx.start, end: ctx.end, file, key: 'flows',
    attackers: new AttackerIps(ctx.seed, ctx.fileIndex),
  });
  const bg = new FlowBackground(new Rng(ctx.seed, 'flows:population'));
  const fp = new FlowPlanner(plan, bg);
  const { rng, lines } = plan.ctx;
  const span = plan.span;
  const lat = fp.insider();
  fp.portScan(clamp(Math.round(lines * 0.005), 1000, 10000), rng.int(10, 120) * 1000, 'fast', plan.ctx.attackers.take(), SERVERS.web);
  fp.portScan(clamp(Math.round(lines * 0.001), 200, 2000), Math.round(Math.min(span * 0.7, rng.range(4, 12) * HOUR)), 'slow', plan.ctx.attackers.take(), SERVERS.file);
  fp.portScan(100, rng.int(5, 30) * 1000, 'inside', lat, SERVERS.jump);
  fp.pingSweep(clamp(Math.round(lines * 0.001), 254, 1016));
  fp.hostScan(clamp(Math.round(lines * 0.001), 254, 2032));
  fp.lateralMovement();
  fp.bruteFlows(clamp(Math.round(lines * 0.005), 600, 20000), 22);
  fp.bruteFlows(clamp(Math.round(lines * 0.002), 600, 8000), 3389);
  fp.flood(clamp(Math.round(lines * 0.005), 500, 30000));
  fp.exfiltration();
  fp.beacon();
  fp.dnsTunnel(clamp(Math.round(lines * 0.002), 200, 5000));
  fp.backup();
  fp.monitoring();

  const planted = sortByTime(plan.events);
  if (planted.length > lines * 0.9) {
    throw new TooFewLines(Math.ceil(planted.length / 0.9), file, lines);
  }
  const fmtRng = new Rng(ctx.seed, 'flows:quirks');
  const clock = new BackgroundClock(new Rng(ctx.seed, 'flows:clock'), ctx.start, ctx.end, lines - planted.length);
  const sink = new LineSink(ctx.path, ctx.gzip);
  const t = isoSpaceMillis();
  let webReplies = 0;
  const labels: Record<string, number> = {};
  const categories: Record<string, number> = {};
  sink.header(`${FLOW_HEADER}\n`);
  await runTimeline(planted, lines - planted.length, clock, (ts) => bg.take(ts), (e) => {
    let sp: string = String(e.sp);
    let dp: string = typeof e.dp === 'string' ? e.dp : String(e.dp);
    let pk = String(e.pkts);
    let tos = String(e.tos);
    let flows = '1';
    labels[e.cls] = (labels[e.cls] ?? 0) + 1;
    categories[e.attackType] = (categories[e.attackType] ?? 0) + 1;
    if (e.background) {
      if (e.src === SERVERS.web && (e.sp === 80 || e.sp === 443)) webReplies++;
      const q = fmtRng.float();
      if (q < 0.01 && e.proto !== 'ICMP') {
        sp = `${sp}.0`;
        if (typeof e.dp === 'number') dp = `${dp}.0`;
      } else if (q < 0.0107) pk = fmtRng.chance(0.5) ? '' : 'NULL';
      else if (q < 0.0114) tos = fmtRng.chance(0.5) ? '' : 'NULL';
      else if (q < 0.0118) flows = fmtRng.chance(0.5) ? '' : 'NULL';
    }
    const proto = e.proto === 'ICMP' ? 'ICMP ' : e.proto === 'IGMP' ? 'IGMP ' : `${e.proto}  `;
    return sink.push(`${t(e.ts)},${e.dur.toFixed(3)},${proto},${e.src},${sp},${e.dst},${dp},${pk},${cidsBytes(e.bytes)},${flows},${e.flags},${tos},${e.cls},${e.attackType},${e.attackId},${e.attackDesc}`);
  });
  const bytes = await sink.close();
  plan.benignTrap('server_replies', SERVERS.web, webReplies, `the public web server's reply flows go to thousands of distinct ephemeral client ports: not a port scan`);
  return { info: { path: file, format: 'flows', records: sink.lines, bytes, gzip: ctx.gzip, labels, categories }, incidents: plan.incidents, benign: plan.benign };
}
