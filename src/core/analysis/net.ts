// Offline knowledge about addresses and agents: private ranges, the published crawler ranges
// of the big search engines (bundled, no DNS), and the user agents of attack tools.
import type { CrawlerRow, CrawlerVerdict } from './types';

function ipv4ToInt(ip: string): number | null {
  // by hand, not a regex and an array: this runs for every source of a case (scope, ranges), and a
  // million-source flood spent seconds here
  const n = ip.length;
  if (n < 7 || n > 15) return null;
  let v = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = ip.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return null;
    } else if (c === 46 && digits > 0 && dots < 3) {
      v = v * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return v * 256 + part;
}

/** The eight 16-bit groups of an IPv6 address (no zone, no embedded IPv4), or null. */
function ipv6Groups(ip: string): number[] | null {
  if (!/^[0-9a-f:]+$/i.test(ip) || ip.split('::').length > 2) return null;
  const [head = '', tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  if (tail === undefined ? h.length !== 8 : h.length + t.length > 7) return null;
  const groups = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups.map((g) => parseInt(g, 16)) : null;
}

function inCidr6(ip: string, base: string, n: number): boolean {
  const a = ipv6Groups(ip);
  const b = ipv6Groups(base);
  if (!a || !b) return false;
  for (let i = 0; i < 8 && n > 0; i++, n -= 16) {
    const mask = n >= 16 ? 0xffff : (0xffff << (16 - n)) & 0xffff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

/** A parsed IPv4 range: its base address and mask as unsigned 32-bit numbers. */
interface Range4 { base: number; mask: number }
const ranges4 = new Map<string, Range4 | null>();
function range4(cidr: string): Range4 | null {
  let r = ranges4.get(cidr);
  if (r === undefined) {
    const [base, bits] = cidr.split('/');
    const b = ipv4ToInt(base!);
    const n = Number(bits);
    const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    r = b === null ? null : { base: (b & mask) >>> 0, mask };
    ranges4.set(cidr, r);
  }
  return r;
}

function inCidr(ip: string, cidr: string): boolean {
  if (cidr.includes(':')) {
    const [base, bits] = cidr.split('/');
    return ip.includes(':') && inCidr6(ip, base!, Number(bits));
  }
  const a = ipv4ToInt(ip);
  const r = range4(cidr);
  return a !== null && r !== null && ((a & r.mask) >>> 0) === r.base;
}

const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10'];
const PRIVATE_RANGES = PRIVATE_V4.map((c) => range4(c)!);

/** RFC 1918 / loopback / link-local / CGNAT, and IPv6 ULA / link-local / loopback. */
export function isPrivateIp(ip: string): boolean {
  if (ip.includes(':')) {
    const l = ip.toLowerCase();
    return l === '::1' || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('fe80');
  }
  const a = ipv4ToInt(ip);
  return a !== null && PRIVATE_RANGES.some((r) => ((a & r.mask) >>> 0) === r.base);
}

interface Range6 { groups: number[]; bits: number }
/**
 * Edge ranges the big CDNs publish (bundled; no lookup): Cloudflare's and Fastly's lists as
 * published, and the long-standing CloudFront edge blocks (AWS publishes more, and moves them; a
 * CloudFront address not listed here is simply not trusted). A CDN edge in front of a web server
 * is its remote address on every request, and the address it forwarded is the client.
 */
const CDN_EDGES: readonly { name: string; ranges: string[] }[] = [
  {
    name: 'Cloudflare',
    ranges: ['173.245.48.0/20', '103.21.244.0/22', '103.22.200.0/22', '103.31.4.0/22', '141.101.64.0/18', '108.162.192.0/18', '190.93.240.0/20', '188.114.96.0/20', '197.234.240.0/22', '198.41.128.0/17', '162.158.0.0/15', '104.16.0.0/13', '104.24.0.0/14', '172.64.0.0/13', '131.0.72.0/22', '2400:cb00::/32', '2606:4700::/32', '2803:f800::/32', '2405:b500::/32', '2405:8100::/32', '2a06:98c0::/29', '2c0f:f248::/32'],
  },
  {
    name: 'Fastly',
    ranges: ['23.235.32.0/20', '43.249.72.0/22', '103.244.50.0/24', '103.245.222.0/23', '103.245.224.0/24', '104.156.80.0/20', '140.248.64.0/18', '140.248.128.0/17', '146.75.0.0/17', '151.101.0.0/16', '157.52.64.0/18', '167.82.0.0/17', '167.82.128.0/20', '167.82.160.0/20', '167.82.224.0/20', '172.111.64.0/18', '185.31.16.0/22', '199.27.72.0/21', '199.232.0.0/16', '2a04:4e40::/32', '2a04:4e42::/32'],
  },
  {
    name: 'CloudFront',
    ranges: ['13.32.0.0/15', '13.224.0.0/14', '52.84.0.0/15', '54.182.0.0/16', '54.192.0.0/16', '54.230.0.0/16', '54.239.128.0/18', '54.239.192.0/19', '54.240.128.0/18', '64.252.64.0/18', '70.132.0.0/18', '99.84.0.0/16', '99.86.0.0/16', '143.204.0.0/16', '204.246.164.0/22', '204.246.168.0/22', '204.246.172.0/24', '205.251.192.0/19', '205.251.249.0/24', '205.251.250.0/23', '205.251.252.0/23', '205.251.254.0/24', '216.137.32.0/19', '2600:9000::/28'],
  },
];
const CDN_V4 = CDN_EDGES.flatMap((c) => c.ranges.filter((r) => !r.includes(':')).map((r) => ({ name: c.name, r: range4(r)! })));
const CDN_V6 = CDN_EDGES.flatMap((c) =>
  c.ranges.filter((r) => r.includes(':')).map((r): { name: string; r: Range6 } => ({ name: c.name, r: { groups: ipv6Groups(r.split('/')[0]!)!, bits: Number(r.split('/')[1]) } })),
);

/** The CDN whose published edge range holds `ip` (Cloudflare, Fastly, CloudFront), or null. */
export function cdnEdge(ip: string): string | null {
  if (ip.includes(':')) {
    const a = ipv6Groups(ip);
    if (a === null) return null;
    for (const { name, r } of CDN_V6) {
      let n = r.bits;
      let hit = true;
      for (let i = 0; i < 8 && n > 0 && hit; i++, n -= 16) {
        const mask = n >= 16 ? 0xffff : (0xffff << (16 - n)) & 0xffff;
        hit = (a[i]! & mask) === (r.groups[i]! & mask);
      }
      if (hit) return name;
    }
    return null;
  }
  const a = ipv4ToInt(ip);
  if (a === null) return null;
  for (const { name, r } of CDN_V4) if (((a & r.mask) >>> 0) === r.base) return name;
  return null;
}

/** "internal" / "external" for explanations. Non-IP entities (CIDDS "EXT_SERVER", names) are taken as written. */
export function ipScope(ip: string): 'internal' | 'external' | 'unknown' {
  if (ipv4ToInt(ip) == null && !ip.includes(':')) return 'unknown';
  return isPrivateIp(ip) ? 'internal' : 'external';
}

interface CrawlerSpec {
  name: string;
  ua: RegExp;
  ranges: string[];
}

// Published crawler ranges (Google, Microsoft, Yandex, Baidu, Apple, DuckDuckGo, Ahrefs; coarse
// prefixes that cover the published lists; Googlebot crawls over IPv6 from 2001:4860:4801::/48 too).
// Offline we cannot do the reverse-DNS check.
const CRAWLERS: readonly CrawlerSpec[] = [
  { name: 'Googlebot', ua: /googlebot|google-inspectiontool|adsbot-google|mediapartners-google|googleother/i, ranges: ['66.249.64.0/19', '64.233.160.0/19', '72.14.192.0/18', '209.85.128.0/17', '66.102.0.0/20', '74.125.0.0/16', '2001:4860:4801::/48'] },
  { name: 'Bingbot', ua: /bingbot|msnbot|bingpreview|adidxbot/i, ranges: ['157.54.0.0/15', '157.56.0.0/14', '207.46.0.0/16', '40.77.0.0/16', '13.66.0.0/16', '52.167.0.0/16', '65.52.0.0/14', '199.30.16.0/20', '131.253.0.0/16'] },
  { name: 'YandexBot', ua: /yandex(bot|images|mobilebot|metrika)/i, ranges: ['100.43.64.0/19', '77.88.0.0/18', '5.255.192.0/18', '87.250.224.0/19', '95.108.128.0/17', '141.8.128.0/18', '213.180.192.0/19'] },
  { name: 'Baiduspider', ua: /baiduspider/i, ranges: ['180.76.0.0/16', '220.181.0.0/16', '123.125.0.0/16', '116.179.0.0/16', '119.63.192.0/21', '111.206.0.0/16'] },
  { name: 'Applebot', ua: /applebot/i, ranges: ['17.0.0.0/8'] },
  { name: 'DuckDuckBot', ua: /duckduckbot/i, ranges: ['20.191.45.0/24', '40.88.21.0/24', '23.21.227.0/24'] },
  { name: 'AhrefsBot', ua: /ahrefsbot/i, ranges: ['54.36.0.0/16', '51.222.253.0/24', '195.154.122.0/24', '5.10.83.0/24', '5.39.1.0/24', '202.8.40.0/22'] },
  { name: 'Yahoo Slurp', ua: /slurp/i, ranges: ['68.180.0.0/16', '72.30.0.0/16', '74.6.0.0/16', '67.195.0.0/16', '98.136.0.0/14', '202.160.176.0/20'] },
];

/** A verdict for each source that claims to be a crawler in its user agent. */
export function judgeCrawlers(rows: readonly CrawlerRow[]): Map<string, CrawlerVerdict> {
  const byIp = new Map<string, { spec: CrawlerSpec; requests: number; nonGet: number; robots: number; errors: number; agent: string }>();
  for (const r of rows) {
    const spec = CRAWLERS.find((c) => c.ua.test(r.agent));
    const claimed = spec ?? (/bot|crawl|spider/i.test(r.agent) ? { name: r.agent.slice(0, 60), ua: /./, ranges: [] } : null);
    if (!claimed) continue;
    const cur = byIp.get(r.ip);
    if (cur && cur.requests >= r.requests) continue;
    byIp.set(r.ip, { spec: claimed, requests: r.requests, nonGet: r.nonGet, robots: r.robots, errors: r.errors, agent: r.agent });
  }
  const out = new Map<string, CrawlerVerdict>();
  for (const [ip, c] of byIp) {
    const known = c.spec.ranges.length > 0;
    const inRange = c.spec.ranges.some((cidr) => inCidr(ip, cidr));
    const getOnly = c.nonGet === 0;
    const robots = c.robots > 0;
    // a bundled range list is incomplete and ages: an address outside it is "unverified", not
    // fake; behaviour no crawler shows (POSTs, PUTs) is what makes the claim an impersonation
    let verdict: CrawlerVerdict['verdict'];
    if (!getOnly) verdict = 'impersonated';
    else if (known && inRange) verdict = 'verified';
    else verdict = 'unverified';
    const checks = [
      `user agent claims ${c.spec.name}`,
      known ? `address ${inRange ? 'is' : 'is NOT'} in ${c.spec.name}'s published crawler ranges (bundled list, which may be out of date)` : 'no published range to check',
      getOnly ? 'only GET/HEAD requests' : `${c.nonGet} requests other than GET/HEAD`,
      robots ? 'fetched /robots.txt' : 'did not fetch /robots.txt',
      'reverse DNS not checked (offline)',
    ].join('; ');
    out.set(ip, { ip, claimed: c.spec.name, ipInPublishedRange: inRange, getOnly, robots, verdict, checks });
  }
  return out;
}

interface ToolSpec {
  tool: string;
  re: RegExp;
  /**
   * attack tools are medium+; generic HTTP libraries only low; internet-wide research scanners
   * (Censys, Expanse, Shodan, LeakIX) visit every address on the internet: listed together, low;
   * the tools internet-wide scans are made with (masscan, ZGrab) likewise, unless the source did
   * more than such a scan does (scanners.ts)
   */
  kind: 'attack' | 'library' | 'research' | 'mass';
}

const TOOLS: readonly ToolSpec[] = [
  { tool: 'sqlmap', re: /sqlmap/i, kind: 'attack' },
  { tool: 'Nikto', re: /nikto/i, kind: 'attack' },
  { tool: 'Nmap', re: /nmap|nse\//i, kind: 'attack' },
  // internet-wide scanning tools: one or two requests for / (or /.env) at every address on the internet
  { tool: 'masscan', re: /masscan/i, kind: 'mass' },
  { tool: 'ZGrab', re: /zgrab/i, kind: 'mass' },
  { tool: 'Nuclei', re: /nuclei/i, kind: 'attack' },
  { tool: 'DirBuster', re: /dirbuster/i, kind: 'attack' },
  { tool: 'gobuster', re: /gobuster/i, kind: 'attack' },
  { tool: 'dirb', re: /\bdirb\b/i, kind: 'attack' },
  { tool: 'wfuzz', re: /wfuzz/i, kind: 'attack' },
  { tool: 'ffuf', re: /\bffuf\b|fuzz faster/i, kind: 'attack' },
  { tool: 'Acunetix', re: /acunetix|acunetix-wvs/i, kind: 'attack' },
  { tool: 'Nessus', re: /nessus/i, kind: 'attack' },
  { tool: 'OpenVAS', re: /openvas/i, kind: 'attack' },
  { tool: 'w3af', re: /w3af/i, kind: 'attack' },
  { tool: 'Burp Suite', re: /burp/i, kind: 'attack' },
  { tool: 'Hydra', re: /hydra/i, kind: 'attack' },
  { tool: 'WPScan', re: /wpscan/i, kind: 'attack' },
  { tool: 'Arachni', re: /arachni/i, kind: 'attack' },
  // skipfish names itself `Mozilla/5.0 SF/2.10b`
  { tool: 'skipfish', re: /skipfish|^Mozilla\/5\.0 SF\/\d/i, kind: 'attack' },
  { tool: 'Havij', re: /havij/i, kind: 'attack' },
  { tool: 'Netsparker', re: /netsparker/i, kind: 'attack' },
  { tool: 'Invicti', re: /invicti/i, kind: 'attack' },
  // vulnerability-management products (scanners.ts VULN_MANAGEMENT: medium from an inside address)
  { tool: 'Qualys', re: /qualys/i, kind: 'attack' },
  { tool: 'Nexpose/InsightVM', re: /nexpose|insightvm|insightappsec/i, kind: 'attack' },
  { tool: 'Tenable', re: /tenable/i, kind: 'attack' },
  // ZAP and Burp send a browser's agent by default; these catch them when named (Burp's Collaborator callbacks are payloads, payload.ts)
  { tool: 'OWASP ZAP', re: /owasp[ _-]?zap|zaproxy/i, kind: 'attack' },
  { tool: 'Jorgee', re: /jorgee/i, kind: 'attack' },
  { tool: 'Morfeus', re: /morfeus/i, kind: 'attack' },
  { tool: 'zmeu', re: /zmeu/i, kind: 'attack' },
  { tool: 'feroxbuster', re: /feroxbuster/i, kind: 'attack' },
  { tool: 'dirsearch', re: /dirsearch/i, kind: 'attack' },
  { tool: 'WhatWeb', re: /whatweb/i, kind: 'attack' },
  { tool: 'commix', re: /\bcommix\b/i, kind: 'attack' },
  { tool: 'Wapiti', re: /wapiti/i, kind: 'attack' },
  { tool: 'JoomScan', re: /joomscan|droopescan|cmsmap/i, kind: 'attack' },
  { tool: 'fimap', re: /fimap/i, kind: 'attack' },
  // internet-wide research scanners: not aimed at you, but they map what you expose (and their indexes are searched by attackers)
  { tool: 'Censys', re: /censysinspect|censys\.io/i, kind: 'research' },
  { tool: 'Expanse (Palo Alto Networks)', re: /expanse, a palo alto|cortex.?xpanse/i, kind: 'research' },
  { tool: 'Shodan', re: /shodan/i, kind: 'research' },
  { tool: 'LeakIX', re: /l9explore|l9tcpid|leakix/i, kind: 'research' },
  { tool: 'InternetMeasurement', re: /internetmeasurement|internet-measurement/i, kind: 'research' },
  { tool: 'ONYPHE', re: /onyphe/i, kind: 'research' },
  { tool: 'BinaryEdge', re: /binaryedge/i, kind: 'research' },
  { tool: 'Netcraft', re: /netcraftsurveyagent/i, kind: 'research' },
  { tool: 'Modat', re: /modatscanner/i, kind: 'research' },
  { tool: 'python-requests', re: /python-requests|python-urllib|aiohttp/i, kind: 'library' },
  { tool: 'Go HTTP client', re: /go-http-client/i, kind: 'library' },
  { tool: 'libwww-perl', re: /libwww-perl|lwp::simple/i, kind: 'library' },
];

/** The attack tool or scripting library a user agent names, if any. */
export function matchTool(agent: string): ToolSpec | null {
  for (const t of TOOLS) if (t.re.test(agent)) return t;
  return null;
}

/** The /24 of an IPv4 address or the /64 of an IPv6 one (null for anything else). */
export function network(ip: string): string | null {
  const v4 = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.0/24`;
  if (!ip.includes(':') || ip.includes('.')) return null;
  const [head = '', tail] = ip.split('::');
  const parts = head ? head.split(':') : [];
  // "a:b::c" keeps a and b; the groups hidden by "::" are zeros
  const groups = tail === undefined ? parts : [...parts, ...Array<string>(Math.max(0, 8 - parts.length - tail.split(':').filter(Boolean).length)).fill('0')];
  if (groups.length < 4) return `${[...groups, ...Array<string>(4 - groups.length).fill('0')].join(':')}::/64`;
  return `${groups.slice(0, 4).join(':')}::/64`;
}
