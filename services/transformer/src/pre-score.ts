// Priority before inference: what is known once an item is normalized (its source's priority and weight,
// freshness, engagement, whether it duplicates an earlier item, configured interest rules) moves the item's
// priority up or down from the one it arrived with, so every later stage serves it in the right order. The final
// score, after inference, is the scorer's (docs/scoring.md).
import { clampPriority } from '@sluice/common';
import type { NormalizedItem, RawItem__Output } from '@sluice/protocol';
import type { PreScoreSettings } from './pre-score-settings.js';

const HOUR_MS = 3_600_000;

/** What went into an item's priority, by signal, in priority levels. */
export interface PreScore {
  priority: number;
  levels: { source: number; weight: number; freshness: number; engagement: number; duplicate: number; rules: number };
}

export interface InterestMatcher {
  /** Levels of the rules whose keywords occur in the text. */
  levels(text: string): number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles the interest rules once (one case-insensitive whole-word pattern per rule). */
export function interestMatcher(rules: PreScoreSettings['rules']): InterestMatcher {
  const compiled = rules.map((rule) => ({
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${rule.keywords.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
    levels: rule.levels,
  }));
  return {
    levels: (text) => compiled.reduce((sum, rule) => sum + (rule.pattern.test(text) ? rule.levels : 0), 0),
  };
}

export function preScore(
  raw: RawItem__Output,
  normalized: NormalizedItem,
  settings: PreScoreSettings,
  matcher: InterestMatcher,
  nowMs: number,
): PreScore {
  const source = clampPriority(raw.priority ?? 0);
  const weight = raw.source_weight > 0 ? (raw.source_weight - 0.5) * settings.source_weight_levels : 0;
  const published = Number(raw.published_at_ms ?? 0);
  const freshness =
    published > 0
      ? (2 ** (-Math.max(0, nowMs - published) / (settings.freshness_half_life_hours * HOUR_MS)) - 0.5) *
        settings.freshness_levels
      : 0;
  const signal = Number(raw.engagement?.points ?? 0) + 2 * Number(raw.engagement?.comments ?? 0);
  const engagement =
    signal > 0 ? (1 - Math.exp(-signal / settings.engagement_saturation)) * settings.engagement_levels : 0;
  const duplicate = normalized.duplicate_of ? settings.duplicate_levels : 0;
  const rules = matcher.levels(`${normalized.title ?? ''}\n${normalized.text ?? ''}`);
  const levels = { source, weight, freshness, engagement, duplicate, rules };
  return { priority: clampPriority(source + weight + freshness + engagement + duplicate + rules), levels };
}
