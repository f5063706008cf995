// UNSW-NB15 as the Cyber Range Lab published it: the raw CSVs (UNSW-NB15_1.csv..4) have no header
// and 49 columns in the order of NUSW-NB15_features.csv; attack_cat is empty for normal rows and
// written with stray spaces in places (` Fuzzers`, ` Reconnaissance `); ICMP and some other flows
// carry hex ports (`0x000b`) or `-`. Normal traffic is 59.166.0.0-9 <-> 149.171.126.0-9; IXIA's
// attackers are 175.45.176.0-3 against 149.171.126.10-19.
import { rng, type Rng } from './rng';

export const COLUMNS = 'srcip,sport,dstip,dsport,proto,state,dur,sbytes,dbytes,sttl,dttl,sloss,dloss,service,Sload,Dload,Spkts,Dpkts,swin,dwin,stcpb,dtcpb,smeansz,dmeansz,trans_depth,res_bdy_len,Sjit,Djit,Stime,Ltime,Sintpkt,Dintpkt,tcprtt,synack,ackdat,is_sm_ips_ports,ct_state_ttl,ct_flw_http_mthd,is_ftp_login,ct_ftp_cmd,ct_srv_src,ct_srv_dst,ct_dst_ltm,ct_src_ltm,ct_src_dport_ltm,ct_dst_sport_ltm,ct_dst_src_ltm,attack_cat,Label';
export const ATTACKERS = ['175.45.176.0', '175.45.176.1', '175.45.176.2', '175.45.176.3'];
export const NORMAL = Array.from({ length: 10 }, (_, i) => `59.166.0.${i}`);
const S0 = 1424242000;

interface U { t: number; src: string; sp: number | string; dst: string; dp: number | string; proto: string; state: string; dur: number; sbytes: number; dbytes: number; spkts: number; dpkts: number; service: string; cat: string }

function line(u: U): string {
  const tcp = u.proto === 'tcp';
  const label = u.cat === '' ? 0 : 1;
  const sttl = label ? 254 : 31;
  const dttl = u.dpkts ? (label ? 252 : 29) : 0;
  return [
    u.src, u.sp, u.dst, u.dp, u.proto, u.state, u.dur.toFixed(6), u.sbytes, u.dbytes, sttl, dttl, 0, 0, u.service,
    ((u.sbytes * 8) / Math.max(u.dur, 1e-6)).toFixed(2), ((u.dbytes * 8) / Math.max(u.dur, 1e-6)).toFixed(2), u.spkts, u.dpkts, tcp ? 255 : 0, tcp && u.dpkts ? 255 : 0,
    tcp ? 1_000_000 + (u.t % 9_000_000) : 0, tcp && u.dpkts ? 2_000_000 + (u.t % 7_000_000) : 0, Math.round(u.sbytes / Math.max(1, u.spkts)), u.dpkts ? Math.round(u.dbytes / u.dpkts) : 0,
    0, 0, 0, 0, S0 + u.t, S0 + u.t + Math.ceil(u.dur), 0, 0, 0, 0, 0, 0, label ? 2 : 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, u.cat, label,
  ].join(',');
}

const eph = (r: Rng): number => r.int(1024, 65535);

