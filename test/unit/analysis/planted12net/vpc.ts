// Round 12 flows in AWS VPC flow logs (v2 default fields, with the header line S3 delivery
// writes; one record per direction per aggregation interval): a slow vertical scan of a web
// server beside the server's own replies to a busy client, an upload split over five addresses
// of one storage network beside a nightly backup, and ordinary web traffic around them.
import { rng } from '../../../../src/core/model/forest';

/** Tuesday 14 April 2026 00:00 UTC, ms. */
export const DAY = Date.UTC(2026, 3, 14);
export const WEB = '10.20.5.10';
export const SCANNER = '45.155.205.233';
export const PARTNER = '198.51.100.20';
export const UPLOADER = '10.20.6.15';
export const STORAGE_NET = '52.216.178.0/24';
export const storageIp = (k: number): string => `52.216.178.${11 + k}`;
export const BACKED_UP = '10.20.6.40';
export const BACKUP_SERVER = '10.20.0.50';

interface Rec { start: number; end: number; src: string; dst: string; sp: number; dp: number; proto: 6 | 17; pkts: number; bytes: number; action: 'ACCEPT' | 'REJECT' }

const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
const line = (r: Rec): string => `2 123456789012 eni-0a1b2c3d4e5f60718 ${r.src} ${r.dst} ${r.sp} ${r.dp} ${r.proto} ${r.pkts} ${r.bytes} ${Math.floor(r.start / 1000)} ${Math.floor(r.end / 1000)} ${r.action} OK`;
/** The file as delivered: header, then records in the order the aggregation windows closed. */
export const vpcFile = (recs: Rec[]): string[] => [HEADER, ...[...recs].sort((a, b) => a.end - b.end || a.start - b.start).map(line)];

/** A TCP connection as VPC logs it: one record each way per minute it lasted. */
function conn(out: Rec[], t: number, src: string, sp: number, dst: string, dp: number, secs: number, up: number, down: number): void {
  const n = Math.max(1, Math.ceil(secs / 60));
  for (let i = 0; i < n; i++) {
    const s = t + i * 60_000;
    const e = s + 60_000;
    const ub = Math.round(up / n);
    const db = Math.round(down / n);
    out.push({ start: s, end: e, src, dst, sp, dp, proto: 6, pkts: Math.max(3, Math.ceil(ub / 1400)), bytes: ub + 200, action: 'ACCEPT' });
    out.push({ start: s, end: e, src: dst, dst: src, sp: dp, dp: sp, proto: 6, pkts: Math.max(2, Math.ceil(db / 1400)), bytes: db + 120, action: 'ACCEPT' });
  }
}

/** Customers on the web server all day; the partner's API client opens 400 connections to port 443 over the day (the server answers each to a new ephemeral port). */
export function webDay(): Rec[] {
  const r = rng(1211);
  const out: Rec[] = [];
  for (let i = 0; i < 60; i++) {
    const client = `${[81, 88, 93, 109, 176, 188][i % 6]}.${1 + Math.floor(r() * 250)}.${1 + Math.floor(r() * 250)}.${1 + Math.floor(r() * 250)}`;
    for (let k = 0, n = 1 + Math.floor(r() * 6); k < n; k++) conn(out, DAY + (7 + r() * 14) * 3_600_000, client, 49152 + Math.floor(r() * 16000), WEB, 443, 5 + r() * 40, 2000 + r() * 8000, 30_000 + r() * 900_000);
  }
  for (let k = 0; k < 400; k++) conn(out, DAY + 6 * 3_600_000 + k * 150_000 + Math.floor(r() * 20_000), PARTNER, 32768 + ((k * 7919) % 28000), WEB, 443, 2 + r() * 10, 1500 + r() * 4000, 8000 + r() * 60_000);
  return out;
}

/** The slow scan: one bare SYN to each of 400 ports of the web server, one about every 27 s for three hours, refused by the security group. */
export function slowScan(): Rec[] {
  const r = rng(1212);
  const ports = new Set<number>();
  while (ports.size < 400) ports.add(1 + Math.floor(r() * 10000));
  const out: Rec[] = [];
  let t = DAY + 1 * 3_600_000 + 4_200;
  for (const p of ports) {
    out.push({ start: t, end: t + 60_000, src: SCANNER, dst: WEB, sp: 61_374, dp: p, proto: 6, pkts: 1, bytes: 44, action: 'REJECT' });
    t += 22_000 + Math.floor(r() * 10_000);
  }
  return out;
}

/** The split upload: 900 MB to each of five addresses of one storage network within an hour, one connection each (about nine minutes). */
export function splitUpload(): Rec[] {
  const r = rng(1213);
  const out: Rec[] = [];
  for (let k = 0; k < 5; k++) conn(out, DAY + 22 * 3_600_000 + k * 11 * 60_000 + Math.floor(r() * 30_000), UPLOADER, 50_000 + Math.floor(r() * 10_000), storageIp(k), 443, 530, 900_000_000, 9_000_000);
  // the same host's day: a little browsing
  for (let k = 0; k < 40; k++) conn(out, DAY + (8 + r() * 9) * 3_600_000, UPLOADER, 49152 + Math.floor(r() * 16000), `151.101.${1 + (k % 4)}.69`, 443, 3 + r() * 20, 1000 + r() * 3000, 20_000 + r() * 500_000);
  return out;
}

/** The nightly backup: 40 GB over SMB to the backup server between 01:00 and 03:00. */
export function nightlyBackup(): Rec[] {
  const out: Rec[] = [];
  conn(out, DAY + 3_600_000, BACKED_UP, 51_220, BACKUP_SERVER, 445, 7200, 40_000_000_000, 60_000_000);
  return out;
}
