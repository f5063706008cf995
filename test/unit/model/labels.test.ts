// Labels and splits: what counts as normal, class names, and that the IP split shares no IP.
import { describe, expect, it } from 'vitest';
import { classOf, hash52, labelKind, splitRows } from '../../../src/core/model/labels';

describe('labels', () => {
  it('reads the usual label vocabularies', () => {
    for (const v of ['0', 'normal', 'not anomalous', 'BENIGN', 'false']) expect(labelKind(v)).toBe('negative');
    for (const v of ['1', 'attack', 'attacker', 'anomalous', 'portScan', 'sqli']) expect(labelKind(v)).toBe('positive');
    for (const v of [null, '', 'unknown']) expect(labelKind(v)).toBe('unknown');
  });

  it('names the class from the category when the label is only 0/1', () => {
    expect(classOf('label', '1', 'sqli')).toBe('sqli');
    expect(classOf('label', '1', null)).toBe('attack');
    expect(classOf('label', 'portScan', null)).toBe('portScan');
    expect(classOf('label', '0', 'not anomalous')).toBe('normal');
    expect(classOf('label', null, 'sqli')).toBeNull();
    expect(classOf('category', null, 'xss')).toBe('xss');
    expect(classOf('category', '0', null)).toBe('normal');
  });

  it('split by IP puts every IP wholly on one side', () => {
    const n = 20_000;
    const ips = Array.from({ length: n }, (_, i) => `10.${i % 7}.${(i * 13) % 251}.${i % 97}`);
    const ipKey = Float64Array.from(ips, hash52);
    const ids = Float64Array.from({ length: n }, (_, i) => i + 1);
    const test = splitRows('ip', 42, ids, ipKey, new Float64Array(n), new Uint8Array(n).fill(1));
    const side = new Map<string, number>();
    let tested = 0;
    ips.forEach((ip, i) => {
      tested += test[i];
      const prev = side.get(ip);
      if (prev !== undefined) expect(prev).toBe(test[i]);
      side.set(ip, test[i]);
    });
    expect(tested / n).toBeGreaterThan(0.1);
    expect(tested / n).toBeLessThan(0.3);
    // another seed moves IPs between sides
    const other = splitRows('ip', 43, ids, ipKey, new Float64Array(n), new Uint8Array(n).fill(1));
    expect(Array.from(other).join()).not.toBe(Array.from(test).join());
  });

  it('split by time tests on the latest rows', () => {
    const n = 1000;
    const ts = Float64Array.from({ length: n }, (_, i) => i * 1000);
    const test = splitRows('time', 1, Float64Array.from({ length: n }, (_, i) => i + 1), new Float64Array(n).fill(NaN), ts, new Uint8Array(n).fill(1));
    expect(test[0]).toBe(0);
    expect(test[n - 1]).toBe(1);
    expect(Array.from(test).reduce((a, b) => a + b, 0)).toBe(200);
  });
});
