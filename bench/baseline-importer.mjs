// The straightforward Node importer Loupe is compared with (issue 3): readline over the file, one
// regex for the combined log format, a better-sqlite3 prepared INSERT in 50,000-row transactions,
// typed columns, one index. Usage: node bench/baseline-importer.mjs <access.log> <out.db>
import Database from 'better-sqlite3';
import fs from 'node:fs';
import readline from 'node:readline';

const [file, out] = process.argv.slice(2);
if (!file || !out) {
  process.stderr.write('usage: baseline-importer.mjs <access.log> <out.db>\n');
  process.exit(2);
}
for (const f of [out, `${out}-wal`, `${out}-shm`]) fs.rmSync(f, { force: true });
const db = new Database(out);
db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, src_ip TEXT, ts INTEGER, method TEXT, path TEXT, protocol TEXT,
  status INTEGER, bytes INTEGER, referrer TEXT, user_agent TEXT)`);
const insert = db.prepare('INSERT INTO events (src_ip, ts, method, path, protocol, status, bytes, referrer, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
const RE = /^(\S+) \S+ \S+ \[([^\]]+)\] "(\S+) (\S+) ([^"]*)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"/;
const MONTHS = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const toMs = (t) => {
  // 17/May/2015:10:05:03 +0000
  const ms = Date.UTC(+t.slice(7, 11), MONTHS[t.slice(3, 6)], +t.slice(0, 2), +t.slice(12, 14), +t.slice(15, 17), +t.slice(18, 20));
  const sign = t[21] === '-' ? -1 : 1;
  return ms - sign * (+t.slice(22, 24) * 60 + +t.slice(24, 26)) * 60000;
};
let batch = [];
let rows = 0;
let bad = 0;
const flush = db.transaction((b) => {
  for (const r of b) insert.run(r);
});
const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
for await (const line of rl) {
  const m = RE.exec(line);
  if (!m) {
    bad++;
    continue;
  }
  batch.push([m[1], toMs(m[2]), m[3], m[4], m[5], +m[6], m[7] === '-' ? null : +m[7], m[8], m[9]]);
  if (batch.length === 50_000) {
    flush(batch);
    rows += batch.length;
    batch = [];
  }
}
flush(batch);
rows += batch.length;
db.exec('CREATE INDEX events_src ON events(src_ip, ts)');
db.close();
process.stdout.write(`${JSON.stringify({ rows, bad })}\n`);
