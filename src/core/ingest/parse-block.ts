// Parses one framed block into a columnar batch: splits records (quote-aware for CSV framing),
// decodes them, runs the format's record parser, and sorts each record into events or quarantine.
// Pure: no files, no SQLite; runs in Piscina workers, or inline for small live chunks and tests.
import { isAscii } from 'node:buffer';
import { EVENT_COLUMNS } from '../../shared/columns';
import { SKIP, type CellValue, type CleaningCounters, type RecordParser } from '../formats/types';
import { NUMERIC_COLUMN, TS_COLUMN, type ParsedBlock, type ParseSettings, type TextCells } from './batch';

const NCOLS = EVENT_COLUMNS.length;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const REPLACEMENT = '\ufffd';

class Int32Grow {
  data: Int32Array;
  length = 0;
  constructor(cap: number) {
    this.data = new Int32Array(Math.max(16, cap));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** an exact-length copy that owns its buffer (so it can be transferred) */
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

class Float64Grow {
  data: Float64Array;
  length = 0;
  constructor(cap: number) {
    this.data = new Float64Array(Math.max(16, cap));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * A text column being filled: cells are encoded into a byte buffer as they come, so the parsed
 * strings (slices of the whole record) die young instead of keeping every record alive until the
 * block ends. The column crosses to the writer as these UTF-8 bytes, moved, not copied: decoding
 * it into one big string here and cloning that through the driving thread to the writer cost two
 * copies and a page fault per 4 KiB on each side. `unitEnds` count UTF-16 units, which UTF-8
 * round-trips preserve (a lone surrogate becomes one U+FFFD); they are left out when the column is
 * all ASCII, where units and bytes are the same.
 */
const EMPTY = Buffer.alloc(0);

class TextGrow {
  private buf: Buffer;
  private bytes = 0;
  private units = 0;
  /** made on the first value; until then only the NULL rows before it are counted */
  private byteEnds: Int32Grow | null = null;
  private unitEnds: Int32Grow | null = null;
  private leadingNulls = 0;
  private readonly nulls: number[] = [];
  private readonly initial: number;
  constructor(private readonly cap: number) {
    // made on the first value (most columns of most formats stay NULL), never from the shared
    // pool: the buffer is moved to the writer whole
    this.buf = EMPTY;
    this.initial = Math.max(1024, cap * 4);
  }
  push(s: string | null): void {
    let byteEnds = this.byteEnds;
    let unitEnds = this.unitEnds;
    if (byteEnds === null || unitEnds === null) {
      if (s === null) {
        this.leadingNulls++;
        return;
      }
      byteEnds = this.byteEnds = new Int32Grow(Math.max(this.cap, this.leadingNulls + 1));
      unitEnds = this.unitEnds = new Int32Grow(Math.max(this.cap, this.leadingNulls + 1));
      // the NULL rows before: empty cells ending at 0 (the arrays start zeroed)
      byteEnds.length = unitEnds.length = this.leadingNulls;
    }
    if (s === null) {
      this.nulls.push(byteEnds.length);
    } else if (s.length > 0) {
      const need = this.bytes + s.length * 3;
      if (need > this.buf.length) {
        const next = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2, this.initial));
        this.buf.copy(next, 0, 0, this.bytes);
        this.buf = next;
      }
      this.bytes += this.buf.write(s, this.bytes);
      this.units += s.length;
    }
    byteEnds.push(this.bytes);
    unitEnds.push(this.units);
  }
  done(): TextCells {
    const n = this.byteEnds?.length ?? this.leadingNulls;
    const nulls = new Uint8Array(n);
    nulls.fill(1, 0, this.leadingNulls);
    for (const i of this.nulls) nulls[i] = 1;
    // a fresh buffer, never EMPTY's: moving the shared one would detach it for every later block
    const bytes = this.buf === EMPTY ? new Uint8Array(0) : new Uint8Array(this.buf.buffer, 0, this.bytes);
    const byteEnds = this.byteEnds?.done() ?? new Int32Array(n);
    return { kind: 'text', bytes, byteEnds, unitEnds: this.units === this.bytes || !this.unitEnds ? null : this.unitEnds.done(), nulls };
  }
}

/** A numeric column (NaN is NULL): nothing is allocated until its first value. */
class NumColumn {
  private grow: Float64Grow | null = null;
  private leadingNulls = 0;
  constructor(private readonly cap: number) {}
  push(v: number): void {
    let g = this.grow;
    if (g === null) {
      if (v !== v) {
        this.leadingNulls++;
        return;
      }
      g = this.grow = new Float64Grow(Math.max(this.cap, this.leadingNulls + 1));
      g.data.fill(NaN, 0, this.leadingNulls);
      g.length = this.leadingNulls;
    }
    g.push(v);
  }
  done(): Float64Array {
    return this.grow?.done() ?? new Float64Array(this.leadingNulls).fill(NaN);
  }
}

/**
 * CSV framing inside a block: for each physical line, the line at which its record ends. A record
 * ends at the first line boundary where the double-quote count since its start is even. One pass
 * over the bytes plus one backward pass, so stray quotes cannot make it quadratic. A quote that
 * never closes before the block ends frames that record as one physical line (-1), so it cannot
 * swallow the rest of the file; the parser then quarantines it.
 */
function csvRecordEnds(block: Buffer): { starts: Int32Array; endLine: Int32Array } {
  const n = block.length;
  const starts: number[] = [0];
  const parity: number[] = [0];
  let q = 0;
  for (let i = 0; i < n; i++) {
    const b = block[i];
    if (b === QUOTE) q ^= 1;
    else if (b === LF && i + 1 < n) {
      starts.push(i + 1);
      parity.push(q);
    }
  }
  // sentinel: the end of the block
  starts.push(n);
  parity.push(q);
  const lines = starts.length - 1;
  const endLine = new Int32Array(lines);
  const nextSame = [-1, -1];
  nextSame[parity[lines]!] = lines;
  for (let i = lines - 1; i >= 0; i--) {
    const p = parity[i]!;
    endLine[i] = nextSame[p]!;
    nextSame[p] = i;
  }
  return { starts: Int32Array.from(starts), endLine };
}

export function parseBlock(input: Uint8Array, settings: ParseSettings, parser: RecordParser): ParsedBlock {
  const block = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const n = block.length;
  const estimate = Math.ceil(n / 120);
  const lineRel = new Int32Grow(estimate);
  const offsetRel = new Int32Grow(estimate);
  const byteLen = new Int32Grow(estimate);
  const qLine = new Int32Grow(4);
  const qOff = new Int32Grow(4);
  const qLen = new Int32Grow(4);
  const reasons: string[] = [];
  const counters: CleaningCounters = { nulls: new Int32Array(NCOLS), coerced: new Int32Array(NCOLS), unparseable: new Int32Array(NCOLS) };
  const numeric: (NumColumn | null)[] = EVENT_COLUMNS.map((_, i) => (NUMERIC_COLUMN[i] ? new NumColumn(estimate) : null));
  const texts: (TextGrow | null)[] = EVENT_COLUMNS.map((_, i) => (NUMERIC_COLUMN[i] ? null : new TextGrow(estimate)));
  const seen = new Uint8Array(NCOLS);
  const row: CellValue[] = new Array<CellValue>(NCOLS).fill(null);
  let events = 0;
  let skipped = 0;
  let blank = 0;
  let invalidUtf8 = 0;
  let unbalancedQuotes = 0;
  let minTs = Infinity;
  let maxTs = -Infinity;
  let line = 0;
  let pos = 0;
  const csv = settings.framing === 'csv';

  const framed = csv ? csvRecordEnds(block) : null;
  // An all-ASCII block (most logs) is decoded once and its records are slices of that string:
  // decoding each record on its own cost more than parsing it. Other blocks decode per record,
  // so invalid UTF-8 stays confined to its record and can be counted.
  const ascii = isAscii(block) ? block.toString('latin1', 0, n) : null;

  while (pos < n) {
    let nl = block.indexOf(LF, pos);
    let end = nl === -1 ? n : nl;
    let spanned = 1;
    if (framed) {
      const endLine = framed.endLine[line]!;
      if (endLine === -1) {
        unbalancedQuotes++;
      } else if (endLine > line + 1) {
        spanned = endLine - line;
        const after = framed.starts[endLine]!;
        nl = block[after - 1] === LF ? after - 1 : -1;
        end = nl === -1 ? after : nl;
      }
    }
    const next = nl === -1 ? n : nl + 1;
    let contentEnd = end;
    if (contentEnd > pos && block[contentEnd - 1] === CR) contentEnd--;
    if (contentEnd === pos) {
      blank++;
    } else {
      const text = ascii !== null ? ascii.substring(pos, contentEnd) : block.toString('utf8', pos, contentEnd);
      for (let i = 0; i < NCOLS; i++) row[i] = null;
      let reason: string | null;
      try {
        reason = parser.parse(text, row, counters);
      } catch (e) {
        reason = `parser error: ${(e as Error).message}`;
      }
      if (reason === SKIP) {
        skipped++;
      } else if (reason !== null) {
        qLine.push(line);
        qOff.push(pos);
        qLen.push(contentEnd - pos);
        reasons.push(reason);
      } else {
        if (ascii === null && text.includes(REPLACEMENT) && !Buffer.from(text, 'utf8').equals(block.subarray(pos, contentEnd))) invalidUtf8++;
        lineRel.push(line);
        offsetRel.push(pos);
        byteLen.push(contentEnd - pos);
        for (let c = 0; c < NCOLS; c++) {
          const v = row[c];
          const num = numeric[c];
          if (num) {
            let x = v === null || v === undefined ? NaN : typeof v === 'number' ? v : Number(v);
            if (!Number.isFinite(x)) x = NaN;
            num.push(x);
            if (x === x) seen[c] = 1;
          } else {
            const s = v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
            texts[c]!.push(s);
            if (s !== null) seen[c] = 1;
          }
        }
        const ts = row[TS_COLUMN];
        if (typeof ts === 'number' && Number.isFinite(ts)) {
          if (ts < minTs) minTs = ts;
          if (ts > maxTs) maxTs = ts;
        }
        events++;
      }
    }
    line += spanned;
    pos = next;
  }

  const present: number[] = [];
  const cells: ParsedBlock['cells'] = EVENT_COLUMNS.map(() => null);
  for (let c = 0; c < NCOLS; c++) {
    if (!seen[c]) continue;
    present.push(c);
    const num = numeric[c];
    if (num) {
      cells[c] = { kind: 'num', values: num.done() };
    } else {
      cells[c] = texts[c]!.done();
    }
  }
  return {
    block: input,
    lines: line,
    events,
    lineRel: lineRel.done(),
    offsetRel: offsetRel.done(),
    byteLen: byteLen.done(),
    present,
    cells,
    quarantine: { lineRel: qLine.done(), offsetRel: qOff.done(), byteLen: qLen.done(), reasons },
    nulls: counters.nulls,
    coerced: counters.coerced,
    unparseable: counters.unparseable,
    skipped,
    blank,
    invalidUtf8,
    unbalancedQuotes,
    forwarded: counters.forwarded ?? 0,
    minTs: minTs === Infinity ? null : minTs,
    maxTs: maxTs === -Infinity ? null : maxTs,
  };
}
