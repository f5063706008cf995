// Round 3 planted incidents and benign traps, as log records for ./logs.ts to write. Each case
// says what a responder would expect; planted3.test.ts checks it.
import { DAY0, HOUR, MIN, BROWSERS, rng, type Auth, type Conn, type Flow, type LogSet, type Web } from './logs';

const TOP20 = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1723, 3306, 3389, 5900, 8080];

// ---------------------------------------------------------------- incidents

/** One bare SYN every ~2 minutes for 6 hours: 180 ports on one server, from outside. */
export function slowPortScan(): Partial<LogSet> {
  const r = rng(11);
  const flows: Flow[] = [];
  for (let i = 0; i < 180; i++) {
    const ts = DAY0 + 4 * HOUR + i * 2 * MIN + Math.floor(r() * 30_000);
    flows.push({ ts, proto: 'TCP', src: '45.155.205.17', sp: 54321, dst: '192.168.1.20', dp: 1 + ((i * 7919) % 9000), pkts: 1, bytes: 44, flags: '....S.' });
  }
  return { flows };
}

/** SSH guessing at one attempt a minute for ten hours, rotating through common accounts. */
export function slowSshBrute(): Partial<LogSet> {
  const users = ['root', 'admin', 'ubuntu', 'test', 'oracle', 'postgres', 'git', 'user'];
  const auth: Auth[] = [];
  for (let i = 0; i < 600; i++) {
    const user = users[i % users.length]!;
    auth.push({ ts: DAY0 + 8 * HOUR + i * MIN + (i % 7) * 1000, kind: user === 'root' || user === 'ubuntu' ? 'fail' : 'invalid', user, ip: '218.92.0.107' });
  }
  return { auth };
}

/** Password spray: one try for each of 300 real-looking accounts over five hours. */
export function spray300(): Partial<LogSet> {
  const auth: Auth[] = [];
  for (let u = 0; u < 300; u++) auth.push({ ts: DAY0 + 9 * HOUR + u * 60_000, kind: 'fail', user: `emp${String(u).padStart(4, '0')}`, ip: '193.32.162.40' });
  return { auth };
}

/** Zeek: 120 ports of an IPv6 server probed, most unanswered (S0) or refused (REJ). */
export function ipv6PortScan(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let i = 0; i < 120; i++) conns.push({ ts: DAY0 + 14 * HOUR + i * 900, proto: 'tcp', src: '2a0e:97c0:3e3:1f::66', sp: 61000, dst: '2001:db8:100::80', dp: TOP20[i % 20]! + Math.floor(i / 20) * 1000, state: i % 3 ? 'S0' : 'REJ' });
  return { conns };
}

/** Zeek: a UDP scan of 80 ports on one host, lone datagrams with no reply (S0) or ICMP unreachable (OTH). */
export function udpScan(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let i = 0; i < 80; i++) conns.push({ ts: DAY0 + 3 * HOUR + i * 4000, proto: 'udp', src: '89.248.165.52', sp: 33000 + i, dst: '203.0.113.80', dp: [53, 69, 111, 123, 137, 161, 500, 1900, 5353, 11211][i % 10]! + Math.floor(i / 10) * 7, state: 'S0', ob: 30, op: 1, rp: 0, history: 'D' });
  return { conns };
}

/** The 20 usual ports on 500 addresses of the office network: a host scan, not a port scan. */
export function top20Sweep(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let h = 0; h < 500; h++) {
    for (let p = 0; p < TOP20.length; p++) {
      flows.push({ ts: DAY0 + 11 * HOUR + h * 400 + p * 15, proto: 'TCP', src: '192.168.10.77', sp: 50000 + p, dst: `192.168.${20 + (h >> 8)}.${h & 255}`, dp: TOP20[p]!, pkts: 1, bytes: 44, flags: '....S.' });
    }
  }
  return { flows };
}

/** ICMP echo sweep written as CIDDS does: Dst Pt holds type.code (8.0). */
export function icmpSweep(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let h = 0; h < 300; h++) flows.push({ ts: DAY0 + 13 * HOUR + h * 300, proto: 'ICMP', src: '192.168.10.66', sp: 0, dst: `10.50.${h >> 8}.${h & 255}`, dp: '8.0', pkts: 1, bytes: 84 });
  return { flows };
}

