// Reading rows out of SQLite: better-sqlite3's iterate() (one C++ call per row) against all() over
// slices of ids (src/core/store/slices.ts), on a case's analysis columns, in CPU milliseconds of
// this thread. Usage: node bench/slices.mjs <case.loupe> [rows] (default 500,000; four rounds).
// 2026-12-07, the bench's 2M-line access case, first 500k rows, 13 columns, a generator over the
// slices as Loupe reads them: iterate 870-1083 ms, slices of 1,024 ids 765-864 ms (12-14 % less),
// slices of 4,096 795-923 ms.
import Database from 'better-sqlite3';

const [file, n = '500000'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/slices.mjs <case.loupe> [rows]');
  process.exit(2);
}
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('mmap_size = 268435456');
const cols = db.prepare('SELECT name FROM pragma_table_info(\'events\')').pluck().all().filter((c) => ['ts', 'src_ip', 'src_port', 'dst_ip', 'dst_port', 'method', 'path', 'query', 'status', 'bytes', 'user_agent', 'referrer'].includes(c));
const stmt = db.prepare(`SELECT id, ${cols.join(', ')} FROM events WHERE id >= ? AND id < ?`).raw(true);
const end = Number(n) + 1;
function* slices(step) {
  for (let lo = 1; lo < end; lo += step) {
    const rows = stmt.all(lo, Math.min(lo + step, end));
    for (let i = 0; i < rows.length; i++) yield rows[i];
  }
}
const ways = { iterate: () => stmt.iterate(1, end), 'slices of 1024': () => slices(1024), 'slices of 4096': () => slices(4096) };
const cpu = {};
for (let round = 0; round < 4; round++)
  for (const [name, rows] of Object.entries(ways)) {
    const c0 = process.cpuUsage();
    let cells = 0;
    for (const r of rows()) cells += r.length;
    const c = process.cpuUsage(c0);
    (cpu[name] ??= []).push(Math.round((c.user + c.system) / 1000));
    if (round === 0 && name === 'iterate') console.log(`${cells.toLocaleString('en-US')} cells in ${cols.length + 1} columns`);
  }
for (const [name, ms] of Object.entries(cpu)) console.log(`${name.padEnd(16)} ${ms.map((m) => `${m} ms`).join('  ')}`);
