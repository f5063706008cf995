// Risky services across the perimeter: inside hosts using SMB, RDP, Telnet, databases or WinRM on
// internet addresses, inside services outsiders actually use (exposed to the internet), Tor,
// cryptocurrency mining (stratum ports, pool names) and IRC. Only answered connections that carried
// data count: a refused or unanswered attempt is a scan (portScan, hostScan), not use. One finding
// per inside host, its strongest reason first.
import type { DetectorDef, DraftFinding, RiskyRow } from '../types';
import type { Severity } from '../../../shared/model';
import { ipScope } from '../net';
import { bytes, count, duration, formatList, qv, scoreOver, span } from './util';

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** One client's connections with one peer on one port, both sides' records joined. */
interface Session { client: string; server: string; port: number; kind: RiskyRow['kind']; service: string; flows: number; completed: number; sent: number; back: number; seconds: number; longest: number; hours: number; first: number | null; last: number | null }

/** One reason a host is reported; a host's reasons become one finding. */
interface Part { severity: Severity; title: string; text: string; numbers: Record<string, number | string>; threshold: DraftFinding['threshold']; query: string; score: number; first: number | null; last: number | null }

const PEERS_IN_QUERY = 50;
/** Stratum ports that are also reverse-shell listeners' defaults (Metasploit 4444/4445, the leet ports) */
const SHELL_PORTS: ReadonlySet<number> = new Set([4444, 4445, 1337, 31337]);
const first = (xs: readonly Session[]): number | null => xs.reduce<number | null>((a, s) => (s.first == null ? a : a == null ? s.first : Math.min(a, s.first)), null);
const last = (xs: readonly Session[]): number | null => xs.reduce<number | null>((a, s) => (s.last == null ? a : a == null ? s.last : Math.max(a, s.last)), null);
const peersOf = (xs: readonly Session[], side: 'client' | 'server'): string[] => [...new Set(xs.map((s) => s[side]))];
const portsOf = (xs: readonly Session[]): number[] => [...new Set(xs.map((s) => s.port))].sort((a, b) => a - b);
const sum = (xs: readonly Session[], k: 'completed' | 'sent' | 'back' | 'seconds' | 'flows'): number => xs.reduce((a, s) => a + s[k], 0);
/** "over 2 h" for sessions spread in time; nothing for one moment */
const over = (a: number | null, b: number | null): string => (a != null && b != null && b > a ? ` over ${span(a, b)}` : '');
/** What went each way; a firewall's teardown (Cisco ASA) counts both ways together */
const traffic = (xs: readonly Session[], sent = 'sent', back = 'received'): string => (sum(xs, 'back') > 0 ? `${bytes(sum(xs, 'sent'))} ${sent} and ${bytes(sum(xs, 'back'))} ${back}` : `${bytes(sum(xs, 'sent'))} exchanged (both ways together, as the log counts them)`);
const list = (ips: readonly string[]): string => ips.slice(0, PEERS_IN_QUERY).map(qv).join(',');
const services = (xs: readonly Session[]): string => [...new Set(xs.map((s) => `${s.service} (${s.port})`))].join(', ');

/** Joins each client record with the server's answers (one-way flow logs write them apart) and keeps the sessions that carried data both ways. */
export function riskySessions(rows: readonly RiskyRow[], minBytes: number): Session[] {
  const replies = new Map<string, RiskyRow>();
  for (const r of rows) if (r.reply) replies.set(`${r.ip}|${r.peer}|${r.port}`, r);
  const out: Session[] = [];
  for (const c of rows) {
    if (c.reply || c.port === 0) continue;
    const r = replies.get(`${c.peer}|${c.ip}|${c.port}`);
    const back = c.rbytes + (r?.bytes ?? 0);
    // answered: the record says so (bytes back, an established state, an ACK), or the server's own records answered it
    const completed = Math.max(c.done, r ? Math.min(c.flows, r.flows) : 0);
    if (completed === 0 || c.bytes <= 0 || (back <= 0 && c.done === 0) || c.bytes + back < minBytes) continue;
    out.push({ client: c.ip, server: c.peer, port: c.port, kind: c.kind, service: c.service, flows: c.flows, completed, sent: c.bytes, back, seconds: Math.max(c.seconds, r?.seconds ?? 0), longest: Math.max(c.longest, r?.longest ?? 0), hours: Math.max(c.hours, r?.hours ?? 0), first: c.first, last: c.last });
  }
  return out;
}

