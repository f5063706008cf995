// One account going machine to machine by Remote Desktop within minutes, each session opened from a
// different address (4624 type 10 kept as `rdpHop` by the fold): an intruder hopping on with a
// stolen password, each hop from the machine reached before. An administrator working from the
// jump host or their own desk opens their sessions from one or two addresses, and is not reported.
import type { HostEvent } from '../hostEvents';
import type { DraftFinding } from '../types';
import { bareAccount } from '../windowsLogons';
import { formatTime } from '../../../shared/format';
import { hostEvidence } from './util';

const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));

/** The run of `hs` (time order) no longer than `minutes` with the most machines. */
function busiest(hs: readonly HostEvent[], minutes: number): HostEvent[] {
  let best: HostEvent[] = [];
  let size = 0;
  for (let i = 0; i < hs.length; i++) {
    const run = hs.filter((h) => h.ts! >= hs[i]!.ts! && h.ts! <= hs[i]!.ts! + minutes * 60_000);
    const n = new Set(run.map((h) => (h.computer ?? '').toLowerCase())).size;
    if (n > size) [best, size] = [run, n];
    if (run.length === hs.length) break;
  }
  return best;
}

/**
 * @param minHosts hostTampering.rdpHopHosts; @param minSources hostTampering.rdpHopSources; @param minutes hostTampering.rdpHopMinutes
 */
export function rdpHops(minHosts: number, minSources: number, minutes: number, evs: readonly HostEvent[]): DraftFinding[] {
  if (minHosts <= 0) return [];
  const byUser = new Map<string, HostEvent[]>();
  for (const h of evs) if (h.kind === 'rdpHop' && h.ts != null && h.user && h.computer) byUser.set(bareAccount(h.user), [...(byUser.get(bareAccount(h.user)) ?? []), h]);
  const out: DraftFinding[] = [];
  for (const hs of byUser.values()) {
    if (hs.length < minHosts) continue;
    const run = busiest([...hs].sort((a, b) => a.ts! - b.ts!), minutes);
    const machines = [...new Set(run.map((h) => h.computer!))];
    const sources = [...new Set(run.map((h) => h.ip!))];
    if (machines.length < minHosts || sources.length < minSources) continue;
    const user = run[0]!.user!;
    const span = Math.max(1, Math.round((run[run.length - 1]!.ts! - run[0]!.ts!) / 60_000));
    const path = run.slice(0, 8).map((h) => `${h.ip} → ${h.computer} (${iso(h.ts)})`);
    out.push({
      detector: 'hostTampering',
      severity: 'medium',
      entity: user,
      entityType: 'user',
      key: 'rdpHops',
      title: `${user} opened Remote Desktop sessions on ${machines.length} machines from ${sources.length} addresses within ${span} min`,
      explanation:
        `${user} logged on by Remote Desktop (4624 logon type 10) to ${machines.length} machines within ${span} min, each session opened from another address: ${path.join('; ')}${run.length > 8 ? `; and ${run.length - 8} more` : ''}. ` +
        `An intruder with a stolen password hops by RDP from each machine reached to the next (MITRE T1021.001), so the sessions come from ever new addresses; an administrator works from the jump host or their own desk, from one or two addresses. ` +
        `Threshold: ${machines.length} machines from ${sources.length} addresses within ${minutes} min, at least ${minHosts} machines (hostTampering.rdpHopHosts) from ${minSources} addresses (hostTampering.rdpHopSources) within hostTampering.rdpHopMinutes. ` +
        `It is medium because an administrator chaining sessions through servers looks the same: ask ${user}'s owner, and if it was not them, reset the password and read what ran in each session (4688, Sysmon 1, 4778/4779 for reconnections).`,
      numbers: { machines: machines.length, sources: sources.length, minutes: span, path: machines.join(',') },
      threshold: { metric: 'machines reached by RDP within the window', value: machines.length, threshold: minHosts, setting: 'hostTampering.rdpHopHosts' },
      ...hostEvidence(run),
      windowMs: minutes * 60_000,
      score: 0.6,
    });
  }
  return out;
}
