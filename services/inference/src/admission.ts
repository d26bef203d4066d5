// Admission control: a bound on inputs admitted and not yet answered. External callers beyond it are
// rejected with RESOURCE_EXHAUSTED and a retry hint (never unbounded memory); the pipeline stage waits
// instead, which slows its upstream stream (backpressure).
import { InferenceError } from './errors.js';

export class Admission {
  #inFlight = 0;
  readonly #waiters: Array<{ n: number; grant: () => void }> = [];
  /** EWMA of answered inputs per second, for the retry hint. */
  #rate = 0;
  #lastRelease = performance.now();

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.#inFlight;
  }

  #fits(n: number): boolean {
    // A request larger than the whole limit is admitted alone rather than never.
    return this.#inFlight + n <= this.limit || this.#inFlight === 0;
  }

  /** Admits n inputs now or throws overloaded. */
  tryAdmit(n: number): void {
    if (this.#waiters.length > 0 || !this.#fits(n)) {
      const retryAfterMs = Math.round(
        Math.min(5000, Math.max(50, this.#rate > 0 ? (this.#inFlight / this.#rate) * 1000 : 1000)),
      );
      throw new InferenceError(
        'overloaded',
        `the inference service is at capacity (${this.#inFlight} of ${this.limit} inputs in flight); retry in ${retryAfterMs} ms`,
        retryAfterMs,
      );
    }
    this.#inFlight += n;
  }

  /** Waits until n inputs fit (FIFO). */
  async admit(n: number, signal?: AbortSignal): Promise<void> {
    if (this.#waiters.length === 0 && this.#fits(n)) {
      this.#inFlight += n;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = { n, grant: () => resolve() };
      this.#waiters.push(waiter);
      signal?.addEventListener('abort', () => {
        const i = this.#waiters.indexOf(waiter);
        if (i >= 0) this.#waiters.splice(i, 1);
        reject(new InferenceError('cancelled', 'the caller cancelled the request'));
      });
    });
  }

  release(n: number): void {
    this.#inFlight -= n;
    const now = performance.now();
    const seconds = Math.max(1e-3, (now - this.#lastRelease) / 1000);
    this.#lastRelease = now;
    this.#rate = this.#rate === 0 ? n / seconds : this.#rate * 0.9 + (n / seconds) * 0.1;
    while (this.#waiters.length > 0 && this.#fits(this.#waiters[0]!.n)) {
      const waiter = this.#waiters.shift()!;
      this.#inFlight += waiter.n;
      waiter.grant();
    }
  }
}
