// CLI progress lines as a user sees them in a log file or CI output (stderr not a terminal).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { progressPrinter } from '../../../src/cli/util';

describe('progressPrinter on a non-terminal stderr', () => {
  let written: string[];
  let wasTTY: boolean | undefined;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-03-17T00:00:00Z'));
    wasTTY = process.stderr.isTTY;
    (process.stderr as { isTTY?: boolean }).isTTY = false;
    written = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    (process.stderr as { isTTY?: boolean }).isTTY = wasTTY;
  });

  it('leaves no stale 0 % line behind a job that finishes within 2 s', () => {
    const p = progressPrinter(false);
    p.update('analysing 0 % scanned 0 of 18,121 events');
    vi.advanceTimersByTime(300);
    p.update('analysing 60 %');
    p.done();
    expect(written).toEqual([]);
  });

  it('prints a plain line every 2 s of a longer job, and the closing line', () => {
    const p = progressPrinter(false);
    p.update('reading 0 %');
    vi.advanceTimersByTime(2100);
    p.update('reading 40 %');
    vi.advanceTimersByTime(500);
    p.update('reading 50 %');
    vi.advanceTimersByTime(2000);
    p.update('reading 90 %');
    p.done('read 1,000 rows');
    expect(written).toEqual(['reading 40 %\n', 'reading 90 %\n', 'read 1,000 rows\n']);
  });

  it('prints nothing when quiet', () => {
    const p = progressPrinter(true);
    vi.advanceTimersByTime(5000);
    p.update('x');
    p.done('y');
    expect(written).toEqual([]);
  });
});
