// What an unsuccessful HTTP status means for a fetch: the error (retryable or not, with the delay the server
// asked for) and the outcome label of the request metric. Pure: the client does the I/O.
import { parseRetryAfterMs } from './backoff.js';
import { SourceFetchError } from './fetch-error.js';
import { header, type Headers } from './http-headers.js';

export interface StatusFailure {
  error: SourceFetchError;
  /** sluice_collector_http_requests_total's outcome label. */
  outcome: 'rate_limited' | 'http_5xx' | 'http_4xx';
}

/** A status outside 2xx (redirects already followed, 304 handled) as the failure of the request to `url`. */
export function statusFailure(status: number, headers: Headers, url: string, nowMs: number): StatusFailure {
  // GitHub-style quota exhaustion: 403 with x-ratelimit-remaining 0 is a 429 until x-ratelimit-reset.
  const quotaReset =
    status === 403 && header(headers, 'x-ratelimit-remaining') === '0'
      ? Number(header(headers, 'x-ratelimit-reset'))
      : NaN;
  if (Number.isFinite(quotaReset)) {
    const retryAfterMs = parseRetryAfterMs(headers['retry-after']) ?? Math.max(0, quotaReset * 1000 - nowMs);
    return {
      outcome: 'rate_limited',
      error: new SourceFetchError('rate_limited', `HTTP 403 rate limit exhausted at ${url}`, {
        url,
        httpStatus: status,
        retryable: true,
        retryAfterMs,
      }),
    };
  }
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(headers['retry-after']) : undefined;
  const retryable = status >= 500 || status === 429 || status === 408;
  return {
    outcome: status === 429 ? 'rate_limited' : status >= 500 ? 'http_5xx' : 'http_4xx',
    error: new SourceFetchError(status === 429 ? 'rate_limited' : 'http_status', `HTTP ${status} from ${url}`, {
      url,
      httpStatus: status,
      retryable,
      retryAfterMs,
    }),
  };
}
