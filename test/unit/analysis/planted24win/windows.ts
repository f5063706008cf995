// Round 24 Windows exports as responders get them (EvtxECmd CSV of the domain controllers' Security
// logs and the servers' System logs, wevtutil XML): a password spray that locks accounts out, the
// directory changed to keep the domain (pre-authentication turned off, AdminSDHolder's permissions,
// a GPO that pushes a scheduled task), and ransomware's staging on a file server (backup, database and
// antivirus services stopped in a minute). Beside each, a domain's ordinary day: staff logons, the
// backup and SCCM accounts everywhere, a phone with an old password locking its owner out, help-desk
// password resets, GPO edits by the GPO administrators, DNS records the DCs update, patch night.
import { evtxRow } from '../planted6host/windows';
import { EXPORT_HEADER, H, hms, q, usTime, write, type Row } from '../planted23win/windows';

const SEC = 'Microsoft-Windows-Security-Auditing';
const SCM = 'Service Control Manager';
const DOM = 'S-1-5-21-2279851312-3101548734-1860283455';
const DC1 = 'DC01.corp.example.com';
const DC2 = 'DC02.corp.example.com';
const DN = 'DC=corp,DC=example,DC=com';


export const STAFF = ['a.becker', 'b.okafor', 'c.lindqvist', 'd.moreau', 'e.santos', 'f.nakamura', 'g.oconnor', 'h.weber', 'i.petrov', 'j.alvarez', 'k.dubois', 'l.fischer', 'm.keller', 'n.rossi', 'o.haddad', 'p.kowalski', 'q.larsen', 'r.silva', 's.yilmaz', 't.novak', 'u.brennan', 'v.costa', 'w.zhang', 'x.ibrahim', 'y.tanaka', 'z.muller', 'ab.jensen', 'ac.meyer', 'ad.horvat', 'ae.costa', 'af.murphy', 'ag.schmidt'];
const wsOf = (i: number): { ws: string; ip: string } => ({ ws: `WS-${String(101 + i).padStart(4, '0')}`, ip: `10.20.10.${20 + i}` });
const rid = (u: string): number => 1200 + Math.max(0, STAFF.indexOf(u));
const subject = (user: string, domain = 'CORP', r = 1100): Record<string, string> => ({ SubjectUserSid: user.endsWith('$') ? 'S-1-5-18' : `${DOM}-${r}`, SubjectUserName: user, SubjectDomainName: domain, SubjectLogonId: `0x${(0x5a3f00 + r).toString(16)}` });

/** A 4624 on `computer`. */
function logon(sec: number, computer: string, user: string, type: number, ws: string, ip: string, pkg: 'Kerberos' | 'NTLM' | 'Negotiate'): Row {
  const proc = pkg === 'NTLM' ? 'NtLmSsp ' : pkg === 'Negotiate' ? 'User32 ' : 'Kerberos';
  const id = `0x${(0x3e7000 + Math.round(sec)).toString(16)}`;
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4624, provider: SEC, channel: 'Security', computer, map: 'Successful logon', user: `CORP\\${user}`, remote: `${ws} (${ip})`,
        pd: [`Target: CORP\\${user}`, `LogonType ${type}`, `LogonId: ${id}`, `AuthenticationPackageName: ${pkg}`, `LogonProcessName: ${proc.trim()}`],
        data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', SubjectDomainName: '-', SubjectLogonId: '0x0', TargetUserSid: `${DOM}-${rid(user)}`, TargetUserName: user, TargetDomainName: 'CORP', TargetLogonId: id, LogonType: String(type), LogonProcessName: proc, AuthenticationPackageName: pkg, WorkstationName: ws, LogonGuid: '{00000000-0000-0000-0000-000000000000}', TransmittedServices: '-', LmPackageName: pkg === 'NTLM' ? 'NTLM V2' : '-', KeyLength: pkg === 'NTLM' ? '128' : '0', ProcessId: '0x0', ProcessName: '-', IpAddress: ip, IpPort: String(49152 + (Math.round(sec) % 16000)), ImpersonationLevel: '%%1833', RestrictedAdminMode: '-', TargetOutboundUserName: '-', TargetOutboundDomainName: '-', VirtualAccount: '%%1843', TargetLinkedLogonId: '0x0', ElevatedToken: '%%1843' },
      }),
  };
}

/** A 4625 over NTLM on `computer` (a wrong password: SubStatus 0xC000006A; 0xC0000234 once the account is locked). */
function failed(sec: number, computer: string, user: string, ws: string, ip: string, sub = '0xC000006A'): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4625, provider: SEC, channel: 'Security', computer, map: 'An account failed to log on', user: `CORP\\${user}`, remote: `${ws} (${ip})`,
        pd: [`Target: CORP\\${user}`, 'LogonType 3', `Status: ${sub === '0xC0000234' ? '0xC0000234' : '0xC000006D'}`, `SubStatus: ${sub}`, `Workstation: ${ws}`],
        data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', SubjectDomainName: '-', SubjectLogonId: '0x0', TargetUserSid: 'S-1-0-0', TargetUserName: user, TargetDomainName: 'CORP', Status: sub === '0xC0000234' ? '0xc0000234' : '0xc000006d', FailureReason: sub === '0xC0000234' ? '%%2307' : '%%2313', SubStatus: sub.toLowerCase(), LogonType: '3', LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: 'NTLM', WorkstationName: ws, TransmittedServices: '-', LmPackageName: '-', KeyLength: '0', ProcessId: '0x0', ProcessName: '-', IpAddress: ip, IpPort: String(50000 + (Math.round(sec) % 9000)) },
      }),
  };
}

/** A 4740 "A user account was locked out" on the DC that holds the PDC role; TargetDomainName holds the caller computer's name. */
function lockout(sec: number, computer: string, user: string, caller: string): Row {
  const dc = `${computer.split('.')[0]}$`;
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4740, provider: SEC, channel: 'Security', computer, map: 'A user account was locked out', user: `CORP\\${dc}`,
        pd: [`Target: ${caller}\\${user}`, `Caller computer name: ${caller}`],
        data: { TargetUserName: user, TargetDomainName: caller, TargetSid: `${DOM}-${rid(user)}`, SubjectUserSid: 'S-1-5-18', SubjectUserName: dc, SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7' },
      }),
  };
}

