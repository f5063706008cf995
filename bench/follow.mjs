// Live-follow latency: a writer process appends a generated access log (planted incidents
// included) at a fixed rate; `loupe follow --json` runs on it; latency is the time from the
// write of the first line of the batch that raised an alert to the alert (an upper bound for
// the line that crossed the threshold). Also finds the highest rate Loupe keeps up with, and
// times `tail -F` on the same writer as the floor (a peer that only moves bytes).
//
//   npm run bench:follow [-- --rates 5000,10000,20000,40000 --seconds 8]
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const loupe = path.join(root, 'bin', 'loupe.js');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const rates = arg('rates', '5000,10000,20000,40000').split(',').map(Number);
const seconds = Number(arg('seconds', '8'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-follow-'));
const dataDir = path.join(root, 'bench', 'data', 'follow');

const maxLines = Math.max(...rates) * seconds;
const source = path.join(dataDir, 'access.log');
const lineCount = (f) => {
  const b = fs.readFileSync(f);
  let n = 0;
  for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) n++;
  return n;
};
if (!fs.existsSync(source) || lineCount(source) < maxLines) {
  fs.mkdirSync(dataDir, { recursive: true });
  console.error(`generating ${maxLines} access-log lines (seed 42)…`);
  execFileSync(process.execPath, [loupe, 'gen', '--out', dataDir, '--seed', '42', '--lines', String(maxLines), '--formats', 'access'], { stdio: 'inherit' });
}

// The writer: appends `rate` lines/s in 10 ms ticks and records when each line was written.
const WRITER = `
const fs = require('node:fs');
const [file, rate, seconds, linesFile, timesFile] = process.argv.slice(1);
const lines = fs.readFileSync(linesFile, 'utf8').split('\\n').filter(Boolean).slice(0, Number(rate) * Number(seconds));
const times = new Float64Array(lines.length);
const fd = fs.openSync(file, 'a');
const t0 = Date.now();
let i = 0;
function tick() {
  const due = Math.min(lines.length, Math.floor(((Date.now() - t0) / 1000) * Number(rate)));
  if (due > i) {
    const now = Date.now();
    fs.writeSync(fd, lines.slice(i, due).join('\\n') + '\\n');
    for (let k = i; k < due; k++) times[k] = now;
    i = due;
  }
  if (i < lines.length) setTimeout(tick, 10);
  else { fs.closeSync(fd); fs.writeFileSync(timesFile, Buffer.from(times.buffer)); }
}
tick();
`;

function runWriter(file, rate, times) {
  return new Promise((resolve, reject) => {
    const w = spawn(process.execPath, ['-e', WRITER, file, String(rate), String(seconds), source, times], { stdio: 'inherit' });
    w.on('exit', (code) => (code === 0 ? resolve(Date.now()) : reject(new Error(`writer exited ${code}`))));
  });
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function runLoupe(rate) {
  const file = path.join(work, `live-${rate}.log`);
  const caseFile = path.join(work, `live-${rate}.loupe`);
  const times = path.join(work, `times-${rate}.bin`);
  fs.writeFileSync(file, '');
  const child = spawn(process.execPath, [loupe, 'follow', file, '--case', caseFile, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const alerts = [];
  readline.createInterface({ input: child.stdout }).on('line', (l) => alerts.push(JSON.parse(l)));
  await new Promise((r) => setTimeout(r, 800));
  const writerEnd = await runWriter(file, rate, times);
  const total = rate * seconds;
  // catch-up: how long after the writer's last line every record is in the case
  let caughtUp = null;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    let n = 0;
    try {
      const db = new Database(caseFile, { readonly: true, fileMustExist: true });
      n = db.prepare('SELECT coalesce(sum(records), 0) AS n FROM sources').get().n;
      db.close();
    } catch {
      n = 0;
    }
    if (n >= total) {
      caughtUp = Date.now() - writerEnd;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
  const written = new Float64Array(fs.readFileSync(times).buffer.slice(0));
  const lat = alerts.map((a) => a.at - written[a.firstLine - 1]).filter((x) => Number.isFinite(x));
  return { rate, alerts: alerts.length, p50: pct(lat, 50), p99: pct(lat, 99), max: Math.max(...lat), caughtUp };
}

async function runTail(rate) {
  const file = path.join(work, `tail-${rate}.log`);
  const times = path.join(work, `ttimes-${rate}.bin`);
  fs.writeFileSync(file, '');
  const child = spawn('tail', ['-F', '-n', '+1', file], { stdio: ['ignore', 'pipe', 'ignore'] });
  const seen = [];
  let n = 0;
  readline.createInterface({ input: child.stdout }).on('line', () => {
    n++;
    if (n % 97 === 0) seen.push([n, Date.now()]);
  });
  await new Promise((r) => setTimeout(r, 300));
  await runWriter(file, rate, times);
  await new Promise((r) => setTimeout(r, 500));
  child.kill();
  const written = new Float64Array(fs.readFileSync(times).buffer.slice(0));
  const lat = seen.map(([line, at]) => at - written[line - 1]);
  return { p50: pct(lat, 50), p99: pct(lat, 99) };
}

const rows = [];
for (const rate of rates) {
  const l = await runLoupe(rate);
  const t = await runTail(rate);
  rows.push({ ...l, tail: t });
  console.error(`rate ${rate}/s: ${l.alerts} alerts, p50 ${l.p50} ms, p99 ${l.p99} ms, caught up ${l.caughtUp} ms after the writer stopped`);
}
fs.rmSync(work, { recursive: true, force: true });

const fmt = (x) => (x == null || !Number.isFinite(x) ? '—' : `${Math.round(x)} ms`);
console.log(`\nLive follow latency (${seconds} s per rate, ${os.cpus().length} cores, access log with planted incidents)\n`);
console.log('| rate (lines/s) | alerts | Loupe p50 | Loupe p99 | Loupe max | catch-up after writer stops | tail -F p50 / p99 (peer) | kept up |');
console.log('|---|---|---|---|---|---|---|---|');
let best = 0;
for (const r of rows) {
  const kept = r.caughtUp !== null && r.caughtUp < 1000 && r.p99 < 2000;
  if (kept) best = Math.max(best, r.rate);
  console.log(`| ${r.rate.toLocaleString('en-US')} | ${r.alerts} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.caughtUp)} | ${fmt(r.tail.p50)} / ${fmt(r.tail.p99)} | ${kept ? 'yes' : 'no'} |`);
}
console.log(`\nhighest sustained rate: ${best ? `${best.toLocaleString('en-US')} lines/s` : 'none of those tried'} (kept up = all records in the case within 1 s of the writer stopping and p99 < 2 s)`);
