// A token bucket that hands out reservations: each caller learns how long to wait for its token, so
// concurrent callers queue in order and the rate is never exceeded, however many wait at once.

export class TokenBucket {
  #tokens: number;
  #last: number;
  #lastSent = -Infinity;
  #pending = 0;

  /**
   * @param ratePerSecond tokens added per second
   * @param capacity the burst: tokens available at once (1 = strictly spaced requests)
   */
  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    if (!(capacity >= 1)) throw new RangeError('capacity must be >= 1');
    this.#tokens = capacity;
    this.#last = now();
  }

  /** Takes one token; returns the milliseconds the caller must wait before using it (0 = now). */
  reserve(): number {
    const now = this.now();
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#last) / 1000) * this.ratePerSecond);
    this.#last = now;
    this.#tokens -= 1;
    if (this.#tokens >= 0) return 0;
    return Math.ceil((-this.#tokens / this.ratePerSecond) * 1000);
  }

  /** Gives back a reserved token that was never used (its caller was cancelled while waiting for it). */
  refund(): void {
    this.#tokens = Math.min(this.capacity, this.#tokens + 1);
  }

  /**
   * Without a burst, requests must also be spaced by 1/rate as actually written to the socket: a request
   * delayed after its token (a busy event loop, a new connection) must not shorten the gap to the next one.
   * Returns the milliseconds still to wait; 0 means "send now", and the caller must report with `sent()`.
   */
  spacing(): number {
    if (this.capacity > 1) return 0;
    if (this.#pending > 0) return 5; // the previous request is not on the wire yet
    const now = this.now();
    const wait = Math.ceil(this.#lastSent + 1000 / this.ratePerSecond - now);
    if (wait > 0) return wait;
    this.#pending += 1;
    this.#lastSent = now;
    return 0;
  }

  /** The request admitted by `spacing()` was written now (true), or failed before it was written (false). */
  sent(written: boolean): void {
    if (this.capacity > 1) return;
    this.#pending = Math.max(0, this.#pending - 1);
    if (written) this.#lastSent = Math.max(this.#lastSent, this.now());
  }
}
