// Text that comes from logs, made safe and legible for the PDF: invisible and direction-changing
// characters shown as visible markers, long values capped with a note, and bidi runs in visual order.
import bidiFactory from 'bidi-js';

let bidiInstance: ReturnType<typeof bidiFactory> | null = null;
/** The bidi tables are built on first use: most reports have no right-to-left text. */
const bidi = (): ReturnType<typeof bidiFactory> => (bidiInstance ??= bidiFactory());

/** Values longer than this are cut with a visible note (the full value is in the CSV/JSON exports). */
export const MAX_FIELD_CHARS = 6000;

// Bidi controls would let attacker text reorder what the reader sees (e.g. "invoice\u202Egpj.exe"),
// zero-width and control characters would hide content: all are shown as [U+XXXX] instead.
// ZWNJ/ZWJ (U+200C/U+200D) stay: Persian words need them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point here
const INVISIBLE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const marker = (ch: string): string => `[U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`;

/** Log text ready to draw: visible markers for invisible characters, never longer than `max` plus a note. */
export function displayText(value: string | number | null | undefined, max = MAX_FIELD_CHARS, multiline = false): string {
  if (value == null) return '—';
  let s = String(value).replace(LONE_SURROGATE, '\uFFFD');
  let note = '';
  if (s.length > max) {
    note = ` … [truncated: ${s.length - max} more characters; the full value is in the CSV/JSON export]`;
    s = s.slice(0, max);
  }
  s = s.replace(INVISIBLE, marker);
  if (!multiline) s = s.replace(/\n/g, marker('\n'));
  return s + note;
}

// Strong right-to-left letters and Arabic-script digits/marks: a line with none of these is drawn as is.
const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const RTL_LETTERS = /[\u0590-\u05FF\u0600-\u065F\u066E-\u06EF\u06FA-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export const hasRtl = (s: string): boolean => RTL_CHARS.test(s);

/** One run of a line in visual order: the text to give the shaper and the script that sets its direction. */
export interface VisualRun {
  text: string;
  /** 'arab' makes fontkit shape and lay the run right to left; 'latn' keeps it left to right */
  script: 'arab' | 'latn';
}

/**
 * Splits one line into runs in visual (left-to-right) order with the Unicode bidi algorithm.
 * Right-to-left runs are handed over in logical order with script 'arab' (fontkit shapes and
 * reverses them); left-to-right runs, digits included, with 'latn' so they are never reversed.
 */
export function visualRuns(line: string): VisualRun[] {
  if (!hasRtl(line)) return [{ text: line, script: 'latn' }];
  const b = bidi();
  const levels = b.getEmbeddingLevels(line, 'auto');
  const order = b.getReorderedIndices(line, levels);
  const mirror = b.getMirroredCharactersMap(line, levels.levels);
  const groups: { odd: boolean; idx: number[] }[] = [];
  for (const i of order) {
    const odd = (levels.levels[i]! & 1) === 1;
    const last = groups[groups.length - 1];
    if (last && last.odd === odd) last.idx.push(i);
    else groups.push({ odd, idx: [i] });
  }
  const ch = (i: number): string => mirror.get(i) ?? line[i]!;
  return groups.map((g) => {
    if (!g.odd) return { text: g.idx.map((i) => line[i]!).join(''), script: 'latn' as const };
    const logical = [...g.idx].reverse().map(ch).join('');
    // a right-to-left run of neutrals only (spaces, slashes) is already in visual order
    return RTL_LETTERS.test(logical) ? { text: logical, script: 'arab' as const } : { text: g.idx.map(ch).join(''), script: 'latn' as const };
  });
}

/**
 * Greedy line wrapping that breaks at spaces when it can and anywhere when a token is wider
 * than the line (a 5,000-character token becomes many lines, never one that runs off the page).
 */
export function wrapText(text: string, maxWidth: number, widthOf: (s: string) => number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (para === '') {
      out.push('');
      continue;
    }
    let line = '';
    let lineW = 0;
    const tokens = para.match(/\S+\s*|\s+/g) ?? [''];
    for (const tok of tokens) {
      const w = widthOf(tok);
      if (lineW + w <= maxWidth) {
        line += tok;
        lineW += w;
        continue;
      }
      const trimmed = tok.trimEnd();
      if (line !== '' && widthOf(trimmed) <= maxWidth) {
        out.push(line.trimEnd());
        line = tok;
        lineW = w;
        continue;
      }
      // the token itself is too wide: cut it at character boundaries (code points, not halves)
      for (const c of trimmed) {
        const cw = widthOf(c);
        if (lineW + cw > maxWidth && line !== '') {
          out.push(line.trimEnd());
          line = '';
          lineW = 0;
        }
        line += c;
        lineW += cw;
      }
      const rest = tok.slice(trimmed.length);
      line += rest;
      lineW += widthOf(rest);
    }
    out.push(line.trimEnd());
  }
  return out;
}
