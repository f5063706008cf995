// A new user's path on the bundled sample case: overview, findings, evidence, explorer, entity,
// model training, export and settings — with a screenshot of each screen.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { docShot, screenshot, useApp } from './harness';
import { ExplorerPage, ExportPage, FindingsPage, LoupeApp, ModelPage, OverviewPage, StartPage } from './pages';

describe('sample case', () => {
  const fx = useApp({ caseFile: null });

  it('opens the sample case from the start screen and shows the overview', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.waitScreen('start');
    await screenshot(fx.g.page, '01-start');
    await new StartPage(fx.g.page).sampleButton().click();
    await app.waitScreen('overview');
    const overview = new OverviewPage(fx.g.page);
    await overview.kpiEvents().waitFor({ timeout: 60_000 });
    const events = Number((await overview.kpiEvents().locator('.kpi-value').innerText()).replace(/[^0-9]/g, ''));
    expect(events).toBeGreaterThan(0);
    await overview.timeline().locator('svg.recharts-surface').first().waitFor();
    // the protocol donut's legend gives numbers to quote, not colours alone
    await expect.poll(async () => overview.chart('chart-protocols').innerText()).toMatch(/TCP · \d+\.\d % · [\d,]+/);
    await screenshot(fx.g.page, '03-overview');
    await docShot(fx.g.page, 'overview');
    // brushing the timeline re-computes the rest for that range; the brush handles are sliders, so
    // the keyboard moves them a bucket per key press (a mouse drag depends on layout timing and
    // missed the handle on a loaded CI machine)
    const traveller = overview.timeline().getByRole('slider').first();
    await traveller.focus();
    for (let i = 0; i < 12; i++) await traveller.press('ArrowRight');
    await expect.poll(async () => fx.g.page.getByTestId('overview-range').innerText(), { timeout: 15_000 }).toMatch(/^Showing /);
    await expect.poll(async () => Number((await overview.kpiEvents().locator('.kpi-value').innerText()).replace(/[^0-9]/g, '')), { timeout: 15_000 }).toBeLessThan(events);
    await screenshot(fx.g.page, '03-overview-brushed');
    await fx.g.page.getByRole('button', { name: 'Show all' }).click();
  });

  it('lists findings, explains one, and opens its evidence with the keyboard', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('findings');
    const f = new FindingsPage(fx.g.page);
    await f.rows().first().waitFor({ timeout: 30_000 });
    expect(await f.rows().count()).toBeGreaterThan(1);
    await f.explanation().waitFor();
    expect((await f.explanation().innerText()).length).toBeGreaterThan(20);
    // the title (what happened, to whom, how much) follows the severity and is wide enough to read
    const headers = await f.table().locator('[role="columnheader"]').allInnerTexts();
    expect(headers[1]).toMatch(/^Title/);
    const titleBox = await f.table().locator('[role="columnheader"]').nth(1).boundingBox();
    expect(titleBox?.width ?? 0).toBeGreaterThanOrEqual(360);
    const firstTitle = await f.detail().locator('h2').innerText();
    await fx.g.page.locator('body').press('j');
    await expect.poll(async () => f.detail().locator('h2').innerText()).not.toBe(firstTitle);
    await fx.g.page.locator('body').press('k');
    await expect.poll(async () => f.detail().locator('h2').innerText()).toBe(firstTitle);
    // Enter right after the navigation click: the link must not keep focus and swallow the key
    await fx.g.page.locator('body').press('Enter');
    await f.evidenceRows().first().waitFor({ timeout: 30_000 });
    expect(await f.evidenceRows().count()).toBeGreaterThan(0);
    // the evidence is scrolled into the detail pane's view and its table has the keyboard
    await expect.poll(async () => f.evidenceInView()).toBe(true);
    expect(await fx.g.page.evaluate(() => document.activeElement?.closest('[data-testid="evidence-table"]') != null)).toBe(true);
    await expect.poll(async () => f.evidenceSelectedIndex()).toBe('0');
    // in the narrow pane, what changes row to row (the source port) comes before what does not
    // (the finding's own address)
    const evHeaders = (await fx.g.page.locator('[data-testid="evidence-table"] [role="columnheader"]').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
    expect(evHeaders[0]).toBe('Time');
    expect(evHeaders.indexOf('Source')).toBeGreaterThan(evHeaders.indexOf('Sport'));
    expect(evHeaders.indexOf('Sport')).toBeGreaterThan(0);
    await fx.g.page.keyboard.press('ArrowDown');
    await expect.poll(async () => f.evidenceSelectedIndex()).toBe('1');
    await fx.g.page.keyboard.press('End');
    await expect.poll(async () => Number(await f.evidenceSelectedIndex())).toBeGreaterThan(1);
    await fx.g.page.keyboard.press('Home');
    await expect.poll(async () => f.evidenceSelectedIndex()).toBe('0');
    await screenshot(fx.g.page, '04-findings');
    await docShot(fx.g.page, 'findings');
    // a detector filter that hides the selected finding shows the first match, not an empty pane;
    // its numbers carry units (a beacon period is a duration, not "period ms 89,993")
    await f.detectorFilter().selectOption('beaconing');
    await expect.poll(async () => f.detail().locator('h2').innerText(), { timeout: 15_000 }).toMatch(/^Beaconing/);
    const numbers = await f.detail().locator('dl').first().innerText();
    expect(numbers).toMatch(/period\s+\d+ (?:min|s|h)/);
    expect(numbers).not.toMatch(/period ms|Ms\b/);
    await f.detectorFilter().selectOption('');
  });

  it('filters the explorer with the query language and shows the raw line', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('explorer');
    const x = new ExplorerPage(fx.g.page);
    await x.rows().first().waitFor({ timeout: 30_000 });
    const allText = await x.count().innerText();
    await fx.g.page.locator('body').press('/');
    expect(await fx.g.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('explorer-search');
    await x.query('status:>=400');
    await expect.poll(async () => x.count().innerText()).not.toBe(allText);
    await x.rows().first().waitFor();
    const statuses = await x.rows().evaluateAll((rows) => rows.slice(0, 20).map((r) => r.textContent ?? ''));
    expect(statuses.length).toBeGreaterThan(0);
    await x.rows().first().click();
    await x.raw().waitFor();
    await expect.poll(async () => (await x.raw().innerText()).length).toBeGreaterThan(10);
    // the event names the file it came from, not an internal source number
    expect(await fx.g.page.getByTestId('event-source').innerText()).toMatch(/^[\w.-]+\.(?:log|csv|jsonl)$/);
    await screenshot(fx.g.page, '05-explorer');
    await docShot(fx.g.page, 'explorer');
  });

  it('ranks the most suspicious addresses on the overview and opens one', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('overview');
    const overview = new OverviewPage(fx.g.page);
    await overview.suspiciousRows().first().waitFor({ timeout: 30_000 });
    expect(await overview.suspiciousRows().count()).toBe(10);
    // the sample's SSH brute force ends in a successful login: that critical source comes first
    const first = overview.suspiciousRows().first();
    expect(await first.locator('.sev').innerText()).toMatch(/critical/i);
    const ip = (await first.locator('td').nth(1).innerText()).trim();
    expect(await first.innerText()).toMatch(/brute force/i);
    await fx.g.page.getByTestId('suspicious').scrollIntoViewIfNeeded();
    await fx.g.page.getByTestId('suspicious').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await docShot(fx.g.page, 'suspicious');
    await first.focus();
    await fx.g.page.keyboard.press('Enter');
    await app.waitScreen('entity');
    await expect.poll(async () => fx.g.page.getByTestId('entity-ip').innerText(), { timeout: 30_000 }).toContain(ip);
  });

  it('shows one IP across everything', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('findings');
    const f = new FindingsPage(fx.g.page);
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
    await fx.g.page.getByTestId('entity-ip').waitFor({ timeout: 30_000 });
    await fx.g.page.getByTestId('entity-findings').waitFor();
    await screenshot(fx.g.page, '06-entity');
    await docShot(fx.g.page, 'entity');
    // the entity's findings open from the keyboard too, not only by mouse
    const row = fx.g.page.locator('[data-testid="entity-findings"] tbody tr').first();
    await row.focus();
    await fx.g.page.keyboard.press('Enter');
    await app.waitScreen('findings');
  });

  it('trains a model and shows both methods side by side', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('model');
    const m = new ModelPage(fx.g.page);
    // the model list has loaded when either its selector or the empty state is shown
    await fx.g.page.locator('[data-testid="model-metrics"] select, [data-testid="model-empty"]').first().waitFor({ timeout: 30_000 });
    const before = await fx.g.page.locator('[data-testid="model-metrics"] select option').count();
    // the sample holds a random forest and a later isolation forest: the one with metrics opens first
    if (before > 0) await m.metrics().waitFor({ timeout: 30_000 });
    await m.train().click();
    await fx.g.page.getByTestId('model-train').getByText('trained', { exact: true }).waitFor({ timeout: 120_000 });
    await expect.poll(async () => fx.g.page.locator('[data-testid="model-metrics"] select option').count()).toBe(before + 1);
    await m.metrics().waitFor({ timeout: 30_000 });
    expect(await m.metrics().locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshot(fx.g.page, '07-model');
    await docShot(fx.g.page, 'model');
  });

  it('exports the report and data files', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('export');
    const x = new ExportPage(fx.g.page);
    await x.start().click();
    await x.files().waitFor({ timeout: 90_000 });
    expect(await x.files().locator('tr').count()).toBeGreaterThanOrEqual(1);
    // web mode: the report downloads from our own origin
    const pdfRow = x.files().locator('tr', { hasText: 'pdf' }).first();
    const [download] = await Promise.all([fx.g.page.waitForEvent('download'), pdfRow.getByText('Download').click()]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await screenshot(fx.g.page, '08-export');
  });

  it('applies the display zone and theme settings everywhere', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('settings');
    await fx.g.page.getByTestId('settings-zone').fill('Asia/Tehran');
    await fx.g.page.getByRole('button', { name: 'Use this zone' }).click();
    await fx.g.page.getByText('Saved: display zone Asia/Tehran').waitFor();
    await fx.g.page.getByLabel('theme').getByText('Dark').click();
    await expect.poll(() => fx.g.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(fx.g.page, '09-settings');
    await app.go('findings');
    await new FindingsPage(fx.g.page).detail().waitFor();
    await expect.poll(async () => new FindingsPage(fx.g.page).detail().innerText()).toMatch(/GMT\+3:30/);
    await screenshot(fx.g.page, '10-findings-dark');
    await docShot(fx.g.page, 'findings-dark');
    expect(fx.g.offsite).toEqual([]);
    expect(fx.g.pageErrors).toEqual([]);
  });
});
