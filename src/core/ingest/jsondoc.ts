// JSON documents (not JSON lines) as a stream of records: a top-level array (`[{...},{...}]`,
// Azure/Okta/Kibana exports), an object wrapping an array of objects (`{"Records":[...]}` as
// CloudTrail writes it, `{"value":[...]}`, `{"hits":{"hits":[...]}}`), or pretty-printed objects one
// after another. The splitter rewrites the decoded bytes into one record per line, so the JSON
// lines parser, framing, workers and quarantine all apply unchanged; it never buffers more than a
// bounded probe, so a document of any size streams in flat memory.
//
// What changes for the responder (said in the cleaning notes): a record's "line" is its position
// in the document, its raw text is the element with line breaks between tokens turned into
// spaces, and keys outside the record array (`NextToken`, `took`) are not records.
//
// Azure NSG / VNet flow log records, which pack many connections into one record, are written as
// one line per connection (`../formats/azureflow.ts`): there a line is one flow tuple, and its
// record's position in the document is kept in it (`record.n`).
import { expandAzureFlowRecord } from '../formats/azureflow';

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

const isWs = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;

/** evtx_dump's line before each event of its default JSON output. */
const RECORD_SEPARATOR = /^Record \d{1,20}\s*$/;
const SEPARATOR_MAX = 32;

/** Longest prefix of the first object kept while looking for the array of records inside it. */
const PROBE_LIMIT = 1 << 20;

export class JsonDocSplitter {
  private depth = 0;
  private inStr = false;
  private esc = false;
  /** depth at which record values start: 0 (top-level values) or inside the record array */
  private recordDepth = 0;
  private inRecord = false;
  /** the record is a scalar (string, number, literal): it ends at a separator, not a bracket */
  private scalar = false;
  /** first top-level object: bytes held while looking for an array of objects inside it */
  private probe: number[] | null = null;
  private probing = false;
  private seenFirst = false;
  /** depth of a '[' seen while probing whose first value is not known yet (-1: none) */
  private arrayAt = -1;
  /** after the record array closed: the rest of its wrapper object is skipped */
  private skipping = false;
  private lastString: number[] = [];
  private stringStart = false;
  /** the key of the record array (`Records`), when it was found inside an object */
  key: string | null = null;
  /** records emitted so far */
  records = 0;
  /** `Record N` lines evtx_dump writes before each pretty-printed event: separators, not records */
  separators = 0;
  /** a top-level line that starts like such a separator, held until its end */
  private sep: number[] | null = null;

  private out: Buffer = Buffer.alloc(0);
  private n = 0;

