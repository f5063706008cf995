// Round 12, web and text logs: version numbers in free text are not addresses (CBS.log, Hadoop,
// .NET), AWS WAF's matched data and its rate rules, and credential stuffing spread over 400
// residential addresses beside customers who mistype.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analyzeCase } from '../../../src/core/analysis';
import { ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as V from './planted12web/versions';
import * as W from './planted12web/waf';
import * as S from './planted12web/stuffing';

const tmp: string[] = [];
afterAll(() => {
  cleanupPlanted();
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('round 12: version numbers in free text are not addresses', () => {
  let addrs: string[] = [];
  let found: Finding[] = [];
  it('reads CBS.log, a Hadoop application master\'s log and a .NET service\'s log as text, and an agent\'s JSON heartbeats', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-planted12web-'));
    tmp.push(dir);
    const { put, files } = logFiles(dir);
    put('CBS.log', V.cbsLog());
    put('syslog', V.hadoopLog());
    put('billing.log', V.dotnetLog());
    put('agent.jsonl', V.agentHeartbeats());
    const caseFile = path.join(dir, 'case.loupe');
    const { sources } = await ingestFiles({ caseFile, files, threads: 1, year: 2026 });
    expect(sources.map((s) => [s.format, s.quarantined])).toEqual([['text', 0], ['text', 0], ['text', 0], ['jsonl', 0]]);
    const db = openCase(caseFile, { readonly: true });
    addrs = (db.prepare('SELECT DISTINCT src_ip FROM events WHERE src_ip IS NOT NULL UNION SELECT DISTINCT dst_ip FROM events WHERE dst_ip IS NOT NULL').all() as { src_ip: string }[]).map((r) => r.src_ip).sort();
    db.close();
    found = (await analyzeCase(caseFile, { inline: true })).findings;
  });

  it('takes no address from a version (`version 0.0.0.6`, `~~6.1.1.1`, `Version=4.0.0.0`, `build 2.3.0.117`, `v3.1.0.2`), and keeps the real ones; nor from a JSON field named for a version (`agent_version`, `sensor_build`)', () => {
    expect(addrs).toEqual([...new Set([...V.HADOOP_NODES, ...V.NET_CLIENTS, ...V.AGENT_HOSTS])].sort());
  });

  it('makes no finding about a version', () => {
    const versionish = found.filter((f) => /\b(?:0\.0\.0\.\d|6\.1\.\d+\.\d+|4\.0\.0\.0|\d+\.0\.0\.[01])\b/.test(`${f.entity} ${f.title}`));
    expect(versionish, listFindings(found)).toEqual([]);
  });
});

describe('round 12: AWS WAF, what matched and what was only a rate', () => {
  let found: Finding[] = [];
  it('reads the WAF log', async () => {
    found = await analysePlanted('planted12web', (dir) => {
      const { put, files } = logFiles(dir);
      put('aws-waf-shop-acl.log', W.awsWafLog());
      return files;
    });
  });

  it('shows a blocked SQL injection with its rule and the data AWS WAF says matched, as text', () => {
    const f = expectFound(found, 'idsAlerts', W.SQLI_IP, 'medium');
    expect(f.numbers.blocked).toBe(20);
    expect(f.explanation).toContain(W.SQLI_RULE);
    expect(String(f.numbers.matched)).toBe(`QUERY_STRING: ${W.SQLI_TOKENS.join(' ')}`);
    expect(f.explanation).toMatch(/matching for example «QUERY_STRING: 1 AND 1 = 1 UNION SELECT»/);
  });

  it('reads a RATE_BASED block as rate limiting with the rule\'s limit, among the low-priority alerts, not as an attack', () => {
    // it was «AWS WAF LoginThrottle» ranked as an attack signature (priority 2), saying nothing of a rate
    expect(found.filter((f) => f.entity === W.FLOOD_IP && (f.detector === 'idsAlerts' || f.detector === 'webAttacks')), listFindings(found)).toEqual([]);
    const low = expectFound(found, 'idsAlerts', 'low-priority IDS alerts', 'low');
    expect(low.explanation).toMatch(/«AWS WAF LoginThrottle \(rate-based rule: more than 100 requests in 300 s from one address\)» ×400 from 1 source\(s\) \(priority 3\)/);
    expect(found.filter((f) => /^81\.2\./.test(f.entity)), listFindings(found)).toEqual([]);
  });
});

describe('round 12: credential stuffing from 400 residential addresses', () => {
  const set = S.stuffingLog(S.REST_ANSWERS);
  let found: Finding[] = [];
  it('reads the access log', async () => {
    found = await analysePlanted('planted12web', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', set.lines);
      return files;
    });
  });

  it('is one finding with the campaign\'s distinct sources and attempts, its logins that worked first', () => {
    const stuffing = found.filter((f) => f.detector === 'credentialStuffing');
    expect(stuffing.map((f) => f.entity), listFindings(found)).toEqual(['/api/v1/auth/login']);
    const f = stuffing[0]!;
    expect(RANK[f.severity]).toBeGreaterThanOrEqual(RANK.high);
    expect(f.numbers.campaignSources).toBe(400);
    expect(f.numbers.campaignAttempts).toBe(set.attempts);
    expect(f.numbers.campaignLoginsOk).toBe(set.fellIps.length);
    for (const ip of set.fellIps) expect(f.explanation).toContain(ip);
    // it said only "61 sources in 10 min" and 787 failures in its windows, nothing of the 8 logins that worked
    expect(f.explanation).toMatch(/^What matters most: a login worked 8 time\(s\) from 8 of these sources \(/);
    expect(f.explanation).toMatch(/400 outside addresses did nothing on this site but post to this login path/);
    expect(f.title).toMatch(/, 8 of its sources logged in$/);
    expect(f.severity).toBe('critical');
  });

  it('leaves the customers who mistyped once and then logged in alone', () => {
    const cust = new Set(set.customerIps);
    expect(found.filter((f) => cust.has(f.entity)), listFindings(found)).toEqual([]);
  });
});

describe('round 12: a login API that answers every login 200', () => {
  it('raises nothing on its customers alone (a 200 there may be a login that worked; it was a high stuffing finding, "31 sources in 10 min")', async () => {
    const quiet = S.stuffingLog(S.BODY_ANSWERS, false);
    const found = await analysePlanted('planted12web', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', quiet.lines);
      return files;
    });
    expect(found.filter((f) => f.detector === 'credentialStuffing' || f.detector === 'bruteForce'), listFindings(found)).toEqual([]);
  });

  it('names the 400 addresses that only posted to log in, saying the log cannot tell which logins worked', async () => {
    const set = S.stuffingLog(S.BODY_ANSWERS);
    const found = await analysePlanted('planted12web', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', set.lines);
      return files;
    });
    const stuffing = found.filter((f) => f.detector === 'credentialStuffing');
    expect(stuffing.map((f) => f.entity), listFindings(found)).toEqual(['/api/v1/auth/login']);
    const f = stuffing[0]!;
    expect(f.numbers.blindSources).toBe(400);
    expect(f.numbers.attempts).toBe(set.attempts);
    expect(f.title).toMatch(/400 sources that only posted to log in$/);
    expect(f.explanation).toMatch(/the log cannot say which of these logins failed and which worked/);
    // the refusal is one size (38 bytes); the eight accounts that fell got a token, another size
    expect(f.numbers.usualAnswerBytes).toBe(38);
    expect(String(f.numbers.otherSizeFrom).split(',').sort()).toEqual([...set.fellIps].sort());
    expect(f.explanation).toMatch(/Their answers were mostly 38 bytes \(\d+ of \d+, the refusal such an API writes\); 8 address\(es\) got an answer of another size \(/);
    const cust = new Set(set.customerIps);
    expect(found.filter((x) => cust.has(x.entity)), listFindings(found)).toEqual([]);
  });
});
