// nfdump's own text output (`nfdump -r file` with the default `line` format, `-o long`, `-o extended`),
// what responders paste or redirect to a file far more often than `-o csv`:
//   Date first seen          Duration Proto      Src IP Addr:Port          Dst IP Addr:Port   Flags Tos  Packets    Bytes Flows
//   2026-03-02 10:00:01.123     0.000 TCP        10.0.0.5:51234 ->    93.184.216.34:443    ....S.   0        1       60     1
// Columns are aligned with spaces; large counts carry a unit after a space (`1.2 M`); an IPv6
// address is joined to its port with a dot (`2001:db8::5.443`); ICMP writes type.code as the
// destination port. The header names the columns (`line` has no Flags/Tos; `extended` adds
// pps, bps and Bpp); the summary nfdump prints after the flows is not flows. A long IPv6 address
// is cut to its first and last seven characters (`2001:62..e0:fed5`) unless nfdump ran with -6:
// the shortened form is kept as written (it still names one host in nearly every log) and counted
// as unparseable, and the source's notes say how to get the full addresses.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { SKIP } from './types';
import { C } from './cols';
import { cleanCell, fixIcmpPorts, normalizeIp } from './clean';
import { timeContextOf, type TimeContext } from './time';

const HEADER_RE = /^Date (?:first seen|flow start)\s+(?:Duration\s+)?Proto\s+Src IP Addr(?::Port)?\s+Dst IP Addr(?::Port)?\s/;
const LINE_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,3})?\s+\d+\.\d{3}\s+\S+\s+\S+/;
/** the block nfdump prints after the flows */
const TRAILER_RE = /^(?:Summary: |Time window: |Total flows processed: |Sys: |Aggregated flows |Top \d+ )/;
const UNITS = new Set(['K', 'M', 'G', 'T']);

/** The columns after the addresses, by the header: [flags?, tos?, then packets, bytes, …, flows]. */
interface Tail {
  flags: boolean;
  tos: boolean;
}

function tailOf(header: string): Tail {
  return { flags: /\bFlags\b/.test(header), tos: /\bTos\b/.test(header) };
}

/** Address and port from `a.b.c.d:p`, `v6::addr.p`, or `addr` alone (no port column). */
function splitAddr(s: string): [string, string | null] {
  const colons = s.split(':').length - 1;
  if (colons === 1) {
    const c = s.indexOf(':');
    return [s.slice(0, c), s.slice(c + 1)];
  }
  if (colons > 1) {
    // IPv6: the port follows the last dot (`2001:db8::5.443`, `fe80::1.8.0` for ICMPv6 type.code)
    const m = /^(.*?[0-9a-fA-F:])\.(\d{1,5}(?:\.\d{1,3})?)$/.exec(s);
    if (m) return [m[1]!, m[2]!];
  }
  return [s, null];
}

/** nfdump's shortened IPv6 address (condense_v6: the first 7 characters, `..`, the last 7). */
export const CONDENSED_V6 = /^[0-9a-fA-F:]{1,7}\.\.[0-9a-fA-F:]{1,7}$/;

/** An address cell: a shortened IPv6 address is kept as written (lower case) and counted unparseable. */
function addressCell(col: number, a: string, counters: CleaningCounters, time: TimeContext, row: CellValue[]): CellValue {
  if (!CONDENSED_V6.test(a)) return cleanCell(col, a, counters, time, row);
  counters.unparseable[col]!++;
  return a.toLowerCase();
}

const isAddress = (a: string): boolean => normalizeIp(a) !== null || CONDENSED_V6.test(a);

