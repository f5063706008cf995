// The per-source accumulator every detector reads: rows are folded one at a time into per-IP
// state (counters, distinct sets, per-hour and per-minute tallies), and the aggregate rows the
// detectors take are read off it. Batch analysis folds a whole case in one sequential scan per
// worker (sources partitioned between workers, so no state is merged); follow mode folds rows as
// they arrive. One implementation, so live and batch findings mean the same thing.
import { ipScope, matchTool } from './net';
import { addBtmp, addLoggedFailure, addTgtLogin, withBtmp, guessOn } from './sshFold';
import { loginService, messageProgram } from './services';
import { matchPayload, refererPayload, type PayloadMatch } from './payload';
import { foldTwins, requestKey } from './twins';
import { DGA_FLOOR, DnsQueries } from './dns';
import type { Aggregates, PayloadHit, Settings, StuffingRow, TrafficRow } from './types';
import { MinuteTraffic, addNumber, addScanPort, addString, type BeaconAcc, BIG_PATHS, BIG_RESPONSE, distinctHosts, distinctSize, distinctValues, emptyAggregates, F2B_TIMES, type FoldOptions, fail2banCounted, maxTs, minTs, newFlood, newSsh, newState, newWeb, LOGON_HOSTS, loggedTwiceOf, logonSpread, PEAK_RESOURCES, PULLED_FIRST, SERVED_KEEP, addServed, scanBurst, type SrcState, type StuffAcc, topUser, failedUsers, loginTimes, USER_AGENTS, WEB_POST_SIZES } from './foldState';
import { ARGUS_STATE_RE, authFail, BROWSER_FETCHED, BROWSER_RE, connection, connState, CRAWLER_RE, ICMP_ECHO_RE, ICMP_TYPED_RE, initiator, type LiveEvent, LOGIN_FORM_RE, LOGIN_PORTS, LOGIN_RE, pageResource, pathKey, synOnly, UA_PAYLOAD_RE } from './eventKind';
import { fastRuns, floodRequest, floodRow, suddenRun } from './flood';
import { beaconContact } from './beacons';
import { enumBest, enumRequest } from './enumeration';
import { accountBest, accountRequest } from './accounts';
import { SECRET_PATH } from './secrets';
import { addTicket, ticketRequest, ticketSpread, tgtVerified } from './kerberos';
import { cloudSpread, foldCloudRow, foldIdentityRow, type CloudAcc } from './cloudAudit';
import { bulkEvent, HOST_EVENTS, hostEvent, type HostEvent } from './hostEvents';
import { RuleHits } from './ruleHits';
import { keepLinux, linuxEvent } from './linuxEvents';
import { keepRdpHop, keepWindowsLogon, ntlmNetworkLogon, windowsLogon } from './windowsLogons';
import { addEcho } from './icmp';
import { addFloodPackets, floodPacketRows, oneWayRecord } from './packetFlood';
import { addIdsAlert, wafRow } from './idsFold';
import { addFlowLogin, addHostContact } from './connFold';
import { RiskyWatch } from './riskyFold';
import { MailOut } from './mailOut';

export { maxTs, minTs, TARGETS, type BeaconAcc, type FoldOptions } from './foldState';

/** What a user agent string is, judged once per distinct string: a tool, a crawler, a payload. */
interface AgentInfo { id: number; tool: string | null; crawler: boolean; payload: PayloadMatch | null }

const DIGIT = /\d/;

export class Fold {
  readonly sources = new Map<string, SrcState>();
  private readonly stuffing = new Map<string, StuffAcc>();
  /** Windows host events of interest (see hostEvents.ts), in the order read */
  readonly hostEvents: HostEvent[] = [];
  /** address|user of the SSH logins seen: only the first of each may be kept for a password login from outside */
  private readonly loginPairs = new Map<string, HostEvent | null>();
  private readonly ruleHits = new RuleHits();
  private sudos = 0; // sudo and su lines among them
  private pairLogins = 0; // first SSH and Windows remote logins of an address and user among them
  private recon = 0; // reconnaissance commands among them (processEvents.ts)
  /** login targets that refused a login (401/403), and those that redirected a posted form (a success) */
  private readonly refusing = new Set<string>();
  private readonly redirecting = new Set<string>();
  /** per minute, all sources: busiest destinations, bare SYNs, refusals for load (batch only) */
  private readonly perMinute = new MinuteTraffic();
  /** user agents repeat: the tool and crawler verdict is computed once per distinct string */
  private readonly agentInfo = new Map<string, AgentInfo>();
  private agentSeq = 0;
  private readonly shortSeconds: number;
  private readonly shortPackets: number;
  private readonly stuffWindow: number;
  private readonly beaconGap: number;
  private readonly logonWindow: number;
  private readonly ticketWindow: number;
  private readonly cloudWindow: number;
  private readonly maxAuthTries: number;
  private readonly f2bWindow: number;
  /** sources with at most this many ports keep their list (portScan groups an outside network's scanners by it) */
  private readonly listPorts: number;
  private readonly twinWindow: number;
  private readonly accountsMin: number;
  private readonly enumStep: number;
  private readonly enumMin: number;
  private readonly dnsMinNames: number;
  private readonly guessedFailures: number;
  private readonly burstRate: number;
  private readonly floodRun: number;
  private readonly risky: RiskyWatch;

