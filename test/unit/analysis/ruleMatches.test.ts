// ruleMatches and the other detectors on a Hayabusa csv-timeline of one intrusion: a password
// sprayer over SMB that gets in, Mimikatz on the domain controller, PsExec services on two
// workstations, a high rule that fires 120 times, three medium rules, and hundreds of low and
// informational matches (ordinary logons and service starts) that must stay out of the findings.
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

const HEADER = ['Timestamp', 'Computer', 'Channel', 'EventID', 'Level', 'RecordID', 'RuleTitle', 'Details', 'ExtraFieldInfo'];
const q = (v: string): string => `"${v.replace(/"/g, '""')}"`;
const T0 = Date.UTC(2026, 2, 3, 9, 0, 0);
const at = (ms: number): string => new Date(T0 + ms).toISOString().replace('T', ' ').replace('Z', ' +00:00');
const SPRAYER = '203.0.113.66';

function timeline(): string[] {
  const rows: string[][] = [];
  let rec = 1000;
  const row = (ms: number, computer: string, channel: string, id: number, level: string, rule: string, details: string, extra = '-'): void => {
    rows.push([at(ms), computer, channel, String(id), level, String(rec++), rule, details, extra]);
  };
  // ordinary days: staff logons and service starts, low and informational
  for (let i = 0; i < 400; i++) row(i * 60_000, 'DC01.corp.local', 'Sec', 4624, 'info', 'Logon (Network)', `Type: 3 - NETWORK ¦ TgtUser: user${i % 40} ¦ SrcComp: WKS-${i % 40} ¦ SrcIP: 10.0.1.${(i % 40) + 10} ¦ LID: 0x${(i + 4096).toString(16)}`);
  for (let i = 0; i < 60; i++) row(i * 300_000, `WKS-${i % 40}`, 'Sys', 7036, 'info', 'Service State Changed', `Svc: Windows Update ¦ State: running`);
  for (let i = 0; i < 5; i++) row(i * 3_600_000, 'DC01.corp.local', 'Sec', 4625, 'low', 'Logon Failure (Wrong Password)', `Type: 3 - NETWORK ¦ TgtUser: user${i} ¦ SrcComp: WKS-${i} ¦ SrcIP: 10.0.1.${i + 10} ¦ AuthPkg: Kerberos`);
  // the sprayer: one try on each of 30 accounts, then in as svc_backup
  for (let i = 0; i < 30; i++) row(7_200_000 + i * 2_000, 'DC01.corp.local', 'Sec', 4625, 'low', 'Logon Failure (Wrong Password)', `Type: 3 - NETWORK ¦ TgtUser: acct${i} ¦ SrcComp: kali ¦ SrcIP: ${SPRAYER} ¦ AuthPkg: NTLM ¦ Proc: -`);
  row(7_300_000, 'DC01.corp.local', 'Sec', 4624, 'info', 'Logon (Network)', `Type: 3 - NETWORK ¦ TgtUser: svc_backup ¦ SrcComp: kali ¦ SrcIP: ${SPRAYER} ¦ LID: 0x9999`);
  // what followed
  row(7_400_000, 'DC01.corp.local', 'Sec', 4688, 'crit', 'Mimikatz Use', 'Cmdline: C:\\Temp\\m.exe "privilege::debug" "sekurlsa::logonpasswords" exit ¦ Proc: C:\\Temp\\m.exe ¦ User: CORP\\svc_backup ¦ LID: 0x9999', 'ParentProcessName: C:\\Windows\\System32\\cmd.exe');
  row(7_460_000, 'DC01.corp.local', 'Sec', 4688, 'crit', 'Mimikatz Use', 'Cmdline: C:\\Temp\\m.exe "lsadump::dcsync /user:krbtgt" exit ¦ Proc: C:\\Temp\\m.exe ¦ User: CORP\\svc_backup ¦ LID: 0x9999', '-');
  row(7_500_000, 'WKS-3', 'Sys', 7045, 'high', 'PSExec Service Installation', 'Svc: PSEXESVC ¦ Path: %SystemRoot%\\PSEXESVC.exe ¦ Acct: LocalSystem ¦ StartType: demand start');
  row(7_560_000, 'WKS-9', 'Sys', 7045, 'high', 'PSExec Service Installation', 'Svc: PSEXESVC ¦ Path: %SystemRoot%\\PSEXESVC.exe ¦ Acct: LocalSystem ¦ StartType: demand start');
  // a high rule that fires many times on one machine: the count is whole, the evidence the first rows
  for (let i = 0; i < 120; i++) row(7_600_000 + i * 1_000, 'FS01', 'Sec', 5145, 'high', 'Suspicious Access to Sensitive File Extensions', `SrcUser: svc_backup ¦ ShareName: \\\\*\\Finance ¦ RelativeTargetName: q${i}.pst ¦ SrcIP: 10.0.1.99`);
  // medium noise
  for (let i = 0; i < 7; i++) row(8_000_000 + i * 1_000, 'WKS-3', 'PwSh', 4104, 'med', 'PwSh Scriptblock', `ScriptBlock: Get-ChildItem C:\\Users\\user${i}`);
  row(8_100_000, 'DC01.corp.local', 'Sec', 4672, 'med', 'Admin Logon', 'TgtUser: svc_backup ¦ LID: 0x9999');
  row(8_200_000, 'WKS-9', 'Sec', 4648, 'med', 'Explicit Logon', 'SrcUser: bob ¦ TgtUser: admin ¦ TgtSvr: FS01 ¦ SrcIP: -');
  return [HEADER.map(q).join(','), ...rows.map((r) => r.map(q).join(','))];
}

