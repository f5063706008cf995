// Detection from content only, the registry contract (--format, --map), spec validation
// (broken specs are fixtures) and the cleaning report shape.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FORMATS, SKIP, applyMappingOverride, countersToReport, detectFormat, getFormat, newCounters, rankFormats, resolveLayout, validateSpec, C, type FormatSpec } from '../../../src/core/formats/index';
import { LoupeError } from '../../../src/core/errors';
import { FIXTURES, HOSTILE, SHARED_DATA, parseText } from './helpers';

const head = (file: string): string[] => readFileSync(file, 'utf8').split('\n').slice(0, 200).map((l) => l.replace(/\r$/, ''));

function expectLoupeError(f: () => unknown, code: string, ...fragments: string[]): LoupeError {
  let err: unknown = null;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(LoupeError);
  const le = err as LoupeError;
  expect(le.code).toBe(code);
  for (const fr of fragments) expect(le.message).toContain(fr);
  expect(le.message).not.toContain('\n');
  return le;
}

describe('detectFormat', () => {
  const expected: Record<string, string> = {
    'combined.log': 'combined', 'common.log': 'common', 'cidds.csv': 'cidds', 'web.csv': 'csv', 'firewall.tsv': 'tsv', 'proxy.csv': 'csv',
    'seed_stream.jsonl': 'jsonl', 'ecs.jsonl': 'jsonl', 'auth.log': 'syslog', 'iis.log': 'w3c', 'conn.log': 'zeek', 'http.log': 'zeek',
    'vpc.log': 'vpc', 'vpc_custom.log': 'vpc', 'fortigate.log': 'kv', 'datetime.csv': 'csv', 'cef.log': 'kv', 'access_variants.log': 'combined', 'suricata_eve.jsonl': 'jsonl', 'unsw.csv': 'csv', 'cicids.csv': 'csv', 'alb.log': 'elb', 'elb_classic.log': 'elb',
  };
  for (const [file, format] of Object.entries(expected)) {
    it(`detects ${file} as ${format}`, () => {
      expect(detectFormat(head(path.join(FIXTURES, file))).layout.format).toBe(format);
    });
  }

  it.skipIf(!existsSync(SHARED_DATA))('detects the real sample logs', () => {
    expect(detectFormat(head(path.join(SHARED_DATA, 'apache_access.log'))).layout.format).toBe('combined');
    expect(detectFormat(head(path.join(SHARED_DATA, 'shop_access.log'))).layout.format).toBe('combined');
    expect(detectFormat(head(path.join(SHARED_DATA, 'auth.log'))).layout.format).toBe('syslog');
  });

  it('combined lines whose referrer and agent are all "-" are still combined', () => {
    const lines = Array.from({ length: 5 }, (_, i) => `10.0.0.${i} - - [10/Oct/2023:13:55:3${i} +0000] "GET /health HTTP/1.1" 200 2 "-" "-"`);
    expect(detectFormat(lines).layout.format).toBe('combined');
    expect(detectFormat(lines.map((l) => l.replace(' "-" "-"', ''))).layout.format).toBe('common');
  });

  it('prefers the most specific spec: CIDDS over generic CSV', () => {
    const ranked = rankFormats(head(path.join(FIXTURES, 'cidds.csv'))).map((r) => r.name);
    expect(ranked[0]).toBe('cidds');
    expect(ranked).toContain('csv');
  });

  it('ignores the file name: a CSV body is a CSV whatever it is called', () => {
    const lines = head(path.join(FIXTURES, 'web.csv'));
    expect(detectFormat(lines).layout.format).toBe('csv');
  });

  it('binary input: clear unmappable error, no throw of anything else', () => {
    const bin = readFileSync(path.join(HOSTILE, 'binary.bin'), 'latin1').split('\n');
    expectLoupeError(() => detectFormat(bin), 'unmappable_layout', 'binary', '--format', '--map');
  });

  it('empty input: clear unmappable error', () => {
    expectLoupeError(() => detectFormat([]), 'unmappable_layout', 'no text lines');
    expectLoupeError(() => detectFormat(['', '  ']), 'unmappable_layout');
  });

  it('prose: shows the first line cut to 120 characters and lists roles', () => {
    const e = expectLoupeError(() => detectFormat(head(path.join(FIXTURES, 'notes.txt'))), 'unmappable_layout', '"Meeting notes"', 'src_ip', 'combined');
    const long = 'z'.repeat(500);
    const e2 = expectLoupeError(() => detectFormat([long, long]), 'unmappable_layout');
    expect(e2.message).toContain(`${'z'.repeat(120)}…`);
    expect(e2.message).not.toContain('z'.repeat(121));
    expect(e.message.length).toBeLessThan(1000);
  });

  it('a header with no known column: says which fields it saw', () => {
    expectLoupeError(() => detectFormat(head(path.join(FIXTURES, 'unknown_header.csv'))), 'unmappable_layout', '"alpha", "beta", "gamma"', '--map role=column');
  });

  it('escapes bidi overrides and control characters in the message', () => {
    const e = expectLoupeError(() => detectFormat(['hello \u202e dlrow', 'more prose here']), 'unmappable_layout');
    expect(e.message).not.toContain('\u202e');
    expect(e.message).toContain('\\u202e');
  });

  it('never throws anything but LoupeError on random bytes', () => {
    let seed = 7;
    for (let k = 0; k < 200; k++) {
      const len = 1 + (k * 37) % 300;
      let s = '';
      for (let i = 0; i < len; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += String.fromCharCode(seed % 256);
      }
      try {
        detectFormat(s.split('\n'));
      } catch (e) {
        expect(e).toBeInstanceOf(LoupeError);
      }
    }
  });
});

