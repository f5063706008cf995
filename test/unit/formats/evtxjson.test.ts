// Windows events as JSON, the way .evtx files are converted off Windows: evtx_dump's JSON lines
// and its default output (`Record N` lines before pretty-printed events), and Velociraptor's EVTX
// rows. Each must read like the same event exported as XML: time, machine, provider, logons typed
// with address and account, EventData and UserData kept under their names.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonDocSplitter, looksLikeJsonDocument } from '../../../src/core/ingest/jsondoc';
import { getRawLine, ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { analyzeCase } from '../../../src/core/analysis';
import { cleanTmp, tmpDir } from '../ingest/helpers';
import { parseText } from './helpers';

afterEach(cleanTmp);

const SYS = (id: unknown, t: string, channel: string, provider: string, rec: number, keywords = '0x8000000000000000'): object => ({
  Provider: { '#attributes': { Name: provider, Guid: '54849625-5478-4994-A5BA-3E3B0328C30D' } },
  EventID: id,
  Version: 0,
  Level: 0,
  Task: 12544,
  Opcode: 0,
  Keywords: keywords,
  TimeCreated: { '#attributes': { SystemTime: t } },
  EventRecordID: rec,
  Correlation: null,
  Execution: { '#attributes': { ProcessID: 652, ThreadID: 700 } },
  Channel: channel,
  Computer: 'DC01.corp.local',
  Security: null,
});
const ev = (system: object, body: object): object => ({ Event: { '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' }, System: system, ...body } });
const SEC = 'Microsoft-Windows-Security-Auditing';

const failed = (i: number): object =>
  ev(SYS(4625, `2024-05-01T10:00:${String(i).padStart(2, '0')}.123456Z`, 'Security', SEC, 9000 + i, '0x8010000000000000'), {
    EventData: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', TargetUserName: `user${i}`, TargetDomainName: 'CORP', Status: '0xc000006d', LogonType: 3, WorkstationName: 'KALI', IpAddress: '198.51.100.23', IpPort: String(49800 + i) },
  });
