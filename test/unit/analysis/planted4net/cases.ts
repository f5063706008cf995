// Round 4 (network flows and logins): the benign day (busy servers that look like attacks) and
// each planted incident, as records for planted4net/logs.ts to write in its layouts.
export { HOUR as HOUR_MS } from './logs';
import { DAY0, HOUR, MIN, rng, type Flow, type LogSet, type Logon, type Ssh } from './logs';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const eph = (r: () => number): number => 49152 + Math.floor(r() * 16000);
const shuffle = <T>(r: () => number, xs: T[]): T[] => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};

/** 60 workstations 10.20.1.10-69 */
export const WORKSTATIONS = Array.from({ length: 60 }, (_, i) => `10.20.1.${10 + i}`);
/** 40 servers 10.20.2.1-40 */
export const SERVERS = Array.from({ length: 40 }, (_, i) => `10.20.2.${1 + i}`);
export const RESOLVER = '10.20.0.53';
export const NTP = '10.20.0.123';
export const PROXY = '10.20.0.8';
export const BACKUP = '10.20.0.200';
export const MONITOR = '10.20.0.250';
export const WEBSRV = '10.20.0.80';
export const VULNSCAN = '10.20.0.9';
const SITES = ['13.107.42.14', '140.82.112.3', '151.101.1.69', '104.16.132.229', '142.250.185.78', '52.95.120.10', '23.215.0.136', '34.107.243.93'];
const UPSTREAM_DNS = ['9.9.9.9', '1.1.1.1'];

