// Several pipeline streams behind one sender, so a stage scaled to several replicas gets work from a single
// upstream: each stream is its own gRPC call, and the channel's round_robin policy (CHANNEL_OPTIONS) puts
// successive calls on different backends when the address resolves to several (a Kubernetes headless
// Service, `dns:///transformer:19062`). Each batch goes to the stream with the fewest unacknowledged items.
import type { Ack__Output } from './generated/sluice/v1/Ack.js';
import type { ItemBatch } from './generated/sluice/v1/ItemBatch.js';
import { PipelineSender, type PipelineSenderOptions } from './pipeline-sender.js';

/** What stages, the collector and the gateway need from a sender: one stream or several. */
export interface BatchSender {
  readonly inFlightItems: number;
  /** A fresh batch id, unique to this sender (for a caller that needs the id before sending). */
  nextBatchId(): string;
  send(batch: ItemBatch): Promise<Ack__Output>;
  close(): Promise<void>;
  abort(reason?: string): void;
}

export class PipelineFanout implements BatchSender {
  readonly #senders: PipelineSender[];
  /** Items handed to each stream and not yet settled, counted synchronously (a sender counts them only once admitted). */
  readonly #assigned: number[];

  /** `maxInFlightItems` is the window of all streams together. */
  constructor(options: PipelineSenderOptions & { streams: number }) {
    const streams = Math.max(1, Math.floor(options.streams));
    const perStream = Math.max(1, Math.ceil(options.maxInFlightItems / streams));
    this.#senders = Array.from(
      { length: streams },
      () => new PipelineSender({ ...options, maxInFlightItems: perStream }),
    );
    this.#assigned = this.#senders.map(() => 0);
  }

  get inFlightItems(): number {
    return this.#senders.reduce((sum, sender) => sum + sender.inFlightItems, 0);
  }

  nextBatchId(): string {
    return this.#senders[0]!.nextBatchId();
  }

  async send(batch: ItemBatch): Promise<Ack__Output> {
    let best = 0;
    for (let i = 1; i < this.#senders.length; i += 1) if (this.#assigned[i]! < this.#assigned[best]!) best = i;
    const items = (batch.items?.length ?? 0) + (batch.dead_letters?.length ?? 0);
    this.#assigned[best]! += items;
    try {
      return await this.#senders[best]!.send(batch);
    } finally {
      this.#assigned[best]! -= items;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#senders.map((sender) => sender.close()));
  }

  abort(reason?: string): void {
    for (const sender of this.#senders) sender.abort(reason);
  }
}

/** One stream (`streams` ≤ 1) or a fan-out over several. */
export function createBatchSender(options: PipelineSenderOptions & { streams?: number }): BatchSender {
  return (options.streams ?? 1) > 1
    ? new PipelineFanout({ ...options, streams: options.streams! })
    : new PipelineSender(options);
}