/** Exfiltration at night: 60 flows of ~45 MB each from one workstation to one outside host, 01:00-04:00. */
export function nightExfil(): Partial<LogSet> {
  const r = rng(12);
  const flows: Flow[] = [];
  for (let i = 0; i < 60; i++) flows.push({ ts: DAY0 + 1 * HOUR + i * 3 * MIN, proto: 'TCP', src: '192.168.10.44', sp: 50500 + i, dst: '91.215.85.9', dp: 443, pkts: 32000, bytes: 40_000_000 + Math.floor(r() * 10_000_000), dur: 170 });
  return { flows };
}

/** JSON firewall log: a beacon every 5 minutes ±20 %, two hours on, three hours asleep, and again. */
export function pausedBeacon(): Partial<LogSet> {
  const r = rng(13);
  const json = [];
  for (const start of [2, 7, 12, 17]) {
    let t = DAY0 + start * HOUR;
    while (t < DAY0 + (start + 2) * HOUR) {
      json.push({ ts: t, src: '192.168.10.91', dst: '185.141.63.120', dp: 443, bytes: 1200 + Math.floor(r() * 300) });
      t += Math.round(5 * MIN * (0.8 + 0.4 * r()));
    }
  }
  return { json };
}

/** Access log: an implant polling /api/v2/update every 60 s ±20 %, with a changing query string. */
export function httpBeacon(): Partial<LogSet> {
  const r = rng(14);
  const web: Web[] = [];
  let t = DAY0 + 2 * HOUR;
  for (let i = 0; t < DAY0 + 14 * HOUR; i++) {
    web.push({ ts: t, ip: '10.8.0.23', path: `/api/v2/update?id=7f3a9c&t=${Math.floor(t / 1000)}&n=${Math.floor(r() * 1e6)}`, bytes: 180 + Math.floor(r() * 40), ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.110 Safari/537.36' });
    t += Math.round(60_000 * (0.8 + 0.4 * r()));
  }
  return { web };
}

/** auth.log guessing that ends in a login, then flows from the victim to 40 office hosts on SSH, SMB and RDP. */
export function bruteThenLateral(): Partial<LogSet> {
  const auth: Auth[] = [];
  for (let i = 0; i < 80; i++) auth.push({ ts: DAY0 + 22 * HOUR + i * 20_000, host: 'web01', kind: 'fail', user: 'deploy', ip: '103.145.13.220' });
  auth.push({ ts: DAY0 + 22 * HOUR + 81 * 20_000, host: 'web01', kind: 'accept', user: 'deploy', ip: '103.145.13.220' });
  const flows: Flow[] = [];
  for (let h = 0; h < 40; h++) {
    for (const [k, port] of [22, 445, 3389].entries()) {
      if ((h + k) % 2) continue;
      flows.push({ ts: DAY0 + 23 * HOUR + h * 40_000 + k * 5000, proto: 'TCP', src: '192.168.1.30', sp: 51000 + h * 3 + k, dst: `192.168.10.${10 + h}`, dp: port, pkts: 14, bytes: 4200, dur: 3 });
    }
  }
  return { auth, flows };
}

/** One address sending 400 requests for paths that do not exist, a different browser UA each time. */
export function uaRotation(): Partial<LogSet> {
  const web: Web[] = [];
  const words = ['admin', 'backup', 'old', 'dev', 'test', '.git/config', '.env', 'config.php.bak', 'db.sql', 'phpinfo.php', 'server-status', 'wp-config.php.save', 'api/swagger.json', 'actuator/env', 'debug', 'console', 'install.php', 'setup', 'upload', 'private'];
  for (let i = 0; i < 400; i++) web.push({ ts: DAY0 + 15 * HOUR + i * 1500, ip: '5.188.210.101', path: `/${words[i % words.length]}${i >= 20 ? `/${i}` : ''}`, status: 404, bytes: 350, ua: `${BROWSERS[i % BROWSERS.length]} r${i}` });
  return { web };
}

/** auth.log from a dual-stack sshd writing ::ffff:a.b.c.d, and flows naming the same attacker as a.b.c.d. */
export function mappedV6(): Partial<LogSet> {
  const auth: Auth[] = [];
  for (let i = 0; i < 40; i++) auth.push({ ts: DAY0 + 5 * HOUR + i * 30_000, kind: 'fail', user: 'root', ip: '::ffff:185.220.101.4' });
  const flows: Flow[] = [];
  for (let i = 0; i < 40; i++) flows.push({ ts: DAY0 + 4 * HOUR + i * 20_000, proto: 'TCP', src: '185.220.101.4', sp: 40000 + i, dst: '192.168.1.20', dp: 22, pkts: 10, bytes: 2400, dur: 4 });
  return { auth, flows };
}

/** Upper-case IPv6 in an access log and lower-case in Zeek: one address probing 400 missing paths. */
export function upperV6(): Partial<LogSet> {
  const web: Web[] = [];
  for (let i = 0; i < 300; i++) web.push({ ts: DAY0 + 16 * HOUR + i * 2000, ip: i % 2 ? '2001:DB8:BAD:0:0:0:0:7' : '2001:db8:bad::7', path: `/cgi-bin/probe${i}.cgi`, status: 404, bytes: 300, ua: 'Mozilla/5.0 zgrab/0.x' });
  return { web };
}

// ---------------------------------------------------------------- benign traps

/** 800 clients asking the resolver and time server all day (huge fan-in on 53 and 123). */
export function dnsNtpFanIn(): Partial<LogSet> {
  const r = rng(21);
  const flows: Flow[] = [];
  for (let c = 0; c < 800; c++) {
    const ip = `10.${20 + (c >> 8)}.${c & 255}.${10 + (c % 7)}`;
    for (let k = 0; k < 12; k++) {
      const ts = DAY0 + Math.floor(r() * 24 * HOUR);
      flows.push({ ts, proto: 'UDP', src: ip, sp: 50000 + k, dst: '10.0.0.53', dp: 53, pkts: 1, bytes: 72 });
      if (k % 4 === 0) flows.push({ ts: ts + 5, proto: 'UDP', src: ip, sp: 123, dst: '10.0.0.123', dp: 123, pkts: 1, bytes: 76 });
    }
  }
  return { flows };
}

/** An SNMP monitor polling 500 devices on 161/UDP every 5 minutes for six hours. */
export function snmpPoller(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let round = 0; round < 72; round++) {
    for (let h = 0; h < 500; h++) flows.push({ ts: DAY0 + 6 * HOUR + round * 5 * MIN + h * 200, proto: 'UDP', src: '10.0.0.5', sp: 40000 + h, dst: `10.40.${h >> 8}.${h & 255}`, dp: 161, pkts: 1, bytes: 90 });
  }
  return { flows };
}

/** A backup server pulling 200 GB from 20 file servers at 02:00 (inside to inside). */
export function nightBackup(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let s = 0; s < 20; s++) for (let k = 0; k < 10; k++) flows.push({ ts: DAY0 + 2 * HOUR + s * 3 * MIN + k * 15_000, proto: 'TCP', src: `192.168.1.${100 + s}`, sp: 873, dst: '192.168.1.250', dp: 50000 + s * 10 + k, pkts: 700_000, bytes: 1_000_000_000, dur: 600 });
  return { flows };
}