/** The benign day: browsing through a proxy, DNS, NTP, SNMP polling, nightly backups, a public web server and its replies, logins. */
export function background(seed = 4): LogSet {
  const r = rng(seed);
  const nfdump: Flow[] = [];
  const zeek: Flow[] = [];
  const vpc: Flow[] = [];
  const pan: Flow[] = [];
  const wincsv: Logon[] = [];
  const authlog: Ssh[] = [];
  const journal: Ssh[] = [];
  // workstations: proxy sessions all day (office hours heavier), DNS to the resolver, NTP
  for (const ws of WORKSTATIONS) {
    for (let t = DAY0 + 7 * HOUR + r() * HOUR; t < DAY0 + 19 * HOUR; t += (2 + r() * 10) * MIN) {
      const bytes = 800 + Math.floor(r() * 6000);
      nfdump.push({ ts: t, proto: 'TCP', src: ws, sp: eph(r), dst: PROXY, dp: 3128, pkts: 8 + Math.floor(r() * 20), bytes, dur: 0.5 + r() * 20 });
      nfdump.push({ ts: t + 50, proto: 'TCP', src: PROXY, sp: 3128, dst: ws, dp: 50000, pkts: 20 + Math.floor(r() * 200), bytes: 20_000 + Math.floor(r() * 2_000_000), dur: 0.5 + r() * 20 });
      const site = pick(r, SITES);
      nfdump.push({ ts: t + 20, proto: 'TCP', src: PROXY, sp: eph(r), dst: site, dp: 443, pkts: 8 + Math.floor(r() * 20), bytes: bytes + 200, dur: 0.5 + r() * 20 });
      nfdump.push({ ts: t + 40, proto: 'TCP', src: site, sp: 443, dst: PROXY, dp: eph(r), pkts: 20 + Math.floor(r() * 200), bytes: 20_000 + Math.floor(r() * 2_000_000), dur: 0.5 + r() * 20 });
      if (r() < 0.5) {
        zeek.push({ ts: t - 30, proto: 'UDP', src: ws, sp: eph(r), dst: RESOLVER, dp: 53, pkts: 1, bytes: 40 + Math.floor(r() * 30), rbytes: 120, rpkts: 1, dur: 0.01 });
        if (r() < 0.3) zeek.push({ ts: t - 20, proto: 'UDP', src: RESOLVER, sp: eph(r), dst: pick(r, UPSTREAM_DNS), dp: 53, pkts: 1, bytes: 50, rbytes: 150, rpkts: 1, dur: 0.02 });
      }
    }
    // Windows time sync every ~17 min
    for (let t = DAY0 + r() * 1000 * 1000; t < DAY0 + 24 * HOUR; t += 1024_000 * (0.9 + r() * 0.2)) zeek.push({ ts: t, proto: 'UDP', src: ws, sp: 123, dst: NTP, dp: 123, pkts: 1, bytes: 48, rbytes: 48, rpkts: 1, dur: 0.001 });
    // the morning logon to the domain controller, and now and then a typo
    const morning = DAY0 + 8 * HOUR + r() * HOUR;
    if (r() < 0.2) wincsv.push({ ts: morning - 20_000, id: 4625, user: `u${ws.split('.')[3]}`, ip: ws, type: 2 });
    wincsv.push({ ts: morning, id: 4624, user: `u${ws.split('.')[3]}`, ip: ws, type: 2 });
    wincsv.push({ ts: morning + 5 * HOUR, id: 4624, user: `u${ws.split('.')[3]}`, ip: ws, type: 3 });
  }
  // the NTP server syncs upstream every 17 min; the resolver forwards for the servers too
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 1024_000) zeek.push({ ts: t, proto: 'UDP', src: NTP, sp: 123, dst: '162.159.200.1', dp: 123, pkts: 1, bytes: 48, rbytes: 48, rpkts: 1, dur: 0.02 });
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 20_000 + r() * 20_000) zeek.push({ ts: t, proto: 'UDP', src: RESOLVER, sp: eph(r), dst: pick(r, UPSTREAM_DNS), dp: 53, pkts: 1, bytes: 45 + Math.floor(r() * 30), rbytes: 160, rpkts: 1, dur: 0.02 });
  // the monitoring system polls SNMP on 200 hosts every 5 minutes
  const polled = [...SERVERS, ...WORKSTATIONS, ...Array.from({ length: 100 }, (_, i) => `10.20.3.${1 + i}`)];
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 5 * MIN) for (const h of polled) nfdump.push({ ts: t + r() * 20_000, proto: 'UDP', src: MONITOR, sp: 40161, dst: h, dp: 161, pkts: 1, bytes: 90, dur: 0.01 });
  // nightly backup: each server sends 1-6 GB to the backup server at 01:00 (bacula, 9103), in 15-minute flow records
  for (const s of SERVERS) {
    const total = 1e9 + r() * 5e9;
    const parts = 8;
    for (let k = 0; k < parts; k++) nfdump.push({ ts: DAY0 + HOUR + k * 15 * MIN + r() * 1000, proto: 'TCP', src: s, sp: eph(r), dst: BACKUP, dp: 9103, pkts: Math.round(total / parts / 1400), bytes: Math.round(total / parts), dur: 900 });
  }
  // the public web server: 1500 visitors and the server's reply flows to their ephemeral ports
  for (let i = 0; i < 1500; i++) {
    const c = `${1 + Math.floor(r() * 220)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 253)}`;
    const t = DAY0 + r() * 24 * HOUR;
    const sp = eph(r);
    nfdump.push({ ts: t, proto: 'TCP', src: c, sp, dst: WEBSRV, dp: 443, pkts: 12, bytes: 1800, dur: 2 });
    nfdump.push({ ts: t + 10, proto: 'TCP', src: WEBSRV, sp: 443, dst: c, dp: sp, pkts: 40, bytes: 60_000 + Math.floor(r() * 200_000), dur: 2 });
    if (r() < 0.2) pan.push({ ts: t, proto: 'TCP', src: c, sp, dst: WEBSRV, dp: 443, pkts: 12, bytes: 1800, rbytes: 90_000, rpkts: 40, dur: 2 });
  }
  // PAN-OS: outbound web sessions of the workstations (they download much more than they send)
  for (const ws of WORKSTATIONS)
    for (let t = DAY0 + 8 * HOUR + r() * HOUR; t < DAY0 + 18 * HOUR; t += (10 + r() * 30) * MIN)
      pan.push({ ts: t, proto: 'TCP', src: ws, sp: eph(r), dst: pick(r, SITES), dp: 443, pkts: 20, bytes: 3000 + Math.floor(r() * 5000), rbytes: 5e6 + Math.floor(r() * 80e6), rpkts: 4000, dur: 30 });
  // VPC: the app tier talks to its database and to S3
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 60_000) {
    vpc.push({ ts: t, proto: 'TCP', src: '10.50.1.10', sp: eph(r), dst: '10.50.2.20', dp: 5432, pkts: 40, bytes: 20_000 + Math.floor(r() * 20_000) });
    vpc.push({ ts: t, proto: 'TCP', src: '10.50.2.20', sp: 5432, dst: '10.50.1.10', dp: eph(r), pkts: 60, bytes: 60_000 + Math.floor(r() * 60_000) });
    if (r() < 0.2) vpc.push({ ts: t, proto: 'TCP', src: '10.50.1.10', sp: eph(r), dst: '52.216.8.10', dp: 443, pkts: 30, bytes: 10_000 + Math.floor(r() * 100_000) });
  }
  // admins on the bastion: keys, a sudo, cron, and one mistyped password
  for (let k = 0; k < 30; k++) {
    const t = DAY0 + 7 * HOUR + r() * 11 * HOUR;
    const who = pick(r, ['alice', 'bob', 'deploy']);
    const ip = pick(r, ['10.20.1.12', '10.20.1.15', '10.20.2.5']);
    if (k % 10 === 0) authlog.push({ ts: t - 5000, text: `Failed password for ${who} from ${ip} port ${eph(r)} ssh2`, pid: 2000 + k });
    authlog.push({ ts: t, text: `Accepted publickey for ${who} from ${ip} port ${eph(r)} ssh2: ED25519 SHA256:Qm9iYWxpY2VrZXk`, pid: 2000 + k });
    authlog.push({ ts: t + 1000, text: `pam_unix(sshd:session): session opened for user ${who}(uid=1001) by (uid=0)`, pid: 2000 + k });
    authlog.push({ ts: t + 60_000, prog: 'sudo', text: `  ${who} : TTY=pts/0 ; PWD=/home/${who} ; USER=root ; COMMAND=/usr/bin/systemctl status nginx` });
  }
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += HOUR) authlog.push({ ts: t + 1000, prog: 'CRON', pid: 5000 + t / HOUR, text: 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)' });
  // the git server: CI pulls with a key every 10 minutes
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 10 * MIN) journal.push({ ts: t + 3000, text: `Accepted publickey for git from 10.20.2.30 port ${eph(r)} ssh2: RSA SHA256:Y2lrZXk`, pid: 7000 + Math.floor((t - DAY0) / MIN) });
  return { nfdump, nftext: [], zeek, vpc, pan, wincsv, authlog, journal, cic: [], winbeat: [] };
}

