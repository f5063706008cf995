// Rule matches a triage tool already made: Hayabusa's timelines and Chainsaw's detections carry,
// on every row, the Sigma (or Hayabusa) rule that matched the Windows event and its level; Wazuh's
// alerts the rule it matched on a log line and its level (0-15, read as these levels by
// formats/wazuh.ts). The tool has judged each event; this groups its verdicts per rule, says on which machines,
// when and how often, and keeps the medium-level noise (the rules that fire on ordinary
// administration) to one finding.
import type { Severity } from '../../../shared/model';
import type { HostEvent } from '../hostEvents';
import { IDS_KEPT } from '../ruleHits';
import type { DetectorDef, DraftFinding } from '../types';
import { formatTime } from '../../../shared/format';
import { count, formatList } from './util';

interface Group {
  rule: string;
  level: string;
  tools: Set<string>;
  hits: number;
  judged: number;
  ids: number[];
  first: number | null;
  last: number | null;
  machines: Map<string, number>;
  users: Set<string>;
  eventIds: Set<string>;
  details: string | null;
}

const iso = (t: number | null): string => (t == null ? 'an unknown time' : formatTime(t));
const when = (g: Group): string => (g.first === g.last ? `at ${iso(g.first)}` : `from ${iso(g.first)} to ${iso(g.last)}`);
const byHits = (a: Group, b: Group): number => b.hits - a.hits || a.rule.localeCompare(b.rule);

/** Per rule and level, summed over machines and over the workers' parts. */
function groups(evs: readonly HostEvent[]): Group[] {
  const out = new Map<string, Group>();
  for (const h of evs) {
    const s = h.sigma;
    if (h.kind !== 'rule' || s === undefined) continue;
    const key = `${s.rule}\u0000${s.level}`;
    let g = out.get(key);
    if (g === undefined) out.set(key, (g = { rule: s.rule, level: s.level, tools: new Set(), hits: 0, judged: 0, ids: [], first: null, last: null, machines: new Map(), users: new Set(), eventIds: new Set(), details: s.details }));
    g.hits += s.hits;
    g.judged += s.judged;
    g.tools.add(s.tool);
    for (const id of s.ids) if (g.ids.length < IDS_KEPT) g.ids.push(id);
    if (s.first !== null && (g.first === null || s.first < g.first)) g.first = s.first;
    if (s.last !== null && (g.last === null || s.last > g.last)) g.last = s.last;
    const m = h.computer ?? 'an unnamed machine';
    g.machines.set(m, (g.machines.get(m) ?? 0) + s.hits);
    if (h.user) g.users.add(h.user);
    if (h.eventId) g.eventIds.add(h.eventId);
  }
  return [...out.values()].sort(byHits);
}

const machinesText = (g: Group): string => {
  const ms = [...g.machines].sort((a, b) => b[1] - a[1]);
  return ms.length === 1 ? `on ${ms[0]![0]}` : `on ${count(ms.length)} machines (${formatList(ms.map(([m, n]) => `${m} ${count(n)}`), 5)})`;
};
const toolsOf = (gs: readonly Group[]): string => formatList([...new Set(gs.flatMap((g) => [...g.tools]))].sort(), 3);
const evidence = (ids: readonly number[]): { query: string; sampleIds: number[] } => ({ query: `id:${ids.slice(0, IDS_KEPT).join(',')}`, sampleIds: ids.slice(0, 20) });

