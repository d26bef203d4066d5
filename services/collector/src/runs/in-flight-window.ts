// Bounds the items sent downstream but not yet acknowledged, across all sources of this process, so a slow
// pipeline slows collection instead of growing memory. A single chunk larger than the window is admitted alone.
// Sources waiting for room are served by priority, with aging (@sluice/common priority.ts): a high-priority
// source's chunk overtakes a backlog's, and a waiting backlog still gets its turn.
import { DEFAULT_PRIORITY, DEFAULT_PRIORITY_AGING_MILLISECONDS, PriorityWaitQueue } from '@sluice/common';

export class InFlightWindow {
  #used = 0;
  readonly #waiting: PriorityWaitQueue<number>;

  constructor(
    readonly capacity: number,
    agingMilliseconds = DEFAULT_PRIORITY_AGING_MILLISECONDS,
  ) {
    this.#waiting = new PriorityWaitQueue((items) => this.#take(items), agingMilliseconds);
  }

  get used(): number {
    return this.#used;
  }

  /** Waits for room; a cancelled run (signal) stops waiting and takes nothing. */
  async acquire(items: number, signal?: AbortSignal, priority = DEFAULT_PRIORITY): Promise<void> {
    await this.#waiting.acquire(items, priority, signal);
  }

  release(items: number): void {
    this.#used -= items;
    this.#waiting.admit();
  }

  #take(items: number): boolean {
    if (this.#used > 0 && this.#used + items > this.capacity) return false;
    this.#used += items;
    return true;
  }
}
