// Beaconing: one source contacting the same destination (or URL) at regular intervals with low
// jitter for hours, the rhythm of malware checking in with its controller. Batch only.
import { LOGIN_PORTS } from '../eventKind';
import { maxTs, minTs } from '../fold';
import type { Severity } from '../../../shared/model';
import type { BeaconRow, DetectorDef, DraftFinding } from '../types';
import { ipScope } from '../net';
import { bytes, count, crawlerCap, duration, overSpan, qv } from './util';

/** Services whose clients poll on a timer by design. */
const PERIODIC_SERVICES: Record<number, string> = { 53: 'DNS', 123: 'NTP', 161: 'SNMP', 162: 'SNMP traps', 514: 'syslog', 67: 'DHCP', 68: 'DHCP', 137: 'NetBIOS', 138: 'NetBIOS', 5353: 'mDNS', 1900: 'SSDP' };

/** Uptime monitors, health checkers and metrics scrapers: they poll on a timer by design. */
const MONITOR_AGENT = /uptimerobot|pingdom|statuscake|site24x7|freshping|betteruptime|uptime-kuma|hetrixtools|newrelicpinger|datadog|nagios|check_http|zabbix|icinga|monit\/|prometheus|kube-probe|elb-healthchecker|googlehc|googlestackdrivermonitoring|azure traffic manager|alwayson|consul health|blackbox[-_]exporter|healthcheck/i;
/** Paths that exist to be polled: health, readiness, liveness, metrics, status. */
const HEALTH_PATH = /^\/(?:[\w.-]+\/)*(?:health|healthz|healthcheck|health-check|ready|readyz|readiness|live|livez|liveness|ping|status|metrics|server-status|nginx_status|heartbeat)(?:[/?.]|$)/i;