  private emit(c: number): void {
    if (this.n === this.out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(64, this.out.length * 2));
      this.out.copy(bigger, 0, 0, this.n);
      this.out = bigger;
    }
    this.out[this.n++] = c;
  }

  private endRecord(): void {
    this.emit(LF);
    this.inRecord = false;
    this.scalar = false;
    this.records++;
  }

  /** Azure flow log records seen and the tuple lines written for them (see FlowTupleLines) */
  readonly flows = new FlowTupleLines();

  /** Decoded bytes in, records out (one per line, each ending with a line feed). */
  push(chunk: Uint8Array): Buffer {
    this.out = Buffer.allocUnsafe(chunk.length + 64);
    this.n = 0;
    for (let i = 0; i < chunk.length; i++) this.step(chunk[i]!);
    return this.flows.push(this.out.subarray(0, this.n));
  }

  /** The end of the document: a record left open (cut or invalid) is still emitted, to be quarantined. */
  finish(): Buffer {
    this.out = Buffer.allocUnsafe(64);
    this.n = 0;
    // a last line that began like a separator: ended here as if by a line feed
    if (this.sep !== null) this.separatorStep(LF);
    if (this.probing) {
      this.inRecord = true;
      this.flushProbe();
    }
    if (this.inRecord) this.endRecord();
    return Buffer.concat([this.flows.push(this.out.subarray(0, this.n)), this.flows.finish()]);
  }

  private flushProbe(): void {
    const p = this.probe!;
    this.probe = null;
    this.probing = false;
    this.arrayAt = -1;
    for (const c of p) this.emit(c);
  }

  private step(c: number): void {
    // a UTF-8 byte order mark before the document is not part of it
    if (!this.seenFirst && this.depth === 0 && (c === 0xef || c === 0xbb || c === 0xbf)) return;
    if (this.sep !== null) {
      this.separatorStep(c);
      return;
    }
    if (this.inStr) {
      if (this.esc) this.esc = false;
      else if (c === BACKSLASH) this.esc = true;
      else if (c === QUOTE) this.inStr = false;
      if (this.probing) {
        if (this.inStr && this.lastString.length < 256) this.lastString.push(c);
        this.keep(c === LF || c === CR ? SPACE : c);
      } else if (this.inRecord) this.emit(c === LF || c === CR ? SPACE : c);
      return;
    }
    if (isWs(c)) {
      if (this.inRecord && this.scalar && this.depth === this.recordDepth) this.endRecord();
      else if (this.probing) this.keep(SPACE);
      else if (this.inRecord) this.emit(SPACE);
      return;
    }
    if (this.skipping) {
      if (this.nest(c)) {
        this.skipping = false;
        this.recordDepth = 0;
      }
      return;
    }
    if (this.probing) {
      this.probeStep(c);
      return;
    }
    if (!this.inRecord) {
      if (this.depth !== this.recordDepth) return; // cannot happen outside a record; defensive
      if (c === COMMA) return;
      if (c === 0x52 && this.depth === 0) {
        // `R`: perhaps evtx_dump's `Record 1234` line
        this.sep = [c];
        return;
      }
      if (c === RBRACKET && this.recordDepth > 0) {
        // the record array closed: skip the rest of whatever wraps it
        this.depth--;
        if (this.depth === 0) this.recordDepth = 0;
        else this.skipping = true;
        return;
      }
      if (c === LBRACKET && this.depth === 0 && !this.seenFirst) {
        // a top-level array: its elements are the records
        this.seenFirst = true;
        this.depth = 1;
        this.recordDepth = 1;
        return;
      }
      if (c === LBRACE && this.depth === 0 && !this.seenFirst) {
        this.seenFirst = true;
        this.probing = true;
        this.probe = [];
        this.depth = 1;
        this.keep(c);
        return;
      }
      this.seenFirst = true;
      this.inRecord = true;
      this.emit(c);
      if (c === LBRACE || c === LBRACKET) this.depth++;
      else if (c === QUOTE) {
        this.inStr = true;
        this.scalar = true;
      } else this.scalar = true;
      return;
    }
    if (this.scalar && this.depth === this.recordDepth) {
      if (c === COMMA) {
        this.endRecord();
        return;
      }
      if (c === RBRACKET && this.recordDepth > 0) {
        this.endRecord();
        this.step(c);
        return;
      }
      if (c === LBRACE || c === LBRACKET) {
        // a new value glued to a scalar: the scalar ended
        this.endRecord();
        this.step(c);
        return;
      }
      this.emit(c);
      return;
    }
    this.emit(c);
    if (c === QUOTE) this.inStr = true;
    else if (c === LBRACE || c === LBRACKET) this.depth++;
    else if (c === RBRACE || c === RBRACKET) {
      this.depth--;
      if (this.depth <= this.recordDepth) {
        this.depth = this.recordDepth;
        this.endRecord();
      }
    }
  }

  /** A top-level line that began with `R`: dropped when it is `Record <n>`, else one record line of its own (the parser quarantines it). */
  private separatorStep(c: number): void {
    const sep = this.sep!;
    if (c !== LF && sep.length <= SEPARATOR_MAX) {
      sep.push(c);
      return;
    }
    this.sep = null;
    if (c === LF && RECORD_SEPARATOR.test(Buffer.from(sep).toString('latin1'))) {
      this.separators++;
      return;
    }
    this.seenFirst = true;
    for (const b of sep) this.emit(b === CR ? SPACE : b);
    if (c === LF) {
      this.inRecord = true;
      this.endRecord();
      return;
    }
    // longer than any separator: the rest of the line is the same record, read as a scalar
    this.inRecord = true;
    this.scalar = true;
    this.step(c);
  }

  private keep(c: number): void {
    this.probe!.push(c);
    if (this.probe!.length > PROBE_LIMIT) {
      // no array of records near the start: the first object is itself a record
      this.inRecord = true;
      this.flushProbe();
    }
  }

  private probeStep(c: number): void {
    if (this.arrayAt >= 0) {
      if (c === LBRACE) {
        // an array of objects inside the first object: its elements are the records
        const key = Buffer.from(this.lastString).toString('utf8');
        this.key = key === '' ? null : key;
        this.probe = null;
        this.probing = false;
        this.recordDepth = this.arrayAt;
        this.depth = this.arrayAt;
        this.arrayAt = -1;
        this.step(c);
        return;
      }
      this.arrayAt = -1;
    }
    this.keep(c);
    if (!this.probing) {
      // the probe overflowed and became a record: carry on as one
      this.trackRecord(c);
      return;
    }
    if (c === QUOTE) {
      this.inStr = true;
      this.lastString = [];
    } else if (c === LBRACKET) {
      this.depth++;
      this.arrayAt = this.depth;
    } else if (c === LBRACE) this.depth++;
    else if (c === RBRACE || c === RBRACKET) {
      this.depth--;
      if (this.depth === 0) {
        // the first object closed without an array of objects: it was one record
        this.inRecord = true;
        this.flushProbe();
        this.endRecord();
      }
    }
  }

  private trackRecord(c: number): void {
    if (this.nest(c)) this.endRecord();
  }

  /** Follows strings and nesting for a byte outside a string; true when it closes back to the top level. */
  private nest(c: number): boolean {
    if (c === QUOTE) this.inStr = true;
    else if (c === LBRACE || c === LBRACKET) this.depth++;
    else if ((c === RBRACE || c === RBRACKET) && --this.depth <= 0) {
      this.depth = 0;
      return true;
    }
    return false;
  }
}

