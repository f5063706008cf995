// Host events from Windows event exports (EvtxECmd CSV, Get-WinEvent | Export-Csv, wevtutil XML,
// Winlogbeat) and auditd: an event log cleared (Security 1102, System 104), a service installed
// (System 7045, Security 4697), accounts and groups, DCSync, scheduled tasks (hostTampering judges
// these), processes started (4688, Sysmon 1, PowerShell 4104, auditd EXECVE: processes.ts) and
// Microsoft Defender's own events (antivirus.ts). These rows carry no address, so the fold keeps
// them apart from the per-source state. A service is judged by the
// tell-tales of remote execution (Sigma's "PsExec service", "suspicious service path",
// "Impacket/Metasploit service" rules): PsExec's PSEXESVC, a command line as the image, an image
// in ADMIN$, Temp, Users\Public or ProgramData, or an executable dropped in the Windows folder.

import { DIRECTORY_IDS, directoryEvent } from './directoryEvents';
import { edrProcess } from './edrEvents';
import { FILE_IDS, fileEvent } from './fileEvents';
import { discoveryCommand, processRules, type ProcessRule } from './processEvents';
import { ruleHitOf, type RuleHit } from './ruleHits';

/** One event of interest, with what the detector names. */
export interface HostEvent {
  id: number;
  kind: 'fileWrite' | 'logCleared' | 'service' | 'accountCreated' | 'groupAdd' | 'replication' | 'task' | 'sshLogin' | 'password' | 'sudo' | 'process' | 'antivirus' | 'rule' | 'lockout' | 'directoryChange' | 'serviceStopped' | 'shutdown' | 'netonly' | 'rdpHop';
  eventId: string;
  ts: number | null;
  computer: string | null;
  /** who did it (DOMAIN\user), when the event says */
  user: string | null;
  /** the log cleared (Security, System …) */
  log?: string;
  /** the service installed and its image */
  service?: string;
  image?: string | null;
  account?: string | null;
  /** why the service looks like remote execution (empty: an ordinary install) */
  reasons?: string[];
  /** the account created (4720) or added (4728/4732/4756): its name and SID */
  target?: string | null;
  targetSid?: string | null;
  /** the group it was added to, and whether that group holds administrative rights */
  group?: string;
  privileged?: boolean;
  /** the directory replication rights asked for (4662: DCSync) */
  rights?: string[];
  /** the scheduled task created (4698), its action's command line, and why it looks like persistence */
  task?: string;
  command?: string | null;
  /** a process started (4688, Sysmon 1) or a PowerShell script block (4104): its image is `image`, its command line (or script) `command`; the program that started it, the rules it matched (processEvents.ts) and the reconnaissance command it is */
  parent?: string | null;
  rules?: ProcessRule[];
  /** Microsoft Defender (antivirus.ts): what it saw or had done to it, and the threat's name, severity, category, file, action and the process involved */
  av?: { what: 'detected' | 'remediated' | 'failed' | 'disabled' | 'excluded'; threat: string | null; severity: string | null; category: string | null; path: string | null; action: string | null; process: string | null; setting?: string | null };
  discovery?: string | null;
  /** Linux (linuxEvents.ts): an SSH login's address and method (password, publickey); sudo's command is `command`, its target user `target`, and `privileged` when it edits sudoers */
  ip?: string;
  method?: string;
  /** Linux: the numeric id of an account made (useradd's UID=); 0 is a second root */
  uid?: number;
  /** Linux: sudo refused the command (not in sudoers, not allowed, wrong password) */
  refused?: boolean;
  /** directoryEvents.ts: the machine a lockout (4740) names as the caller; the attribute a 5136 changed (its object is `target`, its value `command`, what it hands out `reasons`); a guarding service (7036/7040, what it guards is `group`) disabled rather than stopped */
  caller?: string | null;
  /** fileEvents.ts (kind fileWrite): the file's name is `target`, its folder `task`, 'note' or 'renamed' `group`, its (new) extension `command`, the writing program `image`; `disabled` when it was deleted */
  attribute?: string;
  disabled?: boolean;
  /** a rule a triage tool (Hayabusa, Chainsaw, Wazuh) matched on this event, at a level worth a finding (ruleHits.ts); a `rule` event has nothing else */
  sigma?: RuleHit;
}

