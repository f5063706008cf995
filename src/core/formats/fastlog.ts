// Snort / Suricata `alert_fast` (fast.log): one IDS alert per line,
//   03/26/2018-20:22:37.097370  [**] [1:2001219:20] ET SCAN Potential SSH Scan [**] [Classification: …] [Priority: 2] {TCP} 203.0.113.50:48910 -> 10.2.41.231:22
// Suricata writes a four-digit year (and `[Drop]`/`[wDrop]` before `[**]` inline); Snort writes
// none unless run with -y (then two digits); both write the sensor's local time. Typed like eve.json
// alerts: signature as the message, classification as the category, the 5-tuple, and a drop as reject.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { cleanCell, normalizeIp, normalizeProto } from './clean';
import { timeContextOf, type TimeContext } from './time';

/** `mm/dd[/yy|/yyyy]-hh:mm:ss[.ffffff]` then blanks: every part bounded, so linear on any line. */
const TIME = /^(\d{2})\/(\d{2})(?:\/(\d{4}|\d{2}))?-(\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)\s+/;
/** `[1:2001219:20] ` generator:signature:revision */
const GSR = /^\[(\d{1,10}):(\d{1,12}):(\d{1,10})\] /;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Protocols whose alerts carry ports; ICMP's `:8 -> :0` are Suricata's type and code. */
const PORTED = new Set(['TCP', 'UDP', 'SCTP']);

interface Alert {
  time: string;
  raw: string;
  verdict: string | null;
  gid: string;
  sid: string;
  rev: string;
  msg: string;
  classification: string | null;
  priority: string | null;
  proto: string;
  src: string;
  dst: string;
  suricata: boolean;
}

/** The parts of one fast.log line, or a reason it is not one. Only indexOf and anchored regexes. */
function readAlert(s: string): Alert | string {
  const t = TIME.exec(s);
  if (t === null) return 'not a fast.log alert: no mm/dd-hh:mm:ss time first';
  const month = MONTHS[Number(t[1]) - 1];
  if (month === undefined) return 'not a fast.log alert: no month in the time';
  const yy = t[3];
  // without a year the source's stated year applies, as for syslog
  const time = yy === undefined ? `${month} ${t[2]} ${t[4]}` : `${yy.length === 4 ? yy : (Number(yy) < 70 ? '20' : '19') + yy}-${t[1]}-${t[2]} ${t[4]}`;
  const body = readAlertBody(s, t[0].length, true);
  if (typeof body === 'string') return body;
  return { ...body, time, raw: t[0].trimEnd(), suricata: yy !== undefined && yy.length === 4 };
}

/**
 * An alert from `i` on: optional `[Drop] `, then (fast.log) `[**] `, `[gid:sid:rev] signature`,
 * which ends at ` [**]` in fast.log and at the classification, priority or protocol in syslog
 * (`snort[1]: [1:2001219:20] ET SCAN … [Classification: …] [Priority: 2] {TCP} a:p -> b:q`).
 */