/** A CDN edge address fetching 30 000 objects a day for the whole world (cache misses). */
export function cdnEdge(): Partial<LogSet> {
  const r = rng(22);
  const web: Web[] = [];
  for (let i = 0; i < 30_000; i++) {
    const ts = DAY0 + Math.floor((i / 30_000) * 24 * HOUR);
    web.push({ ts, ip: '104.23.160.14', path: `/products/${Math.floor(r() * 6000)}`, status: r() < 0.03 ? 404 : 200, bytes: 20000 + Math.floor(r() * 50000), ua: 'Mozilla/5.0 (compatible; CloudFlare-AlwaysOnline/1.0)' });
  }
  return { web };
}

/** A load balancer checking /healthz every 10 seconds all day. */
export function healthCheck(): Partial<LogSet> {
  const web: Web[] = [];
  for (let t = DAY0; t < DAY0 + 24 * HOUR; t += 10_000) web.push({ ts: t, ip: '10.0.0.2', path: '/healthz', bytes: 2, ua: 'ELB-HealthChecker/2.0' });
  return { web };
}

/** An office NAT: 300 people browsing through one address, a few mistyping their password. */
export function officeNat(): Partial<LogSet> {
  const r = rng(23);
  const web: Web[] = [];
  for (let u = 0; u < 300; u++) {
    const ua = `${BROWSERS[u % BROWSERS.length]} u${u % 40}`;
    let t = DAY0 + 8 * HOUR + Math.floor(r() * 9 * HOUR);
    for (let p = 0; p < 20; p++) {
      web.push({ ts: t, ip: '195.8.12.1', path: ['/', '/products', `/products/${Math.floor(r() * 900)}`, '/cart', '/account', '/img/hero.webp'][p % 6]!, bytes: 9000 + Math.floor(r() * 30000), ua });
      if (p === 4) {
        if (u % 12 === 0) web.push({ ts: t + 3000, ip: '195.8.12.1', method: 'POST', path: '/login', status: 401, bytes: 700, ua });
        web.push({ ts: t + 9000, ip: '195.8.12.1', method: 'POST', path: '/login', status: 302, bytes: 300, ua });
      }
      t += 20_000 + Math.floor(r() * 60_000);
    }
  }
  return { web };
}

