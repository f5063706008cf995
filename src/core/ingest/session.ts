// A streaming ingest session: push decoded byte chunks that end anywhere; they are framed into
// blocks at record boundaries, parsed (in workers or inline) and written in order, with the
// source's counts exact at every commit. Batch ingest, live follow, stdin and sockets all use it.
//
//   const s = new IngestSession({ sourceId, settings, parser, sink });
//   for await (const chunk of stream) await s.push(chunk);   // await each push: it applies backpressure
//   const totals = await s.end();                            // flushes the last record (no final newline)
//
// Every record becomes an event or a quarantine row: totals.records = events + quarantined.
// Lines that are format furniture (header, comments: SKIP) and blank lines are not records; they
// are counted separately and named in the cleaning notes.
import { EVENT_COLUMNS } from '../../shared/columns';
import type { CleaningReport } from '../../shared/model';
import { LoupeError } from '../errors';
import type { BlockCarrier } from '../formats/types';
import type { SourceCounts } from '../store/sources';
import type { ParsedBlock, ParseSettings } from './batch';
import { RecordFramer, type FramedBlock } from './framing';
import type { BatchSink, BlockParser } from './pipeline';

const NCOLS = EVENT_COLUMNS.length;
export const DEFAULT_BLOCK_SIZE = 1 << 20;
export const DEFAULT_MAX_RECORD_BYTES = 64 << 20;

export interface SessionOptions {
  sourceId: number;
  settings: ParseSettings;
  parser: BlockParser;
  sink: BatchSink;
  /** target block size (default 4 MiB) */
  blockSize?: number;
  /** longest record kept whole (default 64 MiB) */
  maxRecordBytes?: number;
  /** lines at the start of the stream that are a header, not records (layout.firstRecordLine - 1) */
  headerLines?: number;
  /** where a continued stream resumes (live follow): decoded offset, lines and counts so far */
  resume?: { offset: number; lines: number; counts: SourceCounts };
  signal?: AbortSignal;
  /** called once per written batch */
  onBatch?: (t: SessionTotals) => void;
  /** the format's state carried from block to block (each block's parser gets it as layout hints) */
  carrier?: BlockCarrier | null;
}

export interface SessionTotals extends SourceCounts {
  /** decoded bytes consumed so far (header and BOM included) */
  bytes: number;
  lines: number;
  skipped: number;
  blank: number;
  invalidUtf8: number;
  unbalancedQuotes: number;
  forwarded: number;
  forcedCuts: number;
  headerLines: number;
  bom: boolean;
  nulls: Int32Array;
  coerced: Int32Array;
  unparseable: Int32Array;
  reasons: Record<string, number>;
}

interface InFlight {
  offset: number;
  parsed: Promise<ParsedBlock>;
}

export class IngestSession {
  private readonly framer: RecordFramer;
  private readonly queue: InFlight[] = [];
  private readonly t: SessionTotals;
  private headerLeft: number;
  /** bytes held back at the very start until we know whether they begin with a BOM */
  private head: Buffer | null;
  private ended = false;
  private lastYield = Date.now();

  constructor(private readonly o: SessionOptions) {
    const start = o.resume?.offset ?? 0;
    this.headerLeft = o.resume ? 0 : (o.headerLines ?? 0);
    this.head = o.resume ? null : Buffer.alloc(0);
    const c = o.resume?.counts;
    this.t = {
      records: c?.records ?? 0,
      events: c?.events ?? 0,
      quarantined: c?.quarantined ?? 0,
      readOffset: c?.readOffset ?? start,
      minTs: c?.minTs ?? null,
      maxTs: c?.maxTs ?? null,
      bytes: start,
      lines: o.resume?.lines ?? 0,
      skipped: 0,
      blank: 0,
      invalidUtf8: 0,
      unbalancedQuotes: 0,
      forwarded: 0,
      forcedCuts: 0,
      headerLines: 0,
      bom: false,
      nulls: new Int32Array(NCOLS),
      coerced: new Int32Array(NCOLS),
      unparseable: new Int32Array(NCOLS),
      reasons: {},
    };
    this.framer = new RecordFramer({
      framing: o.settings.framing,
      blockSize: o.blockSize ?? DEFAULT_BLOCK_SIZE,
      maxRecordBytes: o.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
      startOffset: start,
    });
  }

  get totals(): Readonly<SessionTotals> {
    return this.t;
  }

  private checkAbort(): void {
    if (this.o.signal?.aborted) throw new LoupeError('cancelled', 'ingest cancelled');
  }

