// The stages and reason codes a dead letter can carry, as fixed label sets for metrics: a value outside them
// (a newer stage, a typo) is counted as "other", so a label never holds free text.

export const DEAD_LETTER_STAGES = ['collector', 'transformer', 'inference', 'scorer', 'persistence'] as const;

export const DEAD_LETTER_REASONS = [
  // collector
  'invalid_item',
  'invalid_json',
  'invalid_record',
  'invalid_url',
  // transformer
  'transform_failed',
  // inference
  'model_error',
  'expired',
  // scorer
  'score_failed',
  // persistence
  'invalid_embedding',
  'write_failed',
] as const;

const STAGES: ReadonlySet<string> = new Set(DEAD_LETTER_STAGES);
const REASONS: ReadonlySet<string> = new Set(DEAD_LETTER_REASONS);

/** Metric labels of a dead letter: its stage and reason code, or "other". */
export function deadLetterLabels(stage: string, reason: string): { stage: string; reason: string } {
  return { stage: STAGES.has(stage) ? stage : 'other', reason: REASONS.has(reason) ? reason : 'other' };
}
