// model/*: the case's models, training and scoring jobs, and a model's metrics.
import { engine } from '../engine';
import type { Slice } from './types';

export const model: Slice<'model'> = {
  'model/list': (_a, s) => engine.listModels(s.requireCase().db),
  'model/train': (a, s) => {
    const { file } = s.requireCase();
    const title = a.unsupervised ? 'Training an isolation forest' : `Training a model${a.label ? ` on ${a.label}` : ''}`;
    return {
      jobId: s.jobs.start('train', title, async (hooks) => {
        const r = await engine.train(file, a, hooks);
        return { kind: 'train', modelId: r.modelId, summary: r.summary };
      }),
    };
  },
  'model/score': (a, s) => {
    const { file } = s.requireCase();
    return {
      jobId: s.jobs.start('score', 'Scoring the case', async (hooks) => {
        const r = await engine.score(file, a.modelId, hooks);
        return { kind: 'score', modelId: r.modelId, scored: r.scored };
      }),
    };
  },
  'model/metrics': (a, s) => engine.modelDetail(s.requireCase().db, a.modelId),
};
