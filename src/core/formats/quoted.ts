// Double-quoted values inside a line (ELB/ALB tokens, key="value" pairs), with `\"` as an escaped quote.

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
