// Transformer encoders with generated weights, built as ONNX graphs: BERT-style (embeddings + LayerNorm,
// multi-head attention with an additive mask, GELU FFN). Two uses:
// - bench encoders with real shapes (MiniLM-L6: 384 hidden, 6 layers, 12 heads; BERT-base: 768 hidden,
//   12 layers), FOR PERFORMANCE WORK ONLY: their outputs mean nothing; fp32 and fp16 (onnx/model_fp16.onnx);
// - small test models in the layouts real exports have (token_type_ids input, a sequence-classification
//   head, an int8 dynamically quantized variant), whose weights a reference implementation re-evaluates.
import { GraphBuilder, FLOAT, textInputs, type ElementType } from '../onnx-graph.js';
import { PAD_TOKEN, UNK_TOKEN } from '../tokenizer-json.js';

export interface EncoderShape {
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  vocabulary: number;
  maxPositions: number;
}

export const MINILM_L6: EncoderShape = {
  hidden: 384,
  layers: 6,
  heads: 12,
  intermediate: 1536,
  vocabulary: 30522,
  maxPositions: 512,
};
export const BERT_BASE: EncoderShape = {
  hidden: 768,
  layers: 12,
  heads: 12,
  intermediate: 3072,
  vocabulary: 30522,
  maxPositions: 512,
};

export const LAYER_NORM_EPSILON = 1e-12;

export interface EncoderOptions {
  seed?: number;
  /** Standard deviation of the generated weights (default 0.02, BERT's initializer range). */
  std?: number;
  /** A token_type_ids input over this many types (BERT exports: 2); 0: one token-type vector is added to every token. */
  tokenTypes?: number;
  /** Generated biases and LayerNorm gains instead of zeros and ones (test models: the reference then checks them too). */
  randomAffine?: boolean;
  /** A sequence-classification head with this many labels: tanh pooler on the first token, then a linear layer → `logits`. */
  labels?: number;
}

/** The weights of an encoder by name (row-major; dense weights are [in, out]). */
export interface EncoderWeights {
  shape: EncoderShape;
  tokenTypes: number;
  labels: number;
  tensors: Map<string, Float32Array>;
}

/** Deterministic N(0, std) weights (mulberry32 + Box–Muller). */
function normal(seed: number, std: number): (n: number) => Float32Array {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return (n) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i += 2) {
      const r = Math.sqrt(-2 * Math.log(uniform())) * std;
      const theta = 2 * Math.PI * uniform();
      out[i] = r * Math.cos(theta);
      if (i + 1 < n) out[i + 1] = r * Math.sin(theta);
    }
    return out;
  };
}

export function encoderWeights(shape: EncoderShape, options: EncoderOptions = {}): EncoderWeights {
  const { hidden: H, intermediate: I } = shape;
  const random = normal(options.seed ?? 1, options.std ?? 0.02);
  const affine = options.randomAffine ? normal((options.seed ?? 1) + 7919, 0.1) : undefined;
  const tensors = new Map<string, Float32Array>();
  const bias = (name: string, n: number) => tensors.set(`${name}.bias`, affine ? affine(n) : new Float32Array(n));
  const norm = (name: string) => {
    tensors.set(`${name}.weight`, affine ? affine(H).map((v) => 1 + v) : new Float32Array(H).fill(1));
    bias(name, H);
  };
  const dense = (name: string, inDim: number, outDim: number) => {
    tensors.set(`${name}.weight`, random(inDim * outDim));
    bias(name, outDim);
  };
  const tokenTypes = options.tokenTypes ?? 0;
  tensors.set('embeddings.word', random(shape.vocabulary * H));
  tensors.set('embeddings.position', random(shape.maxPositions * H));
  tensors.set('embeddings.token_type', random(Math.max(1, tokenTypes) * H));
  norm('embeddings.norm');
  for (let l = 0; l < shape.layers; l++) {
    for (const part of ['query', 'key', 'value', 'attention_output']) dense(`layer${l}.${part}`, H, H);
    norm(`layer${l}.attention_norm`);
    dense(`layer${l}.intermediate`, H, I);
    dense(`layer${l}.output`, I, H);
    norm(`layer${l}.output_norm`);
  }
  const labels = options.labels ?? 0;
  if (labels > 0) {
    dense('pooler', H, H);
    dense('classifier', H, labels);
  }
  return { shape, tokenTypes, labels, tensors };
}

