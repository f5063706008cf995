// Round 9, web and Linux logins: sshd's lines counted as the guesses they are (a log cut to its
// "Failed" lines, "Failed none", keyboard-interactive, MaxAuthTries); internet-wide scanners kept
// as background unless they did more; Nuclei named by its callbacks, its scan and payload findings
// naming each other; a browser's own 404s no sweep; what a WAF's log says and does not say.
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as S from './planted9web/ssh';
import * as W from './planted9web/web';
import * as F from './planted9web/waf';

afterAll(cleanupPlanted);

const of = (found: Finding[], entity: string): string[] => found.filter((f) => f.entity === entity).map((f) => `${f.detector}:${f.severity}`);

describe('round 9: sshd guesses counted once each', () => {
  let found: Finding[] = [];
  it('reads the auth log', async () => {
    found = await analysePlanted('planted9web', (dir) => {
      const { put, files } = logFiles(dir);
      put('auth.log', S.authLog());
      return files;
    });
  });

  it('counts "Failed password for invalid user" lines as guesses at unknown names without their "Invalid user" notice', () => {
    const f = expectFound(found, 'bruteForce', S.CUT_IP, 'medium');
    expect(f.numbers.failures).toBe(40);
    // it said 0: only the notice counted an unknown name
    expect(f.numbers.invalidUsers).toBe(40);
    expect(f.explanation).toMatch(/40 times \(40 for user names that do not exist\)/);
  });

  it('counts a connection\'s Invalid user, Failed none and Failed password as one guess, and pam_unix\'s lines not at all', () => {
    const f = expectFound(found, 'bruteForce', S.FULL_IP, 'medium');
    // 25 connections, one password each; "Failed none" made it 50
    expect(f.numbers.failures).toBe(25);
    expect(f.numbers.invalidUsers).toBe(25);
    expect(f.explanation).toMatch(/25 guess\(es\) at an unknown user name were logged twice .* each counts once/);
    expect(f.explanation).toMatch(/25 "Failed none" line\(s\) are the client asking which login methods the server takes/);
  });

  it('counts a connection cut off at MaxAuthTries as its six guesses, not more for the PAM summary and the disconnect', () => {
    const f = expectFound(found, 'bruteForce', S.MAXED_IP, 'medium');
    expect(f.numbers.failures).toBe(24);
    expect(f.numbers.cutOffConnections).toBe(4);
    expect(f.numbers.invalidUsers).toBe(0);
  });

  it('counts keyboard-interactive/pam failures once each, not again for PAM\'s error or the disconnect after them', () => {
    const f = expectFound(found, 'bruteForce', S.KBD_IP, 'medium');
    expect(f.numbers.failures).toBe(15);
    expect(f.numbers.abandonedConnections).toBe(0);
  });

  it('leaves a person who misspelt her name five times and then logged in alone (with "Failed none" counted it was ten failures, then a success)', () => {
    expect(of(found, S.TYPO_IP), listFindings(found)).toEqual([]);
    expect(found.filter((f) => RANK[f.severity] >= RANK.medium).map((f) => f.entity).sort()).toEqual([S.CUT_IP, S.FULL_IP, S.KBD_IP, S.MAXED_IP].sort());
  });
});

describe('round 9: internet-wide scanners, Nuclei, and a browser\'s own 404s', () => {
  let found: Finding[] = [];
  it('reads the access log', async () => {
    found = await analysePlanted('planted9web', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', W.accessLog());
      return files;
    });
  });

  it('lists eight masscan and ZGrab addresses asking for / and /.env with Censys, low (past scanners.massGroupSources), not as attack tools (they were high)', () => {
    for (const ip of [...W.MASSCAN_IPS, ...W.ZGRAB_IPS, W.CENSYS_IP]) expect(of(found, ip), ip).toEqual([]);
    const bg = expectFound(found, 'scanners', 'internet research scanners', 'low');
    expect(bg.severity).toBe('low');
    expect(String(bg.numbers.tools).split(',').sort()).toEqual(['Censys', 'ZGrab', 'masscan']);
    expect(bg.numbers.sourceCount).toBe(W.MASSCAN_IPS.length + W.ZGRAB_IPS.length + 1);
    expect(bg.explanation).toMatch(/ZGrab, masscan are tools such scans are made with/);
    expect(bg.explanation).toMatch(/scanners\.massScanPaths/);
  });

  it('raises a mass scanner that got /.env served, walked 30 paths, or sent an exploit to medium, saying why', () => {
    const env = expectFound(found, 'scanners', W.ZGRAB_GOT_ENV, 'medium');
    expect(env.severity).toBe('medium');
    expect(env.title).toBe(`Scanner at ${W.ZGRAB_GOT_ENV}: ZGrab, /.env answered 2xx`);
    expect(env.numbers.secretAnswered2xx).toBe(1);
    const walk = expectFound(found, 'scanners', W.ZGRAB_WALK, 'medium');
    expect(walk.numbers.distinctPaths).toBe(30);
    expect(walk.explanation).toMatch(/asked for 30 distinct paths \(scanners\.massScanPaths: 5\)/);
    const exploit = expectFound(found, 'scanners', W.MASSCAN_EXPLOIT, 'medium');
    expect(exploit.numbers.tools).toBe('masscan');
    expect(exploit.explanation).toMatch(/carrying attack payloads \(the webAttacks finding for 103\.77\.241\.21 says which\)/);
    expectFound(found, 'webAttacks', W.MASSCAN_EXPLOIT, 'high');
  });

  it('names Nuclei by its interactsh callbacks when its agent is a browser\'s; each Nuclei run is one scan finding and one payload finding that name each other', () => {
    const hidden = expectFound(found, 'scanners', W.NUCLEI_HIDDEN_IP, 'high');
    expect(hidden.numbers.tools).toBe('Nuclei');
    expect(hidden.title).toBe(`Scanner at ${W.NUCLEI_HIDDEN_IP}: Nuclei (by its interactsh callbacks), 201 missing paths`);
    expect(hidden.numbers.payloadRequests).toBe(3);
    expect(hidden.explanation).toMatch(/this finding is the scan around them/);
    const hiddenWeb = expectFound(found, 'webAttacks', W.NUCLEI_HIDDEN_IP, 'high');
    expect(hiddenWeb.numbers.payloadRequests).toBe(3);
    expect(hiddenWeb.explanation).toMatch(/within a scan by the same source, the scanners finding "Scanner at 91\.92\.249\.31: Nuclei/);
    const named = expectFound(found, 'scanners', W.NUCLEI_IP, 'high');
    expect([named.numbers.tools, named.numbers.payloadRequests]).toEqual(['Nuclei', 2]);
    expect(expectFound(found, 'webAttacks', W.NUCLEI_IP, 'high').explanation).toMatch(/the scanners finding "Scanner at 5\.188\.10\.76: Nuclei"/);
    for (const ip of [W.NUCLEI_IP, W.NUCLEI_HIDDEN_IP]) expect(found.filter((f) => f.entity === ip && RANK[f.severity] >= RANK.medium).map((f) => f.detector).sort()).toEqual(['scanners', 'webAttacks']);
  });

  it('keeps an office browsing a site without favicon, touch icons or published source maps out of the scanners (it was a medium 404 sweep)', () => {
    expect(found.filter((f) => f.entity === W.OFFICE_IP && RANK[f.severity] >= RANK.low), listFindings(found)).toEqual([]);
    expect(found.filter((f) => /^81\.2\.(?:7\d)\./.test(f.entity) && RANK[f.severity] >= RANK.low), listFindings(found)).toEqual([]);
  });
});

