// Pure mapping from the pipeline envelope to the rows persistence writes. No I/O here, so it is unit-tested
// directly; the write path turns lists of these rows into column arrays for one INSERT … SELECT FROM unnest.
import { createHash } from 'node:crypto';
import { MAX_DEAD_LETTER_DETAIL_CHARACTERS, itemDeadLetter } from '@sluice/protocol';
import type { DeadLetter, PipelineItem__Output } from '@sluice/protocol';
import { chunkRows, type ChunkRow } from './chunk-rows.js';

export interface ItemRow {
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
  /** Milliseconds; converted with to_timestamp() in SQL so an absurd value fails that one row, not the process. */
  published_at_ms: number;
  collected_at_ms: number;
  language: string;
  content_hash: string;
  dedup_key: string;
  simhash: string;
  duplicate_of: string;
  tags: string;
  attributes: string;
  engagement_points: number;
  engagement_comments: number;
  priority: number;
  word_count: number;
  reading_time_seconds: number;
  score: number;
  sentiment: string;
  labels: string;
  row_hash: string;
}

export interface ClassificationRow {
  item_id: string;
  task: string;
  model: string;
  labels: string;
}

export interface EmbeddingRow {
  item_id: string;
  model: string;
  dims: number;
  norm: number;
  /** PostgreSQL array literal, e.g. {0.1,0.2}. */
  values: string;
}

export interface ScoreRow {
  item_id: string;
  value: number;
  formula_version: string;
  components: string;
}

export interface DeadLetterRow {
  item_id: string;
  source_id: string;
  stage: string;
  reason: string;
  detail: string;
  payload_json: string;
}

/** An item ready to write: its rows plus the envelope (for a dead letter if the database rejects it). */
export interface PreparedItem {
  id: string;
  item: ItemRow;
  classifications: ClassificationRow[];
  embedding?: EmbeddingRow;
  /** The passages of a long item (empty for a short one). */
  chunks: ChunkRow[];
  score?: ScoreRow;
  source: PipelineItem__Output;
}

export type Prepared = { ok: true; value: PreparedItem } | { ok: false; deadLetter: DeadLetterRow };

/** A label counts for the label filter when it is a classification's top label or scores at least this. */
export const LABEL_FILTER_MIN_SCORE = 0.5;

const MAX_KEY_CHARS = 512;

// A dead letter must always be storable: NUL is the one character PostgreSQL text cannot hold (every column is
// clipped: an upstream stage or reason with NUL made the batch fail on every retry, found by the gRPC message
// property test).
function clip(value: string, max: number): string {
  const clean = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  return clean.length > max ? clean.slice(0, max) : clean;
}

