export { contentExternalId, itemId } from './ids.js';
export { MAX_MARKUP_DEPTH, nestsDeeperThan } from './markup-depth.js';
export { DEAD_LETTER_REASONS, DEAD_LETTER_STAGES, deadLetterLabels } from './dead-letters.js';
export { buildRawItem, type BuiltRawItem, type RawItemFields } from './raw-item.js';
