// The collector's only way to the network. Every request goes through, in order: the source's token
// bucket → the host's token bucket → the host's circuit breaker → an undici Agent (keep-alive, a connection
// limit per host, SSRF guard at connect) with connect/total timeouts, bounded redirects (each hop re-checked),
// conditional GET, a response size limit (after decompression) and retries (Retry-After for 429/503,
// exponential backoff with full jitter for 5xx/resets/timeouts, none for other 4xx).
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import type { Logger } from '@sluice/service-kit';
import type { CollectorMetrics } from '../metrics.js';
import type { HttpSettings } from '../settings.js';
import { sleep } from '@sluice/common';
import { backoffDelayMs, parseRetryAfterMs } from './backoff.js';
import { SourceFetchError, toFetchError } from './fetch-error.js';
import type { HostBreakers } from './host-breakers.js';
import { PrivateNetworkAllowlist } from './private-network-allowlist.js';
import { createGuardedConnector, type GuardOptions } from './ssrf-guard.js';
import { TokenBucket } from './token-bucket.js';

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

export type Headers = Record<string, string | string[] | undefined>;

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

export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export class HttpClient {
  readonly #guarded: Agent;
  readonly #open: Agent;
  readonly #hostBuckets = new Map<string, TokenBucket>();

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
        written = await this.#takeTokens(host, options);
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

  /** Waits for the source's and the host's tokens; returns the source limiter's "written" callback. */
  async #takeTokens(host: string, options: RequestOptions): Promise<((written: boolean) => void) | undefined> {
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
          await this.#takeTokens(next.host, { ...options, limiter: undefined });
        continue;
      }
      if (status === 304) {
        await response.body.dump().catch(() => undefined);
        observe('not_modified');
        return { status, url: current.href, headers: response.headers, body: Buffer.alloc(0), notModified: true };
      }
      if (status >= 400 || status < 200 || (status >= 300 && status < 400)) {
        await response.body.dump().catch(() => undefined);
        // GitHub-style quota exhaustion: 403 with x-ratelimit-remaining 0 is a 429 until x-ratelimit-reset.
        const quotaReset =
          status === 403 && header(response.headers, 'x-ratelimit-remaining') === '0'
            ? Number(header(response.headers, 'x-ratelimit-reset'))
            : NaN;
        if (Number.isFinite(quotaReset)) {
          observe('rate_limited');
          const retryAfterMs =
            parseRetryAfterMs(response.headers['retry-after']) ?? Math.max(0, quotaReset * 1000 - Date.now());
          throw new SourceFetchError('rate_limited', `HTTP 403 rate limit exhausted at ${current.href}`, {
            url: current.href,
            httpStatus: status,
            retryable: true,
            retryAfterMs,
          });
        }
        const retryAfterMs =
          status === 429 || status === 503 ? parseRetryAfterMs(response.headers['retry-after']) : undefined;
        const retryable = status >= 500 || status === 429 || status === 408;
        observe(status === 429 ? 'rate_limited' : status >= 500 ? 'http_5xx' : 'http_4xx');
        throw new SourceFetchError(
          status === 429 ? 'rate_limited' : 'http_status',
          `HTTP ${status} from ${current.href}`,
          {
            url: current.href,
            httpStatus: status,
            retryable,
            retryAfterMs,
          },
        );
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

/** A dispatcher that calls `onWritten` when a request's headers are about to be written (undici's onConnect). */
function onRequestWritten(dispatcher: Dispatcher, onWritten: () => void): Dispatcher {
  return dispatcher.compose(
    (dispatch) => (options, handler) =>
      dispatch(
        options,
        new Proxy(handler, {
          get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver) as unknown;
            if (typeof value !== 'function') return value;
            if (property === 'onConnect' || property === 'onRequestStart') {
              return (...args: unknown[]) => {
                onWritten();
                return (value as (...a: unknown[]) => unknown).apply(target, args);
              };
            }
            return (value as (...a: unknown[]) => unknown).bind(target);
          },
        }),
      ),
  );
}

function decompress(body: Readable, encoding: string | undefined): Readable {
  const value = encoding?.trim().toLowerCase();
  if (!value || value === 'identity') return body;
  const decoder =
    value === 'gzip' || value === 'x-gzip'
      ? zlib.createGunzip()
      : value === 'deflate'
        ? zlib.createInflate()
        : value === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return body;
  body.on('error', (error) => decoder.destroy(error));
  return body.pipe(decoder);
}

async function readLimited(body: Readable, limit: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new SourceFetchError('too_large', `response exceeds max_response_bytes (${limit})`, { url });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}
