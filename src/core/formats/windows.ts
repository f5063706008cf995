// Windows Security logon events in tabular and JSON exports (EvtxECmd CSV, PowerShell
// Get-WinEvent | Export-Csv, Event Viewer "Save as CSV", Winlogbeat/ECS): the event id says
// whether a logon failed or succeeded, and when the export has no address column the remote
// address, port and account are read from the event's message text. Rows become
// auth_failure / auth_success like sshd's, so the brute-force, spraying and model features
// treat RDP/SMB password guessing the same way as SSH guessing.
/**
 * Logon outcomes by event id (Security log; 5xx are the pre-Vista ids). 4776 (NTLM validation)
 * is logged for successes and failures alike: only the export's keywords can tell.
 */
const BY_ID: Readonly<Record<string, 'auth_failure' | 'auth_success'>> = {
  '4625': 'auth_failure', // an account failed to log on
  '4771': 'auth_failure', // Kerberos pre-authentication failed
  '529': 'auth_failure', '530': 'auth_failure', '531': 'auth_failure', '532': 'auth_failure', '533': 'auth_failure', '534': 'auth_failure', '535': 'auth_failure', '536': 'auth_failure', '537': 'auth_failure', '539': 'auth_failure',
  '4624': 'auth_success', // an account was successfully logged on
  '528': 'auth_success', '540': 'auth_success',
};

/** Field names that always hold a Windows event id. */
const ID_NAMES = ['eventid', 'winlogeventid', 'eventcode', 'eventidentifier'];
/** Field names only Windows event exports have: beside one of them, a bare `Id` is the event id. */
const HINTS = new Set(['timecreated', 'providername', 'provider', 'machinename', 'logname', 'leveldisplayname', 'recordid', 'eventrecordid', 'channel', 'computer', 'taskdisplayname', 'winlogchannel', 'winlogprovidername', 'opcodedisplayname']);

export interface WindowsFields {
  /** position of the event id field */
  id: number;
  /** position of the keywords field ("Audit Failure" / "Audit Success"), -1 if none */
  keywords: number;
  /** position of the machine that logged the event (EvtxECmd's Computer, Export-Csv's MachineName), -1 if none */
  computer: number;
  /** position of EvtxECmd's Payload (the event's EventData as JSON), -1 if none */
  payload: number;
  /** position of a WorkstationName / Workstation field of its own (Winlogbeat's winlog.event_data), -1 if none */
  workstation: number;
}

/** Where a header (field names normalised, see normalizeFieldName) keeps the Windows event id and keywords; null when it is not a Windows export. */
export function windowsFields(names: readonly string[]): WindowsFields | null {
  let id = -1;
  for (const want of ID_NAMES) {
    id = names.indexOf(want);
    if (id >= 0) break;
  }
  if (id < 0 && names.some((n) => HINTS.has(n))) id = names.indexOf('id');
  if (id < 0) return null;
  return {
    id,
    keywords: names.findIndex((n) => n === 'keywords' || n === 'keyworddisplaynames'),
    computer: names.findIndex((n) => n === 'computer' || n === 'machinename' || n === 'computername'),
    payload: names.indexOf('payload'),
    workstation: names.findIndex((n) => /^(?:winlogeventdata|eventdata)?(?:workstationname|workstation)$/.test(n)),
  };
}

/** Kerberos ticket events with no logon outcome whose requester is still worth reading (4768 TGT, 4769 service ticket). */
export const TICKET_IDS = new Set(['4768', '4769']);

/** The logon outcome an event id (and the keywords, for 4776) states, or null for other events. */
export function logonAction(id: string, keywords: string | null): 'auth_failure' | 'auth_success' | null {
  const k = id.trim();
  const a = BY_ID[k];
  if (a !== undefined) return a;
  if (k === '4776' && keywords !== null && /audit failure/i.test(keywords)) return 'auth_failure';
  return null;
}

/**
 * Address, port and account from a logon event's message ("Source Network Address:", "Source
 * Port:", and the Account Name under "Account For Which Logon Failed:" or "New Logon:"; the
 * subject's account is the machine's and is skipped). Absent parts are null.
 */
