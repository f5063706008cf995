// Lateral movement: one internal host opening connections to many hosts on the services used to
// log in to or run commands on other machines (SMB, RPC, RDP, WinRM, SSH, VNC). One finding per source.
import type { DetectorDef, DraftFinding, HostRow } from '../types';
import { ipScope } from '../net';
import { count, formatList, qv, scoreOver, span } from './util';

/** Remote administration and file-sharing services an intruder moves between machines with. */
const ADMIN_SERVICES: Readonly<Record<string, string>> = { '22': 'SSH', '23': 'Telnet', '135': 'RPC', '139': 'NetBIOS', '445': 'SMB', '3389': 'RDP', '5900': 'VNC', '5985': 'WinRM', '5986': 'WinRM' };

/** Services an inventory or management server also uses to reach every client once. */
const MANAGEMENT_SHAPE = new Set(['RPC', 'SMB', 'NetBIOS']);

export const lateralMovement: DetectorDef = {
  name: 'lateralMovement',
  title: 'Lateral movement',
  description:
    'Counts, per internal source, the distinct hosts it opened connections to on remote-administration services (SMB, RPC, RDP, WinRM, SSH, VNC, Telnet). A workstation reaching many machines on these, each once or twice, is an intruder spreading (PsExec, WMI, RDP hopping); a management server that checks or deploys to the same hosts on a schedule contacts each many times and is not reported.',
  settings: [
    { key: 'minHosts', default: 10, description: 'distinct hosts on one remote-administration service' },
    { key: 'maxContactsPerHost', default: 5, description: 'connections per host above which the source is re-visiting known hosts on a schedule (monitoring, deployment), not spreading' },
    { key: 'sweepHosts', default: 50, description: 'hosts on one service at which a source whose flows are mostly probes is a host scan (reported by hostScan), not lateral movement' },
    { key: 'sweepProbeShare', default: 0.6, description: 'share of probe flows (<= 2 packets, SYN only, refused) that makes a sweepHosts-wide source a host scan' },
    { key: 'multiService', default: 3, description: 'hosts reached on a second service for high severity (the same machines over SMB and RDP and WinRM; RPC with SMB alone, the inventory-server shape, stays medium)' },
  ],
  needs: ['hosts'],
  incremental: true,
  detect(ctx) {
    const minHosts = ctx.num('minHosts');
    const maxPer = ctx.num('maxContactsPerHost');
    const multi = ctx.num('multiService');
    const bySrc = new Map<string, HostRow[]>();
    for (const r of ctx.agg.hosts) {
      if (!(r.svc in ADMIN_SERVICES) || ipScope(r.ip) !== 'internal') continue;
      // a schedule (Ansible every 30 min, a monitor every 5 min) revisits its hosts; a spreading intruder does not
      if (r.flows / Math.max(1, r.total) > maxPer) continue;
      // hundreds of unanswered probes on one port is a sweep, which hostScan reports: one actor, one finding
      if (r.total >= ctx.num('sweepHosts') && r.known > 0 && r.probes / r.known >= ctx.num('sweepProbeShare')) continue;
      bySrc.set(r.ip, [...(bySrc.get(r.ip) ?? []), r]);
    }
    const out: DraftFinding[] = [];
    for (const [ip, rows] of bySrc) {
      rows.sort((a, b) => b.total - a.total);
      const top = rows[0]!;
      if (top.total < minHosts) continue;
      const used = rows.filter((r) => r.total >= multi);
      const services = [...new Set(used.map((r) => ADMIN_SERVICES[r.svc]!))];
      const first = Math.min(...used.map((r) => r.first ?? Infinity));
      const last = Math.max(...used.map((r) => r.last ?? 0));
      const flows = used.reduce((s, r) => s + r.flows, 0);
      // RPC and SMB together are also how inventory and management servers (SCCM, WMI-based
      // asset scans) reach every client once: that shape stays medium. An interactive or remote-shell
      // service besides (RDP, WinRM, SSH, VNC, Telnet) is what an intruder adds and such servers do not.
      const high = services.length >= 2 && services.some((s) => !MANAGEMENT_SHAPE.has(s));
      out.push({
        detector: 'lateralMovement',
        severity: high ? 'high' : 'medium',
        entity: ip,
        entityType: 'ip',
        title: `Lateral movement from ${ip}: ${count(top.total)} hosts on ${formatList(services)}`,
        explanation:
          `${ip} (internal) opened connections to ${used.map((r) => `${count(r.total)} hosts on ${ADMIN_SERVICES[r.svc]} (port ${r.svc})`).join(', ')}, ${count(flows)} flows over ${span(Number.isFinite(first) ? first : null, last || null)}, about ${(top.flows / Math.max(1, top.total)).toFixed(1)} per host. ` +
          `These are the services used to log in to and run commands on other machines; one host reaching many of them${high ? ' over several services' : ''} is how an intruder spreads from a foothold (PsExec and WMI over SMB/RPC, RDP hopping, WinRM, SSH with stolen keys). ` +
          `Thresholds: ${minHosts} hosts on one service (lateralMovement.minHosts), at most ${maxPer} connections per host (lateralMovement.maxContactsPerHost)${high ? `; high because ${multi}+ hosts were reached on a second service, one of them interactive or a remote shell (lateralMovement.multiService)` : services.length >= 2 ? '; medium because RPC and SMB alone are also how inventory and management servers reach every client' : ''}. ` +
          `A benign cause would be an administrator's jump host, a software-deployment or inventory server, or a vulnerability scanner: check whether ${ip} is one.`,
        numbers: { hosts: top.total, services: services.join(','), flows, contactsPerHost: Math.round((top.flows / Math.max(1, top.total)) * 10) / 10 },
        threshold: { metric: 'distinct hosts on a remote-administration service', value: top.total, threshold: minHosts, setting: 'lateralMovement.minHosts' },
        windowMs: null,
        firstSeen: Number.isFinite(first) ? first : null,
        lastSeen: last || null,
        query: `src_ip:${qv(ip)} dst_port:${used.map((r) => r.svc).join(',')}`,
        score: scoreOver(top.total * services.length, minHosts),
      });
    }
    return out;
  },
};
