// The queries behind SearchItems. Candidates come from two searches (items' own embeddings, and long items'
// passages in item_chunks), through the HNSW indexes where pgvector serves them, else by an exact scan; the
// candidates are then scored exactly: an item's similarity is the best of its own embedding and its passages, and
// its best passage is returned with it. Cosine over real[] uses the norms stored at write time.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import type { VectorIndex } from './vector-index.js';

export interface SearchQuery {
  vector: readonly number[];
  norm: number;
  /** Only this model's vectors ('' = any of the vector's dimension count). */
  model: string;
}

export interface PassageMatch {
  index: number;
  text: string;
  similarity: number;
}

/** Passage rows the index scan reads per wanted item (one item's passages may crowd the nearest rows). */
const PASSAGES_PER_ITEM = 8;

function dot(query: SearchQuery): RawBuilder<number> {
  return sql<number>`(SELECT sum(a::float8 * b::float8) FROM unnest(e.values, ${query.vector}::real[]) AS t(a, b)) / nullif(e.norm * ${query.norm}, 0)`;
}

function vectorFilter(query: SearchQuery): RawBuilder<unknown> {
  // A literal, so the planner can match the partial HNSW index (WHERE dims = N) even with a generic plan.
  const dims = sql`e.dims = ${sql.lit(query.vector.length)}`;
  return query.model ? sql`${dims} AND e.model = ${query.model}` : dims;
}

/** Ids of the items nearest to the query by their own embedding or their best passage (`where` filters items i). */
export async function candidateItems(
  db: Kysely<Database>,
  index: VectorIndex | undefined,
  query: SearchQuery,
  limit: number,
  itemConditions: RawBuilder<unknown>[],
): Promise<string[]> {
  const where = sql`WHERE ${sql.join([...itemConditions, vectorFilter(query)], sql` AND `)}`;
  let byItem: string[];
  let byPassage: string[];
  if (index) {
    byItem = (await index.search(query.vector, limit, where)).map((h) => h.item_id);
    byPassage = (await index.search(query.vector, limit * PASSAGES_PER_ITEM, where, 'item_chunks')).map(
      (h) => h.item_id,
    );
  } else {
    const items = await sql<{ item_id: string }>`
      SELECT e.item_id FROM embeddings e JOIN items i ON i.id = e.item_id ${where}
      ORDER BY ${dot(query)} DESC NULLS LAST, e.item_id LIMIT ${limit}`.execute(db);
    byItem = items.rows.map((r) => r.item_id);
    const passages = await sql<{ item_id: string }>`
      SELECT item_id FROM (
        SELECT e.item_id, max(${dot(query)}) AS similarity FROM item_chunks e JOIN items i ON i.id = e.item_id ${where}
        GROUP BY e.item_id) best
      ORDER BY similarity DESC NULLS LAST, item_id LIMIT ${limit}`.execute(db);
    byPassage = passages.rows.map((r) => r.item_id);
  }
  return [...new Set([...byItem, ...byPassage])];
}

/** Exact similarity of each item's own embedding, and each item's best passage, for the given items. */
export async function scoreCandidates(
  db: Kysely<Database>,
  query: SearchQuery,
  ids: readonly string[],
): Promise<{ own: Map<string, number>; passages: Map<string, PassageMatch> }> {
  const own = new Map<string, number>();
  const passages = new Map<string, PassageMatch>();
  if (ids.length === 0) return { own, passages };
  const list = [...ids];
  const items = await sql<{ item_id: string; similarity: number | null }>`
    SELECT e.item_id, ${dot(query)} AS similarity FROM embeddings e
    WHERE e.item_id = ANY(${list}::text[]) AND ${vectorFilter(query)}`.execute(db);
  for (const r of items.rows) own.set(r.item_id, Number(r.similarity ?? 0));
  const best = await sql<{ item_id: string; chunk_index: number; text: string; similarity: number | null }>`
    SELECT DISTINCT ON (e.item_id) e.item_id, e.chunk_index, e.text, ${dot(query)} AS similarity FROM item_chunks e
    WHERE e.item_id = ANY(${list}::text[]) AND ${vectorFilter(query)}
    ORDER BY e.item_id, similarity DESC NULLS LAST, e.chunk_index`.execute(db);
  for (const r of best.rows)
    passages.set(r.item_id, { index: r.chunk_index, text: r.text, similarity: Number(r.similarity ?? 0) });
  return { own, passages };
}

/** The best `limit` items by the better of their own and their best passage's similarity; ties by id. */
export function rankHits(
  ids: readonly string[],
  scores: { own: ReadonlyMap<string, number>; passages: ReadonlyMap<string, PassageMatch> },
  limit: number,
): Array<{ item_id: string; similarity: number; passage?: PassageMatch }> {
  return ids
    .flatMap((item_id) => {
      const own = scores.own.get(item_id);
      const passage = scores.passages.get(item_id);
      if (own === undefined && passage === undefined) return [];
      const similarity = Math.max(own ?? -Infinity, passage?.similarity ?? -Infinity);
      return [{ item_id, similarity, ...(passage ? { passage } : {}) }];
    })
    .sort((a, b) => b.similarity - a.similarity || (a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0))
    .slice(0, limit);
}
