/** Limits how many sources one replica collects at once. */
export class Semaphore {
  #available: number;
  readonly #waiters: Array<() => void> = [];

  constructor(readonly size: number) {
    this.#available = size;
  }

  get available(): number {
    return this.#available;
  }

  /** Takes a slot; a cancelled caller (signal) leaves the queue without one. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#available > 0) this.#available -= 1;
    else {
      await new Promise<void>((resolve, reject) => {
        const granted = () => {
          signal?.removeEventListener('abort', cancelled);
          resolve();
        };
        const cancelled = () => {
          const index = this.#waiters.indexOf(granted);
          if (index >= 0) this.#waiters.splice(index, 1);
          reject(signal!.reason);
        };
        this.#waiters.push(granted);
        signal?.addEventListener('abort', cancelled, { once: true });
      });
    }
    return this.#releaser();
  }

  /** A slot now if one is free (nobody waiting), else undefined. */
  tryAcquire(): (() => void) | undefined {
    if (this.#available <= 0) return undefined;
    this.#available -= 1;
    return this.#releaser();
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next();
      else this.#available += 1;
    };
  }
}
