// The persistence service: owns the database; acknowledges pipeline batches after commit; serves reads,
// source state and admin data over gRPC. Run: node --import tsx services/persistence/src/main.ts
import { main } from '@sluice/protocol';
import { createPersistence } from './persistence.js';
import { persistenceSettingsSchema } from './settings.js';

main('persistence', persistenceSettingsSchema, async (ctx) => {
  const persistence = await createPersistence({
    settings: ctx.config.settings,
    logger: ctx.logger,
    registry: ctx.registry,
  });
  return {
    grpc: persistence.services,
    describe: persistence.describe,
    drain: () => persistence.drain(),
    close: () => persistence.close(),
  };
});
