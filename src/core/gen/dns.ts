// dns.log: the query log of a site's BIND resolver: inside clients resolving popular names (Zipf),
// and lookups that put data in names by design (benign): CDN host names, antivirus reputation
// lookups, a mail server's DNS block list, DKIM and PTR lookups, SRV lookups of the directory.
// Planted: a fast iodine-like tunnel (long base32 names, NULL/TXT) and a slow hex DNS beacon.
import { AttackerIps, internalClient } from './ips';
import { MIN, Plan, TooFewLines } from './plan';
import { clamp, type Rng, Rng as RngClass, Zipf } from './rng';
import { LineSink } from './sink';
import { BackgroundClock, periodicTimes, randomWindow, runTimeline, sortByTime, spreadTimes } from './timeline';
import { bindTime } from './timefmt';
import type { FileContext, FileResult } from './types';

export interface DnsEvent {
  ts: number;
  client: string;
  name: string;
  type: string;
}

const RESOLVER = '192.168.100.53';
const MAIL_SERVER = '192.168.100.25';
const POPULAR = [
  'www.google.com', 'www.googleapis.com', 'fonts.gstatic.com', 'login.microsoftonline.com', 'outlook.office365.com', 'teams.microsoft.com', 'www.bing.com',
  'graph.microsoft.com', 'update.googleapis.com', 'clients4.google.com', 'github.com', 'api.github.com', 'www.wikipedia.org', 'en.wikipedia.org', 'www.bbc.co.uk',
  'slack.com', 'edge.microsoft.com', 'ocsp.digicert.com', 'ctldl.windowsupdate.com', 'www.amazon.com', 'images-na.ssl-images-amazon.com', 'www.youtube.com',
  'i.ytimg.com', 'connect.facebook.net', 'www.linkedin.com', 'static.licdn.com', 'zoom.us', 'cdn.jsdelivr.net', 'time.windows.com', 'dns.msftncsi.com',
];
const SENDERS = ['example.com', 'contoso.com', 'fabrikam.co.uk', 'northwind.net', 'adatum.org', 'litware.com', 'tailspin.io', 'wingtip.de', 'proseware.fr', 'fourthcoffee.com'];
const TUNNEL_DOMAINS = ['cdn-telemetry-sync.com', 'updatecheck-svc.net', 'metrics-edge.co.uk', 'static-cache-node.org', 'winupdate-mirror.info'];
const HEX = '0123456789abcdef';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const chars = (rng: Rng, alphabet: string, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
};
const reversedIp = (rng: Rng): string => `${rng.int(1, 254)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(11, 223)}`;

/** Ordinary lookups: a fixed population of clients, popular names, A/AAAA/HTTPS. */
class DnsBackground {
  private readonly clients: string[];
  private readonly who: Zipf;
  private readonly what: Zipf;
  constructor(private readonly rng: Rng) {
    this.clients = Array.from({ length: 150 }, () => internalClient(rng));
    this.who = new Zipf(this.clients.length, 1.05);
    this.what = new Zipf(POPULAR.length, 1.1);
  }
  take(ts: number): DnsEvent {
    const r = this.rng.float();
    return { ts, client: this.clients[this.who.sample(this.rng)]!, name: POPULAR[this.what.sample(this.rng)]!, type: r < 0.55 ? 'A' : r < 0.85 ? 'AAAA' : 'HTTPS' };
  }
}

/** Names made by `make`, queried by `client` at `n` spread times. */
function lookups(plan: Plan<DnsEvent>, rng: Rng, client: () => string, n: number, make: () => [string, string]): number {
  for (const ts of spreadTimes(rng, plan.ctx.start, plan.span, n)) {
    const [name, type] = make();
    plan.add([{ ts, client: client(), name, type }]);
  }
  return n;
}

function benignTraps(plan: Plan<DnsEvent>, rng: Rng, lines: number): void {
  const anyClient = (): string => internalClient(rng);
  const mail = (): string => MAIL_SERVER;
  const n = (share: number, lo: number, hi: number): number => clamp(Math.round(lines * share), lo, hi);
  let c = lookups(plan, rng, anyClient, n(0.01, 300, 20_000), () => {
    const k = rng.int(0, 3);
    const name = k === 0 ? `e${rng.int(1000, 99999)}.dscx.akamaiedge.net` : k === 1 ? `d${chars(rng, HEX, 13)}.cloudfront.net` : k === 2 ? `${chars(rng, B32, 10)}.azureedge.net` : `rr${rng.int(1, 9)}---sn-${chars(rng, B32, 8)}.googlevideo.com`;
    return [name, rng.chance(0.7) ? 'A' : 'AAAA'];
  });
  plan.benignTrap('cdn_names', 'many clients', c, 'CDN and cloud front-end host names (akamaiedge, cloudfront, azureedge, googlevideo): generated labels, many per client');
  c = lookups(plan, rng, anyClient, n(0.005, 250, 10_000), () => (rng.chance(0.5) ? [`${chars(rng, HEX, 40)}.avqs.mcafee.com`, 'A'] : [`0.${chars(rng, B32, 40)}.${chars(rng, HEX, 16)}.3.sophosxl.net`, 'A']));
  plan.benignTrap('av_reputation', 'many clients', c, 'antivirus reputation lookups (avqs.mcafee.com, sophosxl.net): file hashes encoded in the names, by design');
  c = lookups(plan, rng, mail, n(0.006, 300, 12_000), () => [`${reversedIp(rng)}.${rng.pick(['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org'])}`, 'A']);
  plan.benignTrap('dnsbl_lookups', MAIL_SERVER, c, 'the mail server checking connecting addresses against DNS block lists (reversed addresses under spamhaus, spamcop, barracudacentral)');
  c = lookups(plan, rng, mail, n(0.003, 150, 6_000), () => {
    const k = rng.int(0, 2);
    return k === 0 ? [`${reversedIp(rng)}.in-addr.arpa`, 'PTR'] : k === 1 ? [`selector${rng.int(1, 2)}._domainkey.${rng.pick(SENDERS)}`, 'TXT'] : [rng.pick(SENDERS), 'MX'];
  });
  plan.benignTrap('mail_lookups', MAIL_SERVER, c, 'the mail server looking up senders: PTR of connecting addresses, DKIM keys (_domainkey TXT), MX records');
  c = lookups(plan, rng, anyClient, n(0.002, 100, 4_000), () => [`_${rng.pick(['ldap', 'kerberos'])}._tcp.${rng.pick(['dc', 'Default-First-Site-Name._sites.dc', 'pdc'])}._msdcs.corp.example.com`, 'SRV']);
  plan.benignTrap('srv_lookups', 'many clients', c, 'domain-joined clients finding their domain controllers (_ldap/_kerberos SRV under _msdcs)');
}

