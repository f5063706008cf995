// The built-in format registry: every spec, content-based detection (never the file name),
// --format / --map handling, cleaning counters and reports. Loading it validates every spec's samples.
import type { CleaningReport, ColumnCleaning } from '../../shared/model';
import { EVENT_COLUMNS, MAPPABLE_COLUMNS } from '../../shared/columns';
import { LoupeError } from '../errors';
import { normalizeIp } from './clean';
import { parseTimestamp } from './time';
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, SourceLayout } from './types';
import { SKIP } from './types';
import { NCOLS } from './cols';
import { combinedSpec, commonSpec } from './access';
import { ciddsSpec, csvSpec, readTable, tsvSpec } from './csv';
import { jsonlSpec } from './jsonl';
import { syslogSpec } from './syslog';
import { vpcSpec, w3cSpec, zeekSpec } from './logtables';
import { kvSpec } from './kv';
import { elbSpec } from './elb';
import { squidSpec } from './squid';
import { nfdumpTextSpec } from './nfdumptext';
import { fastLogSpec } from './fastlog';
import { errorLogSpec } from './errorlog';
import { textSpec } from './text';
import { winXmlSpec } from './winxml';
import { evtxJsonSpec } from './evtxjson';
import { dnsSpec } from './dns';
import { panosSpec } from './panos';
import { s3Spec } from './s3access';
import { lastSpec } from './lastlog';

export * from './types';
export { C, NCOLS } from './cols';

/** Minimum confidence for auto-detection to pick a format. */
export const MIN_CONFIDENCE = 0.3;

export function newCounters(): CleaningCounters {
  return { nulls: new Int32Array(NCOLS), coerced: new Int32Array(NCOLS), unparseable: new Int32Array(NCOLS) };
}

/** Adds `b` into `a` (partial counters from parse workers). */
export function mergeCounters(a: CleaningCounters, b: CleaningCounters): void {
  for (let i = 0; i < NCOLS; i++) {
    a.nulls[i] += b.nulls[i];
    a.coerced[i] += b.coerced[i];
    a.unparseable[i] += b.unparseable[i];
  }
  if (b.forwarded) a.forwarded = (a.forwarded ?? 0) + b.forwarded;
}

/** A fresh row of NULLs, one cell per event column. */
export function newRow(): CellValue[] {
  return new Array<CellValue>(NCOLS).fill(null);
}

/** The cleaning report of a source: only columns with a non-zero count appear. */
export function countersToReport(counters: CleaningCounters, quarantineReasons: Record<string, number>, notes: readonly string[]): CleaningReport {
  const columns: Record<string, ColumnCleaning> = {};
  EVENT_COLUMNS.forEach((c, i) => {
    const n = counters.nulls[i];
    const co = counters.coerced[i];
    const u = counters.unparseable[i];
    if (n !== 0 || co !== 0 || u !== 0) columns[c.name] = { null: n, coerced: co, unparseable: u };
  });
  return { columns, quarantineReasons: { ...quarantineReasons }, notes: [...notes] };
}

/**
 * Checks a spec: its samples must be detected as itself and every sample record must parse
 * (comment/header lines may SKIP). Throws an Error naming the spec and the failing sample.
 */
export function validateSpec(spec: FormatSpec): void {
  const where = `format spec "${spec.name}"`;
  if (!/^[a-z][a-z0-9_-]*$/.test(spec.name)) throw new Error(`${where}: invalid name`);
  if (spec.samples.length === 0) throw new Error(`${where}: has no samples`);
  const found = spec.detect(spec.samples);
  if (found === null) throw new Error(`${where}: its own samples are not detected`);
  const parser = spec.createParser({ tz: null, year: 2024, refTime: null, layout: found.layout });
  let parsed = 0;
  spec.samples.forEach((line, i) => {
    if (i + 1 < found.layout.firstRecordLine) return;
    const row = newRow();
    const reason = parser.parse(line, row, newCounters());
    if (reason === SKIP) return;
    if (reason !== null) throw new Error(`${where}: sample ${i + 1} does not parse (${reason}): ${line.slice(0, 120)}`);
    if (row.every((v) => v === null)) throw new Error(`${where}: sample ${i + 1} parses to an empty row`);
    parsed++;
  });
  if (parsed === 0) throw new Error(`${where}: no sample is a record`);
}

/** Built-in formats, most specific first (ties in detection go to the earlier spec). */
export const FORMATS: readonly FormatSpec[] = [ciddsSpec, zeekSpec, w3cSpec, vpcSpec, elbSpec, squidSpec, nfdumpTextSpec, fastLogSpec, errorLogSpec, winXmlSpec, evtxJsonSpec, dnsSpec, panosSpec, s3Spec, lastSpec, combinedSpec, commonSpec, syslogSpec, jsonlSpec, kvSpec, tsvSpec, csvSpec, textSpec];

for (const spec of FORMATS) validateSpec(spec);

const FORMAT_NAMES = FORMATS.map((f) => f.name).join(', ');
const ROLE_NAMES = MAPPABLE_COLUMNS.join(', ');
const HOW = `pass --format <name> (${FORMAT_NAMES}) or --map role=column (roles: ${ROLE_NAMES})`;

