// Every screen, fed by a contract-typed mock API whose log-derived strings are all hostile:
// text stays text (no element, no handler, no script run, no request off 127.0.0.1), control
// and bidi characters show as ⟨U+XXXX⟩, and each screen is screenshotted in light and dark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot, startServer, type Guarded, type Server } from './harness';
import { LoupeApp, type ScreenName } from './pages';

const SCREENS: { name: ScreenName; hash: string; ready: string }[] = [
  { name: 'start', hash: '#/start', ready: '[data-testid="recent-cases"] li' },
  { name: 'ingest', hash: '#/ingest', ready: '[data-testid="source-report"]' },
  { name: 'overview', hash: '#/overview', ready: '[data-testid="chart-timeline"] svg.recharts-surface' },
  { name: 'findings', hash: '#/findings', ready: '[data-testid="evidence-table"] .vt-row' },
  { name: 'explorer', hash: '#/explorer', ready: '[data-testid="explorer-table"] .vt-row' },
  { name: 'entity', hash: '#/entity?ip=203.0.113.9', ready: '[data-testid="entity-findings"] tr' },
  { name: 'model', hash: '#/model', ready: '[data-testid="metrics-table"] tbody tr' },
  { name: 'export', hash: '#/export', ready: '[data-testid="export-form"]' },
  { name: 'live', hash: '#/live', ready: '[data-testid="live-alerts"] .feed-item' },
  { name: 'settings', hash: '#/settings', ready: '[data-testid="settings-analyst"]' },
];

describe('every screen renders hostile text as text (mock API)', () => {
  let browser: Browser;
  let server: Server;
  let mock: string;
  beforeAll(async () => {
    const out = await build({ entryPoints: [path.join(__dirname, 'mock/mockApi.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'silent' });
    mock = out.outputFiles[0].text;
    browser = await launchBrowser();
    server = await startServer({ caseFile: null });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: each screen is inert and readable`, async () => {
      const g: Guarded = await openApp(browser, server, { colorScheme: scheme, initScript: mock });
      const app = new LoupeApp(g.page);
      try {
        const baseline = await app.domSafety();
        expect(baseline.img).toBe(0);
        for (const s of SCREENS) {
          await g.page.evaluate((h) => (window.location.hash = h), s.hash);
          await app.waitScreen(s.name);
          await g.page.locator(s.ready).first().waitFor({ timeout: 15_000 });
          if (s.name === 'findings') {
            // keyboard: j moves to the next finding, Enter opens its evidence
            await g.page.locator('body').press('j');
            await g.page.locator('body').press('Enter');
            await g.page.locator('[data-testid="evidence-table"] .vt-row').first().click();
            await g.page.getByTestId('raw-line').waitFor();
          }
          if (s.name === 'explorer') {
            await g.page.locator('body').press('/');
            expect(await g.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('explorer-search');
            await g.page.locator('[data-testid="explorer-table"] .vt-row').nth(1).click();
            await g.page.getByTestId('raw-line').waitFor();
          }
          if (s.name === 'ingest') {
            await g.page.getByTestId('show-quarantine').click();
            await g.page.getByTestId('quarantine-list').locator('.vt-row').first().click();
            await g.page.getByTestId('quarantine-raw').waitFor();
          }
          const text = await g.page.locator('main').innerText();
          if (!['export', 'settings'].includes(s.name)) expect(text, s.name).toMatch(/<img src=x onerror=|<script>|javascript:|⟨U\+202E⟩/);
          expect(text, s.name).not.toContain('\u202E');
          expect({ screen: s.name, ...(await app.domSafety()) }).toEqual({ screen: s.name, ...baseline, pwned: undefined });
          await screenshot(g.page, `mock-${scheme}-${s.name}`);
        }
        expect(g.dialogs).toEqual([]);
        expect(g.offsite).toEqual([]);
        expect(g.pageErrors).toEqual([]);
      } finally {
        await g.close();
      }
    });
  }

  it('virtualizes the explorer: thousands of rows, a few dozen in the DOM, more paged in on scroll', async () => {
    const g = await openApp(browser, server, { initScript: mock });
    try {
      await g.page.evaluate(() => (window.location.hash = '#/explorer'));
      const rows = g.page.locator('[data-testid="explorer-table"] .vt-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBeLessThan(80);
      const body = g.page.locator('[data-testid="explorer-table"] .vt-body');
      for (let i = 0; i < 6; i++) await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expect.poll(async () => g.page.locator('[data-testid="explorer-table"] .vt-foot').innerText()).toMatch(/[1-9],\d{3} loaded/);
      expect(await rows.count()).toBeLessThan(80);
    } finally {
      await g.close();
    }
  });
});
