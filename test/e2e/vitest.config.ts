// End-to-end suite: Debian's Chromium (playwright-core) against `loupe serve` (web mode).
// One file at a time: the machine has 2 cores and each test runs a server and a browser.
import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  root: path.resolve(__dirname, '../..'),
  test: {
    // *.e2e.ts: web mode in Chromium; electron.spec.ts (platform engineer): the shell, skipped without the runtime
    include: ['test/e2e/**/*.e2e.ts', 'test/e2e/electron.spec.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { LOUPE_OUT_DIR: path.resolve(__dirname, '../../out'), LOUPE_RESOURCES_DIR: path.resolve(__dirname, '../../resources') },
  },
});
