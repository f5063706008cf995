// How the CLI prints the signals behind a top-suspicious source: the bonus for several detectors
// agreeing is not an anomaly model's score, and says which it is.
import { describe, expect, it } from 'vitest';
import { contributionLabel } from '../../../src/cli/commands/analyze';

describe('contributionLabel', () => {
  it('names findings by detector and severity, and the two bonuses by what they are', () => {
    expect(contributionLabel({ kind: 'finding', signal: 'Port scan', detector: 'portScan', severity: 'high', points: 22.8, detail: '' })).toBe('portScan high +22.8');
    expect(contributionLabel({ kind: 'corroboration', signal: 'found by 3 detectors', detector: null, severity: null, points: 10, detail: '' })).toBe('several detectors +10');
    expect(contributionLabel({ kind: 'model', signal: 'anomaly score 0.8', detector: null, severity: null, points: 3.1, detail: '' })).toBe('anomaly model +3.1');
  });
});
