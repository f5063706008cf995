import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../src/shared/api';
import { defaultModelId } from '../../../src/renderer/features/model/ModelScreen';

const m = (id: number, createdAt: number, labelColumn: string | null): ModelSummary => ({ id, name: `m${id}`, kind: labelColumn ? 'random_forest' : 'isolation_forest', createdAt, labelColumn });

describe('the model shown first', () => {
  it('is the newest supervised model, even when an isolation forest came later', () => {
    expect(defaultModelId([m(1, 100, 'label'), m(2, 200, null)])).toBe(1);
    expect(defaultModelId([m(1, 100, 'label'), m(3, 300, 'label'), m(2, 200, null)])).toBe(3);
  });

  it('falls back to the newest model when none has labels, and to none for no models', () => {
    expect(defaultModelId([m(1, 100, null), m(2, 200, null)])).toBe(2);
    expect(defaultModelId([])).toBeNull();
  });
});
