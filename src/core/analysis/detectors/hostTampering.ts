// Host tampering: the Windows events a responder looks for first on a compromised machine. An
// event log cleared (Security 1102, System 104) is anti-forensics; a service installed whose
// name or image is a remote-execution tool's (7045/4697: PsExec's PSEXESVC, a cmd /c or encoded
// PowerShell image, an image in ADMIN$, Temp or Users\Public) is how PsExec, Impacket and
// Metasploit run code on another machine; an account created and put in Administrators or Domain
// Admins within the hour (4720, then 4732/4728/4756) is an attacker's own way back in.
import type { HostEvent } from '../hostEvents';
import type { DetectorDef, DraftFinding, SshRow } from '../types';
import { guessedLogins } from '../guessedLogins';
import { afterWindowsLogon } from './afterWindowsLogon';
import { netonlyLogons } from './netonlyLogons';
import { taskPushes } from './taskPush';
import { rdpHops } from './rdpHops';
import { ipScope } from '../net';
import { formatTime } from '../../../shared/format';
import { maxTs, minTs } from '../foldState';
import { formatList, hostEvidence, hostNumbers } from './util';

const machine = (h: HostEvent): string => h.computer ?? 'an unnamed machine';
const ids = (hs: readonly HostEvent[]): string => `id:${hs.slice(0, 50).map((h) => h.id).join(',')}`;
const first = (hs: readonly HostEvent[]): number | null => hs.reduce<number | null>((a, h) => minTs(a, h.ts), null);
const last = (hs: readonly HostEvent[]): number | null => hs.reduce<number | null>((a, h) => maxTs(a, h.ts), null);
const evidence = hostEvidence;
const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
/** SIDs and names compare case-blind; a name without its domain matches the same name with one. */
/** Windows events carry a numeric event id; Linux ones (linuxEvents.ts) the program's name. */
const windows = (h: HostEvent): boolean => /^\d+$/.test(h.eventId);
/** The login behind a process's user as kv.ts writes it for auditd ("root (logged in as deploy)", or "deploy"). */
const loginOf = (u: string | null | undefined): string => /\(logged in as ([^)]+)\)$/.exec(u ?? '')?.[1] ?? u ?? '';
const bare = (n: string): string => (n.includes('\\') ? n.slice(n.lastIndexOf('\\') + 1) : n).toLowerCase();

