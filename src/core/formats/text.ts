// The fallback for timestamped text logs no other format knows (application logs, appliance
// exports, `[2024-05-01 10:00:00] app.ERROR: ...`): the leading time, the level, the first address
// in the line and the message are typed, and the message goes through the same typing as syslog's
// (logins, firewall lines). Lines without a time of their own (stack traces, wrapped messages) are
// events without a time, never dropped. It only applies when no specific format recognises the
// head, and the cleaning report names it, so a responder knows how little was understood.
import { EVENT_COLUMNS } from '../../shared/columns';
import type { BlockCarrier, CellValue, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';
import { appLogin } from './appwording';
import { typeMessage } from './messages';
import { LoginCarry } from './vpnlogins';
import { envoyAccess } from './envoy';
import { localToUtc, parseTimestamp, timeContextOf, validateTimeZone, type TimeContext } from './time';

/** A leading time, after an optional `[` or `<PRI>`: ISO-like, CLF, US/EU slash dates, `Mon dd [yyyy] hh:mm:ss`, epoch. */
const LEADING_TIME =
  /^(?:<\d{1,3}>)?\[?((?:\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?: ?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT))?)|(?:\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?)|(?:\d{1,2}\/\d{1,2}\/\d{4},? \d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?(?: ?[AP]M)?)|(?:[A-Z][a-z]{2} [ \d]\d(?: \d{4})? \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)|(?:\d{10}(?:\.\d{1,6})?|\d{13}))\]?(?=[\s,;|:\]-]|$)/;
/** the level after the time: `INFO`, `[WARN]`, `<error>`, NLog's `|INFO|` */
const LEVEL = /^\s*[[(<|]?\b(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|SEVERE|CRIT|CRITICAL|ALERT|FATAL|EMERG)\b[\])>:|]?/i;
/** a dotted quad not inside a longer dotted number (`6.1.7601.17514`, an OID) nor a network (`/24`) */
const IPV4 = /(?<![\d.])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?![\d.]*\d)(?!\/\d)(?::(\d{1,5})\b)?/g;
/**
 * What a version number follows: `wcp.dll version 0.0.0.6`, `Version=4.0.0.0`, `Server version number:
 * 9.0.41.0`, `build 2.3.0.117`, `ver. 1.2.0.1`, `firmware 1.0.0.9`, `release`, `rev`.
 */
