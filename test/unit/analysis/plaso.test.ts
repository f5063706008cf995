// Plaso's super timelines (psort's dynamic CSV and l2tcsv): a Windows event log record is one row
// whose message lists the event's strings in template order. Logons, processes, services and the
// log cleared must read like an EvtxECmd export's; the timeline's other rows stay as they are.
import { afterAll, describe, expect, it } from 'vitest';
import { plasoStrings } from '../../../src/core/formats/plaso';
import { parseText } from '../formats/helpers';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

const q = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** A Python list as plaso prints it (repr: quotes, commas, backslashes doubled). */
const pyList = (xs: readonly string[]): string => `[${xs.map((x) => `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
const evtx = (id: number, source: string, strings: readonly string[], computer: string, rec: number): string => `[${id} / 0x${id.toString(16).padStart(4, '0')}] Source Name: ${source} Strings: ${pyList(strings)} Computer Name: ${computer} Record Number: ${rec} Event Level: 0`;
const psortRow = (t: string, message: string, parser = 'winevtx'): string => [t, 'Content Modification Time', parser === 'winevtx' ? 'EVT' : 'FILE', parser === 'winevtx' ? 'WinEVTX' : 'NTFS $MFT', message, parser, 'OS:/evidence/Security.evtx', '-'].map(q).join(',');
const PSORT = 'datetime,timestamp_desc,source,source_long,message,parser,display_name,tag';
const SEC = 'Microsoft-Windows-Security-Auditing';
const SPRAYER = '203.0.113.50';
const t = (s: number): string => new Date(Date.UTC(2026, 11, 1, 9, 0, s)).toISOString().replace('Z', '000+00:00');

const failed = (i: number): string[] => ['S-1-0-0', '-', '-', '0x0', 'S-1-0-0', `user${i}`, 'CORP', '0xc000006d', '%%2313', '0xc000006a', '3', 'NtLmSsp ', 'NTLM', 'kali', '-', '-', '0', '0x0', '-', SPRAYER, String(50000 + i)];
const success = ['S-1-0-0', '-', '-', '0x0', 'S-1-5-21-1', 'svc_backup', 'CORP', '0x9999', '3', 'NtLmSsp ', 'NTLM', 'kali', '{00000000-0000-0000-0000-000000000000}', '-', 'NTLM V2', '128', '0x0', '-', SPRAYER, '50999'];
const mimikatz = ['S-1-5-21-1', 'svc_backup', 'CORP', '0x9999', '0x1a0', 'C:\\Temp\\m.exe', '%%1936', '0x4', 'm.exe "privilege::debug" "sekurlsa::logonpasswords" exit', 'S-1-0-0', '-', '-', '0x0', 'C:\\Windows\\System32\\cmd.exe', 'S-1-16-12288'];
const psexec = ['PSEXESVC', '%SystemRoot%\\PSEXESVC.exe', 'user mode service', 'demand start', 'LocalSystem'];
const cleared = ['S-1-5-21-1', 'svc_backup', 'CORP', '0x9999'];

