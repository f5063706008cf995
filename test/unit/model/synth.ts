// Synthetic labeled web events inserted straight into a fresh case (until/besides the generator):
// normal browsing plus SQLi, XSS, traversal, brute force and scanner sources, seeded.
import { openCase, type Db } from '../../../src/core/store/case';
import { rng } from '../../../src/core/model/forest';

export interface SynthOptions {
  rows: number;
  seed: number;
  /** label values used for normal / attack rows */
  labels?: boolean;
  /** first octet of every IP, so two cases can have disjoint IPs */
  net?: number;
}

const UAS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36',
  'Dalvik/2.1.0 (Linux; U; Android 11)',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];
const PAGES = ['/', '/index.html', '/product/{n}', '/category/{n}/list', '/image/{n}/thumb.jpg', '/static/app.js', '/static/site.css', '/search', '/cart', '/about'];

type Row = [number, string, string, string, string | null, number, number, string, string, string | null, string | null];

export function createSynthCase(file: string, o: SynthOptions): Db {
  const db = openCase(file);
  const r = rng(o.seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const net = o.net ?? 10;
  const ip = (): string => `${net}.${Math.floor(r() * 200)}.${Math.floor(r() * 250)}.${1 + Math.floor(r() * 250)}`;
  const src = db.prepare("INSERT INTO sources(path, sha256, bytes, format, parser_version, started_at, status) VALUES ('synthetic.csv', 'abc', 0, 'webcsv', 'test', 0, 'complete')").run();
  const sourceId = Number(src.lastInsertRowid);
  const rows: Row[] = [];
  const t0 = Date.UTC(2024, 0, 1);
  const normalIps = Array.from({ length: Math.max(20, Math.floor(o.rows / 40)) }, ip);
  const attackers: { ip: string; kind: string }[] = [];
  const kinds = ['sqli', 'xss', 'traversal', 'bruteforce', 'scanner'];
  for (let k = 0; k < Math.max(10, Math.floor(o.rows / 2000)); k++) attackers.push({ ip: ip(), kind: kinds[k % kinds.length] });
  for (let i = 0; i < o.rows; i++) {
    const ts = t0 + Math.floor((i / o.rows) * 86_400_000);
    if (r() < 0.06) {
      const a = pick(attackers);
      const ua = a.kind === 'scanner' ? pick(['sqlmap/1.7', 'Mozilla/5.0 (compatible; Nikto/2.5)', 'gobuster/3.6']) : pick(UAS);
      let method = 'GET';
      let path = '/search';
      let query: string | null = null;
      let status = 200;
      switch (a.kind) {
        case 'sqli':
          query = pick(["q=1'%20OR%20'1'='1", 'id=1%20UNION%20SELECT%20username,password%20FROM%20users--', 'id=1;%20DROP%20TABLE%20users', "q=x'%20AND%20SLEEP(5)--"]);
          status = pick([200, 500]);
          break;
        case 'xss':
          query = pick(['q=%3Cscript%3Ealert(1)%3C/script%3E', 'q=%253Csvg%2520onload%253Dalert(1)%253E', 'name=<img src=x onerror=alert(document.cookie)>']);
          break;
        case 'traversal':
          path = pick(['/download', '/static/../../../../etc/passwd', '/view']);
          query = pick(['file=..%2F..%2F..%2Fetc%2Fpasswd', 'page=php://filter/resource=index.php', null]);
          status = pick([200, 403, 404]);
          break;
        case 'bruteforce':
          method = 'POST';
          path = '/login';
          status = r() < 0.97 ? 401 : 302;
          break;
        default:
          path = pick(['/.env', '/wp-admin/', '/phpmyadmin/', '/backup.zip', `/admin${Math.floor(r() * 1000)}`, `/old/${Math.floor(r() * 10000)}.php`]);
          status = 404;
      }
      rows.push([ts, a.ip, method, path, query, status, Math.floor(r() * 2000), '-', ua, '1', a.kind]);
    } else {
      const page = pick(PAGES).replace('{n}', String(Math.floor(r() * 5000)));
      const method = page === '/cart' && r() < 0.3 ? 'POST' : 'GET';
      const status = r() < 0.9 ? 200 : pick([301, 304, 404, 500]);
      const query = page === '/search' ? `q=${pick(['shoes', 'red dress', 'phone case', 'laptop'])}` : null;
      rows.push([ts, pick(normalIps), method, page, query, status, Math.floor(r() * 200_000), 'https://shop.example/', pick(UAS), '0', 'not anomalous']);
    }
  }
  const ins = db.prepare('INSERT INTO events(source_id, line_no, ts, src_ip, method, path, query, status, bytes, referrer, user_agent, label, category) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)');
  db.transaction(() => {
    rows.forEach((row, i) => {
      const [ts, ipv, method, path, query, status, bytes, ref, ua, label, cat] = row;
      ins.run(sourceId, i + 1, ts, ipv, method, path, query, status, bytes, ref, ua, o.labels === false ? null : label, o.labels === false ? null : cat);
    });
  })();
  return db;
}