// ---------------------------------------------------------------- scans

/** A vertical scan of 1000 ports in random order over 3 hours, refused by PAN-OS (reset-both). */
export function slowRandomPortScan(): Partial<LogSet> {
  const r = rng(41);
  const ports = shuffle(r, Array.from({ length: 1000 }, (_, i) => 1 + i));
  const t0 = DAY0 + 13 * HOUR;
  return { pan: ports.map((p, i) => ({ ts: t0 + i * 10_800 + r() * 4000, proto: 'TCP' as const, src: '203.0.113.66', sp: 40000 + Math.floor(r() * 20000), dst: WEBSRV, dp: p, pkts: 1, bytes: 60, dur: 0, refused: true })) };
}

/** An internal host sweeps 445 across 10.20.0.0/16 (4000 addresses); 25 answer (Zeek JSON). */
export function smbSweep(): Partial<LogSet> {
  const r = rng(42);
  const zeek: Flow[] = [];
  const t0 = DAY0 + 15 * HOUR;
  for (let i = 0; i < 4000; i++) {
    const dst = `10.20.${Math.floor(i / 250)}.${1 + (i % 250)}`;
    zeek.push({ ts: t0 + i * 150 + r() * 100, proto: 'TCP', src: '10.20.1.66', sp: eph(r), dst, dp: 445, pkts: i % 160 === 0 ? 5 : 2, bytes: 0, refused: i % 160 !== 0, dur: 0.001 });
  }
  return { zeek };
}

/** A UDP scan of ports 1-1024 of the resolver from outside (nfdump). */
export function udpScan(): Partial<LogSet> {
  const r = rng(43);
  return { nfdump: Array.from({ length: 1024 }, (_, i) => ({ ts: DAY0 + 3 * HOUR + i * 900 + r() * 300, proto: 'UDP' as const, src: '198.51.100.23', sp: 53211, dst: RESOLVER, dp: 1 + i, pkts: 1, bytes: 28 })) };
}

/** The organisation's vulnerability scanner: every port of 40 servers, at night (nfdump). */
export function vulnScanner(): Partial<LogSet> {
  const r = rng(44);
  const nfdump: Flow[] = [];
  for (const [k, s] of SERVERS.entries()) for (let p = 1; p <= 300; p++) nfdump.push({ ts: DAY0 + 2 * HOUR + k * 60_000 + p * 150 + r() * 50, proto: 'TCP', src: VULNSCAN, sp: eph(r), dst: s, dp: p, pkts: 1, bytes: 44, refused: true });
  return { nfdump };
}

// ---------------------------------------------------------------- data out

