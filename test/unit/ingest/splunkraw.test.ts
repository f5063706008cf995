// Splunk's CSV exports: the `_raw` cells are the log's own events. They must be cut out of the
// CSV whatever the quoting and chunking, read as the log's format (one or two kinds of line, or
// Windows events in Splunk's classic multi-line form), and a `_raw` no format reads must fall
// back to the table rather than lose the export.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SplunkRawSplitter, splunkRawIndex, winEventLogRecord } from '../../../src/core/ingest/splunkraw';
import { ingestFiles } from '../../../src/core/ingest';
import { analyzeCase } from '../../../src/core/analysis';
import { cleanTmp, tmpDir } from './helpers';

afterEach(cleanTmp);

const q = (v: string): string => `"${v.replace(/"/g, '""')}"`;
const exportOf = (cols: string[], rows: Record<string, string>[]): string => [cols.map(q).join(','), ...rows.map((r) => cols.map((c) => q(r[c] ?? '')).join(','))].join('\r\n') + '\r\n';

function cells(text: string, rawIndex: number, size: number): { lines: string[]; s: SplunkRawSplitter } {
  const s = new SplunkRawSplitter(rawIndex);
  const b = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) parts.push(s.push(b.subarray(i, i + size)));
  parts.push(s.finish());
  const out = Buffer.concat(parts).toString('utf8');
  return { lines: out === '' ? [] : out.replace(/\n$/, '').split('\n'), s };
}

const SSH = (i: number, ip = '203.0.113.77'): string => `Dec  1 09:00:${String(i).padStart(2, '0')} web01 sshd[1234]: Failed password for invalid user admin${i} from ${ip} port ${40000 + i} ssh2`;
const WEB = (i: number): string => `198.51.100.5 - - [01/Dec/2026:09:00:${String(i).padStart(2, '0')} +0000] "GET /item.php?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1" 200 512 "-" "sqlmap/1.7"`;
const WIN = (i: number): string =>
  `12/01/2026 09:00:${String(i).padStart(2, '0')} AM\nLogName=Security\nEventCode=4625\nEventType=0\nComputerName=DC01.corp.local\nSourceName=Microsoft Windows security auditing.\nKeywords=Audit Failure\nRecordNumber=${1000 + i}\nMessage=An account failed to log on.\r\n\r\nAccount For Which Logon Failed:\r\n\tSecurity ID:\t\tNULL SID\r\n\tAccount Name:\t\tuser${i}\r\n\tAccount Domain:\t\tCORP\r\n\r\nNetwork Information:\r\n\tWorkstation Name:\tKALI\r\n\tSource Network Address:\t203.0.113.99\r\n\tSource Port:\t\t${50000 + i}\r\n`;

describe('SplunkRawSplitter', () => {
  it('cuts out _raw whatever the quoting, its column and the chunking: doubled quotes, commas, line breaks, an empty cell, no final line feed', () => {
    const text =
      '"_time","host","_raw","source"\r\n' +
      '"2026-12-01T09:00:00.000+0000","web01","a ""quoted"", comma, text","s"\r\n' +
      '2026-12-01T09:00:01.000+0000,web01,plain text,s\r\n' +
      '"2026-12-01T09:00:02.000+0000","web01","two\r\nlines","s"\r\n' +
      '"2026-12-01T09:00:03.000+0000","web01","","s"\r\n' +
      '"2026-12-01T09:00:04.000+0000","web01","last, no line feed","s"';
    for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
      const { lines, s } = cells(text, 2, size);
      expect(lines, `chunks of ${size}`).toEqual(['a "quoted", comma, text', 'plain text', 'two lines', 'last, no line feed']);
      expect([s.records, s.empty]).toEqual([4, 1]);
    }
  });

  it('a quote left open at the end still gives its text as a record (the parser decides)', () => {
    const { lines } = cells('_time,_raw\n1,"open quote, never closed\n', 1, 5);
    expect(lines).toEqual(['open quote, never closed ']);
  });

  it('recognises a Splunk header only: _raw beside one of Splunk’s own fields', () => {
    expect(splunkRawIndex(['"_time","host","source","sourcetype","_raw"'])).toBe(4);
    expect(splunkRawIndex(['\ufeff_raw,_time,host'])).toBe(0);
    expect(splunkRawIndex(['_raw,comment'])).toBeNull();
    expect(splunkRawIndex(['ts,src_ip,message'])).toBeNull();
  });

  it("Splunk's classic WinEventLog event becomes one JSON record with its message's lines kept", () => {
    const rec = JSON.parse(winEventLogRecord(WIN(3))!) as Record<string, string>;
    expect(rec).toMatchObject({ TimeCreated: '12/01/2026 09:00:03 AM', EventCode: '4625', ComputerName: 'DC01.corp.local', Keywords: 'Audit Failure' });
    expect(rec.Message).toContain('\tAccount Name:\t\tuser3\n');
    expect(winEventLogRecord(SSH(1))).toBeNull();
  });
});

