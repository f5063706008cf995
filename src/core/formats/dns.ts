// DNS query logs: the name looked up goes to `host`, its query type to `extra.qtype`, the client to
// src_ip and the resolver (when the log names it) to dst_ip, whatever server or sensor wrote it.
// Owns the server's own files (BIND query log, Unbound log file, Windows DNS Server debug log), the
// same lines carried in syslog (named, dnsmasq / Pi-hole, unbound), and the DNS records of
// named-field formats (Zeek dns.log in TSV or JSON, Suricata eve.json, Route 53 Resolver logs).
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { SKIP } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';
import { parseTimestamp, slashDateOrder, timeContextOf, type TimeContext } from './time';

/** A query name as a resolver sees it: no trailing root dot. */
const bareName = (n: string): string => (n.length > 1 && n.endsWith('.') ? n.slice(0, -1) : n);

/** Query types by number, for logs that write `TYPE16` or Zeek's number when it has no name. */
const QTYPE_NAMES: Record<string, string> = { '1': 'A', '2': 'NS', '5': 'CNAME', '6': 'SOA', '10': 'NULL', '12': 'PTR', '15': 'MX', '16': 'TXT', '28': 'AAAA', '33': 'SRV', '35': 'NAPTR', '43': 'DS', '48': 'DNSKEY', '64': 'SVCB', '65': 'HTTPS', '255': 'ANY' };
const qtypeName = (t: string): string => {
  const u = t.trim().toUpperCase();
  // Umbrella writes the number and the name: `16 (TXT)`
  const named = /^\d{1,5} \(([A-Z0-9*]+)\)$/.exec(u)?.[1];
  if (named !== undefined) return named;
  const n = /^(?:TYPE)?(\d{1,5})$/.exec(u)?.[1];
  return n !== undefined ? (QTYPE_NAMES[n] ?? `TYPE${n}`) : u;
};

/** Sets client, resolver, name and type on a row (extra gets the type). */
function setQuery(row: CellValue[], extra: Record<string, string>, client: string | null, port: string | null, name: string, type: string, server: string | null): void {
  const ip = client !== null ? normalizeIp(client) : null;
  if (ip !== null) row[C.src_ip] = ip;
  if (port !== null && /^\d{1,5}$/.test(port)) row[C.src_port] = Number(port);
  const srv = server !== null ? normalizeIp(server) : null;
  if (srv !== null) row[C.dst_ip] = srv;
  row[C.host] = bareName(name);
  extra.qtype = qtypeName(type);
}

// ---------------------------------------------------------------- lines (own files and syslog)

/**
 * BIND 9 query logging: `client [@0x7f…] 10.0.0.5#53211 [(name)]: [view v: ]query: NAME CLASS TYPE FLAGS [(SERVER)]`.
 * Flags: `+` recursion desired, `E(0)` EDNS, `T` over TCP, `S` signed, `D` DO, `C` CD, `K` cookie.
 */
const BIND_QUERY = /^(?:[a-z][a-z-]{1,30}: [a-z]{4,8}: )?client (?:@0x[0-9a-f]{1,16} )?([0-9A-Fa-f:.]{2,45})#(\d{1,5})(?: \([^)]{0,300}\))?: (?:view ([^:]{1,100}): )?query: (\S{1,300}) (\S{1,20}) (\S{1,20}) (\S{1,30})(?: \(([0-9A-Fa-f:.]{2,45})\))?/;
/**
 * dnsmasq (and Pi-hole's FTL, which is dnsmasq): `query[A] example.com from 10.0.0.5` (`query[type=65]` for types it cannot
 * name); `log-queries=extra` puts a serial and the client's address/port in front (`12 10.0.0.5/53211 query[A] …`).
 */
const DNSMASQ_QUERY = /^(?:\d{1,10} [0-9A-Fa-f:.]{2,45}\/(\d{1,5}) )?query\[(?:type=)?([A-Za-z0-9]{1,10})\] (\S{1,300}) from ([0-9A-Fa-f:.]{2,45})$/;
/** dnsmasq's other lines about one name: `forwarded N to 8.8.8.8`, `reply N is …`, `cached N is …`, Pi-hole's `gravity blocked N is 0.0.0.0` */
const DNSMASQ_NAME = /^(forwarded|reply|cached|config|gravity blocked|exactly blocked|regex blocked|blacklisted|exactly denied|regex denied|special domain) (\S{1,300}) (?:is|to) (\S{1,300})/;
/** Unbound `log-queries` (`info: 10.0.0.5 example.com. A IN`) and `log-replies` (`reply: … A IN NOERROR 0.012 0 61`), after `[pid:thread] ` */
const UNBOUND_QUERY = /^(?:\[\d{1,10}:\d{1,5}\] )?(info|reply): ([0-9A-Fa-f:.]{2,45}) (\S{1,300}) (\S{1,20}) (IN|CH|HS|CLASS\d{1,5})(?: (\S{1,20}) ([\d.]{1,20}) (\d) (\d{1,10}))?$/;

