// Log sources responders bring that were read but not typed: each must give its logins, addresses
// and verdicts, or the brute-force and scan detectors never see the attack in it. The lines are
// written as the products write them; every new pattern also meets a 200 KB hostile line.
import { describe, expect, it } from 'vitest';
import { parseText } from './helpers';
import { loginService } from '../../../src/core/analysis/services';

const pad = (n: number): string => String(n).padStart(2, '0');
/** a 200 KB line of what a pattern's lazy or repeated parts would try to swallow */
const HOSTILE = 200 * 1024;

describe('FortiGate: a log that opens with traffic records', () => {
  // 120 traffic records first (more than the detection head), then the event records of a login attack
  const traffic = Array.from({ length: 120 }, (_, i) => `date=2024-05-01 time=09:${pad(Math.floor(i / 2))}:${pad((i % 2) * 30)} devname="FGT60F" devid="FGT60FTK2209A1B2" eventtime=${1714554000 + i * 30}000000000 tz="+0000" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.1.${5 + (i % 50)} srcport=${50000 + i} srcintf="internal" srcintfrole="lan" dstip=93.184.216.34 dstport=443 dstintf="wan1" dstintfrole="wan" sessionid=${1000 + i} proto=6 action="close" policyid=1 policytype="policy" service="HTTPS" trandisp="snat" transip=198.51.100.1 transport=${60000 + i} duration=12 sentbyte=2345 rcvdbyte=45678 sentpkt=12 rcvdpkt=40 appcat="unscanned"`);
  const events = [
    'date=2024-05-01 time=10:01:00 devname="FGT60F" devid="FGT60FTK2209A1B2" eventtime=1714557660000000000 tz="+0000" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" sn="0" user="admin" ui="https(203.0.113.5)" method="https" srcip=203.0.113.5 dstip=198.51.100.1 action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from https(203.0.113.5) because of invalid password"',
    'date=2024-05-01 time=10:01:05 devname="FGT60F" devid="FGT60FTK2209A1B2" eventtime=1714557665000000000 tz="+0000" logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" remip=203.0.113.6 user="jdoe" group="N/A" reason="sslvpn_login_permission_denied" msg="SSL user failed to logged in"',
    'date=2024-05-01 time=10:01:09 devname="FGT60F" devid="FGT60FTK2209A1B2" eventtime=1714557669000000000 tz="+0000" logid="0100032001" type="event" subtype="system" level="information" vd="root" logdesc="Admin login successful" sn="1714557669" user="admin" ui="https(203.0.113.5)" method="https" srcip=203.0.113.5 dstip=198.51.100.1 action="login" status="success" reason="none" profile="super_admin" msg="Administrator admin logged in successfully from https(203.0.113.5)"',
  ];

  it('event records past the detection head still type admin and SSL-VPN logins', () => {
    const r = parseText([...traffic, ...events].join('\n') + '\n');
    expect(r.detected.layout.format).toBe('kv');
    expect(r.rows.length).toBe(123);
    expect(r.rows.slice(0, 120).every((e) => e.action === 'close' && e.user === null)).toBe(true);
    expect(r.rows.slice(120).map((e) => [e.ts, e.src_ip, e.user, e.action, e.status, e.message])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 1, 0), '203.0.113.5', 'admin', 'auth_failure', null, 'Administrator admin login failed from https(203.0.113.5) because of invalid password'],
      [Date.UTC(2024, 4, 1, 10, 1, 5), '203.0.113.6', 'jdoe', 'auth_failure', null, 'SSL user failed to logged in'],
      [Date.UTC(2024, 4, 1, 10, 1, 9), '203.0.113.5', 'admin', 'auth_success', null, 'Administrator admin logged in successfully from https(203.0.113.5)'],
    ]);
    expect(JSON.parse(r.rows[120].extra as string)).toMatchObject({ status: 'failed', logdesc: 'Admin login failed', reason: 'passwd_invalid' });
  });

  it('the added keys change nothing for a log that is not FortiGate', () => {
    const r = parseText('ts=2024-01-05T10:00:04Z level=warn msg="login failed" user=admin client_ip=192.0.2.77 status=401 path=/api/login\n');
    expect(r.detected.layout.header).not.toContain('logdesc');
    expect(r.rows[0].status).toBe(401);
  });
});

describe('FortiGate hostile lines', () => {
  it('a 200 KB event message is read, its login still typed', () => {
    const long = `date=2024-05-01 time=10:01:00 devname="FGT60F" devid="FGT60FTK2209A1B2" logid="0100032002" type="event" subtype="system" logdesc="Admin login failed" user="admin" srcip=203.0.113.5 action="login" status="failed" msg="${'a '.repeat(HOSTILE / 2)}"`;
    const r = parseText(`${long}\n${long.replace('msg="', 'msg="x')}\n`);
    expect(r.rows.map((e) => [e.src_ip, e.action])).toEqual([['203.0.113.5', 'auth_failure'], ['203.0.113.5', 'auth_failure']]);
  });
});