const VERSION_BEFORE = /(?:version|\bver\.?|\bbuild|\brelease|\brev(?:ision)?|firmware|\bfw)(?: ?(?:number|no\.?|id))?\s{0,3}[:=#]?\s{0,3}[[(]?\s{0,3}$/i;
/** a dotted quad written onto a name (`v1.0.0.9`, CBS's `…~amd64~~6.1.1.1`, `_6.1.1.0_`), or a file or package name going on after it (`lib-1.2.0.4.jar`) */
const GLUED_BEFORE = /[A-Za-z_~]$/;
const GLUED_AFTER = /^\.[A-Za-z_]/;

/**
 * The first address in free text that is an address: not a version number (by the words before it,
 * or written onto a name), not 0.0.0.0/8 (this host, `Listening on 0.0.0.0`, and `version 0.0.0.6`),
 * not x.0.0.0 (a /8 network, or `13.0.0.0` as a version) nor 255.x (a netmask or a broadcast).
 */
function textAddress(message: string): { ip: string; port: number | null } | null {
  IPV4.lastIndex = 0;
  for (let m = IPV4.exec(message); m !== null; m = IPV4.exec(message)) {
    const ip = m[1];
    if (ip.startsWith('0.') || ip.startsWith('255.') || ip.endsWith('.0.0.0')) continue;
    const before = message.slice(Math.max(0, m.index - 40), m.index);
    if (GLUED_BEFORE.test(before) || VERSION_BEFORE.test(before) || GLUED_AFTER.test(message.slice(m.index + ip.length, m.index + ip.length + 2))) continue;
    const n = normalizeIp(ip);
    if (n !== null) return { ip: n, port: m[2] !== undefined && Number(m[2]) <= 65535 ? Number(m[2]) : null };
  }
  const v6 = IPV6_BRACKETED.exec(message);
  const n = v6 ? normalizeIp(v6[1]) : null;
  return n === null ? null : { ip: n, port: v6![2] !== undefined && Number(v6![2]) <= 65535 ? Number(v6![2]) : null };
}
/** `[v6]:port`: bounded (an address is at most 45 characters), so each `[` costs a constant on any line */
const IPV6_BRACKETED = /\[(?=[0-9A-Fa-f.]{0,44}:)([0-9A-Fa-f:.]{2,45})\](?::(\d{1,5}))?/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (mm: string): string | null => MONTHS[Number(mm) - 1] ?? null;
/** `yy` of a two-digit year: 00-69 are 2000s, 70-99 the 1900s (as POSIX strptime reads %y). */
const century = (yy: string): string => `${Number(yy) < 70 ? '20' : '19'}${yy}`;

/**
 * Leading times of application logs in other shapes (the loghub collection has each), rewritten
 * to a shape parseTimestamp reads. Year-less ones become `Mon dd hh:mm:ss`, which takes the
 * source's stated year as syslog does.
 */
const OTHER_TIMES: readonly { re: RegExp; norm: (m: RegExpExecArray) => string | null; /** the group holding the time as written, when the match has more */ at?: number }[] = [
  // C ctime(), as vsftpd.log, xferlog and OpenVPN 2.4 write it: `Fri Jan  5 10:00:01 2024 …`
  { re: /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ( \d|\d{2}) (\d{2}:\d{2}:\d{2}) (\d{4})(?= )/, norm: (m) => `${m[1]} ${m[2].trim().padStart(2, '0')} ${m[4]} ${m[3]}` },
  // HDFS: `081109 203615 148 INFO dfs.DataNode...`
  { re: /^(\d{2})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})(?= )/, norm: (m) => `${century(m[1])}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` },
  // Spark / log4j short dates: `17/06/09 20:10:40 INFO executor...`
  { re: /^(\d{2})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2})(?= )/, norm: (m) => `${century(m[1])}-${m[2]}-${m[3]} ${m[4]}` },
  // MariaDB / MySQL 5.x error log, hour space-padded: `2024-03-05  6:25:01 18 [Warning] …`, `240305  6:25:03 [Warning] …`
  { re: /^(\d{4}-\d{2}-\d{2})  ?( \d|\d{2}):(\d{2}):(\d{2})(?= )/, norm: (m) => `${m[1]} ${m[2].trim().padStart(2, '0')}:${m[3]}:${m[4]}` },
  { re: /^(\d{2})(\d{2})(\d{2}) ( \d|\d{2}):(\d{2}):(\d{2})(?= )/, norm: (m) => `${century(m[1])}-${m[2]}-${m[3]} ${m[4].trim().padStart(2, '0')}:${m[5]}:${m[6]}` },
  // HealthApp: `20171223-22:15:29:606|Step_LSC|...`
  { re: /^(\d{4})(\d{2})(\d{2})-(\d{2}:\d{2}:\d{2}):(\d{1,3})(?=\|)/, norm: (m) => `${m[1]}-${m[2]}-${m[3]} ${m[4]}.${m[5].padStart(3, '0')}` },
  // Android logcat (threadtime), no year: `03-17 16:13:38.811  1702  2395 D WindowManager: ...`
  { re: /^(\d{2})-(\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)(?= )/, norm: (m) => (monthName(m[1]) ? `${monthName(m[1])} ${m[2]} ${m[3]}` : null) },
  // Proxifier, no year: `[10.30 16:49:06] chrome.exe - ...`
  { re: /^\[(\d{2})\.(\d{2}) (\d{2}:\d{2}:\d{2})\](?= )/, norm: (m) => (monthName(m[1]) ? `${monthName(m[1])} ${m[2]} ${m[3]}` : null) },
  // BGL / Thunderbird (supercomputer RAS logs): alert label or `-`, epoch seconds, then yyyy.mm.dd
  { re: /^(?:-|[A-Z][A-Z_]{1,15}) (\d{10})(?= \d{4}\.\d{2}\.\d{2} )/, norm: (m) => m[1], at: 1 },
  // PHP's error_log (`[d-M-Y H:i:s e]`: a zone name, WordPress debug.log too) and Roundcube's logs
  // (`d-M-Y H:i:s O`): `[01-May-2024 10:00:00 UTC]`, `[01-May-2024 10:00:00 Europe/Berlin]`, `[01-May-2024 10:00:00 +0200]`
  { re: /^\[(\d{2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)(?: ([+-]\d{4}|[A-Za-z_]{1,32}(?:\/[A-Za-z_+-]{1,32}){0,2}))?\](?=[\s:]|$)/, norm: phpTime },
  // Tomcat's catalina.out / catalina.<date>.log (JULI OneLineFormatter): `07-Dec-2026 10:15:30.123 INFO [main] org.apache…`
  { re: /^(\d{2})-([A-Z][a-z]{2})-(\d{4}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)(?= )/, norm: (m) => dayMonthYear(m[1], m[2], m[3], m[4]) },
  // java.util.logging's SimpleFormatter (older Tomcat, GlassFish, plain Java): `Dec 07, 2026 10:15:30 AM org.apache…`
  { re: /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)(?= )/, norm: (m) => dayMonthYear(m[2].padStart(2, '0'), m[1], m[3], `${String((Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0)).padStart(2, '0')}:${m[5]}:${m[6]}`) },
  // OpenStack: the log file's name, then an ISO time: `nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO ...`
  { re: /^\S+\.log\S* (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)(?= )/, norm: (m) => m[1], at: 1 },
];

