// Risky services across the perimeter, written as the tools write them: a CIDDS-001 nfdump CSV
// (one flow per direction), a Zeek conn.log (one two-way record per connection), AWS VPC flow logs
// (one record per direction per minute), a BIND query log and a Squid access log. Each holds
// planted incidents beside the look-alikes a network has every day.
import { connLog, type Conn } from '../planted5net/zeek';
import { HEADER as CIDDS_HEADER } from '../planted7flows/cidds';
import { rng } from '../planted7flows/rng';
import { panLines, type Flow as Flow4 } from '../planted4net/logs';

// ---- CIDDS-001 (nfdump CSV with labels), inside 192.168.x ----

export const CIDDS_T0 = Date.UTC(2026, 3, 20, 7, 0);
export const SMB_LEAKER = '192.168.210.7';
export const SMB_SHARE = '185.220.45.10';
export const MINER = '192.168.220.11';
export const POOL_IP = '51.15.69.136';
export const RDP_SERVER = '192.168.100.20';
export const RDP_CLIENTS = ['81.2.69.142', '88.198.23.5', '93.184.216.40', '109.70.100.11', '176.9.40.12', '188.166.4.7', '91.121.88.3', '62.210.16.9'];
export const SCANNED_RDP = '192.168.100.21';
export const WEB = '192.168.100.6';
export const FILE_SERVER = '192.168.100.5';
export const DNS_SERVER = '192.168.100.53';
export const VPN_USER = '192.168.210.9';

interface Flow { t: number; dur: number; proto: 'TCP' | 'UDP'; src: string; sp: number; dst: string; dp: number; pk: number; bytes: number; flags: string }

const pad = (n: number): string => String(n).padStart(2, '0');
const when = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
};
const bytesOf = (b: number): string => (b >= 1_000_000 ? `${(b / 1_000_000).toFixed(1)} M` : String(b));
const ciddsLine = (f: Flow): string => `${when(f.t)},${f.dur.toFixed(3)},${f.proto.padEnd(5, ' ')},${f.src},${f.sp},${f.dst},${f.dp},${f.pk},${bytesOf(f.bytes)},1,${f.flags},0,normal,---,---,---`;

/** A TCP session as a unidirectional exporter writes it: the client's flow and the server's answer. */
function session(out: Flow[], t: number, client: string, sp: number, server: string, dp: number, dur: number, up: number, down: number): void {
  out.push({ t, dur, proto: 'TCP', src: client, sp, dst: server, dp, pk: Math.max(4, Math.ceil(up / 1200)), bytes: up, flags: '.AP.SF' });
  out.push({ t: t + 1, dur, proto: 'TCP', src: server, sp: dp, dst: client, dp: sp, pk: Math.max(3, Math.ceil(down / 1200)), bytes: down, flags: '.AP.SF' });
}