describe('ingesting Splunk exports', () => {
  async function ingest(name: string, text: string): Promise<{ caseFile: string; s: Awaited<ReturnType<typeof ingestFiles>>['sources'][number] }> {
    const dir = tmpDir();
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [file], threads: 1, year: 2026 });
    return { caseFile, s: sources[0]! };
  }
  const cols = ['_time', 'host', 'source', 'sourcetype', '_raw'];
  const row = (raw: string, sourcetype: string): Record<string, string> => ({ _time: '2026-12-01T09:00:00.000+0000', host: 'web01', source: 'x', sourcetype, _raw: raw });

  it('sshd and web lines of one export, each read as its own log: the guesser and the injector found', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => [row(SSH(i), 'linux_secure'), row(WEB(i), 'access_combined')]).flat();
    const { caseFile, s } = await ingest('export.csv', exportOf(cols, rows));
    expect([s.records, s.events, s.quarantined]).toEqual([40, 40, 0]);
    expect(s.cleaning.notes.join(' ')).toMatch(/Splunk export: the 40 events in its _raw column read as/);
    const found = (await analyzeCase(caseFile, { inline: true })).findings;
    expect(found.some((f) => f.detector === 'bruteForce' && f.entity === '203.0.113.77')).toBe(true);
    expect(found.some((f) => f.detector === 'webAttacks' && f.entity === '198.51.100.5')).toBe(true);
  });

  it("Windows events in Splunk's classic form: logons typed from the message, the sprayer found", async () => {
    const { caseFile, s } = await ingest('win.csv', exportOf(['_raw', '_time', 'host', 'source', 'sourcetype'], Array.from({ length: 20 }, (_, i) => ({ _raw: WIN(i), _time: 'x', host: 'DC01', source: 'WinEventLog:Security', sourcetype: 'WinEventLog:Security' }))));
    expect([s.format, s.records, s.events, s.quarantined]).toEqual(['jsonl', 20, 20, 0]);
    const found = (await analyzeCase(caseFile, { inline: true })).findings;
    const spray = found.find((f) => f.detector === 'bruteForce' && f.entity === '203.0.113.99');
    expect(spray?.numbers.userNames).toBe(20);
  });

  it('_raw text no format reads: the table is read instead, nothing lost; hostile text stays text', async () => {
    const raws = ['just some words', '=HYPERLINK("http://evil.example","x")', '<script>alert(1)</script>', 'NUL \u0000 inside'];
    const { s } = await ingest('odd.csv', exportOf(cols, raws.map((r) => row(r, 'misc'))));
    expect([s.records, s.events, s.quarantined]).toEqual([4, 4, 0]);
    expect(s.format).toBe('csv');
    expect(s.cleaning.notes.join(' ')).toMatch(/read as the table Splunk wrote/);
  });
});
