// Heavy traffic / exfiltration: bytes per source and per source->destination pair, with the
// shapes of known-benign bulk transfers (backups, crawlers) explained rather than alarmed.
import { maxTs, minTs } from '../fold';
import { BIG_RESPONSE, HOUR, USER_AGENTS } from '../foldState';
import type { Severity } from '../../../shared/model';
import type { DetectorDef, DownloadRow, DraftFinding, PairRow } from '../types';
import { ipScope, network } from '../net';
import { bytes, count, crawlerCap, duration, overSpan, qv, scoreOver } from './util';

/** Downloads that are files by their extension (media, images, archives, installers, documents). */
// media segments (HLS .ts, DASH .m4s) and audio too: a viewer fetches the same stream's pieces again and again
const FILE_EXT = /\.(?:iso|img|zip|gz|tgz|bz2|xz|7z|rar|tar|exe|msi|dmg|pkg|deb|rpm|apk|mp4|mkv|mov|avi|webm|mp3|flac|wav|pdf|jpg|jpeg|png|gif|webp|svg|bin|dat|ts|m4s|m4a|m4v|aac|ogg|opus|avif|heic|tiff?)$/i;

/** Distinct user agents the fold counts per source (USER_AGENTS in foldState): more shows as this many. */
const USER_AGENTS_COUNTED = USER_AGENTS;

/** Ports used by backup and file-sync jobs (rsync, SMB, NFS, iSCSI, Bacula, NDMP, Veeam, SSH/scp). */
const BACKUP_PORTS = new Set([22, 139, 445, 873, 2049, 3260, 9102, 9103, 10000, 9392, 2500, 6160, 6162]);

