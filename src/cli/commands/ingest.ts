// `loupe ingest`, `loupe info` and `loupe formats`: sources into a case, what a case holds, and the
// formats Loupe reads. Progress on stderr (a redrawn line on a terminal, plain lines otherwise,
// nothing with --json); Ctrl-C / SIGTERM cancel cleanly (the source is marked cancelled).
import type { Command } from 'commander';
import { Option } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MAPPABLE_COLUMNS } from '../../shared/columns';
import type { SourceInfo } from '../../shared/model';
import { describeZone, formatBytes, formatCount, formatDuration, formatTime } from '../../shared/format';
import { LoupeError } from '../../core/errors';
import { builtinRegistry } from '../../core/ingest/builtin';
import { ingestFiles, readCaseInfo } from '../../core/ingest';
import { collectPairs, progressPrinter, usage, writeJson } from '../util';
import type { RegisterCommand } from './index';

interface IngestFlags {
  case?: string;
  format: string;
  tz?: string;
  year?: string;
  map?: Record<string, string>;
  force?: boolean;
  json?: boolean;
  maxDecompressed?: string;
  threads?: string;
}

/** What --json prints per source (the contract outside scripts build on). */
export function sourceJson(s: SourceInfo): Record<string, unknown> {
  return {
    id: s.id,
    path: s.path,
    sha256: s.sha256,
    bytes: s.bytes,
    gzip: s.gzip,
    format: s.format,
    records: s.records,
    events: s.events,
    quarantined: s.quarantined,
    status: s.status,
    statusDetail: s.statusDetail,
    timezone: s.timezone,
    timezoneSource: s.timezoneSource,
    year: s.year,
    yearSource: s.yearSource,
    minTs: s.minTs,
    maxTs: s.maxTs,
    mapping: s.mapping,
    parserVersion: s.parserVersion,
    cleaning: s.cleaning,
  };
}

function positiveInt(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) usage(`${flag} expects a whole number, got "${v}"`);
  return Number(v);
}

function sourceLine(s: SourceInfo): string {
  const range = s.minTs !== null && s.maxTs !== null ? `, ${formatTime(s.minTs, 'UTC')} .. ${formatTime(s.maxTs, 'UTC')}` : '';
  return `#${s.id} ${s.path}: ${s.format}, ${formatCount(s.records)} records = ${formatCount(s.events)} events + ${formatCount(s.quarantined)} quarantined, ${s.status}${range}`;
}

/**
 * `--map ts=col1 src_ip=col11`: commander gives --map its first pair only and the rest arrive as
 * file names. An argument that is no file and reads `role=column` with a role Loupe knows is a pair.
 */
function pairsAmongFiles(args: readonly string[], map: Record<string, string> | undefined): { files: string[]; map: Record<string, string> | undefined } {
  const files: string[] = [];
  let out = map;
  for (const a of args) {
    const m = /^([a-z_]+)=(.+)$/.exec(a);
    if (m !== null && (MAPPABLE_COLUMNS as readonly string[]).includes(m[1]!) && !fs.existsSync(a)) out = collectPairs(a, out);
    else files.push(a);
  }
  return { files, map: out };
}

