// The transformer service: raw items in (from the collector or the gateway), normalized items out to inference.
import os from 'node:os';
import {
  SharedLog,
  connect,
  defineStage,
  type ServiceContext,
  type ItemBatch__Output,
  type NormalizedItem,
  type RawItem__Output,
  type SharedStateClient,
} from '@sluice/protocol';
import { Counter, Gauge, repoRoot } from '@sluice/service-kit';
import { DedupIndex } from './dedup-index.js';
import { seedDedupIndex } from './dedup-seed.js';
import { createNormalizerPool, resolveThreads } from './normalizer-pool.js';
import { interestMatcher, preScore } from './pre-score.js';
import { SharedDedup } from './shared-dedup.js';
import { transformerSettingsSchema, type TransformerSettings } from './settings.js';
import { transformBatch } from './transform-batch.js';
import { workerOptionsFrom } from './worker-options.js';

/** The transformer stage; main.ts runs it, tests run transformerStage.build with runService on port 0. */
export const transformerStage = defineStage({
  name: 'transformer',
  settings: transformerSettingsSchema,
  setup: (ctx) => setupTransformer(ctx),
});

async function setupTransformer(ctx: ServiceContext<TransformerSettings>) {
  const settings = ctx.config.settings;
  const threads = resolveThreads(settings.worker_threads);
  const pool = await createNormalizerPool(threads, workerOptionsFrom(settings, repoRoot));
  const dedup = new DedupIndex({
    capacity: settings.dedup_capacity_items,
    maxHammingDistance: settings.near_duplicate_max_distance,
    bands: settings.near_duplicate_bands,
  });
  const duplicates = new Counter({
    name: 'sluice_transformer_duplicates_total',
    help: 'Items linked to an earlier original, by kind (exact, near)',
    labelNames: ['kind'],
    registers: [ctx.registry],
  });
  const sharedState =
    settings.dedup_scope === 'shared'
      ? connect('SharedState', ctx.config.services.persistence.grpc_address)
      : undefined;
  const shared = sharedState ? sharedDedup(ctx, dedup, sharedState) : undefined;
  new Gauge({
    name: 'sluice_transformer_dedup_index_items',
    help: 'Originals in the duplicate index',
    registers: [ctx.registry],
    collect() {
      this.set(dedup.size);
    },
  });
  new Gauge({
    name: 'sluice_transformer_pool_queued_tasks',
    help: 'Normalization tasks waiting for a worker thread',
    registers: [ctx.registry],
    collect() {
      this.set(pool.queued);
    },
  });

  const matcher = interestMatcher(settings.priority.rules);
  const prioritize = settings.priority.enabled
    ? (raw: RawItem__Output, normalized: NormalizedItem) =>
        preScore(raw, normalized, settings.priority, matcher, Date.now()).priority
    : undefined;
  ctx.logger.info({ worker_threads: threads, language_data: settings.language_data }, 'normalizer pool ready');
  const stopped = new AbortController();
  const seed = async () => {
    const persistence = connect('Persistence', ctx.config.services.persistence.grpc_address);
    try {
      const limit = Math.min(settings.dedup_seed_items, settings.dedup_capacity_items);
      const loaded = await seedDedupIndex(persistence, dedup, {
        limit,
        minWords: settings.near_duplicate_min_words,
        timeoutMs: 30_000,
        signal: stopped.signal,
      });
      ctx.logger.info({ items: loaded }, 'duplicate index seeded from stored items');
    } catch (error) {
      ctx.logger.warn({ err: error }, 'seeding the duplicate index from persistence failed; it fills from new items');
    } finally {
      persistence.close();
    }
  };
  return {
    process: (batch: ItemBatch__Output) =>
      transformBatch(batch, {
        normalize: (items) => pool.normalize(items),
        dedup: shared ?? dedup,
        nearDuplicateMinWords: settings.near_duplicate_min_words,
        onDuplicate: (kind) => duplicates.inc({ kind }),
        prioritize,
      }),
    priorityAgingMilliseconds: settings.priority_aging_milliseconds,
    describe: () => ({ worker_threads: threads, dedup_index_items: dedup.size, dedup_scope: settings.dedup_scope }),
    started: () => {
      if (settings.dedup_seed_items > 0) void seed();
    },
    close: async () => {
      stopped.abort();
      sharedState?.close();
      await pool.close();
    },
  };
}

/** The duplicate index shared with the other replicas through persistence's shared log "dedup" (shared-dedup.ts). */
function sharedDedup(
  ctx: ServiceContext<TransformerSettings>,
  index: DedupIndex,
  client: SharedStateClient,
): SharedDedup {
  const settings = ctx.config.settings;
  const events = new Counter({
    name: 'sluice_transformer_dedup_shared_events_total',
    help: 'Shared duplicate index: appends refused because another replica appended first (conflict), batches linked within this replica because persistence was unreachable (fallback)',
    labelNames: ['event'],
    registers: [ctx.registry],
  });
  return new SharedDedup({
    index,
    log: new SharedLog({
      client,
      log: 'dedup',
      replica: `${os.hostname()}-${process.pid}`,
      retainEntries: settings.dedup_capacity_items,
      timeoutMs: settings.shared_state_timeout_milliseconds,
    }),
    logger: ctx.logger,
    retryAfterMs: settings.shared_state_retry_seconds * 1000,
    onConflict: () => events.inc({ event: 'conflict' }),
    onFallback: () => events.inc({ event: 'fallback' }),
  });
}