export const hostTampering: DetectorDef = {
  name: 'hostTampering',
  title: 'Host tampering',
  description:
    'Reads Windows event exports (EvtxECmd CSV, Export-Csv, XML, Winlogbeat) for what an intruder does on a machine: an event log cleared (Security 1102, System 104), a service installed the way remote-execution tools install one (7045/4697: PsExec\'s PSEXESVC, a command line such as cmd /c or encoded PowerShell as its image, an image on ADMIN$ or in Temp, Users\\Public, AppData or ProgramData, an executable dropped in the Windows folder), and an account created and added to Administrators, Domain Admins or Enterprise Admins within the hour (4720, then 4732/4728/4756). Drivers and updaters installed from Program Files or System32 (Defender, Google Update, VMware Tools) and accounts put in ordinary groups are not reported; an existing account added to an administrators group is low. Also DCSync (4662: an account other than a domain controller\'s granted the directory replication rights), a process started with another account of the same domain\'s network credentials (4624 type 9 by seclogo: runas /netonly, overpass-the-hash; the user\'s own admin account and other domains\' accounts are not reported), scheduled tasks (4698) that run encoded PowerShell, a command line or a program from a user-writable folder, one account opening Remote Desktop sessions on several machines within minutes, each from another address (hopping, medium), and one task created on many machines within minutes (a GPO immediate task or remote schtasks push) running a program outside Program Files, System32 and SCCM\'s folder, on Windows what followed a remote logon (4624 RDP or network logon) from an address that had been guessing passwords, or as an account another address was guessing, by that account or the accounts it made within the hour: accounts made, put in an administrators group, services installed, scheduled tasks, logs cleared (critical once administrators\' rights were used: an administrators group, a service or a clearing); and on Linux (auth.log, secure, journald, auditd) what followed an SSH login from an address that had been guessing passwords, or as an account another address was guessing: accounts made, sudo or wheel rights, passwords changed, sudo or su to root (a refused sudo named as such), sudoers edited, a key for root from a new outside address, programs auditd saw the account run that a process rule names (critical once root is reached); and an account made with UID 0, a second root, on its own.',
  settings: [
    { key: 'reportClearedLogs', default: true, description: 'report an event log cleared (1102 Security, 104 System) as high' },
    { key: 'minServiceSigns', default: 1, description: 'remote-execution signs (tool name, command-line image, image on a share or in a writable folder, exe in the Windows folder) a new service must show to be high' },
    { key: 'newAdminMinutes', default: 60, description: 'minutes between an account\'s creation (4720) and its addition to an administrators group (4732/4728/4756) for the pair to be high' },
    { key: 'reportReplication', default: true, description: 'report an account other than a domain controller\'s asking for directory replication rights (4662, DCSync) as high' },
    { key: 'replicationAccounts', default: 'MSOL_', description: 'account name prefixes (comma-separated) that replicate the directory on purpose (Azure AD Connect\'s MSOL_ account): their replication is low' },
    { key: 'afterLoginMinutes', default: 60, description: 'minutes after an SSH login or Windows remote logon from an address that had failed bruteForce.minSshFailures times within which accounts made, sudo/wheel or administrators memberships, password changes, sudo to root, sudoers edits, services, scheduled tasks and logs cleared on that machine are reported with the login' },
    { key: 'reportNetonly', default: true, description: 'report a process started with another account of the same domain\'s network credentials (4624 type 9 by seclogo: runas /netonly, overpass-the-hash) as high; the user\'s own admin account and other domains\' accounts are not reported' },
    { key: 'minTaskMachines', default: 5, description: 'machines given the same scheduled task (4698) running a program outside Program Files, System32 and SCCM\'s folder within taskPushMinutes: a push (a GPO immediate task, remote schtasks)' },
    { key: 'taskPushMinutes', default: 30, description: 'minutes within which the same task\'s creations on many machines fall for a push' },
    { key: 'rdpHopHosts', default: 4, description: 'machines one account opened Remote Desktop sessions on (4624 type 10) within rdpHopMinutes, from at least rdpHopSources addresses: hopping' },
    { key: 'rdpHopSources', default: 3, description: 'addresses those sessions came from (an administrator works from one or two: the jump host, their desk)' },
    { key: 'rdpHopMinutes', default: 30, description: 'minutes within which the hops fall' },
    { key: 'minTaskSigns', default: 1, description: 'persistence signs (an encoded or hidden PowerShell or other command-line action, a program in a folder any user can write to) a new scheduled task (4698) must show to be high' },
  ],
  needs: ['hostEvents', 'ssh'],
  incremental: false,
  detect(ctx) {
    const out: DraftFinding[] = [];
    const evs = ctx.agg.hostEvents;
    // 1. logs cleared, one finding per machine
    if (ctx.flag('reportClearedLogs')) {
      const byHost = new Map<string, HostEvent[]>();
      for (const h of evs) if (h.kind === 'logCleared') byHost.set(machine(h), [...(byHost.get(machine(h)) ?? []), h]);
      for (const [host, hs] of byHost) {
        const logs = [...new Set(hs.map((h) => h.log ?? 'an event'))];
        const users = [...new Set(hs.map((h) => h.user).filter((u): u is string => !!u))];
        const who = users.length ? `by ${formatList(users, 3)}` : 'by an account the export does not name';
        out.push({
          detector: 'hostTampering',
          severity: 'high',
          entity: host,
          entityType: 'host',
          title: `${formatList(logs, 3)} log cleared on ${host} ${who}`,
          explanation:
            `The ${formatList(logs, 3)} event log${logs.length > 1 ? 's were' : ' was'} cleared on ${host} ${who} (${hs.map((h) => `event ${h.eventId} ${iso(h.ts)}`).slice(0, 5).join('; ')}). ` +
            `Clearing the Security or System log is anti-forensics: an intruder wipes the logons, services and process starts that would show what was done (Sigma "Security Eventlog Cleared", MITRE T1070.001); administrators almost never need to. ` +
            `Reported because hostTampering.reportClearedLogs is on. ` +
            `Everything on ${host} before ${iso(first(hs))} may be missing from this log: look for it in forwarded copies (SIEM, Windows Event Forwarding), the other machines' logs and the account's logons just before, and ask whether ${users[0] ?? 'the account'} cleared it on purpose.`,
          numbers: { ...hostNumbers(hs[0]!.computer), clears: hs.length, logs: logs.join(','), users: users.join(',') },
          threshold: null,
          ...evidence(hs),
          score: 0.9,
        });
      }
    }
    // 2. services installed the way remote-execution tools install them
    const minSigns = ctx.num('minServiceSigns');
    const bySvc = new Map<string, HostEvent[]>();
    for (const h of evs) if (h.kind === 'service' && (h.reasons?.length ?? 0) >= minSigns && minSigns > 0) bySvc.set(`${h.service}@${machine(h)}`, [...(bySvc.get(`${h.service}@${machine(h)}`) ?? []), h]);
    for (const [entity, hs] of bySvc) {
      const h = hs[0]!;
      const host = machine(h);
      const reasons = h.reasons!;
      const by = hs.map((x) => x.user).find((u) => !!u);
      out.push({
        detector: 'hostTampering',
        severity: 'high',
        entity,
        entityType: 'host',
        title: `Service ${h.service} installed on ${host} like remote execution${h.image ? `: ${h.image.slice(0, 80)}` : ''}`,
        explanation:
          `A service ${h.service} was installed on ${host} (event ${h.eventId}${hs.length > 1 ? `, ${hs.length} times` : ''}, ${iso(first(hs))}${by ? `, by ${by}` : ''}) with the image ${h.image ?? '(not in the export)'}${h.account ? ` running as ${h.account}` : ''}: ${reasons.join('; ')}. ` +
          `Installing a service is how PsExec, Impacket (psexec, smbexec), Metasploit and CrackMapExec run a command as SYSTEM on a machine they reached over SMB with a stolen password (Sigma "PsExec Service Installation", "Suspicious Service Installation", MITRE T1569.002/T1543.003). ` +
          `Threshold: ${reasons.length} sign${reasons.length > 1 ? 's' : ''}, at least ${minSigns} (hostTampering.minServiceSigns); services run from Program Files or System32 and Defender's own drivers do not count. ` +
          `Find who logged on to ${host} over the network just before (4624 logon type 3 from another machine), what ran as SYSTEM after, and whether an administrator used PsExec on purpose.`,
        numbers: { ...hostNumbers(h.computer), installs: hs.length, service: h.service ?? '', image: h.image ?? '', signs: reasons.length },
        threshold: { metric: 'remote-execution signs of the service', value: reasons.length, threshold: minSigns, setting: 'hostTampering.minServiceSigns' },
        ...evidence(hs),
        score: 0.8 + Math.min(0.15, reasons.length * 0.05),
      });
    }
    // 3. accounts put in an administrators group: right after their creation (high) or not (low)
    const minutes = ctx.num('newAdminMinutes');
    const created = evs.filter((h) => h.kind === 'accountCreated' && windows(h));
    const adds = new Map<string, { add: HostEvent[]; made: HostEvent | null }>();
    for (const g of evs) {
      if (g.kind !== 'groupAdd' || !g.privileged || !windows(g)) continue;
      const made =
        created.find(
          (c) =>
            c.ts != null && g.ts != null && g.ts >= c.ts && g.ts - c.ts <= minutes * 60_000 &&
            ((c.targetSid && g.targetSid && c.targetSid.toLowerCase() === g.targetSid.toLowerCase()) || (c.target && g.target && bare(c.target) === bare(g.target))),
        ) ?? null;
      const name = made?.target ?? g.target ?? g.targetSid ?? 'an unnamed member';
      const key = name.toLowerCase();
      const a = adds.get(key) ?? { add: [], made: null };
      a.add.push(g);
      a.made ??= made;
      adds.set(key, a);
    }
    for (const [, a] of adds) {
      const g = a.add[0]!;
      const groups = [...new Set(a.add.map((x) => x.group!))];
      const name = a.made?.target ?? g.target ?? g.targetSid ?? 'an unnamed member';
      const by = a.made?.user ?? g.user;
      const rows = a.made ? [a.made, ...a.add] : a.add;
      const gap = a.made && a.made.ts != null && g.ts != null ? Math.round((g.ts - a.made.ts) / 60_000) : null;
      out.push({
        detector: 'hostTampering',
        severity: a.made ? 'high' : 'low',
        entity: name,
        entityType: 'user',
        title: a.made ? `Account ${name} created and added to ${formatList(groups, 3)} within ${gap} min on ${machine(g)}` : `${name} added to ${formatList(groups, 3)} on ${machine(g)}`,
        explanation: a.made
          ? `The account ${name} was created on ${machine(a.made)} ${iso(a.made.ts)}${a.made.user ? ` by ${a.made.user}` : ''} (4720) and added to ${formatList(groups, 3)} ${gap} min later${g.user ? ` by ${g.user}` : ''} (${formatList([...new Set(a.add.map((x) => x.eventId))], 3)}). ` +
            `A new account made an administrator at once is how an intruder keeps a way back in that survives a password reset of the account first stolen (MITRE T1136, T1098; Sigma "User Added to Local Administrators"); staff accounts are usually created by a provisioning process into ordinary groups. ` +
            `Threshold: added within ${minutes} min of its creation (hostTampering.newAdminMinutes). ` +
            `Ask whether ${by ?? 'the creator'} made this account on purpose, disable it if not, and look for its logons (4624) since ${iso(a.made.ts)}.`
          : `${name} was added to ${formatList(groups, 3)} on ${machine(g)} ${iso(g.ts)}${g.user ? ` by ${g.user}` : ''} (${formatList([...new Set(a.add.map((x) => x.eventId))], 3)}); it was not created within hostTampering.newAdminMinutes (${minutes} min) before, so this is low: administrators do grant such rights, but each one should be on a change record.`,
        numbers: { adds: a.add.length, groups: groups.join(','), by: by ?? '', ...(gap != null ? { minutesAfterCreation: gap } : {}) },
        threshold: a.made && gap != null ? { metric: 'minutes between creation and admin group', value: gap, threshold: minutes, setting: 'hostTampering.newAdminMinutes', unit: 'min' } : null,
        windowMs: minutes * 60_000,
        firstSeen: first(rows),
        lastSeen: last(rows),
        query: ids(rows),
        sampleIds: rows.slice(0, 20).map((x) => x.id),
        score: a.made ? 0.85 : 0.3,
      });
    }
    out.push(...replication(ctx.flag('reportReplication'), ctx.text('replicationAccounts'), evs), ...tasks(ctx.num('minTaskSigns'), evs), ...netonlyLogons(ctx.flag('reportNetonly'), evs), ...taskPushes(ctx.num('minTaskMachines'), ctx.num('taskPushMinutes'), evs), ...rdpHops(ctx.num('rdpHopHosts'), ctx.num('rdpHopSources'), ctx.num('rdpHopMinutes'), evs));
    // the events told as steps after a guessed login, every one (a finding's sample ids stop at 20)
    const told = new Set<number>();
    out.push(...afterGuessedLogin(ctx.num('afterLoginMinutes'), ctx.num('bruteForce.minSshFailures'), ctx.num('bruteForce.guessedUserFailures'), ctx.num('bruteForce.minFailShare'), ctx.num('bruteForce.highFailures'), evs, ctx.agg.ssh, told));
    out.push(...afterWindowsLogon(ctx.num('afterLoginMinutes'), ctx.num('bruteForce.minSshFailures'), ctx.num('bruteForce.guessedUserFailures'), ctx.num('bruteForce.minFailShare'), ctx.num('bruteForce.highFailures'), evs, ctx.agg.ssh));
    out.push(...secondRoots(evs, told));
    return out;
  },
};