  async push(chunk: Buffer): Promise<void> {
    if (this.ended) throw new LoupeError('internal', 'push after end of an ingest session');
    this.checkAbort();
    let data = chunk;
    if (this.head) {
      // a UTF-8 byte order mark is not part of the first record (its bytes still count in offsets)
      data = Buffer.concat([this.head, data]);
      if (data.length < 3) {
        this.head = data;
        return;
      }
      this.head = null;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        this.t.bom = true;
        this.skipBytes(3);
        data = data.subarray(3);
      }
    }
    while (this.headerLeft > 0 && data.length > 0) {
      const lf = data.indexOf(0x0a);
      const used = lf === -1 ? data.length : lf + 1;
      this.skipBytes(used);
      if (lf !== -1) {
        this.headerLeft--;
        this.t.headerLines++;
        this.t.lines++;
      }
      data = data.subarray(used);
    }
    const step = this.o.blockSize ?? DEFAULT_BLOCK_SIZE;
    for (let at = 0; at < data.length; at += step) {
      for (const block of this.framer.push(data.subarray(at, Math.min(data.length, at + step)))) await this.dispatch(block);
    }
    // buffered chunks arrive as microtasks; give the event loop a turn so hashing and framing
    // many of them back to back never stall it (the UI and signals stay responsive)
    if (Date.now() - this.lastYield > 20) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.lastYield = Date.now();
    }
  }

  /** Flushes the last record and waits until everything is written. Returns the totals. */
  async end(): Promise<SessionTotals> {
    if (this.ended) return this.t;
    this.checkAbort();
    if (this.head && this.head.length) {
      const h = this.head;
      this.head = null;
      await this.push(h);
    }
    this.head = null;
    this.ended = true;
    const last = this.framer.finish();
    if (last) await this.dispatch(last);
    while (this.queue.length) await this.drainOne();
    await this.o.sink.flush();
    this.t.forcedCuts = this.framer.forcedCuts;
    return this.t;
  }

  /** Parses and writes every complete record pushed so far, however few (live follow: low latency). */
  async settle(): Promise<void> {
    const block = this.framer.cutSafe();
    if (block) await this.dispatch(block);
    while (this.queue.length) await this.drainOne();
    await this.o.sink.flush();
  }

  /** Stops without writing what is still in flight; what was committed stays, with exact counts. */
  async abandon(): Promise<void> {
    this.ended = true;
    const left = this.queue.splice(0);
    await Promise.allSettled(left.map((f) => f.parsed));
    await this.o.sink.flush().catch(() => undefined);
  }

  private skipBytes(n: number): void {
    this.t.bytes += n;
    this.framer.skip(n);
  }

  private async dispatch(block: FramedBlock): Promise<void> {
    this.checkAbort();
    // the block is moved to the parser: read its length first
    this.t.bytes += block.bytes.byteLength;
    // read before the block is moved to its parser: what the blocks before it established
    const carried = this.o.carrier ? this.o.carrier.next(block.bytes) : null;
    const settings = carried === null ? this.o.settings : { ...this.o.settings, layout: { ...this.o.settings.layout, hints: { ...this.o.settings.layout.hints, ...carried } } };
    const parsed = this.o.parser.parse({ block: block.bytes, settings });
    // handled in drainOne; this keeps an early failure from being reported as unhandled
    parsed.catch(() => undefined);
    this.queue.push({ offset: block.offset, parsed });
    while (this.queue.length > this.o.parser.parallelism + 1) await this.drainOne();
  }

  private async drainOne(): Promise<void> {
    const f = this.queue.shift()!;
    const p = await f.parsed;
    this.checkAbort();
    const t = this.t;
    const lineBase = t.lines;
    t.lines += p.lines;
    t.events += p.events;
    t.quarantined += p.quarantine.reasons.length;
    t.records = t.events + t.quarantined;
    t.readOffset = f.offset + p.block.byteLength;
    if (p.minTs !== null && (t.minTs === null || p.minTs < t.minTs)) t.minTs = p.minTs;
    if (p.maxTs !== null && (t.maxTs === null || p.maxTs > t.maxTs)) t.maxTs = p.maxTs;
    t.skipped += p.skipped;
    t.blank += p.blank;
    t.invalidUtf8 += p.invalidUtf8;
    t.unbalancedQuotes += p.unbalancedQuotes;
    t.forwarded += p.forwarded;
    for (let c = 0; c < NCOLS; c++) {
      t.nulls[c]! += p.nulls[c]!;
      t.coerced[c]! += p.coerced[c]!;
      t.unparseable[c]! += p.unparseable[c]!;
    }
    for (const r of p.quarantine.reasons) t.reasons[r] = (t.reasons[r] ?? 0) + 1;
    await this.o.sink.write({
      sourceId: this.o.sourceId,
      lineBase,
      offsetBase: f.offset,
      storeRaw: this.o.settings.storeRaw,
      parsed: p,
      counts: { records: t.records, events: t.events, quarantined: t.quarantined, readOffset: t.readOffset, minTs: t.minTs, maxTs: t.maxTs },
    });
    this.o.onBatch?.(t);
  }
}

/** The cleaning report of a session: per-column counts, quarantine reasons, and what a responder should know. */
export function sessionCleaning(t: SessionTotals, notes: string[] = []): CleaningReport {
  const columns: CleaningReport['columns'] = {};
  for (let c = 0; c < NCOLS; c++) {
    if (t.nulls[c] || t.coerced[c] || t.unparseable[c]) {
      columns[EVENT_COLUMNS[c]!.name] = { null: t.nulls[c]!, coerced: t.coerced[c]!, unparseable: t.unparseable[c]! };
    }
  }
  const out = [...notes];
  if (t.bom) out.push('a UTF-8 byte order mark at the start was skipped');
  if (t.headerLines) out.push(`${t.headerLines} header line${t.headerLines === 1 ? '' : 's'} before the first record`);
  if (t.skipped) out.push(`${t.skipped} comment or repeated header line${t.skipped === 1 ? '' : 's'} skipped (not records)`);
  if (t.blank) out.push(`${t.blank} blank line${t.blank === 1 ? '' : 's'} ignored (not records)`);
  if (t.invalidUtf8)
    out.push(`${t.invalidUtf8} event${t.invalidUtf8 === 1 ? '' : 's'} contain bytes that are not valid UTF-8: their columns show U+FFFD, the exact bytes are kept in the raw line`);
  if (t.unbalancedQuotes) out.push(`${t.unbalancedQuotes} record${t.unbalancedQuotes === 1 ? '' : 's'} opened a quote that never closed: each was read as a single line`);
  if (t.forcedCuts) out.push(`${t.forcedCuts} record${t.forcedCuts === 1 ? '' : 's'} longer than the record size limit were cut at a line break`);
  return { columns, quarantineReasons: { ...t.reasons }, notes: out };
}
