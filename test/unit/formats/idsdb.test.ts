// IDS alerts (Snort/Suricata fast.log, eve.json verdicts), flow exports named in their own short
// words (nfdump -o csv, GCP VPC flow logs) and database / fail2ban login failures: each must come
// out typed (addresses, ports, verdicts, failed logins) or the detectors never see it.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestFiles } from '../../../src/core/ingest';
import { FIXTURES, parseFile, parseText } from './helpers';
import { fastLogSpec } from '../../../src/core/formats/fastlog';
import { C, newCounters, newRow } from '../../../src/core/formats/index';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

describe('Snort / Suricata fast.log', () => {
  it('Snort without a year takes the stated year; -y two-digit years; {PROTO:255}; ICMP without ports', () => {
    const r = parseText(
      lines(
        '08/28-12:34:56.123456  [**] [1:1000001:1] ICMP test [**] [Priority: 0] {ICMP} 192.168.1.5 -> 192.168.1.1',
        '08/28/24-12:35:01.000000  [**] [122:1:1] (portscan) TCP Portscan [**] [Classification: Attempted Information Leak] [Priority: 2] {PROTO:255} 203.0.113.9 -> 192.168.1.1',
        '08/28-12:35:02.500000  [wDrop] [**] [1:2001219:20] ET SCAN Potential SSH Scan [**] [Classification: Attempted Information Leak] [Priority: 2] {TCP} 203.0.113.9:40112 -> 192.168.1.1:22',
      ),
      { year: 2024 },
    );
    expect(r.detected.layout.format).toBe('fastlog');
    expect(r.rows.length + r.quarantined.length).toBe(r.records);
    const [a, b, c] = r.rows;
    expect([a.ts, a.src_ip, a.src_port, a.dst_ip, a.proto, a.flags, a.category]).toEqual([1724848496123, '192.168.1.5', null, '192.168.1.1', 'ICMP', null, null]);
    expect([b.ts, b.proto, b.message, b.category]).toEqual([1724848501000, '255', '(portscan) TCP Portscan', 'Attempted Information Leak']);
    // would-drop is a test-mode IPS: nothing was refused
    expect([c.src_ip, c.src_port, c.dst_port, c.action, JSON.parse(String(c.extra)).verdict]).toEqual(['203.0.113.9', 40112, 22, null, 'wDrop']);
  });

  it('a line that only starts like an alert is quarantined with a reason; a 1 MB signature is read in one pass', () => {
    const p = fastLogSpec.createParser({ tz: null, year: 2024, refTime: null, layout: { format: 'fastlog', header: null, mapping: {}, firstRecordLine: 1 } });
    const long = `03/26/2018-20:22:37.097370  [**] [1:1:1] ${'[**] {'.repeat(200_000)} [**] [Priority: 1] {TCP} 1.2.3.4:1 -> 5.6.7.8:2`;
    const row = newRow();
    const t0 = Date.now();
    expect(p.parse(long, row, newCounters())).toBeNull();
    expect(String(row[C.message]).length).toBeGreaterThan(1_000_000);
    const noTail = p.parse(`03/26/2018-20:22:37.097370  [**] [1:1:1] ${'x '.repeat(500_000)}`, newRow(), newCounters());
    expect(noTail).toBe('not a fast.log alert: no {protocol} before the addresses');
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('Snort 3 alert_json', () => {
  it('its year-less mm/dd-hh:mm:ss time, src_ap/dst_ap address:port, and no ports for ICMP', () => {
    const r = parseText(
      lines(
        '{ "timestamp" : "07/30-15:05:02.382218", "pkt_num" : 6, "proto" : "ICMP", "pkt_gen" : "raw", "pkt_len" : 84, "dir" : "C2S", "src_ap" : "10.0.0.1:0", "dst_ap" : "10.0.0.2:0", "rule" : "1:1000001:0", "action" : "allow" }',
        '{ "timestamp" : "07/30-15:05:03.000001", "pkt_num" : 9, "proto" : "TCP", "pkt_gen" : "raw", "pkt_len" : 60, "dir" : "C2S", "src_ap" : "203.0.113.9:40112", "dst_ap" : "10.0.0.2:22", "rule" : "1:2001219:20", "action" : "allow" }',
      ),
      { year: 2024 },
    );
    expect(r.detected.layout.format).toBe('jsonl');
    expect(r.rows.map((x) => [x.ts, x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.proto])).toEqual([
      [Date.UTC(2024, 6, 30, 15, 5, 2, 382), '10.0.0.1', null, '10.0.0.2', null, 'ICMP'],
      [Date.UTC(2024, 6, 30, 15, 5, 3, 0), '203.0.113.9', 40112, '10.0.0.2', 22, 'TCP'],
    ]);
  });
});

describe('Snort / Suricata alerts sent to syslog', () => {
  it("typed like fast.log lines (pfSense's IDS packages); a bracketed line without the 5-tuple stays a message", () => {
    const r = parseText(
      lines(
        'Mar  5 06:25:01 fw snort[12345]: [1:2001219:20] ET SCAN Potential SSH Scan [Classification: Attempted Information Leak] [Priority: 2] {TCP} 203.0.113.9:40112 -> 192.168.1.1:22',
        'Mar  5 06:25:02 fw snort[12345]: [122:1:1] (portscan) TCP Portscan [Classification: Attempted Information Leak] [Priority: 2]: <em0> {PROTO:255} 203.0.113.9 -> 192.168.1.1',
        'Mar  5 06:25:03 ids suricata[811]: [Drop] [1:2100366:8] GPL ICMP_INFO PING *NIX [Classification: Misc activity] [Priority: 3] {ICMP} 198.51.100.4:8 -> 10.2.41.231:0',
        'Apr 20 18:26:08 snort3 snort[13337]: [1:1000000:1] "Sample Dummy Alert" {TCP} 192.168.0.1:14685 -> 173.37.145.84:25',
        'Mar  5 06:25:04 ids suricata[811]: [100:1:0] not an alert: no protocol block',
        `Mar  5 06:25:05 ids suricata[811]: [1:1:1] ${'[Priority: {'.repeat(100_000)} -> `,
      ),
      { year: 2024 },
    );
    expect(r.detected.layout.format).toBe('syslog');
    expect(r.rows.map((x) => [x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.proto, x.flags, x.action, x.message, x.category])).toEqual([
      ['203.0.113.9', 40112, '192.168.1.1', 22, 'TCP', null, null, 'ET SCAN Potential SSH Scan', 'Attempted Information Leak'],
      ['203.0.113.9', null, '192.168.1.1', null, '255', null, null, '(portscan) TCP Portscan', 'Attempted Information Leak'],
      ['198.51.100.4', null, '10.2.41.231', null, 'ICMP', '8.0', 'reject', 'GPL ICMP_INFO PING *NIX', 'Misc activity'],
      ['192.168.0.1', 14685, '173.37.145.84', 25, 'TCP', null, null, 'Sample Dummy Alert', null],
      [null, null, null, null, null, null, null, '[100:1:0] not an alert: no protocol block', null],
      [null, null, null, null, null, null, null, r.rows[5].message, null],
    ]);
    expect(JSON.parse(String(r.rows[0].extra))).toMatchObject({ gid: '1', signature_id: '2001219', rev: '20', priority: '2' });
  });
});

describe('Suricata eve.json verdicts', () => {
  it('alert.action blocked is a reject, allowed an accept', () => {
    const r = parseText(
      lines(
        '{"timestamp":"2022-12-18T18:31:12.000000+0200","event_type":"alert","src_ip":"203.0.113.5","src_port":4444,"dest_ip":"10.0.0.2","dest_port":445,"proto":"TCP","alert":{"action":"blocked","signature_id":2024218,"signature":"ET EXPLOIT Possible ETERNALBLUE","category":"Attempted Administrator Privilege Gain","severity":1}}',
        '{"timestamp":"2022-12-18T18:31:13.000000+0200","event_type":"alert","src_ip":"203.0.113.5","src_port":4445,"dest_ip":"10.0.0.3","dest_port":445,"proto":"TCP","alert":{"action":"allowed","signature_id":2024218,"signature":"ET EXPLOIT Possible ETERNALBLUE","category":"Attempted Administrator Privilege Gain","severity":1}}',
      ),
    );
    expect(r.rows.map((x) => [x.action, x.message])).toEqual([
      ['reject', 'ET EXPLOIT Possible ETERNALBLUE'],
      ['accept', 'ET EXPLOIT Possible ETERNALBLUE'],
    ]);
  });
});

describe('Suricata eve.json flow records', () => {
  it("flow.age is the flow's duration in seconds; bytes and packets are what the client sent; the time is flow.start, the write time kept in extra", () => {
    const r = parseText(
      lines('{"timestamp":"2022-12-18T18:31:10.000000+0200","flow_id":1,"event_type":"flow","src_ip":"10.0.0.5","src_port":53000,"dest_ip":"198.51.100.7","dest_port":443,"proto":"TCP","app_proto":"tls","flow":{"pkts_toserver":120,"pkts_toclient":90,"bytes_toserver":9000000,"bytes_toclient":4000,"start":"2022-12-18T18:29:00.000000+0200","end":"2022-12-18T18:31:00.000000+0200","age":120,"state":"closed","reason":"timeout","alerted":false}}'),
    );
    const [f] = r.rows;
    expect([f.ts, f.duration, f.bytes, f.packets]).toEqual([Date.parse('2022-12-18T18:29:00+02:00'), 120, 9000000, 120]);
    expect(JSON.parse(String(f.extra)).timestamp).toBe('2022-12-18T18:31:10.000000+0200');
  });
});

describe('flow exports in their own short words', () => {
  it('nfdump -o csv: ports, protocol, bytes, packets, duration and flags by their nfdump names', () => {
    const r = parseText(
      lines(
        'ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out',
        '2024-03-05 06:25:01,2024-03-05 06:25:03,2.004,203.0.113.50,10.0.0.5,51515,22,TCP,...AP.SF,0,0,24,3120,0,0,0,0',
        '2024-03-05 06:25:04,2024-03-05 06:25:04,0.000,203.0.113.50,10.0.0.6,51516,23,TCP,......S.,0,0,1,60,0,0,0,0',
        'Summary',
        'flows,bytes,packets,avg_bps,avg_pps,avg_bpp',
        '2,3180,25,8477,66,127',
      ),
    );
    // the totals nfdump appends are not flows, and nothing is quarantined for them
    expect([r.records, r.quarantined.length]).toEqual([2, 0]);
    expect(r.rows.map((x) => [x.ts, x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.proto, x.bytes, x.packets, x.duration, x.flags])).toEqual([
      [1709619901000, '203.0.113.50', 51515, '10.0.0.5', 22, 'TCP', 3120, 24, 2.004, '...AP.SF'],
      [1709619904000, '203.0.113.50', 51516, '10.0.0.6', 23, 'TCP', 60, 1, 0, '......S.'],
    ]);
  });

  it('GCP VPC flow logs: connection.src_ip is the source, not whichever address comes first', () => {
    const r = parseText(
      lines(
        '{"insertId":"abc1","jsonPayload":{"bytes_sent":"3120","connection":{"dest_ip":"10.0.0.5","dest_port":22,"protocol":6,"src_ip":"203.0.113.50","src_port":51515},"end_time":"2024-03-05T06:25:03.1Z","packets_sent":"24","reporter":"DEST","start_time":"2024-03-05T06:25:01.1Z"},"logName":"projects/p/logs/compute.googleapis.com%2Fvpc_flows","timestamp":"2024-03-05T06:25:20.5Z"}',
      ),
    );
    const [a] = r.rows;
    expect([a.src_ip, a.src_port, a.dst_ip, a.dst_port, a.proto, a.bytes, a.packets]).toEqual(['203.0.113.50', 51515, '10.0.0.5', 22, 'TCP', 3120, 24]);
    // the flow's start (06:25:01.1), not the entry's write time (06:25:20.5)
    expect(a.ts).toBe(1709619901100);
  });
});

describe('database and fail2ban logins', () => {
  it('MySQL 8 and MariaDB Access denied are failed logins (MariaDB space-padded hours read); a database grant denial is not', () => {
    const r = parseText(
      lines(
        '2024-03-05  6:25:01 18 [Warning] Access denied for user \'root\'@\'185.234.218.10\' (using password: YES)',
        '2024-03-05  6:25:02 19 [Warning] Access denied for user \'wordpress\'@\'db-client.example.net\' (using password: NO)',
        '240305  6:25:03 [Warning] Access denied for user \'backup\'@\'localhost\' (using password: YES)',
        '2024-03-05  6:25:04 20 [Warning] Access denied for user \'app\'@\'10.0.0.7\' to database \'secret\'',
      ),
    );
    expect(r.detected.layout.format).toBe('text');
    expect(r.rows.map((x) => [x.ts, x.action, x.user, x.src_ip])).toEqual([
      [1709619901000, 'auth_failure', 'root', '185.234.218.10'],
      [1709619902000, 'auth_failure', 'wordpress', 'db-client.example.net'],
      [1709619903000, 'auth_failure', 'backup', null],
      [1709619904000, null, null, '10.0.0.7'],
    ]);
  });

  it('PostgreSQL: failed password with %h in the prefix, no pg_hba entry; a pg_hba CIDR is no address', () => {
    const r = parseText(
      lines(
        '2024-03-05 06:25:01.123 UTC [4321] postgres@postgres 185.234.218.10 FATAL:  password authentication failed for user "postgres"',
        '2024-03-05 06:25:01.123 UTC [4321] postgres@postgres DETAIL:  Connection matched pg_hba.conf line 99: "host all all 0.0.0.0/0 md5"',
        '2024-03-05 06:25:04 UTC [4324-1] postgres@postgres FATAL:  no pg_hba.conf entry for host "185.234.218.11", user "admin", database "postgres", SSL off',
      ),
    );
    expect(r.rows.map((x) => [x.action, x.user, x.src_ip])).toEqual([
      ['auth_failure', 'postgres', '185.234.218.10'],
      [null, null, null],
      ['auth_failure', 'admin', '185.234.218.11'],
    ]);
  });

  it('SQL Server ERRORLOG: 18456 Login failed with its CLIENT address; a success is auth_success', () => {
    const r = parseText(
      lines(
        '2024-03-05 06:25:01.12 Logon       Error: 18456, Severity: 14, State: 8.',
        "2024-03-05 06:25:01.12 Logon       Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 185.234.218.10]",
        "2024-03-05 06:25:04.61 Logon       Login succeeded for user 'app'. Connection made using SQL Server authentication. [CLIENT: 10.0.0.7]",
      ),
    );
    expect(r.rows.map((x) => [x.action, x.user, x.src_ip])).toEqual([
      [null, null, null],
      ['auth_failure', 'sa', '185.234.218.10'],
      ['auth_success', 'app', '10.0.0.7'],
    ]);
  });

  it('fail2ban: Found in a login jail is a failed login, bans keep the address and jail; syslog form too', () => {
    const r = parseText(
      lines(
        '2024-03-05 06:25:01,123 fail2ban.filter         [1234]: INFO    [sshd] Found 185.234.218.10 - 2024-03-05 06:25:01',
        '2024-03-05 06:25:02,123 fail2ban.filter         [1234]: INFO    [nginx-botsearch] Found 198.51.100.3 - 2024-03-05 06:25:02',
        '2024-03-05 06:25:09,789 fail2ban.actions        [1234]: NOTICE  [sshd] Ban 185.234.218.10',
      ),
    );
    expect(r.rows.map((x) => [x.action, x.src_ip, JSON.parse(String(x.extra)).jail, JSON.parse(String(x.extra)).fail2ban])).toEqual([
      ['auth_failure', '185.234.218.10', 'sshd', 'found'],
      [null, '198.51.100.3', 'nginx-botsearch', 'found'],
      [null, '185.234.218.10', 'sshd', 'ban'],
    ]);
    const s = parseText('Mar  5 06:25:01 host fail2ban.filter[1234]: INFO [postfix-sasl] Found 203.0.113.4 - 2024-03-05 06:25:01\n', { year: 2024 });
    expect([s.rows[0].action, s.rows[0].src_ip]).toEqual(['auth_failure', '203.0.113.4']);
  });

  it('fail2ban.log: the component is the program, the level typed, the message starts at the jail', () => {
    const r = parseFile(path.join(FIXTURES, 'fail2ban.log'));
    expect(r.rows.length + r.quarantined.length).toBe(r.records);
    const [start, , found, other, ban] = r.rows;
    expect([start.program, start.message, JSON.parse(String(start.extra))]).toEqual(['fail2ban.server', 'Starting Fail2ban v0.11.2', { pid: '1234', level: 'INFO' }]);
    expect([found.program, found.action, found.src_ip, found.message]).toEqual(['fail2ban.filter', 'auth_failure', '203.0.113.5', '[sshd] Found 203.0.113.5 - 2024-03-05 06:25:01']);
    expect(JSON.parse(String(found.extra))).toEqual({ pid: '1234', level: 'INFO', jail: 'sshd', fail2ban: 'found' });
    expect([other.action, other.src_ip]).toEqual([null, '198.51.100.3']);
    expect([ban.program, ban.message, JSON.parse(String(ban.extra)).level]).toEqual(['fail2ban.actions', '[sshd] Ban 203.0.113.5', 'NOTICE']);
  });

  it('SQL Server ERRORLOG: the source column leaves the message, the program is sqlservr (the service the analysis names)', () => {
    const r = parseFile(path.join(FIXTURES, 'mssql_errorlog.log'));
    expect(r.rows.length + r.quarantined.length).toBe(r.records);
    expect(r.rows.map((x) => [x.program, JSON.parse(String(x.extra)).source, x.action, x.user, x.src_ip])).toEqual([
      ['sqlservr', 'Server', null, null, null],
      ['sqlservr', 'spid7s', null, null, null],
      ['sqlservr', 'Logon', null, null, null],
      ['sqlservr', 'Logon', 'auth_failure', 'sa', '203.0.113.7'],
      ['sqlservr', 'Logon', 'auth_success', 'app', '10.0.0.7'],
    ]);
    expect(r.rows[3].message).toBe("Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 203.0.113.7]");
    // another log with hundredths keeps its first word in the message
    const t = parseText('2024-03-05 06:25:01.12 Logon to the console by admin\n2024-03-05 06:25:02.12 Server restarted\n');
    expect(t.rows.map((x) => [x.program, x.message])).toEqual([[null, 'Logon to the console by admin'], [null, 'Server restarted']]);
  });

  it('PostgreSQL through syslog: the client of a %h or %r prefix is the source, its (port) the source port', () => {
    const r = parseFile(path.join(FIXTURES, 'postgres_syslog.log'), { year: 2024 });
    expect(r.detected.layout.format).toBe('syslog');
    expect(r.rows.length + r.quarantined.length).toBe(r.records);
    expect(r.rows.map((x) => [x.action, x.user, x.src_ip, x.src_port])).toEqual([
      ['auth_failure', 'postgres', '203.0.113.21', 5555],
      [null, null, null, null],
      ['auth_failure', 'admin', '203.0.113.22', 5556],
      ['auth_failure', 'postgres', '203.0.113.23', null],
      ['auth_failure', 'backup', null, null],
    ]);
    // the text log's %r: the port too; a %t time in the prefix is no address
    const t = parseText(lines('2024-03-05 06:25:01.123 UTC [4321] postgres@postgres 203.0.113.5(51234) FATAL:  password authentication failed for user "postgres"'));
    expect(t.detected.layout.format).toBe('text');
    expect([t.rows[0].src_ip, t.rows[0].src_port]).toEqual(['203.0.113.5', 51234]);
    const s = parseText(lines('Mar  5 06:25:02 db1 postgres[902]: [902-1] 2024-03-05 06:25:02 UTC client=2001:db8::7(40000) FATAL:  password authentication failed for user "x"'), { year: 2024 });
    expect([s.rows[0].src_ip, s.rows[0].src_port]).toEqual(['2001:db8::7', 40000]);
  });

  it('hostile: 1 MB of padding where the new fail2ban, ERRORLOG and PostgreSQL prefixes are read', () => {
    const pad = ' '.repeat(1_000_000);
    const t0 = Date.now();
    const r = parseText(
      lines(
        `2024-03-05 06:25:01,123 fail2ban.filter${pad}[1]: INFO [sshd] Found 1.2.3.4`,
        `2024-03-05 06:25:01,123 fail2ban.filter [1]:${pad}[sshd] Found 1.2.3.4`,
        `2024-03-05 06:25:01.12 Logon${pad}Login failed for user 'sa'. [CLIENT: 1.2.3.4]`,
        `2024-03-05 06:25:01 ${'1:1:1 '.repeat(200_000)}FATAL:  password authentication failed for user "x"`,
      ),
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.rows.length).toBe(4);
  });

  it('hostile: a 1 MB line around each new marker is typed or left alone in one pass', () => {
    const pad = 'a'.repeat(1_000_000);
    const t0 = Date.now();
    const r = parseText(
      lines(
        `2024-03-05 06:25:01 Access denied for user '${pad}`,
        `2024-03-05 06:25:01 x authentication failed for user "${pad}`,
        `2024-03-05 06:25:01 Logon Login failed for user 'sa'. ${pad}`,
        `2024-03-05 06:25:01 ${'Login '.repeat(150_000)}`,
        `2024-03-05 06:25:01 fail2ban.filter [1]: INFO [${pad}] Found 1.2.3.4`,
        `2024-03-05 06:25:01 no pg_hba.conf entry for host "${pad}`,
        `2024-03-05 06:25:01 auth: pam(${pad}`,
        `2024-03-05 06:25:01 UTC [1] ${'connection received: host='.repeat(40_000)}`,
      ),
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.rows.length).toBe(8);
    expect(r.rows.every((x) => x.action === null)).toBe(true);
  });
});

describe('Caddy JSON access log', () => {
  it('headers kept as lists give the agent as written, not its JSON', () => {
    const r = parseText(
      lines(
        '{"level":"info","ts":1709619901.1234,"logger":"http.log.access.log0","msg":"handled request","request":{"remote_ip":"203.0.113.7","remote_port":"51234","client_ip":"203.0.113.7","proto":"HTTP/2.0","method":"GET","host":"example.com","uri":"/wp-login.php?x=1","headers":{"User-Agent":["sqlmap/1.7 (https://sqlmap.org)"]}},"bytes_read":0,"user_id":"","duration":0.000912,"size":1234,"status":404}',
        '{"level":"info","ts":1709619902.5,"logger":"http.log.access.log0","msg":"handled request","request":{"remote_ip":"198.51.100.4","remote_port":"40000","client_ip":"198.51.100.4","proto":"HTTP/1.1","method":"POST","host":"example.com","uri":"/login","headers":{"User-Agent":["[not json"]}},"bytes_read":52,"duration":0.01,"size":12,"status":401}',
      ),
    );
    expect(r.rows.map((x) => [x.ts, x.src_ip, x.src_port, x.method, x.path, x.query, x.status, x.bytes, x.user_agent])).toEqual([
      [1709619901123, '203.0.113.7', 51234, 'GET', '/wp-login.php', 'x=1', 404, 1234, 'sqlmap/1.7 (https://sqlmap.org)'],
      [1709619902500, '198.51.100.4', 40000, 'POST', '/login', null, 401, 12, '[not json'],
    ]);
  });
});

describe('ICMP type and code where the export writes them', () => {
  it('Windows Firewall icmptype/icmpcode, eve icmp_type/icmp_code and Zeek JSON ports become flags, never ports', () => {
    const fw = parseText(
      lines(
        '#Version: 1.5',
        '#Software: Microsoft Windows Firewall',
        '#Time Format: Local',
        '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path',
        '',
        '2023-04-11 09:15:02 DROP TCP 203.0.113.77 10.0.0.12 51515 3389 52 S 3243454 0 64240 - - - RECEIVE',
        '2023-04-11 09:15:05 ALLOW ICMP 10.0.0.12 8.8.8.8 - - 0 - - - - 8 0 - SEND',
      ),
    );
    expect(fw.rows.map((x) => [x.proto, x.src_port, x.dst_port, x.flags, x.action])).toEqual([
      ['TCP', 51515, 3389, 'S', 'reject'],
      ['ICMP', null, null, '8.0', 'accept'],
    ]);
    const eve = parseText(
      lines('{"timestamp":"2022-12-18T18:31:12.000000+0200","event_type":"alert","src_ip":"2001:db8::1","src_port":0,"dest_ip":"2001:db8::2","dest_port":0,"proto":"IPV6-ICMP","icmp_type":128,"icmp_code":0,"alert":{"action":"blocked","signature":"GPL ICMP_INFO PING *NIX","category":"Misc activity"}}'),
    );
    expect([eve.rows[0].src_port, eve.rows[0].dst_port, eve.rows[0].flags, eve.rows[0].action]).toEqual([null, null, '128.0', 'reject']);
    const zeek = parseText(
      lines(
        '{"ts":1709619901.123456,"uid":"CAbc1","id.orig_h":"203.0.113.50","id.orig_p":51515,"id.resp_h":"10.0.0.5","id.resp_p":22,"proto":"tcp","duration":2.004,"orig_bytes":3120,"resp_bytes":4000,"conn_state":"SF","orig_pkts":24,"resp_pkts":20}',
        '{"ts":1709619903.0,"uid":"CAbc3","id.orig_h":"10.0.0.5","id.orig_p":8,"id.resp_h":"8.8.8.8","id.resp_p":0,"proto":"icmp","duration":0.01,"orig_bytes":56,"resp_bytes":56,"conn_state":"OTH","orig_pkts":1,"resp_pkts":1}',
      ),
    );
    expect(zeek.rows.map((x) => [x.src_ip, x.src_port, x.dst_port, x.proto, x.bytes, x.packets, x.flags])).toEqual([
      ['203.0.113.50', 51515, 22, 'TCP', 3120, 24, 'SF'],
      ['10.0.0.5', null, null, 'ICMP', 56, 1, '8.0'],
    ]);
  });
});

describe('CloudTrail accounts without a userName', () => {
  it('a root console login failure is root; an assumed role is its ARN resource', () => {
    const r = parseText(
      lines(
        '{"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012"},"eventTime":"2024-03-05T06:28:01Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"185.234.218.10","userAgent":"Mozilla/5.0","errorMessage":"Failed authentication","responseElements":{"ConsoleLogin":"Failure"},"eventType":"AwsConsoleSignIn"}',
        '{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:bob","arn":"arn:aws:sts::123456789012:assumed-role/Admin/bob","accountId":"123456789012"},"eventTime":"2024-03-05T06:27:01Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","sourceIPAddress":"203.0.113.9","userAgent":"[aws-cli/2.15.0]","eventType":"AwsApiCall"}',
        '{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/alice","userName":"alice"},"eventTime":"2024-03-05T06:25:01Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"185.234.218.10","responseElements":{"ConsoleLogin":"Failure"},"eventType":"AwsConsoleSignIn"}',
      ),
    );
    expect(r.rows.map((x) => [x.user, x.action, x.src_ip])).toEqual([
      ['root', 'auth_failure', '185.234.218.10'],
      ['assumed-role/Admin/bob', null, '203.0.113.9'],
      ['alice', 'auth_failure', '185.234.218.10'],
    ]);
  });
});

describe('mail logins: the account tried', () => {
  it("Postfix 3.x sasl_username is the user; Dovecot passdb lines give user and address without counting the attempt twice", () => {
    const r = parseText(
      lines(
        'Mar  5 06:25:03 mx1 postfix/smtpd[12345]: warning: unknown[185.234.218.10]: SASL PLAIN authentication failed: authentication failure, sasl_username=admin@example.com',
        'Mar  5 06:25:05 mx1 dovecot: auth: pam(info@example.com,185.234.218.11,<abcd1234>): pam_authenticate() failed: Authentication failure (password mismatch?)',
        'Mar  5 06:25:06 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<info@example.com>, method=PLAIN, rip=185.234.218.11, lip=10.0.0.2, TLS, session=<Xk2Hd>',
        'Mar  5 06:25:09 mx1 dovecot[811]: auth-worker(4242): sql(root,185.234.218.13,<zz99>): Password mismatch',
      ),
      { year: 2024 },
    );
    expect(r.rows.map((x) => [x.action, x.user, x.src_ip])).toEqual([
      ['auth_failure', 'admin@example.com', '185.234.218.10'],
      [null, 'info@example.com', '185.234.218.11'],
      ['auth_failure', 'info@example.com', '185.234.218.11'],
      [null, 'root', '185.234.218.13'],
    ]);
  });
});

describe('Traefik common log format', () => {
  it('the trailing request count, router, server URL and duration in ms are named; the duration is typed', () => {
    const r = parseText(
      lines(
        '203.0.113.7 - - [05/Mar/2024:06:25:01 +0000] "GET /api/login HTTP/1.1" 401 21 "-" "python-requests/2.31" 12 "api-router@docker" "http://172.18.0.5:8080" 3ms',
        '198.51.100.4 - bob [05/Mar/2024:06:25:02 +0000] "POST /upload HTTP/2.0" 200 0 "-" "Mozilla/5.0" 13 "web@file" "http://10.0.0.9:80" 120ms',
      ),
    );
    expect(r.detected.layout.format).toBe('combined');
    expect(r.rows.map((x) => [x.src_ip, x.user, x.status, x.duration, JSON.parse(String(x.extra))])).toEqual([
      ['203.0.113.7', null, 401, 0.003, { requests: '12', router: 'api-router@docker', server: 'http://172.18.0.5:8080' }],
      ['198.51.100.4', 'bob', 200, 0.12, { requests: '13', router: 'web@file', server: 'http://10.0.0.9:80' }],
    ]);
  });
});

describe('PostgreSQL with the default log_line_prefix (no %h)', () => {
  it("a failure takes its backend's client from the connection received line; a local connection forgets it", () => {
    const r = parseText(
      lines(
        '2024-03-05 06:25:00.900 UTC [4321] LOG:  connection received: host=185.234.218.10 port=53422',
        '2024-03-05 06:25:01.123 UTC [4321] FATAL:  password authentication failed for user "postgres"',
        '2024-03-05 06:25:02.000 UTC [4321] LOG:  connection received: host=[local]',
        '2024-03-05 06:25:02.100 UTC [4321] FATAL:  password authentication failed for user "app"',
        '2024-03-05 06:25:03.000 UTC [4400] LOG:  connection received: host=2001:db8::8 port=40000',
        '2024-03-05 06:25:03.100 UTC [4400] FATAL:  password authentication failed for user "admin"',
        '2024-03-05 06:25:04.100 UTC [4500] FATAL:  password authentication failed for user "nobody"',
      ),
    );
    expect(r.rows.map((x) => [x.action, x.user, x.src_ip, x.src_port])).toEqual([
      [null, null, '185.234.218.10', 53422],
      ['auth_failure', 'postgres', '185.234.218.10', 53422],
      [null, null, null, null],
      ['auth_failure', 'app', null, null],
      [null, null, '2001:db8::8', 40000],
      ['auth_failure', 'admin', '2001:db8::8', 40000],
      ['auth_failure', 'nobody', null, null],
    ]);
  });
});

describe('Windows Firewall local times', () => {
  it('#Time Format: Local is remembered, and the ingest note says the zone is the machine\'s, not UTC', async () => {
    const text = lines(
      '#Version: 1.5',
      '#Software: Microsoft Windows Firewall',
      '#Time Format: Local',
      '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path',
      '',
      '2023-04-11 09:15:02 DROP TCP 203.0.113.77 10.0.0.12 51515 3389 52 S 3243454 0 64240 - - - RECEIVE',
    );
    expect(parseText(text).detected.layout.hints).toEqual({ localTime: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-pfw-'));
    try {
      const f = path.join(dir, 'pfirewall.log');
      fs.writeFileSync(f, text);
      const { sources } = await ingestFiles({ caseFile: path.join(dir, 'c.loupe'), files: [f], threads: 1 }, {});
      expect(sources[0]!.records).toBe(sources[0]!.events + sources[0]!.quarantined);
      expect(sources[0]!.cleaning.notes).toContain("the log says its times are the writing machine's local time (#Time Format: Local) but not which zone: read as UTC; pass --tz <that machine's zone>");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HAProxy timers and TCP mode', () => {
  it('the total time of an HTTP log line is its duration; a TCP-mode line gives client, bytes, time and how it ended', () => {
    const r = parseText(
      lines(
        'Mar  5 06:25:01 lb1 haproxy[1234]: 203.0.113.7:51234 [05/Mar/2024:06:25:01.123] www~ be_app/srv1 0/0/1/12/13 401 321 - - ---- 10/5/0/0/0 0/0 "POST /login HTTP/1.1"',
        'Mar  5 06:25:02 lb1 haproxy[1234]: 198.51.100.4:40000 [05/Mar/2024:06:25:02.456] www~ be_app/<NOSRV> -1/-1/-1/-1/+2001 503 212 - - SC-- 10/5/0/0/0 0/0 "GET / HTTP/1.1"',
        'Mar  5 06:25:03 lb1 haproxy[14387]: 10.0.1.2:33313 [05/Mar/2024:06:25:03.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0',
        `Mar  5 06:25:04 lb1 haproxy[14387]: 10.0.1.2:33313 [05/Mar/2024:06:25:03.443] fnt bck/srv1 0/0/5007 212 -- ${'0/'.repeat(300_000)}`,
      ),
      { year: 2024 },
    );
    expect(r.rows.map((x) => [x.src_ip, x.src_port, x.status, x.bytes, x.duration, x.proto])).toEqual([
      ['203.0.113.7', 51234, 401, 321, 0.013, null],
      ['198.51.100.4', 40000, 503, 212, 2.001, null],
      ['10.0.1.2', 33313, null, 212, 5.007, 'TCP'],
      [null, null, null, null, null, null],
    ]);
    expect(JSON.parse(String(r.rows[2].extra)).termination).toBe('--');
  });
});
