// Squid's native access.log, the most common forward-proxy log:
//   time.ms elapsed client code/status bytes method URL user hierarchy/peer type
// e.g. `1714557601.123    456 10.0.0.5 TCP_MISS/200 1234 GET http://example.com/a?b - HIER_DIRECT/93.184.216.34 text/html`.
// The client is the source; the URL gives host, path and query (CONNECT gives host:port); the
// peer address, when Squid logged one, is the destination. TCP_DENIED is a refused request.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { cleanCell, normalizeIp } from './clean';
import { timeContextOf, type TimeContext } from './time';

const TIME_RE = /^\d{9,11}\.\d{1,6}$/;
const CODE_RE = /^[A-Z_]+\/\d{1,3}$/;

function tokens(s: string, out: string[]): number {
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i < len) {
    while (i < len && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    if (i >= len) break;
    let e = i;
    while (e < len && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 9) e++;
    out[n++] = s.slice(i, e);
    i = e;
  }
  return n;
}

class SquidParser implements RecordParser {
  private readonly buf: string[] = [];
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    const b = this.buf;
    const n = tokens(s, b);
    if (n < 7) return `expected at least 7 fields, found ${n}`;
    if (!TIME_RE.test(b[0])) return 'not a Squid log line: the first field is not an epoch time';
    row[C.ts] = cleanCell(C.ts, b[0], counters, this.time, row);
    const ms = Number(b[1]);
    if (Number.isFinite(ms) && ms >= 0) row[C.duration] = ms / 1000;
    row[C.src_ip] = cleanCell(C.src_ip, b[2], counters, this.time, row);
    const slash = b[3].lastIndexOf('/');
    const code = slash > 0 ? b[3].slice(0, slash) : b[3];
    if (slash > 0) {
      const st = Number(b[3].slice(slash + 1));
      // status 0 / 000: no answer was sent (aborted, denied before a reply)
      if (st >= 100 && st <= 999) row[C.status] = st;
    }
    if (code.includes('DENIED')) row[C.action] = 'reject';
    row[C.bytes] = cleanCell(C.bytes, b[4], counters, this.time, row);
    const method = b[5];
    if (method !== '-' && method !== 'NONE') row[C.method] = method;
    this.url(b[6], method, row, counters);
    if (n > 7 && b[7] !== '-') row[C.user] = b[7];
    const extra: Record<string, string> = { squid_code: code };
    if (n > 8) {
      const peer = b[8];
      const ps = peer.indexOf('/');
      if (ps > 0) {
        extra.hierarchy = peer.slice(0, ps);
        const ip = normalizeIp(peer.slice(ps + 1));
        if (ip !== null) row[C.dst_ip] = ip;
        else if (peer.length > ps + 1 && peer.slice(ps + 1) !== '-') extra.peer = peer.slice(ps + 1);
      }
    }
    if (n > 9 && b[9] !== '-') extra.content_type = b[9];
    if (n > 10) extra.rest = b.slice(10, n).join(' ');
    row[C.extra] = JSON.stringify(extra);
    return null;
  }

  /** `http://host:port/path?query`, or `host:port` for CONNECT. */
  private url(u: string, method: string, row: CellValue[], counters: CleaningCounters): void {
    if (u === '-' || u === '') return;
    let rest = u;
    const scheme = rest.indexOf('://');
    if (scheme > 0) rest = rest.slice(scheme + 3);
    else if (method === 'CONNECT' || rest.charCodeAt(0) !== 47) {
      const c = rest.lastIndexOf(':');
      row[C.host] = c > 0 ? rest.slice(0, c) : rest;
      if (c > 0) row[C.dst_port] = cleanCell(C.dst_port, rest.slice(c + 1), counters, this.time, row);
      return;
    }
    let path = '/';
    if (scheme > 0) {
      const slash = rest.indexOf('/');
      const hostPort = slash < 0 ? rest : rest.slice(0, slash);
      path = slash < 0 ? '/' : rest.slice(slash);
      const c = hostPort.lastIndexOf(':');
      const bracket = hostPort.indexOf(']');
      row[C.host] = c > 0 && bracket < c ? hostPort.slice(0, c) : hostPort;
      if (c > 0 && bracket < c) row[C.dst_port] = cleanCell(C.dst_port, hostPort.slice(c + 1), counters, this.time, row);
    } else path = rest;
    const q = path.indexOf('?');
    row[C.path] = q < 0 ? path : path.slice(0, q);
    if (q >= 0) row[C.query] = path.slice(q + 1);
  }
}

function detectSquid(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  const buf: string[] = [];
  let ok = 0;
  for (const l of lines) {
    const n = tokens(l, buf);
    if (n >= 7 && TIME_RE.test(buf[0]) && /^\d+$/.test(buf[1]) && CODE_RE.test(buf[3]) && normalizeIp(buf[2]) !== null) ok++;
  }
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.95 * (ok / lines.length), layout: { format: 'squid', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const squidSpec: FormatSpec = {
  name: 'squid',
  title: 'Squid proxy access log (native)',
  description: 'time.ms elapsed client code/status bytes method URL user hierarchy/peer type; TCP_DENIED is a refused request',
  framing: 'lines',
  samples: [
    '1714557601.123    456 10.0.0.5 TCP_MISS/200 1234 GET http://example.com/index.html?q=1 - HIER_DIRECT/93.184.216.34 text/html',
    '1714557602.001      0 10.0.0.7 TCP_DENIED/403 3941 CONNECT evil.example:443 alice HIER_NONE/- text/html',
    '1714557603.500  12045 10.0.0.5 TCP_TUNNEL/200 81234 CONNECT www.example.org:443 - HIER_DIRECT/2001:db8::10 -',
  ],
  detect: (head) => {
    try {
      return detectSquid(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new SquidParser(ctx),
};
