import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/shared/format';

describe('formatDuration', () => {
  it('shows the largest two units and leaves a zero second unit out', () => {
    expect([900_000, 5_400_000, 3_600_000, 86_400_000 * 3, 90_000, 12_345].map(formatDuration)).toEqual(['15 min', '1 h 30 min', '1 h', '3 d', '1 min 30 s', '12 s']);
  });

  it('rounds once, so a value just under a unit never reads as 60 of the smaller one', () => {
    expect([59_600, 3_599_600, 86_399_000 * 2, 450, null, NaN].map(formatDuration)).toEqual(['1 min', '1 h', '2 d', '450 ms', '—', '—']);
  });
});
