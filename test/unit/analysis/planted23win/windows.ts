// Round 23 Windows exports as responders collect them (EvtxECmd CSV of each machine's Security and
// System logs, and of a Windows Event Collector's ForwardedEvents): RDP guessing on an exposed server
// and the guessed account used from another address, what the intruder did there next, a Kerberos
// password spray at the domain controller, and pass-the-hash across the servers; beside them a
// domain's ordinary day (users' logons, service and machine accounts, admins on RDP from a jump
// host, Windows Update installing services).
import { evtxRow, EVTX_HEADER } from '../planted6host/windows';

const SEC = 'Microsoft-Windows-Security-Auditing';
const SCM = 'Service Control Manager';
const DOM = 'S-1-5-21-1004336348-1177238915-682003330';
const DC = 'DC01.corp.example.com';
const APP = 'APP05.corp.example.com';

/** HH:MM:SS of second `sec` of 10 March. */
export const hms = (sec: number): string => new Date(Date.UTC(2026, 2, 10) + Math.round(sec) * 1000).toISOString().slice(11, 19);
export const H = 3600;

/** One export row at second `sec` of the day; `line` writes it with its record number. */
export interface Row { sec: number; line: (n: number) => string }
/** An EvtxECmd export of the rows in time order, numbered from `first`. */
export const write = (rows: Row[], first: number): string[] => [EVTX_HEADER, ...[...rows].sort((a, b) => a.sec - b.sec).map((r, i) => r.line(first + i))];

/** Users of the domain, first.last. */
export const STAFF = ['a.becker', 'b.okafor', 'c.lindqvist', 'd.moreau', 'e.santos', 'f.nakamura', 'g.oconnor', 'h.weber', 'i.petrov', 'j.alvarez', 'k.dubois', 'l.fischer', 'm.keller', 'n.rossi', 'o.haddad', 'p.kowalski', 'q.larsen', 'r.silva', 's.yilmaz', 't.novak', 'u.brennan', 'v.costa', 'w.zhang', 'x.ibrahim', 'y.tanaka', 'z.muller', 'ab.jensen', 'ac.meyer', 'ad.horvat', 'ae.costa', 'af.murphy', 'ag.schmidt', 'ah.ivanova', 'ai.kim', 'aj.owens', 'ak.bauer', 'al.ricci', 'am.walsh', 'an.garcia', 'ao.lopez', 'ap.nilsen', 'aq.weiss', 'ar.gomez', 'as.fontaine', 'at.berg', 'au.singh', 'av.hughes', 'aw.roth'];

/** A 4624 on `computer`. */
function logon(sec: number, computer: string, domain: string, user: string, type: number, ws: string, ip: string, pkg: 'Kerberos' | 'NTLM' | 'Negotiate', rid = 1100): Row {
  const proc = pkg === 'Kerberos' ? 'Kerberos' : pkg === 'NTLM' ? 'NtLmSsp ' : type === 10 ? 'User32 ' : 'Advapi  ';
  const id = `0x${(0x3e7000 + Math.round(sec)).toString(16)}`;
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4624, provider: SEC, channel: 'Security', computer, map: 'Successful logon', user: `${domain}\\${user}`, remote: `${ws} (${ip})`,
        pd: [`Target: ${domain}\\${user}`, `LogonType ${type}`, `LogonId: ${id}`, `AuthenticationPackageName: ${pkg}`, `LogonProcessName: ${proc.trim()}`],
        data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', SubjectDomainName: '-', SubjectLogonId: '0x0', TargetUserSid: `${DOM}-${rid}`, TargetUserName: user, TargetDomainName: domain, TargetLogonId: id, LogonType: String(type), LogonProcessName: proc, AuthenticationPackageName: pkg, WorkstationName: ws, LogonGuid: '{00000000-0000-0000-0000-000000000000}', TransmittedServices: '-', LmPackageName: pkg === 'NTLM' ? 'NTLM V2' : '-', KeyLength: '0', ProcessId: '0x0', ProcessName: '-', IpAddress: ip, IpPort: ip === '-' ? '-' : String(49152 + (Math.round(sec) % 16000)), ImpersonationLevel: '%%1833', RestrictedAdminMode: '-', TargetOutboundUserName: '-', TargetOutboundDomainName: '-', VirtualAccount: '%%1843', TargetLinkedLogonId: '0x0', ElevatedToken: '%%1843' },
      }),
  };
}

