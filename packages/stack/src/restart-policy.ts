// When a supervised service that exited on its own is started again: exponential backoff with jitter, and a
// restart budget (at most `maxRestarts` within `windowMs`, like systemd's StartLimitBurst/StartLimitIntervalSec).
// Pure logic: the clock and the random source are passed in.
import { backoffMs } from '@sluice/common';

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more exit in the window stops the run. */
  maxRestarts: number;
  windowMs: number;
  /** Delay before the first restart; doubles per consecutive crash up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A service that stayed up this long counts as healthy again: the next crash starts from `initialDelayMs`. */
  resetAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 60_000,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  resetAfterMs: 30_000,
};

export type RestartDecision =
  { kind: 'restart'; attempt: number; delayMs: number } | { kind: 'give_up'; restartsInWindow: number };

/** Decides, exit by exit, whether a service is restarted and after how long. */
export class RestartBudget {
  readonly #policy: RestartPolicy;
  readonly #random: () => number;
  readonly #restarts: number[] = [];
  #consecutive = 0;
  #total = 0;

  constructor(policy: RestartPolicy, random: () => number = Math.random) {
    if (
      policy.maxRestarts < 0 ||
      policy.windowMs <= 0 ||
      policy.initialDelayMs < 0 ||
      policy.maxDelayMs < policy.initialDelayMs
    ) {
      throw new Error(`invalid restart policy ${JSON.stringify(policy)}`);
    }
    this.#policy = policy;
    this.#random = random;
  }

  /** Restarts decided so far. */
  get total(): number {
    return this.#total;
  }

  /** Call when the service exited unexpectedly at `now`, having been up for `upMs`. */
  onExit(now: number, upMs: number): RestartDecision {
    const { maxRestarts, windowMs, initialDelayMs, maxDelayMs, resetAfterMs } = this.#policy;
    while (this.#restarts.length > 0 && this.#restarts[0]! <= now - windowMs) this.#restarts.shift();
    if (this.#restarts.length >= maxRestarts) return { kind: 'give_up', restartsInWindow: this.#restarts.length };
    if (upMs >= resetAfterMs) this.#consecutive = 0;
    this.#consecutive += 1;
    this.#restarts.push(now);
    this.#total += 1;
    // "Equal jitter": half the exponential delay fixed, half random, so replicas that crashed together spread
    // out but no restart comes back instantly.
    const delayMs = backoffMs(this.#consecutive - 1, {
      initialMs: initialDelayMs,
      maxMs: maxDelayMs,
      jitter: 'equal',
      random: this.#random,
    });
    return { kind: 'restart', attempt: this.#consecutive, delayMs };
  }
}
