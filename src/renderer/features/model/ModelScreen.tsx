// Model: train (label column, split, or unsupervised), both methods' metrics side by side,
// ROC/PR curves, confusion matrices, feature importance; score the case with a model.
import { useEffect, useMemo, useState } from 'react';
import type { MethodMetrics, ModelSummary } from '../../../shared/api';
import { formatCount } from '../../../shared/format';
import { toUiError, useApi, useLoad, type UiError } from '../../app/hooks';
import { useJobs } from '../../app/jobs';
import { useSession } from '../../app/session';
import { EmptyState, ErrorBox, Loading, ProgressBar, Section } from '../../components/common';
import { CurveChart, HBarChart } from '../../components/charts';
import { SafeText } from '../../components/SafeText';
import { formatMetric, formatPercent } from '../../lib/numbers';
import { confusionCells, curveSeries, importanceSeries } from '../../lib/series';

const METRICS: { key: keyof MethodMetrics; label: string }[] = [
  { key: 'auc', label: 'AUC' },
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'precision', label: 'Precision' },
  { key: 'recall', label: 'Recall' },
  { key: 'f1', label: 'F1' },
];

function Confusion({ m }: { m: MethodMetrics }) {
  if (!m.confusion) return null;
  const c = m.confusion;
  const cells = confusionCells(['normal', 'attack'], [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ]);
  return (
    <div data-testid="confusion">
      <div className="small muted" style={{ marginBottom: 4 }}>
        <SafeText value={m.method} /> — rows: actual, columns: predicted
      </div>
      <div className="matrix" style={{ gridTemplateColumns: '80px 1fr 1fr' }}>
        <div />
        <div className="small muted">normal</div>
        <div className="small muted">attack</div>
        {['normal', 'attack'].map((actual) => (
          <Row key={actual} actual={actual} cells={cells.filter((x) => x.actual === actual)} />
        ))}
      </div>
    </div>
  );
}

function Row({ actual, cells }: { actual: string; cells: ReturnType<typeof confusionCells> }) {
  return (
    <>
      <div className="small muted" style={{ textAlign: 'right' }}>
        {actual}
      </div>
      {cells.map((x) => (
        <div key={x.predicted} style={{ background: `color-mix(in srgb, var(--${x.actual === x.predicted ? 'c3' : 'c4'}) ${Math.round(10 + x.share * 60)}%, transparent)` }} title={`${formatPercent(x.share)} of actual ${x.actual}`}>
          {formatCount(x.count)}
        </div>
      ))}
    </>
  );
}

/**
 * The model shown first: the newest one trained on labels, since only it has test metrics to
 * read; an isolation forest trained later would otherwise open on "No metrics stored".
 */
export function defaultModelId(models: readonly ModelSummary[]): number | null {
  const supervised = models.filter((m) => m.labelColumn != null);
  const pick = (supervised.length ? supervised : models).reduce<ModelSummary | null>((best, m) => (!best || m.createdAt > best.createdAt || (m.createdAt === best.createdAt && m.id > best.id) ? m : best), null);
  return pick?.id ?? null;
}

