// CIDDS-001 as recorded (Ring et al., 2017): nfdump flows with the class/attackType/attackID/
// attackDescription labels. The OpenStack week: internal nets 192.168.100.0/24 (servers),
// 192.168.200.0/24 (management), 192.168.210.0/24 and 192.168.220.0/24 (clients); attacks
// scripted from infected clients. The external-server week: anonymised addresses as words
// (EXT_SERVER, OPENSTACK_NET, ATTACKER1..3) and public addresses as `NNNNN_NNN`.
import { rng, type Rng } from './rng';

export const HEADER = 'Date first seen,Duration,Proto,Src IP Addr,Src Pt,Dst IP Addr,Dst Pt,Packets,Bytes,Flows,Flags,Tos,class,attackType,attackID,attackDescription';

const pad = (n: number): string => String(n).padStart(2, '0');
function when(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}
/** nfdump's byte counts, as CIDDS wrote them: `1.2 M` past a million */
const bytesOf = (b: number): string => (b >= 1_000_000 ? `${(b / 1_000_000).toFixed(1)} M` : String(b));

interface Flow { t: number; dur: number; proto: string; src: string; sp: number | string; dst: string; dp: number | string; pk: number; bytes: number; flags: string; cls: string; type?: string; id?: number; desc?: string }
const line = (f: Flow): string => `${when(f.t)},${f.dur.toFixed(3)},${f.proto.padEnd(5, ' ')},${f.src},${f.sp},${f.dst},${f.dp},${f.pk},${bytesOf(f.bytes)},1,${f.flags},0,${f.cls},${f.type ?? '---'},${f.id ?? '---'},${f.desc ?? '---'}`;

const eph = (r: Rng): number => r.int(32768, 60999);
export const OS_ATTACKERS = { portScan: '192.168.220.9', pingScan: '192.168.210.18', bruteForce: '192.168.220.14', dos: '192.168.210.5' };
export const OS_CLIENTS = ['192.168.210.2', '192.168.210.3', '192.168.210.4', '192.168.220.2', '192.168.220.3', '192.168.220.4', '192.168.220.5', '192.168.200.8'];

/** A day of the OpenStack week with one attack of each kind, victims answering (class victim). */
export function openstack(seed = 17): string[] {
  const r = rng(seed);
  const t0 = Date.UTC(2017, 2, 22, 8, 0);
  const span = 8 * 3600_000;
  const out: Flow[] = [];
  const servers = ['192.168.100.3', '192.168.100.4', '192.168.100.5', '192.168.100.6'];
  // clients: SMB to the file server, mail, web, DNS; the server's replies are flows too
  for (let i = 0; i < 3000; i++) {
    const t = t0 + r.int(0, span);
    const c = r.pick(OS_CLIENTS);
    const k = r.next();
    const sp = eph(r);
    if (k < 0.4) {
      out.push({ t, dur: r.next() * 3, proto: 'TCP', src: c, sp, dst: '192.168.100.5', dp: 445, pk: r.int(4, 40), bytes: r.int(400, 9000), flags: '.AP.SF', cls: 'normal' });
      out.push({ t: t + 2, dur: r.next() * 3, proto: 'TCP', src: '192.168.100.5', sp: 445, dst: c, dp: sp, pk: r.int(4, 40), bytes: r.int(400, 90_000), flags: '.AP.SF', cls: 'normal' });
    } else if (k < 0.7) {
      out.push({ t, dur: 0.01, proto: 'UDP', src: c, sp, dst: 'DNS', dp: 53, pk: 1, bytes: r.int(60, 80), flags: '......', cls: 'normal' });
    } else {
      out.push({ t, dur: r.next() * 5, proto: 'TCP', src: c, sp, dst: r.pick(['192.168.100.6', 'EXT_SERVER']), dp: r.pick([80, 443, 25, 993]), pk: r.int(5, 30), bytes: r.int(600, 6000), flags: '.AP.SF', cls: 'normal' });
    }
  }
  // the backup server pulls from each server at night-like hours: big, few flows
  for (const s of servers) out.push({ t: t0 + 600_000, dur: 600, proto: 'TCP', src: '192.168.100.3', sp: eph(r), dst: s, dp: 873, pk: 9000, bytes: 12_000_000, flags: '.AP.SF', cls: 'normal' });
  // portScan: nmap -sT of 192.168.100.6's first 1000 ports in two minutes, the victim answering with RST
  const ps = OS_ATTACKERS.portScan;
  for (let i = 0; i < 1000; i++) {
    const t = t0 + 3600_000 + i * 120;
    const sp = eph(r);
    out.push({ t, dur: 0, proto: 'TCP', src: ps, sp, dst: '192.168.100.6', dp: i + 1, pk: 1, bytes: 58, flags: '....S.', cls: 'attacker', type: 'portScan', id: 7, desc: 'nmap -sT' });
    out.push({ t: t + 1, dur: 0, proto: 'TCP', src: '192.168.100.6', sp: i + 1, dst: ps, dp: sp, pk: 1, bytes: 54, flags: '.A.R..', cls: 'victim', type: 'portScan', id: 7, desc: 'nmap -sT' });
  }
  // pingScan: nmap -sn over 192.168.100.0/24, the live hosts echoing
  const pg = OS_ATTACKERS.pingScan;
  for (let i = 1; i < 255; i++) {
    const t = t0 + 7200_000 + i * 40;
    out.push({ t, dur: 0, proto: 'ICMP', src: pg, sp: 0, dst: `192.168.100.${i}`, dp: '8.0', pk: 1, bytes: 42, flags: '......', cls: 'attacker', type: 'pingScan', id: 12, desc: '---' });
    if (i <= 6) out.push({ t: t + 1, dur: 0, proto: 'ICMP', src: `192.168.100.${i}`, sp: 0, dst: pg, dp: '0.0', pk: 1, bytes: 42, flags: '......', cls: 'victim', type: 'pingScan', id: 12, desc: '---' });
  }
  // bruteForce: a password list against the SSH of 192.168.100.4, one short session per guess
  const bf = OS_ATTACKERS.bruteForce;
  for (let i = 0; i < 300; i++) {
    const t = t0 + 10_800_000 + i * 2400;
    const sp = eph(r);
    out.push({ t, dur: 1.6, proto: 'TCP', src: bf, sp, dst: '192.168.100.4', dp: 22, pk: r.int(14, 20), bytes: r.int(2000, 2600), flags: '.AP.SF', cls: 'attacker', type: 'bruteForce', id: 21, desc: '---' });
    out.push({ t: t + 3, dur: 1.6, proto: 'TCP', src: '192.168.100.4', sp: 22, dst: bf, dp: sp, pk: r.int(12, 18), bytes: r.int(2400, 3000), flags: '.AP.SF', cls: 'victim', type: 'bruteForce', id: 21, desc: '---' });
  }
  // dos: a SYN flood at the web server 192.168.100.6:80 for three minutes
  const ds = OS_ATTACKERS.dos;
  for (let i = 0; i < 2400; i++) {
    const t = t0 + 14_400_000 + i * 75;
    out.push({ t, dur: 0, proto: 'TCP', src: ds, sp: eph(r), dst: '192.168.100.6', dp: 80, pk: 1, bytes: 60, flags: '....S.', cls: 'attacker', type: 'dos', id: 30, desc: '---' });
  }
  return [HEADER, ...out.sort((a, b) => a.t - b.t).map(line)];
}

