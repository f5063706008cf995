// Round 24, Windows / Active Directory: a password spray that locks accounts out, the directory
// changed to keep the domain (pre-authentication off, AdminSDHolder, the domain's replication
// rights, a GPO that pushes scheduled tasks), and ransomware's staging on the file servers; each
// beside a domain's ordinary day (EvtxECmd CSV, wevtutil XML, Get-WinEvent | Export-Csv).
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as W from './planted24win/windows';
import { guardOf } from '../../../src/core/analysis/directoryEvents';
import { hostEvent } from '../../../src/core/analysis/hostEvents';

afterAll(cleanupPlanted);

const atLeast = (found: Finding[], sev: Finding['severity']): string[] => found.filter((f) => RANK[f.severity] >= RANK[sev]).map((f) => `${f.detector}:${f.entity}`).sort();

describe('round 24 Windows: the domain controllers (EvtxECmd CSV)', () => {
  let found: Finding[];
  it('reads DC01\'s day', async () => {
    found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc01-security.csv', W.dc01Security());
      return files;
    });
  });

  it('tells the 28 lockouts as the consequence of 10.20.30.41\'s failed logons; s.yilmaz locked out by her phone stays quiet', () => {
    const f = expectFound(found, 'directoryChanges', '10.20.30.41', 'high');
    expect(f.title).toBe("28 accounts locked out on DC01.corp.example.com by 10.20.30.41's failed logons");
    expect(f.explanation).toMatch(/They are the consequence of 10\.20\.30\.41's failed logons: it failed 140 times on 28 user names/);
    expect(f.explanation).toMatch(/the caller computer being WS-0457/);
    expect(f.numbers).toMatchObject({ accounts: 28, lockouts: 28, cause: '10.20.30.41', callers: 'WS-0457' });
    expect(f.threshold?.setting).toBe('directoryChanges.minLockouts');
    expect(f.explanation).not.toMatch(/s\.yilmaz/);
    // the spray itself stays the guessing run, critical (m.keller's logon after it), and names the lockouts
    const spray = expectFound(found, 'bruteForce', '10.20.30.41', 'critical');
    expect(spray.explanation).toMatch(/Its consequence: 28 of the accounts it tried were locked out \(directoryChanges, high/);
    expect(spray.numbers.lockedOut).toBe(28);
  });

  it('reports pre-authentication turned off for svc_legacy, AdminSDHolder opened and an immediate task put into the Default Domain Policy, all by m.keller', () => {
    const asrep = expectFound(found, 'directoryChanges', 'svc_legacy', 'high');
    expect(asrep.title).toMatch(/svc_legacy: Kerberos pre-authentication turned off \('Don't Require Preauth'\) by CORP\\m\.keller/);
    expect(asrep.explanation).toMatch(/AS-REP roasting/);
    const sd = expectFound(found, 'directoryChanges', 'AdminSDHolder', 'high');
    expect(sd.explanation).toMatch(/SDProp copies AdminSDHolder's permissions onto every protected account/);
    const gpo = expectFound(found, 'directoryChanges', '{31B2F340-016D-11D2-945F-00C04FB984F9}', 'high');
    expect(gpo.title).toMatch(/scheduled tasks .* by CORP\\m\.keller/);
    expect(gpo.numbers).toMatchObject({ attribute: 'gPCMachineExtensionNames', by: 'CORP\\m.keller' });
  });

  it('tells the three changes as what followed the sprayed password\'s logon on DC01 (m.keller from 10.20.30.41), critical', () => {
    const chain = expectFound(found, 'hostTampering', 'DC01.corp.example.com', 'critical');
    expect(chain.title).toBe('After a guessed Windows logon as CORP\\m.keller from 10.20.30.41, DC01.corp.example.com: pre-authentication turned off for svc_legacy, permissions changed on AdminSDHolder, scheduled tasks put into GPO {31B2F340-016D-11D2-945F-00C04FB984F9}');
    expect(chain.explanation).toMatch(/10\.20\.30\.41 failed to log on 140 times/);
    expect(chain.numbers).toMatchObject({ steps: 3, minutesToFirstStep: 1 });
  });

  it('stays quiet on the help desk\'s resets, pre-authentication turned back on, the GPO admins\' security settings, DNS records and the SCCM and backup accounts', () => {
    expect(found.filter((x) => /hd-anna|adm_pkaur|adm_gpo|svc_scan|j\.alvarez|6AC1786C|DC02\$|svc_sccm|svc_backup/.test(`${x.entity} ${x.title}`)), listFindings(found)).toEqual([]);
    expect(atLeast(found, 'low'), listFindings(found)).toEqual([
      'bruteForce:10.20.30.41', 'directoryChanges:10.20.30.41', 'directoryChanges:AdminSDHolder', 'directoryChanges:svc_legacy', 'directoryChanges:{31B2F340-016D-11D2-945F-00C04FB984F9}', 'hostTampering:DC01.corp.example.com',
    ]);
  });
});

describe('round 24 Windows: DC02 saved by wevtutil (XML)', () => {
  it('ties a Kerberos spray\'s lockouts (4771 then 4740, no caller computer) to 10.20.30.77, reports DCSync rights granted on the domain object and a password made optional; a laptop\'s lockout and a read-only ACL change stay quiet', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc02-security.xml', W.dc02Xml());
      return files;
    });
    const wave = expectFound(found, 'directoryChanges', '10.20.30.77', 'high');
    expect(wave.numbers).toMatchObject({ accounts: 11, cause: '10.20.30.77', causeFailures: 66 });
    expect(wave.explanation).not.toMatch(/t\.novak/);
    const acl = expectFound(found, 'directoryChanges', 'DC=corp,DC=example,DC=com', 'high');
    expect(acl.title).toMatch(/directory replication rights .* by CORP\\svc_helpdesk/);
    expect(acl.numbers.changes).toBe(1);
    expect(expectFound(found, 'directoryChanges', 'guest2', 'medium').title).toMatch(/'Password Not Required' turned on by CORP\\svc_helpdesk/);
    expect(found.filter((x) => /t\.novak|10\.20\.50\.8|hd-anna|adm_pkaur|Nina/.test(`${x.entity} ${x.title}`)), listFindings(found)).toEqual([]);
  });
});