/**
 * Types a DNS server's message (from syslog or its own file). Returns false when the message is no
 * query the server logged (start-up notes, zone transfers, errors): the caller keeps it as a message.
 */
export function typeDnsMessage(program: string | null, msg: string, row: CellValue[], extra: Record<string, string>): boolean {
  let m: RegExpExecArray | null;
  if (program === null || program === 'named' || program === 'bind') {
    if ((m = BIND_QUERY.exec(msg))) {
      setQuery(row, extra, m[1], m[2], m[4], m[6], m[8] ?? null);
      extra.qclass = m[5];
      extra.dns_flags = m[7];
      if (m[3] !== undefined) extra.view = m[3];
      // BIND writes T among the flags for a query that came over TCP
      row[C.proto] = /T/.test(m[7].replace(/\(.*?\)/g, '')) ? 'TCP' : 'UDP';
      row[C.dst_port] = 53;
      return true;
    }
  }
  if (program === null || program === 'dnsmasq' || program === 'pihole-FTL') {
    if ((m = DNSMASQ_QUERY.exec(msg))) {
      setQuery(row, extra, m[4]!, m[1] ?? null, m[3]!, m[2]!, null);
      return true;
    }
    if ((m = DNSMASQ_NAME.exec(msg))) {
      row[C.host] = bareName(m[2]);
      extra.dns_event = m[1];
      if (m[1] === 'forwarded') {
        const up = normalizeIp(m[3]);
        if (up !== null) row[C.dst_ip] = up;
      } else if (/blocked|blacklisted|denied/.test(m[1])) row[C.action] = 'reject';
      return true;
    }
  }
  if (program === null || program === 'unbound') {
    if ((m = UNBOUND_QUERY.exec(msg))) {
      // with both log-queries and log-replies on, each query is two lines: distinct names and
      // their shape are the same either way, only the counts double
      setQuery(row, extra, m[2], null, m[3], m[4], null);
      extra.qclass = m[5];
      if (m[6] !== undefined) {
        extra.rcode = m[6];
        extra.dns_line = 'reply';
      }
      return true;
    }
  }
  return false;
}

/** Programs whose syslog messages typeDnsMessage reads. */
export const DNS_PROGRAMS: ReadonlySet<string> = new Set(['named', 'bind', 'dnsmasq', 'pihole-FTL', 'unbound']);

/** BIND's own file: `05-Jan-2024 10:00:01.123 [queries: info: ]client …`, or an ISO time with `print-time iso8601`. */
const BIND_LINE = /^(\d{2})-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{4}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?) (?:([a-z][a-z-]{1,30}): ([a-z]{4,8}|debug \d{1,2}): )?(.*)$/;
const BIND_ISO_LINE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:?\d{2})?) (?:([a-z][a-z-]{1,30}): ([a-z]{4,8}|debug \d{1,2}): )?(client .*)$/;
const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };
/** Unbound's own log file (`logfile:`): `[1704448801] unbound[1234:0] info: 10.0.0.5 example.com. A IN` */
const UNBOUND_LINE = /^\[(\d{9,10})\] unbound\[(\d{1,10}):\d{1,5}\] (.*)$/;
/**
 * Windows DNS Server debug log (packet logging): `1/5/2024 10:00:01 AM 0E84 PACKET  000000A3B4C5D6E0 UDP Rcv 10.0.0.5  d3f1   Q [0001   D   NOERROR] A  (7)example(3)com(0)`.
 * The date is the server's short date format (`1/5/2024`, `05.01.2024`, `2024-01-05`), the time its local clock.
 */
const WINDNS_LINE = /^(\S{6,10} \d{1,2}:\d{2}:\d{2}(?: [AP]M)?) ([0-9A-Fa-f]{3,8}) PACKET +[0-9A-Fa-f]{1,16} (UDP|TCP) +(Snd|Rcv) ([0-9A-Fa-f:.]{2,45}) +([0-9A-Fa-f]{1,4}) (R| ) (\S) \[([0-9A-Fa-f]{1,4}) +([A-Za-z ]{0,8}?) *([A-Z]{2,12})\] (\S{1,12}) +(\S{1,600})\s*$/;
/** Header lines of the debug log (its field key), which are no records. */
const WINDNS_HEADER = /^(?:DNS Server log file creation at|Log file wrap at|Message logging key|Note:|\t|$)/;
/**
 * The debug log's time in the server's short date format: `1/5/2024` (order from the values),
 * `05.01.2024`, `2024-01-05`, and the forms time.ts does not read itself: `2024/1/5`, `1/5/24`.
 */
