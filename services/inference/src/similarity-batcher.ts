// Similarity requests (queries × keys: interest profiles, a novelty window) batched across callers and run by
// the similarity graph on the device (worker/similarity-session.ts). Requests arriving within the queue delay,
// or while the device is busy, are taken together; those with the same keys (the scorer replicas' profile set)
// and the same k become one run with their queries concatenated, the others run one after another in the same
// device slot. The slot is shared with the models' batchers (device-slots.ts), so the device serves both.
import { createHash } from 'node:crypto';
import { similarityGraph } from '@sluice/models';
import type { Logger } from '@sluice/service-kit';
import type { DeviceSlots } from './device-slots.js';
import { InferenceError, asInferenceError } from './errors.js';
import type { InferenceMetrics } from './metrics.js';
import type { InferenceSettings } from './settings.js';
import type { WorkerClient } from './worker/worker-rpc.js';
import type { SimilarityRun } from './worker/similarity-session.js';

export interface SimilarityInput {
  /** Row-major [rows, dimensions]. */
  queries: Float32Array;
  /** Row-major [keyRows, dimensions]. */
  keys: Float32Array;
  rows: number;
  keyRows: number;
  dimensions: number;
  /** 0: every score; k > 0: each row's k best (capped at keyRows). */
  topK: number;
}

export interface SimilarityOutput {
  /** rows × keyRows, or rows × k when topK > 0. */
  scores: Float32Array;
  /** rows × k key indices (topK > 0). */
  indices: Int32Array;
  k: number;
  provider: string;
}

export type SimilarityRunner = (
  run: SimilarityRun,
) => Promise<{ scores: Float32Array; indices: Int32Array; inferenceNs: number }>;

export interface SimilarityBatcherOptions {
  slots: DeviceSlots;
  run: SimilarityRunner;
  provider: string;
  /** How long the first request waits for others to join it (max_queue_delay_milliseconds). */
  maxQueueDelayMilliseconds: number;
  /** After each device run: how many callers' requests it served (benchmarks, tests). */
  onRun?: (info: { requests: number; rows: number; keyRows: number; inferenceNs: number }) => void;
}

interface Pending {
  input: SimilarityInput;
  k: number;
  group: string;
  resolve(output: SimilarityOutput): void;
  reject(error: InferenceError): void;
}

export class SimilarityBatcher {
  #queue: Pending[] = [];
  #scheduled = false;

  constructor(private readonly options: SimilarityBatcherOptions) {}

  get provider(): string {
    return this.options.provider;
  }

  compute(input: SimilarityInput): Promise<SimilarityOutput> {
    const { rows, keyRows, dimensions } = input;
    if (input.queries.length !== rows * dimensions || input.keys.length !== keyRows * dimensions)
      throw new InferenceError('invalid_input', 'query and profile vectors must all have the same length');
    const k = input.topK > 0 ? Math.min(input.topK, keyRows) : 0;
    if (rows === 0 || keyRows === 0 || dimensions === 0)
      return Promise.resolve({ scores: new Float32Array(0), indices: new Int32Array(0), k, provider: this.provider });
    // Same keys and k: one run. Hashing the keys (~1 ms per MB) is far cheaper than a second run.
    const digest = createHash('sha1').update(
      new Uint8Array(input.keys.buffer, input.keys.byteOffset, input.keys.byteLength),
    );
    const group = `${dimensions}:${keyRows}:${k}:${digest.digest('base64')}`;
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, k, group, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => void this.#dispatch(), this.options.maxQueueDelayMilliseconds);
  }

  async #dispatch(): Promise<void> {
    const release = await this.options.slots.acquire();
    // Everything queued so far, including what arrived while the slot was busy; later arrivals schedule anew.
    const taken = this.#queue;
    this.#queue = [];
    this.#scheduled = false;
    const groups = new Map<string, Pending[]>();
    for (const p of taken) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
    const end = this.options.slots.startBatch(1);
    try {
      for (const group of groups.values()) await this.#runGroup(group);
    } finally {
      end();
      release();
    }
  }

  async #runGroup(group: Pending[]): Promise<void> {
    const { keys, keyRows, dimensions } = group[0]!.input;
    const k = group[0]!.k;
    const rows = group.reduce((sum, p) => sum + p.input.rows, 0);
    const queries = new Float32Array(rows * dimensions);
    let at = 0;
    for (const p of group) {
      queries.set(p.input.queries, at * dimensions);
      at += p.input.rows;
    }
    let result: Awaited<ReturnType<SimilarityRunner>>;
    try {
      result = await this.options.run({ queries, keys, rows, keyRows, dimensions, k });
    } catch (error) {
      const failure = asInferenceError(error);
      for (const p of group) p.reject(failure);
      return;
    }
    this.options.onRun?.({ requests: group.length, rows, keyRows, inferenceNs: result.inferenceNs });
    const columns = k > 0 ? k : keyRows;
    let row = 0;
    for (const p of group) {
      const from = row * columns;
      const to = (row + p.input.rows) * columns;
      p.resolve({
        scores: result.scores.slice(from, to),
        indices: k > 0 ? result.indices.slice(from, to) : new Int32Array(0),
        k,
        provider: this.provider,
      });
      row += p.input.rows;
    }
  }
}

/** Loads the similarity graph in the device thread (on the provider the models settled on) and batches for it. */
export async function startSimilarityBatcher(
  device: WorkerClient,
  slots: DeviceSlots,
  options: {
    settings: InferenceSettings;
    logger: Logger;
    metrics?: InferenceMetrics;
  },
): Promise<SimilarityBatcher> {
  const { provider, tried } = await device.call<{ provider: string; tried: string[] }>('loadSimilarity', {
    graph: similarityGraph(),
    device: options.settings.device,
  });
  options.logger.info({ provider, tried }, 'similarity graph loaded');
  return new SimilarityBatcher({
    slots,
    provider,
    run: (args) => device.call('similarity', args, [args.queries.buffer as ArrayBuffer]),
    maxQueueDelayMilliseconds: options.settings.max_queue_delay_milliseconds,
    onRun: ({ requests, inferenceNs }) => {
      options.metrics?.similarityRequests.observe(requests);
      options.metrics?.deviceBusySeconds.inc(inferenceNs / 1e9);
    },
  });
}
