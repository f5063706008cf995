// Hayabusa's timelines, as its csv-timeline and json-timeline write them: the event's fields live
// in `Details` / `ExtraFieldInfo` under Hayabusa's short names and must come out as the columns
// and Windows field names the detectors read; the rule and its level ride along in extra.
import { describe, expect, it } from 'vitest';
import { detailPairs, hayabusaLevel } from '../../../src/core/formats/hayabusa';
import { parseText } from './helpers';

const q = (v: string): string => `"${v.replace(/"/g, '""')}"`;
const csv = (header: string[], rows: string[][]): string => [header.map(q).join(','), ...rows.map((r) => r.map(q).join(','))].join('\r\n') + '\r\n';
const extraOf = (row: Record<string, unknown>): Record<string, string> => JSON.parse(row.extra as string) as Record<string, string>;

const STANDARD = ['Timestamp', 'RuleTitle', 'Level', 'Computer', 'Channel', 'EventID', 'RecordID', 'Details', 'ExtraFieldInfo'];
// Hayabusa 2.x's default order
const V2 = ['Timestamp', 'Computer', 'Channel', 'EventID', 'Level', 'RecordID', 'RuleTitle', 'Details', 'ExtraFieldInfo'];

describe('Hayabusa csv-timeline', () => {
  it('a failed logon: the address, account and logon type out of Details; the rule and its level in extra', () => {
    const r = parseText(
      csv(STANDARD, [
        ['2024-03-17 17:27:14.271 +00:00', 'Logon Failure (Wrong Password)', 'low', 'DC01.corp.local', 'Sec', '4625', '1001', 'Type: 3 - NETWORK ¦ TgtUser: administrator ¦ SrcComp: kali ¦ SrcIP: 203.0.113.50 ¦ AuthPkg: NTLM ¦ Proc: -', 'FailureReason: %%2313 ¦ SubStatus: 0xc000006a'],
        ['2024-03-17 17:28:00.000 +00:00', 'Logon (Network)', 'info', 'DC01.corp.local', 'Sec', '4624', '1002', 'Type: 3 - NETWORK ¦ TgtUser: jdoe ¦ SrcComp: WKS-7 ¦ SrcIP: 10.0.0.7 ¦ LID: 0x1234', 'ElevatedToken: NO'],
      ]),
    );
    expect(r.detected.layout.format).toBe('csv');
    expect(r.quarantined).toEqual([]);
    const [f, s] = r.rows;
    expect([f!.ts, f!.action, f!.src_ip, f!.user, f!.host]).toEqual([Date.UTC(2024, 2, 17, 17, 27, 14, 271), 'auth_failure', '203.0.113.50', 'administrator', 'DC01.corp.local']);
    expect([s!.action, s!.src_ip, s!.user]).toEqual(['auth_success', '10.0.0.7', 'jdoe']);
    const x = extraOf(f!);
    expect(x).toMatchObject({ IpAddress: '203.0.113.50', TargetUserName: 'administrator', WorkstationName: 'kali', LogonType: '3 - NETWORK', AuthenticationPackageName: 'NTLM', SubStatus: '0xc000006a', sigma_rule: 'Logon Failure (Wrong Password)', sigma_level: 'low' });
    // "Proc: -" stands for nothing; the Details cell stays whole as the message
    expect(x.Image).toBeUndefined();
    expect(f!.message).toContain('SrcIP: 203.0.113.50');
    expect(extraOf(s!).sigma_level).toBe('informational');
  });

  it("Hayabusa 2.x's column order; network connections (Sysmon 3, WFP 5156) give both ends, ports and protocol; a process's short names become Windows'", () => {
    const r = parseText(
      csv(V2, [
        ['2024-03-17 16:38:24.026 +00:00', 'SWAttckd.swtestnet.com', 'Sysmon', '3', 'med', '77', 'Net Conn (Sysmon Alert)', 'Initiated: true ¦ Proto: tcp ¦ SrcIP: 192.168.142.66 ¦ SrcPort: 60118 ¦ TgtIP: 203.0.113.10 ¦ TgtPort: 4242 ¦ User: CORP\\bob ¦ Proc: C:\\xampp\\htdocs\\nc64.exe ¦ PID: 10292', '-'],
        ['2024-03-17 16:38:25.000 +00:00', 'SWAttckd.swtestnet.com', 'Sec', '5156', 'info', '78', 'Net Conn', 'Proc: System ¦ SrcIP: 192.168.142.66 ¦ SrcPort: 8 ¦ TgtIP: 1.1.1.1 ¦ TgtPort: 0 ¦ Protocol: 1 ¦ PID: 4', 'Direction: %%14593 ¦ LayerRTID: 48'],
        ['2024-03-17 16:39:00.000 +00:00', 'SWAttckd.swtestnet.com', 'Sec', '4688', 'crit', '79', 'Mimikatz Use', 'Cmdline: mimikatz.exe "sekurlsa::logonpasswords" exit ¦ Proc: C:\\Temp\\m.exe ¦ User: CORP\\bob ¦ LID: 0x3e7 ¦ PID: 0x1a0', 'ParentProcessName: C:\\Windows\\System32\\cmd.exe'],
        ['2024-03-17 16:40:00.000 +00:00', 'SWAttckd.swtestnet.com', 'Sys', '7045', 'high', '80', 'PSExec Service Installation', 'Svc: PSEXESVC ¦ Path: %SystemRoot%\\PSEXESVC.exe ¦ Acct: LocalSystem ¦ StartType: demand start', '-'],
      ]),
    );
    expect(r.quarantined).toEqual([]);
    const [net, wfp, proc, svc] = r.rows;
    expect([net!.src_ip, net!.src_port, net!.dst_ip, net!.dst_port, net!.proto, net!.user]).toEqual(['192.168.142.66', 60118, '203.0.113.10', 4242, 'TCP', 'CORP\\bob']);
    expect(extraOf(net!)).toMatchObject({ Image: 'C:\\xampp\\htdocs\\nc64.exe', sigma_level: 'medium', sigma_rule: 'Net Conn (Sysmon Alert)' });
    expect([wfp!.dst_ip, wfp!.proto]).toEqual(['1.1.1.1', 'ICMP']);
    // ICMP has no ports (Windows writes the type in the port fields)
    expect([wfp!.src_port, wfp!.dst_port]).toEqual([null, null]);
    expect(extraOf(proc!)).toMatchObject({ CommandLine: 'mimikatz.exe "sekurlsa::logonpasswords" exit', NewProcessName: 'C:\\Temp\\m.exe', ParentProcessName: 'C:\\Windows\\System32\\cmd.exe', sigma_level: 'critical' });
    expect([proc!.user, proc!.host, proc!.src_ip]).toEqual(['CORP\\bob', 'SWAttckd.swtestnet.com', null]);
    expect(extraOf(svc!)).toMatchObject({ ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe', AccountName: 'LocalSystem', sigma_level: 'high' });
  });

  it('hostile details stay text: markup, a formula, a NUL, a separator in a value, a 100k-character command line', () => {
    const long = 'powershell -enc ' + 'A'.repeat(100_000);
    const r = parseText(
      csv(STANDARD, [
        ['2024-03-17 17:27:14.271 +00:00', '=HYPERLINK("http://evil.example/x","open")', 'high', 'WS01<script>alert(1)</script>', 'Sec', '4688', '1', `Cmdline: cmd /c "echo <img src=x onerror=alert(1)>" ¦ Proc: C:\\a\u0000b.exe ¦ User: x ¦ broken part`, '-'],
        ['2024-03-17 17:27:15.000 +00:00', 'Encoded PowerShell', 'high', 'WS01', 'Sec', '4688', '2', `Cmdline: ${long} ¦ Proc: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`, '-'],
      ]),
    );
    expect(r.records).toBe(2);
    expect(r.quarantined).toEqual([]);
    const [a, b] = r.rows;
    const x = extraOf(a!);
    expect(x.sigma_rule).toBe('=HYPERLINK("http://evil.example/x","open")');
    expect(x.CommandLine).toBe('cmd /c "echo <img src=x onerror=alert(1)>"');
    // a part with no key is the value before it, continued
    expect(x.User).toBe('x ¦ broken part');
    expect(a!.host).toBe('WS01<script>alert(1)</script>');
    expect(extraOf(b!).CommandLine).toBe(long);
  });
});

describe('Hayabusa json-timeline', () => {
  it('Details as an object: the same columns and names as the CSV', () => {
    const rec = (i: number, level: string, id: number, details: object): string =>
      JSON.stringify({ Timestamp: `2024-03-17 17:27:${String(i).padStart(2, '0')}.000 +00:00`, RuleTitle: 'Logon Failure (Wrong Password)', Level: level, Computer: 'DC01', Channel: 'Sec', EventID: id, RecordID: i, Details: details, ExtraFieldInfo: { SubStatus: '0xc000006a' } });
    const lines = [0, 1, 2].map((i) => rec(i, 'low', 4625, { Type: '3 - NETWORK', TgtUser: `user${i}`, SrcComp: 'kali', SrcIP: '198.51.100.9', AuthPkg: 'NTLM' }));
    const r = parseText(lines.join('\n') + '\n');
    expect(r.detected.layout.format).toBe('jsonl');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [x.action, x.src_ip, x.user, x.host])).toEqual([0, 1, 2].map((i) => ['auth_failure', '198.51.100.9', `user${i}`, 'DC01']));
    expect(extraOf(r.rows[0]!)).toMatchObject({ TargetUserName: 'user0', WorkstationName: 'kali', sigma_level: 'low' });
  });
});

describe('Hayabusa details and levels', () => {
  it('splits on the broken bar only; a value keeps its colons; absent markers are kept as written here', () => {
    expect(detailPairs('TgtUser: admin ¦ SrcIP: - ¦ Cmdline: curl http://x:8080/a ¦ Empty:')).toEqual([
      ['TgtUser', 'admin'],
      ['SrcIP', '-'],
      ['Cmdline', 'curl http://x:8080/a'],
      ['Empty', ''],
    ]);
    expect(detailPairs('no key here')).toEqual([]);
  });

  it('levels in every spelling Hayabusa uses', () => {
    expect(['crit', 'critical', 'high', 'med', 'medium', 'low', 'info', 'informational', 'HIGH', 'bogus'].map(hayabusaLevel)).toEqual(['critical', 'critical', 'high', 'medium', 'medium', 'low', 'informational', 'informational', 'high', null]);
  });
});
