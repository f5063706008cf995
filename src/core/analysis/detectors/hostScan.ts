// Host scan / ping sweep: one source probing many destination hosts on one service (or ICMP).
import type { DetectorDef, DraftFinding, HostRow } from '../types';
import { ipScope } from '../net';
import { generalScan, isSweep, lateralRow, probeShare } from './adminSweep';
import { count, overSpan, qv, scoreOver } from './util';

export const hostScan: DetectorDef = {
  name: 'hostScan',
  title: 'Host scan / ping sweep',
  description:
    'Counts, per source and service (a destination port, or ICMP echo requests), the distinct hosts it probed within one clock hour, and over the whole log (a slow sweep spreads a range over many hours). A sweep is many hosts with probe-like flows (at most two packets, bare SYNs or rejected; in Zeek\'s conn.log, the connection states of attempts nobody answered or the server refused: S0, REJ, SH, RSTOS0, so a small exchange that was answered is no probe); a proxy or resolver that really talks to many hosts carries data and is not counted as a sweep. A monitor that checks the same hosts over and over (many contacts per host) is reported low. An inside host sweeping only remote-administration ports (SMB, RDP, WinRM, SSH…) is probing for machines to move to, and is reported by lateralMovement as reconnaissance instead; one sweeping other services too is a general network scan and stays here.',
  settings: [
    { key: 'minHosts', default: 50, description: 'distinct destination hosts on one service within one clock hour' },
    { key: 'minProbeShare', default: 0.6, description: 'share of the flows that must look like probes (<= 2 packets, SYN only, rejected)' },
    { key: 'highHosts', default: 250, description: 'distinct hosts for high severity' },
    { key: 'spanHosts', default: 100, description: 'distinct destination hosts on one service over the whole log (a slow sweep)' },
    { key: 'pollRepeat', default: 10, description: 'contacts per host at which the source is re-checking known hosts (a monitor), not discovering new ones: reported low' },
  ],
  needs: ['hosts'],
  incremental: true,
  detect(ctx) {
    const minHosts = ctx.num('minHosts');
    const minShare = ctx.num('minProbeShare');
    const highHosts = ctx.num('highHosts');
    const spanHosts = ctx.num('spanHosts');
    const pollRepeat = ctx.num('pollRepeat');
    const limits = { minHosts, spanHosts, minProbeShare: minShare };
    const lateralPer = ctx.num('lateralMovement.maxContactsPerHost');
    const lateralMin = ctx.num('lateralMovement.minHosts');
    const bySrc = new Map<string, HostRow[]>();
    for (const r of ctx.agg.hosts) {
      // pushed, not copied: a port scanner has a row per port, tens of thousands
      const l = bySrc.get(r.ip);
      if (l) l.push(r);
      else bySrc.set(r.ip, [r]);
    }
    const best = new Map<string, HostRow & { share: number; slow: boolean }>();
    for (const r of ctx.agg.hosts) {
      const slow = r.hosts < minHosts && r.total >= spanHosts;
      // with no packet/flag/action columns we cannot tell probes from sessions: require ICMP or 4x the hosts
      if (!isSweep(r, limits)) continue;
      const share = probeShare(r, minHosts);
      // an inside host sweeping admin ports alone is lateralMovement's (reconnaissance or spread): one actor, one finding
      if (lateralRow(r, lateralPer) && r.total >= lateralMin && !generalScan(bySrc.get(r.ip)!, limits)) continue;
      const cur = best.get(r.ip);
      if (!cur || r.total > cur.total) best.set(r.ip, { ...r, share, slow });
    }
    const out: DraftFinding[] = [];
    for (const r of best.values()) {
      const icmp = r.svc === 'icmp';
      const what = icmp ? 'ICMP (ping)' : `port ${r.svc}`;
      // DNS and NTP are one small packet each way: a resolver or time server talking to many
      // servers is probe-shaped by nature, so it is a lead, not an alarm
      const oneShot = r.svc === '53' || r.svc === '123';
      // a sweep touches each address about once; a monitor checks the same hosts every few minutes
      const perHost = r.flows / Math.max(1, r.total);
      const poller = perHost >= pollRepeat;
      const hosts = r.slow ? r.total : r.hosts;
      // a host opening SMTP to hundreds of different servers is delivering mail straight to them: a spam bot (or a mail relay)
      const smtp = r.svc === '25' && !poller;
      out.push({
        detector: 'hostScan',
        severity: oneShot || poller ? 'low' : Math.max(r.hosts, r.total) >= highHosts ? 'high' : 'medium',
        entity: r.ip,
        entityType: 'ip',
        title: smtp
          ? `Mail sent straight to many servers from ${r.ip}: ${count(hosts)} hosts on port 25 (SMTP)${r.slow ? ` ${overSpan(r.first, r.last)}` : ''}`
          : `${poller ? 'Repeated probes' : icmp ? 'Ping sweep' : 'Host scan'} from ${r.ip}: ${count(hosts)} hosts on ${what}${r.slow ? ` ${overSpan(r.first, r.last)}` : ''}`,
        explanation:
          (r.slow
            ? `${r.ip} (${ipScope(r.ip)}) probed ${count(r.total)} distinct hosts on ${what} ${overSpan(r.first, r.last)}, never more than ${count(r.hosts)} in one hour (${count(r.flows)} flows in all); ${Math.round(r.share * 100)} % of them looked like probes (<= 2 packets, bare SYN or rejected). A sweep spread over hours stays under per-hour limits. The threshold is ${spanHosts} hosts over the whole log (hostScan.spanHosts). `
            : `${r.ip} (${ipScope(r.ip)}) probed up to ${count(r.hosts)} distinct hosts in one hour on ${what} (${count(r.total)} ${overSpan(r.first, r.last)}, ${count(r.flows)} flows in all); ${Math.round(r.share * 100)} % of them looked like probes (<= 2 packets, bare SYN or rejected). The threshold is ${minHosts} hosts within an hour (hostScan.minHosts). `) +
          (smtp
            ? `A machine connecting to port 25 of this many different servers, most not answering or refusing, is delivering mail straight to recipients' mail servers: what a spam bot does (CTU-13's Neris bots, Cutwail), or a search for open relays. An ordinary workstation sends mail through its own relay on 587/465; your own mail relay (MTA) sending for many users looks the same, so check whether ${r.ip} is one. `
            : `Sweeping an address range for one service is how an attacker finds the next target. `) +
          (poller
            ? `But it contacted each host ${perHost.toFixed(0)} times on average (hostScan.pollRepeat: ${pollRepeat}): re-checking the same hosts on a schedule is a monitoring system (ping or port checks), not discovery, so it is reported low; check that ${r.ip} is your monitoring server.`
            : oneShot
            ? `Port ${r.svc} (${r.svc === '53' ? 'DNS' : 'NTP'}) is one small packet each way, so a resolver or time server that talks to many servers looks the same: reported low. Sequential addresses, or hosts that are not DNS/NTP servers, would make it a sweep for open ${r.svc === '53' ? 'resolvers' : 'time servers'}.`
            : `A benign cause would be network monitoring (ping checks) or an asset-discovery tool run from a known management address.`),
        numbers: { hosts: r.hosts, totalHosts: r.total, contactsPerHost: Math.round(perHost * 10) / 10, flows: r.flows, probeShare: Math.round(r.share * 100) / 100, service: what },
        threshold: r.slow
          ? { metric: 'distinct destination hosts over the log', value: r.total, threshold: spanHosts, setting: 'hostScan.spanHosts' }
          : { metric: 'distinct destination hosts in one hour', value: r.hosts, threshold: minHosts, setting: 'hostScan.minHosts' },
        windowMs: null,
        firstSeen: r.first,
        lastSeen: r.last,
        query: icmp ? `src_ip:${qv(r.ip)} proto:ICMP` : `src_ip:${qv(r.ip)} dst_port:${r.svc}`,
        score: poller ? 0.2 : r.slow ? scoreOver(r.total, spanHosts) : scoreOver(r.hosts, minHosts),
      });
    }
    return out;
  },
};
