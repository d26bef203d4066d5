// The device is one executor shared by every model's queue. It has two slots: one batch running and one
// prefetched (formed and handed to the device thread before the running one ends), so the device does not
// wait for the main thread between batches. Slots are granted first come, first served across models.
// Kept apart from a bare Permits for what only the device has: change listeners and the expected idle time.
import { Permits } from '@sluice/common';

export class DeviceSlots {
  readonly #slots: Permits;
  readonly #listeners: Array<() => void> = [];
  #running = 0;
  /** performance.now() when the batches handed to the device are expected to be done. */
  expectedIdleAt = 0;

  constructor(readonly slots = 2) {
    this.#slots = new Permits(slots);
  }

  get busy(): number {
    return this.#slots.used;
  }

  /** Called when a slot frees or a batch ends: batchers re-check whether to dispatch. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** Waits for a slot (first come, first served); the function it returns gives the slot back once. */
  async acquire(): Promise<() => void> {
    await this.#slots.acquire(1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A waiting batcher takes the slot at once; otherwise the batchers are told a slot is free.
      const handedOver = this.#slots.waiting > 0;
      this.#slots.release(1);
      if (!handedOver) for (const listener of this.#listeners) listener();
    };
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
