// Packet floods in aggregated flow records: Argus status records, NetFlow/IPFIX with an active
// timeout and firewall sessions count a ping or UDP flood as a few records of thousands of packets
// each, so counting records per minute (bursts) never sees it. The fold adds up, per source and
// destination, the packets of one-way records (echo requests, and records nobody answered: Argus
// INT/REQ, Zeek S0, bare SYNs), spread over the minutes each record lasted.

import type { DraftFinding } from './types';
import { connection, synOnly, type LiveEvent } from './eventKind';
import { ipScope } from './net';
import { count, formatList, overSpan, qv, scoreOver } from './detectors/util';

/** Packets of a record below which it is left out (a bare SYN, a ping): record-rate tests see those. */
export const FLOOD_RECORD_PACKETS = 50;
/** A record of many packets nobody answered: echo requests (`icmp`), Argus INT/REQ or `S_`, Zeek S0, bare SYNs. */
export const oneWayRecord = (e: LiveEvent, icmp: boolean): boolean => (e.packets ?? 0) >= FLOOD_RECORD_PACKETS && connection(e.action) && (icmp || synOnly(e.flags));

/** Destinations and minutes kept per source. */
const FLOOD_DSTS = 16;
const FLOOD_MINUTES = 720;
/** Minutes one record's packets are spread over at most (a day-long record is no flood minute). */
const SPREAD_MINUTES = 60;

export interface PacketFloodAcc { minutes: Map<number, number>; packets: number; records: number; proto: string; port: number | null; first: number | null; last: number | null }

/** Packets of one source's one-way records to one destination: their busiest minutes. */
export interface PacketFloodRow { src: string; dst: string; proto: string; port: number | null; packets: number; records: number; peak: number; peakMinute: number; minutes: [number, number][]; first: number | null; last: number | null }

/** Collectors that receive one-way UDP streams by design (syslog, NetFlow/IPFIX/sFlow): no flood. */
const COLLECTOR_PORTS = new Set([514, 2055, 2056, 4739, 6343, 9995, 9996]);

/** Multicast and broadcast destinations: streams to them are one-way by design. */
const GROUP_DST = /^(?:22[4-9]|23\d|255)\.|\.255$|^ff[0-9a-f]{2}:/i;

export function addFloodPackets(m: Map<string, PacketFloodAcc>, dst: string, proto: string, port: number | null, packets: number, ts: number, durationSeconds: number | null): void {
  if (port !== null && COLLECTOR_PORTS.has(port)) return;
  if (GROUP_DST.test(dst)) return;
  let a = m.get(dst);
  if (!a) {
    if (m.size >= FLOOD_DSTS) return;
    m.set(dst, (a = { minutes: new Map(), packets: 0, records: 0, proto, port, first: null, last: null }));
  }
  a.packets += packets;
  a.records++;
  if (a.port !== port) a.port = null;
  const first = Math.floor(ts / 60_000);
  const span = Math.max(1, Math.min(SPREAD_MINUTES, Math.ceil(Math.max(0, durationSeconds ?? 0) / 60)));
  const each = packets / span;
  for (let k = 0; k < span; k++) {
    const min = first + k;
    if (a.minutes.size >= FLOOD_MINUTES && !a.minutes.has(min)) break;
    a.minutes.set(min, (a.minutes.get(min) ?? 0) + each);
  }
  if (a.first === null || ts < a.first) a.first = ts;
  const end = ts + Math.max(0, durationSeconds ?? 0) * 1000;
  if (a.last === null || end > a.last) a.last = end;
}

export function floodPacketRows(src: string, m: ReadonlyMap<string, PacketFloodAcc>): PacketFloodRow[] {
  const out: PacketFloodRow[] = [];
  for (const [dst, a] of m) {
    let peak = 0;
    let peakMinute = 0;
    for (const [min, n] of a.minutes) if (n > peak) [peak, peakMinute] = [n, min];
    const minutes = [...a.minutes].map(([min, n]): [number, number] => [min, Math.round(n)]).sort((x, y) => x[0] - y[0]);
    out.push({ src, dst, proto: a.proto, port: a.port, packets: a.packets, records: a.records, peak: Math.round(peak), peakMinute, minutes, first: a.first, last: a.last });
  }
  return out;
}

