// Golden fixtures: every format's small fixture parses to the reviewed expected rows, field by field,
// and every record is accounted for (records = events + quarantined).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import { FIXTURES, parseFile, parseText } from './helpers';

interface Golden {
  format: string;
  records: number;
  quarantined: { line: number; reason: string }[];
  rows: ({ line: number } & Record<string, string | number>)[];
  cleaning: Record<string, { null: number; coerced: number; unparseable: number }>;
}

const CASES: [string, { year?: number }][] = [
  ['combined.log', {}], ['common.log', {}], ['cidds.csv', {}], ['web.csv', {}], ['firewall.tsv', {}], ['proxy.csv', {}],
  ['seed_stream.jsonl', {}], ['ecs.jsonl', {}], ['auth.log', { year: 2024 }], ['iis.log', {}], ['conn.log', {}],
  ['http.log', {}], ['vpc.log', {}], ['vpc_custom.log', {}], ['fortigate.log', {}], ['datetime.csv', {}], ['access_variants.log', {}], ['cef.log', {}], ['cicids.csv', {}], ['suricata_eve.jsonl', {}], ['unsw.csv', {}], ['unsw_nb15.csv', {}], ['unsw_raw.csv', {}], ['ctu13.binetflow', {}], ['alb.log', {}], ['elb_classic.log', {}], ['fast.log', {}],
  ['fail2ban.log', {}], ['mssql_errorlog.log', {}], ['postgres_syslog.log', { year: 2024 }],
  ['dns_bind.log', {}], ['dns_windows.log', {}], ['dns_unbound.log', {}], ['dns_syslog.log', { year: 2024 }], ['zeek_dns.log', {}], ['zeek_dns.json', {}],
  ['suricata_dns.jsonl', {}], ['route53_resolver.jsonl', {}],
  ['cisco_ios.log', { year: 2024 }],
  ['cisco_ios.log', { year: 2024 }], ['cloudflare.jsonl', {}], ['gcp_lb.jsonl', {}], ['sophos.log', {}],
  ['cisco_ios.log', { year: 2024 }], ['cloudflare.jsonl', {}], ['gcp_lb.jsonl', {}], ['sophos.log', {}], ['panos.csv', {}],
  ['juniper_srx.log', { year: 2024 }], ['checkpoint.log', {}], ['cloudfront.log', {}], ['s3access.log', {}], ['leef.log', {}],
  ['vsftpd.log', {}], ['xferlog.log', {}], ['openvpn.log', {}],
  ['mikrotik.log', { year: 2024 }], ['aws_nfw.jsonl', {}], ['azure_firewall.jsonl', {}], ['sonicwall.log', {}],
  ['exchange_tracking.log', {}], ['exchange_smtp.log', {}],
  ['watchguard.log', { year: 2024 }], ['envoy.log', {}], ['panorama_export.csv', {}], ['meraki.log', {}],
  ['iis_ftp.log', {}], ['iis_smtp.log', {}], ['lighttpd.log', {}], ['m365_ual.csv', {}], ['entra_signinlogs.csv', {}],
  ['pureftpd.log', { year: 2024 }], ['postfix.log', { year: 2024 }], ['k8s_audit.jsonl', {}], ['esxi_hostd.log', {}], ['exim_main.log', {}], ['netscaler.log', { year: 2024 }], ['asterisk_full.log', {}], ['roundcube.log', {}], ['nextcloud.log', {}], ['sendmail_courier.log', { year: 2024 }],
  ['waf_modsec_apache.log', {}], ['waf_modsec_nginx.log', {}], ['waf_modsec3_audit.jsonl', {}], ['waf_modsec29_audit.jsonl', {}], ['waf_aws.jsonl', {}], ['waf_azure_appgw.jsonl', {}], ['waf_azure_frontdoor.jsonl', {}], ['waf_cloudflare_fw.jsonl', {}],
  ['waf_azure_loganalytics.csv', {}], ['waf_azure_agwfirewalllogs.csv', {}], ['traefik_json.jsonl', {}],
];

describe('golden fixtures', () => {
  for (const [file, opts] of CASES) {
    it(`${file} parses to its expected rows`, () => {
      const golden = JSON.parse(readFileSync(path.join(FIXTURES, `${file}.expected.json`), 'utf8')) as Golden;
      const r = parseFile(path.join(FIXTURES, file), opts);
      expect(r.detected.layout.format).toBe(golden.format);
      expect(r.records).toBe(golden.records);
      expect(r.rows.length + r.quarantined.length).toBe(r.records);
      expect(r.quarantined.map((q) => ({ line: q.line, reason: q.reason }))).toEqual(golden.quarantined);
      expect(r.rows.length).toBe(golden.rows.length);
      r.rows.forEach((row, i) => {
        const want = golden.rows[i];
        expect(r.rowLines[i]).toBe(want.line);
        for (const c of EVENT_COLUMNS) {
          // every column is checked: absent in the golden file means NULL
          expect({ line: want.line, col: c.name, v: row[c.name] }).toEqual({ line: want.line, col: c.name, v: want[c.name] ?? null });
        }
      });
      expect(r.report.columns).toEqual(golden.cleaning);
    });
  }
});

