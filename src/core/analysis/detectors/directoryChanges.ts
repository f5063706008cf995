// Active Directory hit and changed: a wave of accounts locked out (4740), told as the consequence
// of the address whose failed logons caused it; an account's flags weakened (4738: Kerberos
// pre-authentication off, the AS-REP roasting set-up; no password required); a directory object
// changed to hand out the domain (5136: AdminSDHolder's or the domain's permissions, a GPO given
// scheduled tasks or scripts, delegation or key credentials written onto an object).
import type { DirectoryChange } from '../directoryEvents';
import type { HostEvent } from '../hostEvents';
import type { DetectorDef, DraftFinding, SshRow } from '../types';
import { bareAccount } from '../windowsLogons';
import { formatTime } from '../../../shared/format';
import { formatList, hostEvidence, hostNumbers } from './util';

const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
const machine = (h: HostEvent): string => h.computer ?? 'an unnamed machine';

/** What each change hands out, how bad it is, and what to do. */
const CHANGES: Readonly<Record<DirectoryChange, { severity: 'high' | 'medium'; what: string; why: string; next: string }>> = {
  preauthOff: {
    severity: 'high',
    what: "Kerberos pre-authentication turned off ('Don't Require Preauth')",
    why: 'without pre-authentication anyone on the network can ask the domain controller for a ticket encrypted with the account\'s password and crack it offline (AS-REP roasting, Rubeus asreproast, Impacket GetNPUsers; MITRE T1558.004); an intruder with rights over an account sets the flag, takes the ticket and clears it again',
    next: 'turn pre-authentication back on, change the account\'s password to a long random one, and look for 4768 events with pre-authentication type 0 for it',
  },
  passwordNotRequired: {
    severity: 'medium',
    what: "'Password Not Required' turned on",
    why: 'the account may then be given an empty password that no policy checks, a quiet way back in (MITRE T1098)',
    next: 'clear the flag (userAccountControl 0x20) and set a password',
  },
  adminSdHolder: {
    severity: 'high',
    what: "AdminSDHolder's permissions changed",
    why: 'every hour SDProp copies AdminSDHolder\'s permissions onto every protected account and group (Domain Admins, Enterprise Admins, the administrators): a permission added here is a hidden, self-repairing grant over all of them (MITRE T1098, T1484)',
    next: 'compare AdminSDHolder\'s ACL with a known-good one (dsacls "CN=AdminSDHolder,CN=System,…"), remove the added entries, and check the protected accounts\' ACLs after SDProp has run',
  },
  domainAcl: {
    severity: 'high',
    what: 'the domain object\'s permissions given directory replication rights',
    why: 'whoever holds DS-Replication-Get-Changes(-All) on the domain can DCSync every password hash, krbtgt\'s included (MITRE T1003.006, T1222)',
    next: 'remove the ACE, and look for 4662 events with the replication GUIDs from the account it names',
  },
  gpoTask: {
    severity: 'high',
    what: 'a Group Policy object given scheduled tasks (Group Policy Preferences: Scheduled Tasks / Immediate Task)',
    why: 'every machine the GPO applies to then runs the task, as SYSTEM, at its next policy refresh: how ransomware crews push their encryptor to a whole domain at once (MITRE T1484.001, T1053.005)',
    next: 'open the GPO\'s ScheduledTasks.xml in SYSVOL, see what it runs and on which OUs the GPO is linked, and remove the task before the next refresh',
  },
  gpoScript: {
    severity: 'medium',
    what: 'a Group Policy object given startup or logon scripts',
    why: 'every machine or user the GPO applies to then runs the script (MITRE T1484.001, T1037.001)',
    next: 'read the scripts.ini and the script in SYSVOL and check the change against a change record',
  },
  rbcd: {
    severity: 'high',
    what: 'resource-based constrained delegation written (msDS-AllowedToActOnBehalfOfOtherIdentity)',
    why: 'the account it names may then get tickets to this object as any user, administrators included (the RBCD attack, MITRE T1134, T1558)',
    next: 'clear the attribute unless a change record asks for it, and find which computer account it names and who made it',
  },
  keyCredential: {
    severity: 'high',
    what: 'a key credential written by a user account (msDS-KeyCredentialLink)',
    why: 'a key written onto another object lets its writer authenticate as it with a certificate, without its password (Shadow Credentials, Whisker, pyWhisker; MITRE T1556); Windows Hello for Business writes these through machine accounts, not users',
    next: 'remove the key credential and check the object for other added keys',
  },
};

/** The object a change names, short: AdminSDHolder, a GPO's GUID, a user's CN. */
const shortDn = (dn: string): string => /^CN=((?:\\,|[^,])+)/i.exec(dn)?.[1] ?? dn;

