import { describe, expect, it } from 'vitest';
import type { JobProgress, SourceInfo } from '../../../src/shared/model';
import { ingestSummary } from '../../../src/renderer/features/ingest/ingestSummary';

const src = (p: Partial<SourceInfo>): SourceInfo => ({ id: 1, path: '/x', sha256: null, bytes: 0, mtime: null, format: 'combined', mapping: null, timezone: 'UTC', timezoneSource: 'log', year: null, yearSource: null, gzip: false, parserVersion: '1', startedAt: 0, finishedAt: 0, records: 0, events: 0, quarantined: 0, status: 'complete', statusDetail: null, ...p }) as SourceInfo;

describe('ingest progress card', () => {
  // the last progress push came from the first of several small files
  const stale: JobProgress = { value: 0.0001, title: 'Ingest', bytesDone: 81, bytesTotal: 1_005_350, records: 1, quarantined: 0, rate: 9, detail: '1 records, 0 quarantined' };

  it('shows the last progress while the job runs', () => {
    expect(ingestSummary(stale, null)).toMatchObject({ bytesDone: 81, records: 1, rate: 9, detail: '1 records, 0 quarantined' });
  });

  it('shows the totals of every written source once the job is done, not the last push', () => {
    const sources = [src({ bytes: 81, records: 1, events: 1, startedAt: 1000, finishedAt: 1100 }), src({ id: 2, bytes: 1_004_097, records: 51, events: 51, startedAt: 1100, finishedAt: 2000 }), src({ id: 3, bytes: 701, records: 5, events: 4, quarantined: 1, startedAt: 2000, finishedAt: 3000 })];
    const s = ingestSummary(stale, sources);
    expect(s).toMatchObject({ bytesDone: 1_004_879, bytesTotal: 1_004_879, records: 57, quarantined: 1 });
    expect(s.rate).toBeCloseTo(28.5);
    expect(s.detail).toBe('3 file(s): 57 records seen = 56 events + 1 quarantined');
  });
});
