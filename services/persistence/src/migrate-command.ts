// Schema migrations by hand: node --import tsx services/persistence/src/migrate-command.ts <up|down|status> [--all]
// Uses the same database as the service: DATABASE_URL, else persistence.database_url, else the embedded
// PGlite folder (which must not be open in a running persistence service: the lock file says so).
import { loadServiceConfig } from '@sluice/service-kit';
import { openDatabase, resolveDatabaseUrl } from './database.js';
import { migrateDown, migrateToLatest, migrationStatus } from './migrator.js';
import { persistenceSettingsSchema } from './settings.js';

const USAGE =
  'usage: migrate-command.ts <up|down|status> [--all]\n  up      apply every pending migration\n  down    revert the last migration (--all: every one)\n  status  list migrations and when they were applied';

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (!command || !['up', 'down', 'status'].includes(command) || rest.some((a) => a !== '--all')) {
    console.error(USAGE);
    return 2;
  }
  const { settings } = loadServiceConfig('persistence', persistenceSettingsSchema);
  const url = resolveDatabaseUrl(settings.database_url);
  const handle = await openDatabase({
    url,
    dataDir: settings.data_dir,
    poolSize: 2,
    statementTimeoutSeconds: settings.statement_timeout_seconds,
  });
  try {
    console.log(`database: ${handle.kind} ${handle.location}`);
    if (command === 'up') {
      const applied = await migrateToLatest(handle.db);
      console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'already up to date');
    } else if (command === 'down') {
      const reverted = await migrateDown(handle.db, rest.includes('--all'));
      console.log(reverted.length > 0 ? `reverted: ${reverted.join(', ')}` : 'nothing to revert');
    } else {
      for (const m of await migrationStatus(handle.db))
        console.log(`${m.executedAt ? 'applied ' + m.executedAt.toISOString() : 'pending'.padEnd(32)}  ${m.name}`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`migrate failed: ${error.message}`);
    process.exit(1);
  },
);
