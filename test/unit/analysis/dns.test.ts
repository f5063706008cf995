// DNS tunnelling: many long encoded names under one domain from one source, as the DNS log parsers
// store them (name in host, type in extra.qtype), and the lookups that look alike but are benign.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCase, createIncrementalAnalyzer } from '../../../src/core/analysis';
import { entropy, generatedDomain, looksEncoded, nameShape, registeredDomain } from '../../../src/core/analysis/dns';
import { generate } from '../../../src/core/gen';
import { ingestFiles } from '../../../src/core/ingest';
import { openCase } from '../../../src/core/store/case';
import type { Finding } from '../../../src/shared/model';
import { cleanup, makeCase, T0, tmpCaseFile, type Ev } from './helpers';

afterEach(cleanup);

async function run(events: Ev[], settings: Record<string, number | string> = {}): Promise<Finding[]> {
  return (await analyzeCase(makeCase(events), { settings, inline: true })).findings.filter((f) => f.detector === 'dnsTunnel');
}

/** A query as the parsers store it. */
const q = (i: number, src: string, name: string, qtype = 'A', resolver: string | null = '10.0.0.1'): Ev => ({
  ts: T0 + i * 1000,
  src_ip: src,
  dst_ip: resolver,
  dst_port: resolver ? 53 : null,
  proto: 'UDP',
  host: name,
  program: 'named',
  extra: JSON.stringify({ qtype, qclass: 'IN' }),
});

/** Deterministic strings of an alphabet (a small LCG: the same names every run). */
function encoder(seed: number): (alphabet: string, n: number) => string {
  let x = seed;
  return (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      s += alphabet[(x >>> 16) % alphabet.length];
    }
    return s;
  };
}
const HEX = '0123456789abcdef';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Ordinary clients: a few names each under popular domains. */
function browsing(clients = 20): Ev[] {
  const names = ['www.google.com', 'mail.google.com', 'apis.google.com', 'www.bbc.co.uk', 'news.bbc.co.uk', 'login.microsoftonline.com', 'outlook.office365.com', 'github.com', 'api.github.com', 'avatars.githubusercontent.com'];
  const out: Ev[] = [];
  for (let c = 0; c < clients; c++) for (let i = 0; i < 40; i++) out.push(q(c * 100 + i, `10.0.5.${c}`, names[(c + i) % names.length]!, i % 3 ? 'A' : 'AAAA'));
  return out;
}

describe('DNS names', () => {
  it('registered domains: two-level suffixes, PTR and mDNS left out', () => {
    expect(registeredDomain('a.b.example.com')).toBe('example.com');
    expect(registeredDomain('x.y.tunnel.example.co.uk')).toBe('example.co.uk');
    expect(registeredDomain('Example.COM')).toBe('example.com');
    expect(registeredDomain('co.uk')).toBe('co.uk');
    expect(registeredDomain('4.3.2.1.in-addr.arpa')).toBeNull();
    expect(registeredDomain('_googlecast._tcp.local')).toBeNull();
    expect(registeredDomain('wpad')).toBeNull();
  });

  it('encoded-looking labels: hex, base32, base64 yes; words and host names no', () => {
    const enc = encoder(7);
    expect(looksEncoded(enc(HEX, 32))).toBe(true);
    expect(looksEncoded(enc(B32, 50))).toBe(true);
    expect(looksEncoded(enc(B64, 40))).toBe(true);
    for (const w of ['www', 'login-microsoftonline', 'thisisaverylongsubdomainname', 'mail-eu-west-1', 'ec2-54-12-1-2']) expect(looksEncoded(w)).toBe(false);
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
    expect(nameShape('1.2.0.192.zen.spamhaus.org', 'spamhaus.org').reversedIp).toBe(true);
    expect(nameShape('s1._domainkey.example.com', 'example.com')).toMatchObject({ service: true, length: 2 });
  });
});

