// An item row as the reads select it, and its mapping to the StoredItem message. Pure: item-reader.ts runs
// the SQL.
import type { StoredItem } from '@sluice/protocol';
import type { Selectable } from 'kysely';
import type { ItemsTable } from './schema.js';
import { epochMs } from './timestamps.js';

/** The items columns a read takes as they are (schema.ts's types). */
type ItemColumns = Pick<
  Selectable<ItemsTable>,
  | 'id'
  | 'source_id'
  | 'source_kind'
  | 'external_id'
  | 'url'
  | 'canonical_url'
  | 'title'
  | 'summary'
  | 'author'
  | 'published_at'
  | 'collected_at'
  | 'stored_at'
  | 'language'
  | 'content_hash'
  | 'duplicate_of'
  | 'tags'
  | 'priority'
  | 'word_count'
  | 'reading_time_seconds'
  | 'score'
>;

/** An item row as the reads select it: the item, its model outputs and (on request) text and embedding. */
export interface ItemReadRow extends ItemColumns {
  text?: string;
  /** bigint columns: node-postgres returns them as strings. */
  engagement_points: number | string;
  engagement_comments: number | string;
  classifications_json: Array<{ model: string; task: string; labels: Array<{ name: string; score: number }> }>;
  score_value: number | null;
  score_formula_version: string | null;
  score_components: Array<{ name: string; value: number; weight: number; detail: string }> | null;
  embedding_model?: string | null;
  embedding_values?: number[] | null;
}

/** The item columns every read selects (text only on request). */
export const ITEM_COLUMNS =
  'i.id, i.source_id, i.source_kind, i.external_id, i.url, i.canonical_url, i.title, i.summary, i.author, i.published_at, i.collected_at, ' +
  'i.stored_at, i.language, i.content_hash, i.duplicate_of, i.tags, i.engagement_points, i.engagement_comments, i.priority, i.word_count, ' +
  'i.reading_time_seconds, i.score';

export function toStoredItem(r: ItemReadRow): StoredItem {
  return {
    id: r.id,
    source_id: r.source_id,
    source_kind: r.source_kind,
    external_id: r.external_id,
    url: r.url,
    canonical_url: r.canonical_url,
    title: r.title,
    summary: r.summary,
    text: r.text ?? '',
    author: r.author,
    published_at_ms: epochMs(r.published_at),
    collected_at_ms: epochMs(r.collected_at),
    stored_at_ms: epochMs(r.stored_at),
    language: r.language,
    content_hash: r.content_hash,
    duplicate_of: r.duplicate_of,
    tags: r.tags,
    classifications: r.classifications_json.map((c) => ({ model: c.model, task: c.task, labels: c.labels })),
    embedding: r.embedding_values ? { model: r.embedding_model ?? '', values: r.embedding_values.map(Number) } : null,
    score:
      r.score_value !== null
        ? { value: r.score_value, formula_version: r.score_formula_version ?? '', components: r.score_components ?? [] }
        : null,
    engagement: { points: Number(r.engagement_points), comments: Number(r.engagement_comments) },
    priority: r.priority,
    word_count: r.word_count,
    reading_time_seconds: r.reading_time_seconds,
  };
}
