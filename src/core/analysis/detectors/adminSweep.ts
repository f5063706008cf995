// Which detector reports an inside host's connections to remote-administration ports: hostScan
// and lateralMovement apply the same rules here, so each actor gets one finding, not two that
// contradict each other (a "host scan" beside a "lateral movement" for the same worm).
import { ADMIN_PORTS } from '../services';
import type { HostRow } from '../types';
import { ipScope } from '../net';

/** The remote-administration service of a host row ('SMB', 'RDP' …), or undefined. */
export const adminService = (svc: string): string | undefined => (svc === 'icmp' ? undefined : ADMIN_PORTS.get(Number(svc)));

/** Share of a row's flows that looked like probes; without packet/flag/action columns, hostScan's stand-in. */
export function probeShare(r: HostRow, minHosts: number): number {
  return r.known > 0 ? r.probes / r.known : r.svc === 'icmp' || Math.max(r.hosts, r.total) >= 4 * minHosts ? 1 : 0;
}

export interface SweepLimits { minHosts: number; spanHosts: number; minProbeShare: number }

/** hostScan's test of one row: many hosts in an hour (or over the log) with probe-like flows. */
export function isSweep(r: HostRow, l: SweepLimits): boolean {
  if (r.hosts < l.minHosts && r.total < l.spanHosts) return false;
  return probeShare(r, l.minHosts) >= l.minProbeShare;
}

/** A sweep of some other service too (web, databases, ping): a general network scan, which hostScan reports. */
export const generalScan = (rows: readonly HostRow[], l: SweepLimits): boolean => rows.some((r) => adminService(r.svc) === undefined && isSweep(r, l));

/**
 * A row lateralMovement looks at: an inside source on an admin service, not revisiting its hosts on
 * a schedule (more than maxContactsPerHost contacts per host: monitoring, deployment), and reaching
 * at least minHosts hosts. lateralMovement reports every source with such a row, as spread or as
 * reconnaissance, unless the source is a general scan.
 */
export const lateralRow = (r: HostRow, maxContactsPerHost: number): boolean =>
  adminService(r.svc) !== undefined && ipScope(r.ip) === 'internal' && r.flows / Math.max(1, r.total) <= maxContactsPerHost;