export function ciddsDay(): string[] {
  const r = rng(2026);
  const out: Flow[] = [];
  const eph = (): number => r.int(49152, 65000);
  const clients = ['192.168.210.2', '192.168.210.3', '192.168.210.4', '192.168.220.2', '192.168.220.3', VPN_USER, SMB_LEAKER, MINER];
  // the working day: clients on the file server (SMB), the web, and the inside resolver
  for (let i = 0; i < 2500; i++) {
    const t = CIDDS_T0 + r.int(0, 10 * 3_600_000);
    const c = r.pick(clients);
    const k = r.next();
    if (k < 0.35) session(out, t, c, eph(), FILE_SERVER, 445, r.next() * 4, r.int(600, 9000), r.int(2000, 400_000));
    else if (k < 0.6) out.push({ t, dur: 0.01, proto: 'UDP', src: c, sp: eph(), dst: DNS_SERVER, dp: 53, pk: 1, bytes: r.int(60, 80), flags: '......' });
    else session(out, t, c, eph(), r.pick(['142.250.185.78', '151.101.1.69', '13.107.42.14']), 443, r.next() * 20, r.int(800, 6000), r.int(5000, 900_000));
  }
  // look-alike: the backup server copies every share of the file server over SMB at night (inside to inside)
  for (let k = 0; k < 40; k++) session(out, CIDDS_T0 + k * 60_000, '192.168.100.3', eph(), FILE_SERVER, 445, 55, 300_000, 90_000_000);
  // look-alike: the resolver forwards the clients' questions to the internet (its outbound 53)
  for (let k = 0; k < 600; k++) {
    const t = CIDDS_T0 + k * 60_000;
    const up = ['8.8.8.8', '1.1.1.1', '9.9.9.9'][k % 3]!;
    const sp = eph();
    out.push({ t, dur: 0.02, proto: 'UDP', src: DNS_SERVER, sp, dst: up, dp: 53, pk: 1, bytes: 72, flags: '......' });
    out.push({ t: t + 20, dur: 0, proto: 'UDP', src: up, sp: 53, dst: DNS_SERVER, dp: sp, pk: 1, bytes: 140, flags: '......' });
  }
  // look-alike: a developer's VPN test on port 4444, one short connection
  session(out, CIDDS_T0 + 3 * 3_600_000, VPN_USER, eph(), '93.184.216.34', 4444, 12, 4200, 6100);
  // look-alike: the internet on the web server's 443
  for (let i = 0; i < 300; i++) session(out, CIDDS_T0 + r.int(0, 10 * 3_600_000), `${r.pick([81, 88, 93, 109, 176, 188])}.${r.int(1, 250)}.${r.int(1, 250)}.${r.int(1, 250)}`, eph(), WEB, 443, r.next() * 10, r.int(500, 3000), r.int(8000, 600_000));
  // look-alike: an RDP scan of another server from 30 outside addresses, refused (SYN, then the host's reset)
  for (let i = 0; i < 30; i++) {
    const t = CIDDS_T0 + 5 * 3_600_000 + i * 7_000;
    const src = `45.155.205.${10 + i}`;
    const sp = eph();
    out.push({ t, dur: 0, proto: 'TCP', src, sp, dst: SCANNED_RDP, dp: 3389, pk: 1, bytes: 60, flags: '....S.' });
    out.push({ t: t + 1, dur: 0, proto: 'TCP', src: SCANNED_RDP, sp: 3389, dst: src, dp: sp, pk: 1, bytes: 54, flags: '.A.R..' });
  }
  // planted: a workstation mounts a share on an outside address (NTLM negotiation, a directory listing), four times
  for (let k = 0; k < 4; k++) session(out, CIDDS_T0 + 2 * 3_600_000 + k * 900_000, SMB_LEAKER, eph(), SMB_SHARE, 445, 3, 2600, 4100);
  // planted: a miner renews its stratum connection every hour for ten hours (each ten minutes, shares a few KB)
  for (let k = 0; k < 10; k++) session(out, CIDDS_T0 + k * 3_600_000 + 120_000, MINER, eph(), POOL_IP, 3333, 600, 38_000, 52_000);
  // planted: RDP on a server published to the internet, used by eight outside addresses
  RDP_CLIENTS.forEach((c, i) => session(out, CIDDS_T0 + (1 + i) * 3_600_000, c, eph(), RDP_SERVER, 3389, 300 + i * 40, 90_000, 2_400_000));
  return [CIDDS_HEADER, ...out.sort((a, b) => a.t - b.t).map(ciddsLine)];
}

// ---- Zeek conn.log, inside 10.1.x ----

