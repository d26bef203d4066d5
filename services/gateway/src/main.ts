// The gateway process: the HTTP API on services.gateway.http_port, translating to gRPC calls on the backends
// and to a pipeline stream (into the transformer) for pushed items.
import { PipelineSender, checkHealth, createClient, deadlineIn, main, sluiceProto, type PipelineStageClient } from '@sluice/protocol';
import { buildApp } from './app.js';
import { Authenticator } from './auth.js';
import { PushChannel } from './push-channel.js';
import { gatewaySettingsSchema } from './settings.js';
import { closeUpstreams, connectUpstreams } from './upstreams.js';

main('gateway', gatewaySettingsSchema, async (ctx) => {
  const settings = ctx.config.settings;
  const services = ctx.config.services;
  const upstreams = connectUpstreams(services);
  const transformer = createClient(sluiceProto().PipelineStage, services.transformer.grpc_address) as unknown as PipelineStageClient;
  const sender = new PipelineSender({
    connect: () => transformer.Process({ deadline: deadlineIn(settings.push_stream_deadline_seconds * 1000) }),
    maxInFlightItems: settings.push_max_in_flight_items,
    onEvent: (event) => ctx.logger.warn({ event }, `push stream: ${event.kind}`),
  });
  const push = new PushChannel(sender, settings.push_max_in_flight_items);
  const authenticator = new Authenticator({ bootstrapKey: process.env.SLUICE_API_KEY, configuredKeys: settings.api_keys, cacheSeconds: settings.key_cache_seconds });
  if (!authenticator.hasKeys) ctx.logger.warn('no API key is configured: every /v1 route answers 401 (set SLUICE_API_KEY or gateway.api_keys)');

  const app = await buildApp({
    settings,
    logger: ctx.logger,
    registry: ctx.registry,
    authenticator,
    upstreams,
    push,
    readiness: async () => {
      const persistence = await checkHealth(services.persistence.grpc_address, '', 1000);
      return { ready: ctx.isReady() && persistence === 'SERVING', detail: { persistence } };
    },
  });

  return {
    grpc: [],
    ownsHttpPort: true,
    started: async () => {
      const url = await app.listen({ port: services.gateway.http_port, host: settings.host });
      ctx.logger.info({ url, docs: settings.docs_enabled ? `${url}/docs` : undefined }, 'HTTP API listening');
    },
    drain: async () => {
      // Stop taking requests and finish open ones; then wait (bounded) for pushed batches to be acknowledged.
      await app.close();
      await Promise.race([push.close(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    },
    close: async () => {
      sender.abort('gateway stopped');
      closeUpstreams(upstreams);
      transformer.close();
    },
  };
});
