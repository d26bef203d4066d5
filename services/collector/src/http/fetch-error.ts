// One error type for everything that can go wrong fetching a source, with the stable code that
// RecordSourceError stores and metrics count.
export const FETCH_ERROR_CODES = [
  'http_status',
  'rate_limited',
  'timeout',
  'connection',
  'ssrf_blocked',
  'too_large',
  'redirect_loop',
  'too_many_redirects',
  'circuit_open',
  'invalid_url',
  'parse',
  // Not a failure: the strict feed parser rejected the document and the lenient one read its items.
  'parse_recovered',
  'file',
  /** A path an API-managed source may not read (outside collector.import_directories). */
  'file_refused',
  'aborted',
  'state_unavailable',
  'lease_lost',
  'config',
  'internal',
] as const;
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

export class SourceFetchError extends Error {
  override readonly name = 'SourceFetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly options: {
      httpStatus?: number;
      url?: string;
      retryable?: boolean;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }
  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
  get httpStatus(): number {
    return this.options.httpStatus ?? 0;
  }
  get url(): string {
    return this.options.url ?? '';
  }
}

/** Maps low-level errors (undici, DNS, sockets, aborts) to a SourceFetchError. */
export function toFetchError(error: unknown, url: string): SourceFetchError {
  if (error instanceof SourceFetchError) return error;
  const err = error as { code?: string; name?: string; message?: string };
  const message = err?.message ?? String(error);
  const code = err?.code ?? '';
  if (
    err?.name === 'TimeoutError' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return new SourceFetchError('timeout', `timed out: ${message}`, { url, retryable: true, cause: error });
  }
  if (err?.name === 'AbortError') return new SourceFetchError('aborted', 'aborted', { url, cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new SourceFetchError('connection', `DNS lookup failed: ${message}`, {
      url,
      retryable: code === 'EAI_AGAIN',
      cause: error,
    });
  if (code === 'ERR_INVALID_URL') return new SourceFetchError('invalid_url', message, { url, cause: error });
  return new SourceFetchError('connection', `connection failed: ${code || message}`, {
    url,
    retryable: true,
    cause: error,
  });
}