export const heavyTraffic: DetectorDef = {
  name: 'heavyTraffic',
  title: 'Heavy traffic / exfiltration',
  description:
    'Sums the bytes each source sent in the connections it initiated (flow logs; a server\'s replies to its clients do not count) or received (web logs: response sizes), overall and per destination. Separately, the bytes an internal server answered to one external address (its reply flows, or the responder\'s bytes of a two-way record such as Zeek\'s resp_bytes): data pulled out through a service, reported a step lower on web ports where a large public download is a benign cause. An internal host whose bulk traffic goes to an inside host (a nightly backup) is also judged on what it sent to each outside address: gigabytes beside the backup are told on their own. Large transfers from an internal address to an external one are possible exfiltration; transfers between internal hosts on backup ports, and verified search-engine crawlers, are reported as benign shapes at low severity. So is a web client that is many people behind one address (dozens of user agents over many hours) or that fetches at a steady pace around the clock: a CDN edge, a reverse proxy or a cache, not a scraper taking the site in one sitting.',
  settings: [
    { key: 'heavyBytes', default: 1_000_000_000, description: 'bytes for a heavy source (seed: > 1 GB)' },
    { key: 'summaryBytes', default: 500_000_000, description: 'bytes for a reportable source or pair (seed summary: > 500 MB)' },
    { key: 'pairShare', default: 0.8, description: 'share of a source\'s bytes going to one destination for the pair to be named as the transfer' },
    { key: 'stagedShare', default: 0.5, description: 'bytes an inside host pulled from one inside server (two-way flow records) before it sent data out, as a share of what it sent to the outside address, for the finding to name that server as where the data was gathered (staging)' },
    { key: 'spreadDestinations', default: 20, description: 'external destinations an internal source\'s bytes are spread over (its five largest holding under pairShare) for the shape of a gateway, proxy or busy server: medium, not high' },
    { key: 'proxyAgents', default: 20, description: 'distinct user agents behind one web client address (with heavyTraffic.proxyHours) for the shape of a CDN edge, reverse proxy or office NAT fetching for many people: low, not a scraper' },
    { key: 'proxyHours', default: 12, description: 'clock hours a web client address was active in for that many-people shape (a scraper crawls a site in one sitting; an edge serves users around the clock)' },
    { key: 'steadyHours', default: 20, description: 'clock hours a web client address was active in, with heavyTraffic.steadyShare, for the shape of a CDN edge or cache filling itself around the clock: low, not a scraper' },
    { key: 'steadyShare', default: 0.8, description: 'share of the clock hours between its first and last request that address must be active in (steady, not a crawl each night)' },
    { key: 'groupBackups', default: 5, description: 'internal hosts backing up to one store for one finding about the store instead of one per host' },
    { key: 'twinSeconds', default: 5, description: 'seconds (beyond either record\'s duration) within which two flow logs\' records of the same addresses and ports are one connection seen by two sensors (a firewall export and Zeek, two routers), counted once by every detector; two records of one log never pair' },
    { key: 'sharedDownloadSources', default: 3, description: 'sources that downloaded the same large file for it to be a published download (one info finding for the file instead of one per source)' },
  ],
  needs: ['profile', 'pairs', 'downloads', 'rate', 'fetched'],
  incremental: true,
  detect(ctx) {
    const heavy = ctx.num('heavyBytes');
    const summary = ctx.num('summaryBytes');
    const pairShare = ctx.num('pairShare');
    // a pair's bytes are part of its source's sent bytes: only sources that sent enough need their
    // pairs grouped (a million one-flow sources made a million arrays for nothing)
    const senders = new Set<string>();
    for (const r of ctx.agg.profile) if (r.sentBytes >= summary) senders.add(r.ip);
    const pairsBySrc = new Map<string, PairRow[]>();
    const served: PairRow[] = [];
    for (const p of ctx.agg.pairs) {
      if (p.served) {
        if (p.bytes >= summary) served.push(p);
        continue;
      }
      if (!senders.has(p.src) && p.bytes < summary) continue;
      const l = pairsBySrc.get(p.src) ?? [];
      l.push(p);
      pairsBySrc.set(p.src, l);
    }
    const stagedShare = ctx.num('stagedShare');
    const fetchedBy = new Map<string, PairRow[]>();
    for (const p of ctx.agg.fetched ?? []) fetchedBy.set(p.dst, [...(fetchedBy.get(p.dst) ?? []), p]);
    const proxyAgents = ctx.num('proxyAgents');
    const proxyHours = ctx.num('proxyHours');
    const steadyHours = ctx.num('steadyHours');
    const steadyShare = ctx.num('steadyShare');
    const hoursOf = new Map<string, number>();
    for (const r of ctx.agg.rate) hoursOf.set(r.ip, r.hours);
    const out: DraftFinding[] = [];
    const backups = new Map<string, DraftFinding[]>();
    // large web downloads by path: a file many sources fetched is published (a release, an ISO, a
    // video), and its downloaders are its audience, not thieves: one finding for the file
    const sharedMin = ctx.num('sharedDownloadSources');
    const byPath = new Map<string, { rows: DownloadRow[]; bytes: number; requests: number; first: number | null; last: number | null }>();
    const byIp = new Map<string, DownloadRow[]>();
    for (const d of ctx.agg.downloads) {
      let g = byPath.get(d.path);
      if (!g) byPath.set(d.path, (g = { rows: [], bytes: 0, requests: 0, first: null, last: null }));
      g.rows.push(d);
      g.bytes += d.bytes;
      g.requests += d.requests;
      g.first = minTs(g.first, d.first);
      g.last = maxTs(g.last, d.last);
      const l = byIp.get(d.ip) ?? [];
      l.push(d);
      byIp.set(d.ip, l);
    }
    const shared = (path: string): boolean => (byPath.get(path)?.rows.length ?? 0) >= sharedMin;
    for (const [path, g] of byPath) {
      if (g.rows.length < sharedMin || g.bytes < summary) continue;
      const top = [...g.rows].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
      out.push({
        detector: 'heavyTraffic',
        severity: 'info',
        entity: path,
        entityType: 'path',
        title: `Published download ${path}: ${count(g.rows.length)} sources, ${bytes(g.bytes)}`,
        explanation:
          `${count(g.rows.length)} different sources downloaded ${path} (${count(g.requests)} large responses, ${bytes(g.bytes)} in all) ${overSpan(g.first, g.last)}; the most were ${top.map((d) => `${d.ip} (${bytes(d.bytes)})`).join(', ')}. ` +
          `A large file fetched by many clients is a published download (a release, an image, a video), so its downloaders are not reported one by one as heavy traffic. ` +
          `The file is named when at least ${sharedMin} sources fetched it (heavyTraffic.sharedDownloadSources) and together they took ${bytes(summary)} or more (heavyTraffic.summaryBytes). If the file should not be public (a backup, a database dump), this is the list of who has it.`,
        numbers: { sources: g.rows.length, bytes: g.bytes, requests: g.requests },
        threshold: { metric: 'sources', value: g.rows.length, threshold: sharedMin, setting: 'heavyTraffic.sharedDownloadSources' },
        windowMs: null,
        firstSeen: g.first,
        lastSeen: g.last,
        query: `path:${qv(path)}`,
        score: 0,
      });
    }
    for (const r of ctx.agg.profile) {
      const pairs = (pairsBySrc.get(r.ip) ?? []).sort((a, b) => b.bytes - a.bytes);
      const top = pairs[0];
      // a server answering downloads is not sending data out: only flows it initiated count
      const total = Math.max(r.sentBytes, top?.bytes ?? 0);
      if (total < summary) continue;
      // an access log has no destination; a proxy or load balancer log names one, but its bytes are answers too
      const web = r.dsts === 0 || r.httpBytes >= pairShare * total;
      const proxied = web && r.dsts > 0;
      const isHeavy = total >= heavy;
      const srcScope = ipScope(r.ip);
      const dominant = top && top.bytes >= pairShare * total ? top : null;
      // an upload split over a storage service's addresses goes to one network, not one address
      const net = dominant ? null : topNetwork(pairs, pairShare * total);
      const dstScope = dominant ? ipScope(dominant.dst) : net ? ipScope(net.pairs[0]!.dst) : 'unknown';
      let severity: Severity;
      let shape: string;
      const files = web ? (byIp.get(r.ip) ?? []).sort((a, b) => b.bytes - a.bytes) : [];
      if (web && files.length > 0 && files.filter((d) => shared(d.path)).reduce((a, d) => a + d.bytes, 0) >= pairShare * total) continue;
      if (web && proxied && srcScope === 'internal') {
        // an inside client behind a proxy: a big download is data coming in; what it uploads is not in
        // the bytes a proxy logs, except through CONNECT tunnels, which count as sent
        severity = 'low';
        const file = files[0] && files[0].bytes >= pairShare * total ? files[0] : null;
        shape = `The proxy logged ${bytes(r.httpBytes)} of answers to its requests${file ? `, most of it ${file.path} (${bytes(file.bytes)})` : ''}: data coming in to an inside client, not data leaving, so it is reported low. A proxy logs the size of the answer, not of what a request uploads; uploads show only as CONNECT tunnels, which count as data sent to their destination.`;
      } else if (web) {
        severity = isHeavy ? 'medium' : 'low';
        const file = files[0] && files[0].bytes >= pairShare * total ? files[0] : null;
        // the same dynamic page or API answered with large bodies again and again (not a file with a
        // media or archive extension): data pulled out in pieces, the shape of a scripted export
        const bulk = file !== null && file.requests >= 10 && !FILE_EXT.test(file.path.split('?')[0]!) && srcScope !== 'internal';
        if (bulk && isHeavy) severity = 'high';
        // a CDN edge or reverse proxy fetches the site for everyone behind it: dozens of browsers
        // from one address, around the clock; one scraper crawls with one agent in one sitting
        const hours = hoursOf.get(r.ip) ?? 0;
        const many = !bulk && r.userAgents >= proxyAgents && hours >= proxyHours;
        // an edge filling its cache (or a mirror) fetches all day at an even pace; a scraper takes the site in one sitting
        const spanHours = r.first != null && r.last != null ? Math.floor(r.last / HOUR) - Math.floor(r.first / HOUR) + 1 : 0;
        const steady = !bulk && !many && hours >= steadyHours && hours >= steadyShare * spanHours;
        if (many || steady) severity = 'low';
        shape = steady
          ? `It fetched at a steady pace around the clock, active in ${count(hours)} of the ${count(spanHours)} clock hours between its first and last request (heavyTraffic.steadyHours: ${steadyHours}, heavyTraffic.steadyShare: ${Math.round(steadyShare * 100)} %): the shape of a CDN edge or cache filling itself, a mirror or a reverse proxy, not of a scraper taking the site in one sitting, so it is reported low. Bytes a web server sent are downloads; check that ${r.ip} is your CDN or proxy (its user agent may name it) — a scraper throttled to an even pace all day would look the same.`
          : many
          ? `Its requests came with ${r.userAgents >= USER_AGENTS_COUNTED ? `${USER_AGENTS_COUNTED} or more` : count(r.userAgents)} different user agents, spread over ${count(hours)} clock hours (heavyTraffic.proxyAgents: ${proxyAgents}, heavyTraffic.proxyHours: ${proxyHours}): many people behind one address, the shape of a CDN edge, a reverse proxy or an office NAT fetching the site for its users, not of one client scraping it, so it is reported low. Bytes a web server sent are downloads; check that ${r.ip} is your CDN or proxy (such rows usually carry an X-Forwarded-For field with the users' addresses) — a scraper rotating user agents around the clock would look the same.`
          : bulk
          ? `Most of it (${bytes(file.bytes)}) came from ${file.path} in ${count(file.requests)} responses of ${bytes(BIG_RESPONSE)} or more: the same dynamic page or API answered with large bodies again and again, which is how data is pulled out by script (a database or customer export). Check what that endpoint returns and who should call it.`
          : file
          ? `Most of it is ${file.path} (${bytes(file.bytes)} in ${count(file.requests)} request${file.requests === 1 ? '' : 's'}), a file no other source downloaded in bulk: check what it holds and whether this client should have it.`
          : `${r.ip} downloaded ${bytes(total)} from the web server in ${count(r.events)} requests: scraping or bulk theft of content if it is not a known client.`;
      } else if (dominant && srcScope === 'internal' && dstScope === 'internal' && dominant.port != null && BACKUP_PORTS.has(dominant.port)) {
        severity = 'low';
        shape = `Most of it (${bytes(dominant.bytes)}) went to one internal host, ${dominant.dst}, on port ${dominant.port}, a backup/file-sync port: this looks like a backup or replication job. Confirm the schedule with its owner.`;
      } else if (!dominant && srcScope === 'internal' && spread(pairs, total, pairShare) >= ctx.num('spreadDestinations')) {
        // exfiltration goes to a few places the intruder controls; thousands of destinations, none
        // large, is many users or services behind one address (a NAT gateway, a proxy, a mail relay)
        const n = spread(pairs, total, pairShare);
        severity = 'medium';
        shape = `Its bytes went to ${count(n)} external destinations, the five largest taking only ${Math.round((top5(pairs) / total) * 100)} % (under heavyTraffic.pairShare, ${Math.round(pairShare * 100)} %; heavyTraffic.spreadDestinations: ${ctx.num('spreadDestinations')}): the shape of a NAT gateway, proxy or busy server carrying many users' traffic, not of data sent to one place. Exfiltration through it would show as one destination taking a large share; check its largest destinations.`;
      } else if (srcScope === 'internal' && (dstScope === 'external' || (!dominant && pairs.some((p) => ipScope(p.dst) === 'external')))) {
        severity = isHeavy ? 'high' : 'medium';
        shape = net
          ? `An internal host sent ${bytes(net.bytes)} of it to ${count(net.pairs.length)} addresses of one external network, ${net.net} (${net.pairs.slice(0, 5).map((p) => `${p.dst}: ${bytes(p.bytes)}`).join(', ')}${net.pairs.length > 5 ? ' …' : ''}), ${overSpan(net.first, net.last)}: one destination (a cloud storage service, a server farm) whose addresses each took only a share, together ${Math.round((net.bytes / total) * 100)} % of what it sent (heavyTraffic.pairShare: ${Math.round(pairShare * 100)} %). This is the shape of data exfiltration split to stay under per-address limits, or of a large upload to a service with many front ends: check who owns ${net.net}.`
          : `An internal host sent it to ${dominant ? `the external address ${dominant.dst}` : 'external addresses'}: this is the shape of data exfiltration.`;
        // where it came from: the inside server the host pulled the most from before the sending began
        const sent = dominant ?? null;
        const from = sent ? (fetchedBy.get(r.ip) ?? []).filter((p) => p.first != null && sent.first != null && p.first <= sent.first).sort((a, b) => b.bytes - a.bytes)[0] : undefined;
        if (sent && from && from.bytes >= stagedShare * sent.bytes)
          shape += ` Before that it pulled ${bytes(from.bytes)} from the inside server ${from.src}${from.port != null ? ` (port ${from.port})` : ''} ${overSpan(from.first, from.last)}, ending ${duration(Math.max(0, (sent.first ?? 0) - (from.last ?? 0)))} before the sending began: data gathered from a server and then sent out, the staging-then-exfiltration pattern (heavyTraffic.stagedShare: ${Math.round(stagedShare * 100)} % of what was sent). Check what it read on ${from.src}.`;
      } else {
        severity = isHeavy ? 'medium' : 'low';
        shape = `${srcScope === 'external' ? 'An external source sent it into the network (a download or an inbound upload)' : 'The transfer stayed between internal hosts'}, which is usually less alarming than data leaving.`;
      }
      const cap = crawlerCap(severity, ctx.crawler(r.ip));
      const backup = !web && dominant !== null && severity === 'low' && srcScope === 'internal' && dstScope === 'internal' && dominant.port != null && BACKUP_PORTS.has(dominant.port);
      const target = backup ? (backups.get(dominant!.dst) ?? []) : out;
      if (backup) backups.set(dominant!.dst, target);
      target.push({
        detector: 'heavyTraffic',
        severity: cap.severity,
        entity: r.ip,
        entityType: 'ip',
        title: `Heavy traffic from ${r.ip}: ${bytes(total)}${dominant ? ` to ${dominant.dst}` : net ? ` to ${net.net} (${count(net.pairs.length)} addresses)` : ''}`,
        explanation:
          `${r.ip} (${srcScope}) accounts for ${bytes(total)} in ${count(r.events)} ${web ? 'request' : 'flow'}${r.events === 1 ? '' : 's'}${r.events === 1 ? '' : ` ${overSpan(r.first, r.last)}`}${dominant ? `; ${bytes(dominant.bytes)} of it to ${dominant.dst}${dominant.port != null ? ` (port ${dominant.port}${dominant.ports > 1 ? ` and ${dominant.ports - 1} other ports` : ''})` : ''}` : pairs.length ? `, spread over ${pairs.length}+ destinations` : ''}. ` +
          `${shape} The threshold is ${bytes(isHeavy ? heavy : summary)} (heavyTraffic.${isHeavy ? 'heavyBytes' : 'summaryBytes'}).` +
          twinNote(r, ctx.num('twinSeconds')) +
          cap.note,
        numbers: { bytes: total, events: r.events, topDestination: dominant?.dst ?? '', topDestinationBytes: dominant?.bytes ?? 0, destinations: r.dsts, ...(net ? { topNetwork: net.net, topNetworkBytes: net.bytes, topNetworkAddresses: net.pairs.length } : {}) },
        threshold: { metric: 'bytes', value: total, threshold: isHeavy ? heavy : summary, setting: isHeavy ? 'heavyTraffic.heavyBytes' : 'heavyTraffic.summaryBytes', unit: 'bytes' },
        windowMs: null,
        firstSeen: dominant?.first ?? net?.first ?? r.first,
        lastSeen: dominant?.last ?? net?.last ?? r.last,
        query: dominant ? `src_ip:${qv(r.ip)} dst_ip:${qv(dominant.dst)}` : net ? `src_ip:${qv(r.ip)} dst_ip:${net.pairs.slice(0, 100).map((p) => qv(p.dst)).join(',')}` : `src_ip:${qv(r.ip)}`,
        score: scoreOver(total, summary),
      });
      // a server whose backups dwarf everything else can still send gigabytes out: the pair to the
      // backup store names the host, so what left for outside must be told on its own
      if (!web && dominant && srcScope === 'internal' && dstScope === 'internal') out.push(...besideInternal(r.ip, dominant, pairs, heavy, summary));
    }
    out.push(...servedFindings(served, heavy, summary, sharedMin));
    out.push(...pulledInside(ctx.agg.fetched ?? [], out, heavy, summary, ctx.num('groupBackups')));
    // many servers backing up to one store: one low finding for the store, not one per server
    for (const [dst, list] of backups) {
      if (list.length < ctx.num('groupBackups')) {
        out.push(...list);
        continue;
      }
      const total = list.reduce((s, d) => s + Number(d.numbers.topDestinationBytes ?? 0), 0);
      const srcs = list.map((d) => d.entity);
      out.push({
        ...list[0]!,
        entity: dst,
        title: `Backups to ${dst}: ${count(srcs.length)} internal sources, ${bytes(total)}`,
        explanation:
          `${count(srcs.length)} internal hosts (${srcs.slice(0, 5).join(', ')}${srcs.length > 5 ? ' …' : ''}) each sent most of their traffic, ${bytes(total)} in all, to ${dst} on backup or file-sync ports: the shape of a backup or replication job, reported once for the store (heavyTraffic.groupBackups). Confirm the schedule with its owner; a host that sends to it outside that schedule would stand out in its own finding.`,
        numbers: { sources: srcs.length, bytes: total },
        firstSeen: list.reduce<number | null>((m, d) => minTs(m, d.firstSeen), null),
        lastSeen: list.reduce<number | null>((m, d) => maxTs(m, d.lastSeen), null),
        query: `dst_ip:${qv(dst)}`,
        score: 0.2,
      });
    }
    return out;
  },
};

