// The Windows events that say the domain itself was changed or hit, read from the same exports as
// hostEvents.ts (EvtxECmd CSV, Export-Csv, wevtutil XML, Winlogbeat): an account locked out (4740),
// an account's flags changed to weaken it (4738: Kerberos pre-authentication off, no password
// needed), a directory object changed in a way that hands out the domain (5136: AdminSDHolder's or
// the domain's permissions, a GPO given scheduled tasks or scripts, delegation or key credentials
// written onto an object), and the services that guard data stopped or disabled (7036, 7040: backup,
// shadow copies, antivirus, databases, mail) or the machine shut down (1074, 6006), which explains them.
import type { HostEvent } from './hostEvents';

/** What an account change or directory change does, as directoryChanges.ts names it. */
export type DirectoryChange = 'preauthOff' | 'passwordNotRequired' | 'adminSdHolder' | 'domainAcl' | 'gpoTask' | 'gpoScript' | 'rbcd' | 'keyCredential';

/** The event ids this module reads (hostEvents.ts asks it for them). */
export const DIRECTORY_IDS = ['4740', '4738', '5136', '7036', '7040', '1074', '6006', '4624'];

type Get = (...names: string[]) => string | null;
type Label = (text: string, name: string) => string | null;
interface At { id: number; eventId: string; ts: number | null; computer: string | null; user: string | null }

/** Group Policy client-side extensions that run code on every machine the GPO applies to: Preferences' scheduled tasks (and immediate tasks), and startup/logon scripts. */
const TASK_CSE = /CAB54552-DEEA-4691-817E-ED4A4D1AFC72|AADCED64-746C-4633-A97C-D61349046527/i;
const SCRIPT_CSE = /42B5FAAE-6536-11D2-AE5A-0000F87571E3/i;
/** The domain object itself (DC=corp,DC=example,DC=com): its permissions say who may replicate (DCSync). */
const DOMAIN_ROOT = /^DC=[^,]+(?:,DC=[^,]+)*$/i;
/** The replication extended rights in an SDDL ACE: a grant of DCSync. */
const REPLICATION_ACE = /1131f6a[ad]-9c07-11d1-f79f-00c04fc2dcd2|89e95b76-444d-4c62-991a-0facbeda640c/i;
const DONT_REQ_PREAUTH = 0x400000;
const PASSWD_NOTREQD = 0x20;

/**
 * The services ransomware stops before it encrypts (Conti's, LockBit's and Ryuk's kill lists; Sigma
 * "Stop Windows Service"): what each guards, by its display or service name.
 */
const GUARDS: readonly [RegExp, string][] = [
  [/veeam|acronis|backup|arcserve|commvault|veritas|\bwbengine\b|cohesity|rubrik|unitrends|datto|\bbedbg\b|\bbeserver\b/i, 'backup'],
  [/volume shadow copy|\bvss\b|vss writer|shadow copy provider|\bswprv\b/i, 'shadow copies'],
  [/sophos|defender|windefend|symantec|mcafee|trend ?micro|kaspersky|eset|crowdstrike|falcon|sentinel|carbon ?black|cylance|bitdefender|malwarebytes|webroot|\bavp\b|antivirus|endpoint (?:protection|security|defense)/i, 'antivirus'],
  [/\bsql\b|mssql|oracle|mysql|postgres|db2|sybase|sap hana/i, 'database'],
  [/exchange|msexchange/i, 'mail'],
];

/** What a service guards (backup, antivirus, database …), or null for any other service. */
export function guardOf(name: string): string | null {
  for (const [re, what] of GUARDS) if (re.test(name)) return what;
  return null;
}

const hex = (s: string | null): number | null => (s && /^0x[0-9a-f]+$/i.test(s.trim()) ? parseInt(s.trim(), 16) : null);

