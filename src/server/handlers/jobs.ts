// jobs/* and follow/*: listing and cancelling jobs; following growing logs into the open case with
// live findings and model alerts pushed as events.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { FollowInfo } from '../../shared/api';
import { LoupeError, errorMessage } from '../../core/errors';
import { follow as followLog } from '../../core/follow/follow';
import { listFindings } from '../../core/analysis';
import type { Session } from '../session';
import type { Slice } from './types';

export const jobs: Slice<'jobs'> = {
  'jobs/list': (_a, s) => s.jobs.list(),
  'jobs/cancel': (a, s) => ({ cancelled: s.jobs.cancel(a.jobId) }),
};

function startFollow(s: Session, file: string, opts: { format?: string; tz?: string }): FollowInfo {
  const { file: caseFile, db } = s.requireCase();
  const abs = path.resolve(file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new LoupeError('not_found', `cannot follow ${abs}: no such file`);
  const already = [...s.follows.values()].find((f) => f.info.path === abs && f.info.state === 'running');
  if (already) return { ...already.info };
  const followId = randomUUID().slice(0, 8);
  const controller = new AbortController();
  const info: FollowInfo = { followId, path: abs, sourceId: null, startedAt: Date.now(), events: 0, quarantined: 0, alerts: 0, state: 'running', message: null };
  // the newest record's time, read by the (source_id, line_no) index: one row, however big the log
  const lastTsOf = db.prepare('SELECT ts FROM events WHERE source_id = ? AND ts IS NOT NULL ORDER BY line_no DESC LIMIT 1').pluck();
  const done = followLog(
    { caseFile, inputs: [abs], format: opts.format, tz: opts.tz },
    {
      signal: controller.signal,
      onStats: (st) => {
        info.sourceId = st.sourceId;
        info.events = st.events;
        info.quarantined = st.quarantined;
        const lastTs = lastTsOf.get(st.sourceId);
        s.emit('follow/stats', { followId, events: st.events, quarantined: st.quarantined, rate: st.rate, lastTs: typeof lastTs === 'number' ? lastTs : null });
      },
      onAlert: (a) => {
        info.alerts++;
        const finding = a.findingId ? listFindings(db, {}).find((f) => f.id === a.findingId) : undefined;
        if (finding) s.emit('follow/alert', { followId, finding });
        else s.emit('follow/scoreAlert', { followId, eventId: a.eventId ?? null, score: a.score ?? 0, entity: a.entity, title: a.title, severity: a.severity, at: a.at });
      },
      onNotice: (message) => {
        info.message = message;
        s.emit('follow/notice', { followId, message });
      },
    },
  ).then(
    () => {
      info.state = 'stopped';
    },
    (e: unknown) => {
      info.state = controller.signal.aborted ? 'stopped' : 'failed';
      info.message = errorMessage(e);
      s.emit('follow/notice', { followId, message: `stopped following ${abs}: ${info.message}` });
    },
  );
  s.follows.set(followId, { info, controller, done });
  return { ...info };
}

export const follow: Slice<'follow'> = {
  'follow/start': (a, s) => startFollow(s, a.path, { format: a.format, tz: a.tz }),
  'follow/stop': async (a, s) => {
    const f = s.follows.get(a.followId);
    if (!f) throw new LoupeError('not_found', `no follow with id ${a.followId}`);
    f.controller.abort();
    await f.done;
    return { ...f.info };
  },
  'follow/status': (_a, s) => [...s.follows.values()].map((f) => ({ ...f.info })),
};