  constructor(settings: Settings, private readonly opts: FoldOptions = {}) {
    this.shortSeconds = Number(settings['bruteForce.shortFlowSeconds']);
    this.shortPackets = Number(settings['bruteForce.shortFlowPackets']);
    this.stuffWindow = Number(settings['credentialStuffing.windowMinutes']) * 60_000;
    this.beaconGap = Number(settings['beaconing.minIntervalSeconds']) * 1000;
    this.logonWindow = Number(settings['lateralMovement.logonWindowMinutes']) * 60_000;
    this.ticketWindow = Number(settings['kerberoasting.windowMinutes']) * 60_000;
    this.cloudWindow = Number(settings['cloudAudit.windowMinutes']) * 60_000;
    this.maxAuthTries = Number(settings['bruteForce.maxAuthTries']);
    this.f2bWindow = Number(settings['bruteForce.fail2banSeconds']) * 1000;
    this.dnsMinNames = Number(settings['dnsTunnel.minUniqueNames']);
    this.listPorts = Math.max(Number(settings['portScan.probePorts']) - 1, Number(settings['portScan.summaryPorts']));
    this.guessedFailures = Number(settings['bruteForce.guessedUserFailures']);
    this.burstRate = Number(settings['bursts.minPerMinute']);
    this.floodRun = Math.max(1, Number(settings['bursts.floodRunMinutes']) || 1);
    this.enumStep = Number(settings['scanners.enumerationStep']) || 1;
    this.enumMin = Math.max(1, Number(settings['scanners.minEnumerated']) || 1);
    this.accountsMin = Math.max(1, Number(settings['scanners.minAccounts']) || 1);
    this.twinWindow = Math.max(0, Number(settings['webAttacks.twinSeconds']) || 0) * 1000;
    this.risky = new RiskyWatch(settings);
  }
  private readonly mailOut = new MailOut(); // mail sent out per sender (mailOut.ts; Postfix's lines have no address)
  private readonly unplaced: { cloud: CloudAcc | null } = { cloud: null }; // identity events without an address (an app consented to in the UAL): batch only

  private agent(ua: string): AgentInfo {
    let a = this.agentInfo.get(ua);
    if (!a) {
      const t = matchTool(ua);
      a = { id: this.agentSeq++, tool: t ? `${t.kind}:${t.tool}` : null, crawler: CRAWLER_RE.test(ua), payload: UA_PAYLOAD_RE.test(ua) ? matchPayload(ua) : null };
      if (this.agentInfo.size < 100_000) this.agentInfo.set(ua, a);
    }
    return a;
  }

