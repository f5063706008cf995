// End to end: a planted attack in each log source Loupe learned to type is found by the detector a
// responder expects (ingest, analyze, the finding's title).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { ingestFiles } from '../../../src/core/ingest';
import type { Finding } from '../../../src/shared/model';
import { synOnly } from '../../../src/core/analysis/eventKind';
import { cleanup } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  cleanup();
});

async function findings(name: string, lines: string[]): Promise<Finding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-src-'));
  dirs.push(dir);
  const p = path.join(dir, name);
  fs.writeFileSync(p, lines.join('\n') + '\n');
  const file = path.join(dir, 'c.loupe');
  await ingestFiles({ caseFile: file, files: [p], year: 2024, threads: 1 });
  return (await analyzeCase(file, { inline: true })).findings;
}

const A = '203.0.113.5';
const pad = (n: number): string => String(n).padStart(2, '0');
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
const n40 = Array.from({ length: 40 }, (_, i) => i);
/** `10:00:03`-style clock of attempt i (one every 3 s from 10:00 on 1 May 2024) */
const clock = (i: number): string => new Date(T0 + i * 3000).toISOString().slice(11, 19);
const brute = (f: Finding[]): string[] => f.filter((x) => x.detector === 'bruteForce').map((x) => x.title);

describe('planted login attacks are found', () => {
  it('FortiGate: admin login failures after a head of traffic records', async () => {
    const traffic = Array.from({ length: 120 }, (_, i) => `date=2024-05-01 time=09:${pad(Math.floor(i / 2))}:${pad((i % 2) * 30)} devname="FGT60F" devid="FGT60FTK2209A1B2" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.1.${5 + (i % 50)} srcport=${50000 + i} dstip=93.184.216.34 dstport=443 proto=6 action="close" policyid=1 service="HTTPS" duration=12 sentbyte=2345 rcvdbyte=45678`);
    const fail = (i: number): string => `date=2024-05-01 time=${clock(i)} devname="FGT60F" devid="FGT60FTK2209A1B2" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" sn="0" user="admin" ui="https(${A})" method="https" srcip=${A} dstip=198.51.100.1 action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from https(${A}) because of invalid password"`;
    const ok = `date=2024-05-01 time=${clock(41)} devname="FGT60F" devid="FGT60FTK2209A1B2" logid="0100032001" type="event" subtype="system" level="information" vd="root" logdesc="Admin login successful" sn="1714557723" user="admin" ui="https(${A})" method="https" srcip=${A} dstip=198.51.100.1 action="login" status="success" reason="none" profile="super_admin" msg="Administrator admin logged in successfully from https(${A})"`;
    const f = await findings('fortigate.log', [...traffic, ...n40.map(fail), ok]);
    expect(brute(f)).toEqual([`Web admin login brute force from ${A}: 40 failed logins, then a success`]);
  });
});

