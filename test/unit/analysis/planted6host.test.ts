// Round 6, host events: what a responder looks for first on a Windows machine an intruder
// reached (an event log cleared, a service installed the way PsExec/Impacket/Metasploit install
// one, an account created and made an administrator), written as EvtxECmd CSV and Get-WinEvent |
// Export-Csv exports, each beside the installs and account work every fleet has.
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import { serviceReasons } from '../../../src/core/analysis/hostEvents';
import * as W from './planted6host/windows';

afterAll(cleanupPlanted);

const hostFindings = (found: Finding[]): Finding[] => found.filter((f) => f.detector === 'hostTampering');

describe('round 6 host: services installed like remote execution, and a log cleared (System log, EvtxECmd)', () => {
  it('reports PsExec, smbexec and a service run from Users\\Public as high, and the System log cleared by jdoe on FS01', async () => {
    const found = await analysePlanted('planted6host', (dir) => {
      const { put, files } = logFiles(dir);
      put('system-evtxecmd.csv', W.systemLog());
      return files;
    });
    const psexec = expectFound(found, 'hostTampering', 'PSEXESVC@FS01.corp.example.com', 'high');
    expect(psexec.explanation).toMatch(/PsExec/);
    expect(psexec.explanation).toMatch(/%SystemRoot%\\PSEXESVC\.exe/);
    expect(psexec.explanation).toMatch(/hostTampering\.minServiceSigns/);
    expect(psexec.threshold?.setting).toBe('hostTampering.minServiceSigns');
    const smbexec = expectFound(found, 'hostTampering', 'BTOBTO@APP02.corp.example.com', 'high');
    expect(smbexec.explanation).toMatch(/command line/);
    const dropped = expectFound(found, 'hostTampering', 'WinUpdSvc@APP02.corp.example.com', 'high');
    expect(dropped.explanation).toMatch(/Users\\Public/);
    // the evidence is the install row itself
    expect(psexec.evidence.count).toBe(1);
    const cleared = expectFound(found, 'hostTampering', 'FS01.corp.example.com', 'high');
    expect(cleared.title).toMatch(/System log cleared/);
    expect(cleared.explanation).toMatch(/CORP\\jdoe/);
    expect(cleared.explanation).toMatch(/hostTampering\.reportClearedLogs/);
    // Defender's driver from ProgramData, Google Update, VMware Tools, Sysmon in C:\Windows and
    // another provider's event 104 are no findings at all
    expect(hostFindings(found).map((f) => f.entity).sort(), listFindings(found)).toEqual(['BTOBTO@APP02.corp.example.com', 'FS01.corp.example.com', 'PSEXESVC@FS01.corp.example.com', 'WinUpdSvc@APP02.corp.example.com']);
  });

  it('tells remote-execution services from the installs every fleet has (Sigma knowledge, image by image)', () => {
    // Impacket psexec: a random name and its binary dropped in the Windows folder; Metasploit: encoded PowerShell
    expect(serviceReasons('kFzQ', '%systemroot%\\kFzQwErT.exe').length).toBeGreaterThan(0);
    expect(serviceReasons('rNdmSvcXq', 'powershell.exe -nop -w hidden -e aQBlAHgA').length).toBeGreaterThan(0);
    expect(serviceReasons('upd', '\\\\FS01\\ADMIN$\\upd.exe').length).toBeGreaterThan(0);
    expect(serviceReasons('x', 'C:\\Windows\\Temp\\x.exe').length).toBeGreaterThan(0);
    // vendor services, drivers, Defender's ProgramData drivers and Sysmon in C:\Windows are ordinary
    expect(serviceReasons('MpKslDrv', '\\??\\C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{1}\\MpKslDrv.sys')).toEqual([]);
    expect(serviceReasons('Sysmon64', 'C:\\Windows\\Sysmon64.exe')).toEqual([]);
    expect(serviceReasons('gupdate', '"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe" /svc')).toEqual([]);
    expect(serviceReasons('vmci', '\\SystemRoot\\System32\\drivers\\vmci.sys')).toEqual([]);
    expect(serviceReasons('Spooler', 'C:\\Windows\\System32\\spoolsv.exe')).toEqual([]);
  });
});

