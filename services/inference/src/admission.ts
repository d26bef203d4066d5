// Admission control: a bound on inputs admitted and not yet answered. External callers beyond it are
// rejected with RESOURCE_EXHAUSTED and a retry hint (never unbounded memory); the pipeline stage waits
// instead, which slows its upstream stream (backpressure).
// Built on Permits (first come, first served, a request larger than the limit admitted alone); kept as its own
// class for what only admission has: the overloaded rejection with a retry hint and the cancelled error code.
import { Permits } from '@sluice/common';
import { InferenceError } from './errors.js';

export class Admission {
  readonly #permits: Permits;
  /** EWMA of answered inputs per second, for the retry hint. */
  #rate = 0;
  #lastRelease = performance.now();

  constructor(readonly limit: number) {
    this.#permits = new Permits(limit, { admitOversizeAlone: true });
  }

  get inFlight(): number {
    return this.#permits.used;
  }

  /** Admits n inputs now or throws overloaded (also while others wait, so waiters are not overtaken). */
  tryAdmit(n: number): void {
    if (this.#permits.tryAcquire(n)) return;
    const inFlight = this.#permits.used;
    const retryAfterMs = Math.round(
      Math.min(5000, Math.max(50, this.#rate > 0 ? (inFlight / this.#rate) * 1000 : 1000)),
    );
    throw new InferenceError(
      'overloaded',
      `the inference service is at capacity (${inFlight} of ${this.limit} inputs in flight); retry in ${retryAfterMs} ms`,
      retryAfterMs,
    );
  }

  /** Waits until n inputs fit (FIFO); a cancelled caller (signal) leaves the queue with a cancelled error. */
  async admit(n: number, signal?: AbortSignal): Promise<void> {
    if (this.#permits.tryAcquire(n)) return;
    try {
      await this.#permits.acquire(n, { signal });
    } catch (error) {
      if (signal?.aborted) throw new InferenceError('cancelled', 'the caller cancelled the request');
      throw error;
    }
  }

  release(n: number): void {
    this.#permits.release(n);
    const now = performance.now();
    const seconds = Math.max(1e-3, (now - this.#lastRelease) / 1000);
    this.#lastRelease = now;
    this.#rate = this.#rate === 0 ? n / seconds : this.#rate * 0.9 + (n / seconds) * 0.1;
  }
}
