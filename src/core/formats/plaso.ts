// Plaso's timelines (log2timeline / psort: the `dynamic` CSV and the older `l2tcsv`): a super
// timeline of everything on a disk image, where each Windows event log record is one row whose
// message reads `[4625 / 0x1211] Source Name: … Strings: ['S-1-0-0', '-', …] Computer Name: DC01
// Record Number: … Event Level: …`. The event's fields are only that list of strings, in the order
// of the event's template: for the Security and System events the detectors judge (logons,
// Kerberos, processes, services, accounts, the log cleared) they are named here by position, so
// those rows read like an EvtxECmd export's. Other rows (files, registry, browser history) stay
// the timeline they are. Fills empty cells only; the message stays whole.
import type { CellValue, CleaningCounters } from './types';
import { C } from './cols';
import { cleanCell } from './clean';
import type { TimeContext } from './time';
import { logonAction, logonWorkstation } from './windows';

export interface PlasoFields {
  /** positions of the message (psort's `message`, l2tcsv's `desc`) */
  message: number;
}

/** Where a header keeps plaso's message; null when it is not a plaso timeline. */
export function plasoFields(norm: readonly string[]): PlasoFields | null {
  // psort's dynamic output: datetime,timestamp_desc,source,source_long,message,parser,display_name,tag
  if (norm.includes('timestampdesc') && norm.includes('message') && (norm.includes('parser') || norm.includes('sourcelong'))) return { message: norm.indexOf('message') };
  // l2tcsv: date,time,timezone,MACB,source,sourcetype,type,user,host,short,desc,version,filename,inode,notes,format,extra
  if (norm.includes('macb') && norm.includes('sourcetype') && norm.includes('desc')) return { message: norm.indexOf('desc') };
  return null;
}

/** The Security and System event templates' field names, in order (the strings plaso lists). */
const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  '4624': ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'TargetUserSid', 'TargetUserName', 'TargetDomainName', 'TargetLogonId', 'LogonType', 'LogonProcessName', 'AuthenticationPackageName', 'WorkstationName', 'LogonGuid', 'TransmittedServices', 'LmPackageName', 'KeyLength', 'ProcessId', 'ProcessName', 'IpAddress', 'IpPort'],
  '4625': ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'TargetUserSid', 'TargetUserName', 'TargetDomainName', 'Status', 'FailureReason', 'SubStatus', 'LogonType', 'LogonProcessName', 'AuthenticationPackageName', 'WorkstationName', 'TransmittedServices', 'LmPackageName', 'KeyLength', 'ProcessId', 'ProcessName', 'IpAddress', 'IpPort'],
  '4648': ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'LogonGuid', 'TargetUserName', 'TargetDomainName', 'TargetLogonGuid', 'TargetServerName', 'TargetInfo', 'ProcessId', 'ProcessName', 'IpAddress', 'IpPort'],
  '4768': ['TargetUserName', 'TargetDomainName', 'TargetSid', 'ServiceName', 'ServiceSid', 'TicketOptions', 'Status', 'TicketEncryptionType', 'PreAuthType', 'IpAddress', 'IpPort'],
  '4769': ['TargetUserName', 'TargetDomainName', 'ServiceName', 'ServiceSid', 'TicketOptions', 'TicketEncryptionType', 'IpAddress', 'IpPort', 'Status', 'LogonGuid', 'TransmittedServices'],
  '4771': ['TargetUserName', 'TargetSid', 'ServiceName', 'TicketOptions', 'Status', 'PreAuthType', 'IpAddress', 'IpPort'],
  '4776': ['PackageName', 'TargetUserName', 'Workstation', 'Status'],
  '4688': ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'NewProcessId', 'NewProcessName', 'TokenElevationType', 'ProcessId', 'CommandLine', 'TargetUserSid', 'TargetUserName', 'TargetDomainName', 'TargetLogonId', 'ParentProcessName', 'MandatoryLabel'],
  '4697': ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'ServiceName', 'ServiceFileName', 'ServiceType', 'ServiceStartType', 'ServiceAccount'],
  '7045': ['ServiceName', 'ImagePath', 'ServiceType', 'StartType', 'AccountName'],
  '4720': ['TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId'],
  '4728': ['MemberName', 'MemberSid', 'TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId'],
  '4732': ['MemberName', 'MemberSid', 'TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId'],
  '4756': ['MemberName', 'MemberSid', 'TargetUserName', 'TargetDomainName', 'TargetSid', 'SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId'],
  '4698': ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'TaskName', 'TaskContent'],
  '1102': ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId'],
  '4104': ['MessageNumber', 'MessageTotal', 'ScriptBlockText', 'ScriptBlockId', 'Path'],
};

