// Findings to CSV (one row per finding, spreadsheet-safe) and JSON (the Finding objects as stored,
// with times also written in the display zone).
import { formatTime } from '../../shared/format';
import type { Finding } from '../../shared/model';
import { LOUPE_VERSION } from '../version';
import { csvRow } from './csv';
import { FileSink } from './sink';

export const FINDINGS_CSV_HEADER = [
  'id',
  'severity',
  'score',
  'status',
  'detector',
  'entity',
  'entity_type',
  'title',
  'explanation',
  'first_seen',
  'first_seen_ms',
  'last_seen',
  'last_seen_ms',
  'window_ms',
  'threshold_metric',
  'threshold_value',
  'threshold',
  'threshold_setting',
  'numbers',
  'evidence_query',
  'evidence_count',
  'sample_ids',
  'tags',
  'note',
] as const;

export async function exportFindingsCsv(findings: readonly Finding[], file: string, zone: string): Promise<{ bytes: number; sha256: string }> {
  const sink = new FileSink(file);
  try {
    await sink.write(`\uFEFF${csvRow(FINDINGS_CSV_HEADER)}`);
    for (const f of findings) {
      await sink.write(
        csvRow([
          f.id,
          f.severity,
          f.score,
          f.status,
          f.detector,
          f.entity,
          f.entityType,
          f.title,
          f.explanation,
          f.firstSeen == null ? null : formatTime(f.firstSeen, zone, true),
          f.firstSeen,
          f.lastSeen == null ? null : formatTime(f.lastSeen, zone, true),
          f.lastSeen,
          f.windowMs,
          f.threshold?.metric,
          f.threshold?.value,
          f.threshold?.threshold,
          f.threshold?.setting,
          JSON.stringify(f.numbers),
          f.evidence.query,
          f.evidence.count,
          f.evidence.sampleIds.join(' '),
          f.tags.join(', '),
          f.note,
        ]),
      );
    }
    return await sink.close();
  } catch (e) {
    sink.discard();
    throw e;
  }
}

export interface FindingsJson {
  loupe: string;
  case: string;
  generatedAt: string;
  displayZone: string;
  findings: (Finding & { firstSeenText: string | null; lastSeenText: string | null })[];
}

export async function exportFindingsJson(findings: readonly Finding[], file: string, meta: { caseFile: string; zone: string; generatedAt: number }): Promise<{ bytes: number; sha256: string }> {
  const doc: FindingsJson = {
    loupe: LOUPE_VERSION,
    case: meta.caseFile,
    generatedAt: new Date(meta.generatedAt).toISOString(),
    displayZone: meta.zone,
    findings: findings.map((f) => ({
      ...f,
      firstSeenText: f.firstSeen == null ? null : formatTime(f.firstSeen, meta.zone, true),
      lastSeenText: f.lastSeen == null ? null : formatTime(f.lastSeen, meta.zone, true),
    })),
  };
  const sink = new FileSink(file);
  try {
    await sink.write(`${JSON.stringify(doc, null, 2)}\n`);
    return await sink.close();
  } catch (e) {
    sink.discard();
    throw e;
  }
}
