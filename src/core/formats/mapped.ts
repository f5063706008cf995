// Field-name -> role mapping for every format with named fields (CSV/TSV, JSON lines, Zeek, W3C,
// VPC with a header): roles by name (fieldNames.ts), guessed from values when names say nothing,
// and the row filler that cleans mapped fields and keeps the unmapped ones in `extra`.
import type { CellValue, CleaningCounters } from './types';
import { normalizeFieldName, rankOf, roleForName, WEAK_ADDRESS_NAMES } from './fieldNames';
import { C, NCOLS, colIndex } from './cols';
import { addressOf, cleanCell, fixIcmpPorts, isNullToken, normalizeAction } from './clean';
import { parseTimestamp, type TimeContext } from './time';
import { inboundActionIndex, inboundSwap, localRemoteSides, preferSentSide, silkSides } from './sides';
import { fromEventPayload, fromLogonMessage, logonAction, logonWorkstation, TICKET_IDS, windowsFields, type WindowsFields } from './windows';
import { typeMessage } from './messages';
import { dnsRecordFields } from './dns';
import { exportMessage } from './netdevices';
import { auditFields, auditFill, type AuditFields } from './m365';
import { hayabusaFields, hayabusaFill, type HayabusaFields } from './hayabusa';
import { plasoFields, plasoFill, type PlasoFields } from './plaso';
import { wazuhFields, wazuhFill, type WazuhFields } from './wazuh';
import { falcoFields, falcoFill, type FalcoFields } from './falco';
import { guardDutyFill, isGuardDutyFinding } from './guardduty';
import { BARE_OUTCOME, cloudTrailAccount, ecsLogin, entraFields, entraProgram, type EcsFields, fortiLoginProgram, k8sAuditFields, type K8sFields, signInAction, type SignInFields, sophosLogin, type SophosFields } from './vendorLogins';

const ICMP_PROTOS = new Set(['ICMP', 'ICMP6', 'IPV6-ICMP']);

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH|CONNECT|TRACE|PROPFIND) (\S+)(?: (HTTP\/[\d.]+))?$/;
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE', 'PROPFIND']);

type ValueKind = 'ip' | 'ts' | 'method' | 'path' | 'agent' | 'httpver' | null;

function kindOf(values: readonly string[]): ValueKind {
  const vs = values.filter((v) => !isNullToken(v.trim()));
  if (vs.length === 0) return null;
  const all = (f: (v: string) => boolean): boolean => vs.every(f);
  if (all((v) => addressOf(v) !== null)) return 'ip';
  if (all((v) => HTTP_METHODS.has(v.trim().toUpperCase()))) return 'method';
  if (all((v) => /^HTTP\/\d/.test(v))) return 'httpver';
  const ctx = { tz: null, year: 2000, refTime: null };
  if (all((v) => v.length >= 8 && /[-/:]/.test(v) && !Number.isNaN(parseTimestamp(v, ctx)))) return 'ts';
  if (all((v) => v.startsWith('/'))) return 'path';
  if (vs.filter((v) => /Mozilla\/|curl\/|python|bot/i.test(v)).length >= vs.length / 2) return 'agent';
  return null;
}

/** Most values are firewall verdicts (allow, deny, drop…), none an HTTP status. */
function isVerdictColumn(values: readonly string[]): boolean {
  const vs = values.map((v) => v.trim()).filter((v) => !isNullToken(v));
  if (vs.length === 0 || vs.some((v) => /^\d{3}$/.test(v))) return false;
  return vs.filter((v) => { const a = normalizeAction(v); return a === 'accept' || a === 'reject'; }).length >= vs.length / 2;
}

/** Names whose values only look like a role: Azure's `resourceId` (`/SUBSCRIPTIONS/…`) is no request path, Nextcloud's `version` (`28.0.4.1`) no address */
const NOT_BY_VALUE = new Set(['resourceid']);
/** …nor any field named for a version (`agent_version`, `fileVersion`, `sensor_build`, `firmware`, `release`): its dotted quads are versions */
const VERSION_NAME = /version|firmware|build(?:number|no|id)?$|release$|revision$/;
/** …nor the address of the connection a CDN edge saw (Azure Front Door's `socketIp`: the client again, or its proxy), which is no destination */
const PEER_NAME = /socketip$/;
const notByValue = (normalized: string): boolean => NOT_BY_VALUE.has(normalized) || VERSION_NAME.test(normalized) || PEER_NAME.test(normalized);

/** Transport names and IP protocol numbers (nfdump, VPC, Zeek, firewalls); also the empty/NULL column. */
const RE_TRANSPORT = /^(?:tcp|udp|icmp|icmp6|icmpv6|ipv6-icmp|ipv4|ipv6|sctp|gre|esp|ah|igmp|ipip|ospf|pim|vrrp|l2tp|quic|any|ip|\d{1,3})$/i;
function looksLikeTransport(values: readonly string[]): boolean {
  const vs = values.map((v) => v.trim()).filter((v) => !isNullToken(v));
  return vs.length === 0 || vs.filter((v) => RE_TRANSPORT.test(v)).length >= vs.length / 2;
}

