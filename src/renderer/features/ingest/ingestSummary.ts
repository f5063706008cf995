// What the ingest progress card shows. While running: the last pushed progress. Once done: the
// totals of the sources the job wrote, since the last progress push can predate the final batch
// (a run of small files finished with the card still saying "81 B of 982 KiB, 1 record").
import type { JobProgress, SourceInfo } from '../../../shared/model';

export interface IngestSummary {
  bytesDone: number | null;
  bytesTotal: number | null;
  records: number;
  quarantined: number;
  /** records per second */
  rate: number | null;
  detail: string | null;
}

export function ingestSummary(progress: JobProgress | null, sources: readonly SourceInfo[] | null): IngestSummary {
  if (!sources?.length) {
    return { bytesDone: progress?.bytesDone ?? null, bytesTotal: progress?.bytesTotal ?? null, records: progress?.records ?? 0, quarantined: progress?.quarantined ?? 0, rate: progress?.rate ?? null, detail: progress?.detail ?? null };
  }
  const sum = (f: (s: SourceInfo) => number) => sources.reduce((n, s) => n + f(s), 0);
  const bytes = sum((s) => s.bytes);
  const records = sum((s) => s.records);
  const events = sum((s) => s.events);
  const quarantined = sum((s) => s.quarantined);
  const start = Math.min(...sources.map((s) => s.startedAt));
  const end = Math.max(...sources.map((s) => s.finishedAt ?? s.startedAt));
  const seconds = (end - start) / 1000;
  return {
    bytesDone: bytes,
    bytesTotal: bytes,
    records,
    quarantined,
    rate: seconds > 0 ? records / seconds : (progress?.rate ?? null),
    detail: `${sources.length} file(s): ${records.toLocaleString('en-US')} records seen = ${events.toLocaleString('en-US')} events + ${quarantined.toLocaleString('en-US')} quarantined`,
  };
}
