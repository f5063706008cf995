// Amazon S3 server access logs: one request per line,
//   owner bucket [time] remote-ip requester request-id operation key "request-uri" status error-code
//   bytes-sent object-size total-time turn-around-time "referer" "user-agent" version-id host-id
//   sig-version cipher auth-type host-header tls-version access-point-arn acl-required
// (later fields may be absent in older logs, and AWS may append more). The client is the remote IP,
// the requester (an IAM ARN or canonical id) the user, the bucket the host; bytes are bytes sent,
// the object a client took away (the exfiltration direction); total time is milliseconds.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { cleanCell } from './clean';
import { timeContextOf, type TimeContext } from './time';

/** The fixed start of a record: 64-hex owner (or `-`), bucket, `[dd/Mon/yyyy:hh:mm:ss +zzzz]`, address, requester, request id, operation */
const HEAD = /^(?:[0-9a-f]{64}|-) [a-z0-9][a-z0-9.-]{1,62} \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] \S+ \S+ [0-9A-Z]{8,32} [A-Z0-9_]+\.[A-Z0-9_.]+ /;
const REQUEST = /^([A-Z]{3,12}) (\S+)(?: (HTTP\/[\d.]+))?$/;
const EXTRA_NAMES = ['version_id', 'host_id', 'signature_version', 'cipher', 'auth_type', 'host_header', 'tls_version', 'access_point_arn', 'acl_required'];

/** Space-separated fields; `[…]` and `"…"` are one field each (a quote ends at an unescaped `" ` or the line's end). */
function fields(s: string, out: string[]): number {
  let n = 0;
  let i = 0;
  while (i < s.length && n < 64) {
    const c = s.charCodeAt(i);
    let end: number;
    if (c === 91) {
      end = s.indexOf('] ', i);
      end = end < 0 ? s.length : end + 1;
      out[n++] = s.slice(i + 1, end - 1);
    } else if (c === 34) {
      // a quote escaped as \" (a user agent may hold one) does not end the field
      end = s.indexOf('" ', i + 1);
      while (end > 0 && s.charCodeAt(end - 1) === 92) end = s.indexOf('" ', end + 1);
      if (end < 0) end = s.endsWith('"') && s.length > i + 1 ? s.length - 1 : s.length;
      const v = s.slice(i + 1, end);
      out[n++] = v.indexOf('\\"') >= 0 ? v.replace(/\\"/g, '"') : v;
      end = Math.min(s.length, end + 1);
    } else {
      end = s.indexOf(' ', i);
      if (end < 0) end = s.length;
      out[n++] = s.slice(i, end);
    }
    i = end + 1;
  }
  return n;
}

class S3Parser implements RecordParser {
  private readonly time: TimeContext;
  private readonly f: string[] = [];

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (!HEAD.test(s)) return 'not an S3 access log line: no owner, bucket, [time], address, requester, request id and operation';
    const f = this.f;
    const n = fields(s, f);
    if (n < 17) return `expected at least 17 fields, found ${n}`;
    const cell = (col: number, v: string): CellValue => cleanCell(col, v, counters, this.time, row);
    row[C.host] = f[1];
    row[C.ts] = cell(C.ts, f[2]);
    row[C.ts_text] = f[2];
    row[C.src_ip] = cell(C.src_ip, f[3]);
    row[C.user] = cell(C.user, f[4]);
    const rq = REQUEST.exec(f[8]);
    const target = rq !== null ? rq[2] : f[8] === '-' ? '' : f[8];
    if (rq !== null) {
      row[C.method] = rq[1];
      if (rq[3] !== undefined) row[C.protocol] = rq[3];
    }
    if (target !== '') {
      const q = target.indexOf('?');
      row[C.path] = q < 0 ? target : target.slice(0, q);
      if (q >= 0) row[C.query] = target.slice(q + 1);
    }
    row[C.status] = cell(C.status, f[9]);
    row[C.bytes] = cell(C.bytes, f[11]);
    const ms = Number(f[13]);
    if (f[13] !== '-' && Number.isFinite(ms) && ms >= 0) row[C.duration] = ms / 1000;
    row[C.referrer] = cell(C.referrer, f[15]);
    row[C.user_agent] = cell(C.user_agent, f[16]);
    const extra: Record<string, string> = { operation: f[6] };
    if (f[7] !== '-') extra.key = f[7];
    if (f[10] !== '-') extra.error_code = f[10];
    if (f[12] !== '-') extra.object_size = f[12];
    extra.request_id = f[5];
    for (let i = 17; i < n && i - 17 < EXTRA_NAMES.length; i++) if (f[i] !== '-' && f[i] !== '') extra[EXTRA_NAMES[i - 17]] = f[i].slice(0, 256);
    row[C.extra] = JSON.stringify(extra);
    return null;
  }
}

function detectS3(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  const ok = lines.filter((l) => HEAD.test(l)).length;
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.96 * (ok / lines.length), layout: { format: 's3', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const s3Spec: FormatSpec = {
  name: 's3',
  title: 'Amazon S3 server access log',
  description: 'owner bucket [time] remote-ip requester request-id operation key "request-uri" status error bytes-sent object-size total-time turnaround "referer" "user-agent" …; bytes sent, the requester as user, the bucket as host',
  framing: 'lines',
  samples: [
    '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be awsexamplebucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /awsexamplebucket1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV2 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader awsexamplebucket1.s3.us-west-1.amazonaws.com TLSV1.2 - -',
  ],
  detect: (head) => {
    try {
      return detectS3(head);
    } catch {
      return null; // detection never throws
    }
  },
  layoutFor: () => ({ format: 's3', header: null, mapping: {}, firstRecordLine: 1 }),
  createParser: (ctx) => new S3Parser(ctx),
};