/** A 4625 on `computer` (with NLA, RDP's failures are logon type 3 over NtLmSsp). */
function failed(sec: number, computer: string, user: string, type: number, ws: string, ip: string, sub: string): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4625, provider: SEC, channel: 'Security', computer, map: 'An account failed to log on', user: `\\${user}`, remote: `${ws} (${ip})`,
        pd: [`Target: \\${user}`, `LogonType ${type}`, 'Status: 0xC000006D', `SubStatus: ${sub}`, `Workstation: ${ws}`],
        data: { SubjectUserSid: 'S-1-0-0', SubjectUserName: '-', SubjectDomainName: '-', SubjectLogonId: '0x0', TargetUserSid: 'S-1-0-0', TargetUserName: user, TargetDomainName: '', Status: '0xc000006d', FailureReason: '%%2313', SubStatus: sub.toLowerCase(), LogonType: String(type), LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: 'NTLM', WorkstationName: ws, TransmittedServices: '-', LmPackageName: '-', KeyLength: '0', ProcessId: '0x0', ProcessName: '-', IpAddress: ip, IpPort: '0' },
      }),
  };
}

/** A 4771 Kerberos pre-authentication failure on the DC (0x18: wrong password). */
function preauth(sec: number, user: string, ip: string, status = '0x18'): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4771, provider: SEC, channel: 'Security', computer: DC, map: 'Kerberos pre-authentication failed', user: user, remote: `::ffff:${ip}`,
        pd: [`Target: ${user}`, `ServiceName: krbtgt/CORP`, `Status: ${status}`, 'PreAuthType: 2'],
        data: { TargetUserName: user, TargetSid: `${DOM}-${1200 + (STAFF.indexOf(user) + 1)}`, ServiceName: 'krbtgt/CORP', TicketOptions: '0x40810010', Status: status, PreAuthType: '2', IpAddress: `::ffff:${ip}`, IpPort: String(50000 + (Math.round(sec) % 9000)), CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' },
      }),
  };
}

/** A 4768 TGT issued (success). */
function tgt(sec: number, user: string, ip: string): Row {
  return {
    sec,
    line: (n) =>
      evtxRow({
        n, t: hms(sec), id: 4768, provider: SEC, channel: 'Security', computer: DC, map: 'A Kerberos authentication ticket (TGT) was requested', user: `CORP\\${user}`, remote: `::ffff:${ip}`,
        pd: [`Target: CORP\\${user}`, 'ServiceName: krbtgt', 'Status: 0x0', 'TicketEncryptionType: 0x12', 'PreAuthType: 2'],
        data: { TargetUserName: user, TargetDomainName: 'CORP.EXAMPLE.COM', TargetSid: `${DOM}-1200`, ServiceName: 'krbtgt', ServiceSid: `${DOM}-502`, TicketOptions: '0x40810010', Status: '0x0', TicketEncryptionType: '0x12', PreAuthType: '2', IpAddress: `::ffff:${ip}`, IpPort: '0', CertIssuerName: '', CertSerialNumber: '', CertThumbprint: '' },
      }),
  };
}

const wsOf = (i: number): { ws: string; ip: string } => ({ ws: `WS-${String(101 + i).padStart(4, '0')}`, ip: `10.20.10.${20 + i}` });

/**
 * DC01's Security log: the staff's morning logons (TGT then a network logon from their desks), the
 * backup and SQL service accounts every few minutes, machine accounts, a few typos (one user locked
 * out by her phone's old password), and at 13:02 a Kerberos spray from 10.20.30.41: 46 accounts,
 * one or two wrong passwords each (4771 0x18), then m.keller's TGT for that address.
 */
