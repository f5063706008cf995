// Port scan: one source opening connections to many distinct destination ports.
import type { DetectorDef, DraftFinding } from '../types';
import { ipScope } from '../net';
import { count, qv, scoreOver, span } from './util';

export const portScan: DetectorDef = {
  name: 'portScan',
  title: 'Port scan',
  description:
    'Counts, per source, the distinct destination ports it opened connections to. Only flows the source initiated count: ports below 1024, flows from a higher source port, or bare SYNs; replies from a server port to a client\'s ephemeral port are ignored, so busy servers are not mistaken for scanners.',
  settings: [
    { key: 'minPorts', default: 150, description: 'distinct destination ports for a high-severity port scan (seed: > 150)' },
    { key: 'summaryPorts', default: 50, description: 'distinct destination ports for a medium-severity finding (seed summary: > 50)' },
  ],
  needs: ['ports'],
  incremental: true,
  detect(ctx) {
    const minPorts = ctx.num('minPorts');
    const summary = ctx.num('summaryPorts');
    const out: DraftFinding[] = [];
    for (const r of ctx.agg.ports) {
      if (r.ports <= summary) continue;
      const high = r.ports > minPorts;
      const synShare = r.flows > 0 ? r.syn / r.flows : 0;
      const scope = ipScope(r.ip);
      out.push({
        detector: 'portScan',
        severity: high ? 'high' : 'medium',
        entity: r.ip,
        entityType: 'ip',
        title: `Port scan from ${r.ip}: ${count(r.ports)} destination ports`,
        explanation:
          `${r.ip} (${scope}) opened connections to ${count(r.ports)} distinct destination ports (${count(r.low)} of them below 1024) on ${count(r.hosts)} host(s), in ${count(r.flows)} flows over ${span(r.first, r.last)}` +
          `${synShare > 0.5 ? `; ${Math.round(synShare * 100)} % were bare SYNs (half-open probes: the connection was never completed from this side)` : ''}. ` +
          `Touching that many services is reconnaissance: someone is mapping what listens. The threshold is ${high ? `${minPorts} ports (portScan.minPorts)` : `${summary} ports (portScan.summaryPorts)`}. ` +
          `A benign cause would be an authorised vulnerability scanner or inventory tool run by your own team from a known address; check whether ${r.ip} is one.`,
        numbers: { ports: r.ports, portsBelow1024: r.low, hosts: r.hosts, flows: r.flows, synOnlyFlows: r.syn },
        threshold: { metric: 'distinct destination ports', value: r.ports, threshold: high ? minPorts : summary, setting: high ? 'portScan.minPorts' : 'portScan.summaryPorts' },
        windowMs: null,
        firstSeen: r.first,
        lastSeen: r.last,
        query: `src_ip:${qv(r.ip)} dst_port:*`,
        score: scoreOver(r.ports, summary),
      });
    }
    return out;
  },
};
