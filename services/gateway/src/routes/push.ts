// POST /v1/items: batch push into the pipeline. The answer comes after the durable acknowledgement (200), or
// with 202 Accepted and a status URL when the acknowledgement takes longer than gateway.push_ack_wait_milliseconds.
// Idempotent: an item's id is its content key, so pushing it again updates (or leaves unchanged) the same row.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Ack__Output } from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import { toPipelineItems } from '../push-items.js';
import { BatchParams, PushResultSchema, problemResponses, pushBodySchema, type PushBody } from '../schemas.js';
import type { PushChannel } from '../push-channel.js';

export const PUSH_RESPONSES = {
  200: PushResultSchema,
  202: PushResultSchema,
  ...problemResponses(400, 401, 403, 413, 415, 422, 429, 503),
};

/** Sends converted items and waits (bounded) for their acknowledgement: shared by push and webhooks. */
export async function pushAndWait(
  channel: PushChannel | undefined,
  body: PushBody,
  waitMs: number,
  pointerBase?: string,
) {
  if (!channel) throw new ApiError('not_implemented', 'pushing items is not enabled in this deployment');
  const { items, itemIds } = toPipelineItems(body, Date.now(), pointerBase);
  if (channel.wouldOverflow(items.length)) {
    if (channel.stalled())
      throw new ApiError(
        'upstream_unavailable',
        'the pipeline is unreachable and pushed items are waiting; retry after the indicated time',
        { retryAfterSeconds: 5 },
      );
    // Otherwise the pipeline is slower than its clients: say when the backlog will have drained.
    throw new ApiError(
      'overloaded',
      `${channel.admittedItems} pushed items are waiting to be stored; retry after the indicated time`,
      { retryAfterSeconds: channel.retryAfterSeconds() },
    );
  }
  const { batchId, ack } = channel.submit({ items }, itemIds);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, waitMs, undefined)));
  try {
    const result = await Promise.race([ack, timeout]);
    if (!result)
      return {
        code: 202 as const,
        body: {
          batch_id: batchId,
          status: 'accepted' as const,
          item_ids: itemIds,
          status_url: `/v1/items/batches/${batchId}`,
        },
      };
    return { code: 200 as const, body: ackBody(batchId, itemIds, result) };
  } catch {
    // The sender only fails a batch when it is closing (shutdown): the client should retry elsewhere.
    throw new ApiError('upstream_unavailable', 'the gateway is shutting down; retry', { retryAfterSeconds: 1 });
  } finally {
    clearTimeout(timer);
  }
}

function ackBody(batchId: string, itemIds: string[], ack: Ack__Output) {
  return {
    batch_id: batchId,
    status: 'stored' as const,
    item_ids: itemIds,
    inserted: ack.inserted,
    updated: ack.updated,
    unchanged: ack.unchanged,
    dead_lettered: ack.dead_lettered,
  };
}

export const pushRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { settings } = ctx;
  const security = [{ bearerAuth: [] }];

  app.post(
    '/v1/items',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Push items into the pipeline',
        description:
          'Items go through the whole pipeline (normalization, classification, embedding, scoring) and are stored. 200: stored (durable); 202: accepted, still in the pipeline (see status_url). Idempotent by content key: id = sha256(source_id + "\\n" + external_id), with external_id defaulting to the URL, else a content hash.',
        tags: ['items'],
        security,
        body: pushBodySchema(settings.push_max_items),
        response: PUSH_RESPONSES,
      },
    },
    async (request, reply) => {
      const result = await pushAndWait(ctx.push, request.body as PushBody, settings.push_ack_wait_milliseconds);
      return reply.code(result.code).send(result.body);
    },
  );

  app.get(
    '/v1/items/batches/:batch_id',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Status of a pushed batch',
        description: 'Outcome of a recent POST /v1/items batch (the gateway remembers the last 10,000 batches).',
        tags: ['items'],
        security,
        params: BatchParams,
        response: {
          200: Type.Object({
            ...PushResultSchema.properties,
            status: Type.Union([Type.Literal('pending'), Type.Literal('stored'), Type.Literal('failed')]),
            error: Type.Optional(Type.String()),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const outcome = ctx.push?.outcome(request.params.batch_id);
      if (!outcome) throw new ApiError('resource_not_found', `no recent batch has id ${request.params.batch_id}`);
      if (outcome.state === 'stored') return ackBody(request.params.batch_id, outcome.itemIds, outcome.ack);
      if (outcome.state === 'failed')
        return {
          batch_id: request.params.batch_id,
          status: 'failed' as const,
          item_ids: outcome.itemIds,
          error: outcome.error,
        };
      return { batch_id: request.params.batch_id, status: 'pending' as const, item_ids: outcome.itemIds };
    },
  );
};
