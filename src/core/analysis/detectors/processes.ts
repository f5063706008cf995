// Suspicious processes: the command lines in Windows process-creation events (Security 4688,
// Sysmon 1) and PowerShell script blocks (4104) that only an intruder types — LSASS dumped,
// Mimikatz, hives or NTDS.dit copied, shadow copies deleted, logs cleared, Defender turned off,
// code downloaded with a built-in tool, an Office program or a web server starting a shell, an
// account made an administrator (processEvents.ts holds the rules; Linux's from auditd, Sysmon for
// Linux and osquery are in linuxRules.ts) — one finding per rule and machine; and a burst of reconnaissance commands (whoami, net group, nltest …) by one account on
// one machine within minutes, which is hands on a keyboard, not a login script.
import type { HostEvent } from '../hostEvents';
import { decodedShellCommand } from '../linuxRules';
import { decodedCommand } from '../processEvents';
import type { DetectorDef, DraftFinding } from '../types';
import { formatTime } from '../../../shared/format';
import { count, duration, formatList, hostEvidence, hostNumbers } from './util';

const machine = (h: HostEvent): string => h.computer ?? (h.eventId === 'EXECVE' ? 'the audited host' : 'an unnamed machine');
const iso = (t: number | null): string => (t == null ? 'at an unknown time' : formatTime(t));
/** A command line as the finding quotes it: whole up to a length, then cut with a mark. */
const quote = (s: string, max = 400): string => (s.length > max ? `${s.slice(0, max)} … (${count(s.length)} characters)` : s);
/** Quoted in the text as written: backslashes stay single (JSON quoting would double every one of a Windows path's). */
const q = (s: string, max?: number): string => `“${quote(s, max)}”`;
const evidence = hostEvidence;
const SOURCES: Readonly<Record<string, string>> = {
  '4104': 'PowerShell script block, event 4104',
  '1': 'Sysmon event 1',
  EXECVE: 'auditd EXECVE record',
  osquery: "osquery's results log",
  mde: "Defender for Endpoint's DeviceProcessEvents",
  falcon: "CrowdStrike Falcon's ProcessRollup2",
};
const source = (h: HostEvent): string => SOURCES[h.eventId] ?? 'event 4688';

export const processes: DetectorDef = {
  name: 'processes',
  title: 'Suspicious processes',
  description:
    'Reads Windows process-creation events (Security 4688 with command lines, Sysmon 1) and PowerShell script blocks (4104) from EvtxECmd CSV, Export-Csv, XML or Winlogbeat exports, and EDR exports (Defender for Endpoint\'s DeviceProcessEvents, CrowdStrike Falcon\'s ProcessRollup2), for the command lines intruders type: LSASS dumped (procdump, comsvcs MiniDump), Mimikatz, the SAM/SYSTEM hives or NTDS.dit copied, shadow copies and backups deleted, event logs cleared, Defender or the firewall turned off, code downloaded with certutil, bitsadmin, mshta, regsvr32 or PowerShell, encoded PowerShell, Word or Excel starting a shell (a macro), IIS, Apache, Tomcat or SQL Server starting a shell (a web shell, xp_cmdshell), accounts made administrators, Run keys, remote execution (wmic /node, PsExec, winrs) and AdFind/SharpHound; one finding per rule and machine. On Linux (auditd EXECVE records, Sysmon for Linux, osquery): reverse shells, scripts fetched and piped to a shell, commands hidden in Base64 (decoded and shown, never run), /etc/shadow read, history or logs wiped, miners, privilege-escalation scans, SSH keys planted, auditd or a security agent stopped, SELinux or the firewall turned off, set-uid shells, /etc/ld.so.preload written, kernel modules loaded from user folders, a second UID 0 account, cron jobs written or locked with chattr, uploads to file-sharing services or rclone, programs run from /dev/shm or a hidden /tmp folder. Reconnaissance commands (whoami, net group, nltest, systeminfo …) are reported only in a burst by one account on one machine.',
  settings: [
    { key: 'reportRules', default: true, description: 'report processes whose command line matches one of the rules (processEvents.ts)' },
    { key: 'minDiscovery', default: 5, description: 'distinct reconnaissance commands (whoami, net group, nltest, systeminfo, ipconfig /all …) one account runs on one machine within discoveryMinutes to be reported' },
    { key: 'discoveryMinutes', default: 10, description: 'the window for minDiscovery' },
  ],
  needs: ['hostEvents'],
  incremental: false,
  detect(ctx) {
    const evs = ctx.agg.hostEvents.filter((h) => h.kind === 'process');
    const out: DraftFinding[] = [];
    if (ctx.flag('reportRules')) out.push(...ruleFindings(evs));
    out.push(...discoveryBursts(evs, ctx.num('minDiscovery'), ctx.num('discoveryMinutes') * 60_000));
    return out;
  },
};

