// CSV that cannot hurt whoever opens it: RFC 4180 quoting of every field, and cells a spreadsheet
// would run as a formula neutralised with a leading apostrophe (OWASP CSV injection guidance).

// The OWASP list (= + - @ tab CR), plus LF and the full-width forms some spreadsheets also accept.
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
// A leading space does not stop every spreadsheet from reading "  =1+1" as a formula.
const PADDED_FORMULA = /^[\s\u00A0\u3000]+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
// A plain number (e.g. -5, +3.2, -1e-3) is data, not a formula: it stays as it is.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;


/** The cell's text with a leading `'` if a spreadsheet could read it as a formula. */
export function neutraliseCell(value: string): string {
  // fast path: a printable ASCII first character other than = + - @ cannot start a formula
  const c = value.charCodeAt(0);
  if (value === '' || (c > 0x20 && c < 0x7f && c !== 0x3d && c !== 0x2b && c !== 0x2d && c !== 0x40)) return value;
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) || PADDED_FORMULA.test(value) ? `'${value}` : value;
}

// Control characters other than tab and line breaks (NUL truncates cells in spreadsheets; ESC
// sequences recolour or retitle the terminal of whoever runs `cat` on the file) are written as
// their visible Unicode symbols (U+2400 block: ␀, ␛, ␡); C1 controls, bidi overrides and Unicode
// line separators, which have none, as [U+XXXX] like the PDF report. The JSON lines export keeps
// them exactly.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const visibleControl = (ch: string): string => {
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '\u2421';
  return `[U+${c.toString(16).toUpperCase().padStart(4, '0')}]`;
};

/** One field, always quoted; null/undefined become an empty field. */
export function csvField(value: string | number | bigint | boolean | null | undefined): string {
  if (value == null) return '""';
  if (typeof value === 'number' || typeof value === 'bigint') return `"${String(value)}"`;
  let text = String(value);
  if (CONTROL.test(text)) {
    CONTROL.lastIndex = 0;
    text = text.replace(CONTROL, visibleControl);
  }
  CONTROL.lastIndex = 0;
  const s = neutraliseCell(text);
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
}

/** One record with its CRLF terminator (RFC 4180). */
export function csvRow(values: readonly (string | number | bigint | boolean | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += i === 0 ? csvField(values[i]) : `,${csvField(values[i])}`;
  return `${out}\r\n`;
}

/** A strict RFC 4180 parser (for tests and round-trips): every record, every field as text. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let sawField = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      sawField = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      sawField = false;
      i += 2;
    } else {
      field += c;
      sawField = true;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (sawField || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