export function getFormat(name: string): FormatSpec {
  const spec = FORMATS.find((f) => f.name === name);
  if (!spec) throw new LoupeError('usage', `unknown format "${name}": valid formats are ${FORMAT_NAMES} (or auto)`);
  return spec;
}

/** Every spec's answer for the head, best first (for `loupe formats --detect`-style diagnostics and tests). */
export function rankFormats(headLines: readonly string[]): { name: string; confidence: number; result: DetectResult }[] {
  const out: { name: string; confidence: number; result: DetectResult }[] = [];
  for (const spec of FORMATS) {
    let r: DetectResult | null = null;
    try {
      r = spec.detect(headLines);
    } catch {
      r = null; // a spec that throws on this head is a spec that does not recognise it
    }
    if (r !== null && r.confidence > 0) out.push({ name: spec.name, confidence: r.confidence, result: r });
  }
  // stable sort keeps registry order for equal confidence
  return out.sort((a, b) => b.confidence - a.confidence);
}

/** Printable, one-line view of a line for error messages: control characters escaped, cut to 120 chars. */
function preview(line: string): string {
  const cut = line.length > 120 ? `${line.slice(0, 120)}…` : line;
  return JSON.stringify(cut).replace(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function unmappable(headLines: readonly string[], why: string): LoupeError {
  const lines = headLines.filter((l) => l.trim() !== '');
  const how = HOW;
  if (lines.length === 0) return new LoupeError('unmappable_layout', `${why}: the file has no text lines (empty or binary); ${how}`);
  let table: ReturnType<typeof readTable> = null;
  try {
    table = readTable(lines);
  } catch {
    table = null; // only used to describe what was seen
  }
  if (table !== null && table.headerless) {
    const n = table.header.length;
    return new LoupeError('unmappable_layout', `${why}: a table without a header row (${n} columns, first row ${preview(lines[0])}); name its columns with --map, e.g. ${suggestMap(table.rows, n)} (columns are col1..col${n}; roles: ${ROLE_NAMES})`);
  }
  const t0 = lines[0].trim();
  if (t0 === '[' || t0 === '{' || (t0.startsWith('[') && t0.includes('{'))) {
    return new LoupeError('unmappable_layout', `${why}: this looks like one JSON document (an array or pretty-printed objects), not JSON lines; Loupe reads those as one record per element with --format auto (or jsonl)`);
  }
  if (table !== null) {
    return new LoupeError('unmappable_layout', `${why}: a table with header fields ${table.header.slice(0, 30).map((h) => JSON.stringify(h)).join(', ')} but no column maps to a time or an address; ${how}`);
  }
  return new LoupeError('unmappable_layout', `${why}: first line ${preview(lines[0])}; ${how}`);
}

/**
 * A --map example for a headerless table, from its values: the first column most rows read as a
 * time is ts, the first two that read as addresses src_ip and dst_ip. Only a suggestion in the
 * error message: a guess here would be silent, so Loupe never ingests on it.
 */
function suggestMap(rows: readonly string[][], n: number): string {
  const ctx = { tz: null, year: 2000, refTime: null };
  const share = (test: (v: string) => boolean): number[] =>
    Array.from({ length: n }, (_, c) => rows.filter((r) => test((r[c] ?? '').trim())).length / Math.max(1, rows.length));
  const times = share((v) => v.length >= 8 && !Number.isNaN(parseTimestamp(v, ctx)));
  const ips = share((v) => normalizeIp(v) !== null);
  const ts = times.findIndex((x) => x >= 0.8);
  const addr = ips.flatMap((x, c) => (x >= 0.8 && c !== ts ? [c] : []));
  const parts = [ts >= 0 ? `ts=col${ts + 1}` : null, addr[0] !== undefined ? `src_ip=col${addr[0] + 1}` : null, addr[1] !== undefined ? `dst_ip=col${addr[1] + 1}` : null].filter((p) => p !== null);
  return parts.length > 0 ? `${parts.map((p) => `--map ${p}`).join(' ')} (the columns whose values read as a time and as addresses)` : '--map ts=col1 --map src_ip=col2';
}

/** True when the head looks binary (NULs or many control characters): no text format applies. */
function looksBinary(headLines: readonly string[]): boolean {
  let ctrl = 0;
  let total = 0;
  for (const l of headLines.slice(0, 50)) {
    for (let i = 0; i < l.length && i < 4096; i++) {
      const c = l.charCodeAt(i);
      total++;
      if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 13)) ctrl++;
    }
  }
  return total > 0 && ctrl / total > 0.1;
}

