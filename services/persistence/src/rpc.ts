// Turns an async function into a unary gRPC handler: timing metric, error mapping (PersistenceError codes and
// invalid database input → INVALID_ARGUMENT, connection trouble → UNAVAILABLE), no stack traces to clients.
import { grpc, statusDetails } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import { classifyWriteError, describeError, sqlState } from './db-errors.js';
import { ERROR_CODES, PersistenceError } from './errors.js';
import type { PersistenceMetrics } from './metrics.js';

export interface RpcContext {
  logger: Logger;
  metrics: PersistenceMetrics;
}

export function toServiceError(error: unknown): Partial<grpc.StatusObject> {
  // Details may echo the request (an unknown scope, an invalid value): bounded, or the trailer never arrives.
  if (error instanceof PersistenceError)
    return { code: ERROR_CODES[error.code], details: statusDetails(error.message) };
  const state = sqlState(error);
  if (state.startsWith('22'))
    return { code: grpc.status.INVALID_ARGUMENT, details: statusDetails(`invalid value: ${(error as Error).message}`) };
  if (classifyWriteError(error) === 'transient')
    return { code: grpc.status.UNAVAILABLE, details: 'database unavailable, retry later' };
  return { code: grpc.status.INTERNAL, details: 'internal error (see the persistence service log)' };
}

export function unaryHandler<Req, Res>(
  context: RpcContext,
  rpc: string,
  fn: (request: Req) => Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const end = context.metrics.querySeconds.startTimer({ rpc });
    fn(call.request).then(
      (response) => {
        end();
        callback(null, response);
      },
      (error: unknown) => {
        end();
        const status = toServiceError(error);
        if (!(error instanceof PersistenceError)) {
          context.metrics.queryErrors.inc({ rpc });
          context.logger.error({ rpc, error: describeError(error) }, 'rpc failed');
        }
        callback(status as grpc.ServiceError, null);
      },
    );
  };
}
