// Round 23, Windows: RDP guessing on an exposed server and the guessed account used from another
// address, followed by the intruder's own administrator, a service, a task and the logs cleared; a
// Kerberos spray that found a password; pass-the-hash across the servers. Each beside a domain's
// ordinary day (EvtxECmd CSV of each machine and of a Windows Event Collector).
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import * as W from './planted23win/windows';
import { keepWindowsLogon, ntlmNetworkLogon, windowsLogon } from '../../../src/core/analysis/windowsLogons';

afterAll(cleanupPlanted);

const atLeast = (found: Finding[], sev: Finding['severity']): string[] => found.filter((f) => RANK[f.severity] >= RANK[sev]).map((f) => `${f.detector}:${f.entity}`).sort();

describe('round 23 Windows: RDP guessed from one address, the password used from another, then persistence and a cover-up', () => {
  it('ties 185.220.101.45\'s guessing to 91.240.118.172\'s RDP logon as backup and to what followed on APP05; the admins\' RDP from the jump host stays quiet', async () => {
    const found = await analysePlanted('planted23win', (dir) => {
      const { put, files } = logFiles(dir);
      put('app05-security.csv', W.app05Security());
      put('app05-system.csv', W.app05System());
      return files;
    });
    // the logon with the guessed password, from an address that never guessed
    const login = expectFound(found, 'bruteForce', '91.240.118.172', 'high');
    expect(login.title).toMatch(/Guessed account APP05\\backup logged in from 91\.240\.118\.172, a new address, after guessing from 185\.220\.101\.45/);
    expect(login.explanation).toMatch(/RDP \(logon type 10\) after its NLA network logon/);
    // the chain on the machine, in time order, critical (administrators' rights were used)
    const chain = expectFound(found, 'hostTampering', 'APP05.corp.example.com', 'critical');
    expect(chain.title).toMatch(/After a guessed Windows logon as APP05\\backup from 91\.240\.118\.172/);
    expect(chain.explanation).toMatch(/185\.220\.101\.45 failed to log on as APP05\\backup 72 times \(240 failures in all/);
    const order = ['account APP05\\support created', 'APP05\\support added to Administrators', 'service WinDefendUpd installed', 'scheduled task \\Microsoft\\Windows\\Maintenance\\SysHealth created', 'the Security log cleared', 'the System log cleared'].map((s) => chain.explanation.indexOf(s));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!)), chain.explanation).toBe(true);
    // Remote Desktop Users is no administrators group: not a step
    expect(chain.explanation).not.toMatch(/Remote Desktop Users/);
    expect(chain.numbers).toMatchObject({ user: 'APP05\\backup', from: '91.240.118.172', guessedFrom: '185.220.101.45', steps: 6, minutesToFirstStep: 4 });
    expect(chain.threshold?.setting).toBe('hostTampering.afterLoginMinutes');
    // the guesser's finding names what followed, and is as severe
    const guesser = expectFound(found, 'bruteForce', '185.220.101.45', 'critical');
    expect(guesser.explanation).toMatch(/the account this address was guessing/);
    // names that do not exist (SubStatus 0xC0000064) are told apart from wrong passwords (0xC000006A)
    expect(guesser.explanation).toMatch(/240 times \(144 for user names that do not exist\)/);
    expect(guesser.numbers.invalidUsers).toBe(144);
    // the admins on RDP from the jump host, the monitoring agent and an admin's typo are no findings
    expect(found.filter((x) => /10\.20\.|JUMP01|adm_|svc_monitor/.test(`${x.entity} ${x.title}`)), listFindings(found)).toEqual([]);
    // nor are Defender's driver, Edge's and Windows Update's services
    expect(atLeast(found, 'low'), listFindings(found)).toEqual([
      'bruteForce:185.220.101.45', 'bruteForce:91.240.118.172', 'hostTampering:APP05.corp.example.com', 'hostTampering:APP05.corp.example.com',
      'hostTampering:APP05\\support', 'hostTampering:WinDefendUpd@APP05.corp.example.com', 'hostTampering:\\Microsoft\\Windows\\Maintenance\\SysHealth@APP05.corp.example.com',
    ]);
  });

  it('tells the same from Winlogbeat JSON whose user column took TargetUserName: the guesser logs on itself, helpdesk2 made and put in Administrators (known by the group\'s SID), the Security log cleared', async () => {
    const found = await analysePlanted('planted23win', (dir) => {
      const { put, files } = logFiles(dir);
      put('rds07-winlogbeat.json', W.winlogbeatRdp());
      return files;
    });
    const chain = expectFound(found, 'hostTampering', 'RDS07.corp.example.com', 'critical');
    expect(chain.title).toMatch(/After a guessed Windows logon as ops\.admin from 203\.0\.113\.77, RDS07\.corp\.example\.com: account RDS07\\helpdesk2 made, RDS07\\helpdesk2 put in Administrators, Security log cleared/);
    expect(chain.explanation).toMatch(/203\.0\.113\.77 failed to log on 120 times/);
    expectFound(found, 'hostTampering', 'RDS07\\helpdesk2', 'high');
    expect(expectFound(found, 'bruteForce', '203.0.113.77', 'critical').title).toMatch(/then a success/);
    expect(found.filter((x) => /10\.20\.0\.5|adm_pkaur/.test(`${x.entity} ${x.title}`)), listFindings(found)).toEqual([]);
  });

  it('tells it from Get-WinEvent | Export-Csv, where the logon type is only in the message text: the guesser logs on as svc_scan itself over RDP, then a task runs hidden encoded PowerShell', async () => {
    const found = await analysePlanted('planted23win', (dir) => {
      const { put, files } = logFiles(dir);
      put('app09-security-export.csv', W.app09Export());
      return files;
    });
    const chain = expectFound(found, 'hostTampering', 'APP09.corp.example.com', 'high');
    expect(chain.title).toMatch(/After a guessed Windows logon as svc_scan from 198\.51\.100\.14, APP09\.corp\.example\.com: task \\OneDrive Standalone Update Task-S-1-5-21 scheduled/);
    expect(chain.explanation).toMatch(/logged on to APP09\.corp\.example\.com as svc_scan with RDP \(logon type 10\)/);
    // a task alone is no proof of administrators' rights: high, not critical
    expect(chain.severity).toBe('high');
    expect(expectFound(found, 'bruteForce', '198.51.100.14', 'critical').explanation).toMatch(/60 times \(20 for user names that do not exist\)/);
    expect(found.filter((x) => /10\.20\.10\.61|l\.meyer/.test(`${x.entity} ${x.title}`)), listFindings(found)).toEqual([]);
  });

  it('keeps a logon once per address, account and machine, from outside or after guessing, not after a colleague\'s typo; RDP\'s NLA logon is then said to be RDP', () => {
    const seen = new Map();
    const at = (ts: number, user: string, ip: string, type: string): NonNullable<ReturnType<typeof windowsLogon>> => windowsLogon(ts, `winlogon\nAPP05\nLogonType ${type}`, ts, user, ip)!;
    expect(keepWindowsLogon(at(1, 'CORP\\l.meyer', '10.20.10.61', '10'), seen, 1, 3)).toBe(false);
    expect(keepWindowsLogon(at(2, 'CORP\\svc_scan', '10.20.30.41', '3'), seen, 12, 3)).toBe(true);
    const nla = at(3, 'APP05\\backup', '91.240.118.172', '3');
    expect(keepWindowsLogon(nla, seen, 0, 3)).toBe(true);
    expect(keepWindowsLogon(at(4, 'backup', '91.240.118.172', '10'), seen, 0, 3)).toBe(false);
    expect(nla.method).toMatch(/^RDP \(logon type 10\) after its NLA network logon/);
  });

  it('reads the logon type as each export writes it, and leaves local and machine-account logons out', () => {
    const cell = (text: string): string => `winlogon\nAPP05\n${text}`;
    expect(windowsLogon(1, cell('{"EventId":"4624","PayloadData2":"LogonType 10"}'), 0, 'APP05\\backup', '91.240.118.172')?.method).toMatch(/RDP/);
    expect(windowsLogon(1, cell('An account was successfully logged on.\r\n\r\nLogon Information:\r\n\tLogon Type:\t\t10\r\n'), 0, 'APP05\\backup', '91.240.118.172')?.method).toMatch(/RDP/);
    expect(windowsLogon(1, cell('\n{"winlog.event_id":"4624","winlog.event_data.LogonType":"3"}'), 0, 'backup', '::ffff:91.240.118.172')).toMatchObject({ ip: '91.240.118.172', method: expect.stringMatching(/network logon/) });
    expect(windowsLogon(1, cell('{"EventId":"4624","PayloadData2":"LogonType 5"}'), 0, 'NT AUTHORITY\\SYSTEM', '10.0.0.1')).toBeNull();
    expect(windowsLogon(1, cell('{"EventId":"4624","PayloadData2":"LogonType 3"}'), 0, 'CORP\\WS-0101$', '10.20.10.20')).toBeNull();
  });
});

