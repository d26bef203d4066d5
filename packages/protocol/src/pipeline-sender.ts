// The sending half of a pipeline stream: used by the collector, the gateway's push route and every relay
// stage for its downstream. It keeps a window of unacknowledged items (flow control: a slow downstream
// stops the sender, memory stays bounded), resends unacknowledged batches after a broken stream
// (at-least-once; persistence is idempotent), and retries batches acknowledged with an error. Batches waiting
// for room are admitted by priority, with aging (@sluice/common priority.ts).
import type * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { DEFAULT_PRIORITY_AGING_MILLISECONDS, PriorityWaitQueue, backoffMs, batchPriority } from '@sluice/common';
import type { Ack__Output } from './generated/sluice/v1/Ack.js';
import type { ItemBatch } from './generated/sluice/v1/ItemBatch.js';

export type PipelineStream = grpc.ClientDuplexStream<ItemBatch, Ack__Output>;

export interface PipelineSenderOptions {
  /** Opens a new stream to the downstream stage (with its deadline). Called again after a stream breaks. */
  connect: () => PipelineStream;
  /** Most items sent but not yet acknowledged; `send` waits beyond it. A single larger batch is still admitted alone. */
  maxInFlightItems: number;
  /** Most batches sent but not yet acknowledged. */
  maxInFlightBatches?: number;
  /** Backoff between reconnects and retries of failed batches: full jitter up to min(max, initial·2^attempt). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Give up on a batch after this many error acknowledgements (default: never). */
  maxAttempts?: number;
  /**
   * Batches waiting for room are admitted most urgent first (their most urgent item's priority); waiting this
   * long raises a batch's priority by one level (starvation protection; default 5000).
   */
  priorityAgingMilliseconds?: number;
  onEvent?: (event: SenderEvent) => void;
}

export type SenderEvent =
  | { kind: 'stream_broken'; error: string; pendingBatches: number }
  | { kind: 'reconnected'; resentBatches: number }
  | { kind: 'batch_retry'; batchId: string; attempt: number; error: string };

interface Pending {
  batch: ItemBatch;
  items: number;
  attempts: number;
  sentOnStream: number;
  resolve: (ack: Ack__Output) => void;
  reject: (error: Error) => void;
}

export class SenderClosedError extends Error {
  override readonly name = 'SenderClosedError';
}

export class PipelineSender {
  readonly #options: Required<Omit<PipelineSenderOptions, 'onEvent'>> & Pick<PipelineSenderOptions, 'onEvent'>;
  readonly #pending = new Map<string, Pending>();
  readonly #waiters: Array<() => void> = [];
  readonly #admission: PriorityWaitQueue<number>;
  readonly #idPrefix = randomUUID().slice(0, 8);
  #sequence = 0;
  /** Items and batches admitted to the window (reserved at admission, released at the acknowledgement). */
  #inFlightItems = 0;
  #admittedBatches = 0;
  #stream: PipelineStream | undefined;
  #streamGeneration = 0;
  #reconnectAttempts = 0;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closing = false;
  #aborted = false;

