// Runs the end-to-end suite: builds Loupe (CLI, server, renderer) unless --no-build, then runs
// test/e2e/*.e2e.ts with vitest against Debian's Chromium. Usage: npm run test:e2e [-- --no-build] [filter]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const rest = args.filter((a) => a !== '--no-build');
const chromium = process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium';

if (!fs.existsSync(chromium)) {
  console.error(`e2e: Chromium not found at ${chromium}; install Debian's chromium or set LOUPE_CHROMIUM`);
  process.exit(1);
}
if (!noBuild) {
  const b = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) {
  console.error('e2e: out/renderer/index.html is missing; run `npm run build` first');
  process.exit(1);
}
// the new-user tests open the bundled sample case: build it on a fresh clone (about a minute)
if (!fs.existsSync(path.join(root, 'resources/sample.loupe'))) {
  const s = spawnSync(process.execPath, [path.join(root, 'scripts/sample.mjs')], { cwd: root, stdio: 'inherit' });
  if (s.status !== 0) {
    console.error('e2e: building the sample case failed');
    process.exit(s.status ?? 1);
  }
}
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', '--config', 'test/e2e/vitest.config.ts', ...rest], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
