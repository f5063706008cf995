// Normal network flows in the CIDDS-001 layout: internal clients talking to internal servers and the
// internet (DNS, NTP, HTTP(S), SMB, SSH, RDP, ICMP), each request followed by the server's reply
// flow to the client's ephemeral port (the classic port-scan false positive).
import { benignPublicIp, INTERNAL, internalClient } from './ips';
import { type Rng, Weighted, Zipf } from './rng';
import type { Timed } from './timeline';

export interface FlowEvent extends Timed {
  /** seconds */
  dur: number;
  proto: 'TCP' | 'UDP' | 'ICMP' | 'IGMP';
  src: string;
  sp: number;
  dst: string;
  /** destination port, or ICMP "type.code" */
  dp: number | string;
  pkts: number;
  bytes: number;
  flags: string;
  tos: number;
  cls: 'normal' | 'attacker' | 'victim';
  attackType: string;
  attackId: string;
  attackDesc: string;
  background: boolean;
}

export const NONE = '---';

export function flow(
  ts: number, proto: FlowEvent['proto'], src: string, sp: number, dst: string, dp: number | string, pkts: number, bytes: number, flags: string, dur: number,
  cls: FlowEvent['cls'] = 'normal', attackType = NONE, attackId = NONE, attackDesc = NONE,
): FlowEvent {
  return { ts, dur, proto, src, sp, dst, dp, pkts, bytes, flags, tos: 0, cls, attackType, attackId, attackDesc, background: false };
}

export const ephemeral = (rng: Rng): number => (rng.chance(0.6) ? rng.int(49152, 65535) : rng.int(32768, 60999));

/** The inside servers and what they serve. */
export const SERVERS = {
  dns: `${INTERNAL.servers}3`,
  file: `${INTERNAL.servers}4`,
  web: `${INTERNAL.servers}5`,
  web2: `${INTERNAL.servers}6`,
  mail: `${INTERNAL.servers}7`,
  jump: `${INTERNAL.servers}8`,
  rdp: `${INTERNAL.servers}11`,
  monitor: `${INTERNAL.servers}10`,
} as const;

type Service = 'dns' | 'https' | 'http' | 'smb' | 'ssh' | 'rdp' | 'ntp' | 'icmp' | 'mail' | 'inbound_web';

const SERVICES = new Weighted<Service>([
  ['https', 45], ['http', 14], ['smb', 9], ['ssh', 3], ['rdp', 2], ['mail', 2], ['inbound_web', 9], ['dns', 9], ['ntp', 1.5], ['icmp', 1.6],
]);

const REQ_FLAGS = new Weighted<string>([['.AP.SF', 60], ['.AP...', 20], ['.A....', 10], ['.AP.S.', 6], ['.A...F', 4]]);
const REP_FLAGS = new Weighted<string>([['.AP.SF', 55], ['.AP...', 25], ['.A....', 12], ['.A..SF', 8]]);
const TOS = new Weighted<number>([[0, 90], [32, 5], [192, 2], [16, 3]]);

/** Makes background flows: one row per call, replies queued right behind their requests. */
export class FlowBackground {
  private readonly clients: string[] = [];
  private readonly clientZipf: Zipf;
  private readonly external: string[] = [];
  private readonly extZipf: Zipf;
  private pending: FlowEvent | null = null;

  constructor(private readonly rng: Rng) {
    const seen = new Set<string>();
    while (this.clients.length < 600) {
      const c = internalClient(rng);
      if (!seen.has(c)) {
        seen.add(c);
        this.clients.push(c);
      }
    }
    this.clientZipf = new Zipf(this.clients.length, 0.9, 5);
    for (let i = 0; i < 3000; i++) this.external.push(benignPublicIp(rng));
    this.extZipf = new Zipf(this.external.length, 1.1);
  }

  client(): string {
    return this.clients[this.clientZipf.sample(this.rng)] as string;
  }

