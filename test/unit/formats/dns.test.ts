// DNS query logs from several servers and sensors: the name looked up lands in `host`, its type in
// extra.qtype, the client in src_ip, whatever wrote the line. Values worked out by hand.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { FIXTURES, parseFile, parseText } from './helpers';

const extra = (v: unknown): Record<string, string> => JSON.parse(String(v)) as Record<string, string>;

describe('DNS query logs', () => {
  it('BIND query log: client, port, resolver, TCP flag, view; other lines are messages, a line without a time is quarantined', () => {
    const r = parseFile(path.join(FIXTURES, 'dns_bind.log'));
    expect(r.detected.layout.format).toBe('dns');
    const [a, b, c] = r.rows;
    expect([a.ts, a.src_ip, a.src_port, a.dst_ip, a.host]).toEqual([Date.UTC(2024, 0, 5, 10, 0, 1, 123), '10.0.0.5', 53211, '10.0.0.1', 'www.example.com']);
    expect(extra(b.extra)).toMatchObject({ qtype: 'MX', view: 'internal', category: 'queries' });
    expect([c.src_ip, c.proto, extra(c.extra).qtype]).toEqual(['2001:db8::25', 'TCP', 'TXT']);
    expect(r.quarantined.map((q) => q.line)).toEqual([7]);
  });

  it('Windows DNS debug log: only a received question is a client query; answers and the server\'s own forwarding keep the name without a type', () => {
    const r = parseFile(path.join(FIXTURES, 'dns_windows.log'));
    expect(r.detected.layout.format).toBe('dns');
    expect(r.records).toBe(5); // the field-key header is no record
    const [q, fwd, , ans, tcp] = r.rows;
    expect([q.src_ip, q.dst_ip, q.host, extra(q.extra).qtype]).toEqual(['10.0.0.5', null, 'www.example.com', 'A']);
    expect([fwd.src_ip, fwd.dst_ip]).toEqual([null, '192.0.2.53']);
    expect([ans.dst_ip, extra(ans.extra).qtype, extra(ans.extra).rcode]).toEqual(['10.0.0.5', undefined, 'NOERROR']);
    expect([tcp.ts, tcp.proto, tcp.host]).toEqual([Date.UTC(2024, 0, 5, 22, 0, 2), 'TCP', '6a3b9c0f1e2d4a5b6c7d8e9f0a1b2c3d.t.example.org']);
  });

  it('a day-first Windows short date is read day first when a value settles it', () => {
    const line = (d: string): string => `${d} 10:00:01 0E84 PACKET  000000A3B4C5D6E0 UDP Rcv 10.0.0.5        d3f1   Q [0001   D   NOERROR] A      (3)www(7)example(3)com(0)`;
    const r = parseText([line('05/01/2024'), line('13/01/2024')].join('\n'));
    expect(r.rows.map((x) => x.ts)).toEqual([Date.UTC(2024, 0, 5, 10, 0, 1), Date.UTC(2024, 0, 13, 10, 0, 1)]);
    // other short date formats servers are set to: year first, two-digit year, dotted
    const other = parseText([line('2024/1/5'), line('1/5/24'), line('05.01.2024')].join('\n'));
    expect(other.rows.map((x) => x.ts)).toEqual(Array(3).fill(Date.UTC(2024, 0, 5, 10, 0, 1)));
  });

  it('named, dnsmasq / Pi-hole and unbound lines in syslog: the name is the host, the logging machine moves to extra', () => {
    const r = parseFile(path.join(FIXTURES, 'dns_syslog.log'), { year: 2024 });
    expect(r.detected.layout.format).toBe('syslog');
    const [bind, lame, mq, fwd, , typed, blocked, unbound] = r.rows;
    expect([bind.src_ip, bind.host, extra(bind.extra).log_host]).toEqual(['10.0.0.5', 'www.example.com', 'ns1']);
    expect(lame.host).toBe('ns1'); // not a query: the syslog host stays
    expect([mq.src_ip, mq.host, extra(mq.extra).qtype]).toEqual(['10.0.0.6', 'www.example.org', 'AAAA']);
    expect([fwd.src_ip, fwd.dst_ip]).toEqual([null, '9.9.9.9']);
    expect(extra(typed.extra).qtype).toBe('HTTPS');
    expect(blocked.action).toBe('reject');
    expect([unbound.src_ip, unbound.host, extra(unbound.extra).qtype]).toEqual(['10.0.0.8', 'mail.example.com', 'MX']);
    // print-category in syslog, and dnsmasq's log-queries=extra (serial, client address/port first)
    const more = parseText(
      ['Jan  5 10:00:06 ns1 named[812]: queries: info: client @0x7f8b3c0a1234 10.0.0.9#5300 (a.example.com): query: a.example.com IN A + (10.0.0.1)', 'Jan  5 10:00:07 gw dnsmasq[1234]: 17 10.0.0.10/41234 query[TXT] b.example.com from 10.0.0.10'].join('\n'),
      { year: 2024 },
    ).rows;
    expect(more.map((x) => [x.src_ip, x.src_port, x.host, extra(x.extra).qtype])).toEqual([
      ['10.0.0.9', 5300, 'a.example.com', 'A'],
      ['10.0.0.10', 41234, 'b.example.com', 'TXT'],
    ]);
  });

  it('dnsmasq carried in a journald export: the name replaces the journal\'s host name, which moves to extra', () => {
    const r = parseText('{"__REALTIME_TIMESTAMP":"1704448801000000","_HOSTNAME":"gw","SYSLOG_IDENTIFIER":"dnsmasq","MESSAGE":"query[TXT] a1b2c3.t.example.org from 10.0.0.6"}');
    expect(r.detected.layout.format).toBe('jsonl');
    const [x] = r.rows;
    expect([x!.src_ip, x!.host, extra(x!.extra).qtype, extra(x!.extra).log_host]).toEqual(['10.0.0.6', 'a1b2c3.t.example.org', 'TXT', 'gw']);
  });

  it('Zeek dns.log (TSV and JSON): the query is the name looked up, not a URL query string; a NULL type survives', () => {
    for (const f of ['zeek_dns.log', 'zeek_dns.json']) {
      const r = parseFile(path.join(FIXTURES, f));
      expect(r.rows.every((x) => x.query === null)).toBe(true);
      expect([r.rows[0].host, extra(r.rows[0].extra).qtype]).toEqual(['www.example.com', 'A']);
    }
    const json = parseFile(path.join(FIXTURES, 'zeek_dns.json'));
    expect([json.rows[2].host, extra(json.rows[2].extra).qtype]).toEqual(['x.example.net', 'NULL']);
  });

  it('Suricata eve.json v2 and v3, Route 53 Resolver: answers carry no qtype, NULL queries keep their type', () => {
    const eve = parseFile(path.join(FIXTURES, 'suricata_dns.jsonl')).rows;
    expect(eve.map((x) => [x.src_ip, x.host, extra(x.extra).qtype ?? null])).toEqual([
      ['10.0.0.5', 'www.example.com', 'A'],
      ['10.0.0.1', 'www.example.com', null],
      ['10.0.0.6', '6a3b9c0f1e2d4a5b.t.example.org', 'TXT'],
      ['10.0.0.1', '6a3b9c0f1e2d4a5b.t.example.org', null],
    ]);
    const r53 = parseFile(path.join(FIXTURES, 'route53_resolver.jsonl')).rows;
    expect(r53.map((x) => [x.src_ip, x.host, extra(x.extra).qtype])).toEqual([
      ['10.0.0.5', 'www.example.com', 'A'],
      ['10.0.0.6', '6a3b9c0f1e2d4a5b.t.example.org', 'NULL'],
    ]);
  });
});