describe('Pure-FTPd and Postfix SASL logins in syslog', () => {
  const syslog = (...lines: string[]): ReturnType<typeof parseText> => parseText(lines.join('\n') + '\n', { year: 2024 });

  it('Pure-FTPd: failed and passed logins with the session address, transfers with path and size', () => {
    const r = syslog(
      'May  1 10:00:02 ftp pure-ftpd: (?@203.0.113.5) [WARNING] Authentication failed for user [admin]',
      'May  1 10:00:07 ftp pure-ftpd: (?@203.0.113.5) [INFO] bob is now logged in',
      'May  1 10:00:09 ftp pure-ftpd: (bob@203.0.113.5) [NOTICE] /home/ftp/bob//backup/db.sql.gz downloaded  (52428800 bytes, 10240.00KB/sec)',
      'May  1 10:01:00 ftp pure-ftpd: (?@client-198-51-100-7.example.net) [WARNING] Authentication failed for user [root]',
    );
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.user, e.action, e.path, e.bytes])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 2), '203.0.113.5', 'admin', 'auth_failure', null, null],
      [Date.UTC(2024, 4, 1, 10, 0, 7), '203.0.113.5', 'bob', 'auth_success', null, null],
      [Date.UTC(2024, 4, 1, 10, 0, 9), '203.0.113.5', 'bob', null, '/home/ftp/bob//backup/db.sql.gz', 52428800],
      [Date.UTC(2024, 4, 1, 10, 1, 0), 'client-198-51-100-7.example.net', 'root', 'auth_failure', null, null],
    ]);
    // the same words from another program are not Pure-FTPd's
    expect(syslog('May  1 10:00:02 h app: (?@203.0.113.5) [WARNING] Authentication failed for user [admin]').rows[0].action).toBeNull();
  });

  it('Postfix: the queue line of an authenticated client is a passed SASL login, with its account', () => {
    const r = syslog(
      'May  1 10:02:05 mail postfix/smtpd[2345]: 4F2A31C0123: client=unknown[203.0.113.5], sasl_method=LOGIN, sasl_username=bob@example.com',
      'May  1 10:02:06 mail postfix/submission/smtpd[2346]: 4VTx1R3kXyz7a: client=laptop.example.net[198.51.100.20]:51234, sasl_method=PLAIN, sasl_username=alice',
      'May  1 10:02:08 mail postfix/smtpd[2345]: 4F2A31C0124: client=mx.example.org[192.0.2.25]',
    );
    expect(r.rows.map((e) => [e.src_ip, e.src_port, e.user, e.action])).toEqual([
      ['203.0.113.5', null, 'bob@example.com', 'auth_success'],
      ['198.51.100.20', 51234, 'alice', 'auth_success'],
      ['192.0.2.25', null, null, null], // a client that did not authenticate: its address, no login
    ]);
  });

  it('200 KB hostile lines: read in one pass, no login typed from them', () => {
    const started = Date.now();
    const r = syslog(
      `May  1 10:00:00 ftp pure-ftpd: (?@${'a'.repeat(HOSTILE)}) [WARNING] Authentication failed for user [x]`,
      `May  1 10:00:00 ftp pure-ftpd: (?@203.0.113.5) [NOTICE] /${'x '.repeat(HOSTILE / 2)} downloaded (1 bytes`,
      `May  1 10:00:00 ftp pure-ftpd: (?@203.0.113.5) [WARNING] Authentication failed for user [${'a'.repeat(HOSTILE)}`,
      `May  1 10:00:00 mail postfix/smtpd[1]: 4F2A31C0123: client=${'a['.repeat(HOSTILE / 2)}`,
      `May  1 10:00:00 mail postfix/smtpd[1]: 4F2A31C0123: client=unknown[203.0.113.5], sasl_method=LOGIN, sasl_username=${'b'.repeat(HOSTILE)}`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.rows.map((e) => [e.src_ip, e.action, e.path])).toEqual([
      [null, null, null],
      ['203.0.113.5', null, null],
      ['203.0.113.5', null, null],
      [null, null, null],
      ['203.0.113.5', null, null], // the client's address, but no login from a 200 KB account name
    ]);
  });
});

describe('Kubernetes API server audit log', () => {
  const event = (o: Record<string, unknown>): string => JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a1', stage: 'ResponseStarted', requestURI: '/api/v1/namespaces/default/secrets', verb: 'list', user: {}, sourceIPs: ['203.0.113.5'], userAgent: 'python-requests/2.31.0', responseStatus: { metadata: {}, message: 'Authentication failed, attempted: bearer', code: 401 }, requestReceivedTimestamp: '2024-05-01T10:00:01.000100Z', stageTimestamp: '2024-05-01T10:00:01.000900Z', ...o });

  it('a 401 that offered credentials is a failed login; no credentials, a 403 or an unfinished stage is not', () => {
    const r = parseText([
      event({}),
      event({ responseStatus: { metadata: {}, message: 'Authentication failed, no credentials provided', code: 401 } }),
      event({ stage: 'ResponseComplete', user: { username: 'system:anonymous', groups: ['system:unauthenticated'] }, responseStatus: { metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403 } }),
      event({ stage: 'RequestReceived', verb: 'create', requestURI: '/api/v1/namespaces/default/pods/web-0/exec?command=sh', responseStatus: undefined, user: { username: 'bob@example.com' } }),
    ].join('\n') + '\n');
    expect(r.detected.layout.format).toBe('jsonl');
    expect(r.rows.map((e) => [e.src_ip, e.user, e.status, e.action, e.method, e.program])).toEqual([
      ['203.0.113.5', null, 401, 'auth_failure', 'GET', 'kube-apiserver'],
      ['203.0.113.5', null, 401, null, 'GET', 'kube-apiserver'],
      ['203.0.113.5', 'system:anonymous', 403, null, 'GET', 'kube-apiserver'],
      ['203.0.113.5', 'bob@example.com', null, null, 'POST', 'kube-apiserver'],
    ]);
    expect(JSON.parse(r.rows[3].extra as string)).toMatchObject({ verb: 'create' });
  });

  it('JSON lines that are not an audit log keep their 401 untyped and their method', () => {
    const r = parseText(JSON.stringify({ time: '2024-05-01T10:00:01Z', remote_addr: '203.0.113.5', method: 'LIST', status: 401, uri: '/x' }) + '\n');
    expect([r.rows[0].action, r.rows[0].method, r.rows[0].program]).toEqual([null, 'LIST', null]);
  });

  it('a 200 KB field in an audit event is read, the event still typed', () => {
    const r = parseText(event({ userAgent: 'x'.repeat(HOSTILE), responseStatus: { metadata: {}, message: `Authentication failed, attempted: ${'bearer, '.repeat(HOSTILE / 8)}`, code: 401 } }) + '\n');
    expect([r.rows[0].action, r.rows[0].src_ip]).toEqual(['auth_failure', '203.0.113.5']);
  });
});

