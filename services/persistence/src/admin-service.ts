// The PersistenceAdmin gRPC service (admin.proto): API keys, jobs, source definitions, dead letters.
import type { PersistenceAdminHandlers } from '@sluice/protocol';
import type { AdminStore } from './admin-store.js';
import type { DeadLetterStore } from './dead-letter-store.js';
import { unaryHandler, type RpcContext } from './rpc.js';

export function adminHandlers(
  context: RpcContext,
  store: AdminStore,
  deadLetters: DeadLetterStore,
): PersistenceAdminHandlers {
  return {
    CreateApiKey: unaryHandler(context, 'CreateApiKey', (req) => store.createApiKey(req)),
    VerifyApiKey: unaryHandler(context, 'VerifyApiKey', async (req) => {
      const key = await store.verifyApiKey(req.raw_key, req.key_hash);
      return { found: key !== undefined, key: key ?? null };
    }),
    ListApiKeys: unaryHandler(context, 'ListApiKeys', async (req) => ({
      keys: await store.listApiKeys(req.include_revoked),
    })),
    RevokeApiKey: unaryHandler(context, 'RevokeApiKey', async (req) => {
      const key = await store.revokeApiKey(req.id);
      return { found: key !== undefined, key: key ?? null };
    }),
    CreateJob: unaryHandler(context, 'CreateJob', async (req) => ({
      job: await store.createJob(req.kind, req.params_json),
    })),
    GetJob: unaryHandler(context, 'GetJob', async (req) => {
      const job = await store.getJob(req.id);
      return { found: job !== undefined, job: job ?? null };
    }),
    UpdateJobProgress: unaryHandler(context, 'UpdateJobProgress', async (req) => ({
      job: await store.updateJobProgress(req),
    })),
    ListJobs: unaryHandler(context, 'ListJobs', (req) => store.listJobs(req)),
    CancelJob: unaryHandler(context, 'CancelJob', async (req) => {
      const job = await store.cancelJob(req.id);
      return { found: job !== undefined, job: job ?? null };
    }),
    EndStaleJobs: unaryHandler(context, 'EndStaleJobs', async (req) => ({
      jobs: await store.endStaleJobs(Number(req.stale_after_ms)),
    })),
    UpsertSourceDefinition: unaryHandler(context, 'UpsertSourceDefinition', (req) =>
      store.upsertSourceDefinition(req.definition),
    ),
    DeleteSourceDefinition: unaryHandler(context, 'DeleteSourceDefinition', async (req) => ({
      deleted: await store.deleteSourceDefinition(req.id),
    })),
    ListSourceDefinitions: unaryHandler(context, 'ListSourceDefinitions', async (req) => ({
      definitions: await store.listSourceDefinitions(req.enabled_only, Number(req.updated_since_ms ?? 0)),
    })),
    ListDeadLetters: unaryHandler(context, 'ListDeadLetters', (req) =>
      deadLetters.list({ filter: req.filter, limit: req.limit, cursor: req.cursor }),
    ),
    GetDeadLetter: unaryHandler(context, 'GetDeadLetter', async (req) => {
      const letter = await deadLetters.get(Number(req.id));
      return { found: letter !== undefined, dead_letter: letter ?? null };
    }),
    DiscardDeadLetters: unaryHandler(context, 'DiscardDeadLetters', async (req) => ({
      discarded: await deadLetters.discard({ ids: req.ids ?? [], filter: req.filter, all: req.all }),
    })),
    BeginDeadLetterReplay: unaryHandler(context, 'BeginDeadLetterReplay', (req) =>
      deadLetters.beginReplay({ ids: req.ids ?? [], filter: req.filter, limit: req.limit }),
    ),
    FinishDeadLetterReplay: unaryHandler(context, 'FinishDeadLetterReplay', async (req) => ({
      outcomes: await deadLetters.finishReplay(req.ids ?? []),
    })),
  };
}