/** 120 workstations pulling 600 MB of updates from a Windows Update / apt mirror address. */
export function updateMirror(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let h = 0; h < 120; h++) for (let k = 0; k < 6; k++) flows.push({ ts: DAY0 + 12 * HOUR + h * 20_000 + k * 2000, proto: 'TCP', src: '13.107.4.50', sp: 443, dst: `192.168.10.${10 + h}`, dp: 52000 + k, pkts: 70_000, bytes: 100_000_000, dur: 120 });
  return { flows };
}

/** The admins' weekly vulnerability scan: 1 000 ports on 60 servers, Sunday night from the scanner box. */
export function vulnScanner(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let h = 0; h < 60; h++) for (let p = 1; p <= 1000; p++) flows.push({ ts: DAY0 + 3 * HOUR + h * 50_000 + p * 40, proto: 'TCP', src: '192.168.1.240', sp: 45000 + (p % 1000), dst: `192.168.1.${h + 1}`, dp: p, pkts: 1, bytes: 44, flags: '....S.' });
  return { flows };
}

/** A CI runner cloning over SSH as git: each job offers two deploy keys, the first refused. */
export function ciDeployKeys(): Partial<LogSet> {
  const auth: Auth[] = [];
  for (let j = 0; j < 300; j++) {
    const ts = DAY0 + 6 * HOUR + j * 150_000;
    auth.push({ ts, host: 'gitlab', kind: 'failkey', user: 'git', ip: '10.0.5.20' });
    auth.push({ ts: ts + 200, host: 'gitlab', kind: 'acceptkey', user: 'git', ip: '10.0.5.20' });
  }
  return { auth };
}


/** Zeek: an RDP-only hop from a compromised workstation to 25 servers at night. */
export function rdpLateralZeek(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let h = 0; h < 25; h++) conns.push({ ts: DAY0 + 1 * HOUR + h * 90_000, proto: 'tcp', src: '10.1.1.50', sp: 50100 + h, dst: `10.1.2.${h + 10}`, dp: 3389, state: 'SF', ob: 90_000, rb: 400_000, service: 'rdp', dur: 60 });
  return { conns };
}

/** Zeek: a ping sweep of 400 addresses (icmp, orig_p 8 = echo request, resp_p 0). */
export function zeekPingSweep(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let h = 0; h < 400; h++) conns.push({ ts: DAY0 + 10 * HOUR + h * 500, proto: 'icmp', src: '10.1.1.51', sp: 8, dst: `10.2.${h >> 8}.${h & 255}`, dp: 0, state: 'OTH', ob: 56, op: 1, rp: 0, history: '-' });
  return { conns };
}

