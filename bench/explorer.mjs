// Explorer benchmark (issue 6): the explorer engine's pages on a 2,000,000-row case, next to the
// naive peers in the same run on the same connection settings: an OFFSET deep page and a LIKE scan.
// Runs the built worker bundle (out/workers/fts.js: the functions the read pool executes) in process.
//
//   npm run bench:explorer                # 2,000,000 rows (built once into bench/data, reused)
//   BENCH_ROWS=200000 npm run bench:explorer
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const dataDir = path.join(root, 'bench', 'data');
const caseFile = path.join(dataDir, `explorer-${ROWS}.loupe`);
const loupe = path.join(root, 'bin', 'loupe.js');

function sh(args, what) {
  const r = spawnSync(process.execPath, [loupe, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

// --- the case: a combined access log of ROWS lines (reusing the ingest bench's file when present)
if (!fs.existsSync(path.join(root, 'out', 'workers', 'fts.js'))) spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--node-only'], { cwd: root, stdio: 'inherit' });
if (!fs.existsSync(caseFile)) {
  let log = path.join(dataDir, `ingest-${ROWS}-42`, 'access.log');
  if (!fs.existsSync(log)) {
    const dir = path.join(dataDir, `explorer-src-${ROWS}`);
    if (!fs.existsSync(path.join(dir, 'access.log'))) sh(['gen', '--out', dir, '--seed', '42', '--lines', String(ROWS), '--formats', 'access'], 'gen');
    log = path.join(dir, 'access.log');
  }
  process.stderr.write(`bench: ingesting ${log} into ${path.relative(root, caseFile)} (once)\n`);
  const tmp = `${caseFile}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  sh(['ingest', '--case', tmp, log], 'ingest');
  fs.renameSync(tmp, caseFile);
}

const fts = require(path.join(root, 'out', 'workers', 'fts.js'));
const Database = require('better-sqlite3');

// --- FTS build (resumable; timed only when it has work to do)
{
  const { port1, port2 } = new MessageChannel();
  port1.on('message', () => undefined);
  const t0 = performance.now();
  const r = fts.build({ caseFile, port: port2 });
  port1.close();
  if (!r.ok) throw new Error(r.message);
  const secs = (performance.now() - t0) / 1000;
  process.stderr.write(`bench: FTS index + explorer indexes ready over ${r.value.indexedRows} rows (${secs.toFixed(1)} s this run)\n`);
}

const peer = new Database(caseFile, { readonly: true });
peer.pragma('cache_size = -65536');
peer.pragma('mmap_size = 268435456');
const total = peer.prepare('SELECT count(*) AS n FROM events').get().n;
const COLS = 'id, source_id, line_no, byte_offset, byte_len, ts, ts_text, src_ip, src_port, dst_ip, dst_port, proto, method, host, path, query, protocol, status, bytes, packets, flows, duration, flags, tos, referrer, user_agent, user, action, program, message, label, category, extra';
const busyIp = peer.prepare('SELECT src_ip FROM events WHERE src_ip IS NOT NULL GROUP BY src_ip ORDER BY count(*) DESC LIMIT 1').get().src_ip;
const midIp = peer.prepare("SELECT src_ip, count(*) AS n FROM events WHERE src_ip IS NOT NULL GROUP BY src_ip HAVING n BETWEEN 50 AND 5000 ORDER BY n DESC LIMIT 1").get()?.src_ip ?? busyIp;
const deep = Math.floor(total / 2);
const deepRow = peer.prepare('SELECT ts, id FROM events ORDER BY ts, id LIMIT 1 OFFSET ?').get(deep);
const deepCursor = Buffer.from(JSON.stringify({ s: 'ts', d: 'asc', v: deepRow.ts, i: deepRow.id }), 'utf8').toString('base64url');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median wall time of `fn` over REPS runs after one warm-up; checks that it returned rows. */
function time(fn, reps = REPS) {
  const first = fn();
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), rows: first };
}

const page = (args) => () => {
  const r = fts.page({ caseFile, args: { limit: 200, ...args } });
  if (!r.ok) throw new Error(r.message);
  return r.value.rows.length;
};

// cold first page: a fresh worker connection, as after opening a case
fts.forget({ caseFile });
const t0 = performance.now();
const coldRows = page({ query: '', sort: 'ts' })();
const coldMs = performance.now() - t0;

const rows = [
  ['first page, cold connection (sort ts)', { ms: coldMs, rows: coldRows }, 100, null],
  ['first page (sort ts)', time(page({ query: '', sort: 'ts' })), 100, null],
  ['first page (sort src_ip desc)', time(page({ query: '', sort: 'src_ip', dir: 'desc' })), 100, null],
  [`field search src_ip:${midIp}`, time(page({ query: `src_ip:${midIp}`, sort: 'ts' })), 200, null],
  [`field search src_ip:${busyIp} (busiest IP)`, time(page({ query: `src_ip:${busyIp}`, sort: 'ts' })), 200, null],
  ['field search status:>=400 sorted ts desc', time(page({ query: 'status:>=400', sort: 'ts', dir: 'desc' })), 200, null],
  [`deep keyset page (row ${deep.toLocaleString('en')}, sort ts)`, time(page({ query: '', sort: 'ts', after: deepCursor })), 100, 'offset'],
  ['free text (FTS) wp-login', time(page({ query: 'wp-login', sort: 'id' })), 200, 'like'],
  ['free text (FTS) "union select"', time(page({ query: '"union select"', sort: 'id' })), 200, 'like2'],
];

// peers, same case, same pragmas
const offsetPeer = time(() => peer.prepare(`SELECT ${COLS} FROM events ORDER BY ts, id LIMIT 200 OFFSET ?`).all(deep).length, 3);
const likeCols = ['path', 'query', 'user_agent', 'referrer', 'message', 'user', 'src_ip', 'dst_ip', 'host', 'method', 'category'];
const likeSql = (n) => `SELECT ${COLS} FROM events WHERE ${likeCols.map((c) => `"${c}" LIKE ?`).join(' OR ')} ORDER BY id LIMIT ${n}`;
const likePeer = (term) => time(() => peer.prepare(likeSql(200)).all(...likeCols.map(() => `%${term}%`)).length, 3);
const likeWp = likePeer('wp-login');
const likeUnion = likePeer('union select');
const peers = { offset: ['OFFSET deep page (same row)', offsetPeer], like: ['LIKE scan wp-login', likeWp], like2: ['LIKE scan "union select"', likeUnion] };

const countCapped = time(() => fts.count({ caseFile, query: 'status:>=400' }).value.count, 1);

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
process.stdout.write(`\nload average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores (shared machine: absolute times vary, ratios hold)`);
process.stdout.write(`\nExplorer on ${total.toLocaleString('en')} events (${path.relative(root, caseFile)}), median of ${REPS}, 200-row pages\n\n`);
process.stdout.write(`${pad('query', 52)}${lpad('ms', 9)}${lpad('target', 9)}${lpad('rows', 7)}   peer (same run)${' '.repeat(22)}${lpad('peer ms', 9)}${lpad('ratio', 8)}\n`);
for (const [name, r, target, peerKey] of rows) {
  const p = peerKey ? peers[peerKey] : null;
  const ratio = p ? `${(p[1].ms / r.ms).toFixed(0)}x` : '';
  const ok = r.ms <= target ? 'ok' : 'SLOW';
  process.stdout.write(`${pad(name, 52)}${lpad(r.ms.toFixed(1), 9)}${lpad(`<${target} ${ok}`, 9)}${lpad(r.rows, 7)}   ${pad(p ? p[0] : '', 37)}${lpad(p ? p[1].ms.toFixed(1) : '', 9)}${lpad(ratio, 8)}\n`);
}
process.stdout.write(`\nexact count status:>=400 (explore/count, worker): ${countCapped.ms.toFixed(0)} ms, ${countCapped.rows.toLocaleString('en')} rows\n`);
peer.close();
