// Web server error logs, which responders get beside the access logs and which carry what the
// access log does not: failed basic-auth logins, rejected URIs, ModSecurity blocks.
//   nginx:      2024/05/01 10:00:01 [error] 1234#1234: *5 open() "/srv/wp-login.php" failed (2: No such file or directory), client: 203.0.113.5, server: example.com, request: "GET /wp-login.php HTTP/1.1", host: "example.com"
//   Apache 2.4: [Wed May 01 10:00:01.123456 2024] [auth_basic:error] [pid 1234:tid 5678] [client 203.0.113.5:51234] AH01618: user admin not found: /admin
//   Apache 2.2: [Wed May 01 10:00:01 2024] [error] [client 203.0.113.5] File does not exist: /var/www/html/wp-login.php
// The client is the source; the request (nginx) or the URI the message names (Apache) the path; a
// missing file is the 404 the client got; a basic-auth failure is an auth_failure with its user; a
// ModSecurity message (2.x in Apache's log, v3 through the nginx connector) is an alert on the client.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C } from './cols';
import { cleanCell } from './clean';
import { timeContextOf, type TimeContext } from './time';
import { crsCategory, modsecFields, modsecMatched, wafPriority } from './waf';

const NGINX_HEAD = /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) \[(\w+)\] (\d+)#(\d+): (?:\*\d+ )?(.*)$/;
const APACHE_HEAD = /^\[(\w{3} \w{3} \d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \d{4})\] \[([^\]]*)\](.*)$/;
const NGX_CLIENT = /, client: ([0-9A-Fa-f:.]+)/;
const NGX_REQUEST = /, request: "(\S+) (\S+)(?: (HTTP\/[\d.]+))?"/;
const NGX_HOST = /, host: "([^"]*)"/;
const NGX_MISSING = /^(?:open\(\) "[^"]*" failed \(2: No such file or directory\)|"[^"]*" is not found \(2: No such file or directory\))/;
/** ModSecurity-nginx: `[client 1.2.3.4] ModSecurity: …` before nginx's own tail */
const NGX_MODSEC = /^(?:\[client [^\]]*\] )?(ModSecurity: .*)$/;
const NGX_AUTH = /^user "([^"]*)"(?: was not found in| : password mismatch|: password mismatch)/;
const AP_CLIENT = /\[client ([0-9A-Fa-f:.]+?)(?::(\d+))?\]/;
const AP_USER_FAIL = /^AH0161[78]: user (.*?)(?: not found|: authentication failure for "([^"]*)")(?:: (\S+))?/;
const AP_MISSING = /^(?:AH00128: )?File does not exist: (\S+)/;

/**
 * A ModSecurity message (2.x in Apache's log, v3 through the nginx connector): the rule as an alert
 * on the client (extra.signature_id / priority, as IDS alerts), its message, its attack kind and the
 * transaction it belongs to; `Access denied` is the block, a `Warning.` a match the WAF let pass.
 */
function modSecurity(msg: string, row: CellValue[], extra: Record<string, string | number>): void {
  const { f, tags } = modsecFields(msg);
  if (f.uri !== undefined && row[C.path] == null) splitTarget(f.uri, row);
  const code = /^ModSecurity: Access denied with code (\d{3})/.exec(msg);
  if (code) row[C.status] = Number(code[1]);
  row[C.action] = /^ModSecurity: Access denied/.test(msg) ? 'reject' : null;
  if (f.hostname && row[C.host] == null) row[C.host] = f.hostname;
  if (f.id === undefined) return;
  extra.waf = 'modsecurity';
  extra.signature_id = f.id;
  extra.priority = wafPriority(f.id, f.severity ?? null, f.msg ?? '');
  if (f.unique_id) extra.waf_txn = f.unique_id;
  row[C.message] = f.msg || `ModSecurity rule ${f.id}`;
  const cat = crsCategory(`${f.file ?? ''} ${tags.join(' ')}`);
  if (cat !== null) row[C.category] = cat;
  // what the rule matched (the logged [uri] has no query string: the payload is only here)
  const matched = modsecMatched(f.data);
  if (matched) {
    extra.waf_data = matched.value;
    if (matched.where) extra.waf_var = matched.where;
  }
  // the full line stays findable: the matched data and the operator are in extra
  extra.modsec = msg.slice(0, 2000);
}

function splitTarget(target: string, row: CellValue[]): void {
  const q = target.indexOf('?');
  row[C.path] = q < 0 ? target : target.slice(0, q);
  if (q >= 0) row[C.query] = target.slice(q + 1);
}

