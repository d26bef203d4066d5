// Per-key API rate limits shared by every gateway replica: the bucket lives in persistence (SharedState
// TakeRateTokens, refilled by the database's clock), so two replicas together allow what one would.
//
// Fast path: a replica reserves a few tokens at a time (about `reserveMilliseconds` of the key's rate, at least
// one) and spends them locally, so most requests take a token without a call; it reserves the next ones in the
// background when half are spent. The trade-off: tokens a replica reserved and did not spend are lost to the
// others (the limit errs on the strict side), and they expire after RESERVATION_LIFETIME_MS so an idle replica
// does not hold them. A refusal is remembered until the retry time persistence gave, so a key over its limit
// costs no calls either.
//
// Persistence unreachable (or slower than the call's deadline): each replica limits alone with its local
// RateLimiter (N replicas then allow up to N× the rate) and tries the shared bucket again after `retryAfterMs`.
import { call, type SharedStateClient } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import { RateLimiter, type ApiRateLimits, type RateDecision } from './rate-limiter.js';

/** Reserved tokens not spent within this time are dropped (they may belong to a bucket that refilled since). */
export const RESERVATION_LIFETIME_MS = 1000;

export interface SharedRateLimiterOptions {
  client: SharedStateClient;
  /** Bucket size as a multiple of one second's rate (gateway.rate_limit_burst_seconds). */
  burstSeconds: number;
  /** Tokens reserved per call, in milliseconds of the key's rate. */
  reserveMilliseconds: number;
  /** Deadline of one TakeRateTokens call. */
  timeoutMs: number;
  /** After a failed call, how long every key is limited locally before the shared bucket is tried again. */
  retryAfterMs: number;
  logger: Logger;
  /** Counts decisions made by the local fallback (persistence unreachable). */
  onFallback?: () => void;
  maxKeys?: number;
  now?: () => number;
}

interface Reservation {
  tokens: number;
  expiresAt: number;
  /** Tokens the shared bucket had left at the last call (for the RateLimit-Remaining header). */
  sharedRemaining: number;
  /** Refused by the shared bucket until then. */
  refusedUntil: number;
  refill?: Promise<void>;
}

export class SharedRateLimiter implements ApiRateLimits {
  readonly #options: SharedRateLimiterOptions;
  readonly #local: RateLimiter;
  readonly #reservations = new Map<string, Reservation>();
  #offlineUntil = 0;

  constructor(options: SharedRateLimiterOptions) {
    this.#options = options;
    this.#local = new RateLimiter(options.burstSeconds, options.maxKeys, options.now);
  }

  take(key: string, perMinute: number): RateDecision | Promise<RateDecision> {
    if (perMinute <= 0) return { allowed: true, limitPerMinute: 0, remaining: Infinity, retryAfterSeconds: 0 };
    const decided = this.#takeReserved(key, perMinute);
    return decided ?? this.#takeAfterRefill(key, perMinute);
  }

  /** The synchronous path: a reserved token, a remembered refusal, or the local fallback; undefined: call. */
  #takeReserved(key: string, perMinute: number): RateDecision | undefined {
    const now = this.#now();
    if (now < this.#offlineUntil) {
      this.#options.onFallback?.();
      return this.#local.take(key, perMinute);
    }
    const reservation = this.#reservation(key, now);
    if (reservation.tokens >= 1) {
      reservation.tokens -= 1;
      if (reservation.tokens < this.#reserveSize(perMinute) / 2) void this.#refill(key, reservation, perMinute);
      return {
        allowed: true,
        limitPerMinute: perMinute,
        remaining: Math.floor(reservation.sharedRemaining + reservation.tokens),
        retryAfterSeconds: 0,
      };
    }
    if (now < reservation.refusedUntil)
      return {
        allowed: false,
        limitPerMinute: perMinute,
        remaining: 0,
        retryAfterSeconds: Math.max(1, Math.ceil((reservation.refusedUntil - now) / 1000)),
      };
    return undefined;
  }

  async #takeAfterRefill(key: string, perMinute: number): Promise<RateDecision> {
    // Requests arriving together share one call; a grant smaller than the crowd sends the rest round again.
    for (let round = 0; round < 4; round++) {
      await this.#refill(key, this.#reservation(key, this.#now()), perMinute);
      const decided = this.#takeReserved(key, perMinute);
      if (decided) return decided;
    }
    return { allowed: false, limitPerMinute: perMinute, remaining: 0, retryAfterSeconds: 1 };
  }

  #refill(key: string, reservation: Reservation, perMinute: number): Promise<void> {
    reservation.refill ??= this.#call(key, reservation, perMinute).finally(() => {
      reservation.refill = undefined;
    });
    return reservation.refill;
  }

  async #call(key: string, reservation: Reservation, perMinute: number): Promise<void> {
    const { client, timeoutMs, burstSeconds } = this.#options;
    try {
      const response = await call(
        client,
        'TakeRateTokens',
        {
          key: `api:${key}`,
          per_minute: perMinute,
          capacity: Math.max(1, (perMinute / 60) * burstSeconds),
          want: this.#reserveSize(perMinute),
        },
        timeoutMs,
      );
      const now = this.#now();
      reservation.tokens += response.granted;
      reservation.expiresAt = now + RESERVATION_LIFETIME_MS;
      reservation.sharedRemaining = response.remaining;
      reservation.refusedUntil = response.granted > 0 ? 0 : now + Number(response.retry_after_ms);
    } catch (error) {
      this.#offlineUntil = this.#now() + this.#options.retryAfterMs;
      this.#options.logger.warn(
        { err: error, retry_in_ms: this.#options.retryAfterMs },
        'shared rate limits unreachable; each gateway replica limits alone',
      );
    }
  }

  #reservation(key: string, now: number): Reservation {
    let reservation = this.#reservations.get(key);
    if (!reservation) {
      if (this.#reservations.size >= (this.#options.maxKeys ?? 100_000)) this.#evictIdle(now);
      reservation = { tokens: 0, expiresAt: 0, sharedRemaining: 0, refusedUntil: 0 };
      this.#reservations.set(key, reservation);
    }
    if (reservation.tokens > 0 && now >= reservation.expiresAt) reservation.tokens = 0;
    return reservation;
  }

  #reserveSize(perMinute: number): number {
    return Math.max(1, Math.floor((perMinute / 60_000) * this.#options.reserveMilliseconds));
  }

  #evictIdle(now: number): void {
    for (const [key, r] of this.#reservations)
      if (!r.refill && now >= r.expiresAt && now >= r.refusedUntil) this.#reservations.delete(key);
    if (this.#reservations.size >= (this.#options.maxKeys ?? 100_000)) this.#reservations.clear();
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
