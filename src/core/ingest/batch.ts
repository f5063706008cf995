// The columnar batch a parse worker hands to the writer: typed arrays and one joined string per
// text column, so a block of ~15k records crosses threads as a few buffers, not 15k objects.
import { EVENT_COLUMNS } from '../../shared/columns';
import type { Framing, SourceLayout } from '../formats/types';

/** Column positions (in EVENT_COLUMNS) that hold numbers; the rest hold text. */
export const NUMERIC_COLUMN = EVENT_COLUMNS.map((c) => c.type !== 'text');
export const TS_COLUMN = EVENT_COLUMNS.findIndex((c) => c.name === 'ts');

/** What a parse task needs besides the bytes: plain data, so it crosses to a worker. */
export interface ParseSettings {
  format: string;
  framing: Framing;
  layout: SourceLayout;
  tz: string | null;
  year: number | null;
  refTime: number | null;
  /** keep each event's raw bytes in `events.raw` (sources that cannot be re-read: stdin, sockets) */
  storeRaw: boolean;
}

export interface ParseTask {
  /** whole records only (the framer cut it at a record boundary), except the final block */
  block: Uint8Array;
  settings: ParseSettings;
}

/** A numeric column: NaN marks SQL NULL. */
export interface NumericCells {
  kind: 'num';
  values: Float64Array;
}

/** A text column: cell i is text.slice(ends[i - 1] ?? 0, ends[i]), NULL where nulls[i] is 1. */
export interface TextCells {
  kind: 'text';
  text: string;
  ends: Int32Array;
  nulls: Uint8Array;
}

export interface ParsedBlock {
  /** the block itself, moved back: quarantine rows and `events.raw` are slices of it */
  block: Uint8Array;
  /** line terminators in the block: the next block's first line number is this far on */
  lines: number;
  events: number;
  /** per event: line index within the block (0-based), byte offset and length within the block */
  lineRel: Int32Array;
  offsetRel: Int32Array;
  byteLen: Int32Array;
  /** columns with at least one non-NULL value, by position in EVENT_COLUMNS */
  present: number[];
  cells: (NumericCells | TextCells | null)[];
  quarantine: { lineRel: Int32Array; offsetRel: Int32Array; byteLen: Int32Array; reasons: string[] };
  /** cleaning counters, indexed like EVENT_COLUMNS */
  nulls: Int32Array;
  coerced: Int32Array;
  unparseable: Int32Array;
  /** lines that are part of the format but not records (comments, repeated headers) */
  skipped: number;
  blank: number;
  /** events whose bytes are not valid UTF-8 (text columns show U+FFFD; the raw form keeps the bytes) */
  invalidUtf8: number;
  /** records whose quote never closed before the block end: framed as single lines instead */
  unbalancedQuotes: number;
  minTs: number | null;
  maxTs: number | null;
}

/** Buffers of a parsed block that can be transferred instead of copied. */
export function transferList(b: ParsedBlock): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const add = (v: ArrayBufferView): void => {
    if (v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
  };
  add(b.block);
  add(b.lineRel);
  add(b.offsetRel);
  add(b.byteLen);
  for (const c of b.cells) {
    if (!c) continue;
    if (c.kind === 'num') add(c.values);
    else {
      add(c.ends);
      add(c.nulls);
    }
  }
  add(b.quarantine.lineRel);
  add(b.quarantine.offsetRel);
  add(b.quarantine.byteLen);
  return [...out];
}
