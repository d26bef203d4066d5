// Guards every method of a service against two grpc-js behaviours that turn a client's absurd request into a
// server fault (both found by the gRPC message property test, test/e2e/grpc-messages.property.test.ts):
// - a request whose bytes do not decode (protobufjs throws, e.g. on a 6–9-byte varint in an int32 field, which
//   the wire format allows) is answered INTERNAL. Each deserializer here returns a marker instead of throwing,
//   and the handler answers it INVALID_ARGUMENT (`malformed_request: ...`) before the service code sees it;
// - error details are percent-encoded with encodeURI, which throws on a lone UTF-16 surrogate (an echoed
//   invalid-UTF-8 input), so the status is never sent and the caller hangs until its deadline. Every error a
//   handler answers goes through statusDetails (bounded, well-formed).
import * as grpc from '@grpc/grpc-js';
import { statusDetails } from './status-details.js';

const MALFORMED = Symbol('malformed request');
interface Malformed {
  [MALFORMED]: string;
}

const isMalformed = (value: unknown): value is Malformed =>
  typeof value === 'object' && value !== null && MALFORMED in value;

const malformedStatus = (request: Malformed): Partial<grpc.StatusObject> => ({
  code: grpc.status.INVALID_ARGUMENT,
  details: statusDetails(`malformed_request: the request message does not decode (${request[MALFORMED]})`),
});

type AnyHandler = (...args: never[]) => unknown;

/** The definition and implementation of one service, guarded as above. */
export function guardCalls(
  definition: grpc.ServiceDefinition,
  implementation: grpc.UntypedServiceImplementation,
): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
  const wrappedDefinition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  const wrappedImplementation: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    const decode = method.requestDeserialize;
    wrappedDefinition[name] = {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return decode(bytes);
        } catch (error) {
          return { [MALFORMED]: (error as Error).message } satisfies Malformed;
        }
      },
    };
    const handler = implementation[name] as AnyHandler | undefined;
    if (!handler) continue;
    wrappedImplementation[name] = method.requestStream
      ? guardStream(handler)
      : method.responseStream
        ? guardServerStream(handler)
        : guardUnary(handler);
  }
  return { definition: wrappedDefinition, implementation: wrappedImplementation };
}

/** An error as a handler passes it on, with its details bounded and well-formed. */
function safeError<E>(error: E): E {
  if (typeof error !== 'object' || error === null || !('details' in error) || typeof error.details !== 'string')
    return error;
  return { ...error, details: statusDetails(error.details) };
}

function guardUnary(handler: AnyHandler): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    if (isMalformed(call.request)) return callback(malformedStatus(call.request));
    const safeCallback: grpc.sendUnaryData<unknown> = (error, value, trailer, flags) =>
      callback(error ? safeError(error) : error, value, trailer, flags);
    (handler as grpc.handleUnaryCall<unknown, unknown>)(call, safeCallback);
  };
}

/** Errors a streaming handler emits go out with safe details. */
function guardEmit(call: NodeJS.EventEmitter, onData?: (message: unknown) => boolean): void {
  const emit = call.emit.bind(call);
  call.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'error') return emit('error', safeError(args[0]));
    if (event === 'data' && onData && !onData(args[0])) return false;
    return emit(event, ...args);
  }) as typeof call.emit;
}

function guardServerStream(handler: AnyHandler): grpc.handleServerStreamingCall<unknown, unknown> {
  return (call) => {
    guardEmit(call);
    if (isMalformed(call.request)) call.emit('error', malformedStatus(call.request));
    else (handler as grpc.handleServerStreamingCall<unknown, unknown>)(call);
  };
}

/** Client and bidirectional streams: a malformed message ends the call with INVALID_ARGUMENT instead of reaching the service. */
function guardStream(handler: AnyHandler): grpc.handleBidiStreamingCall<unknown, unknown> {
  return (call) => {
    guardEmit(call, (message) => {
      if (!isMalformed(message)) return true;
      call.emit('error', malformedStatus(message));
      return false;
    });
    (handler as grpc.handleBidiStreamingCall<unknown, unknown>)(call);
  };
}
