// Web application firewall records: the rule a WAF applied becomes an alert on the client with the
// WAF's own rank; hostile records stay data and are never lost.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crsCategory, wafPriority } from '../../../src/core/formats/waf';
import { HOSTILE, parseText } from './helpers';

const extraOf = (r: Record<string, unknown>): Record<string, unknown> => JSON.parse(String(r.extra ?? '{}')) as Record<string, unknown>;

describe('WAF rule rank', () => {
  it("ModSecurity's stated severity first, by name or number", () => {
    expect(wafPriority('942100', 'CRITICAL', '')).toBe(1);
    expect(wafPriority('942100', '2', '')).toBe(1);
    expect(wafPriority('920350', 'WARNING', 'Host header is a numeric IP address')).toBe(3);
    expect(wafPriority('920350', '4', '')).toBe(3);
    expect(wafPriority('1000', 'NOTICE', '')).toBe(4);
  });

  it('the anomaly-score verdict is medium whatever its severity: the rules under it tell the attack', () => {
    expect(wafPriority('949110', 'CRITICAL', 'Inbound Anomaly Score Exceeded')).toBe(2);
    expect(wafPriority('980130', null, '')).toBe(2);
  });

  it('without a severity: the CRS id range, then the words of the rule', () => {
    expect(wafPriority('942100', null, '')).toBe(1);
    expect(wafPriority('932160', null, '')).toBe(1);
    expect(wafPriority('920350', null, '')).toBe(3);
    expect(wafPriority('913100', null, '')).toBe(2);
    // CRS 2's 95xxxx attack rules are told from CRS 3's leakage rules by their words
    expect(wafPriority('959073', null, 'SQL Injection Attack')).toBe(1);
    expect(wafPriority('951110', null, 'Microsoft Access SQL Information Leakage')).toBe(2);
    expect(wafPriority('AWSManagedRulesSQLiRuleSet:SQLi_QUERYARGUMENTS', null, '')).toBe(1);
    expect(wafPriority('AWSManagedRulesAmazonIpReputationList:AWSManagedIPReputationList', null, '')).toBe(3);
    expect(wafPriority('my-custom-rule', null, 'block admin from abroad')).toBe(2);
  });

  it('the attack kind from a CRS rule file or tag', () => {
    expect(crsCategory('REQUEST-942-APPLICATION-ATTACK-SQLI.conf')).toBe('attack-sqli');
    expect(crsCategory('x attack-rce paranoia-level/1')).toBe('attack-rce');
    expect(crsCategory('REQUEST-949-BLOCKING-EVALUATION.conf')).toBeNull();
  });
});

describe('hostile WAF records', () => {
  it('JSON records of the wrong shapes are events with their text kept; the truncated one is quarantined', () => {
    const r = parseText(readFileSync(path.join(HOSTILE, 'waf_hostile.jsonl'), 'utf8'));
    expect(r.detected.layout.format).toBe('jsonl');
    expect(r.rows.length + r.quarantined.length).toBe(r.records);
    expect(r.quarantined.map((q) => q.line)).toEqual([8]);
    const first = r.rows[0]!;
    expect(first.src_ip).toBe('198.51.100.9');
    expect(first.path).toBe('/<svg/onload=alert(1)>');
    expect(first.action).toBe('reject');
    expect(first.message).toContain('<script>alert(1)</script>');
    // a list of headers with nulls and strings in it: the User-Agent is still read
    expect(r.rows[1]!.user_agent).toBe('${jndi:ldap://x/a}');
    // the ModSecurity audit record: its message kept as text, an impossible response code dropped
    const audit = r.rows[3]!;
    expect(audit.user_agent).toBe('() { :; }; /bin/cat /etc/passwd');
    expect(audit.message).toBe('<script>alert(1)</script>');
    expect(audit.status).toBeNull();
    expect(extraOf(audit).signature_id).toBe('942100');
  });

  it("ModSecurity in error logs: nginx's own tail names the client and request, not the attacker's matched data", () => {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(path.join(HOSTILE, 'modsec_hostile.log')));
    const apache = parseText(text.split('\n').slice(0, 3).join('\n') + '\n');
    expect(apache.rows.length + apache.quarantined.length).toBe(apache.records);
    expect(apache.rows.length).toBe(3);
    expect(apache.rows[0]!.message).toBe('<img src=x onerror=alert(1)>');
    expect(extraOf(apache.rows[0]!).signature_id).toBe('941100');
    expect(extraOf(apache.rows[1]!).signature_id).toBe('949110');
    expect(apache.rows[1]!.category).toBe('attack-sqli');
    const nginx = parseText(text.split('\n').slice(3).join('\n'));
    expect(nginx.rows.length + nginx.quarantined.length).toBe(nginx.records);
    expect(nginx.rows[0]!.src_ip).toBe('198.51.100.9');
    expect(nginx.rows[0]!.path).toBe('/real');
    expect(nginx.rows[0]!.action).toBe('reject');
  });
});

