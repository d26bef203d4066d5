// OpenAPI 3.1 generated from the route schemas, served at /openapi.json, with the interactive page at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyTypeProvider,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';

/** Registers on the instance given (the root, so swagger's onRoute hook sees every route), whatever its types. */
export async function registerDocs<Logger extends FastifyBaseLogger, Provider extends FastifyTypeProvider>(
  app: FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, Logger, Provider>,
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sluice API',
        version: '1.0.0',
        description:
          'Items collected, classified, embedded and scored by Sluice. Errors are RFC 9457 problem details with a stable `code`. How-to: docs/api.md.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key: "Authorization: Bearer <key>"' },
        },
      },
      tags: [
        { name: 'items', description: 'Stored items and pushing new ones' },
        { name: 'search', description: 'Semantic search' },
        { name: 'inference', description: 'Direct classification and embedding' },
        { name: 'jobs', description: 'Collection and import jobs' },
        { name: 'sources', description: 'Source definitions' },
        { name: 'keys', description: 'API keys' },
        { name: 'pipeline', description: 'Throughput, windows and health of every stage' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { config: { scope: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