export const beaconing: DetectorDef = {
  name: 'beaconing',
  title: 'Beaconing',
  description:
    'For every source and destination (host and port in flows, URL in web logs), measures the intervals between contacts. Many contacts over hours with nearly constant intervals (standard deviation small against the mean) is a timer, not a person: malware beacons look like this, and so do NTP, monitoring and update checks, which are reported at low severity. Batch only (not updated live).',
  settings: [
    { key: 'minEvents', default: 12, description: 'intervals needed' },
    { key: 'minSpanHours', default: 2, description: 'hours the rhythm must last' },
    { key: 'maxJitter', default: 0.3, description: 'largest standard deviation of the interval, as a share of its mean' },
    { key: 'minIntervalSeconds', default: 10, description: 'shorter gaps (same-second retries, split flows) are ignored' },
    { key: 'minRegularShare', default: 0.8, description: 'share of intervals that must be a whole multiple (1-4 beats) of the period' },
    { key: 'minSingleShare', default: 0.65, description: 'share of intervals that must be single beats (not skipped ones) when the jitter is over half maxJitter: a dozen random visits fit some loose period and its multiples by chance, but with a third to a half of the gaps single (a tight timer needs half)' },
    { key: 'wideJitterEvents', default: 24, description: 'intervals an outside beacon with more than half of maxJitter jitter needs for medium or high: a dozen visits a person makes at random fall that regularly by chance often enough; fewer are reported low' },
    { key: 'maxChance', default: 1e-9, description: 'a rhythm looser than half maxJitter over fewer than wideJitterEvents intervals is reported only when contacts at random times (a Poisson process with the same mean gap) would fall into it this tightly with at most this chance: a person\'s dozen visits to a page often do, a timer with a wide random sleep does not' },
    { key: 'shortEvents', default: 8, description: 'intervals a flow rhythm shorter than minEvents or minSpanHours needs to be judged at all (an implant seen for under an hour); it is kept only when chance would not make it (beaconing.maxChance), its contacts are check-ins (under bulkBytes; a brief run of large transfers is heavyTraffic\'s) and its period is not the log\'s own minute resolution' },
    { key: 'shortSpanMinutes', default: 30, description: 'minutes such a short flow rhythm must last (a page polling every ten seconds for two minutes is no beacon)' },
    { key: 'fleetSources', default: 20, description: 'inside sources contacting one outside address and port on the same timer (periods within 25 % of their median) for the shape of an agent installed across the fleet (EDR, telemetry, updates): reported low, as one finding for the destination' },
    { key: 'pauseBeats', default: 6, description: 'a gap of at least this many periods is a sleep between stretches of the rhythm (an implant told to pause, a laptop shut overnight), not a missed beat' },
    { key: 'maxPauseShare', default: 0.1, description: 'share of the intervals that may be such sleeps; they are left out of the regularity count' },
    { key: 'highSpanHours', default: 6, description: 'hours an outside rhythm must last for high severity (with at most a third of maxJitter jitter, or half of it over beaconing.highEvents intervals)' },
    { key: 'highEvents', default: 48, description: 'intervals over beaconing.highSpanHours that make a rhythm with up to half of maxJitter jitter high: an implant sleeping a random ±20 % of five minutes, checking in all day; no person keeps that many beats' },
    { key: 'bulkBytes', default: 1_000_000, description: 'mean bytes a contact carries above which the timer is a scheduled transfer (a sync, an upload job), not a check-in: medium at most' },
    { key: 'oneConnectionShare', default: 0.8, description: 'share of a flow rhythm\'s records from one source port (or, for ICMP and other records without ports, beginning as the record before them ended) above which they are one long connection cut into records by the exporter (NetFlow/IPFIX active timeout, VPC aggregation interval), not a new check-in each time: low at most' },
    { key: 'groupHosts', default: 5, description: 'low/info beacons from one source on one port to at least this many hosts are one finding (a monitor, a backup agent)' },
    { key: 'maxFindings', default: 25, description: 'pairs reported: the most severe first, then the most regular' },
  ],
  needs: ['beacons'],
  incremental: false,
  detect(ctx) {
    const maxJ = ctx.num('maxJitter');
    const maxChance = ctx.num('maxChance');
    const wide = ctx.num('wideJitterEvents');
    // a loose rhythm over few intervals is what chance makes of a person's visits: kept only when unlikely by chance
    const likely = (b: BeaconRow): boolean => b.sd / b.mean > maxJ / 2 && b.n < wide && (b.chance ?? 0) > maxChance;
    // a short rhythm of bulk transfers is an upload job seen briefly: heavyTraffic reports its bytes
    const bulk = ctx.num('bulkBytes');
    const rows = [...ctx.agg.beacons].filter((b) => b.mean > 0 && b.sd / b.mean <= maxJ && !likely(b) && !(b.short && (b.bytesPerContact ?? 0) >= bulk)).sort((a, b) => a.sd / a.mean - b.sd / b.mean || b.n - a.n);
    const out: DraftFinding[] = [];
    const made: { d: DraftFinding; b: BeaconRow }[] = [];
    const seen = new Set<string>();
    const fleetMin = ctx.num('fleetSources');
    const fleet = fleetSizes(rows);
    for (const b of rows) {
      const key = `${b.src}>${b.dst}${b.port != null ? `:${b.port}` : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const jitter = b.sd / b.mean;
      const web = b.kind === 'web';
      const svc = b.port != null ? PERIODIC_SERVICES[b.port] : undefined;
      const dstScope = web ? 'web' : ipScope(b.dst);
      let severity: Severity;
      let benign: string;
      if (svc) {
        severity = 'info';
        benign = `Port ${b.port} is ${svc}, which polls on a timer by design: this is most likely normal.`;
      } else if (web && (MONITOR_AGENT.test(b.agent ?? '') || (HEALTH_PATH.test(b.dst) && ipScope(b.src) === 'internal'))) {
        severity = 'info';
        benign = MONITOR_AGENT.test(b.agent ?? '')
          ? `The user agent, "${(b.agent ?? '').slice(0, 80)}", is an uptime or metrics poller, which requests on a timer by design: most likely normal (a user agent can be forged, so an unknown source using one still deserves a look).`
          : `${b.dst} is a health or metrics endpoint and ${b.src} is internal: a load balancer, orchestrator or metrics scraper polling it, most likely.`;
      } else if (web) {
        // a verified search-engine crawler re-fetching a page (robots.txt, a sitemap) on its schedule
        const cap = crawlerCap('low', ctx.crawler(b.src));
        severity = cap.severity;
        benign = 'A health check, monitoring probe, feed reader or a browser tab polling the page would look the same; a web shell or implant checking in would too, so look at the user agent and the response sizes.' + cap.note;
      } else if (b.port != null && LOGIN_PORTS.includes(b.port) && ipScope(b.src) === 'external') {
        // an implant calls out from inside; an outside address on a timer against SSH or RDP is
        // scripted logins, usually a slow guesser (bruteForce says how many failed)
        severity = 'low';
        benign = `But ${b.src} is outside and port ${b.port} is a login service: a timer from outside against a login port is scripted logins, a slow password guesser (see bruteForce for the same address) or an outside monitor, not malware checking in, which calls out from an inside host; reported low.`;
      } else if (dstScope === 'external' || dstScope === 'unknown') {
        const hours = ctx.num('highSpanHours');
        const long = b.last != null && b.first != null && b.last - b.first >= hours * 3_600_000;
        const tight = jitter <= maxJ / 3;
        severity = long && (tight || (jitter <= maxJ / 2 && b.n >= ctx.num('highEvents'))) ? 'high' : 'medium';
        benign =
          (severity === 'high'
            ? `High: it kept the rhythm for ${hours} hours or more (beaconing.highSpanHours) ${tight ? `with at most ${Math.round((maxJ / 3) * 100)} % jitter` : `over ${count(b.n)} intervals with at most ${Math.round((maxJ / 2) * 100)} % jitter (beaconing.highEvents: ${ctx.num('highEvents')}), the random sleep implants add to hide their timer`}. `
            : '') + 'Update checks, telemetry and cloud sync agents also call home on a timer; check the destination\'s owner and the process on the host.';
        // a check-in asks for orders in a few kilobytes; megabytes each time is a scheduled transfer
        if (jitter > maxJ / 2 && b.n < ctx.num('wideJitterEvents')) {
          severity = 'low';
          benign = `But only ${count(b.n)} intervals with ${(jitter * 100).toFixed(0)} % jitter (beaconing.wideJitterEvents: ${ctx.num('wideJitterEvents')} when the jitter is above ${Math.round((maxJ / 2) * 100)} %): a person visiting a popular site a dozen times a day falls into a rhythm this loose by chance, so it is reported low. If it continues over more hours, or the destination is unknown, look at the process on the host.`;
        } else if ((b.bytesPerContact ?? 0) >= ctx.num('bulkBytes')) {
          severity = 'medium';
          benign = `Each contact carried ${bytes(b.bytesPerContact ?? 0)} on average (beaconing.bulkBytes: ${bytes(ctx.num('bulkBytes'))}): a check-in needs a few kilobytes, so this is a scheduled transfer (a CDN or cloud sync, an upload job), reported medium. If nobody scheduled it, it is data leaving on a timer: check the destination's owner.`;
        }
        // one agent on every workstation (EDR, telemetry, an updater) calls its vendor on one timer; an implant calls from a few hosts
        const f = fleet.get(`${b.dst}|${b.port ?? ''}`);
        const peers = f && Math.abs(b.mean - f.median) <= 0.25 * f.median ? f.peers : 0;
        if (peers >= fleetMin && severity !== 'low') {
          severity = 'low';
          benign = `But ${count(peers)} inside sources contacted ${b.dst}${b.port != null ? ` on port ${b.port}` : ''} on the same timer (periods within 25 % of each other; beaconing.fleetSources: ${fleetMin}): an agent installed across the fleet (EDR, telemetry, an updater or sync client) calling its vendor, reported low and once for the destination. An implant spread to that many hosts would look the same: check who owns ${b.dst} and which process on the hosts makes the calls.`;
        }
      } else {
        severity = 'low';
        benign = 'Between internal hosts this is usually monitoring, backups or service health checks.';
      }
      // a beacon opens a new connection each time (a new ephemeral port); records that keep one source
      // port are one connection an exporter cut at its active timeout: the period is the exporter's
      const one = ctx.num('oneConnectionShare');
      let longLived = false;
      if (!web && !svc && b.oneSport === undefined && (b.spanned ?? 0) >= one && (severity === 'high' || severity === 'medium')) {
        // ICMP has no source port: a record lasting until the next one began says the same (a ping left running);
        // records with ports keep the port rule, so a long-poll implant reconnecting on new ports stays a beacon
        severity = 'low';
        longLived = true;
        benign = `But ${Math.round((b.spanned ?? 0) * 100)} % of the records began as the one before them ended (its duration covers the gap; beaconing.oneConnectionShare: ${Math.round(one * 100)} %): one continuous exchange (a ping left running, a long session) that the flow exporter wrote out every ${duration(b.mean)} at its active timeout, not a new check-in each time, so it is reported low. An implant on a persistent channel would look the same: check the destination's owner and the process on the host.`;
      }
      if (!web && !svc && (b.oneSport ?? 0) >= one && (severity === 'high' || severity === 'medium')) {
        severity = 'low';
        longLived = true;
        benign = `But ${Math.round((b.oneSport ?? 0) * 100)} % of the records came from one source port (beaconing.oneConnectionShare: ${Math.round(one * 100)} %): one long-lived connection (a websocket, a VPN or SSH session, a kept-alive API client) that the flow exporter wrote out every ${duration(b.mean)} at its active timeout or aggregation interval, not a new check-in each time, so it is reported low. An implant on a persistent connection would look the same: check the destination's owner and the process on the host.`;
      }
      const draft: DraftFinding = {
        detector: 'beaconing',
        severity,
        entity: web ? `${b.src} -> ${b.dst}` : `${b.src} -> ${b.dst}${b.port != null ? `:${b.port}` : ''}`,
        entityType: 'pair',
        // one connection the exporter cut into records is told as what it is; the text says why it is still listed
        title: longLived
          ? `Long-lived connection from ${b.src} to ${b.dst}${b.port != null ? `:${b.port}` : ''}, written out every ${duration(b.mean)} ${overSpan(b.first, b.last)}`
          : `Beaconing from ${b.src} to ${b.dst}${b.port != null && !web ? `:${b.port}` : ''} every ${duration(b.mean)}${b.short ? `, ${count(b.n + 1)} check-ins` : ''}`,
        explanation:
          `${b.src} contacted ${web ? `the URL ${b.dst}` : `${b.dst} (${dstScope})${b.port != null ? ` on port ${b.port}` : ''}`} ${count(b.n + 1)} times ${overSpan(b.first, b.last)}, every ${duration(b.mean)} with a standard deviation of ${duration(b.sd)} (${(jitter * 100).toFixed(1)} % jitter); ${Math.round(b.regular * 100)} % of the gaps are one to four whole periods (missed beats included)${b.pauses ? `; it slept ${count(b.pauses)} time(s) for ${ctx.num('pauseBeats')} periods or more and picked up the same rhythm again (beaconing.pauseBeats), as implants told to sleep and laptops shut overnight do` : ''}${b.resolutionMs ? `; the log gives times only to the minute, so each gap may be off by up to a minute: beats were matched within that, and the rounding's share (a standard deviation of ${duration(b.resolutionMs / Math.sqrt(6))}) was taken out of the jitter` : ''}${b.chance !== undefined ? `; contacts at random times would fall into a rhythm this tight ${chanceText(b.chance)} (beaconing.maxChance: once in ${count(Math.round(1 / maxChance))} for a loose rhythm over few intervals)` : ''}. ` +
          `People do not act on a metronome: a fixed rhythm for hours is a program on a timer, which is how malware beacons to its controller. Thresholds: ${ctx.num('minEvents')} intervals over ${ctx.num('minSpanHours')} h with at most ${Math.round(maxJ * 100)} % jitter (beaconing.maxJitter)` +
          (b.short
            ? `; this rhythm is shorter (${count(b.n)} intervals ${overSpan(b.first, b.last)}) and is reported because so few contacts at random would fall into one this tight at most once in ${count(Math.round(1 / maxChance))} tries (beaconing.maxChance; at least ${ctx.num('shortEvents')} intervals over ${ctx.num('shortSpanMinutes')} min, beaconing.shortEvents and beaconing.shortSpanMinutes): an implant seen for under an hour, or a timer that began near the end of the log. `
            : '. ') +
          benign,
        numbers: { contacts: b.n + 1, periodMs: Math.round(b.mean), sdIntervalMs: Math.round(b.sd), jitter: Math.round(jitter * 1000) / 1000, regularShare: Math.round(b.regular * 100) / 100, ...(b.pauses ? { pauses: b.pauses } : {}), ...(b.chance !== undefined ? { chance: Number(b.chance.toPrecision(2)) } : {}) },
        threshold: { metric: 'interval jitter (sd / mean)', value: Math.round(jitter * 1000) / 1000, threshold: maxJ, setting: 'beaconing.maxJitter' },
        windowMs: Math.round(b.mean),
        firstSeen: b.first,
        lastSeen: b.last,
        query: web ? `src_ip:${qv(b.src)} path:${qv(b.dst.replace(/[*,]/g, ''))}` : `src_ip:${qv(b.src)} dst_ip:${qv(b.dst)}${b.port != null ? ` dst_port:${b.port}` : ''}`,
        score: Math.min(1, 0.5 + (maxJ - jitter) / (2 * maxJ)),
      };
      made.push({ d: draft, b });
    }
    out.push(...groupPollers(made, ctx.num('groupHosts')));
    groupPages(out, new Map(made.map((m) => [m.d, m.b])), ctx.num('groupHosts'));
    // the cap keeps the most severe: two hundred NTP clients (info) must not crowd out one implant
    const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
    return out.sort((a, b) => rank[b.severity] - rank[a.severity]).slice(0, ctx.num('maxFindings'));
  },
};