/** 3 GB from a workstation to one rare external address over 2 hours, in 300 flows of ~10 MB (nfdump). */
export function exfil3G(): Partial<LogSet> {
  const r = rng(45);
  return { nfdump: Array.from({ length: 300 }, (_, i) => ({ ts: DAY0 + 20 * HOUR + i * 24_000 + r() * 2000, proto: 'TCP' as const, src: '10.20.1.33', sp: eph(r), dst: '185.199.50.7', dp: 443, pkts: 7200, bytes: 9_000_000 + Math.floor(r() * 2_000_000), dur: 20 })) };
}

/** A slow drip: 20 MB an hour for 24 hours from an app server to one address, in 10-minute VPC records. */
export function slowDrip(): Partial<LogSet> {
  const r = rng(46);
  const vpc: Flow[] = [];
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 10 * MIN) vpc.push({ ts: t + r() * 1000, proto: 'TCP', src: '10.50.1.10', sp: eph(r), dst: '91.92.93.94', dp: 8443, pkts: 2500, bytes: 3_300_000 + Math.floor(r() * 200_000) });
  return { vpc };
}

// ---------------------------------------------------------------- beaconing

/** 60 s ± 10 % for 8 hours to one address on 443, ~1.1 KB each (Zeek JSON). */
export function beacon60(): Partial<LogSet> {
  const r = rng(47);
  const zeek: Flow[] = [];
  for (let t = DAY0 + 9 * HOUR; t < DAY0 + 17 * HOUR; t += 60_000 * (0.9 + 0.2 * r())) zeek.push({ ts: t, proto: 'TCP', src: '10.20.1.21', sp: eph(r), dst: '45.77.12.34', dp: 443, pkts: 6, bytes: 1100 + Math.floor(r() * 40), rbytes: 250, rpkts: 5, dur: 0.3 });
  return { zeek };
}

// ---------------------------------------------------------------- logins

/** RDP guessing seen in flows (600 short sessions to 3389 in an hour) and in the DC's 4625s, then a 4624. */
export function rdpGuessing(withEvents = true): Partial<LogSet> {
  const r = rng(48);
  const nfdump: Flow[] = [];
  const wincsv: Logon[] = [];
  const t0 = DAY0 + 4 * HOUR;
  for (let i = 0; i < 600; i++) nfdump.push({ ts: t0 + i * 6000 + r() * 1000, proto: 'TCP', src: '94.232.41.5', sp: eph(r), dst: '10.20.2.7', dp: 3389, pkts: 14, bytes: 2600 + Math.floor(r() * 800), dur: 1.5 });
  for (let i = 0; i < 120; i++) wincsv.push({ ts: t0 + i * 30_000 + 500, id: 4625, user: pick(r, ['administrator', 'Administrator', 'admin', 'backup']), ip: '94.232.41.5', type: 10, host: 'TS01' });
  wincsv.push({ ts: t0 + 120 * 30_000 + 500, id: 4624, user: 'backup', ip: '94.232.41.5', type: 10, host: 'TS01' });
  return withEvents ? { nfdump, wincsv } : { nfdump };
}

/** SSH password guessing over IPv6 in journald's JSON export: 400 tries in 40 minutes. */
export function sshV6(): Partial<LogSet> {
  const r = rng(49);
  const journal: Ssh[] = [];
  const ip = '2a0e:97c0:3e3:1f::66';
  for (let i = 0; i < 400; i++) {
    const t = DAY0 + 11 * HOUR + i * 6000;
    const user = pick(r, ['root', 'git', 'ubuntu', 'test', 'oracle']);
    journal.push({ ts: t, pid: 30000 + i, text: user === 'root' || user === 'git' ? `Failed password for ${user} from ${ip} port ${eph(r)} ssh2` : `Failed password for invalid user ${user} from ${ip} port ${eph(r)} ssh2` });
  }
  return { journal };
}

/** A password spray: one try on each of 200 accounts from one address (Winlogbeat JSON). */
export function winSpray(): Partial<LogSet> {
  return { winbeat: Array.from({ length: 200 }, (_, i) => ({ ts: DAY0 + 22 * HOUR + i * 9000, id: 4625 as const, user: `emp${String(1000 + i * 7)}`, ip: '80.94.95.12', type: 3, host: 'EXCH01' })) };
}