export function ModelScreen() {
  const api = useApi();
  const jobs = useJobs();
  const session = useSession();
  const models = useLoad(() => api['model/list']({}), [api, session.version]);
  const [modelId, setModelId] = useState<number | null>(null);
  const [label, setLabel] = useState('label');
  const [split, setSplit] = useState(0.7);
  const [unsupervised, setUnsupervised] = useState(false);
  // a case without labels (the usual incident) can only rank what is unusual: offer that first
  const overview = useLoad(() => api['analysis/overview']({}), [api, session.version]);
  const unlabeled = overview.data != null && overview.data.events > 0 && overview.data.labels.length === 0 && overview.data.categories.length === 0;
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (unlabeled && !touched) setUnsupervised(true);
  }, [unlabeled, touched]);
  const [splitBy, setSplitBy] = useState<'ip' | 'random' | 'time'>('ip');
  const [error, setError] = useState<UiError | null>(null);
  const [trainJob, setTrainJob] = useState<string | null>(null);
  const [scoreJob, setScoreJob] = useState<string | null>(null);
  const [scored, setScored] = useState<number | null>(null);

  useEffect(() => {
    if (modelId == null && models.data?.length) setModelId(defaultModelId(models.data));
  }, [models.data, modelId]);
  const detail = useLoad(() => (modelId != null ? api['model/metrics']({ modelId }) : Promise.resolve({ ok: true as const, value: null })), [api, modelId]);

  const train = async () => {
    setError(null);
    const job = jobs.start('train', 'Train a model', api['model/train'](unsupervised ? { unsupervised: true } : { label, split, splitBy }));
    job.id.then(setTrainJob, () => undefined);
    try {
      const r = await job.done;
      if (r.kind === 'train') setModelId(r.modelId);
      models.reload();
      session.bump();
    } catch (e) {
      setError(e && typeof e === 'object' && 'message' in e ? (e as UiError) : toUiError(e));
    }
  };
  const score = async () => {
    setError(null);
    const job = jobs.start('score', 'Score the case', api['model/score']({ modelId: modelId ?? undefined }));
    job.id.then(setScoreJob, () => undefined);
    try {
      const r = await job.done;
      if (r.kind === 'score') setScored(r.scored);
      session.bump();
    } catch (e) {
      setError(e && typeof e === 'object' && 'message' in e ? (e as UiError) : toUiError(e));
    }
  };

  const tj = trainJob ? jobs.jobs.get(trainJob) : undefined;
  const sj = scoreJob ? jobs.jobs.get(scoreJob) : undefined;
  const methods = useMemo(() => detail.data?.methods ?? [], [detail.data]);
  const roc = methods.filter((m) => m.roc?.length).map((m) => ({ name: m.method, points: curveSeries(m.roc!.map((p) => ({ x: p.fpr, y: p.tpr })), 'roc') }));
  const pr = methods.filter((m) => m.pr?.length).map((m) => ({ name: m.method, points: curveSeries(m.pr!.map((p) => ({ x: p.recall, y: p.precision })), 'pr') }));

  return (
    <>
      <div className="page-head">
        <h1>Model</h1>
        <span className="sub">A random forest on engineered features when the data has labels; an isolation forest when it does not.</span>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      <Section title="Train" testId="model-train">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void train();
          }}
        >
          <label className="field">
            Label column
            <select value={label} onChange={(e) => setLabel(e.target.value)} disabled={unsupervised} data-testid="model-label">
              <option value="label">label (the data's own label)</option>
              <option value="category">category (attack type present = attack)</option>
            </select>
          </label>
          <label className="field">
            Train share
            <input type="number" min={0.1} max={0.9} step={0.05} value={split} onChange={(e) => setSplit(Number(e.target.value))} disabled={unsupervised} style={{ width: 90 }} data-testid="model-split" />
          </label>
          <label className="field">
            Split by
            <select value={splitBy} onChange={(e) => setSplitBy(e.target.value as typeof splitBy)} disabled={unsupervised} data-testid="model-split-by">
              <option value="ip">source IP (no address in both train and test)</option>
              <option value="time">time (train on the past, test on the future)</option>
              <option value="random">random rows</option>
            </select>
          </label>
          <label className="row small">
            <input
              type="checkbox"
              checked={unsupervised}
              onChange={(e) => {
                setTouched(true);
                setUnsupervised(e.target.checked);
              }}
              data-testid="model-unsupervised"
            />{' '}
            no labels: isolation forest
          </label>
          <button type="submit" className="btn primary" disabled={tj?.state === 'running' || !(split > 0 && split < 1)} data-testid="model-train-start">
            Train
          </button>
        </form>
        {unlabeled ? (
          <div className="small muted" style={{ marginTop: 8 }} data-testid="model-unlabeled">
            No event in this case has a label or attack category, so a supervised forest has nothing to learn from: the isolation forest ranks events and sources by how unusual they are, and its scores feed the top suspicious IPs.
          </div>
        ) : null}
        {tj ? (
          <div style={{ marginTop: 8 }}>
            <ProgressBar value={tj.state === 'done' ? 1 : (tj.progress?.value ?? null)} label="training" />
            <div className="small muted">{tj.state === 'running' ? (tj.progress?.detail ?? tj.progress?.title ?? 'training…') : tj.state === 'done' ? 'trained' : (tj.error?.message ?? tj.state)}</div>
          </div>
        ) : null}
      </Section>

      {models.data && models.data.length === 0 ? (
        <div data-testid="model-empty">
          <EmptyState title="No model yet">Train one above: with labels it learns to tell attacks from normal traffic; without, it ranks what is unusual.</EmptyState>
        </div>
      ) : null}
      {models.data?.length ? (
        <Section
          title="Model"
          testId="model-metrics"
          actions={
            <>
              <select value={modelId ?? ''} onChange={(e) => setModelId(Number(e.target.value))} aria-label="model">
                {models.data.map((m) => (
                  <option key={m.id} value={m.id}>
                    #{m.id} {m.name} ({m.kind}) — {session.fmtTime(m.createdAt)}
                  </option>
                ))}
              </select>
              <button type="button" className="btn" onClick={() => void score()} disabled={sj?.state === 'running'} data-testid="model-score">
                Score the case
              </button>
            </>
          }
        >
          {sj ? <div className="small muted" style={{ marginBottom: 8 }}>{sj.state === 'running' ? <ProgressBar value={sj.progress?.value ?? null} label="scoring" /> : sj.state === 'done' ? `${formatCount(scored ?? 0)} events scored` : sj.error?.message}</div> : null}
          {detail.error ? <ErrorBox error={detail.error} /> : null}
          {!detail.data ? (
            <Loading what="metrics" />
          ) : methods.length === 0 ? (
            <EmptyState title="No metrics stored for this model">Unsupervised models have no test metrics; score the case to rank events and entities.</EmptyState>
          ) : (
            <table className="tbl" data-testid="metrics-table">
              <thead>
                <tr>
                  <th>Method</th>
                  {METRICS.map((m) => (
                    <th key={m.key} className="num">
                      {m.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {methods.map((m) => (
                  <tr key={m.method}>
                    <td>
                      <SafeText value={m.method} />
                    </td>
                    {METRICS.map((k) => (
                      <td key={k.key} className="num">
                        {formatMetric(m[k.key] as number | undefined)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      ) : null}
      {methods.length ? (
        <div className="grid2">
          {roc.length ? (
            <Section title="ROC curve" testId="chart-roc">
              <div className="chart-box tall">
                <CurveChart sets={roc} xLabel="false positive rate" yLabel="true positive rate" diagonal />
              </div>
            </Section>
          ) : null}
          {pr.length ? (
            <Section title="Precision / recall" testId="chart-pr">
              <div className="chart-box tall">
                <CurveChart sets={pr} xLabel="recall" yLabel="precision" />
              </div>
            </Section>
          ) : null}
          {methods.some((m) => m.confusion) ? (
            <Section title="Confusion matrices (test split)">
              <div className="grid2">
                {methods.map((m) => (
                  <Confusion key={m.method} m={m} />
                ))}
              </div>
            </Section>
          ) : null}
          {methods
            .filter((m) => m.importance?.length)
            .map((m) => (
              <Section key={m.method} title={`Feature importance — ${m.method}`} testId="chart-importance">
                <div className="chart-box tall">
                  <HBarChart rows={importanceSeries(Object.fromEntries(m.importance!.map((x) => [x.feature, x.importance])), 12).map((x) => ({ key: x.feature, value: Math.round(x.value * 1000) / 1000 }))} />
                </div>
              </Section>
            ))}
        </div>
      ) : null}
    </>
  );
}
