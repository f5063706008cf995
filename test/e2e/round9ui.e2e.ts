// Round 9, calm and truthful for a responder (1280x800): the Findings selection follows the address
// (a cross-reference link, back and forward), a Windows workstation name is labelled as one, a WAF
// log's rule message is among the first columns, and a live group finding says how many sources it
// lists of how many. Each assertion failed before its fix.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Finding } from '../../src/shared/model';
import { callApi, closeSuite, type Guarded, launchBrowser, openApp, ROOT, screenshot, type Server, startServer, useApp } from './harness';
import { FindingsPage, LoupeApp } from './pages';
import { sprayNoAddress } from '../unit/analysis/planted7host/windows';
import { modsecApache } from '../unit/analysis/planted7waf/waf';

const FIX = path.join(ROOT, 'test/fixtures/formats');

describe('round 9: the UI follows the address and names things truly (1280x800)', () => {
  let browser: Browser;
  let server: Server;
  let g: Guarded;
  let dir: string;
  let findings: Finding[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-e2e-r9-'));
    const spray = path.join(dir, 'fs01-security-evtxecmd.csv');
    fs.writeFileSync(spray, sprayNoAddress().join('\n') + '\n');
    const modsec = modsecApache();
    fs.writeFileSync(path.join(dir, 'error.log'), modsec.error.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'access.log'), modsec.access.join('\n') + '\n');
    const caseFile = path.join(dir, 'r9.loupe');
    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/loupe.js'), ...args], { encoding: 'utf8', env: { ...process.env, LOUPE_CONFIG_DIR: path.join(dir, 'config') } });
      if (r.status !== 0) throw new Error(`loupe ${args[0]} failed: ${r.stderr}`);
    };
    cli('ingest', '--case', caseFile, spray, path.join(dir, 'error.log'), path.join(dir, 'access.log'), path.join(FIX, 'waf_aws.jsonl'), path.join(FIX, 'waf_modsec_apache.log'));
    cli('analyze', caseFile);
    browser = await launchBrowser();
    server = await startServer({ caseFile });
    g = await openApp(browser, server);
    await g.page.setViewportSize({ width: 1280, height: 800 });
    findings = (await callApi(server.url, 'analysis/findings', { status: 'open' })) as Finding[];
  });
  afterAll(() => closeSuite({ g, browser, server, dir }));

  const go = (hash: string, screen: Parameters<LoupeApp['waitScreen']>[0]) => new LoupeApp(g.page).visit(hash, screen);
  const title = (f: FindingsPage) => f.detail().locator('h2').innerText();
  const selectedTitle = (f: FindingsPage) => f.selectedRow().innerText();

  it('Findings: a cross-reference link, back and forward move the selection and the detail', async () => {
    const attacker = '45.146.164.110';
    const a = findings.find((x) => x.entity === attacker && x.detector === 'idsAlerts')!;
    expect(a).toBeDefined();
    expect(findings.filter((x) => x.entity === attacker).length).toBeGreaterThan(1);
    const f = new FindingsPage(g.page);
    const kali = findings.find((x) => x.entity === 'KALI')!;
    // a link to another finding while the screen is open (the live feed, a pasted address)
    await go(`#/findings?id=${encodeURIComponent(kali.id)}`, 'findings');
    await expect.poll(() => title(f), { timeout: 30_000 }).toBe(kali.title);
    await go(`#/findings?id=${encodeURIComponent(a.id)}`, 'findings');
    await expect.poll(() => title(f), { timeout: 30_000 }).toBe(a.title);
    await expect.poll(() => selectedTitle(f)).toContain(a.title.slice(0, 40));
    // the other findings about the same address are links to them
    const links = g.page.getByTestId('related-finding');
    await links.first().waitFor();
    const targetTitle = await links.first().innerText();
    expect(targetTitle).not.toBe(a.title);
    await links.first().click();
    await expect.poll(() => title(f)).toBe(targetTitle);
    await expect.poll(() => selectedTitle(f)).toContain(targetTitle.slice(0, 40));
    expect(decodeURIComponent(await g.page.evaluate(() => window.location.hash))).toContain(`id=${findings.find((x) => x.title === targetTitle)!.id}`);
    await g.page.goBack();
    await expect.poll(() => title(f)).toBe(a.title);
    await expect.poll(() => selectedTitle(f)).toContain(a.title.slice(0, 40));
    await g.page.goForward();
    await expect.poll(() => title(f)).toBe(targetTitle);
    // j moves the selection and the address with it, without a history entry per row: a link
    // back to the finding the screen was opened on still moves the selection there
    const before = await title(f);
    await g.page.locator('body').press('j');
    await expect.poll(() => title(f)).not.toBe(before);
    const moved = await g.page.evaluate(() => decodeURIComponent(window.location.hash));
    expect(moved).not.toContain(`id=${findings.find((x) => x.title === before)!.id}`);
    await g.page.goBack();
    await expect.poll(() => title(f)).toBe(a.title);
    await screenshot(g.page, 'r9-findings-crossref');
  });

  it('Findings: a link to a finding the filters hide clears those filters instead of showing another one', async () => {
    const kali = findings.find((x) => x.entity === 'KALI')!;
    const f = new FindingsPage(g.page);
    await go('#/findings', 'findings');
    await f.rows().first().waitFor({ timeout: 30_000 });
    await f.detectorFilter().selectOption('idsAlerts');
    await expect.poll(() => title(f)).toMatch(/alerts/i);
    await go(`#/findings?id=${encodeURIComponent(kali.id)}`, 'findings');
    await expect.poll(() => title(f)).toBe(kali.title);
    expect(await f.detectorFilter().inputValue()).toBe('');
  });

  it('Findings: a link whose finding a later analysis replaced says so, and shows the open findings', async () => {
    const f = new FindingsPage(g.page);
    await go('#/findings?id=no-such-finding-0000', 'findings');
    await expect.poll(() => g.page.getByTestId('finding-missing').count(), { timeout: 30_000 }).toBe(1);
    expect(await g.page.getByTestId('finding-missing').innerText()).toMatch(/not in this case any more/);
    expect(await g.page.getByLabel('status filter').inputValue()).toBe('open');
    await f.rows().first().waitFor({ timeout: 30_000 });
    await screenshot(g.page, 'r9-finding-missing');
    // a link to a finding that exists clears the notice
    const kali = findings.find((x) => x.entity === 'KALI')!;
    await go(`#/findings?id=${encodeURIComponent(kali.id)}`, 'findings');
    await expect.poll(() => title(f)).toBe(kali.title);
    expect(await g.page.getByTestId('finding-missing').count()).toBe(0);
  });

  it('Event detail and Entity: a Windows workstation name is labelled as one, an address as an IP', async () => {
    await go('#/explorer?q=src_ip%3AKALI', 'explorer');
    await g.page.locator('[data-testid="explorer-table"] .vt-row').first().click();
    const src = g.page.locator('[data-testid="event-detail"] dt[data-field="src_ip"]');
    await expect.poll(() => src.innerText(), { timeout: 30_000 }).toBe('Source workstation');
    await screenshot(g.page, 'r9-event-workstation');
    await go('#/explorer?q=src_ip%3A45.146.164.110', 'explorer');
    await g.page.locator('[data-testid="explorer-table"] .vt-row').first().click();
    await expect.poll(() => src.innerText(), { timeout: 30_000 }).toBe('Source IP');

    await go('#/entity?ip=KALI', 'entity');
    await expect.poll(() => g.page.getByTestId('entity-kind').innerText(), { timeout: 30_000 }).toBe('Windows workstation');
    expect(await g.page.getByTestId('entity-kind-note').innerText()).toMatch(/no address/);
    // Windows logons log no size: not "0 B sent"
    expect(await g.page.getByTestId('entity-as-source').innerText()).toContain('no sizes in these rows');
    expect(await g.page.getByTestId('entity-as-source').innerText()).not.toContain('0 B');
    await screenshot(g.page, 'r9-entity-workstation');
    await go('#/entity?ip=45.146.164.110', 'entity');
    await g.page.getByTestId('entity-findings').waitFor({ timeout: 30_000 });
    expect(await g.page.getByTestId('entity-kind').count()).toBe(0);
  });

  it("Explorer: a WAF log's rule message comes right after the time and source, inside the window", async () => {
    await go('#/explorer?q=host%3Ashop.example.com', 'explorer');
    const table = g.page.getByTestId('explorer-table');
    const heads = async () => (await table.locator('[role="columnheader"]').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
    // the WAF rows of three logs: two ModSecurity error logs and AWS WAF (rows it allowed have no rule message)
    await expect.poll(() => g.page.getByTestId('explorer-count').innerText(), { timeout: 30_000 }).toMatch(/^245 events/);
    await table.locator('.vt-row').first().waitFor();
    const headers = await heads();
    expect(headers.slice(0, 3)).toEqual(['Time', 'Source', 'Message']);
    // nothing is dropped: the request's columns are still there, after the verdict
    expect(headers).toEqual(expect.arrayContaining(['Path', 'Host', 'Action']));
    const box = await table.locator('[role="columnheader"]', { hasText: 'Message' }).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    await screenshot(g.page, 'r9-explorer-waf');
  });

  it('Explorer: a web access log keeps the request first (method, path, status)', async () => {
    // the attacker's rows in the Apache access log (its ModSecurity rows have no method)
    await go('#/explorer?q=src_ip%3A45.146.164.110%20method%3AGET', 'explorer');
    const table = g.page.getByTestId('explorer-table');
    await expect.poll(() => g.page.getByTestId('explorer-count').innerText(), { timeout: 30_000 }).toMatch(/^124 events/);
    await table.locator('.vt-row').first().waitFor();
    const headers = (await table.locator('[role="columnheader"]').allInnerTexts()).map((h) => h.replace(/[▲▼]/g, '').trim());
    expect(headers.slice(0, 6)).toEqual(['Time', 'Source', 'Method', 'Path', 'Status', 'Query']);
  });

  it('Explorer: after a search, a link back to the first query is followed (the address was stale)', async () => {
    await go('#/explorer?q=src_ip%3AKALI', 'explorer');
    const count = g.page.getByTestId('explorer-count');
    await expect.poll(() => count.innerText(), { timeout: 30_000 }).toMatch(/^14 events/);
    await g.page.getByTestId('explorer-search').fill('src_ip:45.146.164.110');
    await g.page.getByTestId('explorer-search').press('Enter');
    await expect.poll(() => count.innerText()).not.toMatch(/^14 events/);
    await go('#/explorer?q=src_ip%3AKALI', 'explorer');
    await expect.poll(() => count.innerText()).toMatch(/^14 events/);
    expect(await g.page.getByTestId('explorer-search').inputValue()).toBe('src_ip:KALI');
    expect(g.pageErrors).toEqual([]);
  });
});

