// Round 12 beacons, as Zeek's conn.log (TSV with its #fields header) records them: a fleet's EDR
// agent calling its vendor every minute from 150 workstations, 40 hosts asking the inside time
// server, and beside them the planted implants: a short tight beacon (ten check-ins), a loose one
// (20 % jitter, thirty check-ins), and the look-alike, a person visiting twelve popular sites.
import { rng } from '../../../../src/core/model/forest';
import { connLog, type Conn } from '../planted5net/zeek';

/** Tuesday 14 April 2026 08:00 UTC, in Zeek's seconds. */
export const T0 = Date.UTC(2026, 3, 14, 8) / 1000;
export const EDR = '52.168.117.170';
export const NTP = '10.20.0.5';
export const C2_SHORT = '185.243.115.84';
export const SHORT_HOST = '10.20.3.77';
export const C2_LOOSE = '91.215.85.142';
export const LOOSE_HOST = '10.20.3.88';
export const BROWSER = '10.20.3.99';
const SITES = ['142.250.185.78', '151.101.1.69', '104.16.132.229', '140.82.112.3', '13.107.42.14', '157.240.22.35', '23.215.0.136', '185.199.108.153', '104.244.42.65', '99.86.4.33', '52.95.120.10', '172.217.16.142'];

export const fleetHost = (i: number): string => `10.20.${1 + Math.floor(i / 200)}.${20 + (i % 200)}`;

const tls = (ts: number, o: string, op: number, r: string, ob: number, rb: number): Conn => ({ ts, o, op, r, rp: 443, proto: 'tcp', svc: 'ssl', dur: 0.2 + (ob % 97) / 100, ob, rb, state: 'SF', hist: 'ShADadFf', opk: 8 + (ob % 5), rpk: 7 + (rb % 6) });

/** The EDR agent on 150 workstations: a check-in every 60 s ±3 s for six hours, each host starting at its own second. */
export function fleet(): Conn[] {
  const r = rng(1201);
  const out: Conn[] = [];
  for (let i = 0; i < 150; i++) {
    let t = T0 + r() * 60;
    const end = T0 + 6 * 3600;
    while (t < end) {
      out.push(tls(t, fleetHost(i), 49152 + Math.floor(r() * 16000), EDR, 1800 + Math.floor(r() * 900), 4200 + Math.floor(r() * 2000)));
      t += 60 + (r() * 2 - 1) * 3;
    }
  }
  return out;
}

/** 40 hosts asking the inside NTP server every 64 s (chrony's minpoll), six hours. */
export function ntpClients(): Conn[] {
  const r = rng(1202);
  const out: Conn[] = [];
  for (let i = 0; i < 40; i++) {
    const host = `10.20.2.${30 + i}`;
    for (let t = T0 + r() * 64; t < T0 + 6 * 3600; t += 64 + (r() * 2 - 1) * 0.5)
      out.push({ ts: t, o: host, op: 123, r: NTP, rp: 123, proto: 'udp', svc: 'ntp', dur: 0.001, ob: 48, rb: 48, state: 'SF', hist: 'Dd', opk: 1, rpk: 1 });
  }
  return out;
}

/** The short beacon: ten check-ins every 300 s ±2 %, a few hundred bytes each, to an address nobody else visits. */
export function shortBeacon(): Conn[] {
  const r = rng(1203);
  const out: Conn[] = [];
  let t = T0 + 2 * 3600 + 17.3;
  for (let k = 0; k < 10; k++) {
    out.push(tls(t, SHORT_HOST, 49152 + Math.floor(r() * 16000), C2_SHORT, 412, 1296));
    t += 300 * (1 + (r() * 2 - 1) * 0.02);
  }
  return out;
}

/** The loose beacon: thirty check-ins every 480 s ±20 % (a sleep randomised as implants do). */
export function looseBeacon(): Conn[] {
  const r = rng(1204);
  const out: Conn[] = [];
  let t = T0 + 600.8;
  for (let k = 0; k < 30; k++) {
    out.push(tls(t, LOOSE_HOST, 49152 + Math.floor(r() * 16000), C2_LOOSE, 530 + Math.floor(r() * 40), 220 + Math.floor(r() * 60)));
    t += 480 * (1 + (r() * 2 - 1) * 0.2);
  }
  return out;
}

/** The look-alike: one person visiting twelve popular sites at random (a Poisson process, a visit every 20 minutes to each) over eight hours. */
export function browsing(): Conn[] {
  const r = rng(1205);
  const out: Conn[] = [];
  for (const site of SITES) {
    for (let t = T0 - 1200 * Math.log(1 - r()); t < T0 + 8 * 3600; t += -1200 * Math.log(1 - r()))
      out.push(tls(t, BROWSER, 49152 + Math.floor(r() * 16000), site, 900 + Math.floor(r() * 3000), 20_000 + Math.floor(r() * 400_000)));
  }
  return out;
}

export const connLines = (conns: Conn[]): string[] => connLog(conns);

export const SHORT_LOOSE_HOST = '10.20.3.66';
export const SHORT_LOOSE_DST = '23.215.0.138';

/** Trap: ten contacts every 300 s ±20 % (a person's rhythm as loose as chance makes it): too few for so loose a rhythm to be told from chance. */
export function shortLoose(): Conn[] {
  const r = rng(1206);
  const out: Conn[] = [];
  let t = T0 + 4 * 3600 + 3.1;
  for (let k = 0; k < 10; k++) {
    out.push(tls(t, SHORT_LOOSE_HOST, 49152 + Math.floor(r() * 16000), SHORT_LOOSE_DST, 700 + Math.floor(r() * 400), 9000 + Math.floor(r() * 9000)));
    t += 300 * (1 + (r() * 2 - 1) * 0.2);
  }
  return out;
}

export const CAMPAIGN_C2 = '45.61.136.20';
export const CAMPAIGN = ['10.20.4.11', '10.20.4.57', '10.20.4.102'];

/** The small campaign: the same implant on three hosts, every 600 s ±5 % for five hours: not a fleet. */
export function campaign(): Conn[] {
  const r = rng(1208);
  const out: Conn[] = [];
  for (const host of CAMPAIGN) {
    let t = T0 + 3600 + r() * 600;
    for (let k = 0; k < 30; k++) {
      out.push(tls(t, host, 49152 + Math.floor(r() * 16000), CAMPAIGN_C2, 610 + Math.floor(r() * 30), 340 + Math.floor(r() * 30)));
      t += 600 * (1 + (r() * 2 - 1) * 0.05);
    }
  }
  return out;
}
