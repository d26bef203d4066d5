// Opens the persistence service's parts (database, migrations, writer, reader, stores, gRPC handlers) so that
// the stage (service.ts), the tests and the benchmark build exactly the same thing. The PipelineStage service
// itself (acknowledgement, flow control, drain) comes from the stage contract, defineStage.
import { sluiceProto, type Ack, type ItemBatch__Output, type ServiceRegistration } from '@sluice/protocol';
import type { Logger, Registry } from '@sluice/service-kit';
import type { Kysely } from 'kysely';
import { adminHandlers } from './admin-handlers.js';
import { ApiKeyStore } from './api-key-store.js';
import { DeadLetterStore } from './dead-letter-store.js';
import { openDatabase, resolveDatabaseUrl, type DatabaseHandle } from './database.js';
import { ItemReader } from './item-reader.js';
import { ItemWriter } from './item-writer.js';
import { JobStore } from './job-store.js';
import { PersistenceMetrics } from './metrics.js';
import { up as upVector, vectorAvailable } from './migrations/0002-vector.js';
import { addChunkVectorColumn } from './migrations/0005-item-chunks.js';
import { migrateToLatest } from './migrator.js';
import { persistenceHandlers } from './persistence-handlers.js';
import type { PersistenceSettings } from './settings.js';
import { sharedStateHandlers } from './shared-state-handlers.js';
import { SharedStateStore } from './shared-state-store.js';
import { SourceDefinitionStore } from './source-definition-store.js';
import { SourceStateStore } from './source-state-store.js';
import { VectorIndex, hasVectorColumn } from './vector-index.js';
import { WriteQueue } from './write-queue.js';

export interface Persistence {
  database: DatabaseHandle;
  writer: ItemWriter;
  queue: WriteQueue;
  reader: ItemReader;
  sources: SourceStateStore;
  keys: ApiKeyStore;
  jobs: JobStore;
  definitions: SourceDefinitionStore;
  deadLetters: DeadLetterStore;
  /** The sink's write: queues the batch into a transaction group; resolves with its Ack after the commit. */
  write(batch: ItemBatch__Output): Promise<Ack>;
  /** The gRPC services served beside PipelineStage: reads, admin stores, SharedState. */
  services: ServiceRegistration[];
  describe(): Record<string, unknown>;
  /** Waits until every queued batch is committed (after the stage stopped reading). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface PersistenceOptions {
  settings: PersistenceSettings;
  logger: Logger;
  registry: Registry;
  env?: NodeJS.ProcessEnv;
  /** Force the exact-scan search even where pgvector exists (tests of the fallback). */
  exactSearch?: boolean;
}

export async function openPersistence(options: PersistenceOptions): Promise<Persistence> {
  const { settings, logger, registry } = options;
  const url = resolveDatabaseUrl(settings.database_url, options.env ?? process.env);
  const database = await openDatabase({
    url,
    dataDir: settings.data_dir,
    poolSize: settings.pool_size,
    statementTimeoutSeconds: settings.statement_timeout_seconds,
  });
  try {
    const metrics = new PersistenceMetrics(registry);
    if (database.pool) metrics.observePool(registry, database.pool, settings.pool_size);
    if (settings.migrate_on_start) {
      const applied = await migrateToLatest(database.db);
      if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
      // pgvector installed on the server after 0002 ran: add the vector column now (0002's up is idempotent).
      if (
        !applied.includes('0002-vector') &&
        !(await hasVectorColumn(database.db)) &&
        (await vectorAvailable(database.db as Kysely<any>))
      ) {
        await upVector(database.db as Kysely<any>);
        await addChunkVectorColumn(database.db as Kysely<any>);
        logger.info('pgvector found: added embeddings.vec and item_chunks.vec');
      }
    }
    const vector =
      !options.exactSearch && (await hasVectorColumn(database.db))
        ? new VectorIndex(database.db, settings.search_ef)
        : undefined;
    if (vector) await vector.ensureExisting();
    const writer = new ItemWriter({
      db: database.db,
      metrics,
      logger,
      retries: settings.write_retries,
    });
    // PGlite has one connection: concurrent writers would only queue behind each other.
    const concurrency =
      database.kind === 'pglite' ? 1 : Math.max(1, Math.min(settings.max_concurrent_writes, settings.pool_size - 1));
    const queue = new WriteQueue({
      maxItems: settings.max_transaction_items,
      maxDelayMs: settings.max_transaction_delay_milliseconds,
      concurrency,
      write: (batches) => writer.writeGroup(batches),
    });
    const reader = new ItemReader({ db: database.db, vectorIndex: vector });
    const sources = new SourceStateStore(database.db);
    const keys = new ApiKeyStore(database.db);
    const jobs = new JobStore(database.db);
    const definitions = new SourceDefinitionStore(database.db);
    const deadLetters = new DeadLetterStore(database.db);
    const context = { logger, metrics };
    const proto = sluiceProto();
    const services: ServiceRegistration[] = [
      {
        name: 'sluice.v1.Persistence',
        definition: proto.Persistence.service,
        implementation: persistenceHandlers(context, reader, sources),
      },
      {
        name: 'sluice.v1.PersistenceAdmin',
        definition: proto.PersistenceAdmin.service,
        implementation: adminHandlers(context, { keys, jobs, definitions, deadLetters }),
      },
      {
        name: 'sluice.v1.SharedState',
        definition: proto.SharedState.service,
        implementation: sharedStateHandlers(context, new SharedStateStore(database.db)),
      },
    ];
    logger.info(
      {
        database: database.kind,
        location: database.location,
        search: reader.searchMethod,
        write_method: settings.write_method,
        writers: concurrency,
      },
      'database ready',
    );
    return {
      database,
      writer,
      queue,
      reader,
      sources,
      keys,
      jobs,
      definitions,
      deadLetters,
      write: (batch) => queue.submit(batch),
      services,
      describe: () => ({
        database: database.kind,
        search: reader.searchMethod,
        pending_batches: queue.pendingBatches,
        active_writes: queue.activeWrites,
      }),
      flush: () => queue.flush(),
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
