// The columnar batch between parse workers and the writer: text columns travel as UTF-8 bytes and
// are decoded a piece at a time. Every cell must come back exactly, whatever its script, length
// or position relative to the piece boundaries, in ASCII-only blocks and mixed ones.
import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import type { CellValue, RecordParser } from '../../../src/core/formats/types';
import { TextCellReader, transferList, type ParseSettings, type TextCells } from '../../../src/core/ingest/batch';
import { parseBlock } from '../../../src/core/ingest/parse-block';

const PATH = EVENT_COLUMNS.findIndex((c) => c.name === 'path');
const USER = EVENT_COLUMNS.findIndex((c) => c.name === 'user');
const STATUS = EVENT_COLUMNS.findIndex((c) => c.name === 'status');

/** "path<TAB>user<TAB>status"; "-" is NULL. */
const tabParser: RecordParser = {
  parse(text: string, row: CellValue[]): string | null {
    const [p, u, s] = text.split('\t');
    if (p === undefined || u === undefined || s === undefined) return 'not three fields';
    row[PATH] = p === '-' ? null : p;
    row[USER] = u === '-' ? null : u;
    row[STATUS] = s === '-' ? null : Number(s);
    return null;
  },
};

const settings: ParseSettings = { format: 'test', framing: 'lines', layout: { format: 'test', header: null, mapping: {}, firstRecordLine: 1 }, tz: null, year: null, refTime: null, storeRaw: false };

function roundTrip(cells: { path: string | null; user: string | null }[]): { path: (string | null)[]; user: (string | null)[]; block: ReturnType<typeof parseBlock> } {
  const text = cells.map((c, i) => `${c.path ?? '-'}\t${c.user ?? '-'}\t${200 + (i % 5)}`).join('\n') + '\n';
  const block = parseBlock(new Uint8Array(Buffer.from(text, 'utf8')), settings, tabParser);
  const read = (col: number): (string | null)[] => {
    const c = block.cells[col] as TextCells;
    const r = new TextCellReader(c);
    return Array.from({ length: block.events }, (_, i) => (c.nulls[i] ? null : r.get(i)));
  };
  return { path: read(PATH), user: read(USER), block };
}

describe('text columns between threads', () => {
  it('returns every ASCII cell exactly across many decode pieces, and marks the column ASCII', () => {
    // ~600 KiB of path text: ten or more 64 KiB pieces, cells of 0..2,000 characters, NULLs between
    const cells = Array.from({ length: 3000 }, (_, i) => ({
      path: i % 7 === 3 ? null : `/p${i}/${'x'.repeat((i * 37) % 400)}`,
      user: i % 11 === 0 ? null : i % 5 === 0 ? 'x'.repeat(2000) : `u${i}`,
    }));
    const out = roundTrip(cells);
    expect(out.block.events).toBe(cells.length);
    expect(out.path).toEqual(cells.map((c) => c.path));
    expect(out.user).toEqual(cells.map((c) => c.user));
    expect((out.block.cells[PATH] as TextCells).unitEnds).toBeNull();
  });

  it('returns non-Latin, emoji and replacement characters exactly where bytes and UTF-16 units differ', () => {
    const words = ['/поиск', '/搜索/結果', '/😀/🚀x', '/caf\u00e9', '/\ufffd', '/a', ''];
    const cells = Array.from({ length: 4000 }, (_, i) => ({
      path: `${words[i % words.length]}${'é'.repeat(i % 90)}`,
      user: i % 13 === 0 ? null : `${words[(i + 3) % words.length]}${i}`,
    }));
    const out = roundTrip(cells);
    expect(out.path).toEqual(cells.map((c) => c.path));
    expect(out.user).toEqual(cells.map((c) => c.user));
    expect((out.block.cells[PATH] as TextCells).unitEnds).not.toBeNull();
  });

  it('keeps the NULL rows before the first value of a column, text and numeric', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `/p${i}\t${i < 120 ? '-' : `u${i}`}\t${i < 200 ? '-' : String(i)}`);
    const block = parseBlock(new Uint8Array(Buffer.from(rows.join('\n') + '\n')), settings, tabParser);
    const users = block.cells[USER] as TextCells;
    const r = new TextCellReader(users);
    expect(Array.from({ length: 300 }, (_, i) => (users.nulls[i] ? null : r.get(i)))).toEqual(Array.from({ length: 300 }, (_, i) => (i < 120 ? null : `u${i}`)));
    const status = block.cells[STATUS] as { values: Float64Array };
    expect(Array.from(status.values, (v) => (Number.isNaN(v) ? null : v))).toEqual(Array.from({ length: 300 }, (_, i) => (i < 200 ? null : i)));
  });

  it('hands a cell larger than a piece back whole', () => {
    const huge = `/${'й'.repeat(100_000)}`;
    const out = roundTrip([{ path: '/a', user: 'x' }, { path: huge, user: null }, { path: '/b', user: 'y' }]);
    expect(out.path).toEqual(['/a', huge, '/b']);
    expect(out.user).toEqual(['x', null, 'y']);
  });

  it('moves blocks whose text column holds only empty strings, one after another', () => {
    for (let k = 0; k < 3; k++) {
      const out = roundTrip([{ path: '', user: '' }, { path: '/a', user: '' }]);
      expect(out.user).toEqual(['', '']);
      // what a worker does with its result: move every buffer to the writer
      const moved = structuredClone(out.block, { transfer: transferList(out.block) });
      expect(new TextCellReader(moved.cells[USER] as TextCells).get(1)).toBe('');
      expect(new TextCellReader(moved.cells[PATH] as TextCells).get(1)).toBe('/a');
    }
  });

  it('moves each text column as one buffer of its own', () => {
    const out = roundTrip([{ path: '/a', user: 'u' }]);
    const list = transferList(out.block);
    const c = out.block.cells[PATH] as TextCells;
    expect(list).toContain(c.bytes.buffer);
    expect(c.bytes.byteOffset).toBe(0);
    // not a slice of Node's shared pool, which other buffers use too
    expect(c.bytes.buffer).not.toBe((out.block.cells[USER] as TextCells).bytes.buffer);
  });
});