describe('round 9: a quiet week\'s mass scanners', () => {
  it('gives masscan and ZGrab asking for / and /.env a low finding each when they are few', async () => {
    const found = await analysePlanted('planted9web', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', W.quietLog());
      return files;
    });
    const masscan = expectFound(found, 'scanners', W.MASSCAN_IPS[0]!, 'low');
    expect([masscan.severity, masscan.title]).toEqual(['low', `Internet-wide scanner at ${W.MASSCAN_IPS[0]}: masscan (1 request(s))`]);
    const zgrab = expectFound(found, 'scanners', W.ZGRAB_IPS[0]!, 'low');
    expect([zgrab.severity, zgrab.numbers.distinctPaths]).toEqual(['low', 2]);
    expect(zgrab.explanation).toMatch(/no more than 5 paths \(scanners\.massScanPaths\)/);
    expect(found.filter((f) => f.entity === 'internet research scanners' || RANK[f.severity] >= RANK.medium), listFindings(found)).toEqual([]);
  });
});

describe('round 9: what a WAF log holds', () => {
  let found: Finding[] = [];
  it('reads ModSecurity\'s error log and AWS WAF\'s log', async () => {
    found = await analysePlanted('planted9web', (dir) => {
      const { put, files } = logFiles(dir);
      put('error.log', F.modsecErrorLog());
      put('aws-waf-shop.log', F.awsWafLog());
      return files;
    });
  });

  it('shows the XSS ModSecurity matched, from [data], though its [uri] has no query string', () => {
    const f = expectFound(found, 'idsAlerts', F.XSS_IP, 'medium');
    expect(f.numbers.blocked).toBe(60);
    expect(String(f.numbers.matched)).toMatch(/^ARGS:q: (?:"><svg\/onload=alert\(\d+\)>|<script>alert\(document\.cookie\)<\/script>)$/);
    expect(f.explanation).toMatch(/«XSS Attack Detected via libinjection» ×30 \(priority 1, all blocked\), matching for example «ARGS:q: /);
    // the balancer's numeric-Host checks: still only in the low group
    const low = expectFound(found, 'idsAlerts', 'low-priority IDS alerts', 'low');
    expect(low.explanation).toMatch(/Host header is a numeric IP address/);
    expect(found.filter((f) => /^10\.0\.2\./.test(f.entity)), listFindings(found)).toEqual([]);
  });

  it('does not say the server took requests AWS WAF let through, since its log holds no HTTP status; BLOCKs stay blocked', () => {
    const ids = expectFound(found, 'idsAlerts', F.AWS_IP, 'high');
    expect([ids.numbers.blocked, ids.numbers.passedPayloads]).toEqual([12, 3]);
    expect(ids.explanation).toMatch(/The WAF blocked 12 and let 3 through/);
    expect(ids.explanation).toMatch(/Through the WAF: 3 request\(s\) .* were not blocked, e\.g\. .*none of them has an answer in the case \(a WAF's log, AWS WAF's among them, holds no HTTP status\)/);
    expect(ids.explanation).not.toMatch(/not refused by the server/);
    const web = expectFound(found, 'webAttacks', F.AWS_IP, 'high');
    expect([web.numbers.payloadRequests, web.numbers.blocked, web.numbers.answered2xx]).toEqual([15, 12, 0]);
    expect(web.explanation).toMatch(/none have an answer in the case/);
    expect(found.filter((f) => /^81\.2\./.test(f.entity)), listFindings(found)).toEqual([]);
  });
});
