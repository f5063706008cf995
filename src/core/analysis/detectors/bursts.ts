// Bursts / DoS: a source's events per minute far above both its own usual rate and the
// population's, so a steadily busy client or crawler is not a burst.
import type { DetectContext, DetectorDef, DraftFinding, RateRow, TrafficRow } from '../types';
import { ipScope } from '../net';
import { packetFloodFindings } from '../packetFlood';
import { count, crawlerCap, formatList, overSpan, qv, scoreOver } from './util';

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))]!;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Distinct files in a busy minute for it to be pages opening (a flood repeats a handful of URLs). */
const PAGE_FILES = 10;

/** Share of a minute's flows that must be bare SYNs for the SYN-flood test (the rest: the few real clients). */
const SYN_SHARE = 0.8;
/** Share of a minute's requests the server must refuse for load (503/429) for the shed-flood test. */
const SHED_SHARE = 1 / 3;
/** Paths a flooding source's requests may spread over for the HTTP-flood test (`/`, `/search`, `/login`). */
const FLOOD_TARGETS = 3;
/** Share of a flooding source's requests that may be static files a page referred to (a browser loads dozens a page). */
const FLOOD_PAGE_SHARE = 0.1;

export const bursts: DetectorDef = {
  name: 'bursts',
  title: 'Request bursts / DoS',
  description:
    'Counts events per source per minute and compares each source\'s busiest minute with its own average rate over the hours it was active and with the median busiest minute of all sources. A burst must clear an absolute rate and be far above both baselines; a smaller burst counts when the server visibly buckled under it (answering 503 Service Unavailable or 429 Too Many Requests to a good share of that source\'s requests). An inside source bursting in many separate hours for a few minutes each (a scheduled job) is left out. Sources bursting within minutes of each other are one distributed flood; and minutes where all sources together send many times the usual events from many times the usual senders are reported as a distributed surge even when no single source bursts; minutes whose flows are mostly bare SYNs from many sources to one target are a SYN flood, and minutes where the server refused a third of many sources\' requests with 503/429 a flood it buckled under, with or without an ordinary minute to compare (batch only). An HTTP flood the server answered needs no baseline either: many outside addresses at once, each sending at least the per-source rate minute after minute, nearly all to one to three paths (query strings left out, so cache-busting /search?q=<random> is one path) and almost no page files, is one finding naming the target paths and the minutes; an office NAT or CDN edge (many people\'s pages and images), a poller or crawler (one or two addresses, or a new page each request) and inside services calling one API stay quiet. A source whose requests the server mostly closed with 408 Request Timeout is a slow denial of service (slowloris), and so are many outside sources with a few dozen each (a botnet keeping each one small); inside sources opening empty checks (a load balancer) are left out of the group.',
  settings: [
    { key: 'minPerMinute', default: 60, description: 'events in one minute from one source (1 per second)' },
    { key: 'ownFactor', default: 10, description: 'times the source\'s own average rate over its active hours' },
    { key: 'populationFactor', default: 20, description: 'times the median busiest minute of all sources' },
    { key: 'highFactor', default: 50, description: 'multiple of minPerMinute for high severity' },
    { key: 'strainedPerMinute', default: 20, description: 'events in one minute from one source when the server answered it with 503/429' },
    { key: 'minThrottledShare', default: 0.2, description: 'share of the source\'s requests answered 503/429 for the lower strainedPerMinute rate to apply' },
    {
      key: 'recurHours',
      default: 6,
      description: "separate clock hours in which an inside source reached minPerMinute, each of its active hours only a few minutes long (at most 3 on average), for its bursts to be a scheduled job (cron, a poller, a name-service refresh) and not a flood; they are left out (from outside the same shape is a pulse-wave DDoS)",
    },
    {
      key: 'pageLoadShare',
      default: 0.7,
      description: "share of the busiest minute's requests that were static files a page referred to (GETs with a referrer, answered; at least 10 different files and a quarter of them distinct): a browser opening pages full of images, reported low (a flood repeats a handful of URLs, is refused or sends no referrer)",
    },
    { key: 'floodSources', default: 10, description: 'sources bursting within floodMinutes of each other for one distributed-flood finding instead of one per source' },
    { key: 'floodMinutes', default: 5, description: 'minutes between the busiest minutes of sources that burst together' },
    { key: 'surgeFactor', default: 10, description: 'events in one minute, all sources together, as a multiple of the baseline minute (a flood spread over many sources, each under the per-source thresholds)' },
    { key: 'surgeSourceFactor', default: 5, description: 'distinct sources in that minute as a multiple of the baseline minute\'s (many new senders, not one busy one)' },
    {
      key: 'surgePageShare',
      default: 0.4,
      description:
        "share of a surge's requests that were static files a page referred to (images, styles, scripts with a referrer, answered): browsers opening pages, a real rush of users (a newsletter, a sale, a news mention), reported low; a flood asks for one page, or random URLs, without their files",
    },
    { key: 'surgeBaseline', default: 0.9, description: 'quantile of the log\'s minutes taken as the baseline: a busy minute of an ordinary day, so a day after a quiet night is not a surge' },
    { key: 'minTrafficMinutes', default: 30, description: 'active minutes the log must cover for its median minute to be a baseline' },
    {
      key: 'shedFloodPerMinute',
      default: 500,
      description: 'requests in one minute the server refused for load (503 Service Unavailable, 429 Too Many Requests), a third or more of that minute\'s requests, from floodSources or more sources: a flood the server buckled under, even without a baseline (a web log cut to the attack window); high at 5x',
    },
    { key: 'floodRunMinutes', default: 3, description: 'consecutive minutes a source must keep up minPerMinute or more requests for the HTTP-flood test (no person\'s browser does; a page full of images is one busy minute)' },
    {
      key: 'floodTargetShare',
      default: 0.8,
      description: "share of such a source's requests (from its first minute at minPerMinute on) that went to at most 3 paths, query strings left out, with at most 10 % page files: a flood repeats one target (/ or /search?q=<random>), a NAT, CDN edge or crawler asks for hundreds of pages and their images",
    },
    {
      key: 'httpFloodPerMinute',
      default: 1000,
      description: 'requests in one minute from floodSources or more outside sources that each passed floodRunMinutes and floodTargetShare: an HTTP flood even without a baseline and with every request answered (a web log cut to the attack window); high at 5x, or with 3x floodSources sources',
    },
    {
      key: 'slowTimeouts',
      default: 100,
      description:
        "requests from one source the server closed with 408 Request Timeout (a connection opened and its request never finished: slowloris and slow-POST attacks hold the server's connections this way); high at 10x, and floodSources such sources are one finding",
    },
    { key: 'slowTimeoutShare', default: 0.5, description: "share of that source's requests answered 408 (a NAT or a mobile network drops the odd connection among many good requests)" },
    {
      key: 'slowGroupTimeouts',
      default: 10,
      description:
        "requests answered 408 from each of floodSources or more outside sources (at least slowTimeoutShare of each one's requests, slowTimeouts in all) for one distributed slow denial of service: a botnet's slowloris keeps every source under the per-source count; inside sources (a load balancer's health checks) are left out",
    },
    {
      key: 'synFloodPerMinute',
      default: 1000,
      description: 'flows in one minute that were a bare SYN (flow logs with TCP flags), most of that minute\'s flows, from floodSources or more sources and mostly to one target: a SYN flood even without a baseline (a log cut to the attack window); high at 5x',
    },
    {
      key: 'floodPacketsPerMinute',
      default: 6000,
      description: 'packets in one minute from one source to one destination in flow records nobody answered (echo requests, Argus INT/REQ, Zeek S0, bare SYNs) of 50 packets or more each: a ping, UDP or SYN flood an exporter aggregated into few records (Argus status records, NetFlow active timeouts), which counting records misses; high at 5x, with other sources at the same target, or for 5x floodPacketMinutes',
    },
    { key: 'floodPacketMinutes', default: 2, description: 'minutes a source must send floodPacketsPerMinute or more for a packet flood' },
  ],
  needs: ['rate', 'traffic', 'packetFloods'],
  incremental: true,
  detect(ctx) {
    const minRate = ctx.num('minPerMinute');
    const ownF = ctx.num('ownFactor');
    const popF = ctx.num('populationFactor');
    const highF = ctx.num('highFactor');
    const popMedian = median(ctx.agg.rate.map((r) => r.peak));
    const out: (DraftFinding & { minute: number })[] = [];
    const strainedRate = ctx.num('strainedPerMinute');
    const throttledShare = ctx.num('minThrottledShare');
    const recurHours = ctx.num('recurHours');
    const pageShare = ctx.num('pageLoadShare');
    for (const r of ctx.agg.rate) {
      // an inside host bursting hour after hour, a few minutes each time: a scheduled job waking up, not a
      // flood (sixty hosts running it at :00 are no botnet); from outside the same shape is a pulse-wave DDoS
      if (r.burstHours >= recurHours && r.minutes <= 3 * r.hours && ipScope(r.ip) === 'internal') continue;
      // the server shedding this source's load (503/429) is the effect of a DoS; it lowers the rate that counts
      const strained = r.throttled >= 10 && r.throttled >= throttledShare * r.total;
      if (r.peak < (strained ? strainedRate : minRate)) continue;
      // its own baseline: the mean rate over the hours it was active (a steady hour-long client is its own norm)
      const own = r.total / (Math.max(1, r.hours) * 60);
      // a flood that started suddenly after the source had been quiet: its own average over the hours it was
      // active counts the flood itself (and its other attacks: a scan, another flood), so the hour before the run is the baseline
      const o = r.onset;
      const runRate = o ? o.events / (o.last - o.first + 1) : 0;
      const sudden = !!o && r.peak < ownF * own && runRate >= minRate && runRate >= ownF * (o.before / 60);
      if (r.peak < ownF * own && !sudden) continue;
      if (r.peak < (strained ? popF / 2 : popF) * popMedian) continue;
      // mostly different images, styles and fonts a page referred to, all answered: a person's browser
      // opening a page full of them (a slide deck, a gallery), not a flood, which repeats itself
      const res = r.peakResources ?? 0;
      // (a reload fetches each file again, answered 304: a quarter distinct; a flood hammers a handful)
      const distinct = r.peakResourcesDistinct ?? 0;
      const pageLoad = !strained && res >= pageShare * r.peak && distinct >= PAGE_FILES && distinct * 4 >= res;
      const cap = crawlerCap(pageLoad ? 'low' : r.peak >= highF * minRate ? 'high' : 'medium', ctx.crawler(r.ip));
      const at = (sudden ? o!.first : r.peakMinute) * 60_000;
      const until = sudden ? o!.last * 60_000 + 59_999 : at + 59_999;
      out.push({
        detector: 'bursts',
        severity: cap.severity,
        entity: r.ip,
        entityType: 'ip',
        title: `Burst from ${r.ip}: ${count(r.peak)} events in one minute${pageLoad ? ', mostly page files' : ''}`,
        explanation:
          `${r.ip} (${ipScope(r.ip)}) produced ${count(r.peak)} events in its busiest minute, against ${own.toFixed(1)} per minute on average over the ${count(r.hours)} hour(s) it was active, and a median busiest minute of ${popMedian} across all ${count(ctx.agg.rate.length)} sources. ` +
          (sudden
            ? `It came suddenly: ${count(Math.round(runRate))} events a minute for ${count(o!.last - o!.first + 1)} minutes in a row (${count(o!.events)} in all), against ${count(o!.before)} in the hour before; its average over its active hours counts the run itself and whatever else it did, so the hour before the run is its own baseline here. `
            : '') +
          (strained ? `The server answered ${count(r.throttled)} of its ${count(r.total)} requests with 503 Service Unavailable or 429 Too Many Requests: it was struggling or rate-limiting this source. ` : '') +
          (pageLoad
            ? `${count(res)} of that minute's requests were static files (images, styles, scripts, fonts) a page referred to, ${count(r.peakResourcesDistinct ?? 0)} of them different, all answered: a browser opening pages full of them, so this is reported low (bursts.pageLoadShare: ${Math.round(pageShare * 100)} %). `
            : '') +
          `A sudden flood far above normal is a denial-of-service attempt, an aggressive scraper or an automated attack tool. Thresholds: ${strained ? `${strainedRate}/min while the server refused at least ${Math.round(throttledShare * 100)} % of the source's requests (bursts.strainedPerMinute, bursts.minThrottledShare)` : `${minRate}/min (bursts.minPerMinute)`}, ${ownF}x its own rate (bursts.ownFactor), ${strained ? popF / 2 : popF}x the population (bursts.populationFactor${strained ? ', halved when the server is refusing' : ''}).` +
          cap.note +
          ` A benign cause would be a load test, a monitoring system, or a NAT gateway or proxy that many users share (then the user agents vary).`,
        numbers: { peakPerMinute: r.peak, ownAveragePerMinute: Math.round(own * 10) / 10, populationMedianPeak: popMedian, activeMinutes: r.minutes, events: r.total, refused503or429: r.throttled, ...(res ? { pageResourcesInPeakMinute: res } : {}) },
        threshold: { metric: 'events in one minute', value: r.peak, threshold: strained ? strainedRate : minRate, setting: strained ? 'bursts.strainedPerMinute' : 'bursts.minPerMinute' },
        windowMs: until - at + 1,
        firstSeen: at,
        lastSeen: until,
        query: `src_ip:${qv(r.ip)} ts:${at}..${until}`,
        score: scoreOver(r.peak, minRate),
        minute: sudden ? o!.first : r.peakMinute,
      });
    }
    const grouped = floods(out, ctx.num('floodSources'), ctx.num('floodMinutes'));
    const surged = [...grouped, ...surges(ctx, grouped)];
    const packets = packetFloodFindings(ctx.agg.packetFloods, ctx.num('floodPacketsPerMinute'), ctx.num('floodPacketMinutes'));
    // one finding per source: its packet flood tells the story its record rate only hinted at
    const flooding = new Map(packets.map((f) => [f.entity, f]));
    const rest = [...surged, ...httpFloods(ctx, surged), ...slowRequests(ctx)].filter((f) => {
      const p = f.entityType === 'ip' ? flooding.get(f.entity) : undefined;
      if (!p) return true;
      p.explanation += ` Its records also came fast: ${f.title.toLowerCase()}.`;
      return false;
    });
    return [...rest, ...packets];
  },
};

