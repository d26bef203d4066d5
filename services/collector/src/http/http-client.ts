// The collector's only way to the network. Every request goes through, in order: the source's token
// bucket → the host's token bucket → the host's circuit breaker → an undici Agent (keep-alive, a connection
// limit per host, SSRF guard at connect) with connect/total timeouts, bounded redirects (each hop re-checked),
// conditional GET, a response size limit (after decompression) and retries (Retry-After for 429/503,
// exponential backoff with full jitter for 5xx/resets/timeouts, none for other 4xx).
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import type { Logger } from '@sluice/service-kit';
import type { CollectorMetrics } from '../metrics.js';
import type { HttpSettings } from '../settings.js';
import { sleep } from '@sluice/common';
import { backoffDelayMs } from './backoff.js';
import { SourceFetchError, toFetchError } from './fetch-error.js';
import type { HostBreakers } from './host-breakers.js';
import { header, type Headers } from './http-headers.js';
import { statusFailure } from './http-status-failure.js';
import { PrivateNetworkAllowlist } from './private-network-allowlist.js';
import { onRequestWritten } from './request-written.js';
import { decompress, readLimited } from './response-body.js';
import { createGuardedConnector, type GuardOptions } from './ssrf-guard.js';
import { RequestPacing } from './request-pacing.js';
import type { TokenBucket } from './token-bucket.js';

export interface RequestOptions {
  /** The guard is off for this request (a config/sluice.yaml source with allow_private_network). */
  allowPrivate: boolean;
  /** The source's own rate limit. */
  limiter?: TokenBucket;
  headers?: Record<string, string>;
  /** Conditional GET validators from the last successful fetch. */
  etag?: string;
  lastModified?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Final URL after redirects (the base for relative links). */
  url: string;
  headers: Headers;
  /** Decompressed body; empty for 304. */
  body: Buffer;
  notModified: boolean;
}

export interface HttpStream {
  url: string;
  headers: Headers;
  /** Decompressed (content-encoding) body. */
  body: Readable;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class HttpClient {
  readonly #guarded: Agent;
  readonly #open: Agent;
  readonly #pacing: RequestPacing;

  constructor(
    private readonly settings: HttpSettings,
    private readonly breakers: HostBreakers,
    private readonly logger: Logger,
    private readonly metrics?: CollectorMetrics,
    options: { lookup?: GuardOptions['lookup'] } = {},
  ) {
    const agentOptions = {
      connections: settings.max_connections_per_host,
      keepAliveTimeout: 10_000,
      headersTimeout: settings.request_timeout_milliseconds,
      bodyTimeout: settings.request_timeout_milliseconds,
    };
    const allowlist = new PrivateNetworkAllowlist(settings.private_network_allowlist);
    const connector = (enforce: boolean) =>
      createGuardedConnector({
        enforce,
        allowlist,
        connectTimeoutMs: settings.connect_timeout_milliseconds,
        lookup: options.lookup,
      });
    this.#pacing = new RequestPacing(settings, metrics);
    this.#guarded = new Agent({ ...agentOptions, connect: connector(true) });
    this.#open = new Agent({ ...agentOptions, connect: connector(false) });
  }

  /** GET with every policy; resolves with the whole (limited) body, or notModified for 304. */
  async get(url: string, options: RequestOptions): Promise<HttpResponse> {
    return this.#withRetries(url, options, (attemptUrl, written) =>
      this.#attempt(attemptUrl, options, false, written),
    ) as Promise<HttpResponse>;
  }