export const directoryChanges: DetectorDef = {
  name: 'directoryChanges',
  title: 'Directory changes and lockouts',
  description:
    'Reads domain controllers\' Security logs (EvtxECmd CSV, Export-Csv, XML, Winlogbeat) for a wave of accounts locked out (4740: at least minLockouts accounts within lockoutMinutes), named as the consequence of the address whose failed logons (4625, 4771) fell on those accounts just before; one user locked out by an old password on a phone is not reported. Also an account\'s flags weakened (4738: Kerberos pre-authentication turned off, the AS-REP roasting set-up; a password not required) and a directory object changed to hand out the domain (5136: AdminSDHolder\'s or the domain\'s permissions, a GPO given scheduled tasks or scripts, resource-based delegation, key credentials written by a user). A GPO\'s ordinary edits (its version, its security settings), DNS records and user attributes are not reported.',
  settings: [
    { key: 'minLockouts', default: 5, description: 'accounts locked out (4740) within lockoutMinutes for a lockout wave' },
    { key: 'lockoutMinutes', default: 30, description: 'minutes within which the lockouts of a wave fall, and before the first of which the failed logons that caused them are looked for' },
    { key: 'reportDirectoryChanges', default: true, description: 'report weakened accounts (4738) and directory changes that hand out the domain (5136)' },
  ],
  needs: ['hostEvents', 'ssh'],
  incremental: false,
  detect(ctx) {
    const evs = ctx.agg.hostEvents;
    return [...lockoutWaves(ctx.num('minLockouts'), ctx.num('lockoutMinutes'), evs, ctx.agg.ssh), ...(ctx.flag('reportDirectoryChanges') ? changes(evs) : [])];
  },
};

/** The densest run of lockouts no longer than `minutes`, by distinct account, of the lockouts in time order. */
function densest(locks: readonly HostEvent[], minutes: number): HostEvent[] {
  let best: HostEvent[] = [];
  let i = 0;
  for (let j = 0; j < locks.length; j++) {
    while (locks[j]!.ts! - locks[i]!.ts! > minutes * 60_000) i++;
    const run = locks.slice(i, j + 1);
    if (new Set(run.map((h) => bareAccount(h.target ?? ''))).size > new Set(best.map((h) => bareAccount(h.target ?? ''))).size) best = run;
  }
  return best;
}

/** The address whose failures fell on the locked accounts in the minutes before: most of those accounts among the ones it failed on, then most failures. */
function causeOf(wave: readonly HostEvent[], accounts: ReadonlySet<string>, minutes: number, ssh: readonly SshRow[]): { row: SshRow; named: number } | null {
  const start = wave[0]!.ts! - minutes * 60_000;
  const end = wave[wave.length - 1]!.ts!;
  let best: { row: SshRow; named: number } | null = null;
  for (const r of ssh) {
    if (r.firstFail == null || r.lastFail == null || r.firstFail > end || r.lastFail < start || r.users < Math.min(accounts.size, 2)) continue;
    const named = (r.failedUsers ?? []).filter(([u]) => accounts.has(bareAccount(u))).length;
    if (!named && r.users < accounts.size) continue;
    if (!best || named > best.named || (named === best.named && r.fails > best.row.fails)) best = { row: r, named };
  }
  return best;
}

