// CTU-13 as the Stratosphere lab published it: Argus bidirectional flows (`.binetflow`), one record
// per flow or per Argus status interval, `Dir` padded to five characters, ICMP type and id in hex in
// the port fields, lower-case protocols, TCP states as source_destination flags (`S_RA`, `FSPA_FSPA`)
// and the label on every row. The bots are scenario 9's ten infected hosts (Neris: spam, click
// fraud, HTTP C&C, scanning) and scenario 10's ICMP/UDP DDoS (Rbot); normal hosts and background.
import { rng, p2 } from './rng';

export const HEADER = 'StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label';
export const BOTS = ['147.32.84.165', '147.32.84.191', '147.32.84.192', '147.32.84.193', '147.32.84.204', '147.32.84.205', '147.32.84.206', '147.32.84.207', '147.32.84.208', '147.32.84.209'];
export const NORMAL = ['147.32.84.170', '147.32.84.134', '147.32.84.164', '147.32.87.36', '147.32.87.11'];
/** benign hosts whose traffic looks like a flood or a sweep in part: a backup client, the router, a monitor */
export const BACKUP = '147.32.84.170';
export const ROUTER = '147.32.84.1';
export const MONITOR = '147.32.84.134';
/** the CTU's DNS server (a normal host that answers everyone) */
export const DNS = '147.32.80.9';
/** What each bot does, as the scenario's documentation says. */
export const ROLES = {
  spam: ['147.32.84.165', '147.32.84.191', '147.32.84.192'],
  clickFraud: ['147.32.84.193', '147.32.84.204'],
  scan: ['147.32.84.205', '147.32.84.206'],
  ddos: ['147.32.84.207', '147.32.84.208', '147.32.84.209'],
  /** every bot polls the HTTP C&C */
  cc: BOTS,
};
export const CC = '195.113.232.98';
export const DDOS_TARGET = '147.32.96.69';

interface Rec { t: number; line: string }