/**
 * Inside sources per outside destination and port whose flow rhythm runs at about the same period
 * (within 25 % of the destination's median period): the size of the fleet calling it, and that period.
 */
function fleetSizes(rows: readonly BeaconRow[]): Map<string, { peers: number; median: number }> {
  const periods = new Map<string, Map<string, number>>();
  for (const b of rows) {
    if (b.kind !== 'flow' || ipScope(b.src) !== 'internal') continue;
    const k = `${b.dst}|${b.port ?? ''}`;
    const m = periods.get(k) ?? new Map<string, number>();
    m.set(b.src, b.mean);
    periods.set(k, m);
  }
  const out = new Map<string, { peers: number; median: number }>();
  for (const [k, m] of periods) {
    const ps = [...m.values()].sort((x, y) => x - y);
    const median = ps[ps.length >> 1]!;
    out.set(k, { peers: ps.filter((p) => Math.abs(p - median) <= 0.25 * median).length, median });
  }
  return out;
}

/** A small probability in words: "about 1 in 4,200,000". */
function chanceText(c: number): string {
  if (c < 1e-15) return 'less than once in 10^15 tries';
  return `about once in ${count(Number((1 / c).toPrecision(2)))} tries`;
}

/**
 * One low or info finding per poller: a monitoring server checking 30 hosts on one port every
 * minute is one thing to look at, not 30. Medium and high beacons stay one per destination.
 */