describe('dnsTunnel', () => {
  it('flags an iodine-like tunnel (600 long base32 NULL queries) high, with the domain, counts, samples and evidence', async () => {
    const enc = encoder(1);
    const tunnel = Array.from({ length: 600 }, (_, i) => q(i, '10.0.5.66', `${enc(B32, 52)}.${enc(B32, 40)}.t.evil-updates.co.uk`, 'NULL'));
    const f = await run([...browsing(), ...tunnel]);
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.5.66 -> evil-updates.co.uk', 'high']]);
    const t = f[0]!;
    expect(t.numbers).toMatchObject({ uniqueNames: 600, queries: 600, domain: 'evil-updates.co.uk', encodedShare: 1, dataTypeShare: 1 });
    expect(Number(t.numbers.avgSubdomainLength)).toBeGreaterThan(90);
    expect(Number(t.numbers.avgEntropy)).toBeGreaterThan(4.5);
    expect(String(t.numbers.samples).split(' ')).toHaveLength(5);
    expect(t.threshold).toMatchObject({ value: 600, threshold: 50, setting: 'dnsTunnel.minUniqueNames' });
    expect(t.evidence.count).toBe(600);
    expect([t.firstSeen, t.lastSeen]).toEqual([T0, T0 + 599_000]);
    expect(t.explanation).toMatch(/600 distinct names under evil-updates\.co\.uk/);
    expect(t.explanation).toMatch(/Samples: [a-z2-7]{52}\.[a-z2-7]{40}\.t\.evil-updates\.co\.uk/);
  });

  it('calls a slow hex beacon (80 A queries, short volume) medium, and raises it with TXT answers or a lower bar', async () => {
    const enc = encoder(2);
    const beacon = (qtype: string): Ev[] => Array.from({ length: 80 }, (_, i) => q(i * 60, '10.0.5.77', `${enc(HEX, 24)}.cdn-sync.example`, qtype));
    expect((await run(beacon('A'))).map((x) => x.severity)).toEqual(['medium']);
    expect((await run(beacon('TXT'))).map((x) => x.severity)).toEqual(['high']);
    expect((await run(beacon('A'), { 'dnsTunnel.highUniqueNames': 60 })).map((x) => x.severity)).toEqual(['high']);
    expect(await run(beacon('A'), { 'dnsTunnel.minUniqueNames': 100 })).toEqual([]);
  });

  it('reports nothing for ordinary browsing', async () => {
    expect(await run(browsing(40))).toEqual([]);
  });

  it('leaves out CDNs and cloud front ends (akamaiedge, cloudfront, azureedge, googlevideo)', async () => {
    const enc = encoder(3);
    const ev: Ev[] = [];
    for (let i = 0; i < 150; i++) {
      ev.push(q(i, '10.0.5.10', `e${1000 + i}.dscx.akamaiedge.net`));
      ev.push(q(i, '10.0.5.10', `d${enc(HEX, 14)}.cloudfront.net`));
      ev.push(q(i, '10.0.5.10', `${enc(B32, 20)}-${enc(HEX, 12)}.z01.azureedge.net`));
      ev.push(q(i, '10.0.5.10', `rr${i % 9}---sn-${enc(B32, 8)}.googlevideo.com`));
    }
    expect(await run(ev)).toEqual([]);
    // the table is what leaves them out: without it the generated names would be judged
    expect((await run(ev, { 'dnsTunnel.knownDomains': '' })).length).toBeGreaterThan(0);
  });

  it('leaves out DNS block list lookups, and an unlisted list of reversed IPv6 addresses is at most low', async () => {
    const ev: Ev[] = [];
    for (let i = 0; i < 300; i++) {
      const rev = `${(i * 7) % 250}.${(i * 13) % 250}.${(i * 3) % 250}.${20 + (i % 200)}`;
      for (const list of ['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org']) ev.push(q(i, '10.0.0.25', `${rev}.${list}`, 'A'));
    }
    expect(await run(ev)).toEqual([]);
    const enc = encoder(4);
    const v6 = Array.from({ length: 200 }, (_, i) => q(i, '10.0.0.25', `${enc(HEX, 32).split('').join('.')}.dnsbl.example-rbl.net`, 'A'));
    // long names of 16-character-or-more hex would read as encoded; nibble by nibble they are an address
    const f = await run(v6);
    expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.0.25 -> example-rbl.net', 'low']]);
    expect(f[0]!.explanation).toMatch(/reversed addresses/);
  });

  it('leaves out antivirus reputation lookups (sophosxl.net, avqs/avts.mcafee.com, e5.sk)', async () => {
    const enc = encoder(5);
    const ev: Ev[] = [];
    for (let i = 0; i < 200; i++) {
      ev.push(q(i, '10.0.5.20', `0.${enc(B32, 40)}.${enc(HEX, 16)}.3.sophosxl.net`));
      ev.push(q(i, '10.0.5.20', `${enc(HEX, 40)}.avqs.mcafee.com`));
      ev.push(q(i, '10.0.5.20', `${enc(HEX, 32)}.avts.mcafee.com`, 'TXT'));
      ev.push(q(i, '10.0.5.20', `${enc(B32, 30)}.e5.sk`));
    }
    expect(await run(ev)).toEqual([]);
  });

  it('never counts PTR lookups (in-addr.arpa, ip6.arpa)', async () => {
    const enc = encoder(6);
    const ev: Ev[] = [];
    for (let i = 0; i < 400; i++) {
      ev.push(q(i, '10.0.5.30', `${i % 250}.${(i * 7) % 250}.51.198.in-addr.arpa`, 'PTR'));
      ev.push(q(i, '10.0.5.30', `${enc(HEX, 32).split('').join('.')}.ip6.arpa`, 'PTR'));
    }
    expect(await run(ev)).toEqual([]);
  });

  it('DKIM keys and SRV directory lookups (_domainkey, _ldap, _kerberos) are at most low', async () => {
    const enc = encoder(8);
    const ev: Ev[] = [];
    // a mail server checking DKIM signatures: random selectors of one big sender, and many senders once
    for (let i = 0; i < 120; i++) ev.push(q(i, '10.0.0.25', `${enc(B32, 24)}${i}._domainkey.bigsender.example`, 'TXT'));
    for (let i = 0; i < 300; i++) ev.push(q(i, '10.0.0.25', `selector${i % 3}._domainkey.sender${i}.example`, 'TXT'));
    // a domain-joined Windows client finding its domain controllers (GUID-named domains)
    for (let i = 0; i < 80; i++) {
      const guid = `${enc(HEX, 8)}-${enc(HEX, 4)}-${enc(HEX, 4)}-${enc(HEX, 4)}-${enc(HEX, 12)}`;
      ev.push(q(i, '10.0.5.40', `_ldap._tcp.${guid}.domains._msdcs.corp.example`, 'SRV'));
      ev.push(q(i, '10.0.5.40', `_kerberos._tcp.dc._msdcs.site${i}.corp.example`, 'SRV'));
    }
    // the random selectors of one sender are TXT lookups of encoded-looking names: without the cap, high
    const f = (await run(ev)).sort((a, b) => a.entity.localeCompare(b.entity));
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['10.0.0.25 -> bigsender.example', 'low'],
      ['10.0.5.40 -> corp.example', 'low'],
    ]);
    expect(f[0]!.explanation).toMatch(/service labels/);
  });

  it('does not flag one-off long names', async () => {
    const enc = encoder(9);
    const ev: Ev[] = [...browsing()];
    for (let c = 0; c < 30; c++) ev.push(q(c, `10.0.5.${c}`, `${enc(B64, 60)}.${enc(HEX, 40)}.onetime${c}.example`, 'TXT'));
    for (let i = 0; i < 10; i++) ev.push(q(i, '10.0.5.99', `${enc(HEX, 60)}.rare.example`, 'TXT'));
    expect(await run(ev)).toEqual([]);
  });

  it('follow mode keeps the finding up to date row by row', () => {
    const db = openCase(tmpCaseFile());
    try {
      const live = createIncrementalAnalyzer(db, { store: false });
      expect(live.detectors).toContain('dnsTunnel');
      const enc = encoder(10);
      const rows = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, ts: T0 + i * 1000, src_ip: '10.0.5.66', host: `${enc(HEX, 40)}.x.tunnel.example`, dnsq: `TXT ${enc(HEX, 40)}.x.tunnel.example` }));
      expect(live.addEvents(rows.slice(0, 40)).filter((f) => f.detector === 'dnsTunnel')).toEqual([]);
      const f = live.addEvents(rows.slice(40)).filter((x) => x.detector === 'dnsTunnel');
      expect(f.map((x) => [x.entity, x.severity])).toEqual([['10.0.5.66 -> tunnel.example', 'high']]);
    } finally {
      db.close();
    }
  });

  it('on a generated resolver log: the planted tunnel and beacon exactly, none of the benign lookups', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-dnsgen-'));
    try {
      const truth = await generate({ outDir: dir, seed: 11, lines: 20_000, formats: ['dns'] });
      const file = path.join(dir, 'case.loupe');
      await ingestFiles({ caseFile: file, files: [path.join(dir, 'dns.log')], threads: 1 });
      const f = (await analyzeCase(file, { inline: true })).findings.filter((x) => x.detector === 'dnsTunnel');
      const planted = truth.incidents.filter((i) => i.kind === 'dns_tunnel');
      expect(f.map((x) => x.entity).sort()).toEqual(planted.map((i) => i.entity).sort());
      const fast = planted.find((i) => i.intensity === 'fast')!;
      expect(f.find((x) => x.entity === fast.entity)).toMatchObject({ severity: 'high', numbers: { uniqueNames: fast.count } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('from a BIND query log file, through ingest, to the finding', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-dns-'));
    try {
      const enc = encoder(11);
      const lines: string[] = [];
      for (let i = 0; i < 120; i++) {
        const name = `${enc(HEX, 30)}.${enc(HEX, 30)}.d.exfil-cdn.example`;
        const t = `05-Jan-2024 10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000`;
        lines.push(`${t} client @0x7f8b3c0a1234 10.0.0.66#${40000 + i} (${name}): query: ${name} IN TXT +E(0)K (10.0.0.1)`);
      }
      const bind = path.join(dir, 'query.log');
      fs.writeFileSync(bind, `${lines.join('\n')}\n`);
      const file = path.join(dir, 'case.loupe');
      await ingestFiles({ caseFile: file, files: [bind], threads: 1 });
      const f = (await analyzeCase(file, { inline: true })).findings.filter((x) => x.detector === 'dnsTunnel');
      expect(f.map((x) => [x.entity, x.severity, x.numbers.uniqueNames, x.evidence.count])).toEqual([['10.0.0.66 -> exfil-cdn.example', 'high', 120, 120]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('generated domain names (DGA)', () => {
  it('tells generated registered domains from chosen ones', () => {
    for (const d of ['kqwwrmtbfnjeo.com', 'fkwjtaqevjbdqgd.net', 'a8f3kd92jfa.org', 'xjqzpvbnmrtw.info', 'b7kd0xmq3ttz.biz']) expect(generatedDomain(d), d).toBe(true);
    for (const d of ['stackoverflow.com', 'googlesyndication.com', 'msftconnecttest.com', 'microsoftonline.com', 'googleusercontent.com', 'cdninstagram.com', 'windowsupdate.com', 'letsencrypt.org', 'salesforce.com', 'rubiconproject.com', 'office365.com', 'bbc.co.uk', 'my-company-intranet.com', 'googletagmanager.com', '123formbuilder.com', 'site12example.com'])
      expect(generatedDomain(d), d).toBe(false);
  });

  it('reports a host asking for 120 generated domains (high), and a resolver asking 30 of them among 400 ordinary domains (low); browsing stays quiet', async () => {
    const enc = encoder(9);
    const LETTERS = 'bcdfghjklmnpqrstvwxz';
    const dga: Ev[] = Array.from({ length: 120 }, (_, i) => q(i * 30, '10.0.5.90', `${enc(LETTERS, 12)}${['.com', '.net', '.org', '.info'][i % 4]}`));
    const resolver: Ev[] = [
      ...Array.from({ length: 400 }, (_, i) => q(i, '10.0.0.53', `www.site${i}example.com`)),
      ...Array.from({ length: 30 }, (_, i) => q(500 + i, '10.0.0.53', `${enc(LETTERS, 13)}.com`)),
    ];
    const f = (await run([...browsing(), ...dga, ...resolver])).filter((x) => x.id.endsWith(':dga'));
    // random labels that repeat many of their letters read as chosen: most of the 120 count, not all
    expect(f.map((x) => [x.entity, x.severity])).toEqual([
      ['10.0.5.90', 'high'],
      ['10.0.0.53', 'low'],
    ]);
    expect(f[0]!.numbers.generatedDomains).toBeGreaterThanOrEqual(100);
    expect(f[0]!.numbers.generatedDomains).toBeLessThanOrEqual(120);
    expect(f[1]!.numbers.generatedDomains).toBeGreaterThanOrEqual(25);
    expect(f[0]!.title).toBe(`Generated domain names (DGA) asked by 10.0.5.90: ${f[0]!.numbers.generatedDomains} random-looking domains`);
    expect(f[0]!.evidence.count).toBe(50);
    expect(f[1]!.explanation).toMatch(/resolver forwarding its clients' questions/);
  });
});