/** `dd`, `Mon`, `yyyy` and a time as ISO (`2026-12-07 10:15:30.123`), or null for an unknown month name. */
function dayMonthYear(dd: string, mon: string, yyyy: string, time: string): string | null {
  const mo = MONTHS.indexOf(mon);
  return mo < 0 ? null : `${yyyy}-${String(mo + 1).padStart(2, '0')}-${dd} ${time}`;
}

/**
 * A PHP-style time as parseTimestamp reads it: an offset or UTC/GMT is written after the ISO time; a
 * zone name (`Europe/Berlin`, PHP's `e`) is resolved to its offset at that wall-clock time; a name
 * this runtime does not know leaves the time zone-less (read in the stated zone, as any other).
 */
function phpTime(m: RegExpExecArray): string | null {
  const iso = dayMonthYear(m[1], m[2], m[3], m[4]);
  if (iso === null) return null;
  const zone = m[5];
  if (zone === undefined) return iso;
  if (/^[+-]\d{4}$/.test(zone) || zone === 'UTC' || zone === 'GMT' || zone === 'Z') return `${iso} ${zone}`;
  try {
    validateTimeZone(zone);
  } catch {
    return iso;
  }
  const wall = Date.parse(`${iso.replace(' ', 'T')}Z`);
  if (Number.isNaN(wall)) return null;
  const off = Math.round((wall - localToUtc(wall, zone)) / 60000);
  const a = Math.abs(off);
  return `${iso}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The leading time of a line: `text` to parse, `raw` as written (kept as ts_text), `end` where the rest begins; or null. */
export function leadingTime(line: string): { text: string; raw: string; end: number } | null {
  const m = LEADING_TIME.exec(line);
  if (m) return { text: m[1].replace(',', '.'), raw: m[1], end: m[0].length };
  for (const o of OTHER_TIMES) {
    const x = o.re.exec(line);
    if (x === null) continue;
    const text = o.norm(x);
    if (text !== null) return { text, raw: x[o.at ?? 0], end: x[0].length };
  }
  return null;
}

/**
 * Logs that put their component between the time and the message. fail2ban.log:
 * `2024-03-05 06:25:01,123 fail2ban.filter  [1234]: INFO    [sshd] Found A - …` (the component,
 * pid and level padded); the component is the program, as in its syslog form.
 */
const FAIL2BAN_HEAD = /^ ?(fail2ban(?:\.[\w-]{1,32}){0,3}) {0,40}\[(\d{1,10})\]: {0,40}(?:([A-Z]{3,10}) {1,40})?/;
/**
 * SQL Server's ERRORLOG: `2024-03-05 06:25:01.12 Logon       Login failed for user 'sa'. …`, a
 * time in hundredths, then the source column padded to 12 (Server, Logon, Backup, spid51, spid7s).
 * The program is `sqlservr`, the name the analysis already gives SQL Server's login lines (their
 * service); the source column is kept in extra.
 */
const MSSQL_HEAD = /^ (Server|Logon|Backup|spid\d{1,6}s?) {1,40}(?=\S)/;
/** the source column's width with its padding (a one-space `Logon to …` is another log's word) */
const MSSQL_SOURCE_WIDTH = 12;
const HUNDREDTHS = /:\d{2}\.\d{2}$/;

/** PostgreSQL's default log_line_prefix (`%m [%p] `): the backend's pid after the time (and a zone name it did not read) */
const PG_PID = /^(?:[A-Z]{2,5} )?\[(\d{1,10})(?:-\d{1,10})?\] /;
/** `LOG:  connection received: host=203.0.113.5 port=53422` (log_connections = on) */
const PG_CONNECTION = /connection received: host=(\S{1,64})(?: port=(\d{1,5}))?/;
/** how many backends' addresses are remembered before the memory starts over */
const PG_PIDS_MAX = 4096;

class TextParser implements RecordParser {
  private readonly time: TimeContext;
  /**
   * PostgreSQL without %h in its prefix names the client only on the connection's first line; the
   * backend's pid ties the failure that follows to it (a pid is reused only after that backend exits).
   */
  private readonly pgClients = new Map<string, { ip: string; port: number }>();
  private readonly carry = new LoginCarry();

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
    // the backends' clients as of this block's first line (PgClientCarrier, on the reading thread)
    const carried = ctx.layout.hints?.[PG_CLIENTS_HINT];
    if (typeof carried === 'string') {
      try {
        for (const [pid, ip, port] of JSON.parse(carried) as [string, string, number][]) this.pgClients.set(pid, { ip, port });
      } catch {
        // not ours to fail on: the block is read without the carried clients
      }
    }
  }

  /** The remembered clients, as the hint a later block's parser is built with. */
  pgSnapshot(): string {
    return JSON.stringify([...this.pgClients].map(([pid, c]) => [pid, c.ip, c.port]));
  }

  parse(line: string, row: CellValue[]): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    let rest = s;
    const t = leadingTime(s);
    if (t !== null) {
      const ts = parseTimestamp(t.text, this.time);
      if (!Number.isNaN(ts)) {
        row[C.ts] = ts;
        row[C.ts_text] = t.raw;
        rest = s.slice(t.end);
      }
    }
    const extra: Record<string, string> = {};
    let program: string | null = null;
    let head: RegExpExecArray | null = null;
    if (row[C.ts] !== null) {
      if ((head = FAIL2BAN_HEAD.exec(rest)) !== null) {
        program = head[1];
        extra.pid = head[2];
        if (head[3] !== undefined) extra.level = head[3];
      } else if (HUNDREDTHS.test(t!.raw) && (head = MSSQL_HEAD.exec(rest)) !== null) {
        if (head[0].length - 1 >= MSSQL_SOURCE_WIDTH) {
          program = 'sqlservr';
          extra.source = head[1];
        } else head = null;
      }
      if (head !== null) rest = rest.slice(head[0].length);
    }
    const lv = head === null ? LEVEL.exec(rest) : null;
    if (lv) {
      extra.level = lv[1].toUpperCase();
      rest = rest.slice(lv[0].length);
    }
    if (row[C.ts] === null) extra.continuation = 'true';
    const message = rest.replace(/^[\s:\]|-]+/, '');
    row[C.message] = message;
    row[C.program] = program;
    // an Envoy line's client is its peer or forwarded-for (envoy.ts); the first address in it is the authority or upstream
    const envoy = envoyAccess(message, row, extra);
    const marks = Object.keys(extra).length;
    if (!envoy) typeMessage(program, message, row, extra);
    // a line a specific reader knew (it took an address, an account or a mark from it) is not read for an app's words
    const known = envoy || row[C.action] !== null || row[C.user] !== null || row[C.src_ip] !== null || Object.keys(extra).length > marks;
    this.pgClient(message, row, extra);
    if (row[C.src_ip] === null && !envoy) {
      const a = textAddress(message);
      if (a !== null) {
        row[C.src_ip] = a.ip;
        if (a.port !== null) row[C.src_port] = a.port;
      }
    }
    if (!known && row[C.src_ip] !== null) {
      const app = appLogin(message, program);
      if (app !== null) {
        row[C.action] = app.action;
        if (row[C.user] === null) row[C.user] = app.user;
      }
    }
    this.carry.apply(row, extra);
    for (const _k in extra) {
      row[C.extra] = JSON.stringify(extra);
      break;
    }
    return null;
  }

  /** Remembers a PostgreSQL backend's client, and gives it to that backend's later lines that lack one. */
  private pgClient(message: string, row: CellValue[], extra: Record<string, string>): void {
    const pid = PG_PID.exec(message);
    if (pid === null) return;
    const conn = PG_CONNECTION.exec(message);
    if (conn !== null) {
      const ip = normalizeIp(conn[1]);
      // a local (Unix socket) connection: this pid's earlier client is no longer its client
      if (ip === null || conn[2] === undefined) {
        this.pgClients.delete(pid[1]);
        return;
      }
      if (this.pgClients.size >= PG_PIDS_MAX) this.pgClients.clear();
      this.pgClients.set(pid[1], { ip, port: Number(conn[2]) });
      row[C.src_ip] = ip;
      row[C.src_port] = Number(conn[2]);
      return;
    }
    const known = this.pgClients.get(pid[1]);
    if (known === undefined || row[C.src_ip] !== null) return;
    row[C.src_ip] = known.ip;
    row[C.src_port] = known.port;
    extra.src_from = 'connection received';
  }
}

/** the layout hint holding the PostgreSQL backends' clients at a block's start, and the block's sequence */
const PG_CLIENTS_HINT = 'pgClients';
const CARRY_BLOCK_HINT = 'carryBlock';
const PG_NEEDLE = Buffer.from('connection received: host=');
const LF = 0x0a;

/**
 * PostgreSQL's connection line and the failure that needs its client can fall in different blocks,
 * parsed by different workers in any order. On the reading thread, in order, this reads only the
 * `connection received` lines of each block (a memchr-like search, nothing else is parsed) with
 * the parser's own rules, and gives the next block's parser the clients known at its start. Each
 * block also gets its sequence number, so every block has a parser of its own: a parser cached
 * from another block never lends it a client that block's lines did not establish.
 */
class PgClientCarrier implements BlockCarrier {
  private readonly parser: TextParser;
  private seq = 0;
  private readonly row: CellValue[] = new Array<CellValue>(EVENT_COLUMNS.length).fill(null);

  constructor(ctx: ParseContext) {
    this.parser = new TextParser(ctx);
  }

  next(block: Uint8Array): Record<string, string> {
    const hints: Record<string, string> = { [CARRY_BLOCK_HINT]: String(this.seq++), [PG_CLIENTS_HINT]: this.parser.pgSnapshot() };
    const b = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
    let at = b.indexOf(PG_NEEDLE);
    while (at !== -1) {
      const start = b.lastIndexOf(LF, at) + 1;
      const nl = b.indexOf(LF, at);
      const end = nl === -1 ? b.length : nl;
      this.row.fill(null);
      this.parser.parse(b.toString('utf8', start, end), this.row);
      at = nl === -1 ? -1 : b.indexOf(PG_NEEDLE, end);
    }
    return hints;
  }
}

function detectText(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 200);
  if (lines.length === 0) return null;
  let timed = 0;
  for (const l of lines) {
    const t = leadingTime(l);
    if (t !== null && !Number.isNaN(parseTimestamp(t.text, { tz: null, year: 2000, refTime: null }))) timed++;
  }
  // stack traces and wrapped lines are allowed, but most lines must start with a time
  if (timed / lines.length < 0.5) return null;
  // a delimited table without a header is refused with a --map hint instead (its columns matter),
  // unless its last column is free text: then it is a log whose lines start with a few fixed
  // fields and end in a message (loghub's HealthApp: `20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579`),
  // read as text with a note saying how to type its columns
  let table: { delimiter: string; columns: number } | null = null;
  for (const d of [',', '\t', ';', '|']) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const same = counts.filter((c) => c >= 3 && c === counts[0]).length;
    if (same < 0.8 * lines.length) continue;
    const prose = lines.filter((l) => /\S\s+\S/.test(l.slice(l.lastIndexOf(d) + 1))).length;
    if (prose < 0.5 * lines.length) return null;
    table = { delimiter: d, columns: counts[0]! + 1 };
    break;
  }
  const hints = table === null ? undefined : { tableDelimiter: table.delimiter, tableColumns: table.columns };
  // just above the minimum: any specific format that recognises the head wins
  return { confidence: 0.31 + 0.05 * (timed / lines.length), layout: { format: 'text', header: null, mapping: {}, firstRecordLine: 1, ...(hints ? { hints } : {}) } };
}

export const textSpec: FormatSpec = {
  name: 'text',
  title: 'Timestamped text log (fallback)',
  description: 'Any log whose lines start with a time that no specific format recognises: time, level, first address and message typed; lines without a time (stack traces) kept as events without a time',
  framing: 'lines',
  samples: [
    '[2024-05-01 10:00:00] app.ERROR: login failed for user "admin" from 203.0.113.5 {"exception":"AuthError"}',
    '2024-05-01 10:00:01,123 WARN  [http-nio-8080-exec-7] c.e.Auth - Invalid token from 198.51.100.7:51234',
    '2024-05-01T10:00:02.500Z INFO request completed in 12 ms',
  ],
  detect: (head) => {
    try {
      return detectText(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new TextParser(ctx),
  createCarrier: (ctx) => new PgClientCarrier(ctx),
};
