// analyzeCase: scans the events once, split between Piscina workers by source address (each opens
// the case read-only and folds statistics and per-source aggregates, see scan.ts), then runs the
// detectors on the merged aggregates, resolves evidence in the workers, and stores the results.
import fs from 'node:fs';
import os from 'node:os';
import Piscina from 'piscina';
import type { CaseStats, Finding, JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import { workerFile } from '../paths';
import { appendAudit, openCase } from '../store/case';
import { DETECTOR_LIST } from './detectors';
import { TARGETS } from './fold';
import { evidenceItems, runDetectors, toFinding } from './detect';
import { emptyAggregates } from './foldState';
import { resolveSettings, defaultSettings } from './settings';
import { planShares, scanBounds } from './scan';
import { mergeStats } from './stats';
import { readEntityScores, rankSuspicious, type SuspiciousEntry } from './suspicious';
import { listFindings, replaceFindings } from './store';
import { runTask, type TaskResult, type TaskSpec } from './tasks';
import type { AggregateKey, Aggregates, SettingValue, Settings } from './types';

export interface AnalyzeOptions {
  settings?: Record<string, SettingValue>;
  /** worker threads (default 2: the machines this runs on are small) */
  threads?: number;
  /** run tasks on the calling thread (no worker bundle, e.g. from sources) */
  inline?: boolean;
}

export interface AnalyzeResult {
  findings: Finding[];
  stats: CaseStats;
  suspicious: SuspiciousEntry[];
  timings: Record<string, number>;
}

export interface TaskPayload {
  caseFile: string;
  task: TaskSpec;
  settings: Settings;
}

type Runner = (task: TaskSpec) => Promise<TaskResult>;

function makeRunner(caseFile: string, settings: Settings, opts: AnalyzeOptions, hooks: JobHooks): { run: Runner; close: () => Promise<void> } {
  const file = workerFile('analyze');
  if (opts.inline || !fs.existsSync(file)) {
    const db = openCase(caseFile, { readonly: true });
    return {
      run: async (task) => {
        if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'analysis cancelled');
        return runTask(db, task, settings);
      },
      close: async () => {
        db.close();
      },
    };
  }
  const threads = Math.max(1, opts.threads ?? 2);
  // the scan allocates a string per cell: a larger young generation turns most of them into cheap
  // scavenges instead of promotions (about a sixth less CPU on a 2M-line access log). The fold's
  // state grows with distinct (source, destination/path) pairs, about 1 GiB per worker for 2M web
  // lines: V8's default 4 GiB heap would stop a worker near 8M lines, so the workers may use a
  // third of the machine's memory each.
  const heapMb = Math.max(4096, Math.floor(os.totalmem() / 1048576 / 3));
  const pool = new Piscina({ filename: file, minThreads: threads, maxThreads: threads, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: 192, maxOldGenerationSizeMb: heapMb } });
  return {
    run: async (task) => {
      try {
        return (await pool.run({ caseFile, task, settings } satisfies TaskPayload, { signal: hooks.signal ?? null })) as TaskResult;
      } catch (e) {
        if (hooks.signal?.aborted) throw new LoupeError('cancelled', 'analysis cancelled');
        throw e;
      }
    },
    close: () => pool.destroy(),
  };
}

/** Adds up the workers' aggregates: sources are disjoint between workers, stuffing groups and minutes are not. */
function mergeAggregates(parts: readonly Aggregates[], settings: Settings): Aggregates {
  const agg = emptyAggregates();
  for (const p of parts) for (const k of Object.keys(agg) as AggregateKey[]) if (k !== 'stuffing' && k !== 'traffic') for (const r of p[k]) (agg[k] as unknown[]).push(r);
  const groups = new Map<string, Aggregates['stuffing'][number]>();
  for (const p of parts) {
    for (const r of p.stuffing) {
      const k = `${r.target}\u0000${r.window}`;
      const g = groups.get(k);
      if (!g) groups.set(k, { ...r });
      else {
        g.sources += r.sources;
        g.fails += r.fails;
        g.refusedSources += r.refusedSources;
        g.refusedFails += r.refusedFails;
        g.first = Math.min(g.first ?? r.first!, r.first ?? g.first!);
        g.last = Math.max(g.last ?? r.last!, r.last ?? g.last!);
      }
    }
  }
  // a minute's sources add up: each source is folded by one worker only
  const minutes = new Map<number, Aggregates['traffic'][number]>();
  for (const p of parts) {
    for (const r of p.traffic) {
      const m = minutes.get(r.minute);
      if (!m) minutes.set(r.minute, { ...r });
      else {
        m.events += r.events;
        m.sources += r.sources;
        if (r.halfOpen) m.halfOpen = (m.halfOpen ?? 0) + r.halfOpen;
        if (r.shed) m.shed = (m.shed ?? 0) + r.shed;
        if (r.pageFiles) m.pageFiles = (m.pageFiles ?? 0) + r.pageFiles;
        // the workers' heavy-hitter summaries add up (still lower bounds); the busiest are kept
        if (r.targets) {
          const sum = new Map(m.targets ?? []);
          for (const [k, v] of r.targets) sum.set(k, (sum.get(k) ?? 0) + v);
          m.targets = [...sum].sort((a, b) => b[1] - a[1]).slice(0, TARGETS);
        }
      }
    }
  }
  agg.traffic = [...minutes.values()];
  // a login target that refuses with 401/403 and never redirects a posted form (a JSON login API)
  // answers 200 to a login that worked: only its refusals are failures
  const refuses = new Set<string>();
  const redirects = new Set<string>();
  for (const p of parts)
    for (const r of p.stuffing) {
      if (r.refuses) refuses.add(r.target);
      if (r.redirects) redirects.add(r.target);
    }
  for (const g of groups.values())
    if (refuses.has(g.target) && !redirects.has(g.target)) Object.assign(g, { sources: g.refusedSources, fails: g.refusedFails });
  const minSources = Number(settings['credentialStuffing.minSources']);
  agg.stuffing = [...groups.values()].filter((g) => g.sources >= minSources);
  return agg;
}

