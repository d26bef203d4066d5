// Long items' passages on both databases: chunk vectors are stored beside their texts, a search finds an item by
// its best passage (pgvector HNSW on PGlite, the exact scan on the server, the same answer from both) and returns
// that passage, and a changed item's vanished chunks are removed.
import type { PipelineItem, SearchItemsResponse__Output } from '@sluice/protocol';
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

const DIMS = 16;
const SHORT_ITEMS = 40;

/** A unit vector along axis `axis`, tilted a little towards axis `tilt`. */
function axisVector(axis: number, tilt: number, amount: number): number[] {
  const v = Array.from({ length: DIMS }, (_, d) => (d === axis ? 1 : d === tilt ? amount : 0));
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** A long item whose chunk `i` points along axis i + 1 (its own, pooled vector along axis 0). */
function longItem(chunkCount: number): PipelineItem {
  const item = makeItem(9000, { title: 'A long report', embedding: axisVector(0, 1, 0.1) });
  const chunks = Array.from({ length: chunkCount }, (_, index) => ({
    index,
    text: `Paragraph ${index} of the long report.`,
    token_count: 7,
  }));
  return {
    ...item,
    normalized: { ...item.normalized!, text: chunks.map((c) => c.text).join('\n'), chunks },
    embedding: {
      ...item.embedding!,
      chunks: chunks.map((c) => ({ index: c.index, values: axisVector(c.index + 1, 0, 0.05) })),
    },
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`passages on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;

    beforeAll(async () => {
      target = await createTarget(kind);
      service = await startPersistence(target);
      // Short items near axis 0 and 15: none is close to the long item's last passage (axis 5).
      const items = Array.from({ length: SHORT_ITEMS }, (_, n) =>
        makeItem(n, { embedding: axisVector(n % 2 === 0 ? 0 : 15, 6 + (n % 8), 0.3 + n / 100) }),
      );
      const ack = await service.sender().send({ batch_id: 'seed', items: [...items, longItem(5)] });
      expect(ack.inserted).toBe(SHORT_ITEMS + 1);
    });
    afterAll(async () => {
      await service?.stop();
      await target?.cleanup();
    });

    const chunkCount = async () => {
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM item_chunks WHERE item_id = 'item-009000'`.execute(
        service.persistence.database.db,
      );
      return rows[0]!.n;
    };

    it('stores every chunk vector with its text and finds the item by its best passage', async () => {
      expect(await chunkCount()).toBe(5);
      const query = axisVector(5, 0, 0.05);
      const result = await call<object, SearchItemsResponse__Output>(service.persistenceClient, 'SearchItems', {
        query_embedding: query,
        embedding_model: 'emb-v1',
        limit: 3,
      });
      expect(result.method).toBe(kind === 'pglite' ? 'pgvector' : 'exact-scan');
      const first = result.hits[0]!;
      expect(first.item!.id).toBe('item-009000');
      expect(first.passage).toMatchObject({ index: 4, text: 'Paragraph 4 of the long report.' });
      expect(first.passage!.similarity).toBeCloseTo(1, 5);
      expect(first.similarity).toBeCloseTo(1, 5);
      // Short items have no passage: their text is the passage.
      for (const hit of result.hits.slice(1)) expect(hit.passage).toBeNull();

      // A query near the item's own vector ranks it by that, and still names its best passage.
      const own = await call<object, SearchItemsResponse__Output>(service.persistenceClient, 'SearchItems', {
        query_embedding: axisVector(0, 1, 0.1),
        limit: 1,
      });
      expect(own.hits[0]!.item!.id).toBe('item-009000');
      expect(own.hits[0]!.similarity).toBeCloseTo(1, 5);
      expect(own.hits[0]!.passage!.index).toBe(0);

      // The exact scan gives the same answer on this database.
      const exact = await new ItemReader({ db: service.persistence.database.db }).search({
        query_embedding: query,
        embedding_model: 'emb-v1',
        limit: 3,
        filters: null,
      });
      expect(exact.method).toBe('exact-scan');
      expect(exact.hits!.map((h) => h.item!.id)).toEqual(result.hits.map((h) => h.item!.id));
      expect(exact.hits![0]!.passage).toMatchObject({ index: 4 });

      // Filters apply to passages too.
      const filtered = await call<object, SearchItemsResponse__Output>(service.persistenceClient, 'SearchItems', {
        query_embedding: query,
        limit: 3,
        filters: { source_ids: ['source-1'] },
      });
      expect(filtered.hits.map((h) => h.item!.id)).not.toContain('item-009000');
      if (kind === 'pglite') {
        const { rows } = await sql<{
          name: string;
        }>`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'item_chunks'`.execute(
          service.persistence.database.db,
        );
        expect(rows.map((r) => r.name)).toContain('item_chunks_vec_hnsw_16');
      }
    });

    it('removes the chunks a changed item no longer has', async () => {
      const ack = await service.sender().send({ batch_id: 'shorter', items: [longItem(3)] });
      expect(ack.updated).toBe(1);
      expect(await chunkCount()).toBe(3);
      const replay = await service.sender().send({ batch_id: 'replay', items: [longItem(3)] });
      expect(replay.unchanged).toBe(1);
      expect(await chunkCount()).toBe(3);
    });
  });
}