describe('logins whose records name no program are named by their service', () => {
  const B = '198.51.100.77';
  const C2 = '192.0.2.50';
  it('FortiGate: SSL-VPN failures are a VPN login attack, admin failures over SSH an SSH one', async () => {
    const vpn = (i: number): string => `date=2024-05-01 time=${clock(i)} devname="FGT60F" devid="FGT60FTK2209A1B2" logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" tunnelid=0 remip=${C2} user="user${i}" group="N/A" dst_host="N/A" reason="sslvpn_login_unknown_user" msg="SSL user failed to logged in"`;
    const ssh = (i: number): string => `date=2024-05-01 time=${clock(i)} devname="FGT60F" devid="FGT60FTK2209A1B2" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" sn="0" user="admin" ui="ssh(${B})" method="ssh" srcip=${B} dstip=198.51.100.1 action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from ssh(${B}) because of invalid password"`;
    const f = await findings('fortigate.log', [...n40.map(vpn), ...n40.map(ssh)]);
    expect(brute(f).sort()).toEqual([`SSH brute force from ${B}: 40 failed logins`, `VPN login password spraying from ${C2}: 40 user names, 40 failed logins`]);
  });

  it('Okta System Log: failed session starts are an Okta SSO attack', async () => {
    const okta = (i: number): string => JSON.stringify({ actor: { id: '00u1abcd', type: 'User', alternateId: `user${i}@example.com`, displayName: 'unknown' }, client: { userAgent: { rawUserAgent: 'python-requests/2.31.0', os: 'Unknown', browser: 'UNKNOWN' }, zone: 'null', device: 'Unknown', ipAddress: A, geographicalContext: { city: 'Ashburn', country: 'United States' } }, displayMessage: 'User login to Okta', eventType: 'user.session.start', outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' }, published: new Date(T0 + i * 3000).toISOString(), severity: 'WARN', uuid: `c0ffee${i}`, version: '0', legacyEventType: 'core.user_auth.login_failed', transaction: { type: 'WEB', id: `tx${i}` } });
    const f = await findings('okta.jsonl', n40.map(okta));
    expect(brute(f)).toEqual([`Okta SSO password spraying from ${A}: 40 user names, 40 failed logins`]);
  });

  it('Sophos: WebAdmin failures are a web admin login attack, Firewall Authentication a firewall user login one', async () => {
    const sfos = (i: number, ip: string, rest: string): string => `device="SFW" date=2024-05-01 time=${clock(i)} timezone="UTC" device_name="XG230" device_id=C2200XXXXX log_id=062910617703 log_type="Event" ${rest.replaceAll('IP', ip)}`;
    const admin = (i: number): string => sfos(i, B, 'log_component="GUI" log_subtype="Admin" status="Failed" priority=Information user_name="admin" src_ip=IP message="User admin failed to login to Webadmin from IP using HTTPS because of wrong credentials"');
    const fw = (i: number): string => sfos(i, C2, `log_component="Firewall Authentication" log_subtype="Authentication" status="Failed" priority=Information user_name="bob" usergroupname="" auth_client="Web Client" auth_mechanism="Local" reason="" src_ip=IP message="User bob failed to login to Firewall through Local authentication mechanism because of wrong credentials" name="" src_mac=`);
    const f = await findings('sfos.log', [...n40.map(admin), ...n40.map(fw)]);
    expect(brute(f).sort()).toEqual([`Firewall user login brute force from ${C2}: 40 failed logins`, `Web admin login brute force from ${B}: 40 failed logins`]);
  });
});

describe('planted mail and FTP login attacks', () => {
  const sysTime = (i: number): string => `May  1 ${clock(i)}`;
  it('Pure-FTPd: 40 failed logins then a success is a critical FTP brute force', async () => {
    const lines = [
      ...n40.map((i) => `${sysTime(i)} ftp pure-ftpd: (?@${A}) [WARNING] Authentication failed for user [bob]`),
      `${sysTime(41)} ftp pure-ftpd: (?@${A}) [INFO] bob is now logged in`,
      `${sysTime(42)} ftp pure-ftpd: (bob@${A}) [NOTICE] /home/ftp/bob//backup.tar.gz downloaded  (52428800 bytes, 10240.00KB/sec)`,
    ];
    const f = await findings('messages', lines);
    expect(brute(f)).toEqual([`FTP brute force from ${A}: 40 failed logins, then a success`]);
    expect(f.find((x) => x.detector === 'bruteForce')!.severity).toBe('critical');
  });

  it('Postfix: SASL failures then a message sent as the guessed account is a brute force that succeeded', async () => {
    const lines = [
      ...n40.map((i) => `${sysTime(i)} mail postfix/smtpd[2345]: warning: unknown[${A}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`),
      `${sysTime(41)} mail postfix/smtpd[2345]: 4F2A31C0123: client=unknown[${A}], sasl_method=LOGIN, sasl_username=bob@example.com`,
    ];
    const f = await findings('mail.log', lines);
    expect(brute(f)).toEqual([`SMTP AUTH brute force from ${A}: 40 failed logins, then a success`]);
  });
});

describe('planted Kubernetes API attack', () => {
  const event = (i: number, ip: string, why: string): string => JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `id-${ip}-${i}`, stage: 'ResponseStarted', requestURI: '/api/v1/namespaces/kube-system/secrets', verb: 'list', user: {}, sourceIPs: [ip], userAgent: 'python-requests/2.31.0', objectRef: { resource: 'secrets', namespace: 'kube-system', apiVersion: 'v1' }, responseStatus: { metadata: {}, message: why, code: 401 }, requestReceivedTimestamp: new Date(T0 + i * 3000).toISOString(), stageTimestamp: new Date(T0 + i * 3000 + 1).toISOString() });
  it('40 rejected bearer tokens from one address are a Kubernetes API brute force; requests without credentials are not', async () => {
    const benign = Array.from({ length: 20 }, (_, i) => JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `ok-${i}`, stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/default/pods', verb: 'watch', user: { username: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:authenticated'] }, sourceIPs: ['10.0.0.12'], userAgent: 'kube-controller-manager/v1.29.2', responseStatus: { metadata: {}, code: 200 }, requestReceivedTimestamp: new Date(T0 - 3600e3 + i * 60e3).toISOString(), stageTimestamp: new Date(T0 - 3600e3 + i * 60e3 + 5).toISOString() }));
    const lines = [...benign, ...n40.map((i) => event(i, A, 'Authentication failed, attempted: bearer')), ...n40.map((i) => event(i, '198.51.100.200', 'Authentication failed, no credentials provided'))];
    const f = await findings('audit.log', lines);
    expect(brute(f)).toEqual([`Kubernetes API brute force from ${A}: 40 failed logins`]);
  });
});

