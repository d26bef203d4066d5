// The write statements: one multi-row upsert per table, rows passed as one array parameter per column and
// expanded with unnest(), so a statement holds any number of rows with a fixed, cacheable SQL text.
import { sql, type Kysely } from 'kysely';
import type { ClassificationRow, DeadLetterRow, EmbeddingRow, ItemRow, ScoreRow } from './item-rows.js';
import type { Database } from './schema.js';

type Db = Kysely<Database>;

function column<T, K extends keyof T>(rows: readonly T[], key: K): Array<T[K]> {
  return rows.map((row) => row[key]);
}

// Columns updated on conflict: everything except the key, collected_at (first collection wins) and stored_at.
const ITEM_UPDATE_COLUMNS = [
  'source_id', 'source_kind', 'external_id', 'url', 'canonical_url', 'title', 'summary', 'text', 'author', 'published_at',
  'language', 'content_hash', 'dedup_key', 'simhash', 'duplicate_of', 'tags', 'attributes', 'engagement_points',
  'engagement_comments', 'priority', 'word_count', 'reading_time_seconds', 'score', 'sentiment', 'labels', 'row_hash',
] as const;

const ITEM_UPDATE_SET = sql.raw(ITEM_UPDATE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '));

/** Upserts items; returns the ids that were inserted or changed (unchanged rows are not returned). */
export async function upsertItems(db: Db, rows: readonly ItemRow[]): Promise<Array<{ id: string; inserted: boolean }>> {
  if (rows.length === 0) return [];
  const result = await sql<{ id: string; inserted: boolean }>`
    INSERT INTO items (id, source_id, source_kind, external_id, url, canonical_url, title, summary, text, author,
      published_at, collected_at, language, content_hash, dedup_key, simhash, duplicate_of, tags, attributes,
      engagement_points, engagement_comments, priority, word_count, reading_time_seconds, score, sentiment, labels, row_hash)
    SELECT id, source_id, source_kind, external_id, url, canonical_url, title, summary, text, author,
      to_timestamp(published_ms / 1000.0), to_timestamp(collected_ms / 1000.0), language, content_hash, dedup_key, simhash,
      duplicate_of, tags::jsonb, attributes::jsonb, engagement_points::bigint, engagement_comments::bigint, priority, word_count,
      reading_time_seconds, score, sentiment, labels::jsonb, row_hash
    FROM unnest(
      ${column(rows, 'id')}::text[], ${column(rows, 'source_id')}::text[], ${column(rows, 'source_kind')}::text[],
      ${column(rows, 'external_id')}::text[], ${column(rows, 'url')}::text[], ${column(rows, 'canonical_url')}::text[],
      ${column(rows, 'title')}::text[], ${column(rows, 'summary')}::text[], ${column(rows, 'text')}::text[],
      ${column(rows, 'author')}::text[], ${column(rows, 'published_at_ms')}::float8[], ${column(rows, 'collected_at_ms')}::float8[],
      ${column(rows, 'language')}::text[], ${column(rows, 'content_hash')}::text[], ${column(rows, 'dedup_key')}::text[],
      ${column(rows, 'simhash')}::text[], ${column(rows, 'duplicate_of')}::text[], ${column(rows, 'tags')}::text[],
      ${column(rows, 'attributes')}::text[], ${column(rows, 'engagement_points')}::float8[], ${column(rows, 'engagement_comments')}::float8[],
      ${column(rows, 'priority')}::int[], ${column(rows, 'word_count')}::int[], ${column(rows, 'reading_time_seconds')}::int[],
      ${column(rows, 'score')}::float8[], ${column(rows, 'sentiment')}::text[], ${column(rows, 'labels')}::text[],
      ${column(rows, 'row_hash')}::text[]
    ) AS t(id, source_id, source_kind, external_id, url, canonical_url, title, summary, text, author, published_ms, collected_ms,
      language, content_hash, dedup_key, simhash, duplicate_of, tags, attributes, engagement_points, engagement_comments, priority,
      word_count, reading_time_seconds, score, sentiment, labels, row_hash)
    ON CONFLICT (id) DO UPDATE SET ${ITEM_UPDATE_SET}, updated_at = now()
    WHERE items.row_hash IS DISTINCT FROM excluded.row_hash
    RETURNING id, (xmax = 0) AS inserted`.execute(db);
  return result.rows;
}

/** Replaces the model outputs of the given (inserted or changed) items. */
export async function replaceChildren(
  db: Db,
  itemIds: readonly string[],
  classifications: readonly ClassificationRow[],
  embeddings: readonly EmbeddingRow[],
  scores: readonly ScoreRow[],
): Promise<{ classifications: number; embeddings: number; scores: number }> {
  if (itemIds.length === 0) return { classifications: 0, embeddings: 0, scores: 0 };
  const ids = [...itemIds];
  await sql`DELETE FROM classifications WHERE item_id = ANY(${ids}::text[])`.execute(db);
  await sql`DELETE FROM embeddings WHERE item_id = ANY(${ids}::text[])`.execute(db);
  await sql`DELETE FROM scores WHERE item_id = ANY(${ids}::text[])`.execute(db);
  if (classifications.length > 0) {
    await sql`
      INSERT INTO classifications (item_id, task, model, labels)
      SELECT item_id, task, model, labels::jsonb
      FROM unnest(${column(classifications, 'item_id')}::text[], ${column(classifications, 'task')}::text[],
        ${column(classifications, 'model')}::text[], ${column(classifications, 'labels')}::text[]) AS t(item_id, task, model, labels)`.execute(db);
  }
  if (embeddings.length > 0) {
    await sql`
      INSERT INTO embeddings (item_id, model, dims, norm, values)
      SELECT item_id, model, dims, norm, values::real[]
      FROM unnest(${column(embeddings, 'item_id')}::text[], ${column(embeddings, 'model')}::text[], ${column(embeddings, 'dims')}::int[],
        ${column(embeddings, 'norm')}::float8[], ${column(embeddings, 'values')}::text[]) AS t(item_id, model, dims, norm, values)`.execute(db);
  }
  if (scores.length > 0) {
    await sql`
      INSERT INTO scores (item_id, value, formula_version, components)
      SELECT item_id, value, formula_version, components::jsonb
      FROM unnest(${column(scores, 'item_id')}::text[], ${column(scores, 'value')}::float8[], ${column(scores, 'formula_version')}::text[],
        ${column(scores, 'components')}::text[]) AS t(item_id, value, formula_version, components)`.execute(db);
  }
  return { classifications: classifications.length, embeddings: embeddings.length, scores: scores.length };
}

/** Stores dead letters; a replay of the same (item, stage) updates the row and counts the attempt. */
export async function upsertDeadLetters(db: Db, rows: readonly DeadLetterRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO dead_letters (item_id, source_id, stage, reason, detail, payload_json)
    SELECT * FROM unnest(${column(rows, 'item_id')}::text[], ${column(rows, 'source_id')}::text[], ${column(rows, 'stage')}::text[],
      ${column(rows, 'reason')}::text[], ${column(rows, 'detail')}::text[], ${column(rows, 'payload_json')}::text[])
    ON CONFLICT (item_id, stage) DO UPDATE SET source_id = excluded.source_id, reason = excluded.reason, detail = excluded.detail,
      payload_json = excluded.payload_json, attempts = dead_letters.attempts + 1, last_seen_at = now()`.execute(db);
}
