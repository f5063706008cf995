// exportReport: the one function behind `loupe report` and the app's Export button. Writes the
// findings PDF, findings CSV/JSON and events CSV/JSON lines, then records the export in the audit trail.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isValidZone } from '../../shared/format';
import type { Finding, JobHooks } from '../../shared/model';
import { DETECTORS } from '../analysis';
import { LoupeError } from '../errors';
import { appendAudit, getMeta, openCase } from '../store/case';
import { loadReportData, type DetectorInfo, type ReportFinding } from './data';
import { exportEvents, type EventsWriter } from './events-export';
import { exportFindingsCsv, exportFindingsJson } from './findings-export';

export type { DetectorInfo } from './data';
export { csvField, csvRow, neutraliseCell, parseCsv } from './csv';

export interface ExportReportOptions {
  pdf?: string;
  /** findings as CSV */
  csv?: string;
  /** findings as JSON */
  json?: string;
  eventsCsv?: string;
  eventsJsonl?: string;
  /** explorer query selecting the exported events (events exports only) */
  filter?: string;
  analyst?: string;
  caseName?: string;
  /** IANA zone for every time shown; default UTC */
  displayZone?: string;
  /** epoch ms printed as the generation time (and the PDF's dates); fixed → identical PDF bytes */
  generatedAt?: number;
  /** detector catalogue for the method appendix; default: the analysis engine's DETECTORS */
  detectors?: readonly DetectorInfo[];
}

export type ExportKind = 'pdf' | 'findings-csv' | 'findings-json' | 'events-csv' | 'events-jsonl';

export interface ExportedFile {
  kind: ExportKind;
  path: string;
  bytes: number;
  sha256: string;
  /** rows written, for the events exports */
  rows?: number;
}

const toFinding = ({ evidenceRows: _rows, ...f }: ReportFinding): Finding => f;

/** Refuses outputs that would overwrite the case or an evidence file, or two outputs on one path. */
function checkOutputs(caseFile: string, outputs: { kind: ExportKind; path: string }[], sourcePaths: readonly string[]): void {
  const protectedPaths = new Set([caseFile, `${caseFile}-wal`, `${caseFile}-shm`, ...sourcePaths].map((p) => path.resolve(p)));
  const seen = new Set<string>();
  for (const o of outputs) {
    const abs = path.resolve(o.path);
    if (protectedPaths.has(abs)) throw new LoupeError('invalid_input', `refusing to write the ${o.kind} export over ${o.path}: it is the case or one of its evidence files`);
    if (seen.has(abs)) throw new LoupeError('usage', `two exports would write the same file: ${o.path}`);
    seen.add(abs);
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw new LoupeError('invalid_input', `${o.path} is a folder; give a file name for the ${o.kind} export`);
  }
}

export async function exportReport(caseFile: string, opts: ExportReportOptions, hooks: JobHooks = {}): Promise<{ files: ExportedFile[] }> {
  const outputs = (
    [
      ['pdf', opts.pdf],
      ['findings-csv', opts.csv],
      ['findings-json', opts.json],
      ['events-csv', opts.eventsCsv],
      ['events-jsonl', opts.eventsJsonl],
    ] as const
  )
    .filter((o): o is readonly [ExportKind, string] => typeof o[1] === 'string' && o[1] !== '')
    .map(([kind, p]) => ({ kind, path: p }));
  if (!outputs.length) throw new LoupeError('usage', 'nothing to export: give at least one of --pdf, --csv, --json, --events-csv, --events-jsonl');
  const zone = opts.displayZone ?? 'UTC';
  if (!isValidZone(zone)) throw new LoupeError('invalid_input', `unknown time zone "${zone}" (use an IANA name such as UTC or Asia/Tehran)`);
  const generatedAt = opts.generatedAt ?? Date.now();
  const db = openCase(caseFile, { create: false });
  try {
    // exports read the whole events table once: no memory-mapped pages piling up in the RSS
    db.pragma('mmap_size = 0');
    // one sequential pass needs no big page cache (openCase asks for 64 MiB): keep the RSS flat
    db.pragma('cache_size = -8192');
    const data = loadReportData(db, opts.detectors ?? DETECTORS);
    checkOutputs(caseFile, outputs, data.sources.map((s) => s.path));
    const caseName = opts.caseName ?? getMeta(db, 'name') ?? path.basename(caseFile).replace(/\.loupe$/i, '');
    const analyst = opts.analyst ?? getMeta(db, 'analyst') ?? '';
    const files: ExportedFile[] = [];
    const findings = data.findings.map(toFinding);
    for (const o of outputs) {
      if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'export cancelled');
      switch (o.kind) {
        case 'pdf': {
          hooks.onProgress?.({ value: null, title: 'Writing the PDF report' });
          // pdfkit and its fonts load only when a PDF is asked for (every CLI command imports this module)
          const { renderPdf } = await import('./pdf');
          const bytes = await renderPdf(data, { caseName, caseFile: path.resolve(caseFile), analyst, zone, generatedAt });
          fs.writeFileSync(`${o.path}.partial`, bytes);
          fs.renameSync(`${o.path}.partial`, o.path);
          files.push({ kind: o.kind, path: o.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
          break;
        }
        case 'findings-csv':
          files.push({ kind: o.kind, path: o.path, ...(await exportFindingsCsv(findings, o.path, zone)) });
          break;
        case 'findings-json':
          files.push({ kind: o.kind, path: o.path, ...(await exportFindingsJson(findings, o.path, { caseFile: path.resolve(caseFile), zone, generatedAt })) });
          break;
        case 'events-csv':
        case 'events-jsonl':
          break;
      }
    }
    // both events exports come from one pass over the events table
    const writers: EventsWriter[] = outputs.flatMap((o): EventsWriter[] => (o.kind === 'events-csv' ? [{ kind: 'csv', file: o.path }] : o.kind === 'events-jsonl' ? [{ kind: 'jsonl', file: o.path }] : []));
    if (writers.length) {
      if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'export cancelled');
      for (const w of await exportEvents(db, writers, { filter: opts.filter, zone }, hooks)) {
        files.push({ kind: w.kind === 'csv' ? 'events-csv' : 'events-jsonl', path: w.file, bytes: w.bytes, sha256: w.sha256, rows: w.rows });
      }
    }
    // chain of custody: what was exported, where, and the hash of each file
    appendAudit(db, analyst || 'loupe', 'report.export', { files: files.map((f) => ({ kind: f.kind, path: path.resolve(f.path), bytes: f.bytes, sha256: f.sha256, rows: f.rows })), filter: opts.filter ?? null, zone, generatedAt });
    return { files };
  } finally {
    db.close();
  }
}