/** What a binary head is, when its magic says so, with what to do instead (null: unknown). */
function binaryKind(first: string): string | null {
  if (first.slice(257, 262) === 'ustar') return 'a tar archive (inside gzip when it was .tar.gz): extract it (tar xf) and ingest the log files in it';
  if (first.startsWith('PK\u0003\u0004')) return 'a zip archive: unzip it and ingest the log files in it';
  if (first.startsWith('7z\ufffd\ufffd')) return 'a 7-Zip archive: extract it and ingest the log files in it';
  if (/^BZh[1-9]1AY&SY/.test(first)) return 'bzip2-compressed: decompress it (bunzip2) first';
  if (first.startsWith('\ufffd7zXZ')) return 'xz-compressed: decompress it (unxz) first';
  if (first.startsWith('ElfFile\u0000')) return 'a binary Windows event log (.evtx): export it as XML (wevtutil qe <log> /lf:true /f:xml, or Event Viewer "Save as XML"), as CSV with EvtxECmd, or as JSON with evtx_dump (evtx_dump -o jsonl file.evtx), and ingest that';
  return null;
}

/**
 * The most confident format for the head of a file. Throws LoupeError('unmappable_layout')
 * saying what was seen and how to pass --format / --map; never a silent guess.
 */
export function detectFormat(headLines: readonly string[]): DetectResult {
  if (looksBinary(headLines)) {
    const first = headLines.find((l) => l.length > 0) ?? '';
    const kind = binaryKind(first);
    if (kind !== null) throw new LoupeError('unmappable_layout', `this is not a text log but ${kind}`);
    throw new LoupeError('unmappable_layout', `this looks like a binary file, not a text log (starts with ${preview(first.slice(0, 40))}); decompress it first if it is an archive other than gzip, or ${HOW}`);
  }
  const ranked = rankFormats(headLines);
  const best = ranked[0];
  if (!best || best.confidence < MIN_CONFIDENCE) throw unmappable(headLines, 'no built-in format recognises this layout');
  return best.result;
}

/** Validates `--map role=column` pairs and returns the layout with them applied (`role=` unmaps a role). */
export function applyMappingOverride(layout: SourceLayout, map: Readonly<Record<string, string>>): SourceLayout {
  const entries = Object.entries(map);
  if (entries.length === 0) return layout;
  if (layout.header === null) {
    throw new LoupeError('usage', `--map does not apply to the ${layout.format} format, whose fields are fixed; it applies to formats with named fields (csv, tsv, cidds, jsonl, kv, w3c, zeek, vpc)`);
  }
  const mapping: Record<string, string> = { ...layout.mapping };
  for (const [role, column] of entries) {
    if (!MAPPABLE_COLUMNS.includes(role as (typeof MAPPABLE_COLUMNS)[number])) {
      throw new LoupeError('usage', `--map ${role}=${column}: unknown role "${role}"; roles are ${ROLE_NAMES}`);
    }
    if (column === '') {
      delete mapping[role];
      continue;
    }
    const exact = layout.header.includes(column) ? column : layout.header.find((h) => h.toLowerCase() === column.toLowerCase());
    if (exact === undefined) {
      const cols = layout.header.slice(0, 40).map((h) => JSON.stringify(h)).join(', ');
      throw new LoupeError('usage', `--map ${role}=${column}: no column "${column}" in this file; its columns are ${cols}`);
    }
    // one column feeds one role: drop any role the column was mapped to by detection
    for (const [r, c] of Object.entries(mapping)) if (c === exact && !(r in map)) delete mapping[r];
    mapping[role] = exact;
  }
  return { ...layout, mapping };
}

/**
 * Detection with the user's choices: a forced `--format` (auto = detect) and `--map` pairs.
 * A forced format whose detector is unsure falls back to the spec's layoutFor (e.g. a CSV with
 * unknown column names that --map then fills in).
 */
export function resolveLayout(headLines: readonly string[], opts: { format?: string | null; map?: Readonly<Record<string, string>> | null } = {}): DetectResult {
  const map = opts.map ?? {};
  const hasMap = Object.keys(map).length > 0;
  let result: DetectResult | null = null;
  if (opts.format && opts.format !== 'auto') {
    const spec = getFormat(opts.format);
    result = spec.detect(headLines);
    if (result === null) {
      const layout = spec.layoutFor?.(headLines) ?? null;
      if (layout === null) throw unmappable(headLines, `this file does not read as ${spec.name}`);
      result = { confidence: 0, layout: { ...layout, format: spec.name } };
    }
  } else {
    try {
      result = detectFormat(headLines);
    } catch (e) {
      if (!hasMap) throw e;
      // the user names the columns: read the head as a table or JSON lines and apply their mapping
      // only the specs whose layout comes from the content itself (named columns or keys)
      for (const spec of [jsonlSpec, csvSpec, kvSpec]) {
        const layout = spec.layoutFor?.(headLines) ?? null;
        if (layout !== null && layout.header !== null) {
          result = { confidence: 0, layout };
          break;
        }
      }
      if (result === null) throw e;
    }
  }
  const layout = applyMappingOverride(result.layout, map);
  if (layout.header !== null && !['ts', 'src_ip', 'dst_ip'].some((r) => layout.mapping[r] !== undefined)) {
    throw unmappable(headLines, 'no column is mapped to ts, src_ip or dst_ip');
  }
  return { confidence: result.confidence, layout };
}