/** Precisions of the exported variants: model.onnx, model_fp16.onnx, model_quantized.onnx (int8 dynamic quantization). */
export type EncoderPrecision = 'fp32' | 'fp16' | 'int8';

/**
 * The encoder as an ONNX graph: inputs input_ids, attention_mask (and token_type_ids), output
 * `last_hidden_state` [batch, sequence, hidden], or `logits` [batch, labels] with a classification head.
 * int8: every dense layer's weights are int8 (one scale per tensor) and its input is quantized per batch
 * (DynamicQuantizeLinear → MatMulInteger), as onnxruntime's dynamic quantization exports them.
 */
export function encoderModel(weights: EncoderWeights, precision: EncoderPrecision): GraphBuilder {
  const { shape, tensors } = weights;
  const type: ElementType = precision === 'fp16' ? 'float16' : 'float32';
  const { hidden: H, heads } = shape;
  const d = H / heads;
  const graph = new GraphBuilder();
  const { ids, mask } = textInputs(graph);
  const types =
    weights.tokenTypes > 0 ? graph.input('token_type_ids', 'int64', ['batch_size', 'sequence_length']) : undefined;
  const w = (name: string, dims: number[]) => graph.tensor(name, type, dims, tensors.get(name)!);
  let scalars = 0;
  const scalar = (v: number) => graph.tensor(`scalar_${scalars++}`, type, [], [v]);
  const layerNorm = (x: string, name: string) =>
    graph.node('LayerNormalization', [x, w(`${name}.weight`, [H]), w(`${name}.bias`, [H])], {
      axis: -1,
      epsilon: LAYER_NORM_EPSILON,
    });
  const matmul = (x: string, name: string, inDim: number, outDim: number) => {
    if (precision !== 'int8') return graph.node('MatMul', [x, w(`${name}.weight`, [inDim, outDim])]);
    const values = tensors.get(`${name}.weight`)!;
    const scale = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) / 127 || 1;
    const quantized = graph.tensor(
      `${name}.weight_quantized`,
      'int8',
      [inDim, outDim],
      Int8Array.from(values, (v) => Math.round(v / scale)),
    );
    const [xq, xScale, xZero] = graph.nodeOutputs('DynamicQuantizeLinear', [x], 3) as [string, string, string];
    const product = graph.node('MatMulInteger', [
      xq,
      quantized,
      xZero,
      graph.tensor(`${name}.weight_zero_point`, 'int8', [], [0]),
    ]);
    return graph.node('Mul', [
      graph.node('Cast', [product], { to: FLOAT }),
      graph.node('Mul', [xScale, graph.constant([scale], [])]),
    ]);
  };
  const dense = (x: string, name: string, inDim: number, outDim: number) =>
    graph.node('Add', [matmul(x, name, inDim, outDim), w(`${name}.bias`, [outDim])]);

  // Embeddings: word + position (0..L−1) + token type, then LayerNorm.
  const words = graph.node('Gather', [w('embeddings.word', [shape.vocabulary, H]), ids]);
  const length = graph.node('Gather', [graph.node('Shape', [ids]), graph.ints([1])]);
  const positions = graph.node('Range', [
    graph.tensor('zero_i64', 'int64', [], [0]),
    graph.node('Squeeze', [length, graph.ints([0])]),
    graph.tensor('one_i64', 'int64', [], [1]),
  ]);
  const position = graph.node('Gather', [w('embeddings.position', [shape.maxPositions, H]), positions]);
  const tokenType = types
    ? graph.node('Gather', [w('embeddings.token_type', [weights.tokenTypes, H]), types])
    : w('embeddings.token_type', [H]);
  let x = layerNorm(graph.node('Add', [graph.node('Add', [words, position]), tokenType]), 'embeddings.norm');

  // Additive attention mask [B, 1, 1, L]: 0 where attended, −10000 on padding.
  const maskFloat = graph.node('Cast', [mask], { to: precision === 'fp16' ? 10 : FLOAT });
  const maskAdd = graph.node('Unsqueeze', [
    graph.node('Mul', [graph.node('Sub', [scalar(1), maskFloat]), scalar(-10000)]),
    graph.ints([1, 2]),
  ]);
  const toHeads = graph.ints([0, 0, heads, d]);
  const toHidden = graph.ints([0, 0, H]);
  for (let l = 0; l < shape.layers; l++) {
    const p = `layer${l}`;
    const split = (t: string, perm: number[]) =>
      graph.node('Transpose', [graph.node('Reshape', [t, toHeads])], { perm });
    const q = split(dense(x, `${p}.query`, H, H), [0, 2, 1, 3]);
    const k = split(dense(x, `${p}.key`, H, H), [0, 2, 3, 1]);
    const v = split(dense(x, `${p}.value`, H, H), [0, 2, 1, 3]);
    const scores = graph.node('Add', [
      graph.node('Mul', [graph.node('MatMul', [q, k]), scalar(1 / Math.sqrt(d))]),
      maskAdd,
    ]);
    const context = graph.node('MatMul', [graph.node('Softmax', [scores], { axis: -1 }), v]);
    const merged = graph.node('Reshape', [graph.node('Transpose', [context], { perm: [0, 2, 1, 3] }), toHidden]);
    x = layerNorm(graph.node('Add', [dense(merged, `${p}.attention_output`, H, H), x]), `${p}.attention_norm`);
    const up = dense(x, `${p}.intermediate`, H, shape.intermediate);
    // GELU(u) = 0.5 · u · (1 + erf(u / √2))
    const gelu = graph.node('Mul', [
      graph.node('Mul', [up, scalar(0.5)]),
      graph.node('Add', [graph.node('Erf', [graph.node('Mul', [up, scalar(Math.SQRT1_2)])]), scalar(1)]),
    ]);
    x = layerNorm(graph.node('Add', [dense(gelu, `${p}.output`, shape.intermediate, H), x]), `${p}.output_norm`);
  }
  if (weights.labels > 0) {
    const first = graph.node('Squeeze', [
      graph.node('Slice', [x, graph.ints([0]), graph.ints([1]), graph.ints([1])]),
      graph.ints([1]),
    ]);
    const pooled = graph.node('Tanh', [dense(first, 'pooler', H, H)]);
    graph.node('Identity', [dense(pooled, 'classifier', H, weights.labels)], {}, 'logits');
    graph.output('logits', type, ['batch_size', weights.labels]);
  } else {
    graph.node('Identity', [x], {}, 'last_hidden_state');
    graph.output('last_hidden_state', type, ['batch_size', 'sequence_length', H]);
  }
  return graph;
}

/** A bench encoder (fp32 or fp16) with weights from `seed`. */
export function encoderGraph(shape: EncoderShape, precision: 'fp32' | 'fp16', seed = 1): Uint8Array {
  return encoderModel(encoderWeights(shape, { seed }), precision).encode(
    `bench_encoder_${shape.hidden}x${shape.layers}_${precision}`,
    'BENCHMARK ONLY: a transformer encoder with generated weights; its outputs are meaningless.',
  );
}

/** A word-level vocabulary of the encoder's size (from the word-vector words, for realistic token counts). */
export function encoderVocabulary(words: readonly string[], size: number): string[] {
  return [PAD_TOKEN, UNK_TOKEN, ...words.slice(0, size - 2)];
}
