// One registry of every error the API returns: a stable code, an HTTP status and a title. Clients branch on
// `code`; `detail` is for humans. Responses are RFC 9457 problem details (application/problem+json) and never
// carry stack traces or upstream internals.
import { grpc } from '@sluice/protocol';

export const ERRORS = {
  invalid_request: { status: 400, title: 'The request is malformed or fails schema validation' },
  invalid_json: { status: 400, title: 'The request body is not valid JSON' },
  missing_api_key: { status: 401, title: 'An API key is required (Authorization: Bearer <key>)' },
  invalid_api_key: { status: 401, title: 'The API key is unknown or revoked' },
  insufficient_scope: { status: 403, title: 'The API key lacks the scope this route needs' },
  not_found: { status: 404, title: 'No such route' },
  item_not_found: { status: 404, title: 'No item has this id' },
  job_not_found: { status: 404, title: 'No job has this id' },
  source_not_found: { status: 404, title: 'No source has this id' },
  api_key_not_found: { status: 404, title: 'No API key has this id' },
  dead_letter_not_found: { status: 404, title: 'No dead letter has this id' },
  resource_not_found: { status: 404, title: 'The resource does not exist' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  payload_too_large: { status: 413, title: 'The request body is larger than the limit' },
  unsupported_media_type: { status: 415, title: 'The request body must be application/json' },
  invalid_parameter: { status: 422, title: 'A parameter is well-formed but not acceptable' },
  rate_limited: { status: 429, title: 'Too many requests for this API key' },
  overloaded: { status: 429, title: 'The service is at capacity; retry after the indicated time' },
  internal_error: { status: 500, title: 'Internal error' },
  not_implemented: { status: 501, title: 'This operation is not available in this deployment' },
  upstream_error: { status: 502, title: 'A backend service failed' },
  upstream_unavailable: { status: 503, title: 'A backend service is unavailable' },
  not_ready: { status: 503, title: 'The service is not ready' },
  upstream_timeout: { status: 504, title: 'A backend service did not answer in time' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** Where a problem's `type` points: a stable URN per code (documented in docs/api.md). */
export function problemType(code: ErrorCode): string {
  return `urn:sluice:problem:${code}`;
}

export interface FieldError {
  /** JSON pointer into the request, e.g. "/body/items/0/title" or "/query/limit". */
  pointer: string;
  message: string;
}

/** The one error type route code throws; the error handler turns it into problem+json. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { retryAfterSeconds?: number; errors?: FieldError[] } = {},
  ) {
    super(detail ?? ERRORS[code].title);
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

export function toProblem(error: ApiError, instance?: string, requestId?: string): Problem {
  const { status, title } = ERRORS[error.code];
  return {
    type: problemType(error.code),
    title,
    status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(requestId ? { request_id: requestId } : {}),
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
  };
}

/** Which backend a gRPC failure came from, for the message and the metric label. */
export type Upstream = 'persistence' | 'inference' | 'collector' | 'transformer';

function isServiceError(error: unknown): error is grpc.ServiceError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number' &&
    'details' in error
  );
}

/**
 * Maps a failed gRPC call to an ApiError. Only INVALID_ARGUMENT / NOT_FOUND / conflicts pass the upstream
 * detail through (it describes the client's input); everything else gets a generic message.
 */
export function fromGrpcError(
  error: unknown,
  upstream: Upstream,
  notFound: ErrorCode = 'resource_not_found',
): ApiError {
  if (error instanceof ApiError) return error;
  if (!isServiceError(error)) return new ApiError('internal_error');
  const s = grpc.status;
  switch (error.code) {
    case s.INVALID_ARGUMENT:
    case s.OUT_OF_RANGE:
      return new ApiError('invalid_parameter', error.details);
    case s.NOT_FOUND:
      return new ApiError(notFound, error.details);
    case s.ALREADY_EXISTS:
    case s.FAILED_PRECONDITION:
    case s.ABORTED:
      return new ApiError('conflict', error.details);
    case s.RESOURCE_EXHAUSTED:
      return new ApiError('overloaded', `${upstream} is at capacity`, {
        retryAfterSeconds: retryAfterFrom(error) ?? 1,
      });
    case s.UNAVAILABLE:
    case s.CANCELLED:
      return new ApiError('upstream_unavailable', `${upstream} is unavailable`, { retryAfterSeconds: 2 });
    case s.DEADLINE_EXCEEDED:
      return new ApiError('upstream_timeout', `${upstream} did not answer in time`);
    case s.UNIMPLEMENTED:
      return new ApiError('not_implemented', `${upstream} does not support this operation`);
    default:
      return new ApiError('upstream_error', `${upstream} failed (${grpc.status[error.code] ?? error.code})`);
  }
}

/** A backend may say how long to back off in trailing metadata ("retry-after-ms"). */
function retryAfterFrom(error: grpc.ServiceError): number | undefined {
  const value = error.metadata?.get('retry-after-ms')[0];
  const ms = typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : undefined;
}
