// Long work is a job: this store follows pushed progress/done/failed events for every job the
// UI started (events may arrive before the start call returns, so they are buffered by id).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiEvents, JobKind, JobResult, JobStarted } from '../../shared/api';
import type { JobProgress, Result } from '../../shared/model';
import { useApi, type UiError } from './hooks';
import { useSession } from './session';

export interface UiJob {
  id: string;
  kind: JobKind;
  title: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: JobProgress | null;
  result: JobResult | null;
  error: UiError | null;
  startedAt: number;
}

interface JobsValue {
  jobs: ReadonlyMap<string, UiJob>;
  /** starts a job; resolves with its result when it is done, rejects (UiError) when it fails or is cancelled */
  start: (kind: JobKind, title: string, call: Promise<Result<JobStarted>>) => { id: Promise<string>; done: Promise<JobResult> };
  cancel: (jobId: string) => Promise<void>;
}

const JobsContext = createContext<JobsValue | null>(null);

export function useJobs(): JobsValue {
  const v = useContext(JobsContext);
  if (!v) throw new Error('JobsContext missing');
  return v;
}

type Waiter = { resolve: (r: JobResult) => void; reject: (e: UiError) => void };

export function JobsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { reloadCase } = useSession();
  const [jobs, setJobs] = useState<ReadonlyMap<string, UiJob>>(new Map());
  const waiters = useRef(new Map<string, Waiter>());
  // terminal events seen before the job's start call returned
  const early = useRef(new Map<string, { result?: JobResult; error?: UiError }>());

  const patch = useCallback((id: string, f: (j: UiJob | undefined) => UiJob | undefined) => {
    setJobs((m) => {
      const next = f(m.get(id));
      if (!next) return m;
      const copy = new Map(m);
      copy.set(id, next);
      return copy;
    });
  }, []);

  useEffect(() => {
    const offP = api.on('jobs/progress', (p: ApiEvents['jobs/progress']) => {
      patch(p.jobId, (j) => (j ? { ...j, progress: p } : { id: p.jobId, kind: p.kind, title: p.title, state: 'running', progress: p, result: null, error: null, startedAt: Date.now() }));
    });
    const offD = api.on('jobs/done', (p: ApiEvents['jobs/done']) => {
      patch(p.jobId, (j) => (j ? { ...j, state: 'done', result: p.result, progress: j.progress ? { ...j.progress, value: 1 } : null } : j));
      const w = waiters.current.get(p.jobId);
      if (w) w.resolve(p.result);
      else early.current.set(p.jobId, { result: p.result });
      // any finished job (including ones the engine chained, like the analysis after an ingest)
      // may have changed the case: refresh it so every screen reloads its data
      void reloadCase();
    });
    const offF = api.on('jobs/failed', (p: ApiEvents['jobs/failed']) => {
      const state = p.error.code === 'cancelled' ? 'cancelled' : 'failed';
      patch(p.jobId, (j) => (j ? { ...j, state, error: p.error } : j));
      const w = waiters.current.get(p.jobId);
      if (w) w.reject(p.error);
      else early.current.set(p.jobId, { error: p.error });
    });
    return () => {
      offP();
      offD();
      offF();
    };
  }, [api, patch, reloadCase]);

  const start = useCallback<JobsValue['start']>(
    (kind, title, call) => {
      let resolveId: (id: string) => void = () => undefined;
      let rejectId: (e: UiError) => void = () => undefined;
      const id = new Promise<string>((res, rej) => {
        resolveId = res;
        rejectId = rej;
      });
      const done = new Promise<JobResult>((resolve, reject) => {
        call.then(
          (r) => {
            if (!r.ok) {
              rejectId(r.error);
              reject(r.error);
              return;
            }
            const jobId = r.value.jobId;
            patch(jobId, (j) => ({ id: jobId, kind, title, state: j?.state ?? 'running', progress: j?.progress ?? null, result: j?.result ?? null, error: j?.error ?? null, startedAt: j?.startedAt ?? Date.now() }));
            resolveId(jobId);
            const e = early.current.get(jobId);
            if (e) {
              early.current.delete(jobId);
              if (e.result) {
                patch(jobId, (j) => (j ? { ...j, state: 'done', result: e.result ?? null } : j));
                resolve(e.result);
              } else if (e.error) {
                patch(jobId, (j) => (j ? { ...j, state: e.error?.code === 'cancelled' ? 'cancelled' : 'failed', error: e.error ?? null } : j));
                reject(e.error);
              }
              return;
            }
            waiters.current.set(jobId, {
              resolve: (x) => {
                waiters.current.delete(jobId);
                resolve(x);
              },
              reject: (x) => {
                waiters.current.delete(jobId);
                reject(x);
              },
            });
          },
          (e: unknown) => {
            const err: UiError = { code: 'internal', message: e instanceof Error ? e.message : String(e) };
            rejectId(err);
            reject(err);
          },
        );
      });
      // callers that only watch the store must not produce unhandled rejections
      done.catch(() => undefined);
      id.catch(() => undefined);
      return { id, done };
    },
    [patch],
  );

  const cancel = useCallback(
    async (jobId: string) => {
      await api['jobs/cancel']({ jobId });
    },
    [api],
  );

  const value = useMemo(() => ({ jobs, start, cancel }), [jobs, start, cancel]);
  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>;
}

/** The most recent job of a kind (running first), for screens that show "the" current job. */
export function latestJob(jobs: ReadonlyMap<string, UiJob>, kind: JobKind): UiJob | null {
  let best: UiJob | null = null;
  for (const j of jobs.values()) {
    if (j.kind !== kind) continue;
    if (!best || (j.state === 'running' && best.state !== 'running') || (j.state === best.state && j.startedAt > best.startedAt)) best = j;
  }
  return best;
}
