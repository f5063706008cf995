// Self-describing field tables: IIS W3C extended (`#Fields:`), Zeek TSV (`#separator`, `#fields`,
// `#types`; conn.log, http.log, ...) and AWS VPC flow logs (v2 default layout, or a custom header).
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser, SourceLayout } from './types';
import { SKIP } from './types';
import { C } from './cols';
import { RowMapper, mapFields } from './mapped';
import { roleForName } from './fieldNames';
import { timeContextOf, type TimeContext } from './time';
import { dnsRecordFields } from './dns';
import { splitDelimited } from './csv';
import { forwardedClient } from './access';
import { addressAndPort } from './clean';

/** Splits on a one-character separator into `out`; returns the count. */
function splitOn(s: string, sep: string, out: string[]): number {
  let n = 0;
  let p = 0;
  for (;;) {
    const d = s.indexOf(sep, p);
    if (d < 0) {
      out[n++] = s.slice(p);
      return n;
    }
    out[n++] = s.slice(p, d);
    p = d + 1;
  }
}

/** A field table whose records may re-declare their header (IIS restarts, rotated Zeek logs). */
abstract class FieldTableParser implements RecordParser {
  protected mapper: RowMapper;
  protected fields: readonly string[];
  protected readonly buf: string[] = [];
  protected readonly time: TimeContext;
  protected sep: string;

  constructor(ctx: ParseContext) {
    this.fields = ctx.layout.header ?? [];
    this.mapper = new RowMapper(this.fields, ctx.layout.mapping, this.mapperOptions());
    this.sep = ctx.layout.delimiter ?? ' ';
    this.time = timeContextOf(ctx);
  }

  // set up lazily: subclass field initialisers run after this constructor and would undo it
  private ready = false;

  /** Recomputes per-layout positions after the header changes. */
  protected abstract setup(): void;
  /** Handles a `#...` line: may replace the header; always returns SKIP. */
  protected abstract directive(line: string): void;
  /** Format-specific fixes after the generic fill. */
  protected abstract post(values: readonly string[], row: CellValue[], counters: CleaningCounters): void;
  /** Zeek writes ICMP type and code in the port fields. */
  protected mapperOptions(): { icmpTypeCodeInPorts: boolean } {
    return { icmpTypeCodeInPorts: false };
  }
  /** Lets a format prepare the split values (e.g. join W3C date + time) before the fill. */
  protected prepare(_values: string[]): void {}

  protected replaceHeader(fields: string[], mapping: Record<string, string>): void {
    this.fields = fields;
    this.mapper = new RowMapper(fields, mapping, this.mapperOptions());
    this.setup();
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    let s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    if (s.length === 0) return 'empty record';
    if (!this.ready) {
      this.setup();
      this.ready = true;
    }
    if (s.charCodeAt(0) === 35) {
      this.directive(s);
      return SKIP;
    }
    // W3C writers differ: IIS separates with spaces, CloudFront (and other S3 log exports) with tabs
    const sep = this.sep === ' ' && s.indexOf('\t') >= 0 ? '\t' : this.sep;
    // Exchange quotes fields that hold commas (subjects, SMTP replies) as CSV does
    const n = sep === ',' ? splitDelimited(s, sep, this.buf) : splitOn(s, sep, this.buf);
    if (typeof n === 'string') return n;
    if (n !== this.fields.length) return `expected ${this.fields.length} fields, found ${n}`;
    this.prepare(this.buf);
    this.mapper.fill(this.buf, n, row, counters, this.time);
    this.post(this.buf, row, counters);
    return null;
  }
}

// ---------------------------------------------------------------- W3C extended (IIS)

