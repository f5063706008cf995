// The ingest engine end to end: every record accounted for on real logs and the hostile corpus,
// gzip (plain, multi-member, truncated, bomb), duplicates, cancellation, raw-line recovery.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { LoupeError } from '../../../src/core/errors';
import { getRawLine, ingestFiles, listQuarantine, readCaseInfo } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { EVENT_INDEXES } from '../../../src/core/store/migrations';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import { describeZone } from '../../../src/shared/format';
import { gzipBomb, multiMemberGzip, truncatedGzip, utf8SplitAtBoundary } from '../../fixtures/hostile/make';
import { DATA, HOSTILE, ROOT, accessLog, cleanTmp, countCase, nonBlankLines, tmpDir } from './helpers';

afterEach(cleanTmp);

const ingest = (caseFile: string, files: string[], extra: Partial<Parameters<typeof ingestFiles>[0]> = {}, hooks = {}) =>
  ingestFiles({ caseFile, files, threads: 2, ...extra }, hooks);

function expectBalanced(caseFile: string): void {
  for (const c of countCase(caseFile)) {
    expect(c.records).toBe(c.events + c.quarantined);
    expect(c.eventRows).toBe(c.events);
    expect(c.quarantineRows).toBe(c.quarantined);
  }
}

describe('ingestFiles on the real sample logs', () => {
  it('accounts for every line of each file and merges them into one case', async () => {
    const dir = tmpDir();
    const caseFile = path.join(dir, 'c.loupe');
    const files = ['apache_access.log', 'auth.log', 'shop_access.log'].map((f) => path.join(DATA, f));
    const { sources } = await ingest(caseFile, files);
    expect(sources.map((s) => s.format)).toEqual(['combined', 'syslog', 'combined']);
    for (const [i, s] of sources.entries()) {
      expect(s.records).toBe(nonBlankLines(files[i]!));
      expect(s.records).toBe(s.events + s.quarantined);
      expect(s.status).toBe('complete');
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // the syslog source states the year it assumed, and where it came from
    expect(sources[1]!.yearSource).toBe('mtime');
    expect(sources[1]!.cleaning.notes.join(' ')).toMatch(/no year/);
    expect(sources[0]!.timezoneSource).toBe('log');
    expectBalanced(caseFile);
    const info = readCaseInfo(caseFile);
    expect(info.totals.records).toBe(10000 + 7121 + 1000);
    expect(info.warnings).toEqual([]);
    const db = openCase(caseFile, { readonly: true });
    const idx = db.prepare("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='events'").all() as { name: string }[];
    expect(idx.map((r) => r.name)).toContain('events_src');
    // the original line comes back byte for byte from the hashed source
    const ev = db.prepare('SELECT id, line_no FROM events WHERE source_id = 3 ORDER BY line_no LIMIT 1 OFFSET 41').get() as { id: number; line_no: number };
    const line = fs.readFileSync(path.join(DATA, 'shop_access.log')).toString('utf8').split('\n')[ev.line_no - 1]!;
    expect(getRawLine(db, ev.id)!.toString('utf8')).toBe(line);
    db.close();
  });

  it('refuses a file already in the case unless forced', async () => {
    const dir = tmpDir();
    const caseFile = path.join(dir, 'c.loupe');
    const copy = path.join(dir, 'copy.log');
    fs.copyFileSync(path.join(DATA, 'shop_access.log'), copy);
    await ingest(caseFile, [path.join(DATA, 'shop_access.log')]);
    const err = await ingest(caseFile, [copy]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoupeError);
    expect((err as LoupeError).code).toBe('duplicate_source');
    expect((err as LoupeError).message).toMatch(/--force/);
    expect(countCase(caseFile)).toHaveLength(1);
    const { sources } = await ingest(caseFile, [copy], { force: true });
    expect(sources[0]!.records).toBe(1000);
    expect(countCase(caseFile)).toHaveLength(2);
  });

  it('reads source files that are read-only', async () => {
    const dir = tmpDir();
    const ro = path.join(dir, 'ro.log');
    fs.copyFileSync(path.join(DATA, 'shop_access.log'), ro);
    fs.chmodSync(ro, 0o444);
    const { sources } = await ingest(path.join(dir, 'c.loupe'), [ro]);
    expect(sources[0]!.events).toBe(1000);
    expect((fs.statSync(ro).mode & 0o777).toString(8)).toBe('444');
  });
});

describe('hostile corpus', () => {
  const files = fs.readdirSync(HOSTILE).filter((f) => f !== 'README.md' && f !== 'make.ts');

  it.each(files)('%s: every record is an event or quarantined, or the layout is refused with a reason', async (name) => {
    const dir = tmpDir();
    const caseFile = path.join(dir, 'c.loupe');
    const file = path.join(HOSTILE, name);
    let result;
    try {
      result = await ingest(caseFile, [file]);
    } catch (e) {
      // only a layout nobody can map may be refused, and it must say what to pass
      expect(e).toBeInstanceOf(LoupeError);
      expect((e as LoupeError).code).toBe('unmappable_layout');
      expect((e as LoupeError).message).toMatch(/--format|--map/);
      return;
    }
    const s = result.sources[0]!;
    expect(s.records).toBe(s.events + s.quarantined);
    if (name === 'empty.log') expect(s.records).toBe(0);
    expectBalanced(caseFile);
    const db = openCase(caseFile, { readonly: true });
    if (name === 'invalid_utf8.log') {
      // bytes that are not UTF-8 survive exactly in the raw line of the event or in quarantine
      const original = fs.readFileSync(file);
      const bad = Buffer.from([0xff, 0xfe]);
      const evs = db.prepare('SELECT id FROM events').all() as { id: number }[];
      const raws = [...evs.map((e) => getRawLine(db, e.id)!), ...(db.prepare('SELECT raw FROM quarantine').all() as { raw: Buffer }[]).map((r) => r.raw)];
      expect(raws.some((r) => r.includes(bad))).toBe(true);
      for (const r of raws) expect(original.includes(r)).toBe(true);
    }
    if (name === 'no_final_newline.log') expect(s.records).toBe(nonBlankLines(file));
    db.close();
  });
});

describe('gzip', () => {
  it('reads a gzip file by its magic bytes and hashes the compressed bytes', async () => {
    const dir = tmpDir();
    const gz = path.join(dir, 'access.bin');
    const raw = fs.readFileSync(path.join(DATA, 'apache_access.log'));
    fs.writeFileSync(gz, gzipSync(raw));
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingest(caseFile, [gz]);
    expect(sources[0]!.gzip).toBe(true);
    expect(sources[0]!.records).toBe(10000);
    const sha = (await import('node:crypto')).createHash('sha256').update(fs.readFileSync(gz)).digest('hex');
    expect(sources[0]!.sha256).toBe(sha);
    const db = openCase(caseFile, { readonly: true });
    const ev = db.prepare('SELECT id, line_no FROM events WHERE line_no = 9000').get() as { id: number; line_no: number };
    expect(getRawLine(db, ev.id)!.toString()).toBe(raw.toString().split('\n')[8999]);
    db.close();
  });

  it('reads every member of a multi-member gzip', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'mm.log.gz');
    fs.writeFileSync(f, multiMemberGzip().data);
    const { sources } = await ingest(path.join(dir, 'c.loupe'), [f]);
    expect(sources[0]!.events).toBe(2);
  });

  it('keeps what a truncated gzip decoded, marks the source partial and says where it broke', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 't.log.gz');
    const t = truncatedGzip();
    fs.writeFileSync(f, t.data);
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingest(caseFile, [f]);
    const s = sources[0]!;
    expect(s.status).toBe('partial');
    expect(s.statusDetail).toMatch(/compressed byte \d+/);
    expect(s.events).toBeGreaterThan(100);
    expect(s.events).toBeLessThan(2000);
    expect(s.records).toBe(s.events + s.quarantined);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    expectBalanced(caseFile);
  });

  it('refuses a gzip bomb at the decompression cap with a clear error and marks the source failed', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'bomb.log.gz');
    // a plausible head (so detection passes) followed by members that inflate to 256 MiB of zeros
    fs.writeFileSync(f, Buffer.concat([gzipSync(accessLog(20)), gzipBomb(256 * 1024 ** 2)]));
    const caseFile = path.join(dir, 'c.loupe');
    const err = await ingest(caseFile, [f], { maxDecompressedBytes: 16 * 1024 ** 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoupeError);
    expect((err as LoupeError).code).toBe('gzip_bomb');
    expect((err as LoupeError).message).toMatch(/decompression cap/);
    const [c] = countCase(caseFile);
    expect(c!.status).toBe('failed');
    expect(c!.records).toBe(c!.events + c!.quarantined);
    expect(c!.eventRows + c!.quarantineRows).toBe(c!.records);
  });
});

