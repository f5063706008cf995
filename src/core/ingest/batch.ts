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

/**
 * A text column as UTF-8: cell i is bytes[byteEnds[i - 1] ?? 0 .. byteEnds[i]), NULL where
 * nulls[i] is 1. `unitEnds` are the same ends in UTF-16 units of the decoded text, null when every
 * byte is ASCII (then they equal byteEnds). `bytes` is a view from offset 0 of a buffer the
 * column owns, so it can be moved between threads.
 */
export interface TextCells {
  kind: 'text';
  bytes: Uint8Array;
  byteEnds: Int32Array;
  unitEnds: Int32Array | null;
  nulls: Uint8Array;
}

/**
 * Reads a text column's cells in order without decoding it into one big string: the bytes are
 * decoded a piece (about 64 KiB, whole cells) at a time, which stays in V8's ordinary heap.
 */
export class TextCellReader {
  private readonly buf: Buffer;
  private piece = '';
  /** cells [pieceFirst, pieceEnd) are in `piece`; unitBase is the units before pieceFirst */
  private pieceFirst = 0;
  private pieceEnd = 0;
  private unitBase = 0;
  constructor(private readonly cells: TextCells) {
    this.buf = Buffer.from(cells.bytes.buffer, cells.bytes.byteOffset, cells.bytes.byteLength);
  }
  /** cell i (call with increasing i; NULL cells are the caller's business) */
  get(i: number): string {
    if (i >= this.pieceEnd || i < this.pieceFirst) this.load(i);
    const { byteEnds, unitEnds } = this.cells;
    const ends = unitEnds ?? byteEnds;
    const start = i === 0 ? 0 : ends[i - 1]!;
    return this.piece.substring(start - this.unitBase, ends[i]! - this.unitBase);
  }
  private load(i: number): void {
    const { byteEnds, unitEnds } = this.cells;
    const n = byteEnds.length;
    const from = i === 0 ? 0 : byteEnds[i - 1]!;
    let j = i + 1;
    while (j < n && byteEnds[j]! - from <= PIECE_BYTES) j++;
    const to = byteEnds[j - 1]!;
    this.piece = unitEnds === null ? this.buf.toString('latin1', from, to) : this.buf.toString('utf8', from, to);
    this.pieceFirst = i;
    this.pieceEnd = j;
    this.unitBase = i === 0 ? 0 : (unitEnds ?? byteEnds)[i - 1]!;
  }
}

const PIECE_BYTES = 64 * 1024;

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
  /** access-log clients taken from X-Forwarded-For (CleaningCounters.forwarded) */
  forwarded: number;
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
      add(c.byteEnds);
      if (c.unitEnds) add(c.unitEnds);
      add(c.nulls);
      if (c.bytes.byteOffset === 0 && c.bytes.buffer instanceof ArrayBuffer) out.add(c.bytes.buffer);
    }
  }
  add(b.quarantine.lineRel);
  add(b.quarantine.offsetRel);
  add(b.quarantine.byteLen);
  return [...out];
}
