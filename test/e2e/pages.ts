// Page objects: every selector the e2e tests use lives here, so a markup change is one edit.
import type { Locator, Page } from 'playwright-core';

export type ScreenName = 'start' | 'ingest' | 'overview' | 'findings' | 'explorer' | 'entity' | 'model' | 'export' | 'live' | 'settings';

export class LoupeApp {
  constructor(readonly page: Page) {}

  main(): Locator {
    return this.page.locator('main.main');
  }

  async go(screen: ScreenName): Promise<void> {
    await this.page.locator(`nav a[data-nav="${screen}"]`).click();
    await this.page.waitForSelector(`main[data-screen="${screen}"]`);
  }

  async waitScreen(screen: ScreenName): Promise<void> {
    await this.page.waitForSelector(`main[data-screen="${screen}"]`, { timeout: 60_000 });
  }

  /** Follows a link inside the app (the address's hash, as a cross-reference sets it) and waits for its screen. */
  async visit(hash: string, screen: ScreenName): Promise<void> {
    await this.page.evaluate((h) => (window.location.hash = h), hash);
    await this.waitScreen(screen);
  }

  caseName(): Locator {
    return this.page.getByTestId('case-name');
  }

  /** counts that prove attacker text created no markup */
  async domSafety(): Promise<{ img: number; script: number; iframe: number; jsLinks: number; handlers: number; pwned: unknown }> {
    return this.page.evaluate(() => {
      let handlers = 0;
      for (const el of Array.from(document.querySelectorAll('*'))) for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) handlers++;
      return {
        img: document.querySelectorAll('img').length,
        script: document.querySelectorAll('script').length,
        iframe: document.querySelectorAll('iframe, object, embed').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i], a[href^="data:" i]').length,
        handlers,
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      };
    });
  }
}

export class StartPage {
  constructor(readonly page: Page) {}
  sampleButton = (): Locator => this.page.getByTestId('open-sample');
  fileInput = (): Locator => this.page.getByTestId('file-input');
  casePath = (): Locator => this.page.getByTestId('case-path');
  createButton = (): Locator => this.page.getByTestId('case-create');
  async addFiles(paths: string[]): Promise<void> {
    await this.fileInput().setInputFiles(paths);
  }
}

export class IngestPage {
  constructor(readonly page: Page) {}
  review = (): Locator => this.page.getByTestId('ingest-review');
  planFiles = (): Locator => this.page.getByTestId('plan-file');
  detected = (): Locator => this.page.getByTestId('plan-detected');
  startButton = (): Locator => this.page.getByTestId('ingest-start');
  progress = (): Locator => this.page.getByTestId('ingest-progress');
  records = (): Locator => this.page.getByTestId('ingest-records');
  toOverview = (): Locator => this.page.getByTestId('ingest-to-overview');
  report = (): Locator => this.page.getByTestId('cleaning-report');
  sourceCounts = (): Locator => this.page.getByTestId('source-counts');
  showQuarantine = (): Locator => this.page.getByTestId('show-quarantine');
  quarantineList = (): Locator => this.page.getByTestId('quarantine-list');
}

export class OverviewPage {
  constructor(readonly page: Page) {}
  kpiEvents = (): Locator => this.page.getByTestId('kpi-events');
  timeline = (): Locator => this.page.getByTestId('chart-timeline');
  chart = (id: string): Locator => this.page.getByTestId(id);
  suspiciousRows = (): Locator => this.page.getByTestId('suspicious-row');
}

export class FindingsPage {
  constructor(readonly page: Page) {}
  table = (): Locator => this.page.getByTestId('findings-table');
  rows = (): Locator => this.page.locator('[data-testid="findings-table"] .vt-row');
  selectedRow = (): Locator => this.page.locator('[data-testid="findings-table"] .vt-row.sel');
  detail = (): Locator => this.page.getByTestId('finding-detail');
  explanation = (): Locator => this.page.getByTestId('finding-explanation');
  evidenceRows = (): Locator => this.page.locator('[data-testid="evidence-table"] .vt-row');
  evidenceSelectedIndex = async (): Promise<string | null> => this.page.locator('[data-testid="evidence-table"] .vt-row.sel').first().getAttribute('data-index', { timeout: 5_000 }).catch(() => null);
  /** true when the evidence heading is inside the visible part of the scrolled detail pane */
  evidenceInView = async (): Promise<boolean> =>
    this.page.evaluate(() => {
      const pane = document.querySelector('[data-testid="finding-detail"]')?.getBoundingClientRect();
      const ev = document.querySelector('[data-testid="evidence"]')?.getBoundingClientRect();
      return !!pane && !!ev && ev.top >= pane.top - 1 && ev.top < pane.bottom - 40;
    });
  openEntity = (): Locator => this.page.getByTestId('open-entity');
  dismiss = (): Locator => this.page.getByTestId('dismiss');
  filter = (): Locator => this.page.locator('[data-testid="findings-filters"] input[type="search"]');
  detectorFilter = (): Locator => this.page.getByLabel('detector filter');
}

export class ExplorerPage {
  constructor(readonly page: Page) {}
  search = (): Locator => this.page.getByTestId('explorer-search');
  count = (): Locator => this.page.getByTestId('explorer-count');
  rows = (): Locator => this.page.locator('[data-testid="explorer-table"] .vt-row');
  filter = (field: string): Locator => this.page.locator(`[data-filter="${field}"]`);
  detail = (): Locator => this.page.getByTestId('event-detail');
  raw = (): Locator => this.page.getByTestId('raw-line');
  fts = (): Locator => this.page.getByTestId('fts-status');
  async query(q: string): Promise<void> {
    await this.search().fill(q);
    await this.search().press('Enter');
  }
}

export class ModelPage {
  constructor(readonly page: Page) {}
  train = (): Locator => this.page.getByTestId('model-train-start');
  label = (): Locator => this.page.getByTestId('model-label');
  unsupervised = (): Locator => this.page.getByTestId('model-unsupervised');
  unlabeled = (): Locator => this.page.getByTestId('model-unlabeled');
  metrics = (): Locator => this.page.getByTestId('metrics-table');
  score = (): Locator => this.page.getByTestId('model-score');
}

export class ExportPage {
  constructor(readonly page: Page) {}
  kind = (k: string): Locator => this.page.locator(`input[data-kind="${k}"]`);
  start = (): Locator => this.page.getByTestId('export-start');
  files = (): Locator => this.page.getByTestId('export-files');
}
