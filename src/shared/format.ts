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

/** A span in the largest two units, the second left out when it is zero ("15 min", "1 h 30 min"). */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 59.5) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const two = (big: number, bigUnit: string, small: number, smallUnit: string): string => (small ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`);
  // round once, in the smaller unit shown, so 59.6 s reads "1 min", never "0 min 60 s"
  const secs = Math.round(s);
  if (secs < 3600) return two(Math.floor(secs / 60), 'min', secs % 60, 's');
  const mins = Math.round(s / 60);
  if (mins < 48 * 60) return two(Math.floor(mins / 60), 'h', mins % 60, 'min');
  const hours = Math.round(s / 3600);
  return two(Math.floor(hours / 24), 'd', hours % 24, 'h');
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

/** How a source's times were placed in time, in words (CLI, cleaning report, PDF say it alike). */
export function describeZone(s: { timezone: string; timezoneSource: 'log' | 'option' | 'default' | 'mixed' }): string {
  switch (s.timezoneSource) {
    case 'log':
      return 'offsets written in the records';
    case 'option':
      return `${s.timezone} (set by the analyst, --tz) for records without their own offset`;
    case 'mixed':
      return `offsets written in the records that carry one; the others read as ${s.timezone} (assumed: they carry no zone)`;
    default:
      return `${s.timezone} (assumed: the records carry no zone)`;
  }
}
