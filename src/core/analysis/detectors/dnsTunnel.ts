// DNS tunnelling and exfiltration over DNS: one source asking a registered domain for many
// distinct names whose subdomain part is long and reads as encoded data (hex, base32, base64),
// often with TXT/NULL/CNAME answers to carry data back. Services that put data in names by
// design (CDNs, antivirus reputation lookups, DNSBLs) are left out by a table; reverse lookups
// (arpa) and mDNS never count; address-shaped and service-label names are capped.
import type { Severity } from '../../../shared/model';
import type { DetectorDef, DgaRow, DraftFinding, ProfileRow } from '../types';
import { atMost, bytes, count, overSpan, qv, scoreOver } from './util';

// A tunnel needs the name servers of its domain to answer it: these domains' servers are their
// operators', so leaving them out hides no tunnel through them.
const KNOWN_DEFAULT = [
  // CDNs and cloud front ends: generated host names, many per client
  'akamaiedge.net', 'akamai.net', 'akamaihd.net', 'akadns.net', 'edgekey.net', 'edgesuite.net', 'cloudfront.net', 'azureedge.net', 'azurefd.net',
  'trafficmanager.net', 'googlevideo.com', 'gvt1.com', '1e100.net', 'googleusercontent.com', 'fastly.net', 'fastlylb.net', 'cloudflare.net', 'llnwd.net', 'amazonaws.com',
  // antivirus and URL reputation lookups: file hashes and URLs encoded in the name, by design
  'sophosxl.net', 'sophosxl.com', 'mcafee.com', 'e5.sk', 'trendmicro.com', 'kaspersky-labs.com', 'brightcloud.com', 'avast.com', 'avg.com', 'cymru.com',
  // DNS block lists (reversed addresses and hashed domains) and DKIM keys under mail providers
  'spamhaus.org', 'spamhaus.net', 'spamcop.net', 'barracudacentral.org', 'sorbs.net', 'surbl.org', 'uribl.com', 'dnswl.org', 'mailspike.net', 'abuseat.org', 'senderscore.com', 'invaluement.com', 'junkemailfilter.com', 'dronebl.org', 'manitu.net', 'spameatingmonkey.net', 'amazonses.com',
].join(',');

/** Share of a domain's names of one kind for the kind to describe the domain. */
const MOST = 0.5;

const pct = (x: number): string => `${Math.round(x * 100)} %`;

