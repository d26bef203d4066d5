// Retry timing: exponential backoff with full jitter, and the server's Retry-After when it sends one.
import { backoffMs } from '@sluice/common';

/** Full jitter: a uniform delay in [0, min(max, initial · 2^attempt)] (attempt 0 = first retry). */
export function backoffDelayMs(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  return backoffMs(attempt, { initialMs, maxMs, jitter: 'full', random });
}

/** Retry-After as milliseconds from `now`: delta seconds or an HTTP date; undefined when absent or invalid. */
export function parseRetryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Time until the next scheduled poll of a source after `errors` consecutive failures. */
export function errorBackoffMs(intervalSeconds: number, consecutiveErrors: number, maxSeconds: number): number {
  if (consecutiveErrors <= 0) return intervalSeconds * 1000;
  return backoffMs(consecutiveErrors - 1, {
    initialMs: intervalSeconds * 1000,
    maxMs: maxSeconds * 1000,
    jitter: 'none',
  });
}