/**
 * Slowloris: a client opens connections and sends its request a byte at a time, or never, so each
 * holds one of the server's workers until the server gives up and logs 408 Request Timeout (nginx
 * with no request line, `"-" 408 0`). Few events, no rate to speak of: the count of 408s, and their
 * share of the source's requests, are the signal. Many such sources are one finding.
 */
function slowRequests(ctx: DetectContext): DraftFinding[] {
  const min = ctx.num('slowTimeouts');
  const share = ctx.num('slowTimeoutShare');
  const group = Math.max(2, ctx.num('floodSources'));
  const rows = ctx.agg.rate.filter((r) => (r.timeouts ?? 0) >= min && r.timeouts! >= share * r.total).sort((a, b) => b.timeouts! - a.timeouts!);
  // a slowloris botnet: each source under the per-source count, together a slow denial of service
  const few = ctx.num('slowGroupTimeouts');
  const spread = ctx.agg.rate
    .filter((r) => (r.timeouts ?? 0) >= few && r.timeouts! < min && r.timeouts! >= share * r.total && ipScope(r.ip) !== 'internal')
    .sort((a, b) => b.timeouts! - a.timeouts!);
  const spreadTotal = [...rows, ...spread].reduce((a, r) => a + r.timeouts!, 0);
  const distributed = spread.length > 0 && rows.length + spread.length >= group && spreadTotal >= min;
  const explain = (what: string): string =>
    `${what} A server answers 408 Request Timeout when a client opened a connection and did not finish sending its request in time; a browser does that now and then, but hundreds of times, as most of what a client sends, is a slow denial of service (slowloris, slow POST, R.U.D.Y.): each unfinished request holds one of the server's connections until it times out, so a few clients can exhaust it without any burst of traffic. ` +
    `Thresholds: ${min} answers 408 from one source (bursts.slowTimeouts; high at ${10 * min}), at least ${Math.round(share * 100)} % of its requests (bursts.slowTimeoutShare)` +
    (distributed ? `, or ${few} each from ${group} or more outside sources, ${min} in all (bursts.slowGroupTimeouts, bursts.floodSources). ` : '. ') +
    `A benign cause would be a client on a very bad network, or a health check that opens a connection without sending a request (then the source is yours and regular).`;
  const finding = (rs: typeof rows): DraftFinding => {
    const timeouts = rs.reduce((a, r) => a + r.timeouts!, 0);
    const total = rs.reduce((a, r) => a + r.total, 0);
    const minutes = rs.reduce((a, r) => a + r.minutes, 0);
    const one = rs.length === 1 ? rs[0]! : null;
    const ips = rs.map((r) => r.ip);
    // the sources' first and last requests, when the profile rows are at hand (batch analysis)
    const wanted = new Set(ips);
    const profs = ctx.agg.profile.filter((p) => wanted.has(p.ip));
    const first = profs.reduce<number | null>((t, p) => (p.first != null && (t == null || p.first < t) ? p.first : t), null);
    const last = profs.reduce<number | null>((t, p) => (p.last != null && (t == null || p.last > t) ? p.last : t), null);
    return {
      detector: 'bursts',
      // a botnet of small slow clients is high when it is big; a group each over the per-source count always is
      severity: one ? (timeouts >= 10 * min ? 'high' : 'medium') : distributed && timeouts < 10 * min && rs.length < 3 * group ? 'medium' : 'high',
      entity: one ? one.ip : `${count(rs.length)} sources`,
      entityType: one ? 'ip' : 'population',
      title: one ? `Slow requests (slowloris) from ${one.ip}: ${count(timeouts)} answered 408 Request Timeout` : `Slow requests (slowloris) from ${count(rs.length)} sources: ${count(timeouts)} answered 408 Request Timeout`,
      explanation: explain(
        one
          ? `${one.ip} (${ipScope(one.ip)}) had ${count(timeouts)} of its ${count(total)} requests closed by the server with 408 Request Timeout, over ${count(one.minutes)} active minute(s) in ${count(one.hours)} hour(s).`
          : `${count(rs.length)} sources (${formatList(ips, 6)}) each had most of their requests closed by the server with 408 Request Timeout: ${count(timeouts)} of ${count(total)}, over ${count(minutes)} active source-minutes.`,
      ),
      numbers: { timeouts, requests: total, sourceCount: rs.length, ...(one ? { activeMinutes: one.minutes } : { sources: ips.slice(0, 50).join(',') }) },
      threshold: one
        ? { metric: 'requests answered 408 Request Timeout', value: timeouts, threshold: min, setting: 'bursts.slowTimeouts' }
        : { metric: 'requests answered 408 Request Timeout, per source', value: Math.min(...rs.map((r) => r.timeouts!)), threshold: distributed ? few : min, setting: distributed ? 'bursts.slowGroupTimeouts' : 'bursts.slowTimeouts' },
      windowMs: null,
      firstSeen: first,
      lastSeen: last,
      query: `src_ip:${ips.slice(0, 100).map(qv).join(',')} status:408`,
      score: scoreOver(one ? timeouts : rs.length * min, min),
    };
  };
  if (distributed) return [finding([...rows, ...spread])];
  return rows.length >= group ? [finding(rows)] : rows.map((r) => finding([r]));
}

