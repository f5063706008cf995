// Syslog and auth logs: RFC 3164 (`Mar  5 06:25:01 host prog[pid]: msg`), ISO-timestamped
// syslog, RFC 5424; sshd/sudo/pam messages become typed auth events (action, user, src_ip, port).
// Unknown messages are still events (program + message), never quarantined for being unknown.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';
import { parseTimestamp, type TimeContext } from './time';

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

interface Header {
  tsText: string;
  host: string | null;
  program: string | null;
  pid: string | null;
  message: string;
}

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
    // `Mmm dd hh:mm:ss` (15 chars), optional fraction
    let end = 15;
    if (s.charCodeAt(15) === 46) {
      end = 16;
      while (end < s.length && s.charCodeAt(end) >= 48 && s.charCodeAt(end) <= 57) end++;
    }
    if (s.charCodeAt(end) !== 32) return null;
    tsText = s.slice(0, end);
    rest = s.slice(end + 1);
  } else if (s.charCodeAt(4) === 45 && s.charCodeAt(10) === 84) {
    const sp = s.indexOf(' ');
    if (sp < 0) return null;
    tsText = s.slice(0, sp);
    rest = s.slice(sp + 1);
  } else return null;
  const sp = rest.indexOf(' ');
  // a first token ending in ':' is the tag of a line without a host name (`sshd[411]: ...`)
  const hostless = !rfc5424 && sp > 1 && rest.charCodeAt(sp - 1) === 58;
  const host = sp > 0 && !hostless ? rest.slice(0, sp) : null;
  rest = sp > 0 && !hostless ? rest.slice(sp + 1) : rest;
  if (rfc5424) {
    // APP-NAME PROCID MSGID [SD] MSG
    const parts = rest.split(' ');
    const app = parts[0] && parts[0] !== '-' ? parts[0] : null;
    const pid = parts[1] && parts[1] !== '-' ? parts[1] : null;
    let msg = parts.slice(3).join(' ');
    if (msg.startsWith('-')) msg = msg.slice(1).trimStart();
    else if (msg.startsWith('[')) {
      const close = msg.indexOf('] ');
      msg = close >= 0 ? msg.slice(close + 2) : '';
    }
    return { tsText, host: host === '-' ? null : host, program: app, pid, message: msg.replace(/^\uFEFF/, '') };
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

const IP = String.raw`([0-9A-Fa-f:.]+)`;
const FROM_PORT = new RegExp(String.raw`(?:from|with|for|by) ${IP} port (\d+)`);
const FAILED = new RegExp(String.raw`^Failed (\S+) for (?:invalid user )?(.*?) from ${IP} port (\d+)`);
const ACCEPTED = new RegExp(String.raw`^Accepted (\S+) for (.*?) from ${IP} port (\d+)`);
const INVALID = new RegExp(String.raw`^Invalid user (.*?) from ${IP}(?: port (\d+))?`);
const CLOSED = new RegExp(String.raw`^(?:Connection closed|Connection reset|Disconnected) (?:by|from) (?:(?:authenticating |invalid )?user (.*?) )?${IP} port (\d+)`);
const RECEIVED_DISCONNECT = new RegExp(String.raw`^Received disconnect from ${IP} port (\d+)`);
const NO_IDENT = new RegExp(String.raw`^Did not receive identification string from ${IP}(?: port (\d+))?`);
const MAX_ATTEMPTS = new RegExp(String.raw`^error: maximum authentication attempts exceeded for (?:invalid user )?(.*?) from ${IP} port (\d+)`);
const PAM_AUTH_FAIL = /^pam_unix\((\S+):auth\): authentication failure;(.*)$/;
const PAM_SESSION = /^pam_unix\((\S+):session\): session (opened|closed) for user (\S+)/;
const SUDO = /^\s*(\S+) : (?:.*; )?(?:TTY=|user NOT in sudoers|command not allowed)/;
const REPEATED = /^message repeated (\d+) times: \[ ?(.*)\]$/;

/** Typed fields from one auth message. `extra` collects what has no column (auth method, repeats). */
function authFields(program: string | null, message: string, row: CellValue[], extra: Record<string, string>): void {
  let msg = message;
  const rep = REPEATED.exec(msg);
  if (rep) {
    extra.repeated = rep[1];
    msg = rep[2];
  }
  const setIp = (ip: string, port: string | undefined): void => {
    const n = normalizeIp(ip);
    if (n !== null) row[C.src_ip] = n;
    if (port !== undefined) row[C.src_port] = Number(port);
  };
  const preauth = msg.endsWith('[preauth]');
  if (program === 'sshd') {
    let m: RegExpExecArray | null;
    if ((m = FAILED.exec(msg))) {
      row[C.action] = 'auth_failure';
      row[C.user] = m[2];
      extra.method = m[1];
      if (msg.indexOf('for invalid user ') >= 0) extra.invalid_user = 'true';
      setIp(m[3], m[4]);
    } else if ((m = ACCEPTED.exec(msg))) {
      row[C.action] = 'auth_success';
      row[C.user] = m[2];
      extra.method = m[1];
      setIp(m[3], m[4]);
    } else if ((m = INVALID.exec(msg))) {
      row[C.action] = 'invalid_user';
      row[C.user] = m[1];
      setIp(m[2], m[3]);
    } else if ((m = CLOSED.exec(msg))) {
      if (preauth) row[C.action] = 'preauth_close';
      if (m[1] !== undefined) row[C.user] = m[1];
      setIp(m[2], m[3]);
    } else if ((m = RECEIVED_DISCONNECT.exec(msg))) {
      if (preauth) row[C.action] = 'preauth_close';
      setIp(m[1], m[2]);
    } else if ((m = NO_IDENT.exec(msg))) {
      row[C.action] = 'preauth_close';
      setIp(m[1], m[2]);
    } else if ((m = MAX_ATTEMPTS.exec(msg))) {
      // follows the Failed lines it summarises; typed for the entity, not counted as another failure
      row[C.user] = m[1];
      setIp(m[2], m[3]);
    } else if ((m = PAM_SESSION.exec(msg))) {
      row[C.action] = m[2] === 'opened' ? 'session_open' : 'session_close';
      row[C.user] = m[3];
    } else if ((m = PAM_AUTH_FAIL.exec(msg))) {
      // duplicates the "Failed password" line; typed (rhost, user) but left without an action
      const kv = / rhost=(\S+)/.exec(m[2]);
      if (kv) setIp(kv[1], undefined);
      const u = / user=(\S+)/.exec(m[2]);
      if (u) row[C.user] = u[1];
    } else if ((m = FROM_PORT.exec(msg)) && normalizeIp(m[1]) !== null) {
      setIp(m[1], m[2]);
    }
    return;
  }
  if (program === 'sudo') {
    const m = SUDO.exec(msg);
    if (m) {
      row[C.action] = 'sudo';
      row[C.user] = m[1];
      return;
    }
  }
  const ps = PAM_SESSION.exec(msg);
  if (ps) row[C.user] = ps[3];
}

class SyslogParser implements RecordParser {
  private readonly time: TimeContext;
  private lastTsText = '';
  private lastTs = NaN;

  constructor(ctx: ParseContext) {
    this.time = { tz: ctx.tz, year: ctx.year, refTime: ctx.refTime };
  }

  // syslog has no numeric fields to clean: the counters stay untouched
  parse(line: string, row: CellValue[], _counters: CleaningCounters): string | null {
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
    const extra: Record<string, string> = {};
    if (h.pid !== null) extra.pid = h.pid;
    authFields(h.program, h.message, row, extra);
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
    }
  }
  if (total === 0 || ok / total < 0.5) return null;
  const confidence = 0.85 * (ok / total) * (tagged / ok >= 0.5 ? 1 : 0.8);
  return { confidence, layout: { format: 'syslog', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const syslogSpec: FormatSpec = {
  name: 'syslog',
  title: 'Syslog / auth log',
  description: 'RFC 3164 (Mar  5 06:25:01 host prog[pid]: msg), ISO-timestamped syslog and RFC 5424; sshd, sudo and pam events typed',
  framing: 'lines',
  samples: [
    'Mar 27 13:06:56 ip-10-77-20-248 sshd[1291]: Server listening on 0.0.0.0 port 22.',
    'Mar 29 23:18:33 ip-10-77-20-248 sshd[6402]: message repeated 5 times: [ Failed password for root from 218.60.136.106 port 56338 ssh2]',
    'Mar  5 06:25:01 web1 sshd[411]: Failed password for invalid user admin from 2001:db8::7 port 40022 ssh2',
    'Mar  5 06:25:09 web1 sshd[412]: Accepted publickey for deploy from 10.0.0.4 port 51515 ssh2: RSA SHA256:abc',
    'Mar  5 06:25:10 web1 sudo:   ubuntu : TTY=pts/0 ; PWD=/home/ubuntu ; USER=root ; COMMAND=/usr/bin/apt update',
    '2024-01-05T10:00:00+00:00 bastion sshd[1]: Connection closed by authenticating user root 203.0.113.9 port 4242 [preauth]',
    '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - BOM\'su root\' failed for lonvick on /dev/pts/8',
  ],
  detect: detectSyslog,
  layoutFor: () => ({ format: 'syslog', header: null, mapping: {}, firstRecordLine: 1 }),
  createParser: (ctx) => new SyslogParser(ctx),
};
