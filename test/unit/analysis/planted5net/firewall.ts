// pfSense filterlog (as syslog lines) for round 5: internet background noise blocked at the WAN,
// the published web server and VPN, a resolver's lookups, an office admin's SSH sessions, and the
// planted incidents (a one-port-a-minute scan for a day, SSH guessing seen only as passed connections).
import { rng } from '../../../../src/core/model/forest';

export const WAN = '203.0.113.10';
const DAY = Date.UTC(2026, 2, 9);

/** One filterlog line (IPv4; TCP with flags, or UDP). */
function filterlog(r: () => number, ts: number, rule: string, tracker: string, action: 'pass' | 'block', dir: 'in' | 'out', src: string, dst: string, sp: number, dp: number, proto: 'tcp' | 'udp', len: number, ttl: number): string {
  const d = new Date(ts);
  const mon = 'Mar';
  const time = `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
  const id = 1 + Math.floor(r() * 65534);
  const body =
    proto === 'tcp'
      ? `${rule},,,${tracker},igb0,match,${action},${dir},4,0x0,,${ttl},${id},0,DF,6,tcp,${len},${src},${dst},${sp},${dp},0,S,${1 + Math.floor(r() * 4e9)},,64240,,mss;sackOK;TS;nop;wscale`
      : `${rule},,,${tracker},igb0,match,${action},${dir},4,0x0,,${ttl},${id},0,none,17,udp,${len},${src},${dst},${sp},${dp},${len - 28}`;
  return `${time} fw01 filterlog[41230]: ${body}`;
}

interface Line { ts: number; text: string }

export function benign(): Line[] {
  const r = rng(11);
  const out: Line[] = [];
  const at = (h0: number, h1: number): number => DAY + (h0 + r() * (h1 - h0)) * 3_600_000;
  const common = [22, 23, 80, 443, 445, 3389, 8080, 1433, 3306, 5900, 6379, 8443, 21, 25, 53, 5060];
  const firsts = [45, 80, 89, 91, 103, 141, 162, 179, 185, 193, 194, 195];
  const ip = (a: number): string => `${a}.${1 + Math.floor(r() * 254)}.${1 + Math.floor(r() * 254)}.${1 + Math.floor(r() * 254)}`;
  // internet noise: 300 sources, one to four blocked probes each
  for (let i = 0; i < 300; i++) {
    const src = ip(firsts[Math.floor(r() * firsts.length)]!);
    for (let k = 0, n = 1 + Math.floor(r() * 4); k < n; k++) { const ts = at(0, 24); out.push({ ts, text: filterlog(r, ts, '5', '1000000103', 'block', 'in', src, WAN, 1024 + Math.floor(r() * 64000), common[Math.floor(r() * common.length)]!, 'tcp', 40, 241) }); }
  }
  // the published web server and the VPN
  for (let k = 0; k < 2000; k++) { const ts = at(6, 23); out.push({ ts, text: filterlog(r, ts, '12', '1000001570', 'pass', 'in', ip(1 + Math.floor(r() * 222)), WAN, 1024 + Math.floor(r() * 64000), r() < 0.75 ? 443 : 1194, 'tcp', 60, 52) }); }
  // the resolver's lookups upstream
  for (let k = 0; k < 1000; k++) { const ts = at(0, 24); out.push({ ts, text: filterlog(r, ts, '1', '1000000101', 'pass', 'out', '10.0.0.53', r() < 0.5 ? '9.9.9.9' : '1.1.1.1', 1024 + Math.floor(r() * 64000), 53, 'udp', 70, 63) }); }
  // an admin's SSH sessions from the office
  for (let k = 0; k < 12; k++) { const ts = at(8, 18); out.push({ ts, text: filterlog(r, ts, '14', '1000001600', 'pass', 'in', '198.51.100.20', WAN, 32768 + Math.floor(r() * 28000), 22, 'tcp', 60, 55) }); }
  return out;
}

/** 185.156.73.91: one new port a minute, in random order, for 22 hours, all blocked. */
export function slowScan(): Line[] {
  const r = rng(12);
  const ports = Array.from({ length: 65535 }, (_, i) => i + 1);
  for (let i = ports.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [ports[i], ports[j]] = [ports[j]!, ports[i]!]; }
  return ports.slice(0, 1320).map((p, j) => { const ts = DAY + 3_600_000 + j * 60_000 + Math.floor(r() * 20_000); return { ts, text: filterlog(r, ts, '5', '1000000103', 'block', 'in', '185.156.73.91', WAN, 40000 + (j % 20000), p, 'tcp', 40, 243) }; });
}

/** 45.135.232.9: 480 passed connections to SSH in 72 minutes (the server's own log was not collected). */
export function sshGuessing(): Line[] {
  const r = rng(13);
  return Array.from({ length: 480 }, (_, j) => { const ts = DAY + 13 * 3_600_000 + j * 9000 + Math.floor(r() * 4000); return { ts, text: filterlog(r, ts, '14', '1000001600', 'pass', 'in', '45.135.232.9', WAN, 32768 + Math.floor(r() * 28000), 22, 'tcp', 60, 50) }; });
}

export const filterlogLines = (...sets: Line[][]): string[] => sets.flat().sort((a, b) => a.ts - b.ts).map((l) => l.text);