/** A 4738 "A user account was changed": '-' for what stayed, the UAC flags changed as %% codes. */
function changed(sec: number, by: string, byRid: number, user: string, change: Record<string, string>): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4738, provider: SEC, channel: 'Security', computer: DC1, map: 'A user account was changed', user: `CORP\\${by}`,
        pd: [`Target: CORP\\${user}`, `OldUacValue: ${change.OldUacValue ?? '-'}`, `NewUacValue: ${change.NewUacValue ?? '-'}`],
        data: {
          Dummy: '-', TargetUserName: user, TargetDomainName: 'CORP', TargetSid: `${DOM}-${rid(user)}`, ...subject(by, 'CORP', byRid), PrivilegeList: '-', SamAccountName: '-', DisplayName: '-', UserPrincipalName: '-', HomeDirectory: '-', HomePath: '-', ScriptPath: '-', ProfilePath: '-', UserWorkstations: '-', PasswordLastSet: '-', AccountExpires: '-', PrimaryGroupId: '-', AllowedToDelegateTo: '-', OldUacValue: '-', NewUacValue: '-', UserAccountControl: '-', UserParameters: '-', SidHistory: '-', LogonHours: '-',
          ...change,
        },
      }),
  };
}

/** A 5136 "A directory service object was modified" (OperationType %%14674: value added, %%14675: deleted). */
function modified(sec: number, computer: string, by: string, byRid: number, dn: string, cls: string, attr: string, value: string, op: 'add' | 'delete' = 'add', corr = 'b2f1'): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 5136, provider: SEC, channel: 'Security', computer, map: 'A directory service object was modified', user: `CORP\\${by}`,
        pd: [`ObjectDN: ${dn}`, `ObjectClass: ${cls}`, `Attribute: ${attr}`, `Value: ${value.slice(0, 120)}`, `Operation: ${op === 'add' ? 'Value Added' : 'Value Deleted'}`],
        data: { OpCorrelationID: `{${corr}0c1e-4d2a-4b7e-9a1c-${String(n).padStart(12, '0')}}`, AppCorrelationID: '-', ...subject(by, 'CORP', byRid), DSName: 'corp.example.com', DSType: '%%14676', ObjectDN: dn, ObjectGUID: '{5e1b7a44-9c1d-4f0b-a1f2-7b0e3c9d2a11}', ObjectClass: cls, AttributeLDAPDisplayName: attr, AttributeSyntaxOID: attr === 'nTSecurityDescriptor' ? '2.5.5.15' : '2.5.5.12', AttributeValue: value, OperationType: op === 'add' ? '%%14674' : '%%14675' },
      }),
  };
}

const TASK_CSE = '[{00000000-0000-0000-0000-000000000000}{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}][{AADCED64-746C-4633-A97C-D61349046527}{CAB54552-DEEA-4691-817E-ED4A4D1AFC72}]';
const SECURITY_CSE = '[{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]';
const GPO_WS = `CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=System,${DN}`;
const GPO_DEFAULT = `CN={31B2F340-016D-11D2-945F-00C04FB984F9},CN=Policies,CN=System,${DN}`;

/**
 * DC01's Security log (EvtxECmd): staff logons from their desks, the backup and SCCM accounts all day,
 * s.yilmaz's phone locking her out (one 4740, caller EXCH01), help-desk password resets and an
 * account unlocked, GPO administrators editing the workstation GPO's security settings, the DCs'
 * own DNS updates; and from 13:02 WS-0457 (10.20.30.41) trying five passwords against 28 accounts
 * until the domain locks them out, then m.keller's session turning pre-authentication off for
 * svc_legacy, opening AdminSDHolder to itself and putting an immediate scheduled task into the
 * Default Domain Policy.
 */
export function dc01Security(): string[] {
  const rows: Row[] = [];
  STAFF.forEach((u, i) => {
    const { ws, ip } = wsOf(i);
    const t = 7 * H + 30 * 60 + i * 97;
    rows.push(logon(t, DC1, u, 3, ws, ip, 'Kerberos'), logon(t + 4 * H + 1800, DC1, u, 3, ws, ip, 'Kerberos'));
  });
  // the backup job and the SCCM client-push account log on to the DC all day
  for (let t = 6 * H; t < 18 * H; t += 300) rows.push(logon(t + 7, DC1, 'svc_backup', 3, 'BKP01', '10.20.1.10', 'Kerberos'));
  for (let t = 6 * H; t < 18 * H; t += 900) rows.push(logon(t + 41, DC1, 'svc_sccm', 3, 'SCCM01', '10.20.1.30', 'NTLM'));
  // trap: s.yilmaz's phone keeps trying her old password through Exchange until she is locked out; the help desk unlocks her
  for (let k = 0; k < 5; k++) rows.push(failed(9 * H + k * 240, DC1, 's.yilmaz', 'EXCH01', '10.20.1.40'));
  rows.push(lockout(9 * H + 4 * 240 + 1, DC1, 's.yilmaz', 'EXCH01'));
  rows.push(changed(9 * H + 1500, 'hd-anna', 1402, 's.yilmaz', { PasswordLastSet: '3/10/2026 9:25:00 AM' }));
  // trap: help-desk password resets, and an admin turning pre-authentication back on for an old scanner account (%%2064: 'Don't Require Preauth' - Disabled)
  rows.push(changed(10 * H + 300, 'hd-anna', 1402, 'j.alvarez', { PasswordLastSet: '3/10/2026 10:05:00 AM' }));
  rows.push(changed(10 * H + 900, 'adm_pkaur', 1105, 'svc_scan', { OldUacValue: '0x410210', NewUacValue: '0x10210', UserAccountControl: '\r\n\t\t%%2064' }));
  // trap: the GPO administrators edit the workstation GPO's security settings (a new version, the security CSE)
  rows.push(modified(11 * H, DC1, 'adm_gpo', 1110, GPO_WS, 'groupPolicyContainer', 'versionNumber', '65541', 'delete', 'a001'));
  rows.push(modified(11 * H, DC1, 'adm_gpo', 1110, GPO_WS, 'groupPolicyContainer', 'versionNumber', '65542', 'add', 'a001'));
  rows.push(modified(11 * H + 1, DC1, 'adm_gpo', 1110, GPO_WS, 'groupPolicyContainer', 'gPCMachineExtensionNames', SECURITY_CSE, 'add', 'a001'));
  // trap: a user's description and phone number changed by the help desk, and the DCs' own DNS records
  rows.push(modified(10 * H + 600, DC1, 'hd-anna', 1402, `CN=Jorge Alvarez,OU=Staff,${DN}`, 'user', 'telephoneNumber', '+49 30 5550 1234'));
  for (let t = 6 * H; t < 18 * H; t += 1200) rows.push(modified(t + 3, DC1, 'DC02$', 1001, `DC=ws-0117,DC=corp.example.com,CN=MicrosoftDNS,DC=DomainDnsZones,${DN}`, 'dnsNode', 'dNSTombstoned', 'FALSE'));
  // planted: the spray, five passwords against 28 accounts from WS-0457, and the lockouts it causes
  const sprayed = STAFF.filter((u) => u !== 'm.keller' && u !== 's.yilmaz').slice(0, 28);
  for (let round = 0; round < 5; round++) sprayed.forEach((u, i) => rows.push(failed(13 * H + 120 + round * 150 + i * 4, DC1, u, 'WS-0457', '10.20.30.41')));
  sprayed.forEach((u, i) => rows.push(lockout(13 * H + 120 + 4 * 150 + i * 4 + 1, DC1, u, 'WS-0457')));
  // planted: m.keller (whose password the attacker had) turns pre-authentication off for svc_legacy (AS-REP roasting)
  rows.push(logon(14 * H, DC1, 'm.keller', 3, 'WS-0457', '10.20.30.41', 'NTLM'));
  rows.push(changed(14 * H + 60, 'm.keller', rid('m.keller'), 'svc_legacy', { OldUacValue: '0x210', NewUacValue: '0x400210', UserAccountControl: '\r\n\t\t%%2096' }));
  // planted: AdminSDHolder's permissions opened to m.keller (SDProp copies them onto every admin account within the hour)
  rows.push(modified(14 * H + 300, DC1, 'm.keller', rid('m.keller'), `CN=AdminSDHolder,CN=System,${DN}`, 'container', 'nTSecurityDescriptor', `O:DAG:DAD:PAI(A;;LCRPLORC;;;AU)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${DOM}-${rid('m.keller')})(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)`, 'add', 'c001'));
  // planted: an immediate scheduled task put into the Default Domain Policy (every machine runs it at its next refresh)
  rows.push(modified(14 * H + 600, DC1, 'm.keller', rid('m.keller'), GPO_DEFAULT, 'groupPolicyContainer', 'gPCMachineExtensionNames', TASK_CSE, 'add', 'd001'));
  rows.push(modified(14 * H + 600, DC1, 'm.keller', rid('m.keller'), GPO_DEFAULT, 'groupPolicyContainer', 'versionNumber', '131090', 'add', 'd001'));
  return write(rows, 700_001);
}

