// Shared by the generator tests: one generated set per seed (built once per file), parsers for the
// generated formats that read only what the tests check, and address helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate, type GenOptions, type GroundTruth } from '../../../src/core/gen';

export const SMALL = 20_000;

export async function generateTo(opts: Omit<GenOptions, 'outDir'>): Promise<{ dir: string; truth: GroundTruth }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-gen-'));
  const truth = await generate({ ...opts, outDir: dir });
  return { dir, truth };
}

export const readLines = (file: string): string[] => {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

export interface AccessRow {
  ip: string;
  time: string;
  method: string;
  url: string;
  status: number;
  size: number;
  ua: string;
}

const ACCESS_RE = /^(\S+) - - \[([^\]]+)\] "(?:(\S+) ((?:[^"\\]|\\.)*) HTTP\/[\d.]+|-)" (\d{3}) (\d+|-) "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$/;

export function parseAccess(line: string): AccessRow {
  const m = ACCESS_RE.exec(line);
  if (!m) throw new Error(`not a combined log line: ${line}`);
  return { ip: m[1]!, time: m[2]!, method: m[3] ?? '-', url: m[4] ?? '', status: Number(m[5]), size: m[6] === '-' ? 0 : Number(m[6]), ua: m[8]! };
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** `17/Mar/2025:10:05:03 +0330` -> epoch ms. */
export function apacheMs(t: string): number {
  const m = /^(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(t);
  if (!m) throw new Error(`bad time ${t}`);
  const off = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  return Date.UTC(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - off * 60_000;
}

/** Minimal CSV line splitter (quoted fields with doubled quotes; the generator never writes newlines in fields). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote: ${line}`);
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

export function isPrivate(ip: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);
}

/** Every external attacker address named in a ground truth (entities, stuffing sources, destinations). */
export function attackerAddresses(truth: GroundTruth): Set<string> {
  const out = new Set<string>();
  for (const inc of truth.incidents) {
    if (inc.entityType === 'ip' && !isPrivate(inc.entity)) out.add(inc.entity);
    const ips = inc.details.ips;
    if (Array.isArray(ips)) for (const ip of ips) out.add(ip);
    const dst = inc.details.dst;
    if (typeof dst === 'string' && !isPrivate(dst)) out.add(dst);
  }
  return out;
}