describe('VMware ESXi hostd', () => {
  it('the severity after the time is no host; Host Client logins are typed in both header generations', () => {
    const r = parseText([
      '2024-05-01T10:00:00.123Z info hostd[2099532] [Originator@6876 sub=Vimsvc.ha-eventmgr opID=esxui-5a1b-c2d3 user=root] Event 1021 : Cannot login root@203.0.113.5',
      '2024-05-01T10:00:05.000Z In(166) Hostd[2099533]: [Originator@6876 sub=Vimsvc.ha-eventmgr opID=esxui-5a1b-c2d5] Event 1023 : User root@203.0.113.5 logged in as Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      '2024-05-01T10:00:07.000Z In(166) Hostd[2099533]: [Originator@6876 sub=Vimsvc.ha-eventmgr opID=esxui-5a1b-c2d6 user=root] Event 1024 : User root@203.0.113.5 logged out (login time: Wednesday, 01 May, 2024 10:00:05 AM, number of API invocations: 12, user agent: Mozilla/5.0)',
      '2024-05-01T10:00:09.000Z In(38) sshd[2101436]: Accepted keyboard-interactive/pam for root from 198.51.100.20 port 51234 ssh2',
      '2024-05-01T10:00:10.000Z web01 app[12]: Event 7 : Cannot login root@203.0.113.5',
    ].join('\n') + '\n');
    expect(r.detected.layout.format).toBe('syslog');
    expect(r.rows.map((e) => [e.ts, e.host, e.program, e.src_ip, e.user, e.action])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 0, 123), null, 'hostd', '203.0.113.5', 'root', 'auth_failure'],
      [Date.UTC(2024, 4, 1, 10, 0, 5), null, 'Hostd', '203.0.113.5', 'root', 'auth_success'],
      [Date.UTC(2024, 4, 1, 10, 0, 7), null, 'Hostd', null, null, null],
      [Date.UTC(2024, 4, 1, 10, 0, 9), null, 'sshd', '198.51.100.20', 'root', 'auth_success'],
      [Date.UTC(2024, 4, 1, 10, 0, 10), 'web01', 'app', null, null, null],
    ]);
    expect(JSON.parse(r.rows[1].extra as string)).toEqual({ pid: '2099533', level: 'In(166)' });
    expect(r.rows[0].message).toBe('[Originator@6876 sub=Vimsvc.ha-eventmgr opID=esxui-5a1b-c2d3 user=root] Event 1021 : Cannot login root@203.0.113.5');
  });

  it('200 KB hostile hostd lines are read without typing a login', () => {
    const started = Date.now();
    const r = parseText([
      `2024-05-01T10:00:00.123Z info hostd[1] [Originator@6876] Event 1 : Cannot login ${'a@'.repeat(HOSTILE / 2)}`,
      `2024-05-01T10:00:00.123Z info hostd[1] [Originator@6876] Event 1 : User ${'a'.repeat(HOSTILE)}@203.0.113.5 logged in as x`,
      `2024-05-01T10:00:00.123Z info ${'h'.repeat(HOSTILE)}[1] [x] Event 1 : Cannot login root@203.0.113.5`,
      `2024-05-01T10:00:00.123Z info hostd[1] ${'] Event '.repeat(HOSTILE / 8)}`,
    ].join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.rows.map((e) => e.action)).toEqual([null, null, null, null]);
  });
});

describe('Exim', () => {
  it('its main log (read as text, the time zone-less and stated as UTC unless --tz) and its syslog lines give SASL logins', () => {
    const own = parseText([
      '2024-05-01 10:00:01 dovecot_login authenticator failed for (User) [203.0.113.5]:50000: 535 Incorrect authentication data (set_id=bob@example.com)',
      '2024-05-01 10:00:03 fixed_login authenticator failed for ([10.0.0.1]) [203.0.113.5]:50002 I=[10.0.0.2]:587: 535 Incorrect authentication data (set_id=admin)',
      '2024-05-01 10:00:05 [12345] dovecot_login authenticator failed for (User) [203.0.113.7]:50004: 435 Unable to authenticate at present (set_id=x): failed to connect to authentication socket',
      '2024-05-01 10:02:05 1sAbCd-000Efg-Hi <= bob@example.com H=(User) [203.0.113.5]:51000 P=esmtpa A=dovecot_login:bob@example.com S=1234 id=20240501100205.abc@example.com',
      '2024-05-01 10:02:07 1sAbCf-000Efi-Kl <= alice@example.org H=mx.example.org [192.0.2.25]:45678 I=[10.0.0.2]:25 P=esmtps S=3456 id=x@example.org',
    ].join('\n') + '\n');
    expect(own.detected.layout.format).toBe('text');
    expect(own.rows.map((e) => [e.ts, e.src_ip, e.src_port, e.user, e.action])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 1), '203.0.113.5', 50000, 'bob@example.com', 'auth_failure'],
      [Date.UTC(2024, 4, 1, 10, 0, 3), '203.0.113.5', 50002, 'admin', 'auth_failure'],
      [Date.UTC(2024, 4, 1, 10, 0, 5), '203.0.113.7', null, null, null],
      [Date.UTC(2024, 4, 1, 10, 2, 5), '203.0.113.5', 51000, 'bob@example.com', 'auth_success'],
      [Date.UTC(2024, 4, 1, 10, 2, 7), '192.0.2.25', null, null, null],
    ]);
    const sys = parseText('May  1 10:00:01 mail exim[1234]: 2024-05-01 10:00:01 dovecot_plain authenticator failed for H=(User) [203.0.113.5]:50001: 535 Incorrect authentication data (set_id=info@example.com)\n', { year: 2024 });
    expect([sys.rows[0].program, sys.rows[0].src_ip, sys.rows[0].user, sys.rows[0].action]).toEqual(['exim', '203.0.113.5', 'info@example.com', 'auth_failure']);
  });

  it('200 KB hostile Exim lines are read without typing a login', () => {
    const started = Date.now();
    const r = parseText([
      `2024-05-01 10:00:01 x authenticator failed for ${'('.repeat(HOSTILE)}`,
      `2024-05-01 10:00:01 x authenticator failed for (User) [203.0.113.5]:1: 535 ${'a'.repeat(HOSTILE)}(set_id=${'b'.repeat(HOSTILE)}`,
      `2024-05-01 10:00:01 1sAbCd-000Efg-Hi <= a${' H=x'.repeat(HOSTILE / 4)} A=${'c'.repeat(HOSTILE)}`,
      `2024-05-01 10:00:01 1sAbCd-000Efg-Hi <= a H=(${'[1.2.3.4] '.repeat(HOSTILE / 10)}`,
    ].join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.rows.map((e) => e.action)).toEqual([null, 'auth_failure', null, null]);
    // a set_id that never closes names no account
    expect(r.rows[1].user).toBeNull();
  });
});

