// Round 6 host events, written as the exports a responder gets: EvtxECmd CSV (its map's
// PayloadData columns and the event data as JSON in Payload) and Get-WinEvent | Export-Csv (the
// event's message text, #TYPE line, CRLF inside the message).

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const DOM = 'S-1-5-21-3623811015-3361044348-30300820';

/** One EvtxECmd row; data is the event's EventData by name (or UserData for a log clearing). */
export interface Evtx { n: number; t: string; id: number; provider: string; channel: string; computer: string; map: string; user?: string; pd?: string[]; exe?: string; data?: Record<string, string>; userData?: Record<string, Record<string, string>>; remote?: string }

export const EVTX_HEADER = 'RecordNumber,EventRecordId,TimeCreated,EventId,Level,Provider,Channel,ProcessId,ThreadId,Computer,ChunkNumber,UserId,MapDescription,UserName,RemoteHost,PayloadData1,PayloadData2,PayloadData3,PayloadData4,PayloadData5,PayloadData6,ExecutableInfo,HiddenRecord,SourceFile,Keywords,ExtraDataOffset,Payload';

export function evtxRow(e: Evtx): string {
  const payload = e.userData
    ? JSON.stringify({ UserData: e.userData })
    : JSON.stringify({ EventData: { Data: Object.entries(e.data ?? {}).map(([k, v]) => ({ '@Name': k, '#text': v })) } });
  const pd = [...(e.pd ?? []), '', '', '', '', '', ''].slice(0, 6);
  return [e.n, e.n, `2026-03-10 ${e.t}.1234567`, e.id, 'Info', e.provider, e.channel, 640, 700, e.computer, 1, 'S-1-5-18', q(e.map), e.user ? q(e.user) : '', e.remote ? q(e.remote) : '', ...pd.map(q), e.exe ? q(e.exe) : '', 'False', q(`C:\\Cases\\${e.computer.split('.')[0]}-${e.channel}.evtx`), 'Classic', 0, q(payload)].join(',');
}

const SCM = 'Service Control Manager';

/** A 7045 "A service was installed in the system" row. */
export const install = (n: number, t: string, computer: string, name: string, image: string, account = 'LocalSystem'): string =>
  evtxRow({ n, t, id: 7045, provider: SCM, channel: 'System', computer, map: 'A service was installed in the system', pd: [`Name: ${name}`, 'StartType: demand start', 'ServiceType: user mode service', `Account: ${account}`], exe: image, data: { ServiceName: name, ImagePath: image, ServiceType: 'user mode service', StartType: 'demand start', AccountName: account } });

/** FS01 and APP02's System logs (EvtxECmd): PsExec, smbexec and a dropped binary as services, then the System log cleared; beside them the installs every fleet has. */
export function systemLog(): string[] {
  return [
    EVTX_HEADER,
    // trap: Defender's kernel driver, installed from ProgramData by every definition update
    install(1190, '01:02:11', 'FS01.corp.example.com', 'MpKslDrv', '\\??\\C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{3E1F0F5A-2B1C-4D8E-9A77-0C6B2D1E4F10}\\MpKslDrv.sys', ''),
    // trap: Google Update, VMware Tools and its driver, Sysmon (which does live in C:\Windows)
    install(1191, '01:10:40', 'FS01.corp.example.com', 'gupdate', '"C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe" /svc'),
    install(1192, '01:11:02', 'FS01.corp.example.com', 'VMTools', '"C:\\Program Files\\VMware\\VMware Tools\\vmtoolsd.exe"'),
    install(1193, '01:11:05', 'FS01.corp.example.com', 'vmci', '\\SystemRoot\\System32\\drivers\\vmci.sys', ''),
    install(1194, '01:20:00', 'FS01.corp.example.com', 'Sysmon64', 'C:\\Windows\\Sysmon64.exe'),
    // planted: PsExec from a stolen admin session
    install(1201, '02:14:07', 'FS01.corp.example.com', 'PSEXESVC', '%SystemRoot%\\PSEXESVC.exe'),
    // planted: Impacket smbexec (its default service name and a cmd line as the image) on APP02
    install(1202, '02:22:31', 'APP02.corp.example.com', 'BTOBTO', '%COMSPEC% /Q /c echo cd  ^> \\\\127.0.0.1\\C$\\__output 2^>^&1 > %TEMP%\\execute.bat & %COMSPEC% /Q /c %TEMP%\\execute.bat & del %TEMP%\\execute.bat'),
    // planted: a dropped backdoor registered as a service from Users\Public
    install(1203, '02:25:10', 'APP02.corp.example.com', 'WinUpdSvc', 'C:\\Users\\Public\\Libraries\\winupd.exe'),
    // trap: another provider's event 104, not a clearing
    evtxRow({ n: 1204, t: '02:26:00', id: 104, provider: 'Microsoft-Windows-Time-Service', channel: 'System', computer: 'APP02.corp.example.com', map: '', data: { TimeSource: 'DC01.corp.example.com', ErrorCode: '0x0' } }),
    // planted: the System log cleared on FS01 by the account PsExec ran as
    evtxRow({ n: 1300, t: '02:31:44', id: 104, provider: 'Microsoft-Windows-Eventlog', channel: 'System', computer: 'FS01.corp.example.com', map: 'Event log cleared', user: 'CORP\\jdoe', pd: ['Log: System'], userData: { LogFileCleared: { SubjectUserName: 'jdoe', SubjectDomainName: 'CORP', Channel: 'System', BackupPath: '' } } }),
  ];
}