describe('year-less logs', () => {
  it('--year is the year the log starts in: January after December is the next year', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'auth.log');
    fs.writeFileSync(f, 'Dec 31 23:59:58 host sshd[1]: Failed password for root from 203.0.113.1 port 1 ssh2\nJan  1 00:00:01 host sshd[2]: Failed password for root from 203.0.113.1 port 2 ssh2\n');
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingest(caseFile, [f], { year: 2023 });
    expect(sources[0]!.year).toBe(2023);
    expect(sources[0]!.cleaning.notes.join(' ')).toMatch(/2023 was used \(--year\); records dated earlier in the year than the first one \(12-31\) were put in 2024/);
    const db = openCase(caseFile, { readonly: true });
    expect(db.prepare('SELECT ts FROM events ORDER BY line_no').pluck().all()).toEqual([Date.UTC(2023, 11, 31, 23, 59, 58), Date.UTC(2024, 0, 1, 0, 0, 1)]);
    db.close();
  });
});

describe('time zone notes', () => {
  it('a CSV whose records span lines (Event Viewer messages) still says its times were read as UTC', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'ev.csv');
    const row = (t: string): string => `Audit Failure,3/10/2024 ${t} AM,Microsoft-Windows-Security-Auditing,4625,Logon,"An account failed to log on.\r\n\r\nSource Network Address:\t203.0.113.44"\r\n`;
    fs.writeFileSync(f, 'Keywords,Date and Time,Source,Event ID,Task Category\r\n' + row('6:00:00') + row('6:00:01'));
    const { sources } = await ingest(path.join(dir, 'c.loupe'), [f]);
    expect(sources[0]!.records).toBe(2);
    expect(sources[0]!.cleaning.notes).toContain('timestamps carry no time zone: read as UTC (pass --tz <zone> to change)');
  });

  it('a text log whose lines mostly carry an offset says how many did and what was assumed for the rest', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'app.log');
    const lines = Array.from({ length: 8 }, (_, i) => `2024-01-05 10:00:0${i},123+0100 [main] INFO  com.example.App - request from 203.0.113.${i + 1} ok`);
    lines.splice(3, 0, '2024-01-05 09:00:30,000 [worker-1] WARN  com.example.Pool - worker restarted');
    fs.writeFileSync(f, lines.join('\n') + '\n');
    const { sources } = await ingest(path.join(dir, 'c.loupe'), [f]);
    expect(sources[0]!.format).toBe('text');
    const notes = sources[0]!.cleaning.notes;
    expect(notes).toContain('8 of the first 9 timestamps carry their own time zone (kept as written); the other 1 carry none: read as UTC (pass --tz <zone> to change)');
    expect(notes.join(' ')).not.toContain('timestamps carry no time zone');
    // the source says so too (the CLI, the cleaning report and the PDF read it): not "the log gives no zone"
    expect([sources[0]!.timezone, sources[0]!.timezoneSource]).toEqual(['UTC', 'mixed']);
    expect(describeZone(sources[0]!)).toBe('offsets written in the records that carry one; the others read as UTC (assumed: they carry no zone)');
    const withTz = await ingest(path.join(dir, 'd.loupe'), [f], { tz: 'Europe/Berlin' });
    expect(withTz.sources[0]!.cleaning.notes).toContain('8 of the first 9 timestamps carry their own time zone (kept as written); the other 1 carry none: read in Europe/Berlin (--tz)');
    expect(describeZone(withTz.sources[0]!)).toBe('Europe/Berlin (set by the analyst, --tz) for records without their own offset');
    const db = openCase(path.join(dir, 'd.loupe'), { readonly: true });
    // the zoned lines keep their offset, the zone-less one is read in the analyst's zone (CET, +1 in January)
    expect(db.prepare('SELECT ts FROM events ORDER BY line_no').pluck().all().slice(2, 5)).toEqual([Date.UTC(2024, 0, 5, 9, 0, 2, 123), Date.UTC(2024, 0, 5, 8, 0, 30), Date.UTC(2024, 0, 5, 9, 0, 3, 123)]);
    db.close();
  });
});

