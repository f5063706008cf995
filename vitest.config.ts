import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    globalSetup: ['test/unit/global-setup.ts'],
    env: { LOUPE_OUT_DIR: path.resolve(__dirname, 'out'), LOUPE_RESOURCES_DIR: path.resolve(__dirname, 'resources') },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