async function runIngest(args: string[], flags: IngestFlags): Promise<void> {
  const { files, map } = pairsAmongFiles(args, flags.map);
  flags = { ...flags, map };
  if (!flags.case) usage('missing --case <case.loupe>');
  if (files.length === 0) usage('no files given (use - for standard input)');
  if (files.filter((f) => f === '-').length > 1) usage('standard input (-) can be given once');
  const year = positiveInt(flags.year, '--year');
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const progress = progressPrinter(flags.json === true);
  const started = Date.now();
  // the ingest bench asks for the longest event-loop stall of this process
  const loop = process.env.LOUPE_LOOP_STATS ? monitorEventLoopDelay({ resolution: 10 }) : null;
  loop?.enable();
  try {
    const result = await ingestFiles(
      {
        caseFile: flags.case,
        files,
        format: flags.format,
        tz: flags.tz,
        year,
        map: flags.map,
        force: flags.force,
        maxDecompressedBytes: positiveInt(flags.maxDecompressed, '--max-decompressed'),
        threads: positiveInt(flags.threads, '--threads'),
      },
      {
        signal: controller.signal,
        onProgress: (p) => {
          const pct = p.value !== null ? `${(p.value * 100).toFixed(1)}% ` : '';
          const eta = p.etaMs !== null && p.etaMs !== undefined ? `, ETA ${formatDuration(p.etaMs)}` : '';
          progress.update(
            `${p.title}: ${pct}${formatBytes(p.bytesDone ?? 0)} of ${formatBytes(p.bytesTotal ?? 0)}, ${formatCount(p.records ?? 0)} records (${formatCount(Math.round(p.rate ?? 0))}/s), ${formatCount(p.quarantined ?? 0)} quarantined${eta}`,
          );
        },
      },
    );
    if (flags.json) {
      writeJson({ case: path.resolve(flags.case), sources: result.sources.map(sourceJson) });
    } else {
      progress.done(`ingested ${result.sources.length} source${result.sources.length === 1 ? '' : 's'} in ${formatDuration(Date.now() - started)}`);
      for (const s of result.sources) process.stderr.write(`${sourceLine(s)}\n`);
    }
  } catch (e) {
    progress.done();
    if (controller.signal.aborted && !(e instanceof LoupeError && e.code !== 'cancelled')) throw new LoupeError('cancelled', 'ingest cancelled; the case still opens and the source is marked cancelled');
    throw e;
  } finally {
    if (loop) {
      loop.disable();
      process.stderr.write(`loupe: event-loop max delay ${(loop.max / 1e6).toFixed(1)} ms\n`);
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function runInfo(caseFile: string, flags: { json?: boolean }): void {
  const info = readCaseInfo(caseFile);
  if (flags.json) {
    writeJson({ ...info, sources: info.sources.map((s) => ({ ...sourceJson(s), incomplete: s.incomplete })) });
    return;
  }
  const out: string[] = [];
  out.push(`case ${path.resolve(caseFile)} (schema ${info.schemaVersion}${info.createdAt ? `, created ${formatTime(info.createdAt, 'UTC')}` : ''})`);
  out.push(
    `${formatCount(info.totals.sources)} sources, ${formatBytes(info.totals.bytes)}: ${formatCount(info.totals.records)} records = ${formatCount(info.totals.events)} events + ${formatCount(info.totals.quarantined)} quarantined`,
  );
  if (info.timeRange.min !== null && info.timeRange.max !== null) out.push(`time range ${formatTime(info.timeRange.min, 'UTC')} .. ${formatTime(info.timeRange.max, 'UTC')}`);
  out.push(`formats: ${Object.entries(info.formats).map(([f, n]) => `${f} (${n})`).join(', ') || 'none'}`);
  for (const s of info.sources) {
    out.push('');
    out.push(sourceLine(s) + (s.incomplete ? '  [INCOMPLETE]' : ''));
    out.push(`  sha256 ${s.sha256 ?? '(not computed: the source was not read to the end)'}${s.gzip ? ', gzip' : ''}, ${formatBytes(s.bytes)}`);
    out.push(`  time zone: ${describeZone(s)}${s.year !== null ? `; year ${s.year} (${s.yearSource === 'option' ? '--year' : 'from the file modification time'})` : ''}`);
    for (const [col, c] of Object.entries(s.cleaning.columns)) out.push(`  ${col}: ${c.null} null, ${c.coerced} coerced, ${c.unparseable} unparseable`);
    for (const [reason, n] of Object.entries(s.cleaning.quarantineReasons)) out.push(`  quarantined ${n}: ${reason}`);
    for (const note of s.cleaning.notes) out.push(`  note: ${note}`);
  }
  for (const w of info.warnings) out.push(`warning: ${w}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function runFormats(flags: { json?: boolean }): void {
  const formats = builtinRegistry().list();
  if (flags.json) {
    writeJson(formats.map((f) => ({ name: f.name, title: f.title, description: f.description, framing: f.framing, sample: f.samples[0] ?? null })));
    return;
  }
  const out: string[] = [];
  for (const f of formats) {
    out.push(`${f.name} — ${f.title}`);
    out.push(`  ${f.description}`);
    // a header-first format's first record is after its header lines
    for (const s of f.samples.slice(0, f.framing === 'csv' || f.samples[0]?.startsWith('#') ? 2 : 1)) out.push(`  e.g. ${s.length > 160 ? `${s.slice(0, 160)}…` : s}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export const register: RegisterCommand = (program: Command) => {
  program
    .command('ingest')
    .description('Ingest log files (plain or gzip; - for standard input) into a case, creating it if needed')
    .argument('<file...>', 'log files; - reads standard input')
    .option('--case <case.loupe>', 'the case file to create or extend')
    .addOption(new Option('--format <name>', 'format name, or auto to detect from the content').default('auto'))
    .option('--tz <zone>', 'IANA time zone for timestamps without an offset (default UTC, stated in the case)')
    .option('--year <year>', 'the year a log without years starts in (January after December is the next one; default: the year of the file modification time)')
    .option('--map <role=column>', 'map a source field to a column role (repeatable; --map ts=col1 src_ip=col4 also works)', collectPairs)
    .option('--force', 'ingest a file even if the case already holds the same bytes')
    .option('--max-decompressed <bytes>', 'gzip decompression cap per source (default max(1 GiB, 200x compressed size))')
    .option('--threads <n>', 'parse threads (default: all cores)')
    .option('--json', 'print one JSON object with the sources on stdout; no progress')
    .action((files: string[], flags: IngestFlags) => runIngest(files, flags));

  program
    .command('info')
    .description('Show what a case holds: sources, totals, time range, formats, cleaning reports')
    .argument('<case>', 'the case file')
    .option('--json', 'print JSON')
    .action((caseFile: string, flags: { json?: boolean }) => runInfo(caseFile, flags));

  program
    .command('formats')
    .description('List the built-in log formats with a sample line each')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => runFormats(flags));
};
