// State shared by replicas of other services (shared.proto): numbered logs with a head row per log (the
// optimistic-concurrency point: an append updates the head only when it still has the seq the caller saw),
// and token buckets for the gateway's per-key rate limits.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE shared_log_heads (
    log text PRIMARY KEY,
    last_seq bigint NOT NULL DEFAULT 0
  )`.execute(db);
  await sql`CREATE TABLE shared_log_entries (
    log text NOT NULL,
    seq bigint NOT NULL,
    payload bytea NOT NULL,
    replica text NOT NULL DEFAULT '',
    appended_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (log, seq)
  )`.execute(db);
  await sql`CREATE TABLE rate_buckets (
    key text PRIMARY KEY,
    tokens double precision NOT NULL,
    granted integer NOT NULL DEFAULT 0,
    updated_at_ms double precision NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS rate_buckets`.execute(db);
  await sql`DROP TABLE IF EXISTS shared_log_entries`.execute(db);
  await sql`DROP TABLE IF EXISTS shared_log_heads`.execute(db);
}
