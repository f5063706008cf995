// The contract between format specs (what a log looks like) and the ingest pipeline
// (how bytes move). Specs are data plus small pure functions; they never touch files or SQLite.
import type { CleaningReport } from '../../shared/model';

/** How the pipeline cuts a byte stream into records. */
export type Framing =
  /** one record per line (LF or CRLF) */
  | 'lines'
  /** RFC 4180: a newline inside double quotes does not end the record */
  | 'csv';

/** What detection learned from the head of a file, passed to every parser of that source. */
export interface SourceLayout {
  format: string;
  /** header fields (CSV/TSV/Zeek/W3C), if the format has one */
  header: string[] | null;
  /** delimiter for delimited formats */
  delimiter?: string;
  /** role (canonical column name) -> source field name */
  mapping: Record<string, string>;
  /** records before this line number (1-based) are header/comment lines, not records */
  firstRecordLine: number;
  /** anything else a spec needs to remember between detection and parsing */
  hints?: Record<string, string | number | boolean>;
  /**
   * a second format for the records this one refuses, when the head showed lines of both (an nginx
   * container's access lines beside its error lines): see formats/alternate.ts
   */
  alt?: SourceLayout;
}

export interface ParseContext {
  /** IANA zone for timestamps without an offset; null = UTC by default (stated in the case) */
  tz: string | null;
  /** year for year-less timestamps (syslog); null when the source has none */
  year: number | null;
  /**
   * Latest plausible time of the source (its mtime, epoch ms), or null. A year-less timestamp
   * that would fall more than a day after it belongs to the previous year (a log spanning New Year).
   */
  refTime: number | null;
  layout: SourceLayout;
}

/**
 * Cleaning counters for one source, indexed by the position of the column in EVENT_COLUMNS,
 * so the hot loop increments a typed array instead of building objects.
 */
export interface CleaningCounters {
  nulls: Int32Array;
  coerced: Int32Array;
  unparseable: Int32Array;
  /** access-log clients read from X-Forwarded-For behind a proxy (the report says how many) */
  forwarded?: number;
}

/** A value in a parsed row: positions follow EVENT_COLUMNS. */
export type CellValue = string | number | null;

export interface RecordParser {
  /**
   * Parses one record (without its line terminator). Fills `row` (length EVENT_COLUMNS.length,
   * reset to null by the caller) and returns null, or returns the quarantine reason
   * ("not a combined log line", "unterminated quote", "missing timestamp", ...).
   * Header/comment lines that are not records return the special reason SKIP.
   */
  parse(text: string, row: CellValue[], counters: CleaningCounters): string | null;
}

/** Returned by a parser for lines that are part of the format but not records (comments, repeated headers). */
export const SKIP = '\u0000skip';

/**
 * State a format carries across block boundaries. Blocks are parsed in parallel and out of order,
 * so a parser cannot remember what an earlier block said; the reading thread, which sees blocks in
 * order, runs the carrier over each block before handing it out, and the block's parser is built
 * with what the lines before it established (as layout hints).
 */
export interface BlockCarrier {
  /** the hints for this block as of its first record; then reads the block, to carry it on */
  next(block: Uint8Array): Record<string, string>;
}

export interface DetectResult {
  /** 0..1: how sure the spec is that the head is in its format */
  confidence: number;
  layout: SourceLayout;
}

export interface FormatSpec {
  /** stable id used by --format and stored in the case */
  name: string;
  title: string;
  description: string;
  framing: Framing;
  /** real-looking lines; loading a spec parses each, and tests check the expected fields */
  samples: readonly string[];
  /**
   * Looks at the first lines (decoded, at most ~64 KiB) and says how sure it is.
   * Must not throw on any input.
   */
  detect(headLines: readonly string[]): DetectResult | null;
  /**
   * Optional: the layout to use when the user forces this format (`--format`) or maps columns
   * (`--map`) although detection was not sure, e.g. a CSV whose header names no known role.
   * Null when the head cannot be read this way at all. Must not throw.
   */
  layoutFor?(headLines: readonly string[]): SourceLayout | null;
  createParser(ctx: ParseContext): RecordParser;
  /** Optional: state to carry from block to block of one source (see BlockCarrier). */
  createCarrier?(ctx: ParseContext): BlockCarrier;
}

/** Per-source cleaning report built from the counters when the source is done. */
export type { CleaningReport };
