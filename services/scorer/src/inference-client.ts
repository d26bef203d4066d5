// The scorer's calls to the inference service: embedding the interest profiles (at start-up, retried until
// the service serves) and, when configured, batched similarity on the inference service's device.
import { backoffMs, sleep } from '@sluice/common';
import { call, type InferenceClient } from '@sluice/protocol';
import type { Logger } from '@sluice/service-kit';
import { createProfileSet, type ProfileSet } from './profile-set.js';
import type { NearestKernel } from './novelty-window.js';
import type { SimilarityFn } from './score-batch.js';
import type { InterestProfile } from './settings.js';
import type { Matrix } from './vectors.js';

export async function embedProfiles(
  client: InferenceClient,
  profiles: InterestProfile[],
  timeoutMs: number,
): Promise<ProfileSet> {
  const response = await call(
    client,
    'Embed',
    { model: '', inputs: profiles.map((profile, i) => ({ id: String(i), text: profile.description, priority: 9 })) },
    timeoutMs,
  );
  const byId = new Map(response.results.map((result) => [result.id, result]));
  const failed = response.results.filter((result) => result.error);
  if (failed.length > 0) throw new Error(`embedding ${failed.length} profile(s) failed: ${failed[0]!.error}`);
  return createProfileSet(
    response.model,
    profiles,
    profiles.map((_, i) => byId.get(String(i))?.values),
  );
}

/**
 * Retries embedProfiles with capped exponential backoff until it succeeds, `signal` aborts or `giveUpMs`
 * passes (then undefined: the scorer serves with topic-based relevance and keeps trying in the background).
 */
export async function embedProfilesWithRetry(
  client: InferenceClient,
  profiles: InterestProfile[],
  options: { timeoutMs: number; giveUpMs: number; logger: Logger; signal?: AbortSignal },
): Promise<ProfileSet | undefined> {
  const started = Date.now();
  for (let attempt = 1; !options.signal?.aborted; attempt++) {
    try {
      return await embedProfiles(client, profiles, options.timeoutMs);
    } catch (error) {
      if (Date.now() - started >= options.giveUpMs) return undefined;
      if (attempt === 1 || attempt % 10 === 0)
        options.logger.warn({ err: error, attempt }, 'embedding the interest profiles failed; retrying');
      await sleep(backoffMs(attempt - 1, { initialMs: 200, maxMs: 5000, jitter: 'none' }));
    }
  }
  return undefined;
}

function rows(matrix: Matrix): Array<{ values: number[] }> {
  return Array.from({ length: matrix.rows }, (_, r) => ({
    values: Array.from(matrix.data.subarray(r * matrix.dimensions, (r + 1) * matrix.dimensions)),
  }));
}

/** Items × profiles by the similarity graph on the inference service's device (one RPC per batch). */
export function remoteSimilarity(client: InferenceClient, timeoutMs: number): SimilarityFn {
  return async (items, profiles) => {
    const response = await call(client, 'Similarity', { queries: rows(items), profiles: rows(profiles) }, timeoutMs);
    if (response.rows !== items.rows || response.columns !== profiles.rows)
      throw new Error(
        `similarity returned ${response.rows}×${response.columns}, expected ${items.rows}×${profiles.rows}`,
      );
    return Float32Array.from(response.scores);
  };
}

/** The novelty window's nearest neighbour of each item by the same graph (top_k = 1). */
export function remoteNearest(client: InferenceClient, timeoutMs: number): NearestKernel {
  return async (queries, window) => {
    const response = await call(
      client,
      'Similarity',
      { queries: rows(queries), profiles: rows(window), top_k: 1 },
      timeoutMs,
    );
    if (response.top_scores.length !== queries.rows)
      throw new Error(`similarity returned ${response.top_scores.length} nearest scores for ${queries.rows} items`);
    return Float64Array.from(response.top_scores);
  };
}

/**
 * Where similarities run (docs/scoring.md): `auto` sends them to the inference service when its models run on a
 * GPU provider (cuda, dml, webgpu) and keeps them here on the CPU, where the local kernel is faster than a
 * round trip (bench/RESULTS.md, "similarity"); `local` and `inference` force one side.
 */
export async function resolveSimilarityBackend(
  client: InferenceClient,
  setting: 'auto' | 'local' | 'inference',
  timeoutMs: number,
): Promise<{ backend: 'local' | 'inference'; provider: string }> {
  if (setting !== 'auto') return { backend: setting, provider: '' };
  const { models } = await call(client, 'ListModels', {}, timeoutMs);
  const embedding = models.find((m) => m.task === 'embedding') ?? models[0];
  const provider = (embedding?.execution_provider ?? '').split('/')[0] ?? '';
  return { backend: provider && provider !== 'cpu' ? 'inference' : 'local', provider };
}