function tunnels(plan: Plan<DnsEvent>, rng: Rng, lines: number): void {
  const { start, end } = plan.ctx;
  // fast: iodine-like, a file pushed out in a burst, NULL and TXT answers carrying data back
  const fast = internalClient(rng);
  const fastDomain = rng.pick(TUNNEL_DOMAINS);
  const fastN = clamp(Math.round(lines * 0.01), 800, 20_000);
  const dur = rng.int(20, 60) * MIN;
  const t0 = randomWindow(rng, start, end, dur);
  const fastRows = spreadTimes(rng, t0, Math.min(dur, plan.span * 0.9), fastN).map((ts) => ({ ts, client: fast, name: `${chars(rng, B32, rng.int(48, 60))}.${chars(rng, B32, rng.int(20, 40))}.t.${fastDomain}`, type: rng.chance(0.7) ? 'NULL' : 'TXT' }));
  plan.add(fastRows);
  plan.incident('dns_tunnel', `${fast} -> ${fastDomain}`, 'pair', fastRows, `${fastN} queries for distinct long base32 names under ${fastDomain} in ${Math.round(dur / MIN)} min, NULL and TXT: data carried out through DNS (iodine-like)`, {
    intensity: 'fast', details: { domain: fastDomain, names: fastN, queryType: 'NULL,TXT' },
  });
  // slow: a DNS beacon, one hex name every few minutes for hours
  const slow = internalClient(rng);
  const slowDomain = rng.pick(TUNNEL_DOMAINS.filter((d) => d !== fastDomain));
  const interval = rng.int(60, 300) * 1000;
  const slowN = clamp(Math.floor((plan.span * 0.8) / interval), 120, 1000);
  const s0 = randomWindow(rng, start, end, slowN * interval);
  const slowRows = periodicTimes(rng, s0, interval, interval * 0.05, slowN).map((ts) => ({ ts, client: slow, name: `${chars(rng, HEX, rng.int(24, 32))}.${slowDomain}`, type: rng.chance(0.8) ? 'A' : 'TXT' }));
  plan.add(slowRows);
  plan.incident('dns_tunnel', `${slow} -> ${slowDomain}`, 'pair', slowRows, `a DNS beacon: ${slowN} hex-encoded names under ${slowDomain}, one every ${Math.round(interval / 1000)} s`, {
    intensity: 'slow', details: { domain: slowDomain, names: slowN, intervalSeconds: Math.round(interval / 1000) },
  });
}

export async function generateDnsFile(ctx: FileContext): Promise<FileResult> {
  const file = ctx.path.split('/').pop() as string;
  const plan = new Plan<DnsEvent>({
    rng: new RngClass(ctx.seed, 'dns:plan'), seed: ctx.seed, lines: ctx.lines, start: ctx.start, end: ctx.end, file, key: 'dns',
    attackers: new AttackerIps(ctx.seed, ctx.fileIndex),
  });
  tunnels(plan, new RngClass(ctx.seed, 'dns:tunnels'), ctx.lines);
  benignTraps(plan, new RngClass(ctx.seed, 'dns:benign'), ctx.lines);
  const planted = sortByTime(plan.events);
  if (planted.length > ctx.lines * 0.9) throw new TooFewLines(Math.ceil(planted.length / 0.9), file, ctx.lines);
  const bg = new DnsBackground(new RngClass(ctx.seed, 'dns:population'));
  const clock = new BackgroundClock(new RngClass(ctx.seed, 'dns:clock'), ctx.start, ctx.end, ctx.lines - planted.length);
  const ports = new RngClass(ctx.seed, 'dns:ports');
  const sink = new LineSink(ctx.path, ctx.gzip);
  const t = bindTime();
  await runTimeline(planted, ctx.lines - planted.length, clock, (ts) => bg.take(ts), (e) =>
    sink.push(`${t(e.ts)} client @0x7f${ports.int(0x10000000, 0x7fffffff).toString(16)} ${e.client}#${ports.int(1024, 65535)} (${e.name}): query: ${e.name} IN ${e.type} +E(0)K (${RESOLVER})`),
  );
  const bytes = await sink.close();
  return { info: { path: file, format: 'dns', records: sink.lines, bytes, gzip: ctx.gzip }, incidents: plan.incidents, benign: plan.benign };
}
