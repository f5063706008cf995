// A finding's evidence numbers as people read them: words for the detector's keys and each value
// with its unit (durations, bytes, shares as %). Pure, so the findings screen and the PDF share it.
import { PAYLOAD_LABELS } from '../analysis/payload';
import { formatBytes, formatCount, formatDuration, formatTime } from '../../shared/format';

/** Keys whose words the generic camelCase split gets wrong or leaves as jargon. */
const LABELS: Readonly<Record<string, string>> = {
  portsBelow1024: 'ports below 1024',
  synOnlyFlows: 'SYN-only flows',
  answered2xx: 'answered 2xx',
  answered5xx: 'answered 5xx',
  refused503or429: 'refused (503 or 429)',
  sdIntervalMs: 'interval spread (std. dev.)',
  periodMs: 'period',
  jitter: 'jitter (spread / period)',
  ownAveragePerMinute: 'own average per minute',
  populationMedianPeak: 'median peak of all sources',
  kinds: 'payload kinds',
  example: 'example payload',
};

/** 'invalidUsers' / 'fail_share' -> 'invalid users' / 'fail share'. */
export function humanKey(k: string): string {
  return k
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

type Unit = 'duration' | 'share' | 'bytes' | 'zscore' | 'kinds' | 'time' | 'plain';

/** Keys whose value is an instant (epoch ms): shown as a time, not as a 13-digit count. */
const TIME_KEYS: ReadonlySet<string> = new Set(['lastLoginWorked']);

/** How an instant is written: the screen passes its display zone, the PDF the report's. */
export type TimeFormatter = (ms: number) => string;
const utcTime: TimeFormatter = (ms) => formatTime(ms);

function unitOf(key: string): Unit {
  if (key === 'kinds') return 'kinds';
  if (TIME_KEYS.has(key) || /[a-z]At$/.test(key)) return 'time';
  if (/^z_/.test(key)) return 'zscore';
  if (/Ms$|_ms$/.test(key)) return 'duration';
  if (/(?:^s|S)hare$|^jitter$/.test(key)) return 'share';
  if (/(?:^b|B)ytes$/.test(key)) return 'bytes';
  return 'plain';
}

export function numberLabel(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  // outlier keys are 'z_<what was measured>': say it is a robust z-score of that measure
  if (/^z_/.test(key)) return `${key.slice(2)} (robust z-score)`;
  return humanKey(key.replace(/Ms$|_ms$/, ''));
}

const frac = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function numberValue(key: string, value: number | string, fmtTime: TimeFormatter = utcTime): string {
  if (typeof value === 'string') {
    if (value === '') return '—';
    if (unitOf(key) === 'kinds') return value.split(',').map((k) => (PAYLOAD_LABELS as Readonly<Record<string, string>>)[k.trim()] ?? k.trim()).join(', ');
    return value;
  }
  if (!Number.isFinite(value)) return String(value);
  switch (unitOf(key)) {
    case 'duration':
      return formatDuration(value);
    case 'time':
      return fmtTime(value);
    case 'share':
      return `${frac.format(value * 100)} %`;
    case 'bytes':
      return `${formatBytes(value)}${Math.abs(value) >= 1024 ? ` (${formatCount(value)} bytes)` : ''}`;
    case 'zscore':
      return frac.format(value);
    default:
      return Number.isInteger(value) ? formatCount(value) : frac.format(value);
  }
}

/** Every number of a finding as a label and a value with its unit, in the detector's order. */
export function findingNumberRows(numbers: Readonly<Record<string, number | string>>, fmtTime: TimeFormatter = utcTime): { key: string; label: string; value: string }[] {
  return Object.entries(numbers).map(([key, v]) => ({ key, label: numberLabel(key), value: numberValue(key, v, fmtTime) }));
}
