// Test helper: runs a whole text through detection and a parser the way the pipeline does
// (records cut by framing, header lines skipped), returning named rows and quarantined records.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_COLUMNS } from '../../../src/shared/columns';
import { SKIP, countersToReport, getFormat, newCounters, newRow, resolveLayout, type DetectResult } from '../../../src/core/formats/index';
import type { CleaningReport } from '../../../src/shared/model';
import type { Framing } from '../../../src/core/formats/types';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');
export const HOSTILE = path.resolve(__dirname, '../../fixtures/hostile');

export type NamedRow = Record<string, string | number | null>;

/** Cuts text into records: lines (LF or CRLF), or RFC 4180 records whose quoted newlines do not end them. */
export function cutRecords(text: string, framing: Framing): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let line = 1;
  let start = 0;
  let inQuotes = false;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (framing === 'csv' && c === 34) inQuotes = !inQuotes;
    else if (c === 10) {
      line++;
      if (!inQuotes) {
        const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
        out.push({ text: text.slice(start, end), line: startLine });
        start = i + 1;
        startLine = line;
      }
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), line: startLine });
  return out;
}

export interface ParsedSource {
  detected: DetectResult;
  rows: NamedRow[];
  /** line number of each row */
  rowLines: number[];
  quarantined: { line: number; reason: string; text: string }[];
  records: number;
  report: CleaningReport;
}

export function toNamed(row: readonly (string | number | null)[]): NamedRow {
  const o: NamedRow = {};
  EVENT_COLUMNS.forEach((c, i) => {
    o[c.name] = row[i];
  });
  return o;
}

export interface ParseOpts {
  format?: string;
  map?: Record<string, string>;
  tz?: string | null;
  year?: number | null;
  refTime?: number | null;
}

/** Detects (or forces) the format from the head and parses every record. */
export function parseText(text: string, opts: ParseOpts = {}): ParsedSource {
  const headLines = text.split('\n').slice(0, 200).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const detected = resolveLayout(headLines, { format: opts.format ?? null, map: opts.map ?? null });
  const spec = getFormat(detected.layout.format);
  const parser = spec.createParser({ tz: opts.tz ?? null, year: opts.year ?? 2024, refTime: opts.refTime ?? null, layout: detected.layout });
  const counters = newCounters();
  const rows: NamedRow[] = [];
  const rowLines: number[] = [];
  const quarantined: { line: number; reason: string; text: string }[] = [];
  const reasons: Record<string, number> = {};
  let records = 0;
  for (const rec of cutRecords(text, spec.framing)) {
    if (rec.line < detected.layout.firstRecordLine) continue;
    const row = newRow();
    const reason = parser.parse(rec.text, row, counters);
    if (reason === SKIP) continue;
    records++;
    if (reason !== null) {
      quarantined.push({ line: rec.line, reason, text: rec.text });
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    } else {
      rows.push(toNamed(row));
      rowLines.push(rec.line);
    }
  }
  return { detected, rows, rowLines, quarantined, records, report: countersToReport(counters, reasons, []) };
}

export function parseFile(file: string, opts: ParseOpts = {}): ParsedSource {
  return parseText(readFileSync(file, 'utf8'), opts);
}

/** The real sample logs beside the repository (`../shared/data`), present on the team machines. */
export const SHARED_DATA = path.resolve(__dirname, '../../../../shared/data');