export const EXT_PUBLIC = ['10425_232', '13417_28', '15672_216', '17346_105', '18911_111', '10132_63', '16580_251', '19021_10'];

/** The external-server week: the web server EXT_SERVER seen from the Internet and OpenStack. */
export function external(seed = 19): string[] {
  const r = rng(seed);
  const t0 = Date.UTC(2017, 2, 22, 6, 0);
  const span = 10 * 3600_000;
  const out: Flow[] = [];
  // the Internet's visitors (suspicious: nobody knows who they are) and OpenStack's own use
  for (let i = 0; i < 1800; i++) {
    const t = t0 + r.int(0, span);
    const v = r.chance(0.25) ? 'OPENSTACK_NET' : r.pick(EXT_PUBLIC);
    const sp = eph(r);
    const cls = v === 'OPENSTACK_NET' ? 'normal' : 'suspicious';
    out.push({ t, dur: r.next() * 4, proto: 'TCP', src: v, sp, dst: 'EXT_SERVER', dp: r.pick([80, 443, 443]), pk: r.int(5, 14), bytes: r.int(500, 1600), flags: '.AP.SF', cls });
    out.push({ t: t + 1, dur: r.next() * 4, proto: 'TCP', src: 'EXT_SERVER', sp: 443, dst: v, dp: sp, pk: r.int(5, 20), bytes: r.int(1000, 40_000), flags: '.AP.SF', cls });
  }
  // other Internet noise at the server's closed ports (unknown)
  for (let i = 0; i < 120; i++) out.push({ t: t0 + r.int(0, span), dur: 0, proto: 'TCP', src: `${r.int(10000, 19999)}_${r.int(1, 254)}`, sp: eph(r), dst: 'EXT_SERVER', dp: r.pick([23, 445, 3389, 8080]), pk: 1, bytes: 40, flags: '....S.', cls: 'unknown' });
  // ATTACKER1: a port scan of the server; ATTACKER2: an SSH password guesser; ATTACKER3: a ping scan of the outside net
  for (let i = 0; i < 600; i++) out.push({ t: t0 + 3600_000 + i * 400, dur: 0, proto: 'TCP', src: 'ATTACKER1', sp: eph(r), dst: 'EXT_SERVER', dp: 1 + ((i * 211) % 65535), pk: 1, bytes: 44, flags: '....S.', cls: 'attacker', type: 'portScan', id: 3, desc: '---' });
  for (let i = 0; i < 400; i++) {
    const sp = eph(r);
    const t = t0 + 5 * 3600_000 + i * 3000;
    out.push({ t, dur: 2.1, proto: 'TCP', src: 'ATTACKER2', sp, dst: 'EXT_SERVER', dp: 22, pk: r.int(14, 22), bytes: r.int(2000, 2800), flags: '.AP.SF', cls: 'attacker', type: 'bruteForce', id: 4, desc: '---' });
    out.push({ t: t + 2, dur: 2.1, proto: 'TCP', src: 'EXT_SERVER', sp: 22, dst: 'ATTACKER2', dp: sp, pk: r.int(12, 20), bytes: r.int(2400, 3100), flags: '.AP.SF', cls: 'victim', type: 'bruteForce', id: 4, desc: '---' });
  }
  for (let i = 0; i < 200; i++) out.push({ t: t0 + 8 * 3600_000 + i * 200, dur: 0, proto: 'ICMP', src: 'ATTACKER3', sp: 0, dst: `${10000 + i * 7}_${(i * 13) % 254}`, dp: '8.0', pk: 1, bytes: 42, flags: '......', cls: 'attacker', type: 'pingScan', id: 5, desc: '---' });
  return [HEADER, ...out.sort((a, b) => a.t - b.t).map(line)];
}