export async function analyzeCase(caseFile: string, opts: AnalyzeOptions = {}, hooks: JobHooks = {}): Promise<AnalyzeResult> {
  const settings = resolveSettings(opts.settings);
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const db = openCase(caseFile, { create: false });
  const runner = makeRunner(caseFile, settings, opts, hooks);
  try {
    const { bucketMs } = scanBounds(db, { from: null, to: null });
    const parts = Math.max(1, opts.threads ?? 2);
    const { bounds } = planShares(db, parts);
    const total = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    // the workers count the rows they scanned into shared memory; progress is read from it
    const progress = new Int32Array(new SharedArrayBuffer(4 * parts));
    const report = (): void => {
      const done = progress.reduce((a, b) => a + b, 0);
      hooks.onProgress?.({ value: total ? (0.85 * Math.min(done, total)) / total : 0, title: 'Analysing', detail: `scanned ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events` });
    };
    report();
    const ticker = hooks.onProgress ? setInterval(report, 250) : null;
    const scans = await Promise.all(
      Array.from({ length: parts }, async (_, part) => {
        const t = Date.now();
        const res = await runner.run({ kind: 'scan', part, parts, from: null, to: null, bucketMs, detect: true, progress, bounds });
        timings[`scan.${part}`] = Date.now() - t;
        if (res.kind !== 'scan' || !res.agg) throw new Error('analysis worker returned no scan');
        Atomics.store(progress, part, res.rows);
        return res;
      }),
    ).finally(() => {
      if (ticker) clearInterval(ticker);
    });
    report();
    const agg = mergeAggregates(
      scans.map((s) => s.agg!),
      settings,
    );
    timings.aggregates = Date.now() - t0;

    const drafts = runDetectors(agg, settings);
    const items = evidenceItems(drafts);
    const half = Math.ceil(items.length / 2);
    const chunks = items.length > 8 ? [items.slice(0, half), items.slice(half)] : [items];
    const t1 = Date.now();
    const evidence = (await Promise.all(chunks.map((c) => runner.run({ kind: 'evidence', items: c })))).flatMap((r) => (r.kind === 'evidence' ? r.results : []));
    timings.evidence = Date.now() - t1;
    const findings = drafts.map((d, i) => toFinding(d, evidence[i]!));

    const stats = mergeStats(
      db,
      scans.map((s) => s.stats),
      { from: null, to: null },
      // scanCase shares rows out by source address
      true,
    );
    const change = replaceFindings(db, findings, DETECTOR_LIST.map((d) => d.name));
    const stored = listFindings(db);
    const suspicious = rankSuspicious(stored, readEntityScores(db));
    const now = Date.now();
    const putStats = db.prepare('INSERT INTO stats(key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
    db.transaction(() => {
      putStats.run('overview', JSON.stringify(stats), now);
      const defaults = defaultSettings();
      const changed = Object.fromEntries(Object.entries(settings).filter(([k, v]) => defaults[k] !== v));
      appendAudit(db, 'loupe', 'analysis.run', { settings: changed, findings: findings.length, ...change, ms: now - t0 });
    })();
    timings.total = Date.now() - t0;
    hooks.onProgress?.({ value: 1, title: 'Analysis done', detail: `${findings.length} findings` });
    return { findings: stored, stats, suspicious, timings };
  } finally {
    await runner.close();
    db.close();
  }
}
