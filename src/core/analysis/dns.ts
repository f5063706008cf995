// DNS names for the tunnelling detector: the registered domain a name falls under (an approximate
// eTLD+1), what its subdomain part looks like (length, character entropy, encoded-looking labels),
// and the per-source accumulator the fold keeps per registered domain.
import type { DgaRow, DnsAskerRow, DnsRow } from './types';

/**
 * Two-label public suffixes (`example.co.uk` is registered under `co.uk`): the common country
 * second levels, not the whole Public Suffix List. A name under a suffix missing here is grouped
 * one level too high (`example.gov.xx` under `gov.xx`), which merges sites but hides no name.
 */
const TWO_LEVEL = new Set(
  (
    'co.uk org.uk ac.uk gov.uk ltd.uk plc.uk net.uk me.uk nhs.uk sch.uk police.uk ' +
    'com.au net.au org.au edu.au gov.au asn.au id.au co.nz org.nz net.nz govt.nz ac.nz ' +
    'co.jp ne.jp or.jp ac.jp go.jp ad.jp co.kr or.kr ne.kr go.kr ac.kr ' +
    'com.br net.br org.br gov.br com.cn net.cn org.cn gov.cn edu.cn ac.cn com.tw net.tw org.tw gov.tw edu.tw ' +
    'com.hk net.hk org.hk gov.hk edu.hk com.sg net.sg org.sg gov.sg edu.sg com.my net.my org.my gov.my ' +
    'co.in net.in org.in gov.in ac.in firm.in co.za org.za gov.za ac.za net.za web.za ' +
    'com.mx net.mx org.mx gob.mx com.ar net.ar org.ar gob.ar com.tr net.tr org.tr gov.tr edu.tr ' +
    'co.il org.il net.il ac.il gov.il com.ua net.ua org.ua gov.ua co.id or.id net.id go.id ac.id web.id ' +
    'com.ph net.ph org.ph gov.ph com.vn net.vn org.vn gov.vn com.pk net.pk org.pk gov.pk ' +
    'com.sa net.sa org.sa gov.sa com.eg net.eg org.eg gov.eg com.ng net.ng org.ng gov.ng co.ke or.ke ac.ke go.ke ' +
    'com.co net.co org.co gov.co com.pe net.pe org.pe gob.pe com.ve net.ve co.ve com.pl net.pl org.pl ' +
    'co.at or.at gv.at ac.at com.es nom.es org.es gob.es co.th in.th ac.th go.th or.th ' +
    'com.ru net.ru org.ru com.gr com.cy com.mt com.qa com.kw com.bh com.om co.ae net.ae org.ae gov.ae ' +
    'com.bd com.np com.lk com.uy com.py com.bo com.ec com.gt com.do com.pr co.cr com.ni com.sv co.tz co.ug co.zw co.zm ' +
    'com.gh com.et com.ma com.tn com.dz com.lb com.jo com.kh com.mm com.af com.kz co.uz'
  ).split(' '),
);

/** The registered domain of a query name, or null for names that are not looked up on the internet: PTR (arpa), mDNS (.local), single labels, addresses. */
export function registeredDomain(name: string): string | null {
  const n = name.toLowerCase();
  const labels = n.split('.').filter((l) => l !== '');
  if (labels.length < 2) return null;
  const tld = labels[labels.length - 1]!;
  if (tld === 'arpa' || tld === 'local' || tld === 'localhost' || /^\d+$/.test(tld)) return null;
  const k = labels.length >= 3 && TWO_LEVEL.has(`${labels[labels.length - 2]}.${tld}`) ? 3 : 2;
  return labels.slice(-k).join('.');
}