describe('Cisco Umbrella DNS logs (headerless CSV)', () => {
  const v1 = (t: string, ip: string, action: string, type: string, name: string): string => `"${t}","WS-17","WS-17,HQ,Network","${ip}","24.123.132.133","${action}","${type}","NOERROR","${name}","Uncategorized"`;
  it('v1 and v3 layouts: the internal address is the client, the name (its final dot dropped) the host, `16 (TXT)` the type; the NAT address stays in extra', () => {
    const r = parseText([v1('2026-12-01 09:00:00', '10.10.1.17', 'Allowed', '16 (TXT)', 'abc123.t.evil.example.'), v1('2026-12-01 09:00:01', '10.10.1.18', 'Blocked', '1 (A)', 'malware.example.')].join('\n') + '\n');
    expect(r.detected.layout.hints?.columnsFrom).toBe('Cisco Umbrella DNS');
    expect(r.quarantined).toEqual([]);
    const [a, b] = r.rows;
    expect([a!.ts, a!.src_ip, a!.host, a!.dst_ip]).toEqual([Date.UTC(2026, 11, 1, 9, 0, 0), '10.10.1.17', 'abc123.t.evil.example', null]);
    expect(extra(a!.extra)).toMatchObject({ qtype: 'TXT', ExternalIp: '24.123.132.133', MostGranularIdentity: 'WS-17' });
    expect([b!.host, extra(b!.extra).qtype, b!.action]).toEqual(['malware.example', 'A', 'reject']);
    const v3 = parseText(`${v1('2026-12-01 09:00:00', '10.10.1.17', 'Allowed', '28 (AAAA)', 'www.example.com.')},"Anyconnect Roaming Client","Anyconnect Roaming Client,Sites",""\n`);
    expect([v3.rows[0]!.host, extra(v3.rows[0]!.extra).qtype, extra(v3.rows[0]!.extra).MostGranularIdentityType]).toEqual(['www.example.com', 'AAAA', 'Anyconnect Roaming Client']);
  });

  it('a headerless table that is not Umbrella is still left for --map', () => {
    expect(() => parseText('"2026-12-01 09:00:00","x","y","10.0.0.1","10.0.0.2","Maybe","1 (A)","NOERROR","example.com.","c"\n')).toThrow(/table without a header row .* --map/);
  });
});
