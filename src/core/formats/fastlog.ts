// Snort / Suricata `alert_fast` (fast.log): one IDS alert per line,
//   03/26/2018-20:22:37.097370  [**] [1:2001219:20] ET SCAN Potential SSH Scan [**] [Classification: …] [Priority: 2] {TCP} 203.0.113.50:48910 -> 10.2.41.231:22
// Suricata writes a four-digit year (and `[Drop]`/`[wDrop]` before `[**]` inline); Snort writes
// none unless run with -y (then two digits); both write the sensor's local time. Typed like eve.json
// alerts: signature as the message, classification as the category, the 5-tuple, and a drop as reject.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { cleanCell, normalizeIp } from './clean';
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

/** The parts of one alert line, or a reason it is not one. Only indexOf and anchored regexes. */
function readAlert(s: string): Alert | string {
  const t = TIME.exec(s);
  if (t === null) return 'not a fast.log alert: no mm/dd-hh:mm:ss time first';
  const month = MONTHS[Number(t[1]) - 1];
  if (month === undefined) return 'not a fast.log alert: no month in the time';
  const yy = t[3];
  // without a year the source's stated year applies, as for syslog
  const time = yy === undefined ? `${month} ${t[2]} ${t[4]}` : `${yy.length === 4 ? yy : (Number(yy) < 70 ? '20' : '19') + yy}-${t[1]}-${t[2]} ${t[4]}`;
  let i = t[0].length;
  let verdict: string | null = null;
  if (s.startsWith('[', i) && !s.startsWith('[**]', i)) {
    const close = s.indexOf('] ', i);
    if (close < 0 || close - i > 20) return 'not a fast.log alert: no [**] after the time';
    verdict = s.slice(i + 1, close);
    i = close + 2;
  }
  if (!s.startsWith('[**] ', i)) return 'not a fast.log alert: no [**] after the time';
  i += 5;
  const g = GSR.exec(s.slice(i, i + 40));
  if (g === null) return 'not a fast.log alert: no [gid:sid:rev]';
  i += g[0].length;
  const msgEnd = s.indexOf(' [**]', i);
  if (msgEnd < 0) return 'not a fast.log alert: the signature does not end with [**]';
  const msg = s.slice(i, msgEnd);
  const tail = s.slice(msgEnd + 5);
  const brace = tail.lastIndexOf(' {');
  const braceEnd = brace < 0 ? -1 : tail.indexOf('} ', brace);
  if (braceEnd < 0) return 'not a fast.log alert: no {protocol} before the addresses';
  const arrow = tail.indexOf(' -> ', braceEnd);
  if (arrow < 0) return 'not a fast.log alert: no "src -> dst"';
  return {
    time,
    raw: t[0].trimEnd(),
    verdict,
    gid: g[1],
    sid: g[2],
    rev: g[3],
    msg,
    classification: bracketed(tail, '[Classification: ', brace),
    priority: bracketed(tail, '[Priority: ', brace),
    proto: tail.slice(brace + 2, braceEnd),
    src: tail.slice(braceEnd + 2, arrow).trim(),
    dst: tail.slice(arrow + 4).trim(),
    suricata: yy !== undefined && yy.length === 4,
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
    // Snort's preprocessors write `{PROTO:255}`: the number is the IP protocol
    const proto = a.proto.toUpperCase().replace(/^PROTO:/, '');
    row[C.proto] = cleanCell(C.proto, proto, counters, this.time, row);
    const typed = typeof row[C.proto] === 'string' ? String(row[C.proto]) : proto;
    const ported = PORTED.has(typed);
    const src = endpoint(a.src, ported, a.suricata);
    const dst = endpoint(a.dst, ported, a.suricata);
    row[C.src_ip] = src.ip ?? (a.src === '' ? null : a.src);
    row[C.dst_ip] = dst.ip ?? (a.dst === '' ? null : a.dst);
    if (ported) {
      row[C.src_port] = src.port;
      row[C.dst_port] = dst.port;
    } else if (typed.includes('ICMP') && src.port !== null) {
      // ICMP has no ports: Suricata's are type and code, written as flags like other ICMP flows
      row[C.flags] = `${src.port}.${dst.port ?? 0}`;
    }
    row[C.message] = a.msg;
    if (a.classification !== null && a.classification !== '(null)') row[C.category] = a.classification;
    // `[Drop]` is an inline drop; `[wDrop]` is what an IPS in test mode would have dropped
    if (a.verdict !== null && /^drop$/i.test(a.verdict)) row[C.action] = 'reject';
    const extra: Record<string, string> = { gid: a.gid, signature_id: a.sid, rev: a.rev };
    if (a.priority !== null) extra.priority = a.priority;
    if (a.verdict !== null) extra.verdict = a.verdict;
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
