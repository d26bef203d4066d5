// The Persistence gRPC service's handlers (persistence.proto): reads, source state, leases and source errors.
import type { PersistenceHandlers } from '@sluice/protocol';
import type { ItemReader } from './item-reader.js';
import { unaryHandler, type RpcContext } from './rpc.js';
import type { SourceStateStore } from './source-state-store.js';

export function persistenceHandlers(
  context: RpcContext,
  reader: ItemReader,
  sources: SourceStateStore,
): PersistenceHandlers {
  return {
    ListItems: unaryHandler(context, 'ListItems', (req) => reader.list(req)),
    GetItem: unaryHandler(context, 'GetItem', async (req) => {
      const item = await reader.get(req.id, { includeEmbedding: true, includeText: true });
      return { item: item ?? null, found: item !== undefined };
    }),
    SearchItems: unaryHandler(context, 'SearchItems', (req) => reader.search(req)),
    CountItems: unaryHandler(context, 'CountItems', (req) => reader.count(req.source_ids ?? [])),
    GetSourceState: unaryHandler(context, 'GetSourceState', async (req) => ({
      states: await sources.get(req.source_ids ?? []),
    })),
    SaveSourceState: unaryHandler(context, 'SaveSourceState', async (req) => ({
      saved: await sources.save(req.state, req.lease_owner),
    })),
    LeaseSources: unaryHandler(context, 'LeaseSources', (req) =>
      sources.lease(req.owner, req.source_ids ?? [], req.max_sources, req.lease_duration_ms, {
        priorities: req.priorities ?? [],
        agingMs: Number(req.priority_aging_ms ?? 0),
      }),
    ),
    ReleaseSources: unaryHandler(context, 'ReleaseSources', async (req) => {
      await sources.release(req.owner, req.source_ids ?? []);
      return {};
    }),
    RecordSourceError: unaryHandler(context, 'RecordSourceError', async (req) => {
      await sources.recordError(req.error);
      return {};
    }),
    ListSourceErrors: unaryHandler(context, 'ListSourceErrors', async (req) => ({
      errors: await sources.listErrors(req.source_id, req.limit),
    })),
  };
}
