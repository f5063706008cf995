// key=value logs (logfmt, FortiGate/Sophos/pfSense-style firewall exports, CEF, LEEF, optionally behind a
// syslog prefix): keys mapped to roles like CSV columns, `date` + `time` joined, text before
// the first pair kept as `_prefix` in extra.
import { SKIP } from './types';
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser, SourceLayout } from './types';
import { KeyedRecordMapper, mapFields } from './mapped';
import { readQuoted } from './quoted';
import { timeContextOf } from './time';
import { C } from './cols';

const isKeyChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45 || c === 64 || c === 58;

/**
 * Tokenises `k=v k2="quoted \" value" ...` into `out` (key/value pairs), returning the text before
 * the first pair, or null when the line is not made of pairs. A quote left open ends at the line end.
 */
export function splitPairs(s: string, out: Map<string, string>): string | null {
  out.clear();
  let prefixEnd = -1;
  let i = 0;
  const n = s.length;
  // ArcSight CEF: `CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|ext`: pairs start after the 7th bar
  const cef = s.indexOf('CEF:');
  if (cef >= 0) {
    let bar = cef;
    for (let k = 0; k < 7 && bar >= 0; k++) {
      bar = s.indexOf('|', bar + 1);
      while (bar > 0 && s.charCodeAt(bar - 1) === 92) bar = s.indexOf('|', bar + 1);
    }
    if (bar > 0) {
      prefixEnd = bar + 1;
      i = bar + 1;
    }
  }
  else if (s.indexOf('LEEF:') >= 0) return splitLeef(s, out);
  else if (s.indexOf('\t') >= 0) {
    const tabbed = splitTabbedPairs(s, out);
    if (tabbed !== null) return tabbed;
  }
  while (i < n) {
    while (i < n && s.charCodeAt(i) === 32) i++;
    const keyStart = i;
    while (i < n && isKeyChar(s.charCodeAt(i))) i++;
    if (i === keyStart || i >= n || s.charCodeAt(i) !== 61) {
      // not a pair: skip the word (prefix text before the pairs, or junk between them)
      const sp = s.indexOf(' ', i);
      if (out.size === 0) prefixEnd = sp < 0 ? n : sp;
      i = sp < 0 ? n : sp;
      continue;
    }
    const key = s.slice(keyStart, i);
    i++;
    let value: string;
    if (s.charCodeAt(i) === 34) {
      const q = readQuoted(s, i);
      value = q.value;
      i = q.end;
    } else {
      // an unquoted value runs to the next ` key=` (CEF allows spaces in values; logfmt has none)
      let end = n;
      let sp = s.indexOf(' ', i);
      while (sp >= 0) {
        let k = sp + 1;
        while (k < n && isKeyChar(s.charCodeAt(k))) k++;
        if (k > sp + 1 && s.charCodeAt(k) === 61) {
          end = sp;
          break;
        }
        sp = s.indexOf(' ', sp + 1);
      }
      value = s.slice(i, end).trimEnd();
      // CEF escapes `=` and `\` inside values
      if (value.indexOf('\\') >= 0) value = value.replace(/\\([=\\|])/g, '$1');
      i = end;
    }
    if (!out.has(key)) out.set(key, value);
  }
  if (out.size === 0) return null;
  return prefixEnd > 0 ? s.slice(0, prefixEnd).trim() : '';
}

const KEYED_CELL = /^[\w.@:-]{1,64}=/;

/**
 * Tab-separated pairs whose values hold spaces (`datetime=Mon Nov 30 10:01:02 2026<TAB>reason=Allowed<TAB>…`: the
 * Zscaler NSS feed format Splunk's add-on reads, and other feeds built the same way): a value runs to the next tab.
 * The first cell may carry the line's prefix (a syslog header) before its pair. Null when most cells are no pairs.
 */
function splitTabbedPairs(s: string, out: Map<string, string>): string | null {
  const cells = s.split('\t');
  let keyed = 0;
  for (let k = 1; k < cells.length; k++) if (KEYED_CELL.test(cells[k]!)) keyed++;
  if (keyed < 3 || keyed < (cells.length - 1) * 0.8) return null;
  const prefix = splitPairs(cells[0]!, out);
  for (let k = 1; k < cells.length; k++) {
    const c = cells[k]!;
    const eq = c.indexOf('=');
    if (eq <= 0 || !KEYED_CELL.test(c)) continue;
    const key = c.slice(0, eq);
    let value = c.slice(eq + 1).trim();
    if (value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34) value = readQuoted(value, 0).value;
    if (!out.has(key)) out.set(key, value);
  }
  if (out.size === 0) return null;
  return prefix ?? cells[0]!.trim();
}