// Independent of the golden files: values worked out by hand (epochs from `date -u -d ... +%s`).
describe('hand-checked values', () => {
  it('combined: offset, IPv6, escapes, vhost, trailing fields, "-" request', () => {
    const r = parseFile(path.join(FIXTURES, 'combined.log'));
    const [a, b, c, d, e, f, g] = r.rows;
    expect(a.ts).toBe(1431857103000);
    expect(b.ts).toBe(1696971336000); // 10/Oct/2023:13:55:36 -0700 = 20:55:36Z
    expect(b.src_ip).toBe('2001:db8::5');
    expect(b.user).toBe('alice');
    expect([b.path, b.query]).toEqual(['/login', 'next=%2Fadmin&x=1']);
    expect(c.ts).toBe(1548116774000); // +0330
    expect(c.path).toContain('%D9%85%DA%AF');
    expect([d.method, d.path, d.status, d.bytes]).toEqual([null, null, 408, null]);
    expect([e.host, e.dst_port, e.src_ip, e.query, e.user_agent]).toEqual(['www.example.com', 443, '198.51.100.7', 'q="x"', 'Mozilla/5.0 "quoted"']);
    expect([f.method, f.path]).toEqual([null, '\\x16\\x03\\x01\\x00']);
    expect(g.src_ip).toBe('10.1.2.3');
    expect(JSON.parse(String(g.extra))).toEqual({ field5: 'upstream=0.012' });
    expect(r.rows[7].src_ip).toBe('10.0.0.1');
  });

  it('cidds: suffixes, padded proto, float ports, ICMP type.code, NULL counts, labels', () => {
    const r = parseFile(path.join(FIXTURES, 'cidds.csv'));
    expect(r.detected.layout.format).toBe('cidds');
    const [a, b, icmp, ext, desc] = r.rows;
    expect(a.ts).toBe(1489536076632);
    expect([a.proto, a.dst_port, a.label, a.category]).toEqual(['TCP', 58844, 'normal', null]);
    expect([b.bytes, b.src_port, b.dst_ip]).toEqual([1_200_000, 53, 'DNS']);
    expect([icmp.proto, icmp.src_port, icmp.dst_port, icmp.flags, icmp.bytes]).toEqual(['ICMP', null, null, '3.3', 420_000]);
    expect([ext.src_ip, ext.dst_ip, ext.packets, ext.flows, ext.bytes]).toEqual(['EXT_SERVER', 'OPENSTACK_NET', null, null, 3_000_000_000]);
    expect(JSON.parse(String(desc.extra))).toEqual({ attackID: '7', attackDescription: 'ssh, dictionary' });
    expect(r.report.columns.packets).toEqual({ null: 1, coerced: 0, unparseable: 0 });
    expect(r.quarantined[0].reason).toBe('expected 16 fields, found 12');
  });

  it('seed web CSV: BOM, CRLF, quoted commas, doubled quotes, embedded newline', () => {
    const r = parseFile(path.join(FIXTURES, 'web.csv'));
    expect(r.rows).toHaveLength(3);
    expect(r.rows[0].src_ip).toBe('54.36.149.86');
    expect(r.rows[0].user_agent).toBe('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36');
    expect(r.rows[1].path).toBe('/login,form');
    expect(r.rows[1].user_agent).toBe('curl/8.0 "quoted"');
    expect(r.rows[1].ts).toBe(1548129552500);
    expect(r.rows[2].query).toBe('q=line1\nline2');
    expect(r.rows.map((x) => x.label)).toEqual(['0', '1', '1']);
  });

  it('syslog: sshd events typed with the shared vocabulary', () => {
    const r = parseFile(path.join(FIXTURES, 'auth.log'), { year: 2024 });
    const byLine = new Map(r.rows.map((row, i) => [r.rowLines[i], row]));
    expect(byLine.get(2)).toMatchObject({ action: 'auth_failure', user: 'root', src_ip: '218.60.136.106', src_port: 56338 });
    expect(byLine.get(3)).toMatchObject({ action: 'auth_failure', user: 'admin', src_ip: '2001:db8::7', ts: 1709619901000 });
    expect(byLine.get(4)).toMatchObject({ action: 'auth_success', user: 'deploy', src_ip: '10.0.0.4' });
    expect(byLine.get(5)).toMatchObject({ action: 'sudo', user: 'ubuntu', program: 'sudo' });
    expect(byLine.get(6)).toMatchObject({ action: 'invalid_user', user: 'oracle', src_ip: '203.0.113.50' });
    expect(byLine.get(7)).toMatchObject({ action: 'preauth_close', user: 'oracle' });
    expect(byLine.get(8)).toMatchObject({ action: 'session_open', user: 'deploy' });
    expect(byLine.get(9)).toMatchObject({ action: 'preauth_close', src_ip: '198.51.100.23' });
    expect(byLine.get(11)).toMatchObject({ action: null, user: 'root', program: 'CRON' });
    expect(byLine.get(13)).toMatchObject({ ts: 1704448800000, host: 'bastion', action: 'auth_abandoned', user: 'root', src_ip: '203.0.113.9', src_port: 4242 });
    expect(byLine.get(14)).toMatchObject({ program: 'su', host: 'mymachine.example.com', ts: 1065910455003 });
    expect(r.quarantined.map((q) => q.line)).toEqual([15]);
  });

  it('zeek: ICMP type/code, unset and (empty) fields', () => {
    const r = parseFile(path.join(FIXTURES, 'conn.log'));
    expect(r.rows[1]).toMatchObject({ duration: null, bytes: null, proto: 'UDP', src_ip: 'fe80::216:cbff:fe9a:4cb9' });
    expect(r.rows[2]).toMatchObject({ proto: 'ICMP', flags: '8.0', src_port: null, dst_port: null, ts: 1331901001500 });
  });

  it('w3c as CloudFront writes it: tab-separated records under a space-separated #Fields, a percent-encoded user agent', () => {
    const fields = 'date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query';
    const rec = (ip: string, ua: string, q: string): string => ['2024-03-05', '10:00:01', 'FRA56-C1', '2390', ip, 'GET', 'd1.cloudfront.net', '/search', '200', '-', ua, q].join('\t');
    const r = parseText(['#Version: 1.0', `#Fields: ${fields}`, rec('203.0.113.31', 'Mozilla/5.0%20(Windows%20NT%2010.0)', '-'), rec('2001:db8::7', 'sqlmap/1.7.2%23stable%20(https://sqlmap.org)', "q=1'%20OR%201=1--")].join('\n') + '\n');
    expect(r.detected.layout.format).toBe('w3c');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((e) => [e.ts, e.src_ip, e.path, e.status, e.bytes, e.user_agent, e.query])).toEqual([
      [Date.UTC(2024, 2, 5, 10, 0, 1), '203.0.113.31', '/search', 200, 2390, 'Mozilla/5.0 (Windows NT 10.0)', null],
      [Date.UTC(2024, 2, 5, 10, 0, 1), '2001:db8::7', '/search', 200, 2390, 'sqlmap/1.7.2#stable (https://sqlmap.org)', "q=1'%20OR%201=1--"],
    ]);
  });

  it('JSON access logs behind a load balancer: the client is the forwarded one (nginx escape=json, Traefik, Caddy\'s header list), a public source keeps its own', () => {
    const nginx = (remote: string, xff: string): string => JSON.stringify({ time_local: '10/Nov/2026:04:30:00 +0000', remote_addr: remote, request: 'GET /item?id=1 HTTP/1.1', status: '200', body_bytes_sent: '5120', http_user_agent: 'curl/8.5.0', http_x_forwarded_for: xff });
    const n = parseText([nginx('10.0.3.7', '198.51.100.23'), nginx('10.0.3.8', '1.2.3.4, 203.0.113.9, 10.0.3.8'), nginx('192.0.2.50', '203.0.113.77'), nginx('10.0.3.7', '')].join('\n') + '\n');
    expect(n.detected.layout.format).toBe('jsonl');
    expect(n.rows.map((x) => [x.src_ip, JSON.parse(String(x.extra ?? '{}')).proxy_ip ?? null])).toEqual([
      ['198.51.100.23', '10.0.3.7'],
      ['203.0.113.9', '10.0.3.8'],
      ['192.0.2.50', null],
      ['10.0.3.7', null],
    ]);
    expect(n.report.columns.src_ip).toMatchObject({ coerced: 2 });
    const traefik = parseText(JSON.stringify({ ClientAddr: '10.0.3.7:40000', ClientHost: '10.0.3.7', DownstreamStatus: 401, RequestMethod: 'POST', RequestPath: '/api/v1/auth/token', StartUTC: '2026-11-10T04:30:00.123Z', 'request_X-Forwarded-For': '198.51.100.23' }) + '\n');
    expect(traefik.rows[0]).toMatchObject({ src_ip: '198.51.100.23', status: 401, path: '/api/v1/auth/token' });
    const caddy = parseText(JSON.stringify({ ts: 1794276600.1, msg: 'handled request', request: { remote_ip: '10.0.3.8', client_ip: '10.0.3.8', method: 'GET', uri: '/y', headers: { 'X-Forwarded-For': ['203.0.113.9, 10.0.3.8'] } }, status: 200, size: 10 }) + '\n');
    expect(caddy.rows[0]).toMatchObject({ src_ip: '203.0.113.9', path: '/y' });
  });

  it('last and lastb output: sessions are logins that passed, a btmp listing failures; reboots and the trailer are no login', () => {
    const last = parseText(
      [
        'alice    pts/0        198.51.100.9     Mon Dec  7 09:00:01 2026 - Mon Dec  7 10:12:44 2026  (01:12)',
        'carol    tty1                          Mon Dec  7 08:30:00 2026 - Mon Dec  7 08:45:00 2026  (00:15)',
        'bob      pts/1        0.0.0.0          2026-12-07T10:00:12+01:00 - still logged in',
        'reboot   system boot  5.15.0-91-generic Sun Dec  6 08:00:00 2026   still running',
        'dave     pts/2        vpn-gw.example.net Mon Dec  7 11:00:00 2026 - crash                    (00:05)',
        '',
        'wtmp begins Sun Dec  6 08:00:00 2026',
      ].join('\n') + '\n',
    );
    expect(last.detected.layout.format).toBe('last');
    expect(last.rows.map((r) => [r.ts, r.ts_text, r.user, r.src_ip, r.host, r.action, r.program])).toEqual([
      [Date.UTC(2026, 11, 7, 9, 0, 1), 'Mon Dec  7 09:00:01 2026', 'alice', '198.51.100.9', null, 'auth_success', 'last'],
      [Date.UTC(2026, 11, 7, 8, 30, 0), 'Mon Dec  7 08:30:00 2026', 'carol', null, null, 'auth_success', 'last'],
      [Date.UTC(2026, 11, 7, 9, 0, 12), '2026-12-07T10:00:12+01:00', 'bob', null, null, 'auth_success', 'last'],
      [Date.UTC(2026, 11, 6, 8, 0, 0), 'Sun Dec  6 08:00:00 2026', null, null, null, null, 'reboot'],
      [Date.UTC(2026, 11, 7, 11, 0, 0), 'Mon Dec  7 11:00:00 2026', 'dave', null, 'vpn-gw.example.net', 'auth_success', 'last'],
      [null, null, null, null, null, null, null],
    ]);
    // lastb: no year in the listing (the stated year), every row at one instant
    const lastb = parseText(['root     ssh:notty    203.0.113.5      Mon Dec  7 10:00 - 10:00  (00:00)', 'admin    tty2                          Mon Dec  7 09:59 - 09:59  (00:00)', '<script> ssh:notty    =HYPERLINK("x") Mon Dec  7 09:58 - 09:58  (00:00)'].join('\n') + '\n', { year: 2026 });
    expect(lastb.rows.map((r) => [r.ts, r.user, r.src_ip, r.host, r.action, r.program])).toEqual([
      [Date.UTC(2026, 11, 7, 10, 0, 0), 'root', '203.0.113.5', null, 'auth_failure', 'lastb sshd'],
      [Date.UTC(2026, 11, 7, 9, 59, 0), 'admin', null, null, 'auth_failure', 'lastb'],
      [Date.UTC(2026, 11, 7, 9, 58, 0), '<script>', null, '=HYPERLINK("x")', 'auth_failure', 'lastb sshd'],
    ]);
    expect(lastb.rows.length).toBe(lastb.records);
  });

  it("IIS's HTTPERR log (HTTP.sys): the whole cs-uri is the request, s-reason the message", () => {
    const r = parseText(
      [
        '#Software: Microsoft HTTP API 2.0',
        '#Version: 1.0',
        '#Date: 2026-12-07 10:00:00',
        '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename',
        '2026-12-07 10:00:00 203.0.113.5 51234 10.0.0.5 443 HTTP/1.1 GET /%c0%af../../windows/win.ini?x=1 - 400 - BadRequest -',
        '2026-12-07 10:00:01 203.0.113.6 51235 10.0.0.5 80 - - - - - - Timer_ConnectionIdle -',
      ].join('\r\n') + '\r\n',
    );
    expect(r.detected.layout.format).toBe('w3c');
    expect(r.rows.map((x) => [x.src_ip, x.dst_port, x.method, x.path, x.query, x.status, x.message])).toEqual([
      ['203.0.113.5', 443, 'GET', '/%c0%af../../windows/win.ini', 'x=1', 400, 'BadRequest'],
      ['203.0.113.6', 80, null, null, null, null, 'Timer_ConnectionIdle'],
    ]);
  });

  it('Envoy and Istio access logs: the request, the client behind the sidecar, TCP lines without a status', () => {
    const r = parseText(
      [
        // plain Envoy: no peer address, the client only in X-Forwarded-For
        '[2026-12-07T10:00:00.123Z] "GET /api/users/1?expand=1 HTTP/1.1" 200 - 0 1523 12 11 "10.0.0.7, 203.0.113.5" "curl/8.4.0" "5d1c" "api.example.com" "10.1.2.3:8080"',
        // Istio inbound: the peer is the ingress gateway (private), the client the address it forwarded
        '[2026-12-07T10:00:01.456Z] "POST /login HTTP/2" 401 - via_upstream - "-" 48 20 5 4 "198.51.100.7" "python-requests/2.31.0" "6e2d" "api.example.com" "10.1.2.3:8080" inbound|8080|| 127.0.0.6:40114 10.1.2.3:8080 10.1.2.9:51236 outbound_.8080_._.api.default.svc.cluster.local default',
        // Istio, a client talking to the pod directly (no header): the peer is the client
        '[2026-12-07T10:00:02.000Z] "GET /healthz HTTP/1.1" 200 - - - "-" 0 2 1 - "-" "kube-probe/1.29" "7f3e" "10.1.2.9:15021" "-" - - 10.1.2.9:15021 10.0.0.1:56000 - -',
        // a TCP proxy line: no request, no HTTP status; the flags say why
        '[2026-12-07T10:00:03.000Z] "- - -" 0 UF 0 0 3 - "-" "-" "-" "-" "10.1.2.4:5432"',
        // hostile: markup in the agent stays text; an unterminated quote is no request, only timestamped text
        '[2026-12-07T10:00:04.000Z] "GET /search?q=%3Cscript%3E HTTP/1.1" 404 NR 0 0 1 - "-" "<script>alert(1)</script>" "x" "shop.example.com" "-"',
        '[2026-12-07T10:00:05.000Z] "GET /broken HTTP/1.1 200 - 0 0 1 - "-" "curl',
      ].join('\n') + '\n',
    );
    expect(r.detected.layout.format).toBe('text');
    expect(r.rows.map((x) => [x.ts, x.src_ip, x.src_port, x.dst_ip, x.dst_port, x.method, x.host, x.path, x.query, x.status, x.bytes, x.duration, x.user_agent])).toEqual([
      [1796637600123, '203.0.113.5', null, null, null, 'GET', 'api.example.com', '/api/users/1', 'expand=1', 200, 1523, 0.012, 'curl/8.4.0'],
      [1796637601456, '198.51.100.7', null, '10.1.2.3', 8080, 'POST', 'api.example.com', '/login', null, 401, 20, 0.005, 'python-requests/2.31.0'],
      [1796637602000, '10.0.0.1', 56000, '10.1.2.9', 15021, 'GET', '10.1.2.9:15021', '/healthz', null, 200, 2, 0.001, 'kube-probe/1.29'],
      [1796637603000, null, null, null, null, null, null, null, null, null, 0, 0.003, null],
      [1796637604000, null, null, null, null, 'GET', 'shop.example.com', '/search', 'q=%3Cscript%3E', 404, 0, 0.001, '<script>alert(1)</script>'],
      [1796637605000, null, null, null, null, null, null, null, null, null, null, null, null],
    ]);
    expect(JSON.parse(String(r.rows[1]!.extra))).toMatchObject({ proxy_ip: '10.1.2.9', response_details: 'via_upstream', upstream_cluster: 'inbound|8080||', request_id: '6e2d' });
    expect(JSON.parse(String(r.rows[3]!.extra))).toMatchObject({ response_flags: 'UF', upstream: '10.1.2.4:5432' });
    expect(r.rows[5]!.message).toBe('"GET /broken HTTP/1.1 200 - 0 0 1 - "-" "curl');
    expect(r.rows.length).toBe(r.records);
  });

  it("cloud edge and identity exports: Azure Front Door and Application Gateway (status under `properties`, query, socketIp no destination), Akamai DataStream, Google Workspace logins", () => {
    const afd = parseText(
      JSON.stringify({
        time: '2026-12-07T10:00:00.0000000Z',
        resourceId: '/SUBSCRIPTIONS/X/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CDN/PROFILES/FD',
        category: 'FrontDoorAccessLog',
        operationName: 'Microsoft.Cdn/Profiles/AccessLog/Write',
        properties: { trackingReference: '0abc', httpMethod: 'GET', httpVersion: '2.0.0', requestUri: 'https://www.example.com:443/search?q=%27%20or%201%3D1--', requestBytes: '512', responseBytes: '2048', userAgent: 'sqlmap/1.7', clientIp: '203.0.113.88', clientPort: '50123', socketIp: '203.0.113.88', httpStatusCode: '403', pop: 'AMS', cacheStatus: 'MISS' },
      }) + '\n',
    );
    expect(afd.rows[0]).toMatchObject({ src_ip: '203.0.113.88', src_port: 50123, dst_ip: null, method: 'GET', path: '/search', query: 'q=%27%20or%201%3D1--', status: 403, bytes: 2048 });
    expect(JSON.parse(String(afd.rows[0]!.extra))).toMatchObject({ 'properties.socketIp': '203.0.113.88' });
    const agw = parseText(
      JSON.stringify({
        timeStamp: '2026-12-07T10:00:00+00:00',
        operationName: 'ApplicationGatewayAccess',
        category: 'ApplicationGatewayAccessLog',
        properties: { instanceId: 'appgw_0', clientIP: '203.0.113.61', clientPort: '50211', httpMethod: 'POST', requestUri: '/login', requestQuery: 'x=1', userAgent: 'python-requests/2.31.0', httpStatus: 401, httpVersion: 'HTTP/1.1', receivedBytes: 640, sentBytes: 512, host: 'www.example.com', serverRouted: '10.0.1.4:443', serverStatus: '401' },
      }) + '\n',
    );
    expect(agw.rows[0]).toMatchObject({ src_ip: '203.0.113.61', method: 'POST', path: '/login', query: 'x=1', status: 401, host: 'www.example.com' });
    // Akamai DataStream 2: epoch seconds as text, its own names, the agent URL-encoded
    const akamai = parseText(
      [
        { version: 1, cp: '123456', reqId: '1a2b3c4d', reqTimeSec: '1796637600', bytes: '3417', cliIP: '203.0.113.44', statusCode: '404', proto: 'HTTPS', reqHost: 'www.example.com', reqMethod: 'GET', reqPath: '/.env', reqPort: '443', UA: 'Mozilla%2F5.0%20(compatible%3B%20Nuclei)', queryStr: '-', country: 'NL', edgeIP: '23.50.51.52' },
        { version: 1, cp: '123456', reqId: '1a2b3c4e', reqTimeSec: '1796637601.250', bytes: '52000', cliIP: '198.51.100.8', statusCode: '200', proto: 'HTTPS', reqHost: 'www.example.com', reqMethod: 'GET', reqPath: '/index.html', reqPort: '443', UA: 'Mozilla%2F5.0%20(Windows%20NT%2010.0%3B%20Win64%3B%20x64)', queryStr: 'utm_source=x', country: 'DE', edgeIP: '23.50.51.52' },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n') + '\n',
    );
    expect(akamai.rows.map((r) => [r.ts, r.src_ip, r.host, r.path, r.query, r.status, r.user_agent])).toEqual([
      [1796637600000, '203.0.113.44', 'www.example.com', '/.env', null, 404, 'Mozilla/5.0 (compatible; Nuclei)'],
      [1796637601250, '198.51.100.8', 'www.example.com', '/index.html', 'utm_source=x', 200, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)'],
    ]);
    expect(akamai.report.columns.user_agent).toMatchObject({ coerced: 2 });
    // an agent with a space or a slash is as written, escapes and all
    const plain = parseText(JSON.stringify({ time: '2026-12-07T10:00:00Z', ip: '203.0.113.5', path: '/', status: 200, user_agent: 'curl/8.0%20x' }) + '\n');
    expect(plain.rows[0]!.user_agent).toBe('curl/8.0%20x');
    // Google Workspace's login audit (Reports API): the account and the event's name
    const gws = parseText(
      [
        { kind: 'admin#reports#activity', id: { time: '2026-12-07T10:00:00.000Z', uniqueQualifier: '-123', applicationName: 'login', customerId: 'C01' }, actor: { email: 'carol@example.com', profileId: '1001' }, ipAddress: '203.0.113.120', events: [{ type: 'login', name: 'login_failure', parameters: [{ name: 'login_type', value: 'google_password' }] }] },
        { kind: 'admin#reports#activity', id: { time: '2026-12-07T10:00:09.000Z', uniqueQualifier: '-124', applicationName: 'login', customerId: 'C01' }, actor: { email: 'dave@example.com', profileId: '1002' }, ipAddress: '198.51.100.61', events: [{ type: 'login', name: 'login_success', parameters: [{ name: 'login_type', value: 'google_password' }] }] },
        { kind: 'admin#reports#activity', id: { time: '2026-12-07T10:00:19.000Z', uniqueQualifier: '-125', applicationName: 'login', customerId: 'C01' }, actor: { email: 'dave@example.com', profileId: '1002' }, ipAddress: '198.51.100.61', events: [{ type: 'login', name: 'logout', parameters: [] }] },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n') + '\n',
    );
    expect(gws.rows.map((r) => [r.ts, r.src_ip, r.user, r.action])).toEqual([
      [1796637600000, '203.0.113.120', 'carol@example.com', 'auth_failure'],
      [1796637609000, '198.51.100.61', 'dave@example.com', 'auth_success'],
      [1796637619000, '198.51.100.61', 'dave@example.com', null],
    ]);
    // Windows event data's bare Status stays an NTSTATUS code, never an HTTP status
    const win = parseText(JSON.stringify({ '@timestamp': '2026-12-07T10:00:00Z', winlog: { event_id: 4625, event_data: { IpAddress: '203.0.113.5', Status: '0xc000006d', TargetUserName: 'bob' } } }) + '\n');
    expect(win.rows[0]!.status).toBeNull();
  });

  it('w3c behind a gateway: the client is the X-Forwarded-For custom field (with the port Azure appends, + for spaces), c-ip kept as proxy_ip', () => {
    const fields = 'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-bytes time-taken X-Forwarded-For';
    const rec = (cip: string, xff: string): string => ['2026-11-10', '01:40:00', '10.30.2.10', 'GET', '/Upload/Files/logo_2291.aspx', 'cmd=whoami', '443', '-', cip, 'Mozilla/5.0', '200', '231', '15', xff].join(' ');
    const r = parseText(
      [
        '#Software: Microsoft Internet Information Services 10.0',
        `#Fields: ${fields}`,
        rec('10.30.1.5', '91.92.241.18:40123'),
        // the client claimed an address; the gateway appended the one it saw
        rec('10.30.1.4', '1.2.3.4,+198.51.100.9:5512'),
        // the gateway's own probe: no header
        rec('10.30.1.4', '-'),
        // a public c-ip (no gateway): the header is the client's own word
        rec('203.0.113.8', '198.51.100.77'),
      ].join('\r\n') + '\r\n',
    );
    expect(r.detected.layout.format).toBe('w3c');
    expect(r.quarantined).toEqual([]);
    expect(r.rows.map((x) => [x.src_ip, JSON.parse(String(x.extra ?? '{}')).proxy_ip ?? null])).toEqual([
      ['91.92.241.18', '10.30.1.5'],
      ['198.51.100.9', '10.30.1.4'],
      ['10.30.1.4', null],
      ['203.0.113.8', null],
    ]);
    expect(r.report.columns.src_ip).toMatchObject({ coerced: 2 });
  });

  it('w3c: date+time in UTC, time-taken ms -> seconds, + in user agent', () => {
    const r = parseFile(path.join(FIXTURES, 'iis.log'));
    expect(r.rows[0]).toMatchObject({ ts: 1704448801000, duration: 0.187, user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', src_ip: '203.0.113.77', dst_ip: '10.0.0.10' });
  });

  it('vpc: protocol numbers, verdicts, NODATA kept as an event', () => {
    const r = parseFile(path.join(FIXTURES, 'vpc.log'));
    expect(r.rows[0]).toMatchObject({ proto: 'TCP', action: 'accept', duration: 60, ts: 1418530010000 });
    expect(r.rows[1].action).toBe('reject');
    expect(r.rows[2]).toMatchObject({ src_ip: null, dst_ip: null, action: null, message: 'NODATA' });
    expect(r.rows[4]).toMatchObject({ proto: 'ICMP', src_port: null, dst_port: null });
  });

  it('key=value: syslog prefix kept, quoted values with escapes, date + time joined', () => {
    const r = parseFile(path.join(FIXTURES, 'fortigate.log'));
    expect(r.detected.layout.format).toBe('kv');
    expect(r.rows[0]).toMatchObject({ ts: Date.UTC(2024, 0, 5, 10, 0, 1), src_ip: '10.0.1.15', dst_port: 443, proto: 'TCP', action: 'accept', bytes: 5120 });
    expect(r.rows[1].action).toBe('reject');
    expect(r.rows[2].message).toBe('quoted "inner" text');
    expect(JSON.parse(String(r.rows[2].extra))).toEqual({ _prefix: 'Jan  5 10:00:03 fw01' });
    expect(r.quarantined.map((q) => q.reason)).toEqual(['no key=value pairs']);
  });

  it('CSV with separate date and time columns', () => {
    const r = parseFile(path.join(FIXTURES, 'datetime.csv'));
    expect(r.rows.map((x) => [x.ts, x.ts_text, x.action, x.extra])).toEqual([
      [Date.UTC(2024, 0, 5, 10), '2024-01-05 10:00:00', 'accept', null],
      [Date.UTC(2024, 0, 5, 10, 0, 1), '2024-01-05 10:00:01', 'reject', null],
    ]);
    expect(r.rows[0].bytes).toBe(1500);
  });

  it('access log behind a syslog relay, an authuser with spaces, a vhost without port', () => {
    const r = parseFile(path.join(FIXTURES, 'access_variants.log'));
    expect(r.rows.map((x) => [x.src_ip, x.user, x.host])).toEqual([
      ['192.0.2.1', null, null],
      ['192.0.2.2', 'John Smith', null],
      ['192.0.2.3', null, 'vhost.example'],
    ]);
    expect(JSON.parse(String(r.rows[0].extra))).toEqual({ _prefix: 'Jan  5 10:00:00 web1 nginx:' });
  });

  it("nginx's main format behind a proxy: the client is the rightmost public X-Forwarded-For address", () => {
    const line = (remote: string, xff: string): string => `${remote} - - [10/Mar/2024:06:25:00 +0000] "GET / HTTP/1.1" 200 612 "-" "Mozilla/5.0" "${xff}"`;
    const r = parseText(
      [
        line('10.0.0.1', '203.0.113.7'),
        // the client claimed 1.2.3.4; the proxy appended what it saw; an internal hop after it
        line('10.0.0.1', '1.2.3.4, 198.51.100.9, 10.0.0.2'),
        // a public remote address: the header is the client's own claim, kept aside
        line('192.0.2.50', '203.0.113.8'),
        line('10.0.0.1', '-'),
        // not an address list
        line('10.0.0.1', 'edge-7'),
        line('::1', '2001:db8::5'),
        // an internal client behind an internal proxy: the first hop
        line('10.0.0.1', '10.8.1.20, 10.0.0.2'),
      ].join('\n') + '\n',
    );
    expect(r.rows.map((x) => [x.src_ip, JSON.parse(String(x.extra ?? 'null'))])).toEqual([
      ['203.0.113.7', { proxy_ip: '10.0.0.1', x_forwarded_for: '203.0.113.7' }],
      ['198.51.100.9', { proxy_ip: '10.0.0.1', x_forwarded_for: '1.2.3.4, 198.51.100.9, 10.0.0.2' }],
      ['192.0.2.50', { field5: '203.0.113.8' }],
      ['10.0.0.1', null],
      ['10.0.0.1', { field5: 'edge-7' }],
      ['2001:db8::5', { proxy_ip: '::1', x_forwarded_for: '2001:db8::5' }],
      ['10.8.1.20', { proxy_ip: '10.0.0.1', x_forwarded_for: '10.8.1.20, 10.0.0.2' }],
    ]);
    // the cleaning report counts the replaced addresses
    expect(r.report.columns.src_ip).toMatchObject({ coerced: 4 });
  });

  it('behind a CDN (a published Cloudflare, Fastly or CloudFront edge as the remote address) the client is the forwarded one', () => {
    const line = (remote: string, xff: string): string => `${remote} - - [10/Mar/2024:06:25:00 +0000] "GET / HTTP/1.1" 200 612 "-" "Mozilla/5.0" "${xff}"`;
    const r = parseText(
      [
        // Cloudflare appended the address that connected to it
        line('162.158.1.2', '198.51.100.20'),
        // the client claimed 203.0.113.66 itself: the rightmost address the edge appended wins
        line('172.70.4.9', '203.0.113.66, 198.51.100.21'),
        // two CDNs in a row (Fastly in front of Cloudflare): the CDN hop is no client
        line('151.101.1.1', '198.51.100.22, 162.158.3.4'),
        line('2606:4700:10::6816:1', '2001:db8::9'),
        // just outside Cloudflare's 104.16.0.0/13 and 104.24.0.0/14: an ordinary public address, its header its own claim
        line('104.28.0.1', '198.51.100.23'),
        // only CDN hops forwarded: nothing to believe, the remote address stays
        line('162.158.1.2', '104.16.0.9'),
      ].join('\n') + '\n',
    );
    expect(r.rows.map((x) => x.src_ip)).toEqual(['198.51.100.20', '198.51.100.21', '198.51.100.22', '2001:db8::9', '104.28.0.1', '162.158.1.2']);
    expect(JSON.parse(String(r.rows[0].extra))).toEqual({ proxy_ip: '162.158.1.2', x_forwarded_for: '198.51.100.20' });
    expect(JSON.parse(String(r.rows[4].extra))).toEqual({ field5: '198.51.100.23' });
    expect(r.report.columns.src_ip).toMatchObject({ coerced: 4 });
  });

  it('CEF: header kept as prefix, values with spaces and escapes, rt in epoch ms or text', () => {
    const r = parseFile(path.join(FIXTURES, 'cef.log'));
    expect(r.detected.layout.format).toBe('kv');
    expect(r.rows[0]).toMatchObject({ src_ip: '10.0.0.1', dst_port: 445, action: 'reject', ts: 1704448805000, message: 'Detected a threat. No action needed' });
    expect(r.rows[1]).toMatchObject({ ts: Date.UTC(2024, 0, 5, 10, 0, 6), host: '203.0.113.5', path: '/a=b', user: 'corp\\alice', user_agent: 'Mozilla/5.0 (Windows NT 10.0)' });
    expect(r.rows[2]).toMatchObject({ ts: Date.UTC(2024, 0, 5, 10, 0, 7), src_ip: '192.0.2.7', dst_port: 22 });
  });

  it('CIC-IDS style: padded header names, day-first dates settled by the values, AM/PM', () => {
    const r = parseFile(path.join(FIXTURES, 'cicids.csv'));
    expect(r.detected.layout.hints).toMatchObject({ dateOrder: 'dmy', dateOrderFrom: 'values' });
    expect(r.rows.map((x) => x.ts)).toEqual([Date.UTC(2017, 6, 13, 8, 59, 12), Date.UTC(2017, 6, 7, 3, 30), Date.UTC(2017, 6, 7, 15, 31)]);
    expect(r.rows.map((x) => x.label)).toEqual(['BENIGN', 'DDoS', 'BENIGN']);
    // Flow Duration is in microseconds (CICFlowMeter): read as seconds it would be a million times too long
    expect(r.rows.map((x) => x.duration)).toEqual([0.000003, 112.74069, 0.000048]);
  });

  it('ambiguous a/b/yyyy dates: month first, and the layout says it was a default', () => {
    const r = parseFile(path.join(FIXTURES, 'ambiguous_dates.csv'));
    expect(r.detected.layout.hints).toMatchObject({ dateOrder: 'mdy', dateOrderFrom: 'default' });
    expect(r.rows[0].ts).toBe(Date.UTC(2024, 2, 4, 10));
  });

  it('syslog lines without a host name', () => {
    const r = parseText('Mar  5 06:25:01 sshd[411]: Invalid user bob from 192.0.2.8 port 1\nMar  5 06:25:02 host2 su: ok\n', { year: 2024 });
    expect(r.rows.map((x) => [x.host, x.program, x.action, x.src_ip])).toEqual([
      [null, 'sshd', 'invalid_user', '192.0.2.8'],
      ['host2', 'su', null, null],
    ]);
  });

  it('more sshd phrasings carry their address', () => {
    const text = [
      'Mar  5 06:25:01 h sshd[1]: Disconnected from user deploy 10.0.0.4 port 51515',
      'Mar  5 06:25:02 h sshd[2]: Unable to negotiate with 198.51.100.9 port 40000: no matching key exchange method found',
      'Mar  5 06:25:03 h sshd[3]: Timeout before authentication for 198.51.100.10 port 40001',
      'Mar  5 06:25:04 h sshd[4]: Connection reset by 198.51.100.11 port 40002 [preauth]',
      'Mar  5 06:25:05 h sshd[5]: banner exchange: Connection from 198.51.100.12 port 40003: invalid format',
    ].join('\n');
    const r = parseText(text, { year: 2024 });
    expect(r.rows.map((x) => [x.src_ip, x.src_port, x.user, x.action])).toEqual([
      ['10.0.0.4', 51515, 'deploy', null],
      ['198.51.100.9', 40000, null, null],
      ['198.51.100.10', 40001, null, null],
      ['198.51.100.11', 40002, null, 'preauth_close'],
      ['198.51.100.12', 40003, null, null],
    ]);
  });

  it('Suricata eve.json: alert and flow records of one file each find their own keys', () => {
    const r = parseFile(path.join(FIXTURES, 'suricata_eve.jsonl'));
    expect(r.rows[0]).toMatchObject({ dst_ip: '10.0.0.5', dst_port: 80, category: 'Potentially Bad Traffic', user_agent: 'sqlmap/1.7', bytes: 512, query: "id=1' OR '1'='1" });
    expect(r.rows[1]).toMatchObject({ dst_ip: '198.51.100.7', bytes: 9_000_000, packets: 120 });
    expect(r.report.columns.bytes).toBeUndefined(); // the flow record's bytes were found: no NULL counted
  });

  it('UNSW-NB15 style CSV', () => {
    const r = parseFile(path.join(FIXTURES, 'unsw.csv'));
    expect(r.rows[1]).toMatchObject({ dst_port: 32780, bytes: 728, category: 'Exploits', label: '1', ts: 1421927416000, flags: 'INT' });
  });

  it('AWS ALB: client and target split, URL split into host/path/query, -1 times are NULL', () => {
    const r = parseFile(path.join(FIXTURES, 'alb.log'));
    expect(r.rows[1]).toMatchObject({ src_ip: '203.0.113.9', src_port: 46532, dst_ip: null, status: 460, method: 'POST', host: 'www.example.com', path: '/wp-login.php', query: 'redirect=1', duration: null });
    expect(r.rows[2]).toMatchObject({ path: '/../../etc/passwd', duration: 0.25, user_agent: 'Nikto', ts: Date.UTC(2018, 6, 2, 22, 23, 2) });
  });
});