export const riskyServices: DetectorDef = {
  name: 'riskyServices',
  title: 'Risky services and exposure',
  description:
    'Reads connections between inside and outside addresses on services that should not cross the perimeter, counting only answered connections that carried data both ways (a refused or unanswered attempt is a scan, reported by portScan and hostScan). Reports an inside host using SMB/NetBIOS on internet addresses (a share mounted outside leaks NTLM hashes; worms spread so), or RDP, Telnet, WinRM or a database (lower); an inside host whose SMB, RDP, Telnet, WinRM or database port many outside addresses used (the service is exposed to the internet); Tor (relay and SOCKS ports on several outside addresses); cryptocurrency mining (long-lived or renewed connections to stratum ports, mining-pool names in DNS, proxy or web logs); and IRC (bot command channels, stronger from a server). Private, reserved and CGNAT addresses are never the internet.',
  settings: [
    { key: 'minExchangedBytes', default: 1000, description: 'bytes both ways together for a host\'s connections with one peer on one port to count as use (a handshake alone is a few hundred)' },
    { key: 'smbHighPeers', default: 3, description: 'outside addresses one inside host exchanged SMB/NetBIOS data with for high severity (a worm or a host mounting shares all over the internet); fewer is medium' },
    { key: 'exposedPeers', default: 5, description: 'distinct outside addresses that used one inside host\'s SMB, RDP, Telnet, WinRM or database port (answered, data both ways) for "exposed to the internet"' },
    { key: 'torPeers', default: 3, description: 'distinct outside addresses on Tor ports one inside host exchanged data with (a Tor client builds circuits through several relays)' },
    { key: 'torPorts', default: '9001,9030,9050,9150', description: 'Tor relay (ORPort), directory and SOCKS ports' },
    { key: 'miningPorts', default: '3333,4444,5555,7777,14433,14444,45560,45700', description: 'stratum ports mining pools listen on (TCP)' },
    { key: 'miningMinSeconds', default: 1800, description: 'seconds of connection to stratum ports (all sessions together) for mining: a miner holds its pool connection for hours' },
    { key: 'miningMinSessions', default: 6, description: 'answered sessions to stratum ports that, over miningMinHours clock hours or more, are a miner renewing its pool connection' },
    { key: 'miningMinHours', default: 3, description: 'distinct clock hours those sessions must span' },
    { key: 'minPoolLookups', default: 1, description: 'times an inside host asked for (DNS) or reached (proxy, web Host) a mining pool\'s name for mining (a pool name is no site anyone visits by chance)' },
    { key: 'resolverDomains', default: 300, description: 'registered domains a host asked in all from which it is taken for a resolver asking on its clients\' behalf: a pool name it asked is then low and points at its clients' },
    { key: 'ircPorts', default: '6660,6661,6662,6663,6664,6665,6666,6667,6668,6669,6697', description: 'IRC ports (plain and TLS)' },
  ],
  needs: ['risky', 'pairs'],
  incremental: false,
  detect(ctx) {
    const minBytes = ctx.num('minExchangedBytes');
    const sessions = riskySessions(ctx.agg.risky, minBytes);
    const parts = new Map<string, Part[]>();
    const add = (ip: string, p: Part): void => void (parts.get(ip) ?? parts.set(ip, []).get(ip)!).push(p);
    const outbound = new Map<string, Session[]>();
    const inbound = new Map<string, Session[]>();
    for (const s of sessions) {
      const c = ipScope(s.client);
      if (c === 'internal' && ipScope(s.server) === 'external') (outbound.get(s.client) ?? outbound.set(s.client, []).get(s.client)!).push(s);
      else if (c === 'external' && ipScope(s.server) === 'internal' && (s.kind === 'smb' || s.kind === 'remote' || s.kind === 'db')) {
        const k = `${s.server}|${s.port}`;
        (inbound.get(k) ?? inbound.set(k, []).get(k)!).push(s);
      }
    }
    const exposed = new Set<string>();
    exposure(inbound, ctx.num('exposedPeers'), add, exposed);
    const servers = serverHosts(ctx.agg.pairs, exposed);
    for (const [ip, xs] of outbound) {
      outboundServices(ip, xs.filter((s) => s.kind === 'smb' || s.kind === 'remote' || s.kind === 'db'), ctx.num('smbHighPeers'), minBytes, add);
      tor(ip, xs.filter((s) => s.kind === 'tor'), ctx.num('torPeers'), add);
      irc(ip, xs.filter((s) => s.kind === 'irc'), servers.has(ip), add);
    }
    mining(outbound, ctx.agg.risky.filter((r) => r.names), { seconds: ctx.num('miningMinSeconds'), sessions: ctx.num('miningMinSessions'), hours: ctx.num('miningMinHours'), lookups: ctx.num('minPoolLookups'), resolver: ctx.num('resolverDomains') }, add);
    const out: DraftFinding[] = [];
    for (const [ip, ps] of parts) {
      ps.sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.score - a.score);
      const top = ps[0]!;
      const others = ps.slice(1);
      out.push({
        detector: 'riskyServices',
        severity: top.severity,
        entity: ip,
        entityType: 'ip',
        title: others.length ? `${top.title}; also ${others.map((p) => p.numbers.what).join(', ')}` : top.title,
        explanation: ps.map((p) => p.text).join(' ') + (others.length ? ' The evidence rows are those of the first reason.' : ''),
        numbers: Object.assign({}, ...[...ps].reverse().map((p) => p.numbers), { what: ps.map((p) => p.numbers.what).join(',') }) as Record<string, number | string>,
        threshold: top.threshold,
        windowMs: null,
        firstSeen: top.first,
        lastSeen: top.last,
        query: top.query,
        score: Math.min(1, top.score + 0.1 * others.length),
      });
    }
    return out;
  },
};

