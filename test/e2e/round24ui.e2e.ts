// Round 24, on a copy of the sample case: a new Explorer search starts at its first row (the old
// scroll position hid it), and a refused tag is said beside the tag field and keeps what was typed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closeSuite, type Guarded, launchBrowser, openApp, ROOT, screenshot, type Server, startServer } from './harness';
import { ExplorerPage, FindingsPage, LoupeApp } from './pages';

describe('round 24: search results from the top, tags refused in place (1280x720)', () => {
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

  it('a tag with a space is refused beside the field, the text kept; a valid one is added', async () => {
    const app = new LoupeApp(g.page);
    const f = new FindingsPage(g.page);
    await app.visit('#/findings', 'findings');
    await f.detail().waitFor();
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
    expect(g.pageErrors).toEqual([]);
  });
});
