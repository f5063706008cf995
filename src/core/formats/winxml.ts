// Windows events as XML, one <Event> per record: what `wevtutil qe Security /f:xml` writes, and
// what Event Viewer's "Save as XML" and `Get-WinEvent | % ToXml` give (the ingest engine cuts a
// one-line <Events> document into one <Event> per line first, see ../ingest/xmldoc.ts).
// System fields give time, computer, provider and event id; EventData <Data Name=…> fields are
// mapped to roles by name (IpAddress, IpPort, TargetUserName; Sysmon's SourceIp/DestinationPort),
// logons typed as sshd's are, and every other field kept in `extra`.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { C, colIndex } from './cols';
import { cleanCell } from './clean';
import { roleForName } from './fieldNames';
import { timeContextOf, type TimeContext } from './time';
import { logonAction, logonWorkstation } from './windows';

const EVENT_ID = /<EventID(?:\s[^>]*)?>(\d+)<\/EventID>/;
const TIME_CREATED = /<TimeCreated\s+SystemTime=['"]([^'"]+)['"]/;
const COMPUTER = /<Computer>([^<]*)<\/Computer>/;
const PROVIDER = /<Provider\s+Name=['"]([^'"]*)['"]/;
const CHANNEL = /<Channel>([^<]*)<\/Channel>/;
const KEYWORDS = /<Keywords>(0x[0-9a-fA-F]+)<\/Keywords>/;
const RECORD_ID = /<EventRecordID>(\d+)<\/EventRecordID>/;
const DATA = /<Data\s+Name=['"]([^'"]+)['"]\s*(?:\/>|>([^<]*)<\/Data>)/g;
const MESSAGE = /<Message>([^<]*)<\/Message>/;

/** Windows fields whose role the synonym table would get wrong or miss, checked first. */
const WINDOWS_ROLES: Readonly<Record<string, string>> = {
  IpAddress: 'src_ip', IpPort: 'src_port', TargetUserName: 'user', SourceAddress: 'src_ip', SourcePort: 'src_port',
  DestAddress: 'dst_ip', DestPort: 'dst_port', Application: 'program', ClientAddress: 'src_ip',
};
/** Fields never mapped to a role (the subject is the machine or service that logged the event). */
const NOT_ROLES = new Set(['SubjectUserName', 'SubjectUserSid', 'SubjectDomainName', 'SubjectLogonId', 'TargetUserSid', 'ProcessName', 'ProcessId']);

const XML_ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
const unescapeXml = (s: string): string =>
  s.indexOf('&') < 0 ? s : s.replace(/&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (e) => XML_ENTITIES[e] ?? (e[2] === 'x' ? String.fromCodePoint(parseInt(e.slice(3, -1), 16)) : String.fromCodePoint(Number(e.slice(2, -1)))));

class WinXmlParser implements RecordParser {
  private readonly time: TimeContext;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    return readEventXml(line, row, counters, this.time);
  }
}

/**
 * One <Event> record into the row's cells (time, computer, provider, EventData by role, the rest in
 * `extra`): a record of this format, or the message of a syslog line that carries one (Sysmon for
 * Linux logs `sysmon: <Event>…</Event>`). Null when read, else why not.
 */
export function readEventXml(line: string, row: CellValue[], counters: CleaningCounters, time: TimeContext): string | null {
  const s = line.trim();
  if (!s.startsWith('<Event')) return 'not a Windows <Event> record';
  const id = EVENT_ID.exec(s)?.[1];
  if (id === undefined) return 'not a Windows <Event> record: no EventID';
  const msg = MESSAGE.exec(s)?.[1];
  const data: [string, string][] = [];
  for (const m of s.matchAll(DATA)) data.push([m[1], unescapeXml(m[2] ?? '')]);
  fillWindowsEvent(
    {
      id,
      time: TIME_CREATED.exec(s)?.[1] ?? null,
      computer: COMPUTER.exec(s)?.[1] ?? null,
      provider: PROVIDER.exec(s)?.[1] ?? null,
      message: msg === undefined ? null : unescapeXml(msg),
      channel: CHANNEL.exec(s)?.[1] ?? null,
      record: RECORD_ID.exec(s)?.[1] ?? null,
      keywords: KEYWORDS.exec(s)?.[1] ?? null,
      data,
    },
    row,
    counters,
    time,
  );
  return null;
}

/** One Windows event's System fields and event data, however it was exported (XML here, JSON in evtxjson.ts). */
export interface WindowsEvent {
  id: string;
  /** System/TimeCreated's SystemTime as written */
  time: string | null;
  computer: string | null;
  provider: string | null;
  /** the rendered message, when the export has one */
  message: string | null;
  channel: string | null;
  record: string | null;
  /** System/Keywords as hex (`0x8010000000000000`) */
  keywords: string | null;
  /** EventData (or UserData) fields, name and value, in order */
  data: [string, string][];
}