/** keyboard-interactive guessing and "maximum authentication attempts exceeded" in auth.log. */
export function kbdInteractive(): Partial<LogSet> {
  const r = rng(50);
  const authlog: Ssh[] = [];
  const ip = '61.177.172.13';
  for (let i = 0; i < 60; i++) {
    const t = DAY0 + 5 * HOUR + i * 40_000;
    const pid = 40000 + i;
    const user = pick(r, ['root', 'oracle', 'postgres']);
    const inv = user === 'root' ? '' : 'invalid user ';
    // one connection: one client port on every line of it
    const port = eph(r);
    if (inv) authlog.push({ ts: t, pid, text: `Invalid user ${user} from ${ip} port ${port}` });
    for (let k = 0; k < 3; k++) authlog.push({ ts: t + 1000 + k * 2000, pid, text: `Failed keyboard-interactive/pam for ${inv}${user} from ${ip} port ${port} ssh2` });
    authlog.push({ ts: t + 8000, pid, text: `error: maximum authentication attempts exceeded for ${inv}${user} from ${ip} port ${port} ssh2 [preauth]` });
  }
  return { authlog };
}

// ---------------------------------------------------------------- lateral movement

/** One workstation opens SMB, WinRM and RDP on 30 servers within 6 minutes (CICFlowMeter CSV). */
export function lateral(): Partial<LogSet> {
  const r = rng(51);
  const cic: Flow[] = [];
  const t0 = DAY0 + 10 * HOUR + 5 * MIN;
  SERVERS.slice(0, 30).forEach((s, i) => {
    for (const [k, p] of [445, 5985, 3389].entries()) cic.push({ ts: t0 + i * 12_000 + k * 1000, proto: 'TCP', src: '10.20.1.50', sp: eph(r), dst: s, dp: p, pkts: 10, bytes: 3000 + Math.floor(r() * 2000), rbytes: 4000, rpkts: 8, dur: 2 });
  });
  // the CIC file also carries a little ordinary traffic of the same workstation
  for (let k = 0; k < 50; k++) cic.push({ ts: DAY0 + 9 * HOUR + k * 5 * MIN, proto: 'TCP', src: '10.20.1.50', sp: eph(r), dst: PROXY, dp: 3128, pkts: 10, bytes: 1500, rbytes: 30_000, rpkts: 25, dur: 3 });
  return { cic };
}

// ---------------------------------------------------------------- round 4b

/** An outsider pulls 3 GB from an internal server over SSH: the data rides the server's reply flows (nfdump) and resp_bytes (Zeek). */
export function pulledOut(layout: 'nfdump' | 'zeek'): Partial<LogSet> {
  const r = rng(52);
  const nfdump: Flow[] = [];
  const zeek: Flow[] = [];
  const t0 = DAY0 + 2 * HOUR;
  for (let i = 0; i < 150; i++) {
    const sp = eph(r);
    const t = t0 + i * 48_000;
    nfdump.push({ ts: t, proto: 'TCP', src: '146.70.88.19', sp, dst: '10.20.2.9', dp: 22, pkts: 900, bytes: 60_000, dur: 45 });
    nfdump.push({ ts: t + 5, proto: 'TCP', src: '10.20.2.9', sp: 22, dst: '146.70.88.19', dp: sp, pkts: 14_000, bytes: 20_000_000 + Math.floor(r() * 1_000_000), dur: 45 });
    zeek.push({ ts: t, proto: 'TCP', src: '146.70.88.19', sp, dst: '10.20.2.9', dp: 22, pkts: 900, bytes: 60_000, rbytes: 20_000_000 + Math.floor(r() * 1_000_000), rpkts: 14_000, dur: 45 });
  }
  return layout === 'nfdump' ? { nfdump } : { zeek };
}

/** A visitor downloads a 1.2 GB image from the public web server in one session (nfdump, with the reply flow). */
export function bigPublicDownload(): Partial<LogSet> {
  const t = DAY0 + 12 * HOUR;
  return {
    nfdump: [
      { ts: t, proto: 'TCP', src: '77.88.21.5', sp: 52000, dst: WEBSRV, dp: 443, pkts: 30_000, bytes: 1_600_000, dur: 600 },
      { ts: t + 10, proto: 'TCP', src: WEBSRV, sp: 443, dst: '77.88.21.5', dp: 52000, pkts: 860_000, bytes: 1_200_000_000, dur: 600 },
    ],
  };
}

