// Web application firewall records: the rule that fired on a request becomes an alert on the client
// (extra.signature_id / extra.priority, read like an IDS alert by IDS_COLUMN), its verdict the action.
// JSON records (AWS WAF, ModSecurity's JSON audit logs (2.9 and v3), Azure Application Gateway and Front Door,
// Cloudflare firewall events, Google Cloud Armor in the load balancer's log) are recognised by their keys; ModSecurity's error-log lines by errorlog.ts.
import type { CellValue } from './types';
import { C } from './cols';
import { forwardedClient } from './access';
import { normalizeIp } from './clean';
import { readCsvQuoted } from './quoted';

/** CRS rules that sum up a transaction's score (949110, 959100, 980130…): the verdict, not an attack kind. */
const CRS_EVALUATION = /^(?:94911\d|95910\d|980\d{3})$/;
/** Words of a rule's name or message that say it matched an attack on the application. */
const ATTACK_WORDS = /sqli|sql.?inj|xss|cross.?site|script|inject|\brce\b|remote.?code|command|\blfi\b|\brfi\b|traversal|file.?inclusion|log4j|jndi|shellshock|java|php|ssrf|deserial|exploit|webshell|cve-|knownbadinputs|unixshell|posix|linuxrule|windowsrule/i;
/** …or that it judged the client, the protocol or the volume, not the request's content. */
const NOTICE_WORDS = /reputation|anonym|\btor\b|hosting|bot|geo|rate|size|protocol|numeric|host header|useragent|user-agent|missing|restricted|securitylevel|bic\b|ddos/i;

/**
 * The WAF's rank of a rule, on the IDS scale (1 high … 4 informational): ModSecurity's stated
 * severity (name or 0–7 number), else the OWASP CRS id range, else the rule's words.
 */
export function wafPriority(ruleId: string, severity: string | null, text: string): number {
  if (CRS_EVALUATION.test(ruleId)) return 2;
  if (severity !== null && severity !== '') {
    const s = severity.trim().toUpperCase();
    const n = /^\d$/.test(s) ? Number(s) : ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'].indexOf(s);
    if (n >= 0) return n <= 2 ? 1 : n === 3 ? 2 : n === 4 ? 3 : 4;
  }
  const crs = /(?:^|\D)(9[1-5]\d{4})$/.exec(ruleId);
  if (crs) {
    const g = Number(crs[1].slice(0, 3));
    if (g === 920 || g === 912) return 3;
    // 950–959: CRS 3's response leakage rules, or CRS 2's attack rules (950001 SQL injection), told by their words
    if (g >= 950) return ATTACK_WORDS.test(text) ? 1 : 2;
    if (g === 911 || g === 913) return 2;
    if (g >= 921) return 1;
  }
  if (/^2\d{5}$/.test(ruleId)) return 3; // ModSecurity's own checks (a request body it could not parse)
  if (ATTACK_WORDS.test(text) || ATTACK_WORDS.test(ruleId)) return 1;
  if (NOTICE_WORDS.test(text) || NOTICE_WORDS.test(ruleId)) return 3;
  return 2;
}

