// Looking at a source before ingesting it: the decoded head, the format that recognises it, the
// layout (with --map applied), and what its timestamps lack (a year, a zone) so the case can say so.
import { joinQuotedLines } from '../formats/csv';
import fs from 'node:fs';
import type { DetectedFile } from '../../shared/api';
import { EVENT_COLUMNS } from '../../shared/columns';
import { LoupeError, errorMessage } from '../errors';
import { newCounters } from '../formats';
import { SKIP, type CellValue, type FormatSpec, type RecordParser, type SourceLayout } from '../formats/types';
import type { FormatRegistry } from './registry';
import { builtinRegistry } from './builtin';
import { SourceReader } from './reader';
import { documentHead, looksLikeJsonDocument } from './jsondoc';
import { eventXmlHead, looksLikeEventXml } from './xmldoc';

export const HEAD_BYTES = 64 << 10;
const TS = EVENT_COLUMNS.findIndex((c) => c.name === 'ts');

/**
 * A head holds at least this many whole lines when the file has them, however long they are (up
 * to HEAD_MAX_BYTES): one JSON record with a 70 KiB message must not hide the layout of a file.
 */
const HEAD_MIN_LINES = 4;
export const HEAD_MAX_BYTES = 8 << 20;

function countLf(b: Buffer, upto: number): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0 && n < upto; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * Pulls decoded chunks until `limit` bytes and HEAD_MIN_LINES lines (or HEAD_MAX_BYTES, or the
 * end); the generator stays usable for the rest.
 */
export async function collectHead(gen: AsyncGenerator<Buffer>, limit = HEAD_BYTES): Promise<{ chunks: Buffer[]; bytes: number; done: boolean }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let lines = 0;
  while (bytes < limit || (lines < HEAD_MIN_LINES && bytes < HEAD_MAX_BYTES)) {
    const r = await gen.next();
    if (r.done) return { chunks, bytes, done: true };
    chunks.push(r.value);
    bytes += r.value.length;
    if (lines < HEAD_MIN_LINES) lines += countLf(r.value, HEAD_MIN_LINES - lines);
  }
  return { chunks, bytes, done: false };
}

/**
 * Decoded lines of a head: BOM dropped, CR dropped, a cut-off last line left out. `maxBytes`
 * bounds the text looked at, stretched to reach HEAD_MIN_LINES whole lines when they are longer.
 */