/** APP02's Security log (EvtxECmd): a local account created and made an administrator three minutes later (matched by SID, MemberName is "-"). */
export function app02Security(): string[] {
  const sid = `${DOM}-3110`;
  return [
    EVTX_HEADER,
    evtxRow({ n: 7001, t: '02:27:12', id: 4720, provider: 'Microsoft-Windows-Security-Auditing', channel: 'Security', computer: 'APP02.corp.example.com', map: 'A user account was created', user: 'CORP\\jdoe', pd: ['Target: APP02\\support_adm'], data: { TargetUserName: 'support_adm', TargetDomainName: 'APP02', TargetSid: sid, SubjectUserSid: `${DOM}-1105`, SubjectUserName: 'jdoe', SubjectDomainName: 'CORP', SamAccountName: 'support_adm' } }),
    evtxRow({ n: 7002, t: '02:30:03', id: 4732, provider: 'Microsoft-Windows-Security-Auditing', channel: 'Security', computer: 'APP02.corp.example.com', map: 'A member was added to a security-enabled local group', user: 'CORP\\jdoe', pd: ['Group: Builtin\\Administrators', `Member: ${sid}`], data: { MemberName: '-', MemberSid: sid, TargetUserName: 'Administrators', TargetDomainName: 'Builtin', TargetSid: 'S-1-5-32-544', SubjectUserName: 'jdoe', SubjectDomainName: 'CORP' } }),
  ];
}

/** One Get-WinEvent | Export-Csv record of DC01's Security log. */
function exportRow(message: string, id: number, record: number, time: string, task: string): string {
  const msg = message.replace(/\n/g, '\r\n');
  return [q(msg), q(String(id)), '"0"', '""', '"0"', '"13824"', '"0"', '"-9214364837600034816"', q(String(record)), '"Microsoft-Windows-Security-Auditing"', '"54849625-5478-4994-a5ba-3e3b0328c30d"', '"Security"', '"788"', '"2140"', '"DC01.corp.example.com"', '""', q(time), '"Security"', '""', '"System.Diagnostics.Eventing.Reader.EventBookmark"', '"Information"', '"Info"', q(task), '"{Audit Success}"', '"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"'].join(',');
}

const subject = (name: string, rid: number): string => `Subject:\n\tSecurity ID:\t\t${DOM}-${rid}\n\tAccount Name:\t\t${name}\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x5A3F1\n`;

const created = (by: string, byRid: number, name: string, rid: number): string =>
  `A user account was created.\n\n${subject(by, byRid)}\nNew Account:\n\tSecurity ID:\t\t${DOM}-${rid}\n\tAccount Name:\t\t${name}\n\tAccount Domain:\t\tCORP\n\nAttributes:\n\tSAM Account Name:\t${name}\n\tDisplay Name:\t\t<value not set>\n\tUser Principal Name:\t${name}@corp.example.com\n\tPrimary Group ID:\t513\n\nAdditional Information:\n\tPrivileges\t\t-`;

const added = (scope: 'global' | 'local' | 'universal', by: string, byRid: number, member: string, rid: number, group: string, groupSid: string, groupDomain: string): string =>
  `A member was added to a security-enabled ${scope} group.\n\n${subject(by, byRid)}\nMember:\n\tSecurity ID:\t\t${DOM}-${rid}\n\tAccount Name:\t\t${member}\n\nGroup:\n\tSecurity ID:\t\t${groupSid}\n\tGroup Name:\t\t${group}\n\tGroup Domain:\t\t${groupDomain}\n\nAdditional Information:\n\tPrivileges:\t\t-`;

const dn = (name: string): string => `CN=${name},CN=Users,DC=corp,DC=example,DC=com`;

