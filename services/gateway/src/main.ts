// The gateway process: the HTTP API on services.gateway.http_port (wiring in gateway.ts).
// Run: node --import tsx services/gateway/src/main.ts
import { main } from '@sluice/protocol';
import { createGateway } from './gateway.js';
import { gatewaySettingsSchema } from './settings.js';

main('gateway', gatewaySettingsSchema, async (ctx) => {
  const settings = ctx.config.settings;
  const gateway = await createGateway({
    settings,
    services: ctx.config.services,
    logger: ctx.logger,
    registry: ctx.registry,
    bootstrapKey: process.env.SLUICE_API_KEY,
    isReady: ctx.isReady,
  });
  if (!process.env.SLUICE_API_KEY && settings.api_keys.length === 0) {
    ctx.logger.warn(
      'no bootstrap API key: only keys stored by persistence work (set SLUICE_API_KEY to create the first one through POST /v1/keys)',
    );
  }
  return {
    grpc: [],
    ownsHttpPort: true,
    // Health says SERVING only once the HTTP API listens (start-up waiters poll gRPC health).
    manualReady: true,
    started: async () => {
      const url = await gateway.app.listen({ port: ctx.config.services.gateway.http_port, host: settings.host });
      ctx.setReady(true);
      ctx.logger.info({ url, docs: settings.docs_enabled ? `${url}/docs` : undefined }, 'HTTP API listening');
    },
    drain: () => gateway.drain(),
    close: () => gateway.close(),
  };
});
