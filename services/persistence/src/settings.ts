// The `persistence:` section of config/sluice.yaml. Every key has a default so an absent section works.
import { z } from '@sluice/service-kit';

export const persistenceSettingsSchema = z.strictObject({
  /** PostgreSQL server URL; empty means the embedded PGlite in data_dir. The DATABASE_URL environment variable wins. */
  database_url: z.string().default(''),
  /** Folder of the embedded database (PGlite); relative paths are resolved from the repository root. Empty: <repo>/.data/pglite. */
  data_dir: z.string().default(''),
  /** Connections in the pg pool (server only; PGlite has exactly one). */
  pool_size: z.number().int().min(2).max(200).default(10),
  /** Transactions written at the same time (server only; at most pool_size - 1, leaving one for reads). */
  max_concurrent_writes: z.number().int().min(1).max(64).default(3),
  /** Apply pending migrations at start-up. */
  migrate_on_start: z.boolean().default(true),
  /** A transaction holds at most this many items (whole batches: one larger batch is its own transaction). */
  max_transaction_items: z.number().int().min(1).max(100_000).default(2000),
  /** How long a batch may wait for others to share its transaction. */
  max_transaction_delay_milliseconds: z.number().int().min(0).max(60_000).default(20),
  /** "insert": multi-row INSERT … SELECT FROM unnest(…) ON CONFLICT upserts. */
  write_method: z.enum(['insert']).default('insert'),
  /** Server-side statement timeout for every query (server only). */
  statement_timeout_seconds: z.number().min(1).max(3600).default(60),
  /** Candidates HNSW looks at per search (pgvector hnsw.ef_search); higher is more exact and slower. */
  search_ef: z.number().int().min(10).max(1000).default(100),
  /** Transient write failures (connection lost, deadlock) retried in place before the batch is failed back to the sender. */
  write_retries: z.number().int().min(0).max(10).default(3),
});

export type PersistenceSettings = z.infer<typeof persistenceSettingsSchema>;
