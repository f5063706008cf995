// Round 7, hosts: Windows domain attacks (a spray whose events carry no address, AS-REP roasting,
// DCSync, a scheduled task as persistence) and what an intruder does on a Linux server after a
// guessed login, each beside the ordinary events that look like it.
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles, RANK } from './plantedKit';
import { taskReasons } from '../../../src/core/analysis/hostEvents';
import * as W from './planted7host/windows';
import * as L from './planted7host/linux';
import { linuxEvent } from '../../../src/core/analysis/linuxEvents';

afterAll(cleanupPlanted);

const atLeast = (found: Finding[], sev: Finding['severity']): string[] => found.filter((f) => RANK[f.severity] >= RANK[sev]).map((f) => `${f.detector}:${f.entity}`).sort();

describe('round 7 host: a password spray whose failed logons logged no address (IpAddress "-")', () => {
  it('attributes NTLM failures (EvtxECmd 4625) to the workstation KALI and says why; staff mistyping from their laptops, and the Citrix server whose users mostly get in, stay quiet', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('fs01-security-evtxecmd.csv', W.sprayNoAddress());
      return files;
    });
    const f = expectFound(found, 'bruteForce', 'KALI', 'medium');
    expect(f.title).toMatch(/password spraying/);
    expect(f.explanation).toMatch(/14 different user name/);
    expect(f.explanation).toMatch(/workstation KALI/);
    expect(f.explanation).toMatch(/IpAddress "-"/);
    expect(found.filter((x) => /LT-0|CTX01/.test(x.entity)), listFindings(found)).toEqual([]);
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['bruteForce:KALI']);
  });

  it('reads the workstation from the message text of Export-Csv (RDP, logon type 10) and from 4776 in wevtutil XML', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('rds01-security-export.csv', W.sprayNoAddressExport());
      put('dc01-ntlm.xml', W.wevtutilXml());
      return files;
    });
    const rdp = expectFound(found, 'bruteForce', 'WIN-8J3KQ2', 'medium');
    expect(rdp.explanation).toMatch(/10 different user name/);
    const ntlm = expectFound(found, 'bruteForce', 'PARROT', 'medium');
    expect(ntlm.explanation).toMatch(/12 different user name/);
    // the thin client at reception and p.owens's two typos are no findings
    expect(found.filter((x) => /TC-RECEPTION|LT-0/.test(x.entity)), listFindings(found)).toEqual([]);
  });
});

describe('round 7 host: the same from Winlogbeat (ECS JSON lines, event.outcome set)', () => {
  it('attributes the NTLM spray to BLACKARCH and reports AS-REP roasting from 10.0.7.9; v.costa\'s two typos stay quiet', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('winlogbeat.json', W.winlogbeat());
      return files;
    });
    expect(expectFound(found, 'bruteForce', 'BLACKARCH', 'medium').explanation).toMatch(/12 different user name/);
    expect(expectFound(found, 'kerberoasting', '10.0.7.9', 'high').title).toMatch(/AS-REP/);
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['bruteForce:BLACKARCH', 'kerberoasting:10.0.7.9']);
  });
});

describe('round 7 host: AS-REP roasting (4768 without pre-authentication)', () => {
  it('reports 10.0.5.66 getting TGTs without pre-authentication for four accounts in seconds; the copier logging on as its own account all day stays quiet', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc01-tgt-evtxecmd.csv', W.asRepRoast());
      return files;
    });
    const f = expectFound(found, 'kerberoasting', '10.0.5.66', 'high');
    expect(f.title).toMatch(/AS-REP roasting/);
    expect(f.explanation).toMatch(/old\.sqlreport/);
    expect(f.explanation).toMatch(/RC4/);
    expect(f.threshold?.setting).toBe('kerberoasting.minAsRepAccounts');
    expect(f.numbers.accounts).toBe(4);
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['kerberoasting:10.0.5.66']);
  });
});

describe('round 7 host: Kerberoasting that asks for AES tickets', () => {
  it('reports 10.0.5.80 getting AES tickets for 18 service accounts in a minute as medium; workstations and the reporting server stay quiet', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc01-tgs-evtxecmd.csv', W.aesRoast());
      return files;
    });
    const f = expectFound(found, 'kerberoasting', '10.0.5.80', 'medium');
    expect(f.severity).toBe('medium');
    expect(f.title).toMatch(/18 service accounts/);
    expect(f.explanation).toMatch(/AES/);
    expect(f.threshold?.setting).toBe('kerberoasting.minAnyServices');
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['kerberoasting:10.0.5.80']);
  });
});