const records = (): object[] => [
  failed(1),
  ev(SYS(4624, '2024-05-01T10:01:00.000000Z', 'Security', SEC, 9100, '0x8020000000000000'), { EventData: { TargetUserName: 'svc_backup', TargetDomainName: 'CORP', LogonType: 3, IpAddress: '198.51.100.23', IpPort: '50000', SubjectUserName: 'DC01$' } }),
  // System log: EventID with Qualifiers, the service's fields
  ev(SYS({ '#attributes': { Qualifiers: 16384 }, '#text': 7045 }, '2024-05-01T10:02:00.000000Z', 'System', 'Service Control Manager', 500), { EventData: { ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe', ServiceType: 'user mode service', StartType: 'demand start', AccountName: 'LocalSystem' } }),
  // the Security log cleared: UserData, not EventData
  ev(SYS(1102, '2024-05-01T10:03:00.000000Z', 'Security', 'Microsoft-Windows-Eventlog', 9200), { UserData: { LogFileCleared: { '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' }, SubjectUserSid: 'S-1-5-21-1', SubjectUserName: 'svc_backup', SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7' } } }),
  // NTLM validation: only the keywords say it failed
  ev(SYS(4776, '2024-05-01T10:04:00.000000Z', 'Security', SEC, 9300, '0x8010000000000000'), { EventData: { PackageName: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0', TargetUserName: 'admin', Workstation: 'KALI', Status: '0xc000006a' } }),
];

describe('evtx_dump JSON lines', () => {
  it('reads like the XML export: time, machine, provider, logons typed, fields under their names', () => {
    const r = parseText(records().map((o) => JSON.stringify(o)).join('\n') + '\n');
    expect(r.detected.layout.format).toBe('evtxjson');
    expect(r.quarantined).toEqual([]);
    const [f, s, svc, clr, ntlm] = r.rows;
    expect([f!.ts, f!.action, f!.src_ip, f!.src_port, f!.user, f!.host, f!.program]).toEqual([Date.UTC(2024, 4, 1, 10, 0, 1, 123), 'auth_failure', '198.51.100.23', 49801, 'user1', 'DC01.corp.local', SEC]);
    expect([s!.action, s!.user, s!.src_ip]).toEqual(['auth_success', 'svc_backup', '198.51.100.23']);
    const x = (row: (typeof r.rows)[number]): Record<string, string> => JSON.parse(row.extra as string) as Record<string, string>;
    expect(x(svc!)).toMatchObject({ EventID: '7045', Channel: 'System', ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe' });
    expect(x(clr!)).toMatchObject({ EventID: '1102', Channel: 'Security', UserData: 'LogFileCleared', 'LogFileCleared.SubjectUserName': 'svc_backup' });
    expect(x(clr!).xmlns).toBeUndefined();
    // 4776 fails by its keywords alone; the workstation stands for the address NTLM did not log
    expect([ntlm!.action, ntlm!.user, ntlm!.src_ip]).toEqual(['auth_failure', 'admin', 'KALI']);
  });

  it('Velociraptor: System and EventData at the top, EventID as {"Value": …}, SystemTime in epoch seconds, Keywords as a number', () => {
    const row = { System: { Provider: { Name: SEC }, EventID: { Value: 4625 }, Keywords: 9227875636482146304, TimeCreated: { SystemTime: 1714557601.5 }, EventRecordID: 1, Channel: 'Security', Computer: 'WS01' }, EventData: { TargetUserName: 'bob', IpAddress: '203.0.113.9', LogonType: 10 }, Message: 'An account failed to log on.' };
    const r = parseText(`${JSON.stringify(row)}\n${JSON.stringify({ ...row, System: { ...row.System, EventRecordID: 2 } })}\n`);
    expect(r.detected.layout.format).toBe('evtxjson');
    const [a] = r.rows;
    expect([a!.ts, a!.action, a!.src_ip, a!.user, a!.host, a!.message]).toEqual([Date.UTC(2024, 4, 1, 10, 0, 1, 500), 'auth_failure', '203.0.113.9', 'bob', 'WS01', 'An account failed to log on.']);
  });

  it('hostile values stay text; a record without a numeric EventID is quarantined, not guessed', () => {
    const bad = ev(SYS(4688, '2024-05-01T10:05:00Z', 'Security', SEC, 1), { EventData: { CommandLine: '=HYPERLINK("http://evil.example","x") <script>alert(1)</script>\u0000', NewProcessName: 'C:\\a.exe' } });
    const lines = [JSON.stringify(bad), JSON.stringify(failed(2)), JSON.stringify(ev(SYS('x', '2024-05-01T10:05:00Z', 'Security', SEC, 2), { EventData: {} })), '{"Event": {"System": '];
    const r = parseText(lines.join('\n') + '\n', { format: 'evtxjson' });
    expect(r.records).toBe(4);
    expect(r.rows).toHaveLength(2);
    expect(JSON.parse(r.rows[0]!.extra as string).CommandLine).toBe('=HYPERLINK("http://evil.example","x") <script>alert(1)</script>\u0000');
    expect(r.quarantined.map((q) => q.reason)).toEqual(['not a Windows event record: no numeric EventID', 'invalid JSON: not a Windows event record']);
  });
});

describe("evtx_dump's default output (Record N, then a pretty-printed event)", () => {
  const pretty = (): string => records().map((o, i) => `Record ${9000 + i}\n${JSON.stringify(o, null, 2)}\n`).join('');

  it('the separators are dropped, whatever the chunking; a stray line is a record of its own', () => {
    const text = `${pretty()}Rubbish here\n`;
    for (const size of [1, 5, 64, 1 << 16]) {
      const s = new JsonDocSplitter();
      const b = Buffer.from(text);
      const parts: Buffer[] = [];
      for (let i = 0; i < b.length; i += size) parts.push(s.push(b.subarray(i, i + size)));
      parts.push(s.finish());
      const lines = Buffer.concat(parts).toString('utf8').split('\n').slice(0, -1);
      expect(lines, `chunks of ${size}`).toHaveLength(6);
      expect(JSON.parse(lines[0]!).Event.System.EventRecordID).toBe(9001);
      expect(lines[5]).toBe('Rubbish here');
      expect([s.records, s.separators]).toEqual([6, 5]);
    }
    expect(looksLikeJsonDocument(Buffer.from(text), text.split('\n'))).toBe(true);
    // a text log whose first line merely starts with "Record" is not taken for one
    expect(looksLikeJsonDocument(Buffer.from('Record 1 of 2 processed\nRecord 2 of 2 processed\n'), ['Record 1 of 2 processed', 'Record 2 of 2 processed'])).toBe(false);
  });

  it('ingested and analysed: every event accounted for, the spray and the log clearing found', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'Security.json');
    const spray = Array.from({ length: 30 }, (_, i) => failed(i)).map((o, i) => `Record ${100 + i}\n${JSON.stringify(o, null, 2)}\n`).join('');
    fs.writeFileSync(file, spray + pretty());
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [file], threads: 1 });
    const s = sources[0]!;
    expect([s.format, s.records, s.events, s.quarantined]).toEqual(['evtxjson', 35, 35, 0]);
    expect(s.cleaning.notes.join(' ')).toContain('35 "Record N" lines');
    const db = openCase(caseFile, { readonly: true });
    try {
      // the raw text is the event, on one line
      expect(getRawLine(db, 1)?.toString('utf8')).toContain('"EventRecordID": 9000');
    } finally {
      db.close();
    }
    const found = (await analyzeCase(caseFile, { inline: true })).findings;
    expect(found.some((f) => f.detector === 'bruteForce' && f.entity === '198.51.100.23')).toBe(true);
    expect(found.some((f) => f.detector === 'hostTampering' && /cleared/i.test(f.title))).toBe(true);
    expect(found.some((f) => f.detector === 'hostTampering' && /PSEXESVC/.test(f.title))).toBe(true);
  });
});

describe("Chainsaw's detections (hunt --json)", () => {
  it('each detection is its event, with the rule and level kept: ruleMatches reports it as Chainsaw’s, hostTampering judges the event too', async () => {
    const det = (name: string, level: string, event: object): object => ({ group: 'Sigma', kind: 'individual', document: { kind: 'evtx', path: 'C:\\evidence\\Security.evtx', data: event }, name, timestamp: '2024-05-01T10:03:00+00:00', authors: ['x'], level, source: 'sigma', status: 'stable', falsepositives: [], id: 'r1', logsource: { product: 'windows' }, references: [], tags: ['attack.defense_evasion'] });
    const recs = records();
    const doc = [det('Security Eventlog Cleared', 'high', recs[3]!), det('PsExec Service Installation', 'critical', recs[2]!), det('Failed Logon From Public IP', 'medium', recs[0]!), det('Failed Logon', 'low', failed(9))];
    const dir = tmpDir();
    const file = path.join(dir, 'chainsaw.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [file], threads: 1 });
    expect([sources[0]!.format, sources[0]!.records, sources[0]!.events, sources[0]!.quarantined]).toEqual(['evtxjson', 4, 4, 0]);
    const found = (await analyzeCase(caseFile, { inline: true })).findings;
    const rules = found.filter((f) => f.detector === 'ruleMatches');
    expect(rules.map((f) => [f.severity, f.title]).sort()).toEqual(
      [
        ['critical', 'PsExec Service Installation (Chainsaw, critical) on DC01.corp.local'],
        ['high', 'Security Eventlog Cleared (Chainsaw, high) on DC01.corp.local'],
        ['low', '1 medium-level Chainsaw rule(s) matched 1 event(s) on 1 machine(s)'],
      ].sort(),
    );
    expect(found.some((f) => f.detector === 'hostTampering' && /cleared/i.test(f.title))).toBe(true);
  });
});
