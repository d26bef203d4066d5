// Liveness, readiness and Prometheus metrics on the API port (the gateway owns its HTTP port).
import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from '@sluice/service-kit';

/** Ready when the gateway is serving and persistence answers SERVING; `detail` is shown on /readyz. */
export type Readiness = () => Promise<{ ready: boolean; detail: Record<string, unknown> }>;

export const healthRoutes: FastifyPluginAsync<{ registry: Registry; readiness: Readiness }> = async (app, { registry, readiness }) => {
  const hidden = { hide: true } as Record<string, unknown>;
  app.get('/healthz', { config: { scope: 'public' }, schema: hidden }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { scope: 'public' }, schema: hidden }, async (_request, reply) => {
    const { ready, detail } = await readiness();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...detail });
  });
  app.get('/metrics', { config: { scope: 'public' }, schema: hidden }, async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
};