/**
 * A flood spread thinly: hundreds of sources at 20 a minute each pass no per-source test, but the
 * minute they share holds many times the log's usual events and senders. One finding per surge,
 * unless the sources' own bursts already made it one (floods()).
 */
function surges(ctx: DetectContext, already: readonly DraftFinding[]): DraftFinding[] {
  const rows = [...ctx.agg.traffic].sort((a, b) => a.minute - b.minute);
  if (!rows.length) return [];
  // too few minutes for a baseline: only the SYN-flood test, which needs none, can fire
  const baselined = rows.length >= ctx.num('minTrafficMinutes');
  // the baseline is a busy ordinary minute (the 90th percentile), not the median: a log that is
  // two-thirds quiet night would make every daytime minute look like a surge against its median
  const q = Math.min(1, ctx.num('surgeBaseline'));
  const medEvents = Math.max(1, quantile(rows.map((r) => r.events), q));
  const medSources = Math.max(1, quantile(rows.map((r) => r.sources), q));
  const factor = ctx.num('surgeFactor');
  const srcFactor = ctx.num('surgeSourceFactor');
  const minRate = ctx.num('minPerMinute');
  const minSources = ctx.num('floodSources');
  const gap = ctx.num('floodMinutes');
  const synMin = ctx.num('synFloodPerMinute');
  const surging = (r: TrafficRow): boolean => baselined && r.events >= Math.max(minRate, factor * medEvents) && r.sources >= Math.max(minSources, srcFactor * medSources);
  // handshakes nobody completed, most of the minute's flows, from many senders: a SYN flood whatever
  // the rest of the log looks like (a capture cut to the attack window has no ordinary minute)
  const synFlood = (r: TrafficRow): boolean => (r.halfOpen ?? 0) >= synMin && r.halfOpen! >= SYN_SHARE * r.events && r.sources >= minSources;
  const shedMin = ctx.num('shedFloodPerMinute');
  // the server refusing a third of all requests for load, from many senders: the flood's effect is in the log itself
  const shedding = (r: TrafficRow): boolean => (r.shed ?? 0) >= shedMin && r.shed! >= SHED_SHARE * r.events && r.sources >= minSources;
  const hot = rows.filter((r) => surging(r) || synFlood(r) || shedding(r));
  const groups: TrafficRow[][] = [];
  for (const r of hot) {
    const g = groups[groups.length - 1];
    if (g && r.minute - g[g.length - 1]!.minute <= gap) g.push(r);
    else groups.push([r]);
  }
  const out: DraftFinding[] = [];
  for (const g of groups) {
    const from = g[0]!.minute * 60_000;
    const to = (g[g.length - 1]!.minute + 1) * 60_000 - 1;
    // the per-source bursts already named this flood
    if (already.some((d) => d.entityType === 'population' && d.firstSeen != null && d.lastSeen != null && d.firstSeen <= to && d.lastSeen >= from)) continue;
    const peak = g.reduce((a, r) => (r.events > a.events ? r : a));
    const events = g.reduce((a, r) => a + r.events, 0);
    const halfOpen = g.reduce((a, r) => a + (r.halfOpen ?? 0), 0);
    // a SYN flood: its minutes crossed the half-open test (and maybe the surge test too)
    const syn = g.some(synFlood);
    const surged = g.some(surging);
    const shed = g.some(shedding);
    const refused = g.reduce((a, r) => a + (r.shed ?? 0), 0);
    const peakShed = g.reduce((a, r) => Math.max(a, r.shed ?? 0), 0);
    const pageFiles = g.reduce((a, r) => a + (r.pageFiles ?? 0), 0);
    const pageShare = ctx.num('surgePageShare');
    // people's browsers fetch each page's images and styles; a flood repeats a URL or makes them up
    const rush = surged && !syn && !shed && pageFiles >= pageShare * events;
    const high = (surged && peak.events >= 5 * factor * medEvents) || (syn && (peak.halfOpen ?? 0) >= 5 * synMin) || (shed && peakShed >= 5 * shedMin);
    // the destination most of the surge went to (flow data): a flood has a target
    const targets = new Map<string, number>();
    for (const r of g) for (const [k, v] of r.targets ?? []) targets.set(k, (targets.get(k) ?? 0) + v);
    const [target, hits] = [...targets].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
    const aimed = target !== null && hits >= events / 2 ? target : null;
    // bare SYNs from many senders to many hosts are background scanning, not a flood of one target
    // (a web server's own log is about that server: its refusals need no target named)
    if (!surged && !shed && !aimed) continue;
    const shedText = shed
      ? `The server refused ${count(refused)} of those requests for load (503 Service Unavailable or 429 Too Many Requests; up to ${count(peakShed)} a minute): it buckled under them. `
      : '';
    const shedThreshold = `at least ${shedMin} requests in a minute refused with 503/429, ${Math.round(SHED_SHARE * 100)} % of its requests, from ${minSources} sources (bursts.shedFloodPerMinute${shed ? `; high at ${5 * shedMin}` : ''})`;
    const synText = syn
      ? `${count(halfOpen)} of the ${count(events)} flows were a bare SYN that nobody completed (up to ${count(peak.halfOpen ?? 0)} a minute): a SYN flood fills the target's table of half-open connections, and its senders are usually spoofed, so blocking addresses does not help. `
      : '';
    const synThreshold = `at least ${synMin} bare-SYN flows in a minute, ${Math.round(SYN_SHARE * 100)} % of its flows, from ${minSources} sources (bursts.synFloodPerMinute${syn ? `; high at ${5 * synMin}` : ''})`;
    const at = `${new Date(from).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const baseline = `a baseline minute (the ${Math.round(q * 100)}th percentile of the log's ${count(rows.length)} active minutes, bursts.surgeBaseline) of ${count(Math.round(medEvents))} events from ${count(Math.round(medSources))} sources`;
    out.push({
      detector: 'bursts',
      severity: rush ? 'low' : high ? 'high' : 'medium',
      entity: `${surged ? 'surge' : syn ? 'SYN flood' : 'flood'} at ${at}`,
      entityType: 'population',
      title:
        !surged && syn
          ? `SYN flood${aimed ? ` at ${aimed}` : ''}: ${count(peak.halfOpen ?? 0)} unanswered handshakes in one minute from ${count(peak.sources)} sources`
          : !surged
            ? `Flood the server buckled under: ${count(peak.events)} requests in one minute from ${count(peak.sources)} sources, ${count(peakShed)} refused with 503/429`
            : `Distributed surge${aimed ? ` at ${aimed}` : ''}: ${count(peak.events)} events in one minute from ${count(peak.sources)} sources (usually ${count(Math.round(medEvents))} from ${count(Math.round(medSources))})${rush ? ', mostly page files' : ''}`,
      explanation:
        `In ${count(g.length)} minute(s) ${overSpan(from, to)}, all sources together sent up to ${count(peak.events)} events a minute from ${count(peak.sources)} distinct sources (${count(events)} in all)` +
        (baselined ? `, against ${baseline}. ` : `; the log has only ${count(rows.length)} active minutes, too few for a baseline (bursts.minTrafficMinutes). `) +
        (aimed ? `At least ${count(hits)} of those ${count(events)} events went to ${aimed}: the target. ` : '') +
        synText +
        shedText +
        (surged ? `Each source stays under the per-source burst thresholds, but together they are ${Math.round(peak.events / medEvents)}x the usual load from ${Math.round(peak.sources / medSources)}x the usual senders: a distributed denial of service (a botnet, a SYN or HTTP flood) looks like this. ` : '') +
        (rush
          ? `But ${count(pageFiles)} of those ${count(events)} requests (${pct(pageFiles, events)} %) were static files a page referred to (images, styles, scripts, with a referrer, answered): browsers opening pages, the shape of a real rush of users rather than a flood, which repeats one URL or makes them up without their files; so it is reported low (bursts.surgePageShare: ${Math.round(pageShare * 100)} %). `
          : '') +
        `Thresholds: ${[
          surged ? `${factor}x the baseline minute's events (bursts.surgeFactor) and ${srcFactor}x its sources (bursts.surgeSourceFactor), at least ${minRate} events (bursts.minPerMinute) and ${minSources} sources (bursts.floodSources); high at ${5 * factor}x` : '',
          syn ? synThreshold : '',
          shed ? shedThreshold : '',
        ]
          .filter(Boolean)
          .join('; or ')}. ` +
        `A benign cause would be a real rush of users (a newsletter, a sale, a news mention) or a load test: then the requests are ordinary pages and the sources browse on afterwards${syn ? ', and their handshakes complete' : ''}.`,
      numbers: { peakPerMinute: peak.events, peakSources: peak.sources, baselinePerMinute: Math.round(medEvents), baselineSources: Math.round(medSources), minutes: g.length, events, halfOpen, refused503or429: refused, target: aimed ?? '' },
      threshold: surged
        ? { metric: 'events in one minute, all sources', value: peak.events, threshold: Math.round(Math.max(minRate, factor * medEvents)), setting: 'bursts.surgeFactor' }
        : syn
          ? { metric: 'bare-SYN flows in one minute, all sources', value: peak.halfOpen ?? 0, threshold: synMin, setting: 'bursts.synFloodPerMinute' }
          : { metric: 'requests refused with 503/429 in one minute, all sources', value: peakShed, threshold: shedMin, setting: 'bursts.shedFloodPerMinute' },
      windowMs: to - from + 1,
      firstSeen: from,
      lastSeen: to,
      query: `ts:${from}..${to}`,
      score: surged ? scoreOver(peak.events, factor * medEvents) : syn ? scoreOver(peak.halfOpen ?? 0, synMin) : scoreOver(peakShed, shedMin),
    });
  }
  return out;
}

/** A minute (UTC) as `2026-11-20 14:03`. */
const minuteText = (m: number): string => new Date(m * 60_000).toISOString().slice(0, 16).replace('T', ' ');
const pct = (a: number, b: number): number => (b > 0 ? Math.round((100 * a) / b) : 0);

/**
 * An HTTP flood that needs no baseline: a web log cut to the attack window, the server answering
 * every request. Its own shape says flood: many outside addresses, each sending bursts.minPerMinute
 * or more requests every minute for minutes on end (no person's browser keeps that up), nearly all
 * to one to three paths (query strings ignored: `/search?q=<random>` busts the cache and is one
 * path), almost none of them page files. A NAT or a CDN edge carries many people's browsing (many
 * paths, images with referrers); a poller or a crawler is one or two addresses; inside services
 * calling one API all day are inside addresses and are left out.
 */
function httpFloods(ctx: DetectContext, already: readonly DraftFinding[]): DraftFinding[] {
  const minRate = ctx.num('minPerMinute');
  const runMin = Math.max(1, ctx.num('floodRunMinutes'));
  const share = ctx.num('floodTargetShare');
  const minSources = Math.max(2, ctx.num('floodSources'));
  const perMin = ctx.num('httpFloodPerMinute');
  const gap = ctx.num('floodMinutes');
  interface Flooder { r: RateRow; f: NonNullable<RateRow['flood']>; runs: [number, number, number][]; aimed: number }
  const flooders: Flooder[] = [];
  for (const r of ctx.agg.rate) {
    const f = r.flood;
    if (!f || !r.floodRuns?.length || !f.requests) continue;
    // an inside host calling one endpoint every second is a service of yours (an API client, a health check)
    if (ipScope(r.ip) === 'internal' || ctx.crawler(r.ip)?.verdict === 'verified') continue;
    const aimed = f.topPaths.slice(0, FLOOD_TARGETS).reduce((a, p) => a + p[1], 0);
    if (aimed < share * f.requests || f.pageFiles > FLOOD_PAGE_SHARE * f.requests) continue;
    const runs = r.floodRuns.filter((x) => x[1] - x[0] + 1 >= runMin);
    if (runs.length) flooders.push({ r, f, runs, aimed });
  }
  if (flooders.length < minSources) return [];
  // each minute's flooding sources and their requests (the fold keeps runs, not minutes: a run's mean rate)
  const minutes = new Map<number, { sources: number; events: number }>();
  for (const x of flooders)
    for (const [a, b, n] of x.runs) {
      const mean = n / (b - a + 1);
      for (let m = a; m <= b; m++) {
        const v = minutes.get(m);
        if (v) {
          v.sources++;
          v.events += mean;
        } else minutes.set(m, { sources: 1, events: mean });
      }
    }
  const hot = [...minutes].filter(([, v]) => v.sources >= minSources && v.events >= perMin).sort((a, b) => a[0] - b[0]);
  const groups: (typeof hot)[] = [];
  for (const h of hot) {
    const g = groups[groups.length - 1];
    if (g && h[0] - g[g.length - 1]![0] <= gap) g.push(h);
    else groups.push([h]);
  }
  const out: DraftFinding[] = [];
  for (const g of groups) {
    const first = g[0]![0];
    const last = g[g.length - 1]![0];
    const from = first * 60_000;
    const to = (last + 1) * 60_000 - 1;
    if (already.some((d) => d.entityType === 'population' && d.firstSeen != null && d.lastSeen != null && d.firstSeen <= to && d.lastSeen >= from)) continue;
    const members = flooders.filter((x) => x.runs.some(([a, b]) => a <= last && b >= first));
    const peak = g.reduce((a, h) => (h[1].events > a[1].events ? h : a))[1];
    const refused = members.reduce((a, x) => a + x.r.throttled, 0);
    const peakSources = g.reduce((a, h) => Math.max(a, h[1].sources), 0);
    const events = members.reduce((a, x) => a + x.runs.reduce((s, [a2, b, n]) => s + (a2 <= last && b >= first ? n : 0), 0), 0);
    // the target: the paths the members asked for most, together
    const byPath = new Map<string, number>();
    for (const x of members) for (const [p, n] of x.f.topPaths.slice(0, FLOOD_TARGETS)) byPath.set(p, (byPath.get(p) ?? 0) + n);
    const requests = members.reduce((a, x) => a + x.f.requests, 0);
    const ranked = [...byPath].sort((a, b) => b[1] - a[1]);
    const targets = ranked.filter(([, n], i) => i === 0 || n >= 0.1 * requests).slice(0, FLOOD_TARGETS);
    const onTargets = targets.reduce((a, [, n]) => a + n, 0);
    const queried = members.reduce((a, x) => a + x.f.queried, 0);
    const referred = members.reduce((a, x) => a + x.f.referred, 0);
    const pageFiles = members.reduce((a, x) => a + x.f.pageFiles, 0);
    // one user agent across many addresses: one tool (browsers differ in version, OS, language)
    const agents = new Map<string, number>();
    for (const x of members) if (x.f.agents === 1 && x.f.agent) agents.set(x.f.agent, (agents.get(x.f.agent) ?? 0) + 1);
    const [agent, sharing] = [...agents].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const ips = [...members].sort((a, b) => b.r.peak - a.r.peak).map((x) => x.r.ip);
    const high = peak.events >= 5 * perMin || members.length >= 3 * minSources;
    const targetText = formatList(targets.map(([p]) => p), FLOOD_TARGETS);
    const active = ctx.agg.traffic.length;
    out.push({
      detector: 'bursts',
      severity: high ? 'high' : 'medium',
      entity: `HTTP flood at ${minuteText(first)} UTC`,
      entityType: 'population',
      title: `HTTP flood at ${targetText}: ${count(members.length)} sources, each ${minRate}+ requests a minute for ${runMin}+ minutes (about ${count(Math.round(peak.events))} a minute together)`,
      explanation:
        `From ${minuteText(first)} to ${minuteText(last)} UTC (${count(g.length)} minute(s) ${overSpan(from, to)}), ${count(members.length)} outside addresses each sent ${minRate} or more requests a minute for ${runMin} or more minutes in a row; up to ${count(peakSources)} of them at once, about ${count(Math.round(peak.events))} requests a minute together at the height of it (from each source's mean rate over its run) and ${count(events)} in those minutes. ` +
        `${pct(onTargets, requests)} % of their requests went to ${targetText} (query strings left out)` +
        (queried ? `, ${pct(queried, requests)} % with a query string (a new URL each time passes any cache and reaches the server)` : '') +
        `; ${pct(requests - referred, requests)} % had no referrer and ${pct(pageFiles, requests)} % were page files (images, styles, scripts)` +
        (sharing >= minSources ? `; ${count(sharing)} of the ${count(members.length)} addresses sent one identical user agent throughout ("${agent.slice(0, 120)}")` : '') +
        `. The busiest: ${formatList(ips, 6)}. ` +
        `No person's browser asks for the same page ${minRate} times a minute, minute after minute, without loading its images; many addresses doing it together is an HTTP flood (a botnet, a layer-7 denial of service), whatever the rest of the log looks like` +
        (active && active < ctx.num('minTrafficMinutes') ? ` (the log has only ${count(active)} active minutes, too few for a baseline, bursts.minTrafficMinutes)` : '') +
        (refused
          ? `. The server refused ${count(refused)} of their requests with 503/429. `
          : `. The server refused none of them with 503/429, so the log shows no refusals; real users may still have waited or timed out. `) +
        `Thresholds: ${minSources} or more sources at once (bursts.floodSources), each at ${minRate}+ a minute (bursts.minPerMinute) for ${runMin}+ consecutive minutes (bursts.floodRunMinutes), ${Math.round(share * 100)} % of its requests to at most ${FLOOD_TARGETS} paths (bursts.floodTargetShare), at most ${Math.round(FLOOD_PAGE_SHARE * 100)} % page files, not inside addresses or verified crawlers, and ${perMin} requests a minute from them together (bursts.httpFloodPerMinute; high at ${5 * perMin}, or ${3 * minSources} sources). ` +
        `A benign cause would be a load test you ran (from addresses you know), or a partner's integration calling one endpoint from many addresses (then it recurs every day at the same rate).`,
      numbers: {
        sourceCount: members.length,
        sources: ips.slice(0, 50).join(','),
        peakSources,
        peakPerMinute: Math.round(peak.events),
        minutes: g.length,
        events,
        target: targets.map(([p]) => p).join(' '),
        targetSharePct: pct(onTargets, requests),
        withQueryPct: pct(queried, requests),
        noReferrerPct: pct(requests - referred, requests),
        pageFilesPct: pct(pageFiles, requests),
        sharedAgentSources: sharing,
        refused503or429: refused,
      },
      threshold: { metric: 'requests in one minute from sources each flooding', value: Math.round(peak.events), threshold: perMin, setting: 'bursts.httpFloodPerMinute' },
      windowMs: to - from + 1,
      firstSeen: from,
      lastSeen: to,
      query: `src_ip:${ips.slice(0, 100).map(qv).join(',')} ts:${from}..${to}`,
      score: scoreOver(peak.events, perMin),
    });
  }
  return out;
}

