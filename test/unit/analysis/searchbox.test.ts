// A search box receives SQL-like text from people looking up SQL: one such request from a browser,
// answered normally, is low; real injection from the same kind of client stays medium or high.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import type { Finding } from '../../../src/shared/model';
import { cleanup, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const req = (ip: string, query: string, i = 0, status = 200, ua = CHROME): Ev => ({ ts: T0 + i * 5000, src_ip: ip, method: 'GET', path: '/search', query, status, bytes: 4000, user_agent: ua });

async function attacks(events: Ev[]): Promise<Finding[]> {
  return (await analyzeCase(makeCase([...webPopulation(5), ...events]), { inline: true })).findings.filter((f) => f.detector === 'webAttacks');
}

describe('webAttacks: search boxes', () => {
  it('reports one SQL-like search term from a browser low, and says why', async () => {
    const f = await attacks([req('198.51.100.7', 'q=SELECT+*+FROM+tutorial'), req('198.51.100.8', 'q=or+1=1')]);
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['198.51.100.7', 'low'],
      ['198.51.100.8', 'low'],
    ]);
    expect(f[0]!.explanation).toContain('what a search box receives');
  });

  it('keeps the same words medium from a tool, on an error answer, or repeated', async () => {
    const f = await attacks([
      req('203.0.113.1', 'q=or+1=1', 0, 200, 'python-requests/2.31'),
      req('203.0.113.2', 'q=SELECT+*+FROM+users', 0, 500),
      ...[0, 1, 2].map((i) => req('203.0.113.3', `q=or+${i}=${i}`, i)),
    ]);
    expect(f.map((x) => [x.entity, x.severity]).sort()).toEqual([
      ['203.0.113.1', 'medium'],
      ['203.0.113.2', 'medium'],
      ['203.0.113.3', 'medium'],
    ]);
  });

  it('keeps real injection from a browser medium: quotes, comments, UNION, sleep, stacked queries', async () => {
    const qs = ["q=x'+UNION+SELECT+username,password+FROM+users--", 'id=1+AND+SLEEP(5)', 'id=1;DROP+TABLE+users', "q=a'+or+'1'='1", 'id=1+or+1=1--'];
    const f = await attacks(qs.map((q, k) => req(`203.0.113.${10 + k}`, q)));
    expect(f.map((x) => x.severity)).toEqual(['medium', 'medium', 'medium', 'medium', 'medium']);
  });
});
