// Formatting for people: numbers, byte sizes, durations and times that always show their zone.
// Used by the renderer, the CLI and the report, so every face shows a time the same way.

const nf = new Intl.NumberFormat('en-US');

export function formatCount(n: number | null | undefined): string {
  return n == null ? '—' : nf.format(n);
}

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[u]}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();

function dtf(zone: string): Intl.DateTimeFormat {
  let f = dtfCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    dtfCache.set(zone, f);
  }
  return f;
}

/** True when the zone is a valid IANA name (or UTC). */
export function isValidZone(zone: string): boolean {
  try {
    dtf(zone);
    return true;
  } catch {
    return false;
  }
}

/** "2019-01-22 03:59:11 UTC" or "2019-01-22 07:29:11 GMT+3:30": the zone is always shown. */
export function formatTime(ms: number | null | undefined, zone = 'UTC', withMs = false): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  const parts = Object.fromEntries(dtf(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const frac = withMs ? `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
  const tz = zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : parts.timeZoneName === 'GMT' ? 'UTC' : parts.timeZoneName;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${frac} ${tz}`;
}
