// Scanner tools and 404 sweeps: user agents of known attack tools, and sources asking for
// many distinct paths that do not exist (content discovery). One finding per source.
import { maxTs, minTs } from '../fold';
import type { Severity } from '../../../shared/model';
import type { AgentRow, DetectorDef, DraftFinding, SweepRow } from '../types';
import { ipScope } from '../net';
import { callbackTool } from '../payload';
import { atMost, bytes, count, crawlerCap, formatList, overSpan, qv, scoreOver } from './util';

/** Scanners companies license and schedule against their own estate (see matchTool's names). */
const VULN_MANAGEMENT: ReadonlySet<string> = new Set(['Nessus', 'OpenVAS', 'Qualys', 'Nexpose/InsightVM', 'Tenable']);

export const scanners: DetectorDef = {
  name: 'scanners',
  title: 'Scanner tools and 404 sweeps',
  description:
    'Flags sources whose user agent names a known attack or scanning tool (sqlmap, Nikto, Nmap, Nuclei, gobuster, WPScan, ...), sources asking for many distinct missing paths (404s: content discovery), sources asking for files that hold a site\'s secrets or source (.env, .git/config, key files, config backups, database dumps) whatever the server answers (a hardened server refuses them 403, a single-page app answers 200), sources walking consecutive object ids of one URL (/api/users/1001, 1002 …: IDOR enumeration or a bulk export; numbers that follow the clock are a poller\'s cursor and do not count), sources asking an account-check endpoint about many different e-mail addresses or user names, or posting a password-reset form over and over (account enumeration), and sources impersonating a search-engine crawler. Scripting libraries (python-requests, Go) alone are only low severity.',
  settings: [
    { key: 'minMissingPaths', default: 50, description: 'distinct paths answered 404 for one source' },
    { key: 'minSweepShare', default: 0.1, description: "share of a source's requests answered 404 below which its missing paths are many users' broken links (a NAT, a proxy, a CDN edge), reported low" },
    { key: 'highMissingPaths', default: 500, description: 'distinct 404 paths for high severity' },
    { key: 'minLibraryRequests', default: 1000, description: 'requests from a scripting-library user agent before it is worth a low finding' },
    {
      key: 'minEnumerated',
      default: 300,
      description:
        'requests in one run over consecutive object ids of one URL (/api/users/10001, /10002 …, or ?page=1, 2 …; each id within enumerationStep of the one before): a client walking every record, an insecure direct object reference (IDOR) or a bulk export, not a person clicking through a few',
    },
    { key: 'enumerationStep', default: 10, description: 'largest move between two consecutive ids of one run (a threaded enumerator answers a little out of order; a person jumps)' },
    {
      key: 'minSecretPaths',
      default: 5,
      description:
        "distinct paths of files that hold a site's secrets or source when left in the web root (.env, .git/config, private keys, wp-config.php.bak, backup.zip, db.sql, phpinfo.php, server-status), whatever the answer: a hardened server refuses them 403 and a single-page app answers 200, so no 404 count sees that sweep; no visitor asks for them",
    },
    {
      key: 'secretServedBytes',
      default: 1_000_000,
      description:
        "bytes of one 2xx answer to a secret-file path for the file to have been handed over (a database dump, a site archive, a repository pack): high from a single request, since a single-page app's catch-all index is a few kB",
    },
    { key: 'highSecretPaths', default: 200, description: 'such distinct paths for high severity (a whole exposure-check list run against the site; a sweep of missing paths needs scanners.highMissingPaths)' },
    {
      key: 'enumerationRepeats',
      default: 0.5,
      description:
        "requests for the id asked for just before, as a share of a run's steps, from which the run is a poller waiting for news (?after=<last message id>: the id moves only when something new arrives), not a walk over records",
    },
    { key: 'highEnumerated', default: 1500, description: 'ids of such a run answered 2xx (records handed over) for high severity' },
    {
      key: 'minAccounts',
      default: 50,
      description:
        "distinct e-mail addresses or user names one source asked one account-check endpoint about (/api/accounts/check?email=…, /users/exists?username=…; a person typing one address, j, jo, jo.smith@…, counts once), or, when the addresses are in a POSTed body the log does not show, its POSTs to one password-reset or account-check endpoint: account enumeration, learning which addresses have an account before guessing their passwords. A person resets a password or checks an address a few times",
    },
    { key: 'highAccounts', default: 300, description: 'such addresses (or blind POSTs) for high severity' },
    {
      key: 'massScanPaths',
      default: 5,
      description:
        "distinct paths a source with an internet-wide scanning tool's user agent (masscan, ZGrab) may ask for and still be that scan: it touches every address on the internet for / or a well-known file or two, so it is low. More paths, an attack payload, or a secret-file path answered 2xx make it medium",
    },
    {
      key: 'massGroupSources',
      default: 5,
      description:
        "such low internet-wide scanning-tool sources (masscan, ZGrab doing no more than that scan) each have a low finding of their own up to this many; past it they join the one low list of internet research scanners, so a month of background does not fill the list",
    },
  ],
  needs: ['agents', 'sweeps', 'crawlers', 'profile', 'payloads'],
  incremental: true,
  detect(ctx) {
    const minMissing = ctx.num('minMissingPaths');
    const highMissing = ctx.num('highMissingPaths');
    const minLib = ctx.num('minLibraryRequests');
    const agentsBy = new Map<string, AgentRow[]>();
    for (const a of ctx.agg.agents) {
      const l = agentsBy.get(a.ip) ?? [];
      l.push(a);
      agentsBy.set(a.ip, l);
    }
    const minEnum = ctx.num('minEnumerated');
    const highEnum = ctx.num('highEnumerated');
    const sweepBy = new Map<string, SweepRow>(ctx.agg.sweeps.filter((s) => s.missingPaths >= minMissing).map((s) => [s.ip, s]));
    const repeats = ctx.num('enumerationRepeats');
    const walkBy = new Map(ctx.agg.sweeps.filter((s) => s.enumeration && s.enumeration.steps >= minEnum && s.enumeration.repeats < repeats * s.enumeration.steps).map((s) => [s.ip, s.enumeration!]));
    const minSecret = ctx.num('minSecretPaths');
    const highSecret = ctx.num('highSecretPaths');
    const servedMin = ctx.num('secretServedBytes');
    const secretBy = new Map(ctx.agg.sweeps.filter((s) => s.secrets && (s.secrets.paths >= minSecret || s.secrets.served >= servedMin)).map((s) => [s.ip, s.secrets!]));
    const minAccounts = ctx.num('minAccounts');
    const highAccounts = ctx.num('highAccounts');
    const accountsBy = new Map(ctx.agg.sweeps.filter((s) => s.accounts && Math.max(s.accounts.identities, s.accounts.identities ? 0 : s.accounts.requests) >= minAccounts).map((s) => [s.ip, { ...s.accounts!, share: s.requests ? s.accounts!.requests / s.requests : 1 }]));
    const ips = new Set([...agentsBy.keys(), ...sweepBy.keys(), ...walkBy.keys(), ...secretBy.keys(), ...accountsBy.keys()]);
    // what lifts an internet-wide scanning tool's visit out of the background: its distinct paths,
    // its attack payloads, a secret-file path it was answered 2xx on (below scanners.minSecretPaths)
    const massPaths = ctx.num('massScanPaths');
    const pathsBy = new Map(ctx.agg.profile.map((p) => [p.ip, p.paths]));
    const payloadsBy = new Map<string, number>();
    // the tool a source's payloads call back to (Nuclei's interactsh, Burp's Collaborator) names a scan sent with a browser's agent
    const callbackBy = new Map<string, string>();
    for (const h of ctx.agg.payloads) {
      if (h.ordinary) continue;
      payloadsBy.set(h.ip, (payloadsBy.get(h.ip) ?? 0) + 1);
      const called = callbackBy.has(h.ip) ? null : callbackTool(h.fragment);
      if (called) callbackBy.set(h.ip, called);
    }
    const secretOkBy = new Map(ctx.agg.sweeps.filter((s) => s.secrets && s.secrets.ok > 0).map((s) => [s.ip, s.secrets!]));
    for (const c of ctx.agg.crawlers) if (ctx.crawler(c.ip)?.verdict === 'impersonated') ips.add(c.ip);
    const out: DraftFinding[] = [];
    // verified crawlers' addresses: one info finding per crawler, not one per address it used
    const crawled = new Map<string, DraftFinding[]>();
    for (const ip of ips) {
      const agents = agentsBy.get(ip) ?? [];
      const attackTools = [...new Set(agents.filter((a) => a.tool.startsWith('attack:')).map((a) => a.tool.slice(7)))];
      // named only by its callbacks: a source that scanned (a sweep, secret files) is that tool's scan; the payloads alone are webAttacks'
      const called = attackTools.length ? undefined : callbackBy.get(ip);
      const payloads = payloadsBy.get(ip) ?? 0;
      const massTools = attackTools.length ? [] : [...new Set(agents.filter((a) => a.tool.startsWith('mass:')).map((a) => a.tool.slice(5)))];
      const massPayloads = massTools.length ? (payloadsBy.get(ip) ?? 0) : 0;
      const massSecret = massTools.length ? secretOkBy.get(ip) : undefined;
      const massSpread = massTools.length ? (pathsBy.get(ip) ?? 0) : 0;
      // a mass scanner that did more than touch the site: its own finding, not the background list
      const massMore = massPayloads > 0 || massSecret !== undefined || massSpread > massPaths;
      const libs = agents.filter((a) => a.tool.startsWith('library:'));
      const libRequests = libs.reduce((s, a) => s + a.requests, 0);
      const sweep = sweepBy.get(ip);
      const fake = ctx.crawler(ip);
      const impersonated = fake?.verdict === 'impersonated';
      const walk = walkBy.get(ip);
      const secret = secretBy.get(ip);
      const acct = accountsBy.get(ip);
      // identities seen in the URL, or else the blind POSTs
      const asked = acct ? acct.identities || acct.requests : 0;
      if (!attackTools.length && !massMore && !sweep && !walk && !secret && !acct && !impersonated && libRequests < minLib) continue;
      let severity: Severity = 'low';
      if (attackTools.length || called || (walk && walk.ok >= highEnum)) severity = 'high';
      else if (walk) severity = 'medium';
      else if (sweep && sweep.missingPaths >= highMissing) severity = 'high';
      else if (secret && (secret.paths >= highSecret || secret.served >= servedMin)) severity = 'high';
      else if (acct && asked >= highAccounts) severity = 'high';
      else if (sweep || impersonated || secret || acct || massMore) severity = 'medium';
      // hundreds of missing paths among tens of thousands of good requests: many people behind one address
      const diluted = !attackTools.length && !called && !impersonated && !walk && !secret && !acct && sweep !== undefined && sweep.requests > 0 && sweep.notFound / sweep.requests < ctx.num('minSweepShare');
      // account checks a small part of a busy address's requests: many people behind one address (a carrier NAT) signing up or resetting
      const acctDiluted = !!acct && !attackTools.length && !called && !impersonated && !walk && !secret && !sweep && acct.share < ctx.num('minSweepShare');
      if (diluted || acctDiluted) severity = 'low';
      // a vulnerability-management scanner run from inside is most often the company's own scheduled scan:
      // medium, unless other evidence (a secret file served, a run of records handed over) makes it high
      const inHouse =
        severity === 'high' && attackTools.length > 0 && attackTools.every((t) => VULN_MANAGEMENT.has(t)) && ipScope(ip) === 'internal' &&
        !(walk && walk.ok >= highEnum) && !(sweep && sweep.missingPaths >= highMissing) && !(secret && (secret.paths >= highSecret || secret.served >= servedMin)) && !(acct && asked >= highAccounts);
      if (inHouse) severity = 'medium';
      // a crawler that says so, asked for /robots.txt and only read: following links in id order and
      // re-crawling dead ones is what it does (not when it also hunts secret files or names an attack tool)
      const polite = fake?.verdict === 'unverified' && fake.robots && fake.getOnly && !attackTools.length && !called && !secret;
      const cap = impersonated
        ? { severity, note: '' }
        : polite
          ? { severity: atMost(severity, 'low'), note: ` The user agent declares a crawler (${fake.claimed.slice(0, 60)}) that fetched /robots.txt and only read pages (${fake.checks}): walking links in order and re-crawling dead ones is what crawlers do, so at most low; robots.txt can turn it away.` }
          : crawlerCap(severity, fake);
      const reasons: string[] = [];
      if (attackTools.length) reasons.push(`its user agent names the attack tool(s) ${formatList(attackTools)} (${count(agents.filter((a) => a.tool.startsWith('attack:')).reduce((s, a) => s + a.requests, 0))} requests)`);
      if (called)
        reasons.push(
          `its payloads call back to ${called === 'Nuclei' ? "ProjectDiscovery's interactsh (oast.*, interact.sh), the host Nuclei templates wait on" : "Burp Suite's Collaborator (burpcollaborator.net, oastify.com)"}: this is ${called}'s scan, though its user agent does not say so (Nuclei and Burp send a browser's by default)`,
        );
      if (payloads && !massMore) reasons.push(`${count(payloads)} of its requests carried attack payloads, which the webAttacks finding for ${ip} tells (what they were, what the server answered); this finding is the scan around them`);
      if (massMore) {
        const more = [
          massSpread > massPaths ? `asked for ${count(massSpread)} distinct paths (scanners.massScanPaths: ${massPaths})` : '',
          massPayloads ? `sent ${count(massPayloads)} request(s) carrying attack payloads (the webAttacks finding for ${ip} says which)` : '',
          massSecret ? `was answered 2xx on ${count(massSecret.ok)} request(s) for a file that holds a site's secrets or source (${massSecret.examples.slice(0, 3).join(', ')}): check what was served` : '',
        ].filter(Boolean);
        reasons.push(
          `its user agent names ${formatList(massTools)}, a tool internet-wide scans are made with (it asks every address on the internet for / or a well-known file or two, and is listed low when that is all it did), but this source ${formatList(more)}`,
        );
      }
      if (sweep) reasons.push(`it asked for ${count(sweep.missingPaths)} distinct paths that do not exist (${count(sweep.notFound)} 404 answers of its ${count(sweep.requests)} requests)${diluted ? `; that is under ${Math.round(ctx.num('minSweepShare') * 100)} % of its requests (scanners.minSweepShare), the shape of many users behind one address (a NAT, a proxy, a CDN edge) whose broken links add up, so it is reported low` : ''}`);
      if (secret)
        reasons.push(
          `it asked for ${count(secret.paths)} distinct files that hold a site's secrets or source when left in the web root (${secret.examples.join(', ')}${secret.paths > secret.examples.length ? ' …' : ''}), which no page links to and no visitor types; ${count(secret.ok)} were answered 2xx (a file served is a leak to check, unless the site answers every path with its index page)${secret.served >= servedMin ? `; ${secret.servedPath?.slice(0, 120)} was answered with ${bytes(secret.served)}, at least scanners.secretServedBytes (${bytes(servedMin)}): the file itself was handed over, so treat what it holds (passwords, keys, customer data) as stolen` : ''}`,
        );
      if (walk)
        reasons.push(
          `it walked consecutive ids of ${walk.template.slice(0, 120)} from ${walk.lo} to ${walk.hi}: ${count(walk.steps)} requests in one run, each id within ${ctx.num('enumerationStep')} of the one before (scanners.enumerationStep), ${count(walk.ok)} of them answered 2xx. A person opens a few records; a client that asks for every id in turn is harvesting them (an insecure direct object reference, IDOR, when the records are other users'), or paging through a whole export`,
        );
      if (acct)
        reasons.push(
          (acct.identities
            ? `it asked ${acct.path.slice(0, 100)} about ${count(acct.identities)} different e-mail addresses or user names in ${count(acct.requests)} requests`
            : `it POSTed ${count(acct.requests)} times to ${acct.path.slice(0, 100)}, a password-reset or account-check endpoint whose addresses are in the request body the log does not show; a person resets a password a few times`) +
            ` (scanners.minAccounts: ${minAccounts}; ${highAccounts} for high, scanners.highAccounts). ${count(acct.found)} were answered 2xx/3xx and ${count(acct.missing)} 404/400/410/422${acct.found && acct.missing ? ': the answer tells an address with an account from one without, so it learned which exist' : acct.sizes > 1 ? ` with ${count(acct.sizes)} different response sizes, which may tell them apart` : ''}. That is account enumeration: the list of real accounts is what password guessing and phishing start from` +
            (acctDiluted ? `; but those requests are under ${Math.round(ctx.num('minSweepShare') * 100)} % of its requests (scanners.minSweepShare), the shape of many people behind one address, so it is reported low` : ''),
        );
      if (impersonated && fake) reasons.push(`it claims to be ${fake.claimed} but ${fake.checks}`);
      if (!attackTools.length && libRequests >= minLib) reasons.push(`it sent ${count(libRequests)} requests with a scripting-library user agent (${formatList([...new Set(libs.map((a) => a.tool.slice(8)))])})`);
      const agentFirst = agents.map((a) => a.first).filter((t): t is number => t != null);
      const agentLast = agents.map((a) => a.last).filter((t): t is number => t != null);
      const first = Math.min(sweep?.first ?? Infinity, walk?.first ?? Infinity, secret?.first ?? Infinity, acct?.first ?? Infinity, ...agentFirst);
      const last = Math.max(sweep?.last ?? 0, walk?.last ?? 0, secret?.last ?? 0, acct?.last ?? 0, ...agentLast);
      const tool = attackTools[0] ?? called ?? (massMore ? massTools[0] : undefined);
      const target = fake?.verdict === 'verified' && cap.severity === 'info' ? (crawled.get(fake.claimed) ?? []) : out;
      if (target !== out && fake) crawled.set(fake.claimed, target);
      target.push({
        detector: 'scanners',
        severity: cap.severity,
        entity: ip,
        entityType: 'ip',
        title: acct && !tool && !walk
          ? `Account enumeration from ${ip}: ${count(asked)} ${acct.identities ? 'addresses checked' : 'password-reset requests'} on ${acct.path.slice(0, 80)}`
          : walk && !tool
          ? `Enumeration from ${ip}: ${count(walk.steps)} consecutive ids of ${walk.template.slice(0, 80)}${sweep ? `, ${count(sweep.missingPaths)} missing` : ''}`
          : secret && secret.served >= servedMin && !tool
            ? `Secret file served to ${ip}: ${secret.servedPath?.slice(0, 80)} (${bytes(secret.served)})`
            : `Scanner at ${ip}: ${called ? `${called} (by its ${called === 'Nuclei' ? 'interactsh' : 'Collaborator'} callbacks)${sweep ? `, ${count(sweep.missingPaths)} missing paths` : secret ? `, ${count(secret.paths)} secret-file probes` : ''}` : tool && !attackTools.length ? `${tool}, ${massSecret ? `${massSecret.examples[0]?.slice(0, 60)} answered 2xx` : massPayloads ? `${count(massPayloads)} payload request(s)` : `${count(massSpread)} paths`}` : tool ? tool : sweep ? `${count(sweep.missingPaths)} missing paths` : secret ? `${count(secret.paths)} secret-file probes` : impersonated ? `fake ${fake?.claimed}` : 'scripted client'}`,
        explanation:
          `${ip} (${ipScope(ip)}): ${reasons.join('; ')}, ${overSpan(Number.isFinite(first) ? first : null, last || null)}. ` +
          `Automated scanners look for known vulnerable files and endpoints before an attack. ` +
          (inHouse ? `${formatList(attackTools)} is a vulnerability-management scanner and ${ip} is an inside address: most often the company's own scheduled scan, so medium rather than high; confirm it is yours (its schedule, its owner), since an intruder inside could run one too. ` : '') +
          `Thresholds: a known tool name${massMore ? ` (for an internet-wide scanning tool, more than ${massPaths} paths, scanners.massScanPaths, a payload or a secret file served)` : ''}, or ${minMissing} missing paths (scanners.minMissingPaths; ${highMissing} for high)${secret ? `, or ${minSecret} secret-file paths (scanners.minSecretPaths; ${highSecret} for high)` : ''}${walk ? `, or ${minEnum} requests walking consecutive ids (scanners.minEnumerated; ${highEnum} answered 2xx for high, scanners.highEnumerated)` : ''}${acct ? `, or ${minAccounts} accounts asked about (scanners.minAccounts)` : ''}.` +
          cap.note +
          ` A benign cause would be your own authorised security scan, an uptime checker, or a site with many broken links (then the 404 paths are real pages that moved)${walk ? `; for a walk over ids, a partner's integration or your own job syncing every record through the API (then the address is theirs and the records are meant for it)` : ''}${acct ? `; for account checks, your own support desk or a migration script looking customers up (then the address is yours)` : ''}.`,
        numbers: { missingPaths: sweep?.missingPaths ?? 0, notFound: sweep?.notFound ?? 0, tools: (attackTools.length ? attackTools : called ? [called] : massMore ? massTools : []).join(','), ...(payloads ? { payloadRequests: payloads } : {}), ...(massMore ? { distinctPaths: massSpread, secretAnswered2xx: massSecret?.ok ?? 0 } : {}), libraryRequests: libRequests, ...(secret ? { secretPaths: secret.paths, secretAnswered2xx: secret.ok, secretServedBytes: secret.served } : {}), ...(walk ? { enumerated: walk.steps, enumeratedOk: walk.ok, template: walk.template.slice(0, 200), firstId: walk.lo, lastId: walk.hi } : {}), ...(acct ? { accountsAsked: asked, accountPath: acct.path.slice(0, 200), accountRequests: acct.requests, accountsFound: acct.found, accountsMissing: acct.missing } : {}) },
        threshold: acct && !tool && !walk
          ? { metric: acct.identities ? 'distinct accounts asked about on one endpoint' : 'POSTs to one password-reset or account-check endpoint', value: asked, threshold: minAccounts, setting: 'scanners.minAccounts' }
          : walk && !tool
          ? { metric: 'requests walking consecutive ids of one URL', value: walk.steps, threshold: minEnum, setting: 'scanners.minEnumerated' }
          : sweep
            ? { metric: 'distinct paths answered 404', value: sweep.missingPaths, threshold: minMissing, setting: 'scanners.minMissingPaths' }
            : secret && secret.served >= servedMin
              ? { metric: 'bytes of a secret file answered 2xx', value: secret.served, threshold: servedMin, setting: 'scanners.secretServedBytes' }
              : secret
              ? { metric: 'distinct secret-file paths asked for', value: secret.paths, threshold: minSecret, setting: 'scanners.minSecretPaths' }
              : null,
        windowMs: null,
        firstSeen: Number.isFinite(first) ? first : null,
        lastSeen: last || null,
        query: tool && !called && !sweep ? `src_ip:${qv(ip)} ua:${qv(`*${agents.find((a) => a.tool === `attack:${tool}` || a.tool === `mass:${tool}`)?.agent.slice(0, 40).replace(/[*,]/g, '') ?? tool}*`)}` : (walk || acct) && !sweep && Number.isFinite(first) ? `src_ip:${qv(ip)} ts:${first}..${last}` : sweep ? `src_ip:${qv(ip)} status:404` : `src_ip:${qv(ip)}`,
        score: attackTools.length || called ? 0.9 : massMore && !sweep && !walk && !secret && !acct ? 0.5 : acct && !sweep && !walk && !secret ? scoreOver(asked, minAccounts) : secret && !sweep && !walk ? scoreOver(secret.paths, minSecret) : walk ? Math.max(scoreOver(walk.steps, minEnum), scoreOver(sweep?.missingPaths ?? 0, minMissing)) : scoreOver(sweep?.missingPaths ?? minMissing, minMissing),
      });
    }
    const reported = new Set(out.map((d) => d.entity));
    // a few mass-scanner visits each named (low); many are one list with the research scanners
    const massAlone = [...new Set(ctx.agg.agents.filter((a) => a.tool.startsWith('mass:') && !reported.has(a.ip)).map((a) => a.ip))];
    if (massAlone.length <= ctx.num('massGroupSources')) {
      for (const ip of massAlone) {
        out.push(massVisit(ip, agentsBy.get(ip)!, pathsBy.get(ip) ?? 0, massPaths));
        reported.add(ip);
      }
    }
    const research = researchScanners(ctx.agg.agents, reported, massPaths);
    if (research) out.push(research);
    for (const [name, list] of crawled) {
      if (list.length < 3) {
        out.push(...list);
        continue;
      }
      const ips = list.map((d) => d.entity);
      const missing = list.reduce((s, d) => s + Number(d.numbers.missingPaths ?? 0), 0);
      out.push({
        ...list[0]!,
        entity: name,
        entityType: 'user_agent',
        title: `${name} (verified) from ${count(ips.length)} addresses: ${count(missing)} missing paths`,
        explanation:
          `${name}, verified on each of its ${count(ips.length)} addresses (${ips.slice(0, 5).join(', ')}${ips.length > 5 ? ' …' : ''}), asked for ${count(missing)} paths that do not exist. ` +
          `A search engine re-crawls links it once saw; its 404s point at moved or deleted pages, not at an attack. Reported once, at info.`,
        numbers: { addresses: ips.length, missingPaths: missing },
        firstSeen: list.reduce<number | null>((m, d) => minTs(m, d.firstSeen), null),
        lastSeen: list.reduce<number | null>((m, d) => maxTs(m, d.lastSeen), null),
        query: `src_ip:${ips.slice(0, 50).map(qv).join(',')} status:404`,
        score: 0,
      });
    }
    return out;
  },
};

