// Apache/Nginx access logs (combined and common, optional `vhost[:port]` prefix, extra trailing
// fields): the hot path, so a hand-rolled indexOf scanner with no regex and no split per line.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser, SourceLayout } from './types';
import { C } from './cols';
import { cleanCell, normalizeIp } from './clean';
import { parseTimestamp, type TimeContext } from './time';
import { cdnEdge, isPrivateIp } from '../analysis/net';

/** Apache writes `"` inside quoted fields as `\"`, Nginx as `\x22`; backslash as `\\`. Other escapes stay literal. */
export function unescapeLogField(s: string): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const b = s.indexOf('\\', i);
    if (b < 0 || b === s.length - 1) break;
    out += s.slice(i, b);
    const n = s.charCodeAt(b + 1);
    if (n === 34 || n === 92) {
      out += s[b + 1];
      i = b + 2;
    } else if (n === 120 && (s.startsWith('22', b + 2) || s.startsWith('5c', b + 2) || s.startsWith('5C', b + 2))) {
      out += s.charCodeAt(b + 2) === 50 ? '"' : '\\';
      i = b + 4;
    } else {
      out += '\\';
      i = b + 1;
    }
  }
  return out + s.slice(i);
}

/** Index of the quote closing a field that opened at `open`, skipping backslash escapes; -1 if none. */
function closingQuote(s: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const q = s.indexOf('"', i);
    if (q < 0) return -1;
    let bs = 0;
    for (let k = q - 1; k > open && s.charCodeAt(k) === 92; k--) bs++;
    if ((bs & 1) === 0) return q;
    i = q + 1;
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Small non-negative integer at [from, to) or -1. */
function intAt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/**
 * Traefik's CLF ends with `<requests since start> "<router>" "<server URL>" <duration>ms`: named in
 * `extra`, the duration (ms, the unit written) in seconds. `last` is the field number of the last
 * trailing field (fieldN as named in extra).
 */
function traefikFields(extra: Record<string, string>, last: number, row: CellValue[]): void {
  const ms = extra[`field${last}`];
  if (ms === undefined || !/^\d{1,9}ms$/.test(ms)) return;
  const requests = extra[`field${last - 3}`];
  if (requests === undefined || !/^\d{1,15}$/.test(requests) || extra[`field${last - 1}`] === undefined) return;
  row[C.duration] = Number(ms.slice(0, -2)) / 1000;
  extra.requests = requests;
  const router = extra[`field${last - 2}`];
  if (router !== undefined) extra.router = router;
  extra.server = extra[`field${last - 1}`];
  for (let k = last - 3; k <= last; k++) delete extra[`field${k}`];
}

/**
 * The client behind a proxy: when the remote address is private (a load balancer, a reverse
 * proxy) or a CDN's published edge (Cloudflare, Fastly, CloudFront: see cdnEdge) and a trailing
 * field is an X-Forwarded-For list, the rightmost address in it that is neither private nor a CDN
 * edge (the one the nearest trusted hop appended; addresses left of it are whatever the client
 * claimed); when every hop is private (an internal client behind an internal proxy), the first one.
 * Null when the remote address is any other public address (then the header is the client's own
 * word) or the field is not a list of addresses.
 */
export function forwardedClient(value: string, remote: string): string | null {
  const c = value.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 58)) return null;
  if (!isPrivateIp(remote) && cdnEdge(remote) === null) return null;
  const parts = value.split(',');
  let client: string | null = null;
  let first: string | null = null;
  let edges = false;
  for (const part of parts) {
    const ip = normalizeIp(part.trim());
    if (ip === null) return null;
    first ??= ip;
    if (isPrivateIp(ip)) continue;
    if (cdnEdge(ip) === null) client = ip;
    else edges = true;
  }
  return client ?? (first !== remote && !edges ? first : null);
}

