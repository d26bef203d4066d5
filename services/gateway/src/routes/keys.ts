// API keys stored (hashed) by persistence: create (the raw key is shown once), list, revoke. Admin scope.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  ApiKey__Output,
  CreateApiKeyRequest,
  CreateApiKeyResponse__Output,
  ListApiKeysResponse__Output,
  PersistenceAdminClient,
  RevokeApiKeyResponse__Output,
} from '@sluice/protocol';
import type { RouteContext } from '../app.js';
import { ApiError } from '../errors.js';
import { problemResponses } from '../schemas.js';
import { SCOPES } from '../settings.js';
import { isoTime } from '../iso-time.js';

const KeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'First characters of the key, to tell keys apart' }),
  scopes: Type.Array(Type.String()),
  rate_limit_per_minute: Type.Integer({ description: '0: the gateway default' }),
  revoked: Type.Boolean(),
  created_at: Type.Union([Type.String(), Type.Null()]),
  revoked_at: Type.Union([Type.String(), Type.Null()]),
});

const keyView = (k: ApiKey__Output) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  rate_limit_per_minute: k.rate_limit_per_minute,
  revoked: k.revoked,
  created_at: isoTime(k.created_at_ms),
  revoked_at: isoTime(k.revoked_at_ms),
});

export const keyRoutes: FastifyPluginAsyncTypebox<{ ctx: RouteContext }> = async (app, { ctx }) => {
  const { caller } = ctx;
  const security = [{ bearerAuth: [] }];
  const admin = (): PersistenceAdminClient => {
    if (!ctx.upstreams.admin)
      throw new ApiError('not_implemented', 'stored API keys are not available in this deployment');
    return ctx.upstreams.admin;
  };

  app.post(
    '/v1/keys',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Create an API key',
        description: 'The response holds the raw key; it is stored only as a hash and cannot be shown again.',
        tags: ['keys'],
        security,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Type.Array(Type.Union(SCOPES.map((s) => Type.Literal(s))), {
              minItems: 1,
              uniqueItems: true,
              description: 'admin does not imply read or write',
            }),
            rate_limit_per_minute: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ key: KeySchema, raw_key: Type.String() }),
          ...problemResponses(400, 401, 403, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const response = await caller.call<CreateApiKeyRequest, CreateApiKeyResponse__Output>(
        'persistence',
        admin(),
        admin().CreateApiKey,
        { name: body.name, scopes: body.scopes, rate_limit_per_minute: body.rate_limit_per_minute ?? 0 },
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ key: keyView(response.key!), raw_key: response.raw_key });
    },
  );

  app.get(
    '/v1/keys',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'List API keys',
        tags: ['keys'],
        security,
        querystring: Type.Object({ include_revoked: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 200: Type.Object({ keys: Type.Array(KeySchema) }), ...problemResponses(401, 403, 503) },
      },
    },
    async (request) => {
      const response = await caller.call<object, ListApiKeysResponse__Output>(
        'persistence',
        admin(),
        admin().ListApiKeys,
        { include_revoked: request.query.include_revoked ?? false },
      );
      return { keys: response.keys.map(keyView) };
    },
  );

  app.delete(
    '/v1/keys/:id',
    {
      config: { scope: 'admin' },
      schema: {
        summary: 'Revoke an API key',
        description: 'Effective at once on this gateway replica, within gateway.key_cache_seconds on others.',
        tags: ['keys'],
        security,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 200: KeySchema, ...problemResponses(401, 403, 404, 503) },
      },
    },
    async (request) => {
      const response = await caller.call<object, RevokeApiKeyResponse__Output>(
        'persistence',
        admin(),
        admin().RevokeApiKey,
        { id: request.params.id },
        { notFound: 'api_key_not_found' },
      );
      if (!response.found || !response.key)
        throw new ApiError('api_key_not_found', `no API key has id ${request.params.id}`);
      ctx.authenticator.invalidate();
      return keyView(response.key);
    },
  );
};
