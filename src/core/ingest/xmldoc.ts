// Windows event XML as a stream of records: `wevtutil qe /f:xml` writes events back to back on one
// line, Event Viewer's "Save as XML" wraps them in <Events> with line breaks anywhere. The splitter
// rewrites the decoded bytes to one <Event>…</Event> per line (line breaks inside an event become
// spaces) for the `winxml` parser, dropping only what is outside events (the XML declaration, the
// <Events> wrapper, whitespace). It holds at most a few bytes between chunks: any size streams.

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const OPEN = Buffer.from('<Event');
const CLOSE = Buffer.from('</Event>');

/** `<Event` followed by whitespace or `>` (not `<Events>`, `<EventData>`, `<EventID>`) at or after `from`; -2 when the buffer ends too soon to tell. */
function eventStart(buf: Buffer, from: number): number {
  for (let at = buf.indexOf(OPEN, from); at >= 0; at = buf.indexOf(OPEN, at + 1)) {
    if (at + 6 >= buf.length) return -2;
    const c = buf[at + 6];
    if (c === 0x3e || c === SPACE || c === LF || c === CR || c === 0x09) return at;
  }
  return -1;
}

/** A copy of `b` with line breaks turned into spaces. */
function flat(b: Buffer): Buffer {
  const out = Buffer.from(b);
  for (let i = 0; i < out.length; i++) if (out[i] === LF || out[i] === CR) out[i] = SPACE;
  return out;
}

export class EventXmlSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private inEvent = false;
  /** records emitted so far */
  records = 0;

  push(chunk: Uint8Array): Buffer {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: Buffer[] = [];
    let i = 0;
    for (;;) {
      if (!this.inEvent) {
        const at = eventStart(buf, i);
        if (at < 0) {
          // keep a possible `<Event` cut by the chunk end
          const keep = at === -2 ? buf.lastIndexOf(OPEN) : Math.max(i, buf.length - OPEN.length);
          this.carry = Buffer.from(buf.subarray(Math.max(i, keep)));
          return Buffer.concat(out);
        }
        this.inEvent = true;
        i = at;
      }
      const end = buf.indexOf(CLOSE, i);
      if (end < 0) {
        // emit what cannot be part of `</Event>`, keep the rest
        const safe = Math.max(i, buf.length - (CLOSE.length - 1));
        if (safe > i) out.push(flat(buf.subarray(i, safe)));
        this.carry = Buffer.from(buf.subarray(safe));
        return Buffer.concat(out);
      }
      out.push(flat(buf.subarray(i, end + CLOSE.length)), Buffer.from([LF]));
      this.records++;
      this.inEvent = false;
      i = end + CLOSE.length;
    }
  }

  /** The end: an event cut off is still emitted (the parser quarantines what it cannot read). */
  finish(): Buffer {
    const rest = this.inEvent ? Buffer.concat([flat(this.carry), Buffer.from([LF])]) : Buffer.alloc(0);
    if (this.inEvent) this.records++;
    this.carry = Buffer.alloc(0);
    this.inEvent = false;
    return rest;
  }
}

/** Whether a head is Windows event XML: it opens with `<` and holds an <Event> with an <EventID>. */
export function looksLikeEventXml(head: Buffer): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === SPACE || head[i] === LF || head[i] === CR || head[i] === 0x09)) i++;
  if (head[i] !== 0x3c) return false;
  return eventStart(head, i) >= 0 && head.indexOf('<EventID', i) >= 0;
}

/** The head of an event XML export as the record lines the splitter will produce (for detection). */
export function eventXmlHead(head: Buffer, complete: boolean): Buffer {
  const s = new EventXmlSplitter();
  const body = s.push(head);
  return complete ? Buffer.concat([body, s.finish()]) : body;
}
