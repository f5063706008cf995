// `npm start`: opens the desktop app where the Electron runtime is installed (rebuilding
// better-sqlite3 for Electron's ABI when needed); elsewhere says so in one line and serves the UI in
// web mode on the sample case (built first when missing), printing the address to open.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const quiet = { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] };

function fail(message) {
  process.stderr.write(`loupe: ${message}\n`);
  process.exit(1);
}

/** The Electron binary, when the package and its downloaded runtime are both present. */
function electronBinary() {
  try {
    const bin = require('electron');
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function ensureBuilt(full) {
  const need = [path.join(root, 'out', 'cli', 'loupe.js'), path.join(root, 'out', 'workers', 'fts.js')];
  if (full) need.push(path.join(root, 'out', 'renderer', 'index.html'), path.join(root, 'out', 'main', 'index.js'));
  if (need.every((f) => fs.existsSync(f))) return;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], quiet);
  if (r.status !== 0) fail('the build failed (see above); run `npm run build` to retry');
}

/** Rebuilds better-sqlite3 for Electron's module ABI unless the marker says it already is. */
function ensureNativeForElectron(bin) {
  const probe = spawnSync(bin, ['-p', 'JSON.stringify([process.versions.electron, process.versions.modules])'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
  if (probe.status !== 0) fail('the Electron runtime is installed but does not start; reinstall it (npm i electron)');
  const [version, abi] = JSON.parse(probe.stdout.trim());
  const marker = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', '.electron-abi');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === abi) return;
  process.stderr.write(`loupe: rebuilding better-sqlite3 for Electron ${version} (ABI ${abi})\n`);
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3'], { ...quiet, env });
  if (r.status !== 0) fail(`could not rebuild better-sqlite3 for Electron ${version}; run \`npx electron-rebuild -f -w better-sqlite3\` and start again`);
  fs.writeFileSync(marker, `${abi}\n`);
}

function run(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const bin = electronBinary();
if (bin) {
  ensureBuilt(true);
  ensureNativeForElectron(bin);
  run(bin, [root]);
} else {
  process.stdout.write('Electron runtime not installed here; starting web mode on the sample case\n');
  ensureBuilt(true);
  const sample = path.join(root, 'resources', 'sample.loupe');
  if (!fs.existsSync(sample)) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'sample.mjs')], quiet);
    if (r.status !== 0) fail('could not build the sample case (see above); `npm run serve` starts web mode without it');
  }
  // the user works on a copy (as the app's "open the sample case" does): tags and models never change the shipped one
  const userDir = process.env.LOUPE_HOME ?? path.join(os.homedir(), '.loupe');
  const copy = path.join(userDir, 'sample.loupe');
  if (!fs.existsSync(copy) || fs.statSync(copy).mtimeMs < fs.statSync(sample).mtimeMs) {
    fs.mkdirSync(userDir, { recursive: true });
    for (const ext of ['-wal', '-shm']) fs.rmSync(copy + ext, { force: true });
    fs.copyFileSync(sample, copy);
  }
  const port = process.env.PORT ?? '0';
  run(process.execPath, [path.join(root, 'bin', 'loupe.js'), 'serve', copy, '--port', port]);
}
