// Event features for the models: what each number means, and how one event row becomes them.
// Engineered for the phenomenon (payload tokens, tools, behaviour), never ordinal ids of IPs/paths.
import { hash52 } from './labels';

/** One feature: its name (stable, stored with the model) and one line on what it measures. */
export interface FeatureDef {
  readonly name: string;
  readonly description: string;
}

/** Per-row features, computed from the event alone (in the reader workers). */
export const ROW_FEATURES: readonly FeatureDef[] = [
  { name: 'method', description: 'HTTP method code: 0 GET, 1 POST, 2 HEAD, 3 PUT, 4 DELETE, 5 OPTIONS, 6 other, -1 none' },
  { name: 'status_class', description: 'HTTP status class (status / 100), -1 when absent' },
  { name: 'status', description: 'HTTP status code, -1 when absent' },
  { name: 'size_log', description: 'log(1 + response bytes), -1 when absent' },
  { name: 'path_len', description: 'length of the path as logged' },
  { name: 'path_depth', description: 'number of / separated segments in the decoded path' },
  { name: 'query_len', description: 'length of the query string' },
  { name: 'query_params', description: 'number of query parameters' },
  { name: 'special_chars', description: "count of ' \" < > ; ( ) { } | & $ ` \\ * ! in the decoded request" },
  { name: 'pct_encodings', description: 'count of %XX escapes in the raw request' },
  { name: 'double_encoding', description: 'escapes that decode to another escape (%25XX), i.e. rounds of decoding beyond one' },
  { name: 'non_ascii', description: 'count of non-printable or non-ASCII characters after decoding' },
  { name: 'sql_tokens', description: 'SQL injection tokens (union select, or 1=1, sleep(, --, information_schema, ...) after repeated URL decoding and case folding' },
  { name: 'script_tokens', description: 'XSS tokens (<script, javascript:, onerror=, alert(, <svg, document.cookie, ...) after decoding' },
  { name: 'traversal_tokens', description: 'path traversal / file inclusion tokens (../, /etc/passwd, win.ini, php://, file://) after decoding' },
  { name: 'cmd_tokens', description: 'command injection tokens (;cat , |id, `, $(, /bin/sh, wget http, nc -e) after decoding' },
  { name: 'probe_path', description: 'request for a commonly probed resource (.env, .git, wp-admin, phpmyadmin, /admin, backup files, cgi-bin)' },
  { name: 'login_path', description: 'path looks like a login / authentication endpoint' },
  { name: 'ext_class', description: 'resource type: 0 none, 1 static asset, 2 page (.html), 3 server script (.php/.asp/.jsp/.cgi), 4 archive/backup/data file' },
  { name: 'digit_ratio', description: 'share of digits in the path (ids in REST paths vs words)' },
  { name: 'ua_len', description: 'length of the user agent, -1 when absent' },
  { name: 'ua_family', description: 'user-agent family: 0 none, 1 browser, 2 mobile app, 3 search/social crawler, 4 HTTP library/CLI, 5 attack/scan tool, 6 other' },
  { name: 'ua_tool', description: '1 when the user agent names a known attack or scan tool (sqlmap, nikto, nmap, masscan, zgrab, gobuster, wpscan, hydra, nuclei, ...)' },
  { name: 'referrer_present', description: '1 when a referrer is present (automated traffic rarely sends one), -1 when the format has none' },
  { name: 'action', description: 'normalised action: 0 none, 1 auth_failure, auth_max_attempts or auth_abandoned, 2 invalid_user, 3 auth_success, 4 preauth_close, 5 session_open/close, 6 sudo, 7 accept, 8 reject' },
  { name: 'proto', description: 'transport: 0 none, 1 TCP, 2 UDP, 3 ICMP, 4 other' },
  { name: 'dst_port', description: 'destination port number (service identity, not an ordinal), -1 when absent' },
  { name: 'dst_port_wellknown', description: '1 when the destination port is below 1024, 0 otherwise, -1 when absent' },
  { name: 'src_port_ephemeral', description: '1 when the source port is 1024 or above, 0 below, -1 when absent' },
  { name: 'packets_log', description: 'log(1 + packets), -1 when absent' },
  { name: 'duration', description: 'flow or request duration in seconds, -1 when absent' },
  { name: 'bytes_per_packet', description: 'bytes / packets of a flow, -1 when absent' },
  { name: 'syn_only', description: '1 when TCP flags show SYN without ACK (half-open probe), 0 otherwise, -1 when absent' },
];

