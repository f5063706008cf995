// Follows a growing file like `tail -F`: appends are read as they arrive, rotation (rename and
// recreate) and truncation (copytruncate) are handled, and only complete lines are handed on —
// a partial last line waits for its newline. Polling, not fs.watch: watch events are lost on
// rotation and on some file systems, and a 100 ms poll keeps alert latency far under a second.
import fs from 'node:fs';

export interface TailChunk {
  /** complete lines (each ending in \n), raw bytes */
  bytes: Buffer;
  /** generation of the file (0 for the file found at start, +1 per rotation or truncation) */
  generation: number;
}

export interface TailEvents {
  onChunk(chunk: TailChunk): void | Promise<void>;
  /** a rotation or truncation was seen; `reason` is one line for the user */
  onReset?(reason: string): void;
}

export interface TailOptions {
  pollMs?: number;
  /** read what the file holds already (default true), or start at its end */
  fromStart?: boolean;
  /** most bytes read per poll, so one huge append does not stall the loop */
  maxReadBytes?: number;
}

export class FileTailer {
  private fd: number | null = null;
  private ino = -1;
  private offset = 0;
  private partial: Buffer = Buffer.alloc(0);
  /** the last bytes read before `offset`: if they change, the file was truncated and rewritten past our offset */
  private signature: Buffer = Buffer.alloc(0);
  private generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private busy: Promise<void> = Promise.resolve();
  private readonly pollMs: number;
  private readonly maxRead: number;

  constructor(
    readonly path: string,
    private readonly events: TailEvents,
    private readonly opts: TailOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 100;
    this.maxRead = opts.maxReadBytes ?? 8 * 1024 * 1024;
  }

  /** Opens the file (it must exist) and starts polling. */
  start(): void {
    this.open();
    if (this.opts.fromStart === false) this.offset = fs.fstatSync(this.fd!).size;
    this.schedule(0);
  }

  /** Stops polling; with `flush`, a trailing partial line is handed on as a last record. */
  async stop(flush = false): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
    await this.poll(true);
    if (flush) await this.flushPartial();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** One poll now (tests use it to avoid waiting for the timer). */
  pollNow(): Promise<void> {
    this.busy = this.busy.then(() => this.poll(false));
    return this.busy;
  }

  private open(): void {
    // read-only: evidence is never modified
    this.fd = fs.openSync(this.path, 'r');
    this.ino = fs.fstatSync(this.fd).ino;
    this.offset = 0;
    this.signature = Buffer.alloc(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.busy = this.busy.then(() => this.poll(false)).finally(() => this.schedule(this.pollMs));
    }, ms);
  }

  private async poll(final: boolean): Promise<void> {
    if (this.fd === null) return;
    if (final) return this.drain();
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(this.path);
    } catch {
      // between rename and recreate: finish the old file, the new one is not there yet
      return this.drain();
    }
    if (st.ino !== this.ino) {
      // rotated: the old descriptor still reads the renamed file; finish it, then switch
      await this.drain();
      await this.flushPartial();
      fs.closeSync(this.fd);
      this.open();
      this.generation++;
      this.events.onReset?.(`${this.path} was rotated; following the new file`);
    } else if (st.size < this.offset || !this.signatureHolds()) {
      // checked before reading: a truncated file that regrew past our offset must not be read from the middle
      await this.flushPartial();
      this.offset = 0;
      this.signature = Buffer.alloc(0);
      this.generation++;
      this.events.onReset?.(`${this.path} was truncated; reading it again from the start`);
    }
    await this.drain();
  }

  private signatureHolds(): boolean {
    if (!this.signature.length || this.fd === null) return true;
    const buf = Buffer.alloc(this.signature.length);
    const n = fs.readSync(this.fd, buf, 0, buf.length, this.offset - this.signature.length);
    return n === buf.length && buf.equals(this.signature);
  }

  /** Reads everything between the offset and the end of the open file. */
  private async drain(): Promise<void> {
    if (this.fd === null) return;
    for (;;) {
      const size = fs.fstatSync(this.fd).size;
      if (size <= this.offset) return;
      const len = Math.min(size - this.offset, this.maxRead);
      const buf = Buffer.allocUnsafe(len);
      const n = fs.readSync(this.fd, buf, 0, len, this.offset);
      if (n <= 0) return;
      this.offset += n;
      const got = buf.subarray(0, n);
      this.signature = Buffer.from(got.subarray(Math.max(0, n - 64)));
      await this.take(got);
      if (n < len) return;
    }
  }

  private async take(buf: Buffer): Promise<void> {
    const data = this.partial.length ? Buffer.concat([this.partial, buf]) : buf;
    const lastNl = data.lastIndexOf(0x0a);
    if (lastNl < 0) {
      this.partial = Buffer.from(data);
      return;
    }
    this.partial = Buffer.from(data.subarray(lastNl + 1));
    await this.events.onChunk({ bytes: data.subarray(0, lastNl + 1), generation: this.generation });
  }

  /** A partial line that can no longer grow (rotation, truncation, stop) is still a record. */
  private async flushPartial(): Promise<void> {
    if (!this.partial.length) return;
    const bytes = Buffer.concat([this.partial, Buffer.from('\n')]);
    this.partial = Buffer.alloc(0);
    await this.events.onChunk({ bytes, generation: this.generation });
  }
}

/**
 * Frames a byte stream (stdin, a socket) into complete lines; the remainder waits for more.
 * Returns a push function and a final flush.
 */
export function lineFramer(onLines: (bytes: Buffer) => void | Promise<void>): { push(b: Buffer): Promise<void>; end(): Promise<void> } {
  let partial: Buffer = Buffer.alloc(0);
  return {
    async push(b) {
      const data = partial.length ? Buffer.concat([partial, b]) : b;
      const lastNl = data.lastIndexOf(0x0a);
      if (lastNl < 0) {
        partial = Buffer.from(data);
        return;
      }
      partial = Buffer.from(data.subarray(lastNl + 1));
      await onLines(data.subarray(0, lastNl + 1));
    },
    async end() {
      if (!partial.length) return;
      const rest = Buffer.concat([partial, Buffer.from('\n')]);
      partial = Buffer.alloc(0);
      await onLines(rest);
    },
  };
}
