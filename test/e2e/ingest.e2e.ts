// Adding files through web mode's file input into a fresh case: detection review, progress,
// the cleaning report (records = events + quarantined), then findings.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { docShot, ROOT, screenshot, stageFiles, useApp } from './harness';
import { FindingsPage, IngestPage, LoupeApp, ModelPage, StartPage } from './pages';

const DATA = path.resolve(__dirname, '../../../shared/data');

describe('ingest through the file input', () => {
  const fx = useApp();

  it('detects, ingests with progress, and reports every record', async () => {
    const app = new LoupeApp(fx.g.page);
    const files = stageFiles([path.join(DATA, 'apache_access.log'), path.join(DATA, 'auth.log'), path.join(ROOT, 'test/fixtures/hostile/wrong_field_count.csv')], fx.server.dir);
    await new StartPage(fx.g.page).addFiles(files);
    await app.waitScreen('ingest');
    const ing = new IngestPage(fx.g.page);
    await ing.review().waitFor({ timeout: 60_000 });
    expect(await ing.planFiles().count()).toBe(3);
    const detected = await ing.detected().allInnerTexts();
    expect(detected.filter((d) => d.startsWith('detected:')).length).toBeGreaterThanOrEqual(2);
    await screenshot(fx.g.page, '02-ingest-review');
    await ing.startButton().click();
    await ing.progress().waitFor();
    await ing.toOverview().waitFor({ timeout: 120_000 });
    await ing.report().waitFor();
    // records seen = events + quarantined, for every source, as the report states it
    let seenTotal = 0;
    for (const line of await ing.sourceCounts().allInnerTexts()) {
      const [seen, events, quarantined] = (line.match(/[\d,]+/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
      expect(seen).toBe(events + quarantined);
      seenTotal += seen;
    }
    // the finished card totals every file, not the last progress push (which can be the first file's)
    const recordsShown = Number((await ing.records().innerText()).replace(/[^0-9]/g, ''));
    expect(recordsShown).toBeGreaterThan(1000);
    expect(recordsShown).toBe(seenTotal);
    const [read, total] = (await fx.g.page.getByTestId('ingest-bytes').innerText()).split(' / ');
    expect(read).toBe(total);
    await screenshot(fx.g.page, '02-ingest-done');
    await docShot(fx.g.page, 'ingest');
  });

  it('shows the findings of what was just ingested', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('findings');
    const f = new FindingsPage(fx.g.page);
    await f.rows().first().waitFor({ timeout: 60_000 });
    expect(await f.rows().count()).toBeGreaterThan(0);
    expect(fx.g.offsite).toEqual([]);
    expect(fx.g.pageErrors).toEqual([]);
  });

  it('offers the isolation forest first on a case without labels, and trains it', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('model');
    const m = new ModelPage(fx.g.page);
    // real logs carry no labels: the supervised form would only end in "no labelled events"
    await m.unlabeled().waitFor({ timeout: 30_000 });
    expect(await m.unsupervised().isChecked()).toBe(true);
    expect(await m.label().isDisabled()).toBe(true);
    await m.train().click();
    await fx.g.page.locator('[data-testid="model-metrics"] select').waitFor({ timeout: 120_000 });
    expect(await fx.g.page.locator('[data-testid="model-metrics"] select').innerText()).toContain('isolation');
    expect(fx.g.pageErrors).toEqual([]);
  });

  it('takes files dropped anywhere on the window', async () => {
    const app = new LoupeApp(fx.g.page);
    await app.go('explorer');
    await fx.g.page.evaluate(() => {
      const line = '198.51.100.9 - - [10/Oct/2023:13:55:36 +0000] "GET /dropped HTTP/1.1" 200 12 "-" "curl/8.0"\n';
      const dt = new DataTransfer();
      dt.items.add(new File([line], 'dropped.log', { type: 'text/plain' }));
      document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await app.waitScreen('ingest');
    const ing = new IngestPage(fx.g.page);
    await ing.review().waitFor({ timeout: 60_000 });
    expect(await ing.planFiles().count()).toBe(1);
    expect(await ing.planFiles().first().innerText()).toContain('dropped.log');
    expect(await ing.detected().first().innerText()).toMatch(/^detected: /);
  });
});
