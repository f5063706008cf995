// Turns attacker-written log text into a string that is safe and honest to show: control,
// bidi and invisible characters become visible tokens like ⟨U+202E⟩, long values are cut.

/** Characters that change how surrounding text looks or reads (bidi overrides, zero-width, separators). */
const INVISIBLE = new Set([
  0x061c, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2028, 0x2029,
  0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0xfff9, 0xfffa, 0xfffb,
]);

export function isEscapedCodePoint(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || INVISIBLE.has(cp) || (cp >= 0xd800 && cp <= 0xdfff);
}

export function codePointToken(cp: number): string {
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

export interface SafePiece {
  text: string;
  /** true when the piece is an escape token, so the UI can style it differently */
  escaped: boolean;
}

/**
 * Splits text into plain and escaped pieces; stops after `maxChars` input characters.
 * Lone surrogates (from invalid UTF-8 decoded leniently) are escaped too.
 */
export function safePieces(input: string, maxChars = Infinity): { pieces: SafePiece[]; truncated: number } {
  const pieces: SafePiece[] = [];
  let plain = '';
  let i = 0;
  const end = Math.min(input.length, maxChars);
  while (i < end) {
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isEscapedCodePoint(cp)) {
      if (plain) pieces.push({ text: plain, escaped: false });
      plain = '';
      pieces.push({ text: codePointToken(cp), escaped: true });
    } else {
      plain += input.slice(i, i + width);
    }
    i += width;
  }
  if (plain) pieces.push({ text: plain, escaped: false });
  return { pieces, truncated: input.length - i };
}

/** The whole escaped string (for titles, clipboard and places where one string is needed). */
export function safeString(input: string | null | undefined, maxChars = Infinity): string {
  if (input == null) return '';
  const { pieces, truncated } = safePieces(input, maxChars);
  const s = pieces.map((p) => p.text).join('');
  return truncated > 0 ? `${s}… (+${truncated} chars)` : s;
}