/**
 * Maps fields to roles: first by name (synonym table), then unknown fields by their values
 * (IPs, timestamps, methods, paths, agents). Name matches that the values contradict are undone
 * (a `protocol` column holding HTTP/1.1 is the HTTP version, not the transport).
 */
export function mapFields(fields: readonly string[], sampleRows: readonly (readonly string[])[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const column = (i: number): string[] => sampleRows.map((r) => r[i] ?? '');
  const unknown: number[] = [];
  const hec = fields.includes('sourcetype') && fields.filter((f) => f.startsWith('event.')).length >= fields.length / 2;
  fields.forEach((f, i) => {
    let role = roleForName(f);
    // a Splunk HEC envelope (`{"sourcetype":…, "event":{…}}`, a Zscaler NSS or any other feed sent to Splunk): the
    // record's own keys are under `event.`, named by their own name when the whole name is unknown
    const inner = hec && f.startsWith('event.') ? f.slice(6) : f;
    if (role === null && inner !== f) role = roleForName(inner);
    if (role === null) {
      // `Src IP Addr`, `source_ip_v4`, `client-address`: match by parts when the whole name is unknown
      const n = normalizeFieldName(inner);
      if (/^(src|source|client|orig)/.test(n) && /ip|addr/.test(n)) role = 'src_ip';
      else if (/^(dst|dest|destination|server|resp|target)/.test(n) && /ip|addr/.test(n)) role = 'dst_ip';
      else if (/^(src|source|client)/.test(n) && /port|pt$/.test(n)) role = 'src_port';
      else if (/^(dst|dest|destination|server)/.test(n) && /port|pt$/.test(n)) role = 'dst_port';
    }
    // Check Point's `service` is a port number, FortiGate's a name (HTTPS): a port column needs numbers
    if ((role === 'dst_port' || role === 'src_port') && sampleRows.length > 0) {
      const vs = column(i).map((v) => v.trim()).filter((v) => !isNullToken(v));
      if (vs.length > 0 && vs.filter((v) => /^\d{1,5}(?:\.0)?$/.test(v)).length < vs.length / 2) role = null;
    }
    // Panorama's CSV export has `Domain` = 1 (a number, not a host name)
    if (role === 'host' && sampleRows.length > 0 && column(i).every((v) => isNullToken(v.trim()) || /^\d{1,5}$/.test(v.trim()))) role = null;
    // Sophos writes its verdict as `status="Allow"`/`"Deny"`: a status of verdict words is the action
    if (role === 'status' && sampleRows.length > 0 && mapping.action === undefined && isVerdictColumn(column(i))) role = 'action';
    if (role === 'proto' && kindOf(column(i)) === 'httpver') role = 'protocol';
    // journald's _TRANSPORT (syslog, journal, stdout) is not a network protocol
    else if (role === 'proto' && !looksLikeTransport(column(i))) role = null;
    if ((role === 'src_ip' || role === 'dst_ip') && sampleRows.length > 0) {
      const values = column(i);
      const k = kindOf(values);
      if (k !== 'ip' && k !== null && k !== 'path' && k !== 'agent') role = null;
      else if (k === null && WEAK_ADDRESS_NAMES.has(normalizeFieldName(f)) && !values.some((v) => addressOf(v) !== null || /\(([0-9A-Fa-f.:]+)\)\s*$/.test(v))) role = null;
    }
    if (role !== null && (mapping[role] === undefined || rankOf(f) < rankOf(mapping[role]))) mapping[role] = f;
    else if (role === null && !notByValue(normalizeFieldName(f))) unknown.push(i);
  });
  preferSentSide(fields, mapping);
  for (const sides of [localRemoteSides, silkSides]) sides(fields, mapping);
  if (sampleRows.length > 0) {
    for (const i of unknown) {
      const k = kindOf(column(i));
      const want = k === 'ip' ? (mapping.src_ip === undefined ? 'src_ip' : 'dst_ip') : k === 'ts' ? 'ts' : k === 'method' ? 'method' : k === 'path' ? 'path' : k === 'agent' ? 'user_agent' : k === 'httpver' ? 'protocol' : null;
      if (want !== null && mapping[want] === undefined) mapping[want] = fields[i];
    }
  }
  return mapping;
}

/**
 * Fills rows from field values by a mapping. Built once per source; `fill` is the per-record path.
 * Unmapped non-null fields go to `extra` as a JSON object; a `path` holding `?` is split into
 * path and query when no query field is mapped.
 */
export class RowMapper {
  /** column index per field position, -1 = unmapped */
  readonly colOf: Int32Array;
  private readonly splitQuery: boolean;
  /** no host field: a path that is a whole URL gives the host */
  private readonly urlHost: boolean;
  private readonly dstPortField: number;
  private readonly fields: readonly string[];

  private readonly srcPortField: number;
  private readonly icmpTypeCodeInPorts: boolean;
  /** ICMP type and code in fields of their own (Windows Firewall's icmptype/icmpcode, eve's icmp_type/icmp_code); -1 when absent */
  private readonly icmpType: number;
  private readonly icmpCode: number;

  /** Windows event exports: where the event id (and keywords) are, to type logons */
  private readonly windows: WindowsFields | null;
  /** CloudTrail: positions of responseElements.ConsoleLogin and eventName (-1: not CloudTrail) */
  private readonly consoleLogin: number;
  private readonly eventName: number;
  /** CloudTrail: userIdentity.type and .arn, for the account when there is no userName (root, assumed roles) */
  private readonly identityType: number;
  private readonly identityArn: number;
  /** logon outcomes stated in other fields: Okta (eventType + outcome.result), Entra ID (status.errorCode), Cowrie (eventid), Zeek ssh.log (auth_success) */
  private readonly signIn: SignInFields | null;
  /** FortiGate: positions of eventtime, tz, date, time, action, status and logdesc (null: not FortiGate) */
  private readonly forti: { eventtime: number; tz: number; date: number; time: number; action: number; status: number; logdesc: number; ui: number; method: number; subtype: number; tunneltype: number; user: number } | null;
  /** Sophos Firewall (SFOS / XG): positions of log_subtype, log_component, status and message (null: not Sophos) */
  private readonly sophos: SophosFields | null;
  /** Nextcloud's own log (nextcloud.log, audit.log): its `app` is the Nextcloud app that wrote the record */
  private readonly nextcloud: boolean;
  /** Kubernetes API server audit events: positions of responseStatus.code, stage and verb (null: not an audit log) */
  private readonly k8s: K8sFields | null;
  /** Elastic Common Schema: positions of event.outcome, event.category and event.action (null: no event.outcome) */
  private readonly ecs: EcsFields | null;
  /** a row to type a syslog message into, when the layout has program and message columns */
  private readonly scratch: CellValue[] | null;
  /** Microsoft 365 unified audit log: AuditData and Operation positions (null: not the audit log) */
  private readonly audit: AuditFields | null;
  /** Hayabusa's timeline: where the rule, its level and the `Details` cells are (null: not Hayabusa's) */
  private readonly hayabusa: HayabusaFields | null;
  /** plaso's timelines (psort dynamic CSV, l2tcsv): where the message is, to read its Windows events (null: not plaso's) */
  private readonly plaso: PlasoFields | null;
  /** Wazuh's alerts: full_log, the rule and its level, the agent; Falco's: the rule, its priority, the machine and output fields (null: not theirs) */
  private readonly wazuh: WazuhFields | null;
  private readonly falco: FalcoFields | null;
  /** DeviceNetworkEvents' ActionType (an inbound row's sides are turned around), or -1 */
  private readonly inbound: number;
  /** what the duration field counts, as a divisor to seconds: 1e6 for CICFlowMeter's Flow Duration (µs), 1e9 for Traefik's JSON Duration (ns), 1 otherwise */
  private readonly durationUnit: number;

  constructor(fields: readonly string[], mapping: Record<string, string>, opts: { icmpTypeCodeInPorts?: boolean } = {}) {
    this.fields = fields;
    const norm = fields.map(normalizeFieldName);
    this.windows = windowsFields(norm);
    // AWS CloudTrail: a console sign-in says how it went in responseElements.ConsoleLogin
    this.consoleLogin = norm.includes('eventname') && norm.includes('sourceipaddress') ? norm.indexOf('responseelementsconsolelogin') : -1;
    this.eventName = norm.indexOf('eventname');
    const cloudTrail = norm.includes('eventname') && norm.includes('sourceipaddress');
    this.identityType = cloudTrail ? norm.indexOf('useridentitytype') : -1;
    this.identityArn = cloudTrail ? norm.indexOf('useridentityarn') : -1;
    this.forti =
      norm.includes('logid') && (norm.includes('devname') || norm.includes('devid'))
        ? {
            eventtime: norm.indexOf('eventtime'),
            tz: norm.indexOf('tz'),
            date: norm.indexOf('date'),
            time: norm.indexOf('time'),
            action: norm.indexOf('action'),
            status: norm.indexOf('status'),
            logdesc: norm.indexOf('logdesc'),
            ui: norm.indexOf('ui'),
            method: norm.indexOf('method'),
            subtype: norm.indexOf('subtype'),
            tunneltype: norm.indexOf('tunneltype'),
            user: norm.indexOf('user'),
          }
        : null;
    this.signIn =
      norm.includes('eventtype') && norm.includes('outcomeresult')
        ? { kind: 'okta', type: norm.indexOf('eventtype'), result: norm.indexOf('outcomeresult') }
        : entraFields(norm) !== null
          ? entraFields(norm)
          : norm.includes('eventid') && norm.includes('session') && norm.includes('sensor')
            ? { kind: 'cowrie', id: norm.indexOf('eventid') }
            : norm.includes('authsuccess') && norm.includes('idorigh')
              ? { kind: 'zeek', ok: norm.indexOf('authsuccess') }
              : norm.includes('idapplicationname') && norm.includes('events') && norm.includes('actoremail')
                ? { kind: 'gws', events: norm.indexOf('events') }
                : norm.includes('tdate') && norm.includes('ctx') && norm.includes('msg')
                  ? { kind: 'mongo', msg: norm.indexOf('msg') }
                  : norm.includes('actiontype') && norm.includes('accountname') && (norm.includes('remoteip') || norm.includes('ipaddress'))
                    ? // IdentityLogonEvents' DeviceName is the client's: the machine logged on to is DestinationDeviceName
                      { kind: 'mde', action: norm.indexOf('actiontype'), device: norm.includes('destinationdevicename') ? norm.indexOf('destinationdevicename') : norm.indexOf('devicename') }
                    : null;
    this.sophos =
      norm.includes('logcomponent') && norm.includes('logsubtype') && norm.includes('status') && (norm.includes('devicename') || norm.includes('deviceid'))
        ? { subtype: norm.indexOf('logsubtype'), component: norm.indexOf('logcomponent'), status: norm.indexOf('status'), message: norm.indexOf('message') }
        : null;
    this.nextcloud = norm.includes('reqid') && norm.includes('remoteaddr') && norm.includes('app') && norm.includes('message');
    this.k8s =
      norm.includes('auditid') && norm.includes('sourceips') && norm.includes('responsestatuscode') && norm.includes('verb')
        ? { code: norm.indexOf('responsestatuscode'), stage: norm.indexOf('stage'), verb: norm.indexOf('verb'), message: norm.indexOf('responsestatusmessage') }
        : null;
    // Filebeat, Auditbeat, Elastic Agent and Kibana CSV exports: an authentication event says how it
    // ended in event.outcome, beside a verb in event.action (ssh_login, user_login, logged-in)
    this.ecs = norm.includes('eventoutcome') && (norm.includes('eventcategory') || norm.includes('eventaction')) ? { outcome: norm.indexOf('eventoutcome'), category: norm.indexOf('eventcategory'), action: norm.indexOf('eventaction') } : null;
    this.wazuh = wazuhFields(norm);
    this.falco = falcoFields(norm);
    this.inbound = inboundActionIndex(norm, mapping);
    this.scratch = (mapping.message !== undefined && mapping.program !== undefined) || this.wazuh !== null ? new Array<CellValue>(NCOLS).fill(null) : null;
    this.audit = auditFields(norm);
    this.hayabusa = hayabusaFields(fields, norm);
    this.plaso = plasoFields(norm);
    // CICFlowMeter (CIC-IDS2017/2018, its own exports) writes Flow Duration in microseconds
    const durationName = mapping.duration !== undefined ? normalizeFieldName(mapping.duration) : null;
    const cic = durationName === 'flowduration' && (norm.includes('totalfwdpackets') || norm.includes('totfwdpkts'));
    // Traefik's JSON access log writes Duration (and OriginDuration) in nanoseconds
    const traefik = durationName === 'duration' && norm.includes('downstreamstatus') && norm.includes('requestmethod');
    this.durationUnit = cic ? 1e6 : traefik ? 1e9 : 1;
    this.colOf = new Int32Array(fields.length).fill(-1);
    for (const [role, field] of Object.entries(mapping)) {
      const i = fields.indexOf(field);
      if (i >= 0) this.colOf[i] = colIndex(role);
    }
    this.splitQuery = mapping.path !== undefined && mapping.query === undefined;
    this.urlHost = mapping.path !== undefined && mapping.host === undefined;
    this.dstPortField = mapping.dst_port !== undefined ? fields.indexOf(mapping.dst_port) : -1;
    this.srcPortField = mapping.src_port !== undefined ? fields.indexOf(mapping.src_port) : -1;
    // Zeek writes ICMP type and code in the port fields, in JSON (id.orig_p / id.resp_p) as in TSV
    this.icmpTypeCodeInPorts = opts.icmpTypeCodeInPorts ?? (norm.includes('idorigp') && norm.includes('idrespp'));
    this.icmpType = norm.indexOf('icmptype');
    this.icmpCode = norm.indexOf('icmpcode');
    // exports that write the time as two fields (`date`, `time`): ts reads them joined
    const tsField = mapping.ts !== undefined ? fields.indexOf(mapping.ts) : -1;
    this.tsField = tsField;
    this.tsPartner = -1;
    if (tsField >= 0) {
      const norm = normalizeFieldName(fields[tsField]);
      const want = norm === 'date' ? 'time' : norm === 'time' ? 'date' : null;
      const partner = want === null ? -1 : fields.findIndex((f, i) => i !== tsField && this.colOf[i] < 0 && normalizeFieldName(f) === want);
      if (partner >= 0) this.tsPartner = partner;
      this.tsDateFirst = want === 'time';
    }
  }

  private readonly tsField: number;
  private readonly tsPartner: number;
  private tsDateFirst = true;

  /** Fills `row` from values[0..n); values beyond the header go to extra as `_fieldN`. */
  fill(values: readonly string[], n: number, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
    let extra: Record<string, string> | null = null;
    for (let i = 0; i < n; i++) {
      let v = values[i];
      const col = i < this.colOf.length ? this.colOf[i] : -1;
      if (this.tsPartner >= 0) {
        if (i === this.tsPartner) continue;
        if (i === this.tsField) v = this.tsDateFirst ? `${v} ${values[this.tsPartner]}` : `${values[this.tsPartner]} ${v}`;
      }
      if (col >= 0) row[col] = cleanCell(col, v, counters, time, row);
      else if (!isNullToken(v) && v !== '---') {
        if (extra === null) extra = {};
        extra[i < this.fields.length ? this.fields[i] : `_field${i + 1}`] = v;
      }
    }
    if (extra !== null) row[C.extra] = JSON.stringify(extra);
    // nginx JSON formats log "$request" whole: `GET /admin?x=1 HTTP/1.1` in the path
    if (row[C.method] === null && typeof row[C.path] === 'string') {
      const rq = REQUEST_LINE.exec(row[C.path] as string);
      if (rq !== null) {
        row[C.method] = rq[1];
        row[C.path] = rq[2];
        if (rq[3] !== undefined && row[C.protocol] === null) row[C.protocol] = rq[3];
      }
    }
    // GCP load balancers and CEF `request` log the whole URL (`https://host/path?q`) and no host field:
    // the host is its own column (a proxy export that names the server keeps its URL whole)
    if (this.urlHost && typeof row[C.path] === 'string' && /^https?:\/\//i.test(row[C.path] as string)) {
      const u = row[C.path] as string;
      const start = u.indexOf('//') + 2;
      const slash = u.indexOf('/', start);
      const q = u.indexOf('?', start);
      const end = slash < 0 ? (q < 0 ? u.length : q) : q >= 0 && q < slash ? q : slash;
      if (end > start) row[C.host] = u.slice(start, end);
      row[C.path] = end < u.length && u.charCodeAt(end) === 47 ? u.slice(end) : `/${u.slice(end)}`;
    }
    if (this.splitQuery) {
      const p = row[C.path];
      if (typeof p === 'string') {
        const q = p.indexOf('?');
        if (q >= 0) {
          row[C.path] = p.slice(0, q);
          row[C.query] = p.slice(q + 1);
        }
      }
    }
    // Hayabusa's details first: the logon typing below then finds the address and account in their cells
    if (this.hayabusa !== null) hayabusaFill(this.hayabusa, values, n, row, counters, time);
    if (this.plaso !== null) plasoFill(this.plaso, values, n, row, counters, time);
    // a triage tool's rule match (Wazuh's, Falco's) goes into extra beside the fields it read
    if (this.wazuh !== null || this.falco !== null) {
      const x = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
      if (this.wazuh !== null) wazuhFill(this.wazuh, values, n, row, x);
      if (this.falco !== null) falcoFill(this.falco, values, n, row, x);
      row[C.extra] = JSON.stringify(x);
    }
    // an action that states an outcome wins over the event id; a bare verb (Winlogbeat's "Logon") does not
    if (this.windows !== null && this.windows.id < n) {
      if (row[C.action] === null || !OUTCOMES.has(row[C.action] as string)) this.windowsLogon(values, n, row, counters, time);
      // Winlogbeat states the outcome itself (event.outcome): the source of a logon with no address is still its workstation
      else if ((row[C.action] === 'auth_failure' || row[C.action] === 'auth_success') && row[C.src_ip] === null) this.workstationSource(values, n, row);
    }
    if (this.consoleLogin >= 0 && row[C.action] === null && this.consoleLogin < n && values[this.eventName] === 'ConsoleLogin') {
      const outcome = values[this.consoleLogin];
      row[C.action] = outcome === 'Failure' ? 'auth_failure' : outcome === 'Success' ? 'auth_success' : null;
    }
    if (row[C.user] === null && (this.identityType >= 0 || this.identityArn >= 0)) row[C.user] = cloudTrailAccount(this.identityType < n ? values[this.identityType] : undefined, this.identityArn < n ? values[this.identityArn] : undefined);
    if (this.signIn !== null && row[C.action] === null) row[C.action] = signInAction(this.signIn, values, n);
    if (this.ecs !== null && (row[C.action] === null || !OUTCOMES.has(row[C.action] as string))) {
      const outcome = ecsLogin(this.ecs, values, n);
      if (outcome !== null) row[C.action] = outcome;
    }
    // Splunk's Authentication data model (and many auth exports): action success|failure beside src
    // and user; a bare outcome is a login's only when there is an account and an address to go with it
    const act = row[C.action];
    const bare = row[C.user] !== null && row[C.src_ip] !== null && typeof act === 'string' ? BARE_OUTCOME.get(act) : undefined;
    if (bare !== undefined) row[C.action] = bare;
    // Okta's System Log names no program: Okta wrote it, so its logins are named as Okta's (loginService)
    if (this.signIn?.kind === 'okta' && row[C.program] === null) row[C.program] = 'okta';
    if (this.signIn?.kind === 'entra' && row[C.action] !== null) row[C.program] = entraProgram(this.signIn.client >= 0 && this.signIn.client < n ? values[this.signIn.client] : '', row[C.program] as string | null) ?? row[C.program];
    if (this.signIn?.kind === 'mongo' && row[C.program] === null && row[C.action] !== null) row[C.program] = 'mongod';
    // Defender's DeviceName is the machine logged on to: where a successful logon got in (lateral movement counts them)
    if (this.signIn?.kind === 'mde' && row[C.host] === null && this.signIn.device >= 0 && this.signIn.device < n && values[this.signIn.device].trim() !== '') row[C.host] = values[this.signIn.device].trim();
    if (this.forti !== null) this.fortiFields(values, n, row, counters, time);
    if (this.durationUnit !== 1 && typeof row[C.duration] === 'number') row[C.duration] = (row[C.duration] as number) / this.durationUnit;
    if (this.k8s !== null) k8sAuditFields(this.k8s, values, n, row);
    if (this.inbound >= 0 && this.inbound < n) inboundSwap(values[this.inbound], row, C);
    if (this.sophos !== null) sophosLogin(this.sophos, values, n, row, counters);
    // the app that wrote a Nextcloud record (`core`, `admin_audit`) is part of Nextcloud: `nextcloud/core`
    if (this.nextcloud) row[C.program] = typeof row[C.program] === 'string' ? (/^nextcloud\b/i.test(row[C.program] as string) ? row[C.program] : `nextcloud/${row[C.program] as string}`) : 'nextcloud';
    if (this.audit !== null) auditFill(this.audit, values, n, row, counters, time);
    if (row[C.action] === null && typeof row[C.message] === 'string') {
      if (this.scratch !== null) this.messageFields(row);
      if (row[C.action] === null) exportMessage(row[C.message] as string, row, this.scratch === null);
    }
    if (row[C.proto] !== null && (this.dstPortField >= 0 || this.srcPortField >= 0)) {
      const dst = this.dstPortField >= 0 && this.dstPortField < n ? values[this.dstPortField] : null;
      const src = this.srcPortField >= 0 && this.srcPortField < n ? values[this.srcPortField] : null;
      fixIcmpPorts(row, this.icmpTypeCodeInPorts && src !== null && dst !== null ? `${src}.${dst}` : dst, dst, counters);
    } else if (ICMP_PROTOS.has(row[C.proto] as string)) {
      // ports taken from `address:port` (Snort 3's src_ap `10.0.0.1:0`): ICMP has none
      row[C.src_port] = null;
      row[C.dst_port] = null;
    }
    if (this.icmpType >= 0 && this.icmpType < n && row[C.flags] === null && ICMP_PROTOS.has(row[C.proto] as string)) {
      const t = values[this.icmpType].trim();
      const c = this.icmpCode >= 0 && this.icmpCode < n ? values[this.icmpCode].trim() : '';
      if (/^\d{1,3}$/.test(t)) row[C.flags] = `${t}.${/^\d{1,3}$/.test(c) ? c : '0'}`;
    }
  }

  /**
   * FortiGate: `eventtime` (epoch, UTC) is the time, else `date` + `time` in the log's own `tz`;
   * admin and SSL-VPN login failures (`action="login" status="failed"`, `ssl-login-fail`) are
   * failed logins and successes successful ones.
   */
  private fortiFields(values: readonly string[], n: number, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
    const f = this.forti!;
    const at = (i: number): string => (i >= 0 && i < n ? values[i] : '');
    const epoch = at(f.eventtime);
    let ts = /^\d{10,19}$/.test(epoch) ? parseTimestamp(epoch, time) : NaN;
    if (Number.isNaN(ts)) {
      const tz = /^([+-])(\d{2}):?(\d{2})$/.exec(at(f.tz).trim());
      if (tz !== null && at(f.date) !== '' && at(f.time) !== '') ts = parseTimestamp(`${at(f.date)}T${at(f.time)}${tz[1]}${tz[2]}:${tz[3]}`, time);
    }
    if (!Number.isNaN(ts)) {
      if (row[C.ts] === null && counters.nulls[C.ts] > 0) counters.nulls[C.ts]--;
      row[C.ts] = ts;
    }
    const action = at(f.action).toLowerCase();
    const status = at(f.status).toLowerCase();
    const desc = at(f.logdesc).toLowerCase();
    let login = true;
    if (action === 'ssl-login-fail' || ((action === 'login' || /login/.test(desc)) && (status === 'failed' || status === 'failure'))) row[C.action] = 'auth_failure';
    else if ((action === 'login' || /login/.test(desc)) && status === 'success') row[C.action] = 'auth_success';
    // an SSL-VPN tunnel coming up is the login that passed (web or tunnel mode; an IPsec tunnel-up is a gateway's, no user's)
    else if (action === 'tunnel-up' && at(f.tunneltype).toLowerCase().startsWith('ssl') && !/^(?:|n\/a)$/i.test(at(f.user).trim())) row[C.action] = 'auth_success';
    else login = false;
    if (login && row[C.program] === null) row[C.program] = fortiLoginProgram(action, desc, at(f.subtype).toLowerCase(), at(f.ui), at(f.method));
    // the status column is HTTP's: FortiGate's words stay in extra rather than being dropped as unparseable
    if (status !== '' && row[C.status] === null && !/^\d+$/.test(status)) {
      if (counters.unparseable[C.status] > 0) counters.unparseable[C.status]--;
      const known = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
      row[C.extra] = JSON.stringify({ ...known, status: at(f.status) });
    }
  }

  /**
   * Syslog carried in a table or JSON (journald export, a SIEM's CSV): the message is typed as a
   * syslog file's would be (sshd logins, firewall lines…), filling only cells the columns left empty.
   */
  private messageFields(row: CellValue[]): void {
    const t = this.scratch!;
    t.fill(null);
    const extra: Record<string, string> = {};
    typeMessage(typeof row[C.program] === 'string' ? (row[C.program] as string) : null, row[C.message] as string, t, extra);
    // a record's own date is for a syslog header without a year; a table or JSON record has its own time
    delete extra._time;
    // marks for a line parser's LoginCarry (OpenVPN's lines of one login): a record here stands alone
    delete extra._carry_user;
    delete extra._passed;
    delete extra._peer;
    delete extra._ike;
    // only a DNS server's line names a host: the name looked up, and the logging machine moves to extra (as in syslog)
    if (typeof t[C.host] === 'string' && typeof row[C.host] === 'string' && t[C.host] !== row[C.host]) {
      extra.log_host = row[C.host] as string;
      row[C.host] = t[C.host];
    }
    for (let c = 0; c < t.length; c++) if (t[c] !== null && row[c] === null) row[c] = t[c];
    for (const _k in extra) {
      const known = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
      row[C.extra] = JSON.stringify({ ...extra, ...known });
      break;
    }
  }

  /**
   * A Windows logon event: the event id gives the action; address, port and account missing from
   * the columns are read from the message text (any field holding "Source Network Address:").
   */
  private windowsLogon(values: readonly string[], n: number, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
    const w = this.windows!;
    // EvtxECmd keeps the event's fields whole in Payload: a Sysmon network connection's ends are there
    if (w.payload >= 0 && w.payload < n && (row[C.src_ip] === null || row[C.dst_ip] === null)) {
      const p = fromEventPayload(values[w.payload]);
      // both ends named (SourceIp and DestinationIp): they win over RemoteHost, which may be either end
      const both = p.src_ip !== undefined && p.dst_ip !== undefined;
      for (const role of ['src_ip', 'src_port', 'dst_ip', 'dst_port', 'proto'] as const) {
        const v = p[role];
        if (v !== undefined && (both || row[C[role]] === null)) row[C[role]] = cleanCell(C[role], v, counters, time, row);
      }
    }
    const action = logonAction(values[w.id], w.keywords >= 0 && w.keywords < n ? values[w.keywords] : null);
    // a Kerberos ticket request has no outcome to type, but its requester is read the same way (kerberoasting)
    if (action === null && !TICKET_IDS.has(values[w.id].trim())) return;
    if (action !== null) row[C.action] = action;
    // the machine that logged a logon is where the source got in (lateralMovement counts them)
    if (row[C.host] === null && w.computer >= 0 && w.computer < n && values[w.computer].trim() !== '') row[C.host] = values[w.computer].trim();
    // EvtxECmd keeps the account a logon was for in Payload only (its UserName column is the subject, often "-\\-")
    if (row[C.user] === null && w.payload >= 0 && w.payload < n) {
      const target = /"@Name":\s*"TargetUserName",\s*"#text":\s*"([^"]*)"/.exec(values[w.payload])?.[1]?.trim();
      if (target && target !== '-') row[C.user] = target;
    }
    if (row[C.src_ip] !== null && row[C.user] !== null) return;
    for (let i = 0; i < n; i++) {
      if (values[i].indexOf('Network Address:') < 0 && values[i].indexOf('Client Address:') < 0) continue;
      const m = fromLogonMessage(values[i]);
      if (row[C.src_ip] === null && m.ip !== null) row[C.src_ip] = cleanCell(C.src_ip, m.ip, counters, time, row);
      if (row[C.src_port] === null && m.port !== null) row[C.src_port] = cleanCell(C.src_port, m.port, counters, time, row);
      if (row[C.user] === null && m.user !== null) row[C.user] = m.user;
      break;
    }
    if ((action === 'auth_failure' || action === 'auth_success') && row[C.src_ip] === null) this.workstationSource(values, n, row);
  }

  /** NTLM through a workstation and RDP without NLA log no address ("-"): a logon's source is then the workstation it names (its successes count too: a shared server whose users mostly get in is no guesser). */
  private workstationSource(values: readonly string[], n: number, row: CellValue[]): void {
    const w = this.windows!;
    const computer = w.computer >= 0 && w.computer < n ? values[w.computer] : (row[C.host] as string | null);
    if (w.workstation >= 0 && w.workstation < n) row[C.src_ip] = logonWorkstation(`"WorkstationName": "${values[w.workstation]}"`, computer);
    for (let i = 0; i < n && row[C.src_ip] === null; i++) row[C.src_ip] = logonWorkstation(values[i], computer);
  }
}

