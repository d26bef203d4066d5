// Wires the gateway from configuration: gRPC clients, the push stream into the transformer, API keys, the job
// runner and the app. main.ts runs it as a service; tests run the same wiring against real processes.
import { delay } from '@sluice/common';
import {
  checkHealth,
  createBatchSender,
  nextHop,
  observeDownstreamWindow,
  connect,
  deadlineIn,
  type SharedStateClient,
} from '@sluice/protocol';
import { Counter, type Logger, type Registry, type ServicesConfig } from '@sluice/service-kit';
import { buildApp } from './app.js';
import { Authenticator } from './auth.js';
import { JobRunner } from './jobs/job-runner.js';
import { PersistenceKeyStore } from './key-store.js';
import { PushChannel } from './push-channel.js';
import { PushItemSchema } from './schemas.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';
import type { GatewaySettings } from './settings.js';
import { UpstreamCaller } from './upstream-caller.js';
import { closeUpstreams, connectUpstreams } from './upstream-clients.js';
import { createValidators } from './validation.js';

export interface GatewayOptions {
  settings: GatewaySettings;
  services: ServicesConfig;
  logger: Logger;
  registry: Registry;
  /** The bootstrap key (all scopes): $SLUICE_API_KEY in main. */
  bootstrapKey?: string;
  /** Whether the service itself is serving (false while shutting down). */
  isReady?: () => boolean;
}

export interface Gateway {
  app: Awaited<ReturnType<typeof buildApp>>;
  /** Stops local jobs, stops taking requests, waits (bounded) for pushed batches' acknowledgements. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { settings, services, logger, registry } = options;
  const upstreams = connectUpstreams(services);
  const caller = new UpstreamCaller(registry, settings.upstream_timeout_milliseconds);
  // Pushed items enter the pipeline where collected ones do (pipeline.ts), through the same fan-out.
  const entry = connect('PipelineStage', services[nextHop('gateway')].grpc_address);
  const sender = createBatchSender({
    connect: () => entry.Process({ deadline: deadlineIn(settings.push_stream_deadline_seconds * 1000) }),
    maxInFlightItems: settings.push_max_in_flight_items,
    streams: settings.push_downstream_streams,
    onEvent: (event) => {
      logger.warn({ event }, `push stream: ${event.kind}`);
      push.onStreamEvent(event);
    },
  });
  observeDownstreamWindow(registry, 'gateway', () => sender.inFlightItems);
  const push = new PushChannel(sender, settings.push_max_in_flight_items);
  const authenticator = new Authenticator({
    bootstrapKey: options.bootstrapKey,
    configuredKeys: settings.api_keys,
    store: upstreams.admin ? new PersistenceKeyStore(upstreams.admin, caller) : undefined,
    cacheSeconds: settings.key_cache_seconds,
  });
  const jobs = upstreams.admin
    ? new JobRunner({
        admin: upstreams.admin,
        collector: upstreams.collector,
        push,
        caller,
        logger,
        importDirectories: settings.import_directories,
        importBatchSize: settings.import_batch_size,
        importMaxInFlightBatches: settings.import_max_in_flight_batches,
        cancelAckWaitMs: settings.push_ack_wait_milliseconds,
        jobTimeoutSeconds: settings.job_timeout_seconds,
        progressIntervalMs: settings.job_progress_interval_milliseconds,
        heartbeatMs: settings.job_heartbeat_seconds * 1000,
        staleAfterMs: settings.job_stale_after_seconds * 1000,
        validateItem: createValidators([]).compileExact(PushItemSchema),
      })
    : undefined;
  jobs?.startSweeping();

  const sharedState =
    settings.rate_limit_scope === 'shared' ? connect('SharedState', services.persistence.grpc_address) : undefined;
  const app = await buildApp({
    settings,
    logger,
    registry,
    authenticator,
    upstreams,
    push,
    jobs,
    services,
    rateLimits: sharedState ? sharedRateLimits(settings, sharedState, logger, registry) : undefined,
    readiness: async () => {
      const persistence = await checkHealth(services.persistence.grpc_address, '', 1000);
      return { ready: (options.isReady?.() ?? true) && persistence === 'SERVING', detail: { persistence } };
    },
  });

  return {
    app,
    async drain() {
      await jobs?.stopAll();
      await app.close();
      await Promise.race([push.close(), delay(10_000)]);
    },
    async close() {
      sender.abort('gateway stopped');
      closeUpstreams(upstreams);
      sharedState?.close();
      entry.close();
    },
  };
}

/** Per-key buckets shared with the other gateway replicas through persistence (shared-rate-limiter.ts). */
function sharedRateLimits(
  settings: GatewaySettings,
  client: SharedStateClient,
  logger: Logger,
  registry: Registry,
): SharedRateLimiter {
  const fallbacks = new Counter({
    name: 'sluice_gateway_rate_limit_fallbacks_total',
    help: 'Rate-limit decisions made by this replica alone because the shared buckets (persistence) were unreachable',
    registers: [registry],
  });
  return new SharedRateLimiter({
    client,
    burstSeconds: settings.rate_limit_burst_seconds,
    reserveMilliseconds: settings.rate_limit_reserve_milliseconds,
    timeoutMs: settings.shared_state_timeout_milliseconds,
    retryAfterMs: settings.shared_state_retry_seconds * 1000,
    logger,
    onFallback: () => fallbacks.inc(),
  });
}