export const Z_T0 = Date.UTC(2026, 3, 21) / 1000;
export const TOR_USER = '10.1.5.44';
export const TOR_RELAYS = ['171.25.193.9', '199.249.230.84', '185.220.101.33', '204.13.164.118', '86.59.21.38'];
export const IRC_WEB = '10.1.2.80';
export const IRC_SERVER = '45.32.11.9';
export const SMB_WORM = '10.1.5.50';
export const SMB_TARGETS = ['23.94.5.17', '104.244.72.115', '198.98.51.189', '5.188.206.14'];
export const Z_MINER = '10.1.5.77';
export const Z_POOL = '94.130.12.30';
export const Z_DNS = '10.1.0.53';
export const Z_DEV = '10.1.5.60';
export const Z_RDP = '10.1.2.33';
export const Z_FORWARDER = '10.1.9.53';
export const RDP_ADMIN = '10.1.5.61';
export const ADMIN_VM = '20.50.2.10';

export function zeekDay(): string[] {
  const r = rng(77);
  const out: Conn[] = [];
  const eph = (): number => r.int(49152, 65000);
  const sf = (ts: number, o: string, r2: string, rp: number, svc: string, dur: number, ob: number, rb: number): Conn => ({ ts, o, op: eph(), r: r2, rp, proto: 'tcp', svc, dur, ob, rb, state: 'SF', hist: 'ShADadFf', opk: Math.max(4, Math.ceil(ob / 1400)), rpk: Math.max(4, Math.ceil(rb / 1400)) });
  // the office: browsing and the resolver
  for (let i = 10; i < 30; i++)
    for (let k = 0; k < 30; k++) {
      const t = Z_T0 + 8 * 3600 + i * 41 + k * 900 + r.int(0, 840);
      out.push(sf(t, `10.1.5.${i}`, r.pick(['142.250.185.78', '151.101.1.69', '13.107.42.14']), 443, 'ssl', 1 + r.next() * 20, r.int(500, 5000), r.int(9000, 800_000)));
      out.push({ ts: t - 0.05, o: `10.1.5.${i}`, op: eph(), r: Z_DNS, rp: 53, proto: 'udp', svc: 'dns', dur: 0.003, ob: 40, rb: 120, state: 'SF', hist: 'Dd', opk: 1, rpk: 1 });
    }
  // look-alike: the resolver's own questions to the internet
  for (let k = 0; k < 500; k++) out.push({ ts: Z_T0 + k * 150, o: Z_DNS, op: eph(), r: ['8.8.8.8', '1.1.1.1'][k % 2]!, rp: 53, proto: 'udp', svc: 'dns', dur: 0.02, ob: 42, rb: 180, state: 'SF', hist: 'Dd', opk: 1, rpk: 1 });
  // look-alike: nightly SMB backup inside
  for (let s = 0; s < 6; s++) for (let k = 0; k < 10; k++) out.push(sf(Z_T0 + 3600 + s * 900 + k * 60, '10.1.2.50', `10.1.2.${10 + s}`, 445, 'smb', 58, 400_000, 100_000_000));
  // look-alike: one short connection to a test server's 4444
  out.push(sf(Z_T0 + 11 * 3600, Z_DEV, '93.184.216.34', 4444, '-', 9, 3000, 5000));
  // look-alike: an RDP scan from outside, refused
  for (let i = 0; i < 40; i++) out.push({ ts: Z_T0 + 4 * 3600 + i * 3, o: `45.155.205.${100 + i}`, op: eph(), r: Z_RDP, rp: 3389, proto: 'tcp', svc: '-', dur: 0, ob: 0, rb: 0, state: 'REJ', hist: 'Sr', opk: 1, rpk: 1 });
  // the web server's customers (it answers the internet: a server)
  for (let i = 0; i < 80; i++) out.push(sf(Z_T0 + 7 * 3600 + i * 400, `${r.pick([81, 88, 93, 176])}.${r.int(1, 250)}.${r.int(1, 250)}.${r.int(1, 250)}`, IRC_WEB, 443, 'ssl', 2, 900, r.int(80_000, 600_000)));
  // planted (low): an administrator's RDP session to a cloud machine
  out.push(sf(Z_T0 + 10 * 3600, RDP_ADMIN, ADMIN_VM, 3389, '-', 2400, 1_800_000, 24_000_000));
  // look-alike: RDP between two inside machines
  out.push(sf(Z_T0 + 10 * 3600 + 60, RDP_ADMIN, '10.1.2.40', 3389, '-', 1200, 900_000, 12_000_000));
  // planted: Tor, circuits through five relays
  TOR_RELAYS.forEach((relay, i) => out.push(sf(Z_T0 + 9 * 3600 + i * 40, TOR_USER, relay, 9001, 'ssl', 1800 - i * 100, 120_000, 2_400_000)));
  // planted: a bot on the web server joins its IRC channel and stays on it
  out.push(sf(Z_T0 + 13 * 3600, IRC_WEB, IRC_SERVER, 6667, 'irc', 14_000, 22_000, 61_000));
  // planted: a worm's SMB to four internet addresses, answered
  SMB_TARGETS.forEach((t, i) => out.push(sf(Z_T0 + 15 * 3600 + i * 20, SMB_WORM, t, 445, 'smb', 6, 3400, 2900)));
  // planted: a miner holds its pool connection for hours
  out.push(sf(Z_T0 + 6 * 3600, Z_MINER, Z_POOL, 3333, '-', 16_000, 400_000, 900_000));
  return connLog(out);
}