export function dc01Security(): string[] {
  const rows: Row[] = [];
  STAFF.forEach((u, i) => {
    const { ws, ip } = wsOf(i);
    const t = 7 * H + 30 * 60 + i * 97;
    rows.push(tgt(t, u, ip), logon(t + 1, DC, 'CORP', u, 3, ws, ip, 'Kerberos', 1200 + i));
    rows.push(tgt(t + 4 * H + 1800, u, ip), logon(t + 4 * H + 1801, DC, 'CORP', u, 3, ws, ip, 'Kerberos', 1200 + i));
    // machine accounts log on too
    rows.push(logon(t - 1200, DC, 'CORP', `${ws}$`, 3, '-', ip, 'Kerberos', 3000 + i));
  });
  // typos: a wrong password, then the right one
  for (const i of [2, 7, 11, 19, 23, 31, 40]) {
    const { ip } = wsOf(i);
    const t = 8 * H + i * 400;
    rows.push(preauth(t, STAFF[i]!, ip), ...(i % 2 ? [preauth(t + 9, STAFF[i]!, ip)] : []), tgt(t + 20, STAFF[i]!, ip));
  }
  // s.yilmaz's phone keeps trying her old password over the Wi-Fi (10.20.40.17) until she is locked out
  for (let k = 0; k < 6; k++) rows.push(preauth(9 * H + k * 300, 's.yilmaz', '10.20.40.17'));
  // service accounts, all day
  for (let t = 6 * H; t < 18 * H; t += 300) rows.push(logon(t + 7, DC, 'CORP', 'svc_backup', 3, 'BKP01', '10.20.1.10', 'Kerberos', 1501));
  for (let t = 6 * H; t < 18 * H; t += 600) rows.push(logon(t + 31, DC, 'CORP', 'svc_sql', 3, 'SQL01', '10.20.1.21', 'Kerberos', 1502));
  // planted: the spray, 46 accounts in seven minutes, a few tried twice, then m.keller's password works
  const sprayed = STAFF.filter((u) => u !== 'm.keller').slice(0, 45).concat(['administrator']);
  sprayed.forEach((u, i) => {
    rows.push(preauth(13 * H + 120 + i * 9, u, '10.20.30.41'));
    if (i % 9 === 0) rows.push(preauth(13 * H + 120 + i * 9 + 4, u, '10.20.30.41'));
  });
  rows.push(preauth(13 * H + 121, 'm.keller', '10.20.30.41'), tgt(13 * H + 560, 'm.keller', '10.20.30.41'));
  return write(rows, 400_001);
}

/**
 * APP05's Security log (RDP open to the internet through the firewall's NAT): admins on RDP from the
 * jump host (10.20.0.5), SYSTEM's service logons; from 02:00 185.220.101.45 guesses RDP passwords
 * (4625 type 3 with NLA, unknown names 0xC0000064 and wrong passwords 0xC000006A), then at 02:47
 * 91.240.118.172 logs in as backup (type 3 then 10), makes `support`, puts it in Administrators and
 * Remote Desktop Users, schedules a task from Temp, and clears the Security log.
 */
