// Round 8, web: a request a WAF and the web server (or balancer) both logged counts once; two web
// servers behind a balancer each log their own requests, which never pair.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';
import * as A from './planted8web/agents';
import * as T from './planted8web/twins';
import * as Z from './planted8web/azure';

afterAll(cleanupPlanted);

describe('round 8 web: one request in two logs', () => {
  it('AWS WAF beside the ALB log: 8 injection requests, not 16, each said to be in both logs, with the balancer\'s answers', async () => {
    const found = await analysePlanted('planted8web', (dir) => {
      const { put, files } = logFiles(dir);
      const t = T.wafAndAlb();
      put('aws-waf-shop.log', t.waf);
      put('shop-alb.log', t.alb);
      return files;
    });
    const web = expectFound(found, 'webAttacks', '185.220.101.45', 'medium');
    expect(web.numbers.payloadRequests).toBe(8);
    // 8 is under webAttacks.highRequests (10); counted twice it was 16, and high
    expect(web.severity).toBe('medium');
    expect(web.title).toMatch(/\(8 requests\)/);
    expect(web.numbers.inBothLogs).toBe(8);
    expect(web.numbers.blocked).toBe(4);
    // the comment-split UNIONs the WAF let through, answered 200 by the application (the balancer's log says so)
    expect(web.numbers.answered2xx).toBe(4);
    expect(web.explanation).toMatch(/8 of them are in both the WAF's log and the web server's log .*webAttacks\.twinSeconds.* counted once/);
    // both rows of each request are reachable from the finding
    expect(web.evidence.query.split(',')).toHaveLength(16);
    expect(web.evidence.count).toBe(16);
    expect(found.filter((f) => /^81\.2\./.test(f.entity)), listFindings(found)).toEqual([]);
  });

  it('two web servers behind a balancer: the same retried request in each log counts twice, nothing is "in both logs"', async () => {
    const found = await analysePlanted('planted8web', (dir) => {
      const { put, files } = logFiles(dir);
      const t = T.twoServers();
      put('web1-access.log', t.web1);
      put('web2-access.log', t.web2);
      return files;
    });
    const web = expectFound(found, 'webAttacks', '203.0.113.50', 'medium');
    expect(web.numbers.payloadRequests).toBe(6);
    expect(web.numbers.inBothLogs).toBeUndefined();
    expect(web.explanation).not.toMatch(/in both/);
    expect(found.filter((f) => /^81\.2\./.test(f.entity)), listFindings(found)).toEqual([]);
  });
});

describe('round 8 web: scanner user agents', () => {
  it('names each tool by its user agent; vulnerability-management products from inside are medium; research scanners are one low list; shoppers quiet', async () => {
    const found = await analysePlanted('planted8web', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', A.scannerAgents());
      return files;
    });
    A.TOOL_AGENTS.forEach(([name], i) => {
      const f = expectFound(found, 'scanners', A.toolIp(i), 'high');
      expect(f.numbers.tools, name).toBe(name);
      expect(f.title).toContain(name);
    });
    A.VULN_MANAGEMENT.forEach((name, i) => {
      const f = expectFound(found, 'scanners', A.insideIp(i), 'medium');
      expect([f.numbers.tools, f.severity]).toEqual([name, 'medium']);
      expect(f.explanation).toMatch(/vulnerability-management scanner and 10\.30\.0\.\d+ is an inside address/);
    });
    // research scanners: no finding of their own, one low list naming each
    A.RESEARCH_AGENTS.forEach((_, i) => expect(found.filter((f) => f.entity === A.researchIp(i)), listFindings(found)).toEqual([]));
    const research = expectFound(found, 'scanners', 'internet research scanners', 'low');
    expect(research.severity).toBe('low');
    expect(String(research.numbers.tools).split(',').sort()).toEqual(A.RESEARCH_AGENTS.map(([name]) => name).sort());
    expect(research.numbers.sourceCount).toBe(A.RESEARCH_AGENTS.length);
    expect(research.explanation).toMatch(/not aimed at this site/);
    // Burp with a browser's agent: its Collaborator callbacks name it
    const burp = expectFound(found, 'webAttacks', A.BURP_IP, 'high');
    expect(burp.explanation).toMatch(/Burp Suite's Collaborator/);
    expect(found.filter((f) => /^81\.2\./.test(f.entity)), listFindings(found)).toEqual([]);
  });
});

describe('round 8 web: Azure WAF log exported from Log Analytics (CSV)', () => {
  it('reads the AzureDiagnostics export like the JSON log: a command injection only detected is high, 12 requests not 24; health probes low', async () => {
    const found = await analysePlanted('planted8web', (dir) => {
      const { put, files } = logFiles(dir);
      put('query_data.csv', Z.azureExport());
      return files;
    });
    const atk = expectFound(found, 'idsAlerts', '91.240.118.172', 'high');
    expect(atk.title).toMatch(/^WAF alerts from 91\.240\.118\.172/);
    expect(atk.numbers.blocked).toBe(0);
    expect(atk.numbers.passedPayloads).toBe(12);
    expect(atk.explanation).toMatch(/Remote Command Execution: Unix Command Injection/);
    expect(atk.explanation).toMatch(/let every one of them through \(COUNT or detection mode\)/);
    expect(expectFound(found, 'webAttacks', '91.240.118.172', 'high').numbers.payloadRequests).toBe(12);
    const low = expectFound(found, 'idsAlerts', 'low-priority IDS alerts', 'low');
    expect(low.explanation).toMatch(/Host header is a numeric IP address/);
    expect(found.filter((f) => /^10\.1\.0\./.test(f.entity)), listFindings(found)).toEqual([]);
  });
});
