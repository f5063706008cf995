// Types shared by the analysis engine: detector definitions, settings, the aggregate rows the
// SQL tasks (workers) and the incremental analyzer both produce, and draft findings.
import type { EnumRun } from './enumeration';
import type { AccountRun } from './accounts';
import type { KerberosRow } from './kerberos';
import type { MailRow } from './mailOut';
import type { CloudRow } from './cloudAudit';
import type { HostEvent } from './hostEvents';
import type { IcmpRow } from './icmp';
import type { PacketFloodRow } from './packetFlood';
import type { Finding, FindingThreshold, Severity } from '../../shared/model';

export type SettingValue = string | number | boolean;

export interface SettingDef {
  /** key inside the detector, e.g. "minPorts"; the full key is "<detector>.<key>" */
  key: string;
  default: number | boolean | string;
  description: string;
}

/** Resolved settings: full key ("portScan.minPorts") -> value. */
export type Settings = Readonly<Record<string, SettingValue>>;

/** A finding before it is stored: evidence count and samples are resolved against the case afterwards. */
export interface DraftFinding {
  detector: string;
  severity: Severity;
  entity: string;
  /** what tells this finding from another of its detector on the same entity (part of its id; see runDetectors) */
  key?: string;
  entityType: Finding['entityType'];
  title: string;
  explanation: string;
  numbers: Record<string, number | string>;
  threshold: FindingThreshold | null;
  windowMs: number | null;
  firstSeen: number | null;
  lastSeen: number | null;
  /** explorer query selecting the evidence rows */
  query: string;
  /** sample ids the detector already knows (payload rows); otherwise the first rows of the query */
  sampleIds?: number[];
  score: number;
}

// ---- aggregate rows (one shape per SQL task; the incremental analyzer builds the same) ----

export interface ProfileRow {
  ip: string;
  events: number;
  bytes: number;
  dsts: number;
  ports: number;
  paths: number;
  errors: number;
  denied: number;
  notFound: number;
  authFail: number;
  authOk: number;
  /** requests with methods other than GET/HEAD/POST (WebDAV, PUT, DELETE, TRACE...) */
  oddMethods: number;
  /** mean bytes of its flows to port 53, null without DNS flows (large queries: tunnelling) */
  dnsAvgBytes: number | null;
  /** flows it sent to port 53 (queries, in flow logs) */
  dnsFlows?: number;
  /** bytes of the flows it initiated (server replies to clients excluded); web rows count in full */
  sentBytes: number;
  /** of its bytes, the answers to its HTTP requests (not CONNECT): downloads, wherever they came from */
  httpBytes: number;
  /** distinct user agents it sent (counted up to 64): many is many people behind one address */
  userAgents: number;
  first: number | null;
  last: number | null;
  /** flow records (and bytes) not counted because another flow log held the same connection (flowTwins.ts) */
  twinFlows?: number;
  twinBytes?: number;
}

export interface PortRow {
  ip: string;
  ports: number;
  low: number;
  hosts: number;
  flows: number;
  syn: number;
  /** the ports themselves, for a source under portScan.probePorts (a network's sources add up) */
  portList?: number[];
  first: number | null;
  last: number | null;
  /** the source's flow records not counted because another flow log held the same connection */
  twinFlows?: number;
  /** the shortest stretch holding most of its ports' first tries (foldState scanBurst) */
  burst?: ScanBurst;
}

/** Where a source's ports were first tried: `ports` of them between first and last, `topHostPorts` on topHost ('' when the row named none). */
export interface ScanBurst {
  first: number;
  last: number;
  ports: number;
  hosts: number;
  topHost: string;
  topHostPorts: number;
}

export interface HostRow {
  ip: string;
  svc: string;
  /** distinct hosts in the busiest clock hour */
  hosts: number;
  /** distinct hosts over the whole time the source was seen */
  total: number;
  flows: number;
  probes: number;
  known: number;
  /** distinct hosts that answered (a flow that was no probe); counted on remote-administration ports only */
  answered: number;
  first: number | null;
  last: number | null;
}