/** A 7036 "The X service entered the Y state." in a System log. */
function state(sec: number, computer: string, display: string, status: 'stopped' | 'running'): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 7036, provider: SCM, channel: 'System', computer, map: 'Service state changed',
        pd: [`Name: ${display}`, `Status: ${status}`],
        data: { param1: display, param2: status, Binary: Buffer.from(display.replace(/\s/g, ''), 'utf16le').toString('hex').toUpperCase().slice(0, 60) },
      }),
  };
}

/** A 7040 "The start type of the X service was changed from A to B." */
function startType(sec: number, computer: string, display: string, from: string, to: string, name: string): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({ n, t: hms(sec), id: 7040, provider: SCM, channel: 'System', computer, map: 'Service start type changed', pd: [`Name: ${display}`, `Old: ${from}`, `New: ${to}`], data: { param1: display, param2: from, param3: to, param4: name } }),
  };
}

/** A 1074 (a restart asked for: Windows Update's) and, a minute later, the 6006 of the event log service stopping. */
function reboot(sec: number, computer: string): Row[] {
  const short = computer.split('.')[0]!;
  return [
    { sec, line: (n) => evtxRow({ n, t: hms(sec), id: 1074, provider: 'User32', channel: 'System', computer, map: 'System shutdown/restart', user: 'NT AUTHORITY\\SYSTEM', pd: [`Process: C:\\Windows\\servicing\\TrustedInstaller.exe (${short})`, 'Reason: Operating System: Upgrade (Planned)', 'Type: restart'], data: { param1: `C:\\Windows\\servicing\\TrustedInstaller.exe (${short})`, param2: short, param3: 'Operating System: Upgrade (Planned)', param4: '0x80020003', param5: 'restart', param6: '', param7: 'NT AUTHORITY\\SYSTEM' } }) },
    { sec: sec + 75, line: (n) => evtxRow({ n, t: hms(sec + 75), id: 6006, provider: 'EventLog', channel: 'System', computer, map: 'Event log service stopped', data: { Binary: '' } }) },
  ];
}

/**
 * FS01's and SQL02's System logs (EvtxECmd): services starting and stopping as they do every day
 * (Windows Update, BITS, the Modules Installer, SQL02's database restarted on patch night, the print
 * spooler), and at 02:41 on FS01 the backup, database, Exchange and antivirus services stopped and
 * disabled one after another in a minute, as ransomware does before it encrypts.
 */
