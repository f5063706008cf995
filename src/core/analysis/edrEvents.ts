// Process creations as EDR consoles export them, for the same rules as Windows' 4688 and Sysmon 1
// (processEvents.ts) and auditd's EXECVE (linuxRules.ts): Microsoft Defender for Endpoint's
// advanced hunting table DeviceProcessEvents (CSV or JSON from the Defender portal, or Sentinel's
// export of it) and CrowdStrike Falcon's ProcessRollup2 events (Event Search / Splunk export).
// Responders are handed these when a machine's own logs are gone or never had command lines.
import type { HostEvent } from './hostEvents';
import { discoveryCommand, processRules } from './processEvents';

const present = (v: string | undefined | null): string | null => (v === undefined || v === null || v === '' || v === '-' ? null : v);

/** A folder and a file name as one path: Defender's FolderPath holds the whole path for processes, sometimes only the folder. */
function fullPath(folder: string | null, file: string | null): string | null {
  if (!folder) return file;
  if (!file || folder.toLowerCase().endsWith(file.toLowerCase())) return folder;
  return `${folder.replace(/[\\/]+$/, '')}${folder.includes('/') && !folder.includes('\\') ? '/' : '\\'}${file}`;
}

/** CrowdStrike's kernel paths (\Device\HarddiskVolume3\Windows\…) as the drive path a rule reads. */
const volumePath = (p: string | null): string | null => (p ? p.replace(/^\\Device\\HarddiskVolume\d+\\/i, 'C:\\') : null);

/**
 * The process an EDR row records, kept only when it matches a rule or is a reconnaissance command;
 * null when the row is not a process creation of a known EDR export.
 */
export function edrProcess(id: number, f: ReadonlyMap<string, string>, ts: number | null, host: string | null, rowUser: string | null): HostEvent | null {
  const get = (k: string): string | null => present(f.get(k));
  let image: string | null;
  let command: string | null;
  let parent: string | null;
  let computer: string | null;
  let user: string | null;
  let eventId: string;
  if (f.has('ProcessCommandLine')) {
    const action = get('ActionType');
    if (action !== null && action !== 'ProcessCreated') return null;
    image = fullPath(get('FolderPath'), get('FileName'));
    command = get('ProcessCommandLine');
    parent = fullPath(get('InitiatingProcessFolderPath'), get('InitiatingProcessFileName'));
    if (parent && !/[\\/]/.test(parent)) parent = `\\${parent}`;
    computer = get('DeviceName') ?? host;
    // the mapper may have made AccountName the row's user
    const name = get('AccountName') ?? rowUser;
    const domain = get('AccountDomain');
    user = name ? (domain && !name.includes('\\') ? `${domain}\\${name}` : name) : null;
    eventId = 'mde';
  } else if (get('event_simpleName') === 'ProcessRollup2' || get('event_simpleName') === 'SyntheticProcessRollup2') {
    image = volumePath(get('ImageFileName'));
    command = get('CommandLine');
    const p = get('ParentBaseFileName');
    parent = p ? `\\${p}` : null;
    // Falcon Data Replicator's raw events name the sensor (aid), not the machine (that is in aidmaster)
    computer = get('ComputerName') ?? host ?? (get('aid') ? `sensor ${get('aid')}` : null);
    user = get('UserName') ?? rowUser;
    eventId = 'falcon';
  } else return null;
  if (!image && !command) return null;
  const facts = { image, command, parent, linux: (image ?? command ?? '').startsWith('/') };
  const rules = processRules(facts);
  const discovery = rules.length ? null : discoveryCommand(facts);
  if (!rules.length && !discovery) return null;
  return { id, kind: 'process', eventId, ts, computer, user, image, command, parent, rules, discovery };
}
