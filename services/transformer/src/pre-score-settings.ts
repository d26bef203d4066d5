// The `transformer.priority:` section: how the pre-score turns what is known before inference into an item's
// priority (pre-score.ts, docs/scoring.md "Priority before inference").
import { z } from '@sluice/service-kit';

const interestRuleSchema = z.strictObject({
  /** Words or phrases matched case-insensitively as whole words in the title and text. */
  keywords: z.array(z.string().trim().min(1)).min(1),
  /** Priority levels added when any keyword matches (negative lowers). */
  levels: z.number().min(-9).max(9),
});

export const preScoreSettingsSchema = z.strictObject({
  /** false: items keep the priority they arrived with (the source's or the push's). */
  enabled: z.boolean().default(true),
  /** Levels added for the source's weight: (weight − 0.5) × this (weight 0 = unset: nothing). */
  source_weight_levels: z.number().min(0).max(9).default(2),
  /** Levels added for freshness: (2^(−age / half-life) − 0.5) × this (unknown publication date: nothing). */
  freshness_levels: z.number().min(0).max(9).default(2),
  freshness_half_life_hours: z.number().positive().default(24),
  /** Levels added for engagement: saturation(points + comments) × this (no engagement signals: nothing). */
  engagement_levels: z.number().min(0).max(9).default(2),
  /** Points (comments count double) at which the engagement signal is at 63% of its maximum. */
  engagement_saturation: z.number().positive().default(100),
  /** Levels added to a duplicate of an item already seen (exact or near); usually negative. */
  duplicate_levels: z.number().min(-9).max(9).default(-3),
  /** Interest rules: the levels of every matching rule are added. */
  rules: z.array(interestRuleSchema).default([]),
});

export type PreScoreSettings = z.infer<typeof preScoreSettingsSchema>;
