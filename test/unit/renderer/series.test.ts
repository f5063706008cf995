import { describe, expect, it } from 'vitest';
import { barAxisWidth, barLabel, brushRange, confusionCells, curveSeries, histogram, importanceSeries, MAX_TIMELINE_POINTS, statusClasses, timelineSeries, topWithOther } from '../../../src/renderer/lib/series';

describe('timelineSeries', () => {
  it('fills missing series with zero', () => {
    const { data, keys } = timelineSeries({
      bucketMs: 60_000,
      stackBy: 'status',
      series: ['2xx', '4xx'],
      buckets: [
        { t: 0, total: 3, counts: { '2xx': 3 } },
        { t: 60_000, total: 5, counts: { '2xx': 1, '4xx': 4 } },
      ],
    });
    expect(keys).toEqual(['2xx', '4xx']);
    expect(data[0]).toEqual({ t: 0, total: 3, '2xx': 3, '4xx': 0 });
    expect(data[1]['4xx']).toBe(4);
  });

  it('draws the empty buckets between filled ones, so distance on the axis is time', () => {
    const day = 86_400_000;
    const { data } = timelineSeries({
      bucketMs: 30 * day,
      stackBy: 'status',
      series: ['2xx'],
      buckets: [
        { t: 90 * day, total: 1, counts: { '2xx': 1 } },
        { t: 0, total: 2, counts: { '2xx': 2 } },
      ],
    });
    expect(data.map((p) => [p.t / day, p.total, p['2xx']])).toEqual([
      [0, 2, 2],
      [30, 0, 0],
      [60, 0, 0],
      [90, 1, 1],
    ]);
    // past MAX_TIMELINE_POINTS only the filled buckets are drawn
    const far = timelineSeries({ bucketMs: 1000, stackBy: 'none', series: [], buckets: [{ t: 0, total: 1, counts: {} }, { t: 1000 * MAX_TIMELINE_POINTS, total: 1, counts: {} }] });
    expect(far.data).toHaveLength(2);
  });

  it('uses a single "events" series when nothing is stacked', () => {
    const { data, keys } = timelineSeries({ bucketMs: 1000, stackBy: 'none', series: [], buckets: [{ t: 5, total: 7, counts: {} }] });
    expect(keys).toEqual(['events']);
    expect(data[0].events).toBe(7);
  });
});

describe('brushRange', () => {
  const data = [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 30 }];
  it('covers the selected buckets to the end of the last one', () => {
    expect(brushRange(data, 10, 1, 2)).toEqual({ from: 10, to: 30 });
    expect(brushRange(data, 10, 2, 1)).toEqual({ from: 10, to: 30 });
  });
  it('returns null for the full range or no data', () => {
    expect(brushRange(data, 10, 0, 3)).toBeNull();
    expect(brushRange([], 10, 0, 0)).toBeNull();
  });
});

describe('topWithOther', () => {
  it('keeps totals by summing the tail into other', () => {
    const out = topWithOther(
      [
        { key: 'a', count: 1, bytes: 10 },
        { key: 'b', count: 5, bytes: 50 },
        { key: 'c', count: 3, bytes: 30 },
      ],
      1,
    );
    expect(out).toEqual([
      { key: 'b', count: 5, bytes: 50 },
      { key: 'other', count: 4, bytes: 40 },
    ]);
  });
});

describe('statusClasses', () => {
  it('groups codes by hundred and puts junk in other', () => {
    expect(
      statusClasses([
        { key: '200', count: 2 },
        { key: '204', count: 1 },
        { key: '404', count: 3 },
        { key: 'x', count: 1 },
      ]),
    ).toEqual([
      { key: '2xx', count: 3 },
      { key: '4xx', count: 3 },
      { key: 'other', count: 1 },
    ]);
  });
});

describe('histogram', () => {
  it('counts the maximum in the last bin and ignores out-of-range and NaN values', () => {
    const h = histogram([0, 0.05, 0.5, 1, 1.5, Number.NaN, -0.1], 10);
    expect(h).toHaveLength(10);
    expect(h[0].count).toBe(2);
    expect(h[5].count).toBe(1);
    expect(h[9].count).toBe(1);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(4);
  });
});

