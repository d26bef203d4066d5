// Row types of the admin tables, derived from schema.ts (what a SELECT returns), and the JSON-object check the
// job and source-definition stores share.
import type { Selectable } from 'kysely';
import { invalid } from './errors.js';
import type { ApiKeysTable, JobsTable, SourceDefinitionsTable } from './schema.js';

export type ApiKeyRow = Selectable<ApiKeysTable>;
export type JobRow = Selectable<JobsTable>;
export type SourceDefinitionRow = Selectable<SourceDefinitionsTable>;

/** Parses a request's JSON text that must hold an object ('' counts as `{}`). */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
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