describe('round 7 host: DCSync (4662 with the replication rights)', () => {
  it('reports jdoe asking for the replication rights (EvtxECmd); DC02$ replicating is no finding and Azure AD Connect\'s MSOL_ account is low', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc01-ds-evtxecmd.csv', W.dcSync());
      return files;
    });
    const f = expectFound(found, 'hostTampering', 'CORP\\jdoe', 'high');
    expect(f.title).toMatch(/DCSync/);
    expect(f.explanation).toMatch(/DS-Replication-Get-Changes-All/);
    expect(f.explanation).toMatch(/hostTampering\.reportReplication/);
    expect(expectFound(found, 'hostTampering', 'CORP\\MSOL_8a1f2c3d4e5f', 'low').severity).toBe('low');
    expect(found.filter((x) => /DC02|r\.patel/.test(x.entity)), listFindings(found)).toEqual([]);
    expect(atLeast(found, 'medium'), listFindings(found)).toEqual(['hostTampering:CORP\\jdoe']);
  });

  it('reads the rights from Export-Csv message text (Subject : with its space), DC01$ stays quiet', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('dc02-ds-export.csv', W.dcSyncExport());
      return files;
    });
    const f = expectFound(found, 'hostTampering', 'CORP\\svc_sql', 'high');
    expect(f.explanation).toMatch(/DS-Replication-Get-Changes-In-Filtered-Set/);
    expect(atLeast(found, 'low'), listFindings(found)).toEqual(['hostTampering:CORP\\svc_sql']);
  });
});

describe('round 7 host: scheduled tasks created as persistence (4698)', () => {
  it('reports hidden encoded PowerShell and a binary in Users\\Public (EvtxECmd), mshta (XML); OneDrive, Google Update, Veeam and Zoom tasks stay quiet', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('tasks-evtxecmd.csv', W.scheduledTasks());
      put('ws12.xml', W.wevtutilXml());
      return files;
    });
    const ps = expectFound(found, 'hostTampering', '\\Microsoft\\Windows\\UpdateOrchestrator\\USO_Refresh@APP02.corp.example.com', 'high');
    expect(ps.explanation).toMatch(/-enc SQBF/);
    expect(ps.explanation).toMatch(/by CORP\\jdoe/);
    expect(ps.threshold?.setting).toBe('hostTampering.minTaskSigns');
    expect(expectFound(found, 'hostTampering', '\\SystemHealthCheck@WS11.corp.example.com', 'high').explanation).toMatch(/any user can write/);
    expectFound(found, 'hostTampering', '\\WindowsDefenderSync@WS12.corp.example.com', 'high');
    expect(found.filter((x) => x.detector === 'hostTampering').map((x) => x.entity).sort(), listFindings(found)).toEqual([
      '\\Microsoft\\Windows\\UpdateOrchestrator\\USO_Refresh@APP02.corp.example.com',
      '\\SystemHealthCheck@WS11.corp.example.com',
      '\\WindowsDefenderSync@WS12.corp.example.com',
    ]);
  });

  it('tells persistence from vendor tasks action by action', () => {
    expect(taskReasons('powershell.exe -nop -w hidden -enc SQBFAFgA').length).toBeGreaterThan(0);
    expect(taskReasons('C:\\Users\\Public\\Music\\svchost.exe').length).toBeGreaterThan(0);
    expect(taskReasons('%APPDATA%\\svc\\updater.exe').length).toBeGreaterThan(0);
    expect(taskReasons('cmd.exe /c C:\\ProgramData\\x.bat').length).toBe(2);
    expect(taskReasons('%localappdata%\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe /reporting')).toEqual([]);
    expect(taskReasons('C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe /ua /installsource scheduler')).toEqual([]);
    expect(taskReasons('%windir%\\system32\\sc.exe start w32time task_started')).toEqual([]);
  });
});

