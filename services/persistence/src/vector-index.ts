// pgvector search: embeddings.vec is generated from `values` (migration 0002); HNSW indexes are partial
// expression indexes, one per dimension count (`vec::vector(384) WHERE dims = 384`), because a vector column
// of unknown dimension cannot be indexed and models differ in dimensions. Indexes are created the first time a
// dimension count is searched (and at start-up for the counts already stored).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/** True when migration 0002 found pgvector and added embeddings.vec. */
export async function hasVectorColumn(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'embeddings' AND column_name = 'vec' AND table_schema = current_schema()) AS present`.execute(
    db,
  );
  return rows[0]?.present === true;
}

export class VectorIndex {
  readonly #db: Kysely<Database>;
  readonly #ef: number;
  readonly #ready = new Map<number, Promise<void>>();

  constructor(db: Kysely<Database>, ef = 100) {
    this.#db = db;
    this.#ef = ef;
  }

  /** Creates the HNSW index for every dimension count already stored. */
  async ensureExisting(): Promise<number[]> {
    const { rows } = await sql<{ dims: number }>`SELECT DISTINCT dims FROM embeddings`.execute(this.#db);
    for (const { dims } of rows) await this.ensure(dims);
    return rows.map((r) => r.dims);
  }

  ensure(dims: number): Promise<void> {
    if (!Number.isInteger(dims) || dims <= 0 || dims > 16000)
      return Promise.reject(new Error(`bad vector dimension ${dims}`));
    let ready = this.#ready.get(dims);
    if (!ready) {
      const name = `embeddings_vec_hnsw_${dims}`;
      ready =
        sql`CREATE INDEX IF NOT EXISTS ${sql.id(name)} ON embeddings USING hnsw ((vec::vector(${sql.lit(dims)})) vector_cosine_ops) WHERE dims = ${sql.lit(dims)}`
          .execute(this.#db)
          .then(() => undefined);
      ready.catch(() => this.#ready.delete(dims));
      this.#ready.set(dims, ready);
    }
    return ready;
  }

  /** Nearest neighbours by cosine distance through the HNSW index; `where` must include `e.dims = <dims>`. */
  async search(
    query: readonly number[],
    limit: number,
    where: RawBuilder<unknown>,
  ): Promise<Array<{ item_id: string; similarity: number }>> {
    const dims = query.length;
    await this.ensure(dims);
    const literal = `[${query.join(',')}]`;
    const type = sql.raw(`vector(${dims})`);
    return this.#db.transaction().execute(async (trx) => {
      // Filters are applied after the index scan; iterative scans keep going until `limit` rows pass them.
      await sql`SELECT set_config('hnsw.ef_search', ${String(Math.max(this.#ef, limit))}, true)`.execute(trx);
      await sql`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)`.execute(trx);
      const { rows } = await sql<{ item_id: string; similarity: number }>`
        SELECT e.item_id, 1 - ((e.vec::${type}) <=> ${literal}::${type}) AS similarity
        FROM embeddings e JOIN items i ON i.id = e.item_id ${where}
        ORDER BY (e.vec::${type}) <=> ${literal}::${type} LIMIT ${limit}`.execute(trx);
      // relaxed_order may return rows slightly out of order: sort the final page exactly.
      return rows
        .map((r) => ({ item_id: r.item_id, similarity: Number(r.similarity) }))
        .sort((a, b) => b.similarity - a.similarity);
    });
  }
}