/** BIND's query log on the resolver: the miner looks up its pool; everyone asks the NTP pool and the usual sites. */
export function bindQueries(): string[] {
  const out: string[] = [];
  const at = (s: number): string => {
    const d = new Date((Z_T0 + s) * 1000);
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
    return `${pad(d.getUTCDate())}-${mon}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000`;
  };
  const q = (s: number, client: string, name: string): string => `${at(s)} queries: info: client @0x7f3a2c0012a0 ${client}#${40000 + (s % 20000)} (${name}): query: ${name} IN A +E(0)K (${Z_DNS})`;
  for (let k = 0; k < 200; k++) out.push(q(k * 300, `10.1.5.${10 + (k % 20)}`, k % 3 === 0 ? `${k % 4}.pool.ntp.org` : k % 3 === 1 ? 'www.google.com' : 'outlook.office365.com'));
  // a branch office's forwarder asks this resolver all its clients' questions, a pool's among them
  for (let k = 0; k < 400; k++) out.push(q(3600 + k * 60, Z_FORWARDER, `www.shop${k}.com`));
  out.push(q(3 * 3600 + 7, Z_FORWARDER, 'xmr.pool.gntl.co.uk'));
  out.push(q(6 * 3600 - 5, Z_MINER, 'pool.minexmr.com'));
  out.push(q(10 * 3600, Z_MINER, 'pool.minexmr.com'));
  return out.sort();
}

export const PROXY_MINER = '10.1.5.78';
export const NICEHASH_VISITOR = '10.1.5.79';

/** Squid's access log: a machine tunnels to a pool's stratum port; another reads the NiceHash website. */
export function squidLog(): string[] {
  const line = (s: number, client: string, code: string, bytesN: number, method: string, url: string, peer: string): string => `${(Z_T0 + s).toFixed(3)}    ${String(200 + (s % 700)).padStart(5)} ${client} ${code} ${bytesN} ${method} ${url} - ${peer} -`;
  const out: string[] = [];
  for (let k = 0; k < 100; k++) out.push(line(8 * 3600 + k * 200, `10.1.5.${10 + (k % 20)}`, 'TCP_TUNNEL/200', 5000 + k, 'CONNECT', 'www.bbc.co.uk:443', 'HIER_DIRECT/151.101.0.81'));
  out.push(line(9 * 3600, NICEHASH_VISITOR, 'TCP_TUNNEL/200', 84_000, 'CONNECT', 'www.nicehash.com:443', 'HIER_DIRECT/104.18.3.9'));
  out.push(line(12 * 3600, PROXY_MINER, 'TCP_TUNNEL/200', 412_000, 'CONNECT', 'xmr-eu1.nanopool.org:14433', 'HIER_DIRECT/51.255.34.118'));
  return out.sort((a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0]));
}