/** An outside sweep of 3389 over 10.20.0.0/16 (6000 addresses in 50 minutes), 12 answer (nfdump's text output). */
export function rdpSweep(): Partial<LogSet> {
  const r = rng(53);
  return {
    nftext: Array.from({ length: 6000 }, (_, i) => ({ ts: DAY0 + 6 * HOUR + i * 500 + r() * 200, proto: 'TCP' as const, src: '179.43.150.2', sp: eph(r), dst: `10.20.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`, dp: 3389, pkts: 1, bytes: 44, refused: i % 500 !== 0 })),
  };
}

/** A 5 min ± 20 % beacon all day to one address on 443, 700 bytes out each, in nfdump with the replies. */
export function beacon5m(): Partial<LogSet> {
  const r = rng(54);
  const nfdump: Flow[] = [];
  for (let t = DAY0 + r() * 60_000; t < DAY0 + 24 * HOUR; t += 300_000 * (0.8 + 0.4 * r())) {
    const sp = eph(r);
    nfdump.push({ ts: t, proto: 'TCP', src: '10.20.1.40', sp, dst: '104.248.60.15', dp: 443, pkts: 7, bytes: 700 + Math.floor(r() * 20), dur: 0.4 });
    nfdump.push({ ts: t + 30, proto: 'TCP', src: '104.248.60.15', sp: 443, dst: '10.20.1.40', dp: sp, pkts: 5, bytes: 420, dur: 0.4 });
  }
  return { nfdump };
}

/** SSH hopping: one server opens SSH on 25 others in 5 minutes (nfdump). */
export function sshHop(): Partial<LogSet> {
  const r = rng(55);
  return { nfdump: SERVERS.slice(10, 35).map((s, i) => ({ ts: DAY0 + 14 * HOUR + i * 12_000 + r() * 1000, proto: 'TCP' as const, src: '10.20.2.3', sp: eph(r), dst: s, dp: 22, pkts: 30, bytes: 5000, dur: 8 })) };
}

/** 50 failed passwords for root, then an accepted one from the same address (auth.log). */
export function sshSuccessAfter(): Partial<LogSet> {
  const authlog: Ssh[] = [];
  for (let i = 0; i < 50; i++) authlog.push({ ts: DAY0 + 16 * HOUR + i * 20_000, pid: 50000 + i, text: `Failed password for root from 103.149.28.7 port ${40000 + i} ssh2` });
  authlog.push({ ts: DAY0 + 16 * HOUR + 50 * 20_000, pid: 50100, text: 'Accepted password for root from 103.149.28.7 port 40100 ssh2' });
  return { authlog };
}

/**
 * Long-lived connections cut into records by the exporter's active timeout: a websocket kept open
 * for 10 hours, one nfdump record every 5 minutes with the same ports; a VPC flow log record of one
 * persistent TLS connection every 10 minutes. Regular, but one connection, not a check-in each time.
 */
export function longLived(): Partial<LogSet> {
  const r = rng(56);
  const nfdump: Flow[] = [];
  const vpc: Flow[] = [];
  for (let t = DAY0 + 8 * HOUR; t < DAY0 + 18 * HOUR; t += 300_000) nfdump.push({ ts: t, proto: 'TCP', src: '10.20.1.25', sp: 51515, dst: '140.82.113.26', dp: 443, pkts: 12, bytes: 1800 + Math.floor(r() * 100), dur: 300 });
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 600_000) vpc.push({ ts: t, proto: 'TCP', src: '10.50.1.10', sp: 43210, dst: '54.239.28.85', dp: 443, pkts: 20, bytes: 2400 + Math.floor(r() * 200) });
  return { nfdump, vpc };
}

/**
 * Busy servers whose own connections reach thousands of hosts: a recursive resolver asking 3000
 * authoritative servers on 53, the proxy reaching 3000 sites on 443, the mail relay delivering to
 * 800 MX hosts on 25, and the NTP server answering 300 clients from 123 to 123 (nfdump, one way).
 */