describe('round 23 Windows: a Kerberos password spray at the domain controller that found a password', () => {
  it('reports 10.20.30.41 failing pre-authentication (4771 0x18) for 46 accounts once or twice each, then getting m.keller\'s TGT (4768), as critical; typos, a phone with an old password and the service accounts stay quiet', async () => {
    const found = await analysePlanted('planted23win', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc01-security.csv', W.dc01Security());
      return files;
    });
    const f = expectFound(found, 'bruteForce', '10.20.30.41', 'critical');
    expect(f.title).toMatch(/password spraying from 10\.20\.30\.41: 47 user names, 53 failed logins, then a success/);
    expect(f.explanation).toMatch(/logged in successfully 1 time\(s\) after the failures began \(user\(s\): CORP\\m\.keller\): treat those accounts as compromised/);
    expect(f.numbers).toMatchObject({ spraying: 'yes', successes: 1, successfulUsers: 'CORP\\m.keller' });
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['bruteForce:10.20.30.41']);
  });
});

describe('round 23 Windows: pass-the-hash across the servers (a Windows Event Collector\'s ForwardedEvents)', () => {
  it('reports WS-0457 (10.20.7.33) logging on over NTLM to 14 servers in five minutes as adm_jlee as high, naming the pass-the-hash shape; the jump host checking twelve servers over Kerberos stays medium, SCCM visiting every server hourly is quiet', async () => {
    const found = await analysePlanted('planted23win', (dir) => {
      const { put, files } = logFiles(dir);
      put('wec-forwarded.csv', W.forwarded());
      return files;
    });
    const f = expectFound(found, 'lateralMovement', '10.20.7.33', 'high');
    expect(f.explanation).toMatch(/14 of its 14 logins were network logons \(type 3\) over NTLM/);
    expect(f.explanation).toMatch(/pass-the-hash shape/);
    expect(f.explanation).toMatch(/lateralMovement\.ntlmShare/);
    expect(f.numbers).toMatchObject({ logonHosts: 14, ntlmLogins: 14, users: 'CORP\\adm_jlee' });
    const jump = expectFound(found, 'lateralMovement', '10.20.0.5', 'medium');
    expect(jump.severity).toBe('medium');
    expect(jump.explanation).not.toMatch(/NTLM/);
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['lateralMovement:10.20.0.5', 'lateralMovement:10.20.7.33']);
  });

  it('tells NTLM network logons from Kerberos ones and from RDP, in fields and in message text', () => {
    const cell = (text: string): string => `winlogon\nFS01\n${text}`;
    expect(ntlmNetworkLogon(cell('{"PayloadData2":"LogonType 3","Payload":"{\\"EventData\\":{\\"Data\\":[{\\"@Name\\":\\"AuthenticationPackageName\\",\\"#text\\":\\"NTLM\\"}]}}"}'))).toBe(true);
    expect(ntlmNetworkLogon(cell('An account was successfully logged on.\r\n\tLogon Type:\t\t3\r\nDetailed Authentication Information:\r\n\tLogon Process:\t\tNtLmSsp \r\n\tAuthentication Package:\tNTLM\r\n\tPackage Name (NTLM only):\tNTLM V2'))).toBe(true);
    expect(ntlmNetworkLogon(cell('An account was successfully logged on.\r\n\tLogon Type:\t\t3\r\nDetailed Authentication Information:\r\n\tLogon Process:\t\tKerberos\r\n\tAuthentication Package:\tKerberos\r\n\tPackage Name (NTLM only):\t-'))).toBe(false);
    expect(ntlmNetworkLogon(cell('{"winlog.event_data.LogonType":"10","winlog.event_data.AuthenticationPackageName":"NTLM"}'))).toBe(false);
    expect(ntlmNetworkLogon('sshd\nweb1\nAccepted password for x from 1.2.3.4 port 22 ssh2 AuthenticationPackageName NTLM LogonType 3')).toBe(false);
  });
});
