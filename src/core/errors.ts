// The engine's one error type: a code from the shared list and a one-line message for people.
import type { ErrorCode } from '../shared/model';

export class LoupeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoupeError';
  }
}

export const isLoupeError = (e: unknown): e is LoupeError => e instanceof LoupeError;

/** One line a user can act on, whatever was thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0] ?? String(e);
  return String(e);
}