/** One source whose only trace is an internet-wide scanning tool (masscan, ZGrab) asking for a path or two: low. */
function massVisit(ip: string, agents: readonly AgentRow[], paths: number, massPaths: number): DraftFinding {
  const mass = agents.filter((a) => a.tool.startsWith('mass:'));
  const tools = [...new Set(mass.map((a) => a.tool.slice(5)))];
  const requests = mass.reduce((n, a) => n + a.requests, 0);
  const first = mass.reduce<number | null>((m, a) => minTs(m, a.first), null);
  const last = mass.reduce<number | null>((m, a) => maxTs(m, a.last), null);
  return {
    detector: 'scanners',
    severity: 'low',
    entity: ip,
    entityType: 'ip',
    title: `Internet-wide scanner at ${ip}: ${formatList(tools)} (${count(requests)} request(s))`,
    explanation:
      `${ip} (${ipScope(ip)}) sent ${count(requests)} request(s) with ${formatList(tools)}'s user agent ${overSpan(first, last)}, asking for ${count(paths)} distinct path(s). ` +
      `${formatList(tools)} ${tools.length > 1 ? 'are tools' : 'is a tool'} internet-wide scans are made with: researchers and attackers alike ask every address on the internet for / or a well-known file, to map what answers. ` +
      `Asking no more than ${massPaths} paths (scanners.massScanPaths), with no attack payload and no secret file served, it is that background, not an attack aimed at this site, so it is low; it is worth a look only for what the site answered. ` +
      'More paths, a payload or a secret file answered 2xx would make it medium. The threshold is a known internet-wide scanning tool\'s user agent.',
    numbers: { tools: tools.join(','), requests, distinctPaths: paths },
    threshold: null,
    windowMs: null,
    firstSeen: first,
    lastSeen: last,
    query: `src_ip:${qv(ip)}`,
    score: 0.1,
  };
}