  /** GET for bulk files: the body is streamed (no size limit, idle timeout only). */
  async stream(url: string, options: RequestOptions): Promise<HttpStream> {
    return this.#withRetries(url, options, (attemptUrl, written) =>
      this.#attempt(attemptUrl, options, true, written),
    ) as Promise<HttpStream>;
  }

  hostState(url: string): string {
    try {
      return this.breakers.state(new URL(url).host);
    } catch {
      return 'closed';
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.#guarded.close(), this.#open.close()]);
  }

  async #withRetries(
    url: string,
    options: RequestOptions,
    attempt: (url: string, written?: (written: boolean) => void) => Promise<HttpResponse | HttpStream>,
  ): Promise<HttpResponse | HttpStream> {
    let host: string;
    try {
      host = new URL(url).host;
    } catch (error) {
      throw new SourceFetchError('invalid_url', `invalid URL: ${url}`, { url, cause: error });
    }
    for (let retry = 0; ; retry++) {
      let written: ((written: boolean) => void) | undefined;
      try {
        written = await this.#pacing.take(host, options);
        return await this.breakers.fire(host, () => attempt(url, written));
      } catch (raw) {
        written?.(false);
        const error = toFetchError(raw, url);
        if (options.signal?.aborted) throw new SourceFetchError('aborted', 'aborted', { url, cause: raw });
        if (!error.retryable || retry >= this.settings.max_retries) throw error;
        let delay: number;
        if (error.options.retryAfterMs !== undefined) {
          if (error.options.retryAfterMs > this.settings.max_retry_after_seconds * 1000) throw error;
          delay = error.options.retryAfterMs;
          this.metrics?.retries.inc({ reason: 'retry_after' });
        } else {
          delay = backoffDelayMs(
            retry,
            this.settings.initial_backoff_milliseconds,
            this.settings.max_backoff_milliseconds,
          );
          this.metrics?.retries.inc({ reason: 'backoff' });
        }
        this.logger.debug(
          { url, code: error.code, status: error.httpStatus, retry: retry + 1, delay_ms: delay },
          'retrying request',
        );
        await sleep(delay, options.signal);
      }
    }
  }

  async #attempt(
    url: string,
    options: RequestOptions,
    streaming: boolean,
    written?: (written: boolean) => void,
  ): Promise<HttpResponse | HttpStream> {
    let current = new URL(url);
    const visited = new Set([current.href]);
    const dispatcher = options.allowPrivate ? this.#open : this.#guarded;
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new SourceFetchError('invalid_url', `only http(s) URLs are fetched, not ${current.protocol}`, {
          url: current.href,
        });
      }
      const started = performance.now();
      const headers: Record<string, string> = {
        'user-agent': this.settings.user_agent,
        'accept-encoding': 'gzip, deflate, br',
        accept: options.accept ?? '*/*',
        ...options.headers,
      };
      if (options.etag) headers['if-none-match'] = options.etag;
      if (options.lastModified) headers['if-modified-since'] = options.lastModified;
      const timeout = AbortSignal.timeout(this.settings.request_timeout_milliseconds);
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      let response: Dispatcher.ResponseData;
      const observe = (outcome: string) => {
        this.metrics?.requests.inc({ outcome });
        this.metrics?.requestSeconds.observe({ outcome }, (performance.now() - started) / 1000);
      };
      try {
        // The first hop tells the source's limiter when it is really written to the socket.
        const hopDispatcher = hop === 0 && written ? onRequestWritten(dispatcher, () => written(true)) : dispatcher;
        response = await request(current, {
          dispatcher: hopDispatcher,
          method: 'GET',
          headers,
          signal: streaming ? options.signal : signal,
        });
        if (hop === 0) written?.(false); // no-op when it was written
      } catch (raw) {
        if (hop === 0) written?.(false);
        const error = toFetchError(raw, current.href);
        observe(error.code);
        throw error;
      }
      const status = response.statusCode;
      const location = header(response.headers, 'location');
      if (REDIRECTS.has(status) && location) {
        await response.body.dump().catch(() => undefined);
        observe('redirect');
        if (hop >= this.settings.max_redirects) {
          throw new SourceFetchError('too_many_redirects', `more than ${this.settings.max_redirects} redirects`, {
            url,
            httpStatus: status,
          });
        }
        const next = new URL(location, current);
        if (visited.has(next.href))
          throw new SourceFetchError('redirect_loop', `redirect loop at ${next.href}`, { url, httpStatus: status });
        visited.add(next.href);
        current = next;
        // Each further hop counts against the host's politeness budget too.
        if (hop > 0 || next.host !== new URL(url).host)
          await this.#pacing.take(next.host, { ...options, limiter: undefined });
        continue;
      }
      if (status === 304) {
        await response.body.dump().catch(() => undefined);
        observe('not_modified');
        return { status, url: current.href, headers: response.headers, body: Buffer.alloc(0), notModified: true };
      }
      if (status >= 400 || status < 200 || (status >= 300 && status < 400)) {
        await response.body.dump().catch(() => undefined);
        const failure = statusFailure(status, response.headers, current.href, Date.now());
        observe(failure.outcome);
        throw failure.error;
      }
      const body = decompress(response.body, header(response.headers, 'content-encoding'));
      if (streaming) {
        observe('ok');
        return { url: current.href, headers: response.headers, body };
      }
      const declared = Number(header(response.headers, 'content-length') ?? NaN);
      const limit = this.settings.max_response_bytes;
      if (declared > limit && !header(response.headers, 'content-encoding')) {
        response.body.destroy();
        observe('too_large');
        throw new SourceFetchError('too_large', `response of ${declared} bytes exceeds max_response_bytes (${limit})`, {
          url: current.href,
          httpStatus: status,
        });
      }
      try {
        const bytes = await readLimited(body, limit, current.href);
        observe('ok');
        return { status, url: current.href, headers: response.headers, body: bytes, notModified: false };
      } catch (raw) {
        const error = toFetchError(raw, current.href);
        observe(error.code);
        throw error;
      }
    }
  }
}
