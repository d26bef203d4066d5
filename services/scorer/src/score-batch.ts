// Scores a batch: all items × all profiles in one matrix product (or one Similarity RPC), novelty against
// the recent window, then the formula per item. Never throws for one item: missing signals become
// components with value 0 and a reason; a malformed item becomes a dead letter.
import { itemDeadLetter } from '@sluice/protocol';
import type { DeadLetter, ItemBatch, ItemBatch__Output, PipelineItem, PipelineItem__Output } from '@sluice/protocol';
import { DEFAULT_PRIORITY } from '@sluice/common';
import {
  authority,
  combine,
  engagement,
  freshness,
  novelty,
  priorityFromScore,
  relevanceFromSimilarities,
  relevanceFromTopics,
  sentiment,
  spamProbability,
  type Component,
} from './formula.js';
import type { ProfileSet } from './profile-set.js';
import type { ScorerSettings } from './settings.js';
import { similarityMatrix, toMatrix, unitVector, type Matrix } from './vectors.js';

export const STAGE = 'scorer';

/** Computes items × profiles cosine similarities (row-major); local by default, or on the inference service. */
export type SimilarityFn = (items: Matrix, profiles: Matrix) => Promise<Float32Array>;

export const localSimilarity: SimilarityFn = async (items, profiles) => similarityMatrix(items, profiles);

export interface ScoreDeps {
  settings: ScorerSettings;
  /** Undefined until the profiles are embedded. */
  profiles: () => ProfileSet | undefined;
  /** Nearest earlier item of each query, then remembered: a NoveltyWindow (this replica) or a SharedNovelty
   *  (all replicas, shared-novelty.ts). */
  novelty: { nearestThenAdd(queries: Matrix, model: string): Float64Array | Promise<Float64Array> };
  similarity: SimilarityFn;
  now: () => number;
}

export async function scoreBatch(batch: ItemBatch__Output, deps: ScoreDeps): Promise<ItemBatch> {
  const { settings } = deps;
  const deadLetters: DeadLetter[] = [...(batch.dead_letters ?? [])];
  const items = (batch.items ?? []).filter((item) => {
    if (item.raw?.id) return true;
    deadLetters.push(itemDeadLetter(item, STAGE, 'invalid_item', 'item has no id'));
    return false;
  });

  // Unit embeddings, grouped by dimension (one model per batch in practice).
  const units = items.map((item) => (item.embedding?.values?.length ? unitVector(item.embedding.values) : undefined));
  const profileSet = deps.profiles();
  const relevance: Array<Component | undefined> = new Array(items.length).fill(undefined);
  const nearest = new Float64Array(items.length).fill(Number.NaN);

  const dims = units.find((u) => u !== undefined)?.length ?? 0;
  const withVector = units.map((u, i) => (u !== undefined && u.length === dims ? i : -1)).filter((i) => i >= 0);
  if (withVector.length > 0) {
    const matrix = toMatrix(
      withVector.map((i) => units[i]!),
      dims,
    );
    if (profileSet && profileSet.matrix.rows > 0 && profileSet.matrix.dimensions === dims) {
      const sims = await deps.similarity(matrix, profileSet.matrix);
      withVector.forEach((itemIndex, row) => {
        // Vectors of another model are not comparable even when their sizes agree.
        const model = items[itemIndex]!.embedding?.model ?? '';
        if (model && profileSet.model && model !== profileSet.model) {
          relevance[itemIndex] = {
            value: 0,
            detail: `embedding model ${model} differs from the profiles' ${profileSet.model}`,
          };
          return;
        }
        const matches = profileSet.profiles.map((profile, column) => ({
          name: profile.name,
          weight: profile.weight,
          cosine: sims[row * profileSet.matrix.rows + column] ?? 0,
        }));
        relevance[itemIndex] = relevanceFromSimilarities(
          matches,
          settings.relevance_min_similarity,
          settings.relevance_max_similarity,
        );
      });
    }
    // Duplicates already linked by the transformer do not enter the novelty window twice.
    const fresh = withVector.filter((i) => !items[i]!.normalized?.duplicate_of);
    const best = await deps.novelty.nearestThenAdd(
      toMatrix(
        fresh.map((i) => units[i]!),
        dims,
      ),
      fresh.length > 0 ? (items[fresh[0]!]!.embedding?.model ?? '') : '',
    );
    fresh.forEach((itemIndex, row) => (nearest[itemIndex] = best[row]!));
  }

  const out: PipelineItem[] = [];
  const now = deps.now();
  items.forEach((item, i) => {
    try {
      const raw = item.raw!;
      const classifications = item.classifications ?? [];
      const relevanceComponent =
        relevance[i] ??
        relevanceFromTopics(classifications, profileSet?.profiles ?? settings.profiles) ??
        ({
          value: 0,
          detail: !units[i]
            ? 'no embedding and no matching topic'
            : !profileSet
              ? 'interest profiles not embedded yet'
              : profileSet.matrix.dimensions !== units[i]!.length
                ? `embedding has ${units[i]!.length} dimensions, profiles ${profileSet.matrix.dimensions}`
                : 'no usable interest profile',
        } satisfies Component);
      const duplicateOf = item.normalized?.duplicate_of ?? '';
      const noveltyComponent: Component = duplicateOf
        ? { value: 0, detail: `${item.normalized?.duplicate_kind || 'exact'} duplicate of ${duplicateOf}` }
        : Number.isNaN(nearest[i]!)
          ? { value: 0, detail: units[i] ? 'embedding dimensions differ from the batch' : 'no embedding' }
          : novelty(nearest[i]!);
      const score = combine(
        {
          relevance: relevanceComponent,
          freshness: freshness(
            raw.published_at_ms ?? 0,
            raw.collected_at_ms ?? 0,
            now,
            settings.freshness_half_life_hours,
          ),
          authority: authority(raw.source_weight ?? 0, settings.default_source_weight),
          novelty: noveltyComponent,
          engagement: engagement(
            raw.engagement?.points ?? 0,
            raw.engagement?.comments ?? 0,
            settings.engagement_saturation,
            settings.engagement_comments_weight,
          ) ?? { value: 0, detail: 'source has no engagement signals' },
          sentiment: sentiment(classifications, settings.sentiment_preference),
        },
        settings.weights,
        spamProbability(classifications),
        settings.spam_penalty,
      );
      out.push({
        ...item,
        score,
        raw: {
          ...raw,
          priority: priorityFromScore(score.value, raw.priority ?? DEFAULT_PRIORITY, settings.priority_score_range),
        },
      });
    } catch (error) {
      deadLetters.push(itemDeadLetter(item, STAGE, 'score_failed', (error as Error)?.message ?? String(error)));
    }
  });
  return { batch_id: batch.batch_id, items: out, dead_letters: deadLetters, deadline_unix_ms: batch.deadline_unix_ms };
}
