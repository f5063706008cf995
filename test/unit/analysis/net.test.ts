// Address scope and ranges: every source's scope is asked (explanations, exfiltration, subnet
// scans), so the parser is hand-written; these pin what it accepts.
import { describe, expect, it } from 'vitest';
import { cdnEdge, ipScope, isPrivateIp } from '../../../src/core/analysis/net';

describe('ipScope / isPrivateIp', () => {
  it('knows the private, loopback, link-local and CGNAT ranges and their edges', () => {
    for (const ip of ['10.0.0.1', '10.255.255.255', '172.16.0.0', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.9.9', '100.64.0.1', '100.127.255.255', '::1', 'fd00::5', 'fe80::1'])
      expect([ip, isPrivateIp(ip), ipScope(ip)]).toEqual([ip, true, 'internal']);
    for (const ip of ['172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1', '11.0.0.1', '255.255.255.255', '0.0.0.0', '2001:db8::1'])
      expect([ip, isPrivateIp(ip), ipScope(ip)]).toEqual([ip, false, 'external']);
  });

  it('takes anything that is not an address as written', () => {
    for (const s of ['EXT_SERVER', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '1.2.3.', '.1.2.3', '1.2.3.4 ', '1234.1.1.1', 'a.b.c.d', '', '10.0.0.1/8'])
      expect([s, isPrivateIp(s), ipScope(s)]).toEqual([s, false, 'unknown']);
  });
});

describe('cdnEdge', () => {
  it('names the CDN of a published edge address, at the ranges\' edges, and nothing else', () => {
    const cases: [string, string | null][] = [
      ['104.16.0.1', 'Cloudflare'],
      ['104.27.255.255', 'Cloudflare'],
      ['104.28.0.1', null],
      ['104.15.255.255', null],
      ['162.159.200.1', 'Cloudflare'],
      ['2606:4700:10::6816:1', 'Cloudflare'],
      ['2a06:98c7:ffff::1', 'Cloudflare'],
      ['2a06:98c8::1', null],
      ['151.101.65.69', 'Fastly'],
      ['2a04:4e42::1', 'Fastly'],
      ['13.33.255.1', 'CloudFront'],
      ['13.34.0.1', null],
      ['2600:9000:2000::1', 'CloudFront'],
      ['8.8.8.8', null],
      ['10.0.0.1', null],
      ['2001:db8::1', null],
      ['EXT_SERVER', null],
      ['', null],
    ];
    for (const [ip, name] of cases) expect([ip, cdnEdge(ip)]).toEqual([ip, name]);
  });
});
