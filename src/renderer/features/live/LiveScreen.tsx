// Live: follow growing logs (per source toggle), with a counter, rate and an alert feed of
// findings the incremental analyzer raises.
import { useEffect, useState } from 'react';
import type { FollowInfo } from '../../../shared/api';
import type { Result } from '../../../shared/model';
import { formatCount } from '../../../shared/format';
import { toUiError, unwrap, useApi, type UiError } from '../../app/hooks';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { activatable, EmptyState, ErrorBox, Section, SeverityBadge } from '../../components/common';
import { SafeText } from '../../components/SafeText';
import { formatRate } from '../../lib/numbers';
import { GroupSources, groupSources } from '../findings/GroupSources';
import { useLiveFeed } from './LiveFeed';

export function LiveScreen() {
  const api = useApi();
  const { fmtTime } = useSession();
  const [follows, setFollows] = useState<FollowInfo[]>([]);
  const { stats, alerts } = useLiveFeed();
  const [path, setPath] = useState('');
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    const refresh = () => api['follow/status']({}).then((r) => r.ok && setFollows(r.value), () => undefined);
    void refresh();
    const t = setInterval(refresh, 5000);
    return () => clearInterval(t);
  }, [api]);

  const act = async (p: Promise<Result<FollowInfo>>) => {
    setError(null);
    try {
      const f = await unwrap(p);
      setFollows((old) => [...old.filter((x) => x.followId !== f.followId), f]);
    } catch (e) {
      setError(toUiError(e));
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Live</h1>
        <span className="sub">Follow logs that are still growing (rotation and truncation handled); new findings appear below.</span>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <Section title="Follow a log">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void act(api['follow/start']({ path: path.trim() }));
          }}
        >
          <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/var/log/nginx/access.log" style={{ flex: 1 }} aria-label="path to follow" />
          <button type="submit" className="btn primary" disabled={!path.trim()}>
            Follow
          </button>
        </form>
      </Section>
      <Section title="Followed sources" testId="live-sources">
        {follows.length === 0 ? (
          <EmptyState title="Nothing followed">Give the path of a log that is being written to.</EmptyState>
        ) : (
          <table className="tbl">
            <thead>
              <tr>
                <th>File</th>
                <th>State</th>
                <th className="num">Events</th>
                <th className="num">Quarantined</th>
                <th className="num">Rate</th>
                <th>Last event</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {follows.map((f) => {
                const s = stats[f.followId];
                return (
                  <tr key={f.followId}>
                    <td className="mono small">
                      <SafeText value={f.path} />
                    </td>
                    <td>{f.state}</td>
                    <td className="num">{formatCount(s?.events ?? f.events)}</td>
                    <td className="num">{formatCount(s?.quarantined ?? f.quarantined)}</td>
                    <td className="num">{formatRate(s?.rate)}</td>
                    <td className="small">{fmtTime(s?.lastTs ?? null, f.sourceId)}</td>
                    <td>
                      {f.state === 'running' ? (
                        <button type="button" className="btn small" onClick={() => void act(api['follow/stop']({ followId: f.followId }))}>
                          Stop
                        </button>
                      ) : (
                        <button type="button" className="btn small" onClick={() => void act(api['follow/start']({ path: f.path }))}>
                          Resume
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={`Alerts (${alerts.length})`} testId="live-alerts">
        {alerts.length === 0 ? (
          <EmptyState title="No alerts yet" />
        ) : (
          <div className="feed">
            {alerts.map((a, i) => {
              // a group finding lists only its first sources: its count says how many there are
              const group = groupSources(a.finding);
              return (
                <div key={`${a.finding.id}-${i}`} className="feed-item" style={{ borderLeftColor: `var(--sev-${a.finding.severity})` }} {...activatable(() => navigate('findings', { id: a.finding.id }))}>
                  <SeverityBadge severity={a.finding.severity} /> <SafeText value={a.finding.title} /> <span className="small muted">{fmtTime(a.finding.lastSeen)}</span>
                  {group ? <GroupSources finding={a.finding} group={group} testId="live-group-sources" /> : null}
                </div>
              );
            })}
          </div>
        )}
      </Section>
    </>
  );
}
