export { ensureBuiltinModels, STAMP_FILE } from './ensure-builtin-models.js';
export type { EnsureBuiltinModelsOptions } from './ensure-builtin-models.js';
export { BENCH_BERT_MODEL, BENCH_MINILM_MODEL, BUILTIN_MODELS, EMBEDDING_MODEL, SENTIMENT_MODEL, SPAM_MODEL, TOPICS_MODEL } from './builtin/registry.js';
export type { SluiceModelConfig } from './model-config.js';
export { spamCorpus } from './builtin/spam-model.js';
export type { SpamQuality } from './builtin/spam-model.js';
export { BERT_BASE, MINILM_L6, encoderGraph } from './builtin/encoder-model.js';
export type { EncoderShape } from './builtin/encoder-model.js';
