// Dead letters: GET /v1/dead-letters (filters, keyset pages), GET /v1/dead-letters/:id (with the payload),
// POST /v1/dead-letters/replay (by ids or filter, through the pipeline again), DELETE /v1/dead-letters/:id and
// DELETE /v1/dead-letters (a filtered bulk discard). Reading needs "read"; replaying and discarding "admin".
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  DeadLetterFilter,
  DiscardDeadLettersRequest,
  DiscardDeadLettersResponse__Output,
  GetDeadLetterResponse__Output,
  ListDeadLettersRequest,
  ListDeadLettersResponse__Output,
  PersistenceAdminClient,
} from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { REPLAY_OUTCOMES, replayDeadLetters, replayMetrics } from '../dead-letter-replay.js';
import { DeadLetterSchema, DeadLetterWithPayload, deadLetterView, parsePayload } from '../dead-letter-view.js';
import { ApiError } from '../errors.js';
import { SOURCE_ID_PATTERN, problemResponses } from '../schemas.js';
import { timeParam } from './items.js';

const CODE = { pattern: '^[a-z0-9_]{1,64}$' };

const filterFields = {
  source: Type.Optional(
    Type.Array(Type.String({ pattern: SOURCE_ID_PATTERN }), {
      maxItems: 50,
      description: 'Source id; repeat for several',
    }),
  ),
  stage: Type.Optional(
    Type.Union(['collector', 'transformer', 'inference', 'scorer', 'persistence'].map((s) => Type.Literal(s))),
  ),
  reason: Type.Optional(
    Type.Array(Type.String(CODE), { maxItems: 50, description: 'Reason code; repeat for several' }),
  ),
  since: Type.Optional(
    Type.String({ maxLength: 40, description: 'Last failed at or after: ISO 8601 time or Unix milliseconds' }),
  ),
  until: Type.Optional(
    Type.String({ maxLength: 40, description: 'Last failed before: ISO 8601 time or Unix milliseconds' }),
  ),
};
const FilterQuery = Type.Object(filterFields, { additionalProperties: false });
type FilterInput = Static<typeof FilterQuery>;
const IdParams = Type.Object(
  { id: Type.Integer({ minimum: 1, description: 'Dead-letter id' }) },
  { additionalProperties: false },
);

function toFilter(query: FilterInput): DeadLetterFilter {
  const since = timeParam(query.since, 'since');
  const until = timeParam(query.until, 'until');
  if (since > 0 && until > 0 && since >= until)
    throw new ApiError('invalid_parameter', 'since must be before until', {
      errors: [{ pointer: '/query/since', message: 'not before until' }],
    });
  return {
    source_ids: query.source ?? [],
    stage: query.stage ?? '',
    reasons: query.reason ?? [],
    since_ms: since,
    until_ms: until,
  };
}

