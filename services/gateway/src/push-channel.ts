// The gateway's stream into the pipeline: POST /v1/items and webhooks send batches to the transformer on one
// PipelineSender stream and learn the outcome from the acknowledgement persistence sends after its commit.
// Outcomes of recent batches are kept (bounded) so a 202 Accepted can be followed up at its status URL.
import type { Ack__Output, ItemBatch, PipelineSender } from '@sluice/protocol';

/** What the gateway needs from a PipelineSender (kept small so tests and main wire it the same way). */
export type PushSender = Pick<PipelineSender, 'inFlightItems' | 'nextBatchId' | 'send' | 'close'>;

export type BatchOutcome =
  | { state: 'pending'; itemIds: string[]; acceptedAt: number }
  | { state: 'stored'; itemIds: string[]; acceptedAt: number; ack: Ack__Output }
  | { state: 'failed'; itemIds: string[]; acceptedAt: number; error: string };

export class PushChannel {
  readonly #recent = new Map<string, BatchOutcome>();

  constructor(
    private readonly sender: PushSender,
    private readonly maxInFlightItems: number,
    private readonly maxRemembered = 10_000,
  ) {}

  /** True when admitting `items` more would exceed twice the window (the caller answers 429). */
  wouldOverflow(items: number): boolean {
    return this.sender.inFlightItems + items > this.maxInFlightItems * 2;
  }

  /** Sends the batch; returns its id at once and a promise of its acknowledgement. */
  submit(batch: Omit<ItemBatch, 'batch_id'>, itemIds: string[]): { batchId: string; ack: Promise<Ack__Output> } {
    const batchId = this.sender.nextBatchId();
    const acceptedAt = Date.now();
    this.#remember(batchId, { state: 'pending', itemIds, acceptedAt });
    const ack = this.sender.send({ ...batch, batch_id: batchId });
    ack.then(
      (value) => this.#remember(batchId, { state: 'stored', itemIds, acceptedAt, ack: value }),
      (error: Error) => this.#remember(batchId, { state: 'failed', itemIds, acceptedAt, error: error.message }),
    );
    return { batchId, ack };
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
