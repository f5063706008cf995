// The example payload a web-attack finding quotes is an excerpt of the decoded request: it says
// with "…" where the request goes on, and a cut never splits a percent-escape or a surrogate pair.
import { afterAll, describe, expect, it } from 'vitest';
import { excerpt, matchPayload } from '../../../src/core/analysis/payload';
import { analysePlanted, cleanupPlanted, logFiles } from './plantedKit';

afterAll(cleanupPlanted);

describe('payload excerpts', () => {
  it('marks each side that was cut with an ellipsis, and nothing when the text is whole', () => {
    expect(excerpt('abcdefghij', 2, 6)).toBe('…cdef…');
    expect(excerpt('abcdefghij', 0, 6)).toBe('abcdef…');
    expect(excerpt('abcdefghij', 4, 99)).toBe('…efghij');
    expect(excerpt('abcdefghij', 0, 10)).toBe('abcdefghij');
  });

  it('never cuts inside a percent-escape: the whole escape is kept', () => {
    // a cut after "%2" would show another byte than the request had
    expect(excerpt('..%2e%2e/etc/passwd', 4, 12)).toBe('…%2e%2e/etc…');
    expect(excerpt('..%2e%2e/etc/passwd', 4, 7)).toBe('…%2e%2e…');
    expect(excerpt('x=%u002e%u002e/', 0, 5)).toBe('x=%u002e…');
    expect(excerpt('x=%u002e%u002e/', 11, 15)).toBe('…%u002e/');
    // a percent sign that is no escape is an ordinary character
    expect(excerpt('100%zz off', 0, 5)).toBe('100%z…');
  });

  it('never cuts a surrogate pair in half', () => {
    const s = 'ab😀cd😀ef';
    const start = excerpt(s, 3, 7);
    const end = excerpt(s, 0, 3);
    expect(start).toBe('…😀cd😀…');
    expect(end).toBe('ab😀…');
    for (const t of [start, end, excerpt(s, 1, 2), excerpt(s, 6, 9)]) expect(t, t).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('a matched payload inside a longer request says where the request goes on', () => {
    const m = matchPayload('/search?q=hello%20world%27%20UNION%20SELECT%20password%20FROM%20users--&page=2&sort=asc');
    expect(m?.kind).toBe('sqli');
    expect(m!.fragment.startsWith('…')).toBe(true);
    expect(m!.fragment.endsWith('…')).toBe(true);
    expect(m!.fragment).toContain('union select password from users');
    // a payload that is the whole request is quoted whole, without an ellipsis
    expect(matchPayload('/?q=<script>x')?.fragment).toBe('/?q=<script>x');
  });
});

describe('a sprayed web-attack group quotes honest excerpts', () => {
  it('its example payloads carry the ellipsis where the requests were cut', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ip = `203.0.113.${10 + i}`;
      lines.push(`${ip} - - [07/Dec/2026:03:${String(10 + i).padStart(2, '0')}:00 +0000] "GET /index.php?s=/Index/\\\\think\\\\app/invokefunction&function=call_user_func_array&vars[0]=md5&vars[1][]=Hello${i} HTTP/1.1" 404 153 "-" "Mozilla/5.0"`);
    }
    for (let i = 0; i < 40; i++) lines.push(`198.51.100.7 - - [07/Dec/2026:04:${String(i).padStart(2, '0')}:00 +0000] "GET /products/${i} HTTP/1.1" 200 5120 "-" "Mozilla/5.0"`);
    const found = await analysePlanted('excerpt', (dir) => {
      const { put, files } = logFiles(dir);
      put('access.log', lines);
      return files;
    });
    const g = found.find((f) => f.detector === 'webAttacks' && f.entityType === 'population');
    expect(g, found.map((f) => `${f.detector}:${f.entity}`).join(' | ')).toBeDefined();
    const quoted = [...g!.explanation.matchAll(/«([^»]*)»/g)].map((m) => m[1]!);
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(q, q).toMatch(/^….*…$/);
    expect(String(g!.numbers.example)).toMatch(/^…\?s=\/index\/\\think\\app\/invokefun…$/);
    // the benign neighbour has no finding of this detector
    expect(found.some((f) => f.detector === 'webAttacks' && f.entity === '198.51.100.7')).toBe(false);
  });
});
