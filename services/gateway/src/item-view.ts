// The JSON shape of an item in API responses, and field selection (`fields=id,title,score`).
import type { StoredItem__Output } from '@sluice/protocol';
import { ApiError } from './errors.js';

export const ITEM_FIELDS = [
  'id',
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
  'collected_at',
  'stored_at',
  'language',
  'content_hash',
  'duplicate_of',
  'tags',
  'sentiment',
  'topics',
  'classifications',
  'score',
  'embedding',
  'engagement',
  'priority',
  'word_count',
  'reading_time_seconds',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** Fields a list returns when the client names none: everything except the large ones. */
export const DEFAULT_LIST_FIELDS: readonly ItemField[] = ITEM_FIELDS.filter((f) => f !== 'text' && f !== 'embedding');

export type ItemView = Partial<Record<ItemField, unknown>>;

const isoOrNull = (ms: number): string | null => (ms > 0 ? new Date(ms).toISOString() : null);

/** Parses `fields=a,b,c`; unknown names are a 422 that lists the valid ones. */
export function parseFields(fields: string | undefined, fallback: readonly ItemField[]): readonly ItemField[] {
  if (fields === undefined || fields.trim() === '') return fallback;
  const wanted = fields
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = wanted.filter((f) => !(ITEM_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw new ApiError(
      'invalid_parameter',
      `unknown field(s) ${unknown.join(', ')}; valid fields: ${ITEM_FIELDS.join(', ')}`,
      {
        errors: [{ pointer: '/query/fields', message: `unknown field(s): ${unknown.join(', ')}` }],
      },
    );
  }
  return [...new Set(wanted)] as ItemField[];
}

function topLabel(item: StoredItem__Output, task: string): string | null {
  return item.classifications.find((c) => c.task === task)?.labels[0]?.name ?? null;
}

const builders: Record<ItemField, (item: StoredItem__Output) => unknown> = {
  id: (i) => i.id,
  source_id: (i) => i.source_id,
  source_kind: (i) => i.source_kind,
  external_id: (i) => i.external_id,
  url: (i) => i.url,
  canonical_url: (i) => i.canonical_url,
  title: (i) => i.title,
  summary: (i) => i.summary,
  text: (i) => i.text,
  author: (i) => i.author,
  published_at: (i) => isoOrNull(i.published_at_ms),
  collected_at: (i) => isoOrNull(i.collected_at_ms),
  stored_at: (i) => isoOrNull(i.stored_at_ms),
  language: (i) => i.language,
  content_hash: (i) => i.content_hash,
  duplicate_of: (i) => i.duplicate_of || null,
  tags: (i) => i.tags,
  sentiment: (i) => topLabel(i, 'sentiment'),
  topics: (i) =>
    i.classifications
      .find((c) => c.task === 'topics')
      ?.labels.slice(0, 3)
      .map((l) => l.name) ?? [],
  classifications: (i) =>
    i.classifications.map((c) => ({
      model: c.model,
      task: c.task,
      labels: c.labels.map((l) => ({ name: l.name, score: l.score })),
    })),
  score: (i) =>
    i.score
      ? {
          value: i.score.value,
          formula_version: i.score.formula_version,
          components: i.score.components.map((c) => ({
            name: c.name,
            value: c.value,
            weight: c.weight,
            detail: c.detail,
          })),
        }
      : null,
  embedding: (i) =>
    i.embedding && i.embedding.values.length > 0 ? { model: i.embedding.model, values: i.embedding.values } : null,
  engagement: (i) => (i.engagement ? { points: i.engagement.points, comments: i.engagement.comments } : null),
  priority: (i) => i.priority,
  word_count: (i) => i.word_count,
  reading_time_seconds: (i) => i.reading_time_seconds,
};

export function toItemView(item: StoredItem__Output, fields: readonly ItemField[]): ItemView {
  const view: ItemView = {};
  for (const field of fields) view[field] = builders[field](item);
  return view;
}
