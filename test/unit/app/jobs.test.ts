// The job runner: one done/failed event per job, throttled progress, cancellation that reaches the
// body's signal (and the FTS worker, whose build is resumable after a cancel).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiEvents, EventName } from '../../../src/shared/api';
import { JobRunner } from '../../../src/core/jobs/runner';
import { LoupeError } from '../../../src/core/errors';
import { ExplorerPool } from '../../../src/core/explore/pool';
import { ftsStatus } from '../../../src/core/explore/fts';
import { openCase } from '../../../src/core/store/case';
import { caseWithEvents, randomEvents, tempDir } from './helpers';

type Ev = { event: EventName; payload: ApiEvents[EventName] };
function recorder(): { events: Ev[]; emit: <E extends EventName>(e: E, p: ApiEvents[E]) => void } {
  const events: Ev[] = [];
  return { events, emit: (event, payload) => events.push({ event, payload }) };
}

describe('job runner', () => {
  it('reports progress (throttled, last value kept) and one jobs/done with the result', async () => {
    const r = recorder();
    const jobs = new JobRunner(r.emit, 50);
    const id = jobs.start('analysis', 'test', async (hooks) => {
      for (let i = 1; i <= 100; i++) hooks.onProgress({ value: i / 100, title: 'working' });
      await new Promise((res) => setTimeout(res, 80));
      return { kind: 'analysis', findings: 3 };
    });
    expect(jobs.list()[0]).toMatchObject({ id, state: 'running' });
    const info = await jobs.settled(id);
    expect(info).toMatchObject({ state: 'done', progress: { value: 1 } });
    const progress = r.events.filter((e) => e.event === 'jobs/progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThan(10);
    expect(r.events.filter((e) => e.event === 'jobs/done')).toEqual([{ event: 'jobs/done', payload: { jobId: id, kind: 'analysis', result: { kind: 'analysis', findings: 3 } } }]);
  });

  it('cancels: the body sees the abort and the job ends as jobs/failed with code cancelled', async () => {
    const r = recorder();
    const jobs = new JobRunner(r.emit);
    let sawAbort = false;
    const id = jobs.start('ingest', 'slow', (hooks) => {
      return new Promise((_resolve, reject) => {
        hooks.signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new LoupeError('cancelled', 'stopped'));
        });
      });
    });
    await new Promise((res) => setTimeout(res, 10));
    expect(jobs.cancel(id)).toBe(true);
    const info = await jobs.settled(id);
    expect(sawAbort).toBe(true);
    expect(info?.state).toBe('cancelled');
    expect(r.events.at(-1)).toMatchObject({ event: 'jobs/failed', payload: { jobId: id, error: { code: 'cancelled' } } });
    expect(jobs.cancel(id)).toBe(false);
    expect(r.events.filter((e) => e.event === 'jobs/done')).toEqual([]);
  });

  it('a body that ignores the signal but finishes after cancel still ends cancelled, not done', async () => {
    const r = recorder();
    const jobs = new JobRunner(r.emit);
    const id = jobs.start('export', 'stubborn', async () => {
      await new Promise((res) => setTimeout(res, 30));
      return { kind: 'fts', indexedRows: 1 };
    });
    jobs.cancel(id);
    expect((await jobs.settled(id))?.state).toBe('cancelled');
    expect(r.events.map((e) => e.event)).not.toContain('jobs/done');
  });

  it('failures carry the engine error code and message', async () => {
    const r = recorder();
    const jobs = new JobRunner(r.emit);
    const id = jobs.start('train', 'no labels', async () => {
      throw new LoupeError('no_labels', 'this case has no label column; train unsupervised instead');
    });
    await jobs.settled(id);
    expect(r.events.at(-1)).toEqual({ event: 'jobs/failed', payload: { jobId: id, kind: 'train', error: { code: 'no_labels', message: 'this case has no label column; train unsupervised instead' } } });
  });

  it('cancelling the FTS build terminates the worker and the index resumes later', async () => {
    const file = path.join(tempDir(), 'c.loupe');
    caseWithEvents(file, randomEvents(60_000, 2)).close();
    const pool = new ExplorerPool(1);
    try {
      const ac = new AbortController();
      const build = pool.buildFts(file, {
        signal: ac.signal,
        onProgress: (p) => {
          if ((p.records ?? 0) > 0) ac.abort();
        },
      });
      await expect(build).rejects.toMatchObject({ code: 'cancelled' });
      const db = openCase(file, { readonly: true });
      const st = ftsStatus(db);
      db.close();
      expect(st.state === 'stale' || st.state === 'none').toBe(true);
      expect(st.indexedRows).toBeLessThan(60_000);
      await expect(pool.buildFts(file)).resolves.toEqual({ indexedRows: 60_000 });
    } finally {
      await pool.close();
    }
  });
});
