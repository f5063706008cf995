// A session: the one case a window (Electron) or a server (web mode) works on, its write connection,
// its job runner and explorer pools, and the user's settings and recent cases. Handlers receive it;
// nothing lives in module globals, so two sessions (tests, two windows) never share state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FollowInfo, RecentCase, Settings } from '../shared/api';
import { LoupeError } from '../core/errors';
import { JobRunner, type Emit } from '../core/jobs/runner';
import { ExplorerPool } from '../core/explore/pool';
import { openCase, type Db } from '../core/store/case';

export interface SessionOptions {
  mode: 'web' | 'electron';
  emit: Emit;
  /** where settings.json and recent.json live (default $LOUPE_HOME or ~/.loupe) */
  userDir?: string;
  /** largest upload accepted in web mode, bytes */
  maxUploadBytes?: number;
}

const DEFAULT_SETTINGS: Settings = { analyst: os.userInfo().username || 'analyst', displayZone: 'UTC', theme: 'system' };
const MAX_RECENT = 12;

export class Session {
  readonly mode: 'web' | 'electron';
  readonly emit: Emit;
  readonly jobs: JobRunner;
  readonly explorer: ExplorerPool;
  readonly userDir: string;
  readonly maxUploadBytes: number;
  /** live follows of this session's case, by id */
  readonly follows = new Map<string, { info: FollowInfo; controller: AbortController; done: Promise<void> }>();
  private current: { file: string; db: Db } | null = null;

  constructor(opts: SessionOptions) {
    this.mode = opts.mode;
    this.emit = opts.emit;
    this.jobs = new JobRunner(opts.emit);
    this.explorer = new ExplorerPool();
    this.userDir = opts.userDir ?? process.env.LOUPE_HOME ?? path.join(os.homedir(), '.loupe');
    this.maxUploadBytes = opts.maxUploadBytes ?? 8 * 1024 ** 3;
  }

  get caseFile(): string | null {
    return this.current?.file ?? null;
  }

  /** The open case, or a clear error telling the user to open one. */
  requireCase(): { file: string; db: Db } {
    if (!this.current) throw new LoupeError('usage', 'no case is open: open or create a case first');
    return this.current;
  }

  async stopFollows(): Promise<void> {
    for (const f of this.follows.values()) f.controller.abort();
    await Promise.all([...this.follows.values()].map((f) => f.done));
    this.follows.clear();
  }

  /** Opens (or creates) a case and makes it the session's case. */
  open(file: string, create: boolean): { file: string; db: Db } {
    if ([...this.follows.values()].some((f) => f.info.state === 'running')) throw new LoupeError('usage', 'stop following live logs before switching cases');
    const abs = path.resolve(file);
    if (create && fs.existsSync(abs)) throw new LoupeError('invalid_input', `${abs} already exists: open it instead, or choose another name`);
    if (!create && !fs.existsSync(abs)) throw new LoupeError('not_found', `case not found: ${abs}`);
    const db = openCase(abs, { create });
    if (this.current) this.current.db.close();
    this.current = { file: abs, db };
    this.touchRecent(abs);
    this.emit('cases/changed', { file: abs });
    return this.current;
  }

  /** The per-case folder for uploads and exports (`<case>.files/<kind>`), created on demand. */
  caseFolder(kind: 'uploads' | 'exports'): string {
    const { file } = this.requireCase();
    const base = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.files`);
    const dir = path.join(base, kind);
    fs.mkdirSync(dir, { recursive: true });
    // uploaded evidence and exports must never end up in a repository the case happens to sit in
    const ignore = path.join(base, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
    return dir;
  }

  settings(): Settings {
    const stored = this.readJson<Partial<Settings>>('settings.json', {});
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  saveSettings(patch: Partial<Settings>): Settings {
    const next = { ...this.settings(), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    this.writeJson('settings.json', next);
    return next;
  }

  recent(): RecentCase[] {
    const list = this.readJson<{ file: string; openedAt: number }[]>('recent.json', []);
    return list.map((r) => ({ file: r.file, name: path.basename(r.file), openedAt: r.openedAt, exists: fs.existsSync(r.file) }));
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    await this.stopFollows();
    await this.explorer.close();
    this.current?.db.close();
    this.current = null;
  }

  private touchRecent(file: string): void {
    const list = this.readJson<{ file: string; openedAt: number }[]>('recent.json', []).filter((r) => r.file !== file);
    list.unshift({ file, openedAt: Date.now() });
    this.writeJson('recent.json', list.slice(0, MAX_RECENT));
  }

  private readJson<T>(name: string, fallback: T): T {
    const f = path.join(this.userDir, name);
    if (!fs.existsSync(f)) return fallback;
    try {
      return JSON.parse(fs.readFileSync(f, 'utf8')) as T;
    } catch (e) {
      // a damaged settings file must not stop the app; say so once and start from defaults
      process.stderr.write(`loupe: ignoring unreadable ${f} (${(e as Error).message})\n`);
      return fallback;
    }
  }

  private writeJson(name: string, value: unknown): void {
    fs.mkdirSync(this.userDir, { recursive: true });
    const f = path.join(this.userDir, name);
    fs.writeFileSync(`${f}.tmp`, JSON.stringify(value, null, 2));
    fs.renameSync(`${f}.tmp`, f);
  }
}
