// @sluice/persistence: the persistence service's building blocks, for the CLI, tests and benchmarks.
export { openPersistence } from './persistence.js';
export { persistenceOptions, persistenceSink, persistenceStage } from './service.js';
export type { Persistence, PersistenceOptions } from './persistence.js';
export { persistenceSettingsSchema } from './settings.js';
export type { PersistenceSettings } from './settings.js';
export { DEFAULT_DATA_DIR, openDatabase, resolveDataDir, resolveDatabaseUrl } from './database.js';
export type { DatabaseHandle, DatabaseKind, DatabaseOptions } from './database.js';
export { DataDirLockedError, lockDataDir } from './data-dir-lock.js';
export { migrateDown, migrateToLatest, migrationStatus } from './migrator.js';
export { hashApiKey } from './api-key-store.js';
export type { Database } from './schema.js';
export { prepareItem } from './item-rows.js';
export type { ClassificationRow, EmbeddingRow, ItemRow, PreparedItem, ScoreRow } from './item-rows.js';
