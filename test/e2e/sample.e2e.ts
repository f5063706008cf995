// A new user's path on the bundled sample case: overview, findings, evidence, explorer, entity,
// model training, export and settings — with a screenshot of each screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { docShot, launchBrowser, openApp, screenshot, startServer, type Guarded, type Server } from './harness';
import { ExplorerPage, ExportPage, FindingsPage, LoupeApp, ModelPage, OverviewPage, StartPage } from './pages';

describe('sample case', () => {
  let browser: Browser;
  let server: Server;
  let g: Guarded;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer({ caseFile: null });
    g = await openApp(browser, server);
  });
  afterAll(async () => {
    await g?.close();
    await browser?.close();
    await server?.stop();
  });

  it('opens the sample case from the start screen and shows the overview', async () => {
    const app = new LoupeApp(g.page);
    await app.waitScreen('start');
    await screenshot(g.page, '01-start');
    await new StartPage(g.page).sampleButton().click();
    await app.waitScreen('overview');
    const overview = new OverviewPage(g.page);
    await overview.kpiEvents().waitFor({ timeout: 60_000 });
    const events = Number((await overview.kpiEvents().locator('.kpi-value').innerText()).replace(/[^0-9]/g, ''));
    expect(events).toBeGreaterThan(0);
    await overview.timeline().locator('svg.recharts-surface').first().waitFor();
    await screenshot(g.page, '03-overview');
    await docShot(g.page, 'overview');
    // brushing the timeline re-computes the rest for that range
    const traveller = overview.timeline().locator('.recharts-brush-traveller').first();
    const box = await traveller.boundingBox();
    expect(box).not.toBeNull();
    await g.page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await g.page.mouse.down();
    await g.page.mouse.move(box!.x + 400, box!.y + box!.height / 2, { steps: 8 });
    await g.page.mouse.up();
    await expect.poll(async () => g.page.getByTestId('overview-range').innerText(), { timeout: 15_000 }).toMatch(/^Showing /);
    await expect.poll(async () => Number((await overview.kpiEvents().locator('.kpi-value').innerText()).replace(/[^0-9]/g, '')), { timeout: 15_000 }).toBeLessThan(events);
    await screenshot(g.page, '03-overview-brushed');
    await g.page.getByRole('button', { name: 'Show all' }).click();
  });

  it('lists findings, explains one, and opens its evidence with the keyboard', async () => {
    const app = new LoupeApp(g.page);
    await app.go('findings');
    const f = new FindingsPage(g.page);
    await f.rows().first().waitFor({ timeout: 30_000 });
    expect(await f.rows().count()).toBeGreaterThan(1);
    await f.explanation().waitFor();
    expect((await f.explanation().innerText()).length).toBeGreaterThan(20);
    const firstTitle = await f.detail().locator('h2').innerText();
    await g.page.locator('body').press('j');
    await expect.poll(async () => f.detail().locator('h2').innerText()).not.toBe(firstTitle);
    await g.page.locator('body').press('k');
    await expect.poll(async () => f.detail().locator('h2').innerText()).toBe(firstTitle);
    await g.page.locator('body').press('Enter');
    await f.evidenceRows().first().waitFor({ timeout: 30_000 });
    expect(await f.evidenceRows().count()).toBeGreaterThan(0);
    await screenshot(g.page, '04-findings');
    await docShot(g.page, 'findings');
  });

  it('filters the explorer with the query language and shows the raw line', async () => {
    const app = new LoupeApp(g.page);
    await app.go('explorer');
    const x = new ExplorerPage(g.page);
    await x.rows().first().waitFor({ timeout: 30_000 });
    const allText = await x.count().innerText();
    await g.page.locator('body').press('/');
    expect(await g.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('explorer-search');
    await x.query('status:>=400');
    await expect.poll(async () => x.count().innerText()).not.toBe(allText);
    await x.rows().first().waitFor();
    const statuses = await x.rows().evaluateAll((rows) => rows.slice(0, 20).map((r) => r.textContent ?? ''));
    expect(statuses.length).toBeGreaterThan(0);
    await x.rows().first().click();
    await x.raw().waitFor();
    await expect.poll(async () => (await x.raw().innerText()).length).toBeGreaterThan(10);
    await screenshot(g.page, '05-explorer');
    await docShot(g.page, 'explorer');
  });

  it('shows one IP across everything', async () => {
    const app = new LoupeApp(g.page);
    await app.go('findings');
    const f = new FindingsPage(g.page);
    await f.rows().first().waitFor();
    // pick the first finding about an IP
    const n = await f.rows().count();
    for (let i = 0; i < n; i++) {
      await f.rows().nth(i).click();
      await f.detail().waitFor();
      if (await f.openEntity().isVisible()) break;
    }
    await f.openEntity().click();
    await app.waitScreen('entity');
    await g.page.getByTestId('entity-ip').waitFor({ timeout: 30_000 });
    await g.page.getByTestId('entity-findings').waitFor();
    await screenshot(g.page, '06-entity');
    await docShot(g.page, 'entity');
  });

  it('trains a model and shows both methods side by side', async () => {
    const app = new LoupeApp(g.page);
    await app.go('model');
    const m = new ModelPage(g.page);
    // the model list has loaded when either its selector or the empty state is shown
    await g.page.locator('[data-testid="model-metrics"] select, [data-testid="model-empty"]').first().waitFor({ timeout: 30_000 });
    const before = await g.page.locator('[data-testid="model-metrics"] select option').count();
    await m.train().click();
    await g.page.getByTestId('model-train').getByText('trained', { exact: true }).waitFor({ timeout: 120_000 });
    await expect.poll(async () => g.page.locator('[data-testid="model-metrics"] select option').count()).toBe(before + 1);
    await m.metrics().waitFor({ timeout: 30_000 });
    expect(await m.metrics().locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshot(g.page, '07-model');
    await docShot(g.page, 'model');
  });

  it('exports the report and data files', async () => {
    const app = new LoupeApp(g.page);
    await app.go('export');
    const x = new ExportPage(g.page);
    await x.start().click();
    await x.files().waitFor({ timeout: 90_000 });
    expect(await x.files().locator('tr').count()).toBeGreaterThanOrEqual(1);
    // web mode: the report downloads from our own origin
    const pdfRow = x.files().locator('tr', { hasText: 'pdf' }).first();
    const [download] = await Promise.all([g.page.waitForEvent('download'), pdfRow.getByText('Download').click()]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshot(g.page, '08-export');
  });

  it('applies the display zone and theme settings everywhere', async () => {
    const app = new LoupeApp(g.page);
    await app.go('settings');
    await g.page.getByTestId('settings-zone').fill('Asia/Tehran');
    await g.page.getByRole('button', { name: 'Use this zone' }).click();
    await g.page.getByText('Saved: display zone Asia/Tehran').waitFor();
    await g.page.getByLabel('theme').getByText('Dark').click();
    await expect.poll(() => g.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(g.page, '09-settings');
    await app.go('findings');
    await new FindingsPage(g.page).detail().waitFor();
    await expect.poll(async () => new FindingsPage(g.page).detail().innerText()).toMatch(/GMT\+3:30/);
    await screenshot(g.page, '10-findings-dark');
    await docShot(g.page, 'findings-dark');
    expect(g.offsite).toEqual([]);
    expect(g.pageErrors).toEqual([]);
  });
});
