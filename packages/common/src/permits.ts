// Counted permits (slots, a window of items, an input budget) over the priority wait queue: acquire n with an
// optional abort signal and priority, release n. Callers that pass no priority are served first come, first
// served (equal priorities age alike, so arrival decides). The one permit primitive of every service.
import { DEFAULT_PRIORITY, DEFAULT_PRIORITY_AGING_MILLISECONDS } from './priority.js';
import { PriorityWaitQueue } from './priority-wait-queue.js';

export interface PermitsOptions {
  /** A request for more than the whole capacity is granted alone (once none are held) instead of never. */
  admitOversizeAlone?: boolean;
  /** Aging of waiting requests' priorities (priority.ts); default 5 s per level. */
  agingMilliseconds?: number;
}

export interface AcquireOptions {
  /** Aborting stops the wait: the promise rejects with the signal's reason and nothing is held. */
  signal?: AbortSignal;
  /** 0..9; the most urgent waiter is served first (default 5). */
  priority?: number;
}

/**
 * @example
 * const slots = new Permits(2);
 * await slots.acquire(1, { signal });
 * try { await work(); } finally { slots.release(1); }
 */
export class Permits {
  #used = 0;
  readonly #waiting: PriorityWaitQueue<number>;
  readonly #admitOversizeAlone: boolean;

  constructor(
    readonly capacity: number,
    options: PermitsOptions = {},
  ) {
    if (!(capacity >= 0)) throw new RangeError('capacity must not be negative');
    this.#admitOversizeAlone = options.admitOversizeAlone ?? false;
    this.#waiting = new PriorityWaitQueue(
      (n) => this.#take(n),
      options.agingMilliseconds ?? DEFAULT_PRIORITY_AGING_MILLISECONDS,
    );
  }

  get used(): number {
    return this.#used;
  }

  get available(): number {
    return Math.max(0, this.capacity - this.#used);
  }

  /** Requests waiting for permits. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Resolves once n permits are held (at once when nobody waits and they fit). */
  async acquire(n = 1, options: AcquireOptions = {}): Promise<void> {
    await this.#waiting.acquire(n, options.priority ?? DEFAULT_PRIORITY, options.signal);
  }

  /** Takes n permits now and returns true, or returns false (nothing taken) when they do not fit or others wait. */
  tryAcquire(n = 1): boolean {
    return this.#waiting.size === 0 && this.#take(n);
  }

  /** Gives n permits back and grants them to waiters, most urgent first. */
  release(n = 1): void {
    this.#used -= n;
    this.#waiting.admit();
  }

  /** A function that releases n permits on its first call and does nothing after (for finally and cleanup paths). */
  releaser(n = 1): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(n);
    };
  }

  /** Fails every waiter (the owner shut down). */
  rejectAll(error: unknown): void {
    this.#waiting.rejectAll(error);
  }

  #take(n: number): boolean {
    const fits = this.#used + n <= this.capacity || (this.#admitOversizeAlone && this.#used === 0);
    if (!fits) return false;
    this.#used += n;
    return true;
  }
}
