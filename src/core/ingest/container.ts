// Container runtime logs: what an application wrote, wrapped by the runtime. Docker's json-file
// driver writes `{"log":"<line>\n","stream":"stdout","time":"…"}` per line, Kubernetes nodes (CRI,
// /var/log/containers/*.log) write `2024-03-05T10:00:00.123456789Z stdout F <line>`. The wrapper is
// removed as the source is read, so the application's own lines (an nginx access log, an sshd
// log…) are detected and typed as if read from the application's file. Lines the runtime split
// (Docker: no trailing newline; CRI: `P`) are joined again.
import { StringDecoder } from 'node:string_decoder';

export type ContainerKind = 'docker' | 'cri';

const DOCKER = /^\{\s*"log"\s*:\s*".*"stream"\s*:\s*"(?:stdout|stderr)".*"time"\s*:\s*"[^"]+"\s*\}\s*$/;
const CRI = /^(\d{4}-\d{2}-\d{2}T\S+) (stdout|stderr) ([PF]) (.*)$/;

/** The runtime's wrapper when most head lines carry it, else null. */
export function containerKind(lines: readonly string[]): ContainerKind | null {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 50);
  if (head.length === 0) return null;
  const share = (re: RegExp): number => head.filter((l) => re.test(l)).length / head.length;
  if (share(DOCKER) >= 0.8) return 'docker';
  if (share(CRI) >= 0.8) return 'cri';
  return null;
}

export class ContainerLogSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';
  /** a line the runtime split, waiting for its end */
  private partial = '';
  /** records (application lines) written so far */
  records = 0;

  constructor(readonly kind: ContainerKind) {}

  /** Decoded bytes in, the application's lines out (each ending with a line feed). */
  push(chunk: Buffer): Buffer {
    const text = this.rest + this.decoder.write(chunk);
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return this.unwrap(lines);
  }

  finish(): Buffer {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    const out = this.unwrap(last === '' ? [] : [last]);
    if (this.partial === '') return out;
    const tail = Buffer.from(`${this.partial}\n`, 'utf8');
    this.partial = '';
    this.records++;
    return Buffer.concat([out, tail]);
  }

  private unwrap(lines: readonly string[]): Buffer {
    let out = '';
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') continue;
      const piece = this.kind === 'docker' ? dockerLine(line) : criLine(line);
      if (piece === null) {
        // not the wrapper after all: the line as it is (the parser decides)
        out += `${this.flush()}${line}\n`;
        continue;
      }
      this.partial += piece.text;
      if (piece.complete) out += this.flush();
    }
    return Buffer.from(out, 'utf8');
  }

  private flush(): string {
    if (this.partial === '') return '';
    const s = `${this.partial.replace(/\r?\n/g, ' ')}\n`;
    this.partial = '';
    this.records++;
    return s;
  }
}

function dockerLine(line: string): { text: string; complete: boolean } | null {
  if (!/^\{\s*"log"\s*:/.test(line)) return null;
  try {
    const o = JSON.parse(line) as { log?: unknown };
    if (typeof o.log !== 'string') return null;
    const complete = o.log.endsWith('\n');
    return { text: complete ? o.log.slice(0, o.log.endsWith('\r\n') ? -2 : -1) : o.log, complete };
  } catch {
    return null;
  }
}

function criLine(line: string): { text: string; complete: boolean } | null {
  const m = CRI.exec(line);
  return m === null ? null : { text: m[4], complete: m[3] === 'F' };
}

/** The unwrapped head, for format detection. */
export function containerHead(kind: ContainerKind, head: Buffer, complete: boolean): Buffer {
  const s = new ContainerLogSplitter(kind);
  const body = s.push(head);
  return complete ? Buffer.concat([body, s.finish()]) : body;
}
