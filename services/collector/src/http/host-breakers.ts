// One opossum circuit breaker per host: after repeated failures a host is skipped (circuit_open) until a
// half-open probe succeeds. Client errors (4xx, SSRF refusals, oversized bodies) are the source's fault,
// not the host's health, so they do not count.
import CircuitBreaker from 'opossum';
import type { Logger } from '@sluice/service-kit';
import type { BreakerSettings } from '../settings.js';
import type { CollectorMetrics } from '../metrics.js';
import { SourceFetchError } from './fetch-error.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

const HOST_FAULTS = new Set(['timeout', 'connection', 'http_status_5xx']);

function isHostFault(error: unknown): boolean {
  if (!(error instanceof SourceFetchError)) return true;
  if (error.code === 'http_status') return error.httpStatus >= 500;
  return HOST_FAULTS.has(error.code);
}

export class HostBreakers {
  readonly #breakers = new Map<string, CircuitBreaker<[() => Promise<unknown>], unknown>>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly logger: Logger,
    private readonly metrics?: CollectorMetrics,
  ) {}

  #breaker(host: string): CircuitBreaker<[() => Promise<unknown>], unknown> {
    let breaker = this.#breakers.get(host);
    if (breaker) return breaker;
    breaker = new CircuitBreaker((action: () => Promise<unknown>) => action(), {
      timeout: false, // the HTTP client enforces its own timeouts
      errorThresholdPercentage: this.settings.error_threshold_percentage,
      volumeThreshold: this.settings.volume_threshold,
      resetTimeout: this.settings.reset_timeout_milliseconds,
      rollingCountTimeout: this.settings.rolling_window_milliseconds,
      rollingCountBuckets: 10,
      errorFilter: (error: unknown) => !isHostFault(error),
      name: host,
    });
    const transition = (state: BreakerState) => () => {
      this.metrics?.breakerTransitions.inc({ state });
      this.metrics?.breakersOpen.set([...this.#breakers.values()].filter((b) => b.opened).length);
      const log = state === 'open' ? this.logger.warn.bind(this.logger) : this.logger.info.bind(this.logger);
      log({ host, breaker_state: state }, `circuit breaker for ${host} is ${state.replace('_', '-')}`);
    };
    breaker.on('open', transition('open'));
    breaker.on('halfOpen', transition('half_open'));
    breaker.on('close', transition('closed'));
    this.#breakers.set(host, breaker);
    return breaker;
  }

  /** Runs `action` through the host's breaker; rejects with circuit_open while it is open. */
  async fire<T>(host: string, action: () => Promise<T>): Promise<T> {
    try {
      return (await this.#breaker(host).fire(action)) as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        throw new SourceFetchError(
          'circuit_open',
          `circuit breaker for ${host} is open after repeated failures; skipped until a probe succeeds`,
          { retryable: false },
        );
      }
      throw error;
    }
  }

  state(host: string): BreakerState {
    const breaker = this.#breakers.get(host);
    if (!breaker) return 'closed';
    return breaker.opened ? 'open' : breaker.halfOpen ? 'half_open' : 'closed';
  }

  shutdown(): void {
    for (const breaker of this.#breakers.values()) breaker.shutdown();
    this.#breakers.clear();
  }
}
