// How findings word what they measured: a tool's requests all logged in one second read "at one
// logged time", never "over 0 ms".
import { afterAll, describe, expect, it } from 'vitest';
import { analysePlanted, cleanupPlanted, listFindings, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

describe('finding wording', () => {
  it('requests that share one timestamp are "at one logged time", not "over 0 ms"', async () => {
    const found = await analysePlanted('wording', (dir) => {
      const { put, files } = logFiles(dir);
      const line = (ip: string, s: number, path: string, ua: string): string => `${ip} - - [20/Nov/2026:10:00:${String(s).padStart(2, '0')} +0000] "GET ${path} HTTP/1.1" 404 162 "-" "${ua}"`;
      put('access.log', [
        ...Array.from({ length: 40 }, (_, k) => line(`198.51.100.${k + 1}`, k, '/index.html', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/119.0')),
        ...['/.env', '/.git/config', '/wp-login.php'].map((p) => line('203.0.113.66', 50, p, 'sqlmap/1.7.2#stable (https://sqlmap.org)')),
      ]);
      return files;
    });
    const tool = found.find((f) => f.entity === '203.0.113.66');
    expect(tool, listFindings(found)).toBeDefined();
    expect(tool!.explanation).toContain('at one logged time');
    for (const f of found) expect(f.explanation, f.title).not.toMatch(/over 0 ms/);
  }, 60_000);

  it('one connection an exporter wrote out every minute is a long-lived connection, not "beaconing"', async () => {
    const found = await analysePlanted('wording-long', (dir) => {
      const { put, files } = logFiles(dir);
      const t0 = Date.UTC(2026, 10, 20, 8);
      const rows = ['timestamp,src_ip,src_port,dst_ip,dst_port,protocol,bytes,packets,duration,action'];
      // an SSH session held for eight hours from one source port, a record a minute
      for (let k = 0; k < 480; k++) rows.push(`${new Date(t0 + k * 60_000).toISOString()},10.20.3.104,51000,198.18.7.7,22,TCP,${20_000 + (k % 7) * 1000},${200 + k % 5},60.0,allow`);
      // browsing around it, each connection from its own port
      for (let k = 0; k < 300; k++) rows.push(`${new Date(t0 + k * 97_000).toISOString()},10.20.3.${10 + (k % 20)},${40000 + k},93.184.216.${k % 50},443,TCP,${3000 + k},${12 + (k % 9)},${(k % 30) / 3},allow`);
      put('flows.csv', rows);
      return files;
    });
    const long = found.find((f) => f.detector === 'beaconing' && f.entity === '10.20.3.104 -> 198.18.7.7:22');
    expect(long, listFindings(found)).toBeDefined();
    expect(long!.severity).toBe('low');
    expect(long!.title).toBe('Long-lived connection from 10.20.3.104 to 198.18.7.7:22, written out every 1 min over 7 h 59 min');
    expect(long!.explanation).toContain('came from one source port');
  }, 60_000);
});
