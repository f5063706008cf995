// Round 4 (web) of incidents planted differently from the generator's: a portal's day written by hand
// as nginx combined (with $request_time) and IIS W3C text, ingested and analysed like a user's files
// (see planted4web/logs.ts, cases.ts). Each group states what a responder would expect: the finding
// (detector, entity, least severity, what it says), and no medium-or-worse finding on what was not planted.
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { enumBest, enumRequest, urlTemplate, type EnumAcc, type EnumRun } from '../../../src/core/analysis/enumeration';
import { matchPayload } from '../../../src/core/analysis/payload';
import type { Finding } from '../../../src/shared/model';
import * as C from './planted4web/cases';
import { background, merge, writeSet, type WebSet } from './planted4web/logs';
import { cleanup, makeCase, T0, webPopulation, type Ev } from './helpers';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, RANK } from './plantedKit';

afterAll(() => {
  cleanupPlanted();
  cleanup();
});

const run = (...sets: Partial<WebSet>[]): Promise<Finding[]> => analysePlanted('planted4web', (dir) => writeSet(dir, merge(background(), ...sets)));

/** No medium-or-worse finding outside the planted entities (population findings are checked by their caller). */
function expectQuietElsewhere(fs: Finding[], planted: string[]): void {
  const mine = (f: Finding): boolean => f.entityType === 'population' || planted.some((p) => f.entity === p || f.entity.startsWith(`${p} -> `));
  expect(fs.filter((f) => RANK[f.severity] >= RANK.medium && !mine(f)).map((f) => `${f.detector}:${f.entity}:${f.severity}`)).toEqual([]);
}