/** One finding per rule and machine, the most telling command line first. */
function ruleFindings(evs: readonly HostEvent[]): DraftFinding[] {
  const groups = new Map<string, { rule: NonNullable<HostEvent['rules']>[number]; hs: HostEvent[] }>();
  for (const h of evs)
    for (const rule of h.rules ?? []) {
      const key = `${rule.id}@${machine(h)}`;
      const g = groups.get(key) ?? { rule, hs: [] };
      g.hs.push(h);
      groups.set(key, g);
    }
  const out: DraftFinding[] = [];
  for (const { rule, hs } of groups.values()) {
    const h = hs[0]!;
    const cmd = h.command ?? h.image ?? '';
    const decoded = h.eventId !== '4104' && h.command ? (decodedCommand(h.command) ?? (h.image?.startsWith('/') || h.eventId === 'EXECVE' ? decodedShellCommand(h.command) : null)) : null;
    const users = [...new Set(hs.map((x) => x.user).filter((u): u is string => !!u))];
    const others = [...new Set(hs.slice(1).map((x) => x.command ?? x.image ?? ''))].filter((c) => c && c !== cmd);
    out.push({
      detector: 'processes',
      severity: rule.severity,
      entity: `${machine(h)}: ${rule.name}`,
      entityType: 'host',
      title: `${rule.name[0]!.toUpperCase()}${rule.name.slice(1)} on ${machine(h)}: ${cmd.replace(/\s+/g, ' ').slice(0, 90)}`,
      explanation:
        `${machine(h)} ran ${hs.length === 1 ? 'a process that matches' : `${count(hs.length)} processes that match`} “${rule.name}” (${source(h)}, ${iso(h.ts)}${users.length ? `, as ${formatList(users, 3)}` : ''}): ${h.eventId === '4104' ? 'the script block' : 'the command line'} ${q(cmd)}${h.parent ? `, started by ${h.parent}` : ''}${decoded ? `; its encoded command decodes to ${q(decoded, 300)} (shown, never run)` : ''}${others.length ? `; also ${others.slice(0, 3).map((c) => q(c, 120)).join(', ')}${others.length > 3 ? ` and ${count(others.length - 3)} more` : ''}` : ''}. ` +
        `Why it matters: ${rule.why}. ` +
        `Threshold: the command line matches the rule (processes.reportRules). An administrator, a backup or deployment script or an authorised red team can run the same command on purpose: check who ran it, from which logon, and whether it was planned; then look at what the same account did on ${machine(h)} just before and after.`,
      numbers: { ...hostNumbers(h.computer), processes: hs.length, rule: rule.id, command: quote(cmd, 1000), ...(h.parent ? { parent: h.parent } : {}), ...(decoded ? { decoded: quote(decoded, 1000) } : {}) },
      threshold: { metric: `command lines matching “${rule.name}”`, value: hs.length, threshold: 1, setting: 'processes.reportRules' },
      ...evidence(hs),
      score: rule.severity === 'high' ? 0.85 : 0.6,
    });
  }
  return out;
}

/** A burst of reconnaissance commands by one account on one machine: the best window of each. */
function discoveryBursts(evs: readonly HostEvent[], min: number, windowMs: number): DraftFinding[] {
  if (min <= 0) return [];
  const groups = new Map<string, HostEvent[]>();
  for (const h of evs) {
    if (!h.discovery || h.ts == null) continue;
    const key = `${machine(h)}|${h.user ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const out: DraftFinding[] = [];
  for (const hs0 of groups.values()) {
    const hs = [...hs0].sort((a, b) => a.ts! - b.ts!);
    let best: HostEvent[] = [];
    let bestDistinct = 0;
    let lo = 0;
    for (let hi = 0; hi < hs.length; hi++) {
      while (hs[hi]!.ts! - hs[lo]!.ts! > windowMs) lo++;
      const win = hs.slice(lo, hi + 1);
      const distinct = new Set(win.map((h) => h.discovery)).size;
      if (distinct > bestDistinct) {
        bestDistinct = distinct;
        best = win;
      }
    }
    if (bestDistinct < min) continue;
    const h = best[0]!;
    const cmds = [...new Set(best.map((x) => x.discovery!))];
    const span = best[best.length - 1]!.ts! - h.ts!;
    out.push({
      detector: 'processes',
      severity: 'medium',
      entity: `${machine(h)}: reconnaissance${h.user ? ` by ${h.user}` : ''}`,
      entityType: 'host',
      title: `Reconnaissance on ${machine(h)}${h.user ? ` by ${h.user}` : ''}: ${count(cmds.length)} kinds of discovery command in ${duration(Math.max(span, 1000))}`,
      explanation:
        `${h.user ?? 'One account'} ran ${count(best.length)} reconnaissance commands of ${count(cmds.length)} kinds on ${machine(h)} within ${duration(Math.max(span, 1000))} from ${iso(h.ts)} (${formatList(cmds, 8)}): e.g. ${best
          .slice(0, 4)
          .map((x) => q(x.command ?? x.image ?? '', 100))
          .join(', ')}. ` +
        `Who am I, which groups, which domain controllers, who is logged on: an intruder who just got a shell asks these in the first minutes, by hand or with a script (MITRE T1033, T1087, T1016, T1082, T1482). ` +
        `Threshold: ${count(cmds.length)} distinct commands, at least ${min} within ${duration(windowMs)} (processes.minDiscovery, processes.discoveryMinutes). A helpdesk technician troubleshooting or an inventory script runs some of them too: check the account, the parent process and whether it was a scheduled job.`,
      numbers: { ...hostNumbers(h.computer), commands: best.length, kinds: cmds.length, spanMs: span, list: cmds.join(', ') },
      threshold: { metric: 'distinct reconnaissance commands in the window', value: cmds.length, threshold: min, setting: 'processes.minDiscovery' },
      ...evidence(best),
      score: 0.6,
    });
  }
  return out;
}