/** Per-source behaviour features, computed over all rows of the same source IP (main thread, see context.ts). */
export const CONTEXT_FEATURES: readonly FeatureDef[] = [
  { name: 'src_events_log', description: 'log(1 + events from this source IP in the case)' },
  { name: 'src_window_events_log', description: 'log(1 + events from this source within ±2.5 minutes of this one): request rate' },
  { name: 'src_error_ratio', description: 'share of this source\'s requests answered 4xx/5xx' },
  { name: 'src_window_error_ratio', description: 'share of 4xx/5xx among this source\'s events within ±2.5 minutes' },
  { name: 'src_404_ratio', description: 'share of this source\'s requests answered 404 (content discovery)' },
  { name: 'src_auth_failures_log', description: 'log(1 + failed logins by this source: auth_failure/invalid_user, 401, or 403 on a login path)' },
  { name: 'src_window_auth_failures', description: 'failed logins by this source within ±2.5 minutes' },
  { name: 'src_distinct_paths_log', description: 'log(1 + distinct paths requested by this source)' },
  { name: 'src_distinct_path_ratio', description: 'distinct paths / events of this source (1 = every request new: a sweep)' },
  { name: 'src_window_distinct_paths', description: 'distinct paths requested by this source within ±2.5 minutes' },
  { name: 'src_distinct_uas', description: 'distinct user agents used by this source' },
  { name: 'src_gap_cv', description: 'coefficient of variation of the gaps between this source\'s events (near 0 = machine-regular), -1 under 3 events' },
  { name: 'src_gap_mean_log', description: 'log(1 + mean seconds between this source\'s events), -1 under 2 events' },
  { name: 'src_payload_ratio', description: 'share of this source\'s requests carrying SQL/script/traversal/command tokens' },
  { name: 'src_bytes_log', description: 'log(1 + bytes sent or received by this source in the case)' },
  { name: 'src_fanout_ports', description: 'distinct destination ports this source contacted (flows)' },
  { name: 'src_fanout_hosts', description: 'distinct destination hosts this source contacted (flows)' },
];

export const FEATURES: readonly FeatureDef[] = [...ROW_FEATURES, ...CONTEXT_FEATURES];
export const N_ROW = ROW_FEATURES.length;
export const N_FEATURES = FEATURES.length;
export const FEATURE_INDEX: ReadonlyMap<string, number> = new Map(FEATURES.map((f, i) => [f.name, i]));

/**
 * What the featuriser reads of an event, in this order (reader workers SELECT exactly these).
 * The flow and auth columns (FLOW_COLUMNS, NULL in every web row) travel packed in one `flow`
 * value: each selected value costs a read, so web rows pay for one NULL instead of seven.
 */
export const ROW_COLUMNS = ['id', 'ts', 'src_ip', 'method', 'path', 'query', 'status', 'bytes', 'duration', 'referrer', 'user_agent', 'flow', 'label', 'category'] as const;
export const FLOW_COLUMNS = ['dst_ip', 'src_port', 'dst_port', 'proto', 'packets', 'flags', 'action'] as const;
export type FlowTuple = [dst_ip: string | null, src_port: number | null, dst_port: number | null, proto: string | null, packets: number | null, flags: string | null, action: string | null];
export type RowTuple = [
  id: number, ts: number | null, src_ip: string | null, method: string | null, path: string | null, query: string | null, status: number | null,
  bytes: number | null, duration: number | null, referrer: string | null, user_agent: string | null,
  /** null when every flow column is NULL; JSON text as a reader selects it, or the values */
  flow: FlowTuple | string | null,
  label: string | null, category: string | null,
];

// Longer request text is measured (lengths) but only its head is scanned for tokens, so a
// 1 MB line costs the same as a normal one.
const SCAN_LIMIT = 4096;

