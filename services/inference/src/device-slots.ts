// The device is one executor shared by every model's queue. It has two slots: one batch running and one
// prefetched (formed and handed to the device thread before the running one ends), so the device does not
// wait for the main thread between batches. Slots are granted first come, first served across models.
export class DeviceSlots {
  #free: number;
  readonly #waiters: Array<() => void> = [];
  readonly #listeners: Array<() => void> = [];
  #running = 0;
  /** performance.now() when the batches handed to the device are expected to be done. */
  expectedIdleAt = 0;

  constructor(readonly slots = 2) {
    this.#free = slots;
  }

  get busy(): number {
    return this.slots - this.#free;
  }

  /** Called when a slot frees or a batch ends: batchers re-check whether to dispatch. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.#free -= 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.#free += 1;
          const next = this.#waiters.shift();
          if (next) next();
          else for (const listener of this.#listeners) listener();
        });
      };
      if (this.#free > 0 && this.#waiters.length === 0) grant();
      else this.#waiters.push(grant);
    });
  }

  /** Records a batch handed to the device, with its estimated duration; returns the function to end it. */
  startBatch(estimateMs: number): () => void {
    const now = performance.now();
    this.#running += 1;
    this.expectedIdleAt = Math.max(now, this.expectedIdleAt) + estimateMs;
    return () => {
      this.#running -= 1;
      if (this.#running === 0) this.expectedIdleAt = 0;
    };
  }
}