function groupPollers(made: readonly { d: DraftFinding; b: BeaconRow }[], min: number): DraftFinding[] {
  const groups = new Map<string, { d: DraftFinding; b: BeaconRow }[]>();
  const out: DraftFinding[] = [];
  for (const m of made) {
    if (m.b.kind !== 'flow' || (m.d.severity !== 'low' && m.d.severity !== 'info')) {
      out.push(m.d);
      continue;
    }
    const key = `${m.b.src}|${m.b.port ?? ''}|${m.d.severity}`;
    const g = groups.get(key) ?? [];
    g.push(m);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    if (g.length < min) {
      for (const m of g) out.push(m.d);
      continue;
    }
    const { b, d } = g[0]!;
    const periods = g.map((m) => m.b.mean).sort((x, y) => x - y);
    const median = periods[Math.floor(periods.length / 2)]!;
    const contacts = g.reduce((s, m) => s + m.b.n + 1, 0);
    const hosts = g.map((m) => m.b.dst);
    const first = g.reduce<number | null>((t, m) => minTs(t, m.b.first), null);
    const last = g.reduce<number | null>((t, m) => maxTs(t, m.b.last), null);
    const port = b.port != null ? ` on port ${b.port}` : '';
    out.push({
      ...d,
      entity: `${b.src} -> ${count(g.length)} hosts${b.port != null ? `:${b.port}` : ''}`,
      title: `Beaconing from ${b.src} to ${count(g.length)} hosts${port}, about every ${duration(median)}`,
      explanation:
        `${b.src} contacted ${count(g.length)} hosts${port} on a timer (median period ${duration(median)}, ${count(contacts)} contacts), e.g. ${hosts.slice(0, 5).join(', ')}${hosts.length > 5 ? ' …' : ''}. ` +
        `One source polling many hosts on one port the same way is a monitoring, backup or management agent, reported once (beaconing.groupHosts). ` +
        d.explanation.slice(d.explanation.lastIndexOf('Thresholds:')),
      numbers: { hosts: g.length, contacts, periodMs: Math.round(median) },
      firstSeen: first,
      lastSeen: last,
      query: `src_ip:${qv(b.src)}${b.port != null ? ` dst_port:${b.port}` : ''}`,
    });
  }
  return out;
}

