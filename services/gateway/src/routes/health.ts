// Liveness and readiness on the API port, for load balancers. Prometheus metrics are not served here (they
// would tell anyone who can reach the API about its traffic): the ops server on services.gateway.ops_port has them.
import type { FastifyPluginAsync } from 'fastify';

/** Ready when the gateway is serving and persistence answers SERVING; `detail` is shown on /readyz. */
export type Readiness = () => Promise<{ ready: boolean; detail: Record<string, unknown> }>;

export const healthRoutes: FastifyPluginAsync<{ readiness: Readiness }> = async (app, { readiness }) => {
  const hidden = { hide: true } as Record<string, unknown>;
  app.get('/healthz', { config: { scope: 'public' }, schema: hidden }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { scope: 'public' }, schema: hidden }, async (_request, reply) => {
    const { ready, detail } = await readiness();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...detail });
  });
};
