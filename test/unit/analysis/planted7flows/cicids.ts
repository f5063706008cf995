// CIC-IDS2017 "TrafficLabelling" CSVs as published: CICFlowMeter's 85 columns with the spaces after
// the commas, `Fwd Header Length` twice, `d/M/yyyy h:mm` times without seconds or AM/PM (the
// afternoon written 1:00-5:59), microsecond durations and the day's labels. Every attack comes from
// 172.16.0.1, the firewall's NAT address, toward the victim network 192.168.10.0/24; the ARES bots
// are inside hosts polling 205.174.165.73:8080.
import { rng, type Rng } from './rng';

export const HEADER =
  'Flow ID, Source IP, Source Port, Destination IP, Destination Port, Protocol, Timestamp, Flow Duration, Total Fwd Packets, Total Backward Packets,Total Length of Fwd Packets, Total Length of Bwd Packets, Fwd Packet Length Max, Fwd Packet Length Min, Fwd Packet Length Mean, Fwd Packet Length Std,Bwd Packet Length Max, Bwd Packet Length Min, Bwd Packet Length Mean, Bwd Packet Length Std,Flow Bytes/s, Flow Packets/s, Flow IAT Mean, Flow IAT Std, Flow IAT Max, Flow IAT Min,Fwd IAT Total, Fwd IAT Mean, Fwd IAT Std, Fwd IAT Max, Fwd IAT Min,Bwd IAT Total, Bwd IAT Mean, Bwd IAT Std, Bwd IAT Max, Bwd IAT Min,Fwd PSH Flags, Bwd PSH Flags, Fwd URG Flags, Bwd URG Flags, Fwd Header Length, Bwd Header Length,Fwd Packets/s, Bwd Packets/s, Min Packet Length, Max Packet Length, Packet Length Mean, Packet Length Std, Packet Length Variance,FIN Flag Count, SYN Flag Count, RST Flag Count, PSH Flag Count, ACK Flag Count, URG Flag Count, CWE Flag Count, ECE Flag Count, Down/Up Ratio, Average Packet Size, Avg Fwd Segment Size, Avg Bwd Segment Size, Fwd Header Length,Fwd Avg Bytes/Bulk, Fwd Avg Packets/Bulk, Fwd Avg Bulk Rate, Bwd Avg Bytes/Bulk, Bwd Avg Packets/Bulk,Bwd Avg Bulk Rate,Subflow Fwd Packets, Subflow Fwd Bytes, Subflow Bwd Packets, Subflow Bwd Bytes,Init_Win_bytes_forward, Init_Win_bytes_backward, act_data_pkt_fwd, min_seg_size_forward,Active Mean, Active Std, Active Max, Active Min,Idle Mean, Idle Std, Idle Max, Idle Min, Label';

export const NAT = '172.16.0.1';
export const WEB = '192.168.10.50';
export const BOTS = ['192.168.10.5', '192.168.10.8', '192.168.10.9', '192.168.10.14', '192.168.10.15'];
export const ARES_CC = '205.174.165.73';
/** the office's workstations (Ubuntu, Windows 7/8/10, Vista, Mac) and servers */
export const DESKTOPS = ['192.168.10.5', '192.168.10.8', '192.168.10.9', '192.168.10.12', '192.168.10.14', '192.168.10.15', '192.168.10.16', '192.168.10.17', '192.168.10.19', '192.168.10.25'];
export const DNS = '192.168.10.3';

export interface CicFlow {
  t: number;
  src: string;
  sp: number;
  dst: string;
  dp: number;
  proto: 6 | 17 | 1;
  /** microseconds */
  us: number;
  fwd: number;
  bwd: number;
  fwdBytes: number;
  bwdBytes: number;
  syn?: boolean;
  rst?: boolean;
  label: string;
}

/** `5/7/2017 2:15` for 14:15 local: CIC-IDS2017's own spelling (no seconds, no AM/PM) */
function when(t: number): string {
  const d = new Date(t);
  const h = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()} ${h}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