describe('round 6 host: accounts made administrators (Security logs, EvtxECmd and Export-Csv)', () => {
  it('reports svc_backup2 created at night and put in Domain Admins two minutes later, the encoded PowerShell service and the Security log cleared on DC01; help-desk work stays below medium', async () => {
    const found = await analysePlanted('planted6host', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc01-security-export.csv', W.dc01Security());
      return files;
    });
    const admin = expectFound(found, 'hostTampering', 'CORP\\svc_backup2', 'high');
    expect(admin.explanation).toMatch(/Domain Admins/);
    expect(admin.explanation).toMatch(/Enterprise Admins/);
    expect(admin.explanation).toMatch(/CORP\\jdoe/);
    expect(admin.explanation).toMatch(/hostTampering\.newAdminMinutes/);
    expect(admin.threshold?.setting).toBe('hostTampering.newAdminMinutes');
    expect(admin.evidence.count).toBe(3);
    const svc = expectFound(found, 'hostTampering', 'WmiPrvSvcHost@DC01.corp.example.com', 'high');
    expect(svc.explanation).toMatch(/PowerShell/);
    expect(svc.explanation).toMatch(/by CORP\\jdoe/);
    const cleared = expectFound(found, 'hostTampering', 'DC01.corp.example.com', 'high');
    expect(cleared.title).toMatch(/Security log cleared/);
    expect(cleared.explanation).toMatch(/CORP\\jdoe/);
    // the new starter in Sales-RW and Remote Desktop Users is no finding; an existing engineer
    // made an administrator, and an account made one hours after its creation, are low at most
    expect(found.filter((f) => /t\.nguyen/.test(f.entity)), listFindings(found)).toEqual([]);
    const quiet = found.filter((f) => RANK[f.severity] >= RANK.medium).map((f) => f.entity).sort();
    expect(quiet, listFindings(found)).toEqual(['CORP\\svc_backup2', 'DC01.corp.example.com', 'WmiPrvSvcHost@DC01.corp.example.com']);
    expect(found.filter((f) => /r\.patel|lab-ops/.test(f.entity)).map((f) => f.severity), listFindings(found)).toEqual(['low', 'low']);
  });

  it('matches a local account to its group by SID when the member has no name (EvtxECmd, MemberName "-")', async () => {
    const found = await analysePlanted('planted6host', (dir) => {
      const { put, files } = logFiles(dir);
      put('app02-security-evtxecmd.csv', W.app02Security());
      return files;
    });
    const f = expectFound(found, 'hostTampering', 'APP02\\support_adm', 'high');
    expect(f.explanation).toMatch(/Administrators/);
    expect(f.explanation).toMatch(/3 min later/);
  });
});

describe('round 6 host: the same events from Winlogbeat JSON and wevtutil XML', () => {
  it('names the machine from winlog.computer_name and from <Computer>, and who cleared the log from user_data', async () => {
    const found = await analysePlanted('planted6host', (dir) => {
      const { put, files } = logFiles(dir);
      put('ws07-winlogbeat.json', W.winlogbeat());
      put('ws08-system.xml', W.wevtutilXml());
      return files;
    });
    expectFound(found, 'hostTampering', 'PSEXESVC@WS07.corp.example.com', 'high');
    expectFound(found, 'hostTampering', 'BTOBTO@WS08.corp.example.com', 'high');
    const cleared = expectFound(found, 'hostTampering', 'WS07.corp.example.com', 'high');
    expect(cleared.title).toMatch(/Security log cleared/);
    expect(cleared.explanation).toMatch(/CORP\\bob/);
    // Edge's updater service is no finding
    expect(hostFindings(found).map((f) => f.entity).sort(), listFindings(found)).toEqual(['BTOBTO@WS08.corp.example.com', 'PSEXESVC@WS07.corp.example.com', 'WS07.corp.example.com']);
  });
});