/**
 * Microsoft Defender's own log (Microsoft-Windows-Windows Defender/Operational; System Center
 * Endpoint Protection's "Microsoft Antimalware" alike): a threat detected (1006, 1116), the action
 * taken (1007, 1117) or failed (1008, 1118, 1119), real-time, antispyware or antivirus protection
 * turned off (5001, 5010, 5012), and a setting changed (5007) when the change adds an exclusion.
 * Other providers reuse these numbers: the provider's name must be in the row.
 */
const DEFENDER_IDS = ['1006', '1007', '1008', '1116', '1117', '1118', '1119', '5001', '5007', '5010', '5012'];
const IDS = new Set(['1102', '104', '7045', '4697', '4720', '4728', '4732', '4756', '4662', '4698', '4688', '1', '4104', ...DEFENDER_IDS, ...DIRECTORY_IDS, ...FILE_IDS]);
/** The extended rights a directory replication asks for (DS-Replication-Get-Changes, -All, -In-Filtered-Set): what DCSync uses. */
const REPLICATION_RIGHTS: Readonly<Record<string, string>> = {
  '1131f6aa-9c07-11d1-f79f-00c04fc2dcd2': 'DS-Replication-Get-Changes',
  '1131f6ad-9c07-11d1-f79f-00c04fc2dcd2': 'DS-Replication-Get-Changes-All',
  '89e95b76-444d-4c62-991a-0facbeda640c': 'DS-Replication-Get-Changes-In-Filtered-Set',
};
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Groups whose members administer the machine or the domain (and their well-known SIDs / RIDs). */
const PRIVILEGED = /^(?:Administrators|Domain Admins|Enterprise Admins|Schema Admins|Account Operators|Backup Operators|Server Operators|DnsAdmins|Group Policy Creator Owners|Administratoren|Administrateurs)$/i;
const PRIVILEGED_SID = /^S-1-5-(?:32-(?:544|548|549|551)|21-[\d-]+-(?:512|518|519|520))$/i;
/** Names of the well-known groups by SID (builtin) or RID (domain), for exports that moved the group's name out of the event data. */
const GROUP_BY_SID: Readonly<Record<string, string>> = { '32-544': 'Administrators', '32-548': 'Account Operators', '32-549': 'Server Operators', '32-551': 'Backup Operators', '32-555': 'Remote Desktop Users', '512': 'Domain Admins', '518': 'Schema Admins', '519': 'Enterprise Admins', '520': 'Group Policy Creator Owners' };
const wellKnownGroup = (sid: string | null): string | null => (sid ? (GROUP_BY_SID[/^S-1-5-(32-\d+)$/i.exec(sid)?.[1] ?? /^S-1-5-21-[\d-]+-(\d+)$/i.exec(sid)?.[1] ?? ''] ?? null) : null);
const ID_KEYS = ['EventId', 'EventID', 'Id', 'EventCode', 'event_id', 'code'];

/** Every string field of an export's extra, by its last name segment; EvtxECmd's Payload and EventData's Data lists by @Name. */
function flatten(v: unknown, out: Map<string, string>, depth = 0): void {
  if (depth > 6 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) {
      if (x && typeof x === 'object' && '@Name' in x) {
        const o = x as Record<string, unknown>;
        const t = o['#text'];
        if (typeof o['@Name'] === 'string' && (typeof t === 'string' || typeof t === 'number')) out.set(o['@Name'], String(t));
      } else flatten(x, out, depth + 1);
    }
    return;
  }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const name = k.includes('.') ? k.slice(k.lastIndexOf('.') + 1) : k;
    if (typeof x === 'string') {
      const t = x.trim();
      if (k === 'Payload' && t.startsWith('{')) {
        try {
          flatten(JSON.parse(t), out, depth + 1);
        } catch {
          // not JSON after all: keep as text
        }
      }
      if (!out.has(name)) out.set(name, x);
    } else if (typeof x === 'number') {
      if (!out.has(name)) out.set(name, String(x));
    } else flatten(x, out, depth + 1);
  }
}

const present = (s: string | undefined | null): string | null => {
  const t = s?.trim();
  return t && t !== '-' ? t : null;
};

