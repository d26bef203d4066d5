// Applies the schema migrations (kysely Migrator with in-code migrations).
import type { Kysely } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrationProvider } from './migrations/index.js';

export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'sluice_migrations',
    migrationLockTableName: 'sluice_migrations_lock',
  });
}

function check(result: MigrationResultSet, what: string): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const error = result.error instanceof Error ? result.error : new Error(String(result.error));
    throw new Error(`${what} failed${failed ? ` at ${failed.migrationName}` : ''}: ${error.message}`, { cause: error });
  }
  return result;
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result = check(await createMigrator(db).migrateToLatest(), 'migration');
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Reverts the last applied migration (or all with `all`); returns the names reverted. */
export async function migrateDown(db: Kysely<any>, all = false): Promise<string[]> {
  const migrator = createMigrator(db);
  const reverted: string[] = [];
  for (;;) {
    const result = check(await migrator.migrateDown(), 'migration down');
    const names = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    reverted.push(...names);
    if (!all || names.length === 0) return reverted;
  }
}

export async function migrationStatus(db: Kysely<any>): Promise<Array<{ name: string; executedAt?: Date }>> {
  const list = await createMigrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}
