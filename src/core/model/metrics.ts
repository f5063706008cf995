// Evaluation of a scorer on labeled rows: AUC (ties averaged), confusion at a threshold,
// accuracy / precision / recall / F1, ROC and PR curve points, and recall per attack category.

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Metrics {
  method: string;
  /** rows evaluated, and how many were positive */
  n: number;
  positives: number;
  threshold: number;
  auc: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  confusion: Confusion;
  /** share of each category's rows flagged (score >= threshold), with their count */
  per_category_recall: Record<string, { recall: number; n: number }>;
  roc: { fpr: number; tpr: number }[];
  pr: { recall: number; precision: number }[];
  importance: { feature: string; value: number }[];
}

/** Scores of positives and of negatives, each sorted ascending (native numeric sort, no comparator). */
function splitSorted(scores: ArrayLike<number>, truth: ArrayLike<number>): { pos: Float64Array; neg: Float64Array } {
  let P = 0;
  for (let i = 0; i < scores.length; i++) if (truth[i]) P++;
  const pos = new Float64Array(P);
  const neg = new Float64Array(scores.length - P);
  let p = 0;
  let q = 0;
  for (let i = 0; i < scores.length; i++) {
    if (truth[i]) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  return { pos: pos.sort(), neg: neg.sort() };
}

/** Area under the ROC curve: P(score of a positive > score of a negative), ties counting half. */
export function rocAuc(scores: ArrayLike<number>, truth: ArrayLike<number>): number {
  const { pos, neg } = splitSorted(scores, truth);
  if (pos.length === 0 || neg.length === 0) return NaN;
  let wins = 0;
  let below = 0; // negatives strictly below the current positive score
  let j = 0;
  for (let i = 0; i < pos.length; ) {
    const v = pos[i];
    let k = i;
    while (k < pos.length && pos[k] === v) k++;
    while (j < neg.length && neg[j] < v) j++;
    below = j;
    let eq = 0;
    while (j + eq < neg.length && neg[j + eq] === v) eq++;
    wins += (k - i) * (below + eq / 2);
    i = k;
  }
  return wins / (pos.length * neg.length);
}

export function confusionAt(scores: ArrayLike<number>, truth: ArrayLike<number>, threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const p = scores[i] >= threshold;
    if (truth[i]) {
      if (p) c.tp++;
      else c.fn++;
    } else if (p) c.fp++;
    else c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** ROC and PR points at up to `maxPoints` thresholds (distinct scores, evenly thinned). */
export function curves(scores: ArrayLike<number>, truth: ArrayLike<number>, maxPoints = 101): { roc: Metrics['roc']; pr: Metrics['pr'] } {
  const { pos, neg } = splitSorted(scores, truth);
  const P = pos.length;
  const N = neg.length;
  // walk thresholds from the highest score down, counting positives/negatives at or above it
  const pts: { fp: number; tp: number }[] = [{ fp: 0, tp: 0 }];
  let i = P - 1;
  let j = N - 1;
  while (i >= 0 || j >= 0) {
    const v = Math.max(i >= 0 ? pos[i] : -Infinity, j >= 0 ? neg[j] : -Infinity);
    while (i >= 0 && pos[i] === v) i--;
    while (j >= 0 && neg[j] === v) j--;
    pts.push({ tp: P - 1 - i, fp: N - 1 - j });
  }
  const step = Math.max(1, Math.ceil(pts.length / maxPoints));
  const kept = pts.filter((_, k) => k % step === 0 || k === pts.length - 1);
  const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
  return {
    roc: kept.map((p) => ({ fpr: r6(ratio(p.fp, N)), tpr: r6(ratio(p.tp, P)) })),
    pr: kept.filter((p) => p.tp + p.fp > 0).map((p) => ({ recall: r6(ratio(p.tp, P)), precision: r6(ratio(p.tp, p.tp + p.fp)) })),
  };
}

/**
 * All metrics of one method on the evaluated rows. `category` names each positive row's attack
 * type (null = unnamed); per-category recall is the share of its rows scored >= threshold.
 */
export function evaluate(
  method: string,
  scores: ArrayLike<number>,
  truth: ArrayLike<number>,
  category: readonly (string | null)[] | null,
  importance: { feature: string; value: number }[],
  threshold = 0.5,
): Metrics {
  const confusion = confusionAt(scores, truth, threshold);
  const { tp, fp, tn, fn } = confusion;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const perCat: Record<string, { hit: number; n: number }> = {};
  if (category) {
    for (let i = 0; i < scores.length; i++) {
      if (!truth[i]) continue;
      const c = category[i] ?? 'attack';
      const e = (perCat[c] ??= { hit: 0, n: 0 });
      e.n++;
      if (scores[i] >= threshold) e.hit++;
    }
  }
  const per_category_recall: Metrics['per_category_recall'] = {};
  for (const [c, e] of Object.entries(perCat).sort((a, b) => b[1].n - a[1].n)) per_category_recall[c] = { recall: ratio(e.hit, e.n), n: e.n };
  const auc = rocAuc(scores, truth);
  return {
    method,
    n: scores.length,
    positives: tp + fn,
    threshold,
    auc,
    accuracy: ratio(tp + tn, scores.length),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    confusion,
    per_category_recall,
    ...curves(scores, truth),
    importance,
  };
}
