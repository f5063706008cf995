// `loupe report <case> --pdf <file> [--csv f] [--json f] [--events-csv f] [--events-jsonl f]
// [--filter "<query>"] [--analyst NAME] [--zone ZONE]`: the same exportReport the app's Export calls.
import fs from 'node:fs';
import { formatBytes } from '../../shared/format';
import { exportReport } from '../../core/report';
import { progressPrinter, usage, writeJson } from '../util';
import type { RegisterCommand } from './index';

interface ReportCliOptions {
  pdf?: string;
  csv?: string;
  json?: string;
  eventsCsv?: string;
  eventsJsonl?: string;
  filter?: string;
  analyst?: string;
  name?: string;
  zone?: string;
  generatedAt?: string;
  quiet?: boolean;
  jsonOutput?: boolean;
}

export const register: RegisterCommand = (program) => {
  program
    .command('report')
    .description('Write the findings report (PDF) and spreadsheet-safe exports of findings and events')
    .argument('<case>', 'case file (.loupe)')
    .option('--pdf <file>', 'findings report as PDF')
    .option('--csv <file>', 'findings as CSV')
    .option('--json <file>', 'findings as JSON')
    .option('--events-csv <file>', 'events as CSV (all, or those --filter selects)')
    .option('--events-jsonl <file>', 'events as JSON lines (all, or those --filter selects)')
    .option('--filter <query>', 'explorer query selecting the exported events, e.g. "src_ip:1.2.3.4 status:>=400"')
    .option('--analyst <name>', 'analyst name printed on the cover')
    .option('--name <case name>', 'case name printed on the cover (default: the case file name)')
    .option('--zone <zone>', 'IANA time zone for every time shown', 'UTC')
    .option('--generated-at <time>', 'generation time to print (ISO 8601 or epoch ms); fixed → identical PDF bytes')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--json-output', 'print the written files (path, bytes, sha256) as JSON on stdout')
    .action(async (caseFile: string, o: ReportCliOptions) => {
      if (!o.pdf && !o.csv && !o.json && !o.eventsCsv && !o.eventsJsonl) usage('nothing to export: give at least one of --pdf, --csv, --json, --events-csv, --events-jsonl');
      const targets = [['--pdf', o.pdf, 'pdf'], ['--csv', o.csv, 'csv'], ['--json', o.json, 'json'], ['--events-csv', o.eventsCsv, 'csv'], ['--events-jsonl', o.eventsJsonl, 'jsonl']] as const;
      for (const [flag, file, ext] of targets) {
        // every export is written to FILE.partial and renamed into place (no half file on a crash), which
        // would replace a device or pipe such as /dev/stdout with a plain file when run as root
        const st = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
        if (st && !st.isFile() && !st.isDirectory()) usage(`${flag} ${file} is not a regular file (a device or a pipe): exports are written to a file, e.g. ${flag} out.${ext}, then read that file`);
      }
      let generatedAt: number | undefined;
      if (o.generatedAt !== undefined) {
        generatedAt = /^\d+$/.test(o.generatedAt) ? Number(o.generatedAt) : Date.parse(o.generatedAt);
        if (!Number.isFinite(generatedAt)) usage(`--generated-at expects ISO 8601 or epoch ms, got "${o.generatedAt}"`);
      }
      const progress = progressPrinter(o.quiet === true);
      const { files } = await exportReport(
        caseFile,
        { pdf: o.pdf, csv: o.csv, json: o.json, eventsCsv: o.eventsCsv, eventsJsonl: o.eventsJsonl, filter: o.filter, analyst: o.analyst, caseName: o.name, displayZone: o.zone, generatedAt },
        { onProgress: (p) => progress.update(`${p.title}${p.detail ? `: ${p.detail}` : ''}`) },
      );
      progress.done();
      if (o.jsonOutput) writeJson({ files });
      else for (const f of files) process.stdout.write(`${f.kind.padEnd(13)} ${f.path}  ${formatBytes(f.bytes)}${f.rows != null ? `  ${f.rows} rows` : ''}  sha256 ${f.sha256}\n`);
    });
};
