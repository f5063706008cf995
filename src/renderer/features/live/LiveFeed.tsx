// What the followed logs pushed this session (counters and alerts), kept above the screens: the
// Live screen showed "Alerts (0)" again after a visit to Findings while the follow kept running.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiEvents } from '../../../shared/api';
import type { Finding } from '../../../shared/model';
import { useApi } from '../../app/hooks';
import { useSession } from '../../app/session';

export type FollowStats = ApiEvents['follow/stats'];
export interface LiveAlert {
  followId: string;
  finding: Finding;
  at: number;
}

interface LiveFeedValue {
  stats: Readonly<Record<string, FollowStats>>;
  alerts: readonly LiveAlert[];
}

/** The feed keeps the newest alerts; every one is a finding in the case as well. */
export const MAX_LIVE_ALERTS = 500;
/** Alerts come in bursts: the case's finding counts (the nav badge) are re-read at most this often. */
const COUNTS_REFRESH_MS = 2000;

const LiveFeedContext = createContext<LiveFeedValue | null>(null);

export function useLiveFeed(): LiveFeedValue {
  const v = useContext(LiveFeedContext);
  if (!v) throw new Error('LiveFeedContext missing');
  return v;
}

export function LiveFeedProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { caseInfo, reloadCase } = useSession();
  const [stats, setStats] = useState<Record<string, FollowStats>>({});
  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reload = useRef(reloadCase);
  reload.current = reloadCase;
  const file = caseInfo?.file ?? null;

  // another case: its follows and alerts are not this one's
  useEffect(() => {
    setStats({});
    setAlerts([]);
  }, [file]);

  useEffect(() => {
    const offS = api.on('follow/stats', (s) => setStats((old) => ({ ...old, [s.followId]: s })));
    const offA = api.on('follow/alert', (a) => {
      setAlerts((old) => [{ ...a, at: Date.now() }, ...old].slice(0, MAX_LIVE_ALERTS));
      refresh.current ??= setTimeout(() => {
        refresh.current = null;
        // quietly: an Explorer open beside a running follow must not be reloaded every burst
        void reload.current({ quiet: true });
      }, COUNTS_REFRESH_MS);
    });
    return () => {
      offS();
      offA();
      if (refresh.current) clearTimeout(refresh.current);
      refresh.current = null;
    };
  }, [api]);

  const value = useMemo(() => ({ stats, alerts }), [stats, alerts]);
  return <LiveFeedContext.Provider value={value}>{children}</LiveFeedContext.Provider>;
}
