// Hayabusa's timelines (csv-timeline and json-timeline, every profile): Windows events that
// matched a Sigma or Hayabusa rule, one row each, with the rule's title and level beside the
// event's id, channel and machine. The event's own fields are not columns: Hayabusa writes them in
// `Details` (and `ExtraFieldInfo` / `AllFieldInfo`) as `Key: value ¦ Key: value`, with its own short
// names (SrcIP, TgtUser, Cmdline …), or as an object in the JSON timeline. They are read back here
// under the names Windows gives them (IpAddress, TargetUserName, CommandLine …), so the logon,
// process, service, account and Defender readers that judge EvtxECmd or XML exports judge
// Hayabusa's rows too; the rule and its level go to extra as `sigma_rule` / `sigma_level`
// (detectors/ruleMatches.ts). Fills empty cells only; Details stays whole in the message.
import type { CellValue, CleaningCounters } from './types';
import { C } from './cols';
import { cleanCell } from './clean';
import type { TimeContext } from './time';

export interface HayabusaFields {
  title: number;
  level: number;
  eventId: number;
  computer: number;
  /** positions of the `Key: value ¦ …` cells (Details, ExtraFieldInfo, AllFieldInfo) */
  texts: number[];
  /** JSON timeline: positions of flattened `Details.Key` fields and their keys */
  flat: { at: number; key: string }[];
}

const TEXT_FIELDS = new Set(['details', 'extrafieldinfo', 'allfieldinfo']);
const FLAT = /^(?:Details|ExtraFieldInfo|AllFieldInfo)\.(.+)$/;

/** Where a header (field names and their normalised forms) keeps Hayabusa's columns; null when it is not Hayabusa's timeline. */
export function hayabusaFields(fields: readonly string[], norm: readonly string[]): HayabusaFields | null {
  const title = norm.indexOf('ruletitle');
  const level = norm.indexOf('level');
  const eventId = norm.indexOf('eventid');
  const computer = norm.indexOf('computer');
  if (title < 0 || level < 0 || eventId < 0 || computer < 0) return null;
  const texts: number[] = [];
  const flat: { at: number; key: string }[] = [];
  norm.forEach((n, i) => {
    if (TEXT_FIELDS.has(n)) texts.push(i);
    const m = FLAT.exec(fields[i]!);
    if (m !== null) flat.push({ at: i, key: m[1]! });
  });
  if (texts.length === 0 && flat.length === 0) return null;
  return { title, level, eventId, computer, texts, flat };
}

/** Hayabusa's levels, as its profiles abbreviate them, in full. */
const LEVELS: Readonly<Record<string, string>> = {
  crit: 'critical', critical: 'critical', high: 'high', med: 'medium', medium: 'medium', low: 'low', info: 'informational', informational: 'informational', emerg: 'critical', emergency: 'critical',
};
export function hayabusaLevel(text: string): string | null {
  return LEVELS[text.trim().toLowerCase()] ?? null;
}

/** `Key: value ¦ Key: value` (Hayabusa's separator is the broken bar, U+00A6) as pairs; a part with no key joins the value before it. */
export function detailPairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of text.split(/\s*\u00a6\s*/)) {
    const m = /^([A-Za-z][\w.-]{0,63}):(?:\s|$)([\s\S]*)$/.exec(part);
    if (m !== null) out.push([m[1]!, m[2]!.trim()]);
    else if (out.length > 0 && part !== '') out[out.length - 1]![1] += ` \u00a6 ${part}`;
  }
  return out;
}

const LOGON_IDS = new Set(['4624', '4625', '4634', '4647', '4648', '4768', '4769', '4770', '4771', '4776', '4778', '4779', '528', '529', '540']);
const SERVICE_IDS = new Set(['7045', '4697']);
const GROUP_IDS = new Set(['4728', '4732', '4756', '4729', '4733', '4757']);
const DEFENDER_IDS = new Set(['1006', '1007', '1008', '1116', '1117', '1118', '1119']);

/** Hayabusa's short names for the fields Windows names, whatever the event. */
const ALIAS: Readonly<Record<string, string>> = {
  SrcIP: 'IpAddress', SrcPort: 'IpPort', TgtIP: 'DestinationIp', TgtPort: 'DestinationPort', Proto: 'Protocol',
  SrcComp: 'WorkstationName', SrcHost: 'SourceHostname', TgtHost: 'DestinationHostname',
  TgtUser: 'TargetUserName', TgtDom: 'TargetDomainName', TgtSID: 'TargetUserSid', SrcUser: 'SubjectUserName', SrcDom: 'SubjectDomainName',
  Cmdline: 'CommandLine', ParentCmdline: 'ParentCommandLine', ScriptBlock: 'ScriptBlockText',
  AuthPkg: 'AuthenticationPackageName', LID: 'TargetLogonId',
};

