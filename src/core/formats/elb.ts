// AWS load balancer access logs: Application LB (`type time elb client:port target:port ...`)
// and Classic ELB (`time elb client:port backend:port ...`), space-separated with quoted fields.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { cleanCell, normalizeIp } from './clean';
import { readQuoted } from './quoted';
import { timeContextOf, type TimeContext } from './time';

const ALB_TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);

/** Space-separated tokens, `"quoted tokens"` kept whole (quotes removed, `\"` unescaped). */
export function splitQuotedTokens(s: string, out: string[]): number | string {
  let n = 0;
  let i = 0;
  const len = s.length;
  while (i < len) {
    while (i < len && s.charCodeAt(i) === 32) i++;
    if (i >= len) break;
    if (s.charCodeAt(i) === 34) {
      const q = readQuoted(s, i);
      if (!q.closed) return 'unterminated quoted field';
      out[n++] = q.value;
      i = q.end;
    } else {
      const sp = s.indexOf(' ', i);
      const e = sp < 0 ? len : sp;
      out[n++] = s.slice(i, e);
      i = e;
    }
  }
  return n;
}

/** `1.2.3.4:5678` / `[2001:db8::1]:443` -> [ip text, port text]; `-` -> null. */
function splitHostPort(v: string): [string, string] | null {
  if (v === '-' || v === '') return null;
  if (v.charCodeAt(0) === 91) {
    const rb = v.indexOf(']');
    return rb > 0 ? [v.slice(1, rb), v.slice(rb + 2)] : null;
  }
  const c = v.lastIndexOf(':');
  return c > 0 ? [v.slice(0, c), v.slice(c + 1)] : [v, ''];
}

class ElbParser implements RecordParser {
  private readonly buf: string[] = [];
  private readonly time: TimeContext;
  /** token offset: ALB lines start with the request type, Classic lines with the time */
  private readonly o: number;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
    this.o = ctx.layout.hints?.variant === 'classic' ? 0 : 1;
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    const n = splitQuotedTokens(s, this.buf);
    if (typeof n === 'string') return n;
    const o = this.o;
    if (n < o + 13) return `expected at least ${o + 13} fields, found ${n}`;
    const b = this.buf;
    row[C.ts] = cleanCell(C.ts, b[o], counters, this.time, row);
    if (row[C.ts] === null) return 'not a load balancer log line: unreadable time';
    const client = splitHostPort(b[o + 2]);
    if (client === null) return 'not a load balancer log line: no client address';
    row[C.src_ip] = cleanCell(C.src_ip, client[0], counters, this.time, row);
    row[C.src_port] = cleanCell(C.src_port, client[1], counters, this.time, row);
    const target = splitHostPort(b[o + 3]);
    if (target !== null) {
      row[C.dst_ip] = cleanCell(C.dst_ip, target[0], counters, this.time, row);
      row[C.dst_port] = cleanCell(C.dst_port, target[1], counters, this.time, row);
    }
    // -1 processing times mean the request never reached a target
    const tpt = Number(b[o + 5]);
    if (Number.isFinite(tpt) && tpt >= 0) row[C.duration] = tpt;
    row[C.status] = cleanCell(C.status, b[o + 7], counters, this.time, row);
    row[C.bytes] = cleanCell(C.bytes, b[o + 10], counters, this.time, row);
    this.request(b[o + 11], row);
    if (n > o + 12 && b[o + 12] !== '-') row[C.user_agent] = b[o + 12];
    const extra: Record<string, string> = { elb: b[o + 1], target_status: b[o + 8], received_bytes: b[o + 9] };
    if (o === 1) extra.type = b[0];
    if (n > o + 15 && b[o + 15] !== '-') extra.target_group = b[o + 15];
    row[C.extra] = JSON.stringify(extra);
    return null;
  }

  /** `GET https://host:443/path?q HTTP/1.1`: method, host, port, path, query, protocol. */
  private request(req: string, row: CellValue[]): void {
    const a = req.indexOf(' ');
    const z = req.lastIndexOf(' ');
    if (a < 0 || z <= a) {
      if (req !== '- - -' && req !== '-') row[C.path] = req;
      return;
    }
    const method = req.slice(0, a);
    if (method !== '-') row[C.method] = method;
    const proto = req.slice(z + 1);
    if (proto !== '-') row[C.protocol] = proto;
    let url = req.slice(a + 1, z);
    const scheme = url.indexOf('://');
    if (scheme > 0) {
      const slash = url.indexOf('/', scheme + 3);
      const hostPort = url.slice(scheme + 3, slash < 0 ? url.length : slash);
      const c = hostPort.lastIndexOf(':');
      row[C.host] = c > 0 && hostPort.indexOf(']') < c ? hostPort.slice(0, c) : hostPort;
      url = slash < 0 ? '/' : url.slice(slash);
    }
    const q = url.indexOf('?');
    row[C.path] = q < 0 ? url : url.slice(0, q);
    if (q >= 0) row[C.query] = url.slice(q + 1);
  }
}

function detectElb(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  let alb = 0;
  let classic = 0;
  const buf: string[] = [];
  for (const l of lines) {
    const n = splitQuotedTokens(l, buf);
    if (typeof n !== 'number' || n < 13) continue;
    const looksTime = (v: string): boolean => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v);
    const looksAddr = (v: string): boolean => {
      const hp = splitHostPort(v);
      return hp !== null && normalizeIp(hp[0]) !== null;
    };
    if (ALB_TYPES.has(buf[0]) && looksTime(buf[1]) && looksAddr(buf[3])) alb++;
    else if (looksTime(buf[0]) && looksAddr(buf[2])) classic++;
  }
  const best = Math.max(alb, classic);
  if (best / lines.length < 0.5) return null;
  const variant = alb >= classic ? 'alb' : 'classic';
  return { confidence: 0.95 * (best / lines.length), layout: { format: 'elb', header: null, mapping: {}, firstRecordLine: 1, hints: { variant } } };
}

export const elbSpec: FormatSpec = {
  name: 'elb',
  title: 'AWS load balancer access log (ALB / Classic ELB)',
  description: 'type time elb client:port target:port processing times status codes bytes "request" "user agent" ...',
  framing: 'lines',
  samples: [
    'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-"',
    'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 203.0.113.9:46532 - -1 -1 -1 460 - 34 0 "POST https://www.example.com:443/wp-login.php?redirect=1 HTTP/1.1" "python-requests/2.31" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 - "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "-" "-" "-" "-"',
  ],
  detect: (head) => {
    try {
      return detectElb(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new ElbParser(ctx),
};