/** Ports where a client fetching gigabytes is publishing, not theft (web servers): reported a step lower. */
const WEB_PORTS = new Set([80, 443, 8000, 8080, 8443]);

/**
 * An internal server that answered one outside address with gigabytes (its reply flows, which the
 * source-side sums leave out): data pulled out through a service (a dump over SSH, SMB or a
 * database port, a web shell's download). One finding per server and client.
 */
function servedFindings(served: readonly PairRow[], heavy: number, summary: number, shared: number): DraftFinding[] {
  const byPair = new Map<string, PairRow>();
  for (const p of served) {
    const k = `${p.src} ${p.dst}`;
    const q = byPair.get(k);
    if (!q) byPair.set(k, { ...p });
    else {
      // the evidence is where most of the bytes were seen
      if (p.bytes > q.bytes) q.served = p.served;
      q.bytes += p.bytes;
      q.flows += p.flows;
      q.port = q.port == null ? p.port : p.port == null ? q.port : Math.min(q.port, p.port);
      q.first = minTs(q.first, p.first);
      q.last = maxTs(q.last, p.last);
    }
  }
  // a web server answering several outsiders with this much is publishing (CDN edges filling, mirrors)
  const clients = new Map<string, PairRow[]>();
  for (const p of byPair.values()) {
    if (p.port == null || !WEB_PORTS.has(p.port)) continue;
    const k = `${p.src}|${p.port}`;
    clients.set(k, [...(clients.get(k) ?? []), p]);
  }
  // one finding for the server and port, its clients named in it
  for (const [k, list] of clients) {
    if (list.length < shared) continue;
    for (const p of list) byPair.delete(`${p.src} ${p.dst}`);
    const sum = (f: (p: PairRow) => number): number => list.reduce((a, p) => a + f(p), 0);
    byPair.set(k, { ...list[0]!, dst: `${list.length} outside addresses (${list.slice(0, 5).map((p) => p.dst).join(', ')}${list.length > 5 ? ' …' : ''})`, bytes: sum((p) => p.bytes), flows: sum((p) => p.flows), first: list.reduce<number | null>((m, p) => minTs(m, p.first), null), last: list.reduce<number | null>((m, p) => maxTs(m, p.last), null), served: 'reply' });
  }
  const out: DraftFinding[] = [];
  for (const p of byPair.values()) {
    const isHeavy = p.bytes >= heavy;
    const web = p.port != null && WEB_PORTS.has(p.port);
    const publishing = web && (clients.get(`${p.src}|${p.port}`)?.length ?? 0) >= shared;
    const severity: Severity = publishing ? 'low' : isHeavy ? (web ? 'medium' : 'high') : web ? 'low' : 'medium';
    const svc = p.port != null ? `port ${p.port}` : 'its service';
    out.push({
      detector: 'heavyTraffic',
      severity,
      entity: p.src,
      entityType: 'ip',
      title: `Data pulled from ${p.src}: ${bytes(p.bytes)} answered to ${p.dst} on ${svc}`,
      explanation:
        `${p.src} (internal) sent ${bytes(p.bytes)} to the external address ${p.dst} in ${count(p.flows)} answer flow${p.flows === 1 ? '' : 's'} on ${svc}${p.flows > 1 ? ` ${overSpan(p.first, p.last)}` : ''}: ${p.dst} opened the connections and ${p.src} answered with the data. ` +
        `This is how data is pulled out through a service (a database dump over SSH, SMB or a database port, files through a web shell); the sums of what each host sent in its own connections never show it. ` +
        (publishing
          ? `It answered ${count(clients.get(`${p.src}|${p.port}`)?.length ?? 0)} outside addresses this much on this web port (heavyTraffic.sharedDownloadSources: ${shared}): a server publishing content (CDN edges filling their caches, mirrors), reported low. `
          : web
          ? `It was answered on a web port, so a large public download is a benign cause: reported a step lower. `
          : `A benign cause would be a partner or an administrator fetching a backup from outside: check who ${p.dst} is. `) +
        `The threshold is ${bytes(isHeavy ? heavy : summary)} (heavyTraffic.${isHeavy ? 'heavyBytes' : 'summaryBytes'}).`,
      numbers: { bytes: p.bytes, flows: p.flows, client: p.dst, port: p.port ?? '' },
      threshold: { metric: 'bytes', value: p.bytes, threshold: isHeavy ? heavy : summary, setting: isHeavy ? 'heavyTraffic.heavyBytes' : 'heavyTraffic.summaryBytes', unit: 'bytes' },
      windowMs: null,
      firstSeen: p.first,
      lastSeen: p.last,
      // two-way records are the client's connections; reply flows are the server's own rows
      query: publishing ? `src_ip:${qv(p.src)} src_port:${p.port}` : p.served === 'twoWay' ? `src_ip:${qv(p.dst)} dst_ip:${qv(p.src)}` : `src_ip:${qv(p.src)} dst_ip:${qv(p.dst)}`,
      score: scoreOver(p.bytes, summary),
    });
  }
  return out;
}