export const dnsTunnel: DetectorDef = {
  name: 'dnsTunnel',
  title: 'DNS tunnelling',
  description:
    'Looks at DNS query logs (BIND, Windows DNS, Unbound, dnsmasq/Pi-hole, Zeek dns.log, Suricata eve.json, Route 53 Resolver) per source and registered domain (the name minus its subdomains; co.uk-style two-level suffixes known): how many distinct names it asked, how long their subdomain part is, its character entropy and how many labels read as hex, base32 or base64, the share of TXT/NULL/CNAME/MX queries and the bytes of names sent. Many long, encoded-looking names under one domain is how data is smuggled out through DNS (iodine, dnscat2, DNS beacons, DNSExfiltrator): medium, and high with a large volume, many names or data-carrying record types. CDNs, antivirus reputation lookups and DNS block lists put data in names by design and are left out (dnsTunnel.knownDomains); reverse (PTR) and mDNS lookups never count; names that are reversed addresses or SRV/DKIM service lookups are at most low, and so is a domain many sources ask such names of without TXT/NULL queries (a service built that way, not one host\'s tunnel). Also a host asking for many registered domains whose own names read as generated (a domain generation algorithm, DGA, looking for its controller).',
  settings: [
    { key: 'minUniqueNames', default: 50, description: 'distinct names one source asks under one registered domain before it is judged' },
    { key: 'minSubdomainLength', default: 20, description: 'mean characters of the subdomain part (the labels left of the registered domain) that count as long names' },
    { key: 'minEntropy', default: 3.8, description: 'mean character entropy of the subdomain part, bits per character, that counts as encoded even without encoded-looking labels' },
    { key: 'highUniqueNames', default: 500, description: 'distinct long encoded names for high severity on their own' },
    { key: 'minDataTypeShare', default: 0.3, description: 'share of TXT/NULL/CNAME/MX queries that, with long encoded names, makes the finding high' },
    { key: 'minQueryBytes', default: 50_000, description: 'bytes of names sent to the domain that, with long encoded names, make the finding high' },
    { key: 'flowQueries', default: 1000, description: 'flows one source sent to port 53 before their mean size is judged (flow logs, where the names are not seen)' },
    { key: 'flowQueryBytes', default: 160, description: 'mean bytes of those flows above which the queries carry data: an ordinary query is 40-100 bytes, a tunnel fills its names' },
    { key: 'flowHighBytes', default: 20_000_000, description: 'bytes sent to port 53 in such large queries for high severity' },
    { key: 'dgaDomains', default: 25, description: 'registered domains whose own label reads as generated (10+ letters and digits, few vowels or digits mixed in) one source must ask: malware looking for its controller by a domain generation algorithm (DGA)' },
    { key: 'dgaHighDomains', default: 100, description: 'such domains for high severity' },
    { key: 'sharedSources', default: 10, description: 'sources asking encoded-looking names under one domain (3 or more names each) for it to be a service many machines use by design (ad frames, telemetry, reputation lookups): at most low, unless TXT/NULL queries carry the data (dnsTunnel.minDataTypeShare)' },
    { key: 'knownDomains', default: KNOWN_DEFAULT, description: 'registered domains (comma-separated) of services that put data in names by design: CDNs, antivirus reputation, DNS block lists; not judged' },
  ],
  needs: ['dns', 'dga', 'profile'],
  incremental: true,
  detect(ctx) {
    const minNames = ctx.num('minUniqueNames');
    const minLength = ctx.num('minSubdomainLength');
    const minEntropy = ctx.num('minEntropy');
    const highNames = ctx.num('highUniqueNames');
    const minShare = ctx.num('minDataTypeShare');
    const minBytes = ctx.num('minQueryBytes');
    const known = new Set(
      ctx
        .text('knownDomains')
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter((d) => d !== ''),
    );
    const sharedMin = ctx.num('sharedSources');
    const askers = new Map<string, number>();
    for (const a of ctx.agg.dnsAskers) askers.set(a.domain, (askers.get(a.domain) ?? 0) + a.sources);
    const named = new Set(ctx.agg.dns.map((r) => r.ip));
    const flows = flowTunnels(ctx.agg.profile.filter((r) => !named.has(r.ip)), ctx.num('flowQueries'), ctx.num('flowQueryBytes'), ctx.num('flowHighBytes'));
    const dga = generatedLookups(ctx.agg.dga, ctx.num('dgaDomains'), ctx.num('dgaHighDomains'), ctx.num('riskyServices.resolverDomains'));
    return [...flows, ...dga, ...ctx.agg.dns
      .filter((r) => r.names >= minNames && !known.has(r.domain))
      .flatMap((r) => {
        const encodedShare = r.encoded / r.names;
        const dataShare = r.queries ? r.dataTypes / r.queries : 0;
        const long = r.avgLength >= minLength;
        const encoded = encodedShare >= MOST || r.avgEntropy >= minEntropy;
        if (!long && !encoded) return [];
        const reversed = r.reversedIp / r.names >= MOST;
        const service = r.service / r.names >= MOST;
        const heavy = r.names >= highNames || dataShare >= minShare || r.bytes >= minBytes;
        let severity: Severity = long && encoded ? (heavy ? 'high' : 'medium') : 'low';
        // a tunnel is one infected host, or a few; dozens asking alike is a service built that way
        const shared = askers.get(r.domain) ?? 0;
        const common = shared >= sharedMin && dataShare < minShare;
        if (reversed || service || common) severity = atMost(severity, 'low');
        const crossed = [
          `${count(r.names)} distinct names (dnsTunnel.minUniqueNames ${minNames})`,
          long ? `a mean subdomain of ${r.avgLength.toFixed(1)} characters (dnsTunnel.minSubdomainLength ${minLength})` : null,
          encodedShare >= MOST ? `${pct(encodedShare)} of the names with an encoded-looking label` : null,
          r.avgEntropy >= minEntropy ? `a mean entropy of ${r.avgEntropy.toFixed(2)} bits per character (dnsTunnel.minEntropy ${minEntropy})` : null,
        ].filter((x): x is string => x !== null);
        const heavyWhy = [
          r.names >= highNames ? `${count(r.names)} names (dnsTunnel.highUniqueNames ${highNames})` : null,
          dataShare >= minShare ? `${pct(dataShare)} TXT/NULL/CNAME/MX queries (dnsTunnel.minDataTypeShare ${pct(minShare)})` : null,
          r.bytes >= minBytes ? `${bytes(r.bytes)} of names sent (dnsTunnel.minQueryBytes ${bytes(minBytes)})` : null,
        ].filter((x): x is string => x !== null);
        const why = severity === 'high'
          ? `high because the names are long and encoded-looking, with ${heavyWhy.join(', ')}`
          : reversed
            ? 'at most low because most names are reversed addresses: DNS block list or reputation lookups of the addresses a mail or web server sees'
            : service
              ? 'at most low because most names carry service labels (_ldap, _kerberos, _domainkey, dkim): directory and mail lookups'
              : common
                ? `at most low because ${count(shared)} sources asked encoded-looking names under ${r.domain} (dnsTunnel.sharedSources ${sharedMin}), mostly not for TXT/NULL: a service many machines use that puts data in names by design (ad frames, telemetry, reputation lookups); a tunnel is one infected host or a few`
              : long && encoded
                ? 'medium: long encoded-looking names without the volume, the count or the TXT/NULL answers of a bulk transfer; a slow beacon or a small leak looks like this'
                : `low: the names are ${long ? 'long but do not read as encoded data' : 'encoded-looking but short'}`;
        return [{
          detector: 'dnsTunnel',
          severity,
          entity: `${r.ip} -> ${r.domain}`,
          entityType: 'pair' as const,
          title: `DNS tunnelling suspected: ${r.ip} asked ${count(r.names)} distinct names under ${r.domain}`,
          explanation:
            `${r.ip} sent ${count(r.queries)} DNS queries for ${count(r.names)} distinct names under ${r.domain} ${overSpan(r.first, r.last)}: the subdomain part averages ${r.avgLength.toFixed(1)} characters (longest label ${r.avgLongest.toFixed(1)}), ${r.avgEntropy.toFixed(2)} bits of entropy per character, ${pct(encodedShare)} of the names carry a hex/base32/base64-looking label, ${pct(dataShare)} of the queries ask for TXT/NULL/CNAME/MX, ${bytes(r.bytes)} of names sent. ` +
            `Samples: ${r.samples.join(' ')}. ` +
            `Thresholds crossed: ${crossed.join('; ')}; ${why}. ` +
            `Tunnels (iodine, dnscat2, Cobalt Strike DNS beacons, DNSExfiltrator) write the data they carry into the labels of names under a domain the attacker's server answers for, so each query is a new name. ` +
            `A benign cause would be a service that encodes lookups in names (an antivirus or reputation service, a CDN or telemetry client not in dnsTunnel.knownDomains): check who owns ${r.domain} and which process on ${r.ip} asks it.`,
          numbers: {
            askingSources: shared, uniqueNames: r.names, queries: r.queries, avgSubdomainLength: Math.round(r.avgLength * 10) / 10, avgLongestLabel: Math.round(r.avgLongest * 10) / 10,
            avgEntropy: Math.round(r.avgEntropy * 100) / 100, encodedShare: Math.round(encodedShare * 100) / 100, dataTypeShare: Math.round(dataShare * 100) / 100, queryBytes: r.bytes, domain: r.domain, samples: r.samples.join(' '),
          },
          threshold: { metric: `distinct names under ${r.domain}`, value: r.names, threshold: minNames, setting: 'dnsTunnel.minUniqueNames' },
          windowMs: null,
          firstSeen: r.first,
          lastSeen: r.last,
          query: `src_ip:${qv(r.ip)} host:*.${qv(r.domain)}`,
          score: scoreOver(r.names, minNames) * (severity === 'high' ? 1 : severity === 'medium' ? 0.8 : 0.5),
        }];
      })];
  },
};

