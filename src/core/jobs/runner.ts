// The job runner: long work (ingest, analysis, training, export, FTS) gets an id, pushes throttled
// progress, can be cancelled through an AbortController that reaches the engine and its workers,
// and ends as exactly one `jobs/done` or `jobs/failed` event. One runner per session (no globals).
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { ApiEvents, EventName, JobInfo, JobKind, JobResult } from '../../shared/api';
import type { JobHooks, JobProgress } from '../../shared/model';
import { errorMessage, isLoupeError } from '../errors';

export type Emit = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

export type JobBody = (hooks: Required<JobHooks>) => Promise<JobResult>;

interface Job {
  info: JobInfo;
  controller: AbortController;
  done: Promise<void>;
}

/** finished jobs kept for `jobs/list` */
const KEEP_FINISHED = 50;

export class JobRunner {
  private readonly jobs = new Map<string, Job>();

  /** @param progressIntervalMs at most one progress event per job per interval (the last one always goes out) */
  constructor(
    private readonly emit: Emit,
    private readonly progressIntervalMs = 100,
  ) {}

  start(kind: JobKind, title: string, body: JobBody): string {
    const id = randomUUID();
    const controller = new AbortController();
    // one job's signal reaches every task it queues on the engines' pools (each adds a listener)
    setMaxListeners(10_000, controller.signal);
    const info: JobInfo = { id, kind, title, state: 'running', progress: null, startedAt: Date.now(), finishedAt: null, error: null };
    let lastSent = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const send = (): void => {
      pending = null;
      lastSent = Date.now();
      if (info.state === 'running' && info.progress) this.emit('jobs/progress', { ...info.progress, jobId: id, kind });
    };
    const onProgress = (p: JobProgress): void => {
      info.progress = p;
      if (pending) return;
      const wait = this.progressIntervalMs - (Date.now() - lastSent);
      if (wait <= 0) send();
      else pending = setTimeout(send, wait);
    };
    const finish = (): void => {
      if (pending) clearTimeout(pending);
      info.finishedAt = Date.now();
      this.prune();
    };
    const run = async (): Promise<void> => {
      // the body starts on the next tick so the caller has the id before any event arrives
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        const result = await body({ signal: controller.signal, onProgress });
        finish();
        if (!controller.signal.aborted) {
          info.state = 'done';
          this.emit('jobs/done', { jobId: id, kind, result });
          return;
        }
        info.state = 'cancelled';
      } catch (e) {
        finish();
        const cancelled = controller.signal.aborted || (isLoupeError(e) && e.code === 'cancelled');
        info.state = cancelled ? 'cancelled' : 'failed';
        if (!cancelled) info.error = { code: isLoupeError(e) ? e.code : 'internal', message: errorMessage(e) };
      }
      info.error ??= { code: 'cancelled', message: `${title}: cancelled` };
      this.emit('jobs/failed', { jobId: id, kind, error: info.error });
    };
    const done = run();
    this.jobs.set(id, { info, controller, done });
    return id;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.info.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const j of this.jobs.values()) if (j.info.state === 'running') j.controller.abort();
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info }));
  }

  running(kind?: JobKind): JobInfo[] {
    return this.list().filter((j) => j.state === 'running' && (!kind || j.kind === kind));
  }

  /** Resolves when the job has ended (for tests and shutdown). */
  async settled(jobId: string): Promise<JobInfo | null> {
    const job = this.jobs.get(jobId);
    if (!job) return null;
    await job.done;
    return { ...job.info };
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.info.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.info.id);
  }
}
