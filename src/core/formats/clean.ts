// Pure, fast normalisers for field text -> typed column values (IPs, ports, counts with
// 1000-based suffixes, protocols, actions, timestamps), and the per-column cell cleaner
// every mapped format uses so cleaning counts mean the same thing everywhere.
import type { CellValue, CleaningCounters } from './types';
import { C, COL_TYPES } from './cols';
import { parseTimestamp, type TimeContext } from './time';

export { parseTimestamp, localToUtc, zoneOffsetMs, validateTimeZone, type TimeContext } from './time';

/** Text that means "no value" in logs: empty, `-`, `NULL`/`null`, `(empty)` (Zeek), `N/A`. */
export function isNullToken(s: string): boolean {
  switch (s.length) {
    case 0:
      return true;
    case 1:
      return s === '-';
    case 3:
      return s === 'N/A' || s === 'n/a' || s === 'nan' || s === 'NaN';
    case 4:
      return s === 'NULL' || s === 'null' || s === 'None' || s === 'none';
    case 7:
      return s === '(empty)';
    default:
      return false;
  }
}

// ---------------------------------------------------------------- IP addresses

/** Dotted IPv4 (leading zeros are read as decimal and dropped), or null. */
export function normalizeIPv4(s: string): string | null {
  const n = s.length;
  if (n < 7 || n > 15) return null;
  let parts = 0;
  let v = -1;
  let digits = 0;
  let canonical = true;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || v > 255) return null;
      parts++;
      v = -1;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57) return null;
    if (digits > 0 && v === 0) canonical = false; // leading zero
    v = v < 0 ? c - 48 : v * 10 + (c - 48);
    digits++;
    if (digits > 3) return null;
  }
  if (parts !== 4) return null;
  if (canonical) return s;
  return s.split('.').map((p) => String(Number(p))).join('.');
}

function parseIPv6Groups(s: string): number[] | null {
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return null;
  const parseSide = (part: string, allowV4: boolean): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let k = 0; k < items.length; k++) {
      const it = items[k];
      if (allowV4 && k === items.length - 1 && it.includes('.')) {
        const v4 = normalizeIPv4(it);
        if (!v4) return null;
        const o = v4.split('.').map(Number);
        out.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
        continue;
      }
      if (it.length < 1 || it.length > 4 || !/^[0-9a-fA-F]+$/.test(it)) return null;
      out.push(parseInt(it, 16));
    }
    return out;
  };
  if (dbl >= 0) {
    const left = parseSide(s.slice(0, dbl), false);
    const right = parseSide(s.slice(dbl + 2), true);
    if (!left || !right || left.length + right.length > 7) return null;
    return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  }
  const all = parseSide(s, true);
  return all && all.length === 8 ? all : null;
}

/** IPv6 in RFC 5952 form (lower case, longest zero run compressed); `::ffff:a.b.c.d` -> `a.b.c.d`. */
export function normalizeIPv6(input: string): string | null {
  let s = input;
  if (s.charCodeAt(0) === 91 && s.charCodeAt(s.length - 1) === 93) s = s.slice(1, -1);
  const pct = s.indexOf('%');
  if (pct >= 0) s = s.slice(0, pct); // zone id is host-local, not part of the address
  if (s.length < 2 || s.length > 45 || s.indexOf(':') < 0) return null;
  const g = parseIPv6Groups(s);
  if (!g) return null;
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
  }
  let bestStart = -1;
  let bestLen = 1; // RFC 5952: a single zero group is not compressed
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** IPv4 or IPv6, normalised; null when the text is not an IP address. */
export function normalizeIp(s: string): string | null {
  const v4 = normalizeIPv4(s);
  if (v4 !== null) return v4;
  return s.indexOf(':') >= 0 ? normalizeIPv6(s) : null;
}

/**
 * An address written with more around it, as exports do: `203.0.113.5:40000` (Traefik's
 * ClientAddr), `203.0.113.5:40000:X1` (SonicWall's src=, with the interface), `[2001:db8::1]:443`,
 * `["203.0.113.66"]` (Kubernetes' sourceIPs: the first). The address and the port, or null.
 */
