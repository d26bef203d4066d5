export { ensureBuiltinModels, STAMP_FILE } from './ensure-builtin-models.js';
export type { BuildInputs, EnsureBuiltinModelsOptions } from './ensure-builtin-models.js';
export {
  BENCH_BERT_MODEL,
  BENCH_MINILM_MODEL,
  BUILTIN_MODELS,
  EMBEDDING_MODEL,
  SENTIMENT_MODEL,
  SPAM_MODEL,
  TOPICS_MODEL,
} from './builtin/registry.js';
export type { SluiceModelConfig } from './model-config.js';
export { spamCorpus } from './builtin/spam-model.js';
export type { SpamQuality } from './builtin/spam-model.js';
export { BERT_BASE, MINILM_L6, encoderGraph, encoderModel, encoderWeights } from './builtin/encoder-model.js';
export type { EncoderOptions, EncoderPrecision, EncoderShape, EncoderWeights } from './builtin/encoder-model.js';
export { EXPORT_LAYOUTS, LAYOUT_WORDS, exportLayout } from './layouts/export-layout.js';
export type { ExportLayout, ExportLayoutOptions, ExportedLayout } from './layouts/export-layout.js';
export { PullError } from './hub-fetch.js';
export { DEFAULT_HUB_ENDPOINT, DEFAULT_MODEL_FILES, SOURCE_FILE, pullModel } from './pull-model.js';
export type { PullModelOptions, PullProgress, PullResult } from './pull-model.js';
export { similarityGraph } from './builtin/similarity-graph.js';