describe('Citrix NetScaler / ADC', () => {
  it('Gateway failures and sessions, management logins by their status; other commands untouched', () => {
    const r = parseText([
      'May  1 10:00:00 10.0.0.3 05/01/2024:10:00:00 GMT ns01 0-PPE-0 : default AAA LOGIN_FAILED 1234 0 : User admin - Client_ip 203.0.113.5 - Failure_reason "External authentication server denied access" - Browser Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      'May  1 10:00:09 10.0.0.3 05/01/2024:10:00:09 GMT ns01 0-PPE-0 : default SSLVPN LOGIN 1236 0 : Context bob@203.0.113.5 - SessionId: 57- User bob - Client_ip 203.0.113.5 - Nat_ip "Mapped Ip" - Vserver 10.0.0.3:443 - Browser_type "Mozilla/5.0" - SSLVPN_client_type ICA - Group(s) "N/A"',
      'May  1 10:01:00 10.0.0.3 05/01/2024:10:01:00 GMT ns01 0-PPE-0 : default UI CMD_EXECUTED 1237 0 : User nsroot - Remote_ip 203.0.113.9 - Command "login login tenant_name=Owner,password=***,challenge_response=***,token=...,client_port=-1,cert_verified=false,sessionid=***,session_timeout=900,permission=superuser" - Status "ERROR: Invalid username or password"',
      'May  1 10:01:06 10.0.0.3 05/01/2024:10:01:06 GMT ns01 0-PPE-0 : default UI CMD_EXECUTED 1239 0 : User nsroot - Remote_ip 198.51.100.20 - Command "show ns version" - Status "Success"',
    ].join('\n') + '\n', { year: 2024 });
    expect(r.rows.map((e) => [e.ts, e.host, e.src_ip, e.user, e.action])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 0), '10.0.0.3', '203.0.113.5', 'admin', 'auth_failure'],
      [Date.UTC(2024, 4, 1, 10, 0, 9), '10.0.0.3', '203.0.113.5', 'bob', 'auth_success'],
      [Date.UTC(2024, 4, 1, 10, 1, 0), '10.0.0.3', '203.0.113.9', 'nsroot', 'auth_failure'],
      [Date.UTC(2024, 4, 1, 10, 1, 6), '10.0.0.3', null, null, null],
    ]);
    expect(JSON.parse(r.rows[0].extra as string)).toEqual({ reason: 'External authentication server denied access' });
  });

  it('200 KB hostile NetScaler lines are read without typing a login', () => {
    const started = Date.now();
    const r = parseText([
      `May  1 10:00:00 10.0.0.3 x 0-PPE-0 : default AAA LOGIN_FAILED 1 0 : User ${'a'.repeat(HOSTILE)} - Client_ip 203.0.113.5`,
      `May  1 10:00:00 10.0.0.3 x 0-PPE-0 :${' SSLVPN LOGIN 1 0 : Context'.repeat(HOSTILE / 27)}`,
      `May  1 10:00:00 10.0.0.3 x 0-PPE-0 : default UI CMD_EXECUTED 1 0 : User u - Remote_ip 203.0.113.5 - Command "login login ${'"'.repeat(HOSTILE)}`,
    ].join('\n') + '\n', { year: 2024 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.rows.map((e) => e.action)).toEqual([null, null, null]);
  });
});

describe('Sophos Firewall authentication events', () => {
  const sfos = (t: string, rest: string): string => `device="SFW" date=2024-05-01 time=${t} timezone="UTC" device_name="XG230" device_id=C2200XXXXX log_id=062910617701 log_type="Event" ${rest}`;
  it('Failed / Successful logins of the Authentication subtype and admin logins; other admin events and traffic untouched', () => {
    const r = parseText([
      'device="SFW" date=2024-05-01 time=09:59:00 timezone="UTC" device_name="XG230" device_id=C2200XXXXX log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Allowed" status="Allow" priority=Information src_ip=10.0.0.5 dst_ip=198.51.100.9 protocol="TCP" src_port=51234 dst_port=443',
      sfos('10:00:00', 'log_component="SSL VPN Authentication" log_subtype="Authentication" status="Failed" priority=Notice user_name="bob" usergroupname="" auth_client="N/A" auth_mechanism="AD" reason="" src_ip=203.0.113.5 message="User bob failed to login to SSL VPN through AD authentication mechanism because of wrong credentials" name="" src_mac='),
      sfos('10:00:05', 'log_component="Firewall Authentication" log_subtype="Authentication" status="Successful" priority=Information user_name="alice" usergroupname="staff" auth_client="CTA" auth_mechanism="AD" reason="" src_ip=10.0.0.7 message="User alice authenticated successfully to login to Firewall through AD authentication mechanism" name="alice" src_mac='),
      sfos('10:00:06', 'log_component="GUI" log_subtype="Admin" status="Successful" priority=Information user_name="admin" src_ip=10.0.0.8 message="Appliance Access settings were changed by \'admin\' from \'10.0.0.8\' using \'GUI\'"'),
    ].join('\n') + '\n');
    expect(r.detected.layout.format).toBe('kv');
    expect(r.rows.map((e) => [e.src_ip, e.user, e.action, e.status])).toEqual([
      ['10.0.0.5', null, 'accept', null],
      ['203.0.113.5', 'bob', 'auth_failure', null],
      ['10.0.0.7', 'alice', 'auth_success', null],
      ['10.0.0.8', 'admin', null, null],
    ]);
    expect(JSON.parse(r.rows[1].extra as string)).toMatchObject({ status: 'Failed', log_component: 'SSL VPN Authentication' });
  });

  it('a 200 KB admin message is read; only its first words can name a login', () => {
    const r = parseText(`${sfos('10:00:00', `log_component="GUI" log_subtype="Admin" status="Failed" user_name="admin" src_ip=203.0.113.5 message="${'x '.repeat(HOSTILE / 2)} login"`)}\n`);
    expect([r.rows[0].src_ip, r.rows[0].action]).toEqual(['203.0.113.5', null]);
  });
});

