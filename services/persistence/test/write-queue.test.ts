// Grouping of batches into transactions by size and by time.
import type { Ack, ItemBatch__Output } from '@sluice/protocol';
import { describe, expect, it } from 'vitest';
import { WriteQueue } from '../src/write-queue.js';

const batch = (id: string, n: number) =>
  ({ batch_id: id, items: Array.from({ length: n }, () => ({})), dead_letters: [] }) as unknown as ItemBatch__Output;

function recorder(delayMs = 0) {
  const groups: string[][] = [];
  const write = async (batches: ItemBatch__Output[]): Promise<Ack[]> => {
    groups.push(batches.map((b) => b.batch_id));
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return batches.map((b) => ({ batch_id: b.batch_id, inserted: b.items.length }));
  };
  return { groups, write };
}

describe('WriteQueue', () => {
  it('writes a group as soon as it reaches max items, without waiting for the delay', async () => {
    const { groups, write } = recorder();
    const queue = new WriteQueue({ maxItems: 100, maxDelayMs: 60_000, concurrency: 1, write });
    const started = performance.now();
    const acks = await Promise.all([queue.submit(batch('a', 50)), queue.submit(batch('b', 50))]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(groups).toEqual([['a', 'b']]);
    expect(acks.map((a) => a.batch_id)).toEqual(['a', 'b']);
  });

  it('writes a partial group once its oldest batch waited the delay', async () => {
    const { groups, write } = recorder();
    const queue = new WriteQueue({ maxItems: 1000, maxDelayMs: 50, concurrency: 1, write });
    const started = performance.now();
    await Promise.all([queue.submit(batch('a', 10)), queue.submit(batch('b', 10))]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(groups).toEqual([['a', 'b']]);
  });

  it('never exceeds max items per group (a larger batch is its own group) and limits concurrent writes', async () => {
    const { groups, write } = recorder(20);
    let active = 0;
    let peak = 0;
    const queue = new WriteQueue({
      maxItems: 100,
      maxDelayMs: 0,
      concurrency: 2,
      write: async (batches) => {
        peak = Math.max(peak, ++active);
        try {
          return await write(batches);
        } finally {
          active--;
        }
      },
    });
    await Promise.all([
      queue.submit(batch('a', 60)),
      queue.submit(batch('b', 60)),
      queue.submit(batch('big', 250)),
      queue.submit(batch('c', 30)),
      queue.submit(batch('d', 30)),
    ]);
    expect(groups.flat().sort()).toEqual(['a', 'b', 'big', 'c', 'd']);
    expect(groups.find((g) => g.includes('big'))).toEqual(['big']);
    expect(peak).toBeLessThanOrEqual(2);
  });

  it('fails every batch of a group whose write failed, and flush() waits for everything', async () => {
    const queue = new WriteQueue({
      maxItems: 100,
      maxDelayMs: 10_000,
      concurrency: 1,
      write: async () => Promise.reject(new Error('db down')),
    });
    const pending = [queue.submit(batch('a', 1)), queue.submit(batch('b', 1))].map((p) =>
      p.catch((e: Error) => e.message),
    );
    await queue.flush();
    expect(await Promise.all(pending)).toEqual(['db down', 'db down']);
  });
});
