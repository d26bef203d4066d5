// GET /v1/source-health: every source's collection state in one call (GET /v1/sources/{id} has one source's,
// with its recent errors), for the console's Sources page.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { GetSourceStateResponse__Output } from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { problemResponses } from '../schemas.js';
import { isoTime } from '../iso-time.js';

const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const sourceHealthRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller, upstreams } = ctx;
  app.get(
    '/v1/source-health',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Collection state of every source',
        description:
          'Last success, consecutive errors, breaker state (closed, open, half_open), next fetch, last error and items collected, for every source that has run.',
        tags: ['sources'],
        security: [{ bearerAuth: [] }],
        response: {
          200: Type.Object({
            sources: Type.Array(
              Type.Object({
                id: Type.String(),
                last_success_at: NullableTime,
                next_fetch_at: NullableTime,
                consecutive_errors: Type.Integer(),
                breaker_state: Type.String(),
                last_error: Type.String(),
                items_total: Type.Number(),
              }),
            ),
          }),
          ...problemResponses(401, 403, 429, 503, 504),
        },
      },
    },
    async () => {
      const p = upstreams.persistence;
      const response = await caller.call<object, GetSourceStateResponse__Output>('persistence', p, p.GetSourceState, {
        source_ids: [],
      });
      return {
        sources: response.states.map((s) => ({
          id: s.source_id,
          last_success_at: isoTime(s.last_success_ms),
          next_fetch_at: isoTime(s.next_fetch_ms),
          consecutive_errors: s.consecutive_errors,
          breaker_state: s.breaker_state,
          last_error: s.last_error,
          items_total: Number(s.items_total),
        })),
      };
    },
  );
};
