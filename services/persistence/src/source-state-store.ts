// Per-source collector state, leases (so several collector replicas never fetch the same source at once)
// and source errors.
import { sql, type Kysely } from 'kysely';
import type {
  LeaseSourcesResponse,
  SourceError,
  SourceError__Output,
  SourceState,
  SourceState__Output,
} from '@sluice/protocol';
import { invalid } from './errors.js';
import type { Database } from './schema.js';
import { epochMs } from './timestamps.js';

const MAX_LEASE_MS = 24 * 3600 * 1000;

function ts(milliseconds: number | undefined): Date | null {
  const n = Number(milliseconds ?? 0);
  return n > 0 ? new Date(n) : null;
}

interface SourceRow {
  id: string;
  cursor_json: string;
  etag: string;
  last_modified: string;
  last_success_at: Date | null;
  consecutive_errors: number;
  next_fetch_at: Date | null;
  breaker_state: string;
  last_error: string;
  items_total: number | string;
}

function toState(row: SourceRow): SourceState {
  return {
    source_id: row.id,
    cursor_json: row.cursor_json,
    etag: row.etag,
    last_modified: row.last_modified,
    last_success_ms: epochMs(row.last_success_at),
    consecutive_errors: row.consecutive_errors,
    next_fetch_ms: epochMs(row.next_fetch_at),
    breaker_state: row.breaker_state,
    last_error: row.last_error,
    items_total: Number(row.items_total),
  };
}

