// pgvector search: embeddings.vec and item_chunks.vec are generated from `values` (migrations 0002, 0005); HNSW
// indexes are partial expression indexes, one per table and dimension count (`vec::vector(384) WHERE dims = 384`),
// because a vector column of unknown dimension cannot be indexed and models differ in dimensions. Indexes are
// created the first time a dimension count is searched (and at start-up for the counts already stored).
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

/** The tables with a vector column: items' own embeddings and long items' passages. */
export type VectorTable = 'embeddings' | 'item_chunks';

export class VectorIndex {
  readonly #db: Kysely<Database>;
  readonly #ef: number;
  readonly #ready = new Map<string, Promise<void>>();

  constructor(db: Kysely<Database>, ef = 100) {
    this.#db = db;
    this.#ef = ef;
  }

  /** Creates the HNSW index for every dimension count already stored. */
  async ensureExisting(): Promise<number[]> {
    const all = new Set<number>();
    for (const table of ['embeddings', 'item_chunks'] as const) {
      const { rows } = await sql<{ dims: number }>`SELECT DISTINCT dims FROM ${sql.table(table)}`.execute(this.#db);
      for (const { dims } of rows) {
        await this.ensure(dims, table);
        all.add(dims);
      }
    }
    return [...all];
  }

  ensure(dims: number, table: VectorTable = 'embeddings'): Promise<void> {
    if (!Number.isInteger(dims) || dims <= 0 || dims > 16000)
      return Promise.reject(new Error(`bad vector dimension ${dims}`));
    const name = `${table}_vec_hnsw_${dims}`;
    let ready = this.#ready.get(name);
    if (!ready) {
      ready =
        sql`CREATE INDEX IF NOT EXISTS ${sql.id(name)} ON ${sql.table(table)} USING hnsw ((vec::vector(${sql.lit(dims)})) vector_cosine_ops) WHERE dims = ${sql.lit(dims)}`
          .execute(this.#db)
          .then(() => undefined);
      ready.catch(() => this.#ready.delete(name));
      this.#ready.set(name, ready);
    }
    return ready;
  }

  /**
   * Nearest rows of `table` (alias e, joined to items i) by cosine distance through the HNSW index; `where` must
   * include `e.dims = <dims>`. Rows of item_chunks carry their chunk_index.
   */
  async search(
    query: readonly number[],
    limit: number,
    where: RawBuilder<unknown>,
    table: VectorTable = 'embeddings',
  ): Promise<Array<{ item_id: string; similarity: number; chunk_index?: number }>> {
    const dims = query.length;
    await this.ensure(dims, table);
    const literal = `[${query.join(',')}]`;
    const type = sql.raw(`vector(${dims})`);
    const chunkColumn = table === 'item_chunks' ? sql`, e.chunk_index` : sql``;
    return this.#db.transaction().execute(async (trx) => {
      // Filters are applied after the index scan; iterative scans keep going until `limit` rows pass them.
      await sql`SELECT set_config('hnsw.ef_search', ${String(Math.max(this.#ef, limit))}, true)`.execute(trx);
      await sql`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)`.execute(trx);
      const { rows } = await sql<{ item_id: string; similarity: number; chunk_index?: number }>`
        SELECT e.item_id${chunkColumn}, 1 - ((e.vec::${type}) <=> ${literal}::${type}) AS similarity
        FROM ${sql.table(table)} e JOIN items i ON i.id = e.item_id ${where}
        ORDER BY (e.vec::${type}) <=> ${literal}::${type} LIMIT ${limit}`.execute(trx);
      // relaxed_order may return rows slightly out of order: sort the final page exactly.
      return rows.map((r) => ({ ...r, similarity: Number(r.similarity) })).sort((a, b) => b.similarity - a.similarity);
    });
  }
}
