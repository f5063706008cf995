// The two ends a session plugs together: where blocks are parsed (a Piscina pool, or inline) and
// where batches are written (the writer thread, or an inline writer on a connection the caller owns).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { LoupeError } from '../errors';
import { sourceParser } from '../formats/alternate';
import type { FormatSpec, RecordParser } from '../formats/types';
import { workerFile } from '../paths';
import type { Db } from '../store/case';
import { transferList, type ParsedBlock, type ParseSettings, type ParseTask } from './batch';
import { parseBlock } from './parse-block';
import { EventWriter, type WriteBatch } from './writer';
import type { WriterReply, WriterRequest } from './writer-thread';
import type { ErrorCode } from '../../shared/model';

export interface BlockParser {
  parse(task: ParseTask): Promise<ParsedBlock>;
  /** how many blocks may be parsed at once (the session keeps at most about this many in flight) */
  readonly parallelism: number;
  close(): Promise<void>;
}

export interface BatchSink {
  /** resolves once the writer has room for another batch (not necessarily committed) */
  write(b: WriteBatch): Promise<void>;
  /** resolves when every batch written so far is committed */
  flush(): Promise<void>;
  createIndexes(): Promise<void>;
  close(): Promise<void>;
}

/** Builds a record parser from settings; shared by the inline parser and the worker. */
export function parserFor(spec: FormatSpec, s: ParseSettings, getSpec: (name: string) => FormatSpec): RecordParser {
  return sourceParser(spec, { tz: s.tz, year: s.year, refTime: s.refTime, layout: s.layout }, getSpec);
}

/** Parses on the calling thread: small live chunks, tests, and specs that are not built in. */
export class InlineParser implements BlockParser {
  readonly parallelism = 1;
  private cache: { key: string; parser: RecordParser } | null = null;
  constructor(private readonly resolve: (format: string) => FormatSpec) {}
  parse(task: ParseTask): Promise<ParsedBlock> {
    const key = JSON.stringify(task.settings);
    if (!this.cache || this.cache.key !== key) this.cache = { key, parser: parserFor(this.resolve(task.settings.format), task.settings, this.resolve) };
    return Promise.resolve(parseBlock(task.block, task.settings, this.cache.parser));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Parses in Piscina workers (src/workers/parse.ts); blocks are moved there and back, not copied. */
export class PoolParser implements BlockParser {
  readonly parallelism: number;
  private readonly pool: Piscina;
  constructor(threads = Math.max(1, os.availableParallelism())) {
    this.parallelism = threads;
    this.pool = new Piscina({
      filename: workerFile('parse'),
      minThreads: threads,
      maxThreads: threads,
      maxQueue: threads * 4,
      idleTimeout: 5000,
      // parse garbage dies young: a small young generation keeps each worker's memory low
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
  }
  parse(task: ParseTask): Promise<ParsedBlock> {
    return this.pool.run(task, { transferList: [task.block.buffer as ArrayBuffer] }) as Promise<ParsedBlock>;
  }
  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** Writes on the calling thread into a connection the caller owns (live follow, tests). */
export class InlineSink implements BatchSink {
  private readonly writer: EventWriter;
  constructor(db: Db) {
    this.writer = new EventWriter(db);
  }
  write(b: WriteBatch): Promise<void> {
    this.writer.write(b);
    return Promise.resolve();
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  createIndexes(): Promise<void> {
    this.writer.createIndexes();
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

type Pending = { resolve: () => void; reject: (e: Error) => void };

/** The writer thread (src/workers/ingest-writer.ts) with a bounded number of batches in flight. */
export class ThreadSink implements BatchSink {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | null = null;
  private waiters: (() => void)[] = [];

  constructor(
    caseFile: string,
    private readonly maxInFlight = 3,
  ) {
    this.worker = new Worker(workerFile('ingest-writer'), { workerData: { caseFile }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker.on('message', (m: WriterReply) => {
      const p = this.pending.get(m.seq);
      this.pending.delete(m.seq);
      if (m.type === 'error') {
        const err = new LoupeError(m.code as ErrorCode, `writing the case failed: ${m.message}`);
        this.failure ??= err;
        p?.reject(err);
      } else p?.resolve();
      this.wake();
    });
    this.worker.on('error', (e) => this.fail(new LoupeError('internal', `the case writer stopped: ${e.message}`)));
    this.worker.on('exit', (code) => {
      if (this.pending.size) this.fail(new LoupeError('internal', `the case writer exited (code ${code}) with ${this.pending.size} batches unwritten`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private request(m: WriterRequest, transfer: ArrayBuffer[] = []): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.pending.set(m.seq, { resolve, reject });
      this.worker.postMessage(m, transfer);
    });
  }

  async write(b: WriteBatch): Promise<void> {
    while (this.pending.size >= this.maxInFlight && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
    const done = this.request({ type: 'write', seq: ++this.seq, batch: b }, transferList(b.parsed));
    // failures surface through `failure` on the next write or flush
    done.catch(() => undefined);
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0 && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  async createIndexes(): Promise<void> {
    await this.flush();
    await this.request({ type: 'indexes', seq: ++this.seq });
  }

  async close(): Promise<void> {
    if (!this.failure) {
      try {
        await this.flush();
        await this.request({ type: 'close', seq: ++this.seq });
      } finally {
        await this.worker.terminate();
      }
      return;
    }
    await this.worker.terminate();
  }
}