/** A dotted host name with a top-level domain of letters (`www.example.com`); never an identd user name */
const VHOST_IDENT = /^(?=.{4,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63}$/;

class AccessParser implements RecordParser {
  private lastTsText = '';
  private lastTs = NaN;
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = { tz: ctx.tz, year: ctx.year, refTime: ctx.refTime };
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    let s = line;
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
    const lb = s.indexOf(' [');
    if (lb < 0) return 'not an access log line: no [timestamp]';
    const rb = s.indexOf(']', lb + 2);
    if (rb < 0) return 'not an access log line: unterminated [timestamp]';

    // client ident authuser, read backwards from the time; anything before is a prefix:
    // one token is a `vhost[:port]`, more is a relay's header (syslog) kept in extra
    const uSp = lb > 0 ? s.lastIndexOf(' ', lb - 1) : -1;
    const iSp = uSp > 0 ? s.lastIndexOf(' ', uSp - 1) : -1;
    if (iSp < 0) return 'not an access log line: expected "client ident user [time]"';
    const cSp = iSp > 0 ? s.lastIndexOf(' ', iSp - 1) : -1;
    let ip = s.slice(cSp + 1, iSp);
    let ident = s.slice(iSp + 1, uSp);
    let user = s.slice(uSp + 1, lb);
    let prefix: string | null = cSp > 0 ? s.slice(0, cSp) : null;
    if (prefix !== null) {
      const sp1 = s.indexOf(' ');
      const first = s.slice(0, sp1);
      if (normalizeIp(ip) === null && normalizeIp(first) !== null) {
        // an authuser with spaces (`- John Smith [`): the client is the first token after all
        const sp2 = s.indexOf(' ', sp1 + 1);
        ip = first;
        ident = s.slice(sp1 + 1, sp2);
        user = s.slice(sp2 + 1, lb);
        prefix = null;
      } else if (prefix.indexOf(' ') < 0) {
        const colon = prefix.lastIndexOf(':');
        const port = colon > 0 && prefix.indexOf(':') === colon ? intAt(prefix, colon + 1, prefix.length) : -1;
        if (port >= 0 && port <= 65535) {
          row[C.host] = prefix.slice(0, colon);
          row[C.dst_port] = port;
        } else row[C.host] = prefix;
        prefix = null;
      }
    }
    row[C.src_ip] = cleanCell(C.src_ip, ip, counters, this.time, row);
    if (user !== '-' && user !== '') row[C.user] = unescapeLogField(user);

    // time
    const tsText = s.slice(lb + 2, rb);
    row[C.ts_text] = tsText;
    let ts: number;
    if (tsText === this.lastTsText) ts = this.lastTs;
    else {
      ts = parseTimestamp(tsText, this.time);
      this.lastTsText = tsText;
      this.lastTs = ts;
    }
    if (Number.isNaN(ts)) {
      counters.unparseable[C.ts]++;
      row[C.ts] = null;
    } else row[C.ts] = ts;

    // "request"
    if (s.charCodeAt(rb + 1) !== 32 || s.charCodeAt(rb + 2) !== 34) return 'not an access log line: no "request" after the time';
    const q1 = rb + 2;
    let q2 = closingQuote(s, q1);
    // a stray unescaped quote inside the request: the real end is the quote followed by " <status>"
    while (q2 >= 0 && !(s.charCodeAt(q2 + 1) === 32 && (isDigit(s.charCodeAt(q2 + 2)) || s.charCodeAt(q2 + 2) === 45))) {
      if (q2 + 1 >= s.length) break;
      q2 = closingQuote(s, q2);
    }
    if (q2 < 0) return 'not an access log line: unterminated "request"';
    const req = s.slice(q1 + 1, q2);
    if (req !== '-' && req !== '') this.request(req, row);

    // status bytes
    let p = q2 + 2;
    let e = s.indexOf(' ', p);
    if (e < 0) e = s.length;
    if (e - p === 1 && s.charCodeAt(p) === 45) {
      counters.nulls[C.status]++;
    } else {
      const st = intAt(s, p, e);
      if (st < 0) return 'not an access log line: status is not a number';
      row[C.status] = st;
    }
    if (e >= s.length) return 'not an access log line: no response size';
    p = e + 1;
    e = s.indexOf(' ', p);
    if (e < 0) e = s.length;
    const b = intAt(s, p, e);
    if (b >= 0) row[C.bytes] = b;
    else if (e - p === 1 && s.charCodeAt(p) === 45) counters.nulls[C.bytes]++;
    else return 'not an access log line: response size is not a number';

    // optional "referrer" "user agent" and trailing fields
    let field = 0;
    let xffClient: string | null = null;
    // lighttpd's default format puts the virtual host where the ident is (`%h %V %u`): a host name there is the host
    const identHost = row[C.host] === null && VHOST_IDENT.test(ident);
    if (identHost) row[C.host] = ident.toLowerCase();
    let extra: Record<string, string> | null = ident !== '-' && ident !== '' && !identHost ? { ident } : null;
    if (prefix !== null) extra = { ...extra, _prefix: prefix };
    p = e + 1;
    while (p < s.length) {
      let value: string;
      if (s.charCodeAt(p) === 34) {
        const q = closingQuote(s, p);
        if (q < 0) {
          // a line cut short (log rotation, a crash) loses the closing quote: keep the rest as the value
          value = unescapeLogField(s.slice(p + 1));
          p = s.length;
          counters.coerced[field === 0 ? C.referrer : field === 1 ? C.user_agent : C.extra]++;
        } else {
          value = unescapeLogField(s.slice(p + 1, q));
          p = q + 1;
        }
      } else {
        let sp = s.indexOf(' ', p);
        if (sp < 0) sp = s.length;
        value = s.slice(p, sp);
        p = sp;
      }
      // `-` is "no value" here as in every other format: NULL, counted
      if (field === 0) {
        if (value === '-' || value === '') counters.nulls[C.referrer]++;
        else row[C.referrer] = value;
      } else if (field === 1) {
        if (value === '-' || value === '') counters.nulls[C.user_agent]++;
        else row[C.user_agent] = value;
      } else if (value !== '-' && value !== '') {
        if (extra === null) extra = {};
        const remote = row[C.src_ip];
        const client: string | null = xffClient === null && typeof remote === 'string' ? forwardedClient(value, remote) : null;
        if (client !== null) {
          // nginx's default `main` format ends with "$http_x_forwarded_for": behind a proxy or load
          // balancer the remote address is the proxy's, and the client is the address it forwarded
          xffClient = client;
          extra.proxy_ip = remote as string;
          extra.x_forwarded_for = value;
        } else extra[`field${field + 3}`] = value;
      }
      field++;
      while (s.charCodeAt(p) === 32) p++;
    }
    if (extra !== null && field >= 3) traefikFields(extra, field + 2, row);
    if (xffClient !== null) {
      row[C.src_ip] = xffClient;
      counters.coerced[C.src_ip]++;
      counters.forwarded = (counters.forwarded ?? 0) + 1;
    }
    if (extra !== null) row[C.extra] = JSON.stringify(extra);
    return null;
  }

  /** `METHOD target PROTOCOL`; path and query split at the first `?`, both kept as logged. */
  private request(req: string, row: CellValue[]): void {
    const r = req.indexOf('\\') >= 0 ? unescapeLogField(req) : req;
    const a = r.indexOf(' ');
    const z = r.lastIndexOf(' ');
    let target: string;
    if (a < 0) {
      // not a request line at all (TLS handshake bytes, junk): keep it whole in `path` for payload detectors
      row[C.path] = r;
      return;
    }
    row[C.method] = r.slice(0, a);
    if (z > a && r.startsWith('HTTP/', z + 1)) {
      target = r.slice(a + 1, z);
      row[C.protocol] = r.slice(z + 1);
    } else target = r.slice(a + 1);
    const qm = target.indexOf('?');
    if (qm < 0) row[C.path] = target;
    else {
      row[C.path] = target.slice(0, qm);
      row[C.query] = target.slice(qm + 1);
    }
  }
}