/** Actions that say how something ended (the shared vocabulary); other action text is just a verb. */
const OUTCOMES = new Set(['auth_failure', 'auth_success', 'invalid_user', 'auth_max_attempts', 'auth_abandoned', 'accept', 'reject']);

const roleCache = new Map<string, number>();

/** Column index a key names (-1: none), cached because keys repeat on every record. */
function columnForKey(key: string): number {
  let col = roleCache.get(key);
  if (col === undefined) {
    const role = roleForName(key);
    col = role === null ? -1 : colIndex(role);
    if (roleCache.size < 10_000) roleCache.set(key, col);
  }
  return col;
}

/**
 * Records of several shapes in one file (JSON lines such as Suricata eve.json, key=value): a record
 * without the mapped key for a role may carry another key that names it (`flow.bytes_toserver`
 * where alerts had `http.length`, `@timestamp` beside `date_time`). Fills still-empty columns from
 * such keys; `mapped` holds the field names the mapping already uses.
 */
function fillAnchorsFromOtherKeys(pairs: ReadonlyMap<string, string>, mapped: ReadonlySet<string>, mappedCols: ReadonlySet<number>, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
  for (const [key, v] of pairs) {
    if (v === '' || mapped.has(key)) continue;
    const col = columnForKey(key);
    if (col >= 0 && row[col] === null) {
      // the mapped key was absent and counted as a NULL; this record has the value after all
      if (mappedCols.has(col) && counters.nulls[col] > 0) counters.nulls[col]--;
      row[col] = cleanCell(col, v, counters, time, row);
    }
  }
}