/** Shannon entropy of a string's characters, bits per character. */
export function entropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const v of counts.values()) {
    const p = v / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const HEX = /^[0-9a-f]+$/i;
const ENCODING_ALPHABET = /^[A-Za-z0-9=+_-]+$/;

/**
 * A label that reads as encoded data (hex, base32, base64/base64url) rather than a word or a
 * host name: 16 characters or more of one encoding alphabet with digits among the letters, or
 * 40 or more with high entropy (base32 may hold few digits). `www`, `mail-eu-west-1` are not.
 */
export function looksEncoded(label: string): boolean {
  if (label.length < 16 || !ENCODING_ALPHABET.test(label)) return false;
  const digits = label.replace(/\D/g, '').length;
  const letters = label.length - digits;
  if (HEX.test(label)) return digits >= 3 && letters >= 2;
  const h = entropy(label);
  return (digits >= 2 && letters >= 4 && h >= 3.5) || (label.length >= 40 && h >= 3.8);
}

/** Service labels (`_ldap`, `_tcp`, `_domainkey`, `_dmarc`) name what is looked up, not data; DKIM keys also live under `dkim` labels. */
const isServiceLabel = (l: string): boolean => l.startsWith('_') || l === 'dkim';

export interface NameShape {
  /** characters of the subdomain part (labels left of the registered domain, no dots, service labels left out) */
  length: number;
  longest: number;
  entropy: number;
  encoded: boolean;
  /** the labels left of the domain are a reversed IPv4 or IPv6 address (DNSBL and reputation lookups) */
  reversedIp: boolean;
  /** it carries a service label (SRV, DKIM, DMARC lookups) */
  service: boolean;
}

const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function nameShape(name: string, domain: string): NameShape {
  const sub = name.length > domain.length ? name.slice(0, name.length - domain.length - 1) : '';
  const all = sub.split('.').filter((l) => l !== '');
  const labels = all.filter((l) => !isServiceLabel(l));
  const text = labels.join('');
  const longestLabel = labels.reduce((a, l) => (l.length > a.length ? l : a), '');
  const reversedIp = (all.length >= 4 && all.slice(0, 4).every((l) => OCTET.test(l))) || (all.length >= 16 && all.slice(0, 16).every((l) => /^[0-9a-f]$/.test(l)));
  return { length: text.length, longest: longestLabel.length, entropy: entropy(text), encoded: labels.some(looksEncoded), reversedIp, service: labels.length < all.length };
}

/** Generated-looking domains a source must ask before the fold reports them (dnsTunnel.dgaDomains judges). */
export const DGA_FLOOR = 10;
/** Generated-looking domains listed per source (the finding shows a few, its evidence asks for these) */
const DGA_LISTED = 50;

/**
 * A registered domain whose own label reads as generated, not chosen: 10 characters or more of
 * letters and digits, varied (two thirds of them distinct), and either few vowels, a run
 * of five consonants, or digits scattered among the letters (`kqwwrmtbfnjeo.com`, `a8f3kd92jfa.net`).
 * Malware that looks for its controller by a domain generation algorithm (DGA) asks hundreds of
 * them; names people choose (`stackoverflow`, `googlesyndication`, `msftconnecttest`) read as words.
 */
export function generatedDomain(domain: string): boolean {
  const dot = domain.indexOf('.');
  const label = dot > 0 ? domain.slice(0, dot) : domain;
  if (label.length < 10 || !/^[a-z0-9]+$/.test(label)) return false;
  // varied: most of its characters differ (a random 12 letters repeat two or three), unlike `msftconnecttest`
  if (new Set(label).size / label.length < 0.65) return false;
  const letters = label.replace(/\d/g, '');
  const digits = label.length - letters.length;
  const vowels = letters.replace(/[^aeiouy]/g, '').length;
  const run = Math.max(0, ...(letters.match(/[^aeiouy]+/g) ?? []).map((r) => r.length));
  // digits scattered among the letters (two runs or more), not a number in a name (`123formbuilder`, `site12shop`)
  const scattered = (label.match(/\d+/g) ?? []).length >= 2;
  return (letters.length > 0 && vowels / letters.length <= 0.22) || run >= 5 || (scattered && digits >= 2 && letters.length >= 4 && digits / label.length <= 0.6);
}

/** Query types that carry data back in the answer (tunnels' choice): TXT, NULL, CNAME, MX. */
const DATA_TYPES = new Set(['TXT', 'NULL', 'CNAME', 'MX']);

/** Distinct names counted per source and domain; past it the counts go on, the shapes stop being averaged. */
const MAX_NAMES = 100_000;
/** Registered domains followed per source (a resolver forwarding a whole site's queries asks for more). */
export const MAX_DOMAINS = 5_000;
const SAMPLES = 5;

/** 31-bit FNV-1a hash of a lower-cased name: distinct names are counted as small integers, not strings. */
function nameKey(p: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193);
  return h >>> 1;
}

interface DomainAcc {
  queries: number;
  bytes: number;
  dataTypes: number;
  /** one name's key until a second distinct name is seen (most domains are asked one name) */
  names: Set<number> | number;
  distinct: number;
  lenSum: number;
  longestSum: number;
  entropySum: number;
  encoded: number;
  reversedIp: number;
  service: number;
  /** the first names, and the first encoded-looking ones (what a finding is about) */
  samples: string[];
  encodedSamples: string[];
  first: number | null;
  last: number | null;
  /** the domain's own name reads as generated (generatedDomain), judged once */
  generated: boolean;
}

