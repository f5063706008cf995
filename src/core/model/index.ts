// The model engine's public API: supervised training with a seed-method baseline, unsupervised
// anomaly ranking, scoring (whole case in workers, or small live batches), and model storage.
export { FEATURES, ROW_FEATURES, CONTEXT_FEATURES, type FeatureDef } from './features';
export { trainModel, resolveLabels, DEFAULT_TREES, DEFAULT_SEED, type TrainOptions, type TrainResult, type LoupeMetrics } from './train';
export { trainUnsupervised, ENTITY_FEATURES, type UnsupervisedResult, type EntityScore } from './unsupervised';
export { scoreCase, scoreEvents, type ScoreOptions, type ScoreResult, type LiveEvent } from './score';
export { listModels, loadModel, exportModel, importModel, getModelInfo, type ModelInfo, type LoadedModel, type ModelKind } from './store';
export { SPLITS, type SplitKind } from './labels';
export type { Metrics, Confusion } from './metrics';
export type { Driver } from './isolation';
