// Encryption under way on one machine: a ransom note of one name dropped in folder after folder, or
// documents given one new extension (report.docx.lockbit), within minutes (fileEvents.ts reads them
// from Sysmon 11/23/26 and 4663). An archive tool or installer unpacking readme files is no note.
import type { HostEvent } from '../hostEvents';
import type { DraftFinding } from '../types';
import { formatTime } from '../../../shared/format';
import { formatList, hostEvidence, hostNumbers } from './util';

const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
/** Programs that write readme files by the folder: archive tools, installers, version control. */
const UNPACKER = /\\(?:7z|7zG|7zFM|WinRAR|Rar|UnRAR|unzip|tar|bsdtar|git|msiexec|TiWorker|TrustedInstaller|setup|install[\w-]*|Explorer)\.exe$/i;

/** The run of `hs` (in time order) no longer than `minutes` with the most distinct `key`s, with the rest of its window. */
function densest(hs: readonly HostEvent[], minutes: number, key: (h: HostEvent) => string): HostEvent[] {
  let best = 0;
  let start = 0;
  let i = 0;
  const counts = new Map<string, number>();
  for (let j = 0; j < hs.length; j++) {
    counts.set(key(hs[j]!), (counts.get(key(hs[j]!)) ?? 0) + 1);
    while (hs[j]!.ts! - hs[i]!.ts! > minutes * 60_000) {
      const k = key(hs[i]!);
      const n = counts.get(k)! - 1;
      if (n) counts.set(k, n);
      else counts.delete(k);
      i++;
    }
    if (counts.size > best) [best, start] = [counts.size, i];
  }
  return hs.length ? hs.filter((h) => h.ts! >= hs[start]!.ts! && h.ts! <= hs[start]!.ts! + minutes * 60_000) : [];
}

/** One finding per machine and note name or new extension that crossed its threshold. */
export function encryption(minNoteFolders: number, minRenamed: number, minutes: number, evs: readonly HostEvent[]): DraftFinding[] {
  const groups = new Map<string, HostEvent[]>();
  for (const h of evs) {
    if (h.kind !== 'fileWrite' || h.ts == null || h.disabled || (h.group === 'note' && UNPACKER.test(h.image ?? ''))) continue;
    const k = `${h.computer ?? ''}\u0000${h.group}\u0000${(h.group === 'note' ? h.target! : h.command!).toLowerCase()}`;
    groups.set(k, [...(groups.get(k) ?? []), h]);
  }
  const out: DraftFinding[] = [];
  for (const [k, all] of groups) {
    const [host, what, name] = k.split('\u0000') as [string, 'note' | 'renamed', string];
    const note = what === 'note';
    const min = note ? minNoteFolders : minRenamed;
    if (min <= 0) continue;
    const run = densest([...all].sort((a, b) => a.ts! - b.ts!), minutes, (h) => (note ? h.task! : `${h.task}\\${h.target}`).toLowerCase());
    const count = new Set(run.map((h) => (note ? h.task! : `${h.task}\\${h.target}`).toLowerCase())).size;
    if (count < min) continue;
    const machine = host || 'an unnamed machine';
    const users = [...new Set(run.map((h) => h.user).filter((u): u is string => !!u))];
    const images = [...new Set(run.map((h) => h.image).filter((u): u is string => !!u))];
    const span = Math.max(1, Math.round((run[run.length - 1]!.ts! - run[0]!.ts!) / 60_000));
    const shown = note ? run[0]!.target! : name;
    out.push({
      detector: 'ransomStaging',
      severity: 'critical',
      entity: machine,
      entityType: 'host',
      key: `${what}:${name}`,
      title: note ? `Ransom note ${shown} written in ${count} folders on ${machine} within ${span} min` : `${count} files given the new extension ${shown} on ${machine} within ${span} min`,
      explanation:
        (note
          ? `${machine} wrote a file named ${shown} in ${count} different folders within ${span} min (${iso(run[0]!.ts)} to ${iso(run[run.length - 1]!.ts)}; ${formatList([...new Set(run.map((h) => h.task!))], 4)}). A note of one name dropped in folder after folder is how ransomware tells its victims how to pay, written as it encrypts each folder (MITRE T1486). `
          : `${machine} wrote ${count} files whose name kept its document extension and gained a new one, ${shown}, within ${span} min (${iso(run[0]!.ts)} to ${iso(run[run.length - 1]!.ts)}; ${formatList(run.slice(0, 3).map((h) => `${h.task}\\${h.target}`), 3)}). Ransomware writes each file's encrypted copy under its old name plus its own extension and deletes the original (MITRE T1486); downloads, temporary and backup copies (.crdownload, .tmp, .bak, .1) are not counted. `) +
        `Written by ${formatList(images, 3) || 'a program the export does not name'}${users.length ? ` as ${formatList(users, 3)}` : ''}. ` +
        `Threshold: ${count} ${note ? 'folders' : 'files'} within ${minutes} min, at least ${min} (ransomStaging.${note ? 'minNoteFolders' : 'minRenamed'}, ransomStaging.windowMinutes)${note ? '; archive tools and installers unpacking readme files are not counted' : ''}. ` +
        `Encryption is under way or done: take ${machine} off the network now (do not shut it down: keys may still be in memory), find the program and the account that ran it, and which other machines the account reached.`,
      numbers: { ...hostNumbers(host), [note ? 'folders' : 'files']: count, [note ? 'note' : 'extension']: shown, users: users.join(','), images: images.join(',') },
      threshold: { metric: note ? 'folders given the note' : 'files given the extension', value: count, threshold: min, setting: `ransomStaging.${note ? 'minNoteFolders' : 'minRenamed'}` },
      ...hostEvidence(run),
      windowMs: minutes * 60_000,
      score: 0.97,
    });
  }
  return out;
}
