// Typed gRPC clients: connect('Inference', address) returns the generated InferenceClient, and
// call(client, 'Embed', request, timeoutMs) checks the request and infers the response from the method name,
// so no service casts its clients or methods.
import * as grpc from '@grpc/grpc-js';
import { createClient, deadlineIn, type ClientConstructor } from './channel.js';
import type { CollectorClient } from './generated/sluice/v1/Collector.js';
import type { InferenceClient } from './generated/sluice/v1/Inference.js';
import type { PersistenceClient } from './generated/sluice/v1/Persistence.js';
import type { PersistenceAdminClient } from './generated/sluice/v1/PersistenceAdmin.js';
import type { PipelineStageClient } from './generated/sluice/v1/PipelineStage.js';
import type { SharedStateClient } from './generated/sluice/v1/SharedState.js';
import { sluiceProto } from './load.js';

/** The sluice.v1 services a process can connect to, and the generated client type of each. */
export interface SluiceClients {
  Collector: CollectorClient;
  Inference: InferenceClient;
  Persistence: PersistenceClient;
  PersistenceAdmin: PersistenceAdminClient;
  PipelineStage: PipelineStageClient;
  SharedState: SharedStateClient;
}

export type SluiceService = keyof SluiceClients;

function constructors(): { [S in SluiceService]: ClientConstructor<SluiceClients[S]> } {
  const proto = sluiceProto();
  return {
    Collector: proto.Collector,
    Inference: proto.Inference,
    Persistence: proto.Persistence,
    PersistenceAdmin: proto.PersistenceAdmin,
    PipelineStage: proto.PipelineStage,
    SharedState: proto.SharedState,
  };
}

/**
 * A client of `service` at `address` (host:port). The channel connects lazily and reconnects by itself.
 *
 * @example const inference = connect('Inference', '127.0.0.1:19063'); // InferenceClient
 */
export function connect<S extends SluiceService>(service: S, address: string): SluiceClients[S] {
  return createClient(constructors()[service], address);
}

// A generated method is overloaded; conditional types read its last signature, `(argument, callback)`.
/** Names of the unary methods of a generated client (streaming methods and grpc.Client's own are left out). */
export type UnaryMethodName<C> = {
  [K in keyof C & string]: C[K] extends (...args: infer P) => grpc.ClientUnaryCall
    ? P extends [unknown, grpc.requestCallback<infer _Res>]
      ? K
      : never
    : never;
}[keyof C & string];

/** The request type of a unary method. */
export type RequestOf<C, M extends keyof C> = C[M] extends (argument: infer Req, callback: never) => unknown
  ? Req
  : never;
/** The response type of a unary method. */
export type ResponseOf<C, M extends keyof C> = C[M] extends (
  argument: never,
  callback: grpc.requestCallback<infer Res>,
) => unknown
  ? Res
  : never;

/** A deadline for a call: milliseconds from now, or an absolute deadline (e.g. from propagateDeadline). */
export type CallDeadline = number | { deadline: grpc.Deadline };

/**
 * A unary call by method name with a deadline, as a promise.
 *
 * @example const { results } = await call(inference, 'Embed', { inputs: [{ id: 'a', text: 'hi' }] }, 5_000);
 */
export function call<C extends grpc.Client, M extends keyof C & UnaryMethodName<C>>(
  client: C,
  method: M,
  request: NoInfer<RequestOf<C, M>>,
  deadline: CallDeadline,
): Promise<ResponseOf<C, M>> {
  const options: grpc.CallOptions = {
    deadline: typeof deadline === 'number' ? deadlineIn(deadline) : deadline.deadline,
  };
  // Reflect: the method is one of the client's own (checked by UnaryMethodName); its overloads need no cast.
  const invoke: unknown = Reflect.get(client, method);
  if (typeof invoke !== 'function') return Promise.reject(new TypeError(`${method} is not a method of this client`));
  return new Promise((resolve, reject) => {
    Reflect.apply(invoke, client, [
      request,
      new grpc.Metadata(),
      options,
      (error: grpc.ServiceError | null, response?: ResponseOf<C, M>) => {
        if (error) reject(error);
        else resolve(response as ResponseOf<C, M>);
      },
    ]);
  });
}
