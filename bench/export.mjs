// Export benchmark: a case of N events (default 2,000,000) exported by `loupe report` to PDF +
// events CSV + events JSON lines, next to `sqlite3 -csv` dumping the same rows (the peer).
// Prints wall time, rows/s and peak RSS (GNU time) with ratios; the target is peak RSS < 300 MiB.
// Usage: node bench/export.mjs [--rows N] [--analyze]   (the case is cached in bench/data/)
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const ROWS = Number(arg('--rows', '2000000'));
const ANALYZE = process.argv.includes('--analyze');
const RSS_LIMIT_MIB = 300;
const dataDir = path.join(root, 'bench', 'data');
const outDir = path.join(dataDir, 'export-out');
fs.mkdirSync(outDir, { recursive: true });
const cli = path.join(root, 'bin', 'loupe.js');
if (!fs.existsSync(path.join(root, 'out', 'cli', 'loupe.js'))) spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--node-only'], { stdio: 'inherit' });
for (const tool of ['/usr/bin/time', 'sqlite3']) {
  if (spawnSync(tool, ['--version']).error) {
    console.error(`bench/export: ${tool} is missing (apt-get install time sqlite3)`);
    process.exit(1);
  }
}

// --- the case: schema from a real ingest of a tiny log, then N synthetic events in bulk ---------
const caseFile = path.join(dataDir, `export-${ROWS}.loupe`);
if (!fs.existsSync(caseFile)) {
  const seedLog = path.join(dataDir, 'export-seed.log');
  fs.writeFileSync(seedLog, '203.0.113.9 - - [22/Jan/2019:03:56:14 +0330] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n');
  const r = spawnSync(process.execPath, [cli, 'ingest', '--case', caseFile, seedLog, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.error(`building a case of ${ROWS.toLocaleString('en-US')} events in ${caseFile} ...`);
  const db = new Database(caseFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const ins = db.prepare(
    'INSERT INTO events(source_id, line_no, byte_offset, byte_len, ts, ts_text, src_ip, src_port, dst_ip, dst_port, proto, method, path, query, status, bytes, referrer, user_agent) VALUES (1, ?, ?, 120, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const agents = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', 'sqlmap/1.7.2#stable (https://sqlmap.org)', '=HYPERLINK("http://x")', 'python-requests/2.31.0'];
  const paths = ['/index.html', '/login', '/api/v1/items', '/p/<script>alert(1)</script>', '/search', '/محصولات/گوشی'];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const t0 = Date.UTC(2019, 0, 22);
  const BATCH = 100_000;
  for (let start = 0; start < ROWS; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(ROWS, start + BATCH); i++) {
        const ts = t0 + i * 43;
        ins.run(i + 2, i * 120, ts, new Date(ts).toISOString(), `10.${i % 7}.${(i >> 3) % 256}.${i % 251}`, 1024 + (i % 60000), '192.168.1.10', [80, 443, 22, 8080][i % 4], 'TCP', i % 5 ? 'GET' : 'POST', paths[i % paths.length], i % 3 ? null : `id=${i}&q=-5+cmd`, [200, 200, 404, 500, 401][i % 5], Math.floor(rnd() * 100000) - (i % 97 === 0 ? 5 : 0), i % 2 ? '-' : '@referrer', agents[i % agents.length]);
      }
    })();
  }
  db.prepare('UPDATE sources SET events = events + ?, records = records + ?, max_ts = ? WHERE id = 1').run(ROWS, ROWS, t0 + (ROWS - 1) * 43);
  db.close();
  if (ANALYZE) spawnSync(process.execPath, [cli, 'analyze', caseFile, '--quiet'], { stdio: 'inherit' });
}

// --- runs ----------------------------------------------------------------------------------------
function timed(label, cmd, args, stdoutFile) {
  const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %M %U %S', cmd, ...args], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (stdoutFile) fs.closeSync(out);
  const m = /BENCH ([\d.]+) (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  return { label, seconds: Number(m[1]), rssMiB: Number(m[2]) / 1024, cpu: Number(m[3]) + Number(m[4]) };
}
const size = (...files) => files.reduce((s, f) => s + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0) / 1024 / 1024;
const o = (name) => path.join(outDir, name);
const cols = 'id, source_id, line_no, ts, ts_text, src_ip, src_port, dst_ip, dst_port, proto, method, host, path, query, protocol, status, bytes, packets, flows, duration, flags, tos, referrer, user_agent, user, action, program, message, label, category, extra';

const results = [];
results.push({ ...timed('loupe report: PDF + events CSV + events JSONL', process.execPath, [cli, 'report', caseFile, '--pdf', o('report.pdf'), '--events-csv', o('events.csv'), '--events-jsonl', o('events.jsonl'), '--quiet']), mib: size(o('report.pdf'), o('events.csv'), o('events.jsonl')), rows: ROWS });
results.push({ ...timed('loupe report: events CSV only', process.execPath, [cli, 'report', caseFile, '--events-csv', o('events-only.csv'), '--quiet']), mib: size(o('events-only.csv')), rows: ROWS });
results.push({ ...timed('peer: sqlite3 -csv (same rows)', 'sqlite3', ['-csv', '-header', caseFile, `SELECT ${cols} FROM events ORDER BY id`], o('peer.csv')), mib: size(o('peer.csv')), rows: ROWS });

const peer = results[2];
console.log(`\nexport of ${ROWS.toLocaleString('en-US')} events (${path.relative(root, caseFile)})\n`);
// CPU seconds (user + sys) are the fairer comparison on a shared machine: wall time includes waiting for a core
console.log(`${'run'.padEnd(48)} ${'wall s'.padStart(8)} ${'CPU s'.padStart(8)} ${'rows/CPU s'.padStart(11)} ${'peak RSS'.padStart(10)} ${'output'.padStart(10)}  vs peer (wall, CPU)`);
for (const r of results) {
  console.log(
    `${r.label.padEnd(48)} ${r.seconds.toFixed(1).padStart(8)} ${r.cpu.toFixed(1).padStart(8)} ${Math.round(r.rows / Math.max(r.cpu, 0.01)).toLocaleString('en-US').padStart(11)} ${`${r.rssMiB.toFixed(0)} MiB`.padStart(10)} ${`${r.mib.toFixed(0)} MiB`.padStart(10)}  ${(r.seconds / peer.seconds).toFixed(2)}x, ${(r.cpu / Math.max(peer.cpu, 0.01)).toFixed(2)}x`,
  );
}
const worst = Math.max(results[0].rssMiB, results[1].rssMiB);
console.log(`\npeak RSS of loupe report: ${worst.toFixed(0)} MiB — ${worst < RSS_LIMIT_MIB ? 'PASS' : 'FAIL'} (target < ${RSS_LIMIT_MIB} MiB)`);
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'export.json'), JSON.stringify({ rows: ROWS, at: new Date().toISOString(), results }, null, 2));
if (worst >= RSS_LIMIT_MIB) process.exit(1);
