// The persistence stage: the pipeline's sink, on the one stage contract (defineStage's `write` form). It owns the
// database, acknowledges batches after commit, and serves reads, admin stores, dead letters and SharedState as
// extra gRPC services beside PipelineStage.
import { defineStage, type ServiceContext, type SinkLogic } from '@sluice/protocol';
import { openPersistence, type Persistence, type PersistenceOptions } from './persistence.js';
import { persistenceSettingsSchema, type PersistenceSettings } from './settings.js';

/** The persistence stage; main.ts runs it. */
export const persistenceStage = defineStage({
  name: 'persistence',
  settings: persistenceSettingsSchema,
  setup: async (ctx) => persistenceSink(await openPersistence(persistenceOptions(ctx))),
});

/** What openPersistence needs from a stage's context (tests add env and exactSearch). */
export function persistenceOptions(ctx: ServiceContext<PersistenceSettings>): PersistenceOptions {
  return { settings: ctx.config.settings, logger: ctx.logger, registry: ctx.registry };
}

/** The sink's logic over the opened parts: the contract drains the stream first, then the write queue flushes. */
export function persistenceSink(persistence: Persistence): SinkLogic {
  return {
    write: (batch) => persistence.write(batch),
    grpc: persistence.services,
    describe: persistence.describe,
    drain: () => persistence.flush(),
    close: () => persistence.close(),
  };
}
