// Route schemas (TypeBox → JSON Schema): request validation, fast response serialization and the OpenAPI
// document all come from these.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { MANAGED_SOURCE_ID_PATTERN, SOURCE_ID_PATTERN } from '@sluice/common';
import { ERROR_CODES } from './errors.js';

export { MANAGED_SOURCE_ID_PATTERN, SOURCE_ID_PATTERN };

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:sluice:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Union(
      ERROR_CODES.map((c) => Type.Literal(c)),
      { description: 'Stable error code (see docs/api.md)' },
    ),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    request_id: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** Error responses for the OpenAPI document (the error handler writes them itself). */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Problem details', content: { 'application/problem+json': { schema: Type.Ref('Problem') } } },
    ]),
  );
}

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const LabelSchema = Type.Object({ name: Type.String(), score: Type.Number() });
export const ClassificationSchema = Type.Object({
  model: Type.String(),
  task: Type.String(),
  labels: Type.Array(LabelSchema),
});

export const ItemSchema = Type.Object(
  {
    id: Type.String({ description: 'Content key: sha256(source_id + "\\n" + external_id), 32 hex chars' }),
    source_id: Type.String(),
    source_kind: Type.String(),
    external_id: Type.String(),
    url: Type.String(),
    canonical_url: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    text: Type.String({
      description: 'Plain text body (only when asked for with fields=text, or on GET /v1/items/{id})',
    }),
    author: Type.String(),
    published_at: Nullable(Type.String({ format: 'date-time' })),
    collected_at: Nullable(Type.String({ format: 'date-time' })),
    stored_at: Nullable(Type.String({ format: 'date-time' })),
    language: Type.String({ description: 'ISO 639-1, "und" when undetermined' }),
    content_hash: Type.String(),
    duplicate_of: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
    sentiment: Nullable(Type.String({ description: 'Top label of the sentiment model' })),
    topics: Type.Array(Type.String(), { description: 'Top three topic labels' }),
    classifications: Type.Array(ClassificationSchema),
    score: Nullable(
      Type.Object({
        value: Type.Number(),
        formula_version: Type.String(),
        components: Type.Array(
          Type.Object({ name: Type.String(), value: Type.Number(), weight: Type.Number(), detail: Type.String() }),
        ),
      }),
    ),
    embedding: Nullable(Type.Object({ model: Type.String(), values: Type.Array(Type.Number()) })),
    engagement: Nullable(Type.Object({ points: Type.Number(), comments: Type.Number() })),
    priority: Type.Integer(),
    word_count: Type.Integer(),
    reading_time_seconds: Type.Integer(),
  },
  // Every property is optional in responses because `fields=` selects a subset.
  { $id: 'Item', additionalProperties: false },
);

export const PartialItemSchema = Type.Partial(ItemSchema, { $id: 'ItemFields' });

export function listQuerySchema(maxPageSize: number) {
  return Type.Object(
    {
      source: Type.Optional(
        Type.Array(Type.String({ pattern: SOURCE_ID_PATTERN }), {
          maxItems: 50,
          description: 'Source id; repeat for several',
        }),
      ),
      label: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 100,
          description: 'Items classified with this label (topic, sentiment, ...)',
        }),
      ),
      topic: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Alias of label' })),
      sentiment: Type.Optional(
        Type.Union([Type.Literal('positive'), Type.Literal('negative'), Type.Literal('neutral')]),
      ),
      language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$', description: 'ISO 639-1 code' })),
      min_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
      max_score: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Score at most this (0..1)' })),
      duplicate_of: Type.Optional(
        Type.String({ pattern: '^[0-9a-f]{32}$', description: 'Items marked as near-duplicates of this item id' }),
      ),
      since: Type.Optional(
        Type.String({ maxLength: 40, description: 'Collected at or after: ISO 8601 time or Unix milliseconds' }),
      ),
      until: Type.Optional(
        Type.String({ maxLength: 40, description: 'Collected before: ISO 8601 time or Unix milliseconds' }),
      ),
      text: Type.Optional(
        Type.String({ minLength: 1, maxLength: 200, description: 'Case-insensitive match on title and text' }),
      ),
      sort: Type.Optional(
        Type.Union([Type.Literal('collected'), Type.Literal('published'), Type.Literal('score')], {
          description: 'Newest/highest first; default collected',
        }),
      ),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: maxPageSize })),
      cursor: Type.Optional(
        Type.String({ minLength: 1, maxLength: 2000, description: 'next_cursor of the previous page' }),
      ),
      fields: Type.Optional(Type.String({ maxLength: 500, description: 'Comma-separated item fields to return' })),
    },
    { additionalProperties: false },
  );
}
export type ListQuery = Static<ReturnType<typeof listQuerySchema>>;