describe("plaso's timelines", () => {
  it('psort: logons typed with address, port, account and machine; a process, a service and the log cleared under Windows names; other rows untouched', () => {
    const rows = [
      psortRow(t(1), evtx(4625, SEC, failed(1), 'DC01.corp.local', 1001)),
      psortRow(t(2), evtx(4624, SEC, success, 'DC01.corp.local', 1002)),
      psortRow(t(3), evtx(4688, SEC, mimikatz, 'DC01.corp.local', 1003)),
      psortRow(t(4), evtx(7045, 'Service Control Manager', psexec, 'WS02.corp.local', 300)),
      psortRow(t(5), 'C:/Temp/m.exe File reference: 1234-5 Attribute name: $STANDARD_INFORMATION', 'mft'),
    ];
    const r = parseText([PSORT, ...rows].join('\n') + '\n');
    expect(r.quarantined).toEqual([]);
    const [f, s, p, svc, file] = r.rows;
    expect([f!.action, f!.src_ip, f!.src_port, f!.user, f!.host, f!.program]).toEqual(['auth_failure', SPRAYER, 50001, 'user1', 'DC01.corp.local', SEC]);
    expect([s!.action, s!.src_ip, s!.user]).toEqual(['auth_success', SPRAYER, 'svc_backup']);
    const x = (row: typeof f): Record<string, string> => JSON.parse(row!.extra as string) as Record<string, string>;
    // backslashes Python doubled are single again
    expect(x(p)).toMatchObject({ EventID: '4688', NewProcessName: 'C:\\Temp\\m.exe', CommandLine: mimikatz[8], ParentProcessName: 'C:\\Windows\\System32\\cmd.exe', Computer: 'DC01.corp.local' });
    expect(x(svc)).toMatchObject({ EventID: '7045', ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe' });
    expect(svc!.program).toBe('Service Control Manager');
    expect([file!.action, file!.src_ip, x(file).EventID, x(file).parser]).toEqual([null, null, undefined, 'mft']);
  });

  it('l2tcsv and the older `[0x00001211]` head read the same; a list printed without escapes keeps its backslashes', () => {
    const head = 'date,time,timezone,MACB,source,sourcetype,type,user,host,short,desc,version,filename,inode,notes,format,extra';
    const plain = `[0x00001211] Record Number: 7 Event Level: 0 Source Name: ${SEC} Computer Name: DC01 Strings: ['S-1-0-0', '-', '-', '0x0', 'S-1-0-0', 'bob', 'CORP', '0xc000006d', '%%2313', '0xc000006a', '3', 'User32 ', 'Negotiate', 'C:\\Users', '-', '-', '0', '0x0', '-', '198.51.100.9', '0']`;
    const r = parseText(`${head}\n12/01/2026,09:00:01,UTC,M...,EVT,WinEVTX,Content Modification Time,-,DC01,x,${q(plain)},2,OS:/Security.evtx,0,-,winevtx,-\n`);
    const [e] = r.rows;
    expect([e!.ts, e!.action, e!.src_ip, e!.src_port, e!.user]).toEqual([Date.UTC(2026, 11, 1, 9, 0, 1), 'auth_failure', '198.51.100.9', null, 'bob']);
    expect(plasoStrings("Strings: ['C:\\Temp', 'it\\'s']")).toEqual(['C:\\Temp', "it's"]);
    expect(plasoStrings("Strings: ['C:\\\\Temp', 'a\\nb']")).toEqual(['C:\\Temp', 'a\nb']);
    // a list cut short is no list
    expect(plasoStrings("Strings: ['a', 'b")).toBeNull();
  });

  it('analysed: the sprayer who got in, Mimikatz, the PsExec service and the log cleared are found', async () => {
    const found = await analysePlanted('plaso', (dir) => {
      const f = logFiles(dir);
      const rows = Array.from({ length: 25 }, (_, i) => psortRow(t(i), evtx(4625, SEC, failed(i), 'DC01.corp.local', 1000 + i)));
      rows.push(psortRow(t(40), evtx(4624, SEC, success, 'DC01.corp.local', 1100)));
      rows.push(psortRow(t(50), evtx(4688, SEC, mimikatz, 'DC01.corp.local', 1101)));
      rows.push(psortRow(t(55), evtx(7045, 'Service Control Manager', psexec, 'WS02.corp.local', 300)));
      // no message string (plaso prints one only when it has the provider's message files): the provider says it
      rows.push(psortRow(t(59), evtx(1102, 'Microsoft-Windows-Eventlog', cleared, 'DC01.corp.local', 1102)));
      f.put('supertimeline.csv', [PSORT, ...rows]);
      return f.files;
    });
    const spray = expectFound(found, 'bruteForce', SPRAYER, 'high');
    expect(spray.explanation).toContain('svc_backup');
    expect(found.some((f) => f.detector === 'processes' && /Mimikatz/.test(f.title)), listFindings(found)).toBe(true);
    expect(found.some((f) => f.detector === 'hostTampering' && /PSEXESVC/.test(f.title))).toBe(true);
    expect(found.some((f) => f.detector === 'hostTampering' && /cleared/i.test(f.title))).toBe(true);
  });
});