/** DC01's Security log (Export-Csv): a new domain admin, a service that runs encoded PowerShell, the Security log cleared; help-desk work beside it. */
export function dc01Security(): string[] {
  const rows = [
    // trap: the help desk creates a new starter in business hours and puts them in their team's groups
    exportRow(created('hd-anna', 1402, 't.nguyen', 2310), 4720, 90001, '3/10/2026 9:05:12 AM', 'User Account Management'),
    exportRow(added('global', 'hd-anna', 1402, dn('t.nguyen'), 2310, 'Sales-RW', `${DOM}-1620`, 'CORP'), 4728, 90002, '3/10/2026 9:05:40 AM', 'Security Group Management'),
    exportRow(added('local', 'hd-anna', 1402, dn('t.nguyen'), 2310, 'Remote Desktop Users', 'S-1-5-32-555', 'Builtin'), 4732, 90003, '3/10/2026 9:06:02 AM', 'Security Group Management'),
    // trap (low at most): an existing engineer given Administrators on the DC under a change, no new account
    exportRow(added('local', 'adm-mark', 1110, dn('r.patel'), 1733, 'Administrators', 'S-1-5-32-544', 'Builtin'), 4732, 90004, '3/10/2026 10:15:00 AM', 'Security Group Management'),
    // trap (low at most): an account created in the morning and made an admin in the afternoon, beyond the hour
    exportRow(created('hd-anna', 1402, 'lab-ops', 2311), 4720, 90005, '3/10/2026 9:30:00 AM', 'User Account Management'),
    exportRow(added('global', 'adm-mark', 1110, dn('lab-ops'), 2311, 'Domain Admins', `${DOM}-512`, 'CORP'), 4728, 90006, '3/10/2026 2:45:00 PM', 'Security Group Management'),
    // planted: at night, jdoe (whose password was stolen) makes svc_backup2 and puts it in Domain Admins and Enterprise Admins
    exportRow(created('jdoe', 1105, 'svc_backup2', 3120), 4720, 80001, '3/10/2026 2:40:18 AM', 'User Account Management'),
    exportRow(added('global', 'jdoe', 1105, dn('svc_backup2'), 3120, 'Domain Admins', `${DOM}-512`, 'CORP'), 4728, 80002, '3/10/2026 2:41:55 AM', 'Security Group Management'),
    exportRow(added('universal', 'jdoe', 1105, dn('svc_backup2'), 3120, 'Enterprise Admins', `${DOM}-519`, 'CORP'), 4756, 80003, '3/10/2026 2:42:30 AM', 'Security Group Management'),
    // planted: a service whose image is hidden encoded PowerShell (4697 in the Security log)
    exportRow(`A service was installed in the system.\n\n${subject('jdoe', 1105)}\nService Information:\n\tService Name:\t\tWmiPrvSvcHost\n\tService File Name:\t%COMSPEC% /b /c start /b /min powershell.exe -nop -w hidden -noni -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA\n\tService Type:\t\t0x10\n\tService Start Type:\t3\n\tService Account:\t\tLocalSystem`, 4697, 80004, '3/10/2026 2:50:02 AM', 'Security System Extension'),
    // planted: then the Security log cleared
    exportRow('The audit log was cleared.\nSubject:\n\tSecurity ID:\t' + `${DOM}-1105` + '\n\tAccount Name:\tjdoe\n\tDomain Name:\tCORP\n\tLogon ID:\t0x5A3F1', 1102, 80005, '3/10/2026 3:05:09 AM', 'Log clear'),
  ];
  return ['#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', '"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"', ...rows];
}

/** WS07's events shipped by Winlogbeat (ECS JSON lines): PsExec's service, then the Security log cleared by bob. */
export function winlogbeat(): string[] {
  const ev = (ts: string, code: number, channel: string, provider: string, data: Record<string, unknown>, message: string): string =>
    JSON.stringify({ '@timestamp': `2026-03-10T${ts}Z`, event: { code: String(code), provider, kind: 'event' }, winlog: { channel, event_id: code, computer_name: 'WS07.corp.example.com', provider_name: provider, ...data }, message });
  return [
    ev('01:00:00.000', 7045, 'System', SCM, { event_data: { ServiceName: 'edgeupdate', ImagePath: '"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe" /svc', ServiceType: 'user mode service', StartType: 'auto start', AccountName: 'LocalSystem' } }, 'A service was installed in the system.'),
    ev('02:14:07.123', 7045, 'System', SCM, { event_data: { ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe', ServiceType: 'user mode service', StartType: 'demand start', AccountName: 'LocalSystem' } }, 'A service was installed in the system.'),
    ev('02:20:07.123', 1102, 'Security', 'Microsoft-Windows-Eventlog', { user_data: { SubjectUserName: 'bob', SubjectDomainName: 'CORP', xml_name: 'LogFileCleared' } }, 'The audit log was cleared.\nSubject:\n\tSecurity ID:\tS-1-5-21-1\n\tAccount Name:\tbob\n\tDomain Name:\tCORP'),
  ];
}

/** WS08's System log saved by wevtutil as XML: Impacket smbexec's service (the machine is in <Computer>). */
export function wevtutilXml(): string[] {
  return [
    '<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Service Control Manager"/><EventID Qualifiers="16384">7045</EventID><TimeCreated SystemTime="2026-03-10T02:14:07.1234567Z"/><EventRecordID>1201</EventRecordID><Channel>System</Channel><Computer>WS08.corp.example.com</Computer></System><EventData><Data Name="ServiceName">BTOBTO</Data><Data Name="ImagePath">%COMSPEC% /Q /c echo whoami ^&gt; \\\\127.0.0.1\\C$\\__output</Data><Data Name="ServiceType">user mode service</Data><Data Name="StartType">demand start</Data><Data Name="AccountName">LocalSystem</Data></EventData></Event></Events>',
  ];
}