export interface SshRow {
  ip: string;
  fails: number;
  invalid: number;
  /** failures logged as refused public keys ("Failed publickey"), not password guesses */
  keyFails: number;
  /** connections sshd cut off at its attempt limit ("maximum authentication attempts exceeded") */
  maxed: number;
  /** failures counted for those connections that sshd did not log one by one (and for the abandoned ones) */
  inferred: number;
  /** connections closed while authenticating ("Connection closed by authenticating user") with no failure logged on them */
  abandoned: number;
  /** syslog "message repeated N times" lines among the failures (each counted N times) */
  folded: number;
  /** failures a Cisco router logged twice (%SEC_LOGIN and %SSH2_USERAUTH for one attempt), taken out of fails */
  loggedTwice: number;
  /** failures for an unknown name counted once with their "Invalid user" notice */
  paired: number;
  /** "Failed none" lines, not counted as guesses (one for an unknown name without its notice stands in for it) */
  noneProbes: number;
  ok: number;
  users: number;
  firstFail: number | null;
  lastFail: number | null;
  lastOk: number | null;
  okUsers: string | null;
  /** successful user names this source had failed on at least bruteForce.guessedUserFailures times */
  guessedOkUsers: string | null;
  /** the user names it failed on at least bruteForce.guessedUserFailures times, most first (ten at most) */
  failedUsers?: [string, number][];
  /** the user name it failed on most, and how often (null when no failure named a user) */
  topUser: string | null;
  topUserFails: number;
  /** the program that logged the first failure (sshd, Microsoft-Windows-Security-Auditing, vsftpd…), else `fail2ban [jail]` */
  program: string | null;
  /** failures known only from fail2ban `Found` lines (counted in fails), and those that repeated a service line (not counted) */
  fail2ban: number;
  fail2banRepeats: number;
  /** fail2ban `Ban` lines for the address, and its jail */
  bans: number;
  jail: string | null;
  /** Zeek ssh.log connections counted as their estimated auth_attempts, and the guesses that gave */
  estimated: number;
  estimatedGuesses: number;
}

export interface WebLoginRow {
  ip: string;
  loginFails: number;
  /** POSTs to login-like paths that were not refused (a refused one is in loginFails) */
  loginPosts: number;
  loginOk: number;
  /** posted login forms refused with 401/403 (in loginFails too) */
  formRefused: number;
  /** GETs of a login form's own path, answered (a bot fetching the form for its CSRF token) */
  formViews?: number;
  /** the sizes of its first login posts answered 200 */
  postSizes?: number[];
  /** when its refused tries (401/403) began, its forms answered 200 began and ended, and its last redirect after the form */
  refusedFirst?: number;
  postFirst?: number;
  postLast?: number;
  okLast?: number;
  denied: number;
  paths: number;
  topPath: string | null;
  first: number | null;
  last: number | null;
}

export interface FlowLoginRow {
  ip: string;
  dst: string;
  port: number;
  flows: number;
  /** short flows in the busiest clock hour */
  short: number;
  /** short flows over the whole log, their packets, and the clock hours with any */
  shortTotal: number;
  shortPackets: number;
  hours: number;
  first: number | null;
  last: number | null;
}

export interface StuffingRow {
  target: string;
  window: number;
  sources: number;
  fails: number;
  /** the same without posted login forms answered 200 */
  refusedSources: number;
  refusedFails: number;
  /** the target answered some login 401/403; it redirected some posted form (3xx) */
  refuses: boolean;
  redirects: boolean;
  first: number | null;
  last: number | null;
}

export interface PairRow {
  src: string;
  dst: string;
  /** `src` sent these bytes as answers in connections `dst` opened: in reply flows of its own ('reply', unidirectional flow logs) or in two-way records of `dst`'s connections ('twoWay') */
  served?: 'reply' | 'twoWay';
  bytes: number;
  flows: number;
  ports: number;
  port: number | null;
  first: number | null;
  last: number | null;
}