function parseJson(v: string | undefined): unknown {
  if (v === undefined || v === '') return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function setTarget(target: string, row: CellValue[]): void {
  let t = target;
  // Front Door writes the whole URL
  const abs = /^https?:\/\/([^/?#]+)(.*)$/i.exec(t);
  if (abs) {
    if (row[C.host] == null) row[C.host] = abs[1].replace(/:\d+$/, '');
    t = abs[2] || '/';
  }
  const q = t.indexOf('?');
  row[C.path] = q < 0 ? t : t.slice(0, q);
  row[C.query] = q < 0 ? null : t.slice(q + 1);
}

function addExtra(row: CellValue[], add: Record<string, string | number>): void {
  let known: Record<string, unknown> = {};
  if (typeof row[C.extra] === 'string') {
    try {
      known = obj(JSON.parse(row[C.extra] as string));
    } catch {
      known = {};
    }
  }
  row[C.extra] = JSON.stringify({ ...known, ...add });
}

/** The alert cells every WAF record sets: rule, rank, product, transaction. */
function alert(row: CellValue[], waf: string, ruleId: string, message: string, priority: number, txn: string, category: string | null): void {
  row[C.message] = message.slice(0, 1000);
  // Azure's `category` names the log (ApplicationGatewayFirewallLog): it moves to extra, the attack kind takes its place
  const logCategory = category !== null || typeof row[C.category] !== 'string' ? null : (row[C.category] as string);
  row[C.category] = category ?? (logCategory !== null && /log$/i.test(logCategory) ? null : row[C.category]);
  addExtra(row, { waf, signature_id: ruleId.slice(0, 200), priority, ...(txn ? { waf_txn: txn.slice(0, 100) } : {}), ...(logCategory !== null && row[C.category] === null ? { log_category: logCategory } : {}) });
}

/** A CRS rule file or tag named for its attack kind (REQUEST-942-APPLICATION-ATTACK-SQLI.conf, attack-sqli) -> "attack-sqli". */
export function crsCategory(text: string): string | null {
  const m = /ATTACK-([A-Z0-9-]+?)(?:\.conf)?$|attack-([a-z0-9-]+)/i.exec(text);
  return m ? `attack-${(m[1] ?? m[2]).toLowerCase()}` : null;
}

function header(row: CellValue[], name: string, value: string): void {
  const n = name.toLowerCase();
  if (n === 'user-agent' && row[C.user_agent] == null) row[C.user_agent] = value;
  else if (n === 'host' && row[C.host] == null) row[C.host] = value;
  else if ((n === 'referer' || n === 'referrer') && row[C.referrer] == null) row[C.referrer] = value;
}

/** AWS WAF (v2) full log: one record per inspected request, its terminating rule and the COUNT rules that matched. */
function awsWaf(f: ReadonlyMap<string, string>, row: CellValue[]): void {
  for (const h of (parseJson(f.get('httpRequest.headers')) as unknown[] | null) ?? []) header(row, str(obj(h).name), str(obj(h).value));
  const action = (f.get('action') ?? '').toUpperCase();
  row[C.action] = action === 'BLOCK' ? 'reject' : action === 'ALLOW' ? 'accept' : action.toLowerCase() || null;
  // the rule that decided, named inside its group when a managed group decided
  const term = f.get('terminatingRuleId') ?? '';
  const groups = ((parseJson(f.get('ruleGroupList')) as unknown[] | null) ?? []).map(obj);
  let rule: string | null = null;
  let blocked = false;
  const stops = action === 'BLOCK' || action === 'CAPTCHA' || action === 'CHALLENGE';
  // a rule that terminated with ALLOW is an allow-list entry (office addresses, a partner), not an alert
  if (term !== '' && term !== 'Default_Action' && stops) {
    const g = groups.find((x) => x.terminatingRule != null);
    const inner = g ? str(obj(g.terminatingRule).ruleId) : '';
    rule = inner ? `${str(g!.ruleGroupId).replace(/^AWS#/, '')}:${inner}` : term;
    blocked = true;
  } else {
    // nothing terminated: a rule in COUNT mode that matched is an alert the WAF let through
    const counted = [...((parseJson(f.get('nonTerminatingMatchingRules')) as unknown[] | null) ?? []).map((r) => str(obj(r).ruleId))];
    for (const g of groups) for (const r of (Array.isArray(g.nonTerminatingMatchingRules) ? g.nonTerminatingMatchingRules : []) as unknown[]) counted.push(`${str(g.ruleGroupId).replace(/^AWS#/, '')}:${str(obj(r).ruleId)}`);
    rule = counted.find((r) => r !== '' && !r.endsWith(':')) ?? null;
  }
  // an ordinary request the default action let through: no alert, but still the WAF's row (a web
  // server's log may hold the same request, counted once: analysis/twins.ts)
  if (rule === null) {
    addExtra(row, { waf: 'aws' });
    return;
  }
  if (!blocked && row[C.action] === 'reject') row[C.action] = 'accept';
  const txn = f.get('httpRequest.requestId') ?? '';
  // a rate-based rule judged how many requests the client sent, not what this one held
  if (blocked && f.get('terminatingRuleType') === 'RATE_BASED') {
    alert(row, 'aws', rule, `AWS WAF ${rule} (${awsRateLimit(f.get('rateBasedRuleList'), term)})`, 3, txn, 'rate-limit');
    return;
  }
  const details = ((parseJson(f.get('terminatingRuleMatchDetails')) as unknown[] | null) ?? []).map(obj)[0];
  const kind = details ? str(details.conditionType) : '';
  const msg = `AWS WAF ${rule}${kind ? ` (${kind.toLowerCase().replace(/_/g, ' ')} in ${str(details!.location).toLowerCase().replace(/_/g, ' ')})` : ''}`;
  alert(row, 'aws', rule, msg, wafPriority(rule, null, `${rule} ${kind}`), txn, kind || null);
  // what the rule matched: AWS lists the tokens (`["1", "AND", "1"]`) and where (a header by its name)
  const data = details && Array.isArray(details.matchedData) ? details.matchedData.map(str).filter((x) => x !== '').join(' ') : '';
  if (data !== '') {
    const where = [str(details!.location), str(details!.matchedFieldName)].filter((x) => x !== '').join(':');
    addExtra(row, { waf_data: data.slice(0, 1000), ...(where ? { waf_var: where.slice(0, 100) } : {}) });
  }
}

/** A rate-based rule's limit as its log entry states it: `more than 100 requests in 300 s from one address`. */
function awsRateLimit(list: string | undefined, name: string): string {
  const rules = ((parseJson(list) as unknown[] | null) ?? []).map(obj);
  const r = rules.find((x) => str(x.rateBasedRuleName) === name) ?? rules[0];
  if (r === undefined) return 'rate-based rule: too many requests';
  const key = str(r.limitKey).toUpperCase();
  const per = key === 'IP' ? 'from one address' : key === 'FORWARDED_IP' ? 'from one forwarded address' : key ? `per ${key.toLowerCase().replace(/_/g, ' ')} key` : 'from one address';
  const max = str(r.maxRateAllowed);
  // AWS WAF's evaluation window is five minutes unless the rule sets another
  return `rate-based rule: more than ${max || 'its limit of'} requests in ${str(r.evaluationWindowSec) || '300'} s ${per}`;
}

/** ModSecurity v3 JSON audit log: one transaction, its messages (rules matched) and the response code sent. */
function modsec3(f: ReadonlyMap<string, string>, row: CellValue[], stamp: (text: string) => void): void {
  const ts = f.get('transaction.time_stamp');
  // ctime `Wed Mar  6 14:22:31 2024` read as `Mar 6 2024 14:22:31`
  const p = ts ? ts.trim().split(/\s+/) : [];
  if (row[C.ts] == null && p.length === 5) stamp(`${p[1]} ${p[2].padStart(2, '0')} ${p[4]} ${p[3]}`);
  const uri = f.get('transaction.request.uri');
  if (uri) setTarget(uri, row);
  for (const [k, v] of f) if (k.startsWith('transaction.request.headers.')) header(row, k.slice(28), v);
  const code = Number(f.get('transaction.response.http_code'));
  if (Number.isInteger(code) && code >= 100 && code < 600) row[C.status] = code;
  const messages = ((parseJson(f.get('transaction.messages')) as unknown[] | null) ?? []).map(obj);
  if (messages.length === 0) return;
  // the most telling rule: the highest rank, an attack rule before the anomaly sum
  let best: { id: string; msg: string; pri: number; cat: string | null } | null = null;
  for (const m of messages) {
    const d = obj(m.details);
    const id = str(d.ruleId);
    const msg = str(m.message) || `rule ${id}`;
    const pri = wafPriority(id, str(d.severity), msg);
    const rank = pri * 2 + (CRS_EVALUATION.test(id) ? 1 : 0);
    if (best === null || rank < best.pri * 2 + (CRS_EVALUATION.test(best.id) ? 1 : 0)) best = { id, msg, pri, cat: crsCategory(`${str(d.file)} ${Array.isArray(d.tags) ? (d.tags as unknown[]).map(str).join(' ') : ''}`) };
  }
  const engine = f.get('transaction.producer.secrules_engine') ?? '';
  const blocked = /^enabled$/i.test(engine) ? code >= 400 : false;
  row[C.action] = blocked ? 'reject' : 'accept';
  alert(row, 'modsecurity', best!.id, best!.msg, best!.pri, f.get('transaction.unique_id') ?? '', best!.cat);
}

/** ModSecurity's bracketed fields in one message; quotes inside values are escaped by ModSecurity, so `"]` ends each */
const MODSEC_FIELD = /\[(id|msg|severity|hostname|unique_id|file|tag|uri|data) "((?:[^"\\]|\\.)*)"\]/g;

/** The fields of one ModSecurity message (error-log line or 2.9 audit-log message): the first of each, the tags together. */
export function modsecFields(msg: string): { f: Record<string, string>; tags: string[] } {
  const f: Record<string, string> = {};
  const tags: string[] = [];
  for (const m of msg.matchAll(MODSEC_FIELD)) {
    if (m[1] === 'tag') tags.push(m[2]);
    else if (!(m[1] in f)) f[m[1]] = m[2];
  }
  return { f, tags };
}

/**
 * What a ModSecurity rule matched, from its `[data "…"]`: CRS writes `Matched Data: <fragment> found
 * within ARGS:id: <the whole value>`. The [uri] it logs has no query string, so this is the one place
 * the error log keeps the payload. Returns the value (or the fragment) and the variable it was in.
 */
export function modsecMatched(data: string | undefined): { value: string; where: string | null } | null {
  if (!data) return null;
  const text = data.replace(/\\(["\\])/g, '$1');
  const m = /^Matched Data: ([\s\S]*?) found within ([A-Z_]+(?::[^:\s]{0,200})?): ([\s\S]*)$/.exec(text);
  if (m) return { value: (m[3] || m[1]).slice(0, 300), where: m[2] };
  return { value: text.slice(0, 300), where: null };
}

/** ModSecurity 2.9's JSON audit log (SecAuditLogFormat JSON): the request line, the status, the messages as error-log text, `intercepted`. */
function modsec2(f: ReadonlyMap<string, string>, row: CellValue[]): void {
  const line = /^(\S+) (\S+)(?: (HTTP\/[\d.]+))?$/.exec(f.get('request.request_line') ?? '');
  if (line) {
    row[C.method] = line[1];
    setTarget(line[2], row);
  }
  for (const [k, v] of f) if (k.startsWith('request.headers.')) header(row, k.slice(16), v);
  const intercepted = f.get('audit_data.action.intercepted') === 'true';
  row[C.action] = intercepted ? 'reject' : 'accept';
  let best: { id: string; msg: string; pri: number; cat: string | null } | null = null;
  for (const m of ((parseJson(f.get('audit_data.messages')) as unknown[] | null) ?? []).map(str)) {
    const { f: x, tags } = modsecFields(m);
    if (!x.id) continue;
    const msg = x.msg || `rule ${x.id}`;
    const pri = wafPriority(x.id, x.severity ?? null, msg);
    if (best === null || pri * 2 + (CRS_EVALUATION.test(x.id) ? 1 : 0) < best.pri * 2 + (CRS_EVALUATION.test(best.id) ? 1 : 0)) best = { id: x.id, msg, pri, cat: crsCategory(`${x.file ?? ''} ${tags.join(' ')}`) };
  }
  if (best !== null) alert(row, 'modsecurity', best.id, best.msg, best.pri, f.get('transaction.transaction_id') ?? '', best.cat);
}

/** Azure Application Gateway WAF (one row per rule matched) and Front Door WAF (ruleName, policyMode). */
function azure(f: ReadonlyMap<string, string>, row: CellValue[], frontDoor: boolean): void {
  const uri = f.get('properties.requestUri');
  if (uri) setTarget(uri, row);
  const action = (f.get('properties.action') ?? '').toLowerCase();
  row[C.action] = action === 'blocked' || action === 'block' ? 'reject' : action === 'allowed' || action === 'allow' ? 'accept' : action || null;
  // a custom rule that allowed the request (an allow list) is no alert
  if (row[C.action] === 'accept') return;
  if (frontDoor) {
    row[C.dst_ip] = null; // socketIP is the address that opened the connection to Front Door, not a destination
    // Microsoft_DefaultRuleSet-2.1-SQLI-942100, or a custom rule's own name
    const name = f.get('properties.ruleName') ?? '';
    const id = /-(\d{6})$/.exec(name)?.[1] ?? name;
    const msg = f.get('properties.details.msg') || name;
    alert(row, 'azure-frontdoor', id, msg, wafPriority(id, null, `${name} ${msg}`), f.get('properties.trackingReference') ?? '', crsCategory(name.replace(/-(\w+)-\d{6}$/, ' attack-$1')));
    return;
  }
  const id = f.get('properties.ruleId') ?? '';
  const msg = (f.get('properties.message') ?? '').replace(/^Mandatory rule\. Cannot be disabled\. /, '') || `rule ${id}`;
  alert(row, 'azure-appgw', id, msg, wafPriority(id, null, msg), f.get('properties.transactionId') ?? '', crsCategory(f.get('properties.ruleGroup') ?? f.get('properties.details.file') ?? ''));
}

/** Cloudflare firewall events (Logpush firewall_events): a challenge stops the request as a block does. */
function cloudflare(f: ReadonlyMap<string, string>, row: CellValue[]): void {
  // named here: the generic mapping may take the referrer's path for the request's
  const path = f.get('ClientRequestPath');
  if (path !== undefined) row[C.path] = path || null;
  const q = f.get('ClientRequestQuery');
  row[C.query] = q ? q.replace(/^\?/, '') : null;
  const ref = [f.get('ClientRefererScheme'), f.get('ClientRefererHost')].every(Boolean) ? `${f.get('ClientRefererScheme')}://${f.get('ClientRefererHost')}${f.get('ClientRefererPath') ?? ''}${f.get('ClientRefererQuery') ?? ''}` : null;
  if (ref && row[C.referrer] == null) row[C.referrer] = ref;
  const action = (f.get('Action') ?? '').toLowerCase();
  row[C.action] = /^(?:block|drop|challenge|jschallenge|managed_challenge|connection_close|challenge_failed|jschallenge_failed)$/.test(action) ? 'reject' : action === 'allow' || action === 'skip' || action === 'bypass' ? 'accept' : action || null;
  // an allow, skip or bypass rule let a known client through: no alert
  if (row[C.action] === 'accept') return;
  const source = f.get('Source') ?? '';
  const id = f.get('RuleID') || source;
  const msg = f.get('Description') || `Cloudflare ${source} rule ${id}`;
  const pri = /^(?:securitylevel|bic|ratelimit|l7ddos|botmanagement|botfight|validation|uablock|zonelockdown|iprange|ip|country|asn)$/i.test(source) ? 3 : wafPriority(id, null, msg);
  alert(row, 'cloudflare', id, msg, pri, f.get('RayID') ?? '', source || null);
}

const ARMOR = 'jsonPayload.enforcedSecurityPolicy.';
const ARMOR_PREVIEW = 'jsonPayload.previewSecurityPolicy.';

/**
 * Google Cloud Armor, in the HTTP(S) load balancer's request log: the security policy rule that
 * decided (`enforcedSecurityPolicy`: outcome DENY is a block), the WAF expression it matched
 * (`preconfiguredExprIds`: `owasp-crs-v030301-id942100-sqli`, the CRS rule and its attack kind);
 * a rule in preview that would have denied is an alert the policy let through. A rate-limit or ban
 * rule judged the client's volume, and a rule without a WAF expression (an address, country or custom
 * match) the client, not the request: priority 3. A request only the default rule allowed is no alert.
 */
function cloudArmor(f: ReadonlyMap<string, string>, row: CellValue[]): void {
  const enforced = (f.get(`${ARMOR}outcome`) ?? '').toUpperCase();
  const preview = (f.get(`${ARMOR_PREVIEW}outcome`) ?? '').toUpperCase();
  const at = enforced === 'DENY' ? ARMOR : preview === 'DENY' ? ARMOR_PREVIEW : null;
  if (enforced !== '') row[C.action] = enforced === 'DENY' ? 'reject' : 'accept';
  const exprs = ((at !== null ? (parseJson(f.get(`${at}preconfiguredExprIds`)) as unknown[] | null) : null) ?? []).map(str).filter((x) => x !== '');
  const configured = (f.get(`${at ?? ARMOR}configuredAction`) ?? '').toUpperCase();
  const limit = `${at ?? ARMOR}rateLimitAction`;
  // flattened, or kept as JSON text by a flattening that stops at fewer levels
  const rate = /THROTTLE|RATE_BASED_BAN/.test(configured) && (f.get(`${limit}.outcome`) ?? str(obj(parseJson(f.get(limit))).outcome)) !== '';
  if (at === null && !rate) {
    addExtra(row, { waf: 'cloudarmor' });
    return;
  }
  const from = at ?? ARMOR;
  const policy = f.get(`${from}name`) ?? 'policy';
  const priority = f.get(`${from}priority`);
  const named = priority !== undefined ? `${policy} rule ${priority}` : policy;
  const rule = exprs[0] ?? (priority !== undefined ? `${policy}:${priority}` : policy);
  const txn = f.get('insertId') ?? '';
  if (rate) {
    alert(row, 'cloudarmor', rule, `Cloud Armor ${named} (${configured.toLowerCase().replace(/_/g, ' ')})`, 3, txn, 'rate-limit');
    return;
  }
  const crs = /-id(\d{6})-([a-z0-9]+)$/.exec(rule);
  const what = at === ARMOR_PREVIEW ? ' (preview: not enforced)' : '';
  alert(row, 'cloudarmor', crs ? crs[1]! : rule, `Cloud Armor ${exprs.length ? `${policy}: ${exprs.join(', ')}` : named}${what}`, crs ? wafPriority(crs[1]!, null, rule) : exprs.length ? wafPriority(rule, null, rule) : 3, txn, crs ? `attack-${crs[2]}` : null);
}

/** Which WAF wrote a flattened JSON record, from its keys; null when none did. */
export type WafKind = 'aws' | 'modsec3' | 'modsec2' | 'appgw' | 'frontdoor' | 'cloudflare' | 'cloudarmor';

export function wafKind(keys: { has(k: string): boolean }): WafKind | null {
  if (keys.has('webaclId') && keys.has('httpRequest.clientIp')) return 'aws';
  if (keys.has('transaction.client_ip') && keys.has('transaction.request.uri')) return 'modsec3';
  if (keys.has('transaction.transaction_id') && keys.has('request.request_line')) return 'modsec2';
  if (keys.has('properties.clientIp') && keys.has('properties.ruleId')) return 'appgw';
  if (keys.has('properties.clientIP') && keys.has('properties.ruleName')) return 'frontdoor';
  if (keys.has('ClientIP') && keys.has('RuleID') && keys.has('Action')) return 'cloudflare';
  if (keys.has('httpRequest.remoteIp') && (keys.has(`${ARMOR}outcome`) || keys.has(`${ARMOR_PREVIEW}outcome`))) return 'cloudarmor';
  return null;
}

/** Fills what the generic key mapping cannot (list-valued headers, the rule that fired, the verdict) on a WAF record. */
export function wafRecord(kind: WafKind, f: ReadonlyMap<string, string>, row: CellValue[], stamp: (text: string) => void): void {
  switch (kind) {
    case 'aws':
      return awsWaf(f, row);
    case 'modsec3':
      return modsec3(f, row, stamp);
    case 'modsec2':
      return modsec2(f, row);
    case 'appgw':
      return azure(f, row, false);
    case 'frontdoor':
      return azure(f, row, true);
    case 'cloudflare':
      return cloudflare(f, row);
    case 'cloudarmor':
      return cloudArmor(f, row);
  }
}

/**
 * Azure WAF logs exported from Log Analytics as CSV: the `AzureDiagnostics` table (`clientIp_s`,
 * `requestUri_s`, `ruleId_s`, `details_message_s`, `transactionId_g`: Log Analytics adds a type
 * suffix, _s text, _d number, _g GUID, and joins nested names with _) or the resource-specific
 * `AGWFirewallLogs` table (`ClientIp`, `RequestUri`, `RuleId`, `DetailedMessage`). Each column is
 * read back under the JSON key the diagnostic log itself uses, so the rows map as the JSON ones do.
 */
export interface AzureCsvLayout {
  /** JSON key (properties.clientIp …) of each column, null for the table's own columns */
  keys: (string | null)[];
  /** the Category column (AzureDiagnostics mixes the gateway's access and firewall logs), or -1 */
  category: number;
  /** the kind when no Category says (AGWFirewallLogs is the gateway's firewall log only) */
  kind: 'appgw' | 'frontdoor';
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The JSON key of an exported column: `details_message_s` -> properties.details.message, `DetailedFile` -> properties.details.file. */
function azureKey(name: string): string | null {
  const n = name.trim();
  if (/^(?:TimeGenerated|Category|TenantId|SourceSystem|Type|_ResourceId|ResourceId|OperationName|SubscriptionId|ResourceGroup|ResourceProvider|Resource|ResourceType)\b/.test(n)) return null;
  const suffixed = /^(.+)_[sdgbt]$/.exec(n);
  if (suffixed) return `properties.${suffixed[1].split('_').map((p, i) => (i === 0 ? lowerFirst(p) : p)).join('.')}`;
  const detailed = /^Detailed([A-Z]\w*)$/.exec(n);
  if (detailed) return `properties.details.${lowerFirst(detailed[1])}`;
  return /^[A-Za-z]\w*$/.test(n) ? `properties.${lowerFirst(n)}` : null;
}

/** The layout of a Log Analytics export of an Azure WAF log, from its header; null for any other table. */
export function azureCsvLayout(header: readonly string[]): AzureCsvLayout | null {
  const names = new Set(header.map((h) => h.trim()));
  if (![...names].some((h) => /^TimeGenerated(?: \[UTC\])?$/.test(h))) return null;
  const appgw = (names.has('clientIp_s') || names.has('ClientIp')) && (names.has('ruleId_s') || names.has('RuleId')) && (names.has('requestUri_s') || names.has('RequestUri'));
  const frontDoor = names.has('clientIP_s') && names.has('ruleName_s') && names.has('requestUri_s');
  if (!appgw && !frontDoor) return null;
  return { keys: header.map(azureKey), category: header.findIndex((h) => h.trim() === 'Category'), kind: appgw ? 'appgw' : 'frontdoor' };
}

/** The roles of an Azure WAF export's columns the generic names would miss or mistake (`Resource` is no path). */
export function azureCsvMapping(header: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const find = (...names: string[]): string | undefined => header.find((h) => names.includes(h.trim()));
  const roles: [string, string | undefined][] = [
    ['src_ip', find('clientIp_s', 'clientIP_s', 'ClientIp')],
    ['src_port', find('clientPort_d', 'clientPort_s', 'ClientPort')],
    ['path', find('requestUri_s', 'RequestUri')],
    ['host', find('hostname_s', 'host_s', 'Hostname')],
    ['message', find('Message', 'message_s')],
  ];
  for (const [role, field] of roles) if (field !== undefined) out[role] = field;
  return out;
}

/** Fills the WAF's cells of one exported row (rule, verdict, transaction), as wafRecord does for the JSON log. */
export function azureCsvRecord(layout: AzureCsvLayout, values: readonly string[], n: number, row: CellValue[]): void {
  const cat = layout.category >= 0 ? (values[layout.category] ?? '').trim() : '';
  const kind = cat === '' ? layout.kind : /^ApplicationGatewayFirewallLog$/i.test(cat) ? 'appgw' : /^FrontDoorWebApplicationFirewallLog$/i.test(cat) ? 'frontdoor' : null;
  // the gateway's access log in the same export: an ordinary request row
  if (kind === null) return;
  const f = new Map<string, string>();
  for (let i = 0; i < n && i < layout.keys.length; i++) {
    const k = layout.keys[i];
    const v = values[i];
    if (k !== null && v !== undefined && v !== '') f.set(k, v);
  }
  // requestUri to path and query (Front Door's absolute URL to host too), rule, verdict and transaction, as for the JSON log
  wafRecord(kind, f, row, () => {});
}

/** `key="value",key="value"` as F5 BIG-IP ASM writes its remote log (a `"` inside a value doubled); null when the text is not that. */
function f5Pairs(text: string): Map<string, string> | null {
  const out = new Map<string, string>();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const eq = text.indexOf('="', i);
    if (eq <= i || eq - i > 64) return null;
    const v = readCsvQuoted(text, eq + 1);
    if (!v.closed) return null;
    out.set(text.slice(i, eq), v.value);
    if (v.end < n && text.charCodeAt(v.end) !== 44) return null;
    i = v.end + 1;
  }
  return out.size ? out : null;
}

/** a header of the raw request F5 logs (`GET / HTTP/1.1\r\nHost: a\r\n`, the CR LF written as text) */
function f5Header(request: string, name: string): string | null {
  const m = new RegExp(`\\\\r\\\\n${name}: ?(.{0,2048}?)\\\\r\\\\n`, 'i').exec(request);
  return m ? m[1]! : null;
}

/** An address as the other formats write it (IPv6 compressed, lower case), without a BIG-IP route domain (`10.0.1.10%2`). */
const f5Address = (v: string | null): string | null => (v === null ? null : (normalizeIp(v.replace(/%\d{1,5}$/, '')) ?? v));

const f5Value = (f: ReadonlyMap<string, string>, k: string): string | null => {
  const v = f.get(k);
  return v === undefined || v === '' || v === 'N/A' ? null : v;
};

/**
 * F5 BIG-IP ASM / Advanced WAF's remote log line (syslog, `ASM:unit_hostname="…",…`): the client
 * (`ip_client`, or the address its X-Forwarded-For names behind a private one), the request (method,
 * `uri`, `query_string`, the Host, User-Agent and Referer of the logged request), `response_code`
 * and `request_status` (blocked is a reject); the attack signatures or violations it matched are a
 * WAF alert on the client: the first signature id (else the violation), the names as the message,
 * `attack_type` as the category, F5's severity as the priority, `support_id` the transaction. A
 * request that matched nothing is an ordinary request, known as the WAF's. False when `text` is not
 * such a record (nothing written).
 */
export function f5Asm(text: string, row: CellValue[], extra: Record<string, string>): boolean {
  const f = f5Pairs((text.startsWith('ASM:') ? text.slice(4) : text).trimEnd());
  if (f === null || !f.has('ip_client') || !f.has('request_status')) return false;
  const remote = f5Address(f5Value(f, 'ip_client'));
  const xff = f5Value(f, 'x_forwarded_for_header_value');
  const client = remote !== null && xff !== null ? forwardedClient(xff, remote) : null;
  row[C.src_ip] = client ?? remote;
  if (client !== null) extra.proxy_ip = remote!;
  const sport = Number(f5Value(f, 'src_port'));
  if (client === null && sport > 0 && sport < 65536) row[C.src_port] = sport;
  row[C.dst_ip] = f5Address(f5Value(f, 'dest_ip'));
  const dport = Number(f5Value(f, 'dest_port'));
  if (dport > 0 && dport < 65536) row[C.dst_port] = dport;
  row[C.method] = f5Value(f, 'method');
  row[C.path] = f5Value(f, 'uri');
  row[C.query] = f5Value(f, 'query_string');
  const status = Number(f5Value(f, 'response_code'));
  if (status >= 100 && status <= 999) row[C.status] = status;
  const request = f.get('request') ?? '';
  row[C.host] = f5Header(request, 'Host');
  row[C.user_agent] = f5Header(request, 'User-Agent');
  row[C.referrer] = f5Header(request, 'Referer');
  row[C.user] = f5Value(f, 'username');
  const verdict = (f.get('request_status') ?? '').toLowerCase();
  row[C.action] = verdict === 'blocked' ? 'reject' : verdict === 'passed' || verdict === 'alerted' ? 'accept' : null;
  extra.waf = 'f5-asm';
  const geo = f5Value(f, 'geo_location');
  if (geo !== null) extra.geo = geo;
  const sigs = (f5Value(f, 'sig_ids') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const violations = f5Value(f, 'violations');
  if (sigs.length === 0 && violations === null) return true;
  const id = sigs[0] ?? violations!.split(',')[0]!.trim();
  const names = f5Value(f, 'sig_names') ?? violations!;
  row[C.message] = names.slice(0, 1000);
  row[C.category] = f5Value(f, 'attack_type');
  const severity = (f5Value(f, 'severity') ?? '').replace(/^informational$/i, 'INFO');
  extra.signature_id = id.slice(0, 200);
  extra.priority = String(wafPriority(id, severity, `${names} ${f.get('attack_type') ?? ''}`));
  const txn = f5Value(f, 'support_id');
  if (txn !== null) extra.waf_txn = txn.slice(0, 100);
  return true;
}