class ErrorLogParser implements RecordParser {
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    const n = NGINX_HEAD.exec(s);
    if (n !== null) return this.nginx(n, row, counters);
    const a = APACHE_HEAD.exec(s);
    if (a !== null) return this.apache(a, row, counters);
    return 'not a web server error log line: no [level] header';
  }

  private stamp(text: string, row: CellValue[], counters: CleaningCounters): boolean {
    row[C.ts] = cleanCell(C.ts, text, counters, this.time, row);
    row[C.ts_text] = text;
    return row[C.ts] !== null;
  }

  private nginx(m: RegExpExecArray, row: CellValue[], counters: CleaningCounters): string | null {
    if (!this.stamp(m[1].replace(/\//g, '-'), row, counters)) return 'unreadable time';
    row[C.ts_text] = m[1];
    const msg = m[5];
    row[C.program] = 'nginx';
    row[C.message] = msg;
    const extra: Record<string, string | number> = { level: m[2], pid: m[3] };
    // nginx appends client, server, request and host after the message, which may quote the attacker's text
    const tail = msg.lastIndexOf(', client: ');
    const ctx = tail < 0 ? msg : msg.slice(tail);
    const client = NGX_CLIENT.exec(ctx);
    if (client) row[C.src_ip] = cleanCell(C.src_ip, client[1], counters, this.time, row);
    const req = NGX_REQUEST.exec(ctx);
    if (req) {
      row[C.method] = req[1];
      splitTarget(req[2], row);
      if (req[3] !== undefined) row[C.protocol] = req[3];
    }
    const host = NGX_HOST.exec(ctx);
    if (host) row[C.host] = host[1];
    let k: RegExpExecArray | null;
    if (NGX_MISSING.test(msg)) row[C.status] = 404;
    else if ((k = NGX_AUTH.exec(msg))) {
      row[C.action] = 'auth_failure';
      row[C.user] = k[1];
    } else if ((k = NGX_MODSEC.exec(msg))) {
      modSecurity(k[1], row, extra);
    }
    row[C.extra] = JSON.stringify(extra);
    return null;
  }

  private apache(m: RegExpExecArray, row: CellValue[], counters: CleaningCounters): string | null {
    // ctime order `Wed May 01 10:00:03.123456 2024` read as `May 01 2024 10:00:03.123456`
    const p = m[1].split(' ');
    if (!this.stamp(`${p[1]} ${p[2]} ${p[4]} ${p[3]}`, row, counters)) return 'unreadable time';
    row[C.ts_text] = m[1];
    // `[module:level]` (2.4) or `[level]` (2.2), then `[pid ...]`, `[client ...]` and the message
    const [module, level] = m[2].includes(':') ? m[2].split(':', 2) : [null, m[2]];
    let rest = m[3];
    const client = AP_CLIENT.exec(rest);
    if (client) {
      row[C.src_ip] = cleanCell(C.src_ip, client[1], counters, this.time, row);
      if (client[2] !== undefined) row[C.src_port] = cleanCell(C.src_port, client[2], counters, this.time, row);
    }
    // the message follows the last bracketed prefix ([pid …] [client …])
    rest = rest.replace(/^(?:\s*\[(?:pid|client|remote|tid)[^\]]*\])*\s*/, '');
    row[C.program] = module !== null ? `apache:${module}` : 'apache';
    row[C.message] = rest;
    const extra: Record<string, string | number> = { level };
    let k: RegExpExecArray | null;
    if ((k = AP_USER_FAIL.exec(rest))) {
      row[C.action] = 'auth_failure';
      row[C.user] = k[1];
      const uri = k[2] ?? k[3];
      if (uri !== undefined) splitTarget(uri, row);
    } else if ((k = AP_MISSING.exec(rest))) {
      // a file-system path: the client got a 404 for the URL that mapped to it
      row[C.status] = 404;
      extra.file = k[1];
    } else if (rest.startsWith('ModSecurity:')) {
      modSecurity(rest, row, extra);
    }
    row[C.extra] = JSON.stringify(extra);
    return null;
  }
}

function detectErrorLog(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  let ok = 0;
  for (const l of lines) if (NGINX_HEAD.test(l) || APACHE_HEAD.test(l)) ok++;
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.9 * (ok / lines.length), layout: { format: 'errorlog', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const errorLogSpec: FormatSpec = {
  name: 'errorlog',
  title: 'Nginx / Apache error log',
  description: 'nginx `yyyy/mm/dd hh:mm:ss [level] pid#tid: ...` and Apache `[date] [module:level] [client ip:port] ...`; missing files as 404s, basic-auth failures as auth_failure, ModSecurity messages as WAF alerts (rule id, message, severity, transaction)',
  framing: 'lines',
  samples: [
    '2024/05/01 10:00:01 [error] 1234#1234: *5 open() "/usr/share/nginx/html/wp-login.php" failed (2: No such file or directory), client: 203.0.113.5, server: example.com, request: "GET /wp-login.php HTTP/1.1", host: "example.com"',
    '2024/05/01 10:00:02 [error] 1234#1234: *6 user "admin": password mismatch, client: 203.0.113.5, server: example.com, request: "GET /admin/ HTTP/1.1", host: "example.com"',
    '[Wed May 01 10:00:03.123456 2024] [auth_basic:error] [pid 1234:tid 5678] [client 203.0.113.5:51234] AH01618: user admin not found: /admin',
    '[Wed May 01 10:00:04 2024] [error] [client 203.0.113.5] File does not exist: /var/www/html/phpmyadmin',
  ],
  detect: (head) => {
    try {
      return detectErrorLog(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new ErrorLogParser(ctx),
};
