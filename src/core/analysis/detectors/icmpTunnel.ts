// ICMP tunnelling: an inside host sending one outside address echo requests (pings) that carry far
// more than ping's small fixed payload, megabytes in all: data or a shell riding on ICMP where TCP
// and DNS are filtered (icmptunnel, ptunnel-ng, Hans, icmpsh). Read from flow records that count
// packets (Zeek conn.log, nfdump, NetFlow/IPFIX exports, firewall sessions).
import type { DetectorDef, DraftFinding } from '../types';
import { bytes, count, overSpan, qv, scoreOver } from './util';

export const icmpTunnel: DetectorDef = {
  name: 'icmpTunnel',
  title: 'ICMP tunnelling',
  description:
    'Adds up, per inside source and outside destination, the ICMP echo requests (pings) of flow records that count packets, and reports a pair whose echo requests carry much more than ping does (32 bytes of payload from Windows, 56 from Linux and most monitors; about 60-84 with headers) and add up to megabytes: a tunnel carrying data or a shell over ICMP. Pings of an inside monitor to inside devices never count; a few large pings (a path-MTU test) stay under the volume.',
  settings: [
    { key: 'minPacketBytes', default: 300, description: 'mean bytes per echo request (payload, or with headers where the flow log counts them) above which the pings carry data' },
    { key: 'minBytes', default: 1_048_576, description: 'bytes of such echo requests from one inside source to one outside address' },
    { key: 'highBytes', default: 20_971_520, description: 'bytes of such echo requests for high severity' },
  ],
  needs: ['icmp'],
  incremental: true,
  detect(ctx) {
    const minPkt = ctx.num('minPacketBytes');
    const minBytes = ctx.num('minBytes');
    const high = ctx.num('highBytes');
    const out: DraftFinding[] = [];
    for (const r of ctx.agg.icmp) {
      const mean = r.bytes / Math.max(1, r.packets);
      if (mean < minPkt || r.bytes < minBytes) continue;
      out.push({
        detector: 'icmpTunnel',
        severity: r.bytes >= high ? 'high' : 'medium',
        entity: r.src,
        entityType: 'ip',
        title: `ICMP tunnel from ${r.src} to ${r.dst}: ${bytes(r.bytes)} in pings of ${Math.round(mean)} bytes`,
        explanation:
          `${r.src} (internal) sent ${count(r.packets)} ICMP echo requests to the outside address ${r.dst} ${overSpan(r.first, r.last)} (${count(r.flows)} flow records), ${bytes(r.bytes)} in all, ${Math.round(mean)} bytes each on average. ` +
          `An ordinary ping carries 32 (Windows) or 56 (Linux, most monitors) bytes; echo requests this full, this many, to one outside host carry data: an ICMP tunnel (icmptunnel, ptunnel-ng, Hans, icmpsh) moving files or a shell past a firewall that lets pings out. ` +
          `Thresholds: ${minPkt} bytes per echo request on average (icmpTunnel.minPacketBytes) and ${bytes(minBytes)} in all (icmpTunnel.minBytes); high from ${bytes(high)} (icmpTunnel.highBytes). ` +
          `A benign cause would be a network test sending large pings for a long time (a path-MTU or bandwidth check); check the process on ${r.src} that sends them and who owns ${r.dst}.`,
        numbers: { bytes: r.bytes, packets: r.packets, meanPacketBytes: Math.round(mean), flows: r.flows, dst: r.dst },
        threshold: { metric: 'bytes of large echo requests to one outside address', value: r.bytes, threshold: minBytes, setting: 'icmpTunnel.minBytes' },
        windowMs: null,
        firstSeen: r.first,
        lastSeen: r.last,
        query: `src_ip:${qv(r.src)} dst_ip:${qv(r.dst)} proto:ICMP`,
        score: scoreOver(r.bytes, minBytes),
      });
    }
    return out;
  },
};