/**
 * Low and info beacons to one destination from many sources are a service they all use on a
 * schedule: a page's own polling (a notification counter, a live feed) in many visitors' browsers,
 * or every workstation asking the time server, the update server or the domain controller. One
 * finding for the destination, in place; an implant calls out from one or two hosts.
 */
function groupPages(out: DraftFinding[], rows: ReadonlyMap<DraftFinding, BeaconRow>, min: number): void {
  const byDst = new Map<string, DraftFinding[]>();
  for (const d of out) {
    const b = rows.get(d);
    if ((d.severity !== 'low' && d.severity !== 'info') || !b) continue;
    const key = `${d.severity}|${b.kind}|${b.dst}|${b.port ?? ''}`;
    byDst.set(key, [...(byDst.get(key) ?? []), d]);
  }
  for (const list of byDst.values()) {
    if (list.length < min) continue;
    const first = list[0]!;
    const { kind, dst: host, port } = rows.get(first)!;
    const web = kind === 'web';
    const dst = web || port == null ? host : `${host}:${port}`;
    const ips = list.map((d) => rows.get(d)!.src);
    const contacts = list.reduce((s, d) => s + Number(d.numbers.contacts ?? 0), 0);
    const periods = list.map((d) => Number(d.numbers.periodMs ?? 0)).sort((a, b) => a - b);
    const grouped: DraftFinding = {
      ...first,
      entity: `${count(ips.length)} sources -> ${dst}`,
      entityType: web ? 'path' : 'population',
      title: `${count(ips.length)} sources poll ${dst} on a timer, about every ${duration(periods[periods.length >> 1]!)}`,
      explanation:
        `${count(ips.length)} sources (${ips.slice(0, 5).join(', ')}${ips.length > 5 ? ` and ${count(ips.length - 5)} more` : ''}) each ${web ? `requested ${dst}` : `contacted ${dst}`} on a regular timer, ${count(contacts)} ${web ? 'requests' : 'contacts'} in all. ` +
        (web
          ? `Many visitors polling one URL the same way is the page's own script (a notification counter, a live feed, a keep-alive), reported once (beaconing.groupHosts: ${min}); an implant polls from one or two hosts. `
          : `Many hosts contacting one server the same way is a service they all use on a schedule (time, updates, management, monitoring), reported once (beaconing.groupHosts: ${min}); an implant calls out from one or two hosts. `) +
        first.explanation.slice(first.explanation.lastIndexOf('Thresholds:')),
      numbers: { sources: ips.join(','), sourceCount: ips.length, contacts, periodMs: Math.round(periods[periods.length >> 1]!) },
      firstSeen: list.reduce<number | null>((m, d) => minTs(m, d.firstSeen), null),
      lastSeen: list.reduce<number | null>((m, d) => maxTs(m, d.lastSeen), null),
      query: web ? `path:${qv(dst.replace(/[*,]/g, ''))}` : `dst_ip:${qv(host)}${port != null ? ` dst_port:${port}` : ''}`,
    };
    const at = out.indexOf(first);
    for (const d of list) out.splice(out.indexOf(d), 1);
    out.splice(Math.min(at, out.length), 0, grouped);
  }
}
