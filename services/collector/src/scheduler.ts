// The scheduled loop: every tick, lease the due sources this replica has room for (leases make replicas
// share sources without polling one twice; a dead replica's leases expire), run them, release the lease. With
// more due sources than free slots, the most urgent are leased first (priority, aged by how long they are overdue).
import { DEFAULT_PRIORITY } from '@sluice/common';
import type { Logger } from '@sluice/service-kit';
import type { Collector } from './collector.js';
import type { CollectorMetrics } from './metrics.js';
import { RunProgressCounter } from './runs/run-progress.js';
import type { CollectorSettings } from './settings.js';
import { emptyState, type SourceStateStore } from './source-state-store.js';

export class Scheduler {
  readonly progress = new RunProgressCounter();
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #renewTimer: NodeJS.Timeout | undefined;
  readonly #leased = new Set<string>();

  constructor(
    private readonly collector: Collector,
    private readonly store: SourceStateStore,
    private readonly settings: CollectorSettings,
    private readonly owner: string,
    private readonly logger: Logger,
    private readonly metrics?: CollectorMetrics,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.tick(), this.settings.schedule_tick_milliseconds);
    this.#timer.unref();
    // Long runs (bulk imports) keep their leases alive.
    this.#renewTimer = setInterval(
      () => void this.#renew(),
      Math.max(250, (this.settings.lease_duration_seconds * 1000) / 3),
    );
    this.#renewTimer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    clearInterval(this.#renewTimer);
  }

  /** Makes sources due now (RunSources without wait_until_done); the next tick picks them up. */
  async trigger(ids: string[]): Promise<void> {
    const states = await this.store.get(ids);
    await Promise.all(ids.map((id) => this.store.save({ ...(states.get(id) ?? emptyState(id)), next_fetch_ms: 0 })));
    void this.tick();
  }

  async tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      const running = new Set(this.collector.runningSourceIds);
      const due = this.collector.sources.filter((s) => s.enabled && !running.has(s.id));
      const candidates = due.map((s) => s.id);
      const priorities = new Map(due.map((s) => [s.id, s.priority]));
      // Healthy and degraded sources are leased for their own pools, so failing or slow sources that are due
      // never take the room of healthy ones (and the other way round).
      const granted: string[] = [];
      for (const degraded of [false, true]) {
        const pool = candidates.filter((id) => this.collector.isDegraded(id) === degraded);
        const room = this.collector.freeSlots(degraded);
        if (pool.length === 0 || room <= 0) continue;
        const ranking = {
          priorities: pool.map((id) => priorities.get(id) ?? DEFAULT_PRIORITY),
          agingMs: this.settings.schedule_priority_aging_seconds * 1000,
        };
        granted.push(
          ...(await this.store.lease(this.owner, pool, room, this.settings.lease_duration_seconds * 1000, ranking))
            .sourceIds,
        );
      }
      const lease = { sourceIds: granted };
      for (const id of lease.sourceIds) {
        this.#leased.add(id);
        this.metrics?.leases.inc({ outcome: 'granted' });
        this.progress.sourcesTotal += 1;
        void this.collector.runSource(id, this.progress, this.owner).finally(async () => {
          this.progress.sourcesDone += 1;
          this.#leased.delete(id);
          this.metrics?.leases.inc({ outcome: 'released' });
          await this.store
            .release(this.owner, [id])
            .catch((error: Error) =>
              this.logger.warn({ source_id: id, err: error }, 'releasing the lease failed; it expires'),
            );
        });
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'scheduler tick failed (persistence unavailable?); retrying next tick');
    } finally {
      this.#ticking = false;
    }
  }

  async #renew(): Promise<void> {
    if (this.#leased.size === 0) return;
    await this.store
      .lease(this.owner, [...this.#leased], this.#leased.size, this.settings.lease_duration_seconds * 1000)
      .catch(() => undefined);
  }
}
