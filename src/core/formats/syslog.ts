// Syslog and auth logs: RFC 3164 (`Mar  5 06:25:01 host prog[pid]: msg`), ISO-timestamped
// syslog, RFC 5424; messages are typed by messages.ts (logins, sudo, firewall lines, HAProxy).
// Unknown messages are still events (program + message), never quarantined for being unknown.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C, colIndex } from './cols';
import { cleanCell } from './clean';
import { roleForName } from './fieldNames';
import { typeMessage } from './messages';
import { LoginCarry } from './vpnlogins';
import { readEventXml } from './winxml';
import { parseTimestamp, type TimeContext } from './time';

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

interface Header {
  tsText: string;
  host: string | null;
  program: string | null;
  pid: string | null;
  message: string;
  /** RFC 5424 structured data (`[id k="v" …]…`), null when there is none */
  sd?: string | null;
  /** the severity VMware ESXi writes where other syslog writes the host (`info`, `In(166)`) */
  level?: string;
}

/** ESXi's severity after the time: `info`/`verbose`/`warning`… (6.x, 7.0), `In(166)`/`Wa(164)`… (7.0 U2 and later) */
const ESXI_LEVEL = /^(?:info|verbose|warning|error|critical|debug|trivia|notice|alert|emerg|(?:In|Wa|Er|Db|No|Cr|Al|Em)\(\d{1,3}\))$/;
/** ESXi's tag after the severity: `hostd[2099532] ` (6.x, 7.0), `Hostd[2099532]: ` (7.0 U2 and later) */
const ESXI_TAG = /^([A-Za-z][\w.-]{0,47})(?:\[(\w{1,16})\])?(:?) /;

/** Where RFC 5424 structured data (one or more `[id k="v"…]`, `\]` and `\"` escaped in values) ends, or -1. */
function sdEnd(s: string): number {
  let i = 0;
  while (s.charCodeAt(i) === 91) {
    let quoted = false;
    let j = i + 1;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 34) quoted = !quoted;
      else if (c === 93 && !quoted) break;
    }
    if (j >= s.length) return -1;
    i = j + 1;
  }
  return i;
}

/**
 * `k="v"` parameters of structured data (RFC 5424, or Check Point's `[Fields@… k="v"]` inside a
 * message), and Check Point Log Exporter's `[action:"Drop"; src:"203.0.113.5"; …]` (`k:"v"`).
 */
