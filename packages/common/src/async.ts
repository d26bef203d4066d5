// The async toolkit every service shares: waiting (with abort) and retry timing. Permits and their waiters
// live in permits.ts.

/** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves after `ms` without keeping the process alive: for a bounded wait raced against other work. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

/**
 * How a retry delay is spread around the exponential ceiling c = min(max, initial · 2^attempt):
 * full: uniform in [0, c] (clients retrying a shared server: spreads them the most);
 * equal: uniform in [c/2, c] (a restart never comes back instantly);
 * proportional: uniform in [c/2, 3c/2] (short transaction retries around a typical delay);
 * none: exactly c.
 */
export type Jitter = 'full' | 'equal' | 'proportional' | 'none';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  jitter: Jitter;
  /** A uniform random number in [0, 1) (tests pass a fixed one). */
  random?: () => number;
}

/** The delay before retry `attempt` (0 = the first retry): exponential up to `maxMs`, spread by `jitter`. */
export function backoffMs(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(Math.max(0, attempt), 30));
  const random = options.random ?? Math.random;
  switch (options.jitter) {
    case 'full':
      return Math.round(random() * ceiling);
    case 'equal':
      return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    case 'proportional':
      return ceiling * (0.5 + random());
    case 'none':
      return ceiling;
  }
}
