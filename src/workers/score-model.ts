// Piscina entry for scoring jobs: reading/featurising id ranges and predicting row ranges.
export { contextTask, isolationTask, predictTask, readChunkTask } from '../core/model/tasks';