export function app05Security(): string[] {
  const rows: Row[] = [];
  // admins from the jump host: NLA network logon, then the RDP session
  for (const [t, u] of [[8 * H + 300, 'adm_jlee'], [11 * H + 1200, 'adm_pkaur'], [15 * H + 60, 'adm_jlee'], [1 * H + 900, 'adm_pkaur']] as const) {
    rows.push(logon(t, APP, 'CORP', u, 3, 'JUMP01', '10.20.0.5', 'Kerberos', 1101), logon(t + 2, APP, 'CORP', u, 10, 'JUMP01', '10.20.0.5', 'Negotiate', 1101));
  }
  // services starting as SYSTEM (type 5), the monitoring agent's network logon every 10 minutes
  for (let t = 0; t < 18 * H; t += 3 * H) rows.push(logon(t + 40, APP, 'NT AUTHORITY', 'SYSTEM', 5, '-', '-', 'Negotiate', 18));
  for (let t = 0; t < 18 * H; t += 600) rows.push(logon(t + 13, APP, 'CORP', 'svc_monitor', 3, 'MON01', '10.20.1.30', 'Kerberos', 1503));
  // an admin's own typo from the jump host
  rows.push(failed(11 * H + 1190, APP, 'adm_pkaur', 3, 'JUMP01', '10.20.0.5', '0xC000006A'));
  // planted: RDP password guessing from 185.220.101.45
  const names = ['administrator', 'admin', 'user', 'test', 'backup', 'scanner', 'guest', 'support', 'user1', 'rdp', 'sql', 'server', 'administrador', 'adm', 'test1'];
  const known = new Set(['administrator', 'backup', 'guest']);
  for (let i = 0; i < 240; i++) {
    const u = i % 4 === 0 ? 'backup' : names[i % names.length]!;
    rows.push(failed(2 * H + i * 10, APP, u, 3, i % 3 ? '-' : 'WIN-CLJ1B0GQ6JP', '185.220.101.45', known.has(u) ? '0xC000006A' : '0xC0000064'));
  }
  // planted: the guessed password used from another address, NLA then the RDP session
  const t0 = 2 * H + 47 * 60;
  rows.push(logon(t0, APP, 'APP05', 'backup', 3, 'DESKTOP-7Q2M1LF', '91.240.118.172', 'NTLM', 1008), logon(t0 + 3, APP, 'APP05', 'backup', 10, 'DESKTOP-7Q2M1LF', '91.240.118.172', 'Negotiate', 1008));
  const sid = 'S-1-5-21-2849174463-1931562345-3001746213-1011';
  const by = { SubjectUserSid: 'S-1-5-21-2849174463-1931562345-3001746213-1008', SubjectUserName: 'backup', SubjectDomainName: 'APP05', SubjectLogonId: '0x5c1a2f' };
  rows.push({ sec: t0 + 4 * 60, line: (n) => evtxRow({ n, t: hms(t0 + 4 * 60), id: 4720, provider: SEC, channel: 'Security', computer: APP, map: 'A user account was created', user: 'APP05\\backup', pd: ['Target: APP05\\support'], data: { TargetUserName: 'support', TargetDomainName: 'APP05', TargetSid: sid, ...by, PrivilegeList: '-', SamAccountName: 'support', DisplayName: '%%1793', UserPrincipalName: '-', HomeDirectory: '%%1793', PrimaryGroupId: '513', UserAccountControl: '%%2080 %%2082 %%2084' } }) });
  for (const [dt, group, gsid] of [[5 * 60, 'Administrators', 'S-1-5-32-544'], [5 * 60 + 20, 'Remote Desktop Users', 'S-1-5-32-555']] as const) {
    rows.push({ sec: t0 + dt, line: (n) => evtxRow({ n, t: hms(t0 + dt), id: 4732, provider: SEC, channel: 'Security', computer: APP, map: 'A member was added to a security-enabled local group', user: 'APP05\\backup', pd: [`Group: Builtin\\${group}`, `Member: ${sid}`], data: { MemberName: '-', MemberSid: sid, TargetUserName: group, TargetDomainName: 'Builtin', TargetSid: gsid, ...by, PrivilegeList: '-' } }) });
  }
  const task = `<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\r\n  <Triggers>\r\n    <BootTrigger>\r\n      <Enabled>true</Enabled>\r\n    </BootTrigger>\r\n  </Triggers>\r\n  <Principals>\r\n    <Principal id="Author">\r\n      <UserId>S-1-5-18</UserId>\r\n      <RunLevel>HighestAvailable</RunLevel>\r\n    </Principal>\r\n  </Principals>\r\n  <Actions Context="Author">\r\n    <Exec>\r\n      <Command>cmd.exe</Command>\r\n      <Arguments>/c C:\\Users\\backup\\AppData\\Local\\Temp\\svchelper.bat</Arguments>\r\n    </Exec>\r\n  </Actions>\r\n</Task>`;
  rows.push({ sec: t0 + 11 * 60, line: (n) => evtxRow({ n, t: hms(t0 + 11 * 60), id: 4698, provider: SEC, channel: 'Security', computer: APP, map: 'A scheduled task was created', user: 'APP05\\backup', pd: ['TaskName: \\Microsoft\\Windows\\Maintenance\\SysHealth'], data: { ...by, TaskName: '\\Microsoft\\Windows\\Maintenance\\SysHealth', TaskContent: task, ClientProcessStartKey: '2533274790395913', ClientProcessId: '4412', ParentProcessId: '3120', RpcCallClientLocality: '0', FQDN: APP } }) });
  rows.push({ sec: t0 + 18 * 60, line: (n) => evtxRow({ n, t: hms(t0 + 18 * 60), id: 1102, provider: 'Microsoft-Windows-Eventlog', channel: 'Security', computer: APP, map: 'Event log cleared', user: 'APP05\\backup', userData: { LogFileCleared: { SubjectUserSid: by.SubjectUserSid, SubjectUserName: 'backup', SubjectDomainName: 'APP05', SubjectLogonId: '0x5c1a2f' } } }) });
  return write(rows, 880_001);
}

