export { itemId } from './ids.js';
export { DEFAULT_PRIORITY, MAX_PRIORITY, MIN_PRIORITY, clampPriority } from './priority.js';
export { MAX_MARKUP_DEPTH, nestsDeeperThan } from './markup-depth.js';
export { DEAD_LETTER_REASONS, DEAD_LETTER_STAGES, deadLetterLabels } from './dead-letters.js';