/** The pattern of each label, compiled once: every row of a Sysmon or Security log asks for a few. */
const LABELS = new Map<string, RegExp>();

/** A labelled line of the message text ("Service File Name:  C:\x.exe"). */
function label(msg: string, name: string): string | null {
  if (!msg) return null;
  let re = LABELS.get(name);
  if (!re) LABELS.set(name, (re = new RegExp(`(?:^|[\\r\\n\\t])\\s*${name}:[ \\t]*([^\\r\\n\\t]+)`, 'i')));
  return present(re.exec(msg)?.[1]);
}

/** PsExec and its clones, Impacket smbexec's default, Metasploit/CrackMapExec names. */
const TOOL_NAMES = /^(?:PSEXESVC|PAExec[-\w]*|RemComSvc|csexecsvc|BTOBTO|winexesvc|xCmdSvc|smbexecsvc)$/i;
const COMMAND_IMAGE = /(?:%COMSPEC%|\bcmd(?:\.exe)?["']?\s+\/[cqk]\b|\bpowershell(?:\.exe)?["']?\s.*(?:-e(?:nc(?:odedcommand)?)?\s|-nop\b|-w(?:indowstyle)?\s+hidden|iex\b|downloadstring|frombase64string)|\bmshta(?:\.exe)?\b|\brundll32(?:\.exe)?\b|\bregsvr32(?:\.exe)?\b|\bcertutil(?:\.exe)?\b|\bbitsadmin(?:\.exe)?\b)/i;
const SHARE_IMAGE = /\\\\[^\\]+\\(?:ADMIN|C|IPC)\$|\\ADMIN\$\\/i;
const ODD_FOLDER = /\\(?:Windows\\)?Temp\\|\\Users\\Public\\|\\AppData\\|\\ProgramData\\|\\PerfLogs\\|\\Recycle/i;
/** Windows Defender installs its kernel drivers from ProgramData (MpKslDrv); Sigma leaves them out too. */
const DEFENDER = /\\ProgramData\\Microsoft\\Windows Defender\\/i;
/** An executable right in the Windows folder, not System32: where PsExec, Impacket psexec and Metasploit drop theirs. */
const WINDOWS_ROOT_EXE = /^"?(?:%SystemRoot%|%windir%|\\SystemRoot|[A-Z]:\\Windows)\\[^\\"\s]+\.exe"?(?:\s|$)/i;

/** Sysmon installs itself as C:\Windows\Sysmon64.exe: the one common service that lives in the Windows folder. */
const SYSMON = /^Sysmon(?:64)?$/i;

/** Why a service install looks like remote execution (Sigma knowledge), or an empty list. */
export function serviceReasons(name: string, image: string | null): string[] {
  const out: string[] = [];
  if (TOOL_NAMES.test(name)) out.push(`the service name ${name} is a remote-execution tool's (PsExec and its clones, Impacket smbexec)`);
  if (image) {
    if (COMMAND_IMAGE.test(image)) out.push('its image is a command line (cmd /c, %COMSPEC%, PowerShell with an encoded or hidden command, a living-off-the-land binary): the way smbexec and Metasploit run one command as a service');
    if (SHARE_IMAGE.test(image)) out.push('its image is on an administrative share (ADMIN$, C$): copied there over SMB');
    if (ODD_FOLDER.test(image) && !DEFENDER.test(image)) out.push('its image is in a folder anyone can write to (Temp, Users\\Public, AppData, ProgramData), where no installer puts a service');
    if (WINDOWS_ROOT_EXE.test(image.trim()) && !out.length && !SYSMON.test(name)) out.push('its image is an executable dropped in the Windows folder itself (not System32), where PsExec, Impacket psexec and Metasploit copy theirs');
  }
  return out;
}

/** Vendors' per-user installs keep their updaters in AppData\Local\Microsoft (OneDrive, Teams) or AppData\Local\Programs (VS Code, Zoom). */
const VENDOR_APPDATA = /\\AppData\\Local\\(?:Microsoft|Programs)\\|%localappdata%\\(?:Microsoft|Programs)\\/i;
const USER_FOLDER = /%(?:temp|tmp|appdata|localappdata|public)%|\\(?:Windows\\)?Temp\\|\\Users\\Public\\|\\AppData\\|\\ProgramData\\|\\PerfLogs\\/i;

/** Why a scheduled task's action looks like an intruder's persistence (Sigma "Suspicious Scheduled Task Creation"), or an empty list. */
export function taskReasons(action: string): string[] {
  const out: string[] = [];
  if (COMMAND_IMAGE.test(action)) out.push('its action is a command line (PowerShell with an encoded or hidden command, cmd /c, mshta, regsvr32, rundll32, certutil, bitsadmin)');
  if (USER_FOLDER.test(action) && !VENDOR_APPDATA.test(action) && !DEFENDER.test(action)) out.push('it runs a program from a folder any user can write to (Temp, Users\\Public, AppData, ProgramData, PerfLogs)');
  return out;
}

/**
 * The host event a row records (its `hev` cell: extra, host and message, a newline between), or
 * null when it is none; with the rule a triage tool matched on it, if any (a `rule` event when
 * Loupe's own readers make nothing of the row).
 */
export function hostEvent(id: number, cell: string, ts: number | null, rowUser: string | null | undefined): HostEvent | null {
  const nl = cell.indexOf('\n');
  const extra = nl >= 0 ? cell.slice(0, nl) : cell;
  const rest = nl >= 0 ? cell.slice(nl + 1) : '';
  const nl2 = rest.indexOf('\n');
  const host = nl2 >= 0 ? rest.slice(0, nl2) : rest;
  const msg = nl2 >= 0 ? rest.slice(nl2 + 1) : '';
  const ev = eventOf(id, extra, host, msg, ts, rowUser);
  const sigma = ruleHitOf(id, extra, msg, ts);
  if (sigma === null) return ev;
  if (ev !== null) return { ...ev, sigma };
  return { id, kind: 'rule', eventId: /"EventID":"(\d+)"/.exec(extra)?.[1] ?? '', ts, computer: present(host), user: present(rowUser), sigma };
}

/** The host event of a `hev` cell's three parts (Loupe's own readers; the rule match is hostEvent's). */
function eventOf(id: number, extra: string, host: string, msg: string, ts: number | null, rowUser: string | null | undefined): HostEvent | null {
  const f = new Map<string, string>();
  try {
    flatten(JSON.parse(extra), f);
  } catch {
    return null;
  }
  if (f.get('type') === 'EXECVE') return execve(id, f, ts, present(host), present(f.get('run_by')) ?? present(rowUser));
  // an EDR console's process table (Defender for Endpoint's DeviceProcessEvents, Falcon's ProcessRollup2)
  if (f.has('ProcessCommandLine') || f.has('event_simpleName')) return edrProcess(id, f, ts, present(host), present(rowUser));
  // osquery's results log (process_events, processes): a command line and the program's path
  if (f.has('cmdline') && f.has('calendarTime')) return osqueryProcess(id, f, ts, present(host), present(rowUser));
  let eventId: string | null = null;
  for (const k of ID_KEYS) {
    const v = present(f.get(k));
    if (v && /^\d+$/.test(v)) {
      eventId = v;
      break;
    }
  }
  if (!eventId || !IDS.has(eventId)) return null;
  const get = (...names: string[]): string | null => {
    for (const n of names) {
      const v = present(f.get(n));
      if (v) return v;
    }
    return null;
  };
  const computer = get('Computer', 'MachineName', 'computer_name', 'ComputerName') ?? present(host);
  const subject = get('SubjectUserName') ?? label(msg, 'Account Name');
  const domain = get('SubjectDomainName') ?? label(msg, 'Account Domain') ?? label(msg, 'Domain Name');
  const user = subject ? (domain && !subject.includes('\\') ? `${domain}\\${subject}` : subject) : (get('UserName') ?? present(rowUser));
  if (DEFENDER_IDS.includes(eventId)) return defenderEvent(id, eventId, extra, msg, { ts, computer, user: get('Detection User', 'User') ?? label(msg, 'User') ?? user }, get);
  if (eventId === '4688' || eventId === '1' || eventId === '4104') return processEvent(id, eventId, f, msg, extra, { ts, computer, user: get('User') ?? (eventId === '1' ? label(msg, 'User') : null) ?? user }, get);
  if (FILE_IDS.includes(eventId)) return fileEvent({ id, eventId, ts, computer, user }, extra, msg, get, label);
  if (DIRECTORY_IDS.includes(eventId)) return directoryEvent({ id, eventId, ts, computer, user }, extra, msg, get, label);
  if (eventId === '1102' || eventId === '104') {
    // other providers reuse these ids: the clearing says so in its fields or text
    const text = `${msg} ${get('MapDescription') ?? ''} ${get('UserData') ?? ''} ${[...f.keys()].join(' ')}`;
    if (!/clear/i.test(text)) return null;
    const log = eventId === '1102' ? 'Security' : (logName(extra, msg) ?? 'System');
    return { id, kind: 'logCleared', eventId, ts, computer, user, log };
  }
  if (eventId === '4720') {
    const created = label(section(msg, 'New Account'), 'Account Name');
    const name = get('TargetUserName', 'SamAccountName') ?? created;
    if (!name) return null;
    const dom = get('TargetDomainName') ?? label(section(msg, 'New Account'), 'Account Domain');
    return { id, kind: 'accountCreated', eventId, ts, computer, user, target: dom && !name.includes('\\') ? `${dom}\\${name}` : name, targetSid: get('TargetSid') ?? label(section(msg, 'New Account'), 'Security ID') };
  }
  if (eventId === '4728' || eventId === '4732' || eventId === '4756') {
    const groupSid = get('TargetSid') ?? label(section(msg, 'Group'), 'Security ID');
    // a JSON export whose user column took TargetUserName (Winlogbeat without user.name) keeps only the group's SID, and its name as the row's user
    const group = get('TargetUserName') ?? label(section(msg, 'Group'), 'Group Name') ?? label(section(msg, 'Group'), 'Account Name') ?? wellKnownGroup(groupSid) ?? present(rowUser);
    if (!group) return null;
    const member = get('MemberName') ?? label(section(msg, 'Member'), 'Account Name');
    const memberSid = get('MemberSid') ?? label(section(msg, 'Member'), 'Security ID');
    const bare = group.includes('\\') ? group.slice(group.lastIndexOf('\\') + 1) : group;
    return { id, kind: 'groupAdd', eventId, ts, computer, user, target: member ? memberName(member) : null, targetSid: memberSid, group: bare, privileged: PRIVILEGED.test(bare) || (groupSid != null && PRIVILEGED_SID.test(groupSid)) };
  }
  if (eventId === '4662') {
    const subjectName = get('SubjectUserName') ?? label(msg, 'Account Name');
    // a domain controller's own account replicates all day: not kept (and DC logs hold thousands)
    if (!subjectName || subjectName.endsWith('$')) return null;
    const props = `${get('Properties') ?? ''} ${msg}`;
    // Event Viewer may print the rights by name instead of GUID
    const named = [...props.matchAll(/DS-Replication-Get-Changes(?:-All|-In-Filtered-Set)?/gi)].map((m) => m[0]);
    const rights = [...new Set([...[...props.matchAll(GUID)].map((m) => REPLICATION_RIGHTS[m[0].toLowerCase()]).filter((r): r is string => !!r), ...named])];
    return rights.length ? { id, kind: 'replication', eventId, ts, computer, user, rights } : null;
  }
  if (eventId === '4698') {
    const task = get('TaskName') ?? label(msg, 'Task Name');
    if (!task) return null;
    const content = `${get('TaskContent') ?? ''}\n${msg}`;
    const command = /<Command>([^<]*)<\/Command>/i.exec(content)?.[1]?.trim() ?? null;
    const args = /<Arguments>([^<]*)<\/Arguments>/i.exec(content)?.[1]?.trim() ?? '';
    const line = command ? `${command}${args ? ` ${args}` : ''}` : null;
    return { id, kind: 'task', eventId, ts, computer, user, task, command: line, reasons: line ? taskReasons(line) : [] };
  }
  const payloadName = get('Name');
  const service = get('ServiceName') ?? label(msg, 'Service Name') ?? (payloadName ? payloadName.replace(/^Name:\s*/, '') : null) ?? /"PayloadData1"\s*:\s*"Name: ([^"]+)"/.exec(extra)?.[1] ?? null;
  if (!service) return null;
  const image = get('ImagePath', 'ServiceFileName', 'ExecutableInfo') ?? label(msg, 'Service File Name');
  const account = get('AccountName', 'ServiceAccount') ?? label(msg, 'Service Account');
  return { id, kind: 'service', eventId, ts, computer, user: eventId === '4697' ? user : null, service, image, account, reasons: serviceReasons(service, image) };
}

