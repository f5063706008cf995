import { describe, expect, it } from 'vitest';
import { errorTitle } from '../../../src/renderer/components/common';

describe('error titles', () => {
  it('say what went wrong in words, not as an error code', () => {
    expect(errorTitle('not_found')).toBe('Not found');
    expect(errorTitle('unmappable_layout')).toBe('Format not recognised');
    expect(errorTitle('case_locked')).toBe('Case in use');
  });

  it('spell an unknown code as words and show nothing without one', () => {
    expect(errorTitle('rate_limited')).toBe('Rate limited');
    expect(errorTitle(undefined)).toBe('');
  });
});