describe('Asterisk SIP registrations', () => {
  it("the default [Mmm d hh:mm:ss] log (the stated year) and syslog give refused registrations with the client, not the PBX's address in the URI", () => {
    const own = parseText([
      "[May  1 10:00:00] NOTICE[1234] chan_sip.c: Registration from '\"100\" <sip:100@198.51.100.1:5060>' failed for '203.0.113.5:5060' - Wrong password",
      "[May  1 10:00:04] NOTICE[3456] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:1002@198.51.100.1>' failed for '198.51.100.77:5060' (callid: zz9) - Not match Endpoint ACL",
    ].join('\n') + '\n', { year: 2024 });
    expect(own.detected.layout.format).toBe('text');
    expect(own.rows.map((e) => [e.ts, e.program, e.src_ip, e.src_port, e.user, e.action])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 0), 'asterisk', '203.0.113.5', 5060, '100', 'auth_failure'],
      [Date.UTC(2024, 4, 1, 10, 0, 4), 'asterisk', '198.51.100.77', 5060, '1002', null],
    ]);
    const sys = parseText("May  1 10:00:02 pbx asterisk[1234]: NOTICE[3456]: res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:1001@198.51.100.1>' failed for '203.0.113.5:5061' (callid: 12-ab) - Failed to authenticate\n", { year: 2024 });
    expect([sys.rows[0].program, sys.rows[0].src_ip, sys.rows[0].src_port, sys.rows[0].user, sys.rows[0].action]).toEqual(['asterisk', '203.0.113.5', 5061, '1001', 'auth_failure']);
  });

  it('200 KB hostile Asterisk lines are read without typing a login', () => {
    const started = Date.now();
    const r = parseText([
      `[2024-05-01 10:00:00] NOTICE[1] chan_sip.c: Registration from '${"' failed for '".repeat(HOSTILE / 14)}`,
      `[2024-05-01 10:00:00] NOTICE[1] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:1@x>' failed for '203.0.113.5:5060' (callid: ${'('.repeat(HOSTILE)}`,
      `[2024-05-01 10:00:00] NOTICE[1] chan_sip.c: Registration from '${'a'.repeat(HOSTILE)}' failed for '203.0.113.5:5060' - Wrong password`,
    ].join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.rows.map((e) => e.action)).toEqual([null, null, null]);
  });
});

describe("PHP's error_log time ([dd-Mon-yyyy hh:mm:ss zone])", () => {
  it('is read with its zone: UTC, an offset, or a zone name resolved for that date; an unknown name is zone-less', () => {
    const r = parseText([
      '[01-May-2024 10:00:00 UTC] PHP Warning:  Undefined variable $x in /var/www/html/index.php on line 12',
      '[01-May-2024 12:00:01 Europe/Berlin] PHP Fatal error:  Uncaught Error: Call to undefined function foo() in /var/www/html/a.php:3',
      'Stack trace:',
      '[01-Jan-2024 12:00:01 Europe/Berlin] PHP Notice:  x',
      '[01-May-2024 10:00:02 +0200]: <k3lb8n0q> Failed login for bob from 203.0.113.5 in session k3lb8n0q (error: 0)',
      '[01-May-2024 10:00:03 Mars/Olympus] PHP Notice:  z',
      '[31-Feb-2024 10:00:03 UTC] PHP Notice:  no such day',
    ].join('\n') + '\n');
    expect(r.detected.layout.format).toBe('text');
    expect(r.rows.map((e) => [e.ts, e.ts_text])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 0), '[01-May-2024 10:00:00 UTC]'],
      [Date.UTC(2024, 4, 1, 10, 0, 1), '[01-May-2024 12:00:01 Europe/Berlin]'],
      [null, null],
      [Date.UTC(2024, 0, 1, 11, 0, 1), '[01-Jan-2024 12:00:01 Europe/Berlin]'],
      [Date.UTC(2024, 4, 1, 8, 0, 2), '[01-May-2024 10:00:02 +0200]'],
      [Date.UTC(2024, 4, 1, 10, 0, 3), '[01-May-2024 10:00:03 Mars/Olympus]'],
      [null, null],
    ]);
    expect(r.rows[1].message).toBe('PHP Fatal error:  Uncaught Error: Call to undefined function foo() in /var/www/html/a.php:3');
  });

  it('a 200 KB line that only begins like one is no time', () => {
    const ok = '[01-May-2024 10:00:00 UTC] ok';
    const r = parseText(`${ok}\n${ok}\n${ok}\n[01-May-2024 10:00:00 ${'A/'.repeat(HOSTILE / 2)}] x\n[01-May-2024 10:00:00 ${'a'.repeat(HOSTILE)}\n`);
    const t = Date.UTC(2024, 4, 1, 10);
    expect(r.rows.map((e) => e.ts)).toEqual([t, t, t, null, null]);
  });
});

