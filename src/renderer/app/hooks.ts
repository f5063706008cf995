// React glue over the API: unwrap Result values, load data with loading/error states, and
// keep the last good data while reloading so screens do not flicker.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../shared/api';
import type { ErrorCode, Result } from '../../shared/model';

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiContext missing');
  return api;
}

export interface UiError {
  code: ErrorCode | 'ui';
  message: string;
}

export class ApiError extends Error {
  constructor(readonly error: UiError) {
    super(error.message);
  }
}

/** Resolves the value or throws an ApiError carrying the code and the user-facing message. */
export async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

export function toUiError(e: unknown): UiError {
  if (e instanceof ApiError) return e.error;
  return { code: 'ui', message: e instanceof Error ? e.message : String(e) };
}

export interface Loaded<T> {
  data: T | null;
  error: UiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads `fn()` when deps change; stale answers from earlier deps are dropped. */
export function useLoad<T>(fn: () => Promise<Result<T>>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: UiError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const my = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    fnRef.current().then(
      (r) => {
        if (my !== seq.current) return;
        setState(r.ok ? { data: r.value, error: null, loading: false } : { data: null, error: r.error, loading: false });
      },
      (e: unknown) => {
        if (my !== seq.current) return;
        setState({ data: null, error: toUiError(e), loading: false });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