/** Web logins from 60 addresses of one /24, five refused each, over two hours: one attacker rotating. */
export function subnetWebLogin(): Partial<LogSet> {
  const web: Web[] = [];
  for (let a = 0; a < 60; a++) for (let k = 0; k < 5; k++) web.push({ ts: DAY0 + 19 * HOUR + a * 110_000 + k * 9000, ip: `185.234.219.${a + 2}`, method: 'POST', path: '/login', status: 401, bytes: 700, ua: BROWSERS[(a + k) % BROWSERS.length] });
  return { web };
}

/** Zeek: a workstation's DNS-over-HTTPS client, a small exchange with 1.1.1.1:443 every 30 s all day. */
export function dohClient(): Partial<LogSet> {
  const r = rng(24);
  const conns: Conn[] = [];
  for (let t = DAY0 + 8 * HOUR; t < DAY0 + 18 * HOUR; t += Math.round(30_000 * (0.5 + r()))) conns.push({ ts: t, proto: 'tcp', src: '192.168.10.15', sp: 40000 + (t % 20000), dst: '1.1.1.1', dp: 443, state: 'SF', ob: 600 + Math.floor(r() * 400), rb: 900 + Math.floor(r() * 600), service: 'ssl', dur: 0.2 });
  return { conns };
}

/** Zeek only (no auth log): an outside address opening one short SSH connection a minute for ten hours. */
export function zeekSshBrute(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let i = 0; i < 600; i++) conns.push({ ts: DAY0 + 6 * HOUR + i * MIN + (i % 9) * 1000, proto: 'tcp', src: '61.177.173.14', sp: 30000 + i, dst: '203.0.113.80', dp: 22, state: 'SF', ob: 1900, rb: 2600, op: 14, rp: 12, service: 'ssh', dur: 2.5 });
  return { conns };
}

/** CIDDS: 400 short RDP connections from outside to one server within one hour. */
export function rdpFlowBrute(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let i = 0; i < 400; i++) flows.push({ ts: DAY0 + 21 * HOUR + i * 8000, proto: 'TCP', src: '80.94.95.115', sp: 50000 + i, dst: '192.168.1.40', dp: 3389, pkts: 18, bytes: 3800, dur: 1.4 });
  return { flows };
}

/** Zeek: one connection uploading 3 GB to an outside host at 03:00. */
export function zeekUpload(): Partial<LogSet> {
  return { conns: [{ ts: DAY0 + 3 * HOUR, proto: 'tcp', src: '10.1.1.60', sp: 51515, dst: '45.86.162.9', dp: 443, state: 'SF', ob: 3_100_000_000, rb: 2_000_000, op: 2_100_000, rp: 900_000, service: 'ssl', dur: 2400 }] };
}

/** Zeek: workstations downloading 3 GB each from an outside host (an OS image): data coming in. */
export function zeekDownload(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let h = 0; h < 3; h++) conns.push({ ts: DAY0 + 13 * HOUR + h * 600_000, proto: 'tcp', src: `10.1.1.${70 + h}`, sp: 52000 + h, dst: '91.189.91.38', dp: 443, state: 'SF', ob: 2_000_000, rb: 3_000_000_000, op: 900_000, rp: 2_000_000, service: 'ssl', dur: 900 });
  return { conns };
}

/** Zeek: a beacon every 10 min ±20 % for ten hours to an outside IPv6 address. */
export function zeekV6Beacon(): Partial<LogSet> {
  const r = rng(31);
  const conns: Conn[] = [];
  for (let t = DAY0 + 9 * HOUR; t < DAY0 + 19 * HOUR; t += Math.round(10 * MIN * (0.8 + 0.4 * r()))) conns.push({ ts: t, proto: 'tcp', src: '2001:db8:100::45', sp: 40000 + (t % 20000), dst: '2a03:b0c0:3:d0::1b:c001', dp: 8443, state: 'SF', ob: 400 + Math.floor(r() * 200), rb: 300, service: 'ssl', dur: 0.4 });
  return { conns };
}

