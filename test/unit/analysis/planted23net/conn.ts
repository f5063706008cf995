// Zeek conn.log in JSON (LogAscii::use_json=T): one object per line, epoch `ts`, unset fields left
// out (a REJ or S0 connection has no duration or byte counts), as Zeek writes it. A file server
// backs up to the NAS every night and, the same night, sends 3 GB to an outside address.
import { rng } from '../planted7flows/rng';

export const T0 = Date.UTC(2026, 2, 2) / 1000;
export const NAS = '10.20.5.10';
export const SERVERS = Array.from({ length: 8 }, (_, i) => `10.20.5.${20 + i}`);
export const EXFIL_HOST = '10.20.5.23';
export const EXFIL_DST = '45.137.21.9';
export const CLIENTS = Array.from({ length: 30 }, (_, i) => `10.20.10.${i + 1}`);
/** A workstation that browses all day and, at 14:05, scans one server's ports for about ten seconds. */
export const SCANNER = '10.20.10.6';
export const SCAN_TARGET = '10.20.5.25';
export const SCAN_START = T0 + 14 * 3600 + 321;
/** An implant on a workstation: every 300 s ± 20 % (uniform) for ten hours, a few hundred bytes each way. */
export const IMPLANT = '10.20.10.17';
export const C2 = '185.225.19.77';
/** The EDR agent on 25 workstations: the same loose five-minute timer to the vendor's address. */
export const EDR = '52.168.117.170';
const CDN = ['13.107.4.50', '23.32.238.201'];
const WEB = Array.from({ length: 40 }, (_, i) => `142.250.74.${i + 1}`);
const POLLER = '10.20.1.5';

const r = rng(23);
let n = 0;
const eph = (): number => r.int(49152, 65535);

/** One conn.log record; `bytes` null for a connection that never carried data (S0, REJ). */
function conn(ts: number, o: string, r1: string, port: number, proto: 'tcp' | 'udp', state: string, history: string, bytes: [number, number] | null, dur: number | null, service?: string): string {
  const d: Record<string, unknown> = { ts: Number(ts.toFixed(6)), uid: `C${(++n).toString(36).padStart(17, 'x')}`, 'id.orig_h': o, 'id.orig_p': eph(), 'id.resp_h': r1, 'id.resp_p': port, proto };
  if (service) d.service = service;
  if (dur !== null) d.duration = dur;
  if (bytes) [d.orig_bytes, d.resp_bytes] = bytes;
  const [ob, rb] = bytes ?? [0, 0];
  const op = Math.max(1, Math.floor(ob / 1400) + 2);
  const rp = state === 'S0' ? 0 : Math.max(1, Math.floor(rb / 1400) + 1);
  Object.assign(d, { conn_state: state, local_orig: o.startsWith('10.'), local_resp: r1.startsWith('10.'), missed_bytes: 0, history, orig_pkts: op, orig_ip_bytes: ob + 40 * op, resp_pkts: rp, resp_ip_bytes: rb + 40 * rp });
  return JSON.stringify(d);
}

