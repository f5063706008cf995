// Writes generated text to disk in ~1 MiB chunks (plain or gzip), so memory stays flat however
// many lines are generated. Callers push lines synchronously and await only when a chunk is full.
import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';

const CHUNK = 1 << 20;

export class LineSink {
  private buf = '';
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
    this.buf += line;
    this.buf += '\n';
    this.lines++;
    if (this.buf.length >= CHUNK) return this.flush();
    return undefined;
  }

  /** Appends text that is not counted as a record (a CSV header). */
  header(text: string): void {
    this.buf += text;
  }

  private async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const data = Buffer.from(this.buf, 'utf8');
    this.buf = '';
    this.written += data.length;
    if (this.fd !== null) {
      fs.writeSync(this.fd, data);
    } else if (this.gz) {
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