  constructor(options: PipelineSenderOptions) {
    this.#options = {
      maxInFlightBatches: 64,
      initialBackoffMs: 100,
      maxBackoffMs: 5_000,
      maxAttempts: Infinity,
      ...options,
      priorityAgingMilliseconds: options.priorityAgingMilliseconds ?? DEFAULT_PRIORITY_AGING_MILLISECONDS,
    };
    this.#admission = new PriorityWaitQueue((items) => this.#reserve(items), this.#options.priorityAgingMilliseconds);
  }

  get inFlightItems(): number {
    return this.#inFlightItems;
  }

  get inFlightBatches(): number {
    return this.#pending.size;
  }

  /** A batch id unique to this sender. */
  nextBatchId(): string {
    this.#sequence += 1;
    return `${this.#idPrefix}-${this.#sequence}`;
  }

  /** Waits for window capacity, sends the batch, and resolves with its (successful) acknowledgement. */
  async send(batch: ItemBatch): Promise<Ack__Output> {
    if (this.#aborted) throw new SenderClosedError('sender was aborted');
    const items = (batch.items?.length ?? 0) + (batch.dead_letters?.length ?? 0);
    await this.#admission.acquire(items, batchPriority(batch.items));
    if (this.#aborted) throw new SenderClosedError('sender was aborted'); // abort() cleared the reservation
    const batchId = batch.batch_id || this.nextBatchId();
    const toSend = { ...batch, batch_id: batchId };
    return new Promise<Ack__Output>((resolve, reject) => {
      this.#pending.set(batchId, { batch: toSend, items, attempts: 0, sentOnStream: -1, resolve, reject });
      this.#write(batchId);
    });
  }

  /** Resolves once every sent batch is acknowledged, then ends the stream. */
  async close(): Promise<void> {
    this.#closing = true;
    while (this.#pending.size > 0 && !this.#aborted) await this.#waitForChange();
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) {
      await new Promise<void>((resolve) => {
        stream.once('status', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
        setTimeout(resolve, 2_000).unref();
      });
    }
    clearTimeout(this.#reconnectTimer);
  }

  /** Drops the stream and fails every pending batch (the caller went away). */
  abort(reason = 'aborted'): void {
    this.#aborted = true;
    clearTimeout(this.#reconnectTimer);
    this.#stream?.cancel();
    this.#stream = undefined;
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.reject(new SenderClosedError(reason));
    }
    this.#inFlightItems = 0;
    this.#admittedBatches = 0;
    this.#admission.rejectAll(new SenderClosedError(reason));
    this.#wakeWaiters();
  }

  /** Admission: room for one more batch of `items`, or the window is empty (a larger batch goes alone). */
  #reserve(items: number): boolean {
    const fits =
      this.#admittedBatches === 0 ||
      (this.#inFlightItems + items <= this.#options.maxInFlightItems &&
        this.#admittedBatches < this.#options.maxInFlightBatches);
    if (!fits) return false;
    this.#inFlightItems += items;
    this.#admittedBatches += 1;
    return true;
  }

  #release(items: number): void {
    this.#inFlightItems -= items;
    this.#admittedBatches -= 1;
    this.#admission.admit();
  }

  #waitForChange(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #wakeWaiters(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  #ensureStream(): PipelineStream | undefined {
    if (this.#stream || this.#aborted) return this.#stream;
    if (this.#reconnectTimer) return undefined; // a reconnect is scheduled
    const generation = ++this.#streamGeneration;
    const stream = this.#options.connect();
    this.#stream = stream;
    stream.on('data', (ack: Ack__Output) => this.#onAck(ack));
    const broken = (error: string) => {
      if (this.#stream !== stream) return;
      this.#stream = undefined;
      if (this.#aborted) return;
      this.#options.onEvent?.({ kind: 'stream_broken', error, pendingBatches: this.#pending.size });
      if (this.#pending.size > 0) this.#scheduleReconnect();
    };
    stream.on('error', (error: grpc.ServiceError) => broken(error.details || error.message));
    stream.on('end', () => broken('stream ended by the server'));
    if (generation > 1) {
      this.#options.onEvent?.({ kind: 'reconnected', resentBatches: this.#pending.size });
    }
    return stream;
  }

  #scheduleReconnect(): void {
    if (this.#reconnectTimer) return;
    this.#reconnectAttempts += 1;
    const delay = this.#backoff(this.#reconnectAttempts);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#aborted) return;
      const stream = this.#ensureStream();
      if (!stream) return;
      // Everything not yet acknowledged goes out again on the new stream, in order.
      for (const id of this.#pending.keys()) this.#write(id);
    }, delay);
    this.#reconnectTimer.unref?.();
  }

  #backoff(attempt: number): number {
    const { initialBackoffMs: initialMs, maxBackoffMs: maxMs } = this.#options;
    return backoffMs(attempt, { initialMs, maxMs, jitter: 'full' });
  }

  #write(batchId: string): void {
    const pending = this.#pending.get(batchId);
    if (!pending) return;
    const stream = this.#ensureStream();
    if (!stream) return; // resent after reconnect
    if (pending.sentOnStream === this.#streamGeneration) return;
    pending.sentOnStream = this.#streamGeneration;
    stream.write(pending.batch);
  }

  #onAck(ack: Ack__Output): void {
    const pending = this.#pending.get(ack.batch_id);
    if (!pending) return; // duplicate ack of a resent batch
    this.#reconnectAttempts = 0;
    if (ack.error) {
      pending.attempts += 1;
      if (pending.attempts >= this.#options.maxAttempts) {
        this.#settle(ack.batch_id);
        pending.reject(new Error(`batch ${ack.batch_id} failed ${pending.attempts} times: ${ack.error}`));
        return;
      }
      this.#options.onEvent?.({
        kind: 'batch_retry',
        batchId: ack.batch_id,
        attempt: pending.attempts,
        error: ack.error,
      });
      pending.sentOnStream = -1;
      setTimeout(() => this.#write(ack.batch_id), this.#backoff(pending.attempts)).unref?.();
      return;
    }
    this.#settle(ack.batch_id);
    pending.resolve(ack);
  }

  #settle(batchId: string): void {
    const pending = this.#pending.get(batchId);
    if (!pending) return;
    this.#pending.delete(batchId);
    this.#release(pending.items);
    this.#wakeWaiters();
  }
}
