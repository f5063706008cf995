// The seeded ground-truth generator: realistic traffic in every supported format with planted
// incidents and benign traps, streamed to disk, plus ground-truth.json describing what was planted.
import { TooFewLines } from './plan';
import fs from 'node:fs';
import path from 'node:path';
import { LoupeError } from '../errors';
import { LOUPE_VERSION } from '../version';
import { generateAuthFile } from './auth';
import { generateDnsFile } from './dns';
import { generateFlowFile } from './flows';
import { GEN_FILE_NAMES, GEN_FORMATS, type FileResult, type GenFormat, type GenOptions, type GroundTruth } from './types';
import { generateWebFile } from './web-files';

export * from './types';

export const DEFAULT_START = '2025-03-17T00:00:00Z';
export const DEFAULT_HOURS = 24;

export interface GenHooks {
  /** called when a file starts and when it is written */
  onFile?(format: GenFormat, phase: 'start' | 'done', records?: number): void;
}

function validate(opts: GenOptions): { start: number; end: number; formats: GenFormat[] } {
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new LoupeError('usage', `--seed must be a non-negative integer, got ${opts.seed}`);
  if (!Number.isSafeInteger(opts.lines) || opts.lines < 1) throw new LoupeError('usage', `--lines must be a positive integer, got ${opts.lines}`);
  const start = Date.parse(opts.start ?? DEFAULT_START);
  if (Number.isNaN(start)) throw new LoupeError('usage', `--start must be an ISO date-time (e.g. ${DEFAULT_START}), got "${opts.start ?? ''}"`);
  const hours = opts.hours ?? DEFAULT_HOURS;
  if (!(hours > 0) || hours > 24 * 366) throw new LoupeError('usage', `--hours must be between 0 and 8784, got ${hours}`);
  const formats = [...new Set(opts.formats ?? GEN_FORMATS)];
  for (const f of formats) {
    if (!GEN_FORMATS.includes(f)) throw new LoupeError('usage', `unknown format "${f}"; choose from ${GEN_FORMATS.join(', ')}`);
  }
  return { start, end: start + Math.round(hours * 3_600_000), formats };
}

export async function generate(opts: GenOptions, hooks: GenHooks = {}): Promise<GroundTruth> {
  const { start, end, formats } = validate(opts);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const gzip = opts.gzip === true;
  const truth: GroundTruth = {
    generator: `loupe gen ${LOUPE_VERSION}`,
    seed: opts.seed,
    lines: opts.lines,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    files: {},
    incidents: [],
    benign: [],
  };
  const tooFew: TooFewLines[] = [];
  // Fixed order, whatever order the formats were asked in, so the same options give the same bytes.
  for (const format of GEN_FORMATS) {
    if (!formats.includes(format)) continue;
    hooks.onFile?.(format, 'start');
    const name = GEN_FILE_NAMES[format] + (gzip ? '.gz' : '');
    const ctx = { seed: opts.seed, lines: opts.lines, start, end, path: path.join(opts.outDir, name), gzip, fileIndex: GEN_FORMATS.indexOf(format) };
    let result: FileResult;
    try {
      switch (format) {
        case 'access':
        case 'webcsv':
        case 'jsonl':
          result = await generateWebFile(ctx, format);
          break;
        case 'flows':
          result = await generateFlowFile(ctx);
          break;
        case 'auth':
          result = await generateAuthFile(ctx);
          break;
        case 'dns':
          result = await generateDnsFile(ctx);
          break;
      }
    } catch (e) {
      // too few lines: find every file's minimum before saying so, so one retry is enough
      if (!(e instanceof TooFewLines)) throw e;
      tooFew.push(e);
      fs.rmSync(ctx.path, { force: true });
      continue;
    }
    // Year-less syslog takes its year from the file's mtime: make it the end of the generated span.
    fs.utimesSync(ctx.path, new Date(end), new Date(end));
    truth.files[format] = result.info;
    truth.incidents.push(...result.incidents);
    truth.benign.push(...result.benign);
    hooks.onFile?.(format, 'done', result.info.records);
  }
  if (tooFew.length) {
    // leave no half-written set behind: the files this call wrote go too
    for (const f of Object.values(truth.files)) fs.rmSync(path.join(opts.outDir, f.path), { force: true });
    // plans grow a little with --lines (some incidents scale with the traffic): a tenth more, to
    // the next thousand, is a number that then fits
    const need = Math.ceil((Math.max(...tooFew.map((e) => e.need)) * 1.1) / 1000) * 1000;
    throw new LoupeError('usage', `--lines ${opts.lines} is too small to plant every incident in ${tooFew.length} of the files; use --lines ${need} or more`);
  }
  fs.writeFileSync(path.join(opts.outDir, 'ground-truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
