// analyzeCase: runs every aggregate task and the statistics in parallel Piscina workers (each
// opens the case read-only), then the detectors, evidence lookups, and stores the results.
import fs from 'node:fs';
import Piscina from 'piscina';
import type { CaseStats, Finding, JobHooks } from '../../shared/model';
import { LoupeError } from '../errors';
import { workerFile } from '../paths';
import { appendAudit, openCase, type Db } from '../store/case';
import { DETECTOR_LIST } from './detectors';
import { emptyAggregates, evidenceItems, runDetectors, toFinding } from './detect';
import { resolveSettings, defaultSettings } from './settings';
import { mergeStats, type StatsPart } from './stats';
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
  const pool = new Piscina({ filename: file, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
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

/** Aggregates needed by the detectors, in the order that keeps both workers busy (slowest first). */
const AGG_ORDER: readonly Exclude<AggregateKey, 'payloads'>[] = ['beacons', 'profile', 'rate', 'pairs', 'hosts', 'ports', 'stuffing', 'webLogin', 'flowLogin', 'ssh', 'sweeps', 'agents', 'crawlers'];

interface CaseShape {
  web: boolean;
  flow: boolean;
  auth: boolean;
}

/**
 * Which kinds of records the case holds, from the first rows of each source (a source's format
 * decides its columns): tasks for absent shapes are skipped instead of scanning for nothing.
 */
export function caseShape(db: Db): CaseShape {
  const sources = db.prepare('SELECT DISTINCT source_id AS id FROM events').all() as { id: number }[];
  const probe = db.prepare(`SELECT COUNT(status) + COUNT(path) + COUNT(user_agent) AS web, COUNT(dst_ip) + COUNT(dst_port) AS flow, COUNT(action) AS auth
    FROM (SELECT status, path, user_agent, dst_ip, dst_port, action FROM events WHERE source_id = ? ORDER BY line_no LIMIT 5000)`);
  const shape: CaseShape = { web: false, flow: false, auth: false };
  for (const s of sources) {
    const r = probe.get(s.id) as { web: number; flow: number; auth: number };
    shape.web ||= r.web > 0;
    shape.flow ||= r.flow > 0;
    shape.auth ||= r.auth > 0;
  }
  return shape;
}

const NEEDS_SHAPE: Record<Exclude<AggregateKey, 'payloads'>, (s: CaseShape) => boolean> = {
  profile: () => true,
  rate: () => true,
  beacons: (s) => s.web || s.flow,
  ports: (s) => s.flow,
  hosts: (s) => s.flow,
  flowLogin: (s) => s.flow,
  pairs: (s) => s.flow,
  ssh: (s) => s.auth,
  stuffing: (s) => s.auth || s.web,
  webLogin: (s) => s.web,
  sweeps: (s) => s.web,
  agents: (s) => s.web,
  crawlers: (s) => s.web,
};

function payloadTasks(db: Db, parts: number): TaskSpec[] {
  const r = db.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM events').get() as { lo: number | null; hi: number | null };
  if (r.lo == null || r.hi == null) return [];
  const step = Math.ceil((r.hi - r.lo + 1) / parts);
  const out: TaskSpec[] = [];
  for (let lo = r.lo; lo <= r.hi; lo += step) out.push({ kind: 'payloads', fromId: lo, toId: Math.min(r.hi, lo + step - 1) });
  return out;
}

export async function analyzeCase(caseFile: string, opts: AnalyzeOptions = {}, hooks: JobHooks = {}): Promise<AnalyzeResult> {
  const settings = resolveSettings(opts.settings);
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const db = openCase(caseFile, { create: false });
  const runner = makeRunner(caseFile, settings, opts, hooks);
  try {
    const shape = caseShape(db);
    const aggs = AGG_ORDER.filter((key) => NEEDS_SHAPE[key](shape));
    const tasks: TaskSpec[] = [
      ...aggs.slice(0, 1).map((key) => ({ kind: 'agg', key }) as const),
      ...(shape.web ? payloadTasks(db, 2) : []),
      ...(['base', 'sources', 'targets'] as const).map((part) => ({ kind: 'stats', part, from: null, to: null }) as const),
      ...aggs.slice(1).map((key) => ({ kind: 'agg', key }) as const),
    ];
    const agg: Aggregates = emptyAggregates();
    const statsParts: StatsPart[] = [];
    let done = 0;
    hooks.onProgress?.({ value: 0, title: 'Analysing', detail: `${tasks.length} tasks on worker threads` });
    await Promise.all(
      tasks.map(async (task) => {
        const t = Date.now();
        const res = await runner.run(task);
        const label = task.kind === 'agg' ? task.key : task.kind === 'stats' ? `stats.${task.part}` : task.kind;
        timings[label] = (timings[label] ?? 0) + (Date.now() - t);
        if (res.kind === 'agg') (agg[res.key] as unknown[]).push(...(res.rows as unknown[]));
        else if (res.kind === 'stats') statsParts.push(res.part);
        done++;
        hooks.onProgress?.({ value: (0.85 * done) / tasks.length, title: 'Analysing', detail: label });
      }),
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

    const stats = mergeStats(db, statsParts, { from: null, to: null });
    const change = replaceFindings(db, findings, DETECTOR_LIST.map((d) => d.name));
    const stored = listFindings(db);
    const suspicious = rankSuspicious(stored, readEntityScores(db));
    const now = Date.now();
    const putStats = db.prepare('INSERT INTO stats(key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
    db.transaction(() => {
      putStats.run('overview', JSON.stringify(stats), now);
      putStats.run('suspicious', JSON.stringify(suspicious), now);
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