describe('model series', () => {
  it('sorts importances and cuts to the limit', () => {
    expect(importanceSeries({ a: 0.1, b: 0.7, c: 0.2 }, 2)).toEqual([
      { feature: 'b', value: 0.7 },
      { feature: 'c', value: 0.2 },
    ]);
  });

  it('anchors ROC curves at (0,0) and (1,1) and sorts points', () => {
    expect(curveSeries([[0.5, 0.9], [0.1, 0.6]], 'roc')).toEqual([
      { x: 0, y: 0 },
      { x: 0.1, y: 0.6 },
      { x: 0.5, y: 0.9 },
      { x: 1, y: 1 },
    ]);
    expect(curveSeries([{ x: 0.5, y: 0.8 }], 'pr')).toEqual([{ x: 0.5, y: 0.8 }]);
  });

  it('row-normalises the confusion matrix', () => {
    const cells = confusionCells(['normal', 'attack'], [
      [90, 10],
      [5, 15],
    ]);
    expect(cells).toHaveLength(4);
    expect(cells[1]).toEqual({ actual: 'normal', predicted: 'attack', count: 10, share: 0.1 });
    expect(cells[3].share).toBeCloseTo(0.75);
  });
});

import { clauseFor, composeQuery } from '../../../src/renderer/features/explorer/query';

describe('explorer column filters', () => {
  it('compose into query clauses, quoting spaces and dropping quotes', () => {
    expect(composeQuery('sqlmap', { src_ip: '10.0.0.0/8', status: '>=400', path: '' })).toBe('sqlmap src_ip:10.0.0.0/8 status:>=400');
    expect(clauseFor('user', 'john "x" doe')).toBe('user:"john x doe"');
    expect(clauseFor('method', '-GET')).toBe('-method:GET');
    expect(clauseFor('path', '   ')).toBeNull();
  });
});

import { shareSlices } from '../../../src/renderer/lib/series';

describe('shareSlices', () => {
  it('labels each slice with its share and count, keeping the key for the colour', () => {
    expect(shareSlices([{ key: 'TCP', count: 17_165 }, { key: 'UDP', count: 1_722 }, { key: 'ICMP', count: 1_113 }])).toEqual([
      { key: 'TCP', name: 'TCP · 85.8 % · 17,165', value: 17_165 },
      { key: 'UDP', name: 'UDP · 8.6 % · 1,722', value: 1_722 },
      { key: 'ICMP', name: 'ICMP · 5.6 % · 1,113', value: 1_113 },
    ]);
  });

  it('escapes log text in labels and survives an empty mix', () => {
    expect(shareSlices([{ key: 'x\u202Ey', count: 0 }])[0].name).toBe('x⟨U+202E⟩y · 0.0 % · 0');
  });
});

describe('barLabel / barAxisWidth', () => {
  it('keeps short keys whole', () => {
    expect(barLabel('normal')).toBe('normal');
    expect(barLabel('192.168.220.68')).toBe('192.168.220.68');
  });
  it('cuts long CTU-13 labels in the middle so labels that share a prefix stay apart, with no "(+N chars)" to wrap', () => {
    const a = barLabel('flow=From-Botnet-V42-TCP-CC6-Plain-HTTP-Encrypted-Data');
    const b = barLabel('flow=From-Botnet-V42-TCP-HTTP-Google-Net-Established');
    expect(Array.from(a).length).toBe(30);
    expect(a.startsWith('flow=From-Bo')).toBe(true);
    expect(a.endsWith('Encrypted-Data')).toBe(true);
    expect(a).not.toBe(b);
    expect(barLabel('flow=From-Botnet-V42-TCP-Attempt-SPAM-and-more')).not.toBe(barLabel('flow=From-Botnet-V42-TCP-Attempt-and-more-xyz'));
    expect(a).not.toMatch(/chars\)/);
  });
  it('escapes control characters', () => {
    expect(barLabel('a\u202eb')).toBe('a⟨U+202E⟩b');
  });
  it('gives the axis room for the longest label, within bounds', () => {
    expect(barAxisWidth(['a'])).toBe(60);
    expect(barAxisWidth([barLabel('x'.repeat(80))])).toBeGreaterThanOrEqual(200);
    expect(barAxisWidth(['y'.repeat(200)])).toBe(210);
  });
});
