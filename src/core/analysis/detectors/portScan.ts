// Port scan: one source opening connections to many distinct destination ports, or the addresses of
// one outside network splitting a scan between them.
import type { DetectorDef, DraftFinding, PortRow } from '../types';
import { ipScope, network } from '../net';
import { count, overSpan, qv, scoreOver, span } from './util';

export const portScan: DetectorDef = {
  name: 'portScan',
  title: 'Port scan',
  description:
    'Counts, per source, the distinct destination ports it opened connections to. Only flows the source initiated count: ports below 1024, flows from a higher source port, or bare SYNs; replies from a server port to a client\'s ephemeral port are ignored, so busy servers are not mistaken for scanners. A smaller set of ports counts when nearly every flow was a bare SYN, a refused attempt or a lone UDP datagram (probes that never became conversations) (in Zeek\'s conn.log the connection state says so: S0, REJ, SH and RSTOS0 are probes; SF is a completed connection, not SYN+FIN): a targeted scan of the few dozen ports that matter. Outside addresses of one /24 or /64 that each probe a few ports add up: a scan split between them. When most of a source\'s ports were first tried in a stretch far shorter than its traffic (a workstation that scanned a server for minutes and browsed all day), the finding is placed in that stretch and names the host most of them went to.',
  settings: [
    { key: 'minPorts', default: 150, description: 'distinct destination ports for a high-severity port scan (seed: > 150)' },
    { key: 'summaryPorts', default: 50, description: 'distinct destination ports for a medium-severity finding (seed summary: > 50)' },
    { key: 'probePorts', default: 20, description: 'distinct destination ports for a medium-severity finding when nearly all the flows were unanswered probes (see minProbeShare)' },
    { key: 'minProbeShare', default: 0.8, description: 'share of bare-SYN, refused or single-datagram UDP flows for probePorts to apply' },
    {
      key: 'subnetSources',
      default: 3,
      description: 'outside sources in one /24 (IPv4) or /64 (IPv6), each probing a few ports (up to summaryPorts) with unanswered probes, whose distinct ports together reach probePorts: one finding for the network instead of one per address',
    },
  ],
  needs: ['ports'],
  incremental: true,
  detect(ctx) {
    const minPorts = ctx.num('minPorts');
    const summary = ctx.num('summaryPorts');
    const probePorts = ctx.num('probePorts');
    const probeShare = ctx.num('minProbeShare');
    const out: DraftFinding[] = [];
    for (const r of ctx.agg.ports) {
      const synShare = r.flows > 0 ? r.syn / r.flows : 0;
      // a few dozen ports, each tried with a SYN that was never completed: nmap's top ports, not a client
      const probing = r.ports <= summary && r.ports >= probePorts && synShare >= probeShare;
      if (r.ports <= summary && !probing) continue;
      const high = r.ports > minPorts;
      const scope = ipScope(r.ip);
      // a workstation that scanned for minutes also browsed all day: its whole span is not the scan's
      const b = r.burst && r.first != null && r.last != null && r.burst.last - r.burst.first <= (r.last - r.first) / 4 ? r.burst : null;
      out.push({
        detector: 'portScan',
        severity: high ? 'high' : 'medium',
        entity: r.ip,
        entityType: 'ip',
        title: `Port scan from ${r.ip}: ${count(r.ports)} destination ports`,
        explanation:
          `${r.ip} (${scope}) opened connections to ${count(r.ports)} distinct destination ports (${count(r.low)} of them below 1024) on ${count(r.hosts)} host(s), in ${count(r.flows)} flows ${overSpan(r.first, r.last)}` +
          `${synShare > 0.5 ? `; ${Math.round(synShare * 100)} % were unanswered probes (bare SYNs, refused attempts, lone UDP datagrams)` : ''}` +
          `${b ? `. ${count(b.ports)} of the ports were first tried within ${span(b.first, b.last)}${b.topHost ? `, ${count(b.topHostPorts)} of them on ${b.topHost}${b.hosts > 1 ? ` (${count(b.hosts)} hosts in that stretch)` : ''}` : ''}: that is the scan, the rest of its flows its ordinary traffic` : ''}` +
          `${r.twinFlows ? ` (${count(r.twinFlows)} more records of the same connections in a second flow log were counted once: two sensors saw it; heavyTraffic.twinSeconds)` : ''}. ` +
          `Touching that many services is reconnaissance: someone is mapping what listens. The threshold is ${high ? `${minPorts} ports (portScan.minPorts)` : probing ? `${probePorts} ports when at least ${Math.round(probeShare * 100)} % of the flows are unanswered probes (portScan.probePorts, portScan.minProbeShare)` : `${summary} ports (portScan.summaryPorts)`}. ` +
          `A benign cause would be an authorised vulnerability scanner or inventory tool run by your own team from a known address; check whether ${r.ip} is one.`,
        numbers: { ports: r.ports, portsBelow1024: r.low, hosts: r.hosts, flows: r.flows, synOnlyFlows: r.syn, ...(b ? { scanPorts: b.ports, scanTarget: b.topHost, scanTargetPorts: b.topHostPorts } : {}) },
        threshold: { metric: 'distinct destination ports', value: r.ports, threshold: high ? minPorts : probing ? probePorts : summary, setting: high ? 'portScan.minPorts' : probing ? 'portScan.probePorts' : 'portScan.summaryPorts' },
        windowMs: null,
        firstSeen: b ? b.first : r.first,
        lastSeen: b ? b.last : r.last,
        query: `src_ip:${qv(r.ip)} dst_port:*`,
        score: scoreOver(r.ports, probing ? probePorts : summary),
      });
    }
    const nets = networkScans(ctx.agg.ports, probePorts, probeShare, minPorts, ctx.num('subnetSources'));
    // a network's addresses that each crossed probePorts too are in its finding: one scan, one finding
    const grouped = new Set(nets.flatMap((d) => String(d.numbers.sources).split(',')));
    return [...out.filter((d) => d.severity === 'high' || !grouped.has(d.entity)), ...nets];
  },
};

