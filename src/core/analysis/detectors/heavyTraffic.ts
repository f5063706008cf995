// Heavy traffic / exfiltration: bytes per source and per source->destination pair, with the
// shapes of known-benign bulk transfers (backups, crawlers) explained rather than alarmed.
import type { Severity } from '../../../shared/model';
import type { DetectorDef, DraftFinding, PairRow } from '../types';
import { ipScope } from '../net';
import { bytes, count, crawlerCap, qv, scoreOver, span } from './util';

/** Ports used by backup and file-sync jobs (rsync, SMB, NFS, iSCSI, Bacula, NDMP, Veeam, SSH/scp). */
const BACKUP_PORTS = new Set([22, 139, 445, 873, 2049, 3260, 9102, 9103, 10000, 9392, 2500, 6160, 6162]);

export const heavyTraffic: DetectorDef = {
  name: 'heavyTraffic',
  title: 'Heavy traffic / exfiltration',
  description:
    'Sums the bytes each source sent in the connections it initiated (flow logs; a server\'s replies to its clients do not count) or received (web logs: response sizes), overall and per destination. Large transfers from an internal address to an external one are possible exfiltration; transfers between internal hosts on backup ports, and verified search-engine crawlers, are reported as benign shapes at low severity.',
  settings: [
    { key: 'heavyBytes', default: 1_000_000_000, description: 'bytes for a heavy source (seed: > 1 GB)' },
    { key: 'summaryBytes', default: 500_000_000, description: 'bytes for a reportable source or pair (seed summary: > 500 MB)' },
    { key: 'pairShare', default: 0.8, description: 'share of a source\'s bytes going to one destination for the pair to be named as the transfer' },
  ],
  needs: ['profile', 'pairs'],
  incremental: true,
  detect(ctx) {
    const heavy = ctx.num('heavyBytes');
    const summary = ctx.num('summaryBytes');
    const pairShare = ctx.num('pairShare');
    const pairsBySrc = new Map<string, PairRow[]>();
    for (const p of ctx.agg.pairs) {
      const l = pairsBySrc.get(p.src) ?? [];
      l.push(p);
      pairsBySrc.set(p.src, l);
    }
    const out: DraftFinding[] = [];
    for (const r of ctx.agg.profile) {
      const pairs = (pairsBySrc.get(r.ip) ?? []).sort((a, b) => b.bytes - a.bytes);
      const top = pairs[0];
      // a server answering downloads is not sending data out: only flows it initiated count
      const total = Math.max(r.sentBytes, top?.bytes ?? 0);
      if (total < summary) continue;
      const web = r.dsts === 0;
      const isHeavy = total >= heavy;
      const srcScope = ipScope(r.ip);
      const dominant = top && top.bytes >= pairShare * total ? top : null;
      const dstScope = dominant ? ipScope(dominant.dst) : 'unknown';
      let severity: Severity;
      let shape: string;
      if (web) {
        severity = isHeavy ? 'medium' : 'low';
        shape = `${r.ip} downloaded ${bytes(total)} from the web server in ${count(r.events)} requests: scraping or bulk theft of content if it is not a known client.`;
      } else if (dominant && srcScope === 'internal' && dstScope === 'internal' && dominant.port != null && BACKUP_PORTS.has(dominant.port)) {
        severity = 'low';
        shape = `Most of it (${bytes(dominant.bytes)}) went to one internal host, ${dominant.dst}, on port ${dominant.port}, a backup/file-sync port: this looks like a backup or replication job. Confirm the schedule with its owner.`;
      } else if (srcScope === 'internal' && (dstScope === 'external' || (!dominant && pairs.some((p) => ipScope(p.dst) === 'external')))) {
        severity = isHeavy ? 'high' : 'medium';
        shape = `An internal host sent it to ${dominant ? `the external address ${dominant.dst}` : 'external addresses'}: this is the shape of data exfiltration.`;
      } else {
        severity = isHeavy ? 'medium' : 'low';
        shape = `${srcScope === 'external' ? 'An external source sent it into the network (a download or an inbound upload)' : 'The transfer stayed between internal hosts'}, which is usually less alarming than data leaving.`;
      }
      const cap = crawlerCap(severity, ctx.crawler(r.ip));
      out.push({
        detector: 'heavyTraffic',
        severity: cap.severity,
        entity: r.ip,
        entityType: 'ip',
        title: `Heavy traffic from ${r.ip}: ${bytes(total)}${dominant ? ` to ${dominant.dst}` : ''}`,
        explanation:
          `${r.ip} (${srcScope}) accounts for ${bytes(total)} in ${count(r.events)} ${web ? 'requests' : 'flows'} over ${span(r.first, r.last)}${dominant ? `; ${bytes(dominant.bytes)} of it to ${dominant.dst}${dominant.port != null ? ` (port ${dominant.port}${dominant.ports > 1 ? ` and ${dominant.ports - 1} other ports` : ''})` : ''}` : pairs.length ? `, spread over ${pairs.length}+ destinations` : ''}. ` +
          `${shape} The threshold is ${bytes(isHeavy ? heavy : summary)} (heavyTraffic.${isHeavy ? 'heavyBytes' : 'summaryBytes'}).` +
          cap.note,
        numbers: { bytes: total, events: r.events, topDestination: dominant?.dst ?? '', topDestinationBytes: dominant?.bytes ?? 0, destinations: r.dsts },
        threshold: { metric: 'bytes', value: total, threshold: isHeavy ? heavy : summary, setting: isHeavy ? 'heavyTraffic.heavyBytes' : 'heavyTraffic.summaryBytes', unit: 'bytes' },
        windowMs: null,
        firstSeen: dominant?.first ?? r.first,
        lastSeen: dominant?.last ?? r.last,
        query: dominant ? `src_ip:${qv(r.ip)} dst_ip:${qv(dominant.dst)}` : `src_ip:${qv(r.ip)}`,
        score: scoreOver(total, summary),
      });
    }
    return out;
  },
};
