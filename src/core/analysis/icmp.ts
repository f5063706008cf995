// ICMP echo traffic from inside hosts to outside addresses, per destination: ping carries a small
// fixed payload (32 bytes from Windows, 56 from Linux and most monitors), so echo requests that
// carry hundreds of bytes each, megabytes in all, to one outside host are a tunnel (icmptunnel,
// ptunnel-ng, Hans, icmpsh): data or a shell riding on pings where TCP is filtered.

/** Echo requests from one source to one destination. */
export interface IcmpAcc { bytes: number; packets: number; flows: number; first: number | null; last: number | null }

/** Outside destinations kept per source (a sweep of the internet is a scan, not a tunnel). */
export const ICMP_PEERS = 64;

/** Echo requests of one inside source to one outside destination, with packet counts. */
export interface IcmpRow { src: string; dst: string; bytes: number; packets: number; flows: number; first: number | null; last: number | null }

export function addEcho(m: Map<string, IcmpAcc>, dst: string, bytes: number, packets: number, ts: number | null): void {
  let a = m.get(dst);
  if (!a) {
    if (m.size >= ICMP_PEERS) return;
    m.set(dst, (a = { bytes: 0, packets: 0, flows: 0, first: null, last: null }));
  }
  a.bytes += bytes;
  a.packets += packets;
  a.flows++;
  if (ts != null) {
    if (a.first === null || ts < a.first) a.first = ts;
    if (a.last === null || ts > a.last) a.last = ts;
  }
}
