// Address scope and ranges: every source's scope is asked (explanations, exfiltration, subnet
// scans), so the parser is hand-written; these pin what it accepts.
import { describe, expect, it } from 'vitest';
import { ipScope, isPrivateIp } from '../../../src/core/analysis/net';

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
