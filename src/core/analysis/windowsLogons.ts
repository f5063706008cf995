// Windows logons (Security 4624) from another machine, read as the host events a guessed login is
// told by: the logon type says how the account got in (10 RDP, 3 a network logon such as SMB or
// RDP's NLA step), the row's address and account who. guessedLogins.ts ties them to the guessing
// before them, as it does sshd's "Accepted password" lines, and hostTampering to what followed.
import type { HostEvent } from './hostEvents';
import { ipScope } from './net';

/** How each remote logon type gets in; other types (2 console, 4 batch, 5 service) are local. */
const REMOTE_TYPES: Readonly<Record<string, string>> = {
  '3': 'a network logon (type 3: SMB, WMI, or RDP\'s NLA step)',
  '7': 'an unlock or RDP reconnect (type 7)',
  '8': 'a network logon with a clear-text password (type 8)',
  '10': 'RDP (logon type 10)',
};

/** The logon type in EvtxECmd's PayloadData ("LogonType 10") or Payload, Export-Csv's message ("Logon Type:\t\t10"), XML or Winlogbeat fields. */
const LOGON_TYPE = /Logon ?Type\W{0,12}(?:#text\W{0,8})?(\d{1,2})\b/i;

/**
 * The remote logon a `lev` cell of a Windows success records (marker "winlogon", the machine, then
 * the parts of the message and extra with the logon type and package, see eventKind's LINUX_EVENT_COLUMN),
 * with the row's account and address; null when it is none.
 */
export function windowsLogon(id: number, cell: string, ts: number | null, user: string | null | undefined, ip: string | null | undefined): HostEvent | null {
  if (!user || !ip) return null;
  const a = cell.indexOf('\n');
  const b = a >= 0 ? cell.indexOf('\n', a + 1) : -1;
  if (b < 0) return null;
  // the column passes Windows successes only (4624, or 528/540 before Vista): the type is the test
  const type = LOGON_TYPE.exec(cell.slice(b + 1))?.[1];
  const method = type ? REMOTE_TYPES[type] : undefined;
  // a machine account ($) logs on to the domain controller all day; ANONYMOUS LOGON is no account
  if (!method || user.endsWith('$') || /ANONYMOUS LOGON/i.test(user)) return null;
  return { id, kind: 'sshLogin', eventId: '4624', ts, computer: cell.slice(a + 1, b) || null, user, ip: ip.replace(/^::ffff:/i, ''), method };
}

/** An account name without its domain (CORP\jdoe, jdoe@corp.example.com), lower case: Windows names compare case-blind. */
export const bareAccount = (u: string): string => (u.includes('\\') ? u.slice(u.lastIndexOf('\\') + 1) : u.replace(/@.*$/, '')).toLowerCase();

/**
 * Whether the fold keeps a Windows remote logon: once per address, account and machine (`seen`
 * holds them), when its address had failed `minFails` times before (bruteForce.guessedUserFailures:
 * a colleague's typo is not guessing) or is outside (a password guessed elsewhere); a domain's own
 * logons would fill the list. RDP with NLA logs a network logon (type 3)
 * just before the session's type 10: the one kept is then said to be RDP.
 */
export function keepWindowsLogon(h: HostEvent, seen: Map<string, HostEvent | null>, fails: number, minFails: number): boolean {
  const key = `${h.ip}|${bareAccount(h.user!)}|${h.computer ?? ''}`;
  const kept = seen.get(key);
  if (kept && kept.method === REMOTE_TYPES['3'] && h.method === REMOTE_TYPES['10'] && h.ts != null && kept.ts != null && h.ts - kept.ts <= NLA_MS) kept.method = `${REMOTE_TYPES['10']} after its NLA network logon (type 3)`;
  if (seen.has(key) || (fails < Math.max(1, minFails) && ipScope(h.ip!) !== 'external')) return false;
  seen.set(key, h);
  return true;
}

/**
 * Whether the fold keeps a Windows RDP session logon (type 10) that keepWindowsLogon left out, as an
 * `rdpHop` for hostTampering's hops: once per address, account and machine, while `seen` holds
 * fewer than `cap` logons (a remote desktop farm logs thousands a day; these are kept last).
 */
export function keepRdpHop(h: HostEvent, seen: Map<string, HostEvent | null>, cap: number): boolean {
  if (h.method !== REMOTE_TYPES['10'] || seen.size >= cap) return false;
  const key = `rdp|${h.ip}|${bareAccount(h.user!)}|${(h.computer ?? '').toLowerCase()}`;
  if (seen.has(key)) return false;
  seen.set(key, null);
  h.kind = 'rdpHop';
  return true;
}

/** RDP's session logon follows its NLA network logon within seconds. */
const NLA_MS = 120_000;

/** NTLM as the logon's authentication package (EvtxECmd's Payload, XML and Winlogbeat fields, the message's "Authentication Package:"). */
const NTLM = /AuthenticationPackageName\W{0,12}(?:#text\W{0,8})?NTLM|Authentication Package:\s*NTLM/i;

/**
 * Whether a Windows success (`lev` cell marked "winlogon") is a network logon (type 3) over NTLM: in a
 * domain whose machines use Kerberos by name, that is a connection by address or a pass-the-hash
 * (a hash stands in for the password only in NTLM).
 */
export const ntlmNetworkLogon = (cell: string): boolean => cell.startsWith('winlogon\n') && NTLM.test(cell) && LOGON_TYPE.exec(cell)?.[1] === '3';
