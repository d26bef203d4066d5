// The `scorer:` section of config/sluice.yaml. Every key has a default, so an absent section works.
// The formula is documented in docs/scoring.md.
import { downstreamSettings } from '@sluice/protocol';
import { z } from '@sluice/service-kit';

export const profileSchema = z.strictObject({
  /** Shown in the relevance component's detail ("best profile: ..."). */
  name: z.string().min(1),
  /** What the profile is interested in, in plain words: it is embedded like an item. */
  description: z.string().min(1),
  /** 0..1: how much a perfect match with this profile counts. */
  weight: z.number().min(0).max(1).default(1),
});
export type InterestProfile = z.infer<typeof profileSchema>;

export const weightsSchema = z.strictObject({
  relevance: z.number().min(0).default(0.35),
  freshness: z.number().min(0).default(0.2),
  authority: z.number().min(0).default(0.15),
  novelty: z.number().min(0).default(0.15),
  engagement: z.number().min(0).default(0.1),
  sentiment: z.number().min(0).default(0.05),
});
export type ScoreWeights = z.infer<typeof weightsSchema>;

export const DEFAULT_PROFILES: InterestProfile[] = [
  {
    name: 'technology',
    description: 'software, programming, computers, artificial intelligence, the internet and new technology',
    weight: 1,
  },
  { name: 'science', description: 'scientific research, discoveries, space, physics, biology and medicine', weight: 1 },
];

export const scorerSettingsSchema = z.strictObject({
  profiles: z.array(profileSchema).default(DEFAULT_PROFILES),
  weights: weightsSchema.default(weightsSchema.parse({})),
  /** Cosine similarity mapped to relevance 0 (at or below) ... */
  relevance_min_similarity: z.number().min(-1).max(1).default(0.1),
  /** ... and to relevance 1 (at or above). */
  relevance_max_similarity: z.number().min(-1).max(1).default(0.6),
  /** Freshness halves every this many hours of age. */
  freshness_half_life_hours: z.number().positive().default(24),
  /** Authority of a source whose source_weight is unset (0). */
  default_source_weight: z.number().min(0).max(1).default(0.5),
  /** points + comments_weight × comments reaching this count as engagement 1 (logarithmic below). */
  engagement_saturation: z.number().positive().default(500),
  engagement_comments_weight: z.number().min(0).default(2),
  /** Which sentiment counts as 1: positive (negative counts 0), neutral (both extremes lower), negative. */
  sentiment_preference: z.enum(['positive', 'neutral', 'negative']).default('positive'),
  /** The final score is multiplied by 1 − spam_penalty × P(spam). */
  spam_penalty: z.number().min(0).max(1).default(0.8),
  /** Recent item embeddings kept for novelty (distance to the nearest recent item). */
  novelty_window_items: z.number().int().min(0).default(2000),
  /** shared: the window holds the items scored by every scorer replica (persistence's shared log, this
   *  replica's window is a local copy); replica: this replica's items only. */
  novelty_scope: z.enum(['shared', 'replica']).default('shared'),
  /** Deadline of one shared-log call; after a failed one, novelty uses this replica's window for
   *  shared_state_retry_seconds before the shared log is tried again. */
  shared_state_timeout_milliseconds: z.number().int().min(50).default(2000),
  shared_state_retry_seconds: z.number().min(0).default(10),
  /** Final priority = arriving priority (the pre-score's) + (score − 0.5) × priority_score_range, clamped to 0..9. */
  priority_score_range: z.number().min(0).default(10),
  /** Where items × profiles and the novelty window are computed: local (this process), inference (the similarity
   *  graph on the inference service's device), auto (inference when its models run on a GPU provider, else local). */
  similarity_backend: z.enum(['auto', 'local', 'inference']).default('auto'),
  /** Embed RPC deadline, and how long to keep retrying at start-up before serving without profiles. */
  embed_timeout_seconds: z.number().positive().default(30),
  profile_startup_timeout_seconds: z.number().positive().default(180),
  /** Towards persistence (packages/protocol downstream-settings.ts). */
  ...downstreamSettings({ maxInFlightItems: 4000 }),
  /** Waiting this long raises a batch's priority by one level in this stage's queues (starvation protection). */
  priority_aging_milliseconds: z.number().int().min(1).default(5000),
});

export type ScorerSettings = z.infer<typeof scorerSettingsSchema>;