// ---- AWS VPC flow logs (v2 default fields), inside 10.20.x ----

export const VPC_T0 = Date.UTC(2026, 3, 22);
export const VPC_DB = '10.20.7.15';
export const VPC_SCANNED = '10.20.7.16';
export const VPC_WEB = '10.20.5.10';
const VPC_HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
interface Rec { start: number; src: string; dst: string; sp: number; dp: number; pkts: number; bytes: number; action: 'ACCEPT' | 'REJECT' }
const vpcLine = (x: Rec): string => `2 123456789012 eni-0c1d2e3f4a5b60719 ${x.src} ${x.dst} ${x.sp} ${x.dp} 6 ${x.pkts} ${x.bytes} ${Math.floor(x.start / 1000)} ${Math.floor(x.start / 1000) + 60} ${x.action} OK`;

export function vpcDay(): string[] {
  const r = rng(303);
  const out: Rec[] = [];
  const conn = (t: number, c: string, server: string, dp: number, up: number, down: number): void => {
    const sp = r.int(32768, 60999);
    out.push({ start: t, src: c, dst: server, sp, dp, pkts: Math.max(3, Math.ceil(up / 1400)), bytes: up, action: 'ACCEPT' });
    out.push({ start: t, src: server, dst: c, sp: dp, dp: sp, pkts: Math.max(3, Math.ceil(down / 1400)), bytes: down, action: 'ACCEPT' });
  };
  const outside = (): string => `${r.pick([81, 88, 93, 109, 176, 188])}.${r.int(1, 250)}.${r.int(1, 250)}.${r.int(1, 250)}`;
  for (let i = 0; i < 200; i++) conn(VPC_T0 + r.int(0, 20 * 3_600_000), outside(), VPC_WEB, 443, r.int(800, 4000), r.int(20_000, 900_000));
  // planted: PostgreSQL on an instance open to the world, used by six outside addresses
  for (let i = 0; i < 6; i++) conn(VPC_T0 + (2 + i) * 3_600_000, `${[5, 31, 45, 62, 77, 185][i]}.${40 + i}.${i * 7 + 3}.${20 + i}`, VPC_DB, 5432, 3_000 + i * 100, 250_000);
  // look-alike: the security group refuses 50 addresses knocking on another instance's 5432 and 3389
  for (let i = 0; i < 50; i++) out.push({ start: VPC_T0 + 3_600_000 + i * 61_000, src: `45.155.206.${i + 2}`, dst: VPC_SCANNED, sp: r.int(32768, 60999), dp: i % 2 ? 5432 : 3389, pkts: 1, bytes: 44, action: 'REJECT' });
  // look-alike: the web server's own instance reaches its database inside
  for (let k = 0; k < 50; k++) conn(VPC_T0 + k * 600_000, VPC_WEB, '10.20.7.40', 5432, 2000, 30_000);
  return [VPC_HEADER, ...out.sort((a, b) => a.start - b.start).map(vpcLine)];
}

// ---- Cisco ASA syslog (302013/302014 builds and teardowns, 106023 denies), inside 10.30.x ----

export const ASA_LEAKER = '10.30.4.21';
export const ASA_SHARE = '20.150.34.7';
export const ASA_UNANSWERED = '10.30.4.22';

