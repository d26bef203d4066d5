// Jobs (collect, import): created by the gateway's API, run and heartbeated by a gateway, listed newest first.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { JOB_STATUSES, isJobStatus, isTerminalJobStatus } from '@sluice/common';
import type { Job, JobError__Output } from '@sluice/protocol';
import { parseJsonObject, type JobRow } from './admin-rows.js';
import { invalid, notFound } from './errors.js';
import { decodeJobCursor, encodeJobCursor } from './job-cursor.js';
import type { Database } from './schema.js';
import { epochMs } from './timestamps.js';

export const JOB_KINDS = ['collect', 'import'] as const;
const MAX_JOB_ERRORS = 100;

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    params_json: JSON.stringify(row.params_json ?? {}),
    counts: Object.fromEntries(Object.entries(row.counts ?? {}).map(([k, v]) => [k, Number(v)])),
    errors: row.errors ?? [],
    created_at_ms: epochMs(row.created_at),
    updated_at_ms: epochMs(row.updated_at),
    started_at_ms: epochMs(row.started_at),
    finished_at_ms: epochMs(row.finished_at),
    cancel_requested: row.cancel_requested,
    message: row.message,
  };
}

function checkStatus(status: string): void {
  if (status && !isJobStatus(status)) throw invalid(`status must be one of ${JOB_STATUSES.join(', ')}`);
}

export class JobStore {
  constructor(private readonly db: Kysely<Database>) {}

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
    return toJob(row);
  }

  async getJob(id: string): Promise<Job | undefined> {
    if (!id) throw invalid('id is required');
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  async updateJobProgress(input: {
    id: string;
    counts: Record<string, number>;
    status: string;
    errors: readonly JobError__Output[];
    message: string;
  }): Promise<Job> {
    if (!input.id) throw invalid('id is required');
    checkStatus(input.status);
    return this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', input.id)
        .forUpdate()
        .executeTakeFirst();
      if (!current) throw notFound(`job ${input.id} does not exist`);
      const terminal = isTerminalJobStatus(current.status);
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
          started_at: current.started_at ?? (status === 'running' || isTerminalJobStatus(status) ? now : null),
          finished_at: current.finished_at ?? (isTerminalJobStatus(status) ? now : null),
        })
        .where('id', '=', input.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toJob(row);
    });
  }

  async listJobs(input: {
    status: string;
    kind: string;
    limit: number;
    cursor: string;
  }): Promise<{ jobs: Job[]; next_cursor: string }> {
    checkStatus(input.status);
    if (input.kind && !(JOB_KINDS as readonly string[]).includes(input.kind))
      throw invalid(`kind must be one of ${JOB_KINDS.join(', ')}`);
    const limit = input.limit > 0 ? input.limit : 50;
    if (limit > 500) throw invalid('limit must be at most 500');
    const cursor = input.cursor ? decodeJobCursor(input.cursor) : undefined;
    const rows = await this.db
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
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      jobs: page.map(toJob),
      next_cursor:
        rows.length > limit && last ? encodeJobCursor({ createdAtMs: epochMs(last.created_at), id: last.id }) : '',
    };
  }

  async cancelJob(id: string): Promise<Job | undefined> {
    if (!id) throw invalid('id is required');
    const row = await this.db
      .updateTable('jobs')
      .set({
        cancel_requested: sql<boolean>`CASE WHEN status IN ('queued', 'running') THEN true ELSE cancel_requested END`,
        status: sql<string>`CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END`,
        finished_at: sql<Date>`CASE WHEN status = 'queued' THEN now() ELSE finished_at END`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
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
}
