// The passages of long items (docs/persistence.md): one row per chunk the transformer cut and inference embedded,
// with its text (search returns the best passage of each hit) and its vector. Like embeddings, `values` is a
// real[] everywhere and `vec` a pgvector column generated from it where the server has pgvector.
import { sql, type Kysely } from 'kysely';
import { vectorAvailable } from './0002-vector.js';

/** Adds item_chunks.vec when pgvector is there (idempotent: also run when pgvector is installed later). */
export async function addChunkVectorColumn(db: Kysely<unknown>): Promise<void> {
  if (!(await vectorAvailable(db))) return;
  await sql`CREATE EXTENSION IF NOT EXISTS vector`.execute(db);
  await sql`ALTER TABLE item_chunks ADD COLUMN IF NOT EXISTS vec vector GENERATED ALWAYS AS (values::vector) STORED`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE item_chunks (
      item_id text NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      chunk_index integer NOT NULL,
      text text NOT NULL,
      token_count integer NOT NULL,
      model text NOT NULL DEFAULT '',
      dims integer NOT NULL,
      norm double precision NOT NULL,
      values real[] NOT NULL,
      PRIMARY KEY (item_id, chunk_index)
    )`.execute(db);
  await sql`CREATE INDEX item_chunks_model_idx ON item_chunks (model, dims)`.execute(db);
  await addChunkVectorColumn(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS item_chunks`.execute(db);
}