describe('getFormat, resolveLayout and --map', () => {
  it('getFormat lists the valid names on a typo', () => {
    expect(getFormat('zeek').name).toBe('zeek');
    expectLoupeError(() => getFormat('apache'), 'usage', 'combined', 'cidds', 'vpc');
  });

  it('--map makes an unknown header usable and validates roles and columns', () => {
    const lines = head(path.join(FIXTURES, 'unknown_header.csv'));
    const r = resolveLayout(lines, { map: { src_ip: 'alpha', message: 'gamma' } });
    expect(r.layout.format).toBe('csv');
    expect(r.layout.mapping).toEqual({ src_ip: 'alpha', message: 'gamma' });
    expectLoupeError(() => resolveLayout(lines, { map: { sourceip: 'alpha' } }), 'usage', 'unknown role "sourceip"', 'src_ip');
    expectLoupeError(() => resolveLayout(lines, { map: { src_ip: 'delta' } }), 'usage', 'no column "delta"', '"alpha"');
    expectLoupeError(() => resolveLayout(lines, { map: { message: 'gamma' } }), 'unmappable_layout', 'ts, src_ip or dst_ip');
  });

  it('--map overrides a detected role and moves the column', () => {
    const lines = head(path.join(FIXTURES, 'web.csv'));
    const det = detectFormat(lines);
    expect(det.layout.mapping.src_ip).toBe('ip');
    const layout = applyMappingOverride(det.layout, { dst_ip: 'ip', category: '' });
    expect(layout.mapping.dst_ip).toBe('ip');
    expect(layout.mapping.src_ip).toBeUndefined();
    expect(layout.mapping.category).toBeUndefined();
    const parsed = parseText(readFileSync(path.join(FIXTURES, 'web.csv'), 'utf8'), { map: { dst_ip: 'ip', category: '' } });
    expect(parsed.rows[0].dst_ip).toBe('54.36.149.86');
    expect(parsed.rows[0].src_ip).toBeNull();
    expect(JSON.parse(String(parsed.rows[0].extra))).toEqual({ category: 'not anomalous' });
  });

  it('a headerless table is refused until --map names its columns', () => {
    const text = readFileSync(path.join(FIXTURES, 'headerless.csv'), 'utf8');
    expectLoupeError(() => detectFormat(head(path.join(FIXTURES, 'headerless.csv'))), 'unmappable_layout', 'without a header row', 'col1..col4');
    const p = parseText(text, { map: { src_ip: 'col1', ts: 'col2', dst_port: 'col3', proto: 'col4' } });
    expect(p.records).toBe(2);
    expect(p.rows.map((r) => [r.src_ip, r.ts, r.dst_port, r.proto])).toEqual([
      ['10.0.0.1', Date.UTC(2024, 0, 5, 10), 443, 'TCP'],
      ['10.0.0.2', Date.UTC(2024, 0, 5, 10, 0, 1), 22, 'TCP'],
    ]);
  });

  it('a headerless export whose first record has a ctime date, accounts and addresses is not read as a header', () => {
    // a Zscaler NSS web feed: 17 fields, most of them words (categories, verdicts); before, its first record became the header and was lost
    const file = path.join(FIXTURES, 'headerless-ctime.csv');
    const err = expectLoupeError(() => detectFormat(head(file)), 'unmappable_layout', 'without a header row', 'col1..col17');
    // the example mapping is read from the values: the ctime column, then the two address columns
    expect(err.message).toContain('--map ts=col1 --map src_ip=col11 --map dst_ip=col12');
    const p = parseText(readFileSync(file, 'utf8'), { map: { ts: 'col1', src_ip: 'col11', dst_ip: 'col12', user: 'col2' } });
    expect(p.records).toBe(2);
    expect(p.rows.map((r) => [r.ts, r.src_ip, r.dst_ip, r.user])).toEqual([
      [Date.UTC(2026, 10, 30, 10, 1, 2), '10.1.1.5', '198.51.100.10', 'alice@example.com'],
      [Date.UTC(2026, 10, 30, 10, 1, 3), '10.1.1.6', '203.0.113.13', 'bob@example.com'],
    ]);
  });

  it("tab-separated key=value records (Zscaler NSS's Splunk feed): values with spaces, plain or behind a syslog header", () => {
    const rec = (t: string, client: string, server: string, status: string, ua: string): string =>
      [`datetime=Mon Nov 30 ${t} 2026`, 'reason=Allowed', 'protocol=HTTPS', 'action=Blocked', 'responsesize=5678', 'urlcategory=Professional Services', `serverip=${server}`, 'requestmethod=GET', `useragent=${ua}`, `ClientIP=${client}`, `status=${status}`, 'user=alice@example.com', 'hostname=www.example.com'].join('\t');
    const lines = [rec('10:01:02', '10.1.1.5', '198.51.100.10', '200', 'Mozilla/5.0 (Windows NT 10.0)'), rec('10:01:03', '10.1.1.6', '203.0.113.13', '403', '<script>alert(1)</script>')];
    for (const text of [lines.join('\n'), lines.map((l) => `Nov 30 10:01:02 nss1 zscaler-nss: ${l}`).join('\n')]) {
      const p = parseText(`${text}\n`);
      expect(p.detected.layout.format).toBe('kv');
      expect(p.records).toBe(2);
      expect(p.rows.map((r) => [r.ts, r.src_ip, r.dst_ip, r.status, r.user_agent, r.user, r.action])).toEqual([
        [Date.UTC(2026, 10, 30, 10, 1, 2), '10.1.1.5', '198.51.100.10', 200, 'Mozilla/5.0 (Windows NT 10.0)', 'alice@example.com', 'reject'],
        [Date.UTC(2026, 10, 30, 10, 1, 3), '10.1.1.6', '203.0.113.13', 403, '<script>alert(1)</script>', 'alice@example.com', 'reject'],
      ]);
      expect(JSON.parse(String(p.rows[0]!.extra)).urlcategory).toBe('Professional Services');
    }
  });

  it('a GuardDuty finding is timed when the activity began; the time it was written is kept', () => {
    const f = { schemaVersion: '2.0', accountId: '123456789012', region: 'eu-west-1', id: 'f1', type: 'Recon:EC2/PortProbeUnprotectedPort', severity: 2, title: 'Unprotected port on EC2 instance i-1 is being probed.', resource: { resourceType: 'Instance', instanceDetails: { instanceId: 'i-1' } }, service: { serviceName: 'guardduty', action: { actionType: 'PORT_PROBE', portProbeAction: { portProbeDetails: [{ localPortDetails: { port: 3389 }, remoteIpDetails: { ipAddressV4: '203.0.113.99' } }] } }, count: 3, eventFirstSeen: '2026-11-30T09:00:00.000Z' }, createdAt: '2026-11-30T09:05:00.000Z' };
    const p = parseText(`${JSON.stringify(f)}\n`);
    const r = p.rows[0]!;
    expect([r.ts, r.src_ip, r.dst_port, r.host]).toEqual([Date.UTC(2026, 10, 30, 9), '203.0.113.99', 3389, 'i-1']);
    const extra = JSON.parse(String(r.extra)) as Record<string, string>;
    expect(extra).toMatchObject({ finding_time: '2026-11-30T09:05:00.000Z', sigma_rule: 'Recon:EC2/PortProbeUnprotectedPort', sigma_level: 'low', sigma_tool: 'GuardDuty' });
  });

  it('a JSON document (not JSON lines) is not a line format: the hint names the ingest path that reads it', () => {
    expectLoupeError(() => detectFormat(head(path.join(FIXTURES, 'array.json'))), 'unmappable_layout', 'JSON lines', '--format auto');
  });

  it('--map on a fixed-field format is a usage error', () => {
    expectLoupeError(() => resolveLayout(head(path.join(FIXTURES, 'combined.log')), { map: { src_ip: 'x' } }), 'usage', 'fixed');
  });

  it('--format forces a spec; a body that is not that format is refused clearly', () => {
    const r = resolveLayout(head(path.join(FIXTURES, 'web.csv')), { format: 'csv' });
    expect(r.layout.format).toBe('csv');
    expectLoupeError(() => resolveLayout(head(path.join(FIXTURES, 'notes.txt')), { format: 'zeek' }), 'unmappable_layout', 'does not read as zeek');
    // forcing a line format on a file detection is unsure about still parses, quarantining what is not that format
    const forced = parseText('not a log\n127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1\n', { format: 'common' });
    expect(forced.rows).toHaveLength(1);
    expect(forced.quarantined).toHaveLength(1);
  });
});

