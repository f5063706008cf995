// Rule matches a Windows event triage tool already made (Hayabusa's Sigma and Hayabusa rules,
// formats/hayabusa.ts; Chainsaw's Sigma detections, formats/evtxjson.ts): the rule's title and level ride in the row's extra as `sigma_rule` /
// `sigma_level`. The fold counts them per rule, level and machine (a noisy rule can match
// thousands of events: its count stays exact while only its first rows are kept as evidence);
// detectors/ruleMatches.ts reports them.
import type { HostEvent } from './hostEvents';

/** Levels worth a finding; low and informational matches (every failed logon, every service start) are the timeline's, not the findings'. */
export const REPORTED_LEVELS = new Set(['critical', 'high', 'medium']);
/** Rows kept per rule and machine as evidence (and per rule in a finding). */
export const IDS_KEPT = 50;
/** (rule, level, machine) groups kept; beyond them new groups are dropped (their rows stay in the timeline). */
const GROUPS = 2000;
const DETAILS_CHARS = 300;

export interface RuleHit {
  rule: string;
  level: string;
  /** the tool that matched it (Hayabusa, Chainsaw) */
  tool: string;
  /** matches of this rule on this machine (all of them, not only the kept ids) */
  hits: number;
  /** the first IDS_KEPT matches' event ids */
  ids: number[];
  first: number | null;
  last: number | null;
  /** the first match's details (Hayabusa's Details cell), cut */
  details: string | null;
  /** matches Loupe's own readers also made something of (a process, service or account event its detectors judge) */
  judged: number;
}

/** The JSON string value of sigma_rule, sigma_level and sigma_tool in an extra cell. */
const FIELD_RES: Readonly<Record<string, RegExp>> = Object.fromEntries(['sigma_rule', 'sigma_level', 'sigma_tool'].map((k) => [k, new RegExp(`"${k}":("(?:[^"\\\\]|\\\\.)*")`)]));
const field = (extra: string, key: string): string | null => {
  const m = FIELD_RES[key]!.exec(extra);
  if (m === null) return null;
  try {
    return JSON.parse(m[1]!) as string;
  } catch {
    return null;
  }
};

/**
 * The rule match a `hev` cell (extra, host and message, a newline between) records, when its level
 * is one REPORTED_LEVELS holds: a fresh RuleHit of one match, or null.
 */
export function ruleHitOf(id: number, extra: string, msg: string, ts: number | null): RuleHit | null {
  if (extra.indexOf('"sigma_level":"') < 0) return null;
  const level = field(extra, 'sigma_level');
  const rule = field(extra, 'sigma_rule');
  if (level === null || rule === null || !REPORTED_LEVELS.has(level)) return null;
  const details = msg.trim();
  return { rule, level, tool: field(extra, 'sigma_tool') ?? 'the triage tool', hits: 1, ids: [id], first: ts, last: ts, details: details === '' ? null : details.slice(0, DETAILS_CHARS), judged: 0 };
}

/** Rule matches per rule, level and machine, in the order first seen. */
export class RuleHits {
  private readonly groups = new Map<string, HostEvent>();

  add(h: HostEvent): void {
    const hit = h.sigma!;
    const key = `${hit.rule}\u0000${hit.level}\u0000${h.computer ?? ''}`;
    const g = this.groups.get(key);
    const judged = h.kind === 'rule' ? 0 : 1;
    if (g === undefined) {
      if (this.groups.size < GROUPS) this.groups.set(key, { id: h.id, kind: 'rule', eventId: h.eventId, ts: h.ts, computer: h.computer, user: h.user, sigma: { ...hit, ids: [...hit.ids], judged } });
      return;
    }
    const s = g.sigma!;
    s.hits++;
    s.judged += judged;
    if (s.ids.length < IDS_KEPT) s.ids.push(h.id);
    if (h.ts !== null) {
      if (s.first === null || h.ts < s.first) s.first = h.ts;
      if (s.last === null || h.ts > s.last) s.last = h.ts;
    }
  }

  rows(): HostEvent[] {
    return [...this.groups.values()];
  }
}
