// Splunk's CSV exports (Export in the search app, `outputcsv`, the REST API's `output_mode=csv`):
// a table of Splunk's own fields (`_time`, `host`, `source`, `sourcetype`, `index` …) beside `_raw`,
// the event as its log wrote it. The table alone reads as nothing (its fields are Splunk's, not the
// log's: an sshd failure is one `_raw` cell), so the `_raw` cells are the records: they are cut out
// of the CSV as the source is read (quote-aware, a quoted line break is a space), and detected and
// typed as if read from the log's own file. Splunk's columns are not kept; a record's raw text is
// its `_raw`. A `_raw` that no one format reads falls back to the table (see ingest.ts).
import { StringDecoder } from 'node:string_decoder';

/** Splunk's own field names: one beside `_raw` says the table is Splunk's. */
const SPLUNK_FIELDS = new Set(['_time', 'host', 'source', 'sourcetype', 'index', '_indextime', 'splunk_server', '_cd', '_serial', 'linecount', 'eventtype']);
/** A `_raw` longer than this is cut into records of this size. */
const MAX_RAW = 16 << 20;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** The position of `_raw` when the head's first line is a Splunk export's header, else null. */
export function splunkRawIndex(lines: readonly string[]): number | null {
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined) return null;
  const names = first
    .replace(/^\ufeff/, '')
    .trim()
    .split(',')
    .map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
  const raw = names.indexOf('_raw');
  return raw >= 0 && names.some((n) => SPLUNK_FIELDS.has(n)) ? raw : null;
}

export class SplunkRawSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private inQuotes = false;
  /** a quote inside quotes: the end of the field, or the first of a doubled quote */
  private quoteSeen = false;
  private field = 0;
  private raw: string[] = [];
  private rawLength = 0;
  private header = true;
  private atStart = true;
  /** records (non-empty `_raw` cells) written so far */
  records = 0;
  /** rows whose `_raw` was empty: nothing to read */
  empty = 0;

  constructor(readonly rawIndex: number) {}

  /** Decoded bytes in, the `_raw` cells out (each ending with a line feed). */
  push(chunk: Buffer): Buffer {
    return Buffer.from(this.scan(this.decoder.write(chunk)), 'utf8');
  }

  /** The end of the export: a last row without a line feed still counts. */
  finish(): Buffer {
    let out = this.scan(this.decoder.end());
    if (this.inQuotes && this.quoteSeen) this.inQuotes = false;
    if (this.field > 0 || this.rawLength > 0) out += this.endRow();
    return Buffer.from(out, 'utf8');
  }

  private scan(text: string): string {
    let out = '';
    // the start in `text` of the current run of `_raw` characters, -1 when outside one
    let run = -1;
    const flush = (end: number): void => {
      if (run >= 0 && end > run) {
        this.raw.push(text.slice(run, end));
        this.rawLength += end - run;
      }
      run = -1;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.inQuotes) {
        if (!this.quoteSeen) {
          if (c === QUOTE) {
            flush(i);
            this.quoteSeen = true;
          } else if (run < 0 && this.field === this.rawIndex) run = i;
          continue;
        }
        this.quoteSeen = false;
        if (c === QUOTE) {
          // "" inside quotes is one quote: this one is text
          if (this.field === this.rawIndex) run = i;
          continue;
        }
        this.inQuotes = false; // the quote before closed the field: c is outside it
      }
      if (c === QUOTE && this.atStart) {
        this.inQuotes = true;
        this.atStart = false;
        continue;
      }
      this.atStart = false;
      if (c === COMMA || c === LF || c === CR) {
        flush(i);
        if (c === COMMA) this.field++;
        else if (c === LF) out += this.endRow();
        this.atStart = c !== CR;
        continue;
      }
      if (run < 0 && this.field === this.rawIndex) run = i;
      if (run >= 0 && this.rawLength + i + 1 - run > MAX_RAW) {
        // a cell longer than any record is held: cut here, the rest is the next record
        flush(i + 1);
        out += this.emit();
      }
    }
    flush(text.length);
    return out;
  }

  private emit(): string {
    const whole = this.raw.join('');
    this.raw = [];
    this.rawLength = 0;
    const raw = winEventLogRecord(whole) ?? whole.replace(/\r\n|\r|\n/g, ' ');
    if (raw.trim() === '') {
      this.empty++;
      return '';
    }
    this.records++;
    return `${raw}\n`;
  }

  private endRow(): string {
    this.field = 0;
    this.atStart = true;
    if (this.header) {
      this.header = false;
      this.raw = [];
      this.rawLength = 0;
      return '';
    }
    return this.emit();
  }
}

/** The first line of a Windows event in Splunk's classic WinEventLog format: its local time. */
const WIN_CLASSIC_TIME = /^(\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}(?: [AP]M)?)\r?\n(?=\w+=)/;
const WIN_CLASSIC_FIELD = /^(\w+)=(.*)$/;

/**
 * A Windows event as Splunk's Universal Forwarder writes it without XML (`WinEventLog:Security`):
 * a time line, `Key=Value` lines (LogName, EventCode, ComputerName, Keywords …), then `Message=`
 * and the rendered message over many lines. Its lines cannot become spaces (the message's
 * "Account Name:" would run into the next field), so the event becomes one JSON object with the
 * message's line breaks kept, read as JSON lines are (EventCode types logons, the message gives
 * the address and account). Null for any other text.
 */
export function winEventLogRecord(raw: string): string | null {
  const m = WIN_CLASSIC_TIME.exec(raw);
  if (m === null) return null;
  const rec: Record<string, string> = { TimeCreated: m[1]! };
  const lines = raw.slice(m[0].length).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const f = WIN_CLASSIC_FIELD.exec(lines[i]!);
    if (f === null) continue;
    if (f[1] === 'Message') {
      rec.Message = [f[2]!, ...lines.slice(i + 1)].join('\n').trim();
      break;
    }
    rec[f[1]!] = f[2]!;
  }
  return rec.EventCode === undefined ? null : JSON.stringify(rec);
}

/** The head's `_raw` cells, for format detection. */
export function splunkRawHead(rawIndex: number, head: Buffer, complete: boolean): Buffer {
  const s = new SplunkRawSplitter(rawIndex);
  const body = s.push(head);
  return complete ? Buffer.concat([body, s.finish()]) : body;
}
