// Runs normalization on a piscina pool sized to the cores; the main thread only splits batches and moves
// them. With 0 threads it normalizes in the calling thread (tests, tiny deployments).
import { availableParallelism } from 'node:os';
import type { RawItem__Output } from '@sluice/protocol';
import { Piscina } from 'piscina';
import { createNormalizer, type NormalizeOutcome, type Normalizer } from './normalize-batch.js';
import type { WorkerOptions } from './worker-options.js';

export interface NormalizerPool {
  readonly threads: number;
  normalize(items: RawItem__Output[]): Promise<NormalizeOutcome[]>;
  /** Tasks waiting for a free thread (a gauge). */
  readonly queued: number;
  close(): Promise<void>;
}

/** Smallest slice sent to one thread: below this the message passing costs more than it saves. */
const MIN_ITEMS_PER_TASK = 16;

export function resolveThreads(setting: 'auto' | number): number {
  return setting === 'auto' ? Math.max(1, availableParallelism()) : setting;
}

export async function createNormalizerPool(threads: number, options: WorkerOptions): Promise<NormalizerPool> {
  if (threads === 0) {
    const normalizer: Normalizer = await createNormalizer(options);
    return {
      threads: 0,
      queued: 0,
      normalize: async (items) => normalizer.normalizeBatch(items),
      close: async () => {},
    };
  }
  const pool = new Piscina({
    filename: new URL('./normalize-worker-entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    workerData: options,
    idleTimeout: Number.POSITIVE_INFINITY,
    // A few tasks queued per thread keep every core busy while the main thread moves the next batch.
    maxQueue: threads * 64,
  });
  // Start every thread now (eld data loads in ~0.3 s) so the first batch does not pay for it.
  await Promise.all(Array.from({ length: threads }, () => pool.run([])));
  return {
    threads,
    get queued() {
      return pool.queueSize;
    },
    async normalize(items) {
      if (items.length === 0) return [];
      const size = Math.max(MIN_ITEMS_PER_TASK, Math.ceil(items.length / threads));
      const slices: RawItem__Output[][] = [];
      for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size));
      const results = await Promise.all(slices.map((slice) => pool.run(slice) as Promise<NormalizeOutcome[]>));
      return results.flat();
    },
    close: () => pool.destroy(),
  };
}
