// Windows: a remote logon (RDP, or a network logon) by an address that had been guessing passwords,
// or as an account another address was guessing, and what the same machine logged next within the
// hour by that account or the accounts it made: the intruder's own account, put in Administrators,
// a service or scheduled task that runs their code, the logs cleared. One finding tells the chain;
// the service, task, account and clearing keep their own findings too (each is evidence on its own).
import type { HostEvent } from '../hostEvents';
import type { DraftFinding, SshRow } from '../types';
import { guessedLogins } from '../guessedLogins';
import { bareAccount } from '../windowsLogons';
import { formatTime } from '../../../shared/format';
import { formatList, hostNumbers } from './util';

const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
const windows = (h: HostEvent): boolean => /^\d+$/.test(h.eventId);

/** The member a group addition names: the account made with that SID when the event gives only the SID. */
const member = (h: HostEvent, made: readonly HostEvent[]): string =>
  h.target ?? made.find((c) => c.targetSid && h.targetSid && c.targetSid.toLowerCase() === h.targetSid.toLowerCase())?.target ?? h.targetSid ?? 'an unnamed member';

/** A directory change in a few words (directoryEvents.ts names them). */
const CHANGE: Readonly<Record<string, string>> = {
  preauthOff: 'pre-authentication turned off for',
  passwordNotRequired: 'password made optional for',
  adminSdHolder: 'permissions changed on',
  domainAcl: 'replication rights granted on',
  gpoTask: 'scheduled tasks put into GPO',
  gpoScript: 'scripts put into GPO',
  rbcd: 'delegation written on',
  keyCredential: 'a key credential written on',
};
const changed = (h: HostEvent): string => `${CHANGE[h.reasons?.[0] ?? ''] ?? 'changed:'} ${/^CN=((?:\\,|[^,])+)/i.exec(h.target ?? '')?.[1] ?? h.target}`;

function gist(h: HostEvent, made: readonly HostEvent[]): string {
  switch (h.kind) {
    case 'directoryChange':
      return changed(h);
    case 'accountCreated':
      return `account ${h.target} made`;
    case 'groupAdd':
      return `${member(h, made)} put in ${h.group}`;
    case 'service':
      return `service ${h.service} installed`;
    case 'task':
      return `task ${h.task} scheduled`;
    case 'logCleared':
      return `${h.log} log cleared`;
    default:
      return h.kind;
  }
}

function step(h: HostEvent, made: readonly HostEvent[]): string {
  const at = `${h.eventId}, ${iso(h.ts)}`;
  const by = h.user ? ` by ${h.user}` : '';
  switch (h.kind) {
    case 'directoryChange':
      return `${changed(h)}${h.attribute ? ` (${h.attribute})` : ''}${by} (${at})`;
    case 'accountCreated':
      return `account ${h.target} created${by} (${at})`;
    case 'groupAdd':
      return `${member(h, made)} added to ${h.group}${by} (${at})`;
    case 'service':
      return `service ${h.service} installed to run ${h.image ?? '(image not in the export)'}${h.account ? ` as ${h.account}` : ''} (${at})`;
    case 'task':
      return `scheduled task ${h.task} created${by} to run ${h.command ?? '(action not in the export)'} (${at})`;
    case 'logCleared':
      return `the ${h.log} log cleared${by} (${at})`;
    default:
      return `${h.kind} (${at})`;
  }
}

/**
 * @param minutes hostTampering.afterLoginMinutes; the other limits are bruteForce's, as guessedLogins takes them
 */
