// JSON lines: one object per line (the seed's stream schema ip_address/date_time/request_type/...
// and generic objects), three levels of nesting flattened with dots, keys mapped like CSV columns.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { KeyedRecordMapper, mapFields } from './mapped';
import { timeContextOf } from './time';
import { C } from './cols';
import { forwardedClient } from './access';
import { cleanCell } from './clean';
import { wafKind, wafRecord } from './waf';
import type { TimeContext } from './time';

/** a key holding the X-Forwarded-For header: nginx's `http_x_forwarded_for`, Traefik's `request_X-Forwarded-For`, Caddy's `request.headers.X-Forwarded-For` */
const XFF_KEY = /(?:^|[._-])x[-_]?forwarded[-_]?for$/i;

/** A header value as JSON access logs write it: a string, or Caddy's list (`["203.0.113.5, 10.0.0.2"]`). */
function headerList(v: string): string {
  if (v.charCodeAt(0) !== 91) return v;
  try {
    const a = JSON.parse(v) as unknown;
    return Array.isArray(a) ? a.map(String).join(', ') : v;
  } catch {
    return v;
  }
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Nesting levels flattened into dotted keys: ECS and Okta put roles two levels down
 * (`http.response.status_code`, `client.userAgent.rawUserAgent`); deeper values stay JSON text.
 */
const MAX_DEPTH = 3;

/** Object -> flat key/value text pairs (`{"a":{"b":{"c":1}}}` -> `a.b.c` = `1`); arrays and deeper values stay JSON text. */
export function flattenObject(obj: Record<string, unknown>, out: Map<string, string>, prefix = '', depth = 0): void {
  for (const k in obj) {
    const v = obj[k];
    const key = prefix === '' ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) flattenObject(v as Record<string, unknown>, out, key, depth + 1);
    else out.set(key, text(v));
  }
}

function parseObject(line: string): Record<string, unknown> | string {
  let s = line;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch (e) {
    // positions vary per record; the reason groups records, so keep only the kind of error
    const kind = e instanceof Error ? e.message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '').slice(0, 80) : 'parse error';
    return `invalid JSON: ${kind}`;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'JSON value is not an object';
  return v as Record<string, unknown>;
}

class JsonLinesParser implements RecordParser {
  private readonly keyed: KeyedRecordMapper;
  private readonly flat = new Map<string, string>();
  /** the X-Forwarded-For key, when the source address is mapped from another one */
  private readonly xffKey: string | null;
  /** whether a web application firewall wrote some of the records (known from their keys); each record is told apart by its own */
  private readonly waf: boolean;
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
    this.keyed = new KeyedRecordMapper(ctx.layout.header ?? [], ctx.layout.mapping, this.time);
    this.waf = wafKind(new Set(ctx.layout.header ?? [])) !== null;
    const xff = (ctx.layout.header ?? []).find((k) => XFF_KEY.test(k));
    this.xffKey = xff !== undefined && ctx.layout.mapping.src_ip !== undefined && ctx.layout.mapping.src_ip !== xff ? xff : null;
  }

  /**
   * Behind a load balancer or proxy (a private or CDN-edge source address), the client is the one it
   * forwarded, picked from the X-Forwarded-For list as for text access logs (nginx's JSON log_format
   * keeps $remote_addr, the balancer, beside $http_x_forwarded_for).
   */
  private forwarded(row: CellValue[], counters: CleaningCounters): void {
    const v = this.flat.get(this.xffKey!);
    const remote = row[C.src_ip];
    if (v === undefined || v === '' || v === '-' || typeof remote !== 'string') return;
    const client = forwardedClient(headerList(v), remote);
    if (client === null || client === remote) return;
    row[C.src_ip] = client;
    const known = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
    row[C.extra] = JSON.stringify({ ...known, proxy_ip: remote });
    counters.coerced[C.src_ip]++;
    counters.forwarded = (counters.forwarded ?? 0) + 1;
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const t = line.trim();
    if (t === '') return 'empty record';
    const obj = parseObject(t);
    if (typeof obj === 'string') return obj;
    this.flat.clear();
    flattenObject(obj, this.flat);
    this.keyed.fill(this.flat, row, counters);
    if (this.xffKey !== null) this.forwarded(row, counters);
    const waf = this.waf ? wafKind(this.flat) : null;
    if (waf !== null)
      wafRecord(waf, this.flat, row, (text) => {
        row[C.ts] = cleanCell(C.ts, text, counters, this.time, row);
        row[C.ts_text] = this.flat.get('transaction.time_stamp') ?? text;
      });
    return null;
  }
}

function detectJsonLines(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  const fields: string[] = [];
  const seen = new Set<string>();
  const maps: Map<string, string>[] = [];
  for (const l of lines) {
    const t = l.trim();
    if (t.charCodeAt(0) !== 123 && !(t.charCodeAt(0) === 0xfeff && t.charCodeAt(1) === 123)) continue;
    const obj = parseObject(t);
    if (typeof obj === 'string') continue;
    const flat = new Map<string, string>();
    flattenObject(obj, flat);
    maps.push(flat);
    for (const k of flat.keys()) {
      if (!seen.has(k)) {
        seen.add(k);
        fields.push(k);
      }
    }
  }
  if (maps.length === 0 || maps.length / lines.length < 0.5) return null;
  const rows = maps.map((m) => fields.map((f) => m.get(f) ?? ''));
  const mapping = mapFields(fields, rows);
  const anchors = ['ts', 'src_ip', 'dst_ip'].filter((r) => mapping[r] !== undefined).length;
  const confidence = anchors === 0 ? 0 : Math.min(0.95, 0.6 + 0.1 * anchors + 0.1 * (maps.length / lines.length));
  return { confidence, layout: { format: 'jsonl', header: fields, mapping, firstRecordLine: 1 } };
}

export const jsonlSpec: FormatSpec = {
  name: 'jsonl',
  title: 'JSON lines',
  description: 'One JSON object per line; keys mapped to roles by name and value, three levels of nesting flattened with dots',
  framing: 'lines',
  samples: [
    '{"ip_address": "54.36.149.41", "date_time": "22/Jan/2019:03:56:14 +0330", "request_type": "GET", "request_arg": "/filter/27|13?page=2", "status_code": "200", "response_size": "30577", "referrer": "-", "user_agent": "Mozilla/5.0 (compatible; AhrefsBot/6.1)"}',
    '{"ip_address": "31.56.96.51", "date_time": "22/Jan/2019:03:56:16 +0330", "request_type": "POST", "request_arg": "/login", "status_code": 401, "response_size": 512, "referrer": "https://www.zanbil.ir/", "user_agent": "curl/8.0"}',
    '{"@timestamp": "2024-01-05T10:00:00.123Z", "source": {"ip": "10.0.0.5", "port": 51234}, "destination": {"ip": "203.0.113.9", "port": 443}, "event": {"action": "deny"}}',
  ],
  detect: (head) => {
    try {
      const r = detectJsonLines(head);
      return r && r.confidence > 0 ? r : null;
    } catch {
      return null; // detection never throws: not JSON lines we can map
    }
  },
  layoutFor: (head) => {
    try {
      return detectJsonLines(head)?.layout ?? null;
    } catch {
      return null; // layoutFor never throws
    }
  },
  createParser: (ctx) => new JsonLinesParser(ctx),
};