/** The Windows name of one of Hayabusa's keys for this event id (some short names mean different fields in different events). */
function windowsName(key: string, id: string): string {
  if (key === 'Type' && LOGON_IDS.has(id)) return 'LogonType';
  if (key === 'Proc') return id === '4688' ? 'NewProcessName' : DEFENDER_IDS.has(id) ? 'Process Name' : 'Image';
  if (key === 'ParentProc' || key === 'ParentImage') return id === '4688' ? 'ParentProcessName' : 'ParentImage';
  if (SERVICE_IDS.has(id)) {
    if (key === 'Svc' || key === 'Name') return 'ServiceName';
    if (key === 'Path') return 'ImagePath';
    if (key === 'Acct' || key === 'Account') return 'AccountName';
  }
  if (GROUP_IDS.has(id)) {
    if (key === 'User' || key === 'Member') return 'MemberName';
    if (key === 'SID') return 'MemberSid';
    if (key === 'Group') return 'TargetUserName';
  }
  if (id === '4698') {
    if (key === 'Name') return 'TaskName';
    if (key === 'Content') return 'TaskContent';
  }
  if (DEFENDER_IDS.has(id)) {
    if (key === 'Threat') return 'Threat Name';
    if (key === 'Severity') return 'Severity Name';
    if (key === 'Type') return 'Category Name';
    if (key === 'User') return 'Detection User';
  }
  if (key === 'Svc') return 'ServiceName';
  return ALIAS[key] ?? key;
}

/** A value that stands for nothing. */
const absent = (v: string): boolean => v === '' || v === '-' || v === 'N/A' || v === 'n/a' || v === '(null)';

/**
 * Reads one Hayabusa row's details into `row` (empty cells only) and into extra under Windows'
 * names, with the rule's title and level as `sigma_rule` / `sigma_level`.
 */
export function hayabusaFill(h: HayabusaFields, values: readonly string[], n: number, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
  const at = (i: number): string => (i >= 0 && i < n ? values[i]! : '');
  const id = at(h.eventId).trim();
  const fields = new Map<string, string>();
  const put = (key: string, v: string): void => {
    if (absent(v)) return;
    const name = windowsName(key, id);
    if (!fields.has(name)) fields.set(name, v);
  };
  for (const i of h.texts) for (const [k, v] of detailPairs(at(i))) put(k, v);
  for (const f of h.flat) put(f.key, at(f.at).trim());
  const cell = (col: number, v: string | undefined): void => {
    if (v !== undefined && row[col] === null) row[col] = cleanCell(col, v, counters, time, row);
  };
  cell(C.src_ip, fields.get('IpAddress') ?? fields.get('SourceIp'));
  cell(C.src_port, fields.get('IpPort') ?? fields.get('SourcePort'));
  cell(C.dst_ip, fields.get('DestinationIp'));
  cell(C.dst_port, fields.get('DestinationPort'));
  cell(C.proto, fields.get('Protocol'));
  // a logon's account is the one it was for; other events name the account that acted
  const user = LOGON_IDS.has(id) ? (fields.get('TargetUserName') ?? fields.get('SubjectUserName')) : (fields.get('User') ?? fields.get('SubjectUserName') ?? fields.get('TargetUserName'));
  if (row[C.user] === null && user !== undefined) row[C.user] = user;
  const computer = at(h.computer).trim();
  if (row[C.host] === null && computer !== '') row[C.host] = computer;
  const known = typeof row[C.extra] === 'string' ? (JSON.parse(row[C.extra] as string) as Record<string, string>) : {};
  const extra: Record<string, string> = { ...known };
  for (const [k, v] of fields) if (!(k in extra)) extra[k] = v;
  const title = at(h.title).trim();
  const level = hayabusaLevel(at(h.level));
  if (title !== '') extra.sigma_rule = title;
  if (level !== null) extra.sigma_level = level;
  extra.sigma_tool = 'Hayabusa';
  row[C.extra] = JSON.stringify(extra);
}