/** Inside hosts that answer outside clients (a server): their answers' pairs, and the exposed services found here. */
function serverHosts(pairs: readonly { src: string; dst: string; served?: string; port: number | null }[], exposed: ReadonlySet<string>): Set<string> {
  const out = new Set(exposed);
  for (const p of pairs) if (p.served && ipScope(p.src) === 'internal' && ipScope(p.dst) === 'external') out.add(p.src);
  return out;
}

function exposure(inbound: Map<string, Session[]>, minPeers: number, add: (ip: string, p: Part) => void, exposed: Set<string>): void {
  for (const [k, xs] of inbound) {
    const clients = peersOf(xs, 'client');
    if (clients.length < minPeers) continue;
    const server = k.slice(0, k.lastIndexOf('|'));
    const s0 = xs[0]!;
    exposed.add(server);
    add(server, {
      severity: 'medium',
      title: `${s0.service} on ${server} exposed to the internet: used by ${count(clients.length)} outside addresses`,
      text:
        `${count(clients.length)} outside addresses (${formatList(clients, 5)}) connected to ${s0.service} (port ${s0.port}) on the inside host ${server} and were answered, ${count(sum(xs, 'completed'))} sessions with ${traffic(xs, 'sent to it', 'back')}${over(first(xs), last(xs))}. ` +
        `${s0.kind === 'db' ? `A database (${s0.service}) reachable from the whole internet is guessed at and exploited within hours, and open Redis, MongoDB and Elasticsearch instances are copied, wiped and ransomed` : s0.kind === 'smb' ? `${s0.service} reachable from the internet is what EternalBlue, WannaCry and NotPetya needed, and every password on it can be guessed from anywhere` : `${s0.service} reachable from the whole internet is how ransomware crews get in (password guessing, stolen credentials, BlueKeep-style exploits)`}; that outsiders were answered, not refused, is what makes it exposed rather than merely scanned. ` +
        `Threshold: ${minPeers} outside addresses answered with data both ways (riskyServices.exposedPeers). A benign cause would be a service published on purpose to partners: check the firewall rule, whether the sources are known, and the service's own logins.`,
      numbers: { what: `exposed ${s0.service}`, exposedPort: s0.port, outsideClients: clients.length, inboundSessions: sum(xs, 'completed') },
      threshold: { metric: `outside addresses answered on ${s0.service}`, value: clients.length, threshold: minPeers, setting: 'riskyServices.exposedPeers' },
      query: `dst_ip:${qv(server)} dst_port:${s0.port} src_ip:${list(clients)}`,
      score: scoreOver(clients.length, minPeers) * 0.9,
      first: first(xs),
      last: last(xs),
    });
  }
}