const SD_PARAM = /([\w.-]{1,64})[=:]"((?:[^"\\]|\\.)*)"/g;
/** Structured fields without a column that say what the verdict was about (rule, gateway, why) */
const SD_KEEP = new Set(['rule_name', 'origin', 'product', 'ifdir', 'reason', 'service_id', 'protection_name']);
const SD_IN_MESSAGE = /\[[\w.-]+@[\d.]+ [\w.-]+="|^\[[\w.-]{1,64}:"/;

/** Splits the syslog header from the message; null when the line has no syslog timestamp. */
export function splitSyslog(line: string): Header | null {
  let s = line;
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let rfc5424 = false;
  if (s.charCodeAt(0) === 60) {
    const gt = s.indexOf('>');
    if (gt < 2 || gt > 4 || !/^\d+$/.test(s.slice(1, gt))) return null;
    s = s.slice(gt + 1);
    if (s.startsWith('1 ')) {
      rfc5424 = true;
      s = s.slice(2);
    }
  }
  let tsText: string;
  let rest: string;
  if (MONTHS.has(s.slice(0, 3)) && s.charCodeAt(3) === 32) {
    // `Mmm dd hh:mm:ss` (15 chars), or `Mmm dd yyyy hh:mm:ss` (Cisco ASA, 20 chars), optional fraction
    let end = s.charCodeAt(6) === 32 && /^\d{4} /.test(s.slice(7, 12)) ? 20 : 15;
    if (s.charCodeAt(end) === 46) {
      end++;
      while (end < s.length && s.charCodeAt(end) >= 48 && s.charCodeAt(end) <= 57) end++;
    }
    tsText = s.slice(0, end);
    // Cisco devices may end the timestamp with a colon
    if (s.charCodeAt(end) === 58) end++;
    if (s.charCodeAt(end) !== 32) return null;
    rest = s.slice(end + 1);
  } else if (rfc5424 && /^\d{10}\.\d{1,9} /.test(s)) {
    // Cisco Meraki: `<134>1 1704448801.123456789 MX84 flows src=… dst=…`, an epoch and then host,
    // category and message (none of RFC 5424's proc id, msg id or structured data)
    const sp = s.indexOf(' ');
    const rest = s.slice(sp + 1);
    const h = rest.indexOf(' ');
    const c = h < 0 ? -1 : rest.indexOf(' ', h + 1);
    if (h <= 0) return null;
    return { tsText: s.slice(0, sp), host: rest.slice(0, h), program: c < 0 ? rest.slice(h + 1) : rest.slice(h + 1, c), pid: null, message: c < 0 ? '' : rest.slice(c + 1) };
  } else if (s.charCodeAt(4) === 45 && s.charCodeAt(10) === 84) {
    const sp = s.indexOf(' ');
    if (sp < 0) return null;
    tsText = s.slice(0, sp);
    rest = s.slice(sp + 1);
    // VMware ESXi's own log files put a severity where the host would be, then the tag (hostd, sshd, vpxa)
    const lsp = rest.indexOf(' ');
    if (!rfc5424 && lsp > 0 && lsp <= 8 && ESXI_LEVEL.test(rest.slice(0, lsp))) {
      const tag = ESXI_TAG.exec(rest.slice(lsp + 1, lsp + 80));
      if (tag !== null && (tag[2] !== undefined || tag[3] === ':')) {
        return { tsText, host: null, program: tag[1], pid: tag[2] ?? null, message: rest.slice(lsp + 1 + tag[0].length), level: rest.slice(0, lsp) };
      }
    }
  } else return null;
  const sp = rest.indexOf(' ');
  // a first token ending in ':' is the tag of a line without a host name (`sshd[411]: ...`)
  const hostless = !rfc5424 && sp > 1 && rest.charCodeAt(sp - 1) === 58;
  const host = sp > 0 && !hostless ? rest.slice(0, sp) : null;
  rest = sp > 0 && !hostless ? rest.slice(sp + 1) : rest;
  // `host : %ASA-6-302013: ...`: Cisco separates the host from the tag with a lone colon
  if (rest.startsWith(': ')) rest = rest.slice(2);
  if (rfc5424) {
    // APP-NAME PROCID MSGID [SD] MSG
    const parts = rest.split(' ');
    const app = parts[0] && parts[0] !== '-' ? parts[0] : null;
    const pid = parts[1] && parts[1] !== '-' ? parts[1] : null;
    let msg = parts.slice(3).join(' ');
    let sd: string | null = null;
    if (msg.startsWith('-')) msg = msg.slice(1).trimStart();
    else if (msg.startsWith('[')) {
      const close = sdEnd(msg);
      // structured data that never closes is not structured data: the text stays the message
      sd = close >= 0 ? msg.slice(0, close) : null;
      if (close >= 0) msg = msg.slice(close).trimStart();
    }
    return { tsText, host: host === '-' ? null : host, program: app, pid, message: msg.replace(/^\uFEFF/, ''), sd };
  }
  // TAG[pid]: message — the tag ends at ':' or '[' within the first 48 characters and has no spaces
  const colon = rest.indexOf(': ');
  const tagEnd = colon >= 0 ? colon : rest.endsWith(':') ? rest.length - 1 : -1;
  if (tagEnd > 0 && tagEnd <= 48 && rest.lastIndexOf(' ', tagEnd) < 0) {
    const tag = rest.slice(0, tagEnd);
    const br = tag.indexOf('[');
    const program = br > 0 ? tag.slice(0, br) : tag;
    const pid = br > 0 && tag.endsWith(']') ? tag.slice(br + 1, -1) : null;
    return { tsText, host, program, pid, message: rest.slice(tagEnd + 2) };
  }
  return { tsText, host, program: null, pid: null, message: rest };
}

class SyslogParser implements RecordParser {
  private readonly time: TimeContext;
  private lastTsText = '';
  private lastTs = NaN;
  private readonly carry = new LoginCarry();

  constructor(ctx: ParseContext) {
    this.time = { tz: ctx.tz, year: ctx.year, refTime: ctx.refTime };
  }

  /**
   * Structured data (Juniper SRX `source-address="…"`, Check Point `src="…" s_port="…" service="22"`)
   * fills the cells the message left empty, by the same field names as tables.
   */
  private structured(sd: string, row: CellValue[], counters: CleaningCounters, extra: Record<string, string>): void {
    SD_PARAM.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SD_PARAM.exec(sd)) !== null) {
      const key = m[1];
      const value = m[2].replace(/\\(["\\\]])/g, '$1');
      if (value === '' || value === 'N/A' || value === 'None') continue;
      // Check Point's service is the destination port
      const role = key === 'service' && /^\d{1,5}$/.test(value) ? 'dst_port' : roleForName(key);
      if (role === null && SD_KEEP.has(key) && Object.keys(extra).length < 16) extra[key] = value.slice(0, 200);
      // Check Point's `flags` is an internal bit mask, not TCP flags
      if (role === null || role === 'ts' || role === 'message' || (role === 'flags' && /^\d+$/.test(value))) continue;
      const col = colIndex(role);
      if (col >= 0 && row[col] === null) row[col] = cleanCell(col, value, counters, this.time, row);
    }
    // Juniper SRX names the verdict in the message: `session denied …`, `session created …`
    if (row[C.action] === null && typeof row[C.message] === 'string') {
      const msg = row[C.message] as string;
      if (msg.startsWith('session denied')) row[C.action] = 'reject';
      else if (msg.startsWith('session created')) row[C.action] = 'accept';
      // the created line counted the contact; a close adds its bytes (as Cisco ASA teardowns)
      else if (msg.startsWith('session closed')) row[C.action] = 'close';
    }
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const h = splitSyslog(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
    if (h === null) return 'not a syslog line: no timestamp at the start';
    let ts = this.lastTs;
    if (h.tsText !== this.lastTsText) {
      ts = parseTimestamp(h.tsText, this.time);
      this.lastTsText = h.tsText;
      this.lastTs = ts;
    }
    if (Number.isNaN(ts)) return `not a syslog line: unreadable timestamp "${h.tsText.slice(0, 40)}"`;
    row[C.ts] = ts;
    row[C.ts_text] = h.tsText;
    row[C.host] = h.host;
    row[C.program] = h.program;
    row[C.message] = h.message;
    // Sysmon for Linux logs each event as Windows event XML: read as wevtutil's XML is (the process
    // and network events the host detectors judge), the syslog header filling what it leaves out
    if (h.message.startsWith('<Event') && readEventXml(h.message, row, counters, this.time) === null) {
      if (row[C.ts] === null) {
        row[C.ts] = ts;
        row[C.ts_text] = h.tsText;
      }
      row[C.host] ??= h.host;
      row[C.program] ??= h.program;
      row[C.message] ??= h.message;
      return null;
    }
    const extra: Record<string, string> = {};
    if (h.pid !== null) extra.pid = h.pid;
    if (h.level !== undefined) extra.level = h.level;
    typeMessage(h.program, h.message, row, extra);
    const sd = h.sd ?? (SD_IN_MESSAGE.test(h.message) ? h.message.slice(h.message.search(SD_IN_MESSAGE)) : null);
    if (sd) this.structured(sd, row, counters, extra);
    // a record that carries its own full date (PAN-OS) is dated by it: the header has no year
    if (extra._time !== undefined) {
      const own = parseTimestamp(extra._time, this.time);
      if (!Number.isNaN(own)) {
        row[C.ts] = own;
        row[C.ts_text] = extra._time;
      }
      delete extra._time;
    }
    this.carry.apply(row, extra);
    for (const _k in extra) {
      row[C.extra] = JSON.stringify(extra);
      break;
    }
    return null;
  }
}

function detectSyslog(headLines: readonly string[]): DetectResult | null {
  let ok = 0;
  let total = 0;
  let tagged = 0;
  let meraki = 0;
  for (const l of headLines.slice(0, 200)) {
    if (l.trim() === '') continue;
    total++;
    let h: Header | null = null;
    try {
      h = splitSyslog(l);
    } catch {
      h = null; // detection must never throw; treat as not syslog
    }
    if (h !== null && !Number.isNaN(parseTimestamp(h.tsText, { tz: null, year: 2000, refTime: null }))) {
      ok++;
      if (h.program !== null) tagged++;
      if (h.tsText.charCodeAt(10) === 46) meraki++;
    }
  }
  if (total === 0 || ok / total < 0.5) return null;
  // Meraki's `<pri>1 epoch host category` header is syslog's own, though its messages are key=value
  const confidence = meraki / ok >= 0.5 ? 0.9 * (ok / total) : 0.85 * (ok / total) * (tagged / ok >= 0.5 ? 1 : 0.8);
  return { confidence, layout: { format: 'syslog', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const syslogSpec: FormatSpec = {
  name: 'syslog',
  title: 'Syslog / auth log',
  description: 'RFC 3164 (Mar  5 06:25:01 host prog[pid]: msg), ISO-timestamped syslog and RFC 5424; sshd, sudo, PAM, FTP and mail logins, kernel firewall lines (UFW, iptables), pfSense/OPNsense filterlog, Palo Alto PAN-OS, Cisco, Juniper SRX, Check Point, MikroTik, WatchGuard, Meraki and HAProxy typed',
  framing: 'lines',
  samples: [
    'Mar 27 13:06:56 ip-10-77-20-248 sshd[1291]: Server listening on 0.0.0.0 port 22.',
    'Mar 29 23:18:33 ip-10-77-20-248 sshd[6402]: message repeated 5 times: [ Failed password for root from 218.60.136.106 port 56338 ssh2]',
    'Mar  5 06:25:01 web1 sshd[411]: Failed password for invalid user admin from 2001:db8::7 port 40022 ssh2',
    'Mar  5 06:25:09 web1 sshd[412]: Accepted publickey for deploy from 10.0.0.4 port 51515 ssh2: RSA SHA256:abc',
    'Mar  5 06:25:10 web1 sudo:   ubuntu : TTY=pts/0 ; PWD=/home/ubuntu ; USER=root ; COMMAND=/usr/bin/apt update',
    '2024-01-05T10:00:00+00:00 bastion sshd[1]: Connection closed by authenticating user root 203.0.113.9 port 4242 [preauth]',
    '2025-02-11T08:15:02.114021+00:00 trixie sshd-session[2231]: Failed password for root from 203.0.113.44 port 50312 ssh2',
    'May  1 10:00:01 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.5 DST=10.0.0.1 LEN=40 PROTO=TCP SPT=51234 DPT=22 WINDOW=1024 SYN URGP=0',
    '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM\'su root\' failed for lonvick on /dev/pts/8',
  ],
  detect: detectSyslog,
  layoutFor: () => ({ format: 'syslog', header: null, mapping: {}, firstRecordLine: 1 }),
  createParser: (ctx) => new SyslogParser(ctx),
};
