// Wiring of the collector service: sources → batches on one PipelineStage stream to the transformer; acks
// advance checkpoints. See docs/sources.md.
import { delay } from '@sluice/common';
import os from 'node:os';
import {
  connect,
  createBatchSender,
  deadlineIn,
  nextHop,
  observeDownstreamWindow,
  sluiceProto,
  type ServiceContext,
  type ServiceParts,
} from '@sluice/protocol';
import { Collector } from './collector.js';
import { collectorHandlers } from './grpc-service.js';
import { HostBreakers } from './http/host-breakers.js';
import { HttpClient } from './http/http-client.js';
import { CollectorMetrics } from './metrics.js';
import { Scheduler } from './scheduler.js';
import type { CollectorSettings } from './settings.js';
import { SourceDefinitionsSync } from './source-definitions.js';
import { preloadCollectors } from './sources/registry.js';
import { GrpcSourceStateStore, MemorySourceStateStore, type SourceStateStore } from './source-state-store.js';

/** Builds the running collector from its service context (used by main.ts and by tests via runService). */
export async function buildCollectorService(ctx: ServiceContext<CollectorSettings>): Promise<ServiceParts> {
  const settings = ctx.config.settings;
  const metrics = new CollectorMetrics(ctx.registry);
  const store: SourceStateStore =
    settings.state_store === 'memory'
      ? new MemorySourceStateStore()
      : new GrpcSourceStateStore(
          ctx.config.services.persistence.grpc_address,
          settings.persistence_timeout_milliseconds,
        );
  const downstream = connect('PipelineStage', ctx.config.services[nextHop('collector')].grpc_address);
  const sender = createBatchSender({
    streams: settings.downstream_streams,
    connect: () => downstream.Process({ deadline: deadlineIn(settings.stream_deadline_seconds * 1000) }),
    maxInFlightItems: settings.max_in_flight_items,
    priorityAgingMilliseconds: settings.priority_aging_milliseconds,
    onEvent: (event) => ctx.logger.warn({ event }, 'downstream stream event'),
  });
  observeDownstreamWindow(ctx.registry, 'collector', () => sender.inFlightItems);
  const breakers = new HostBreakers(settings.breaker, ctx.logger, metrics);
  const http = new HttpClient(settings.http, breakers, ctx.logger, metrics);
  await preloadCollectors(settings.sources.map((s) => s.kind));
  const collector = new Collector({ settings, store, sender, http, logger: ctx.logger, metrics });
  const owner = settings.replica_id || `${os.hostname()}-${process.pid}`;
  const definitions =
    settings.state_store === 'persistence' && settings.source_definitions_poll_seconds > 0
      ? new SourceDefinitionsSync(
          ctx.config.services.persistence.grpc_address,
          collector,
          settings.sources,
          ctx.logger,
          {
            intervalMs: settings.source_definitions_poll_seconds * 1000,
            timeoutMs: settings.persistence_timeout_milliseconds,
          },
        )
      : undefined;
  const scheduler = settings.schedule_enabled
    ? new Scheduler(collector, store, settings, owner, ctx.logger, metrics)
    : undefined;
  const service = collectorHandlers({
    collector,
    scheduler,
    logger: ctx.logger,
    refreshSources: definitions ? () => definitions.refresh() : undefined,
  });
  return {
    grpc: [{ name: 'sluice.v1.Collector', definition: sluiceProto().Collector.service, implementation: service }],
    describe: () => ({
      sources: collector.sources.length,
      running: collector.runningSourceIds.length,
      schedule_enabled: settings.schedule_enabled,
      replica_id: owner,
    }),
    started: async () => {
      if (definitions) {
        await definitions.refresh();
        definitions.start();
      }
      scheduler?.start();
    },
    drain: async () => {
      await scheduler?.stop();
      definitions?.stop();
      // Runs stop reading and wait for their acknowledgements, but not forever when downstream is gone.
      const bounded = (promise: Promise<unknown>, ms: number) => Promise.race([promise, delay(ms)]);
      await bounded(collector.stop(), 10_000);
      await bounded(sender.close(), 5_000);
    },
    close: async () => {
      sender.abort('shutdown');
      breakers.shutdown();
      await http.close();
      store.close();
      downstream.close();
    },
  };
}
