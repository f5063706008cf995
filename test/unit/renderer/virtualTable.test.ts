import { describe, expect, it } from 'vitest';
import { headerTitle, nextIndex } from '../../../src/renderer/components/VirtualTable';

describe('table keyboard navigation', () => {
  it('moves by one, by a page and to the ends, clamped to the rows', () => {
    expect(nextIndex('ArrowDown', 3, 10, 5)).toBe(4);
    expect(nextIndex('ArrowDown', 9, 10, 5)).toBe(9);
    expect(nextIndex('ArrowUp', 0, 10, 5)).toBe(0);
    expect(nextIndex('PageDown', 7, 10, 5)).toBe(9);
    expect(nextIndex('PageUp', 3, 10, 5)).toBe(0);
    expect(nextIndex('Home', 6, 10, 5)).toBe(0);
    expect(nextIndex('End', 0, 10, 5)).toBe(9);
  });

  it('starts at the first row when nothing is selected and ignores other keys', () => {
    expect(nextIndex('ArrowDown', null, 10, 5)).toBe(0);
    expect(nextIndex('ArrowUp', null, 10, 5)).toBe(0);
    expect(nextIndex('x', 2, 10, 5)).toBeNull();
    expect(nextIndex('ArrowDown', null, 0, 5)).toBeNull();
  });
});

describe('column header tooltips', () => {
  it('say how a column is sorted, and on a sortable table whether a click sorts by it', () => {
    expect(headerTitle('Evidence', 'desc', true, true)).toBe('Evidence (sorted descending)');
    expect(headerTitle('Time', null, true, true)).toBe('Time (click to sort)');
    // the Explorer sorts only by indexed columns: a click on Bytes did nothing and said nothing
    expect(headerTitle('Bytes', null, true, false)).toBe('Bytes (not sortable: filter by it instead)');
    expect(headerTitle('Path', null, false, false)).toBe('Path');
  });
});
