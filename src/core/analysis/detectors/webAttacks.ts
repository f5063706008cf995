// Web attack payloads: SQLi, XSS, traversal, command injection (and Log4Shell, Shellshock, PHP, SSTI, SSRF,
// CRLF, XXE, OGNL, deserialization, LDAP, prototype pollution) in request paths, query strings and user
// agents, after repeated URL decoding.
import { severityRank } from '../../../shared/model';
import type { DetectorDef, DraftFinding, PayloadHit, PayloadKind } from '../types';
import { ipScope } from '../net';
import { callbackTool, PAYLOAD_LABELS } from '../payload';
import { count, crawlerCap, formatList, lower, overSpan, qv, scoreOver } from './util';

// kinds that run code or steal credentials on success: high severity from the first request
const RCE: ReadonlySet<PayloadKind> = new Set(['cmdi', 'jndi', 'shellshock', 'php', 'ssti', 'ssrf', 'classloader', 'webshell', 'ognl', 'xxe', 'deserialization']);

export const webAttacks: DetectorDef = {
  name: 'webAttacks',
  title: 'Web attack payloads',
  description:
    'Decodes each request path and query string repeatedly (percent-encoding, double encoding, %u escapes, overlong UTF-8, HTML entities), folds case, drops SQL comments, then looks for SQL injection, cross-site scripting, path traversal, command injection, JNDI lookups (Log4Shell), Shellshock, PHP wrappers, server-side template injection, server-side request forgery (cloud metadata addresses, gopher/file/dict URLs, loopback in any spelling, internal service ports, out-of-band callback domains), CRLF header injection, XML external entities, Struts OGNL, serialized Java/.NET/PHP objects, LDAP filter injection, prototype pollution, Spring4Shell class-loader parameters, NoSQL operators in credential fields, scripts answered from upload folders (web shells), GraphQL introspection and GraphQL requests calling a login-like field under many aliases (batched guessing); user agents and referrers carrying quotes, markup or lookups are checked the same way. The matched fragment is shown as text. One finding per source; a monitor repeating one request that names an address in a parameter on a steady clock (Prometheus blackbox exporter) is low.',
  settings: [
    { key: 'minRequests', default: 1, description: 'requests carrying a payload from one source' },
    { key: 'highRequests', default: 10, description: 'payload requests for high severity (also high: two kinds, or any code-execution payload)' },
    {
      key: 'searchTerms',
      default: 2,
      description:
        "requests at most, from a browser answered normally, whose only payload is SQL-like words ordinary text has ('select * from', 'or 1=1' with no quote, comment, function or UNION): reported low, as what a search box receives",
    },
    {
      key: 'spraySources',
      default: 10,
      description:
        'sources that each sent only a few requests (3 at most) of one payload kind, for them to be one finding for the kind (a botnet spraying one exploit, Log4Shell or ThinkPHP, at every server) instead of one per address',
    },
    {
      key: 'shellSources',
      default: 3,
      description:
        'distinct sources POSTing to one script in a static-files folder (css/, js/, images/, assets/) for it to be the site\'s own endpoint (a contact form a template keeps in assets/), not a web shell, which one or two operators drive',
    },
    {
      key: 'probeRepeats',
      default: 50,
      description:
        "times a source sent the same one to three server-side-request-forgery-like requests, each at a steady interval, for them to be a monitor's configured probe (Prometheus's blackbox exporter asks /probe?target=http://localhost… every 15 s), reported low; an attacker looking for SSRF varies the target, and requests for a cloud metadata address are never a monitor's",
    },
    {
      key: 'graphqlAliases',
      default: 10,
      description:
        'aliased calls of one login-like GraphQL field (login, token, verify, redeem…) or of one mutation in a single request for it to count as batched guessing (a0:login(…) a1:login(…) …: that many passwords or codes tried in one request, past per-request rate limits); such a request makes the finding high',
    },
    {
      key: 'twinSeconds',
      default: 5,
      description:
        "seconds apart at most for one client's same request (path, payload, method) in a WAF's log and in the web server's log to be one request logged twice, counted once: the WAF writes what it inspected, the server what it answered. Two web servers' logs never pair (a balancer sends each request to one)",
    },
  ],
  needs: ['payloads'],
  incremental: true,
  detect(ctx) {
    const minReq = ctx.num('minRequests');
    const highReq = ctx.num('highRequests');
    const searchTerms = ctx.num('searchTerms');
    // a script in a static folder that many sources post to is the site's (a template's contact form)
    const posters = new Map<string, Set<string>>();
    for (const h of ctx.agg.payloads) if (h.posted) posters.set(h.fragment, (posters.get(h.fragment) ?? new Set()).add(h.ip));
    const shellSources = ctx.num('shellSources');
    const gqlAliases = ctx.num('graphqlAliases');
    const bySrc = new Map<string, PayloadHit[]>();
    for (const h of ctx.agg.payloads) {
      if (h.posted && posters.get(h.fragment)!.size >= shellSources) continue;
      // a few aliases of one field is a client fetching several things at once, not guessing
      if (h.aliases !== undefined && h.aliases < gqlAliases) continue;
      const l = bySrc.get(h.ip) ?? [];
      l.push(h);
      bySrc.set(h.ip, l);
    }
    const out: DraftFinding[] = [];
    for (const [ip, hits] of bySrc) {
      if (hits.length < minReq) continue;
      hits.sort((a, b) => a.id - b.id);
      const kinds = [...new Set(hits.map((h) => h.kind))];
      const fragments = [...new Set(hits.map((h) => h.fragment))].slice(0, 3);
      // a payload in a header is invisible in the URL a responder skims: say which header carried it
      const inHeaders = (['User-Agent', 'Referer'] as const).map((name) => [name, hits.filter((h) => h.header === name).length] as const).filter(([, n]) => n > 0);
      const headerNote = inHeaders.length ? ` ${inHeaders.map(([name, n]) => `${count(n)} of them in the ${name} header`).join(' and ')}, not the URL.` : '';
      // requests both the WAF and the web server logged, counted once (twins.ts)
      const twins = hits.filter((h) => h.twin !== undefined).length;
      // out-of-band callback hosts name the scanner that waits on them
      const oob = callbackTool(fragments.join(' '));
      const oobNote = oob === 'Burp Suite'
        ? " The callback host is Burp Suite's Collaborator (burpcollaborator.net, oastify.com): a Burp scan waiting to be called back, from a tester or an attacker."
        : oob === 'Nuclei'
          ? ' The callback host is ProjectDiscovery\'s interactsh (oast.*, interact.sh), which Nuclei templates use to see a blind injection call back.'
          : '';
      const twinNote = twins ? ` ${count(twins)} of them are in both the WAF's log and the web server's log (the same request from ${ip} within ${ctx.num('twinSeconds')} s, webAttacks.twinSeconds) and are counted once, with the server's answer.` : '';
      const ok = hits.filter((h) => h.status != null && h.status >= 200 && h.status < 300).length;
      const errors = hits.filter((h) => h.status != null && h.status >= 500).length;
      const noAnswer = hits.filter((h) => h.status == null).length;
      const rce = kinds.some((k) => RCE.has(k));
      // GraphQL requests each trying many passwords or codes under aliases
      const batched = hits.filter((h) => h.aliases !== undefined);
      const guesses = batched.reduce((a, h) => a + h.aliases!, 0);
      // a question about SQL typed into a search box, not an injection: no quote, comment, function
      // or UNION, from a browser, answered normally, once or twice
      const search = hits.length <= searchTerms && hits.every((h) => h.ordinary);
      const probe = kinds.length === 1 && kinds[0] === 'ssrf' ? configuredProbe(hits, ctx.num('probeRepeats')) : null;
      // time-based injections answered only after the wait they asked for, from a server that answered
      // others of them at once (sqlmap's conditional waits): the database ran them, not a slow server
      const timed = hits.filter((h) => h.wait !== undefined && h.took !== undefined && !h.blocked);
      const waited = timed.filter((h) => h.took! >= SLEPT_SHARE * h.wait! && h.took! <= h.wait! + SLEPT_SLACK);
      const slept = timed.some((h) => h.took! < h.wait! / 2) ? waited : [];
      // a traversal to a system or secret file answered 2xx: the server may have handed the file over
      const read = hits.filter((h) => h.kind === 'traversal' && h.status != null && h.status >= 200 && h.status < 300 && !h.blocked && SECRET_FILE.test(h.fragment));
      const cap = crawlerCap(search || probe ? 'low' : hits.length >= highReq || kinds.length >= 2 || rce || batched.length > 0 || read.length > 0 ? 'high' : 'medium', ctx.crawler(ip), 'low');
      // a WAF that blocked every one: attempts that never reached the application, one step lower
      const blocked = hits.filter((h) => h.blocked).length;
      const allBlocked = blocked === hits.length;
      const severity = slept.length > 0 ? 'critical' : allBlocked ? lower(cap.severity) : cap.severity;
      const ts = hits.map((h) => h.ts).filter((t): t is number => t != null);
      const first = ts.length ? Math.min(...ts) : null;
      const last = ts.length ? Math.max(...ts) : null;
      out.push({
        detector: 'webAttacks',
        severity,
        entity: ip,
        entityType: 'ip',
        title: `Web attack payloads from ${ip}: ${formatList(kinds.map((k) => PAYLOAD_LABELS[k]))} (${count(hits.length)} requests)${slept.length ? `, ${count(slept.length)} made the ${waiter(slept)} wait` : ''}`,
        explanation:
          `${count(hits.length)} request(s) from ${ip} (${ipScope(ip)}) carried ${formatList(kinds.map((k) => PAYLOAD_LABELS[k]))} payloads ${overSpan(first, last)}, for example: ${fragments.map((f) => `«${f}»`).join(', ')} (decoded; shown as text).${headerNote}${oobNote}${twinNote} ` +
          `${count(ok)} of them were answered 2xx and ${count(errors)} 5xx${noAnswer ? `; ${noAnswer === hits.length ? 'none' : count(noAnswer)} ${noAnswer === 1 ? 'has' : 'have'} ${noAnswer === hits.length ? 'an' : 'no'} answer in the case (a WAF's log holds no HTTP status: the web server's or balancer's log has it)` : ''}: a 2xx on a payload is worth checking in the application, a 5xx may mean the input reached a query or a shell. ` +
          (slept.length
            ? `${count(slept.length)} of them asked the ${waiter(slept)} to wait (SLEEP, pg_sleep, WAITFOR DELAY, a shell's sleep; e.g. ${slept[0]!.wait} s) and were answered only after that wait, by the request time the log records (at least ${Math.round(SLEPT_SHARE * 100)} % of the wait, at most ${SLEPT_SLACK} s over it), while ${count(timed.length - waited.length)} others like them were answered at once: the injected ${waiter(slept) === 'database' ? 'SQL' : 'code'} ran, so the application is injectable there, which makes this critical. A time-based blind injection reads a bit at a time this way; what was read is in the requests around these. `
            : waited.length
              ? `${count(waited.length)} of them asked the ${waiter(waited)} to wait (e.g. ${waited[0]!.wait} s) and were answered only after that wait; none like them was answered at once, so a slow server cannot be ruled out: compare with the request times of other clients at that moment. `
              : '') +
          (read.length
            ? `${count(read.length)} path traversal request(s) for a system or secret file were answered 2xx (e.g. «${read[0]!.fragment}»): the server may have handed over the file named, so this is high; compare the answer's size with what that file would be (a site that answers every path with its index page answers this too). `
            : '') +
          (blocked ? (allBlocked ? `A firewall (WAF) blocked every one of them before the application saw it, so this is one step lower (${severity}): an attempt, not a breach; what matters is whether the same client got other requests through. ` : `A firewall (WAF) blocked ${count(blocked)} of them; ${count(hits.length - blocked)} were not blocked. `) : '') +
          (batched.length
            ? `${count(batched.length)} of them were GraphQL requests each calling one login-like field or mutation under ${gqlAliases} or more aliases (webAttacks.graphqlAliases), ${count(guesses)} calls in all: each request tries that many passwords or codes at once, past any per-request rate limit, so it is high; a 2xx answer only says the batch ran, look for a token in the application's logs. `
            : '') +
          (kinds.includes('graphql') && hits.some((h) => h.kind === 'graphql' && h.aliases === undefined)
            ? 'A GraphQL introspection query (__schema or __type) asks the server for its whole schema, every type, field and argument: the map an attacker reads before looking for mutations left unprotected; the site\'s own pages know their schema and never ask. Turn introspection off in production if it answered 2xx. '
            : '') +
          (search
            ? `It is reported low: ${hits.length === 1 ? 'the request carries' : 'the requests carry'} only SQL-like words that ordinary text also has (no quote, comment, function call or UNION), from a browser, answered normally, at most ${searchTerms} time(s) (webAttacks.searchTerms): what a search box receives when someone looks up SQL. An injection attempt would go on with quotes, comments or UNION. `
            : '') +
          (probe
            ? `It is reported low: it is the same ${probe.series === 1 ? 'request' : `${probe.series} requests`} again and again, ${count(hits.length)} times, every ${probe.every} (webAttacks.probeRepeats: ${ctx.num('probeRepeats')}), the way a monitor runs a configured check (Prometheus's blackbox exporter asks /probe?target=<an address> on a schedule). Someone looking for request forgery tries many targets; confirm that the address is your monitoring server. `
            : '') +
          `The threshold is ${minReq} request(s) (webAttacks.minRequests).` +
          cap.note +
          ` A benign cause would be a security test you commissioned, or a legitimate search for text that looks like code; the decoded fragment shows which.`,
        numbers: { payloadRequests: hits.length, kinds: kinds.join(','), answered2xx: ok, answered5xx: errors, ...(blocked ? { blocked } : {}), ...(waited.length ? { waitedAsAsked: waited.length } : {}), ...(read.length ? { traversalAnswered2xx: read.length } : {}), ...(twins ? { inBothLogs: twins } : {}), example: fragments[0] ?? '', ...Object.fromEntries(inHeaders.map(([name, n]) => [name === 'User-Agent' ? 'inUserAgent' : 'inReferer', n])) },
        threshold: { metric: 'requests with attack payloads', value: hits.length, threshold: minReq, setting: 'webAttacks.minRequests' },
        windowMs: null,
        firstSeen: first,
        lastSeen: last,
        query: hits.length <= 100 ? `id:${hits.flatMap((h) => (h.twin !== undefined ? [h.id, h.twin] : [h.id])).join(',')}` : `src_ip:${qv(ip)}`,
        sampleIds: hits.slice(0, 20).map((h) => h.id),
        score: scoreOver(hits.length * (rce ? 5 : 1), Math.max(1, minReq)),
      });
    }
    return sprays(out, ctx.num('spraySources'));
  },
};

/**
 * A time-based injection answered after this share of the wait it asked for, and no more than
 * SLEPT_SLACK seconds over it (a server stalled for reasons of its own takes longer), waited for it.
 */
const SLEPT_SHARE = 0.9;
const SLEPT_SLACK = 5;
/** Who was made to wait: the database (SQL) or the server (a shell command among them). */
const waiter = (hs: readonly PayloadHit[]): string => (hs.every((h) => h.kind === 'sqli') ? 'database' : 'server');

/** Files a traversal reaches for to steal: system accounts and config, keys, a site's secrets (a relative `../../account` is none). */
const SECRET_FILE = /etc\/(?:passwd|shadow|group|hosts|issue|crontab|sudoers)|win\.ini|boot\.ini|system32|proc\/self|id_rsa|id_ed25519|\.ssh\/|\.env\b|\.htpasswd|web\.config|wp-config|(?:configuration|settings|localsettings|database)\.(?:php|inc|ya?ml|json)/i;

/** Cloud metadata addresses: a request for one is never a monitor's probe. */
const METADATA = /169\.254\.169\.254|metadata\.google|100\.100\.100\.200|fd00:ec2/;

/**
 * A monitor's configured probe: at least `min` requests, all one to three request texts (by their
 * matched fragment), each repeated on a steady clock (80 % of its gaps within a quarter of the
 * median gap, which is at least a second). The interval when it is one, else null.
 */
function configuredProbe(hits: readonly PayloadHit[], min: number): { series: number; every: string } | null {
  if (hits.length < min || hits.some((h) => METADATA.test(h.fragment))) return null;
  const byText = new Map<string, number[]>();
  for (const h of hits) {
    if (h.ts == null) return null;
    const l = byText.get(h.fragment);
    if (l) l.push(h.ts);
    else byText.set(h.fragment, [h.ts]);
  }
  if (byText.size > 3) return null;
  let every = 0;
  for (const ts of byText.values()) {
    if (ts.length < 10) return null;
    ts.sort((a, b) => a - b);
    const gaps = ts.slice(1).map((t, i) => t - ts[i]!);
    const median = [...gaps].sort((a, b) => a - b)[gaps.length >> 1]!;
    if (median < 1000) return null;
    if (gaps.filter((g) => Math.abs(g - median) <= median / 4).length < 0.8 * gaps.length) return null;
    every = Math.max(every, median);
  }
  return { series: byText.size, every: every < 120_000 ? `${Math.round(every / 1000)} s` : `${Math.round(every / 60_000)} min` };
}

/** Sprayers per kind: a source with SPRAY_REQUESTS payload requests at most, all of one kind. */
export const SPRAY_REQUESTS = 3;

/**
 * A botnet spraying one exploit at every server sends it once or twice from each of hundreds of
 * addresses: one finding for the kind, naming the addresses, not hundreds of findings.
 */
function sprays(list: DraftFinding[], min: number): DraftFinding[] {
  if (min < 2) return list;
  const byKind = new Map<string, DraftFinding[]>();
  for (const d of list) {
    const kind = String(d.numbers.kinds);
    if (Number(d.numbers.payloadRequests) > SPRAY_REQUESTS || kind.includes(',')) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), d]);
  }
  const grouped = new Set<DraftFinding>();
  const out: DraftFinding[] = [];
  for (const [kind, g] of byKind) {
    if (g.length < min) continue;
    for (const d of g) grouped.add(d);
    const requests = g.reduce((a, d) => a + Number(d.numbers.payloadRequests), 0);
    const ok = g.reduce((a, d) => a + Number(d.numbers.answered2xx), 0);
    const errors = g.reduce((a, d) => a + Number(d.numbers.answered5xx), 0);
    const examples = [...new Set(g.map((d) => String(d.numbers.example)))].slice(0, 3);
    const ips = g.map((d) => d.entity);
    const first = g.reduce<number | null>((t, d) => (d.firstSeen != null && (t == null || d.firstSeen < t) ? d.firstSeen : t), null);
    const last = g.reduce<number | null>((t, d) => (d.lastSeen != null && (t == null || d.lastSeen > t) ? d.lastSeen : t), null);
    const label = PAYLOAD_LABELS[kind as PayloadKind] ?? kind;
    const worst = g.reduce((a, d) => (severityRank(d.severity) > severityRank(a) ? d.severity : a), g[0]!.severity);
    out.push({
      detector: 'webAttacks',
      severity: worst,
      entity: `${label} from ${count(g.length)} sources`,
      entityType: 'population',
      title: `Web attack payloads sprayed from ${count(g.length)} sources: ${label} (${count(requests)} requests)`,
      explanation:
        `${count(g.length)} sources (${formatList(ips, 6)}) each sent ${SPRAY_REQUESTS} or fewer requests carrying ${label} payloads and nothing else of the kind, ${count(requests)} in all ${overSpan(first, last)}, for example: ${examples.map((f) => `«${f}»`).join(', ')} (decoded; shown as text). ` +
        `${count(ok)} of them were answered 2xx and ${count(errors)} 5xx. Many addresses sending the same exploit once each is a botnet spraying it at every server it finds (Log4Shell, ThinkPHP, Spring4Shell campaigns): reported once, at the severity of the worst request. What matters is whether your application was vulnerable to it: check the 2xx answers and what the server did next. ` +
        `Threshold: ${min} such sources (webAttacks.spraySources), each with at most ${SPRAY_REQUESTS} payload requests of one kind.`,
      numbers: { sourceCount: g.length, sources: ips.slice(0, 50).join(','), payloadRequests: requests, kinds: kind, answered2xx: ok, answered5xx: errors, example: examples[0] ?? '' },
      threshold: { metric: 'sources spraying one payload kind', value: g.length, threshold: min, setting: 'webAttacks.spraySources' },
      windowMs: null,
      firstSeen: first,
      lastSeen: last,
      query: `src_ip:${ips.slice(0, 100).map(qv).join(',')}`,
      sampleIds: g.flatMap((d) => d.sampleIds ?? []).slice(0, 20),
      score: Math.max(...g.map((d) => d.score)),
    });
  }
  return [...list.filter((d) => !grouped.has(d)), ...out];
}
