// Metrics math on small cases worked by hand: AUC with ties, confusion, F1, curves, per category.
import { describe, expect, it } from 'vitest';
import { confusionAt, curves, evaluate, rocAuc } from '../../../src/core/model/metrics';

describe('metrics', () => {
  it('AUC is 1 for a perfect ranking, 0 reversed, 0.5 all tied', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
  });

  it('AUC counts pairs: 3 positives x 2 negatives, one inversion and one tie', () => {
    // pos: 0.9, 0.6, 0.4; neg: 0.6, 0.5 -> pairs won: (0.9>0.6,0.9>0.5,0.6=0.6 half,0.6>0.5,0.4<0.6,0.4<0.5) = 3.5 / 6
    expect(rocAuc([0.9, 0.6, 0.4, 0.6, 0.5], [1, 1, 1, 0, 0])).toBeCloseTo(3.5 / 6, 12);
  });

  it('confusion, precision, recall and F1 at the threshold', () => {
    const scores = [0.9, 0.7, 0.4, 0.6, 0.2, 0.1];
    const truth = [1, 1, 1, 0, 0, 0];
    expect(confusionAt(scores, truth, 0.5)).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    const m = evaluate('x', scores, truth, ['sqli', 'sqli', 'xss', null, null, null], []);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.accuracy).toBeCloseTo(4 / 6);
    expect(m.per_category_recall).toEqual({ sqli: { recall: 1, n: 2 }, xss: { recall: 0, n: 1 } });
    expect(m.positives).toBe(3);
  });

  it('ROC runs from (0,0) to (1,1) and PR ends at full recall', () => {
    const { roc, pr } = curves([0.9, 0.8, 0.3, 0.2], [1, 0, 1, 0]);
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(roc[roc.length - 1]).toEqual({ fpr: 1, tpr: 1 });
    expect(pr[0]).toEqual({ recall: 0.5, precision: 1 });
    expect(pr[pr.length - 1]).toEqual({ recall: 1, precision: 0.5 });
  });
});
