// Migrations in code (no folder scanning), so they work the same from source, bundles and tests.
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as initial from './0001-initial.js';
import * as vector from './0002-vector.js';
import * as deadLetterReplays from './0003-dead-letter-replays.js';
import * as sharedState from './0004-shared-state.js';
import * as itemChunks from './0005-item-chunks.js';

export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-vector': vector,
  '0003-dead-letter-replays': deadLetterReplays,
  '0004-shared-state': sharedState,
  '0005-item-chunks': itemChunks,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