/**
 * A process creation (Security 4688, Sysmon 1) or PowerShell script block (4104), kept only when it
 * matches a rule or is a reconnaissance command (a machine starts thousands of processes a day).
 * Sysmon's 1 is told from other providers' 1 by its fields or its provider's name.
 */
function processEvent(
  id: number,
  eventId: string,
  f: ReadonlyMap<string, string>,
  msg: string,
  extra: string,
  at: { ts: number | null; computer: string | null; user: string | null },
  get: (...names: string[]) => string | null,
): HostEvent | null {
  let image: string | null;
  let command: string | null;
  let parent: string | null = null;
  if (eventId === '4104') {
    command = get('ScriptBlockText') ?? (/Creating Scriptblock text \(\d+ of \d+\):\s*([\s\S]*?)(?:\r?\n\s*\r?\nScriptBlock ID:|$)/i.exec(msg)?.[1]?.trim() || null);
    image = 'powershell.exe';
  } else if (eventId === '1') {
    image = get('Image') ?? label(msg, 'Image');
    command = get('CommandLine') ?? label(msg, 'CommandLine');
    if (!image || (!/sysmon/i.test(extra) && !f.has('ParentImage') && !/ParentImage:/.test(msg))) return null;
    parent = get('ParentImage') ?? label(msg, 'ParentImage');
  } else {
    image = get('NewProcessName') ?? label(msg, 'New Process Name');
    command = get('CommandLine') ?? label(msg, 'Process Command Line');
    parent = get('ParentProcessName') ?? label(msg, 'Creator Process Name');
  }
  // EvtxECmd puts the command line in ExecutableInfo when its map leaves it out of the payload
  command ??= get('ExecutableInfo');
  // Sysmon for Linux writes the same event 1 with a Unix image path: the Linux rules judge it
  const facts = { image, command, parent, script: eventId === '4104', linux: image?.startsWith('/') === true };
  const rules = processRules(facts);
  const discovery = rules.length ? null : discoveryCommand(facts);
  if (!rules.length && !discovery) return null;
  return { id, kind: 'process', eventId, ts: at.ts, computer: at.computer, user: at.user, image, command, parent, rules, discovery };
}

