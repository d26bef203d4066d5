// The filters of item lists and searches as SQL conditions on the items table (alias `i`), validated on the
// way: a filter that can never match (until before since, a NaN score) is an invalid-argument error.
import { sql, type RawBuilder } from 'kysely';
import type { ListItemsRequest__Output } from '@sluice/protocol';
import { invalid } from './errors.js';

export type ItemFilters = Pick<
  ListItemsRequest__Output,
  | 'source_ids'
  | 'label'
  | 'sentiment'
  | 'language'
  | 'min_score'
  | 'has_min_score'
  | 'max_score'
  | 'has_max_score'
  | 'duplicate_of'
  | 'since_ms'
  | 'until_ms'
  | 'text'
>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** WHERE conditions for the filters, on table alias `i`. Exported for tests of the SQL shape. */
export function filterConditions(
  filters: Partial<ItemFilters> | null | undefined,
  timeColumn: string,
): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (!filters) return where;
  if (filters.source_ids && filters.source_ids.length > 0)
    where.push(sql`i.source_id = ANY(${[...filters.source_ids]}::text[])`);
  if (filters.label) where.push(sql`i.labels @> ${JSON.stringify([filters.label])}::jsonb`);
  if (filters.sentiment) where.push(sql`i.sentiment = ${filters.sentiment}`);
  if (filters.language) where.push(sql`i.language = ${filters.language}`);
  if (filters.has_min_score || (filters.min_score ?? 0) > 0) {
    if (!Number.isFinite(filters.min_score)) throw invalid('min_score must be a number');
    where.push(sql`i.score >= ${filters.min_score ?? 0}`);
  }
  if (filters.has_max_score) {
    if (!Number.isFinite(filters.max_score)) throw invalid('max_score must be a number');
    where.push(sql`i.score <= ${filters.max_score ?? 0}`);
  }
  if (filters.duplicate_of) where.push(sql`i.duplicate_of = ${filters.duplicate_of}`);
  const since = Number(filters.since_ms ?? 0);
  const until = Number(filters.until_ms ?? 0);
  if (since < 0 || until < 0) throw invalid('since_ms and until_ms must not be negative');
  if (since > 0 && until > 0 && until <= since) throw invalid('until_ms must be after since_ms');
  if (since > 0) where.push(sql`${sql.ref(`i.${timeColumn}`)} >= to_timestamp(${since}::float8 / 1000.0)`);
  if (until > 0) where.push(sql`${sql.ref(`i.${timeColumn}`)} < to_timestamp(${until}::float8 / 1000.0)`);
  if (filters.text) {
    if (filters.text.length > 200) throw invalid('text filter is longer than 200 characters');
    const pattern = `%${escapeLike(filters.text)}%`;
    where.push(sql`(i.title ILIKE ${pattern} OR i.text ILIKE ${pattern})`);
  }
  return where;
}

export function whereClause(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
}
