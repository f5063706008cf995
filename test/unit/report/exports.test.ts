// CSV and JSON exports: every cell quoted and neutralised over the hostile corpus, numbers kept,
// CSV and JSON lines round-trip to the stored values, the explorer filter selects the same rows.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport } from '../../../src/core/report';
import { csvField, neutraliseCell, parseCsv } from '../../../src/core/report/csv';
import { EVENTS_CSV_HEADER, zoneTimeFormatter } from '../../../src/core/report/events-export';
import { FINDINGS_CSV_HEADER } from '../../../src/core/report/findings-export';
import { COLUMN_BY_NAME } from '../../../src/shared/columns';
import { formatTime } from '../../../src/shared/format';
import { openCase } from '../../../src/core/store/case';
import { compileQuery } from '../../../src/core/store/query';
import { buildCase, CSV_HOSTILE, HOSTILE, tmpDir } from './fixture';

const DANGEROUS = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]|^[\s\u00A0\u3000]+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

describe('CSV cell neutralisation', () => {
  it('prefixes every formula-looking cell with an apostrophe and leaves numbers alone', () => {
    for (const v of [...CSV_HOSTILE, HOSTILE.hyperlink, '@cmd', '-x', '+x', '=1', '\t1', '\r1']) expect(neutraliseCell(v), JSON.stringify(v)).toBe(`'${v}`);
    for (const v of ['-5', '+3.5', '-1e-3', '0', '42', 'GET', 'a=b', ' plain', '<script>']) expect(neutraliseCell(v), JSON.stringify(v)).toBe(v);
    expect(neutraliseCell('-5 + cmd')).toBe("'-5 + cmd");
  });

  it('quotes every field and doubles quotes (RFC 4180)', () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField(null)).toBe('""');
    expect(csvField(-5)).toBe('"-5"');
    expect(csvField('=1+1')).toBe('"\'=1+1"');
    // a terminal escape or a NUL cannot act on whoever cats or opens the file
    expect(csvField('Mozilla\u0000/5.0 \u001b[31mRED\u001b]0;pwned\u0007\u007f')).toBe('"Mozilla\u2400/5.0 \u241b[31mRED\u241b]0;pwned\u2407\u2421"');
    expect(csvField('a\tb\r\nc')).toBe('"a\tb\r\nc"'); // tab and line breaks stay (quoted)
    expect(csvField('admin\u202Etxt.exe \u0085 \u2028')).toBe('"admin[U+202E]txt.exe [U+0085] [U+2028]"');
    expect(parseCsv('"a","b ""q""","line\r\nbreak"\r\n"","x"\r\n')).toEqual([
      ['a', 'b "q"', 'line\r\nbreak'],
      ['', 'x'],
    ]);
  });
});

