// Attacker-written text stays text: the hostile corpus is ingested and shown on every screen
// with no element created, no script run, no dialog and no request off 127.0.0.1.
import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, screenshot, stageFiles, useApp } from './harness';
import { ExplorerPage, FindingsPage, IngestPage, LoupeApp, StartPage } from './pages';

const HOSTILE = path.join(ROOT, 'test/fixtures/hostile');

describe('hostile corpus', () => {
  let app: LoupeApp;
  let baseline: Awaited<ReturnType<LoupeApp['domSafety']>>;
  const fx = useApp();
  beforeAll(async () => {
    app = new LoupeApp(fx.g.page);
    baseline = await app.domSafety();
  });

  const expectSafe = async (where: string) => {
    const s = await app.domSafety();
    expect({ where, ...s }).toEqual({ where, ...baseline, pwned: undefined });
    expect(fx.g.dialogs).toEqual([]);
    expect(fx.g.offsite).toEqual([]);
  };

  it('ingests the corpus and shows the cleaning report and quarantined rows as text', async () => {
    const names = fs.readdirSync(HOSTILE).filter((f) => /\.(log|csv|jsonl)$/.test(f) && fs.statSync(path.join(HOSTILE, f)).size > 0);
    const files = stageFiles([...names.map((n) => path.join(HOSTILE, n)), path.join(ROOT, 'test/e2e/fixtures/pwned.log')], fx.server.dir);
    await new StartPage(fx.g.page).addFiles(files);
    const ing = new IngestPage(fx.g.page);
    await ing.review().waitFor({ timeout: 60_000 });
    await expectSafe('ingest review');
    await ing.startButton().click();
    await ing.toOverview().waitFor({ timeout: 120_000 });
    // many small files: the finished card must total them all, not echo the last progress push
    await ing.report().waitFor();
    let seenTotal = 0;
    for (const line of await ing.sourceCounts().allInnerTexts()) seenTotal += Number((line.match(/[\d,]+/) ?? ['0'])[0].replace(/,/g, ''));
    expect(Number((await ing.records().innerText()).replace(/[^0-9]/g, ''))).toBe(seenTotal);
    const buttons = ing.showQuarantine();
    const n = await buttons.count();
    for (let i = 0; i < n; i++) await buttons.nth(i).click();
    if (n) await ing.quarantineList().first().waitFor();
    await expectSafe('cleaning report');
    await screenshot(fx.g.page, '11-hostile-ingest');
  });

  it('explorer shows payloads as text and bidi overrides visibly escaped', async () => {
    await app.go('explorer');
    const x = new ExplorerPage(fx.g.page);
    await x.query('ip:192.0.2.0/24');
    await x.rows().first().waitFor({ timeout: 30_000 });
    // the unfiltered first page can still be on screen for a moment after the query is sent
    await expect.poll(async () => fx.g.page.getByTestId('explorer-table').innerText(), { timeout: 30_000 }).toContain('<img src=x onerror=');
    const text = await fx.g.page.getByTestId('explorer-table').innerText();
    expect(text).toContain('⟨U+202E⟩');
    expect(text).not.toContain('\u202E');
    const count = await x.rows().count();
    for (let i = 0; i < Math.min(count, 12); i++) {
      await x.rows().nth(i).click();
      await x.raw().waitFor();
    }
    await expectSafe('explorer with raw lines');
    await screenshot(fx.g.page, '12-hostile-explorer');
  });

  it('findings, entity and overview stay inert', async () => {
    await app.go('overview');
    await fx.g.page.getByTestId('kpis').waitFor({ timeout: 30_000 });
    await expectSafe('overview');
    await app.go('findings');
    const f = new FindingsPage(fx.g.page);
    if (await f.rows().count()) {
      await fx.g.page.locator('body').press('Enter');
      await expectSafe('findings');
    }
    await fx.g.page.goto(`${fx.server.origin}/#/entity?ip=192.0.2.50`);
    await fx.g.page.getByTestId('entity-ip').waitFor({ timeout: 30_000 });
    await expectSafe('entity');
    expect(fx.g.pageErrors).toEqual([]);
  });
});