export function serversSystem(): string[] {
  const rows: Row[] = [];
  for (const host of ['FS01.corp.example.com', 'SQL02.corp.example.com', 'APP03.corp.example.com']) {
    for (let t = 1 * H; t < 23 * H; t += 2 * H) {
      rows.push(state(t, host, 'Windows Update', 'running'), state(t + 600, host, 'Windows Update', 'stopped'));
      rows.push(state(t + 30, host, 'Background Intelligent Transfer Service', 'running'), state(t + 630, host, 'Background Intelligent Transfer Service', 'stopped'));
    }
    rows.push(state(3 * H, host, 'Windows Modules Installer', 'running'), state(3 * H + 900, host, 'Windows Modules Installer', 'stopped'));
  }
  // trap: patch night on SQL02: the database and its agent restarted once, the Volume Shadow Copy service idles out after a backup
  rows.push(state(2 * H + 40 * 60, 'SQL02.corp.example.com', 'SQL Server Agent (MSSQLSERVER)', 'stopped'), state(2 * H + 40 * 60 + 5, 'SQL02.corp.example.com', 'SQL Server (MSSQLSERVER)', 'stopped'));
  rows.push(state(2 * H + 47 * 60, 'SQL02.corp.example.com', 'SQL Server (MSSQLSERVER)', 'running'), state(2 * H + 47 * 60 + 3, 'SQL02.corp.example.com', 'SQL Server Agent (MSSQLSERVER)', 'running'));
  rows.push(state(1 * H + 5 * 60, 'FS01.corp.example.com', 'Volume Shadow Copy', 'running'), state(1 * H + 8 * 60, 'FS01.corp.example.com', 'Volume Shadow Copy', 'stopped'));
  rows.push(state(4 * H, 'APP03.corp.example.com', 'Print Spooler', 'stopped'), startType(4 * H + 2, 'APP03.corp.example.com', 'Print Spooler', 'auto start', 'disabled', 'Spooler'));
  // trap: APP03 restarts for its updates: the agents and the database stop on the way down, and come back
  const r0 = 4 * H + 30 * 60;
  rows.push(...reboot(r0, 'APP03.corp.example.com'));
  ['Sophos Endpoint Defense Service', 'Sophos MCS Agent', 'Veeam Agent for Microsoft Windows', 'SQL Server (MSSQLSERVER)', 'SQL Server VSS Writer', 'Volume Shadow Copy'].forEach((s, i) => rows.push(state(r0 + 10 + i * 5, 'APP03.corp.example.com', s, 'stopped'), state(r0 + 300 + i * 7, 'APP03.corp.example.com', s, 'running')));
  // planted: FS01, 02:41: backup, database, Exchange and antivirus services stopped and disabled
  const t0 = 2 * H + 41 * 60;
  const stopped = ['Veeam Backup Service', 'Veeam Backup VSS Integration Service', 'SQL Server (SQLEXPRESS)', 'SQL Server VSS Writer', 'Sophos Endpoint Defense Service', 'Sophos MCS Agent', 'Microsoft Exchange Information Store', 'Acronis Agent Core Service', 'Volume Shadow Copy'];
  stopped.forEach((s, i) => rows.push(state(t0 + i * 6, 'FS01.corp.example.com', s, 'stopped')));
  rows.push(startType(t0 + 60, 'FS01.corp.example.com', 'Veeam Backup Service', 'auto start', 'disabled', 'VeeamBackupSvc'), startType(t0 + 61, 'FS01.corp.example.com', 'Sophos MCS Agent', 'auto start', 'disabled', 'Sophos MCS Agent'));
  return write(rows, 88_001);
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One wevtutil XML event (one line). */
const xmlEvent = (id: number, rec: number, sec: number, computer: string, keywords: string, data: Record<string, string>): string =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="${SEC}" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}"/><EventID>${id}</EventID><Version>0</Version><Level>0</Level><Task>13824</Task><Opcode>0</Opcode><Keywords>${keywords}</Keywords><TimeCreated SystemTime="2026-03-10T${hms(sec)}.${String(rec % 1000).padStart(3, '0')}4567Z"/><EventRecordID>${rec}</EventRecordID><Correlation/><Execution ProcessID="696" ThreadID="3120"/><Channel>Security</Channel><Computer>${computer}</Computer><Security/></System><EventData>${Object.entries(data).map(([k, v]) => `<Data Name="${k}">${xmlEscape(v)}</Data>`).join('')}</EventData></Event>`;

const OK = '0x8020000000000000';
const FAIL = '0x8010000000000000';

/**
 * DC02's Security log saved by wevtutil (XML): a Kerberos spray from 10.20.30.77, six passwords
 * against twelve accounts (4771 0x18) and the twelve lockouts; a contractor's laptop locking its
 * owner out; and svc_helpdesk granting itself the replication rights on the domain object (5136)
 * and making an account need no password (4738), beside the help desk's ordinary edits.
 */