describe('round 7 host: Linux after a guessed SSH login', () => {
  it('names what followed the guessed login on web3 (auth.log): sysupd made, put in sudo, its password set, sudoers changed, root, a key for root from another address; ops\'s sudo is not a step and db2\'s onboarding (secure, ISO times) is quiet', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('web3-auth.log', L.web3AuthLog());
      put('db2-secure', L.db2Secure());
      return files;
    });
    const bf = expectFound(found, 'bruteForce', '198.51.100.23', 'critical');
    expect(bf.explanation).toMatch(/deploy/);
    // root was reached (sysupd's bash as root, a key for root): the machine is the intruder's
    const f = expectFound(found, 'hostTampering', 'web3', 'critical');
    expect(f.title).toMatch(/guessed SSH login as deploy from 198\.51\.100\.23/);
    expect(f.title).toMatch(/account sysupd made/);
    expect(f.title).toMatch(/sysupd put in sudo/);
    expect(f.explanation).toMatch(/password of sysupd changed/);
    expect(f.explanation).toMatch(/changing who may use sudo/);
    expect(f.explanation).toMatch(/sysupd ran \/bin\/bash as root/);
    expect(f.explanation).toMatch(/root logged in with publickey from 203\.0\.113\.200/);
    expect(f.explanation).toMatch(/hostTampering\.afterLoginMinutes/);
    expect(f.threshold?.setting).toBe('hostTampering.afterLoginMinutes');
    // the administrator's own sudo within the same hour is not one of the steps, nor is usermod's gshadow line a second one
    expect(f.explanation).not.toMatch(/\bops\b/);
    expect(f.explanation.match(/added to the sudo group/g)).toHaveLength(1);
    expect(f.numbers.steps).toBe(8);
    // db2: guessing that never got in, and an administrator making alice a wheel member: only the brute force
    expect(expectFound(found, 'bruteForce', '192.0.2.77', 'medium').title).not.toMatch(/then a success/);
    expect(found.filter((x) => x.detector === 'hostTampering').map((x) => x.entity), listFindings(found)).toEqual(['web3']);
    expect(found.filter((x) => /alice|10\.0\.0\.5|db2/.test(`${x.entity} ${x.title}`)), listFindings(found)).toEqual([]);
  });

  it('reads a journald JSON export where OpenSSH 9.8 logs as sshd-session: admin guessed, root\'s password set, admin put in wheel', async () => {
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('app7-journal.json', L.app7Journal());
      return files;
    });
    expectFound(found, 'bruteForce', '203.0.113.61', 'critical');
    // root's own password set: root was reached
    const f = expectFound(found, 'hostTampering', 'app7', 'critical');
    expect(f.title).toMatch(/password of root changed/);
    expect(f.title).toMatch(/admin put in wheel/);
  });

  it('reads each step as the tools write it', () => {
    const ev = (program: string, msg: string) => linuxEvent(1, `${program}\nh1\n${msg}`, 0);
    expect(ev('useradd', 'new user: name=x1, UID=1005, GID=1005, home=/home/x1, shell=/bin/bash')?.target).toBe('x1');
    expect(ev('usermod', "add 'x1' to group 'wheel'")?.privileged).toBe(true);
    expect(ev('usermod', "add 'x1' to shadow group 'wheel'")).toBeNull();
    expect(ev('usermod', "add 'x1' to group 'docker'")?.privileged).toBe(false);
    expect(ev('gpasswd', 'user x1 added by root to group sudo')?.group).toBe('sudo');
    expect(ev('passwd', 'pam_unix(passwd:chauthtok): password changed for root')?.target).toBe('root');
    expect(ev('sudo', '    x1 : TTY=pts/0 ; PWD=/root ; USER=root ; COMMAND=/usr/bin/vim /etc/sudoers')?.privileged).toBe(true);
    expect(ev('sudo', '    x1 : TTY=pts/0 ; PWD=/root ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx')?.privileged).toBe(false);
    expect(ev('su', 'pam_unix(su-l:session): session opened for user root(uid=0) by x1(uid=1005)')).toMatchObject({ kind: 'sudo', user: 'x1', target: 'root' });
    expect(ev('sshd-session', 'Accepted password for x1 from 203.0.113.9 port 4242 ssh2')).toMatchObject({ kind: 'sshLogin', user: 'x1', ip: '203.0.113.9', method: 'password' });
    expect(ev('CRON', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)')).toBeNull();
    expect(ev('useradd', 'new user: name=sysupdate, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/0')).toMatchObject({ kind: 'accountCreated', target: 'sysupdate', uid: 0 });
    expect(ev('sudo', '  x1 : user NOT in sudoers ; TTY=pts/0 ; PWD=/home/x1 ; USER=root ; COMMAND=/bin/bash')).toMatchObject({ kind: 'sudo', user: 'x1', target: 'root', refused: true });
    expect(ev('sudo', '  x1 : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/x1 ; USER=root ; COMMAND=/bin/bash')?.refused).toBe(true);
    expect(ev('sudo', '    x1 : TTY=pts/0 ; PWD=/root ; USER=root ; COMMAND=/bin/bash')?.refused).toBeUndefined();
  });

  it('a password guessed from one address and used from another: the login, what followed (a refused sudo, a second root) and the guesser are tied together; the account\'s usual address and an inside one are not', async () => {
    const M = ['Nov'];
    const at = (min: number): string => {
      const d = new Date(Date.UTC(2026, 10, 20, 2, 0, 0) + min * 60_000);
      return `${M[0]} ${d.getUTCDate()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
    };
    const lines: string[] = [];
    let pid = 100;
    const log = (min: number, prog: string, msg: string): void => void lines.push(`${at(min)} web01 ${prog}[${pid++}]: ${msg}`);
    // oracle's owner logs in from home before and after the guessing: that address is the account's own
    log(-30, 'sshd', 'Accepted password for oracle from 81.2.69.160 port 50100 ssh2');
    for (let i = 0; i < 80; i++) log(i * 0.5, 'sshd', `Failed password for oracle from 218.92.0.112 port ${30000 + i} ssh2`);
    for (let i = 0; i < 40; i++) log(40 + i * 0.5, 'sshd', `Failed password for root from 218.92.0.112 port ${31000 + i} ssh2`);
    log(90, 'sshd', 'Accepted password for oracle from 81.2.69.160 port 50101 ssh2');
    // dev's owner mistypes now and then from the office (logins mostly work): no guesser, so dev
    // logging in from a new address (a trip) is not a guessed account
    for (let i = 0; i < 40; i++) log(i * 3, 'sshd', `${i % 3 ? 'Accepted' : 'Failed'} password for dev from 85.245.107.41 port ${40000 + i} ssh2`);
    log(300, 'sshd', 'Accepted password for dev from 37.120.1.2 port 40999 ssh2');
    log(95, 'sshd', 'Accepted password for oracle from 10.0.0.8 port 50102 ssh2');
    log(120, 'sshd', 'Accepted password for oracle from 61.177.172.60 port 52311 ssh2');
    log(121, 'sudo', '  oracle : user NOT in sudoers ; TTY=pts/0 ; PWD=/home/oracle ; USER=root ; COMMAND=/bin/bash');
    log(125, 'useradd', 'new user: name=sysupdate, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/0');
    // hours later on web01 another account with root's id: a second finding on web01, with an id of its own
    log(400, 'useradd', 'new user: name=backup2, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/2');
    // on db1, an account made with root's id, with no guessed login before it
    lines.push(`${at(200)} db1 useradd[900]: new user: name=toor, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/1`);
    const found = await analysePlanted('planted7host', (dir) => {
      const { put, files } = logFiles(dir);
      put('auth.log', lines);
      return files;
    });
    const login = expectFound(found, 'bruteForce', '61.177.172.60', 'high');
    expect(login.title).toMatch(/Guessed account oracle logged in from 61\.177\.172\.60, a new address, after guessing from 218\.92\.0\.112/);
    expect(login.numbers).toMatchObject({ users: 'oracle', guessedFrom: '218.92.0.112', userFailures: 80 });
    expect(login.evidence.count).toBe(1);
    const chain = expectFound(found, 'hostTampering', 'web01', 'critical');
    expect(chain.title).toMatch(/guessed SSH login as oracle from 61\.177\.172\.60/);
    expect(chain.title).toMatch(/sudo to root refused/);
    expect(chain.title).toMatch(/sysupdate made with UID 0/);
    expect(chain.explanation).toMatch(/218\.92\.0\.112 failed to log in over SSH as oracle 80 times/);
    expect(chain.numbers).toMatchObject({ guessedFrom: '218.92.0.112', userFailures: 80 });
    // the guesser's finding names what followed its guessing
    const guesser = expectFound(found, 'bruteForce', '218.92.0.112', 'critical');
    expect(guesser.explanation).toMatch(/the account this address was guessing/);
    const toor = expectFound(found, 'hostTampering', 'db1', 'high');
    expect(toor.title).toMatch(/toor made with UID 0/);
    // two findings of one detector on web01 keep two ids (one would overwrite the other in the case)
    const web01 = found.filter((x) => x.detector === 'hostTampering' && x.entity === 'web01');
    expect(web01.map((x) => x.title.replace(/:.*/, ''))).toEqual(['After a guessed SSH login as oracle from 61.177.172.60, web01', 'Account backup2 made with UID 0 on web01']);
    expect(new Set(found.map((x) => x.id)).size).toBe(found.length);
    // sysupdate is told once, in web01's chain
    expect(found.filter((x) => /sysupdate/.test(x.title)).map((x) => x.entity)).toEqual(['web01']);
    expect(found.filter((x) => /81\.2\.69\.160|10\.0\.0\.8|85\.245\.107\.41|37\.120\.1\.2/.test(`${x.entity} ${x.title}`)), listFindings(found)).toEqual([]);
  });
});
