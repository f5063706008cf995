// Shared CLI helpers: error reporting with exit codes, progress lines, option parsing.
import { LoupeError, errorMessage } from '../core/errors';

/** Prints one line for the user and returns the exit code (2 usage, 1 anything else). */
export function reportError(e: unknown): number {
  const msg = errorMessage(e);
  process.stderr.write(`loupe: ${msg}\n`);
  if (process.env.LOUPE_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return e instanceof LoupeError && e.code === 'usage' ? 2 : 1;
}

export function usage(message: string): never {
  throw new LoupeError('usage', message);
}

/** Collects repeatable `--opt a=b` values into a record. */
export function collectPairs(value: string, prev: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) usage(`expected key=value, got "${value}"`);
  return { ...prev, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * A progress reporter: redraws one line on a terminal, prints plain lines otherwise (at most one per
 * 2 s), nothing when quiet. A plain line is a log that stays: the first waits 2 s, so a job that
 * finishes sooner leaves no stale "0 %" line behind its results.
 */
export function progressPrinter(quiet: boolean): { update(line: string): void; done(line?: string): void } {
  const tty = process.stderr.isTTY === true;
  let last = tty ? 0 : Date.now();
  return {
    update(line) {
      if (quiet) return;
      const now = Date.now();
      if (tty) {
        if (now - last < 100) return;
        last = now;
        process.stderr.write(`\r\x1b[K${line}`);
      } else {
        if (now - last < 2000) return;
        last = now;
        process.stderr.write(`${line}\n`);
      }
    },
    done(line) {
      if (quiet) return;
      if (tty) process.stderr.write('\r\x1b[K');
      if (line) process.stderr.write(`${line}\n`);
    },
  };
}