/**
 * DNS tunnelling seen in flow logs only (no query log): many queries to port 53 whose mean size is
 * far above an ordinary query's. The names are not in a flow, so the finding says where to look.
 */
function flowTunnels(rows: readonly ProfileRow[], minFlows: number, minMean: number, highBytes: number): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const r of rows) {
    const n = r.dnsFlows ?? 0;
    const mean = r.dnsAvgBytes ?? 0;
    if (n < minFlows || mean < minMean) continue;
    const total = n * mean;
    const severity: Severity = total >= highBytes ? 'high' : 'medium';
    out.push({
      detector: 'dnsTunnel',
      severity,
      entity: r.ip,
      entityType: 'ip',
      title: `DNS tunnelling suspected from ${r.ip}: ${count(n)} queries of ${bytes(Math.round(mean))} on average`,
      explanation:
        `${r.ip} sent ${count(n)} flows to port 53 averaging ${bytes(Math.round(mean))} (${bytes(Math.round(total))} in all) ${overSpan(r.first, r.last)}. An ordinary DNS query is 40-100 bytes; queries this large, this many, carry data in their names, which is how iodine, dnscat2 and DNS beacons move data through a resolver. ` +
        `Thresholds: ${minFlows} queries (dnsTunnel.flowQueries) averaging ${bytes(minMean)} or more (dnsTunnel.flowQueryBytes)${severity === 'high' ? `; high from ${bytes(highBytes)} sent (dnsTunnel.flowHighBytes)` : ''}. ` +
        `Flow logs do not show the names: the resolver's query log for ${r.ip} will (long random-looking labels under one domain). A benign cause would be a resolver forwarding many clients' queries, or DNSSEC/EDNS-heavy lookups from a mail server.`,
      numbers: { queries: n, meanBytes: Math.round(mean), bytes: Math.round(total) },
      threshold: { metric: 'mean bytes of flows to port 53', value: Math.round(mean), threshold: minMean, setting: 'dnsTunnel.flowQueryBytes', unit: 'bytes' },
      windowMs: null,
      firstSeen: r.first,
      lastSeen: r.last,
      query: `src_ip:${qv(r.ip)} dst_port:53`,
      score: scoreOver(total, highBytes / 4),
    });
  }
  return out;
}

