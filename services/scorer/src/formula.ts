// The score formula (docs/scoring.md), as pure functions of one item's signals. Each component is a value in
// 0..1 with a weight and a human-readable detail; a component that cannot be computed is 0 with the reason.
//
//   score = (Σ weight_c × value_c / Σ weight_c) × (1 − spam_penalty × P(spam))
import type { Classification__Output, ScoreComponent } from '@sluice/protocol';
import { clampPriority } from '@sluice/common';
import type { ScoreWeights } from './settings.js';

export const FORMULA_VERSION = 'sluice-score-v1';

export const COMPONENT_NAMES = ['relevance', 'freshness', 'authority', 'novelty', 'engagement', 'sentiment'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export interface Component {
  value: number;
  detail: string;
}

export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

function round(value: number, digits = 3): string {
  return value.toFixed(digits);
}

/** Linear map of a cosine similarity onto 0..1 between the configured similarities. */
export function rescaleSimilarity(cosine: number, min: number, max: number): number {
  if (max <= min) return cosine >= max ? 1 : 0;
  return clamp01((cosine - min) / (max - min));
}

export interface ProfileMatch {
  name: string;
  /** Profile weight, 0..1. */
  weight: number;
  cosine: number;
}

/** Best profile match: max over profiles of weight × rescaled cosine. */
export function relevanceFromSimilarities(matches: ProfileMatch[], min: number, max: number): Component {
  if (matches.length === 0) return { value: 0, detail: 'no interest profiles configured' };
  let best: { match: ProfileMatch; value: number } | undefined;
  for (const match of matches) {
    const value = match.weight * rescaleSimilarity(match.cosine, min, max);
    if (!best || value > best.value) best = { match, value };
  }
  return { value: clamp01(best!.value), detail: `profile ${best!.match.name} (cosine ${round(best!.match.cosine)})` };
}

export function labelScore(classifications: Classification__Output[], task: string, label: string): number | undefined {
  const found = classifications.find((c) => c.task === task);
  if (!found) return undefined;
  const hit = found.labels.find((l) => l.name === label);
  return hit ? clamp01(hit.score) : 0;
}

/** Without an embedding: the topics classifier's score for a label named like a profile. */
export function relevanceFromTopics(
  classifications: Classification__Output[],
  profiles: Array<{ name: string; weight: number }>,
): Component | undefined {
  const topics = classifications.find((c) => c.task === 'topics');
  if (!topics || profiles.length === 0) return undefined;
  let best: { name: string; value: number; score: number } | undefined;
  for (const profile of profiles) {
    const score = topics.labels.find((l) => l.name.toLowerCase() === profile.name.toLowerCase())?.score;
    if (score === undefined) continue;
    const value = profile.weight * clamp01(score);
    if (!best || value > best.value) best = { name: profile.name, value, score };
  }
  if (!best) return undefined;
  return { value: best.value, detail: `topic ${best.name} (${round(best.score)}), no embedding` };
}

/** 0.5^(age / half-life); a future date counts as now. */
export function freshness(
  publishedAtMs: number,
  collectedAtMs: number,
  nowMs: number,
  halfLifeHours: number,
): Component {
  const at = publishedAtMs > 0 ? publishedAtMs : collectedAtMs;
  if (!(at > 0)) return { value: 0, detail: 'no publication or collection date' };
  const ageHours = Math.max(0, nowMs - at) / 3_600_000;
  return {
    value: clamp01(0.5 ** (ageHours / halfLifeHours)),
    detail: `age ${ageHours.toFixed(1)} h${publishedAtMs > 0 ? '' : ' since collection (no publication date)'}`,
  };
}

export function authority(sourceWeight: number, defaultWeight: number): Component {
  if (sourceWeight > 0) return { value: clamp01(sourceWeight), detail: 'source weight' };
  return { value: clamp01(defaultWeight), detail: 'default source weight (source has none)' };
}

/** log(1 + points + c × comments) / log(1 + saturation), capped at 1. */
export function engagement(
  points: number,
  comments: number,
  saturation: number,
  commentsWeight: number,
): Component | undefined {
  if (!(points > 0) && !(comments > 0)) return undefined;
  const raw = Math.max(0, points) + commentsWeight * Math.max(0, comments);
  return { value: clamp01(Math.log1p(raw) / Math.log1p(saturation)), detail: `${points} points, ${comments} comments` };
}

export function sentiment(
  classifications: Classification__Output[],
  preference: 'positive' | 'neutral' | 'negative',
): Component {
  const positive = labelScore(classifications, 'sentiment', 'positive');
  if (positive === undefined) return { value: 0, detail: 'no sentiment classification' };
  const negative = labelScore(classifications, 'sentiment', 'negative') ?? 0;
  const neutral = labelScore(classifications, 'sentiment', 'neutral') ?? 0;
  // Normalized so a 3-label or a 2-label model both give 0..1.
  const total = positive + negative + neutral || 1;
  const [p, n, u] = [positive / total, negative / total, neutral / total];
  // neutral: balanced or unopinionated text is 1, one-sided text is low.
  const value = preference === 'positive' ? p + 0.5 * u : preference === 'negative' ? n + 0.5 * u : 1 - Math.abs(p - n);
  return { value: clamp01(value), detail: `positive ${round(p, 2)}, neutral ${round(u, 2)}, negative ${round(n, 2)}` };
}

/** 1 − nearest recent cosine (clamped): 1 = unlike anything recent, 0 = the same as something recent. */
export function novelty(nearestCosine: number): Component {
  if (nearestCosine === Number.NEGATIVE_INFINITY) return { value: 1, detail: 'first item seen' };
  return { value: clamp01(1 - nearestCosine), detail: `nearest recent item cosine ${round(nearestCosine)}` };
}

export interface SpamSignal {
  probability: number;
  detail: string;
}

export function spamProbability(classifications: Classification__Output[]): SpamSignal {
  const spam = labelScore(classifications, 'spam', 'spam');
  if (spam === undefined) return { probability: 0, detail: 'no spam classification' };
  return { probability: spam, detail: `P(spam) ${round(spam)}` };
}

export interface ScoreResult {
  value: number;
  components: ScoreComponent[];
  formula_version: string;
}

/** Combines the components with their weights and applies the spam penalty. */
export function combine(
  components: Record<ComponentName, Component>,
  weights: ScoreWeights,
  spam: SpamSignal,
  spamPenalty: number,
): ScoreResult {
  let total = 0;
  let weightSum = 0;
  const out: ScoreComponent[] = [];
  for (const name of COMPONENT_NAMES) {
    const weight = weights[name];
    const component = components[name];
    total += weight * component.value;
    weightSum += weight;
    out.push({ name, value: component.value, weight, detail: component.detail });
  }
  const base = weightSum > 0 ? total / weightSum : 0;
  const multiplier = 1 - spamPenalty * clamp01(spam.probability);
  // Reported as a component so the user sees why a spammy item sank (weight = the penalty).
  out.push({
    name: 'spam',
    value: clamp01(spam.probability),
    weight: spamPenalty,
    detail: `${spam.detail}; score × ${multiplier.toFixed(3)}`,
  });
  return { value: clamp01(base * multiplier), components: out, formula_version: FORMULA_VERSION };
}

/**
 * The final priority = the priority the item arrived with (the transformer's pre-score, @sluice/content
 * priority.ts: 0 is the lowest, not "unset") + (score − 0.5) × range, rounded and clamped to 0..9.
 */
export function priorityFromScore(score: number, arrivedPriority: number, range: number): number {
  return clampPriority(clampPriority(arrivedPriority) + (score - 0.5) * range);
}
