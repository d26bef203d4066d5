// Bench encoders: BERT-style transformer encoders with real shapes (MiniLM-L6: 384 hidden, 6 layers,
// 12 heads; BERT-base: 768 hidden, 12 layers) and weights generated from a seed. FOR PERFORMANCE WORK
// ONLY: their outputs mean nothing. fp32, and an fp16 variant (onnx/model_fp16.onnx) for GPUs.
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

export const MINILM_L6: EncoderShape = { hidden: 384, layers: 6, heads: 12, intermediate: 1536, vocabulary: 30522, maxPositions: 512 };
export const BERT_BASE: EncoderShape = { hidden: 768, layers: 12, heads: 12, intermediate: 3072, vocabulary: 30522, maxPositions: 512 };

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

export function encoderGraph(shape: EncoderShape, precision: 'fp32' | 'fp16', seed = 1): Uint8Array {
  const type: ElementType = precision === 'fp16' ? 'float16' : 'float32';
  const random = normal(seed, 0.02);
  const { hidden: H, heads, intermediate: I } = shape;
  const d = H / heads;
  const graph = new GraphBuilder();
  const { ids, mask } = textInputs(graph);
  const w = (name: string, dims: number[], values?: Float32Array) => graph.tensor(name, type, dims, values ?? random(dims.reduce((x, y) => x * y, 1)));
  const ones = (n: number) => new Float32Array(n).fill(1);
  const zeros = (n: number) => new Float32Array(n);
  let scalars = 0;
  const scalar = (v: number) => graph.tensor(`scalar_${scalars++}`, type, [], [v]);
  const layerNorm = (x: string, name: string) => graph.node('LayerNormalization', [x, w(`${name}.weight`, [H], ones(H)), w(`${name}.bias`, [H], zeros(H))], { axis: -1, epsilon: 1e-12 });
  const dense = (x: string, name: string, inDim: number, outDim: number) => graph.node('Add', [graph.node('MatMul', [x, w(`${name}.weight`, [inDim, outDim])]), w(`${name}.bias`, [outDim], zeros(outDim))]);

  // Embeddings: word + position (0..L−1) + token type 0, then LayerNorm.
  const words = graph.node('Gather', [w('embeddings.word', [shape.vocabulary, H]), ids]);
  const length = graph.node('Gather', [graph.node('Shape', [ids]), graph.ints([1])]);
  const positions = graph.node('Range', [graph.tensor('zero_i64', 'int64', [], [0]), graph.node('Squeeze', [length, graph.ints([0])]), graph.tensor('one_i64', 'int64', [], [1])]);
  const position = graph.node('Gather', [w('embeddings.position', [shape.maxPositions, H]), positions]);
  const tokenType = w('embeddings.token_type', [H]);
  let x = layerNorm(graph.node('Add', [graph.node('Add', [words, position]), tokenType]), 'embeddings.norm');

  // Additive attention mask [B, 1, 1, L]: 0 where attended, −10000 on padding.
  const maskFloat = graph.node('Cast', [mask], { to: precision === 'fp16' ? 10 : FLOAT });
  const maskAdd = graph.node('Unsqueeze', [graph.node('Mul', [graph.node('Sub', [scalar(1), maskFloat]), scalar(-10000)]), graph.ints([1, 2])]);
  const toHeads = graph.ints([0, 0, heads, d]);
  const toHidden = graph.ints([0, 0, H]);
  for (let l = 0; l < shape.layers; l++) {
    const p = `layer${l}`;
    const split = (t: string, perm: number[]) => graph.node('Transpose', [graph.node('Reshape', [t, toHeads])], { perm });
    const q = split(dense(x, `${p}.query`, H, H), [0, 2, 1, 3]);
    const k = split(dense(x, `${p}.key`, H, H), [0, 2, 3, 1]);
    const v = split(dense(x, `${p}.value`, H, H), [0, 2, 1, 3]);
    const scores = graph.node('Add', [graph.node('Mul', [graph.node('MatMul', [q, k]), scalar(1 / Math.sqrt(d))]), maskAdd]);
    const context = graph.node('MatMul', [graph.node('Softmax', [scores], { axis: -1 }), v]);
    const merged = graph.node('Reshape', [graph.node('Transpose', [context], { perm: [0, 2, 1, 3] }), toHidden]);
    x = layerNorm(graph.node('Add', [dense(merged, `${p}.attention_output`, H, H), x]), `${p}.attention_norm`);
    const up = dense(x, `${p}.intermediate`, H, I);
    // GELU(u) = 0.5 · u · (1 + erf(u / √2))
    const gelu = graph.node('Mul', [graph.node('Mul', [up, scalar(0.5)]), graph.node('Add', [graph.node('Erf', [graph.node('Mul', [up, scalar(Math.SQRT1_2)])]), scalar(1)])]);
    x = layerNorm(graph.node('Add', [dense(gelu, `${p}.output`, I, H), x]), `${p}.output_norm`);
  }
  graph.node('Identity', [x], {}, 'last_hidden_state');
  graph.output('last_hidden_state', type, ['batch_size', 'sequence_length', H]);
  return graph.encode(`bench_encoder_${H}x${shape.layers}_${precision}`, 'BENCHMARK ONLY: a transformer encoder with generated weights; its outputs are meaningless.');
}

/** A word-level vocabulary of the encoder's size (from the word-vector words, for realistic token counts). */
export function encoderVocabulary(words: readonly string[], size: number): string[] {
  return [PAD_TOKEN, UNK_TOKEN, ...words.slice(0, size - 2)];
}