export function busyServers(): Partial<LogSet> {
  const r = rng(57);
  const nfdump: Flow[] = [];
  const ext = (): string => `${20 + Math.floor(r() * 180)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 253)}`;
  for (let i = 0; i < 3000; i++) {
    const t = DAY0 + r() * 24 * HOUR;
    const a = ext();
    const sp = eph(r);
    nfdump.push({ ts: t, proto: 'UDP', src: RESOLVER, sp, dst: a, dp: 53, pkts: 1, bytes: 70 });
    nfdump.push({ ts: t + 20, proto: 'UDP', src: a, sp: 53, dst: RESOLVER, dp: sp, pkts: 1, bytes: 300 });
    const w = ext();
    const sp2 = eph(r);
    nfdump.push({ ts: t + 100, proto: 'TCP', src: PROXY, sp: sp2, dst: w, dp: 443, pkts: 12, bytes: 2000, dur: 3 });
    nfdump.push({ ts: t + 130, proto: 'TCP', src: w, sp: 443, dst: PROXY, dp: sp2, pkts: 40, bytes: 50_000, dur: 3 });
  }
  for (let i = 0; i < 800; i++) nfdump.push({ ts: DAY0 + 7 * HOUR + r() * 12 * HOUR, proto: 'TCP', src: '10.20.0.25', sp: eph(r), dst: ext(), dp: 25, pkts: 20, bytes: 15_000, dur: 2 });
  for (let k = 0; k < 300; k++) {
    const c = `10.20.${4 + Math.floor(k / 250)}.${1 + (k % 250)}`;
    for (let t = DAY0 + r() * 1024_000; t < DAY0 + 24 * HOUR; t += 1024_000) {
      nfdump.push({ ts: t, proto: 'UDP', src: c, sp: 123, dst: NTP, dp: 123, pkts: 1, bytes: 76 });
      nfdump.push({ ts: t + 2, proto: 'UDP', src: NTP, sp: 123, dst: c, dp: 123, pkts: 1, bytes: 76 });
    }
  }
  return { nfdump };
}

/** Slower than slow: one port every 10 minutes for a day against the app server, refused by the VPC (REJECT). */
export function crawlScan(): Partial<LogSet> {
  const r = rng(58);
  const ports = shuffle(r, Array.from({ length: 2000 }, (_, i) => 1 + i)).slice(0, 144);
  return { vpc: ports.map((p, i) => ({ ts: DAY0 + i * 600_000 + r() * 60_000, proto: 'TCP' as const, src: '162.142.125.9', sp: eph(r), dst: '10.50.1.10', dp: p, pkts: 1, bytes: 40, refused: true })) };
}

/** An outsider walks SNMP (161/udp) over 1200 internal addresses in 20 minutes; nobody answers (Zeek JSON, S0). */
export function snmpSweep(): Partial<LogSet> {
  const r = rng(59);
  return { zeek: Array.from({ length: 1200 }, (_, i) => ({ ts: DAY0 + 19 * HOUR + i * 1000, proto: 'UDP' as const, src: '5.188.206.14', sp: eph(r), dst: `10.20.${4 + Math.floor(i / 250)}.${1 + (i % 250)}`, dp: 161, pkts: 1, bytes: 43, refused: true })) };
}

/** Kerberos pre-authentication failures (4771) for 150 accounts from one inside host written ::ffff:a.b.c.d, then a 4624 for one of them (Winlogbeat). */
export function kerberosSpray(): Partial<LogSet> {
  const winbeat: Logon[] = Array.from({ length: 150 }, (_, i) => ({ ts: DAY0 + 13 * HOUR + i * 4000, id: 4771 as const, user: `svc_${String(i).padStart(3, '0')}`, ip: '::ffff:10.20.1.77', host: 'DC02' }));
  winbeat.push({ ts: DAY0 + 13 * HOUR + 151 * 4000, id: 4624, user: 'svc_042', ip: '::ffff:10.20.1.77', type: 3, host: 'DC02' });
  return { winbeat };
}

/**
 * Login noise that is not an attack: a backup job whose stored password expired retries one
 * account every minute for 10 hours from its server; the Exchange front end logs 2000 users'
 * logons from its own address, 60 of them typos on 45 accounts (Windows CSV).
 */
export function loginNoise(): Partial<LogSet> {
  const r = rng(60);
  const wincsv: Logon[] = [];
  for (let i = 0; i < 600; i++) wincsv.push({ ts: DAY0 + 8 * HOUR + i * 60_000 + r() * 2000, id: 4625, user: 'svc_backup', ip: '10.20.2.15', type: 3 });
  for (let i = 0; i < 2000; i++) wincsv.push({ ts: DAY0 + 7 * HOUR + r() * 11 * HOUR, id: 4624, user: `emp${1000 + Math.floor(r() * 300)}`, ip: '10.20.0.5', type: 8, host: 'DC01' });
  for (let i = 0; i < 60; i++) wincsv.push({ ts: DAY0 + 7 * HOUR + r() * 11 * HOUR, id: 4625, user: `emp${1000 + Math.floor(r() * 45) * 6}`, ip: '10.20.0.5', type: 8, host: 'DC01' });
  return { wincsv };
}

