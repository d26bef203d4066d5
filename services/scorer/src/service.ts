// The scorer service: items with embeddings and classifications in (from inference), scored items out to
// persistence. Its own service because the pipeline shape is fixed (docs/decisions.md).
import os from 'node:os';
import { SharedLog, connect, defineStage, type ItemBatch__Output, type ServiceContext } from '@sluice/protocol';
import { Counter, Gauge, Histogram } from '@sluice/service-kit';
import {
  embedProfilesWithRetry,
  remoteNearest,
  remoteSimilarity,
  resolveSimilarityBackend,
} from './inference-client.js';
import { NoveltyWindow, type NearestKernel } from './novelty-window.js';
import type { ProfileSet } from './profile-set.js';
import { localSimilarity, scoreBatch, type ScoreDeps } from './score-batch.js';
import { scorerSettingsSchema, type ScorerSettings } from './settings.js';
import { SharedNovelty } from './shared-novelty.js';
import { maxSimilarity } from './vectors.js';

/** The scorer stage; main.ts runs it, tests run scorerStage.build with runService on port 0. */
export const scorerStage = defineStage({
  name: 'scorer',
  settings: scorerSettingsSchema,
  setup: (ctx) => setupScorer(ctx),
});

async function setupScorer(ctx: ServiceContext<ScorerSettings>) {
  const settings = ctx.config.settings;
  const inference = connect('Inference', ctx.config.services.inference.grpc_address);
  const window = new NoveltyWindow(settings.novelty_window_items);
  // similarity_backend auto is decided once the inference service answers (after the profiles are embedded).
  let backend: 'local' | 'inference' = settings.similarity_backend === 'inference' ? 'inference' : 'local';
  const timeoutMs = settings.embed_timeout_seconds * 1000;
  const onDevice = { similarity: remoteSimilarity(inference, timeoutMs), nearest: remoteNearest(inference, timeoutMs) };
  const kernel: NearestKernel = async (queries, windowMatrix) =>
    backend === 'inference' ? onDevice.nearest(queries, windowMatrix) : maxSimilarity(queries, windowMatrix);
  const sharedState =
    settings.novelty_scope === 'shared'
      ? connect('SharedState', ctx.config.services.persistence.grpc_address)
      : undefined;
  let novelty: ScoreDeps['novelty'] = {
    nearestThenAdd: async (queries) => {
      const best = await window.nearestBy(queries, kernel);
      window.add(queries);
      return best;
    },
  };
  if (sharedState) {
    const events = new Counter({
      name: 'sluice_scorer_novelty_shared_events_total',
      help: 'Shared novelty window: appends refused because another replica appended first (conflict), batches computed against this replica only because persistence was unreachable (fallback)',
      labelNames: ['event'],
      registers: [ctx.registry],
    });
    novelty = new SharedNovelty({
      window,
      kernel,
      log: new SharedLog({
        client: sharedState,
        log: 'novelty',
        replica: `${os.hostname()}-${process.pid}`,
        retainEntries: settings.novelty_window_items,
        timeoutMs: settings.shared_state_timeout_milliseconds,
      }),
      logger: ctx.logger,
      retryAfterMs: settings.shared_state_retry_seconds * 1000,
      onConflict: () => events.inc({ event: 'conflict' }),
      onFallback: () => events.inc({ event: 'fallback' }),
    });
  }
  let profiles: ProfileSet | undefined;
  const stopped = new AbortController();

  const scores = new Histogram({
    name: 'sluice_scorer_score_ratio',
    help: 'Distribution of item scores (0..1)',
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    registers: [ctx.registry],
  });
  new Gauge({
    name: 'sluice_scorer_profiles',
    help: 'Interest profiles embedded and in use',
    registers: [ctx.registry],
    collect() {
      this.set(profiles?.profiles.length ?? 0);
    },
  });

  const scoreAndObserve = async (batch: ItemBatch__Output) => {
    const out = await scoreBatch(batch, {
      settings,
      profiles: () => profiles,
      novelty,
      similarity: (items, profileMatrix) =>
        backend === 'inference' ? onDevice.similarity(items, profileMatrix) : localSimilarity(items, profileMatrix),
      now: Date.now,
    });
    for (const item of out.items ?? []) scores.observe(Number(item.score?.value ?? 0));
    return out;
  };

  const loadProfiles = async (giveUpMs: number) => {
    profiles = await embedProfilesWithRetry(inference, settings.profiles, {
      timeoutMs: settings.embed_timeout_seconds * 1000,
      giveUpMs,
      logger: ctx.logger,
      signal: stopped.signal,
    });
    if (profiles && settings.similarity_backend === 'auto') {
      const resolved = await resolveSimilarityBackend(inference, 'auto', timeoutMs).catch(() => undefined);
      backend = resolved?.backend ?? 'local';
      ctx.logger.info({ backend, provider: resolved?.provider }, 'similarity backend chosen');
    }
    if (profiles)
      ctx.logger.info(
        {
          profiles: profiles.profiles.map((p) => p.name),
          model: profiles.model,
          dimensions: profiles.matrix.dimensions,
        },
        'interest profiles embedded',
      );
  };

  return {
    process: scoreAndObserve,
    priorityAgingMilliseconds: settings.priority_aging_milliseconds,
    // Ready once the profiles are embedded, so the first items are scored like the rest.
    manualReady: settings.profiles.length > 0,
    describe: () => ({
      profiles: profiles?.profiles.length ?? 0,
      novelty_window_items: window.size,
      novelty_scope: settings.novelty_scope,
    }),
    started: () => {
      if (settings.profiles.length === 0) return;
      void loadProfiles(settings.profile_startup_timeout_seconds * 1000).then(async () => {
        if (!profiles) {
          ctx.logger.error(
            'interest profiles could not be embedded; serving with topic-based relevance and retrying in the background',
          );
          ctx.setReady(true);
          await loadProfiles(Number.POSITIVE_INFINITY);
        } else ctx.setReady(true);
      });
    },
    close: async () => {
      stopped.abort();
      inference.close();
      sharedState?.close();
    },
  };
}
