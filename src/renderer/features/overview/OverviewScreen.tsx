// Overview: KPI cards and charts of the case; brushing the timeline re-computes everything else
// for that time range (analysis/overview with from/to).
import { useEffect, useMemo, useState } from 'react';
import { SEVERITIES } from '../../../shared/model';
import { formatCount, formatDuration } from '../../../shared/format';
import { useApi, useLoad } from '../../app/hooks';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyState, ErrorBox, Kpi, Loading, Section } from '../../components/common';
import { DonutChart, HBarChart, HistogramChart, TimelineChart } from '../../components/charts';
import { SuspiciousList } from './SuspiciousList';
import { brushRange, histogram, statusClasses, timelineSeries, topWithOther } from '../../lib/series';

export function OverviewScreen() {
  const api = useApi();
  const session = useSession();
  const { caseInfo, fmtTime, chartZone, version } = session;
  const full = useLoad(() => api['analysis/overview']({}), [api, version]);
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const [pending, setPending] = useState<{ from: number; to: number } | null>(null);
  const ranged = useLoad(() => (range ? api['analysis/overview']({ from: range.from, to: range.to }) : Promise.resolve({ ok: true as const, value: null })), [api, range, version]);
  const findings = useLoad(() => api['analysis/findings']({ status: 'all' }), [api, version]);

  // brushing fires on every mouse move; settle for 300 ms before asking the engine
  useEffect(() => {
    const t = setTimeout(() => setRange(pending), 300);
    return () => clearTimeout(t);
  }, [pending]);

  const tl = useMemo(() => (full.data ? timelineSeries(full.data.timeline) : null), [full.data]);
  const stats = (range && ranged.data) || full.data;
  const scoreBins = useMemo(() => histogram((findings.data ?? []).filter((f) => !range || ((f.lastSeen ?? 0) >= range.from && (f.firstSeen ?? 0) < range.to)).map((f) => f.score), 10), [findings.data, range]);

  if (full.error) return <ErrorBox error={full.error} onRetry={full.reload} />;
  if (!full.data || !stats || !tl) return <Loading what="the overview" />;
  if (full.data.events === 0)
    return (
      <EmptyState title="This case has no events yet" action={<button type="button" className="btn primary" onClick={() => navigate('start')}>Add log files</button>}>
        Drop log files on the Start screen; the overview fills in as soon as the ingest finishes.
      </EmptyState>
    );

  const sev = caseInfo?.findings;
  const statusRows = statusClasses(stats.statuses);
  const hasWeb = stats.statuses.length > 0;
  const mix = stats.protocols.length ? stats.protocols : stats.methods;

  return (
    <>
      <div className="page-head">
        <h1>Overview</h1>
        <span className="sub" data-testid="overview-range">
          {range ? (
            <>
              Showing {fmtTime(range.from)} → {fmtTime(range.to)}{' '}
              <button type="button" className="btn small" onClick={() => setPending(null)}>
                Show all
              </button>
            </>
          ) : (
            <>
              {fmtTime(stats.minTs)} → {fmtTime(stats.maxTs)} ({formatDuration(stats.maxTs != null && stats.minTs != null ? stats.maxTs - stats.minTs : null)})
            </>
          )}
        </span>
      </div>
      <div className="kpis" data-testid="kpis">
        <Kpi label="Events" value={formatCount(stats.events)} testId="kpi-events" />
        <Kpi label="Sources" value={formatCount(stats.sources)} />
        <Kpi label="Distinct source IPs" value={formatCount(stats.distinctSrcIps)} sub={destinationsNote(stats.distinctDstIps)} />
        <Kpi label="Quarantined" value={formatCount(stats.quarantined)} tone={stats.quarantined ? 'warn' : undefined} sub="records kept aside, see Ingest" />
        <Kpi
          label="Open findings"
          testId="kpi-findings"
          value={formatCount(sev ? Object.values(sev).reduce((s, n) => s + n, 0) : 0)}
          sub={
            <span className="row" style={{ gap: 4 }}>
              {[...SEVERITIES].reverse().map((s) =>
                sev && sev[s] ? (
                  <a key={s} className={`sev sev-${s}`} href={`#/findings?severity=${s}`}>
                    {sev[s]} {s}
                  </a>
                ) : null,
              )}
            </span>
          }
        />
      </div>

      <Section title={`Events over time${full.data.timeline.stackBy !== 'none' ? ` by ${full.data.timeline.stackBy}` : ''} — drag the handles below (or focus one and press ← →) to focus a time range`} testId="chart-timeline">
        <div className="chart-box tall">
          <TimelineChart data={tl.data} keys={tl.keys} zone={chartZone} bucketMs={full.data.timeline.bucketMs} fmtTime={(t) => fmtTime(t)} onBrush={(a, b) => setPending(brushRange(tl.data, full.data!.timeline.bucketMs, a, b))} />
        </div>
        <div className="small muted">Bucket: {formatDuration(full.data.timeline.bucketMs)} · times in {chartZone}</div>
      </Section>

      <SuspiciousList />

      {ranged.loading && range ? <div className="small muted">Updating for the selected range…</div> : null}
      <div className="grid2">
        <Section title={stats.protocols.length ? 'Protocol mix' : 'HTTP methods'} testId="chart-protocols">
          {mix.length ? (
            <div className="chart-box">
              <DonutChart rows={topWithOther(mix, 7)} />
            </div>
          ) : (
            <EmptyState title="No protocol or method field in these logs" />
          )}
        </Section>
        <Section title="Status codes" testId="chart-status">
          {hasWeb ? (
            <div className="chart-box">
              <HBarChart rows={topWithOther(stats.statuses, 10).map((k) => ({ key: k.key, value: k.count }))} onClick={(k) => navigate('explorer', { q: `status:${k}` })} />
            </div>
          ) : (
            <EmptyState title="No HTTP status in these logs" />
          )}
          {hasWeb ? (
            <div className="chips">
              {statusRows.map((r) => (
                <span className="chip" key={r.key}>
                  {r.key}: {formatCount(r.count)}
                </span>
              ))}
            </div>
          ) : null}
        </Section>
        <Section title="Top talkers by events" testId="chart-top-events">
          {stats.topSourcesByEvents.length ? (
            <div className="chart-box">
              <HBarChart rows={stats.topSourcesByEvents.slice(0, 10).map((k) => ({ key: k.key, value: k.count }))} onClick={(ip) => navigate('entity', { ip })} />
            </div>
          ) : (
            <EmptyState title="No source address in these logs" />
          )}
        </Section>
        <Section title="Top talkers by bytes" testId="chart-top-bytes">
          {stats.topSourcesByBytes.some((k) => k.bytes) ? (
            <div className="chart-box">
              <HBarChart unit="bytes" rows={stats.topSourcesByBytes.slice(0, 10).map((k) => ({ key: k.key, value: k.bytes ?? k.count }))} onClick={(ip) => navigate('entity', { ip })} />
            </div>
          ) : (
            <EmptyState title={stats.topSourcesByEvents.length ? 'No byte counts in these logs' : 'No source address in these logs'} />
          )}
        </Section>
        <Section title="Finding scores (0 = mild, 1 = most anomalous)" testId="chart-scores">
          {findings.data?.length ? (
            <div className="chart-box">
              <HistogramChart bins={scoreBins} />
            </div>
          ) : (
            <EmptyState title="No findings scored yet">Run the analysis (it runs after every ingest) or train a model on the Model screen.</EmptyState>
          )}
        </Section>
        {stats.labels.length ? (
          <Section title="Labels in the data" testId="chart-labels">
            <div className="chart-box">
              <HBarChart rows={topWithOther(stats.labels, 10).map((k) => ({ key: k.key, value: k.count }))} />
            </div>
          </Section>
        ) : null}
        {stats.categories.length ? (
          <Section title="Attack categories in the data" testId="chart-categories">
            <div className="chart-box">
              <HBarChart rows={topWithOther(stats.categories, 10).map((k) => ({ key: k.key, value: k.count }))} />
            </div>
          </Section>
        ) : null}
      </div>
    </>
  );
}

/** A web or auth log has no destination column: '0 destinations' would read as a finding. */
export function destinationsNote(distinctDstIps: number): string {
  return distinctDstIps > 0 ? `${formatCount(distinctDstIps)} destinations` : 'no destination addresses in these logs';
}