describe('round 24 Windows: ransomware staging on the file servers', () => {
  it('reports FS01 stopping nine backup, database, mail and antivirus services in a minute and disabling two (EvtxECmd); SQL02\'s patch-night restart, APP03\'s update reboot, shadow copies idling out and the spooler disabled stay quiet', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('servers-system.csv', W.serversSystem());
      return files;
    });
    const f = expectFound(found, 'ransomStaging', 'FS01.corp.example.com', 'high');
    expect(f.title).toBe('9 backup, database and security services stopped on FS01.corp.example.com within 1 min');
    expect(f.explanation).toMatch(/and set Veeam Backup Service, Sophos MCS Agent to disabled/);
    expect(f.numbers).toMatchObject({ services: 9, disabled: 2 });
    expect(f.threshold?.setting).toBe('ransomStaging.minServices');
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['ransomStaging:FS01.corp.example.com']);
  });

  it('makes FS02\'s stops critical with the bcdedit that turned recovery off and the Security log cleared (Export-Csv, message text only)', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('fs02-export.csv', W.fs02Export());
      return files;
    });
    const f = expectFound(found, 'ransomStaging', 'FS02.corp.example.com', 'critical');
    expect(f.explanation).toMatch(/Veeam Backup Service, Veeam Broker Service, SQL Server \(VEEAMSQL2016\), Sophos File Scanner Service, Sophos Endpoint Defense Service/);
    expect(f.explanation).toMatch(/set Veeam Backup Service to disabled/);
    expect(f.explanation).toMatch(/“bcdedit\.exe \/set \{default\} recoveryenabled no” run by CORP\\m\.keller .*the Security log cleared by CORP\\m\.keller/);
    expect(f.numbers).toMatchObject({ recoveryRemoved: 1, logsCleared: 1 });
  });

  it('knows what a service guards by its name', () => {
    expect(['Veeam Backup Service', 'Volume Shadow Copy', 'Sophos MCS Agent', 'SQL Server (MSSQLSERVER)', 'Microsoft Exchange Information Store', 'Print Spooler', 'Windows Update'].map(guardOf)).toEqual(['backup', 'shadow copies', 'antivirus', 'database', 'mail', null, null]);
  });
});

describe('round 24 Windows: encryption on FS01 (Sysmon, EvtxECmd)', () => {
  it('reports Restore-My-Files.txt in 14 folders and 112 documents renamed .lockbit as critical; the SDK\'s readme files, an installer\'s README and Chrome\'s downloads stay quiet', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('fs01-sysmon.csv', W.fs01Sysmon());
      return files;
    });
    const ours = found.filter((f) => f.detector === 'ransomStaging');
    expect(ours.map((f) => `${f.severity}:${f.title}`).sort(), listFindings(found)).toEqual([
      'critical:112 files given the new extension .lockbit on FS01.corp.example.com within 6 min',
      'critical:Ransom note Restore-My-Files.txt written in 14 folders on FS01.corp.example.com within 5 min',
    ]);
    const note = ours.find((f) => /Ransom note/.test(f.title))!;
    expect(note.explanation).toMatch(/Written by C:\\ProgramData\\svc\.exe as CORP\\m\.keller/);
    expect(note.threshold?.setting).toBe('ransomStaging.minNoteFolders');
    expect(found.filter((x) => /sdk-4\.2|module\d|Notepad|Downloads|adm_pkaur/.test(`${x.title} ${x.explanation}`)), listFindings(found)).toEqual([]);
  });
});

