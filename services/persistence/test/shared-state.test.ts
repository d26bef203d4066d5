// SharedState (shared.proto) over the real gRPC service on both databases: appends to a shared log are ordered
// and only succeed on top of the head the caller saw, a refused append returns what the caller missed, the
// retention window bounds the log, and a rate-limit bucket never grants more than its capacity plus refill.
import {
  connect,
  SharedLog,
  type AppendSharedLogResponse__Output,
  type ReadSharedLogResponse__Output,
  type SharedStateClient,
  type TakeRateTokensResponse__Output,
} from '@sluice/protocol';
import { grpc } from '@sluice/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DATABASE_KINDS,
  call,
  createTarget,
  startPersistence,
  type RunningPersistence,
  type TestTarget,
} from './helpers.js';

const payload = (text: string) => Buffer.from(text);

for (const kind of DATABASE_KINDS) {
  describe(`shared state on ${kind}`, () => {
    let target: TestTarget;
    let service: RunningPersistence;
    let client: SharedStateClient;
    beforeAll(async () => {
      target = await createTarget(kind);
      service = await startPersistence(target);
      client = connect('SharedState', service.address);
    });
    afterAll(async () => {
      (client as unknown as grpc.Client)?.close();
      await service?.stop();
      await target?.cleanup();
    });

    const append = (request: object) =>
      call<object, AppendSharedLogResponse__Output>(client, 'AppendSharedLog', { log: 'dedup', ...request });

    it('appends only on top of the head the caller saw, and returns what it missed otherwise', async () => {
      const first = await append({ expected_seq: 0, payloads: [payload('a'), payload('b')], replica: 'r1' });
      expect(first).toMatchObject({ appended: true, last_seq: 2 });
      // r2 still thinks the log is empty: refused, and told about a and b.
      const stale = await append({ expected_seq: 0, payloads: [payload('c')], replica: 'r2' });
      expect(stale.appended).toBe(false);
      expect(stale.last_seq).toBe(2);
      expect(stale.complete).toBe(true);
      expect(stale.missed.map((e) => [Number(e.seq), Buffer.from(e.payload).toString(), e.replica])).toEqual([
        [1, 'a', 'r1'],
        [2, 'b', 'r1'],
      ]);
      const retried = await append({ expected_seq: 2, payloads: [payload('c')], replica: 'r2' });
      expect(retried).toMatchObject({ appended: true, last_seq: 3 });
    });

    it('lets exactly one of several replicas appending at the same moment win', async () => {
      const head = (await call<object, ReadSharedLogResponse__Output>(client, 'ReadSharedLog', { log: 'dedup' }))
        .last_seq;
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => append({ expected_seq: head, payloads: [payload(`x${i}`)] })),
      );
      expect(results.filter((r) => r.appended)).toHaveLength(1);
      for (const loser of results.filter((r) => !r.appended)) expect(loser.missed).toHaveLength(1);
    });

    it('keeps replicas in step through SharedLog, with catch-up reads in pages and the retention window', async () => {
      const options = { client, log: 'novelty', retainEntries: 50, timeoutMs: 10_000, pageSize: 7 };
      const a = new SharedLog({ ...options, replica: 'a' });
      const b = new SharedLog({ ...options, replica: 'b' });
      for (let i = 0; i < 12; i++)
        expect(await a.append([payload(`a${i}-0`), payload(`a${i}-1`)])).toEqual({ appended: true });
      // b starts late: its first append is refused with everything a wrote (three pages of at most 7).
      const refused = await b.append([payload('b0')]);
      expect(refused.appended).toBe(false);
      if (refused.appended) return;
      expect(refused.missed.map(String)).toEqual(Array.from({ length: 24 }, (_, i) => `a${i >> 1}-${i & 1}`));
      expect(b.lastSeq).toBe(24);
      expect(await b.append([payload('b0')])).toEqual({ appended: true });
      const missedByA = await a.append([payload('a-last')]);
      expect(missedByA).toEqual({ appended: false, missed: [payload('b0')] });

      // Past the retention window, entries are deleted and a newcomer sees only the newest 50.
      for (let i = 0; i < 10; i++) await a.append(Array.from({ length: 10 }, (_, k) => payload(`w${i}-${k}`)));
      const late = new SharedLog({ ...options, replica: 'c' });
      const seen = await late.append([]);
      expect(seen.appended).toBe(false);
      if (!seen.appended)
        expect(seen.missed.map(String)).toEqual(Array.from({ length: 50 }, (_, i) => `w${(5 + i / 10) | 0}-${i % 10}`));
      const stored = await call<object, ReadSharedLogResponse__Output>(client, 'ReadSharedLog', {
        log: 'novelty',
        limit: 10_000,
      });
      expect(stored.entries.length).toBeLessThanOrEqual(60);
    });

    it('rejects unknown logs', async () => {
      await expect(append({ log: 'other', expected_seq: 0 })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
    });

    it('grants at most the bucket capacity to callers taking at once, then refills by the database clock', async () => {
      const take = (want: number) =>
        call<object, TakeRateTokensResponse__Output>(client, 'TakeRateTokens', {
          key: 'key:k1',
          per_minute: 60,
          capacity: 5,
          want,
        });
      const results = await Promise.all(Array.from({ length: 8 }, () => take(1)));
      expect(results.reduce((sum, r) => sum + r.granted, 0)).toBe(5);
      const refused = results.find((r) => r.granted === 0)!;
      expect(Number(refused.retry_after_ms)).toBeGreaterThan(0);
      expect(Number(refused.retry_after_ms)).toBeLessThanOrEqual(1000);
      const emptiedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 2100));
      // 60 per minute: one token a second; a reservation of 3 gets the whole tokens refilled since (2 on time,
      // one more only when this machine ran the timer a second late).
      const refill = await take(3);
      expect(refill.granted).toBeGreaterThanOrEqual(2);
      expect(refill.granted).toBeLessThanOrEqual(Math.min(3, Math.floor((Date.now() - emptiedAt) / 1000) + 1));
    });
  });
}