describe('planted ESXi Host Client attack', () => {
  it('40 "Cannot login root@A" events then a login are a critical ESXi brute force', async () => {
    const ts = (i: number): string => new Date(T0 + i * 3000).toISOString();
    const lines = [
      ...n40.map((i) => `${ts(i)} In(166) Hostd[2099533]: [Originator@6876 sub=Vimsvc.ha-eventmgr opID=esxui-${i}] Event ${1000 + i} : Cannot login root@${A}`),
      `${ts(41)} In(166) Hostd[2099533]: [Originator@6876 sub=Vimsvc.ha-eventmgr opID=esxui-ok] Event 1041 : User root@${A} logged in as python-requests/2.31.0`,
    ];
    const f = await findings('hostd.log', lines);
    expect(brute(f)).toEqual([`ESXi brute force from ${A}: 40 failed logins, then a success`]);
  });
});

describe('planted Exim SMTP AUTH attack', () => {
  it("40 rejected passwords then a message sent as the account are a critical SMTP AUTH brute force, from Exim's own log", async () => {
    const day = (i: number): string => new Date(T0 + i * 3000).toISOString().slice(0, 19).replace('T', ' ');
    const lines = [
      ...n40.map((i) => `${day(i)} dovecot_login authenticator failed for (User) [${A}]:${50000 + i}: 535 Incorrect authentication data (set_id=info@example.com)`),
      `${day(41)} 1sAbCd-000Efg-Hi <= info@example.com H=(User) [${A}]:51000 P=esmtpa A=dovecot_login:info@example.com S=1234 id=spam1@example.com`,
    ];
    const f = await findings('mainlog', lines);
    expect(brute(f)).toEqual([`SMTP AUTH brute force from ${A}: 40 failed logins, then a success`]);
  });
});

describe('planted Citrix Gateway password spraying', () => {
  it('40 failed Gateway logins from one address then a session are a critical Citrix Gateway brute force', async () => {
    const users = ['admin', 'bob', 'alice', 'carol', 'dave', 'erin', 'frank', 'grace'];
    const ns = (i: number, rest: string): string => `May  1 ${clock(i)} 10.0.0.3 05/01/2024:${clock(i)} GMT ns01 0-PPE-0 : default ${rest}`;
    const lines = [
      ...n40.map((i) => ns(i, `AAA LOGIN_FAILED ${1000 + i} 0 : User ${users[i % users.length]} - Client_ip ${A} - Failure_reason "Invalid credentials" - Browser python-requests/2.31.0`)),
      ns(41, `SSLVPN LOGIN 1041 0 : Context carol@${A} - SessionId: 57- User carol - Client_ip ${A} - Nat_ip "Mapped Ip" - Vserver 10.0.0.3:443 - Browser_type "python-requests/2.31.0" - SSLVPN_client_type ICA - Group(s) "N/A"`),
    ];
    const f = await findings('ns.log', lines);
    expect(brute(f)).toEqual([`Citrix Gateway brute force from ${A}: 40 failed logins, then a success`]);
  });
});