export function row(f: CicFlow): string {
  const pk = f.fwd + f.bwd;
  const bytes = f.fwdBytes + f.bwdBytes;
  const fmean = f.fwd ? f.fwdBytes / f.fwd : 0;
  const bmean = f.bwd ? f.bwdBytes / f.bwd : 0;
  const us = Math.max(1, f.us);
  const iat = pk > 1 ? us / (pk - 1) : 0;
  const cols: (string | number)[] = [
    `${f.src}-${f.dst}-${f.sp}-${f.dp}-${f.proto}`, f.src, f.sp, f.dst, f.dp, f.proto, when(f.t), f.us, f.fwd, f.bwd, f.fwdBytes, f.bwdBytes,
    Math.round(fmean), 0, fmean.toFixed(1), 0, Math.round(bmean), 0, bmean.toFixed(1), 0,
    ((bytes * 1e6) / us).toFixed(6), ((pk * 1e6) / us).toFixed(6), iat.toFixed(1), 0, Math.round(iat), 0,
    f.us, iat.toFixed(1), 0, Math.round(iat), 0, f.bwd ? f.us : 0, iat.toFixed(1), 0, Math.round(iat), 0,
    0, 0, 0, 0, f.fwd * 32, f.bwd * 32, ((f.fwd * 1e6) / us).toFixed(6), ((f.bwd * 1e6) / us).toFixed(6),
    0, Math.round(Math.max(fmean, bmean)), (bytes / Math.max(1, pk)).toFixed(1), 0, 0,
    0, f.syn ? 1 : 0, f.rst ? 1 : 0, 1, f.bwd ? 1 : 0, 0, 0, 0, f.fwd ? Math.floor(f.bwd / f.fwd) : 0, (bytes / Math.max(1, pk)).toFixed(1), fmean.toFixed(1), bmean.toFixed(1), f.fwd * 32,
    0, 0, 0, 0, 0, 0, f.fwd, f.fwdBytes, f.bwd, f.bwdBytes, f.proto === 6 ? 29200 : -1, f.proto === 6 && f.bwd ? 28960 : -1, f.fwdBytes ? f.fwd - 1 : 0, 32,
    0, 0, 0, 0, 0, 0, 0, 0, f.label,
  ];
  return cols.join(',');
}

const eph = (r: Rng): number => r.int(32768, 60999);

/** The office's own traffic for the hours of a day: browsing, DNS, NTP, Windows updates. */
function benign(r: Rng, day: number, from: number, to: number, n: number): CicFlow[] {
  const out: CicFlow[] = [];
  const sites = ['104.16.207.165', '172.217.10.98', '23.194.142.15', '52.84.143.47', '151.101.21.140', '13.107.4.50', '31.13.71.36', '199.16.156.198'];
  for (let i = 0; i < n; i++) {
    const t = Date.UTC(2017, 6, day, from, 0) + r.int(0, (to - from) * 3600_000);
    const h = r.pick(DESKTOPS);
    const k = r.next();
    if (k < 0.45) out.push({ t, src: h, sp: eph(r), dst: r.pick(sites), dp: 443, proto: 6, us: r.int(20_000, 60_000_000), fwd: r.int(4, 30), bwd: r.int(4, 60), fwdBytes: r.int(300, 4000), bwdBytes: r.int(2000, 90_000), label: 'BENIGN' });
    else if (k < 0.8) out.push({ t, src: h, sp: eph(r), dst: DNS, dp: 53, proto: 17, us: r.int(200, 90_000), fwd: 2, bwd: 2, fwdBytes: r.int(60, 90), bwdBytes: r.int(120, 300), label: 'BENIGN' });
    else if (k < 0.9) out.push({ t, src: h, sp: eph(r), dst: r.pick(sites), dp: 80, proto: 6, us: r.int(20_000, 5_000_000), fwd: r.int(3, 10), bwd: r.int(2, 12), fwdBytes: r.int(300, 900), bwdBytes: r.int(200, 20_000), label: 'BENIGN' });
    else out.push({ t, src: h, sp: 123, dst: '91.189.89.198', dp: 123, proto: 17, us: r.int(100, 3000), fwd: 1, bwd: 1, fwdBytes: 48, bwdBytes: 48, label: 'BENIGN' });
  }
  // the victim web server answering the office (internal users browse it too)
  for (let i = 0; i < n / 20; i++) out.push({ t: Date.UTC(2017, 6, day, from, 0) + r.int(0, (to - from) * 3600_000), src: r.pick(DESKTOPS), sp: eph(r), dst: WEB, dp: 80, proto: 6, us: r.int(5000, 3_000_000), fwd: r.int(4, 8), bwd: r.int(3, 8), fwdBytes: r.int(300, 700), bwdBytes: r.int(1000, 12_000), label: 'BENIGN' });
  return out;
}

