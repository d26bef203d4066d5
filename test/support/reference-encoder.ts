// An independent reference for the generated test encoders: the BERT forward pass written out in plain
// loops (float64) from the weights themselves, sharing nothing with the ONNX graph or ONNX Runtime.
import type { EncoderWeights } from '@sluice/models';

type Matrix = Float64Array[];

/** erf(x), Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}

function linear(x: Matrix, w: Float32Array, b: Float32Array, inDim: number, outDim: number): Matrix {
  return x.map((row) => {
    const out = new Float64Array(outDim);
    for (let o = 0; o < outDim; o++) {
      let sum = b[o]!;
      for (let i = 0; i < inDim; i++) sum += row[i]! * w[i * outDim + o]!;
      out[o] = sum;
    }
    return out;
  });
}

function layerNorm(x: Matrix, gain: Float32Array, bias: Float32Array, epsilon: number): Matrix {
  return x.map((row) => {
    const mean = row.reduce((s, v) => s + v, 0) / row.length;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / row.length;
    return row.map((v, i) => ((v - mean) / Math.sqrt(variance + epsilon)) * gain[i]! + bias[i]!);
  });
}

/** Token vectors [L][H] of one unpadded sequence. */
export function referenceHidden(weights: EncoderWeights, ids: readonly number[], epsilon = 1e-12): Matrix {
  const { shape, tensors } = weights;
  const t = (name: string) => tensors.get(name)!;
  const H = shape.hidden;
  const d = H / shape.heads;
  let x: Matrix = ids.map((id, position) => {
    const row = new Float64Array(H);
    for (let h = 0; h < H; h++)
      row[h] =
        t('embeddings.word')[id * H + h]! +
        t('embeddings.position')[position * H + h]! +
        t('embeddings.token_type')[h]!;
    return row;
  });
  x = layerNorm(x, t('embeddings.norm.weight'), t('embeddings.norm.bias'), epsilon);
  for (let l = 0; l < shape.layers; l++) {
    const p = `layer${l}`;
    const dense = (input: Matrix, name: string, inDim: number, outDim: number) =>
      linear(input, t(`${p}.${name}.weight`), t(`${p}.${name}.bias`), inDim, outDim);
    const q = dense(x, 'query', H, H);
    const k = dense(x, 'key', H, H);
    const v = dense(x, 'value', H, H);
    const context: Matrix = x.map(() => new Float64Array(H));
    for (let head = 0; head < shape.heads; head++) {
      for (let i = 0; i < x.length; i++) {
        const scores = x.map((_, j) => {
          let s = 0;
          for (let c = 0; c < d; c++) s += q[i]![head * d + c]! * k[j]![head * d + c]!;
          return s / Math.sqrt(d);
        });
        const max = Math.max(...scores);
        const exp = scores.map((s) => Math.exp(s - max));
        const total = exp.reduce((a, b) => a + b, 0);
        for (let j = 0; j < x.length; j++)
          for (let c = 0; c < d; c++) context[i]![head * d + c]! += (exp[j]! / total) * v[j]![head * d + c]!;
      }
    }
    const attended = dense(context, 'attention_output', H, H).map((row, i) => row.map((value, h) => value + x[i]![h]!));
    x = layerNorm(attended, t(`${p}.attention_norm.weight`), t(`${p}.attention_norm.bias`), epsilon);
    const up = dense(x, 'intermediate', H, shape.intermediate).map((row) =>
      row.map((u) => 0.5 * u * (1 + erf(u / Math.SQRT2))),
    );
    const down = dense(up, 'output', shape.intermediate, H).map((row, i) => row.map((value, h) => value + x[i]![h]!));
    x = layerNorm(down, t(`${p}.output_norm.weight`), t(`${p}.output_norm.bias`), epsilon);
  }
  return x;
}

function normalize(v: Float64Array): number[] {
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return [...v].map((x) => x / norm);
}

/** A sentence embedding: mean over tokens or the first token, L2-normalized (sentence-transformers). */
export function referenceEmbedding(weights: EncoderWeights, ids: readonly number[], pooling: 'mean' | 'cls'): number[] {
  const hidden = referenceHidden(weights, ids);
  if (pooling === 'cls') return normalize(hidden[0]!);
  const mean = new Float64Array(weights.shape.hidden);
  for (const row of hidden) row.forEach((v, h) => (mean[h]! += v / hidden.length));
  return normalize(mean);
}

/** Class probabilities: tanh pooler on the first token, the classifier layer, softmax. */
export function referenceProbabilities(weights: EncoderWeights, ids: readonly number[]): number[] {
  const { tensors, shape, labels } = weights;
  const first = [referenceHidden(weights, ids)[0]!];
  const pooled = linear(
    first,
    tensors.get('pooler.weight')!,
    tensors.get('pooler.bias')!,
    shape.hidden,
    shape.hidden,
  ).map((row) => row.map(Math.tanh));
  const logits = [
    ...linear(pooled, tensors.get('classifier.weight')!, tensors.get('classifier.bias')!, shape.hidden, labels)[0]!,
  ];
  const max = Math.max(...logits);
  const exp = logits.map((z) => Math.exp(z - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / total);
}
