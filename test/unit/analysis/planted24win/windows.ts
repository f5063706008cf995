// Round 24 Windows exports as responders get them (EvtxECmd CSV of the domain controllers' Security
// logs and the servers' System logs, wevtutil XML): a password spray that locks accounts out, the
// directory changed to keep the domain (pre-authentication turned off, AdminSDHolder's permissions,
// a GPO that pushes a scheduled task), and ransomware's staging on a file server (backup, database and
// antivirus services stopped in a minute). Beside each, a domain's ordinary day: staff logons, the
// backup and SCCM accounts everywhere, a phone with an old password locking its owner out, help-desk
// password resets, GPO edits by the GPO administrators, DNS records the DCs update, patch night.
import { evtxRow, EVTX_HEADER } from '../planted6host/windows';

const SEC = 'Microsoft-Windows-Security-Auditing';
const SCM = 'Service Control Manager';
const DOM = 'S-1-5-21-2279851312-3101548734-1860283455';
const DC1 = 'DC01.corp.example.com';
const DC2 = 'DC02.corp.example.com';
const DN = 'DC=corp,DC=example,DC=com';

/** HH:MM:SS of second `sec` of 10 March. */
const hms = (sec: number): string => new Date(Date.UTC(2026, 2, 10) + Math.round(sec) * 1000).toISOString().slice(11, 19);
const H = 3600;

interface Row { sec: number; line: (n: number) => string }
const write = (rows: Row[], first: number): string[] => [EVTX_HEADER, ...[...rows].sort((a, b) => a.sec - b.sec).map((r, i) => r.line(first + i))];

export const STAFF = ['a.becker', 'b.okafor', 'c.lindqvist', 'd.moreau', 'e.santos', 'f.nakamura', 'g.oconnor', 'h.weber', 'i.petrov', 'j.alvarez', 'k.dubois', 'l.fischer', 'm.keller', 'n.rossi', 'o.haddad', 'p.kowalski', 'q.larsen', 'r.silva', 's.yilmaz', 't.novak', 'u.brennan', 'v.costa', 'w.zhang', 'x.ibrahim', 'y.tanaka', 'z.muller', 'ab.jensen', 'ac.meyer', 'ad.horvat', 'ae.costa', 'af.murphy', 'ag.schmidt'];
const wsOf = (i: number): { ws: string; ip: string } => ({ ws: `WS-${String(101 + i).padStart(4, '0')}`, ip: `10.20.10.${20 + i}` });
const rid = (u: string): number => 1200 + Math.max(0, STAFF.indexOf(u));
const subject = (user: string, domain = 'CORP', r = 1100): Record<string, string> => ({ SubjectUserSid: user.endsWith('$') ? 'S-1-5-18' : `${DOM}-${r}`, SubjectUserName: user, SubjectDomainName: domain, SubjectLogonId: `0x${(0x5a3f00 + r).toString(16)}` });

/** A 4624 on `computer`. */
function logon(sec: number, computer: string, user: string, type: number, ws: string, ip: string, pkg: 'Kerberos' | 'NTLM'): Row {
  const id = `0x${(0x3e7000 + Math.round(sec)).toString(16)}`;
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4624, provider: SEC, channel: 'Security', computer, map: 'Successful logon', user: `CORP\\${user}`, remote: `${ws} (${ip})`,
        pd: [`Target: CORP\\${user}`, `LogonType ${type}`, `LogonId: ${id}`, `AuthenticationPackageName: ${pkg}`, `LogonProcessName: ${pkg === 'NTLM' ? 'NtLmSsp' : 'Kerberos'}`],
        data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', SubjectDomainName: '-', SubjectLogonId: '0x0', TargetUserSid: `${DOM}-${rid(user)}`, TargetUserName: user, TargetDomainName: 'CORP', TargetLogonId: id, LogonType: String(type), LogonProcessName: pkg === 'NTLM' ? 'NtLmSsp ' : 'Kerberos', AuthenticationPackageName: pkg, WorkstationName: ws, LogonGuid: '{00000000-0000-0000-0000-000000000000}', TransmittedServices: '-', LmPackageName: pkg === 'NTLM' ? 'NTLM V2' : '-', KeyLength: pkg === 'NTLM' ? '128' : '0', ProcessId: '0x0', ProcessName: '-', IpAddress: ip, IpPort: String(49152 + (Math.round(sec) % 16000)), ImpersonationLevel: '%%1833', RestrictedAdminMode: '-', TargetOutboundUserName: '-', TargetOutboundDomainName: '-', VirtualAccount: '%%1843', TargetLinkedLogonId: '0x0', ElevatedToken: '%%1843' },
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

/** A 4771 Kerberos pre-authentication failure (0x18: wrong password). */
function preauth(sec: number, computer: string, user: string, ip: string): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4771, provider: SEC, channel: 'Security', computer, map: 'Kerberos pre-authentication failed', user, remote: `::ffff:${ip}`,
        pd: [`Target: ${user}`, 'ServiceName: krbtgt/CORP', 'Status: 0x18', 'PreAuthType: 2'],
        data: { TargetUserName: user, TargetSid: `${DOM}-${rid(user)}`, ServiceName: 'krbtgt/CORP', TicketOptions: '0x40810010', Status: '0x18', PreAuthType: '2', IpAddress: `::ffff:${ip}`, IpPort: String(50000 + (Math.round(sec) % 9000)), CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' },
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