/**
 * A Linux auditd EXECVE record (a program run, its arguments a0, a1 … as `ausearch -i` would show
 * them; hex-encoded arguments decoded), kept only when it matches a rule or is a reconnaissance command.
 */
function execve(id: number, f: ReadonlyMap<string, string>, ts: number | null, computer: string | null, user: string | null): HostEvent | null {
  const args: string[] = [];
  const argc = Math.min(64, Number(f.get('argc') ?? 64) || 64);
  for (let i = 0; i < argc; i++) {
    const a = f.get(`a${i}`);
    if (a === undefined) break;
    args.push(auditArg(a));
  }
  if (!args.length) return null;
  const command = args.join(' ');
  const facts = { image: args[0]!, command, parent: null, linux: true };
  const rules = processRules(facts);
  const discovery = rules.length ? null : discoveryCommand(facts);
  if (!rules.length && !discovery) return null;
  return { id, kind: 'process', eventId: 'EXECVE', ts, computer, user, image: args[0]!, command, parent: null, rules, discovery };
}

/** A process osquery saw (process_events, or a processes query), kept only when it matches a rule or is a reconnaissance command. */
function osqueryProcess(id: number, f: ReadonlyMap<string, string>, ts: number | null, computer: string | null, user: string | null): HostEvent | null {
  const command = present(f.get('cmdline'));
  if (!command) return null;
  // the path may have gone to the row's path column: the command's first word stands for it then
  const image = present(f.get('path')) ?? command.split(/\s+/)[0]!;
  // osquery runs on Linux and macOS as on Windows: a Windows path or an .exe says which
  const facts = { image, command, parent: present(f.get('parent_path')), linux: !/\\|\.exe\b/i.test(`${image} ${command}`) };
  const rules = processRules(facts);
  const discovery = rules.length ? null : discoveryCommand(facts);
  if (!rules.length && !discovery) return null;
  return { id, kind: 'process', eventId: 'osquery', ts, computer, user, image, command, parent: facts.parent, rules, discovery };
}