/** DCSync: an account asking a domain controller for the directory replication rights (4662), one finding per account. */
function replication(on: boolean, syncPrefixes: string, evs: readonly HostEvent[]): DraftFinding[] {
  if (!on) return [];
  const prefixes = syncPrefixes.split(',').map((p) => p.trim().toLowerCase()).filter((p) => p.length > 0);
  const byUser = new Map<string, HostEvent[]>();
  for (const h of evs) if (h.kind === 'replication') byUser.set(h.user ?? 'an unnamed account', [...(byUser.get(h.user ?? 'an unnamed account') ?? []), h]);
  const out: DraftFinding[] = [];
  for (const [user, hs] of byUser) {
    const sync = prefixes.some((p) => bare(user).startsWith(p));
    const rights = [...new Set(hs.flatMap((h) => h.rights ?? []))];
    const dcs = [...new Set(hs.map(machine))];
    out.push({
      detector: 'hostTampering',
      severity: sync ? 'low' : 'high',
      entity: user,
      entityType: 'user',
      title: sync ? `Directory replication by ${user} (a sync account) on ${formatList(dcs, 2)}` : `DCSync: ${user} asked ${formatList(dcs, 2)} for directory replication`,
      explanation:
        `${user} was granted the directory replication right${rights.length > 1 ? 's' : ''} ${formatList(rights, 3)} on ${formatList(dcs, 3)} (event 4662, ${hs.length} time${hs.length > 1 ? 's' : ''}, ${iso(first(hs))}). ` +
        (sync
          ? `Its name starts with one of hostTampering.replicationAccounts (${syncPrefixes}), the accounts that replicate on purpose (Azure AD Connect copies password hashes to the cloud this way), so this is low; check the account is still the sync server's and logs on only from it.`
          : `Only domain controllers (accounts ending in $) replicate the directory; an ordinary account asking for these rights is DCSync (mimikatz lsadump::dcsync, Impacket secretsdump): it copies every account's password hash, krbtgt's included, without touching the domain controller's disk (MITRE T1003.006, Sigma "Mimikatz DC Sync"). ` +
            `Reported because hostTampering.reportReplication is on; domain controllers' own accounts and the sync accounts in hostTampering.replicationAccounts (${syncPrefixes}) are not reported as high. ` +
            `Find where ${user} logged on from just before (4624 on ${dcs[0]}), who holds the replication rights on the domain object, and treat every password in the domain, krbtgt's twice, as stolen.`),
      numbers: { events: hs.length, rights: rights.join(','), controllers: dcs.join(',') },
      threshold: null,
      ...evidence(hs),
      score: sync ? 0.25 : 0.95,
    });
  }
  return out;
}

