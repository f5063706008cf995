// Round 9 beacons: ARES-style bots polling their controller every two to five minutes in a
// CIC-IDS2017 TrafficLabelling CSV, whose times are written only to the minute (`7/7/2017 9:14`),
// beside the office's own regular traffic (NTP, DNS) and a person visiting one site at random; and
// an implant calling home once an hour for a day in Zeek's conn.log.
import { HEADER, row, type CicFlow } from '../planted7flows/cicids';
import { rng } from '../planted7flows/rng';
import { connLog, type Conn } from '../planted5net/zeek';

export const C2 = '205.174.165.73';
/** bot → period (ms) and its jitter (share of the period, uniform either way) */
export const BOTS: Record<string, [number, number]> = { '192.168.10.5': [120_000, 0.25], '192.168.10.8': [300_000, 0.2], '192.168.10.15': [180_000, 0.3] };
export const BROWSER = '192.168.10.19';

/** Friday 7 July 2017, 8:00-13:59 (written 8:00-1:59, as CIC does): the bots, NTP, DNS and a person's visits. */
export function cicMorning(): string[] {
  const r = rng(91);
  const T = Date.UTC(2017, 6, 7, 8, 0);
  const END = T + 6 * 3_600_000;
  const out: CicFlow[] = [];
  const eph = (): number => r.int(32768, 60999);
  for (const [bot, [period, jit]] of Object.entries(BOTS))
    for (let t = T + r.int(0, period); t < END; t += Math.round(period * (1 - jit + 2 * jit * r.next())))
      out.push({ t, src: bot, sp: eph(), dst: C2, dp: 8080, proto: 6, us: r.int(60_000, 120_000), fwd: r.int(3, 5), bwd: r.int(2, 4), fwdBytes: r.int(200, 340), bwdBytes: r.int(128, 160), label: 'Bot' });
  // trap: every desktop's NTP client every 17 min (Windows' w32time) and DNS to the office resolver every few minutes
  for (let h = 0; h < 10; h++) {
    const host = `192.168.10.${30 + h}`;
    for (let t = T + r.int(0, 60_000); t < END; t += 1_024_000) out.push({ t, src: host, sp: 123, dst: '192.168.10.3', dp: 123, proto: 17, us: r.int(200, 900), fwd: 1, bwd: 1, fwdBytes: 48, bwdBytes: 48, label: 'BENIGN' });
    for (let t = T + r.int(0, 60_000); t < END; t += r.int(150_000, 210_000)) out.push({ t, src: host, sp: eph(), dst: '192.168.10.3', dp: 53, proto: 17, us: r.int(200, 40_000), fwd: 1, bwd: 1, fwdBytes: r.int(30, 60), bwdBytes: r.int(60, 200), label: 'BENIGN' });
  }
  // trap: a person reading one news site about 40 times over the morning, at no rhythm
  for (let i = 0; i < 40; i++) out.push({ t: T + r.int(0, 6 * 3_600_000), src: BROWSER, sp: eph(), dst: '151.101.21.140', dp: 443, proto: 6, us: r.int(200_000, 30_000_000), fwd: r.int(8, 30), bwd: r.int(10, 90), fwdBytes: r.int(600, 3000), bwdBytes: r.int(20_000, 900_000), label: 'BENIGN' });
  return [HEADER, ...out.sort((a, b) => a.t - b.t).map(row)];
}

export const HOURLY = '10.1.5.44';
export const UPDATER = '10.1.5.45';

/** A day of conn.log: an implant calling 91.215.85.20:443 once an hour (±3 min); trap: NTP from a workstation every 64 s and its resolver's DNS. */
export function hourlyDay(): string[] {
  const r = rng(44);
  const T0 = Date.UTC(2026, 2, 9) / 1000;
  const out: Conn[] = [];
  for (let h = 0; h < 24; h++) out.push({ ts: T0 + h * 3600 + 900 + (r.next() * 360 - 180), o: HOURLY, op: 49152 + r.int(0, 16000), r: '91.215.85.20', rp: 443, proto: 'tcp', svc: 'ssl', dur: 0.8, ob: 420 + r.int(0, 60), rb: 1800 + r.int(0, 400), state: 'SF', hist: 'ShADadFf', opk: 7, rpk: 6 });
  for (let t = T0 + 30; t < T0 + 86400; t += 64) out.push({ ts: t, o: UPDATER, op: 123, r: '162.159.200.1', rp: 123, proto: 'udp', svc: 'ntp', dur: 0.02, ob: 48, rb: 48, state: 'SF', hist: 'Dd', opk: 1, rpk: 1 });
  for (let t = T0 + 45; t < T0 + 86400; t += 300) out.push({ ts: t + r.next() * 4, o: UPDATER, op: 49152 + r.int(0, 16000), r: '10.1.0.53', rp: 53, proto: 'udp', svc: 'dns', dur: 0.003, ob: 40, rb: 120, state: 'SF', hist: 'Dd', opk: 1, rpk: 1 });
  return connLog(out);
}