/** Columns a mapping fills. */
function mappedColumns(mapping: Record<string, string>): Set<number> {
  return new Set(Object.keys(mapping).map((r) => colIndex(r)));
}

/**
 * Fills a row from a record made of keys (JSON lines, key=value): keys the layout maps go through
 * the row mapper, other keys of the same roles fill what is still empty, and keys nobody named
 * are kept in `extra` as JSON (with the text before the first pair, if the line had one).
 */
export class KeyedRecordMapper {
  private readonly mapper: RowMapper;
  private readonly index = new Map<string, number>();
  private readonly values: string[];
  private readonly mappedFields: ReadonlySet<string>;
  private readonly mappedCols: ReadonlySet<number>;
  /** Amazon GuardDuty's findings: read from all of a record's keys (formats/guardduty.ts) */
  private readonly guardDuty: boolean;

  constructor(fields: readonly string[], mapping: Record<string, string>, private readonly time: TimeContext) {
    fields.forEach((f, i) => this.index.set(f, i));
    this.guardDuty = isGuardDutyFinding(fields.map(normalizeFieldName));
    this.mapper = new RowMapper(fields, mapping);
    this.values = new Array<string>(fields.length).fill('');
    // a field whose name suggests a role the mapping left empty was turned down by its values
    // (journald's _TRANSPORT is no protocol): it stays out of the per-record fallback too
    this.mappedFields = new Set([...Object.values(mapping), ...fields.filter((f) => {
      const role = roleForName(f);
      return role !== null && mapping[role] === undefined;
    })]);
    this.mappedCols = mappedColumns(mapping);
  }

