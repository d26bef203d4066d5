import type { NormalizedItem, RawItem__Output } from '@sluice/protocol';
import { describe, expect, it } from 'vitest';
import { preScoreSettingsSchema } from '../src/pre-score-settings.js';
import { interestMatcher, preScore } from '../src/pre-score.js';

const NOW = Date.UTC(2026, 11, 8);
const HOUR = 3_600_000;

function raw(overrides: Partial<RawItem__Output> = {}): RawItem__Output {
  return { priority: 5, source_weight: 0, published_at_ms: 0, engagement: null, ...overrides } as RawItem__Output;
}
const text = (title: string, body = ''): NormalizedItem => ({ title, text: body });

describe('pre-score (priority before inference)', () => {
  const settings = preScoreSettingsSchema.parse({
    rules: [
      { keywords: ['earthquake', 'tsunami warning'], levels: 3 },
      { keywords: ['horoscope'], levels: -2 },
    ],
  });
  const matcher = interestMatcher(settings.rules);
  const score = (r: RawItem__Output, n: NormalizedItem = text('plain')) => preScore(r, n, settings, matcher, NOW);

  it('keeps the arriving priority when nothing else is known', () => {
    expect(score(raw())).toMatchObject({ priority: 5, levels: { weight: 0, freshness: 0, engagement: 0, rules: 0 } });
    expect(score(raw({ priority: 0 })).priority).toBe(0);
  });

  it('raises fresh, heavily engaged items of trusted sources and lowers stale ones', () => {
    expect(score(raw({ priority: 5, source_weight: 1, published_at_ms: NOW })).priority).toBe(7);
    expect(score(raw({ priority: 5, published_at_ms: NOW - 30 * 24 * HOUR })).priority).toBe(4);
    expect(score(raw({ priority: 5, engagement: { points: 1000, comments: 0 } })).priority).toBe(7);
  });

  it('lowers duplicates of an item already seen', () => {
    expect(score(raw(), { ...text('plain'), duplicate_of: 'x' }).priority).toBe(2);
  });

  it('applies interest rules as whole words, case-insensitively, in title and text', () => {
    expect(score(raw(), text('Earthquake hits the coast')).levels.rules).toBe(3);
    expect(score(raw(), text('news', 'officials issued a Tsunami Warning today')).levels.rules).toBe(3);
    expect(score(raw(), text('earthquakes (plural) do not match the word')).levels.rules).toBe(0);
    expect(score(raw(), text('earthquake and horoscope')).priority).toBe(6);
    expect(score(raw({ priority: 8 }), text('earthquake')).priority).toBe(9);
  });

  it('rejects unknown keys and empty rules at start-up', () => {
    expect(() => preScoreSettingsSchema.parse({ rule: [] })).toThrow();
    expect(() => preScoreSettingsSchema.parse({ rules: [{ keywords: [], levels: 1 }] })).toThrow();
  });
});
