// The micro-batcher's packing logic: budgets, length-aware packing, priority lanes with aging, expiry.
import { describe, expect, it } from 'vitest';
import { BatchQueue, type QueueEntry } from '../src/batch-queue.js';

interface Entry extends QueueEntry {
  name: string;
}

function entry(name: string, tokens: number, options: Partial<Entry> = {}): Entry {
  return { name, tokens, priority: 5, enqueuedAt: 0, deadline: Infinity, isCancelled: () => false, ...options };
}

const base = { maxBatchSize: 4, maxBatchTokens: 10_000, windowBatches: 4, agingMilliseconds: 100, lengthAware: true };

describe('BatchQueue', () => {
  it('closes a batch at max_batch_size and at the padded token budget', () => {
    const q = new BatchQueue<Entry>({ ...base, maxBatchTokens: 100 });
    for (let i = 0; i < 10; i++) q.push(entry(`e${i}`, 30));
    expect(q.canFillBatch()).toBe(true);
    const first = q.take(0);
    // 30 tokens × 3 = 90 ≤ 100 < 120.
    expect(first.batch).toHaveLength(3);
    expect(first.paddedTokens).toBe(90);
    const big = new BatchQueue<Entry>(base);
    for (let i = 0; i < 10; i++) big.push(entry(`e${i}`, 5));
    expect(big.take(0).batch).toHaveLength(4);
    expect(big.size).toBe(6);
  });

  it('groups inputs of similar length, which cuts padding against FIFO', () => {
    const lengths = [10, 500, 12, 480, 11, 510, 9, 490];
    const padded = (lengthAware: boolean) => {
      const q = new BatchQueue<Entry>({ ...base, lengthAware });
      lengths.forEach((t, i) => q.push(entry(`e${i}`, t, { enqueuedAt: i })));
      let total = 0;
      while (q.size > 0) total += q.take(100).paddedTokens;
      return total;
    };
    const q = new BatchQueue<Entry>(base);
    lengths.forEach((t, i) => q.push(entry(`e${i}`, t, { enqueuedAt: i })));
    const first = q.take(100);
    expect(first.batch.map((e) => e.tokens).sort((a, b) => a - b)).toEqual([9, 10, 11, 12]);
    expect(padded(true)).toBe(4 * 12 + 4 * 510);
    expect(padded(true)).toBeLessThan(padded(false) * 0.6);
  });

  it('serves higher priorities first, and ages waiting inputs so low lanes are not starved', () => {
    const q = new BatchQueue<Entry>({ ...base, maxBatchSize: 1 });
    q.push(entry('low-old', 5, { priority: 1, enqueuedAt: 0 }));
    q.push(entry('high', 5, { priority: 9, enqueuedAt: 990 }));
    // At t=1000 the old low-priority input waited 10 aging periods: 1 + 10 > 9.
    expect(q.take(1000).batch[0]!.name).toBe('low-old');
    q.push(entry('low-new', 5, { priority: 1, enqueuedAt: 1000 }));
    expect(q.take(1000).batch[0]!.name).toBe('high');
  });

  it('drops expired and cancelled inputs before compute', () => {
    const q = new BatchQueue<Entry>(base);
    q.push(entry('ok', 5));
    q.push(entry('late', 5, { deadline: 50 }));
    q.push(entry('gone', 5, { isCancelled: () => true }));
    const taken = q.take(100);
    expect(taken.batch.map((e) => e.name)).toEqual(['ok']);
    expect(taken.expired.map((e) => e.name)).toEqual(['late']);
    expect(taken.cancelled.map((e) => e.name)).toEqual(['gone']);
    expect(q.size).toBe(0);
  });

  it('puts a failed batch back in front after the budget was halved', () => {
    const q = new BatchQueue<Entry>({ ...base, maxBatchTokens: 40 });
    for (let i = 0; i < 4; i++) q.push(entry(`e${i}`, 10, { enqueuedAt: i }));
    const first = q.take(10);
    expect(first.batch).toHaveLength(4);
    q.setBudget(20);
    q.requeue(first.batch);
    expect(q.take(10).batch).toHaveLength(2);
    expect(q.take(10).batch).toHaveLength(2);
  });
});