/** The weakening flags a 4738 turned on: the %% codes, Event Viewer's words, or the bits gained between OldUacValue and NewUacValue. */
function weakened(get: Get, msg: string): DirectoryChange[] {
  const uac = `${get('UserAccountControl') ?? ''}\n${msg}`;
  const before = hex(get('OldUacValue')) ?? hex(/Old UAC Value:\s*(0x[0-9a-f]+)/i.exec(msg)?.[1] ?? null);
  const after = hex(get('NewUacValue')) ?? hex(/New UAC Value:\s*(0x[0-9a-f]+)/i.exec(msg)?.[1] ?? null);
  const gained = (bit: number): boolean => before != null && after != null && (after & bit) !== 0 && (before & bit) === 0;
  const out: DirectoryChange[] = [];
  if (/%%2096\b|'Don't Require Preauth' - Enabled/i.test(uac) || gained(DONT_REQ_PREAUTH)) out.push('preauthOff');
  if (/%%2082\b|'Password Not Required' - Enabled/i.test(uac) || gained(PASSWD_NOTREQD)) out.push('passwordNotRequired');
  return out;
}

/** What a 5136 change hands out, or null for the directory's everyday edits (a phone number, a GPO's version, a DNS record). */
function handedOut(dn: string, attr: string, value: string, byMachine: boolean): DirectoryChange | null {
  const a = attr.toLowerCase();
  if (a === 'ntsecuritydescriptor' && /^CN=AdminSDHolder,CN=System,/i.test(dn)) return 'adminSdHolder';
  if (a === 'ntsecuritydescriptor' && DOMAIN_ROOT.test(dn) && REPLICATION_ACE.test(value)) return 'domainAcl';
  if ((a === 'gpcmachineextensionnames' || a === 'gpcuserextensionnames') && TASK_CSE.test(value)) return 'gpoTask';
  if ((a === 'gpcmachineextensionnames' || a === 'gpcuserextensionnames') && SCRIPT_CSE.test(value)) return 'gpoScript';
  if (a === 'msds-allowedtoactonbehalfofotheridentity') return 'rbcd';
  // Windows Hello for Business writes key credentials through the DC's or the sync server's own account
  if (a === 'msds-keycredentiallink' && !byMachine) return 'keyCredential';
  return null;
}

/**
 * A logon of type 9 by seclogo: a process started with another account's network credentials
 * (runas /netonly, or a hash or key standing in for them: mimikatz sekurlsa::pth, Rubeus; Sigma
 * "Successful Overpass the Hash Attempt"). The account the process uses on the network is the
 * outbound one (TargetOutboundUserName, Windows 10 / Server 2016 on; "Network Account Name").
 */
function netonly(base: Omit<HostEvent, 'kind'>, msg: string, get: Get, label: Label): HostEvent | null {
  const type = get('LogonType') ?? label(msg, 'Logon Type');
  const process = get('LogonProcessName') ?? label(msg, 'Logon Process');
  if (type !== '9' || !/^seclogo/i.test(process ?? '')) return null;
  const outUser = get('TargetOutboundUserName') ?? label(msg, 'Network Account Name');
  const outDomain = get('TargetOutboundDomainName') ?? label(msg, 'Network Account Domain');
  const subject = get('SubjectUserName') ?? get('TargetUserName') ?? label(msg, 'Account Name');
  const subjectDomain = get('SubjectDomainName') ?? get('TargetDomainName') ?? label(msg, 'Account Domain');
  return { ...base, kind: 'netonly', user: subject ? `${subjectDomain ? `${subjectDomain}\\` : ''}${subject}` : base.user, target: outUser ? `${outDomain ? `${outDomain}\\` : ''}${outUser}` : null, image: get('ProcessName') ?? label(msg, 'Process Name') };
}

/** The host event of one of DIRECTORY_IDS, or null when it is an everyday one. */
export function directoryEvent(at: At, extra: string, msg: string, get: Get, label: Label): HostEvent | null {
  const { eventId } = at;
  const base = { id: at.id, eventId, ts: at.ts, computer: at.computer, user: at.user };
  if (eventId === '4740') {
    const target = get('TargetUserName') ?? label(msg.slice(msg.search(/Account That Was Locked Out/i) + 1), 'Account Name');
    // the auditing's words, or its fields when an export (wevtutil XML) moved the provider out
    if (!target || (!/locked out|Security-Auditing/i.test(`${msg} ${extra}`) && !(get('TargetSid') && get('SubjectLogonId')))) return null;
    return { ...base, kind: 'lockout', target, caller: get('TargetDomainName') ?? label(msg, 'Caller Computer Name') };
  }
  if (eventId === '4738') {
    const changes = weakened(get, msg);
    const target = get('TargetUserName') ?? label(msg.slice(Math.max(0, msg.search(/Target Account/i))), 'Account Name');
    return changes.length && target ? { ...base, kind: 'directoryChange', target, reasons: changes } : null;
  }
  if (eventId === '5136') {
    const dn = get('ObjectDN') ?? label(msg, 'DN');
    const attr = get('AttributeLDAPDisplayName') ?? label(msg, 'LDAP Display Name');
    const value = get('AttributeValue') ?? label(msg, 'Value') ?? '';
    const op = get('OperationType') ?? label(msg, 'Type') ?? '';
    if (!dn || !attr || /14675|deleted/i.test(op)) return null;
    const what = handedOut(dn, attr, value, (get('SubjectUserName') ?? '').endsWith('$'));
    return what ? { ...base, kind: 'directoryChange', target: dn, attribute: attr, reasons: [what], command: value.slice(0, 400) } : null;
  }
  if (eventId === '7036' || eventId === '7040') {
    // the Service Control Manager's messages are one sentence: a longer text is read only at its start
    msg = msg.slice(0, 1000);
    // the Service Control Manager's own events: its provider or words, or its param1 (the service) and param2 (the state) when an export moved both out
    if (!/Service Control Manager|service entered the|start type of the|service state changed|start type changed/i.test(`${extra} ${msg}`) && !(get('param1') && get('param2'))) return null;
    const name = get('param1') ?? /^The (?:start type of the )?(.+?) service (?:entered|was)/i.exec(msg.trim())?.[1] ?? null;
    const stateText = eventId === '7036' ? (get('param2') ?? /entered the (\w+) state/i.exec(msg)?.[1]) : (get('param3') ?? /to (\S+(?: start)?)\.?\s*$/i.exec(msg.trim())?.[1]);
    const guards = name ? guardOf(`${name} ${get('param4') ?? ''}`) : null;
    if (!name || !guards) return null;
    if (eventId === '7036' ? !/^stopped$/i.test(stateText ?? '') : !/disabled/i.test(stateText ?? '')) return null;
    return { ...base, kind: 'serviceStopped', service: name, group: guards, disabled: eventId === '7040' };
  }
  if (eventId === '4624') return netonly(base, msg, get, label);
  // 1074: a shutdown or restart someone or something asked for; 6006: the event log service stopped (the machine going down)
  if (eventId === '1074' && /shut ?down|restart|power off/i.test(`${msg} ${extra}`)) return { ...base, kind: 'shutdown' };
  if (eventId === '6006' && /EventLog|event log service (?:was )?stopped/i.test(`${msg} ${extra}`)) return { ...base, kind: 'shutdown' };
  return null;
}
