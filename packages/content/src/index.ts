export { contentExternalId, itemId } from './ids.js';
// Priorities are defined once in @sluice/common (priority.ts); re-exported for the stages that import them here.
export {
  DEFAULT_PRIORITY,
  DEFAULT_PRIORITY_AGING_MILLISECONDS,
  MAX_PRIORITY,
  MIN_PRIORITY,
  agedPriority,
  batchPriority,
  clampPriority,
} from '@sluice/common';
export { MAX_MARKUP_DEPTH, nestsDeeperThan } from './markup-depth.js';
export { DEAD_LETTER_REASONS, DEAD_LETTER_STAGES, deadLetterLabels } from './dead-letters.js';