export const ruleMatches: DetectorDef = {
  name: 'ruleMatches',
  title: 'Rule matches from Hayabusa, Chainsaw and Wazuh',
  description:
    "Reads Hayabusa's timelines (csv-timeline and json-timeline, any profile) and Chainsaw's detections (hunt --json or --jsonl), where each row is a Windows event that matched a Sigma or Hayabusa rule, with the rule's level, Wazuh's alerts (alerts.json: level 15 critical, 12-14 high, 10-11 medium, below 10 low) and Falco's (json_output: Emergency, Alert and Critical critical, Error and Warning high, Notice medium). One finding per critical or high rule, at the tool's own level, with the machines, accounts, times and count; the medium-level rules together in one low finding that lists them by count; low and informational matches (every logon, every service start) stay in the timeline. The events' own fields (SrcIP, TgtUser, Cmdline …; Wazuh's full_log line) are read too, so Loupe's other detectors judge the same rows their own way: password guessing, Mimikatz or a PsExec service is also reported by them.",
  settings: [{ key: 'reportMedium', default: true, description: 'report medium-level rule matches (one grouped finding)' }],
  needs: ['hostEvents'],
  incremental: false,
  detect(ctx) {
    const all = groups(ctx.agg.hostEvents);
    const out: DraftFinding[] = [];
    for (const g of all) {
      if (g.level !== 'critical' && g.level !== 'high') continue;
      const severity: Severity = g.level === 'critical' ? 'critical' : 'high';
      const one = g.machines.size === 1 ? [...g.machines.keys()][0]! : null;
      out.push({
        detector: 'ruleMatches',
        severity,
        entity: one !== null ? `${one}: ${g.rule}` : g.rule,
        entityType: one !== null ? 'host' : 'population',
        title: `${g.rule} (${toolsOf([g])}, ${g.level}) ${machinesText(g)}`,
        explanation:
          `${toolsOf([g])} matched the rule "${g.rule}", level ${g.level}, on ${count(g.hits)} event(s) ${machinesText(g)} ${when(g)}` +
          `${g.eventIds.size ? ` (event ${formatList([...g.eventIds], 5)})` : ''}${g.users.size ? `, account ${formatList([...g.users], 4)}` : ''}. ` +
          `${g.details ? `First match: ${g.details}. ` : ''}` +
          `The level is the rule author's: a ${g.level} rule names something an intruder does far more often than an administrator, but rules have false positives, so read the event and what the same account did around it. ` +
          `${g.judged > 0 ? `Loupe's own readers judged ${count(g.judged)} of these events too (a process, service, account or antivirus finding may name the same rows). ` : ''}` +
          `${g.hits > IDS_KEPT ? `The evidence holds the first ${IDS_KEPT} matches. ` : ''}Threshold: any ${g.level} match (the tool's own verdict).`,
        numbers: { matches: g.hits, machines: g.machines.size, rule: g.rule, level: g.level, ...(one !== null ? { host: one } : {}) },
        threshold: null,
        windowMs: null,
        firstSeen: g.first,
        lastSeen: g.last,
        ...evidence(g.ids),
        score: severity === 'critical' ? 0.95 : 0.85,
      });
    }
    const medium = all.filter((g) => g.level === 'medium');
    if (medium.length && ctx.flag('reportMedium')) {
      const hits = medium.reduce((a, g) => a + g.hits, 0);
      const machines = new Set(medium.flatMap((g) => [...g.machines.keys()]));
      const ids = medium.flatMap((g) => g.ids.slice(0, Math.max(1, Math.floor(IDS_KEPT / medium.length)))).slice(0, IDS_KEPT);
      out.push({
        detector: 'ruleMatches',
        severity: 'low',
        entity: 'medium-level rules',
        entityType: 'population',
        title: `${count(medium.length)} medium-level ${toolsOf(medium)} rule(s) matched ${count(hits)} event(s) on ${count(machines.size)} machine(s)`,
        explanation:
          `${toolsOf(medium)}'s medium-level matches, by count: ${formatList(medium.map((g) => `"${g.rule}" ${count(g.hits)} ${machinesText(g)}`), 12)}. ` +
          'Medium rules fire on what administrators do too (remote PowerShell, service changes, unusual logons); each is worth a look beside the high and critical matches and the other findings for the same machines and accounts, not on its own. ' +
          'Threshold: any medium match, grouped into this one finding (ruleMatches.reportMedium).',
        numbers: { rules: medium.length, matches: hits, machines: machines.size },
        threshold: null,
        windowMs: null,
        firstSeen: medium.reduce<number | null>((a, g) => (g.first !== null && (a === null || g.first < a) ? g.first : a), null),
        lastSeen: medium.reduce<number | null>((a, g) => (g.last !== null && (a === null || g.last > a) ? g.last : a), null),
        ...evidence(ids),
        score: 0.3,
      });
    }
    return out;
  },
};