export function addressAndPort(s: string): { ip: string; port: number | null } | null {
  const t = s.trim();
  const plain = normalizeIp(t);
  if (plain !== null) return { ip: plain, port: null };
  let m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})(?::[\w/.-]{1,32})?$/.exec(t) ?? /^\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/.exec(t);
  if (m !== null) {
    const ip = normalizeIp(m[1]);
    const port = m[2] === undefined ? null : Number(m[2]);
    return ip === null ? null : { ip, port: port !== null && port <= 65535 ? port : null };
  }
  m = /^\[\s*"([0-9A-Fa-f:.]+)"/.exec(t);
  const first = m !== null ? normalizeIp(m[1]) : null;
  return first === null ? null : { ip: first, port: null };
}

/** The address in a value as addressAndPort reads it, or null. */
export const addressOf = (s: string): string | null => addressAndPort(s)?.ip ?? null;

// ---------------------------------------------------------------- numbers

const SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, g: 1e9, G: 1e9, t: 1e12, T: 1e12 };

/** `12.5` / `80.0` without regex: the value, or -1 when the text is not plain digits with one dot. */
function fixedPoint(s: string): number {
  const n = s.length;
  if (n === 0 || n > 20) return -1;
  let v = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (scale !== 0 || i === 0 || i === n - 1) return -1;
      scale = 1;
    } else if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      if (scale !== 0) scale *= 10;
    } else return -1;
  }
  return scale === 0 ? v : v / scale;
}

/**
 * A count: `123`, `123.0`, `1.2 M`, `420 K`, `3G` (1000-based, as nfdump/CIDDS write them).
 * Returns [value, coerced] or null when unparseable. Rounds to the nearest integer.
 */
export function parseCount(s: string): [number, boolean] | null {
  const n = s.length;
  let plain = n > 0 && n < 16;
  for (let i = 0; i < n && plain; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) plain = false;
  }
  if (plain) return [+s, false];
  const f = fixedPoint(s);
  if (f >= 0) return [Math.round(f), true];
  const t = s.trim();
  if (t === '') return null;
  let mult = 1;
  let body = t;
  const last = t[t.length - 1];
  const m = SUFFIX[last];
  if (m !== undefined) {
    mult = m;
    body = t.slice(0, -1).trimEnd();
  } else if (t.endsWith('B') || t.endsWith('b')) {
    const m2 = SUFFIX[t[t.length - 2]];
    if (m2 !== undefined) {
      mult = m2;
      body = t.slice(0, -2).trimEnd();
    }
  }
  if (!/^[+]?\d+(\.\d+)?$/.test(body) && !/^[+]?\.\d+$/.test(body)) return null;
  const v = Math.round(Number(body) * mult);
  return Number.isFinite(v) ? [v, true] : null;
}

/** A port 0..65535 (`80`, `80.0`); null when it is not one. */
export function parsePort(s: string): [number, boolean] | null {
  const f = fixedPoint(s);
  if (f >= 0) {
    // `80.0` is a port written as a float; `3.1` is not a port (ICMP type.code)
    if (f !== Math.floor(f) || f > 65535) return null;
    return [f, s.indexOf('.') >= 0];
  }
  const t = s.trim();
  // Argus writes ports in hex where they are no ports (ICMP type and id, `0x0008`; CTU-13, UNSW-NB15)
  if (/^0x[0-9a-fA-F]{1,4}$/.test(t)) return [parseInt(t.slice(2), 16), true];
  if (t === s) return null;
  const r = parsePort(t);
  return r ? [r[0], true] : null;
}

/** A real number (duration seconds); null when unparseable. */
export function parseReal(s: string): [number, boolean] | null {
  const f = fixedPoint(s);
  if (f >= 0) return [f, false];
  const t = s.trim();
  // a decimal comma (European exports: `12,5`); `1,234` could be a thousands group and stays unread
  if (/^[+-]?\d+,(?:\d{1,2}|\d{4,})$/.test(t)) return [Number(t.replace(',', '.')), true];
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return [Number(t), t !== s];
}

const IP_PROTOCOLS: Record<string, string> = { '1': 'ICMP', '2': 'IGMP', '6': 'TCP', '17': 'UDP', '47': 'GRE', '50': 'ESP', '51': 'AH', '58': 'ICMP6', '132': 'SCTP' };

/** Protocol name trimmed and upper-cased; IANA numbers 1/6/17/... become names. */
const protoCache = new Map<string, string>();

export function normalizeProto(s: string): string {
  const hit = protoCache.get(s);
  if (hit !== undefined) return hit;
  const t = s.trim();
  const out = IP_PROTOCOLS[t] ?? t.toUpperCase();
  // few distinct spellings per source; bound the cache against hostile input
  if (protoCache.size < 1000) protoCache.set(s, out);
  return out;
}