/** Scheduled tasks created (4698) whose action looks like persistence, one finding per task and machine. */
function tasks(minSigns: number, evs: readonly HostEvent[]): DraftFinding[] {
  const byTask = new Map<string, HostEvent[]>();
  for (const h of evs) if (h.kind === 'task' && minSigns > 0 && (h.reasons?.length ?? 0) >= minSigns) byTask.set(`${h.task}@${machine(h)}`, [...(byTask.get(`${h.task}@${machine(h)}`) ?? []), h]);
  const out: DraftFinding[] = [];
  for (const [entity, hs] of byTask) {
    const h = hs[0]!;
    const reasons = h.reasons!;
    out.push({
      detector: 'hostTampering',
      severity: 'high',
      entity,
      entityType: 'host',
      title: `Scheduled task ${h.task} created on ${machine(h)}: ${(h.command ?? '').slice(0, 80)}`,
      explanation:
        `A scheduled task ${h.task} was created on ${machine(h)} (event 4698, ${iso(first(hs))}${h.user ? `, by ${h.user}` : ''}) to run ${h.command}: ${reasons.join('; ')}. ` +
        `A task is how an intruder keeps code running after a reboot or runs it as SYSTEM on a machine reached with a stolen password (schtasks /create, Impacket atexec; MITRE T1053.005); software installs put their tasks' programs in Program Files or System32. ` +
        `Threshold: ${reasons.length} sign${reasons.length > 1 ? 's' : ''}, at least ${minSigns} (hostTampering.minTaskSigns); vendors' updaters in AppData\\Local\\Microsoft or Programs do not count. ` +
        `Export the task (schtasks /query /tn "${h.task}" /xml), find the file it runs and who logged on to ${machine(h)} just before, and delete the task if nobody made it on purpose.`,
      numbers: { ...hostNumbers(h.computer), tasks: hs.length, task: h.task ?? '', command: h.command ?? '', signs: reasons.length },
      threshold: { metric: 'persistence signs of the task', value: reasons.length, threshold: minSigns, setting: 'hostTampering.minTaskSigns' },
      ...evidence(hs),
      score: 0.8 + Math.min(0.15, reasons.length * 0.05),
    });
  }
  return out;
}

