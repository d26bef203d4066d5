// The SharedState gRPC service's handlers (shared.proto): shared logs and rate-limit buckets for replicas of the
// transformer, scorer and gateway.
import type { SharedStateHandlers } from '@sluice/protocol';
import { unaryHandler, type RpcContext } from './rpc.js';
import type { SharedStateStore } from './shared-state-store.js';

export function sharedStateHandlers(context: RpcContext, store: SharedStateStore): SharedStateHandlers {
  return {
    AppendSharedLog: unaryHandler(context, 'AppendSharedLog', (req) => store.append(req)),
    ReadSharedLog: unaryHandler(context, 'ReadSharedLog', (req) => store.read(req)),
    TakeRateTokens: unaryHandler(context, 'TakeRateTokens', (req) => store.takeTokens(req)),
  };
}