const install = (sec: number, computer: string, name: string, image: string, account = 'LocalSystem', start = 'demand start'): Row => ({
  sec,
  line: (n) => evtxRow({ n, t: hms(sec), id: 7045, provider: SCM, channel: 'System', computer, map: 'A service was installed in the system', pd: [`Name: ${name}`, `StartType: ${start}`, 'ServiceType: user mode service', `Account: ${account}`], exe: image, data: { ServiceName: name, ImagePath: image, ServiceType: 'user mode service', StartType: start, AccountName: account } }),
});

/** APP05's System log: Windows Update's and Edge's installs, then the intruder's encoded-PowerShell service and the System log cleared. */
export function app05System(): string[] {
  const rows: Row[] = [
    install(1 * H + 600, APP, 'MpKslDrv', '\\??\\C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{6A8E1F0D-3C2B-4E7A-9D11-0B5C7E2A4F90}\\MpKslDrv.sys', '', 'manual start'),
    install(1 * H + 1400, APP, 'edgeupdate', '"C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe" /svc', 'LocalSystem', 'auto start'),
    install(1 * H + 1401, APP, 'MicrosoftEdgeElevationService', '"C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\124.0.2478.80\\elevation_service.exe"'),
    install(1 * H + 1900, APP, 'TrustedInstaller', 'C:\\Windows\\servicing\\TrustedInstaller.exe'),
    // planted
    install(2 * H + 47 * 60 + 9 * 60, APP, 'WinDefendUpd', 'powershell.exe -nop -w hidden -noni -enc JABjAD0ATgBlAHcALQBPAGIAagBlAGMAdAAgAE4AZQB0AC4AVwBlAGIAQwBsAGkAZQBuAHQA', 'LocalSystem', 'auto start'),
    { sec: 2 * H + 47 * 60 + 18 * 60 + 5, line: (n) => evtxRow({ n, t: hms(2 * H + 47 * 60 + 18 * 60 + 5), id: 104, provider: 'Microsoft-Windows-Eventlog', channel: 'System', computer: APP, map: 'Event log cleared', user: 'APP05\\backup', pd: ['Log: System'], userData: { LogFileCleared: { SubjectUserName: 'backup', SubjectDomainName: 'APP05', Channel: 'System', BackupPath: '' } } }) },
  ];
  for (let t = 0; t < 18 * H; t += 1800) rows.push({ sec: t + 2, line: (n) => evtxRow({ n, t: hms(t + 2), id: 7036, provider: SCM, channel: 'System', computer: APP, map: 'Service state change', pd: ['Name: Windows Modules Installer', 'Status: running'], data: { param1: 'Windows Modules Installer', param2: 'running', binary: '540072007500730074006500640049006E007300740061006C006C00650072002F0034000000' } }) });
  return write(rows, 55_001);
}

export const SERVERS = ['FS01', 'FS02', 'SQL01', 'SQL02', 'APP01', 'APP02', 'APP03', 'APP04', 'WEB01', 'WEB02', 'PRN01', 'HR01', 'FIN01', 'BKP01', 'CA01', 'EXCH01', 'SP01', 'CTX01'];

/**
 * A Windows Event Collector's ForwardedEvents (logon events from every server): SCCM01 checks every
 * server hourly as svc_sccm, admins RDP from the jump host to a few and one checks twelve servers
 * after patching (Kerberos), and at 14:21 WS-0457
 * (10.20.7.33) logs on over NTLM (type 3, NtLmSsp, key length 0: the pass-the-hash shape) to 14
 * servers in six minutes as CORP\adm_jlee.
 */