/** `2011/08/18 10:19:13.328044` (the capture's local clock, as written) */
function when(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000 + 328).padStart(6, '0')}`;
}

export function binetflow(seed = 13): string[] {
  const r = rng(seed);
  const t0 = Date.UTC(2011, 7, 18, 10, 19, 13);
  const span = 3 * 3600_000;
  const out: Rec[] = [];
  const rec = (t: number, dur: number, proto: string, src: string, sp: string | number, dir: string, dst: string, dp: string | number, state: string, pk: number, tot: number, srcBytes: number, label: string, stos = '0', dtos = '0'): void => {
    out.push({ t, line: `${when(t)},${dur.toFixed(6)},${proto},${src},${sp},${dir.padStart(5, ' ')},${dst},${dp},${state},${stos},${dtos},${pk},${tot},${srcBytes},${label}` });
  };
  const eph = (): number => r.int(1025, 65000);
  const ext = (): string => `${r.pick([62, 77, 89, 94, 188, 195, 213, 217])}.${r.int(1, 254)}.${r.int(0, 255)}.${r.int(1, 254)}`;
  const webServers = Array.from({ length: 60 }, ext);

  // background: the university's other traffic, unlabeled (its sources are anyone)
  for (let i = 0; i < 1400; i++) {
    const t = t0 + r.int(0, span);
    if (r.chance(0.5)) {
      rec(t, r.next() * 30, 'udp', ext(), eph(), '<->', `147.32.${r.int(80, 87)}.${r.int(2, 250)}`, r.pick([13363, 53, 123, 27015]), 'CON', 2 + r.int(0, 10), 0, 0, 'flow=Background-UDP-Established');
      const o = out[out.length - 1]!;
      const pk = Number(o.line.split(',')[11]);
      const tot = pk * r.int(70, 400);
      o.line = o.line.replace(/,(\d+),0,0,flow=/, `,${pk},${tot},${Math.round(tot * 0.45)},flow=`);
    } else {
      const pk = r.int(4, 60);
      const tot = pk * r.int(60, 900);
      rec(t, r.next() * 120, 'tcp', ext(), eph(), '->', `147.32.${r.int(80, 87)}.${r.int(2, 250)}`, r.pick([80, 443, 22, 25]), 'FSPA_FSPA', pk, tot, Math.round(tot * 0.3), 'flow=Background-TCP-Established');
    }
  }
  // ARP who-has from the router: no ports, Dir `who`
  for (let i = 0; i < 60; i++) rec(t0 + r.int(0, span), 0, 'arp', '147.32.84.1', '', 'who', `147.32.84.${r.int(2, 254)}`, '', 'INT', 1, 60, 60, 'flow=Background');

  // normal hosts: web browsing, DNS through the CTU server, an SSH session, NTP
  for (const h of NORMAL) {
    for (let i = 0; i < 90; i++) {
      const t = t0 + r.int(0, span);
      const dst = r.pick(webServers.slice(0, 20));
      const pk = r.int(8, 80);
      const tot = pk * r.int(300, 1200);
      rec(t, r.next() * 20, 'tcp', h, eph(), '->', dst, r.pick([80, 443]), 'FSPA_FSPA', pk, tot, Math.round(tot * 0.12), `flow=From-Normal-V42-${h === '147.32.84.170' ? 'Stribrnyi' : h === '147.32.84.134' ? 'Jist' : 'Grill'}`);
      rec(t - 200, 0.0012, 'udp', h, eph(), '<->', DNS, 53, 'CON', 2, 214, 76, 'flow=To-Background-UDP-CVUT-DNS-Server');
    }
    for (let i = 0; i < 6; i++) rec(t0 + i * 1800_000 + r.int(0, 60_000), 0.02, 'udp', h, 123, '<->', '195.113.144.201', 123, 'CON', 2, 180, 90, 'flow=From-Normal-V42-NTP');
  }
  // a normal host's SSH session to one server, long-lived: Argus status records with the same port
  {
    const sp = eph();
    for (let k = 0; k < 20; k++) rec(t0 + 3600_000 + k * 60_000, 60, 'tcp', '147.32.84.170', sp, '->', '147.32.84.2', 22, 'PA_PA', 40, 9000, 3000, 'flow=From-Normal-V42-Stribrnyi');
  }

  // benign look-alikes of a flood: a backup pushing 12,000 answered packets a minute, the router
  // exporting NetFlow to its collector (one-way, INT), a monitor pinging the servers every few seconds
  {
    const sp = eph();
    for (let k = 0; k < 30; k++) rec(t0 + 1800_000 + k * 60_000, 60, 'tcp', BACKUP, sp, '->', '147.32.80.20', 22, 'PA_PA', 12_000, 14_000_000, 1_300_000, 'flow=From-Normal-V42-Stribrnyi');
    for (let k = 0; k < 240; k++) rec(t0 + k * 5000, 4.99, 'udp', ROUTER, 62001, '->', '147.32.80.50', 2055, 'INT', 800, 1_160_000, 1_160_000, 'flow=Background');
    // a ping left running at two a second against a machine that is down: one hour-long record of 7,200 unanswered echo requests each hour
    for (let k = 0; k < 3; k++) rec(t0 + k * 3600_000, 3599, 'icmp', MONITOR, '0x0008', '->', '147.32.84.250', '0x4d2a', 'ECO', 7200, 705_600, 705_600, 'flow=From-Normal-V42-Jist');
    for (let k = 0; k < 36; k++) for (const h of ['147.32.84.2', '147.32.80.9', '147.32.80.20']) rec(t0 + k * 300_000, 299, 'icmp', MONITOR, '0x0008', '<->', h, '0x4d2a', 'ECR', 120, 11_760, 5880, 'flow=From-Normal-V42-Jist');
  }
  // HTTP C&C: every bot asks the C&C every ~5 minutes (±20 %) for the three hours
  for (const b of ROLES.cc) {
    let t = t0 + r.int(0, 300_000);
    while (t < t0 + span) {
      rec(t, 0.4 + r.next(), 'tcp', b, eph(), '->', CC, 80, 'FSPA_FSPA', 9, 1570, 620, 'flow=From-Botnet-V42-TCP-CC6-Plain-HTTP-Encrypted-Data');
      t += Math.round(300_000 * (0.8 + 0.4 * r.next()));
    }
  }
  // spam: SMTP to hundreds of mail servers, mostly refused or unanswered, some delivered
  for (const b of ROLES.spam) {
    const start = t0 + r.int(0, 3600_000);
    for (let i = 0; i < 260; i++) {
      const t = start + i * r.int(2000, 9000);
      const mx = `${r.pick([64, 65, 66, 74, 98, 205, 209, 216])}.${r.int(1, 254)}.${r.int(0, 255)}.${r.int(1, 254)}`;
      const k = r.next();
      if (k < 0.55) rec(t, 3 + r.next() * 6, 'tcp', b, eph(), '->', mx, 25, 'S_', 3, 186, 186, 'flow=From-Botnet-V42-TCP-Attempt-SPAM');
      else if (k < 0.75) rec(t, 0.2, 'tcp', b, eph(), '->', mx, 25, 'S_RA', 2, 122, 62, 'flow=From-Botnet-V42-TCP-Attempt-SPAM');
      else rec(t, 2 + r.next() * 4, 'tcp', b, eph(), '->', mx, 25, 'FSPA_FSPA', 22, 4200, 3100, 'flow=From-Botnet-V42-TCP-Established-SPAM');
    }
  }
  // click fraud: short HTTP fetches of ad servers, a new site every few seconds
  for (const b of ROLES.clickFraud) {
    const start = t0 + r.int(0, 3600_000);
    for (let i = 0; i < 220; i++) {
      const t = start + i * r.int(1500, 6000);
      rec(t, 0.6, 'tcp', b, eph(), '->', `${r.pick([74, 173, 209, 216])}.${r.int(1, 254)}.${r.int(0, 255)}.${r.int(1, 254)}`, 80, 'FSPA_FSPA', 12, 5200, 1100, 'flow=From-Botnet-V42-TCP-HTTP-Google-Net-Established');
    }
  }
  // scanning: one sweeps 445/tcp across the university's /16, the other walks ports of one host
  {
    const [sweeper, walker] = ROLES.scan as [string, string];
    const start = t0 + 5400_000;
    for (let i = 0; i < 320; i++) {
      const t = start + i * r.int(150, 700);
      const dst = `147.32.${r.int(0, 127)}.${r.int(1, 254)}`;
      rec(t, r.chance(0.8) ? 0 : 2.9, 'tcp', sweeper, eph(), '->', dst, 445, r.chance(0.8) ? 'S_' : 'S_RA', r.chance(0.8) ? 1 : 2, 62, 62, 'flow=From-Botnet-V42-TCP-Attempt');
    }
    const target = '147.32.84.2';
    for (let i = 0; i < 300; i++) {
      const t = start + 600_000 + i * r.int(100, 400);
      rec(t, 0.0003, 'tcp', walker, eph(), '->', target, 1 + ((i * 37) % 1024), 'S_RA', 2, 120, 60, 'flow=From-Botnet-V42-TCP-Attempt');
    }
  }
  // DDoS: Rbot's ICMP flood from three bots at one address, Argus status records every 5 s each
  // holding hundreds of 1 KB echo requests, then a UDP flood at port 80 of the same target
  for (const b of ROLES.ddos) {
    const start = t0 + 7200_000;
    for (let s = 0; s < 120; s++) {
      const t = start + s * 5000 + r.int(0, 400);
      const pk = r.int(300, 600);
      rec(t, 4.99, 'icmp', b, '0x0008', '->', DDOS_TARGET, `0x${r.int(0x100, 0xffff).toString(16).padStart(4, '0')}`, 'ECO', pk, pk * 1066, pk * 1066, 'flow=From-Botnet-V44-ICMP', '0', '');
    }
    for (let s = 0; s < 60; s++) {
      const t = start + 700_000 + s * 5000 + r.int(0, 400);
      const pk = r.int(800, 1500);
      rec(t, 4.99, 'udp', b, eph(), '->', DDOS_TARGET, 80, 'INT', pk, pk * 1066, pk * 1066, 'flow=From-Botnet-V44-UDP-Attempt', '0', '');
    }
  }
  return [HEADER, ...out.sort((a, b) => a.t - b.t).map((x) => x.line)];
}