/** What was counted once: the records a second flow log also held, with their bytes. */
export function twinNote(r: { twinFlows?: number; twinBytes?: number }, seconds: number): string {
  if (!r.twinFlows) return '';
  return ` ${count(r.twinFlows)} more flow record${r.twinFlows === 1 ? '' : 's'} (${bytes(r.twinBytes ?? 0)}) of the same connections were in a second flow log (same addresses and ports within ${seconds} s beyond the records' durations: two sensors saw this traffic) and were counted once, not twice (heavyTraffic.twinSeconds).`;
}

/** Database, directory and remote-access ports: a client pulling gigabytes through them is a dump, not a file copy. */
const pulledNote = (port: number | null): string => (port != null && (BACKUP_PORTS.has(port) || WEB_PORTS.has(port)) ? 'file-share, backup or web' : 'service');

/**
 * An inside client that pulled gigabytes from one inside server (the server's answers, in two-way
 * records such as Zeek's resp_bytes or CICFlowMeter's backward bytes): data gathered from a
 * database or file server, which the client's own sent bytes never show. Told once per pair with
 * its direction; a pull the client's exfiltration finding already names is not told again, and a
 * client pulling from many servers (a backup or sync server) is one low finding.
 */
function pulledInside(fetched: readonly PairRow[], told: readonly DraftFinding[], heavy: number, summary: number, group: number): DraftFinding[] {
  const byClient = new Map<string, PairRow[]>();
  for (const p of fetched) {
    if (p.bytes < summary) continue;
    // the staging note of the client's exfiltration finding already tells this pull
    if (told.some((d) => d.detector === 'heavyTraffic' && d.entity === p.dst && d.explanation.includes(`inside server ${p.src}`))) continue;
    byClient.set(p.dst, [...(byClient.get(p.dst) ?? []), p]);
  }
  const out: DraftFinding[] = [];
  for (const [client, list] of byClient) {
    if (list.length >= group) {
      const total = list.reduce((a, p) => a + p.bytes, 0);
      out.push({
        detector: 'heavyTraffic',
        severity: 'low',
        entity: `${client} <- ${count(list.length)} servers`,
        entityType: 'pair',
        title: `${client} pulled ${bytes(total)} from ${count(list.length)} inside servers`,
        explanation:
          `${client} (internal) opened connections to ${count(list.length)} inside servers (${list.slice(0, 5).map((p) => `${p.src}${p.port != null ? `:${p.port}` : ''}`).join(', ')}${list.length > 5 ? ' …' : ''}) and they answered with ${bytes(total)}: data came from the servers to ${client}. ` +
          `One host pulling from many servers is the shape of a backup or sync server (heavyTraffic.groupBackups: ${group}), reported low; confirm the schedule with its owner. The threshold is ${bytes(summary)} per server (heavyTraffic.summaryBytes).`,
        numbers: { servers: list.length, bytes: total },
        threshold: { metric: 'bytes', value: total, threshold: summary, setting: 'heavyTraffic.summaryBytes', unit: 'bytes' },
        windowMs: null,
        firstSeen: list.reduce<number | null>((m, p) => minTs(m, p.first), null),
        lastSeen: list.reduce<number | null>((m, p) => maxTs(m, p.last), null),
        query: `src_ip:${qv(client)}`,
        score: 0.2,
      });
      continue;
    }
    for (const p of list) {
      const isHeavy = p.bytes >= heavy;
      const kind = pulledNote(p.port);
      const severity: Severity = kind === 'service' && isHeavy ? 'medium' : 'low';
      out.push({
        detector: 'heavyTraffic',
        severity,
        entity: `${p.src} -> ${client}`,
        entityType: 'pair',
        title: `Data pulled from the inside server ${p.src}${p.port != null ? `:${p.port}` : ''} by ${client}: ${bytes(p.bytes)}`,
        explanation:
          `${client} (internal) opened ${count(p.flows)} connection${p.flows === 1 ? '' : 's'} to ${p.src}${p.port != null ? ` on port ${p.port}` : ''}${p.flows > 1 ? ` ${overSpan(p.first, p.last)}` : ''} and the server answered with ${bytes(p.bytes)} (the responder's bytes of the two-way flow records): the data went from ${p.src} to ${client}, so it shows under neither host's own sent bytes. ` +
          (kind === 'service'
            ? `Gigabytes answered on port ${p.port ?? '?'}, not a file-share, backup or web port, is the shape of a database or directory dumped, or a server leaking memory to a client (Heartbleed): check what ${client} asked ${p.src} for and whether it should. `
            : `Port ${p.port} is a file-share, backup or web port, where a large copy is common: reported low; check that ${client} should hold what ${p.src} serves. `) +
          `The threshold is ${bytes(isHeavy ? heavy : summary)} (heavyTraffic.${isHeavy ? 'heavyBytes' : 'summaryBytes'}).`,
        numbers: { bytes: p.bytes, flows: p.flows, server: p.src, client, port: p.port ?? '' },
        threshold: { metric: 'bytes', value: p.bytes, threshold: isHeavy ? heavy : summary, setting: isHeavy ? 'heavyTraffic.heavyBytes' : 'heavyTraffic.summaryBytes', unit: 'bytes' },
        windowMs: null,
        firstSeen: p.first,
        lastSeen: p.last,
        query: `src_ip:${qv(client)} dst_ip:${qv(p.src)}`,
        score: scoreOver(p.bytes, summary),
      });
    }
  }
  return out;
}