/** A record line longer than this is passed on whole, not expanded (bounded memory). */
const MAX_EXPANDED_RECORD = 64 << 20;

/**
 * The splitter's record lines, with Azure NSG / VNet flow log records written as one line per flow
 * tuple. Which kind the document is, is decided on its first record (Azure writes one kind per
 * blob), so any other document passes through untouched and unscanned. A record that is not a flow
 * record, holds no tuple or is not valid JSON stays one line: nothing is lost, and the parser
 * quarantines what it cannot read.
 */
export class FlowTupleLines {
  /** null until the first record is seen; then whether records are expanded */
  private expanding: boolean | null = null;
  private pending: Buffer[] = [];
  private pendingLen = 0;
  /** the current record outgrew MAX_EXPANDED_RECORD: the rest of its line passes through */
  private passing = false;
  private recordNo = 0;
  /** flow log records expanded, and the tuple lines written for them */
  records = 0;
  tuples = 0;

  push(lines: Buffer): Buffer {
    if (this.passThrough() || lines.length === 0) return lines;
    const out: Buffer[] = [];
    let pos = 0;
    while (pos < lines.length) {
      const nl = lines.indexOf(LF, pos);
      if (nl === -1) {
        this.hold(lines.subarray(pos), out);
        break;
      }
      if (this.passing) {
        out.push(lines.subarray(pos, nl + 1));
        this.passing = false;
      } else {
        this.pending.push(lines.subarray(pos, nl));
        const line = Buffer.concat(this.pending);
        this.pending = [];
        this.pendingLen = 0;
        out.push(this.record(line));
      }
      this.recordNo++;
      pos = nl + 1;
      if (this.passThrough()) {
        out.push(lines.subarray(pos));
        break;
      }
    }
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  /** the first record was not a flow record: every line passes through as it is */
  private passThrough(): boolean {
    return this.expanding === false;
  }

  /**
   * The record line being gathered (a head cut inside a record shows it, as without expansion).
   * A first flow record longer than the head (over 8 MiB: ~130,000 tuples) is shown as the tuples
   * the head holds, so detection sees the tuple lines the whole record will become, not an
   * envelope without an address that no format maps (the file was rejected).
   */
  held(): Buffer {
    const line = Buffer.concat(this.pending);
    if (this.expanding !== null || line.indexOf('"flowTuples"') < 0) return line;
    const closed = closeTruncated(line.toString('utf8'));
    const tuples = closed === null ? null : expandAzureFlowRecord(closed, this.recordNo + 1);
    return tuples === null ? line : Buffer.from(tuples.join('\n') + '\n', 'utf8');
  }

  finish(): Buffer {
    if (this.pendingLen === 0) return Buffer.alloc(0);
    // the splitter ends every record with a line feed; a tail here is defensive
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingLen = 0;
    return line;
  }

  private hold(part: Buffer, out: Buffer[]): void {
    if (this.passing) {
      out.push(part);
      return;
    }
    // copied: the splitter reuses nothing, but the caller may
    this.pending.push(Buffer.from(part));
    this.pendingLen += part.length;
    if (this.pendingLen > MAX_EXPANDED_RECORD) {
      out.push(...this.pending);
      this.pending = [];
      this.pendingLen = 0;
      this.passing = true;
    }
  }

  private record(line: Buffer): Buffer {
    const text = line.toString('utf8');
    const tuples = expandAzureFlowRecord(text, this.recordNo + 1);
    if (this.expanding === null) this.expanding = tuples !== null;
    if (tuples === null) return Buffer.concat([line, NEWLINE]);
    this.records++;
    this.tuples += tuples.length;
    // in slices: a record's tuple lines joined at once outgrow V8's longest string (~512 MiB,
    // a 54 MB record of 3,000,000 short tuples) and the whole source failed with "Invalid string length"
    const parts: Buffer[] = [];
    for (let i = 0; i < tuples.length; i += 8192) parts.push(Buffer.from(tuples.slice(i, i + 8192).join('\n') + '\n', 'utf8'));
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }
}

const NEWLINE = Buffer.from([LF]);

/**
 * A JSON text cut short, closed after its last string value that a comma followed (a string before
 * a comma is a value, never a key), or null when there is none: the cut record's complete part.
 * Two linear passes (find the cut, then the brackets open at it), never a stack copy per comma.
 */
export function closeTruncated(text: string): string | null {
  const cut = scanJson(text, text.length).cut;
  if (cut < 0) return null;
  return text.slice(0, cut) + scanJson(text, cut).open.reverse().join('');
}

/** Over text[0, end): the end of the last string value a comma followed, and the brackets still open. */
function scanJson(text: string, end: number): { cut: number; open: string[] } {
  const open: string[] = [];
  let inStr = false;
  let strEnd = -1;
  let cut = -1;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === QUOTE) {
        inStr = false;
        strEnd = i;
      }
      continue;
    }
    if (c === QUOTE) inStr = true;
    else if (c === LBRACE) open.push('}');
    else if (c === LBRACKET) open.push(']');
    else if (c === RBRACE || c === RBRACKET) open.pop();
    else if (c === 44 && strEnd >= 0) cut = strEnd + 1;
    if (c !== QUOTE && !isWs(c)) strEnd = -1;
  }
  return { cut, open };
}