const W3C_ROLES: Record<string, string> = {
  'c-ip': 'src_ip', 'c-port': 'src_port', 's-ip': 'dst_ip', 's-port': 'dst_port', 'cs-method': 'method',
  'cs-uri-stem': 'path', 'cs-uri-query': 'query', 'sc-status': 'status', 'sc-bytes': 'bytes',
  'time-taken': 'duration', 'cs(User-Agent)': 'user_agent', 'cs(Referer)': 'referrer', 'cs-username': 'user',
  'cs-host': 'host', 'cs-version': 'protocol', 'time': 'ts', 's-sitename': 'program',
  // Exchange message tracking and SMTP protocol logs (comma-separated W3C)
  'date-time': 'ts', 'remote-endpoint': 'src_ip', 'local-endpoint': 'dst_ip', 'sender-address': 'user', 'data': 'message',
  // Exchange's HttpProxy logs (V15\Logging\HttpProxy\<protocol>\*.log, comma-separated W3C): where ProxyLogon and ProxyShell show
  DateTime: 'ts', ClientIpAddress: 'src_ip', UrlHost: 'host', UrlStem: 'path', UrlQuery: 'query', HttpStatus: 'status', Method: 'method', UserAgent: 'user_agent', AuthenticatedUser: 'user', ResponseBytes: 'bytes',
};
/**
 * ProxyLogon (CVE-2021-26855) in Exchange's HttpProxy log: an AnchorMailbox of `ServerInfo~<host>/<path>`
 * is the front end told to fetch a back-end URL of the client's choosing (the check Microsoft's
 * Test-ProxyLogon.ps1 makes). Such a row is read as an IDS alert, priority 1.
 */
const PROXYLOGON_ANCHOR = /^ServerInfo~[^/]*\//i;

/** `#Fields:` names, space-separated (IIS, CloudFront) or comma-separated (Exchange: `date-time,client-ip,…`) */
function w3cFields(line: string): { fields: string[]; delimiter: string } {
  const body = line.replace(/^\uFEFF/, '').slice(8).trim();
  if (body.indexOf(',') > 0 && body.indexOf(' ') < 0) return { fields: body.split(','), delimiter: ',' };
  return { fields: body.split(/\s+/), delimiter: ' ' };
}

/** Windows Firewall (pfirewall.log) writes W3C too; its `path` is the direction (SEND/RECEIVE), not a URL. */
const isWindowsFirewall = (fields: readonly string[]): boolean => fields.includes('src-ip') && fields.includes('tcpflags');

function w3cMapping(fields: readonly string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const f of fields) {
    const role = W3C_ROLES[f];
    if (role !== undefined && mapping[role] === undefined) mapping[role] = f;
  }
  // other W3C writers (Windows Firewall, proxies) name fields plainly: src-ip, dst-port, action, size
  const firewall = isWindowsFirewall(fields);
  for (const f of fields) {
    if (W3C_ROLES[f] !== undefined || (firewall && f === 'path')) continue;
    const role = roleForName(f);
    if (role !== null && role !== 'ts' && mapping[role] === undefined) mapping[role] = f;
  }
  if (mapping.ts === undefined && fields.includes('date')) mapping.ts = 'date';
  return mapping;
}

/** FTP 230/530 and SMTP 235/535 replies to a password */
const LOGIN_REPLIES: Readonly<Record<string, string>> = { '230': 'auth_success', '530': 'auth_failure', '235': 'auth_success', '535': 'auth_failure' };