function accessLayout(name: string): SourceLayout {
  return { format: name, header: null, mapping: {}, firstRecordLine: 1 };
}

/** Share of non-empty head lines the parser accepts, and how many carry referrer + user agent. */
function sniff(headLines: readonly string[]): { ok: number; total: number; withAgent: number } {
  const parser = new AccessParser({ tz: null, year: null, refTime: null, layout: accessLayout('combined') });
  const counters = { nulls: new Int32Array(64), coerced: new Int32Array(64), unparseable: new Int32Array(64) };
  let ok = 0;
  let total = 0;
  let withAgent = 0;
  for (const line of headLines.slice(0, 200)) {
    if (line.trim() === '') continue;
    total++;
    const row: CellValue[] = new Array<CellValue>(64).fill(null);
    if (parser.parse(line, row, counters) === null && row[C.ts] !== null) {
      ok++;
      // combined has quoted referrer and agent after the request (even when they are "-")
      let quotes = 0;
      for (let q = line.indexOf('"'); q >= 0 && quotes < 6; q = line.indexOf('"', q + 1)) quotes++;
      if (quotes >= 6) withAgent++;
    }
  }
  return { ok, total, withAgent };
}

function detectAccess(name: 'combined' | 'common', headLines: readonly string[]): DetectResult | null {
  try {
    const { ok, total, withAgent } = sniff(headLines);
    if (total === 0 || ok / total < 0.5) return null;
    const share = ok / total;
    const agentShare = withAgent / Math.max(1, ok);
    const confidence = name === 'combined' ? 0.9 * share * (agentShare >= 0.5 ? 1 : 0.7) : 0.85 * share * (agentShare >= 0.5 ? 0.7 : 1);
    return { confidence, layout: accessLayout(name) };
  } catch {
    return null; // detection must never throw; an input the sniffer chokes on is simply not this format
  }
}

