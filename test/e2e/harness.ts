// E2E harness: a fresh `loupe serve` per test (port 0, URL read from its one stdout line), a
// Chromium page with guards (no request off 127.0.0.1, no dialog, no page error), readiness
// waits instead of sleeps, and screenshots into test/e2e/screenshots/ (git-ignored).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(__dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test/e2e/screenshots');
export const CHROMIUM = process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium';

export interface Server {
  url: string;
  origin: string;
  dir: string;
  caseFile: string;
  proc: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `loupe serve` and waits for its URL line. Default: a fresh temporary case, created
 * through the API as the UI would; `caseFile: null` starts with no case open.
 */
export async function startServer(opts: { caseFile?: string | null; extraArgs?: string[] } = {}): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-e2e-'));
  const fresh = opts.caseFile === undefined;
  const caseFile = fresh ? path.join(dir, 'case.loupe') : (opts.caseFile ?? '');
  const args = [path.join(ROOT, 'bin/loupe.js'), 'serve', ...(caseFile && !fresh ? [caseFile] : []), '--port', '0', ...(opts.extraArgs ?? [])];
  // the sample case is opened from a private copy of resources/, so training and dismissals in a
  // test never change the shipped sample
  const resources = path.join(dir, 'resources');
  fs.mkdirSync(resources);
  const realResources = process.env.LOUPE_RESOURCES_DIR ?? path.join(ROOT, 'resources');
  for (const f of ['sample.loupe', 'sample.loupe-wal']) if (fs.existsSync(path.join(realResources, f))) fs.copyFileSync(path.join(realResources, f), path.join(resources, f));
  const env = { ...process.env, LOUPE_CONFIG_DIR: path.join(dir, 'config'), HOME: dir, LOUPE_RESOURCES_DIR: resources };
  const proc = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`loupe serve printed no URL within 30 s\nstdout: ${out}\nstderr: ${err}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_\-.~%]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loupe serve exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  }).catch((e: unknown) => {
    if (proc.exitCode == null) proc.kill('SIGKILL');
    throw e;
  });
  if (fresh) {
    try {
      await callApi(url, 'cases/create', { file: caseFile });
    } catch (e) {
      // never leave a server behind when setup fails
      proc.kill('SIGKILL');
      throw e;
    }
  }
  return {
    url,
    origin: new URL(url).origin,
    dir,
    caseFile,
    proc,
    stderr: () => err,
    stop: async () => {
      if (proc.exitCode == null) {
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill('SIGTERM');
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One API call over web mode with the session token (test setup only; the UI does the rest). */
export async function callApi(url: string, channel: string, args: unknown): Promise<unknown> {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-loupe-token': u.searchParams.get('token') ?? '' }, body: JSON.stringify(args) });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message ?? res.status}`);
  return body.value;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package or set LOUPE_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
}

export interface Guarded {
  context: BrowserContext;
  page: Page;
  /** requests to anything but the server's own origin */
  offsite: string[];
  dialogs: string[];
  pageErrors: string[];
  consoleErrors: string[];
  close: () => Promise<void>;
}

/** A fresh context and page on the server URL, with the offline and no-script-run guards attached. */
export async function openApp(browser: Browser, server: Server, opts: { colorScheme?: 'light' | 'dark'; initScript?: string } = {}): Promise<Guarded> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: opts.colorScheme ?? 'light', acceptDownloads: true });
  if (opts.initScript) await context.addInitScript({ content: opts.initScript });
  const page = await context.newPage();
  const g: Guarded = { context, page, offsite: [], dialogs: [], pageErrors: [], consoleErrors: [], close: () => context.close() };
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.hostname !== '127.0.0.1') g.offsite.push(r.url());
  });
  page.on('dialog', (d) => {
    g.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => g.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') g.consoleErrors.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
  return g;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** A smaller screenshot for the README (docs/screenshots/ takes the best of these, recompressed). */
export async function docShot(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 760 });
  // a pointer left over a chart by the last click would freeze its hover tooltip into the picture
  await page.mouse.move(0, 0);
  // let virtualized lists and charts re-measure: wait two animation frames, not a fixed sleep
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  fs.mkdirSync(path.join(SCREENSHOTS, 'docs'), { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'docs', `${name}.png`) });
  if (before) await page.setViewportSize(before);
}

/** Copies files into a temporary folder (the browser uploads from there; sources stay untouched). */
export function stageFiles(files: string[], under: string): string[] {
  // inside the server's temporary folder, so stopping the server removes them too
  const dir = fs.mkdtempSync(path.join(under, 'staged-'));
  return files.map((f) => {
    const to = path.join(dir, path.basename(f));
    fs.copyFileSync(f, to);
    return to;
  });
}

export interface AppFixture {
  browser: Browser;
  server: Server;
  g: Guarded;
}

/** Closes what a suite opened itself (page, browser, server) and removes its data folder. */
export async function closeSuite(fx: { g?: Guarded; browser?: Browser; server?: Server; dir?: string }): Promise<void> {
  await fx.g?.close();
  await fx.browser?.close();
  await fx.server?.stop();
  if (fx.dir) fs.rmSync(fx.dir, { recursive: true, force: true });
}

/** For a describe block: one browser, server and app page for the suite, closed after it. */
export function useApp(opts: { caseFile?: string | null } = {}): AppFixture {
  const fx = {} as AppFixture;
  beforeAll(async () => {
    fx.browser = await launchBrowser();
    fx.server = await startServer(opts);
    fx.g = await openApp(fx.browser, fx.server);
  });
  afterAll(async () => {
    await fx.g?.close();
    await fx.browser?.close();
    await fx.server?.stop();
  });
  return fx;
}