  fill(pairs: ReadonlyMap<string, string>, row: CellValue[], counters: CleaningCounters, prefix = ''): void {
    this.values.fill('');
    let unknown: Record<string, string> | null = null;
    for (const [k, v] of pairs) {
      const i = this.index.get(k);
      if (i !== undefined) this.values[i] = v;
      else if (v !== '') {
        if (unknown === null) unknown = {};
        unknown[k] = v;
      }
    }
    this.mapper.fill(this.values, this.values.length, row, counters, this.time);
    fillAnchorsFromOtherKeys(pairs, this.mappedFields, this.mappedCols, row, counters, this.time);
    // Suricata writes a flow record when the flow ends or times out: its time is flow.start, when the
    // connection began (as Zeek's ts); the write time stays in extra
    const start = pairs.get('event_type') === 'flow' ? pairs.get('flow.start') : undefined;
    if (start !== undefined && start !== '' && row[C.ts] !== null) {
      (unknown ??= {}).timestamp = String(row[C.ts_text] ?? '');
      row[C.ts] = cleanCell(C.ts, start, counters, this.time, row);
    }
    // only a GuardDuty layout pays for this object: fill runs once per JSON or key=value record
    let found: Record<string, string> | null = null;
    if (this.guardDuty) guardDutyFill(pairs, row, (found = {}), this.time);
    if (unknown !== null || prefix !== '' || found !== null) {
      const known = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
      if (found !== null) Object.assign(known, found);
      row[C.extra] = JSON.stringify(prefix !== '' ? { _prefix: prefix, ...known, ...unknown } : { ...known, ...unknown });
    }
    dnsRecordFields(row);
  }
}