describe('specs', () => {
  it('every built-in spec validates its samples and has a unique name', () => {
    const names = FORMATS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of FORMATS) expect(() => validateSpec(spec)).not.toThrow();
    expect(names).toEqual(expect.arrayContaining(['combined', 'common', 'csv', 'tsv', 'cidds', 'jsonl', 'kv', 'syslog', 'w3c', 'zeek', 'vpc', 'elb']));
  });

  it('every spec sample record parses to a non-empty row', () => {
    for (const spec of FORMATS) {
      const det = spec.detect(spec.samples);
      expect(det, spec.name).not.toBeNull();
      const parser = spec.createParser({ tz: null, year: 2024, refTime: null, layout: det!.layout });
      let records = 0;
      spec.samples.forEach((s, i) => {
        if (i + 1 < det!.layout.firstRecordLine) return;
        const row = new Array(40).fill(null);
        const r = parser.parse(s, row, newCounters());
        if (r === SKIP) return;
        expect(r, `${spec.name} sample ${i + 1}`).toBeNull();
        expect(row[C.ts], `${spec.name} sample ${i + 1} has a time`).not.toBeNull();
        records++;
      });
      expect(records).toBeGreaterThan(0);
    }
  });

  const good = getFormat('common');
  const broken: [string, FormatSpec][] = [
    ['a sample that does not parse', { ...good, name: 'broken-sample', samples: [...good.samples, '127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" abc 1'] }],
    ['samples it does not detect', { ...good, name: 'broken-detect', detect: () => null }],
    ['no samples', { ...good, name: 'broken-empty', samples: [] }],
    ['a bad name', { ...good, name: 'Bad Name' }],
  ];
  for (const [what, spec] of broken) {
    it(`a spec with ${what} is refused, naming the spec`, () => {
      expect(() => validateSpec(spec)).toThrow(`"${spec.name}"`);
    });
  }
});

describe('countersToReport', () => {
  it('lists only columns with non-zero counts, and copies reasons and notes', () => {
    const c = newCounters();
    c.nulls[C.bytes] = 3;
    c.coerced[C.proto] = 2;
    c.unparseable[C.ts] = 1;
    const reasons = { 'expected 16 fields, found 12': 4 };
    const rep = countersToReport(c, reasons, ['timezone assumed UTC']);
    expect(rep).toEqual({
      columns: { ts: { null: 0, coerced: 0, unparseable: 1 }, proto: { null: 0, coerced: 2, unparseable: 0 }, bytes: { null: 3, coerced: 0, unparseable: 0 } },
      quarantineReasons: { 'expected 16 fields, found 12': 4 },
      notes: ['timezone assumed UTC'],
    });
    reasons['expected 16 fields, found 12'] = 9;
    expect(rep.quarantineReasons['expected 16 fields, found 12']).toBe(4);
  });
});
