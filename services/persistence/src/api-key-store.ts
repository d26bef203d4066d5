// API keys, stored as sha256 hashes: the key half of admin.proto.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { SCOPES, isScope } from '@sluice/common';
import type { ApiKey } from '@sluice/protocol';
import type { ApiKeyRow } from './admin-rows.js';
import { PersistenceError, invalid } from './errors.js';
import type { Database } from './schema.js';
import { epochMs } from './timestamps.js';

export function hashApiKey(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `slk_${randomBytes(32).toString('base64url')}`;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    rate_limit_per_minute: row.rate_limit_per_minute,
    revoked: row.revoked_at !== null,
    created_at_ms: epochMs(row.created_at),
    revoked_at_ms: epochMs(row.revoked_at),
    prefix: row.prefix,
    key_hash: row.key_hash,
  };
}

export class ApiKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

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
    if (scopes.length === 0) throw invalid(`scopes must name at least one of ${SCOPES.join(', ')}`);
    const unknown = scopes.filter((s) => !isScope(s));
    if (unknown.length > 0) throw invalid(`unknown scope(s) ${unknown.join(', ')}; allowed: ${SCOPES.join(', ')}`);
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
    return rows.map(toApiKey);
  }

  async revokeApiKey(id: string): Promise<ApiKey | undefined> {
    if (!id) throw invalid('id is required');
    const row = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toApiKey(row) : undefined;
  }

  #keyByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  }
}
