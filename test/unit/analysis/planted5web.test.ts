// Round 5 (web) of incidents planted by hand: a day of several sites written as real log TEXT in
// layouts earlier rounds did not use (nginx with upstream timings, Apache vhost_combined, Caddy and
// Traefik JSON, HAProxy via syslog, IIS behind a gateway with X-Forwarded-For; see planted5web/logs.ts
// and cases.ts), ingested and analysed like a user's files. Each test states what a responder would
// expect: the finding (detector, entity, least severity, what it says) and no medium-or-worse finding
// on what was not planted.
import { afterAll, describe, expect, it } from 'vitest';
import { matchPayload } from '../../../src/core/analysis/payload';
import type { Finding } from '../../../src/shared/model';
import * as C from './planted5web/cases';
import { background, merge, writeSet, type WebSet } from './planted5web/logs';
import { analysePlanted, cleanupPlanted, expectFound, listFindings, RANK } from './plantedKit';

afterAll(() => cleanupPlanted());

const run = (...sets: Partial<WebSet>[]): Promise<Finding[]> => analysePlanted('planted5web', (dir) => writeSet(dir, merge(background(), ...sets)));

/** No medium-or-worse finding outside the planted entities. */
function expectQuietElsewhere(fs: Finding[], planted: string[]): void {
  const mine = (f: Finding): boolean => planted.some((p) => f.entity === p || f.entity.startsWith(`${p} -> `));
  expect(fs.filter((f) => RANK[f.severity] >= RANK.medium && !mine(f)).map((f) => `${f.detector}:${f.entity}:${f.severity}`)).toEqual([]);
}

describe('round 5 web: the day alone', () => {
  it('reads every layout and raises nothing medium or worse on six sites\' ordinary day', async () => {
    const fs = await run();
    expectQuietElsewhere(fs, []);
  }, 120_000);
});

describe('round 5 web: account enumeration', () => {
  it('finds one address asking the sign-up check about 1,400 e-mail addresses (Caddy JSON) and one posting the password-reset form 900 times (addresses unseen), high, and leaves people typing their own address alone', async () => {
    const fs = await run(C.emailEnumeration(), C.resetEnumeration());
    const visible = expectFound(fs, 'scanners', '194.26.29.113', 'high');
    expect(visible.title).toBe('Account enumeration from 194.26.29.113: 1,400 addresses checked on /api/v1/accounts/check');
    expect(visible.numbers).toMatchObject({ accountsAsked: 1400, accountRequests: 1400 });
    expect(Number(visible.numbers.accountsFound) + Number(visible.numbers.accountsMissing)).toBe(1400);
    expect(visible.threshold).toMatchObject({ setting: 'scanners.minAccounts', threshold: 50 });
    expect(visible.explanation).toMatch(/tells an address with an account from one without/);
    expect(visible.explanation).toMatch(/scanners\.highAccounts/);
    const blind = expectFound(fs, 'scanners', '146.70.117.35', 'high');
    expect(blind.numbers).toMatchObject({ accountsAsked: 900, accountPath: '/api/v1/password/reset' });
    expect(blind.explanation).toMatch(/request body the log does not show/);
    // the sign-up form's own checks as people type (j, jo, jo.smith@…) and their occasional resets: nothing
    expect(fs.filter((f) => f.detector === 'scanners' && f.title.startsWith('Account enumeration')).map((f) => f.entity).sort()).toEqual(['146.70.117.35', '194.26.29.113']);
    expectQuietElsewhere(fs, ['194.26.29.113', '146.70.117.35']);
  }, 120_000);

  it('keeps a carrier NAT whose app users reset 70 passwords among 3,000 requests low, and a mail gateway opening 400 signed newsletter links that name their recipients out of it', async () => {
    const fs = await run(C.carrierNatResets(), C.mailLinkChecker());
    const nat = expectFound(fs, 'scanners', '100.64.7.1', 'low');
    expect(nat.severity).toBe('low');
    expect(nat.explanation).toMatch(/scanners\.minSweepShare/);
    expect(fs.filter((f) => /^(148\.163|67\.231)/.test(f.entity))).toEqual([]);
    expectQuietElsewhere(fs, []);
  }, 120_000);
});

