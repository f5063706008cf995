// Timestamp text in each generated format, cached per second (the generator writes hundreds of
// thousands of lines per second, most sharing their second with the previous line).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const p3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

type SecondFormatter = (d: Date) => string;

class CachedSeconds {
  private lastSec = NaN;
  private lastText = '';
  constructor(
    private readonly offsetMinutes: number,
    private readonly fmt: SecondFormatter,
  ) {}
  text(ms: number): string {
    const sec = Math.floor(ms / 1000);
    if (sec !== this.lastSec) {
      this.lastSec = sec;
      this.lastText = this.fmt(new Date(sec * 1000 + this.offsetMinutes * 60_000));
    }
    return this.lastText;
  }
}

function offsetText(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${p2(Math.floor(a / 60))}${p2(a % 60)}`;
}

/** `17/May/2015:10:05:03 +0000` (Apache/Nginx %t and the seed stream's date_time), in a fixed offset. */
export function apacheTime(offsetMinutes: number): (ms: number) => string {
  const off = offsetText(offsetMinutes);
  const c = new CachedSeconds(offsetMinutes, (d) => `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] as string}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${off}`);
  return (ms) => c.text(ms);
}

/** `2017-03-15 00:01:16.632` (CIDDS "Date first seen", the labelled CSV's time), UTC, no zone. */
export function isoSpaceMillis(): (ms: number) => string {
  const c = new CachedSeconds(0, (d) => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`);
  return (ms) => `${c.text(ms)}.${p3(((ms % 1000) + 1000) % 1000)}`;
}

/** `Mar  7 13:06:56` (RFC 3164: no year, day space-padded), UTC. */
export function syslogTime(): (ms: number) => string {
  const c = new CachedSeconds(0, (d) => {
    const day = d.getUTCDate();
    return `${MONTHS[d.getUTCMonth()] as string} ${day < 10 ? ` ${day}` : day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  });
  return (ms) => c.text(ms);
}

/** `17-Mar-2025 10:05:03.123` (BIND's own log files: day, month name, milliseconds), UTC. */
export function bindTime(): (ms: number) => string {
  const c = new CachedSeconds(0, (d) => `${p2(d.getUTCDate())}-${MONTHS[d.getUTCMonth()] as string}-${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`);
  return (ms) => `${c.text(ms)}.${p3(((ms % 1000) + 1000) % 1000)}`;
}
