// Round 12 AWS WAF (v2) full logs as the service writes them, one JSON object a line: a SQL
// injection a custom rule BLOCKs (terminatingRuleMatchDetails names what matched and where), a
// login flood a RATE_BASED rule BLOCKs (no match details: the rule judged the rate, not the
// request), and shoppers the default action lets through.

const ACL = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop-acl/2f4c1e2a-7b3d-4c5e-9f60-1a2b3c4d5e6f';
const T0 = Date.UTC(2026, 5, 9, 8, 0, 0);
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36';

interface Req {
  ms: number;
  ip: string;
  country: string;
  method: string;
  uri: string;
  args: string;
  ua: string;
  action: 'ALLOW' | 'BLOCK';
  term?: { id: string; type: 'REGULAR' | 'RATE_BASED' };
  details?: { conditionType: string; location: string; matchedData: string[]; matchedFieldName?: string }[];
  rate?: boolean;
}

function record(r: Req, n: number): string {
  return JSON.stringify({
    timestamp: r.ms,
    formatVersion: 1,
    webaclId: ACL,
    terminatingRuleId: r.term?.id ?? 'Default_Action',
    terminatingRuleType: r.term?.type ?? 'REGULAR',
    action: r.action,
    terminatingRuleMatchDetails: r.details ?? [],
    httpSourceName: 'ALB',
    httpSourceId: '123456789012-app/shop-alb/7d1e2f3a4b5c6d7e',
    ruleGroupList: [{ ruleGroupId: 'AWS#AWSManagedRulesCommonRuleSet', terminatingRule: null, nonTerminatingMatchingRules: [], excludedRules: null, customerConfig: null }],
    rateBasedRuleList: r.rate ? [{ rateBasedRuleId: 'arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/LoginThrottle/5e6f7a8b', rateBasedRuleName: 'LoginThrottle', limitKey: 'IP', maxRateAllowed: 100, evaluationWindowSec: '300', customValues: [] }] : [],
    nonTerminatingMatchingRules: [],
    requestHeadersInserted: null,
    responseCodeSent: null,
    httpRequest: {
      clientIp: r.ip,
      country: r.country,
      headers: [
        { name: 'Host', value: 'shop.example.com' },
        { name: 'User-Agent', value: r.ua },
        { name: 'Accept', value: r.method === 'POST' ? 'application/json' : 'text/html,application/xhtml+xml' },
        ...(r.method === 'POST' ? [{ name: 'Content-Type', value: 'application/json' }] : []),
      ],
      uri: r.uri,
      args: r.args,
      httpVersion: 'HTTP/2.0',
      httpMethod: r.method,
      requestId: `1-6665${(0x1a000 + n).toString(16)}-2b3c4d5e6f708192a3b4c5d6`,
    },
    labels: r.term?.type === 'RATE_BASED' ? [] : r.term ? [{ name: 'awswaf:123456789012:webacl:shop-acl:rule:BlockSQLi' }] : [],
  });
}

export const SQLI_IP = '141.98.11.23';
export const SQLI_RULE = 'BlockSQLi';
/** the tokens AWS WAF lists as matchedData for `id=1 AND 1=1 UNION SELECT …` */
export const SQLI_TOKENS = ['1', 'AND', '1', '=', '1', 'UNION', 'SELECT'];
export const FLOOD_IP = '203.0.113.77';
export const FLOOD_RULE = 'LoginThrottle';

/** 20 SQL injections BLOCKed by a custom rule, 400 logins from one address BLOCKed by a rate rule, 300 shoppers ALLOWed. */
export function awsWafLog(): string[] {
  const reqs: Req[] = [];
  for (let i = 0; i < 20; i++) {
    reqs.push({
      ms: T0 + 600_000 + i * 7_000,
      ip: SQLI_IP,
      country: 'LT',
      method: 'GET',
      uri: '/products',
      args: `id=${i + 1}%20AND%201=1%20UNION%20SELECT%20username,password_hash%20FROM%20customers--`,
      ua: FIREFOX,
      action: 'BLOCK',
      term: { id: SQLI_RULE, type: 'REGULAR' },
      details: [{ conditionType: 'SQL_INJECTION', location: 'QUERY_STRING', matchedData: SQLI_TOKENS }],
    });
  }
  // the rate rule lets the first 100 in 5 minutes through (ALLOW by default), then blocks the rest
  for (let i = 0; i < 500; i++) {
    const blocked = i >= 100;
    reqs.push({
      ms: T0 + 1_800_000 + i * 600,
      ip: FLOOD_IP,
      country: 'US',
      method: 'POST',
      uri: '/api/v1/auth/login',
      args: '',
      ua: 'python-requests/2.31.0',
      action: blocked ? 'BLOCK' : 'ALLOW',
      ...(blocked ? { term: { id: FLOOD_RULE, type: 'RATE_BASED' as const }, rate: true } : {}),
    });
  }
  for (let i = 0; i < 300; i++) {
    reqs.push({
      ms: T0 + i * 12_000,
      ip: `81.2.${69 + (i % 7)}.${(i * 37) % 250 + 1}`,
      country: 'GB',
      method: 'GET',
      uri: ['/', '/products', '/cart', '/products'][i % 4]!,
      args: i % 4 === 1 ? `id=${(i % 60) + 1}&sort=price` : '',
      ua: i % 2 ? CHROME : FIREFOX,
      action: 'ALLOW',
    });
  }
  return reqs.sort((a, b) => a.ms - b.ms).map((r, n) => record(r, n));
}
