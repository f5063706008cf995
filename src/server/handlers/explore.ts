// explore/*: explorer pages and counts (in the read worker pool, never on this thread), the raw
// original line, event tags and notes, and the full-text index's status and build job.
import type { FtsStatus, RawLine } from '../../shared/api';
import { ftsStatus } from '../../core/explore/fts';
import { getAnnotationsMany, setNote, setTag } from '../../core/store/annotations';
import { LoupeError, errorMessage } from '../../core/errors';
import { engine } from '../engine';
import type { Session } from '../session';
import type { Slice } from './types';

/** the raw line shown in the UI is cut here (the evidence itself stays in the source file) */
const RAW_DISPLAY_BYTES = 1024 * 1024;

/**
 * Builds or continues the FTS index, unless a build is already running. Not while an ingest runs:
 * a cancelled ingest rolls its rows back and their ids can be reused, so the index must only cover
 * committed sources (the ingest chain starts the build when it ends).
 */
export function startFtsBuild(s: Session): string | null {
  const running = s.jobs.running('fts')[0];
  if (running) return running.id;
  if (s.jobs.running('ingest').length) return null;
  const { file } = s.requireCase();
  return s.jobs.start('fts', 'Building the full-text index', async (hooks) => {
    const r = await s.explorer.buildFts(file, hooks);
    return { kind: 'fts', indexedRows: r.indexedRows };
  });
}

export function currentFtsStatus(s: Session): FtsStatus {
  const st = ftsStatus(s.requireCase().db);
  const job = s.jobs.running('fts')[0];
  if (!job) return st;
  return { ...st, state: 'building', jobId: job.id, progress: job.progress?.value ?? st.progress };
}

function rawLine(s: Session, eventId: number): RawLine {
  let buf: Buffer | null;
  try {
    buf = engine.rawLine(s.requireCase().db, eventId);
  } catch (e) {
    return { eventId, text: '', bytes: 0, available: false, message: errorMessage(e) };
  }
  if (!buf) return { eventId, text: '', bytes: 0, available: false, message: 'the original line cannot be read: the source file is gone or has changed since it was ingested' };
  const cut = buf.length > RAW_DISPLAY_BYTES;
  return {
    eventId,
    text: buf.subarray(0, RAW_DISPLAY_BYTES).toString('utf8'),
    bytes: buf.length,
    available: true,
    message: cut ? `showing the first ${RAW_DISPLAY_BYTES} of ${buf.length} bytes` : null,
  };
}

export const explore: Slice<'explore'> = {
  'explore/page': (a, s) => s.explorer.page(s.requireCase().file, a),
  'explore/count': (a, s) => s.explorer.count(s.requireCase().file, a.query),
  'explore/raw': (a, s) => rawLine(s, a.eventId),
  'explore/annotations': (a, s) => getAnnotationsMany(s.requireCase().db, 'event', a.eventIds),
  'explore/tag': (a, s) => setTag(s.requireCase().db, s.settings().analyst, { type: 'event', id: a.eventId }, a.tag, a.remove),
  'explore/note': (a, s) => setNote(s.requireCase().db, s.settings().analyst, { type: 'event', id: a.eventId }, a.text),
  'explore/ftsStatus': (_a, s) => currentFtsStatus(s),
  'explore/ftsBuild': (_a, s) => {
    const jobId = startFtsBuild(s);
    if (!jobId) throw new LoupeError('usage', 'files are being ingested; the full-text index is built when the ingest ends');
    return { jobId };
  },
};