describe('UTF-16 text', () => {
  it('reads UTF-16LE and UTF-16BE files (by their byte order mark) as the same records, lines kept as text', async () => {
    const dir = tmpDir();
    const text = 'ts,src_ip,user\r\n2024-05-01T10:00:00Z,203.0.113.5,Jürgen\r\n2024-05-01T10:00:01Z,198.51.100.7,\u5c71\u7530\r\n';
    const le = path.join(dir, 'le.csv');
    const be = path.join(dir, 'be.csv');
    fs.writeFileSync(le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    fs.writeFileSync(be, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingest(caseFile, [le, be]);
    for (const s of sources) {
      expect([s.format, s.records, s.events, s.quarantined]).toEqual(['csv', 2, 2, 0]);
      expect(s.cleaning.notes.some((n) => /^UTF-16(LE|BE) text/.test(n))).toBe(true);
    }
    const db = openCase(caseFile, { readonly: true });
    const rows = db.prepare('SELECT id, src_ip, user FROM events ORDER BY id').all() as { id: number; src_ip: string; user: string }[];
    expect(rows.map((r) => [r.src_ip, r.user])).toEqual([
      ['203.0.113.5', 'Jürgen'],
      ['198.51.100.7', '\u5c71\u7530'],
      ['203.0.113.5', 'Jürgen'],
      ['198.51.100.7', '\u5c71\u7530'],
    ]);
    expect(getRawLine(db, rows[3]!.id)!.toString('utf8')).toBe('2024-05-01T10:00:01Z,198.51.100.7,\u5c71\u7530');
    db.close();
  });
});

describe('access logs behind a proxy', () => {
  it('says in the cleaning report how many clients came from X-Forwarded-For', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'lb.log');
    const line = (i: number, xff: string): string => `10.0.0.1 - - [10/Mar/2024:06:25:${String(i).padStart(2, '0')} +0000] "GET /p${i} HTTP/1.1" 200 612 "-" "Mozilla/5.0" "${xff}"`;
    // an IPv4-mapped address is cleaned (coerced) too, but came through no proxy
    const mapped = '::ffff:192.0.2.8 - - [10/Mar/2024:06:25:04 +0000] "GET /p4 HTTP/1.1" 200 612 "-" "Mozilla/5.0" "-"';
    fs.writeFileSync(f, [line(1, '203.0.113.7'), line(2, '-'), line(3, '198.51.100.4, 10.0.0.3'), mapped].join('\n') + '\n');
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingest(caseFile, [f]);
    expect(sources[0]!.cleaning.notes.some((n) => n.startsWith('2 requests came through a proxy'))).toBe(true);
    const db = new Database(caseFile, { readonly: true });
    expect(sources[0]!.cleaning.columns.src_ip).toMatchObject({ coerced: 3 });
    expect(db.prepare('SELECT src_ip FROM events ORDER BY line_no').pluck().all()).toEqual(['203.0.113.7', '10.0.0.1', '198.51.100.4', '192.0.2.8']);
    db.close();
  });
});