describe('ruleMatches (Hayabusa csv-timeline)', () => {
  it('one finding per critical or high rule at its level, the medium rules grouped low, low and informational matches silent; the other detectors read the same rows', async () => {
    const found = await analysePlanted('hayabusa', (dir) => {
      const f = logFiles(dir);
      f.put('hayabusa-timeline.csv', timeline());
      return f.files;
    });
    const rules = found.filter((f) => f.detector === 'ruleMatches');
    expect(rules.map((f) => `${f.severity} ${f.entity}`).sort(), listFindings(found)).toEqual(
      ['critical DC01.corp.local: Mimikatz Use', 'high FS01: Suspicious Access to Sensitive File Extensions', 'high PSExec Service Installation', 'low medium-level rules'].sort(),
    );
    const mimi = expectFound(found, 'ruleMatches', 'DC01.corp.local: Mimikatz Use', 'critical');
    expect(mimi.numbers.matches).toBe(2);
    expect(mimi.explanation).toContain('CORP\\svc_backup');
    expect(mimi.explanation).toContain('sekurlsa::logonpasswords');
    // the processes detector judged the same two events; the finding says so
    expect(mimi.explanation).toContain("Loupe's own readers judged 2");
    expect(mimi.evidence.count).toBe(2);
    // PsExec on two machines: one finding for the rule, naming both
    const psexec = expectFound(found, 'ruleMatches', 'PSExec Service Installation', 'high');
    expect(psexec.numbers.machines).toBe(2);
    expect(psexec.title).toContain('2 machines');
    expect(psexec.explanation).toMatch(/WKS-3 1.*WKS-9 1|WKS-9 1.*WKS-3 1/);
    // 120 matches counted whole; the evidence is the first 50
    const pst = expectFound(found, 'ruleMatches', 'FS01: Suspicious Access to Sensitive File Extensions', 'high');
    expect(pst.numbers.matches).toBe(120);
    expect(pst.evidence.count).toBe(50);
    expect(pst.explanation).toContain('first 50 matches');
    // three medium rules, by count, in one low finding
    const medium = expectFound(found, 'ruleMatches', 'medium-level rules', 'low');
    expect(medium.severity).toBe('low');
    expect([medium.numbers.rules, medium.numbers.matches]).toEqual([3, 9]);
    expect(medium.explanation.indexOf('"PwSh Scriptblock" 7')).toBeLessThan(medium.explanation.indexOf('"Admin Logon" 1'));
    // the low and informational rules are nowhere in the findings
    expect(rules.some((f) => /Logon Failure|Logon \(Network\)|Service State/.test(f.title + f.explanation))).toBe(false);
    // the sprayer is found from Hayabusa's Details (SrcIP, TgtUser), its success too
    const spray = expectFound(found, 'bruteForce', SPRAYER, 'high');
    expect(spray.title).toContain('spraying');
    expect(spray.explanation).toContain('svc_backup');
    // Mimikatz and the PsExec services, judged by Loupe's own process and service readers
    expect(found.some((f) => f.detector === 'processes' && /Mimikatz/.test(f.title) && f.entity.includes('DC01'))).toBe(true);
    expect(found.filter((f) => f.detector === 'hostTampering' && /PSEXESVC/.test(f.title)).length).toBe(2);
  });
});

