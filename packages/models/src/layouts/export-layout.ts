// Test model folders in exactly the layouts real exports have, with small generated weights (hidden 32,
// 2 layers by default): what sentence-transformers, Optimum and the Xenova conversions put in a hub
// repository. The inference service must run them as it runs the real thing; the tests check outputs
// against a reference implementation evaluating the same weights.
import {
  encoderModel,
  encoderWeights,
  type EncoderPrecision,
  type EncoderShape,
  type EncoderWeights,
  LAYER_NORM_EPSILON,
} from '../builtin/encoder-model.js';
import { byteBpeTokenizerFiles, byteBpeVocabulary, learnMerges } from './byte-bpe-tokenizer.js';
import { wordPieceTokenizerFiles, wordPieceVocabulary } from './wordpiece-tokenizer.js';

export const EXPORT_LAYOUTS = ['bert-mean', 'bert-cls', 'bert-classifier', 'roberta-classifier'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

/** Words of the test vocabularies (and the BPE training corpus): news and review words. */
export const LAYOUT_WORDS = (
  'the a an and or but not no is was are were be been has have had it this that these those to of in on at for with from by as ' +
  'i you he she we they my your our their his her its me us them what which who when where why how all some any more most very ' +
  'good great bad terrible excellent awful love hate like happy sad best worst nice poor amazing boring fun loved hated ' +
  'market stock stocks shares price prices fell rose bank banks investors inflation economy company profit sales deal ' +
  'team game match season won lost win play player players coach football league cup final goal score ' +
  'government election president minister vote law court police war peace country city world news report ' +
  'science research study new data computer software phone apple google internet technology space health ' +
  'movie film food service product day time year years people man woman life work place place thing way ' +
  'un ##s ##ing ##ed ##ly ##er ##est ##ion ##al ##able ##ful ##ness'
).split(' ');

export const LAYOUT_SHAPE: Omit<EncoderShape, 'vocabulary'> = {
  hidden: 32,
  layers: 2,
  heads: 4,
  intermediate: 64,
  maxPositions: 128,
};

export interface ExportLayoutOptions {
  layout: ExportLayout;
  seed?: number;
  /** Also write onnx/model_fp16.onnx and onnx/model_quantized.onnx (as the Xenova conversions ship them). */
  variants?: boolean;
  /** Keep model.onnx's tensors in onnx/model.onnx_data (ONNX external data, as exports of > 2 GB models do). */
  externalData?: boolean;
  /** Encoder shape (default LAYOUT_SHAPE; the peer benchmarks use MiniLM-L6's). */
  shape?: Omit<EncoderShape, 'vocabulary'>;
  /** Words of the WordPiece vocabulary (default LAYOUT_WORDS; BERT layouts only). */
  words?: readonly string[];
  /** Pad the WordPiece vocabulary with `[unusedN]` tokens to this size (BERT's vocabularies hold 30,522). */
  vocabularySize?: number;
  /** Standard deviation of the generated weights (default 0.2: large enough for the reference checks to bite). */
  std?: number;
}

export interface ExportedLayout {
  /** Repository path → bytes. */
  files: Map<string, Uint8Array>;
  weights: EncoderWeights;
  /** Label names (classifiers). */
  labels: string[];
}

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

export function exportLayout(options: ExportLayoutOptions): ExportedLayout {
  const { layout } = options;
  const roberta = layout === 'roberta-classifier';
  const classifier = layout === 'bert-classifier' || roberta;
  const labels = roberta ? ['negative', 'neutral', 'positive'] : classifier ? ['NEGATIVE', 'POSITIVE'] : [];
  const merges = roberta
    ? learnMerges(
        LAYOUT_WORDS.filter((w) => !w.startsWith('#'))
          .map((w) => ` ${w}`)
          .join('')
          .repeat(2),
        160,
      )
    : [];
  const vocabulary = roberta ? byteBpeVocabulary(merges) : wordPieceVocabulary(options.words ?? LAYOUT_WORDS);
  for (let i = 0; vocabulary.length < (options.vocabularySize ?? 0); i++) vocabulary.push(`[unused${i}]`);
  const shape: EncoderShape = { ...(options.shape ?? LAYOUT_SHAPE), vocabulary: vocabulary.length };
  const weights = encoderWeights(shape, {
    seed: options.seed ?? 11,
    std: options.std ?? 0.2,
    randomAffine: true,
    tokenTypes: roberta ? 0 : 2,
    labels: labels.length,
  });
  const files = new Map<string, Uint8Array>();
  const tokenizer = roberta
    ? byteBpeTokenizerFiles(merges, shape.maxPositions)
    : wordPieceTokenizerFiles(vocabulary, shape.maxPositions);
  for (const [name, content] of Object.entries(tokenizer)) files.set(name, json(content));

  const config: Record<string, unknown> = {
    _name_or_path: `acme/${layout}`,
    architectures: [
      roberta ? 'RobertaForSequenceClassification' : classifier ? 'BertForSequenceClassification' : 'BertModel',
    ],
    attention_probs_dropout_prob: 0.1,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    hidden_size: shape.hidden,
    initializer_range: 0.02,
    intermediate_size: shape.intermediate,
    layer_norm_eps: LAYER_NORM_EPSILON,
    max_position_embeddings: shape.maxPositions,
    model_type: roberta ? 'roberta' : 'bert',
    num_attention_heads: shape.heads,
    num_hidden_layers: shape.layers,
    pad_token_id: roberta ? 1 : 0,
    ...(roberta ? { bos_token_id: 0, eos_token_id: 2 } : {}),
    position_embedding_type: 'absolute',
    torch_dtype: 'float32',
    transformers_version: '4.44.2',
    type_vocab_size: roberta ? 1 : 2,
    use_cache: true,
    vocab_size: shape.vocabulary,
  };
  if (classifier) {
    config.id2label = Object.fromEntries(labels.map((label, i) => [String(i), label]));
    config.label2id = Object.fromEntries(labels.map((label, i) => [label, i]));
  }
  files.set('config.json', json(config));
  if (!classifier) {
    // sentence-transformers: the Transformer, then Pooling (1_Pooling/config.json), then Normalize.
    files.set(
      'modules.json',
      json([
        { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
        { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
        { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
      ]),
    );
    files.set(
      '1_Pooling/config.json',
      json({
        word_embedding_dimension: shape.hidden,
        pooling_mode_cls_token: layout === 'bert-cls',
        pooling_mode_mean_tokens: layout === 'bert-mean',
        pooling_mode_max_tokens: false,
        pooling_mode_mean_sqrt_len_tokens: false,
        pooling_mode_weightedmean_tokens: false,
        pooling_mode_lasttoken: false,
        include_prompt: true,
      }),
    );
    files.set('sentence_bert_config.json', json({ max_seq_length: shape.maxPositions, do_lower_case: false }));
    files.set(
      'config_sentence_transformers.json',
      json({
        __version__: { sentence_transformers: '3.0.1', transformers: '4.44.2', pytorch: '2.4.0' },
        prompts: {},
        default_prompt_name: null,
        similarity_fn_name: 'cosine',
      }),
    );
  }
  files.set('README.md', new TextEncoder().encode(`# acme/${layout}\n\nA test model with generated weights.\n`));
  const doc = 'TEST MODEL: generated weights in a real export layout; its outputs are meaningless.';
  const graph = (precision: EncoderPrecision) => encoderModel(weights, precision);
  if (options.externalData) {
    const { model, data } = graph('fp32').encodeExternal(`${layout}_fp32`, doc, 'model.onnx_data');
    files.set('onnx/model.onnx', model);
    files.set('onnx/model.onnx_data', data);
  } else files.set('onnx/model.onnx', graph('fp32').encode(`${layout}_fp32`, doc));
  if (options.variants) {
    files.set('onnx/model_fp16.onnx', graph('fp16').encode(`${layout}_fp16`, doc));
    files.set('onnx/model_quantized.onnx', graph('int8').encode(`${layout}_int8`, doc));
  }
  return { files, weights, labels };
}
