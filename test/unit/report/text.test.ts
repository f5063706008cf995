// Text preparation for the PDF: visible markers, caps with a note, wrapping that never overflows,
// and bidi runs in visual order.
import { describe, expect, it } from 'vitest';
import { displayText, visualRuns, wrapText } from '../../../src/core/report/pdf/text';
import { barItems } from '../../../src/core/report/pdf/charts';
import { confusionCells, importanceList } from '../../../src/core/report/pdf/findings';
import { LONG_TOKEN } from './fixture';

const width = (s: string): number => [...s].length; // one unit per code point

describe('displayText', () => {
  it('shows invisible and direction-changing characters as markers, keeps ZWNJ', () => {
    expect(displayText('invoice\u202Egpj.exe')).toBe('invoice[U+202E]gpj.exe');
    expect(displayText('a\u0000b\u200Bc\u2066d\tz')).toBe('a[U+0000]b[U+200B]c[U+2066]d[U+0009]z');
    expect(displayText('line1\nline2')).toBe('line1[U+000A]line2');
    expect(displayText('line1\nline2', 100, true)).toBe('line1\nline2');
    expect(displayText('گزارش\u200Cها')).toBe('گزارش\u200Cها');
    expect(displayText('x\uD800y')).toBe('x\uFFFDy');
    expect(displayText(null)).toBe('—');
  });

  it('cuts values over the cap with a visible note', () => {
    const s = displayText('y'.repeat(7000));
    expect(s.startsWith('y'.repeat(6000) + ' … [truncated: 1000 more characters')).toBe(true);
    expect(displayText(LONG_TOKEN)).toBe(LONG_TOKEN);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, and anywhere inside a token wider than the line', () => {
    const lines = wrapText(`short words here ${LONG_TOKEN} tail`, 80, width);
    for (const l of lines) expect(width(l)).toBeLessThanOrEqual(80);
    expect(lines.join('').replace(/ /g, '')).toBe(`shortwordshere${LONG_TOKEN}tail`);
    // the long token starts on the current line and fills every line it needs: no wasted lines
    expect(lines[0]!.startsWith('short words here A')).toBe(true);
    expect(width(lines[0]!)).toBe(80);
    expect(lines.length).toBe(Math.ceil(('short words here '.length + LONG_TOKEN.length) / 80));
    expect(lines[lines.length - 1]!.endsWith('Z tail')).toBe(true);
  });

  it('keeps explicit newlines and never splits a surrogate pair', () => {
    expect(wrapText('a\n\nb', 10, width)).toEqual(['a', '', 'b']);
    const emoji = '😀'.repeat(30);
    const lines = wrapText(emoji, 7, width);
    for (const l of lines) expect(l).toMatch(/^(?:😀)+$/u);
  });
});

describe('visualRuns', () => {
  it('leaves left-to-right text alone', () => {
    expect(visualRuns('GET /index.html 200')).toEqual([{ text: 'GET /index.html 200', script: 'latn' }]);
  });

  it('orders a Persian path for display: Latin runs left to right, the Persian run logical for the shaper', () => {
    const runs = visualRuns('/var/log/گزارش/دسترسی.log');
    expect(runs.map((r) => r.script)).toEqual(['latn', 'arab', 'latn']);
    expect(runs[0]!.text).toBe('/var/log/');
    expect(runs[1]!.text).toBe('گزارش/دسترسی');
    expect(runs[2]!.text).toBe('.log');
  });

  it('keeps digits and Latin inside a right-to-left sentence left to right', () => {
    const runs = visualRuns('سلام دنیا abc 456');
    // base direction is right to left: the Latin run is drawn first (leftmost), never reversed
    expect(runs[0]).toEqual({ text: 'abc 456', script: 'latn' });
    expect(runs.some((r) => r.script === 'arab' && r.text.includes('سلام دنیا'))).toBe(true);
  });
});

describe('chart and model helpers', () => {
  it('keeps the top bars and sums the rest', () => {
    const items = Array.from({ length: 14 }, (_, i) => ({ key: `k${i}`, count: 100 - i, bytes: i }));
    const bars = barItems(items, 'count', 10);
    expect(bars.length).toBe(11);
    expect(bars[0]).toEqual({ label: 'k0', value: 100 });
    expect(bars[10]).toEqual({ label: 'other (4)', value: 87 + 88 + 89 + 90 });
    expect(barItems(items, 'bytes', 3)[0]).toEqual({ label: 'k13', value: 13 });
  });

  it('reads confusion matrices and importances in the shapes engines store', () => {
    expect(confusionCells({ tp: 5, fp: 1, tn: 9, fn: 2 })).toEqual({ labels: ['normal', 'attack'], matrix: [[9, 1], [2, 5]] });
    expect(confusionCells([[1, 2], [3, 4]])?.matrix).toEqual([[1, 2], [3, 4]]);
    expect(confusionCells('nonsense')).toBeNull();
    expect(importanceList([{ feature: 'a', value: 0.1 }, { feature: 'b', value: 0.5 }])).toEqual([['b', 0.5], ['a', 0.1]]);
    expect(importanceList({ x: 2, y: 'no' })).toEqual([['x', 2]]);
  });
});
