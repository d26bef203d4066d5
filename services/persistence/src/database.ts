// Opens the database: a PostgreSQL server through a pg pool when a URL is given, else the embedded PGlite
// in a data folder that this process locks for itself. Everything above this file sees one Kysely<Database>.
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '@sluice/service-kit';
import { lockDataDir } from './data-dir-lock.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** PostgreSQL URL; empty or undefined: embedded PGlite in dataDir. */
  url?: string;
  dataDir?: string;
  poolSize?: number;
  statementTimeoutSeconds?: number;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, without credentials (for logs and /readyz). */
  location: string;
  /** The pg pool (server only): COPY and pool metrics use it. */
  pool?: pg.Pool;
  /** The PGlite instance (embedded only); use it only inside db.connection() so the kysely mutex covers it. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = path.join(repoRoot, '.data', 'pglite');

/** The database URL to use: DATABASE_URL wins over the configured one. */
export function resolveDatabaseUrl(configured: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || configured.trim();
}

export function resolveDataDir(configured: string | undefined): string {
  if (!configured) return DEFAULT_DATA_DIR;
  return path.isAbsolute(configured) ? configured : path.resolve(repoRoot, configured);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

// bigint (count(*), bigserial) as a JS number: our counts stay far below 2^53.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      types: pgTypes,
      options: `-c statement_timeout=${Math.round((options.statementTimeoutSeconds ?? 60) * 1000)}`,
      application_name: 'sluice-persistence',
    });
    // A client losing its connection (PostgreSQL restarted, pg_terminate_backend) must not crash the process.
    // The pool handles idle clients ('error' on the pool); a checked-out client emits 'error' on itself, where
    // nobody listens while kysely holds it: that was an uncaught exception. The query in flight still fails
    // (and is retried by the write path or the caller), the broken client is dropped on release, and the
    // next query opens a new connection.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    } catch (error) {
      await db.destroy();
      throw new Error(`cannot connect to PostgreSQL at ${redact(options.url)}: ${(error as Error).message}`);
    }
    return { db, kind: 'postgres', location: redact(options.url), pool, close: () => db.destroy() };
  }

  const dataDir = resolveDataDir(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir, extensions: { vector } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      location: dataDir,
      pglite,
      async close() {
        try {
          await db.destroy();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