function lockoutWaves(minLockouts: number, minutes: number, evs: readonly HostEvent[], ssh: readonly SshRow[]): DraftFinding[] {
  if (minLockouts <= 0) return [];
  const locks = evs.filter((h) => h.kind === 'lockout' && h.ts != null).sort((a, b) => a.ts! - b.ts!);
  const wave = densest(locks, minutes);
  const accounts = new Set(wave.map((h) => bareAccount(h.target ?? '')));
  if (accounts.size < minLockouts) return [];
  const dcs = [...new Set(wave.map(machine))];
  const callers = [...new Set(wave.map((h) => h.caller).filter((c): c is string => !!c))];
  const cause = causeOf(wave, accounts, minutes, ssh);
  const span = Math.max(1, Math.round((wave[wave.length - 1]!.ts! - wave[0]!.ts!) / 60_000));
  const names = [...accounts];
  const said =
    `${accounts.size} accounts were locked out within ${span} min on ${formatList(dcs, 2)} (event 4740, ${iso(wave[0]!.ts)} to ${iso(wave[wave.length - 1]!.ts)}: ${formatList(names, 8)})` +
    (callers.length ? `, the caller computer ${callers.length > 1 ? `names being ${formatList(callers, 4)}` : `being ${callers[0]}`}. ` : '. ');
  const explanation = cause
    ? said +
      `They are the consequence of ${cause.row.ip}'s failed logons: it failed ${cause.row.fails} times on ${cause.row.users} user names from ${iso(cause.row.firstFail)} to ${iso(cause.row.lastFail)}${cause.named ? `, ${cause.named} of the locked accounts among the names it failed on most` : ''}, and the domain locks an account after a few wrong passwords in a row, so a password spray or guessing run that tries too many passwords per account locks out every account it touches. ` +
      `The lockouts are a denial of service in their own right (the users cannot work until unlocked) and proof the guessing reached the domain controller. ` +
      `Threshold: ${accounts.size} accounts locked out within ${minutes} min, at least ${minLockouts} (directoryChanges.minLockouts, directoryChanges.lockoutMinutes); a user locked out alone by an old password is not counted as a wave. ` +
      `Stop ${cause.row.ip}${callers.length === 1 ? ` (${callers[0]})` : ''}, check every account it failed on for a later successful logon, and unlock the accounts only once it is stopped.`
    : said +
      `Many accounts locking out together means someone is trying passwords against them (a spray or a guessing run), or a service is using an old password everywhere; no address in these logs failed on these accounts just before, so the failures are in logs not at hand (another domain controller's, a VPN's, a web sign-in's). ` +
      `Threshold: ${accounts.size} accounts locked out within ${minutes} min, at least ${minLockouts} (directoryChanges.minLockouts, directoryChanges.lockoutMinutes). ` +
      `Read the 4625 and 4771 events on the domain controller that holds the PDC role for the minutes before ${iso(wave[0]!.ts)}${callers.length ? `, and look at ${formatList(callers, 3)}` : ''}.`;
  return [
    {
      detector: 'directoryChanges',
      severity: cause ? 'high' : 'medium',
      entity: cause ? cause.row.ip : (callers.length === 1 ? callers[0]! : dcs[0]!),
      entityType: cause ? 'ip' : 'host',
      title: cause ? `${accounts.size} accounts locked out on ${formatList(dcs, 2)} by ${cause.row.ip}'s failed logons` : `Lockout wave: ${accounts.size} accounts locked out within ${span} min on ${formatList(dcs, 2)}`,
      explanation,
      numbers: { ...hostNumbers(dcs[0]), lockouts: wave.length, accounts: accounts.size, minutes: span, callers: callers.join(','), ...(cause ? { cause: cause.row.ip, causeFailures: cause.row.fails, causeUsers: cause.row.users } : {}) },
      threshold: { metric: 'accounts locked out within the window', value: accounts.size, threshold: minLockouts, setting: 'directoryChanges.minLockouts' },
      ...hostEvidence(wave),
      windowMs: minutes * 60_000,
      score: cause ? 0.8 : 0.6,
    },
  ];
}

/** One finding per weakened account or changed object, and kind of change. */
function changes(evs: readonly HostEvent[]): DraftFinding[] {
  const groups = new Map<string, HostEvent[]>();
  for (const h of evs) {
    if (h.kind !== 'directoryChange' || !h.target) continue;
    for (const r of h.reasons ?? []) groups.set(`${r}\u0000${h.target}`, [...(groups.get(`${r}\u0000${h.target}`) ?? []), h]);
  }
  const out: DraftFinding[] = [];
  for (const [key, hs] of groups) {
    const what = key.slice(0, key.indexOf('\u0000')) as DirectoryChange;
    const c = CHANGES[what];
    const h = hs[0]!;
    const account = !h.attribute;
    const object = account ? h.target! : shortDn(h.target!);
    const by = [...new Set(hs.map((x) => x.user).filter((u): u is string => !!u))];
    const who = by.length ? `by ${formatList(by, 3)}` : 'by an account the export does not name';
    out.push({
      detector: 'directoryChanges',
      severity: c.severity,
      entity: object,
      entityType: 'user',
      title: `${account ? `${object}: ` : ''}${c.what}${account ? '' : ` on ${object}`} ${who}`,
      explanation:
        `${machine(h)} logged ${account ? `the account ${object} changed` : `${h.target} changed (${h.attribute}${h.command ? ` now holding ${h.command.slice(0, 160)}` : ''})`} ${who} (event ${h.eventId}, ${iso(h.ts)}${hs.length > 1 ? `, ${hs.length} times` : ''}): ${c.what}. ` +
        `It matters because ${c.why}. ` +
        `Reported because directoryChanges.reportDirectoryChanges is on; everyday edits (passwords reset, a GPO's version or security settings, DNS records, user attributes) are not. ` +
        `Check the change against a change record, look at how ${by[0] ?? 'the account'} logged on just before, and ${c.next}.`,
      numbers: { ...hostNumbers(h.computer), changes: hs.length, change: what, by: by.join(','), ...(h.attribute ? { attribute: h.attribute, object: h.target! } : { account: object }) },
      threshold: null,
      ...hostEvidence(hs),
      score: c.severity === 'high' ? 0.85 : 0.55,
    });
  }
  return out;
}