/**
 * Whether a head is one JSON document rather than JSON lines: it opens with `[` and an element
 * (object, array, string), or with `{` on a
 * first line that is not a whole object (pretty-printed, or a one-line document longer than the
 * head), or is a single line holding an object that wraps an array of objects (CloudTrail).
 */
export function looksLikeJsonDocument(head: Buffer, lines: readonly string[]): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isWs(head[i]!)) i++;
  if (i >= head.length) return false;
  if (head[i] === LBRACKET) {
    // `[{`, `[[`, `["`, `[]`: JSON; `[Wed May 01 …]`, `[2024-05-01 …]` are log lines in brackets
    let j = i + 1;
    while (j < head.length && isWs(head[j]!)) j++;
    return j >= head.length || head[j] === LBRACE || head[j] === LBRACKET || head[j] === RBRACKET || head[j] === QUOTE;
  }
  if (head[i] !== LBRACE) {
    // evtx_dump's default output: `Record 1` then a pretty-printed event, and so on
    const [a, b] = lines.filter((l) => l.trim() !== '');
    return a !== undefined && b !== undefined && RECORD_SEPARATOR.test(a) && b.trim().startsWith('{');
  }
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined) return true; // one line longer than the head
  let obj: unknown;
  try {
    obj = JSON.parse(first);
  } catch {
    return true;
  }
  if (obj === null || typeof obj !== 'object') return false;
  const nonBlank = lines.filter((l) => l.trim() !== '').length;
  return nonBlank === 1 && Object.values(obj).some((v) => Array.isArray(v) && v.length > 0 && v.every((e) => e !== null && typeof e === 'object' && !Array.isArray(e)));
}

/** The head of a JSON document as the record lines the splitter will produce (for detection). */
export function documentHead(head: Buffer, complete: boolean): Buffer {
  const s = new JsonDocSplitter();
  const body = s.push(head);
  return complete ? Buffer.concat([body, s.finish()]) : Buffer.concat([body, s.flows.held()]);
}
