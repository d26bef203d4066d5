// Reads for the gateway: filtered, keyset-paginated lists, single items, counts and nearest-neighbour search.
// One statement per page: the page's item rows, then each row's classifications (aggregated as JSON), score and
// (on request) embedding, joined by primary key — one round trip, no N+1.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  CountItemsResponse,
  ListItemsRequest__Output,
  ListItemsResponse,
  SearchItemsRequest__Output,
  SearchItemsResponse,
  StoredItem,
} from '@sluice/protocol';
import { decodeCursor, encodeCursor, type ItemSort } from './cursor.js';
import { invalid } from './errors.js';
import { filterConditions, whereClause } from './item-filters.js';
import type { Database } from './schema.js';
import { candidateItems, rankHits, scoreCandidates } from './search-queries.js';
import { ITEM_COLUMNS, toStoredItem, type ItemReadRow } from './stored-item.js';
import { epochMs } from './timestamps.js';
import type { VectorIndex } from './vector-index.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

const SORTS: Record<string, ItemSort> = {
  SORT_FIELD_UNSPECIFIED: 'collected',
  SORT_FIELD_COLLECTED: 'collected',
  SORT_FIELD_PUBLISHED: 'published',
  SORT_FIELD_SCORE: 'score',
};

const SORT_COLUMN: Record<ItemSort, string> = { collected: 'collected_at', published: 'published_at', score: 'score' };

export interface ItemReaderOptions {
  db: Kysely<Database>;
  /** Present when pgvector serves searches; absent: exact scan. */
  vectorIndex?: VectorIndex;
}

export class ItemReader {
  readonly #db: Kysely<Database>;
  readonly #vectorIndex?: VectorIndex;

  constructor(options: ItemReaderOptions) {
    this.#db = options.db;
    this.#vectorIndex = options.vectorIndex;
  }

  get searchMethod(): 'pgvector' | 'exact-scan' {
    return this.#vectorIndex ? 'pgvector' : 'exact-scan';
  }