/** Pass-the-hash style spread seen only in logons: one inside address logs on (4624, type 3) to 30 servers as one admin in 6 minutes (Winlogbeat). */
export function logonSpread(): Partial<LogSet> {
  return { winbeat: SERVERS.slice(0, 30).map((_, i) => ({ ts: DAY0 + 15 * HOUR + i * 12_000, id: 4624 as const, user: 'adm_jdoe', ip: '10.20.1.58', type: 3, host: `SRV${String(i + 1).padStart(2, '0')}` })) };
}

/** Ansible: the controller logs in to 60 servers by key every 30 minutes all day (their auth.logs, collected together). */
export function ansible(): Partial<LogSet> {
  const r = rng(61);
  const authlog: Ssh[] = [];
  for (let t = DAY0 + 5 * MIN; t < DAY0 + 24 * HOUR; t += 30 * MIN)
    for (let k = 0; k < 60; k++) authlog.push({ ts: t + k * 2000, host: `app${String(k + 1).padStart(2, '0')}`, pid: 10000 + k, text: `Accepted publickey for ansible from 10.20.2.40 port ${eph(r)} ssh2: ED25519 SHA256:YW5zaWJsZQ` });
  return { authlog };
}

/** 2.5 GB uploaded to one rare address through the firewall, seen in the PAN-OS export (Bytes Sent; Bytes Received small). */
export function panExfil(): Partial<LogSet> {
  const r = rng(62);
  return { pan: Array.from({ length: 100 }, (_, i) => ({ ts: DAY0 + 1 * HOUR + i * 60_000, proto: 'TCP' as const, src: '10.20.1.61', sp: eph(r), dst: '23.94.117.3', dp: 443, pkts: 18_000, bytes: 25_000_000, rbytes: 400_000, rpkts: 6000, dur: 55 })) };
}

/** A Cobalt-Strike-like beacon: 60 s with 50 % jitter for 8 hours (Zeek JSON). */
export function jitter50(): Partial<LogSet> {
  const r = rng(63);
  const zeek: Flow[] = [];
  for (let t = DAY0 + 1 * HOUR; t < DAY0 + 9 * HOUR; t += 60_000 * (0.5 + r())) zeek.push({ ts: t, proto: 'TCP', src: '10.20.1.45', sp: eph(r), dst: '185.244.25.9', dp: 443, pkts: 5, bytes: 900, rbytes: 300, rpkts: 4, dur: 0.2 });
  return { zeek };
}

/** A scan spread over one /24: 50 addresses each try 20 ports of the web server (1000 ports), refused (PAN-OS). */
export function distributedScan(): Partial<LogSet> {
  const r = rng(64);
  const ports = shuffle(r, Array.from({ length: 1000 }, (_, i) => 1 + i));
  return { pan: ports.map((p, i) => ({ ts: DAY0 + 17 * HOUR + i * 3000, proto: 'TCP' as const, src: `45.155.205.${10 + (i % 50)}`, sp: eph(r), dst: WEBSRV, dp: p, pkts: 1, bytes: 60, refused: true })) };
}

/** DNS tunnelling seen in flows only: 20,000 queries of 200+ bytes from one workstation to the resolver in 2 hours (nfdump). */
export function dnsTunnelFlows(): Partial<LogSet> {
  const r = rng(65);
  return { nfdump: Array.from({ length: 20_000 }, (_, i) => ({ ts: DAY0 + 2 * HOUR + i * 360, proto: 'UDP' as const, src: '10.20.1.52', sp: eph(r), dst: RESOLVER, dp: 53, pkts: 1, bytes: 210 + Math.floor(r() * 40) })) };
}

/** Four CDN edge addresses fill their caches from the public web server: 1.5 GB each over the day (nfdump, with reply flows). */
export function cdnPulls(): Partial<LogSet> {
  const r = rng(66);
  const nfdump: Flow[] = [];
  for (const edge of ['104.16.10.1', '104.16.11.1', '172.64.5.1', '172.64.6.1'])
    for (let k = 0; k < 60; k++) {
      const t = DAY0 + k * 24 * MIN + r() * 60_000;
      const sp = eph(r);
      nfdump.push({ ts: t, proto: 'TCP', src: edge, sp, dst: WEBSRV, dp: 443, pkts: 400, bytes: 30_000, dur: 30 });
      nfdump.push({ ts: t + 5, proto: 'TCP', src: WEBSRV, sp: 443, dst: edge, dp: sp, pkts: 18_000, bytes: 25_000_000, dur: 30 });
    }
  return { nfdump };
}
