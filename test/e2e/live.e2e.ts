// Live: follow a log that is still being written; the counter grows as lines are appended.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { screenshot, useApp } from './harness';
import { LoupeApp } from './pages';

const line = (i: number): string => `203.0.113.${i % 250} - - [10/Oct/2023:13:55:${String(i % 60).padStart(2, '0')} +0000] "GET /live/${i} HTTP/1.1" 404 12 "-" "curl/8.0"\n`;

describe('live follow', () => {
  const fx = useApp();

  it('follows a growing file and counts what arrives', async () => {
    const log = path.join(fx.server.dir, 'growing.log');
    fs.writeFileSync(log, Array.from({ length: 20 }, (_, i) => line(i)).join(''));
    const app = new LoupeApp(fx.g.page);
    await app.go('live');
    // a wrong path is explained in words, not as an error code
    await fx.g.page.getByLabel('path to follow').fill(path.join(fx.server.dir, 'no-such.log'));
    await fx.g.page.getByRole('button', { name: 'Follow', exact: true }).click();
    const err = fx.g.page.getByRole('alert');
    await expect.poll(async () => err.innerText()).toMatch(/^Not found:\s+cannot follow .*no-such\.log/);
    expect(await err.innerText()).not.toContain('not_found');
    await fx.g.page.getByLabel('path to follow').fill(log);
    await fx.g.page.getByRole('button', { name: 'Follow', exact: true }).click();
    const table = fx.g.page.getByTestId('live-sources');
    await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    fs.appendFileSync(log, Array.from({ length: 30 }, (_, i) => line(100 + i)).join(''));
    await expect
      .poll(async () => Number(((await table.locator('tbody tr').first().locator('td').nth(2).innerText()) || '0').replace(/[^0-9]/g, '')), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(50);
    // the newest record's own time, in the display zone (it was always '—')
    await expect.poll(async () => table.locator('tbody tr').first().locator('td').nth(5).innerText(), { timeout: 15_000 }).toMatch(/^2023-10-10 13:55:\d\d UTC$/);
    await screenshot(fx.g.page, '13-live');
    await fx.g.page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(async () => table.locator('tbody tr').first().locator('td').nth(1).innerText()).toBe('stopped');
  });
});