export function dc02Xml(): string[] {
  const rows: { sec: number; line: string }[] = [];
  let rec = 5_410_000;
  const add = (sec: number, id: number, keywords: string, data: Record<string, string>): void => void rows.push({ sec, line: xmlEvent(id, rec++, sec, DC2, keywords, data) });
  const pre = (sec: number, user: string, ip: string): void =>
    add(sec, 4771, FAIL, { TargetUserName: user, TargetSid: `${DOM}-${rid(user)}`, ServiceName: 'krbtgt/CORP.EXAMPLE.COM', TicketOptions: '0x40810010', Status: '0x18', PreAuthType: '2', IpAddress: `::ffff:${ip}`, IpPort: String(51000 + (sec % 9000)), CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' });
  const lock = (sec: number, user: string, caller: string): void =>
    add(sec, 4740, OK, { TargetUserName: user, TargetDomainName: caller, TargetSid: `${DOM}-${rid(user)}`, SubjectUserSid: 'S-1-5-18', SubjectUserName: 'DC02$', SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7' });
  // staff getting tickets all morning
  STAFF.forEach((u, i) => add(7 * H + 1800 + i * 91, 4768, OK, { TargetUserName: u, TargetDomainName: 'CORP.EXAMPLE.COM', TargetSid: `${DOM}-${rid(u)}`, ServiceName: 'krbtgt', ServiceSid: `${DOM}-502`, TicketOptions: '0x40810010', Status: '0x0', TicketEncryptionType: '0x12', PreAuthType: '2', IpAddress: `::ffff:${wsOf(i).ip}`, IpPort: '0', CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' }));
  // trap: t.novak's laptop (10.20.50.8) retries an old password after her change and locks her out; the caller computer is blank for a Kerberos lockout
  for (let k = 0; k < 6; k++) pre(10 * H + k * 30, 't.novak', '10.20.50.8');
  lock(10 * H + 151, 't.novak', '');
  // planted: the spray, six passwords against twelve accounts, and the lockouts
  const sprayed = STAFF.slice(14, 26).filter((u) => u !== 't.novak');
  for (let round = 0; round < 6; round++) sprayed.forEach((u, i) => pre(15 * H + round * 70 + i * 5, u, '10.20.30.77'));
  sprayed.forEach((u, i) => lock(15 * H + 5 * 70 + i * 5 + 1, u, ''));
  const mod = (sec: number, by: string, dn: string, cls: string, attr: string, value: string): void =>
    add(sec, 5136, OK, { OpCorrelationID: `{7a1e${rec}-0c1e-4d2a-9a1c-000000000001}`, AppCorrelationID: '-', ...subject(by, 'CORP', by === 'svc_helpdesk' ? 1160 : 1402), DSName: 'corp.example.com', DSType: '%%14676', ObjectDN: dn, ObjectGUID: '{ab34e1c2-5d0f-4a8e-9b21-3c4d5e6f7a8b}', ObjectClass: cls, AttributeLDAPDisplayName: attr, AttributeSyntaxOID: '2.5.5.15', AttributeValue: value, OperationType: '%%14674' });
  // trap: the help desk moves a user's description; a domain ACL change that grants only read rights to a monitoring group
  mod(11 * H, 'hd-anna', `CN=Nina Rossi,OU=Staff,${DN}`, 'user', 'description', 'Finance - AP');
  mod(11 * H + 600, 'adm_pkaur', DN, 'domainDNS', 'nTSecurityDescriptor', `O:BAG:BAD:AI(A;;RPLCLORC;;;${DOM}-1190)(OA;;CR;ab721a53-1e2f-11d0-9819-00aa0040529b;;WD)`);
  // planted: DCSync rights granted on the domain object, and an account that needs no password
  mod(16 * H, 'svc_helpdesk', DN, 'domainDNS', 'nTSecurityDescriptor', `O:BAG:BAD:AI(OA;;CR;1131f6aa-9c07-11d1-f79f-00c04fc2dcd2;;${DOM}-1160)(OA;;CR;1131f6ad-9c07-11d1-f79f-00c04fc2dcd2;;${DOM}-1160)`);
  add(16 * H + 120, 4738, OK, { Dummy: '-', TargetUserName: 'guest2', TargetDomainName: 'CORP', TargetSid: `${DOM}-1170`, ...subject('svc_helpdesk', 'CORP', 1160), PrivilegeList: '-', SamAccountName: '-', DisplayName: '-', UserPrincipalName: '-', HomeDirectory: '-', HomePath: '-', ScriptPath: '-', ProfilePath: '-', UserWorkstations: '-', PasswordLastSet: '-', AccountExpires: '-', PrimaryGroupId: '-', AllowedToDelegateTo: '-', OldUacValue: '0x210', NewUacValue: '0x230', UserAccountControl: '\n\t\t%%2082', UserParameters: '-', SidHistory: '-', LogonHours: '-' });
  return rows.sort((a, b) => a.sec - b.sec).map((r) => r.line);
}

const exportRow = (msg: string, id: number, rec: number, sec: number, provider: string, log: string, computer: string, keywords: string, qualifiers = '""'): string =>
  [q(msg.replace(/\n/g, '\r\n')), q(String(id)), '"0"', qualifiers, '"4"', '"0"', '"0"', '"-9187343239835811840"', q(String(rec)), q(provider), '"555908d1-a6d7-4695-8e1e-26931d2012f4"', q(log), '"672"', '"5120"', q(computer), '""', q(usTime(sec)), q(log), '""', '"System.Diagnostics.Eventing.Reader.EventBookmark"', '"Information"', '"Info"', '""', q(keywords), '"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"'].join(',');

/**
 * FS02's System and Security logs by Get-WinEvent | Export-Csv (message text only): Windows
 * Update's services coming and going, then at 03:12 the backup, database and antivirus services
 * stopped and disabled, the Security log cleared and Windows recovery turned off by a Sysmon-logged
 * bcdedit.
 */
export function fs02Export(): string[] {
  const rows: { sec: number; line: string }[] = [];
  let rec = 120_000;
  const host = 'FS02.corp.example.com';
  const st = (sec: number, name: string, status: string): void => void rows.push({ sec, line: exportRow(`The ${name} service entered the ${status} state.`, 7036, rec++, sec, SCM, 'System', host, 'Classic', '"16384"') });
  for (let t = H; t < 23 * H; t += 3 * H) {
    st(t, 'Windows Update', 'running');
    st(t + 420, 'Windows Update', 'stopped');
  }
  st(2 * H, 'Volume Shadow Copy', 'running');
  st(2 * H + 180, 'Volume Shadow Copy', 'stopped');
  const t0 = 3 * H + 12 * 60;
  ['Veeam Backup Service', 'Veeam Broker Service', 'SQL Server (VEEAMSQL2016)', 'Sophos File Scanner Service', 'Sophos Endpoint Defense Service'].forEach((s, i) => st(t0 + i * 4, s, 'stopped'));
  rows.push({ sec: t0 + 30, line: exportRow('The start type of the Veeam Backup Service service was changed from auto start to disabled.', 7040, rec++, t0 + 30, SCM, 'System', host, 'Classic', '"16384"') });
  rows.push({ sec: t0 + 300, line: exportRow('The audit log was cleared.\nSubject:\n\tSecurity ID:\tS-1-5-21-2279851312-3101548734-1860283455-1212\n\tAccount Name:\tm.keller\n\tDomain Name:\tCORP\n\tLogon ID:\t0x4A21F3', 1102, rec++, t0 + 300, 'Microsoft-Windows-Eventlog', 'Security', host, 'Audit Success') });
  rows.push({
    sec: t0 + 200,
    line: exportRow(
      `Process Create:\nRuleName: -\nUtcTime: 2026-03-10 03:15:20.117\nProcessGuid: {5e1b7a44-0000-1000-0000-000000000a11}\nProcessId: 6120\nImage: C:\\Windows\\System32\\bcdedit.exe\nFileVersion: 10.0.17763.1\nDescription: Boot Configuration Data Editor\nProduct: Microsoft® Windows® Operating System\nCompany: Microsoft Corporation\nOriginalFileName: bcdedit.exe\nCommandLine: bcdedit.exe /set {default} recoveryenabled no\nCurrentDirectory: C:\\Windows\\system32\\\nUser: CORP\\m.keller\nLogonGuid: {5e1b7a44-0000-1000-0000-0000004a21f3}\nLogonId: 0x4A21F3\nTerminalSessionId: 0\nIntegrityLevel: High\nHashes: SHA256=8A53A8A9C1A3D1B7E0E4F2D5C6B7A8F9E0D1C2B3A4F5E6D7C8B9A0F1E2D3C4B5\nParentProcessGuid: {5e1b7a44-0000-1000-0000-000000000a10}\nParentProcessId: 5880\nParentImage: C:\\Windows\\System32\\cmd.exe\nParentCommandLine: cmd.exe /c C:\\ProgramData\\s.bat\nParentUser: CORP\\m.keller`,
      1, rec++, t0 + 200, 'Microsoft-Windows-Sysmon', 'Microsoft-Windows-Sysmon/Operational', host, 'None',
    ),
  });
  return [...EXPORT_HEADER, ...rows.sort((a, b) => a.sec - b.sec).map((r) => r.line)];
}

const SYSMON = 'Microsoft-Windows-Sysmon';

/** A Sysmon 11 (FileCreate) or 23 (FileDelete) row, EvtxECmd. */
function fileRow(sec: number, computer: string, id: 11 | 23, image: string, path: string, user: string): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id, provider: SYSMON, channel: 'Microsoft-Windows-Sysmon/Operational', computer, map: id === 11 ? 'FileCreate' : 'FileDelete (File Delete archived)', user,
        pd: [`ProcessID: ${4000 + (n % 900)}, ProcessGUID: 5e1b7a44-0000-1000-0000-000000000a11`, 'RuleName: -', `TargetFilename: ${path}`],
        exe: image,
        data: id === 11
          ? { RuleName: '-', UtcTime: `2026-03-10 ${hms(sec)}.412`, ProcessGuid: '{5e1b7a44-0000-1000-0000-000000000a11}', ProcessId: String(4000 + (n % 900)), Image: image, TargetFilename: path, CreationUtcTime: `2026-03-10 ${hms(sec)}.412`, User: user }
          : { RuleName: '-', UtcTime: `2026-03-10 ${hms(sec)}.412`, ProcessGuid: '{5e1b7a44-0000-1000-0000-000000000a11}', ProcessId: String(4000 + (n % 900)), User: user, Image: image, TargetFilename: path, Hashes: 'SHA256=0E4F2D5C6B7A8F9E0D1C2B3A4F5E6D7C8B9A0F1E2D3C4B5A6F7E8D9C0B1A2F3E', IsExecutable: 'false', Archived: 'false' },
      }),
  };
}

const SHARES = ['Finance', 'HR', 'Legal', 'Projects', 'Sales', 'Marketing', 'IT', 'Board', 'Payroll', 'Contracts', 'Procurement', 'Quality', 'Engineering', 'Scans'];
const DOCS = ['Q1 forecast.xlsx', 'budget 2026.xlsx', 'minutes.docx', 'contract draft.docx', 'invoice 4471.pdf', 'org chart.pptx', 'scan 0031.pdf', 'salaries.xlsx'];

/**
 * FS01's Sysmon log (EvtxECmd): users saving documents and Chrome downloads all day, a developer
 * unpacking an SDK whose folders each hold a readme.txt (7-Zip), an installer's README.txt in
 * Program Files; and at 03:05 C:\ProgramData\svc.exe writing each document's encrypted copy as
 * <name>.lockbit, deleting the original and dropping Restore-My-Files.txt in every folder.
 */
export function fs01Sysmon(): string[] {
  const rows: Row[] = [];
  const host = 'FS01.corp.example.com';
  SHARES.forEach((share, i) => {
    DOCS.slice(0, 4).forEach((d, k) => rows.push(fileRow(8 * H + i * 600 + k * 40, host, 11, 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', `D:\\Shares\\${share}\\${d}`, `CORP\\${STAFF[i]}`)));
    rows.push(fileRow(9 * H + i * 300, host, 11, 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', `C:\\Users\\${STAFF[i]}\\Downloads\\${DOCS[i % DOCS.length]}.crdownload`, `CORP\\${STAFF[i]}`));
  });
  // trap: an SDK unpacked by 7-Zip, a readme.txt in each of its folders; an installer's README.txt
  for (let k = 0; k < 16; k++) rows.push(fileRow(11 * H + k * 3, host, 11, 'C:\\Program Files\\7-Zip\\7zG.exe', `D:\\Shares\\IT\\tools\\sdk-4.2\\module${k}\\readme.txt`, 'CORP\\adm_pkaur'));
  rows.push(fileRow(11 * H + 900, host, 11, 'C:\\Windows\\Temp\\{A1B2}\\setup.exe', 'C:\\Program Files\\Notepad++\\README.txt', 'NT AUTHORITY\\SYSTEM'));
  // planted: the encryption, folder by folder
  const t0 = 3 * H + 5 * 60;
  const img = 'C:\\ProgramData\\svc.exe';
  SHARES.forEach((share, i) => {
    DOCS.forEach((d, k) => {
      const t = t0 + i * 25 + k * 2;
      rows.push(fileRow(t, host, 11, img, `D:\\Shares\\${share}\\${d}.lockbit`, 'CORP\\m.keller'), fileRow(t + 1, host, 23, img, `D:\\Shares\\${share}\\${d}`, 'CORP\\m.keller'));
    });
    rows.push(fileRow(t0 + i * 25 + 20, host, 11, img, `D:\\Shares\\${share}\\Restore-My-Files.txt`, 'CORP\\m.keller'));
  });
  return write(rows, 9_120_001);
}

/** A 4624 of type 9 by seclogo on `computer`: `user` started a process with `outbound`'s network credentials. */
function netonlyRow(sec: number, computer: string, user: string, outbound: string): Row {
  const id = `0x${(0x7a1000 + Math.round(sec)).toString(16)}`;
  const [outDomain, outUser] = outbound.split('\\') as [string, string];
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4624, provider: SEC, channel: 'Security', computer, map: 'Successful logon', user: `CORP\\${user}`, remote: '- (::1)',
        pd: [`Target: CORP\\${user}`, 'LogonType 9', `LogonId: ${id}`, 'AuthenticationPackageName: Negotiate', 'LogonProcessName: seclogo'],
        data: { SubjectUserSid: `${DOM}-${rid(user)}`, SubjectUserName: user, SubjectDomainName: 'CORP', SubjectLogonId: '0x4a21f3', TargetUserSid: `${DOM}-${rid(user)}`, TargetUserName: user, TargetDomainName: 'CORP', TargetLogonId: id, LogonType: '9', LogonProcessName: 'seclogo', AuthenticationPackageName: 'Negotiate', WorkstationName: '-', LogonGuid: '{00000000-0000-0000-0000-000000000000}', TransmittedServices: '-', LmPackageName: '-', KeyLength: '0', ProcessId: '0x3a8', ProcessName: 'C:\\Windows\\System32\\svchost.exe', IpAddress: '::1', IpPort: '0', ImpersonationLevel: '%%1833', RestrictedAdminMode: '-', TargetOutboundUserName: outUser, TargetOutboundDomainName: outDomain, VirtualAccount: '%%1843', TargetLinkedLogonId: '0x0', ElevatedToken: '%%1843' },
      }),
  };
}

/**
 * WS-0457's and JUMP01's Security logs (EvtxECmd): staff's console and unlock logons, p.kaur
 * running RSAT as her own admin account and adm_pkaur managing the partner forest with runas
 * /netonly on the jump host; and on WS-0457 m.keller's session starting a process with adm_jlee's
 * network credentials (mimikatz sekurlsa::pth /user:adm_jlee /domain:CORP /ntlm:…).
 */
export function workstations(): string[] {
  const rows: Row[] = [];
  rows.push(logon(7 * H + 1800, 'WS-0457.corp.example.com', 'm.keller', 2, 'WS-0457', '127.0.0.1', 'Kerberos'), logon(12 * H + 3000, 'WS-0457.corp.example.com', 'm.keller', 7, 'WS-0457', '127.0.0.1', 'Kerberos'));
  rows.push(logon(7 * H + 2400, 'JUMP01.corp.example.com', 'p.kaur', 10, 'WS-0131', '10.20.10.131', 'Kerberos'));
  // trap: p.kaur's RSAT as adm_pkaur; adm_pkaur into the partner forest
  rows.push(netonlyRow(8 * H, 'JUMP01.corp.example.com', 'p.kaur', 'CORP\\adm_pkaur'), netonlyRow(9 * H, 'JUMP01.corp.example.com', 'adm_pkaur', 'PARTNER\\pkaur-admin'));
  // planted: overpass-the-hash as adm_jlee from m.keller's session
  rows.push(netonlyRow(14 * H + 1500, 'WS-0457.corp.example.com', 'm.keller', 'CORP\\adm_jlee'));
  return write(rows, 31_001);
}

const taskXml = (command: string, args: string, author: string, trigger: string): string =>
  `<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\r\n  <RegistrationInfo>\r\n    <Author>${author}</Author>\r\n  </RegistrationInfo>\r\n  <Triggers>\r\n    ${trigger}\r\n  </Triggers>\r\n  <Principals>\r\n    <Principal id="Author">\r\n      <UserId>S-1-5-18</UserId>\r\n      <RunLevel>HighestAvailable</RunLevel>\r\n    </Principal>\r\n  </Principals>\r\n  <Actions Context="Author">\r\n    <Exec>\r\n      <Command>${command}</Command>${args ? `\r\n      <Arguments>${args}</Arguments>` : ''}\r\n    </Exec>\r\n  </Actions>\r\n</Task>`;

/** A 4698 on `computer`, forwarded to the collector (EvtxECmd of ForwardedEvents). */
function taskRow(sec: number, computer: string, user: string, name: string, command: string, args: string, trigger = '<TimeTrigger>\r\n      <StartBoundary>2026-03-10T00:00:00</StartBoundary>\r\n      <Enabled>true</Enabled>\r\n    </TimeTrigger>'): Row {
  const short = computer.split('.')[0]!;
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4698, provider: SEC, channel: 'ForwardedEvents', computer, map: 'A scheduled task was created', user: `CORP\\${user}`, pd: [`TaskName: ${name}`],
        data: { SubjectUserSid: user.endsWith('$') ? 'S-1-5-18' : `${DOM}-1105`, SubjectUserName: user, SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7', TaskName: name, TaskContent: taskXml(command, args, user.endsWith('$') ? 'NT AUTHORITY\\System' : `CORP\\${user}`, trigger), ClientProcessStartKey: '2533274790395913', ClientProcessId: '1288', ParentProcessId: '1044', RpcCallClientLocality: '0', FQDN: `${short}.corp.example.com` },
      }),
  };
}

/**
 * A Windows Event Collector's ForwardedEvents (EvtxECmd): Google Update, Office's updater and the
 * SCCM client registering their tasks across the workstations through the morning, an admin's one
 * task on a server; and at 03:30 one task, created by each machine's Group Policy client, to run
 * \\corp.example.com\NETLOGON\wupd.exe on fourteen workstations within three minutes.
 */
export function forwardedTasks(): string[] {
  const rows: Row[] = [];
  for (let i = 0; i < 20; i++) {
    const ws = `${wsOf(i).ws}.corp.example.com`;
    rows.push(taskRow(8 * H + i * 45, ws, `${wsOf(i).ws}$`, '\\GoogleUpdateTaskMachineUA{6C1B5A1E-33D4-4B0E-9E2A-6A1E0F1C2D3B}', 'C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe', '/ua /installsource scheduler'));
    rows.push(taskRow(9 * H + i * 50, ws, `${wsOf(i).ws}$`, '\\Microsoft\\Office\\Office Automatic Updates 2.0', 'C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeC2RClient.exe', '/frequentupdate SCHEDULEDTASK displaylevel=False'));
    rows.push(taskRow(10 * H + i * 40, ws, `${wsOf(i).ws}$`, '\\Microsoft\\Configuration Manager\\Configuration Manager Health Evaluation', 'C:\\Windows\\CCM\\ccmeval.exe', ''));
  }
  rows.push(taskRow(11 * H, 'APP03.corp.example.com', 'adm_pkaur', '\\Nightly report export', 'D:\\Scripts\\export-report.cmd', ''));
  // planted: the GPO's immediate task on every workstation it reaches
  for (let i = 0; i < 14; i++) rows.push(taskRow(3 * H + 30 * 60 + i * 12, `${wsOf(i).ws}.corp.example.com`, `${wsOf(i).ws}$`, '\\WindowsUpdateRefresh', '\\\\corp.example.com\\NETLOGON\\wupd.exe', '-enc-all -nolog', '<TimeTrigger>\r\n      <StartBoundary>%LocalTimeXmlEx%</StartBoundary>\r\n      <EndBoundary>%LocalTimeXmlEx%</EndBoundary>\r\n      <Enabled>true</Enabled>\r\n    </TimeTrigger>'));
  return write(rows, 1_400_001);
}

/** evtx_dump's System block (its `-o jsonl` output: attributes under `#attributes`, a System log's EventID with its Qualifiers). */
const dumpSystem = (id: number, sec: number, channel: string, provider: string, rec: number, computer: string, keywords: string, qualifiers: number | null): object => ({
  Provider: { '#attributes': provider === SCM ? { Name: SCM, Guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', EventSourceName: 'Service Control Manager' } : { Name: provider, Guid: '{54849625-5478-4994-a5ba-3e3b0328c30d}' } },
  EventID: qualifiers == null ? id : { '#attributes': { Qualifiers: qualifiers }, '#text': id },
  Version: 0, Level: 4, Task: 0, Opcode: 0, Keywords: keywords,
  TimeCreated: { '#attributes': { SystemTime: `2026-03-10T${hms(sec)}.${String(rec % 1_000_000).padStart(6, '0')}Z` } },
  EventRecordID: rec, Correlation: null, Execution: { '#attributes': { ProcessID: provider === SCM ? 684 : 640, ThreadID: 4412 } }, Channel: channel, Computer: computer, Security: null,
});
const dumpLine = (system: object, data: Record<string, string | number>): string => JSON.stringify({ Event: { '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' }, System: system, EventData: data } });

/**
 * evtx_dump -o jsonl of DC03's Security log and HV01's System log: 10.20.30.99 tries three
 * passwords against nine accounts over NTLM and locks six out (the domain's threshold is three),
 * a user locks herself out; HV01, a Hyper-V host, restarts its backup agent after an update, and
 * later stops the backup, shadow copy, SQL and antivirus services in a minute.
 */
export function evtxDump(): string[] {
  const out: { sec: number; line: string }[] = [];
  let rec = 77_000;
  const dc = 'DC03.corp.example.com';
  const fail = (sec: number, user: string, ip: string, ws: string): void =>
    void out.push({ sec, line: dumpLine(dumpSystem(4625, sec, 'Security', SEC, rec++, dc, '0x8010000000000000', null), { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', SubjectDomainName: '-', SubjectLogonId: '0x0', TargetUserSid: 'S-1-0-0', TargetUserName: user, TargetDomainName: 'CORP', Status: '0xc000006d', FailureReason: '%%2313', SubStatus: '0xc000006a', LogonType: 3, LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: 'NTLM', WorkstationName: ws, TransmittedServices: '-', LmPackageName: '-', KeyLength: 0, ProcessId: '0x0', ProcessName: '-', IpAddress: ip, IpPort: '0' }) });
  const lock = (sec: number, user: string, caller: string): void =>
    void out.push({ sec, line: dumpLine(dumpSystem(4740, sec, 'Security', SEC, rec++, dc, '0x8020000000000000', null), { TargetUserName: user, TargetDomainName: caller, TargetSid: `${DOM}-${rid(user)}`, SubjectUserSid: 'S-1-5-18', SubjectUserName: 'DC03$', SubjectDomainName: 'CORP', SubjectLogonId: '0x3e7' }) });
  const svc = (sec: number, host: string, name: string, status: string): void =>
    void out.push({ sec, line: dumpLine(dumpSystem(7036, sec, 'System', SCM, rec++, host, '0x8080000000000000', 16384), { param1: name, param2: status, Binary: '' }) });
  // trap: d.moreau mistypes three times and is locked out
  for (let k = 0; k < 3; k++) fail(9 * H + k * 20, 'd.moreau', '10.20.10.23', 'WS-0104');
  lock(9 * H + 41, 'd.moreau', 'WS-0104');
  // planted: three passwords against nine accounts, six locked out
  const sprayed = STAFF.slice(20, 29);
  for (let round = 0; round < 3; round++) sprayed.forEach((u, i) => fail(16 * H + round * 60 + i * 3, u, '10.20.30.99', 'DESKTOP-7Q2M1LK'));
  sprayed.slice(0, 6).forEach((u, i) => lock(16 * H + 120 + i * 3 + 1, u, 'DESKTOP-7Q2M1LK'));
  // trap: the backup agent updated and restarted; planted: HV01's guarding services stopped at 04:10
  const hv = 'HV01.corp.example.com';
  svc(2 * H, hv, 'Veeam Agent for Microsoft Windows', 'stopped');
  svc(2 * H + 40, hv, 'Veeam Agent for Microsoft Windows', 'running');
  ['Veeam Backup Service', 'Volume Shadow Copy', 'SQL Server (MSSQLSERVER)', 'Windows Defender Antivirus Service'].forEach((s, i) => svc(4 * H + 600 + i * 9, hv, s, 'stopped'));
  return out.sort((a, b) => a.sec - b.sec).map((r) => r.line);
}

/** An RDP session logon with NLA: the network logon (type 3, Kerberos) and, a second later, the session's (type 10). */
const rdp = (sec: number, computer: string, user: string, ws: string, ip: string): Row[] => [logon(sec, computer, user, 3, ws, ip, 'Kerberos'), logon(sec + 1, computer, user, 10, ws, ip, 'Negotiate')];

/**
 * The collector's ForwardedEvents of the servers' logons (EvtxECmd): adm_pkaur patching eight
 * servers from the jump host, adm_ops working from the jump host and from their desk, l.meyer's
 * remote desktop from her laptop and her desktop; and from 14:20 adm_jlee hopping WS-0457 → APP01 →
 * SQL01 → FS01 → BKP01, each session opened from the machine reached before.
 */
export function forwardedRdp(): string[] {
  const rows: Row[] = [];
  const servers = ['APP01', 'APP02', 'APP03', 'SQL01', 'SQL02', 'FS01', 'FS02', 'PRN01'];
  servers.forEach((s, i) => rows.push(...rdp(9 * H + i * 150, `${s}.corp.example.com`, 'adm_pkaur', 'JUMP01', '10.20.0.5')));
  ['APP01', 'APP02', 'SQL01', 'FS01', 'FS02'].forEach((s, i) => rows.push(...rdp(10 * H + i * 200, `${s}.corp.example.com`, 'adm_ops', i % 2 ? 'WS-0140' : 'JUMP01', i % 2 ? '10.20.10.140' : '10.20.0.5')));
  rows.push(...rdp(8 * H, 'RDS01.corp.example.com', 'l.meyer', 'LT-0231', '10.20.50.31'), ...rdp(13 * H, 'RDS01.corp.example.com', 'l.meyer', 'WS-0161', '10.20.10.61'));
  // planted: the hops
  const hops: [string, string, string][] = [['APP01', 'WS-0457', '10.20.7.33'], ['SQL01', 'APP01', '10.20.2.11'], ['FS01', 'SQL01', '10.20.1.21'], ['BKP01', 'FS01', '10.20.1.15']];
  hops.forEach(([to, from, ip], i) => rows.push(...rdp(14 * H + 1200 + i * 260, `${to}.corp.example.com`, 'adm_jlee', from, ip)));
  return write(rows, 2_200_001);
}