export interface RateRow {
  ip: string;
  peak: number;
  peakMinute: number;
  total: number;
  minutes: number;
  /** distinct clock hours with activity: its own baseline is total / (hours x 60) */
  hours: number;
  /** distinct clock hours with a minute of at least bursts.minPerMinute events */
  burstHours: number;
  /** answers 429 / 503: the server shedding this source's load */
  throttled: number;
  /** answers 408 Request Timeout: connections it opened and never finished a request on (slowloris) */
  timeouts?: number;
  /** in the busiest minute: static files a page referred to (GET with a referrer, answered), and how many distinct */
  peakResources?: number;
  peakResourcesDistinct?: number;
  /**
   * runs of consecutive minutes at bursts.minPerMinute or more, each at least bursts.floodRunMinutes
   * long: [first minute, last minute, events]; web sources only (the longest kept, up to FLOOD_RUNS)
   */
  floodRuns?: [number, number, number][];
  /** its busiest run of fast minutes that began after it had been seen (suddenRun): minutes, events, and its events in the hour before */
  onset?: { first: number; last: number; events: number; before: number };
  /** its web requests from its first minute at bursts.minPerMinute on (see FloodAcc), with floodRuns */
  flood?: {
    requests: number;
    /** the paths it asked for most (query strings left out), busiest first: [path, requests (a lower bound)] */
    topPaths: [string, number][];
    queried: number;
    pageFiles: number;
    referred: number;
    agent: string | null;
    /** 1: one user agent throughout; 2: more than one */
    agents: number;
  };
}

export interface PayloadHit {
  id: number;
  ip: string;
  ts: number | null;
  status: number | null;
  kind: PayloadKind;
  fragment: string;
  /**
   * only SQL-like words ordinary text has (payload.ts `weak`), in the path or query, from a
   * browser-like agent that is no known tool, answered below 400: what a search box receives
   */
  ordinary: boolean;
  /** a POST to a script in a static-files folder (payload.ts `posted`): a web shell unless many sources post there */
  posted?: boolean;
  /** a GraphQL request calling one login-like field or mutation under this many aliases (payload.ts `aliases`) */
  aliases?: number;
  /** a firewall (WAF) stopped it: its row's verdict is reject */
  blocked?: boolean;
  /** the request header that carried it, when the path and query did not */
  header?: 'User-Agent' | 'Referer';
  /** the request, for telling it again in another log (twins.ts requestKey); payload rows only */
  req?: string;
  /** the row is a WAF's (it carries the WAF's rule match), not a web server's */
  waf?: true;
  /** the id of the same request's row in another log (the web server's), counted once with this one */
  twin?: number;
  /** a time-based SQL injection: the wait it asked for and the time its answer took, in seconds (the log's request time) */
  wait?: number;
  took?: number;
}

export type PayloadKind = 'sqli' | 'xss' | 'traversal' | 'cmdi' | 'jndi' | 'shellshock' | 'php' | 'ssti' | 'ssrf' | 'classloader' | 'nosqli' | 'webshell' | 'ognl' | 'xxe' | 'deserialization' | 'crlf' | 'ldap' | 'prototype' | 'graphql';

export interface AgentRow {
  ip: string;
  agent: string;
  tool: string;
  requests: number;
  first: number | null;
  last: number | null;
}

export interface SweepRow {
  ip: string;
  missingPaths: number;
  notFound: number;
  requests: number;
  first: number | null;
  last: number | null;
  /** its longest walk over consecutive object ids, when it reached scanners.minEnumerated */
  enumeration?: EnumRun;
  /** the account-check or password-reset endpoint it asked about the most accounts, when that reached scanners.minAccounts */
  accounts?: AccountRun;
  /** distinct secret-file paths it asked for (.env, .git/config, dumps, key files), answered anything; examples first */
  secrets?: { paths: number; ok: number; first: number | null; last: number | null; examples: string[]; served: number; servedPath: string | null };
}

export interface CrawlerRow {
  ip: string;
  agent: string;
  requests: number;
  nonGet: number;
  robots: number;
  errors: number;
}

export interface BeaconRow {
  src: string;
  dst: string;
  port: number | null;
  kind: 'flow' | 'web';
  n: number;
  /** the period (intervals that skipped beats are divided by the beats skipped) */
  mean: number;
  sd: number;
  /** share of intervals that are a whole multiple (1-4) of the period */
  regular: number;
  /** gaps of beaconing.pauseBeats periods or more, left out as sleeps between stretches of the rhythm */
  pauses?: number;
  /** how likely contacts at random would fall into this rhythm (beacons.ts chanceOfRhythm) */
  chance?: number;
  /** the times' resolution when every one is a whole minute (CICFlowMeter CSVs): its rounding is taken out of sd */
  resolutionMs?: number;
  /** flows: fewer intervals than beaconing.minEvents or a shorter span than minSpanHours, kept because chance would not make a rhythm this tight (beaconing.shortEvents) */
  short?: boolean;
  /** web: the user agent of the second contact (the rhythm's owner says who it is) */
  agent?: string | null;
  /** mean bytes a contact carried (flows: sent by the source; web: the response) */
  bytesPerContact?: number;
  /** flows: share of the contacts after the first that came from the second contact's source port (one connection cut into records) */
  oneSport?: number;
  /** share of the contacts that began as the record before them ended (its duration covers the gap): one exchange the exporter cut into records */
  spanned?: number;
  first: number | null;
  last: number | null;
}