/** A step in a few words for the title (null: said by another step, a sudo that is not to root). */
function gist(h: HostEvent): string | null {
  switch (h.kind) {
    case 'accountCreated':
      return h.uid === 0 ? `account ${h.target} made with UID 0 (a second root)` : `account ${h.target} made`;
    case 'groupAdd':
      return `${h.target} put in ${h.group}`;
    case 'password':
      return `password of ${h.target} changed`;
    case 'sudo':
      return h.refused ? `sudo to ${h.target} refused` : h.privileged ? 'sudoers changed' : h.target === 'root' ? 'root reached' : null;
    case 'sshLogin':
      return `root logged in with a key from ${h.ip}`;
    case 'process':
      return h.rules?.[0]?.name ?? null;
    default:
      return null;
  }
}

/** What one step after a guessed login was, in words. */
function step(h: HostEvent): string {
  const at = iso(h.ts);
  switch (h.kind) {
    case 'accountCreated':
      return `account ${h.target} created${h.uid === 0 ? ' with UID 0, root\'s own id: a second root under another name' : ''} (useradd, ${at})`;
    case 'groupAdd':
      return `${h.target} added to the ${h.group} group${h.user ? ` by ${h.user}` : ''} (${h.eventId}, ${at})`;
    case 'password':
      return `password of ${h.target} changed (${h.eventId}, ${at})`;
    case 'sudo':
      if (h.refused) return `${h.user} tried to run ${h.command} as ${h.target} with sudo and was refused (${at})`;
      return h.command === 'su' ? `${h.user} became ${h.target} with su (${at})` : `${h.user} ran ${h.command} as ${h.target} with sudo${h.privileged ? ', changing who may use sudo' : ''} (${at})`;
    case 'sshLogin':
      return `${h.target ?? h.user} logged in with ${h.method} from ${h.ip}, an address new to the machine (${at})`;
    case 'process':
      return `“${(h.command ?? h.image ?? '').slice(0, 160)}” run${h.user ? ` as ${h.user}` : ''}: ${formatList((h.rules ?? []).map((r) => r.name), 3)} (auditd, ${at})`;
    default:
      return `${h.kind} (${at})`;
  }
}

