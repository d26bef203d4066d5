// The PersistenceAdmin gRPC service's handlers (admin.proto): API keys, jobs, source definitions, dead letters.
import type { PersistenceAdminHandlers } from '@sluice/protocol';
import type { ApiKeyStore } from './api-key-store.js';
import type { DeadLetterStore } from './dead-letter-store.js';
import type { JobStore } from './job-store.js';
import type { SourceDefinitionStore } from './source-definition-store.js';
import { unaryHandler, type RpcContext } from './rpc.js';

/** The stores behind admin.proto, one per table group. */
export interface AdminStores {
  keys: ApiKeyStore;
  jobs: JobStore;
  definitions: SourceDefinitionStore;
  deadLetters: DeadLetterStore;
}

export function adminHandlers(context: RpcContext, stores: AdminStores): PersistenceAdminHandlers {
  const { keys, jobs, definitions, deadLetters } = stores;
  return {
    CreateApiKey: unaryHandler(context, 'CreateApiKey', (req) => keys.createApiKey(req)),
    VerifyApiKey: unaryHandler(context, 'VerifyApiKey', async (req) => {
      const key = await keys.verifyApiKey(req.raw_key, req.key_hash);
      return { found: key !== undefined, key: key ?? null };
    }),
    ListApiKeys: unaryHandler(context, 'ListApiKeys', async (req) => ({
      keys: await keys.listApiKeys(req.include_revoked),
    })),
    RevokeApiKey: unaryHandler(context, 'RevokeApiKey', async (req) => {
      const key = await keys.revokeApiKey(req.id);
      return { found: key !== undefined, key: key ?? null };
    }),
    CreateJob: unaryHandler(context, 'CreateJob', async (req) => ({
      job: await jobs.createJob(req.kind, req.params_json),
    })),
    GetJob: unaryHandler(context, 'GetJob', async (req) => {
      const job = await jobs.getJob(req.id);
      return { found: job !== undefined, job: job ?? null };
    }),
    UpdateJobProgress: unaryHandler(context, 'UpdateJobProgress', async (req) => ({
      job: await jobs.updateJobProgress(req),
    })),
    ListJobs: unaryHandler(context, 'ListJobs', (req) => jobs.listJobs(req)),
    CancelJob: unaryHandler(context, 'CancelJob', async (req) => {
      const job = await jobs.cancelJob(req.id);
      return { found: job !== undefined, job: job ?? null };
    }),
    EndStaleJobs: unaryHandler(context, 'EndStaleJobs', async (req) => ({
      jobs: await jobs.endStaleJobs(Number(req.stale_after_ms)),
    })),
    UpsertSourceDefinition: unaryHandler(context, 'UpsertSourceDefinition', (req) =>
      definitions.upsertSourceDefinition(req.definition),
    ),
    DeleteSourceDefinition: unaryHandler(context, 'DeleteSourceDefinition', async (req) => ({
      deleted: await definitions.deleteSourceDefinition(req.id),
    })),
    ListSourceDefinitions: unaryHandler(context, 'ListSourceDefinitions', async (req) => ({
      definitions: await definitions.listSourceDefinitions(req.enabled_only, Number(req.updated_since_ms ?? 0)),
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