/**
 * IBM QRadar LEEF: `LEEF:1.0|Vendor|Product|Version|EventID|k=v<TAB>k=v…` (tab-separated), or
 * `LEEF:2.0|Vendor|Product|Version|EventID|^|k=v^k=v…` with its own delimiter (a character, or
 * hex such as `x09`/`0x09`; absent: tab). Values may hold spaces; the header is the prefix.
 */
function splitLeef(s: string, out: Map<string, string>): string | null {
  const start = s.indexOf('LEEF:');
  let bar = start;
  for (let k = 0; k < 5 && bar >= 0; k++) bar = s.indexOf('|', bar + 1);
  if (bar < 0) return null;
  let delim = '\t';
  let body = bar + 1;
  if (s.startsWith('LEEF:2', start)) {
    const next = s.indexOf('|', bar + 1);
    const d = next < 0 ? '' : s.slice(bar + 1, next);
    const hex = /^(?:0?x|\\x)([0-9A-Fa-f]{2,4})$/.exec(d);
    if (d.length === 1 || hex !== null) {
      delim = hex !== null ? String.fromCharCode(parseInt(hex[1], 16)) : d;
      body = next + 1;
    } else if (d === '') body = next < 0 ? bar + 1 : next + 1;
  }
  for (const part of s.slice(body).split(delim)) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    if (key !== '' && !out.has(key)) out.set(key, part.slice(eq + 1).trim());
  }
  return out.size === 0 ? null : s.slice(0, body).trim();
}

/**
 * Linux audit records: `type=USER_AUTH msg=audit(1709632800.200:2100): pid=… msg='op=PAM:authentication
 * acct="root" exe="/usr/sbin/sshd" hostname=? addr=203.0.113.55 terminal=ssh res=failed'`. The
 * time and serial in `audit(…)` become pairs and the quoted inner message is unwrapped, so its
 * pairs map like any other; `?` is no value.
 */
export function unwrapAudit(s: string): string {
  // one substring search decides for every other key=value line (FortiGate lines have type= too)
  if (s.indexOf('msg=audit(') < 0) return s;
  // auditd's ENRICHED format (the default since audit 2.8) appends the names of ids after a 0x1D: `res=failed'\x1dUID="root" AUID="unset"`
  if (s.indexOf('\u001d') >= 0) s = s.replaceAll('\u001d', ' ');
  // epoch seconds (audit.log), or the local date and time `ausearch -i` writes (`audit(12/01/2026 09:00:00.123:456) : `)
  const m = /msg=audit\((\d{9,11}(?:\.\d{1,6})?|\d{1,2}\/\d{1,2}\/\d{2,4} \d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?):(\d+)\)\s?:\s*/.exec(s);
  if (m === null) return s;
  let out = `${s.slice(0, m.index)}audit_time="${m[1]}" audit_serial=${m[2]} ${s.slice(m.index + m[0].length)}`;
  const q = out.indexOf("msg='");
  if (q >= 0) {
    // the last quote closes it: a quote inside an account name (acct="ro'ot") must not end it early
    const end = out.lastIndexOf("'");
    out = end < 0 ? `${out.slice(0, q)}${out.slice(q + 5)}` : `${out.slice(0, q)}${out.slice(q + 5, end)} ${out.slice(end + 1)}`;
  }
  // ausearch -i writes a program's arguments as plain text (a2=echo aGk= | base64 -d): each runs to the next argument
  if (m[1]!.indexOf('/') >= 0 && /(?:^|\s)type=EXECVE\s/.test(out)) out = quoteArguments(out);
  // `?` is no value; auditd writes names with odd characters as hex (acct=28696E76616C6964…)
  return out.replace(/(?<=[ ^])(\w+)=\?(?= |$)/g, '$1=').replace(/(?<=[ ^])(acct|exe|comm|hostname|terminal)=((?:[0-9A-F]{2}){2,128})(?= |$)/g, (_m, k: string, hex: string) => `${k}="${hexText(hex)}"`);
}