function windowsTime(text: string, time: TimeContext): number {
  let m = /^(\d{4})\/(\d{1,2})\/(\d{1,2}) (.*)$/.exec(text);
  if (m) return parseTimestamp(`${m[2]}/${m[3]}/${m[1]} ${m[4]}`, { ...time, dateOrder: 'mdy' });
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}) (.*)$/.exec(text);
  if (m) return parseTimestamp(`${m[1]}/${m[2]}/20${m[3]} ${m[4]}`, time);
  return parseTimestamp(text, time);
}

/** `(7)example(3)com(0)` -> `example.com` */
const windowsName = (s: string): string => s.replace(/\(\d{1,3}\)/g, '.').replace(/^\.+|\.+$/g, '');

type DnsFile = 'bind' | 'unbound' | 'windows';

function fileKind(line: string): DnsFile | null {
  if (BIND_LINE.test(line) || BIND_ISO_LINE.test(line)) return 'bind';
  if (UNBOUND_LINE.test(line)) return 'unbound';
  if (WINDNS_LINE.test(line)) return 'windows';
  return null;
}

class DnsFileParser implements RecordParser {
  private readonly time: TimeContext;
  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], _counters: CleaningCounters): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    const extra: Record<string, string> = {};
    let m: RegExpExecArray | null;
    if ((m = BIND_LINE.exec(s)) || (m = BIND_ISO_LINE.exec(s))) {
      // dd-Mmm-yyyy (seven groups) is read through its ISO form; both zone-less: the server's clock, ctx.tz
      const dmy = m.length === 8;
      const ts = parseTimestamp(dmy ? `${m[3]}-${MONTHS[m[2]!]}-${m[1]}T${m[4]}` : m[1]!, this.time);
      if (Number.isNaN(ts)) return 'not a DNS log line: unreadable time';
      row[C.ts] = ts;
      row[C.ts_text] = dmy ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}` : m[1]!;
      row[C.program] = 'named';
      const msg = (dmy ? m[7] : m[4])!;
      const category = dmy ? m[5] : m[2];
      if (category !== undefined) extra.category = category;
      row[C.message] = msg;
      typeDnsMessage('named', msg, row, extra);
    } else if ((m = UNBOUND_LINE.exec(s))) {
      row[C.ts] = parseTimestamp(m[1], this.time);
      row[C.ts_text] = m[1];
      row[C.program] = 'unbound';
      row[C.message] = m[3];
      extra.pid = m[2];
      typeDnsMessage('unbound', m[3], row, extra);
    } else if ((m = WINDNS_LINE.exec(s))) {
      const ts = windowsTime(m[1]!, this.time);
      if (Number.isNaN(ts)) return 'not a DNS log line: unreadable time';
      row[C.ts] = ts;
      row[C.ts_text] = m[1];
      row[C.program] = 'DNS Server';
      row[C.proto] = m[3];
      const remote = normalizeIp(m[5]);
      const response = m[7] === 'R';
      // Rcv: the remote end asked (a client) or answered (a forwarder); Snd: the server asked or answered it
      if (m[4] === 'Rcv') row[C.src_ip] = remote;
      else row[C.dst_ip] = remote;
      row[C.host] = windowsName(m[13]);
      if (response) extra.rcode = m[11];
      // only a question counts as a query: answers repeat it
      if (!response) extra.qtype = qtypeName(m[12]);
      else extra.answer_type = m[12];
      extra.direction = m[4];
      extra.xid = m[6];
      extra.opcode = m[8];
      if (m[10].trim() !== '') extra.dns_flags = m[10].trim();
      row[C.message] = response ? 'response' : 'query';
    } else {
      if (WINDNS_HEADER.test(s) || /^\s/.test(s)) return SKIP;
      return 'not a DNS server log line';
    }
    for (const _k in extra) {
      row[C.extra] = JSON.stringify(extra);
      break;
    }
    return null;
  }
}

function detectDnsFile(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.slice(0, 200).map((l) => l.replace(/^\uFEFF/, '').replace(/\r$/, ''));
  const kinds = new Map<DnsFile, number>();
  let records = 0;
  let queries = 0;
  for (const l of lines) {
    if (WINDNS_HEADER.test(l) || /^\s/.test(l)) continue;
    records++;
    const k = fileKind(l);
    if (k === null) continue;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
    if (/ query: | info: \S+ \S+ \S+ (?:IN|CH)$|PACKET /.test(l)) queries++;
  }
  const matched = [...kinds.values()].reduce((a, b) => a + b, 0);
  if (records === 0 || matched / records < 0.5 || queries === 0) return null;
  // the debug log's short date: decided from the values (a part above 12), as for CSV exports
  const dates = lines.filter((l) => WINDNS_LINE.test(l)).map((l) => l.split(' ')[0]!);
  const order = slashDateOrder(dates);
  const windows = (kinds.get('windows') ?? 0) > 0;
  const bindLocal = lines.some((l) => BIND_LINE.test(l));
  return {
    confidence: 0.95 * (matched / records),
    layout: {
      format: 'dns',
      header: null,
      mapping: {},
      firstRecordLine: 1,
      // both write the server's local clock (Windows like its firewall log; BIND unless told UTC)
      hints: { ...(windows ? { dateOrder: order ?? 'mdy' } : {}), ...(windows || bindLocal ? { localTime: true } : {}) },
    },
  };
}

export const dnsSpec: FormatSpec = {
  name: 'dns',
  title: 'DNS server query log',
  description:
    "BIND query log (own file, `dd-Mmm-yyyy` or ISO time, optional category), Unbound's log file, Windows DNS Server debug log (packet logging); the name queried is the host, its type extra.qtype, the client the source",
  framing: 'lines',
  samples: [
    '05-Jan-2024 10:00:01.123 client @0x7f8b3c0a1234 10.0.0.5#53211 (example.com): query: example.com IN A +E(0)K (10.0.0.1)',
    '05-Jan-2024 10:00:02.456 queries: info: client @0x7f8b3c0a1234 10.0.0.6#40000 (mail.example.org): query: mail.example.org IN MX + (10.0.0.1)',
    '[1704448801] unbound[1234:0] info: 10.0.0.5 example.com. A IN',
    '1/5/2024 10:00:01 AM 0E84 PACKET  000000A3B4C5D6E0 UDP Rcv 10.0.0.5        d3f1   Q [0001   D   NOERROR] A      (7)example(3)com(0)',
  ],
  detect: (head) => {
    try {
      return detectDnsFile(head);
    } catch {
      return null; // detection never throws
    }
  },
  layoutFor: () => ({ format: 'dns', header: null, mapping: {}, firstRecordLine: 1 }),
  createParser: (ctx) => new DnsFileParser(ctx),
};

// ---------------------------------------------------------------- named-field records

/** Keys that mark a record of one of the named-field DNS logs, and where each keeps name and type. */
const RECORD_KINDS: readonly { mark: string; name: string; type: string; answerKey?: string }[] = [
  // Zeek dns.log: `query` (mapped to the query column by its name), qclass_name and qtype_name
  { mark: '"qclass_name":', name: 'query', type: 'qtype_name' },
  // Suricata eve.json v1/v2: dns.rrname, dns.rrtype; dns.type says query or answer
  { mark: '"dns.rrname":', name: 'dns.rrname', type: 'dns.rrtype', answerKey: 'dns.type' },
  // Suricata eve.json v3 (7.0+): dns.queries = [{rrname, rrtype}]; dns.type request or response
  { mark: '"dns.queries":', name: 'dns.queries', type: '', answerKey: 'dns.type' },
  // AWS Route 53 Resolver query logs
  { mark: '"query_name":', name: 'query_name', type: 'query_type' },
];

/**
 * A DNS record from a named-field format, after its fields were mapped: the name moves to `host`
 * (Zeek's `query` was taken for a URL query string by its name), the type to `extra.qtype`; an
 * eve.json answer keeps the name but no qtype, since the query it answers was logged already.
 */
export function dnsRecordFields(row: CellValue[]): void {
  const x = row[C.extra];
  if (typeof x !== 'string') return;
  const kind = RECORD_KINDS.find((k) => x.indexOf(k.mark) >= 0);
  if (kind === undefined) return;
  let extra: Record<string, string>;
  try {
    extra = JSON.parse(x) as Record<string, string>;
  } catch {
    return;
  }
  let name: string | undefined;
  let type: string | undefined;
  if (kind.name === 'query') {
    name = typeof row[C.query] === 'string' ? (row[C.query] as string) : undefined;
    if (name !== undefined) row[C.query] = null;
    // qtype_name `NULL` was dropped as a null token: the number says it
    type = extra.qtype_name ?? extra.qtype;
    delete extra.qtype_name;
  } else if (kind.name === 'dns.queries') {
    try {
      const q = (JSON.parse(extra['dns.queries']!) as { rrname?: string; rrtype?: string }[])[0];
      name = q?.rrname;
      type = q?.rrtype;
    } catch {
      return;
    }
  } else {
    name = extra[kind.name];
    // eve.json and Route 53 always write the type: one missing was `NULL`, dropped as a null token
    type = extra[kind.type] ?? 'NULL';
    delete extra[kind.name];
    delete extra[kind.type];
  }
  if (name === undefined || name === '') return;
  row[C.host] = bareName(name);
  const answer = kind.answerKey !== undefined && /^(answer|response)$/.test(extra[kind.answerKey] ?? '');
  if (type !== undefined && !answer) extra.qtype = qtypeName(type);
  else if (type !== undefined) extra.answer_type = type;
  row[C.extra] = JSON.stringify(extra);
}