export class SourceStateStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** States of the given sources (all sources when empty); unknown ids are left out. */
  async get(sourceIds: readonly string[]): Promise<SourceState[]> {
    const ids = [...sourceIds];
    const { rows } = await sql<SourceRow>`
      SELECT id, cursor_json, etag, last_modified, last_success_at, consecutive_errors, next_fetch_at, breaker_state, last_error, items_total
      FROM sources ${ids.length > 0 ? sql`WHERE id = ANY(${ids}::text[])` : sql``} ORDER BY id`.execute(this.db);
    return rows.map(toState);
  }

  /**
   * Saves a state. With `leaseOwner` the save only happens while that owner holds an unexpired lease, so a
   * replica that lost its lease (paused, partitioned) cannot overwrite the new owner's cursor.
   */
  async save(state: SourceState__Output | null | undefined, leaseOwner: string): Promise<boolean> {
    if (!state?.source_id) throw invalid('state.source_id is required');
    if (state.cursor_json) {
      try {
        JSON.parse(state.cursor_json);
      } catch {
        throw invalid('state.cursor_json is not valid JSON');
      }
    }
    const values = {
      cursor_json: state.cursor_json ?? '',
      etag: state.etag ?? '',
      last_modified: state.last_modified ?? '',
      last_success_at: ts(state.last_success_ms),
      consecutive_errors: Math.max(0, Number(state.consecutive_errors ?? 0)),
      next_fetch_at: ts(state.next_fetch_ms),
      breaker_state: state.breaker_state ?? '',
      last_error: state.last_error ?? '',
      items_total: Math.max(0, Number(state.items_total ?? 0)),
    };
    if (leaseOwner) {
      const result = await this.db
        .updateTable('sources')
        .set({ ...values, updated_at: sql<Date>`now()` })
        .where('id', '=', state.source_id)
        .where('lease_owner', '=', leaseOwner)
        .where(sql<boolean>`lease_expires_at > now()`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    }
    await this.db
      .insertInto('sources')
      .values({ id: state.source_id, ...values, updated_at: new Date() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
      .execute();
    return true;
  }

  /**
   * Grants `owner` leases on the candidates that are due (next fetch reached) and not leased by another owner
   * (or whose lease expired). The owner's own leases are renewed. Rows are locked with SKIP LOCKED, so two
   * replicas asking at once never get the same source. With room for fewer than are due, the most urgent go
   * first: the candidate's priority (parallel to sourceIds; missing ones count 0) plus one level per
   * `ranking.agingMs` it is overdue (starvation protection), then the longest overdue.
   */
  async lease(
    owner: string,
    sourceIds: readonly string[],
    maxSources: number,
    leaseDurationMs: number,
    ranking: { priorities: readonly number[]; agingMs: number } = { priorities: [], agingMs: 0 },
  ): Promise<LeaseSourcesResponse> {
    if (!owner) throw invalid('owner is required');
    const duration = Number(leaseDurationMs);
    if (!(duration > 0) || duration > MAX_LEASE_MS)
      throw invalid(`lease_duration_ms must be between 1 and ${MAX_LEASE_MS}`);
    const priorityOf = new Map<string, number>();
    sourceIds.forEach((id, i) => priorityOf.set(id, Number(ranking.priorities[i] ?? 0) || 0));
    const ids = [...new Set(sourceIds)].filter(Boolean);
    if (ids.length === 0) return { source_ids: [], expires_at_ms: 0 };
    const priorities = ids.map((id) => priorityOf.get(id) ?? 0);
    const agingSeconds = ranking.agingMs > 0 ? ranking.agingMs / 1000 : 0;
    const max = maxSources > 0 ? maxSources : ids.length;
    return this.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO sources (id) SELECT unnest(${ids}::text[]) ON CONFLICT (id) DO NOTHING`.execute(trx);
      const { rows } = await sql<{ id: string; lease_expires_at: Date }>`
        WITH wanted AS (SELECT * FROM unnest(${ids}::text[], ${priorities}::int[]) AS w(id, priority)),
        candidates AS (
          SELECT s.id FROM sources s JOIN wanted w ON w.id = s.id
          WHERE (s.next_fetch_at IS NULL OR s.next_fetch_at <= now())
            AND (s.lease_owner IS NULL OR s.lease_owner = ${owner} OR s.lease_expires_at <= now())
          ORDER BY w.priority + CASE WHEN ${agingSeconds}::float8 > 0
              THEN floor(extract(epoch FROM now() - coalesce(s.next_fetch_at, now())) / ${agingSeconds}::float8)
              ELSE 0 END DESC,
            s.next_fetch_at NULLS FIRST, s.id
          LIMIT ${max}
          FOR UPDATE OF s SKIP LOCKED
        )
        UPDATE sources s SET lease_owner = ${owner}, lease_expires_at = now() + make_interval(secs => ${duration / 1000}::float8)
        FROM candidates c WHERE s.id = c.id
        RETURNING s.id, s.lease_expires_at`.execute(trx);
      const granted = rows.map((r) => r.id).sort();
      const expires = rows.reduce((max, r) => Math.max(max, epochMs(r.lease_expires_at)), 0);
      return { source_ids: granted, expires_at_ms: expires };
    });
  }

  async release(owner: string, sourceIds: readonly string[]): Promise<number> {
    if (!owner) throw invalid('owner is required');
    const ids = [...sourceIds];
    const result = await this.db
      .updateTable('sources')
      .set({ lease_owner: null, lease_expires_at: null })
      .where('lease_owner', '=', owner)
      .$if(ids.length > 0, (qb) => qb.where('id', 'in', ids))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async recordError(error: SourceError__Output | null | undefined): Promise<void> {
    if (!error?.source_id) throw invalid('error.source_id is required');
    if (!error.code) throw invalid('error.code is required');
    const clean = (s: string | undefined, max: number) => (s ?? '').replaceAll('\u0000', '').slice(0, max);
    await this.db
      .insertInto('source_errors')
      .values({
        source_id: error.source_id,
        code: clean(error.code, 64),
        message: clean(error.message, 2000),
        http_status: Number(error.http_status ?? 0),
        url: clean(error.url, 2000),
        occurred_at: ts(error.occurred_at_ms) ?? new Date(),
      })
      .execute();
  }

  async listErrors(sourceId: string, limit: number): Promise<SourceError[]> {
    const n = limit > 0 ? Math.min(limit, 1000) : 100;
    const rows = await this.db
      .selectFrom('source_errors')
      .select(['source_id', 'code', 'message', 'http_status', 'url', 'occurred_at', 'id'])
      .$if(!!sourceId, (qb) => qb.where('source_id', '=', sourceId))
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc')
      .limit(n)
      .execute();
    return rows.map((r) => ({
      source_id: r.source_id,
      code: r.code,
      message: r.message,
      http_status: r.http_status,
      url: r.url,
      occurred_at_ms: epochMs(r.occurred_at),
    }));
  }
}
