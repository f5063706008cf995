// `loupe follow`: follows growing files, standard input and a loopback TCP port into a case,
// printing alerts as they happen (one JSON object per line with --json) until Ctrl-C or SIGTERM.
import type { Command } from 'commander';
import { formatTime } from '../../shared/format';
import { follow, type FollowAlert } from '../../core/follow/follow';
import { collectPairs, usage } from '../util';
import type { RegisterCommand } from './index';

interface FollowFlags {
  case?: string;
  format?: string;
  tz?: string;
  map?: Record<string, string>;
  listen?: string;
  fromEnd?: boolean;
  threshold?: string;
  set?: Record<string, string>;
  json?: boolean;
}

function alertLine(a: FollowAlert): string {
  const kind = a.type === 'score' ? 'model' : (a.detector ?? 'finding');
  const what = a.type === 'finding_escalated' ? `${a.title} (escalated)` : a.title;
  return `${formatTime(a.at, 'UTC')}  ${a.severity.toUpperCase().padEnd(8)} ${kind.padEnd(20)} ${a.entity}  ${what}`;
}

function settingValues(raw: Record<string, string> | undefined): Record<string, string | number | boolean> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = v === 'true' ? true : v === 'false' ? false : Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : v;
  return out;
}

/**
 * Standard input until following stops. Stopped by a signal while the producer (tail -F, a log
 * forwarder) still holds the pipe open, a plain read of process.stdin would keep the process alive
 * after the case is closed, waiting for a producer that never ends.
 */
async function* stdinUntil(signal: AbortSignal): AsyncGenerator<Buffer> {
  const it = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const stopped = new Promise<null>((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener('abort', () => resolve(null), { once: true });
  });
  try {
    for (;;) {
      const next = it.next();
      next.catch(() => undefined); // a read cut short by the stop below is not an error
      const r = await Promise.race([next, stopped]);
      if (!r || r.done) return;
      yield r.value;
    }
  } finally {
    // not it.return(): that waits for the read in flight, which is the one that never comes
    process.stdin.destroy();
  }
}

async function runFollow(inputs: string[], flags: FollowFlags): Promise<void> {
  if (!flags.case) usage('missing --case <case.loupe>');
  let listenPort: number | undefined;
  if (flags.listen !== undefined) {
    const m = /^(?:127\.0\.0\.1:|localhost:)?(\d{1,5})$/.exec(flags.listen);
    if (!m || Number(m[1]) > 65535) usage(`--listen takes a port on 127.0.0.1 (e.g. 5140 or 127.0.0.1:5140), got "${flags.listen}"`);
    listenPort = Number(m[1]);
  }
  const threshold = flags.threshold === undefined ? undefined : Number(flags.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1)) usage('--threshold must be a score between 0 and 1');
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let lastStats = 0;
  const summary = await follow(
    { caseFile: flags.case, inputs, stdin: stdinUntil(controller.signal), listenPort, format: flags.format, tz: flags.tz, map: flags.map, fromEnd: flags.fromEnd, scoreThreshold: threshold, settings: settingValues(flags.set) },
    {
      signal: controller.signal,
      onAlert: (a) => {
        process.stdout.write(flags.json ? `${JSON.stringify(a)}\n` : `${alertLine(a)}\n`);
      },
      // notices go to stderr with --json too: stdout stays one alert per line, and `--listen 0`
      // must say which port it picked
      onNotice: (m) => process.stderr.write(`loupe: ${m}\n`),
      onStats: (s) => {
        const now = Date.now();
        if (flags.json || now - lastStats < 5000) return;
        lastStats = now;
        process.stderr.write(`loupe: ${s.source}: ${s.records} records (${s.events} events, ${s.quarantined} quarantined), ${Math.round(s.rate)}/s\n`);
      },
    },
  );
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  if (flags.json) return;
  for (const s of summary.sources) process.stderr.write(`loupe: ${s.path}: ${s.records} records = ${s.events} events + ${s.quarantined} quarantined\n`);
  process.stderr.write(`loupe: ${summary.alerts} alert${summary.alerts === 1 ? '' : 's'}; the case is consistent (see loupe info)\n`);
}

export const register: RegisterCommand = (program: Command) => {
  program
    .command('follow')
    .description('Follow growing logs (or - for standard input, or --listen for a loopback TCP stream) into a case; print alerts as they happen')
    .argument('[inputs...]', 'files to follow, or - for standard input')
    .option('--case <case.loupe>', 'case to write into (created if missing)')
    .option('--format <name>', 'format of the input (default: detected from the first lines)')
    .option('--tz <zone>', 'IANA time zone for timestamps without an offset (default UTC)')
    .option('--map <role=column>', 'map a column to a role (repeatable)', collectPairs)
    .option('--listen <port>', 'accept newline-delimited records on 127.0.0.1:<port> (0 picks a free port)')
    .option('--from-end', 'start at the end of the files instead of reading what they hold')
    .option('--threshold <score>', "model score that raises an alert when the case has a model (default 0.9)")
    .option('--set <detector.setting=value>', 'detector setting (repeatable)', collectPairs)
    .option('--json', 'one JSON object per alert on stdout')
    .action((inputs: string[], flags: FollowFlags) => runFollow(inputs, flags));
};
