// pgvector where the server has it (PGlite always does, via @electric-sql/pglite-pgvector; the compose image
// does; Debian's PostgreSQL 15 here does not). The `vec` column is generated from `values`, so the write path is
// the same either way; HNSW indexes are per dimension count and created on first use (see vector-index.ts).
import { sql, type Kysely } from 'kysely';

export async function vectorAvailable(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{
    available: boolean;
  }>`SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available`.execute(db);
  return rows[0]?.available === true;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(await vectorAvailable(db))) return;
  await sql`CREATE EXTENSION IF NOT EXISTS vector`.execute(db);
  await sql`ALTER TABLE embeddings ADD COLUMN IF NOT EXISTS vec vector GENERATED ALWAYS AS (values::vector) STORED`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE embeddings DROP COLUMN IF EXISTS vec`.execute(db);
  await sql`DROP EXTENSION IF EXISTS vector`.execute(db);
}