/**
 * Sources whose bursts peak within a few minutes of each other are one distributed flood (a botnet
 * or a load-testing rig): one finding for the flood, naming its sources, instead of hundreds.
 */
function floods(list: (DraftFinding & { minute: number })[], min: number, gapMinutes: number): DraftFinding[] {
  const strip = ({ minute: _m, ...d }: DraftFinding & { minute: number }): DraftFinding => d;
  if (min < 2 || list.length < min) return list.map(strip);
  const sorted = [...list].sort((a, b) => a.minute - b.minute);
  const out: DraftFinding[] = [];
  let group: typeof sorted = [];
  const flush = (): void => {
    if (group.length < min) out.push(...group.map(strip));
    else {
      const peak = group.reduce((s, d) => s + Number(d.numbers.peakPerMinute ?? 0), 0);
      const events = group.reduce((s, d) => s + Number(d.numbers.events ?? 0), 0);
      const refused = group.reduce((s, d) => s + Number(d.numbers.refused503or429 ?? 0), 0);
      // the heaviest first: the examples named are the ones worth blocking first
      const ips = [...group].sort((a, b) => Number(b.numbers.peakPerMinute) - Number(a.numbers.peakPerMinute)).map((d) => d.entity);
      const first = Math.min(...group.map((d) => d.firstSeen ?? Infinity));
      const last = Math.max(...group.map((d) => d.lastSeen ?? 0));
      const severity = group.some((d) => d.severity === 'high') || group.length >= 3 * min ? 'high' : 'medium';
      out.push({
        detector: 'bursts',
        severity,
        entity: `${count(ips.length)} sources`,
        entityType: 'population',
        title: `Distributed flood: ${count(ips.length)} sources burst within ${gapMinutes} min of each other`,
        explanation:
          `${count(ips.length)} sources each had a burst far above their own and the population's rate, all peaking within ${gapMinutes} minute(s) of another (${count(peak)} events in their busiest minutes together, ${count(events)} events in all${refused ? `, ${count(refused)} answered 503/429` : ''}), the busiest ${ips.slice(0, 6).join(', ')}${ips.length > 6 ? ` and ${count(ips.length - 6)} more` : ''}. ` +
          `Many addresses flooding at the same moment is one coordinated denial-of-service (a botnet) or one load test, reported once. Thresholds: ${min} sources (bursts.floodSources) within ${gapMinutes} minutes (bursts.floodMinutes); each source also crossed the per-source burst thresholds. ` +
          `A benign cause would be a load test you ran, or a real surge of users (a newsletter, a sale): then the sources browse normally before and after.`,
        numbers: { sources: ips.slice(0, 50).join(','), sourceCount: ips.length, peakPerMinuteSum: peak, events, refused503or429: refused },
        threshold: { metric: 'sources bursting together', value: ips.length, threshold: min, setting: 'bursts.floodSources' },
        windowMs: (group[group.length - 1]!.minute - group[0]!.minute + 1) * 60_000,
        firstSeen: Number.isFinite(first) ? first : null,
        lastSeen: last || null,
        query: `src_ip:${ips.slice(0, 100).map(qv).join(',')} ts:${first}..${last}`,
        score: Math.max(...group.map((d) => d.score)),
      });
    }
    group = [];
  };
  for (const d of sorted) {
    if (group.length && d.minute - group[group.length - 1]!.minute > gapMinutes) flush();
    group.push(d);
  }
  flush();
  return out;
}
