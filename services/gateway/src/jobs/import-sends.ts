// An import's batches on the gateway's push stream (the shared PipelineSender behind PushChannel): at most
// `maxInFlightBatches` of them unacknowledged, so one import never fills the window POST /v1/items shares;
// acknowledgements are added into the job's counts, and the checkpoint (resume_line: the last line of the
// longest prefix of acknowledged batches) advances.
import type { PushChannel } from '../push-channel.js';
import { toPipelineItems } from '../push-items.js';
import type { PushItem } from '../schemas.js';

export interface ImportCounts extends Record<string, number> {
  lines: number;
  invalid: number;
  bytes_read: number;
  bytes_total: number;
  file_mtime_ms: number;
  resumed_at_line: number;
  sent: number;
  stored: number;
  inserted: number;
  updated: number;
  unchanged: number;
  dead_lettered: number;
  resume_line: number;
}

export class ImportSends {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #batchEnds: Array<{ endLine: number; acked: boolean }> = [];
  /** Resolves when the job is cancelled: it also ends every wait for acknowledgements. */
  readonly #cancelled: Promise<void>;
  /** The first batch the pipeline refused: the import stops and fails with it. */
  failure: Error | undefined;

  constructor(
    private readonly options: {
      push: PushChannel;
      sourceId: string;
      counts: ImportCounts;
      maxInFlightBatches: number;
      signal: AbortSignal;
      /** After each acknowledgement (the counts changed). */
      onAck: () => void;
    },
  ) {
    const { signal } = options;
    this.#cancelled = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Sends the items (the file's lines up to `endLine`); waits while the import's batches fill its share. */
  async send(items: PushItem[], endLine: number): Promise<void> {
    if (items.length === 0) return;
    const { push, sourceId, counts, maxInFlightBatches, signal } = this.options;
    const converted = toPipelineItems({ source_id: sourceId, items }, Date.now());
    counts.sent += converted.items.length;
    const end = { endLine, acked: false };
    this.#batchEnds.push(end);
    const { ack } = push.submit({ items: converted.items }, converted.itemIds);
    const pending: Promise<void> = ack.then(
      (a) => {
        end.acked = true;
        while (this.#batchEnds[0]?.acked) counts.resume_line = this.#batchEnds.shift()!.endLine;
        counts.inserted += a.inserted;
        counts.updated += a.updated;
        counts.unchanged += a.unchanged;
        counts.dead_lettered += a.dead_lettered;
        counts.stored = counts.inserted + counts.updated + counts.unchanged;
        this.options.onAck();
      },
      (error: Error) => {
        this.failure ??= error;
      },
    );
    const tracked = pending.finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
    while (this.#inFlight.size >= maxInFlightBatches && !signal.aborted)
      await Promise.race([...this.#inFlight, this.#cancelled]);
  }

  /**
   * Waits for the acknowledgements of everything sent. After a cancel, what was sent is still acknowledged into
   * the counts and the checkpoint, for at most `cancelAckWaitMs`.
   */
  async settle(cancelAckWaitMs: number): Promise<void> {
    const acknowledged = Promise.all(this.#inFlight);
    await Promise.race([acknowledged, this.#cancelled]);
    if (!this.options.signal.aborted) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([acknowledged, new Promise((resolve) => (timer = setTimeout(resolve, cancelAckWaitMs)))]);
    clearTimeout(timer);
  }
}
