// The explorer's worker pools as seen from the server / Electron main: pages, counts and entity
// aggregates run on a small read pool; the FTS build gets its own single thread so a long build
// never delays a page. Owned by a session (closed with it), not a module global.
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { CountEstimate, EntityView, ExplorePage } from '../../shared/api';
import type { CaseStats, JobHooks, JobProgress } from '../../shared/model';
import type { EventRow } from '../../shared/columns';
import { LoupeError } from '../errors';
import { workerFile } from '../paths';
import type { PageArgs } from './page';
import type { TaskResult } from '../../workers/fts';

function unwrap<T>(r: TaskResult<T>): T {
  if (r.ok) return r.value;
  throw new LoupeError(r.code, r.message);
}

export class ExplorerPool {
  private readonly reads: Piscina;
  private builder: Piscina | null = null;

  constructor(threads = 2) {
    this.reads = new Piscina({ filename: workerFile('fts'), minThreads: 1, maxThreads: threads, idleTimeout: 60_000, maxQueue: 64 });
  }

  async page(caseFile: string, args: PageArgs): Promise<ExplorePage> {
    return unwrap((await this.reads.run({ caseFile, args }, { name: 'page' })) as TaskResult<ExplorePage>);
  }

  async count(caseFile: string, query: string, signal?: AbortSignal): Promise<CountEstimate> {
    try {
      return unwrap((await this.reads.run({ caseFile, query }, { name: 'count', signal })) as TaskResult<CountEstimate>);
    } catch (e) {
      if (signal?.aborted) throw new LoupeError('cancelled', 'count cancelled');
      throw e;
    }
  }

  async entity(caseFile: string, ip: string, range: { from?: number; to?: number }): Promise<Omit<EntityView, 'findings'>> {
    return unwrap((await this.reads.run({ caseFile, ip, ...range }, { name: 'entity' })) as TaskResult<Omit<EntityView, 'findings'>>);
  }

  async overview(caseFile: string, range: { from?: number; to?: number }): Promise<CaseStats> {
    return unwrap((await this.reads.run({ caseFile, ...range }, { name: 'overview' })) as TaskResult<CaseStats>);
  }

  async evidence(caseFile: string, findingId: string, limit: number): Promise<EventRow[]> {
    return unwrap((await this.reads.run({ caseFile, findingId, limit }, { name: 'evidence' })) as TaskResult<EventRow[]>);
  }

  /** Builds the FTS index in its own thread; abort terminates it (the open batch rolls back, the rest is kept). */
  async buildFts(caseFile: string, hooks: JobHooks = {}): Promise<{ indexedRows: number }> {
    this.builder ??= new Piscina({ filename: workerFile('fts'), minThreads: 0, maxThreads: 1, idleTimeout: 5_000 });
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (p: JobProgress) => hooks.onProgress?.(p));
    try {
      const r = (await this.builder.run({ caseFile, port: port2 }, { name: 'build', transferList: [port2], signal: hooks.signal })) as TaskResult<{ indexedRows: number }>;
      return unwrap(r);
    } catch (e) {
      if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'full-text indexing cancelled (what was indexed is kept; it resumes next time)');
      throw e;
    } finally {
      port1.close();
    }
  }

  /** Read connections are cached per thread; call after a case file is replaced. */
  async forget(caseFile: string): Promise<void> {
    const n = this.reads.threads.length;
    await Promise.all(Array.from({ length: n }, () => this.reads.run({ caseFile }, { name: 'forget' })));
  }

  async close(): Promise<void> {
    await Promise.all([this.reads.destroy(), this.builder?.destroy()]);
  }
}