class NfdumpTextParser implements RecordParser {
  private readonly time: TimeContext;
  private readonly tail: Tail;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
    this.tail = tailOf(String(ctx.layout.hints?.header ?? ''));
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const s = (line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line).trim();
    if (s === '' || HEADER_RE.test(s) || TRAILER_RE.test(s)) return SKIP;
    if (!LINE_RE.test(s)) return 'not an nfdump flow line: expected a date, time, duration and protocol';
    const raw = s.split(/\s+/);
    // `1.2 M`: a count and its unit are one value
    const t: string[] = [];
    for (const x of raw) {
      if (UNITS.has(x) && t.length > 0 && /^\d+(?:\.\d+)?$/.test(t[t.length - 1]!)) t[t.length - 1] += ` ${x}`;
      else t.push(x);
    }
    const arrow = t[5] === '->' ? 1 : 0;
    const rest = t.slice(6 + arrow);
    const want = (this.tail.flags ? 1 : 0) + (this.tail.tos ? 1 : 0) + 3;
    if (rest.length < want) return `expected at least ${want} fields after the addresses, found ${rest.length}`;
    row[C.ts] = cleanCell(C.ts, `${t[0]} ${t[1]}`, counters, this.time, row);
    row[C.duration] = cleanCell(C.duration, t[2]!, counters, this.time, row);
    row[C.proto] = cleanCell(C.proto, t[3]!, counters, this.time, row);
    const [sa, sp] = splitAddr(t[4]!);
    const [da, dp] = splitAddr(t[5 + arrow]!);
    row[C.src_ip] = addressCell(C.src_ip, sa, counters, this.time, row);
    row[C.dst_ip] = addressCell(C.dst_ip, da, counters, this.time, row);
    if (sp !== null) row[C.src_port] = cleanCell(C.src_port, sp, counters, this.time, row);
    if (dp !== null) row[C.dst_port] = cleanCell(C.dst_port, dp, counters, this.time, row);
    let i = 0;
    if (this.tail.flags) row[C.flags] = cleanCell(C.flags, rest[i++]!, counters, this.time, row);
    if (this.tail.tos) row[C.tos] = cleanCell(C.tos, rest[i++]!, counters, this.time, row);
    row[C.packets] = cleanCell(C.packets, rest[i++]!, counters, this.time, row);
    row[C.bytes] = cleanCell(C.bytes, rest[i++]!, counters, this.time, row);
    row[C.flows] = cleanCell(C.flows, rest[rest.length - 1]!, counters, this.time, row);
    fixIcmpPorts(row, dp, dp, counters);
    return null;
  }
}

function detectNfdumpText(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '');
  const h = lines.findIndex((l) => HEADER_RE.test(l.trim()));
  if (h < 0 || h > 3) return null;
  const body = lines.slice(h + 1, h + 101).filter((l) => !TRAILER_RE.test(l.trim()));
  if (body.length === 0) return null;
  const ok = body.filter((l) => LINE_RE.test(l.trim()) && isAddress(splitAddr(l.trim().split(/\s+/)[4] ?? '')[0])).length;
  if (ok / body.length < 0.8) return null;
  return { confidence: 0.97, layout: { format: 'nfdump', header: null, mapping: {}, firstRecordLine: 1, hints: { header: lines[h]!.trim() } } };
}

export const nfdumpTextSpec: FormatSpec = {
  name: 'nfdump',
  title: 'nfdump text output (line, long, extended)',
  description: 'nfdump -r with its default, long or extended output: date, duration, protocol, address:port -> address:port, [flags tos] packets bytes flows',
  framing: 'lines',
  samples: [
    'Date first seen          Duration Proto      Src IP Addr:Port          Dst IP Addr:Port   Flags Tos  Packets    Bytes Flows',
    '2026-03-02 10:00:01.123     0.000 TCP        10.0.0.5:51234 ->    93.184.216.34:443    ....S.   0        1       60     1',
    '2026-03-02 10:00:03.000    12.500 TCP     2001:db8::5.51235 ->    2001:db8::80.443     .AP.SF   0       10    1.2 M     1',
  ],
  detect: (head) => {
    try {
      return detectNfdumpText(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new NfdumpTextParser(ctx),
};