describe('Roundcube and Nextcloud logins', () => {
  it("Roundcube's errors.log failure is the login; userlogins.log's repeat of it is not counted again, its success is", () => {
    const r = parseText([
      '[01-May-2024 10:00:00 +0200]: <k3lb8n0q> IMAP Error: Login failed for bob against localhost from 203.0.113.5. AUTHENTICATE PLAIN: Authentication failed. in /usr/share/roundcube/program/lib/Roundcube/rcube_imap.php on line 211 (POST /?_task=login&_action=login)',
      '[01-May-2024 10:00:06 +0200]: <k3lb8n0q> Failed login for bob from 203.0.113.5 in session k3lb8n0q (error: 0)',
      '[01-May-2024 10:00:09 +0200]: <k3lb8n0s> Successful login for bob (ID: 1) from 203.0.113.5 in session k3lb8n0s',
    ].join('\n') + '\n');
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.user, e.action])).toEqual([
      [Date.UTC(2024, 4, 1, 8, 0, 0), '203.0.113.5', 'bob', 'auth_failure'],
      [Date.UTC(2024, 4, 1, 8, 0, 6), '203.0.113.5', 'bob', null],
      [Date.UTC(2024, 4, 1, 8, 0, 9), '203.0.113.5', 'bob', 'auth_success'],
    ]);
  });

  it("Nextcloud's Login failed names the account; its `--` user is no account and its version no address", () => {
    const line = (o: Record<string, unknown>): string => JSON.stringify({ reqId: 'ZjIxM2Q0NWY', level: 2, time: '2024-05-01T10:00:00+00:00', remoteAddr: '203.0.113.5', user: '--', app: 'core', method: 'POST', url: '/login', message: 'Login failed: admin (Remote IP: 203.0.113.5)', userAgent: 'Mozilla/5.0', version: '28.0.4.1', ...o });
    const r = parseText([line({}), line({ message: "Login failed: 'bob' (Remote IP: '2001:db8::5')", remoteAddr: '2001:db8::5' }), line({ message: 'Bruteforce attempt from "203.0.113.5" detected for action "login".' })].join('\n') + '\n');
    expect(r.detected.layout.mapping.dst_ip).toBeUndefined();
    expect(r.rows.map((e) => [e.src_ip, e.dst_ip, e.user, e.action])).toEqual([
      ['203.0.113.5', null, 'admin', 'auth_failure'],
      ['2001:db8::5', null, 'bob', 'auth_failure'],
      ['203.0.113.5', null, null, null],
    ]);
  });

  it('200 KB hostile lines are read without typing a login', () => {
    const started = Date.now();
    const t = '[01-May-2024 10:00:00 +0200]: <k> ';
    const r = parseText([
      `${t}IMAP Error: Login failed for bob against localhost from ${'1.'.repeat(HOSTILE / 2)}`,
      `${t}Successful login for ${'a'.repeat(HOSTILE)} from 203.0.113.5`,
      `${t}${' login for '.repeat(HOSTILE / 11)}`,
    ].join('\n') + '\n');
    const nc = (message: string): string => JSON.stringify({ time: '2024-05-01T10:00:00+00:00', remoteAddr: '203.0.113.5', user: '--', app: 'core', message });
    const j = parseText([nc(`Login failed: ${"'".repeat(HOSTILE)} (Remote IP: 203.0.113.5)`), nc(`Login failed: ${'a'.repeat(HOSTILE)} (Remote IP: 203.0.113.5)`), nc(`Login successful: "${'b'.repeat(HOSTILE)}"`)].join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.rows.map((e) => e.action)).toEqual([null, null, null]);
    expect(j.rows.map((e) => e.action)).toEqual([null, null, null]);
  });
});

