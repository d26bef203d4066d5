// The write path through the real gRPC PipelineStage stream, on PostgreSQL and on PGlite: acknowledgements
// after commit, idempotent upserts (also with concurrent writers), poison isolation, upstream dead letters.
import { sql } from 'kysely';
import type { PipelineItem } from '@sluice/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  createTarget,
  makeItem,
  startPersistence,
  type RunningPersistence,
  type TestTarget,
} from './helpers.js';

for (const kind of DATABASE_KINDS) {
  describe(`sink on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;

    beforeAll(async () => {
      target = await createTarget(kind, { max_transaction_items: 300, max_transaction_delay_milliseconds: 5 });
      service = await startPersistence(target);
    });
    afterAll(async () => {
      await service?.stop();
      await target?.cleanup();
    });

    const count = async (table: 'items' | 'classifications' | 'embeddings' | 'scores' | 'dead_letters') => {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(
        service.persistence.database.db,
      );
      return rows[0]!.n;
    };

    it('stores items with their model outputs and acknowledges after commit; a replay changes nothing', async () => {
      const sender = service.sender();
      const items = Array.from({ length: 250 }, (_, i) => makeItem(i));
      const first = await sender.send({ batch_id: 'b1', items });
      expect(first.error).toBe('');
      expect(first.inserted).toBe(250);
      expect(new Set(first.item_ids)).toEqual(new Set(items.map((i) => i.raw!.id)));
      // Acknowledged means committed: another connection sees the rows right away.
      expect(await count('items')).toBe(250);
      expect(await count('classifications')).toBe(500);
      expect(await count('embeddings')).toBe(250);
      expect(await count('scores')).toBe(250);

      const replay = await sender.send({ batch_id: 'b1-replay', items });
      expect(replay).toMatchObject({ inserted: 0, updated: 0, unchanged: 250, error: '' });
      expect(await count('items')).toBe(250);

      const changed = items.slice(0, 10).map((item) => ({ ...item, score: { ...item.score!, value: 0.995 } }));
      const update = await sender.send({ batch_id: 'b2', items: changed });
      expect(update).toMatchObject({ inserted: 0, updated: 10, unchanged: 0 });
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM items WHERE score = 0.995`.execute(
        service.persistence.database.db,
      );
      expect(rows[0]!.n).toBe(10);
      expect(await count('scores')).toBe(250);
    });

    it('replaces the model outputs of a changed item, removing those it no longer has', async () => {
      const db = service.persistence.database.db;
      const sender = service.sender();
      const item = makeItem(40_000);
      expect((await sender.send({ batch_id: 'm1', items: [item] })).inserted).toBe(1);
      const slimmer = {
        ...item,
        classifications: item.classifications!.slice(0, 1),
        embedding: null,
        score: { ...item.score!, value: 0.123 },
      };
      expect((await sender.send({ batch_id: 'm2', items: [slimmer] })).updated).toBe(1);
      const children = await sql<{ c: number; e: number; s: number }>`
        SELECT (SELECT count(*)::int FROM classifications WHERE item_id = 'item-040000') AS c,
               (SELECT count(*)::int FROM embeddings WHERE item_id = 'item-040000') AS e,
               (SELECT count(*)::int FROM scores WHERE item_id = 'item-040000' AND value = 0.123) AS s`.execute(db);
      expect(children.rows[0]).toEqual({ c: 1, e: 0, s: 1 });
    });

    it('stores awkward text exactly: quotes, backslashes, braces, commas, newlines, "NULL", emoji', async () => {
      const title = 'He said "hi" \\ {a,b} NULL\n\ttab, ünïcödé 🚀';
      const item = makeItem(50_000, { title, text: 'NULL' });
      item.raw!.tags = ['NULL', '', 'a,b', '{x}', 'quote"d'];
      await service.sender().send({ batch_id: 'awkward', items: [item] });
      const { rows } = await sql<{
        title: string;
        text: string;
        tags: string[];
      }>`SELECT title, text, tags FROM items WHERE id = 'item-050000'`.execute(service.persistence.database.db);
      expect(rows[0]).toEqual({ title, text: 'NULL', tags: ['NULL', '', 'a,b', '{x}', 'quote"d'] });
    });

    it('never duplicates under concurrent writers sending overlapping items', async () => {
      const base = 10_000;
      const all = Array.from({ length: 600 }, (_, i) => makeItem(base + i));
      // Four streams, each sending overlapping slices in a different order and batch size.
      const slices = [all.slice(0, 400), all.slice(200, 600), [...all].reverse(), all.filter((_, i) => i % 2 === 0)];
      const acks = await Promise.all(
        slices.map(async (slice, s) => {
          const sender = service.sender(1000);
          const size = 25 + s * 20;
          const sent = [];
          for (let i = 0; i < slice.length; i += size)
            sent.push(sender.send({ batch_id: `c${s}-${i}`, items: slice.slice(i, i + size) }));
          return Promise.all(sent);
        }),
      );
      const flat = acks.flat();
      expect(flat.every((a) => a.error === '')).toBe(true);
      const inserted = flat.reduce((sum, a) => sum + a.inserted, 0);
      expect(inserted).toBe(600);
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM items WHERE id >= 'item-010000' AND id < 'item-010600'`.execute(
        service.persistence.database.db,
      );
      expect(rows[0]!.n).toBe(600);
    });

    it('isolates poison items into dead letters and commits the rest of the batch', async () => {
      const items: PipelineItem[] = Array.from({ length: 40 }, (_, i) => makeItem(20_000 + i));
      // PostgreSQL text cannot hold NUL; a date in the year 3,000,000 is out of timestamptz range.
      items[7] = makeItem(20_007, { text: 'broken \u0000 text' });
      items[31] = { ...makeItem(20_031), raw: { ...makeItem(20_031).raw!, published_at_ms: 9e16 } };
      // Structurally invalid: no id.
      items.push({ raw: { ...makeItem(20_099).raw!, id: '' } });
      const ack = await service.sender().send({ batch_id: 'poison', items });
      expect(ack.error).toBe('');
      expect(ack.inserted).toBe(38);
      expect(ack.dead_lettered).toBe(3);
      expect(ack.item_ids).toContain('item-020007');
      expect(ack.item_ids).toContain('item-020031');
      const { rows } = await sql<{ item_id: string; reason: string; detail: string; payload_json: string }>`
        SELECT item_id, reason, detail, payload_json FROM dead_letters WHERE stage = 'persistence' ORDER BY item_id`.execute(
        service.persistence.database.db,
      );
      const byId = new Map(rows.map((r) => [r.item_id, r]));
      expect(byId.get('item-020007')?.reason).toBe('write_failed');
      expect(byId.get('item-020031')?.reason).toBe('write_failed');
      expect(byId.get('item-020031')?.detail).toMatch(/range|overflow/i);
      expect(byId.get('')?.reason).toBe('invalid_item');
      expect(JSON.parse(byId.get('item-020031')!.payload_json).raw.id).toBe('item-020031');
      const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM items WHERE id LIKE 'item-0200%'`.execute(
        service.persistence.database.db,
      );
      expect(stored.rows[0]!.n).toBe(38);
    });

    it('stores dead letters from upstream stages and acknowledges them; a replay does not duplicate them', async () => {
      const letter = {
        item_id: 'up-1',
        source_id: 'source-1',
        stage: 'inference',
        reason: 'model_error',
        detail: 'boom',
        payload_json: '{"raw":{"id":"up-1"}}',
      };
      const sender = service.sender();
      const ack = await sender.send({ batch_id: 'dl', items: [makeItem(30_000)], dead_letters: [letter] });
      expect(ack).toMatchObject({ inserted: 1, dead_lettered: 1, error: '' });
      expect(ack.item_ids).toEqual(expect.arrayContaining(['up-1', 'item-030000']));
      await sender.send({ batch_id: 'dl-replay', dead_letters: [letter] });
      const { rows } = await sql<{
        attempts: number;
        reason: string;
      }>`SELECT attempts, reason FROM dead_letters WHERE item_id = 'up-1'`.execute(service.persistence.database.db);
      expect(rows).toEqual([{ attempts: 2, reason: 'model_error' }]);
    });
  });
}