export const deadLetterRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller, settings } = ctx;
  const security = [{ bearerAuth: [] }];
  const replays = replayMetrics(ctx.registry);
  const admin = (): PersistenceAdminClient => {
    if (!ctx.upstreams.admin)
      throw new ApiError('not_implemented', 'dead letters are not available in this deployment');
    return ctx.upstreams.admin;
  };

  app.get(
    '/v1/dead-letters',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'List dead letters',
        description:
          'Items a stage could not process, newest first. Filters combine with AND. Pages are keyset-paginated: pass next_cursor back as cursor (with the same filters) until it is null.',
        tags: ['dead letters'],
        security,
        querystring: Type.Object(
          {
            ...filterFields,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            cursor: Type.Optional(
              Type.String({ minLength: 1, maxLength: 200, description: 'next_cursor of the previous page' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            dead_letters: Type.Array(DeadLetterSchema),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemResponses(400, 401, 403, 422, 429, 503),
        },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const response = await caller.call<ListDeadLettersRequest, ListDeadLettersResponse__Output>(
        'persistence',
        admin(),
        admin().ListDeadLetters,
        { filter: toFilter(filter), limit: limit ?? 50, cursor: cursor ?? '' },
      );
      const nextCursor = response.next_cursor || null;
      let next: string | null = null;
      if (nextCursor) {
        const params = new URLSearchParams(request.url.split('?')[1] ?? '');
        params.set('cursor', nextCursor);
        next = `/v1/dead-letters?${params.toString()}`;
      }
      return { dead_letters: response.dead_letters.map(deadLetterView), next_cursor: nextCursor, next };
    },
  );

  app.get(
    '/v1/dead-letters/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Get a dead letter with its payload',
        tags: ['dead letters'],
        security,
        params: IdParams,
        response: { 200: DeadLetterWithPayload, ...problemResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request) => {
      const response = await caller.call<{ id: number }, GetDeadLetterResponse__Output>(
        'persistence',
        admin(),
        admin().GetDeadLetter,
        { id: request.params.id },
        { notFound: 'dead_letter_not_found' },
      );
      if (!response.found || !response.dead_letter)
        throw new ApiError('dead_letter_not_found', `no dead letter has id ${request.params.id}`);
      return { ...deadLetterView(response.dead_letter), payload: parsePayload(response.dead_letter.payload_json) };
    },
  );

  app.post(
    '/v1/dead-letters/replay',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Replay dead letters through the pipeline',
        description:
          'By ids, or the oldest dead letters matching the filter (up to limit, default 100). Each item goes through every stage again; the answer comes once the pipeline acknowledged them (or after gateway.push_ack_wait_milliseconds: those are "pending"). stored: the item is stored and its dead letter is gone; failed: it failed again and its dead letter holds the new reason with attempts + 1; not_replayable: the payload holds no item (a record the collector could not read).',
        tags: ['dead letters'],
        security,
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 1000 })),
            ...filterFields,
            since: Type.Optional(Type.String({ maxLength: 40 })),
            until: Type.Optional(Type.String({ maxLength: 40 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            replayed: Type.Integer(),
            ...Object.fromEntries(REPLAY_OUTCOMES.map((o) => [o, Type.Integer()])),
            results: Type.Array(
              Type.Object({
                id: Type.Integer(),
                item_id: Type.String(),
                outcome: Type.Union(REPLAY_OUTCOMES.map((o) => Type.Literal(o))),
                dead_letter: Type.Union([DeadLetterSchema, Type.Null()]),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 422, 429, 501, 503),
        },
      },
    },
    async (request) => {
      if (!ctx.push)
        throw new ApiError('not_implemented', 'pushing items into the pipeline is not enabled in this deployment');
      const { ids, limit, ...filter } = request.body;
      const summary = await replayDeadLetters(
        { admin: admin(), caller, push: ctx.push, ackWaitMs: settings.push_ack_wait_milliseconds, metric: replays },
        { ids: ids ?? [], filter: toFilter(filter), limit: ids ? ids.length : (limit ?? 100) },
      );
      request.log.info({ replayed: summary.replayed, ...summary.counts }, 'dead letters replayed');
      return {
        replayed: summary.replayed,
        ...summary.counts,
        results: summary.results.map((r) => ({
          id: r.id,
          item_id: r.item_id,
          outcome: r.outcome,
          dead_letter: r.dead_letter ? deadLetterView(r.dead_letter) : null,
        })),
      };
    },
  );

  app.delete(
    '/v1/dead-letters/:id',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Discard a dead letter',
        tags: ['dead letters'],
        security,
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const response = await caller.call<DiscardDeadLettersRequest, DiscardDeadLettersResponse__Output>(
        'persistence',
        admin(),
        admin().DiscardDeadLetters,
        { ids: [request.params.id] },
      );
      if (Number(response.discarded) === 0)
        throw new ApiError('dead_letter_not_found', `no dead letter has id ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v1/dead-letters',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Discard the dead letters matching a filter',
        description: 'At least one filter, or all=true to empty the table.',
        tags: ['dead letters'],
        security,
        querystring: Type.Object(
          { ...filterFields, all: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ discarded: Type.Integer() }),
          ...problemResponses(400, 401, 403, 422, 429, 503),
        },
      },
    },
    async (request) => {
      const { all, ...filter } = request.query;
      const dlFilter = toFilter(filter);
      const named =
        dlFilter.source_ids!.length > 0 ||
        !!dlFilter.stage ||
        dlFilter.reasons!.length > 0 ||
        Number(dlFilter.since_ms) > 0 ||
        Number(dlFilter.until_ms) > 0;
      if (!named && !all)
        throw new ApiError(
          'invalid_parameter',
          'name at least one filter (source, stage, reason, since, until), or all=true to discard every dead letter',
        );
      const response = await caller.call<DiscardDeadLettersRequest, DiscardDeadLettersResponse__Output>(
        'persistence',
        admin(),
        admin().DiscardDeadLetters,
        { filter: dlFilter, all: all ?? false },
      );
      return { discarded: Number(response.discarded) };
    },
  );
};
