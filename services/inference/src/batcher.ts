// One model's micro-batcher: the BatchQueue plus the timers and the device slots that drive it.
// A batch is dispatched when the queue can fill one (max_batch_size or max_batch_tokens), when its
// oldest input waited max_queue_delay_milliseconds and the device is (about to be) free, or at once when
// the device is idle and would finish what is queued within that delay; the batch
// for the device's second slot is formed just before the running one ends (prefetch).
import { BatchQueue, type BatchQueueOptions, type QueueEntry } from './batch-queue.js';
import type { DeviceSlots } from './device-slots.js';
import { InferenceError } from './errors.js';
import type { InferenceMetrics } from './metrics.js';

export interface BatchOutput {
  values: Float32Array;
  rows: number;
  columns: number;
  inferenceNs: number;
}

export interface PendingInput extends QueueEntry {
  ids: Int32Array;
  resolve(result: { values: Float32Array; queueNs: number; inferenceNs: number }): void;
  reject(error: InferenceError): void;
}

export type BatchRunner = (ids: Int32Array, offsets: Int32Array) => Promise<BatchOutput>;

export interface BatcherOptions extends BatchQueueOptions {
  model: string;
  maxQueueDelayMilliseconds: number;
  /** Whether an idle device takes a partial batch it would finish within the queue delay at once. */
  partialBatchWhenIdle?: boolean;
  /** Smallest budget the OOM back-off may reach: the model's max length. */
  minBatchTokens: number;
  run: BatchRunner;
  slots: DeviceSlots;
  metrics?: InferenceMetrics;
  onBatch?: (info: { size: number; paddedTokens: number; realTokens: number }) => void;
}

export function isOutOfMemory(error: unknown): boolean {
  return /out of memory|\boom\b|bad_alloc|failed to allocate|cudaErrorMemoryAllocation/i.test(
    (error as Error)?.message ?? '',
  );
}

export class Batcher {
  readonly queue: BatchQueue<PendingInput>;
  #acquiring = false;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Infinity;
  #closed = false;
  /** EWMA of this model's batch time per padded token, for prefetch timing. */
  #msPerToken = 0;

  constructor(private readonly options: BatcherOptions) {
    this.queue = new BatchQueue<PendingInput>(options);
    options.slots.onChange(() => this.pump());
    options.metrics?.tokenBudget.set({ model: options.model }, options.maxBatchTokens);
  }

  get size(): number {
    return this.queue.size;
  }

  enqueue(entries: PendingInput[]): void {
    if (this.#closed) {
      for (const e of entries) e.reject(new InferenceError('unavailable', 'the inference service is shutting down'));
      return;
    }
    for (const e of entries) this.queue.push(e);
    this.options.metrics?.queueDepth.set({ model: this.options.model }, this.queue.size);
    this.pump();
  }