/** Outside sources probing a few ports each (up to summaryPorts), by /24 or /64, whose probed ports together reach probePorts. */
function networkScans(rows: readonly PortRow[], probePorts: number, probeShare: number, minPorts: number, subnetSources: number): DraftFinding[] {
  const nets = new Map<string, PortRow[]>();
  for (const r of rows) {
    if (!r.portList || r.flows === 0 || r.syn / r.flows < probeShare || ipScope(r.ip) !== 'external') continue;
    const net = network(r.ip);
    if (!net) continue;
    const list = nets.get(net);
    if (list) list.push(r);
    else nets.set(net, [r]);
  }
  const out: DraftFinding[] = [];
  for (const [net, list] of nets) {
    const ports = new Set(list.flatMap((r) => r.portList ?? []));
    if (list.length < subnetSources || ports.size < probePorts) continue;
    const ips = list.map((r) => r.ip);
    const flows = list.reduce((a, r) => a + r.flows, 0);
    const first = Math.min(...list.map((r) => r.first ?? Infinity));
    const last = Math.max(...list.map((r) => r.last ?? 0));
    const high = ports.size > minPorts;
    out.push({
      detector: 'portScan',
      severity: high ? 'high' : 'medium',
      entity: net,
      entityType: 'population',
      title: `Port scan from ${count(ips.length)} addresses in ${net}: ${count(ports.size)} destination ports`,
      explanation:
        `${count(ips.length)} addresses in ${net} (${ips.slice(0, 8).join(', ')}${ips.length > 8 ? ' …' : ''}) each probed a few ports (${count(Math.min(...list.map((r) => r.ports)))} to ${count(Math.max(...list.map((r) => r.ports)))}), ${count(ports.size)} distinct ports together, in ${count(flows)} flows ${overSpan(Number.isFinite(first) ? first : null, last || null)}; at least ${Math.round(probeShare * 100)} % of each one's flows were unanswered probes. ` +
        `A scanner that splits its ports between the addresses of its network stays under per-address limits, or near them; together it is one scan, reported once for the network. Thresholds: ${subnetSources} addresses in one /24 or /64 (portScan.subnetSources) whose ports together reach ${probePorts} (portScan.probePorts)${high ? `, high above ${minPorts} (portScan.minPorts)` : ''}. ` +
        `A benign cause would be an internet-wide research scanner (Censys, Shodan) working from its own network: not aimed at you, but it maps what you expose.`,
      numbers: { ports: ports.size, sources: ips.join(','), sourceCount: ips.length, flows },
      threshold: { metric: 'distinct destination ports from one network', value: ports.size, threshold: probePorts, setting: 'portScan.subnetSources' },
      windowMs: null,
      firstSeen: Number.isFinite(first) ? first : null,
      lastSeen: last || null,
      query: `src_ip:${ips.slice(0, 100).map(qv).join(',')} dst_port:*`,
      score: scoreOver(ports.size, probePorts),
    });
  }
  return out;
}
