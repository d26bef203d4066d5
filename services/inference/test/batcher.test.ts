// The Batcher with a simulated GPU (the only stand-in allowed: there is no GPU here): batches above the
// device's memory fail with an out-of-memory error; the budget halves and no input is lost.
import { describe, expect, it } from 'vitest';
import { Batcher, type BatcherOptions, type PendingInput } from '../src/batcher.js';
import { DeviceSlots } from '../src/device-slots.js';

function input(tokens: number, results: Array<number | string>): PendingInput {
  return {
    ids: new Int32Array(tokens).fill(7),
    tokens,
    priority: 5,
    enqueuedAt: performance.now(),
    deadline: Infinity,
    isCancelled: () => false,
    resolve: ({ values }) => results.push(values[0]!),
    reject: (error) => results.push(error.code),
  };
}

/** A batcher over a fake device run; `batches` records each batch's size, `batchMs` is the run time it reports. */
function fakeBatcher(options: Partial<BatcherOptions> & { batchMs?: number }): { batcher: Batcher; batches: number[] } {
  const batches: number[] = [];
  const batcher = new Batcher({
    model: 'fake',
    maxBatchSize: 64,
    maxBatchTokens: 10_000,
    minBatchTokens: 10,
    windowBatches: 4,
    agingMilliseconds: 1000,
    lengthAware: true,
    maxQueueDelayMilliseconds: 5,
    slots: new DeviceSlots(2),
    run: async (_ids, offsets) => {
      const rows = offsets.length - 1;
      batches.push(rows);
      return { values: new Float32Array(rows), rows, columns: 1, inferenceNs: (options.batchMs ?? 0.001) * 1e6 };
    },
    ...options,
  });
  return { batcher, batches };
}

describe('Batcher', () => {
  it('halves the token budget on out-of-memory and retries the batch without losing inputs', async () => {
    const deviceLimitTokens = 300;
    const batches: number[] = [];
    const { batcher } = fakeBatcher({
      maxBatchTokens: 1600,
      minBatchTokens: 100,
      run: async (ids, offsets) => {
        const rows = offsets.length - 1;
        let longest = 0;
        for (let r = 0; r < rows; r++) longest = Math.max(longest, offsets[r + 1]! - offsets[r]!);
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (longest * rows > deviceLimitTokens) throw new Error('CUDA failure 2: out of memory');
        batches.push(rows);
        return {
          values: Float32Array.from({ length: rows }, (_, r) => offsets[r + 1]! - offsets[r]!),
          rows,
          columns: 1,
          inferenceNs: 1000,
        };
      },
    });
    const results: Array<number | string> = [];
    batcher.enqueue(Array.from({ length: 40 }, () => input(50, results)));
    while (results.length < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(results.every((r) => r === 50)).toBe(true);
    // 1600 → 800 → 400 → 200 tokens: batches of 4 inputs of 50 tokens.
    expect(batcher.queue.maxBatchTokens).toBe(200);
    expect(Math.max(...batches)).toBeLessThanOrEqual(6);
  });

  it('coalesces inputs that arrive within the queue delay into one batch', async () => {
    const { batcher, batches } = fakeBatcher({ partialBatchWhenIdle: false, maxQueueDelayMilliseconds: 500 });
    const results: Array<number | string> = [];
    for (let i = 0; i < 10; i++) {
      batcher.enqueue([input(5, results)]);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    while (results.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(batches).toEqual([10]);
  });

  it('an idle device takes a partial batch it would finish within the delay at once, and waits when it would not', async () => {
    for (const [batchMs, expected] of [
      [0.001, 'at once'],
      [5_000, 'coalesced'],
    ] as const) {
      // The reported run time is what the batcher learns its cost per token from.
      const { batcher, batches } = fakeBatcher({ maxQueueDelayMilliseconds: 300, batchMs });
      const results: Array<number | string> = [];
      batcher.enqueue([input(5, results)]); // the first batch teaches the cost
      while (results.length < 1) await new Promise((resolve) => setTimeout(resolve, 1));
      const started = performance.now();
      batcher.enqueue([input(5, results)]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      batcher.enqueue([input(5, results)]);
      while (results.length < 3) await new Promise((resolve) => setTimeout(resolve, 2));
      const waited = performance.now() - started;
      if (expected === 'at once') {
        expect(batches).toEqual([1, 1, 1]);
        expect(waited).toBeLessThan(250);
      } else {
        expect(batches).toEqual([1, 2]);
        expect(waited).toBeGreaterThanOrEqual(290);
      }
    }
  });
});
