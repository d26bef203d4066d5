// Source state, leases and errors over the real gRPC service on both databases.
import type { LeaseSourcesResponse__Output, SourceState } from '@sluice/protocol';
import { grpc } from '@sluice/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  call,
  createTarget,
  startPersistence,
  type RunningPersistence,
  type TestTarget,
} from './helpers.js';

for (const kind of DATABASE_KINDS) {
  describe(`source state on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;
    beforeAll(async () => {
      target = await createTarget(kind);
      service = await startPersistence(target);
    });
    afterAll(async () => {
      await service?.stop();
      await target?.cleanup();
    });

    const lease = (owner: string, source_ids: string[], max_sources = 0, lease_duration_ms = 60_000) =>
      call<object, LeaseSourcesResponse__Output>(service.persistenceClient, 'LeaseSources', {
        owner,
        source_ids,
        max_sources,
        lease_duration_ms,
      });
    const save = (state: SourceState, lease_owner = '') =>
      call<object, { saved: boolean }>(service.persistenceClient, 'SaveSourceState', { state, lease_owner });

    it('grants each due source to one owner at a time, even when replicas ask at once', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => `feed-${i}`);
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => lease(owner, ids, 8)));
      const granted = results.flatMap((r) => r.source_ids);
      expect(new Set(granted).size).toBe(granted.length); // nobody got a source twice
      expect(granted.length).toBe(20);
      for (const r of results) expect(r.source_ids.length).toBeLessThanOrEqual(8);
      // Held leases are not granted to others; the owner renews its own.
      const again = await lease('z', ids);
      expect(again.source_ids).toEqual([]);
      const own = results[0]!;
      const renewed = await lease('a', own.source_ids);
      expect(renewed.source_ids).toEqual(own.source_ids);
      expect(renewed.expires_at_ms).toBeGreaterThan(Date.now() + 50_000);
      // Released sources are free again.
      await call(service.persistenceClient, 'ReleaseSources', { owner: 'a', source_ids: own.source_ids });
      expect((await lease('z', ids)).source_ids).toEqual(own.source_ids);
    });

    it('grants sources whose lease expired, and only sources that are due', async () => {
      expect((await lease('x', ['short'], 0, 1000)).source_ids).toEqual(['short']);
      expect((await lease('y', ['short'])).source_ids).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await lease('y', ['short'])).source_ids).toEqual(['short']);

      await save({ source_id: 'later', next_fetch_ms: Date.now() + 3_600_000 });
      expect((await lease('x', ['later'])).source_ids).toEqual([]);
      await save({ source_id: 'later', next_fetch_ms: Date.now() - 1 });
      expect((await lease('x', ['later'])).source_ids).toEqual(['later']);
      await expect(lease('', ['a'])).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      await expect(lease('x', ['a'], 0, 0)).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    });

    it('grants the most urgent due sources first when there is room for fewer, aging overdue ones up', async () => {
      const rank = (ids: string[], priorities: number[], priority_aging_ms = 0) =>
        call<object, LeaseSourcesResponse__Output>(service.persistenceClient, 'LeaseSources', {
          owner: 'p',
          source_ids: ids,
          max_sources: 1,
          lease_duration_ms: 60_000,
          priorities,
          priority_aging_ms,
        });
      const release = (ids: string[]) =>
        call(service.persistenceClient, 'ReleaseSources', { owner: 'p', source_ids: ids });
      // Never fetched: without priorities, id order; with them, the highest.
      expect((await rank(['p-low', 'p-high'], [1, 9])).source_ids).toEqual(['p-high']);
      await release(['p-high']);
      expect((await rank(['p-low', 'p-high'], [9, 1])).source_ids).toEqual(['p-low']);
      await release(['p-low']);
      // p-low overdue by an hour, p-high just due: with 10-minute aging p-low is at 1 + 6 = 7 < 9, with 5-minute at 13.
      await save({ source_id: 'p-low', next_fetch_ms: Date.now() - 3_600_000 });
      await save({ source_id: 'p-high', next_fetch_ms: Date.now() - 1_000 });
      expect((await rank(['p-low', 'p-high'], [1, 9], 600_000)).source_ids).toEqual(['p-high']);
      await release(['p-high']);
      expect((await rank(['p-low', 'p-high'], [1, 9], 300_000)).source_ids).toEqual(['p-low']);
      await release(['p-low']);
    });

    it('saves and reads state; a save under a lease only succeeds for the lease holder', async () => {
      const state: SourceState = {
        source_id: 'hn',
        cursor_json: '{"since":123}',
        etag: 'W/"abc"',
        last_modified: 'Wed, 21 Oct 2015 07:28:00 GMT',
        last_success_ms: 1_800_000_000_000,
        consecutive_errors: 2,
        next_fetch_ms: 1_800_000_060_000,
        breaker_state: 'closed',
        last_error: 'timeout',
        items_total: 12_345,
      };
      expect((await save(state)).saved).toBe(true);
      const { states } = await call<object, { states: SourceState[] }>(service.persistenceClient, 'GetSourceState', {
        source_ids: ['hn', 'unknown'],
      });
      expect(states).toEqual([state]);

      await save({ ...state, next_fetch_ms: 1 });
      expect((await lease('owner-1', ['hn'])).source_ids).toEqual(['hn']);
      expect((await save({ ...state, cursor_json: '{"since":200}' }, 'owner-2')).saved).toBe(false);
      expect((await save({ ...state, cursor_json: '{"since":300}' }, 'owner-1')).saved).toBe(true);
      const after = await call<object, { states: SourceState[] }>(service.persistenceClient, 'GetSourceState', {
        source_ids: ['hn'],
      });
      expect(after.states[0]!.cursor_json).toBe('{"since":300}');
      await expect(save({ source_id: 'bad', cursor_json: '{not json' })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
    });

    it('records source errors and lists them newest first', async () => {
      for (let i = 0; i < 3; i++) {
        await call(service.persistenceClient, 'RecordSourceError', {
          error: {
            source_id: 'flaky',
            code: 'http_status',
            message: `HTTP 500 #${i}`,
            occurred_at_ms: 1_800_000_000_000 + i,
            http_status: 500,
            url: 'http://127.0.0.1/feed',
          },
        });
      }
      const { errors } = await call<object, { errors: Array<{ message: string; http_status: number }> }>(
        service.persistenceClient,
        'ListSourceErrors',
        { source_id: 'flaky', limit: 2 },
      );
      expect(errors.map((e) => e.message)).toEqual(['HTTP 500 #2', 'HTTP 500 #1']);
      expect(errors[0]!.http_status).toBe(500);
      const counts = await call<object, { source_errors: number }>(service.persistenceClient, 'CountItems', {
        source_ids: ['flaky'],
      });
      expect(counts.source_errors).toBe(3);
      await expect(
        call(service.persistenceClient, 'RecordSourceError', { error: { source_id: 'x' } }),
      ).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM source_errors`.execute(
        service.persistence.database.db,
      );
      expect(rows[0]!.n).toBe(3);
    });
  });
}
