// `loupe serve case.loupe` on a case that holds sources opens on its overview, not the drop zone.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, useApp } from './harness';
import { LoupeApp, OverviewPage } from './pages';

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
