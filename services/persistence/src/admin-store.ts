// API keys (stored as sha256 hashes), jobs and API-managed source definitions: the data behind admin.proto.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ApiKey, Job, JobError__Output, SourceDefinition, SourceDefinition__Output } from '@sluice/protocol';
import { decodeJobCursor, encodeJobCursor } from './job-cursor.js';
import { PersistenceError, invalid, notFound } from './errors.js';
import type { Database } from './schema.js';

export const API_KEY_SCOPES = ['read', 'write', 'admin'] as const;
export const JOB_KINDS = ['collect', 'import'] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const TERMINAL_JOB_STATUSES: readonly string[] = ['succeeded', 'failed', 'cancelled'];
const MAX_JOB_ERRORS = 100;
const SOURCE_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export function hashApiKey(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `slk_${randomBytes(32).toString('base64url')}`;
}

function ms(value: Date | string | null | undefined): number {
  if (!value) return 0;
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text || '{}');
  } catch {
    throw invalid(`${what} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw invalid(`${what} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

interface ApiKeyRow {
  id: string;
  name: string;
  key_hash: string;
  prefix: string;
  scopes: string[];
  rate_limit_per_minute: number;
  created_at: Date;
  revoked_at: Date | null;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    rate_limit_per_minute: row.rate_limit_per_minute,
    revoked: row.revoked_at !== null,
    created_at_ms: ms(row.created_at),
    revoked_at_ms: ms(row.revoked_at),
    prefix: row.prefix,
    key_hash: row.key_hash,
  };
}

interface JobRow {
  id: string;
  kind: string;
  status: string;
  params_json: unknown;
  counts: Record<string, number>;
  errors: Array<{ code: string; message: string; occurred_at_ms: number; subject: string }>;
  message: string;
  cancel_requested: boolean;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    params_json: JSON.stringify(row.params_json ?? {}),
    counts: Object.fromEntries(Object.entries(row.counts ?? {}).map(([k, v]) => [k, Number(v)])),
    errors: row.errors ?? [],
    created_at_ms: ms(row.created_at),
    updated_at_ms: ms(row.updated_at),
    started_at_ms: ms(row.started_at),
    finished_at_ms: ms(row.finished_at),
    cancel_requested: row.cancel_requested,
    message: row.message,
  };
}

interface DefinitionRow {
  id: string;
  kind: string;
  config_json: unknown;
  enabled: boolean;
  priority: number;
  interval_seconds: number;
  created_at: Date;
  updated_at: Date;
}

function toDefinition(row: DefinitionRow): SourceDefinition {
  return {
    id: row.id,
    kind: row.kind,
    config_json: JSON.stringify(row.config_json ?? {}),
    enabled: row.enabled,
    priority: row.priority,
    interval_seconds: row.interval_seconds,
    created_at_ms: ms(row.created_at),
    updated_at_ms: ms(row.updated_at),
  };
}

export class AdminStore {
  constructor(private readonly db: Kysely<Database>) {}

  // ---------- API keys ----------