  async list(request: ListItemsRequest__Output): Promise<ListItemsResponse> {
    const sort = SORTS[String(request.sort ?? 'SORT_FIELD_UNSPECIFIED')];
    if (!sort) throw invalid(`unknown sort ${String(request.sort)}`);
    const limit = request.limit > 0 ? request.limit : DEFAULT_PAGE_SIZE;
    if (limit > MAX_PAGE_SIZE) throw invalid(`limit must be at most ${MAX_PAGE_SIZE}`);
    const column = SORT_COLUMN[sort];
    const conditions = filterConditions(request, sort === 'published' ? 'published_at' : 'collected_at');
    if (request.cursor) {
      const cursor = decodeCursor(request.cursor, sort);
      const key = sort === 'score' ? sql`${cursor.key}::float8` : sql`to_timestamp(${cursor.key}::float8 / 1000.0)`;
      conditions.push(sql`(${sql.ref(`i.${column}`)}, i.id) < (${key}, ${cursor.id})`);
    }
    const order = sql`ORDER BY ${sql.ref(`i.${column}`)} DESC, i.id DESC`;
    const rows = await this.#select(
      sql`SELECT * FROM items i ${whereClause(conditions)} ${order} LIMIT ${limit + 1}`,
      order,
      request.include_text,
      request.include_embedding,
    );
    const page = rows.slice(0, limit);
    const items = page.map(toStoredItem);
    const last = page[page.length - 1];
    const next_cursor =
      rows.length > limit && last
        ? encodeCursor({
            sort,
            key: sort === 'score' ? last.score : epochMs(sort === 'published' ? last.published_at : last.collected_at),
            id: last.id,
          })
        : '';
    return { items, next_cursor };
  }

  async get(
    id: string,
    options: { includeEmbedding?: boolean; includeText?: boolean } = {},
  ): Promise<StoredItem | undefined> {
    if (!id) throw invalid('id is required');
    const [row] = await this.#select(
      sql`SELECT * FROM items i WHERE i.id = ${id}`,
      sql``,
      options.includeText ?? true,
      options.includeEmbedding ?? false,
    );
    return row ? toStoredItem(row) : undefined;
  }

  async count(sourceIds: readonly string[]): Promise<CountItemsResponse> {
    const ids = [...sourceIds];
    const bySource = ids.length > 0;
    const { rows } = await sql<{ items: number; dead_letters: number; source_errors: number }>`
      SELECT
        (SELECT count(*) FROM items WHERE ${bySource ? sql`source_id = ANY(${ids}::text[])` : sql`true`})::int8 AS items,
        (SELECT count(*) FROM dead_letters WHERE ${bySource ? sql`source_id = ANY(${ids}::text[])` : sql`true`})::int8 AS dead_letters,
        (SELECT count(*) FROM source_errors WHERE ${bySource ? sql`source_id = ANY(${ids}::text[])` : sql`true`})::int8 AS source_errors`.execute(
      this.#db,
    );
    const row = rows[0];
    return {
      items: Number(row?.items ?? 0),
      dead_letters: Number(row?.dead_letters ?? 0),
      source_errors: Number(row?.source_errors ?? 0),
    };
  }

  /** Nearest items to the query embedding by cosine similarity (own or best passage's), best first. */
  async search(request: SearchItemsRequest__Output): Promise<SearchItemsResponse> {
    const query = request.query_embedding ?? [];
    if (query.length === 0) throw invalid('query_embedding is empty');
    if (query.some((v) => !Number.isFinite(v))) throw invalid('query_embedding holds NaN or infinite values');
    const norm = Math.sqrt(query.reduce((sum, v) => sum + v * v, 0));
    if (norm === 0) throw invalid('query_embedding is the zero vector');
    const limit = request.limit > 0 ? request.limit : 10;
    if (limit > MAX_PAGE_SIZE) throw invalid(`limit must be at most ${MAX_PAGE_SIZE}`);
    const conditions = filterConditions(request.filters, 'collected_at');
    const searchQuery = { vector: query, norm, model: request.embedding_model };
    const candidates = await candidateItems(this.#db, this.#vectorIndex, searchQuery, limit, conditions);
    const hits = rankHits(candidates, await scoreCandidates(this.#db, searchQuery, candidates), limit);
    const include = request.filters?.include_text ?? false;
    const ids = hits.map((h) => h.item_id);
    const rows =
      ids.length > 0
        ? await this.#select(
            sql`SELECT * FROM items i WHERE i.id = ANY(${ids}::text[])`,
            sql``,
            include,
            request.filters?.include_embedding ?? false,
          )
        : [];
    const items = new Map(rows.map((row) => [row.id, toStoredItem(row)]));
    return {
      hits: hits.flatMap((h) => {
        const item = items.get(h.item_id);
        return item ? [{ item, similarity: h.similarity, passage: h.passage ?? null }] : [];
      }),
      method: this.searchMethod,
    };
  }

  /**
   * Item rows picked by `page` (a SELECT over items aliased i, with its own ORDER BY/LIMIT), with their model
   * outputs, in `order` (the page's ORDER BY on alias i).
   */
  async #select(
    page: RawBuilder<unknown>,
    order: RawBuilder<unknown>,
    includeText: boolean,
    includeEmbedding: boolean,
  ): Promise<ItemReadRow[]> {
    const { rows } = await sql<ItemReadRow>`
      SELECT ${sql.raw(ITEM_COLUMNS)}${includeText ? sql`, i.text` : sql``},
        (SELECT coalesce(json_agg(json_build_object('model', c.model, 'task', c.task, 'labels', c.labels) ORDER BY c.task), '[]')
           FROM classifications c WHERE c.item_id = i.id) AS classifications_json,
        s.value AS score_value, s.formula_version AS score_formula_version, s.components AS score_components
        ${includeEmbedding ? sql`, e.model AS embedding_model, e.values AS embedding_values` : sql``}
      FROM (${page}) i
      LEFT JOIN scores s ON s.item_id = i.id
      ${includeEmbedding ? sql`LEFT JOIN embeddings e ON e.item_id = i.id` : sql``}
      ${order}`.execute(this.#db);
    return rows;
  }
}
