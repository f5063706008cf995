// What one connection adds to its source's state (fold.ts): the hosts it reached per service, for
// hostScan, and short connections to login ports, for bruteForce on flow records.
import { ADMIN_PORTS } from './services';
import { connState, synOnly, type LiveEvent } from './eventKind';
import { addString, distinctSize, HOUR, maxTs, minTs, type SrcState } from './foldState';

/** A connection from `s` to a host on service `svc` (-1: ICMP echo): distinct hosts per clock hour, probes, who answered (hostScan). */
export function addHostContact(s: SrcState, svc: number, e: LiveEvent, ts: number | null): void {
  const hosts = (s.hosts ??= new Map());
  let h = hosts.get(svc);
  if (!h) hosts.set(svc, (h = { hosts: new Map(), peak: 0, flows: 0, probes: 0, known: 0, first: null, last: null, answered: null }));
  // distinct hosts in the busiest clock hour: a sweep is fast; a client reaching 100 hosts over a day is not one
  const hour = Math.floor((ts ?? 0) / HOUR);
  const set = addString(h.hosts.get(hour) ?? null, e.dst_ip!);
  h.hosts.set(hour, set);
  h.peak = Math.max(h.peak, distinctSize(set));
  h.flows++;
  // Zeek's state says whether the other side answered: an answered exchange is no probe, however small
  const probe = connState(e.flags) ? synOnly(e.flags) : (e.packets != null && e.packets <= 2) || synOnly(e.flags) || e.action === 'reject';
  if (probe) h.probes++;
  if (e.packets != null || e.flags != null || e.action != null) {
    h.known++;
    // the machines that answered on an admin port: a worm's sweep is mostly refused; spreading is answered
    if (!probe && ADMIN_PORTS.has(svc)) h.answered = addString(h.answered, e.dst_ip!);
  }
  h.first = minTs(h.first, ts);
  h.last = maxTs(h.last, ts);
}

/** A connection from `s` to a login port: short ones (under shortSeconds and shortPackets) per clock hour (bruteForce on flows). */
export function addFlowLogin(s: SrcState, e: LiveEvent, ts: number | null, shortSeconds: number, shortPackets: number): void {
  const k = `${e.dst_ip}|${e.dst_port}`;
  const logins = (s.flowLogin ??= new Map());
  let f = logins.get(k);
  if (!f) logins.set(k, (f = { dst: e.dst_ip ?? '', port: e.dst_port!, flows: 0, short: 0, shortTotal: 0, shortPackets: 0, hours: new Map(), first: null, last: null }));
  f.flows++;
  // the busiest clock hour: hundreds of short connections in one hour is guessing, the same spread over a day is ordinary use
  if ((e.duration ?? 0) < shortSeconds && (e.packets ?? 0) < shortPackets) {
    const h = Math.floor((ts ?? 0) / HOUR);
    const c = (f.hours.get(h) ?? 0) + 1;
    f.hours.set(h, c);
    f.short = Math.max(f.short, c);
    f.shortTotal++;
    f.shortPackets += e.packets ?? 0;
  }
  f.first = minTs(f.first, ts);
  f.last = maxTs(f.last, ts);
}
