// Helpers for reading a PDF back in tests: poppler's pdftotext/pdfinfo/pdftoppm (required, never
// skipped) and the ActualText strings carried in the (deflated) content streams.
import { execFileSync, spawnSync } from 'node:child_process';
import zlib from 'node:zlib';

export function requireTool(name: string): void {
  const r = spawnSync(name, ['-v'], { encoding: 'utf8' });
  if (r.error) throw new Error(`${name} is missing: install poppler-utils (apt-get install poppler-utils) to run the report tests`);
}

/** The text in content-stream order (-raw): a label stays next to its value, a row stays one row. */
export function pdfText(file: string): string {
  requireTool('pdftotext');
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text with page footers and line breaks removed, to find values wrapped over lines and pages. */
export function joinedText(text: string): string {
  return text
    .replace(/Loupe report · [^\n]*\n?/g, '')
    .replace(/Page \d+ of \d+\n?/g, '')
    .replace(/[\n\f]/g, '');
}

export function pdfPages(file: string): number {
  requireTool('pdfinfo');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(m[1]);
}

/**
 * poppler 22 extracts a right-to-left run in visual order, wrapped in U+202B … U+202C; reversing
 * the characters inside each such run gives the logical text back (word order is already logical).
 */
export function logicalFromPoppler(text: string): string {
  return text.replace(/\u202B([^\u202C]*)\u202C/g, (_m, run: string) => [...run].reverse().join(''));
}

function unescapePdfString(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    const n = s[++i]!;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (n in simple) out.push(simple[n]!);
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? '')) oct += s[++i];
      out.push(parseInt(oct, 8));
    }
  }
  return Buffer.from(out);
}

function decodePdfText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2));
    body.swap16();
    return body.toString('utf16le');
  }
  return bytes.toString('latin1');
}

/** Every /ActualText literal string in the PDF's content streams, decoded. */
export function actualTexts(pdf: Buffer): string[] {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let body: Buffer;
    try {
      body = zlib.inflateSync(pdf.subarray(start, end));
    } catch {
      // not a deflated stream (fonts are, images are not): nothing to read in it
      continue;
    }
    const text = body.toString('latin1');
    const at = /\/ActualText \(((?:\\.|[^\\)])*)\)/gs;
    let a: RegExpExecArray | null;
    while ((a = at.exec(text))) out.push(decodePdfText(unescapePdfString(a[1]!)));
  }
  return out;
}