export const ListResponseSchema = Type.Object({
  items: Type.Array(Type.Ref('ItemFields')),
  next_cursor: Nullable(Type.String()),
  next: Nullable(Type.String({ description: 'URL of the next page (same filters)' })),
});

export const ItemIdParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'Item id (32 hex chars)' }) },
  { additionalProperties: false },
);

const TimeValue = Type.Union([Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0 })], {
  description: 'ISO 8601 time or Unix milliseconds',
});

export const PushItemSchema = Type.Object(
  {
    source_id: Type.Optional(
      Type.String({ pattern: SOURCE_ID_PATTERN, description: 'Default: the batch source_id, else "push"' }),
    ),
    external_id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1000,
        description: 'Id at the source; default: the URL, else a content hash',
      }),
    ),
    url: Type.Optional(Type.String({ maxLength: 4096 })),
    title: Type.Optional(Type.String({ maxLength: 2000 })),
    summary: Type.Optional(Type.String({ maxLength: 20_000 })),
    content: Type.Optional(Type.String({ description: 'Body: HTML or plain text (see content_type)' })),
    content_type: Type.Optional(Type.Union([Type.Literal('text/html'), Type.Literal('text/plain')])),
    author: Type.Optional(Type.String({ maxLength: 500 })),
    published_at: Type.Optional(TimeValue),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
    attributes: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 2000 }))),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}$' })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
    engagement: Type.Optional(
      Type.Object(
        { points: Type.Optional(Type.Integer({ minimum: 0 })), comments: Type.Optional(Type.Integer({ minimum: 0 })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'PushItem' },
);
export type PushItem = Static<typeof PushItemSchema>;

export function pushBodySchema(maxItems: number) {
  return Type.Object(
    {
      source_id: Type.Optional(Type.String({ pattern: SOURCE_ID_PATTERN })),
      items: Type.Array(Type.Ref('PushItem'), { minItems: 1, maxItems: maxItems }),
    },
    { additionalProperties: false },
  );
}
export type PushBody = { source_id?: string; items: PushItem[] };

export const PushResultSchema = Type.Object({
  batch_id: Type.String(),
  status: Type.Union([Type.Literal('stored'), Type.Literal('accepted')], {
    description: 'stored: durable (acknowledged); accepted: still in the pipeline',
  }),
  item_ids: Type.Array(Type.String()),
  inserted: Type.Optional(Type.Integer()),
  updated: Type.Optional(Type.Integer()),
  unchanged: Type.Optional(Type.Integer()),
  dead_lettered: Type.Optional(Type.Integer()),
  status_url: Type.Optional(Type.String()),
});

export const BatchParams = Type.Object(
  { batch_id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const JobSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String({ description: 'collect or import' }),
    status: Type.String({ description: 'queued, running, succeeded, failed or cancelled' }),
    params: Type.Unknown(),
    counts: Type.Record(Type.String(), Type.Number()),
    errors: Type.Array(
      Type.Object({
        code: Type.String(),
        message: Type.String(),
        subject: Type.String(),
        occurred_at: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    message: Type.String(),
    cancel_requested: Type.Boolean(),
    created_at: Type.Union([Type.String(), Type.Null()]),
    updated_at: Type.Union([Type.String(), Type.Null()]),
    started_at: Type.Union([Type.String(), Type.Null()]),
    finished_at: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'Job' },
);