function outboundServices(ip: string, xs: readonly Session[], smbHigh: number, minBytes: number, add: (ip: string, p: Part) => void): void {
  if (!xs.length) return;
  const smb = xs.filter((s) => s.kind === 'smb');
  const used = smb.length ? smb : xs;
  const peers = peersOf(used, 'server');
  const severity: Severity = smb.length ? (peers.length >= smbHigh ? 'high' : 'medium') : 'low';
  const why = smb.length
    ? `SMB and NetBIOS never need to leave a network: a Windows host opening a share on an internet address sends its user's NTLM credentials there (a hash to crack or relay; a link or a document planted for it does this), and a host reaching several is how SMB worms spread (WannaCry, NotPetya).`
    : `RDP, Telnet, WinRM and database protocols to the internet are remote administration or data access that bypasses the usual gateways: a user's own cloud machine, or an intruder's tunnel and a stolen dataset; Telnet also sends its password in clear text.`;
  add(ip, {
    severity,
    title: `${smb.length ? 'SMB' : [...new Set(used.map((s) => s.service))].join('/')} from ${ip} to ${count(peers.length)} internet address${peers.length === 1 ? '' : 'es'}`,
    text:
      `The inside host ${ip} used ${services(used)} on ${count(peers.length)} internet address${peers.length === 1 ? '' : 'es'} (${formatList(peers, 5)}): ${count(sum(used, 'completed'))} answered sessions, ${traffic(used)}${over(first(used), last(used))}. ${why} ` +
      `Thresholds: answered connections with data both ways, ${bytes(minBytes)} or more with one address on one port (riskyServices.minExchangedBytes)${smb.length ? `; high from ${smbHigh} outside addresses (riskyServices.smbHighPeers)` : '; low: other services than SMB are often a user\'s own cloud servers'}. ` +
      `A benign cause would be a partner's or a cloud file share reached on purpose: check who owns ${peers[0]}.${smb.length && xs.length > smb.length ? ` It also used ${services(xs.filter((s) => s.kind !== 'smb'))} outside.` : ''}`,
    numbers: { what: `${smb.length ? 'SMB' : 'remote access'} to the internet`, outsidePeers: peers.length, outsidePorts: portsOf(used).join(','), sessions: sum(used, 'completed'), sentBytes: sum(used, 'sent'), receivedBytes: sum(used, 'back') },
    threshold: smb.length ? { metric: 'internet addresses reached over SMB/NetBIOS', value: peers.length, threshold: smbHigh, setting: 'riskyServices.smbHighPeers' } : { metric: 'bytes exchanged with one internet address', value: Math.max(...used.map((s) => s.sent + s.back)), threshold: minBytes, setting: 'riskyServices.minExchangedBytes' },
    query: `src_ip:${qv(ip)} dst_port:${portsOf(used).join(',')} dst_ip:${list(peers)}`,
    score: smb.length ? scoreOver(peers.length + 1, smbHigh) : 0.3,
    first: first(used),
    last: last(used),
  });
}

