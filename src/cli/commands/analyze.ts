// The `analyze` command: runs statistics and every detector on a case, stores the results and
// prints a findings table (most severe first) and a short summary; --json for machines.
import type { Command } from 'commander';
import { analyzeCase } from '../../core/analysis';
import { formatBytes, formatCount, formatTime } from '../../shared/format';
import type { Finding, SuspiciousContribution } from '../../shared/model';
import { collectPairs, progressPrinter, writeJson } from '../util';
import type { RegisterCommand } from './index';

const clip = (s: string, n: number): string => {
  // log text is attacker-written: no control characters reach the terminal
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '·');
  return clean.length > n ? `${clean.slice(0, n - 1)}…` : clean.padEnd(n);
};

function table(findings: readonly Finding[], zone: string): string {
  const lines = [`${'SEVERITY'.padEnd(9)}${'DETECTOR'.padEnd(19)}${'ENTITY'.padEnd(34)}${'ROWS'.padStart(10)}  ${'FIRST SEEN'.padEnd(24)}TITLE`];
  for (const f of findings) {
    lines.push(
      `${f.severity.toUpperCase().padEnd(9)}${clip(f.detector, 18)} ${clip(f.entity, 33)} ${formatCount(f.evidence.count).padStart(10)}  ${(f.firstSeen != null ? formatTime(f.firstSeen, zone) : '—').padEnd(24)}${clip(f.title, 90).trimEnd()}`,
    );
  }
  return lines.join('\n');
}

export const register: RegisterCommand = (program: Command) => {
  program
    .command('analyze')
    .description('Compute statistics and run every detector on a case; store and print the findings')
    .argument('<case>', 'case file (.loupe)')
    .option('--json', 'print { findings, stats, suspicious } as JSON')
    .option('--set <detector.setting=value>', 'override a detector setting (repeatable), e.g. portScan.minPorts=100', collectPairs, {})
    .option('--zone <iana>', 'time zone for printed times', 'UTC')
    .option('--quiet', 'no progress on stderr')
    .option('--timings', 'print the time of each worker task on stderr')
    .action(async (file: string, opts: { json?: boolean; set: Record<string, string>; zone: string; quiet?: boolean; timings?: boolean }) => {
      const progress = progressPrinter(opts.quiet === true || opts.json === true);
      const res = await analyzeCase(file, { settings: opts.set }, { onProgress: (p) => progress.update(`analysing ${Math.round((p.value ?? 0) * 100)} % ${p.detail ?? ''}`) });
      progress.done();
      if (opts.timings) process.stderr.write(`${Object.entries(res.timings).map(([k, v]) => `${k} ${v} ms`).join('\n')}\n`);
      if (opts.json) {
        writeJson({ findings: res.findings, stats: res.stats, suspicious: res.suspicious });
        return;
      }
      const open = res.findings.filter((f) => f.status === 'open');
      const s = res.stats;
      const bySev = ['critical', 'high', 'medium', 'low', 'info'].map((sev) => `${open.filter((f) => f.severity === sev).length} ${sev}`).join(', ');
      process.stdout.write(`${table(open, opts.zone)}\n\n`);
      process.stdout.write(
        `${formatCount(s.events)} events from ${formatCount(s.sources)} source file(s), ${formatCount(s.distinctSrcIps)} source addresses, ` +
          `${formatTime(s.minTs, opts.zone)} to ${formatTime(s.maxTs, opts.zone)}${s.quarantined ? `; ${formatCount(s.quarantined)} quarantined` : ''}\n`,
      );
      process.stdout.write(`${open.length} open findings (${bySev})${res.findings.length > open.length ? `, ${res.findings.length - open.length} dismissed` : ''}; analysis took ${res.timings.total} ms\n`);
      if (res.suspicious.length) {
        process.stdout.write(res.suspicious.some((e) => e.kind === 'host') ? '\nTop suspicious sources and machines:\n' : '\nTop suspicious sources:\n');
        for (const e of res.suspicious.slice(0, 10)) {
          process.stdout.write(`  ${clip(e.kind === 'host' ? `${e.ip} (machine)` : e.ip, 40)} ${String(e.points).padStart(7)} pts  ${e.contributions.map(contributionLabel).join(', ')}\n`);
        }
      }
      const top = s.topSourcesByBytes[0];
      if (top && top.bytes) process.stdout.write(`\nMost bytes: ${top.key} (${formatBytes(top.bytes)})\n`);
      // a labeled data set (CIC-IDS, UNSW-NB15, CIDDS, CTU-13): what its own labels say is in it, to set the findings against
      if (s.labels.length) process.stdout.write(`\nLabels in the data: ${labelTally(s.labels)}\n`);
      if (s.categories.length) process.stdout.write(`Attack categories in the data: ${labelTally(s.categories)}\n`);
    });
};

/** A data set's own labels or attack categories with their counts, the largest first (at most 12 named): `BENIGN 2,500, DDoS 4,000`. */
export function labelTally(xs: readonly { key: string; count: number }[]): string {
  const named = xs.slice(0, 12).map((x) => `${clip(x.key, 60).trimEnd()} ${formatCount(x.count)}`);
  return `${named.join(', ')}${xs.length > 12 ? `, and ${formatCount(xs.length - 12)} more` : ''}`;
}

/** One signal of the suspicious ranking as the CLI prints it: `portScan high +22.8`, `several detectors +5`, `anomaly model +3.1`. */
export function contributionLabel(c: SuspiciousContribution): string {
  if (c.kind === 'finding') return `${c.detector ?? 'finding'} ${c.severity ?? ''} +${c.points}`;
  if (c.kind === 'corroboration') return `several detectors +${c.points}`;
  return `anomaly model +${c.points}`;
}