/**
 * What an internal host sent outside beside its main, internal transfer (a nightly backup to the
 * NAS): each external address (or /24 of two or more addresses) that took summaryBytes or more.
 * Measured against the host's total, a 3 GB upload beside 30 GB of backups is a tenth and named by
 * no pair, yet it is data leaving as surely as if it were all the host sent.
 */
function besideInternal(ip: string, main: PairRow, pairs: readonly PairRow[], heavy: number, summary: number): DraftFinding[] {
  const outside = pairs.filter((p) => ipScope(p.dst) === 'external');
  const single = outside.filter((p) => p.bytes >= summary);
  const net = single.length === 0 ? topNetwork(outside, summary) : null;
  const sends = net ? [{ dst: `${net.net} (${count(net.pairs.length)} addresses)`, bytes: net.bytes, flows: net.pairs.reduce((a, p) => a + p.flows, 0), port: net.pairs[0]!.port, first: net.first, last: net.last, query: net.pairs.slice(0, 100).map((p) => qv(p.dst)).join(',') }] : single.map((p) => ({ dst: p.dst, bytes: p.bytes, flows: p.flows, port: p.port, first: p.first, last: p.last, query: qv(p.dst) }));
  return sends.map((p) => {
    const isHeavy = p.bytes >= heavy;
    return {
      detector: 'heavyTraffic',
      severity: isHeavy ? 'high' : 'medium',
      entity: ip,
      entityType: 'ip',
      title: `Heavy traffic from ${ip}: ${bytes(p.bytes)} to ${p.dst}`,
      explanation:
        `${ip} (internal) sent ${bytes(p.bytes)} to the external ${net ? 'network' : 'address'} ${p.dst} in ${count(p.flows)} flow${p.flows === 1 ? '' : 's'}${p.port != null ? ` (port ${p.port})` : ''}${p.flows > 1 ? ` ${overSpan(p.first, p.last)}` : ''}. ` +
        `Most of what it sent (${bytes(main.bytes)}) went to the internal host ${main.dst}${main.port != null ? ` on port ${main.port}` : ''}, which is told on its own; beside that transfer this one is small, but it left the network: the shape of data exfiltration from a host whose ordinary bulk traffic hides it. Check who ${p.dst} is and what ${ip} holds. ` +
        `The threshold is ${bytes(isHeavy ? heavy : summary)} to one outside destination (heavyTraffic.${isHeavy ? 'heavyBytes' : 'summaryBytes'}).`,
      numbers: { bytes: p.bytes, flows: p.flows, topDestination: p.dst, topDestinationBytes: p.bytes, internalDestination: main.dst, internalBytes: main.bytes },
      threshold: { metric: 'bytes', value: p.bytes, threshold: isHeavy ? heavy : summary, setting: isHeavy ? 'heavyTraffic.heavyBytes' : 'heavyTraffic.summaryBytes', unit: 'bytes' },
      windowMs: null,
      firstSeen: p.first,
      lastSeen: p.last,
      query: `src_ip:${qv(ip)} dst_ip:${p.query}`,
      score: scoreOver(p.bytes, summary),
    } satisfies DraftFinding;
  });
}