const METHODS: Record<string, number> = { GET: 0, POST: 1, HEAD: 2, PUT: 3, DELETE: 4, OPTIONS: 5 };
const ACTIONS: Record<string, number> = {
  // a connection cut off at the attempt limit is a failed login (code 1 keeps saved models' codes)
  auth_failure: 1, auth_max_attempts: 1, auth_abandoned: 1, invalid_user: 2, auth_success: 3, preauth_close: 4, session_open: 5, session_close: 5, sudo: 6, accept: 7, reject: 8,
};

const RE_SQL = /union(?:\s|\/\*.*?\*\/)+(?:all\s+)?select|select\s.+\sfrom\s|\bor\s+['"]?\w+['"]?\s*=\s*['"]?\w+|\band\s+\d+\s*=\s*\d+|'\s*(?:or|and)\s|sleep\s*\(|benchmark\s*\(|waitfor\s+delay|information_schema|load_file\s*\(|into\s+(?:out|dump)file|'\s*--|--\s*$|;\s*(?:drop|insert|update|delete|shutdown)\s|\bdrop\s+table\b|xp_cmdshell|@@version|pg_sleep|extractvalue\s*\(|updatexml\s*\(|concat\s*\(|char\s*\(\d|0x[0-9a-f]{8,}|\/\*!?\d*|order\s+by\s+\d+/g;
const RE_SCRIPT = /<\s*script|<\/\s*script|javascript\s*:|vbscript\s*:|\bon(?:error|load|mouseover|focus|click|submit|begin)\s*=|alert\s*\(|prompt\s*\(|confirm\s*\(|<\s*svg|<\s*img|<\s*iframe|<\s*body|<\s*object|document\.(?:cookie|location|write)|window\.location|eval\s*\(|fromcharcode|expression\s*\(|data\s*:\s*text\/html/g;
// eslint-disable-next-line no-control-regex -- a NUL byte in a request is a truncation attack: it is the signal
const RE_TRAVERSAL = /\.\.[\\/]|[\\/]\.\.(?:[\\/]|$)|\/etc\/(?:passwd|shadow|hosts|group)|win\.ini|boot\.ini|system32|php:\/\/|file:\/\/|expect:\/\/|zip:\/\/|data:\/\/|\/proc\/self|\.htaccess|\.htpasswd|web\.config|%00|\u0000/g;
const RE_CMD = /[;|&`]\s*(?:cat|ls|id|whoami|uname|pwd|wget|curl|nc|ncat|bash|sh|ping|nslookup|echo|rm|chmod|python|perl|powershell|cmd)\b|\$\([^)]*\)|`[^`]*`|\/bin\/(?:ba)?sh|cmd\.exe|powershell|\bnc\s+-[elp]|\bwget\s+https?:|\bcurl\s+https?:|\|\s*sh\b|\$\{ifs\}|\$\{jndi:/g;
const RE_ANY_TOKEN = new RegExp([RE_SQL, RE_SCRIPT, RE_TRAVERSAL, RE_CMD].map((r) => r.source).join('|'));
const RE_PROBE = /\/\.env\b|\/\.git\b|\/\.svn\b|\/\.ds_store|wp-admin|wp-login|wp-content\/plugins|xmlrpc\.php|phpmyadmin|\/pma\b|\/admin\b|\/administrator\b|\/manager\/html|\/cgi-bin\/|\/actuator|\/server-status|\/config\.(?:php|json|yml)|\/backup|\.bak$|\.old$|\.swp$|\/shell|\/console|\/solr\/|\/vendor\/phpunit|\/hnap1|\/boaform|\/setup\.php|\/install/;
const RE_LOGIN = /log[-_]?in|signin|sign-in|auth|session|account|wp-login|xmlrpc|\/admin|password|passwd|token|oauth/;
const RE_DOUBLE = /%25[0-9a-fA-F]{2}/gi;
const RE_EXT = /\.([a-z0-9]{1,6})$/;
const STATIC_EXT = new Set(['css', 'js', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'ico', 'woff', 'woff2', 'ttf', 'eot', 'webp', 'map', 'mp4', 'mp3', 'txt', 'xml', 'json', 'pdf']);
const PAGE_EXT = new Set(['html', 'htm', 'shtml', 'xhtml']);
const SCRIPT_EXT = new Set(['php', 'asp', 'aspx', 'jsp', 'cgi', 'pl', 'py', 'do', 'action', 'cfm']);
const DATA_EXT = new Set(['zip', 'tar', 'gz', 'tgz', 'rar', '7z', 'sql', 'bak', 'old', 'db', 'sqlite', 'env', 'ini', 'conf', 'cfg', 'log', 'swp', 'yml', 'yaml', 'key', 'pem']);
const RE_TOOL = /sqlmap|nikto|nmap|masscan|zgrab|zmap|gobuster|dirbuster|dirb\b|wfuzz|ffuf|feroxbuster|wpscan|hydra|medusa|nuclei|acunetix|netsparker|burp|owasp|zap\/|arachni|w3af|openvas|nessus|qualys|havij|commix|xsser|jaeles|httpx|fuzz|scanner|metasploit|msf|brutus|patator|skipfish|whatweb|joomscan|webshag/;
const RE_LIBRARY = /^(?:curl|wget|python|go-http-client|java\/|okhttp|libwww|lwp|httpclient|apache-httpclient|node-fetch|axios|ruby|php\/|perl|powershell|winhttp|aiohttp|httpie|postmanruntime|requests|urllib)|python-requests|python-urllib|libcurl|scrapy/;
const RE_CRAWLER = /bot\b|bot\/|crawler|spider|slurp|facebookexternalhit|bingpreview|yandex|baidu|semrush|ahrefs|mj12|dotbot|petalbot|applebot|duckduck|feedfetcher|mediapartners/;
const RE_MOBILE_APP = /dalvik|cfnetwork|okhttp|android.*wv|instagram|fban|fbav/;
const RE_BROWSER = /mozilla\/|opera\/|safari\/|chrome\//;

/** Decodes %XX escapes (and + as space) once; malformed escapes stay as they are, never throw. */
function percentDecodeOnce(s: string): string {
  const plus = s.indexOf('+') >= 0;
  if (s.indexOf('%') < 0) return plus ? s.replace(/\+/g, ' ') : s;
  const t = plus ? s.replace(/\+/g, ' ') : s;
  try {
    // native and UTF-8 aware (most requests); throws on malformed escapes, handled below
    return decodeURIComponent(t);
  } catch (e) {
    if (!(e instanceof URIError)) throw e;
    return t.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

// one table lookup per character instead of a regex match per hit
const SPECIAL = new Uint8Array(128);
for (const ch of '\'"<>;(){}|&$`\\*!') SPECIAL[ch.charCodeAt(0)] = 1;

function charCounts(text: string, out: Float32Array): void {
  let special = 0;
  let nonPrint = 0;
  const n = Math.min(text.length, SCAN_LIMIT);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (SPECIAL[c]) special++;
      else if (c < 32 || c === 127) nonPrint++;
    } else nonPrint++;
  }
  out[4] = special;
  out[7] = nonPrint;
}

function countPct(raw: string): number {
  let n = 0;
  const len = Math.min(raw.length, SCAN_LIMIT);
  for (let i = raw.indexOf('%'); i >= 0 && i < len - 2; i = raw.indexOf('%', i + 1)) {
    if (isHex(raw.charCodeAt(i + 1)) && isHex(raw.charCodeAt(i + 2))) n++;
  }
  return n;
}
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Decodes up to three rounds (double/triple encoding is an evasion), then folds case. */
export function normaliseRequest(raw: string): { text: string; rounds: number } {
  let cur = raw.length > SCAN_LIMIT ? raw.slice(0, SCAN_LIMIT) : raw;
  let rounds = 0;
  for (let i = 0; i < 3; i++) {
    const next = percentDecodeOnce(cur);
    if (next === cur) break;
    cur = next;
    rounds++;
  }
  // \0 and other controls are kept (they are signals), but HTML entities for < > are folded too
  if (cur.indexOf('&') >= 0) cur = cur.replace(/&lt;|&#0*60;|&#x0*3c;/gi, '<').replace(/&gt;|&#0*62;|&#x0*3e;/gi, '>');
  return { text: cur.toLowerCase(), rounds };
}

const count = (re: RegExp, s: string): number => {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) {
    n++;
    if (n >= 50) break;
  }
  re.lastIndex = 0;
  return n;
};

/** Request-text features (the expensive part), cached per distinct path+query by the caller. */
export const REQUEST_FEATURES = 16;
function requestFeatures(path: string, query: string, out: Float32Array): void {
  const raw = query ? `${path}?${query}` : path;
  const { text, rounds } = normaliseRequest(raw);
  const qpos = text.indexOf('?');
  const decodedPath = qpos >= 0 ? text.slice(0, qpos) : text;
  out[0] = path.length;
  let depth = 0;
  for (let i = 0; i < decodedPath.length; i++) if (decodedPath.charCodeAt(i) === 47) depth++;
  out[1] = depth;
  out[2] = query.length;
  out[3] = query ? query.split('&').filter((p) => p.length > 0).length : 0;
  charCounts(text, out);
  out[5] = countPct(raw);
  out[6] = Math.max(raw.indexOf('%25') >= 0 ? count(RE_DOUBLE, raw.length > SCAN_LIMIT ? raw.slice(0, SCAN_LIMIT) : raw) : 0, rounds > 1 ? rounds - 1 : 0);
  // one scan decides whether the four token counts are needed (most requests are clean)
  const dirty = RE_ANY_TOKEN.test(text);
  out[8] = dirty ? count(RE_SQL, text) : 0;
  out[9] = dirty ? count(RE_SCRIPT, text) : 0;
  out[10] = dirty ? count(RE_TRAVERSAL, text) : 0;
  out[11] = dirty ? count(RE_CMD, text) : 0;
  out[12] = RE_PROBE.test(decodedPath) ? 1 : 0;
  out[13] = RE_LOGIN.test(decodedPath) ? 1 : 0;
  const ext = RE_EXT.exec(decodedPath)?.[1];
  out[14] = ext === undefined ? 0 : STATIC_EXT.has(ext) ? 1 : PAGE_EXT.has(ext) ? 2 : SCRIPT_EXT.has(ext) ? 3 : DATA_EXT.has(ext) ? 4 : 0;
  const dl = Math.min(decodedPath.length, 200);
  let digits = 0;
  for (let i = 0; i < dl; i++) {
    const c = decodedPath.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  out[15] = dl ? digits / dl : 0;
}

export const UA_FEATURES = 3;
/** User-agent family and tool flag (family codes documented in ROW_FEATURES). */
export function userAgentFeatures(ua: string | null, out: Float32Array): void {
  if (ua === null || ua === '' || ua === '-') {
    out[0] = ua === null ? -1 : 0;
    out[1] = 0;
    out[2] = 0;
    return;
  }
  const s = (ua.length > 512 ? ua.slice(0, 512) : ua).toLowerCase();
  const tool = RE_TOOL.test(s);
  out[0] = ua.length;
  out[1] = tool ? 5 : RE_CRAWLER.test(s) ? 3 : RE_LIBRARY.test(s) ? 4 : RE_MOBILE_APP.test(s) ? 2 : RE_BROWSER.test(s) ? 1 : 6;
  out[2] = tool ? 1 : 0;
}

/** True when the event is a failed login (shared by the context features and tests). */
export function isFailedLogin(action: string | null, status: number | null, loginPath: boolean): boolean {
  if (action === 'auth_failure' || action === 'invalid_user' || action === 'auth_max_attempts' || action === 'auth_abandoned') return true;
  return status === 401 || (status === 403 && loginPath);
}

/** Strings this long are featurised every time, not cached (a 1 MB line must not pin 1 MB). */
const CACHE_KEY_MAX = 2048;

/** Probes before a string is treated as uncached (bounds the work hostile look-alike strings can cause). */
const MAX_PROBES = 32;

/**
 * A cheap hash of a string for the memo: its length, the first 48 characters (REST ids sit near
 * the start of a path), the last 32 and at most 16 spread over the rest. Hashing every
 * character of a long fresh string (as a Map does) costs more than the lookup saves; exact
 * equality is checked on hit, and look-alikes beyond MAX_PROBES are simply not cached.
 */
function sampleHash(s: string): number {
  const n = s.length;
  let h = Math.imul(n, 0x9e3779b1);
  const head = n < 80 ? n : 48;
  for (let i = 0; i < head; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  if (head === n) return (h ^ (h >>> 15)) >>> 0;
  const tail = n - 32;
  for (let i = tail; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
  const step = Math.max(1, Math.ceil((tail - head) / 16));
  for (let i = head; i < tail; i += step) h = Math.imul(h ^ s.charCodeAt(i), 0x85ebca6b);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * Per-string memo: the features and hashes of each distinct string live in flat typed arrays
 * (one slot per string; no small typed array per entry for the GC to trace), found through an
 * open-addressing table on sampleHash. Slot 0 is scratch for strings that are not cached (too
 * long, or too many look-alikes). Bounded: full means start over.
 */
class StringMemo {
  private keys: string[] = [''];
  private keyHash = new Int32Array(1024);
  private table = new Int32Array(2048);
  private next = 1;
  /** whether the slot last returned by slot() still has to be filled */
  fresh = false;
  feat: Float32Array;
  hash: Float64Array;

  constructor(
    private readonly width: number,
    private readonly hashes: number,
    private readonly limit: number,
  ) {
    this.feat = new Float32Array(width * 1024);
    this.hash = new Float64Array(hashes * 1024);
  }

  /** The slot of `key`; `fresh` tells whether it still has to be filled. */
  slot(key: string): number {
    this.fresh = true;
    if (key.length >= CACHE_KEY_MAX) return 0;
    const h = sampleHash(key);
    const mask = this.table.length - 1;
    let at = h & mask;
    for (let probe = 0; probe < MAX_PROBES; probe++, at = (at + 1) & mask) {
      const known = this.table[at];
      if (known === 0) return this.add(key, h, at);
      if (this.keys[known] === key) {
        this.fresh = false;
        return known;
      }
    }
    return 0;
  }

  private add(key: string, h: number, at: number): number {
    if (this.next > this.limit) {
      this.keys = [''];
      this.table.fill(0);
      this.next = 1;
      return this.slot(key);
    }
    const slot = this.next++;
    this.keys.push(key);
    this.table[at] = slot;
    if (slot === this.keyHash.length) {
      this.keyHash = grow(this.keyHash);
      this.feat = grow(this.feat);
      this.hash = grow(this.hash);
    }
    this.keyHash[slot] = h;
    if (this.next * 2 > this.table.length) this.rehash();
    return slot;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let slot = 1; slot < this.next; slot++) {
      let at = this.keyHash[slot] & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = slot;
    }
    this.table = table;
  }
}

/** A copy of a typed array at twice the length. */
function grow<T extends Int32Array | Float32Array | Float64Array>(a: T): T {
  const out = new (a.constructor as new (n: number) => T)(a.length * 2);
  out.set(a);
  return out;
}

/**
 * Featurises rows with per-string caches: request text and user agents repeat heavily in real
 * logs, so the regex work and the hashing are paid once per distinct string. Caches are bounded.
 */
export class RowFeaturizer {
  private readonly req: StringMemo;
  private readonly ua: StringMemo;
  /** hashes (hash52) of the last row's path, path?query and user agent; NaN when absent */
  pathKey = NaN;
  requestKey = NaN;
  uaKey = NaN;
  /** the last row's flow columns, null when they were all NULL */
  flow: FlowTuple | null = null;

  constructor(cacheLimit = 100_000) {
    this.req = new StringMemo(REQUEST_FEATURES, 2, cacheLimit);
    this.ua = new StringMemo(UA_FEATURES, 1, cacheLimit);
  }

  /** Slot of a request's features (REQUEST_FEATURES) in req.feat; hashes of path and path?query in req.hash. */
  private request(path: string, query: string): number {
    const key = query ? `${path}?${query}` : path;
    const slot = this.req.slot(key);
    if (this.req.fresh) {
      requestFeatures(path, query, this.req.feat.subarray(slot * REQUEST_FEATURES, (slot + 1) * REQUEST_FEATURES));
      this.req.hash[slot * 2] = hash52(path);
      this.req.hash[slot * 2 + 1] = hash52(key);
    }
    return slot;
  }

  /** Slot of a user agent's features (UA_FEATURES) in ua.feat and its hash in ua.hash. */
  private userAgent(ua: string | null): number {
    const slot = this.ua.slot(ua ?? '\u0000null');
    if (this.ua.fresh) {
      userAgentFeatures(ua, this.ua.feat.subarray(slot * UA_FEATURES, (slot + 1) * UA_FEATURES));
      this.ua.hash[slot] = ua === null ? NaN : hash52(ua);
    }
    return slot;
  }

  /**
   * Writes the N_ROW row features of `r` into out[off..off+N_ROW) and sets pathKey, requestKey,
   * uaKey and flow for it.
   */
  row(r: RowTuple, out: Float32Array, off: number): void {
    const method = r[3];
    const path = r[4];
    const query = r[5];
    const status = r[6];
    const bytes = r[7];
    const duration = r[8];
    const packed = r[11];
    const flow = packed === null ? null : typeof packed === 'string' ? (JSON.parse(packed) as FlowTuple) : packed;
    this.flow = flow;
    const isWeb = method !== null || path !== null;
    let o = off;
    out[o++] = method === null ? -1 : (METHODS[method.toUpperCase()] ?? 6);
    out[o++] = status === null ? -1 : Math.floor(status / 100);
    out[o++] = status ?? -1;
    out[o++] = bytes === null ? -1 : Math.log1p(Math.max(0, bytes));
    if (isWeb) {
      const slot = this.request(path ?? '', query ?? '');
      const feat = this.req.feat;
      const base = slot * REQUEST_FEATURES;
      for (let i = 0; i < REQUEST_FEATURES; i++) out[o++] = feat[base + i];
      this.pathKey = path === null ? NaN : this.req.hash[slot * 2];
      this.requestKey = path === null && query === null ? NaN : this.req.hash[slot * 2 + 1];
    } else {
      for (let i = 0; i < REQUEST_FEATURES; i++) out[o++] = 0;
      this.pathKey = NaN;
      this.requestKey = query === null ? NaN : hash52(query ? `?${query}` : '');
    }
    const ua = this.userAgent(r[10]);
    const uaFeat = this.ua.feat;
    out[o++] = uaFeat[ua * UA_FEATURES];
    out[o++] = uaFeat[ua * UA_FEATURES + 1];
    out[o++] = uaFeat[ua * UA_FEATURES + 2];
    this.uaKey = this.ua.hash[ua];
    out[o++] = isWeb ? (r[9] === null || r[9] === '' || r[9] === '-' ? 0 : 1) : -1;
    if (flow === null) {
      // action, proto, dst_port, dst_port_wellknown, src_port_ephemeral, packets_log: all absent
      out.set(NO_FLOW, o);
      o += NO_FLOW.length;
      out[o++] = duration === null || !Number.isFinite(duration) ? -1 : duration;
      out[o++] = -1;
      out[o++] = -1;
      return;
    }
    const [, sport, dport, proto, packets, flags, action] = flow;
    out[o++] = action === null ? 0 : (ACTIONS[action] ?? 0);
    const p = proto === null ? '' : proto.toUpperCase();
    out[o++] = p === '' ? 0 : p === 'TCP' ? 1 : p === 'UDP' ? 2 : p === 'ICMP' ? 3 : 4;
    out[o++] = dport ?? -1;
    out[o++] = dport === null ? -1 : dport < 1024 ? 1 : 0;
    out[o++] = sport === null ? -1 : sport >= 1024 ? 1 : 0;
    out[o++] = packets === null ? -1 : Math.log1p(Math.max(0, packets));
    out[o++] = duration === null || !Number.isFinite(duration) ? -1 : duration;
    out[o++] = packets !== null && packets > 0 && bytes !== null ? bytes / packets : -1;
    out[o++] = flags === null ? -1 : /S/.test(flags) && !/A/.test(flags) ? 1 : 0;
  }
}

/** action..packets_log of a row without flow columns (see row()). */
const NO_FLOW = Float32Array.from([0, 0, -1, -1, -1, -1]);

/** Index of a feature by name (throws on a typo: names are part of the stored model). */
export function featureIndex(name: string): number {
  const i = FEATURE_INDEX.get(name);
  if (i === undefined) throw new Error(`unknown feature ${name}`);
  return i;
}
