// The output of `last` and `lastb` (util-linux), which triage collectors save from wtmp and btmp:
//   alice    pts/0        198.51.100.9     Mon Dec  7 09:00 - 10:12  (01:12)
//   root     ssh:notty    203.0.113.5      Mon Dec  7 10:00:01 2026 - Mon Dec  7 10:00:01 2026  (00:00)   (-F)
//   bob      pts/1        203.0.113.8      2026-12-07T09:00:01+00:00 - still logged in                    (--time-format iso)
//   reboot   system boot  5.15.0-91-generic Sun Dec  6 08:00 - 11:00 (1+03:00)
// User, terminal, host (an address with -i, a name, a kernel version for reboot, nothing for a
// console), the login time (the year only with -F or ISO times: otherwise the source's stated
// year, as for syslog), then the end or its state. A `lastb` listing (btmp: every row a failed
// login, begun and ended in the same minute) is told from a `last` one (wtmp: sessions) by the
// rows of the head; the source's rows are then failed or successful logins. Reboots, shutdowns,
// run-level changes and the `wtmp begins …` trailer are kept as events without a login.
import type { CellValue, CleaningCounters, DetectResult, FormatSpec, ParseContext, RecordParser } from './types';
import { SKIP } from './types';
import { C } from './cols';
import { normalizeIp } from './clean';
import { parseTimestamp, timeContextOf, type TimeContext } from './time';

/** the login time: ctime with or without seconds and year, or ISO 8601 */
const ROW = /^(?<user>\S{1,64}) +(?<tty>.{1,40}?) +(?:(?<host>\S{1,256}) +)?(?<at>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<md>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d) (?<hm>\d{2}:\d{2}(?::\d{2})?)(?: (?<year>\d{4}))?|(?<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?(?:Z|[+-]\d{2}:?\d{2})?))(?: +(?<rest>.*))?$/;
const TRAILER = /^(?:wtmp|btmp|utmp)\S* begins /;
/** rows that are the system's, not a user's */
const SYSTEM = /^(?:reboot|shutdown|runlevel)$/;

interface LastRow {
  user: string;
  tty: string;
  host: string | null;
  /** the login time as written, and as parseTimestamp reads it */
  text: string;
  start: string;
  rest: string;
}

function readRow(line: string): LastRow | null {
  const g = ROW.exec(line)?.groups;
  if (g === undefined) return null;
  const hms = g.hm !== undefined && g.hm.length === 5 ? `${g.hm}:00` : g.hm;
  const start = g.iso ?? (g.year !== undefined ? `${g.md!.slice(0, 3)} ${g.md!.slice(4).trim().padStart(2, '0')} ${g.year} ${hms}` : `${g.md} ${hms}`);
  return { user: g.user!, tty: g.tty!.trim(), host: g.host ?? null, text: g.at!, start, rest: (g.rest ?? '').trim() };
}

/** begun and ended in the same minute, as every btmp row is (`- 10:00  (00:00)`, `- Mon Dec  7 10:00:01 2026  (00:00)`) */
const instant = (rest: string): boolean => /\(00:00\)$/.test(rest);

class LastParser implements RecordParser {
  private readonly time: TimeContext;
  private readonly failed: boolean;

  constructor(ctx: ParseContext) {
    this.time = timeContextOf(ctx);
    this.failed = ctx.layout.hints?.failed === true;
  }

  parse(line: string, row: CellValue[], counters: CleaningCounters): string | null {
    const s = (line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line).trimEnd();
    if (s === '') return SKIP;
    if (TRAILER.test(s)) {
      row[C.message] = s;
      return null;
    }
    const r = readRow(s);
    if (r === null) return 'not a last/lastb line: no user, terminal and login time';
    const ts = parseTimestamp(r.start, this.time);
    if (Number.isNaN(ts)) {
      counters.unparseable[C.ts]++;
      return `unreadable login time "${r.start}"`;
    }
    row[C.ts] = ts;
    row[C.ts_text] = r.text;
    row[C.message] = s;
    const extra: Record<string, string> = { tty: r.tty };
    if (r.rest !== '') extra.until = r.rest;
    if (SYSTEM.test(r.user)) {
      row[C.program] = r.user;
      if (r.host !== null) extra.kernel = r.host;
      row[C.extra] = JSON.stringify(extra);
      return null;
    }
    row[C.user] = r.user;
    // btmp's `ssh:notty` rows are sshd's failed logins (the analysis counts them only where no log
    // names the source's failures itself: the same guesses are in auth.log); other terminals say only that it was a login
    row[C.program] = this.failed ? (r.tty === 'ssh:notty' ? 'lastb sshd' : 'lastb') : 'last';
    if (r.host !== null) {
      const ip = normalizeIp(r.host);
      // `last -i` writes 0.0.0.0 for a login at the console
      if (ip !== null && ip !== '0.0.0.0' && ip !== '::') row[C.src_ip] = ip;
      else if (ip === null) row[C.host] = r.host;
    }
    row[C.action] = this.failed ? 'auth_failure' : 'auth_success';
    row[C.extra] = JSON.stringify(extra);
    return null;
  }
}

function detectLast(headLines: readonly string[]): DetectResult | null {
  const lines = headLines.map((l) => l.trimEnd()).filter((l) => l !== '' && !TRAILER.test(l)).slice(0, 100);
  if (lines.length === 0) return null;
  let ok = 0;
  let users = 0;
  let instants = 0;
  for (const l of lines) {
    const r = readRow(l);
    if (r === null || !/^(?:pts\/\d+|tty\w*|ssh:notty|:\d+(?:\.\d+)?|console|system (?:boot|down)|\(to lvl \d\)|ftp\w*|\?+)$/.test(r.tty)) continue;
    ok++;
    if (SYSTEM.test(r.user)) continue;
    users++;
    if (instant(r.rest)) instants++;
  }
  if (ok / lines.length < 0.8) return null;
  // btmp: every user row a failure logged at one instant
  const failed = users > 0 && instants === users;
  return { confidence: 0.9 * (ok / lines.length), layout: { format: 'last', header: null, mapping: {}, firstRecordLine: 1, hints: { failed } } };
}

export const lastSpec: FormatSpec = {
  name: 'last',
  title: 'last / lastb output (wtmp logins, btmp failed logins)',
  description: 'user terminal host login-time [- end] [(duration)]: `last` sessions as logins that passed, a `lastb` listing (every row at one instant) as failed logins; -F, -i, -w and ISO times too',
  framing: 'lines',
  samples: [
    'alice    pts/0        198.51.100.9     Mon Dec  7 09:00:01 2026 - Mon Dec  7 10:12:44 2026  (01:12)',
    'bob      pts/1        203.0.113.8      Mon Dec  7 10:00   still logged in',
    'reboot   system boot  5.15.0-91-generic Sun Dec  6 08:00   still running',
  ],
  detect: (head) => {
    try {
      return detectLast(head);
    } catch {
      return null; // detection never throws
    }
  },
  createParser: (ctx) => new LastParser(ctx),
};