  take(ts: number): FlowEvent {
    const p = this.pending;
    if (p) {
      this.pending = null;
      p.ts = Math.max(p.ts, ts);
      return p;
    }
    const rng = this.rng;
    const svc = SERVICES.pick(rng);
    let req: FlowEvent;
    let rep: FlowEvent | null;
    const c = this.client();
    const sp = ephemeral(rng);
    switch (svc) {
      case 'dns': {
        const server = rng.chance(0.9) ? SERVERS.dns : '8.8.8.8';
        req = flow(ts, 'UDP', c, sp, server, 53, 1, rng.int(60, 90), '......', 0);
        rep = flow(ts, 'UDP', server, 53, c, sp, 1, rng.int(90, 320), '......', 0);
        break;
      }
      case 'ntp':
        req = flow(ts, 'UDP', c, 123, SERVERS.dns, 123, 1, 76, '......', 0);
        rep = flow(ts, 'UDP', SERVERS.dns, 123, c, 123, 1, 76, '......', 0);
        break;
      case 'icmp': {
        const dst = rng.chance(0.5) ? this.external[this.extZipf.sample(rng)] as string : rng.pick(Object.values(SERVERS));
        if (rng.chance(0.15)) {
          req = flow(ts, 'ICMP', dst, 0, c, '3.3', 1, rng.int(56, 176), '......', 0);
          rep = null;
        } else {
          const n = rng.chance(0.7) ? 1 : 4;
          req = flow(ts, 'ICMP', c, 0, dst, '8.0', n, 84 * n, '......', n === 1 ? 0 : 3.004);
          rep = flow(ts, 'ICMP', dst, 0, c, '0.0', n, 84 * n, '......', n === 1 ? 0 : 3.003);
        }
        break;
      }
      case 'inbound_web': {
        const ext = this.external[this.extZipf.sample(rng)] as string;
        const port = rng.chance(0.8) ? 443 : 80;
        const server = rng.chance(0.7) ? SERVERS.web : SERVERS.web2;
        const pk = Math.max(2, Math.round(rng.logNormal(9, 0.7)));
        req = flow(ts, 'TCP', ext, ephemeral(rng), server, port, pk, Math.round(rng.logNormal(1200, 0.8)), REQ_FLAGS.pick(rng), +rng.logNormal(0.6, 1.2).toFixed(3));
        const rp = Math.max(2, Math.round(pk * rng.range(1, 2.5)));
        rep = flow(ts, 'TCP', server, port, ext, req.sp, rp, Math.round(rng.logNormal(28000, 1.3)), REP_FLAGS.pick(rng), req.dur);
        break;
      }
      default: {
        let dst: string;
        let dp: number;
        let reqMed = 900;
        let repMed = 5000;
        switch (svc) {
          case 'https':
            dst = this.external[this.extZipf.sample(rng)] as string;
            dp = rng.chance(0.95) ? 443 : 8443;
            reqMed = 1800;
            repMed = 24000;
            break;
          case 'http':
            dst = rng.chance(0.6) ? SERVERS.web : this.external[this.extZipf.sample(rng)] as string;
            dp = rng.chance(0.9) ? 80 : 8080;
            reqMed = 700;
            repMed = 18000;
            break;
          case 'smb':
            dst = SERVERS.file;
            dp = 445;
            reqMed = 3000;
            repMed = 40000;
            break;
          case 'ssh':
            dst = rng.pick([SERVERS.jump, SERVERS.web, SERVERS.file]);
            dp = 22;
            reqMed = 4000;
            repMed = 6000;
            break;
          case 'rdp':
            dst = SERVERS.rdp;
            dp = 3389;
            reqMed = 20000;
            repMed = 150000;
            break;
          default:
            dst = SERVERS.mail;
            dp = rng.pick([25, 587, 993, 143]);
            reqMed = 2500;
            repMed = 6000;
        }
        const pk = Math.max(1, Math.round(rng.logNormal(10, 0.9)));
        const dur = +Math.min(900, rng.logNormal(0.8, 1.6)).toFixed(3);
        req = flow(ts, 'TCP', c, sp, dst, dp, pk, Math.max(40, Math.round(rng.logNormal(reqMed, 1.0))), REQ_FLAGS.pick(rng), dur);
        rep = flow(ts, 'TCP', dst, dp, c, sp, Math.max(1, Math.round(pk * rng.range(0.8, 2.5))), Math.max(40, Math.round(rng.logNormal(repMed, 1.4))), REP_FLAGS.pick(rng), dur);
      }
    }
    req.tos = TOS.pick(rng);
    req.background = true;
    if (rep) {
      rep.tos = req.tos;
      rep.background = true;
      if (rng.chance(0.93)) this.pending = rep;
    }
    return req;
  }
}