/** An ASA's connection log: a user opens a share on an outside address; another host's SMB attempts time out; the internet knocks on RDP and is denied. */
export function asaLog(): string[] {
  const out: string[] = [];
  const stamp = (s: number): string => {
    const d = new Date(Date.UTC(2026, 3, 23, 9) + s * 1000);
    return `Apr ${d.getUTCDate()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  };
  let id = 4000;
  const conn = (s: number, client: string, sp: number, server: string, dp: number, secs: number, total: number, reason: string): void => {
    const n = id++;
    out.push(`${stamp(s)} asa01 %ASA-6-302013: Built outbound TCP connection ${n} for outside:${server}/${dp} (${server}/${dp}) to inside:${client}/${sp} (${client}/${sp})`);
    out.push(`${stamp(s + secs)} asa01 %ASA-6-302014: Teardown TCP connection ${n} for outside:${server}/${dp} to inside:${client}/${sp} duration 0:${pad(Math.floor(secs / 60))}:${pad(secs % 60)} bytes ${total} ${reason}`);
  };
  for (let k = 0; k < 60; k++) conn(k * 50, `10.30.4.${30 + (k % 10)}`, 51000 + k, '13.107.42.14', 443, 20, 48_000 + k, 'TCP FINs');
  conn(600, ASA_LEAKER, 52100, ASA_SHARE, 445, 4, 7_400, 'TCP FINs');
  conn(1500, ASA_LEAKER, 52101, ASA_SHARE, 445, 6, 9_100, 'TCP FINs');
  for (let k = 0; k < 5; k++) conn(900 + k * 2, ASA_UNANSWERED, 53000 + k, `23.94.5.${40 + k}`, 445, 30, 0, 'SYN Timeout');
  for (let k = 0; k < 20; k++) out.push(`${stamp(2000 + k * 3)} asa01 %ASA-4-106023: Deny tcp src outside:45.155.205.${50 + k}/${40000 + k} dst inside:10.30.1.5/3389 by access-group "outside_access_in" [0x0, 0x0]`);
  return out.sort((a, b) => a.slice(0, 15).localeCompare(b.slice(0, 15)));
}

// ---- PAN-OS traffic export (Bytes Sent / Bytes Received per session), inside 10.x ----

export const PAN_TOR = '10.40.3.12';
export const PAN_SQL = '10.40.1.20';
export const PAN_SQL_SCANNED = '10.40.1.21';

export function panDay(): string[] {
  const r = rng(404);
  const t0 = Date.UTC(2026, 3, 24, 8);
  const flows: Flow4[] = [];
  for (let k = 0; k < 200; k++) flows.push({ ts: t0 + k * 90_000, proto: 'TCP', src: `10.40.3.${20 + (k % 15)}`, sp: r.int(49152, 65000), dst: r.pick(['142.250.185.78', '151.101.1.69']), dp: 443, pkts: 20, bytes: r.int(900, 6000), rbytes: r.int(20_000, 900_000), rpkts: 60, dur: r.int(1, 40) });
  // planted: Tor through four relays
  ['171.25.193.20', '199.249.230.70', '185.220.100.240', '45.66.33.45'].forEach((relay, i) => flows.push({ ts: t0 + 3_600_000 + i * 30_000, proto: 'TCP', src: PAN_TOR, sp: 50100 + i, dst: relay, dp: 9001, pkts: 300, bytes: 90_000, rbytes: 1_100_000, rpkts: 900, dur: 900 }));
  // planted: SQL Server published to the internet, used by seven outside addresses
  for (let i = 0; i < 7; i++) flows.push({ ts: t0 + (2 + i) * 1_800_000, proto: 'TCP', src: `${[37, 62, 80, 91, 141, 178, 193][i]}.${i + 11}.${i * 9 + 2}.${40 + i}`, sp: 40000 + i, dst: PAN_SQL, dp: 1433, pkts: 40, bytes: 6_000, rbytes: 180_000, rpkts: 140, dur: 60 });
  // look-alike: the firewall denies 50 addresses sweeping another server's 1433
  for (let i = 0; i < 50; i++) flows.push({ ts: t0 + 5 * 3_600_000 + i * 4_000, proto: 'TCP', src: `45.155.207.${i + 2}`, sp: 45000 + i, dst: PAN_SQL_SCANNED, dp: 1433, pkts: 1, bytes: 60, dur: 0, refused: true });
  return panLines(flows.sort((a, b) => a.ts - b.ts));
}
