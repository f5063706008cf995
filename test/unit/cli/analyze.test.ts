// How the CLI prints the signals behind a top-suspicious source: the bonus for several detectors
// agreeing is not an anomaly model's score, and says which it is.
import { describe, expect, it } from 'vitest';
import { contributionLabel, labelTally } from '../../../src/cli/commands/analyze';

describe('contributionLabel', () => {
  it('names findings by detector and severity, and the two bonuses by what they are', () => {
    expect(contributionLabel({ kind: 'finding', signal: 'Port scan', detector: 'portScan', severity: 'high', points: 22.8, detail: '' })).toBe('portScan high +22.8');
    expect(contributionLabel({ kind: 'corroboration', signal: 'found by 3 detectors', detector: null, severity: null, points: 10, detail: '' })).toBe('several detectors +10');
    expect(contributionLabel({ kind: 'model', signal: 'anomaly score 0.8', detector: null, severity: null, points: 3.1, detail: '' })).toBe('anomaly model +3.1');
  });
});

describe('labelTally', () => {
  it('lists a labeled data set\'s own labels with their counts, at most twelve named', () => {
    expect(labelTally([{ key: 'BENIGN', count: 2500 }, { key: 'DDoS', count: 4000 }])).toBe('BENIGN 2,500, DDoS 4,000');
    const many = Array.from({ length: 15 }, (_, i) => ({ key: `flow=From-Botnet-V42-${i}`, count: 15 - i }));
    expect(labelTally(many)).toMatch(/^flow=From-Botnet-V42-0 15, .*flow=From-Botnet-V42-11 4, and 3 more$/);
  });
});
