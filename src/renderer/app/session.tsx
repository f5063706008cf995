// The session: what this face can do (app/info), the open case, and the analyst's settings
// (display zone and theme applied everywhere). Reloaded when the case changes.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo, CaseInfo, Settings } from '../../shared/api';
import { formatTime } from '../../shared/format';
import { aggregateZone, parseDisplayZone, resolveZone, type DisplayZone } from '../lib/zone';
import { toUiError, unwrap, useApi, type UiError } from './hooks';

export interface SessionValue {
  app: AppInfo | null;
  caseInfo: CaseInfo | null;
  settings: Settings;
  zone: DisplayZone;
  /** bumps whenever case data changed (ingest, analysis, dismiss...), so screens reload */
  version: number;
  error: UiError | null;
  ready: boolean;
  /** re-reads the case; `quiet` only refreshes its counts, without asking open views to reload */
  reloadCase: (opts?: { quiet?: boolean }) => Promise<void>;
  bump: () => void;
  setCase: (c: CaseInfo | null) => void;
  saveSettings: (s: Partial<Settings>) => Promise<void>;
  /** a time in the display zone; pass the event's source id so "each source's own zone" applies */
  fmtTime: (ms: number | null | undefined, sourceId?: number | null) => string;
  /** the zone used for charts and aggregates */
  chartZone: string;
}

const DEFAULT_SETTINGS: Settings = { analyst: '', displayZone: 'UTC', theme: 'system' };
const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('SessionContext missing');
  return v;
}

function applyTheme(theme: Settings['theme']): void {
  const el = document.documentElement;
  if (theme === 'system') delete el.dataset.theme;
  else el.dataset.theme = theme;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [app, setApp] = useState<AppInfo | null>(null);
  const [caseInfo, setCaseInfo] = useState<CaseInfo | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [error, setError] = useState<UiError | null>(null);
  const [ready, setReady] = useState(false);
  const [version, setVersion] = useState(0);

  const reloadCase = useCallback(async (opts?: { quiet?: boolean }) => {
    const r = await api['cases/info']({});
    if (r.ok) setCaseInfo(r.value);
    else if (r.error.code === 'not_found') setCaseInfo(null);
    else setError(r.error);
    if (!opts?.quiet) setVersion((v) => v + 1);
  }, [api]);

  useEffect(() => {
    let alive = true;
    (async () => {
      try {
        const info = await unwrap(api['app/info']({}));
        if (!alive) return;
        setApp(info);
        const s = await api['cases/settingsGet']({});
        if (s.ok && alive) {
          setSettings(s.value);
          applyTheme(s.value.theme);
        }
        if (info.caseFile) await reloadCase();
      } catch (e) {
        if (alive) setError(toUiError(e));
      } finally {
        if (alive) setReady(true);
      }
    })();
    const off = api.on('cases/changed', () => {
      void reloadCase();
    });
    return () => {
      alive = false;
      off();
    };
  }, [api, reloadCase]);

  const saveSettings = useCallback(
    async (patch: Partial<Settings>) => {
      const next = await unwrap(api['cases/settingsSet'](patch));
      setSettings(next);
      applyTheme(next.theme);
    },
    [api],
  );

  const zone = useMemo(() => parseDisplayZone(settings.displayZone), [settings.displayZone]);
  const sourceZones = useMemo(() => new Map((caseInfo?.sources ?? []).map((s) => [s.id, s.timezone])), [caseInfo]);
  const fmtTime = useCallback(
    (ms: number | null | undefined, sourceId?: number | null) => formatTime(ms, sourceId === undefined ? aggregateZone(zone) : resolveZone(zone, sourceZones, sourceId)),
    [zone, sourceZones],
  );
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const value = useMemo<SessionValue>(
    () => ({ app, caseInfo, settings, zone, version, error, ready, reloadCase, bump, setCase: setCaseInfo, saveSettings, fmtTime, chartZone: aggregateZone(zone) }),
    [app, caseInfo, settings, zone, version, error, ready, reloadCase, bump, saveSettings, fmtTime],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