export function fromLogonMessage(text: string): { ip: string | null; port: string | null; user: string | null } {
  // Kerberos events (4768, 4769, 4771) name the requester "Client Address: ::ffff:10.0.0.5"
  const ip = /(?:Source Network|Client) Address:\s*(?:::ffff:)?([0-9A-Fa-f.:]+)/.exec(text)?.[1] ?? null;
  const port = /(?:Source|Client) Port:\s*(\d+)/.exec(text)?.[1] ?? null;
  const section = /(?:Account For Which Logon Failed|New Logon|Account Information):([\s\S]*)/.exec(text)?.[1] ?? '';
  const user = /Account Name:\s*([^\r\n\t]+)/.exec(section)?.[1]?.trim() ?? null;
  return { ip: ip === '-' ? null : ip, port: port === '0' ? null : port, user: user === '-' || user === '' ? null : user };
}

const WORKSTATION_RES = [
  /"@Name":\s*"(?:WorkstationName|Workstation)",\s*"#text":\s*"([^"]*)"/, // EvtxECmd's Payload
  /"(?:[\w.]*\.)?(?:WorkstationName|Workstation)"\s*:\s*"([^"]*)"/, // Winlogbeat's event_data, winxml's extra
  /(?:Workstation Name|Source Workstation):[ \t]*([^\r\n\t]*)/, // the message text (4625, 4776)
];

/**
 * The workstation a logon names (4624/4625 WorkstationName, 4776 Workstation), in a Payload, JSON
 * or message field, or null: "-", empty, not a NetBIOS/DNS name, or the logging machine itself (a
 * console logon names its own machine).
 */
export function logonWorkstation(text: string, computer: string | null): string | null {
  if (text.indexOf('orkstation') < 0) return null;
  for (const re of WORKSTATION_RES) {
    const m = re.exec(text);
    if (!m) continue;
    const ws = m[1]!.trim().replace(/^\\\\/, '');
    if (!/^[A-Za-z0-9][\w.-]{0,62}$/.test(ws) || /^\d+(?:\.\d+){3}$/.test(ws)) return null;
    const self = computer?.trim().split('.')[0]?.toLowerCase();
    return self && ws.split('.')[0]!.toLowerCase() === self ? null : ws;
  }
  return null;
}

/** EventData fields that name a connection's ends (Sysmon 3, Windows Filtering Platform 5156, logons' IpAddress). */
const PAYLOAD_ROLES: Readonly<Record<string, 'src_ip' | 'src_port' | 'dst_ip' | 'dst_port' | 'proto'>> = {
  SourceIp: 'src_ip', SourcePort: 'src_port', DestinationIp: 'dst_ip', DestinationPort: 'dst_port', Protocol: 'proto',
  SourceAddress: 'src_ip', DestAddress: 'dst_ip', DestPort: 'dst_port', IpAddress: 'src_ip', IpPort: 'src_port',
};
const PAYLOAD_PAIR = /"@Name":\s*"(\w+)",\s*"#text":\s*"([^"]*)"/g;

/**
 * Connection ends from EvtxECmd's Payload column (`{"EventData": {"Data": [{"@Name": "SourceIp",
 * "#text": "10.0.0.7"}, …]}}`): the one place every EvtxECmd map keeps them whole, whatever its
 * PayloadData columns say. Empty, `-` and `0` values are left out.
 */
export function fromEventPayload(text: string): Partial<Record<'src_ip' | 'src_port' | 'dst_ip' | 'dst_port' | 'proto', string>> {
  const out: Partial<Record<'src_ip' | 'src_port' | 'dst_ip' | 'dst_port' | 'proto', string>> = {};
  if (text.indexOf('"@Name"') < 0) return out;
  for (const m of text.matchAll(PAYLOAD_PAIR)) {
    const role = PAYLOAD_ROLES[m[1]!];
    const v = m[2]!.trim();
    if (role === undefined || out[role] !== undefined || v === '' || v === '-' || v === '0') continue;
    out[role] = role === 'src_ip' || role === 'dst_ip' ? v.replace(/^::ffff:/i, '') : v;
  }
  return out;
}