describe('block boundaries, cancellation, standard input', () => {
  it('keeps a UTF-8 character split across a block boundary whole', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'u.log');
    const { data } = utf8SplitAtBoundary(4096);
    fs.writeFileSync(f, data);
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingest(caseFile, [f], { blockSize: 4096 });
    expect(sources[0]!.records).toBe(nonBlankLines(f));
    expect(sources[0]!.cleaning.notes.join(' ')).not.toMatch(/UTF-8/);
    const db = new Database(caseFile, { readonly: true });
    const row = db.prepare("SELECT path FROM events WHERE path LIKE '/price-%'").get() as { path: string };
    expect(row.path.endsWith('\u20ac')).toBe(true);
    db.close();
  });

  it('ends with every useful event index in place and consistent, whichever were kept up while writing', async () => {
    const dir = tmpDir();
    const caseFile = path.join(dir, 'c.loupe');
    // two files over the same hours: the second's times land inside the first's range of the ts index
    const a = path.join(dir, 'a.log');
    const b = path.join(dir, 'b.log');
    fs.writeFileSync(a, accessLog(20_000));
    fs.writeFileSync(b, accessLog(20_000).replaceAll('10.0.', '10.9.'));
    await ingest(caseFile, [a, b], { blockSize: 64 << 10 });
    const names = (): string[] => {
      const db = new Database(caseFile, { readonly: true });
      const out = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").pluck().all() as string[];
      db.close();
      return out;
    };
    // web logs have no destination address or port: an index over all-NULL columns is not built
    const withValues = EVENT_INDEXES.filter((ix) => !['dst_ip', 'dst_port'].includes(ix.column)).map((ix) => ix.name);
    expect(names().sort()).toEqual(expect.arrayContaining(withValues));
    expect(names()).not.toContain('events_dst');
    expect(names()).not.toContain('events_dport');
    const db = new Database(caseFile, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // the case records which columns hold a value (full scans read only those)
    const holding = ['source_id', 'line_no', 'byte_offset', 'byte_len', ...EVENT_COLUMNS.map((c) => c.name)].filter((c) => db.prepare(`SELECT 1 FROM events WHERE "${c}" IS NOT NULL LIMIT 1`).get() !== undefined);
    expect(JSON.parse(db.prepare("SELECT value FROM meta WHERE key = 'event_columns'").pluck().get() as string)).toEqual(holding.sort());
    // the ts index answers exactly what a scan of the table answers
    const byIndex = db.prepare('SELECT count(*) FROM events INDEXED BY events_ts WHERE ts >= (SELECT ts FROM events WHERE id = 30000)').pluck().get();
    const byScan = db.prepare('SELECT count(*) FROM events NOT INDEXED WHERE ts >= (SELECT ts FROM events WHERE id = 30000)').pluck().get();
    expect(byIndex).toBe(byScan);
    db.close();

    // a flow log added later brings destination ports: their indexes are built then, over every row
    const flows = path.join(dir, 'flows.csv');
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/formats/cidds.csv'), flows);
    await ingest(caseFile, [flows]);
    expect(names()).toEqual(expect.arrayContaining(EVENT_INDEXES.map((ix) => ix.name)));
    const db2 = new Database(caseFile, { readonly: true });
    const q = 'SELECT count(*) FROM events INDEXED BY events_dport WHERE dst_port = (SELECT dst_port FROM events WHERE dst_port IS NOT NULL LIMIT 1)';
    expect(db2.prepare(q).pluck().get()).toBe(db2.prepare(q.replace('INDEXED BY events_dport', 'NOT INDEXED')).pluck().get());
    expect(db2.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(JSON.parse(db2.prepare("SELECT value FROM meta WHERE key = 'event_columns'").pluck().get() as string)).toEqual(expect.arrayContaining(['dst_port', 'dst_ip', 'packets', 'path']));
    db2.close();
  });

  it('cancels through an AbortSignal: the source is marked cancelled, its counts exact, the case opens', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'big.log');
    fs.writeFileSync(f, accessLog(150_000));
    const caseFile = path.join(dir, 'c.loupe');
    const ac = new AbortController();
    const err = await ingest(caseFile, [f], { blockSize: 256 << 10 }, { signal: ac.signal, onProgress: () => ac.abort() }).catch((e: unknown) => e);
    expect((err as LoupeError).code).toBe('cancelled');
    const [c] = countCase(caseFile);
    expect(c!.status).toBe('cancelled');
    expect(c!.records).toBeLessThan(150_000);
    expect(c!.eventRows).toBe(c!.events);
    expect(c!.records).toBe(c!.events + c!.quarantined);
    const db = openCase(caseFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(readCaseInfo(caseFile).warnings[0]).toMatch(/cancelled/);
  });

  it('reads standard input, hashes it and stores raw lines (there is no file to re-read)', async () => {
    const dir = tmpDir();
    const caseFile = path.join(dir, 'c.loupe');
    const text = accessLog(500) + 'not a log line\n';
    async function* stdin(): AsyncGenerator<Buffer> {
      const b = Buffer.from(text);
      for (let i = 0; i < b.length; i += 777) yield b.subarray(i, i + 777);
    }
    const { sources } = await ingest(caseFile, ['-'], { format: 'combined', stdin: stdin() });
    const s = sources[0]!;
    expect(s.path).toBe('-');
    expect(s.records).toBe(501);
    expect(s.quarantined).toBe(1);
    expect(s.sha256).toBe((await import('node:crypto')).createHash('sha256').update(text).digest('hex'));
    const db = openCase(caseFile, { readonly: true });
    const ev = db.prepare('SELECT id FROM events WHERE line_no = 250').get() as { id: number };
    expect(getRawLine(db, ev.id)!.toString()).toBe(text.split('\n')[249]);
    const q = listQuarantine(db, s.id);
    expect(q.rows[0]!.raw).toBe('not a log line');
    expect(q.rows[0]!.lineNo).toBe(501);
    db.close();
  });

  it('says clearly when the source file of an event has moved', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'a.log');
    fs.writeFileSync(f, accessLog(10));
    const caseFile = path.join(dir, 'c.loupe');
    await ingest(caseFile, [f]);
    fs.renameSync(f, path.join(dir, 'b.log'));
    const db = openCase(caseFile, { readonly: true });
    expect(() => getRawLine(db, 1)).toThrow(/moved or been deleted/);
    db.close();
  });
});