/** Bytes to a source's five largest destinations (pairs sorted largest first). */
const top5 = (pairs: readonly PairRow[]): number => pairs.slice(0, 5).reduce((a, p) => a + p.bytes, 0);

/**
 * The /24 (or /64) of a source's destinations holding at least `least` bytes over two or more
 * addresses (the largest such network), with its pairs largest first.
 */
function topNetwork(pairs: readonly PairRow[], least: number): { net: string; bytes: number; pairs: PairRow[]; first: number | null; last: number | null } | null {
  const nets = new Map<string, { bytes: number; pairs: PairRow[] }>();
  for (const p of pairs) {
    const n = network(p.dst);
    if (!n) continue;
    const acc = nets.get(n) ?? { bytes: 0, pairs: [] };
    acc.bytes += p.bytes;
    acc.pairs.push(p);
    nets.set(n, acc);
  }
  let best: [string, { bytes: number; pairs: PairRow[] }] | null = null;
  for (const e of nets) if (e[1].pairs.length >= 2 && e[1].bytes >= least && (!best || e[1].bytes > best[1].bytes)) best = e;
  if (!best) return null;
  const [net, { bytes: sum, pairs: list }] = best;
  return { net, bytes: sum, pairs: [...list].sort((a, b) => b.bytes - a.bytes), first: list.reduce<number | null>((m, p) => minTs(m, p.first), null), last: list.reduce<number | null>((m, p) => maxTs(m, p.last), null) };
}

/** External destinations a source's bytes went to when no five of them hold `share` of it (else 0). */
function spread(pairs: readonly PairRow[], total: number, share: number): number {
  if (top5(pairs) >= share * total) return 0;
  return pairs.filter((p) => ipScope(p.dst) === 'external').length;
}