/** `[4625 / 0x1211]` (plaso since 2015), or `[0x00001211]` (older releases) */
const HEAD = /^\[(?:(\d{1,5}) \/ )?0x([0-9a-f]{1,8})\]/i;
const STRINGS = /\bStrings: \[/;
const COMPUTER = /\bComputer Name: (\S+)/;
const SOURCE = /\bSource Name: (.+?)(?= (?:Message string|Strings|Computer Name|Record Number|Event Level|User SID|XML string):|$)/;
const RECORD = /\bRecord Number: (\d+)/;
/** One Python string literal in plaso's list: quoted with ' or ", backslash escapes. */
const LITERAL = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/y;

/**
 * The strings of `Strings: [...]`, as the event wrote them, or null. Plaso writes the list as
 * Python shows it: when a backslash is doubled anywhere, escapes are undone (`\\` is one backslash);
 * otherwise a backslash is a path's, kept as it is.
 */
export function plasoStrings(message: string): string[] | null {
  const m = STRINGS.exec(message);
  if (m === null) return null;
  const escaped = message.includes('\\\\');
  const unescape = (t: string): string => (escaped ? t.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c.length === 3 ? String.fromCharCode(parseInt(c.slice(1), 16)) : c)) : t.replace(/\\(['"])/g, '$1'));
  const out: string[] = [];
  let i = m.index + m[0].length;
  for (;;) {
    while (i < message.length && (message[i] === ' ' || message[i] === ',')) i++;
    if (i >= message.length) return null;
    if (message[i] === ']') return out;
    LITERAL.lastIndex = i;
    const lit = LITERAL.exec(message);
    if (lit === null) return null;
    out.push(unescape(lit[1] ?? lit[2] ?? ''));
    i = LITERAL.lastIndex;
  }
}

const absent = (v: string): boolean => v === '' || v === '-' || v === '%%' || v === 'NULL SID';

/** Reads one plaso row's Windows event (by its message) into `row` (empty cells only) and extra, under Windows' names. */
export function plasoFill(p: PlasoFields, values: readonly string[], n: number, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
  const message = p.message < n ? values[p.message]! : '';
  const head = HEAD.exec(message);
  if (head === null) return;
  const id = head[1] ?? String(parseInt(head[2]!, 16) & 0xffff);
  const extra: Record<string, string> = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
  extra.EventID = id;
  const computer = COMPUTER.exec(message)?.[1];
  if (computer !== undefined) extra.Computer = computer;
  const source = SOURCE.exec(message)?.[1];
  if (source !== undefined && row[C.program] === null) row[C.program] = source;
  const rec = RECORD.exec(message)?.[1];
  if (rec !== undefined) extra.EventRecordID = rec;
  const names = TEMPLATES[id];
  const strings = names ? plasoStrings(message) : null;
  const fields = new Map<string, string>();
  if (names && strings) names.forEach((name, i) => i < strings.length && !absent(strings[i]!) && fields.set(name, strings[i]!));
  for (const [k, v] of fields) if (!(k in extra)) extra[k] = v;
  // the Eventlog provider's 1102 and 104 are the log cleared: their UserData element says so, which plaso does not print
  if ((id === '1102' || id === '104') && /^Microsoft-Windows-Eventlog$/i.test(source ?? '')) extra.UserData = 'LogFileCleared';
  row[C.extra] = JSON.stringify(extra);
  const ip = fields.get('IpAddress')?.replace(/^::ffff:/i, '');
  if (row[C.src_ip] === null && ip !== undefined && ip !== '::1' && ip !== '127.0.0.1') row[C.src_ip] = cleanCell(C.src_ip, ip, counters, time, row);
  const port = fields.get('IpPort');
  if (row[C.src_port] === null && port !== undefined && port !== '0') row[C.src_port] = cleanCell(C.src_port, port, counters, time, row);
  const user = fields.get('TargetUserName');
  // plaso keeps no keywords: NTLM validation (4776) fails or passes by its status
  const status = fields.get('Status');
  const action = id === '4776' && status !== undefined ? (/^0x0+$/i.test(status) ? 'auth_success' : 'auth_failure') : logonAction(id, null);
  if (action !== null) {
    row[C.action] = action;
    if (user !== undefined) row[C.user] = user;
    // the machine that logged the logon is where the source got in
    if (computer !== undefined) row[C.host] = computer;
    // NTLM through a workstation logs no address: the workstation stands for it
    const ws = fields.get('WorkstationName') ?? fields.get('Workstation');
    if (row[C.src_ip] === null && ws !== undefined) row[C.src_ip] = logonWorkstation(`"WorkstationName": "${ws}"`, computer ?? null);
  } else if (row[C.user] === null && (user ?? fields.get('SubjectUserName')) !== undefined) row[C.user] = user ?? fields.get('SubjectUserName')!;
}