describe('planted Sophos SSL VPN attack', () => {
  it('40 failed SSL VPN logins then a success are a critical brute force', async () => {
    const sfos = (i: number, status: string, msg: string): string => `device="SFW" date=2024-05-01 time=${clock(i)} timezone="UTC" device_name="XG230" device_id=C2200XXXXX log_id=062910617701 log_type="Event" log_component="SSL VPN Authentication" log_subtype="Authentication" status="${status}" priority=Notice user_name="bob" usergroupname="" auth_client="N/A" auth_mechanism="AD" reason="" src_ip=${A} message="${msg}" name="" src_mac=`;
    const lines = [...n40.map((i) => sfos(i, 'Failed', 'User bob failed to login to SSL VPN through AD authentication mechanism because of wrong credentials')), sfos(41, 'Successful', 'User bob authenticated successfully to login to SSL VPN through AD authentication mechanism')];
    const f = await findings('sfos.log', lines);
    expect(brute(f)).toEqual([`VPN login brute force from ${A}: 40 failed logins, then a success`]);
  });
});

describe('planted SIP registration guessing', () => {
  it('40 refused REGISTERs for many extensions from one address are found as SIP password guessing', async () => {
    const day = (i: number): string => new Date(T0 + i * 3000).toISOString().slice(0, 19).replace('T', ' ');
    const lines = n40.map((i) => `[${day(i)}] NOTICE[3456] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:${100 + i}@198.51.100.1>' failed for '${A}:5060' (callid: ${1000 + i}-abc) - Failed to authenticate`);
    const f = await findings('full', lines);
    expect(brute(f)).toEqual([`SIP password spraying from ${A}: 40 user names, 40 failed logins`]);
  });
});

describe('planted webmail and Nextcloud attacks', () => {
  it("Roundcube: 40 IMAP login failures from the webmail client's address then a login are a critical brute force", async () => {
    const day = (i: number): string => { const d = new Date(T0 + i * 3000); return `01-May-2024 ${d.toISOString().slice(11, 19)} +0000`; };
    const lines = [
      ...n40.map((i) => `[${day(i)}]: <s${i}> IMAP Error: Login failed for bob against localhost from ${A}. AUTHENTICATE PLAIN: Authentication failed. in /usr/share/roundcube/program/lib/Roundcube/rcube_imap.php on line 211 (POST /?_task=login&_action=login)`),
      `[${day(41)}]: <sok> Successful login for bob (ID: 1) from ${A} in session sok`,
    ];
    const f = await findings('errors.log', lines);
    expect(brute(f)).toEqual([`Web login brute force from ${A}: 40 failed logins, then a success`]);
  });

  it('Nextcloud: 40 "Login failed" lines from one address are a brute force', async () => {
    const lines = n40.map((i) => JSON.stringify({ reqId: `r${i}`, level: 2, time: new Date(T0 + i * 3000).toISOString().replace('.000Z', '+00:00'), remoteAddr: A, user: '--', app: 'core', method: 'POST', url: '/login', message: `Login failed: admin (Remote IP: ${A})`, userAgent: 'python-requests/2.31.0', version: '28.0.4.1', data: { app: 'core' } }));
    const f = await findings('nextcloud.log', lines);
    expect(brute(f)).toEqual([`Web login brute force from ${A}: 40 failed logins`]);
  });
});

