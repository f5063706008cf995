// A day of Zeek conn.log (TSV, as Zeek writes it) for round 5: workstations browsing, a monitor
// pinging every device, a workstation pinging a public resolver all day, a path-MTU test, nightly
// SMB backups, and the planted incidents (staging then exfiltration, an ICMP tunnel).
import { rng } from '../../../../src/core/model/forest';

export const T0 = Date.UTC(2026, 2, 9) / 1000;
const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2026-03-09-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
];

export interface Conn { ts: number; o: string; op: number; r: string; rp: number; proto: 'tcp' | 'udp' | 'icmp'; svc: string; dur: number; ob: number; rb: number; state: string; hist: string; opk: number; rpk: number }

/** conn.log lines in time order, with Zeek's header and close line. */
export function connLog(conns: Conn[]): string[] {
  const r = rng(55);
  const uid = (): string => 'C' + Array.from({ length: 17 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789'[Math.floor(r() * 58)]).join('');
  const hdr = (c: Conn): number => (c.proto === 'tcp' ? 40 : c.proto === 'udp' ? 28 : 20);
  const lines = [...conns]
    .sort((a, b) => a.ts - b.ts)
    .map((c) => [c.ts.toFixed(6), uid(), c.o, c.op, c.r, c.rp, c.proto, c.svc, c.dur.toFixed(6), c.ob, c.rb, c.state, '-', '-', 0, c.hist, c.opk, c.ob + c.opk * hdr(c), c.rpk, c.rb + c.rpk * hdr(c), '-'].join('\t'));
  return [...HEADER, ...lines, '#close\t2026-03-10-00-00-00'];
}

const SITES = ['13.107.42.14', '140.82.112.3', '151.101.1.69', '104.16.132.229', '142.250.185.78', '52.95.120.10'];
export const MONITOR = '10.1.0.250';
export const BACKUP = '10.1.2.50';
export const PINGER = '10.1.5.12';

/** The benign day. */
export function benignDay(): Conn[] {
  const r = rng(21);
  const out: Conn[] = [];
  const eph = (): number => 49152 + Math.floor(r() * 16000);
  for (let i = 10; i < 40; i++) {
    const w = `10.1.5.${i}`;
    for (let t = T0 + 7 * 3600 + r() * 3600; t < T0 + 18 * 3600; t += 60 + r() * 840) {
      out.push({ ts: t, o: w, op: eph(), r: SITES[Math.floor(r() * SITES.length)]!, rp: 443, proto: 'tcp', svc: 'ssl', dur: 0.2 + r() * 30, ob: 500 + Math.floor(r() * 7500), rb: 5000 + Math.floor(r() * 3_000_000), state: 'SF', hist: 'ShADadFf', opk: 8 + Math.floor(r() * 30), rpk: 10 + Math.floor(r() * 400) });
      out.push({ ts: t - 0.05, o: w, op: eph(), r: '10.1.0.53', rp: 53, proto: 'udp', svc: 'dns', dur: 0.003, ob: 30 + Math.floor(r() * 30), rb: 60 + Math.floor(r() * 140), state: 'SF', hist: 'Dd', opk: 1, rpk: 1 });
    }
  }
  // the monitor pings 60 devices every 5 min (56-byte payloads)
  for (let d = 0; d < 60; d++) for (let k = 0; k < 288; k++) out.push({ ts: T0 + k * 300 + d * 0.5, o: MONITOR, op: 8, r: `10.1.2.${1 + d}`, rp: 0, proto: 'icmp', svc: '-', dur: 0.001, ob: 56, rb: 56, state: 'OTH', hist: '-', opk: 1, rpk: 1 });
  // a workstation left running `ping -t 8.8.8.8` all day: 32-byte Windows pings, one a second, a Zeek record a minute
  for (let k = 0; k < 1440; k++) out.push({ ts: T0 + k * 60 + 0.3, o: PINGER, op: 8, r: '8.8.8.8', rp: 0, proto: 'icmp', svc: '-', dur: 59.0, ob: 60 * 32, rb: 60 * 32, state: 'OTH', hist: '-', opk: 60, rpk: 60 });
  // an engineer's path-MTU test: ten 1472-byte pings to the provider's router
  out.push({ ts: T0 + 10 * 3600, o: '10.1.5.20', op: 8, r: '203.0.113.1', rp: 0, proto: 'icmp', svc: '-', dur: 9.0, ob: 10 * 1472, rb: 10 * 1472, state: 'OTH', hist: '-', opk: 10, rpk: 10 });
  // the nightly backup pulls 300 GB from ten servers over SMB
  for (let s = 0; s < 10; s++) for (let k = 0; k < 30; k++) out.push({ ts: T0 + 3600 + s * 900 + k * 60, o: BACKUP, op: eph(), r: `10.1.2.${10 + s}`, rp: 445, proto: 'tcp', svc: 'smb', dur: 58, ob: 400_000, rb: 1_000_000_000, state: 'SF', hist: 'ShADadFf', opk: 20000, rpk: 700000 });
  return out;
}

/** 10.1.5.41 tunnels through pings to 45.61.185.90 for five hours: ~300 one-KB echo requests a minute. */
export function icmpTunnel(): Conn[] {
  const r = rng(41);
  return Array.from({ length: 300 }, (_, k) => {
    const n = 280 + Math.floor(r() * 60);
    return { ts: T0 + 9 * 3600 + k * 60, o: '10.1.5.41', op: 8, r: '45.61.185.90', rp: 0, proto: 'icmp', svc: '-', dur: 59.9, ob: n * 1024, rb: n * 1020, state: 'OTH', hist: '-', opk: n, rpk: n } as Conn;
  });
}

/** 10.1.5.23 pulls 6 GB from the file server in the evening, then sends 5.6 GB to 193.29.56.12 over TLS. */
export function stageAndExfil(): Conn[] {
  const out: Conn[] = [];
  for (let k = 0; k < 30; k++) out.push({ ts: T0 + 19 * 3600 + 600 + k * 60, o: '10.1.5.23', op: 50000 + k, r: '10.1.2.10', rp: 445, proto: 'tcp', svc: 'smb', dur: 55, ob: 300_000, rb: 200_000_000, state: 'SF', hist: 'ShADadFf', opk: 9000, rpk: 140000 });
  for (let k = 0; k < 24; k++) out.push({ ts: T0 + 21 * 3600 + k * 300, o: '10.1.5.23', op: 51000 + k, r: '193.29.56.12', rp: 443, proto: 'tcp', svc: 'ssl', dur: 290, ob: 250_000_000, rb: 1_500_000, state: 'SF', hist: 'ShADadFf', opk: 180000, rpk: 40000 });
  return out;
}

/** An implant on 10.1.5.33 pinging its controller every 5 min (±5 s) for 10 hours: short records, each a new exchange. */
export function icmpBeacon(): Conn[] {
  const r = rng(33);
  return Array.from({ length: 120 }, (_, k) => ({ ts: T0 + 8 * 3600 + k * 300 + r() * 10 - 5, o: '10.1.5.33', op: 8, r: '91.215.85.17', rp: 0, proto: 'icmp', svc: '-', dur: 0.04, ob: 64, rb: 64, state: 'OTH', hist: '-', opk: 1, rpk: 1 }) as Conn);
}