/** Firewall/flow verdicts -> the shared vocabulary (accept / reject); other text lower-cased. */
export function normalizeAction(s: string): string {
  const t = s.trim().toLowerCase();
  switch (t) {
    case 'accept': case 'accepted': case 'allow': case 'allowed': case 'permit': case 'permitted': case 'pass': case 'ok':
      return 'accept';
    // PAN-OS reset-*, Check Point Prevent (an IPS block)
    case 'reject': case 'rejected': case 'deny': case 'denied': case 'drop': case 'dropped': case 'block': case 'blocked': case 'reset': case 'refused':
    case 'reset-both': case 'reset-client': case 'reset-server': case 'prevent':
      return 'reject';
    // logon outcomes as Winlogbeat, Okta, Azure AD and auth exports name them
    case 'failed log in': case 'logon-failed': case 'logon_failed': case 'login-failed': case 'login_failed': case 'failed-logon': case 'failed_login': case 'failed-login': case 'logon-failure': case 'authentication_failed': case 'authentication-failed': case 'authentication_failure': case 'auth-failure': case 'auth_failure':
      return 'auth_failure';
    case 'logged-in': case 'logged_in': case 'logon-success': case 'login-success': case 'login_success': case 'authentication_success': case 'auth-success': case 'auth_success':
      return 'auth_success';
    // SonicWall's fw_action="NA": no verdict
    case 'na':
      return '';
    default:
      return t;
  }
}

// ---------------------------------------------------------------- the cell cleaner

/** A typed value that did not parse: whitespace only is a NULL, anything else unparseable. */
function blankOrUnparseable(col: number, raw: string, counters: CleaningCounters): void {
  if (raw.trim() === '') counters.nulls[col]++;
  else counters.unparseable[col]++;
}

/**
 * Cleans one mapped field into its column and returns the value, counting what happened.
 * - NULL tokens become SQL NULL (counted `nulls`).
 * - Numbers that needed conversion (`1.2 M`, `80.0`, ` 12 `) are counted `coerced`.
 * - Values that cannot be typed are stored as NULL and counted `unparseable` (the raw line keeps them),
 *   except IP columns: host names and anonymised tokens (CIDDS `EXT_SERVER`) are kept verbatim
 *   (and counted `unparseable`) because they still identify the entity a responder follows.
 * - Text columns keep the text as logged; label/category treat `---` as absent.
 */
