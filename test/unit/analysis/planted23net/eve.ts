// Suricata eve.json as the sensor writes it: alert, flow, dns, tls events mixed in one file, each
// with flow_id; a flow record's bytes are split into bytes_toserver and bytes_toclient. An outsider
// pulls 4 GB from an inside server over SSH: the data is in the answers, bytes_toclient.
import { rng } from '../planted7flows/rng';

const T0 = Date.UTC(2026, 2, 2) / 1000;
export const SERVER = '10.20.5.33';
export const THIEF = '203.0.113.77';
const CLIENTS = Array.from({ length: 30 }, (_, i) => `10.20.10.${i + 1}`);
const WEB = Array.from({ length: 40 }, (_, i) => `151.101.1.${60 + i}`);
const r = rng(2323);
const iso = (ts: number): string => new Date(ts * 1000).toISOString().replace('Z', '000+0000');
const fid = (): number => r.int(1e14, 2e15);

function flow(ts: number, src: string, dst: string, dport: number, app: string | null, toServer: number, toClient: number, dur: number): [number, string] {
  const e: Record<string, unknown> = { timestamp: iso(ts + dur + 60), flow_id: fid(), in_iface: 'ens192', event_type: 'flow', src_ip: src, src_port: r.int(49152, 65535), dest_ip: dst, dest_port: dport, proto: 'TCP' };
  if (app) e.app_proto = app;
  e.flow = { pkts_toserver: Math.floor(toServer / 1200) + 1, pkts_toclient: Math.floor(toClient / 1200) + 1, bytes_toserver: toServer, bytes_toclient: toClient, start: iso(ts), end: iso(ts + dur), age: Math.floor(dur), state: 'closed', reason: 'timeout', alerted: false };
  e.tcp = { tcp_flags: '1b', tcp_flags_ts: '1b', tcp_flags_tc: '1b', syn: true, fin: true, psh: true, ack: true, state: 'closed' };
  return [ts + dur + 60, JSON.stringify(e)];
}

function browsing(): [number, string][] {
  const out: [number, string][] = [];
  for (const c of CLIENTS)
    for (let i = 0; i < 60; i++) {
      const ts = T0 + 8 * 3600 + r.next() * 10 * 3600;
      const dst = r.pick(WEB);
      const id = fid();
      out.push([ts, JSON.stringify({ timestamp: iso(ts), flow_id: id, in_iface: 'ens192', event_type: 'dns', src_ip: c, src_port: r.int(49152, 65535), dest_ip: '10.20.0.53', dest_port: 53, proto: 'UDP', dns: { type: 'query', id: r.int(1, 65535), rrname: 'www.bbc.co.uk', rrtype: 'A', tx_id: 0, opcode: 0 } })]);
      out.push([ts + 0.05, JSON.stringify({ timestamp: iso(ts + 0.05), flow_id: id + 1, in_iface: 'ens192', event_type: 'tls', src_ip: c, src_port: r.int(49152, 65535), dest_ip: dst, dest_port: 443, proto: 'TCP', tls: { subject: 'CN=www.bbc.co.uk', issuerdn: 'C=US, O=DigiCert Inc, CN=DigiCert TLS RSA SHA256 2020 CA1', sni: 'www.bbc.co.uk', version: 'TLS 1.3', ja3: { hash: 'cd08e31494f9531f560d64c695473da9' } }, app_proto: 'tls' })]);
      out.push(flow(ts + 0.05, c, dst, 443, 'tls', r.int(800, 9000), r.int(4000, 600_000), r.next() * 60));
    }
  // a low-priority stream event firing on ordinary traffic all day
  for (let i = 0; i < 2000; i++) {
    const ts = T0 + 8 * 3600 + r.next() * 10 * 3600;
    out.push([ts, JSON.stringify({ timestamp: iso(ts), flow_id: fid(), in_iface: 'ens192', event_type: 'alert', src_ip: r.pick(CLIENTS), src_port: r.int(49152, 65535), dest_ip: r.pick(WEB), dest_port: 443, proto: 'TCP', alert: { action: 'allowed', gid: 1, signature_id: 2210020, rev: 2, signature: 'SURICATA STREAM ESTABLISHED packet out of window', category: 'Generic Protocol Command Decode', severity: 3 }, app_proto: 'tls', direction: 'to_server', flow: { pkts_toserver: 12, pkts_toclient: 15, bytes_toserver: 2200, bytes_toclient: 16000, start: iso(ts - 3) } })]);
  }
  return out;
}

/** The pull began at 02:00: Suricata writes each session's record after it ends, 40 minutes later. */
export const PULL_START = T0 + 2 * 3600;

/** Four SSH sessions from the outsider, each answered with about 1 GB over 40 minutes: 4 GB in the server's answers. */
function pull(): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 0; i < 4; i++) out.push(flow(PULL_START + i * 2700, THIEF, SERVER, 22, 'ssh', r.int(2_000_000, 4_000_000), r.int(990_000_000, 1_050_000_000), 2400));
  return out;
}

export const lines = (): string[] => [...browsing(), ...pull()].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