/**
 * Linux: an SSH login from an address that had been guessing passwords, and what followed on that
 * machine within the hour: the steps an intruder takes to stay (an account, sudo rights, a
 * password, a key for root) and to become root. An administrator's own sudo is not a step.
 * `told` gathers the ids of the steps reported, so no other finding tells them again.
 */
function afterGuessedLogin(minutes: number, minFails: number, guessed: number, share: number, highFails: number, evs: readonly HostEvent[], ssh: readonly SshRow[], told: Set<number>): DraftFinding[] {
  const logins = evs.filter((h) => h.kind === 'sshLogin');
  const out: DraftFinding[] = [];
  const done = new Set<string>();
  for (const { login: l, guesser: g, same, userFails } of guessedLogins(evs, ssh, minFails, guessed, share, highFails)) {
    if (l.ts == null) continue;
    const host = l.computer ?? '';
    const key = `${host}\u0000${l.ip}`;
    if (done.has(key)) continue;
    const until = l.ts + minutes * 60_000;
    const on = (h: HostEvent): boolean => (h.computer ?? '') === host && h.ts != null && h.ts >= l.ts! && h.ts <= until && !windows(h);
    const made = new Set(evs.filter((h) => on(h) && h.kind === 'accountCreated').map((h) => h.target!));
    // who the intruder is on this machine: the guessed account and the accounts made after it
    const theirs = new Set([l.user!, ...made]);
    const earlier = new Set(logins.filter((x) => (x.computer ?? '') === host && x.ts != null && x.ts < l.ts! && x.user === 'root').map((x) => x.ip));
    const steps = evs.filter(
      (h) =>
        on(h) &&
        h !== l &&
        (h.kind === 'accountCreated' ||
          (h.kind === 'groupAdd' && h.privileged) ||
          h.kind === 'password' ||
          (h.kind === 'sudo' && (theirs.has(h.user!) || !!h.privileged)) ||
          (h.kind === 'sshLogin' && h.user === 'root' && h.method === 'publickey' && h.ip !== l.ip && !earlier.has(h.ip!) && ipScope(h.ip!) === 'external') ||
          // a program auditd saw the intruder run (a rule it matched), under the guessed login: "root (logged in as deploy)"
          (h.kind === 'process' && h.eventId === 'EXECVE' && !!h.rules?.length && theirs.has(loginOf(h.user)))),
    );
    if (!steps.length) continue;
    done.add(key);
    for (const h of steps) told.add(h.id);
    const machineName = host || 'an unnamed machine';
    const gap = Math.round((steps[0]!.ts! - l.ts) / 60_000);
    // root reached: sudo or su to root that was not refused, an account with root's id, root's password set, a key for root
    const root = steps.some((h) => (h.kind === 'sudo' && h.target === 'root' && !h.refused) || (h.kind === 'accountCreated' && h.uid === 0) || (h.kind === 'password' && h.target === 'root') || h.kind === 'sshLogin' || (h.kind === 'process' && /^root\b/.test(h.user ?? '')));
    out.push({
      detector: 'hostTampering',
      severity: root ? 'critical' : 'high',
      entity: machineName,
      entityType: 'host',
      title: `After a guessed SSH login as ${l.user} from ${l.ip}, ${machineName}: ${formatList([...new Set(steps.map(gist).filter((x): x is string => !!x))], 5)}`,
      explanation:
        (same
          ? `${l.ip} failed to log in over SSH ${g.fails} times from ${iso(g.firstFail)} and then logged in to ${machineName} as ${l.user} with ${l.method} (${iso(l.ts)}). `
          : `${g.ip} failed to log in over SSH as ${l.user} ${userFails} times (${g.fails} failures in all from ${iso(g.firstFail)}), and then ${l.ip}, an outside address that had not logged in before, logged in to ${machineName} as ${l.user} with ${l.method} (${iso(l.ts)}): a password guessed from one machine and used from another. `) +
        `Within ${minutes} min of that login the machine logged: ${steps.slice(0, 12).map(step).join('; ')}${steps.length > 12 ? `; and ${steps.length - 12} more` : ''}. ` +
        `These are the steps an intruder takes after guessing a password: an account of their own, sudo or wheel rights for it, a changed password or a key for root that survives the guessed password being reset, and root itself (MITRE T1136.001, T1098, T1548.003). ` +
        `Threshold: the login came from an address with at least ${minFails} failures (bruteForce.minSshFailures)${same ? '' : `, or as an account such an address failed on at least ${guessed} times (bruteForce.guessedUserFailures),`} and the steps within ${minutes} min of it (hostTampering.afterLoginMinutes); an administrator's own sudo and the system's jobs are not counted. ` +
        `Treat ${machineName} as compromised: lock ${formatList([...theirs], 4)}, look at /etc/passwd, /etc/sudoers(.d) and every authorized_keys file, and rebuild the machine if root was reached.`,
      numbers: { ...hostNumbers(host), steps: steps.length, failures: g.fails, user: l.user ?? '', from: l.ip ?? '', ...(same ? {} : { guessedFrom: g.ip, userFailures: userFails }), minutesToFirstStep: gap },
      threshold: { metric: 'minutes from the guessed login to the first step', value: gap, threshold: minutes, setting: 'hostTampering.afterLoginMinutes', unit: 'min' },
      windowMs: minutes * 60_000,
      firstSeen: l.ts,
      lastSeen: last(steps),
      query: ids([l, ...steps]),
      sampleIds: [l, ...steps].slice(0, 20).map((x) => x.id),
      score: Math.min(1, 0.8 + steps.length * 0.03),
    });
  }
  return out;
}

