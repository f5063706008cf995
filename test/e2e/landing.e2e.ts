// What a responder meets first and while waiting: `loupe serve case.loupe` on a case that holds
// sources opens on its overview, and a slow explorer search says it is searching.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApp, ROOT, useApp } from './harness';
import { ExplorerPage, LoupeApp, OverviewPage } from './pages';

const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-landing-')), 'sample.loupe');
fs.copyFileSync(path.join(ROOT, 'resources/sample.loupe'), copy);

describe('opening a case from the command line', () => {
  const fx = useApp({ caseFile: copy });
  afterAll(() => fs.rmSync(path.dirname(copy), { recursive: true, force: true }));

  it('lands on the overview with its numbers', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.waitScreen('overview');
    await new OverviewPage(fx.g.page).kpiEvents().waitFor({ timeout: 60_000 });
    expect(await app.caseName().innerText()).toBe('sample.loupe');
  });
});

describe('a slow search', () => {
  const fx = useApp({ caseFile: null });

  it('says it is searching while the previous results are still shown', async () => {
    // the explorer's page requests answer 1.5 s late, as a search over millions of rows can
    const slow = `(() => { const f = window.fetch.bind(window); window.fetch = async (u, o) => { if (String(u).includes('/api/explore/page')) await new Promise((r) => setTimeout(r, 1500)); return f(u, o); }; })();`;
    const g = await openApp(fx.browser, fx.server, { initScript: slow });
    try {
      const app = new LoupeApp(g.page);
      await g.page.getByTestId('open-sample').click();
      await app.waitScreen('overview');
      await app.go('explorer');
      const x = new ExplorerPage(g.page);
      await x.rows().first().waitFor({ timeout: 30_000 });
      await expect.poll(async () => x.count().innerText(), { timeout: 15_000 }).toMatch(/events/);
      await x.query('status:>=500');
      await g.page.getByTestId('explorer-busy').waitFor({ timeout: 5_000 });
      expect(await g.page.locator('main .split').getAttribute('aria-busy')).toBe('true');
      await g.page.getByTestId('explorer-busy').waitFor({ state: 'detached', timeout: 30_000 });
      expect(await g.page.locator('main .split').getAttribute('aria-busy')).toBe('false');
    } finally {
      await g.close();
    }
  });
});
