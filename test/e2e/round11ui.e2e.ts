// Round 11: a Windows-only case (Sysmon and Security exports, no attacker address anywhere) still
// gets a ranking on the Overview: the machines whose own logs incriminate them, marked as machines,
// and a machine's row searches its events in the Explorer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closeSuite, docShot, type Guarded, launchBrowser, openApp, ROOT, screenshot, type Server, startServer } from './harness';
import { LoupeApp, OverviewPage } from './pages';
import { securityExport, sysmonLog } from '../unit/analysis/processes/exports';

describe('round 11: machines in the suspicious ranking (1280x800)', () => {
  let browser: Browser;
  let server: Server;
  let g: Guarded;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-e2e-r11-'));
    const files = [path.join(dir, 'sysmon-evtxecmd.csv'), path.join(dir, 'fs02-security-export.csv')];
    fs.writeFileSync(files[0]!, sysmonLog().join('\n') + '\n');
    fs.writeFileSync(files[1]!, securityExport().join('\n') + '\n');
    const caseFile = path.join(dir, 'r11.loupe');
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/loupe.js'), ...args], { encoding: 'utf8', env: { ...process.env, LOUPE_CONFIG_DIR: path.join(dir, 'config') } });
      if (r.status !== 0) throw new Error(`loupe ${args[0]} failed: ${r.stderr}`);
    };
    cli('ingest', '--case', caseFile, ...files);
    cli('analyze', caseFile);
    browser = await launchBrowser();
    server = await startServer({ caseFile });
    g = await openApp(browser, server);
    await g.page.setViewportSize({ width: 1280, height: 800 });
  });
  afterAll(() => closeSuite({ g, browser, server, dir }));

  it('Overview ranks the incriminated machines, marked as machines; a row searches the machine in the Explorer', async () => {
    const app = new LoupeApp(g.page);
    await app.visit('#/overview', 'overview');
    const rows = new OverviewPage(g.page).suspiciousRows();
    await rows.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => g.page.getByTestId('suspicious').locator('h2').first().innerText()).toMatch(/Top suspicious IPs and hosts/);
    expect(await g.page.getByTestId('suspicious').locator('th').nth(1).innerText()).toBe('Source or machine');
    const texts = await rows.allInnerTexts();
    const machines = texts.filter((t) => t.includes('(machine)'));
    expect(machines.some((t) => t.includes('WS07.corp.example.com')), texts.join('\n')).toBe(true);
    expect(machines.some((t) => t.includes('FS02.corp.example.com')), texts.join('\n')).toBe(true);
    // the benign file server never shows up
    expect(texts.some((t) => t.includes('FS01'))).toBe(false);
    const ws07 = rows.filter({ hasText: 'WS07.corp.example.com' }).first();
    // no source address anywhere: the talkers panels say so instead of drawing empty axes
    await expect.poll(() => g.page.getByTestId('chart-top-events').innerText()).toContain('No source address in these logs');
    await expect.poll(() => g.page.getByTestId('chart-top-bytes').innerText()).toContain('No source address in these logs');
    await ws07.scrollIntoViewIfNeeded();
    await screenshot(g.page, 'r11-suspicious-machines');
    await g.page.getByTestId('suspicious').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await docShot(g.page, 'suspicious-machines');
    expect(await ws07.getAttribute('title')).toBe('search the events for this machine');
    await ws07.click();
    await app.waitScreen('explorer');
    await expect.poll(() => g.page.getByTestId('explorer-search').inputValue()).toContain('WS07.corp.example.com');
    await expect.poll(async () => Number((await g.page.getByTestId('explorer-count').innerText()).replace(/[^\d]/g, '') || 0)).toBeGreaterThan(0);
  });
});
