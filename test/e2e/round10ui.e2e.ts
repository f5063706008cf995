// Round 10, nothing cut off at 1280x800 on the sample case: the Explorer's column headers with the
// event pane open, the Findings table's headers and the Entity screen's KPI values either fit on
// one line or are cut with an ellipsis that names the whole text in a tooltip (title attribute).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import type { Finding } from '../../src/shared/model';
import { callApi, closeSuite, type Guarded, launchBrowser, openApp, ROOT, screenshot, type Server, startServer } from './harness';
import { ExplorerPage, FindingsPage, LoupeApp } from './pages';

interface Fit {
  text: string;
  title: string | null;
  /** the text is wider than its box (cut by overflow) */
  cut: boolean;
  /** lines the text takes */
  lines: number;
}

/** How each element's text is laid out: cut or not, and on how many lines. */
const fits = (l: Locator): Promise<Fit[]> =>
  l.evaluateAll((els) =>
    els.map((el) => {
      // the line boxes of the text itself (an element's own box would count as a line of its own)
      const tops = new Set<number>();
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const r = document.createRange();
        r.selectNodeContents(n);
        for (const x of Array.from(r.getClientRects())) if (x.width > 0) tops.add(Math.round(x.top));
      }
      return { text: (el as HTMLElement).innerText.trim(), title: el.getAttribute('title'), cut: el.scrollWidth > el.clientWidth + 1, lines: tops.size };
    }),
  );

/** Nothing lost: each text fits on one line, or is cut visibly with the whole of it in its tooltip. */
function expectWholeOrTitled(items: Fit[], what: string): void {
  expect(items.length, `${what}: elements found`).toBeGreaterThan(0);
  for (const f of items) {
    expect(f.lines, `${what} «${f.text}» on one line`).toBeLessThanOrEqual(1);
    if (f.cut) expect(f.title ?? '', `${what} «${f.text}» is cut: its tooltip says it whole`).toContain(f.text.replace(/[ ▲▼]+$/, ''));
  }
}

/** How much of a column header the table shows without scrolling sideways, in px, and its full width. */
const shown = (table: Locator, label: string): Promise<{ visible: number; width: number }> =>
  table.evaluate((t, want) => {
    const body = t.querySelector('.vt-body')!;
    const b = body.getBoundingClientRect();
    const right = b.left + body.clientWidth;
    const h = Array.from(t.querySelectorAll('[role="columnheader"]')).find((x) => (x as HTMLElement).innerText.replace(/[▲▼]/g, '').trim() === want);
    if (!h) return { visible: -1, width: -1 };
    const r = h.getBoundingClientRect();
    return { visible: Math.max(0, Math.min(r.right, right) - Math.max(r.left, b.left)), width: r.width };
  }, label);

describe('round 10: headers and KPI values are whole at 1280x800 (sample case)', () => {
  let browser: Browser;
  let server: Server;
  let g: Guarded;
  let dir: string;
  let findings: Finding[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-e2e-r10-'));
    const caseFile = path.join(dir, 'sample.loupe');
    fs.copyFileSync(path.join(ROOT, 'resources/sample.loupe'), caseFile);
    browser = await launchBrowser();
    server = await startServer({ caseFile });
    g = await openApp(browser, server);
    await g.page.setViewportSize({ width: 1280, height: 800 });
    findings = (await callApi(server.url, 'analysis/findings', { status: 'open' })) as Finding[];
  });
  afterAll(() => closeSuite({ g, browser, server, dir }));

  const go = (hash: string, screen: Parameters<LoupeApp['waitScreen']>[0]) => new LoupeApp(g.page).visit(hash, screen);

  it('Explorer with the event pane open: every column header is whole or titled', async () => {
    await go('#/explorer', 'explorer');
    const x = new ExplorerPage(g.page);
    await x.rows().first().waitFor({ timeout: 30_000 });
    // the sample's web rows have a Status column
    await x.query('status:404');
    await x.rows().first().waitFor({ timeout: 30_000 });
    await x.rows().first().click();
    await x.detail().waitFor();
    const headers = g.page.locator('[data-testid="explorer-table"] [role="columnheader"]');
    expect(await headers.allInnerTexts()).toContain('Status');
    await screenshot(g.page, 'r10-explorer-pane');
    // the request's columns (time, source, method, path, status) are in view beside the event pane
    const status = await shown(g.page.getByTestId('explorer-table'), 'Status');
    expect(status.width).toBeGreaterThan(0);
    expect(status.visible, 'the Status header is wholly in view').toBeGreaterThanOrEqual(status.width - 0.5);
    expectWholeOrTitled(await fits(headers), 'Explorer header');
  });

  it('Findings: every column header is whole or titled', async () => {
    await go('#/findings', 'findings');
    const f = new FindingsPage(g.page);
    await f.rows().first().waitFor({ timeout: 30_000 });
    await f.evidenceRows().first().waitFor({ timeout: 30_000 });
    await screenshot(g.page, 'r10-findings');
    // severity, title, entity and the evidence count are in view beside the detail pane
    const ev = await shown(f.table(), 'Evidence');
    expect(ev.width).toBeGreaterThan(0);
    expect(ev.visible, 'the Evidence header is wholly in view').toBeGreaterThanOrEqual(ev.width - 0.5);
    expect((await f.table().locator('[role="columnheader"]').nth(1).boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(360);
    // sorted by evidence, the header with its arrow is still whole or names itself in a tooltip
    await f.table().locator('[role="columnheader"]', { hasText: 'Evidence' }).click();
    await expect.poll(async () => f.table().locator('[role="columnheader"]', { hasText: 'Evidence' }).innerText()).toMatch(/[▲▼]/);
    expectWholeOrTitled(await fits(f.table().locator('[role="columnheader"]')), 'Findings header');
    expect(await f.table().locator('[role="columnheader"]', { hasText: 'Evidence' }).getAttribute('title')).toMatch(/^Evidence \(sorted (?:a|de)scending\)$/);
    expectWholeOrTitled(await fits(g.page.locator('[data-testid="evidence-table"] [role="columnheader"]')), 'Evidence header');
  });

  it('Entity: the KPI values (first and last seen with their zone) keep to one line', async () => {
    const ip = findings.find((f) => f.entityType === 'ip')!.entity;
    await go(`#/entity?ip=${encodeURIComponent(ip)}`, 'entity');
    const values = g.page.locator('main[data-screen="entity"] .kpi-value');
    await values.first().waitFor({ timeout: 30_000 });
    await g.page.locator('[data-testid="entity-findings"] tr').first().waitFor({ timeout: 30_000 });
    await screenshot(g.page, 'r10-entity');
    const v = await fits(values);
    expect(v.some((x) => /UTC/.test(x.text))).toBe(true);
    expectWholeOrTitled(v, 'Entity KPI');
    // at 1280 px the first- and last-seen times with their zone fit whole, no ellipsis needed
    for (const x of v.filter((y) => /UTC/.test(y.text))) expect(x.cut, `«${x.text}» fits`).toBe(false);
  });
});
