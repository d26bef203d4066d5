// POST /v1/webhooks/:source_id: JSON from other systems enters the same pipeline stream as POST /v1/items,
// with common field names mapped (see webhook-items.ts). Same answers: 200 after the durable acknowledgement,
// 202 Accepted with a status URL after gateway.push_ack_wait_milliseconds.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import { SOURCE_ID_PATTERN } from '../schemas.js';
import { toPushItem, webhookRecords } from '../webhook-items.js';
import { PUSH_RESPONSES, pushAndWait } from './push.js';

export const webhookRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { settings } = ctx;
  app.post(
    '/v1/webhooks/:source_id',
    {
      config: { scope: 'write' },
      schema: {
        summary: 'Receive items from another system',
        description:
          'Body: one JSON object, an array of objects, or {"items"|"entries"|"data"|"records": [...]}. Fields are mapped by common names: id/guid → external_id, url/link, title/name/subject, content/body/html/text, summary/description, author/user, published_at/date/created_at/timestamp (ISO, Unix seconds or ms), tags/categories.',
        tags: ['items'],
        security: [{ bearerAuth: [] }],
        params: Type.Object(
          { source_id: Type.String({ pattern: SOURCE_ID_PATTERN }) },
          { additionalProperties: false },
        ),
        body: Type.Union([
          Type.Array(Type.Record(Type.String(), Type.Unknown())),
          Type.Record(Type.String(), Type.Unknown()),
        ]),
        response: PUSH_RESPONSES,
      },
    },
    async (request, reply) => {
      const records = webhookRecords(request.body);
      if (records.length === 0) throw new ApiError('invalid_parameter', 'the body holds no items');
      if (records.length > settings.push_max_items)
        throw new ApiError('invalid_parameter', `at most ${settings.push_max_items} items per request`);
      const result = await pushAndWait(
        ctx.push,
        { source_id: request.params.source_id, items: records.map(toPushItem) },
        settings.push_ack_wait_milliseconds,
        '/body',
      );
      return reply.code(result.code).send(result.body);
    },
  );
};