describe('WAF verdicts that are no alert', () => {
  const aws = (action: string, term: string): string =>
    JSON.stringify({ timestamp: 1709734951512, formatVersion: 1, webaclId: 'arn:aws:wafv2:eu-west-1:1:regional/webacl/a/b', terminatingRuleId: term, terminatingRuleType: 'REGULAR', action, terminatingRuleMatchDetails: [], ruleGroupList: [], nonTerminatingMatchingRules: [], httpRequest: { clientIp: '192.0.2.10', country: 'GB', headers: [{ name: 'User-Agent', value: 'Mozilla/5.0' }], uri: '/admin', args: '', httpVersion: 'HTTP/1.1', httpMethod: 'GET', requestId: 'r' } });

  it("AWS WAF: a custom rule that terminated with ALLOW (the office's addresses) is a request, a custom BLOCK an alert", () => {
    const r = parseText(`${aws('ALLOW', 'AllowOfficeRanges')}\n${aws('BLOCK', 'BlockAdminFromAbroad')}\n`);
    expect(r.rows[0]!.action).toBe('accept');
    expect(extraOf(r.rows[0]!).signature_id).toBeUndefined();
    expect(r.rows[1]!.action).toBe('reject');
    expect(extraOf(r.rows[1]!).signature_id).toBe('BlockAdminFromAbroad');
  });

  it('Cloudflare: an allow or skip rule is no alert; a log-only match is an alert let through', () => {
    const cf = (action: string): string => JSON.stringify({ Action: action, ClientIP: '192.0.2.10', ClientRequestHost: 'shop.example.com', ClientRequestMethod: 'GET', ClientRequestPath: '/x', ClientRequestQuery: '', Datetime: '2024-03-06T14:22:31Z', Description: 'SQLi - comment', Kind: 'firewall', RayID: `r${action}`, RuleID: 'abc', Source: 'firewallManaged' });
    const r = parseText(['skip', 'allow', 'log'].map(cf).join('\n') + '\n');
    expect(r.rows.map((x) => extraOf(x).signature_id ?? null)).toEqual([null, null, 'abc']);
    expect(r.rows[2]!.action).toBe('log');
  });
});

describe('Azure WAF logs exported from Log Analytics (CSV)', () => {
  it("Front Door's AzureDiagnostics rows: rule from ruleName_s, the absolute URL split, socketIP_s no destination; other categories stay plain rows", () => {
    const text = [
      'TimeGenerated [UTC],Category,clientIP_s,clientPort_s,socketIP_s,requestUri_s,ruleName_s,policy_s,action_s,host_s,trackingReference_s,policyMode_s,details_matches_s,Type',
      '"3/12/2026, 11:20:01.100 AM",FrontDoorWebApplicationFirewallLog,185.220.101.45,52114,185.220.101.45,https://shop.example.com:443/products?id=1%27%20union%20select%201--,Microsoft_DefaultRuleSet-2.1-SQLI-942100,shoppolicy,Block,shop.example.com,0XyZaBcDeFgHiJkLmNoPqRsTuV1,prevention,"[{""matchVariableName"":""QueryParamValue:id""}]",AzureDiagnostics',
      '"3/12/2026, 11:20:02.000 AM",FrontDoorAccessLog,81.2.69.160,50000,81.2.69.160,https://shop.example.com:443/,,,,shop.example.com,0AbC,,,AzureDiagnostics',
      '"3/12/2026, 11:20:03.000 AM",FrontDoorWebApplicationFirewallLog,"bad, ""value""",x,y,not a uri,,,,,,,,AzureDiagnostics',
    ].join('\r\n') + '\r\n';
    const r = parseText(text);
    expect(r.detected.layout.format).toBe('csv');
    expect(r.rows.length + r.quarantined.length).toBe(r.records);
    expect(r.records).toBe(3);
    const [fd, access] = r.rows;
    expect([fd!.src_ip, fd!.dst_ip, fd!.host, fd!.path, fd!.query, fd!.action, fd!.category]).toEqual(['185.220.101.45', null, 'shop.example.com', '/products', "id=1%27%20union%20select%201--", 'reject', 'attack-sqli']);
    expect(extraOf(fd!)).toMatchObject({ waf: 'azure-frontdoor', signature_id: '942100', waf_txn: '0XyZaBcDeFgHiJkLmNoPqRsTuV1' });
    expect(access!.src_ip).toBe('81.2.69.160');
    expect(extraOf(access!).signature_id).toBeUndefined();
  });
});