function tor(ip: string, xs: readonly Session[], minPeers: number, add: (ip: string, p: Part) => void): void {
  const peers = peersOf(xs, 'server');
  if (peers.length < minPeers) return;
  add(ip, {
    severity: 'medium',
    title: `Tor from ${ip}: ${count(peers.length)} outside addresses on Tor ports`,
    text:
      `The inside host ${ip} exchanged data with ${count(peers.length)} outside addresses on Tor ports ${portsOf(xs).join(', ')} (${formatList(peers, 5)}), ${count(sum(xs, 'completed'))} answered sessions, ${bytes(sum(xs, 'sent'))} sent${over(first(xs), last(xs))}. ` +
      `A Tor client builds its circuits through several relays; inside a company that is malware hiding its command channel (many ransomware and RAT families ship Tor) or a user evading monitoring, and what crosses it cannot be inspected. ` +
      `Threshold: ${minPeers} outside addresses on Tor ports, answered with data (riskyServices.torPeers, riskyServices.torPorts). A benign cause would be the Tor Browser used on purpose (research, journalism): check the process on ${ip}.`,
    numbers: { what: 'Tor', torPeers: peers.length, torSessions: sum(xs, 'completed') },
    threshold: { metric: 'outside addresses on Tor ports', value: peers.length, threshold: minPeers, setting: 'riskyServices.torPeers' },
    query: `src_ip:${qv(ip)} dst_port:${portsOf(xs).join(',')} dst_ip:${list(peers)}`,
    score: scoreOver(peers.length, minPeers) * 0.9,
    first: first(xs),
    last: last(xs),
  });
}

function irc(ip: string, xs: readonly Session[], server: boolean, add: (ip: string, p: Part) => void): void {
  if (!xs.length) return;
  const peers = peersOf(xs, 'server');
  add(ip, {
    severity: server ? 'medium' : 'low',
    title: `IRC from ${server ? 'the server ' : ''}${ip} to ${formatList(peers, 3)}`,
    text:
      `The inside host ${ip} held IRC sessions (ports ${portsOf(xs).join(', ')}) with ${formatList(peers, 5)}: ${count(sum(xs, 'completed'))} answered, ${bytes(sum(xs, 'sent') + sum(xs, 'back'))} both ways, ${duration(sum(xs, 'seconds') * 1000)} connected${over(first(xs), last(xs))}. ` +
      `IRC is the classic command channel of bots (Mirai's cousins, Perl and PHP bots dropped on web servers); ${server ? `${ip} also answers outside clients, and a server has no reason to chat, so medium` : 'from a workstation it may be a user\'s chat client, so low'}. ` +
      `Threshold: any answered IRC session with data (riskyServices.ircPorts, riskyServices.minExchangedBytes). Check the process that holds the connection.`,
    numbers: { what: 'IRC', ircPeers: peers.length, ircSessions: sum(xs, 'completed') },
    threshold: { metric: 'answered IRC sessions', value: sum(xs, 'completed'), threshold: 1, setting: 'riskyServices.ircPorts' },
    query: `src_ip:${qv(ip)} dst_port:${portsOf(xs).join(',')} dst_ip:${list(peers)}`,
    score: server ? 0.6 : 0.3,
    first: first(xs),
    last: last(xs),
  });
}