export function forwarded(): string[] {
  const rows: Row[] = [];
  SERVERS.forEach((s, i) => {
    for (let t = 6 * H; t < 18 * H; t += H) rows.push(logon(t + i * 20, `${s}.corp.example.com`, 'CORP', 'svc_sccm', 3, 'SCCM01', '10.20.0.20', 'Kerberos', 1504));
  });
  for (const [t, s, u] of [[9 * H, 'FS01', 'adm_jlee'], [9 * H + 900, 'SQL01', 'adm_jlee'], [10 * H, 'EXCH01', 'adm_pkaur'], [13 * H, 'CA01', 'adm_pkaur']] as const) {
    rows.push(logon(t, `${s}.corp.example.com`, 'CORP', u, 3, 'JUMP01', '10.20.0.5', 'Kerberos', 1101), logon(t + 2, `${s}.corp.example.com`, 'CORP', u, 10, 'JUMP01', '10.20.0.5', 'Negotiate', 1101));
  }
  // an admin checks twelve servers from the jump host after patching: Kerberos, by name
  SERVERS.slice(4, 16).forEach((s, i) => rows.push(logon(16 * H + i * 90, `${s}.corp.example.com`, 'CORP', 'adm_pkaur', 3, 'JUMP01', '10.20.0.5', 'Kerberos', 1102)));
  SERVERS.slice(0, 14).forEach((s, i) => rows.push(logon(14 * H + 21 * 60 + i * 25, `${s}.corp.example.com`, 'CORP', 'adm_jlee', 3, 'WS-0457', '10.20.7.33', 'NTLM', 1101)));
  return write(rows, 1_200_001);
}

/**
 * The same intrusion on RDS07 as Winlogbeat 8 ships it (ECS JSON lines with its security module's
 * winlog.logon.type, source.ip and user.name): 203.0.113.77 guesses RDP passwords for ops.admin,
 * then logs on with it itself (type 10), makes helpdesk2, puts it in Administrators and clears the
 * Security log; a colleague's RDP from the jump host beside it.
 */