/** A Windows event into the row's cells: time, computer, provider, event data by role (the rest in `extra`), logons typed. */
export function fillWindowsEvent(ev: WindowsEvent, row: CellValue[], counters: CleaningCounters, time: TimeContext): void {
  const { id, data } = ev;
  if (ev.time !== null) {
    row[C.ts] = cleanCell(C.ts, ev.time, counters, time, row);
    row[C.ts_text] = ev.time;
  }
  row[C.host] = ev.computer;
  row[C.program] = ev.provider;
  if (ev.message !== null) row[C.message] = ev.message;
  const extra: Record<string, string> = { EventID: id };
  if (ev.channel) extra.Channel = ev.channel;
  if (ev.record) extra.EventRecordID = ev.record;
  const nps = NPS_IDS.has(id) && npsRequest(id, data, row, counters, time, extra);
  // Windows names first, then the synonym table; '-' and empty values are absent
  for (const pass of [0, 1]) {
    for (const [name, value] of data) {
      if (value === '' || value === '-' || (nps && NPS_NOT_CLIENT.has(name))) continue;
      const role = pass === 0 ? WINDOWS_ROLES[name] : NOT_ROLES.has(name) ? undefined : (roleForName(name) ?? undefined);
      if (role === undefined || role === 'ts') continue;
      const col = colIndex(role);
      if (col < 0 || row[col] !== null) continue;
      row[col] = cleanCell(col, value, counters, time, row);
    }
  }
  for (const [name, value] of data) if (value !== '' && value !== '-') extra[name] = value;
  // keywords: 0x8010… is Audit Failure, 0x8020… Audit Success (4776 needs it)
  const kw = ev.keywords?.toLowerCase();
  const audit = kw === undefined ? null : kw.startsWith('0x801') ? 'Audit Failure' : kw.startsWith('0x802') ? 'Audit Success' : null;
  const action = nps ? (row[C.action] as 'auth_failure' | 'auth_success' | null) : logonAction(id, audit);
  if (action !== null) row[C.action] = action;
  // NTLM through a workstation and RDP without NLA log no address ("-"): the logon's source is then the workstation it names
  if ((action === 'auth_failure' || action === 'auth_success') && row[C.src_ip] === null) {
    const ws = data.find(([name]) => name === 'WorkstationName' || name === 'Workstation');
    if (ws) row[C.src_ip] = logonWorkstation(`"${ws[0]}": "${ws[1]}"`, row[C.host] as string | null);
  }
  // a local logon has no address: `-` was skipped; loopback stays as logged
  row[C.extra] = JSON.stringify(extra);
}

/** Network Policy Server: 6272 granted access, 6273 denied it (Security log, task "Network Policy Server") */
const NPS_IDS = new Set(['6272', '6273']);
/** the RADIUS client (the VPN or RD gateway that asked) and the number dialled: never the user's client */
const NPS_NOT_CLIENT = new Set(['ClientIPAddress', 'NASIPv4Address', 'NASIPv6Address', 'CalledStationID', 'ClientName', 'NASIdentifier']);
/** 6273 reasons that are a wrong password or an unknown account (16: credentials mismatch, 8: no such account), not a policy refusing a good one */
const NPS_CREDENTIAL_REASONS = new Set(['8', '16']);

/**
 * An NPS access request (RRAS VPN, RD Gateway, Wi-Fi or switch 802.1X through RADIUS): the account is
 * the subject (SubjectUserName, the one NPS authenticated), the client the Calling Station ID when it
 * is an address (a VPN user's public address; RD Gateway writes `UserAuthType:PW` there, and the
 * RADIUS client's own address is never taken instead). 6272 is a login that passed; a 6273 whose
 * reason is the credentials one that failed; other refusals (no matching policy, dial-in denied)
 * keep their reason without being guesses. The program names NPS, the provider is kept in extra.
 */
function npsRequest(id: string, data: readonly [string, string][], row: CellValue[], counters: CleaningCounters, time: TimeContext, extra: Record<string, string>): boolean {
  const get = (n: string): string => {
    const v = data.find(([name]) => name === n)?.[1] ?? '';
    return v === '-' ? '' : v;
  };
  const calling = get('CallingStationID');
  if (calling !== '' && /^[0-9A-Fa-f:.]{2,45}$/.test(calling)) row[C.src_ip] = cleanCell(C.src_ip, calling, counters, time, row);
  const user = get('SubjectUserName') || get('FullyQualifiedSubjectUserName');
  if (user !== '') row[C.user] = user;
  if (typeof row[C.program] === 'string') extra.provider = row[C.program] as string;
  row[C.program] = 'Network Policy Server';
  const reason = get('ReasonCode');
  row[C.action] = id === '6272' ? 'auth_success' : NPS_CREDENTIAL_REASONS.has(reason) ? 'auth_failure' : null;
  return true;
}

function detectWinXml(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.filter((l) => l.trim() !== '').slice(0, 100);
  if (lines.length === 0) return null;
  let ok = 0;
  for (const l of lines) if (l.trimStart().startsWith('<Event') && EVENT_ID.test(l)) ok++;
  if (ok / lines.length < 0.5) return null;
  return { confidence: 0.95 * (ok / lines.length), layout: { format: 'winxml', header: null, mapping: {}, firstRecordLine: 1 } };
}

export const winXmlSpec: FormatSpec = {
  name: 'winxml',
  title: 'Windows events as XML (wevtutil /f:xml, Event Viewer "Save as XML")',
  description: 'One <Event> per record: System time, computer, provider and EventID; EventData fields mapped by name; logon events (4624, 4625, 4771, 4776…) typed',
  framing: 'lines',
  samples: [
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/><EventID>4625</EventID><Version>0</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode><Keywords>0x8010000000000000</Keywords><TimeCreated SystemTime='2024-05-01T10:00:01.1234567Z'/><EventRecordID>90001</EventRecordID><Correlation/><Execution ProcessID='636' ThreadID='4700'/><Channel>Security</Channel><Computer>DC01.corp.local</Computer><Security/></System><EventData><Data Name='SubjectUserSid'>S-1-0-0</Data><Data Name='SubjectUserName'>-</Data><Data Name='TargetUserName'>backup</Data><Data Name='TargetDomainName'>CORP</Data><Data Name='LogonType'>3</Data><Data Name='WorkstationName'>KALI</Data><Data Name='IpAddress'>198.51.100.23</Data><Data Name='IpPort'>49822</Data></EventData></Event>",
  ],
  detect: (head) => {
    try {
      return detectWinXml(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new WinXmlParser(ctx),
};
