// sluice.json: what the inference service needs to know about a model folder beyond config.json.
// Optional for pretrained models (defaults are derived from config.json); always written for built-in ones.

export const MODEL_TASKS_EMBEDDING = 'embedding';

export interface SluiceModelConfig {
  /** "embedding", or a classification task name: "sentiment", "topics", "spam", "sequence-classification", ... */
  task: string;
  /** How token vectors become one vector: "mean", "cls", or "none" when the graph already pools. */
  pooling: 'mean' | 'cls' | 'none';
  /** L2-normalize embeddings (after pooling). */
  normalize: boolean;
  /** Classification labels in output order (else config.json id2label). */
  labels?: string[];
  /** How logits become scores: softmax (one label), sigmoid (multi-label), or none (already scores). */
  activation?: 'softmax' | 'sigmoid' | 'none';
  /** Tokens per input; longer inputs are truncated. */
  max_length: number;
  /** The graph output to read (default: sentence_embedding, else last_hidden_state / logits). */
  output?: string;
  /** Embedding width (embedding models). */
  dimensions?: number;
  description?: string;
  license?: string;
  /** For bench-only models with generated weights. */
  benchmark_only?: boolean;
  /** Built-in models: the build version that made the folder (see ensureBuiltinModels). */
  build_version?: string;
}

/** config.json for a built-in model, in the shape Hugging Face model folders have. */
export function hfConfig(fields: {
  architecture: string;
  modelType: string;
  labels?: readonly string[];
  hiddenSize?: number;
  maxLength: number;
  vocabSize: number;
}): Record<string, unknown> {
  const config: Record<string, unknown> = {
    architectures: [fields.architecture],
    model_type: fields.modelType,
    vocab_size: fields.vocabSize,
    max_position_embeddings: fields.maxLength,
  };
  if (fields.hiddenSize) config.hidden_size = fields.hiddenSize;
  if (fields.labels) {
    config.id2label = Object.fromEntries(fields.labels.map((label, i) => [String(i), label]));
    config.label2id = Object.fromEntries(fields.labels.map((label, i) => [label, i]));
    config.num_labels = fields.labels.length;
  }
  return config;
}
