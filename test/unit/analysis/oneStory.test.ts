// One actor, one story: a source's burst that is the speed of what another finding already says it
// was doing (a scan, password guessing) is low and names that finding; a burst that is an attack of
// its own (the server buckled under it, or nothing else explains it) keeps its severity.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/shared/model';
import { nginxLine } from './planted4web/logs';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, RANK } from './plantedKit';

const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);
const line = (ip: string, ts: number, url: string, status: number, ua: string, bytes = 512): string => nginxLine({ ts, ip, url, status, ua, bytes });
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const PAGES = ['/', '/products', '/products/42', '/cart', '/about', '/contact', '/blog', '/blog/spring-sale', '/search?q=shoes', '/faq'];

/** Four hours of ordinary shoppers: 40 addresses, a page every minute or two each. */
function background(): { ts: number; text: string }[] {
  const out: { ts: number; text: string }[] = [];
  for (let c = 0; c < 40; c++) {
    const ip = `198.51.100.${10 + c}`;
    for (let m = c % 3; m < 240; m += 1 + (c % 2)) out.push({ ts: T0 + m * 60_000 + c * 700, text: line(ip, T0 + m * 60_000 + c * 700, PAGES[(m + c) % PAGES.length]!, 200, BROWSER, 4000 + c) });
  }
  return out;
}

/** `n` requests from `ip` spread evenly over the minute starting at `at`. */
function minute(ip: string, at: number, n: number, url: (i: number) => string, status: (i: number) => number, ua: string): { ts: number; text: string }[] {
  return Array.from({ length: n }, (_, i) => ({ ts: at + Math.floor((i * 60_000) / n), text: line(ip, at + Math.floor((i * 60_000) / n), url(i), status(i), ua, 300) }));
}

const SCANNER = '203.0.113.7';
const FLOODER = '203.0.113.8';
const BUCKLED = '203.0.113.9';

describe('a burst that is another finding’s activity', () => {
  afterAll(cleanupPlanted);
  let found: Finding[] = [];

  it('analyses a shop log with a fast scanner, a flood and a scan the server buckled under', async () => {
    const nikto = 'Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)';
    const rows = [
      ...background(),
      // a vulnerability scanner: 400 different probe paths in one minute, nearly all 404
      ...minute(SCANNER, T0 + 60 * 60_000, 400, (i) => `/cgi-bin/probe${i}.cgi`, () => 404, nikto),
      // a flood of the search page from one address, every request answered: no other finding explains it
      ...minute(FLOODER, T0 + 120 * 60_000, 900, () => '/search?q=shoes', () => 200, 'python-requests/2.31'),
      // the same scanner shape, but the server answered most of it 503: a denial of service in its own right
      ...minute(BUCKLED, T0 + 180 * 60_000, 400, (i) => `/cgi-bin/probe${i}.cgi`, (i) => (i % 4 === 0 ? 404 : 503), nikto),
    ].sort((a, b) => a.ts - b.ts);
    found = await analysePlanted('onestory', (dir) => {
      const file = path.join(dir, 'access.log');
      fs.writeFileSync(file, rows.map((r) => r.text).join('\n') + '\n');
      return [file];
    });
    expect(found.length, listFindings(found)).toBeGreaterThan(0);
  });

  it('keeps the scan as the story and the scanner’s burst low, naming the scan', () => {
    const scan = expectFound(found, 'scanners', SCANNER, 'high');
    const burst = found.find((f) => f.detector === 'bursts' && f.entity === SCANNER);
    expect(burst, listFindings(found)).toBeDefined();
    expect(burst!.severity).toBe('low');
    expect(burst!.explanation).toContain(`scanners, ${scan.severity}`);
    expect(burst!.explanation).toMatch(/it was (medium|high)/);
  });

  it('keeps a flood that nothing else explains at its own severity', () => {
    const burst = expectFound(found, 'bursts', FLOODER, 'medium');
    expect(burst.explanation).not.toContain('activity’s speed');
    expect(burst.explanation).not.toContain("activity's speed");
  });

  it('keeps a burst the server buckled under at its own severity, scan or not', () => {
    const burst = found.find((f) => f.detector === 'bursts' && f.entity === BUCKLED);
    expect(burst, listFindings(found)).toBeDefined();
    expect(RANK[burst!.severity], listFindings(found)).toBeGreaterThanOrEqual(RANK.medium);
    expect(burst!.explanation).not.toContain("activity's speed");
  });
});
