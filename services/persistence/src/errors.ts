// One error type for the RPC handlers: a stable code mapped to a gRPC status; clients see the message,
// never a stack trace.
import { grpc } from '@sluice/protocol';

export const ERROR_CODES = {
  invalid_argument: grpc.status.INVALID_ARGUMENT,
  not_found: grpc.status.NOT_FOUND,
  failed_precondition: grpc.status.FAILED_PRECONDITION,
  unavailable: grpc.status.UNAVAILABLE,
  internal: grpc.status.INTERNAL,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class PersistenceError extends Error {
  override readonly name = 'PersistenceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new PersistenceError('invalid_argument', message);
export const notFound = (message: string) => new PersistenceError('not_found', message);