  /** Folds one row; returns its source address (null when it has none). The row is not retained. */
  add(e: LiveEvent): string | null {
    const ip = e.src_ip;
    if (e.mail) this.mailOut.add(e.id, e.mail, e.ts ?? null);
    // host events (a log cleared, a service installed …) have no address: kept apart for hostTampering
    if (e.hev && (this.hostEvents.length < HOST_EVENTS || e.hev.indexOf('"sigma_level":"') >= 0)) {
      const h = hostEvent(e.id, e.hev, e.ts ?? null, e.user);
      // a triage tool's rule matches are counted whole, apart from the list (ruleHits.ts)
      if (h?.sigma) this.ruleHits.add(h);
      // reconnaissance commands (whoami …) and ransomware's files of a busy fleet may fill a quarter of the list, never more
      if (h && h.kind !== 'rule' && this.hostEvents.length < HOST_EVENTS && (!bulkEvent(h) || this.recon++ < HOST_EVENTS / 4)) this.hostEvents.push(h);
    }
    // Linux auth-log steps (linuxEvents.ts); automation's sudo may fill half the list, never all of it
    const w = e.lev?.startsWith('winlogon\n') && this.hostEvents.length < HOST_EVENTS && this.pairLogins < HOST_EVENTS / 4 ? windowsLogon(e.id, e.lev, e.ts ?? null, e.user, ip) : null;
    if (w && (keepWindowsLogon(w, this.loginPairs, this.sources.get(w.ip!)?.ssh?.fails ?? 0, this.guessedFailures) || keepRdpHop(w, this.loginPairs, HOST_EVENTS / 8)) && ++this.pairLogins) this.hostEvents.push(w);
    const l = e.lev && !w && this.hostEvents.length < HOST_EVENTS ? linuxEvent(e.id, e.lev, e.ts ?? null) : null;
    // first logins of an address and user from outside may fill a quarter of the list (an SFTP server's customers)
    const firstOfPair = l?.kind === 'sshLogin' && !this.loginPairs.has(`${l.ip}|${l.user}`) && !!this.loginPairs.set(`${l.ip}|${l.user}`, null) && ipScope(l.ip!) === 'external' && this.pairLogins++ < HOST_EVENTS / 4;
    if (l && keepLinux(l, this.sources.get(l.ip ?? '')?.ssh?.fails ?? 0, firstOfPair) && (l.kind !== 'sudo' || this.sudos++ < HOST_EVENTS / 2)) this.hostEvents.push(l);
    if (!ip) return e.aws ? foldIdentityRow(this.unplaced, e.aws, e.user ?? null, e.id, e.ts ?? null) : null;
    let s = this.sources.get(ip);
    if (!s) this.sources.set(ip, (s = newState()));
    // a connection a second sensor's log already held (a firewall export beside Zeek, two routers' NetFlow) counts once
    if (this.opts.twins?.twin(e)) {
      s.twinFlows++;
      s.twinBytes += e.bytes ?? 0;
      return ip;
    }
    const ts = e.ts ?? null;
    const st = e.status ?? null;
    const bytes = e.bytes ?? 0;
    const init = initiator(e);
    // the end of a connection already counted when it opened (Cisco ASA teardowns): its bytes
    // count, but it is no second contact for scans, rates or beacon timing
    const closing = e.action === 'close';
    s.events++;
    s.bytes += bytes;
    if (e.dst_port == null || init) s.sentBytes += bytes;
    // a proxy or load balancer logs a request's answer: those bytes came to the client, they did not leave
    // it (a CONNECT tunnel carries both ways and stays a transfer to its destination)
    const answer = !!e.method && e.method.toUpperCase() !== 'CONNECT';
    if (answer) s.httpBytes += bytes;
    if (e.dst_ip) s.dsts = addString(s.dsts, e.dst_ip);
    // ports of the connections it opened: a server's replies go to its clients' ephemeral ports
    if (e.dst_port != null && init) s.ports = addNumber(s.ports, e.dst_port);
    const pk = e.path ? pathKey(e.path) : 0;
    if (e.path) {
      s.paths = addNumber(s.paths, pk);
      if (bytes >= BIG_RESPONSE) {
        const big = (s.big ??= new Map());
        let d = big.get(e.path);
        if (!d && big.size < BIG_PATHS) big.set(e.path, (d = { bytes: 0, requests: 0, first: null, last: null }));
        if (d) {
          d.bytes += bytes;
          d.requests++;
          d.first = minTs(d.first, ts);
          d.last = maxTs(d.last, ts);
        }
      }
    }
    if (st != null && st >= 400) s.errors++;
    if (st === 401 || st === 403) s.denied++;
    if (st === 404) s.notFound++;
    if (st === 429 || st === 503) s.throttled++;
    if (st === 408) s.timeouts++;
    if (e.method && e.method !== 'GET' && e.method !== 'HEAD' && e.method !== 'POST') s.oddMethods++;
    if (e.dst_port === 53 && e.bytes != null) {
      s.dnsBytes += e.bytes;
      s.dnsFlows++;
    }
    s.first = minTs(s.first, ts);
    s.last = maxTs(s.last, ts);
    // port and host scans (flows the source initiated)
    if (init && connection(e.action)) {
      const port = e.dst_port!;
      const known = distinctSize(s.scanPorts) + distinctSize(s.scanHosts);
      addScanPort(s, port, e.dst_ip ?? null, ts);
      if (port < 1024) s.scanLow = addNumber(s.scanLow, port);
      if (e.dst_ip) s.scanHosts = addString(s.scanHosts, e.dst_ip);
      s.scanFlows++;
      // unanswered probes: a bare SYN, an attempt a firewall refused, a lone UDP datagram
      if (synOnly(e.flags) || e.action === 'reject' || (e.proto === 'UDP' && e.packets != null && e.packets <= 1 && !connState(e.flags))) s.scanSyn++;
      // the scan lasts while it finds new ports or hosts: the same address flooding one known port later is not its span
      if (distinctSize(s.scanPorts) + distinctSize(s.scanHosts) > known || s.scanFirst === null) [s.scanFirst, s.scanLast] = [minTs(s.scanFirst, ts), maxTs(s.scanLast, ts)];
    }
    // ICMP: echo requests only (type 8 / 128, or unknown); replies and unreachables are answers
    // an Argus ICMP state names the message: only ECO is an echo request (ECR a reply, URH an unreachable…)
    const icmp = (e.proto === 'ICMP' || e.proto === 'ICMP6' || e.proto === 'IPV6-ICMP') && (e.flags == null || (ARGUS_STATE_RE.test(e.flags) ? e.flags === 'ECO' : !ICMP_TYPED_RE.test(e.flags) || ICMP_ECHO_RE.test(e.flags)));
    if (e.dst_ip && !closing && (icmp || (init && !(e.src_port === e.dst_port && e.dst_port! < 1024)))) addHostContact(s, icmp ? -1 : e.dst_port!, e, ts);
    // echo requests with their sizes from inside to outside: an ICMP tunnel fills them (icmpTunnel)
    if (icmp && e.dst_ip && e.packets && bytes > 0 && ipScope(ip) === 'internal' && ipScope(e.dst_ip) === 'external') addEcho((s.echoes ??= new Map()), e.dst_ip, bytes, e.packets, ts);
    // records of many packets nobody answered: a flood an exporter aggregated (packetFlood.ts)
    if (e.dst_ip && ts != null && e.packets != null && oneWayRecord(e, icmp)) addFloodPackets((s.packetFloods ??= new Map()), e.dst_ip, e.proto ?? '?', icmp ? null : (e.dst_port ?? null), e.packets, ts, e.duration ?? null);
    // logins
    const f2b = e.f2b ?? null;
    if (f2b !== null) {
      const ssh = (s.ssh ??= newSsh());
      const colon = f2b.indexOf(':');
      ssh.jail ??= f2b.slice(colon + 1) || null;
      if (f2b.startsWith('ban:')) ssh.bans++;
    }
    // a lastb listing's row repeats a failure sshd or login logged (counted only without them: withBtmp)
    if (authFail(e.action) && e.program != null && e.program.startsWith('lastb')) s.btmp = addBtmp(s.btmp, e, ts);
    else if (f2b !== null && f2b.startsWith('found:') && authFail(e.action) && ts != null) {
      // fail2ban's `Found A` repeats a failure line the service wrote (same address, a moment
      // earlier): with both logs in the case each guess would count twice. Kept aside and counted
      // at the end only where no failure of that service from the address is near it (F2B).
      const ssh = s.ssh!;
      if ((ssh.found ??= []).length < F2B_TIMES) ssh.found.push([ts, loginService(`fail2ban ${f2b.slice(6)}`)]);
    } else if (authFail(e.action)) {
      // sshd logs "Invalid user x from A [port P]" and then, if a password was tried on that
      // connection, "Failed password for invalid user x from A port P": one guess, two lines.
      // The notice counts (a scanner probing names often tries no password); the next failure
      // for that user name is the same guess. Older sshd leaves the port out of the notice, so
      // the pair is matched by user name (by port when the name is missing).
      const key = e.user ?? (e.src_port != null ? `#${e.src_port}` : null);
      const port = e.src_port ?? null;
      const ssh = (s.ssh ??= newSsh());
      // the guesses this line adds for its user name (the notice's pair adds none: it was counted)
      let guesses = 1;
      if (e.action === 'invalid_user') {
        ssh.invalid++;
        ssh.fails++;
        if (key !== null) ssh.pending.set(key, port);
        guessOn(ssh.conns, port);
      } else if (e.action === 'auth_max_attempts') {
        // sshd cuts a connection off once it has failed MaxAuthTries times. Guesses it logged on
        // that connection are counted already; the rest were not logged (public-key and
        // keyboard-interactive failures stay below INFO until half the limit), so the line
        // stands for them. A pending port-less notice for the same user name is this connection's.
        let seen = port !== null ? (ssh.conns.get(port) ?? 0) : 0;
        if (e.user != null && ssh.pending.has(e.user) && ssh.pending.get(e.user) == null) {
          ssh.pending.delete(e.user);
          seen++;
        }
        const unlogged = Math.max(0, this.maxAuthTries - seen);
        ssh.maxed++;
        ssh.inferred += unlogged;
        ssh.fails += unlogged;
        if (port !== null) ssh.conns.delete(port);
      } else if (e.action === 'auth_abandoned') {
        // the client left while authenticating: after logged failures on this connection that is
        // just the end of them; with none logged (a server that takes only keys logs no failed
        // key) the line is the one trace of a failed attempt, and counts as one
        if ((port !== null ? (ssh.conns.get(port) ?? 0) : 0) === 0) {
          ssh.abandoned++;
          ssh.inferred++;
          ssh.fails++;
        }
        if (port !== null) ssh.conns.delete(port);
      } else guesses = addLoggedFailure(ssh, e, key, port);
      if (e.user && guesses > 0) ssh.users.set(e.user, (ssh.users.get(e.user) ?? 0) + guesses);
      const program = e.program ?? (e.amsg ? messageProgram(e.amsg) : null) ?? (e.attempts != null ? 'zeek ssh' : null);
      // a program that names the service wins over one that does not (an ASA's AAA rejection, then its VPN session's)
      if (program && program !== ssh.program && (ssh.program === null || (loginService(ssh.program) === 'Login' && loginService(program) !== 'Login'))) ssh.program = program;
      if (ts != null) {
        const svc = loginService(program);
        const times = (ssh.svcTimes ??= new Map());
        let t = times.get(svc);
        if (!t) times.set(svc, (t = []));
        if (t.length < F2B_TIMES) t.push(ts);
      }
      ssh.firstFail = minTs(ssh.firstFail, ts);
      ssh.lastFail = maxTs(ssh.lastFail, ts);
    } else if (e.action === 'auth_success') {
      const ssh = (s.ssh ??= newSsh());
      ssh.ok++;
      ssh.lastOk = maxTs(ssh.lastOk, ts);
      if (e.user) ssh.okUsers.add(e.user);
      if (e.lev && ntlmNetworkLogon(e.lev)) s.ntlmLogons = (s.ntlmLogons ?? 0) + 1;
      if (e.lhost && ts != null) {
        const l = (s.logons ??= new Map());
        if (!l.has(e.lhost) && l.size < LOGON_HOSTS) l.set(e.lhost, ts);
      }
    }
    const login = !!e.path && LOGIN_RE.test(e.path);
    const form = e.method === 'POST' && !!e.path && LOGIN_FORM_RE.test(e.path);
    if (st != null && (st === 401 || st === 403 || form)) {
      const w = (s.web ??= newWeb());
      if ((st === 401 || st === 403) && login) {
        w.loginFails++;
        if (form) w.formRefused++;
        w.refusedFirst = minTs(w.refusedFirst, ts);
      }
      // the form shown again (200) is a wrong password; a refused POST is counted above, once
      else if (form && st === 200) {
        w.loginPosts++;
        w.postFirst = minTs(w.postFirst, ts);
        w.postLast = maxTs(w.postLast, ts);
        if (e.bytes != null && w.postSizes.length < WEB_POST_SIZES) w.postSizes.push(e.bytes);
      }
      // a redirect after the form is a login that worked
      if (form && st >= 300 && st < 400) {
        w.loginOk++;
        w.okLast = maxTs(w.okLast, ts);
      }
      if (st === 401 || st === 403) {
        w.denied++;
        w.topPath = e.path ?? w.topPath;
      } else if (form && st === 200 && w.topPath === null) w.topPath = e.path ?? null;
      if (login && e.path) w.paths.add(e.path);
      w.first = minTs(w.first, ts);
      w.last = maxTs(w.last, ts);
    }
    // the form fetched before it is posted (a bot taking its CSRF token does that too)
    if (e.method === 'GET' && st != null && st < 400 && e.path && LOGIN_FORM_RE.test(e.path)) (s.web ??= newWeb()).formViews++;
    if (this.opts.stuffing && ts != null) {
      const ssh = authFail(e.action);
      const refused = login && (st === 401 || st === 403);
      const target = ssh ? `ssh:${e.program ?? (e.amsg ? messageProgram(e.amsg) : null) ?? 'auth'}` : login || form ? `web:${e.path!.toLowerCase()}` : null;
      if (ssh || refused || (form && st === 200)) this.stuff(target!, ip, ts, !!ssh || refused);
      if (refused) this.refusing.add(target!);
      else if (form && st != null && st >= 300 && st < 400) this.redirecting.add(target!);
    }
    if (e.dst_port != null && LOGIN_PORTS.includes(e.dst_port) && (e.action == null || e.action === 'accept') && (e.src_port == null || e.src_port > e.dst_port)) addFlowLogin(s, e, ts, this.shortSeconds, this.shortPackets);
    if (bytes > 0 && e.dst_ip && !answer && (e.dst_port == null || init)) {
      const pairs = (s.pairs ??= new Map());
      let p = pairs.get(e.dst_ip);
      if (!p) pairs.set(e.dst_ip, (p = { bytes: 0, flows: 0, ports: null, port: null, first: null, last: null }));
      p.bytes += bytes;
      p.flows++;
      if (e.dst_port != null) {
        p.ports = addNumber(p.ports, e.dst_port);
        p.port = p.port == null ? e.dst_port : Math.min(p.port, e.dst_port);
      }
      p.first = minTs(p.first, ts);
      p.last = maxTs(p.last, ts);
    }
    // an internal server's answers to an outsider (unidirectional flow logs write them as flows of their own):
    // gigabytes answered to one address is data pulled out, which its own connections never show
    else if (bytes > 0 && e.dst_ip && !answer && !init && e.dst_port != null && ipScope(e.dst_ip) === 'external' && ipScope(ip) === 'internal') addServed((s.served ??= new Map()), e.dst_ip, e.src_port ?? null, bytes, ts);
    // the same answers in a two-way record (Zeek's resp_bytes, a firewall's bytes received), kept with the outsider who asked
    if (e.rbytes && init && e.dst_ip && ipScope(ip) === 'external' && ipScope(e.dst_ip) === 'internal') addServed((s.pulled ??= new Map()), e.dst_ip, e.dst_port ?? null, e.rbytes, ts, PULLED_FIRST);
    // and an inside client's: what it gathered from inside servers before sending anything out (heavyTraffic's staging note)
    else if (e.rbytes && init && e.dst_ip && ipScope(ip) === 'internal' && ipScope(e.dst_ip) === 'internal') addServed((s.fetched ??= new Map()), e.dst_ip, e.dst_port ?? null, e.rbytes, ts, PULLED_FIRST);
    // server replies (service port to ephemeral port) and bare resets are the victim answering, not a flood
    const reply = (e.src_port != null && e.dst_port != null && e.src_port < 1024 && e.dst_port >= 1024) || (!!e.flags && e.flags.includes('R') && !e.flags.includes('S') && !connState(e.flags));
    if (ts != null && !reply && !closing) {
      const m = Math.floor(ts / 60_000);
      if (m !== s.curM) {
        if (s.curC) (s.minutes ??= new Map()).set(s.curM, s.curC);
        s.curM = m;
        s.curC = s.minutes?.get(m) ?? 0;
        // a minute come back to (lines out of order) starts its resources afresh: fewer, never more
        s.curR = 0;
        s.curRD?.clear();
      }
      const c = ++s.curC;
      const page = !!e.path && pageResource(e);
      if (page) {
        s.curR++;
        if ((s.curRD ??= new Set()).size < PEAK_RESOURCES) s.curRD.add(e.path!);
      }
      // a web source fast enough for a flood: what it asks for from now on (bursts' HTTP-flood test)
      if (e.path && (s.flood || c === this.burstRate)) floodRequest((s.flood ??= newFlood()), e, pk, page);
      s.timed++;
      // the minute's busiest targets: a destination (flows), or a path (a web server's own log, query left out)
      if (this.opts.stuffing) this.perMinute.add(m, e.dst_ip ? (e.dst_port != null ? `${e.dst_ip}:${e.dst_port}` : e.dst_ip) : e.path ? e.path.slice(0, 200) : null, synOnly(e.flags), st === 429 || st === 503, page);
      if (c > s.peak) {
        s.peak = c;
        s.peakMinute = m;
        s.peakRes = s.curR;
        s.peakResDistinct = s.curRD?.size ?? 0;
      }
    }
    const ua = e.user_agent ? this.agent(e.user_agent) : null;
    // many different browsers behind one address is many people (a CDN edge, a proxy, a NAT), not one client
    if (ua && distinctSize(s.uas) < USER_AGENTS) s.uas = addNumber(s.uas, ua.id);
    if (ua?.tool) {
      const agents = (s.agents ??= new Map());
      let a = agents.get(e.user_agent!);
      if (!a) agents.set(e.user_agent!, (a = { tool: ua.tool, requests: 0, first: null, last: null }));
      a.requests++;
      a.first = minTs(a.first, ts);
      a.last = maxTs(a.last, ts);
    }
    if (ua?.crawler) {
      const crawlers = (s.crawlers ??= new Map());
      let c = crawlers.get(e.user_agent!);
      if (!c) crawlers.set(e.user_agent!, (c = { requests: 0, nonGet: 0, robots: 0, errors: 0 }));
      c.requests++;
      if (e.method && e.method !== 'GET' && e.method !== 'HEAD') c.nonGet++;
      if (e.path === '/robots.txt') c.robots++;
      if (st != null && st >= 400) c.errors++;
    }
    // a walk over object ids (/api/users/1001, 1002 …): a URL with a number in it, answered
    // a digit in the path or in the query (`?? ` would test only the query: /users/1001?include=profile was never followed)
    if (e.path && st != null && (DIGIT.test(e.path) || (e.query != null && DIGIT.test(e.query)))) enumRequest((s.enums ??= { tracks: [], best: null }), e.query != null ? `${e.path}?${e.query}` : e.path, st, ts, this.enumStep);
    // account enumeration: identities asked about on an account-check endpoint, or POSTs to a password reset
    if (e.path) s.accounts = accountRequest(s.accounts, e.path, e.query ?? null, e.method ?? null, st, bytes, ts);
    if (e.path && SECRET_PATH.test(e.path)) {
      const k = (s.secrets ??= { paths: new Set(), ok: 0, first: null, last: null, served: 0, servedPath: null });
      if (k.paths.size < 10_000) k.paths.add(e.path);
      if (st != null && st >= 200 && st < 300) k.ok++;
      // the largest one answered: a dump or an archive handed over
      if (st != null && st >= 200 && st < 300 && bytes > k.served) [k.served, k.servedPath] = [bytes, e.path];
      k.first = minTs(k.first, ts);
      k.last = maxTs(k.last, ts);
    }
    // a browser's own 404s (favicon, touch icons, source maps) are no path looked for
    if (st === 404 && e.path && !BROWSER_FETCHED.test(e.path)) {
      (s.missing ??= new Set()).add(e.path);
      s.missingFirst = minTs(s.missingFirst, ts);
      s.missingLast = maxTs(s.missingLast, ts);
    }
    let hit: PayloadHit | null = null;
    if (e.path || e.query || ua?.payload) {
      const inRequest = matchPayload(e.query != null ? `${e.path ?? ''}?${e.query}` : e.path);
      const inAgent = inRequest ? null : (ua?.payload ?? null);
      const inReferer = inRequest || inAgent ? null : refererPayload(e.referrer);
      const m =
        inRequest ??
        inAgent ??
        // sqlmap and scanners inject into the Referer too (see refererPayload)
        inReferer;
      // a script in an upload folder that is not there (a scanner's guess) is no web shell; one answered is
      if (m && !(m.kind === 'webshell' && (st == null || st >= 400)) && !(m.posted && e.method?.toUpperCase() !== 'POST')) {
        const ordinary = !!inRequest?.weak && !!e.user_agent && BROWSER_RE.test(e.user_agent) && !ua?.tool && !ua?.payload && st != null && st < 400;
        hit = { id: e.id, ip, ts, status: st, kind: m.kind, fragment: m.fragment, ordinary, ...(m.posted ? { posted: true } : {}), ...(m.aliases ? { aliases: m.aliases } : {}), ...(e.action === 'reject' ? { blocked: true } : {}), ...(inAgent ? { header: 'User-Agent' as const } : inReferer ? { header: 'Referer' as const } : {}), ...(m.delay && e.duration != null ? { wait: m.delay, took: e.duration } : {}) };
        // kept to find the same request in the other log, WAF's or web server's (twins.ts)
        hit.req = requestKey(e.method, e.path, m.fragment);
        (s.payloads ??= []).push(hit);
        s.payloadsNew = true;
      }
    }
    // the IDS cell is parsed once: addIdsAlert marks a WAF's payload row; `[null,…` is a WAF's row no
    // rule matched (AWS WAF logs every request), no alert, only known as the WAF's
    if (e.ids && !e.ids.startsWith('[null,')) addIdsAlert(s, e, ts, hit);
    else if (e.ids && hit && wafRow(e.ids)) hit.waf = true;
    const tgs = e.tgs ? ticketRequest(e.tgs, e.user) : null;
    if (tgs) addTicket((s.tgs ??= { rc4: new Map(), users: new Set(), requests: 0, rc4Requests: 0 }), tgs, ts);
    else if (e.tgs && s.ssh?.fails && tgtVerified(e.tgs)) addTgtLogin(s.ssh, e.user, ts);
    if (e.aws) foldCloudRow(s, e.aws, e.program ?? null, e.user ?? null, e.status ?? null, e.user_agent ?? null, e.id, ts);
    if (e.dnsq) {
      const sp = e.dnsq.indexOf(' ');
      if (sp > 0) {
        (s.dns ??= new DnsQueries()).add(e.dnsq.slice(sp + 1), e.dnsq.slice(0, sp), ts);
        this.risky.name(s, e.dnsq.slice(sp + 1), ts);
      }
    } else if (e.phost) this.risky.name(s, e.phost, ts);
    // SMB, RDP, databases, Tor, stratum, IRC across the perimeter (riskyServices); a teardown counts for its bytes
    if ((!closing || e.bytes) && this.risky.watches(e)) this.risky.add(s, ip, e, ts, init);
    // a timer is on the side that opens the conversation: replies to ephemeral ports are not contacts; a Kubernetes API server's clients poll by design
    if (this.opts.beacons && ts != null && !closing && (e.dst_ip ? icmp || init : !!e.path && e.program !== 'kube-apiserver')) beaconContact((s.beacons ??= new Map()), e, ts, this.beaconGap, pk);
    return ip;
  }