describe('round 24 Windows: overpass-the-hash on a workstation (EvtxECmd)', () => {
  it('reports m.keller starting a process with adm_jlee\'s network credentials (type 9, seclogo) as high; an admin\'s own admin account and a partner forest\'s account stay quiet', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('workstations-security.csv', W.workstations());
      return files;
    });
    const f = expectFound(found, 'hostTampering', 'WS-0457.corp.example.com', 'high');
    expect(f.title).toBe("CORP\\m.keller started a process on WS-0457.corp.example.com with CORP\\adm_jlee's network credentials (logon type 9, seclogo): overpass-the-hash?");
    expect(f.explanation).toMatch(/mimikatz sekurlsa::pth/);
    expect(f.explanation).toMatch(/hostTampering\.reportNetonly/);
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['hostTampering:WS-0457.corp.example.com']);
  });
});

describe('round 24 Windows: one task pushed to the workstations (a collector\'s ForwardedEvents, EvtxECmd)', () => {
  it('reports \\WindowsUpdateRefresh created on 14 workstations in 3 min to run a program from NETLOGON as high; Google Update, Office and SCCM rolling out their tasks and an admin\'s task stay quiet', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('wec-forwarded.csv', W.forwardedTasks());
      return files;
    });
    const f = expectFound(found, 'hostTampering', '\\WindowsUpdateRefresh', 'high');
    expect(f.title).toBe('Scheduled task \\WindowsUpdateRefresh created on 14 machines within 3 min to run \\\\corp.example.com\\NETLOGON\\wupd.exe');
    expect(f.threshold?.setting).toBe('hostTampering.minTaskMachines');
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['hostTampering:\\WindowsUpdateRefresh']);
  });
});

describe('round 24 Windows: the same read from evtx_dump JSON lines', () => {
  it('ties six lockouts on DC03 to 10.20.30.99 and reports HV01\'s four guarding services stopped; a user\'s own lockout and the backup agent\'s restart stay quiet', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc03-hv01.jsonl', W.evtxDump());
      return files;
    });
    const wave = expectFound(found, 'directoryChanges', '10.20.30.99', 'high');
    expect(wave.numbers).toMatchObject({ accounts: 6, cause: '10.20.30.99', callers: 'DESKTOP-7Q2M1LK' });
    const hv = expectFound(found, 'ransomStaging', 'HV01.corp.example.com', 'high');
    expect(hv.numbers).toMatchObject({ services: 4, kinds: 'backup,shadow copies,database,antivirus' });
    expect(found.filter((x) => /d\.moreau|10\.20\.10\.23|Veeam Agent/.test(`${x.entity} ${x.title} ${x.explanation}`)), listFindings(found)).toEqual([]);
  });
});

describe('round 24 Windows: RDP hopping (a collector\'s ForwardedEvents, EvtxECmd)', () => {
  it('reports adm_jlee opening sessions on four servers from four addresses in 13 min as medium; the jump host\'s patching, an admin between jump host and desk and a user\'s two devices stay quiet', async () => {
    const found = await analysePlanted('planted24win', (dir) => {
      const { put, files } = logFiles(dir);
      put('wec-rdp.csv', W.forwardedRdp());
      return files;
    });
    const f = expectFound(found, 'hostTampering', 'CORP\\adm_jlee', 'medium');
    expect(f.title).toBe('CORP\\adm_jlee opened Remote Desktop sessions on 4 machines from 4 addresses within 13 min');
    expect(f.explanation).toMatch(/10\.20\.7\.33 → APP01\.corp\.example\.com .*10\.20\.2\.11 → SQL01\.corp\.example\.com/);
    expect(f.threshold?.setting).toBe('hostTampering.rdpHopHosts');
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['hostTampering:CORP\\adm_jlee']);
  });
});

