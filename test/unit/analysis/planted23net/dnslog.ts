// Zeek dns.log (TSV with its header), as Zeek writes it. Every browser on the network asks for ad
// frames under <32 hex>.safeframe.googlesyndication.com, some for more than fifty in a day; one
// host tunnels through A queries, another through TXT/NULL, with hex labels under their own domains.
import { rng } from '../planted7flows/rng';

const T0 = Date.UTC(2026, 2, 2) / 1000;
export const CLIENTS = Array.from({ length: 40 }, (_, i) => `10.20.10.${i + 1}`);
export const TXT_TUNNEL = { host: '10.20.10.61', domain: 'msft-telemetry.org' };
export const A_TUNNEL = { host: '10.20.10.62', domain: 'cdn-metrics.net' };
const RESOLVER = '10.20.0.53';
const r = rng(2333);
const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
const QT: Record<string, number> = { A: 1, NULL: 10, TXT: 16, AAAA: 28, HTTPS: 65 };

const HEADER = [
  '#separator \\x09', '#set_separator\t,', '#empty_field\t(empty)', '#unset_field\t-', '#path\tdns', '#open\t2026-03-02-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool',
];

let n = 0;
const row = (ts: number, src: string, query: string, qtype: string, answer: string): [number, string] => [
  ts,
  [ts.toFixed(6), `C${(++n).toString(36).padStart(17, 'q')}`, src, r.int(49152, 65535), RESOLVER, 53, 'udp', r.int(1, 65535), (r.next() * 0.04).toFixed(6), query, 1, 'C_INTERNET', QT[qtype], qtype, 0, 'NOERROR', 'F', 'F', 'T', 'T', 0, answer, '60.000000', 'F'].join('\t'),
];

function clients(): [number, string][] {
  const out: [number, string][] = [];
  for (const c of CLIENTS) {
    const day = (): number => T0 + 8 * 3600 + r.next() * 10 * 3600;
    for (let i = 0; i < 200; i++) out.push(row(day(), c, r.pick(['www.google.com', 'outlook.office365.com', 'github.com', 'www.bbc.co.uk']), r.pick(['A', 'AAAA', 'HTTPS']), '142.250.74.14'));
    // ad frames: 30 to 80 distinct names a day per browser
    for (let i = r.int(30, 80); i > 0; i--) out.push(row(day(), c, `${hex(32)}.safeframe.googlesyndication.com`, 'A', '142.250.74.2'));
  }
  return out;
}

function tunnels(): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 0; i < 600; i++) out.push(row(T0 + 20 * 3600 + i * 5, TXT_TUNNEL.host, `${hex(62)}.${hex(40)}.${TXT_TUNNEL.domain}`, i % 3 ? 'TXT' : 'NULL', hex(40)));
  // a slow beacon in A queries: 120 names over ten hours
  for (let i = 0; i < 120; i++) out.push(row(T0 + 8 * 3600 + i * 300, A_TUNNEL.host, `${hex(30)}.${A_TUNNEL.domain}`, 'A', '10.0.0.1'));
  return out;
}

export const lines = (): string[] => [...HEADER, ...[...clients(), ...tunnels()].sort((a, b) => a[0] - b[0]).map((x) => x[1]), '#close\t2026-03-03-00-00-00'];
