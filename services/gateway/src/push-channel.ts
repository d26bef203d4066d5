// The gateway's stream into the pipeline: POST /v1/items and webhooks send batches to the transformer on one
// PipelineSender stream and learn the outcome from the acknowledgement persistence sends after its commit.
// Outcomes of recent batches are kept (bounded) so a 202 Accepted can be followed up at its status URL.
import type { Ack__Output, BatchSender, ItemBatch, SenderEvent } from '@sluice/protocol';

/** What the gateway needs from a sender (kept small so tests and main wire it the same way). */
export type PushSender = Pick<BatchSender, 'inFlightItems' | 'nextBatchId' | 'send' | 'close'>;

export type BatchOutcome =
  | { state: 'pending'; itemIds: string[]; acceptedAt: number }
  | { state: 'stored'; itemIds: string[]; acceptedAt: number; ack: Ack__Output }
  | { state: 'failed'; itemIds: string[]; acceptedAt: number; error: string };

export class PushChannel {
  readonly #recent = new Map<string, BatchOutcome>();
  /** Items submitted and not yet acknowledged: in the sender's window and waiting for room in it. */
  #admittedItems = 0;
  /** Acknowledged items per second (exponentially smoothed), for Retry-After. */
  #drainPerSecond = 0;
  #lastDrainAt = Date.now();
  #drainedSince = 0;
  #lastAckAt = 0;
  /** When the push stream last broke (0: never); no ack since then means the pipeline is down. */
  #brokenAt = 0;

  constructor(
    private readonly sender: PushSender,
    private readonly maxInFlightItems: number,
    private readonly maxRemembered = 10_000,
  ) {}

  /** Items accepted and not yet acknowledged (what an overloaded pipeline makes grow). */
  get admittedItems(): number {
    return this.#admittedItems;
  }

  /**
   * True when admitting `items` more would hold more than twice the window in the gateway (the caller answers
   * 429). Counts items still waiting for room in the sender's window, not only those sent: a pipeline slower
   * than its clients would otherwise let waiting requests, and their bodies, pile up without bound.
   */
  wouldOverflow(items: number): boolean {
    return this.#admittedItems > 0 && this.#admittedItems + items > this.maxInFlightItems * 2;
  }

  /**
   * The push stream broke and nothing was acknowledged since: the pipeline is down rather than slow (503, not
   * 429). Time since the last ack cannot tell the two apart: under overload the push stream's batches wait
   * behind the collector's in the transformer, and its acks can come minutes apart while items are stored.
   */
  stalled(): boolean {
    return this.#admittedItems > 0 && this.#brokenAt > this.#lastAckAt;
  }

  /** The sender's events (PipelineSenderOptions.onEvent). */
  onStreamEvent(event: SenderEvent): void {
    if (event.kind === 'stream_broken') this.#brokenAt = Date.now();
  }

  /** Seconds until the admitted items have drained at the recent acknowledgement rate (1..30). */
  retryAfterSeconds(): number {
    this.#sampleDrain();
    if (this.#drainPerSecond <= 0) return 5;
    return Math.min(30, Math.max(1, Math.ceil((this.#admittedItems - this.maxInFlightItems) / this.#drainPerSecond)));
  }

  /** Sends the batch; returns its id at once and a promise of its acknowledgement. */
  submit(batch: Omit<ItemBatch, 'batch_id'>, itemIds: string[]): { batchId: string; ack: Promise<Ack__Output> } {
    const batchId = this.sender.nextBatchId();
    const acceptedAt = Date.now();
    const size = (batch.items?.length ?? 0) + (batch.dead_letters?.length ?? 0);
    this.#admittedItems += size;
    this.#remember(batchId, { state: 'pending', itemIds, acceptedAt });
    const ack = this.sender.send({ ...batch, batch_id: batchId });
    ack.then(
      (value) => {
        this.#settle(size, true);
        this.#remember(batchId, { state: 'stored', itemIds, acceptedAt, ack: value });
      },
      (error: Error) => {
        this.#settle(size, false);
        this.#remember(batchId, { state: 'failed', itemIds, acceptedAt, error: error.message });
      },
    );
    return { batchId, ack };
  }

  #settle(size: number, stored: boolean): void {
    this.#admittedItems -= size;
    if (stored) {
      this.#drainedSince += size;
      this.#lastAckAt = Date.now();
    }
    this.#sampleDrain();
  }

  #sampleDrain(): void {
    const now = Date.now();
    const elapsed = now - this.#lastDrainAt;
    if (elapsed < 1_000) return;
    const rate = (this.#drainedSince * 1000) / elapsed;
    this.#drainPerSecond = this.#drainPerSecond === 0 ? rate : 0.5 * this.#drainPerSecond + 0.5 * rate;
    this.#drainedSince = 0;
    this.#lastDrainAt = now;
  }

  outcome(batchId: string): BatchOutcome | undefined {
    return this.#recent.get(batchId);
  }

  close(): Promise<void> {
    return this.sender.close();
  }

  #remember(batchId: string, outcome: BatchOutcome): void {
    this.#recent.delete(batchId);
    this.#recent.set(batchId, outcome);
    if (this.#recent.size > this.maxRemembered) {
      const oldest = this.#recent.keys().next().value;
      if (oldest !== undefined) this.#recent.delete(oldest);
    }
  }
}