describe('planted Sendmail and Courier attacks', () => {
  const sysTime = (i: number): string => `May  1 ${clock(i)}`;
  it('Sendmail: 40 SASL failures then an AUTH=server are a critical SMTP AUTH brute force', async () => {
    const lines = [
      ...n40.map((i) => `${sysTime(i)} mail sendmail[${3000 + i}]: 441A${String(i).padStart(2, '0')}a1000123: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=info, relay=unknown [${A}] (may be forged)`),
      `${sysTime(41)} mail sendmail[3100]: AUTH=server, relay=unknown [${A}] (may be forged), authid=info, mech=LOGIN, bits=0`,
    ];
    expect(brute(await findings('maillog', lines))).toEqual([`SMTP AUTH brute force from ${A}: 40 failed logins, then a success`]);
  });

  it('Courier: 40 IMAP failures are an IMAP/POP3 brute force', async () => {
    const lines = n40.map((i) => `${sysTime(i)} mail imapd-ssl: LOGIN FAILED, method=PLAIN, user=bob@example.com, ip=[::ffff:${A}]`);
    expect(brute(await findings('maillog', lines))).toEqual([`IMAP/POP3 brute force from ${A}: 40 failed logins`]);
  });
});

describe('Elastic Common Schema exports', () => {
  const ecs = (i: number, outcome: string, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({
      '@timestamp': new Date(T0 + i * 3000).toISOString(),
      source: { ip: A, port: 40000 + i },
      destination: { ip: '10.1.2.10', port: 22 },
      event: { category: ['authentication'], action: 'ssh_login', outcome, dataset: 'system.auth' },
      user: { name: 'root' },
      process: { name: 'sshd' },
      ...extra,
    });

  it('a Filebeat system.auth export: event.outcome failure on ssh_login is a failed SSH login, and the success after it is one', async () => {
    const f = await findings('auth-export.ndjson', [...n40.map((i) => ecs(i, 'failure')), ecs(41, 'success')]);
    expect(brute(f)).toEqual([`SSH brute force from ${A}: 40 failed logins, then a success`]);
  });

  it('a Kibana CSV export with event.action login and event.outcome failure is typed too; a failed file access is no login', async () => {
    const header = '@timestamp,source.ip,destination.ip,event.category,event.action,event.outcome,user.name';
    const rows = n40.map((i) => `${new Date(T0 + i * 3000).toISOString()},${A},10.1.2.10,authentication,login,failure,admin`);
    const files = n40.map((i) => `${new Date(T0 + i * 3000).toISOString()},198.51.100.7,10.1.2.10,file,open,failure,svc`);
    const f = await findings('export.csv', [header, ...rows, ...files]);
    expect(brute(f)).toEqual([`Login brute force from ${A}: 40 failed logins`]);
  });
});

describe('ECS typing stays cheap on hostile records', () => {
  it('a 200 KB event.action or event.category is read in time and is no login', async () => {
    const big = 'login'.repeat(40_000);
    const line = JSON.stringify({ '@timestamp': '2024-05-01T10:00:00Z', source: { ip: A }, event: { category: [`authentication${' '.repeat(200_000)}x`], action: big, outcome: 'failure' } });
    const line2 = JSON.stringify({ '@timestamp': '2024-05-01T10:00:01Z', source: { ip: A }, event: { category: ['file'], action: big, outcome: 'failure' } });
    const t = Date.now();
    const f = await findings('hostile.ndjson', [line, line2]);
    expect(Date.now() - t).toBeLessThan(5000);
    expect(brute(f)).toEqual([]);
  });
});

describe("Splunk's Authentication data model export", () => {
  it('action failure/success beside src and user is a login; the same word without an account is not', async () => {
    const header = '"_time","action","app","src","user","dest"';
    const rows = n40.map((i) => `"${new Date(T0 + i * 3000).toISOString()}","failure","sshd","${A}","root","web01"`);
    const ok = `"${new Date(T0 + 41 * 3000).toISOString()}","success","sshd","${A}","root","web01"`;
    expect(brute(await findings('auth.csv', [header, ...rows, ok]))).toEqual([`SSH brute force from ${A}: 40 failed logins, then a success`]);
    // a backup job's runs: failure is the job's, not a login's
    const jobs = ['"_time","action","app","src","dest"', ...n40.map((i) => `"${new Date(T0 + i * 3000).toISOString()}","failure","backup","${A}","nas01"`)];
    expect(brute(await findings('jobs.csv', jobs))).toEqual([]);
  });
});

describe("UNSW-NB15 / Argus: the state column is a connection state, not TCP flags", () => {
  const H = 'srcip,sport,dstip,dsport,proto,state,dur,sbytes,dbytes,sttl,dttl,sloss,dloss,service,Sload,Dload,Spkts,Dpkts,swin,dwin,stcpb,dtcpb,smeansz,dmeansz,trans_depth,res_bdy_len,Sjit,Djit,Stime,Ltime,Sintpkt,Dintpkt,tcprtt,synack,ackdat,is_sm_ips_ports,ct_state_ttl,ct_flw_http_mthd,is_ftp_login,ct_ftp_cmd,ct_srv_src,ct_srv_dst,ct_dst_ltm,ct_src_ltm,ct_src_dport_ltm,ct_dst_sport_ltm,ct_dst_src_ltm,attack_cat,Label';
  const S0 = 1421927414;
  /** one UNSW-NB15 record: source sends spkts packets / sbytes, the destination dpkts / dbytes */
  const row = (src: string, sp: number, dst: string, dp: number, proto: string, state: string, t: number, spkts: number, sbytes: number, dpkts: number, dbytes: number, cat = '', label = 0): string =>
    [src, sp, dst, dp, proto, state, 0.5, sbytes, dbytes, 31, 29, 0, 0, '-', 0, 0, spkts, dpkts, proto === 'tcp' ? 255 : 0, proto === 'tcp' && dpkts ? 255 : 0, 0, 0, Math.round(sbytes / spkts), dpkts ? Math.round(dbytes / dpkts) : 0, 0, 0, 0, 0, S0 + t, S0 + t, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, cat, label].join(',');
  const scans = (f: Finding[]): string[] => f.filter((x) => x.detector === 'hostScan' || x.detector === 'portScan').map((x) => `${x.detector} ${x.entity} ${x.severity}`);

  it('RST (a reset after data) is no bare SYN: a client whose 300 sessions to web servers were reset is no host scan', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => row('59.166.0.4', 40000 + i, `149.171.${126 + Math.floor(i / 250)}.${(i % 250) + 1}`, 443, 'tcp', 'RST', i * 10, 20, 3000, 30, 40000));
    expect(scans(await findings('UNSW-NB15_1.csv', [H, ...lines]))).toEqual([]);
  });

  it('UDP CON (answered) exchanges to 300 hosts are no sweep; INT (nobody answered) ones are', async () => {
    const sweep = (state: string, dbytes: number): string[] => Array.from({ length: 300 }, (_, i) => row('175.45.176.3', 21000 + i, `149.171.${126 + Math.floor(i / 250)}.${(i % 250) + 1}`, 161, 'udp', state, i * 5, 1, 80, dbytes ? 1 : 0, dbytes));
    expect(scans(await findings('con.csv', [H, ...sweep('CON', 300)]))).toEqual([]);
    expect(scans(await findings('int.csv', [H, ...sweep('INT', 0)]))).toEqual(['hostScan 175.45.176.3 high']);
  });

  it('REQ (a request nobody answered) is a probe: 40 ports of one host tried once each are a port scan', async () => {
    const ports = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 1723, 3306, 3389, 5432, 5900, 6379, 8080, 8443, 9200, 27017, 11211, 2049, 389, 636, 873, 5985, 5986, 161, 162, 514, 548, 631, 1080];
    const lines = ports.map((p, i) => row('175.45.176.1', 30000 + i, '149.171.126.10', p, 'tcp', 'REQ', i, 1, 40, 0, 0, 'Reconnaissance', 1));
    expect(scans(await findings('req.csv', [H, ...lines]))).toEqual(['portScan 175.45.176.1 medium']);
  });

  it('states and flag letters: INT/REQ are probes, RST/CON/FIN/ECO are not; TCP flag letters still read as flags; 200 KB values in time', () => {
    expect(['INT', 'REQ', 'RST', 'CON', 'FIN', 'ACC', 'CLO', 'ECO', 'URH', 'S', 'SA', 'S0', 'SF', '.....S'].map((f) => synOnly(f))).toEqual([true, true, false, false, false, false, false, false, false, true, false, true, false, true]);
    const started = Date.now();
    expect(synOnly(`REQ${'Q'.repeat(200 * 1024)}`)).toBe(false);
    expect(synOnly(`${'INT|'.repeat(50 * 1024)}S`)).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
