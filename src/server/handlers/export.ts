// export/*: the report and data exports as a job, written to the case's exports folder (or a folder
// chosen in a native dialog in Electron); web mode offers the files for download.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportKind } from '../../shared/api';
import { FILES_PATH } from '../../shared/web';
import { LoupeError } from '../../core/errors';
import { engine, type ExportRequest } from '../engine';
import type { Slice } from './types';

const FILE_NAMES: Record<ExportKind, string> = {
  pdf: 'report.pdf',
  csv: 'findings.csv',
  json: 'findings.json',
  eventsCsv: 'events.csv',
  eventsJsonl: 'events.jsonl',
};

export const exportSlice: Slice<'export'> = {
  'export/start': (a, s) => {
    const { file } = s.requireCase();
    if (a.dir && s.mode === 'web') throw new LoupeError('invalid_input', 'web mode writes exports to the case folder and offers them for download; do not pass a folder');
    const dir = a.dir ? path.resolve(a.dir) : s.caseFolder('exports');
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new LoupeError('not_found', `export folder not found: ${dir}`);
    const base = path.basename(file, path.extname(file));
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const settings = s.settings();
    const req: ExportRequest = { filter: a.filter, analyst: a.analyst ?? settings.analyst, displayZone: a.displayZone ?? settings.displayZone };
    const files = [...new Set(a.kinds)].map((kind) => ({ kind, path: path.join(dir, `${base}-${stamp}-${FILE_NAMES[kind]}`) }));
    for (const f of files) req[f.kind] = f.path;
    return {
      jobId: s.jobs.start('export', `Exporting ${files.map((f) => f.kind).join(', ')}`, async (hooks) => {
        const written = await engine.exportReport(file, req, hooks);
        const bytesOf = new Map(written.map((w) => [path.resolve(w.path), w.bytes]));
        return {
          kind: 'export',
          files: files.map((f) => ({
            kind: f.kind,
            path: f.path,
            bytes: bytesOf.get(path.resolve(f.path)) ?? 0,
            url: s.mode === 'web' && !a.dir ? `${FILES_PATH}${encodeURIComponent(path.basename(f.path))}` : null,
          })),
        };
      }),
    };
  },
};