  private stuff(target: string, ip: string, ts: number, refused: boolean): void {
    const win = Math.floor(ts / this.stuffWindow);
    const k = `${target}\u0000${win}`;
    let a = this.stuffing.get(k);
    if (!a) this.stuffing.set(k, (a = { target, window: win, ips: new Set(), fails: 0, refused: new Set(), refusedFails: 0, first: ts, last: ts }));
    a.ips.add(ip);
    a.fails++;
    if (refused) {
      a.refused.add(ip);
      a.refusedFails++;
    }
    a.first = Math.min(a.first, ts);
    a.last = Math.max(a.last, ts);
  }

  /** Per-source beacon accumulators, for the batch judgement (see beacons.ts). */
  *beaconAccs(): Iterable<[string, BeaconAcc]> {
    for (const [ip, s] of this.sources) if (s.beacons) for (const b of s.beacons.values()) if (typeof b !== 'number') yield [ip, b];
  }

  /**
   * Failed-login groups per target and window, with their distinct source counts (unfiltered). A posted
   * form answered 200 is a wrong password shown again (WordPress) where successes redirect; where the
   * target refuses with 401/403 and never redirects (a JSON login API) a 200 is a success: the rows say
   * which this fold saw, and the merge decides over every worker's (engine.ts).
   */
  stuffingRows(): StuffingRow[] {
    return [...this.stuffing.values()].map((a) => ({
      target: a.target,
      window: a.window,
      sources: a.ips.size,
      fails: a.fails,
      refusedSources: a.refused.size,
      refusedFails: a.refusedFails,
      refuses: this.refusing.has(a.target),
      redirects: this.redirecting.has(a.target),
      first: a.first,
      last: a.last,
    }));
  }