const at = (day: number, h: number, m: number): number => Date.UTC(2017, 6, day, h, m);
const file = (flows: CicFlow[]): string[] => [HEADER, ...flows.sort((a, b) => a.t - b.t).map(row)];

/** Tuesday: FTP-Patator 9:20-10:20 and SSH-Patator 14:00-15:00 against 192.168.10.50 */
export function tuesday(seed = 4): string[] {
  const r = rng(seed);
  const out = benign(r, 4, 8, 17, 2500);
  for (let i = 0; i < 700; i++) out.push({ t: at(4, 9, 20) + Math.round(i * (3600_000 / 700)), src: NAT, sp: eph(r), dst: WEB, dp: 21, proto: 6, us: r.int(3_000_000, 6_000_000), fwd: r.int(8, 10), bwd: r.int(10, 14), fwdBytes: r.int(60, 90), bwdBytes: r.int(150, 180), label: 'FTP-Patator' });
  for (let i = 0; i < 600; i++) out.push({ t: at(4, 14, 0) + Math.round(i * (3600_000 / 600)), src: NAT, sp: eph(r), dst: WEB, dp: 22, proto: 6, us: r.int(7_000_000, 12_000_000), fwd: r.int(14, 24), bwd: r.int(20, 34), fwdBytes: r.int(1300, 2100), bwdBytes: r.int(2300, 3500), label: 'SSH-Patator' });
  return file(out);
}

/** Wednesday: slowloris, Slowhttptest, Hulk, GoldenEye against the web server, Heartbleed against .51:444 */
export function wednesday(seed = 5): string[] {
  const r = rng(seed);
  const out = benign(r, 5, 8, 17, 2500);
  // slowloris: long connections holding a few bytes each, hundreds open (Flow Duration up to ~100 s)
  for (let i = 0; i < 500; i++) out.push({ t: at(5, 9, 47) + Math.round(i * (23 * 60_000 / 500)), src: NAT, sp: eph(r), dst: WEB, dp: 80, proto: 6, us: r.int(20_000_000, 110_000_000), fwd: r.int(5, 9), bwd: r.int(2, 4), fwdBytes: r.int(230, 400), bwdBytes: 0, label: 'DoS slowloris' });
  for (let i = 0; i < 500; i++) out.push({ t: at(5, 10, 14) + Math.round(i * (21 * 60_000 / 500)), src: NAT, sp: eph(r), dst: WEB, dp: 80, proto: 6, us: r.int(5_000_000, 110_000_000), fwd: r.int(3, 6), bwd: r.int(1, 3), fwdBytes: r.int(0, 300), bwdBytes: 0, label: 'DoS Slowhttptest' });
  // Hulk: a torrent of unique GETs, thousands of short flows a minute
  for (let i = 0; i < 3000; i++) out.push({ t: at(5, 10, 43) + Math.round(i * (8 * 60_000 / 3000)), src: NAT, sp: eph(r), dst: WEB, dp: 80, proto: 6, us: r.int(1000, 120_000), fwd: r.int(2, 7), bwd: r.int(0, 6), fwdBytes: r.int(0, 400), bwdBytes: r.pick([0, 0, 11_595, 11_632]), label: 'DoS Hulk' });
  for (let i = 0; i < 900; i++) out.push({ t: at(5, 11, 10) + Math.round(i * (9 * 60_000 / 900)), src: NAT, sp: eph(r), dst: WEB, dp: 80, proto: 6, us: r.int(1_000_000, 11_000_000), fwd: r.int(4, 8), bwd: r.int(3, 6), fwdBytes: r.int(300, 600), bwdBytes: r.int(0, 11_600), label: 'DoS GoldenEye' });
  // Heartbleed: one connection re-made a few times, each pulling ~7 MB of leaked memory
  for (let i = 0; i < 11; i++) out.push({ t: at(5, 15, 12) + i * 100_000, src: NAT, sp: 45022 + i, dst: '192.168.10.51', dp: 444, proto: 6, us: 119_000_000, fwd: r.int(2600, 2800), bwd: r.int(4600, 4800), fwdBytes: r.int(8000, 9000), bwdBytes: r.int(7_000_000, 7_900_000), label: 'Heartbleed' });
  return file(out);
}

