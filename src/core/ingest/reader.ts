// Reads one source once: the original bytes are hashed (SHA-256) in the same pass that decodes
// them; gzip is recognised by its magic bytes and inflated as a stream (all members), with a cap
// on the decompressed size against bombs; a gzip that breaks off keeps what decoded and says where.
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { LoupeError } from '../errors';

export const RAW_CHUNK = 1 << 20;
/** compressed bytes fed to zlib at a time, so one feed cannot inflate into a huge burst */
const GZIP_FEED = 64 << 10;

export const GZIP_MAGIC = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The default decompression cap: 1 GiB or 200 times the compressed size, whichever is larger. */
export const defaultMaxDecompressed = (compressedBytes: number): number => Math.max(1024 ** 3, 200 * compressedBytes);

export interface ReaderOptions {
  /** decompressed bytes allowed before the source is refused as a gzip bomb (default: see defaultMaxDecompressed) */
  maxDecompressedBytes?: number;
  signal?: AbortSignal;
}

export class SourceReader {
  private readonly hash = crypto.createHash('sha256');
  /** original (possibly compressed) bytes read and hashed so far */
  rawBytes = 0;
  /** decoded bytes produced so far */
  decodedBytes = 0;
  gzip = false;
  /** set when a gzip stream ended early or was corrupt: one line saying where */
  broken: string | null = null;
  /**
   * UTF-16 text, known by its byte order mark (PowerShell 5's `>` and Out-File, some Windows
   * exports): converted to UTF-8 as it is read, so every parser sees UTF-8. Null for UTF-8.
   */
  utf16: 'le' | 'be' | null = null;
  private digest: string | null = null;

  /**
   * @param open the raw byte stream (a file opened read-only, or stdin)
   * @param sizeHint the file size when known (for the decompression cap), else null
   */
  constructor(
    private readonly open: () => AsyncIterable<Buffer>,
    private readonly sizeHint: number | null,
    private readonly opts: ReaderOptions = {},
  ) {}

  static file(path: string, opts: ReaderOptions = {}): SourceReader {
    const size = fs.statSync(path).size;
    // flags 'r': evidence is only ever opened read-only
    return new SourceReader(() => fs.createReadStream(path, { flags: 'r', highWaterMark: RAW_CHUNK }), size, opts);
  }

  /** SHA-256 of every original byte; available once `chunks()` has been consumed to the end. */
  get sha256(): string {
    if (this.digest === null) throw new LoupeError('internal', 'hash read before the source was fully read');
    return this.digest;
  }

  /** Decoded chunks as UTF-8, in order, ending anywhere (not at record boundaries). */
  async *chunks(): AsyncGenerator<Buffer> {
    let dec: TextDecoder | null = null;
    let first = true;
    for await (const c of this.decompressed()) {
      if (first && c.length > 0) {
        first = false;
        // FF FE / FE FF, but not FF FE 00 00 (UTF-32LE, which no log tool writes)
        const le = c.length >= 2 && c[0] === 0xff && c[1] === 0xfe && !(c.length >= 4 && c[2] === 0 && c[3] === 0);
        const be = c.length >= 2 && c[0] === 0xfe && c[1] === 0xff;
        if (le || be) {
          this.utf16 = le ? 'le' : 'be';
          // the decoder drops the byte order mark; unpaired surrogates become U+FFFD
          dec = new TextDecoder(le ? 'utf-16le' : 'utf-16be');
        }
      }
      if (!dec) {
        yield c;
        continue;
      }
      const s = dec.decode(c, { stream: true });
      if (s.length > 0) yield Buffer.from(s, 'utf8');
    }
    if (dec) {
      const s = dec.decode();
      if (s.length > 0) yield Buffer.from(s, 'utf8');
    }
  }