describe('Google Cloud Armor in the load balancer log', () => {
  const rec = (id: string, ip: string, url: string, status: number, enforced: Record<string, unknown>, preview?: Record<string, unknown>): string =>
    JSON.stringify({
      insertId: id,
      jsonPayload: { '@type': 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry', statusDetails: 'x', enforcedSecurityPolicy: { name: 'prod-armor', ...enforced }, ...(preview ? { previewSecurityPolicy: { name: 'prod-armor', ...preview } } : {}) },
      httpRequest: { requestMethod: 'GET', requestUrl: `https://shop.example.com${url}`, status, responseSize: '120', userAgent: 'Mozilla/5.0', remoteIp: ip },
      resource: { type: 'http_load_balancer' },
      timestamp: '2026-12-07T10:00:01.5Z',
    });
  it('a DENY is a blocked alert with the CRS rule and its kind, a preview DENY an alert let through, a throttle a rate limit, the default allow no alert', () => {
    const r = parseText(
      [
        rec('a0', '198.51.100.5', '/', 200, { priority: 2147483647, configuredAction: 'ALLOW', outcome: 'ACCEPT' }),
        rec('a1', '203.0.113.77', '/item?id=1%27%20or%201%3D1--', 403, { priority: 1000, configuredAction: 'DENY', outcome: 'DENY', preconfiguredExprIds: ['owasp-crs-v030301-id942100-sqli'] }),
        rec('a2', '203.0.113.78', '/q?s=%3Cscript%3E', 200, { priority: 2147483647, configuredAction: 'ALLOW', outcome: 'ACCEPT' }, { priority: 900, configuredAction: 'DENY', outcome: 'DENY', preconfiguredExprIds: ['owasp-crs-v030301-id941100-xss'] }),
        rec('a3', '203.0.113.79', '/login', 429, { priority: 500, configuredAction: 'THROTTLE', outcome: 'DENY', rateLimitAction: { key: '203.0.113.79', outcome: 'RATE_LIMIT_THRESHOLD_EXCEED' } }),
      ].join('\n') + '\n',
    );
    const [ok, sqli, xss, rate] = r.rows;
    expect([ok!.action, ok!.message]).toEqual(['accept', null]);
    expect(extraOf(ok!)).toMatchObject({ waf: 'cloudarmor' });
    expect(extraOf(ok!).signature_id).toBeUndefined();
    expect([sqli!.src_ip, sqli!.path, sqli!.status, sqli!.action, sqli!.category]).toEqual(['203.0.113.77', '/item', 403, 'reject', 'attack-sqli']);
    expect(extraOf(sqli!)).toMatchObject({ waf: 'cloudarmor', signature_id: '942100', priority: 1, waf_txn: 'a1' });
    expect([xss!.action, xss!.category, xss!.message]).toEqual(['accept', 'attack-xss', 'Cloud Armor prod-armor: owasp-crs-v030301-id941100-xss (preview: not enforced)']);
    expect([rate!.action, rate!.category]).toEqual(['reject', 'rate-limit']);
    expect(extraOf(rate!)).toMatchObject({ signature_id: 'prod-armor:500', priority: 3 });
  });
});

describe('F5 BIG-IP ASM remote log (syslog)', () => {
  const rec = (pairs: Record<string, string>): string =>
    `Dec  7 10:00:01 bigip1 ASM:${Object.entries(pairs)
      .map(([k, v]) => `${k}="${v.replace(/"/g, '""')}"`)
      .join(',')}`;
  const base = { unit_hostname: 'bigip1.example.com', management_ip_address: '10.0.0.1', policy_name: '/Common/shop', route_domain: '0', protocol: 'HTTPS', dest_ip: '10.0.1.10', dest_port: '443', username: 'N/A', geo_location: 'NL' };
  it('a matched signature is a WAF alert with the client, request and verdict; a request that matched nothing is no alert', () => {
    const r = parseText(
      [
        rec({ ...base, violations: 'Attack signature detected', support_id: '1234567890123456789', request_status: 'blocked', response_code: '0', ip_client: '203.0.113.5', src_port: '51234', method: 'GET', query_string: "id=1' or 1=1--", x_forwarded_for_header_value: 'N/A', sig_ids: '200002147,200002419', sig_names: 'SQL-INJ expressions like "or 1=1" (3),SQL-INJ "UNION SELECT"', severity: 'Critical', attack_type: 'SQL-Injection', uri: '/product.php', request: 'GET /product.php?id=1%27 HTTP/1.1\\r\\nHost: shop.example.com\\r\\nUser-Agent: <script>alert(1)</script>\\r\\nReferer: =HYPERLINK("x")\\r\\n\\r\\n' }),
        // behind a private proxy: the client is the address it forwarded
        rec({ ...base, violations: 'Illegal file type', support_id: '1234567890123456790', request_status: 'alerted', response_code: '404', ip_client: '10.0.5.5', src_port: '40000', method: 'GET', query_string: '', x_forwarded_for_header_value: '198.51.100.23', sig_ids: '', sig_names: '', severity: 'Warning', attack_type: 'Forceful Browsing', uri: '/backup.sql', request: 'GET /backup.sql HTTP/1.1\\r\\nHost: shop.example.com\\r\\n\\r\\n' }),
        rec({ ...base, dest_ip: '10.0.1.10%2', violations: '', support_id: '1234567890123456791', request_status: 'passed', response_code: '200', ip_client: '2001:DB8:0:0::7', src_port: '51235', method: 'GET', query_string: '', x_forwarded_for_header_value: 'N/A', sig_ids: '', sig_names: '', severity: 'Informational', attack_type: '', uri: '/index.php', request: 'GET /index.php HTTP/1.1\\r\\nHost: shop.example.com\\r\\nUser-Agent: Mozilla/5.0\\r\\n\\r\\n' }),
      ].join('\n') + '\n',
      { year: 2026 },
    );
    expect(r.detected.layout.format).toBe('syslog');
    const [sqli, file, ok] = r.rows;
    expect([sqli!.src_ip, sqli!.src_port, sqli!.dst_port, sqli!.method, sqli!.host, sqli!.path, sqli!.query, sqli!.status, sqli!.action, sqli!.category]).toEqual(['203.0.113.5', 51234, 443, 'GET', 'shop.example.com', '/product.php', "id=1' or 1=1--", null, 'reject', 'SQL-Injection']);
    expect([sqli!.user_agent, sqli!.referrer, sqli!.message]).toEqual(['<script>alert(1)</script>', '=HYPERLINK("x")', 'SQL-INJ expressions like "or 1=1" (3),SQL-INJ "UNION SELECT"']);
    expect(extraOf(sqli!)).toMatchObject({ waf: 'f5-asm', signature_id: '200002147', priority: '1', waf_txn: '1234567890123456789' });
    expect([file!.src_ip, file!.src_port, file!.status, file!.action, file!.message]).toEqual(['198.51.100.23', null, 404, 'accept', 'Illegal file type']);
    expect(extraOf(file!)).toMatchObject({ proxy_ip: '10.0.5.5', signature_id: 'Illegal file type', priority: '3' });
    // addresses as every other format writes them: IPv6 compressed and lower case, no route domain
    expect([ok!.src_ip, ok!.dst_ip, ok!.status, ok!.action, ok!.user_agent]).toEqual(['2001:db8::7', '10.0.1.10', 200, 'accept', 'Mozilla/5.0']);
    expect(extraOf(ok!)).toMatchObject({ waf: 'f5-asm' });
    expect(extraOf(ok!).signature_id).toBeUndefined();
  });
});