/** auditd writes an argument with spaces, quotes or non-ASCII bytes as bare hex (a1=2D6C61): decoded here. */
function auditArg(a: string): string {
  if (a.length >= 2 && a.length % 2 === 0 && /^[0-9A-F]+$/.test(a)) {
    const text = Buffer.from(a, 'hex').toString('utf8');
    // only when it decodes to text: a bare number such as 1234 stays a number
    if (/^[\t\x20-\x7e\u00a0-\uffff]*$/.test(text) && /[^0-9]/.test(text)) return text;
  }
  return a;
}

/** A Defender event of interest (see DEFENDER_IDS), or null. */
function defenderEvent(
  id: number,
  eventId: string,
  extra: string,
  msg: string,
  at: { ts: number | null; computer: string | null; user: string | null },
  get: (...names: string[]) => string | null,
): HostEvent | null {
  if (!/Defender|Antimalware/i.test(extra) && !/Defender|Antimalware/i.test(msg)) return null;
  const threat = get('Threat Name') ?? label(msg, 'Name');
  const base = { id, kind: 'antivirus' as const, eventId, ts: at.ts, computer: at.computer, user: at.user };
  const facts = {
    threat,
    severity: get('Severity Name') ?? label(msg, 'Severity'),
    category: get('Category Name') ?? label(msg, 'Category'),
    path: (get('Path') ?? label(msg, 'Path'))?.replace(/^file:_/i, '') ?? null,
    action: get('Action Name') ?? label(msg, 'Action'),
    process: get('Process Name') ?? label(msg, 'Process Name'),
  };
  if (eventId === '5001' || eventId === '5010' || eventId === '5012') return { ...base, av: { what: 'disabled', ...facts, setting: eventId === '5001' ? 'real-time protection' : eventId === '5010' ? 'antispyware scanning' : 'antivirus scanning' } };
  if (eventId === '5007') {
    const value = get('New Value') ?? label(msg, 'New value') ?? '';
    const m = /\\Exclusions\\(Paths|Extensions|Processes|IpAddresses)\\(.+?)(?:\s*=\s*0x\d+)?$/i.exec(value);
    return m ? { ...base, av: { what: 'excluded', ...facts, setting: `${m[1]!.toLowerCase()}: ${m[2]!}` } } : null;
  }
  if (!threat) return null;
  const what = eventId === '1006' || eventId === '1116' ? 'detected' : eventId === '1007' || eventId === '1117' ? 'remediated' : 'failed';
  return { ...base, av: { what, ...facts } };
}

