// The passages of a long item as rows of item_chunks: each chunk's text (from the transformer) beside its vector
// (from inference, Embedding.chunks, matched by index).
import type { PipelineItem__Output } from '@sluice/protocol';
import type { ItemChunksTable } from './schema.js';

/** A row of item_chunks (schema.ts) as the write sends it: the vector as a PostgreSQL array literal. */
export type ChunkRow = Omit<ItemChunksTable, 'values'> & {
  /** PostgreSQL array literal, e.g. {0.1,0.2}. */
  values: string;
};

/** The item's chunk rows; an error message when a chunk vector is malformed (the item becomes a dead letter). */
export function chunkRows(item: PipelineItem__Output, itemId: string): ChunkRow[] | { error: string } {
  const vectors = item.embedding?.chunks ?? [];
  if (vectors.length === 0) return [];
  const chunks = new Map((item.normalized?.chunks ?? []).map((c) => [c.index, c]));
  const rows: ChunkRow[] = [];
  for (const vector of vectors) {
    const chunk = chunks.get(vector.index);
    if (!chunk) return { error: `chunk vector ${vector.index} has no chunk text` };
    const values = vector.values ?? [];
    if (values.length === 0) return { error: `chunk vector ${vector.index} is empty` };
    let sum = 0;
    for (const v of values) {
      if (!Number.isFinite(v)) return { error: `chunk vector ${vector.index} holds NaN or infinite values` };
      sum += v * v;
    }
    rows.push({
      item_id: itemId,
      chunk_index: vector.index,
      text: chunk.text,
      token_count: chunk.token_count,
      model: item.embedding?.model ?? '',
      dims: values.length,
      norm: Math.sqrt(sum),
      values: `{${values.join(',')}}`,
    });
  }
  return rows;
}