/** Zeek: an outside IPv6 address sweeping 300 addresses of one /64 on 22 (most refused or unanswered). */
export function ipv6HostScan(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let h = 0; h < 300; h++) conns.push({ ts: DAY0 + 15 * HOUR + h * 2000, proto: 'tcp', src: '2a10:cc42:1d::9', sp: 45000, dst: `2001:db8:100::${(h + 1).toString(16)}`, dp: 22, state: h % 4 ? 'S0' : 'REJ' });
  return { conns };
}

/** Zeek: an inside host trying WinRM and SMB on 60 inside hosts, most refused. */
export function winrmSpray(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let h = 0; h < 60; h++) for (const [k, port] of [5985, 445].entries()) conns.push({ ts: DAY0 + 2 * HOUR + h * 20_000 + k * 3000, proto: 'tcp', src: '10.1.1.80', sp: 49000 + h * 2 + k, dst: `10.1.3.${h + 10}`, dp: port, state: h % 5 ? 'REJ' : 'SF', ob: h % 5 ? 0 : 3000, rb: h % 5 ? 0 : 5000 });
  return { conns };
}

/** Web: one address posting wp-login.php once a minute for eight hours, the form shown again (200). */
export function wpLoginSlow(): Partial<LogSet> {
  const web: Web[] = [];
  for (let i = 0; i < 480; i++) web.push({ ts: DAY0 + 1 * HOUR + i * MIN, ip: '141.98.11.23', method: 'POST', path: '/wp-login.php', status: 200, bytes: 4300, ua: BROWSERS[0] });
  return { web };
}

/** Zeek trap: the mail relay delivering to 300 outside mail servers on 25. */
export function smtpFanOut(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let h = 0; h < 300; h++) conns.push({ ts: DAY0 + 8 * HOUR + h * 90_000, proto: 'tcp', src: '203.0.113.25', sp: 40000 + h, dst: `${100 + (h % 90)}.${h % 250}.${(h * 3) % 250}.25`, dp: 25, state: 'SF', ob: 30_000 + h * 10, rb: 1200, service: 'smtp', dur: 1.5 });
  return { conns };
}

/** Zeek trap: a cluster node gossiping with 120 peers on 8301 every 30 s for four hours (tiny UDP exchanges). */
export function clusterGossip(): Partial<LogSet> {
  const conns: Conn[] = [];
  for (let round = 0; round < 480; round++) {
    const peer = (round * 37) % 120;
    conns.push({ ts: DAY0 + 10 * HOUR + round * 30_000, proto: 'udp', src: '10.1.5.1', sp: 8301, dst: `10.1.5.${peer + 2}`, dp: 8301, state: 'SF', ob: 120, rb: 120, op: 1, rp: 1 });
  }
  return { conns };
}

/** A botnet's slow credential stuffing: 300 addresses worldwide, each refused once on /login, over 20 hours. */
export function slowStuffing(): Partial<LogSet> {
  const web: Web[] = [];
  for (let a = 0; a < 300; a++) web.push({ ts: DAY0 + 2 * HOUR + a * 240_000, ip: `${[5, 31, 37, 45, 62, 77, 91, 103, 176, 185, 193, 212][a % 12]}.${(a * 53) % 250}.${(a * 29) % 250}.${1 + ((a * 7) % 250)}`, method: 'POST', path: '/login', status: 401, bytes: 700, ua: BROWSERS[a % BROWSERS.length] });
  return { web };
}

/** Exfiltration spread over ten addresses of one outside /24: 250 MB to each at night. */
export function exfilRotating(): Partial<LogSet> {
  const flows: Flow[] = [];
  for (let d = 0; d < 10; d++) for (let k = 0; k < 5; k++) flows.push({ ts: DAY0 + 2 * HOUR + (d * 5 + k) * 2 * MIN, proto: 'TCP', src: '192.168.10.52', sp: 51000 + d * 5 + k, dst: `45.141.215.${10 + d}`, dp: 443, pkts: 40_000, bytes: 50_000_000, dur: 100 });
  return { flows };
}
