// Groups incoming batches into transactions by size and time: a group is written when it holds
// max_transaction_items, or when its oldest batch waited max_transaction_delay_milliseconds. Up to
// `concurrency` groups are written at once. Each batch's promise resolves with its Ack after the commit.
import type { Ack, ItemBatch__Output } from '@sluice/protocol';

export interface WriteQueueOptions {
  maxItems: number;
  maxDelayMs: number;
  concurrency: number;
  write: (batches: ItemBatch__Output[]) => Promise<Ack[]>;
}

interface Pending {
  batch: ItemBatch__Output;
  size: number;
  enqueuedAt: number;
  resolve: (ack: Ack) => void;
  reject: (error: Error) => void;
}

export class WriteQueue {
  readonly #options: WriteQueueOptions;
  readonly #pending: Pending[] = [];
  #pendingItems = 0;
  #active = 0;
  #timer: NodeJS.Timeout | undefined;
  #flushAll = false;
  readonly #idleWaiters: Array<() => void> = [];

  constructor(options: WriteQueueOptions) {
    this.#options = options;
  }

  get pendingBatches(): number {
    return this.#pending.length;
  }

  get activeWrites(): number {
    return this.#active;
  }

  submit(batch: ItemBatch__Output): Promise<Ack> {
    return new Promise<Ack>((resolve, reject) => {
      const size = Math.max(1, (batch.items?.length ?? 0) + (batch.dead_letters?.length ?? 0));
      this.#pending.push({ batch, size, enqueuedAt: performance.now(), resolve, reject });
      this.#pendingItems += size;
      this.#schedule();
    });
  }

  /** Writes everything queued without waiting for the delay, and resolves when nothing is queued or writing. */
  async flush(): Promise<void> {
    this.#flushAll = true;
    this.#schedule();
    while (this.#pending.length > 0 || this.#active > 0)
      await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    this.#flushAll = false;
  }

  #schedule(): void {
    while (this.#active < this.#options.concurrency && this.#pending.length > 0) {
      const oldest = this.#pending[0]!;
      const waited = performance.now() - oldest.enqueuedAt;
      const full = this.#pendingItems >= this.#options.maxItems;
      if (!full && !this.#flushAll && waited < this.#options.maxDelayMs) {
        if (!this.#timer) {
          this.#timer = setTimeout(
            () => {
              this.#timer = undefined;
              this.#schedule();
            },
            Math.max(1, this.#options.maxDelayMs - waited),
          );
        }
        return;
      }
      this.#start(this.#take());
    }
    if (this.#pending.length === 0 && this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #take(): Pending[] {
    const group: Pending[] = [];
    let items = 0;
    while (this.#pending.length > 0) {
      const next = this.#pending[0]!;
      if (group.length > 0 && items + next.size > this.#options.maxItems) break;
      this.#pending.shift();
      group.push(next);
      items += next.size;
      this.#pendingItems -= next.size;
    }
    return group;
  }

  #start(group: Pending[]): void {
    this.#active += 1;
    this.#options
      .write(group.map((p) => p.batch))
      .then(
        (acks) =>
          group.forEach((p, i) =>
            p.resolve(acks[i] ?? { batch_id: p.batch.batch_id, error: 'no acknowledgement produced' }),
          ),
        (error: Error) => group.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        this.#active -= 1;
        this.#schedule();
        if (this.#pending.length === 0 && this.#active === 0) this.#idleWaiters.splice(0).forEach((wake) => wake());
      });
  }
}
