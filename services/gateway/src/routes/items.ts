// GET /v1/items (filters, sort, keyset pagination, field selection) and GET /v1/items/:id, both translated to
// persistence's ListItems / GetItem.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GetItemResponse__Output, ListItemsRequest, ListItemsResponse__Output } from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import { DEFAULT_LIST_FIELDS, ITEM_FIELDS, parseFields, toItemView } from '../item-view.js';
import { parseTime } from '../push-items.js';
import { ItemIdParams, ListResponseSchema, listQuerySchema, problemResponses, type ListQuery } from '../schemas.js';

const SORTS = {
  collected: 'SORT_FIELD_COLLECTED',
  published: 'SORT_FIELD_PUBLISHED',
  score: 'SORT_FIELD_SCORE',
} as const;

/** A since/until query value as Unix ms (0 when absent); 422 naming the parameter when it is not a time. */
export function timeParam(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const ms = parseTime(value);
  if (!Number.isFinite(ms) || ms < 0)
    throw new ApiError('invalid_parameter', `${name} must be an ISO 8601 time or Unix milliseconds`, {
      errors: [{ pointer: `/query/${name}`, message: 'not a time' }],
    });
  return ms;
}

/** The filters of GET /v1/items (and /v1/search) as a ListItemsRequest; checks what the schema cannot. */
export function toListRequest(query: Omit<ListQuery, 'limit' | 'cursor' | 'fields'>): ListItemsRequest {
  if (query.label && query.topic && query.label !== query.topic)
    throw new ApiError('invalid_parameter', 'label and topic are aliases; give one of them');
  const since = timeParam(query.since, 'since');
  const until = timeParam(query.until, 'until');
  if (query.min_score !== undefined && query.max_score !== undefined && query.min_score > query.max_score)
    throw new ApiError('invalid_parameter', 'min_score must not be above max_score', {
      errors: [{ pointer: '/query/min_score', message: 'above max_score' }],
    });
  if (since > 0 && until > 0 && since >= until)
    throw new ApiError('invalid_parameter', 'since must be before until', {
      errors: [{ pointer: '/query/since', message: 'not before until' }],
    });
  return {
    source_ids: query.source ?? [],
    label: query.label ?? query.topic ?? '',
    sentiment: query.sentiment ?? '',
    language: query.language ?? '',
    min_score: query.min_score ?? 0,
    has_min_score: query.min_score !== undefined,
    max_score: query.max_score ?? 0,
    has_max_score: query.max_score !== undefined,
    duplicate_of: query.duplicate_of ?? '',
    since_ms: since,
    until_ms: until,
    text: query.text ?? '',
    sort: SORTS[query.sort ?? 'collected'],
  };
}

export const itemRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { settings, caller, upstreams } = ctx;
  const security = [{ bearerAuth: [] }];

  app.get(
    '/v1/items',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List items',
        description:
          'Filters combine with AND. Pages are keyset-paginated: pass next_cursor back as cursor (with the same filters) until it is null.',
        tags: ['items'],
        security,
        querystring: listQuerySchema(settings.max_page_size),
        response: { 200: ListResponseSchema, ...problemResponses(400, 401, 403, 422, 429, 503, 504) },
      },
    },
    async (request) => {
      const query = request.query;
      const fields = parseFields(query.fields, DEFAULT_LIST_FIELDS);
      const listRequest: ListItemsRequest = {
        ...toListRequest(query),
        cursor: query.cursor ?? '',
        limit: query.limit ?? settings.default_page_size,
        include_text: fields.includes('text'),
        include_embedding: fields.includes('embedding'),
      };
      const response = await caller.call<ListItemsRequest, ListItemsResponse__Output>(
        'persistence',
        upstreams.persistence,
        upstreams.persistence.ListItems,
        listRequest,
      );
      const nextCursor = response.next_cursor || null;
      let next: string | null = null;
      if (nextCursor) {
        const params = new URLSearchParams(request.url.split('?')[1] ?? '');
        params.set('cursor', nextCursor);
        next = `/v1/items?${params.toString()}`;
      }
      return { items: response.items.map((item) => toItemView(item, fields)), next_cursor: nextCursor, next };
    },
  );

  app.get(
    '/v1/items/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Get one item',
        tags: ['items'],
        security,
        params: ItemIdParams,
        querystring: Type.Object(
          { fields: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('ItemFields'), ...problemResponses(400, 401, 403, 404, 429, 503, 504) },
      },
    },
    async (request) => {
      const fields = parseFields(
        request.query.fields,
        ITEM_FIELDS.filter((f) => f !== 'embedding'),
      );
      const response = await caller.call<{ id: string }, GetItemResponse__Output>(
        'persistence',
        upstreams.persistence,
        upstreams.persistence.GetItem,
        { id: request.params.id },
        { notFound: 'item_not_found' },
      );
      if (!response.found || !response.item)
        throw new ApiError('item_not_found', `no item has id ${request.params.id}`);
      return toItemView(response.item, fields);
    },
  );
};
