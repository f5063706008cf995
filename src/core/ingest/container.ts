// Container runtime logs: what an application wrote, wrapped by the runtime. Docker's json-file
// driver writes `{"log":"<line>\n","stream":"stdout","time":"…"}` per line, Kubernetes nodes (CRI,
// /var/log/containers/*.log) write `2024-03-05T10:00:00.123456789Z stdout F <line>`. The wrapper is
// removed as the source is read, so the application's own lines (an nginx access log, an sshd
// log…) are detected and typed as if read from the application's file. Lines the runtime split
// (Docker: no trailing newline; CRI: `P`) are joined again.
import { StringDecoder } from 'node:string_decoder';

export type ContainerKind = 'docker' | 'cri';

const DOCKER_START = /^\{\s*"log"\s*:/;
const CRI = /^(\d{4}-\d{2}-\d{2}T\S{1,40}) (stdout|stderr) ([PF]) /;
/** A joined line longer than this is cut into records of this size (a runtime never ends it). */
const MAX_JOINED = 16 << 20;

/** `{"log":"…","stream":"stdout|stderr","time":"…"}` by parsing, never by a backtracking pattern. */
function isDockerLine(l: string): boolean {
  if (!DOCKER_START.test(l)) return false;
  try {
    const o = JSON.parse(l) as { log?: unknown; stream?: unknown; time?: unknown };
    return typeof o.log === 'string' && (o.stream === 'stdout' || o.stream === 'stderr') && typeof o.time === 'string';
  } catch {
    return false;
  }
}

/** The runtime's wrapper when most head lines carry it, else null. */
export function containerKind(lines: readonly string[]): ContainerKind | null {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 50);
  if (head.length === 0) return null;
  const share = (ok: (l: string) => boolean): number => head.filter(ok).length / head.length;
  if (share(isDockerLine) >= 0.8) return 'docker';
  if (share((l) => CRI.test(l)) >= 0.8) return 'cri';
  return null;
}

export class ContainerLogSplitter {
  private readonly decoder = new StringDecoder('utf8');
  /** the unfinished input line, in pieces (a 100 MB line is not re-joined on every chunk) */
  private rest: string[] = [];
  private restLength = 0;
  /** per stream, a line the runtime split, waiting for its end */
  private readonly partial = new Map<string, string>();
  /** records (application lines) written so far */
  records = 0;

  constructor(readonly kind: ContainerKind) {}

  /** Decoded bytes in, the application's lines out (each ending with a line feed). */
  push(chunk: Buffer): Buffer {
    const text = this.decoder.write(chunk);
    const nl = text.lastIndexOf('\n');
    if (nl < 0) {
      this.rest.push(text);
      this.restLength += text.length;
      // an input line that never ends is cut, like any record too long to hold
      return this.restLength > MAX_JOINED ? this.unwrap([this.takeRest()]) : Buffer.alloc(0);
    }
    this.rest.push(text.slice(0, nl));
    const lines = this.takeRest().split('\n');
    this.rest = [text.slice(nl + 1)];
    this.restLength = this.rest[0]!.length;
    return this.unwrap(lines);
  }

  finish(): Buffer {
    this.rest.push(this.decoder.end());
    const last = this.takeRest();
    const out = this.unwrap(last === '' ? [] : [last]);
    let tail = '';
    for (const stream of [...this.partial.keys()]) tail += this.flush(stream);
    return tail === '' ? out : Buffer.concat([out, Buffer.from(tail, 'utf8')]);
  }

  private takeRest(): string {
    const s = this.rest.join('');
    this.rest = [];
    this.restLength = 0;
    return s;
  }

  private unwrap(lines: readonly string[]): Buffer {
    let out = '';
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') continue;
      const piece = this.kind === 'docker' ? dockerLine(line) : criLine(line);
      if (piece === null) {
        // not the wrapper after all: the line as it is (the parser decides)
        out += `${line}\n`;
        continue;
      }
      // stdout and stderr are joined separately: their split lines interleave
      const joined = (this.partial.get(piece.stream) ?? '') + piece.text;
      this.partial.set(piece.stream, joined);
      if (piece.complete || joined.length > MAX_JOINED) out += this.flush(piece.stream);
    }
    return Buffer.from(out, 'utf8');
  }

  private flush(stream: string): string {
    const p = this.partial.get(stream);
    this.partial.delete(stream);
    if (p === undefined || p === '') return '';
    this.records++;
    return `${p.replace(/\r?\n/g, ' ')}\n`;
  }
}

function dockerLine(line: string): { text: string; complete: boolean; stream: string } | null {
  if (!DOCKER_START.test(line)) return null;
  try {
    const o = JSON.parse(line) as { log?: unknown; stream?: unknown };
    if (typeof o.log !== 'string') return null;
    const complete = o.log.endsWith('\n');
    return { text: complete ? o.log.slice(0, o.log.endsWith('\r\n') ? -2 : -1) : o.log, complete, stream: typeof o.stream === 'string' ? o.stream : '' };
  } catch {
    return null;
  }
}

function criLine(line: string): { text: string; complete: boolean; stream: string } | null {
  const m = CRI.exec(line);
  return m === null ? null : { text: line.slice(m[0].length), complete: m[3] === 'F', stream: m[2] };
}

/** The unwrapped head, for format detection. */
export function containerHead(kind: ContainerKind, head: Buffer, complete: boolean): Buffer {
  const s = new ContainerLogSplitter(kind);
  const body = s.push(head);
  return complete ? Buffer.concat([body, s.finish()]) : body;
}