export function winlogbeatRdp(): string[] {
  const host = 'RDS07.corp.example.com';
  const ev = (sec: number, code: number, channel: string, provider: string, outcome: string | null, action: string, data: Record<string, string>, extra: Record<string, unknown>, message: string): string =>
    JSON.stringify({
      '@timestamp': `2026-03-10T${hms(sec)}.${String(100 + (sec % 800)).padStart(3, '0')}Z`,
      agent: { type: 'winlogbeat', version: '8.13.4', name: 'RDS07' },
      ecs: { version: '8.0.0' },
      event: { code: String(code), provider, kind: 'event', module: channel === 'Security' ? 'security' : undefined, action, ...(outcome ? { outcome } : {}) },
      host: { name: 'rds07.corp.example.com', hostname: 'RDS07', os: { family: 'windows' } },
      log: { level: 'information' },
      winlog: { channel, event_id: String(code), computer_name: host, provider_name: provider, record_id: String(90000 + sec), event_data: data, ...extra },
      message,
    });
  const rows: { sec: number; line: string }[] = [];
  const logonRow = (sec: number, user: string, dom: string, ip: string, ws: string, type: string, pkg: string): void =>
    void rows.push({ sec, line: ev(sec, 4624, 'Security', SEC, 'success', 'logged-in', { TargetUserName: user, TargetDomainName: dom, LogonType: type, LogonProcessName: pkg === 'NTLM' ? 'NtLmSsp ' : 'User32 ', AuthenticationPackageName: pkg, WorkstationName: ws, IpAddress: ip, IpPort: '0' }, { logon: { type: type === '10' ? 'RemoteInteractive' : 'Network' } }, 'An account was successfully logged on.') });
  // trap: a colleague on RDP from the jump host
  logonRow(9 * H, 'adm_pkaur', 'CORP', '10.20.0.5', 'JUMP01', '10', 'Negotiate');
  // planted: the guessing, 120 tries at six names from 203.0.113.77
  const names = ['ops.admin', 'administrator', 'ops.admin', 'admin', 'ops.admin', 'rdpuser'];
  for (let i = 0; i < 120; i++) {
    const u = names[i % names.length]!;
    const sub = u === 'ops.admin' || u === 'administrator' ? '0xc000006a' : '0xc0000064';
    rows.push({ sec: 4 * H + i * 15, line: ev(4 * H + i * 15, 4625, 'Security', SEC, 'failure', 'logon-failed', { TargetUserName: u, TargetDomainName: '', Status: '0xc000006d', SubStatus: sub, LogonType: '3', LogonProcessName: 'NtLmSsp ', AuthenticationPackageName: 'NTLM', WorkstationName: '-', IpAddress: '203.0.113.77', IpPort: '0' }, { logon: { type: 'Network', failure: { reason: 'Unknown user name or bad password.' } } }, 'An account failed to log on.') });
  }
  const t0 = 4 * H + 31 * 60;
  logonRow(t0, 'ops.admin', 'CORP', '203.0.113.77', 'kali', '3', 'NTLM');
  logonRow(t0 + 2, 'ops.admin', 'CORP', '203.0.113.77', 'kali', '10', 'Negotiate');
  const subject = { SubjectUserName: 'ops.admin', SubjectDomainName: 'CORP', SubjectUserSid: `${DOM}-1311`, SubjectLogonId: '0x7d2a11' };
  const sid = 'S-1-5-21-3957110483-1620356788-2174436501-1013';
  rows.push({ sec: t0 + 300, line: ev(t0 + 300, 4720, 'Security', SEC, 'success', 'added-user-account', { TargetUserName: 'helpdesk2', TargetDomainName: 'RDS07', TargetSid: sid, SamAccountName: 'helpdesk2', ...subject }, {}, 'A user account was created.') });
  rows.push({ sec: t0 + 330, line: ev(t0 + 330, 4732, 'Security', SEC, 'success', 'added-member-to-group', { MemberName: '-', MemberSid: sid, TargetUserName: 'Administrators', TargetDomainName: 'Builtin', TargetSid: 'S-1-5-32-544', ...subject }, {}, 'A member was added to a security-enabled local group.') });
  rows.push({ sec: t0 + 900, line: ev(t0 + 900, 1102, 'Security', 'Microsoft-Windows-Eventlog', null, 'audit-log-cleared', {}, { user_data: { SubjectUserName: 'ops.admin', SubjectDomainName: 'CORP', SubjectUserSid: subject.SubjectUserSid, xml_name: 'LogFileCleared' } }, 'The audit log was cleared.') });
  return rows.sort((a, b) => a.sec - b.sec).map((r) => r.line);
}