describe("ruleMatches (Wazuh's alerts.json)", () => {
  const alert = (s: number, level: number, id: string, description: string, fullLog: string, agent = 'web01', data: Record<string, string> = {}): string =>
    JSON.stringify({ timestamp: new Date(T0 + s * 1000).toISOString().replace('Z', '+0000'), rule: { level, description, id, groups: ['syslog', 'sshd'] }, agent: { id: '001', name: agent }, manager: { name: 'wazuh' }, id: `a${s}`, full_log: fullLog, predecoder: { program_name: 'sshd', hostname: agent }, decoder: { parent: 'sshd', name: 'sshd' }, data, location: '/var/log/auth.log' });
  const ssh = (s: number, user: string, ip: string): string => `Mar  3 09:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')} web01 sshd[1234]: Failed password for invalid user ${user} from ${ip} port ${40000 + s} ssh2`;

  it('levels 12+ one finding each, 10-11 grouped low, below 10 silent; the alerts’ own log lines feed bruteForce', async () => {
    const found = await analysePlanted('wazuh', (dir) => {
      const f = logFiles(dir);
      const lines: string[] = [];
      for (let i = 0; i < 40; i++) lines.push(alert(i, 5, '5710', 'sshd: Attempt to login using a non-existent user', ssh(i, `u${i}`, '203.0.113.5'), 'web01', { srcip: '203.0.113.5', srcuser: `u${i}` }));
      lines.push(alert(41, 10, '5712', 'sshd: brute force trying to get access to the system. Non existent user.', ssh(41, 'test', '203.0.113.5')));
      lines.push(alert(50, 12, '550', 'Integrity checksum changed.', "File '/etc/passwd' modified\nMode: realtime", 'web01'));
      lines.push(alert(60, 3, '5715', 'sshd: authentication success.', 'Mar  3 09:01:00 web01 sshd[99]: Accepted publickey for deploy from 10.0.0.9 port 50000 ssh2: RSA SHA256:x'));
      lines.push(alert(70, 15, '100200', 'Cryptominer <script>alert(1)</script> =HYPERLINK("x") detected', 'Mar  3 09:01:10 web01 kernel: xmrig started', 'web02'));
      f.put('alerts.json', lines);
      return f.files;
    });
    const rules = found.filter((f) => f.detector === 'ruleMatches');
    expect(rules.map((f) => `${f.severity} ${f.entity}`).sort(), listFindings(found)).toEqual(
      ['critical web02: Cryptominer <script>alert(1)</script> =HYPERLINK("x") detected', 'high web01: Integrity checksum changed.', 'low medium-level rules'].sort(),
    );
    expect(rules.find((f) => f.severity === 'high')!.title).toContain('(Wazuh, high)');
    const medium = rules.find((f) => f.entity === 'medium-level rules')!;
    expect(medium.explanation).toContain('"sshd: brute force trying to get access to the system. Non existent user." 1');
    expect(rules.some((f) => /non-existent user|authentication success/.test(f.title))).toBe(false);
    const brute = expectFound(found, 'bruteForce', '203.0.113.5', 'medium');
    expect(brute.numbers.failures).toBe(41);
  });
});