/**
 * A source asking for many registered domains whose own names read as generated (dns.ts
 * generatedDomain): malware whose domain generation algorithm (DGA) makes up hundreds of names a
 * day, of which its operator registers one. A resolver asking them among thousands of ordinary
 * domains on its clients' behalf is low and points at its clients.
 */
function generatedLookups(rows: readonly DgaRow[], min: number, high: number, resolver: number): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const r of rows) {
    if (r.domains < min) continue;
    const share = r.domains / Math.max(1, r.asked);
    const forwarding = r.asked >= resolver && share < 0.2;
    const severity: Severity = forwarding ? 'low' : r.domains >= high ? 'high' : 'medium';
    out.push({
      detector: 'dnsTunnel',
      severity,
      entity: r.ip,
      key: 'dga',
      entityType: 'ip',
      title: `Generated domain names (DGA) asked by ${r.ip}: ${count(r.domains)} random-looking domains`,
      explanation:
        `${r.ip} asked for ${count(r.domains)} registered domains whose own names read as generated, not chosen (10 or more letters and digits, varied, with few vowels, a run of five consonants or digits mixed in), ${pct(share)} of the ${count(r.asked)} registered domains it asked, ${overSpan(r.first, r.last)}; for example ${r.samples.slice(0, 5).join(' ')}. ` +
        `Malware that finds its controller by a domain generation algorithm (Conficker, Necurs, Ramnit, QakBot) makes up hundreds of such names a day and asks for each; the one its operator registered answers. ` +
        `Thresholds: ${min} such domains (dnsTunnel.dgaDomains)${severity === 'high' ? `; high from ${high} (dnsTunnel.dgaHighDomains)` : ''}. ` +
        (forwarding
          ? `It asked ${count(r.asked)} registered domains in all (riskyServices.resolverDomains: ${resolver}), few of them generated-looking, as a resolver forwarding its clients' questions does, so it is low: the infected machine is one of its clients, whose own queries name it. `
          : '') +
        `A benign cause would be a security product or a browser testing the network with random names (those are usually single labels, not counted), or a CDN's generated host names under its own domain (counted once, as one domain): find which process on ${r.ip} asks, and which of these names answered.`,
      numbers: { generatedDomains: r.domains, domainsAsked: r.asked, generatedShare: Math.round(share * 100) / 100, samples: r.samples.slice(0, 5).join(' ') },
      threshold: { metric: 'generated-looking registered domains asked', value: r.domains, threshold: min, setting: 'dnsTunnel.dgaDomains' },
      windowMs: null,
      firstSeen: r.first,
      lastSeen: r.last,
      query: `src_ip:${qv(r.ip)} host:${r.samples.map(qv).join(',')}`,
      score: scoreOver(r.domains, min) * (forwarding ? 0.5 : 1),
    });
  }
  return out;
}