export function raw(seed = 15): string[] {
  const r = rng(seed);
  const out: U[] = [];
  const span = 4 * 3600;
  const server = (): string => `149.171.126.${r.int(0, 9)}`;
  // normal: the lab's users (59.166.0.x) with web, DNS, FTP data, SMTP and SSH to the servers
  for (let i = 0; i < 3000; i++) {
    const t = r.int(0, span);
    const src = r.pick(NORMAL);
    const k = r.next();
    if (k < 0.35) out.push({ t, src, sp: eph(r), dst: server(), dp: 80, proto: 'tcp', state: 'FIN', dur: r.next() * 2, sbytes: r.int(500, 2000), dbytes: r.int(2000, 40_000), spkts: r.int(8, 20), dpkts: r.int(8, 40), service: 'http', cat: '' });
    else if (k < 0.65) out.push({ t, src, sp: eph(r), dst: server(), dp: 53, proto: 'udp', state: 'CON', dur: 0.001, sbytes: r.int(130, 146), dbytes: r.int(160, 180), spkts: 2, dpkts: 2, service: 'dns', cat: '' });
    else if (k < 0.75) out.push({ t, src, sp: eph(r), dst: server(), dp: 25, proto: 'tcp', state: 'FIN', dur: r.next() * 3, sbytes: r.int(2000, 40_000), dbytes: r.int(300, 600), spkts: r.int(10, 40), dpkts: r.int(10, 30), service: 'smtp', cat: '' });
    else if (k < 0.85) out.push({ t, src, sp: eph(r), dst: server(), dp: 22, proto: 'tcp', state: 'FIN', dur: r.next() * 30, sbytes: r.int(2000, 8000), dbytes: r.int(2000, 9000), spkts: r.int(20, 60), dpkts: r.int(20, 60), service: 'ssh', cat: '' });
    else if (k < 0.95) out.push({ t, src, sp: eph(r), dst: server(), dp: 21, proto: 'tcp', state: 'FIN', dur: r.next() * 4, sbytes: r.int(400, 900), dbytes: r.int(500, 1200), spkts: r.int(8, 14), dpkts: r.int(8, 14), service: 'ftp', cat: '' });
    else out.push({ t, src, sp: eph(r), dst: server(), dp: r.pick([6881, 5190, 1723]), proto: 'tcp', state: 'FIN', dur: r.next() * 8, sbytes: r.int(400, 9000), dbytes: r.int(500, 90_000), spkts: r.int(8, 40), dpkts: r.int(8, 80), service: '-', cat: '' });
  }
  const victim = (): string => `149.171.126.${r.int(10, 19)}`;
  const [a0, a1, a2, a3] = ATTACKERS as [string, string, string, string];
  // Generic: a block cipher attack's flood of one-packet DNS queries (Generic is most of the attack rows)
  for (let i = 0; i < 1200; i++) out.push({ t: 3600 + Math.floor(i / 10), src: r.pick([a0, a2]), sp: r.pick([1043, 21223, 47439]), dst: victim(), dp: 53, proto: 'udp', state: 'INT', dur: 0.000002, sbytes: 114, dbytes: 0, spkts: 2, dpkts: 0, service: 'dns', cat: 'Generic' });
  // Reconnaissance: a port walk of one victim and an ICMP sweep (hex type in the port fields)
  for (let i = 0; i < 260; i++) out.push({ t: 5400 + Math.floor(i / 4), src: a1, sp: 1043 + (i % 3), dst: '149.171.126.14', dp: 1 + ((i * 97) % 1024), proto: 'tcp', state: 'REQ', dur: 0.00001, sbytes: 200, dbytes: 0, spkts: 2, dpkts: 0, service: '-', cat: ' Reconnaissance ' });
  for (let i = 0; i < 10; i++) for (let k = 0; k < 3; k++) out.push({ t: 5500 + i * 3 + k, src: a1, sp: '0x0008', dst: `149.171.126.${10 + i}`, dp: '0x0000', proto: 'icmp', state: 'ECO', dur: 0, sbytes: 42, dbytes: 0, spkts: 1, dpkts: 0, service: '-', cat: 'Reconnaissance' });
  // Exploits: many services of the victims tried, each a short exchange
  for (let i = 0; i < 500; i++) out.push({ t: 7200 + i * 2, src: r.pick([a0, a3]), sp: eph(r), dst: victim(), dp: r.pick([80, 80, 80, 139, 445, 111, 25, 21, 3306, 5060]), proto: 'tcp', state: 'FIN', dur: r.next(), sbytes: r.int(800, 4000), dbytes: r.int(200, 2600), spkts: r.int(8, 14), dpkts: r.int(6, 14), service: r.pick(['http', '-', 'smtp', 'ftp']), cat: 'Exploits' });
  // Fuzzers: random data at many ports
  for (let i = 0; i < 400; i++) out.push({ t: 9000 + i, src: a2, sp: eph(r), dst: victim(), dp: r.pick([80, 111, 179, 445, 5060, 1900, 2049]), proto: r.pick(['tcp', 'udp']), state: r.pick(['FIN', 'INT', 'CON']), dur: r.next() * 0.5, sbytes: r.int(200, 1600), dbytes: r.int(0, 400), spkts: r.int(2, 10), dpkts: r.int(0, 6), service: '-', cat: ' Fuzzers' });
  // DoS: a flood at one victim's web server
  for (let i = 0; i < 600; i++) out.push({ t: 10_800 + Math.floor(i / 5), src: a3, sp: eph(r), dst: '149.171.126.17', dp: 80, proto: 'tcp', state: 'FIN', dur: r.next() * 0.3, sbytes: r.int(800, 1600), dbytes: r.int(200, 400), spkts: r.int(6, 10), dpkts: r.int(4, 8), service: 'http', cat: 'DoS' });
  // a handful of the rarer categories, as the files have them
  for (const [cat, n] of [['Analysis', 12], ['Backdoors', 10], ['Shellcode', 14], ['Worms', 3]] as const) for (let i = 0; i < n; i++) out.push({ t: 12_000 + i * 30, src: r.pick(ATTACKERS), sp: eph(r), dst: victim(), dp: r.pick([80, 445, 1900, 32780]), proto: 'tcp', state: 'FIN', dur: r.next(), sbytes: r.int(800, 1800), dbytes: r.int(200, 400), spkts: 10, dpkts: 6, service: '-', cat });
  return out.sort((a, b) => a.t - b.t).map(line);
}