/** The office's day and the servers' night: browsing, DNS, updates, the poller, nightly backups. */
function ordinary(): [number, string][] {
  const out: [number, string][] = [];
  for (const c of CLIENTS) {
    for (let i = 0; i < 120; i++) {
      const ts = T0 + 8 * 3600 + r.next() * 10 * 3600;
      out.push([ts, conn(ts, c, r.pick(WEB), 443, 'tcp', 'SF', 'ShADadFf', [r.int(600, 6000), r.int(3000, 900_000)], Number((r.next() * 30).toFixed(6)), 'ssl')]);
      out.push([ts - 0.05, conn(ts - 0.05, c, '10.20.0.53', 53, 'udp', 'SF', 'Dd', [r.int(30, 60), r.int(60, 300)], 0.012, 'dns')]);
    }
    // a Windows Update or Office download from the CDN: large, but received
    const ts = T0 + 10 * 3600 + r.next() * 6 * 3600;
    out.push([ts, conn(ts, c, r.pick(CDN), 443, 'tcp', 'SF', 'ShADadFf', [r.int(20_000, 200_000), r.int(200_000_000, 1_200_000_000)], 300, 'ssl')]);
  }
  // the monitoring poller asks every server each minute
  for (const [i, s] of SERVERS.entries())
    for (let m = 0; m < 1440; m += 1) {
      const ts = T0 + m * 60 + i * 0.7;
      out.push([ts, conn(ts, POLLER, s, 5666, 'tcp', 'SF', 'ShADadfF', [120, 340], 0.02)]);
    }
  // nightly backups: each server sends 8-40 GB to the NAS over SMB from 01:00
  for (const s of SERVERS)
    for (let k = 0; k < 8; k++) {
      const ts = T0 + 3600 + k * 400 + r.next() * 60;
      out.push([ts, conn(ts, s, NAS, 445, 'tcp', 'SF', 'ShADadFf', [r.int(1_000_000_000, 5_000_000_000), r.int(1_000_000, 5_000_000)], 380, 'smb')]);
    }
  return out;
}

/** The file server's upload: about 3 GB to one outside address in 20-35 MB connections, 01:10 to 03:30. */
function exfiltration(): [number, string][] {
  const out: [number, string][] = [];
  let ts = T0 + 3600 + 600;
  for (let sent = 0; sent < 3_000_000_000; ) {
    const b = r.int(20_000_000, 35_000_000);
    sent += b;
    out.push([ts, conn(ts, EXFIL_HOST, EXFIL_DST, 443, 'tcp', 'SF', 'ShADadFf', [b, r.int(40_000, 90_000)], Number((20 + r.next() * 40).toFixed(6)), 'ssl')]);
    ts += 30 + r.next() * 60;
  }
  return out;
}

/** Closed ports answer with a reset (REJ, history Sr), filtered ones never answer (S0), open ones are touched and reset (RSTO). */
function scan(): [number, string][] {
  const out: [number, string][] = [];
  const ports = Array.from({ length: 1024 }, (_, i) => i + 1).sort(() => r.next() - 0.5);
  let ts = SCAN_START;
  for (const p of ports) {
    if ([22, 80, 443, 445].includes(p)) out.push([ts, conn(ts, SCANNER, SCAN_TARGET, p, 'tcp', 'RSTO', 'ShR', [0, 0], 0.0004)]);
    else if (p % 7 === 0) out.push([ts, conn(ts, SCANNER, SCAN_TARGET, p, 'tcp', 'S0', 'S', null, null)]);
    else out.push([ts, conn(ts, SCANNER, SCAN_TARGET, p, 'tcp', 'REJ', 'Sr', null, null)]);
    ts += 0.002 + r.next() * 0.018;
  }
  return out;
}

function timers(): [number, string][] {
  const out: [number, string][] = [];
  for (let ts = T0 + 9 * 3600 + 137.2; ts < T0 + 19 * 3600; ts += 300 * (0.8 + 0.4 * r.next()))
    out.push([ts, conn(ts, IMPLANT, C2, 443, 'tcp', 'SF', 'ShADadFf', [r.int(320, 620), r.int(180, 1500)], Number((0.3 + r.next()).toFixed(6)), 'ssl')]);
  for (const c of CLIENTS.slice(0, 25))
    for (let ts = T0 + 8 * 3600 + r.next() * 300; ts < T0 + 18 * 3600; ts += 300 * (0.8 + 0.4 * r.next()))
      out.push([ts, conn(ts, c, EDR, 443, 'tcp', 'SF', 'ShADadFf', [r.int(900, 2000), r.int(400, 3000)], Number((0.2 + r.next()).toFixed(6)), 'ssl')]);
  return out;
}

export const lines = (): string[] => [...ordinary(), ...exfiltration(), ...scan(), ...timers()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
