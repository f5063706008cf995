// ingest/*: look at files before ingesting, start an ingest job (then analysis and the FTS index),
// list sources and quarantined rows.
import fs from 'node:fs';
import path from 'node:path';
import { LoupeError } from '../../core/errors';
import { engine } from '../engine';
import type { Session } from '../session';
import type { Slice } from './types';
import { startAnalysis } from './analysis';
import { startFtsBuild } from './explore';

const MAX_FILES = 10_000;

/** Files of the given paths, folders expanded recursively (hidden entries skipped), in a stable order. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (p: string, depth: number): void => {
    if (out.length >= MAX_FILES) return;
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new LoupeError('not_found', `cannot read ${p}: it does not exist or is not readable`);
    }
    if (st.isDirectory()) {
      if (depth > 8) return;
      for (const name of fs.readdirSync(p).sort()) if (!name.startsWith('.')) visit(path.join(p, name), depth + 1);
    } else if (st.isFile()) out.push(path.resolve(p));
  };
  for (const p of paths) visit(p, 0);
  if (!out.length) throw new LoupeError('invalid_input', 'no files found in what was given');
  return out;
}

/** Starts ingest -> analysis -> FTS index as a chain of jobs; returns the ingest job's id. */
export function startIngest(s: Session, files: { path: string; format?: string; map?: Record<string, string>; tz?: string; year?: number }[], opts: { force?: boolean; analyze?: boolean }): string {
  const { file } = s.requireCase();
  const expanded = files.flatMap((f) => expandPaths([f.path]).map((p) => ({ ...f, path: p })));
  // the index must not cover rows an ingest may roll back: stop a running build (it resumes later)
  for (const j of s.jobs.running('fts')) s.jobs.cancel(j.id);
  const title = expanded.length === 1 ? `Ingesting ${path.basename(expanded[0]!.path)}` : `Ingesting ${expanded.length} files`;
  return s.jobs.start('ingest', title, async (hooks) => {
    let sources;
    try {
      sources = await engine.ingest({ caseFile: file, files: expanded, force: opts.force }, hooks);
    } finally {
      // index what was committed (also after a cancel: the rolled-back rows are gone by now)
      setImmediate(() => s.caseFile === file && (opts.analyze === false || hooks.signal.aborted) && startFtsBuild(s));
    }
    if (opts.analyze !== false) startAnalysis(s, undefined, () => startFtsBuild(s));
    return { kind: 'ingest', sources };
  });
}

export const ingest: Slice<'ingest'> = {
  'ingest/formats': () => engine.formats(),
  'ingest/detect': async (a) => engine.detectFiles(expandPaths(a.paths)),
  'ingest/start': (a, s) => ({ jobId: startIngest(s, a.files, { force: a.force, analyze: a.analyze }) }),
  'ingest/sources': (_a, s) => engine.listSources(s.requireCase().db),
  'ingest/quarantine': (a, s) => {
    const { db } = s.requireCase();
    let afterId = a.afterId;
    if (afterId === undefined && a.afterLine !== undefined) {
      const row = db.prepare('SELECT max(id) AS id FROM quarantine WHERE source_id = ? AND line_no <= ?').get(a.sourceId, a.afterLine) as { id: number | null };
      afterId = row.id ?? 0;
    }
    return engine.quarantine(db, a.sourceId, { afterId, limit: a.limit ?? 200 });
  },
};
