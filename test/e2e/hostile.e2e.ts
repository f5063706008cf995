// Attacker-written text stays text: the hostile corpus is ingested and shown on every screen
// with no element created, no script run, no dialog and no request off 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, ROOT, screenshot, stageFiles, startServer, type Guarded, type Server } from './harness';
import { ExplorerPage, FindingsPage, IngestPage, LoupeApp, StartPage } from './pages';

const HOSTILE = path.join(ROOT, 'test/fixtures/hostile');

describe('hostile corpus', () => {
  let browser: Browser;
  let server: Server;
  let g: Guarded;
  let app: LoupeApp;
  let baseline: Awaited<ReturnType<LoupeApp['domSafety']>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer();
    g = await openApp(browser, server);
    app = new LoupeApp(g.page);
    baseline = await app.domSafety();
  });
  afterAll(async () => {
    await g?.close();
    await browser?.close();
    await server?.stop();
  });

  const expectSafe = async (where: string) => {
    const s = await app.domSafety();
    expect({ where, ...s }).toEqual({ where, ...baseline, pwned: undefined });
    expect(g.dialogs).toEqual([]);
    expect(g.offsite).toEqual([]);
  };

  it('ingests the corpus and shows the cleaning report and quarantined rows as text', async () => {
    const names = fs.readdirSync(HOSTILE).filter((f) => /\.(log|csv|jsonl)$/.test(f) && fs.statSync(path.join(HOSTILE, f)).size > 0);
    const files = stageFiles([...names.map((n) => path.join(HOSTILE, n)), path.join(ROOT, 'test/e2e/fixtures/pwned.log')], server.dir);
    await new StartPage(g.page).addFiles(files);
    const ing = new IngestPage(g.page);
    await ing.review().waitFor({ timeout: 60_000 });
    await expectSafe('ingest review');
    await ing.startButton().click();
    await ing.toOverview().waitFor({ timeout: 120_000 });
    const buttons = ing.showQuarantine();
    const n = await buttons.count();
    for (let i = 0; i < n; i++) await buttons.nth(i).click();
    if (n) await ing.quarantineList().first().waitFor();
    await expectSafe('cleaning report');
    await screenshot(g.page, '11-hostile-ingest');
  });

  it('explorer shows payloads as text and bidi overrides visibly escaped', async () => {
    await app.go('explorer');
    const x = new ExplorerPage(g.page);
    await x.query('ip:192.0.2.0/24');
    await x.rows().first().waitFor({ timeout: 30_000 });
    const text = await g.page.getByTestId('explorer-table').innerText();
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain('⟨U+202E⟩');
    expect(text).not.toContain('\u202E');
    const count = await x.rows().count();
    for (let i = 0; i < Math.min(count, 12); i++) {
      await x.rows().nth(i).click();
      await x.raw().waitFor();
    }
    await expectSafe('explorer with raw lines');
    await screenshot(g.page, '12-hostile-explorer');
  });

  it('findings, entity and overview stay inert', async () => {
    await app.go('overview');
    await g.page.getByTestId('kpis').waitFor({ timeout: 30_000 });
    await expectSafe('overview');
    await app.go('findings');
    const f = new FindingsPage(g.page);
    if (await f.rows().count()) {
      await g.page.locator('body').press('Enter');
      await expectSafe('findings');
    }
    await g.page.goto(`${server.origin}/#/entity?ip=192.0.2.50`);
    await g.page.getByTestId('entity-ip').waitFor({ timeout: 30_000 });
    await expectSafe('entity');
    expect(g.pageErrors).toEqual([]);
  });
});
