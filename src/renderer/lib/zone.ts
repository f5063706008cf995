// The display-zone setting (UTC, each source's own zone, or one chosen IANA zone) resolved to
// the zone a given timestamp is shown in. Pure, so every screen resolves it the same way.
import { formatTime, isValidZone } from '../../shared/format';

export type DisplayZone = { kind: 'utc' } | { kind: 'source' } | { kind: 'zone'; zone: string };

export function parseDisplayZone(s: string | null | undefined): DisplayZone {
  if (!s || s === 'utc' || s === 'UTC') return { kind: 'utc' };
  if (s === 'source') return { kind: 'source' };
  return isValidZone(s) ? { kind: 'zone', zone: s } : { kind: 'utc' };
}

export function displayZoneToString(z: DisplayZone): string {
  return z.kind === 'zone' ? z.zone : z.kind;
}

/** The IANA zone for a timestamp from `sourceId` (unknown source zone falls back to UTC). */
export function resolveZone(z: DisplayZone, sourceZones: ReadonlyMap<number, string>, sourceId?: number | null): string {
  switch (z.kind) {
    case 'utc':
      return 'UTC';
    case 'zone':
      return z.zone;
    case 'source': {
      const tz = sourceId == null ? undefined : sourceZones.get(sourceId);
      return tz && isValidZone(tz) ? tz : 'UTC';
    }
  }
}

/** Zone used for values not tied to one source (charts, finding windows): the chosen zone or UTC. */
export function aggregateZone(z: DisplayZone): string {
  return z.kind === 'zone' ? z.zone : 'UTC';
}

export function formatIn(z: DisplayZone, sourceZones: ReadonlyMap<number, string>, ms: number | null | undefined, sourceId?: number | null): string {
  return formatTime(ms, sourceId === undefined ? aggregateZone(z) : resolveZone(z, sourceZones, sourceId));
}

/** Short axis tick: the date for long spans, date and time for days, time for hours, with seconds for spans of minutes (else ticks repeat). */
export function formatTick(ms: number, zone: string, spanMs: number): string {
  const full = formatTime(ms, zone);
  // "2019-01-22 03:59:11 UTC" -> keep date for long spans, time for short ones
  const [date, time] = full.split(' ');
  if (spanMs > 3 * 86_400_000) return date;
  if (spanMs > 86_400_000) return `${date.slice(5)} ${time.slice(0, 5)}`;
  if (spanMs > 15 * 60_000) return time.slice(0, 5);
  return time.slice(0, 8);
}
