// Piscina worker: builds its own tools once (eld data, xxhash WASM), then normalizes the batches it is given.
import { workerData } from 'node:worker_threads';
import type { RawItem__Output } from '@sluice/protocol';
import { createNormalizer, type NormalizeOutcome } from './normalize-batch.js';
import type { WorkerOptions } from './worker-options.js';

const normalizer = await createNormalizer(workerData as WorkerOptions);

export default function normalize(items: RawItem__Output[]): NormalizeOutcome[] {
  return normalizer.normalizeBatch(items);
}
