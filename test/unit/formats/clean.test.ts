// Cleaning normalisers: IPs, counts with 1000-based suffixes, ports, protocols, verdicts,
// NULL tokens and their counters, timestamps in every layout incl. zones and year rollover.
import { describe, expect, it } from 'vitest';
import { cleanCell, isNullToken, normalizeAction, normalizeIp, normalizeIPv4, normalizeIPv6, normalizeProto, parseCount, parsePort, parseReal, parseTimestamp, validateTimeZone, zoneOffsetMs, localToUtc } from '../../../src/core/formats/clean';
import { C, newCounters, newRow } from '../../../src/core/formats/index';
import { LoupeError } from '../../../src/core/errors';

const UTC = { tz: null, year: 2024, refTime: null };

describe('IP addresses', () => {
  it('keeps canonical IPv4 and drops leading zeros', () => {
    expect(normalizeIPv4('192.168.0.1')).toBe('192.168.0.1');
    expect(normalizeIPv4('010.001.000.009')).toBe('10.1.0.9');
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', 'a.b.c.d', '1.2.3.4 ', '', '1234.1.1.1']) expect(normalizeIPv4(bad)).toBeNull();
  });

  it('writes IPv6 in RFC 5952 form', () => {
    expect(normalizeIPv6('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normalizeIPv6('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // first of equal runs
    expect(normalizeIPv6('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // one zero group stays
    expect(normalizeIPv6('::')).toBe('::');
    expect(normalizeIPv6('::1')).toBe('::1');
    expect(normalizeIPv6('FE80::1%eth0')).toBe('fe80::1');
    expect(normalizeIPv6('[2001:db8::a]')).toBe('2001:db8::a');
    expect(normalizeIPv6('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeIPv6('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(normalizeIPv6('64:ff9b::192.0.2.33')).toBe('64:ff9b::c000:221');
    for (const bad of ['1::2::3', '12345::1', 'g::1', ':::', '1:2:3:4:5:6:7:8:9', 'hello']) expect(normalizeIPv6(bad)).toBeNull();
  });

  it('normalizeIp takes either family', () => {
    expect(normalizeIp('8.8.8.8')).toBe('8.8.8.8');
    expect(normalizeIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeIp('example.com')).toBeNull();
  });
});

describe('numbers', () => {
  it('reads counts with 1000-based suffixes', () => {
    expect(parseCount('123')).toEqual([123, false]);
    expect(parseCount('1.2 M')).toEqual([1_200_000, true]);
    expect(parseCount('420 K')).toEqual([420_000, true]);
    expect(parseCount('3 G')).toEqual([3_000_000_000, true]);
    expect(parseCount('2.5M')).toEqual([2_500_000, true]);
    expect(parseCount(' 12 ')).toEqual([12, true]);
    expect(parseCount('12.0')).toEqual([12, true]);
    expect(parseCount('1 KB')).toEqual([1000, true]);
    for (const bad of ['abc', '1.2.3', 'M', '-', '1e5x', '']) expect(parseCount(bad)).toBeNull();
  });

  it('reads ports and rejects type.code and out-of-range values', () => {
    expect(parsePort('80')).toEqual([80, false]);
    expect(parsePort('80.0')).toEqual([80, true]);
    expect(parsePort(' 443 ')).toEqual([443, true]);
    expect(parsePort('3.1')).toBeNull();
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('http')).toBeNull();
  });

  it('reads reals', () => {
    expect(parseReal('0.052')).toEqual([0.052, false]);
    expect(parseReal('1e-3')).toEqual([0.001, false]);
    expect(parseReal('x')).toBeNull();
  });

  it('normalises protocols and verdicts', () => {
    expect(normalizeProto('TCP  ')).toBe('TCP');
    expect(normalizeProto(' udp')).toBe('UDP');
    expect(normalizeProto('6')).toBe('TCP');
    expect(normalizeProto('17')).toBe('UDP');
    expect(normalizeProto('1')).toBe('ICMP');
    expect(normalizeAction('ACCEPT')).toBe('accept');
    expect(normalizeAction('Deny')).toBe('reject');
    expect(normalizeAction('drop')).toBe('reject');
    expect(normalizeAction('alert')).toBe('alert');
  });

  it('knows the NULL spellings', () => {
    for (const n of ['', '-', 'NULL', 'null', '(empty)', 'N/A']) expect(isNullToken(n)).toBe(true);
    for (const v of ['0', 'none-such', '--', 'NUL']) expect(isNullToken(v)).toBe(false);
  });
});

describe('cleanCell counts what it did', () => {
  it('counts NULLs, coercions and unparseable values per column', () => {
    const counters = newCounters();
    const row = newRow();
    expect(cleanCell(C.bytes, 'NULL', counters, UTC, row)).toBeNull();
    expect(cleanCell(C.bytes, '', counters, UTC, row)).toBeNull();
    expect(cleanCell(C.packets, '-', counters, UTC, row)).toBeNull();
    expect(cleanCell(C.bytes, '1.2 M', counters, UTC, row)).toBe(1_200_000);
    expect(cleanCell(C.bytes, '77', counters, UTC, row)).toBe(77);
    expect(cleanCell(C.bytes, 'lots', counters, UTC, row)).toBeNull();
    expect(cleanCell(C.dst_port, '80.0', counters, UTC, row)).toBe(80);
    expect(cleanCell(C.proto, ' tcp ', counters, UTC, row)).toBe('TCP');
    expect(cleanCell(C.src_ip, '010.0.0.1', counters, UTC, row)).toBe('10.0.0.1');
    expect(cleanCell(C.src_ip, 'EXT_SERVER', counters, UTC, row)).toBe('EXT_SERVER'); // kept, flagged
    expect(cleanCell(C.src_ip, 'not an ip at all', counters, UTC, row)).toBeNull();
    expect(cleanCell(C.category, '---', counters, UTC, row)).toBeNull();
    expect([counters.nulls[C.bytes], counters.coerced[C.bytes], counters.unparseable[C.bytes]]).toEqual([2, 1, 1]);
    expect(counters.nulls[C.packets]).toBe(1);
    expect(counters.coerced[C.dst_port]).toBe(1);
    expect(counters.coerced[C.proto]).toBe(1);
    expect([counters.coerced[C.src_ip], counters.unparseable[C.src_ip]]).toEqual([1, 2]);
    expect(counters.nulls[C.category]).toBe(1);
  });

  it('keeps the original timestamp text next to the epoch', () => {
    const counters = newCounters();
    const row = newRow();
    expect(cleanCell(C.ts, '2017-03-15 00:01:16.632', counters, UTC, row)).toBe(1489536076632);
    expect(row[C.ts_text]).toBe('2017-03-15 00:01:16.632');
    expect(cleanCell(C.ts, 'yesterday', counters, UTC, row)).toBeNull();
    expect(row[C.ts_text]).toBe('yesterday');
    expect(counters.unparseable[C.ts]).toBe(1);
  });
});

describe('timestamps', () => {
  it('CLF with offsets', () => {
    expect(parseTimestamp('10/Oct/2000:13:55:36 -0700', UTC)).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    expect(parseTimestamp('[22/Jan/2019:03:56:14 +0330]', UTC)).toBe(Date.UTC(2019, 0, 22, 0, 26, 14));
    expect(parseTimestamp('10/Oct/2000:13:55:36.250 +0000', UTC)).toBe(Date.UTC(2000, 9, 10, 13, 55, 36, 250));
    expect(parseTimestamp('10/Foo/2000:13:55:36 +0000', UTC)).toBeNaN();
  });

  it('ISO 8601 with and without zone', () => {
    expect(parseTimestamp('2024-01-05T10:00:00Z', UTC)).toBe(Date.UTC(2024, 0, 5, 10));
    expect(parseTimestamp('2024-01-05T10:00:00+01:00', UTC)).toBe(Date.UTC(2024, 0, 5, 9));
    expect(parseTimestamp('2024-01-05T10:00:00-0530', UTC)).toBe(Date.UTC(2024, 0, 5, 15, 30));
    expect(parseTimestamp('2024-01-05T10:00:00.123456Z', UTC)).toBe(Date.UTC(2024, 0, 5, 10, 0, 0, 123));
    expect(parseTimestamp('2024-01-05 10:00:00 UTC', UTC)).toBe(Date.UTC(2024, 0, 5, 10));
    expect(parseTimestamp('2024-01-05', UTC)).toBe(Date.UTC(2024, 0, 5));
    expect(parseTimestamp('2024-13-05T10:00:00Z', UTC)).toBeNaN();
    expect(parseTimestamp('2024-01-05T10:00:00+99:00', UTC)).toBeNaN();
  });

  it('zone-less times are read in ctx.tz (CIDDS, W3C), UTC by default', () => {
    expect(parseTimestamp('2017-03-15 00:01:16.632', UTC)).toBe(Date.UTC(2017, 2, 15, 0, 1, 16, 632));
    const berlin = { tz: 'Europe/Berlin', year: null, refTime: null };
    expect(parseTimestamp('2017-03-15 00:01:16.632', berlin)).toBe(Date.UTC(2017, 2, 14, 23, 1, 16, 632)); // CET +1
    expect(parseTimestamp('2017-07-15 12:00:00', berlin)).toBe(Date.UTC(2017, 6, 15, 10)); // CEST +2
    const ny = { tz: 'America/New_York', year: null, refTime: null };
    expect(parseTimestamp('2024-03-10 01:30:00', ny)).toBe(Date.UTC(2024, 2, 10, 6, 30)); // EST, before the jump
    expect(parseTimestamp('2024-03-10 03:30:00', ny)).toBe(Date.UTC(2024, 2, 10, 7, 30)); // EDT, after
    expect(parseTimestamp('2024-01-05T10:00:00Z', ny)).toBe(Date.UTC(2024, 0, 5, 10)); // explicit zone wins
  });

  it('zone offsets from Intl', () => {
    expect(zoneOffsetMs('Asia/Tehran', Date.UTC(2019, 0, 22))).toBe(3.5 * 3_600_000);
    expect(zoneOffsetMs('Asia/Kolkata', Date.UTC(2024, 5, 1))).toBe(5.5 * 3_600_000);
    expect(localToUtc(Date.UTC(2024, 0, 1), null)).toBe(Date.UTC(2024, 0, 1));
    expect(() => validateTimeZone('Mars/Olympus')).toThrow(LoupeError);
  });

  it('syslog: year from context, New Year rollover against refTime', () => {
    expect(parseTimestamp('Mar  5 06:25:01', { tz: null, year: 2024, refTime: null })).toBe(Date.UTC(2024, 2, 5, 6, 25, 1));
    expect(parseTimestamp('Mar 27 13:06:56', { tz: null, year: 2017, refTime: null })).toBe(Date.UTC(2017, 2, 27, 13, 6, 56));
    // file modified 2 Jan 2025: a December line belongs to 2024
    const ref = Date.UTC(2025, 0, 2, 12);
    expect(parseTimestamp('Dec 31 23:59:59', { tz: null, year: 2025, refTime: ref })).toBe(Date.UTC(2024, 11, 31, 23, 59, 59));
    expect(parseTimestamp('Jan  2 08:00:00', { tz: null, year: 2025, refTime: ref })).toBe(Date.UTC(2025, 0, 2, 8));
    expect(parseTimestamp('Mar  5 06:25:01', { tz: 'Asia/Tehran', year: 2024, refTime: null })).toBe(Date.UTC(2024, 2, 5, 2, 55, 1));
    expect(parseTimestamp('Foo  5 06:25:01', UTC)).toBeNaN();
    expect(parseTimestamp('Mar 45 06:25:01', UTC)).toBeNaN();
  });

  it('month names with the year after the clock (ctime, date) or before it (RFC 1123)', () => {
    // Zscaler NSS, OpenVPN and vsftpd write ctime; `date` puts its zone before the year
    expect(parseTimestamp('Mon Nov 30 10:01:02 2026', UTC)).toBe(Date.UTC(2026, 10, 30, 10, 1, 2));
    expect(parseTimestamp('Fri Jan  5 10:00:01 2024', UTC)).toBe(Date.UTC(2024, 0, 5, 10, 0, 1));
    expect(parseTimestamp('Mon Nov 30 10:01:02 2026', { tz: 'Europe/Berlin', year: null, refTime: null })).toBe(Date.UTC(2026, 10, 30, 9, 1, 2));
    expect(parseTimestamp('Mon Nov 30 10:01:02 UTC 2026', { tz: 'Europe/Berlin', year: null, refTime: null })).toBe(Date.UTC(2026, 10, 30, 10, 1, 2));
    expect(parseTimestamp('Mon Nov 30 10:01:02 EST 2026', UTC)).toBe(Date.UTC(2026, 10, 30, 15, 1, 2));
    expect(parseTimestamp('Mon, 30 Nov 2026 10:01:02 GMT', UTC)).toBe(Date.UTC(2026, 10, 30, 10, 1, 2));
    expect(parseTimestamp('30 Nov 2026 10:01:02 +0100', UTC)).toBe(Date.UTC(2026, 10, 30, 9, 1, 2));
    expect(parseTimestamp('Monday, 30-Nov-2026 10:01:02 GMT', UTC)).toBe(Date.UTC(2026, 10, 30, 10, 1, 2));
    // an abbreviation that names two zones is no time, not a guess; nor are a bad day or month
    expect(parseTimestamp('Mon Nov 30 10:01:02 IST 2026', UTC)).toBeNaN();
    expect(parseTimestamp('Mon Nov 30 10:01:02 CST 2026', UTC)).toBeNaN();
    expect(parseTimestamp('Mon Nov 30 10:01:02 CDT 2026', UTC)).toBe(Date.UTC(2026, 10, 30, 15, 1, 2));
    expect(parseTimestamp('Mon Nov 31 10:01:02 2026', UTC)).toBeNaN();
    expect(parseTimestamp('30 Foo 2026 10:01:02 GMT', UTC)).toBeNaN();
    expect(parseTimestamp('Monday morning', UTC)).toBeNaN();
  });

  it('slash dates in the stated order', () => {
    expect(parseTimestamp('7/3/2017 8:55', UTC)).toBe(Date.UTC(2017, 6, 3, 8, 55));
    expect(parseTimestamp('7/3/2017 8:55', { ...UTC, dateOrder: 'dmy' })).toBe(Date.UTC(2017, 2, 7, 8, 55));
    expect(parseTimestamp('12/31/2023 11:59:59 PM', UTC)).toBe(Date.UTC(2023, 11, 31, 23, 59, 59));
    expect(parseTimestamp('12/31/2023 12:00:00 AM', UTC)).toBe(Date.UTC(2023, 11, 31, 0));
    // a slash at index 4 is not yyyy/mm/dd unless four digits lead
    expect(parseTimestamp('3/10/2024 6:00:00 AM', UTC)).toBe(Date.UTC(2024, 2, 10, 6));
    expect(parseTimestamp('12/5/2024 1:02:03 PM', UTC)).toBe(Date.UTC(2024, 11, 5, 13, 2, 3));
    expect(parseTimestamp('2024/12/05 13:02:03', UTC)).toBe(Date.UTC(2024, 11, 5, 13, 2, 3));
    // days a month does not have are no date (Date.UTC would roll them into the next month)
    for (const bad of ['2023-02-29 10:00:00', '2024-02-30', '2024-04-31T10:00:00Z', '2/30/2024 10:00', '31.06.2024', '31/Apr/2024:10:00:00 +0000']) expect(parseTimestamp(bad, UTC), bad).toBeNaN();
    expect(parseTimestamp('2024-02-29 10:00:00', UTC)).toBe(Date.UTC(2024, 1, 29, 10));
    // a year-less Feb 29 belongs to a leap year: the latest one up to the stated year
    expect(parseTimestamp('Feb 29 10:00:00', { ...UTC, year: 2026 })).toBe(Date.UTC(2024, 1, 29, 10));
    expect(parseTimestamp('31/12/2023', UTC)).toBeNaN(); // month 31 under month-first
    expect(parseTimestamp('13/31/2023 1:00 PM', { ...UTC, dateOrder: 'dmy' })).toBeNaN();
  });

  it('month-day-year text (CEF rt, Java exports)', () => {
    expect(parseTimestamp('Jan 05 2024 10:00:06', UTC)).toBe(Date.UTC(2024, 0, 5, 10, 0, 6));
    expect(parseTimestamp('Jan 05 2024 10:00:06 GMT', UTC)).toBe(Date.UTC(2024, 0, 5, 10, 0, 6));
    expect(parseTimestamp('Jan 05 2024 10:00:06.5 +0100', UTC)).toBe(Date.UTC(2024, 0, 5, 9, 0, 6, 500));
  });

  it('epoch seconds with fraction (Zeek, VPC), and ms', () => {
    expect(parseTimestamp('1331901000.280000', UTC)).toBe(1331901000280);
    expect(parseTimestamp('1418530010', UTC)).toBe(1418530010000);
    expect(parseTimestamp('1704448800123', UTC)).toBe(1704448800123);
  });

  it('epochs are read by magnitude only within 1990..2100; outside it they are no time', () => {
    expect(parseTimestamp('1331901000280000', UTC)).toBe(1331901000280); // µs (Suricata, pcap tools)
    expect(parseTimestamp('1331901000280000000', UTC)).toBe(1331901000280); // ns (Go, journald)
    // read as ms, the year 5138; as seconds, the year 5138 too (1e11 s); beyond 2100 in any unit
    for (const absurd of ['99999999999999', '99999999999', '5000000000', '1e15', '1.71456E+09', '0', '86400', '0.000123', '631151999', '-1700000000', '1e400'])
      expect(parseTimestamp(absurd, UTC), absurd).toBeNaN();
    expect(parseTimestamp('631152000', UTC)).toBe(Date.UTC(1990, 0, 1));
    expect(parseTimestamp('4102444799', UTC)).toBe(Date.UTC(2099, 11, 31, 23, 59, 59));
  });

  it('an absurd epoch is counted unparseable, its text kept', () => {
    const counters = newCounters();
    const row = newRow();
    expect(cleanCell(C.ts, '99999999999999', counters, UTC, row)).toBeNull();
    expect([row[C.ts_text], counters.unparseable[C.ts]]).toEqual(['99999999999999', 1]);
  });

  it('W3C date time (joined) is UTC', () => {
    expect(parseTimestamp('2024-01-05 10:00:01', UTC)).toBe(Date.UTC(2024, 0, 5, 10, 0, 1));
  });

  it('garbage is NaN, never a throw', () => {
    for (const g of ['', 'now', '\u0000\u0001', '99/99/9999', 'x'.repeat(10_000), '2024-01-05T', '[', '-1']) expect(parseTimestamp(g, UTC)).toBeNaN();
  });
});
