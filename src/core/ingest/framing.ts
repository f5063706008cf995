// Cuts a decoded byte stream (chunks ending anywhere) into blocks that end at record boundaries:
// after a line feed, and for CSV framing only where the double-quote count is even (outside quotes).
// A UTF-8 character or a quoted newline split across chunks stays whole because blocks are cut on
// bytes that can only be record terminators, never in the middle of the pending data.
import type { Framing } from '../formats/types';

const LF = 0x0a;
const QUOTE = 0x22;

export interface FramedBlock {
  /** owns its ArrayBuffer (offset 0, exact length), so it can be moved to a worker */
  bytes: Uint8Array;
  /** byte offset of the block's first byte in the decoded stream */
  offset: number;
}

export interface FramerOptions {
  framing: Framing;
  /** target block size in bytes (a few MiB for files; tests use tiny blocks) */
  blockSize: number;
  /**
   * Longest record kept whole. Past it a record is cut at the last line feed (CSV: an unterminated
   * quote stops being honoured) or, with no line feed at all, at this size. Counted in `forcedCuts`.
   */
  maxRecordBytes: number;
  /** offset of the first byte pushed (a resumed or followed source) */
  startOffset?: number;
}

export class RecordFramer {
  private chunks: Buffer[] = [];
  private pending = 0;
  /** bytes from the pending start up to the last safe cut (0 = none yet) */
  private safe = 0;
  /** quote parity of the pending bytes (CSV) */
  private parity = 0;
  private offset: number;
  forcedCuts = 0;

  constructor(private readonly opts: FramerOptions) {
    this.offset = opts.startOffset ?? 0;
  }

  /** Bytes pushed but not yet emitted in a block. */
  get pendingBytes(): number {
    return this.pending;
  }

  /** Advances past bytes that are not records (a BOM, header lines); only before any pending data. */
  skip(n: number): void {
    if (this.pending) throw new Error('framer: skip with pending data');
    this.offset += n;
  }

  push(chunk: Buffer): FramedBlock[] {
    if (chunk.length === 0) return [];
    const before = this.pending;
    this.chunks.push(chunk);
    this.pending += chunk.length;
    if (this.opts.framing === 'csv') {
      const { parity, safeAt } = scanQuotes(chunk, this.parity);
      this.parity = parity;
      if (safeAt >= 0) this.safe = before + safeAt + 1;
    } else {
      const at = chunk.lastIndexOf(LF);
      if (at >= 0) this.safe = before + at + 1;
    }
    const out: FramedBlock[] = [];
    if (this.pending >= this.opts.blockSize) {
      if (this.safe > 0) out.push(this.cut(this.safe));
      else if (this.pending >= this.opts.maxRecordBytes) out.push(this.forceCut());
    }
    return out;
  }

  /** Everything up to the last record boundary as a block now, whatever its size (live follow), or null. */
  cutSafe(): FramedBlock | null {
    return this.safe > 0 ? this.cut(this.safe) : null;
  }

  /** The rest of the stream as a last block (a final record without a line feed), or null. */
  finish(): FramedBlock | null {
    if (this.pending === 0) return null;
    return this.cut(this.pending);
  }

  private cut(at: number): FramedBlock {
    // one copy: each pending chunk goes straight into the block (or into the remainder)
    const bytes = new Uint8Array(new ArrayBuffer(at));
    let filled = 0;
    let i = 0;
    let rest: Buffer = Buffer.alloc(0);
    for (; i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      const take = Math.min(c.length, at - filled);
      bytes.set(take === c.length ? c : c.subarray(0, take), filled);
      filled += take;
      if (filled === at) {
        rest = c.subarray(take);
        i++;
        break;
      }
    }
    const restChunks = [rest, ...this.chunks.slice(i)].filter((c) => c.length > 0);
    const restLen = this.pending - at;
    // the remainder is copied so the consumed chunks can be freed
    const remainder = restChunks.length === 1 ? Buffer.from(restChunks[0]!) : Buffer.concat(restChunks, restLen);
    this.chunks = restLen ? [remainder] : [];
    this.pending = restLen;
    this.safe = 0;
    const block = { bytes, offset: this.offset };
    this.offset += at;
    if (this.opts.framing === 'csv' && restLen) {
      // parity was 0 at a safe cut; after a forced cut it must be recounted for the remainder
      const { parity, safeAt } = scanQuotes(remainder, 0);
      this.parity = parity;
      if (safeAt >= 0) this.safe = safeAt + 1;
    } else if (restLen) {
      const lf = remainder.lastIndexOf(LF);
      if (lf >= 0) this.safe = lf + 1;
    } else {
      this.parity = 0;
    }
    return block;
  }

  private forceCut(): FramedBlock {
    this.forcedCuts++;
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.pending);
    this.chunks = [all];
    // CSV: an unterminated quote is no longer honoured; cut at the last line feed if there is one
    const lf = all.lastIndexOf(LF);
    return this.cut(lf >= 0 ? lf + 1 : this.pending);
  }
}

/**
 * The quote parity after `bytes` (starting from `parity`) and the last newline outside quotes
 * (-1: none). Where quotes are sparse it jumps from quote to quote with the native indexOf and
 * finds newlines between them with lastIndexOf: a flow CSV has no quotes at all, and a
 * byte-by-byte loop over it was 1.25 s of the reading thread per 226 MB. Where they are dense
 * (every field quoted) the byte loop is cheaper than a call per quote, and takes over.
 */
export function scanQuotes(bytes: Uint8Array, parity: number): { parity: number; safeAt: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let q = parity;
  let safeAt = -1;
  let pos = 0;
  let quotes = 0;
  while (pos < buf.length) {
    if (quotes > 64 && quotes * 256 > pos) {
      for (let i = pos; i < buf.length; i++) {
        const b = buf[i];
        if (b === QUOTE) q ^= 1;
        else if (b === LF && q === 0) safeAt = i;
      }
      break;
    }
    const nq = buf.indexOf(QUOTE, pos);
    const end = nq < 0 ? buf.length : nq;
    // [pos, end) holds no quote: outside quotes, its last newline is a safe cut
    if (q === 0 && end > pos) {
      const lf = buf.subarray(pos, end).lastIndexOf(LF);
      if (lf >= 0) safeAt = pos + lf;
    }
    if (nq < 0) break;
    quotes++;
    q ^= 1;
    pos = nq + 1;
  }
  return { parity: q, safeAt };
}