/**
 * An interpreted EXECVE record's arguments (`argc=3 a0=bash a1=-c a2=echo x=1 | sh`) quoted, so spaces, `=` and
 * quotes inside one stay in it: argument i runs to ` a{i+1}=`, the last to the end of the line.
 */
function quoteArguments(s: string): string {
  let at = s.indexOf(' a0=');
  if (at < 0) return s;
  let out = s.slice(0, at);
  for (let i = 0; at >= 0; i++) {
    const start = at + ` a${i}=`.length;
    const next = s.indexOf(` a${i + 1}=`, start);
    const value = (next < 0 ? s.slice(start) : s.slice(start, next)).trimEnd();
    out += ` a${i}="${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    at = next;
  }
  return out;
}

/** auditd's hex encoding of a value, as text (quotes and backslashes escaped for the pair reader). */
function hexText(hex: string): string {
  return Buffer.from(hex, 'hex').toString('utf8').replace(/["\\]/g, (c) => `\\${c}`);
}

/** Logon outcomes of audit records: USER_AUTH is one authentication try, USER_LOGIN the login that followed (or not). */
function auditAction(pairs: ReadonlyMap<string, string>): string | null {
  const type = pairs.get('type');
  const res = pairs.get('res');
  if (res === undefined) return null;
  const ok = res === 'success' || res === 'yes';
  const failed = res === 'failed' || res === 'no';
  // a failed USER_LOGIN closes a connection whose USER_AUTH failures were counted already
  if (type === 'USER_AUTH') return failed ? 'auth_failure' : null;
  if (type === 'USER_LOGIN') return ok ? 'auth_success' : null;
  return null;
}

/**
 * Who ran a program, from its SYSCALL record: the login user (auid, which sudo and su keep; the
 * ENRICHED format's AUID names it) and the user it ran as. Null when the login is unset (a daemon).
 */
function auditRunner(pairs: ReadonlyMap<string, string>): { user: string; text: string } | null {
  const name = (upper: string, lower: string): string | null => {
    const v = pairs.get(upper) ?? pairs.get(lower);
    if (v === undefined || v === '' || v === 'unset' || v === '4294967295' || v === '-1') return null;
    // numbers without the ENRICHED names: 0 is root everywhere, others are shown as ids
    return v === '0' ? 'root' : /^\d+$/.test(v) ? `uid ${v}` : v;
  };
  const login = name('AUID', 'auid');
  const as = name('UID', 'uid');
  if (login === null) return as === null ? null : { user: as, text: as };
  return { user: login, text: as === null || as === login ? login : `${as} (logged in as ${login})` };
}

class KeyValueParser implements RecordParser {
  private readonly keyed: KeyedRecordMapper;
  private readonly pairs = new Map<string, string>();
  /** the last SYSCALL record's serial and who ran it: audit.log writes it just before its EXECVE */
  private syscall: { serial: string; runner: ReturnType<typeof auditRunner> } | null = null;

  constructor(ctx: ParseContext) {
    this.keyed = new KeyedRecordMapper(ctx.layout.header ?? [], ctx.layout.mapping, timeContextOf(ctx));
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    let s = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    // ausearch's event separators (`----`) and its `time->Tue Dec  1 09:00:00 2026` lines (the time is in each record)
    if (s === '----' || s.startsWith('time->')) return SKIP;
    const audit = unwrapAudit(s);
    const prefix = splitPairs(audit, this.pairs);
    if (prefix === null) return 'no key=value pairs';
    let runner: ReturnType<typeof auditRunner> = null;
    if (audit !== s) {
      const type = this.pairs.get('type');
      const serial = this.pairs.get('audit_serial') ?? '';
      if (type === 'SYSCALL') this.syscall = { serial, runner: auditRunner(this.pairs) };
      else if (type === 'EXECVE' && this.syscall?.serial === serial) runner = this.syscall.runner;
      if (runner !== null && !this.pairs.has('run_by')) this.pairs.set('run_by', runner.text);
    }
    this.keyed.fill(this.pairs, row, counters, prefix);
    if (audit !== s) {
      const a = auditAction(this.pairs);
      if (a !== null) row[C.action] = a;
      // the login user, whom sudo does not hide; run_by in the extra adds whom it ran as
      if (runner !== null) row[C.user] = runner.user;
      // hostname= in a login record is the client's name (or address), not the machine's (node= is that): kept in extra
      const peer = this.pairs.get('hostname');
      if (peer !== undefined && peer !== '' && row[C.host] === peer) {
        row[C.host] = this.pairs.get('node') ?? null;
        row[C.extra] = JSON.stringify({ ...(typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {}), hostname: peer });
      }
      // a login's account: USER_LOGIN names it by id (ENRICHED adds the name, ID="deploy")
      if (a === 'auth_success' && row[C.user] === null) row[C.user] = auditRunner(new Map([['auid', this.pairs.get('ID') ?? this.pairs.get('acct') ?? this.pairs.get('id') ?? '']]))?.user ?? null;
    }
    return null;
  }
}

/** FortiGate event-log keys that its traffic records lack (see detectKv) */
const FORTI_EVENT_KEYS = ['logdesc', 'status', 'user', 'remip', 'reason', 'msg', 'ui', 'tunneltype'];

function detectKv(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  const fields: string[] = [];
  const seen = new Set<string>();
  const maps: Map<string, string>[] = [];
  for (const l of lines) {
    const m = new Map<string, string>();
    if (splitPairs(unwrapAudit(l.replace(/^\uFEFF/, '')), m) === null || m.size < 4) continue;
    maps.push(m);
    for (const k of m.keys()) {
      if (!seen.has(k)) {
        seen.add(k);
        fields.push(k);
      }
    }
  }
  if (maps.length === 0 || maps.length / lines.length < 0.5) return null;
  // a FortiGate log opens with traffic records far more often than with the event records that
  // carry logins (`logdesc`, `status`, `user`, SSL-VPN's `remip`, the admin's `ui`): without these keys in the layout a
  // failed admin or VPN login later in the file would not be typed
  if (seen.has('logid') && (seen.has('devname') || seen.has('devid'))) {
    for (const k of FORTI_EVENT_KEYS) {
      if (!seen.has(k)) {
        seen.add(k);
        fields.push(k);
      }
    }
  }
  const mapping = mapFields(fields, maps.map((m) => fields.map((f) => m.get(f) ?? '')));
  const layout: SourceLayout = { format: 'kv', header: fields, mapping, firstRecordLine: 1 };
  const anchors = ['ts', 'src_ip', 'dst_ip'].filter((r) => mapping[r] !== undefined).length;
  return { confidence: anchors === 0 ? 0 : Math.min(0.88, 0.55 + 0.1 * anchors + 0.05 * (maps.length / lines.length)), layout };
}

export const kvSpec: FormatSpec = {
  name: 'kv',
  title: 'key=value log (logfmt, firewall exports)',
  description: 'Records made of key=value pairs (quoted values allowed), e.g. FortiGate, Sophos or SonicWall logs, logfmt, CEF and LEEF; keys mapped to roles by name',
  framing: 'lines',
  samples: [
    'date=2024-01-05 time=10:00:01 devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" srcip=10.0.1.15 srcport=51234 dstip=203.0.113.80 dstport=443 proto=6 action="accept" sentbyte=5120 rcvdbyte=88211 service="HTTPS"',
    'date=2024-01-05 time=10:00:02 devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" srcip=10.0.1.16 srcport=51240 dstip=198.51.100.9 dstport=3389 proto=6 action="deny" sentbyte=0 rcvdbyte=0 service="RDP"',
    'Jan  5 10:00:03 fw01 date=2024-01-05 time=10:00:03 srcip=10.0.1.17 srcport=53111 dstip=192.0.2.53 dstport=53 proto=17 action="accept" sentbyte=64',
    'ts=2024-01-05T10:00:04Z level=warn msg="login failed" user=admin client_ip=192.0.2.77 status=401 path=/api/login',
    'CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232 dpt=445 proto=TCP act=blocked rt=1704448805000 msg=Detected a threat. No action needed',
  ],
  detect: (head) => {
    try {
      const r = detectKv(head);
      return r && r.confidence > 0 ? r : null;
    } catch {
      return null; // detection never throws
    }
  },
  layoutFor: (head) => {
    try {
      return detectKv(head)?.layout ?? null;
    } catch {
      return null; // layoutFor never throws
    }
  },
  createParser: (ctx) => new KeyValueParser(ctx),
};