export function headLines(head: Buffer, complete: boolean, maxBytes = HEAD_BYTES): string[] {
  let end = Math.min(head.length, maxBytes);
  if (end < head.length) {
    let lf = -1;
    for (let n = 0; n < HEAD_MIN_LINES; n++) {
      const next = head.indexOf(0x0a, lf + 1);
      if (next < 0) break;
      lf = next;
    }
    if (lf >= end) end = Math.min(head.length, lf + 1);
  }
  let b = head.subarray(0, end);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  if (!complete || b.length < head.length) {
    const lf = b.lastIndexOf(0x0a);
    if (lf >= 0) b = b.subarray(0, lf + 1);
  }
  const lines = b.toString('utf8').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export interface TimeSemantics {
  /** timestamps carry no year (syslog): the case must state the year it assumed */
  yearless: boolean;
  /** timestamps carry their own offset or are UTC by definition: --tz does not apply */
  zoneInLog: boolean;
  /** at least one head record gave a timestamp */
  sawTime: boolean;
  /** the first head record's time with the year 2001 (its month and day), null when none had one */
  firstTime?: number | null;
  /** head records that gave a time, and how many of those carried their own zone (a mixed log: some do, some do not) */
  timed?: number;
  zoned?: number;
}

/**
 * The second format of a source whose head mixes two (formats/alternate.ts): the head lines its
 * format refuses, when a specific line format reads them (not the timestamped-text fallback, which
 * would take any line with a time), as detection would lay that format out. Null when the format
 * refuses none, or what it refuses is no one format (damaged or hostile lines stay quarantined).
 */
export function alternateLayout(registry: FormatRegistry, spec: FormatSpec, layout: SourceLayout, lines: readonly string[]): { layout: SourceLayout; refused: number; read: number } | null {
  if (spec.framing !== 'lines') return null;
  const body = lines.slice(Math.max(0, layout.firstRecordLine - 1)).filter((l) => l.trim() !== '').slice(0, 200);
  let parser;
  try {
    parser = spec.createParser({ tz: null, year: 2001, refTime: null, layout });
  } catch (e) {
    void e; // a spec that cannot build a parser for this layout says so at ingest time
    return null;
  }
  const counters = newCounters();
  const row: CellValue[] = new Array<CellValue>(EVENT_COLUMNS.length).fill(null);
  /** the parser's reason for refusing a line (a throw is a refusal too), null when read */
  const reason = (p: RecordParser, text: string): string | null => {
    row.fill(null);
    try {
      return p.parse(text, row, counters);
    } catch (e) {
      return errorMessage(e);
    }
  };
  const refused = body.filter((text) => {
    const r = reason(parser, text);
    return r !== null && r !== SKIP;
  });
  if (refused.length === 0) return null;
  let alt;
  try {
    alt = registry.resolve(refused, undefined, undefined);
  } catch (e) {
    void e; // no one format reads them
    return null;
  }
  if (alt.spec.name === spec.name || alt.spec.name === 'text' || alt.spec.framing !== 'lines') return null;
  const altParser = alt.spec.createParser({ tz: null, year: 2001, refTime: null, layout: alt.layout });
  const read = refused.filter((text) => reason(altParser, text) === null).length;
  // most of what the main format refused must be the second format's, or it is no second format
  return read >= 0.8 * refused.length ? { layout: alt.layout, refused: refused.length, read } : null;
}

/**
 * Learns, format-agnostically, whether a source's timestamps depend on the year or zone we give the
 * parser: the head records are parsed under different years and zones and the results compared.
 */
export function probeTimeSemantics(spec: FormatSpec, layout: SourceLayout, lines: readonly string[]): TimeSemantics {
  const body = lines.slice(Math.max(0, layout.firstRecordLine - 1));
  // CSV records may span lines (Event Viewer messages): probe whole records, not their first lines
  const records = (spec.framing === 'csv' ? joinQuotedLines(body) : body).filter((l) => l.trim() !== '').slice(0, 30);
  const parse = (tz: string | null, year: number): (number | null)[] => {
    let parser;
    try {
      parser = spec.createParser({ tz, year, refTime: null, layout });
    } catch (e) {
      void e; // a spec that cannot build a parser for this layout says so at ingest time
      return [];
    }
    const counters = newCounters();
    return records.map((text) => {
      const row: CellValue[] = new Array<CellValue>(EVENT_COLUMNS.length).fill(null);
      try {
        return parser.parse(text, row, counters) === null && typeof row[TS] === 'number' ? (row[TS] as number) : null;
      } catch (e) {
        void e; // a record the parser rejects is simply not evidence here
        return null;
      }
    });
  };
  const a = parse(null, 2001);
  const b = parse(null, 2005);
  const c = parse('Asia/Tokyo', 2001);
  let sawTime = false;
  let yearless = false;
  let zoneInLog = true;
  let timed = 0;
  let zoned = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === null) continue;
    sawTime = true;
    timed++;
    if (b[i] !== a[i]) yearless = true;
    if (c[i] !== a[i]) zoneInLog = false;
    else zoned++;
  }
  return { yearless, zoneInLog: sawTime && zoneInLog, sawTime, firstTime: a.find((t) => t !== null) ?? null, timed, zoned };
}

export interface Resolved {
  spec: FormatSpec;
  layout: SourceLayout;
  confidence: number;
}

/** Chooses the spec and layout for a head: --format or detection, then --map; errors name the file. */
export function resolveFormat(registry: FormatRegistry, lines: readonly string[], file: string, format: string | undefined, map: Record<string, string> | undefined): Resolved {
  try {
    return registry.resolve(lines, format, map);
  } catch (e) {
    if (e instanceof LoupeError && e.code === 'unmappable_layout') throw new LoupeError(e.code, `${file}: ${e.message}`);
    throw e;
  }
}

/** Looks at files without ingesting them: size, gzip, format, layout, head lines, or one line of error. */
export async function detectFiles(files: readonly string[], registry: FormatRegistry = builtinRegistry()): Promise<DetectedFile[]> {
  const out: DetectedFile[] = [];
  for (const file of files) {
    const d: DetectedFile = { path: file, bytes: 0, gzip: false, format: null, confidence: 0, layout: null, headLines: [], error: null };
    try {
      const st = fs.statSync(file);
      if (st.isDirectory()) throw new LoupeError('invalid_input', `${file} is a folder`);
      d.bytes = st.size;
      const reader = SourceReader.file(file);
      const gen = reader.chunks();
      const head = await collectHead(gen);
      await gen.return(undefined);
      d.gzip = reader.gzip;
      const headBuf = Buffer.concat(head.chunks);
      let lines = headLines(headBuf, head.done);
      if (looksLikeJsonDocument(headBuf, lines)) lines = headLines(documentHead(headBuf, head.done), head.done);
      else if (looksLikeEventXml(headBuf)) lines = headLines(eventXmlHead(headBuf, head.done), head.done);
      d.headLines = lines.slice(0, 20);
      if (lines.length === 0) throw new LoupeError('invalid_input', `${file} is empty`);
      const r = resolveFormat(registry, lines, file, undefined, undefined);
      d.format = r.spec.name;
      d.confidence = r.confidence;
      d.layout = { format: r.layout.format, header: r.layout.header, delimiter: r.layout.delimiter, mapping: r.layout.mapping, firstRecordLine: r.layout.firstRecordLine };
    } catch (e) {
      d.error = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${file}: no such file` : errorMessage(e);
    }
    out.push(d);
  }
  return out;
}
