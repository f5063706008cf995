// What the planted-incident rounds (planted3, planted4net, planted4web) share: writing a set of log
// files into a fresh folder, ingesting and analysing them like a user's files, and asking for a
// finding at a least severity. Each round keeps its own "quiet elsewhere" rule: they differ on
// purpose (round 3 allows medium findings on its background, round 4 does not).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { analyzeCase } from '../../../src/core/analysis';
import { ingestFiles } from '../../../src/core/ingest';
import type { Finding, Severity } from '../../../src/shared/model';

export const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

const dirs: string[] = [];

/** Removes the folders analysePlanted made (call from afterAll). */
export function cleanupPlanted(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * Writes the files (`write` gets a fresh folder and returns their paths), ingests them into one
 * case (year 2026 for year-less times) and analyses it. Every line must parse: a miss in a test is
 * then the detectors', not the parsers'.
 */
export async function analysePlanted(name: string, write: (dir: string) => string[]): Promise<Finding[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `loupe-${name}-`));
  dirs.push(dir);
  const files = write(dir);
  const caseFile = path.join(dir, 'case.loupe');
  const { sources } = await ingestFiles({ caseFile, files, threads: 1, year: 2026 });
  expect(sources.map((s) => [s.format, s.quarantined])).toEqual(sources.map((s) => [s.format, 0]));
  return (await analyzeCase(caseFile, { inline: true })).findings;
}

/** detector:entity:severity of each finding, for failure messages. */
export const listFindings = (found: Finding[]): string => found.map((x) => `${x.detector}:${x.entity}:${x.severity}`).join(' | ');

/** The finding of `detector` on `entity`, at `least` severity or above. */
export function expectFound(found: Finding[], detector: string, entity: string, least: Severity): Finding {
  const f = found.find((x) => x.detector === detector && x.entity === entity);
  expect(f, `${detector} on ${entity}; found: ${listFindings(found)}`).toBeDefined();
  expect(RANK[f!.severity], `${detector} on ${entity} is ${f!.severity}`).toBeGreaterThanOrEqual(RANK[least]);
  return f!;
}

/** One log set made of several: each part's records concatenated (parts are lists of records). */
export function mergeSets<T extends object>(empty: T, sets: readonly Partial<T>[]): T {
  for (const s of sets) for (const k of Object.keys(empty) as (keyof T)[]) if (s[k]) (empty[k] as unknown[]).push(...(s[k] as unknown[]));
  return empty;
}

/** Records in time order, as a logger writes them. */
export const byTs = <T extends { ts: number }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => a.ts - b.ts);

/** Writes log files into `dir`: put(name, lines) writes one, newline-terminated; `files` lists them in order. */
export function logFiles(dir: string): { put: (name: string, lines: readonly string[]) => void; files: string[] } {
  const files: string[] = [];
  return {
    files,
    put(name, lines) {
      const f = path.join(dir, name);
      fs.writeFileSync(f, lines.join('\n') + '\n');
      files.push(f);
    },
  };
}
