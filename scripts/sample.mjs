// Builds the sample case resources/sample.loupe (git-ignored) from the generator: every format the
// generator writes, ingested, analysed, a supervised model on the labelled web CSV, an isolation
// forest and scores. The generated sources stay in resources/sample-sources/ (ignored by its own
// .gitignore) so raw lines resolve. Progress goes to stderr; `--force` rebuilds.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resources = path.join(root, 'resources');
const target = path.join(resources, 'sample.loupe');
const sources = path.join(resources, 'sample-sources');
const building = path.join(resources, 'sample.building.loupe');
const force = process.argv.includes('--force');
const lines = process.env.LOUPE_SAMPLE_LINES ?? '20000';

if (fs.existsSync(target) && !force) {
  process.stderr.write(`sample: ${path.relative(root, target)} exists (use --force to rebuild)\n`);
  process.exit(0);
}

function loupe(args, { optional = false } = {}) {
  process.stderr.write(`sample: loupe ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'loupe.js'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    if (optional) {
      process.stderr.write(`sample: step skipped (loupe ${args[0]} exited ${r.status})\n`);
      return false;
    }
    process.stderr.write(`sample: loupe ${args[0]} failed (exit ${r.status}); the sample case was not built\n`);
    process.exit(1);
  }
  return true;
}

if (!fs.existsSync(path.join(root, 'out', 'cli', 'loupe.js'))) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--node-only'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(1);
}

fs.mkdirSync(resources, { recursive: true });
for (const f of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(f, { force: true });
fs.rmSync(sources, { recursive: true, force: true });
fs.mkdirSync(sources, { recursive: true });
// generated evidence must never be committed: the folder ignores itself
fs.writeFileSync(path.join(sources, '.gitignore'), '*\n');

loupe(['gen', '--out', sources, '--seed', '7', '--lines', lines]);
const files = fs
  .readdirSync(sources)
  .filter((f) => !f.startsWith('.') && f !== 'ground-truth.json')
  .map((f) => path.join(sources, f));
loupe(['ingest', '--case', building, ...files]);
loupe(['analyze', building]);
// a supervised model where the data has labels, and the isolation forest everywhere
loupe(['train', building, '--quiet'], { optional: true });
loupe(['train', building, '--unsupervised', '--quiet'], { optional: true });
loupe(['score', building], { optional: true });

// the explorer's full-text index and sort indexes, so opening the sample starts no work
{
  process.stderr.write('sample: building the full-text index\n');
  const fts = createRequire(import.meta.url)(path.join(root, 'out', 'workers', 'fts.js'));
  const { port1, port2 } = new MessageChannel();
  const r = fts.build({ caseFile: building, port: port2 });
  port1.close();
  if (!r.ok) process.stderr.write(`sample: full-text index not built (${r.message}); the app builds it on open\n`);
}

for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
fs.renameSync(building, target);
// the CLI checkpoints on close; should a WAL remain, it moves with its database
for (const ext of ['-wal', '-shm']) if (fs.existsSync(building + ext)) fs.renameSync(building + ext, target + ext);
process.stderr.write(`sample: wrote ${path.relative(root, target)} (${files.length} sources)\n`);
