// Ransomware's staging on one machine: the services that would save the data (backup agents, shadow
// copies, databases holding their files open, mail stores, antivirus) stopped or disabled within
// minutes (System 7036, 7040), told with what the same machine logged around it that completes the
// picture (shadow copies deleted or recovery turned off, logs cleared). A reboot stops services too:
// stops next to a shutdown (1074, 6006) are the reboot's, unless the service was also disabled.
import type { HostEvent } from '../hostEvents';
import type { DetectorDef, DraftFinding } from '../types';
import { formatTime } from '../../../shared/format';
import { formatList, hostEvidence, hostNumbers } from './util';
import { encryption } from './encryptedFiles';

const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
const machine = (h: HostEvent): string => h.computer ?? 'an unnamed machine';

export const ransomStaging: DetectorDef = {
  name: 'ransomStaging',
  title: 'Ransomware staging',
  description:
    'Reads Windows System logs (EvtxECmd CSV, Export-Csv, XML, Winlogbeat) for the services that guard data (backup agents, shadow copies, databases, mail stores, antivirus) stopped or disabled on one machine within minutes (7036, 7040): at least minServices services of at least minKinds kinds within windowMinutes, what ransomware does before it encrypts. Stops beside a shutdown or restart (1074, 6006) are the reboot\'s and do not count unless the service was also disabled; a database restarted on patch night or shadow copies idling out stay quiet. Also ransom notes of one name dropped in many folders (minNoteFolders) or documents given one new extension (minRenamed) within windowMinutes on one machine (Sysmon 11/23, 4663), critical; an archive or installer writing readme files is not counted. The stops are critical when the same machine deleted shadow copies, turned recovery off or cleared a log within contextMinutes.',
  settings: [
    { key: 'minServices', default: 4, description: 'guarding services (backup, shadow copies, database, mail, antivirus) stopped or disabled on one machine within windowMinutes' },
    { key: 'minKinds', default: 2, description: 'kinds of guarding service among them (a database\'s own services restarted together are one kind)' },
    { key: 'windowMinutes', default: 10, description: 'minutes within which the stops fall; also how near a shutdown (1074, 6006) a stop is the reboot\'s' },
    { key: 'minNoteFolders', default: 10, description: 'folders on one machine given a file of the same ransom-note name (README, HOW_TO_DECRYPT, RESTORE-MY-FILES …) within windowMinutes (Sysmon 11, 4663)' },
    { key: 'minRenamed', default: 20, description: 'documents on one machine given the same second, new extension (report.docx.lockbit) within windowMinutes' },
    { key: 'contextMinutes', default: 60, description: 'minutes around the stops within which shadow copies deleted, recovery turned off or logs cleared on the same machine make the finding critical' },
  ],
  needs: ['hostEvents'],
  incremental: false,
  detect(ctx) {
    const minServices = ctx.num('minServices');
    const minKinds = ctx.num('minKinds');
    const minutes = ctx.num('windowMinutes');
    const context = ctx.num('contextMinutes') * 60_000;
    const evs = ctx.agg.hostEvents;
    const byHost = new Map<string, HostEvent[]>();
    for (const h of evs) if ((h.kind === 'serviceStopped' || h.kind === 'shutdown') && h.ts != null) byHost.set(machine(h), [...(byHost.get(machine(h)) ?? []), h]);
    const out: DraftFinding[] = encryption(ctx.num('minNoteFolders'), ctx.num('minRenamed'), minutes, evs);
    for (const [host, hs] of byHost) {
      const downs = hs.filter((h) => h.kind === 'shutdown').map((h) => h.ts!);
      const rebooting = (t: number): boolean => downs.some((d) => Math.abs(d - t) <= minutes * 60_000);
      const stops = hs.filter((h) => h.kind === 'serviceStopped' && (h.disabled || !rebooting(h.ts!))).sort((a, b) => a.ts! - b.ts!);
      const run = densest(stops, minutes);
      const services = [...new Set(run.map((h) => h.service!))];
      const kinds = [...new Set(run.map((h) => h.group!))];
      if (minServices <= 0 || services.length < minServices || kinds.length < minKinds) continue;
      const from = run[0]!.ts!;
      const to = run[run.length - 1]!.ts!;
      const near = (h: HostEvent): boolean => machine(h) === host && h.ts != null && h.ts >= from - context && h.ts <= to + context;
      const inhibit = evs.filter((h) => near(h) && h.kind === 'process' && h.rules?.some((r) => r.id === 'recovery'));
      const cleared = evs.filter((h) => near(h) && h.kind === 'logCleared');
      const disabled = [...new Set(run.filter((h) => h.disabled).map((h) => h.service!))];
      const span = Math.max(1, Math.round((to - from) / 60_000));
      const also = [
        ...inhibit.slice(0, 3).map((h) => `“${(h.command ?? h.image ?? '').slice(0, 120)}” run${h.user ? ` by ${h.user}` : ''} (${h.eventId}, ${iso(h.ts)})`),
        ...cleared.slice(0, 2).map((h) => `the ${h.log} log cleared${h.user ? ` by ${h.user}` : ''} (${h.eventId}, ${iso(h.ts)})`),
      ];
      out.push({
        detector: 'ransomStaging',
        severity: also.length ? 'critical' : 'high',
        entity: host,
        entityType: 'host',
        title: `${services.length} backup, database and security services stopped on ${host} within ${span} min${also.length ? ', with recovery removed' : ''}`,
        explanation:
          `${host} stopped ${services.length} services that guard its data within ${span} min (${iso(from)} to ${iso(to)}): ${formatList(services, 8)} (${formatList(kinds, 5)})${disabled.length ? `, and set ${formatList(disabled, 4)} to disabled so ${disabled.length > 1 ? 'they stay' : 'it stays'} off after a restart` : ''}. ` +
          `Ransomware stops backup agents, shadow copies, databases and mail stores (whose open files it could not otherwise encrypt) and the antivirus before it encrypts (Conti, LockBit and Ryuk kill lists; MITRE T1489, T1562.001); updates stop one product's services, a reboot stops them all but logs its shutdown (1074, 6006), which none of these stops is next to. ` +
          (also.length ? `Within ${ctx.num('contextMinutes')} min the same machine also logged ${also.join('; ')}: recovery taken away before encryption (T1490, T1070.001). ` : '') +
          `Threshold: ${services.length} services of ${kinds.length} kinds within ${minutes} min, at least ${minServices} (ransomStaging.minServices) of ${minKinds} kinds (ransomStaging.minKinds) within ransomStaging.windowMinutes. ` +
          `Isolate ${host} from the network now, find who was logged on to it just before ${iso(from)} (4624, 4648) and which other machines that account reached, and check the backups are still there and offline.`,
        numbers: { ...hostNumbers(host), services: services.length, kinds: kinds.join(','), disabled: disabled.length, minutes: span, recoveryRemoved: inhibit.length, logsCleared: cleared.length },
        threshold: { metric: 'guarding services stopped within the window', value: services.length, threshold: minServices, setting: 'ransomStaging.minServices' },
        ...hostEvidence([...run, ...inhibit, ...cleared]),
        windowMs: minutes * 60_000,
        score: also.length ? 0.95 : 0.85,
      });
    }
    return out;
  },
};

/** The run of stops no longer than `minutes` with the most distinct services. */
function densest(stops: readonly HostEvent[], minutes: number): HostEvent[] {
  let best: HostEvent[] = [];
  let size = 0;
  let i = 0;
  for (let j = 0; j < stops.length; j++) {
    while (stops[j]!.ts! - stops[i]!.ts! > minutes * 60_000) i++;
    const run = stops.slice(i, j + 1);
    const n = new Set(run.map((h) => h.service)).size;
    if (n > size) [best, size] = [run, n];
  }
  // and the rest of its window: a service disabled after it was stopped adds no name, but it is part of the story
  return best.length ? stops.filter((h) => h.ts! >= best[0]!.ts! && h.ts! <= best[0]!.ts! + minutes * 60_000) : best;
}
