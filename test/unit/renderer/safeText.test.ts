import { describe, expect, it } from 'vitest';
import { safePieces, safeString } from '../../../src/renderer/lib/safeText';

describe('safeText', () => {
  it('keeps markup as plain characters (it is rendered as a text node)', () => {
    expect(safeString('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows bidi overrides and zero-width characters visibly', () => {
    expect(safeString('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
    expect(safeString('a\u200Bb\uFEFF')).toBe('a⟨U+200B⟩b⟨U+FEFF⟩');
    expect(safeString('x\u2066y\u2069')).toBe('x⟨U+2066⟩y⟨U+2069⟩');
  });

  it('escapes C0/C1 controls, NUL and DEL, and lone surrogates', () => {
    expect(safeString('a\u0000b\tc\nd\u007f\u0085')).toBe('a⟨U+0000⟩b⟨U+0009⟩c⟨U+000A⟩d⟨U+007F⟩⟨U+0085⟩');
    expect(safeString('bad\uD800x')).toBe('bad⟨U+D800⟩x');
  });

  it('keeps astral characters and non-Latin text intact', () => {
    expect(safeString('ok 😀 привет مرحبا')).toBe('ok 😀 привет مرحبا');
  });

  it('marks escaped pieces separately', () => {
    const { pieces } = safePieces('a\u202Eb');
    expect(pieces).toEqual([
      { text: 'a', escaped: false },
      { text: '⟨U+202E⟩', escaped: true },
      { text: 'b', escaped: false },
    ]);
  });

  it('truncates long values and says how much was cut', () => {
    const s = 'x'.repeat(1_000_000);
    const out = safeString(s, 100);
    expect(out.startsWith('x'.repeat(100))).toBe(true);
    expect(out).toContain('(+999900 chars)');
    expect(safeString(null)).toBe('');
  });
});

import { percentDecoded } from '../../../src/renderer/features/explorer/EventDetail';

describe('percentDecoded', () => {
  it('decodes payloads hidden behind %XX, twice for double encoding', () => {
    expect(percentDecoded('/search?q=%3Cscript%3E')).toBe('/search?q=<script>');
    expect(percentDecoded('%253Cimg%253E')).toBe('<img>');
    expect(percentDecoded('q=%D8%B3%D9%84%D8%A7%D9%85')).toBe('q=سلام');
  });
  it('does not throw on invalid sequences and returns null when nothing changes', () => {
    expect(percentDecoded('/..%C0%AF..')).toBe('/..\u00C0\u00AF..');
    expect(percentDecoded('/plain')).toBeNull();
    expect(percentDecoded(null)).toBeNull();
  });
});
