// Lateral movement: one internal host opening connections to many hosts on the services used to
// log in to or run commands on other machines (SMB, RPC, RDP, WinRM, SSH, VNC). One finding per
// source: spread when many hosts answered, reconnaissance when most attempts were refused or
// unanswered (a worm or an intruder looking for the next machine). See adminSweep.ts for how
// this divides inside sweeps with hostScan.
import type { DetectorDef, DraftFinding, HostRow, LogonRow } from '../types';
import type { Severity } from '../../../shared/model';
import { ipScope } from '../net';
import { adminService, generalScan, lateralRow } from './adminSweep';
import { count, formatList, qv, scoreOver, span } from './util';

/** Services an inventory or management server also uses to reach every client once. */
const MANAGEMENT_SHAPE = new Set(['RPC', 'SMB', 'NetBIOS']);

export const lateralMovement: DetectorDef = {
  name: 'lateralMovement',
  title: 'Lateral movement',
  description:
    'Counts, per internal source, the distinct hosts it opened connections to on remote-administration services (SMB, RPC, RDP, WinRM, SSH, VNC, Telnet), and how many of them answered. A workstation reaching many machines on these, each once or twice, is an intruder spreading (PsExec, WMI, RDP hopping); one whose attempts were mostly refused or unanswered is probing for the next machine (reconnaissance, or a worm propagating), reported here rather than as a host scan, with the refused share. A management server that checks or deploys to the same hosts on a schedule contacts each many times and is not reported; an inside host sweeping other services too (a general network scan) is left to hostScan unless many hosts answered. Also one address logging in successfully (Windows 4624, sshd Accepted) to many machines within the hour, high when they are many or when nearly all were Windows network logons over NTLM (the pass-the-hash shape).',
  settings: [
    { key: 'minHosts', default: 10, description: 'distinct hosts on one remote-administration service (and answered hosts for spread when most attempts failed)' },
    { key: 'maxContactsPerHost', default: 5, description: 'connections per host above which the source is re-visiting known hosts on a schedule (monitoring, deployment), not spreading' },
    { key: 'sweepProbeShare', default: 0.6, description: 'share of probe flows (<= 2 packets, SYN only, refused; Zeek REJ/S0) at which a source that got answers from fewer than minHosts hosts is reconnaissance, not spread' },
    { key: 'sweepHosts', default: 250, description: 'hosts probed on one service for high severity of reconnaissance (a worm or a tool sweeping the network)' },
    { key: 'minLogonHosts', default: 10, description: 'distinct machines one address logged in to successfully (Windows 4624, sshd Accepted, by the machine that logged it) within lateralMovement.logonWindowMinutes: spread seen in the logins' },
    { key: 'highLogonHosts', default: 25, description: 'machines logged in to within the window for high severity' },
    { key: 'logonWindowMinutes', default: 60, description: 'minutes in which those first logins must fall (an intruder spreads in minutes; an administrator visits machines over days)' },
    { key: 'ntlmShare', default: 0.8, description: 'share of a source\'s successful logins that were Windows network logons over NTLM (4624 type 3) at which its spread in the logins is high: the pass-the-hash shape' },
    { key: 'multiService', default: 3, description: 'hosts reached on a second service for high severity (the same machines over SMB and RDP and WinRM; RPC with SMB alone, the inventory-server shape, stays medium)' },
  ],
  needs: ['hosts', 'logons'],
  incremental: true,
  detect(ctx) {
    const minHosts = ctx.num('minHosts');
    const maxPer = ctx.num('maxContactsPerHost');
    const multi = ctx.num('multiService');
    const reconShare = ctx.num('sweepProbeShare');
    const sweepHosts = ctx.num('sweepHosts');
    const limits = { minHosts: ctx.num('hostScan.minHosts'), spanHosts: ctx.num('hostScan.spanHosts'), minProbeShare: ctx.num('hostScan.minProbeShare') };
    const all = new Map<string, HostRow[]>();
    const bySrc = new Map<string, HostRow[]>();
    for (const r of ctx.agg.hosts) {
      // pushed, not copied: a port scanner has a row per port, tens of thousands
      const l = all.get(r.ip);
      if (l) l.push(r);
      else all.set(r.ip, [r]);
      // a schedule (Ansible every 30 min, a monitor every 5 min) revisits its hosts; a spreading intruder does not
      if (lateralRow(r, maxPer)) bySrc.set(r.ip, [...(bySrc.get(r.ip) ?? []), r]);
    }
    const out: DraftFinding[] = [];
    for (const [ip, rows] of bySrc) {
      rows.sort((a, b) => b.total - a.total);
      const top = rows[0]!;
      if (top.total < minHosts) continue;
      const known = rows.reduce((s, r) => s + r.known, 0);
      const probes = rows.reduce((s, r) => s + r.probes, 0);
      const share = known > 0 ? probes / known : null;
      const answered = Math.max(...rows.map((r) => (r.known > 0 ? r.answered : r.total)));
      // spread: many machines answered; reconnaissance: most attempts refused or never answered
      const recon = share !== null && share >= reconShare && answered < minHosts;
      // a sweep of other services too is a general network scan: hostScan's finding covers these probes
      if (recon && generalScan(all.get(ip)!, limits)) continue;
      const used = rows.filter((r) => r.total >= multi);
      const services = [...new Set(used.map((r) => adminService(r.svc)!))];
      const first = Math.min(...used.map((r) => r.first ?? Infinity));
      const last = Math.max(...used.map((r) => r.last ?? 0));
      const flows = used.reduce((s, r) => s + r.flows, 0);
      const pct = share === null ? null : Math.round(share * 100);
      const refusedNote = pct !== null && pct > 0 ? ` ${pct} % of its ${count(known)} attempts on these services were refused or never answered (bare SYNs, resets, Zeek REJ/S0); ${answered === 0 ? 'no host answered' : `at most ${count(answered)} host${answered === 1 ? '' : 's'} answered on any one of them`}.` : '';
      const window = span(Number.isFinite(first) ? first : null, last || null);
      const base = {
        detector: 'lateralMovement',
        entity: ip,
        entityType: 'ip' as const,
        windowMs: null,
        firstSeen: Number.isFinite(first) ? first : null,
        lastSeen: last || null,
        query: `src_ip:${qv(ip)} dst_port:${used.map((r) => r.svc).join(',')}`,
      };
      const wide = top.total >= sweepHosts;
      if (recon) {
        out.push({
          ...base,
          severity: wide ? 'high' : 'medium',
          title: `Lateral movement reconnaissance from ${ip}: ${count(top.total)} hosts probed on ${formatList(services)}, ${pct} % refused or unanswered`,
          explanation:
            `${ip} (internal) tried ${used.map((r) => `${count(r.total)} hosts on ${adminService(r.svc)} (port ${r.svc})`).join(', ')}, ${count(flows)} flows over ${window}.${refusedNote} ` +
            `An inside host knocking on the login and remote-command ports of machine after machine is looking for the next one to move to: an intruder mapping where its stolen credentials work, or a worm propagating (WannaCry and NotPetya over SMB). Few answered, so it has not (yet) spread widely; the hosts that did answer are where to look first. ` +
            `Thresholds: ${minHosts} hosts on one service (lateralMovement.minHosts), reconnaissance when ${Math.round(reconShare * 100)} % or more of the attempts failed and fewer than ${minHosts} hosts answered (lateralMovement.sweepProbeShare), at most ${maxPer} connections per host (lateralMovement.maxContactsPerHost)${wide ? `; high because it probed ${sweepHosts}+ hosts (lateralMovement.sweepHosts)` : ''}. ` +
            `A benign cause would be a vulnerability scanner or an asset-discovery tool run from a known management address: check whether ${ip} is one; otherwise isolate it.`,
          numbers: { hosts: top.total, answeredHosts: answered, refusedShare: Math.round(share! * 100) / 100, services: services.join(','), flows, contactsPerHost: Math.round((top.flows / Math.max(1, top.total)) * 10) / 10 },
          threshold: { metric: 'distinct hosts probed on a remote-administration service', value: top.total, threshold: minHosts, setting: 'lateralMovement.minHosts' },
          score: scoreOver(top.total, minHosts) * 0.8,
        });
        continue;
      }
      // RPC and SMB together are also how inventory and management servers (SCCM, WMI-based
      // asset scans) reach every client once: that shape stays medium. An interactive or remote-shell
      // service besides (RDP, WinRM, SSH, VNC, Telnet) is what an intruder adds and such servers do not.
      // Spread that also swept the network widely is at least as strong as the sweep alone would be.
      const multiple = services.length >= 2 && services.some((s) => !MANAGEMENT_SHAPE.has(s));
      const sweptToo = wide && share !== null && share >= reconShare;
      const high = multiple || sweptToo;
      out.push({
        ...base,
        severity: high ? 'high' : 'medium',
        title: `Lateral movement from ${ip}: ${count(top.total)} hosts on ${formatList(services)}`,
        explanation:
          `${ip} (internal) opened connections to ${used.map((r) => `${count(r.total)} hosts on ${adminService(r.svc)} (port ${r.svc})`).join(', ')}, ${count(flows)} flows over ${window}, about ${(top.flows / Math.max(1, top.total)).toFixed(1)} per host.${refusedNote} ` +
          `These are the services used to log in to and run commands on other machines; one host reaching many of them${multiple ? ' over several services' : ''} is how an intruder spreads from a foothold (PsExec and WMI over SMB/RPC, RDP hopping, WinRM, SSH with stolen keys)${share !== null && share >= reconShare ? `, and ${count(answered)} answering hosts is spread, not just probing` : ''}. ` +
          `Thresholds: ${minHosts} hosts on one service (lateralMovement.minHosts), at most ${maxPer} connections per host (lateralMovement.maxContactsPerHost)${multiple ? `; high because ${multi}+ hosts were reached on a second service, one of them interactive or a remote shell (lateralMovement.multiService)` : sweptToo ? `; high because it also probed ${sweepHosts}+ hosts (lateralMovement.sweepHosts)` : services.length >= 2 ? '; medium because RPC and SMB alone are also how inventory and management servers reach every client' : ''}. ` +
          `A benign cause would be an administrator's jump host, a software-deployment or inventory server, or a vulnerability scanner: check whether ${ip} is one.`,
        numbers: { hosts: top.total, services: services.join(','), flows, contactsPerHost: Math.round((top.flows / Math.max(1, top.total)) * 10) / 10, ...(share !== null ? { answeredHosts: answered, refusedShare: Math.round(share * 100) / 100 } : {}) },
        threshold: { metric: 'distinct hosts on a remote-administration service', value: top.total, threshold: minHosts, setting: 'lateralMovement.minHosts' },
        score: scoreOver(top.total * services.length, minHosts),
      });
    }
    logonFindings(ctx.agg.logons, out, { min: ctx.num('minLogonHosts'), high: ctx.num('highLogonHosts'), minutes: ctx.num('logonWindowMinutes'), maxPer, ntlmShare: ctx.num('ntlmShare') });
    return out;
  },
};

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/**
 * Spread seen in the logins: one address that logged in to many machines within minutes (pass-the-hash,
 * PsExec, RDP or SSH hopping with stolen credentials), by the machines that logged the logins. A
 * scheduler (Ansible, a patching or backup server) logs in to the same machines again and again and
 * is left out, as lateralMovement.maxContactsPerHost leaves out flows. Joined to the flow finding of
 * the same source when there is one.
 */
