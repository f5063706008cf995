// Round 9 flows: one link seen by two sensors. Zeek's conn.log (TSV, stamped at the connection's
// start) and the firewall's PAN-OS traffic export (stamped when the session ended) of the same
// connections; and nfdump CSVs from two routers on one path. Planted: an exfiltration and a port
// scan both sensors saw; beside them two genuinely different connections that reuse one source port.
import { connLog, type Conn } from '../planted5net/zeek';
import { nfdumpLines, panLines, type Flow } from '../planted4net/logs';

export const T0 = Date.UTC(2026, 2, 9) / 1000;
export const EXFIL = '10.1.5.23';
export const EXFIL_DST = '193.29.56.12';
export const SCANNER = '10.1.5.66';
export const REUSER = '10.1.5.30';

/** The day's connections, as the link carried them. */
export function linkDay(): Conn[] {
  const out: Conn[] = [];
  // browsing from twenty workstations: small TLS sessions
  for (let i = 0; i < 20; i++)
    for (let k = 0; k < 40; k++)
      out.push({ ts: T0 + 8 * 3600 + i * 37 + k * 600 + (k % 7), o: `10.1.5.${100 + i}`, op: 49152 + ((i * 40 + k) % 16000), r: `151.101.${1 + (k % 4)}.69`, rp: 443, proto: 'tcp', svc: 'ssl', dur: 2 + (k % 5), ob: 900 + k * 13, rb: 40_000 + k * 977, state: 'SF', hist: 'ShADadFf', opk: 12, rpk: 40 });
  // planted: 24 uploads of 250 MB to one outside address, one every five minutes
  for (let k = 0; k < 24; k++) out.push({ ts: T0 + 21 * 3600 + k * 300, o: EXFIL, op: 51000 + k, r: EXFIL_DST, rp: 443, proto: 'tcp', svc: 'ssl', dur: 290, ob: 250_000_000, rb: 1_500_000, state: 'SF', hist: 'ShADadFf', opk: 180000, rpk: 40000 });
  // planted: a SYN scan of 300 ports of the file server, refused
  for (let p = 1; p <= 300; p++) out.push({ ts: T0 + 3 * 3600 + p * 0.5, o: SCANNER, op: 40000, r: '10.1.2.10', rp: p, proto: 'tcp', svc: '-', dur: 0, ob: 0, rb: 0, state: 'REJ', hist: 'Sr', opk: 1, rpk: 1 });
  return out;
}

/** Trap: two 300 MB uploads from the same source port ten minutes apart, each seen by one sensor only. */
export const reuseZeek = (): Conn[] => [{ ts: T0 + 10 * 3600, o: REUSER, op: 50001, r: '52.95.120.10', rp: 443, proto: 'tcp', svc: 'ssl', dur: 120, ob: 300_000_000, rb: 90_000, state: 'SF', hist: 'ShADadFf', opk: 210000, rpk: 9000 }];
export const reusePan = (): Conn[] => [{ ts: T0 + 10 * 3600 + 600, o: REUSER, op: 50001, r: '52.95.120.10', rp: 443, proto: 'tcp', svc: 'ssl', dur: 120, ob: 300_000_000, rb: 90_000, state: 'SF', hist: 'ShADadFf', opk: 210000, rpk: 9000 }];

/** The firewall's view: PAN-OS writes a session when it ends (receive time = start + elapsed). */
export function panOf(conns: readonly Conn[]): string[] {
  const flows: Flow[] = conns.map((c) => ({ ts: Math.round((c.ts + c.dur) * 1000), proto: 'TCP', src: c.o, sp: c.op, dst: c.r, dp: c.rp, pkts: c.opk, bytes: c.ob, rbytes: c.rb, rpkts: c.rpk, dur: c.dur, refused: c.state === 'REJ' }));
  return panLines(flows.sort((a, b) => a.ts - b.ts));
}

export const zeekOf = (conns: readonly Conn[]): string[] => connLog([...conns]);

/** One router's nfdump -o csv of the connections (client side only, as a unidirectional exporter writes them); `skewMs` its clock's offset. */
export function nfdumpOf(conns: readonly Conn[], skewMs: number): string[] {
  const flows: Flow[] = conns.map((c) => ({ ts: Math.round(c.ts * 1000) + skewMs, proto: 'TCP', src: c.o, sp: c.op, dst: c.r, dp: c.rp, pkts: c.opk, bytes: c.ob, dur: c.dur, refused: c.state === 'REJ' }));
  return nfdumpLines(flows.sort((a, b) => a.ts - b.ts));
}

export const DUMPER = '10.1.5.60';
export const DB = '10.1.2.20';
export const BACKUP = '10.1.2.50';
export const COPIER = '10.1.5.61';

/** Inside pulls (Zeek's resp_bytes): a workstation dumping 3 GB from the SQL server; traps: a backup server pulling from six servers over SMB, a user copying 700 MB from the file share. */
export function insidePulls(): Conn[] {
  const out: Conn[] = [];
  for (let k = 0; k < 12; k++) out.push({ ts: T0 + 22 * 3600 + k * 240, o: DUMPER, op: 52000 + k, r: DB, rp: 1433, proto: 'tcp', svc: '-', dur: 230, ob: 9_000, rb: 250_000_000, state: 'SF', hist: 'ShADadFf', opk: 2000, rpk: 170000 });
  for (let sv = 0; sv < 6; sv++) for (let k = 0; k < 10; k++) out.push({ ts: T0 + 3600 + sv * 900 + k * 60, o: BACKUP, op: 53000 + sv * 10 + k, r: `10.1.2.${10 + sv}`, rp: 445, proto: 'tcp', svc: 'smb', dur: 58, ob: 400_000, rb: 100_000_000, state: 'SF', hist: 'ShADadFf', opk: 20000, rpk: 70000 });
  out.push({ ts: T0 + 11 * 3600, o: COPIER, op: 54001, r: '10.1.2.10', rp: 445, proto: 'tcp', svc: 'smb', dur: 90, ob: 200_000, rb: 700_000_000, state: 'SF', hist: 'ShADadFf', opk: 9000, rpk: 480000 });
  return out;
}
