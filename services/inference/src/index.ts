export { inferenceStage, setupInference } from './service.js';
export { InferenceCore } from './inference-core.js';
export type { ClassifyOutcome, InferenceCoreOptions, RequestOptions, TextIn, VectorOutcome } from './inference-core.js';
export { inferenceSettingsSchema } from './settings.js';
export type { InferenceSettings } from './settings.js';
export { InferenceError } from './errors.js';
export { BatchQueue } from './batch-queue.js';
export { itemText, processBatch } from './pipeline-stage.js';
export { OfflineRunner } from './offline-runner.js';
