export { ensureBuiltinModels, STAMP_FILE } from './ensure-builtin-models.js';
export type { EnsureBuiltinModelsOptions } from './ensure-builtin-models.js';
export { BUILTIN_MODELS, EMBEDDING_MODEL, SENTIMENT_MODEL, SPAM_MODEL, TOPICS_MODEL } from './builtin/registry.js';
export type { SluiceModelConfig } from './model-config.js';
export { spamCorpus } from './builtin/spam-model.js';
export type { SpamQuality } from './builtin/spam-model.js';