describe('round 4 web: payloads that evade naive matching', () => {
  it.each([
    ["Oracle concatenation out of a quoted value", "/item?id=1'||(SELECT CHR(65)||CHR(66))||'", 'sqli'],
    ['an MSSQL batch hidden in a variable', '/api/item?id=1;DECLARE @x varchar(99);SET @x=0x77616974666f722064656c61792027303a303a3527;EXEC(@x)', 'sqli'],
    ['keywords split by empty comments with no other sign', '/p?id=1+un/**/ion+se/**/lect+1,2', 'sqli'],
    ['an event handler calling with backticks', '/p?q=%3Cinput%20autofocus%20onfocus%3Dalert%601%60%3E', 'xss'],
    ['a data: URL with an HTML document', '/p?page=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'xss'],
    ['traversal with Unicode division slashes', '/download?file=%u002e%u002e%u2215%u002e%u002e%u2215etc%u2215passwd', 'traversal'],
    ['a script POSTed among stylesheets (a hidden web shell)', '/wp-includes/css/dist/block-library/style-rtl.min.php', 'webshell'],
  ])('finds %s', (_what, url, kind) => {
    expect(matchPayload(url)?.kind).toBe(kind);
  });

  it.each(['/search?q=select+a+hotel+near+union+station', '/search?q=how+to+drop+a+course', '/search?q=i+%3C3+this+portal', "/search?q=o'brien+and+sons+order", '/search?q=online+(beta)', '/search?q=rock+%26+roll;+hits', '/docs/api/*/overview'])(
    'leaves the search %s alone',
    (url) => {
      expect(matchPayload(url)).toBeNull();
    },
  );
});

describe('round 4 web: floods', () => {
  it('finds 400 addresses at 20 a minute each on /?r=<random> as one distributed finding, and one address at 55 a second on /search', async () => {
    const fs = await run(C.distributedFlood(), C.singleFlood());
    const pop = fs.filter((f) => f.detector === 'bursts' && f.entityType === 'population');
    expect(pop.map((f) => f.severity)).toEqual(['high']);
    expect(pop[0]!.numbers.peakSources).toBeGreaterThanOrEqual(400);
    // the target is named, though every request had its own query string
    expect(pop[0]!.numbers.target).toBe('/');
    expect(pop[0]!.explanation).toMatch(/went to \/: the target/);
    // none of the 400 is reported on its own: one incident, one finding
    expect(fs.filter((f) => f.detector === 'bursts' && f.entityType === 'ip').map((f) => f.entity)).toEqual(['185.225.73.18']);
    expectFound(fs, 'bursts', '185.225.73.18', 'high');
    expectQuietElsewhere(fs, ['185.225.73.18']);
  }, 120_000);
});

describe('round 4 web: a rush of real visitors', () => {
  it('reports 1,500 people arriving from a newsletter within 15 minutes, loading pages and their files, low (bursts.surgePageShare), not as a flood', async () => {
    const fs = await run(C.flashCrowd());
    const surge = fs.filter((f) => f.detector === 'bursts' && f.entityType === 'population');
    expect(surge.map((f) => [f.severity, f.title.endsWith('mostly page files')])).toEqual([['low', true]]);
    expect(surge[0]!.explanation).toMatch(/bursts\.surgePageShare/);
    expectQuietElsewhere(fs, []);
    expect(fs.filter((f) => RANK[f.severity] >= RANK.medium)).toEqual([]);
  }, 120_000);
});

describe('round 4 web: slow requests', () => {
  it('finds a slowloris client whose 1,500 connections the server closed with 408 and no request line, and leaves a carrier NAT whose phones drop one request in twenty alone', async () => {
    const fs = await run(C.slowloris(), C.carrierNat());
    const f = expectFound(fs, 'bursts', '92.63.197.153', 'high');
    expect(f.numbers).toMatchObject({ timeouts: 1500 });
    expect(f.threshold?.setting).toBe('bursts.slowTimeouts');
    expect(f.explanation).toMatch(/408 Request Timeout/);
    expect([f.firstSeen, f.lastSeen]).toEqual([Date.UTC(2026, 10, 10, 20), Date.UTC(2026, 10, 10, 20) + 1499 * 2000]);
    expect(fs.filter((x) => x.entity === '100.64.12.1' && RANK[x.severity] >= RANK.medium)).toEqual([]);
    expectQuietElsewhere(fs, ['92.63.197.153']);
  }, 120_000);

  it('finds 60 outside addresses holding 40 connections each as one slow denial of service (high: three times bursts.floodSources), and leaves a load balancer whose inside nodes open empty checks alone', async () => {
    const fs = await run(C.distributedSlowloris(), C.healthCheckers(), C.carrierNat());
    const slow = fs.filter((f) => f.detector === 'bursts' && /slowloris/.test(f.title));
    expect(slow.map((f) => [f.entityType, f.severity]), listFindings(fs)).toEqual([['population', 'high']]);
    expect(slow[0]!.numbers).toMatchObject({ sourceCount: 60, timeouts: 2400 });
    expect(slow[0]!.threshold).toMatchObject({ setting: 'bursts.slowGroupTimeouts', value: 40, threshold: 10 });
    expect(slow[0]!.explanation).toMatch(/bursts\.slowGroupTimeouts/);
    expect(String(slow[0]!.numbers.sources)).not.toMatch(/10\.20\.0\./);
    expectQuietElsewhere(fs, []);
  }, 120_000);
});

describe('round 4 web: scanners with a browser user agent', () => {
  it('finds one missing admin or backup file every 20 s for four hours, and 600 of them in two minutes', async () => {
    const fs = await run(C.slowScanner(), C.fastScanner());
    expect(expectFound(fs, 'scanners', '45.148.10.174', 'high').numbers.missingPaths).toBeGreaterThanOrEqual(600);
    expectFound(fs, 'scanners', '162.243.146.27', 'high');
    expectQuietElsewhere(fs, ['45.148.10.174', '162.243.146.27']);
  }, 120_000);

  it('finds the same sweep against a server that answers 403 and 200 (a deny rule and a single-page app\'s catch-all), and 15 secret files asked for in a minute, and a database dump downloaded in one request', async () => {
    const fs = await run(C.scannerNo404(), C.secretsProbe(), C.dumpDownload());
    const hardened = expectFound(fs, 'scanners', '193.41.206.36', 'high');
    expect(hardened.numbers).toMatchObject({ missingPaths: 0, secretAnswered2xx: expect.any(Number) });
    expect(Number(hardened.numbers.secretPaths)).toBeGreaterThanOrEqual(200);
    expect(hardened.explanation).toMatch(/\.env/);
    const quick = expectFound(fs, 'scanners', '104.131.60.112', 'medium');
    expect(quick.numbers.secretPaths).toBe(15);
    expect(quick.threshold?.setting).toBe('scanners.minSecretPaths');
    // one request that took a 310 MB database dump from the web root: the file was handed over
    const dump = expectFound(fs, 'scanners', '31.220.3.140', 'high');
    expect(dump.title).toMatch(/^Secret file served to 31\.220\.3\.140: \/backup\/portal-db-2026-11-09\.sql\.gz/);
    expect(dump.threshold?.setting).toBe('scanners.secretServedBytes');
    expectQuietElsewhere(fs, ['193.41.206.36', '104.131.60.112', '31.220.3.140']);
  }, 120_000);
});

describe('round 4 web: attack payloads in the log', () => {
  it('finds each evasive payload (double encoding, overlong UTF-8, ..;/, versioned comments, time-based blind, handlers, nested lookups, Spring4Shell, backticks, the Referer) from its sender', async () => {
    const fs = await run(C.payloads());
    for (const [name, { ip }] of Object.entries(C.PAYLOADS)) expect(fs.find((f) => f.detector === 'webAttacks' && f.entity === ip && RANK[f.severity] >= RANK.medium), `${name} from ${ip}: ${listFindings(fs)}`).toBeDefined();
    expect(expectFound(fs, 'webAttacks', C.PAYLOADS.log4shellObfuscated!.ip, 'high').explanation).toMatch(/\$\{jndi:ldap:\/\//);
    expectFound(fs, 'webAttacks', C.PAYLOADS.spring4shell!.ip, 'high');
    expectFound(fs, 'webAttacks', C.PAYLOADS.cmdInjection!.ip, 'high');
    expect(expectFound(fs, 'webAttacks', C.PAYLOADS.timeBlind!.ip, 'medium').numbers.payloadRequests).toBe(3);
    expectQuietElsewhere(fs, Object.values(C.PAYLOADS).map((p) => p.ip));
  }, 120_000);
});

describe('round 4 web: one exploit sprayed by a botnet', () => {
  it('reports 200 addresses each sending one JNDI lookup as one finding for the spray, not 200 (webAttacks.spraySources)', async () => {
    const fs = await run(C.exploitSpray());
    const wa = fs.filter((f) => f.detector === 'webAttacks');
    expect(wa.map((f) => [f.entityType, f.severity, f.numbers.sourceCount, f.numbers.kinds])).toEqual([['population', 'high', 200, 'jndi']]);
    expect(wa[0]!.threshold?.setting).toBe('webAttacks.spraySources');
    expect(wa[0]!.explanation).toMatch(/«\$\{jndi:ldap:\/\//);
  }, 120_000);
});

describe('round 4 web: logins and web shells', () => {
  it('finds a residential pool stuffing a JSON login API on IIS, an xmlrpc.php brute force answered 200, web shells in upload folders on nginx and IIS and one hidden among stylesheets, not a contact form kept under assets/', async () => {
    const fs = await run(C.apiStuffing(), C.xmlrpcMulticall(), C.webshell(), C.iisWebshell(), C.hiddenShell(), C.assetsContactForm(), C.stuffing200(), C.basicAuthBrute());
    expectFound(fs, 'credentialStuffing', '/api/v1/auth/login', 'high');
    expectFound(fs, 'bruteForce', '194.180.48.62', 'medium');
    expectFound(fs, 'webAttacks', '141.98.10.63', 'high');
    expectFound(fs, 'webAttacks', '45.9.20.101', 'high');
    // a login API that answers every attempt 200 (failures are the small answers), and Basic auth guessing on /admin/
    expectFound(fs, 'credentialStuffing', '/api/v2/session', 'high');
    expectFound(fs, 'bruteForce', '80.82.77.139', 'high');
    // a shell among a theme's stylesheets, POSTed to 45 times; not the template's contact form thirty visitors post
    const hidden = expectFound(fs, 'webAttacks', '5.161.92.4', 'high');
    expect(hidden.numbers).toMatchObject({ kinds: 'webshell', payloadRequests: 45 });
    expect(hidden.title).toMatch(/static-files folder \(web shell\)/);
    expect(fs.filter((f) => f.detector === 'webAttacks' && f.entity.startsWith('89.'))).toEqual([]);
    expectQuietElsewhere(fs, ['/api/v1/auth/login', '194.180.48.62', '141.98.10.63', '45.9.20.101', '5.161.92.4', '/api/v2/session', '80.82.77.139']);
  }, 120_000);
});

describe('round 4 web: slow stuffing that fetches the form first', () => {
  it('names /user/login when 300 addresses over 20 hours each fetch the form (for its token, none of its files) and post it once, shown again, while 20 real users load the page and get in', async () => {
    const fs = await run(C.csrfStuffing());
    const f = expectFound(fs, 'credentialStuffing', '/user/login', 'high');
    expect(f.numbers).toMatchObject({ blindSources: 300 });
    expect(f.threshold?.setting).toBe('credentialStuffing.blindSources');
    expect(fs.filter((x) => x.entity.startsWith('217.'))).toEqual([]);
    expectQuietElsewhere(fs, ['/user/login']);
  }, 120_000);
});

describe('round 4 web: data theft', () => {
  it('finds a client walking 3,000 consecutive user ids (IDOR) and one paging through a whole export, each as one enumeration finding, and leaves a crawler reading an archive in order, a reader paging results, a chat tab polling for new messages and a declared SEO crawler alone (at most low)', async () => {
    const fs = await run(C.idorWalk(), C.bulkExport(), C.sequentialReaders(), C.adminExport(), C.chatPoller(), C.seoCrawler());
    const idor = expectFound(fs, 'scanners', '38.180.22.96', 'high');
    expect(idor.title).toMatch(/^Enumeration from 38\.180\.22\.96: 2,999 consecutive ids of \/api\/v1\/users\/#/);
    expect(idor.numbers).toMatchObject({ enumerated: 2999, enumeratedOk: 2666, firstId: 10000, lastId: 12999 });
    expect(idor.threshold?.setting).toBe('scanners.minEnumerated');
    const exp = expectFound(fs, 'scanners', '91.240.118.172', 'high');
    expect(exp.numbers).toMatchObject({ enumerated: 1799, template: '/api/v1/export?page=#&per_page=#' });
    expectFound(fs, 'heavyTraffic', '91.240.118.172', 'medium');
    // the crawler is only the verified crawlers' info finding, the reader nothing
    expect(fs.filter((f) => f.detector === 'scanners' && RANK[f.severity] >= RANK.medium).map((f) => f.entity).sort()).toEqual(['38.180.22.96', '91.240.118.172']);
    expect(fs.filter((f) => f.entity === '151.44.8.91')).toEqual([]);
    // a chat tab polling ?after=<last id> all day asks for the same id more often than a new one (scanners.enumerationRepeats)
    expect(fs.filter((f) => f.entity === '62.216.3.77' && f.severity !== 'info')).toEqual([]);
    // an SEO crawler that says so, read robots.txt and only GETs product pages in order: low, not a harvest
    const seo = expectFound(fs, 'scanners', '185.191.171.5', 'low');
    expect(seo.severity).toBe('low');
    expect(seo.explanation).toMatch(/fetched \/robots\.txt and only read pages/);
    expectQuietElsewhere(fs, ['38.180.22.96', '91.240.118.172']);
  }, 120_000);
});

describe('round 4 web: benign traps', () => {
  it('keeps a NAT, a CDN edge, crawlers, a health check, an API poller, a gallery, SQL-ish searches, /.well-known/ and published archives, and an admin export quiet (nothing medium or worse)', async () => {
    const fs = await run(C.innocentSearches(), C.galleryBrowser(), C.adminExport(), C.wellKnown());
    expectQuietElsewhere(fs, []);
    expect(fs.filter((f) => f.entity === '87.123.45.67')).toEqual([]);
    expect(fs.filter((f) => f.entityType === 'population')).toEqual([]);
  }, 120_000);
});

describe('enumeration runs (enumRequest)', () => {
  it('reads ids as the regular expression it replaced does, on random and hostile URLs', () => {
    const NUMERIC = /(?<=\/)\d{1,12}(?=[/?]|$)|(?<==)\d{1,12}(?=&|;|$)/g;
    const byRegex = (u: string): [string | null, number[]] => {
      const ids: number[] = [];
      const t = u.replace(NUMERIC, (d) => (ids.push(Number(d)), '#'));
      return [ids.length ? t : null, ids];
    };
    // a fixed seed: the same 20,000 URLs every run
    let seed = 7;
    const rnd = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const alphabet = ['/', '/', '=', '?', '&', ';', '#', 'a', '%', '0', '1', '7', '9', '5', '3', '8'];
    const urls = ['/api/users/1001', '/a/123/b/456?id=7&x=8;y=9', '/12345678901234', '/1234567890123/x', '/x=5/y', '//42', '/p?q=1&r=', '', '/', '=9', `/${'1'.repeat(100_000)}`];
    for (let k = 0; k < 20_000; k++) urls.push(Array.from({ length: 1 + rnd(30) }, () => alphabet[rnd(alphabet.length)]).join(''));
    for (const u of urls) {
      const ids: number[] = [];
      expect([urlTemplate(u, ids), ids]).toEqual(byRegex(u));
    }
  });

  const walk = (urls: [string, number][], step = 10): EnumRun | null => {
    const acc: EnumAcc = { tracks: [], best: null };
    urls.forEach(([u, st], i) => enumRequest(acc, u, st, Date.UTC(2026, 10, 10) + i * 1000, step));
    return enumBest(acc, 1);
  };
  it('follows a threaded walk a little out of order, through interleaved page assets', () => {
    const ids = [1, 3, 2, 4, 6, 5, 7, 9, 8, 10];
    const r = walk(ids.flatMap((n): [string, number][] => [[`/api/v2/accounts/${n}/invoices`, 200], ['/assets/app.js', 200]]));
    expect(r).toMatchObject({ template: '/api/v2/accounts/#/invoices', steps: 9, ok: 9, lo: 1, hi: 10 });
  });
  it('does not count a cursor that follows the clock, a person jumping between records, or the same record again', () => {
    const t0 = Date.UTC(2026, 10, 10) / 1000;
    expect(walk(Array.from({ length: 50 }, (_, i): [string, number] => [`/api/orders?updated_since=${t0 + i * 15 - 15}`, 200]))).toBeNull();
    expect(walk([5120, 4411, 9034, 12, 5120].map((n): [string, number] => [`/products/${n}`, 200]))).toBeNull();
    expect(walk(Array.from({ length: 20 }, (): [string, number] => ['/products/4411', 200]))).toBeNull();
  });
});

describe('enumeration with a query that holds no number', () => {
  it('follows ids in the path when the query string is constant words (/api/v1/users/1001?include=profile)', async () => {
    const ip = '185.100.87.41';
    const walkEvents: Ev[] = Array.from({ length: 400 }, (_, i) => ({ ts: T0 + i * 2000, src_ip: ip, method: 'GET', path: `/api/v1/users/${1001 + i}`, query: 'include=profile', status: 200, bytes: 700, user_agent: 'python-requests/2.31.0' }));
    const found = (await analyzeCase(makeCase([...webPopulation(20), ...walkEvents]), { inline: true })).findings;
    const f = expectFound(found, 'scanners', ip, 'medium');
    expect(f.title).toMatch(/Enumeration/);
  });
});