  /** Decompressed chunks (the bytes as stored when not gzip), in order, ending anywhere. */
  private async *decompressed(): AsyncGenerator<Buffer> {
    const it = this.open()[Symbol.asyncIterator]();
    let first = true;
    let inflater: Inflater | null = null;
    try {
      for (;;) {
        if (this.opts.signal?.aborted) throw new LoupeError('cancelled', 'ingest cancelled');
        const r = await it.next();
        if (r.done) break;
        const raw = r.value;
        this.hash.update(raw);
        this.rawBytes += raw.length;
        if (first) {
          first = false;
          if (GZIP_MAGIC(raw)) {
            this.gzip = true;
            const cap = this.opts.maxDecompressedBytes ?? defaultMaxDecompressed(this.sizeHint ?? 0);
            inflater = new Inflater(cap);
          }
        }
        if (!inflater) {
          this.decodedBytes += raw.length;
          yield raw;
          continue;
        }
        if (this.broken) continue; // keep hashing the rest of the file
        for (let at = 0; at < raw.length && !this.broken; at += GZIP_FEED) {
          const out = await inflater.feed(raw.subarray(at, Math.min(raw.length, at + GZIP_FEED)));
          for (const o of out) {
            this.decodedBytes += o.length;
            yield o;
          }
          this.checkInflater(inflater);
        }
      }
      if (inflater && !this.broken) {
        const out = await inflater.end();
        for (const o of out) {
          this.decodedBytes += o.length;
          yield o;
        }
        this.checkInflater(inflater);
      }
      this.digest = this.hash.digest('hex');
    } finally {
      inflater?.destroy();
      await it.return?.();
    }
  }

  private checkInflater(inf: Inflater): void {
    if (inf.bomb) {
      throw new LoupeError(
        'gzip_bomb',
        `gzip output passed the decompression cap of ${inf.cap} bytes at compressed byte ${inf.consumed()} of ${this.sizeHint ?? '?'}; refused as a possible gzip bomb (raise the cap with --max-decompressed if this is a real log)`,
      );
    }
    if (inf.error && !this.broken) {
      this.broken = `the gzip stream broke at compressed byte ${inf.consumed()} of ${this.sizeHint ?? this.rawBytes} (${inf.error}); the ${this.decodedBytes} bytes decoded before it were kept`;
    }
  }
}

/** zlib's gunzip driven chunk by chunk, collecting output and stopping at a cap. */
class Inflater {
  private readonly z: zlib.Gunzip;
  private out: Buffer[] = [];
  private total = 0;
  private wake: (() => void) | null = null;
  bomb = false;
  error: string | null = null;

  constructor(readonly cap: number) {
    this.z = zlib.createGunzip({ chunkSize: 256 << 10 });
    this.z.on('data', (b: Buffer) => {
      if (this.bomb) return;
      this.total += b.length;
      if (this.total > this.cap) {
        this.bomb = true;
        this.z.pause();
        this.fire();
        return;
      }
      this.out.push(b);
    });
    this.z.on('error', (e: Error) => {
      this.error = e.message;
      this.fire();
    });
    this.z.on('end', () => this.fire());
  }

  consumed(): number {
    return this.z.bytesWritten;
  }

  private fire(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private take(): Buffer[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  /** Inflates one piece; resolves with the output so far once zlib has consumed it (or failed). */
  feed(b: Buffer): Promise<Buffer[]> {
    if (this.error || this.bomb) return Promise.resolve(this.take());
    return new Promise((resolve) => {
      this.wake = () => resolve(this.take());
      this.z.write(b, () => this.fire());
    });
  }

  /** Ends the stream; resolves with the rest of the output (a truncated stream sets `error`). */
  end(): Promise<Buffer[]> {
    if (this.error || this.bomb) return Promise.resolve(this.take());
    return new Promise((resolve) => {
      this.wake = () => resolve(this.take());
      this.z.end();
    });
  }

  destroy(): void {
    this.z.removeAllListeners('data');
    this.z.removeAllListeners('end');
    this.z.destroy();
  }
}
