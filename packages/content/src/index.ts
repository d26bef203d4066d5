export { itemId } from './ids.js';
export { DEFAULT_PRIORITY, MAX_PRIORITY, MIN_PRIORITY, clampPriority } from './priority.js';
