// The CSV framer's quote scan: where a block may be cut (the last newline outside quotes) and the
// quote parity carried to the next chunk, checked against the plain byte-by-byte reading.
import { describe, expect, it } from 'vitest';
import { scanQuotes } from '../../../src/core/ingest/framing';

function byteByByte(bytes: Uint8Array, parity: number): { parity: number; safeAt: number } {
  let q = parity;
  let safeAt = -1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) q ^= 1;
    else if (bytes[i] === 0x0a && q === 0) safeAt = i;
  }
  return { parity: q, safeAt };
}

describe('scanQuotes', () => {
  it('agrees with the byte-by-byte scan on random CSV-like bytes, sparse and dense in quotes', () => {
    let seed = 11;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 400; round++) {
      const n = Math.floor(rnd() * (round % 7 === 0 ? 20_000 : 400));
      const quoteRate = [0, 0.001, 0.02, 0.2, 0.5][round % 5]!;
      const lfRate = [0.01, 0.1, 0.0001][round % 3]!;
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const r = rnd();
        b[i] = r < quoteRate ? 0x22 : r < quoteRate + lfRate ? 0x0a : 0x61;
      }
      for (const parity of [0, 1]) expect(scanQuotes(b, parity)).toEqual(byteByByte(b, parity));
    }
  });

  it('handles a quoted newline, a quote at either end, an empty chunk and a view into a larger buffer', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(scanQuotes(enc('a,"b\nc"\nd'), 0)).toEqual({ parity: 0, safeAt: 7 });
    expect(scanQuotes(enc('"\n'), 0)).toEqual({ parity: 1, safeAt: -1 });
    expect(scanQuotes(enc('x\n"'), 1)).toEqual({ parity: 0, safeAt: -1 });
    expect(scanQuotes(new Uint8Array(0), 1)).toEqual({ parity: 1, safeAt: -1 });
    const big = enc('\n\n"zz\nab\n"c\nq');
    const view = big.subarray(3);
    expect(scanQuotes(view, 1)).toEqual(byteByByte(view, 1));
  });
});