function logonFindings(rows: readonly LogonRow[], out: DraftFinding[], t: { min: number; high: number; minutes: number; maxPer: number; ntlmShare: number }): void {
  for (const r of rows) {
    if (r.windowHosts < t.min || r.logins > t.maxPer * r.hosts) continue;
    // a hash stands in for a password only in NTLM: network logons over it to machine after machine are pass-the-hash's shape
    const ntlm = (r.ntlm ?? 0) > 0 && r.ntlm! >= t.ntlmShare * r.logins;
    const severity: Severity = r.windowHosts >= t.high || ntlm ? 'high' : 'medium';
    // a Windows logon that logged no address (IpAddress "-") is counted under the workstation name it gave
    const named = ipScope(r.ip) === 'unknown' && !/[:.]\d/.test(r.ip) ? `The workstation ${r.ip} (the logons gave no address, IpAddress "-", so they are counted under the workstation name; the client chooses that name, so find its address in the DHCP, DNS or firewall logs of the time)` : `${r.ip} (${ipScope(r.ip)})`;
    const seen = `${named} logged in successfully to ${count(r.windowHosts)} different machines within ${t.minutes} min (${span(r.first, r.last)}; ${count(r.hosts)} machine${r.hosts === 1 ? '' : 's'} in the whole log, ${count(r.logins)} logins), among them ${r.sample.join(', ')}${r.users.length ? `, as ${r.users.join(', ')}` : ''}.`;
    const hash = ntlm
      ? ` ${count(r.ntlm!)} of its ${count(r.logins)} logins were network logons (type 3) over NTLM: Windows uses Kerberos when a domain account reaches a server by name, and NTLM when it is reached by address or when only the password's hash is at hand, so an account going machine to machine over NTLM is the pass-the-hash shape (Mimikatz sekurlsa::pth, Impacket and CrackMapExec with -H; Sigma "Pass the Hash Activity"). Find on ${r.ip} how the account's hash was taken (LSASS read, a logon type 9 with seclogo) and reset its password.`
      : '';
    const thresholds = `Thresholds: ${t.min} machines within ${t.minutes} min (lateralMovement.minLogonHosts, lateralMovement.logonWindowMinutes), high from ${t.high} (lateralMovement.highLogonHosts)${ntlm ? ` or when ${Math.round(t.ntlmShare * 100)} % of the logins were NTLM network logons (lateralMovement.ntlmShare)` : ''}; sources that log in to each machine more than ${t.maxPer} times (lateralMovement.maxContactsPerHost) are schedulers and left out.`;
    const flow = out.find((d) => d.entity === r.ip);
    if (flow) {
      flow.explanation += ` Its logins show the same: ${seen}${hash}`;
      flow.numbers.logonHosts = r.windowHosts;
      if (RANK[severity] > RANK[flow.severity]) flow.severity = severity;
      continue;
    }
    out.push({
      detector: 'lateralMovement',
      severity,
      entity: r.ip,
      entityType: 'ip',
      title: `Lateral movement from ${r.ip}: logged in to ${count(r.windowHosts)} machines within ${t.minutes} min`,
      explanation:
        `${seen} One address getting into machine after machine within minutes is how an intruder spreads with stolen passwords or hashes (pass-the-hash, PsExec and WMI, RDP or SSH hopping).${hash} ${thresholds} ` +
        `A benign cause would be an administrator's jump host or a deployment, patching or inventory server running once: check whether ${r.ip} is one and whether ${r.users.length ? r.users.join(', ') : 'the accounts'} should log in there.`,
      numbers: { logonHosts: r.windowHosts, hosts: r.hosts, logins: r.logins, users: r.users.join(','), ...(r.ntlm ? { ntlmLogins: r.ntlm } : {}) },
      threshold: { metric: 'machines logged in to within the window', value: r.windowHosts, threshold: t.min, setting: 'lateralMovement.minLogonHosts' },
      windowMs: t.minutes * 60_000,
      firstSeen: r.first,
      lastSeen: r.last,
      query: `src_ip:${qv(r.ip)} action:auth_success`,
      score: scoreOver(r.windowHosts, t.min),
    });
  }
}