function mining(outbound: Map<string, Session[]>, names: readonly RiskyRow[], t: { seconds: number; sessions: number; hours: number; lookups: number; resolver: number }, add: (ip: string, p: Part) => void): void {
  const named = new Map(names.map((r) => [r.ip, r]));
  const hosts = new Set([...named.keys(), ...[...outbound].filter(([, xs]) => xs.some((s) => s.kind === 'mining')).map(([ip]) => ip)]);
  for (const ip of hosts) {
    if (ipScope(ip) === 'external') continue;
    const xs = (outbound.get(ip) ?? []).filter((s) => s.kind === 'mining');
    const seconds = sum(xs, 'seconds');
    const sessions = sum(xs, 'completed');
    const hours = Math.max(0, ...xs.map((s) => s.hours));
    const flows = seconds >= t.seconds || (sessions >= t.sessions && hours >= t.hours);
    const n0 = named.get(ip);
    const n = n0 && n0.flows >= t.lookups ? n0 : undefined;
    if (!flows && !n) continue;
    const peers = peersOf(xs, 'server');
    const seenFlows = flows ? `It held ${duration(seconds * 1000)} of connection to stratum port${portsOf(xs).length === 1 ? '' : 's'} ${portsOf(xs).join(', ')} of ${formatList(peers, 5)} in ${count(sessions)} answered session${sessions === 1 ? '' : 's'} over ${count(hours)} clock hour${hours === 1 ? '' : 's'} (${bytes(sum(xs, 'sent'))} sent, ${bytes(sum(xs, 'back'))} received). ` : '';
    // a resolver forwarding its clients' questions asks every name they ask: the miner is one of its clients
    const resolver = !flows && (n?.askedDomains ?? 0) >= t.resolver;
    const seenNames = n ? `It asked for or reached mining-pool names ${formatList(n.names ?? [], 5)} (${count(n.flows)} time${n.flows === 1 ? '' : 's'}${over(n.first, n.last)}).${resolver ? ` It asked ${count(n.askedDomains ?? 0)} registered domains in all, as a resolver forwarding its clients' questions does (riskyServices.resolverDomains), so it is low: the miner is more likely one of its clients, whose own queries (its query log) name it.` : ''} ` : '';
    // without a pool's name, a port that is also a shell listener's (Metasploit's 4444) may carry either
    const shell = !n && portsOf(xs).every((p) => SHELL_PORTS.has(p));
    add(ip, {
      severity: flows && n ? 'high' : resolver ? 'low' : 'medium',
      title: shell
        ? `Cryptocurrency mining or a reverse shell from ${ip}: ${duration(seconds * 1000)} on port ${portsOf(xs)[0]}`
        : `Cryptocurrency mining from ${ip}: ${n ? `pool ${n.names?.[0] ?? ''}` : ''}${n && flows ? ', ' : ''}${flows ? `${duration(seconds * 1000)} on stratum port ${portsOf(xs)[0]}` : ''}`,
      text:
        `The inside host ${ip} shows a cryptocurrency miner's traffic. ${seenFlows}${seenNames}` +
        (shell
          ? `Port ${formatList(portsOf(xs))} is also where Metasploit's and other tools' listeners wait for a reverse shell (Meterpreter, netcat), which holds one connection open for as long just the same; no pool name was seen to tell them apart, so treat it as either until the process is known. `
          : '') +
        `A miner keeps one connection to its pool open for hours (or renews it all day) and looks its pool up by name; on a company machine it is almost always a compromise (xmrig dropped through an exposed service) or a user spending the company's power and hardware. ` +
        `Thresholds: ${duration(t.seconds * 1000)} on stratum ports (riskyServices.miningMinSeconds) or ${t.sessions} sessions over ${t.hours} clock hours (riskyServices.miningMinSessions, riskyServices.miningMinHours), stratum ports as riskyServices.miningPorts lists them; or a pool's name in DNS, proxy or web logs ${t.lookups} time${t.lookups === 1 ? '' : 's'} or more (riskyServices.minPoolLookups); high when both are seen. ` +
        `A single short connection to one of these ports is no miner (the same numbers serve other programs): check the process holding the connection on ${ip}.`,
      numbers: { what: 'mining', ...(flows ? { stratumSeconds: Math.round(seconds), stratumSessions: sessions, stratumHours: hours, stratumPeers: peers.join(',') } : {}), ...(n ? { poolNames: (n.names ?? []).join(','), poolLookups: n.flows } : {}) },
      threshold: flows ? { metric: 'seconds connected to stratum ports', value: Math.round(seconds), threshold: t.seconds, setting: 'riskyServices.miningMinSeconds' } : { metric: 'mining-pool names asked for', value: n!.flows, threshold: t.lookups, setting: 'riskyServices.minPoolLookups' },
      query: flows ? `src_ip:${qv(ip)} dst_port:${portsOf(xs).join(',')} dst_ip:${list(peers)}` : `src_ip:${qv(ip)} host:${(n!.names ?? []).map(qv).join(',')}`,
      score: flows && n ? 0.9 : 0.7,
      first: flows ? first(xs) : n!.first,
      last: flows ? last(xs) : n!.last,
    });
  }
}