  /** Moves everything queued to `next` (the batcher of a reloaded model) and closes this one. */
  handOver(next: Batcher): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    next.enqueue(this.queue.takeAll());
  }

  /** Rejects everything queued (shutdown). */
  close(error = new InferenceError('unavailable', 'the model was unloaded')): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    const { batch, expired, cancelled } = this.queue.take(Infinity);
    for (const e of [...batch, ...expired, ...cancelled]) e.reject(error);
  }

  #wakeAt(at: number): void {
    if (at >= this.#timerAt && this.#timer) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Infinity;
        this.pump();
      },
      Math.max(0, Math.ceil(at - performance.now())),
    );
  }

  pump(): void {
    if (this.#acquiring || this.#closed || this.queue.size === 0) return;
    const now = performance.now();
    const oldest = this.queue.oldestEnqueuedAt() ?? now;
    const delayDue = oldest + this.options.maxQueueDelayMilliseconds;
    // Prefetch: form the next batch shortly before the device becomes free, not the moment a slot is.
    const deviceFreeAt = this.options.slots.expectedIdleAt - 1;
    // An idle device takes a partial batch at once when it would finish it within the queue delay: waiting
    // could not have started a fuller batch any sooner, and for a fast model (the tokenizer, not the device,
    // bounds it) the device works while the rest of a burst is still being tokenized.
    const quick =
      this.options.partialBatchWhenIdle !== false &&
      this.options.slots.busy === 0 &&
      this.#msPerToken * this.queue.paddedTokensEstimate() <= this.options.maxQueueDelayMilliseconds;
    const ready = quick || this.queue.canFillBatch() || (now >= delayDue && now >= deviceFreeAt);
    if (!ready) {
      this.#wakeAt(Math.min(Math.max(delayDue, deviceFreeAt), this.queue.earliestDeadline()));
      return;
    }
    this.#acquiring = true;
    void this.options.slots.acquire().then((release) => {
      this.#acquiring = false;
      const dispatchedAt = performance.now();
      const taken = this.queue.take(dispatchedAt);
      const metrics = this.options.metrics;
      metrics?.queueDepth.set({ model: this.options.model }, this.queue.size);
      for (const e of taken.expired)
        e.reject(new InferenceError('expired', 'the deadline passed before the input was computed'));
      for (const e of taken.cancelled) e.reject(new InferenceError('cancelled', 'the caller cancelled the request'));
      if (taken.expired.length) metrics?.rejections.inc({ reason: 'expired' }, taken.expired.length);
      if (taken.cancelled.length) metrics?.rejections.inc({ reason: 'cancelled' }, taken.cancelled.length);
      if (taken.batch.length === 0) {
        release();
        this.pump();
        return;
      }
      const estimateMs = this.#msPerToken * taken.paddedTokens;
      const end = this.options.slots.startBatch(estimateMs);
      void this.#run(taken.batch, taken.paddedTokens, taken.realTokens, dispatchedAt).finally(() => {
        end();
        release();
      });
      this.pump();
    });
  }

  async #run(batch: PendingInput[], paddedTokens: number, realTokens: number, dispatchedAt: number): Promise<void> {
    const { metrics, model } = this.options;
    const offsets = new Int32Array(batch.length + 1);
    batch.forEach((e, i) => (offsets[i + 1] = offsets[i]! + e.ids.length));
    const ids = new Int32Array(offsets[batch.length]!);
    batch.forEach((e, i) => ids.set(e.ids, offsets[i]!));
    let output: BatchOutput;
    try {
      output = await this.options.run(ids, offsets);
    } catch (error) {
      if (isOutOfMemory(error) && batch.length > 1 && paddedTokens > this.options.minBatchTokens) {
        // Halve the budget (relative to the batch that failed: a prefetched batch formed under the old
        // budget must not halve it twice) and retry these inputs first: nothing is lost.
        const budget = Math.max(
          this.options.minBatchTokens,
          Math.min(this.queue.maxBatchTokens, Math.floor(paddedTokens / 2)),
        );
        this.queue.setBudget(budget);
        metrics?.oom.inc({ model });
        metrics?.tokenBudget.set({ model }, budget);
        this.queue.requeue(batch);
        return;
      }
      const failure = new InferenceError('model_error', `model ${model} failed: ${(error as Error).message}`);
      for (const e of batch) e.reject(failure);
      return;
    }
    const ms = output.inferenceNs / 1e6;
    const perToken = ms / Math.max(1, paddedTokens);
    this.#msPerToken = this.#msPerToken === 0 ? perToken : this.#msPerToken * 0.8 + perToken * 0.2;
    metrics?.batchSize.observe({ model }, batch.length);
    metrics?.batchTokens.observe({ model }, paddedTokens);
    metrics?.paddingRatio.observe({ model }, paddedTokens > 0 ? 1 - realTokens / paddedTokens : 0);
    metrics?.computeSeconds.observe({ model }, ms / 1000);
    metrics?.items.inc({ model }, batch.length);
    metrics?.deviceBusySeconds.inc(ms / 1000);
    this.options.onBatch?.({ size: batch.length, paddedTokens, realTokens });
    batch.forEach((e, i) => {
      const queueNs = Math.round((dispatchedAt - e.enqueuedAt) * 1e6);
      metrics?.queueSeconds.observe({ model }, queueNs / 1e9);
      e.resolve({
        values: output.values.slice(i * output.columns, (i + 1) * output.columns),
        queueNs,
        inferenceNs: output.inferenceNs,
      });
    });
  }
}
