// The `transformer:` section of config/sluice.yaml. Every key has a default, so an absent section works.
import { downstreamSettings } from '@sluice/protocol';
import { z } from '@sluice/service-kit';
import { LANGUAGE_DATA_SIZES } from './language.js';
import { preScoreSettingsSchema } from './pre-score-settings.js';

export const transformerSettingsSchema = z.strictObject({
  /** Worker threads for normalization: "auto" = one per core; 0 = in the main thread (tests, tiny loads). */
  worker_threads: z.union([z.literal('auto'), z.number().int().min(0).max(64)]).default('auto'),
  /** Towards the inference stage (packages/protocol downstream-settings.ts). */
  ...downstreamSettings({ maxInFlightItems: 4000 }),
  /** eld data size: extrasmall (~90 MB per thread), small (~150 MB), medium, large (~414 MB). */
  language_data: z.enum(LANGUAGE_DATA_SIZES).default('extrasmall'),
  /** Input cut per field before parsing, in characters (huge pages). */
  max_input_characters: z.number().int().min(1000).default(2_000_000),
  /** Normalized text kept per item, in characters. */
  max_text_characters: z.number().int().min(100).default(200_000),
  max_summary_characters: z.number().int().min(10).default(1000),
  /** The embedding model's maximum input in tokens: longer texts are split into chunks of this size (0 = the tokenizer folder's model_max_length, else 256). */
  max_chunk_tokens: z.number().int().min(0).default(0),
  /** At most this many chunks per item (the rest of a very long text is not chunked, so not embedded); 64 chunks of
   *  the built-in model's 512 tokens hold ~28,000 words. */
  max_chunks: z.number().int().min(1).default(64),
  /** Model folder whose tokenizer.json defines "tokens" (the inference service's embedding model), relative to the repository root; empty: a subword estimate. */
  tokenizer_folder: z.string().default('.models/sluice-embed-glove-100d'),
  /** estimate (single-pass, matched to the tokenizer's kind) or exact (the tokenizer itself, ~0.5 ms per item). */
  token_count: z.enum(['estimate', 'exact']).default('estimate'),
  /** Full-page boilerplate removal with @mozilla/readability: auto (pages ≥ readable_min_characters), always, never. */
  readable_extraction: z.enum(['auto', 'always', 'never']).default('auto'),
  readable_min_characters: z.number().int().min(0).default(20_000),
  /** Originals remembered for duplicate detection (exact and near), oldest evicted first. */
  dedup_capacity_items: z.number().int().min(1).default(200_000),
  /** At start-up, load this many of the most recently stored items into the index (0 = start empty). */
  dedup_seed_items: z.number().int().min(0).default(0),
  /** SimHash Hamming distance (of 64 bits) up to which two items are near duplicates. */
  near_duplicate_max_distance: z.number().int().min(0).max(31).default(8),
  /** Bands the 64 bits are cut into for the near-duplicate lookup: recall is certain up to 2 × bands − 1 differing bits. */
  near_duplicate_bands: z.number().int().min(2).max(32).default(4),
  /** Items with fewer words take part in exact dedup only (short texts make unreliable SimHashes). */
  near_duplicate_min_words: z.number().int().min(1).default(30),
  /** shared: duplicates are linked across every transformer replica (the originals live in persistence's shared
   *  log, this replica's index is a local copy); replica: within this replica only. */
  dedup_scope: z.enum(['shared', 'replica']).default('shared'),
  /** Deadline of one shared-log call; after a failed one, batches are linked within this replica for
   *  shared_state_retry_seconds before the shared log is tried again. */
  shared_state_timeout_milliseconds: z.number().int().min(50).default(2000),
  shared_state_retry_seconds: z.number().min(0).default(10),
  /** The pre-score that sets each item's priority before inference (pre-score-settings.ts). */
  priority: preScoreSettingsSchema.default(preScoreSettingsSchema.parse({})),
  /** Waiting this long raises a batch's priority by one level in this stage's queues (starvation protection). */
  priority_aging_milliseconds: z.number().int().min(1).default(5000),
});

export type TransformerSettings = z.infer<typeof transformerSettingsSchema>;
