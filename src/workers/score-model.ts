// Piscina entry for scoring jobs: reading/featurising id ranges and predicting row ranges.
export { isolationTask, predictTask, readChunkTask } from '../core/model/tasks';