function int(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** The dead-letter row for an item persistence cannot store. */
export function deadLetterFor(item: PipelineItem__Output, reason: string, detail: string): DeadLetterRow {
  return upstreamDeadLetterRow(itemDeadLetter(item, 'persistence', reason, detail));
}

/** A dead letter that arrived from an upstream stage in ItemBatch.dead_letters. */
export function upstreamDeadLetterRow(letter: DeadLetter): DeadLetterRow {
  return {
    item_id: clip(letter.item_id ?? '', MAX_KEY_CHARS),
    source_id: clip(letter.source_id ?? '', MAX_KEY_CHARS),
    stage: clip(letter.stage ?? '', MAX_KEY_CHARS) || 'unknown',
    reason: clip(letter.reason ?? '', MAX_KEY_CHARS) || 'unknown',
    detail: clip(letter.detail ?? '', MAX_DEAD_LETTER_DETAIL_CHARACTERS),
    payload_json: clip(letter.payload_json ?? '', Number.MAX_SAFE_INTEGER),
  };
}

/** Validates an envelope and maps it to rows; structural problems become an `invalid_item` dead letter. */
export function prepareItem(item: PipelineItem__Output): Prepared {
  const raw = item.raw;
  if (!raw) return { ok: false, deadLetter: deadLetterFor(item, 'invalid_item', 'item has no raw part') };
  if (!raw.id) return { ok: false, deadLetter: deadLetterFor(item, 'invalid_item', 'item has no id') };
  if (!raw.source_id) return { ok: false, deadLetter: deadLetterFor(item, 'invalid_item', 'item has no source_id') };
  const values = item.embedding?.values ?? [];
  if (values.some((v) => !Number.isFinite(v)))
    return {
      ok: false,
      deadLetter: deadLetterFor(item, 'invalid_embedding', 'embedding holds NaN or infinite values'),
    };

  const chunks = chunkRows(item, raw.id);
  if ('error' in chunks) return { ok: false, deadLetter: deadLetterFor(item, 'invalid_embedding', chunks.error) };

  const normalized = item.normalized;
  const classifications: ClassificationRow[] = [];
  const labels = new Set<string>();
  let sentiment = '';
  const seenTasks = new Set<string>();
  for (const c of item.classifications ?? []) {
    const task = c.task || c.model || 'default';
    if (seenTasks.has(task)) continue; // one row per task; the first wins
    seenTasks.add(task);
    const sorted = [...(c.labels ?? [])].sort((a, b) => b.score - a.score);
    const top = sorted[0];
    if (top) labels.add(top.name);
    for (const l of sorted) if (l.score >= LABEL_FILTER_MIN_SCORE) labels.add(l.name);
    if (task === 'sentiment' && top) sentiment = top.name;
    classifications.push({
      item_id: raw.id,
      task,
      model: c.model ?? '',
      labels: JSON.stringify(sorted.map((l) => ({ name: l.name, score: l.score }))),
    });
  }

  let embedding: EmbeddingRow | undefined;
  if (values.length > 0) {
    // Shortest round-trip text of each number (join): 4× faster than toPrecision, and exact for float32 inputs.
    let sum = 0;
    for (const v of values) sum += v * v;
    embedding = {
      item_id: raw.id,
      model: item.embedding?.model ?? '',
      dims: values.length,
      norm: Math.sqrt(sum),
      values: `{${values.join(',')}}`,
    };
  }

  let score: ScoreRow | undefined;
  if (item.score) {
    score = {
      item_id: raw.id,
      value: Number.isFinite(item.score.value) ? item.score.value : 0,
      formula_version: item.score.formula_version ?? '',
      components: JSON.stringify(
        (item.score.components ?? []).map((c) => ({
          name: c.name,
          value: c.value,
          weight: c.weight,
          detail: c.detail ?? '',
        })),
      ),
    };
  }

  const row: ItemRow = {
    id: raw.id,
    source_id: raw.source_id,
    source_kind: raw.source_kind ?? '',
    external_id: raw.external_id ?? '',
    url: raw.url ?? '',
    canonical_url: normalized?.canonical_url ?? '',
    title: normalized?.title || raw.title || '',
    summary: normalized?.summary || raw.summary || '',
    text: normalized?.text || raw.content || '',
    author: raw.author ?? '',
    published_at_ms: Number(raw.published_at_ms ?? 0),
    collected_at_ms: Number(raw.collected_at_ms ?? 0),
    language: normalized?.language || raw.language_hint || '',
    content_hash: normalized?.content_hash ?? '',
    dedup_key: normalized?.dedup_key ?? '',
    simhash: normalized?.simhash ?? '',
    duplicate_of: normalized?.duplicate_of ?? '',
    tags: JSON.stringify(raw.tags ?? []),
    attributes: JSON.stringify(raw.attributes ?? {}),
    engagement_points: int(raw.engagement?.points),
    engagement_comments: int(raw.engagement?.comments),
    priority: int(raw.priority),
    word_count: int(normalized?.word_count),
    reading_time_seconds: int(normalized?.reading_time_seconds),
    score: score?.value ?? 0,
    sentiment,
    labels: JSON.stringify([...labels]),
    row_hash: '',
  };
  row.row_hash = rowHash(row, classifications, embedding, score, chunks);
  return { ok: true, value: { id: raw.id, item: row, classifications, embedding, chunks, score, source: item } };
}

/**
 * Hash of everything an upsert would write. collected_at is left out: the first collection time is kept, so a
 * re-collected item that did not change is "unchanged".
 */
export function rowHash(
  row: ItemRow,
  classifications: ClassificationRow[],
  embedding: EmbeddingRow | undefined,
  score: ScoreRow | undefined,
  chunks: readonly ChunkRow[] = [],
): string {
  // One string, one native hash call: many small update() calls cost more than the hashing itself.
  const parts: Array<string | number> = [];
  for (const key in row) {
    if (key === 'row_hash' || key === 'collected_at_ms') continue;
    parts.push(row[key as keyof ItemRow]);
  }
  for (const c of classifications) parts.push(c.task, c.model, c.labels);
  parts.push('\u0002', embedding?.model ?? '', embedding?.values ?? '', '\u0003');
  if (score) parts.push(score.value, score.formula_version, score.components);
  for (const c of chunks) parts.push('\u0004', c.chunk_index, c.text, c.values);
  return createHash('sha1').update(parts.join('\u0001')).digest('base64url');
}
