// Piscina entry for training jobs: reading/featurising id ranges, binning, growing trees, predicting.
export { binTask, contextTask, isolationTask, predictTask, readChunkTask, treesTask } from '../core/model/tasks';