/** Thursday morning: web attacks (the en dash as CP-1252 0x96 decoded to U+FFFD, as the files carry it) */
export function thursday(seed = 6): string[] {
  const r = rng(seed);
  const out = benign(r, 6, 8, 12, 1500);
  const web = (from: number, n: number, mins: number, label: string, fwdBytes: [number, number]): void => {
    for (let i = 0; i < n; i++) out.push({ t: from + Math.round(i * ((mins * 60_000) / n)), src: NAT, sp: eph(r), dst: WEB, dp: 80, proto: 6, us: r.int(5_000_000, 6_000_000), fwd: r.int(3, 4), bwd: r.int(1, 3), fwdBytes: r.int(fwdBytes[0], fwdBytes[1]), bwdBytes: r.int(0, 2000), label });
  };
  web(at(6, 9, 20), 600, 40, 'Web Attack \uFFFD Brute Force', [400, 700]);
  web(at(6, 10, 15), 250, 20, 'Web Attack \uFFFD XSS', [600, 1400]);
  web(at(6, 10, 40), 21, 2, 'Web Attack \uFFFD Sql Injection', [500, 900]);
  return file(out);
}

/** Friday: ARES bots 10:02-11:02, PortScan 13:55-14:35, DDoS LOIT 15:56-16:16 */
export function friday(seed = 7): string[] {
  const r = rng(seed);
  const out = benign(r, 7, 8, 17, 3000);
  // ARES: each bot asks the C&C at :8080 for orders about every 10 s (with jitter) for an hour
  for (const b of BOTS) {
    let t = at(7, 10, 2) + r.int(0, 10_000);
    while (t < at(7, 11, 2)) {
      out.push({ t, src: b, sp: eph(r), dst: ARES_CC, dp: 8080, proto: 6, us: r.int(60_000, 120_000), fwd: r.int(3, 5), bwd: r.int(2, 4), fwdBytes: r.int(200, 340), bwdBytes: r.int(128, 160), label: 'Bot' });
      t += Math.round(10_000 * (0.8 + 0.4 * r.next()));
    }
  }
  // nmap's many modes against one host: mostly a bare SYN (or a FIN/Xmas/Null) and a RST back
  for (let i = 0; i < 2500; i++) out.push({ t: at(7, 13, 55) + Math.round(i * (40 * 60_000 / 2500)), src: NAT, sp: r.pick([37882, 41624, 57212, 63391]), dst: WEB, dp: 1 + ((i * 613) % 10000), proto: 6, us: r.int(20, 90), fwd: 1, bwd: 1, fwdBytes: 0, bwdBytes: 0, syn: true, rst: true, label: 'PortScan' });
  // LOIC's HTTP flood, NATed behind the one address
  for (let i = 0; i < 4000; i++) out.push({ t: at(7, 15, 56) + Math.round(i * (20 * 60_000 / 4000)), src: NAT, sp: eph(r), dst: WEB, dp: 80, proto: 6, us: r.int(500, 3_000_000), fwd: r.int(3, 8), bwd: r.int(0, 6), fwdBytes: r.int(20, 60), bwdBytes: r.pick([0, 0, 11_601, 11_607]), label: 'DDoS' });
  return file(out);
}
