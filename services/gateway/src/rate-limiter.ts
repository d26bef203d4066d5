// Per-key token buckets: a steady rate (requests per minute) plus a burst allowance, in memory. Alone, it limits
// per gateway replica (rate_limit_scope: replica: N replicas allow up to N× the rate); SharedRateLimiter puts the
// buckets in persistence and falls back to this one when persistence is unreachable.
export interface RateDecision {
  allowed: boolean;
  limitPerMinute: number;
  remaining: number;
  /** Seconds until one request is allowed again (when refused). */
  retryAfterSeconds: number;
}

/** Per-key rate limits, local or shared: app.ts asks before every authenticated request. */
export interface ApiRateLimits {
  take(key: string, perMinute: number): RateDecision | Promise<RateDecision>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter implements ApiRateLimits {
  readonly #buckets = new Map<string, Bucket>();
  constructor(
    private readonly burstSeconds: number,
    private readonly maxBuckets = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token from `key`'s bucket; `perMinute` 0 means unlimited. */
  take(key: string, perMinute: number): RateDecision {
    if (perMinute <= 0) return { allowed: true, limitPerMinute: 0, remaining: Infinity, retryAfterSeconds: 0 };
    const perMs = perMinute / 60_000;
    const capacity = Math.max(1, (perMinute / 60) * this.burstSeconds);
    const now = this.now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= this.maxBuckets) this.#evictFull(now, perMs, capacity);
      bucket = { tokens: capacity, updatedAt: now };
      this.#buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limitPerMinute: perMinute, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      limitPerMinute: perMinute,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }

  /** Drops buckets that have refilled completely (they carry no state worth keeping). */
  #evictFull(now: number, perMs: number, capacity: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * perMs >= capacity) this.#buckets.delete(key);
    }
    if (this.#buckets.size >= this.maxBuckets) this.#buckets.clear();
  }
}