/** A CSV cell, quoted as Export-Csv quotes every cell. */
export const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;
export const EXPORT_HEADER = ['#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord', '"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"'];
/** M/D/YYYY h:mm:ss AM, as Export-Csv writes TimeCreated in en-US. */
export const usTime = (sec: number): string => {
  const d = new Date(Date.UTC(2026, 2, 10) + sec * 1000);
  const h = d.getUTCHours();
  return `3/10/2026 ${h % 12 || 12}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
};
const exportRow = (msg: string, id: number, rec: number, sec: number, task: string, keywords: string, provider = SEC): string =>
  [q(msg.replace(/\n/g, '\r\n')), q(String(id)), '"0"', '""', '"0"', '"12544"', '"0"', '"-9214364837600034816"', q(String(rec)), q(provider), '"54849625-5478-4994-a5ba-3e3b0328c30d"', '"Security"', '"768"', '"4212"', '"APP09.corp.example.com"', '""', q(usTime(sec)), '"Security"', '""', '"System.Diagnostics.Eventing.Reader.EventBookmark"', '"Information"', '"Info"', q(task), q(keywords), '"System.Collections.Generic.List`1[System.Diagnostics.Eventing.Reader.EventProperty]"'].join(',');

const failMsg = (user: string, ip: string, sub: string): string =>
  `An account failed to log on.\n\nSubject:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t-\n\tAccount Domain:\t\t-\n\tLogon ID:\t\t0x0\n\nLogon Type:\t\t\t3\n\nAccount For Which Logon Failed:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t${user}\n\tAccount Domain:\t\t\n\nFailure Information:\n\tFailure Reason:\t\tUnknown user name or bad password.\n\tStatus:\t\t\t0xC000006D\n\tSub Status:\t\t${sub}\n\nProcess Information:\n\tCaller Process ID:\t0x0\n\tCaller Process Name:\t-\n\nNetwork Information:\n\tWorkstation Name:\t-\n\tSource Network Address:\t${ip}\n\tSource Port:\t\t0\n\nDetailed Authentication Information:\n\tLogon Process:\t\tNtLmSsp \n\tAuthentication Package:\tNTLM\n\tTransited Services:\t-\n\tPackage Name (NTLM only):\t-\n\tKey Length:\t\t0`;
const okMsg = (user: string, dom: string, ip: string, ws: string, type: number, pkg: string): string =>
  `An account was successfully logged on.\n\nSubject:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t-\n\tAccount Domain:\t\t-\n\tLogon ID:\t\t0x0\n\nLogon Information:\n\tLogon Type:\t\t${type}\n\tRestricted Admin Mode:\t-\n\tVirtual Account:\t\tNo\n\tElevated Token:\t\tYes\n\nImpersonation Level:\t\tImpersonation\n\nNew Logon:\n\tSecurity ID:\t\t${DOM}-1420\n\tAccount Name:\t\t${user}\n\tAccount Domain:\t\t${dom}\n\tLogon ID:\t\t0x9A1F2C\n\tLinked Logon ID:\t\t0x0\n\tNetwork Account Name:\t-\n\tNetwork Account Domain:\t-\n\tLogon GUID:\t\t{00000000-0000-0000-0000-000000000000}\n\nProcess Information:\n\tProcess ID:\t\t0x0\n\tProcess Name:\t\t-\n\nNetwork Information:\n\tWorkstation Name:\t${ws}\n\tSource Network Address:\t${ip}\n\tSource Port:\t\t0\n\nDetailed Authentication Information:\n\tLogon Process:\t\t${pkg === 'NTLM' ? 'NtLmSsp ' : 'User32 '}\n\tAuthentication Package:\t${pkg}\n\tTransited Services:\t-\n\tPackage Name (NTLM only):\t${pkg === 'NTLM' ? 'NTLM V2' : '-'}\n\tKey Length:\t\t0`;
const subj = `Subject:\n\tSecurity ID:\t\t${DOM}-1420\n\tAccount Name:\t\tsvc_scan\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x9A1F2C\n`;

/**
 * APP09's Security log by Get-WinEvent | Export-Csv (message text only): 198.51.100.14 guesses RDP
 * passwords for svc_scan and logs on with it itself (type 10), then a scheduled task runs encoded
 * PowerShell; a user's ordinary RDP from the office beside it.
 */
export function app09Export(): string[] {
  const rows: { sec: number; line: string }[] = [];
  let rec = 31000;
  const add = (sec: number, msg: string, id: number, task: string, keywords: string): void => void rows.push({ sec, line: exportRow(msg, id, rec++, sec, task, keywords) });
  add(8 * H, okMsg('l.meyer', 'CORP', '10.20.10.61', 'WS-0161', 10, 'Negotiate'), 4624, 'Logon', '{Audit Success}');
  for (let i = 0; i < 60; i++) add(5 * H + i * 20, failMsg(i % 3 ? 'svc_scan' : 'scanner', '198.51.100.14', i % 3 ? '0xC000006A' : '0xC0000064'), 4625, 'Logon', '{Audit Failure}');
  const t0 = 5 * H + 22 * 60;
  add(t0, okMsg('svc_scan', 'CORP', '198.51.100.14', 'WIN-R4ND0M', 10, 'Negotiate'), 4624, 'Logon', '{Audit Success}');
  add(t0 + 240, `A scheduled task was created.\n\n${subj}\nTask Information:\n\tTask Name: \t\t\\OneDrive Standalone Update Task-S-1-5-21\n\tTask Content: \t\t<?xml version="1.0" encoding="UTF-16"?>\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\n  <Actions Context="Author">\n    <Exec>\n      <Command>powershell.exe</Command>\n      <Arguments>-NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA</Arguments>\n    </Exec>\n  </Actions>\n</Task>`, 4698, 'Other Object Access Events', '{Audit Success}');
  return [...EXPORT_HEADER, ...rows.sort((a, b) => a.sec - b.sec).map((r) => r.line)];
}