export function cleanCell(col: number, raw: string, counters: CleaningCounters, time: TimeContext, row: CellValue[]): CellValue {
  if (isNullToken(raw)) {
    counters.nulls[col]++;
    return null;
  }
  switch (col) {
    case C.ts: {
      const t = parseTimestamp(raw, time);
      if (Number.isNaN(t)) {
        if (raw.trim() === '') {
          counters.nulls[col]++;
          return null;
        }
        row[C.ts_text] = raw;
        counters.unparseable[col]++;
        return null;
      }
      row[C.ts_text] = raw;
      return t;
    }
    case C.src_ip:
    case C.dst_ip: {
      const ip = normalizeIp(raw);
      if (ip !== null) {
        if (ip !== raw) counters.coerced[col]++;
        return ip;
      }
      const t = raw.trim();
      const ip2 = t !== raw ? normalizeIp(t) : null;
      if (ip2 !== null) {
        counters.coerced[col]++;
        return ip2;
      }
      // an address with its port (and interface), bracketed, or the first of a list
      const ap = addressAndPort(t);
      if (ap !== null) {
        counters.coerced[col]++;
        const portCol = col === C.src_ip ? C.src_port : C.dst_port;
        if (ap.port !== null && row[portCol] === null) row[portCol] = ap.port;
        return ap.ip;
      }
      // `WKS-17 (10.0.0.7)`, `- (10.0.0.7)`: a host name with its address (EvtxECmd's RemoteHost)
      const named = /\(([0-9A-Fa-f.:]+)\)$/.exec(t);
      const ip3 = named ? normalizeIp(named[1]) : null;
      if (ip3 !== null) {
        counters.coerced[col]++;
        return ip3;
      }
      counters.unparseable[col]++;
      // a host name or an anonymised token (CIDDS's EXT_SERVER) still names the entity; `:8080` does not
      return t.length > 0 && t.length <= 255 && /^[A-Za-z0-9][\w.-]*$/.test(t) ? t : null;
    }
    case C.src_port:
    case C.dst_port: {
      const p = parsePort(raw);
      if (p === null) {
        blankOrUnparseable(col, raw, counters);
        return null;
      }
      if (p[1]) counters.coerced[col]++;
      return p[0];
    }
    case C.proto: {
      const p = normalizeProto(raw);
      if (p !== raw) counters.coerced[col]++;
      return p === '' ? null : p;
    }
    case C.action: {
      const a = normalizeAction(raw);
      if (a !== raw) counters.coerced[col]++;
      return a === '' ? null : a;
    }
    case C.label:
    case C.category: {
      const t = raw.trim();
      if (t === '---' || t === '') {
        counters.nulls[col]++;
        return null;
      }
      return t;
    }
    case C.method: {
      return raw.trim().toUpperCase();
    }
    case C.user: {
      // Nextcloud writes `--` for a request with no user: no account is named
      if (raw === '--') {
        counters.nulls[col]++;
        return null;
      }
      break;
    }
    case C.user_agent:
    case C.referrer: {
      // a header written URL-encoded (Akamai DataStream: `Mozilla%2F5.0%20(Windows…`): a real one has a
      // space or a slash, so one without either, holding %20 or %2F, is decoded (the line keeps it as written)
      if (raw.indexOf(' ') < 0 && raw.indexOf('/') < 0 && /%(?:20|2f)/i.test(raw)) {
        const decoded = decodeHeader(raw);
        if (decoded !== raw) {
          counters.coerced[col]++;
          return decoded;
        }
      }
      // JSON access logs (Caddy, Go's net/http) keep headers as lists: `["Mozilla/5.0"]`
      if (raw.charCodeAt(0) !== 91 || raw.charCodeAt(1) !== 34 || !raw.endsWith('"]')) return raw;
      const list = headerList(raw);
      if (list === null) return raw;
      counters.coerced[col]++;
      return list;
    }
    default:
      break;
  }
  const type = COL_TYPES[col];
  if (type === 'int') {
    const r = parseCount(raw);
    if (r === null) {
      blankOrUnparseable(col, raw, counters);
      return null;
    }
    if (r[1]) counters.coerced[col]++;
    return r[0];
  }
  if (type === 'real') {
    const r = parseReal(raw);
    if (r === null) {
      blankOrUnparseable(col, raw, counters);
      return null;
    }
    if (r[1]) counters.coerced[col]++;
    return r[0];
  }
  return raw;
}

/** The values of a JSON list of strings, joined as HTTP joins a repeated header (`, `); null when it is not one. */
/** A URL-encoded header value decoded, or as it is when its escapes are not valid UTF-8. */
function decodeHeader(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function headerList(raw: string): string | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null; // a header that only looks like a list stays as written
  }
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string')) return null;
  return (v as string[]).join(', ');
}

/**
 * ICMP has no ports. CIDDS writes type.code in Dst Pt (`8.0`, `3.3`), Zeek writes type and code in
 * the two port fields (the caller joins them), VPC writes 0 and 0. For ICMP rows both ports become
 * NULL and a type.code goes to `flags`. Call after the row is filled with the original port text.
 */
export function fixIcmpPorts(row: CellValue[], typeCodeText: string | null, dstText: string | null, counters: CleaningCounters): void {
  const proto = row[C.proto];
  if (proto !== 'ICMP' && proto !== 'ICMP6' && proto !== 'IPV6-ICMP') return;
  if (typeCodeText !== null) {
    const tc = typeCodeText.trim();
    // only a real type.code goes to flags; Zeek's unset `-.-` does not
    if (/^\d{1,3}\.\d{1,3}$/.test(tc)) row[C.flags] = tc;
  }
  const dotted = dstText !== null && dstText.indexOf('.') >= 0;
  if (dotted && row[C.dst_port] === null && !isNullToken(dstText)) {
    // the cleaner counted `3.3` as an unparseable port: it is an ICMP type.code, moved not lost
    counters.unparseable[C.dst_port]--;
    counters.coerced[C.dst_port]++;
  } else if (!dotted && row[C.dst_port] !== null) counters.coerced[C.dst_port]++;
  if (row[C.src_port] !== null) counters.coerced[C.src_port]++;
  row[C.dst_port] = null;
  row[C.src_port] = null;
}

/** A host name as PAM and databases log a client when reverse DNS worked (`220-135-151-1.hinet-ip.hinet.net`). */
export const HOST_NAME = /^(?=.{4,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63}$/;
