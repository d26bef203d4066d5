// A token bucket that hands out reservations: each caller learns how long to wait for its token, so
// concurrent callers queue in order and the rate is never exceeded, however many wait at once.

export class TokenBucket {
  #tokens: number;
  #last: number;

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
}
