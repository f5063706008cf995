// "Top suspicious IPs and hosts": every detector's open findings and the model's per-source score
// on one scale, each address (or machine, when its own logs are the evidence) with the signals that
// put it there and their points. An address's row opens the entity; a machine's searches its name.
import { SEVERITIES, SUSPICIOUS_CORROBORATION, SUSPICIOUS_MEMBER_SHARE, SUSPICIOUS_MODEL_WEIGHT, SUSPICIOUS_REPEAT_SHARE, SUSPICIOUS_WEIGHT, type Severity, type SuspiciousEntry } from '../../../shared/model';
import { formatCount } from '../../../shared/format';
import { useApi, useLoad } from '../../app/hooks';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { activatable, ErrorBox, Section, SeverityBadge } from '../../components/common';
import { SafeText } from '../../components/SafeText';

/** The worst severity among an entry's findings (a model score alone has none). */
function worst(e: SuspiciousEntry): Severity | null {
  let w: Severity | null = null;
  for (const c of e.contributions) if (c.severity && (w === null || SEVERITIES.indexOf(c.severity) > SEVERITIES.indexOf(w))) w = c.severity;
  return w;
}

const points = (n: number): string => (Number.isInteger(n) ? formatCount(n) : n.toFixed(1));

export function SuspiciousList({ limit = 10 }: { limit?: number }) {
  const api = useApi();
  const { version } = useSession();
  const list = useLoad(() => api['analysis/suspicious']({ limit }), [api, limit, version]);
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data?.length) return null;
  return (
    <Section title={list.data.some((e) => e.kind === 'host') ? 'Top suspicious IPs and hosts — every signal combined' : 'Top suspicious IPs — every signal combined'} testId="suspicious">
      <p className="small muted">
        Points per open finding by severity ({[...SEVERITIES].reverse().map((s) => `${s} ${SUSPICIOUS_WEIGHT[s]}`).join(', ')}, scaled by the finding's score; a source's second finding from the same detector counts {SUSPICIOUS_REPEAT_SHARE * 100} %; each of the n sources a group finding names gets {SUSPICIOUS_MEMBER_SHARE * 100} % of its points divided by √n), {SUSPICIOUS_CORROBORATION} for each further detector with a medium or worse finding on the same source, and up to {SUSPICIOUS_MODEL_WEIGHT} for the anomaly model's score. Dismissing a finding takes its points away.
      </p>
      <table className="tbl small">
        <thead>
          <tr>
            <th>#</th>
            <th>{list.data.some((e) => e.kind === 'host') ? 'Source or machine' : 'Source'}</th>
            <th className="num">Points</th>
            <th>Worst</th>
            <th>Signals (points)</th>
          </tr>
        </thead>
        <tbody>
          {list.data.map((e, i) => {
            const w = worst(e);
            return (
              <tr
                key={`${e.kind}:${e.ip}`}
                data-testid="suspicious-row"
                {...activatable(() => (e.kind === 'host' ? navigate('explorer', { q: `"${e.ip.replace(/"/g, '')}"` }) : navigate('entity', { ip: e.ip })))}
                title={e.kind === 'host' ? 'search the events for this machine' : 'open this address'}
              >
                <td className="num">{i + 1}</td>
                <td>
                  <SafeText value={e.ip} max={64} className="mono" />
                  {e.kind === 'host' ? <span className="muted small"> (machine)</span> : null}
                </td>
                <td className="num">{points(e.points)}</td>
                <td>{w ? <SeverityBadge severity={w} /> : <span className="muted">model</span>}</td>
                <td>
                  {e.contributions.slice(0, 4).map((c, k) => (
                    <div key={k} className="suspicious-signal">
                      <SafeText value={c.signal} max={240} /> <span className="muted">({points(c.points)})</span>
                    </div>
                  ))}
                  {e.contributions.length > 4 ? <div className="muted">and {e.contributions.length - 4} more</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