/** %XX escapes decoded (UTF-8 where they form it); malformed escapes stay as written. */
function decodeEscapes(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/**
 * IIS behind a load balancer or Application Gateway logs the gateway as c-ip; sites add the client's
 * X-Forwarded-For header as an IIS 10 custom field (`X-Forwarded-For`) or an Advanced Logging field
 * (`cs(X-Forwarded-For)`). IIS writes spaces as '+', and Azure's gateway appends the client's port
 * (`203.0.113.5:51234`): the list is cleaned before forwardedClient picks the client.
 */
const XFF_FIELD = /^(?:cs\()?x-forwarded-for\)?$/i;

function w3cForwarded(value: string): string {
  return value
    .replace(/\+/g, '')
    .split(',')
    .map((part) => addressAndPort(part)?.ip ?? part.trim())
    .join(',');
}

class W3cParser extends FieldTableParser {
  private anchorIdx = -1;
  private uaIdx = -1;
  private takenIdx = -1;
  private xffIdx = -1;

  protected setup(): void {
    this.uaIdx = this.fields.indexOf('cs(User-Agent)');
    this.anchorIdx = this.fields.indexOf('AnchorMailbox');
    this.xffIdx = this.fields.findIndex((f) => XFF_FIELD.test(f));
    // CloudFront writes time-taken in seconds (`0.001`), IIS in milliseconds
    this.takenIdx = this.fields.includes('x-edge-request-id') ? -1 : this.fields.indexOf('time-taken');
  }

  protected directive(line: string): void {
    if (line.startsWith('#Fields:')) {
      const { fields, delimiter } = w3cFields(line);
      this.sep = delimiter;
      this.replaceHeader(fields, w3cMapping(fields));
    }
  }

  protected override prepare(values: string[]): void {
    // IIS writes date and time as two fields (UTC): the row mapper joins them for ts
    // IIS encodes spaces in the user agent as '+', CloudFront percent-encodes it (`Mozilla/5.0%20(X11…`)
    if (this.uaIdx >= 0) {
      const ua = values[this.uaIdx];
      if (ua.indexOf('+') >= 0) values[this.uaIdx] = ua.replace(/\+/g, ' ');
      else if (ua.indexOf('%') >= 0 && ua.indexOf(' ') < 0) values[this.uaIdx] = decodeEscapes(ua);
    }
  }

  protected post(values: readonly string[], row: CellValue[], counters: CleaningCounters): void {
    // the client a gateway forwarded (c-ip is then the gateway's inside address): as access.ts does for nginx's $http_x_forwarded_for
    const xff = this.xffIdx >= 0 ? values[this.xffIdx] : undefined;
    const remote = row[C.src_ip];
    if (xff !== undefined && xff !== '-' && xff !== '' && typeof remote === 'string') {
      const client = forwardedClient(w3cForwarded(xff), remote);
      if (client !== null && client !== remote) {
        row[C.src_ip] = client;
        row[C.extra] = JSON.stringify({ ...(typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {}), proxy_ip: remote });
        counters.coerced[C.src_ip]++;
        counters.forwarded = (counters.forwarded ?? 0) + 1;
      }
    }
    if (this.anchorIdx >= 0 && PROXYLOGON_ANCHOR.test(values[this.anchorIdx] ?? '')) {
      row[C.extra] = JSON.stringify({ ...(typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {}), signature_id: 'CVE-2021-26855', priority: '1' });
      if (row[C.message] === null) row[C.message] = 'ProxyLogon (CVE-2021-26855): AnchorMailbox ServerInfo~ sends the request to a back-end URL the client chose';
    }
    // time-taken is milliseconds; the duration column is seconds
    if (this.takenIdx >= 0 && typeof row[C.duration] === 'number') row[C.duration] = (row[C.duration] as number) / 1000;
    // IIS FTP and SMTP logs: the reply to PASS / AUTH is the login's outcome
    const login = row[C.method] === 'PASS' || row[C.method] === 'AUTH' ? LOGIN_REPLIES[String(row[C.status])] : undefined;
    if (login !== undefined && row[C.action] === null) row[C.action] = login;
  }
}

function detectW3c(headLines: readonly string[]): DetectResult | null {
  const head = headLines.slice(0, 50);
  const fieldsLine = head.find((l) => l.replace(/^\uFEFF/, '').startsWith('#Fields:'));
  if (!fieldsLine) return null;
  const { fields, delimiter } = w3cFields(fieldsLine);
  const mapping = w3cMapping(fields);
  if (mapping.ts === undefined && mapping.src_ip === undefined) return null;
  const idx = head.indexOf(fieldsLine);
  const confidence = head.some((l) => /^#(Software|Version):/.test(l.replace(/^\uFEFF/, ''))) ? 0.98 : 0.9;
  const layout: SourceLayout = { format: 'w3c', header: fields, delimiter, mapping, firstRecordLine: idx + 2 };
  // Windows Firewall says `#Time Format: Local`: its times are the machine's wall clock, not UTC as IIS's
  if (head.some((l) => /^#Time Format:\s*Local\b/i.test(l))) layout.hints = { localTime: true };
  return { confidence, layout };
}

export const w3cSpec: FormatSpec = {
  name: 'w3c',
  title: 'W3C extended log (IIS)',
  description: '#Fields: directive, space-separated (IIS) or tab-separated (CloudFront), date and time in UTC, "-" for empty',
  framing: 'lines',
  samples: [
    '#Software: Microsoft Internet Information Services 10.0',
    '#Version: 1.0',
    '#Date: 2024-01-05 10:00:00',
    '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
    '2024-01-05 10:00:01 10.0.0.10 GET /owa/auth/logon.aspx url=%2fowa%2f 443 - 203.0.113.77 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 187',
    '2024-01-05 10:00:02 10.0.0.10 POST /owa/auth.owa - 443 CONTOSO\\jdoe 203.0.113.77 Mozilla/5.0+(Windows+NT+10.0) https://mail.contoso.com/owa/ 302 0 0 46',
  ],
  detect: (head) => {
    try {
      return detectW3c(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new W3cParser(ctx),
};

// ---------------------------------------------------------------- Zeek TSV

function unescapeZeekSeparator(v: string): string {
  return v.replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

class ZeekParser extends FieldTableParser {
  protected setup(): void {}

  protected directive(line: string): void {
    if (line.startsWith('#separator ')) this.sep = unescapeZeekSeparator(line.slice(11).trim()) || '\t';
    else if (line.startsWith('#fields')) {
      const fields = line.split(this.sep).slice(1);
      this.replaceHeader(fields, mapFields(fields, []));
    }
  }

  /** dns.log: the name queried is the host, not a URL query string */
  protected post(_values: readonly string[], row: CellValue[]): void {
    dnsRecordFields(row);
  }

  protected override mapperOptions(): { icmpTypeCodeInPorts: boolean } {
    return { icmpTypeCodeInPorts: true };
  }
}

function detectZeek(headLines: readonly string[]): DetectResult | null {
  const head = headLines.slice(0, 20).map((l) => l.replace(/^\uFEFF/, ''));
  if (!head[0]?.startsWith('#separator ')) return null;
  const sep = unescapeZeekSeparator(head[0].slice(11).trim()) || '\t';
  const idx = head.findIndex((l) => l.startsWith('#fields'));
  if (idx < 0) return null;
  const fields = head[idx].split(sep).slice(1);
  const typesIdx = head.findIndex((l) => l.startsWith('#types'));
  const mapping = mapFields(fields, []);
  const path = head.find((l) => l.startsWith('#path'))?.split(sep)[1];
  const layout: SourceLayout = {
    format: 'zeek', header: fields, delimiter: sep, mapping, firstRecordLine: Math.max(idx, typesIdx) + 2,
    hints: path ? { path } : undefined,
  };
  return { confidence: 0.98, layout };
}

export const zeekSpec: FormatSpec = {
  name: 'zeek',
  title: 'Zeek TSV log',
  description: '#separator / #fields / #types header, tab-separated; conn.log, http.log and others; "-" unset and "(empty)" become NULL',
  framing: 'lines',
  samples: [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
    '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
    '1331901000.000000\tCHhAvVGS1DHFjwGM9\t192.168.202.79\t50465\t192.168.229.251\t80\ttcp\thttp\t0.010000\t166\t214\tSF\t-\t0\tShADadFf\t6\t498\t4\t382\t(empty)',
    '1331901000.280000\tClEkJM2Vm5giqnMf4h\tfe80::216:cbff:fe9a:4cb9\t5353\tff02::fb\t5353\tudp\tdns\t-\t-\t-\tS0\t-\t0\tD\t1\t100\t0\t0\t(empty)',
    '#close\t2012-03-16-12-00-00',
  ],
  detect: (head) => {
    try {
      return detectZeek(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new ZeekParser(ctx),
};

// ---------------------------------------------------------------- AWS VPC flow logs

/** A TCP flag bitmask as nfdump writes it, `UAPRSF` with dots for the flags not set (18 -> `.A..S.`). */
export function tcpFlagLetters(mask: number): string {
  return ['U', 'A', 'P', 'R', 'S', 'F'].map((c, i) => (mask & (32 >> i) ? c : '.')).join('');
}

const VPC_V2 = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'];
const VPC_ROLES: Record<string, string> = {
  srcaddr: 'src_ip', dstaddr: 'dst_ip', srcport: 'src_port', dstport: 'dst_port', protocol: 'proto',
  packets: 'packets', bytes: 'bytes', start: 'ts', action: 'action', 'tcp-flags': 'flags',
};

function vpcMapping(fields: readonly string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const f of fields) if (VPC_ROLES[f] !== undefined) m[VPC_ROLES[f]] = f;
  return m;
}

/**
 * NODATA / SKIPDATA records (no traffic, or records AWS skipped) stay events so the count holds:
 * their addresses, ports and action are NULL and `message` says NODATA / SKIPDATA.
 */
class VpcParser extends FieldTableParser {
  private startIdx = -1;
  private endIdx = -1;
  private statusIdx = -1;

  protected setup(): void {
    this.startIdx = this.fields.indexOf('start');
    this.endIdx = this.fields.indexOf('end');
    this.statusIdx = this.fields.indexOf('log-status');
  }

  protected directive(): void {}

  override parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    if (line.startsWith('version ') || line.startsWith('account-id ')) return SKIP; // header repeated
    return super.parse(line, row, counters);
  }

  protected post(values: readonly string[], row: CellValue[]): void {
    if (this.startIdx >= 0 && this.endIdx >= 0) {
      const a = Number(values[this.startIdx]);
      const b = Number(values[this.endIdx]);
      if (Number.isFinite(a) && Number.isFinite(b) && values[this.endIdx] !== '' && b >= a) row[C.duration] = b - a;
    }
    if (this.statusIdx >= 0) {
      const st = values[this.statusIdx];
      if (st === 'NODATA' || st === 'SKIPDATA') row[C.message] = st;
    }
    // tcp-flags (v3+) is a bitmask OR-ed over the interval (2 SYN, 18 SYN-ACK, 3 SYN+FIN…): written as
    // nfdump's letters so a bare SYN reads as an unanswered attempt, as it does in every other flow log
    const f = row[C.flags];
    if (typeof f === 'string' && /^\d{1,3}$/.test(f) && Number(f) < 64) row[C.flags] = tcpFlagLetters(Number(f));
  }
}

function detectVpc(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100).map((l) => l.replace(/^\uFEFF/, '').trimEnd());
  if (lines.length === 0) return null;
  const first = lines[0].split(' ');
  if (first.includes('srcaddr') && first.includes('dstaddr')) {
    return { confidence: 0.97, layout: { format: 'vpc', header: first, delimiter: ' ', mapping: vpcMapping(first), firstRecordLine: 2 } };
  }
  let ok = 0;
  for (const l of lines) {
    const f = l.split(' ');
    if (f.length === 14 && /^\d+$/.test(f[0]) && /^\d{9,11}$/.test(f[10]) && /^(ACCEPT|REJECT|-)$/.test(f[12]) && /^(OK|NODATA|SKIPDATA)$/.test(f[13])) ok++;
  }
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.95 * (ok / lines.length), layout: { format: 'vpc', header: VPC_V2, delimiter: ' ', mapping: vpcMapping(VPC_V2), firstRecordLine: 1 } };
}

export const vpcSpec: FormatSpec = {
  name: 'vpc',
  title: 'AWS VPC flow log',
  description: 'Version 2 default fields (version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status), with or without a header; custom layouts need the header line',
  framing: 'lines',
  samples: [
    '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK',
    '2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK',
    '2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA',
    '2 123456789010 eni-11111111aaaaaaaaa 2001:db8:1234:a100:8d6e:3477:df66:f105 2001:db8:1234:a102:3304:8879:34cf:4071 34892 22 6 54 8855 1477913708 1477913820 ACCEPT OK',
  ],
  detect: (head) => {
    try {
      return detectVpc(head);
    } catch {
      return null; // detection never throws
    }
  },
  // forced without a header: the v2 default fields
  layoutFor: () => ({ format: 'vpc', header: VPC_V2, delimiter: ' ', mapping: vpcMapping(VPC_V2), firstRecordLine: 1 }),
  createParser: (ctx) => new VpcParser(ctx),
};