describe('round 5 web: GraphQL', () => {
  it.each([
    ['an introspection query', `/graphql?query=${encodeURIComponent('query IntrospectionQuery{__schema{types{name}}}')}`],
    ['a type lookup', `/graphql?query=${encodeURIComponent('{__type(name:"User"){fields{name}}}')}`],
  ])('matches %s', (_w, url) => {
    expect(matchPayload(url)?.kind).toBe('graphql');
  });

  it('counts the aliases of one login field or mutation, and not a page fetching a few products by alias', () => {
    const batch = (n: number, field: string, op = 'mutation'): string => `/graphql?query=${encodeURIComponent(`${op}{${Array.from({ length: n }, (_, k) => `a${k}:${field}(email:"a@b.c",password:"p${k}"){token}`).join(' ')}}`)}`;
    expect(matchPayload(batch(50, 'login'))).toMatchObject({ kind: 'graphql', aliases: 50 });
    expect(matchPayload(batch(12, 'redeemGiftCard', 'query'))).toMatchObject({ kind: 'graphql', aliases: 12 });
    expect(matchPayload(`/graphql?query=${encodeURIComponent('query{p1:product(id:1){name} p2:product(id:2){name} p3:product(id:3){name} p4:product(id:4){name}}')}`)).toBeNull();
    expect(matchPayload(`/graphql?query=${encodeURIComponent('mutation{login(email:"kim@example.com",password:"x"){token}}')}`)).toBeNull();
  });

  it('finds introspection followed by 30 requests each guessing 50 passwords under aliases (Apache vhost_combined) as high, and leaves a storefront\'s own aliased product queries and logins alone', async () => {
    const fs = await run(C.graphqlAbuse(), C.storefrontGraphql());
    const f = expectFound(fs, 'webAttacks', '45.155.205.233', 'high');
    expect(f.numbers).toMatchObject({ kinds: 'graphql', payloadRequests: 32 });
    expect(f.explanation).toMatch(/30 of them were GraphQL requests .* 1,500 calls in all/);
    expect(f.explanation).toMatch(/webAttacks\.graphqlAliases/);
    expect(f.explanation).toMatch(/introspection/);
    expect(fs.filter((x) => x.detector === 'webAttacks').map((x) => x.entity)).toEqual(['45.155.205.233']);
    expectQuietElsewhere(fs, ['45.155.205.233']);
  }, 120_000);

  it('keeps batches under webAttacks.graphqlAliases out', async () => {
    const fs = await analysePlanted('planted5web', (dir) =>
      writeSet(
        dir,
        merge(background(), {
          apache: Array.from({ length: 5 }, (_, i) => ({
            ts: C.graphqlAbuse().apache![0]!.ts + i * 60_000,
            ip: '45.155.205.234',
            url: `/graphql?query=${encodeURIComponent(`mutation{${Array.from({ length: 4 }, (_, k) => `a${k}:login(email:"u${i}@x.org",password:"p${k}"){token}`).join(' ')}}`)}`,
            bytes: 800,
          })),
        }),
      ),
    );
    expect(fs.filter((x) => x.entity === '45.155.205.234')).toEqual([]);
  }, 120_000);
});

describe('round 5 web: web shells in use and IIS behind a gateway', () => {
  it('finds commands sent to an uploaded avatar .php (nginx upstream layout), and the same on IIS attributed to the client in X-Forwarded-For, not the gateway', async () => {
    const fs = await run(C.webshellUse(), C.iisShellBehindGateway());
    const php = expectFound(fs, 'webAttacks', '185.220.101.47', 'high');
    expect(String(php.numbers.kinds).split(',')).toEqual(expect.arrayContaining(['cmdi', 'webshell']));
    const iis = expectFound(fs, 'webAttacks', '91.92.241.18', 'high');
    expect(iis.numbers).toMatchObject({ payloadRequests: 14, answered2xx: 14 });
    expect(fs.filter((f) => f.entity.startsWith('10.30.1.'))).toEqual([]);
    expectQuietElsewhere(fs, ['185.220.101.47', '91.92.241.18']);
  }, 120_000);
});

describe('round 5 web: a backdoor written into a theme template', () => {
  it('finds 25 POSTs to the theme\'s 404.php answered 200 with varying sizes (high, web shell), and leaves an old theme\'s contact handler 30 visitors post to and its timthumb.php alone', async () => {
    const fs = await run(C.themeShell(), C.themeContactForm());
    const f = expectFound(fs, 'webAttacks', '103.75.190.12', 'high');
    expect(f.numbers).toMatchObject({ kinds: 'webshell', payloadRequests: 25, answered2xx: 25 });
    expect(f.title).toMatch(/theme or static-files folder \(web shell\)/);
    expect(fs.filter((x) => x.entity.startsWith('89.'))).toEqual([]);
    expectQuietElsewhere(fs, ['103.75.190.12']);
  }, 120_000);

  it.each([
    ['the theme editor\'s backdoor', '/wp-content/themes/twentytwentyfour/404.php', true],
    ['a nested template', '/wp-content/themes/astra/inc/core/class-astra-admin.php', true],
    ['a theme stylesheet', '/wp-content/themes/astra/style.css', false],
  ])('%s is a script in a theme folder when POSTed', (_w, url, hit) => {
    const m = matchPayload(url);
    expect(m?.kind === 'webshell' && m.posted === true).toBe(hit);
  });
});

describe('round 5 web: an export pulled at night through an opaque cursor', () => {
  it('finds 700 pages of 4-6 MB from /api/v2/customers/export in 70 minutes as high, naming the endpoint, though there is no id to walk', async () => {
    const fs = await run(C.cursorExport());
    const f = expectFound(fs, 'heavyTraffic', '23.94.148.61', 'high');
    expect(f.explanation).toMatch(/came from \/api\/v2\/customers\/export in 700 responses of 1(?:\.00?)? MiB or more/);
    expect(f.explanation).toMatch(/customer export/);
    expectQuietElsewhere(fs, ['23.94.148.61']);
  }, 120_000);
});

describe('round 5 web: stuffing and scans in other layouts', () => {
  it('finds 300 addresses stuffing a JSON token endpoint through Traefik, and a Nuclei-like sweep with a browser agent through HAProxy', async () => {
    const fs = await run(C.tokenStuffing(), C.nucleiScan());
    expectFound(fs, 'credentialStuffing', '/api/v1/auth/token', 'high');
    const scan = expectFound(fs, 'scanners', '167.94.138.120', 'medium');
    expect(Number(scan.numbers.secretPaths)).toBeGreaterThanOrEqual(30);
    expectQuietElsewhere(fs, ['/api/v1/auth/token', '167.94.138.120']);
  }, 120_000);
});

describe('round 5 web: benign traps', () => {
  it('keeps a developer\'s source-map 404s, feed readers, a monitor in five regions and an inside load test below medium', async () => {
    const fs = await run(C.sourceMaps(), C.feedReaders(), C.regionalMonitors(), C.loadTest());
    expectQuietElsewhere(fs, []);
    expect(fs.filter((f) => f.entity === '10.30.5.21' && f.severity !== 'info' && f.severity !== 'low'), listFindings(fs)).toEqual([]);
  }, 120_000);
});
