// Semantic search (GET /v1/search) and direct inference for other systems (POST /v1/embed, /v1/classify).
// The query text is embedded by the inference service; persistence finds the nearest items by cosine.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  ClassifyRequest,
  ClassifyResponse__Output,
  EmbedRequest,
  EmbedResponse__Output,
  InferenceClient,
  InferenceTiming__Output,
  SearchItemsRequest,
  SearchItemsResponse__Output,
} from '@sluice/protocol';
import { MAX_PRIORITY } from '@sluice/common';
import type { RouteContext } from '../app.js';
import { ApiError, type ErrorCode } from '../errors.js';
import { DEFAULT_LIST_FIELDS, parseFields, toItemView } from '../item-view.js';
import { ClassificationSchema, listQuerySchema, problemResponses } from '../schemas.js';
import { toListRequest } from './items.js';

/** Per-input failure codes of the inference service, as API errors. */
const INPUT_ERRORS: Record<string, ErrorCode> = {
  invalid_input: 'invalid_parameter',
  expired: 'upstream_timeout',
  overloaded: 'overloaded',
  not_found: 'invalid_parameter',
};

const MAX_INPUTS = 256;
const MAX_TEXT_CHARS = 100_000;

const TimingSchema = Type.Object({
  queue_ms: Type.Number(),
  tokenization_ms: Type.Number(),
  inference_ms: Type.Number(),
});
const timing = (t: InferenceTiming__Output | null | undefined) => ({
  queue_ms: (t?.queue_ns ?? 0) / 1e6,
  tokenization_ms: (t?.tokenization_ns ?? 0) / 1e6,
  inference_ms: (t?.inference_ns ?? 0) / 1e6,
});

const PassageSchema = Type.Object({
  index: Type.Integer({ description: "The chunk's position in the item's text, from 0" }),
  text: Type.String(),
  similarity: Type.Number(),
});

const InputsSchema = Type.Array(
  Type.Object(
    {
      id: Type.Optional(Type.String({ maxLength: 200 })),
      text: Type.String({ minLength: 1, maxLength: MAX_TEXT_CHARS }),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: MAX_INPUTS, description: 'Texts; ids default to their index' },
);

function requireInference(ctx: RouteContext): InferenceClient {
  if (!ctx.upstreams.inference) throw new ApiError('not_implemented', 'no inference service is configured');
  return ctx.upstreams.inference;
}

export const inferenceRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller, settings } = ctx;
  const security = [{ bearerAuth: [] }];
  const listQuery = listQuerySchema(settings.max_page_size);
  const { sort: _sort, cursor: _cursor, text: _text, ...filterProperties } = listQuery.properties;

  app.get(
    '/v1/search',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Semantic search',
        description:
          'Embeds q with the default embedding model and returns the nearest stored items by cosine similarity, highest first: a long item is matched by its own (pooled) embedding and by each of its passages, and comes with its best passage. Accepts the filters of GET /v1/items.',
        tags: ['search'],
        security,
        querystring: Type.Object(
          { q: Type.String({ minLength: 1, maxLength: 2000 }), ...filterProperties },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            hits: Type.Array(
              Type.Object({
                similarity: Type.Number({
                  description: "The better of the item's own embedding's and its best passage's cosine similarity",
                }),
                passage: Type.Union([PassageSchema, Type.Null()], {
                  description:
                    'The chunk of a long item that best matches q; null for an item short enough to be one passage (its text)',
                }),
                item: Type.Ref('ItemFields'),
              }),
            ),
            method: Type.String(),
            model: Type.String(),
          }),
          ...problemResponses(400, 401, 403, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request) => {
      const { q, limit, fields: fieldList, ...filters } = request.query;
      const fields = parseFields(fieldList, DEFAULT_LIST_FIELDS);
      const listRequest = {
        ...toListRequest(filters),
        include_text: fields.includes('text'),
        include_embedding: fields.includes('embedding'),
      };
      const inference = requireInference(ctx);
      const embedded = await caller.call<EmbedRequest, EmbedResponse__Output>('inference', inference, inference.Embed, {
        inputs: [{ id: 'q', text: q, priority: MAX_PRIORITY }],
      });
      const result = embedded.results[0];
      if (!result || result.error)
        throw new ApiError(
          INPUT_ERRORS[result?.error ?? ''] ?? 'upstream_error',
          `the query could not be embedded (${result?.error || 'no result'})`,
        );
      const search = await caller.call<SearchItemsRequest, SearchItemsResponse__Output>(
        'persistence',
        ctx.upstreams.persistence,
        ctx.upstreams.persistence.SearchItems,
        {
          query_embedding: result.values,
          embedding_model: embedded.model,
          limit: limit ?? Math.min(10, settings.max_page_size),
          filters: listRequest,
        },
      );
      return {
        hits: search.hits
          .filter((h) => h.item)
          .map((h) => ({
            similarity: h.similarity,
            passage: h.passage
              ? { index: h.passage.index, text: h.passage.text, similarity: h.passage.similarity }
              : null,
            item: toItemView(h.item!, fields),
          })),
        method: search.method,
        model: embedded.model,
      };
    },
  );

  app.post(
    '/v1/embed',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Embed texts',
        tags: ['inference'],
        security,
        body: Type.Object(
          {
            model: Type.Optional(Type.String({ maxLength: 200, description: 'Default: the default embedding model' })),
            inputs: InputsSchema,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            model: Type.String(),
            results: Type.Array(
              Type.Object({
                id: Type.String(),
                values: Type.Array(Type.Number()),
                error: Type.Optional(Type.String()),
                timing: TimingSchema,
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 413, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request) => {
      const inference = requireInference(ctx);
      const inputs = request.body.inputs.map((input, index) => ({ id: input.id ?? String(index), text: input.text }));
      const response = await caller.call<EmbedRequest, EmbedResponse__Output>('inference', inference, inference.Embed, {
        model: request.body.model ?? '',
        inputs,
      });
      return {
        model: response.model,
        results: response.results.map((r) => ({
          id: r.id,
          values: r.values,
          ...(r.error ? { error: r.error } : {}),
          timing: timing(r.timing),
        })),
      };
    },
  );

  app.post(
    '/v1/classify',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Classify texts',
        description: 'Runs the named classification models (default: all of them: sentiment, topics, spam, ...).',
        tags: ['inference'],
        security,
        body: Type.Object(
          {
            models: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
            inputs: InputsSchema,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                id: Type.String(),
                classifications: Type.Array(ClassificationSchema),
                error: Type.Optional(Type.String()),
                timing: TimingSchema,
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 413, 422, 429, 502, 503, 504),
        },
      },
    },
    async (request) => {
      const inference = requireInference(ctx);
      const inputs = request.body.inputs.map((input, index) => ({ id: input.id ?? String(index), text: input.text }));
      const response = await caller.call<ClassifyRequest, ClassifyResponse__Output>(
        'inference',
        inference,
        inference.Classify,
        { models: request.body.models ?? [], inputs },
      );
      return {
        results: response.results.map((r) => ({
          id: r.id,
          classifications: r.classifications.map((c) => ({
            model: c.model,
            task: c.task,
            labels: c.labels.map((l) => ({ name: l.name, score: l.score })),
          })),
          ...(r.error ? { error: r.error } : {}),
          timing: timing(r.timing),
        })),
      };
    },
  );
};