/** Encoded-looking names a source must ask under a domain to count as one of the machines asking it so (DnsAskerRow). */
const SHARED_ENCODED = 3;

/**
 * How many sources asked each domain for encoded-looking names: a service that puts data in names by
 * design (ad frames, reputation lookups) is asked so by many machines, a tunnel by one or a few.
 */
export function askerRows(sources: Iterable<{ dns: DnsQueries | null }>): DnsAskerRow[] {
  const askers = new Map<string, number>();
  for (const s of sources) s.dns?.encodedDomains(SHARED_ENCODED, askers);
  return [...askers].map(([domain, n]) => ({ domain, sources: n }));
}

/** One source's DNS queries, by registered domain. */
export class DnsQueries {
  private readonly domains = new Map<string, DomainAcc>();

  /** Registered domains asked (up to MAX_DOMAINS): a resolver forwarding a network's questions asks hundreds. */
  get domainCount(): number {
    return this.domains.size;
  }

  add(host: string, qtype: string, ts: number | null): void {
    const name = host.toLowerCase().replace(/\.$/, '');
    const domain = registeredDomain(name);
    if (domain === null) return;
    let d = this.domains.get(domain);
    if (!d) {
      if (this.domains.size >= MAX_DOMAINS) return;
      this.domains.set(domain, (d = { queries: 0, bytes: 0, dataTypes: 0, names: -1, distinct: 0, lenSum: 0, longestSum: 0, entropySum: 0, encoded: 0, reversedIp: 0, service: 0, samples: [], encodedSamples: [], first: null, last: null, generated: generatedDomain(domain) }));
    }
    d.queries++;
    d.bytes += name.length;
    if (DATA_TYPES.has(qtype)) d.dataTypes++;
    if (ts !== null) {
      d.first = d.first === null ? ts : Math.min(d.first, ts);
      d.last = d.last === null ? ts : Math.max(d.last, ts);
    }
    const k = nameKey(name);
    if (typeof d.names === 'number') {
      if (d.names === k) return;
      if (d.names >= 0) d.names = new Set([d.names, k]);
      else d.names = k;
    } else {
      if (d.names.has(k)) return;
      if (d.names.size < MAX_NAMES) d.names.add(k);
      else return;
    }
    d.distinct++;
    const s = nameShape(name, domain);
    d.lenSum += s.length;
    d.longestSum += s.longest;
    d.entropySum += s.entropy;
    if (s.encoded) d.encoded++;
    if (s.reversedIp) d.reversedIp++;
    if (s.service) d.service++;
    if (d.samples.length < SAMPLES) d.samples.push(name);
    if (s.encoded && d.encodedSamples.length < SAMPLES) d.encodedSamples.push(name);
  }

  /** The registered domains asked that read as generated (generatedDomain), when there are `min` or more: a DGA's lookups. */
  generated(ip: string, min: number, out: DgaRow[]): void {
    let n = 0;
    let first: number | null = null;
    let last: number | null = null;
    const samples: string[] = [];
    for (const [domain, d] of this.domains) {
      if (!d.generated) continue;
      n++;
      if (samples.length < DGA_LISTED) samples.push(domain);
      if (d.first !== null) first = first === null ? d.first : Math.min(first, d.first);
      if (d.last !== null) last = last === null ? d.last : Math.max(last, d.last);
    }
    if (n >= min) out.push({ ip, domains: n, asked: this.domains.size, samples, first, last });
  }

  /** Counts this source in `askers` for each domain it asked `min` or more distinct encoded-looking names under. */
  encodedDomains(min: number, askers: Map<string, number>): void {
    for (const [domain, d] of this.domains) if (d.encoded >= min) askers.set(domain, (askers.get(domain) ?? 0) + 1);
  }

  /** Rows for domains asked at least `minNames` distinct names (the others cannot cross any threshold). */
  rows(ip: string, minNames: number): DnsRow[] {
    const out: DnsRow[] = [];
    for (const [domain, d] of this.domains) {
      if (d.distinct < minNames) continue;
      const n = d.distinct;
      out.push({
        ip, domain, queries: d.queries, names: n, bytes: d.bytes, dataTypes: d.dataTypes,
        avgLength: d.lenSum / n, avgLongest: d.longestSum / n, avgEntropy: d.entropySum / n,
        encoded: d.encoded, reversedIp: d.reversedIp, service: d.service, samples: [...new Set([...d.encodedSamples, ...d.samples])].slice(0, SAMPLES), first: d.first, last: d.last,
      });
    }
    return out;
  }
}
