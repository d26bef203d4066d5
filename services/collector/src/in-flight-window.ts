// Bounds the items sent downstream but not yet acknowledged, across all sources of this process, so a slow
// pipeline slows collection instead of growing memory. A single chunk larger than the window is admitted alone.
export class InFlightWindow {
  #used = 0;
  readonly #waiters = new Set<() => void>();

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.#used;
  }

  /** Waits for room; a cancelled run (signal) stops waiting and takes nothing. */
  async acquire(items: number, signal?: AbortSignal): Promise<void> {
    while (this.#used > 0 && this.#used + items > this.capacity) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        this.#waiters.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
    signal?.throwIfAborted();
    this.#used += items;
  }

  release(items: number): void {
    this.#used -= items;
    for (const wake of [...this.#waiters]) wake();
  }
}