function readAlertBody(s: string, start: number, fast: boolean): Omit<Alert, 'time' | 'raw' | 'suricata'> | string {
  let i = start;
  let verdict: string | null = null;
  if (s.startsWith('[', i) && !s.startsWith('[**]', i) && !/^\[\d/.test(s.slice(i, i + 2))) {
    const close = s.indexOf('] ', i);
    if (close < 0 || close - i > 20) return 'not a fast.log alert: no [**] after the time';
    verdict = s.slice(i + 1, close);
    i = close + 2;
  }
  if (fast) {
    if (!s.startsWith('[**] ', i)) return 'not a fast.log alert: no [**] after the time';
    i += 5;
  }
  const g = GSR.exec(s.slice(i, i + 40));
  if (g === null) return 'not a fast.log alert: no [gid:sid:rev]';
  i += g[0].length;
  const brace = s.lastIndexOf(' {');
  const braceEnd = brace < i ? -1 : s.indexOf('} ', brace);
  if (braceEnd < 0) return 'not a fast.log alert: no {protocol} before the addresses';
  let msgEnd = fast ? s.indexOf(' [**]', i) : brace;
  if (msgEnd < 0 || msgEnd > brace) return 'not a fast.log alert: the signature does not end with [**]';
  if (!fast) {
    for (const label of [' [Classification: ', ' [Priority: ']) {
      const at = s.indexOf(label, i);
      if (at >= 0 && at < msgEnd) msgEnd = at;
    }
  }
  const arrow = s.indexOf(' -> ', braceEnd);
  if (arrow < 0) return 'not a fast.log alert: no "src -> dst"';
  const tail = s.slice(msgEnd, brace);
  return {
    verdict,
    gid: g[1],
    sid: g[2],
    rev: g[3],
    msg: s.slice(i, msgEnd),
    classification: bracketed(tail, '[Classification: ', tail.length),
    priority: bracketed(tail, '[Priority: ', tail.length),
    proto: s.slice(brace + 2, braceEnd),
    src: s.slice(braceEnd + 2, arrow).trim(),
    dst: s.slice(arrow + 4).trim(),
  };
}

/** The text of `[Label: text]` before `end`, or null. */
function bracketed(tail: string, label: string, end: number): string | null {
  const at = tail.indexOf(label);
  if (at < 0 || at > end) return null;
  const close = tail.indexOf(']', at);
  return close < 0 || close > end ? null : tail.slice(at + label.length, close);
}

/**
 * An endpoint: `a.b.c.d[:port]`, `[v6]:port`, or Suricata's unbracketed `v6:port` (it always
 * appends the port, so the last group is the port when what is left is an address).
 */
function endpoint(e: string, ported: boolean, suricata: boolean): { ip: string | null; port: number | null } {
  if (e.startsWith('[')) {
    const close = e.indexOf(']');
    const port = close > 0 && e.charCodeAt(close + 1) === 58 ? Number(e.slice(close + 2)) : NaN;
    return { ip: close > 0 ? normalizeIp(e.slice(1, close)) : null, port: Number.isInteger(port) && port <= 65535 ? port : null };
  }
  const whole = normalizeIp(e);
  const colon = e.lastIndexOf(':');
  const v6 = e.indexOf(':') !== colon;
  if (colon > 0 && (!v6 || whole === null || ported || suricata)) {
    const ip = normalizeIp(e.slice(0, colon));
    const port = Number(e.slice(colon + 1));
    if (ip !== null && /^\d{1,5}$/.test(e.slice(colon + 1)) && port <= 65535) return { ip, port };
  }
  return { ip: whole, port: null };
}

/** The typed fields of an alert: 5-tuple, signature, classification, a drop as reject; ids in `extra`. */
function fillAlert(a: Omit<Alert, 'time' | 'raw' | 'suricata'>, suricata: boolean, row: CellValue[], extra: Record<string, string>): void {
  // Snort's preprocessors write `{PROTO:255}`: the number is the IP protocol
  const proto = normalizeProto(a.proto.toUpperCase().replace(/^PROTO:/, ''));
  row[C.proto] = proto === '' ? null : proto;
  const ported = PORTED.has(proto);
  const src = endpoint(a.src, ported, suricata);
  const dst = endpoint(a.dst, ported, suricata);
  row[C.src_ip] = src.ip ?? (a.src === '' ? null : a.src);
  row[C.dst_ip] = dst.ip ?? (a.dst === '' ? null : a.dst);
  if (ported) {
    row[C.src_port] = src.port;
    row[C.dst_port] = dst.port;
  } else if (proto.includes('ICMP') && src.port !== null) {
    // ICMP has no ports: Suricata's are type and code, written as flags like other ICMP flows
    row[C.flags] = `${src.port}.${dst.port ?? 0}`;
  }
  // Snort 3 quotes the rule's msg: `[1:1000000:1] "Sample Dummy Alert" {TCP} …`
  row[C.message] = a.msg.length >= 2 && a.msg.startsWith('"') && a.msg.endsWith('"') ? a.msg.slice(1, -1) : a.msg;
  if (a.classification !== null && a.classification !== '(null)') row[C.category] = a.classification;
  // `[Drop]` is an inline drop; `[wDrop]` is what an IPS in test mode would have dropped
  if (a.verdict !== null && /^drop$/i.test(a.verdict)) row[C.action] = 'reject';
  extra.gid = a.gid;
  extra.signature_id = a.sid;
  extra.rev = a.rev;
  if (a.priority !== null) extra.priority = a.priority;
  if (a.verdict !== null) extra.verdict = a.verdict;
}

/**
 * A Snort / Suricata alert sent to syslog (`snort[1]: [1:2001219:20] ET SCAN … [Priority: 2] {TCP} a:p -> b:q`,
 * pfSense's IDS packages): typed as a fast.log line; false when the message is not one.
 */
export function typeIdsAlert(message: string, row: CellValue[], extra: Record<string, string>): boolean {
  const a = readAlertBody(message, 0, false);
  if (typeof a === 'string') return false;
  // the signature is the message, as in fast.log and eve.json (the raw line keeps the rest)
  fillAlert(a, true, row, extra);
  return true;
}

class FastLogParser implements RecordParser {
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    const a = readAlert(s);
    if (typeof a === 'string') return a;
    row[C.ts] = cleanCell(C.ts, a.time, counters, this.time, row);
    row[C.ts_text] = a.raw;
    const extra: Record<string, string> = {};
    fillAlert(a, a.suricata, row, extra);
    row[C.extra] = JSON.stringify(extra);
    return null;
  }
}

function detectFastLog(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  let ok = 0;
  for (const l of lines) if (typeof readAlert(l) !== 'string') ok++;
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.95 * (ok / lines.length), layout: { format: 'fastlog', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const fastLogSpec: FormatSpec = {
  name: 'fastlog',
  title: 'Snort / Suricata fast.log alerts',
  description: 'time [**] [gid:sid:rev] signature [**] [Classification: …] [Priority: n] {proto} src:port -> dst:port; the sensor\'s local time (Snort without a year takes the stated year); [Drop] as reject',
  framing: 'lines',
  samples: [
    '03/26/2018-20:22:37.097370  [**] [1:2001219:20] ET SCAN Potential SSH Scan [**] [Classification: Attempted Information Leak] [Priority: 2] {TCP} 203.0.113.50:48910 -> 10.2.41.231:22',
    '03/26/2018-20:22:39.000001  [Drop] [**] [1:2100366:8] GPL ICMP_INFO PING *NIX [**] [Classification: Misc activity] [Priority: 3] {ICMP} 198.51.100.4:8 -> 10.2.41.231:0',
    '08/28-12:34:57.223456  [**] [1:469:3] ICMP PING NMAP [**] [Classification: Attempted Information Leak] [Priority: 2] {ICMP} 203.0.113.9 -> 192.168.1.1',
  ],
  detect: (head) => {
    try {
      return detectFastLog(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new FastLogParser(ctx),
};
