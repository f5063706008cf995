// The PDF's timeline: colours a reader can tell apart, and distance along the axis that is time.
import { describe, expect, it } from 'vitest';
import { seriesColor, timelineSlots } from '../../../src/core/report/pdf/charts';

describe('PDF timeline', () => {
  it('draws events without a status in grey, never in the 2xx green, in any series order', () => {
    for (const order of [['none', '2xx', '3xx'], ['2xx', 'none', '3xx']]) {
      const colours = order.map((s, i) => seriesColor(s, i));
      expect(colours[order.indexOf('none')]).toBe('#adb5bd');
      expect(new Set(colours).size).toBe(colours.length);
    }
    // a label series (anomalous/normal) never takes a status class's colour
    const statusColours = ['2xx', '3xx', '4xx', '5xx', 'none'].map((s) => seriesColor(s, 0));
    for (let i = 0; i < 8; i++) expect(statusColours).not.toContain(seriesColor(`label${i}`, i));
  });

  it('places buckets by their time, leaving the empty stretches between them', () => {
    const day = 86_400_000;
    expect(timelineSlots([{ t: 0 }, { t: 30 * day }, { t: 120 * day }], 30 * day)).toEqual({ slots: [0, 1, 4], span: 5 });
    // too many empty buckets to draw: one after another
    expect(timelineSlots([{ t: 0 }, { t: 10_000 * day }], day, 3000)).toEqual({ slots: [0, 1], span: 2 });
  });
});
