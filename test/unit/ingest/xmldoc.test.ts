// Windows event XML exports (wevtutil /f:xml writes events back to back on one line; Event
// Viewer's "Save as XML" wraps them in <Events> with line breaks): cut into one <Event> per line at
// any chunk boundary, then ingested with every event accounted for and logons typed.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventXmlSplitter, looksLikeEventXml } from '../../../src/core/ingest/xmldoc';
import { getRawLine, ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import { cleanTmp, tmpDir } from './helpers';

afterEach(cleanTmp);

const ev = (i: number, id = 4625, ip = '198.51.100.23'): string =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>${id}</EventID><Keywords>0x8010000000000000</Keywords><TimeCreated SystemTime='2024-05-01T10:00:${String(i % 60).padStart(2, '0')}.1234567Z'/><EventRecordID>${i}</EventRecordID><Channel>Security</Channel><Computer>DC01</Computer></System><EventData><Data Name='TargetUserName'>u${i % 7}</Data><Data Name='IpAddress'>${ip}</Data><Data Name='IpPort'>${40000 + i}</Data></EventData></Event>`;

function split(text: string, size: number): { lines: string[]; s: EventXmlSplitter } {
  const s = new EventXmlSplitter();
  const b = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) parts.push(s.push(b.subarray(i, i + size)));
  parts.push(s.finish());
  const lines = Buffer.concat(parts).toString('utf8').split('\n');
  expect(lines.pop()).toBe('');
  return { lines, s };
}

describe('EventXmlSplitter', () => {
  it('one event per line from a one-line export and from a wrapped, line-broken one, at any chunk size', () => {
    const oneLine = ev(1) + ev(2) + ev(3);
    const wrapped = `<?xml version="1.0" encoding="utf-8"?>\r\n<Events>\r\n${ev(1).replace('<System>', '<System>\r\n  ')}\r\n${ev(2)}\r\n${ev(3)}</Events>\r\n`;
    for (const size of [1, 5, 7, 8, 64, 1 << 16]) {
      expect(split(oneLine, size).lines, `one line, chunks of ${size}`).toEqual([ev(1), ev(2), ev(3)]);
      const w = split(wrapped, size);
      expect(w.lines, `wrapped, chunks of ${size}`).toEqual([ev(1).replace('<System>', '<System>    '), ev(2), ev(3)]);
      expect(w.s.records).toBe(3);
    }
  });

  it('an export cut off mid-event keeps the cut event as a last record; <EventData> is not an event start', () => {
    const cut = ev(1) + ev(2).slice(0, 200);
    const { lines, s } = split(cut, 3);
    expect(lines).toEqual([ev(1), ev(2).slice(0, 200)]);
    expect(s.records).toBe(2);
  });

  it('recognises event XML, and nothing else that starts with <', () => {
    expect(looksLikeEventXml(Buffer.from(ev(1)))).toBe(true);
    expect(looksLikeEventXml(Buffer.from('<?xml version="1.0"?>\n<Events>' + ev(1)))).toBe(true);
    expect(looksLikeEventXml(Buffer.from('<html><body>Event</body></html>'))).toBe(false);
    expect(looksLikeEventXml(Buffer.from('<34>1 2003-10-11T22:14:15.003Z host su - - - hi'))).toBe(false);
  });
});

describe('ingesting Windows event XML', () => {
  it('a one-line wevtutil export: every event a record, failures typed, the brute-forcing address found', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'security.xml');
    fs.writeFileSync(file, Array.from({ length: 500 }, (_, i) => ev(i, i % 10 === 9 ? 4624 : 4625, i % 2 ? '198.51.100.23' : '10.0.0.5')).join(''));
    const caseFile = path.join(dir, 'c.loupe');
    const { sources } = await ingestFiles({ caseFile, files: [file], threads: 2, blockSize: 4096 });
    const s = sources[0]!;
    expect([s.format, s.records, s.events, s.quarantined]).toEqual(['winxml', 500, 500, 0]);
    expect(s.cleaning.notes.join(' ')).toMatch(/Windows event XML: 500 <Event> records/);
    const db = new Database(caseFile, { readonly: true });
    const by = db.prepare('SELECT src_ip, action, COUNT(*) AS n FROM events GROUP BY 1, 2 ORDER BY 1, 2').all();
    const firstId = (db.prepare('SELECT MIN(id) AS id FROM events').get() as { id: number }).id;
    db.close();
    const rw = openCase(caseFile);
    expect(getRawLine(rw, firstId)!.toString('utf8')).toBe(ev(0, 4625, '10.0.0.5'));
    rw.close();
    expect(by).toEqual([
      { src_ip: '10.0.0.5', action: 'auth_failure', n: 250 },
      { src_ip: '198.51.100.23', action: 'auth_failure', n: 200 },
      { src_ip: '198.51.100.23', action: 'auth_success', n: 50 },
    ]);
  });
});