describe('absurd epoch times', () => {
  it('a time column with epochs outside 1990..2100 keeps those events without a time, counted unparseable', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'flows.csv');
    fs.writeFileSync(
      file,
      [
        'time,src_ip,dst_ip,dst_port,proto,bytes',
        '1714557601,203.0.113.5,10.0.0.1,22,tcp,120',
        '1714557602123,203.0.113.5,10.0.0.1,23,tcp,80',
        '99999999999999,203.0.113.5,10.0.0.1,25,tcp,60',
        '1e15,203.0.113.5,10.0.0.1,80,tcp,60',
        '-1714557603,203.0.113.5,10.0.0.1,443,tcp,60',
        '',
      ].join('\n'),
    );
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [file], threads: 1 });
    const s = sources[0]!;
    expect([s.format, s.records, s.events, s.quarantined]).toEqual(['csv', 5, 5, 0]);
    expect(s.records).toBe(s.events + s.quarantined);
    expect(s.cleaning.columns.ts?.unparseable).toBe(3);
    const db = new Database(caseFile, { readonly: true });
    const rows = db.prepare('SELECT ts, ts_text, dst_port FROM events ORDER BY line_no').all();
    db.close();
    expect(rows).toEqual([
      { ts: 1714557601000, ts_text: '1714557601', dst_port: 22 },
      { ts: 1714557602123, ts_text: '1714557602123', dst_port: 23 },
      { ts: null, ts_text: '99999999999999', dst_port: 25 },
      { ts: null, ts_text: '1e15', dst_port: 80 },
      { ts: null, ts_text: '-1714557603', dst_port: 443 },
    ]);
  });
});

