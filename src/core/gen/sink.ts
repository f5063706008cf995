// Writes generated text to disk in ~1 MiB chunks (plain or gzip), so memory stays flat however
// many lines are generated. Callers push lines synchronously and await only when a chunk is full.
import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';

const CHUNK = 1 << 20;
/** Bytes one UTF-16 code unit can need in UTF-8 (a line is flushed ahead when it might not fit). */
const MAX_BYTES_PER_UNIT = 3;

export class LineSink {
  /** Lines are encoded straight into one reusable buffer: no giant rope strings, little garbage. */
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private fd: number | null = null;
  private gz: zlib.Gzip | null = null;
  private out: fs.WriteStream | null = null;
  private written = 0;
  lines = 0;

  constructor(
    readonly path: string,
    gzip: boolean,
  ) {
    if (gzip) {
      // Level 6 is gzip's default; the output bytes depend only on the input, so seeds stay reproducible.
      this.gz = zlib.createGzip({ level: 6 });
      this.out = fs.createWriteStream(path);
      this.gz.pipe(this.out);
    } else {
      this.fd = fs.openSync(path, 'w');
    }
  }

  /** Appends one line (without its newline). Returns a promise only when a chunk was handed off. */
  push(line: string): void | Promise<void> {
    this.lines++;
    if (this.pos + (line.length + 1) * MAX_BYTES_PER_UNIT > this.buf.length) return this.pushSlow(line);
    this.pos += this.buf.write(line, this.pos, 'utf8');
    this.buf[this.pos++] = 10;
    return undefined;
  }

  private async pushSlow(line: string): Promise<void> {
    await this.flush();
    if ((line.length + 1) * MAX_BYTES_PER_UNIT > this.buf.length) this.buf = Buffer.allocUnsafe((line.length + 1) * MAX_BYTES_PER_UNIT);
    this.pos += this.buf.write(line, this.pos, 'utf8');
    this.buf[this.pos++] = 10;
  }

  /** Appends text that is not counted as a record (a CSV header). */
  header(text: string): void {
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  private async flush(): Promise<void> {
    if (this.pos === 0) return;
    this.written += this.pos;
    if (this.fd !== null) {
      fs.writeSync(this.fd, this.buf, 0, this.pos);
      this.pos = 0;
      // Let timers and signals run between chunks (progress, Ctrl-C) instead of starving the loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else if (this.gz) {
      // The compressor keeps a reference to what it is given: hand it a copy, keep our buffer.
      const data = Buffer.from(this.buf.subarray(0, this.pos));
      this.pos = 0;
      if (!this.gz.write(data)) await once(this.gz, 'drain');
    }
  }

  /** Flushes and closes; returns the number of uncompressed bytes written. */
  async close(): Promise<number> {
    await this.flush();
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    } else if (this.gz && this.out) {
      const done = once(this.out, 'close');
      this.gz.end();
      await done;
    }
    return this.written;
  }
}
