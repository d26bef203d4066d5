// Reads over the real gRPC Persistence service on both databases: filters, sorts, keyset pagination,
// single items, counts, and nearest-neighbour search (pgvector HNSW on PGlite, the exact scan on the server).
import type {
  ListItemsRequest,
  ListItemsResponse__Output,
  SearchItemsResponse__Output,
  StoredItem__Output,
} from '@sluice/protocol';
import { grpc } from '@sluice/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemReader } from '../src/item-reader.js';
import {
  DATABASE_KINDS,
  call,
  createTarget,
  makeItem,
  startPersistence,
  type RunningPersistence,
  type TestTarget,
} from './helpers.js';

const COUNT = 120;
const DIMS = 16;

/** Deterministic pseudo-random unit-ish vectors (mulberry32). */
function vectors(n: number, dims: number, seed = 7): number[][] {
  let a = seed;
  const rand = () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: n }, () => Array.from({ length: dims }, rand));
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((v, i) => {
    dot += v * b[i]!;
    na += v * v;
    nb += b[i]! * b[i]!;
  });
  return dot / Math.sqrt(na * nb);
}

for (const kind of DATABASE_KINDS) {
  describe(`reads on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;
    const embeddings = vectors(COUNT, DIMS);

    beforeAll(async () => {
      target = await createTarget(kind);
      service = await startPersistence(target);
      const items = Array.from({ length: COUNT }, (_, i) =>
        makeItem(i, { embedding: embeddings[i]!, title: i === 42 ? 'The Quantum Widget' : undefined }),
      );
      const ack = await service.sender().send({ batch_id: 'seed', items });
      expect(ack.inserted).toBe(COUNT);
    });
    afterAll(async () => {
      await service?.stop();
      await target?.cleanup();
    });

    const list = (request: ListItemsRequest) =>
      call<ListItemsRequest, ListItemsResponse__Output>(service.persistenceClient, 'ListItems', request);

    async function pageThrough(request: ListItemsRequest): Promise<StoredItem__Output[]> {
      const all: StoredItem__Output[] = [];
      let cursor = '';
      for (let guard = 0; guard < 100; guard++) {
        const page = await list({ ...request, cursor });
        all.push(...page.items);
        if (!page.next_cursor) return all;
        cursor = page.next_cursor;
      }
      throw new Error('pagination did not end');
    }

    it('pages through every item exactly once in each sort order', async () => {
      for (const sort of ['SORT_FIELD_COLLECTED', 'SORT_FIELD_PUBLISHED', 'SORT_FIELD_SCORE'] as const) {
        const items = await pageThrough({ sort, limit: 17 });
        expect(items).toHaveLength(COUNT);
        expect(new Set(items.map((i) => i.id)).size).toBe(COUNT);
        const keys = items.map((i) =>
          sort === 'SORT_FIELD_SCORE'
            ? i.score!.value
            : sort === 'SORT_FIELD_PUBLISHED'
              ? i.published_at_ms
              : i.collected_at_ms,
        );
        for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeLessThanOrEqual(keys[i - 1]!);
      }
    });

    it('filters by source, label, sentiment, language, score, time range and text', async () => {
      const bySource = await pageThrough({ source_ids: ['source-1'], limit: 50 });
      expect(bySource.length).toBe(Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 3 === 1).length);
      expect(bySource.every((i) => i.source_id === 'source-1')).toBe(true);

      const tech = await pageThrough({ label: 'technology', limit: 200 });
      expect(tech.length).toBe(COUNT / 2);
      expect(tech.every((i) => i.classifications.some((c) => c.labels[0]!.name === 'technology'))).toBe(true);

      const positive = await pageThrough({ sentiment: 'positive', limit: 200 });
      expect(positive.length).toBe(Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 3 === 0).length);

      const german = await pageThrough({ language: 'de', limit: 200 });
      expect(german.length).toBe(COUNT / 4);

      const high = await pageThrough({ min_score: 0.9, has_min_score: true, sort: 'SORT_FIELD_SCORE', limit: 200 });
      expect(high.length).toBeGreaterThan(0);
      expect(high.every((i) => i.score!.value >= 0.9)).toBe(true);
      // A score range: both bounds inclusive, the same items as filtering all items by hand.
      const all = await pageThrough({ limit: 200 });
      const band = await pageThrough({
        min_score: 0.3,
        has_min_score: true,
        max_score: 0.6,
        has_max_score: true,
        limit: 200,
      });
      const expected = all.filter((i) => i.score!.value >= 0.3 && i.score!.value <= 0.6).map((i) => i.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      expect(band.map((i) => i.id).sort()).toEqual(expected.sort());
      expect(await pageThrough({ duplicate_of: 'item-000001', limit: 200 })).toEqual([]);

      // Items 10..19 by publication time (published = 1.7e12 + n minutes).
      const range = await pageThrough({
        sort: 'SORT_FIELD_PUBLISHED',
        since_ms: 1_700_000_000_000 + 10 * 60_000,
        until_ms: 1_700_000_000_000 + 20 * 60_000,
        limit: 200,
      });
      expect(range.map((i) => i.id).sort()).toEqual(
        Array.from({ length: 10 }, (_, k) => `item-${String(10 + k).padStart(6, '0')}`),
      );

      const text = await list({ text: 'quantum widget', include_text: true });
      expect(text.items.map((i) => i.id)).toEqual(['item-000042']);
      expect(text.items[0]!.text).toContain('Body 42');
      const wildcard = await list({ text: '%' });
      expect(wildcard.items).toHaveLength(0);
    });

    it('returns one item with everything, counts, and rejects bad requests', async () => {
      const got = await call<object, { found: boolean; item: StoredItem__Output }>(
        service.persistenceClient,
        'GetItem',
        { id: 'item-000005' },
      );
      expect(got.found).toBe(true);
      expect(got.item).toMatchObject({
        id: 'item-000005',
        source_id: 'source-2',
        title: 'Title 5',
        language: 'en',
        tags: ['t1', 'n1'],
        engagement: { points: 5, comments: 0 },
      });
      expect(got.item.classifications.map((c) => c.task).sort()).toEqual(['sentiment', 'topics']);
      expect(got.item.embedding!.values).toHaveLength(DIMS);
      expect(got.item.embedding!.values[0]).toBeCloseTo(embeddings[5]![0]!, 6);
      expect(got.item.score!.components[0]!.name).toBe('relevance');
      const missing = await call<object, { found: boolean }>(service.persistenceClient, 'GetItem', { id: 'nope' });
      expect(missing.found).toBe(false);

      const counts = await call<object, { items: number }>(service.persistenceClient, 'CountItems', {
        source_ids: ['source-0'],
      });
      expect(counts.items).toBe(COUNT / 3);

      await expect(list({ limit: 5000 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      await expect(list({ cursor: 'garbage!' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      const page = await list({ sort: 'SORT_FIELD_SCORE', limit: 2 });
      await expect(list({ sort: 'SORT_FIELD_PUBLISHED', cursor: page.next_cursor })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
      await expect(list({ since_ms: 10, until_ms: 5 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    });

    it('finds the nearest items by cosine similarity, with filters', async () => {
      const target = 77;
      const query = embeddings[target]!.map((v, i) => v + (i % 2 === 0 ? 0.01 : -0.01));
      const expected = embeddings
        .map((e, i) => ({ id: `item-${String(i).padStart(6, '0')}`, similarity: cosine(query, e) }))
        .sort((a, b) => b.similarity - a.similarity);
      const search = (filters?: ListItemsRequest) =>
        call<object, SearchItemsResponse__Output>(service.persistenceClient, 'SearchItems', {
          query_embedding: query,
          embedding_model: 'emb-v1',
          limit: 5,
          filters,
        });

      const result = await search();
      expect(result.method).toBe(kind === 'pglite' ? 'pgvector' : 'exact-scan');
      expect(result.hits[0]!.item!.id).toBe('item-000077');
      expect(result.hits.map((h) => h.item!.id)).toEqual(expected.slice(0, 5).map((e) => e.id));
      result.hits.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(expected[i]!.similarity, 4));

      if (kind === 'pglite') {
        // The HNSW index for this dimension exists and matches the query's form (with 120 rows the planner
        // prefers a sequential scan, so that is switched off to see whether the index can serve the query).
        const plan = await service.persistence.database.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL enable_seqscan = off`.execute(trx);
          const { rows } = await sql<Record<string, string>>`
            EXPLAIN SELECT item_id FROM embeddings WHERE dims = 16 ORDER BY vec::vector(16) <=> ${`[${query.join(',')}]`}::vector(16) LIMIT 5`.execute(
            trx,
          );
          return rows.map((r) => Object.values(r)[0]).join('\n');
        });
        expect(plan).toContain('embeddings_vec_hnsw_16');
      }

      // Filtered: the nearest among source-0 items (77 is source-2).
      const filtered = await search({ source_ids: ['source-0'] });
      const expectedFiltered = expected.filter((e) => Number(e.id.slice(5)) % 3 === 0);
      expect(filtered.hits.map((h) => h.item!.id)).toEqual(expectedFiltered.slice(0, 5).map((e) => e.id));

      // The exact-scan fallback gives the same answer on this database too.
      const exact = await new ItemReader({ db: service.persistence.database.db }).search({
        query_embedding: query,
        embedding_model: 'emb-v1',
        limit: 5,
        filters: null,
      });
      expect(exact.method).toBe('exact-scan');
      expect(exact.hits!.map((h) => h.item!.id)).toEqual(expected.slice(0, 5).map((e) => e.id));

      await expect(call(service.persistenceClient, 'SearchItems', { query_embedding: [] })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
      const otherDims = await call<object, SearchItemsResponse__Output>(service.persistenceClient, 'SearchItems', {
        query_embedding: [1, 0, 0],
        limit: 5,
      });
      expect(otherDims.hits).toHaveLength(0);
    });
  });
}
