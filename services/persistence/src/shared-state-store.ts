// The tables behind shared.proto: numbered logs that replicas append to with optimistic concurrency, and token
// buckets for the gateway's rate limits. Everything is one short statement or one short transaction, so many
// replicas can call at batch rate.
//  - An append updates the log's head row only when its last_seq is still the caller's expected_seq (UPDATE …
//    WHERE last_seq = expected: a concurrent append holds the row lock, and after its commit the condition is
//    re-checked against the new row and fails), then inserts the entries with the seqs that follow. Appends to
//    one log are therefore ordered, without gaps, and each appender has seen every earlier entry.
//  - A bucket is refilled from the database's clock (no replica's clock matters) and taken from in the same
//    upsert, under its row lock.
import { sql, type Kysely } from 'kysely';
import { invalid } from './errors.js';

export const SHARED_LOGS = ['dedup', 'novelty'] as const;
export type SharedLogName = (typeof SHARED_LOGS)[number];

const DEFAULT_READ_LIMIT = 1000;
const MAX_READ_LIMIT = 10_000;
/** Entries older than the retention window are removed in full every this many appended entries. */
const FULL_TRIM_EVERY = 1000;

export interface SharedEntry {
  seq: number;
  payload: Buffer;
  replica: string;
}

export interface AppendResult {
  appended: boolean;
  last_seq: number;
  missed: SharedEntry[];
  complete: boolean;
}

export interface ReadResult {
  entries: SharedEntry[];
  last_seq: number;
  complete: boolean;
}

export interface TakeResult {
  granted: number;
  remaining: number;
  retry_after_ms: number;
}

function checkLog(log: string): SharedLogName {
  if (!(SHARED_LOGS as readonly string[]).includes(log))
    throw invalid(`unknown shared log "${log}"; expected one of ${SHARED_LOGS.join(', ')}`);
  return log as SharedLogName;
}

function limitOf(limit: number | undefined): number {
  const n = Number(limit ?? 0);
  if (n < 0) throw invalid('limit must not be negative');
  return n === 0 ? DEFAULT_READ_LIMIT : Math.min(MAX_READ_LIMIT, Math.floor(n));
}

function toBuffer(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
}

export class SharedStateStore {
  constructor(private readonly db: Kysely<any>) {}

  async append(request: {
    log: string;
    expected_seq?: number;
    payloads?: Array<Buffer | Uint8Array>;
    replica?: string;
    retain_entries?: number;
    read_limit?: number;
  }): Promise<AppendResult> {
    const log = checkLog(request.log);
    const expected = Number(request.expected_seq ?? 0);
    if (!(expected >= 0)) throw invalid('expected_seq must not be negative');
    const retain = Math.max(0, Math.floor(Number(request.retain_entries ?? 0)));
    const readLimit = limitOf(request.read_limit);
    const payloads = (request.payloads ?? []).map((p) => toBuffer(p).toString('base64'));
    const replica = request.replica ?? '';
    await sql`INSERT INTO shared_log_heads (log) VALUES (${log}) ON CONFLICT (log) DO NOTHING`.execute(this.db);
    const appended = await this.db.transaction().execute(async (trx) => {
      const head = await sql<{ last_seq: number }>`
        UPDATE shared_log_heads SET last_seq = last_seq + ${payloads.length}::bigint
        WHERE log = ${log} AND last_seq = ${expected}::bigint
        RETURNING last_seq`.execute(trx);
      const last = head.rows[0]?.last_seq;
      if (last === undefined) return undefined;
      if (payloads.length > 0)
        await sql`
          INSERT INTO shared_log_entries (log, seq, payload, replica)
          SELECT ${log}, ${expected}::bigint + t.ord, decode(t.p, 'base64'), ${replica}
          FROM unnest(${payloads}::text[]) WITH ORDINALITY AS t(p, ord)`.execute(trx);
      if (retain > 0) {
        // Usually only the entries this append pushed out of the window; now and then everything older (the
        // retention may have shrunk since).
        const full = Math.floor(last / FULL_TRIM_EVERY) !== Math.floor(expected / FULL_TRIM_EVERY);
        const from = full ? 0 : Math.max(0, expected - retain);
        await sql`
          DELETE FROM shared_log_entries
          WHERE log = ${log} AND seq > ${from}::bigint AND seq <= ${last - retain}::bigint`.execute(trx);
      }
      return Number(last);
    });
    if (appended !== undefined) return { appended: true, last_seq: appended, missed: [], complete: true };
    const read = await this.read({ log, after_seq: expected, limit: readLimit, retain_entries: retain });
    return { appended: false, last_seq: read.last_seq, missed: read.entries, complete: read.complete };
  }

  async read(request: {
    log: string;
    after_seq?: number;
    limit?: number;
    retain_entries?: number;
  }): Promise<ReadResult> {
    const log = checkLog(request.log);
    const after = Number(request.after_seq ?? 0);
    if (!(after >= 0)) throw invalid('after_seq must not be negative');
    const limit = limitOf(request.limit);
    const retain = Math.max(0, Math.floor(Number(request.retain_entries ?? 0)));
    const head = await sql<{ last_seq: number }>`SELECT last_seq FROM shared_log_heads WHERE log = ${log}`.execute(
      this.db,
    );
    const last = Number(head.rows[0]?.last_seq ?? 0);
    const from = retain > 0 ? Math.max(after, last - retain) : after;
    const rows = await sql<{ seq: number; payload: Buffer | Uint8Array; replica: string }>`
      SELECT seq, payload, replica FROM shared_log_entries
      WHERE log = ${log} AND seq > ${from}::bigint AND seq <= ${last}::bigint
      ORDER BY seq LIMIT ${limit}`.execute(this.db);
    const entries = rows.rows.map((r) => ({ seq: Number(r.seq), payload: toBuffer(r.payload), replica: r.replica }));
    const complete = entries.length < limit || entries[entries.length - 1]!.seq >= last;
    return { entries, last_seq: last, complete };
  }

  async takeTokens(request: { key: string; per_minute: number; capacity: number; want?: number }): Promise<TakeResult> {
    if (!request.key) throw invalid('key is required');
    const perMinute = Number(request.per_minute);
    const capacity = Number(request.capacity);
    if (!(perMinute > 0) || !(capacity >= 1)) throw invalid('per_minute must be positive and capacity at least 1');
    const want = Math.max(1, Math.floor(Number(request.want ?? 1)));
    const perMs = perMinute / 60_000;
    const refilled = sql`least(${capacity}::float8, b.tokens + greatest(0, excluded.updated_at_ms - b.updated_at_ms) * ${perMs}::float8)`;
    const { rows } = await sql<{ tokens: number; granted: number }>`
      INSERT INTO rate_buckets AS b (key, tokens, granted, updated_at_ms)
      SELECT ${request.key}, ${capacity}::float8 - least(${want}, floor(${capacity}::float8)),
             least(${want}, floor(${capacity}::float8))::int, extract(epoch FROM clock_timestamp())::float8 * 1000
      ON CONFLICT (key) DO UPDATE SET
        granted = least(${want}, floor(${refilled}))::int,
        tokens = ${refilled} - least(${want}, floor(${refilled})),
        updated_at_ms = excluded.updated_at_ms
      RETURNING tokens, granted`.execute(this.db);
    const row = rows[0]!;
    const tokens = Number(row.tokens);
    const granted = Number(row.granted);
    return {
      granted,
      remaining: tokens,
      retry_after_ms: granted > 0 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs)),
    };
  }
}
