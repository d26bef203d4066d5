// Table types for kysely. Timestamps are timestamptz (Date in results); JSON columns are jsonb.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ItemsTable {
  id: string;
  source_id: string;
  source_kind: string;
  external_id: string;
  url: string;
  canonical_url: string;
  title: string;
  summary: string;
  text: string;
  author: string;
  /** 1970-01-01 when unknown, so keyset sorting needs no NULL handling. */
  published_at: Timestamp;
  collected_at: Timestamp;
  stored_at: Timestamp;
  updated_at: Timestamp;
  language: string;
  content_hash: string;
  dedup_key: string;
  simhash: string;
  duplicate_of: string;
  tags: Json<string[]>;
  attributes: Json<Record<string, string>>;
  engagement_points: number;
  engagement_comments: number;
  priority: number;
  word_count: number;
  reading_time_seconds: number;
  /** The final score (0 when the item has none), denormalized for sorting and filtering. */
  score: number;
  /** Top label of the sentiment classification, "" when none. */
  sentiment: string;
  /** Labels for the label filter: each classification's top label plus any label scoring ≥ 0.5. */
  labels: Json<string[]>;
  /** Hash of everything written for the item: an upsert with the same hash changes nothing ("unchanged"). */
  row_hash: string;
}

export interface ClassificationsTable {
  item_id: string;
  task: string;
  model: string;
  labels: Json<Array<{ name: string; score: number }>>;
}

/** One passage of a long item (migration 0005): its text and vector. */
export interface ItemChunksTable {
  item_id: string;
  chunk_index: number;
  text: string;
  token_count: number;
  model: string;
  dims: number;
  norm: number;
  values: number[];
}

export interface EmbeddingsTable {
  item_id: string;
  model: string;
  dims: number;
  /** Euclidean norm of `values`, so the exact-scan fallback computes cosine with one dot product. */
  norm: number;
  values: number[];
}

export interface ScoresTable {
  item_id: string;
  value: number;
  formula_version: string;
  components: Json<Array<{ name: string; value: number; weight: number; detail: string }>>;
}

export interface DeadLettersTable {
  id: Generated<string>;
  item_id: string;
  source_id: string;
  stage: string;
  reason: string;
  detail: string;
  payload_json: string;
  attempts: Generated<number>;
  first_seen_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
  replays: Generated<number>;
  last_replayed_at: Timestamp | null;
}

export interface SourcesTable {
  id: string;
  cursor_json: string;
  etag: string;
  last_modified: string;
  last_success_at: Timestamp | null;
  consecutive_errors: number;
  next_fetch_at: Timestamp | null;
  breaker_state: string;
  last_error: string;
  items_total: ColumnType<string | number, number, number>;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface SourceErrorsTable {
  id: Generated<string>;
  source_id: string;
  code: string;
  message: string;
  http_status: number;
  url: string;
  occurred_at: Timestamp;
}

export interface SourceDefinitionsTable {
  id: string;
  kind: string;
  config_json: Json<Record<string, unknown>>;
  enabled: boolean;
  priority: number;
  interval_seconds: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  prefix: string;
  scopes: Json<string[]>;
  rate_limit_per_minute: number;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  status: string;
  params_json: Json<unknown>;
  counts: Json<Record<string, number>>;
  errors: Json<Array<{ code: string; message: string; occurred_at_ms: number; subject: string }>>;
  message: string;
  cancel_requested: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface Database {
  items: ItemsTable;
  classifications: ClassificationsTable;
  embeddings: EmbeddingsTable;
  item_chunks: ItemChunksTable;
  scores: ScoresTable;
  dead_letters: DeadLettersTable;
  sources: SourcesTable;
  source_errors: SourceErrorsTable;
  source_definitions: SourceDefinitionsTable;
  api_keys: ApiKeysTable;
  jobs: JobsTable;
}
