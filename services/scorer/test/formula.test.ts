import { describe, expect, it } from 'vitest';
import {
  COMPONENT_NAMES,
  authority,
  combine,
  engagement,
  freshness,
  novelty,
  priorityFromScore,
  relevanceFromSimilarities,
  relevanceFromTopics,
  rescaleSimilarity,
  sentiment,
  spamProbability,
  type Component,
} from '../src/formula.js';
import { scorerSettingsSchema } from '../src/settings.js';

const HOUR = 3_600_000;
const weights = scorerSettingsSchema.parse({}).weights;
const cls = (task: string, labels: Record<string, number>) => ({
  model: 'm',
  task,
  labels: Object.entries(labels).map(([name, score]) => ({ name, score })),
});

describe('components', () => {
  it('freshness halves every half-life and falls back to the collection date', () => {
    const now = 1_800_000_000_000;
    expect(freshness(now, 0, now, 24).value).toBe(1);
    expect(freshness(now - 24 * HOUR, 0, now, 24).value).toBeCloseTo(0.5, 10);
    expect(freshness(now - 72 * HOUR, 0, now, 24).value).toBeCloseTo(0.125, 10);
    expect(freshness(now + 5 * HOUR, 0, now, 24).value).toBe(1);
    const collected = freshness(0, now - 12 * HOUR, now, 12);
    expect(collected.value).toBeCloseTo(0.5, 10);
    expect(collected.detail).toContain('no publication date');
    expect(freshness(0, 0, now, 24)).toEqual({ value: 0, detail: 'no publication or collection date' });
  });

  it('relevance is the best profile match: weight × cosine rescaled between the configured similarities', () => {
    expect(rescaleSimilarity(0.1, 0.1, 0.7)).toBe(0);
    expect(rescaleSimilarity(0.4, 0.1, 0.7)).toBeCloseTo(0.5, 10);
    expect(rescaleSimilarity(0.9, 0.1, 0.7)).toBe(1);
    const r = relevanceFromSimilarities(
      [
        { name: 'tech', weight: 1, cosine: 0.4 },
        { name: 'sport', weight: 0.5, cosine: 0.7 },
        { name: 'art', weight: 1, cosine: -0.2 },
      ],
      0.1,
      0.7,
    );
    expect(r.value).toBeCloseTo(0.5, 10);
    expect(r.detail).toMatch(/^profile (tech|sport) /);
    expect(relevanceFromSimilarities([], 0.1, 0.7)).toEqual({ value: 0, detail: 'no interest profiles configured' });
  });

  it('relevance falls back to a topic label named like a profile', () => {
    const r = relevanceFromTopics(
      [cls('topics', { technology: 0.8, sports: 0.1 })],
      [
        { name: 'Technology', weight: 0.5 },
        { name: 'sports', weight: 1 },
      ],
    );
    expect(r?.value).toBeCloseTo(0.4, 10);
    expect(r?.detail).toContain('no embedding');
    expect(relevanceFromTopics([], [{ name: 'x', weight: 1 }])).toBeUndefined();
  });

  it('authority is the source weight, or the default when unset', () => {
    expect(authority(0.9, 0.5).value).toBe(0.9);
    expect(authority(0, 0.5)).toEqual({ value: 0.5, detail: 'default source weight (source has none)' });
  });

  it('engagement grows logarithmically and saturates', () => {
    expect(engagement(0, 0, 500, 2)).toBeUndefined();
    const low = engagement(10, 0, 500, 2)!.value;
    const mid = engagement(100, 20, 500, 2)!.value;
    expect(low).toBeGreaterThan(0);
    expect(mid).toBeGreaterThan(low);
    expect(engagement(500, 0, 500, 2)!.value).toBeCloseTo(1, 10);
    expect(engagement(5000, 900, 500, 2)!.value).toBe(1);
  });

  it('sentiment follows the preference', () => {
    const positive = [cls('sentiment', { positive: 0.8, neutral: 0.15, negative: 0.05 })];
    const negative = [cls('sentiment', { positive: 0.05, neutral: 0.15, negative: 0.8 })];
    expect(sentiment(positive, 'positive').value).toBeGreaterThan(sentiment(negative, 'positive').value);
    expect(sentiment(negative, 'negative').value).toBeGreaterThan(sentiment(positive, 'negative').value);
    const balanced = [cls('sentiment', { positive: 0.1, neutral: 0.8, negative: 0.1 })];
    expect(sentiment(balanced, 'neutral').value).toBeGreaterThan(sentiment(positive, 'neutral').value);
    expect(sentiment([], 'positive')).toEqual({ value: 0, detail: 'no sentiment classification' });
  });

  it('novelty is 1 − cosine to the nearest recent item', () => {
    expect(novelty(Number.NEGATIVE_INFINITY).value).toBe(1);
    expect(novelty(0.25).value).toBeCloseTo(0.75, 10);
    expect(novelty(1).value).toBe(0);
    expect(novelty(-0.5).value).toBe(1);
  });

  it('spam probability comes from the spam task, 0 when absent', () => {
    expect(spamProbability([cls('spam', { spam: 0.9, ham: 0.1 })]).probability).toBe(0.9);
    expect(spamProbability([cls('spam', { ham: 1 })]).probability).toBe(0);
    expect(spamProbability([]).probability).toBe(0);
  });
});

describe('combine', () => {
  const all = (value: number): Record<(typeof COMPONENT_NAMES)[number], Component> =>
    Object.fromEntries(COMPONENT_NAMES.map((n) => [n, { value, detail: 'x' }])) as never;

  it('is the weighted mean of the components, reported with their weights', () => {
    const result = combine(all(0.6), weights, { probability: 0, detail: '' }, 0.8);
    expect(result.value).toBeCloseTo(0.6, 10);
    expect(result.components.map((c) => c.name)).toEqual([...COMPONENT_NAMES, 'spam']);
    expect(result.components.find((c) => c.name === 'relevance')?.weight).toBe(weights.relevance);
    const components = { ...all(0), relevance: { value: 1, detail: '' } };
    const sum = Object.values(weights).reduce((a, b) => a + b, 0);
    expect(combine(components, weights, { probability: 0, detail: '' }, 0.8).value).toBeCloseTo(
      weights.relevance / sum,
      10,
    );
  });

  it('multiplies by 1 − penalty × P(spam)', () => {
    expect(combine(all(1), weights, { probability: 1, detail: '' }, 0.8).value).toBeCloseTo(0.2, 10);
    expect(combine(all(1), weights, { probability: 0.5, detail: '' }, 0.8).value).toBeCloseTo(0.6, 10);
  });

  it('stays within 0..1 for any inputs', () => {
    for (let i = 0; i < 200; i++) {
      const components = Object.fromEntries(
        COMPONENT_NAMES.map((n) => [n, { value: Math.random(), detail: '' }]),
      ) as never;
      const value = combine(components, weights, { probability: Math.random(), detail: '' }, Math.random()).value;
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });
});

describe('priority', () => {
  it('raises or lowers the arriving priority by the score, clamped to 0..9 (0 is the lowest, not unset)', () => {
    expect(priorityFromScore(0.5, 5, 10)).toBe(5);
    expect(priorityFromScore(1, 5, 10)).toBe(9);
    expect(priorityFromScore(0, 5, 10)).toBe(0);
    expect(priorityFromScore(0.7, 5, 10)).toBe(7);
    expect(priorityFromScore(0.7, 0, 10)).toBe(2);
    expect(priorityFromScore(0.5, 0, 10)).toBe(0);
    expect(priorityFromScore(0.9, 8, 0)).toBe(8);
  });
});
