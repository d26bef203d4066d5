// Politeness before every request: the source's token bucket, then the host's (shared by every source on it),
// then the spacing to the source's previous request as actually written.
import type { CollectorMetrics } from '../metrics.js';
import type { HttpSettings } from '../settings.js';
import { sleep } from '@sluice/common';
import { TokenBucket } from './token-bucket.js';

export interface PacingOptions {
  /** The source's own rate limit. */
  limiter?: TokenBucket;
  signal?: AbortSignal;
}

export class RequestPacing {
  readonly #hostBuckets = new Map<string, TokenBucket>();

  constructor(
    private readonly settings: Pick<HttpSettings, 'host_rate_limit_per_second' | 'host_rate_limit_burst'>,
    private readonly metrics?: CollectorMetrics,
  ) {}

  /** Waits for the source's and the host's tokens; returns the source limiter's "written" callback. */
  async take(host: string, options: PacingOptions): Promise<((written: boolean) => void) | undefined> {
    // A run cancelled while it waits gives its unused tokens back, so the next run is not slowed by them.
    const sourceWait = options.limiter?.reserve() ?? 0;
    let bucket = this.#hostBuckets.get(host);
    if (!bucket) {
      bucket = new TokenBucket(this.settings.host_rate_limit_per_second, this.settings.host_rate_limit_burst);
      this.#hostBuckets.set(host, bucket);
    }
    const hostBucket = bucket;
    let hostReserved = false;
    try {
      if (sourceWait > 0) {
        this.metrics?.rateLimitWaits.inc({ scope: 'source' });
        this.metrics?.rateLimitWaitSeconds.inc({ scope: 'source' }, sourceWait / 1000);
        await sleep(sourceWait, options.signal);
      }
      const hostWait = hostBucket.reserve();
      hostReserved = true;
      if (hostWait > 0) {
        this.metrics?.rateLimitWaits.inc({ scope: 'host' });
        this.metrics?.rateLimitWaitSeconds.inc({ scope: 'host' }, hostWait / 1000);
        await sleep(hostWait, options.signal);
      }
    } catch (error) {
      options.limiter?.refund();
      if (hostReserved) hostBucket.refund();
      throw error;
    }
    // Last, right before sending: the gap to the source's previous request as actually written.
    const limiter = options.limiter;
    if (!limiter) return undefined;
    for (let wait = limiter.spacing(); wait > 0; wait = limiter.spacing()) await sleep(wait, options.signal);
    let reported = false;
    return (written: boolean) => {
      if (reported) return;
      reported = true;
      limiter.sent(written);
    };
  }
}
