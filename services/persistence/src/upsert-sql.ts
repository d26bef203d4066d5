// The write statement: a whole group (items, their model outputs, dead letters) in ONE SQL statement, rows passed
// as one array parameter per column and expanded with unnest(). One statement is atomic by itself, needs one round
// trip instead of nine (BEGIN, upserts, deletes, COMMIT), holds any number of rows (no 65,535-parameter limit) and
// has the same SQL text for every group. Data-modifying CTEs see the same snapshot, so the child upserts and the
// stale-row deletes touch disjoint rows, and foreign keys are checked at the end of the statement, after the items.
import { sql, type Kysely } from 'kysely';
import type { DeadLetterRow, PreparedItem } from './item-rows.js';
import type { Database } from './schema.js';

export type WriteOutcome = 'inserted' | 'updated' | 'unchanged';

const NEEDS_ESCAPE = /["\\]/;
const ESCAPE = /["\\]/g;

/**
 * One column as a PostgreSQL array literal, built here rather than by pg's generic array serializer (which runs two
 * regex replacements on every element): the write path's largest client-side cost after hashing.
 */
function column<T, K extends keyof T>(rows: readonly T[], key: K): string {
  let out = '{';
  for (let i = 0; i < rows.length; i++) {
    const value = rows[i]![key] as unknown;
    if (i > 0) out += ',';
    if (typeof value === 'number') out += Number.isFinite(value) ? String(value) : 'NaN';
    else {
      const text = String(value);
      out += `"${NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE, '\\$&') : text}"`;
    }
  }
  return `${out}}`;
}

// Columns updated on conflict: everything except the key, collected_at (first collection wins) and stored_at.
const ITEM_UPDATE_COLUMNS = [
  'source_id',
  'source_kind',
  'external_id',
  'url',
  'canonical_url',
  'title',
  'summary',
  'text',
  'author',
  'published_at',
  'language',
  'content_hash',
  'dedup_key',
  'simhash',
  'duplicate_of',
  'tags',
  'attributes',
  'engagement_points',
  'engagement_comments',
  'priority',
  'word_count',
  'reading_time_seconds',
  'score',
  'sentiment',
  'labels',
  'row_hash',
] as const;

const ITEM_UPDATE_SET = sql.raw(ITEM_UPDATE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '));

/**
 * Upserts items (skipping rows whose row_hash is unchanged), replaces the model outputs of inserted/changed items,
 * and upserts dead letters; returns each item's outcome. Items must have distinct ids (see ItemWriter).
 */
export async function writeGroupStatement(
  db: Kysely<Database>,
  items: readonly PreparedItem[],
  deadLetters: readonly DeadLetterRow[],
): Promise<Map<string, WriteOutcome>> {
  const rows = items.map((p) => p.item);
  const ids = rows.map((r) => r.id);
  const classifications = items.flatMap((p) => p.classifications);
  const embeddings = items.flatMap((p) => (p.embedding ? [p.embedding] : []));
  const chunks = items.flatMap((p) => p.chunks);
  const scores = items.flatMap((p) => (p.score ? [p.score] : []));
  const result = await sql<{ id: string; inserted: boolean }>`
    WITH changed AS (
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
      RETURNING id, (xmax = 0) AS inserted
    ),
    new_classifications AS (
      SELECT * FROM unnest(${column(classifications, 'item_id')}::text[], ${column(classifications, 'task')}::text[],
        ${column(classifications, 'model')}::text[], ${column(classifications, 'labels')}::text[]) AS t(item_id, task, model, labels)
      WHERE item_id IN (SELECT id FROM changed)
    ),
    new_embeddings AS (
      SELECT * FROM unnest(${column(embeddings, 'item_id')}::text[], ${column(embeddings, 'model')}::text[], ${column(embeddings, 'dims')}::int[],
        ${column(embeddings, 'norm')}::float8[], ${column(embeddings, 'values')}::text[]) AS t(item_id, model, dims, norm, values)
      WHERE item_id IN (SELECT id FROM changed)
    ),
    new_chunks AS (
      SELECT * FROM unnest(${column(chunks, 'item_id')}::text[], ${column(chunks, 'chunk_index')}::int[], ${column(chunks, 'text')}::text[],
        ${column(chunks, 'token_count')}::int[], ${column(chunks, 'model')}::text[], ${column(chunks, 'dims')}::int[],
        ${column(chunks, 'norm')}::float8[], ${column(chunks, 'values')}::text[]) AS t(item_id, chunk_index, text, token_count, model, dims, norm, values)
      WHERE item_id IN (SELECT id FROM changed)
    ),
    new_scores AS (
      SELECT * FROM unnest(${column(scores, 'item_id')}::text[], ${column(scores, 'value')}::float8[], ${column(scores, 'formula_version')}::text[],
        ${column(scores, 'components')}::text[]) AS t(item_id, value, formula_version, components)
      WHERE item_id IN (SELECT id FROM changed)
    ),
    upsert_classifications AS (
      INSERT INTO classifications (item_id, task, model, labels) SELECT item_id, task, model, labels::jsonb FROM new_classifications
      ON CONFLICT (item_id, task) DO UPDATE SET model = excluded.model, labels = excluded.labels
    ),
    upsert_embeddings AS (
      INSERT INTO embeddings (item_id, model, dims, norm, values) SELECT item_id, model, dims, norm, values::real[] FROM new_embeddings
      ON CONFLICT (item_id) DO UPDATE SET model = excluded.model, dims = excluded.dims, norm = excluded.norm, values = excluded.values
    ),
    upsert_chunks AS (
      INSERT INTO item_chunks (item_id, chunk_index, text, token_count, model, dims, norm, values)
      SELECT item_id, chunk_index, text, token_count, model, dims, norm, values::real[] FROM new_chunks
      ON CONFLICT (item_id, chunk_index) DO UPDATE SET text = excluded.text, token_count = excluded.token_count,
        model = excluded.model, dims = excluded.dims, norm = excluded.norm, values = excluded.values
    ),
    upsert_scores AS (
      INSERT INTO scores (item_id, value, formula_version, components) SELECT item_id, value, formula_version, components::jsonb FROM new_scores
      ON CONFLICT (item_id) DO UPDATE SET value = excluded.value, formula_version = excluded.formula_version, components = excluded.components
    ),
    -- A changed item may have lost a model output: remove what the new version does not have. The ANY(ids)
    -- condition keeps these deletes on the primary-key index (the planner cannot size the CTE).
    stale_classifications AS (
      DELETE FROM classifications c USING changed
      WHERE c.item_id = ANY(${ids}::text[]) AND c.item_id = changed.id AND NOT changed.inserted
        AND NOT EXISTS (SELECT 1 FROM new_classifications n WHERE n.item_id = c.item_id AND n.task = c.task)
    ),
    stale_embeddings AS (
      DELETE FROM embeddings e USING changed
      WHERE e.item_id = ANY(${ids}::text[]) AND e.item_id = changed.id AND NOT changed.inserted AND NOT EXISTS (SELECT 1 FROM new_embeddings n WHERE n.item_id = e.item_id)
    ),
    stale_chunks AS (
      DELETE FROM item_chunks k USING changed
      WHERE k.item_id = ANY(${ids}::text[]) AND k.item_id = changed.id AND NOT changed.inserted
        AND NOT EXISTS (SELECT 1 FROM new_chunks n WHERE n.item_id = k.item_id AND n.chunk_index = k.chunk_index)
    ),
    stale_scores AS (
      DELETE FROM scores s USING changed
      WHERE s.item_id = ANY(${ids}::text[]) AND s.item_id = changed.id AND NOT changed.inserted AND NOT EXISTS (SELECT 1 FROM new_scores n WHERE n.item_id = s.item_id)
    ),
    dead AS (
      INSERT INTO dead_letters (item_id, source_id, stage, reason, detail, payload_json)
      SELECT * FROM unnest(${column(deadLetters, 'item_id')}::text[], ${column(deadLetters, 'source_id')}::text[], ${column(deadLetters, 'stage')}::text[],
        ${column(deadLetters, 'reason')}::text[], ${column(deadLetters, 'detail')}::text[], ${column(deadLetters, 'payload_json')}::text[])
      ON CONFLICT (item_id, stage) DO UPDATE SET source_id = excluded.source_id, reason = excluded.reason, detail = excluded.detail,
        payload_json = excluded.payload_json, attempts = dead_letters.attempts + 1, last_seen_at = now()
    )
    SELECT id, inserted FROM changed`.execute(db);
  const outcomes = new Map<string, WriteOutcome>();
  for (const row of result.rows) outcomes.set(row.id, row.inserted ? 'inserted' : 'updated');
  for (const p of items) if (!outcomes.has(p.id)) outcomes.set(p.id, 'unchanged');
  return outcomes;
}
