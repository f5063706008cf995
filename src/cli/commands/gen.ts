// `loupe gen`: writes realistic logs in every supported format with planted incidents and a
// ground-truth.json, reproducibly from a seed (tests, benchmarks, demos and model training).
import path from 'node:path';
import { formatCount, formatDuration } from '../../shared/format';
import { DEFAULT_HOURS, DEFAULT_START, GEN_FORMATS, generate, type GenFormat } from '../../core/gen';
import { usage, writeJson } from '../util';
import type { RegisterCommand } from './index';

interface GenFlags {
  out?: string;
  seed: string;
  lines: string;
  formats?: string;
  start?: string;
  hours?: string;
  gzip?: boolean;
  json?: boolean;
}

function wholeNumber(v: string, flag: string): number {
  if (!/^\d+$/.test(v.replace(/_/g, ''))) usage(`${flag} expects a whole number, got "${v}"`);
  return Number(v.replace(/_/g, ''));
}

export const register: RegisterCommand = (program) => {
  program
    .command('gen')
    .description('Generate realistic logs (access, flows, labelled web CSV, JSON lines, auth, DNS queries) with planted incidents and ground-truth.json')
    .requiredOption('--out <dir>', 'output directory (created if missing)')
    .option('--seed <n>', 'random seed: the same seed gives byte-identical files', '1')
    .option('--lines <n>', 'records per file', '100000')
    .option('--formats <list>', `comma-separated subset of ${GEN_FORMATS.join(',')}`)
    .option('--start <iso>', `time of the first record (default ${DEFAULT_START})`)
    .option('--hours <h>', `time span covered (default ${DEFAULT_HOURS})`)
    .option('--gzip', 'write .gz files')
    .option('--json', 'print the ground truth as JSON on stdout')
    .action(async (flags: GenFlags) => {
      const formats = flags.formats
        ?.split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      for (const f of formats ?? []) if (!(GEN_FORMATS as readonly string[]).includes(f)) usage(`unknown format "${f}"; choose from ${GEN_FORMATS.join(', ')}`);
      const hours = flags.hours === undefined ? undefined : Number(flags.hours);
      if (hours !== undefined && !(hours > 0)) usage(`--hours expects a positive number, got "${flags.hours}"`);
      const outDir = path.resolve(flags.out as string);
      const t0 = Date.now();
      const quiet = flags.json === true;
      const truth = await generate(
        {
          outDir,
          seed: wholeNumber(flags.seed, '--seed'),
          lines: wholeNumber(flags.lines, '--lines'),
          formats: formats as GenFormat[] | undefined,
          start: flags.start,
          hours,
          gzip: flags.gzip === true,
        },
        {
          onFile(format, phase, records) {
            if (quiet || phase !== 'done') return;
            process.stderr.write(`gen: ${format} ${formatCount(records ?? 0)} records (${formatDuration(Date.now() - t0)})\n`);
          },
        },
      );
      if (quiet) {
        writeJson(truth);
        return;
      }
      const kinds = new Map<string, number>();
      for (const i of truth.incidents) kinds.set(i.kind, (kinds.get(i.kind) ?? 0) + 1);
      process.stdout.write(`wrote ${Object.values(truth.files).map((f) => f.path).join(', ')} and ground-truth.json to ${outDir}\n`);
      process.stdout.write(`${truth.incidents.length} incidents (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}), ${truth.benign.length} benign traps, ${truth.start} .. ${truth.end}\n`);
    });
};
