// Host scan / ping sweep: one source probing many destination hosts on one service (or ICMP).
import type { DetectorDef, DraftFinding, HostRow } from '../types';
import { ipScope } from '../net';
import { count, qv, scoreOver, span } from './util';

export const hostScan: DetectorDef = {
  name: 'hostScan',
  title: 'Host scan / ping sweep',
  description:
    'Counts, per source and service (a destination port, or ICMP echo requests), the distinct hosts it probed within one clock hour. A sweep is many hosts with probe-like flows (at most two packets, bare SYNs or rejected); a proxy or resolver that really talks to many hosts carries data and is not counted as a sweep.',
  settings: [
    { key: 'minHosts', default: 50, description: 'distinct destination hosts on one service within one clock hour' },
    { key: 'minProbeShare', default: 0.6, description: 'share of the flows that must look like probes (<= 2 packets, SYN only, rejected)' },
    { key: 'highHosts', default: 250, description: 'distinct hosts for high severity' },
  ],
  needs: ['hosts'],
  incremental: true,
  detect(ctx) {
    const minHosts = ctx.num('minHosts');
    const minShare = ctx.num('minProbeShare');
    const highHosts = ctx.num('highHosts');
    const best = new Map<string, HostRow & { share: number }>();
    for (const r of ctx.agg.hosts) {
      if (r.hosts < minHosts) continue;
      // with no packet/flag/action columns we cannot tell probes from sessions: require ICMP or 4x the hosts
      const share = r.known > 0 ? r.probes / r.known : r.svc === 'icmp' || r.hosts >= 4 * minHosts ? 1 : 0;
      if (share < minShare) continue;
      const cur = best.get(r.ip);
      if (!cur || r.hosts > cur.hosts) best.set(r.ip, { ...r, share });
    }
    const out: DraftFinding[] = [];
    for (const r of best.values()) {
      const icmp = r.svc === 'icmp';
      const what = icmp ? 'ICMP (ping)' : `port ${r.svc}`;
      // DNS and NTP are one small packet each way: a resolver or time server talking to many
      // servers is probe-shaped by nature, so it is a lead, not an alarm
      const oneShot = r.svc === '53' || r.svc === '123';
      out.push({
        detector: 'hostScan',
        severity: oneShot ? 'low' : r.hosts >= highHosts ? 'high' : 'medium',
        entity: r.ip,
        entityType: 'ip',
        title: `${icmp ? 'Ping sweep' : 'Host scan'} from ${r.ip}: ${count(r.hosts)} hosts on ${what}`,
        explanation:
          `${r.ip} (${ipScope(r.ip)}) probed up to ${count(r.hosts)} distinct hosts in one hour on ${what} (${count(r.flows)} flows in all) over ${span(r.first, r.last)}; ${Math.round(r.share * 100)} % of them looked like probes (<= 2 packets, bare SYN or rejected). ` +
          `Sweeping an address range for one service is how an attacker finds the next target. The threshold is ${minHosts} hosts within an hour (hostScan.minHosts). ` +
          (oneShot
            ? `Port ${r.svc} (${r.svc === '53' ? 'DNS' : 'NTP'}) is one small packet each way, so a resolver or time server that talks to many servers looks the same: reported low. Sequential addresses, or hosts that are not DNS/NTP servers, would make it a sweep for open ${r.svc === '53' ? 'resolvers' : 'time servers'}.`
            : `A benign cause would be network monitoring (ping checks) or an asset-discovery tool run from a known management address.`),
        numbers: { hosts: r.hosts, flows: r.flows, probeShare: Math.round(r.share * 100) / 100, service: what },
        threshold: { metric: 'distinct destination hosts', value: r.hosts, threshold: minHosts, setting: 'hostScan.minHosts' },
        windowMs: null,
        firstSeen: r.first,
        lastSeen: r.last,
        query: icmp ? `src_ip:${qv(r.ip)} proto:ICMP` : `src_ip:${qv(r.ip)} dst_port:${r.svc}`,
        score: scoreOver(r.hosts, minHosts),
      });
    }
    return out;
  },
};