export function afterWindowsLogon(minutes: number, minFails: number, guessed: number, share: number, highFails: number, evs: readonly HostEvent[], ssh: readonly SshRow[]): DraftFinding[] {
  const out: DraftFinding[] = [];
  const done = new Set<string>();
  for (const { login: l, guesser: g, same, userFails } of guessedLogins(evs, ssh, minFails, guessed, share, highFails)) {
    if (l.ts == null || l.eventId !== '4624') continue;
    const host = l.computer ?? '';
    if (done.has(`${host}\u0000${l.ip}`)) continue;
    const until = l.ts + minutes * 60_000;
    const on = (h: HostEvent): boolean => windows(h) && (h.computer ?? '').toLowerCase() === host.toLowerCase() && h.ts != null && h.ts >= l.ts! && h.ts <= until;
    // who the intruder is on this machine: the guessed account and the accounts it made
    const made = evs.filter((h) => on(h) && h.kind === 'accountCreated' && !!h.user && bareAccount(h.user) === bareAccount(l.user!));
    const theirs = new Set([bareAccount(l.user!), ...made.map((h) => bareAccount(h.target!))]);
    // a service's 7045 names no account: it counts when it looks like an intruder's (hostEvents.serviceReasons)
    const mine = (h: HostEvent): boolean => (h.user ? theirs.has(bareAccount(h.user)) : h.kind === 'service' && (h.reasons?.length ?? 0) > 0);
    // in time order: the System log's events come after the Security log's in the list
    const steps = evs
      .filter((h) => on(h) && mine(h) && (h.kind === 'accountCreated' || (h.kind === 'groupAdd' && !!h.privileged) || h.kind === 'service' || h.kind === 'task' || h.kind === 'logCleared' || h.kind === 'directoryChange'))
      .sort((a, b) => a.ts! - b.ts!);
    if (!steps.length) continue;
    done.add(`${host}\u0000${l.ip}`);
    // the machine as its events name it (Winlogbeat's host.name may be lower case, winlog.computer_name is not)
    const machineName = steps.find((h) => h.computer)?.computer ?? (host || 'an unnamed machine');
    const gap = Math.round((steps[0]!.ts! - l.ts) / 60_000);
    // administrators' rights used: an account put in an administrators group, a service (it runs as SYSTEM), a log cleared, the directory's permissions or GPOs changed
    const admin = steps.some((h) => h.kind === 'groupAdd' || h.kind === 'service' || h.kind === 'logCleared' || (h.kind === 'directoryChange' && !!h.attribute));
    out.push({
      detector: 'hostTampering',
      severity: admin ? 'critical' : 'high',
      entity: machineName,
      entityType: 'host',
      title: `After a guessed Windows logon as ${l.user} from ${l.ip}, ${machineName}: ${formatList([...new Set(steps.map((h) => gist(h, made)))], 5)}`,
      explanation:
        (same
          ? `${l.ip} failed to log on ${g.fails} times from ${iso(g.firstFail)} and then logged on to ${machineName} as ${l.user} with ${l.method} (${iso(l.ts)}). `
          : `${g.ip} failed to log on as ${l.user} ${userFails} times (${g.fails} failures in all from ${iso(g.firstFail)}), and then ${l.ip}, an outside address that had not logged on before, logged on to ${machineName} as ${l.user} with ${l.method} (${iso(l.ts)}): a password guessed from one machine and used from another. `) +
        `Within ${minutes} min of that logon the machine logged, by that account or the accounts it made: ${steps.slice(0, 12).map((h) => step(h, made)).join('; ')}${steps.length > 12 ? `; and ${steps.length - 12} more` : ''}. ` +
        `These are the steps an intruder takes after guessing a password: an account of their own that survives the guessed one being reset, administrators' rights for it, a service or scheduled task that runs their code as SYSTEM, the directory changed to keep the domain (an account left roastable, AdminSDHolder's or the domain's permissions, a GPO that runs their code everywhere), and the logs that would show it cleared (MITRE T1136.001, T1098, T1543.003, T1053.005, T1484, T1070.001)${admin ? '; an account put in Administrators, a service installed, a log cleared or the directory\'s permissions or GPOs changed means the intruder held administrators\' rights' : ''}. ` +
        `Threshold: the logon came from an address with at least ${minFails} failures (bruteForce.minSshFailures)${same ? '' : `, or as an account such an address failed on at least ${guessed} times (bruteForce.guessedUserFailures),`} and the steps within ${minutes} min of it (hostTampering.afterLoginMinutes); other accounts' work on the machine is not counted. ` +
        `Treat ${machineName} as compromised: disable ${formatList([...new Set([l.user!, ...made.map((h) => h.target!)])], 4)}, remove the services and tasks named, and read the logs forwarded from it (the local ones were cleared if a clearing is listed).`,
      numbers: { ...hostNumbers(host), steps: steps.length, failures: g.fails, user: l.user ?? '', from: l.ip ?? '', ...(same ? {} : { guessedFrom: g.ip, userFailures: userFails }), minutesToFirstStep: gap },
      threshold: { metric: 'minutes from the guessed logon to the first step', value: gap, threshold: minutes, setting: 'hostTampering.afterLoginMinutes', unit: 'min' },
      windowMs: minutes * 60_000,
      firstSeen: l.ts,
      lastSeen: steps.reduce((a, h) => Math.max(a, h.ts ?? 0), l.ts),
      query: `id:${[l, ...steps].slice(0, 50).map((h) => h.id).join(',')}`,
      sampleIds: [l, ...steps].slice(0, 20).map((x) => x.id),
      score: Math.min(1, 0.8 + steps.length * 0.03),
    });
  }
  return out;
}
