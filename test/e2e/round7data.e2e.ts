// The kinds of data round 7 added, seen at 1280x800 as a responder would: CTU-13 labels on the
// Overview, a Windows spray from a workstation name (no address logged), WAF alerts, and a
// server's own name typed into the Entity screen. Each assertion failed before its fix.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closeSuite, type Guarded, launchBrowser, openApp, ROOT, screenshot, type Server, startServer } from './harness';
import { LoupeApp } from './pages';
import { sprayNoAddress } from '../unit/analysis/planted7host/windows';
import { modsecApache } from '../unit/analysis/planted7waf/waf';

const FIX = path.join(ROOT, 'test/fixtures/formats');

describe('round 7 data on every screen (1280x800)', () => {
  let browser: Browser;
  let server: Server;
  let g: Guarded;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-e2e-r7-'));
    const spray = path.join(dir, 'fs01-security-evtxecmd.csv');
    fs.writeFileSync(spray, sprayNoAddress().join('\n') + '\n');
    // a ModSecurity error log whose WAF finding title is long ("… top «SQL Injection Attack Detected via libinjection»; 4 attack request(s) got through")
    const modsec = path.join(dir, 'error.log');
    fs.writeFileSync(modsec, modsecApache().error.join('\n') + '\n');
    const caseFile = path.join(dir, 'r7.loupe');
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/loupe.js'), ...args], { encoding: 'utf8', env: { ...process.env, LOUPE_CONFIG_DIR: path.join(dir, 'config') } });
      if (r.status !== 0) throw new Error(`loupe ${args[0]} failed: ${r.stderr}`);
    };
    cli('ingest', '--case', caseFile, path.join(FIX, 'ctu13.binetflow'), path.join(FIX, 'waf_modsec_apache.log'), path.join(FIX, 'waf_aws.jsonl'), spray, modsec);
    cli('analyze', caseFile);
    browser = await launchBrowser();
    server = await startServer({ caseFile });
    g = await openApp(browser, server);
    await g.page.setViewportSize({ width: 1280, height: 800 });
  });
  afterAll(() => closeSuite({ g, browser, server, dir }));

  const go = (hash: string, screen: Parameters<LoupeApp['waitScreen']>[0]) => new LoupeApp(g.page).visit(hash, screen);

  it('Overview: long CTU-13 labels fit their axis, with no "(+N chars)" wrapping into the next label', async () => {
    await go('#/overview', 'overview');
    const chart = g.page.getByTestId('chart-labels');
    await chart.locator('svg.recharts-surface').waitFor({ timeout: 30_000 });
    await chart.scrollIntoViewIfNeeded();
    const ticks = await chart.locator('.recharts-yAxis-tick-labels text.recharts-cartesian-axis-tick-value').evaluateAll((els) => {
      const box = els[0]?.closest('svg')?.getBoundingClientRect();
      return els.map((e) => ({ text: e.textContent ?? '', lines: e.querySelectorAll('tspan').length, left: e.getBoundingClientRect().left - (box?.left ?? 0) }));
    });
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks.some((t) => t.text.startsWith('flow=From-Botnet'))).toBe(true);
    for (const t of ticks) {
      expect(t.text).not.toMatch(/chars\)/);
      expect(t.lines).toBeLessThanOrEqual(1);
      expect(t.left).toBeGreaterThanOrEqual(0);
    }
    // counts of rows: whole numbers on the value axis, even when every bar is 1 or 2
    const values = await chart.locator('.recharts-xAxis-tick-labels text.recharts-cartesian-axis-tick-value').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) expect(v).toMatch(/^[\d,]+$/);
    await screenshot(g.page, 'r7-overview-labels');
  });

  it('Finding of a workstation-name source says so, and its entity opens', async () => {
    await go('#/findings?id=bruteForce%3AKALI', 'findings');
    await expect.poll(() => g.page.getByTestId('finding-entity-kind').innerText(), { timeout: 30_000 }).toContain('workstation name');
    await g.page.getByTestId('open-entity').click();
    await new LoupeApp(g.page).waitScreen('entity');
    await expect.poll(() => g.page.getByTestId('entity-findings').innerText(), { timeout: 30_000 }).toContain('KALI');
    // a 4-minute spray: the time axis names each tick differently (seconds shown)
    const ticks = await g.page.locator('[data-testid="entity-timeline"] .recharts-xAxis-tick-labels text.recharts-cartesian-axis-tick-value').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(ticks.length).toBeGreaterThan(2);
    expect(new Set(ticks).size).toBe(ticks.length);
    await screenshot(g.page, 'r7-entity-workstation');
  });

  it("Explorer: a Windows event's EventId reads as its own row in the detail", async () => {
    await go('#/explorer?q=ip%3AKALI', 'explorer');
    await g.page.locator('[data-testid="explorer-table"] .vt-row').first().click();
    await g.page.getByTestId('extra-fields').waitFor();
    const detail = await g.page.getByTestId('event-detail').innerText();
    expect(detail).toMatch(/EventId\s+4625/);
    await screenshot(g.page, 'r7-explorer-windows');
  });

  it('Explorer: a row moved to with the keyboard is scrolled fully into view, below the header', async () => {
    await go('#/explorer?q=host%3AFS01.corp.example.com', 'explorer');
    const rows = g.page.locator('[data-testid="explorer-table"] .vt-row');
    await rows.first().click();
    for (let i = 0; i < 3; i++) await g.page.locator('[data-testid="explorer-table"] .vt-body').press('PageDown');
    await g.page.waitForTimeout(200);
    const box = await g.page.locator('[data-testid="explorer-table"] .vt-body').evaluate((b) => {
      const r = b.querySelector('.vt-row.sel')?.getBoundingClientRect();
      const top = b.getBoundingClientRect().top;
      return r ? { rowBottom: r.bottom, viewBottom: top + b.clientHeight } : null;
    });
    expect(box).not.toBeNull();
    expect(box!.rowBottom).toBeLessThanOrEqual(box!.viewBottom + 0.5);
  });

  it("Entity: a server's own name gets one plain message and a way to its rows, not empty panels", async () => {
    await go('#/entity?ip=FS01.corp.example.com', 'entity');
    await g.page.getByTestId('entity-nothing').waitFor({ timeout: 30_000 });
    expect(await g.page.getByTestId('entity-timeline').count()).toBe(0);
    await g.page.getByTestId('entity-nothing').getByRole('button').click();
    await new LoupeApp(g.page).waitScreen('explorer');
    await expect.poll(() => g.page.locator('[data-testid="explorer-table"] .vt-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it('Top suspicious IPs: long WAF signals wrap inside the panel', async () => {
    await go('#/overview', 'overview');
    const s = g.page.getByTestId('suspicious');
    await s.locator('[data-testid="suspicious-row"]').first().waitFor({ timeout: 30_000 });
    expect(await s.innerText()).toContain('WAF alerts from');
    // each signal line fits its cell (before, a long one ran on hidden under the panel's edge)
    const overflow = await s.locator('.suspicious-signal').evaluateAll((els) => Math.max(...els.map((e) => e.scrollWidth - e.clientWidth)));
    expect(overflow).toBeLessThanOrEqual(1);
    expect(g.pageErrors).toEqual([]);
  });
});