const COMBINED_SAMPLES = [
  '83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /presentations/logstash-monitorama-2013/images/kibana-search.png HTTP/1.1" 200 203023 "http://semicomplete.com/presentations/logstash-monitorama-2013/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.77 Safari/537.36"',
  '2001:db8::5 - alice [10/Oct/2023:13:55:36 -0700] "POST /login?next=%2Fadmin HTTP/1.1" 401 512 "-" "python-requests/2.31.0"',
  '31.56.96.51 - - [22/Jan/2019:03:56:16 +0330] "GET /image/61474/productModel/200x200 HTTP/1.1" 200 5379 "https://www.zanbil.ir/m/filter/b113" "Mozilla/5.0 (Linux; Android 6.0)" "-"',
  '192.0.2.9 - - [10/Oct/2023:13:55:40 +0000] "-" 408 - "-" "-"',
  'www.example.com:443 198.51.100.7 - - [10/Oct/2023:13:55:41 +0000] "GET /search?q=\\"x\\" HTTP/2.0" 200 1043 "-" "Mozilla/5.0 \\x22quoted\\x22"',
  '203.0.113.5 - - [10/Oct/2023:13:55:42 +0000] "\\x16\\x03\\x01\\x00" 400 226 "-" "-"',
];

const COMMON_SAMPLES = [
  '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  '10.0.0.8 - - [10/Oct/2000:13:56:01 -0700] "GET /%D9%85%D8%AD%D8%B5%D9%88%D9%84/ HTTP/1.1" 404 -',
];

export const combinedSpec: FormatSpec = {
  name: 'combined',
  title: 'Apache/Nginx combined access log',
  description: 'NCSA combined: client ident user [time] "request" status bytes "referrer" "user agent", optional vhost prefix and trailing fields',
  framing: 'lines',
  samples: COMBINED_SAMPLES,
  detect: (head) => detectAccess('combined', head),
  // fixed fields: forcing the format needs no head; lines that are not access-log lines are quarantined
  layoutFor: () => accessLayout('combined'),
  createParser: (ctx) => new AccessParser(ctx),
};

export const commonSpec: FormatSpec = {
  name: 'common',
  title: 'Apache/Nginx common access log',
  description: 'NCSA common: client ident user [time] "request" status bytes',
  framing: 'lines',
  samples: COMMON_SAMPLES,
  detect: (head) => detectAccess('common', head),
  layoutFor: () => accessLayout('common'),
  createParser: (ctx) => new AccessParser(ctx),
};