/**
 * The packet floods among the rows: a source whose one-way records to one destination carried at
 * least `perMinute` packets a minute for `minMinutes` minutes. Other sources flooding the same
 * destination in the same minutes are named (a distributed flood, each source still its own finding).
 */
export function packetFloodFindings(rows: readonly PacketFloodRow[], perMinute: number, minMinutes: number): DraftFinding[] {
  const hot = rows
    .map((r) => ({ r, fast: r.minutes.filter(([, n]) => n >= perMinute) }))
    .filter((x) => x.fast.length >= minMinutes);
  const byDst = new Map<string, typeof hot>();
  for (const x of hot) (byDst.get(x.r.dst) ?? byDst.set(x.r.dst, []).get(x.r.dst)!).push(x);
  const out: DraftFinding[] = [];
  for (const { r, fast } of hot) {
    const what = r.proto === 'ICMP' || r.proto === 'ICMP6' || r.proto === 'IPV6-ICMP' ? 'ICMP echo requests' : r.proto === 'TCP' ? 'TCP packets of connections never answered (SYNs)' : `${r.proto} packets nobody answered`;
    const target = r.port != null ? `${r.dst}:${r.port}` : r.dst;
    const others = (byDst.get(r.dst) ?? []).filter((o) => o.r.src !== r.src && o.fast.some(([m]) => fast.some(([n]) => Math.abs(m - n) <= 5)));
    const inFast = fast.reduce((a, [, n]) => a + n, 0);
    const at = r.peakMinute * 60_000;
    out.push({
      detector: 'bursts',
      severity: r.peak >= 5 * perMinute || others.length > 0 || fast.length >= 5 * minMinutes ? 'high' : 'medium',
      entity: r.src,
      entityType: 'ip',
      title: `Packet flood from ${r.src} to ${target}: ${count(r.peak)} ${r.proto} packets in one minute${others.length ? `, with ${count(others.length)} other source(s)` : ''}`,
      explanation:
        `${r.src} (${ipScope(r.src)}) sent ${target} ${count(r.packets)} ${what} in ${count(r.records)} flow records ${overSpan(r.first, r.last)}; ${count(fast.length)} minute(s) carried ${count(perMinute)} or more (${count(Math.round(inFast))} packets in them), ${count(r.peak)} in the busiest. ` +
        `The exporter aggregated them into few records (Argus status records, a NetFlow active timeout), so the rate is in their packet counts, not in the number of records. Nobody answering that many packets (echo requests, Argus INT/REQ, Zeek S0, bare SYNs) is a ping or UDP flood or a SYN flood: a denial of service aimed at ${r.dst}. ` +
        (others.length ? `In the same minutes ${formatList(others.map((o) => o.r.src), 8)} flooded ${r.dst} too: a distributed flood (a botnet's DDoS), one finding per source. ` : '') +
        `Thresholds: ${count(perMinute)} packets a minute (bursts.floodPacketsPerMinute) in ${minMinutes} minute(s) or more (bursts.floodPacketMinutes); high at 5x, with other sources, or for ${5 * minMinutes} minutes. ` +
        `A benign cause would be a load or bandwidth test (iperf over UDP, ping -f) run on purpose; streams to syslog, NetFlow/IPFIX/sFlow collectors and to multicast or broadcast addresses are not counted.`,
      numbers: { peakPacketsPerMinute: r.peak, floodMinutes: fast.length, packets: r.packets, records: r.records, target, ...(others.length ? { otherSources: others.map((o) => o.r.src).slice(0, 50).join(',') } : {}) },
      threshold: { metric: 'one-way packets in one minute to one destination', value: r.peak, threshold: perMinute, setting: 'bursts.floodPacketsPerMinute' },
      windowMs: 60_000,
      firstSeen: r.first,
      lastSeen: r.last,
      query: `src_ip:${qv(r.src)} dst_ip:${qv(r.dst)} ts:${at}..${at + 59_999}`,
      score: scoreOver(r.peak, perMinute),
    });
  }
  return out;
}
