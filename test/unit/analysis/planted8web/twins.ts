// Round 8: one request in two logs. AWS WAF full logs beside the Application Load Balancer's access
// log (each request the WAF inspected, the balancer logs too, 403 when the WAF blocked it); and the
// look-alike, two web servers behind a balancer, each request in one server's log only.
import { awsRecord } from '../planted7waf/waf';

const T0 = Date.UTC(2026, 3, 14, 8, 0, 0);
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36';
const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');

/** One ALB access-log entry: forwarded to a target, or answered 403 by the WAF (actions "waf"). */
function alb(ms: number, ip: string, port: number, method: string, uri: string, ua: string, wafBlocked: boolean, status: number, bytes: number, n: number): string {
  const target = wafBlocked ? '-' : '10.0.2.17:8080';
  const times = wafBlocked ? '-1 -1 -1' : '0.000 0.012 0.000';
  return `https ${iso(ms + 40)} app/shop-alb/7d1e2f3a4b5c6d7e ${ip}:${port} ${target} ${times} ${status} ${wafBlocked ? '-' : status} 412 ${bytes} "${method} https://shop.example.com:443${uri} HTTP/1.1" "${ua}" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/shop/73e2d6bc24d8a067 "Root=1-661b8${(0x100000 + n).toString(16)}-5c0a1b2c3d4e5f6a7b8c9d0e" "shop.example.com" "arn:aws:acm:eu-west-1:123456789012:certificate/12345678" 0 ${iso(ms)} "${wafBlocked ? 'waf' : 'waf,forward'}" "-" "-" "${wafBlocked ? '-' : '10.0.2.17:8080'}" "${wafBlocked ? '-' : status}" "-" "-"`;
}

/**
 * 185.220.101.45 sends 8 SQL injection requests: 4 the SQLi group blocks, 3 with version comments
 * no rule matches (answered 200), one of them twice a second apart (sqlmap re-sends). Both the
 * WAF's log and the balancer's hold each: 8 requests, not 16. Shoppers browse in both logs.
 */
export function wafAndAlb(): { waf: string[]; alb: string[] } {
  const waf: { ms: number; line: string }[] = [];
  const lb: { ms: number; line: string }[] = [];
  const atk = '185.220.101.45';
  const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0';
  let n = 0;
  const add = (ms: number, ip: string, uri: string, args: string, agent: string, blocked: boolean, status: number, bytes: number): void => {
    waf.push({ ms, line: awsRecord({ ms, ip, country: 'DE', method: 'GET', uri, args, ua: agent, action: blocked ? 'BLOCK' : 'ALLOW', ...(blocked ? { group: 'AWSManagedRulesSQLiRuleSet', rule: 'SQLi_QUERYARGUMENTS', kind: 'SQL_INJECTION' } : {}) }, n) });
    lb.push({ ms, line: alb(ms, ip, 50000 + n, 'GET', args ? `${uri}?${args}` : uri, agent, blocked, status, bytes, n) });
    n++;
  };
  for (let i = 0; i < 4; i++) add(T0 + 600_000 + i * 7_000, atk, '/products.php', `id=${i}%27%20or%20%271%27=%271`, ua, true, 403, 199);
  for (let i = 0; i < 3; i++) add(T0 + 700_000 + i * 9_000, atk, '/products.php', `id=1%20/*!50000UnIoN*/%20/*!50000SeLeCt*/%201,concat(user,0x3a,password),3%20from%20users%20limit%20${i},1--%20-`, ua, false, 200, 5120 + i);
  add(T0 + 719_000, atk, '/products.php', 'id=1%20/*!50000UnIoN*/%20/*!50000SeLeCt*/%201,concat(user,0x3a,password),3%20from%20users%20limit%202,1--%20-', ua, false, 200, 5122);
  const pages = ['/', '/products.php', '/search', '/cart'];
  for (let i = 0; i < 200; i++) {
    const page = pages[i % pages.length]!;
    add(T0 + i * 15_000, `81.2.${69 + (i % 7)}.${(i * 37) % 250}`, page, page === '/products.php' ? `id=${i % 40}` : page === '/search' ? 'q=garden+chairs' : '', BROWSER, false, 200, 3000 + i);
  }
  const order = (xs: { ms: number; line: string }[]): string[] => xs.sort((a, b) => a.ms - b.ms).map((x) => x.line);
  return { waf: order(waf), alb: order(lb) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');
const clf = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

/**
 * Two web servers behind a balancer, each logging the requests it was sent: 203.0.113.50 sends the
 * same injection twice within a second (it retried), once to each server, and four more to web1.
 * Six requests: the two logs are of one kind, so nothing pairs.
 */
export function twoServers(): { web1: string[]; web2: string[] } {
  const web1: string[] = [];
  const web2: string[] = [];
  const atk = '203.0.113.50';
  const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
  for (let i = 0; i < 120; i++) (i % 2 ? web2 : web1).push(`81.2.${70 + (i % 5)}.${(i * 29) % 250} - - [${clf(T0 + i * 20_000)}] "GET ${['/', '/item.php?id=' + (i % 30), '/basket'][i % 3]} HTTP/1.1" 200 ${2500 + i} "-" "${BROWSER}"`);
  const at = T0 + 1_200_000;
  web1.push(`${atk} - - [${clf(at)}] "GET /item.php?id=7%27%20or%20%271%27=%271 HTTP/1.1" 200 4410 "-" "${ua}"`);
  web2.push(`${atk} - - [${clf(at)}] "GET /item.php?id=7%27%20or%20%271%27=%271 HTTP/1.1" 200 4410 "-" "${ua}"`);
  for (let i = 0; i < 4; i++) web1.push(`${atk} - - [${clf(at + 5_000 + i * 3_000)}] "GET /item.php?id=${i}%20union%20select%20username,password%20from%20users-- HTTP/1.1" 200 ${4400 + i} "-" "${ua}"`);
  const ts = (l: string): string => /\[(\S+)/.exec(l)![1]!;
  return { web1: web1.sort((a, b) => ts(a).localeCompare(ts(b))), web2: web2.sort((a, b) => ts(a).localeCompare(ts(b))) };
}
