// Double-quoted values inside a line: ELB/ALB tokens and key="value" pairs with `\"` as an escaped
// quote (readQuoted), CSV fields with `""` (readCsvQuoted).

export interface Quoted {
  value: string;
  /** index just after the closing quote (the line's length when it never closed) */
  end: number;
  closed: boolean;
}

/** Reads the quoted value whose opening quote is at `open`; an unclosed quote takes the rest of the line. */
export function readQuoted(s: string, open: number): Quoted {
  let j = open + 1;
  let v = '';
  for (;;) {
    const q = s.indexOf('"', j);
    if (q < 0) return { value: v + s.slice(j), end: s.length, closed: false };
    if (s.charCodeAt(q - 1) === 92) {
      v += s.slice(j, q - 1) + '"';
      j = q + 1;
      continue;
    }
    return { value: v + s.slice(j, q), end: q + 1, closed: true };
  }
}

/** A CSV field's quoted value (`""` is a quote) whose opening quote is at `open`; an unclosed quote takes the rest. */
export function readCsvQuoted(s: string, open: number): Quoted {
  let v = '';
  let p = open + 1;
  for (;;) {
    const q = s.indexOf('"', p);
    if (q < 0) return { value: v + s.slice(p), end: s.length, closed: false };
    v += s.slice(p, q);
    if (s.charCodeAt(q + 1) !== 34) return { value: v, end: q + 1, closed: true };
    v += '"';
    p = q + 2;
  }
}
