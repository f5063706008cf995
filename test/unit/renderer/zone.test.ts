import { describe, expect, it } from 'vitest';
import { formatIn, formatTick, parseDisplayZone, resolveZone } from '../../../src/renderer/lib/zone';
import { formatEta, formatPercent, formatRate } from '../../../src/renderer/lib/numbers';

describe('display zone', () => {
  const zones = new Map([[1, 'Asia/Tehran'], [2, 'Not/AZone']]);
  it('parses settings and rejects invalid zones', () => {
    expect(parseDisplayZone('utc')).toEqual({ kind: 'utc' });
    expect(parseDisplayZone('source')).toEqual({ kind: 'source' });
    expect(parseDisplayZone('Europe/Berlin')).toEqual({ kind: 'zone', zone: 'Europe/Berlin' });
    expect(parseDisplayZone('Mars/Olympus')).toEqual({ kind: 'utc' });
  });

  it("resolves each source's own zone, falling back to UTC", () => {
    const z = parseDisplayZone('source');
    expect(resolveZone(z, zones, 1)).toBe('Asia/Tehran');
    expect(resolveZone(z, zones, 2)).toBe('UTC');
    expect(resolveZone(z, zones, 3)).toBe('UTC');
  });

  it('always shows the zone in formatted times', () => {
    const t = Date.UTC(2019, 0, 22, 3, 59, 11);
    expect(formatIn({ kind: 'utc' }, zones, t)).toBe('2019-01-22 03:59:11 UTC');
    expect(formatIn({ kind: 'source' }, zones, t, 1)).toBe('2019-01-22 07:29:11 GMT+3:30');
    expect(formatIn({ kind: 'zone', zone: 'Europe/Berlin' }, zones, t)).toContain('GMT+1');
  });
});

describe('numbers', () => {
  it('formats rates, ETA and percentages for people', () => {
    expect(formatRate(12345.6)).toBe('12,346/s');
    expect(formatRate(undefined)).toBe('—');
    expect(formatEta(null)).toBe('estimating…');
    expect(formatEta(5000)).toBe('5.0 s left');
    expect(formatPercent(0.1234)).toBe('12.3%');
  });
});

describe('formatTick', () => {
  const t = Date.UTC(2026, 2, 10, 2, 15, 34);
  it('shows seconds when the chart spans minutes, so a 4-minute spray does not repeat 02:15 on every tick', () => {
    expect(formatTick(t, 'UTC', 221_000)).toBe('02:15:34');
    expect(formatTick(t + 17_000, 'UTC', 221_000)).not.toBe(formatTick(t, 'UTC', 221_000));
  });
  it('keeps hours and minutes for hours, and the date for days', () => {
    expect(formatTick(t, 'UTC', 3 * 3_600_000)).toBe('02:15');
    expect(formatTick(t, 'UTC', 2 * 86_400_000)).toBe('03-10 02:15');
    expect(formatTick(t, 'UTC', 30 * 86_400_000)).toBe('2026-03-10');
  });
});
