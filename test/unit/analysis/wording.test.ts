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
});
