// CSV/TSV with a header (RFC 4180 quoting, BOM, CRLF, embedded newlines), mapped to roles by
// header names and values; CIDDS-001 flow exports are a more specific spec on the same parser.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser, SourceLayout } from './types';
import { SKIP } from './types';
import { RowMapper, mapFields } from './mapped';
import { normalizeFieldName } from './fieldNames';
import { windowsFields } from './windows';
import { azureCsvLayout, azureCsvMapping, azureCsvRecord, type AzureCsvLayout } from './waf';
import { normalizeIp } from './clean';
import { dnsRecordFields } from './dns';
import { parseTimestamp, slashDateOrder, timeContextOf, type TimeContext } from './time';

/**
 * Splits one record into `out` (reused between calls) and returns the field count,
 * or a string reason when the quoting is broken.
 */
export function splitDelimited(rec: string, delim: string, out: string[]): number | string {
  let s = rec;
  const last = s.charCodeAt(s.length - 1);
  if (last === 13) s = s.slice(0, -1);
  let n = 0;
  if (s.indexOf('"') < 0) {
    let p = 0;
    for (;;) {
      const d = s.indexOf(delim, p);
      if (d < 0) {
        out[n++] = s.slice(p);
        return n;
      }
      out[n++] = s.slice(p, d);
      p = d + delim.length;
    }
  }
  const dc = delim.charCodeAt(0);
  let i = 0;
  const len = s.length;
  for (;;) {
    if (i < len && s.charCodeAt(i) === 34) {
      // quoted field: "" is a literal quote
      let val = '';
      let p = i + 1;
      for (;;) {
        const q = s.indexOf('"', p);
        if (q < 0) return 'unterminated quote';
        val += s.slice(p, q);
        if (s.charCodeAt(q + 1) === 34) {
          val += '"';
          p = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // tolerate spaces after the closing quote; anything else is broken quoting
      while (i < len && s.charCodeAt(i) === 32) i++;
      out[n++] = val;
      if (i >= len) return n;
      if (s.charCodeAt(i) !== dc) return 'text after a closing quote';
      i++;
      if (i === len) {
        out[n++] = '';
        return n;
      }
    } else {
      const d = s.indexOf(delim, i);
      if (d < 0) {
        out[n++] = s.slice(i);
        return n;
      }
      out[n++] = s.slice(i, d);
      i = d + 1;
      if (i === len) {
        out[n++] = '';
        return n;
      }
    }
  }
}

const DELIMS = [',', '\t', ';', '|'];

/** The delimiter that splits the header and the next lines into the same number (>1) of fields. */
function sniffDelimiter(lines: readonly string[]): string | null {
  let best: string | null = null;
  let bestFields = 1;
  const buf: string[] = [];
  for (const d of DELIMS) {
    const n0 = splitDelimited(lines[0], d, buf);
    // a real export has at most a few hundred columns; thousands are prose or an attack on detection
    if (typeof n0 !== 'number' || n0 < 2 || n0 > 2000) continue;
    let agree = 0;
    let checked = 0;
    for (const l of lines.slice(1, 30)) {
      if (l.trim() === '') continue;
      checked++;
      const m = splitDelimited(l, d, buf);
      // n0 + 1: a trailing column the header does not name (Event Viewer's message, see readTable)
      if (m === n0 || m === n0 + 1) agree++;
    }
    // tolerant: broken records and quoted newlines in the head must not hide the delimiter
    if (checked > 0 && agree / checked < 0.3) continue;
    if (n0 > bestFields) {
      best = d;
      bestFields = n0;
    }
  }
  return best;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/;

/** True when the first line reads like data (addresses, timestamps, numbers) rather than names. */
function looksLikeData(fields: readonly string[]): boolean {
  const ctx = { tz: null, year: 2000, refTime: null };
  // no header names a column by a date and time: a line that starts with one is a record (NLog's
  // `2026-12-07 10:15:30.1234|INFO|App.Program|started` lost its first line as a header)
  if (ISO_DATE_TIME.test(fields[0]?.trim() ?? '')) return true;
  let dataLike = 0;
  // values no header names a column by: an address, a date and time, an e-mail address. Two of them
  // make a record however many text columns it has (a Zscaler NSS feed's 17 fields carry a ctime
  // date, a user and two addresses among categories and verdicts: its first record was a header)
  let strong = 0;
  for (const f of fields) {
    const t = f.trim();
    const marked = normalizeIp(t) !== null || (t.length >= 8 && !Number.isNaN(parseTimestamp(t, ctx))) || /^[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+$/.test(t);
    if (marked) strong++;
    if (marked || t === '' || /^[\d.,:+-]+$/.test(t)) dataLike++;
  }
  return strong >= 2 || dataLike >= Math.max(1, fields.length / 2);
}

/**
 * Head lines joined into records where a quoted field spans lines (PowerShell's Export-Csv writes
 * Windows event messages with their line breaks). An odd number of quotes leaves a record open;
 * one still open after 200 lines or 256 KiB is an unterminated quote, and the lines stay as they were.
 */
export function joinQuotedLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let open: string[] | null = null;
  let size = 0;
  let startAt = 0;
  const quotes = (l: string): number => {
    let q = 0;
    for (let i = l.indexOf('"'); i >= 0; i = l.indexOf('"', i + 1)) q++;
    return q;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (open === null) {
      if (quotes(l) % 2 === 0) out.push(l);
      else {
        open = [l];
        size = l.length;
        startAt = i;
      }
      continue;
    }
    open.push(l);
    size += l.length + 1;
    if (quotes(l) % 2 === 1) {
      out.push(open.join('\n'));
      open = null;
    } else if (open.length > 200 || size > 262_144) {
      out.push(...lines.slice(startAt, i + 1));
      open = null;
    }
  }
  // a record cut by the end of the head: its lines, as they were
  if (open !== null) out.push(...open);
  return out;
}

/** Head records (quoted line breaks joined) without blank lines and a leading BOM. */
function cleanHead(headLines: readonly string[]): string[] {
  const out = joinQuotedLines(headLines).filter((l) => l.trim() !== '');
  if (out.length > 0 && out[0].charCodeAt(0) === 0xfeff) out[0] = out[0].slice(1);
  return out;
}

/**
 * Reads the head as a delimited table; null when it is not one. A first row that reads like data
 * makes a headerless table whose columns are named col1..colN (the user maps them with --map).
 */
export function readTable(headLines: readonly string[]): { delimiter: string; header: string[]; rows: string[][]; headerless: boolean; trailing?: boolean; typeLine?: boolean; preamble?: number; columnsFrom?: string } | null {
  // Windows DHCP Server's audit log (DhcpSrvLog-*.log) opens with a legend of its event ids: the table starts at its header
  const preamble = dhcpPreamble(headLines);
  let lines = cleanHead(preamble > 0 ? headLines.slice(preamble) : headLines);
  // Windows PowerShell's Export-Csv (without -NoTypeInformation) writes `#TYPE <.NET type>` above the header
  const typeLine = lines.length > 1 && /^#TYPE [\w.`[\]]+\s*$/.test(lines[0]!);
  if (typeLine) lines = lines.slice(1);
  if (lines.length < 1) return null;
  if (lines[0].startsWith('#') || lines[0].startsWith('{') || lines[0].startsWith('[')) return null;
  const delimiter = sniffDelimiter(lines);
  if (delimiter === null) return null;
  const buf: string[] = [];
  const n = splitDelimited(lines[0], delimiter, buf);
  if (typeof n !== 'number') return null;
  let header = buf.slice(0, n).map((h) => h.trim());
  let headerless = looksLikeData(header);
  // a published data set written without its header (UNSW-NB15's raw CSVs): its documented column names
  const known = headerless ? knownHeaderless(header) : null;
  if (known !== null) header = [...known.columns];
  else if (headerless) header = header.map((_h, i) => `col${i + 1}`);
  const body = lines.slice(headerless ? 0 : 1, 60);
  if (known !== null) headerless = false;
  const counts = body.map((l) => splitDelimited(l, delimiter, buf));
  // Rows with one field more than the header names: Event Viewer's "Save as CSV" writes
  // `Keywords,Date and Time,Source,Event ID,Task Category` and then six fields per row, the
  // event's message last. When most rows do that, the column gets a name and is read.
  const wider = counts.filter((m) => m === n + 1).length;
  const trailing = !headerless && wider > 0 && wider >= counts.filter((m) => m === n).length;
  if (trailing) header = [...header, windowsFields(header.map(normalizeFieldName)) !== null ? 'Message' : `col${n + 1}`];
  const rows: string[][] = [];
  for (const l of body) {
    const m = splitDelimited(l, delimiter, buf);
    if (typeof m === 'number' && m === header.length) rows.push(buf.slice(0, m));
  }
  return { delimiter, header, rows, headerless, trailing, ...(typeLine ? { typeLine } : {}), ...(preamble > 0 ? { preamble } : {}), ...(known !== null ? { columnsFrom: known.name } : {}) };
}

const DHCP_TITLE = /^\s*Microsoft DHCP(?:v6)? Service Activity Log\s*$/;
const DHCP_HEADER = /^ID,Date,Time,Description,/;

/** Lines before a Windows DHCP Server log's header (its title and event-id legend), 0 for any other head. */
function dhcpPreamble(headLines: readonly string[]): number {
  const first = headLines.findIndex((l) => l.trim() !== '');
  if (first < 0 || !DHCP_TITLE.test(headLines[first]!.replace(/^\uFEFF/, ''))) return 0;
  const at = headLines.findIndex((l) => DHCP_HEADER.test(l));
  return at > 0 ? at : 0;
}

/** UNSW-NB15's 49 features in NUSW-NB15_features.csv order: the raw UNSW-NB15_1..4.csv files carry no header. */
const UNSW_NB15_COLUMNS = 'srcip,sport,dstip,dsport,proto,state,dur,sbytes,dbytes,sttl,dttl,sloss,dloss,service,Sload,Dload,Spkts,Dpkts,swin,dwin,stcpb,dtcpb,smeansz,dmeansz,trans_depth,res_bdy_len,Sjit,Djit,Stime,Ltime,Sintpkt,Dintpkt,tcprtt,synack,ackdat,is_sm_ips_ports,ct_state_ttl,ct_flw_http_mthd,is_ftp_login,ct_ftp_cmd,ct_srv_src,ct_srv_dst,ct_dst_ltm,ct_src_ltm,ct_src_dport_ltm,ct_dst_sport_ltm,ct_dst_src_ltm,attack_cat,Label'.split(',');

/**
 * The columns of a known data set written without a header, recognised by its first row: UNSW-NB15's
 * raw files (49 fields: address, port, address, port, a transport name, an Argus state, and epoch
 * seconds for Stime and Ltime). Null when the row is not one.
 */
function knownHeaderless(first: readonly string[]): { name: string; columns: readonly string[] } | null {
  const umbrella = umbrellaDnsColumns(first);
  if (umbrella !== null) return { name: UMBRELLA_DNS, columns: umbrella };
  if (first.length !== UNSW_NB15_COLUMNS.length) return null;
  const f = first.map((v) => v.trim());
  const port = (v: string): boolean => /^(?:\d{1,5}|0x[0-9a-fA-F]{1,4}|-)$/.test(v);
  if (normalizeIp(f[0]!) === null || normalizeIp(f[2]!) === null || !port(f[1]!) || !port(f[3]!)) return null;
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(f[4]!) || !/^[A-Z]{2,4}$|^no$|^-$/.test(f[5]!)) return null;
  if (!/^\d{10}$/.test(f[28]!) || !/^\d{10}$/.test(f[29]!) || !/^[01]$/.test(f[48]!)) return null;
  return { name: 'UNSW-NB15', columns: UNSW_NB15_COLUMNS };
}

/** Cisco Umbrella's DNS logs (its S3 export, headerless CSV; versions 1-5 add columns at the end). */
export const UMBRELLA_DNS = 'Cisco Umbrella DNS';
const UMBRELLA_DNS_COLUMNS = ['Timestamp', 'MostGranularIdentity', 'Identities', 'InternalIp', 'ExternalIp', 'Action', 'query_type', 'ResponseCode', 'query_name', 'Categories', 'MostGranularIdentityType', 'IdentityTypes', 'BlockedCategories', 'RuleId', 'DestinationCountries', 'OrganizationId'];

/** Umbrella's DNS columns for a first row that is one of its records (a time, two addresses, Allowed/Blocked, `1 (A)`, a name ending in a dot), else null. */
function umbrellaDnsColumns(first: readonly string[]): string[] | null {
  if (first.length < 10 || first.length > 24) return null;
  const f = first.map((v) => v.trim());
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(f[0]!) || !/^(?:Allowed|Blocked)$/.test(f[5]!) || !/^\d{1,5} \([A-Z0-9*]+\)$/.test(f[6]!)) return null;
  if (normalizeIp(f[3]!) === null || !/^[A-Z]+$/.test(f[7]!) || !/\.$/.test(f[8]!)) return null;
  return first.map((_, i) => UMBRELLA_DNS_COLUMNS[i] ?? `col${i + 1}`);
}

/** The header of the totals nfdump -o csv appends after `Summary`. */
const NFDUMP_SUMMARY_HEADER = 'flows,bytes,packets,avg_bps,avg_pps,avg_bpp';

class DelimitedParser implements RecordParser {
  private readonly mapper: RowMapper;
  private readonly buf: string[] = [];
  private readonly width: number;
  private readonly delim: string;
  private readonly headerNorm: string;
  private readonly header0: string;
  private readonly time: TimeContext;
  /** the last column is one the file's header did not name (readTable): it may be absent, and holds any extra delimiters */
  private readonly trailing: boolean;
  /** an Azure WAF log exported from Log Analytics (waf.ts), or null */
  private readonly azure: AzureCsvLayout | null;
  /** a DNS log's table (Umbrella): the name asked and its type are moved as for named-field DNS logs */
  private readonly dnsLog: boolean;
  /** the line before was nfdump's summary header: the totals row follows */
  private summaryNext = false;

  constructor(ctx: ParseContext) {
    const header = ctx.layout.header ?? [];
    this.width = header.length;
    this.trailing = ctx.layout.hints?.trailingColumn === true;
    this.delim = ctx.layout.delimiter ?? ',';
    this.mapper = new RowMapper(header, ctx.layout.mapping);
    this.azure = azureCsvLayout(header);
    this.dnsLog = ctx.layout.hints?.columnsFrom === UMBRELLA_DNS;
    this.headerNorm = header.join('\u0001');
    this.header0 = header[0] ?? '';
    this.time = timeContextOf(ctx);
  }

  parse(text: string, row: CellValue[], counters: CleaningCounters): string | null {
    if (text.length === 0 || (text.length === 1 && text.charCodeAt(0) === 13)) return 'empty record';
    // nfdump -o csv ends with totals (`Summary`, their header, one row): derived, not flows
    const line = text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
    if (line === 'Summary' || line === NFDUMP_SUMMARY_HEADER) {
      this.summaryNext = line === NFDUMP_SUMMARY_HEADER;
      return SKIP;
    }
    if (this.summaryNext) {
      this.summaryNext = false;
      if (/^[\d.,]{1,200}$/.test(line) && line.split(',').length === 6) return SKIP;
    }
    const n = splitDelimited(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, this.delim, this.buf);
    if (typeof n === 'string') return n;
    if (n !== this.width && !(this.trailing && n >= this.width - 1)) return `expected ${this.width} fields, found ${n}`;
    if (this.trailing && n !== this.width) {
      // an empty message may be left out; an unquoted one may hold the delimiter: the rest of the record is the message
      if (n < this.width) this.buf[n] = '';
      else this.buf[this.width - 1] = this.buf.slice(this.width - 1, n).join(this.delim);
      this.mapper.fill(this.buf, this.width, row, counters, this.time);
      return null;
    }
    // a repeated header (concatenated exports) is not a record
    if (this.buf[0].trim() === this.header0 && this.buf.slice(0, n).map((f) => f.trim()).join('\u0001') === this.headerNorm) return SKIP;
    this.mapper.fill(this.buf, n, row, counters, this.time);
    if (this.azure !== null) azureCsvRecord(this.azure, this.buf, n, row);
    if (this.dnsLog) dnsRecordFields(row);
    return null;
  }
}

/** CIDDS-001 / nfdump-style flow export header, compared on normalised names. */
const CIDDS_FIELDS = ['datefirstseen', 'duration', 'proto', 'srcipaddr', 'srcpt', 'dstipaddr', 'dstpt', 'packets', 'bytes', 'flows', 'flags', 'tos'];

function isCidds(header: readonly string[]): boolean {
  const norm = new Set(header.map(normalizeFieldName));
  return CIDDS_FIELDS.every((f) => norm.has(f));
}

/** The table layout of the head with whatever roles the names and values give (maybe none). */
function tableLayout(headLines: readonly string[], name: string): SourceLayout | null {
  const t = readTable(headLines);
  if (t === null) return null;
  const format = name === 'cidds' ? 'cidds' : t.delimiter === '\t' ? 'tsv' : 'csv';
  // no header: nothing names the columns, so nothing is mapped until the user says (--map)
  const skip = (t.typeLine ? 1 : 0) + (t.preamble ?? 0);
  if (t.headerless) return { format, header: t.header, delimiter: t.delimiter, mapping: {}, firstRecordLine: 1 + skip, hints: { headerless: true } };
  const mapping = mapFields(t.header, t.rows);
  // an Azure WAF log exported from Log Analytics: its columns' roles are known (waf.ts)
  if (azureCsvLayout(t.header) !== null) {
    for (const role of ['path', 'src_ip', 'src_port', 'host', 'dst_ip']) delete mapping[role];
    Object.assign(mapping, azureCsvMapping(t.header));
  }
  // Umbrella: the client is the internal address (the external one is the network's NAT), the name and type go through dnsRecordFields
  if (t.columnsFrom === UMBRELLA_DNS) {
    for (const k of Object.keys(mapping)) delete mapping[k];
    Object.assign(mapping, { ts: 'Timestamp', src_ip: 'InternalIp', action: 'Action' });
  }
  // a known data set's columns named from its documentation: its first line is already a record
  const layout: SourceLayout = { format, header: t.header, delimiter: t.delimiter, mapping, firstRecordLine: (t.columnsFrom !== undefined ? 1 : 2) + skip };
  if (t.trailing) layout.hints = { trailingColumn: true };
  if (t.columnsFrom !== undefined) layout.hints = { ...layout.hints, columnsFrom: t.columnsFrom };
  let tsCol = mapping.ts !== undefined ? t.header.indexOf(mapping.ts) : -1;
  // `Date` + `Time` columns: the date is in the partner column (RowMapper joins them)
  if (tsCol >= 0 && normalizeFieldName(t.header[tsCol]!) === 'time') {
    const dateCol = t.header.findIndex((h) => normalizeFieldName(h) === 'date');
    if (dateCol >= 0) tsCol = dateCol;
  }
  if (tsCol >= 0) {
    const values = t.rows.map((r) => r[tsCol] ?? '');
    if (values.some((v) => /^\s*\d{1,2}\/\d{1,2}\/\d{4}/.test(v))) {
      // the order is stated in the layout (stored with the source), decided by the values when they can
      // dotted dates beside them (05.03.2024) are European, so their slashed ones are day first too
      // (not with AM/PM: a 12-hour clock is the US's, month first)
      const dotted = values.some((v) => /^\s*\d{1,2}\.\d{1,2}\.\d{4}/.test(v)) && !values.some((v) => /\d\s*[AaPp][Mm]\s*$/.test(v));
      // CICFlowMeter writes its Timestamp as dd/MM/yyyy (CIC-IDS2017's 3/7/2017 is 3 July): its layout settles it
      const norm = t.header.map(normalizeFieldName);
      // (CSE-CIC-IDS2018's files mostly have no Flow ID and no addresses: Dst Port, Protocol, Timestamp, Flow Duration, Tot Fwd Pkts…)
      const cic = (norm.includes('flowid') || norm.includes('flowduration')) && (norm.includes('totalfwdpackets') || norm.includes('totfwdpkts'));
      const order = slashDateOrder(values) ?? (dotted || cic ? 'dmy' : null);
      layout.hints = { ...layout.hints, dateOrder: order ?? 'mdy', dateOrderFrom: slashDateOrder(values) ? 'values' : dotted ? 'dotted dates' : cic ? 'CICFlowMeter layout' : 'default' };
      // CIC-IDS2017's own CSVs write `7/7/2017 3:56` for 15:56: minutes, no seconds, no AM/PM (CICFlowMeter writes both)
      const clocks = values.map((v) => /^\s*\d{1,2}\/\d{1,2}\/\d{4} (\d{1,2}):\d{2}\s*$/.exec(v));
      if (cic && clocks.every((c) => c !== null && Number(c[1]) <= 12)) layout.hints.workdayClock = true;
    }
  }
  return layout;
}

function detectDelimited(headLines: readonly string[], cidds: boolean): DetectResult | null {
  try {
    const layout = tableLayout(headLines, cidds ? 'cidds' : 'csv');
    if (layout === null || layout.header === null) return null;
    if (cidds && !isCidds(layout.header)) return null;
    const roles = Object.keys(layout.mapping);
    const anchors = ['ts', 'src_ip', 'dst_ip'].filter((r) => roles.includes(r)).length;
    if (anchors === 0) return null;
    const coverage = roles.length / layout.header.length;
    const confidence = cidds ? 0.97 : Math.min(0.8, 0.5 + 0.1 * anchors + 0.2 * coverage);
    return { confidence, layout };
  } catch {
    return null; // never throw from detection: not a table we can read
  }
}

function safeTableLayout(headLines: readonly string[], name: string): SourceLayout | null {
  try {
    return tableLayout(headLines, name);
  } catch {
    return null; // layoutFor must not throw either
  }
}

export const ciddsSpec: FormatSpec = {
  name: 'cidds',
  title: 'CIDDS-001 / nfdump flow CSV',
  description: 'Date first seen,Duration,Proto,Src IP Addr,Src Pt,Dst IP Addr,Dst Pt,Packets,Bytes,Flows,Flags,Tos,class,attackType,...: 1000-based byte suffixes, padded protocols, ICMP type.code ports',
  framing: 'csv',
  samples: [
    'Date first seen,Duration,Proto,Src IP Addr,Src Pt,Dst IP Addr,Dst Pt,Packets,Bytes,Flows,Flags,Tos,class,attackType,attackID,attackDescription',
    '2017-03-15 00:01:16.632,0.000,TCP  ,192.168.100.5,445,192.168.220.16,58844.0,1,108,1,.AP...,0,normal,---,---,---',
    '2017-03-15 00:01:16.552,0.052,UDP  ,192.168.220.15,53.0,DNS,63446,2,1.2 M,1,......,0,normal,---,---,---',
    '2017-03-15 00:02:17.314,0.000,ICMP ,192.168.220.4,0,192.168.100.4,3.3,1,420 K,1,......,0,attacker,portScan,1,nmap -sS',
  ],
  detect: (head) => detectDelimited(head, true),
  layoutFor: (head) => {
    const l = safeTableLayout(head, 'cidds');
    return l !== null && l.header !== null && isCidds(l.header) ? l : null;
  },
  createParser: (ctx) => new DelimitedParser(ctx),
};

export const csvSpec: FormatSpec = {
  name: 'csv',
  title: 'CSV / TSV with a header',
  description: 'Delimited export (comma, tab, semicolon or pipe) with a header row; columns mapped to roles by name and by value',
  framing: 'csv',
  samples: [
    'ip,time,method,path,status,size,referrer,user_agent,anomalous,category',
    '54.36.149.86,2019-01-22 03:59:11.000,GET,/image/8739/specialSale/thumbnail?x=1,200,179495,https://www.zanbil.ir/,"Mozilla/5.0 (X11; Linux x86_64)",0,not anomalous',
    '5.62.206.249,2019-01-22 03:59:12.000,POST,"/login,form",401,512,-,"curl/8.0 ""quoted""",1,bruteforce',
  ],
  detect: (head) => detectDelimited(head, false),
  layoutFor: (head) => safeTableLayout(head, 'csv'),
  createParser: (ctx) => new DelimitedParser(ctx),
};

/** Tab-separated is the same parser; detection names it `tsv` so the case says what it read. */
export const tsvSpec: FormatSpec = {
  ...csvSpec,
  name: 'tsv',
  title: 'TSV with a header',
  description: 'Tab-separated export with a header row; columns mapped to roles by name and by value',
  samples: ['timestamp\tsrc_ip\tdst_ip\tdst_port\tproto\tbytes\taction', '2024-01-05T10:00:00Z\t10.0.0.5\t203.0.113.9\t443\ttcp\t5120\tallow'],
  detect: (head) => {
    const r = detectDelimited(head, false);
    return r && r.layout.delimiter === '\t' ? { ...r, confidence: r.confidence + 0.01 } : null;
  },
  layoutFor: (head) => safeTableLayout(head, 'tsv'),
};
