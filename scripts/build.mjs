// Builds Loupe: the Node side (CLI, server, workers) with esbuild into out/cli and out/workers,
// then the Electron main/preload and the React renderer with electron-vite into out/.
// `--node-only` skips the renderer (used by the unit tests' global setup).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeOnly = process.argv.includes('--node-only');
const workers = fs.existsSync(path.join(root, 'src/workers'))
  ? fs.readdirSync(path.join(root, 'src/workers')).filter((f) => f.endsWith('.ts'))
  : [];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  external: ['better-sqlite3', 'piscina', 'pdfkit', 'electron', 'ws', 'dejavu-fonts-ttf', 'fsevents'],
  absWorkingDir: root,
};

await build({ ...common, entryPoints: { loupe: 'src/cli/main.ts' }, outdir: 'out/cli' });
if (workers.length) {
  await build({
    ...common,
    entryPoints: Object.fromEntries(workers.map((f) => [f.replace(/\.ts$/, ''), `src/workers/${f}`])),
    outdir: 'out/workers',
  });
}

if (!nodeOnly) {
  const bin = path.join(root, 'node_modules', '.bin', 'electron-vite');
  // Where the Electron package could not install (no runtime download here), electron-vite only
  // needs to know the major version it targets; take it from package.json.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const major = /(\d+)/.exec(pkg.optionalDependencies?.electron ?? '38')?.[1] ?? '38';
  const env = { ...process.env, ELECTRON_MAJOR_VER: process.env.ELECTRON_MAJOR_VER ?? major };
  const r = spawnSync(bin, ['build'], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    process.stderr.write('build: electron-vite build failed\n');
    process.exit(r.status ?? 1);
  }
}