/** All sources together in one minute (batch only): the baseline a distributed flood stands out from. */
export interface TrafficRow {
  minute: number;
  events: number;
  /** distinct sources active in that minute */
  sources: number;
  /** the minute's busiest destinations ("ip:port" or "ip"), a heavy-hitter summary: counts are lower bounds */
  targets?: [string, number][];
  /** flows that minute that were a bare SYN (flow logs with TCP flags): handshakes nobody completed */
  halfOpen?: number;
  /** requests that minute the server refused for load (429 Too Many Requests, 503 Service Unavailable) */
  shed?: number;
  /** requests that minute for static files a page referred to (GET with a referrer, answered): browsers opening pages */
  pageFiles?: number;
}

/** Everything detectors read; each field is filled by one task (absent when not run). */
/** One source's large web responses (each >= BIG_RESPONSE bytes) for one path. */
export interface DownloadRow {
  ip: string;
  path: string;
  bytes: number;
  requests: number;
  first: number | null;
  last: number | null;
}

/** One source's alerts of one IDS signature (Snort / Suricata). */
export interface IdsRow {
  ip: string;
  sid: string;
  signature: string;
  /** the sensor's own rank: Snort priority / Suricata severity, 1 the most serious; null when not stated */
  priority: number | null;
  category: string | null;
  alerts: number;
  /** alerts the sensor dropped (an IPS verdict: fast.log [Drop], eve.json blocked, Snort 3 block; a WAF's block, with the rules that scored in the blocked transaction) */
  blocked: number;
  /** the web application firewall that wrote them (formats/waf.ts), null for an IDS */
  waf: string | null;
  /** what the WAF's rule matched, its variable first (ModSecurity's [data]: `ARGS:id: 1' AND …`), for one of them */
  matched?: string;
  /** distinct destinations (up to 64) and one of them */
  dsts: number;
  dst: string | null;
  ports: number[];
  /** the first alert rows (up to 100) */
  ids: number[];
  first: number | null;
  last: number | null;
}

/** One source's DNS queries under one registered domain (only domains asked many distinct names). */
/** A source's lookups of registered domains that read as generated (dns.ts generatedDomain): a DGA looking for its controller. */
export interface DgaRow {
  ip: string;
  /** generated-looking registered domains it asked, and registered domains it asked in all */
  domains: number;
  asked: number;
  /** the first of them (up to 50) */
  samples: string[];
  first: number | null;
  last: number | null;
}

/** Sources (of one worker's share; the detector adds the rows up) that asked dns.ts SHARED_ENCODED or more encoded-looking names under a domain. */
export interface DnsAskerRow {
  domain: string;
  sources: number;
}

export interface DnsRow {
  ip: string;
  /** registered domain (approximate eTLD+1) */
  domain: string;
  queries: number;
  /** distinct names asked under it */
  names: number;
  /** characters of the names asked, all queries (what a tunnel carries upstream) */
  bytes: number;
  /** queries for types that carry data back: TXT, NULL, CNAME, MX */
  dataTypes: number;
  /** over the distinct names: mean length of the subdomain part, of its longest label, its entropy (bits per character) */
  avgLength: number;
  avgLongest: number;
  avgEntropy: number;
  /** distinct names with an encoded-looking label, with a reversed address (DNSBL), with a service label (SRV, DKIM) */
  encoded: number;
  reversedIp: number;
  service: number;
  /** a few names, encoded-looking ones first */
  samples: string[];
  first: number | null;
  last: number | null;
}