  async createApiKey(input: {
    name: string;
    scopes: readonly string[];
    rate_limit_per_minute: number;
    raw_key?: string;
  }): Promise<{ key: ApiKey; raw_key: string }> {
    const name = input.name?.trim();
    if (!name) throw invalid('name is required');
    if (name.length > 200) throw invalid('name is longer than 200 characters');
    const scopes = [...new Set(input.scopes ?? [])];
    if (scopes.length === 0) throw invalid(`scopes must name at least one of ${API_KEY_SCOPES.join(', ')}`);
    const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0)
      throw invalid(`unknown scope(s) ${unknown.join(', ')}; allowed: ${API_KEY_SCOPES.join(', ')}`);
    const rate = Number(input.rate_limit_per_minute ?? 0);
    if (!Number.isInteger(rate) || rate < 0) throw invalid('rate_limit_per_minute must be a non-negative integer');
    if (input.raw_key && input.raw_key.length < 32) throw invalid('raw_key must be at least 32 characters');
    const raw = input.raw_key || generateApiKey();
    const keyHash = hashApiKey(raw);
    await this.db
      .insertInto('api_keys')
      .values({
        id: randomUUID(),
        name,
        key_hash: keyHash,
        prefix: raw.slice(0, 12),
        scopes: JSON.stringify(scopes),
        rate_limit_per_minute: rate,
        created_at: new Date(),
      })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
    const row = await this.#keyByHash(keyHash);
    if (!row) throw new PersistenceError('internal', 'API key vanished after insert');
    return { key: toApiKey(row), raw_key: raw };
  }

  async verifyApiKey(rawKey: string, keyHash: string): Promise<ApiKey | undefined> {
    if (!rawKey && !keyHash) throw invalid('raw_key or key_hash is required');
    const row = await this.#keyByHash(rawKey ? hashApiKey(rawKey) : keyHash.toLowerCase());
    return row ? toApiKey(row) : undefined;
  }

  async listApiKeys(includeRevoked: boolean): Promise<ApiKey[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .$if(!includeRevoked, (qb) => qb.where('revoked_at', 'is', null))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return (rows as unknown as ApiKeyRow[]).map(toApiKey);
  }

  async revokeApiKey(id: string): Promise<ApiKey | undefined> {
    if (!id) throw invalid('id is required');
    const row = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` as never })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toApiKey(row as unknown as ApiKeyRow) : undefined;
  }

  async #keyByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row as unknown as ApiKeyRow | undefined;
  }

  // ---------- Jobs ----------

  async createJob(kind: string, paramsJson: string): Promise<Job> {
    if (!(JOB_KINDS as readonly string[]).includes(kind)) throw invalid(`kind must be one of ${JOB_KINDS.join(', ')}`);
    const params = parseJsonObject(paramsJson, 'params_json');
    const row = await this.db
      .insertInto('jobs')
      .values({
        id: randomUUID(),
        kind,
        status: 'queued',
        params_json: JSON.stringify(params),
        counts: '{}',
        errors: '[]',
        message: '',
        cancel_requested: false,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(row as unknown as JobRow);
  }

  async getJob(id: string): Promise<Job | undefined> {
    if (!id) throw invalid('id is required');
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row as unknown as JobRow) : undefined;
  }

  async updateJobProgress(input: {
    id: string;
    counts: Record<string, number>;
    status: string;
    errors: readonly JobError__Output[];
    message: string;
  }): Promise<Job> {
    if (!input.id) throw invalid('id is required');
    if (input.status && !(JOB_STATUSES as readonly string[]).includes(input.status))
      throw invalid(`status must be one of ${JOB_STATUSES.join(', ')}`);
    return this.db.transaction().execute(async (trx) => {
      const current = (await trx
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', input.id)
        .forUpdate()
        .executeTakeFirst()) as unknown as JobRow | undefined;
      if (!current) throw notFound(`job ${input.id} does not exist`);
      const terminal = TERMINAL_JOB_STATUSES.includes(current.status);
      const status = terminal || !input.status ? current.status : input.status;
      const counts = { ...current.counts };
      for (const [k, v] of Object.entries(input.counts ?? {})) counts[k] = Number(v);
      const errors = [
        ...(current.errors ?? []),
        ...(input.errors ?? []).map((e) => ({
          code: e.code,
          message: e.message,
          occurred_at_ms: Number(e.occurred_at_ms) || Date.now(),
          subject: e.subject ?? '',
        })),
      ].slice(-MAX_JOB_ERRORS);
      const now = new Date();
      const row = await trx
        .updateTable('jobs')
        .set({
          status,
          counts: JSON.stringify(counts),
          errors: JSON.stringify(errors),
          message: input.message || current.message,
          updated_at: now,
          started_at:
            current.started_at ?? (status === 'running' || TERMINAL_JOB_STATUSES.includes(status) ? now : null),
          finished_at: current.finished_at ?? (TERMINAL_JOB_STATUSES.includes(status) ? now : null),
        })
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toJob(row as unknown as JobRow);
    });
  }

  async listJobs(input: {
    status: string;
    kind: string;
    limit: number;
    cursor: string;
  }): Promise<{ jobs: Job[]; next_cursor: string }> {
    if (input.status && !(JOB_STATUSES as readonly string[]).includes(input.status))
      throw invalid(`status must be one of ${JOB_STATUSES.join(', ')}`);
    if (input.kind && !(JOB_KINDS as readonly string[]).includes(input.kind))
      throw invalid(`kind must be one of ${JOB_KINDS.join(', ')}`);
    const limit = input.limit > 0 ? input.limit : 50;
    if (limit > 500) throw invalid('limit must be at most 500');
    const cursor = input.cursor ? decodeJobCursor(input.cursor) : undefined;
    const rows = (await this.db
      .selectFrom('jobs')
      .selectAll()
      .$if(!!input.status, (qb) => qb.where('status', '=', input.status))
      .$if(!!input.kind, (qb) => qb.where('kind', '=', input.kind))
      .$if(!!cursor, (qb) =>
        qb.where(
          sql<boolean>`(created_at, id) < (${new Date(cursor!.createdAtMs).toISOString()}::timestamptz, ${cursor!.id})`,
        ),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute()) as unknown as JobRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      jobs: page.map(toJob),
      next_cursor:
        rows.length > limit && last ? encodeJobCursor({ createdAtMs: ms(last.created_at), id: last.id }) : '',
    };
  }

  async cancelJob(id: string): Promise<Job | undefined> {
    if (!id) throw invalid('id is required');
    const row = await this.db
      .updateTable('jobs')
      .set({
        cancel_requested:
          sql<boolean>`CASE WHEN status IN ('queued', 'running') THEN true ELSE cancel_requested END` as never,
        status: sql<string>`CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END` as never,
        finished_at: sql<Date>`CASE WHEN status = 'queued' THEN now() ELSE finished_at END` as never,
        updated_at: sql<Date>`now()` as never,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row as unknown as JobRow) : undefined;
  }

  /**
   * Ends queued or running jobs not updated for `staleAfterMs`: their worker (a gateway) heartbeats its jobs, so
   * these belong to one that crashed or lost persistence. Failed with an "abandoned" error, or cancelled when a
   * cancel was requested. One UPDATE, so concurrent callers never end a job twice.
   */
  async endStaleJobs(staleAfterMs: number): Promise<Job[]> {
    if (!Number.isFinite(staleAfterMs) || staleAfterMs < 1000) throw invalid('stale_after_ms must be at least 1000');
    const message = `abandoned: the gateway running this job stopped reporting progress for ${Math.round(staleAfterMs / 1000)} s (it stopped, crashed or lost its connection)`;
    const now = new Date();
    const abandoned = JSON.stringify([{ code: 'abandoned', message, occurred_at_ms: now.getTime(), subject: '' }]);
    const result = await sql<JobRow>`
      UPDATE jobs SET
        status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'failed' END,
        message = ${message},
        errors = errors || ${abandoned}::jsonb,
        started_at = coalesce(started_at, ${now}),
        finished_at = ${now},
        updated_at = ${now}
      WHERE status IN ('queued', 'running') AND updated_at < ${new Date(now.getTime() - staleAfterMs)}
      RETURNING *`.execute(this.db);
    return result.rows.map(toJob);
  }

  // ---------- Source definitions ----------

  async upsertSourceDefinition(
    definition: SourceDefinition__Output | null | undefined,
  ): Promise<{ definition: SourceDefinition; created: boolean }> {
    if (!definition) throw invalid('definition is required');
    if (!SOURCE_ID.test(definition.id ?? '')) throw invalid('definition.id must match [a-z0-9][a-z0-9_.-]{0,63}');
    if (!definition.kind || !/^[a-z0-9_]{1,40}$/.test(definition.kind))
      throw invalid('definition.kind is required (e.g. rss, jsonl)');
    const config = parseJsonObject(definition.config_json, 'definition.config_json');
    const priority = Number(definition.priority ?? 0);
    if (!Number.isInteger(priority) || priority < 0 || priority > 9) throw invalid('definition.priority must be 0..9');
    const interval = Number(definition.interval_seconds ?? 0);
    if (!Number.isInteger(interval) || interval < 0)
      throw invalid('definition.interval_seconds must be a non-negative integer');
    const values = {
      kind: definition.kind,
      config_json: JSON.stringify(config),
      enabled: definition.enabled ?? false,
      priority,
      interval_seconds: interval || 300,
    };
    const now = new Date();
    const row = (await this.db
      .insertInto('source_definitions')
      .values({ id: definition.id, ...values, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: now }))
      .returningAll()
      .returning(sql<boolean>`(xmax = 0)`.as('created'))
      .executeTakeFirstOrThrow()) as unknown as DefinitionRow & { created: boolean };
    return { definition: toDefinition(row), created: row.created };
  }

  async deleteSourceDefinition(id: string): Promise<boolean> {
    if (!id) throw invalid('id is required');
    const result = await this.db.deleteFrom('source_definitions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listSourceDefinitions(enabledOnly: boolean, updatedSinceMs: number): Promise<SourceDefinition[]> {
    const rows = (await this.db
      .selectFrom('source_definitions')
      .selectAll()
      .$if(enabledOnly, (qb) => qb.where('enabled', '=', true))
      .$if(updatedSinceMs > 0, (qb) => qb.where('updated_at', '>', new Date(updatedSinceMs)))
      .orderBy('id')
      .execute()) as unknown as DefinitionRow[];
    return rows.map(toDefinition);
  }
}
