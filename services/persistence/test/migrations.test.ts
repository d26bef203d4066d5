// Schema migrations up and down on both databases, and the embedded database's single-process lock.
import { fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { repoRoot } from '@sluice/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../src/data-dir-lock.js';
import { openDatabase, type DatabaseHandle } from '../src/database.js';
import { migrateDown, migrateToLatest, migrationStatus } from '../src/migrator.js';
import { DATABASE_KINDS, createTarget, type TestTarget } from './helpers.js';

const TABLES = [
  'items',
  'classifications',
  'embeddings',
  'scores',
  'dead_letters',
  'sources',
  'source_errors',
  'source_definitions',
  'api_keys',
  'jobs',
  'shared_log_heads',
  'shared_log_entries',
  'rate_buckets',
  'item_chunks',
];

async function tables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`.execute(
    db,
  );
  return rows.map((r) => r.name);
}

for (const kind of DATABASE_KINDS) {
  describe(`migrations on ${kind}`, () => {
    let target: TestTarget;
    let handle: DatabaseHandle;
    beforeAll(async () => {
      target = await createTarget(kind, {}, { bare: true });
      handle = await openDatabase({ url: target.settings.database_url, dataDir: target.settings.data_dir });
    });
    afterAll(async () => {
      await handle?.close();
      await target?.cleanup();
    });

    it('applies every migration, reverts them all, and applies them again', async () => {
      expect(await migrateToLatest(handle.db)).toEqual([
        '0001-initial',
        '0002-vector',
        '0003-dead-letter-replays',
        '0004-shared-state',
        '0005-item-chunks',
      ]);
      expect(await tables(handle.db)).toEqual(expect.arrayContaining(TABLES));
      expect((await migrationStatus(handle.db)).every((m) => m.executedAt instanceof Date)).toBe(true);
      // pgvector: PGlite has it, the PostgreSQL 15 server here does not.
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'embeddings' AND column_name = 'vec'`.execute(
        handle.db,
      );
      expect(rows[0]!.n).toBe(kind === 'pglite' ? 1 : 0);
      const chunkVectors = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'item_chunks' AND column_name = 'vec'`.execute(
        handle.db,
      );
      expect(chunkVectors.rows[0]!.n).toBe(kind === 'pglite' ? 1 : 0);

      expect(await migrateDown(handle.db)).toEqual(['0005-item-chunks']);
      expect(await migrateDown(handle.db, true)).toEqual([
        '0004-shared-state',
        '0003-dead-letter-replays',
        '0002-vector',
        '0001-initial',
      ]);
      const left = await tables(handle.db);
      for (const table of TABLES) expect(left).not.toContain(table);
      expect((await migrationStatus(handle.db)).some((m) => m.executedAt)).toBe(false);

      expect(await migrateToLatest(handle.db)).toEqual([
        '0001-initial',
        '0002-vector',
        '0003-dead-letter-replays',
        '0004-shared-state',
        '0005-item-chunks',
      ]);
      expect(await migrateToLatest(handle.db)).toEqual([]);
    });
  });
}

describe('embedded database lock', () => {
  let target: TestTarget;
  beforeAll(async () => {
    target = await createTarget('pglite');
  });
  afterAll(async () => {
    await target?.cleanup();
  });

  it('refuses a second opener in this process and in another process, and releases the lock on close', async () => {
    const dataDir = target.dataDir!;
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirLockedError);

    // A real second process: the persistence service must exit with a clear message, not open the folder.
    const child = fork(path.join(repoRoot, 'services/persistence/src/main.ts'), [], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        DATABASE_URL: '',
        SLUICE__PERSISTENCE__DATA_DIR: dataDir,
        SLUICE__SERVICES__PERSISTENCE__GRPC_ADDRESS: '127.0.0.1:0',
        SLUICE__SERVICES__PERSISTENCE__HTTP_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('is in use by process');
    expect(output).toContain(String(process.pid));

    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = target.dataDir!;
    // A pid that cannot be running: beyond the kernel's pid range.
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 30, host: (await import('node:os')).hostname() }));
    const handle = await openDatabase({ dataDir });
    expect(JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(process.pid);
    await handle.close();
  });
});
