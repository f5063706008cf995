import { describe, expect, it } from 'vitest';
import { findingNumberRows, numberLabel, numberValue } from '../../../src/core/report/findingNumbers';

describe('finding numbers for people', () => {
  it('gives shares as percentages and millisecond keys as durations', () => {
    expect(numberValue('failShare', 1)).toBe('100 %');
    expect(numberValue('regularShare', 0.875)).toBe('87.5 %');
    expect(numberLabel('periodMs')).toBe('period');
    expect(numberValue('periodMs', 89_993)).toBe('1 min 30 s');
    expect(numberLabel('sdIntervalMs')).toBe('interval spread (std. dev.)');
    expect(numberValue('sdIntervalMs', 392)).toBe('392 ms');
  });

  it('gives byte counts with a unit and the exact count', () => {
    expect(numberValue('bytes', 12_940_300_000)).toBe('12.1 GiB (12,940,300,000 bytes)');
    expect(numberValue('topDestinationBytes', 500)).toBe('500 B');
    // a rate is not a byte count
    expect(numberValue('bytesPerSecond', 2048)).toBe('2,048');
  });

  it('spells payload kinds, outlier z-scores and digit keys in words', () => {
    expect(numberValue('kinds', 'cmdi,traversal')).toBe('command injection, path traversal');
    expect(numberValue('kinds', 'sqli,newthing')).toBe('SQL injection, newthing');
    expect(numberLabel('z_error answers (>= 400)')).toBe('error answers (>= 400) (robust z-score)');
    expect(numberLabel('answered2xx')).toBe('answered 2xx');
    expect(numberLabel('invalidUsers')).toBe('invalid users');
  });

  it('keeps counts, fractions and text as they are, in the detector order', () => {
    expect(findingNumberRows({ failures: 1200, failuresPerSource: 1.6, successfulUsers: '', topTarget: '10.0.0.1:22' })).toEqual([
      { key: 'failures', label: 'failures', value: '1,200' },
      { key: 'failuresPerSource', label: 'failures per source', value: '1.6' },
      { key: 'successfulUsers', label: 'successful users', value: '—' },
      { key: 'topTarget', label: 'top target', value: '10.0.0.1:22' },
    ]);
  });
});

describe('instants among the numbers', () => {
  it('writes the time a guessed login worked as a time in the given zone, not a 13-digit count', () => {
    const okAt = Date.UTC(2025, 2, 17, 16, 38, 32);
    expect(numberValue('lastLoginWorked', okAt)).toBe('2025-03-17 16:38:32 UTC');
    const [row] = findingNumberRows({ lastLoginWorked: okAt }, (ms) => `at ${ms}`);
    expect(row).toEqual({ key: 'lastLoginWorked', label: 'last login worked', value: `at ${okAt}` });
    // a count whose name merely ends in "at" stays a count
    expect(numberValue('repeat', 1_742_229_512_000)).toBe('1,742,229,512,000');
  });
});
