// One scheduled task created on many machines within minutes (4698, from a Windows Event Collector
// or many machines' logs): a Group Policy immediate task or a remote schtasks loop pushing one
// program everywhere, how ransomware crews start their encryptor on a whole domain at once. Software
// rolled out by its installer puts its task's program in Program Files, System32 or SCCM's folder.
import type { HostEvent } from '../hostEvents';
import type { DraftFinding } from '../types';
import { formatTime } from '../../../shared/format';
import { formatList, hostEvidence } from './util';

const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
/** Where installed software keeps the programs its tasks run. */
const INSTALLED = /^"?(?:[A-Z]:\\(?:Program Files(?: \(x86\))?|Windows\\(?:System32|SysWOW64|CCM|ccmsetup|ImmersiveControlPanel))\\|%(?:ProgramFiles(?:\(x86\))?|windir%\\system32|SystemRoot%\\system32)%?\\?)/i;

/** The task's program (its command without arguments). */
const program = (command: string): string => (/^"([^"]+)"/.exec(command)?.[1] ?? command.split(/\s+/)[0] ?? command);

/**
 * @param minMachines hostTampering.minTaskMachines; @param minutes hostTampering.taskPushMinutes
 */
export function taskPushes(minMachines: number, minutes: number, evs: readonly HostEvent[]): DraftFinding[] {
  if (minMachines <= 0) return [];
  const byTask = new Map<string, HostEvent[]>();
  for (const h of evs) if (h.kind === 'task' && h.ts != null && h.command && h.computer && !INSTALLED.test(h.command.trim())) byTask.set(`${h.task}\u0000${program(h.command).toLowerCase()}`, [...(byTask.get(`${h.task}\u0000${program(h.command).toLowerCase()}`) ?? []), h]);
  const out: DraftFinding[] = [];
  for (const hs of byTask.values()) {
    const sorted = [...hs].sort((a, b) => a.ts! - b.ts!);
    // the window starting at each creation with the most machines
    let run: HostEvent[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const w = sorted.filter((h) => h.ts! >= sorted[i]!.ts! && h.ts! <= sorted[i]!.ts! + minutes * 60_000);
      if (new Set(w.map((h) => h.computer!.toLowerCase())).size > new Set(run.map((h) => h.computer!.toLowerCase())).size) run = w;
      if (run.length === sorted.length) break;
    }
    const machines = [...new Set(run.map((h) => h.computer!))];
    if (machines.length < minMachines) continue;
    const h = run[0]!;
    const by = [...new Set(run.map((x) => x.user).filter((u): u is string => !!u))];
    const span = Math.max(1, Math.round((run[run.length - 1]!.ts! - h.ts!) / 60_000));
    out.push({
      detector: 'hostTampering',
      severity: 'high',
      entity: h.task!,
      entityType: 'path',
      key: 'push',
      title: `Scheduled task ${h.task} created on ${machines.length} machines within ${span} min to run ${program(h.command!)}`,
      explanation:
        `The same scheduled task ${h.task} was created on ${machines.length} machines within ${span} min (event 4698, ${iso(h.ts)}: ${formatList(machines, 6)}), each to run ${h.command!.slice(0, 200)}${by.length ? `, created as ${formatList(by, 3)}` : ''}. ` +
        `One task appearing everywhere at once is a push: a Group Policy immediate task or a loop of remote schtasks, what ransomware crews use to start their encryptor on every machine together (MITRE T1484.001, T1053.005); software rolled out by its installer runs its tasks from Program Files, System32 or SCCM's folder, which are not counted. ` +
        `Threshold: ${machines.length} machines within ${minutes} min, at least ${minMachines} (hostTampering.minTaskMachines, hostTampering.taskPushMinutes). ` +
        `Find the GPO or the machine that pushed it (5136 on the domain controllers, 4624 type 3 on the first machine), get ${program(h.command!)} before it runs, and delete the task everywhere.`,
      numbers: { machines: machines.length, task: h.task!, command: h.command!, minutes: span, by: by.join(',') },
      threshold: { metric: 'machines given the task within the window', value: machines.length, threshold: minMachines, setting: 'hostTampering.minTaskMachines' },
      ...hostEvidence(run),
      windowMs: minutes * 60_000,
      score: 0.88,
    });
  }
  return out;
}