describe('round 24 Windows: the events as Event Viewer words them (Get-WinEvent | Export-Csv keeps only the message)', () => {
  const cell = (id: string, host: string, msg: string): string => `${JSON.stringify({ Id: id, ProviderName: 'Microsoft-Windows-Security-Auditing' })}\n${host}\n${msg.replace(/\n/g, '\r\n')}`;
  const subj = 'Subject:\n\tSecurity ID:\t\tS-1-5-21-1-2-3-1212\n\tAccount Name:\t\tm.keller\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x4A21F3\n';

  it('reads a lockout\'s account and caller, a 4738\'s flags, a 5136\'s object and a 7040\'s service from the message text', () => {
    const lock = hostEvent(1, cell('4740', 'DC01', `A user account was locked out.\n\nSubject:\n\tSecurity ID:\t\tSYSTEM\n\tAccount Name:\t\tDC01$\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x3E7\n\nAccount That Was Locked Out:\n\tSecurity ID:\t\tS-1-5-21-1-2-3-1201\n\tAccount Name:\t\ta.becker\n\nAdditional Information:\n\tCaller Computer Name:\tWS-0457`), 0, null);
    expect(lock).toMatchObject({ kind: 'lockout', target: 'a.becker', caller: 'WS-0457' });
    const uac = `A user account was changed.\n\n${subj}\nTarget Account:\n\tSecurity ID:\t\tS-1-5-21-1-2-3-1300\n\tAccount Name:\t\tsvc_legacy\n\tAccount Domain:\t\tCORP\n\nChanged Attributes:\n\tSAM Account Name:\t-\n\tOld UAC Value:\t\t0x210\n\tNew UAC Value:\t\t0x400210\n\tUser Account Control:\t\n\t\t'Don't Require Preauth' - Enabled\n`;
    expect(hostEvent(2, cell('4738', 'DC01', uac), 0, null)).toMatchObject({ kind: 'directoryChange', target: 'svc_legacy', reasons: ['preauthOff'], user: 'CORP\\m.keller' });
    // the flag turned back off is no weakening
    expect(hostEvent(3, cell('4738', 'DC01', uac.replace("'Don't Require Preauth' - Enabled", "'Don't Require Preauth' - Disabled").replace('0x210\n\tNew UAC Value:\t\t0x400210', '0x400210\n\tNew UAC Value:\t\t0x210')), 0, null)).toBeNull();
    const ds = `A directory service object was modified.\n\n${subj}\nDirectory Service:\n\tName:\tcorp.example.com\n\tType:\tActive Directory Domain Services\n\nObject:\n\tDN:\tCN=AdminSDHolder,CN=System,DC=corp,DC=example,DC=com\n\tGUID:\tCN=AdminSDHolder,CN=System,DC=corp,DC=example,DC=com\n\tClass:\tcontainer\n\nAttribute:\n\tLDAP Display Name:\tnTSecurityDescriptor\n\tSyntax (OID):\t2.5.5.15\n\tValue:\tO:DAG:DAD:PAI(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1212)\n\nOperation:\n\tType:\tValue Added\n\tCorrelation ID:\t{b2f10c1e-4d2a-4b7e-9a1c-000000000001}\n\tApplication Correlation ID:\t-`;
    expect(hostEvent(4, cell('5136', 'DC01', ds), 0, null)).toMatchObject({ kind: 'directoryChange', target: 'CN=AdminSDHolder,CN=System,DC=corp,DC=example,DC=com', attribute: 'nTSecurityDescriptor', reasons: ['adminSdHolder'] });
    expect(hostEvent(5, `${JSON.stringify({ Id: '7040', ProviderName: 'Service Control Manager' })}\nFS02\nThe start type of the Sophos MCS Agent service was changed from auto start to disabled.`, 0, null)).toMatchObject({ kind: 'serviceStopped', service: 'Sophos MCS Agent', group: 'antivirus', disabled: true });
    expect(hostEvent(6, `${JSON.stringify({ Id: '7040', ProviderName: 'Service Control Manager' })}\nFS02\nThe start type of the Background Intelligent Transfer Service service was changed from demand start to auto start.`, 0, null)).toBeNull();
  });

  it('reads runas /netonly\'s network account from "Network Account Name"', () => {
    const msg = `An account was successfully logged on.\n\nSubject:\n\tSecurity ID:\t\tS-1-5-21-1-2-3-1212\n\tAccount Name:\t\tm.keller\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x4A21F3\n\nLogon Information:\n\tLogon Type:\t\t9\n\tRestricted Admin Mode:\t-\n\tVirtual Account:\t\tNo\n\tElevated Token:\t\tNo\n\nNew Logon:\n\tSecurity ID:\t\tS-1-5-21-1-2-3-1212\n\tAccount Name:\t\tm.keller\n\tAccount Domain:\t\tCORP\n\tLogon ID:\t\t0x7A1F00\n\tNetwork Account Name:\tadm_jlee\n\tNetwork Account Domain:\tCORP\n\nProcess Information:\n\tProcess ID:\t\t0x3a8\n\tProcess Name:\t\tC:\\Windows\\System32\\svchost.exe\n\nDetailed Authentication Information:\n\tLogon Process:\t\tseclogo\n\tAuthentication Package:\tNegotiate`;
    expect(hostEvent(7, cell('4624', 'WS-0457', msg), 0, null)).toMatchObject({ kind: 'netonly', user: 'CORP\\m.keller', target: 'CORP\\adm_jlee', image: 'C:\\Windows\\System32\\svchost.exe' });
  });
});
