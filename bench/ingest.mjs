// Ingest benchmark (issue 3): Loupe against its peers, in the same run, on the same files.
// Generates (once, fixed seed) a combined access log and a CIDDS-style flow CSV with `loupe gen`,
// then times: sha256sum (the floor: one read), Loupe ingest into a fresh case, sqlite3 .import of
// the flows (untyped, with and without three indexes), GoAccess on the access log, and the
// straightforward Node importer (bench/baseline-importer.mjs). Prints records/s, peak RSS, case
// size / input size, Loupe's longest event-loop stall and Loupe's time ratio to each peer.
//
//   npm run bench:ingest                 # 2,000,000 lines each
//   BENCH_LINES=200000 npm run bench:ingest
//   BENCH_SKIP=goaccess,baseline ...     # skip slow peers while developing
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LINES = Number(process.env.BENCH_LINES ?? 2_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 42);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const dataDir = path.join(root, 'bench', 'data', `ingest-${LINES}-${SEED}`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-ingest-'));
const loupe = path.join(root, 'bin', 'loupe.js');

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/**
 * Runs a command under GNU time; returns wall seconds, peak RSS in MiB, and its output. Dirty
 * pages are flushed first: the files just generated (800 MB at 2M lines) or the previous tool's
 * output would otherwise be written back during the next run (it cost the first run 6 s once).
 */
function timed(cmd, args, opts = {}) {
  spawnSync('sync');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'LOUPE_BENCH_RSS=%M LOUPE_BENCH_CPU=%U+%S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = Number(/LOUPE_BENCH_RSS=(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN) / 1024;
  const cpuM = /LOUPE_BENCH_CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  const cpu = cpuM ? Number(cpuM[1]) + Number(cpuM[2]) : NaN;
  if (r.status !== 0) process.stderr.write(`bench: ${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(-500)}\n`);
  return { secs, rss, cpu, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ok: r.status === 0 };
}

function sizeOf(file) {
  let n = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) n += fs.statSync(f).size;
  return n;
}

// ---- data (generated once per size and seed; bench/data is ignored by git)
const access = path.join(dataDir, 'access.log');
const flows = path.join(dataDir, 'flows.csv');
if (!fs.existsSync(access) || !fs.existsSync(flows)) {
  process.stderr.write(`bench: generating ${LINES} lines of each with loupe gen (seed ${SEED}) into ${dataDir}\n`);
  const g = spawnSync(process.execPath, [loupe, 'gen', '--out', dataDir, '--seed', String(SEED), '--lines', String(LINES), '--formats', 'access,flows'], { stdio: 'inherit' });
  if (g.status !== 0) throw new Error('loupe gen failed');
}
const inputs = { access: fs.statSync(access).size, flows: fs.statSync(flows).size };

const rows = [];
const add = (row) => {
  rows.push(row);
  process.stderr.write(`bench: ${row.tool} on ${row.input}: ${row.secs.toFixed(2)} s\n`);
};

// ---- the floor
for (const [name, file] of [['access', access], ['flows', flows]]) {
  const r = timed('sha256sum', [file]);
  add({ tool: 'sha256sum', input: name, secs: r.secs, cpu: r.cpu, records: LINES, rss: r.rss });
}

// ---- Loupe
const loupeRuns = {};
for (const [name, file] of [['access', access], ['flows', flows]]) {
  const caseFile = path.join(work, `${name}.loupe`);
  const r = timed(process.execPath, [loupe, 'ingest', file, '--case', caseFile, '--json'], { env: { ...process.env, LOUPE_LOOP_STATS: '1' } });
  const out = r.ok ? JSON.parse(r.stdout) : { sources: [{}] };
  const s = out.sources[0];
  const stall = Number(/event-loop max delay ([\d.]+) ms/.exec(r.stderr)?.[1] ?? NaN);
  const row = { tool: 'loupe ingest', input: name, secs: r.secs, cpu: r.cpu, records: s.records ?? NaN, rss: r.rss, ratioSize: sizeOf(caseFile) / inputs[name], stall, check: s.records === s.events + s.quarantined ? 'records = events + quarantined' : 'COUNT MISMATCH' };
  add(row);
  loupeRuns[name] = row;
  fs.rmSync(caseFile, { force: true });
}

// ---- sqlite3 .import (untyped), with and without three indexes
if (have('sqlite3') && !SKIP.has('sqlite')) {
  for (const withIndexes of [false, true]) {
    const db = path.join(work, `import-${withIndexes}.db`);
    const sql = ['.mode csv', `.import '${flows}' flows`];
    if (withIndexes) {
      sql.push('CREATE INDEX f_ts ON flows("Date first seen");', 'CREATE INDEX f_src ON flows("Src IP Addr");', 'CREATE INDEX f_dst ON flows("Dst IP Addr", "Dst Pt");');
    }
    const r = timed('sqlite3', [db], { input: `${sql.join('\n')}\n` });
    add({ tool: `sqlite3 .import${withIndexes ? ' + 3 indexes' : ''}`, input: 'flows', secs: r.secs, cpu: r.cpu, records: LINES, rss: r.rss, ratioSize: sizeOf(db) / inputs.flows });
    fs.rmSync(db, { force: true });
  }
}

// ---- GoAccess
if (have('goaccess') && !SKIP.has('goaccess')) {
  const r = timed('goaccess', [access, '--log-format=COMBINED', '-o', path.join(work, 'goaccess.json')]);
  add({ tool: 'goaccess (JSON report)', input: 'access', secs: r.secs, cpu: r.cpu, records: LINES, rss: r.rss });
}

// ---- the straightforward Node importer
if (!SKIP.has('baseline')) {
  const db = path.join(work, 'baseline.db');
  const r = timed(process.execPath, [path.join(root, 'bench', 'baseline-importer.mjs'), access, db]);
  const rowsIn = r.ok ? JSON.parse(r.stdout).rows : NaN;
  add({ tool: 'node readline+regex+INSERT', input: 'access', secs: r.secs, cpu: r.cpu, records: rowsIn, rss: r.rss, ratioSize: sizeOf(db) / inputs.access });
  fs.rmSync(db, { force: true });
}

// ---- table
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const lines = [];
lines.push(`Ingest bench: ${LINES.toLocaleString('en-US')} lines each; access.log ${(inputs.access / 2 ** 20).toFixed(0)} MiB, flows.csv ${(inputs.flows / 2 ** 20).toFixed(0)} MiB; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
lines.push('');
lines.push('| tool | input | seconds | CPU s (user+sys) | records/s | peak RSS MiB | size / input | Loupe time / this |');
lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const l = loupeRuns[r.input];
  const ratio = l && r !== l ? fmt(l.secs / r.secs, 2) : '';
  lines.push(`| ${r.tool} | ${r.input} | ${fmt(r.secs, 2)} | ${fmt(r.cpu, 2)} | ${fmt(r.records / r.secs, 0)} | ${fmt(r.rss, 0)} | ${r.ratioSize ? fmt(r.ratioSize, 2) : ''} | ${ratio} |`);
}
lines.push('');
for (const [name, l] of Object.entries(loupeRuns)) lines.push(`Loupe ${name}: longest event-loop stall ${fmt(l.stall, 1)} ms; ${l.check}`);
process.stdout.write(`${lines.join('\n')}\n`);
fs.rmSync(work, { recursive: true, force: true });
