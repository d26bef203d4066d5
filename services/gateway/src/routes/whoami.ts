// GET /v1/whoami: the calling key's name and scopes, so a client (the console) can show what the key may do.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SCOPES } from '../settings.js';
import { problemResponses } from '../schemas.js';

export const whoamiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/whoami',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'The calling API key',
        description: 'Its name and scopes (never the key). Needs the read scope, like every page of the console.',
        tags: ['keys'],
        security: [{ bearerAuth: [] }],
        response: {
          200: Type.Object({
            name: Type.String(),
            scopes: Type.Array(Type.Union(SCOPES.map((s) => Type.Literal(s)))),
          }),
          ...problemResponses(401, 403, 429),
        },
      },
    },
    async (request) => ({
      name: request.principal?.name ?? '',
      scopes: SCOPES.filter((s) => request.principal?.scopes.has(s)),
    }),
  );
};
