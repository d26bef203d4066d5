// The dead-letter RPCs over real gRPC on both databases: items rejected by the database (a CHECK constraint
// stands in for a schema problem an operator fixes) and a dead letter from an upstream stage are listed, shown,
// replayed (the fixed one is stored and leaves the table, the others fail again with their new reason and
// attempts + 1) and discarded.
import { sql } from 'kysely';
import {
  grpc,
  type DeadLetterReplayOutcome__Output,
  type PipelineItem,
  type StoredDeadLetter__Output,
} from '@sluice/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  call,
  createTarget,
  makeItem,
  startPersistence,
  type RunningPersistence,
  type TestTarget,
} from './helpers.js';

type Listing = { dead_letters: StoredDeadLetter__Output[]; next_cursor: string };

for (const kind of DATABASE_KINDS) {
  describe(`dead letters on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;
    const admin = <T>(method: string, request: object) => call<object, T>(service.adminClient, method, request);
    const exec = (query: ReturnType<typeof sql>) => query.execute(service.persistence.database.db);
    const list = (request: object = {}) => admin<Listing>('ListDeadLetters', request);

    beforeAll(async () => {
      target = await createTarget(kind);
      service = await startPersistence(target);
      await exec(sql`ALTER TABLE items ADD CONSTRAINT no_poison CHECK (title NOT LIKE 'POISON%')`);
      await exec(sql`ALTER TABLE items ADD CONSTRAINT no_toxic CHECK (title NOT LIKE 'TOXIC%')`);
    });
    afterAll(async () => {
      await service?.stop();
      await target?.cleanup();
    });

    it('lists, shows, replays and discards dead letters', async () => {
      const poison = makeItem(1, { title: 'POISON one', sourceId: 'feed-a' });
      const toxic = makeItem(2, { title: 'TOXIC two', sourceId: 'feed-b' });
      const upstream = makeItem(3, { title: 'TOXIC three', sourceId: 'feed-a' });
      const sender = service.sender();
      const ack = await sender.send({
        items: [makeItem(0), poison, toxic],
        dead_letters: [
          {
            item_id: upstream.raw!.id!,
            source_id: 'feed-a',
            stage: 'transformer',
            reason: 'transform_failed',
            detail: 'worker crashed',
            payload_json: JSON.stringify(upstream),
          },
        ],
      });
      expect(ack).toMatchObject({ inserted: 1, dead_lettered: 3 });

      // Listing: newest first, keyset pages, filters.
      const all = await list();
      expect(all.dead_letters).toHaveLength(3);
      expect(all.dead_letters.every((d) => d.payload_json === '' && d.attempts === 1 && d.replays === 0)).toBe(true);
      const ids = all.dead_letters.map((d) => d.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      const paged: number[] = [];
      let cursor = '';
      do {
        const page = await list({ limit: 2, cursor });
        paged.push(...page.dead_letters.map((d) => d.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(paged).toEqual(ids);
      const byReason = await list({ filter: { reasons: ['write_failed'] } });
      expect(byReason.dead_letters.map((d) => d.item_id).sort()).toEqual([poison.raw!.id!, toxic.raw!.id!].sort());
      expect((await list({ filter: { stage: 'transformer' } })).dead_letters.map((d) => d.item_id)).toEqual([
        upstream.raw!.id!,
      ]);
      expect((await list({ filter: { source_ids: ['feed-b'] } })).dead_letters.map((d) => d.item_id)).toEqual([
        toxic.raw!.id!,
      ]);
      expect((await list({ filter: { since_ms: Date.now() + 60_000 } })).dead_letters).toEqual([]);
      expect(
        (await list({ filter: { until_ms: Date.now() + 60_000, since_ms: Date.now() - 60_000 } })).dead_letters,
      ).toHaveLength(3);
      await expect(list({ cursor: 'nonsense' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });

      const shown = await admin<{ found: boolean; dead_letter: StoredDeadLetter__Output }>('GetDeadLetter', {
        id: byReason.dead_letters.find((d) => d.item_id === poison.raw!.id!)!.id,
      });
      expect(shown.found).toBe(true);
      expect(shown.dead_letter).toMatchObject({
        stage: 'persistence',
        reason: 'write_failed',
        source_id: 'feed-a',
        attempts: 1,
      });
      expect(shown.dead_letter.detail).toContain('no_poison');
      expect(JSON.parse(shown.dead_letter.payload_json).raw.title).toBe('POISON one');
      expect((await admin<{ found: boolean }>('GetDeadLetter', { id: 999_999 })).found).toBe(false);

      // The cause of one failure is fixed; the other constraint now fails under a new name.
      await exec(sql`ALTER TABLE items DROP CONSTRAINT no_poison`);
      await exec(sql`ALTER TABLE items DROP CONSTRAINT no_toxic`);
      await exec(sql`ALTER TABLE items ADD CONSTRAINT no_toxic_titles CHECK (title NOT LIKE 'TOXIC%')`);
      const begun = await admin<{ dead_letters: StoredDeadLetter__Output[]; started_at_ms: number }>(
        'BeginDeadLetterReplay',
        { ids },
      );
      expect(begun.dead_letters).toHaveLength(3);
      expect(
        begun.dead_letters.every((d) => d.replays === 1 && d.last_replayed_at_ms > 0 && d.payload_json !== ''),
      ).toBe(true);
      expect(begun.started_at_ms).toBeGreaterThan(0);
      const replayed: PipelineItem[] = begun.dead_letters.map((d) => JSON.parse(d.payload_json) as PipelineItem);
      const again = await sender.send({ items: replayed });
      expect(again).toMatchObject({ inserted: 1, dead_lettered: 2 });
      const { outcomes } = await admin<{ outcomes: DeadLetterReplayOutcome__Output[] }>('FinishDeadLetterReplay', {
        ids: begun.dead_letters.map((d) => d.id),
      });
      const byItem = new Map(outcomes.map((o) => [o.item_id, o]));
      expect(byItem.get(poison.raw!.id!)).toMatchObject({ outcome: 'stored', dead_letter: null });
      // Same stage: the row itself carries the new reason detail and attempts 2.
      expect(byItem.get(toxic.raw!.id!)).toMatchObject({
        outcome: 'failed',
        dead_letter: { stage: 'persistence', reason: 'write_failed', attempts: 2, replays: 1 },
      });
      expect(byItem.get(toxic.raw!.id!)!.dead_letter!.detail).toContain('no_toxic_titles');
      // Another stage this time: the new row takes over the attempt count and the old one goes.
      expect(byItem.get(upstream.raw!.id!)).toMatchObject({
        outcome: 'failed',
        dead_letter: { stage: 'persistence', reason: 'write_failed', attempts: 2, replays: 1 },
      });

      const left = (await list()).dead_letters;
      expect(left.map((d) => `${d.item_id}:${d.stage}:${d.attempts}`).sort()).toEqual(
        [`${toxic.raw!.id!}:persistence:2`, `${upstream.raw!.id!}:persistence:2`].sort(),
      );
      const { rows } = await exec(
        sql<{ n: number }>`SELECT count(*)::int AS n FROM items WHERE id = ${poison.raw!.id!}`,
      );
      expect(rows[0]).toEqual({ n: 1 });

      // Discard: one by id, the rest by filter; an empty request discards nothing.
      await expect(admin('DiscardDeadLetters', {})).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      const toxicRow = left.find((d) => d.item_id === toxic.raw!.id!)!;
      expect(await admin<{ discarded: number }>('DiscardDeadLetters', { ids: [toxicRow.id] })).toEqual({
        discarded: 1,
      });
      expect(await admin<{ discarded: number }>('DiscardDeadLetters', { filter: { source_ids: ['feed-b'] } })).toEqual({
        discarded: 0,
      });
      expect(
        await admin<{ discarded: number }>('DiscardDeadLetters', {
          filter: { stage: 'persistence', reasons: ['write_failed'] },
        }),
      ).toEqual({ discarded: 1 });
      expect((await list()).dead_letters).toEqual([]);
    });
  });
}