/** The part of a message after a heading line ("New Account:", "Member:", "Group:"), up to the next heading. */
function section(msg: string, heading: string): string {
  const m = new RegExp(`(?:^|[\\r\\n])\\s*${heading}:\\s*[\\r\\n]([\\s\\S]*?)(?:[\\r\\n]\\s*[A-Z][\\w ]*:\\s*(?:[\\r\\n]|$)|$)`).exec(msg);
  return m?.[1] ?? '';
}

/** A member as a name: CN=bob,OU=… is bob. */
const memberName = (m: string): string => /^CN=((?:\\,|[^,])+)/i.exec(m)?.[1]?.replace(/\\,/g, ',') ?? m;

/** The log a 104 cleared: its Channel in the event data, or the message ("The System log file was cleared"). */
function logName(extra: string, msg: string): string | null {
  const m = /The (.+?) log file was cleared/i.exec(msg);
  if (m) return m[1]!;
  // the event's own Channel is System; the cleared one is in LogFileCleared's (UserData)
  return present(/LogFileCleared[^}]*?Channel\\?"\s*:\s*\\?"([^"\\]+)/.exec(extra)?.[1]);
}

/** Events kept per part: a log with more than this many is summarised by the first ones. */
export const HOST_EVENTS = 5000;
export { bulkEvent } from './fileEvents';
