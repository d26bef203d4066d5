// Bounds the items sent downstream but not yet acknowledged, across all sources of this process, so a slow
// pipeline slows collection instead of growing memory. A single chunk larger than the window is admitted alone.
export class InFlightWindow {
  #used = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.#used;
  }

  async acquire(items: number): Promise<void> {
    while (this.#used > 0 && this.#used + items > this.capacity) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#used += items;
  }

  release(items: number): void {
    this.#used -= items;
    for (const wake of this.#waiters.splice(0)) wake();
  }
}
