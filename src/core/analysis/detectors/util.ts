// Helpers shared by the detector modules: severity arithmetic, crawler caps, wording.
import { SEVERITIES, type Severity } from '../../../shared/model';
import { formatBytes, formatCount, formatDuration } from '../../../shared/format';
import type { CrawlerVerdict } from '../types';
import { maxTs, minTs } from '../foldState';

export const raise = (s: Severity, steps = 1): Severity => SEVERITIES[Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(s) + steps)]!;
export const lower = (s: Severity, steps = 1): Severity => SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - steps)]!;
export const atMost = (s: Severity, cap: Severity): Severity => (SEVERITIES.indexOf(s) > SEVERITIES.indexOf(cap) ? cap : s);

/**
 * A verified search-engine crawler (claimed name, published address range, GET/HEAD only) is capped
 * at `cap`; an unverified claim only lowers volume findings one step; an impersonator gets no discount.
 */
export function crawlerCap(s: Severity, v: CrawlerVerdict | undefined, cap: Severity = 'info'): { severity: Severity; note: string } {
  if (!v) return { severity: s, note: '' };
  if (v.verdict === 'impersonated') return { severity: s, note: ` The user agent claims ${v.claimed}, but the checks do not support it (${v.checks}): treat it as an impersonator.` };
  if (v.verdict === 'unverified') return { severity: atMost(s, 'medium'), note: ` The user agent claims ${v.claimed}, which could not be confirmed (${v.checks}), so at most medium severity.` };
  return { severity: atMost(s, cap), note: ` This source is the ${v.claimed} crawler it claims to be (${v.checks}), so the severity is capped at ${cap}.` };
}

/** 0..1 from how far a value is past its threshold (log scale, saturating at 100x). */
export function scoreOver(value: number, threshold: number): number {
  if (threshold <= 0) return 1;
  const r = Math.max(1, value / threshold);
  return Math.min(1, 0.5 + Math.log10(r) / 4);
}

export const count = formatCount;
export const bytes = formatBytes;
export const duration = formatDuration;

export function span(first: number | null, last: number | null): string {
  return first != null && last != null ? formatDuration(last - first) : 'an unknown time';
}

/** "over 5 min", or "at one logged time" when every event of it carries the same timestamp (never "over 0 ms"). */
export function overSpan(first: number | null, last: number | null): string {
  return first != null && last != null && first === last ? 'at one logged time' : `over ${span(first, last)}`;
}

/** Quotes a value for the explorer query language when it has spaces or quotes. */
export function qv(v: string): string {
  return /[\s"]/.test(v) ? `"${v.replace(/"/g, '')}"` : v;
}

export function formatList(xs: readonly (string | number)[], max = 6): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`;
}

/** A finding's evidence fields for host events (rows without an address): their time span, a query by row id and sample rows. */
/** The machine a host finding is about, in its numbers (the suspicious ranking reads it; absent when the export names none). */
export function hostNumbers(computer: string | null | undefined): { host?: string } {
  return computer ? { host: computer } : {};
}

export function hostEvidence(hs: readonly { id: number; ts: number | null }[]): { windowMs: null; firstSeen: number | null; lastSeen: number | null; query: string; sampleIds: number[] } {
  return {
    windowMs: null,
    firstSeen: hs.reduce<number | null>((a, h) => minTs(a, h.ts), null),
    lastSeen: hs.reduce<number | null>((a, h) => maxTs(a, h.ts), null),
    query: `id:${hs.slice(0, 50).map((h) => h.id).join(',')}`,
    sampleIds: hs.slice(0, 20).map((h) => h.id),
  };
}
