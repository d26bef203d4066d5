// Saves one run's source state, one save after the other (a later checkpoint never lands under an earlier one).
// A save the store refuses means another replica holds the source's lease: the run is told to stop.
import type { Logger } from '@sluice/service-kit';
import type { CollectorMetrics } from '../metrics.js';
import type { SourceStateRecord, SourceStateStore } from '../source-state-store.js';

export class CheckpointSaver {
  #saving: Promise<void> = Promise.resolve();
  #leaseLost = false;

  constructor(
    private readonly store: SourceStateStore,
    private readonly sourceId: string,
    private readonly leaseOwner: string | undefined,
    private readonly logger: Logger,
    private readonly metrics: CollectorMetrics | undefined,
    private readonly onLeaseLost: () => void,
  ) {}

  /** A save refused the lease: nothing this run does is saved any more. */
  get leaseLost(): boolean {
    return this.#leaseLost;
  }

  /** Queues a save; a failed one is logged (the next checkpoint or the run's end saves again). */
  save(next: SourceStateRecord): void {
    this.#saving = this.#saving.then(async () => {
      try {
        const saved = await this.store.save(next, this.leaseOwner);
        if (!saved && this.leaseOwner) this.#loseLease(this.leaseOwner);
      } catch (error) {
        this.logger.warn(
          { source_id: this.sourceId, err: error },
          'saving the source checkpoint failed; it is saved again later',
        );
      }
    });
  }

  /** Resolves when the saves queued so far are done. */
  settled(): Promise<void> {
    return this.#saving;
  }

  #loseLease(owner: string): void {
    this.logger.warn(
      { source_id: this.sourceId, owner },
      `lease on ${this.sourceId} was lost (expired or taken over); this run stops without saving`,
    );
    this.#leaseLost = true;
    this.metrics?.leases.inc({ outcome: 'lost' });
    this.onLeaseLost();
  }
}