/**
 * Internet-wide research scanners (Censys, Expanse, Shodan, LeakIX, InternetMeasurement) and the
 * tools such scans are made with (masscan, ZGrab): they visit every address on the internet, so a
 * few requests from them are background, not an attack on this site; one low finding lists them
 * (what they index, attackers search). A source with other evidence (a 404 sweep, secret files,
 * payloads, more than scanners.massScanPaths paths) has its own finding, and is left out here.
 */
function researchScanners(agents: readonly AgentRow[], reported: ReadonlySet<string>, massPaths: number): DraftFinding | null {
  const byTool = new Map<string, { ips: Set<string>; requests: number; first: number | null; last: number | null; agent: string; mass: boolean }>();
  for (const a of agents) {
    if (!(a.tool.startsWith('research:') || a.tool.startsWith('mass:')) || reported.has(a.ip)) continue;
    const name = a.tool.slice(a.tool.indexOf(':') + 1);
    let t = byTool.get(name);
    if (!t) byTool.set(name, (t = { ips: new Set(), requests: 0, first: null, last: null, agent: a.agent, mass: a.tool.startsWith('mass:') }));
    t.ips.add(a.ip);
    t.requests += a.requests;
    t.first = minTs(t.first, a.first);
    t.last = maxTs(t.last, a.last);
  }
  if (!byTool.size) return null;
  const tools = [...byTool].sort((a, b) => b[1].requests - a[1].requests);
  const ips = [...new Set(tools.flatMap(([, t]) => [...t.ips]))];
  const requests = tools.reduce((n, [, t]) => n + t.requests, 0);
  const first = tools.reduce<number | null>((m, [, t]) => minTs(m, t.first), null);
  const last = tools.reduce<number | null>((m, [, t]) => maxTs(m, t.last), null);
  const mass = tools.filter(([, t]) => t.mass).map(([name]) => name);
  return {
    detector: 'scanners',
    severity: 'low',
    entity: 'internet research scanners',
    entityType: 'population',
    title: `Internet-wide scanners: ${formatList(tools.map(([name]) => name))} (${count(requests)} requests from ${count(ips.length)} addresses)`,
    explanation:
      `${tools.map(([name, t]) => `${name}: ${count(t.requests)} request(s) from ${count(t.ips.size)} address(es) (${formatList([...t.ips], 4)})`).join('; ')}, ${overSpan(first, last)}. ` +
      'These services scan every address on the internet many times a day and publish what answers (software versions, titles, certificates); their user agents say who they are. They are not aimed at this site, so this is low, listed because what they index is what attackers search for: check that nothing they reached should be public. ' +
      (mass.length
        ? `${formatList(mass)} ${mass.length > 1 ? 'are tools' : 'is a tool'} such scans are made with, by researchers and by attackers mapping the internet for a flaw they can use; ${mass.length > 1 ? 'these' : 'this'} asked for no more than ${massPaths} paths (scanners.massScanPaths), carried no attack payload and got no secret file: the same background. `
        : '') +
      'A source that also swept missing paths, asked for secret files or sent payloads has its own finding. The threshold is a known internet-wide scanner\'s user agent.',
    numbers: { sourceCount: ips.length, sources: ips.slice(0, 50).join(','), requests, tools: tools.map(([name]) => name).join(',') },
    threshold: null,
    windowMs: null,
    firstSeen: first,
    lastSeen: last,
    query: `src_ip:${ips.slice(0, 100).map(qv).join(',')}`,
    score: 0.1,
  };
}