const spray = (i: number): string => {
  const ip = `198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}`;
  return `${ip} - - [10/Oct/2023:13:${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /index.php?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users-- HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n`;
};

describe('round 9: live group findings say how many sources they list', () => {
  const fx = useApp();

  it('shows "showing 50 of 70" and opens the rows of all 70 in the Explorer', async () => {
    const log = path.join(fx.server.dir, 'growing.log');
    fs.writeFileSync(log, '203.0.113.5 - - [10/Oct/2023:13:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n');
    const app = new LoupeApp(fx.g.page);
    await fx.g.page.setViewportSize({ width: 1280, height: 800 });
    await app.go('live');
    await fx.g.page.getByLabel('path to follow').fill(log);
    await fx.g.page.getByRole('button', { name: 'Follow', exact: true }).click();
    await fx.g.page.getByTestId('live-sources').locator('tbody tr').first().waitFor({ timeout: 30_000 });
    // seventy addresses, each sending the same SQL injection once: one group finding
    fs.appendFileSync(log, Array.from({ length: 70 }, (_, i) => spray(i)).join(''));
    const group = fx.g.page.getByTestId('live-group-sources').first();
    await group.waitFor({ timeout: 30_000 });
    expect(await group.getByTestId('group-sources-count').innerText()).toBe('70 sources · showing 50 of 70');
    await group.locator('summary').click();
    expect(await group.locator('a').count()).toBe(50);
    expect(await group.innerText()).toContain('and 20 more the finding does not list');
    const open = group.getByTestId('group-sources-explorer');
    expect(await open.innerText()).toBe('Rows of all 70 sources in the Explorer');
    await screenshot(fx.g.page, 'r9-live-group');
    await open.click();
    await app.waitScreen('explorer');
    await expect.poll(() => fx.g.page.getByTestId('explorer-count').innerText(), { timeout: 30_000 }).toMatch(/^70 events/);
    // the finding's own page says the same
    await app.go('findings');
    const f = new FindingsPage(fx.g.page);
    await expect.poll(() => f.detail().locator('h2').innerText(), { timeout: 30_000 }).toMatch(/sprayed from 70 sources/);
    expect(await fx.g.page.getByTestId('finding-group-sources').getByTestId('group-sources-count').innerText()).toBe('70 sources · showing 50 of 70');
    // the bare comma list and its count are not repeated as numbers above it
    const numbers = await f.detail().locator('dl').first().innerText();
    expect(numbers).not.toMatch(/^sources$/m);
    expect(numbers).not.toMatch(/^source count$/m);
    await app.go('live');
    await fx.g.page.getByRole('button', { name: 'Stop' }).click();
    expect(fx.g.pageErrors).toEqual([]);
  });
});
