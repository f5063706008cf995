// Timestamp text -> UTC epoch milliseconds, hand-rolled over char codes (no regex, no Date.parse,
// whose local-time guesses are not evidence). IANA zones are resolved with Intl, cached per hour.
import { LoupeError } from '../errors';

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

const HOUR = 3_600_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** Throws a usage error unless `tz` is an IANA zone (or UTC) that this runtime knows. */
export function validateTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new LoupeError('usage', `unknown time zone "${tz}": pass an IANA name such as Europe/Berlin, America/New_York or UTC`);
  }
}

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    validateTimeZone(tz);
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC (ms, east positive) at the instant `utcMs`; cached per zone and hour. */
export function zoneOffsetMs(tz: string, utcMs: number): number {
  const hour = Math.floor(utcMs / HOUR);
  const key = `${tz}|${hour}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const at = hour * HOUR;
  const parts = formatterFor(tz).formatToParts(new Date(at));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const off = local - at;
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, off);
  return off;
}

/** Wall-clock time in `tz` (given as if it were UTC) -> UTC epoch ms. Gaps/overlaps resolve to the earlier offset. */
export function localToUtc(localMs: number, tz: string | null): number {
  if (tz === null || tz === 'UTC' || tz === 'Etc/UTC') return localMs;
  const guess = localMs - zoneOffsetMs(tz, localMs);
  return localMs - zoneOffsetMs(tz, guess);
}

export interface TimeContext {
  tz: string | null;
  year: number | null;
  refTime: number | null;
  /**
   * How to read `03/07/2017` (day first or month first). Decided per source from its values at
   * detection (a part above 12 settles it); month first when nothing does, and the layout says so.
   */
  dateOrder?: 'dmy' | 'mdy';
  /**
   * `h:mm` without seconds or AM/PM is a 12-hour clock of a working day: 1:00 to 7:59 are the
   * afternoon (CIC-IDS2017's CSVs write 3:56 for the 15:56 DDoS; its captures ran 8:00 to 18:00).
   */
  workdayClock?: boolean;
}

/** The time context of a parser: the source's options plus what detection learned (date order). */
export function timeContextOf(ctx: { tz: string | null; year: number | null; refTime: number | null; layout: { hints?: Record<string, string | number | boolean> } }): TimeContext {
  const order = ctx.layout.hints?.dateOrder;
  return { tz: ctx.tz, year: ctx.year, refTime: ctx.refTime, dateOrder: order === 'dmy' ? 'dmy' : 'mdy', ...(ctx.layout.hints?.workdayClock === true ? { workdayClock: true } : {}) };
}

/** For `a/b/yyyy` dates in sample values: 'dmy' or 'mdy' when a value settles it, else null. */
export function slashDateOrder(values: readonly string[]): 'dmy' | 'mdy' | null {
  for (const v of values) {
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/\d{4}/.exec(v);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    // a value that is no date either way (13/45) settles nothing
    if (a > 12 && a <= 31 && b >= 1 && b <= 12) return 'dmy';
    if (b > 12 && b <= 31 && a >= 1 && a <= 12) return 'mdy';
  }
  return null;
}

/**
 * `7/3/2017 8:55[:58[.fff]][ AM|PM]` with 1- or 2-digit parts (CIC-IDS, Excel/US exports; Azure Log
 * Analytics writes `1/5/2024, 10:00:01.123 AM`); a two-digit year as Windows DHCP Server writes
 * `12/07/26` (00-69 the 2000s, as strptime's %y).
 */
function parseSlashDate(s: string, ctx: TimeContext): number {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:,? ?[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:\s*([AaPp])[Mm])?)?$/.exec(s);
  if (!m) return NaN;
  if (m[3].length === 2) m[3] = `${Number(m[3]) < 70 ? '20' : '19'}${m[3]}`;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const [d, mo] = ctx.dateOrder === 'dmy' ? [a, b - 1] : [b, a - 1];
  let h = m[4] !== undefined ? Number(m[4]) : 0;
  const mi = m[5] !== undefined ? Number(m[5]) : 0;
  const sec = m[6] !== undefined ? Number(m[6]) : 0;
  const ms = m[7] !== undefined ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6) : 0;
  if (m[8] !== undefined) {
    if (h < 1 || h > 12) return NaN;
    const pm = m[8] === 'P' || m[8] === 'p';
    h = (h % 12) + (pm ? 12 : 0);
  } else if (ctx.workdayClock && m[6] === undefined && h >= 1 && h <= 7) h += 12;
  if (!validClock(mo, d, h, mi, sec, Number(m[3]))) return NaN;
  return localToUtc(Date.UTC(Number(m[3]), mo, d, h, mi, sec, ms), ctx.tz);
}

/** `05.03.2024 10:00[:00[.fff]]`: the European dotted date, always day first. */
function parseDottedDate(s: string, ctx: TimeContext): number {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?$/.exec(s);
  if (!m) return NaN;
  const d = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const h = m[4] !== undefined ? Number(m[4]) : 0;
  const mi = m[5] !== undefined ? Number(m[5]) : 0;
  const sec = m[6] !== undefined ? Number(m[6]) : 0;
  const ms = m[7] !== undefined ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6) : 0;
  if (!validClock(mo, d, h, mi, sec, Number(m[3]))) return NaN;
  return localToUtc(Date.UTC(Number(m[3]), mo, d, h, mi, sec, ms), ctx.tz);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function num(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

function monthAt(s: string, i: number): number {
  const m = MONTHS[s.slice(i, i + 3).toLowerCase()];
  return m === undefined ? -1 : m;
}

/** Fraction of a second starting at `i` (which holds '.' or ','): returns [ms, next index]. */
function fraction(s: string, i: number): [number, number] {
  let j = i + 1;
  let ms = 0;
  let scale = 100;
  while (j < s.length && isDigit(s.charCodeAt(j))) {
    ms += (s.charCodeAt(j) - 48) * scale;
    scale /= 10;
    j++;
  }
  return [Math.floor(ms + 1e-6), j];
}

/**
 * Zone suffix at `i`: `Z`, `UTC`, `GMT`, `+hh:mm`, `+hhmm`, `+hh`, optionally after one space.
 * Returns offset ms (east positive), null when there is no zone, or NaN when the suffix is garbage.
 */
function zoneSuffix(s: string, i: number): number | null {
  if (i < s.length && s.charCodeAt(i) === 32) i++;
  if (i >= s.length) return null;
  const c = s.charCodeAt(i);
  if (c === 90 || c === 122) return i + 1 === s.length ? 0 : NaN; // Z
  const rest = s.slice(i);
  if (rest === 'UTC' || rest === 'GMT') return 0;
  if (c !== 43 && c !== 45) return NaN;
  const sign = c === 45 ? -1 : 1;
  const hh = num(s, i + 1, 2);
  if (hh < 0) return NaN;
  let mm = 0;
  const tail = s.length - (i + 3);
  if (tail === 3 && s.charCodeAt(i + 3) === 58) mm = num(s, i + 4, 2);
  else if (tail === 2) mm = num(s, i + 3, 2);
  else if (tail !== 0) return NaN;
  if (mm < 0 || hh > 14 || mm > 59) return NaN;
  return sign * (hh * HOUR + mm * 60_000);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A real clock time, and with the year a real date (Feb 30 and Feb 29, 2023 are not: Date.UTC would roll them into March). */
function validClock(mo: number, d: number, h: number, mi: number, sec: number, y?: number): boolean {
  if (!(mo >= 0 && mo <= 11 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 60)) return false;
  return d <= 28 || y === undefined || d <= (mo === 1 ? (isLeap(y) ? 29 : 28) : MONTH_DAYS[mo]!);
}

let lastHourKey = -1;
let lastHourMs = 0;

/** Date.UTC for the start of an hour, remembered for the next call (flow exports are time-ordered). */
function hourStart(y: number, mo: number, d: number, h: number): number {
  const key = ((y * 12 + mo) * 32 + d) * 24 + h;
  if (key !== lastHourKey) {
    lastHourKey = key;
    lastHourMs = Date.UTC(y, mo, d, h);
  }
  return lastHourMs;
}

/** `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][zone]`, also `YYYY/MM/DD`. */
function parseIsoLike(s: string, tz: string | null): number {
  const y = num(s, 0, 4);
  const mo = num(s, 5, 2) - 1;
  const d = num(s, 8, 2);
  if (y < 0 || mo < 0 || d < 0) return NaN;
  if (s.length === 10) return validClock(mo, d, 0, 0, 0, y) ? localToUtc(Date.UTC(y, mo, d), tz) : NaN;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return NaN;
  const h = num(s, 11, 2);
  const mi = num(s, 14, 2);
  if (h < 0 || mi < 0 || s.charCodeAt(13) !== 58) return NaN;
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (s.charCodeAt(16) === 58) {
    sec = num(s, 17, 2);
    if (sec < 0) return NaN;
    i = 19;
    const fc = s.charCodeAt(19);
    if (fc === 46 || fc === 44) [ms, i] = fraction(s, 19);
  }
  if (!validClock(mo, d, h, mi, sec, y)) return NaN;
  return withZone(hourStart(y, mo, d, h) + mi * 60_000 + sec * 1000 + ms, s, i, tz);
}

/** A local time plus the zone written from position i on, or the assumed zone when none is written. */
function withZone(local: number, s: string, i: number, tz: string | null): number {
  const zone = zoneSuffix(s, i);
  return zone === null ? localToUtc(local, tz) : local - zone;
}

/** Clock fields that end at 20 (CLF, `Mmm dd yyyy HH:MM:SS`): an optional `.fff`, then the zone. */
function finishAt20(s: string, y: number, mo: number, d: number, h: number, mi: number, sec: number, tz: string | null): number {
  let i = 20;
  let ms = 0;
  if (s.charCodeAt(20) === 46) [ms, i] = fraction(s, 20);
  return withZone(Date.UTC(y, mo, d, h, mi, sec, ms), s, i, tz);
}

/** CLF `10/Oct/2000:13:55:36[.fff] -0700` (also with a space instead of the colon after the year). */
function parseClf(s: string, tz: string | null): number {
  const d = num(s, 0, 2);
  const mo = monthAt(s, 3);
  const y = num(s, 7, 4);
  const h = num(s, 12, 2);
  const mi = num(s, 15, 2);
  const sec = num(s, 18, 2);
  if (d < 0 || y < 0 || h < 0 || mi < 0 || sec < 0 || !validClock(mo, d, h, mi, sec, y)) return NaN;
  return finishAt20(s, y, mo, d, h, mi, sec, tz);
}

/** Syslog `Mar  5 06:25:01` (no year): year from ctx, stepped back when it lands after refTime + 1 day. */
function parseSyslog(s: string, ctx: TimeContext): number {
  const mo = monthAt(s, 0);
  const d1 = s.charCodeAt(4);
  const d = (d1 === 32 ? 0 : d1 - 48) * 10 + (s.charCodeAt(5) - 48);
  const h = num(s, 7, 2);
  const mi = num(s, 10, 2);
  const sec = num(s, 13, 2);
  if (h < 0 || mi < 0 || sec < 0 || !validClock(mo, d, h, mi, sec)) return NaN;
  let i = 15;
  let ms = 0;
  if (s.charCodeAt(15) === 46) [ms, i] = fraction(s, 15);
  if (i !== s.length) return NaN;
  let year = ctx.year ?? new Date(ctx.refTime ?? Date.now()).getUTCFullYear();
  // Feb 29 happened in a leap year: the latest one up to the stated year, not March 1st
  if (mo === 1 && d === 29) while (!isLeap(year)) year--;
  let t = localToUtc(Date.UTC(year, mo, d, h, mi, sec, ms), ctx.tz);
  if (ctx.refTime !== null && t > ctx.refTime + DAY) t = localToUtc(Date.UTC(year - 1, mo, d, h, mi, sec, ms), ctx.tz);
  return t;
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Snort / Suricata alert times: `mm/dd-hh:mm:ss[.ffffff]` (Snort, no year: read as syslog is),
 * `mm/dd/yy-…` (Snort -y) and `mm/dd/yyyy-…` (Suricata fast.log); the sensor's local time.
 */
function parseSnort(s: string, ctx: TimeContext): number {
  const mo = num(s, 0, 2);
  const d = num(s, 3, 2);
  if (mo < 1 || mo > 12 || d < 1) return NaN;
  if (s.charCodeAt(5) === 45) return parseSyslog(`${MONTH_ABBR[mo - 1]} ${s.slice(3, 5)} ${s.slice(6)}`, ctx);
  const yearEnd = s.charCodeAt(8) === 45 ? 8 : s.charCodeAt(10) === 45 ? 10 : -1;
  if (yearEnd < 0) return NaN;
  const yy = num(s, 6, yearEnd - 6);
  if (yy < 0) return NaN;
  const y = yearEnd === 10 ? yy : yy < 70 ? 2000 + yy : 1900 + yy;
  return parseIsoLike(`${y}-${s.slice(0, 2)}-${s.slice(3, 5)} ${s.slice(yearEnd + 1)}`, ctx.tz);
}

/** `Mmm dd yyyy HH:MM:SS[.fff][ zone]`. */
function parseMonthDayYear(s: string, tz: string | null): number {
  const mo = monthAt(s, 0);
  const d1 = s.charCodeAt(4);
  const d = (d1 === 32 ? 0 : d1 - 48) * 10 + (s.charCodeAt(5) - 48);
  const y = num(s, 7, 4);
  const h = num(s, 12, 2);
  const mi = num(s, 15, 2);
  const sec = num(s, 18, 2);
  if (y < 0 || h < 0 || mi < 0 || sec < 0 || !validClock(mo, d, h, mi, sec, y)) return NaN;
  return finishAt20(s, y, mo, d, h, mi, sec, tz);
}

/** Fixed-offset zone abbreviations `date` and mail headers write (hours east); others are ambiguous (IST: India, Ireland, Israel; CST: US Central or China) and not read. */
const ZONE_ABBR: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -5, EDT: -4, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, CET: 1, CEST: 2, EET: 2, EEST: 3, WET: 0, WEST: 1, JST: 9, AEST: 10, AEDT: 11 };

const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6},? +/i;
/** C ctime() and `date`: `Nov 30 10:01:02[.fff] [UTC ]2026` (the weekday already cut) */
const CTIME = /^([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) (?:([A-Z]{1,5}|[+-]\d{4}) )?(\d{4})$/;
/** RFC 1123 / 2822 (HTTP, mail, .NET's "R"): `30 Nov 2026 10:01:02 GMT`, `+0100`, or no zone */
const RFC1123 = /^(\d{1,2})[ -]([A-Za-z]{3})[ -](\d{4}) (\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(?: ([A-Z]{1,5}|[+-]\d{2}:?\d{2}))?$/;

/**
 * Dates written with a month name and the year after the clock or before it: ctime (`Mon Nov 30
 * 10:01:02 2026`, Zscaler NSS, OpenVPN, vsftpd), `date`'s `Mon Nov 30 10:01:02 UTC 2026`, and RFC
 * 1123 (`Mon, 30 Nov 2026 10:01:02 GMT`). A zone abbreviation outside ZONE_ABBR is no time (NaN),
 * not a guess.
 */
function parseNamedDate(s: string, ctx: TimeContext): number {
  const w = WEEKDAY.exec(s);
  const rest = w === null ? s : s.slice(w[0].length);
  let mon: string;
  let d: string;
  let y: string;
  let clock: string;
  let zone: string | undefined;
  let m = CTIME.exec(rest);
  if (m !== null) [, mon, d, clock, zone, y] = m as unknown as [string, string, string, string, string | undefined, string];
  else if ((m = RFC1123.exec(rest)) !== null) [, d, mon, y, clock, zone] = m as unknown as [string, string, string, string, string, string | undefined];
  else return w !== null && monthAt(rest, 0) >= 0 && rest.charCodeAt(3) === 32 ? parseSyslog(rest, ctx) : NaN;
  const mo = monthAt(mon, 0);
  if (mo < 0) return NaN;
  let suffix = '';
  if (zone !== undefined) {
    const abbr = ZONE_ABBR[zone];
    if (abbr !== undefined) suffix = `${abbr < 0 ? '-' : '+'}${String(Math.abs(abbr)).padStart(2, '0')}:00`;
    else if (/^[+-]\d/.test(zone)) suffix = zone;
    else return NaN;
  }
  return parseIsoLike(`${y}-${String(mo + 1).padStart(2, '0')}-${d.padStart(2, '0')} ${clock}${suffix}`, ctx.tz);
}

/**
 * The span an epoch number is believed in: 1990-01-01 .. 2100-01-01 UTC. The units are told apart
 * by magnitude alone, which only works for plausible dates: 99999999999999 read as ms is the year
 * 5138, and a count, a duration or a relative capture time (`0.000123`) read as seconds is 1970.
 * Outside the span the value is no time (unparseable, counted), not a silent date.
 */
export const EPOCH_MIN_MS = Date.UTC(1990, 0, 1);
export const EPOCH_MAX_MS = Date.UTC(2100, 0, 1);

/** `1e15`, `17145576E2`: exponent notation (a dot in the first three characters reads as a dotted date first) */
const EXPONENT = /^\d+(?:\.(\d*))?[eE]([+-]?\d{1,3})$/;

/**
 * Epoch seconds (with fraction), or ms / µs / ns judged by magnitude; NaN outside 1990..2100, and
 * NaN for exponent notation whose digits do not fix the time to the second (`1e15` is a round
 * sentinel, not a microsecond; a spreadsheet's `171456E+4` a time rounded by hours).
 */
function parseEpoch(s: string): number {
  const v = Number(s);
  if (!Number.isFinite(v) || v < 0) return NaN;
  const unitMs = v < 1e11 ? 1000 : v < 1e14 ? 1 : v < 1e17 ? 1e-3 : 1e-6;
  const ms = Math.round(v * unitMs);
  if (!(ms >= EPOCH_MIN_MS && ms < EPOCH_MAX_MS)) return NaN;
  const e = s.length < 32 ? EXPONENT.exec(s) : null;
  if (e !== null && 10 ** (Number(e[2]) - (e[1]?.length ?? 0)) * unitMs > 1000) return NaN;
  return ms;
}

/**
 * Parses the timestamp layouts Loupe knows; NaN when the text is none of them.
 * Zone-less times are read in ctx.tz (UTC when null).
 */
export function parseTimestamp(text: string, ctx: TimeContext): number {
  let s = text;
  const n = s.length;
  if (n < 8) return n > 0 && isDigit(s.charCodeAt(0)) ? parseEpoch(s) : NaN;
  const c0 = s.charCodeAt(0);
  if (c0 === 91 && s.charCodeAt(n - 1) === 93) s = s.slice(1, n - 1); // [CLF]
  else if (c0 === 32 || s.charCodeAt(n - 1) === 32) s = s.trim();
  const a = s.charCodeAt(0);
  if (isDigit(a)) {
    const c2 = s.charCodeAt(2);
    const c4 = s.charCodeAt(4);
    // yyyy-mm-dd / yyyy/mm/dd: four digits first (`3/10/2024` and `12/5/2024` also have a slash at 4)
    if ((c4 === 45 || c4 === 47) && isDigit(s.charCodeAt(1)) && isDigit(c2) && isDigit(s.charCodeAt(3))) return parseIsoLike(s, ctx.tz);
    if (c2 === 47 && !isDigit(s.charCodeAt(3))) return parseClf(s, ctx.tz);
    const c1 = s.charCodeAt(1);
    // `08/28-12:34:56.123456`, `08/28/24-…`, `08/28/2024-…`: Snort / Suricata alert times
    if (c2 === 47 && (s.charCodeAt(5) === 45 || (s.charCodeAt(5) === 47 && (s.charCodeAt(8) === 45 || s.charCodeAt(10) === 45)))) return parseSnort(s, ctx);
    if (c1 === 47 || (c2 === 47 && isDigit(s.charCodeAt(3)))) return parseSlashDate(s, ctx);
    if (c1 === 46 || c2 === 46) return parseDottedDate(s, ctx);
    if (c1 === 32 || c2 === 32 || c1 === 45 || c2 === 45) return parseNamedDate(s, ctx);
    return parseEpoch(s);
  }
  if (monthAt(s, 0) >= 0 && s.charCodeAt(3) === 32) {
    // `Jan 05 2024 10:00:00` (CEF rt, Java-style exports) carries its year
    if (s.charCodeAt(6) === 32 && s.charCodeAt(11) === 32 && num(s, 7, 4) >= 0) return parseMonthDayYear(s, ctx.tz);
    return parseSyslog(s, ctx);
  }
  return parseNamedDate(s, ctx);
}
