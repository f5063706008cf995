// Micro-benchmark of the format parsers alone (no I/O, no SQLite): lines/s per core for
// combined access-log lines and CIDDS flow CSV rows. Usage: node bench/parse.mjs [lines=300000]
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(mkdtempSync(path.join(tmpdir(), 'loupe-parse-bench-')), 'formats.mjs');
await build({ entryPoints: [path.join(root, 'src/core/formats/index.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning' });
const F = await import(pathToFileURL(out).href);

const N = Number(process.argv[2] ?? 300_000);
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const agents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  'python-requests/2.31.0',
];
const paths = ['/index.html', '/static/app.3f9a1c.js', '/api/v1/items?page=2&sort=desc', '/login', '/image/60844/productModel/200x200', '/search?q=%D9%85%DA%AF%D8%A7'];
function combinedLine(i) {
  const ip = `${1 + Math.floor(rnd() * 223)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
  const sec = 10 + Math.floor(i / 40);
  const t = `17/May/2015:${String(10 + Math.floor(sec / 3600) % 14).padStart(2, '0')}:${String(Math.floor(sec / 60) % 60).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')} +0000`;
  return `${ip} - - [${t}] "${pick(['GET', 'GET', 'GET', 'POST'])} ${pick(paths)} HTTP/1.1" ${pick([200, 200, 200, 304, 404, 500])} ${Math.floor(rnd() * 200000)} "https://www.example.com/${pick(['', 'products', 'cart'])}" "${pick(agents)}"`;
}
function ciddsLine(i) {
  const ms = 1489536076632 + i * 7;
  const d = new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
  const proto = pick(['TCP  ', 'TCP  ', 'UDP  ', 'ICMP ']);
  const bytes = pick(['108', '1.2 M', '420', '66', '2.5 K', '52']);
  const dpt = proto.startsWith('ICMP') ? pick(['3.3', '8.0', '0.0']) : pick(['80', '443', '53.0', '22', '58844.0']);
  const label = rnd() < 0.9 ? 'normal,---,---,---' : 'attacker,portScan,5,---';
  return `${d},${(rnd() * 2).toFixed(3)},${proto},192.168.${Math.floor(rnd() * 255)}.${Math.floor(rnd() * 255)},${Math.floor(rnd() * 65535)},192.168.100.${Math.floor(rnd() * 255)},${dpt},${1 + Math.floor(rnd() * 20)},${bytes},1,.AP.S.,0,${label}`;
}

/** Parses `lines` the way a worker sees them: 4 MiB text blocks cut into lines with indexOf. */
function run(name, header, lines) {
  const head = header ? [header, ...lines.slice(0, 100)] : lines.slice(0, 100);
  const det = F.detectFormat(head);
  const spec = F.getFormat(det.layout.format);
  const parser = spec.createParser({ tz: null, year: null, refTime: null, layout: det.layout });
  const counters = F.newCounters();
  const row = F.newRow();
  const blocks = [];
  let cur = [];
  let size = 0;
  for (const l of lines) {
    cur.push(l);
    size += l.length + 1;
    if (size > 4 << 20) {
      blocks.push(cur.join('\n') + '\n');
      cur = [];
      size = 0;
    }
  }
  if (cur.length) blocks.push(cur.join('\n') + '\n');
  const pass = () => {
    let bad = 0;
    let n = 0;
    for (const text of blocks) {
      let p = 0;
      for (;;) {
        const e = text.indexOf('\n', p);
        if (e < 0) break;
        row.fill(null);
        if (parser.parse(text.slice(p, e), row, counters) !== null) bad++;
        n++;
        p = e + 1;
      }
    }
    return [n, bad];
  };
  pass(); // warm up the JIT on the same data
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const [n, bad] = pass();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const cu = process.cpuUsage(c0);
  // CPU seconds of this thread's process: on a shared machine wall time mostly measures the neighbours
  const cpu = (cu.user + cu.system) / 1e6;
  const mb = blocks.reduce((a, b) => a + b.length, 0) / 1e6;
  return { name, format: det.layout.format, lines: n, 'wall s': s.toFixed(3), 'cpu s': cpu.toFixed(3), 'lines/s (wall)': Math.round(n / s), 'lines/cpu-s': Math.round(n / cpu), 'MB/cpu-s': (mb / cpu).toFixed(0), quarantined: bad };
}

const combined = Array.from({ length: N }, (_, i) => combinedLine(i));
const cidds = Array.from({ length: N }, (_, i) => ciddsLine(i));
const header = 'Date first seen,Duration,Proto,Src IP Addr,Src Pt,Dst IP Addr,Dst Pt,Packets,Bytes,Flows,Flags,Tos,class,attackType,attackID,attackDescription';
const rows = [run('combined access log', null, combined), run('CIDDS flow CSV', header, cidds)];
console.table(rows);
const targets = { combined: 500_000, cidds: 400_000 };
for (const r of rows) if (targets[r.format]) console.log(`${r.format}: ${r['lines/cpu-s']} lines per CPU-second (one core), target ${targets[r.format]} (${(r['lines/cpu-s'] / targets[r.format]).toFixed(2)}x)`);
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
