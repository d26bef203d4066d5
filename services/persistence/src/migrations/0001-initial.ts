// The initial schema: items and their model outputs, sources and their state, dead letters, API keys, jobs.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE items (
      id text PRIMARY KEY,
      source_id text NOT NULL,
      source_kind text NOT NULL DEFAULT '',
      external_id text NOT NULL DEFAULT '',
      url text NOT NULL DEFAULT '',
      canonical_url text NOT NULL DEFAULT '',
      title text NOT NULL DEFAULT '',
      summary text NOT NULL DEFAULT '',
      text text NOT NULL DEFAULT '',
      author text NOT NULL DEFAULT '',
      published_at timestamptz NOT NULL,
      collected_at timestamptz NOT NULL,
      stored_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      language text NOT NULL DEFAULT '',
      content_hash text NOT NULL DEFAULT '',
      dedup_key text NOT NULL DEFAULT '',
      simhash text NOT NULL DEFAULT '',
      duplicate_of text NOT NULL DEFAULT '',
      tags jsonb NOT NULL DEFAULT '[]',
      attributes jsonb NOT NULL DEFAULT '{}',
      engagement_points bigint NOT NULL DEFAULT 0,
      engagement_comments bigint NOT NULL DEFAULT 0,
      priority integer NOT NULL DEFAULT 0,
      word_count integer NOT NULL DEFAULT 0,
      reading_time_seconds integer NOT NULL DEFAULT 0,
      score double precision NOT NULL DEFAULT 0,
      sentiment text NOT NULL DEFAULT '',
      labels jsonb NOT NULL DEFAULT '[]',
      row_hash text NOT NULL
    )`.execute(db);
  // Keyset pagination: one index per sort order, id as the tie-breaker.
  await sql`CREATE INDEX items_collected_idx ON items (collected_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX items_published_idx ON items (published_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX items_score_idx ON items (score DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX items_source_idx ON items (source_id, collected_at DESC)`.execute(db);
  await sql`CREATE INDEX items_dedup_idx ON items (dedup_key)`.execute(db);
  await sql`CREATE INDEX items_labels_idx ON items USING gin (labels)`.execute(db);

  await sql`
    CREATE TABLE classifications (
      item_id text NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      task text NOT NULL,
      model text NOT NULL DEFAULT '',
      labels jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (item_id, task)
    )`.execute(db);
  await sql`
    CREATE TABLE embeddings (
      item_id text PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      model text NOT NULL DEFAULT '',
      dims integer NOT NULL,
      norm double precision NOT NULL,
      values real[] NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX embeddings_model_idx ON embeddings (model, dims)`.execute(db);
  await sql`
    CREATE TABLE scores (
      item_id text PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      value double precision NOT NULL,
      formula_version text NOT NULL DEFAULT '',
      components jsonb NOT NULL DEFAULT '[]'
    )`.execute(db);

  await sql`
    CREATE TABLE dead_letters (
      id bigserial PRIMARY KEY,
      item_id text NOT NULL,
      source_id text NOT NULL DEFAULT '',
      stage text NOT NULL,
      reason text NOT NULL,
      detail text NOT NULL DEFAULT '',
      payload_json text NOT NULL DEFAULT '',
      attempts integer NOT NULL DEFAULT 1,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  // A replayed dead letter updates its row instead of adding one (idempotent like items).
  await sql`CREATE UNIQUE INDEX dead_letters_item_stage_idx ON dead_letters (item_id, stage)`.execute(db);
  await sql`CREATE INDEX dead_letters_reason_idx ON dead_letters (reason, last_seen_at DESC)`.execute(db);

  await sql`
    CREATE TABLE sources (
      id text PRIMARY KEY,
      cursor_json text NOT NULL DEFAULT '',
      etag text NOT NULL DEFAULT '',
      last_modified text NOT NULL DEFAULT '',
      last_success_at timestamptz,
      consecutive_errors integer NOT NULL DEFAULT 0,
      next_fetch_at timestamptz,
      breaker_state text NOT NULL DEFAULT '',
      last_error text NOT NULL DEFAULT '',
      items_total bigint NOT NULL DEFAULT 0,
      lease_owner text,
      lease_expires_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE source_errors (
      id bigserial PRIMARY KEY,
      source_id text NOT NULL,
      code text NOT NULL,
      message text NOT NULL DEFAULT '',
      http_status integer NOT NULL DEFAULT 0,
      url text NOT NULL DEFAULT '',
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX source_errors_source_idx ON source_errors (source_id, occurred_at DESC)`.execute(db);
  await sql`
    CREATE TABLE source_definitions (
      id text PRIMARY KEY,
      kind text NOT NULL,
      config_json jsonb NOT NULL DEFAULT '{}',
      enabled boolean NOT NULL DEFAULT true,
      priority integer NOT NULL DEFAULT 5,
      interval_seconds integer NOT NULL DEFAULT 300,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      id text PRIMARY KEY,
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      scopes jsonb NOT NULL DEFAULT '[]',
      rate_limit_per_minute integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`.execute(db);
  await sql`
    CREATE TABLE jobs (
      id text PRIMARY KEY,
      kind text NOT NULL,
      status text NOT NULL,
      params_json jsonb NOT NULL DEFAULT '{}',
      counts jsonb NOT NULL DEFAULT '{}',
      errors jsonb NOT NULL DEFAULT '[]',
      message text NOT NULL DEFAULT '',
      cancel_requested boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'jobs',
    'api_keys',
    'source_definitions',
    'source_errors',
    'sources',
    'dead_letters',
    'scores',
    'embeddings',
    'classifications',
    'items',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