describe('state carried across parse blocks', () => {
  it("a PostgreSQL failure takes its backend's client from a connection line in an earlier block, whichever worker parses it", async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'postgresql.log');
    const out: string[] = [];
    const filler = (k: number): string[] => Array.from({ length: 12 }, (_, j) => `2024-03-05 06:25:${String((k + j) % 60).padStart(2, '0')}.000 UTC [77] LOG:  checkpoint starting: time`);
    for (let i = 0; i < 40; i++) {
      const pid = 4000 + (i % 7); // pids are reused: each connection line replaces the last client
      const local = i % 10 === 9;
      out.push(local ? `2024-03-05 06:26:00.000 UTC [${pid}] LOG:  connection received: host=[local]` : `2024-03-05 06:26:00.000 UTC [${pid}] LOG:  connection received: host=203.0.113.${i} port=${50000 + i}`);
      out.push(...filler(i));
      out.push(`2024-03-05 06:26:01.000 UTC [${pid}] FATAL:  password authentication failed for user "u${i}"`);
    }
    fs.writeFileSync(file, out.join('\n') + '\n');
    const caseFile = path.join(dir, 'c.loupe');
    // blocks of about 1 KiB: a connection line and its failure are always in different blocks
    const { sources } = await ingestFiles({ caseFile, files: [file], threads: 2, blockSize: 1024 });
    const s = sources[0]!;
    expect([s.format, s.records, s.events + s.quarantined]).toEqual(['text', out.length, out.length]);
    const db = new Database(caseFile, { readonly: true });
    const rows = db.prepare("SELECT user, src_ip, src_port FROM events WHERE action = 'auth_failure' ORDER BY line_no").all();
    db.close();
    expect(rows).toEqual(
      Array.from({ length: 40 }, (_, i) => (i % 10 === 9 ? { user: `u${i}`, src_ip: null, src_port: null } : { user: `u${i}`, src_ip: `203.0.113.${i}`, src_port: 50000 + i })),
    );
  });
});