describe('Sendmail and Courier logins in syslog', () => {
  it('SASL failures and AUTH=server successes; Courier LOGIN FAILED / LOGIN; the same words from another program are not logins', () => {
    const r = parseText([
      'May  1 10:00:00 mail sendmail[3000]: 441A00a1000123: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=admin, relay=unknown [203.0.113.5] (may be forged)',
      'May  1 10:00:05 mail sendmail[3002]: AUTH=server, relay=client.example.net [198.51.100.20], authid=bob, mech=LOGIN, bits=0',
      'May  1 10:01:02 mail imapd-ssl: LOGIN FAILED, method=PLAIN, user=bob@example.com, ip=[::ffff:203.0.113.7]',
      'May  1 10:01:05 mail imapd-ssl: LOGIN, user=alice@example.com, ip=[::ffff:198.51.100.21], port=[51234], protocol=IMAP',
      'May  1 10:01:06 mail app[1]: LOGIN FAILED, user=x, ip=[203.0.113.9]',
    ].join('\n') + '\n', { year: 2024 });
    expect(r.rows.map((e) => [e.src_ip, e.src_port, e.user, e.action])).toEqual([
      ['203.0.113.5', null, 'admin', 'auth_failure'],
      ['198.51.100.20', null, 'bob', 'auth_success'],
      ['203.0.113.7', null, 'bob@example.com', 'auth_failure'],
      ['198.51.100.21', 51234, 'alice@example.com', 'auth_success'],
      [null, null, null, null],
    ]);
  });

  it('200 KB hostile lines are read without typing a login', () => {
    const started = Date.now();
    const r = parseText([
      `May  1 10:00:00 mail sendmail[1]: AUTH failure (LOGIN): ${'x'.repeat(HOSTILE)}, relay=[203.0.113.5]`,
      `May  1 10:00:00 mail sendmail[1]: AUTH failure (LOGIN): x${', user=a'.repeat(HOSTILE / 8)}`,
      `May  1 10:00:00 mail sendmail[1]: AUTH=server, relay=${'['.repeat(HOSTILE)}`,
      `May  1 10:00:00 mail imapd: LOGIN FAILED, user=${'u'.repeat(HOSTILE)}, ip=[203.0.113.5]`,
    ].join('\n') + '\n', { year: 2024 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.rows.map((e) => e.action)).toEqual([null, null, null, null]);
  });
});

describe("HAProxy's own accept date", () => {
  it('dates a record whose syslog header has no year (HTTP and TCP mode), in the same local time', () => {
    const r = parseText([
      'May  1 10:00:02 lb haproxy[1234]: 203.0.113.5:41000 [01/May/2024:10:00:01.456] http-in~ app/web1 0/0/1/20/21 401 312 - - ---- 3/3/0/0/0 0/0 "POST /wp-login.php HTTP/1.1"',
      'May  1 10:00:09 lb haproxy[1234]: 10.0.1.2:33313 [01/May/2024:10:00:04.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0',
      'May  1 10:00:10 lb haproxy[1234]: Proxy http-in started.',
    ].join('\n') + '\n', { year: 2026, tz: 'Europe/Berlin' });
    expect(r.rows.map((e) => [e.ts, e.ts_text, e.status])).toEqual([
      [Date.UTC(2024, 4, 1, 8, 0, 1, 456), '01/May/2024:10:00:01.456', 401],
      [Date.UTC(2024, 4, 1, 8, 0, 4, 443), '01/May/2024:10:00:04.443', null],
      [Date.UTC(2026, 4, 1, 8, 0, 10), 'May  1 10:00:10', null],
    ]);
    expect(r.rows[0].extra).toBe('{"pid":"1234"}');
  });

  it('a 200 KB bracket is no date', () => {
    const r = parseText(`May  1 10:00:02 lb haproxy[1]: 203.0.113.5:41000 [${'1'.repeat(HOSTILE)}] a b 0/0/1/20/21 200 1 - - ---- 0/0/0/0/0 0/0 "GET / HTTP/1.1"\n`, { year: 2026 });
    expect([r.rows[0].ts, r.rows[0].status]).toEqual([Date.UTC(2026, 4, 1, 10, 0, 2), 200]);
  });
});

describe('logins whose records name no program: the format names the service', () => {
  const forti = (rest: string): string => `date=2024-05-01 time=10:01:00 devname="FGT60F" devid="FGT60FTK2209A1B2" eventtime=1714557660000000000 tz="+0000" type="event" level="alert" vd="root" ${rest}`;
  const sfos = (rest: string): string => `device="SFW" date=2024-05-01 time=10:00:00 timezone="UTC" device_name="XG230" device_id=C2200XXXXX log_id=062910617701 log_type="Event" ${rest}`;

  it('FortiGate: SSL-VPN, and the admin interface from ui (https, ssh, console), on logins only', () => {
    const r = parseText([
      forti('logid="0101039426" subtype="vpn" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" remip=203.0.113.6 user="jdoe" reason="sslvpn_login_permission_denied" msg="SSL user failed to logged in"'),
      forti('logid="0100032002" subtype="system" logdesc="Admin login failed" user="admin" ui="https(203.0.113.5)" method="https" srcip=203.0.113.5 action="login" status="failed" msg="Administrator admin login failed from https(203.0.113.5) because of invalid password"'),
      forti('logid="0100032002" subtype="system" logdesc="Admin login failed" user="root" ui="ssh(203.0.113.7)" method="ssh" srcip=203.0.113.7 action="login" status="failed" msg="Administrator root login failed from ssh(203.0.113.7) because of invalid user name"'),
      forti('logid="0100032001" subtype="system" logdesc="Admin login successful" user="admin" ui="console" method="console" action="login" status="success" msg="Administrator admin logged in successfully from console"'),
      forti('logid="0100044546" subtype="system" logdesc="Attribute configured" user="admin" ui="https(10.0.0.9)" action="Edit" msg="Edit system.interface port1"'),
    ].join('\n') + '\n');
    expect(r.rows.map((e) => [e.action, e.program])).toEqual([
      ['auth_failure', 'FortiGate SSL-VPN'],
      ['auth_failure', 'FortiGate admin https'],
      ['auth_failure', 'FortiGate admin ssh'],
      ['auth_success', 'FortiGate admin console'],
      ['edit', null],
    ]);
    expect([loginService(r.rows[0].program as string), loginService(r.rows[1].program as string), loginService(r.rows[2].program as string), loginService(r.rows[3].program as string)]).toEqual(['VPN login', 'Web admin login', 'SSH', 'Admin login']);
  });

  it('Sophos: by log component (VPN, captive portal, firewall authentication) and the admin console used', () => {
    const r = parseText([
      sfos('log_component="SSL VPN Authentication" log_subtype="Authentication" status="Failed" user_name="bob" src_ip=203.0.113.5 message="User bob failed to login to SSL VPN through AD authentication mechanism because of wrong credentials"'),
      sfos('log_component="Firewall Authentication" log_subtype="Authentication" status="Failed" user_name="carol" auth_client="Web Client" src_ip=203.0.113.6 message="User carol failed to login to Firewall through Local authentication mechanism because of wrong credentials"'),
      sfos('log_component="Captive Portal" log_subtype="Authentication" status="Failed" user_name="guest" src_ip=10.0.5.7 message="User guest failed to login to Captive Portal"'),
      sfos('log_component="GUI" log_subtype="Admin" status="Failed" user_name="admin" src_ip=203.0.113.8 message="User admin failed to login to Webadmin from 203.0.113.8 using HTTPS because of wrong credentials"'),
      sfos('log_component="CLI" log_subtype="Admin" status="Failed" user_name="admin" src_ip=203.0.113.9 message="User admin failed to login to CLI from 203.0.113.9 using SSH because of wrong credentials"'),
      sfos('log_component="GUI" log_subtype="Admin" status="Successful" user_name="admin" src_ip=10.0.0.8 message="Appliance Access settings were changed by \'admin\' from \'10.0.0.8\' using \'GUI\'"'),
    ].join('\n') + '\n');
    expect(r.rows.map((e) => [e.action, e.program, e.program === null ? null : loginService(e.program as string)])).toEqual([
      ['auth_failure', 'Sophos SSL VPN Authentication', 'VPN login'],
      ['auth_failure', 'Sophos Firewall Authentication', 'Firewall user login'],
      ['auth_failure', 'Sophos Captive Portal', 'Captive portal login'],
      ['auth_failure', 'Sophos admin web', 'Web admin login'],
      ['auth_failure', 'Sophos admin ssh', 'SSH'],
      [null, null, null],
    ]);
  });

  it('Okta System Log records are Okta\'s; a Nextcloud record\'s app is a part of Nextcloud', () => {
    const okta = parseText(JSON.stringify({ actor: { alternateId: 'bob@example.com' }, client: { ipAddress: '203.0.113.5' }, eventType: 'user.session.start', outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' }, published: '2024-05-01T10:00:00.000Z', uuid: 'u1' }) + '\n');
    expect([okta.rows[0].action, okta.rows[0].program, loginService(okta.rows[0].program as string)]).toEqual(['auth_failure', 'okta', 'Okta SSO']);
    const nc = parseText(['core', 'admin_audit'].map((app, i) => JSON.stringify({ reqId: `r${i}`, level: 2, time: '2024-05-01T10:00:00+00:00', remoteAddr: '203.0.113.5', user: '--', app, method: 'POST', url: '/login', message: i === 0 ? 'Login failed: admin (Remote IP: 203.0.113.5)' : 'Login successful: "alice"', version: '28.0.4.1' })).join('\n') + '\n');
    expect(nc.rows.map((e) => [e.action, e.program, loginService(e.program as string)])).toEqual([
      ['auth_failure', 'nextcloud/core', 'Web login'],
      ['auth_success', 'nextcloud/admin_audit', 'Web login'],
    ]);
  });

  it('200 KB ui, component, message and program values are read in time', () => {
    const started = Date.now();
    const big = 'a'.repeat(HOSTILE);
    const r = parseText([
      forti(`logid="0100032002" subtype="system" logdesc="Admin login failed" user="admin" ui="${big}(" method="${big}" srcip=203.0.113.5 action="login" status="failed"`),
      sfos(`log_component="${'SSH '.repeat(HOSTILE / 4)}" log_subtype="Authentication" status="Failed" user_name="bob" src_ip=203.0.113.5 message="${'login to '.repeat(HOSTILE / 9)}"`),
    ].join('\n') + '\n');
    expect(r.rows.map((e) => [e.action, (e.program as string).slice(0, 20)])).toEqual([['auth_failure', 'FortiGate admin'], ['auth_failure', 'Sophos SSH SSH SSH S']]);
    expect(loginService(`fortigate admin https ${'https'.repeat(HOSTILE / 5)}`)).toBe('Web admin login');
    expect(loginService(`${'okta'.repeat(HOSTILE / 4)}x`)).toBe('Login');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('Postfix smtpd: the client of connect, disconnect and reject lines', () => {
  const syslog = (...lines: string[]): ReturnType<typeof parseText> => parseText(lines.join('\n') + '\n', { year: 2024 });

  it('types the client address (and port) with no login action; the disconnect AUTH count is kept, not called a failure', () => {
    const r = syslog(
      'May  1 10:02:00 mail postfix/smtpd[2345]: connect from unknown[203.0.113.5]',
      'May  1 10:02:01 mail postfix/smtpd[2345]: warning: unknown[203.0.113.5]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      'May  1 10:02:03 mail postfix/smtpd[2345]: lost connection after AUTH from unknown[203.0.113.5]',
      'May  1 10:02:04 mail postfix/smtpd[2345]: disconnect from unknown[203.0.113.5] ehlo=1 auth=0/1 commands=1/2',
      'May  1 10:02:05 mail postfix/submission/smtpd[2346]: connect from laptop.example.net[2001:db8::7]:51234',
      'May  1 10:02:06 mail postfix/smtpd[2347]: NOQUEUE: reject: RCPT from unknown[203.0.113.8]: 554 5.7.1 <x@example.org>: Relay access denied; from=<a@example.com> to=<x@example.org> proto=ESMTP helo=<x>',
      'May  1 10:02:07 mail postfix/smtpd[2348]: timeout after DATA (0 bytes) from unknown[198.51.100.4]',
      'May  1 10:02:09 mail postfix/smtpd[2345]: disconnect from mx.example.org[192.0.2.25] ehlo=1 auth=2 mail=1 rcpt=1 data=1 quit=1 commands=7',
      'May  1 10:02:10 mail postfix/smtp[2349]: connect to mx.example.net[192.0.2.30]:25: Connection refused',
    );
    expect(r.rows.map((e) => [e.src_ip, e.src_port, e.action, (JSON.parse(e.extra as string) as Record<string, string>).smtp_auth ?? null])).toEqual([
      ['203.0.113.5', null, null, null],
      ['203.0.113.5', null, 'auth_failure', null],
      ['203.0.113.5', null, null, null],
      ['203.0.113.5', null, null, '0/1'],
      ['2001:db8::7', 51234, null, null],
      ['203.0.113.8', null, null, null],
      ['198.51.100.4', null, null, null],
      ['192.0.2.25', null, null, '2/2'],
      [null, null, null, null],
    ]);
  });

  it('200 KB hostile smtpd lines are read in time', () => {
    const started = Date.now();
    const r = syslog(
      `May  1 10:02:00 mail postfix/smtpd[1]: connect from ${'a'.repeat(HOSTILE)}[203.0.113.5]`,
      `May  1 10:02:00 mail postfix/smtpd[1]: lost connection after ${'A'.repeat(HOSTILE)} from unknown[203.0.113.5]`,
      `May  1 10:02:00 mail postfix/smtpd[1]: NOQUEUE: ${'reject: '.repeat(HOSTILE / 8)}`,
      `May  1 10:02:00 mail postfix/smtpd[1]: disconnect from unknown[203.0.113.5]${' auth=1'.repeat(HOSTILE / 7)}/`,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.rows.map((e) => e.src_ip)).toEqual([null, null, null, '203.0.113.5']);
  });
});
