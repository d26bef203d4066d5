// Waiters for a shared capacity (a window of items, processing slots), served most urgent first: highest aged
// priority (priority.ts), then arrival. The most urgent waiter that does not fit yet blocks the ones behind it,
// so a large batch is not overtaken forever by small ones.
import { agedPriority } from './priority.js';

interface Waiter<T> {
  value: T;
  priority: number;
  since: number;
  arrival: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class PriorityWaitQueue<T> {
  readonly #waiting: Array<Waiter<T>> = [];
  #arrivals = 0;

  /**
   * @param take reserves capacity for a value and returns true, or returns false (nothing reserved) when it
   *   does not fit now. Called synchronously, so several waiters admitted at once never over-commit.
   */
  constructor(
    private readonly take: (value: T) => boolean,
    private readonly agingMilliseconds: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(agingMilliseconds > 0)) throw new RangeError('agingMilliseconds must be positive');
  }

  get size(): number {
    return this.#waiting.length;
  }

  /**
   * Resolves once capacity for `value` is reserved (at once when nobody waits and it fits). An aborted signal
   * rejects with its reason and reserves nothing.
   */
  acquire(value: T, priority: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#waiting.length === 0 && this.take(value)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter<T> = { value, priority, since: this.now(), arrival: this.#arrivals++, resolve, reject };
      const onAbort = () => {
        this.#remove(waiter);
        reject(signal!.reason);
        this.admit(); // the one behind it may fit
      };
      waiter.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
      this.admit(); // it may be the most urgent and fit now
    });
  }

  /** Call after capacity was freed: admits waiters, most urgent first, while they fit. */
  admit(): void {
    while (this.#waiting.length > 0) {
      const next = this.#mostUrgent();
      if (!this.take(next.value)) return;
      this.#remove(next);
      next.resolve();
    }
  }

  /** Fails every waiter (the owner shut down). */
  rejectAll(error: unknown): void {
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }

  #mostUrgent(): Waiter<T> {
    const now = this.now();
    let best = this.#waiting[0]!;
    let bestPriority = agedPriority(best.priority, now - best.since, this.agingMilliseconds);
    for (const waiter of this.#waiting) {
      const priority = agedPriority(waiter.priority, now - waiter.since, this.agingMilliseconds);
      if (priority > bestPriority || (priority === bestPriority && waiter.arrival < best.arrival)) {
        best = waiter;
        bestPriority = priority;
      }
    }
    return best;
  }

  #remove(waiter: Waiter<T>): void {
    const index = this.#waiting.indexOf(waiter);
    if (index >= 0) this.#waiting.splice(index, 1);
  }
}
