// Source definitions managed through the API (the collector polls them): upsert, delete, list.
import { sql, type Kysely } from 'kysely';
import type { SourceDefinition, SourceDefinition__Output } from '@sluice/protocol';
import { parseJsonObject, type SourceDefinitionRow } from './admin-rows.js';
import { invalid } from './errors.js';
import type { Database } from './schema.js';
import { epochMs } from './timestamps.js';

const SOURCE_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

function toDefinition(row: SourceDefinitionRow): SourceDefinition {
  return {
    id: row.id,
    kind: row.kind,
    config_json: JSON.stringify(row.config_json ?? {}),
    enabled: row.enabled,
    priority: row.priority,
    interval_seconds: row.interval_seconds,
    created_at_ms: epochMs(row.created_at),
    updated_at_ms: epochMs(row.updated_at),
  };
}

export class SourceDefinitionStore {
  constructor(private readonly db: Kysely<Database>) {}

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
    const row = await this.db
      .insertInto('source_definitions')
      .values({ id: definition.id, ...values, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: now }))
      .returningAll()
      .returning(sql<boolean>`(xmax = 0)`.as('created'))
      .executeTakeFirstOrThrow();
    return { definition: toDefinition(row), created: row.created };
  }

  async deleteSourceDefinition(id: string): Promise<boolean> {
    if (!id) throw invalid('id is required');
    const result = await this.db.deleteFrom('source_definitions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listSourceDefinitions(enabledOnly: boolean, updatedSinceMs: number): Promise<SourceDefinition[]> {
    const rows = await this.db
      .selectFrom('source_definitions')
      .selectAll()
      .$if(enabledOnly, (qb) => qb.where('enabled', '=', true))
      .$if(updatedSinceMs > 0, (qb) => qb.where('updated_at', '>', new Date(updatedSinceMs)))
      .orderBy('id')
      .execute();
    return rows.map(toDefinition);
  }
}