/**
 * One source's records with one peer on one risky port (riskyServices, riskyFold.ts): its own
 * connections to the port, or (`reply`) its answers from it; `names` rows (port 0) list the
 * mining-pool names it asked for or reached instead.
 */
export interface RiskyRow {
  ip: string;
  peer: string;
  port: number;
  kind: 'smb' | 'remote' | 'db' | 'tor' | 'mining' | 'irc';
  service: string;
  reply: boolean;
  flows: number;
  /** records that show by themselves the other side answered (bytes back, an established state, an ACK) */
  done: number;
  bytes: number;
  /** bytes the peer sent back, in two-way records */
  rbytes: number;
  /** the longest record and all records' durations, seconds */
  longest: number;
  seconds: number;
  /** clock hours with records */
  hours: number;
  names?: string[];
  /** names rows: registered domains the source asked in all (a resolver forwarding its clients' questions asks hundreds) */
  askedDomains?: number;
  first: number | null;
  last: number | null;
}

export interface Aggregates {
  profile: ProfileRow[];
  ports: PortRow[];
  hosts: HostRow[];
  ssh: SshRow[];
  webLogin: WebLoginRow[];
  flowLogin: FlowLoginRow[];
  stuffing: StuffingRow[];
  pairs: PairRow[];
  rate: RateRow[];
  payloads: PayloadHit[];
  agents: AgentRow[];
  sweeps: SweepRow[];
  crawlers: CrawlerRow[];
  beacons: BeaconRow[];
  downloads: DownloadRow[];
  traffic: TrafficRow[];
  ids: IdsRow[];
  dns: DnsRow[];
  dnsAskers: DnsAskerRow[];
  dga: DgaRow[];
  logons: LogonRow[];
  kerberos: KerberosRow[];
  /** CloudTrail calls per source address: refused APIs, tampering, persistence */
  cloud: CloudRow[];
  /** Windows host events (log cleared, service installed, accounts and privileged groups), read in batch only */
  hostEvents: HostEvent[];
  /** mail sent out per envelope sender, from Postfix's queue-manager and delivery lines (mailOut.ts), read in batch only */
  mail: MailRow[];
  icmp: IcmpRow[];
  /** one-way flow records' packets per source and destination, by minute (ping and UDP floods in aggregated records) */
  packetFloods: PacketFloodRow[];
  /** inside servers' answers to an inside client, in two-way records of its connections (src: the server, dst: the client) */
  fetched: PairRow[];
  /** connections across the perimeter on risky services, and mining-pool names (riskyFold.ts) */
  risky: RiskyRow[];
}

/** Machines one source logged in to successfully (Windows 4624 Computer, syslog host): the busiest window of first logins. */
export interface LogonRow {
  ip: string;
  /** distinct machines over the whole log */
  hosts: number;
  /** most machines first logged in to within lateralMovement.logonWindowMinutes, and when that window began and ended */
  windowHosts: number;
  first: number;
  last: number;
  /** successful logins in all (on any machine): many per machine is a scheduler revisiting them */
  logins: number;
  /** some of those machines, and the accounts the source logged in as */
  sample: string[];
  users: string[];
  /** of the logins, Windows network logons over NTLM (absent when none) */
  ntlm?: number;
}

export type AggregateKey = keyof Aggregates;

/** What a crawler claim checked out to (no DNS: we are offline). */
export interface CrawlerVerdict {
  ip: string;
  claimed: string;
  ipInPublishedRange: boolean;
  getOnly: boolean;
  robots: boolean;
  verdict: 'verified' | 'unverified' | 'impersonated';
  checks: string;
}

export interface DetectContext {
  agg: Aggregates;
  /** reads "<detector>.<key>" for the running detector; a full "other.key" reads another detector's */
  num(key: string): number;
  flag(key: string): boolean;
  text(key: string): string;
  /** crawler verdict for an IP, if it claimed to be one */
  crawler(ip: string): CrawlerVerdict | undefined;
}

export interface DetectorDef {
  name: string;
  title: string;
  /** plain language, printed by the app and the PDF method appendix */
  description: string;
  settings: readonly SettingDef[];
  /** the aggregates it reads (decides which worker tasks run) */
  needs: readonly AggregateKey[];
  /** false when the live analyzer cannot update it row by row */
  incremental: boolean;
  detect(ctx: DetectContext): DraftFinding[];
}
