// Long items whole: the transformer cuts a text longer than the model's input into chunks; every chunk is read
// by every model (with the title in front, so a passage keeps its document's subject), and the item's embedding
// and label scores pool the chunks' outputs, weighted by their token counts. Pure functions, no I/O.
import type { PipelineItem__Output } from '@sluice/protocol';
import type { LabelScore } from './inference-api.js';

/** What the models read for one item: one text per chunk, and the chunks' pooling weights. */
export interface ItemReading {
  texts: string[];
  /** Pooling weight of each text (its chunk's token count); one text of weight 1 for a short item. */
  weights: number[];
  /** True when the texts are chunks (their vectors are stored as passages). */
  chunked: boolean;
}

/** The text a model reads for a short item: normalized title + "\n" + text, else the raw title and summary/content. */
export function itemText(item: PipelineItem__Output): string {
  const n = item.normalized;
  if (n && (n.title || n.text)) return `${n.title}\n${n.text}`.trim();
  const raw = item.raw;
  if (!raw) return '';
  return `${raw.title}\n${raw.summary || raw.content}`.trim();
}

export function itemReading(item: PipelineItem__Output): ItemReading {
  const chunks = item.normalized?.chunks ?? [];
  if (chunks.length === 0) {
    const text = itemText(item);
    return text ? { texts: [text], weights: [1], chunked: false } : { texts: [], weights: [], chunked: false };
  }
  const title = item.normalized?.title ?? '';
  return {
    texts: chunks.map((c) => (title ? `${title}\n${c.text}` : c.text)),
    weights: chunks.map((c) => Math.max(1, c.token_count)),
    chunked: true,
  };
}

/** Weighted mean of the vectors; L2-normalized when the model's vectors are (`normalize`). */
export function poolVectors(
  vectors: readonly Float32Array[],
  weights: readonly number[],
  normalize: boolean,
): Float32Array {
  const first = vectors[0];
  if (!first) return new Float32Array(0);
  if (vectors.length === 1) return first;
  const sum = new Float64Array(first.length);
  let total = 0;
  vectors.forEach((v, i) => {
    const w = weights[i] ?? 1;
    total += w;
    for (let d = 0; d < sum.length; d++) sum[d]! += w * (v[d] ?? 0);
  });
  let scale = total > 0 ? 1 / total : 0;
  if (normalize) {
    let norm = 0;
    for (const x of sum) norm += x * x;
    scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  }
  return Float32Array.from(sum, (x) => x * scale);
}

/** Weighted mean score of every label over the chunks, highest first. */
export function poolLabels(perChunk: ReadonlyArray<readonly LabelScore[]>, weights: readonly number[]): LabelScore[] {
  if (perChunk.length === 1) return [...perChunk[0]!];
  const sums = new Map<string, number>();
  let total = 0;
  perChunk.forEach((labels, i) => {
    const w = weights[i] ?? 1;
    total += w;
    for (const { name, score } of labels) sums.set(name, (sums.get(name) ?? 0) + w * score);
  });
  return [...sums]
    .map(([name, sum]) => ({ name, score: total > 0 ? sum / total : 0 }))
    .sort((a, b) => b.score - a.score);
}