describe('exports', () => {
  let dir: string;
  let caseFile: string;
  const zone = 'Asia/Tehran';
  const files = (): Record<'eventsCsv' | 'eventsJsonl' | 'csv' | 'json', string> => ({
    eventsCsv: path.join(dir, 'events.csv'),
    eventsJsonl: path.join(dir, 'events.jsonl'),
    csv: path.join(dir, 'findings.csv'),
    json: path.join(dir, 'findings.json'),
  });
  type Row = Record<string, string | number | null>;
  let stored: Row[];

  beforeAll(async () => {
    dir = tmpDir();
    caseFile = path.join(dir, 'c.loupe');
    buildCase(caseFile, { events: 120 });
    await exportReport(caseFile, { ...files(), displayZone: zone, generatedAt: Date.UTC(2026, 0, 1) });
    const db = openCase(caseFile, { readonly: true });
    stored = db.prepare('SELECT * FROM events ORDER BY id').all() as Row[];
    db.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('events CSV: every cell checked — neutralised where dangerous, otherwise exactly the stored value', () => {
    const text = fs.readFileSync(files().eventsCsv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    // every field is quoted: each record is "…","…",…
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...EVENTS_CSV_HEADER]);
    expect(rows.length - 1).toBe(stored.length);
    let neutralised = 0;
    let numbersKept = 0;
    let controls = 0;
    rows.slice(1).forEach((cells, r) => {
      const ev = stored[r]!;
      expect(cells.length).toBe(EVENTS_CSV_HEADER.length);
      EVENTS_CSV_HEADER.forEach((col, i) => {
        const cell = cells[i]!;
        if (col === 'time') {
          expect(cell).toBe(ev.ts == null ? '' : formatTime(ev.ts as number, zone, true));
          return;
        }
        const v = ev[col];
        if (v == null) return expect(cell).toBe('');
        if (typeof v === 'number') {
          if (v < 0) numbersKept++;
          return expect(cell).toBe(String(v));
        }
        // control characters other than tab and line breaks are written as their visible symbols
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        const shown = v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (ch) => {
          const c = ch.charCodeAt(0);
          return c < 0x20 ? String.fromCharCode(0x2400 + c) : c === 0x7f ? '\u2421' : `[U+${c.toString(16).toUpperCase().padStart(4, '0')}]`;
        });
        if (shown !== v) controls++;
        if (DANGEROUS.test(shown) && !NUMBER.test(shown)) {
          neutralised++;
          return expect(cell, `${col} of event ${ev.id}`).toBe(`'${shown}`);
        }
        expect(cell, `${col} of event ${ev.id}`).toBe(shown);
      });
    });
    expect(neutralised).toBeGreaterThan(CSV_HOSTILE.length);
    expect(controls).toBeGreaterThan(0); // the hostile fixture's NUL and escape sequences
    expect(numbersKept).toBeGreaterThan(0); // bytes = -5 stays a number
    expect(COLUMN_BY_NAME.get('bytes')?.type).toBe('int');
  });

  it('events JSON lines round-trip to the stored values, extra parsed and NUL kept', () => {
    const lines = fs.readFileSync(files().eventsJsonl, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(stored.length);
    lines.forEach((line, r) => {
      const o = JSON.parse(line) as Record<string, unknown>;
      const ev = stored[r]!;
      for (const [k, v] of Object.entries(ev)) {
        if (k === 'raw' || k === 'byte_offset' || k === 'byte_len') continue;
        if (k === 'extra' && v != null) expect(o.extra).toEqual(JSON.parse(v as string));
        else expect(o[k] ?? null, `${k} of event ${ev.id}`).toEqual(v);
      }
      expect(o.time).toBe(formatTime(ev.ts as number, zone, true));
    });
    expect(lines.some((l) => (JSON.parse(l) as { user?: string }).user === 'NUL\u0000byte')).toBe(true);
  });

  it('exports only the rows an explorer query selects', async () => {
    const out = path.join(dir, 'filtered.csv');
    const q = 'status:404 -src_ip:10.0.0.0';
    const res = await exportReport(caseFile, { eventsCsv: out, filter: q });
    const db = openCase(caseFile, { readonly: true });
    const c = compileQuery(q);
    const ids = (db.prepare(`SELECT id FROM events WHERE ${c.where} ORDER BY id`).all(...c.params) as { id: number }[]).map((r) => String(r.id));
    db.close();
    const rows = parseCsv(fs.readFileSync(out, 'utf8')).slice(1);
    expect(ids.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(ids);
    expect(res.files[0]!.rows).toBe(ids.length);
    await expect(exportReport(caseFile, { eventsCsv: out, filter: 'status:"unterminated' })).rejects.toThrow(/unterminated/);
  });

  it('findings CSV and JSON carry every finding, neutralised in CSV and exact in JSON', () => {
    const rows = parseCsv(fs.readFileSync(files().csv, 'utf8'));
    expect(rows[0]).toEqual([...FINDINGS_CSV_HEADER]);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.size).toBe(4);
    const web = byId.get('webAttack:10.0.0.1')!;
    const col = (name: (typeof FINDINGS_CSV_HEADER)[number]): string => web[FINDINGS_CSV_HEADER.indexOf(name)]!;
    expect(col('title')).toBe(`Attack payloads in requests: ${HOSTILE.script}`);
    expect(col('tags')).toBe(`${HOSTILE.hyperlink}, confirmed`.replace(/^/, "'"));
    expect(col('note')).toBe(`Escalated. Payload seen: ${HOSTILE.script}`);
    expect(col('first_seen')).toBe(formatTime(Number(col('first_seen_ms')), zone, true));
    const json = JSON.parse(fs.readFileSync(files().json, 'utf8')) as { displayZone: string; findings: { id: string; tags: string[]; numbers: Record<string, unknown>; status: string }[] };
    expect(json.displayZone).toBe(zone);
    const wj = json.findings.find((f) => f.id === 'webAttack:10.0.0.1')!;
    expect(wj.tags).toEqual(['confirmed', HOSTILE.hyperlink].sort());
    expect(wj.numbers.payload).toBe(HOSTILE.hyperlink);
    expect(json.findings.filter((f) => f.status === 'dismissed').map((f) => f.id)).toEqual(['heavy:10.0.0.4']);
  });

  it('stops on cancellation without leaving a file behind', async () => {
    const ac = new AbortController();
    ac.abort();
    const out = path.join(dir, 'cancelled.csv');
    await expect(exportReport(caseFile, { eventsCsv: out, eventsJsonl: `${out}.jsonl` }, { signal: ac.signal })).rejects.toThrow(/cancelled/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('cancelled'))).toEqual([]);
  });

  it('formats event times like formatTime in zones with half-hour offsets and daylight saving', () => {
    for (const z of ['UTC', 'Asia/Tehran', 'America/New_York', 'Australia/Lord_Howe']) {
      const f = zoneTimeFormatter(z);
      for (let t = Date.UTC(2019, 2, 9, 0, 0, 0); t < Date.UTC(2019, 3, 8); t += 3_599_999) {
        // several times inside one minute reuse the minute's text
        for (const dt of [0, 1, 999, 17_042, 59_999]) expect(f(t + dt), `${z} ${t + dt}`).toBe(formatTime(t + dt, z, true));
      }
    }
  });
});