/**
 * Linux accounts made with UID 0 (useradd -o -u 0): root under another name, which survives root's
 * password being changed and hides in a list of users. Administrators have no reason to; one told
 * already as a step after a guessed login (`told`: its event ids) is not told twice.
 */
function secondRoots(evs: readonly HostEvent[], told: ReadonlySet<number>): DraftFinding[] {
  const made = evs.filter((h) => h.kind === 'accountCreated' && h.uid === 0 && !windows(h) && !told.has(h.id));
  return made.map((h) => ({
    detector: 'hostTampering',
    severity: 'high' as const,
    entity: machine(h),
    entityType: 'host' as const,
    title: `Account ${h.target} made with UID 0 on ${machine(h)}: a second root`,
    explanation:
      `useradd logged a new account ${h.target} on ${machine(h)} with UID 0 ${iso(h.ts)}: root's own id, so it is root under another name, keeps working when root's password is changed, and hides among the users (MITRE T1136.001, T1078.003). ` +
      `Administrators have no reason to make one; it takes "useradd -o -u 0", which is an intruder's way back in. The threshold is any such account. ` +
      `Look at /etc/passwd for every line with UID 0, and at who was logged in to ${machine(h)} just before (sshd "Accepted" lines, sudo).`,
    numbers: { ...hostNumbers(h.computer), user: h.target ?? '', uid: 0 },
    threshold: null,
    ...evidence([h]),
    score: 0.85,
  }));
}