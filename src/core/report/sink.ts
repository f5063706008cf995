// A buffered file writer with backpressure for streamed exports: it waits for 'drain' instead of
// queueing millions of rows in memory, hashes what it writes, and only renames the finished file
// into place (a cancelled or failed export never leaves a half file under the requested name).
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { LoupeError } from '../errors';

const CHUNK_CHARS = 256 * 1024;

export class FileSink {
  private readonly ws: fs.WriteStream;
  private readonly partial: string;
  private readonly hash = createHash('sha256');
  private buf: string[] = [];
  private bufLen = 0;
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly file: string) {
    const dir = path.dirname(path.resolve(file));
    if (!fs.existsSync(dir)) throw new LoupeError('not_found', `output folder does not exist: ${dir}`);
    this.partial = `${file}.partial`;
    this.ws = fs.createWriteStream(this.partial);
    this.ws.on('error', (e) => {
      this.failure = e;
    });
  }

  async write(s: string): Promise<void> {
    this.buf.push(s);
    this.bufLen += s.length;
    if (this.bufLen >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw new LoupeError('internal', `cannot write ${this.file}: ${this.failure.message}`);
    if (!this.bufLen) return;
    const chunk = Buffer.from(this.buf.join(''), 'utf8');
    this.buf = [];
    this.bufLen = 0;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.ws.write(chunk)) await once(this.ws, 'drain');
  }

  /** Flushes, closes and moves the file into place; returns its size and SHA-256. */
  async close(): Promise<{ bytes: number; sha256: string }> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.ws.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failure) throw new LoupeError('internal', `cannot write ${this.file}: ${(this.failure as Error).message}`);
    fs.renameSync(this.partial, this.file);
    return { bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Drops the partial file (after an error or a cancellation). */
  discard(): void {
    this.ws.destroy();
    fs.rmSync(this.partial, { force: true });
  }
}