describe("ruleMatches (Amazon GuardDuty's findings)", () => {
  const finding = (id: string, type: string, severity: number, title: string, resource: Record<string, unknown>, action: Record<string, unknown>, first: number, count = 1): Record<string, unknown> => ({
    schemaVersion: '2.0',
    accountId: '123456789012',
    region: 'eu-west-1',
    id,
    type,
    resource,
    service: { serviceName: 'guardduty', action, count, eventFirstSeen: new Date(T0 + first * 1000).toISOString(), eventLastSeen: new Date(T0 + first * 1000 + 600_000).toISOString() },
    severity,
    createdAt: new Date(T0 + first * 1000 + 900_000).toISOString(),
    updatedAt: new Date(T0 + first * 1000 + 900_000).toISOString(),
    title,
    description: '<img src=x onerror=alert(1)> =cmd|\' /C calc\'!A0',
  });
  const instance = { resourceType: 'Instance', instanceDetails: { instanceId: 'i-0abc1234' } };
  const key = { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId: 'ASIAEXAMPLE', userName: 'web-role', userType: 'AssumedRole' } };
  const ssh = { actionType: 'NETWORK_CONNECTION', networkConnectionAction: { connectionDirection: 'INBOUND', remoteIpDetails: { ipAddressV4: '198.51.100.77' }, localPortDetails: { port: 22, portName: 'SSH' }, protocol: 'TCP', blocked: false } };
  const probe = { actionType: 'PORT_PROBE', portProbeAction: { blocked: false, portProbeDetails: [{ localPortDetails: { port: 3389 }, remoteIpDetails: { ipAddressV4: '203.0.113.99' } }] } };
  const api = { actionType: 'AWS_API_CALL', awsApiCallAction: { api: 'ListBuckets', serviceName: 's3.amazonaws.com', remoteIpDetails: { ipAddressV4: '192.0.2.200' } } };
  const findings = [
    finding('f1', 'Recon:EC2/PortProbeUnprotectedPort', 2, 'Unprotected port on EC2 instance i-0abc1234 is being probed.', instance, probe, 0, 3),
    finding('f2', 'UnauthorizedAccess:EC2/SSHBruteForce', 8, '198.51.100.77 is performing SSH brute force attacks against i-0abc1234.', instance, ssh, 600, 42),
    finding('f3', 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS', 8, 'Credentials for instance role web-role used from external IP address.', key, api, 1200, 7),
    finding('f4', 'Policy:S3/BucketBlockPublicAccessDisabled', 5, 'Amazon S3 Block Public Access was disabled for S3 bucket backups.', { resourceType: 'S3Bucket' }, { actionType: 'AWS_API_CALL', awsApiCallAction: { api: 'PutBucketPublicAccessBlock' } }, 1800),
  ];

  it('high findings one each, with the remote address; medium grouped, low silent; the S3 export and the CLI read alike', async () => {
    const found = await analysePlanted('guardduty', (dir) => {
      const f = logFiles(dir);
      f.put('guardduty.jsonl', findings.map((x) => JSON.stringify(x)));
      return f.files;
    });
    const rules = found.filter((f) => f.detector === 'ruleMatches');
    expect(rules.map((f) => `${f.severity} ${f.entity}`).sort(), listFindings(found)).toEqual(
      ['high i-0abc1234: UnauthorizedAccess:EC2/SSHBruteForce', 'high web-role: UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS', 'low medium-level rules'].sort(),
    );
    const cred = rules.find((f) => f.entity.startsWith('web-role'))!;
    expect(cred.title).toContain('(GuardDuty, high)');
    // the time is when GuardDuty first saw the activity, not when it wrote the finding
    expect(cred.firstSeen).toBe(T0 + 1_200_000);
    expect(cred.explanation).toContain('used from external IP address. (seen 7 times, from 192.0.2.200)');
    expect(rules.find((f) => f.entity.startsWith('i-0abc'))!.explanation).toContain('(seen 42 times)');
    expect(rules.some((f) => f.title.includes('PortProbe'))).toBe(false);
  });

  it('reads `aws guardduty get-findings` output (PascalCase keys in a Findings array) as the S3 export', async () => {
    const pascal = (o: unknown): unknown =>
      Array.isArray(o) ? o.map(pascal) : o !== null && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), pascal(v)])) : o;
    const found = await analysePlanted('guardduty-cli', (dir) => {
      const f = logFiles(dir);
      f.put('findings.json', [JSON.stringify({ Findings: findings.map(pascal) }, null, 2)]);
      return f.files;
    });
    const rules = found.filter((f) => f.detector === 'ruleMatches' && f.severity === 'high');
    expect(rules.map((f) => f.entity).sort()).toEqual(['i-0abc1234: UnauthorizedAccess:EC2/SSHBruteForce', 'web-role: UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS']);
    expect(rules.find((f) => f.entity.startsWith('web-role'))!.explanation).toContain('from 192.0.2.200');
  });
});
