// One error type for the service, mapped per transport (gRPC status here; the gateway maps HTTP).
import { grpc, statusDetails } from '@sluice/protocol';

export const ERROR_CODES = [
  'overloaded',
  'expired',
  'cancelled',
  'invalid_input',
  'not_found',
  'model_error',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, grpc.status> = {
  overloaded: grpc.status.RESOURCE_EXHAUSTED,
  expired: grpc.status.DEADLINE_EXCEEDED,
  cancelled: grpc.status.CANCELLED,
  invalid_input: grpc.status.INVALID_ARGUMENT,
  not_found: grpc.status.NOT_FOUND,
  model_error: grpc.status.INTERNAL,
  unavailable: grpc.status.UNAVAILABLE,
};

export class InferenceError extends Error {
  override readonly name = 'InferenceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For overloaded: when to retry. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get grpcStatus(): grpc.status {
    return STATUS[this.code];
  }

  /** The gRPC status code name (RESOURCE_EXHAUSTED, ...), as the streaming API reports it. */
  get grpcStatusName(): string {
    return grpc.status[this.grpcStatus];
  }
}

export function asInferenceError(error: unknown): InferenceError {
  if (error instanceof InferenceError) return error;
  const e = error as { message?: string; code?: string };
  if (e?.code === 'not_found') return new InferenceError('not_found', e.message ?? 'not found');
  return new InferenceError('model_error', e?.message ?? String(error));
}

/** A gRPC ServiceError for a unary callback, with the retry hint in trailing metadata. */
export function toServiceError(error: unknown): Partial<grpc.StatusObject> {
  const e = asInferenceError(error);
  const metadata = new grpc.Metadata();
  if (e.retryAfterMs !== undefined) metadata.set('retry-after-ms', String(e.retryAfterMs));
  metadata.set('sluice-error-code', e.code);
  return { code: e.grpcStatus, details: statusDetails(e.message), metadata };
}
