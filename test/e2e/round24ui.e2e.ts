// Round 24, on a copy of the sample case: a new Explorer search starts at its first row (the old
// scroll position hid it), a refused tag or note is said beside its field and keeps what was typed,
// and the Live screen keeps its alerts when the analyst looks at another screen and comes back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closeSuite, type Guarded, launchBrowser, openApp, ROOT, screenshot, type Server, startServer } from './harness';
import { ExplorerPage, FindingsPage, LoupeApp } from './pages';

describe('round 24: search results from the top, annotations refused in place, live alerts kept (1280x720)', () => {
  let browser: Browser;
  let server: Server;
  let g: Guarded;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-e2e-r24-'));
    const caseFile = path.join(dir, 'sample-copy.loupe');
    fs.copyFileSync(path.join(process.env.LOUPE_RESOURCES_DIR ?? path.join(ROOT, 'resources'), 'sample.loupe'), caseFile);
    browser = await launchBrowser();
    server = await startServer({ caseFile });
    g = await openApp(browser, server);
    await g.page.setViewportSize({ width: 1280, height: 720 });
  });
  afterAll(() => closeSuite({ g, browser, server, dir }));

  it('a new search shows its first rows, not the old scroll position', async () => {
    const app = new LoupeApp(g.page);
    const ex = new ExplorerPage(g.page);
    await app.visit('#/explorer', 'explorer');
    await ex.rows().first().waitFor();
    const body = g.page.locator('[data-testid="explorer-table"] .vt-body');
    await body.evaluate((el) => (el.scrollTop = 12_000));
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(5_000);
    await ex.query('status:>=400');
    await expect.poll(async () => ex.count().innerText()).toMatch(/^[\d,]+ events/);
    // the first match is in view: nothing of the answer is above the visible rows
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBe(0);
    await g.page.locator('[data-testid="explorer-table"] .vt-row[data-index="0"]').waitFor();
    expect(await ex.rows().first().innerText()).toMatch(/\b4\d\d\b/);
    await screenshot(g.page, 'r24-explorer-new-search');
  });

  it('a column filter typed key by key is searched once typing pauses, not at every key', async () => {
    const app = new LoupeApp(g.page);
    const ex = new ExplorerPage(g.page);
    await app.visit('#/explorer', 'explorer');
    await ex.query('');
    await ex.rows().first().waitFor();
    const searches: string[] = [];
    const onRequest = (r: { url: () => string; postData: () => string | null }) => {
      if (r.url().includes('/api/explore/page')) searches.push(r.postData() ?? '');
    };
    g.page.on('request', onRequest);
    await ex.filter('path').pressSequentially('*login*', { delay: 60 });
    await expect.poll(() => searches.some((b) => b.includes('login*')), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => ex.count().innerText()).toMatch(/^[\d,]+ events/);
    g.page.off('request', onRequest);
    // one search for the whole word (a few at most, were typing slow), never one per key (7)
    expect(searches.length).toBeLessThanOrEqual(2);
    expect(searches.at(-1)).toContain('path:*login*');
    await ex.filter('path').fill('');
  });

  it('a tag with a space is refused beside the field, the text kept; a valid one is added', async () => {
    const app = new LoupeApp(g.page);
    const f = new FindingsPage(g.page);
    await app.visit('#/findings', 'findings');
    await f.detail().waitFor();
    // the filters keep to one line at 1280 px (the detector list, as wide as its longest title, pushed
    // the status filter onto a second line and the list down by one)
    const top = async (label: string) => (await g.page.getByLabel(label).boundingBox())!.y;
    expect(Math.abs((await top('status filter')) - (await top('filter findings')))).toBeLessThan(8);
    const tags = g.page.getByTestId('finding-tags');
    const input = tags.getByLabel('new tag');
    await input.fill('needs review');
    await input.press('Enter');
    const problem = tags.getByTestId('tag-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('no spaces');
    expect(await input.inputValue()).toBe('needs review');
    expect(await problem.isVisible()).toBe(true);
    await screenshot(g.page, 'r24-tag-refused');
    await input.fill('needs-review');
    await input.press('Enter');
    await tags.locator('.chip', { hasText: 'needs-review' }).waitFor();
    expect(await input.inputValue()).toBe('');
    expect(await problem.count()).toBe(0);
    // a note the store refuses (past 20,000 characters) is not reported as saved
    const note = g.page.getByTestId('finding-note');
    await note.getByLabel('note').fill('x'.repeat(20_001));
    await note.getByRole('button', { name: 'Save note' }).click();
    await note.getByTestId('note-problem').waitFor();
    expect(await note.innerText()).not.toContain('saved (kept');
    expect(g.pageErrors).toEqual([]);
  });

  it('dismissing a finding hands over to the next one and takes it out of the counts', async () => {
    const app = new LoupeApp(g.page);
    const f = new FindingsPage(g.page);
    await app.visit('#/findings', 'findings');
    await f.detail().waitFor();
    const badge = async () => Number((await g.page.locator('nav a[data-nav="findings"]').innerText()).replace(/[^0-9]/g, ''));
    const before = await badge();
    await f.rows().first().click();
    for (let i = 0; i < 4; i++) await g.page.locator('body').press('j');
    await expect.poll(async () => f.selectedRow().getAttribute('data-index')).toBe('4');
    const next = await g.page.locator('[data-testid="findings-table"] .vt-row[data-index="5"]').innerText();
    await g.page.getByLabel('dismiss reason').fill('our own scanner');
    await f.dismiss().click();
    // the one below takes its place in the detail pane, not the first finding of the list
    await expect.poll(async () => f.selectedRow().innerText(), { timeout: 15_000 }).toBe(next);
    expect(await f.selectedRow().getAttribute('data-index')).toBe('4');
    await expect.poll(badge, { timeout: 15_000 }).toBe(before - 1);
  });

  it('live alerts and counters are still there after a visit to another screen', async () => {
    const app = new LoupeApp(g.page);
    const log = path.join(dir, 'growing-auth.log');
    const stamp = () => new Date().toUTCString().slice(8, 11) + ' ' + String(new Date().getUTCDate()).padStart(2, ' ') + ' ' + new Date().toISOString().slice(11, 19);
    const fails = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${stamp()} web01 sshd[${4000 + from + i}]: Failed password for invalid user admin${(from + i) % 7} from 198.51.100.77 port ${40000 + from + i} ssh2\n`).join('');
    fs.writeFileSync(log, fails(0, 5));
    const before = Number((await g.page.locator('nav a[data-nav="findings"]').innerText()).replace(/[^0-9]/g, ''));
    await app.visit('#/live', 'live');
    await g.page.getByLabel('path to follow').fill(log);
    await g.page.getByRole('button', { name: 'Follow', exact: true }).click();
    await g.page.getByTestId('live-sources').locator('tbody tr').first().waitFor();
    const feed = g.page.getByTestId('live-alerts').locator('.feed-item');
    for (let k = 0; k < 20 && (await feed.count()) === 0; k++) {
      fs.appendFileSync(log, fails(10 + k * 20, 20));
      await g.page.waitForTimeout(500);
    }
    await feed.first().waitFor({ timeout: 30_000 });
    const alerts = await feed.count();
    await app.visit('#/findings', 'findings');
    await app.visit('#/live', 'live');
    expect(await feed.count()).toBeGreaterThanOrEqual(alerts);
    expect(await g.page.getByTestId('live-sources').locator('tbody tr').first().locator('td').nth(5).innerText()).toMatch(/^\d{4}-\d\d-\d\d /);
    // the new finding is counted beside Findings too (the badge kept the count from before the follow)
    await expect.poll(async () => Number((await g.page.locator('nav a[data-nav="findings"]').innerText()).replace(/[^0-9]/g, '')), { timeout: 15_000 }).toBeGreaterThan(before);
    await screenshot(g.page, 'r24-live-back');
    await g.page.getByRole('button', { name: 'Stop' }).click();
    expect(g.pageErrors).toEqual([]);
  });
});