  /** The aggregate rows the detectors read, for some sources (all by default); rate rows for all (bursts compare with the population). */
  aggregates(ips?: Iterable<string>): Aggregates {
    const agg = emptyAggregates();
    // all sources per minute, from the per-source minute tallies kept anyway (batch only: the live
    // analyzer asks for a few sources at a time and would re-add every minute of every source)
    const traffic = this.opts.stuffing ? new Map<number, TrafficRow>() : null;
    for (const [ip, s] of this.sources) {
      // IDS alerts of every source, like the rates: a signature set off by many sources is one finding for all of them
      if (s.ids) for (const a of s.ids.values()) agg.ids.push({ ip, sid: a.sid, signature: a.signature, priority: a.priority, category: a.category, waf: a.waf, ...(a.matched !== null ? { matched: a.matched } : {}), alerts: a.alerts, blocked: a.blocked, dsts: a.dsts.size, dst: a.dsts.values().next().value ?? null, ports: [...a.ports].slice(0, 8), ids: a.ids, first: a.first, last: a.last });
      if (s.curC) (s.minutes ??= new Map()).set(s.curM, s.curC);
      if (!s.minutes?.size) continue;
      const hours = new Set<number>();
      const burstHours = new Set<number>();
      for (const [m, c] of s.minutes) {
        hours.add(Math.floor(m / 60));
        if (c >= this.burstRate) burstHours.add(Math.floor(m / 60));
        if (!traffic) continue;
        const t = traffic.get(m);
        if (t) {
          t.events += c;
          t.sources++;
        } else traffic.set(m, { minute: m, events: c, sources: 1 });
      }
      const runs = s.flood ? fastRuns(s.minutes, this.burstRate, this.floodRun) : null;
      const onset = s.peak >= this.burstRate ? suddenRun(s.minutes, this.burstRate, this.floodRun) : null;
      agg.rate.push({
        ip, peak: s.peak, peakMinute: s.peakMinute, total: s.timed, minutes: s.minutes.size, hours: hours.size, burstHours: burstHours.size, throttled: s.throttled,
        ...(s.timeouts ? { timeouts: s.timeouts } : {}),
        ...(s.peakRes ? { peakResources: s.peakRes, peakResourcesDistinct: s.peakResDistinct } : {}),
        ...(runs?.length ? { floodRuns: runs, flood: floodRow(s.flood!) } : {}),
        ...(onset ? { onset } : {}),
      });
    }
    for (const ip of ips ?? this.sources.keys()) {
      const s = this.sources.get(ip);
      if (!s) continue;
      const ssh = withBtmp(s.ssh, s.btmp, newSsh);
      agg.profile.push({ ip, events: s.events, bytes: s.bytes, dsts: distinctSize(s.dsts), ports: distinctSize(s.ports), paths: distinctSize(s.paths), errors: s.errors, denied: s.denied, notFound: s.notFound, authFail: ssh ? ssh.fails - loggedTwiceOf(ssh) : 0, authOk: ssh?.ok ?? 0, oddMethods: s.oddMethods, dnsAvgBytes: s.dnsFlows ? s.dnsBytes / s.dnsFlows : null, dnsFlows: s.dnsFlows, sentBytes: s.sentBytes, httpBytes: s.httpBytes, userAgents: distinctSize(s.uas), first: s.first, last: s.last, ...(s.twinFlows ? { twinFlows: s.twinFlows, twinBytes: s.twinBytes } : {}) });
      if (s.scanPorts !== null) {
        const ports = distinctSize(s.scanPorts);
        agg.ports.push({ ip, ports, low: distinctSize(s.scanLow), hosts: distinctSize(s.scanHosts), flows: s.scanFlows, syn: s.scanSyn, ...(s.twinFlows ? { twinFlows: s.twinFlows } : {}), first: s.scanFirst, last: s.scanLast, ...(ports <= this.listPorts ? { portList: [...distinctValues(s.scanPorts)] } : {}), ...scanBurst(s) });
      }
      if (s.hosts) for (const [svc, h] of s.hosts) agg.hosts.push({ ip, svc: svc < 0 ? 'icmp' : String(svc), hosts: h.peak, total: distinctHosts(h.hosts), flows: h.flows, probes: h.probes, known: h.known, answered: distinctSize(h.answered), first: h.first, last: h.last });
      const f2b = ssh ? fail2banCounted(ssh, this.f2bWindow) : null;
      // a Cisco device logging both of its messages wrote each failed login twice: count it once
      const loggedTwice = ssh ? loggedTwiceOf(ssh) : 0;
      const fails = (ssh?.fails ?? 0) - loggedTwice + (f2b?.counted ?? 0);
      if (ssh && fails)
        agg.ssh.push({
          ip, fails, invalid: ssh.invalid, keyFails: ssh.keyFails, maxed: ssh.maxed, inferred: ssh.inferred, folded: ssh.folded, paired: ssh.paired, noneProbes: ssh.noneProbes, loggedTwice, abandoned: ssh.abandoned, ok: ssh.ok, users: ssh.users.size,
          firstFail: minTs(ssh.firstFail, f2b?.first), lastFail: maxTs(ssh.lastFail, f2b?.last), lastOk: ssh.lastOk, okUsers: [...ssh.okUsers].join(',') || null,
          guessedOkUsers: [...ssh.okUsers].filter((u) => (ssh.users.get(u) ?? 0) >= this.guessedFailures).join(',') || null,
          ...topUser(ssh.users),
          ...failedUsers(ssh.users, this.guessedFailures),
          program: ssh.program ?? (ssh.jail !== null ? `fail2ban [${ssh.jail}]` : null),
          fail2ban: f2b?.counted ?? 0, fail2banRepeats: f2b?.repeats ?? 0, bans: ssh.bans, jail: ssh.jail, estimated: ssh.estimated, estimatedGuesses: ssh.estimatedGuesses,
        });
      const w = s.web;
      if (w && w.loginFails + w.loginPosts + w.denied) agg.webLogin.push({ ip, loginFails: w.loginFails, loginPosts: w.loginPosts, loginOk: w.loginOk, formRefused: w.formRefused, ...(w.formViews ? { formViews: w.formViews } : {}), denied: w.denied, paths: w.paths.size, topPath: w.topPath, first: w.first, last: w.last, ...(w.postSizes.length ? { postSizes: w.postSizes } : {}), ...loginTimes(w) });
      if (s.flowLogin) for (const f of s.flowLogin.values()) agg.flowLogin.push({ ip, dst: f.dst, port: f.port, flows: f.flows, short: f.short, shortTotal: f.shortTotal, shortPackets: f.shortPackets, hours: f.hours.size, first: f.first, last: f.last });
      if (s.pairs) for (const [dst, p] of s.pairs) agg.pairs.push({ src: ip, dst, bytes: p.bytes, flows: p.flows, ports: distinctSize(p.ports), port: p.port, first: p.first, last: p.last });
      if (s.served) for (const [dst, p] of s.served) if (p.bytes >= SERVED_KEEP) agg.pairs.push({ src: ip, dst, served: 'reply', bytes: p.bytes, flows: p.flows, ports: distinctSize(p.ports), port: p.port, first: p.first, last: p.last });
      if (s.pulled) for (const [srv, p] of s.pulled) agg.pairs.push({ src: srv, dst: ip, served: 'twoWay', bytes: p.bytes, flows: p.flows, ports: distinctSize(p.ports), port: p.port, first: p.first, last: p.last });
      if (s.logons && s.logons.size > 1) agg.logons.push(logonSpread(ip, s.logons, this.logonWindow, s.ssh?.ok ?? 0, s.ssh?.okUsers, s.ntlmLogons));
      const k = s.tgs ? ticketSpread(ip, s.tgs, this.ticketWindow) : null;
      if (k) agg.kerberos.push(k);
      const cl = s.cloud ? cloudSpread(ip, s.cloud, this.cloudWindow) : null;
      if (cl) agg.cloud.push(cl);
      if (s.echoes) for (const [dst, a] of s.echoes) agg.icmp.push({ src: ip, dst, ...a });
      if (s.packetFloods) for (const r of floodPacketRows(ip, s.packetFloods)) agg.packetFloods.push(r);
      if (s.fetched) for (const [srv, p] of s.fetched) if (p.bytes >= SERVED_KEEP) agg.fetched.push({ src: srv, dst: ip, served: 'twoWay', bytes: p.bytes, flows: p.flows, ports: distinctSize(p.ports), port: p.port, first: p.first, last: p.last });
      if (s.agents) for (const [agent, a] of s.agents) agg.agents.push({ ip, agent, ...a });
      if (s.crawlers) for (const [agent, c] of s.crawlers) agg.crawlers.push({ ip, agent, ...c });
      const walk = s.enums ? enumBest(s.enums, this.enumMin) : null;
      const sec = s.secrets;
      const accounts = s.accounts ? accountBest(s.accounts, this.accountsMin) : null;
      if (s.missing?.size || walk || sec || accounts) agg.sweeps.push({ ip, missingPaths: s.missing?.size ?? 0, notFound: s.notFound, requests: s.events, first: s.missingFirst, last: s.missingLast, ...(walk ? { enumeration: walk } : {}), ...(accounts ? { accounts } : {}), ...(sec ? { secrets: { paths: sec.paths.size, ok: sec.ok, first: sec.first, last: sec.last, examples: [...sec.paths].slice(0, 5), served: sec.served, servedPath: sec.servedPath } } : {}) });
      // a request both a WAF and the web server logged counts once (twins.ts); paired again only when new hits came
      if (s.payloads && s.payloadsNew) {
        s.payloads = foldTwins(s.payloads, this.twinWindow);
        s.payloadsNew = false;
      }
      if (s.payloads) for (const h of s.payloads) agg.payloads.push(h);
      if (s.big) for (const [path, d] of s.big) agg.downloads.push({ ip, path, ...d });
      if (s.dns) for (const r of s.dns.rows(ip, this.dnsMinNames)) agg.dns.push(r);
      s.dns?.generated(ip, DGA_FLOOR, agg.dga);
      if (s.risky || s.pools) this.risky.rows(ip, s, agg.risky);
    }
    if (this.opts.stuffing) agg.stuffing = this.stuffingRows();
    if (!ips) [agg.hostEvents, agg.mail] = [[...this.hostEvents, ...this.ruleHits.rows()], this.mailOut.rows()];
    for (const c of !ips && this.unplaced.cloud ? [cloudSpread('', this.unplaced.cloud, this.cloudWindow)] : []) if (c) agg.cloud.push(c);
    if (traffic) {
      this.perMinute.fill(traffic);
      agg.traffic = [...traffic.values()];
    }
    return agg;
  }
}
